//! Workload controllers: Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob and the HorizontalPodAutoscaler.

use crate::sort::SortShared;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::events::EventType;
use super::super::metrics::MetricsApi;
use super::super::{Action, Cluster};
use crate::api::object::uid_string;
use crate::api::time::rfc3339;
use crate::api::{Kind, Object, OwnerRef, Phase, k};

/// Whether a pod is Running with every container ready.
pub fn pod_ready(pod: &Object) -> bool {
    pod.pod().is_some_and(|p| {
        p.phase == Phase::Running
            && !p.containers.is_empty()
            && p.containers.iter().all(|c| c.ready)
    })
}

/// Whether a pod still counts toward its controller (not terminating, not finished).
pub fn pod_active(pod: &Object) -> bool {
    pod.meta.deletion.is_none()
        && pod
            .pod()
            .is_some_and(|p| !matches!(p.phase, Phase::Succeeded | Phase::Failed))
}

/// The dependents of `owner` of `kind`, in the order they became dependents.
pub fn owned(cluster: &Cluster, owner: &Object, kind: Kind) -> Vec<Arc<Object>> {
    let mut objects = cluster.store.dependent_objects(owner.meta.uid);
    objects.retain(|o| o.kind == kind);
    objects
}

/// The hash kubernetes puts in `pod-template-hash`, spelled in its safe alphabet.
pub fn template_hash(template: &Value, collision: u32) -> String {
    let text = template.to_string();
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes().chain(collision.to_le_bytes()) {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    // As the controllers do: the 32-bit hash in decimal, each digit mapped into the safe alphabet (so real hashes
    // use only the letters 4-9, b, c, d and f, and are up to ten long).
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    h.to_string()
        .bytes()
        .map(|b| ALPHABET[b as usize % ALPHABET.len()] as char)
        .collect()
}

fn int(value: &Value, default: i64) -> i64 {
    value.as_i64().unwrap_or(default)
}

fn owner_ref(owner: &Object) -> OwnerRef {
    OwnerRef {
        kind: owner.kind,
        name: owner.meta.name.clone(),
        uid: owner.meta.uid,
        controller: true,
    }
}

fn string_map(value: &Value) -> BTreeMap<String, String> {
    value
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Builds a pod from a controller's template, sharing the template's spec and labels between siblings.
pub fn pod_from_template(
    cluster: &mut Cluster,
    owner: &Object,
    name: String,
    extra_labels: &[(&str, String)],
) -> Object {
    let template = &owner.spec()["template"];
    let key = (owner.meta.uid, owner.meta.generation);
    let (body, labels, mut annotations) = match cluster.templates.get(&key) {
        Some(cached) if extra_labels.is_empty() => cached.clone(),
        _ => {
            let mut body = Map::new();
            let mut spec = template["spec"].clone();
            // A controller's pod goes through the same admission as a learner's: service account, priority and
            // default tolerations are the pod's, never the template's.
            if let Some(spec) = spec.as_object_mut() {
                super::defaults::pod_admission(cluster, spec);
            }
            body.insert("spec".into(), spec);
            let mut labels = string_map(&template["metadata"]["labels"]);
            for (k, v) in extra_labels {
                labels.insert((*k).to_owned(), v.clone());
            }
            let annotations = string_map(&template["metadata"]["annotations"]);
            let entry = (Arc::new(body), Arc::new(labels), Arc::new(annotations));
            if extra_labels.is_empty() {
                cluster.templates.insert(key, entry.clone());
            }
            entry
        }
    };
    // The SCC is admitted per pod, outside the shared template: granting one to the service account changes the
    // next pod.
    if cluster.info.is_openshift() {
        let spec = body.get("spec").and_then(Value::as_object);
        let scc = spec.map_or("restricted-v2", |spec| {
            super::defaults::pod_scc(cluster, &owner.meta.namespace, spec)
        });
        if annotations.get("openshift.io/scc").map(String::as_str) != Some(scc) {
            Arc::make_mut(&mut annotations).insert("openshift.io/scc".into(), scc.into());
            if extra_labels.is_empty() {
                // Siblings share the admitted annotations again.
                let entry = (body.clone(), labels.clone(), annotations.clone());
                cluster.templates.insert(key, entry);
            }
        }
    }
    let mut pod = Object::new(k::pod(), &owner.meta.namespace, &name, Map::new());
    pod.body = body;
    pod.meta.labels = labels;
    pod.meta.annotations = annotations;
    pod.meta.owners = cluster
        .owner_refs
        .entry(owner.meta.uid)
        .or_insert_with(|| Arc::new(vec![owner_ref(owner)]))
        .clone();
    pod
}

/// The Deployment controller: one ReplicaSet per template, rolled with maxSurge/maxUnavailable.
pub fn deployment(cluster: &mut Cluster, d: &Arc<Object>) -> Action {
    let spec = d.spec().clone();
    let replicas = int(&spec["replicas"], 1);
    let paused = spec["paused"].as_bool().unwrap_or(false);
    let template = spec["template"].clone();
    let mut sets = owned(cluster, d, k::replicaset());
    let matches_template = |rs: &Object| {
        let mut t = rs.spec()["template"].clone();
        if let Some(labels) = t
            .pointer_mut("/metadata/labels")
            .and_then(Value::as_object_mut)
        {
            labels.remove("pod-template-hash");
        }
        t == template
    };
    let max_revision = sets
        .iter()
        .filter_map(|rs| {
            rs.meta
                .annotation("deployment.kubernetes.io/revision")?
                .parse::<i64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let mut new_rs = sets.iter().find(|rs| matches_template(rs)).cloned();
    if new_rs.is_none() && !paused {
        let hash = template_hash(&template, 0);
        let name = format!("{}-{hash}", d.meta.name);
        let mut t = template.clone();
        // Malformed manifests may carry a non-map here; the ReplicaSet gets maps so indexing never panics.
        if !t.is_object() {
            t = json!({});
        }
        if !t["metadata"].is_object() {
            t["metadata"] = json!({});
        }
        if !t["metadata"]["labels"].is_object() {
            t["metadata"]["labels"] = json!({});
        }
        t["metadata"]["labels"]["pod-template-hash"] = json!(hash);
        let mut selector = spec["selector"].clone();
        if !selector.is_object() {
            selector = json!({});
        }
        if !selector["matchLabels"].is_object() {
            selector["matchLabels"] = json!({});
        }
        selector["matchLabels"]["pod-template-hash"] = json!(hash);
        let initial = if sets.is_empty() { replicas } else { 0 };
        let mut body = Map::new();
        body.insert(
            "spec".into(),
            json!({"replicas": initial, "selector": selector, "template": t}),
        );
        let mut rs = Object::new(k::replicaset(), &d.meta.namespace, &name, body);
        let mut labels = string_map(&template["metadata"]["labels"]);
        labels.insert("pod-template-hash".into(), hash);
        rs.meta.labels = Arc::new(labels);
        let mut annotations = BTreeMap::new();
        annotations.insert(
            "deployment.kubernetes.io/desired-replicas".to_owned(),
            replicas.to_string(),
        );
        annotations.insert(
            "deployment.kubernetes.io/max-replicas".to_owned(),
            (replicas + surge(&spec, replicas)).to_string(),
        );
        annotations.insert(
            "deployment.kubernetes.io/revision".to_owned(),
            (max_revision + 1).to_string(),
        );
        if let Some(cause) = d.meta.annotation("kubernetes.io/change-cause") {
            annotations.insert("kubernetes.io/change-cause".to_owned(), cause.to_owned());
        }
        rs.meta.annotations = Arc::new(annotations);
        Arc::make_mut(&mut rs.meta.owners).push(owner_ref(d));
        let created = cluster.create_internal(rs);
        if initial > 0 {
            scale_event(cluster, d, &name, initial, 0);
        }
        cluster.trace(
            "deployment-controller",
            d,
            format!(
                "template changed → created replica set {name} (revision {})",
                max_revision + 1
            ),
        );
        sets.push(created.clone());
        new_rs = Some(created);
    } else if let Some(rs) = &new_rs {
        // Rolling back to an old template makes its replica set the newest revision again.
        let rev: i64 = rs
            .meta
            .annotation("deployment.kubernetes.io/revision")
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        if rev < max_revision && !paused {
            let mut updated = (**rs).clone();
            let a = Arc::make_mut(&mut updated.meta.annotations);
            a.insert(
                "deployment.kubernetes.io/revision".into(),
                (max_revision + 1).to_string(),
            );
            new_rs = Some(cluster.write(updated));
        }
    }
    let Some(new_rs) = new_rs else {
        return update_deployment_status(cluster, d, &sets, None);
    };
    let old: Vec<Arc<Object>> = sets
        .iter()
        .filter(|rs| rs.meta.uid != new_rs.meta.uid)
        .cloned()
        .collect();
    let rs_replicas = |rs: &Object| int(&rs.spec()["replicas"], 0);
    let available = |rs: &Object| int(&rs.status_json()["availableReplicas"], 0);
    let recreate = spec["strategy"]["type"] == "Recreate";
    let total: i64 = sets.iter().map(|rs| rs_replicas(rs)).sum();
    let new_count = rs_replicas(&new_rs);
    if paused {
        if new_count != replicas && old.iter().all(|rs| rs_replicas(rs) == 0) {
            set_rs_replicas(cluster, d, &new_rs, replicas);
        }
    } else if recreate {
        let old_active: i64 = old.iter().map(|rs| rs_replicas(rs)).sum();
        if old_active > 0 {
            for rs in &old {
                if rs_replicas(rs) > 0 {
                    set_rs_replicas(cluster, d, rs, 0);
                }
            }
        } else {
            let old_pods: usize = old
                .iter()
                .map(|rs| owned(cluster, rs, k::pod()).len())
                .sum();
            if old_pods == 0 && new_count != replicas {
                set_rs_replicas(cluster, d, &new_rs, replicas);
            }
        }
    } else {
        let max_surge = surge(&spec, replicas);
        let max_unavailable = unavailable(&spec, replicas, max_surge);
        if old.iter().all(|rs| rs_replicas(rs) == 0) {
            if new_count != replicas {
                set_rs_replicas(cluster, d, &new_rs, replicas);
            }
        } else {
            // Scale up the new replica set within the surge.
            let allowed = replicas + max_surge - total;
            if allowed > 0 && new_count < replicas {
                let target = (new_count + allowed).min(replicas);
                set_rs_replicas(cluster, d, &new_rs, target);
            }
            // Scale down old replica sets as far as availability allows.
            let min_available = replicas - max_unavailable;
            let total_available: i64 = sets.iter().map(|rs| available(rs)).sum();
            let mut can_remove = total_available - min_available;
            // Unhealthy old pods can always go.
            for rs in &old {
                let unhealthy = rs_replicas(rs) - available(rs);
                if unhealthy > 0 {
                    set_rs_replicas(cluster, d, rs, rs_replicas(rs) - unhealthy);
                }
            }
            let old = owned(cluster, d, k::replicaset())
                .into_iter()
                .filter(|rs| rs.meta.uid != new_rs.meta.uid)
                .collect::<Vec<_>>();
            for rs in &old {
                if can_remove <= 0 {
                    break;
                }
                let count = rs_replicas(rs);
                if count > 0 {
                    let remove = count.min(can_remove);
                    set_rs_replicas(cluster, d, rs, count - remove);
                    can_remove -= remove;
                }
            }
        }
    }
    // Keep at most revisionHistoryLimit old replica sets.
    let limit = int(&spec["revisionHistoryLimit"], 10) as usize;
    let mut idle: Vec<Arc<Object>> = owned(cluster, d, k::replicaset())
        .into_iter()
        .filter(|rs| {
            rs.meta.uid != new_rs.meta.uid
                && rs_replicas(rs) == 0
                && int(&rs.status_json()["replicas"], 0) == 0
        })
        .collect();
    if idle.len() > limit {
        idle.sort_shared_by_key(|rs| {
            rs.meta
                .annotation("deployment.kubernetes.io/revision")
                .and_then(|r| r.parse::<i64>().ok())
                .unwrap_or(0)
        });
        for rs in &idle[..idle.len() - limit] {
            cluster.remove(k::replicaset(), &rs.meta.namespace, &rs.meta.name);
        }
    }
    let sets = owned(cluster, d, k::replicaset());
    let new_rs = sets
        .iter()
        .find(|rs| rs.meta.uid == new_rs.meta.uid)
        .cloned();
    update_deployment_status(cluster, d, &sets, new_rs.as_deref())
}

fn surge(spec: &Value, replicas: i64) -> i64 {
    if spec["strategy"]["type"] == "Recreate" {
        return 0;
    }
    percent_or_int(
        &spec["strategy"]["rollingUpdate"]["maxSurge"],
        replicas,
        true,
        25,
    )
}

fn unavailable(spec: &Value, replicas: i64, surge: i64) -> i64 {
    let u = percent_or_int(
        &spec["strategy"]["rollingUpdate"]["maxUnavailable"],
        replicas,
        false,
        25,
    );
    if u == 0 && surge == 0 {
        1
    } else {
        u.min(replicas)
    }
}

/// Resolves an int-or-percent against `total`, rounding up or down.
pub fn percent_or_int(value: &Value, total: i64, round_up: bool, default_percent: i64) -> i64 {
    let percent = match value {
        Value::Number(n) => return n.as_i64().unwrap_or(0),
        Value::String(s) => s
            .trim_end_matches('%')
            .parse::<i64>()
            .unwrap_or(default_percent),
        _ => default_percent,
    };
    let scaled = total * percent;
    if round_up {
        (scaled + 99) / 100
    } else {
        scaled / 100
    }
}

fn scale_event(cluster: &mut Cluster, d: &Object, rs: &str, to: i64, from: i64) {
    let verb = if to >= from { "up" } else { "down" };
    cluster.event(
        d,
        EventType::Normal,
        "ScalingReplicaSet",
        format!("Scaled {verb} replica set {rs} to {to} from {from}"),
        "deployment-controller",
    );
}

fn set_rs_replicas(cluster: &mut Cluster, d: &Object, rs: &Arc<Object>, to: i64) {
    let from = int(&rs.spec()["replicas"], 0);
    if from == to {
        return;
    }
    let mut updated = (**rs).clone();
    updated.spec_mut().insert("replicas".into(), json!(to));
    let replicas = int(&d.spec()["replicas"], 1);
    let annotations = Arc::make_mut(&mut updated.meta.annotations);
    annotations.insert(
        "deployment.kubernetes.io/desired-replicas".into(),
        replicas.to_string(),
    );
    updated.meta.generation += 1;
    cluster.write(updated);
    scale_event(cluster, d, &rs.meta.name, to, from);
    cluster.trace(
        "deployment-controller",
        d,
        format!("scaled replica set {} from {from} to {to}", rs.meta.name),
    );
}

fn update_deployment_status(
    cluster: &mut Cluster,
    d: &Arc<Object>,
    sets: &[Arc<Object>],
    new_rs: Option<&Object>,
) -> Action {
    let sum = |field: &str| -> i64 { sets.iter().map(|rs| int(&rs.status_json()[field], 0)).sum() };
    let replicas_total = sum("replicas");
    let ready = sum("readyReplicas");
    let available = sum("availableReplicas");
    let desired = int(&d.spec()["replicas"], 1);
    let updated = new_rs.map_or(0, |rs| int(&rs.status_json()["replicas"], 0));
    let max_unavailable = unavailable(d.spec(), desired, surge(d.spec(), desired));
    let old = d.status_json().clone();
    let now = rfc3339(cluster.now);
    let condition = |kind: &str, status: &str, reason: &str, message: String| -> Value {
        let previous = old["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == kind))
            .cloned();
        let transition = match &previous {
            Some(p) if p["status"] == status => p["lastTransitionTime"].clone(),
            _ => json!(now),
        };
        let update = match &previous {
            Some(p) if p["status"] == status && p["reason"] == reason => {
                p["lastUpdateTime"].clone()
            }
            _ => json!(now),
        };
        json!({"lastTransitionTime": transition, "lastUpdateTime": update, "message": message, "reason": reason, "status": status, "type": kind})
    };
    let min_ok = available >= desired - max_unavailable;
    let available_condition = if min_ok {
        condition(
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".into(),
        )
    } else {
        condition(
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".into(),
        )
    };
    let rs_name = new_rs
        .map(|rs| rs.meta.name.to_string())
        .unwrap_or_default();
    let complete = updated == desired && replicas_total == desired && available == desired;
    let progressing = if d.spec()["paused"].as_bool().unwrap_or(false) {
        condition(
            "Progressing",
            "Unknown",
            "DeploymentPaused",
            "Deployment is paused".into(),
        )
    } else if complete {
        condition(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            format!("ReplicaSet \"{rs_name}\" has successfully progressed."),
        )
    } else {
        condition(
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            format!("ReplicaSet \"{rs_name}\" is progressing."),
        )
    };
    let mut status = Map::new();
    if available > 0 {
        status.insert("availableReplicas".into(), json!(available));
    }
    let mut conditions = vec![available_condition, progressing];
    conditions.extend(super::super::quota::deployment_replica_failure(sets, &old));
    status.insert("conditions".into(), json!(conditions));
    status.insert("observedGeneration".into(), json!(d.meta.generation));
    if ready > 0 {
        status.insert("readyReplicas".into(), json!(ready));
    }
    if replicas_total > 0 {
        status.insert("replicas".into(), json!(replicas_total));
    }
    if replicas_total - available > 0 {
        status.insert(
            "unavailableReplicas".into(),
            json!(replicas_total - available),
        );
    }
    if updated > 0 {
        status.insert("updatedReplicas".into(), json!(updated));
    }
    let status = Value::Object(status);
    // The deployment carries its newest replica set's revision, as `kubectl describe` and `-o yaml` show.
    let revision = new_rs
        .and_then(|rs| rs.meta.annotation(REVISION))
        .filter(|r| d.meta.annotation(REVISION) != Some(*r))
        .map(str::to_owned);
    if strip_times(&status) != strip_times(&old) || revision.is_some() {
        let mut next = (**d).clone();
        next.status = crate::api::Status::Json(status);
        if let Some(revision) = revision {
            Arc::make_mut(&mut next.meta.annotations).insert(REVISION.into(), revision);
        }
        cluster.write(next);
    }
    Action::Await
}

/// The annotation holding a deployment's (and its replica sets') revision.
const REVISION: &str = "deployment.kubernetes.io/revision";

fn strip_times(status: &Value) -> Value {
    let mut s = status.clone();
    if let Some(cs) = s.get_mut("conditions").and_then(Value::as_array_mut) {
        for c in cs {
            if let Some(m) = c.as_object_mut() {
                m.remove("lastTransitionTime");
                m.remove("lastUpdateTime");
            }
        }
    }
    s
}

/// A replica set's (or machine set's) status counts: every replica is fully labelled, ready ones are available.
pub(crate) fn replica_counts(ready: usize, total: usize, generation: i64) -> Map<String, Value> {
    let mut status = Map::new();
    if ready > 0 {
        status.insert("availableReplicas".into(), json!(ready));
    }
    status.insert("fullyLabeledReplicas".into(), json!(total));
    status.insert("observedGeneration".into(), json!(generation));
    if ready > 0 {
        status.insert("readyReplicas".into(), json!(ready));
    }
    status.insert("replicas".into(), json!(total));
    status
}

/// Reports a pod the API refused to create for `owner` and looks at the owner again later.
fn refused(cluster: &mut Cluster, owner: &Object, message: String, source: &str) {
    cluster.event(owner, EventType::Warning, "FailedCreate", message, source);
    let key = (owner.meta.namespace.clone(), owner.meta.name.clone());
    cluster.requeue_after(owner.kind, key, 30_000);
}

/// The ReplicaSet controller: creates and deletes pods until the count matches.
pub fn replicaset(cluster: &mut Cluster, rs: &Arc<Object>) -> Action {
    let desired = int(&rs.spec()["replicas"], 1);
    let pods: Vec<Arc<Object>> = owned(cluster, rs, k::pod())
        .into_iter()
        .filter(|p| pod_active(p))
        .collect();
    let current = pods.len() as i64;
    let mut failure = None;
    if current < desired {
        let mut created = Vec::new();
        // Pods are created in slow-start batches of 1, 2, 4, …; a batch with a refused pod ends the pass.
        let (mut left, mut batch) = (desired - current, 1);
        while left > 0 && failure.is_none() {
            let size = batch.min(left);
            for _ in 0..size {
                let name = format!("{}-{}", rs.meta.name, cluster.random_suffix(5));
                let mut pod = pod_from_template(cluster, rs, name.clone(), &[]);
                pod.meta.generate_name = Some(format!("{}-", rs.meta.name).into());
                if let Err(e) = super::super::quota::admit_create(cluster, &mut pod) {
                    cluster.event(
                        rs,
                        EventType::Warning,
                        "FailedCreate",
                        format!("Error creating: {}", e.message),
                        "replicaset-controller",
                    );
                    failure = Some(e.message);
                    continue;
                }
                cluster.create_internal(pod);
                if created.len() < 3 {
                    created.push(name.clone());
                }
                cluster.event(
                    rs,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format_args!("Created pod: {name}"),
                    "replicaset-controller",
                );
            }
            left -= size;
            batch *= 2;
        }
        cluster.trace(
            "replicaset-controller",
            rs,
            match &failure {
                None => format!(
                    "desired {desired}, current {current} → created {} pod(s) {}",
                    desired - current,
                    created.join(", ")
                ),
                Some(e) => format!("desired {desired}, current {current} → create refused: {e}"),
            },
        );
    } else if current > desired {
        let mut victims = pods.clone();
        victims.sort_shared_by_key(|p| {
            (
                pod_ready(p),
                p.pod().is_some_and(|s| s.node.is_some()),
                std::cmp::Reverse(p.meta.created),
            )
        });
        let mut deleted = Vec::new();
        for pod in victims.iter().take((current - desired) as usize) {
            super::lifecycle::begin_delete(cluster, pod);
            cluster.event(
                rs,
                EventType::Normal,
                "SuccessfulDelete",
                format!("Deleted pod: {}", pod.meta.name),
                "replicaset-controller",
            );
            deleted.push(pod.meta.name.to_string());
        }
        cluster.trace(
            "replicaset-controller",
            rs,
            format!(
                "desired {desired}, current {current} → deleted {}",
                deleted.join(", ")
            ),
        );
    }
    let pods: Vec<Arc<Object>> = owned(cluster, rs, k::pod())
        .into_iter()
        .filter(|p| p.meta.deletion.is_none() && pod_active(p))
        .collect();
    let ready = pods.iter().filter(|p| pod_ready(p)).count();
    let mut status = replica_counts(ready, pods.len(), rs.meta.generation);
    let retry = super::super::quota::replica_failure(cluster, rs, &mut status, failure);
    let status = Value::Object(status);
    if *rs.status_json() != status {
        let mut next = (**rs).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    retry
}

/// The DaemonSet controller: one pod on every eligible node.
pub fn daemonset(cluster: &mut Cluster, ds: &Arc<Object>) -> Action {
    let pods: Vec<Arc<Object>> = owned(cluster, ds, k::pod())
        .into_iter()
        .filter(|p| pod_active(p))
        .collect();
    let template_spec = ds.spec()["template"]["spec"].clone();
    let selector: BTreeMap<String, String> = string_map(&template_spec["nodeSelector"]);
    let tolerations = template_spec["tolerations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let nodes: Vec<Arc<Object>> = cluster.store.list(k::node(), None).cloned().collect();
    let mut desired = 0;
    for node in &nodes {
        let eligible = selector
            .iter()
            .all(|(k, v)| node.meta.labels.get(k) == Some(v))
            && node.spec()["taints"].as_array().is_none_or(|taints| {
                taints.iter().all(|t| {
                    t["effect"] == "PreferNoSchedule"
                        || tolerations.iter().any(|tol| {
                            (tol["operator"] == "Exists"
                                && (tol["key"].is_null() || tol["key"] == t["key"]))
                                || (tol["key"] == t["key"] && tol["value"] == t["value"])
                        })
                })
            });
        if !eligible {
            continue;
        }
        desired += 1;
        let name = node.meta.name.as_str();
        if pods
            .iter()
            .any(|p| p.pod().and_then(|s| s.node.as_deref()) == Some(name))
        {
            continue;
        }
        let pod_name = format!("{}-{}", ds.meta.name, cluster.random_suffix(5));
        let hash = template_hash(&ds.spec()["template"], 0);
        let mut pod = pod_from_template(
            cluster,
            ds,
            pod_name.clone(),
            &[
                ("controller-revision-hash", hash),
                ("pod-template-generation", ds.meta.generation.to_string()),
            ],
        );
        pod.meta.generate_name = Some(format!("{}-", ds.meta.name).into());
        let status = pod.pod_mut().expect("pod");
        status.node = Some(name.into());
        status.scheduled = crate::api::object::at(cluster.now);
        status.since = cluster.now;
        if let Err(e) = super::super::quota::admit_create(cluster, &mut pod) {
            refused(
                cluster,
                ds,
                format!("Error creating: {}", e.message),
                "daemonset-controller",
            );
            continue;
        }
        let created = cluster.create_internal(pod);
        cluster.event(
            ds,
            EventType::Normal,
            "SuccessfulCreate",
            format_args!("Created pod: {pod_name}"),
            "daemonset-controller",
        );
        cluster.event(
            &created,
            EventType::Normal,
            "Scheduled",
            format!(
                "Successfully assigned {}/{pod_name} to {name}",
                ds.meta.namespace
            ),
            "default-scheduler",
        );
        cluster.trace(
            "daemonset-controller",
            ds,
            format!("node {name} has no pod → created {pod_name}"),
        );
    }
    let pods: Vec<Arc<Object>> = owned(cluster, ds, k::pod())
        .into_iter()
        .filter(|p| pod_active(p))
        .collect();
    let ready = pods.iter().filter(|p| pod_ready(p)).count();
    let status = json!({
        "currentNumberScheduled": pods.len(),
        "desiredNumberScheduled": desired,
        "numberAvailable": ready,
        "numberMisscheduled": 0,
        "numberReady": ready,
        "observedGeneration": ds.meta.generation,
        "updatedNumberScheduled": pods.len(),
    });
    if *ds.status_json() != status {
        let mut next = (**ds).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    Action::Await
}

/// The StatefulSet controller: pods `name-0`, `name-1`, … created in order, each after the previous is ready.
pub fn statefulset(cluster: &mut Cluster, sts: &Arc<Object>) -> Action {
    let desired = int(&sts.spec()["replicas"], 1);
    let parallel = sts.spec()["podManagementPolicy"] == "Parallel";
    let pods = owned(cluster, sts, k::pod());
    let by_ordinal = |i: i64| {
        pods.iter()
            .find(|p| p.meta.name == format!("{}-{i}", sts.meta.name))
            .cloned()
    };
    for i in 0..desired {
        match by_ordinal(i) {
            Some(p) if pod_ready(&p) || parallel => continue,
            Some(_) => break,
            None => {
                let name = format!("{}-{i}", sts.meta.name);
                let hash = format!(
                    "{}-{}",
                    sts.meta.name,
                    template_hash(&sts.spec()["template"], 0)
                );
                let pod = pod_from_template(
                    cluster,
                    sts,
                    name.clone(),
                    &[
                        ("controller-revision-hash", hash),
                        ("statefulset.kubernetes.io/pod-name", name.clone()),
                        ("apps.kubernetes.io/pod-index", i.to_string()),
                    ],
                );
                let mut pod = pod;
                pod.spec_mut().insert("hostname".into(), json!(name));
                if let Some(service) = sts.spec()["serviceName"].as_str() {
                    pod.spec_mut().insert("subdomain".into(), json!(service));
                }
                if let Some(claims) = sts.spec()["volumeClaimTemplates"].as_array() {
                    for claim in claims {
                        let claim_name = format!(
                            "{}-{name}",
                            claim["metadata"]["name"].as_str().unwrap_or("data")
                        );
                        if cluster
                            .store
                            .get(k::pvc(), &sts.meta.namespace, &claim_name)
                            .is_none()
                        {
                            let mut body = Map::new();
                            body.insert("spec".into(), claim["spec"].clone());
                            let mut pvc =
                                Object::new(k::pvc(), &sts.meta.namespace, &claim_name, body);
                            let user = super::super::UserInfo::system_admin();
                            let _ = super::defaults::apply(cluster, &user, &mut pvc);
                            cluster.create_internal(pvc);
                        }
                    }
                }
                if let Err(e) = super::super::quota::admit_create(cluster, &mut pod) {
                    let message = format!(
                        "create Pod {name} in StatefulSet {} failed error: {}",
                        sts.meta.name, e.message
                    );
                    refused(cluster, sts, message, "statefulset-controller");
                    break;
                }
                cluster.create_internal(pod);
                cluster.event(
                    sts,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!(
                        "create Pod {name} in StatefulSet {} successful",
                        sts.meta.name
                    ),
                    "statefulset-controller",
                );
                cluster.trace(
                    "statefulset-controller",
                    sts,
                    format!("ordinal {i} missing → created {name}"),
                );
                if !parallel {
                    break;
                }
            }
        }
    }
    for p in &pods {
        let ordinal: i64 = p
            .meta
            .name
            .rsplit('-')
            .next()
            .and_then(|o| o.parse().ok())
            .unwrap_or(0);
        if ordinal >= desired && p.meta.deletion.is_none() {
            super::lifecycle::begin_delete(cluster, p);
            cluster.event(
                sts,
                EventType::Normal,
                "SuccessfulDelete",
                format!(
                    "delete Pod {} in StatefulSet {} successful",
                    p.meta.name, sts.meta.name
                ),
                "statefulset-controller",
            );
        }
    }
    let pods: Vec<Arc<Object>> = owned(cluster, sts, k::pod())
        .into_iter()
        .filter(|p| pod_active(p))
        .collect();
    let ready = pods.iter().filter(|p| pod_ready(p)).count();
    let revision = format!(
        "{}-{}",
        sts.meta.name,
        template_hash(&sts.spec()["template"], 0)
    );
    let status = json!({
        "availableReplicas": ready,
        "collisionCount": 0,
        "currentReplicas": pods.len(),
        "currentRevision": revision,
        "observedGeneration": sts.meta.generation,
        "readyReplicas": ready,
        "replicas": pods.len(),
        "updateRevision": revision,
        "updatedReplicas": pods.len(),
    });
    if *sts.status_json() != status {
        let mut next = (**sts).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    Action::Await
}

/// The Job controller: runs pods until enough succeed or the back-off limit is passed.
pub fn job(cluster: &mut Cluster, job: &Arc<Object>) -> Action {
    let spec = job.spec().clone();
    let completions = int(&spec["completions"], 1);
    let parallelism = int(&spec["parallelism"], 1);
    let backoff_limit = int(&spec["backoffLimit"], 6);
    let pods = owned(cluster, job, k::pod());
    let phase = |p: &Object| p.pod().map(|s| s.phase).unwrap_or_default();
    let succeeded = pods.iter().filter(|p| phase(p) == Phase::Succeeded).count() as i64;
    let failed_pods = pods.iter().filter(|p| phase(p) == Phase::Failed).count() as i64;
    let restarts: i64 = pods
        .iter()
        .filter_map(|p| p.pod())
        .flat_map(|s| s.containers.iter())
        .map(|c| c.restarts as i64)
        .sum();
    let failed = failed_pods + restarts;
    let active: Vec<&Arc<Object>> = pods.iter().filter(|p| pod_active(p)).collect();
    let finished = job.status_json()["conditions"]
        .as_array()
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                (c["type"] == "Complete" || c["type"] == "Failed") && c["status"] == "True"
            })
        });
    let mut status = job.status_json().as_object().cloned().unwrap_or_default();
    if !finished {
        let suspended = spec["suspend"].as_bool().unwrap_or(false);
        if failed > backoff_limit {
            for p in &active {
                super::lifecycle::begin_delete(cluster, p);
            }
            status.insert("conditions".into(), json!([{"lastProbeTime": rfc3339(cluster.now), "lastTransitionTime": rfc3339(cluster.now), "message": "Job has reached the specified backoff limit", "reason": "BackoffLimitExceeded", "status": "True", "type": "Failed"}]));
            cluster.event(
                job,
                EventType::Warning,
                "BackoffLimitExceeded",
                "Job has reached the specified backoff limit",
                "job-controller",
            );
        } else if succeeded >= completions {
            status.insert("completionTime".into(), json!(rfc3339(cluster.now)));
            status.insert("conditions".into(), json!([{"lastProbeTime": rfc3339(cluster.now), "lastTransitionTime": rfc3339(cluster.now), "status": "True", "type": "Complete"}]));
            cluster.event(
                job,
                EventType::Normal,
                "Completed",
                "Job completed",
                "job-controller",
            );
            cluster.trace(
                "job-controller",
                job,
                format!("{succeeded}/{completions} succeeded → Complete"),
            );
        } else if !suspended {
            let want = parallelism.min(completions - succeeded) - active.len() as i64;
            for _ in 0..want.max(0) {
                let name = format!("{}-{}", job.meta.name, cluster.random_suffix(5));
                let mut pod = pod_from_template(cluster, job, name.clone(), &[]);
                pod.meta.generate_name = Some(format!("{}-", job.meta.name).into());
                if let Err(e) = super::super::quota::admit_create(cluster, &mut pod) {
                    refused(
                        cluster,
                        job,
                        format!("Error creating: {}", e.message),
                        "job-controller",
                    );
                    break;
                }
                cluster.create_internal(pod);
                cluster.event(
                    job,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format_args!("Created pod: {name}"),
                    "job-controller",
                );
                cluster.trace(
                    "job-controller",
                    job,
                    format!("{succeeded}/{completions} succeeded → created {name}"),
                );
            }
        }
        if !status.contains_key("startTime") {
            status.insert("startTime".into(), json!(rfc3339(cluster.now)));
        }
    }
    let active_now = owned(cluster, job, k::pod())
        .iter()
        .filter(|p| pod_active(p))
        .count();
    for (key, value) in [
        ("active", active_now as i64),
        ("failed", failed),
        ("succeeded", succeeded),
    ] {
        if value > 0 {
            status.insert(key.into(), json!(value));
        } else {
            status.remove(key);
        }
    }
    status.insert(
        "ready".into(),
        json!(
            owned(cluster, job, k::pod())
                .iter()
                .filter(|p| pod_ready(p))
                .count()
        ),
    );
    status.insert("uncountedTerminatedPods".into(), json!({}));
    let status = Value::Object(status);
    if *job.status_json() != status {
        let mut next = (**job).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    Action::Await
}

/// The CronJob controller: creates a Job at every scheduled minute.
pub fn cronjob(cluster: &mut Cluster, cj: &Arc<Object>) -> Action {
    let schedule = cj.spec()["schedule"]
        .as_str()
        .unwrap_or("* * * * *")
        .to_owned();
    let Some(cron) = Cron::parse(&schedule) else {
        return Action::Await;
    };
    let minute = cluster.now / 60_000;
    let last: i64 = cj.status_json()["lastScheduleTime"]
        .as_str()
        .and_then(crate::api::time::parse_rfc3339)
        .map_or(cj.meta.created / 60_000, |t| t / 60_000);
    if minute > last && cron.matches(minute) && !cj.spec()["suspend"].as_bool().unwrap_or(false) {
        let name = format!("{}-{minute}", cj.meta.name);
        if cluster
            .store
            .get(k::job(), &cj.meta.namespace, &name)
            .is_none()
        {
            let template = &cj.spec()["jobTemplate"];
            let mut body = Map::new();
            let mut spec = template["spec"].clone();
            // A controller's pod goes through the same admission as a learner's: service account, priority and
            // default tolerations are the pod's, never the template's.
            if let Some(spec) = spec.as_object_mut() {
                super::defaults::pod_admission(cluster, spec);
            }
            body.insert("spec".into(), spec);
            let mut job = Object::new(k::job(), &cj.meta.namespace, &name, body);
            job.meta.labels = Arc::new(string_map(&template["metadata"]["labels"]));
            Arc::make_mut(&mut job.meta.owners).push(owner_ref(cj));
            job.meta.uid = cluster.store.new_uid();
            let user = super::super::UserInfo::system_admin();
            let _ = super::defaults::apply(cluster, &user, &mut job);
            job.meta.created = cluster.now;
            job.meta.generation = 1;
            cluster.write(job);
            cluster.event(
                cj,
                EventType::Normal,
                "SuccessfulCreate",
                format!("Created job {name}"),
                "cronjob-controller",
            );
            cluster.trace(
                "cronjob-controller",
                cj,
                format!("schedule \"{schedule}\" due → created job {name}"),
            );
        }
        let mut next = (**cj).clone();
        let status = next.status_json_mut();
        status.insert("lastScheduleTime".into(), json!(rfc3339(minute * 60_000)));
        cluster.write(next);
    }
    let next_minute = (minute + 1..minute + 60 * 24 * 366)
        .find(|m| cron.matches(*m))
        .unwrap_or(minute + 1);
    Action::Requeue(next_minute * 60_000 - cluster.now)
}

/// A parsed five-field cron schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    fields: [Vec<bool>; 5],
}

impl Cron {
    /// Parses `*/5 * * * *`-style schedules (lists, ranges, steps; `@hourly` and friends).
    pub fn parse(text: &str) -> Option<Cron> {
        let text = match text.trim() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            other => other,
        };
        let parts: Vec<&str> = text.split_whitespace().collect();
        if parts.len() != 5 {
            return None;
        }
        let ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
        let mut fields: [Vec<bool>; 5] = Default::default();
        for (i, part) in parts.iter().enumerate() {
            let (lo, hi) = ranges[i];
            let mut set = vec![false; hi + 1];
            for item in part.split(',') {
                let (range, step) = match item.split_once('/') {
                    Some((r, s)) => (r, s.parse::<usize>().ok().filter(|s| *s > 0)?),
                    None => (item, 1),
                };
                let (a, b) = if range == "*" {
                    (lo, hi)
                } else if let Some((a, b)) = range.split_once('-') {
                    (a.parse().ok()?, b.parse().ok()?)
                } else {
                    let v: usize = range.parse().ok()?;
                    (v, if step > 1 { hi } else { v })
                };
                if a < lo || b > hi || a > b {
                    return None;
                }
                for v in (a..=b).step_by(step) {
                    set[v] = true;
                }
            }
            fields[i] = set;
        }
        Some(Cron { fields })
    }

    /// Whether the schedule fires at the minute `minute` (minutes since the epoch, UTC).
    pub fn matches(&self, minute: i64) -> bool {
        let days = minute.div_euclid(1440);
        let (_, month, day) = crate::api::time::civil_from_days(days);
        let weekday = (days + 4).rem_euclid(7) as usize;
        let m = (minute.rem_euclid(60)) as usize;
        let h = (minute.rem_euclid(1440) / 60) as usize;
        self.fields[0][m]
            && self.fields[1][h]
            && self.fields[2][day as usize]
            && self.fields[3][month as usize]
            && self.fields[4][weekday]
    }
}

/// The HorizontalPodAutoscaler controller: scales the target to keep CPU utilisation near the goal.
pub fn hpa(cluster: &mut Cluster, hpa: &Arc<Object>) -> Action {
    let spec = hpa.spec().clone();
    let target_kind = spec["scaleTargetRef"]["kind"]
        .as_str()
        .unwrap_or("Deployment");
    let target_name = spec["scaleTargetRef"]["name"].as_str().unwrap_or_default();
    let kind = Kind::from_kind(target_kind, None).unwrap_or(k::deployment());
    let Some(target) = cluster.get(kind, &hpa.meta.namespace, target_name) else {
        return Action::Requeue(15_000);
    };
    // The controller first reads metrics at its next 15-second sync; until then the HPA has no status, which
    // `kubectl get hpa` shows as `<unknown>/80%` targets and 0 replicas.
    let age = cluster.now - hpa.meta.created;
    if age < 15_000 {
        return Action::Requeue(15_000 - age);
    }
    let min = int(&spec["minReplicas"], 1);
    let max = int(&spec["maxReplicas"], 10);
    let goal = spec["metrics"]
        .as_array()
        .and_then(|m| {
            m.iter()
                .find_map(|m| m["resource"]["target"]["averageUtilization"].as_i64())
        })
        .unwrap_or(80);
    let current = int(&target.spec()["replicas"], 1);
    if let Some(error) = metrics_error(cluster) {
        return hpa_without_metrics(cluster, hpa, &target, current, min, max, &error);
    }
    let load = cluster
        .load
        .get(&format!("{}/{}", hpa.meta.namespace, target_name))
        .copied()
        .unwrap_or(0) as i64;
    // The load is the total demand in percent of one pod's request; utilisation spreads it over the replicas.
    let utilisation = if current > 0 { load / current } else { 0 };
    let mut desired = current;
    if current > 0 && (utilisation as f64 / goal as f64 - 1.0).abs() > 0.1 {
        desired = ((load as f64) / goal as f64).ceil() as i64;
    }
    let desired = desired.clamp(min, max);
    if desired != current {
        let reason = if desired > current {
            "cpu resource utilization (percentage of request) above target"
        } else {
            "All metrics below target"
        };
        rescale(cluster, hpa, &target, desired, reason);
        cluster.trace(
            "horizontal-pod-autoscaler",
            hpa,
            format!(
                "utilisation {utilisation}% vs target {goal}% → replicas {current} → {desired}"
            ),
        );
    }
    let status = json!({
        "conditions": [
            {"lastTransitionTime": rfc3339(hpa.meta.created), "message": "recommended size matches current size", "reason": "ReadyForNewScale", "status": "True", "type": "AbleToScale"},
            {"lastTransitionTime": rfc3339(hpa.meta.created), "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", "reason": "ValidMetricFound", "status": "True", "type": "ScalingActive"},
        ],
        "currentMetrics": [{"resource": {"current": {"averageUtilization": utilisation, "averageValue": format!("{}m", utilisation * 2)}, "name": "cpu"}, "type": "Resource"}],
        "currentReplicas": current,
        "desiredReplicas": desired,
    });
    write_status(cluster, hpa, status);
    let _ = uid_string;
    Action::Requeue(15_000)
}

/// Writes the HPA's status when it changed.
fn write_status(cluster: &mut Cluster, hpa: &Object, status: Value) {
    if *hpa.status_json() != status {
        let mut next = hpa.clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
}

/// Sets the HPA's target to `desired` replicas and records the rescale with its reason.
fn rescale(cluster: &mut Cluster, hpa: &Object, target: &Object, desired: i64, reason: &str) {
    let mut t = target.clone();
    t.spec_mut().insert("replicas".into(), json!(desired));
    t.meta.generation += 1;
    cluster.write(t);
    cluster.event(
        hpa,
        EventType::Normal,
        "SuccessfulRescale",
        format!("New size: {desired}; reason: {reason}"),
        "horizontal-pod-autoscaler",
    );
}

/// Why the HPA controller cannot read CPU utilisation from the resource metrics API, as its client reports it.
fn metrics_error(cluster: &Cluster) -> Option<String> {
    let cause = match cluster.metrics_api() {
        MetricsApi::Served => return None,
        MetricsApi::NotRegistered => "the server could not find the requested resource",
        MetricsApi::Unavailable => "the server is currently unable to handle the request",
    };
    Some(format!(
        "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: {cause} (get pods.metrics.k8s.io)"
    ))
}

/// An HPA whose metrics cannot be read: it only keeps the target within its bounds, warns on every sync, and shows
/// no current metrics (`<unknown>` targets) with ScalingActive false.
fn hpa_without_metrics(
    cluster: &mut Cluster,
    hpa: &Arc<Object>,
    target: &Object,
    current: i64,
    min: i64,
    max: i64,
    error: &str,
) -> Action {
    let desired = current.clamp(min, max);
    if desired != current {
        let reason = if desired > current {
            "Current number of replicas below Spec.MinReplicas"
        } else {
            "Current number of replicas above Spec.MaxReplicas"
        };
        rescale(cluster, hpa, target, desired, reason);
    } else if current > 0 {
        cluster.event(
            hpa,
            EventType::Warning,
            "FailedGetResourceMetric",
            error,
            "horizontal-pod-autoscaler",
        );
        cluster.event(
            hpa,
            EventType::Warning,
            "FailedComputeMetricsReplicas",
            format!("invalid metrics (1 invalid out of 1), first error is: {error}"),
            "horizontal-pod-autoscaler",
        );
    }
    let status = json!({
        "conditions": [
            {"lastTransitionTime": rfc3339(hpa.meta.created), "message": "the HPA controller was able to get the target's current scale", "reason": "SucceededGetScale", "status": "True", "type": "AbleToScale"},
            {"lastTransitionTime": rfc3339(hpa.meta.created), "message": format!("the HPA was unable to compute the replica count: {error}"), "reason": "FailedGetResourceMetric", "status": "False", "type": "ScalingActive"},
        ],
        "currentReplicas": current,
        "desiredReplicas": desired,
    });
    write_status(cluster, hpa, status);
    Action::Requeue(15_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_schedules() {
        let every5 = Cron::parse("*/5 * * * *").unwrap();
        assert!(every5.matches(0));
        assert!(!every5.matches(3));
        assert!(every5.matches(10));
        let daily = Cron::parse("@daily").unwrap();
        assert!(daily.matches(1440 * 3));
        assert!(!daily.matches(1440 * 3 + 60));
        assert!(Cron::parse("61 * * * *").is_none());
        assert!(Cron::parse("* * *").is_none());
    }

    #[test]
    fn percents_round_like_kubernetes() {
        assert_eq!(percent_or_int(&json!("25%"), 3, true, 25), 1);
        assert_eq!(percent_or_int(&json!("25%"), 3, false, 25), 0);
        assert_eq!(percent_or_int(&json!(2), 3, false, 25), 2);
        assert_eq!(percent_or_int(&Value::Null, 10, true, 25), 3);
    }

    #[test]
    fn template_hashes_are_stable_and_safe() {
        let h = template_hash(&json!({"a": 1}), 0);
        assert_eq!(h, template_hash(&json!({"a": 1}), 0));
        assert_ne!(h, template_hash(&json!({"a": 2}), 0));
        assert!(h.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
        // Decimal digits map onto ten letters only, as in `7d9c8b6f5`.
        assert!(h.chars().all(|c| "456789bcdf".contains(c)), "{h}");
        assert!((1..=10).contains(&h.len()));
    }
}
