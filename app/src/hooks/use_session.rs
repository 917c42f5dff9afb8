//! `use_session`: owns the engine session, the scrollback and the revision, boots the cluster after the first paint,
//! and offers the callbacks that change them (each one autosaves).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use engine::assets;
use engine::session::{Action, Session, SessionBoot};
use engine::shell::{CLEAR_SCREEN, CONTINUATION_PROMPT};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use yew::prelude::*;

use crate::hooks::data_files::{prefetch_all, with_files};
use crate::hooks::timing::{now_ms, span};
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
    /// Whether a re-render is already asked for at the next animation frame.
    frame_pending: Cell<bool>,
    /// Inputs waiting to run, in the order they were given, each with whether it still needs its echo: an input
    /// waits while an earlier one waits for a data file, so that a lesson block's lines run in order.
    inputs: RefCell<std::collections::VecDeque<(String, bool)>>,
    /// Whether an input is waiting for a data file (the queue then drains when it arrives).
    waiting: Cell<bool>,
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

    /// The UI language now.
    fn lang(&self) -> crate::i18n::Lang {
        self.ui
            .borrow()
            .as_ref()
            .map_or(crate::i18n::Lang::En, |ui| ui.lang)
    }

    fn save(&self) {
        span("save", || {
            if let Some(record) = self.record() {
                write_save(&record);
            }
        });
    }

    /// Prints what a command line showed, in the order the session says it was written.
    fn print_output(&self, session: &engine::session::Session, out: &engine::exec::Output) {
        let mut sb = self.scrollback.borrow_mut();
        if out.stdout == CLEAR_SCREEN {
            sb.clear();
            sb.push_text(LineKind::Err, &out.stderr);
            return;
        }
        for (error, text) in session.screen(out) {
            sb.push_text(if error { LineKind::Err } else { LineKind::Out }, &text);
        }
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
        frame_pending: Cell::new(false),
        inputs: RefCell::new(std::collections::VecDeque::new()),
        waiting: Cell::new(false),
    });
    *cells.ui.borrow_mut() = Some((*ui).clone());
    let force = use_force_update();
    // The callbacks close over the shared cells only, so they are made once: views whose properties hold them
    // (`on_run` of the cluster view, for one) are equal from one render to the next and skip re-rendering.
    let callbacks = use_memo((), {
        let cells = cells.clone();
        let dispatcher = ui.dispatcher();
        move |_| callbacks(cells, force, dispatcher)
    });

    // Boot the cluster after the first paint, so the page shows before the engine works, in slices that each
    // leave the page free to paint and take input in between.
    {
        let boot = BootCtx {
            cells: cells.clone(),
            bump: callbacks.bump.clone(),
            dispatcher: ui.dispatcher(),
            lang: ui.lang,
            started: Cell::new(0.0),
        };
        use_effect_with((), move |_| {
            after_next_paint(move || {
                boot.started.set(now_ms());
                let restored = restored.borrow_mut().take().unwrap_or(Restored::Nothing);
                // A saved session on another scenario than the default, or one whose journal ran the installer or
                // explain, first fetches the data files it reads.
                let files = match &restored {
                    Restored::Record(record) => assets::needed_by_save(&record.engine),
                    _ => Vec::new(),
                };
                with_files(files, move || {
                    if let Some(booting) = boot.start(restored) {
                        boot_slices(Rc::new(boot), booting);
                    } else {
                        boot.finish(None);
                    }
                });
            });
        });
    }

    let ctx = SessionCtx {
        session: cells.session.borrow().clone(),
        scrollback: cells.scrollback.clone(),
        revision: cells.revision.get(),
        run: callbacks.run.clone(),
        act: callbacks.act.clone(),
        exec_echoed: callbacks.exec_echoed.clone(),
        finish_edit: callbacks.finish_edit.clone(),
        print: callbacks.print.clone(),
        clear: callbacks.clear.clone(),
    };
    SessionControls {
        ctx,
        restart: callbacks.restart.clone(),
        import: callbacks.import.clone(),
        export: callbacks.export.clone(),
        tick: callbacks.tick.clone(),
        save: callbacks.save.clone(),
    }
}

/// Wall-clock budget of one slice of the boot; the page paints between slices.
const BOOT_BUDGET_MS: f64 = 15.0;

/// What the boot needs from the hook.
struct BootCtx {
    cells: Rc<Cells>,
    bump: Rc<dyn Fn()>,
    dispatcher: UseReducerDispatcher<UiState>,
    lang: crate::i18n::Lang,
    /// When the boot began, in the page's clock.
    started: Cell<f64>,
}

/// The session on its way at start, and the save record it is restored from, if any.
struct Booting {
    boot: SessionBoot,
    record: Option<SaveRecord>,
}

impl BootCtx {
    /// Starts restoring what storage held, or a fresh session; a save that cannot be read is set aside.
    fn start(&self, restored: Restored) -> Option<Booting> {
        match restored {
            Restored::Nothing => {}
            Restored::SetAside(reason) => self.notice(aside_notice(self.lang, &reason)),
            Restored::Record(record) => match SessionBoot::load(&record.engine) {
                Ok(boot) => {
                    return Some(Booting {
                        boot,
                        record: Some(record),
                    });
                }
                Err(e) => self.set_aside(&record, &e),
            },
        }
        self.fresh()
    }

    fn fresh(&self) -> Option<Booting> {
        match SessionBoot::new(SCENARIOS[0], fresh_seed()) {
            Ok(boot) => Some(Booting { boot, record: None }),
            Err(e) => {
                self.notice(e);
                None
            }
        }
    }

    fn set_aside(&self, record: &SaveRecord, reason: &str) {
        if let Ok(text) = serde_json::to_string(record) {
            set_aside(&text);
        }
        self.notice(aside_notice(self.lang, reason));
    }

    fn notice(&self, text: String) {
        self.dispatcher.dispatch(UiAction::SetNotice(Some(text)));
    }

    /// Shows the booted session (or none) with a first render and a first autosave, each in a task of its own.
    fn finish(&self, session: Option<Session>) {
        let booted = session.is_some();
        if let Some(session) = session {
            *self.cells.session.borrow_mut() = Some(Rc::new(RefCell::new(session)));
        }
        record_boot_ms(now_ms() - self.started.get());
        let (cells, bump) = (self.cells.clone(), self.bump.clone());
        later(0, move || {
            span("boot.render", || bump());
            if booted {
                later(0, move || cells.save());
            }
        });
        // Once the terminal is usable, the other data files come in the background.
        later(PREFETCH_DELAY_MS, prefetch_all);
    }
}

/// Runs one slice of the boot and schedules the next; a restored save that fails part-way is set aside and a
/// fresh session boots instead.
fn boot_slices(boot: Rc<BootCtx>, mut booting: Booting) {
    let slice_started = now_ms();
    let done = span("boot.slice", || {
        booting
            .boot
            .step(|| now_ms() - slice_started < BOOT_BUDGET_MS)
    });
    match done {
        None => soon(move || boot_slices(boot, booting)),
        Some(Ok(session)) => {
            if let Some(record) = booting.record {
                boot.cells.scrollback.borrow_mut().lines = record.scrollback;
            }
            boot.finish(Some(session));
        }
        Some(Err(e)) => match booting.record {
            Some(record) => {
                boot.set_aside(&record, &e);
                match boot.fresh() {
                    Some(fresh) => soon(move || boot_slices(boot, fresh)),
                    None => boot.finish(None),
                }
            }
            None => {
                boot.notice(e);
                boot.finish(None);
            }
        },
    }
}

/// Every callback [`use_session`] hands out, made once.
struct Callbacks {
    /// Bumps the revision and re-renders now.
    bump: Rc<dyn Fn()>,
    run: Callback<String>,
    act: Callback<Action>,
    exec_echoed: Callback<String>,
    finish_edit: Callback<String>,
    print: Callback<Vec<Line>>,
    clear: Callback<()>,
    restart: Callback<String>,
    import: Callback<String>,
    export: Callback<(), String>,
    tick: Callback<i64>,
    save: Callback<()>,
}

/// Runs the queued inputs in order; one that needs a data file not loaded yet holds the rest until it arrives.
fn drain_inputs(cells: Rc<Cells>, perform: Rc<dyn Fn(String, bool)>) {
    loop {
        let Some((input, echo)) = cells.inputs.borrow_mut().pop_front() else {
            cells.waiting.set(false);
            return;
        };
        let needed = assets::needed_by_input(&input);
        if assets::missing(needed.clone()).is_empty() {
            perform(input, echo);
            continue;
        }
        cells.waiting.set(true);
        let (cells, perform) = (cells.clone(), perform.clone());
        with_files(needed, move || {
            perform(input, echo);
            drain_inputs(cells, perform);
        });
        return;
    }
}

fn callbacks(
    cells: Rc<Cells>,
    force: UseForceUpdateHandle,
    dispatcher: UseReducerDispatcher<UiState>,
) -> Callbacks {
    let bump: Rc<dyn Fn()> = {
        let cells = cells.clone();
        Rc::new(move || {
            cells.revision.set(cells.revision.get() + 1);
            force.force_update();
        })
    };

    // Runs one input now: echoes it after the prompt when asked (the terminal echoes what the learner types itself).
    let perform: Rc<dyn Fn(String, bool)> = {
        let cells = cells.clone();
        let bump = bump.clone();
        let dispatcher = dispatcher.clone();
        Rc::new(move |input: String, echo: bool| {
            let Some(session) = cells.session.borrow().clone() else {
                return;
            };
            if echo {
                let prompt = session.borrow().prompt();
                cells
                    .scrollback
                    .borrow_mut()
                    .push_lines(echo_lines(&prompt, &input));
            }
            let (out, editing) = {
                let mut s = session.borrow_mut();
                let out = span("engine.exec", || s.exec(&input));
                (out, s.pending_edit.is_some())
            };
            cells.print_output(&session.borrow(), &out);
            if editing {
                dispatcher.dispatch(UiAction::SetTab(Tab::Terminal));
            }
            cells.save();
            bump();
        })
    };
    let enqueue: Rc<dyn Fn(String, bool)> = {
        let cells = cells.clone();
        Rc::new(move |input: String, echo: bool| {
            cells.inputs.borrow_mut().push_back((input, echo));
            if !cells.waiting.get() {
                drain_inputs(cells.clone(), perform.clone());
            }
        })
    };

    let exec_echoed = {
        let enqueue = enqueue.clone();
        Callback::from(move |input: String| enqueue(input, false))
    };

    let run = {
        let enqueue = enqueue.clone();
        Callback::from(move |input: String| enqueue(input, true))
    };

    let act = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |action: Action| {
            let Some(session) = cells.session.borrow().clone() else {
                return;
            };
            let out = session.borrow_mut().act(action);
            cells.print_output(&session.borrow(), &out);
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
            cells.print_output(&session.borrow(), &out);
            cells.save();
            bump();
        })
    };

    let print = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |lines: Vec<Line>| {
            cells.scrollback.borrow_mut().push_lines(lines);
            bump();
        })
    };

    let clear = {
        let cells = cells.clone();
        let bump = bump.clone();
        Callback::from(move |()| {
            cells.scrollback.borrow_mut().clear();
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
                    cells.scrollback.borrow_mut().clear();
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
                    t(cells.lang(), Text::ImportFailed)
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

    Callbacks {
        bump,
        run,
        act,
        exec_echoed,
        finish_edit,
        print,
        clear,
        restart,
        import,
        export,
        tick,
        save,
    }
}

/// How long after the boot the remaining data files are fetched: late enough to leave the first screen alone.
const PREFETCH_DELAY_MS: i32 = 2_000;

/// Virtual time passed in one engine call while the clock plays.
const SLICE_MS: i64 = 1_000;

/// Wall-clock budget of one batch of slices, well under the 50 ms that makes a long task.
const BATCH_BUDGET_MS: f64 = 8.0;

/// Passes the owed virtual time in slices, yielding to the browser between batches so that input and painting
/// never wait on a long reconcile. The views re-render at most once per animation frame, and the autosave is
/// written once the owed time has passed, in a task of its own.
fn play_slices(cells: Rc<Cells>, bump: Rc<dyn Fn()>) {
    let Some(session) = cells.session.borrow().clone() else {
        cells.owed_ms.set(0);
        return;
    };
    let started = now_ms();
    while cells.owed_ms.get() > 0 && now_ms() - started < BATCH_BUDGET_MS {
        let slice = cells.owed_ms.get().min(SLICE_MS);
        span("engine.pass_time", || session.borrow_mut().pass_time(slice));
        cells.owed_ms.set(cells.owed_ms.get() - slice);
    }
    render_next_frame(&cells, &bump);
    if cells.owed_ms.get() > 0 {
        later(0, move || play_slices(cells, bump));
    } else {
        later(0, move || cells.save());
    }
}

/// Bumps the revision at the next animation frame, once however many batches asked before it.
fn render_next_frame(cells: &Rc<Cells>, bump: &Rc<dyn Fn()>) {
    if cells.frame_pending.replace(true) {
        return;
    }
    let cells = cells.clone();
    let bump = bump.clone();
    on_next_frame(move || {
        cells.frame_pending.set(false);
        span("play.render", || bump());
    });
}

/// Runs `work` in a task of its own after `ms` milliseconds (`setTimeout`); the closure frees itself once run.
fn later(ms: i32, work: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let callback = Closure::once_into_js(work);
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// Runs `work` in a task of its own as soon as the page is free, through a `MessageChannel` message: unlike
/// `setTimeout(0)`, whose nested calls the browser holds back by 4 ms each, it adds no delay between the boot's
/// slices, while the page can still paint and take input between them.
fn soon(work: impl FnOnce() + 'static) {
    let channel = MessageChannel::new();
    let callback = Closure::once_into_js(move |_: JsValue| work());
    channel.port1().set_onmessage(&callback);
    channel.port2().post_message(&JsValue::NULL);
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `MessageChannel`, declared here for the two calls [`soon`] makes.
    type MessageChannel;
    #[wasm_bindgen(constructor)]
    fn new() -> MessageChannel;
    #[wasm_bindgen(method, getter)]
    fn port1(this: &MessageChannel) -> MessagePort;
    #[wasm_bindgen(method, getter)]
    fn port2(this: &MessageChannel) -> MessagePort;

    /// One end of a [`MessageChannel`].
    type MessagePort;
    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &MessagePort, handler: &JsValue);
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &MessagePort, message: &JsValue);
}

/// Runs `work` at the next animation frame (`requestAnimationFrame`); the closure frees itself once run.
fn on_next_frame(work: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let callback = Closure::once_into_js(move |_: f64| work());
        let _ = window.request_animation_frame(callback.unchecked_ref());
    }
}

/// Runs `work` in a task of its own just after the next paint.
pub(crate) fn after_next_paint(work: impl FnOnce() + 'static) {
    on_next_frame(move || later(0, work));
}

fn aside_notice(lang: crate::i18n::Lang, reason: &str) -> String {
    format!(
        "{} {} ({reason})",
        t(lang, Text::SaveSetAside),
        crate::state::ASIDE_KEY
    )
}

/// Records how long the boot took as `window.__bastionBootMs`, for the benchmark and the tests.
fn record_boot_ms(ms: f64) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__bastionBootMs".into(), &ms.into());
    }
}
