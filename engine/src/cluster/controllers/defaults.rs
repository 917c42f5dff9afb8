//! Defaulting: the fields the API server fills in on create and update, per kind.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::admission::default_field;
use super::super::{Cluster, UserInfo};
use crate::api::{ApiError, Object, k};

/// Fills in defaults for `object`; may fail for objects the server cannot accept.
pub fn apply(cluster: &mut Cluster, user: &UserInfo, object: &mut Object) -> Result<(), ApiError> {
    let kind = object.kind;
    if kind == k::pod() {
        let openshift = cluster.info.is_openshift();
        let ns = object.meta.namespace.to_string();
        let spec = object.spec_mut();
        pod_spec(spec);
        pod_admission(cluster, spec);
        if openshift {
            let scc = pod_scc(cluster, &ns, spec);
            let annotations = Arc::make_mut(&mut object.meta.annotations);
            annotations
                .entry("openshift.io/scc".into())
                .or_insert_with(|| scc.into());
        }
    } else if [
        k::deployment(),
        k::replicaset(),
        k::daemonset(),
        k::statefulset(),
        k::job(),
    ]
    .contains(&kind)
    {
        let spec = object.spec_mut();
        if kind != k::daemonset() && kind != k::job() {
            default_field(spec, "replicas", json!(1));
        }
        default_field(spec, "revisionHistoryLimit", json!(10));
        if kind == k::deployment() {
            default_field(spec, "progressDeadlineSeconds", json!(600));
            // As the API server's defaulting does: an empty strategy (what `kubectl create deployment` sends) is a
            // rolling update of 25% surge and 25% unavailable.
            default_field(spec, "strategy", json!({}));
            if let Some(strategy) = spec.get_mut("strategy").and_then(Value::as_object_mut) {
                default_field(strategy, "type", json!("RollingUpdate"));
                if strategy["type"] == "RollingUpdate" {
                    default_field(strategy, "rollingUpdate", json!({}));
                    if let Some(rolling) = strategy
                        .get_mut("rollingUpdate")
                        .and_then(Value::as_object_mut)
                    {
                        default_field(rolling, "maxSurge", json!("25%"));
                        default_field(rolling, "maxUnavailable", json!("25%"));
                    }
                }
            }
        }
        if kind == k::daemonset() {
            default_field(
                spec,
                "updateStrategy",
                json!({"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}),
            );
        }
        if kind == k::statefulset() {
            default_field(spec, "podManagementPolicy", json!("OrderedReady"));
            default_field(
                spec,
                "updateStrategy",
                json!({"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"}),
            );
            default_field(
                spec,
                "persistentVolumeClaimRetentionPolicy",
                json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
            );
        }
        if kind == k::job() {
            spec.remove("revisionHistoryLimit");
            default_field(spec, "backoffLimit", json!(6));
            default_field(spec, "completionMode", json!("NonIndexed"));
            default_field(spec, "completions", json!(1));
            default_field(spec, "parallelism", json!(1));
            default_field(spec, "suspend", json!(false));
            if !spec.contains_key("selector") {
                let uid = crate::api::object::uid_string(object.meta.uid);
                let job_name = object.meta.name.to_string();
                let spec = object.spec_mut();
                spec.insert(
                    "selector".into(),
                    json!({"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}),
                );
                let tl = spec
                    .entry("template")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .map(|t| t.entry("metadata").or_insert_with(|| json!({})).clone());
                let _ = tl;
                if let Some(meta) = spec
                    .get_mut("template")
                    .and_then(|t| t.get_mut("metadata"))
                    .and_then(Value::as_object_mut)
                {
                    let labels = meta.entry("labels").or_insert_with(|| json!({}));
                    if let Some(l) = labels.as_object_mut() {
                        l.insert("batch.kubernetes.io/controller-uid".into(), json!(uid));
                        l.insert("batch.kubernetes.io/job-name".into(), json!(job_name));
                        l.insert("controller-uid".into(), json!(uid));
                        l.insert("job-name".into(), json!(job_name));
                    }
                }
            }
        }
        let spec = object.spec_mut();
        if let Some(template_spec) = spec
            .get_mut("template")
            .and_then(|t| t.get_mut("spec"))
            .and_then(Value::as_object_mut)
        {
            pod_spec(template_spec);
            if kind == k::job() {
                default_field(template_spec, "restartPolicy", json!("Never"));
            }
        }
        if let Some(meta) = spec.get_mut("template").and_then(Value::as_object_mut) {
            default_field(meta, "metadata", json!({"creationTimestamp": null}));
            if let Some(m) = meta.get_mut("metadata").and_then(Value::as_object_mut) {
                default_field(m, "creationTimestamp", Value::Null);
            }
        }
    } else if kind == k::cronjob() {
        // SetDefaults_CronJob, and the pod spec defaults inside its job template.
        let spec = object.spec_mut();
        default_field(spec, "concurrencyPolicy", json!("Allow"));
        default_field(spec, "suspend", json!(false));
        default_field(spec, "successfulJobsHistoryLimit", json!(3));
        default_field(spec, "failedJobsHistoryLimit", json!(1));
        // A template's empty metadata reads back with a null creationTimestamp, as Go marshals a zero time.
        let stamp = |template: &mut Map<String, Value>| {
            default_field(template, "metadata", json!({}));
            if let Some(meta) = template.get_mut("metadata").and_then(Value::as_object_mut) {
                default_field(meta, "creationTimestamp", Value::Null);
            }
        };
        if let Some(job_template) = spec.get_mut("jobTemplate").and_then(Value::as_object_mut) {
            stamp(job_template);
            if let Some(template) = job_template
                .get_mut("spec")
                .and_then(|s| s.get_mut("template"))
                .and_then(Value::as_object_mut)
            {
                if let Some(pod) = template.get_mut("spec").and_then(Value::as_object_mut) {
                    pod_spec(pod);
                }
                stamp(template);
            }
        }
    } else if kind == k::service() {
        service(cluster, object);
    } else if kind == k::namespace() {
        let spec = object.spec_mut();
        default_field(spec, "finalizers", json!(["kubernetes"]));
        if object.status_json().is_null() {
            object
                .status_json_mut()
                .insert("phase".into(), json!("Active"));
        }
        let labels = Arc::make_mut(&mut object.meta.labels);
        labels
            .entry("kubernetes.io/metadata.name".into())
            .or_insert_with(|| object.meta.name.to_string());
        if cluster.info.is_openshift() {
            let range = 1_000_000_000
                + (cluster.store.count(k::namespace()) as u64 % 700) * 10_000
                + 650_000;
            let annotations = Arc::make_mut(&mut object.meta.annotations);
            annotations
                .entry("openshift.io/sa.scc.mcs".into())
                .or_insert_with(|| "s0:c27,c9".into());
            annotations
                .entry("openshift.io/sa.scc.supplemental-groups".into())
                .or_insert_with(|| format!("{range}/10000"));
            annotations
                .entry("openshift.io/sa.scc.uid-range".into())
                .or_insert_with(|| format!("{range}/10000"));
        }
    } else if kind == k::route() {
        let host = format!(
            "{}-{}.{}",
            object.meta.name,
            object.meta.namespace,
            cluster.info.route_domain()
        );
        let spec = object.spec_mut();
        // An empty host (a template's blank hostname parameter) is generated as a missing one is.
        if spec.get("host").is_some_and(|h| h == "") {
            spec.remove("host");
        }
        default_field(spec, "host", json!(host));
        default_field(spec, "wildcardPolicy", json!("None"));
        if let Some(to) = spec.get_mut("to").and_then(Value::as_object_mut) {
            default_field(to, "kind", json!("Service"));
            default_field(to, "weight", json!(100));
        }
    } else if kind == k::configmap() || kind == k::secret() {
        if kind == k::secret() {
            let body = object.body_mut();
            default_field(body, "type", json!("Opaque"));
            // The API server merges the write-only `stringData` into `data`, encoded, and never stores it.
            if let Some(Value::Object(strings)) = body.remove("stringData") {
                let data = body.entry("data").or_insert_with(|| json!({}));
                if let Some(data) = data.as_object_mut() {
                    for (key, value) in strings {
                        let text = value.as_str().unwrap_or_default();
                        let encoded = crate::b64::encode(text);
                        data.insert(key, json!(encoded));
                    }
                }
            }
        }
    } else if kind == k::pvc() {
        let sc = cluster.info.default_storage_class.clone();
        let spec = object.spec_mut();
        if !sc.is_empty() {
            default_field(spec, "storageClassName", json!(sc));
        }
        default_field(spec, "volumeMode", json!("Filesystem"));
        if object.status_json().is_null() {
            object
                .status_json_mut()
                .insert("phase".into(), json!("Pending"));
        }
    }
    let _ = user;
    Ok(())
}

/// The security context constraint OpenShift's admission gives a pod of `namespace` with `spec`: `privileged` for a
/// privileged or host-network pod, `anyuid` (priority 10, so chosen before the default) when the pod's service
/// account may use it (`oc adm policy add-scc-to-user anyuid -z SA` or the SCC's own `users`), otherwise
/// `restricted-v2`. The requesting user's own SCC access is not considered, so a cluster administrator's bare
/// pods run restricted too.
pub(crate) fn pod_scc(
    cluster: &Cluster,
    namespace: &str,
    spec: &Map<String, Value>,
) -> &'static str {
    if is_privileged(spec) {
        return "privileged";
    }
    let account = spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .unwrap_or("default");
    let user = UserInfo {
        name: format!("system:serviceaccount:{namespace}:{account}"),
        groups: vec![
            "system:serviceaccounts".into(),
            format!("system:serviceaccounts:{namespace}"),
            "system:authenticated".into(),
        ],
    };
    let listed = cluster
        .store
        .get(k::scc(), "", "anyuid")
        .is_some_and(|scc| {
            scc.field("users")
                .as_array()
                .is_some_and(|users| users.iter().any(|u| u == user.name.as_str()))
        });
    if listed || super::super::auth::allowed(cluster, &user, "use", k::scc(), "", "anyuid") {
        "anyuid"
    } else {
        "restricted-v2"
    }
}

fn is_privileged(spec: &Map<String, Value>) -> bool {
    spec.get("hostNetwork")
        .and_then(Value::as_bool)
        .unwrap_or(false)
        || spec
            .get("containers")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter()
                    .any(|c| c["securityContext"]["privileged"].as_bool() == Some(true))
            })
}

/// Applies the pod spec defaults the API server sets on a pod and on a pod template alike (`SetDefaults_PodSpec`
/// and the container defaults).
pub fn pod_spec(spec: &mut Map<String, Value>) {
    for list in ["containers", "initContainers"] {
        if let Some(containers) = spec.get_mut(list).and_then(Value::as_array_mut) {
            for c in containers {
                if let Some(c) = c.as_object_mut() {
                    let image = c
                        .get("image")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let last = image.rsplit('/').next().unwrap_or_default();
                    let pull = if image.contains('@')
                        || (last.contains(':') && !last.ends_with(":latest"))
                    {
                        "IfNotPresent"
                    } else {
                        "Always"
                    };
                    default_field(c, "imagePullPolicy", json!(pull));
                    default_field(c, "resources", json!({}));
                    default_field(c, "terminationMessagePath", json!("/dev/termination-log"));
                    default_field(c, "terminationMessagePolicy", json!("File"));
                    if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
                        for p in ports {
                            if let Some(p) = p.as_object_mut() {
                                default_field(p, "protocol", json!("TCP"));
                            }
                        }
                    }
                    // SetDefaults_Probe and SetDefaults_HTTPGetAction.
                    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                        if let Some(p) = c.get_mut(probe).and_then(Value::as_object_mut) {
                            default_field(p, "timeoutSeconds", json!(1));
                            default_field(p, "periodSeconds", json!(10));
                            default_field(p, "successThreshold", json!(1));
                            default_field(p, "failureThreshold", json!(3));
                            if let Some(get) = p.get_mut("httpGet").and_then(Value::as_object_mut) {
                                default_field(get, "path", json!("/"));
                                default_field(get, "scheme", json!("HTTP"));
                            }
                        }
                    }
                }
            }
        }
    }
    default_field(spec, "dnsPolicy", json!("ClusterFirst"));
    default_field(spec, "restartPolicy", json!("Always"));
    default_field(spec, "schedulerName", json!("default-scheduler"));
    default_field(spec, "securityContext", json!({}));
    default_field(spec, "terminationGracePeriodSeconds", json!(30));
}

/// Applies what only a pod (never a template) gets on create: `SetDefaults_Pod`'s service links, the priority,
/// service account and default toleration admission plugins and, on OpenShift, the restricted-v2 SCC's security
/// contexts.
pub fn pod_admission(cluster: &Cluster, spec: &mut Map<String, Value>) {
    let openshift = cluster.info.is_openshift();
    if openshift {
        if let Some(containers) = spec.get_mut("containers").and_then(Value::as_array_mut) {
            for c in containers.iter_mut().filter_map(Value::as_object_mut) {
                if !c.contains_key("securityContext") {
                    c.insert(
                        "securityContext".into(),
                        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true}),
                    );
                }
            }
        }
        // The SCC fills in an empty pod security context (the template default); one the pod sets is kept.
        let context = spec.entry("securityContext").or_insert_with(|| json!({}));
        if context.as_object().is_some_and(Map::is_empty) {
            *context = json!({"seccompProfile": {"type": "RuntimeDefault"}});
        }
    }
    default_field(spec, "enableServiceLinks", json!(true));
    default_field(spec, "preemptionPolicy", json!("PreemptLowerPriority"));
    // The priority admission plugin resolves the pod's class to its value.
    let priority = spec
        .get("priorityClassName")
        .and_then(Value::as_str)
        .map(|name| {
            crate::api::Kind::from_kind("PriorityClass", Some("scheduling.k8s.io"))
                .and_then(|kind| cluster.get(kind, "", name))
                .and_then(|pc| pc.to_json()["value"].as_i64())
                .unwrap_or(match name {
                    "system-node-critical" => 2_000_001_000,
                    "system-cluster-critical" => 2_000_000_000,
                    _ => 0,
                })
        })
        .unwrap_or(0);
    default_field(spec, "priority", json!(priority));
    default_field(
        spec,
        "serviceAccount",
        spec.get("serviceAccountName")
            .cloned()
            .unwrap_or(json!("default")),
    );
    default_field(spec, "serviceAccountName", json!("default"));
    default_field(
        spec,
        "tolerations",
        json!([
            {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
            {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
        ]),
    );
}

fn service(cluster: &mut Cluster, object: &mut Object) {
    let pick = cluster.random(1 << 30);
    let spec = object.spec_mut();
    default_field(spec, "type", json!("ClusterIP"));
    let service_type = spec["type"].as_str().unwrap_or("ClusterIP").to_owned();
    if service_type != "ExternalName" {
        let ip = match spec.get("clusterIP").and_then(Value::as_str) {
            Some(ip) if !ip.is_empty() => {
                let ip = ip.to_owned();
                cluster.ipam.reserve_service_ip(&ip);
                ip
            }
            _ => cluster.ipam.service_ip(pick),
        };
        let spec = object.spec_mut();
        spec.insert("clusterIP".into(), json!(ip));
        spec.insert("clusterIPs".into(), json!([ip]));
        default_field(spec, "internalTrafficPolicy", json!("Cluster"));
        default_field(spec, "ipFamilies", json!(["IPv4"]));
        default_field(spec, "ipFamilyPolicy", json!("SingleStack"));
        default_field(spec, "sessionAffinity", json!("None"));
    }
    if service_type == "NodePort" || service_type == "LoadBalancer" {
        let spec = object.spec_mut();
        default_field(spec, "externalTrafficPolicy", json!("Cluster"));
        if service_type == "LoadBalancer" {
            default_field(spec, "allocateLoadBalancerNodePorts", json!(true));
        }
    }
    let count = object.spec()["ports"].as_array().map_or(0, Vec::len);
    for i in 0..count {
        let pick = cluster.random(1 << 30);
        let needs_node_port = service_type == "NodePort" || service_type == "LoadBalancer";
        let existing = object.spec()["ports"][i]["nodePort"].as_u64();
        let node_port = if needs_node_port {
            Some(match existing {
                Some(p) => {
                    cluster.ipam.reserve_node_port(p as u16);
                    p as u16
                }
                None => cluster.ipam.node_port(pick),
            })
        } else {
            None
        };
        let spec = object.spec_mut();
        if let Some(p) = spec
            .get_mut("ports")
            .and_then(|p| p.get_mut(i))
            .and_then(Value::as_object_mut)
        {
            default_field(p, "protocol", json!("TCP"));
            let port = p.get("port").cloned().unwrap_or(Value::Null);
            default_field(p, "targetPort", port);
            if let Some(np) = node_port {
                p.insert("nodePort".into(), json!(np));
            }
        }
    }
    if object.status_json().is_null() {
        object
            .status_json_mut()
            .insert("loadBalancer".into(), json!({}));
    }
}
