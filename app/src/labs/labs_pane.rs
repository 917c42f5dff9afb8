//! `LabsPane`: the lesson slot with a Lesson / Labs switch; it shows the lesson pane (its children, kept mounted),
//! the lab list, the current lab or the class progress table, and runs the lab checks.

use yew::prelude::*;

use super::class_progress::ClassProgress;
use super::lab_list::LabList;
use super::lab_player::LabPlayer;
use super::lab_state::{LabAction, LabState, LabView};
use super::text::{L, tr};
use super::use_lab_checks::use_lab_checks;
use crate::i18n::Lang;
use crate::state::SessionCtx;

/// What [`LabsPane`] needs.
#[derive(Properties, PartialEq)]
pub struct LabsPaneProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab state (shared with the workspace, which opens labs from lesson links).
    pub state: UseReducerHandle<LabState>,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
    /// The lesson pane.
    #[prop_or_default]
    pub children: Html,
}

/// The lesson slot's switch and views.
#[function_component(LabsPane)]
pub fn labs_pane(props: &LabsPaneProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.labs_pane");
    let ctx = use_context::<SessionCtx>().expect("the labs pane needs the session context");
    let state = props.state.clone();
    let lang = props.lang;
    use_lab_checks(&ctx, &state);

    let show = |view: LabView| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(LabAction::Show(view)))
    };
    let on_labs = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let view = if state.progress.is_some() && state.view != LabView::Player {
                LabView::Player
            } else {
                LabView::List
            };
            state.dispatch(LabAction::Show(view));
        })
    };
    let in_labs = state.view != LabView::Lesson;
    let summary = state.progress.as_ref().and_then(|p| {
        let lab = super::catalog::lab(&p.lab)?;
        Some(format!(
            "{} · {}/{}",
            lab.title.get(lang.code()),
            p.done_count(),
            lab.steps.len()
        ))
    });
    html! {
        <div class={classes!("labs-pane", state.presenting.then_some("labs-presenting"))}>
            <div class="labs-switch" role="tablist" aria-label={tr(lang, L::Labs)}>
                <button type="button" role="tab" id="labs-switch-lesson" aria-selected={(!in_labs).to_string()}
                    class={classes!("labs-switch-tab", (!in_labs).then_some("selected"))}
                    onclick={show(LabView::Lesson)}>{ tr(lang, L::Lesson) }</button>
                <button type="button" role="tab" id="labs-switch-labs" aria-selected={in_labs.to_string()}
                    class={classes!("labs-switch-tab", in_labs.then_some("selected"))}
                    onclick={on_labs}>{ tr(lang, L::Labs) }</button>
                if let Some(summary) = summary {
                    <span class="labs-switch-current" title={summary.clone()}>{ summary }</span>
                }
            </div>
            <div class="labs-lesson" hidden={in_labs}>{ props.children.clone() }</div>
            if in_labs {
                <div class="labs-body">
                    { match state.view {
                        LabView::List => html! { <LabList lang={lang} state={state.clone()} restart={props.restart.clone()} /> },
                        LabView::Player => html! { <LabPlayer lang={lang} state={state.clone()} restart={props.restart.clone()} /> },
                        LabView::Class => html! { <ClassProgress lang={lang} on_close={show(LabView::List)} /> },
                        LabView::Lesson => Html::default(),
                    } }
                </div>
            }
        </div>
    }
}
