//! `use_lab_state`: the lab player's state, restored from the autosave at start, its progress kept in the
//! autosave (written through the session's `save`), instructor mode remembered and presentation mode applied
//! to the document root.

use engine::labs::Progress;
use gloo::storage::{LocalStorage, Storage};
use serde::Deserialize;
use yew::prelude::*;

use super::lab_state::LabState;
use crate::state::SAVE_KEY;

/// Where instructor mode is remembered.
pub const INSTRUCTOR_KEY: &str = "bastion.labs.instructor";

/// The class on the document root while presentation mode is on.
pub const PRESENTING_CLASS: &str = "presenting";

/// The lab part of the autosave record (the rest is read by the app).
#[derive(Deserialize)]
struct SavedLab {
    #[serde(default)]
    lab: Option<Progress>,
}

/// The lab progress in the autosave, if it reads.
fn restore() -> Option<Progress> {
    let text = LocalStorage::raw().get_item(SAVE_KEY).ok()??;
    let mut progress = serde_json::from_str::<SavedLab>(&text).ok()?.lab?;
    let lab = super::catalog::lab(&progress.lab)?;
    progress.fit(lab);
    Some(progress)
}

/// The lab player's state; `save` writes the autosave (which takes the progress from [`super::saved_progress`]).
#[hook]
pub fn use_lab_state(save: Callback<()>) -> UseReducerHandle<LabState> {
    let state = use_reducer(|| {
        let progress = restore();
        super::set_saved_progress(progress.clone());
        let instructor = LocalStorage::raw()
            .get_item(INSTRUCTOR_KEY)
            .ok()
            .flatten()
            .is_some_and(|v| v == "1");
        LabState::restored(progress, instructor)
    });
    use_effect_with(state.progress.clone(), move |progress| {
        super::set_saved_progress(progress.clone());
        save.emit(());
    });
    use_effect_with(state.instructor, |&on| {
        let _ = LocalStorage::raw().set_item(INSTRUCTOR_KEY, if on { "1" } else { "0" });
    });
    use_effect_with(state.presenting, |&on| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let list = root.class_list();
            let _ = if on {
                list.add_1(PRESENTING_CLASS)
            } else {
                list.remove_1(PRESENTING_CLASS)
            };
        }
    });
    state
}
