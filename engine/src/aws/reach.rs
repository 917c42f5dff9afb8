//! Reachability analysis in the manner of AWS Reachability Analyzer: follows a packet's path hop by hop through the model without sending anything, and names the component that blocks it.

use crate::sort::SortShared;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::model::{Instance, Network, NetworkAcl, Peer, RouteTarget, SecurityGroup, Subnet};

/// An end of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Endpoint {
    /// An EC2 instance by ID.
    Instance(String),
    /// The internet, as seen from (or reaching) the VPC's internet gateway, at a given public address.
    Internet(Ipv4Addr),
    /// A bare IP address (inside a VPC or on the internet).
    Ip(Ipv4Addr),
}

/// The traffic being analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traffic {
    /// `tcp`, `udp` or `icmp`.
    pub protocol: String,
    /// The destination port (ignored for ICMP).
    pub port: u16,
}

/// One component on the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The component's ID, such as `sg-…`, `acl-…`, `rtb-…`, `igw-…`, or `internet`.
    pub component_id: String,
    /// The CloudFormation-style type, such as `AWS::EC2::SecurityGroup`.
    pub component_type: String,
    /// What the component did, in English.
    pub detail: String,
}

/// Why a path is blocked, with AWS-style explanation code and bilingual explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The explanation code, such as `ENI_SG_RULES_MISMATCH`.
    pub code: String,
    /// The blocking component's ID.
    pub component_id: String,
    /// The blocking component's type.
    pub component_type: String,
    /// `ingress` or `egress` where it matters.
    pub direction: Option<String>,
    /// The explanation in English.
    pub en: String,
    /// The explanation in Korean.
    pub ko: String,
    /// Whether the block is on the return (reply) path rather than the request.
    pub return_traffic: bool,
}

/// The result of analysing one leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Where the leg starts.
    pub source: Endpoint,
    /// Where it ends.
    pub destination: Endpoint,
    /// The traffic.
    pub traffic: Traffic,
    /// Whether the path is found (reachable).
    pub reachable: bool,
    /// The components traversed, in order, up to the blocking one.
    pub hops: Vec<Hop>,
    /// Why it is blocked (empty when reachable).
    pub explanations: Vec<Explanation>,
}

/// A saved path for `create-network-insights-path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsPath {
    /// `nip-…`.
    pub id: String,
    /// The source resource ID (an instance or an internet gateway).
    pub source: String,
    /// The destination resource ID, if any.
    pub destination: Option<String>,
    /// `--source-ip`.
    pub source_ip: Option<String>,
    /// `--destination-ip`.
    pub destination_ip: Option<String>,
    /// `tcp` or `udp`.
    pub protocol: String,
    /// `--destination-port`.
    pub destination_port: Option<u16>,
    /// When it was created (virtual ms).
    pub created_at: i64,
}

/// A finished `start-network-insights-analysis` run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnalysis {
    /// `nia-…`.
    pub id: String,
    /// The path it analysed.
    pub path_id: String,
    /// When it started (virtual ms).
    pub started_at: i64,
    /// The result, computed against the network as it was when started.
    pub result: Analysis,
}

/// Every explanation code the analyser can produce, and whether it is one of AWS Reachability Analyzer's own codes (false marks Bastion's teaching codes for cases AWS reports less directly).
pub const EXPLANATION_CODES: &[(&str, bool)] = &[
    ("BAD_STATE", true),
    ("BAD_STATE_ROUTE", true),
    ("ENI_SG_RULES_MISMATCH", true),
    ("ENI_SOURCE_DEST_CHECK_RESTRICTION", true),
    ("IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", true),
    ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", true),
    ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", true),
    ("NO_ROUTE_TO_DESTINATION", true),
    ("SUBNET_ACL_RESTRICTION", true),
    ("UNKNOWN_DESTINATION", true),
    ("IGW_NOT_ATTACHED", false),
    ("NAT_GATEWAY_IN_PRIVATE_SUBNET", false),
];

struct Walk<'a> {
    net: &'a Network,
    traffic: Traffic,
    hops: Vec<Hop>,
}

type Blocked = Box<Explanation>;

fn explain(code: &str, id: &str, ty: &str, dir: Option<&str>, en: String, ko: String) -> Blocked {
    Box::new(Explanation {
        code: code.to_owned(),
        component_id: id.to_owned(),
        component_type: ty.to_owned(),
        direction: dir.map(str::to_owned),
        en,
        ko,
        return_traffic: false,
    })
}

fn returning(mut b: Blocked) -> Blocked {
    b.return_traffic = true;
    b
}

const T_INSTANCE: &str = "AWS::EC2::Instance";
const T_SG: &str = "AWS::EC2::SecurityGroup";
const T_ACL: &str = "AWS::EC2::NetworkAcl";
const T_RTB: &str = "AWS::EC2::RouteTable";
const T_IGW: &str = "AWS::EC2::InternetGateway";
const T_NAT: &str = "AWS::EC2::NatGateway";
const T_SUBNET: &str = "AWS::EC2::Subnet";
const T_VPC: &str = "AWS::EC2::VPC";

/// The ephemeral port range AWS recommends network ACLs allow for return traffic.
pub const EPHEMERAL: (u16, u16) = (1024, 65535);
/// The client port the analysis assumes for replies: inside the Linux (32768–60999) and IANA (49152–65535) ephemeral ranges.
pub const EPHEMERAL_PROBE: u16 = 50000;

impl<'a> Walk<'a> {
    fn hop(&mut self, id: &str, ty: &str, detail: impl Into<String>) {
        self.hops.push(Hop {
            component_id: id.to_owned(),
            component_type: ty.to_owned(),
            detail: detail.into(),
        });
    }

    fn running(&mut self, inst: &Instance) -> Result<(), Blocked> {
        let (state, _) = inst.state(self.net.now);
        if state != "running" {
            return Err(explain(
                "BAD_STATE",
                &inst.id,
                T_INSTANCE,
                None,
                format!("Instance {} is {state}, not running.", inst.id),
                format!(
                    "인스턴스 {}의 상태가 {state}이며 running이 아닙니다.",
                    inst.id
                ),
            ));
        }
        Ok(())
    }

    /// Checks the security groups of `inst` for traffic to or from `peer` (stateful: only the initiating direction is checked).
    fn sg(
        &mut self,
        inst: &Instance,
        egress: bool,
        peer_ip: Ipv4Addr,
        peer_groups: &[String],
    ) -> Result<(), Blocked> {
        let groups: Vec<&SecurityGroup> = inst
            .security_groups
            .iter()
            .filter_map(|g| self.net.security_group(g).ok())
            .collect();
        let hit = groups.iter().find_map(|g| {
            let rules = if egress { &g.egress } else { &g.ingress };
            rules
                .iter()
                .find(|r| {
                    r.matches_traffic(&self.traffic.protocol, self.traffic.port)
                        && match &r.peer {
                            Peer::Cidr(c) => c.contains(&peer_ip),
                            Peer::Group(pg) => peer_groups.contains(pg),
                        }
                })
                .map(|r| (g.id.clone(), r.id.clone()))
        });
        let dir = if egress { "egress" } else { "ingress" };
        match hit {
            Some((g, r)) => {
                self.hop(&g, T_SG, format!("{dir} rule {r} allows the traffic"));
                Ok(())
            }
            None => {
                let gid = groups.first().map(|g| g.id.clone()).unwrap_or_default();
                let (p, port) = (&self.traffic.protocol, self.traffic.port);
                Err(if egress {
                    explain(
                        "ENI_SG_RULES_MISMATCH",
                        &gid,
                        T_SG,
                        Some(dir),
                        format!(
                            "None of the security groups of {} has an outbound rule allowing {p} port {port} to {peer_ip}. Security groups only allow; add an outbound rule.",
                            inst.id
                        ),
                        format!(
                            "{}의 보안 그룹 어디에도 {peer_ip}(으)로 가는 {p} {port} 포트를 허용하는 아웃바운드 규칙이 없습니다. 보안 그룹은 허용 규칙만 있으므로 아웃바운드 규칙을 추가하세요.",
                            inst.id
                        ),
                    )
                } else {
                    explain(
                        "ENI_SG_RULES_MISMATCH",
                        &gid,
                        T_SG,
                        Some(dir),
                        format!(
                            "None of the security groups of {} has an inbound rule allowing {p} port {port} from {peer_ip}. Security groups deny inbound traffic by default; add an inbound rule for that source.",
                            inst.id
                        ),
                        format!(
                            "{}의 보안 그룹 어디에도 {peer_ip}에서 오는 {p} {port} 포트를 허용하는 인바운드 규칙이 없습니다. 보안 그룹은 기본적으로 인바운드를 거부하므로 해당 출발지에 대한 인바운드 규칙을 추가하세요.",
                            inst.id
                        ),
                    )
                })
            }
        }
    }

    /// Checks a subnet's network ACL for the request in one direction and for the stateless reply on ephemeral ports.
    fn acl(&mut self, subnet: &Subnet, egress: bool, peer_ip: Ipv4Addr) -> Result<(), Blocked> {
        let Some(acl) = self.net.acl_for_subnet(&subnet.id) else {
            return Ok(());
        };
        let acl: &NetworkAcl = acl;
        let (p, port) = (self.traffic.protocol.clone(), self.traffic.port);
        let Some(e) = acl.evaluate(egress, &p, port, peer_ip) else {
            return Err(unknown(&acl.id));
        };
        let dir = if egress { "egress" } else { "ingress" };
        let (en_dir, ko_dir) = if egress {
            ("outbound", "아웃바운드")
        } else {
            ("inbound", "인바운드")
        };
        let rule = rule_name(e.rule_number);
        if !e.allow {
            return Err(explain(
                "SUBNET_ACL_RESTRICTION",
                &acl.id,
                T_ACL,
                Some(dir),
                format!(
                    "Network ACL {} of subnet {} denies {en_dir} {p} port {port} {} {peer_ip} (rule {rule}). NACL rules are evaluated in number order and the first match wins.",
                    acl.id,
                    subnet.id,
                    if egress { "to" } else { "from" }
                ),
                format!(
                    "서브넷 {}의 네트워크 ACL {}이(가) {peer_ip} {} {ko_dir} {p} {port} 포트를 거부합니다(규칙 {rule}). NACL 규칙은 번호 순으로 평가되며 처음 일치한 규칙이 적용됩니다.",
                    subnet.id,
                    acl.id,
                    if egress {
                        "(으)로 가는"
                    } else {
                        "에서 오는"
                    }
                ),
            ));
        }
        // The reply travels the other way, to or from an ephemeral port; NACLs are stateless.
        // The reply's port is the client's ephemeral port; the analysis probes one in the range every OS uses.
        let reply = acl.evaluate(!egress, &p, EPHEMERAL_PROBE, peer_ip);
        let reply_ok = reply.is_some_and(|r| r.allow);
        if !reply_ok {
            let (rdir_en, rdir_ko) = if egress {
                ("inbound", "인바운드")
            } else {
                ("outbound", "아웃바운드")
            };
            return Err(returning(explain(
                "SUBNET_ACL_RESTRICTION",
                &acl.id,
                T_ACL,
                Some(if egress { "ingress" } else { "egress" }),
                format!(
                    "Network ACL {} of subnet {} allows the request but not the return traffic: network ACLs are stateless, so {rdir_en} {p} on ephemeral ports {}-{} {} {peer_ip} must be allowed too.",
                    acl.id,
                    subnet.id,
                    EPHEMERAL.0,
                    EPHEMERAL.1,
                    if egress { "from" } else { "to" }
                ),
                format!(
                    "서브넷 {}의 네트워크 ACL {}이(가) 요청은 허용하지만 응답 트래픽은 허용하지 않습니다. 네트워크 ACL은 상태 비저장(stateless)이므로 {peer_ip}와(과)의 임시 포트 {}-{} {rdir_ko} {p}도 허용해야 합니다.",
                    subnet.id, acl.id, EPHEMERAL.0, EPHEMERAL.1
                ),
            )));
        }
        self.hop(
            &acl.id,
            T_ACL,
            format!("{dir} rule {rule} allows the request and the return traffic is allowed"),
        );
        Ok(())
    }

    /// Follows the subnet's route table toward `dest`; returns the chosen target.
    fn route(&mut self, subnet: &Subnet, dest: Ipv4Addr) -> Result<RouteTarget, Blocked> {
        let Some(table) = self.net.route_table_for_subnet(&subnet.id) else {
            return Err(no_route(&subnet.id, T_SUBNET, dest));
        };
        let Some(route) = self.net.lookup_route(table, dest) else {
            return Err(no_route(&table.id, T_RTB, dest));
        };
        if self.net.route_state(table, route) == "blackhole" {
            return Err(explain(
                "BAD_STATE_ROUTE",
                &table.id,
                T_RTB,
                None,
                format!(
                    "Route {} in route table {} points to {}, which no longer exists or is detached, so the route is a blackhole.",
                    route.destination,
                    table.id,
                    route.target.id()
                ),
                format!(
                    "라우팅 테이블 {}의 {} 경로가 더 이상 존재하지 않거나 분리된 {}을(를) 가리키므로 블랙홀 경로입니다.",
                    table.id,
                    route.destination,
                    route.target.id()
                ),
            ));
        }
        self.hop(
            &table.id,
            T_RTB,
            format!("route {} -> {}", route.destination, route.target.id()),
        );
        Ok(route.target.clone())
    }

    /// From a subnet, leaves the VPC for the internet through the route table; `public_ip` is the address that will face the internet.
    fn out_to_internet(
        &mut self,
        subnet: &Subnet,
        dest: Ipv4Addr,
        src_ip: Ipv4Addr,
        public_ip: Option<Ipv4Addr>,
        src_groups: &[String],
        depth: u8,
    ) -> Result<(), Blocked> {
        let target = self.route(subnet, dest)?;
        match target {
            RouteTarget::Gateway(igw) => {
                if super::cidr::is_rfc1918(&super::cidr::Ipv4Net::from(dest)) {
                    return Err(private_via_gateway(&igw, dest, "the internet"));
                }
                let Some(pip) = public_ip else {
                    return Err(explain(
                        "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
                        &igw,
                        T_IGW,
                        Some("egress"),
                        format!(
                            "Traffic from {src_ip} reaches internet gateway {igw}, but the source has no public IPv4 address (no auto-assigned public IP or Elastic IP), so the gateway cannot translate it. Use a NAT gateway from a private subnet, or give the instance a public IP."
                        ),
                        format!(
                            "{src_ip}에서 나온 트래픽이 인터넷 게이트웨이 {igw}에 도달했지만 출발지에 퍼블릭 IPv4 주소(자동 할당 퍼블릭 IP나 탄력적 IP)가 없어 변환할 수 없습니다. 프라이빗 서브넷에서는 NAT 게이트웨이를 쓰거나 인스턴스에 퍼블릭 IP를 부여하세요."
                        ),
                    ));
                };
                self.hop(&igw, T_IGW, format!("translates {src_ip} to {pip}"));
                self.hop("internet", "Internet", format!("reaches {dest}"));
                Ok(())
            }
            RouteTarget::NatGateway(nat_id) => {
                let nat = self
                    .net
                    .nat_gateway(&nat_id)
                    .map_err(|_| unknown(&nat_id))?
                    .clone();
                let state = nat.state(self.net.now);
                if state != "available" {
                    return Err(explain(
                        "BAD_STATE",
                        &nat.id,
                        T_NAT,
                        None,
                        format!(
                            "NAT gateway {} is {state}; it forwards traffic only when available.",
                            nat.id
                        ),
                        format!(
                            "NAT 게이트웨이 {}의 상태가 {state}입니다. available 상태일 때만 트래픽을 전달합니다.",
                            nat.id
                        ),
                    ));
                }
                self.hop(
                    &nat.id,
                    T_NAT,
                    format!("translates {src_ip} to {}", nat.private_ip),
                );
                let nat_subnet = self
                    .net
                    .subnet(&nat.subnet_id)
                    .map_err(|_| unknown(&nat.subnet_id))?
                    .clone();
                if nat_subnet.id != subnet.id {
                    self.acl(&nat_subnet, false, src_ip)?;
                }
                self.acl(&nat_subnet, true, dest)?;
                let nat_table = self.net.route_table_for_subnet(&nat_subnet.id).cloned();
                let to_igw = nat_table.as_ref().and_then(|t| {
                    self.net
                        .lookup_route(t, dest)
                        .map(|r| (t.clone(), r.clone()))
                });
                match to_igw {
                    Some((t, r))
                        if matches!(r.target, RouteTarget::Gateway(_))
                            && self.net.route_state(&t, &r) == "active" =>
                    {
                        self.hop(
                            &t.id,
                            T_RTB,
                            format!("route {} -> {}", r.destination, r.target.id()),
                        );
                        self.hop(
                            r.target.id(),
                            T_IGW,
                            format!(
                                "translates {} to {}",
                                nat.private_ip,
                                nat.public_ip.map(|p| p.to_string()).unwrap_or_default()
                            ),
                        );
                        if nat.public_ip.is_none() {
                            return Err(explain(
                                "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
                                &nat.id,
                                T_NAT,
                                Some("egress"),
                                format!(
                                    "NAT gateway {} is a private NAT gateway with no Elastic IP; it cannot reach the internet.",
                                    nat.id
                                ),
                                format!(
                                    "NAT 게이트웨이 {}는 탄력적 IP가 없는 프라이빗 NAT 게이트웨이이므로 인터넷에 도달할 수 없습니다.",
                                    nat.id
                                ),
                            ));
                        }
                        self.hop("internet", "Internet", format!("reaches {dest}"));
                        Ok(())
                    }
                    _ => Err(explain(
                        "NAT_GATEWAY_IN_PRIVATE_SUBNET",
                        &nat.id,
                        T_NAT,
                        None,
                        format!(
                            "NAT gateway {} is in subnet {}, whose route table has no active route to an internet gateway for {dest}. A NAT gateway must sit in a public subnet (one that routes 0.0.0.0/0 to the internet gateway).",
                            nat.id, nat_subnet.id
                        ),
                        format!(
                            "NAT 게이트웨이 {}가 있는 서브넷 {}의 라우팅 테이블에 {dest}(으)로 가는 인터넷 게이트웨이 경로가 없습니다. NAT 게이트웨이는 0.0.0.0/0을 인터넷 게이트웨이로 보내는 퍼블릭 서브넷에 있어야 합니다.",
                            nat.id, nat_subnet.id
                        ),
                    )),
                }
            }
            RouteTarget::Instance(iid) => {
                let nat = self.net.instance(&iid).map_err(|_| unknown(&iid))?.clone();
                self.hop(
                    &nat.eni_id,
                    "AWS::EC2::NetworkInterface",
                    format!("forwarded to instance {}", nat.id),
                );
                if nat.source_dest_check {
                    return Err(explain(
                        "ENI_SOURCE_DEST_CHECK_RESTRICTION",
                        &nat.id,
                        T_INSTANCE,
                        None,
                        format!(
                            "Instance {} receives traffic not addressed to it, but its source/destination check is enabled, so it drops the packets. Disable the check (modify-instance-attribute --no-source-dest-check) on a NAT instance.",
                            nat.id
                        ),
                        format!(
                            "인스턴스 {}가 자신이 목적지가 아닌 트래픽을 받지만 소스/대상 확인이 켜져 있어 패킷을 버립니다. NAT 인스턴스에서는 이 확인을 끄세요(modify-instance-attribute --no-source-dest-check).",
                            nat.id
                        ),
                    ));
                }
                self.running(&nat)?;
                self.sg(&nat, false, src_ip, src_groups)?;
                let nat_subnet = self
                    .net
                    .subnet(&nat.subnet_id)
                    .map_err(|_| unknown(&nat.subnet_id))?
                    .clone();
                if nat_subnet.id != subnet.id {
                    self.acl(&nat_subnet, false, src_ip)?;
                }
                self.sg(&nat, true, dest, &[])?;
                self.acl(&nat_subnet, true, dest)?;
                if depth > 2 {
                    return Err(no_route(&nat.id, T_INSTANCE, dest));
                }
                let pip = self.net.instance_public_ip(&nat);
                let groups = nat.security_groups.clone();
                self.out_to_internet(&nat_subnet, dest, nat.private_ip, pip, &groups, depth + 1)
            }
            RouteTarget::Local => Err(no_route(&subnet.id, T_SUBNET, dest)),
        }
    }
}

fn private_via_gateway(target: &str, dest: Ipv4Addr, where_: &str) -> Blocked {
    explain(
        "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS",
        target,
        if target.starts_with("igw-") {
            T_IGW
        } else if target.starts_with("nat-") {
            T_NAT
        } else {
            T_INSTANCE
        },
        Some("egress"),
        format!(
            "The route to {dest} leads out through {target}, but internet gateways drop traffic to private (RFC 1918) addresses; {dest} is in {where_}, which this VPC has no peering connection or route to."
        ),
        format!(
            "{dest}(으)로 가는 경로가 {target}을(를) 통해 나가지만 인터넷 게이트웨이는 사설(RFC 1918) 주소로 가는 트래픽을 버립니다. {dest}는 {where_}에 있으며 이 VPC에는 그곳으로 가는 피어링 연결이나 경로가 없습니다."
        ),
    )
}

fn rule_name(n: u16) -> String {
    if n == 32767 {
        "*".into()
    } else {
        n.to_string()
    }
}

fn no_route(id: &str, ty: &str, dest: Ipv4Addr) -> Blocked {
    explain(
        "NO_ROUTE_TO_DESTINATION",
        id,
        ty,
        None,
        format!(
            "Route table {id} has no route that matches {dest}. Add a route (for the internet, 0.0.0.0/0 to an internet gateway or NAT gateway)."
        ),
        format!(
            "라우팅 테이블 {id}에 {dest}와(과) 일치하는 경로가 없습니다. 경로를 추가하세요(인터넷이라면 0.0.0.0/0을 인터넷 게이트웨이나 NAT 게이트웨이로)."
        ),
    )
}

impl NetworkAcl {
    /// The entries of one direction, in rule-number order.
    pub fn sorted_entries(&self, egress: bool) -> Vec<&super::model::AclEntry> {
        let mut v: Vec<_> = self.entries.iter().filter(|e| e.egress == egress).collect();
        v.sort_shared_by_key(|e| e.rule_number);
        v
    }
}

/// A default "my laptop" address on the internet for paths that start there.
pub const LAPTOP_IP: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 10);
/// A default internet address for paths that end there (a package mirror).
pub const MIRROR_IP: Ipv4Addr = Ipv4Addr::new(52, 95, 110, 1);

impl Network {
    /// Analyses whether `traffic` from `source` reaches `destination`, hop by hop, without sending anything.
    pub fn analyze(
        &self,
        source: &Endpoint,
        destination: &Endpoint,
        traffic: &Traffic,
    ) -> Analysis {
        let mut walk = Walk {
            net: self,
            traffic: traffic.clone(),
            hops: vec![],
        };
        let result = self.walk(&mut walk, source, destination);
        Analysis {
            source: source.clone(),
            destination: destination.clone(),
            traffic: traffic.clone(),
            reachable: result.is_ok(),
            hops: walk.hops,
            explanations: result.err().map(|b| *b).into_iter().collect(),
        }
    }

    /// Analyses a path through waypoints (for example laptop → bastion → private instance); every leg must be reachable.
    pub fn analyze_legs(&self, waypoints: &[Endpoint], traffic: &Traffic) -> Vec<Analysis> {
        waypoints
            .windows(2)
            .map(|w| self.analyze(&w[0], &w[1], traffic))
            .collect()
    }

    /// "SSH from my laptop to a private instance via the bastion": the two legs laptop → bastion and bastion → private.
    pub fn analyze_bastion_ssh(&self, bastion_id: &str, private_id: &str) -> Vec<Analysis> {
        self.analyze_legs(
            &[
                Endpoint::Internet(LAPTOP_IP),
                Endpoint::Instance(bastion_id.to_owned()),
                Endpoint::Instance(private_id.to_owned()),
            ],
            &Traffic {
                protocol: "tcp".into(),
                port: 22,
            },
        )
    }

    /// "A private instance reaches the internet (yum install)": HTTPS from the instance to a package mirror.
    pub fn analyze_internet_egress(&self, instance_id: &str) -> Analysis {
        self.analyze(
            &Endpoint::Instance(instance_id.to_owned()),
            &Endpoint::Internet(MIRROR_IP),
            &Traffic {
                protocol: "tcp".into(),
                port: 443,
            },
        )
    }

    fn find_instance_by_ip(&self, ip: Ipv4Addr) -> Option<&Instance> {
        self.instances.iter().find(|i| {
            !i.is_terminated() && (i.private_ip == ip || self.instance_public_ip(i) == Some(ip))
        })
    }

    fn walk(&self, w: &mut Walk, source: &Endpoint, destination: &Endpoint) -> Result<(), Blocked> {
        let src_inst = match source {
            Endpoint::Instance(id) => Some(self.instance(id).map_err(|_| unknown(id))?.clone()),
            Endpoint::Ip(ip) => self.find_instance_by_ip(*ip).cloned(),
            Endpoint::Internet(_) => None,
        };
        let dst_inst = match destination {
            Endpoint::Instance(id) => Some(self.instance(id).map_err(|_| unknown(id))?.clone()),
            Endpoint::Ip(ip) => self.find_instance_by_ip(*ip).cloned(),
            Endpoint::Internet(_) => None,
        };
        let dst_ip = match (destination, &dst_inst) {
            (Endpoint::Internet(ip) | Endpoint::Ip(ip), _) => *ip,
            (_, Some(d)) => d.private_ip,
            _ => unreachable!("instance endpoints resolve above"),
        };
        match (src_inst, dst_inst) {
            (Some(s), Some(d)) => self.instance_to_instance(w, &s, &d),
            (Some(s), None) => {
                w.hop(&s.id, T_INSTANCE, format!("source {}", s.private_ip));
                w.running(&s)?;
                w.sg(&s, true, dst_ip, &[])?;
                let subnet = self
                    .subnet(&s.subnet_id)
                    .map_err(|_| unknown(&s.subnet_id))?
                    .clone();
                w.acl(&subnet, true, dst_ip)?;
                let pip = self.instance_public_ip(&s);
                let groups = s.security_groups.clone();
                w.out_to_internet(&subnet, dst_ip, s.private_ip, pip, &groups, 0)
            }
            (None, Some(d)) => {
                let src_ip = match source {
                    Endpoint::Internet(ip) | Endpoint::Ip(ip) => *ip,
                    Endpoint::Instance(_) => unreachable!(),
                };
                self.internet_to_instance(w, src_ip, &d)
            }
            (None, None) => Err(explain(
                "UNKNOWN_DESTINATION",
                &dst_ip.to_string(),
                "Address",
                None,
                format!("Neither {dst_ip} nor the source belongs to an instance in this region."),
                format!("{dst_ip}와(과) 출발지 모두 이 리전의 인스턴스가 아닙니다."),
            )),
        }
    }

    fn internet_to_instance(
        &self,
        w: &mut Walk,
        src_ip: Ipv4Addr,
        d: &Instance,
    ) -> Result<(), Blocked> {
        w.hop("internet", "Internet", format!("source {src_ip}"));
        let Some(igw) = self.igw_of_vpc(&d.vpc_id) else {
            return Err(explain(
                "IGW_NOT_ATTACHED",
                &d.vpc_id,
                T_VPC,
                Some("ingress"),
                format!(
                    "VPC {} has no internet gateway attached, so no traffic from the internet can enter it.",
                    d.vpc_id
                ),
                format!(
                    "VPC {}에 인터넷 게이트웨이가 연결되어 있지 않아 인터넷에서 들어오는 트래픽이 VPC에 들어올 수 없습니다.",
                    d.vpc_id
                ),
            ));
        };
        let igw = igw.id.clone();
        let Some(pip) = self.instance_public_ip(d) else {
            return Err(explain(
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                &igw,
                T_IGW,
                Some("ingress"),
                format!(
                    "Instance {} has only the private address {}; the internet gateway can deliver traffic only to an instance with a public IPv4 address or Elastic IP.",
                    d.id, d.private_ip
                ),
                format!(
                    "인스턴스 {}에는 프라이빗 주소 {}만 있습니다. 인터넷 게이트웨이는 퍼블릭 IPv4 주소나 탄력적 IP가 있는 인스턴스에만 트래픽을 전달할 수 있습니다.",
                    d.id, d.private_ip
                ),
            ));
        };
        w.hop(&igw, T_IGW, format!("translates {pip} to {}", d.private_ip));
        let subnet = self
            .subnet(&d.subnet_id)
            .map_err(|_| unknown(&d.subnet_id))?
            .clone();
        w.acl(&subnet, false, src_ip)?;
        w.sg(d, false, src_ip, &[])?;
        w.running(d)?;
        // The reply must route back out through the internet gateway.
        let table = self.route_table_for_subnet(&subnet.id).cloned();
        let back = table
            .as_ref()
            .and_then(|t| self.lookup_route(t, src_ip).map(|r| (t.clone(), r.clone())));
        match back {
            Some((t, r))
                if r.target == RouteTarget::Gateway(igw.clone())
                    && self.route_state(&t, &r) == "active" =>
            {
                w.hop(
                    &d.id,
                    T_INSTANCE,
                    format!("destination {} port {}", d.private_ip, w.traffic.port),
                );
                Ok(())
            }
            other => {
                let tid = other
                    .as_ref()
                    .map(|(t, _)| t.id.clone())
                    .or(table.map(|t| t.id))
                    .unwrap_or_default();
                Err(returning(explain(
                    "NO_ROUTE_TO_DESTINATION",
                    &tid,
                    T_RTB,
                    Some("egress"),
                    format!(
                        "Subnet {} of instance {} uses route table {tid}, which has no active route to internet gateway {igw} for the reply to {src_ip}. A public subnet needs 0.0.0.0/0 -> {igw}.",
                        subnet.id, d.id
                    ),
                    format!(
                        "인스턴스 {}의 서브넷 {}이(가) 사용하는 라우팅 테이블 {tid}에 {src_ip}(으)로 응답을 보낼 인터넷 게이트웨이 {igw} 경로가 없습니다. 퍼블릭 서브넷에는 0.0.0.0/0 -> {igw} 경로가 필요합니다.",
                        d.id, subnet.id
                    ),
                )))
            }
        }
    }

    fn instance_to_instance(
        &self,
        w: &mut Walk,
        s: &Instance,
        d: &Instance,
    ) -> Result<(), Blocked> {
        w.hop(&s.id, T_INSTANCE, format!("source {}", s.private_ip));
        w.running(s)?;
        if s.vpc_id != d.vpc_id {
            // Without peering, the source's route table can only send the packet somewhere that drops it.
            w.sg(s, true, d.private_ip, &[])?;
            let ss = self
                .subnet(&s.subnet_id)
                .map_err(|_| unknown(&s.subnet_id))?
                .clone();
            w.acl(&ss, true, d.private_ip)?;
            let target = w.route(&ss, d.private_ip)?;
            return Err(private_via_gateway(target.id(), d.private_ip, &d.vpc_id));
        }
        w.sg(s, true, d.private_ip, &d.security_groups)?;
        let ss = self
            .subnet(&s.subnet_id)
            .map_err(|_| unknown(&s.subnet_id))?
            .clone();
        let ds = self
            .subnet(&d.subnet_id)
            .map_err(|_| unknown(&d.subnet_id))?
            .clone();
        if ss.id != ds.id {
            w.acl(&ss, true, d.private_ip)?;
        }
        let target = w.route(&ss, d.private_ip)?;
        if target != RouteTarget::Local {
            return Err(no_route(
                &self
                    .route_table_for_subnet(&ss.id)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                T_RTB,
                d.private_ip,
            ));
        }
        if ss.id != ds.id {
            w.acl(&ds, false, s.private_ip)?;
        }
        w.sg(d, false, s.private_ip, &s.security_groups)?;
        w.running(d)?;
        w.hop(
            &d.id,
            T_INSTANCE,
            format!("destination {} port {}", d.private_ip, w.traffic.port),
        );
        Ok(())
    }
}

fn unknown(id: &str) -> Blocked {
    explain(
        "UNKNOWN_DESTINATION",
        id,
        "Unknown",
        None,
        format!("{id} does not exist in this region."),
        format!("{id}이(가) 이 리전에 존재하지 않습니다."),
    )
}
