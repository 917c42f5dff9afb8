//! Address management: pod IPs from each node's slice of the cluster network, service cluster IPs and node ports.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::Ipv4Addr;

use super::super::ScenarioInfo;

/// Allocators for pod IPs (per node), service IPs and node ports.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Ipam {
    pod_base: u32,
    host_prefix: u32,
    service_base: u32,
    service_size: u32,
    /// Each node's slice of the pod network and the next host number in it; hashed, as every pod start looks its
    /// node up, and saved in name order.
    #[serde(serialize_with = "by_name")]
    node_slots: HashMap<String, u32>,
    #[serde(serialize_with = "by_name")]
    next_in_node: HashMap<String, u32>,
    /// Whether pods take addresses from their node's own subnet, as the AWS VPC CNI gives them secondary IPs of the
    /// node's network interface (a scenario with `podAddresses: node-subnet`), rather than from a per-node slice
    /// of an overlay network.
    #[serde(default)]
    node_subnet_pods: bool,
    services: BTreeSet<u32>,
    node_ports: BTreeSet<u16>,
}

/// Serialises a node map in name order, so that saves of equal states are equal.
fn by_name<S: serde::Serializer>(
    map: &HashMap<String, u32>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&map.iter().collect::<BTreeMap<_, _>>(), serializer)
}

fn parse_cidr(text: &str) -> Option<(u32, u32)> {
    let (ip, len) = text.split_once('/')?;
    let ip: Ipv4Addr = ip.trim().parse().ok()?;
    Some((u32::from(ip), len.trim().parse().ok()?))
}

impl Ipam {
    /// Allocators for the scenario's networks (defaults: 10.128.0.0/14 with /23 per node, 172.30.0.0/16).
    pub fn new(info: &ScenarioInfo) -> Self {
        let (pod_cidr, prefix) = info.pod_network();
        let (pod_base, _) =
            parse_cidr(&pod_cidr).unwrap_or((u32::from(Ipv4Addr::new(10, 128, 0, 0)), 14));
        let host_prefix = prefix.unwrap_or(if info.is_openshift() { 23 } else { 24 });
        let node_subnet_pods = info.fact("podAddresses") == "node-subnet";
        let (service_base, service_len) =
            parse_cidr(&info.service_cidr).unwrap_or((u32::from(Ipv4Addr::new(172, 30, 0, 0)), 16));
        Self {
            pod_base,
            host_prefix,
            service_base,
            service_size: 1u32 << (32 - service_len.min(30)),
            node_subnet_pods,
            ..Self::default()
        }
    }

    /// A new pod IP on `node`, whose own address is `node_ip`.
    pub fn pod_ip(&mut self, node: &str, node_ip: Option<u32>) -> u32 {
        if self.node_subnet_pods
            && let Some(node_ip) = node_ip
        {
            return self.secondary_ip(node, node_ip);
        }
        let slot = self.slot(node);
        let size = 1u32 << (32 - self.host_prefix);
        let base = self.pod_base + slot * size;
        let next = self.next_for(node, 3);
        let ip = base + *next;
        *next += 1;
        if *next >= size - 1 {
            *next = 3;
        }
        ip
    }

    /// The next secondary address in the node's /24 (the VPC CNI's warm pool hands them out in no particular order;
    /// here they step through the subnet from a place of the node's own), skipping the subnet's reserved addresses
    /// (the first four and the last) and the node's own.
    fn secondary_ip(&mut self, node: &str, node_ip: u32) -> u32 {
        let subnet = node_ip & !0xff;
        let host = node_ip & 0xff;
        let next = self.next_for(node, (host * 7 + 31) % 240);
        loop {
            let candidate = 4 + *next % 250;
            *next = next.wrapping_add(1);
            if candidate != host {
                return subnet + candidate;
            }
        }
    }

    /// The node's next host number, starting at `first` for a node not seen before (looked up without copying the
    /// name once the node is known).
    fn next_for(&mut self, node: &str, first: u32) -> &mut u32 {
        if !self.next_in_node.contains_key(node) {
            self.next_in_node.insert(node.to_owned(), first);
        }
        self.next_in_node.get_mut(node).expect("inserted above")
    }

    fn slot(&mut self, node: &str) -> u32 {
        if let Some(slot) = self.node_slots.get(node) {
            return *slot;
        }
        let slot = self.node_slots.len() as u32;
        self.node_slots.insert(node.to_owned(), slot);
        slot
    }

    /// The node's pod subnet (`10.128.2.0/23`).
    pub fn node_subnet(&mut self, node: &str) -> String {
        let slots = self.node_slots.len() as u32;
        let slot = *self.node_slots.entry(node.to_owned()).or_insert(slots);
        let size = 1u32 << (32 - self.host_prefix);
        format!(
            "{}/{}",
            Ipv4Addr::from(self.pod_base + slot * size),
            self.host_prefix
        )
    }

    /// Marks a service IP as taken (scenario services).
    pub fn reserve_service_ip(&mut self, ip: &str) {
        if let Ok(ip) = ip.parse::<Ipv4Addr>() {
            self.services.insert(u32::from(ip));
        }
    }

    /// A free service IP, chosen by `pick` (a random number) as the API server does.
    pub fn service_ip(&mut self, pick: u64) -> String {
        let usable = self.service_size.saturating_sub(2).max(1);
        let first = 11 + (pick % usable as u64) as u32;
        for offset in (first..).take(usable as usize) {
            let ip = self.service_base + offset % self.service_size;
            if !self.services.contains(&ip) && offset % self.service_size > 10 {
                self.services.insert(ip);
                return Ipv4Addr::from(ip).to_string();
            }
        }
        Ipv4Addr::from(self.service_base + 1).to_string()
    }

    /// A free node port in 30000–32767.
    pub fn node_port(&mut self, pick: u64) -> u16 {
        let mut port = 30000 + (pick % 2768) as u16;
        while self.node_ports.contains(&port) {
            port = if port >= 32767 { 30000 } else { port + 1 };
        }
        self.node_ports.insert(port);
        port
    }

    /// Marks a node port as taken.
    pub fn reserve_node_port(&mut self, port: u16) {
        self.node_ports.insert(port);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::SortShared;

    #[test]
    fn vpc_cni_pod_ips_come_from_the_nodes_own_subnet() {
        let mut info = ScenarioInfo::default();
        info.facts
            .insert("podAddresses".into(), "node-subnet".into());
        let mut ipam = Ipam::new(&info);
        let node = u32::from(Ipv4Addr::new(10, 0, 1, 23));
        let ips: Vec<u32> = (0..600).map(|_| ipam.pod_ip("a", Some(node))).collect();
        for ip in &ips {
            let last = ip & 0xff;
            assert_eq!(ip & !0xff, node & !0xff, "{}", Ipv4Addr::from(*ip));
            assert!(
                (4..=253).contains(&last) && *ip != node,
                "{}",
                Ipv4Addr::from(*ip)
            );
        }
        // The first 249 addresses handed out are all different, as a node's pool would be.
        let mut first: Vec<u32> = ips[..249].to_vec();
        first.sort_shared();
        first.dedup();
        assert_eq!(first.len(), 249);
        // Without the node's address (not yet known), the overlay slice is used.
        assert_eq!(
            Ipv4Addr::from(ipam.pod_ip("b", None)).to_string(),
            "10.128.0.3"
        );
    }

    #[test]
    fn pod_ips_come_from_each_nodes_slice() {
        let info = ScenarioInfo {
            openshift_version: "4.14.0".into(),
            ..Default::default()
        };
        let mut ipam = Ipam::new(&info);
        let a = Ipv4Addr::from(ipam.pod_ip("a", None)).to_string();
        let b = Ipv4Addr::from(ipam.pod_ip("b", None)).to_string();
        let a2 = Ipv4Addr::from(ipam.pod_ip("a", None)).to_string();
        assert_eq!(
            (a.as_str(), b.as_str(), a2.as_str()),
            ("10.128.0.3", "10.128.2.3", "10.128.0.4")
        );
        assert_eq!(ipam.node_subnet("b"), "10.128.2.0/23");
        let ip = ipam.service_ip(5);
        assert!(ip.starts_with("172.30."), "{ip}");
        assert_ne!(ipam.service_ip(5), ip);
        let p = ipam.node_port(0);
        assert_ne!(ipam.node_port(0), p);
    }
}
