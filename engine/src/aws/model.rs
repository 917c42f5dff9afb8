//! The per-region EC2 network model: VPCs, subnets, gateways, addresses, route tables, security groups, network ACLs, instances and load balancers, with EC2's validation rules and error codes.

use crate::sort::SortShared;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::cidr::{self, Ipv4Net};
use crate::traits::{Random, SplitMix64};

/// The sample account every simulated resource belongs to.
pub const ACCOUNT_ID: &str = "123456789012";
/// How long a new instance stays `pending` before it is `running`, in virtual milliseconds.
pub const INSTANCE_BOOT_MS: i64 = 15_000;
/// How long a terminating instance stays `shutting-down`, in virtual milliseconds.
pub const INSTANCE_SHUTDOWN_MS: i64 = 30_000;
/// How long a new NAT gateway stays `pending` before it is `available`, in virtual milliseconds.
pub const NAT_PENDING_MS: i64 = 90_000;
/// How long a deleted NAT gateway stays `deleting` before it is `deleted`, in virtual milliseconds.
pub const NAT_DELETING_MS: i64 = 60_000;

/// An EC2 API error: its code and message exactly as the service returns them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsError {
    /// The error code, such as `InvalidVpcID.NotFound`.
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

impl AwsError {
    /// An error with `code` and `message`.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The `<Kind>ID.NotFound` error EC2 returns for a missing resource.
    pub fn not_found(code: &str, noun: &str, id: &str) -> Self {
        Self::new(code, format!("The {noun} ID '{id}' does not exist"))
    }

    /// The `DependencyViolation` error for a resource that still has dependents.
    pub fn dependency(noun: &str, id: &str) -> Self {
        Self::new(
            "DependencyViolation",
            format!("The {noun} '{id}' has dependencies and cannot be deleted."),
        )
    }

    /// The `InvalidParameterValue` error for a bad value of `param`.
    pub fn bad_value(value: &str, param: &str, why: &str) -> Self {
        Self::new(
            "InvalidParameterValue",
            format!("Value ({value}) for parameter {param} is invalid. {why}"),
        )
    }
}

/// A key/value tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// The tag key.
    pub key: String,
    /// The tag value.
    pub value: String,
}

/// An availability zone of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// The zone name, such as `ap-northeast-2a`.
    pub name: String,
    /// The zone ID, such as `apne2-az1`.
    pub id: String,
}

/// The regions the simulator offers, with their zone-ID prefix and zone letters.
pub const REGIONS: &[(&str, &str, &str)] = &[
    ("ap-northeast-2", "apne2", "abcd"),
    ("ap-northeast-1", "apne1", "acd"),
    ("ap-northeast-3", "apne3", "abc"),
    ("ap-southeast-1", "apse1", "abc"),
    ("ap-southeast-2", "apse2", "abc"),
    ("ap-south-1", "aps1", "abc"),
    ("ca-central-1", "cac1", "abd"),
    ("eu-central-1", "euc1", "abc"),
    ("eu-west-1", "euw1", "abc"),
    ("eu-west-2", "euw2", "abc"),
    ("eu-west-3", "euw3", "abc"),
    ("eu-north-1", "eun1", "abc"),
    ("sa-east-1", "sae1", "abc"),
    ("us-east-1", "use1", "abcdef"),
    ("us-east-2", "use2", "abc"),
    ("us-west-1", "usw1", "ac"),
    ("us-west-2", "usw2", "abcd"),
];

/// The zones of `region`, or `None` when the simulator does not know the region.
pub fn zones_of(region: &str) -> Option<Vec<Zone>> {
    let (name, prefix, letters) = REGIONS.iter().find(|(n, _, _)| *n == region)?;
    Some(
        letters
            .chars()
            .enumerate()
            .map(|(i, c)| Zone {
                name: format!("{name}{c}"),
                id: format!("{prefix}-az{}", i + 1),
            })
            .collect(),
    )
}

/// A VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vpc {
    /// `vpc-…`.
    pub id: String,
    /// The primary IPv4 CIDR.
    pub cidr: Ipv4Net,
    /// The association ID of the primary CIDR.
    pub cidr_assoc_id: String,
    /// Secondary CIDRs with their association IDs.
    pub secondary: Vec<(String, Ipv4Net)>,
    /// The DHCP options set.
    pub dhcp_options_id: String,
    /// `enableDnsSupport`.
    pub dns_support: bool,
    /// `enableDnsHostnames`.
    pub dns_hostnames: bool,
    /// Whether this is the region's default VPC.
    #[serde(default)]
    pub is_default: bool,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl Vpc {
    /// Every IPv4 block of the VPC, primary first.
    pub fn cidrs(&self) -> Vec<Ipv4Net> {
        std::iter::once(self.cidr)
            .chain(self.secondary.iter().map(|(_, c)| *c))
            .collect()
    }
}

/// A subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    /// `subnet-…`.
    pub id: String,
    /// The VPC it lives in.
    pub vpc_id: String,
    /// Its IPv4 block.
    pub cidr: Ipv4Net,
    /// Its availability zone.
    pub az: Zone,
    /// `MapPublicIpOnLaunch`.
    pub map_public_ip: bool,
    /// Whether this is its zone's default subnet (in the default VPC).
    #[serde(default)]
    pub default_for_az: bool,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// An internet gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternetGateway {
    /// `igw-…`.
    pub id: String,
    /// The VPC it is attached to.
    pub vpc_id: Option<String>,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// What an Elastic IP is associated with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EipAssociation {
    /// `eipassoc-…`.
    pub id: String,
    /// The instance, when associated with one.
    pub instance_id: Option<String>,
    /// The NAT gateway, when used by one.
    pub nat_gateway_id: Option<String>,
    /// The network interface.
    pub eni_id: String,
    /// The private address it maps to.
    pub private_ip: Ipv4Addr,
}

/// An Elastic IP address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElasticIp {
    /// `eipalloc-…`.
    pub allocation_id: String,
    /// The public address.
    pub public_ip: Ipv4Addr,
    /// Its association, if any.
    pub association: Option<EipAssociation>,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// A NAT gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NatGateway {
    /// `nat-…`.
    pub id: String,
    /// The subnet it sits in.
    pub subnet_id: String,
    /// The VPC of that subnet.
    pub vpc_id: String,
    /// The Elastic IP allocation (public NAT gateways).
    pub allocation_id: Option<String>,
    /// The public address, from the Elastic IP.
    pub public_ip: Option<Ipv4Addr>,
    /// The private address in its subnet.
    pub private_ip: Ipv4Addr,
    /// Its network interface.
    pub eni_id: String,
    /// `public` or `private`.
    pub connectivity: String,
    /// When it was created (virtual ms).
    pub created_at: i64,
    /// When it was deleted (virtual ms).
    pub deleted_at: Option<i64>,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl NatGateway {
    /// The state at virtual time `now`: pending, available, deleting or deleted.
    pub fn state(&self, now: i64) -> &'static str {
        match self.deleted_at {
            Some(t) if now - t >= NAT_DELETING_MS => "deleted",
            Some(_) => "deleting",
            None if now - self.created_at >= NAT_PENDING_MS => "available",
            None => "pending",
        }
    }
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RouteTarget {
    /// The VPC's own local route.
    Local,
    /// An internet gateway.
    Gateway(String),
    /// A NAT gateway.
    NatGateway(String),
    /// An instance (such as a NAT instance).
    Instance(String),
}

impl RouteTarget {
    /// The target's ID as the console shows it (`local` for the local route).
    pub fn id(&self) -> &str {
        match self {
            RouteTarget::Local => "local",
            RouteTarget::Gateway(id) | RouteTarget::NatGateway(id) | RouteTarget::Instance(id) => {
                id
            }
        }
    }
}

/// One route of a route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// The destination block.
    pub destination: Ipv4Net,
    /// The target.
    pub target: RouteTarget,
    /// `CreateRouteTable` for the local route, `CreateRoute` for the rest.
    pub origin: String,
}

/// A route table association.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteTableAssociation {
    /// `rtbassoc-…`.
    pub id: String,
    /// The subnet, or `None` for the main association.
    pub subnet_id: Option<String>,
}

/// A route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteTable {
    /// `rtb-…`.
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its routes, local first.
    pub routes: Vec<Route>,
    /// Its associations.
    pub associations: Vec<RouteTableAssociation>,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl RouteTable {
    /// Whether this is its VPC's main route table.
    pub fn is_main(&self) -> bool {
        self.associations.iter().any(|a| a.subnet_id.is_none())
    }
}

/// The peer of a security group rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Peer {
    /// An IPv4 block.
    Cidr(Ipv4Net),
    /// Another (or the same) security group.
    Group(String),
}

impl Peer {
    /// Any IPv4 address, `0.0.0.0/0`.
    pub fn anywhere() -> Peer {
        Peer::Cidr(Ipv4Net::default())
    }
}

/// One security group rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgRule {
    /// `sgr-…`.
    pub id: String,
    /// `-1`, `tcp`, `udp` or `icmp`.
    pub protocol: String,
    /// First port (or ICMP type), -1 for all.
    pub from_port: i32,
    /// Last port (or ICMP code), -1 for all.
    pub to_port: i32,
    /// Who the rule admits.
    pub peer: Peer,
    /// The rule's description.
    pub description: Option<String>,
}

impl SgRule {
    /// A rule admitting `protocol` on one `port` (or ICMP type) from `peer`.
    pub fn on_port(protocol: &str, port: i32, peer: Peer) -> SgRule {
        SgRule {
            id: String::new(),
            protocol: protocol.into(),
            from_port: port,
            to_port: port,
            peer,
            description: None,
        }
    }

    /// A rule admitting all traffic from security group `group`.
    pub fn all_from(group: &str) -> SgRule {
        SgRule {
            from_port: -1,
            to_port: -1,
            ..SgRule::on_port("-1", -1, Peer::Group(group.to_owned()))
        }
    }

    /// Whether the rule admits `protocol` (`tcp`/`udp`/`icmp`) on `port`.
    pub fn matches_traffic(&self, protocol: &str, port: u16) -> bool {
        if self.protocol == "-1" {
            return true;
        }
        if self.protocol != protocol {
            return false;
        }
        if protocol == "icmp" || self.from_port == -1 {
            return true;
        }
        (self.from_port..=self.to_port).contains(&i32::from(port))
    }
}

/// A security group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// `sg-…`.
    pub id: String,
    /// Its name, unique in the VPC.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Inbound rules.
    pub ingress: Vec<SgRule>,
    /// Outbound rules.
    pub egress: Vec<SgRule>,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// One network ACL entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AclEntry {
    /// 1–32766, or 32767 for the default `*` rule.
    pub rule_number: u16,
    /// Outbound when true.
    pub egress: bool,
    /// `-1`, `6` (TCP), `17` (UDP) or `1` (ICMP).
    pub protocol: String,
    /// True for allow, false for deny.
    pub allow: bool,
    /// The block the rule matches.
    pub cidr: Ipv4Net,
    /// The port range, for TCP and UDP.
    pub ports: Option<(u16, u16)>,
}

impl AclEntry {
    /// Whether the entry matches traffic with `protocol` to `port` from or to `ip`.
    pub fn matches(&self, protocol: &str, port: u16, ip: Ipv4Addr) -> bool {
        if !self.cidr.contains(&ip) {
            return false;
        }
        if self.protocol == "-1" {
            return true;
        }
        if self.protocol != protocol_number(protocol) {
            return false;
        }
        match self.ports {
            Some((a, b)) if self.protocol != "1" => (a..=b).contains(&port),
            _ => true,
        }
    }
}

/// The IANA number EC2 uses for a protocol name (`tcp` → `6`); other inputs come back unchanged.
pub fn protocol_number(protocol: &str) -> &str {
    match protocol {
        "tcp" => "6",
        "udp" => "17",
        "icmp" => "1",
        "all" => "-1",
        other => other,
    }
}

/// A network ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkAcl {
    /// `acl-…`.
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Whether it is the VPC's default ACL.
    pub is_default: bool,
    /// Its entries.
    pub entries: Vec<AclEntry>,
    /// Its subnet associations: (`aclassoc-…`, subnet).
    pub associations: Vec<(String, String)>,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl NetworkAcl {
    /// The first entry, by rule number, that matches the traffic in the given direction.
    pub fn evaluate(
        &self,
        egress: bool,
        protocol: &str,
        port: u16,
        ip: Ipv4Addr,
    ) -> Option<&AclEntry> {
        self.sorted(egress)
            .into_iter()
            .find(|e| e.matches(protocol, port, ip))
    }

    fn sorted(&self, egress: bool) -> Vec<&AclEntry> {
        let mut v: Vec<&AclEntry> = self.entries.iter().filter(|e| e.egress == egress).collect();
        v.sort_shared_by_key(|e| e.rule_number);
        v
    }
}

/// An EC2 instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// `i-…`.
    pub id: String,
    /// `r-…`.
    pub reservation_id: String,
    /// Its index within its reservation.
    pub launch_index: u32,
    /// `ami-…`.
    pub image_id: String,
    /// Such as `t3.micro`.
    pub instance_type: String,
    /// The key pair name.
    pub key_name: Option<String>,
    /// Its subnet.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its availability zone.
    pub az: String,
    /// Its primary private address.
    pub private_ip: Ipv4Addr,
    /// An auto-assigned public address (released on stop or terminate).
    pub public_ip: Option<Ipv4Addr>,
    /// Its security groups.
    pub security_groups: Vec<String>,
    /// Whether source/destination checking is on (off for a NAT instance).
    pub source_dest_check: bool,
    /// Its primary network interface.
    pub eni_id: String,
    /// When it was launched (virtual ms).
    pub launched_at: i64,
    /// When it was terminated (virtual ms).
    pub terminated_at: Option<i64>,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl Instance {
    /// The state name and code at virtual time `now`.
    pub fn state(&self, now: i64) -> (&'static str, u32) {
        match self.terminated_at {
            Some(t) if now - t >= INSTANCE_SHUTDOWN_MS => ("terminated", 48),
            Some(_) => ("shutting-down", 32),
            None if now - self.launched_at >= INSTANCE_BOOT_MS => ("running", 16),
            None => ("pending", 0),
        }
    }

    /// Whether the instance is gone or going.
    pub fn is_terminated(&self) -> bool {
        self.terminated_at.is_some()
    }
}

/// An Elastic Load Balancing load balancer (a placeholder the Kubernetes side creates for LoadBalancer Services).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancer {
    /// Its name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Its DNS name, such as `a1b2…-123456789.ap-northeast-2.elb.amazonaws.com`.
    pub dns_name: String,
    /// `network` or `application` (or `classic`).
    pub kind: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    /// Its VPC, when one was given.
    pub vpc_id: Option<String>,
    /// Its subnets.
    pub subnets: Vec<String>,
    /// Listener ports.
    pub ports: Vec<u16>,
    /// When it was created (virtual ms).
    pub created_at: i64,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// A classic load balancer's instance port behind each of `ports` (empty: a made-up node port per listener).
    #[serde(default)]
    pub instance_ports: Vec<u16>,
    /// A classic load balancer's registered instances.
    #[serde(default)]
    pub instances: Vec<String>,
    /// Its security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
}

/// What to launch in [`Network::run_instances`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSpec {
    /// `ami-…`.
    pub image_id: String,
    /// The instance type, such as `t3.micro` (the CLI passes `m1.small`, EC2's default, when none is given).
    pub instance_type: String,
    /// Key pair.
    pub key_name: Option<String>,
    /// Subnet to launch into.
    pub subnet_id: String,
    /// Security groups; the VPC's default group when empty.
    pub security_groups: Vec<String>,
    /// `Some(true)` / `Some(false)` to override the subnet's public-IP setting.
    pub associate_public_ip: Option<bool>,
    /// A specific private address.
    pub private_ip: Option<Ipv4Addr>,
    /// How many to launch.
    pub count: u32,
    /// Tags for the instances.
    pub tags: Vec<Tag>,
}

/// The EC2 network of one region of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// The region name.
    pub region: String,
    /// The virtual time of the last change or query, in ms.
    pub now: i64,
    rng: SplitMix64Box,
    /// VPCs in creation order.
    pub vpcs: Vec<Vpc>,
    /// Subnets.
    pub subnets: Vec<Subnet>,
    /// Internet gateways.
    pub internet_gateways: Vec<InternetGateway>,
    /// Elastic IPs.
    pub addresses: Vec<ElasticIp>,
    /// NAT gateways, including deleted ones until they fade.
    pub nat_gateways: Vec<NatGateway>,
    /// Route tables.
    pub route_tables: Vec<RouteTable>,
    /// Security groups.
    pub security_groups: Vec<SecurityGroup>,
    /// Network ACLs.
    pub network_acls: Vec<NetworkAcl>,
    /// Instances, including terminated ones.
    pub instances: Vec<Instance>,
    /// Load balancers.
    pub load_balancers: Vec<LoadBalancer>,
    /// Elastic Load Balancing target groups.
    #[serde(default)]
    pub target_groups: Vec<super::elb::TargetGroup>,
    /// EKS clusters.
    pub eks_clusters: Vec<super::eks::EksCluster>,
    /// Saved Reachability Analyzer paths.
    pub insights_paths: Vec<super::reach::InsightsPath>,
    /// Reachability Analyzer runs.
    pub analyses: Vec<super::reach::StoredAnalysis>,
    /// SSH key pairs.
    #[serde(default)]
    pub key_pairs: Vec<super::images::KeyPair>,
}

/// A wrapper so the generator compares equal regardless of state (two networks with the same resources are equal).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SplitMix64Box(SplitMix64);

impl PartialEq for SplitMix64Box {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Seoul's and other regions' public address prefixes used for simulated public IPs.
const PUBLIC_PREFIXES: &[[u8; 2]] = &[
    [3, 34],
    [3, 35],
    [13, 124],
    [13, 125],
    [43, 201],
    [52, 78],
    [54, 180],
];

impl Network {
    /// An empty network for `region` whose IDs come from `seed`.
    pub fn new(region: &str, seed: u64) -> Self {
        Self {
            region: region.to_owned(),
            now: 0,
            rng: SplitMix64Box(SplitMix64::new(seed)),
            vpcs: vec![],
            subnets: vec![],
            internet_gateways: vec![],
            addresses: vec![],
            nat_gateways: vec![],
            route_tables: vec![],
            security_groups: vec![],
            network_acls: vec![],
            instances: vec![],
            load_balancers: vec![],
            target_groups: vec![],
            eks_clusters: vec![],
            insights_paths: vec![],
            analyses: vec![],
            key_pairs: vec![],
        }
    }

    /// A new resource ID: `prefix-` and 17 hex digits starting with 0, as EC2 issues them.
    pub fn new_id(&mut self, prefix: &str) -> String {
        let n = self.rng.0.next_u64();
        format!("{prefix}-0{:016x}", n)
    }

    /// The next random number from the network's generator.
    pub fn random(&mut self) -> u64 {
        self.rng.0.next_u64()
    }

    fn new_public_ip(&mut self) -> Ipv4Addr {
        loop {
            let r = self.random();
            let p = PUBLIC_PREFIXES[(r % PUBLIC_PREFIXES.len() as u64) as usize];
            let ip = Ipv4Addr::new(
                p[0],
                p[1],
                ((r >> 8) & 0xff) as u8,
                ((r >> 16) % 254 + 1) as u8,
            );
            if !self.public_ip_in_use(ip) {
                return ip;
            }
        }
    }

    fn public_ip_in_use(&self, ip: Ipv4Addr) -> bool {
        self.addresses.iter().any(|a| a.public_ip == ip)
            || self.instances.iter().any(|i| i.public_ip == Some(ip))
    }

    /// The zones of this network's region.
    pub fn zones(&self) -> Vec<Zone> {
        zones_of(&self.region).unwrap_or_default()
    }

    // ----- lookups -----

    /// The VPC `id`.
    pub fn vpc(&self, id: &str) -> Result<&Vpc, AwsError> {
        self.vpcs
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AwsError::not_found("InvalidVpcID.NotFound", "vpc", id))
    }

    /// The subnet `id`.
    pub fn subnet(&self, id: &str) -> Result<&Subnet, AwsError> {
        self.subnets
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AwsError::not_found("InvalidSubnetID.NotFound", "subnet", id))
    }

    /// The internet gateway `id`.
    pub fn igw(&self, id: &str) -> Result<&InternetGateway, AwsError> {
        self.internet_gateways
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| {
                AwsError::not_found("InvalidInternetGatewayID.NotFound", "internetGateway", id)
            })
    }

    /// The route table `id`.
    pub fn route_table(&self, id: &str) -> Result<&RouteTable, AwsError> {
        self.route_tables
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AwsError::not_found("InvalidRouteTableID.NotFound", "routeTable", id))
    }

    /// The security group `id`.
    pub fn security_group(&self, id: &str) -> Result<&SecurityGroup, AwsError> {
        self.security_groups
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| {
                AwsError::new(
                    "InvalidGroup.NotFound",
                    format!("The security group '{id}' does not exist"),
                )
            })
    }

    /// The network ACL `id`.
    pub fn network_acl(&self, id: &str) -> Result<&NetworkAcl, AwsError> {
        self.network_acls
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AwsError::not_found("InvalidNetworkAclID.NotFound", "networkAcl", id))
    }

    /// The instance `id` (terminated instances stay visible for a while, as in EC2).
    pub fn instance(&self, id: &str) -> Result<&Instance, AwsError> {
        self.instances
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AwsError::not_found("InvalidInstanceID.NotFound", "instance", id))
    }

    /// The NAT gateway `id`, unless it has finished deleting.
    pub fn nat_gateway(&self, id: &str) -> Result<&NatGateway, AwsError> {
        self.nat_gateways
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| {
                AwsError::new(
                    "NatGatewayNotFound",
                    format!("The Nat Gateway {id} was not found"),
                )
            })
    }

    /// The Elastic IP allocation `id`.
    pub fn address(&self, id: &str) -> Result<&ElasticIp, AwsError> {
        self.addresses
            .iter()
            .find(|v| v.allocation_id == id)
            .ok_or_else(|| {
                AwsError::new(
                    "InvalidAllocationID.NotFound",
                    format!("The allocation ID '{id}' does not exist"),
                )
            })
    }

    fn idx<T>(v: &[T], f: impl Fn(&T) -> bool) -> usize {
        v.iter().position(f).expect("looked up before")
    }

    /// The route table governing `subnet_id`: its explicit association, else the VPC's main table.
    pub fn route_table_for_subnet(&self, subnet_id: &str) -> Option<&RouteTable> {
        let subnet = self.subnet(subnet_id).ok()?;
        self.route_tables
            .iter()
            .find(|t| {
                t.associations
                    .iter()
                    .any(|a| a.subnet_id.as_deref() == Some(subnet_id))
            })
            .or_else(|| {
                self.route_tables
                    .iter()
                    .find(|t| t.vpc_id == subnet.vpc_id && t.is_main())
            })
    }

    /// The network ACL associated with `subnet_id`.
    pub fn acl_for_subnet(&self, subnet_id: &str) -> Option<&NetworkAcl> {
        self.network_acls
            .iter()
            .find(|a| a.associations.iter().any(|(_, s)| s == subnet_id))
    }

    /// The internet gateway attached to `vpc_id`.
    pub fn igw_of_vpc(&self, vpc_id: &str) -> Option<&InternetGateway> {
        self.internet_gateways
            .iter()
            .find(|g| g.vpc_id.as_deref() == Some(vpc_id))
    }

    /// Whether a route's target still exists and works: `active` or `blackhole`.
    pub fn route_state(&self, table: &RouteTable, route: &Route) -> &'static str {
        let ok = match &route.target {
            RouteTarget::Local => true,
            RouteTarget::Gateway(id) => self
                .igw(id)
                .is_ok_and(|g| g.vpc_id.as_deref() == Some(&table.vpc_id)),
            RouteTarget::NatGateway(id) => {
                self.nat_gateway(id).is_ok_and(|n| n.deleted_at.is_none())
            }
            RouteTarget::Instance(id) => self.instance(id).is_ok_and(|i| !i.is_terminated()),
        };
        if ok { "active" } else { "blackhole" }
    }

    /// The route that longest-prefix matching picks in `table` for `ip`.
    pub fn lookup_route<'t>(&self, table: &'t RouteTable, ip: Ipv4Addr) -> Option<&'t Route> {
        let dests: Vec<Ipv4Net> = table.routes.iter().map(|r| r.destination).collect();
        cidr::longest_prefix_match(&dests, ip).map(|i| &table.routes[i])
    }

    /// The public address of an instance: its Elastic IP, else its auto-assigned address.
    pub fn instance_public_ip(&self, instance: &Instance) -> Option<Ipv4Addr> {
        self.addresses
            .iter()
            .find(|a| {
                a.association
                    .as_ref()
                    .is_some_and(|s| s.instance_id.as_deref() == Some(&instance.id))
            })
            .map(|a| a.public_ip)
            .or(instance.public_ip)
    }

    /// The value of the `Name` tag among `tags`, if any.
    pub fn name_of(tags: &[Tag]) -> Option<&str> {
        tags.iter()
            .find(|t| t.key == "Name")
            .map(|t| t.value.as_str())
    }

    /// Advisory warnings about a VPC's design (not errors in EC2), such as a CIDR outside RFC 1918.
    pub fn vpc_warnings(&self, vpc_id: &str) -> Vec<String> {
        let Ok(vpc) = self.vpc(vpc_id) else {
            return vec![];
        };
        vpc.cidrs()
            .iter()
            .filter(|c| !cidr::is_rfc1918(c))
            .map(|c| format!("cidr {c} is outside the rfc 1918 private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"))
            .collect()
    }

    // ----- VPCs -----

    /// Creates a VPC with its main route table, default security group and default network ACL, as EC2 does.
    pub fn create_vpc(&mut self, cidr_block: &str) -> Result<String, AwsError> {
        let net = parse_block(cidr_block, "cidrBlock")?;
        if !cidr::size_ok(&net) {
            return Err(AwsError::new(
                "InvalidVpc.Range",
                format!("The CIDR '{cidr_block}' is invalid."),
            ));
        }
        let id = self.new_id("vpc");
        let assoc = self.new_id("vpc-cidr-assoc");
        let dopt = self.new_id("dopt");
        self.vpcs.push(Vpc {
            id: id.clone(),
            cidr: net,
            cidr_assoc_id: assoc,
            secondary: vec![],
            dhcp_options_id: dopt,
            dns_support: true,
            dns_hostnames: false,
            is_default: false,
            tags: vec![],
        });
        let rtb = self.new_route_table(&id, net);
        let main_assoc = self.new_id("rtbassoc");
        let t = Self::idx(&self.route_tables, |t| t.id == rtb);
        self.route_tables[t]
            .associations
            .push(RouteTableAssociation {
                id: main_assoc,
                subnet_id: None,
            });
        let sg = self.new_id("sg");
        let ingress_id = self.new_id("sgr");
        let egress_id = self.new_id("sgr");
        self.security_groups.push(SecurityGroup {
            id: sg.clone(),
            name: "default".into(),
            description: "default VPC security group".into(),
            vpc_id: id.clone(),
            ingress: vec![SgRule {
                id: ingress_id,
                protocol: "-1".into(),
                from_port: -1,
                to_port: -1,
                peer: Peer::Group(sg),
                description: None,
            }],
            egress: vec![allow_all_egress(egress_id)],
            tags: vec![],
        });
        let acl = self.new_id("acl");
        let any: Ipv4Net = "0.0.0.0/0".parse().expect("literal");
        let mut entries = vec![];
        for egress in [true, false] {
            entries.push(AclEntry {
                rule_number: 100,
                egress,
                protocol: "-1".into(),
                allow: true,
                cidr: any,
                ports: None,
            });
            entries.push(default_deny(egress));
        }
        self.network_acls.push(NetworkAcl {
            id: acl,
            vpc_id: id.clone(),
            is_default: true,
            entries,
            associations: vec![],
            tags: vec![],
        });
        Ok(id)
    }

    /// Creates the region's default VPC as AWS sets it up in every new account: 172.31.0.0/16 with DNS hostnames, a public /20 default subnet per zone, an attached internet gateway and a default route to it in the main route table.
    pub fn create_default_vpc(&mut self) -> Result<String, AwsError> {
        let vpc = self.create_vpc("172.31.0.0/16")?;
        let i = Self::idx(&self.vpcs, |v| v.id == vpc);
        self.vpcs[i].is_default = true;
        self.vpcs[i].dns_hostnames = true;
        for (k, z) in self.zones().iter().enumerate() {
            let s = self.create_subnet(&vpc, &format!("172.31.{}.0/20", 16 * k), Some(&z.name))?;
            let j = Self::idx(&self.subnets, |x| x.id == s);
            self.subnets[j].map_public_ip = true;
            self.subnets[j].default_for_az = true;
        }
        let igw = self.create_internet_gateway();
        self.attach_internet_gateway(&igw, &vpc)?;
        let main = self
            .route_tables
            .iter()
            .find(|t| t.vpc_id == vpc && t.is_main())
            .map(|t| t.id.clone())
            .unwrap_or_default();
        self.create_route(&main, "0.0.0.0/0", RouteTarget::Gateway(igw))?;
        Ok(vpc)
    }

    /// The region's default VPC, if it still exists.
    pub fn default_vpc(&self) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.is_default)
    }

    fn new_route_table(&mut self, vpc_id: &str, local: Ipv4Net) -> String {
        let id = self.new_id("rtb");
        let mut routes = vec![Route {
            destination: local,
            target: RouteTarget::Local,
            origin: "CreateRouteTable".into(),
        }];
        if let Ok(vpc) = self.vpc(vpc_id) {
            for (_, c) in &vpc.secondary {
                routes.push(Route {
                    destination: *c,
                    target: RouteTarget::Local,
                    origin: "CreateRouteTable".into(),
                });
            }
        }
        self.route_tables.push(RouteTable {
            id: id.clone(),
            vpc_id: vpc_id.to_owned(),
            routes,
            associations: vec![],
            tags: vec![],
        });
        id
    }

    /// Adds a secondary IPv4 CIDR to a VPC (and its local route to every route table); returns the association ID.
    pub fn associate_vpc_cidr(
        &mut self,
        vpc_id: &str,
        cidr_block: &str,
    ) -> Result<String, AwsError> {
        let vpc = self.vpc(vpc_id)?.clone();
        let net = parse_block(cidr_block, "cidrBlock")?;
        if !cidr::size_ok(&net) || vpc.cidrs().iter().any(|c| cidr::overlaps(c, &net)) {
            return Err(AwsError::new(
                "InvalidVpc.Range",
                format!("The CIDR '{cidr_block}' is invalid."),
            ));
        }
        let private_range = |n: &Ipv4Net| {
            ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
                .iter()
                .position(|r| r.parse::<Ipv4Net>().is_ok_and(|r| r.contains(n)))
        };
        if let (Some(a), Some(b)) = (private_range(&vpc.cidr), private_range(&net))
            && a != b
        {
            return Err(AwsError::new(
                "InvalidVpc.Range",
                format!(
                    "The CIDR '{cidr_block}' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR."
                ),
            ));
        }
        if vpc.cidrs().len() >= 5 {
            return Err(AwsError::new(
                "CidrLimitExceeded",
                format!("This network '{vpc_id}' has met its maximum number of allowed CIDRs: 5"),
            ));
        }
        let assoc = self.new_id("vpc-cidr-assoc");
        let i = Self::idx(&self.vpcs, |v| v.id == vpc_id);
        self.vpcs[i].secondary.push((assoc.clone(), net));
        for t in self.route_tables.iter_mut().filter(|t| t.vpc_id == vpc_id) {
            t.routes.push(Route {
                destination: net,
                target: RouteTarget::Local,
                origin: "CreateRouteTable".into(),
            });
        }
        Ok(assoc)
    }

    /// Sets `enableDnsSupport` or `enableDnsHostnames`.
    pub fn modify_vpc_attribute(
        &mut self,
        vpc_id: &str,
        dns_hostnames: Option<bool>,
        dns_support: Option<bool>,
    ) -> Result<(), AwsError> {
        self.vpc(vpc_id)?;
        let i = Self::idx(&self.vpcs, |v| v.id == vpc_id);
        if let Some(v) = dns_hostnames {
            self.vpcs[i].dns_hostnames = v;
        }
        if let Some(v) = dns_support {
            self.vpcs[i].dns_support = v;
        }
        Ok(())
    }

    /// Deletes a VPC that has nothing left but its default resources.
    pub fn delete_vpc(&mut self, vpc_id: &str) -> Result<(), AwsError> {
        self.vpc(vpc_id)?;
        let busy = self.subnets.iter().any(|s| s.vpc_id == vpc_id)
            || self.igw_of_vpc(vpc_id).is_some()
            || self
                .security_groups
                .iter()
                .any(|g| g.vpc_id == vpc_id && g.name != "default")
            || self
                .route_tables
                .iter()
                .any(|t| t.vpc_id == vpc_id && !t.is_main())
            || self
                .network_acls
                .iter()
                .any(|a| a.vpc_id == vpc_id && !a.is_default);
        if busy {
            return Err(AwsError::dependency("vpc", vpc_id));
        }
        self.vpcs.retain(|v| v.id != vpc_id);
        self.route_tables.retain(|t| t.vpc_id != vpc_id);
        self.security_groups.retain(|g| g.vpc_id != vpc_id);
        self.network_acls.retain(|a| a.vpc_id != vpc_id);
        Ok(())
    }

    // ----- subnets -----

    /// Creates a subnet in `vpc_id`; `az` is a zone name, a zone ID, or `None` to let EC2 pick.
    pub fn create_subnet(
        &mut self,
        vpc_id: &str,
        cidr_block: &str,
        az: Option<&str>,
    ) -> Result<String, AwsError> {
        let vpc = self.vpc(vpc_id)?.clone();
        let net = parse_block(cidr_block, "cidrBlock")?;
        let zones = self.zones();
        let zone = match az {
            Some(a) => zones.iter().find(|z| z.name == a || z.id == a).cloned().ok_or_else(|| {
                let names: Vec<&str> = zones.iter().map(|z| z.name.as_str()).collect();
                AwsError::bad_value(
                    a,
                    "availabilityZone",
                    &format!(
                        "Subnets can currently only be created in the following availability zones: {}.",
                        names.join(", ")
                    ),
                )
            })?,
            None => {
                let r = self.random() as usize;
                zones[r % zones.len().max(1)].clone()
            }
        };
        if !cidr::size_ok(&net) || !vpc.cidrs().iter().any(|c| c.contains(&net)) {
            return Err(AwsError::new(
                "InvalidSubnet.Range",
                format!("The CIDR '{cidr_block}' is invalid."),
            ));
        }
        if self
            .subnets
            .iter()
            .any(|s| s.vpc_id == vpc_id && cidr::overlaps(&s.cidr, &net))
        {
            return Err(AwsError::new(
                "InvalidSubnet.Conflict",
                format!("The CIDR '{cidr_block}' conflicts with another subnet"),
            ));
        }
        let id = self.new_id("subnet");
        let assoc = self.new_id("aclassoc");
        self.subnets.push(Subnet {
            id: id.clone(),
            vpc_id: vpc_id.to_owned(),
            cidr: net,
            az: zone,
            map_public_ip: false,
            default_for_az: false,
            tags: vec![],
        });
        if let Some(acl) = self
            .network_acls
            .iter_mut()
            .find(|a| a.vpc_id == vpc_id && a.is_default)
        {
            acl.associations.push((assoc, id.clone()));
        }
        Ok(id)
    }

    /// Sets `MapPublicIpOnLaunch` on a subnet.
    pub fn set_map_public_ip(&mut self, subnet_id: &str, on: bool) -> Result<(), AwsError> {
        self.subnet(subnet_id)?;
        let i = Self::idx(&self.subnets, |s| s.id == subnet_id);
        self.subnets[i].map_public_ip = on;
        Ok(())
    }

    /// Addresses in use in a subnet (instances, NAT gateways, load balancer nodes are not modelled).
    pub fn used_ips(&self, subnet_id: &str) -> Vec<Ipv4Addr> {
        self.instances
            .iter()
            .filter(|i| i.subnet_id == subnet_id && i.state(self.now).0 != "terminated")
            .map(|i| i.private_ip)
            .chain(
                self.nat_gateways
                    .iter()
                    .filter(|n| n.subnet_id == subnet_id && n.state(self.now) != "deleted")
                    .map(|n| n.private_ip),
            )
            .collect()
    }

    /// `AvailableIpAddressCount`: the subnet's size less the five reserved addresses and those in use.
    pub fn available_ip_count(&self, subnet: &Subnet) -> u64 {
        cidr::available_addresses(&subnet.cidr)
            .saturating_sub(self.used_ips(&subnet.id).len() as u64)
    }

    fn allocate_private_ip(&mut self, subnet_id: &str) -> Result<Ipv4Addr, AwsError> {
        let subnet = self.subnet(subnet_id)?.clone();
        let used = self.used_ips(subnet_id);
        let size = cidr::size(&subnet.cidr);
        if self.available_ip_count(&subnet) == 0 {
            return Err(AwsError::new(
                "InsufficientFreeAddressesInSubnet",
                format!(
                    "There are not enough free addresses in subnet '{subnet_id}' to satisfy the requested number of instances."
                ),
            ));
        }
        let usable = size - 5;
        let start = self.random() % usable;
        for k in 0..usable {
            let ip = cidr::nth(&subnet.cidr, 4 + (start + k) % usable);
            if !used.contains(&ip) {
                return Ok(ip);
            }
        }
        unreachable!("counted a free address above")
    }

    /// Deletes a subnet with no instances or NAT gateways in it.
    pub fn delete_subnet(&mut self, subnet_id: &str) -> Result<(), AwsError> {
        self.subnet(subnet_id)?;
        if !self.used_ips(subnet_id).is_empty() {
            return Err(AwsError::dependency("subnet", subnet_id));
        }
        self.subnets.retain(|s| s.id != subnet_id);
        for t in &mut self.route_tables {
            t.associations
                .retain(|a| a.subnet_id.as_deref() != Some(subnet_id));
        }
        for a in &mut self.network_acls {
            a.associations.retain(|(_, s)| s != subnet_id);
        }
        Ok(())
    }

    // ----- internet gateways -----

    /// Creates a detached internet gateway.
    pub fn create_internet_gateway(&mut self) -> String {
        let id = self.new_id("igw");
        self.internet_gateways.push(InternetGateway {
            id: id.clone(),
            vpc_id: None,
            tags: vec![],
        });
        id
    }

    /// Attaches an internet gateway to a VPC (one per VPC, one VPC per gateway).
    pub fn attach_internet_gateway(&mut self, igw_id: &str, vpc_id: &str) -> Result<(), AwsError> {
        let igw = self.igw(igw_id)?.clone();
        self.vpc(vpc_id)?;
        if let Some(v) = &igw.vpc_id {
            return Err(AwsError::new(
                "Resource.AlreadyAssociated",
                format!("resource {igw_id} is already attached to network {v}"),
            ));
        }
        if let Some(other) = self.igw_of_vpc(vpc_id) {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "Network {vpc_id} already has an internet gateway attached ({})",
                    other.id
                ),
            ));
        }
        let i = Self::idx(&self.internet_gateways, |g| g.id == igw_id);
        self.internet_gateways[i].vpc_id = Some(vpc_id.to_owned());
        Ok(())
    }

    /// Detaches an internet gateway; refused while public addresses are mapped in the VPC.
    pub fn detach_internet_gateway(&mut self, igw_id: &str, vpc_id: &str) -> Result<(), AwsError> {
        let igw = self.igw(igw_id)?.clone();
        self.vpc(vpc_id)?;
        if igw.vpc_id.as_deref() != Some(vpc_id) {
            return Err(AwsError::new(
                "Gateway.NotAttached",
                format!("resource {igw_id} is not attached to network {vpc_id}"),
            ));
        }
        let mapped = self.instances.iter().any(|i| {
            i.vpc_id == vpc_id && !i.is_terminated() && self.instance_public_ip(i).is_some()
        }) || self
            .nat_gateways
            .iter()
            .any(|n| n.vpc_id == vpc_id && n.deleted_at.is_none() && n.public_ip.is_some());
        if mapped {
            return Err(AwsError::new(
                "DependencyViolation",
                format!(
                    "Network {vpc_id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway."
                ),
            ));
        }
        let i = Self::idx(&self.internet_gateways, |g| g.id == igw_id);
        self.internet_gateways[i].vpc_id = None;
        Ok(())
    }

    /// Deletes a detached internet gateway.
    pub fn delete_internet_gateway(&mut self, igw_id: &str) -> Result<(), AwsError> {
        if self.igw(igw_id)?.vpc_id.is_some() {
            return Err(AwsError::dependency("internetGateway", igw_id));
        }
        self.internet_gateways.retain(|g| g.id != igw_id);
        Ok(())
    }

    // ----- Elastic IPs -----

    /// Allocates an Elastic IP; returns its allocation ID.
    pub fn allocate_address(&mut self) -> String {
        let id = self.new_id("eipalloc");
        let ip = self.new_public_ip();
        self.addresses.push(ElasticIp {
            allocation_id: id.clone(),
            public_ip: ip,
            association: None,
            tags: vec![],
        });
        id
    }

    /// Associates an Elastic IP with an instance; returns the association ID.
    pub fn associate_address(
        &mut self,
        allocation_id: &str,
        instance_id: &str,
        allow_reassociation: bool,
    ) -> Result<String, AwsError> {
        let eip = self.address(allocation_id)?.clone();
        let inst = self.instance(instance_id)?.clone();
        if inst.is_terminated() {
            return Err(AwsError::new(
                "IncorrectInstanceState",
                format!("The instance '{instance_id}' is not in a valid state for this operation."),
            ));
        }
        if let Some(a) = &eip.association
            && !allow_reassociation
        {
            return Err(AwsError::new(
                "Resource.AlreadyAssociated",
                format!(
                    "resource {allocation_id} is already associated with associate-id {}",
                    a.id
                ),
            ));
        }
        let assoc = self.new_id("eipassoc");
        // An instance has one public address: an Elastic IP replaces the auto-assigned one and any other Elastic IP.
        for a in &mut self.addresses {
            if a.association
                .as_ref()
                .is_some_and(|s| s.instance_id.as_deref() == Some(instance_id))
            {
                a.association = None;
            }
        }
        let i = Self::idx(&self.instances, |x| x.id == instance_id);
        self.instances[i].public_ip = None;
        let e = Self::idx(&self.addresses, |a| a.allocation_id == allocation_id);
        self.addresses[e].association = Some(EipAssociation {
            id: assoc.clone(),
            instance_id: Some(instance_id.to_owned()),
            nat_gateway_id: None,
            eni_id: inst.eni_id.clone(),
            private_ip: inst.private_ip,
        });
        Ok(assoc)
    }

    /// Removes an Elastic IP association by association ID.
    pub fn disassociate_address(&mut self, association_id: &str) -> Result<(), AwsError> {
        let Some(e) = self.addresses.iter().position(|a| {
            a.association
                .as_ref()
                .is_some_and(|s| s.id == association_id)
        }) else {
            return Err(AwsError::new(
                "InvalidAssociationID.NotFound",
                format!("The association ID '{association_id}' does not exist"),
            ));
        };
        if self.addresses[e]
            .association
            .as_ref()
            .is_some_and(|s| s.nat_gateway_id.is_some())
        {
            return Err(AwsError::new(
                "AuthFailure",
                "You do not have permission to access the specified resource.",
            ));
        }
        self.addresses[e].association = None;
        Ok(())
    }

    /// Releases an unassociated Elastic IP.
    pub fn release_address(&mut self, allocation_id: &str) -> Result<(), AwsError> {
        if self.address(allocation_id)?.association.is_some() {
            return Err(AwsError::new(
                "InvalidIPAddress.InUse",
                "Address is in use.",
            ));
        }
        self.addresses.retain(|a| a.allocation_id != allocation_id);
        Ok(())
    }

    // ----- NAT gateways -----

    /// Creates a public NAT gateway in `subnet_id` using Elastic IP `allocation_id`; it is `pending` for a while.
    pub fn create_nat_gateway(
        &mut self,
        subnet_id: &str,
        allocation_id: Option<&str>,
        private: bool,
    ) -> Result<String, AwsError> {
        let subnet = self.subnet(subnet_id)?.clone();
        let eip = match allocation_id {
            Some(a) => Some(self.address(a)?.clone()),
            None if private => None,
            None => {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter allocationId",
                ));
            }
        };
        if let Some(e) = &eip
            && e.association.is_some()
        {
            return Err(AwsError::new(
                "Resource.AlreadyAssociated",
                format!(
                    "Elastic IP address [{}] is already associated",
                    e.allocation_id
                ),
            ));
        }
        let id = self.new_id("nat");
        let eni = self.new_id("eni");
        let ip = self.allocate_private_ip(subnet_id)?;
        let assoc = self.new_id("eipassoc");
        if let Some(e) = &eip {
            let k = Self::idx(&self.addresses, |a| a.allocation_id == e.allocation_id);
            self.addresses[k].association = Some(EipAssociation {
                id: assoc,
                instance_id: None,
                nat_gateway_id: Some(id.clone()),
                eni_id: eni.clone(),
                private_ip: ip,
            });
        }
        self.nat_gateways.push(NatGateway {
            id: id.clone(),
            subnet_id: subnet_id.to_owned(),
            vpc_id: subnet.vpc_id.clone(),
            allocation_id: eip.as_ref().map(|e| e.allocation_id.clone()),
            public_ip: eip.as_ref().map(|e| e.public_ip),
            private_ip: ip,
            eni_id: eni,
            connectivity: if private { "private" } else { "public" }.into(),
            created_at: self.now,
            deleted_at: None,
            tags: vec![],
        });
        Ok(id)
    }

    /// Deletes a NAT gateway; it releases its Elastic IP association and routes to it become blackholes.
    pub fn delete_nat_gateway(&mut self, nat_id: &str) -> Result<(), AwsError> {
        let nat = self.nat_gateway(nat_id)?.clone();
        if nat.deleted_at.is_some() {
            return Ok(());
        }
        let i = Self::idx(&self.nat_gateways, |n| n.id == nat_id);
        self.nat_gateways[i].deleted_at = Some(self.now);
        for a in &mut self.addresses {
            if a.association
                .as_ref()
                .is_some_and(|s| s.nat_gateway_id.as_deref() == Some(nat_id))
            {
                a.association = None;
            }
        }
        Ok(())
    }

    // ----- route tables -----

    /// Creates a route table with the VPC's local routes.
    pub fn create_route_table(&mut self, vpc_id: &str) -> Result<String, AwsError> {
        let vpc = self.vpc(vpc_id)?.clone();
        Ok(self.new_route_table(vpc_id, vpc.cidr))
    }

    /// Deletes a route table that is neither main nor associated.
    pub fn delete_route_table(&mut self, rtb_id: &str) -> Result<(), AwsError> {
        if !self.route_table(rtb_id)?.associations.is_empty() {
            return Err(AwsError::dependency("routeTable", rtb_id));
        }
        self.route_tables.retain(|t| t.id != rtb_id);
        Ok(())
    }

    /// Resolves a target ID (`igw-`, `nat-`, `i-`) for a route in `rtb_id`'s VPC.
    pub fn resolve_target(&self, rtb_id: &str, target: &str) -> Result<RouteTarget, AwsError> {
        let table = self.route_table(rtb_id)?;
        if target.starts_with("igw-") {
            let g = self.igw(target)?;
            if g.vpc_id.as_deref() != Some(&table.vpc_id) {
                return Err(AwsError::bad_value(
                    target,
                    "gatewayId",
                    &format!("route table {rtb_id} and network gateway {target} belong to different networks"),
                ).with_code("InvalidParameterValue"));
            }
            Ok(RouteTarget::Gateway(target.to_owned()))
        } else if target.starts_with("nat-") {
            self.nat_gateway(target)?;
            Ok(RouteTarget::NatGateway(target.to_owned()))
        } else if target.starts_with("i-") {
            let inst = self.instance(target)?;
            if inst.vpc_id != table.vpc_id {
                return Err(AwsError::new(
                    "InvalidParameterValue",
                    format!(
                        "route table {rtb_id} and instance {target} belong to different networks"
                    ),
                ));
            }
            Ok(RouteTarget::Instance(target.to_owned()))
        } else {
            Err(AwsError::new(
                "InvalidGatewayID.NotFound",
                format!("The gateway ID '{target}' does not exist"),
            ))
        }
    }

    /// Adds a route; refuses a destination the table already routes.
    pub fn create_route(
        &mut self,
        rtb_id: &str,
        destination: &str,
        target: RouteTarget,
    ) -> Result<(), AwsError> {
        let table = self.route_table(rtb_id)?.clone();
        let dest = parse_any_block(destination, "destinationCidrBlock")?;
        if table.routes.iter().any(|r| r.destination == dest) {
            return Err(AwsError::new(
                "RouteAlreadyExists",
                format!("The route identified by {destination} already exists."),
            ));
        }
        let vpc = self.vpc(&table.vpc_id)?;
        if vpc
            .cidrs()
            .iter()
            .any(|c| c.contains(&dest) && *c != dest && dest.prefix_len() > c.prefix_len())
        {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "The destination CIDR block {destination} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance."
                ),
            ));
        }
        let i = Self::idx(&self.route_tables, |t| t.id == rtb_id);
        self.route_tables[i].routes.push(Route {
            destination: dest,
            target,
            origin: "CreateRoute".into(),
        });
        Ok(())
    }

    /// Replaces the target of an existing route.
    pub fn replace_route(
        &mut self,
        rtb_id: &str,
        destination: &str,
        target: RouteTarget,
    ) -> Result<(), AwsError> {
        let table = self.route_table(rtb_id)?.clone();
        let dest = parse_any_block(destination, "destinationCidrBlock")?;
        let Some(k) = table.routes.iter().position(|r| r.destination == dest) else {
            // ReplaceRoute answers a missing route differently from DeleteRoute: it points at CreateRoute.
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "There is no route defined for '{destination}' in the route table. Use CreateRoute instead."
                ),
            ));
        };
        if table.routes[k].target == RouteTarget::Local {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("cannot replace local route {destination}"),
            ));
        }
        let i = Self::idx(&self.route_tables, |t| t.id == rtb_id);
        self.route_tables[i].routes[k].target = target;
        Ok(())
    }

    /// Deletes a route (never the local route).
    pub fn delete_route(&mut self, rtb_id: &str, destination: &str) -> Result<(), AwsError> {
        let table = self.route_table(rtb_id)?.clone();
        let dest = parse_any_block(destination, "destinationCidrBlock")?;
        let Some(k) = table.routes.iter().position(|r| r.destination == dest) else {
            return Err(no_route(destination, rtb_id));
        };
        if table.routes[k].target == RouteTarget::Local {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("cannot remove local route {destination} in route table {rtb_id}"),
            ));
        }
        let i = Self::idx(&self.route_tables, |t| t.id == rtb_id);
        self.route_tables[i].routes.remove(k);
        Ok(())
    }

    /// Associates a route table with a subnet; returns the association ID.
    pub fn associate_route_table(
        &mut self,
        rtb_id: &str,
        subnet_id: &str,
    ) -> Result<String, AwsError> {
        let table = self.route_table(rtb_id)?.clone();
        let subnet = self.subnet(subnet_id)?.clone();
        if subnet.vpc_id != table.vpc_id {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("Route table {rtb_id} and subnet {subnet_id} belong to different networks"),
            ));
        }
        if let Some(t) = self.route_tables.iter().find(|t| {
            t.associations
                .iter()
                .any(|a| a.subnet_id.as_deref() == Some(subnet_id))
        }) {
            return Err(AwsError::new(
                "Resource.AlreadyAssociated",
                format!(
                    "the specified association for route table {} conflicts with an existing association",
                    t.id
                ),
            ));
        }
        let assoc = self.new_id("rtbassoc");
        let i = Self::idx(&self.route_tables, |t| t.id == rtb_id);
        self.route_tables[i]
            .associations
            .push(RouteTableAssociation {
                id: assoc.clone(),
                subnet_id: Some(subnet_id.to_owned()),
            });
        Ok(assoc)
    }

    /// Removes a subnet association (the main association cannot be removed).
    pub fn disassociate_route_table(&mut self, association_id: &str) -> Result<(), AwsError> {
        for t in &mut self.route_tables {
            if let Some(k) = t.associations.iter().position(|a| a.id == association_id) {
                if t.associations[k].subnet_id.is_none() {
                    return Err(AwsError::new(
                        "InvalidParameterValue",
                        format!(
                            "cannot disassociate the main route table association {association_id}"
                        ),
                    ));
                }
                t.associations.remove(k);
                return Ok(());
            }
        }
        Err(AwsError::new(
            "InvalidAssociationID.NotFound",
            format!("The association ID '{association_id}' does not exist"),
        ))
    }

    // ----- security groups -----

    /// Creates a security group with the default allow-all egress rule.
    pub fn create_security_group(
        &mut self,
        vpc_id: &str,
        name: &str,
        description: &str,
    ) -> Result<String, AwsError> {
        self.vpc(vpc_id)?;
        if self
            .security_groups
            .iter()
            .any(|g| g.vpc_id == vpc_id && g.name == name)
        {
            return Err(AwsError::new(
                "InvalidGroup.Duplicate",
                format!("The security group '{name}' already exists for VPC '{vpc_id}'"),
            ));
        }
        if name == "default" {
            return Err(AwsError::new(
                "InvalidGroup.Reserved",
                "The security group 'default' is reserved",
            ));
        }
        let id = self.new_id("sg");
        let rule = self.new_id("sgr");
        self.security_groups.push(SecurityGroup {
            id: id.clone(),
            name: name.to_owned(),
            description: description.to_owned(),
            vpc_id: vpc_id.to_owned(),
            ingress: vec![],
            egress: vec![allow_all_egress(rule)],
            tags: vec![],
        });
        Ok(id)
    }

    /// Deletes a security group nobody uses or references.
    pub fn delete_security_group(&mut self, sg_id: &str) -> Result<(), AwsError> {
        let g = self.security_group(sg_id)?.clone();
        if g.name == "default" {
            return Err(AwsError::new(
                "CannotDelete",
                format!(
                    "the specified group: \"{sg_id}\" name: \"default\" cannot be deleted by a user"
                ),
            ));
        }
        let used = self
            .instances
            .iter()
            .any(|i| !i.is_terminated() && i.security_groups.iter().any(|s| s == sg_id))
            || self.security_groups.iter().any(|o| {
                o.id != sg_id
                    && o.ingress
                        .iter()
                        .chain(&o.egress)
                        .any(|r| r.peer == Peer::Group(sg_id.to_owned()))
            });
        if used {
            return Err(AwsError::new(
                "DependencyViolation",
                format!("resource {sg_id} has a dependent object"),
            ));
        }
        self.security_groups.retain(|g| g.id != sg_id);
        Ok(())
    }

    /// Adds rules to a security group; returns the new rules. Each rule's `id` is filled in here.
    pub fn authorize(
        &mut self,
        sg_id: &str,
        egress: bool,
        rules: Vec<SgRule>,
    ) -> Result<Vec<SgRule>, AwsError> {
        let g = self.security_group(sg_id)?.clone();
        for r in &rules {
            if let Peer::Group(other) = &r.peer {
                self.security_group(other)?;
            }
            let existing = if egress { &g.egress } else { &g.ingress };
            if existing.iter().any(|e| same_rule(e, r)) {
                return Err(AwsError::new(
                    "InvalidPermission.Duplicate",
                    format!("the specified rule \"{}\" already exists", describe_rule(r)),
                ));
            }
        }
        let mut added = vec![];
        for mut r in rules {
            r.id = self.new_id("sgr");
            added.push(r);
        }
        let i = Self::idx(&self.security_groups, |s| s.id == sg_id);
        let list = if egress {
            &mut self.security_groups[i].egress
        } else {
            &mut self.security_groups[i].ingress
        };
        list.extend(added.iter().cloned());
        Ok(added)
    }

    /// Removes rules from a security group.
    pub fn revoke(&mut self, sg_id: &str, egress: bool, rules: &[SgRule]) -> Result<(), AwsError> {
        let g = self.security_group(sg_id)?.clone();
        let existing = if egress { &g.egress } else { &g.ingress };
        for r in rules {
            if !existing.iter().any(|e| same_rule(e, r)) {
                return Err(AwsError::new(
                    "InvalidPermission.NotFound",
                    "The specified rule does not exist in this security group.",
                ));
            }
        }
        let i = Self::idx(&self.security_groups, |s| s.id == sg_id);
        let list = if egress {
            &mut self.security_groups[i].egress
        } else {
            &mut self.security_groups[i].ingress
        };
        list.retain(|e| !rules.iter().any(|r| same_rule(e, r)));
        Ok(())
    }

    // ----- network ACLs -----

    /// Creates a network ACL that denies everything until entries are added.
    pub fn create_network_acl(&mut self, vpc_id: &str) -> Result<String, AwsError> {
        self.vpc(vpc_id)?;
        let id = self.new_id("acl");
        self.network_acls.push(NetworkAcl {
            id: id.clone(),
            vpc_id: vpc_id.to_owned(),
            is_default: false,
            entries: vec![default_deny(true), default_deny(false)],
            associations: vec![],
            tags: vec![],
        });
        Ok(id)
    }

    /// Deletes a custom network ACL with no subnet associations.
    pub fn delete_network_acl(&mut self, acl_id: &str) -> Result<(), AwsError> {
        let acl = self.network_acl(acl_id)?;
        if acl.is_default {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("cannot delete default network ACL {acl_id}"),
            ));
        }
        if !acl.associations.is_empty() {
            return Err(AwsError::dependency("networkAcl", acl_id));
        }
        self.network_acls.retain(|a| a.id != acl_id);
        Ok(())
    }

    /// Adds (or, with `replace`, replaces) an entry of a network ACL.
    pub fn put_acl_entry(
        &mut self,
        acl_id: &str,
        entry: AclEntry,
        replace: bool,
    ) -> Result<(), AwsError> {
        let acl = self.network_acl(acl_id)?.clone();
        if entry.rule_number == 0 || entry.rule_number > 32766 {
            return Err(AwsError::bad_value(
                &entry.rule_number.to_string(),
                "ruleNumber",
                "Rule number must be between 1 and 32766.",
            )
            .with_code("InvalidParameterValue"));
        }
        let pos = acl
            .entries
            .iter()
            .position(|e| e.rule_number == entry.rule_number && e.egress == entry.egress);
        let i = Self::idx(&self.network_acls, |a| a.id == acl_id);
        match (pos, replace) {
            (Some(_), false) => Err(AwsError::new(
                "NetworkAclEntryAlreadyExists",
                format!(
                    "The network acl entry identified by {} already exists.",
                    entry.rule_number
                ),
            )),
            (None, true) => Err(acl_entry_missing(entry.rule_number, entry.egress, acl_id)),
            (Some(k), true) => {
                self.network_acls[i].entries[k] = entry;
                Ok(())
            }
            (None, false) => {
                self.network_acls[i].entries.push(entry);
                Ok(())
            }
        }
    }

    /// Deletes an entry of a network ACL.
    pub fn delete_acl_entry(
        &mut self,
        acl_id: &str,
        rule_number: u16,
        egress: bool,
    ) -> Result<(), AwsError> {
        let acl = self.network_acl(acl_id)?.clone();
        let Some(k) = acl.entries.iter().position(|e| {
            e.rule_number == rule_number && e.egress == egress && rule_number != 32767
        }) else {
            return Err(acl_entry_missing(rule_number, egress, acl_id));
        };
        let i = Self::idx(&self.network_acls, |a| a.id == acl_id);
        self.network_acls[i].entries.remove(k);
        Ok(())
    }

    /// Moves a subnet's ACL association (named by its association ID) to `acl_id`; returns the new association ID.
    pub fn replace_acl_association(
        &mut self,
        association_id: &str,
        acl_id: &str,
    ) -> Result<String, AwsError> {
        let target = self.network_acl(acl_id)?.clone();
        let Some((from, subnet)) = self.network_acls.iter().enumerate().find_map(|(i, a)| {
            a.associations
                .iter()
                .find(|(id, _)| id == association_id)
                .map(|(_, s)| (i, s.clone()))
        }) else {
            return Err(AwsError::new(
                "InvalidAssociationID.NotFound",
                format!("The association ID '{association_id}' does not exist"),
            ));
        };
        if self.subnet(&subnet)?.vpc_id != target.vpc_id {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("Network ACL {acl_id} and subnet {subnet} belong to different networks"),
            ));
        }
        self.network_acls[from]
            .associations
            .retain(|(id, _)| id != association_id);
        let new = self.new_id("aclassoc");
        let i = Self::idx(&self.network_acls, |a| a.id == acl_id);
        self.network_acls[i]
            .associations
            .push((new.clone(), subnet));
        Ok(new)
    }

    /// Associates `subnet_id` with `acl_id` (a convenience for builders: finds the current association).
    pub fn set_subnet_acl(&mut self, subnet_id: &str, acl_id: &str) -> Result<String, AwsError> {
        self.subnet(subnet_id)?;
        let assoc = self
            .network_acls
            .iter()
            .flat_map(|a| a.associations.iter())
            .find(|(_, s)| s == subnet_id)
            .map(|(id, _)| id.clone())
            .ok_or_else(|| AwsError::dependency("subnet", subnet_id))?;
        self.replace_acl_association(&assoc, acl_id)
    }

    // ----- instances -----

    /// Launches instances; they are `pending` and become `running` after [`INSTANCE_BOOT_MS`].
    pub fn run_instances(&mut self, spec: &RunSpec) -> Result<(String, Vec<String>), AwsError> {
        if super::images::find(&self.region, &spec.image_id).is_none() {
            return Err(AwsError::new(
                "InvalidAMIID.NotFound",
                format!("The image id '[{}]' does not exist", spec.image_id),
            ));
        }
        if let Some(k) = &spec.key_name {
            self.key_pair(k)?;
        }
        let subnet = self.subnet(&spec.subnet_id)?.clone();
        let groups = if spec.security_groups.is_empty() {
            vec![
                self.security_groups
                    .iter()
                    .find(|g| g.vpc_id == subnet.vpc_id && g.name == "default")
                    .map(|g| g.id.clone())
                    .unwrap_or_default(),
            ]
        } else {
            spec.security_groups.clone()
        };
        for g in &groups {
            let sg = self.security_group(g)?;
            if sg.vpc_id != subnet.vpc_id {
                return Err(AwsError::new(
                    "InvalidParameter",
                    format!(
                        "Security group {g} and subnet {} belong to different networks.",
                        subnet.id
                    ),
                ));
            }
        }
        let count = spec.count.max(1);
        if self.available_ip_count(&subnet) < u64::from(count) {
            return Err(AwsError::new(
                "InsufficientFreeAddressesInSubnet",
                format!(
                    "There are not enough free addresses in subnet '{}' to satisfy the requested number of instances.",
                    subnet.id
                ),
            ));
        }
        if let Some(ip) = spec.private_ip {
            if !subnet.cidr.contains(&ip) || cidr::is_reserved(&subnet.cidr, ip) {
                return Err(AwsError::new(
                    "InvalidParameterValue",
                    format!("Address {ip} does not fall within the subnet's address range"),
                ));
            }
            if self.used_ips(&subnet.id).contains(&ip) {
                return Err(AwsError::new(
                    "InvalidIPAddress.InUse",
                    format!("Address {ip} is in use"),
                ));
            }
        }
        let reservation = self.new_id("r");
        let public = spec.associate_public_ip.unwrap_or(subnet.map_public_ip);
        let mut ids = vec![];
        for n in 0..count {
            let id = self.new_id("i");
            let eni = self.new_id("eni");
            let ip = match spec.private_ip {
                Some(ip) if n == 0 => ip,
                _ => self.allocate_private_ip(&subnet.id)?,
            };
            let public_ip = public.then(|| self.new_public_ip());
            self.instances.push(Instance {
                id: id.clone(),
                reservation_id: reservation.clone(),
                launch_index: n,
                image_id: spec.image_id.clone(),
                instance_type: spec.instance_type.clone(),
                key_name: spec.key_name.clone(),
                subnet_id: subnet.id.clone(),
                vpc_id: subnet.vpc_id.clone(),
                az: subnet.az.name.clone(),
                private_ip: ip,
                public_ip,
                security_groups: groups.clone(),
                source_dest_check: true,
                eni_id: eni,
                launched_at: self.now,
                terminated_at: None,
                tags: spec.tags.clone(),
            });
            ids.push(id);
        }
        Ok((reservation, ids))
    }

    /// Terminates an instance, releasing its auto-assigned public address and Elastic IP association.
    pub fn terminate_instance(&mut self, instance_id: &str) -> Result<(), AwsError> {
        self.instance(instance_id)?;
        let i = Self::idx(&self.instances, |x| x.id == instance_id);
        if self.instances[i].terminated_at.is_none() {
            self.instances[i].terminated_at = Some(self.now);
            self.instances[i].public_ip = None;
            for a in &mut self.addresses {
                if a.association
                    .as_ref()
                    .is_some_and(|s| s.instance_id.as_deref() == Some(instance_id))
                {
                    a.association = None;
                }
            }
        }
        Ok(())
    }

    /// Turns source/destination checking on or off (off for a NAT instance).
    pub fn set_source_dest_check(&mut self, instance_id: &str, on: bool) -> Result<(), AwsError> {
        self.instance(instance_id)?;
        let i = Self::idx(&self.instances, |x| x.id == instance_id);
        self.instances[i].source_dest_check = on;
        Ok(())
    }

    /// Replaces an instance's security groups.
    pub fn set_instance_groups(
        &mut self,
        instance_id: &str,
        groups: Vec<String>,
    ) -> Result<(), AwsError> {
        self.instance(instance_id)?;
        for g in &groups {
            self.security_group(g)?;
        }
        let i = Self::idx(&self.instances, |x| x.id == instance_id);
        self.instances[i].security_groups = groups;
        Ok(())
    }

    // ----- tags -----

    /// Adds or overwrites tags on any taggable resource.
    pub fn create_tags(&mut self, resource_id: &str, tags: &[Tag]) -> Result<(), AwsError> {
        let slot: Option<&mut Vec<Tag>> =
            if let Some(v) = self.vpcs.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else if let Some(v) = self.subnets.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else if let Some(v) = self
                .internet_gateways
                .iter_mut()
                .find(|x| x.id == resource_id)
            {
                Some(&mut v.tags)
            } else if let Some(v) = self.nat_gateways.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else if let Some(v) = self
                .addresses
                .iter_mut()
                .find(|x| x.allocation_id == resource_id)
            {
                Some(&mut v.tags)
            } else if let Some(v) = self.route_tables.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else if let Some(v) = self
                .security_groups
                .iter_mut()
                .find(|x| x.id == resource_id)
            {
                Some(&mut v.tags)
            } else if let Some(v) = self.network_acls.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else if let Some(v) = self.instances.iter_mut().find(|x| x.id == resource_id) {
                Some(&mut v.tags)
            } else {
                None
            };
        let Some(slot) = slot else {
            let kind = resource_id.split('-').next().unwrap_or("");
            return Err(match kind {
                "vpc" => AwsError::not_found("InvalidVpcID.NotFound", "vpc", resource_id),
                "subnet" => AwsError::not_found("InvalidSubnetID.NotFound", "subnet", resource_id),
                "i" => AwsError::not_found("InvalidInstanceID.NotFound", "instance", resource_id),
                "sg" => AwsError::new(
                    "InvalidGroup.NotFound",
                    format!("The security group '{resource_id}' does not exist"),
                ),
                "igw" => AwsError::not_found(
                    "InvalidInternetGatewayID.NotFound",
                    "internetGateway",
                    resource_id,
                ),
                "rtb" => {
                    AwsError::not_found("InvalidRouteTableID.NotFound", "routeTable", resource_id)
                }
                "acl" => {
                    AwsError::not_found("InvalidNetworkAclID.NotFound", "networkAcl", resource_id)
                }
                "nat" => AwsError::new(
                    "InvalidNatGatewayID.NotFound",
                    format!("The natGateway ID '{resource_id}' does not exist"),
                ),
                _ => AwsError::new("InvalidID", format!("The ID '{resource_id}' is not valid")),
            });
        };
        for t in tags {
            if let Some(e) = slot.iter_mut().find(|e| e.key == t.key) {
                e.value = t.value.clone();
            } else {
                slot.push(t.clone());
            }
        }
        Ok(())
    }

    // ----- load balancers and EKS placeholders -----

    /// Adds a load balancer (what the Kubernetes side calls when a LoadBalancer Service appears: `kind` is `classic`, `application` or `network`, `name` such as `a` and 31 hex digits of the Service UID) and returns it.
    pub fn create_load_balancer(
        &mut self,
        name: &str,
        kind: &str,
        internal: bool,
        vpc_id: Option<&str>,
        ports: &[u16],
    ) -> LoadBalancer {
        let scheme = if internal {
            "internal"
        } else {
            "internet-facing"
        };
        let prefix = if internal { "internal-" } else { "" };
        // Classic and application load balancers: name-number.region.elb.amazonaws.com; network: name-hex.elb.region.amazonaws.com.
        let dns_name = if kind == "network" {
            format!(
                "{prefix}{name}-{:016x}.elb.{}.amazonaws.com",
                self.random(),
                self.region
            )
        } else {
            let num = 100_000_000 + self.random() % 2_047_483_647;
            format!("{prefix}{name}-{num}.{}.elb.amazonaws.com", self.region)
        };
        let subnets = vpc_id
            .map(|v| {
                self.subnets
                    .iter()
                    .filter(|s| s.vpc_id == v && s.map_public_ip != internal)
                    .map(|s| s.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let short = if kind == "network" { "net" } else { "app" };
        let suffix = self.random();
        let lb = LoadBalancer {
            name: name.to_owned(),
            arn: format!(
                "arn:aws:elasticloadbalancing:{}:{ACCOUNT_ID}:loadbalancer/{short}/{name}/{suffix:016x}",
                self.region
            ),
            dns_name,
            kind: kind.to_owned(),
            scheme: scheme.to_owned(),
            vpc_id: vpc_id.map(str::to_owned),
            subnets,
            ports: ports.to_vec(),
            created_at: self.now,
            tags: Vec::new(),
            instance_ports: Vec::new(),
            instances: Vec::new(),
            security_groups: Vec::new(),
        };
        self.load_balancers.push(lb.clone());
        lb
    }

    /// Removes a load balancer by name; returns whether one was removed.
    pub fn delete_load_balancer(&mut self, name: &str) -> bool {
        let before = self.load_balancers.len();
        self.load_balancers.retain(|l| l.name != name);
        before != self.load_balancers.len()
    }

    /// Finds a resource ID by its `Name` tag (any resource type), for builders and challenges.
    pub fn id_by_name(&self, name: &str) -> Option<String> {
        let hit = |tags: &[Tag]| Self::name_of(tags) == Some(name);
        self.vpcs
            .iter()
            .find(|x| hit(&x.tags))
            .map(|x| x.id.clone())
            .or_else(|| {
                self.subnets
                    .iter()
                    .find(|x| hit(&x.tags))
                    .map(|x| x.id.clone())
            })
            .or_else(|| {
                self.instances
                    .iter()
                    .find(|x| !x.is_terminated() && hit(&x.tags))
                    .map(|x| x.id.clone())
            })
            .or_else(|| {
                self.security_groups
                    .iter()
                    .find(|x| hit(&x.tags) || x.name == name)
                    .map(|x| x.id.clone())
            })
            .or_else(|| {
                self.route_tables
                    .iter()
                    .find(|x| hit(&x.tags))
                    .map(|x| x.id.clone())
            })
            .or_else(|| {
                self.internet_gateways
                    .iter()
                    .find(|x| hit(&x.tags))
                    .map(|x| x.id.clone())
            })
            .or_else(|| {
                self.nat_gateways
                    .iter()
                    .find(|x| hit(&x.tags))
                    .map(|x| x.id.clone())
            })
    }
}

impl AwsError {
    fn with_code(mut self, code: &str) -> Self {
        self.code = code.to_owned();
        self
    }
}

fn parse_block(text: &str, param: &str) -> Result<Ipv4Net, AwsError> {
    cidr::parse_strict(text)
        .ok_or_else(|| AwsError::bad_value(text, param, "This is not a valid CIDR block."))
}

fn parse_any_block(text: &str, param: &str) -> Result<Ipv4Net, AwsError> {
    text.parse::<Ipv4Net>()
        .ok()
        .map(|n| n.trunc())
        .ok_or_else(|| AwsError::bad_value(text, param, "This is not a valid CIDR block."))
}

fn no_route(destination: &str, rtb_id: &str) -> AwsError {
    AwsError::new(
        "InvalidRoute.NotFound",
        format!("no route with destination-cidr-block {destination} in route table {rtb_id}"),
    )
}

fn acl_entry_missing(rule: u16, egress: bool, acl_id: &str) -> AwsError {
    let dir = if egress { "egress" } else { "ingress" };
    AwsError::new(
        "InvalidNetworkAclEntry.NotFound",
        format!("The network acl entry identified by {rule} ({dir}) does not exist in {acl_id}."),
    )
}

fn allow_all_egress(id: String) -> SgRule {
    SgRule {
        id,
        protocol: "-1".into(),
        from_port: -1,
        to_port: -1,
        peer: Peer::anywhere(),
        description: None,
    }
}

fn default_deny(egress: bool) -> AclEntry {
    AclEntry {
        rule_number: 32767,
        egress,
        protocol: "-1".into(),
        allow: false,
        cidr: "0.0.0.0/0".parse().expect("literal"),
        ports: None,
    }
}

fn same_rule(a: &SgRule, b: &SgRule) -> bool {
    a.protocol == b.protocol
        && a.from_port == b.from_port
        && a.to_port == b.to_port
        && a.peer == b.peer
}

fn describe_rule(r: &SgRule) -> String {
    let peer = match &r.peer {
        Peer::Cidr(c) => c.to_string(),
        Peer::Group(g) => g.clone(),
    };
    if r.protocol == "-1" {
        return format!("peer: {peer}, ALL, ALLOW");
    }
    format!(
        "peer: {peer}, {}, from port: {}, to port: {}, ALLOW",
        r.protocol.to_uppercase(),
        r.from_port,
        r.to_port
    )
}
