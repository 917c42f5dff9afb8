//! `LabList`: every embedded lab with its scenario and step count, a Start or Continue button, and (in
//! instructor mode) the way to the class progress table.

use yew::prelude::*;

use super::catalog;
use super::lab_state::{LabAction, LabState, LabView};
use super::text::{L, tr};
use crate::i18n::Lang;
use crate::state::SessionCtx;

/// What [`LabList`] needs.
#[derive(Properties, PartialEq)]
pub struct LabListProps {
    /// The UI language.
    pub lang: Lang,
    /// The lab state.
    pub state: UseReducerHandle<LabState>,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
}

/// The list of labs.
#[function_component(LabList)]
pub fn lab_list(props: &LabListProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the lab list needs the session context");
    let lang = props.lang;
    let state = props.state.clone();
    let ready = ctx.session.is_some();
    let items = catalog::labs().iter().map(|lab| {
        let current = state.progress.as_ref().filter(|p| p.lab == lab.id);
        let button = match current {
            Some(progress) => {
                let state = state.clone();
                let onclick = Callback::from(move |_| state.dispatch(LabAction::Show(LabView::Player)));
                html! {
                    <button type="button" class="lab-start" {onclick}>
                        { format!("{} ({}/{})", tr(lang, L::Continue), progress.done_count(), lab.steps.len()) }
                    </button>
                }
            }
            None => {
                let (ctx, restart, state) = (ctx.clone(), props.restart.clone(), state.clone());
                let onclick = Callback::from(move |_| super::start_lab(lab, &ctx, &restart, &state, lang, false));
                html! { <button type="button" class="lab-start" disabled={!ready} {onclick}>{ tr(lang, L::Start) }</button> }
            }
        };
        html! {
            <li class={classes!("lab-card", current.is_some().then_some("current"))} data-lab={lab.id.clone()}>
                <div class="lab-card-head">
                    <h3>{ lab.title.get(lang.code()).to_owned() }</h3>
                    { button }
                </div>
                <p class="lab-card-meta">
                    <span class="lab-badge">{ lab.scenario.clone() }</span>
                    { format!(" {} {}", lab.steps.len(), tr(lang, L::Steps)) }
                </p>
                <p class="lab-card-text">{ lab.text.get(lang.code()).to_owned() }</p>
            </li>
        }
    });
    let on_class = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(LabAction::Show(LabView::Class)))
    };
    html! {
        <section class="lab-list" aria-labelledby="lab-list-title">
            <header class="lab-list-head">
                <h2 id="lab-list-title">{ tr(lang, L::LabsTitle) }</h2>
                if state.instructor {
                    <button type="button" class="lab-class-open" onclick={on_class}>{ tr(lang, L::ClassProgress) }</button>
                }
            </header>
            <p class="lab-intro">{ tr(lang, L::LabsIntro) }</p>
            <ul class="lab-cards">{ for items }</ul>
        </section>
    }
}
