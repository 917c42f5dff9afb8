//! The node lifecycle controller: a node that stops reporting turns NotReady after the grace period, gets the
//! unreachable taints, and its pods are evicted when their toleration runs out.

use std::sync::Arc;

use serde_json::{Value, json};

use super::super::events::EventType;
use super::super::{Action, Cluster};
use crate::api::time::rfc3339;
use crate::api::{Object, k};

/// How long a silent node stays Ready (node-monitor-grace-period).
pub const GRACE_MS: i64 = 40_000;
/// How long pods tolerate an unreachable node by default.
pub const EVICTION_MS: i64 = 300_000;

/// Whether the node's Ready condition is True.
pub fn is_ready(node: &Object) -> bool {
    node.status_json()["conditions"]
        .as_array()
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

/// Sets a node's conditions as a kubelet that is (or stopped) posting its status reports them.
pub(crate) fn set_ready(node: &mut Object, ready: bool, now: i64) {
    let status = node.status_json_mut();
    let conditions = status
        .entry("conditions")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    let mut out: Vec<Value> = Vec::new();
    for mut c in conditions {
        if ready {
            let kind = c["type"].as_str().unwrap_or_default().to_owned();
            let (status, reason, message) = match kind.as_str() {
                "Ready" => ("True", "KubeletReady", "kubelet is posting ready status"),
                "MemoryPressure" => (
                    "False",
                    "KubeletHasSufficientMemory",
                    "kubelet has sufficient memory available",
                ),
                "DiskPressure" => (
                    "False",
                    "KubeletHasNoDiskPressure",
                    "kubelet has no disk pressure",
                ),
                "PIDPressure" => (
                    "False",
                    "KubeletHasSufficientPID",
                    "kubelet has sufficient PID available",
                ),
                _ => ("False", "", ""),
            };
            c["status"] = json!(status);
            c["reason"] = json!(reason);
            c["message"] = json!(message);
        } else {
            c["status"] = json!("Unknown");
            c["reason"] = json!("NodeStatusUnknown");
            c["message"] = json!("Kubelet stopped posting node status.");
        }
        c["lastTransitionTime"] = json!(rfc3339(now));
        out.push(c);
    }
    status.insert("conditions".into(), Value::Array(out));
}

/// Reconciles one node.
pub fn node(cluster: &mut Cluster, node: &Arc<Object>) -> Action {
    let name = node.meta.name.to_string();
    let unreachable_taint = |t: &Value| t["key"] == "node.kubernetes.io/unreachable";
    let has_taint = node.spec()["taints"]
        .as_array()
        .is_some_and(|ts| ts.iter().any(unreachable_taint));
    match cluster.stopped_nodes.get(&name).copied() {
        Some(stopped) => {
            let silent_for = cluster.now - stopped;
            if silent_for < GRACE_MS {
                return Action::Requeue(GRACE_MS - silent_for);
            }
            if !has_taint {
                let mut next = (**node).clone();
                set_ready(&mut next, false, cluster.now);
                let spec = next.spec_mut();
                let taints = spec.entry("taints").or_insert_with(|| json!([]));
                if let Some(list) = taints.as_array_mut() {
                    for effect in ["NoSchedule", "NoExecute"] {
                        list.push(json!({"effect": effect, "key": "node.kubernetes.io/unreachable", "timeAdded": rfc3339(cluster.now)}));
                    }
                }
                cluster.event(
                    node,
                    EventType::Normal,
                    "NodeNotReady",
                    format!("Node {name} status is now: NodeNotReady"),
                    "node-controller",
                );
                cluster.trace(
                    "node-lifecycle-controller",
                    node,
                    "no status for 40s → NotReady, tainted unreachable",
                );
                cluster.write(next);
                // Pods on the node stop being ready.
                for (ns, pod_name) in cluster.store.pods_on(&name) {
                    if let Some(pod) = cluster.store.get(k::pod(), &ns, &pod_name).cloned() {
                        let mut p = (*pod).clone();
                        if let Some(s) = p.pod_mut() {
                            for c in &mut s.containers {
                                c.ready = false;
                            }
                        }
                        cluster.write(p);
                    }
                }
                return Action::Requeue(EVICTION_MS);
            }
            let evict_at = stopped + GRACE_MS + EVICTION_MS;
            if cluster.now < evict_at {
                return Action::Requeue(evict_at - cluster.now);
            }
            for (ns, pod_name) in cluster.store.pods_on(&name) {
                if let Some(pod) = cluster.store.get(k::pod(), &ns, &pod_name).cloned()
                    && pod.meta.deletion.is_none()
                    && !pod
                        .meta
                        .owners
                        .iter()
                        .any(|o| o.kind == k::daemonset() || o.kind == k::node())
                {
                    cluster.event(
                        &pod,
                        EventType::Normal,
                        "TaintManagerEviction",
                        format!("Marking for deletion Pod {ns}/{pod_name}"),
                        "taint-eviction-controller",
                    );
                    cluster.trace(
                        "taint-eviction-controller",
                        &pod,
                        format!("node {name} unreachable for 5m → evicting"),
                    );
                    super::lifecycle::begin_delete(cluster, &pod);
                }
            }
            Action::Await
        }
        None => {
            if has_taint {
                let mut next = (**node).clone();
                set_ready(&mut next, true, cluster.now);
                if let Some(list) = next
                    .spec_mut()
                    .get_mut("taints")
                    .and_then(Value::as_array_mut)
                {
                    list.retain(|t| !unreachable_taint(t));
                    if list.is_empty() {
                        next.spec_mut().remove("taints");
                    }
                }
                cluster.event(
                    node,
                    EventType::Normal,
                    "NodeReady",
                    format!("Node {name} status is now: NodeReady"),
                    "node-controller",
                );
                cluster.trace(
                    "node-lifecycle-controller",
                    node,
                    "kubelet reporting again → Ready",
                );
                cluster.write(next);
                // Terminating pods left on the node can now finish, and the others become ready again.
                for (ns, pod_name) in cluster.store.pods_on(&name) {
                    if let Some(pod) = cluster.store.get(k::pod(), &ns, &pod_name).cloned() {
                        if pod.meta.deletion.is_some() {
                            cluster.remove(k::pod(), &ns, &pod_name);
                        } else {
                            cluster.requeue_after(k::pod(), (ns.clone(), pod_name.clone()), 1000);
                            let mut p = (*pod).clone();
                            if let Some(s) = p.pod_mut()
                                && s.step == super::kubelet::step::RUNNING
                            {
                                for c in &mut s.containers {
                                    c.ready = true;
                                }
                            }
                            cluster.write(p);
                        }
                    }
                }
            }
            Action::Await
        }
    }
}

impl Cluster {
    /// Stops a node's kubelet (a fault a learner injects).
    pub fn stop_node(&mut self, name: &str) {
        self.stopped_nodes
            .entry(name.to_owned())
            .or_insert(self.now);
        self.requeue_after(k::node(), (Default::default(), name.into()), GRACE_MS);
    }

    /// Starts a stopped node's kubelet again.
    pub fn start_node(&mut self, name: &str) {
        if self.stopped_nodes.remove(name).is_some() {
            self.requeue_after(k::node(), (Default::default(), name.into()), 1000);
            // The kubelet resyncs its pods: stages that stalled and deletions it could not confirm go on.
            for key in self.store.pods_on(name) {
                self.requeue_after(k::pod(), key, 1000);
            }
        }
    }
}
