//! The bare-metal helper node of ocp4-helpernode: its vars.yaml description, the service configs generated from it, and a parsed view of those configs as the learner left them in the virtual filesystem.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::vfs::Vfs;

/// The BIND forward zone file.
pub const ZONE_FILE: &str = "/var/named/zonefile.db";
/// The BIND reverse zone file.
pub const REVERSE_FILE: &str = "/var/named/reverse.db";
/// The ISC dhcpd configuration.
pub const DHCPD_CONF: &str = "/etc/dhcp/dhcpd.conf";
/// The directory of per-MAC PXELINUX configurations.
pub const PXE_DIR: &str = "/var/lib/tftpboot/pxelinux.cfg";
/// The HAProxy configuration.
pub const HAPROXY_CFG: &str = "/etc/haproxy/haproxy.cfg";
/// The document root of the helper's httpd (listening on 8080).
pub const HTTP_ROOT: &str = "/var/www/html";
/// Where the learner copies the ignition files for httpd to serve.
pub const IGNITION_DIR: &str = "/var/www/html/ignition";

/// The helper node's own name and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperHost {
    /// The short host name.
    pub name: String,
    /// The IPv4 address.
    pub ipaddr: String,
    /// The network interface dhcpd listens on.
    #[serde(default = "default_iface")]
    pub networkifacename: String,
}

fn default_iface() -> String {
    "ens3".into()
}

/// The DNS section of vars.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsVars {
    /// The base domain.
    pub domain: String,
    /// The cluster name.
    pub clusterid: String,
    /// The first upstream forwarder.
    pub forwarder1: String,
    /// The second upstream forwarder.
    #[serde(default)]
    pub forwarder2: String,
}

/// The DHCP section of vars.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DhcpVars {
    /// The default gateway.
    pub router: String,
    /// The broadcast address.
    pub bcast: String,
    /// The subnet mask.
    pub netmask: String,
    /// The first address of the pool.
    pub poolstart: String,
    /// The last address of the pool.
    pub poolend: String,
    /// The network address.
    pub ipid: String,
    /// The network mask of the subnet declaration.
    pub netmaskid: String,
}

/// One cluster machine of vars.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeVars {
    /// The short host name.
    pub name: String,
    /// The IPv4 address.
    pub ipaddr: String,
    /// The MAC address of its NIC.
    pub macaddr: String,
}

/// A helper-node description, as ocp4-helpernode's vars.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperNode {
    /// The install disk of the cluster machines.
    #[serde(default = "default_disk")]
    pub disk: String,
    /// The helper itself.
    pub helper: HelperHost,
    /// DNS settings.
    pub dns: DnsVars,
    /// DHCP settings.
    pub dhcp: DhcpVars,
    /// The bootstrap machine.
    pub bootstrap: NodeVars,
    /// The control plane machines.
    pub masters: Vec<NodeVars>,
    /// The compute machines.
    #[serde(default)]
    pub workers: Vec<NodeVars>,
}

fn default_disk() -> String {
    "vda".into()
}

impl HelperNode {
    /// The description of the notes' lab: cluster `ocp4.example.com`, helper 192.168.7.77, one bootstrap, three masters, two workers.
    pub fn example() -> Self {
        let node = |name: &str, ip: &str, mac: &str| NodeVars {
            name: name.into(),
            ipaddr: ip.into(),
            macaddr: mac.into(),
        };
        HelperNode {
            disk: "vda".into(),
            helper: HelperHost {
                name: "helper".into(),
                ipaddr: "192.168.7.77".into(),
                networkifacename: "ens3".into(),
            },
            dns: DnsVars {
                domain: "example.com".into(),
                clusterid: "ocp4".into(),
                forwarder1: "8.8.8.8".into(),
                forwarder2: "8.8.4.4".into(),
            },
            dhcp: DhcpVars {
                router: "192.168.7.1".into(),
                bcast: "192.168.7.255".into(),
                netmask: "255.255.255.0".into(),
                poolstart: "192.168.7.10".into(),
                poolend: "192.168.7.30".into(),
                ipid: "192.168.7.0".into(),
                netmaskid: "255.255.255.0".into(),
            },
            bootstrap: node("bootstrap", "192.168.7.20", "52:54:00:60:72:67"),
            masters: vec![
                node("master0", "192.168.7.21", "52:54:00:e7:9d:67"),
                node("master1", "192.168.7.22", "52:54:00:80:16:23"),
                node("master2", "192.168.7.23", "52:54:00:d5:1c:39"),
            ],
            workers: vec![
                node("worker0", "192.168.7.11", "52:54:00:f4:26:a1"),
                node("worker1", "192.168.7.12", "52:54:00:82:90:00"),
            ],
        }
    }

    /// Parses a vars.yaml text.
    pub fn from_vars_yaml(text: &str) -> Result<Self, String> {
        serde_yaml_ng::from_str(text).map_err(|e| e.to_string())
    }

    /// Renders the description as vars.yaml.
    pub fn to_vars_yaml(&self) -> String {
        serde_yaml_ng::to_string(self).unwrap_or_default()
    }

    /// `<clusterid>.<domain>`.
    pub fn cluster_domain(&self) -> String {
        format!("{}.{}", self.dns.clusterid, self.dns.domain)
    }

    /// The reverse zone name for the helper's /24, such as `7.168.192.in-addr.arpa`.
    pub fn reverse_zone(&self) -> String {
        let o: Vec<&str> = self.helper.ipaddr.split('.').collect();
        if o.len() == 4 {
            format!("{}.{}.{}.in-addr.arpa", o[2], o[1], o[0])
        } else {
            "in-addr.arpa".into()
        }
    }

    /// Every cluster machine with its role: bootstrap, masters, workers.
    pub fn nodes(&self) -> Vec<(&'static str, &NodeVars)> {
        let mut out = vec![("bootstrap", &self.bootstrap)];
        out.extend(self.masters.iter().map(|n| ("master", n)));
        out.extend(self.workers.iter().map(|n| ("worker", n)));
        out
    }

    /// The BIND forward zone.
    pub fn zone_file(&self, serial: &str) -> String {
        let cd = self.cluster_domain();
        let lb = &self.helper.ipaddr;
        let mut s = String::new();
        s.push_str(&format!(
            "$TTL 1W\n@\tIN\tSOA\tns1.{cd}.\troot (\n\t\t\t{serial}\t; serial\n\t\t\t3H\t\t; refresh (3 hours)\n\t\t\t30M\t\t; retry (30 minutes)\n\t\t\t2W\t\t; expiry (2 weeks)\n\t\t\t1W )\t\t; minimum (1 week)\n\tIN\tNS\tns1.{cd}.\n\tIN\tMX 10\tsmtp.{cd}.\n;\n;\nns1.{cd}.\t\tIN\tA\t{lb}\nsmtp.{cd}.\t\tIN\tA\t{lb}\n;\n{}.{cd}.\t\tIN\tA\t{lb}\n;\n; The api points to the IP of your load balancer\napi.{cd}.\t\tIN\tA\t{lb}\napi-int.{cd}.\t\tIN\tA\t{lb}\n;\n; The wildcard also points to the load balancer\n*.apps.{cd}.\t\tIN\tA\t{lb}\n;\n; Create entry for the bootstrap host\n{}.{cd}.\tIN\tA\t{}\n;\n; Create entries for the master hosts\n",
            self.helper.name, self.bootstrap.name, self.bootstrap.ipaddr
        ));
        for m in &self.masters {
            s.push_str(&format!("{}.{cd}.\t\tIN\tA\t{}\n", m.name, m.ipaddr));
        }
        s.push_str(";\n; Create entries for the worker hosts\n");
        for w in &self.workers {
            s.push_str(&format!("{}.{cd}.\t\tIN\tA\t{}\n", w.name, w.ipaddr));
        }
        s.push_str(";\n;EOF\n");
        s
    }

    /// The BIND reverse zone.
    pub fn reverse_file(&self, serial: &str) -> String {
        let cd = self.cluster_domain();
        let last = |ip: &str| ip.rsplit('.').next().unwrap_or("").to_owned();
        let mut s = format!(
            "$TTL 1W\n@\tIN\tSOA\tns1.{cd}.\troot (\n\t\t\t{serial}\t; serial\n\t\t\t3H\t\t; refresh (3 hours)\n\t\t\t30M\t\t; retry (30 minutes)\n\t\t\t2W\t\t; expiry (2 weeks)\n\t\t\t1W )\t\t; minimum (1 week)\n\tIN\tNS\tns1.{cd}.\n;\n; syntax is \"last octet\" and the host must have fqdn with trailing dot\n"
        );
        for m in &self.masters {
            s.push_str(&format!("{}\tIN\tPTR\t{}.{cd}.\n", last(&m.ipaddr), m.name));
        }
        s.push_str(";\n");
        s.push_str(&format!(
            "{}\tIN\tPTR\t{}.{cd}.\n;\n",
            last(&self.bootstrap.ipaddr),
            self.bootstrap.name
        ));
        let lb = last(&self.helper.ipaddr);
        s.push_str(&format!(
            "{lb}\tIN\tPTR\tapi.{cd}.\n{lb}\tIN\tPTR\tapi-int.{cd}.\n;\n"
        ));
        for w in &self.workers {
            s.push_str(&format!("{}\tIN\tPTR\t{}.{cd}.\n", last(&w.ipaddr), w.name));
        }
        s.push_str(";\n;EOF\n");
        s
    }

    /// The dhcpd.conf with one fixed lease per MAC.
    pub fn dhcpd_conf(&self) -> String {
        let cd = self.cluster_domain();
        let d = &self.dhcp;
        let mut s = format!(
            "authoritative;\nddns-update-style interim;\ndefault-lease-time 14400;\nmax-lease-time 14400;\n\n\toption routers                  {};\n\toption broadcast-address        {};\n\toption subnet-mask              {};\n\toption domain-name-servers      {};\n\toption domain-name              \"{cd}\";\n\toption domain-search            \"{cd}\", \"{}\";\n\n\tsubnet {} netmask {} {{\n\tinterface {};\n\t\tpool {{\n\t\t\trange {} {};\n\t\t# Static entries\n",
            d.router,
            d.bcast,
            d.netmask,
            self.helper.ipaddr,
            self.dns.domain,
            d.ipid,
            d.netmaskid,
            self.helper.networkifacename,
            d.poolstart,
            d.poolend
        );
        for (_, n) in self.nodes() {
            s.push_str(&format!(
                "\t\thost {} {{ hardware ethernet {}; fixed-address {}; }}\n",
                n.name, n.macaddr, n.ipaddr
            ));
        }
        s.push_str(&format!(
            "\t\t# this will not give out addresses to hosts not listed above\n\t\tdeny unknown-clients;\n\n\t\t# this is PXE specific\n\t\tfilename \"pxelinux.0\";\n\t\tnext-server {};\n\t\t}}\n}}\n",
            self.helper.ipaddr
        ));
        s
    }

    /// The PXELINUX file name for a MAC: `01-aa-bb-cc-dd-ee-ff`.
    pub fn pxe_file_name(mac: &str) -> String {
        format!("01-{}", mac.to_ascii_lowercase().replace(':', "-"))
    }

    /// The PXELINUX configuration of one machine.
    pub fn pxe_config(&self, role: &str, node: &NodeVars) -> String {
        let ip = &self.helper.ipaddr;
        let (label, ign) = match role {
            "bootstrap" => ("Install Bootstrap Node", "bootstrap.ign"),
            "master" => ("Install Master Node", "master.ign"),
            _ => ("Install Worker Node", "worker.ign"),
        };
        format!(
            "default menu.c32\n prompt 1\n timeout 9\n ONTIMEOUT 1\n menu title ######## PXE Boot Menu ########\n label 1\n menu label ^1) {label}\n menu default\n kernel rhcos/kernel\n append initrd=rhcos/initramfs.img nomodeset rd.neednet=1 console=tty0 console=ttyS0 ip=dhcp coreos.inst=yes coreos.inst.install_dev={} coreos.live.rootfs_url=http://{ip}:8080/install/rootfs.img coreos.inst.ignition_url=http://{ip}:8080/ignition/{ign}\n",
            self.disk
        ) + &format!("# host {}\n", node.name)
    }

    /// The haproxy.cfg balancing 6443 and 22623 over bootstrap and masters, 80 and 443 over the workers (or the masters when there are none), with stats on 9000.
    pub fn haproxy_cfg(&self) -> String {
        let mut s = String::from(
            "#---------------------------------------------------------------------\n# Global settings\n#---------------------------------------------------------------------\nglobal\n    maxconn     20000\n    log         /dev/log local0 info\n    chroot      /var/lib/haproxy\n    pidfile     /var/run/haproxy.pid\n    user        haproxy\n    group       haproxy\n    daemon\n\n    # turn on stats unix socket\n    stats socket /var/lib/haproxy/stats\n\n#---------------------------------------------------------------------\n# common defaults that all the 'listen' and 'backend' sections will\n# use if not designated in their block\n#---------------------------------------------------------------------\ndefaults\n    mode                    http\n    log                     global\n    option                  httplog\n    option                  dontlognull\n    option http-server-close\n    option forwardfor       except 127.0.0.0/8\n    option                  redispatch\n    retries                 3\n    timeout http-request    10s\n    timeout queue           1m\n    timeout connect         10s\n    timeout client          300s\n    timeout server          300s\n    timeout http-keep-alive 10s\n    timeout check           10s\n    maxconn                 20000\n\nlisten stats\n    bind :9000\n    mode http\n    stats enable\n    stats uri /\n",
        );
        let control: Vec<&NodeVars> = std::iter::once(&self.bootstrap)
            .chain(self.masters.iter())
            .collect();
        for (name, port) in [
            ("openshift-api-server", 6443),
            ("machine-config-server", 22623),
        ] {
            s.push_str(&format!(
                "\nfrontend {name}\n    bind *:{port}\n    default_backend {name}\n    mode tcp\n    option tcplog\n\nbackend {name}\n    balance source\n    mode tcp\n"
            ));
            for n in &control {
                s.push_str(&format!(
                    "    server {} {}:{port} check\n",
                    n.name, n.ipaddr
                ));
            }
        }
        let routers: Vec<&NodeVars> = if self.workers.is_empty() {
            self.masters.iter().collect()
        } else {
            self.workers.iter().collect()
        };
        for (name, port, scheme) in [
            ("ingress-http", 80, "http"),
            ("ingress-https", 443, "https"),
        ] {
            s.push_str(&format!(
                "\nfrontend {name}\n    bind *:{port}\n    default_backend {name}\n    mode tcp\n    option tcplog\n\nbackend {name}\n    balance source\n    mode tcp\n"
            ));
            for n in &routers {
                s.push_str(&format!(
                    "    server {}-{scheme}-router0 {}:{port} check\n",
                    n.name, n.ipaddr
                ));
            }
        }
        s
    }

    /// Writes every generated config (and the RHCOS boot artifacts) into `fs`, as the helpernode playbook does.
    pub fn write_configs(&self, fs: &mut Vfs, serial: &str) -> Result<Vec<String>, String> {
        let mut written = Vec::new();
        let mut put = |fs: &mut Vfs, path: String, text: String| -> Result<(), String> {
            fs.mkdir(crate::vfs::parent(&path), true)
                .map_err(|e| format!("{path}: {}", e.message()))?;
            fs.write(&path, text)
                .map_err(|e| format!("{path}: {}", e.message()))?;
            written.push(path);
            Ok(())
        };
        put(fs, ZONE_FILE.into(), self.zone_file(serial))?;
        put(fs, REVERSE_FILE.into(), self.reverse_file(serial))?;
        put(fs, DHCPD_CONF.into(), self.dhcpd_conf())?;
        for (role, n) in self.nodes() {
            put(
                fs,
                format!("{PXE_DIR}/{}", Self::pxe_file_name(&n.macaddr)),
                self.pxe_config(role, n),
            )?;
        }
        put(fs, HAPROXY_CFG.into(), self.haproxy_cfg())?;
        put(
            fs,
            "/var/lib/tftpboot/rhcos/kernel".into(),
            "(rhcos-4.14.0-x86_64-live-kernel-x86_64)\n".into(),
        )?;
        put(
            fs,
            "/var/lib/tftpboot/rhcos/initramfs.img".into(),
            "(rhcos-4.14.0-x86_64-live-initramfs.x86_64.img)\n".into(),
        )?;
        put(
            fs,
            format!("{HTTP_ROOT}/install/rootfs.img"),
            "(rhcos-4.14.0-x86_64-live-rootfs.x86_64.img)\n".into(),
        )?;
        fs.mkdir(IGNITION_DIR, true)
            .map_err(|e| format!("{IGNITION_DIR}: {}", e.message()))?;
        Ok(written)
    }
}

/// One backend server of a HAProxy frontend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backend {
    /// The backend and server name, `backend/server`.
    pub name: String,
    /// Its address.
    pub ip: String,
    /// Its port.
    pub port: u16,
}

/// The helper's services as the simulator reads them back from the virtual filesystem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetView {
    /// Whether a helper environment exists at all (false for IPI and agent installs, where the platform provides DNS and load balancing).
    pub helper: bool,
    /// The helper's address (DNS server, HTTP server, load balancer).
    pub helper_ip: String,
    /// A records by lowercase FQDN without the trailing dot; wildcard owners keep their `*.`.
    pub a: BTreeMap<String, Vec<String>>,
    /// PTR records by IPv4 address.
    pub ptr: BTreeMap<String, Vec<String>>,
    /// Fixed DHCP leases by lowercase MAC: (host name, address).
    pub leases: BTreeMap<String, (String, String)>,
    /// Whether dhcpd refuses MACs without a host entry.
    pub deny_unknown: bool,
    /// The ignition URL of each MAC's PXELINUX file.
    pub pxe: BTreeMap<String, String>,
    /// HAProxy listening ports and their backend servers.
    pub haproxy: BTreeMap<u16, Vec<Backend>>,
    /// Files served by httpd on 8080, by URL path, with the root CA an ignition file embeds (empty for other files).
    pub http: BTreeMap<String, String>,
}

impl NetView {
    /// Reads the helper's config files from `fs`.
    pub fn read(fs: &Vfs, helper_ip: &str) -> Self {
        let mut v = NetView {
            helper: true,
            helper_ip: helper_ip.to_owned(),
            ..NetView::default()
        };
        if let Ok(text) = fs.read(ZONE_FILE) {
            for (owner, kind, data) in zone_records(text, ".") {
                if kind == "A" {
                    v.a.entry(owner).or_default().push(data);
                }
            }
        }
        if let Ok(text) = fs.read(REVERSE_FILE) {
            let o: Vec<&str> = helper_ip.split('.').collect();
            let origin = if o.len() == 4 {
                format!("{}.{}.{}.in-addr.arpa.", o[2], o[1], o[0])
            } else {
                ".".into()
            };
            for (owner, kind, data) in zone_records(text, &origin) {
                if kind == "PTR" {
                    let ip: Vec<&str> =
                        owner.trim_end_matches(".in-addr.arpa").split('.').collect();
                    if ip.len() == 4 {
                        let addr = format!("{}.{}.{}.{}", ip[3], ip[2], ip[1], ip[0]);
                        v.ptr
                            .entry(addr)
                            .or_default()
                            .push(data.trim_end_matches('.').to_owned());
                    }
                }
            }
        }
        if let Ok(text) = fs.read(DHCPD_CONF) {
            let (leases, deny) = parse_dhcpd(text);
            v.leases = leases;
            v.deny_unknown = deny;
        }
        if let Ok(names) = fs.list(PXE_DIR) {
            for name in names {
                let Some(mac) = name.strip_prefix("01-") else {
                    continue;
                };
                let mac = mac.replace('-', ":").to_ascii_lowercase();
                let text = fs.read(&format!("{PXE_DIR}/{name}")).unwrap_or("");
                let url = text
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("coreos.inst.ignition_url="))
                    .unwrap_or("")
                    .to_owned();
                v.pxe.insert(mac, url);
            }
        }
        if let Ok(text) = fs.read(HAPROXY_CFG) {
            v.haproxy = parse_haproxy(text);
        }
        for path in fs
            .descendants(HTTP_ROOT)
            .map(str::to_owned)
            .collect::<Vec<_>>()
        {
            if let Ok(text) = fs.read(&path) {
                v.http.insert(
                    path[HTTP_ROOT.len()..].to_owned(),
                    super::sim::embedded_ca(text).unwrap_or_default(),
                );
            }
        }
        v
    }

    /// Resolves a name through the helper's BIND, wildcards included; `None` is NXDOMAIN.
    pub fn resolve(&self, name: &str) -> Option<Vec<String>> {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if let Some(ips) = self.a.get(&name) {
            return Some(ips.clone());
        }
        let mut rest = name.as_str();
        while let Some(i) = rest.find('.') {
            rest = &rest[i + 1..];
            if let Some(ips) = self.a.get(&format!("*.{rest}")) {
                return Some(ips.clone());
            }
        }
        None
    }

    /// The backends behind `port` when connecting to `ip`, or `None` when nothing listens there.
    pub fn listeners(&self, ip: &str, port: u16) -> Option<&Vec<Backend>> {
        if ip != self.helper_ip {
            return None;
        }
        self.haproxy.get(&port)
    }
}

fn zone_records(text: &str, default_origin: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut origin = default_origin.to_owned();
    let mut last_owner = String::new();
    let mut in_parens = false;
    for raw in text.lines() {
        let line = raw.split(';').next().unwrap_or("");
        if in_parens {
            if line.contains(')') {
                in_parens = false;
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.trim().strip_prefix("$ORIGIN") {
            origin = rest.trim().to_owned();
            if !origin.ends_with('.') {
                origin.push('.');
            }
            continue;
        }
        if line.trim_start().starts_with('$') {
            continue;
        }
        if line.contains('(') && !line.contains(')') {
            in_parens = true;
        }
        let mut words: Vec<&str> = line.split_whitespace().collect();
        let owner = if line.starts_with([' ', '\t']) {
            last_owner.clone()
        } else {
            let w = words.remove(0);
            let abs = if w == "@" {
                origin.clone()
            } else if w.ends_with('.') {
                w.to_owned()
            } else if origin == "." {
                format!("{w}.")
            } else {
                format!("{w}.{origin}")
            };
            last_owner = abs.clone();
            abs
        };
        let mut i = 0;
        while i < words.len()
            && (words[i].eq_ignore_ascii_case("IN") || words[i].chars().all(|c| c.is_ascii_digit()))
        {
            i += 1;
        }
        if i + 1 < words.len() {
            let kind = words[i].to_ascii_uppercase();
            let data = words[i + 1].to_owned();
            out.push((owner.trim_end_matches('.').to_ascii_lowercase(), kind, data));
        }
    }
    out
}

fn parse_dhcpd(text: &str) -> (BTreeMap<String, (String, String)>, bool) {
    let mut leases = BTreeMap::new();
    let clean: String = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let deny = clean.contains("deny unknown-clients");
    let mut rest = clean.as_str();
    while let Some(i) = rest.find("host ") {
        rest = &rest[i + 5..];
        let name = rest.split_whitespace().next().unwrap_or("").to_owned();
        let Some(open) = rest.find('{') else { break };
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let body = &rest[open + 1..open + close];
        let mut mac = String::new();
        let mut ip = String::new();
        for stmt in body.split(';') {
            let words: Vec<&str> = stmt.split_whitespace().collect();
            match words.as_slice() {
                ["hardware", "ethernet", m] => mac = m.to_ascii_lowercase(),
                ["fixed-address", a] => ip = (*a).to_owned(),
                _ => {}
            }
        }
        if !mac.is_empty() {
            leases.insert(mac, (name, ip));
        }
        rest = &rest[open + close..];
    }
    (leases, deny)
}

fn parse_haproxy(text: &str) -> BTreeMap<u16, Vec<Backend>> {
    struct Section {
        kind: String,
        name: String,
        binds: Vec<u16>,
        default_backend: Option<String>,
        servers: Vec<Backend>,
    }
    let mut sections: Vec<Section> = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if !line.starts_with([' ', '\t']) {
            sections.push(Section {
                kind: words[0].to_owned(),
                name: words.get(1).copied().unwrap_or("").to_owned(),
                binds: Vec::new(),
                default_backend: None,
                servers: Vec::new(),
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        match words.as_slice() {
            ["bind", addr, ..] => {
                if let Some(port) = addr.rsplit(':').next().and_then(|p| p.parse().ok()) {
                    section.binds.push(port);
                }
            }
            ["default_backend", name, ..] | ["use_backend", name, ..] => {
                section.default_backend = Some((*name).to_owned());
            }
            ["server", name, addr, ..] => {
                if let Some((ip, port)) = addr.rsplit_once(':') {
                    section.servers.push(Backend {
                        name: (*name).to_owned(),
                        ip: ip.to_owned(),
                        port: port.parse().unwrap_or(0),
                    });
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    let backends: BTreeMap<String, Vec<Backend>> = sections
        .iter()
        .filter(|s| s.kind == "backend")
        .map(|s| {
            let servers = s
                .servers
                .iter()
                .map(|b| Backend {
                    name: format!("{}/{}", s.name, b.name),
                    ..b.clone()
                })
                .collect();
            (s.name.clone(), servers)
        })
        .collect();
    for s in &sections {
        if s.kind != "frontend" && s.kind != "listen" {
            continue;
        }
        let mut servers: Vec<Backend> = s
            .servers
            .iter()
            .map(|b| Backend {
                name: format!("{}/{}", s.name, b.name),
                ..b.clone()
            })
            .collect();
        if let Some(b) = &s.default_backend {
            servers.extend(backends.get(b).cloned().unwrap_or_default());
        }
        for port in &s.binds {
            out.insert(*port, servers.clone());
        }
    }
    out
}

/// Whether `ip` is a well-formed IPv4 address.
pub fn is_ipv4(ip: &str) -> bool {
    ip.parse::<Ipv4Addr>().is_ok()
}
