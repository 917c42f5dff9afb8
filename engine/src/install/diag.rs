//! Diagnosis commands answered from the install simulator's view of the network: dig, nslookup, curl, journalctl and ssh to a cluster machine.

use crate::exec::{Ctx, Output};

use super::helper::NetView;
use super::sim::{MachineState, Role, Stage, fetch_http};
use super::util::{Rng, civil};
use super::{Installer, KUBE_VERSION};

/// Runs one diagnosis command, or returns `None` when it is not one the simulator answers.
pub fn run(inst: &Installer, argv: &[String], ctx: &mut Ctx) -> Option<Output> {
    let net = match &inst.helper {
        Some(h) => NetView::read(ctx.fs, &h.helper.ipaddr),
        None => inst.net.clone(),
    };
    let cmd = argv.first()?.as_str();
    if matches!(cmd, "dig" | "nslookup") && !answers_name(inst, &argv[1..]) {
        return None;
    }
    match cmd {
        "dig" => Some(dig(inst, &net, &argv[1..], ctx.now)),
        "nslookup" => Some(nslookup(&net, &argv[1..])),
        "curl" => curl(inst, &net, &argv[1..], ctx),
        "journalctl" => Some(journalctl(inst, &net, "", &argv[1..])),
        "ssh" => {
            let mut i = 1;
            while i < argv.len() && argv[i].starts_with('-') {
                if matches!(argv[i].as_str(), "-i" | "-o" | "-p" | "-l") {
                    i += 1;
                }
                i += 1;
            }
            let target = argv.get(i)?;
            let host = target.rsplit('@').next().unwrap_or(target);
            let rest = &argv[i + 1..];
            let machine = find_machine(inst, &net, host)?;
            match rest.first().map(String::as_str) {
                Some("journalctl") => Some(journalctl(inst, &net, &machine, &rest[1..])),
                Some(_) => None,
                None => Some(Output::err(
                    "Pseudo-terminal will not be allocated because stdin is not a terminal.\n",
                    255,
                )),
            }
        }
        _ => None,
    }
}

/// Whether the simulator's DNS is authoritative for the name a dig or nslookup asks about (the helper's domain, its
/// reverse zone, or the installed cluster's domain); other names are left to the caller's resolver.
fn answers_name(inst: &Installer, args: &[String]) -> bool {
    let Some(name) = args.iter().rev().find(|a| {
        !a.starts_with(['-', '+', '@']) && !matches!(a.as_str(), "A" | "a" | "PTR" | "ptr")
    }) else {
        return inst.helper.is_some();
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if let Some(h) = &inst.helper {
        if super::helper::is_ipv4(&name) {
            let o: Vec<&str> = name.split('.').collect();
            return format!("{}.{}.{}.in-addr.arpa", o[2], o[1], o[0]) == h.reverse_zone();
        }
        return name == h.dns.domain || name.ends_with(&format!(".{}", h.dns.domain));
    }
    inst.cluster
        .as_ref()
        .is_some_and(|c| name.ends_with(&format!(".{}", c.config.cluster_domain())))
}

fn find_machine(inst: &Installer, net: &NetView, host: &str) -> Option<String> {
    let sim = inst.sim.as_ref()?;
    let by_ip = if super::helper::is_ipv4(host) {
        host.to_owned()
    } else {
        net.resolve(host)
            .and_then(|v| v.first().cloned())
            .unwrap_or_default()
    };
    sim.machines
        .iter()
        .find(|m| m.name == host || m.fqdn == host || (!by_ip.is_empty() && m.ip == by_ip))
        .map(|m| m.name.clone())
}

fn weekday(ms: i64) -> &'static str {
    let days = ms.div_euclid(86_400_000);
    ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize]
}

fn dig(inst: &Installer, net: &NetView, args: &[String], now: i64) -> Output {
    let mut short = false;
    let mut reverse = false;
    let mut name = String::new();
    let mut qtype = "A".to_owned();
    for a in args {
        match a.as_str() {
            "+short" => short = true,
            "-x" => reverse = true,
            s if s.starts_with('@') || s.starts_with('+') => {}
            "A" | "a" => qtype = "A".into(),
            "PTR" | "ptr" => qtype = "PTR".into(),
            s => name = s.to_owned(),
        }
    }
    if name.is_empty() {
        name = ".".into();
        qtype = "NS".into();
    }
    let server = if net.helper {
        net.helper_ip.clone()
    } else {
        "10.0.0.2".into()
    };
    let (qname, answers): (String, Option<Vec<String>>) = if reverse {
        qtype = "PTR".into();
        let o: Vec<&str> = name.split('.').collect();
        let q = if o.len() == 4 {
            format!("{}.{}.{}.{}.in-addr.arpa.", o[3], o[2], o[1], o[0])
        } else {
            format!("{name}.")
        };
        (
            q,
            net.ptr
                .get(&name)
                .map(|v| v.iter().map(|h| format!("{h}.")).collect()),
        )
    } else {
        let fqdn = format!("{}.", name.trim_end_matches('.'));
        let ans = if net.helper {
            net.resolve(&name)
        } else {
            platform_resolve(inst, &name)
        };
        (fqdn, ans)
    };
    if short {
        return Output::ok(answers.map(|v| v.join("\n") + "\n").unwrap_or_default());
    }
    let id = (Rng::new(&format!("{qname}{now}")).next() % 65_536) as u32;
    let (status, count) = match &answers {
        Some(v) => ("NOERROR", v.len()),
        None => ("NXDOMAIN", 0),
    };
    let mut out = format!(
        "\n; <<>> DiG 9.16.23-RH <<>> {}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: {status}, id: {id}\n;; flags: qr aa rd ra; QUERY: 1, ANSWER: {count}, AUTHORITY: {}, ADDITIONAL: 1\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;{qname}\t\t\tIN\t{qtype}\n\n",
        args.join(" "),
        if answers.is_some() { 0 } else { 1 }
    );
    match &answers {
        Some(v) => {
            out.push_str(";; ANSWER SECTION:\n");
            for a in v {
                out.push_str(&format!("{qname}\t604800\tIN\t{qtype}\t{a}\n"));
            }
        }
        None => {
            let zone = inst
                .helper
                .as_ref()
                .map(|h| {
                    if reverse {
                        h.reverse_zone()
                    } else {
                        h.dns.domain.clone()
                    }
                })
                .unwrap_or_else(|| "example.com".into());
            let cd = inst
                .helper
                .as_ref()
                .map(|h| h.cluster_domain())
                .unwrap_or_default();
            out.push_str(&format!(
                ";; AUTHORITY SECTION:\n{zone}.\t\t604800\tIN\tSOA\tns1.{cd}. root.{zone}. 2026112300 10800 1800 1209600 604800\n"
            ));
        }
    }
    let (y, m, d, h, mi, s) = civil(now);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    out.push_str(&format!(
        "\n;; Query time: 0 msec\n;; SERVER: {server}#53({server})\n;; WHEN: {} {month} {d:2} {h:02}:{mi:02}:{s:02} UTC {y}\n;; MSG SIZE  rcvd: {}\n\n",
        weekday(now),
        60 + 16 * count
    ));
    Output::ok(out)
}

fn platform_resolve(inst: &Installer, name: &str) -> Option<Vec<String>> {
    let c = inst.cluster.as_ref()?;
    let cd = c.config.cluster_domain();
    let n = name.trim_end_matches('.');
    if n == format!("api.{cd}")
        || n == format!("api-int.{cd}")
        || n.ends_with(&format!(".apps.{cd}"))
    {
        Some(vec!["10.0.0.5".into()])
    } else {
        None
    }
}

fn nslookup(net: &NetView, args: &[String]) -> Output {
    let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
        return Output::err("nslookup: interactive mode is not supported here\n", 1);
    };
    let server = if net.helper {
        net.helper_ip.clone()
    } else {
        "10.0.0.2".into()
    };
    let head = format!("Server:\t\t{server}\nAddress:\t{server}#53\n\n");
    if super::helper::is_ipv4(name) {
        let o: Vec<&str> = name.split('.').collect();
        let arpa = format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0]);
        return match net.ptr.get(name.as_str()) {
            Some(hosts) => {
                let body: String = hosts
                    .iter()
                    .map(|h| format!("{arpa}\tname = {h}.\n"))
                    .collect();
                Output::ok(format!("{body}\n"))
            }
            None => Output {
                stdout: format!("{head}** server can't find {arpa}: NXDOMAIN\n\n"),
                stderr: String::new(),
                code: 1,
            },
        };
    }
    match net.resolve(name) {
        Some(ips) => {
            let body: String = ips
                .iter()
                .map(|ip| format!("Name:\t{name}\nAddress: {ip}\n"))
                .collect();
            Output::ok(format!("{head}{body}\n"))
        }
        None => Output {
            stdout: format!("{head}** server can't find {name}: NXDOMAIN\n\n"),
            stderr: String::new(),
            code: 1,
        },
    }
}

fn curl(inst: &Installer, net: &NetView, args: &[String], ctx: &Ctx) -> Option<Output> {
    let mut insecure = false;
    let mut silent = false;
    let mut show_error = false;
    let mut url = None;
    for a in args {
        match a.as_str() {
            "-k" | "--insecure" => insecure = true,
            "-s" | "--silent" => silent = true,
            "-S" | "--show-error" => show_error = true,
            "-sS" | "-Ss" => {
                silent = true;
                show_error = true;
            }
            "-sk" | "-ks" => {
                silent = true;
                insecure = true;
            }
            s if s.starts_with('-') => {}
            s => url = Some(s.to_owned()),
        }
    }
    let url = url?;
    let fail = |code: i32, msg: String| -> Output {
        let stderr = if silent && !show_error {
            String::new()
        } else {
            format!("curl: ({code}) {msg}\n")
        };
        Output {
            stdout: String::new(),
            stderr,
            code,
        }
    };
    if url.starts_with("http://") {
        if !net.helper {
            return None;
        }
        return Some(match fetch_http(net, &url) {
            Ok(_) => {
                let path = url.splitn(4, '/').nth(3).unwrap_or("");
                Output::ok(
                    ctx.fs
                        .read(&format!("{}/{path}", super::helper::HTTP_ROOT))
                        .unwrap_or("")
                        .to_owned(),
                )
            }
            Err(e) if e.contains("404") => {
                let path = url.splitn(4, '/').nth(3).unwrap_or("");
                Output::ok(format!(
                    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL /{path} was not found on this server.</p>\n</body></html>\n"
                ))
            }
            Err(e) if e.contains("dns error") => {
                fail(6, format!("Could not resolve host: {}", host_of(&url)))
            }
            Err(_) => fail(
                7,
                format!(
                    "Failed to connect to {} port {}: Connection refused",
                    host_of(&url),
                    port_of(&url, 80)
                ),
            ),
        });
    }
    let rest = url.strip_prefix("https://")?;
    let host = host_of(&url);
    let port = port_of(&url, 443);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    let c = inst.cluster.as_ref()?;
    let cd = c.config.cluster_domain();
    if host != format!("api-int.{cd}") && host != format!("api.{cd}") {
        return None;
    }
    let sim = inst.sim.as_ref();
    let ip = if net.helper {
        match net.resolve(&host) {
            Some(v) => v.first().cloned().unwrap_or_default(),
            None => return Some(fail(6, format!("Could not resolve host: {host}"))),
        }
    } else {
        "10.0.0.5".into()
    };
    let serving: Vec<String> = sim
        .map(|s| {
            s.machines
                .iter()
                .filter(|m| match (m.role, port) {
                    (Role::Bootstrap, 22623) => {
                        m.state == MachineState::Running
                            && s.stage >= Stage::TemporaryControlPlane
                            && s.stage < Stage::ComputeNodes
                    }
                    (Role::Bootstrap, 6443) => {
                        m.state == MachineState::Running
                            && s.api_up_at.is_some()
                            && s.stage < Stage::ComputeNodes
                    }
                    (Role::Master, _) => m.state == MachineState::Ready,
                    _ => false,
                })
                .map(|m| m.ip.clone())
                .collect()
        })
        .unwrap_or_default();
    if net.helper {
        let Some(backends) = net.listeners(&ip, port) else {
            return Some(fail(
                7,
                format!("Failed to connect to {host} port {port}: Connection refused"),
            ));
        };
        if !backends.iter().any(|b| serving.contains(&b.ip)) {
            return Some(fail(
                35,
                format!("OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to {host}:{port} "),
            ));
        }
    } else if serving.is_empty() {
        return Some(fail(
            7,
            format!("Failed to connect to {host} port {port}: Connection refused"),
        ));
    }
    if !insecure {
        let expired = sim
            .and_then(|s| {
                s.bootstrap_index()
                    .and_then(|b| s.machines[b].cert_not_after)
            })
            .is_some_and(|t| t <= inst.clock);
        let why = if expired {
            "certificate has expired"
        } else {
            "self signed certificate in certificate chain"
        };
        return Some(fail(
            60,
            format!(
                "SSL certificate problem: {why}\nMore details here: https://curl.haxx.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above."
            ),
        ));
    }
    Some(match (port, path) {
        (22623, p) if p.starts_with("/config/") => {
            let role = p.trim_start_matches("/config/");
            if role != "master" && role != "worker" {
                Output::ok(String::new())
            } else {
                Output::ok(format!(
                    "{{\"ignition\":{{\"version\":\"3.2.0\"}},\"passwd\":{{\"users\":[{{\"name\":\"core\"}}]}},\"storage\":{{\"files\":[{{\"path\":\"/etc/kubernetes/kubelet.conf\",\"contents\":{{\"source\":\"data:,\"}},\"mode\":420}},{{\"path\":\"/etc/mcs-machine-config-content.json\",\"contents\":{{\"source\":\"data:,rendered-{role}\"}},\"mode\":420}}]}},\"systemd\":{{\"units\":[{{\"name\":\"kubelet.service\",\"enabled\":true}},{{\"name\":\"crio.service\",\"enabled\":true}}]}}}}\n"
                ))
            }
        }
        (6443, "/version") => Output::ok(format!(
            "{{\n  \"major\": \"1\",\n  \"minor\": \"27\",\n  \"gitVersion\": \"{KUBE_VERSION}\",\n  \"gitCommit\": \"f67aeb3e4b2c5a1d0e9f8b7c6a5d4e3f2a1b0c9d\",\n  \"gitTreeState\": \"clean\",\n  \"buildDate\": \"2023-10-18T14:02:18Z\",\n  \"goVersion\": \"go1.20.10 X:strictfipsruntime\",\n  \"compiler\": \"gc\",\n  \"platform\": \"linux/amd64\"\n}}"
        )),
        _ => Output::ok(
            "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}",
        ),
    })
}

fn host_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let hp = rest.split('/').next().unwrap_or("");
    hp.rsplit_once(':').map(|(h, _)| h).unwrap_or(hp).to_owned()
}

fn port_of(url: &str, default: u16) -> u16 {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let hp = rest.split('/').next().unwrap_or("");
    hp.rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or(default)
}

fn journalctl(inst: &Installer, net: &NetView, machine: &str, args: &[String]) -> Output {
    let mut units = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-u" || a == "--unit" {
            if let Some(u) = args.get(i + 1) {
                units.push(u.clone());
            }
            i += 2;
            continue;
        }
        if let Some(u) = a.strip_prefix("--unit=") {
            units.push(u.to_owned());
        } else if let Some(u) = a.strip_prefix("-u").filter(|u| !u.is_empty()) {
            units.push(u.to_owned());
        }
        i += 1;
    }
    let Some(sim) = &inst.sim else {
        return Output::ok("-- No entries --\n");
    };
    let on_helper = machine.is_empty()
        || sim
            .machines
            .iter()
            .any(|m| m.name == machine && matches!(m.role, Role::Helper | Role::LoadBalancer));
    if on_helper {
        return Output::ok(helper_journal(inst, net, &units));
    }
    let text = sim.journal_text(machine, &units).unwrap_or_default();
    let first = sim
        .machines
        .iter()
        .find(|m| m.name == machine)
        .and_then(|m| m.journal.first().map(|l| l.at))
        .unwrap_or(sim.started_at);
    let head = format!(
        "-- Logs begin at {} UTC. --\n",
        super::util::rfc3339(first)
            .replace('T', " ")
            .trim_end_matches('Z')
    );
    if text.is_empty() {
        Output::ok(format!("{head}-- No entries --\n"))
    } else {
        Output::ok(format!("{head}{text}"))
    }
}

fn helper_journal(inst: &Installer, net: &NetView, units: &[String]) -> String {
    let Some(sim) = &inst.sim else {
        return String::new();
    };
    let host = inst
        .helper
        .as_ref()
        .map(|h| format!("{}.{}", h.helper.name, h.cluster_domain()))
        .unwrap_or_else(|| "helper".into());
    let iface = inst
        .helper
        .as_ref()
        .map(|h| h.helper.networkifacename.clone())
        .unwrap_or_else(|| "ens3".into());
    let want =
        |u: &str| units.is_empty() || units.iter().any(|x| x.trim_end_matches(".service") == u);
    let t = super::util::journal_time(sim.started_at + 20_000);
    let mut out = String::new();
    if want("dhcpd") {
        for m in sim
            .machines
            .iter()
            .filter(|m| !matches!(m.role, Role::Helper | Role::LoadBalancer))
        {
            if sim.stage < Stage::ProductionControlPlane && m.role == Role::Worker {
                continue;
            }
            out.push_str(&format!(
                "{t} {host} dhcpd[1042]: DHCPDISCOVER from {} via {iface}",
                m.mac
            ));
            match net.leases.get(&m.mac) {
                Some((_, ip)) => out.push_str(&format!(
                    "\n{t} {host} dhcpd[1042]: DHCPOFFER on {ip} to {} via {iface}\n{t} {host} dhcpd[1042]: DHCPREQUEST for {ip} ({}) from {} via {iface}\n{t} {host} dhcpd[1042]: DHCPACK on {ip} to {} via {iface}\n",
                    m.mac, net.helper_ip, m.mac, m.mac
                )),
                None => out.push_str(&format!(": network {}: no free leases\n", dhcp_network(inst))),
            }
        }
    }
    if want("haproxy") {
        for (port, backends) in &net.haproxy {
            if *port == 9000 {
                continue;
            }
            let is_up = |ip: &str| {
                sim.machines.iter().any(|m| {
                    m.ip == ip && matches!(m.state, MachineState::Running | MachineState::Ready)
                })
            };
            let mut left = backends.len();
            for b in backends {
                if !is_up(&b.ip) {
                    left -= 1;
                    out.push_str(&format!(
                        "{t} {host} haproxy[1201]: Server {} is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. {left} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.\n",
                        b.name
                    ));
                }
            }
        }
    }
    if out.is_empty() {
        "-- No entries --\n".into()
    } else {
        out
    }
}

fn dhcp_network(inst: &Installer) -> String {
    inst.helper
        .as_ref()
        .map(|h| {
            let bits: u32 = h
                .dhcp
                .netmaskid
                .split('.')
                .filter_map(|o| o.parse::<u8>().ok())
                .map(|o| o.count_ones())
                .sum();
            format!("{}/{bits}", h.dhcp.ipid)
        })
        .unwrap_or_else(|| "192.168.7.0/24".into())
}
