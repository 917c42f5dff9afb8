//! The app's hooks, one per file.

pub mod use_clock;
pub mod use_session;
pub mod browser;

pub use use_clock::use_clock;
pub use use_session::{SessionControls, use_session};
