//! The `bastion` command: runs Bastion sessions headlessly for instructors, tests and benchmarks.

fn main() {
    println!("{} {}", engine::PRODUCT, engine::VERSION);
}
