//! The app's components, one per file.

pub mod editor;
pub mod error_panel;
pub mod header;
pub mod terminal;
pub mod update_banner;
pub mod workspace;
