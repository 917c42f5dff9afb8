//! `use_session`: owns the engine session, the scrollback and the revision, boots the cluster after the first paint,
//! and offers the callbacks that change them (each one autosaves).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use engine::assets;
use engine::session::{Action, Session};
use engine::shell::{CLEAR_SCREEN, CONTINUATION_PROMPT};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::hooks::data_files::{prefetch_all, with_files};
use crate::i18n::{Text, t};
use crate::state::{
    Line, LineKind, Restored, SAVED_SCROLLBACK, SCENARIOS, SaveRecord, Scrollback, SessionCtx, Tab,
    UiAction, UiState, clear_save, set_aside, write_save,
};

/// What [`use_session`] gives the app: the context for every view plus the controls only the header uses.
#[derive(Clone)]
pub struct SessionControls {
    /// The context value shared with every view.
    pub ctx: SessionCtx,
    /// Starts a fresh session on a scenario (scenario switch and reset).
    pub restart: Callback<String>,
    /// Loads an exported save record (or a bare engine save); an error becomes a notice.
    pub import: Callback<String>,
    /// The current save record as JSON, for export.
    pub export: Callback<(), String>,
    /// Lets virtual time pass (the clock), in milliseconds.
    pub tick: Callback<i64>,
    /// Writes the autosave now (after UI state changes).
    pub save: Callback<()>,
}

/// Shared cells the callbacks close over; they always see the current values.
struct Cells {
    session: RefCell<Option<Rc<RefCell<Session>>>>,
    scrollback: Rc<RefCell<Scrollback>>,
    revision: Cell<u64>,
    ui: RefCell<Option<UiState>>,
    /// Virtual milliseconds the playing clock has asked for that the engine has not passed yet.
    owed_ms: Cell<i64>,
}

impl Cells {
    fn record(&self) -> Option<SaveRecord> {
        let session = self.session.borrow().clone()?;
        let ui = self.ui.borrow().clone()?;
        let engine = session.borrow().save();
        Some(SaveRecord {
            engine,
            tab: ui.tab,
            lang: ui.lang,
            theme: ui.theme,
            split: ui.split,
            scrollback: self.scrollback.borrow().tail(SAVED_SCROLLBACK).to_vec(),
            lab: crate::labs::saved_progress(),
        })
    }

    fn save(&self) {
        if let Some(record) = self.record() {
            write_save(&record);
        }
    }

    fn print_output(&self, out: &engine::exec::Output) {
        let mut sb = self.scrollback.borrow_mut();
        if out.stdout == CLEAR_SCREEN {
            sb.lines.clear();
        } else {
            sb.push_text(LineKind::Out, &out.stdout);
        }
        sb.push_text(LineKind::Err, &out.stderr);
    }
}

/// Echoes a (possibly multi-line) input after `prompt`, continuation lines after `> `.
pub fn echo_lines(prompt: &str, input: &str) -> Vec<Line> {
    input
        .split('\n')
        .enumerate()
        .map(|(i, part)| Line {
            kind: LineKind::Out,
            text: format!(
                "{}{part}",
                if i == 0 { prompt } else { CONTINUATION_PROMPT }
            ),
        })
        .collect()
}

/// A random seed for a fresh session's generated names.
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// Owns the session; `restored` is what storage held at start (taken once, when the cluster boots).
#[hook]
pub fn use_session(
    ui: UseReducerHandle<UiState>,
    restored: Rc<RefCell<Option<Restored>>>,
) -> SessionControls {
    let cells = use_memo((), |_| Cells {
        session: RefCell::new(None),
        scrollback: Rc::new(RefCell::new(Scrollback::default())),
        revision: Cell::new(0),
        ui: RefCell::new(None),
        owed_ms: Cell::new(0),
    });
    *cells.ui.borrow_mut() = Some((*ui).clone());
    let force = use_force_update();
    let dispatcher = ui.dispatcher();
    let lang = ui.lang;

    let bump: Rc<dyn Fn()> = {
        let cells = cells.clone();
        let force = force.clone();
        Rc::new(move || {
            cells.revision.set(cells.revision.get() + 1);
            force.force_update();
        })
    };

    // Boot the cluster after the first paint, so the page shows before the engine works; a saved session on another
    // scenario than the default first fetches its data files.
    {
        let cells = cells.clone();
        let bump = bump.clone();
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            let frame = gloo::render::request_animation_frame(move |_| {
                Timeout::new(0, move || {
                    let started = now_ms();
                    let restored = restored.borrow_mut().take().unwrap_or(Restored::Nothing);
                    let files = match &restored {
                        Restored::Record(record) => assets::needed_by_save(&record.engine),
                        _ => Vec::new(),
                    };
                    with_files(files, move || {
                        let mut session = None;
                        match restored {
                            Restored::Nothing => {}
                            Restored::SetAside(reason) => {
                                dispatcher.dispatch(UiAction::SetNotice(Some(aside_notice(
                                    lang, &reason,
                                ))));
                            }
                            Restored::Record(record) => match Session::load(&record.engine) {
                                Ok(loaded) => {
                                    cells.scrollback.borrow_mut().lines = record.scrollback;
                                    session = Some(loaded);
                                }
                                Err(e) => {
                                    if let Ok(text) = serde_json::to_string(&record) {
                                        set_aside(&text);
                                    }
                                    dispatcher.dispatch(UiAction::SetNotice(Some(aside_notice(
                                        lang, &e,
                                    ))));
                                }
                            },
                        }
                        let session = match session {
                            Some(s) => Some(s),
                            None => match Session::new(SCENARIOS[0], fresh_seed()) {
                                Ok(s) => Some(s),
                                Err(e) => {
                                    dispatcher.dispatch(UiAction::SetNotice(Some(e)));
                                    None
                                }
                            },
                        };
                        if let Some(session) = session {
                            *cells.session.borrow_mut() = Some(Rc::new(RefCell::new(session)));
                            cells.save();
                        }
                        record_boot_ms(now_ms() - started);
                        bump();
                        // Once the terminal is usable, the other data files come in the background.
                        Timeout::new(PREFETCH_DELAY_MS, prefetch_all).forget();
                    });
                })
                .forget();
            });
            // The frame must stay alive until it fires; dropping it would cancel the boot.
            std::mem::forget(frame);
        });
    }

    let exec_echoed = {
        let cells = cells.clone();
        let bump = bump.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |input: String| {
            let cells = cells.clone();
            let bump = bump.clone();
            let dispatcher = dispatcher.clone();
            with_files(assets::needed_by_input(&input), move || {
                let Some(session) = cells.session.borrow().clone() else {
                    return;
                };
                let (out, editing) = {
                    let mut s = session.borrow_mut();
                    let out = s.exec(&input);
                    (out, s.pending_edit.is_some())
                };
                cells.print_output(&out);
                if editing {
                    dispatcher.dispatch(UiAction::SetTab(Tab::Terminal));
                }
                cells.save();
                bump();
            });
        })
    };

    let run = {
        let cells = cells.clone();
        let exec_echoed = exec_echoed.clone();
        Callback::from(move |input: String| {
            let Some(session) = cells.session.borrow().clone() else {
                return;
            };
            let prompt = session.borrow().prompt();
            cells
                .scrollback
                .borrow_mut()
                .lines
                .extend(echo_lines(&prompt, &input));
            exec_echoed.emit(input);
        })
    };

    let act = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |action: Action| {
            let Some(session) = cells.session.borrow().clone() else {
                return;
            };
            let out = session.borrow_mut().act(action);
            cells.print_output(&out);
            cells.save();
            bump();
        })
    };

    let finish_edit = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |text: String| {
            let Some(session) = cells.session.borrow().clone() else {
                return;
            };
            let out = session.borrow_mut().finish_edit(&text);
            cells.print_output(&out);
            cells.save();
            bump();
        })
    };

    let print = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |lines: Vec<Line>| {
            cells.scrollback.borrow_mut().lines.extend(lines);
            bump();
        })
    };

    let clear = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |()| {
            cells.scrollback.borrow_mut().lines.clear();
            cells.save();
            bump();
        })
    };

    let restart = {
        let cells = cells.clone();
        let bump = bump.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |scenario: String| {
            let cells = cells.clone();
            let bump = bump.clone();
            let dispatcher = dispatcher.clone();
            let files = assets::snapshot_file(&scenario).into_iter().collect();
            with_files(files, move || match Session::new(&scenario, fresh_seed()) {
                Ok(session) => {
                    clear_save();
                    *cells.session.borrow_mut() = Some(Rc::new(RefCell::new(session)));
                    cells.scrollback.borrow_mut().lines.clear();
                    dispatcher.dispatch(UiAction::SetPlaying(false));
                    cells.save();
                    bump();
                }
                Err(e) => dispatcher.dispatch(UiAction::SetNotice(Some(e))),
            });
        })
    };

    let import = {
        let cells = cells.clone();
        let bump = bump.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |text: String| {
            let (engine_text, scrollback) = match serde_json::from_str::<SaveRecord>(&text) {
                Ok(record) => (record.engine, record.scrollback),
                Err(_) => (text, Vec::new()),
            };
            let cells = cells.clone();
            let bump = bump.clone();
            let dispatcher = dispatcher.clone();
            let files = assets::needed_by_save(&engine_text);
            with_files(files, move || match Session::load(&engine_text) {
                Ok(session) => {
                    *cells.session.borrow_mut() = Some(Rc::new(RefCell::new(session)));
                    cells.scrollback.borrow_mut().lines = scrollback;
                    dispatcher.dispatch(UiAction::SetNotice(None));
                    cells.save();
                    bump();
                }
                Err(e) => dispatcher.dispatch(UiAction::SetNotice(Some(format!(
                    "{}: {e}",
                    t(lang, Text::ImportFailed)
                )))),
            });
        })
    };

    let export = {
        let cells = cells.clone();
        Callback::from(move |()| {
            cells
                .record()
                .and_then(|r| serde_json::to_string_pretty(&r).ok())
                .unwrap_or_default()
        })
    };

    let tick = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |ms: i64| {
            let owed = cells.owed_ms.get();
            cells.owed_ms.set(owed + ms.max(0));
            // A pass already under way takes the new time with it.
            if owed == 0 {
                play_slices(cells.clone(), bump.clone());
            }
        })
    };

    let save = {
        let cells = cells.clone();
        Callback::from(move |()| cells.save())
    };

    let ctx = SessionCtx {
        session: cells.session.borrow().clone(),
        scrollback: cells.scrollback.clone(),
        revision: cells.revision.get(),
        run,
        act,
        exec_echoed,
        finish_edit,
        print,
        clear,
    };
    SessionControls {
        ctx,
        restart,
        import,
        export,
        tick,
        save,
    }
}

/// How long after the boot the remaining data files are fetched: late enough to leave the first screen alone.
const PREFETCH_DELAY_MS: u32 = 2_000;

/// Virtual time passed in one engine call while the clock plays.
const SLICE_MS: i64 = 1_000;

/// Wall-clock budget of one batch of slices, well under the 50 ms that makes a long task.
const BATCH_BUDGET_MS: f64 = 12.0;

/// Passes the owed virtual time in slices, yielding to the browser between batches so that input and painting
/// never wait on a long reconcile; saves and re-renders once per batch.
fn play_slices(cells: Rc<Cells>, bump: Rc<dyn Fn()>) {
    let Some(session) = cells.session.borrow().clone() else {
        cells.owed_ms.set(0);
        return;
    };
    let started = now_ms();
    while cells.owed_ms.get() > 0 && now_ms() - started < BATCH_BUDGET_MS {
        let slice = cells.owed_ms.get().min(SLICE_MS);
        session.borrow_mut().pass_time(slice);
        cells.owed_ms.set(cells.owed_ms.get() - slice);
    }
    bump();
    if cells.owed_ms.get() > 0 {
        Timeout::new(0, move || play_slices(cells, bump)).forget();
    } else {
        cells.save();
    }
}

fn aside_notice(lang: crate::i18n::Lang, reason: &str) -> String {
    format!(
        "{} {} ({reason})",
        t(lang, Text::SaveSetAside),
        crate::state::ASIDE_KEY
    )
}

/// Milliseconds from the page's time origin.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records how long the boot took as `window.__bastionBootMs`, for the benchmark and the tests.
fn record_boot_ms(ms: f64) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__bastionBootMs".into(), &ms.into());
    }
}
