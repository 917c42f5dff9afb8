//! Stored objects: typed, compact metadata plus shared JSON bodies, with a typed status for pods (the hot kind).
//!
//! Pods created from one template share the template's defaulted spec through an `Arc`, and a pod's node binding and
//! status live in [`PodStatus`] rather than in JSON, so a cluster of 150,000 pods stays small.

use std::collections::BTreeMap;
use std::sync::Arc;

use compact_str::CompactString;
use serde_json::{Map, Value, json};

use super::kinds::{Kind, k};
use super::time::{parse_rfc3339, rfc3339};

/// Label and annotation maps, shared between objects made from the same template.
pub type Labels = Arc<BTreeMap<String, String>>;

/// A reference from a dependent to its owner.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OwnerRef {
    /// The owner's kind.
    pub kind: Kind,
    /// The owner's name.
    pub name: CompactString,
    /// The owner's uid.
    pub uid: u64,
    /// Whether the owner is the managing controller.
    pub controller: bool,
}

/// Object metadata, typed and compact.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// The object's name, unique per kind and namespace.
    pub name: CompactString,
    /// The prefix the server completed into `name`, when one was asked for.
    pub generate_name: Option<CompactString>,
    /// The namespace; empty for cluster-scoped objects.
    pub namespace: CompactString,
    /// The unique id, printed as a UUID.
    pub uid: u64,
    /// The store revision of the last write.
    pub resource_version: u64,
    /// The spec generation (bumped on spec changes).
    pub generation: i64,
    /// Creation time, virtual milliseconds.
    pub created: i64,
    /// Deletion time when graceful deletion has begun.
    pub deletion: Option<i64>,
    /// Labels.
    pub labels: Labels,
    /// Annotations.
    pub annotations: Labels,
    /// Owner references, shared between objects made from the same template.
    pub owners: Arc<Vec<OwnerRef>>,
    /// Finalizers blocking removal (a boxed slice: they never grow in place, and most objects have none).
    pub finalizers: Box<[String]>,
}

impl Meta {
    /// The owner reference that is the managing controller, if any.
    pub fn controller(&self) -> Option<&OwnerRef> {
        self.owners.iter().find(|o| o.controller)
    }

    /// The label `key`, if set.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }

    /// The annotation `key`, if set.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).map(String::as_str)
    }
}

/// A pod's lifecycle phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    /// Accepted but not all containers are running yet.
    #[default]
    Pending,
    /// Bound and all containers have started.
    Running,
    /// All containers exited successfully and will not restart.
    Succeeded,
    /// All containers exited and at least one failed.
    Failed,
    /// The node stopped reporting.
    Unknown,
}

impl Phase {
    /// The phase as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Unknown => "Unknown",
        }
    }
}

/// One container's state.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ContainerState {
    /// Not running yet, or backing off (`ContainerCreating`, `ErrImagePull`, `CrashLoopBackOff`).
    Waiting {
        /// The reason.
        reason: CompactString,
        /// A longer message, possibly empty.
        message: String,
    },
    /// Running since the given time.
    Running {
        /// Start time.
        started: i64,
    },
    /// Exited.
    Terminated {
        /// The exit code.
        exit_code: i32,
        /// `Completed`, `Error`, `OOMKilled`.
        reason: CompactString,
        /// Start time.
        started: i64,
        /// Exit time.
        finished: i64,
    },
}

/// One container's status.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContainerStatus {
    /// The current state.
    pub state: ContainerState,
    /// The previous termination, shown as `lastState` (boxed: most containers never restart).
    pub last: Option<Box<ContainerState>>,
    /// How many times the container restarted.
    pub restarts: u32,
    /// Whether the readiness probe passes.
    pub ready: bool,
    /// Whether the image has been pulled (then `imageID` and `containerID` are shown).
    pub pulled: bool,
}

impl ContainerStatus {
    /// A container waiting with `reason`.
    pub fn waiting(reason: &str) -> Self {
        Self {
            state: ContainerState::Waiting {
                reason: reason.into(),
                message: String::new(),
            },
            last: None,
            restarts: 0,
            ready: false,
            pulled: false,
        }
    }
}

/// A pod's typed status, including its node binding.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PodStatus {
    /// The phase.
    pub phase: Phase,
    /// The node the pod is bound to (`spec.nodeName`).
    pub node: Option<CompactString>,
    /// The node's IP (never 0.0.0.0, so it fits a niche).
    pub host_ip: Option<std::num::NonZeroU32>,
    /// The pod's IP.
    pub pod_ip: Option<u32>,
    /// When the pod was bound (virtual ms; never the epoch itself, so it fits a niche; see [`at`]).
    pub scheduled: Option<std::num::NonZeroI64>,
    /// When the kubelet started the pod (see [`at`]).
    pub start_time: Option<std::num::NonZeroI64>,
    /// When every container last became ready (see [`at`]).
    pub ready_since: Option<std::num::NonZeroI64>,
    /// Rarely set fields, boxed to keep the common pod small.
    pub extra: Option<Box<PodExtra>>,
    /// Container statuses in spec order; empty until the kubelet sees the pod.
    pub containers: Containers,
    /// When the kubelet last moved the pod to another stage (the reference for the next stage's delay).
    pub since: i64,
    /// The kubelet's lifecycle stage (an index into its stage table; not shown by the API).
    pub step: u8,
    /// Whether the node's runtime is containerd (container IDs `containerd://…`) rather than CRI-O (`cri-o://…`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub containerd: bool,
}

/// A pod's container statuses, shared between pods whose statuses are equal (pods started together) and copied on
/// write: it reads as a `Vec<ContainerStatus>`, and writing through it copies a shared list first.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Containers(Arc<Vec<ContainerStatus>>);

impl Containers {
    /// Whether both lists are one shared list.
    pub fn shares(&self, other: &Containers) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Containers {
    type Target = Vec<ContainerStatus>;

    fn deref(&self) -> &Vec<ContainerStatus> {
        &self.0
    }
}

impl std::ops::DerefMut for Containers {
    fn deref_mut(&mut self) -> &mut Vec<ContainerStatus> {
        Arc::make_mut(&mut self.0)
    }
}

impl FromIterator<ContainerStatus> for Containers {
    fn from_iter<I: IntoIterator<Item = ContainerStatus>>(iter: I) -> Self {
        Containers(Arc::new(iter.into_iter().collect()))
    }
}

impl IntoIterator for Containers {
    type Item = ContainerStatus;
    type IntoIter = std::vec::IntoIter<ContainerStatus>;

    fn into_iter(self) -> Self::IntoIter {
        Arc::unwrap_or_clone(self.0).into_iter()
    }
}

impl<'a> IntoIterator for &'a Containers {
    type Item = &'a ContainerStatus;
    type IntoIter = std::slice::Iter<'a, ContainerStatus>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Containers {
    type Item = &'a mut ContainerStatus;
    type IntoIter = std::slice::IterMut<'a, ContainerStatus>;

    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

/// A virtual time as the compact pod status holds it (`None` for the epoch itself, which never occurs).
pub fn at(ms: i64) -> Option<std::num::NonZeroI64> {
    std::num::NonZeroI64::new(ms)
}

/// The rarely set parts of a pod's status.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PodExtra {
    /// Why the scheduler could not place the pod (`0/6 nodes are available: ...`).
    pub unschedulable: Option<String>,
    /// A pod-level reason (`Evicted`, `NodeLost`).
    pub reason: Option<CompactString>,
    /// A pod-level message.
    pub message: Option<String>,
    /// The init containers' statuses in spec order, once the kubelet has run them (until then each waits with
    /// `PodInitializing`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init: Vec<ContainerStatus>,
}

impl PodStatus {
    /// Why the scheduler could not place the pod, if it tried and failed.
    pub fn unschedulable(&self) -> Option<&str> {
        self.extra.as_ref()?.unschedulable.as_deref()
    }

    /// Sets or clears the scheduler's failure message.
    pub fn set_unschedulable(&mut self, message: Option<String>) {
        match (message, &mut self.extra) {
            (None, None) => {}
            (message, Some(extra)) => extra.unschedulable = message,
            (message, extra) => {
                *extra = Some(Box::new(PodExtra {
                    unschedulable: message,
                    ..PodExtra::default()
                }))
            }
        }
    }

    /// The pod-level reason, if any.
    pub fn reason(&self) -> Option<&str> {
        self.extra.as_ref()?.reason.as_deref()
    }

    /// The pod-level message, if any.
    pub fn message(&self) -> Option<&str> {
        self.extra.as_ref()?.message.as_deref()
    }

    /// The init containers' statuses the kubelet recorded (empty before it runs them).
    pub fn init_containers(&self) -> &[ContainerStatus] {
        self.extra.as_ref().map_or(&[], |e| e.init.as_slice())
    }

    /// Records the init containers' statuses.
    pub fn set_init_containers(&mut self, init: Vec<ContainerStatus>) {
        self.extra.get_or_insert_with(Default::default).init = init;
    }
}

/// An object's status: typed for pods, JSON for everything else.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// A JSON status (`Null` when the kind has none).
    Json(Value),
    /// A pod's status.
    Pod(PodStatus),
}

/// One stored object.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Object {
    /// The kind.
    pub kind: Kind,
    /// The metadata.
    pub meta: Meta,
    /// Every top-level field other than `apiVersion`, `kind`, `metadata` and `status` (`spec`, `data`, `rules`, …).
    pub body: Arc<Map<String, Value>>,
    /// The status.
    pub status: Status,
    /// Set once a store that held this very version replaced or removed it; see [`Superseded`].
    #[serde(skip)]
    pub superseded: Superseded,
}

/// Whether a stored version of an object has been replaced or removed, so that a controller holding it from the
/// change log knows it must read the store again; a version still unmarked is the current one in the live store,
/// which spares the name lookup. A copy starts unmarked, and equal objects compare equal however they are marked.
///
/// A store that shares the version with another (a clone) may mark it too: the other store then reads by name,
/// which is slower but still right.
#[derive(Clone, Default, PartialEq)]
pub struct Superseded(crate::transient::Transient<std::sync::atomic::AtomicBool>);

impl Superseded {
    /// Marks the version as no longer current.
    pub fn mark(&self) {
        self.0.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the version has been marked.
    pub fn is_marked(&self) -> bool {
        self.0.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl std::fmt::Debug for Superseded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_marked() {
            "superseded"
        } else {
            "current"
        })
    }
}

/// Formats a 64-bit uid as the UUID the API server would show.
pub fn uid_string(uid: u64) -> String {
    let mut s = crate::traits::SplitMix64::new(uid);
    use crate::traits::Random;
    let a = s.next_u64();
    let b = s.next_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// Formats an IPv4 address held as a `u32`.
/// The strings of a JSON array (`values`, `namespaces`, …); a missing field or a non-array reads as empty and
/// elements that are not strings are left out.
pub fn string_array(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

pub fn ip_string(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip).to_string()
}

impl Object {
    /// A new object of `kind` named `name` in `namespace` with the given body fields.
    pub fn new(kind: Kind, namespace: &str, name: &str, body: Map<String, Value>) -> Self {
        let status = if kind == k::pod() {
            Status::Pod(PodStatus::default())
        } else {
            Status::Json(Value::Null)
        };
        Self {
            kind,
            meta: Meta {
                name: name.into(),
                namespace: namespace.into(),
                ..Meta::default()
            },
            body: Arc::new(body),
            status,
            superseded: Superseded::default(),
        }
    }

    /// The `spec` field, or `Null`.
    pub fn spec(&self) -> &Value {
        self.body.get("spec").unwrap_or(&Value::Null)
    }

    /// A top-level body field, or `Null`.
    pub fn field(&self, name: &str) -> &Value {
        self.body.get(name).unwrap_or(&Value::Null)
    }

    /// The body for writing (copied first when shared).
    pub fn body_mut(&mut self) -> &mut Map<String, Value> {
        Arc::make_mut(&mut self.body)
    }

    /// The `spec` object for writing, created when missing.
    pub fn spec_mut(&mut self) -> &mut Map<String, Value> {
        let body = self.body_mut();
        let spec = body
            .entry("spec")
            .or_insert_with(|| Value::Object(Map::new()));
        if !spec.is_object() {
            *spec = Value::Object(Map::new());
        }
        spec.as_object_mut().expect("spec is an object")
    }

    /// The pod status, when this is a pod.
    pub fn pod(&self) -> Option<&PodStatus> {
        match &self.status {
            Status::Pod(p) => Some(p),
            Status::Json(_) => None,
        }
    }

    /// The pod status for writing, when this is a pod.
    pub fn pod_mut(&mut self) -> Option<&mut PodStatus> {
        match &mut self.status {
            Status::Pod(p) => Some(p),
            Status::Json(_) => None,
        }
    }

    /// The JSON status (`Null` for pods and kinds without status).
    pub fn status_json(&self) -> &Value {
        match &self.status {
            Status::Json(v) => v,
            Status::Pod(_) => &Value::Null,
        }
    }

    /// The JSON status for writing, created as an empty object when missing.
    pub fn status_json_mut(&mut self) -> &mut Map<String, Value> {
        if let Status::Pod(_) = self.status {
            self.status = Status::Json(Value::Null);
        }
        let Status::Json(v) = &mut self.status else {
            unreachable!("status was made JSON above")
        };
        if !v.is_object() {
            *v = Value::Object(Map::new());
        }
        v.as_object_mut().expect("status is an object")
    }

    /// The object as the API server returns it in JSON, fields in the server's order.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("apiVersion".into(), Value::String(self.kind.api_version()));
        out.insert(
            "kind".into(),
            Value::String(self.kind.info().kind.to_owned()),
        );
        out.insert("metadata".into(), self.meta_json());
        for (key, value) in self.body.iter() {
            out.insert(key.clone(), value.clone());
        }
        match &self.status {
            Status::Pod(p) => {
                if let Some(node) = &p.node
                    && let Some(Value::Object(spec)) = out.get_mut("spec")
                {
                    spec.insert("nodeName".into(), Value::String(node.to_string()));
                }
                out.insert("status".into(), self.pod_status_json(p));
            }
            Status::Json(Value::Null) => {}
            Status::Json(v) => {
                out.insert("status".into(), v.clone());
            }
        }
        Value::Object(out)
    }

    fn meta_json(&self) -> Value {
        let m = &self.meta;
        let mut out = Map::new();
        out.insert("name".into(), json!(m.name.as_str()));
        if let Some(g) = &m.generate_name {
            out.insert("generateName".into(), json!(g.as_str()));
        }
        if !m.namespace.is_empty() {
            out.insert("namespace".into(), json!(m.namespace.as_str()));
        }
        out.insert("uid".into(), json!(uid_string(m.uid)));
        out.insert(
            "resourceVersion".into(),
            json!(m.resource_version.to_string()),
        );
        if m.generation > 0 {
            out.insert("generation".into(), json!(m.generation));
        }
        out.insert("creationTimestamp".into(), json!(rfc3339(m.created)));
        if let Some(d) = m.deletion {
            out.insert("deletionTimestamp".into(), json!(rfc3339(d)));
            out.insert("deletionGracePeriodSeconds".into(), json!(30));
        }
        if !m.labels.is_empty() {
            out.insert("labels".into(), json!(*m.labels));
        }
        if !m.annotations.is_empty() {
            out.insert("annotations".into(), json!(*m.annotations));
        }
        if !m.owners.is_empty() {
            let owners: Vec<Value> = m
                .owners
                .iter()
                .map(|o| {
                    let mut r = Map::new();
                    r.insert("apiVersion".into(), json!(o.kind.api_version()));
                    if o.controller {
                        r.insert("blockOwnerDeletion".into(), json!(true));
                        r.insert("controller".into(), json!(true));
                    }
                    r.insert("kind".into(), json!(o.kind.info().kind));
                    r.insert("name".into(), json!(o.name.as_str()));
                    r.insert("uid".into(), json!(uid_string(o.uid)));
                    Value::Object(r)
                })
                .collect();
            out.insert("ownerReferences".into(), Value::Array(owners));
        }
        if !m.finalizers.is_empty() {
            out.insert("finalizers".into(), json!(m.finalizers));
        }
        Value::Object(out)
    }

    fn pod_status_json(&self, p: &PodStatus) -> Value {
        let mut out = Map::new();
        let containers = self
            .spec()
            .get("containers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let all_ready = !p.containers.is_empty() && p.containers.iter().all(|c| c.ready);
        let init_specs = self
            .spec()
            .get("initContainers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // Until the kubelet has run them, init containers and the pod's containers wait with `PodInitializing`; a
        // pod whose containers have started (one loaded from a scenario, say) has run them.
        let waiting = ContainerStatus::waiting("PodInitializing");
        let started = p
            .containers
            .iter()
            .any(|c| !matches!(c.state, ContainerState::Waiting { .. }));
        let at = p
            .start_time
            .map_or(self.meta.created, std::num::NonZeroI64::get);
        let default = if started {
            ContainerStatus {
                state: ContainerState::Terminated {
                    exit_code: 0,
                    reason: "Completed".into(),
                    started: at,
                    finished: at,
                },
                pulled: true,
                ..waiting.clone()
            }
        } else {
            waiting.clone()
        };
        let init: Vec<ContainerStatus> = (0..init_specs.len())
            .map(|i| {
                p.init_containers()
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| default.clone())
            })
            .collect();
        let initializing = init
            .iter()
            .any(|c| !matches!(c.state, ContainerState::Terminated { exit_code: 0, .. }));
        let mut conditions = Vec::new();
        if let Some(scheduled) = p.scheduled.map(std::num::NonZeroI64::get) {
            let initialized = p.start_time.map_or(scheduled, std::num::NonZeroI64::get);
            if initializing {
                let mut c = condition(
                    "Initialized",
                    false,
                    initialized,
                    Some("ContainersNotInitialized"),
                );
                let pending: Vec<&str> = init_specs
                    .iter()
                    .zip(&init)
                    .filter(|(_, s)| {
                        !matches!(s.state, ContainerState::Terminated { exit_code: 0, .. })
                    })
                    .filter_map(|(c, _)| c.get("name").and_then(Value::as_str))
                    .collect();
                c["message"] = json!(format!(
                    "containers with incomplete status: [{}]",
                    pending.join(" ")
                ));
                conditions.push(c);
            } else {
                conditions.push(condition("Initialized", true, initialized, None));
            }
            let ready_at = p.ready_since.map_or(initialized, std::num::NonZeroI64::get);
            let reason = (!all_ready).then_some("ContainersNotReady");
            conditions.push(condition("Ready", all_ready, ready_at, reason));
            conditions.push(condition("ContainersReady", all_ready, ready_at, reason));
            conditions.push(condition("PodScheduled", true, scheduled, None));
            if !all_ready {
                let not_ready: Vec<String> = containers
                    .iter()
                    .zip(&p.containers)
                    .filter(|(_, s)| !s.ready)
                    .filter_map(|(c, _)| c.get("name").and_then(Value::as_str).map(str::to_owned))
                    .collect();
                let message = format!("containers with unready status: [{}]", not_ready.join(" "));
                for c in &mut conditions[1..3] {
                    c["message"] = json!(message);
                }
            }
        } else if let Some(why) = p.unschedulable() {
            let mut c = condition(
                "PodScheduled",
                false,
                self.meta.created,
                Some("Unschedulable"),
            );
            c["message"] = json!(why);
            conditions.push(c);
        }
        if !conditions.is_empty() {
            out.insert("conditions".into(), Value::Array(conditions));
        }
        let runtime = if p.containerd {
            "containerd://"
        } else {
            "cri-o://"
        };
        if !p.containers.is_empty() {
            let statuses: Vec<Value> = containers
                .iter()
                .zip(&p.containers)
                .map(|(spec, s)| {
                    let creating = matches!(&s.state, ContainerState::Waiting { reason, .. } if reason == "ContainerCreating");
                    if initializing && creating {
                        container_status_json(spec, &waiting, &self.meta, runtime)
                    } else {
                        container_status_json(spec, s, &self.meta, runtime)
                    }
                })
                .collect();
            out.insert("containerStatuses".into(), Value::Array(statuses));
        }
        if !init_specs.is_empty() && !p.containers.is_empty() {
            let statuses: Vec<Value> = init_specs
                .iter()
                .zip(&init)
                .map(|(spec, s)| container_status_json(spec, s, &self.meta, runtime))
                .collect();
            out.insert("initContainerStatuses".into(), Value::Array(statuses));
        }
        if let Some(ip) = p.host_ip {
            out.insert("hostIP".into(), json!(ip_string(ip.get())));
        }
        if let Some(message) = p.message() {
            out.insert("message".into(), json!(message));
        }
        out.insert("phase".into(), json!(p.phase.as_str()));
        if let Some(ip) = p.pod_ip {
            out.insert("podIP".into(), json!(ip_string(ip)));
            out.insert("podIPs".into(), json!([{ "ip": ip_string(ip) }]));
        }
        out.insert("qosClass".into(), json!(qos_class(&containers)));
        if let Some(reason) = p.reason() {
            out.insert("reason".into(), json!(reason));
        }
        if let Some(t) = p.start_time {
            out.insert("startTime".into(), json!(rfc3339(t.get())));
        }
        Value::Object(out)
    }

    /// Builds an object from its JSON form, as a create or apply request carries it.
    ///
    /// Fails with the API's message when `apiVersion`/`kind` are missing or unknown; names are checked by admission.
    pub fn from_json(value: &Value) -> Result<Object, String> {
        let map = value
            .as_object()
            .ok_or_else(|| "object is not a map".to_owned())?;
        let api_version = map.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let kind_name = map.get("kind").and_then(Value::as_str).unwrap_or("");
        if kind_name.is_empty() {
            return Err("Object 'Kind' is missing".to_owned());
        }
        if api_version.is_empty() {
            return Err("Object 'apiVersion' is missing".to_owned());
        }
        let kind = Kind::from_api_version(api_version, kind_name).ok_or_else(|| {
            format!("no matches for kind \"{kind_name}\" in version \"{api_version}\"")
        })?;
        let empty = Map::new();
        // The client's schema validation rejects a metadata that is not a map, as kubectl 1.27 words it.
        let meta_json = match map.get("metadata") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(m)) => m,
            Some(other) => {
                let got = match other {
                    Value::String(_) => "string",
                    Value::Array(_) => "array",
                    Value::Bool(_) => "boolean",
                    _ => "number",
                };
                return Err(format!(
                    "error validating data: ValidationError({kind_name}.metadata): invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta: got \"{got}\", expected \"map\""
                ));
            }
        };
        let text = |key: &str| meta_json.get(key).and_then(Value::as_str).unwrap_or("");
        let string_map = |key: &str| -> Labels {
            Arc::new(
                meta_json
                    .get(key)
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    v.as_str()
                                        .map(str::to_owned)
                                        .unwrap_or_else(|| v.to_string()),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            )
        };
        let meta = Meta {
            name: text("name").into(),
            generate_name: meta_json
                .get("generateName")
                .and_then(Value::as_str)
                .map(Into::into),
            namespace: text("namespace").into(),
            uid: 0,
            resource_version: text("resourceVersion").parse().unwrap_or(0),
            generation: 0,
            created: parse_rfc3339(text("creationTimestamp")).unwrap_or(0),
            deletion: None,
            labels: string_map("labels"),
            annotations: string_map("annotations"),
            owners: Default::default(),
            finalizers: meta_json
                .get("finalizers")
                .map(string_array)
                .unwrap_or_default()
                .into(),
        };
        let mut body = Map::new();
        for (key, v) in map {
            if !matches!(key.as_str(), "apiVersion" | "kind" | "metadata" | "status") {
                body.insert(key.clone(), v.clone());
            }
        }
        let mut object = Object {
            kind,
            meta,
            body: Arc::new(body),
            status: Status::Json(Value::Null),
            superseded: Superseded::default(),
        };
        if kind == k::pod() {
            let node = object
                .body_mut()
                .get_mut("spec")
                .and_then(Value::as_object_mut)
                .and_then(|s| s.remove("nodeName"))
                .and_then(|n| n.as_str().map(CompactString::from));
            let mut status = PodStatus {
                node,
                ..PodStatus::default()
            };
            finished_status(map.get("status"), &mut status);
            object.status = Status::Pod(status);
        } else if let Some(status) = map.get("status") {
            object.status = Status::Json(status.clone());
        }
        Ok(object)
    }
}

/// Reads a finished pod's status (phase Succeeded or Failed) from its JSON, so a loaded pod stays finished.
fn finished_status(json: Option<&Value>, status: &mut PodStatus) {
    let Some(json) = json else { return };
    let phase = match json["phase"].as_str() {
        Some("Succeeded") => Phase::Succeeded,
        Some("Failed") => Phase::Failed,
        _ => return,
    };
    status.phase = phase;
    status.step = 7;
    status.start_time = json["startTime"]
        .as_str()
        .and_then(parse_rfc3339)
        .and_then(at);
    status.scheduled = status.start_time;
    status.pod_ip = json["podIP"]
        .as_str()
        .and_then(|ip| ip.parse::<std::net::Ipv4Addr>().ok())
        .map(u32::from);
    status.host_ip = json["hostIP"]
        .as_str()
        .and_then(|ip| ip.parse::<std::net::Ipv4Addr>().ok())
        .and_then(|ip| std::num::NonZeroU32::new(u32::from(ip)));
    for c in json["containerStatuses"].as_array().into_iter().flatten() {
        let t = &c["state"]["terminated"];
        let code = t["exitCode"]
            .as_i64()
            .unwrap_or(if phase == Phase::Succeeded { 0 } else { 1 }) as i32;
        let started = t["startedAt"]
            .as_str()
            .and_then(parse_rfc3339)
            .unwrap_or_default();
        status.containers.push(ContainerStatus {
            state: ContainerState::Terminated {
                exit_code: code,
                reason: t["reason"]
                    .as_str()
                    .unwrap_or(if code == 0 { "Completed" } else { "Error" })
                    .into(),
                started,
                finished: t["finishedAt"]
                    .as_str()
                    .and_then(parse_rfc3339)
                    .unwrap_or(started),
            },
            last: None,
            restarts: c["restartCount"].as_u64().unwrap_or(0) as u32,
            ready: false,
            pulled: true,
        });
    }
}

fn condition(kind: &str, status: bool, at: i64, reason: Option<&str>) -> Value {
    let mut c = Map::new();
    c.insert("lastProbeTime".into(), Value::Null);
    c.insert("lastTransitionTime".into(), json!(rfc3339(at)));
    if let Some(r) = reason {
        c.insert("message".into(), json!(""));
        c.insert("reason".into(), json!(r));
    }
    c.insert(
        "status".into(),
        json!(if status { "True" } else { "False" }),
    );
    c.insert("type".into(), json!(kind));
    Value::Object(c)
}

fn state_json(state: &ContainerState, runtime: &str) -> Value {
    match state {
        ContainerState::Waiting { reason, message } => {
            let mut w = Map::new();
            if !message.is_empty() {
                w.insert("message".into(), json!(message));
            }
            w.insert("reason".into(), json!(reason.as_str()));
            json!({ "waiting": w })
        }
        ContainerState::Running { started } => {
            json!({ "running": { "startedAt": rfc3339(*started) } })
        }
        ContainerState::Terminated {
            exit_code,
            reason,
            started,
            finished,
        } => json!({
            "terminated": {
                "containerID": runtime.to_owned() + &format!("{:064x}", (*started as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) as u128 * 3),
                "exitCode": exit_code,
                "finishedAt": rfc3339(*finished),
                "reason": reason.as_str(),
                "startedAt": rfc3339(*started),
            }
        }),
    }
}

fn container_status_json(spec: &Value, s: &ContainerStatus, meta: &Meta, runtime: &str) -> Value {
    let name = spec.get("name").and_then(Value::as_str).unwrap_or("");
    let image = spec.get("image").and_then(Value::as_str).unwrap_or("");
    let mut out = Map::new();
    if s.pulled {
        out.insert(
            "containerID".into(),
            json!(format!("{runtime}{}", hex_id(meta.uid, name, s.restarts))),
        );
    }
    out.insert("image".into(), json!(image));
    out.insert(
        "imageID".into(),
        json!(if s.pulled {
            image_id(image)
        } else {
            String::new()
        }),
    );
    out.insert(
        "lastState".into(),
        s.last
            .as_deref()
            .map(|state| state_json(state, runtime))
            .unwrap_or_else(|| json!({})),
    );
    out.insert("name".into(), json!(name));
    out.insert("ready".into(), json!(s.ready));
    out.insert("restartCount".into(), json!(s.restarts));
    out.insert(
        "started".into(),
        json!(matches!(s.state, ContainerState::Running { .. })),
    );
    out.insert("state".into(), state_json(&s.state, runtime));
    Value::Object(out)
}

/// The digests of the images the scenarios' catalogues know, by normalised reference (pushed builds are not
/// learned: their containers show a made-up digest).
static KNOWN_DIGESTS: std::sync::RwLock<BTreeMap<String, String>> =
    std::sync::RwLock::new(BTreeMap::new());

/// Remembers the digests of catalogue images, so that a container running one shows the registry's digest in its
/// `imageID`, as the kubelet reports it.
pub fn learn_image_digests(images: &[crate::cluster::ImageInfo]) {
    let mut known = KNOWN_DIGESTS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for image in images {
        let Some(digest) = image.digest.as_deref() else {
            continue;
        };
        for reference in image.references.iter().chain([&image.name]) {
            if !reference.is_empty() && !reference.ends_with('*') {
                let key = crate::cluster::scenario::normalize_image(reference);
                known.insert(key, digest.trim_start_matches("sha256:").to_owned());
            }
        }
    }
}

/// A pulled image's `imageID`: its repository and the digest the catalogue knows, or a stable made-up digest.
pub fn image_id(image: &str) -> String {
    let key = crate::cluster::scenario::normalized_image(image);
    let known = KNOWN_DIGESTS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(key.as_ref())
        .cloned();
    let digest = known.unwrap_or_else(|| hex_id(0, image, 0));
    format!("{}@sha256:{digest}", image_repo(image))
}

/// The repository part of an image reference, registry-qualified as CRI-O reports it.
pub fn image_repo(image: &str) -> String {
    image_repo_str(image).into_owned()
}

/// [`image_repo`] without copying a reference that names its registry already.
pub fn image_repo_str(image: &str) -> std::borrow::Cow<'_, str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last_slash = without_digest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let repo = match without_digest[last_slash..].find(':') {
        Some(i) => &without_digest[..last_slash + i],
        None => without_digest,
    };
    let first = repo.split('/').next().unwrap_or("");
    if repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost") {
        repo.into()
    } else if repo.contains('/') {
        format!("docker.io/{repo}").into()
    } else {
        format!("docker.io/library/{repo}").into()
    }
}

/// A deterministic 64-hex-digit id derived from the inputs (container ids, image digests).
pub fn hex_id(seed: u64, text: &str, n: u32) -> String {
    use crate::traits::Random;
    let mut h: u64 = seed ^ 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    let mut r = crate::traits::SplitMix64::new(h ^ n as u64);
    format!(
        "{:016x}{:016x}{:016x}{:016x}",
        r.next_u64(),
        r.next_u64(),
        r.next_u64(),
        r.next_u64()
    )
}

fn qos_class(containers: &[Value]) -> &'static str {
    let mut any = false;
    let mut guaranteed = !containers.is_empty();
    for c in containers {
        let res = &c["resources"];
        let req = res["requests"].as_object();
        let lim = res["limits"].as_object();
        if req.is_some_and(|m| !m.is_empty()) || lim.is_some_and(|m| !m.is_empty()) {
            any = true;
        }
        let full = |m: Option<&Map<String, Value>>| {
            m.is_some_and(|m| m.contains_key("cpu") && m.contains_key("memory"))
        };
        if !full(lim) || (req.is_some_and(|r| !r.is_empty()) && req != lim) {
            guaranteed = false;
        }
    }
    if guaranteed {
        "Guaranteed"
    } else if any {
        "Burstable"
    } else {
        "BestEffort"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_fields() {
        let input = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "demo", "labels": {"app": "web"}},
            "spec": {"replicas": 2},
            "status": {"replicas": 2}
        });
        let object = Object::from_json(&input).unwrap();
        assert_eq!(object.kind, k::deployment());
        assert_eq!(object.meta.label("app"), Some("web"));
        let out = object.to_json();
        assert_eq!(out["spec"]["replicas"], 2);
        assert_eq!(out["status"]["replicas"], 2);
        assert_eq!(out["metadata"]["namespace"], "demo");
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["apiVersion", "kind", "metadata", "spec", "status"]);
    }

    #[test]
    fn pods_keep_their_node_in_the_status() {
        let pod = Object::from_json(&json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"nodeName": "worker01", "containers": [{"name": "c", "image": "nginx"}]}})).unwrap();
        assert_eq!(pod.pod().unwrap().node.as_deref(), Some("worker01"));
        assert!(pod.spec().get("nodeName").is_none());
        let out = pod.to_json();
        assert_eq!(out["spec"]["nodeName"], "worker01");
        assert_eq!(out["status"]["phase"], "Pending");
        assert_eq!(out["status"]["qosClass"], "BestEffort");
    }

    #[test]
    fn errors_name_the_missing_part() {
        assert_eq!(
            Object::from_json(&json!({"apiVersion": "v1"})).unwrap_err(),
            "Object 'Kind' is missing"
        );
        assert_eq!(
            Object::from_json(&json!({"apiVersion": "v1", "kind": "Deployment"})).unwrap_err(),
            "no matches for kind \"Deployment\" in version \"v1\""
        );
    }

    #[test]
    fn uids_look_like_uuids() {
        let u = uid_string(42);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(uid_string(42), uid_string(43));
        assert_eq!(image_repo("nginx"), "docker.io/library/nginx");
        assert_eq!(image_repo("quay.io/a/b:1"), "quay.io/a/b");
        assert_eq!(image_repo("bitnami/nginx:1.2"), "docker.io/bitnami/nginx");
    }
}
