//! The finished install as a cluster: the OpenShift classroom scenario rewritten for the nodes, names, domain, password and times of the install, and `oc` answers for the cluster while it is still installing.
//!
//! [`scenario_for`] turns an [`InstalledCluster`] into a scenario stream (the first document is the `Scenario`
//! header) that `Cluster::from_scenario` loads: its nodes are the machines the install built, its API and routes live
//! under the install's cluster domain, kubeadmin's password is the generated one and every timestamp falls between the
//! first boot and the end of the install. [`run_oc`] answers the few `oc` commands a learner types against a cluster
//! that is still bootstrapping (`get csr`, `adm certificate approve`, `get nodes`, `get co`, `get clusterversion`)
//! when `KUBECONFIG` (or `--kubeconfig`) names the install's `auth/kubeconfig`.

use serde_json::{Map, Value, json};

use super::sim::{OCP_VERSION, RELEASE_IMAGE};
use super::{InstalledCluster, Installer, NodeAddr};
use crate::api::time::{parse_rfc3339, rfc3339};
use crate::exec::{Ctx, Output};
use crate::printers::age::human_duration;
use crate::printers::table::tabwrite;

/// The scenario the installed cluster is built from.
const BASE_SCENARIO: &str = "ocp4";
/// The base scenario's control plane nodes, in order.
const BASE_MASTERS: [&str; 3] = ["master01", "master02", "master03"];
/// The base scenario's compute nodes, in order.
const BASE_WORKERS: [&str; 3] = ["worker01", "worker02", "worker03"];
/// The base scenario's node addresses, masters then workers.
const BASE_IPS: [&str; 6] = [
    "192.168.50.10",
    "192.168.50.11",
    "192.168.50.12",
    "192.168.50.13",
    "192.168.50.14",
    "192.168.50.15",
];
/// The base scenario's cluster domain.
const BASE_DOMAIN: &str = "ocp4.example.com";

/// The scenario stream of the installed cluster `done`, whose clock reads `now`.
pub fn scenario_for(done: &InstalledCluster, now: i64) -> Result<String, String> {
    let text = crate::cluster::scenario::built_in(BASE_SCENARIO)
        .ok_or_else(|| format!("unknown scenario \"{BASE_SCENARIO}\""))?;
    let docs = crate::yaml::parse_documents(text).map_err(|e| e.to_string())?;
    let mut docs = docs.into_iter();
    let mut header = docs.next().ok_or("empty scenario")?;
    let spec = header.get("spec").cloned().unwrap_or(Value::Null);
    let text_of = |key: &str| {
        spec.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let old_created = parse_rfc3339(&text_of("clusterCreated")).unwrap_or(0);
    let old_start = parse_rfc3339(&text_of("startTime")).unwrap_or(old_created + 1);
    let old_infra = text_of("infrastructureName");
    let old_id = text_of("clusterID");
    let old_release = text_of("releaseImage");
    let cluster_domain = format!("{}.{}", done.name, done.base_domain);

    // Which base node becomes which installed node; base nodes without a partner are dropped.
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut dropped: Vec<&str> = Vec::new();
    let pair = |base: &[&'static str],
                built: &[NodeAddr],
                renames: &mut Vec<(String, String)>,
                dropped: &mut Vec<&'static str>| {
        for (i, old) in base.iter().enumerate() {
            match built.get(i) {
                Some(n) => renames.push(((*old).to_owned(), n.name.clone())),
                None => dropped.push(old),
            }
        }
    };
    pair(&BASE_MASTERS, &done.masters, &mut renames, &mut dropped);
    pair(&BASE_WORKERS, &done.workers, &mut renames, &mut dropped);
    let mut ip_renames: Vec<(String, String)> = Vec::new();
    let built_ips: Vec<Option<&NodeAddr>> = pad(&done.masters, 3)
        .into_iter()
        .chain(pad(&done.workers, 3))
        .collect();
    for (old, node) in BASE_IPS.iter().zip(built_ips) {
        if let Some(node) = node
            && !node.ip.is_empty()
        {
            ip_renames.push(((*old).to_owned(), node.ip.clone()));
        }
    }

    let span = (now - done.started_at).max(1);
    let old_span = (old_start - old_created).max(1);
    let map_time = |t: i64| -> i64 {
        // The first half of the install's span keeps real offsets from creation; the rest of the base cluster's
        // life is squeezed into the second half, so ages stay ordered and nothing is in the future.
        let offset = t - old_created;
        let half = span / 2;
        if offset <= half {
            done.started_at + offset
        } else {
            let rest = (old_span - half).max(1);
            done.started_at
                + half
                + ((offset - half) as i128 * (span - half) as i128 / rest as i128) as i64
        }
    };
    let rewrite = |s: &str| -> String {
        let mut s = s.to_owned();
        if s.len() == 20
            && s.ends_with('Z')
            && let Some(t) = parse_rfc3339(&s)
        {
            return rfc3339(map_time(t));
        }
        for (old, new) in renames.iter().chain(ip_renames.iter()) {
            s = replace_token(&s, old, new, |_| true);
        }
        if cluster_domain != BASE_DOMAIN {
            s = replace_token(&s, BASE_DOMAIN, &cluster_domain, |before| {
                !before.ends_with("registry.")
            });
        }
        if !old_infra.is_empty() {
            s = s.replace(&old_infra, &done.infra_id);
        }
        if !old_id.is_empty() {
            s = s.replace(&old_id, &done.cluster_id);
        }
        if !old_release.is_empty() {
            s = s.replace(&old_release, RELEASE_IMAGE);
        }
        s
    };

    let mut out = Vec::new();
    // The header: where the cluster lives, who may log in, and when it was made.
    {
        let h = header
            .get_mut("spec")
            .and_then(Value::as_object_mut)
            .ok_or("scenario header without spec")?;
        let images = h.remove("images");
        let mut rewritten = walk(&Value::Object(h.clone()), &rewrite)
            .as_object()
            .cloned()
            .unwrap_or_default();
        if let Some(images) = images {
            rewritten.insert("images".into(), images);
        }
        let set = |m: &mut Map<String, Value>, k: &str, v: Value| {
            m.insert(k.to_owned(), v);
        };
        set(
            &mut rewritten,
            "description_en",
            json!(format!(
                "The cluster just installed: {} ({} control plane, {} compute nodes).",
                cluster_domain,
                done.masters.len(),
                done.workers.len()
            )),
        );
        set(
            &mut rewritten,
            "description_ko",
            json!(format!(
                "방금 설치한 클러스터: {} (컨트롤 플레인 {}대, 컴퓨트 노드 {}대).",
                cluster_domain,
                done.masters.len(),
                done.workers.len()
            )),
        );
        set(&mut rewritten, "startTime", json!(rfc3339(now)));
        set(
            &mut rewritten,
            "clusterCreated",
            json!(rfc3339(done.started_at)),
        );
        set(&mut rewritten, "apiServer", json!(done.api_url));
        set(&mut rewritten, "consoleURL", json!(done.console_url));
        set(&mut rewritten, "clusterDomain", json!(cluster_domain));
        set(&mut rewritten, "openshiftVersion", json!(done.version));
        if done.platform == "aws" {
            set(&mut rewritten, "platform", json!("AWS"));
        }
        // A fresh cluster has no htpasswd identity provider: only kubeadmin logs in with a password.
        if let Some(users) = rewritten.get_mut("users").and_then(Value::as_array_mut) {
            users.retain(|u| {
                let name = u.get("name").and_then(Value::as_str).unwrap_or_default();
                name == "system:admin" || name == "kube:admin"
            });
            for u in users.iter_mut() {
                if u.get("name").and_then(Value::as_str) == Some("kube:admin") {
                    u["password"] = json!(done.kubeadmin_password);
                }
            }
        }
        if let Some(kc) = rewritten.get_mut("kubeconfig") {
            kc["path"] = json!(done.kubeconfig_path);
            if let Some(clusters) = kc.get_mut("clusters").and_then(Value::as_array_mut) {
                for c in clusters.iter_mut() {
                    c["name"] = json!(done.name);
                    c["server"] = json!(done.api_url);
                }
            }
            if let Some(contexts) = kc.get_mut("contexts").and_then(Value::as_array_mut) {
                for c in contexts.iter_mut() {
                    c["cluster"] = json!(done.name);
                }
            }
        }
        let mut notes = vec![json!(format!(
            "Built from the install of {cluster_domain} (OpenShift {OCP_VERSION}) on the classroom cluster's objects; node names, addresses, domain, IDs and times are the install's."
        ))];
        if let Some(old) = rewritten.get("notes").and_then(Value::as_array) {
            notes.extend(old.iter().cloned());
        }
        rewritten.insert("notes".into(), Value::Array(notes));
        header["spec"] = Value::Object(rewritten);
    }
    out.push(header);

    let compact = done.workers.is_empty();
    for doc in docs {
        let node_name = doc.pointer("/spec/nodeName").and_then(Value::as_str);
        let name = doc.pointer("/metadata/name").and_then(Value::as_str);
        let kind = doc.get("kind").and_then(Value::as_str).unwrap_or_default();
        if node_name.is_some_and(|n| dropped.contains(&n))
            || (kind == "Node" && name.is_some_and(|n| dropped.contains(&n)))
        {
            continue;
        }
        // kubeadmin's secret and the htpasswd users do not exist yet... the secret does; only the htpasswd data goes.
        if kind == "Secret" && name == Some("localusers") {
            continue;
        }
        let mut doc = walk(&doc, &rewrite);
        if kind == "Infrastructure" && done.platform == "aws" {
            // An IPI install on AWS: the cluster's infrastructure says so.
            doc["spec"]["platformSpec"] = json!({"type": "AWS", "aws": {}});
            doc["status"]["platform"] = json!("AWS");
            doc["status"]["platformStatus"] = json!({"type": "AWS"});
        }
        if kind == "Node" && compact {
            // A cluster without compute nodes makes its control plane schedulable (MastersSchedulable).
            if let Some(labels) = doc
                .pointer_mut("/metadata/labels")
                .and_then(Value::as_object_mut)
            {
                labels.insert("node-role.kubernetes.io/worker".into(), json!(""));
            }
            if let Some(spec) = doc.get_mut("spec").and_then(Value::as_object_mut) {
                spec.remove("taints");
            }
        }
        out.push(doc);
    }
    // More compute nodes than the base scenario has: copy its last worker.
    for extra in done.workers.iter().skip(BASE_WORKERS.len()) {
        let Some(template) = out.iter().rev().find(|d| {
            d.get("kind").and_then(Value::as_str) == Some("Node")
                && d.pointer("/metadata/labels/node-role.kubernetes.io~1worker")
                    .is_some()
        }) else {
            break;
        };
        let old_name = template
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let old_ip = template
            .pointer("/status/addresses/0/address")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let copy = walk(template, &|s: &str| {
            let s = replace_token(s, &old_name, &extra.name, |_| true);
            if old_ip.is_empty() || extra.ip.is_empty() {
                s
            } else {
                replace_token(&s, &old_ip, &extra.ip, |_| true)
            }
        });
        out.push(copy);
    }

    let mut stream = String::new();
    for doc in out {
        stream.push_str("---\n");
        stream.push_str(&serde_json::to_string(&doc).map_err(|e| e.to_string())?);
        stream.push('\n');
    }
    Ok(stream)
}

fn pad(nodes: &[NodeAddr], n: usize) -> Vec<Option<&NodeAddr>> {
    (0..n).map(|i| nodes.get(i)).collect()
}

/// Applies `f` to every string and every object key in `v`.
fn walk(v: &Value, f: &dyn Fn(&str) -> String) -> Value {
    match v {
        Value::String(s) => Value::String(f(s)),
        Value::Array(items) => Value::Array(items.iter().map(|i| walk(i, f)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (f(k), walk(v, f))).collect()),
        other => other.clone(),
    }
}

/// Replaces whole-token occurrences of `old` (not glued to letters or digits on either side) for which `keep` of
/// the text before it allows.
fn replace_token(s: &str, old: &str, new: &str, keep: impl Fn(&str) -> bool) -> String {
    if old.is_empty() || !s.contains(old) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut done = 0;
    while let Some(i) = rest.find(old) {
        let before = &s[..done + i];
        let after = &rest[i + old.len()..];
        let glued_before = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let glued_after = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        out.push_str(&rest[..i]);
        if !glued_before && !glued_after && keep(before) {
            out.push_str(new);
        } else {
            out.push_str(old);
        }
        done += i + old.len();
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether `argv` (an `oc`/`kubectl` line) talks to the install in progress: its kubeconfig is the install's.
fn targets_install(inst: &Installer, argv: &[String], ctx: &Ctx) -> bool {
    let Some(record) = &inst.cluster else {
        return false;
    };
    let wanted = format!("{}/auth/kubeconfig", record.dir);
    let chosen =
        crate::cli::kubeconfig_flag(argv).or_else(|| ctx.env.get("KUBECONFIG").map(String::as_str));
    chosen.is_some_and(|p| ctx.resolve(p) == wanted)
}

/// Answers `oc`/`kubectl` against the cluster still being installed, or `None` when the line is for the session's cluster.
pub fn run_oc(inst: &mut Installer, argv: &[String], ctx: &mut Ctx) -> Option<Output> {
    if inst.adopted || inst.sim.is_none() || !targets_install(inst, argv, ctx) {
        return None;
    }
    let mut output = String::new();
    let words: Vec<&str> = {
        let mut w = Vec::new();
        let mut args = argv.iter().skip(1);
        while let Some(a) = args.next() {
            if a == "--kubeconfig" {
                args.next();
            } else if a == "-o" || a == "--output" {
                output = args.next().cloned().unwrap_or_default();
            } else if let Some(v) = a.strip_prefix("-o").or_else(|| a.strip_prefix("--output=")) {
                output = v.trim_start_matches('=').to_owned();
            } else if !a.starts_with('-') {
                w.push(a.as_str());
            }
        }
        w
    };
    // Only the table, `wide` and `name` printers are answered here; other formats go to the session's cluster.
    if !matches!(output.as_str(), "" | "wide" | "name") {
        return None;
    }
    let api_up = inst.sim.as_ref().and_then(|s| s.api_up_at).is_some();
    let server = inst
        .cluster
        .as_ref()
        .map(|c| format!("api.{}:6443", c.config.cluster_domain()))
        .unwrap_or_default();
    let known = matches!(
        words.as_slice(),
        [
            "get",
            "csr"
                | "certificatesigningrequests"
                | "certificatesigningrequest"
                | "nodes"
                | "node"
                | "no"
                | "co"
                | "clusteroperators"
                | "clusteroperator"
                | "clusterversion"
                | "clusterversions"
        ] | ["adm", "certificate", "approve", ..]
    );
    if !known {
        return None;
    }
    if !api_up {
        return Some(Output::err(
            format!(
                "Unable to connect to the server: dial tcp: lookup {} on 127.0.0.53:53: no such host\n",
                server.trim_end_matches(":6443")
            ),
            1,
        ));
    }
    let now = inst.sim.as_ref().map(|s| s.now).unwrap_or(inst.clock);
    let age = |t: i64| human_duration(now - t);
    Some(match words.as_slice() {
        [
            "get",
            "csr" | "certificatesigningrequests" | "certificatesigningrequest",
        ] => {
            let csrs = inst.csrs();
            if csrs.is_empty() {
                return Some(Output::err("No resources found\n", 0));
            }
            if output == "name" {
                return Some(Output::ok(
                    csrs.iter()
                        .map(|c| {
                            format!("certificatesigningrequest.certificates.k8s.io/{}\n", c.name)
                        })
                        .collect::<String>(),
                ));
            }
            let mut rows = vec![
                vec![
                    "NAME",
                    "AGE",
                    "SIGNERNAME",
                    "REQUESTOR",
                    "REQUESTEDDURATION",
                    "CONDITION",
                ]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
            ];
            for c in csrs {
                rows.push(vec![
                    c.name,
                    age(c.created_at),
                    c.signer_name,
                    c.requestor,
                    c.requested_duration,
                    c.condition,
                ]);
            }
            Output::ok(tabwrite(&rows))
        }
        ["get", "nodes" | "node" | "no"] => {
            let mut rows = vec![
                vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            ];
            for n in inst.nodes() {
                rows.push(vec![
                    n.name,
                    n.status,
                    n.roles,
                    age(n.created_at),
                    n.version,
                ]);
            }
            Output::ok(tabwrite(&rows))
        }
        ["get", "co" | "clusteroperators" | "clusteroperator"] => {
            let ops = inst.cluster_operators();
            if ops.is_empty() {
                return Some(Output::err("No resources found\n", 0));
            }
            let tf = |b: bool| if b { "True" } else { "False" }.to_owned();
            let mut rows = vec![
                vec![
                    "NAME",
                    "VERSION",
                    "AVAILABLE",
                    "PROGRESSING",
                    "DEGRADED",
                    "SINCE",
                    "MESSAGE",
                ]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
            ];
            for o in ops {
                rows.push(vec![
                    o.name,
                    o.version,
                    tf(o.available),
                    tf(o.progressing),
                    tf(o.degraded),
                    age(o.since),
                    o.message,
                ]);
            }
            Output::ok(tabwrite(&rows))
        }
        ["get", "clusterversion" | "clusterversions"] => {
            let ops = inst.cluster_operators();
            let total = ops.len().max(1);
            let done = ops.iter().filter(|o| o.available).count();
            let started = inst.sim.as_ref().and_then(|s| s.api_up_at).unwrap_or(now);
            let status = format!(
                "Working towards {OCP_VERSION}: {} of 860 done ({}% complete)",
                done * 860 / total,
                done * 100 / total
            );
            Output::ok(tabwrite(&[
                [
                    "NAME",
                    "VERSION",
                    "AVAILABLE",
                    "PROGRESSING",
                    "SINCE",
                    "STATUS",
                ]
                .map(str::to_owned)
                .to_vec(),
                vec![
                    "version".into(),
                    String::new(),
                    "False".into(),
                    "True".into(),
                    age(started),
                    status,
                ],
            ]))
        }
        ["adm", "certificate", "approve", names @ ..] => {
            if names.is_empty() {
                return Some(Output::err(
                    "error: one or more CSRs must be specified as <name> or -f <filename>\n",
                    1,
                ));
            }
            let mut out = Output::default();
            for name in names {
                let name = name
                    .strip_prefix("certificatesigningrequest.certificates.k8s.io/")
                    .or_else(|| name.strip_prefix("certificatesigningrequest/"))
                    .or_else(|| name.strip_prefix("csr/"))
                    .unwrap_or(name);
                match inst.approve_csr(name) {
                    Ok(line) => out.stdout.push_str(&format!("{line}\n")),
                    Err(e) => {
                        out.stderr.push_str(&format!("{e}\n"));
                        out.code = 1;
                    }
                }
            }
            out
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_replaced_only_whole() {
        assert_eq!(
            replace_token(
                "etcd-master01 master010 xmaster01 br-ex_master01",
                "master01",
                "m0.a.b",
                |_| true
            ),
            "etcd-m0.a.b master010 xmaster01 br-ex_m0.a.b"
        );
        assert_eq!(
            replace_token(
                "192.168.50.10/24 192.168.50.100",
                "192.168.50.10",
                "10.0.0.1",
                |_| true
            ),
            "10.0.0.1/24 192.168.50.100"
        );
        assert_eq!(
            replace_token(
                "api.ocp4.example.com registry.ocp4.example.com:8443",
                "ocp4.example.com",
                "lab.test",
                |before| !before.ends_with("registry.")
            ),
            "api.lab.test registry.ocp4.example.com:8443"
        );
    }
}
