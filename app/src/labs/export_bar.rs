//! `ExportBar`: the learner's name and the button that downloads their progress file for the instructor.

use engine::labs::{Lab, Progress};
use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use super::text::{L, tr};
use crate::i18n::Lang;
use crate::state::SessionCtx;

/// Where the learner's name is remembered.
pub const LEARNER_KEY: &str = "bastion.labs.learner";

/// What [`ExportBar`] needs.
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab.
    pub lab: &'static Lab,
    /// Its progress.
    pub progress: Progress,
}

/// A file name part from a learner's name: letters and digits (any script), others as `-`.
pub fn file_part(name: &str) -> String {
    let part: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    part.trim_matches('-').to_owned()
}

/// The name field and the export button.
#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the export bar needs the session context");
    let lang = props.lang;
    let name = use_state(|| {
        LocalStorage::raw()
            .get_item(LEARNER_KEY)
            .ok()
            .flatten()
            .unwrap_or_default()
    });
    let missing = use_state(|| false);
    let oninput = {
        let (name, missing) = (name.clone(), missing.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let _ = LocalStorage::raw().set_item(LEARNER_KEY, &input.value());
                name.set(input.value());
                missing.set(false);
            }
        })
    };
    let onclick = {
        let (name, missing) = (name.clone(), missing.clone());
        let (lab, progress) = (props.lab, props.progress.clone());
        let session = ctx.session.clone();
        Callback::from(move |_| {
            if name.trim().is_empty() {
                missing.set(true);
                return;
            }
            let now = session
                .as_ref()
                .and_then(|s| s.try_borrow().ok().map(|s| s.cluster.now))
                .unwrap_or_default();
            let file = progress.export(lab, &name, now);
            super::download_json(
                &format!("bastion-progress-{}-{}.json", lab.id, file_part(&name)),
                &file.to_json(),
            );
        })
    };
    html! {
        <div class="lab-export">
            <label>
                { tr(lang, L::Learner) }
                <input type="text" class="lab-learner" placeholder={tr(lang, L::LearnerPlaceholder)}
                    value={(*name).clone()} {oninput} aria-invalid={missing.to_string()} />
            </label>
            <button type="button" class="lab-export-button" {onclick}>{ tr(lang, L::ExportProgress) }</button>
            if *missing {
                <p class="lab-warning" role="alert">{ tr(lang, L::NeedName) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_of_any_script() {
        assert_eq!(file_part(" 김 민수 "), "김-민수");
        assert_eq!(file_part("a/b\\c"), "a-b-c");
        assert_eq!(file_part("--"), "");
    }
}
