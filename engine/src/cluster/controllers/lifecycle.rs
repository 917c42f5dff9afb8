//! Deletion: graceful pod termination, finalizers, namespace termination and garbage collection through owners.

use std::sync::Arc;

use serde_json::json;

use super::super::events::EventType;
use super::super::{Action, Cluster};
use crate::api::{Kind, Object, Phase, k};

/// Starts deleting `object`: pods terminate gracefully, namespaces empty themselves, others go at once.
pub fn begin_delete(cluster: &mut Cluster, object: &Arc<Object>) -> Arc<Object> {
    if object.meta.deletion.is_some() {
        return object.clone();
    }
    let kind = object.kind;
    let bound = object
        .pod()
        .is_some_and(|p| p.node.is_some() && !matches!(p.phase, Phase::Succeeded | Phase::Failed));
    if kind == k::pod() && bound {
        let grace = object.spec()["terminationGracePeriodSeconds"]
            .as_i64()
            .unwrap_or(30);
        let mut next = (**object).clone();
        next.meta.deletion = Some(cluster.now + grace * 1000);
        let src = format!(
            "kubelet@{}",
            object
                .pod()
                .and_then(|p| p.node.as_deref())
                .unwrap_or_default()
        );
        for c in object.spec()["containers"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            let name = c["name"].as_str().unwrap_or_default();
            cluster.event(
                object,
                EventType::Normal,
                "Killing",
                format!("Stopping container {name}"),
                &src,
            );
        }
        let result = cluster.write(next);
        cluster.requeue_after(
            kind,
            (object.meta.namespace.clone(), object.meta.name.clone()),
            kill_time(cluster, object),
        );
        return result;
    }
    if kind == k::namespace() || !object.meta.finalizers.is_empty() {
        let mut next = (**object).clone();
        next.meta.deletion = Some(cluster.now);
        if kind == k::namespace() {
            next.status_json_mut()
                .insert("phase".into(), json!("Terminating"));
        }
        return cluster.write(next);
    }
    cluster.remove(kind, &object.meta.namespace, &object.meta.name);
    object.clone()
}

/// How long a pod's containers take to stop after SIGTERM.
fn kill_time(cluster: &Cluster, pod: &Object) -> i64 {
    let grace = pod.spec()["terminationGracePeriodSeconds"]
        .as_i64()
        .unwrap_or(30)
        * 1000;
    match super::kubelet::fate(cluster, pod) {
        // A shell running `sleep` ignores SIGTERM and is killed when the grace period ends.
        super::kubelet::Fate::Exit(_, after) if after > 2000 => grace,
        _ => grace.min(1200),
    }
}

/// Finishes deleting an object whose deletion has begun.
pub fn finish_delete(cluster: &mut Cluster, object: &Arc<Object>) -> Action {
    let kind = object.kind;
    if kind == k::pod() {
        let node_down = object
            .pod()
            .and_then(|p| p.node.as_deref())
            .is_some_and(|n| cluster.stopped_nodes.contains_key(n));
        if node_down {
            // Nobody can confirm the containers stopped: the pod stays Terminating until its node returns.
            return Action::Await;
        }
        let deletion = object.meta.deletion.unwrap_or(cluster.now);
        let grace = object.spec()["terminationGracePeriodSeconds"]
            .as_i64()
            .unwrap_or(30)
            * 1000;
        let due = deletion - grace + kill_time(cluster, object);
        if cluster.now >= due {
            cluster.trace("kubelet", object, "containers stopped → pod removed");
            cluster.remove(kind, &object.meta.namespace, &object.meta.name);
            return Action::Await;
        }
        return Action::Requeue(due - cluster.now);
    }
    if kind == k::namespace() {
        let ns = object.meta.name.to_string();
        let mut remaining = 0;
        for kind in Kind::all().filter(|k| k.info().namespaced) {
            let objects: Vec<Arc<Object>> = cluster.store.list(kind, Some(&ns)).cloned().collect();
            for o in objects {
                remaining += 1;
                begin_delete(cluster, &o);
            }
        }
        if remaining == 0 {
            cluster.trace("namespace-controller", object, "namespace empty → removed");
            cluster.remove(k::namespace(), "", &ns);
            return Action::Await;
        }
        return Action::Requeue(1000);
    }
    if object.meta.finalizers.is_empty() {
        cluster.remove(kind, &object.meta.namespace, &object.meta.name);
    }
    Action::Await
}

/// Deletes `object` when its controlling owner is gone (background cascading deletion).
pub fn collect_garbage(cluster: &mut Cluster, object: &Arc<Object>) -> Option<Action> {
    let owner = object.meta.controller()?;
    let ns = if owner.kind.info().namespaced {
        object.meta.namespace.as_str()
    } else {
        ""
    };
    let removals = cluster.store.removals();
    if cluster.owner_seen_alive == Some((owner.uid, removals)) {
        return None;
    }
    let alive = cluster
        .store
        .get(owner.kind, ns, &owner.name)
        .is_some_and(|o| o.meta.uid == owner.uid);
    if alive {
        cluster.owner_seen_alive = Some((owner.uid, removals));
    }
    if alive || object.meta.deletion.is_some() {
        return None;
    }
    cluster.trace(
        "garbage-collector",
        object,
        format!(
            "owner {} {} is gone → deleting dependent",
            owner.kind.info().kind,
            owner.name
        ),
    );
    begin_delete(cluster, object);
    Some(Action::Await)
}

/// The namespace controller for live namespaces: nothing to do until deletion.
pub fn namespace(_: &mut Cluster, _: &Arc<Object>) -> Action {
    Action::Await
}
