//! The Install tab: pick a method, write install-config.yaml, describe the helper node and inspect its services, then
//! watch the bootstrap happen on a diagram and a timeline (play, pause, step, step back), read the logs, approve CSRs
//! and break the install on purpose.
//!
//! Every component reads the engine session on each render and re-renders when the session's revision changes, so
//! commands typed in the terminal (`openshift-install wait-for …`, `oc adm certificate approve …`) show here at
//! once. Actions that have a command line run it in the terminal (through [`Env::run`]); the others (stepping,
//! faults, editing a helper file) change the session's installer directly and then call [`Env::changed`].

mod csrs;
mod diagram;
mod faults;
mod files;
mod helper_form;
mod logs;
mod method;
mod steps;
pub mod text;
mod timeline;
mod wizard;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use engine::exec::Ctx;
use engine::install::InstallMethod;
use engine::session::Session;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use text::{T, tr};

/// How often the playing install advances, in wall-clock milliseconds.
const PLAY_TICK_MS: u32 = 400;
/// How much virtual time one playing tick moves the install.
const PLAY_STEP_MS: u64 = 20_000;

/// What every Install-tab component gets: the session, its revision, the language and the two ways to change it.
#[derive(Clone)]
pub struct Env {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// Korean when true.
    pub ko: bool,
    /// Types a command into the terminal and runs it.
    pub run: Callback<String>,
    /// Tells the app the session changed without a command (bumps the revision).
    pub changed: Callback<()>,
}

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.ko == other.ko
            && self.run == other.run
            && self.changed == other.changed
    }
}

impl Env {
    /// The text of `key` in the tab's language.
    pub fn t(&self, key: T) -> &'static str {
        tr(self.ko, key)
    }

    /// Runs `f` with the session's installer and a command context over the workstation's filesystem, then lets a
    /// finished install become the session's cluster and refreshes every view.
    pub fn with_installer<R>(
        &self,
        f: impl FnOnce(&mut engine::install::Installer, &mut Ctx) -> R,
    ) -> R {
        let result = {
            let mut guard = self.session.borrow_mut();
            let session = &mut *guard;
            let now = session.cluster.now.max(session.installer.now());
            let frame = &session.shell.frames[0];
            let env: BTreeMap<String, String> = frame.env.clone();
            let cwd = frame.cwd.clone();
            let mut ctx = Ctx::new(&mut session.shell.fs, &env, &cwd, "", now);
            let result = f(&mut session.installer, &mut ctx);
            session.installer.sync(&session.shell.fs);
            session.adopt_finished_install();
            result
        };
        self.changed.emit(());
        result
    }
}

/// The properties of [`InstallView`].
#[derive(Properties, Clone)]
pub struct InstallViewProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// `ko` or `en`.
    pub lang: AttrValue,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
    /// Bumps the session's revision after a direct change.
    pub on_changed: Callback<()>,
}

impl PartialEq for InstallViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.lang == other.lang
            && self.on_run == other.on_run
            && self.on_changed == other.on_changed
    }
}

/// The Install tab.
#[function_component(InstallView)]
pub fn install_view(props: &InstallViewProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.install");
    let env = Env {
        session: props.session.clone(),
        revision: props.revision,
        ko: props.lang.as_str() != "en",
        run: props.on_run.clone(),
        changed: props.on_changed.clone(),
    };
    let playing = use_state(|| false);
    let selected = use_state(|| None::<String>);

    // While playing, the install moves on by itself; it stops at the end or when nothing can move.
    {
        let env = env.clone();
        let playing_handle = playing.clone();
        use_effect_with(*playing, move |&on| {
            let interval = on.then(|| {
                Interval::new(PLAY_TICK_MS, move || {
                    let done = env.with_installer(|inst, ctx| {
                        let before = inst.sim.as_ref().map(|s| (s.stage, s.now));
                        inst.advance_with(ctx.fs, PLAY_STEP_MS);
                        inst.installed_cluster().is_some() || inst.sim.is_none() || before.is_none()
                    });
                    if done {
                        playing_handle.set(false);
                    }
                })
            });
            move || drop(interval)
        });
    }

    let (method, installed, stage) = {
        let s = props.session.borrow();
        (
            s.installer.method,
            s.installer.installed_cluster(),
            s.installer.current_stage(),
        )
    };
    let on_pick = {
        let env = env.clone();
        Callback::from(move |m: InstallMethod| {
            env.with_installer(|inst, _| inst.method = m);
        })
    };
    let on_play = {
        let playing = playing.clone();
        Callback::from(move |on: bool| playing.set(on))
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |name: String| selected.set(Some(name)))
    };
    let status = match (&installed, stage) {
        (Some(done), _) => html! {
            <div class="inst-banner done" role="status">
                <strong>{ env.t(T::Installed) }</strong>
                <span class="mono">{ format!(" {} · {} · kubeadmin / {}", done.api_url, done.version, done.kubeadmin_password) }</span>
            </div>
        },
        (None, Some(stage)) => html! {
            <div class="inst-banner" role="status">
                <strong>{ format!("{} · ", env.t(T::Stage)) }</strong>
                <span class="mono">{ format!("{}. {}", stage.number().min(10), stage.id()) }</span>
            </div>
        },
        (None, None) => {
            html! { <div class="inst-banner idle" role="status">{ env.t(T::Idle) }</div> }
        }
    };

    html! {
        <div class="install-view">
            <method::MethodPicker env={env.clone()} method={method} on_pick={on_pick} />
            { status }
            <div class="inst-grid">
                <div class="inst-col">
                    <wizard::ConfigWizard env={env.clone()} method={method} />
                    if method == InstallMethod::Upi {
                        <helper_form::HelperForm env={env.clone()} />
                        <files::HelperFiles env={env.clone()} />
                    }
                </div>
                <div class="inst-col">
                    <steps::StepsBar env={env.clone()} method={method} />
                    <timeline::Timeline env={env.clone()} playing={*playing} on_play={on_play} />
                    <diagram::MachineDiagram env={env.clone()} selected={(*selected).clone()} on_select={on_select} />
                    <csrs::CsrList env={env.clone()} />
                    <logs::LogPane env={env.clone()} machine={(*selected).clone()} />
                    <faults::FaultPanel env={env.clone()} method={method} />
                </div>
            </div>
        </div>
    }
}
