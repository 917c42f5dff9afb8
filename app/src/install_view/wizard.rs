//! The install-config wizard: a form whose answers become install-config.yaml in the virtual home directory, with the
//! installer's own validation errors shown inline under the fields they name.

use engine::install::{FieldError, InstallMethod, Installer, WizardAnswers};
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`ConfigWizard`].
#[derive(Properties, Clone, PartialEq)]
pub struct ConfigWizardProps {
    /// The shared environment.
    pub env: Env,
    /// The install method (it picks the platform).
    pub method: InstallMethod,
}

/// Which answer a form field edits.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Dir,
    Name,
    Domain,
    Masters,
    Workers,
    NetworkType,
    MachineNetwork,
    ClusterNetwork,
    HostPrefix,
    ServiceNetwork,
    PullSecret,
    SshKey,
    Region,
}

fn set(a: &mut WizardAnswers, field: Field, v: String) {
    let num = |v: &str| v.trim().parse::<i64>().unwrap_or(-1);
    match field {
        Field::Dir => a.dir = v,
        Field::Name => a.cluster_name = v,
        Field::Domain => a.base_domain = v,
        Field::Masters => a.master_replicas = num(&v),
        Field::Workers => a.worker_replicas = num(&v),
        Field::NetworkType => a.network_type = v,
        Field::MachineNetwork => a.machine_network = v,
        Field::ClusterNetwork => a.cluster_network = v,
        Field::HostPrefix => a.host_prefix = num(&v),
        Field::ServiceNetwork => a.service_network = v,
        Field::PullSecret => a.pull_secret = v,
        Field::SshKey => a.ssh_key = v,
        Field::Region => a.aws_region = v,
    }
}

fn get(a: &WizardAnswers, field: Field) -> String {
    match field {
        Field::Dir => a.dir.clone(),
        Field::Name => a.cluster_name.clone(),
        Field::Domain => a.base_domain.clone(),
        Field::Masters => a.master_replicas.to_string(),
        Field::Workers => a.worker_replicas.to_string(),
        Field::NetworkType => a.network_type.clone(),
        Field::MachineNetwork => a.machine_network.clone(),
        Field::ClusterNetwork => a.cluster_network.clone(),
        Field::HostPrefix => a.host_prefix.to_string(),
        Field::ServiceNetwork => a.service_network.clone(),
        Field::PullSecret => a.pull_secret.clone(),
        Field::SshKey => a.ssh_key.clone(),
        Field::Region => a.aws_region.clone(),
    }
}

/// The field paths of install-config.yaml a form field answers for.
fn paths(field: Field) -> &'static [&'static str] {
    match field {
        Field::Dir => &[],
        Field::Name => &["metadata.name"],
        Field::Domain => &["baseDomain"],
        Field::Masters => &["controlPlane"],
        Field::Workers => &["compute"],
        Field::NetworkType => &["networking.networkType"],
        Field::MachineNetwork => &["networking.machineNetwork"],
        Field::ClusterNetwork => &[
            "networking.clusterNetwork[0].cidr",
            "networking.clusterNetwork[0]",
        ],
        Field::HostPrefix => &["networking.clusterNetwork[0].hostPrefix"],
        Field::ServiceNetwork => &["networking.serviceNetwork"],
        Field::PullSecret => &["pullSecret"],
        Field::SshKey => &["sshKey"],
        Field::Region => &["platform.aws"],
    }
}

fn belongs(err: &FieldError, field: Field) -> bool {
    paths(field).iter().any(|p| {
        err.path == *p
            || err.path.starts_with(&format!("{p}."))
            || err.path.starts_with(&format!("{p}["))
    })
}

/// The wizard.
#[function_component(ConfigWizard)]
pub fn config_wizard(props: &ConfigWizardProps) -> Html {
    let env = &props.env;
    let answers = use_state(|| {
        let mut a = WizardAnswers::default();
        if props.method == InstallMethod::Upi {
            a.worker_replicas = 0;
        }
        a
    });
    let result = use_state(|| None::<(bool, String)>);
    {
        let answers = answers.clone();
        use_effect_with(props.method, move |m| {
            let mut a = (*answers).clone();
            a.platform = match m {
                InstallMethod::Ipi => "aws",
                _ => "none",
            }
            .into();
            if *m == InstallMethod::Ipi {
                a.machine_network = "10.0.0.0/16".into();
                a.worker_replicas = 3;
            } else {
                a.machine_network = "192.168.7.0/24".into();
                a.worker_replicas = 0;
            }
            answers.set(a);
        });
    }
    let errors = Installer::validate_answers(&answers);

    let input = |field: Field, label: T, kind: &'static str| -> Html {
        let oninput = {
            let answers = answers.clone();
            Callback::from(move |e: InputEvent| {
                let value = e
                    .target_dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .or_else(|| {
                        e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                            .map(|t| t.value())
                    })
                    .unwrap_or_default();
                let mut a = (*answers).clone();
                set(&mut a, field, value);
                answers.set(a);
            })
        };
        let mine: Vec<&FieldError> = errors.iter().filter(|e| belongs(e, field)).collect();
        let invalid = !mine.is_empty();
        let value = get(&answers, field);
        let control = if kind == "textarea" {
            html! { <textarea rows="2" spellcheck="false" value={value} {oninput} aria-invalid={invalid.to_string()} /> }
        } else {
            html! { <input type={kind} spellcheck="false" value={value} {oninput} aria-invalid={invalid.to_string()} /> }
        };
        html! {
            <label class={classes!("inst-field", invalid.then_some("invalid"))}>
                <span class="inst-label">{ env.t(label) }</span>
                { control }
                { for mine.iter().map(|e| html! { <span class="inst-error mono">{ e.to_string() }</span> }) }
            </label>
        }
    };
    let on_network_type = {
        let answers = answers.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let mut a = (*answers).clone();
                a.network_type = s.value();
                answers.set(a);
            }
        })
    };
    let on_write = {
        let env = env.clone();
        let answers = answers.clone();
        let result = result.clone();
        Callback::from(move |_| {
            if Installer::validate_answers(&answers).is_empty() {
                // A valid config is written by a command in the terminal, so it is part of the session's journal.
                let dir = answers.dir.trim().to_owned();
                let yaml = Installer::answers_yaml(&answers);
                env.run.emit(format!(
                    "mkdir -p {dir} && cat > {dir}/install-config.yaml <<'CFG'\n{}\nCFG",
                    yaml.trim_end()
                ));
                result.set(Some((true, format!("{dir}/install-config.yaml"))));
            } else {
                // An invalid one gets the installer's own fatal message, and nothing is written.
                let out = env.with_installer(|inst, ctx| inst.write_install_config(&answers, ctx));
                result.set(Some((
                    out.code == 0,
                    format!("{}{}", out.stdout, out.stderr),
                )));
            }
        })
    };
    let unplaced: Vec<&FieldError> = errors
        .iter()
        .filter(|e| {
            ![
                Field::Name,
                Field::Domain,
                Field::Masters,
                Field::Workers,
                Field::NetworkType,
                Field::MachineNetwork,
                Field::ClusterNetwork,
                Field::HostPrefix,
                Field::ServiceNetwork,
                Field::PullSecret,
                Field::SshKey,
                Field::Region,
            ]
            .iter()
            .any(|f| belongs(e, *f))
        })
        .collect();
    html! {
        <details class="inst-card" open=true>
            <summary>{ env.t(T::Wizard) }</summary>
            <div class="inst-form">
                { input(Field::Dir, T::Dir, "text") }
                <label class="inst-field">
                    <span class="inst-label">{ env.t(T::Platform) }</span>
                    <input type="text" readonly=true value={answers.platform.clone()} />
                </label>
                { input(Field::Name, T::ClusterName, "text") }
                { input(Field::Domain, T::BaseDomain, "text") }
                if props.method == InstallMethod::Ipi { { input(Field::Region, T::Region, "text") } }
                { input(Field::Masters, T::Masters, "number") }
                { input(Field::Workers, T::Workers, "number") }
                <label class="inst-field">
                    <span class="inst-label">{ env.t(T::NetworkType) }</span>
                    <select onchange={on_network_type}>
                        { for ["OVNKubernetes", "OpenShiftSDN"].iter().map(|n| html! {
                            <option value={*n} selected={answers.network_type == *n}>{ *n }</option>
                        }) }
                    </select>
                    { for errors.iter().filter(|e| belongs(e, Field::NetworkType)).map(|e| html! { <span class="inst-error mono">{ e.to_string() }</span> }) }
                </label>
                { input(Field::MachineNetwork, T::MachineNetwork, "text") }
                { input(Field::ClusterNetwork, T::ClusterNetwork, "text") }
                { input(Field::HostPrefix, T::HostPrefix, "number") }
                { input(Field::ServiceNetwork, T::ServiceNetwork, "text") }
                { input(Field::PullSecret, T::PullSecret, "textarea") }
                { input(Field::SshKey, T::SshKey, "textarea") }
            </div>
            { for unplaced.iter().map(|e| html! { <p class="inst-error mono">{ e.to_string() }</p> }) }
            <div class="inst-actions">
                <button type="button" class="primary" onclick={on_write}>{ env.t(T::WriteConfig) }</button>
                if errors.is_empty() { <span class="inst-ok">{ env.t(T::ConfigValid) }</span> }
            </div>
            if let Some((ok, text)) = &*result {
                <pre class={classes!("inst-out", (!ok).then_some("err"))}>{ text.clone() }</pre>
            }
        </details>
    }
}
