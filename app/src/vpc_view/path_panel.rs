//! The path panel: pick two endpoints, run the equivalent `create-network-insights-path` and `start-network-insights-analysis`, and read the latest analysis hop by hop, with the blocking hop's explanation code and reason in Korean and English.

use std::cell::RefCell;
use std::rc::Rc;

use engine::aws::Network;
use engine::aws::reach::{Analysis, Endpoint};
use engine::session::Session;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::cmd::{self, argv};
use super::text::{T, tr};

/// The properties of [`PathPanel`].
#[derive(Properties, Clone)]
pub struct PathPanelProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// The VPC shown on the canvas.
    #[prop_or_default]
    pub vpc_id: Option<AttrValue>,
    /// The chosen source (an instance or internet gateway ID), empty for the first option.
    pub source: AttrValue,
    /// The chosen destination (an instance or internet gateway ID, or `ip` for an address).
    pub destination: AttrValue,
    /// Sets the source (true) or destination (false).
    pub on_endpoint: Callback<(bool, String)>,
    /// The analysis drawn on the canvas, if any.
    #[prop_or_default]
    pub analysis: Option<Rc<Analysis>>,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
    /// Korean (true) or English.
    pub ko: bool,
}

impl PartialEq for PathPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.vpc_id == other.vpc_id
            && self.source == other.source
            && self.destination == other.destination
            && self.analysis == other.analysis
            && self.ko == other.ko
    }
}

/// The endpoints a path can start or end at in `vpc`: its instances and its internet gateway.
pub fn endpoints(net: &Network, vpc: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    if let Some(g) = net.igw_of_vpc(vpc) {
        out.push((g.id.clone(), format!("Internet ({})", g.id)));
    }
    for i in net
        .instances
        .iter()
        .filter(|i| i.vpc_id == vpc && !i.is_terminated())
    {
        let name = Network::name_of(&i.tags).unwrap_or("EC2");
        out.push((i.id.clone(), format!("{name} ({}, {})", i.id, i.private_ip)));
    }
    out
}

/// The command that creates the path and starts its analysis, as one line.
pub fn command(
    source: &str,
    dest: &str,
    ip: &str,
    protocol: &str,
    port: &str,
) -> (Vec<String>, String) {
    let mut create = argv(&[
        "aws",
        "ec2",
        "create-network-insights-path",
        "--source",
        source,
    ]);
    if dest == "ip" {
        create.extend(argv(&["--destination-ip", ip]));
    } else {
        create.extend(argv(&["--destination", dest]));
    }
    create.extend(argv(&["--protocol", protocol, "--destination-port", port]));
    let mut quiet = create.clone();
    quiet.extend(argv(&[
        "--query",
        "NetworkInsightsPath.NetworkInsightsPathId",
        "--output",
        "text",
    ]));
    let line = format!(
        "aws ec2 start-network-insights-analysis --network-insights-path-id $({})",
        cmd::line(&quiet)
    );
    (create, line)
}

/// The path panel.
#[function_component(PathPanel)]
pub fn path_panel(props: &PathPanelProps) -> Html {
    let ko = props.ko;
    let protocol = use_state(|| "tcp".to_owned());
    let port = use_state(|| "22".to_owned());
    let ip = use_state(|| "10.0.11.10".to_owned());
    let session = props.session.borrow();
    let region = session.aws.default_region.clone();
    let vpc = props.vpc_id.as_deref().unwrap_or("").to_owned();
    let ends = session
        .aws
        .network(&region)
        .map(|n| endpoints(n, &vpc))
        .unwrap_or_default();
    let pick = |chosen: &str, fallback: usize| {
        if ends.iter().any(|e| e.0 == chosen) || chosen == "ip" {
            chosen.to_owned()
        } else {
            ends.get(fallback.min(ends.len().saturating_sub(1)))
                .map(|e| e.0.clone())
                .unwrap_or_default()
        }
    };
    let source = pick(&props.source, 0);
    let dest = pick(&props.destination, 1);
    let (create, line) = command(&source, &dest, &ip, &protocol, &port);
    let check = cmd::preview(&session, &create);
    drop(session);

    let select = |from: bool, current: &str, with_ip: bool| {
        let cb = props.on_endpoint.clone();
        let onchange = Callback::from(move |e: Event| {
            cb.emit((from, e.target_unchecked_into::<HtmlSelectElement>().value()))
        });
        html! {
            <select name={if from { "source" } else { "destination" }} {onchange}>
                { for ends.iter().map(|(id, text)| html! { <option value={id.clone()} selected={id == current}>{ text.clone() }</option> }) }
                if with_ip { <option value="ip" selected={current == "ip"}>{ tr(ko, T::IpAddress) }</option> }
            </select>
        }
    };
    let text_input = |state: &UseStateHandle<String>, name: &'static str| {
        let state = state.clone();
        let value = (*state).clone();
        html! {
            <input type="text" name={name} value={value} spellcheck="false"
                oninput={Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))} />
        }
    };
    let on_protocol = {
        let protocol = protocol.clone();
        Callback::from(move |e: Event| {
            protocol.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let ok = check.is_ok() && !source.is_empty();
    let onsubmit = {
        let run = props.on_run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                run.emit(line.clone());
            }
        })
    };
    let result = props.analysis.as_ref().map(|a| {
        let blocked = a.explanations.first();
        let hops = a.hops.iter().map(|h| {
            let bad = blocked.is_some_and(|e| e.component_id == h.component_id);
            html! {
                <li class={classes!(bad.then_some("bad"))}>
                    <code>{ h.component_id.clone() }</code>
                    <span class="vpc-hop-type">{ format!(" {} ", h.component_type.trim_start_matches("AWS::EC2::")) }</span>
                    <span class="vpc-hop-detail">{ h.detail.clone() }</span>
                </li>
            }
        });
        let why = blocked.map(|e| {
            let (first, second) = if ko { (&e.ko, &e.en) } else { (&e.en, &e.ko) };
            html! {
                <div class="vpc-why" role="alert">
                    <p><strong>{ e.code.clone() }</strong>{ format!(" · {}", e.component_id) }
                        if e.return_traffic { { format!(" · {}", tr(ko, T::ReturnTraffic)) } }</p>
                    <p lang={if ko { "ko" } else { "en" }}>{ first.clone() }</p>
                    <p lang={if ko { "en" } else { "ko" }} class="vpc-why-other">{ second.clone() }</p>
                </div>
            }
        });
        html! {
            <div class={classes!("vpc-result", if a.reachable { "ok" } else { "blocked" })}>
                <p class="vpc-verdict">{ tr(ko, if a.reachable { T::Reachable } else { T::NotReachable }) }
                    { format!(" · {}/{}", a.traffic.protocol, a.traffic.port) }</p>
                // The result stays until the next analysis; naming its endpoints keeps it from reading as the
                // answer for a source or destination picked since.
                <p class="vpc-analysed">{ format!("{} → {}", endpoint_label(&a.source), endpoint_label(&a.destination)) }</p>
                <ol class="vpc-hops">{ for hops }</ol>
                { for why }
            </div>
        }
    });
    html! {
        <form class="vpc-form vpc-path" {onsubmit} aria-label={tr(ko, T::PathTitle)}>
            <label class="vpc-field"><span>{ tr(ko, T::Source) }</span>{ select(true, &source, false) }</label>
            <label class="vpc-field"><span>{ tr(ko, T::Destination) }</span>{ select(false, &dest, true) }</label>
            if dest == "ip" {
                <label class="vpc-field"><span>{ tr(ko, T::IpAddress) }</span>{ text_input(&ip, "ip") }</label>
            }
            <div class="vpc-row">
                <label class="vpc-field"><span>{ tr(ko, T::Protocol) }</span>
                    <select name="protocol" onchange={on_protocol}>
                        <option value="tcp" selected={*protocol == "tcp"}>{ "tcp" }</option>
                        <option value="udp" selected={*protocol == "udp"}>{ "udp" }</option>
                    </select>
                </label>
                <label class="vpc-field"><span>{ tr(ko, T::Port) }</span>{ text_input(&port, "port") }</label>
            </div>
            <code class="vpc-command">{ format!("$ {}", command(&source, &dest, &ip, &protocol, &port).1) }</code>
            if let Err(msg) = &check { <p class="vpc-error" role="alert">{ msg.clone() }</p> }
            <button type="submit" class="vpc-run" disabled={!ok}>{ tr(ko, T::Analyze) }</button>
            { for result }
        </form>
    }
}

/// An analysed endpoint as the path list names it: the instance ID, `internet (ADDRESS)` or the address.
fn endpoint_label(endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Instance(id) => id.clone(),
        Endpoint::Internet(address) => format!("internet ({address})"),
        Endpoint::Ip(address) => address.to_string(),
    }
}
