//! The machines of the install as a diagram: the helper and its load balancer, the bootstrap machine, the control
//! plane and the compute nodes, each coloured by its state with what it is doing; clicking one opens its journal.

use engine::install::{MachineState, MachineView};
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`MachineDiagram`].
#[derive(Properties, Clone, PartialEq)]
pub struct MachineDiagramProps {
    /// The shared environment.
    pub env: Env,
    /// The machine whose journal is open.
    pub selected: Option<String>,
    /// Called with the name of a clicked machine.
    pub on_select: Callback<String>,
}

/// A state's CSS class and its label.
pub fn state_label(state: MachineState, ko: bool) -> (&'static str, &'static str) {
    let (class, k, e) = match state {
        MachineState::Off => ("off", "꺼짐", "Off"),
        MachineState::PxeBooting => ("pxe", "PXE 부팅", "PXE booting"),
        MachineState::PxeFailed => ("failed", "PXE 실패", "PXE failed"),
        MachineState::Installing => ("installing", "RHCOS 설치", "Installing RHCOS"),
        MachineState::FetchingIgnition => ("fetching", "Ignition 가져오는 중", "Fetching ignition"),
        MachineState::IgnitionFailed => ("failed", "Ignition 실패", "Ignition failing"),
        MachineState::Running => ("running", "실행 중", "Running"),
        MachineState::NotReady => ("notready", "NotReady", "NotReady"),
        MachineState::Ready => ("ready", "Ready", "Ready"),
        MachineState::ShutDown => ("shutdown", "종료됨", "Shut down"),
    };
    (class, if ko { k } else { e })
}

/// The diagram.
#[function_component(MachineDiagram)]
pub fn machine_diagram(props: &MachineDiagramProps) -> Html {
    let env = &props.env;
    let machines = env.session.borrow().installer.machines();
    let group = |roles: &[&str]| -> Vec<MachineView> {
        machines
            .iter()
            .filter(|m| roles.contains(&m.role.as_str()))
            .cloned()
            .collect()
    };
    let rows = [
        ("infra", group(&["helper", "lb"])),
        ("bootstrap", group(&["bootstrap", "rendezvous"])),
        ("masters", group(&["master"])),
        ("workers", group(&["worker"])),
    ];
    let card = |m: &MachineView| {
        let (class, label) = state_label(m.state, env.ko);
        let onclick = {
            let select = props.on_select.clone();
            let name = m.name.clone();
            Callback::from(move |_| select.emit(name.clone()))
        };
        let selected = props.selected.as_deref() == Some(m.name.as_str());
        html! {
            <button type="button" class={classes!("machine", format!("state-{class}"), format!("role-{}", m.role), selected.then_some("selected"))}
                title={m.detail.clone()} aria-pressed={selected.to_string()} data-machine={m.name.clone()} {onclick}>
                <span class="machine-head"><span class="machine-name">{ m.name.clone() }</span><span class="machine-role">{ m.role.clone() }</span></span>
                <span class="machine-ip mono">{ if m.ip.is_empty() { "—".to_owned() } else { m.ip.clone() } }</span>
                <span class="machine-state">{ label }</span>
                <span class="machine-detail">{ m.detail.clone() }</span>
            </button>
        }
    };
    html! {
        <section class="inst-card" aria-label={env.t(T::Machines)}>
            <h3>{ env.t(T::Machines) }<span class="muted small">{ format!(" · {}", env.t(T::ClickMachine)) }</span></h3>
            <div class="machines">
                { for rows.iter().filter(|(_, ms)| !ms.is_empty()).map(|(id, ms)| html! {
                    <div class={classes!("machine-row", format!("row-{id}"))}>{ for ms.iter().map(card) }</div>
                }) }
            </div>
        </section>
    }
}
