//! Browser preferences read once at start: the colour scheme and the language the browser asks for.

use crate::state::Theme;

/// The theme the operating system prefers (dark unless it asks for light).
pub fn system_theme() -> Theme {
    let light = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-color-scheme: light)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    if light { Theme::Light } else { Theme::Dark }
}

/// The browser's language tag (`navigator.language`), empty when unknown.
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}
