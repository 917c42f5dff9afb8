//! The app's hooks, one per file.

pub mod browser;
pub mod data_files;
pub mod timing;
pub mod use_clock;
pub mod use_session;
pub mod use_width;

pub use use_clock::use_clock;
pub use use_session::{SessionControls, use_session};
pub use use_width::use_width;
