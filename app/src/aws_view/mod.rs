//! The AWS tab: a console-like view of the session's AWS account (IAM with a policy simulator, Systems Manager's
//! fleet, CodeCommit and CodePipeline, billing) whose buttons type the equivalent `aws` commands into the terminal.

pub mod model;
pub mod text;

use std::cell::RefCell;
use std::rc::Rc;

use engine::aws::cost::INSTANCE_HOURLY;
use engine::session::Session;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::charts::{LineChart, Series, Tone};
use crate::i18n::Lang;
use model::{SimResult, StageBox};
use text::{T, tr};

/// The properties of [`AwsView`].
#[derive(Properties, Clone)]
pub struct AwsViewProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes (a command ran, time passed).
    pub revision: u64,
    /// Types a command into the terminal and runs it, so the terminal and the panel agree.
    pub on_run: Callback<String>,
    /// The UI language.
    pub lang: Lang,
    /// The theme in effect (`light` or `dark`), so the charts redraw in its colours.
    pub theme: AttrValue,
}

impl PartialEq for AwsViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.on_run == other.on_run
            && self.lang == other.lang
            && self.theme == other.theme
    }
}

/// The sections of the side navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Iam,
    Ssm,
    Code,
    Billing,
}

impl Section {
    const ALL: [Section; 4] = [Section::Iam, Section::Ssm, Section::Code, Section::Billing];

    fn id(self) -> &'static str {
        match self {
            Section::Iam => "iam",
            Section::Ssm => "ssm",
            Section::Code => "code",
            Section::Billing => "billing",
        }
    }

    fn label(self) -> T {
        match self {
            Section::Iam => T::Iam,
            Section::Ssm => T::Ssm,
            Section::Code => T::Code,
            Section::Billing => T::Billing,
        }
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn run_cb(on_run: &Callback<String>, line: String) -> Callback<MouseEvent> {
    let on_run = on_run.clone();
    Callback::from(move |_| on_run.emit(line.clone()))
}

fn status_class(status: Option<&str>) -> &'static str {
    match status {
        Some("Succeeded" | "Success" | "OK" | "COMPLIANT" | "Online" | "allowed") => "ok",
        Some("Failed" | "ALARM" | "NON_COMPLIANT" | "explicitDeny" | "Rejected") => "bad",
        Some("InProgress" | "Pending" | "INSUFFICIENT_DATA" | "implicitDeny") => "busy",
        Some("Stopped" | "Superseded" | "Cancelled") => "idle",
        _ => "none",
    }
}

fn list(items: &[String]) -> Html {
    if items.is_empty() {
        html! { <span class="aws-muted">{ "—" }</span> }
    } else {
        html! { { items.join(", ") } }
    }
}

/// The AWS tab.
#[function_component(AwsView)]
pub fn aws_view(props: &AwsViewProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.aws");
    let lang = props.lang;
    let section = use_state(|| Section::Iam);
    let nav = Section::ALL.iter().map(|&s| {
        let current = *section == s;
        let onclick = {
            let section = section.clone();
            Callback::from(move |_| section.set(s))
        };
        html! {
            <button type="button" id={format!("aws-nav-{}", s.id())}
                class={classes!("aws-nav-item", current.then_some("current"))}
                aria-current={if current { "page" } else { "false" }} {onclick}>
                { tr(lang, s.label()) }
            </button>
        }
    });
    let identity = model::identity(&props.session.borrow());
    let default_identity = identity.as_deref() == Some(model::STUDENT_ARN);
    let body = match *section {
        Section::Iam => html! { <IamSection ..props.clone() /> },
        Section::Ssm => html! { <SsmSection ..props.clone() /> },
        Section::Code => html! { <CodeSection ..props.clone() /> },
        Section::Billing => html! { <BillingSection ..props.clone() /> },
    };
    html! {
        <div class="aws-view">
            <nav class="aws-nav" aria-label={tr(lang, T::NavLabel)}>
                { for nav }
            </nav>
            <div class="aws-main">
                <div class="aws-identity">
                    <span class="aws-muted">{ tr(lang, T::Identity) }</span>
                    <code id="aws-identity">{ identity.clone().unwrap_or_else(|| "InvalidClientTokenId".into()) }</code>
                    if !default_identity {
                        <button type="button" class="aws-btn"
                            onclick={run_cb(&props.on_run, "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY".into())}>
                            { tr(lang, T::BackToStudent) }
                        </button>
                    }
                </div>
                <div class={classes!("aws-section", format!("aws-{}", section.id()))}>
                    { body }
                </div>
            </div>
        </div>
    }
}

#[function_component(IamSection)]
fn iam_section(props: &AwsViewProps) -> Html {
    let lang = props.lang;
    let (view, identity) = {
        let s = props.session.borrow();
        (model::iam(&s), model::identity(&s))
    };
    let principals: Vec<String> = view
        .users
        .iter()
        .map(|u| u.arn.clone())
        .chain(view.roles.iter().map(|r| r.arn.clone()))
        .collect();
    let default_principal = view
        .users
        .iter()
        .find(|u| u.name != "student")
        .or(view.users.first())
        .map(|u| u.arn.clone())
        .unwrap_or_default();
    let principal = use_state(|| None::<String>);
    let action = use_state(|| "ec2:RunInstances".to_owned());
    let resource = use_state(|| "*".to_owned());
    let last = use_state(|| None::<String>);
    let chosen = principal
        .as_ref()
        .filter(|p| principals.contains(p))
        .cloned()
        .unwrap_or(default_principal);

    let users = view.users.iter().map(|u| {
        let in_use = identity.as_deref() == Some(u.arn.as_str());
        let switch = model::switch_command(&props.session.borrow(), &u.name);
        let keys: Vec<String> = u.keys.iter().map(|(k, s)| format!("{k} ({s})")).collect();
        html! {
            <tr data-user={u.name.clone()}>
                <td>{ &u.name }</td>
                <td>{ list(&u.groups) }</td>
                <td>{ list(&u.policies) }</td>
                <td>{ if u.mfa { "✔" } else { "—" } }</td>
                <td class="aws-mono">{ list(&keys) }</td>
                <td>
                    if in_use {
                        <span class="aws-pill ok">{ tr(lang, T::InUse) }</span>
                    } else {
                        <button type="button" class="aws-btn switch-user" onclick={run_cb(&props.on_run, switch)}>
                            { tr(lang, T::UseInTerminal) }
                        </button>
                    }
                </td>
            </tr>
        }
    });
    let groups = view.groups.iter().map(|(name, members, policies)| {
        html! { <tr><td>{ name }</td><td>{ list(members) }</td><td>{ list(policies) }</td></tr> }
    });
    let roles = view.roles.iter().map(|r| {
        html! {
            <tr><td>{ &r.name }</td><td class="aws-mono">{ list(&r.trusted) }</td><td>{ list(&r.policies) }</td></tr>
        }
    });
    let policies = view.policies.iter().map(|(name, arn, version)| {
        html! { <tr><td>{ name }</td><td class="aws-mono">{ arn }</td><td>{ version }</td></tr> }
    });

    let command = model::simulate_command(&chosen, &action, &resource);
    let result = last
        .as_ref()
        .and_then(|c| model::sim_result(&props.session.borrow(), c));
    let on_principal = {
        let principal = principal.clone();
        Callback::from(move |e: Event| principal.set(Some(select_value(&e))))
    };
    let on_action = {
        let action = action.clone();
        Callback::from(move |e: InputEvent| action.set(input_value(&e)))
    };
    let on_resource = {
        let resource = resource.clone();
        Callback::from(move |e: InputEvent| resource.set(input_value(&e)))
    };
    let on_submit = {
        let on_run = props.on_run.clone();
        let last = last.clone();
        let command = command.clone();
        let ready = !chosen.is_empty() && !action.trim().is_empty();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ready {
                on_run.emit(command.clone());
                last.set(Some(command.clone()));
            }
        })
    };
    let result_html = match result {
        None => html! {},
        Some(SimResult::Error(e)) => html! { <pre class="aws-error" id="sim-result">{ e }</pre> },
        Some(SimResult::Decision(d, matched)) => {
            let label = match d.as_str() {
                "allowed" => tr(lang, T::Allowed),
                "explicitDeny" => tr(lang, T::ExplicitDeny),
                _ => tr(lang, T::ImplicitDeny),
            };
            html! {
                <div class="sim-result" id="sim-result" data-decision={d.clone()}>
                    <span class={classes!("aws-pill", status_class(Some(d.as_str())))}>{ label }</span>
                    if matched.is_empty() {
                        <p class="aws-muted">{ tr(lang, T::NoStatementAllows) }</p>
                    } else {
                        <p>
                            <span class="aws-muted">{ format!("{}: ", tr(lang, T::DecidedBy)) }</span>
                            { for matched.iter().map(|(id, lines)| html! {
                                <code class="aws-stmt">{ format!("{id} · {lines}") }</code>
                            }) }
                        </p>
                    }
                </div>
            }
        }
    };

    html! {
        <>
            <h3>{ tr(lang, T::Users) }</h3>
            // The users table has the most columns; beside the lesson it scrolls sideways instead of being clipped.
            <div class="aws-scroll">
                <table class="aws-table" id="iam-users">
                    <thead><tr>
                        <th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Groups) }</th>
                        <th>{ tr(lang, T::AttachedPolicies) }</th><th>{ tr(lang, T::Mfa) }</th>
                        <th>{ tr(lang, T::AccessKeys) }</th>
                        <th><span class="visually-hidden">{ tr(lang, T::TerminalColumn) }</span></th>
                    </tr></thead>
                    <tbody>{ for users }</tbody>
                </table>
            </div>
            <div class="aws-grid2">
                <div>
                    <h3>{ tr(lang, T::Groups) }</h3>
                    // A scroll box without focusable content takes the focus itself, so keyboard users can scroll it.
                    <div class="aws-scroll" tabindex="0" role="region" aria-label={tr(lang, T::Groups)}>
                        <table class="aws-table" id="iam-groups">
                            <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Members) }</th>
                                <th>{ tr(lang, T::AttachedPolicies) }</th></tr></thead>
                            <tbody>{ for groups }</tbody>
                        </table>
                    </div>
                </div>
                <div>
                    <h3>{ tr(lang, T::Roles) }</h3>
                    // A managed policy's name (AmazonSSMManagedInstanceCore) is wider than half the panel beside the lesson.
                    <div class="aws-scroll" tabindex="0" role="region" aria-label={tr(lang, T::Roles)}>
                        <table class="aws-table" id="iam-roles">
                            <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::TrustedBy) }</th>
                                <th>{ tr(lang, T::AttachedPolicies) }</th></tr></thead>
                            <tbody>{ for roles }</tbody>
                        </table>
                    </div>
                </div>
            </div>
            <h3>{ tr(lang, T::Policies) }</h3>
            if view.policies.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoCustomerPolicies) }</p>
            } else {
                <table class="aws-table" id="iam-policies">
                    <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Arn) }</th>
                        <th>{ tr(lang, T::DefaultVersion) }</th></tr></thead>
                    <tbody>{ for policies }</tbody>
                </table>
            }
            <h3>{ tr(lang, T::Simulator) }</h3>
            <p class="aws-muted">{ tr(lang, T::SimulatorHelp) }</p>
            <form class="aws-form" id="iam-simulator" onsubmit={on_submit}>
                <label>{ tr(lang, T::Principal) }
                    <select name="principal" onchange={on_principal}>
                        { for principals.iter().map(|p| html! {
                            <option value={p.clone()} selected={*p == chosen}>{ p }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr(lang, T::Action) }
                    <input name="action" value={(*action).clone()} oninput={on_action} spellcheck="false" />
                </label>
                <label>{ tr(lang, T::Resource) }
                    <input name="resource" value={(*resource).clone()} oninput={on_resource} spellcheck="false" />
                </label>
                <button type="submit" class="aws-btn primary">{ tr(lang, T::Simulate) }</button>
            </form>
            { result_html }
        </>
    }
}

#[function_component(SsmSection)]
fn ssm_section(props: &AwsViewProps) -> Html {
    let lang = props.lang;
    let view = model::ssm(&props.session.borrow());
    let commands = use_state(|| "hostname\nuname".to_owned());
    let target = use_state(String::new);
    let managed: Vec<String> = view
        .fleet
        .iter()
        .filter(|f| f.ping_status.as_deref() == Some("Online"))
        .map(|f| f.instance_id.clone())
        .collect();
    let fleet = view.fleet.iter().map(|f| {
        let compliance = if f.managed {
            if f.missing_patches == 0 {
                html! { <span class="aws-pill ok">{ &f.patch_compliance }</span> }
            } else {
                html! {
                    <>
                        <span class={classes!("aws-pill", status_class(Some(f.patch_compliance.as_str())))}>
                            { &f.patch_compliance }
                        </span>
                        <div class="aws-muted aws-small">
                            { text::missing_patches(lang, f.missing_patches) }
                        </div>
                    </>
                }
            }
        } else {
            html! { <span class="aws-muted">{ "—" }</span> }
        };
        html! {
            <tr>
                <td class="aws-mono nowrap">{ &f.instance_id }</td>
                <td>{ f.name.clone().unwrap_or_default() }</td>
                <td>
                    if f.managed {
                        <span class={classes!("aws-pill", status_class(f.ping_status.as_deref()))}>
                            { f.ping_status.clone().unwrap_or_default() }
                        </span>
                    } else {
                        <span class="aws-pill none">
                            { tr(lang, T::NotManaged) }
                        </span>
                        <div class="aws-muted aws-small">{ text::unmanaged_reason(lang, f.reason.as_deref().unwrap_or("")) }</div>
                    }
                </td>
                <td>{ format!("{} {}", f.platform, f.platform_version) }</td>
                <td>{ f.agent_version.clone().unwrap_or_else(|| "—".into()) }</td>
                <td>{ compliance }</td>
            </tr>
        }
    });
    let groups = view.groups.iter().map(|(name, query, members)| {
        html! { <tr><td>{ name }</td><td class="aws-mono">{ query }</td><td class="aws-mono">{ list(members) }</td></tr> }
    });
    let history = view.commands.iter().take(8).map(|c| {
        let rows = c.invocations.iter().map(|(id, status, out, err)| {
            html! {
                <tr>
                    <td class="aws-mono">{ id }</td>
                    <td><span class={classes!("aws-pill", status_class(Some(status.as_str())))}>{ status }</span></td>
                    <td>
                        if status == "Success" || status == "Failed" {
                            <pre class="aws-out">{ format!("{out}{err}") }</pre>
                        }
                    </td>
                </tr>
            }
        });
        html! {
            <div class="aws-card ssm-command">
                <div><strong>{ &c.document }</strong>{ " " }<code class="aws-muted">{ &c.id }</code></div>
                <div class="aws-muted aws-small">{ &c.parameters }</div>
                <table class="aws-table">
                    <thead><tr><th>{ tr(lang, T::Instance) }</th><th>{ tr(lang, T::Status) }</th>
                        <th>{ tr(lang, T::Output) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    });
    let run_line = model::send_command(&commands, &target, &managed);
    let patch_line = model::patch_command(&target, &managed);
    let on_commands = {
        let commands = commands.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                commands.set(t.value());
            }
        })
    };
    let on_target = {
        let target = target.clone();
        Callback::from(move |e: Event| target.set(select_value(&e)))
    };
    let on_submit = {
        let on_run = props.on_run.clone();
        let line = run_line.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(l) = &line {
                on_run.emit(l.clone());
            }
        })
    };
    html! {
        <>
            <h3>{ format!("{} · {}", tr(lang, T::Fleet), view.region) }</h3>
            if view.fleet.is_empty() {
                <p class="aws-muted">{ tr(lang, T::FleetEmpty) }</p>
            } else {
                <table class="aws-table" id="ssm-fleet">
                    <thead><tr><th>{ tr(lang, T::Instance) }</th><th>{ tr(lang, T::Name) }</th>
                        <th>{ tr(lang, T::Managed) }</th><th>{ tr(lang, T::Platform) }</th>
                        <th>{ tr(lang, T::Agent) }</th><th>{ tr(lang, T::PatchCompliance) }</th></tr></thead>
                    <tbody>{ for fleet }</tbody>
                </table>
            }
            <h3>{ tr(lang, T::ResourceGroups) }</h3>
            if view.groups.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoGroups) }</p>
            } else {
                <table class="aws-table" id="ssm-groups">
                    <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::TagQuery) }</th>
                        <th>{ tr(lang, T::Members) }</th></tr></thead>
                    <tbody>{ for groups }</tbody>
                </table>
            }
            <h3>{ tr(lang, T::RunCommand) }</h3>
            <form class="aws-form" id="ssm-run" onsubmit={on_submit}>
                <label>{ tr(lang, T::Commands) }
                    <textarea rows="2" value={(*commands).clone()} oninput={on_commands} spellcheck="false" />
                </label>
                <label>{ tr(lang, T::Target) }
                    <select onchange={on_target}>
                        <option value="" selected={target.is_empty()}>{ tr(lang, T::AllManaged) }</option>
                        { for view.groups.iter().map(|(g, _, _)| html! {
                            <option value={g.clone()} selected={*target == *g}>{ format!("resource-groups:Name={g}") }</option>
                        }) }
                    </select>
                </label>
                <button type="submit" class="aws-btn primary" disabled={run_line.is_none()}>{ tr(lang, T::Run) }</button>
                <button type="button" class="aws-btn" disabled={patch_line.is_none()}
                    onclick={run_cb(&props.on_run, patch_line.clone().unwrap_or_default())}>
                    { tr(lang, T::InstallPatches) }
                </button>
            </form>
            if view.commands.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoCommands) }</p>
            } else {
                { for history }
            }
        </>
    }
}

fn stage_html(lang: Lang, pipeline: &str, stage: &StageBox, on_run: &Callback<String>) -> Html {
    let overall = if stage
        .actions
        .iter()
        .any(|a| a.status.as_deref() == Some("Failed"))
    {
        Some("Failed")
    } else if stage
        .actions
        .iter()
        .any(|a| a.status.as_deref() == Some("InProgress"))
    {
        Some("InProgress")
    } else if !stage.actions.is_empty()
        && stage
            .actions
            .iter()
            .all(|a| a.status.as_deref() == Some("Succeeded"))
    {
        Some("Succeeded")
    } else {
        None
    };
    let actions = stage.actions.iter().map(|a| {
        let status = a.status.clone().unwrap_or_else(|| tr(lang, T::NotRun).to_owned());
        html! {
            <div class={classes!("action", status_class(a.status.as_deref()))} data-action={a.name.clone()}>
                <div class="action-name">{ &a.name }</div>
                <div class="action-status">{ status }</div>
                if let Some(s) = &a.summary {
                    <div class="action-summary">{ s }</div>
                }
                if let Some(token) = &a.token {
                    <div class="approval">
                        <span class="aws-small">{ tr(lang, T::ApprovalWaiting) }</span>
                        <button type="button" class="aws-btn primary approve"
                            onclick={run_cb(on_run, model::approval_command(pipeline, &stage.name, &a.name, token, true))}>
                            { tr(lang, T::Approve) }
                        </button>
                        <button type="button" class="aws-btn reject"
                            onclick={run_cb(on_run, model::approval_command(pipeline, &stage.name, &a.name, token, false))}>
                            { tr(lang, T::Reject) }
                        </button>
                    </div>
                }
            </div>
        }
    });
    html! {
        <div class={classes!("stage", status_class(overall))} data-stage={stage.name.clone()}
            data-status={overall.unwrap_or("none")}>
            <div class="stage-name">{ &stage.name }</div>
            { for actions }
        </div>
    }
}

#[function_component(CodeSection)]
fn code_section(props: &AwsViewProps) -> Html {
    let lang = props.lang;
    let (repos, pulls, pipelines) = model::code(&props.session.borrow());
    let repo_rows = repos.iter().map(|r| {
        html! {
            <tr><td>{ &r.name }</td><td class="aws-mono">{ if r.head.is_empty() { "—".to_owned() } else { r.head.clone() } }</td>
                <td class="aws-mono">{ r.branches.join(", ") }</td>
                <td class="aws-mono">{ &r.url }</td></tr>
        }
    });
    let pull_rows = pulls.iter().map(|pr| {
        let merge = format!(
            "aws codecommit merge-pull-request-by-fast-forward --pull-request-id {} --repository-name {}",
            pr.id,
            model::quote(&pr.repo)
        );
        html! {
            <tr data-pull-request={pr.id.to_string()}>
                <td class="aws-mono">{ pr.id }</td><td>{ &pr.repo }</td><td>{ &pr.title }</td>
                <td class="aws-mono">{ format!("{} → {}", pr.source, pr.destination) }</td>
                <td><button type="button" class="aws-btn" onclick={run_cb(&props.on_run, merge)}>{ tr(lang, T::Merge) }</button></td>
            </tr>
        }
    });
    let pipeline_cards = pipelines.iter().map(|p| {
        let mut stages = vec![];
        for (i, s) in p.stages.iter().enumerate() {
            if i > 0 {
                stages.push(html! { <div class="arrow" aria-hidden="true">{ "→" }</div> });
            }
            stages.push(stage_html(lang, &p.name, s, &props.on_run));
        }
        let executions = p.executions.iter().take(6).map(|(id, status, trigger, rev, started)| {
            html! {
                <tr>
                    <td class="aws-mono">{ &id[..8.min(id.len())] }</td>
                    <td><span class={classes!("aws-pill", status_class(Some(status.as_str())))}>{ status }</span></td>
                    <td>{ trigger }</td>
                    <td class="aws-mono">{ rev }</td>
                    <td>{ model::clock(*started) }</td>
                </tr>
            }
        });
        html! {
            <div class="aws-card pipeline" data-pipeline={p.name.clone()}>
                <div class="pipeline-head">
                    <strong>{ &p.name }</strong>
                    <button type="button" class="aws-btn release"
                        onclick={run_cb(&props.on_run, format!("aws codepipeline start-pipeline-execution --name {}", model::quote(&p.name)))}>
                        { tr(lang, T::ReleaseChange) }
                    </button>
                </div>
                <div class="stages">{ for stages }</div>
                if !p.executions.is_empty() {
                    <h4>{ tr(lang, T::Executions) }</h4>
                    <table class="aws-table">
                        <thead><tr><th>{ "ID" }</th><th>{ tr(lang, T::Status) }</th><th>{ tr(lang, T::Trigger) }</th>
                            <th>{ tr(lang, T::Revision) }</th><th>{ tr(lang, T::Started) }</th></tr></thead>
                        <tbody>{ for executions }</tbody>
                    </table>
                }
            </div>
        }
    });
    html! {
        <>
            <h3>{ tr(lang, T::Repositories) }</h3>
            if repos.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoRepos) }</p>
            } else {
                <table class="aws-table" id="code-repos">
                    <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Head) }</th>
                        <th>{ tr(lang, T::Branches) }</th><th>{ tr(lang, T::CloneUrl) }</th></tr></thead>
                    <tbody>{ for repo_rows }</tbody>
                </table>
            }
            if !pulls.is_empty() {
                <h3>{ tr(lang, T::PullRequests) }</h3>
                <table class="aws-table" id="code-pulls">
                    <thead><tr><th>{ "ID" }</th><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Title) }</th>
                        <th>{ tr(lang, T::Branches) }</th><th>{ tr(lang, T::Merge) }</th></tr></thead>
                    <tbody>{ for pull_rows }</tbody>
                </table>
            }
            <h3>{ tr(lang, T::Pipelines) }</h3>
            if pipelines.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoPipelines) }</p>
            } else {
                { for pipeline_cards }
            }
        </>
    }
}

fn usd(v: f64) -> String {
    format!("${v:.2}")
}

fn free_bar(label: &str, used: f64, limit: f64, unit: &str) -> Html {
    let pct = if limit > 0.0 {
        (used / limit * 100.0).min(100.0)
    } else {
        0.0
    };
    let class = if pct >= 100.0 {
        "free-fill full"
    } else if pct >= 85.0 {
        "free-fill high"
    } else {
        "free-fill"
    };
    html! {
        <div class="free-bar">
            <span class="free-label">{ label.to_owned() }</span>
            <span class="free-track"><span class={class} style={format!("width:{pct:.1}%")}></span></span>
            <span class="free-text">{ format!("{used:.1} / {limit:.0} {unit}") }</span>
        </div>
    }
}

#[function_component(BillingSection)]
fn billing_section(props: &AwsViewProps) -> Html {
    let lang = props.lang;
    let view = model::billing(&props.session.borrow());
    let threshold = use_state(|| "10".to_owned());
    let instance_type = use_state(|| "t3.micro".to_owned());
    let hours = use_state(|| "730".to_owned());
    let services = view
        .month
        .by_service
        .iter()
        .filter(|(_, v)| **v > 0.0)
        .map(|(k, v)| {
            html! { <tr><td>{ k }</td><td class="num">{ usd(*v) }</td></tr> }
        });
    let lines = view.lines.iter().map(|(id, item, rate)| {
        html! { <tr><td class="aws-mono">{ id }</td><td>{ item }</td><td class="num">{ format!("${rate:.4}") }</td></tr> }
    });
    let alarms = view.alarms.iter().map(|(name, region, t, state, reason)| {
        html! {
            <tr data-alarm={name.clone()}>
                <td class="nowrap">{ name }</td><td class="nowrap">{ region }</td><td class="num">{ usd(*t) }</td>
                <td><span class={classes!("aws-pill", status_class(Some(state.as_str())))}>{ state }</span></td>
                <td class="aws-small">{ reason }</td>
            </tr>
        }
    });
    let t_value: Option<f64> = threshold.trim().parse().ok().filter(|v: &f64| *v > 0.0);
    let on_threshold = {
        let threshold = threshold.clone();
        Callback::from(move |e: InputEvent| threshold.set(input_value(&e)))
    };
    let on_alarm = {
        let on_run = props.on_run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(t) = t_value {
                on_run.emit(model::alarm_command(t));
            }
        })
    };
    let on_type = {
        let instance_type = instance_type.clone();
        Callback::from(move |e: Event| instance_type.set(select_value(&e)))
    };
    let on_hours = {
        let hours = hours.clone();
        Callback::from(move |e: InputEvent| hours.set(input_value(&e)))
    };
    let h: f64 = hours.trim().parse().unwrap_or(730.0);
    let rows = engine::aws::billing::on_demand_vs_savings(&instance_type, h);
    let line = |label: T, tone: Tone, pick: fn(&(u32, f64, f64, f64)) -> f64| Series {
        label: tr(lang, label).to_owned(),
        tone,
        points: std::iter::once((0.0, 0.0))
            .chain(rows.iter().map(|r| (f64::from(r.0), pick(r))))
            .collect(),
        step: false,
    };
    let series = Rc::new(vec![
        line(T::OnDemand, Tone::Warn, |r| r.1),
        line(T::SavingsPlan, Tone::Accent, |r| r.2),
        line(T::Reserved, Tone::Good, |r| r.3),
    ]);
    let legend = Rc::new(series.iter().map(|s| s.label.clone()).collect::<Vec<_>>());
    let table_rows = rows.iter().map(|(m, od, sp, ri)| {
        html! { <tr><td>{ m }</td><td class="num">{ usd(*od) }</td><td class="num">{ usd(*sp) }</td><td class="num">{ usd(*ri) }</td></tr> }
    });
    html! {
        <>
            <div class="aws-stats">
                <div class="stat"><div class="aws-muted">{ tr(lang, T::MonthToDate) }</div>
                    <div class="stat-value" id="billing-mtd">{ usd(view.month_to_date) }</div></div>
                <div class="stat"><div class="aws-muted">{ tr(lang, T::HourlyNow) }</div>
                    <div class="stat-value">{ format!("${:.4}", view.hourly) }</div></div>
                <div class="stat"><div class="aws-muted">{ tr(lang, T::VirtualTime) }</div>
                    <div class="stat-value">{ model::clock(view.now) }</div></div>
            </div>
            <div class="aws-grid2">
                <div>
                    <h3>{ tr(lang, T::FreeTier) }</h3>
                    { free_bar(tr(lang, T::MicroHours), view.month.free_micro_hours, engine::aws::billing::FREE_MICRO_HOURS, "h") }
                    { free_bar(tr(lang, T::Ipv4Hours), view.month.free_ipv4_hours, engine::aws::billing::FREE_IPV4_HOURS, "h") }
                    { free_bar(tr(lang, T::EbsGbMonths), view.month.free_ebs_gb_months, engine::aws::billing::FREE_EBS_GB_MONTHS, "GB-mo") }
                    <p class="aws-muted aws-small">{ match lang {
                        Lang::Ko => engine::aws::cost::FREE_TIER_NOTE_KO,
                        Lang::En => engine::aws::cost::FREE_TIER_NOTE,
                    } }</p>
                </div>
                <div>
                    <h3>{ tr(lang, T::ByService) }</h3>
                    if view.month.by_service.values().all(|v| *v <= 0.0) {
                        <p class="aws-muted">{ tr(lang, T::NothingCharged) }</p>
                    } else {
                        <table class="aws-table"><tbody>{ for services }</tbody></table>
                    }
                </div>
            </div>
            <h3>{ tr(lang, T::Running) }</h3>
            if view.lines.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NothingRunning) }</p>
            } else {
                <table class="aws-table"><tbody>{ for lines }</tbody></table>
            }
            <h3>{ tr(lang, T::Alarms) }</h3>
            if view.alarms.is_empty() {
                <p class="aws-muted">{ tr(lang, T::NoAlarms) }</p>
            } else {
                <table class="aws-table" id="billing-alarms">
                    <thead><tr><th>{ tr(lang, T::Name) }</th><th>{ tr(lang, T::Region) }</th>
                        <th>{ tr(lang, T::Threshold) }</th><th>{ tr(lang, T::Status) }</th>
                        <th>{ tr(lang, T::Reason) }</th></tr></thead>
                    <tbody>{ for alarms }</tbody>
                </table>
            }
            <form class="aws-form" id="billing-alarm" onsubmit={on_alarm}>
                <label>{ tr(lang, T::Threshold) }
                    <input name="threshold" inputmode="decimal" value={(*threshold).clone()} oninput={on_threshold} />
                </label>
                <button type="submit" class="aws-btn primary" disabled={t_value.is_none()}>{ tr(lang, T::CreateAlarm) }</button>
                <span class="aws-muted aws-small">{ tr(lang, T::AlarmHelp) }</span>
            </form>
            <h3>{ tr(lang, T::Savings) }</h3>
            <p class="aws-muted aws-small">{ tr(lang, T::SavingsHelp) }</p>
            <form class="aws-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ tr(lang, T::InstanceType) }
                    <select onchange={on_type}>
                        { for INSTANCE_HOURLY.iter().map(|(t, _)| html! {
                            <option value={*t} selected={*instance_type == *t}>{ *t }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr(lang, T::HoursPerMonth) }
                    <input name="hours" inputmode="numeric" value={(*hours).clone()} oninput={on_hours} />
                </label>
            </form>
            <div class="aws-chart" id="billing-savings-chart">
                <LineChart caption={format!("{} — {}, {h:.0} h", tr(lang, T::CumulativeCost), *instance_type)}
                    series={series} legend={legend} theme={props.theme.clone()} height={200}
                    y_desc={"USD"} x_numeric={true} />
            </div>
            <details class="aws-details">
                <summary>{ tr(lang, T::AsTable) }</summary>
                <table class="aws-table savings" id="billing-savings">
                    <thead><tr><th>{ tr(lang, T::Month) }</th><th>{ tr(lang, T::OnDemand) }</th>
                        <th>{ tr(lang, T::SavingsPlan) }</th><th>{ tr(lang, T::Reserved) }</th></tr></thead>
                    <tbody>{ for table_rows }</tbody>
                </table>
            </details>
        </>
    }
}
