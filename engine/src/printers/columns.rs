//! Per-kind table columns as the API servers print them for `kubectl get` / `oc get` (Kubernetes 1.27 / OpenShift 4.14 column sets).

use crate::sort::SortShared;
use serde_json::Value;

use super::age::{age_since, docker_human_duration, human_duration, parse_rfc3339};
use super::jsonpath::JsonPath;

/// Computes one cell from an object's JSON and the virtual time in milliseconds.
pub type CellFn = fn(&Value, i64) -> String;

/// Where a column's cells come from.
#[derive(Clone)]
pub enum CellSource {
    /// A built-in printer function.
    Fn(CellFn),
    /// A CRD `additionalPrinterColumns` entry: a JSONPath and its OpenAPI type (`string`, `integer`, `number`, `boolean`, `date`).
    JsonPath { path: String, column_type: String },
}

/// One table column.
#[derive(Clone)]
pub struct Column {
    /// The column name as the server defines it (`Name`, `Nominated Node`); kubectl upper-cases it in the header.
    pub name: String,
    /// 0 for default columns, 1 or more for `-o wide` only.
    pub priority: u8,
    /// How to compute the cell.
    pub source: CellSource,
}

impl Column {
    /// A column computed by a printer function.
    pub fn func(name: &str, priority: u8, cell: CellFn) -> Column {
        Column {
            name: name.to_owned(),
            priority,
            source: CellSource::Fn(cell),
        }
    }

    /// A CRD printer column.
    pub fn json_path(name: &str, priority: u8, path: &str, column_type: &str) -> Column {
        Column {
            name: name.to_owned(),
            priority,
            source: CellSource::JsonPath {
                path: path.to_owned(),
                column_type: column_type.to_owned(),
            },
        }
    }

    /// Computes this column's cell for `obj` at `now`.
    pub fn cell(&self, obj: &Value, now: i64) -> String {
        match &self.source {
            CellSource::Fn(f) => f(obj, now),
            CellSource::JsonPath { path, column_type } => crd_cell(obj, path, column_type, now),
        }
    }
}

/// The columns `kubectl get` shows for objects of `api_version` and `kind`; unknown kinds get the server's default `NAME CREATED AT`, and `crd` kinds without printer columns get `NAME AGE`.
pub fn columns_for(api_version: &str, kind: &str) -> Vec<Column> {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let f = Column::func;
    let p = Column::json_path;
    let name = || f("Name", 0, cell_name);
    let age = || f("Age", 0, cell_age);
    let wide_containers = || {
        vec![
            f("Containers", 1, cell_template_containers),
            f("Images", 1, cell_template_images),
        ]
    };

    match (group, kind) {
        ("", "Pod") => vec![
            name(),
            f("Ready", 0, pod_ready),
            f("Status", 0, pod_status),
            f("Restarts", 0, pod_restarts),
            age(),
            f("IP", 1, pod_ip),
            f("Node", 1, |o, _| none_if_empty(s(o, "/spec/nodeName"))),
            f("Nominated Node", 1, |o, _| {
                none_if_empty(s(o, "/status/nominatedNodeName"))
            }),
            f("Readiness Gates", 1, pod_readiness_gates),
        ],
        ("", "Node") => vec![
            name(),
            f("Status", 0, node_status),
            f("Roles", 0, node_roles),
            age(),
            f("Version", 0, |o, _| s(o, "/status/nodeInfo/kubeletVersion")),
            f("Internal-IP", 1, |o, _| node_address(o, "InternalIP")),
            f("External-IP", 1, |o, _| node_address(o, "ExternalIP")),
            f("OS-Image", 1, |o, _| {
                unknown_if_empty(s(o, "/status/nodeInfo/osImage"))
            }),
            f("Kernel-Version", 1, |o, _| {
                unknown_if_empty(s(o, "/status/nodeInfo/kernelVersion"))
            }),
            f("Container-Runtime", 1, |o, _| {
                unknown_if_empty(s(o, "/status/nodeInfo/containerRuntimeVersion"))
            }),
        ],
        ("", "Namespace") => vec![name(), f("Status", 0, |o, _| s(o, "/status/phase")), age()],
        ("apps", "Deployment") => {
            let mut c = vec![
                name(),
                f("Ready", 0, |o, _| {
                    format!("{}/{}", n(o, "/status/readyReplicas"), replicas(o))
                }),
                f("Up-to-date", 0, |o, _| {
                    n(o, "/status/updatedReplicas").to_string()
                }),
                f("Available", 0, |o, _| {
                    n(o, "/status/availableReplicas").to_string()
                }),
                age(),
            ];
            c.extend(wide_containers());
            c.push(f("Selector", 1, |o, _| {
                selector_string(o.at("/spec/selector"))
            }));
            c
        }
        ("apps", "ReplicaSet") | ("", "ReplicationController") => {
            let mut c = vec![
                name(),
                f("Desired", 0, |o, _| replicas(o).to_string()),
                f("Current", 0, |o, _| n(o, "/status/replicas").to_string()),
                f("Ready", 0, |o, _| n(o, "/status/readyReplicas").to_string()),
                age(),
            ];
            c.extend(wide_containers());
            if kind == "ReplicaSet" {
                c.push(f("Selector", 1, |o, _| {
                    selector_string(o.at("/spec/selector"))
                }));
            } else {
                c.push(f("Selector", 1, |o, _| {
                    format_labels(o.at("/spec/selector"))
                }));
            }
            c
        }
        ("apps", "DaemonSet") => {
            let mut c = vec![
                name(),
                f("Desired", 0, |o, _| {
                    n(o, "/status/desiredNumberScheduled").to_string()
                }),
                f("Current", 0, |o, _| {
                    n(o, "/status/currentNumberScheduled").to_string()
                }),
                f("Ready", 0, |o, _| n(o, "/status/numberReady").to_string()),
                f("Up-to-date", 0, |o, _| {
                    n(o, "/status/updatedNumberScheduled").to_string()
                }),
                f("Available", 0, |o, _| {
                    n(o, "/status/numberAvailable").to_string()
                }),
                f("Node Selector", 0, |o, _| {
                    format_labels(o.at("/spec/template/spec/nodeSelector"))
                }),
                age(),
            ];
            c.extend(wide_containers());
            c.push(f("Selector", 1, |o, _| {
                selector_string(o.at("/spec/selector"))
            }));
            c
        }
        ("apps", "StatefulSet") => {
            let mut c = vec![
                name(),
                f("Ready", 0, |o, _| {
                    format!("{}/{}", n(o, "/status/readyReplicas"), replicas(o))
                }),
                age(),
            ];
            c.extend(wide_containers());
            c
        }
        ("apps", "ControllerRevision") => vec![
            name(),
            f("Controller", 0, controller_revision_owner),
            f("Revision", 0, |o, _| n(o, "/revision").to_string()),
            age(),
        ],
        ("batch", "Job") => {
            let mut c = vec![
                name(),
                f("Completions", 0, job_completions),
                f("Duration", 0, job_duration),
                age(),
            ];
            c.extend(wide_containers());
            c.push(f("Selector", 1, |o, _| {
                selector_string(o.at("/spec/selector"))
            }));
            c
        }
        ("batch", "CronJob") => vec![
            name(),
            f("Schedule", 0, |o, _| s(o, "/spec/schedule")),
            f("Suspend", 0, |o, _| {
                match o.at("/spec/suspend").and_then(Value::as_bool) {
                    None => "<unset>".to_owned(),
                    Some(true) => "True".to_owned(),
                    Some(false) => "False".to_owned(),
                }
            }),
            f("Active", 0, |o, _| len(o, "/status/active").to_string()),
            f("Last Schedule", 0, |o, now| {
                match o.at("/status/lastScheduleTime").and_then(Value::as_str) {
                    Some(t) => age_since(Some(t), now),
                    None => "<none>".to_owned(),
                }
            }),
            age(),
            f("Containers", 1, |o, _| {
                containers_of(o.at("/spec/jobTemplate/spec/template/spec/containers")).0
            }),
            f("Images", 1, |o, _| {
                containers_of(o.at("/spec/jobTemplate/spec/template/spec/containers")).1
            }),
            f("Selector", 1, |o, _| {
                selector_string(o.at("/spec/jobTemplate/spec/selector"))
            }),
        ],
        ("", "Service") => vec![
            name(),
            f("Type", 0, |o, _| s(o, "/spec/type")),
            f("Cluster-IP", 0, |o, _| {
                o.at("/spec/clusterIPs/0")
                    .or(o.at("/spec/clusterIP"))
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .unwrap_or("<none>")
                    .to_owned()
            }),
            f("External-IP", 0, |o, _| service_external_ip(o, false)),
            f("Port(s)", 0, service_ports),
            age(),
            f("Selector", 1, |o, _| format_labels(o.at("/spec/selector"))),
        ],
        ("", "Endpoints") => vec![name(), f("Endpoints", 0, endpoints_cell), age()],
        ("discovery.k8s.io", "EndpointSlice") => vec![
            name(),
            f("AddressType", 0, |o, _| s(o, "/addressType")),
            f("Ports", 0, endpoint_slice_ports),
            f("Endpoints", 0, endpoint_slice_endpoints),
            age(),
        ],
        ("", "ConfigMap") => vec![
            name(),
            f("Data", 0, |o, _| {
                (len(o, "/data") + len(o, "/binaryData")).to_string()
            }),
            age(),
        ],
        ("", "Secret") => vec![
            name(),
            f("Type", 0, |o, _| s(o, "/type")),
            f("Data", 0, |o, _| len(o, "/data").to_string()),
            age(),
        ],
        ("", "ServiceAccount") => vec![
            name(),
            f("Secrets", 0, |o, _| len(o, "/secrets").to_string()),
            age(),
        ],
        ("", "PersistentVolume") => vec![
            name(),
            f("Capacity", 0, |o, _| s(o, "/spec/capacity/storage")),
            f("Access Modes", 0, |o, _| {
                access_modes(o.at("/spec/accessModes"))
            }),
            f("Reclaim Policy", 0, |o, _| {
                s(o, "/spec/persistentVolumeReclaimPolicy")
            }),
            f("Status", 0, |o, _| {
                if is_deleting(o) {
                    "Terminating".to_owned()
                } else {
                    s(o, "/status/phase")
                }
            }),
            f("Claim", 0, |o, _| match o.at("/spec/claimRef") {
                Some(r) if r.is_object() => format!("{}/{}", s(r, "/namespace"), s(r, "/name")),
                _ => String::new(),
            }),
            f("StorageClass", 0, |o, _| storage_class_of(o)),
            f("Reason", 0, |o, _| s(o, "/status/reason")),
            age(),
            f("VolumeMode", 1, |o, _| {
                unset_if_empty(s(o, "/spec/volumeMode"))
            }),
        ],
        ("", "PersistentVolumeClaim") => vec![
            name(),
            f("Status", 0, |o, _| {
                if is_deleting(o) {
                    "Terminating".to_owned()
                } else {
                    s(o, "/status/phase")
                }
            }),
            f("Volume", 0, |o, _| s(o, "/spec/volumeName")),
            f("Capacity", 0, |o, _| {
                if s(o, "/spec/volumeName").is_empty() {
                    String::new()
                } else {
                    s(o, "/status/capacity/storage")
                }
            }),
            f("Access Modes", 0, |o, _| {
                if s(o, "/spec/volumeName").is_empty() {
                    String::new()
                } else {
                    access_modes(o.at("/status/accessModes"))
                }
            }),
            f("StorageClass", 0, |o, _| storage_class_of(o)),
            age(),
            f("VolumeMode", 1, |o, _| {
                unset_if_empty(s(o, "/spec/volumeMode"))
            }),
        ],
        ("storage.k8s.io", "StorageClass") => vec![
            f("Name", 0, |o, _| {
                let annotations = o.at("/metadata/annotations");
                let default = [
                    "storageclass.kubernetes.io/is-default-class",
                    "storageclass.beta.kubernetes.io/is-default-class",
                ]
                .iter()
                .any(|k| {
                    annotations.and_then(|a| a.get(*k)).and_then(Value::as_str) == Some("true")
                });
                let name = s(o, "/metadata/name");
                if default {
                    format!("{name} (default)")
                } else {
                    name
                }
            }),
            f("Provisioner", 0, |o, _| s(o, "/provisioner")),
            f("ReclaimPolicy", 0, |o, _| {
                or_default(s(o, "/reclaimPolicy"), "Delete")
            }),
            f("VolumeBindingMode", 0, |o, _| {
                or_default(s(o, "/volumeBindingMode"), "Immediate")
            }),
            f("AllowVolumeExpansion", 0, |o, _| {
                o.at("/allowVolumeExpansion")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .to_string()
            }),
            age(),
        ],
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => vec![
            name(),
            f("Role", 0, |o, _| {
                format!("{}/{}", s(o, "/roleRef/kind"), s(o, "/roleRef/name"))
            }),
            age(),
            f("Users", 1, |o, _| subjects(o, "User")),
            f("Groups", 1, |o, _| subjects(o, "Group")),
            f("ServiceAccounts", 1, |o, _| subjects(o, "ServiceAccount")),
        ],
        ("autoscaling", "HorizontalPodAutoscaler") => vec![
            name(),
            f("Reference", 0, |o, _| {
                format!(
                    "{}/{}",
                    s(o, "/spec/scaleTargetRef/kind"),
                    s(o, "/spec/scaleTargetRef/name")
                )
            }),
            f("Targets", 0, hpa_targets),
            f("MinPods", 0, |o, _| {
                o.at("/spec/minReplicas")
                    .and_then(Value::as_i64)
                    .map_or("<unset>".to_owned(), |v| v.to_string())
            }),
            f("MaxPods", 0, |o, _| n(o, "/spec/maxReplicas").to_string()),
            f("Replicas", 0, |o, _| {
                n(o, "/status/currentReplicas").to_string()
            }),
            age(),
        ],
        ("", "Event") | ("events.k8s.io", "Event") => vec![
            f("Last Seen", 0, event_last_seen),
            f("Type", 0, |o, _| s(o, "/type")),
            f("Reason", 0, |o, _| s(o, "/reason")),
            f("Object", 0, |o, _| {
                let (kind, name) = (
                    s(o, "/involvedObject/kind").to_lowercase(),
                    s(o, "/involvedObject/name"),
                );
                if name.is_empty() {
                    kind
                } else {
                    format!("{kind}/{name}")
                }
            }),
            f("Subobject", 1, |o, _| s(o, "/involvedObject/fieldPath")),
            f("Source", 1, |o, _| event_source(o)),
            f("Message", 0, |o, _| s(o, "/message").trim().to_owned()),
            f("First Seen", 1, event_first_seen),
            f("Count", 1, |o, _| event_count(o).to_string()),
            f("Name", 1, cell_name),
        ],
        ("", "ResourceQuota") => vec![
            name(),
            age(),
            f("Request", 0, |o, _| quota_column(o, false)),
            f("Limit", 0, |o, _| quota_column(o, true)),
        ],
        ("networking.k8s.io", "Ingress") => vec![
            name(),
            f("Class", 0, |o, _| {
                o.at("/spec/ingressClassName")
                    .and_then(Value::as_str)
                    .unwrap_or("<none>")
                    .to_owned()
            }),
            f("Hosts", 0, ingress_hosts),
            f("Address", 0, |o, _| {
                load_balancer_string(o.at("/status/loadBalancer/ingress"), false)
            }),
            f("Ports", 0, |o, _| {
                if len(o, "/spec/tls") > 0 {
                    "80, 443".to_owned()
                } else {
                    "80".to_owned()
                }
            }),
            age(),
        ],
        ("networking.k8s.io", "NetworkPolicy") => {
            vec![
                name(),
                f("Pod-Selector", 0, |o, _| {
                    none_if_empty(selector_string(o.at("/spec/podSelector")))
                }),
                age(),
            ]
        }
        ("policy", "PodDisruptionBudget") => vec![
            name(),
            f("Min Available", 0, |o, _| {
                int_or_string(o.at("/spec/minAvailable")).unwrap_or_else(|| "N/A".to_owned())
            }),
            f("Max Unavailable", 0, |o, _| {
                int_or_string(o.at("/spec/maxUnavailable")).unwrap_or_else(|| "N/A".to_owned())
            }),
            f("Allowed Disruptions", 0, |o, _| {
                n(o, "/status/disruptionsAllowed").to_string()
            }),
            age(),
        ],
        ("certificates.k8s.io", "CertificateSigningRequest") => vec![
            name(),
            age(),
            f("SignerName", 0, |o, _| {
                none_if_empty(s(o, "/spec/signerName"))
            }),
            f("Requestor", 0, |o, _| s(o, "/spec/username")),
            f("RequestedDuration", 0, |o, _| {
                o.at("/spec/expirationSeconds")
                    .and_then(Value::as_i64)
                    .map_or("<none>".to_owned(), |secs| human_duration(secs * 1000))
            }),
            f("Condition", 0, csr_condition),
        ],
        ("coordination.k8s.io", "Lease") => vec![
            name(),
            f("Holder", 0, |o, _| s(o, "/spec/holderIdentity")),
            age(),
        ],
        ("apiregistration.k8s.io", "APIService") => vec![
            name(),
            f("Service", 0, |o, _| {
                match (s(o, "/spec/service/namespace"), s(o, "/spec/service/name")) {
                    (ns, svc) if !svc.is_empty() => format!("{ns}/{svc}"),
                    _ => "Local".to_owned(),
                }
            }),
            f("Available", 0, |o, _| {
                let available = o
                    .at("/status/conditions")
                    .and_then(Value::as_array)
                    .and_then(|cs| cs.iter().find(|c| c["type"] == "Available"));
                match available {
                    None => "Unknown".to_owned(),
                    Some(c) if c["status"] == "True" => "True".to_owned(),
                    Some(c) => {
                        let status = c["status"].as_str().unwrap_or("Unknown");
                        match c["reason"].as_str().filter(|r| !r.is_empty()) {
                            Some(reason) => format!("{status} ({reason})"),
                            None => status.to_owned(),
                        }
                    }
                }
            }),
            age(),
        ],
        ("scheduling.k8s.io", "PriorityClass") => vec![
            name(),
            f("Value", 0, |o, _| n(o, "/value").to_string()),
            f("Global-Default", 0, |o, _| {
                o.at("/globalDefault")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .to_string()
            }),
            age(),
        ],
        ("project.openshift.io", "Project") => vec![
            name(),
            f("Display Name", 0, |o, _| {
                s(o, "/metadata/annotations/openshift.io~1display-name")
            }),
            f("Status", 0, |o, _| s(o, "/status/phase")),
        ],
        ("route.openshift.io", "Route") => vec![
            name(),
            f("Host/Port", 0, route_host),
            f("Path", 0, |o, _| s(o, "/spec/path")),
            f("Services", 0, route_services),
            f("Port", 0, |o, _| match o.at("/spec/port/targetPort") {
                Some(Value::String(p)) => p.clone(),
                Some(Value::Number(p)) => p.to_string(),
                _ => "<all>".to_owned(),
            }),
            f("Termination", 0, |o, _| {
                let term = s(o, "/spec/tls/termination");
                let insecure = s(o, "/spec/tls/insecureEdgeTerminationPolicy");
                match (term.is_empty(), insecure.is_empty()) {
                    (false, false) => format!("{term}/{insecure}"),
                    (false, true) => term,
                    (true, false) => format!("default/{insecure}"),
                    (true, true) => String::new(),
                }
            }),
            f("Wildcard", 0, |o, _| s(o, "/spec/wildcardPolicy")),
        ],
        ("apps.openshift.io", "DeploymentConfig") => vec![
            name(),
            f("Revision", 0, |o, _| {
                n(o, "/status/latestVersion").to_string()
            }),
            f("Desired", 0, |o, _| {
                let replicas = n(o, "/spec/replicas");
                if o.at("/spec/test").and_then(Value::as_bool) == Some(true) {
                    format!("{replicas} (during test)")
                } else {
                    replicas.to_string()
                }
            }),
            f("Current", 0, |o, _| {
                n(o, "/status/updatedReplicas").to_string()
            }),
            f("Triggered By", 0, dc_triggers),
        ],
        ("build.openshift.io", "BuildConfig") => vec![
            name(),
            f("Type", 0, |o, _| s(o, "/spec/strategy/type")),
            f("From", 0, |o, _| {
                match o
                    .at("/spec/strategy/customStrategy")
                    .filter(|v| v.is_object())
                {
                    Some(custom) => s(custom, "/from/name"),
                    None => build_source_short(o),
                }
            }),
            f("Latest", 0, |o, _| n(o, "/status/lastVersion").to_string()),
        ],
        ("build.openshift.io", "Build") => vec![
            name(),
            f("Type", 0, |o, _| s(o, "/spec/strategy/type")),
            f("From", 0, |o, _| build_source_short(o)),
            f("Status", 0, |o, _| {
                let (phase, reason) = (s(o, "/status/phase"), s(o, "/status/reason"));
                if reason.is_empty() {
                    phase
                } else {
                    format!("{phase} ({reason})")
                }
            }),
            f("Started", 0, |o, now| {
                match o.at("/status/startTimestamp").and_then(Value::as_str) {
                    Some(t) => format!("{} ago", age_since(Some(t), now)),
                    None => String::new(),
                }
            }),
            f("Duration", 0, |o, _| {
                let ns = o
                    .at("/status/duration")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                if ns > 0 {
                    go_duration(ns)
                } else {
                    String::new()
                }
            }),
        ],
        ("image.openshift.io", "ImageStream") => vec![
            name(),
            f("Image Repository", 0, |o, _| {
                let public = s(o, "/status/publicDockerImageRepository");
                if !public.is_empty() {
                    return public;
                }
                or_default(
                    s(o, "/spec/dockerImageRepository"),
                    &s(o, "/status/dockerImageRepository"),
                )
            }),
            f("Tags", 0, image_stream_tags),
            f("Updated", 0, image_stream_updated),
        ],
        ("template.openshift.io", "Template") => vec![
            name(),
            f("Description", 0, template_description),
            f("Parameters", 0, template_parameters),
            f("Objects", 0, |o, _| len(o, "/objects").to_string()),
        ],
        ("user.openshift.io", "User") => vec![
            name(),
            f("UID", 0, |o, _| s(o, "/metadata/uid")),
            f("Full Name", 0, |o, _| s(o, "/fullName")),
            f("Identities", 0, |o, _| {
                strings(o.at("/identities")).join(", ")
            }),
        ],
        ("user.openshift.io", "Identity") => vec![
            name(),
            f("IDP Name", 0, |o, _| s(o, "/providerName")),
            f("IDP User Name", 0, |o, _| s(o, "/providerUserName")),
            f("User Name", 0, |o, _| s(o, "/user/name")),
            f("User UID", 0, |o, _| s(o, "/user/uid")),
        ],
        ("user.openshift.io", "Group") => vec![
            name(),
            f("Users", 0, |o, _| strings(o.at("/users")).join(", ")),
        ],
        ("config.openshift.io", "ClusterOperator") => vec![
            name(),
            p(
                "Version",
                0,
                ".status.versions[?(@.name==\"operator\")].version",
                "string",
            ),
            p(
                "Available",
                0,
                ".status.conditions[?(@.type==\"Available\")].status",
                "string",
            ),
            p(
                "Progressing",
                0,
                ".status.conditions[?(@.type==\"Progressing\")].status",
                "string",
            ),
            p(
                "Degraded",
                0,
                ".status.conditions[?(@.type==\"Degraded\")].status",
                "string",
            ),
            p(
                "Since",
                0,
                ".status.conditions[?(@.type==\"Available\")].lastTransitionTime",
                "date",
            ),
            p(
                "Message",
                0,
                ".status.conditions[?(@.type==\"Progressing\")].message",
                "string",
            ),
        ],
        ("config.openshift.io", "ClusterVersion") => vec![
            name(),
            p(
                "Version",
                0,
                ".status.history[?(@.state==\"Completed\")].version",
                "string",
            ),
            p(
                "Available",
                0,
                ".status.conditions[?(@.type==\"Available\")].status",
                "string",
            ),
            p(
                "Progressing",
                0,
                ".status.conditions[?(@.type==\"Progressing\")].status",
                "string",
            ),
            p(
                "Since",
                0,
                ".status.conditions[?(@.type==\"Progressing\")].lastTransitionTime",
                "date",
            ),
            p(
                "Status",
                0,
                ".status.conditions[?(@.type==\"Progressing\")].message",
                "string",
            ),
        ],
        ("machineconfiguration.openshift.io", "MachineConfigPool") => vec![
            name(),
            p("Config", 0, ".status.configuration.name", "string"),
            p(
                "Updated",
                0,
                ".status.conditions[?(@.type==\"Updated\")].status",
                "string",
            ),
            p(
                "Updating",
                0,
                ".status.conditions[?(@.type==\"Updating\")].status",
                "string",
            ),
            p(
                "Degraded",
                0,
                ".status.conditions[?(@.type==\"Degraded\")].status",
                "string",
            ),
            p("MachineCount", 0, ".status.machineCount", "number"),
            p(
                "ReadyMachineCount",
                0,
                ".status.readyMachineCount",
                "number",
            ),
            p(
                "UpdatedMachineCount",
                0,
                ".status.updatedMachineCount",
                "number",
            ),
            p(
                "DegradedMachineCount",
                0,
                ".status.degradedMachineCount",
                "number",
            ),
            p("Age", 0, ".metadata.creationTimestamp", "date"),
        ],
        ("machineconfiguration.openshift.io", "MachineConfig") => vec![
            name(),
            p(
                "GeneratedByController",
                0,
                ".metadata.annotations.machineconfiguration\\.openshift\\.io/generated-by-controller-version",
                "string",
            ),
            p(
                "IgnitionVersion",
                0,
                ".spec.config.ignition.version",
                "string",
            ),
            p("Age", 0, ".metadata.creationTimestamp", "date"),
        ],
        ("machine.openshift.io", "Machine") => vec![
            name(),
            p("Phase", 0, ".status.phase", "string"),
            p(
                "Type",
                0,
                ".metadata.labels['machine\\.openshift\\.io/instance-type']",
                "string",
            ),
            p(
                "Region",
                0,
                ".metadata.labels['machine\\.openshift\\.io/region']",
                "string",
            ),
            p(
                "Zone",
                0,
                ".metadata.labels['machine\\.openshift\\.io/zone']",
                "string",
            ),
            p("Age", 0, ".metadata.creationTimestamp", "date"),
            p("Node", 1, ".status.nodeRef.name", "string"),
            p("ProviderID", 1, ".spec.providerID", "string"),
            p(
                "State",
                1,
                ".metadata.annotations['machine\\.openshift\\.io/instance-state']",
                "string",
            ),
        ],
        ("machine.openshift.io", "MachineSet") => vec![
            name(),
            p("Desired", 0, ".spec.replicas", "integer"),
            p("Current", 0, ".status.replicas", "integer"),
            p("Ready", 0, ".status.readyReplicas", "integer"),
            p("Available", 0, ".status.availableReplicas", "integer"),
            p("Age", 0, ".metadata.creationTimestamp", "date"),
        ],
        // CustomResourceDefinitions and config.openshift.io kinds without printer columns show the CRD default.
        (g, _) if is_crd_group(g) => vec![name(), age()],
        _ => vec![
            name(),
            f("Created At", 0, |o, _| s(o, "/metadata/creationTimestamp")),
        ],
    }
}

/// The columns of one version of a CustomResourceDefinition: NAME, then its `additionalPrinterColumns` (an AGE column when it declares none).
pub fn columns_from_crd(crd: &Value, version: &str) -> Vec<Column> {
    let mut cols = vec![Column::func("Name", 0, cell_name)];
    let declared = crd
        .at("/spec/versions")
        .and_then(Value::as_array)
        .and_then(|vs| {
            vs.iter()
                .find(|v| v.get("name").and_then(Value::as_str) == Some(version))
        })
        .and_then(|v| v.get("additionalPrinterColumns"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if declared.is_empty() {
        cols.push(Column::func("Age", 0, cell_age));
        return cols;
    }
    for c in &declared {
        let priority = c
            .get("priority")
            .and_then(Value::as_u64)
            .unwrap_or(0)
            .min(u64::from(u8::MAX)) as u8;
        cols.push(Column::json_path(
            &s(c, "/name"),
            priority,
            &s(c, "/jsonPath"),
            &s(c, "/type"),
        ));
    }
    cols
}

/// API groups whose kinds are CustomResourceDefinitions in OpenShift 4 (their tables come from the CRD, `NAME AGE` by default).
fn is_crd_group(group: &str) -> bool {
    const AGGREGATED: &[&str] = &[
        "apps.openshift.io",
        "authorization.openshift.io",
        "build.openshift.io",
        "image.openshift.io",
        "oauth.openshift.io",
        "project.openshift.io",
        "quota.openshift.io",
        "route.openshift.io",
        "security.openshift.io",
        "template.openshift.io",
        "user.openshift.io",
    ];
    group.contains('.') && !group.ends_with(".k8s.io") && !AGGREGATED.contains(&group)
}

/// JSON Pointer lookups as [`Value::pointer`] does them, without copying each reference token into a `String` (a
/// table of thousands of rows looks up dozens of fields per row); pointers with `~` escapes take the general way.
trait Lookup {
    /// The value at `pointer`, if any.
    fn at(&self, pointer: &str) -> Option<&Value>;
}

impl Lookup for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        if pointer.contains('~') {
            return self.pointer(pointer);
        }
        pointer
            .strip_prefix('/')?
            .split('/')
            .try_fold(self, |target, token| match target {
                Value::Object(map) => map.get(token),
                Value::Array(list) => array_index(token).and_then(|i| list.get(i)),
                _ => None,
            })
    }
}

/// An array index token as JSON Pointer spells it (no sign, no leading zeros).
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() > 1) {
        return None;
    }
    token.parse().ok()
}

/// The value at a JSON pointer as a string (`""` when missing; numbers and booleans printed).
pub fn s(obj: &Value, pointer: &str) -> String {
    match obj.at(pointer) {
        Some(Value::String(v)) => v.clone(),
        Some(Value::Number(v)) => v.to_string(),
        Some(Value::Bool(v)) => v.to_string(),
        _ => String::new(),
    }
}

fn n(obj: &Value, pointer: &str) -> i64 {
    obj.at(pointer).and_then(Value::as_i64).unwrap_or(0)
}

fn len(obj: &Value, pointer: &str) -> usize {
    match obj.at(pointer) {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(m)) => m.len(),
        _ => 0,
    }
}

fn replicas(obj: &Value) -> i64 {
    obj.at("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.map(crate::api::object::string_array).unwrap_or_default()
}

fn none_if_empty(v: String) -> String {
    if v.is_empty() { "<none>".to_owned() } else { v }
}

fn unknown_if_empty(v: String) -> String {
    if v.is_empty() {
        "<unknown>".to_owned()
    } else {
        v
    }
}

fn unset_if_empty(v: String) -> String {
    if v.is_empty() {
        "<unset>".to_owned()
    } else {
        v
    }
}

fn or_default(v: String, default: &str) -> String {
    if v.is_empty() { default.to_owned() } else { v }
}

fn is_deleting(obj: &Value) -> bool {
    obj.at("/metadata/deletionTimestamp")
        .is_some_and(|v| !v.is_null())
}

fn cell_name(obj: &Value, _now: i64) -> String {
    s(obj, "/metadata/name")
}

fn cell_age(obj: &Value, now: i64) -> String {
    age_since(
        obj.at("/metadata/creationTimestamp")
            .and_then(Value::as_str),
        now,
    )
}

fn containers_of(list: Option<&Value>) -> (String, String) {
    let items = list.and_then(Value::as_array).cloned().unwrap_or_default();
    let names: Vec<String> = items.iter().map(|c| s(c, "/name")).collect();
    let images: Vec<String> = items.iter().map(|c| s(c, "/image")).collect();
    (names.join(","), images.join(","))
}

fn cell_template_containers(obj: &Value, _now: i64) -> String {
    containers_of(obj.at("/spec/template/spec/containers")).0
}

fn cell_template_images(obj: &Value, _now: i64) -> String {
    containers_of(obj.at("/spec/template/spec/containers")).1
}

/// `labels.FormatLabels`: sorted `k=v` pairs joined by commas, `<none>` when empty.
pub fn format_labels(map: Option<&Value>) -> String {
    let Some(map) = map.and_then(Value::as_object) else {
        return "<none>".to_owned();
    };
    if map.is_empty() {
        return "<none>".to_owned();
    }
    let mut pairs: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect();
    pairs.sort_shared();
    pairs.join(",")
}

/// A label selector (`matchLabels` / `matchExpressions`) as `metav1.LabelSelectorAsSelector(...).String()` prints it.
pub fn selector_string(selector: Option<&Value>) -> String {
    let Some(sel) = selector.filter(|v| v.is_object()) else {
        return String::new();
    };
    let mut reqs: Vec<(String, String)> = Vec::new();
    if let Some(labels) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in labels {
            reqs.push((k.clone(), format!("{k}={}", v.as_str().unwrap_or_default())));
        }
    }
    if let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) {
        for e in exprs {
            let key = s(e, "/key");
            let mut values = strings(e.get("values"));
            values.sort_shared();
            let text = match s(e, "/operator").as_str() {
                "In" => format!("{key} in ({})", values.join(",")),
                "NotIn" => format!("{key} notin ({})", values.join(",")),
                "Exists" => key.clone(),
                "DoesNotExist" => format!("!{key}"),
                _ => continue,
            };
            reqs.push((key, text));
        }
    }
    reqs.sort_shared_by(|a, b| a.0.cmp(&b.0));
    reqs.into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

fn pod_ready(obj: &Value, now: i64) -> String {
    let summary = pod_summary(obj, now);
    format!("{}/{}", summary.ready, summary.total)
}

fn pod_status(obj: &Value, now: i64) -> String {
    pod_summary(obj, now).reason
}

fn pod_restarts(obj: &Value, now: i64) -> String {
    let summary = pod_summary(obj, now);
    match summary.last_restart {
        Some(t) => format!("{} ({} ago)", summary.restarts, human_duration(now - t)),
        None => summary.restarts.to_string(),
    }
}

/// The READY, STATUS and RESTARTS derivation of kubectl's pod printer.
pub struct PodSummary {
    /// Ready containers.
    pub ready: usize,
    /// Containers in the spec.
    pub total: usize,
    /// The STATUS column.
    pub reason: String,
    /// Restarts of the counted containers.
    pub restarts: i64,
    /// When a container last terminated before a restart, in milliseconds.
    pub last_restart: Option<i64>,
}

/// Computes READY, STATUS and RESTARTS for a pod the way kubectl's `printPod` does.
pub fn pod_summary(pod: &Value, _now: i64) -> PodSummary {
    let mut restarts = 0;
    let total = len(pod, "/spec/containers");
    let mut ready = 0;
    let mut last_restart: Option<i64> = None;
    let mut reason = s(pod, "/status/phase");
    let status_reason = s(pod, "/status/reason");
    if !status_reason.is_empty() {
        reason = status_reason.clone();
    }
    let conditions = array(pod, "/status/conditions");
    for c in conditions {
        if s(c, "/type") == "PodScheduled" && s(c, "/reason") == "SchedulingGated" {
            reason = "SchedulingGated".to_owned();
        }
    }
    let note_restart = |c: &Value, last: &mut Option<i64>| {
        if let Some(t) = c
            .at("/lastState/terminated/finishedAt")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
            && last.is_none_or(|l| l < t)
        {
            *last = Some(t);
        }
    };
    let init_statuses = array(pod, "/status/initContainerStatuses");
    let init_count = len(pod, "/spec/initContainers");
    let mut initializing = false;
    for (i, c) in init_statuses.iter().enumerate() {
        restarts += n(c, "/restartCount");
        note_restart(c, &mut last_restart);
        let terminated = c.at("/state/terminated").filter(|v| v.is_object());
        let waiting_reason = s(c, "/state/waiting/reason");
        if let Some(t) = terminated {
            if n(t, "/exitCode") == 0 {
                continue;
            }
            let r = s(t, "/reason");
            reason = if !r.is_empty() {
                format!("Init:{r}")
            } else if n(t, "/signal") != 0 {
                format!("Init:Signal:{}", n(t, "/signal"))
            } else {
                format!("Init:ExitCode:{}", n(t, "/exitCode"))
            };
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            reason = format!("Init:{waiting_reason}");
        } else {
            reason = format!("Init:{i}/{init_count}");
        }
        initializing = true;
        break;
    }
    if !initializing {
        restarts = 0;
        let mut has_running = false;
        let statuses = array(pod, "/status/containerStatuses");
        for c in statuses.iter().rev() {
            restarts += n(c, "/restartCount");
            note_restart(c, &mut last_restart);
            let waiting_reason = s(c, "/state/waiting/reason");
            let terminated = c.at("/state/terminated").filter(|v| v.is_object());
            if !waiting_reason.is_empty() {
                reason = waiting_reason;
            } else if let Some(t) = terminated {
                let r = s(t, "/reason");
                reason = if !r.is_empty() {
                    r
                } else if n(t, "/signal") != 0 {
                    format!("Signal:{}", n(t, "/signal"))
                } else {
                    format!("ExitCode:{}", n(t, "/exitCode"))
                };
            } else if c.get("ready").and_then(Value::as_bool) == Some(true)
                && c.at("/state/running").is_some_and(Value::is_object)
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = conditions
                .iter()
                .any(|c| s(c, "/type") == "Ready" && s(c, "/status") == "True");
            reason = if pod_ready {
                "Running".to_owned()
            } else {
                "NotReady".to_owned()
            };
        }
    }
    if is_deleting(pod) && status_reason == "NodeLost" {
        reason = "Unknown".to_owned();
    } else if is_deleting(pod) {
        reason = "Terminating".to_owned();
    }
    PodSummary {
        ready,
        total,
        reason,
        restarts,
        last_restart,
    }
}

/// The array at `pointer` in `value`, or an empty slice.
fn array<'a>(value: &'a Value, pointer: &str) -> &'a [Value] {
    value
        .at(pointer)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn pod_ip(obj: &Value, _now: i64) -> String {
    none_if_empty(s(obj, "/status/podIPs/0/ip"))
}

fn pod_readiness_gates(obj: &Value, _now: i64) -> String {
    let gates = obj
        .at("/spec/readinessGates")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if gates.is_empty() {
        return "<none>".to_owned();
    }
    let conditions = obj
        .at("/status/conditions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let true_count = gates
        .iter()
        .filter(|g| {
            let t = s(g, "/conditionType");
            conditions
                .iter()
                .find(|c| s(c, "/type") == t)
                .is_some_and(|c| s(c, "/status") == "True")
        })
        .count();
    format!("{true_count}/{}", gates.len())
}

fn node_status(obj: &Value, _now: i64) -> String {
    let conditions = obj
        .at("/status/conditions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut status = Vec::new();
    if let Some(c) = conditions.iter().rev().find(|c| s(c, "/type") == "Ready") {
        status.push(if s(c, "/status") == "True" {
            "Ready".to_owned()
        } else {
            "NotReady".to_owned()
        });
    }
    if status.is_empty() {
        status.push("Unknown".to_owned());
    }
    if obj.at("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push("SchedulingDisabled".to_owned());
    }
    status.join(",")
}

/// Node roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted.
pub fn node_roles_list(obj: &Value) -> Vec<String> {
    let mut roles = std::collections::BTreeSet::new();
    if let Some(labels) = obj.at("/metadata/labels").and_then(Value::as_object) {
        for (k, v) in labels {
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                if !role.is_empty() {
                    roles.insert(role.to_owned());
                }
            } else if k == "kubernetes.io/role" && v.as_str().is_some_and(|v| !v.is_empty()) {
                roles.insert(v.as_str().unwrap_or_default().to_owned());
            }
        }
    }
    roles.into_iter().collect()
}

fn node_roles(obj: &Value, _now: i64) -> String {
    none_if_empty(node_roles_list(obj).join(","))
}

fn node_address(obj: &Value, kind: &str) -> String {
    obj.at("/status/addresses")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| s(x, "/type") == kind))
        .map_or("<none>".to_owned(), |x| s(x, "/address"))
}

fn controller_revision_owner(obj: &Value, _now: i64) -> String {
    let owners = obj
        .at("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match owners
        .iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
    {
        Some(o) => {
            let api = s(o, "/apiVersion");
            let group = api.rsplit_once('/').map_or("", |(g, _)| g).to_owned();
            let kind = s(o, "/kind");
            let gk = if group.is_empty() {
                kind
            } else {
                format!("{kind}.{group}")
            };
            format!("{}/{}", gk.to_lowercase(), s(o, "/name"))
        }
        None => "<none>".to_owned(),
    }
}

fn job_completions(obj: &Value, _now: i64) -> String {
    let succeeded = n(obj, "/status/succeeded");
    match obj.at("/spec/completions").and_then(Value::as_i64) {
        Some(c) => format!("{succeeded}/{c}"),
        None => {
            let parallelism = n(obj, "/spec/parallelism");
            if parallelism > 1 {
                format!("{succeeded}/1 of {parallelism}")
            } else {
                format!("{succeeded}/1")
            }
        }
    }
}

fn job_duration(obj: &Value, now: i64) -> String {
    let start = obj
        .at("/status/startTime")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339);
    let end = obj
        .at("/status/completionTime")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339);
    match (start, end) {
        (None, _) => String::new(),
        (Some(s), None) => human_duration(now - s),
        (Some(s), Some(e)) => human_duration(e - s),
    }
}

/// `loadBalancerStatusStringer`: ingress IPs or hostnames joined by commas, cut to 16 characters unless wide.
fn load_balancer_string(ingress: Option<&Value>, wide: bool) -> String {
    let list: Vec<String> = ingress
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|i| {
                    let ip = s(i, "/ip");
                    if !ip.is_empty() {
                        return Some(ip);
                    }
                    let host = s(i, "/hostname");
                    (!host.is_empty()).then_some(host)
                })
                .collect()
        })
        .unwrap_or_default();
    let r = list.join(",");
    if !wide && r.chars().count() > 16 {
        format!("{}...", r.chars().take(13).collect::<String>())
    } else {
        r
    }
}

fn service_external_ip(obj: &Value, wide: bool) -> String {
    let external = strings(obj.at("/spec/externalIPs"));
    match s(obj, "/spec/type").as_str() {
        "ClusterIP" | "NodePort" | "" => {
            if external.is_empty() {
                "<none>".to_owned()
            } else {
                external.join(",")
            }
        }
        "LoadBalancer" => {
            let lb = load_balancer_string(obj.at("/status/loadBalancer/ingress"), wide);
            if !external.is_empty() {
                let mut results: Vec<String> = if lb.is_empty() {
                    Vec::new()
                } else {
                    lb.split(',').map(str::to_owned).collect()
                };
                results.extend(external);
                return results.join(",");
            }
            if lb.is_empty() {
                "<pending>".to_owned()
            } else {
                lb
            }
        }
        "ExternalName" => s(obj, "/spec/externalName"),
        _ => "<unknown>".to_owned(),
    }
}

fn service_ports(obj: &Value, _now: i64) -> String {
    let ports = obj
        .at("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let pieces: Vec<String> = ports
        .iter()
        .map(|p| {
            let protocol = or_default(s(p, "/protocol"), "TCP");
            let node_port = n(p, "/nodePort");
            if node_port > 0 {
                format!("{}:{node_port}/{protocol}", n(p, "/port"))
            } else {
                format!("{}/{protocol}", n(p, "/port"))
            }
        })
        .collect();
    none_if_empty(pieces.join(","))
}

fn endpoints_cell(obj: &Value, _now: i64) -> String {
    let subsets = obj
        .at("/subsets")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if subsets.is_empty() {
        return "<none>".to_owned();
    }
    let max = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for ss in &subsets {
        let addresses = ss
            .get("addresses")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let ports = ss
            .get("ports")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if ports.is_empty() {
            count += addresses.len();
            for a in &addresses {
                if list.len() == max {
                    more = true;
                    break;
                }
                list.push(s(a, "/ip"));
            }
            continue;
        }
        for port in &ports {
            count += addresses.len();
            for a in &addresses {
                if list.len() == max {
                    more = true;
                    break;
                }
                let ip = s(a, "/ip");
                let host = if ip.contains(':') {
                    format!("[{ip}]")
                } else {
                    ip
                };
                list.push(format!("{host}:{}", n(port, "/port")));
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count - max)
    } else {
        ret
    }
}

fn list_with_more(list: Vec<String>, more: bool, count: usize, max: usize) -> String {
    let ret = list.join(",");
    if more {
        return format!("{ret} + {} more...", count - max);
    }
    if ret.is_empty() {
        "<unset>".to_owned()
    } else {
        ret
    }
}

fn endpoint_slice_ports(obj: &Value, _now: i64) -> String {
    let ports = obj
        .at("/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (max, mut list, mut more, mut count) = (3, Vec::new(), false, 0);
    for p in &ports {
        if list.len() < max {
            let num = match p.get("port").and_then(Value::as_i64) {
                Some(v) => v.to_string(),
                None => p
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("*")
                    .to_owned(),
            };
            list.push(num);
        } else if list.len() == max {
            more = true;
        }
        count += 1;
    }
    list_with_more(list, more, count, max)
}

fn endpoint_slice_endpoints(obj: &Value, _now: i64) -> String {
    let endpoints = obj
        .at("/endpoints")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (max, mut list, mut more, mut count) = (3, Vec::new(), false, 0);
    for e in &endpoints {
        for a in strings(e.get("addresses")) {
            if list.len() < max {
                list.push(a);
            } else if list.len() == max {
                more = true;
            }
            count += 1;
        }
    }
    list_with_more(list, more, count, max)
}

/// A template's description as the server's printer cuts it: the first line, then at most 80 bytes.
fn template_description(obj: &Value, _now: i64) -> String {
    let full = s(obj, "/metadata/annotations/description");
    let mut text = match full.split_once('\n') {
        Some((first, _)) => format!("{first}..."),
        None => full,
    };
    if text.len() > 80 {
        let mut cut = 77;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = format!("{}...", text[..cut].trim());
    }
    text
}

/// A template's parameter count with how many are blank, else how many are generated (`10 (3 blank)`).
fn template_parameters(obj: &Value, _now: i64) -> String {
    let params = obj
        .pointer("/parameters")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let unset = params
        .iter()
        .filter(|p| p["value"].as_str().is_none_or(str::is_empty));
    let generated = unset
        .clone()
        .filter(|p| p["generate"].as_str().is_some_and(|g| !g.is_empty()))
        .count();
    let blank = unset.count() - generated;
    match (blank, generated) {
        (0, 0) => format!("{} (all set)", params.len()),
        (0, g) => format!("{} ({g} generated)", params.len()),
        (b, _) => format!("{} ({b} blank)", params.len()),
    }
}

/// `GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order.
pub fn access_modes(modes: Option<&Value>) -> String {
    let modes = strings(modes);
    let mut out = Vec::new();
    for (mode, short) in [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ] {
        if modes.iter().any(|m| m == mode) {
            out.push(short);
        }
    }
    out.join(",")
}

fn storage_class_of(obj: &Value) -> String {
    let beta = s(
        obj,
        "/metadata/annotations/volume.beta.kubernetes.io~1storage-class",
    );
    if !beta.is_empty() {
        return beta;
    }
    s(obj, "/spec/storageClassName")
}

fn subjects(obj: &Value, kind: &str) -> String {
    let subjects = obj
        .at("/subjects")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    subjects
        .iter()
        .filter(|x| s(x, "/kind") == kind)
        .map(|x| {
            if kind == "ServiceAccount" {
                format!("{}/{}", s(x, "/namespace"), s(x, "/name"))
            } else {
                s(x, "/name")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn hpa_targets(obj: &Value, _now: i64) -> String {
    let specs = obj
        .at("/spec/metrics")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if specs.is_empty() {
        return "<none>".to_owned();
    }
    let statuses = obj
        .at("/status/currentMetrics")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (max, mut list, mut count) = (2, Vec::new(), 0);
    for (i, spec) in specs.iter().enumerate() {
        let ty = s(spec, "/type");
        let status = statuses.get(i);
        let text = match ty.as_str() {
            "Resource" | "ContainerResource" => {
                let key = if ty == "Resource" {
                    "resource"
                } else {
                    "containerResource"
                };
                let target = spec.get(key).cloned().unwrap_or_default();
                let current = status.and_then(|st| st.get(key)).cloned();
                let average_value = s(&target, "/target/averageValue");
                if !average_value.is_empty() {
                    let cur = current
                        .map(|c| s(&c, "/current/averageValue"))
                        .filter(|v| !v.is_empty())
                        .unwrap_or_else(|| "<unknown>".to_owned());
                    format!("{cur}/{average_value}")
                } else {
                    let cur = current
                        .and_then(|c| c.at("/current/averageUtilization").and_then(Value::as_i64))
                        .map_or("<unknown>".to_owned(), |v| format!("{v}%"));
                    let tgt = target
                        .at("/target/averageUtilization")
                        .and_then(Value::as_i64)
                        .map_or("<auto>".to_owned(), |v| format!("{v}%"));
                    format!("{cur}/{tgt}")
                }
            }
            "Pods" | "Object" | "External" => {
                let key = match ty.as_str() {
                    "Pods" => "pods",
                    "Object" => "object",
                    _ => "external",
                };
                let target = spec.get(key).cloned().unwrap_or_default();
                let tv = or_default(
                    s(&target, "/target/averageValue"),
                    &s(&target, "/target/value"),
                );
                let cur = status
                    .and_then(|st| st.get(key))
                    .map(|c| or_default(s(c, "/current/averageValue"), &s(c, "/current/value")))
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| "<unknown>".to_owned());
                format!("{cur}/{tv}")
            }
            _ => "<unknown type>".to_owned(),
        };
        if list.len() < max {
            list.push(text);
        }
        count += 1;
    }
    let ret = list.join(", ");
    if count > max {
        format!("{ret} + {} more...", count - max)
    } else {
        ret
    }
}

fn event_first_seen(obj: &Value, now: i64) -> String {
    match obj.get("firstTimestamp").and_then(Value::as_str) {
        Some(t) => age_since(Some(t), now),
        None => age_since(obj.get("eventTime").and_then(Value::as_str), now),
    }
}

fn event_last_seen(obj: &Value, now: i64) -> String {
    if let Some(t) = obj.at("/series/lastObservedTime").and_then(Value::as_str) {
        return age_since(Some(t), now);
    }
    match obj.get("lastTimestamp").and_then(Value::as_str) {
        Some(t) => age_since(Some(t), now),
        None => event_first_seen(obj, now),
    }
}

fn event_count(obj: &Value) -> i64 {
    if let Some(c) = obj.at("/series/count").and_then(Value::as_i64) {
        return c;
    }
    match n(obj, "/count") {
        0 => 1,
        c => c,
    }
}

fn event_source(obj: &Value) -> String {
    let component = or_default(s(obj, "/source/component"), &s(obj, "/reportingComponent"));
    let instance = or_default(s(obj, "/source/host"), &s(obj, "/reportingInstance"));
    if instance.is_empty() {
        component
    } else {
        format!("{component}, {instance}")
    }
}

fn quota_column(obj: &Value, limits: bool) -> String {
    let Some(hard) = obj.at("/status/hard").and_then(Value::as_object) else {
        return String::new();
    };
    let mut names: Vec<&String> = hard.keys().collect();
    names.sort_shared();
    let mut parts = Vec::new();
    for name in names {
        let is_limit = name.split('.').count() > 1 && name.split('.').next() == Some("limits");
        if is_limit != limits {
            continue;
        }
        let used = obj
            .at("/status/used")
            .and_then(|u| u.get(name.as_str()))
            .map_or("0".to_owned(), |v| s(v, ""));
        parts.push(format!(
            "{name}: {}/{}",
            or_default(used, "0"),
            s(&hard[name.as_str()], "")
        ));
    }
    parts.join(", ")
}

fn ingress_hosts(obj: &Value, _now: i64) -> String {
    let rules = obj
        .at("/spec/rules")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (max, mut list, mut more) = (4, Vec::new(), false);
    for r in &rules {
        if list.len() == max {
            more = true;
        }
        let host = s(r, "/host");
        if !more && !host.is_empty() {
            list.push(host);
        }
    }
    if list.is_empty() {
        return "*".to_owned();
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", rules.len() - max)
    } else {
        ret
    }
}

fn int_or_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn csr_condition(obj: &Value, _now: i64) -> String {
    let conditions = obj
        .at("/status/conditions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let has = |t: &str| conditions.iter().any(|c| s(c, "/type") == t);
    let mut status = if has("Denied") {
        "Denied".to_owned()
    } else if has("Approved") {
        "Approved".to_owned()
    } else {
        "Pending".to_owned()
    };
    if has("Failed") {
        status.push_str(",Failed");
    }
    if !s(obj, "/status/certificate").is_empty() {
        status.push_str(",Issued");
    }
    status
}

fn route_host(obj: &Value, _now: i64) -> String {
    let mut host = s(obj, "/spec/host");
    let Some(ingresses) = obj.at("/status/ingress").and_then(Value::as_array) else {
        return host;
    };
    let spec_host = host.clone();
    let (mut admitted, mut errors, mut reason, mut matched) = (0, 0, String::new(), false);
    for ingress in ingresses {
        let conditions = ingress
            .get("conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(c) = conditions.iter().find(|c| s(c, "/type") == "Admitted") {
            match s(c, "/status").as_str() {
                "True" => {
                    admitted += 1;
                    if !matched {
                        matched = s(ingress, "/host") == spec_host;
                        host = s(ingress, "/host");
                    }
                }
                "False" => {
                    reason = s(c, "/reason");
                    errors += 1;
                }
                _ => {}
            }
        }
    }
    if admitted == 0 && errors > 0 {
        reason
    } else if errors > 0 {
        format!("{host} ... {errors} rejected")
    } else if admitted == 0 {
        "Pending".to_owned()
    } else if admitted > 1 {
        format!("{host} ... {} more", admitted - 1)
    } else {
        host
    }
}

fn route_services(obj: &Value, _now: i64) -> String {
    let mut backends = vec![obj.at("/spec/to").cloned().unwrap_or_default()];
    backends.extend(
        obj.at("/spec/alternateBackends")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
    );
    let total: i64 = backends
        .iter()
        .filter_map(|b| b.get("weight").and_then(Value::as_i64))
        .sum();
    let single = backends.len() == 1;
    backends
        .iter()
        .map(|b| {
            let name = s(b, "/name");
            match b.get("weight").and_then(Value::as_i64) {
                None => name,
                Some(_) if single && total != 0 => name,
                Some(_) if total == 0 => format!("{name}(0%)"),
                Some(w) => format!("{name}({}%)", w * 100 / total),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn dc_triggers(obj: &Value, _now: i64) -> String {
    let mut triggers = std::collections::BTreeSet::new();
    let containers: Vec<String> = obj
        .at("/spec/template/spec/containers")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|c| s(c, "/name")).collect())
        .unwrap_or_default();
    for t in obj
        .at("/spec/triggers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        match s(&t, "/type").as_str() {
            "ConfigChange" => {
                triggers.insert("config".to_owned());
            }
            "ImageChange" => {
                let Some(p) = t.get("imageChangeParams") else {
                    continue;
                };
                if p.get("automatic").and_then(Value::as_bool) != Some(true) {
                    continue;
                }
                let mut names = strings(p.get("containerNames"));
                let has_all = names.iter().all(|n| containers.contains(n));
                let prefix = if containers.len() != 1 && !has_all {
                    names.sort_shared();
                    format!("{}:", names.join(","))
                } else {
                    String::new()
                };
                let kind = s(p, "/from/kind");
                if kind == "ImageStreamTag" {
                    triggers.insert(format!("image({prefix}{})", s(p, "/from/name")));
                } else {
                    triggers.insert(format!("{kind}({prefix}{})", s(p, "/from/name")));
                }
            }
            other => {
                triggers.insert(other.to_owned());
            }
        }
    }
    triggers.into_iter().collect::<Vec<_>>().join(",")
}

fn build_source_short(obj: &Value) -> String {
    let source = obj.at("/spec/source").cloned().unwrap_or_default();
    let revision = {
        let mut rev = s(obj, "/spec/revision/git/commit");
        if rev.is_empty() {
            rev = s(&source, "/git/ref");
        }
        if rev.len() > 20 && rev.chars().all(|c| c.is_ascii_hexdigit()) {
            rev.truncate(7);
        }
        rev
    };
    let with_rev = |from: &str| {
        if revision.is_empty() {
            from.to_owned()
        } else {
            format!("{from}@{revision}")
        }
    };
    let has = |k: &str| source.get(k).is_some_and(|v| !v.is_null());
    if has("binary") {
        with_rev("Binary")
    } else if has("dockerfile") && has("git") {
        with_rev("Dockerfile,Git")
    } else if has("dockerfile") {
        "Dockerfile".to_owned()
    } else if has("git") {
        with_rev("Git")
    } else {
        String::new()
    }
}

/// Go's `time.Duration.String()` for nanoseconds (`1m23s`, `45s`, `1h2m3s`, `1.5s`).
pub fn go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".to_owned();
    }
    let neg = ns < 0;
    let ns = ns.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if ns < 1_000_000_000 {
        let (unit, div) = if ns < 1_000 {
            ("ns", 1)
        } else if ns < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", trim_fraction(ns, div));
    }
    let total_secs = ns / 1_000_000_000;
    let h = total_secs / 3600;
    let m = total_secs % 3600 / 60;
    let secs = trim_fraction(ns % 60_000_000_000, 1_000_000_000);
    let mut out = String::from(sign);
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    out.push_str(&format!("{secs}s"));
    out
}

fn trim_fraction(value: u64, div: u64) -> String {
    let whole = value / div;
    let frac = value % div;
    if frac == 0 {
        return whole.to_string();
    }
    let width = div.to_string().len() - 1;
    let digits = format!("{frac:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn image_stream_tags(obj: &Value, _now: i64) -> String {
    let tags = obj
        .at("/status/tags")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let created = |t: &Value| {
        t.at("/items/0/created")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
            .unwrap_or(i64::MIN)
    };
    let mut sorted: Vec<(i64, String)> = tags.iter().map(|t| (created(t), s(t, "/tag"))).collect();
    sorted.sort_shared_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut names: Vec<String> = sorted.into_iter().map(|(_, n)| n).collect();
    let total = names.len();
    let preferred: i64 = 40;
    let mut remaining = preferred;
    for i in 0..names.len() {
        remaining -= names[i].len() as i64 + 1;
        if remaining >= 0 {
            continue;
        }
        if i == 0 {
            names.truncate(1);
            break;
        }
        let margin = preferred / 4;
        if margin < remaining + names[i].len() as i64 && margin >= -remaining {
            continue;
        }
        names.truncate(i);
        break;
    }
    if total > names.len() {
        format!("{} + {} more...", names.join(","), total - names.len())
    } else {
        names.join(",")
    }
}

fn image_stream_updated(obj: &Value, now: i64) -> String {
    let latest = obj
        .at("/status/tags")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .filter_map(|t| {
                    t.at("/items/0/created")
                        .and_then(Value::as_str)
                        .and_then(parse_rfc3339)
                })
                .max()
        });
    match latest {
        Some(t) => format!("{} ago", docker_human_duration(now - t)),
        None => String::new(),
    }
}

/// A CRD printer-column cell: the first JSONPath result, dates as ages, missing values empty.
fn crd_cell(obj: &Value, path: &str, column_type: &str, now: i64) -> String {
    let Ok(template) = super::jsonpath::relaxed_expression(path) else {
        return String::new();
    };
    let Ok(parsed) = JsonPath::parse(&template) else {
        return String::new();
    };
    let Ok(results) = parsed.find_results(obj, true) else {
        return String::new();
    };
    let Some(value) = results.first().and_then(|r| r.first()) else {
        return String::new();
    };
    match column_type {
        "date" => match value.as_str().and_then(parse_rfc3339) {
            Some(t) => human_duration(now - t),
            None => "<invalid>".to_owned(),
        },
        "string" => match value {
            Value::Object(_) | Value::Array(_) => super::json::to_compact_json(value),
            other => super::jsonpath::go_sprint(other),
        },
        _ => super::jsonpath::go_sprint(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_json_pointer() {
        let v = serde_json::json!({"a": {"b/c": 1, "l": [10, 20]}, "": 3});
        for p in [
            "", "/a", "/a/b~1c", "/a/l/1", "/a/l/01", "/a/l/+1", "/a/l/2", "/", "a", "/a/x/y",
        ] {
            assert_eq!(v.at(p), v.pointer(p), "{p}");
        }
    }
}
