//! The simulated cluster: the object store, controllers, scheduler, kubelets and scenarios, driven by a virtual clock.
//!
//! Writes go through [`Cluster`]'s API methods (admission, defaulting, authorization). Every write lands in the
//! store's change log; [`Cluster::advance`] replays the log to the controllers that care, runs their reconcilers
//! (plain functions from an object and the cluster to an [`Action`]) until nothing is left to do, and fires timers
//! in virtual-time order.

pub mod admission;
pub mod auth;
pub mod controllers;
pub mod events;
pub mod kept_files;
pub mod limit_range;
pub mod metrics;
pub mod quota;
pub mod scenario;
pub mod snapshot;
pub mod store;

use crate::sort::SortShared;
use std::collections::BTreeMap;
use std::sync::Arc;

use compact_str::CompactString;

use crate::api::{ApiError, Kind, Object, k};
use crate::traits::{Random, SplitMix64};
pub use events::{Event, EventType};
pub use scenario::{ImageInfo, ScenarioInfo, ScenarioUser};
use store::{Key, Op, Store};

/// What a reconciler asks for after it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Run again after this many virtual milliseconds.
    Requeue(i64),
    /// Run again only when something changes.
    Await,
}

/// A controller's pod template, shared by its pods: the body, labels and annotations.
pub(crate) type SharedTemplate = (
    Arc<serde_json::Map<String, serde_json::Value>>,
    crate::api::object::Labels,
    crate::api::object::Labels,
);

/// One line of the reconcile trace: which controller noticed what and what it did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TraceEntry {
    /// Virtual time.
    pub at: i64,
    /// The controller (`replicaset-controller`, `default-scheduler`, `kubelet`).
    pub controller: String,
    /// The object, as `kind/namespace/name`.
    pub object: String,
    /// What it saw and did (`desired 3, current 2 → created pod web-x2kqp`).
    pub message: String,
}

/// Who is making a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserInfo {
    /// The user name (`system:admin`, `developer`).
    pub name: String,
    /// Groups, including the implicit `system:authenticated`.
    pub groups: Vec<String>,
}

impl UserInfo {
    /// The all-powerful user of the installer's kubeconfig.
    pub fn system_admin() -> Self {
        Self {
            name: "system:admin".into(),
            groups: vec!["system:masters".into(), "system:authenticated".into()],
        }
    }
}

/// The simulated cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Every object.
    pub store: Store,
    /// Virtual time, milliseconds since the Unix epoch.
    pub now: i64,
    /// The scenario's facts.
    pub info: Arc<ScenarioInfo>,
    /// Recent events, oldest first.
    pub events: events::EventLog,
    /// The reconcile trace, newest last, bounded.
    pub trace: std::collections::VecDeque<TraceEntry>,
    /// Whether to record the reconcile trace (off in benchmarks).
    pub tracing: bool,
    /// Simulated CPU utilisation (percent of requests) per workload, `namespace/name`, read by the HPA.
    pub load: BTreeMap<String, u32>,
    /// The revision from which a watcher (`kubectl get -w`) still needs the change log.
    pub watch_from: Option<u64>,
    /// Nodes a learner stopped (their kubelets stop reporting).
    pub stopped_nodes: BTreeMap<String, i64>,
    /// The files of running containers that a learner's shell, `kubectl exec` or `kubectl cp` changed, by
    /// `POD-UID/CONTAINER/RESTARTS`: a restarted container and a new pod start again from their image.
    pub container_files: BTreeMap<String, Arc<crate::vfs::Vfs>>,
    /// What `kubectl port-forward` forwards from the workstation: local port to a pod (`namespace`, name) and its
    /// port. The learner's terminal has one shell, so a forward keeps running as if it had been sent to the
    /// background, until its pod goes.
    pub port_forwards: BTreeMap<u16, (String, String, u16)>,
    /// How many reconciles have run, for measuring that a step's work follows what changed.
    pub reconciles: u64,
    rng: SplitMix64,
    timers: BTreeMap<(i64, u64), (Kind, Key)>,
    timer_seq: u64,
    cursor: u64,
    pub(crate) sched: controllers::scheduler::SchedulerCache,
    pub(crate) ipam: controllers::network::Ipam,
    /// The images each node holds, normalised (see [`scenario::normalize_image`]).
    pub(crate) node_images: std::collections::HashMap<CompactString, NodeImages>,
    pub(crate) node_ips: std::collections::HashMap<CompactString, u32>,
    /// The uid of the owner the garbage collector last found alive, with the store's removal count then: until
    /// something is removed, the pods of one controller (reconciled one after another) need not look it up again.
    pub(crate) owner_seen_alive: Option<(u64, u64)>,
    /// Whether the scenario's nodes run containerd (its `containerRuntime` fact) rather than CRI-O.
    pub(crate) containerd: bool,
    /// Shared pod bodies, labels and annotations per controller uid and generation.
    pub(crate) templates: std::collections::HashMap<(u64, i64), SharedTemplate>,
    /// Shared owner references per controller uid, which every pod of that controller carries.
    pub(crate) owner_refs: std::collections::HashMap<u64, Arc<Vec<crate::api::OwnerRef>>>,
    /// Extra log lines (access logs) per pod uid and container, with their times.
    pub logs: BTreeMap<(u64, String), Vec<(i64, String)>>,
    /// The OAuth access tokens the OAuth server issued (`oc login`) and not yet revoked, with whom they stand for.
    pub tokens: BTreeMap<String, UserInfo>,
}

/// Gives back the spare room of every map and array in `value` (maps built key by key keep room for more).
fn compact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let mut exact: serde_json::Map<String, serde_json::Value> =
                std::mem::take(map).into_iter().collect();
            exact.values_mut().for_each(compact_json);
            *map = exact;
        }
        serde_json::Value::Array(items) => {
            items.shrink_to_fit();
            items.iter_mut().for_each(compact_json);
        }
        _ => {}
    }
}

/// Removes null-valued keys, so that serde's defaults apply to them.
fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// How long before the learner's start time the cluster boots.
const BOOT_MS: i64 = 2 * 3_600_000 + 17 * 60_000;
/// How many reconcile rounds one instant may take before the loop yields (guards against ping-pong).
const MAX_ROUNDS: usize = 64;
/// How many trace entries are kept.
const TRACE_LIMIT: usize = 2000;

impl Cluster {
    /// An empty cluster with the given facts, its clock at the scenario's start.
    pub fn new(info: ScenarioInfo, seed: u64) -> Self {
        let now = crate::api::time::parse_rfc3339(&info.start_time).unwrap_or(1_795_000_000_000);
        let ipam = controllers::network::Ipam::new(&info);
        crate::api::object::learn_image_digests(&info.images);
        let containerd = info.fact("containerRuntime").starts_with("containerd");
        Self {
            store: Store::new(seed),
            now,
            info: Arc::new(info),
            events: events::EventLog::default(),
            trace: Default::default(),
            tracing: true,
            load: BTreeMap::new(),
            stopped_nodes: BTreeMap::new(),
            container_files: BTreeMap::new(),
            port_forwards: BTreeMap::new(),
            reconciles: 0,
            watch_from: None,
            rng: SplitMix64::new(seed ^ 0x5eed),
            timers: BTreeMap::new(),
            timer_seq: 0,
            cursor: 0,
            sched: Default::default(),
            ipam,
            node_images: Default::default(),
            node_ips: Default::default(),
            owner_seen_alive: None,
            tokens: BTreeMap::new(),
            containerd,
            logs: BTreeMap::new(),
            templates: Default::default(),
            owner_refs: Default::default(),
        }
    }

    /// A cluster loaded from a scenario file: a `Scenario` header document followed by objects.
    pub fn from_scenario(text: &str, seed: u64) -> Result<Self, String> {
        let docs = crate::yaml::parse_documents(text).map_err(|e| e.to_string())?;
        let mut docs = docs.into_iter();
        let header = docs.next().ok_or("empty scenario")?;
        if header.get("kind").and_then(|k| k.as_str()) != Some("Scenario") {
            return Err("the first document of a scenario must be its Scenario header".into());
        }
        let mut spec = header.get("spec").cloned().unwrap_or(header.clone());
        drop_nulls(&mut spec);
        let mut info: ScenarioInfo =
            serde_json::from_value(spec).map_err(|e| format!("scenario header: {e}"))?;
        if info.name.is_empty() {
            info.name = header
                .pointer("/metadata/name")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
        }
        let mut cluster = Cluster::new(info, seed);
        let start = cluster.now;
        // The cluster boots a while before the learner arrives, so system pods are Running with some age.
        cluster.now = start - BOOT_MS;
        for doc in docs {
            let mut object = Object::from_json(&doc)?;
            if object.meta.created == 0 || object.meta.created > cluster.now {
                object.meta.created = cluster.now;
            }
            if object.kind == k::service()
                && let Some(ip) = object.spec()["clusterIP"].as_str()
            {
                cluster.ipam.reserve_service_ip(ip);
            }
            cluster.seed_object(object);
        }
        auth::ensure_default_rbac(&mut cluster);
        cluster.settle();
        cluster.advance(start - cluster.now);
        cluster.events = events::EventLog::default();
        cluster.trace.clear();
        Ok(cluster)
    }

    /// One of the built-in scenarios (`ocp4`, `eks`, `vanilla`), restored from its boot snapshot.
    pub fn built_in(name: &str, seed: u64) -> Result<Self, String> {
        let text = scenario::built_in_snapshot(name).ok_or_else(|| {
            if crate::assets::snapshot_file(name).is_some() {
                format!("the data of scenario \"{name}\" is not loaded")
            } else {
                format!("unknown scenario \"{name}\"")
            }
        })?;
        Cluster::from_snapshot_json(text, seed)
    }

    /// Puts a scenario object into the store as it is, assigning a uid; used while loading.
    pub fn seed_object(&mut self, mut object: Object) -> Arc<Object> {
        if object.kind == k::node() {
            self.learn_node(&object);
        }
        if let crate::api::Status::Json(status) = &mut object.status {
            // Boot objects stay as loaded for a long time: hold their statuses without spare room.
            compact_json(status);
        }
        object.meta.uid = self.store.new_uid();
        if object.meta.generation == 0 && object.spec().is_object() {
            object.meta.generation = 1;
        }
        let created = object.meta.created;
        if let Some(pod) = object.pod_mut()
            && pod.node.is_some()
            && pod.scheduled.is_none()
        {
            pod.scheduled = crate::api::object::at(created);
        }
        self.store.put(object)
    }

    /// Remembers a node's address and the images it already holds.
    pub(crate) fn learn_node(&mut self, node: &Object) {
        if let Some(ip) = controllers::kubelet::node_address(node) {
            self.node_ips.insert(node.meta.name.clone(), ip);
        }
        for image in node.status_json()["images"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for name in image["names"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str())
            {
                self.node_images
                    .entry(node.meta.name.clone())
                    .or_default()
                    .insert(scenario::normalize_image(name));
            }
        }
    }

    /// Runs controllers until the cluster is quiet at the current instant.
    pub fn settle(&mut self) {
        self.run_controllers();
    }

    /// Advances virtual time by `ms`, firing timers and reconciling in time order.
    pub fn advance(&mut self, ms: i64) {
        let end = self.now + ms.max(0);
        self.run_controllers();
        // Timers due at the same instant fire together, then the controllers run once: pods created together
        // move through their stages together, as a kubelet's batched status updates do.
        while let Some(&(due, _)) = self.timers.keys().next() {
            if due > end {
                break;
            }
            self.now = self.now.max(due);
            let mut batch = Vec::new();
            while let Some(entry) = self.timers.first_entry() {
                if entry.key().0 != due {
                    break;
                }
                batch.push(entry.remove());
            }
            batch.sort_shared();
            batch.dedup();
            for (kind, key) in batch {
                self.reconcile(kind, &key);
            }
            self.run_controllers();
        }
        self.now = end;
        self.run_controllers();
    }

    /// Forgets every pending timer (for measuring what they hold).
    pub(crate) fn clear_timers(&mut self) {
        self.timers.clear();
    }

    /// The time of the next pending timer, if any.
    pub fn next_timer(&self) -> Option<i64> {
        self.timers.keys().next().map(|(due, _)| *due)
    }

    /// Advances until nothing is scheduled or `limit` ms have passed; returns the time advanced.
    pub fn run_until_idle(&mut self, limit: i64) -> i64 {
        let start = self.now;
        while let Some(due) = self.next_timer() {
            if due > start + limit {
                break;
            }
            self.advance(due - self.now);
        }
        self.now - start
    }

    /// Asks for `kind/key` to be reconciled after `ms`.
    pub fn requeue_after(&mut self, kind: Kind, key: Key, ms: i64) {
        self.timer_seq += 1;
        self.timers
            .insert((self.now + ms.max(1), self.timer_seq), (kind, key));
    }

    /// A random number in `0..n`.
    pub fn random(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    /// A random suffix of `len` characters from kubernetes' alphabet (no vowels, no confusable digits).
    pub fn random_suffix(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..len)
            .map(|_| ALPHABET[self.rng.below(ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    /// Records a line of the reconcile trace.
    pub fn trace(&mut self, controller: &str, object: &Object, message: impl Into<String>) {
        if !self.tracing {
            return;
        }
        if self.trace.len() >= TRACE_LIMIT {
            self.trace.pop_front();
        }
        let object = format!(
            "{}/{}/{}",
            object.kind.info().kind,
            object.meta.namespace,
            object.meta.name
        );
        self.trace.push_back(TraceEntry {
            at: self.now,
            controller: controller.into(),
            object,
            message: message.into(),
        });
    }

    /// Records an event about `object`.
    pub fn event(
        &mut self,
        object: &Object,
        kind: EventType,
        reason: &str,
        message: impl std::fmt::Display,
        source: &str,
    ) {
        let now = self.now;
        self.events
            .record(object, kind, reason, &message, source, now);
    }

    /// The object `name` of `kind` in `namespace`.
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Option<Arc<Object>> {
        self.store
            .get(
                kind,
                if kind.info().namespaced {
                    namespace
                } else {
                    ""
                },
                name,
            )
            .cloned()
    }

    /// Writes an object as a controller would (no admission), keeping its identity.
    pub fn write(&mut self, object: Object) -> Arc<Object> {
        self.store.put(object)
    }

    /// Creates an object as a controller would: stamps uid, creation time and generation; no admission.
    pub fn create_internal(&mut self, mut object: Object) -> Arc<Object> {
        object.meta.uid = self.store.new_uid();
        object.meta.created = self.now;
        if object.spec().is_object() {
            object.meta.generation = 1;
        }
        self.store.put(object)
    }

    /// Removes an object at once (after finalizers and grace), logging the deletion.
    pub fn remove(&mut self, kind: Kind, namespace: &str, name: &str) -> Option<Arc<Object>> {
        let removed = self.store.remove(kind, namespace, name)?;
        self.owner_refs.remove(&removed.meta.uid);
        Some(removed)
    }

    /// Creates an object on behalf of a user: authorization, admission, defaulting.
    pub fn create(
        &mut self,
        user: &UserInfo,
        object: Object,
        dry_run: bool,
    ) -> Result<Arc<Object>, ApiError> {
        let ns = object.meta.namespace.to_string();
        self.authorize(user, "create", object.kind, &ns, "")?;
        let object = admission::admit_create(self, user, object)?;
        if dry_run {
            return Ok(Arc::new(object));
        }
        if object.kind == k::node() {
            self.learn_node(&object);
        }
        let created = self.store.put(object);
        self.run_controllers();
        Ok(created)
    }

    /// Replaces an object on behalf of a user (update or apply), keeping server-owned fields.
    pub fn update(
        &mut self,
        user: &UserInfo,
        object: Object,
        dry_run: bool,
    ) -> Result<Arc<Object>, ApiError> {
        let ns = object.meta.namespace.to_string();
        self.authorize(user, "update", object.kind, &ns, &object.meta.name)?;
        let object = admission::admit_update(self, object)?;
        if dry_run {
            return Ok(Arc::new(object));
        }
        let updated = self.store.put(object);
        self.run_controllers();
        Ok(updated)
    }

    /// Deletes an object on behalf of a user: graceful for pods and namespaces, cascading through owners.
    pub fn delete(
        &mut self,
        user: &UserInfo,
        kind: Kind,
        namespace: &str,
        name: &str,
        dry_run: bool,
    ) -> Result<Arc<Object>, ApiError> {
        self.authorize(user, "delete", kind, namespace, name)?;
        let ns = if kind.info().namespaced {
            namespace
        } else {
            ""
        };
        let existing = self
            .store
            .get(kind, ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(kind, name))?;
        if dry_run {
            return Ok(existing);
        }
        let result = controllers::lifecycle::begin_delete(self, &existing);
        self.run_controllers();
        Ok(result)
    }

    /// Fetches an object for a user.
    pub fn read(
        &self,
        user: &UserInfo,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Result<Arc<Object>, ApiError> {
        self.authorize(user, "get", kind, namespace, name)?;
        self.get(kind, namespace, name)
            .ok_or_else(|| ApiError::not_found(kind, name))
    }

    /// Lists objects for a user, in one namespace or all (`None`).
    pub fn read_list(
        &self,
        user: &UserInfo,
        kind: Kind,
        namespace: Option<&str>,
    ) -> Result<Vec<Arc<Object>>, ApiError> {
        self.authorize(user, "list", kind, namespace.unwrap_or(""), "")?;
        Ok(self.store.list(kind, namespace).cloned().collect())
    }

    /// Checks that `user` may `verb` the resource; `Forbidden` with the API's text otherwise.
    pub fn authorize(
        &self,
        user: &UserInfo,
        verb: &str,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Result<(), ApiError> {
        if auth::allowed(self, user, verb, kind, namespace, name) {
            Ok(())
        } else {
            let ns = (kind.info().namespaced && !namespace.is_empty()).then_some(namespace);
            Err(ApiError::forbidden(
                &user.name,
                verb,
                kind,
                ns,
                (!name.is_empty()).then_some(name),
            ))
        }
    }

    fn run_controllers(&mut self) {
        for _ in 0..MAX_ROUNDS {
            let Some(changes) = self.store.changes_since(self.cursor) else {
                // The log was compacted past our cursor: reconcile everything once.
                self.cursor = self.store.revision();
                let all: Vec<(Kind, Key)> = Kind::all()
                    .flat_map(|kind| {
                        self.store
                            .list(kind, None)
                            .map(move |o| (kind, (o.meta.namespace.clone(), o.meta.name.clone())))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                for (kind, key) in all {
                    self.reconcile(kind, &key);
                }
                continue;
            };
            if changes.is_empty() {
                let keep_from = self.watch_from.unwrap_or(u64::MAX).min(self.cursor + 1);
                self.store.compact(keep_from - 1);
                return;
            }
            let mut dirty = controllers::Dirty::default();
            let mut released = Vec::new();
            let mut nodes_changed = false;
            let mut gone_nodes = Vec::new();
            for change in changes {
                controllers::dispatch(&self.store, change, &mut dirty);
                if change.object.kind == k::node() {
                    nodes_changed = true;
                    if change.op == Op::Deleted {
                        gone_nodes.push(change.object.meta.name.clone());
                    }
                } else if change.op == Op::Deleted && change.object.kind == k::pod() {
                    released.push(change.object.clone());
                }
            }
            if nodes_changed {
                self.sched.invalidate();
            }
            for node in gone_nodes {
                for key in self.store.pods_on(&node) {
                    self.requeue_after(k::pod(), key, controllers::podgc::QUARANTINE_MS);
                }
            }
            for pod in released {
                if !pod.pod().is_some_and(|p| {
                    matches!(
                        p.phase,
                        crate::api::Phase::Succeeded | crate::api::Phase::Failed
                    )
                }) {
                    self.sched.release(&pod);
                }
            }
            self.cursor = self.store.revision();
            for (kind, key, held) in dirty.into_sorted() {
                self.reconcile_held(kind, &key, held);
            }
        }
    }

    fn reconcile(&mut self, kind: Kind, key: &Key) {
        self.reconcile_held(kind, key, None);
    }

    fn reconcile_held(&mut self, kind: Kind, key: &Key, held: Option<Arc<Object>>) {
        self.reconciles += 1;
        if let Some(action) = controllers::reconcile(self, kind, key, held)
            && let Action::Requeue(ms) = action
        {
            self.requeue_after(kind, key.clone(), ms);
        }
    }

    /// Names of the cluster's nodes, in order.
    pub fn node_names(&self) -> Vec<CompactString> {
        self.store
            .list(k::node(), None)
            .map(|n| n.meta.name.clone())
            .collect()
    }

    /// Records that a change to `object` happened, for dispatching (used by tests).
    pub fn op_name(op: Op) -> &'static str {
        match op {
            Op::Added => "ADDED",
            Op::Modified => "MODIFIED",
            Op::Deleted => "DELETED",
        }
    }
}

/// The normalised references of the images one node holds, sorted: a node holds a handful to a few dozen, so a
/// sorted list is searched as quickly as a set and takes a fraction of its room.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeImages(Vec<String>);

impl NodeImages {
    /// Adds an image the node now holds.
    pub(crate) fn insert(&mut self, image: String) {
        if let Err(at) = self.0.binary_search(&image) {
            self.0.insert(at, image);
        }
    }

    /// Whether the node holds `image`.
    pub(crate) fn contains(&self, image: &str) -> bool {
        self.0
            .binary_search_by(|held| held.as_str().cmp(image))
            .is_ok()
    }

    /// The images, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
