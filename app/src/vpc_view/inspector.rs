//! The inspector: what the selected resource is, and buttons that edit it, each running the equivalent `aws ec2` command.

use std::cell::RefCell;
use std::rc::Rc;

use engine::aws::Network;
use engine::aws::model::{Peer, RouteTarget};
use engine::session::Session;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::cmd::{self, argv};
use super::text::{T, tr};

/// The properties of [`Inspector`].
#[derive(Properties, Clone)]
pub struct InspectorProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// The selected resource's ID.
    pub selected: AttrValue,
    /// The VPC shown on the canvas.
    #[prop_or_default]
    pub vpc_id: Option<AttrValue>,
    /// Types a command into the terminal and runs it.
    pub on_run: Callback<String>,
    /// Makes an instance the start (true) or end (false) of the path to analyse.
    pub on_endpoint: Callback<(bool, String)>,
    /// Korean (true) or English.
    pub ko: bool,
}

impl PartialEq for InspectorProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.selected == other.selected
            && self.vpc_id == other.vpc_id
            && self.ko == other.ko
    }
}

fn row(k: &str, v: String) -> Html {
    html! { <><dt>{ k.to_owned() }</dt><dd>{ v }</dd></> }
}

fn peer(net: &Network, p: &Peer) -> String {
    match p {
        Peer::Cidr(c) => c.to_string(),
        Peer::Group(g) => net
            .security_group(g)
            .map(|s| format!("{} ({g})", s.name))
            .unwrap_or_else(|_| g.clone()),
    }
}

fn ports(protocol: &str, from: i32, to: i32) -> String {
    match (protocol, from, to) {
        ("-1", _, _) => "all".into(),
        (p, -1, _) => p.to_owned(),
        (p, f, t) if f == t => format!("{p}/{f}"),
        (p, f, t) => format!("{p}/{f}-{t}"),
    }
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let ko = props.ko;
    let chosen_rtb = use_state(String::new);
    let session = props.session.borrow();
    let region = session.aws.default_region.clone();
    let Some(net) = session.aws.network(&region) else {
        return html! {};
    };
    let id = props.selected.to_string();
    let button = |label: T, args: Vec<String>, danger: bool| {
        let run = props.on_run.clone();
        let line = cmd::line(&args);
        let title = format!("$ {line}");
        html! {
            <button type="button" class={classes!("vpc-action", danger.then_some("danger"))} title={title}
                onclick={Callback::from(move |_| run.emit(line.clone()))}>{ tr(ko, label) }</button>
        }
    };
    let mut facts: Vec<Html> = vec![];
    let mut actions: Vec<Html> = vec![];
    let mut extra = html! {};
    let kind: T;
    if let Ok(v) = net.vpc(&id) {
        kind = T::KindVpc;
        facts.push(row("CIDR", v.cidr.to_string()));
        facts.push(row("DNS hostnames", v.dns_hostnames.to_string()));
        facts.push(row("DNS support", v.dns_support.to_string()));
        let flip = if v.dns_hostnames { "false" } else { "true" };
        actions.push(button(
            T::ToggleDnsHostnames,
            argv(&[
                "aws",
                "ec2",
                "modify-vpc-attribute",
                "--vpc-id",
                &id,
                "--enable-dns-hostnames",
                &format!("{{\"Value\":{flip}}}"),
            ]),
            false,
        ));
        actions.push(button(
            T::Delete,
            argv(&["aws", "ec2", "delete-vpc", "--vpc-id", &id]),
            true,
        ));
        for w in net.vpc_warnings(&id) {
            facts.push(row("⚠", w));
        }
    } else if let Ok(s) = net.subnet(&id) {
        kind = T::KindSubnet;
        facts.push(row("CIDR", s.cidr.to_string()));
        facts.push(row(tr(ko, T::Zone), s.az.name.clone()));
        facts.push(row(
            tr(ko, T::FreeAddresses),
            net.available_ip_count(s).to_string(),
        ));
        facts.push(row(
            tr(ko, T::Kind),
            tr(
                ko,
                if net.is_public_subnet(&id) {
                    T::Public
                } else {
                    T::Private
                },
            )
            .to_owned(),
        ));
        facts.push(row("MapPublicIpOnLaunch", s.map_public_ip.to_string()));
        let table = net.route_table_for_subnet(&id);
        if let Some(t) = table {
            facts.push(row(tr(ko, T::RouteTable), t.id.clone()));
            for r in &t.routes {
                facts.push(row(
                    &format!("  {}", r.destination),
                    format!("→ {} ({})", r.target.id(), net.route_state(t, r)),
                ));
            }
        }
        let flag = if s.map_public_ip {
            "--no-map-public-ip-on-launch"
        } else {
            "--map-public-ip-on-launch"
        };
        actions.push(button(
            T::TogglePublicIp,
            argv(&[
                "aws",
                "ec2",
                "modify-subnet-attribute",
                "--subnet-id",
                &id,
                flag,
            ]),
            false,
        ));
        // Associating another table: an explicit association is replaced, else a new one is made.
        let tables: Vec<(String, String)> = net
            .route_tables
            .iter()
            .filter(|t| t.vpc_id == s.vpc_id)
            .map(|t| {
                let name = Network::name_of(&t.tags)
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                let main = if t.is_main() { " (main)" } else { "" };
                (t.id.clone(), format!("{name}{}{main}", t.id))
            })
            .collect();
        let pick = if tables.iter().any(|t| t.0 == *chosen_rtb) {
            (*chosen_rtb).clone()
        } else {
            tables.first().map(|t| t.0.clone()).unwrap_or_default()
        };
        let explicit = net
            .route_tables
            .iter()
            .flat_map(|t| t.associations.iter())
            .find(|a| a.subnet_id.as_deref() == Some(id.as_str()))
            .map(|a| a.id.clone());
        let assoc = match &explicit {
            Some(a) => argv(&[
                "aws",
                "ec2",
                "replace-route-table-association",
                "--association-id",
                a,
                "--route-table-id",
                &pick,
            ]),
            None => argv(&[
                "aws",
                "ec2",
                "associate-route-table",
                "--route-table-id",
                &pick,
                "--subnet-id",
                &id,
            ]),
        };
        let onchange = {
            let chosen = chosen_rtb.clone();
            Callback::from(move |e: Event| {
                chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value())
            })
        };
        extra = html! {
            <div class="vpc-assoc">
                <select name="assoc-rtb" {onchange} aria-label={tr(ko, T::RouteTable)}>
                    { for tables.iter().map(|(t, text)| html! { <option value={t.clone()} selected={*t == pick}>{ text.clone() }</option> }) }
                </select>
                { button(T::Associate, assoc, false) }
            </div>
        };
        actions.push(button(
            T::Delete,
            argv(&["aws", "ec2", "delete-subnet", "--subnet-id", &id]),
            true,
        ));
    } else if let Ok(i) = net.instance(&id) {
        kind = T::KindInstance;
        facts.push(row(tr(ko, T::InstanceType), i.instance_type.clone()));
        facts.push(row(tr(ko, T::State), i.state(net.now).0.to_owned()));
        facts.push(row(tr(ko, T::PrivateIp), i.private_ip.to_string()));
        facts.push(row(
            tr(ko, T::PublicIp),
            net.instance_public_ip(i)
                .map(|p| p.to_string())
                .unwrap_or_else(|| "—".into()),
        ));
        facts.push(row("SourceDestCheck", i.source_dest_check.to_string()));
        for g in &i.security_groups {
            if let Ok(sg) = net.security_group(g) {
                facts.push(row("SG", format!("{} ({})", sg.name, sg.id)));
                for r in &sg.ingress {
                    facts.push(row(
                        "  in",
                        format!(
                            "{} ← {}",
                            ports(&r.protocol, r.from_port, r.to_port),
                            peer(net, &r.peer)
                        ),
                    ));
                }
            }
        }
        let flag = if i.source_dest_check {
            "--no-source-dest-check"
        } else {
            "--source-dest-check"
        };
        actions.push(button(
            T::ToggleSourceDest,
            argv(&[
                "aws",
                "ec2",
                "modify-instance-attribute",
                "--instance-id",
                &id,
                flag,
            ]),
            false,
        ));
        for (from, label) in [(true, T::PathFrom), (false, T::PathTo)] {
            let cb = props.on_endpoint.clone();
            let id = id.clone();
            actions.push(html! {
                <button type="button" class="vpc-action" onclick={Callback::from(move |_| cb.emit((from, id.clone())))}>
                    { tr(ko, label) }
                </button>
            });
        }
        actions.push(button(
            T::Terminate,
            argv(&["aws", "ec2", "terminate-instances", "--instance-ids", &id]),
            true,
        ));
    } else if let Ok(g) = net.igw(&id) {
        kind = T::KindIgw;
        facts.push(row(
            tr(ko, T::AttachedTo),
            g.vpc_id.clone().unwrap_or_else(|| "—".into()),
        ));
        match (&g.vpc_id, props.vpc_id.as_deref()) {
            (Some(v), _) => actions.push(button(
                T::Detach,
                argv(&[
                    "aws",
                    "ec2",
                    "detach-internet-gateway",
                    "--internet-gateway-id",
                    &id,
                    "--vpc-id",
                    v,
                ]),
                false,
            )),
            (None, Some(v)) => actions.push(button(
                T::Attach,
                argv(&[
                    "aws",
                    "ec2",
                    "attach-internet-gateway",
                    "--internet-gateway-id",
                    &id,
                    "--vpc-id",
                    v,
                ]),
                false,
            )),
            (None, None) => {}
        }
        actions.push(button(
            T::Delete,
            argv(&[
                "aws",
                "ec2",
                "delete-internet-gateway",
                "--internet-gateway-id",
                &id,
            ]),
            true,
        ));
    } else if let Ok(n) = net.nat_gateway(&id) {
        kind = T::KindNat;
        facts.push(row(tr(ko, T::State), n.state(net.now).to_owned()));
        facts.push(row(tr(ko, T::Subnet), n.subnet_id.clone()));
        facts.push(row(
            tr(ko, T::PublicIp),
            n.public_ip.map(|p| p.to_string()).unwrap_or_default(),
        ));
        facts.push(row(tr(ko, T::PrivateIp), n.private_ip.to_string()));
        actions.push(button(
            T::Delete,
            argv(&["aws", "ec2", "delete-nat-gateway", "--nat-gateway-id", &id]),
            true,
        ));
    } else if let Ok(t) = net.route_table(&id) {
        kind = T::KindRouteTable;
        facts.push(row("main", t.is_main().to_string()));
        for a in &t.associations {
            if let Some(s) = &a.subnet_id {
                facts.push(row(tr(ko, T::Subnet), s.clone()));
            }
        }
        let mut routes = vec![];
        for r in &t.routes {
            let state = net.route_state(t, r);
            let del = (r.target != RouteTarget::Local).then(|| {
                button(
                    T::Delete,
                    argv(&[
                        "aws",
                        "ec2",
                        "delete-route",
                        "--route-table-id",
                        &id,
                        "--destination-cidr-block",
                        &r.destination.to_string(),
                    ]),
                    true,
                )
            });
            routes.push(html! {
                <li class={classes!((state == "blackhole").then_some("blackhole"))}>
                    { format!("{} → {} ({state}) ", r.destination, r.target.id()) }
                    { for del }
                </li>
            });
        }
        extra = html! { <ul class="vpc-routes-list">{ for routes }</ul> };
        actions.push(button(
            T::Delete,
            argv(&["aws", "ec2", "delete-route-table", "--route-table-id", &id]),
            true,
        ));
    } else {
        return html! {};
    }
    html! {
        <section class="vpc-inspector" aria-label={tr(ko, T::Selected)}>
            <h3>{ format!("{} · {id}", tr(ko, kind)) }</h3>
            <dl>{ for facts }</dl>
            { extra }
            <div class="vpc-actions">{ for actions }</div>
        </section>
    }
}
