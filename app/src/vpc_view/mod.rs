//! The VPC tab: the AWS network drawn as SVG from the engine's model, edited with clicks and small forms that run the
//! equivalent `aws ec2` commands through the session, with reachability paths, exports and a cost meter.
//!
//! The view never changes the model itself: every edit is a command line sent to the terminal (so it shows in the
//! history and its output), and the view re-renders whenever the session's revision changes, so commands typed in
//! the terminal redraw it too.

mod add_form;
mod canvas;
mod cmd;
mod cost_panel;
mod export_panel;
mod inspector;
mod layout;
mod path_panel;
mod text;

use std::cell::RefCell;
use std::rc::Rc;

use engine::session::Session;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use add_form::AddForm;
use canvas::VpcCanvas;
use cost_panel::CostPanel;
use export_panel::ExportPanel;
use inspector::Inspector;
use path_panel::PathPanel;
use text::{T, tr};

/// The properties of [`VpcView`].
#[derive(Properties, Clone)]
pub struct VpcViewProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes (a command ran, time passed).
    pub revision: u64,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
    /// `ko` or `en`.
    pub lang: AttrValue,
    /// The theme in effect (`light` or `dark`), for the cost chart.
    pub theme: AttrValue,
}

impl PartialEq for VpcViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.on_run == other.on_run
            && self.lang == other.lang
            && self.theme == other.theme
    }
}

/// The VPC tab.
#[function_component(VpcView)]
pub fn vpc_view(props: &VpcViewProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.vpc");
    let ko = props.lang.as_str() != "en";
    let chosen_vpc = use_state(|| None::<String>);
    let selected = use_state(|| None::<String>);
    let source = use_state(String::new);
    let destination = use_state(String::new);
    let hidden_analysis = use_state(|| None::<String>);

    let s = props.session.borrow();
    let region = s.aws.default_region.clone();
    let net = s.aws.network(&region);
    let vpcs: Vec<(String, String)> = net
        .map(|n| {
            n.vpcs
                .iter()
                .map(|v| {
                    let name = engine::aws::Network::name_of(&v.tags)
                        .map(|n| format!("{n} · "))
                        .unwrap_or_default();
                    let default = if v.is_default { " (default)" } else { "" };
                    (v.id.clone(), format!("{name}{} {}{default}", v.id, v.cidr))
                })
                .collect()
        })
        .unwrap_or_default();
    let vpc_id = chosen_vpc
        .as_ref()
        .filter(|id| vpcs.iter().any(|v| &v.0 == *id))
        .cloned()
        .or_else(|| net.and_then(layout::default_vpc));
    let layout = Rc::new(
        net.map(|n| layout::build(n, vpc_id.as_deref()))
            .unwrap_or_else(|| layout::build(&engine::aws::Network::new(&region, 0), None)),
    );
    let stored = net.and_then(|n| n.analyses.last());
    let analysis = stored
        .filter(|a| hidden_analysis.as_deref() != Some(a.id.as_str()))
        .map(|a| Rc::new(a.result.clone()));
    let analysis_id = stored.map(|a| a.id.clone());
    let trace = match (net, &analysis) {
        (Some(n), Some(a)) => Some(Rc::new(layout::trace(n, &layout, a))),
        _ => None,
    };
    let last = s
        .transcript
        .last()
        .filter(|e| e.command.trim_start().starts_with("aws "))
        .cloned();
    drop(s);

    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: Option<String>| selected.set(id))
    };
    let on_vpc = {
        let chosen = chosen_vpc.clone();
        let selected = selected.clone();
        Callback::from(move |e: Event| {
            chosen.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value()));
            selected.set(None);
        })
    };
    let on_endpoint = {
        let source = source.clone();
        let destination = destination.clone();
        Callback::from(move |(from, id): (bool, String)| {
            if from {
                source.set(id);
            } else {
                destination.set(id);
            }
        })
    };
    let on_clear_path = {
        let hidden = hidden_analysis.clone();
        Callback::from(move |_| hidden.set(analysis_id.clone()))
    };
    let vpc_attr: Option<AttrValue> = vpc_id.clone().map(AttrValue::from);
    let session = props.session.clone();
    let rev = props.revision;

    html! {
        <div class="vpc-view">
            <div class="vpc-toolbar">
                <label class="vpc-field inline">
                    <span>{ format!("{} · {region}", tr(ko, T::Vpc)) }</span>
                    <select name="vpc" onchange={on_vpc} aria-label={tr(ko, T::Vpc)}>
                        if vpcs.is_empty() { <option value="">{ "—" }</option> }
                        { for vpcs.iter().map(|(id, text)| html! {
                            <option value={id.clone()} selected={Some(id) == vpc_id.as_ref()}>{ text.clone() }</option>
                        }) }
                    </select>
                </label>
                <span class="vpc-legend">
                    <span class="swatch public"></span>{ tr(ko, T::Public) }
                    <span class="swatch private"></span>{ tr(ko, T::Private) }
                    <span class="swatch route"></span>{ tr(ko, T::RouteArrow) }
                </span>
                if let Some(a) = &analysis {
                    <span class={classes!("vpc-summary", if a.reachable { "ok" } else { "blocked" })} role="status">
                        { match a.explanations.first() {
                            Some(e) => format!("{} · {}", tr(ko, T::NotReachable), e.code),
                            None => tr(ko, if a.reachable { T::Reachable } else { T::NotReachable }).to_owned(),
                        } }
                    </span>
                }
                if trace.is_some() {
                    <button type="button" class="vpc-action" onclick={on_clear_path}>{ tr(ko, T::ClearPath) }</button>
                }
            </div>
            <div class="vpc-main">
                <div class="vpc-canvas-wrap">
                    <VpcCanvas layout={layout.clone()} selected={(*selected).clone().map(AttrValue::from)}
                        trace={trace} on_select={on_select} ko={ko} />
                </div>
                <aside class="vpc-side" aria-label={tr(ko, T::Panel)}>
                    if let Some(id) = (*selected).clone() {
                        <Inspector session={session.clone()} revision={rev} selected={id} vpc_id={vpc_attr.clone()}
                            on_run={props.on_run.clone()} on_endpoint={on_endpoint.clone()} ko={ko} />
                    }
                    if let Some(e) = last {
                        <section class={classes!("vpc-last", (e.exit_code != 0).then_some("failed"))} aria-label={tr(ko, T::LastCommand)}>
                            <h3>{ tr(ko, T::LastCommand) }</h3>
                            <code class="vpc-command">{ format!("$ {}", e.command) }</code>
                            if e.exit_code != 0 { <p class="vpc-error">{ e.stderr.trim().to_owned() }</p> }
                        </section>
                    }
                    <details open=true class="vpc-section">
                        <summary>{ tr(ko, T::Add) }</summary>
                        <AddForm session={session.clone()} revision={rev} vpc_id={vpc_attr.clone()} on_run={props.on_run.clone()} ko={ko} />
                    </details>
                    <details open=true class="vpc-section">
                        <summary>{ tr(ko, T::PathTitle) }</summary>
                        <PathPanel session={session.clone()} revision={rev} vpc_id={vpc_attr.clone()}
                            source={AttrValue::from((*source).clone())} destination={AttrValue::from((*destination).clone())}
                            on_endpoint={on_endpoint.clone()} analysis={analysis} on_run={props.on_run.clone()} ko={ko} />
                    </details>
                    <details class="vpc-section">
                        <summary>{ tr(ko, T::Cost) }</summary>
                        <CostPanel session={session.clone()} revision={rev} ko={ko} theme={props.theme.clone()} />
                    </details>
                    <details class="vpc-section">
                        <summary>{ tr(ko, T::Export) }</summary>
                        <ExportPanel session={session.clone()} revision={rev} ko={ko} />
                    </details>
                </aside>
            </div>
        </div>
    }
}
