//! The browser entry point: mounts the app.

fn main() {
    app::start();
}
