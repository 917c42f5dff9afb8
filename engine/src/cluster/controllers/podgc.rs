//! The pod garbage collector: pods bound to a node that no longer exists are force-deleted, so their controllers
//! replace them.
//!
//! The real collector waits out a 40-second quarantine after the node goes; here the pods on a deleted node are
//! looked at again after that quarantine, and a pod that is reconciled earlier for another reason goes at once.

use std::sync::Arc;

use super::super::{Action, Cluster};
use crate::api::{Object, k};

/// How long after a node's deletion its pods are collected.
pub const QUARANTINE_MS: i64 = 40_000;

/// Whether `pod` is bound to a node the store no longer has.
pub fn orphaned(cluster: &Cluster, pod: &Object) -> bool {
    pod.pod()
        .and_then(|p| p.node.as_deref())
        .is_some_and(|node| cluster.store.get(k::node(), "", node).is_none())
}

/// Deletes an orphaned pod at once (no grace: its kubelet is gone).
pub fn collect(cluster: &mut Cluster, pod: &Arc<Object>) -> Action {
    cluster.trace(
        "pod-garbage-collector",
        pod,
        "node no longer exists → pod deleted",
    );
    cluster.remove(k::pod(), &pod.meta.namespace, &pod.meta.name);
    Action::Await
}
