//! Bastion's automation tasks, run as `cargo xtask <task>`.

fn main() {
    eprintln!("usage: cargo xtask <serve|test|dist|bench|setup>");
    std::process::exit(2);
}
