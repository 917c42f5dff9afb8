//! Bastion's browser UI: the Yew components around the engine.
//!
//! [`App`] holds the UI state ([`state::UiState`]) and, through [`hooks::use_session`], the engine session shared
//! with every view in a [`state::SessionCtx`] context. Views that show the cluster re-render when its revision
//! changes; anything can type a command into the terminal with `SessionCtx::run`.

mod aws_view;
pub mod charts;
mod cluster_view;
pub mod components;
pub mod hooks;
pub mod i18n;
mod install_view;
pub mod labs;
mod lessons;
pub mod state;
mod vpc_view;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::error_panel;
use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::components::workspace::Workspace;
use crate::hooks::browser::{browser_language, system_theme};
use crate::hooks::{use_clock, use_session};
use crate::i18n::{Lang, Text, t};
use crate::state::{DEFAULT_SPLIT, Restored, SessionCtx, Tab, UiAction, UiState, read_save};

/// The root component: header, notice banner and workspace, inside the session context.
#[function_component(App)]
pub fn app() -> Html {
    // Read storage once, synchronously, so the first paint already has the learner's language and theme.
    let restored = use_memo((), |_| RefCell::new(Some(read_save())));
    let ui = use_reducer(|| initial_ui(&restored.borrow()));
    let restored = use_memo((), {
        let restored = restored.clone();
        move |_| Rc::new(RefCell::new(restored.borrow_mut().take()))
    });
    let controls = use_session(ui.clone(), (*restored).clone());
    use_clock(ui.playing, ui.speed, controls.tick.clone());

    // Apply the language and theme to the document, and autosave UI changes.
    {
        let save = controls.save.clone();
        use_effect_with(
            (ui.lang, ui.theme, ui.tab, ui.split.round() as i64),
            move |&(lang, theme, _, _)| {
                error_panel::set_panel_lang(lang);
                if let Some(root) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                {
                    let _ = root.set_attribute("lang", lang.code());
                    let _ = root.set_attribute(
                        "data-theme",
                        match theme {
                            state::Theme::Dark => "dark",
                            state::Theme::Light => "light",
                        },
                    );
                }
                save.emit(());
            },
        );
    }

    let dismiss = {
        let ui = ui.clone();
        Callback::from(move |_| ui.dispatch(UiAction::SetNotice(None)))
    };
    let ctx: SessionCtx = controls.ctx.clone();
    html! {
        <ContextProvider<SessionCtx> context={ctx}>
            <main class="app">
                <Header ui={ui.clone()} restart={controls.restart.clone()} import={controls.import.clone()}
                    export={controls.export.clone()} tick={controls.tick.clone()} />
                if let Some(notice) = &ui.notice {
                    <div class="notice" role="alert">
                        <span>{ notice }</span>
                        <button type="button" onclick={dismiss}>{ t(ui.lang, Text::Dismiss) }</button>
                    </div>
                }
                <Workspace ui={ui.clone()} restart={controls.restart.clone()} save={controls.save.clone()} />
                <UpdateBanner lang={ui.lang} />
            </main>
        </ContextProvider<SessionCtx>>
    }
}

/// The UI state at start: from the save when there is one, else from the browser's language and colour scheme.
fn initial_ui(restored: &Option<Restored>) -> UiState {
    let mut ui = UiState {
        tab: Tab::Terminal,
        lang: Lang::from_tag(&browser_language()),
        theme: system_theme(),
        split: DEFAULT_SPLIT,
        playing: false,
        speed: 1,
        notice: None,
    };
    if let Some(Restored::Record(record)) = restored {
        ui.tab = record.tab;
        ui.lang = record.lang;
        ui.theme = record.theme;
        ui.split = record.split.clamp(20.0, 70.0);
    }
    ui
}

/// Installs the panic panel and mounts the app into the document body.
pub fn start() {
    error_panel::install();
    yew::Renderer::<App>::new().render();
}
