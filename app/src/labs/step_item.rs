//! `StepItem`: one step of the lab player — done (with its virtual time), current (instructions, the result of
//! every check with the reason a failing one fails, hints one at a time) or still to do; in instructor mode
//! also its reference solution with Run buttons.

use engine::api::time::rfc3339;
use engine::labs::{CheckResult, Lab};
use yew::prelude::*;

use super::text::{L, tr};
use crate::i18n::Lang;

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Done at this virtual time (milliseconds).
    Done(i64),
    /// The step the learner works on.
    Current,
    /// A later step.
    Pending,
}

/// What [`StepItem`] needs.
#[derive(Properties, PartialEq)]
pub struct StepItemProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab.
    pub lab: &'static Lab,
    /// The step's index.
    pub index: usize,
    /// Where it stands.
    pub status: StepStatus,
    /// How many hints are revealed.
    pub hints: usize,
    /// The results of its checks (for the current step, once evaluated).
    #[prop_or_default]
    pub results: Option<Vec<CheckResult>>,
    /// Whether instructor mode is on.
    pub instructor: bool,
    /// Reveals the next hint of a step.
    pub on_hint: Callback<usize>,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
}

/// One step.
#[function_component(StepItem)]
pub fn step_item(props: &StepItemProps) -> Html {
    let lang = props.lang;
    let code = lang.code();
    let Some(step) = props.lab.steps.get(props.index) else {
        return Html::default();
    };
    let (class, icon, state_text) = match props.status {
        StepStatus::Done(at) => (
            "done",
            "✓",
            format!("{} {}", tr(lang, L::Done), super::clock_time(&rfc3339(at))),
        ),
        StepStatus::Current => ("current", "▶", tr(lang, L::Current).to_owned()),
        StepStatus::Pending => ("pending", "○", tr(lang, L::Pending).to_owned()),
    };
    let current = props.status == StepStatus::Current;

    let checks = if current {
        match &props.results {
            Some(results) => {
                let passing = results.iter().filter(|r| r.passed).count();
                html! {
                    <div class="lab-checks-box" aria-live="polite">
                        <p class="lab-checks-head">
                            { format!("{} · {passing}/{} {}", tr(lang, L::Checks), results.len(), tr(lang, L::Passing)) }
                        </p>
                        <ul class="lab-checks">
                            { for results.iter().map(|r| html! {
                                <li class={if r.passed { "lab-check pass" } else { "lab-check fail lab-failing" }}>
                                    <span class="lab-check-icon" aria-hidden="true">{ if r.passed { "✓" } else { "✗" } }</span>
                                    <span class="lab-check-text">
                                        if !r.passed {
                                            <span class="visually-hidden">{ format!("{}: ", tr(lang, L::Failing)) }</span>
                                        }
                                        { super::inline_code(r.detail.get(code)) }
                                    </span>
                                </li>
                            }) }
                        </ul>
                    </div>
                }
            }
            None => html! { <p class="lab-note">{ tr(lang, L::NotChecked) }</p> },
        }
    } else {
        Html::default()
    };

    let hints = if current && !step.hints.is_empty() {
        let shown = props.hints.min(step.hints.len());
        let index = props.index;
        let on_hint = props.on_hint.clone();
        let more = shown < step.hints.len();
        html! {
            <div class="lab-hints">
                <ol class="lab-hint-list">
                    { for step.hints.iter().take(shown).enumerate().map(|(i, h)| html! {
                        <li class="lab-hint"><strong>{ format!("{} {}: ", tr(lang, L::Hint), i + 1) }</strong>{ super::inline_code(h.get(code)) }</li>
                    }) }
                </ol>
                <button type="button" class="lab-hint-button" disabled={!more}
                    onclick={Callback::from(move |_| on_hint.emit(index))}>
                    { if more { format!("{} ({}/{})", tr(lang, L::ShowHint), shown + 1, step.hints.len()) } else { tr(lang, L::NoMoreHints).to_owned() } }
                </button>
            </div>
        }
    } else {
        Html::default()
    };

    let solution = if props.instructor && !step.solution.is_empty() {
        let run_all = {
            let on_run = props.on_run.clone();
            let lines = step.solution.clone();
            Callback::from(move |_| lines.iter().for_each(|l| on_run.emit(l.clone())))
        };
        html! {
            <div class="lab-solution">
                <div class="lab-solution-head">
                    <h4>{ tr(lang, L::Solution) }</h4>
                    <button type="button" class="lab-run-all" onclick={run_all}>{ tr(lang, L::RunAll) }</button>
                </div>
                <ul>
                    { for step.solution.iter().map(|line| {
                        let on_run = props.on_run.clone();
                        let l = line.clone();
                        html! {
                            <li>
                                <code>{ line.clone() }</code>
                                <button type="button" class="lab-run" onclick={Callback::from(move |_| on_run.emit(l.clone()))}>{ tr(lang, L::Run) }</button>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    } else {
        Html::default()
    };

    html! {
        <li class={classes!("lab-step", class)} data-step={props.index.to_string()}
            aria-current={current.then_some("step")}>
            <div class="lab-step-row">
                <span class="lab-step-icon" aria-hidden="true">{ icon }</span>
                <h3 class="lab-step-title">{ format!("{}. {}", props.index + 1, step.title.get(code)) }</h3>
                <span class="lab-step-state">{ state_text }</span>
            </div>
            if current {
                <p class="lab-instructions">{ super::inline_code(step.instructions.get(code)) }</p>
                { checks }
                { hints }
            }
            { solution }
        </li>
    }
}
