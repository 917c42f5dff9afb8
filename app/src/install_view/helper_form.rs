//! The helper-node form: cluster name, base domain, the helper's IP and each machine's MAC and IP, written as the
//! ocp4-helpernode `vars.yaml` and applied by running its playbook in the terminal.

use engine::install::HelperNode;
use engine::install::helper::NodeVars;
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`HelperForm`].
#[derive(Properties, Clone, PartialEq)]
pub struct HelperFormProps {
    /// The shared environment.
    pub env: Env,
}

/// Which value of the description an input edits.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    ClusterId,
    Domain,
    HelperIp,
    /// A machine (0 bootstrap, 1.. masters then workers) and a column (0 name, 1 MAC, 2 IP).
    Node(usize, u8),
}

fn node_mut(h: &mut HelperNode, i: usize) -> Option<&mut NodeVars> {
    if i == 0 {
        return Some(&mut h.bootstrap);
    }
    let m = h.masters.len();
    if i <= m {
        h.masters.get_mut(i - 1)
    } else {
        h.workers.get_mut(i - 1 - m)
    }
}

fn apply(h: &mut HelperNode, slot: Slot, v: String) {
    match slot {
        Slot::ClusterId => h.dns.clusterid = v,
        Slot::Domain => h.dns.domain = v,
        Slot::HelperIp => h.helper.ipaddr = v,
        Slot::Node(i, col) => {
            if let Some(n) = node_mut(h, i) {
                match col {
                    0 => n.name = v,
                    1 => n.macaddr = v,
                    _ => n.ipaddr = v,
                }
            }
        }
    }
}

/// The form.
#[function_component(HelperForm)]
pub fn helper_form(props: &HelperFormProps) -> Html {
    let env = &props.env;
    let helper = use_state(|| {
        env.session
            .borrow()
            .installer
            .helper
            .clone()
            .unwrap_or_else(HelperNode::example)
    });
    let edit = |slot: Slot| {
        let helper = helper.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut h = (*helper).clone();
                apply(&mut h, slot, i.value());
                helper.set(h);
            }
        })
    };
    let text = |label: T, slot: Slot, value: String| {
        html! {
            <label class="inst-field">
                <span class="inst-label">{ env.t(label) }</span>
                <input type="text" spellcheck="false" value={value} oninput={edit(slot)} />
            </label>
        }
    };
    let mut rows: Vec<(&'static str, &NodeVars)> = vec![("bootstrap", &helper.bootstrap)];
    rows.extend(helper.masters.iter().map(|n| ("master", n)));
    rows.extend(helper.workers.iter().map(|n| ("worker", n)));
    let table_rows = rows.iter().enumerate().map(|(i, (role, n))| {
        html! {
            <tr class={format!("role-{role}")}>
                <td class="muted">{ *role }</td>
                <td><input type="text" aria-label={format!("{role} {}", env.t(T::Name))} value={n.name.clone()} oninput={edit(Slot::Node(i, 0))} /></td>
                <td><input type="text" class="mono" aria-label={format!("{} {}", n.name, env.t(T::Mac))} value={n.macaddr.clone()} oninput={edit(Slot::Node(i, 1))} /></td>
                <td><input type="text" class="mono" aria-label={format!("{} {}", n.name, env.t(T::Ip))} value={n.ipaddr.clone()} oninput={edit(Slot::Node(i, 2))} /></td>
            </tr>
        }
    });
    let add_worker = {
        let helper = helper.clone();
        Callback::from(move |_| {
            let mut h = (*helper).clone();
            let i = h.workers.len();
            let last_octet = 11 + i;
            h.workers.push(NodeVars {
                name: format!("worker{i}"),
                ipaddr: format!("192.168.7.{last_octet}"),
                macaddr: format!("52:54:00:00:10:{:02x}", last_octet),
            });
            helper.set(h);
        })
    };
    let remove_worker = {
        let helper = helper.clone();
        Callback::from(move |_| {
            let mut h = (*helper).clone();
            h.workers.pop();
            helper.set(h);
        })
    };
    let run_playbook = {
        let env = env.clone();
        let helper = helper.clone();
        Callback::from(move |_| {
            // Typed into the terminal, so the session's journal replays it: write vars.yaml, run the playbook.
            let yaml = helper.to_vars_yaml();
            env.run.emit(format!(
                "cat > ~/vars.yaml <<'VARS'\n{}\nVARS",
                yaml.trim_end()
            ));
            env.run
                .emit("ansible-playbook -e @vars.yaml tasks/main.yml".to_owned());
        })
    };
    html! {
        <details class="inst-card" open=true>
            <summary>{ env.t(T::Helper) }</summary>
            <div class="inst-form">
                { text(T::ClusterName, Slot::ClusterId, helper.dns.clusterid.clone()) }
                { text(T::BaseDomain, Slot::Domain, helper.dns.domain.clone()) }
                { text(T::HelperIp, Slot::HelperIp, helper.helper.ipaddr.clone()) }
            </div>
            <table class="inst-nodes">
                <thead><tr><th>{ env.t(T::Role) }</th><th>{ env.t(T::Name) }</th><th>{ env.t(T::Mac) }</th><th>{ env.t(T::Ip) }</th></tr></thead>
                <tbody>{ for table_rows }</tbody>
            </table>
            <div class="inst-actions">
                <button type="button" onclick={add_worker}>{ env.t(T::AddWorker) }</button>
                <button type="button" onclick={remove_worker} disabled={helper.workers.is_empty()}>{ env.t(T::RemoveWorker) }</button>
                <button type="button" class="primary" onclick={run_playbook}>{ env.t(T::RunPlaybook) }</button>
            </div>
        </details>
    }
}
