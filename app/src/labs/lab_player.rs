//! `LabPlayer`: one lab — its title and text in the UI language, the step list with progress, the current step's
//! checks as evaluated against the live session, hints, the finished screen, the export of progress, and the
//! instructor's tools when instructor mode is on.

use yew::prelude::*;

use super::catalog;
use super::export_bar::ExportBar;
use super::instructor_bar::InstructorBar;
use super::lab_finished::LabFinished;
use super::lab_state::{LabAction, LabState, LabView};
use super::step_item::{StepItem, StepStatus};
use super::text::{L, tr};
use crate::i18n::Lang;
use crate::state::SessionCtx;

/// What [`LabPlayer`] needs.
#[derive(Properties, PartialEq)]
pub struct LabPlayerProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab state.
    pub state: UseReducerHandle<LabState>,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
}

/// The lab player.
#[function_component(LabPlayer)]
pub fn lab_player(props: &LabPlayerProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the lab player needs the session context");
    let lang = props.lang;
    let code = lang.code();
    let state = props.state.clone();
    // Bring the step to work on (or the finished screen) into view when it changes.
    let position = state
        .progress
        .as_ref()
        .map(|p| (p.lab.clone(), p.current()));
    use_effect_with(position, |position| {
        if position.is_some() {
            reveal(".lab-finished, .lab-step.current");
        }
    });
    let back = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(LabAction::Show(LabView::List)))
    };
    let lab_id = state
        .preview
        .clone()
        .or_else(|| state.progress.as_ref().map(|p| p.lab.clone()));
    let Some(lab) = lab_id.as_deref().and_then(catalog::lab) else {
        return html! {
            <section class="lab-player">
                <button type="button" class="lab-back" onclick={back}>{ tr(lang, L::BackToLabs) }</button>
            </section>
        };
    };
    let scenario = ctx
        .session
        .as_ref()
        .and_then(|s| s.try_borrow().ok().map(|s| s.scenario.clone()));
    let start = |fresh: bool| {
        let (ctx, restart, state) = (ctx.clone(), props.restart.clone(), state.clone());
        Callback::from(move |_| super::start_lab(lab, &ctx, &restart, &state, lang, fresh))
    };
    let on_instructor = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.dispatch(LabAction::SetInstructor(input.checked()));
            }
        })
    };

    let progress = state.progress.clone().filter(|_| state.preview.is_none());
    let done = progress.as_ref().map_or(0, |p| p.done_count());
    let total = lab.steps.len();
    let head = html! {
        <header class="lab-head">
            <div class="lab-head-row">
                <button type="button" class="lab-back" onclick={back}>{ tr(lang, L::BackToLabs) }</button>
                <label class="lab-instructor-toggle">
                    <input type="checkbox" checked={state.instructor} onchange={on_instructor} />
                    { tr(lang, L::Instructor) }
                </label>
            </div>
            <h2 class="lab-title">{ lab.title.get(code).to_owned() }</h2>
            <div class="lab-meta">
                <span class="lab-badge">{ lab.scenario.clone() }</span>
                <progress class="lab-progress" max={total.to_string()} value={done.to_string()}
                    aria-label={tr(lang, L::StepOf)}></progress>
                <span class="lab-count">{ format!("{done}/{total} {}", tr(lang, L::StepOf)) }</span>
            </div>
        </header>
    };

    let Some(progress) = progress else {
        // A preview: the lab's introduction and steps, and the button that starts it.
        return html! {
            <section class="lab-player" data-lab={lab.id.clone()}>
                { head }
                <p class="lab-text">{ super::inline_code(lab.text.get(code)) }</p>
                <ol class="lab-steps preview">
                    { for lab.steps.iter().map(|s| html! { <li class="lab-step pending"><span class="lab-step-title">{ s.title.get(code).to_owned() }</span></li> }) }
                </ol>
                <button type="button" class="lab-start primary" disabled={ctx.session.is_none()} onclick={start(false)}>
                    { tr(lang, L::Start) }
                </button>
            </section>
        };
    };

    let mismatch = scenario.as_deref().is_some_and(|s| s != lab.scenario);
    let evaluation = state.evaluation.clone();
    let current = progress.current();
    let on_hint = {
        let state = state.clone();
        Callback::from(move |step: usize| state.dispatch(LabAction::RevealHint(step)))
    };
    let steps = lab.steps.iter().enumerate().map(|(i, _)| {
        let step_state = progress.steps.get(i).cloned().unwrap_or_default();
        let status = match step_state.done_at {
            Some(at) => StepStatus::Done(at),
            None if i == current => StepStatus::Current,
            None => StepStatus::Pending,
        };
        let results = evaluation
            .as_ref()
            .filter(|e| e.step == i && status == StepStatus::Current)
            .map(|e| e.results.clone());
        html! {
            <StepItem lang={lang} lab={lab} index={i} status={status} hints={step_state.hints}
                results={results} instructor={state.instructor} on_hint={on_hint.clone()} on_run={ctx.run.clone()} />
        }
    });
    html! {
        <section class="lab-player" data-lab={lab.id.clone()}>
            { head }
            if mismatch {
                <p class="lab-warning" role="status">
                    { format!("{} ({} ≠ {}) ", tr(lang, L::OtherScenario), lab.scenario, scenario.clone().unwrap_or_default()) }
                    <button type="button" onclick={start(false)}>{ tr(lang, L::SwitchAndStart) }</button>
                </p>
            }
            if ctx.session.is_none() {
                <p class="lab-note">{ tr(lang, L::StartingCluster) }</p>
            }
            if state.instructor {
                <InstructorBar lang={lang} lab={lab} state={state.clone()} restart={props.restart.clone()} />
            }
            <p class="lab-text">{ super::inline_code(lab.text.get(code)) }</p>
            if progress.finished() {
                <LabFinished lang={lang} lab={lab} progress={progress.clone()} />
            }
            <ol class="lab-steps">{ for steps }</ol>
            <ExportBar lang={lang} lab={lab} progress={progress.clone()} />
        </section>
    }
}

/// Scrolls the lab pane so the first element matching `selector` is in view (only when it is not).
fn reveal(selector: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(Some(pane)), Ok(Some(el))) = (
        doc.query_selector(".labs-body"),
        doc.query_selector(selector),
    ) else {
        return;
    };
    let (outer, inner) = (
        pane.get_bounding_client_rect(),
        el.get_bounding_client_rect(),
    );
    if inner.top() < outer.top() || inner.bottom() > outer.bottom() {
        let delta = (inner.top() - outer.top() - 8.0).round() as i32;
        pane.set_scroll_top(pane.scroll_top() + delta);
    }
}
