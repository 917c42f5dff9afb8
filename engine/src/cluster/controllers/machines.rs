//! The Machine API on AWS: the MachineSet controller (creates and deletes Machines until the count matches, adopting
//! orphans its selector matches) and the machine controller (an EC2 instance goes Provisioning → Provisioned → Running,
//! its node joins NotReady and turns Ready; a deleted Machine drains and removes its node first).
//!
//! Only a cluster whose Infrastructure says AWS runs these controllers; on a user-provisioned cluster (platform
//! `None`) nothing provisions Machines, as in OpenShift.

use crate::sort::SortShared;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value, json};

use super::super::events::EventType;
use super::super::{Action, Cluster};
use crate::api::selector::Selector;
use crate::api::time::rfc3339;
use crate::api::{Kind, Object, OwnerRef, k};

/// When a new instance is running, after the Machine is created.
pub const PROVISIONED_MS: i64 = 40_000;
/// When the node registers (boot, Ignition, reboot, kubelet), after the Machine is created.
pub const JOIN_MS: i64 = 240_000;
/// When the node is Ready (the network plugin is up), after the Machine is created.
pub const READY_MS: i64 = 300_000;
/// How long draining and deleting the node take before the instance is terminated.
pub const DRAIN_MS: i64 = 20_000;
/// How long the instance takes to terminate.
pub const TERMINATE_MS: i64 = 30_000;

const FINALIZER: &str = "machine.machine.openshift.io";
const STATE: &str = "machine.openshift.io/instance-state";

/// The `Machine` kind.
pub fn machine_kind() -> Kind {
    static KIND: OnceLock<Kind> = OnceLock::new();
    *KIND.get_or_init(|| {
        Kind::from_kind("Machine", Some("machine.openshift.io")).expect("kind in table")
    })
}

/// The `MachineSet` kind.
pub fn machine_set_kind() -> Kind {
    static KIND: OnceLock<Kind> = OnceLock::new();
    *KIND.get_or_init(|| {
        Kind::from_kind("MachineSet", Some("machine.openshift.io")).expect("kind in table")
    })
}

/// Whether the cluster's Infrastructure names AWS, where the Machine API provisions instances.
fn on_aws(cluster: &Cluster) -> bool {
    static KIND: OnceLock<Option<Kind>> = OnceLock::new();
    KIND.get_or_init(|| Kind::from_kind("Infrastructure", Some("config.openshift.io")))
        .and_then(|kind| cluster.get(kind, "", "cluster"))
        .is_some_and(|infra| infra.status_json()["platform"] == "AWS")
}

/// The MachineSet controller.
pub fn machine_set(cluster: &mut Cluster, ms: &Arc<Object>) -> Action {
    if !on_aws(cluster) {
        return Action::Await;
    }
    let selector = Selector::from_label_selector(&ms.spec()["selector"]);
    let ns = ms.meta.namespace.clone();
    let all: Vec<Arc<Object>> = cluster
        .store
        .list(machine_kind(), Some(&ns))
        .cloned()
        .collect();
    let mut machines = Vec::new();
    for m in all {
        match m.meta.controller() {
            Some(owner) if owner.uid == ms.meta.uid => machines.push(m),
            Some(_) => {}
            None if m.meta.deletion.is_none() && selector.matches(&m.meta.labels) => {
                // An orphan the selector matches is adopted, as the controller does.
                let mut adopted = (*m).clone();
                adopted.meta.owners = Arc::new(vec![owner_ref(ms)]);
                machines.push(cluster.write(adopted));
            }
            None => {}
        }
    }
    let live: Vec<&Arc<Object>> = machines
        .iter()
        .filter(|m| m.meta.deletion.is_none())
        .collect();
    let desired = ms.spec()["replicas"].as_i64().unwrap_or(1).max(0);
    let current = live.len() as i64;
    if current < desired {
        for _ in current..desired {
            let name = format!("{}-{}", ms.meta.name, cluster.random_suffix(5));
            let template = &ms.spec()["template"];
            let mut body = Map::new();
            body.insert("spec".into(), template["spec"].clone());
            let mut m = Object::new(machine_kind(), &ns, &name, body);
            m.meta.labels = Arc::new(
                template["metadata"]["labels"]
                    .as_object()
                    .map(|l| {
                        l.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                            .collect()
                    })
                    .unwrap_or_default(),
            );
            m.meta.owners = Arc::new(vec![owner_ref(ms)]);
            m.meta.finalizers = Box::new([FINALIZER.to_owned()]);
            cluster.create_internal(m);
        }
        cluster.trace(
            "machineset-controller",
            ms,
            format!(
                "desired {desired}, current {current} → created {} machine(s)",
                desired - current
            ),
        );
    } else if current > desired {
        // The default delete policy (Random) prefers machines that are not running yet; the newest go first here.
        let mut victims = live.clone();
        victims.sort_shared_by_key(|m| {
            (
                m.status_json()["phase"] == "Running",
                std::cmp::Reverse(m.meta.created),
            )
        });
        for m in victims.iter().take((current - desired) as usize) {
            super::lifecycle::begin_delete(cluster, m);
        }
        cluster.trace(
            "machineset-controller",
            ms,
            format!(
                "desired {desired}, current {current} → deleting {}",
                current - desired
            ),
        );
    }
    let machines: Vec<Arc<Object>> = cluster
        .store
        .list(machine_kind(), Some(&ns))
        .filter(|m| m.meta.controller().is_some_and(|o| o.uid == ms.meta.uid))
        .filter(|m| m.meta.deletion.is_none())
        .cloned()
        .collect();
    let ready = machines
        .iter()
        .filter(|m| node_of(cluster, m).is_some_and(|n| super::nodes::is_ready(&n)))
        .count();
    let status = Value::Object(super::workloads::replica_counts(
        ready,
        machines.len(),
        ms.meta.generation,
    ));
    if *ms.status_json() != status {
        let mut next = (**ms).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    Action::Await
}

fn owner_ref(ms: &Object) -> OwnerRef {
    OwnerRef {
        kind: ms.kind,
        name: ms.meta.name.clone(),
        uid: ms.meta.uid,
        controller: true,
    }
}

/// The node a Machine's `status.nodeRef` names, if it exists.
fn node_of(cluster: &Cluster, m: &Object) -> Option<Arc<Object>> {
    let name = m.status_json()["nodeRef"]["name"].as_str()?;
    cluster.get(k::node(), "", name)
}

/// The machine controller: one step of the instance's life per call, requeued for the next.
pub fn machine(cluster: &mut Cluster, m: &Arc<Object>) -> Action {
    if !on_aws(cluster) {
        return if m.meta.deletion.is_some() {
            super::lifecycle::finish_delete(cluster, m)
        } else {
            Action::Await
        };
    }
    if let Some(deleted) = m.meta.deletion {
        return delete_machine(cluster, m, deleted);
    }
    let age = cluster.now - m.meta.created;
    let phase = m.status_json()["phase"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let provider = &m.spec()["providerSpec"]["value"];
    let zone = provider["placement"]["availabilityZone"]
        .as_str()
        .unwrap_or("us-east-1a")
        .to_owned();
    let region = provider["placement"]["region"]
        .as_str()
        .unwrap_or("us-east-1")
        .to_owned();
    let instance_type = provider["instanceType"]
        .as_str()
        .unwrap_or("m6i.xlarge")
        .to_owned();
    match phase.as_str() {
        "" => {
            let hex = crate::api::object::hex_id(m.meta.uid, &m.meta.name, 16);
            let instance = format!("i-0{}", &hex[..16.min(hex.len())]);
            let mut next = (**m).clone();
            next.spec_mut().insert(
                "providerID".into(),
                json!(format!("aws:///{zone}/{instance}")),
            );
            let labels = Arc::make_mut(&mut next.meta.labels);
            labels.insert("machine.openshift.io/instance-type".into(), instance_type);
            labels.insert("machine.openshift.io/region".into(), region);
            labels.insert("machine.openshift.io/zone".into(), zone);
            Arc::make_mut(&mut next.meta.annotations).insert(STATE.into(), "pending".into());
            let status = next.status_json_mut();
            status.insert("phase".into(), json!("Provisioning"));
            status.insert("lastUpdated".into(), json!(rfc3339(cluster.now)));
            status.insert(
                "providerStatus".into(),
                json!({
                    "conditions": [{"lastTransitionTime": rfc3339(cluster.now), "message": "Machine successfully created", "reason": "MachineCreationSucceeded", "status": "True", "type": "MachineCreation"}],
                    "instanceId": instance,
                    "instanceState": "pending",
                }),
            );
            cluster.trace("machine-controller", m, "instance requested → Provisioning");
            cluster.write(next);
            Action::Requeue(PROVISIONED_MS - age)
        }
        "Provisioning" if age >= PROVISIONED_MS => {
            // The address of the instance the cloud gave the Machine, when it has one; else one from the zone's subnet.
            let known = m.status_json()["addresses"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["type"] == "InternalIP"))
                .and_then(|x| x["address"].as_str())
                .map(str::to_owned);
            let ip = known.unwrap_or_else(|| address(cluster, &zone));
            let mut next = (**m).clone();
            Arc::make_mut(&mut next.meta.annotations).insert(STATE.into(), "running".into());
            let status = next.status_json_mut();
            status.insert("phase".into(), json!("Provisioned"));
            status.insert("lastUpdated".into(), json!(rfc3339(cluster.now)));
            status.insert("addresses".into(), addresses(&ip, m));
            if let Some(p) = status.get_mut("providerStatus") {
                p["instanceState"] = json!("running");
            }
            cluster.trace("machine-controller", m, "instance running → Provisioned");
            cluster.write(next);
            Action::Requeue(JOIN_MS - age)
        }
        "Provisioned" if age >= JOIN_MS => {
            let Some(node) = join_node(cluster, m) else {
                return Action::Requeue(30_000);
            };
            let mut next = (**m).clone();
            let status = next.status_json_mut();
            status.insert("phase".into(), json!("Running"));
            status.insert("lastUpdated".into(), json!(rfc3339(cluster.now)));
            status.insert(
                "nodeRef".into(),
                json!({"kind": "Node", "name": node.meta.name, "uid": crate::api::object::uid_string(node.meta.uid)}),
            );
            cluster.trace(
                "machine-controller",
                m,
                format!("node {} registered → Running", node.meta.name),
            );
            cluster.write(next);
            Action::Requeue(READY_MS - age)
        }
        "Running" if age >= READY_MS => {
            if let Some(node) = node_of(cluster, m)
                && !super::nodes::is_ready(&node)
                && node.meta.deletion.is_none()
            {
                mark_ready(cluster, &node);
                update_pool(cluster);
                // The MachineSet counts ready machines.
                if let Some(owner) = m.meta.controller() {
                    let key = (m.meta.namespace.clone(), owner.name.clone());
                    cluster.requeue_after(machine_set_kind(), key, 1);
                }
            }
            Action::Await
        }
        "Provisioning" => Action::Requeue(PROVISIONED_MS - age),
        "Provisioned" => Action::Requeue(JOIN_MS - age),
        "Running" => Action::Requeue(READY_MS - age),
        _ => Action::Await,
    }
}

/// Drains and removes the Machine's node, terminates the instance, then lets the Machine go.
fn delete_machine(cluster: &mut Cluster, m: &Arc<Object>, deleted: i64) -> Action {
    let since = cluster.now - deleted;
    if m.status_json()["phase"] != "Deleting" {
        let mut next = (**m).clone();
        let status = next.status_json_mut();
        status.insert("phase".into(), json!("Deleting"));
        status.insert("lastUpdated".into(), json!(rfc3339(cluster.now)));
        if let Some(node) = node_of(cluster, m) {
            drain(cluster, &node);
        }
        cluster.trace("machine-controller", m, "draining node → Deleting");
        cluster.write(next);
        return Action::Requeue(DRAIN_MS);
    }
    if since < DRAIN_MS {
        return Action::Requeue(DRAIN_MS - since);
    }
    if let Some(node) = node_of(cluster, m) {
        cluster.trace(
            "machine-controller",
            m,
            format!("node {} deleted", node.meta.name),
        );
        cluster.remove(k::node(), "", &node.meta.name);
        update_pool(cluster);
        let mut next = (**m).clone();
        Arc::make_mut(&mut next.meta.annotations).insert(STATE.into(), "shutting-down".into());
        cluster.write(next);
    }
    if since < DRAIN_MS + TERMINATE_MS {
        return Action::Requeue(DRAIN_MS + TERMINATE_MS - since);
    }
    cluster.trace("machine-controller", m, "instance terminated → removed");
    cluster.remove(machine_kind(), &m.meta.namespace, &m.meta.name);
    if let Some(owner) = m.meta.controller() {
        let key = (m.meta.namespace.clone(), owner.name.clone());
        cluster.requeue_after(machine_set_kind(), key, 1);
    }
    Action::Await
}

/// An address in the zone's private subnet of the installer's default VPC layout (one /19 per zone).
fn address(cluster: &mut Cluster, zone: &str) -> String {
    let index = match zone.chars().last() {
        Some(c @ 'a'..='f') => c as u64 - 'a' as u64,
        _ => 0,
    };
    let third = index * 32 + cluster.random(32);
    let fourth = 4 + cluster.random(250);
    format!("10.0.{third}.{fourth}")
}

/// The EC2 private DNS name of `ip` in the Machine's region.
fn node_name(ip: &str, m: &Object) -> String {
    let region = m
        .meta
        .label("machine.openshift.io/region")
        .unwrap_or("us-east-1");
    let domain = if region == "us-east-1" {
        "ec2.internal".to_owned()
    } else {
        format!("{region}.compute.internal")
    };
    format!("ip-{}.{domain}", ip.replace('.', "-"))
}

/// A Machine's `status.addresses` for the private address `ip`: the address and its EC2 private DNS name.
pub fn addresses(ip: &str, m: &Object) -> Value {
    let host = node_name(ip, m);
    json!([
        {"address": ip, "type": "InternalIP"},
        {"address": host, "type": "InternalDNS"},
        {"address": host, "type": "Hostname"},
    ])
}

/// Registers the Machine's node, NotReady until its network plugin starts; a copy of an existing worker otherwise.
fn join_node(cluster: &mut Cluster, m: &Object) -> Option<Arc<Object>> {
    let addresses = m.status_json()["addresses"].as_array()?.clone();
    let ip = addresses.first()?["address"].as_str()?.to_owned();
    let name = node_name(&ip, m);
    if let Some(existing) = cluster.get(k::node(), "", &name) {
        return Some(existing);
    }
    let template = cluster
        .store
        .list(k::node(), None)
        .find(|n| n.meta.label("node-role.kubernetes.io/worker").is_some())
        .cloned()?;
    let mut labels = Vec::new();
    for (from, to) in [
        (
            "machine.openshift.io/instance-type",
            "node.kubernetes.io/instance-type",
        ),
        (
            "machine.openshift.io/instance-type",
            "beta.kubernetes.io/instance-type",
        ),
        (
            "machine.openshift.io/region",
            "topology.kubernetes.io/region",
        ),
        (
            "machine.openshift.io/region",
            "failure-domain.beta.kubernetes.io/region",
        ),
        ("machine.openshift.io/zone", "topology.kubernetes.io/zone"),
        (
            "machine.openshift.io/zone",
            "failure-domain.beta.kubernetes.io/zone",
        ),
    ] {
        if let Some(v) = m.meta.label(from) {
            labels.push((to.to_owned(), v.to_owned()));
        }
    }
    let node = join_copy(
        cluster,
        &template,
        &name,
        &ip,
        &m.spec()["providerID"],
        &labels,
    )?;
    update_pool(cluster);
    Some(node)
}

/// Registers a node `name` at `ip` with `provider_id`, copied from `template` (its other labels, capacity and node
/// info) with `labels` set: NotReady and tainted `not-ready` until its network plugin starts (see [`mark_ready`]).
pub(crate) fn join_copy(
    cluster: &mut Cluster,
    template: &Object,
    name: &str,
    ip: &str,
    provider_id: &Value,
    labels: &[(String, String)],
) -> Option<Arc<Object>> {
    let old_name = template.meta.name.to_string();
    let old_ip = super::kubelet::node_address(template)
        .map(crate::api::object::ip_string)
        .unwrap_or_default();
    let mut text = serde_json::to_string(&template.to_json()).ok()?;
    text = text.replace(&old_name, name);
    if !old_ip.is_empty() {
        text = text.replace(&format!("\"{old_ip}\""), &format!("\"{ip}\""));
    }
    let mut value: Value = serde_json::from_str(&text).ok()?;
    if let Some(meta) = value["metadata"].as_object_mut() {
        for key in ["uid", "resourceVersion", "creationTimestamp"] {
            meta.remove(key);
        }
    }
    let mut node = Object::from_json(&value).ok()?;
    node.meta.owners = Arc::new(Vec::new());
    {
        let map = Arc::make_mut(&mut node.meta.labels);
        for (key, value) in labels {
            map.insert(key.as_str().into(), value.as_str().into());
        }
    }
    let spec = node.spec_mut();
    spec.remove("unschedulable");
    spec.insert("providerID".into(), provider_id.clone());
    spec.insert(
        "taints".into(),
        json!([{"effect": "NoSchedule", "key": "node.kubernetes.io/not-ready"}]),
    );
    let now = rfc3339(cluster.now);
    let status = node.status_json_mut();
    if let Some(conditions) = status.get_mut("conditions").and_then(Value::as_array_mut) {
        for c in conditions.iter_mut() {
            c["lastHeartbeatTime"] = json!(now);
            c["lastTransitionTime"] = json!(now);
            if c["type"] == "Ready" {
                c["status"] = json!("False");
                c["reason"] = json!("KubeletNotReady");
                c["message"] = json!(
                    "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: No CNI configuration file in /etc/kubernetes/cni/net.d/. Has your network provider started?"
                );
            }
        }
    }
    cluster.learn_node(&node);
    let node = cluster.create_internal(node);
    cluster.event(
        &node,
        EventType::Normal,
        "RegisteredNode",
        format!("Node {name} event: Registered Node {name} in Controller"),
        "node-controller",
    );
    Some(node)
}

/// Makes a joined node Ready once its network plugin runs: the Ready condition, the `not-ready` taint gone and the
/// kubelet's NodeReady event.
pub(crate) fn mark_ready(cluster: &mut Cluster, node: &Arc<Object>) {
    let mut ready = (**node).clone();
    super::nodes::set_ready(&mut ready, true, cluster.now);
    if let Some(list) = ready
        .spec_mut()
        .get_mut("taints")
        .and_then(Value::as_array_mut)
    {
        list.retain(|t| t["key"] != "node.kubernetes.io/not-ready");
    }
    if ready.spec()["taints"].as_array().is_some_and(Vec::is_empty) {
        ready.spec_mut().remove("taints");
    }
    cluster.event(
        node,
        EventType::Normal,
        "NodeReady",
        format!("Node {} status is now: NodeReady", node.meta.name),
        &format!("kubelet@{}", node.meta.name),
    );
    cluster.write(ready);
}

/// Drains a node: cordons it, then evicts everything but DaemonSet pods.
pub(crate) fn drain(cluster: &mut Cluster, node: &Object) {
    let mut cordoned = node.clone();
    cordoned
        .spec_mut()
        .insert("unschedulable".into(), json!(true));
    cluster.write(cordoned);
    for pod in cluster.store.pod_objects_on(&node.meta.name) {
        let daemon = pod
            .meta
            .controller()
            .is_some_and(|o| o.kind == k::daemonset());
        if !daemon && pod.meta.deletion.is_none() {
            super::lifecycle::begin_delete(cluster, &pod);
        }
    }
}

/// Keeps the worker MachineConfigPool's machine counts equal to its nodes (every node runs the rendered config).
fn update_pool(cluster: &mut Cluster) {
    static KIND: OnceLock<Option<Kind>> = OnceLock::new();
    let Some(kind) = *KIND.get_or_init(|| {
        Kind::from_kind(
            "MachineConfigPool",
            Some("machineconfiguration.openshift.io"),
        )
    }) else {
        return;
    };
    let Some(pool) = cluster.get(kind, "", "worker") else {
        return;
    };
    let nodes: Vec<Arc<Object>> = cluster
        .store
        .list(k::node(), None)
        .filter(|n| n.meta.label("node-role.kubernetes.io/worker").is_some())
        .filter(|n| n.meta.label("node-role.kubernetes.io/master").is_none())
        .cloned()
        .collect();
    let total = nodes.len() as i64;
    let ready = nodes.iter().filter(|n| super::nodes::is_ready(n)).count() as i64;
    let mut next = (*pool).clone();
    let status = next.status_json_mut();
    status.insert("machineCount".into(), json!(total));
    status.insert("readyMachineCount".into(), json!(ready));
    status.insert("updatedMachineCount".into(), json!(ready));
    status.insert("unavailableMachineCount".into(), json!(total - ready));
    if next.status != pool.status {
        cluster.write(next);
    }
}

#[cfg(test)]
#[path = "machines_tests.rs"]
mod tests;
