//! The object store: one writer, cheap snapshots (persistent maps), a change log for watches and controllers.

use std::sync::Arc;

use compact_str::CompactString;
use imbl::OrdMap;

use crate::api::{Kind, Object};

/// An object's key within its kind: namespace (empty when cluster-scoped) and name.
pub type Key = (CompactString, CompactString);

/// What happened to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    /// Created.
    Added,
    /// Updated.
    Modified,
    /// Removed.
    Deleted,
}

/// One entry of the change log.
#[derive(Debug, Clone)]
pub struct Change {
    /// The store revision of the change.
    pub rv: u64,
    /// What happened.
    pub op: Op,
    /// The object after the change (before it, for deletions).
    pub object: Arc<Object>,
}

/// The store of every object, per kind, with indexes of pods by node and of dependents by owner.
#[derive(Debug, Clone, Default)]
pub struct Store {
    maps: Vec<OrdMap<Key, Arc<Object>>>,
    pods_by_node: OrdMap<CompactString, Arc<Vec<Key>>>,
    by_owner: OrdMap<u64, Arc<Vec<(Kind, Key)>>>,
    rv: u64,
    next_uid: u64,
    log: Vec<Change>,
    log_start: u64,
}

/// How many changes the log keeps before dropping the oldest half.
const LOG_LIMIT: usize = 1 << 16;

impl Store {
    /// An empty store whose uids derive from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            maps: vec![OrdMap::new(); crate::api::kinds::RESOURCES.len()],
            next_uid: seed | 1,
            ..Self::default()
        }
    }

    /// The current revision.
    pub fn revision(&self) -> u64 {
        self.rv
    }

    /// The object `name` of `kind` in `namespace` (empty for cluster-scoped kinds).
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Arc<Object>> {
        self.maps[kind.0 as usize].get(&(CompactString::from(namespace), CompactString::from(name)))
    }

    /// Every object of `kind`, optionally only in `namespace`, in (namespace, name) order.
    pub fn list<'a>(
        &'a self,
        kind: Kind,
        namespace: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = &'a Arc<Object>> + 'a> {
        let map = &self.maps[kind.0 as usize];
        match namespace {
            Some(ns) if kind.info().namespaced => {
                let start = (CompactString::from(ns), CompactString::default());
                Box::new(
                    map.range(start..)
                        .take_while(move |((n, _), _)| n == ns)
                        .map(|(_, v)| v),
                )
            }
            _ => Box::new(map.values()),
        }
    }

    /// How many objects of `kind` exist.
    pub fn count(&self, kind: Kind) -> usize {
        self.maps[kind.0 as usize].len()
    }

    /// The keys of pods bound to `node`.
    pub fn pods_on(&self, node: &str) -> Vec<Key> {
        self.pods_by_node
            .get(node)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// How many pods are bound to `node`.
    pub fn pod_count_on(&self, node: &str) -> usize {
        self.pods_by_node.get(node).map_or(0, |s| s.len())
    }

    /// The dependents of the object with `uid`.
    pub fn dependents(&self, uid: u64) -> Vec<(Kind, Key)> {
        self.by_owner
            .get(&uid)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// A fresh uid.
    pub fn new_uid(&mut self) -> u64 {
        self.next_uid = self.next_uid.wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.next_uid
    }

    /// Inserts or replaces an object, stamping a new resourceVersion, and logs the change.
    pub fn put(&mut self, mut object: Object) -> Arc<Object> {
        self.rv += 1;
        object.meta.resource_version = self.rv;
        let key = (object.meta.namespace.clone(), object.meta.name.clone());
        let kind = object.kind;
        let object = Arc::new(object);
        let old = self.maps[kind.0 as usize].insert(key.clone(), object.clone());
        let old_node = old
            .as_ref()
            .and_then(|o| o.pod().and_then(|p| p.node.clone()));
        let new_node = object.pod().and_then(|p| p.node.clone());
        if old_node != new_node {
            if let Some(node) = old_node {
                self.unindex_node(&node, &key);
            }
            if let Some(node) = new_node {
                Arc::make_mut(self.pods_by_node.entry(node).or_default()).push(key.clone());
            }
        }
        let same_owners = old.as_ref().is_some_and(|old| {
            old.meta
                .owners
                .iter()
                .map(|o| o.uid)
                .eq(object.meta.owners.iter().map(|o| o.uid))
        });
        if !same_owners {
            if let Some(old) = &old {
                self.unindex_owners(old, &key);
            }
            for owner in &object.meta.owners {
                Arc::make_mut(self.by_owner.entry(owner.uid).or_default())
                    .push((kind, key.clone()));
            }
        }
        self.record(
            if old.is_some() {
                Op::Modified
            } else {
                Op::Added
            },
            object.clone(),
        );
        object
    }

    /// Removes an object, logging the deletion.
    pub fn remove(&mut self, kind: Kind, namespace: &str, name: &str) -> Option<Arc<Object>> {
        let key = (CompactString::from(namespace), CompactString::from(name));
        let old = self.maps[kind.0 as usize].remove(&key)?;
        if let Some(node) = old.pod().and_then(|p| p.node.clone()) {
            self.unindex_node(&node, &key);
        }
        self.unindex_owners(&old, &key);
        self.rv += 1;
        self.record(Op::Deleted, old.clone());
        Some(old)
    }

    /// The changes after revision `since`; `None` when the log no longer reaches back that far.
    pub fn changes_since(&self, since: u64) -> Option<&[Change]> {
        if since + 1 < self.log_start && since < self.rv {
            return None;
        }
        let start = self.log.partition_point(|c| c.rv <= since);
        Some(&self.log[start..])
    }

    /// Drops the change log up to and including revision `rv` (everyone interested has read it).
    pub fn compact(&mut self, rv: u64) {
        let keep = self.log.partition_point(|c| c.rv <= rv);
        if keep > 0 {
            self.log.drain(..keep);
            self.log_start = self.log.first().map_or(self.rv + 1, |c| c.rv);
        }
    }

    fn record(&mut self, op: Op, object: Arc<Object>) {
        if self.log.len() >= LOG_LIMIT {
            self.log.drain(..LOG_LIMIT / 2);
            self.log_start = self.log.first().map_or(self.rv, |c| c.rv);
        }
        self.log.push(Change {
            rv: self.rv,
            op,
            object,
        });
    }

    fn unindex_node(&mut self, node: &CompactString, key: &Key) {
        if let Some(list) = self.pods_by_node.get_mut(node) {
            let list = Arc::make_mut(list);
            if let Some(i) = list.iter().rposition(|k| k == key) {
                list.swap_remove(i);
            }
            if list.is_empty() {
                self.pods_by_node.remove(node);
            }
        }
    }

    fn unindex_owners(&mut self, object: &Object, key: &Key) {
        for owner in &object.meta.owners {
            if let Some(list) = self.by_owner.get_mut(&owner.uid) {
                let list = Arc::make_mut(list);
                if let Some(i) = list
                    .iter()
                    .rposition(|(kind, k)| *kind == object.kind && k == key)
                {
                    list.swap_remove(i);
                }
                if list.is_empty() {
                    self.by_owner.remove(&owner.uid);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{OwnerRef, k};

    fn pod(ns: &str, name: &str, node: Option<&str>, owner: Option<u64>) -> Object {
        let mut p = Object::new(k::pod(), ns, name, Default::default());
        p.pod_mut().unwrap().node = node.map(Into::into);
        if let Some(uid) = owner {
            p.meta.owners.push(OwnerRef {
                kind: k::replicaset(),
                name: "rs".into(),
                uid,
                controller: true,
            });
        }
        p
    }

    #[test]
    fn indexes_follow_writes() {
        let mut s = Store::new(1);
        s.put(pod("a", "p1", Some("n1"), Some(7)));
        s.put(pod("a", "p2", Some("n1"), None));
        s.put(pod("b", "p3", None, Some(7)));
        assert_eq!(s.pod_count_on("n1"), 2);
        assert_eq!(s.dependents(7).len(), 2);
        s.put(pod("a", "p1", Some("n2"), None));
        assert_eq!(s.pod_count_on("n1"), 1);
        assert_eq!(s.pod_count_on("n2"), 1);
        assert_eq!(s.dependents(7).len(), 1);
        s.remove(k::pod(), "b", "p3");
        assert!(s.dependents(7).is_empty());
        assert_eq!(s.list(k::pod(), Some("a")).count(), 2);
        assert_eq!(s.list(k::pod(), None).count(), 2);
    }

    #[test]
    fn snapshots_do_not_see_later_writes() {
        let mut s = Store::new(1);
        s.put(pod("a", "p1", None, None));
        let snapshot = s.clone();
        s.put(pod("a", "p2", None, None));
        assert_eq!(snapshot.count(k::pod()), 1);
        assert_eq!(s.count(k::pod()), 2);
    }

    #[test]
    fn the_change_log_replays_from_a_revision() {
        let mut s = Store::new(1);
        s.put(pod("a", "p1", None, None));
        let rv = s.revision();
        s.put(pod("a", "p1", None, None));
        s.remove(k::pod(), "a", "p1");
        let ops: Vec<Op> = s.changes_since(rv).unwrap().iter().map(|c| c.op).collect();
        assert_eq!(ops, [Op::Modified, Op::Deleted]);
    }
}
