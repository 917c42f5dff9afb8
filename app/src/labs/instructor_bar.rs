//! `InstructorBar`: the instructor's tools in the lab player — reset the lab (a fresh session of its scenario
//! plus its setup), presentation mode with large type, and the class progress table.

use engine::labs::Lab;
use yew::prelude::*;

use super::lab_state::{LabAction, LabState, LabView};
use super::text::{L, tr};
use crate::i18n::Lang;
use crate::state::SessionCtx;

/// What [`InstructorBar`] needs.
#[derive(Properties, PartialEq)]
pub struct InstructorBarProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab.
    pub lab: &'static Lab,
    /// The lab state.
    pub state: UseReducerHandle<LabState>,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
}

/// The instructor's tool bar.
#[function_component(InstructorBar)]
pub fn instructor_bar(props: &InstructorBarProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the instructor bar needs the session context");
    let lang = props.lang;
    let state = props.state.clone();
    let on_reset = {
        let (ctx, restart, state, lab) =
            (ctx.clone(), props.restart.clone(), state.clone(), props.lab);
        Callback::from(move |_| {
            if gloo::dialogs::confirm(tr(lang, L::ConfirmReset)) {
                super::start_lab(lab, &ctx, &restart, &state, lang, true);
            }
        })
    };
    let presenting = state.presenting;
    let on_present = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(LabAction::SetPresenting(!presenting)))
    };
    let on_class = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(LabAction::Show(LabView::Class)))
    };
    html! {
        <div class="lab-instructor-bar" role="toolbar" aria-label={tr(lang, L::Instructor)}>
            <button type="button" class="lab-reset" onclick={on_reset}>{ tr(lang, L::ResetLab) }</button>
            <button type="button" class="lab-present" aria-pressed={presenting.to_string()} onclick={on_present}>
                { tr(lang, L::Presentation) }
            </button>
            <button type="button" class="lab-class-open" onclick={on_class}>{ tr(lang, L::ClassProgress) }</button>
        </div>
    }
}
