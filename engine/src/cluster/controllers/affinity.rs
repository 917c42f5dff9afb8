//! Inter-pod affinity, anti-affinity and topology spread for the scheduler: the InterPodAffinity and
//! PodTopologySpread filters (with their FailedScheduling reasons) and scores.
//!
//! A pod without these rules costs one look at its spec; the per-attempt state is built only for pods that have
//! them, or when a bound pod's required anti-affinity could reject the incoming one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;

use super::NodeInfo;
use crate::api::selector::Selector;
use crate::api::{Object, Phase, k};
use crate::cluster::store::{Key, Store};

/// The reason for a node whose domain holds pods the incoming pod's required anti-affinity refuses.
pub const ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
/// The reason for a node outside every domain holding the pods the incoming pod's required affinity needs.
pub const AFFINITY: &str = "node(s) didn't match pod affinity rules";
/// The reason for a node whose domain holds a pod whose required anti-affinity refuses the incoming pod.
pub const EXISTING_ANTI_AFFINITY: &str = "node(s) didn't satisfy existing pods anti-affinity rules";
/// The reason for a node where the incoming pod would skew its spread too far.
pub const SPREAD: &str = "node(s) didn't match pod topology spread constraints";
/// The reason for a node without the label a spread constraint spreads over.
pub const SPREAD_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";

/// Whether the reason is one preemption cannot help with (`UnschedulableAndUnresolvable`).
pub fn unresolvable(reason: &str) -> bool {
    reason == AFFINITY || reason == SPREAD_LABEL
}

/// Whether a pod states required pod anti-affinity, which the scheduler must honour for every later pod.
pub fn has_required_anti_affinity(pod: &Object) -> bool {
    pod.spec()["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        .as_array()
        .is_some_and(|a| !a.is_empty())
}

/// Whether a pod has any inter-pod rule or spread constraint.
fn has_rules(pod: &Object) -> bool {
    let spec = pod.spec();
    let affinity = &spec["affinity"];
    affinity["podAntiAffinity"].is_object()
        || affinity["podAffinity"].is_object()
        || spec["topologySpreadConstraints"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
}

/// One pod affinity term: which pods (selector and namespaces) in which domains (topology key).
struct Term {
    selector: Option<Selector>,
    /// `None` selects every namespace.
    namespaces: Option<Vec<String>>,
    key: String,
    weight: i64,
}

impl Term {
    fn parse(term: &Value, namespace: &str, weight: i64) -> Term {
        let selector = (!term["labelSelector"].is_null())
            .then(|| Selector::from_label_selector(&term["labelSelector"]));
        let listed = crate::api::object::string_array(&term["namespaces"]);
        let all = term["namespaceSelector"]
            .as_object()
            .is_some_and(serde_json::Map::is_empty);
        let namespaces = if all {
            None
        } else if listed.is_empty() {
            Some(vec![namespace.to_owned()])
        } else {
            Some(listed)
        };
        Term {
            selector,
            namespaces,
            key: term["topologyKey"].as_str().unwrap_or_default().to_owned(),
            weight,
        }
    }

    fn selects(&self, pod: &Object) -> bool {
        self.namespaces
            .as_ref()
            .is_none_or(|ns| ns.iter().any(|n| n == pod.meta.namespace.as_str()))
            && self
                .selector
                .as_ref()
                .is_some_and(|s| s.matches(&pod.meta.labels))
    }
}

fn terms(pod: &Object, rules: &Value, preferred: bool, sign: i64) -> Vec<Term> {
    let ns = pod.meta.namespace.as_str();
    let field = if preferred {
        "preferredDuringSchedulingIgnoredDuringExecution"
    } else {
        "requiredDuringSchedulingIgnoredDuringExecution"
    };
    rules[field]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            if preferred {
                Term::parse(
                    &t["podAffinityTerm"],
                    ns,
                    sign * t["weight"].as_i64().unwrap_or(1),
                )
            } else {
                Term::parse(t, ns, 0)
            }
        })
        .collect()
}

/// One topology spread constraint.
struct Spread {
    max_skew: i64,
    key: String,
    selector: Selector,
    hard: bool,
}

/// The topology domains (label values) where pods some term selects run.
type Domains = HashSet<String>;

/// What one scheduling attempt knows about other pods, built before the nodes are filtered.
pub struct State {
    anti: Vec<(String, Domains)>,
    affinity: Vec<(String, Domains)>,
    /// A required affinity term no pod matches anywhere, which the incoming pod satisfies itself.
    affinity_self: bool,
    existing_anti: Vec<(String, String)>,
    preferred: Vec<(String, Domains, i64)>,
    /// Per constraint: the matching pods per domain, the smallest count and whether the pod counts itself.
    spread: Vec<(Spread, HashMap<String, i64>, i64, i64)>,
}

fn live(pod: &Object) -> Option<&str> {
    let p = pod.pod()?;
    if matches!(p.phase, Phase::Succeeded | Phase::Failed) {
        return None;
    }
    p.node.as_deref()
}

/// Builds the state for scheduling `pod`, or `None` when neither it nor any bound pod has rules that apply.
pub fn state(
    store: &Store,
    nodes: &[NodeInfo],
    index: &HashMap<String, usize>,
    bound_anti: &[Key],
    pod: &Object,
    eligible: impl Fn(&NodeInfo, bool) -> bool,
) -> Option<State> {
    let own = has_rules(pod);
    if !own && bound_anti.is_empty() {
        return None;
    }
    let labels_of = |node: &str| -> Option<&Arc<BTreeMap<String, String>>> {
        index.get(node).map(|&i| &nodes[i].labels)
    };
    let domain_of = |other: &Object, key: &str| -> Option<String> {
        labels_of(live(other)?)?.get(key).cloned()
    };
    let mut existing_anti = Vec::new();
    for (ns, name) in bound_anti {
        let Some(other) = store.get(k::pod(), ns, name) else {
            continue;
        };
        for term in terms(
            other,
            &other.spec()["affinity"]["podAntiAffinity"],
            false,
            0,
        ) {
            if term.selects(pod)
                && let Some(value) = domain_of(other, &term.key)
            {
                existing_anti.push((term.key.clone(), value));
            }
        }
    }
    let mut state = State {
        anti: Vec::new(),
        affinity: Vec::new(),
        affinity_self: false,
        existing_anti,
        preferred: Vec::new(),
        spread: Vec::new(),
    };
    if !own {
        return (!state.existing_anti.is_empty()).then_some(state);
    }
    let spec = pod.spec();
    let anti_rules = &spec["affinity"]["podAntiAffinity"];
    let affinity_rules = &spec["affinity"]["podAffinity"];
    let required_anti = terms(pod, anti_rules, false, 0);
    let required = terms(pod, affinity_rules, false, 0);
    let mut preferred = terms(pod, affinity_rules, true, 1);
    preferred.extend(terms(pod, anti_rules, true, -1));
    let all: Vec<&Term> = required_anti
        .iter()
        .chain(&required)
        .chain(&preferred)
        .collect();
    let mut found: Vec<Domains> = vec![Domains::new(); all.len()];
    let mut namespaces: Vec<Option<String>> = Vec::new();
    for term in &all {
        match &term.namespaces {
            None => namespaces = vec![None],
            Some(list) if !namespaces.contains(&None) => {
                for ns in list {
                    if !namespaces.contains(&Some(ns.clone())) {
                        namespaces.push(Some(ns.clone()));
                    }
                }
            }
            Some(_) => {}
        }
    }
    if !all.is_empty() {
        for ns in &namespaces {
            for other in store.list(k::pod(), ns.as_deref()) {
                if other.meta.uid == pod.meta.uid || live(other).is_none() {
                    continue;
                }
                for (i, term) in all.iter().enumerate() {
                    if term.selects(other)
                        && let Some(value) = domain_of(other, &term.key)
                    {
                        found[i].insert(value);
                    }
                }
            }
        }
    }
    let mut found = found.into_iter();
    for term in &required_anti {
        state
            .anti
            .push((term.key.clone(), found.next().unwrap_or_default()));
    }
    for term in &required {
        state
            .affinity
            .push((term.key.clone(), found.next().unwrap_or_default()));
    }
    for term in &preferred {
        state.preferred.push((
            term.key.clone(),
            found.next().unwrap_or_default(),
            term.weight,
        ));
    }
    // The first pod of a group that must run together may go anywhere its own terms select it.
    state.affinity_self = !required.is_empty()
        && state.affinity.iter().all(|(_, d)| d.is_empty())
        && required.iter().all(|t| t.selects(pod));
    for c in spec["topologySpreadConstraints"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let spread = Spread {
            max_skew: c["maxSkew"].as_i64().unwrap_or(1),
            key: c["topologyKey"].as_str().unwrap_or_default().to_owned(),
            selector: Selector::from_label_selector(&c["labelSelector"]),
            hard: c["whenUnsatisfiable"].as_str() != Some("ScheduleAnyway"),
        };
        // Domains come from the nodes the pod's node affinity allows; taints count only under `Honor`, so by
        // default a tainted control plane is a domain with no pods.
        let honor_taints = c["nodeTaintsPolicy"].as_str() == Some("Honor");
        let mut counts: HashMap<String, i64> = HashMap::new();
        for node in nodes.iter().filter(|n| eligible(n, honor_taints)) {
            if let Some(value) = node.labels.get(&spread.key) {
                counts.entry(value.clone()).or_default();
            }
        }
        for other in store.list(k::pod(), Some(&pod.meta.namespace)) {
            if other.meta.uid == pod.meta.uid || !spread.selector.matches(&other.meta.labels) {
                continue;
            }
            if let Some(value) = domain_of(other, &spread.key)
                && let Some(count) = counts.get_mut(&value)
            {
                *count += 1;
            }
        }
        let min = counts.values().copied().min().unwrap_or(0);
        let own = i64::from(spread.selector.matches(&pod.meta.labels));
        state.spread.push((spread, counts, min, own));
    }
    Some(state)
}

impl State {
    /// Why the node is rejected, in the order of the scheduler's filters (PodTopologySpread, then InterPodAffinity).
    pub fn reject(&self, labels: &BTreeMap<String, String>) -> Option<&'static str> {
        for (spread, counts, min, own) in self.spread.iter().filter(|s| s.0.hard) {
            let Some(value) = labels.get(&spread.key) else {
                return Some(SPREAD_LABEL);
            };
            let count = counts.get(value).copied().unwrap_or(0);
            if count + own - min > spread.max_skew {
                return Some(SPREAD);
            }
        }
        if !self.affinity_self
            && self
                .affinity
                .iter()
                .any(|(key, domains)| labels.get(key).is_none_or(|value| !domains.contains(value)))
        {
            return Some(AFFINITY);
        }
        if self
            .anti
            .iter()
            .any(|(key, domains)| labels.get(key).is_some_and(|v| domains.contains(v)))
        {
            return Some(ANTI_AFFINITY);
        }
        if self
            .existing_anti
            .iter()
            .any(|(key, value)| labels.get(key) == Some(value))
        {
            return Some(EXISTING_ANTI_AFFINITY);
        }
        None
    }

    /// The node's raw inter-pod score: preferred affinity adds its weight and preferred anti-affinity takes it away
    /// where matching pods run; a soft spread constraint takes away the pods already in the node's domain.
    pub fn raw_score(&self, labels: &BTreeMap<String, String>) -> (i64, i64) {
        let affinity = self
            .preferred
            .iter()
            .filter(|(key, domains, _)| labels.get(key).is_some_and(|v| domains.contains(v)))
            .map(|(_, _, w)| w)
            .sum();
        let spread = self
            .spread
            .iter()
            .filter(|s| !s.0.hard)
            .map(|(spread, counts, _, _)| {
                labels
                    .get(&spread.key)
                    .and_then(|v| counts.get(v))
                    .copied()
                    .unwrap_or(0)
            })
            .sum();
        (affinity, spread)
    }

    /// Whether the state affects scores at all.
    pub fn scores(&self) -> bool {
        !self.preferred.is_empty() || self.spread.iter().any(|s| !s.0.hard)
    }
}

/// Picks the best of the feasible nodes, each `(base score, node, raw inter-pod score)`, after normalising the
/// inter-pod scores to 0..=100 and weighting them twice, as the default profile weighs InterPodAffinity and
/// PodTopologySpread.
pub fn best(feasible: &[(i64, usize, (i64, i64))]) -> Option<usize> {
    let normalise = |pick: fn(&(i64, i64)) -> i64, reverse: bool| {
        let (lo, hi) = feasible
            .iter()
            .map(|f| pick(&f.2))
            .fold((i64::MAX, i64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        move |raw: &(i64, i64)| {
            if hi <= lo {
                return 0;
            }
            let scaled = (pick(raw) - lo) * 100 / (hi - lo);
            if reverse { 100 - scaled } else { scaled }
        }
    };
    let affinity = normalise(|r| r.0, false);
    let spread = normalise(|r| r.1, true);
    let mut best: Option<(i64, usize)> = None;
    for (base, i, raw) in feasible {
        let score = base + 2 * affinity(raw) + 2 * spread(raw);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, *i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
#[path = "affinity_tests.rs"]
mod tests;
