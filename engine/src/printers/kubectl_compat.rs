//! Compares `kubectl describe` output with the real kubectl client, when installed, by serving the fixtures from a tiny in-process API server on loopback.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

use serde_json::{Value, json};

use super::describe::{Related, describe};
use super::fixtures::{nodes, objects, pods};

/// Kind → (group, plural, namespaced) for every kind the fake server serves.
const RESOURCES: &[(&str, &str, &str, bool)] = &[
    ("Pod", "", "pods", true),
    ("Node", "", "nodes", false),
    ("Namespace", "", "namespaces", false),
    ("Service", "", "services", true),
    ("Endpoints", "", "endpoints", true),
    ("ConfigMap", "", "configmaps", true),
    ("Secret", "", "secrets", true),
    ("Event", "", "events", true),
    ("ResourceQuota", "", "resourcequotas", true),
    ("LimitRange", "", "limitranges", true),
    ("Deployment", "apps", "deployments", true),
    ("ReplicaSet", "apps", "replicasets", true),
    ("Lease", "coordination.k8s.io", "leases", true),
    ("EndpointSlice", "discovery.k8s.io", "endpointslices", true),
    ("Widget", "example.com", "widgets", true),
    ("Route", "route.openshift.io", "routes", true),
    (
        "ClusterOperator",
        "config.openshift.io",
        "clusteroperators",
        false,
    ),
    ("StatefulSet", "apps", "statefulsets", true),
    ("DaemonSet", "apps", "daemonsets", true),
    ("Job", "batch", "jobs", true),
    ("CronJob", "batch", "cronjobs", true),
    ("PersistentVolume", "", "persistentvolumes", false),
    ("PersistentVolumeClaim", "", "persistentvolumeclaims", true),
    ("ServiceAccount", "", "serviceaccounts", true),
    ("Ingress", "networking.k8s.io", "ingresses", true),
    ("StorageClass", "storage.k8s.io", "storageclasses", false),
    ("Role", "rbac.authorization.k8s.io", "roles", true),
    (
        "RoleBinding",
        "rbac.authorization.k8s.io",
        "rolebindings",
        true,
    ),
    (
        "ClusterRole",
        "rbac.authorization.k8s.io",
        "clusterroles",
        false,
    ),
    (
        "ClusterRoleBinding",
        "rbac.authorization.k8s.io",
        "clusterrolebindings",
        false,
    ),
    (
        "HorizontalPodAutoscaler",
        "autoscaling",
        "horizontalpodautoscalers",
        true,
    ),
];

fn all_objects() -> Vec<Value> {
    let mut all = pods();
    all.extend(nodes());
    all.extend(objects());
    // Go walks maps in random order, so describe is only comparable for data maps with one key.
    all.push(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "one-key", "namespace": "default", "labels": {"app": "web"}},
        "type": "kubernetes.io/basic-auth", "data": {"password": "czNjcjN0"}}));
    all.push(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one-key", "namespace": "default"},
        "data": {"nginx.conf": "server {\n  listen 8080;\n}\n"}}));
    all.push(json!({"apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "crashy.pulled", "namespace": "default", "creationTimestamp": "2024-01-01T11:00:05Z"},
        "involvedObject": {"kind": "Pod", "namespace": "default", "name": "crashy", "apiVersion": "v1"},
        "reason": "Pulled", "message": "Container image \"busybox\" already present on machine", "type": "Normal",
        "source": {"component": "kubelet", "host": "worker-1.ocp.example.com"},
        "firstTimestamp": "2024-01-01T11:00:05Z", "lastTimestamp": "2024-01-01T11:58:00Z", "count": 6}));
    all
}

fn group_of(obj: &Value) -> &str {
    obj["apiVersion"]
        .as_str()
        .unwrap_or_default()
        .rsplit_once('/')
        .map_or("", |(g, _)| g)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("20");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b' '));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Answers one API request with a JSON document.
fn respond(path: &str, query: &str, all: &[Value]) -> (u16, Value) {
    let groups = [
        "apps",
        "batch",
        "networking.k8s.io",
        "storage.k8s.io",
        "rbac.authorization.k8s.io",
        "autoscaling",
        "policy",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "example.com",
        "route.openshift.io",
        "config.openshift.io",
    ];
    let resource_list = |group: &str| {
        let resources: Vec<Value> = RESOURCES
            .iter()
            .filter(|r| r.1 == group)
            .map(|r| json!({"name": r.2, "singularName": r.0.to_lowercase(), "namespaced": r.3, "kind": r.0, "verbs": ["get", "list"]}))
            .collect();
        let gv = if group.is_empty() {
            "v1".to_owned()
        } else {
            format!("{group}/v1")
        };
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources})
    };
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match path {
        "/api" => {
            return (
                200,
                json!({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}),
            );
        }
        "/apis" => {
            let list: Vec<Value> = groups
                .iter()
                .map(|g| json!({"name": g, "versions": [{"groupVersion": format!("{g}/v1"), "version": "v1"}], "preferredVersion": {"groupVersion": format!("{g}/v1"), "version": "v1"}}))
                .collect();
            return (
                200,
                json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": list}),
            );
        }
        "/api/v1" => return (200, resource_list("")),
        _ => {}
    }
    if parts.len() == 3 && parts[0] == "apis" {
        return (200, resource_list(parts[1]));
    }
    let (group, mut rest) = if parts[0] == "api" {
        ("", &parts[2..])
    } else {
        (
            parts.get(1).copied().unwrap_or_default(),
            parts.get(3..).unwrap_or_default(),
        )
    };
    let mut namespace = None;
    if rest.len() >= 3 && rest[0] == "namespaces" {
        namespace = Some(rest[1]);
        rest = &rest[2..];
    }
    let not_found = (
        404,
        json!({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404}),
    );
    let Some(resource) = RESOURCES
        .iter()
        .find(|r| r.1 == group && Some(&r.2) == rest.first())
    else {
        return not_found;
    };
    let mut items: Vec<Value> = all
        .iter()
        .filter(|o| {
            o["kind"] == resource.0
                && group_of(o) == group
                && namespace.is_none_or(|ns| o["metadata"]["namespace"] == ns)
        })
        .cloned()
        .collect();
    if let Some(name) = rest.get(1) {
        return match items.into_iter().find(|o| o["metadata"]["name"] == *name) {
            Some(o) => (200, o),
            None => (
                404,
                json!({"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": format!("{} \"{name}\" not found", resource.2), "reason": "NotFound", "code": 404}),
            ),
        };
    }
    for pair in query.split('&') {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let value = percent_decode(value);
        for cond in value.split(',') {
            if let Some((k, v)) = cond.split_once("!=") {
                if k == "status.phase" {
                    items.retain(|o| o["status"]["phase"] != v);
                }
            } else if let Some((k, v)) = cond.split_once('=') {
                match key {
                    "labelSelector" => items.retain(|o| o["metadata"]["labels"][k] == v),
                    "fieldSelector" if k == "spec.nodeName" => {
                        items.retain(|o| o["spec"]["nodeName"] == v)
                    }
                    "fieldSelector" if k.starts_with("involvedObject.") => {
                        let field = &k["involvedObject.".len()..];
                        items.retain(|o| {
                            o["involvedObject"][field].as_str().unwrap_or_default() == v
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    let api = if group.is_empty() {
        "v1".to_owned()
    } else {
        format!("{group}/v1")
    };
    (
        200,
        json!({"kind": format!("{}List", resource.0), "apiVersion": api, "metadata": {"resourceVersion": "1"}, "items": items}),
    )
}

/// Converts an object or list into the server-side `Table` kubectl asks for, with this crate's columns and cells.
fn as_table(body: &Value) -> Value {
    let items: Vec<Value> = match body.get("items").and_then(Value::as_array) {
        Some(items) => items.clone(),
        None => vec![body.clone()],
    };
    let Some(first) = items.first() else {
        return json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"}, "columnDefinitions": [{"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0}], "rows": []});
    };
    let columns = super::columns::columns_for(
        first["apiVersion"].as_str().unwrap_or_default(),
        first["kind"].as_str().unwrap_or_default(),
    );
    let definitions: Vec<Value> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"name": c.name, "type": "string", "format": if i == 0 && c.name == "Name" { "name" } else { "" }, "description": "", "priority": c.priority}))
        .collect();
    let rows: Vec<Value> = items
        .iter()
        .map(|o| json!({"cells": columns.iter().map(|c| c.cell(o, now_ms())).collect::<Vec<_>>(), "object": o}))
        .collect();
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"}, "columnDefinitions": definitions, "rows": rows})
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis() as i64
}

fn serve(stream: TcpStream, all: &[Value]) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut wants_table = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err_and(|_| true) || line.is_empty() || line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("accept:") && line.contains("as=Table") {
            wants_table = true;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (code, mut body) = respond(path, query, all);
    if wants_table && code == 200 {
        body = as_table(&body);
    }
    let body = body.to_string();
    let status = if code == 200 {
        "200 OK"
    } else {
        "404 Not Found"
    };
    let mut stream = &stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Starts the fake API server and writes a kubeconfig for it; `None` when kubectl is not installed.
fn start_server(all: &[Value]) -> Option<String> {
    if !std::path::Path::new("/usr/bin/kubectl").exists() {
        return None;
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = all.to_vec();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let objs = served.clone();
            std::thread::spawn(move || serve(stream, &objs));
        }
    });
    let dir = std::env::temp_dir().join(format!("bastion-fake-api-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let kubeconfig = dir.join("config");
    std::fs::write(
        &kubeconfig,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"http://127.0.0.1:{port}\"}}\nusers:\n- name: u\n  user: {{}}\ncontexts:\n- name: a\n  context: {{cluster: c, user: u, namespace: default}}\ncurrent-context: a\n"
        ),
    )
    .unwrap();
    Some(kubeconfig.to_string_lossy().into_owned())
}

#[test]
fn describe_matches_the_real_kubectl_client() {
    let all = all_objects();
    let Some(config) = start_server(&all) else {
        return;
    };
    let targets = [
        ("Pod", "pod", "web-7c5ddbdf54-x8k2p", "default"),
        ("Pod", "pod", "crashy", "default"),
        ("Pod", "pod", "init-wait", "default"),
        ("Pod", "pod", "going-away", "default"),
        ("Pod", "pod", "sidecar-pod", "default"),
        ("Pod", "pod", "unscheduled", "default"),
        ("Node", "node", "master-0.ocp.example.com", ""),
        ("Node", "node", "worker-0.ocp.example.com", ""),
        ("Deployment", "deployment", "web", "default"),
        ("ReplicaSet", "replicaset", "web-7c5ddbdf54", "default"),
        ("Service", "service", "web", "default"),
        ("Service", "service", "web-np", "default"),
        ("Service", "service", "web-lb", "default"),
        ("Namespace", "namespace", "demo", ""),
        ("Secret", "secret", "one-key", "default"),
        ("ConfigMap", "configmap", "one-key", "default"),
        ("Widget", "widget", "gizmo", "default"),
        ("Route", "route", "web", "demo"),
        ("ClusterOperator", "clusteroperator", "authentication", ""),
        ("StatefulSet", "statefulset", "db", "default"),
        (
            "DaemonSet",
            "daemonset",
            "node-exporter",
            "openshift-monitoring",
        ),
        ("Job", "job", "pi", "default"),
        ("CronJob", "cronjob", "backup", "default"),
        ("PersistentVolume", "persistentvolume", "pvc-3f1c9a2e", ""),
        (
            "PersistentVolumeClaim",
            "persistentvolumeclaim",
            "data-db-0",
            "default",
        ),
        (
            "PersistentVolumeClaim",
            "persistentvolumeclaim",
            "scratch",
            "default",
        ),
        ("ServiceAccount", "serviceaccount", "builder", "default"),
        ("Ingress", "ingress", "web", "default"),
        ("StorageClass", "storageclass", "gp3-csi", ""),
        ("Role", "role", "pod-reader", "default"),
        ("RoleBinding", "rolebinding", "read-pods", "default"),
        ("ClusterRole", "clusterrole", "view", ""),
        (
            "ClusterRoleBinding",
            "clusterrolebinding",
            "cluster-admins",
            "",
        ),
    ];
    for (kind, resource, name, namespace) in targets {
        let mut args = vec!["describe", resource, name, "--kubeconfig", &config];
        if !namespace.is_empty() {
            args.extend(["-n", namespace]);
        }
        let (code, real, stderr) = super::test_support::kubectl_any(&args).unwrap();
        assert_eq!(code, 0, "{kind}/{name}: {stderr}");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        let obj = all
            .iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .unwrap();
        let same_ns = |o: &&Value| namespace.is_empty() || o["metadata"]["namespace"] == namespace;
        let events: Vec<Value> = all
            .iter()
            .filter(|o| {
                o["kind"] == "Event"
                    && o["involvedObject"]["name"] == name
                    && o["involvedObject"]["kind"] == kind
            })
            .cloned()
            .collect();
        let pods: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Pod")
            .filter(same_ns)
            .cloned()
            .collect();
        let replica_sets: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "ReplicaSet")
            .filter(same_ns)
            .cloned()
            .collect();
        let endpoints = all
            .iter()
            .find(|o| o["kind"] == "Endpoints" && o["metadata"]["name"] == name);
        let lease = all
            .iter()
            .find(|o| o["kind"] == "Lease" && o["metadata"]["name"] == name);
        let quotas: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "ResourceQuota" && o["metadata"]["namespace"] == name)
            .cloned()
            .collect();
        let limit_ranges: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "LimitRange" && o["metadata"]["namespace"] == name)
            .cloned()
            .collect();
        let secrets: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Secret")
            .filter(same_ns)
            .cloned()
            .collect();
        let endpoints_list: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Endpoints")
            .filter(same_ns)
            .cloned()
            .collect();
        let services: Vec<Value> = all
            .iter()
            .filter(|o| o["kind"] == "Service")
            .filter(same_ns)
            .cloned()
            .collect();
        let related = Related {
            events: &events,
            pods: &pods,
            replica_sets: &replica_sets,
            endpoints,
            lease,
            quotas: &quotas,
            limit_ranges: &limit_ranges,
            secrets: &secrets,
            endpoints_list: &endpoints_list,
            services: &services,
        };
        assert_eq!(describe(obj, related, now), real, "{kind}/{name}");
    }
}

#[test]
fn get_output_matches_the_real_kubectl_client() {
    use super::output::{parse_output, render};
    use super::table::TableOptions;
    let all = all_objects();
    let Some(config) = start_server(&all) else {
        return;
    };
    let of_kind = |kind: &str, ns: Option<&str>| -> Vec<Value> {
        all.iter()
            .filter(|o| o["kind"] == kind && ns.is_none_or(|n| o["metadata"]["namespace"] == n))
            .cloned()
            .collect()
    };
    let no_file =
        |p: &str| -> Result<String, String> { Err(format!("open {p}: no such file or directory")) };
    struct Case<'a> {
        args: &'a [&'a str],
        objects: Vec<Value>,
        output: &'a str,
        table: TableOptions,
        as_list: bool,
    }
    let default = TableOptions::default();
    let cases = vec![
        Case {
            args: &["get", "pods"],
            objects: of_kind("Pod", Some("default")),
            output: "",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "pods", "-o", "wide"],
            objects: of_kind("Pod", Some("default")),
            output: "wide",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "pods", "--no-headers"],
            objects: of_kind("Pod", Some("default")),
            output: "",
            table: TableOptions {
                no_headers: true,
                ..default.clone()
            },
            as_list: true,
        },
        Case {
            args: &[
                "get",
                "pods",
                "--show-labels",
                "-L",
                "app,pod-template-hash",
            ],
            objects: of_kind("Pod", Some("default")),
            output: "",
            table: TableOptions {
                show_labels: true,
                label_columns: vec!["app".into(), "pod-template-hash".into()],
                ..default.clone()
            },
            as_list: true,
        },
        Case {
            args: &["get", "pods", "-A"],
            objects: of_kind("Pod", None),
            output: "",
            table: TableOptions {
                with_namespace: true,
                ..default.clone()
            },
            as_list: true,
        },
        Case {
            args: &["get", "pods", "--sort-by=.metadata.name"],
            objects: of_kind("Pod", Some("default")),
            output: "",
            table: TableOptions {
                sort_by: Some(".metadata.name".into()),
                ..default.clone()
            },
            as_list: true,
        },
        Case {
            args: &["get", "nodes", "-o", "wide"],
            objects: of_kind("Node", None),
            output: "wide",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "services"],
            objects: of_kind("Service", Some("default")),
            output: "",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "deployments,replicasets,services"],
            objects: [
                of_kind("Deployment", Some("default")),
                of_kind("ReplicaSet", Some("default")),
                of_kind("Service", Some("default")),
            ]
            .concat(),
            output: "",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "pods", "-o", "name"],
            objects: of_kind("Pod", Some("default")),
            output: "name",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "deployments", "-o", "name"],
            objects: of_kind("Deployment", Some("default")),
            output: "name",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "pods", "-o", "yaml"],
            objects: of_kind("Pod", Some("default")),
            output: "yaml",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "pod", "crashy", "-o", "yaml"],
            objects: vec![
                all.iter()
                    .find(|o| o["metadata"]["name"] == "crashy")
                    .unwrap()
                    .clone(),
            ],
            output: "yaml",
            table: default.clone(),
            as_list: false,
        },
        Case {
            args: &["get", "pods", "-o", "json"],
            objects: of_kind("Pod", Some("default")),
            output: "json",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &[
                "get",
                "pods",
                "-o",
                "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
            ],
            objects: of_kind("Pod", Some("default")),
            output: "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &[
                "get",
                "pods",
                "-o",
                "custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP",
            ],
            objects: of_kind("Pod", Some("default")),
            output: "custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "routes", "-n", "demo"],
            objects: of_kind("Route", Some("demo")),
            output: "",
            table: default.clone(),
            as_list: true,
        },
        Case {
            args: &["get", "clusteroperators"],
            objects: of_kind("ClusterOperator", None),
            output: "",
            table: default.clone(),
            as_list: true,
        },
    ];
    for case in cases {
        let mut args = case.args.to_vec();
        args.extend(["--kubeconfig", &config]);
        let (code, real, stderr) = super::test_support::kubectl_any(&args).unwrap();
        assert_eq!(code, 0, "{:?}: {stderr}", case.args);
        let format = parse_output(case.output, true, &no_file).unwrap();
        let ours = render(&format, &case.objects, case.as_list, &case.table, now_ms()).unwrap();
        assert_eq!(ours, real, "{:?}", case.args);
    }
    let (code, out, stderr) = super::test_support::kubectl_any(&[
        "get",
        "secrets",
        "-n",
        "demo",
        "--kubeconfig",
        &config,
    ])
    .unwrap();
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(
        stderr,
        format!("{}\n", super::table::no_resources_message(Some("demo")))
    );
}
