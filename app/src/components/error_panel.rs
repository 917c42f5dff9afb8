//! The panic safety net: a panic hook that shows an error panel built with plain DOM calls, outside Yew's tree,
//! so a Rust panic never leaves a white page and never overwrites the last good save.

use std::cell::Cell;

use crate::i18n::{Lang, Text, t};
use crate::state::{ASIDE_KEY, SAVE_KEY};

thread_local! {
    static PANICKED: Cell<bool> = const { Cell::new(false) };
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Whether a panic happened; autosaves stop from then on.
pub fn panicked() -> bool {
    PANICKED.with(Cell::get)
}

/// Remembers the UI language for the panel's text.
pub fn set_panel_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Installs the panic hook (once, before the app mounts).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        PANICKED.with(|p| p.set(true));
        let message = info.to_string();
        web_sys::console::error_1(&format!("bastion: {message}").into());
        show_panel(&message);
    }));
}

/// Builds the error panel in the page; its buttons are plain JavaScript because the wasm instance is gone.
fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id("panic-panel").is_some() {
        return;
    }
    let lang = LANG.with(Cell::get);
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("panic-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "panic-title");
    let _ = panel.set_attribute("lang", lang.code());
    let add = |parent: &web_sys::Element, tag: &str, text: &str| {
        document.create_element(tag).ok().inspect(|el| {
            el.set_text_content(Some(text));
            let _ = parent.append_child(el);
        })
    };
    if let Some(title) = add(&panel, "h2", t(lang, Text::PanicTitle)) {
        title.set_id("panic-title");
    }
    add(&panel, "p", t(lang, Text::PanicBody));
    add(&panel, "pre", message);
    if let Some(restore) = add(&panel, "button", t(lang, Text::PanicRestore)) {
        let _ = restore.set_attribute("type", "button");
        let _ = restore.set_attribute("onclick", "location.reload()");
    }
    if let Some(fresh) = add(&panel, "button", t(lang, Text::PanicFresh)) {
        let _ = fresh.set_attribute("type", "button");
        let script = format!(
            "var s=localStorage.getItem('{SAVE_KEY}');if(s!==null){{localStorage.setItem('{ASIDE_KEY}',s);localStorage.removeItem('{SAVE_KEY}');}}location.reload()"
        );
        let _ = fresh.set_attribute("onclick", &script);
    }
    let _ = body.append_child(&panel);
}
