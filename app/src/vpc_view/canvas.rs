//! The SVG canvas: the VPC box, availability-zone columns, subnets coloured public or private, instances and gateways, route arrows, and an analysed path.

use std::rc::Rc;

use yew::prelude::*;

use super::layout::{Layout, NodeKind, Trace};
use super::text::{T, tr};

/// The properties of [`VpcCanvas`].
#[derive(Properties, PartialEq)]
pub struct VpcCanvasProps {
    /// What to draw.
    pub layout: Rc<Layout>,
    /// The selected resource's ID.
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// An analysed path to draw over the network.
    #[prop_or_default]
    pub trace: Option<Rc<Trace>>,
    /// Called with a resource ID when one is clicked, or `None` for the background.
    pub on_select: Callback<Option<String>>,
    /// Korean (true) or English.
    pub ko: bool,
}

/// Shortens `text` to about `width` units of 7-unit characters.
fn fit(text: &str, width: f64) -> String {
    let max = ((width / 7.0).floor() as usize).max(4);
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

fn badge(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Instance => "EC2",
        NodeKind::Bastion => "BASTION",
        NodeKind::NatInstance => "NAT EC2",
        NodeKind::NatGateway => "NAT GW",
        NodeKind::InternetGateway | NodeKind::DetachedGateway => "IGW",
        NodeKind::LoadBalancer => "ELB",
    }
}

fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Instance => "instance",
        NodeKind::Bastion => "bastion",
        NodeKind::NatInstance => "nat-instance",
        NodeKind::NatGateway => "nat-gateway",
        NodeKind::InternetGateway => "igw",
        NodeKind::DetachedGateway => "igw detached",
        NodeKind::LoadBalancer => "load-balancer",
    }
}

/// The network drawn as SVG.
#[function_component(VpcCanvas)]
pub fn vpc_canvas(props: &VpcCanvasProps) -> Html {
    let l = &props.layout;
    let ko = props.ko;
    let selected = props.selected.as_deref();
    let pick = |id: String| {
        let cb = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit(Some(id.clone()));
        })
    };
    let on_background = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    let sel = |id: &str| (selected == Some(id)).then_some("selected");

    let internet = {
        let r = l.internet;
        html! {
            <g class="vpc-internet" data-id="internet">
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="20" />
                <text x={(r.x + r.w / 2.0).to_string()} y={(r.y + r.h / 2.0 + 3.0).to_string()} text-anchor="middle">
                    { tr(ko, T::Internet) }
                </text>
            </g>
        }
    };
    let vpc = l.vpc.as_ref().map(|(id, label, r)| {
        html! {
            <g class={classes!("vpc-box", sel(id))} data-id={id.clone()} onclick={pick(id.clone())}>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
                <text class="vpc-box-label" x={(r.x + 12.0).to_string()} y={(r.y + 22.0).to_string()}>
                    { format!("VPC  {}", fit(label, (l.width * 0.6 - 80.0 - 90.0) * 7.0 / 8.6)) }
                </text>
            </g>
        }
    });
    let zones = l.zones.iter().map(|z| {
        let r = z.rect;
        html! {
            <g class="vpc-zone" key={z.name.clone()}>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="6" />
                <text x={(r.x + 8.0).to_string()} y={(r.y + 17.0).to_string()}>{ z.name.clone() }</text>
            </g>
        }
    });
    let subnets = l.subnets.iter().map(|s| {
        let r = s.rect;
        let kind = if s.public { T::Public } else { T::Private };
        html! {
            <g key={s.id.clone()} data-id={s.id.clone()}
                class={classes!("vpc-subnet", if s.public { "public" } else { "private" }, sel(&s.id))}
                onclick={pick(s.id.clone())}>
                <title>{ format!("{} ({})", s.id, tr(ko, kind)) }</title>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="6" />
                <text class="vpc-subnet-name" x={(r.x + 8.0).to_string()} y={(r.y + 17.0).to_string()}>
                    { fit(&format!("{} · {}", s.label, tr(ko, kind)), r.w - 30.0) }
                </text>
                <text class="vpc-subnet-cidr" x={(r.x + 8.0).to_string()} y={(r.y + 34.0).to_string()}>
                    { fit(&format!("{} · {} {}", s.cidr, s.free, tr(ko, T::Free)), r.w - 16.0) }
                </text>
                <text class="vpc-subnet-rtb" x={(r.x + 8.0).to_string()} y={(r.y + 50.0).to_string()}>
                    { fit(&s.route_table.clone().unwrap_or_default(), r.w - 16.0) }
                </text>
            </g>
        }
    });
    let arrows = l.arrows.iter().enumerate().map(|(k, a)| {
        let (x1, y1) = a.from;
        let (x2, y2) = a.to;
        let (cx, cy) = ((x1 + x2) / 2.0 + 30.0, y1.min(y2) - 20.0);
        let d = format!("M {x1:.1} {y1:.1} Q {cx:.1} {cy:.1} {x2:.1} {y2:.1}");
        let class = classes!("vpc-route", a.blackhole.then_some("blackhole"));
        let marker = if a.blackhole { "url(#vpc-arrow-bad)" } else { "url(#vpc-arrow)" };
        let title = format!(
            "{}: {} → {}{}",
            a.route_table,
            a.destination,
            a.target,
            if a.blackhole { " (blackhole)" } else { "" }
        );
        html! {
            <g key={format!("arrow-{k}")} class={class} onclick={pick(a.route_table.clone())} data-id={a.route_table.clone()}>
                <title>{ title }</title>
                <path d={d} marker-end={marker} />
                <circle cx={x1.to_string()} cy={y1.to_string()} r="3.5" />
                if a.blackhole {
                    <text class="vpc-route-label" x={(x2 + 4.0).to_string()} y={(y2 - 2.0).to_string()}>
                        { format!("{} ✕", a.destination) }
                    </text>
                }
            </g>
        }
    });
    let nodes = l.nodes.iter().map(|n| {
        let r = n.rect;
        html! {
            <g key={n.id.clone()} data-id={n.id.clone()}
                class={classes!("vpc-node", kind_class(n.kind), n.faded.then_some("faded"), sel(&n.id))}
                onclick={pick(n.id.clone())}>
                <title>{ format!("{} {}", n.id, n.detail) }</title>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="5" />
                <text class="vpc-node-badge" x={(r.x + 6.0).to_string()} y={(r.y + 15.0).to_string()}>{ badge(n.kind) }</text>
                <text class="vpc-node-name" x={(r.x + 6.0 + badge(n.kind).len() as f64 * 7.4 + 5.0).to_string()} y={(r.y + 15.0).to_string()}>
                    { fit(&n.label, r.w - 14.0 - badge(n.kind).len() as f64 * 7.4) }
                </text>
                <text class="vpc-node-detail" x={(r.x + 6.0).to_string()} y={(r.y + 32.0).to_string()}>
                    { fit(&n.detail, r.w - 10.0) }
                </text>
            </g>
        }
    });
    let trace = props.trace.as_ref().map(|t| {
        let points = t
            .points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ");
        let class = classes!("vpc-trace", if t.reachable { "ok" } else { "blocked" });
        html! {
            <g class={class}>
                <polyline points={points} />
                { for t.points.iter().map(|(x, y)| html! { <circle class="vpc-trace-hop" cx={x.to_string()} cy={y.to_string()} r="4" /> }) }
                if let Some((x, y)) = t.broken_at {
                    <g class="vpc-trace-break">
                        <circle cx={x.to_string()} cy={y.to_string()} r="13" />
                        <text x={x.to_string()} y={(y + 5.0).to_string()} text-anchor="middle">{ "✕" }</text>
                    </g>
                }
            </g>
        }
    });
    html! {
        <svg class="vpc-canvas" viewBox={format!("0 0 {:.0} {:.0}", l.width, l.height)} role="img"
            aria-label={tr(ko, T::CanvasLabel)} onclick={on_background}
            preserveAspectRatio="xMidYMin meet">
            <defs>
                <marker id="vpc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="vpc-arrow-head" />
                </marker>
                <marker id="vpc-arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="vpc-arrow-head bad" />
                </marker>
            </defs>
            { internet }
            { for vpc }
            { for zones }
            { for subnets }
            { for nodes }
            <g class="vpc-routes">{ for arrows }</g>
            { for trace }
        </svg>
    }
}
