//! The lab player: the labs of `lessons/labs/` in the lesson slot, checked against the live session after every
//! change, with hints, a finished screen, progress saved with the session, and an instructor mode (solutions,
//! reset, presentation, class progress from learners' exported files).

pub mod catalog;
mod class_progress;
mod export_bar;
mod instructor_bar;
mod lab_finished;
mod lab_list;
mod lab_player;
pub mod lab_state;
mod labs_pane;
mod step_item;
pub mod text;
mod use_lab_checks;
mod use_lab_state;

use std::cell::RefCell;

use engine::labs::{Lab, Progress};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use lab_state::{LabAction, LabState, LabView};
pub use labs_pane::{LabsPane, LabsPaneProps};
pub use use_lab_state::use_lab_state;

use crate::i18n::Lang;
use crate::state::SessionCtx;
use text::{L, tr};

thread_local! {
    /// The current lab's progress as the autosave writes it (kept in step by [`use_lab_state`]).
    static SAVED: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// The current lab's progress, for the session's autosave record.
pub fn saved_progress() -> Option<Progress> {
    SAVED.with(|s| s.borrow().clone())
}

fn set_saved_progress(progress: Option<Progress>) {
    SAVED.with(|s| *s.borrow_mut() = progress);
}

/// Starts `lab`: when the session runs another scenario (or `fresh` asks for it) a fresh session of the lab's
/// scenario replaces it, after the learner agrees to a switch; then its setup commands run in the terminal and
/// its progress starts over.
pub fn start_lab(
    lab: &'static Lab,
    ctx: &SessionCtx,
    restart: &Callback<String>,
    state: &UseReducerHandle<LabState>,
    lang: Lang,
    fresh: bool,
) {
    let current = ctx
        .session
        .as_ref()
        .and_then(|s| s.try_borrow().ok().map(|s| s.scenario.clone()));
    let switch = current.as_deref() != Some(lab.scenario.as_str());
    if switch && !fresh && !gloo::dialogs::confirm(tr(lang, L::ConfirmSwitch)) {
        return;
    }
    if switch || fresh {
        restart.emit(lab.scenario.clone());
    }
    for line in &lab.setup {
        ctx.run.emit(line.clone());
    }
    state.dispatch(LabAction::Start(Progress::new(lab)));
}

/// The lesson's link to its lab (front matter `lab`): a button that opens the lab in the player through the
/// lesson pane's `on_view` (`lab/<id>`); nothing when the lesson has no lab or the lab is not embedded.
pub fn lesson_lab_link(lab: &str, lang: &str, on_view: &Callback<String>) -> Html {
    let Some(lab) = catalog::lab(lab) else {
        return Html::default();
    };
    let lang = if lang == "ko" { Lang::Ko } else { Lang::En };
    let on_view = on_view.clone();
    let view = format!("lab/{}", lab.id);
    html! {
        <p class="lesson-lab">
            <button type="button" class="view-link lesson-lab-link" onclick={Callback::from(move |_| on_view.emit(view.clone()))}>
                { format!("▶ {}: {}", tr(lang, L::Lab), lab.title.get(lang.code())) }
            </button>
        </p>
    }
}

/// Text with `code` spans (between backticks) as `<code>` elements.
pub fn inline_code(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_owned() }</code> }
            } else {
                html! { part.to_owned() }
            }
        })
        .collect()
}

/// The time of day of a virtual RFC 3339 timestamp (`2026-11-23T07:15:00Z` → `07:15:00`).
pub fn clock_time(rfc3339: &str) -> String {
    rfc3339
        .split_once('T')
        .map(|(_, t)| t.trim_end_matches('Z').to_owned())
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// A virtual duration as `1h 02m 03s`, `2m 03s` or `45s`.
pub fn duration(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}h {m:02}m {s:02}s")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

/// Offers `text` as a downloaded JSON file called `name`.
pub fn download_json(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a")
        && let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_durations_read_well() {
        assert_eq!(clock_time("2026-11-23T07:15:09Z"), "07:15:09");
        assert_eq!(clock_time("odd"), "odd");
        assert_eq!(duration(45_000), "45s");
        assert_eq!(duration(123_000), "2m 03s");
        assert_eq!(duration(3_723_000), "1h 02m 03s");
        assert_eq!(duration(-5), "0s");
    }
}
