//! The default scheduler: filters nodes (schedulable, taints, node selector and affinity, resources), scores the
//! feasible ones (least allocated, spreading a workload's pods) and binds; unschedulable pods stay Pending with the
//! real FailedScheduling text.

use crate::sort::SortShared;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::Value;

use super::super::events::EventType;
use super::super::store::Key;
use super::super::{Action, Cluster};
use super::quantity;
use crate::api::{Object, k};

#[path = "affinity.rs"]
mod affinity;

/// A node as the scheduler sees it.
#[derive(Debug, Clone, Default)]
pub struct NodeInfo {
    name: String,
    cpu: i64,
    memory: i64,
    pods: i64,
    used_cpu: i64,
    used_memory: i64,
    used_pods: i64,
    unschedulable: bool,
    ready: bool,
    taints: Vec<(String, String, String)>,
    labels: Arc<BTreeMap<String, String>>,
    /// Ready, schedulable and untainted: only resources can reject a plain pod.
    plain: bool,
    /// The last resource score computed, with the requests it was for: `(cpu, memory, score)`; the requests are
    /// `-1` when the node's usage changed since.
    score_for: (i64, i64, i64),
}

impl NodeInfo {
    /// How free the node would be with `n` on it: the mean of its free CPU and memory percentages.
    fn resource_score(&mut self, n: &Needs) -> i64 {
        if self.score_for.0 != n.cpu || self.score_for.1 != n.memory {
            let free_cpu = (self.cpu - self.used_cpu - n.cpu) * 100 / self.cpu.max(1);
            let free_mem = (self.memory - self.used_memory - n.memory) * 100 / self.memory.max(1);
            self.score_for = (n.cpu, n.memory, (free_cpu + free_mem) / 2);
        }
        self.score_for.2
    }

    /// Adds (or with a negative sign, removes) a pod's requests to the node's usage.
    fn charge(&mut self, n: &Needs, sign: i64) {
        self.used_cpu += sign * n.cpu;
        self.used_memory += sign * n.memory;
        self.used_pods += sign;
        self.score_for.0 = -1;
    }
}

/// The scheduler's view of every node, rebuilt when nodes change and updated as pods bind.
#[derive(Debug, Clone)]
pub struct SchedulerCache {
    nodes: Vec<NodeInfo>,
    index: HashMap<String, usize>,
    next_start: usize,
    stale: bool,
    /// Bound pods with required pod anti-affinity, which every later pod must respect (pruned as they go).
    bound_anti: Vec<Key>,
    /// What the last pod scheduled asked for, with its body: pods made from one template share their body, so
    /// their needs are read from it once.
    last_needs: Option<(Body, Arc<Needs>)>,
    /// Whether every node is plain (ready, schedulable, untainted), so that only resources can reject a plain pod.
    all_plain: bool,
    /// Each node's score for plain pods of the requests `scores_for`, or [`REJECTED`] when they do not fit: what
    /// the filter and score would compute, kept up to date as pods bind and go, so that a pass over the nodes is a
    /// scan of one array.
    scores: Vec<i64>,
    /// The requests `(cpu, memory, counts its owner's spreading)` that `scores` are for, when they are valid.
    scores_for: Option<(i64, i64, bool)>,
    /// The requests of the last plain pod: scores are computed for requests that come twice in a row, so pods of
    /// alternating requests do not pay for a pass over every node each.
    last_plain: Option<(i64, i64, bool)>,
}

/// The score of a node that cannot take the pod.
const REJECTED: i64 = i64::MIN;

impl Default for SchedulerCache {
    fn default() -> Self {
        Self {
            nodes: Vec::new(),
            index: HashMap::new(),
            next_start: 0,
            stale: true,
            bound_anti: Vec::new(),
            last_needs: None,
            all_plain: false,
            scores: Vec::new(),
            scores_for: None,
            last_plain: None,
        }
    }
}

/// An object's shared body.
type Body = Arc<serde_json::Map<String, Value>>;

/// What a pod asks of a node.
#[derive(Debug)]
struct Needs {
    cpu: i64,
    memory: i64,
    selector: Vec<(String, String)>,
    required_terms: Option<Value>,
    tolerations: Vec<Value>,
    /// No node selector and no required node affinity.
    plain: bool,
}

fn needs(pod: &Object) -> Needs {
    let spec = pod.spec();
    let mut cpu = 0;
    let mut memory = 0;
    if let Some(containers) = spec["containers"].as_array() {
        for c in containers {
            if let Some(q) = c["resources"]["requests"]["cpu"].as_str() {
                cpu += quantity(q, true);
            } else if let Some(q) = c["resources"]["requests"]["cpu"].as_f64() {
                cpu += (q * 1000.0) as i64;
            }
            if let Some(q) = c["resources"]["requests"]["memory"].as_str() {
                memory += quantity(q, false);
            }
        }
    }
    let selector: Vec<(String, String)> = spec["nodeSelector"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let required_terms = spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"]
        .as_array()
        .map(|a| Value::Array(a.clone()));
    let tolerations = spec["tolerations"].as_array().cloned().unwrap_or_default();
    let plain = selector.is_empty() && required_terms.is_none();
    Needs {
        cpu,
        memory,
        selector,
        required_terms,
        tolerations,
        plain,
    }
}

fn tolerated(taint: &(String, String, String), tolerations: &[Value]) -> bool {
    tolerations.iter().any(|t| {
        let key = t["key"].as_str().unwrap_or_default();
        let op = t["operator"].as_str().unwrap_or("Equal");
        let effect = t["effect"].as_str().unwrap_or_default();
        (key.is_empty() && op == "Exists" || key == taint.0)
            && (effect.is_empty() || effect == taint.2)
            && (op == "Exists" || t["value"].as_str().unwrap_or_default() == taint.1)
    })
}

fn term_matches(term: &Value, labels: &BTreeMap<String, String>) -> bool {
    term["matchExpressions"].as_array().is_none_or(|exprs| {
        exprs.iter().all(|e| {
            let key = e["key"].as_str().unwrap_or_default();
            let values: Vec<&str> = e["values"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let actual = labels.get(key).map(String::as_str);
            match e["operator"].as_str().unwrap_or_default() {
                "In" => actual.is_some_and(|v| values.contains(&v)),
                "NotIn" => actual.is_none_or(|v| !values.contains(&v)),
                "Exists" => actual.is_some(),
                "DoesNotExist" => actual.is_none(),
                "Gt" | "Lt" => {
                    let a: i64 = actual.and_then(|v| v.parse().ok()).unwrap_or(0);
                    let b: i64 = values.first().and_then(|v| v.parse().ok()).unwrap_or(0);
                    if e["operator"] == "Gt" { a > b } else { a < b }
                }
                _ => false,
            }
        })
    })
}

/// Why a node was rejected, as the scheduler's status message words it.
fn reject(node: &NodeInfo, n: &Needs) -> Option<String> {
    if node.plain && n.plain {
        // The fast path: only resources can reject (the same checks, in the same order, as below).
        if node.used_pods < node.pods
            && node.used_cpu + n.cpu <= node.cpu
            && node.used_memory + n.memory <= node.memory
        {
            return None;
        }
    }
    if !node.ready {
        return Some("1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }".into());
    }
    if node.unschedulable {
        return Some("node(s) were unschedulable".into());
    }
    for taint in &node.taints {
        if (taint.2 == "NoSchedule" || taint.2 == "NoExecute") && !tolerated(taint, &n.tolerations)
        {
            return Some(format!(
                "node(s) had untolerated taint {{{}: {}}}",
                taint.0, taint.1
            ));
        }
    }
    if n.selector
        .iter()
        .any(|(k, v)| node.labels.get(k) != Some(v))
        || n.required_terms.as_ref().is_some_and(|terms| {
            !terms
                .as_array()
                .is_some_and(|t| t.iter().any(|term| term_matches(term, &node.labels)))
        })
    {
        return Some("node(s) didn't match Pod's node affinity/selector".into());
    }
    if node.used_pods + 1 > node.pods {
        return Some("Too many pods".into());
    }
    if node.used_cpu + n.cpu > node.cpu {
        return Some("Insufficient cpu".into());
    }
    if node.used_memory + n.memory > node.memory {
        return Some("Insufficient memory".into());
    }
    None
}

impl SchedulerCache {
    fn refresh(
        &mut self,
        cluster_nodes: Vec<Arc<Object>>,
        pods_on: impl Fn(&str) -> Vec<Arc<Object>>,
    ) {
        self.nodes.clear();
        self.index.clear();
        self.bound_anti.clear();
        for node in cluster_nodes {
            let alloc = &node.status_json()["allocatable"];
            let q = |key: &str, cpu: bool, default: &str| {
                quantity(alloc[key].as_str().unwrap_or(default), cpu)
            };
            let mut info = NodeInfo {
                name: node.meta.name.to_string(),
                cpu: q("cpu", true, "4"),
                memory: q("memory", false, "16Gi"),
                pods: q("pods", true, "250") / 1000,
                unschedulable: node.spec()["unschedulable"].as_bool().unwrap_or(false),
                ready: super::nodes::is_ready(&node),
                taints: node.spec()["taints"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|t| {
                                let s = |f: &str| t[f].as_str().unwrap_or_default().to_owned();
                                (s("key"), s("value"), s("effect"))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                labels: node.meta.labels.clone(),
                score_for: (-1, -1, 0),
                ..NodeInfo::default()
            };
            for pod in pods_on(&info.name) {
                if pod.pod().is_some_and(|p| {
                    !matches!(
                        p.phase,
                        crate::api::Phase::Succeeded | crate::api::Phase::Failed
                    )
                }) {
                    info.charge(&needs(&pod), 1);
                    if affinity::has_required_anti_affinity(&pod) {
                        self.bound_anti
                            .push((pod.meta.namespace.clone(), pod.meta.name.clone()));
                    }
                }
            }
            info.plain = info.ready && !info.unschedulable && info.taints.is_empty();
            self.index.insert(info.name.clone(), self.nodes.len());
            self.nodes.push(info);
        }
        self.all_plain = self.nodes.iter().all(|n| n.plain);
        self.scores_for = None;
        self.stale = false;
    }

    /// Charges (or with a negative sign, releases) `n` on node `i`, keeping its plain-pod score current.
    fn charge(&mut self, i: usize, n: &Needs, sign: i64) {
        self.nodes[i].charge(n, sign);
        if let Some(key) = self.scores_for {
            self.scores[i] = plain_score(&mut self.nodes[i], key);
        }
    }

    /// The plain-pod scores for requests `key`, recomputed when they were for other requests and the last plain
    /// pod asked for the same; `None` when that pod asked for other requests.
    fn scores(&mut self, key: (i64, i64, bool)) -> Option<&[i64]> {
        let repeated = self.last_plain.replace(key) == Some(key);
        if self.scores_for != Some(key) {
            if !repeated {
                return None;
            }
            self.scores = self
                .nodes
                .iter_mut()
                .map(|node| plain_score(node, key))
                .collect();
            self.scores_for = Some(key);
        }
        Some(&self.scores)
    }

    /// Where the next scheduling pass starts its round over the nodes (kept in boot snapshots).
    pub(crate) fn next_start(&self) -> usize {
        self.next_start
    }

    /// Sets where the next scheduling pass starts (restoring a boot snapshot).
    pub(crate) fn set_next_start(&mut self, start: usize) {
        self.next_start = start;
    }

    /// What `pod` asks of a node, read from its body once for all the pods that share the body.
    fn needs_of(&mut self, pod: &Object) -> Arc<Needs> {
        if let Some((body, needs)) = &self.last_needs
            && Arc::ptr_eq(body, &pod.body)
        {
            return needs.clone();
        }
        let n = Arc::new(needs(pod));
        self.last_needs = Some((pod.body.clone(), n.clone()));
        n
    }

    /// Forgets everything, so the next scheduling pass rebuilds from the store.
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Releases what a pod held on its node (it finished or was deleted).
    pub fn release(&mut self, pod: &Object) {
        if let Some(node) = pod.pod().and_then(|p| p.node.as_deref())
            && let Some(&i) = self.index.get(node)
        {
            self.charge(i, &needs(pod), -1);
        }
    }
}

/// How many feasible nodes to find before scoring, as kube-scheduler's adaptive percentage computes it.
pub fn feasible_nodes_to_find(nodes: usize) -> usize {
    if nodes < 100 {
        return nodes;
    }
    let percentage = (50 - nodes as i64 / 125).max(5) as usize;
    (nodes * percentage / 100).max(100)
}

/// Schedules one unbound pod.
pub fn schedule(cluster: &mut Cluster, pod: &Arc<Object>) -> Action {
    let scheduler_name = pod.spec()["schedulerName"]
        .as_str()
        .unwrap_or("default-scheduler");
    if scheduler_name != "default-scheduler" {
        return Action::Await;
    }
    if cluster.sched.stale {
        let node_objects: Vec<Arc<Object>> = cluster.store.list(k::node(), None).cloned().collect();
        let store = &cluster.store;
        cluster
            .sched
            .refresh(node_objects, |name| store.pod_objects_on(name));
    }
    let n = cluster.sched.needs_of(pod);
    let state = affinity_state(cluster, pod, &n);
    let mut feasible = Vec::new();
    let total = cluster.sched.nodes.len();
    let want = feasible_nodes_to_find(total);
    let owner_uid = pod.meta.controller().map(|o| o.uid);
    let start = cluster.sched.next_start;
    let mut best: Option<(i64, usize)> = None;
    if state.is_none() && n.plain && cluster.sched.all_plain {
        // Only resources can reject: scan the precomputed scores (the same choice as the filter and score below).
        best = cluster
            .sched
            .scores((n.cpu, n.memory, owner_uid.is_some()))
            .and_then(|scores| best_plain(scores, start, want));
    }
    let mut found = 0;
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    // The general filter and score, unless the fast path chose already.
    let steps = if best.is_some() { 0 } else { total };
    for step in 0..steps {
        let i = (start + step) % total;
        let node = &mut cluster.sched.nodes[i];
        let reason = reject(node, &n).or_else(|| {
            let s = state.as_ref()?;
            s.reject(&node.labels).map(str::to_owned)
        });
        match reason {
            Some(reason) => *reasons.entry(reason).or_default() += 1,
            None => {
                found += 1;
                let mut score = node.resource_score(&n);
                if owner_uid.is_some() {
                    score -= node.used_pods.min(100) / 4;
                }
                if let Some(s) = state.as_ref().filter(|s| s.scores()) {
                    feasible.push((score, i, s.raw_score(&node.labels)));
                }
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, i));
                }
                if found >= want {
                    break;
                }
            }
        }
    }
    cluster.sched.next_start = (start + 1) % total.max(1);
    if !feasible.is_empty() {
        best = affinity::best(&feasible).map(|i| (0, i));
    }
    let Some((_, i)) = best else {
        let message = unschedulable_message(total, &reasons);
        let mut updated = (**pod).clone();
        let p = updated.pod_mut().expect("pod");
        if p.unschedulable() != Some(&message) {
            p.set_unschedulable(Some(message.clone()));
            cluster.event(
                pod,
                EventType::Warning,
                "FailedScheduling",
                message,
                "default-scheduler",
            );
            cluster.trace(
                "default-scheduler",
                pod,
                "no feasible node → pod stays Pending",
            );
            cluster.write(updated);
        }
        return Action::Requeue(30_000);
    };
    if affinity::has_required_anti_affinity(pod) {
        cluster
            .sched
            .bound_anti
            .push((pod.meta.namespace.clone(), pod.meta.name.clone()));
    }
    cluster.sched.charge(i, &n, 1);
    let node_name = cluster.sched.nodes[i].name.clone();
    let mut bound = (**pod).clone();
    let p = bound.pod_mut().expect("pod");
    p.node = Some(node_name.as_str().into());
    p.scheduled = crate::api::object::at(cluster.now);
    p.set_unschedulable(None);
    p.since = cluster.now;
    cluster.event(
        pod,
        EventType::Normal,
        "Scheduled",
        format_args!(
            "Successfully assigned {}/{} to {node_name}",
            pod.meta.namespace, pod.meta.name
        ),
        "default-scheduler",
    );
    if cluster.tracing {
        cluster.trace("default-scheduler", pod, format!("bound to {node_name}"));
    }
    super::kubelet::on_bind(cluster, &mut bound);
    // The write itself brings the pod back to its kubelet.
    cluster.write(bound);
    Action::Await
}

/// A node's score for a plain pod of requests `(cpu, memory, spread)`, or [`REJECTED`]: the fast path of
/// [`reject`] and the score of [`schedule`] (a plain node and pod can only be rejected for resources).
fn plain_score(node: &mut NodeInfo, (cpu, memory, spread): (i64, i64, bool)) -> i64 {
    let n = Needs {
        cpu,
        memory,
        selector: Vec::new(),
        required_terms: None,
        tolerations: Vec::new(),
        plain: true,
    };
    if reject(node, &n).is_some() {
        return REJECTED;
    }
    let mut score = node.resource_score(&n);
    if spread {
        score -= node.used_pods.min(100) / 4;
    }
    score
}

/// The node the scheduler picks from plain-pod `scores`: the first best of the first `want` feasible nodes in
/// round-robin order from `start`.
///
/// The scan goes in runs of as many nodes as are still wanted: a run in which every node fits (the usual case) is
/// searched with whole-slice operations the compiler vectorises, the first of equal best scores winning as in a
/// node-by-node scan.
fn best_plain(scores: &[i64], start: usize, want: usize) -> Option<(i64, usize)> {
    let (mut best, mut found): (Option<(i64, usize)>, usize) = (None, 0);
    let start = start.min(scores.len());
    let (after, before) = scores.split_at(start);
    for (mut base, mut rest) in [(start, before), (0, after)] {
        while found < want && !rest.is_empty() {
            let (run, tail) = rest.split_at((want - found).min(rest.len()));
            if run.contains(&REJECTED) {
                for (j, &score) in run.iter().enumerate() {
                    if score == REJECTED {
                        continue;
                    }
                    found += 1;
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, base + j));
                    }
                    if found >= want {
                        break;
                    }
                }
            } else if let Some(&top) = run.iter().max() {
                found += run.len();
                if best.is_none_or(|(s, _)| top > s) {
                    let at = run.iter().position(|&s| s == top).unwrap_or(0);
                    best = Some((top, base + at));
                }
            }
            base += run.len();
            rest = tail;
        }
    }
    best
}

/// The inter-pod state for one attempt; bound pods whose anti-affinity no longer applies are forgotten first.
fn affinity_state(cluster: &mut Cluster, pod: &Object, n: &Needs) -> Option<affinity::State> {
    let store = &cluster.store;
    let sched = &mut cluster.sched;
    if !sched.bound_anti.is_empty() {
        sched.bound_anti.retain(|(ns, name)| {
            store.get(k::pod(), ns, name).is_some_and(|p| {
                p.pod().is_some_and(|s| {
                    s.node.is_some()
                        && !matches!(
                            s.phase,
                            crate::api::Phase::Succeeded | crate::api::Phase::Failed
                        )
                })
            })
        });
    }
    affinity::state(
        store,
        &sched.nodes,
        &sched.index,
        &sched.bound_anti,
        pod,
        |node, taints| {
            (!taints
                || node.taints.iter().all(|t| {
                    !(t.2 == "NoSchedule" || t.2 == "NoExecute") || tolerated(t, &n.tolerations)
                }))
                && n.selector
                    .iter()
                    .all(|(k, v)| node.labels.get(k) == Some(v))
                && n.required_terms.as_ref().is_none_or(|terms| {
                    terms
                        .as_array()
                        .is_some_and(|t| t.iter().any(|term| term_matches(term, &node.labels)))
                })
        },
    )
}

fn unschedulable_message(total: usize, reasons: &BTreeMap<String, usize>) -> String {
    if total == 0 {
        return "no nodes available to schedule pods".into();
    }
    let mut parts: Vec<String> = reasons
        .iter()
        .map(|(r, c)| {
            if r.starts_with("1 node(s)") && *c > 1 {
                r.replacen("1 ", &format!("{c} "), 1)
            } else if r.starts_with("1 node(s)") {
                r.clone()
            } else {
                format!("{c} {r}")
            }
        })
        .collect();
    parts.sort_shared();
    let (mut victims, mut unhelpful) = (0, 0);
    for (r, c) in reasons {
        if r.starts_with("Insufficient")
            || r == "Too many pods"
            || (r.starts_with("node(s) didn't") && !affinity::unresolvable(r))
        {
            victims += c;
        } else {
            unhelpful += c;
        }
    }
    let mut preemption = Vec::new();
    if victims > 0 {
        preemption.push(format!(
            "{victims} No preemption victims found for incoming pod"
        ));
    }
    if unhelpful > 0 {
        preemption.push(format!(
            "{unhelpful} Preemption is not helpful for scheduling"
        ));
    }
    preemption.sort_shared();
    format!(
        "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}.",
        parts.join(", "),
        preemption.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The node-by-node scan that `best_plain` must agree with.
    fn best_plain_one_by_one(scores: &[i64], start: usize, want: usize) -> Option<(i64, usize)> {
        let (mut best, mut found): (Option<(i64, usize)>, usize) = (None, 0);
        let n = scores.len();
        for step in 0..n {
            let i = (start + step) % n;
            if scores[i] == REJECTED {
                continue;
            }
            found += 1;
            if best.is_none_or(|(s, _)| scores[i] > s) {
                best = Some((scores[i], i));
            }
            if found >= want {
                break;
            }
        }
        best
    }

    proptest::proptest! {
        #[test]
        fn the_run_scan_picks_what_a_node_by_node_scan_picks(
            scores in proptest::collection::vec(
                proptest::prop_oneof![3 => 0i64..6, 1 => proptest::strategy::Just(REJECTED)], 0..40),
            start in 0usize..40,
            want in 1usize..40,
        ) {
            let start = if scores.is_empty() { 0 } else { start % scores.len() };
            proptest::prop_assert_eq!(
                best_plain(&scores, start, want),
                best_plain_one_by_one(&scores, start, want)
            );
        }
    }

    #[test]
    fn adaptive_percentage() {
        assert_eq!(feasible_nodes_to_find(6), 6);
        assert_eq!(feasible_nodes_to_find(1000), 420);
        assert_eq!(feasible_nodes_to_find(5000), 500);
    }

    #[test]
    fn the_plain_scan_takes_the_first_best_of_the_first_feasible_nodes_from_the_start() {
        let scores = [5, REJECTED, 9, 7, 9, REJECTED, 8];
        // From node 3: 7, 9 (node 4), then 8 and, wrapping, 5; node 4 is the first best.
        assert_eq!(best_plain(&scores, 3, 10), Some((9, 4)));
        // Only the first two feasible nodes from node 5 count: 8 (node 6) and 5 (node 0).
        assert_eq!(best_plain(&scores, 5, 2), Some((8, 6)));
        assert_eq!(best_plain(&[REJECTED, REJECTED], 1, 5), None);
        assert_eq!(best_plain(&[], 0, 5), None);
    }

    #[test]
    fn message_shape() {
        let mut reasons = BTreeMap::new();
        reasons.insert(
            "node(s) had untolerated taint {node-role.kubernetes.io/master: }".to_owned(),
            3,
        );
        reasons.insert("Insufficient cpu".to_owned(), 3);
        assert_eq!(
            unschedulable_message(6, &reasons),
            "0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."
        );
    }
}
