//! In-cluster HTTP: `curl` from the workstation (through routes, node ports and load balancers) and from inside
//! containers (through service names and cluster IPs), answered by the target pod's image and logged in its access log.

use std::sync::Arc;

use serde_json::Value;

use crate::api::object::ip_string;
use crate::api::selector::Selector;
use crate::api::{Object, k};
use crate::cluster::Cluster;
use crate::cluster::controllers::kubelet::{Request, fill_placeholders};
use crate::cluster::controllers::workloads::pod_ready;
use crate::exec::{Ctx, Output};

/// Where a request is sent from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin<'a> {
    /// The learner's workstation, outside the cluster.
    Workstation,
    /// A pod inside the cluster, in this namespace, with this IP.
    Pod(&'a str, &'a str),
}

/// A parsed curl command line.
struct Curl {
    url: String,
    head: bool,
    silent: bool,
    include: bool,
    verbose: bool,
    fail: bool,
}

fn parse(argv: &[String]) -> Result<Curl, Output> {
    let mut curl = Curl {
        url: String::new(),
        head: false,
        silent: false,
        include: false,
        verbose: false,
        fail: false,
    };
    let mut args = argv[1..].iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "-I" | "--head" => curl.head = true,
            "-i" | "--include" => curl.include = true,
            "-v" | "--verbose" => curl.verbose = true,
            "-f" | "--fail" => curl.fail = true,
            "-k" | "--insecure" | "-L" | "--location" => {}
            "-o" | "--output" | "-H" | "--header" | "-X" | "--request" | "-m" | "--max-time"
            | "--connect-timeout" | "-w" => {
                args.next();
            }
            s if s.starts_with("--") => {}
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    match c {
                        's' => curl.silent = true,
                        'S' | 'k' | 'L' => {}
                        'I' => curl.head = true,
                        'i' => curl.include = true,
                        'v' => curl.verbose = true,
                        'f' => curl.fail = true,
                        _ => {}
                    }
                }
            }
            url => curl.url = url.to_owned(),
        }
    }
    if curl.url.is_empty() {
        return Err(Output::err(
            "curl: try 'curl --help' or 'curl --manual' for more information\n",
            2,
        ));
    }
    Ok(curl)
}

/// Splits a URL into host, port (the scheme's, 80 or 443, when it names none) and path.
fn split_url(url: &str) -> (String, u16, String) {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_owned(), url),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_owned()),
        None => (rest, "/".to_owned()),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() => {
            (h.to_owned(), p.parse().ok())
        }
        _ => (authority.to_owned(), None),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    (host, port.unwrap_or(default_port), path)
}

/// What a request reached.
enum Target {
    /// A service.
    Service(Arc<Object>),
    /// A pod directly.
    Pod(Arc<Object>),
    /// An OpenShift route (through the router).
    Route(Arc<Object>),
}

fn find_target(cluster: &Cluster, host: &str, port: u16, origin: Origin) -> Option<Target> {
    if origin == Origin::Workstation && matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        // The workstation's own ports: what `kubectl port-forward` forwards, to a pod that still exists.
        let (namespace, pod, _) = cluster.port_forwards.get(&port)?;
        return cluster.get(k::pod(), namespace, pod).map(Target::Pod);
    }
    for route in cluster.store.list(k::route(), None) {
        if route.spec()["host"].as_str() == Some(host) {
            return Some(Target::Route(route.clone()));
        }
    }
    let services: Vec<&Arc<Object>> = cluster.store.list(k::service(), None).collect();
    // Node ports and load balancers are reachable from outside.
    let node_ip = cluster
        .node_ips
        .iter()
        .any(|(_, ip)| ip_string(*ip) == host);
    for svc in &services {
        let ports = svc.spec()["ports"].as_array().cloned().unwrap_or_default();
        if node_ip
            && ports
                .iter()
                .any(|p| p["nodePort"].as_u64().map(|n| n as u16) == Some(port))
        {
            return Some(Target::Service((*svc).clone()));
        }
        let lb = svc.status_json()["loadBalancer"]["ingress"][0]["hostname"].as_str();
        if lb == Some(host) {
            return Some(Target::Service((*svc).clone()));
        }
    }
    let Origin::Pod(namespace, own_ip) = origin else {
        return None;
    };
    // Inside a pod, localhost is the pod itself: its containers share one network namespace.
    let host = if host == "localhost" || host == "127.0.0.1" {
        own_ip
    } else {
        host
    };
    let cluster_domain = "svc.cluster.local";
    for svc in &services {
        let name = svc.meta.name.as_str();
        let ns = svc.meta.namespace.as_str();
        let names = [
            format!("{name}.{ns}.{cluster_domain}"),
            format!("{name}.{ns}.svc"),
            format!("{name}.{ns}"),
        ];
        let matches = names.iter().any(|n| n == host)
            || (host == name && ns == namespace)
            || svc.spec()["clusterIP"].as_str() == Some(host);
        if matches {
            return Some(Target::Service((*svc).clone()));
        }
    }
    cluster
        .store
        .list(k::pod(), None)
        .find(|p| p.pod().and_then(|s| s.pod_ip).map(ip_string).as_deref() == Some(host))
        .map(|p| Target::Pod(p.clone()))
}

fn backends(cluster: &Cluster, svc: &Object) -> Vec<Arc<Object>> {
    let Some(selector) = svc.spec()["selector"].as_object().filter(|m| !m.is_empty()) else {
        return Vec::new();
    };
    let selector = Selector::from_map(&Value::Object(selector.clone()));
    cluster
        .store
        .list(k::pod(), Some(&svc.meta.namespace))
        .filter(|p| selector.matches(&p.meta.labels) && pod_ready(p))
        .cloned()
        .collect()
}

/// Answers a request with the pod's image and logs it; returns (status, body).
fn serve(
    cluster: &mut Cluster,
    pod: &Object,
    path: &str,
    client: &str,
    head: bool,
) -> (u16, String) {
    let containers = pod.spec()["containers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let Some(container) = containers.first() else {
        return (502, String::new());
    };
    let image = container["image"].as_str().unwrap_or_default().to_owned();
    let info = cluster.info.image(&image).cloned();
    let response = info
        .as_ref()
        .and_then(|i| i.http_response.clone())
        .unwrap_or(Value::Null);
    let name = container["name"].as_str().unwrap_or_default();
    // A page the learner changed inside the container is what it serves.
    let changed = crate::cluster::kept_files::served_page(cluster, pod, name, path);
    let status = match changed {
        Some(_) => 200,
        None => response["status"].as_u64().unwrap_or(200) as u16,
    };
    let body = changed
        .clone()
        .unwrap_or_else(|| page(&response, &pod.meta.name, &image));
    let bytes = response["bytes"]
        .as_u64()
        .map(|b| b as usize)
        .filter(|_| changed.is_none())
        .unwrap_or(body.len());
    if let Some(line) = info.as_ref().and_then(|i| i.access_log.clone()) {
        let request = Request {
            client,
            method: if head { "HEAD" } else { "GET" },
            path,
            status,
            bytes,
            user_agent: "curl/7.76.1",
        };
        let filled = fill_placeholders(
            cluster,
            pod,
            info.as_ref(),
            &line,
            cluster.now,
            Some(&request),
        );
        let name = container["name"].as_str().unwrap_or_default().to_owned();
        cluster
            .logs
            .entry((pod.meta.uid, name))
            .or_default()
            .push((cluster.now, filled));
        cluster
            .logs
            .entry((pod.meta.uid, String::new()))
            .or_default()
            .push((cluster.now, String::new()));
    }
    (status, body)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        404 => "Not Found",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "OK",
    }
}

/// A failed `curl`: its message on standard error unless `-s` silenced it (and `-S` did not bring it back).
pub(super) fn failure(argv: &[String], message: String, code: i32) -> Output {
    let silent = parse(argv).is_ok_and(|c| c.silent);
    let show_error = argv.iter().any(|a| {
        a == "--show-error" || (a.starts_with('-') && !a.starts_with("--") && a.contains('S'))
    });
    Output::err(
        if silent && !show_error {
            String::new()
        } else {
            message
        },
        code,
    )
}

/// curl's message for a connection nobody answered (a firewall dropping it), after the kernel's SYN retries.
pub(super) fn timed_out(host: &str, port: u16) -> String {
    format!(
        "curl: (28) Failed to connect to {host} port {port} after 130001 ms: Connection timed out\n"
    )
}

/// The host, port (the scheme's when the URL names none) and path a `curl` command line asks for.
pub(super) fn curl_url(argv: &[String]) -> Option<(String, u16, String)> {
    parse(argv).ok().map(|curl| split_url(&curl.url))
}

/// Whether a `curl` command line asks to fail on HTTP errors (`-f`).
pub(super) fn curl_fails(argv: &[String]) -> bool {
    parse(argv).is_ok_and(|curl| curl.fail)
}

/// Runs `curl` from `origin`.
pub fn curl(cluster: &mut Cluster, argv: &[String], origin: Origin) -> Output {
    let curl = match parse(argv) {
        Ok(c) => c,
        Err(out) => return out,
    };
    let (host, port, path) = split_url(&curl.url);
    let client = match origin {
        Origin::Workstation => "10.128.2.2".to_owned(),
        Origin::Pod(_, ip) => ip.to_owned(),
    };
    let target = find_target(cluster, &host, port, origin);
    let (status, body, server) = match target {
        None if origin == Origin::Workstation
            && matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") =>
        {
            // Nothing listens on that port of the workstation.
            let err = format!(
                "curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n"
            );
            return failure(argv, err, 7);
        }
        None => {
            let err = if origin == Origin::Workstation
                && (host.contains('.')
                    && host
                        .split('.')
                        .all(|p| p.chars().all(|c| c.is_ascii_digit())))
            {
                timed_out(&host, port)
            } else {
                format!("curl: (6) Could not resolve host: {host}\n")
            };
            let code = if err.starts_with("curl: (28)") { 28 } else { 6 };
            return failure(argv, err, code);
        }
        Some(Target::Route(route)) => {
            let service = route.spec()["to"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let svc = cluster.get(k::service(), &route.meta.namespace, &service);
            let pods = svc.map(|s| backends(cluster, &s)).unwrap_or_default();
            if pods.is_empty() {
                (503, "<html>\n  <head>\n    <title>Application is not available</title>\n  </head>\n  <body>\n    <h1>Application is not available</h1>\n    <p>The application is currently not serving requests at this endpoint. It may not have been started or is still starting.</p>\n  </body>\n</html>\n".to_owned(), "")
            } else {
                let pick = (cluster.now / 1000) as usize % pods.len();
                let (status, body) = serve(cluster, &pods[pick], &path, "10.131.0.2", curl.head);
                (status, body, "nginx")
            }
        }
        Some(Target::Service(svc)) => {
            let pods = backends(cluster, &svc);
            if pods.is_empty() {
                let err = format!(
                    "curl: (7) Failed to connect to {host} port {port} after 1 ms: Couldn't connect to server\n"
                );
                return Output::err(err, 7);
            }
            let pick = (cluster.now / 1000) as usize % pods.len();
            let (status, body) = serve(cluster, &pods[pick], &path, &client, curl.head);
            (status, body, "nginx")
        }
        Some(Target::Pod(pod)) => {
            let (status, body) = serve(cluster, &pod, &path, &client, curl.head);
            (status, body, "nginx")
        }
    };
    let mut out = String::new();
    if curl.head || curl.include {
        out.push_str(&format!("HTTP/1.1 {status} {}\r\n", reason(status)));
        if !server.is_empty() {
            out.push_str(&format!("server: {server}\r\n"));
        }
        out.push_str(&format!(
            "content-type: text/html\r\ncontent-length: {}\r\n\r\n",
            body.len()
        ));
    }
    if curl.fail && status >= 400 {
        return Output::err(
            format!("curl: (22) The requested URL returned error: {status}\n"),
            22,
        );
    }
    if !curl.head {
        out.push_str(&body);
    }
    let _ = curl.verbose;
    Output::ok(out)
}

/// Network tools on the workstation: `curl`, and `dig`/`nslookup` for names the cluster publishes.
pub fn workstation(cluster: &mut Cluster, argv: &[String], _ctx: &mut Ctx) -> Output {
    match argv[0].as_str() {
        "curl" => curl(cluster, argv, Origin::Workstation),
        tool => {
            let Some(name) = argv[1..].iter().find(|a| !a.starts_with(['-', '+', '@'])) else {
                return Output::err(format!("{tool}: missing name\n"), 1);
            };
            let apps = cluster.info.apps_domain.clone();
            let api = cluster
                .info
                .api_server
                .trim_start_matches("https://")
                .split(':')
                .next()
                .unwrap_or_default()
                .to_owned();
            let address = if (!apps.is_empty() && name.ends_with(&apps)) || name == &api {
                Some("192.168.50.254")
            } else {
                None
            };
            match (tool, address) {
                ("dig", Some(ip)) if argv.iter().any(|a| a == "+short") => {
                    Output::ok(format!("{ip}\n"))
                }
                ("dig", Some(ip)) => {
                    Output::ok(format!(";; ANSWER SECTION:\n{name}.\t\t300\tIN\tA\t{ip}\n"))
                }
                ("dig", None) => Output::ok(String::new()),
                (_, Some(ip)) => Output::ok(format!(
                    "Server:\t\t192.168.50.254\nAddress:\t192.168.50.254#53\n\nName:\t{name}\nAddress: {ip}\n\n"
                )),
                (_, None) => Output::err(
                    format!(
                        "Server:\t\t192.168.50.254\nAddress:\t192.168.50.254#53\n\n** server can't find {name}: NXDOMAIN\n\n"
                    ),
                    1,
                ),
            }
        }
    }
}

/// The page a server image answers `/` with (its catalogue entry's `httpResponse`), as served by `pod`; the same text
/// is the page file a shell in the container finds.
pub(super) fn page(response: &Value, pod: &str, image: &str) -> String {
    match response["body"].as_str() {
        Some(b) => b.to_owned(),
        None => {
            let title = response["title"].as_str().unwrap_or("It works");
            let first = response["firstLine"].as_str().unwrap_or("<!DOCTYPE html>");
            format!(
                "{first}\n<html>\n<head>\n<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n<p>Served by {pod} ({image}).</p>\n</body>\n</html>\n"
            )
        }
    }
}
