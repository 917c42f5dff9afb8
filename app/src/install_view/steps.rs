//! The install's steps as buttons, per method: each runs the command a learner would type (shown in the terminal),
//! except powering the machines on, which the simulator does directly.

use engine::install::InstallMethod;
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`StepsBar`].
#[derive(Properties, Clone, PartialEq)]
pub struct StepsBarProps {
    /// The shared environment.
    pub env: Env,
    /// The install method.
    pub method: InstallMethod,
}

/// The buttons.
#[function_component(StepsBar)]
pub fn steps_bar(props: &StepsBarProps) -> Html {
    let env = &props.env;
    let rendezvous = use_state(|| "192.168.7.21".to_owned());
    let run = |cmd: String| {
        let env = env.clone();
        Callback::from(move |_| env.run.emit(cmd.clone()))
    };
    let dir = {
        let s = env.session.borrow();
        let dir = s
            .installer
            .cluster
            .as_ref()
            .map(|c| c.dir.clone())
            .unwrap_or_else(|| "ocp4".into());
        // The commands run in the home directory, so a directory inside it is named relative to it.
        dir.strip_prefix(&format!("{}/", s.shell.identity.home))
            .map(str::to_owned)
            .unwrap_or(dir)
    };
    let power_on = {
        let env = env.clone();
        Callback::from(move |_| {
            env.with_installer(|inst, ctx| inst.boot_machines(ctx.now));
        })
    };
    let agent_image = {
        let env = env.clone();
        let rendezvous = rendezvous.clone();
        let dir = dir.clone();
        Callback::from(move |_| {
            let text = format!(
                "apiVersion: v1beta1\nkind: AgentConfig\nmetadata:\n  name: ocp4\nrendezvousIP: {}\n",
                *rendezvous
            );
            {
                let mut s = env.session.borrow_mut();
                let home = s.shell.frames[0].home.clone();
                let _ = s
                    .shell
                    .fs
                    .write(&format!("{home}/{dir}/agent-config.yaml"), text);
            }
            env.run
                .emit(format!("openshift-install agent create image --dir {dir}"));
        })
    };
    let on_rendezvous = {
        let rendezvous = rendezvous.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                rendezvous.set(i.value());
            }
        })
    };
    let buttons = match props.method {
        InstallMethod::Upi => html! {
            <>
                <button type="button" onclick={run(format!("openshift-install create manifests --dir {dir}"))}>{ env.t(T::CreateManifests) }</button>
                <button type="button" onclick={run(format!("openshift-install create ignition-configs --dir {dir}"))}>{ env.t(T::CreateIgnition) }</button>
                <button type="button" onclick={run(format!("cp {dir}/*.ign /var/www/html/ignition/"))}>{ env.t(T::Publish) }</button>
                <button type="button" class="primary" onclick={power_on}>{ env.t(T::PowerOn) }</button>
            </>
        },
        InstallMethod::Ipi => html! {
            <button type="button" class="primary" onclick={run(format!("openshift-install create cluster --dir {dir}"))}>{ env.t(T::CreateCluster) }</button>
        },
        InstallMethod::Agent => html! {
            <>
                <label class="inst-inline">
                    { env.t(T::RendezvousIp) }
                    <input type="text" class="mono" value={(*rendezvous).clone()} oninput={on_rendezvous} />
                </label>
                <button type="button" onclick={agent_image}>{ env.t(T::AgentImage) }</button>
                <button type="button" class="primary" onclick={power_on}>{ env.t(T::PowerOn) }</button>
            </>
        },
    };
    html! {
        <section class="inst-card inst-steps" aria-label={env.t(T::Steps)}>
            <h3>{ env.t(T::Steps) }</h3>
            <div class="inst-actions">{ buttons }</div>
        </section>
    }
}
