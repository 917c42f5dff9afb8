//! A plain snapshot of the cluster for the view: nodes with their pods, request totals, events
//! and the reconcile trace, computed natively from a session so it can be unit-tested.

use engine::api::k;
use engine::cluster::controllers::quantity;
use engine::session::Session;
use engine::sort::SortShared;
use serde_json::Value;

/// The colour class of a pod chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tone {
    /// Running.
    Running,
    /// Pending, ContainerCreating, not yet ready.
    Pending,
    /// CrashLoopBackOff, Error, image pull errors, Failed.
    Failed,
    /// Being deleted.
    Terminating,
    /// Completed.
    Succeeded,
}

impl Tone {
    /// The CSS class for the tone.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Running => "running",
            Tone::Pending => "pending",
            Tone::Failed => "failed",
            Tone::Terminating => "terminating",
            Tone::Succeeded => "succeeded",
        }
    }
}

/// A pod as a chip.
#[derive(Debug, Clone, PartialEq)]
pub struct Chip {
    /// The namespace.
    pub namespace: String,
    /// The name.
    pub name: String,
    /// The uid (a stable key).
    pub uid: String,
    /// The STATUS column `kubectl get pods` would show.
    pub status: String,
    /// The colour.
    pub tone: Tone,
}

/// A node as a box.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    /// The name.
    pub name: String,
    /// Whether the Ready condition is True.
    pub ready: bool,
    /// Whether the kubelet was stopped by fault injection.
    pub stopped: bool,
    /// The roles from `node-role.kubernetes.io/*` labels.
    pub roles: Vec<String>,
    /// Whether it is a control-plane (master) node.
    pub control_plane: bool,
    /// CPU requested by its pods and allocatable, in millicores.
    pub cpu: (i64, i64),
    /// Memory requested by its pods and allocatable, in bytes.
    pub memory: (i64, i64),
    /// Its pods in the selected namespace(s).
    pub pods: Vec<Chip>,
}

/// One event line.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// `Normal` or `Warning`.
    pub kind: String,
    /// The reason.
    pub reason: String,
    /// `kind/name`.
    pub object: String,
    /// The message.
    pub message: String,
}

/// One reconcile-trace line.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceRow {
    /// Virtual wall-clock time of day, `HH:MM:SS` (UTC).
    pub at: String,
    /// The controller.
    pub controller: String,
    /// The object.
    pub object: String,
    /// What it saw and did.
    pub message: String,
}

/// Everything the view shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    /// Control-plane nodes first, then workers, each sorted by name.
    pub nodes: Vec<NodeBox>,
    /// Pods not bound to a node.
    pub unscheduled: Vec<Chip>,
    /// Every namespace that has pods.
    pub namespaces: Vec<String>,
    /// The number of pods shown.
    pub pod_count: usize,
    /// Deployments as `namespace/name` (targets for simulated load).
    pub deployments: Vec<String>,
    /// The latest events, newest first.
    pub events: Vec<EventRow>,
    /// The latest reconcile-trace entries, newest first.
    pub trace: Vec<TraceRow>,
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_str().unwrap_or_default()
}

/// The STATUS column and colour of a pod, from its JSON.
pub fn pod_status(pod: &Value) -> (String, Tone) {
    if !pod["metadata"]["deletionTimestamp"].is_null() {
        return ("Terminating".into(), Tone::Terminating);
    }
    let phase = str_at(pod, &["status", "phase"]);
    let statuses = pod["status"]["containerStatuses"].as_array();
    for cs in statuses.into_iter().flatten() {
        let waiting = str_at(cs, &["state", "waiting", "reason"]);
        if !waiting.is_empty() {
            let tone = if waiting == "ContainerCreating" || waiting == "PodInitializing" {
                Tone::Pending
            } else {
                Tone::Failed
            };
            return (waiting.into(), tone);
        }
        let terminated = str_at(cs, &["state", "terminated", "reason"]);
        if !terminated.is_empty() && phase != "Succeeded" {
            let tone = if terminated == "Completed" {
                Tone::Succeeded
            } else {
                Tone::Failed
            };
            return (terminated.into(), tone);
        }
    }
    match phase {
        "Running" => ("Running".into(), Tone::Running),
        "Succeeded" => ("Completed".into(), Tone::Succeeded),
        "Failed" => ("Error".into(), Tone::Failed),
        "" | "Pending" => {
            let bound = !str_at(pod, &["spec", "nodeName"]).is_empty();
            (
                if bound {
                    "ContainerCreating"
                } else {
                    "Pending"
                }
                .into(),
                Tone::Pending,
            )
        }
        other => (other.into(), Tone::Pending),
    }
}

/// The summed container requests of a pod: (millicores, bytes).
pub fn pod_requests(pod: &Value) -> (i64, i64) {
    let mut total = (0, 0);
    for c in pod["spec"]["containers"].as_array().into_iter().flatten() {
        let req = &c["resources"]["requests"];
        if let Some(cpu) = req["cpu"].as_str() {
            total.0 += quantity(cpu, true);
        }
        if let Some(mem) = req["memory"].as_str() {
            total.1 += quantity(mem, false);
        }
    }
    total
}

/// What the view derives from one pod; it depends on the pod alone, so it is kept while the pod is unchanged.
#[derive(Debug, Clone, PartialEq)]
struct PodFacts {
    node: String,
    chip: Chip,
    requests: (i64, i64),
}

/// The facts of every pod seen, by uid with the resourceVersion they were derived at: a pod that did not change
/// since the last snapshot is not turned into JSON again (the costly part of a snapshot at a few hundred pods).
#[derive(Debug, Default)]
pub struct PodCache {
    pods: std::collections::HashMap<u64, (u64, PodFacts)>,
}

/// Derives the facts of the pods `cache` does not hold at their current resourceVersion, one pod at a time while
/// `more` says to go on, and tells whether every pod is now cached: a view fills its cache this way over several
/// short tasks before its first snapshot, which then only reads the cache.
pub fn warm_cache(session: &Session, cache: &mut PodCache, mut more: impl FnMut() -> bool) -> bool {
    for p in session.cluster.store.list(k::pod(), None) {
        let fresh = cache
            .pods
            .get(&p.meta.uid)
            .is_some_and(|(version, _)| *version == p.meta.resource_version);
        if !fresh {
            if !more() {
                return false;
            }
            let facts = pod_facts(&p.to_json());
            cache
                .pods
                .insert(p.meta.uid, (p.meta.resource_version, facts));
        }
    }
    true
}

/// Takes a snapshot of the session's cluster, showing pods of `namespace` (all when `None`), reusing what `cache`
/// knows of pods that did not change (and keeping it up to date).
pub fn snapshot_cached(
    session: &Session,
    namespace: Option<&str>,
    cache: &mut PodCache,
) -> Snapshot {
    let cluster = &session.cluster;
    let mut snap = Snapshot::default();
    let mut seen = std::collections::HashMap::new();
    let pods: Vec<PodFacts> = cluster
        .store
        .list(k::pod(), None)
        .map(|p| {
            let facts = match cache.pods.remove(&p.meta.uid) {
                Some((version, facts)) if version == p.meta.resource_version => facts,
                _ => pod_facts(&p.to_json()),
            };
            seen.insert(p.meta.uid, (p.meta.resource_version, facts.clone()));
            facts
        })
        .collect();
    cache.pods = seen;
    let mut namespaces: Vec<String> = pods.iter().map(|p| p.chip.namespace.clone()).collect();
    namespaces.sort_shared();
    namespaces.dedup();
    snap.namespaces = namespaces;
    for node in cluster.store.list(k::node(), None) {
        let json = node.to_json();
        let name = str_at(&json, &["metadata", "name"]).to_owned();
        let ready = json["status"]["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["type"] == "Ready" && c["status"] == "True");
        let mut roles: Vec<String> = json["metadata"]["labels"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(key, _)| key.strip_prefix("node-role.kubernetes.io/"))
            .map(str::to_owned)
            .collect();
        roles.sort_shared();
        let control_plane = roles.iter().any(|r| r == "master" || r == "control-plane");
        let alloc = &json["status"]["allocatable"];
        let cpu_alloc = alloc["cpu"].as_str().map_or(0, |q| quantity(q, true));
        let mem_alloc = alloc["memory"].as_str().map_or(0, |q| quantity(q, false));
        snap.nodes.push(NodeBox {
            stopped: cluster.stopped_nodes.contains_key(&name),
            name,
            ready,
            roles,
            control_plane,
            cpu: (0, cpu_alloc),
            memory: (0, mem_alloc),
            pods: Vec::new(),
        });
    }
    snap.nodes.sort_shared_by(|a, b| {
        b.control_plane
            .cmp(&a.control_plane)
            .then(a.name.cmp(&b.name))
    });
    // Pods find their node through an index: a linear search per pod is quadratic at thousands of nodes.
    let node_index: std::collections::HashMap<String, usize> = snap
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.clone(), i))
        .collect();
    for PodFacts {
        node,
        chip,
        requests,
    } in pods
    {
        let shown = namespace.is_none_or(|want| want == chip.namespace);
        match node_index.get(&node).map(|&i| &mut snap.nodes[i]) {
            Some(n) => {
                if !matches!(chip.tone, Tone::Succeeded) {
                    n.cpu.0 += requests.0;
                    n.memory.0 += requests.1;
                }
                if shown {
                    snap.pod_count += 1;
                    n.pods.push(chip);
                }
            }
            None if shown => {
                snap.pod_count += 1;
                snap.unscheduled.push(chip);
            }
            None => {}
        }
    }
    for node in &mut snap.nodes {
        node.pods
            .sort_shared_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    }
    snap.deployments = cluster
        .store
        .list(k::deployment(), namespace)
        .map(|d| format!("{}/{}", d.meta.namespace, d.meta.name))
        .collect();
    snap.events = cluster
        .events
        .iter()
        .rev()
        .filter(|e| namespace.is_none_or(|want| want == e.namespace.as_str()))
        .take(40)
        .map(|e| EventRow {
            kind: format!("{:?}", e.kind_of),
            reason: e.reason.to_string(),
            object: format!("{}/{}", e.kind.info().singular, e.object),
            message: e.message.clone(),
        })
        .collect();
    snap.trace = cluster
        .trace
        .iter()
        .rev()
        .filter(|t| namespace.is_none_or(|want| t.object.contains(&format!("/{want}/"))))
        .take(60)
        .map(|t| TraceRow {
            at: clock(t.at),
            controller: t.controller.clone(),
            object: t.object.clone(),
            message: t.message.clone(),
        })
        .collect();
    snap
}

/// What the view needs of one pod, from its JSON.
fn pod_facts(pod: &Value) -> PodFacts {
    let (status, tone) = pod_status(pod);
    PodFacts {
        node: str_at(pod, &["spec", "nodeName"]).to_owned(),
        chip: Chip {
            namespace: str_at(pod, &["metadata", "namespace"]).to_owned(),
            name: str_at(pod, &["metadata", "name"]).to_owned(),
            uid: str_at(pod, &["metadata", "uid"]).to_owned(),
            status,
            tone,
        },
        requests: pod_requests(pod),
    }
}

/// A virtual time (milliseconds since the epoch) as `HH:MM:SS` UTC.
pub fn clock(ms: i64) -> String {
    let s = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The `describe` text and YAML of a pod (`namespace` given) or node.
pub fn details(session: &Session, namespace: Option<&str>, name: &str) -> (String, String) {
    let cluster = &session.cluster;
    let kind = if namespace.is_some() {
        k::pod()
    } else {
        k::node()
    };
    let Some(object) = cluster
        .store
        .list(kind, namespace)
        .find(|o| o.meta.name == name)
    else {
        return (format!("{name}: not found"), String::new());
    };
    let json = object.to_json();
    let events: Vec<Value> = cluster
        .events
        .about(object.meta.uid)
        .into_iter()
        .map(|e| e.to_json())
        .collect();
    let pods: Vec<Value> = if namespace.is_none() {
        cluster
            .store
            .list(k::pod(), None)
            .filter(|p| p.to_json()["spec"]["nodeName"] == name)
            .map(|p| p.to_json())
            .collect()
    } else {
        Vec::new()
    };
    let related = engine::printers::describe::Related {
        events: &events,
        pods: &pods,
        ..Default::default()
    };
    let text = engine::printers::describe::describe(&json, related, cluster.now);
    (text, engine::printers::yaml::to_yaml(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A snapshot taken afresh, with nothing cached.
    fn snapshot(session: &Session, namespace: Option<&str>) -> Snapshot {
        snapshot_cached(session, namespace, &mut PodCache::default())
    }

    #[test]
    fn clock_shows_the_time_of_day() {
        assert_eq!(clock(1_707_123_633_000), "09:00:33");
    }

    #[test]
    fn pod_states_get_kubectl_status_and_colour() {
        let running = json!({"status": {"phase": "Running"}});
        assert_eq!(pod_status(&running), ("Running".into(), Tone::Running));
        let crash = json!({"status": {"phase": "Running", "containerStatuses": [
            {"state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}});
        assert_eq!(
            pod_status(&crash),
            ("CrashLoopBackOff".into(), Tone::Failed)
        );
        let creating = json!({"spec": {"nodeName": "worker01"}, "status": {"phase": "Pending"}});
        assert_eq!(
            pod_status(&creating),
            ("ContainerCreating".into(), Tone::Pending)
        );
        let deleting = json!({"metadata": {"deletionTimestamp": "2024-01-01T00:00:00Z"}});
        assert_eq!(pod_status(&deleting).1, Tone::Terminating);
        assert_eq!(
            pod_status(&json!({"status": {"phase": "Succeeded"}})).1,
            Tone::Succeeded
        );
    }

    #[test]
    fn the_classroom_cluster_shows_control_plane_first_with_requests() {
        let mut session = Session::new("ocp4", 1).unwrap();
        session.exec("oc login -u admin -p redhatocp https://api.ocp4.example.com:6443");
        session.exec("oc new-project demo");
        session.exec("oc create deployment web --image=registry.access.redhat.com/ubi9/httpd-24 --replicas=3");
        session.pass_time(60_000);
        let snap = snapshot(&session, Some("demo"));
        assert!(
            snap.nodes.first().is_some_and(|n| n.control_plane),
            "{:?}",
            snap.nodes
        );
        assert!(snap.nodes.iter().any(|n| !n.control_plane));
        assert!(snap.nodes.iter().all(|n| n.cpu.1 > 0 && n.memory.1 > 0));
        assert_eq!(snap.pod_count, 3, "{snap:?}");
        assert!(snap.deployments.contains(&"demo/web".to_owned()));
        assert!(!snap.trace.is_empty(), "the reconcile trace is recorded");
        // A snapshot that reuses what it knew of unchanged pods is the one taken afresh.
        let mut cache = PodCache::default();
        assert_eq!(
            snapshot_cached(&session, None, &mut cache),
            snapshot(&session, None)
        );
        // A cache filled a few pods at a time gives the same snapshot.
        let mut warmed = PodCache::default();
        let mut rounds = 0;
        while !warm_cache(&session, &mut warmed, {
            let mut left = 7;
            move || {
                left -= 1;
                left >= 0
            }
        }) {
            rounds += 1;
        }
        assert!(rounds > 1, "the cache filled in {rounds} rounds");
        assert_eq!(
            snapshot_cached(&session, None, &mut warmed),
            snapshot(&session, None)
        );
        session.exec("oc scale deployment web --replicas=5");
        session.exec("oc delete pod --all -n openshift-dns");
        session.pass_time(5_000);
        assert_eq!(
            snapshot_cached(&session, None, &mut cache),
            snapshot(&session, None)
        );
        session.pass_time(60_000);
        assert_eq!(
            snapshot_cached(&session, Some("demo"), &mut cache),
            snapshot(&session, Some("demo"))
        );
        let pod = snap.nodes.iter().flat_map(|n| &n.pods).next().unwrap();
        let (describe, yaml) = details(&session, Some("demo"), &pod.name);
        assert!(describe.starts_with("Name:"), "{describe}");
        assert!(yaml.contains("kind: Pod"), "{yaml}");
    }
}
