//! The log pane: the installer's `.openshift_install.log` and the journal of the machine picked on the diagram, as
//! `journalctl` prints them.

use yew::prelude::*;

use super::Env;
use super::text::T;

/// How many lines the pane shows at most (the newest).
const MAX_LINES: usize = 300;

/// The properties of [`LogPane`].
#[derive(Properties, Clone, PartialEq)]
pub struct LogPaneProps {
    /// The shared environment.
    pub env: Env,
    /// The machine whose journal to show, if one was clicked.
    pub machine: Option<String>,
}

/// The pane.
#[function_component(LogPane)]
pub fn log_pane(props: &LogPaneProps) -> Html {
    let env = &props.env;
    // `None` shows the machine's journal when one is picked, else the installer's log.
    let want_file = use_state(|| false);
    let show_journal = props.machine.is_some() && !*want_file;
    let lines: Vec<String> = {
        let s = env.session.borrow();
        if show_journal {
            let m = props.machine.clone().unwrap_or_default();
            s.installer.journal(&m, &[])
        } else {
            let dir = s
                .installer
                .cluster
                .as_ref()
                .map(|c| c.dir.clone())
                .unwrap_or_else(|| format!("{}/ocp4", s.shell.frames[0].home));
            s.shell
                .fs
                .read(&format!("{dir}/.openshift_install.log"))
                .map(|t| t.lines().map(str::to_owned).collect())
                .unwrap_or_default()
        }
    };
    let tail = &lines[lines.len().saturating_sub(MAX_LINES)..];
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        use_effect_with(
            (env.revision, show_journal, props.machine.clone()),
            move |_| {
                if let Some(el) = pre.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            },
        );
    }
    let to_file = {
        let want_file = want_file.clone();
        Callback::from(move |_| want_file.set(true))
    };
    let to_journal = {
        let want_file = want_file.clone();
        Callback::from(move |_| want_file.set(false))
    };
    html! {
        <section class="inst-card inst-logs" aria-label={env.t(T::Logs)}>
            <h3>{ env.t(T::Logs) }</h3>
            <div class="inst-actions">
                <button type="button" aria-pressed={(!show_journal).to_string()} class={classes!((!show_journal).then_some("selected"))} onclick={to_file}>{ env.t(T::InstallLog) }</button>
                if let Some(m) = &props.machine {
                    <button type="button" aria-pressed={show_journal.to_string()} class={classes!(show_journal.then_some("selected"))} onclick={to_journal}>{ format!("{m} {}", env.t(T::Journal)) }</button>
                }
            </div>
            <pre class="inst-log mono" ref={pre} tabindex="0">
                if tail.is_empty() { { env.t(T::NoLog) } } else { { tail.join("\n") } }
            </pre>
        </section>
    }
}
