//! The canvas layout: where the VPC box, its availability-zone columns, subnets, instances, gateways and route arrows go, computed from the engine's model.

use engine::aws::Network;
use engine::aws::model::{Instance, Peer, RouteTarget};
use engine::sort::SortShared;

/// The width of one availability-zone column in SVG units; the canvas is as wide as its columns need.
pub const COLUMN: f64 = 340.0;
/// The narrowest canvas, in SVG units.
pub const MIN_WIDTH: f64 = 600.0;
const MARGIN: f64 = 16.0;
const VPC_TOP: f64 = 112.0;
const ZONE_TOP: f64 = VPC_TOP + 44.0;
const NODE_W: f64 = 150.0;
const NODE_H: f64 = 40.0;
const NODE_GAP: f64 = 8.0;
const SUBNET_HEAD: f64 = 62.0;

/// A rectangle in SVG units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The centre point.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// What a node on the canvas is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An ordinary EC2 instance.
    Instance,
    /// A bastion host: named so, or a public instance that admits SSH from anywhere.
    Bastion,
    /// An instance with the source/destination check off, which can forward traffic (a NAT instance).
    NatInstance,
    /// A NAT gateway.
    NatGateway,
    /// An internet gateway attached to the VPC.
    InternetGateway,
    /// An internet gateway attached to nothing.
    DetachedGateway,
    /// An Elastic Load Balancing load balancer in the VPC (classic, network or application).
    LoadBalancer,
}

/// One drawn resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The resource ID.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Its `Name` tag, or its ID.
    pub label: String,
    /// A second line: addresses or state.
    pub detail: String,
    /// Where it is.
    pub rect: Rect,
    /// Whether it is gone or going (terminated, deleting).
    pub faded: bool,
}

/// One subnet box.
#[derive(Debug, Clone, PartialEq)]
pub struct SubnetBox {
    /// `subnet-…`.
    pub id: String,
    /// Its `Name` tag, or its ID.
    pub label: String,
    /// The IPv4 block.
    pub cidr: String,
    /// Available addresses (size minus the five reserved and those in use).
    pub free: u64,
    /// Whether its route table sends internet traffic to an attached internet gateway.
    pub public: bool,
    /// The route table in effect (explicit association or the main table).
    pub route_table: Option<String>,
    /// Where it is.
    pub rect: Rect,
}

/// One availability-zone column.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneBox {
    /// The zone name, such as `ap-northeast-2a`.
    pub name: String,
    /// Where it is.
    pub rect: Rect,
}

/// A route drawn from a subnet to its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// The route table holding the route.
    pub route_table: String,
    /// The destination block.
    pub destination: String,
    /// The target's ID.
    pub target: String,
    /// Start point.
    pub from: (f64, f64),
    /// End point.
    pub to: (f64, f64),
    /// Whether the target no longer exists (a blackhole route).
    pub blackhole: bool,
}

/// Everything the canvas draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The canvas width.
    pub width: f64,
    /// The canvas height.
    pub height: f64,
    /// The VPC shown, with its box and label.
    pub vpc: Option<(String, String, Rect)>,
    /// The zone columns.
    pub zones: Vec<ZoneBox>,
    /// The subnets.
    pub subnets: Vec<SubnetBox>,
    /// Instances and gateways.
    pub nodes: Vec<Node>,
    /// Route arrows.
    pub arrows: Vec<Arrow>,
    /// The internet cloud.
    pub internet: Rect,
}

impl Layout {
    /// Where a blocked path's red mark goes on a resource: the top-right corner of a node, else its centre.
    pub fn mark(&self, id: &str) -> Option<(f64, f64)> {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| (n.rect.x + n.rect.w - 2.0, n.rect.y + 2.0))
            .or_else(|| self.point(id))
    }

    /// Where an arrow from `from` meets a node: the middle of the side facing it, or the centre of anything else.
    pub fn edge(&self, id: &str, from: (f64, f64)) -> Option<(f64, f64)> {
        let Some(n) = self.nodes.iter().find(|n| n.id == id) else {
            return self.point(id);
        };
        let r = n.rect;
        Some(if from.0 > r.x + r.w {
            (r.x + r.w, r.y + r.h / 2.0)
        } else if from.0 < r.x {
            (r.x, r.y + r.h / 2.0)
        } else if from.1 > r.y + r.h {
            (r.x + r.w / 2.0, r.y + r.h)
        } else {
            (r.x + r.w / 2.0, r.y)
        })
    }

    /// The centre of a drawn resource by ID (`internet` for the cloud).
    pub fn point(&self, id: &str) -> Option<(f64, f64)> {
        if id == "internet" {
            let r = self.internet;
            return Some((r.x + r.w / 2.0, r.y + r.h));
        }
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.rect.center())
            .or_else(|| {
                self.subnets
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.rect.center())
            })
    }
}

/// The VPC the canvas shows when the learner has not picked one: the newest VPC that is not the default, else the default.
pub fn default_vpc(net: &Network) -> Option<String> {
    net.vpcs
        .iter()
        .rev()
        .find(|v| !v.is_default)
        .or_else(|| net.vpcs.first())
        .map(|v| v.id.clone())
}

fn name_or_id(tags: &[engine::aws::model::Tag], id: &str) -> String {
    Network::name_of(tags).unwrap_or(id).to_owned()
}

/// Whether an instance looks like a bastion: named so, or public and open to SSH from anywhere.
pub fn is_bastion(net: &Network, i: &Instance) -> bool {
    if Network::name_of(&i.tags).is_some_and(|n| n.to_ascii_lowercase().contains("bastion")) {
        return true;
    }
    let any: engine::aws::cidr::Ipv4Net = "0.0.0.0/0".parse().expect("literal");
    net.instance_public_ip(i).is_some()
        && i.security_groups.iter().any(|g| {
            net.security_group(g).is_ok_and(|g| {
                g.ingress
                    .iter()
                    .any(|r| r.peer == Peer::Cidr(any) && r.matches_traffic("tcp", 22))
            })
        })
}

/// Lays out `vpc_id` of `net`.
pub fn build(net: &Network, vpc_id: Option<&str>) -> Layout {
    let n_zones = vpc_id
        .and_then(|id| net.vpc(id).ok())
        .map(|v| {
            let mut z: Vec<&str> = net
                .subnets
                .iter()
                .filter(|s| s.vpc_id == v.id)
                .map(|s| s.az.name.as_str())
                .collect();
            z.sort_shared();
            z.dedup();
            z.len().max(2)
        })
        .unwrap_or(2) as f64;
    let width = (n_zones * COLUMN + (n_zones + 3.0) * MARGIN).max(MIN_WIDTH);
    let mut out = Layout {
        width,
        internet: Rect {
            x: width * 0.6 - 70.0,
            y: 8.0,
            w: 140.0,
            h: 40.0,
        },
        ..Layout::default()
    };
    // Gateways attached to nothing wait at the top left, outside every VPC.
    for (k, g) in net
        .internet_gateways
        .iter()
        .filter(|g| g.vpc_id.is_none())
        .enumerate()
    {
        out.nodes.push(Node {
            id: g.id.clone(),
            kind: NodeKind::DetachedGateway,
            label: name_or_id(&g.tags, &g.id),
            detail: "detached".into(),
            rect: Rect {
                x: MARGIN + k as f64 * (NODE_W + NODE_GAP),
                y: 58.0,
                w: NODE_W,
                h: NODE_H,
            },
            faded: true,
        });
    }
    let Some(vpc) = vpc_id.and_then(|id| net.vpc(id).ok()) else {
        out.height = VPC_TOP + 40.0;
        return out;
    };
    if let Some(g) = net.igw_of_vpc(&vpc.id) {
        out.nodes.push(Node {
            id: g.id.clone(),
            kind: NodeKind::InternetGateway,
            label: name_or_id(&g.tags, &g.id),
            detail: "internet gateway".into(),
            rect: Rect {
                x: width * 0.6 - NODE_W / 2.0,
                y: VPC_TOP - NODE_H / 2.0,
                w: NODE_W,
                h: NODE_H,
            },
            faded: false,
        });
    }
    let mut subnets: Vec<_> = net.subnets.iter().filter(|s| s.vpc_id == vpc.id).collect();
    subnets.sort_shared_by_key(|s| (!net.is_public_subnet(&s.id), s.cidr));
    let mut zones: Vec<String> = subnets.iter().map(|s| s.az.name.clone()).collect();
    zones.sort_shared();
    zones.dedup();
    if zones.is_empty() {
        zones = net.zones().into_iter().take(2).map(|z| z.name).collect();
    }
    let n = zones.len().max(1) as f64;
    let vpc_w = width - 2.0 * MARGIN;
    let col_w = (vpc_w - MARGIN * (n + 1.0)) / n;
    let per_row = (((col_w - 2.0 * NODE_GAP) + NODE_GAP) / (NODE_W + NODE_GAP))
        .floor()
        .max(1.0) as usize;
    let mut bottom = ZONE_TOP + 60.0;
    for (k, z) in zones.iter().enumerate() {
        let x = MARGIN * 2.0 + k as f64 * (col_w + MARGIN);
        let mut y = ZONE_TOP + 26.0;
        for s in subnets.iter().filter(|s| &s.az.name == z) {
            let mut members: Vec<Node> = vec![];
            for g in net
                .nat_gateways
                .iter()
                .filter(|g| g.subnet_id == s.id && g.deleted_at.is_none())
            {
                members.push(Node {
                    id: g.id.clone(),
                    kind: NodeKind::NatGateway,
                    label: name_or_id(&g.tags, &g.id),
                    detail: format!(
                        "{} · {}",
                        g.public_ip.map(|ip| ip.to_string()).unwrap_or_default(),
                        g.state(net.now)
                    ),
                    rect: Rect::default(),
                    faded: g.state(net.now) != "available",
                });
            }
            for i in net
                .instances
                .iter()
                .filter(|i| i.subnet_id == s.id && !i.is_terminated())
            {
                let kind = if !i.source_dest_check {
                    NodeKind::NatInstance
                } else if is_bastion(net, i) {
                    NodeKind::Bastion
                } else {
                    NodeKind::Instance
                };
                let state = i.state(net.now).0;
                let ips = match net.instance_public_ip(i) {
                    Some(p) => format!("{} · {p}", i.private_ip),
                    None => i.private_ip.to_string(),
                };
                members.push(Node {
                    id: i.id.clone(),
                    kind,
                    label: name_or_id(&i.tags, &i.id),
                    detail: if state == "running" {
                        ips
                    } else {
                        format!("{ips} · {state}")
                    },
                    rect: Rect::default(),
                    faded: state != "running",
                });
            }
            let rows = members.len().div_ceil(per_row);
            let h = SUBNET_HEAD + rows as f64 * (NODE_H + NODE_GAP) + 4.0;
            for (m, node) in members.iter_mut().enumerate() {
                node.rect = Rect {
                    x: x + NODE_GAP + (m % per_row) as f64 * (NODE_W + NODE_GAP),
                    y: y + SUBNET_HEAD + (m / per_row) as f64 * (NODE_H + NODE_GAP),
                    w: NODE_W.min(col_w - 2.0 * NODE_GAP),
                    h: NODE_H,
                };
            }
            out.nodes.extend(members);
            out.subnets.push(SubnetBox {
                id: s.id.clone(),
                label: name_or_id(&s.tags, &s.id),
                cidr: s.cidr.to_string(),
                free: net.available_ip_count(s),
                public: net.is_public_subnet(&s.id),
                route_table: net.route_table_for_subnet(&s.id).map(|t| t.id.clone()),
                rect: Rect { x, y, w: col_w, h },
            });
            y += h + 14.0;
        }
        bottom = bottom.max(y);
        out.zones.push(ZoneBox {
            name: z.clone(),
            rect: Rect {
                x,
                y: ZONE_TOP,
                w: col_w,
                h: 0.0,
            },
        });
    }
    for z in &mut out.zones {
        z.rect.h = bottom - ZONE_TOP;
    }
    // Load balancers span the zones, so they sit in a row of their own below the zone columns.
    let lbs: Vec<_> = net
        .load_balancers
        .iter()
        .filter(|l| l.vpc_id.as_deref() == Some(vpc.id.as_str()))
        .collect();
    let lb_w = NODE_W + 120.0;
    let lb_per_row = (((vpc_w - 2.0 * MARGIN) + NODE_GAP) / (lb_w + NODE_GAP))
        .floor()
        .max(1.0) as usize;
    for (k, l) in lbs.iter().enumerate() {
        out.nodes.push(Node {
            id: l.arn.clone(),
            kind: NodeKind::LoadBalancer,
            label: l.name.clone(),
            detail: format!(
                "{} · {} · {}",
                l.kind,
                l.scheme,
                l.ports
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            rect: Rect {
                x: MARGIN * 2.0 + (k % lb_per_row) as f64 * (lb_w + NODE_GAP),
                y: bottom + 10.0 + (k / lb_per_row) as f64 * (NODE_H + NODE_GAP),
                w: lb_w,
                h: NODE_H,
            },
            faded: false,
        });
    }
    if !lbs.is_empty() {
        bottom += 10.0 + lbs.len().div_ceil(lb_per_row) as f64 * (NODE_H + NODE_GAP);
    }
    let vpc_rect = Rect {
        x: MARGIN,
        y: VPC_TOP,
        w: vpc_w,
        h: bottom - VPC_TOP + MARGIN,
    };
    let mut label = vpc.cidr.to_string();
    for (_, c) in &vpc.secondary {
        label.push_str(&format!(", {c}"));
    }
    label.push_str(&format!(" · {}", name_or_id(&vpc.tags, &vpc.id)));
    out.vpc = Some((vpc.id.clone(), label, vpc_rect));
    out.height = vpc_rect.y + vpc_rect.h + MARGIN;
    // Route arrows: every non-local route of each subnet's table, from the subnet's top-right corner to its target.
    let arrows: Vec<Arrow> = out
        .subnets
        .iter()
        .flat_map(|s| {
            let table = s
                .route_table
                .as_deref()
                .and_then(|t| net.route_table(t).ok());
            let from = (s.rect.x + s.rect.w - 18.0, s.rect.y + 10.0);
            table
                .map(|t| {
                    t.routes
                        .iter()
                        .filter(|r| r.target != RouteTarget::Local)
                        .map(|r| {
                            let blackhole = net.route_state(t, r) == "blackhole";
                            let to = out
                                .edge(r.target.id(), from)
                                .filter(|_| !blackhole)
                                .unwrap_or((from.0 + 10.0, from.1 - 24.0));
                            Arrow {
                                route_table: t.id.clone(),
                                destination: r.destination.to_string(),
                                target: r.target.id().to_owned(),
                                from,
                                to,
                                blackhole,
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    out.arrows = arrows;
    out
}

/// A reachability analysis placed on the canvas: the points it passes and, when blocked, where it stops.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// The points the path passes through, in order.
    pub points: Vec<(f64, f64)>,
    /// Whether the destination is reachable.
    pub reachable: bool,
    /// Where the blocking component is drawn (the red hop), when blocked.
    pub broken_at: Option<(f64, f64)>,
}

fn endpoint_point(
    net: &Network,
    layout: &Layout,
    end: &engine::aws::reach::Endpoint,
) -> Option<(f64, f64)> {
    use engine::aws::reach::Endpoint;
    match end {
        Endpoint::Instance(id) => layout.point(id),
        Endpoint::Internet(_) => layout.point("internet"),
        Endpoint::Ip(ip) => net
            .instances
            .iter()
            .find(|i| i.private_ip == *ip && !i.is_terminated())
            .and_then(|i| layout.point(&i.id))
            .or_else(|| {
                let private = engine::aws::cidr::is_rfc1918(
                    &engine::aws::cidr::Ipv4Net::new(*ip, 32).expect("a /32 is valid"),
                );
                (!private).then(|| layout.point("internet")).flatten()
            }),
    }
}

/// Places `analysis` on `layout`.
pub fn trace(net: &Network, layout: &Layout, analysis: &engine::aws::reach::Analysis) -> Trace {
    fn push(points: &mut Vec<(f64, f64)>, p: Option<(f64, f64)>) {
        if let Some(p) = p
            && points.last() != Some(&p)
        {
            points.push(p);
        }
    }
    let mut points: Vec<(f64, f64)> = vec![];
    push(&mut points, endpoint_point(net, layout, &analysis.source));
    for hop in &analysis.hops {
        push(&mut points, layout.point(&hop.component_id));
    }
    let broken_at = if analysis.reachable {
        push(
            &mut points,
            endpoint_point(net, layout, &analysis.destination),
        );
        None
    } else {
        analysis
            .explanations
            .first()
            .and_then(|e| {
                push(&mut points, layout.point(&e.component_id));
                layout.mark(&e.component_id)
            })
            .or_else(|| points.last().copied())
    };
    Trace {
        points,
        reachable: analysis.reachable,
        broken_at,
    }
}
