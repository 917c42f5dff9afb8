//! The notice above a lesson whose commands run on another scenario than the terminal's, with a button that switches.

use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::state::SessionCtx;

/// Properties of [`ScenarioNotice`].
#[derive(Properties, PartialEq)]
pub struct ScenarioNoticeProps {
    /// The UI language code (`ko` or `en`).
    pub lang: AttrValue,
    /// The scenario the lesson's commands are written for (front matter `scenario`).
    pub scenario: AttrValue,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
}

/// Says which scenario the lesson needs when the session runs another one, and offers to switch (after the same
/// confirmation the header's scenario picker asks for); shows nothing while the cluster starts or when they agree.
#[function_component(ScenarioNotice)]
pub fn scenario_notice(props: &ScenarioNoticeProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the lesson pane needs the session context");
    let current = ctx
        .session
        .as_ref()
        .and_then(|s| s.try_borrow().ok().map(|s| s.scenario.clone()));
    let Some(current) = current else {
        return Html::default();
    };
    if current == props.scenario.as_str() {
        return Html::default();
    }
    let lang = if props.lang == "ko" {
        Lang::Ko
    } else {
        Lang::En
    };
    let onclick = {
        let restart = props.restart.clone();
        let scenario = props.scenario.to_string();
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm(t(lang, Text::ConfirmScenario)) {
                restart.emit(scenario.clone());
            }
        })
    };
    html! {
        <p class="lesson-scenario" role="status">
            { t(lang, Text::LessonScenario) }{ " " }
            <strong>{ scenario_name(&props.scenario) }</strong>
            { format!(" ({} ≠ {current}) ", props.scenario) }
            <button type="button" class="lesson-scenario-switch" {onclick}>{ t(lang, Text::SwitchScenario) }</button>
        </p>
    }
}

/// The product a scenario simulates, as the notice names it.
fn scenario_name(scenario: &str) -> &'static str {
    match scenario {
        "eks" => "Amazon EKS",
        "vanilla" => "Kubernetes (kubeadm)",
        _ => "OpenShift 4",
    }
}
