//! OpenShift's DeploymentConfig controller: each revision is a ReplicationController `<dc>-<n>` rolled out by a deployer pod `<dc>-<n>-deploy`.
//!
//! A new revision starts when `status.latestVersion` grows: the ConfigChange trigger bumps it when the pod template
//! changes, `oc rollout latest` and `oc rollout undo` bump it directly. The deployer scales the new controller up
//! and the older ones down, then exits; the controller's `openshift.io/deployment.phase` annotation follows it.

use crate::sort::SortShared;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::events::EventType;
use super::super::{Action, Cluster};
use super::kubelet::step;
use super::workloads::{owned, pod_ready};
use crate::api::object::hex_id;
use crate::api::time::rfc3339;
use crate::api::{ContainerState, Kind, Object, OwnerRef, Phase, k};

/// The `ReplicationController` kind.
pub fn replication_controller() -> Kind {
    Kind::from_kind("ReplicationController", Some("")).expect("kind in table")
}

/// The annotation holding a revision's phase (`New`, `Pending`, `Running`, `Complete`, `Failed`).
pub const PHASE: &str = "openshift.io/deployment.phase";
/// The annotation holding a revision's number.
pub const VERSION: &str = "openshift.io/deployment-config.latest-version";
/// The annotation holding why a revision was made (`config change`, `manual change`).
pub const CAUSE: &str = "openshift.io/deployment.status-reason";

/// How often an unfinished rollout is looked at again.
const POLL_MS: i64 = 1_000;

/// Reconciles a DeploymentConfig.
pub fn reconcile(cluster: &mut Cluster, dc: &Arc<Object>) -> Action {
    let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0);
    let mut rcs = revisions(cluster, dc);
    let config_change = dc.spec()["triggers"]
        .as_array()
        .is_some_and(|ts| ts.iter().any(|t| t["type"] == "ConfigChange"));
    let current = rcs.iter().find(|rc| version(rc) == latest).cloned();
    let template_changed = current.as_ref().is_some_and(|rc| {
        rc.meta
            .annotation("openshift.io/encoded-template")
            .map(str::to_owned)
            != Some(template_text(dc))
    });
    // A config whose automatic image triggers have not resolved yet waits for its images.
    let waiting = dc.spec()["triggers"].as_array().is_some_and(|ts| {
        ts.iter().any(|t| {
            t["type"] == "ImageChange"
                && t["imageChangeParams"]["automatic"] == true
                && t["imageChangeParams"]["lastTriggeredImage"]
                    .as_str()
                    .is_none_or(str::is_empty)
        })
    });
    // Tags that already resolve (a stream of the openshift project) trigger as soon as the config exists.
    if waiting && dc.spec()["paused"] != true && super::builds::trigger_dc(cluster, dc, None) {
        return Action::Await;
    }
    if config_change && !waiting && (latest == 0 || template_changed) && dc.spec()["paused"] != true
    {
        bump(cluster, dc, "config change");
        return Action::Await;
    }
    if latest == 0 {
        write_status(cluster, dc, &rcs);
        return Action::Await;
    }
    let current = match current {
        Some(rc) => rc,
        None => {
            let rc = create_revision(cluster, dc, latest);
            rcs.push(rc.clone());
            rc
        }
    };
    let desired = dc.spec()["replicas"].as_i64().unwrap_or(1);
    let phase = current.meta.annotation(PHASE).unwrap_or("New").to_owned();
    let mut action = Action::Await;
    match phase.as_str() {
        "New" | "Pending" | "Running" => {
            action = Action::Requeue(POLL_MS);
            let deployer = cluster.get(
                k::pod(),
                &dc.meta.namespace,
                &format!("{}-deploy", current.meta.name),
            );
            let running = deployer
                .as_ref()
                .and_then(|p| p.pod())
                .is_some_and(|p| p.phase == Phase::Running);
            if running {
                if phase != "Running"
                    && let Some(pod) = &deployer
                {
                    let lines = deployer_plan(&current, &rcs, desired);
                    let now = cluster.now;
                    cluster.logs.insert(
                        (pod.meta.uid, "deployment".to_owned()),
                        lines.into_iter().map(|l| (now, l)).collect(),
                    );
                }
                set_replicas(cluster, &current, desired, Some("Running"));
                for old in rcs.iter().filter(|rc| version(rc) != latest) {
                    set_replicas(cluster, old, 0, None);
                }
                let current = cluster
                    .get(
                        replication_controller(),
                        &dc.meta.namespace,
                        &current.meta.name,
                    )
                    .unwrap_or(current);
                let ready = owned(cluster, &current, k::pod())
                    .iter()
                    .filter(|p| pod_ready(p))
                    .count() as i64;
                if ready >= desired
                    && let Some(pod) = deployer
                {
                    let now = cluster.now;
                    cluster
                        .logs
                        .entry((pod.meta.uid, "deployment".to_owned()))
                        .or_default()
                        .push((now, "--> Success".to_owned()));
                    finish_deployer(cluster, &pod);
                    set_phase(cluster, &current, "Complete");
                    cluster.event(
                        dc,
                        EventType::Normal,
                        "DeploymentCompleted",
                        format!("Rolled out {} to {desired} replicas", current.meta.name),
                        "deploymentconfig-controller",
                    );
                    cluster.trace(
                        "deployer",
                        &current,
                        format!("{ready}/{desired} ready → Complete"),
                    );
                    action = Action::Await;
                }
            } else if phase == "New" {
                set_phase(cluster, &current, "Pending");
            }
        }
        // A scaled DeploymentConfig scales its current revision.
        "Complete" if current.spec()["replicas"].as_i64() != Some(desired) => {
            set_replicas(cluster, &current, desired, None);
        }
        _ => {}
    }
    let rcs = revisions(cluster, dc);
    write_status(cluster, dc, &rcs);
    action
}

/// Starts a new revision of a DeploymentConfig: bumps `status.latestVersion` with the cause (`manual change`).
pub fn bump(cluster: &mut Cluster, dc: &Object, cause: &str) {
    let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0) + 1;
    let mut next = dc.clone();
    let status = next.status_json_mut();
    status.insert("latestVersion".into(), json!(latest));
    let kind = match cause {
        "config change" => "ConfigChange",
        "image change" => "ImageChange",
        _ => "Manual",
    };
    status.insert(
        "details".into(),
        json!({"causes": [{"type": kind}], "message": cause}),
    );
    cluster.write(next);
    cluster.trace(
        "deploymentconfig-controller",
        dc,
        format!("{cause} → revision {latest}"),
    );
}

/// The revisions (ReplicationControllers) of a DeploymentConfig, oldest first.
pub fn revisions(cluster: &Cluster, dc: &Object) -> Vec<Arc<Object>> {
    let mut rcs = owned(cluster, dc, replication_controller());
    rcs.sort_shared_by_key(|rc| version(rc));
    rcs
}

/// A revision's number.
pub fn version(rc: &Object) -> i64 {
    rc.meta
        .annotation(VERSION)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The pod template a revision was made from, as the DeploymentConfig held it.
pub fn revision_template(rc: &Object) -> Option<Value> {
    rc.meta
        .annotation("openshift.io/encoded-template")
        .and_then(|t| serde_json::from_str(t).ok())
}

fn template_text(dc: &Object) -> String {
    dc.spec()["template"].to_string()
}

fn create_revision(cluster: &mut Cluster, dc: &Object, latest: i64) -> Arc<Object> {
    let name = format!("{}-{latest}", dc.meta.name);
    let ns = dc.meta.namespace.as_str();
    let cause = dc.status_json()["details"]["message"]
        .as_str()
        .unwrap_or("config change")
        .to_owned();
    let mut template = dc.spec()["template"].clone();
    let labels = template["metadata"]["labels"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut selector = dc.spec()["selector"]
        .as_object()
        .cloned()
        .unwrap_or_else(|| labels.clone());
    selector.insert("deployment".into(), json!(name));
    selector.insert("deploymentconfig".into(), json!(dc.meta.name.as_str()));
    let mut pod_labels = labels;
    pod_labels.insert("deployment".into(), json!(name));
    pod_labels.insert("deploymentconfig".into(), json!(dc.meta.name.as_str()));
    template["metadata"]["labels"] = Value::Object(pod_labels);
    let mut pod_annotations = template["metadata"]["annotations"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    pod_annotations.insert(VERSION.into(), json!(latest.to_string()));
    pod_annotations.insert(
        "openshift.io/deployment-config.name".into(),
        json!(dc.meta.name.as_str()),
    );
    pod_annotations.insert("openshift.io/deployment.name".into(), json!(name));
    template["metadata"]["annotations"] = Value::Object(pod_annotations);
    let mut rc_labels = Map::new();
    for (key, value) in dc.meta.labels.iter() {
        rc_labels.insert(key.clone(), json!(value));
    }
    rc_labels.insert(
        "openshift.io/deployment-config.name".into(),
        json!(dc.meta.name.as_str()),
    );
    let body = json!({"apiVersion": "v1", "kind": "ReplicationController",
        "metadata": {"annotations": {
                "openshift.io/deployer-pod.name": format!("{name}-deploy"),
                VERSION: latest.to_string(),
                "openshift.io/deployment-config.name": dc.meta.name.as_str(),
                PHASE: "New",
                "openshift.io/deployment.replicas": "",
                CAUSE: cause,
                "openshift.io/encoded-template": template_text(dc)},
            "labels": rc_labels, "name": name, "namespace": ns},
        "spec": {"replicas": 0, "selector": selector, "template": template}});
    let mut rc = Object::from_json(&body).expect("a revision built from its config is valid");
    rc.meta.owners = Arc::new(vec![owner(dc)]);
    let rc = cluster.create_internal(rc);
    let image = format!(
        "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:{}",
        hex_id(0, "openshift-deployer-4.14", 0)
    );
    let pod = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"annotations": {"openshift.io/deployment-config.name": dc.meta.name.as_str(),
                "openshift.io/deployment.name": name, "openshift.io/scc": "restricted-v2"},
            "labels": {"openshift.io/deployer-pod-for.name": name}, "name": format!("{name}-deploy"), "namespace": ns},
        "spec": {"activeDeadlineSeconds": 21600,
            "containers": [{"env": [{"name": "OPENSHIFT_DEPLOYMENT_NAME", "value": name},
                    {"name": "OPENSHIFT_DEPLOYMENT_NAMESPACE", "value": ns}],
                "image": image, "imagePullPolicy": "IfNotPresent", "name": "deployment", "resources": {},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
            "restartPolicy": "Never", "serviceAccount": "deployer", "serviceAccountName": "deployer"}});
    let mut pod = Object::from_json(&pod).expect("a deployer pod is valid");
    // The real deployer pod names its ReplicationController as owner; here the DeploymentConfig owns it, so that
    // the controller's pod count (which counts every pod it owns) leaves the deployer alone, the DeploymentConfig
    // hears of the deployer's progress, and deleting the DeploymentConfig collects it.
    pod.meta.owners = Arc::new(vec![owner(dc)]);
    cluster.create_internal(pod);
    cluster.event(
        dc,
        EventType::Normal,
        "DeploymentCreated",
        format!("Created new replication controller \"{name}\" for version {latest}"),
        "deploymentconfig-controller",
    );
    cluster.trace(
        "deploymentconfig-controller",
        dc,
        format!("revision {latest} → created {name} and {name}-deploy"),
    );
    rc
}

fn owner(dc: &Object) -> OwnerRef {
    OwnerRef {
        kind: dc.kind,
        name: dc.meta.name.clone(),
        uid: dc.meta.uid,
        controller: true,
    }
}

fn set_phase(cluster: &mut Cluster, rc: &Object, phase: &str) {
    if rc.meta.annotation(PHASE) == Some(phase) {
        return;
    }
    let mut next = rc.clone();
    Arc::make_mut(&mut next.meta.annotations).insert(PHASE.into(), phase.into());
    cluster.write(next);
}

fn set_replicas(cluster: &mut Cluster, rc: &Object, replicas: i64, phase: Option<&str>) {
    let same_phase = phase.is_none_or(|p| rc.meta.annotation(PHASE) == Some(p));
    if rc.spec()["replicas"].as_i64() == Some(replicas) && same_phase {
        return;
    }
    let mut next = rc.clone();
    next.spec_mut().insert("replicas".into(), json!(replicas));
    if let Some(p) = phase {
        Arc::make_mut(&mut next.meta.annotations).insert(PHASE.into(), p.into());
    }
    next.meta.generation += 1;
    cluster.write(next);
}

/// What the Rolling deployer prints when it starts: the scaling it will do.
fn deployer_plan(current: &Object, rcs: &[Arc<Object>], desired: i64) -> Vec<String> {
    let new = current.meta.name.as_str();
    let old = rcs.iter().rev().find(|rc| {
        rc.meta.name != current.meta.name && rc.spec()["replicas"].as_i64().unwrap_or(0) > 0
    });
    let Some(old) = old else {
        return vec![format!("--> Scaling {new} to {desired}")];
    };
    let from = old.spec()["replicas"].as_i64().unwrap_or(0);
    // The Rolling strategy's defaults: maxUnavailable 25% (rounded down), maxSurge 25% (rounded up).
    let keep = desired - desired / 4;
    let most = desired + (desired + 3) / 4;
    let mut lines = vec![format!(
        "--> Scaling up {new} from 0 to {desired}, scaling down {} from {from} to 0 (keep {keep} pods available, don't exceed {most} pods)",
        old.meta.name
    )];
    let (mut up, mut down) = (0, from);
    while up < desired || down > 0 {
        if up < desired {
            up = (most - down).min(desired).max(up + 1);
            lines.push(format!("    Scaling {new} up to {up}"));
        }
        if down > 0 {
            down = (keep - up).max(0).min(down - 1);
            lines.push(format!("    Scaling {} down to {down}", old.meta.name));
        }
    }
    lines
}

/// The deployer's work is done: its container exits 0 and the pod completes.
fn finish_deployer(cluster: &mut Cluster, pod: &Arc<Object>) {
    let now = cluster.now;
    let mut next = (**pod).clone();
    let Some(p) = next.pod_mut() else {
        return;
    };
    for c in &mut p.containers {
        let started = match c.state {
            ContainerState::Running { started } => started,
            _ => now,
        };
        c.state = ContainerState::Terminated {
            exit_code: 0,
            reason: "Completed".into(),
            started,
            finished: now,
        };
        c.ready = false;
    }
    p.phase = Phase::Succeeded;
    p.step = step::DONE;
    cluster.sched.release(&next);
    cluster.write(next);
}

fn write_status(cluster: &mut Cluster, dc: &Arc<Object>, rcs: &[Arc<Object>]) {
    let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0);
    let count = |rc: &Object, field: &str| rc.status_json()[field].as_i64().unwrap_or(0);
    let replicas: i64 = rcs.iter().map(|rc| count(rc, "replicas")).sum();
    let ready: i64 = rcs.iter().map(|rc| count(rc, "readyReplicas")).sum();
    let updated = rcs
        .iter()
        .find(|rc| version(rc) == latest)
        .map(|rc| count(rc, "replicas"))
        .unwrap_or(0);
    let desired = dc.spec()["replicas"].as_i64().unwrap_or(1);
    let complete = rcs
        .iter()
        .find(|rc| version(rc) == latest)
        .is_some_and(|rc| rc.meta.annotation(PHASE) == Some("Complete"));
    let mut status = dc.status_json().as_object().cloned().unwrap_or_default();
    let old = Value::Object(status.clone());
    status.insert("availableReplicas".into(), json!(ready));
    status.insert("latestVersion".into(), json!(latest));
    status.insert("observedGeneration".into(), json!(dc.meta.generation));
    status.insert("readyReplicas".into(), json!(ready));
    status.insert("replicas".into(), json!(replicas));
    status.insert(
        "unavailableReplicas".into(),
        json!((replicas - ready).max(0)),
    );
    status.insert("updatedReplicas".into(), json!(updated));
    let available = ready >= desired;
    let previous = |kind: &str| {
        old["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == kind).cloned())
    };
    let condition = |kind: &str, state: &str, reason: Option<&str>, message: String| {
        let stamp = match previous(kind) {
            Some(p) if p["status"] == state && p["message"] == message.as_str() => p,
            _ => {
                json!({"lastTransitionTime": rfc3339(cluster.now), "lastUpdateTime": rfc3339(cluster.now)})
            }
        };
        let mut c = json!({"lastTransitionTime": stamp["lastTransitionTime"], "lastUpdateTime": stamp["lastUpdateTime"],
            "message": message, "status": state, "type": kind});
        if let Some(r) = reason {
            c["reason"] = json!(r);
        }
        c
    };
    let mut conditions = vec![condition(
        "Available",
        if available { "True" } else { "False" },
        None,
        if available {
            "Deployment config has minimum availability.".into()
        } else {
            "Deployment config does not have minimum availability.".into()
        },
    )];
    if latest > 0 {
        let name = format!("{}-{latest}", dc.meta.name);
        conditions.push(if complete {
            condition(
                "Progressing",
                "True",
                Some("NewReplicationControllerAvailable"),
                format!("replication controller \"{name}\" successfully rolled out"),
            )
        } else {
            condition(
                "Progressing",
                "True",
                Some("ReplicationControllerUpdated"),
                format!("replication controller \"{name}\" is progressing"),
            )
        });
    }
    status.insert("conditions".into(), Value::Array(conditions));
    let status = Value::Object(status);
    if status != old {
        let mut next = (**dc).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
}
