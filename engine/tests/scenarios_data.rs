//! Checks that the cluster scenario files under `engine/scenarios/` are well-formed and self-consistent.

use std::collections::{BTreeMap, BTreeSet};

use engine::yaml::parse_documents;
use serde_json::Value;

/// The scenario files, by name, as compiled into the test.
const SCENARIOS: &[(&str, &str)] = &[
    ("ocp4", include_str!("../scenarios/ocp4.yaml")),
    ("eks", include_str!("../scenarios/eks.yaml")),
    ("vanilla", include_str!("../scenarios/vanilla.yaml")),
];

/// Kinds (as `group/Kind`, the core group empty) that live outside namespaces; every other kind in the files is namespaced.
const CLUSTER_SCOPED: &[&str] = &[
    "/Namespace",
    "/Node",
    "/PersistentVolume",
    "storage.k8s.io/StorageClass",
    "certificates.k8s.io/CertificateSigningRequest",
    "rbac.authorization.k8s.io/ClusterRole",
    "rbac.authorization.k8s.io/ClusterRoleBinding",
    "scheduling.k8s.io/PriorityClass",
    "apiregistration.k8s.io/APIService",
    "networking.k8s.io/IngressClass",
    "config.openshift.io/ClusterOperator",
    "config.openshift.io/ClusterVersion",
    "config.openshift.io/Network",
    "config.openshift.io/Infrastructure",
    "config.openshift.io/DNS",
    "config.openshift.io/Ingress",
    "config.openshift.io/OAuth",
    "config.openshift.io/Image",
    "config.openshift.io/Proxy",
    "config.openshift.io/APIServer",
    "config.openshift.io/Console",
    "config.openshift.io/FeatureGate",
    "config.openshift.io/Scheduler",
    "operator.openshift.io/Network",
    "machineconfiguration.openshift.io/MachineConfigPool",
    "machineconfiguration.openshift.io/MachineConfig",
    "user.openshift.io/User",
    "user.openshift.io/Group",
    "user.openshift.io/Identity",
    "security.openshift.io/SecurityContextConstraints",
];

/// The API group of an apiVersion: the part before the slash, empty for the core group.
fn group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("")
}

fn documents(name: &str, text: &str) -> Vec<Value> {
    parse_documents(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

fn id(v: &Value) -> String {
    format!(
        "{} {}/{}",
        str_at(v, &["kind"]).unwrap_or("?"),
        str_at(v, &["metadata", "namespace"]).unwrap_or(""),
        str_at(v, &["metadata", "name"]).unwrap_or("?")
    )
}

/// A DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.
fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// A DNS-1123 subdomain: dot-separated labels, at most 253 characters.
fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

fn header(name: &str, docs: &[Value]) -> Value {
    let first = docs.first().unwrap_or_else(|| panic!("{name}: empty file"));
    assert_eq!(
        str_at(first, &["apiVersion"]),
        Some("bastion.dev/v1"),
        "{name}: header apiVersion"
    );
    assert_eq!(
        str_at(first, &["kind"]),
        Some("Scenario"),
        "{name}: the first document is not the Scenario header"
    );
    assert_eq!(
        str_at(first, &["metadata", "name"]),
        Some(name),
        "{name}: header name"
    );
    first["spec"].clone()
}

#[test]
fn headers_carry_the_session_facts() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let spec = header(name, &docs);
        for key in [
            "description_en",
            "description_ko",
            "kubernetesVersion",
            "kubeletVersion",
            "apiServer",
            "clusterDomain",
            "serviceCIDR",
            "startTime",
            "defaultStorageClass",
        ] {
            let value =
                str_at(&spec, &[key]).unwrap_or_else(|| panic!("{name}: header has no {key}"));
            assert!(!value.is_empty(), "{name}: header {key} is empty");
        }
        assert!(
            spec["openshiftVersion"].is_string(),
            "{name}: openshiftVersion must be a string (empty when not OpenShift)"
        );
        assert!(
            spec["consoleURL"].is_string(),
            "{name}: consoleURL must be a string"
        );
        assert!(
            spec["podCIDR"]["clusterNetwork"].is_string(),
            "{name}: podCIDR.clusterNetwork"
        );
        let start = str_at(&spec, &["startTime"]).unwrap();
        assert!(
            start.len() == 20 && start.ends_with('Z') && &start[10..11] == "T",
            "{name}: startTime {start} is not RFC 3339 UTC"
        );
        assert!(
            !spec["users"]
                .as_array()
                .map(|u| u.is_empty())
                .unwrap_or(true),
            "{name}: no users"
        );
        let current = str_at(&spec, &["kubeconfig", "currentContext"])
            .unwrap_or_else(|| panic!("{name}: no currentContext"));
        let contexts = spec["kubeconfig"]["contexts"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no contexts"));
        assert!(
            contexts
                .iter()
                .any(|c| str_at(c, &["name"]) == Some(current)),
            "{name}: current context {current} is not defined"
        );
        // The default storage class exists and carries the default annotation.
        let sc = str_at(&spec, &["defaultStorageClass"]).unwrap();
        let found = docs.iter().find(|d| {
            str_at(d, &["kind"]) == Some("StorageClass")
                && str_at(d, &["metadata", "name"]) == Some(sc)
        });
        let found = found.unwrap_or_else(|| panic!("{name}: default storage class {sc} missing"));
        assert_eq!(
            str_at(
                found,
                &[
                    "metadata",
                    "annotations",
                    "storageclass.kubernetes.io/is-default-class"
                ]
            ),
            Some("true"),
            "{name}: {sc} is not annotated as the default"
        );
        // Every catalogue image has references, a well-formed digest or is pre-pulled, and a size.
        let images = spec["images"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no image catalogue"));
        assert!(images.len() >= 10, "{name}: image catalogue too small");
        let mut refs = BTreeSet::new();
        for image in images {
            let iname = str_at(image, &["name"]).unwrap_or("?");
            let list = image["references"]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: {iname} has no references"));
            for r in list {
                let r = r.as_str().unwrap();
                assert!(
                    refs.insert(r.to_string()),
                    "{name}: image reference {r} is listed twice"
                );
            }
            assert!(
                image["sizeMB"].as_u64().is_some_and(|s| s > 0),
                "{name}: {iname} has no size"
            );
            if image["prePulled"].as_bool() != Some(true) {
                let d = str_at(image, &["digest"])
                    .unwrap_or_else(|| panic!("{name}: {iname} has no digest"));
                assert!(
                    d.len() == 71
                        && d.starts_with("sha256:")
                        && d[7..]
                            .bytes()
                            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
                    "{name}: {iname} digest {d} is malformed"
                );
            }
        }
        for must in [
            "nginx",
            "httpd",
            "busybox",
            "redis",
            "gcr.io/google-samples/kubernetes-bootcamp:v1",
            "jocatalin/kubernetes-bootcamp:v2",
        ] {
            assert!(refs.contains(must), "{name}: catalogue lacks {must}");
        }
    }
}

#[test]
fn objects_are_complete_unique_and_validly_named() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        header(name, &docs);
        let mut seen = BTreeSet::new();
        let namespaces: BTreeSet<&str> = docs
            .iter()
            .filter(|d| str_at(d, &["kind"]) == Some("Namespace"))
            .filter_map(|d| str_at(d, &["metadata", "name"]))
            .collect();
        for d in &docs[1..] {
            let what = id(d);
            let api = str_at(d, &["apiVersion"])
                .unwrap_or_else(|| panic!("{name}: {what} has no apiVersion"));
            assert!(!api.is_empty(), "{name}: {what}: empty apiVersion");
            let kind = str_at(d, &["kind"]).unwrap_or_else(|| panic!("{name}: {what} has no kind"));
            let obj_name = str_at(d, &["metadata", "name"])
                .unwrap_or_else(|| panic!("{name}: {what} has no metadata.name"));
            assert!(
                str_at(d, &["metadata", "uid"]).is_some(),
                "{name}: {what} has no uid"
            );
            assert!(
                str_at(d, &["metadata", "creationTimestamp"]).is_some(),
                "{name}: {what} has no creationTimestamp"
            );
            let ns = str_at(d, &["metadata", "namespace"]);
            let group_kind = format!("{}/{kind}", group(api));
            if CLUSTER_SCOPED.contains(&group_kind.as_str()) {
                assert!(
                    ns.is_none(),
                    "{name}: cluster-scoped {what} has a namespace"
                );
            } else {
                let ns = ns.unwrap_or_else(|| panic!("{name}: namespaced {what} has no namespace"));
                assert!(
                    namespaces.contains(ns),
                    "{name}: {what} is in namespace {ns}, which is not defined"
                );
            }
            // Namespaces and Services are DNS-1123 labels; everything else is a DNS-1123 subdomain.
            let valid = match kind {
                "Namespace" | "Service" => is_dns1123_label(obj_name),
                _ => is_dns1123_subdomain(obj_name),
            };
            assert!(
                valid,
                "{name}: {what}: {obj_name:?} is not a valid DNS-1123 name for a {kind}"
            );
            assert!(
                seen.insert((
                    group_kind,
                    ns.unwrap_or("").to_string(),
                    obj_name.to_string()
                )),
                "{name}: duplicate {what}"
            );
        }
    }
}

#[test]
fn workload_selectors_match_their_templates() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let mut workloads = 0;
        for d in &docs {
            let kind = str_at(d, &["kind"]).unwrap_or("");
            if !["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet"].contains(&kind) {
                continue;
            }
            workloads += 1;
            let what = id(d);
            let selector = d["spec"]["selector"]["matchLabels"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}: {what} has no matchLabels"));
            assert!(!selector.is_empty(), "{name}: {what} has an empty selector");
            let labels = d["spec"]["template"]["metadata"]["labels"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}: {what} template has no labels"));
            for (k, v) in selector {
                assert_eq!(
                    labels.get(k),
                    Some(v),
                    "{name}: {what}: selector {k}={v} does not match the template labels"
                );
            }
            let containers = d["spec"]["template"]["spec"]["containers"]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: {what} has no containers"));
            assert!(!containers.is_empty(), "{name}: {what} has no containers");
            for c in containers {
                assert!(
                    str_at(c, &["name"]).is_some_and(is_dns1123_label),
                    "{name}: {what}: bad container name"
                );
                assert!(
                    str_at(c, &["image"]).is_some_and(|i| !i.is_empty()),
                    "{name}: {what}: container without image"
                );
            }
            if kind != "DaemonSet" {
                assert!(
                    d["spec"]["replicas"].as_u64().is_some(),
                    "{name}: {what} has no replicas"
                );
            }
        }
        assert!(workloads >= 3, "{name}: only {workloads} workloads");
    }
}

#[test]
fn nodes_and_static_pods_agree_with_the_header() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let spec = header(name, &docs);
        let kubelet = str_at(&spec, &["kubeletVersion"]).unwrap();
        let mut nodes = BTreeMap::new();
        for d in docs.iter().filter(|d| str_at(d, &["kind"]) == Some("Node")) {
            let n = str_at(d, &["metadata", "name"]).unwrap();
            assert_eq!(
                str_at(d, &["status", "nodeInfo", "kubeletVersion"]),
                Some(kubelet),
                "{name}: node {n} kubelet version"
            );
            assert_eq!(
                str_at(d, &["metadata", "labels", "kubernetes.io/hostname"]),
                Some(n),
                "{name}: node {n} hostname label"
            );
            nodes.insert(n, str_at(d, &["metadata", "uid"]).unwrap());
        }
        assert!(nodes.len() >= 2, "{name}: fewer than two nodes");
        for d in docs.iter().filter(|d| str_at(d, &["kind"]) == Some("Pod")) {
            let what = id(d);
            let node = str_at(d, &["spec", "nodeName"])
                .unwrap_or_else(|| panic!("{name}: {what} has no nodeName"));
            let uid = nodes
                .get(node)
                .unwrap_or_else(|| panic!("{name}: {what} runs on unknown node {node}"));
            if str_at(
                d,
                &["metadata", "annotations", "kubernetes.io/config.mirror"],
            )
            .is_some()
            {
                let owner = &d["metadata"]["ownerReferences"][0];
                assert_eq!(
                    str_at(owner, &["kind"]),
                    Some("Node"),
                    "{name}: mirror pod {what} is not owned by its node"
                );
                assert_eq!(
                    str_at(owner, &["name"]),
                    Some(node),
                    "{name}: mirror pod {what} owner name"
                );
                assert_eq!(
                    str_at(owner, &["uid"]),
                    Some(*uid),
                    "{name}: mirror pod {what} owner uid"
                );
                assert_eq!(
                    str_at(d, &["status", "phase"]),
                    Some("Running"),
                    "{name}: mirror pod {what} phase"
                );
            }
        }
    }
}

/// The pod templates of the workloads and the pods written out, with their namespaces.
fn pod_specs(docs: &[Value]) -> Vec<(String, &Value, &Value)> {
    let mut out = Vec::new();
    for d in docs {
        let ns = str_at(d, &["metadata", "namespace"])
            .unwrap_or("")
            .to_string();
        match str_at(d, &["kind"]) {
            Some("Deployment" | "DaemonSet" | "StatefulSet") => out.push((
                ns,
                &d["spec"]["template"]["metadata"],
                &d["spec"]["template"]["spec"],
            )),
            Some("Pod") => out.push((ns, &d["metadata"], &d["spec"])),
            _ => {}
        }
    }
    out
}

#[test]
fn service_accounts_and_priority_classes_exist() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let names = |kind: &str| -> BTreeSet<(String, String)> {
            docs.iter()
                .filter(|d| str_at(d, &["kind"]) == Some(kind))
                .map(|d| {
                    (
                        str_at(d, &["metadata", "namespace"])
                            .unwrap_or("")
                            .to_string(),
                        str_at(d, &["metadata", "name"]).unwrap().to_string(),
                    )
                })
                .collect()
        };
        let accounts = names("ServiceAccount");
        let priorities = names("PriorityClass");
        for (ns, _, spec) in pod_specs(&docs) {
            if let Some(sa) = str_at(spec, &["serviceAccountName"]) {
                assert!(
                    accounts.contains(&(ns.clone(), sa.to_string())),
                    "{name}: service account {ns}/{sa} is missing"
                );
            }
            if let Some(pc) = str_at(spec, &["priorityClassName"]) {
                assert!(
                    priorities.contains(&(String::new(), pc.to_string())),
                    "{name}: priority class {pc} is missing"
                );
            }
        }
        for (_, ns) in names("Namespace") {
            assert!(
                accounts.contains(&(ns.clone(), "default".to_string())),
                "{name}: namespace {ns} has no default service account"
            );
        }
    }
}

#[test]
fn service_selectors_select_some_pods() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let specs = pod_specs(&docs);
        for d in docs
            .iter()
            .filter(|d| str_at(d, &["kind"]) == Some("Service"))
        {
            let Some(selector) = d["spec"]["selector"].as_object() else {
                continue;
            };
            let ns = str_at(d, &["metadata", "namespace"]).unwrap();
            let matched = specs.iter().any(|(pns, meta, _)| {
                pns == ns
                    && selector
                        .iter()
                        .all(|(k, v)| meta["labels"].get(k) == Some(v))
            });
            assert!(matched, "{name}: {} selects no workload or pod", id(d));
        }
    }
}

/// Whether a toleration list tolerates a taint, by the scheduler's rules.
fn tolerates(tolerations: &Value, taint: &Value) -> bool {
    tolerations.as_array().into_iter().flatten().any(|t| {
        let key_ok = match str_at(t, &["key"]) {
            None | Some("") => str_at(t, &["operator"]) == Some("Exists"),
            Some(k) => Some(k) == str_at(taint, &["key"]),
        };
        let value_ok = str_at(t, &["operator"]) == Some("Exists")
            || str_at(t, &["value"]).unwrap_or("") == str_at(taint, &["value"]).unwrap_or("");
        let effect_ok = match str_at(t, &["effect"]) {
            None | Some("") => true,
            Some(e) => Some(e) == str_at(taint, &["effect"]),
        };
        key_ok && value_ok && effect_ok
    })
}

/// Whether a node's labels satisfy a pod spec's nodeSelector and required node affinity.
fn fits(spec: &Value, node: &Value) -> bool {
    let labels = &node["metadata"]["labels"];
    let selector_ok = spec["nodeSelector"]
        .as_object()
        .into_iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    let terms = &spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        ["nodeSelectorTerms"];
    let affinity_ok = match terms.as_array() {
        None => true,
        Some(terms) => terms.iter().any(|term| {
            term["matchExpressions"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|e| {
                    let have = labels
                        .get(str_at(e, &["key"]).unwrap_or(""))
                        .and_then(Value::as_str);
                    let values: Vec<&str> = e["values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    match str_at(e, &["operator"]) {
                        Some("In") => have.is_some_and(|h| values.contains(&h)),
                        Some("NotIn") => !have.is_some_and(|h| values.contains(&h)),
                        Some("Exists") => have.is_some(),
                        Some("DoesNotExist") => have.is_none(),
                        _ => false,
                    }
                })
        }),
    };
    let taints_ok = node["spec"]["taints"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|taint| {
            str_at(taint, &["effect"]) == Some("PreferNoSchedule")
                || tolerates(&spec["tolerations"], taint)
        });
    selector_ok && affinity_ok && taints_ok
}

#[test]
fn daemon_set_status_counts_the_nodes_they_fit() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let nodes: Vec<&Value> = docs
            .iter()
            .filter(|d| str_at(d, &["kind"]) == Some("Node"))
            .collect();
        for d in docs
            .iter()
            .filter(|d| str_at(d, &["kind"]) == Some("DaemonSet"))
        {
            let spec = &d["spec"]["template"]["spec"];
            let fitting = nodes.iter().filter(|n| fits(spec, n)).count() as u64;
            assert_eq!(
                d["status"]["desiredNumberScheduled"].as_u64(),
                Some(fitting),
                "{name}: {} desiredNumberScheduled",
                id(d)
            );
            assert_eq!(
                d["status"]["numberReady"].as_u64(),
                Some(fitting),
                "{name}: {} numberReady",
                id(d)
            );
        }
        // Replicated workloads must fit at least one node, or their pods would stay Pending.
        for d in docs
            .iter()
            .filter(|d| matches!(str_at(d, &["kind"]), Some("Deployment" | "StatefulSet")))
        {
            let spec = &d["spec"]["template"]["spec"];
            assert!(
                nodes.iter().any(|n| fits(spec, n)),
                "{name}: {} fits no node",
                id(d)
            );
        }
    }
}

/// The placeholders `README.md` documents for log lines and response bodies.
const PLACEHOLDERS: &[&str] = &[
    "nginxTime",
    "clfTime",
    "apacheTime",
    "redisTime",
    "pgTime",
    "mysqlTime",
    "isoTimeSeconds",
    "isoTimeMillis",
    "isoTimeMicro",
    "podName",
    "podIP",
    "kernelVersion",
    "version",
    "workerPid",
    "tid",
    "clientIP",
    "method",
    "path",
    "status",
    "bytes",
    "userAgent",
    "requestCount",
    "uptimeSeconds",
];

/// Every string below a value, depth first.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn catalogue_log_lines_use_only_documented_placeholders() {
    for (name, text) in SCENARIOS {
        let docs = documents(name, text);
        let spec = header(name, &docs);
        for image in spec["images"].as_array().unwrap() {
            let mut texts = Vec::new();
            for key in [
                "startupLog",
                "restrictedSCC",
                "requiredEnv",
                "accessLog",
                "httpResponse",
            ] {
                strings(&image[key], &mut texts);
            }
            for t in texts {
                let mut rest = t.as_str();
                while let Some(open) = rest.find('{') {
                    let Some(close) = rest[open..].find('}') else {
                        break;
                    };
                    let token = &rest[open + 1..open + close];
                    // Only identifier-like tokens are placeholders; other braces are literal text.
                    if !token.is_empty() && token.bytes().all(|c| c.is_ascii_alphanumeric()) {
                        assert!(
                            PLACEHOLDERS.contains(&token),
                            "{name}: {}: undocumented placeholder {{{token}}}",
                            image["name"]
                        );
                    }
                    rest = &rest[open + close + 1..];
                }
            }
        }
    }
}
