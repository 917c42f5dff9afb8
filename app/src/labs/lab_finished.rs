//! `LabFinished`: the finished screen — every step done, how long it took in virtual time and how many hints
//! were used.

use engine::labs::{Lab, Progress};
use yew::prelude::*;

use super::text::{L, tr};
use crate::i18n::Lang;

/// What [`LabFinished`] needs.
#[derive(Properties, PartialEq)]
pub struct LabFinishedProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab.
    pub lab: &'static Lab,
    /// Its (finished) progress.
    pub progress: Progress,
}

/// The finished screen.
#[function_component(LabFinished)]
pub fn lab_finished(props: &LabFinishedProps) -> Html {
    let lang = props.lang;
    let p = &props.progress;
    let took = match (p.started_at, p.finished_at()) {
        (Some(start), Some(end)) => super::duration(end - start),
        _ => String::new(),
    };
    let hints: usize = p.steps.iter().map(|s| s.hints).sum();
    html! {
        <div class="lab-finished" role="status">
            <div class="lab-finished-mark" aria-hidden="true">{ "✓" }</div>
            <h3>{ tr(lang, L::Finished) }</h3>
            <p>{ tr(lang, L::FinishedText) }</p>
            <dl class="lab-finished-stats">
                <dt>{ tr(lang, L::StatSteps) }</dt><dd>{ format!("{}/{}", p.done_count(), props.lab.steps.len()) }</dd>
                <dt>{ tr(lang, L::VirtualTime) }</dt><dd>{ took }</dd>
                <dt>{ tr(lang, L::HintsUsed) }</dt><dd>{ hints }</dd>
            </dl>
        </div>
    }
}
