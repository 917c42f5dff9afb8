//! Service networking: Endpoints and EndpointSlices from ready pods, load balancers, and volume binding.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::events::EventType;
use super::super::{Action, Cluster};
use super::workloads::pod_ready;
use crate::api::object::ip_string;
use crate::api::selector::Selector;
use crate::api::time::rfc3339;
use crate::api::{Object, OwnerRef, k};

/// Resolves a service port's targetPort (a number or a container port name) for one pod.
fn target_port(pod: &Object, target: &Value) -> Option<i64> {
    match target {
        Value::Number(n) => n.as_i64(),
        Value::String(name) => pod.spec()["containers"].as_array()?.iter().find_map(|c| {
            c["ports"]
                .as_array()?
                .iter()
                .find(|p| p["name"] == name.as_str())
                .and_then(|p| p["containerPort"].as_i64())
        }),
        _ => None,
    }
}

/// Reconciles a Service: its endpoints and, for LoadBalancer services, the external address.
pub fn service(cluster: &mut Cluster, svc: &Arc<Object>) -> Action {
    let spec = svc.spec().clone();
    let ns = svc.meta.namespace.to_string();
    let mut action = Action::Await;
    if let Some(selector) = spec["selector"].as_object().filter(|m| !m.is_empty()) {
        let selector = Selector::from_map(&Value::Object(selector.clone()));
        let pods: Vec<Arc<Object>> = cluster
            .store
            .list(k::pod(), Some(&ns))
            .filter(|p| {
                selector.matches(&p.meta.labels)
                    && p.meta.deletion.is_none()
                    && p.pod().is_some_and(|s| s.pod_ip.is_some())
            })
            .cloned()
            .collect();
        let mut ready = Vec::new();
        let mut not_ready = Vec::new();
        let mut slice_endpoints = Vec::new();
        let port_specs = spec["ports"].as_array().cloned().unwrap_or_default();
        let first_port = pods.first().and_then(|p| {
            port_specs
                .first()
                .and_then(|sp| target_port(p, &sp["targetPort"]))
        });
        for pod in &pods {
            let status = pod.pod().expect("pod");
            let address = json!({
                "ip": ip_string(status.pod_ip.unwrap_or(0)),
                "nodeName": status.node.as_deref().unwrap_or_default(),
                "targetRef": {"kind": "Pod", "name": pod.meta.name.as_str(), "namespace": ns, "uid": crate::api::object::uid_string(pod.meta.uid)},
            });
            let is_ready = pod_ready(pod);
            slice_endpoints.push(json!({
                "addresses": [ip_string(status.pod_ip.unwrap_or(0))],
                "conditions": {"ready": is_ready, "serving": is_ready, "terminating": false},
                "nodeName": status.node.as_deref().unwrap_or_default(),
                "targetRef": {"kind": "Pod", "name": pod.meta.name.as_str(), "namespace": ns, "uid": crate::api::object::uid_string(pod.meta.uid)},
            }));
            if is_ready {
                ready.push(address)
            } else {
                not_ready.push(address)
            }
        }
        let ports: Vec<Value> = port_specs
            .iter()
            .map(|p| {
                let mut port = Map::new();
                if let Some(name) = p["name"].as_str() {
                    port.insert("name".into(), json!(name));
                }
                let number = pods
                    .first()
                    .and_then(|pod| target_port(pod, &p["targetPort"]))
                    .or(first_port)
                    .or(p["port"].as_i64());
                port.insert("port".into(), json!(number));
                port.insert("protocol".into(), p["protocol"].clone());
                Value::Object(port)
            })
            .collect();
        let mut subset = Map::new();
        if !ready.is_empty() {
            subset.insert("addresses".into(), Value::Array(ready));
        }
        if !not_ready.is_empty() {
            subset.insert("notReadyAddresses".into(), Value::Array(not_ready));
        }
        let mut body = Map::new();
        if !subset.is_empty() {
            subset.insert("ports".into(), Value::Array(ports.clone()));
            body.insert("subsets".into(), json!([subset]));
        }
        let existing = cluster
            .store
            .get(k::endpoints(), &ns, &svc.meta.name)
            .cloned();
        if existing.as_ref().is_none_or(|e| *e.body != body) {
            let mut ep = match &existing {
                Some(e) => (**e).clone(),
                None => {
                    let mut ep = Object::new(k::endpoints(), &ns, &svc.meta.name, Map::new());
                    ep.meta.labels = svc.meta.labels.clone();
                    ep.meta.uid = cluster.store.new_uid();
                    ep.meta.created = cluster.now;
                    ep
                }
            };
            ep.body = Arc::new(body);
            let count = pods.len();
            cluster.write(ep);
            cluster.trace(
                "endpoints-controller",
                svc,
                format!("{count} pod(s) match the selector → endpoints updated"),
            );
        }
        let slice_name = format!(
            "{}-{}",
            svc.meta.name,
            &crate::api::object::hex_id(svc.meta.uid, "slice", 0)[..5]
        );
        let mut slice_body = Map::new();
        slice_body.insert("addressType".into(), json!("IPv4"));
        slice_body.insert("endpoints".into(), Value::Array(slice_endpoints));
        slice_body.insert("ports".into(), Value::Array(ports));
        let existing = cluster
            .store
            .get(k::endpoint_slice(), &ns, &slice_name)
            .cloned();
        if existing.as_ref().is_none_or(|e| *e.body != slice_body) {
            let mut slice = match &existing {
                Some(e) => (**e).clone(),
                None => {
                    let mut s = Object::new(k::endpoint_slice(), &ns, &slice_name, Map::new());
                    let mut labels = (*svc.meta.labels).clone();
                    labels.insert(
                        "endpointslice.kubernetes.io/managed-by".into(),
                        "endpointslice-controller.k8s.io".into(),
                    );
                    labels.insert(
                        "kubernetes.io/service-name".into(),
                        svc.meta.name.to_string(),
                    );
                    s.meta.labels = Arc::new(labels);
                    s.meta.generate_name = Some(format!("{}-", svc.meta.name).into());
                    Arc::make_mut(&mut s.meta.owners).push(OwnerRef {
                        kind: k::service(),
                        name: svc.meta.name.clone(),
                        uid: svc.meta.uid,
                        controller: true,
                    });
                    s.meta.uid = cluster.store.new_uid();
                    s.meta.created = cluster.now;
                    s
                }
            };
            slice.body = Arc::new(slice_body);
            cluster.write(slice);
        }
    }
    if spec["type"] == "LoadBalancer" && svc.status_json()["loadBalancer"]["ingress"].is_null() {
        if cluster.info.name == "eks" || cluster.info.api_server.contains("eks.amazonaws.com") {
            let age = cluster.now - svc.meta.created;
            if age < 3000 {
                if age == 0 {
                    cluster.event(
                        svc,
                        EventType::Normal,
                        "EnsuringLoadBalancer",
                        "Ensuring load balancer",
                        "service-controller",
                    );
                }
                return Action::Requeue(3000 - age);
            }
            // The cloud provider names the load balancer `a` and 31 hex digits of the Service's UID (ELB names
            // are at most 32 characters); its DNS name adds a number.
            let id = &crate::api::object::hex_id(svc.meta.uid, "elb", 0)[..31];
            let region = if cluster.info.api_server.contains("ap-northeast-2")
                || cluster.info.name == "eks"
            {
                "ap-northeast-2"
            } else {
                "us-east-1"
            };
            let hostname = format!(
                "a{id}-{}.{region}.elb.amazonaws.com",
                1_000_000_000 + svc.meta.uid % 999_999_999
            );
            let mut next = (**svc).clone();
            next.status_json_mut().insert(
                "loadBalancer".into(),
                json!({"ingress": [{"hostname": hostname}]}),
            );
            cluster.write(next);
            cluster.event(
                svc,
                EventType::Normal,
                "EnsuredLoadBalancer",
                "Ensured load balancer",
                "service-controller",
            );
            cluster.trace(
                "service-controller",
                svc,
                format!("type LoadBalancer → provisioned {hostname}"),
            );
        }
        action = Action::Await;
    }
    let _ = rfc3339;
    action
}

/// Binds a PersistentVolumeClaim to a dynamically provisioned volume.
pub fn pvc(cluster: &mut Cluster, pvc: &Arc<Object>) -> Action {
    if pvc.status_json()["phase"] == "Bound" {
        return Action::Await;
    }
    let class = pvc.spec()["storageClassName"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if class.is_empty() || cluster.store.get(k::storage_class(), "", &class).is_none() {
        return Action::Await;
    }
    let age = cluster.now - pvc.meta.created;
    if age < 2000 {
        return Action::Requeue(2000 - age);
    }
    let volume = format!("pvc-{}", crate::api::object::uid_string(pvc.meta.uid));
    let capacity = pvc.spec()["resources"]["requests"]["storage"].clone();
    let modes = pvc.spec()["accessModes"].clone();
    let mut body = Map::new();
    body.insert(
        "spec".into(),
        json!({
            "accessModes": modes,
            "capacity": {"storage": capacity},
            "claimRef": {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": pvc.meta.name.as_str(), "namespace": pvc.meta.namespace.as_str(), "uid": crate::api::object::uid_string(pvc.meta.uid)},
            "persistentVolumeReclaimPolicy": "Delete",
            "storageClassName": class,
            "volumeMode": "Filesystem",
        }),
    );
    let mut pv = Object::new(k::pv(), "", &volume, body);
    pv.status = crate::api::Status::Json(json!({"phase": "Bound"}));
    cluster.create_internal(pv);
    let mut next = (**pvc).clone();
    next.spec_mut().insert("volumeName".into(), json!(volume));
    let status = next.status_json_mut();
    status.insert("accessModes".into(), modes);
    status.insert("capacity".into(), json!({"storage": capacity}));
    status.insert("phase".into(), json!("Bound"));
    cluster.write(next);
    cluster.event(
        pvc,
        EventType::Normal,
        "ProvisioningSucceeded",
        format!("Successfully provisioned volume {volume}"),
        "persistentvolume-controller",
    );
    Action::Await
}
