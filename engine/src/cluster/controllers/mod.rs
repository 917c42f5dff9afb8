//! Controllers as reconcile loops: each is a plain function from an object and the cluster to an [`Action`].
//!
//! [`dispatch`] maps a change in the store to the objects whose controllers must look again; [`reconcile`] runs
//! the controllers of one object.

pub mod builds;
pub mod defaults;
pub mod deploymentconfigs;
pub mod kubelet;
pub mod lifecycle;
pub mod machines;
pub mod network;
pub mod nodes;
pub mod openshift;
pub mod podgc;
pub mod scheduler;
pub mod services;
pub mod workloads;

use crate::sort::SortShared;
use std::sync::Arc;

use super::store::{Change, Key, Op, Store};
use super::{Action, Cluster};
use crate::api::{Kind, Object, k};

/// The objects one round of reconciles visits: gathered in any order, with repeats, and visited once each in
/// (kind, namespace, name) order.
///
/// Gathering into a list and sorting it once is cheaper than keeping a sorted set while thousands of pod changes
/// each name their owner; the owner named by the previous change is not added again.
///
/// An entry queued by a change to the object itself holds that version, which spares the reconcile a lookup by
/// name while no later write has superseded it.
#[derive(Debug, Default)]
pub struct Dirty {
    keys: Vec<(Kind, Key, Option<Arc<Object>>)>,
    last_owner: Option<u64>,
}

impl Dirty {
    /// Adds an object to visit.
    pub fn insert(&mut self, (kind, key): (Kind, Key)) {
        self.keys.push((kind, key, None));
    }

    /// The objects to visit, in order, each once, with the version a change handed over when there is one.
    pub fn into_sorted(self) -> Vec<(Kind, Key, Option<Arc<Object>>)> {
        let mut keys = self.keys;
        keys.sort_shared_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        keys.dedup_by(|later, kept| {
            let same = later.0 == kept.0 && later.1 == kept.1;
            if same && kept.2.as_ref().is_none_or(|o| o.superseded.is_marked()) {
                kept.2 = later.2.take();
            }
            same
        });
        keys
    }
}

/// Adds to `dirty` every object whose controllers must reconcile because of `change`.
pub fn dispatch(store: &Store, change: &Change, dirty: &mut Dirty) {
    let object = &change.object;
    let kind = object.kind;
    if change.op != Op::Deleted {
        let key: Key = (object.meta.namespace.clone(), object.meta.name.clone());
        dirty.keys.push((kind, key, Some(object.clone())));
    }
    if let Some(owner) = object.meta.controller()
        && (owner.uid == 0 || dirty.last_owner != Some(owner.uid))
    {
        let owner_ns = if owner.kind.info().namespaced {
            object.meta.namespace.clone()
        } else {
            Default::default()
        };
        dirty.last_owner = Some(owner.uid);
        dirty.insert((owner.kind, (owner_ns, owner.name.clone())));
    }
    if change.op == Op::Deleted {
        for dependent in store.dependent_objects(object.meta.uid) {
            dirty.insert((
                dependent.kind,
                (
                    dependent.meta.namespace.clone(),
                    dependent.meta.name.clone(),
                ),
            ));
        }
    }
    super::quota::dispatch(store, object, dirty);
    if kind == k::pod() {
        for svc in store.list(k::service(), Some(&object.meta.namespace)) {
            let selector = svc.spec().get("selector");
            if let Some(sel) = selector.filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
                && crate::api::selector::Selector::from_map(sel).matches(&object.meta.labels)
            {
                dirty.insert((
                    k::service(),
                    (svc.meta.namespace.clone(), svc.meta.name.clone()),
                ));
            }
        }
    } else if kind == k::node() {
        for ds in store.list(k::daemonset(), None) {
            dirty.insert((
                k::daemonset(),
                (ds.meta.namespace.clone(), ds.meta.name.clone()),
            ));
        }
    } else if kind == k::namespace() && change.op == Op::Added {
        // A new namespace gets its default service accounts and, on OpenShift, its project.
    }
}

/// Runs the controllers of the object `kind/key`; returns what they ask for, or `None` when the object is gone.
/// `held` is a version of the object the caller has, used when it is still the current one.
pub fn reconcile(
    cluster: &mut Cluster,
    kind: Kind,
    key: &Key,
    held: Option<Arc<Object>>,
) -> Option<Action> {
    let object = match held.filter(|o| !o.superseded.is_marked()) {
        Some(object) => object,
        None => cluster.store.get(kind, &key.0, &key.1).cloned()?,
    };
    if let Some(action) = lifecycle::collect_garbage(cluster, &object) {
        return Some(action);
    }
    let action = if kind == k::pod() && podgc::orphaned(cluster, &object) {
        podgc::collect(cluster, &object)
    } else if kind == machines::machine_kind() {
        machines::machine(cluster, &object)
    } else if object.meta.deletion.is_some() {
        lifecycle::finish_delete(cluster, &object)
    } else if kind == k::pod() {
        if object.pod().is_some_and(|p| p.node.is_none()) {
            scheduler::schedule(cluster, &object)
        } else {
            kubelet::reconcile(cluster, &object)
        }
    } else if kind == k::deployment() {
        workloads::deployment(cluster, &object)
    } else if kind == k::replicaset() || kind == deploymentconfigs::replication_controller() {
        workloads::replicaset(cluster, &object)
    } else if kind == k::daemonset() {
        workloads::daemonset(cluster, &object)
    } else if kind == k::statefulset() {
        workloads::statefulset(cluster, &object)
    } else if kind == k::job() {
        workloads::job(cluster, &object)
    } else if kind == k::cronjob() {
        workloads::cronjob(cluster, &object)
    } else if kind == k::hpa() {
        workloads::hpa(cluster, &object)
    } else if kind == k::service() {
        services::service(cluster, &object)
    } else if kind == k::node() {
        nodes::node(cluster, &object)
    } else if kind == k::namespace() {
        lifecycle::namespace(cluster, &object)
    } else if kind == k::pvc() {
        services::pvc(cluster, &object)
    } else if kind == super::quota::resource_quota() {
        super::quota::reconcile(cluster, &object)
    } else if kind == machines::machine_set_kind() {
        machines::machine_set(cluster, &object)
    } else if kind.info().openshift {
        openshift::reconcile(cluster, &object)
    } else {
        Action::Await
    };
    Some(action)
}

/// Reads a quantity (`100m`, `2`, `512Mi`, `1G`) as milli-units for CPU or bytes for memory.
pub fn quantity(text: &str, cpu: bool) -> i64 {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (num, suffix) = text.split_at(split);
    let value: f64 = num.parse().unwrap_or(0.0);
    let factor: f64 = match suffix {
        "m" => 0.001,
        "" => 1.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024f64.powi(4),
        _ => 1.0,
    };
    if cpu {
        (value * factor * 1000.0).round() as i64
    } else {
        (value * factor).round() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::{Dirty, quantity};
    use crate::api::{Object, k};
    use crate::cluster::store::Store;
    use crate::sort::SortShared;

    #[test]
    fn a_replaced_or_removed_version_is_marked_superseded() {
        let mut store = Store::new(1);
        let first = store.put(Object::new(k::configmap(), "ns", "a", Default::default()));
        assert!(!first.superseded.is_marked());
        let second = store.put(Object::new(k::configmap(), "ns", "a", Default::default()));
        assert!(first.superseded.is_marked());
        assert!(!second.superseded.is_marked());
        // A copy of a superseded version is a new value, not yet stored anywhere.
        assert!(!(*first).clone().superseded.is_marked());
        store.remove(k::configmap(), "ns", "a");
        assert!(second.superseded.is_marked());
    }

    #[test]
    fn dirty_visits_each_object_once_in_order_with_a_current_version() {
        let mut store = Store::new(1);
        let old = store.put(Object::new(k::pod(), "ns", "b", Default::default()));
        let new = store.put(Object::new(k::pod(), "ns", "b", Default::default()));
        let key = |name: &str| ("ns".into(), name.into());
        let mut dirty = Dirty::default();
        dirty.keys.push((k::pod(), key("b"), Some(old)));
        dirty.insert((k::pod(), key("a")));
        dirty.keys.push((k::pod(), key("b"), Some(new.clone())));
        dirty.insert((k::pod(), key("b")));
        dirty.insert((k::configmap(), key("z")));
        let visits: Vec<_> = dirty
            .into_sorted()
            .into_iter()
            .map(|(kind, key, held)| {
                (
                    kind,
                    key.1.to_string(),
                    held.map(|o| o.meta.resource_version),
                )
            })
            .collect();
        let mut expected = vec![
            (k::pod(), "a".to_owned(), None),
            (k::pod(), "b".to_owned(), Some(new.meta.resource_version)),
            (k::configmap(), "z".to_owned(), None),
        ];
        expected.sort_shared_by_key(|(kind, name, _)| (*kind, name.clone()));
        assert_eq!(visits, expected);
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("100m", true), 100);
        assert_eq!(quantity("2", true), 2000);
        assert_eq!(quantity("0.5", true), 500);
        assert_eq!(quantity("512Mi", false), 512 * 1024 * 1024);
        assert_eq!(quantity("1G", false), 1_000_000_000);
        assert_eq!(quantity("16301460Ki", false), 16301460 * 1024);
    }
}
