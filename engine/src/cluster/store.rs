//! The object store: one writer, cheap snapshots (persistent maps), a change log for watches and controllers.

use crate::sort::SortShared;
use std::sync::Arc;

use compact_str::CompactString;
use imbl::{OrdMap, OrdSet};

use crate::api::object::Containers;
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

/// Objects indexed under one owner: each object's uid to the order it joined the index and its current version
/// (so readers need no second lookup, and keys are not copied per entry).
type Members = OrdMap<u64, (u64, Arc<Object>)>;

/// The pods bound to one node, in the order they were bound, with their uids and current versions.
///
/// A node holds at most a few hundred pods, so a shared list searched by uid is as quick as a map and a fraction
/// of its size (a map's node is sized for 64 entries); a write copies the list only while a snapshot shares it.
type NodePods = Arc<Vec<(u64, Arc<Object>)>>;

/// The store of every object, per kind, with indexes of pods by node and of dependents by owner.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Per kind: namespace (empty when cluster-scoped) → name → object; two levels, so a key's namespace is stored
    /// once per namespace rather than once per object.
    /// The objects are kept in sets ordered by name rather than in maps keyed by name: an entry is one pointer,
    /// and the name is not copied into a key.
    maps: Vec<OrdMap<CompactString, OrdSet<ByName>>>,
    /// How many objects of each kind exist.
    counts: Vec<usize>,
    pods_by_node: OrdMap<CompactString, NodePods>,
    by_owner: OrdMap<u64, Members>,
    /// The order in which objects joined an index: members are listed in joining order.
    joined: u64,
    rv: u64,
    next_uid: u64,
    log: Vec<Change>,
    log_start: u64,
    /// The container statuses of the last pod written: a pod written with equal statuses shares them.
    containers: Containers,
    /// How many objects have gone: removed, or replaced by a new object (another uid) of the same name.
    removals: u64,
}

/// How many changes the log keeps before dropping the oldest half. The controllers read the log after every round
/// of reconciles, so only a round that writes more than this many objects overflows it (and then every object is
/// reconciled once); a 150,000-pod cluster starting its pods in one instant stays well inside.
const LOG_LIMIT: usize = 1 << 20;
/// How much room an emptied change log may keep.
const IDLE_LOG_CAPACITY: usize = 1 << 10;

impl Store {
    /// An empty store whose uids derive from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            maps: vec![OrdMap::new(); crate::api::kinds::RESOURCES.len()],
            counts: vec![0; crate::api::kinds::RESOURCES.len()],
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
        self.maps[kind.0 as usize]
            .get(namespace)?
            .get(name)
            .map(|entry| &entry.0)
    }

    /// Every object of `kind`, optionally only in `namespace`, in (namespace, name) order.
    pub fn list<'a>(
        &'a self,
        kind: Kind,
        namespace: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = &'a Arc<Object>> + 'a> {
        let map = &self.maps[kind.0 as usize];
        match namespace {
            Some(ns) if kind.info().namespaced => match map.get(ns) {
                Some(objects) => Box::new(objects.iter().map(|entry| &entry.0)),
                None => Box::new(std::iter::empty()),
            },
            _ => Box::new(
                map.values()
                    .flat_map(|objects| objects.iter().map(|entry| &entry.0)),
            ),
        }
    }

    /// How many objects have gone so far (removed, or replaced under their name by an object with another uid):
    /// while it stays the same, an object seen alive still is.
    pub fn removals(&self) -> u64 {
        self.removals
    }

    /// How many objects of `kind` exist.
    pub fn count(&self, kind: Kind) -> usize {
        self.counts[kind.0 as usize]
    }

    /// The keys of pods bound to `node`, in the order they were bound.
    pub fn pods_on(&self, node: &str) -> Vec<Key> {
        self.pod_objects_on(node)
            .into_iter()
            .map(|p| (p.meta.namespace.clone(), p.meta.name.clone()))
            .collect()
    }

    /// The pods bound to `node`, in the order they were bound.
    pub fn pod_objects_on(&self, node: &str) -> Vec<Arc<Object>> {
        self.pods_by_node
            .get(node)
            .map(|pods| pods.iter().map(|(_, pod)| pod.clone()).collect())
            .unwrap_or_default()
    }

    /// How many pods are bound to `node`.
    pub fn pod_count_on(&self, node: &str) -> usize {
        self.pods_by_node.get(node).map_or(0, |s| s.len())
    }

    /// The kinds and keys of the dependents of the object with `uid`, in the order they became dependents.
    pub fn dependents(&self, uid: u64) -> Vec<(Kind, Key)> {
        self.dependent_objects(uid)
            .into_iter()
            .map(|o| (o.kind, (o.meta.namespace.clone(), o.meta.name.clone())))
            .collect()
    }

    /// The dependents of the object with `uid`, in the order they became dependents.
    pub fn dependent_objects(&self, uid: u64) -> Vec<Arc<Object>> {
        self.by_owner.get(&uid).map(in_order).unwrap_or_default()
    }

    /// Drops one part of the store, for measuring what each part holds: `log`, `indexes` or `objects`.
    pub fn drop_part(&mut self, part: &str) {
        match part {
            "log" => self.log = Vec::new(),
            "indexes" => {
                self.pods_by_node = OrdMap::new();
                self.by_owner = OrdMap::new();
            }
            _ => {
                self.maps.iter_mut().for_each(|m| *m = OrdMap::new());
                self.counts.iter_mut().for_each(|c| *c = 0);
            }
        }
    }

    /// A fresh uid.
    pub fn new_uid(&mut self) -> u64 {
        self.next_uid = self.next_uid.wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.next_uid
    }

    /// Inserts or replaces an object, stamping a new resourceVersion (and a uid when it has none), and logs the change.
    pub fn put(&mut self, mut object: Object) -> Arc<Object> {
        if let Some(pod) = object.pod_mut() {
            share(&mut self.containers, &mut pod.containers);
        }
        self.rv += 1;
        object.meta.resource_version = self.rv;
        if object.meta.uid == 0 {
            object.meta.uid = self.new_uid();
        }
        let kind = object.kind;
        let object = Arc::new(object);
        let old = self.maps[kind.0 as usize]
            .entry(object.meta.namespace.clone())
            .or_default()
            .insert(ByName(object.clone()))
            .map(|entry| entry.0);
        if old.is_none() {
            self.counts[kind.0 as usize] += 1;
        }
        if let Some(old) = &old {
            old.superseded.mark();
            if old.meta.uid != object.meta.uid {
                self.removals += 1;
            }
            self.unindex(old, Some(&object));
        }
        self.index(&object);
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
        let map = &mut self.maps[kind.0 as usize];
        let objects = map.get_mut(namespace)?;
        let old = objects.remove(name)?.0;
        old.superseded.mark();
        self.removals += 1;
        if objects.is_empty() {
            map.remove(namespace);
        }
        self.counts[kind.0 as usize] -= 1;
        self.unindex(&old, None);
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
            if self.log.is_empty() && self.log.capacity() > IDLE_LOG_CAPACITY {
                // A burst of changes is over: give back its room rather than keep it while the cluster rests.
                self.log = Vec::new();
            }
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

    /// Puts `object` under its node and its owners, keeping the place of an entry it already has.
    fn index(&mut self, object: &Arc<Object>) {
        if let Some(node) = object.pod().and_then(|p| p.node.as_ref()) {
            let pods = Arc::make_mut(self.pods_by_node.entry(node.clone()).or_default());
            match pods.iter_mut().find(|(uid, _)| *uid == object.meta.uid) {
                Some(entry) => entry.1 = object.clone(),
                None => pods.push((object.meta.uid, object.clone())),
            }
        }
        for owner in object.meta.owners.iter() {
            let members = self.by_owner.entry(owner.uid).or_default();
            join(members, &mut self.joined, object);
        }
    }

    /// Takes `old` out of the indexes it no longer belongs to once `new` (if any) replaces it.
    fn unindex(&mut self, old: &Object, new: Option<&Arc<Object>>) {
        let same_uid = new.is_some_and(|n| n.meta.uid == old.meta.uid);
        if let Some(node) = old.pod().and_then(|p| p.node.as_ref()) {
            let stays =
                same_uid && new.and_then(|n| n.pod()).and_then(|p| p.node.as_ref()) == Some(node);
            if !stays && let Some(pods) = self.pods_by_node.get_mut(node) {
                Arc::make_mut(pods).retain(|(uid, _)| *uid != old.meta.uid);
                if pods.is_empty() {
                    self.pods_by_node.remove(node);
                }
            }
        }
        for owner in old.meta.owners.iter() {
            let stays =
                same_uid && new.is_some_and(|n| n.meta.owners.iter().any(|o| o.uid == owner.uid));
            if !stays {
                leave(&mut self.by_owner, &owner.uid, old.meta.uid);
            }
        }
    }
}

/// An object in a kind's set, ordered and found by its name.
#[derive(Debug, Clone)]
struct ByName(Arc<Object>);

impl PartialEq for ByName {
    fn eq(&self, other: &Self) -> bool {
        self.0.meta.name == other.0.meta.name
    }
}

impl Eq for ByName {}

impl PartialOrd for ByName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.meta.name.as_str().cmp(other.0.meta.name.as_str())
    }
}

impl std::borrow::Borrow<str> for ByName {
    fn borrow(&self) -> &str {
        &self.0.meta.name
    }
}

/// Makes `containers` share `last` when they are equal, or remembers them as the list the next pod may share.
///
/// Pods started together have equal statuses, so a cluster at rest holds one list per batch rather than per pod.
fn share(last: &mut Containers, containers: &mut Containers) {
    if containers.shares(last) {
        return;
    }
    if **containers == **last {
        *containers = last.clone();
    } else {
        *last = containers.clone();
    }
}

/// Adds or refreshes `object` in `members`, keeping its joining order when it is already there.
fn join(members: &mut Members, joined: &mut u64, object: &Arc<Object>) {
    match members.get_mut(&object.meta.uid) {
        Some(entry) => entry.1 = object.clone(),
        None => {
            *joined += 1;
            members.insert(object.meta.uid, (*joined, object.clone()));
        }
    }
}

/// Removes the object `uid` from the members under `at`, dropping the entry when it empties.
fn leave<K: Ord + Clone>(index: &mut OrdMap<K, Members>, at: &K, uid: u64) {
    if let Some(members) = index.get_mut(at) {
        members.remove(&uid);
        if members.is_empty() {
            index.remove(at);
        }
    }
}

/// The members' objects in joining order.
fn in_order(members: &Members) -> Vec<Arc<Object>> {
    let mut entries: Vec<&(u64, Arc<Object>)> = members.values().collect();
    entries.sort_shared_by_key(|(joined, _)| *joined);
    entries.into_iter().map(|(_, o)| o.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{OwnerRef, k};

    fn pod(ns: &str, name: &str, node: Option<&str>, owner: Option<u64>) -> Object {
        let mut p = Object::new(k::pod(), ns, name, Default::default());
        p.pod_mut().unwrap().node = node.map(Into::into);
        if let Some(uid) = owner {
            Arc::make_mut(&mut p.meta.owners).push(OwnerRef {
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
