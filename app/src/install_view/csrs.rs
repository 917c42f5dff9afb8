//! Pending certificate signing requests of the cluster being installed, each approved with the `oc` command a learner
//! would type (it runs in the terminal against the install's kubeconfig).

use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`CsrList`].
#[derive(Properties, Clone, PartialEq)]
pub struct CsrListProps {
    /// The shared environment.
    pub env: Env,
}

/// The list.
#[function_component(CsrList)]
pub fn csr_list(props: &CsrListProps) -> Html {
    let env = &props.env;
    let (pending, kubeconfig) = {
        let s = env.session.borrow();
        let home = s.shell.frames[0].home.clone();
        let kc = s
            .installer
            .cluster
            .as_ref()
            .map(|c| format!("{}/auth/kubeconfig", c.dir))
            .unwrap_or_default();
        let kc = kc
            .strip_prefix(&format!("{home}/"))
            .map(str::to_owned)
            .unwrap_or(kc);
        (s.installer.pending_csrs(), kc)
    };
    let approve = |names: Vec<String>| {
        let env = env.clone();
        let kubeconfig = kubeconfig.clone();
        Callback::from(move |_| {
            env.run.emit(format!(
                "oc --kubeconfig {kubeconfig} adm certificate approve {}",
                names.join(" ")
            ))
        })
    };
    let all: Vec<String> = pending.iter().map(|c| c.name.clone()).collect();
    html! {
        <section class="inst-card inst-csrs" aria-label={env.t(T::Csrs)}>
            <h3>{ env.t(T::Csrs) }
                if !pending.is_empty() { <span class="badge">{ pending.len() }</span> }
            </h3>
            if pending.is_empty() {
                <p class="muted">{ env.t(T::NoCsrs) }</p>
            } else {
                <table class="inst-table">
                    <tbody>
                        { for pending.iter().map(|c| html! {
                            <tr data-csr={c.name.clone()}>
                                <td class="mono nowrap">{ c.name.clone() }</td>
                                <td class="mono small">{ c.signer_name.clone() }<br />{ c.requestor.clone() }</td>
                                <td class="nowrap"><button type="button" onclick={approve(vec![c.name.clone()])}>{ env.t(T::Approve) }</button></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <div class="inst-actions">
                    <button type="button" class="primary csr-approve-all" onclick={approve(all)}>{ env.t(T::ApproveAll) }</button>
                </div>
            }
        </section>
    }
}
