//! The link between the EKS scenario's cluster and the AWS account, kept by the session because each side has its
//! own owner. [`provision`] puts in the account what the scenario's cluster stands on: the cluster's VPC (public
//! subnets with the bastion the learner works on and a NAT gateway, private subnets with the nodes), the EKS cluster
//! with its managed node group, and one EC2 instance per Node with the ID of its provider ID and its internal
//! address. [`reconcile`] then does what the in-tree AWS cloud provider does for Services of type LoadBalancer: each
//! one the service controller has given an ELB hostname gets a Classic Load Balancer of that name and DNS name,
//! listening on the Service's ports and sending to their node ports on every node, with its own `k8s-elb-…` security
//! group, and the load balancer goes when the Service does. The node group and the cluster's Nodes follow each other
//! too: a node group scaled out (`update-nodegroup-config`) registers a Node per new instance, NotReady and then
//! Ready; one scaled in drains and loses its newest node; an instance terminated from outside takes its Node with it
//! and is replaced.

use crate::sort::SortShared;
use std::net::Ipv4Addr;

use crate::api::time::parse_rfc3339;
use crate::api::{Object, k};
use crate::aws::AwsAccount;
use crate::aws::model::{Instance, Network, Peer, RouteTarget, RunSpec, SgRule, Tag};
use crate::aws::reach::{Endpoint, Traffic};
use crate::cluster::Cluster;
use crate::exec::Output;

use super::machines::tag;

/// How long before the cluster the network was made, in virtual milliseconds.
const NETWORK_LEAD_MS: i64 = 1_800_000;

/// The EKS facts of a scenario: which cluster, where, and the network it stands on.
struct Facts {
    region: String,
    cluster: String,
    node_group: String,
    vpc_cidr: String,
    bastion: Option<Ipv4Addr>,
    created: i64,
    version: String,
    platform_version: String,
    kubelet: String,
    endpoint: String,
}

impl Facts {
    fn of(cluster: &Cluster) -> Option<Facts> {
        let info = &cluster.info;
        if !info.fact("clusterArn").contains(":eks:") {
            return None;
        }
        Some(Facts {
            region: info.fact("region"),
            cluster: info.cluster_name.clone(),
            node_group: info.fact("nodegroup"),
            vpc_cidr: info.fact("vpcCIDR"),
            bastion: info.fact("bastionAddress").parse().ok(),
            created: parse_rfc3339(&info.fact("clusterCreated")).unwrap_or(cluster.now),
            // `v1.29.1-eks-b9c9ed7` → `1.29`.
            version: info
                .kubernetes_version
                .trim_start_matches('v')
                .split('.')
                .take(2)
                .collect::<Vec<_>>()
                .join("."),
            platform_version: info.fact("platformVersion"),
            endpoint: info.api_server.clone(),
            // `v1.29.0-eks-5e0fdde` → `1.29.0`.
            kubelet: info
                .kubelet_version
                .trim_start_matches('v')
                .split('-')
                .next()
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// Builds, once, what an EKS scenario's cluster stands on in the account. Clusters that are not on EKS, and accounts
/// that already hold the cluster, are left alone.
pub fn provision(aws: &mut AwsAccount, cluster: &Cluster) {
    let Some(facts) = Facts::of(cluster) else {
        return;
    };
    let nodes = NodeFacts::all(cluster);
    let net = aws.network_mut(&facts.region);
    if net.eks_cluster(&facts.cluster).is_ok() {
        return;
    }
    let now = net.now;
    net.now = (facts.created - NETWORK_LEAD_MS).max(0);
    let built = build(net, &facts, &nodes);
    net.now = now;
    debug_assert!(
        built.is_some(),
        "the eks scenario's network could not be built"
    );
}

/// The kubeconfig `aws eks update-kubeconfig` writes for the EKS scenario's cluster, which the bastion's home
/// directory starts with; `None` on other scenarios.
pub fn kubeconfig(aws: &mut AwsAccount, cluster: &Cluster) -> Option<String> {
    let facts = Facts::of(cluster)?;
    let eks = aws
        .network_mut(&facts.region)
        .eks_cluster(&facts.cluster)
        .ok()?
        .clone();
    Some(crate::aws::eks::merge_kubeconfig("", &eks, &facts.region).0)
}

/// What the account needs of a Node: its instance, zone, address and instance type.
struct NodeFacts {
    instance: String,
    zone: String,
    address: Ipv4Addr,
    instance_type: String,
    created: i64,
}

impl NodeFacts {
    fn all(cluster: &Cluster) -> Vec<NodeFacts> {
        cluster
            .store
            .list(k::node(), None)
            .filter_map(|n| NodeFacts::of(n))
            .collect()
    }

    fn of(node: &Object) -> Option<NodeFacts> {
        let provider = node.spec()["providerID"].as_str()?;
        let (zone, instance) = provider.strip_prefix("aws:///")?.split_once('/')?;
        let address = node.status_json()["addresses"]
            .as_array()?
            .iter()
            .find(|a| a["type"] == "InternalIP")?["address"]
            .as_str()?
            .parse()
            .ok()?;
        Some(NodeFacts {
            instance: instance.to_owned(),
            zone: zone.to_owned(),
            address,
            instance_type: node
                .meta
                .label("node.kubernetes.io/instance-type")
                .unwrap_or("t3.medium")
                .to_owned(),
            created: node.meta.created,
        })
    }
}

/// The /24 around `address` in the VPC.
fn slash24(address: Ipv4Addr) -> String {
    let [a, b, c, _] = address.octets();
    format!("{a}.{b}.{c}.0/24")
}

/// Makes the network, the bastion, the EKS cluster, its node group and the nodes' instances; `None` when the model
/// refuses a step (the scenario's facts do not fit together).
fn build(net: &mut Network, facts: &Facts, nodes: &[NodeFacts]) -> Option<()> {
    let name = facts.cluster.as_str();
    let shared = tag(&format!("kubernetes.io/cluster/{name}"), "shared");
    let vpc = net.create_vpc(&facts.vpc_cidr).ok()?;
    net.create_tags(&vpc, &[tag("Name", &format!("{name}-vpc")), shared.clone()])
        .ok()?;
    net.modify_vpc_attribute(&vpc, Some(true), None).ok()?;
    let igw = net.create_internet_gateway();
    net.attach_internet_gateway(&igw, &vpc).ok()?;
    net.create_tags(&igw, &[tag("Name", &format!("{name}-igw"))])
        .ok()?;

    // One public and one private subnet in each zone a node is in: the nodes' own /24 is private, the bastion's /24
    // (or the next free one) public.
    let mut zones: Vec<&str> = nodes.iter().map(|n| n.zone.as_str()).collect();
    zones.sort_shared();
    zones.dedup();
    let public_rt = net.create_route_table(&vpc).ok()?;
    net.create_tags(&public_rt, &[tag("Name", &format!("{name}-public"))])
        .ok()?;
    net.create_route(&public_rt, "0.0.0.0/0", RouteTarget::Gateway(igw))
        .ok()?;
    let mut public = Vec::new();
    let mut private = Vec::new();
    let mut third = 0u8;
    let mut used: Vec<String> = nodes.iter().map(|x| slash24(x.address)).collect();
    used.extend(facts.bastion.map(slash24));
    let [a, b, _, _] = facts
        .vpc_cidr
        .parse::<ipnet::Ipv4Net>()
        .ok()?
        .addr()
        .octets();
    for (n, zone) in zones.iter().enumerate() {
        let cidr = match facts.bastion {
            Some(bastion) if n == 0 => slash24(bastion),
            _ => loop {
                let candidate = format!("{a}.{b}.{third}.0/24");
                third += 1;
                if !used.contains(&candidate) {
                    break candidate;
                }
            },
        };
        let subnet = subnet(
            net,
            &vpc,
            &cidr,
            zone,
            &public_rt,
            &[
                tag("Name", &format!("{name}-public-{zone}")),
                shared.clone(),
                tag("kubernetes.io/role/elb", "1"),
            ],
        )?;
        net.set_map_public_ip(&subnet, true).ok()?;
        public.push(subnet);
    }
    let eip = net.allocate_address();
    net.create_tags(&eip, &[tag("Name", &format!("{name}-nat"))])
        .ok()?;
    let nat = net
        .create_nat_gateway(public.first()?, Some(&eip), false)
        .ok()?;
    net.create_tags(&nat, &[tag("Name", &format!("{name}-nat"))])
        .ok()?;
    let private_rt = net.create_route_table(&vpc).ok()?;
    net.create_tags(&private_rt, &[tag("Name", &format!("{name}-private"))])
        .ok()?;
    net.create_route(&private_rt, "0.0.0.0/0", RouteTarget::NatGateway(nat))
        .ok()?;
    for zone in &zones {
        let node = nodes.iter().find(|n| n.zone == *zone)?;
        private.push(subnet(
            net,
            &vpc,
            &slash24(node.address),
            zone,
            &private_rt,
            &[
                tag("Name", &format!("{name}-private-{zone}")),
                shared.clone(),
                tag("kubernetes.io/role/internal-elb", "1"),
            ],
        )?);
    }

    // The bastion: the learner's own workstation, reachable by SSH (named after the cluster, so that the course's
    // own `bastion` and `bastion-sg` stay unique).
    if let Some(address) = facts.bastion {
        let sg = net
            .create_security_group(&vpc, &format!("{name}-bastion-sg"), "SSH to the bastion")
            .ok()?;
        net.authorize(
            &sg,
            false,
            vec![SgRule::on_port("tcp", 22, Peer::anywhere())],
        )
        .ok()?;
        net.create_tags(&sg, &[tag("Name", &format!("{name}-bastion-sg"))])
            .ok()?;
        let key = format!("{name}-bastion-key");
        net.create_key_pair(&key, "rsa").ok()?;
        net.run_instances(&RunSpec {
            image_id: crate::aws::images::named("amzn2-ami-kernel-5.10")
                .map(|i| crate::aws::images::image_id(i, &facts.region))?,
            instance_type: "t3.micro".into(),
            key_name: Some(key),
            subnet_id: public.first()?.clone(),
            security_groups: vec![sg],
            associate_public_ip: Some(true),
            private_ip: Some(address),
            count: 1,
            tags: vec![tag("Name", &format!("{name}-bastion"))],
        })
        .ok()?;
    }

    // The cluster (made at its creation time, so ACTIVE now) and its node group, whose instances take the nodes'
    // IDs and addresses.
    net.now = facts.created;
    let mut subnets = public.clone();
    subnets.extend(private.iter().cloned());
    net.create_eks_cluster(
        name,
        &format!(
            "arn:aws:iam::{}:role/{name}-cluster-role",
            crate::aws::model::ACCOUNT_ID
        ),
        &subnets,
        &[],
        Some(&facts.version),
    )
    .ok()?;
    net.now = nodes
        .iter()
        .map(|n| n.created)
        .min()
        .unwrap_or(facts.created);
    net.create_eks_node_group(
        name,
        &facts.node_group,
        &private,
        &format!(
            "arn:aws:iam::{}:role/{name}-node-role",
            crate::aws::model::ACCOUNT_ID
        ),
        &[nodes.first()?.instance_type.clone()],
        1,
        nodes.len().max(1) as u32 + 2,
        nodes.len() as u32,
    )
    .ok()?;
    let launched = net
        .eks_cluster(name)
        .ok()?
        .node_groups
        .last()?
        .instances
        .clone();
    // The node group launched one instance per node (from the AMI of the cluster's version, which the nodes' label
    // names): each takes the identity of a node (its ID, zone, subnet, address and launch time).
    let ami = crate::aws::images::named(&format!("amazon-eks-node-{}-", facts.version));
    // The release of an EKS-optimised AMI is its Kubernetes version and build date (`…-v20240315`).
    let release = ami
        .and_then(|i| i.name.rsplit_once("-v"))
        .map(|(_, date)| format!("{}-{date}", facts.kubelet))
        .unwrap_or_default();
    for (id, node) in launched.iter().zip(nodes) {
        let subnet = zones
            .iter()
            .position(|z| *z == node.zone)
            .and_then(|z| private.get(z))?
            .clone();
        let i = net.instances.iter().position(|x| &x.id == id)?;
        let instance = &mut net.instances[i];
        instance.id = node.instance.clone();
        instance.az = node.zone.clone();
        instance.subnet_id = subnet;
        instance.private_ip = node.address;
        instance.launched_at = node.created;
    }
    let cluster = net.eks_clusters.iter_mut().rev().find(|c| c.name == name)?;
    cluster.platform_version = facts.platform_version.clone();
    cluster.endpoint = facts.endpoint.clone();
    let group = cluster.node_groups.last_mut()?;
    group.instances = nodes.iter().map(|n| n.instance.clone()).collect();
    group.ami_type = "AL2_x86_64".into();
    group.release_version = release;
    Some(())
}

/// A subnet of `cidr` in `zone` with `tags`, using route table `table`.
fn subnet(
    net: &mut Network,
    vpc: &str,
    cidr: &str,
    zone: &str,
    table: &str,
    tags: &[Tag],
) -> Option<String> {
    let subnet = net.create_subnet(vpc, cidr, Some(zone)).ok()?;
    net.create_tags(&subnet, tags).ok()?;
    net.associate_route_table(table, &subnet).ok()?;
    Some(subnet)
}

/// Brings the account's Classic Load Balancers in line with the cluster's LoadBalancer Services, as the in-tree AWS
/// cloud provider does on EKS: a Service the service controller has given an ELB hostname gets its load balancer
/// (listeners from its ports to their node ports, every node's instance registered, a `k8s-elb-…` security group open
/// on those ports and admitted by the nodes' group), its listeners follow the Service's ports, and the load balancer
/// of a Service that is gone or no longer a LoadBalancer is deleted with its security group.
pub fn reconcile(cluster: &mut Cluster, aws: &mut AwsAccount) {
    let Some(facts) = Facts::of(cluster) else {
        return;
    };
    if aws.network(&facts.region).is_none() {
        return;
    }
    sync_nodes(cluster, aws.network_mut(&facts.region), &facts);
    sync_load_balancers(cluster, aws, &facts);
}

/// Lets `ms` of virtual time pass for the cluster and the account, stopping whenever the link has something due (a
/// node to register or to turn Ready, an instance that has finished terminating) so that it happens on time even
/// inside one long `sleep`.
pub fn advance(cluster: &mut Cluster, aws: &mut AwsAccount, ms: i64) {
    let end = cluster.now + ms.max(0);
    loop {
        let due = next_due(cluster, aws).filter(|t| *t > cluster.now && *t < end);
        let Some(at) = due else {
            break;
        };
        cluster.advance(at - cluster.now);
        aws.set_time(cluster.now);
        reconcile(cluster, aws);
    }
    cluster.advance(end - cluster.now);
}

/// The next virtual time at which [`reconcile`] has a node to register, a node to make Ready or a terminated instance
/// to act on; `None` when nothing is pending (always, off EKS).
fn next_due(cluster: &Cluster, aws: &AwsAccount) -> Option<i64> {
    let facts = Facts::of(cluster)?;
    let net = aws.network(&facts.region)?;
    let group = net
        .eks_cluster(&facts.cluster)
        .ok()?
        .node_groups
        .iter()
        .find(|g| g.name == facts.node_group && g.deleted_at.is_none())?;
    let known: Vec<String> = NodeFacts::all(cluster)
        .into_iter()
        .map(|n| n.instance)
        .collect();
    let joins = group
        .instances
        .iter()
        .filter(|i| !known.contains(i))
        .filter_map(|i| net.instance(i).ok())
        .filter(|i| !i.is_terminated())
        .map(|i| i.launched_at + NODE_JOIN_MS);
    let readies = cluster
        .store
        .list(k::node(), None)
        .filter(|n| joining(n))
        .map(|n| n.meta.created + NODE_READY_MS);
    let ends = net
        .instances
        .iter()
        .filter_map(|i| i.terminated_at)
        .map(|t| t + crate::aws::model::INSTANCE_SHUTDOWN_MS);
    joins
        .chain(readies)
        .chain(ends)
        .filter(|t| *t > cluster.now)
        .min()
}

/// Whether a node has registered but its network plugin has not started yet.
fn joining(node: &Object) -> bool {
    node.status_json()["conditions"]
        .as_array()
        .is_some_and(|c| {
            c.iter()
                .any(|c| c["type"] == "Ready" && c["reason"] == "KubeletNotReady")
        })
}

/// How long after its instance launches a node registers, in virtual milliseconds (boot, then the kubelet's join).
pub const NODE_JOIN_MS: i64 = 60_000;
/// How long after it registers a node turns Ready (the VPC CNI's `aws-node` pod starting on it).
pub const NODE_READY_MS: i64 = 30_000;

/// Keeps the cluster's Nodes in line with the node group's instances, as the managed node group, the kubelets and the
/// cloud controller do: a running instance without a Node registers one (NotReady until its network plugin starts,
/// then Ready), a terminating instance's node is drained and then deleted, and the node group launches a replacement
/// for an instance that was terminated from outside while it still wants that many.
fn sync_nodes(cluster: &mut Cluster, net: &mut Network, facts: &Facts) {
    let now = cluster.now;
    let Some(group) = net.eks_cluster(&facts.cluster).ok().and_then(|c| {
        c.node_groups
            .iter()
            .find(|g| g.name == facts.node_group && g.status(now).is_some())
            .cloned()
    }) else {
        return;
    };
    // An instance terminated behind the node group's back (not by a scale-in) is replaced once it is gone.
    let gone = group.instances.iter().any(|i| {
        net.instance(i)
            .is_ok_and(|x| x.state(now).0 == "terminated")
    });
    if gone {
        let _ = net.replace_eks_nodes(&facts.cluster, &facts.node_group);
    }
    let nodes: Vec<(std::sync::Arc<Object>, Option<NodeFacts>)> = cluster
        .store
        .list(k::node(), None)
        .map(|n| (n.clone(), NodeFacts::of(n)))
        .collect();
    // Nodes whose instance is going or gone.
    for (node, node_facts) in &nodes {
        let Some(f) = node_facts else {
            continue;
        };
        // A node whose instance the account does not know is not this link's to remove.
        let Ok(instance) = net.instance(&f.instance) else {
            continue;
        };
        // The node group drains a node it scales in (its instance has left the group); a node whose instance was
        // terminated from outside just loses its kubelet.
        let scaled_in = !group.instances.contains(&f.instance);
        match instance.state(now).0 {
            "terminated" => {
                cluster.remove(k::node(), "", &node.meta.name);
                cluster.stopped_nodes.remove(node.meta.name.as_str());
            }
            "shutting-down" if scaled_in && node.spec()["unschedulable"] != true => {
                crate::cluster::controllers::machines::drain(cluster, node);
            }
            "shutting-down" if !scaled_in => cluster.stop_node(&node.meta.name),
            _ => {}
        }
    }
    // Joined nodes whose network plugin is up by now.
    for (node, _) in &nodes {
        if joining(node)
            && now - node.meta.created >= NODE_READY_MS
            && let Some(current) = cluster.get(k::node(), "", &node.meta.name)
        {
            crate::cluster::controllers::machines::mark_ready(cluster, &current);
        }
    }
    // Running instances of the node group without a node.
    let Some(template) = nodes.first().map(|(n, _)| n.clone()) else {
        return;
    };
    for id in &group.instances {
        let Ok(instance) = net.instance(id) else {
            continue;
        };
        if instance.is_terminated()
            || now - instance.launched_at < NODE_JOIN_MS
            || nodes
                .iter()
                .any(|(_, f)| f.as_ref().is_some_and(|f| &f.instance == id))
        {
            continue;
        }
        let ip = instance.private_ip.to_string();
        let name = format!(
            "ip-{}.{}.compute.internal",
            ip.replace('.', "-"),
            facts.region
        );
        let labels: Vec<(String, String)> = [
            ("topology.kubernetes.io/zone", instance.az.as_str()),
            (
                "failure-domain.beta.kubernetes.io/zone",
                instance.az.as_str(),
            ),
            (
                "node.kubernetes.io/instance-type",
                instance.instance_type.as_str(),
            ),
            (
                "beta.kubernetes.io/instance-type",
                instance.instance_type.as_str(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let provider = serde_json::json!(format!("aws:///{}/{id}", instance.az));
        crate::cluster::controllers::machines::join_copy(
            cluster, &template, &name, &ip, &provider, &labels,
        );
    }
}

/// The Classic Load Balancers of the cluster's LoadBalancer Services (see [`reconcile`]).
fn sync_load_balancers(cluster: &Cluster, aws: &mut AwsAccount, facts: &Facts) {
    let wanted: Vec<Wanted> = cluster
        .store
        .list(k::service(), None)
        .filter_map(|s| Wanted::of(s))
        .collect();
    let instances: Vec<String> = NodeFacts::all(cluster)
        .into_iter()
        .map(|n| n.instance)
        .collect();
    let net = aws.network_mut(&facts.region);
    let Ok(eks) = net.eks_cluster(&facts.cluster) else {
        return;
    };
    let (vpc, node_group) = (eks.vpc_id.clone(), eks.cluster_security_group.clone());
    let owned = tag(&format!("kubernetes.io/cluster/{}", facts.cluster), "owned");
    // Load balancers of Services that are gone.
    let stale: Vec<(String, Vec<String>)> = net
        .load_balancers
        .iter()
        .filter(|l| l.kind == "classic" && l.tags.contains(&owned))
        .filter(|l| !wanted.iter().any(|w| w.name == l.name))
        .map(|l| (l.name.clone(), l.security_groups.clone()))
        .collect();
    for (name, groups) in stale {
        net.delete_load_balancer(&name);
        for g in groups {
            let admit = vec![SgRule::all_from(&g)];
            let _ = net.revoke(&node_group, false, &admit);
            let _ = net.delete_security_group(&g);
        }
    }
    for w in wanted {
        let existing = net.load_balancers.iter().position(|l| l.name == w.name);
        let i = match existing {
            Some(i) => i,
            None => match create(net, &w, &vpc, &node_group, &owned) {
                Some(i) => i,
                None => continue,
            },
        };
        let lb = &mut net.load_balancers[i];
        let ports: Vec<u16> = w.ports.iter().map(|p| p.0).collect();
        let changed = lb.ports != ports;
        lb.ports.clone_from(&ports);
        lb.instance_ports = w.ports.iter().map(|p| p.1).collect();
        lb.instances.clone_from(&instances);
        if changed {
            let groups = lb.security_groups.clone();
            for g in groups {
                open_ports(net, &g, &ports);
            }
        }
    }
}

/// Makes a load balancer's security group admit TCP on exactly `ports` from anywhere (its other rules stay).
fn open_ports(net: &mut Network, group: &str, ports: &[u16]) {
    let Ok(sg) = net.security_group(group) else {
        return;
    };
    let is_listener = |r: &SgRule| r.protocol == "tcp" && r.peer == Peer::anywhere();
    let stale: Vec<SgRule> = sg
        .ingress
        .iter()
        .filter(|r| is_listener(r) && !ports.iter().any(|p| i32::from(*p) == r.from_port))
        .cloned()
        .collect();
    let missing: Vec<SgRule> = ports
        .iter()
        .filter(|p| {
            !sg.ingress
                .iter()
                .any(|r| is_listener(r) && r.from_port == i32::from(**p))
        })
        .map(|p| SgRule::on_port("tcp", i32::from(*p), Peer::anywhere()))
        .collect();
    let _ = net.revoke(group, false, &stale);
    if !missing.is_empty() {
        let _ = net.authorize(group, false, missing);
    }
}

/// A Service that should have a load balancer: its name in AWS, DNS name, `namespace/name` and (port, node port)s.
struct Wanted {
    name: String,
    dns_name: String,
    service: String,
    ports: Vec<(u16, u16)>,
}

impl Wanted {
    fn of(svc: &Object) -> Option<Wanted> {
        if svc.spec()["type"] != "LoadBalancer" {
            return None;
        }
        let host = svc.status_json()["loadBalancer"]["ingress"][0]["hostname"].as_str()?;
        if !host.ends_with(".elb.amazonaws.com") {
            return None;
        }
        let ports = svc.spec()["ports"]
            .as_array()?
            .iter()
            .filter_map(|p| {
                let port = u16::try_from(p["port"].as_u64()?).ok()?;
                let node_port = u16::try_from(p["nodePort"].as_u64()?).ok()?;
                Some((port, node_port))
            })
            .collect();
        Some(Wanted {
            name: host.split_once('-')?.0.to_owned(),
            dns_name: host.to_owned(),
            service: format!("{}/{}", svc.meta.namespace, svc.meta.name),
            ports,
        })
    }
}

/// Creates a Service's load balancer and its security group; returns its index in the network's list.
fn create(net: &mut Network, w: &Wanted, vpc: &str, nodes: &str, owned: &Tag) -> Option<usize> {
    let sg = net
        .create_security_group(
            vpc,
            &format!("k8s-elb-{}", w.name),
            &format!(
                "Security group for Kubernetes ELB {} ({})",
                w.name, w.service
            ),
        )
        .ok()?;
    let ports: Vec<u16> = w.ports.iter().map(|p| p.0).collect();
    open_ports(net, &sg, &ports);
    // Path MTU discovery: ICMP "fragmentation needed" (type 3, code 4) from anywhere.
    let mtu = SgRule {
        to_port: 4,
        ..SgRule::on_port("icmp", 3, Peer::anywhere())
    };
    net.authorize(&sg, false, vec![mtu]).ok()?;
    net.create_tags(
        &sg,
        &[owned.clone(), tag("kubernetes.io/service-name", &w.service)],
    )
    .ok()?;
    net.authorize(nodes, false, vec![SgRule::all_from(&sg)])
        .ok()?;
    let lb = net.create_load_balancer(&w.name, "classic", false, Some(vpc), &ports);
    let i = net.load_balancers.iter().position(|l| l.arn == lb.arn)?;
    let made = &mut net.load_balancers[i];
    made.dns_name.clone_from(&w.dns_name);
    made.security_groups = vec![sg];
    made.tags = vec![owned.clone(), tag("kubernetes.io/service-name", &w.service)];
    Some(i)
}

/// What `curl` from the bastion meets at a Classic Load Balancer before the cluster answers: `None` when the request
/// gets through to the Service's node ports (or the host is no load balancer of the account), otherwise curl's failure:
/// a connection that times out when the load balancer's security groups do not admit the port from the bastion's
/// public address, one refused on a port without a listener, and an empty reply when no instance is in service.
pub fn through_load_balancer(
    cluster: &Cluster,
    aws: &AwsAccount,
    argv: &[String],
) -> Option<Output> {
    let facts = Facts::of(cluster)?;
    let (host, port, _) = super::net::curl_url(argv)?;
    let net = aws.network(&facts.region)?;
    let lb = net
        .load_balancers
        .iter()
        .find(|l| l.kind == "classic" && l.dns_name.eq_ignore_ascii_case(&host))?;
    let source = bastion_instance(net, &facts).and_then(|i| i.public_ip);
    if !net.groups_admit(&lb.security_groups, port, source, &[]) {
        return Some(super::net::failure(
            argv,
            super::net::timed_out(&host, port),
            28,
        ));
    }
    if !lb.ports.contains(&port) {
        return Some(super::net::failure(
            argv,
            format!(
                "curl: (7) Failed to connect to {host} port {port} after 3 ms: Couldn't connect to server\n"
            ),
            7,
        ));
    }
    if lb
        .instances
        .iter()
        .all(|i| net.classic_instance_health(lb, i).is_some())
    {
        return Some(super::net::failure(
            argv,
            "curl: (52) Empty reply from server\n".to_owned(),
            52,
        ));
    }
    None
}

/// The bastion instance the learner's shell runs on, named after the cluster.
fn bastion_instance<'a>(net: &'a Network, facts: &Facts) -> Option<&'a Instance> {
    let bastion = format!("{}-bastion", facts.cluster);
    net.instances
        .iter()
        .find(|i| !i.is_terminated() && Network::name_of(&i.tags) == Some(bastion.as_str()))
}

/// `ssh [user@]HOST` from the bastion to an instance of the account (by private address or `ip-…` host name): the
/// connection needs a path on TCP port 22 from the bastion through both instances' security groups, the network ACLs
/// and the routes, which the node group's instances do not have until a rule admits the bastion; without one ssh
/// waits out the kernel's connect timeout, as it does for an unused address of the VPC. The bastion's own sshd refuses
/// the learner, who holds no key it authorises. `None` (a path, or a name that is no instance) leaves the login to
/// [`super::node_tools::ssh`], which refuses keys the host does not hold. `local_user` is who ssh logs in as without
/// `user@`.
pub fn ssh_through_security_groups(
    cluster: &Cluster,
    aws: &AwsAccount,
    argv: &[String],
    local_user: &str,
) -> Option<Output> {
    let facts = Facts::of(cluster)?;
    let target = argv[1..].iter().rfind(|a| !a.starts_with('-'))?;
    let (user, host) = match target.rsplit_once('@') {
        Some((user, host)) => (user.to_owned(), host),
        None => (local_user.to_owned(), target.as_str()),
    };
    let net = aws.network(&facts.region)?;
    let bastion = bastion_instance(net, &facts)?;
    let timed_out = || {
        Output::err(
            format!("ssh: connect to host {host} port 22: Connection timed out\n"),
            255,
        )
    };
    let destination = net.instances.iter().find(|i| {
        let ip = i.private_ip.to_string();
        let short = format!("ip-{}", ip.replace('.', "-"));
        !i.is_terminated()
            && (host == ip
                || host == short
                || host == format!("{short}.{}.compute.internal", facts.region))
    });
    let destination = match destination {
        // Nothing answers at an unused address of the VPC: the packets are dropped.
        None if host.parse::<Ipv4Addr>().is_ok_and(|ip| {
            facts
                .vpc_cidr
                .parse::<ipnet::Ipv4Net>()
                .is_ok_and(|n| n.contains(&ip))
        }) =>
        {
            return Some(timed_out());
        }
        None => return None,
        // The bastion's own sshd: its group admits SSH from anywhere, and the learner holds no key it authorises.
        Some(d) if d.id == bastion.id => return Some(super::node_tools::ssh_denied(&user, host)),
        Some(d) => d,
    };
    let ssh = Traffic {
        protocol: "tcp".into(),
        port: 22,
    };
    let path = net.analyze(
        &Endpoint::Instance(bastion.id.clone()),
        &Endpoint::Instance(destination.id.clone()),
        &ssh,
    );
    (!path.reachable).then(timed_out)
}

/// The instance metadata service's page for a path it does not serve.
const METADATA_NOT_FOUND: &str = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n\t\t \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n </body>\n</html>";

/// `curl http://169.254.169.254/latest/meta-data/…` on the bastion: the instance metadata service (IMDSv1, which the
/// bastion's launch allows) answers with the bastion's own facts as `aws ec2 describe-instances` shows them, each
/// without a final newline as the service sends it, and its 404 page for paths it does not serve here. `None` for
/// every other URL.
pub fn instance_metadata(cluster: &Cluster, aws: &AwsAccount, argv: &[String]) -> Option<Output> {
    let facts = Facts::of(cluster)?;
    let (host, port, path) = super::net::curl_url(argv)?;
    if host != "169.254.169.254" || port != 80 {
        return None;
    }
    let net = aws.network(&facts.region)?;
    let bastion = bastion_instance(net, &facts)?;
    let described = crate::aws::render::instance(net, bastion);
    let field = |key: &str| match &described[key] {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let body = match path.trim_end_matches('/') {
        "/latest" => Some("dynamic\nmeta-data".to_owned()),
        "/latest/meta-data" => Some(
            [
                "ami-id",
                "ami-launch-index",
                "hostname",
                "instance-id",
                "instance-type",
                "local-hostname",
                "local-ipv4",
                "placement/",
                "public-hostname",
                "public-ipv4",
                "reservation-id",
                "security-groups",
            ]
            .join("\n"),
        ),
        "/latest/meta-data/ami-id" => field("ImageId"),
        "/latest/meta-data/ami-launch-index" => field("AmiLaunchIndex"),
        "/latest/meta-data/hostname" | "/latest/meta-data/local-hostname" => {
            field("PrivateDnsName")
        }
        "/latest/meta-data/instance-id" => field("InstanceId"),
        "/latest/meta-data/instance-type" => field("InstanceType"),
        "/latest/meta-data/local-ipv4" => field("PrivateIpAddress"),
        "/latest/meta-data/public-hostname" => field("PublicDnsName").filter(|d| !d.is_empty()),
        "/latest/meta-data/public-ipv4" => field("PublicIpAddress"),
        "/latest/meta-data/reservation-id" => Some(bastion.reservation_id.clone()),
        "/latest/meta-data/security-groups" => Some(
            described["SecurityGroups"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|g| g["GroupName"].as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        "/latest/meta-data/placement" => Some("availability-zone\nregion".to_owned()),
        "/latest/meta-data/placement/availability-zone" => {
            described["Placement"]["AvailabilityZone"]
                .as_str()
                .map(str::to_owned)
        }
        "/latest/meta-data/placement/region" => Some(facts.region.clone()),
        _ => None,
    };
    Some(match body {
        Some(body) => Output::ok(body),
        None if super::net::curl_fails(argv) => super::net::failure(
            argv,
            "curl: (22) The requested URL returned error: 404\n".to_owned(),
            22,
        ),
        None => Output::ok(METADATA_NOT_FOUND),
    })
}
