//! Fault injection: the real install's typical mistakes, each applied to the helper's files (or the clock, or the
//! machines) so the install fails at the step where the real one does, with the real symptom.

use engine::install::{Fault, InstallMethod};
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`FaultPanel`].
#[derive(Properties, Clone, PartialEq)]
pub struct FaultPanelProps {
    /// The shared environment.
    pub env: Env,
    /// The install method (helper faults need the helper node).
    pub method: InstallMethod,
}

/// The panel.
#[function_component(FaultPanel)]
pub fn fault_panel(props: &FaultPanelProps) -> Html {
    let env = &props.env;
    let last = use_state(|| None::<(bool, String)>);
    let upi = props.method == InstallMethod::Upi;
    // The fault, its label, the step where its symptom shows, and whether it needs the helper node.
    let faults: Vec<(Option<Fault>, T, &str, bool)> = vec![
        (Some(Fault::MissingApiIntDns), T::FaultApiInt, "3", true),
        (
            Some(Fault::WrongDhcpMac {
                machine: "master1".into(),
            }),
            T::FaultMac,
            "3",
            true,
        ),
        (Some(Fault::HaproxyMissing22623), T::FaultHaproxy, "3", true),
        (Some(Fault::ExpiredIgnition), T::FaultExpired, "2", false),
        (Some(Fault::TooFewMasters), T::FaultMasters, "5", false),
        (None, T::FaultCsrs, "9–10", true),
    ];
    let rows = faults.into_iter().map(|(fault, label, step, needs_helper)| {
        let usable = !needs_helper || upi;
        let button = match fault {
            Some(fault) => {
                let env2 = env.clone();
                let last = last.clone();
                let onclick = Callback::from(move |_| {
                    let result = env2.with_installer(|inst, ctx| inst.inject_fault(&fault, ctx.fs));
                    last.set(Some(match result {
                        Ok(what) => (true, what),
                        Err(e) => (false, e),
                    }));
                });
                html! { <button type="button" onclick={onclick} disabled={!usable}>{ env.t(T::Inject) }</button> }
            }
            None => html! { <span class="muted small">{ "—" }</span> },
        };
        html! {
            <tr class={classes!((!usable).then_some("muted"))}>
                <td>{ env.t(label) }</td>
                <td class="small">{ format!("{} {step}", env.t(T::SymptomAt)) }</td>
                <td>{ button }</td>
            </tr>
        }
    });
    html! {
        <details class="inst-card inst-faults">
            <summary>{ env.t(T::Faults) }</summary>
            <table class="inst-table"><tbody>{ for rows }</tbody></table>
            if let Some((ok, text)) = &*last {
                <p class={classes!("mono", "small", if *ok { "inst-ok" } else { "inst-error" })}>{ text.clone() }</p>
            }
        </details>
    }
}
