//! The workspace: the lesson slot and the work area side by side with a draggable split, and the work area's tabs.

use yew::prelude::*;

use crate::charts::ClusterCharts;
use crate::cluster_view::ClusterView;
use crate::components::editor::Editor;
use crate::components::terminal::Terminal;
use crate::i18n::{Text, t};
use crate::labs::LabsPane;
use crate::lessons::LessonPane;
use crate::state::{SessionCtx, Tab, Theme, UiAction, UiState};

/// What the workspace needs.
#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    /// The UI state and its dispatcher.
    pub ui: UseReducerHandle<UiState>,
    /// Starts a fresh session on a scenario (labs on another scenario).
    pub restart: Callback<String>,
    /// Writes the autosave (lab progress).
    pub save: Callback<()>,
}

/// How far one arrow key moves the split, in percent.
const SPLIT_STEP: f64 = 2.0;

/// The lesson slot, the split handle and the tabbed work area.
#[function_component(Workspace)]
pub fn workspace(props: &WorkspaceProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.workspace");
    let ctx = use_context::<SessionCtx>().expect("the workspace needs the session context");
    let ui = props.ui.clone();
    let lang = ui.lang;
    let labs = crate::labs::use_lab_state(props.save.clone());
    let container = use_node_ref();
    let dragging = use_mut_ref(|| false);
    // The lesson pane is built in a task of its own after the first paint: the page's first render (in the task
    // that also starts the WebAssembly module, whose functions the browser compiles on their first call) stays short.
    let lessons_built = use_state(|| false);
    {
        let lessons_built = lessons_built.clone();
        use_effect_with((), move |_| {
            crate::hooks::use_session::after_next_paint(move || lessons_built.set(true));
        });
    }
    let editing = ctx
        .session
        .as_ref()
        .is_some_and(|s| s.borrow().pending_edit.is_some());

    let on_pointer_down = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *dragging.borrow_mut() = true;
            e.prevent_default();
        })
    };
    let on_pointer_move = {
        let dragging = dragging.clone();
        let container = container.clone();
        let ui = ui.clone();
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            if let Some(el) = container.cast::<web_sys::Element>() {
                let rect = el.get_bounding_client_rect();
                if rect.width() > 0.0 {
                    let pct = (f64::from(e.client_x()) - rect.left()) / rect.width() * 100.0;
                    ui.dispatch(UiAction::SetSplit(pct));
                }
            }
        })
    };
    let on_pointer_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let on_split_key = {
        let ui = ui.clone();
        Callback::from(move |e: KeyboardEvent| {
            let delta = match e.key().as_str() {
                "ArrowLeft" => -SPLIT_STEP,
                "ArrowRight" => SPLIT_STEP,
                _ => return,
            };
            e.prevent_default();
            ui.dispatch(UiAction::SetSplit(ui.split + delta));
        })
    };
    let on_tab_key = {
        let ui = ui.clone();
        Callback::from(move |e: KeyboardEvent| {
            let index = Tab::ALL.iter().position(|t| *t == ui.tab).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (index + 1) % Tab::ALL.len(),
                "ArrowLeft" => (index + Tab::ALL.len() - 1) % Tab::ALL.len(),
                "Home" => 0,
                "End" => Tab::ALL.len() - 1,
                _ => return,
            };
            e.prevent_default();
            ui.dispatch(UiAction::SetTab(Tab::ALL[next]));
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", Tab::ALL[next].id())))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = el.focus();
            }
        })
    };

    let tab_label = |tab: Tab| match tab {
        Tab::Terminal => t(lang, Text::TabTerminal),
        Tab::Cluster => t(lang, Text::TabCluster),
        Tab::Vpc => t(lang, Text::TabVpc),
        Tab::Install => t(lang, Text::TabInstall),
        Tab::Aws => crate::aws_view::text::tr(lang, crate::aws_view::text::T::TabLabel),
    };
    let tabs = Tab::ALL.iter().map(|&tab| {
        let selected = ui.tab == tab;
        let onclick = {
            let ui = ui.clone();
            Callback::from(move |_| ui.dispatch(UiAction::SetTab(tab)))
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", tab.id())}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={format!("panel-{}", tab.id())}
                tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("selected"))}
                {onclick}>
                { tab_label(tab) }
            </button>
        }
    });
    // Lesson links such as `view:cluster` switch the work area's tab; a deep link may ask for the other language.
    // These callbacks, like the session's, are made once (or when the language changes), so the lesson pane and
    // the views are not re-rendered for a new callback on every engine change.
    let on_view = {
        let ui = ui.dispatcher();
        let labs = labs.dispatcher();
        use_callback((), move |view: String, ()| {
            if let Some(id) = view.strip_prefix("lab/") {
                labs.dispatch(crate::labs::LabAction::Open(id.to_owned()));
            } else if let Some(tab) = Tab::ALL.iter().find(|t| t.id() == view) {
                ui.dispatch(UiAction::SetTab(*tab));
            }
        })
    };
    let on_lang = {
        let ui = ui.dispatcher();
        use_callback(lang, move |code: String, &lang| {
            let wanted = if code == "ko" {
                crate::i18n::Lang::Ko
            } else {
                crate::i18n::Lang::En
            };
            if lang != wanted {
                ui.dispatch(UiAction::SetLang(wanted));
            }
        })
    };
    let on_install_changed = {
        let print = ctx.print.clone();
        use_memo((), move |()| print.reform(|()| Vec::new()))
    };
    // A view tab is built the first time it is opened, and while hidden it keeps the revision it last showed, so
    // engine changes (the clock playing at 60x) re-render only the tab in view; opening it catches up at once.
    let shown = use_mut_ref(|| [Tab::Terminal].into_iter().collect::<Vec<Tab>>());
    let shown_revision = use_mut_ref(Vec::<(Tab, u64)>::new);
    let revision_of = |tab: Tab| -> Option<u64> {
        let mut shown = shown.borrow_mut();
        let mut revisions = shown_revision.borrow_mut();
        if ui.tab == tab {
            if !shown.contains(&tab) {
                shown.push(tab);
            }
            revisions.retain(|(t, _)| *t != tab);
            revisions.push((tab, ctx.revision));
            return Some(ctx.revision);
        }
        shown.contains(&tab).then(|| {
            revisions
                .iter()
                .find(|(t, _)| *t == tab)
                .map_or(ctx.revision, |(_, r)| *r)
        })
    };
    let theme: AttrValue = if ui.theme == Theme::Light {
        "light".into()
    } else {
        "dark".into()
    };
    let panel = |tab: Tab, body: Html| {
        html! {
            <div role="tabpanel" id={format!("panel-{}", tab.id())} aria-labelledby={format!("tab-{}", tab.id())}
                class={classes!("tab-panel", format!("panel-{}", tab.id()))} hidden={ui.tab != tab}>
                { body }
            </div>
        }
    };

    html! {
        <div class="workspace" ref={container} style={format!("--split: {:.1}%", ui.split)}>
            <aside class="lesson-slot" aria-label={t(lang, Text::LessonArea)}>
                <LabsPane lang={lang} state={labs} restart={props.restart.clone()}>
                    if *lessons_built {
                        <LessonPane lang={lang.code()} on_run={ctx.run.clone()} on_view={on_view} on_lang={on_lang} restart={props.restart.clone()} />
                    }
                </LabsPane>
            </aside>
            <div class="splitter" role="separator" aria-orientation="vertical" tabindex="0"
                aria-label={t(lang, Text::ResizePanes)}
                aria-valuemin="20" aria-valuemax="70" aria-valuenow={format!("{:.0}", ui.split)}
                onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}
                onkeydown={on_split_key}></div>
            <section class="work" aria-label={t(lang, Text::WorkArea)}>
                <div class="tabs" role="tablist" aria-label={t(lang, Text::WorkArea)} onkeydown={on_tab_key}>
                    { for tabs }
                </div>
                { panel(Tab::Terminal, html! {
                    <>
                        if editing { <Editor lang={lang} /> }
                        <div class="terminal-host" hidden={editing}>
                            <Terminal lang={lang} active={ui.tab == Tab::Terminal && !editing} />
                        </div>
                    </>
                }) }
                { panel(Tab::Cluster, html! {
                    <div class="cluster-slot">
                        if let (Some(session), Some(revision)) = (ctx.session.clone(), revision_of(Tab::Cluster)) {
                            <ClusterView session={session.clone()} revision={revision} on_run={ctx.run.clone()}
                                on_act={ctx.act.clone()} lang={lang.code()} />
                            <ClusterCharts session={session} revision={revision} lang={lang.code()}
                                theme={theme.clone()} />
                        }
                    </div>
                }) }
                { panel(Tab::Vpc, html! { if let (Some(session), Some(revision)) = (ctx.session.clone(), revision_of(Tab::Vpc)) { <crate::vpc_view::VpcView session={session} revision={revision} on_run={ctx.run.clone()} lang={lang.code()} theme={theme.clone()} /> } }) }
                { panel(Tab::Aws, html! { if let (Some(session), Some(revision)) = (ctx.session.clone(), revision_of(Tab::Aws)) { <crate::aws_view::AwsView session={session} revision={revision} on_run={ctx.run.clone()} lang={lang} theme={theme.clone()} /> } }) }
                { panel(Tab::Install, html! { if let (Some(session), Some(revision)) = (ctx.session.clone(), revision_of(Tab::Install)) { <crate::install_view::InstallView session={session} revision={revision} lang={lang.code()} on_run={ctx.run.clone()} on_changed={(*on_install_changed).clone()} /> } }) }
            </section>
        </div>
    }
}
