//! The chart history: samples of the cluster taken as virtual time passes (replicas of every
//! Deployment, every HorizontalPodAutoscaler's load and replicas, and node requests), turned into
//! chart series. Pure Rust over the engine's public API, so it is unit-tested natively.

use engine::sort::SortShared;
use std::collections::{BTreeMap, VecDeque};

use engine::api::{Phase, Status, k};
use engine::cluster::controllers::quantity;
use engine::session::Session;

use super::{Series, Tone};

/// How many samples the history keeps (older ones are dropped first).
pub const CAPACITY: usize = 2_000;

/// The replica counts of one workload at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Replicas {
    /// `spec.replicas`: what the learner or the autoscaler asked for.
    pub desired: i64,
    /// `status.readyReplicas`: pods that pass their readiness checks.
    pub ready: i64,
    /// `status.updatedReplicas`: pods of the newest template.
    pub updated: i64,
}

/// An autoscaler at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Autoscale {
    /// The simulated load on its target, in percent of one pod's CPU request.
    pub load: i64,
    /// The average utilisation the autoscaler measured, in percent.
    pub utilisation: i64,
    /// The target utilisation, in percent.
    pub goal: i64,
    /// The target's replicas.
    pub replicas: i64,
}

/// One sample of the cluster.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sample {
    /// Virtual time, in milliseconds since the Unix epoch.
    pub at: i64,
    /// Every Deployment, keyed `namespace/name`.
    pub workloads: BTreeMap<String, Replicas>,
    /// Every HorizontalPodAutoscaler, keyed `namespace/name`.
    pub autoscalers: BTreeMap<String, Autoscale>,
    /// CPU requested by running and pending pods on schedulable nodes, and allocatable, in millicores.
    pub cpu: (i64, i64),
    /// Memory requested and allocatable, in bytes.
    pub memory: (i64, i64),
    /// For every workload, when each of its ready pods became ready (virtual ms), so the
    /// history can place readiness changes that happened between two samples.
    pub ready_since: BTreeMap<String, Vec<i64>>,
}

/// Samples in time order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    samples: VecDeque<Sample>,
}

impl History {
    /// Adds a sample. A sample at the same virtual instant as the last one replaces it, and a
    /// sample earlier than the last one (a reset or a loaded save) starts the history afresh.
    ///
    /// Time often passes in one step between samples (`sleep 60`, the clock at 60×); pods that
    /// became ready inside such a step are placed at the instant they did, from their readiness
    /// times, so the ready line rises when it really rose.
    pub fn record(&mut self, sample: Sample) {
        match self.samples.back() {
            Some(last) if last.at == sample.at => {
                self.samples.pop_back();
            }
            Some(last) if last.at > sample.at => self.samples.clear(),
            Some(last) => {
                for between in backfill(last, &sample) {
                    self.samples.push_back(between);
                }
            }
            None => {}
        }
        self.samples.push_back(sample);
        while self.samples.len() > CAPACITY {
            self.samples.pop_front();
        }
    }

    /// The samples, oldest first.
    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// The latest sample.
    pub fn last(&self) -> Option<&Sample> {
        self.samples.back()
    }

    /// Every workload seen, the one whose replicas changed most recently first.
    pub fn workloads(&self) -> Vec<String> {
        let mut changed: BTreeMap<&str, i64> = BTreeMap::new();
        let mut previous: Option<&Sample> = None;
        for sample in &self.samples {
            for (key, replicas) in &sample.workloads {
                let moved = previous.and_then(|p| p.workloads.get(key)) != Some(replicas);
                let entry = changed.entry(key).or_insert(i64::MIN);
                if moved && previous.is_some() {
                    *entry = sample.at;
                }
            }
            previous = Some(sample);
        }
        let mut keys: Vec<(&str, i64)> = changed.into_iter().collect();
        keys.sort_shared_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        keys.into_iter().map(|(k, _)| k.to_owned()).collect()
    }

    /// Every autoscaler seen, sorted.
    pub fn autoscalers(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .samples
            .iter()
            .flat_map(|s| s.autoscalers.keys().cloned())
            .collect();
        keys.sort_shared();
        keys.dedup();
        keys
    }

    /// Desired, ready and up-to-date replicas of `workload` over time.
    pub fn replica_series(&self, workload: &str) -> Vec<Series> {
        let pick = |f: fn(&Replicas) -> i64| -> Vec<(f64, f64)> {
            self.samples
                .iter()
                .filter_map(|s| {
                    s.workloads
                        .get(workload)
                        .map(|r| (s.at as f64, f(r) as f64))
                })
                .collect()
        };
        vec![
            Series::step("desired", Tone::Muted, pick(|r| r.desired)),
            Series::step("ready", Tone::Good, pick(|r| r.ready)),
            Series::step("updated", Tone::Accent, pick(|r| r.updated)),
        ]
    }

    /// An autoscaler's load and measured utilisation (percent, left axis) and its target's replicas (right axis).
    pub fn autoscale_series(&self, autoscaler: &str) -> (Vec<Series>, Vec<Series>) {
        let pick = |f: fn(&Autoscale) -> i64| -> Vec<(f64, f64)> {
            self.samples
                .iter()
                .filter_map(|s| {
                    s.autoscalers
                        .get(autoscaler)
                        .map(|a| (s.at as f64, f(a) as f64))
                })
                .collect()
        };
        (
            vec![
                Series::step("load %", Tone::Warn, pick(|a| a.load)),
                Series::step("utilisation %", Tone::Accent, pick(|a| a.utilisation)),
                Series::step("target %", Tone::Muted, pick(|a| a.goal)),
            ],
            vec![Series::step("replicas", Tone::Good, pick(|a| a.replicas))],
        )
    }

    /// Requested CPU and memory as a percentage of allocatable, cluster-wide, over time.
    pub fn request_series(&self) -> Vec<Series> {
        let pick = |f: fn(&Sample) -> (i64, i64)| -> Vec<(f64, f64)> {
            self.samples
                .iter()
                .map(|s| (s.at as f64, percent(f(s))))
                .collect()
        };
        vec![
            Series::step("CPU", Tone::Accent, pick(|s| s.cpu)),
            Series::step("memory", Tone::Warn, pick(|s| s.memory)),
        ]
    }
}

/// The samples strictly between `last` and `next` at which a pod became ready: each is `next`
/// with every workload's ready count reduced by its pods that became ready later, and the
/// autoscalers and requests of `last` (they are only known at samples).
fn backfill(last: &Sample, next: &Sample) -> Vec<Sample> {
    let mut instants: Vec<i64> = next
        .ready_since
        .values()
        .flatten()
        .copied()
        .filter(|&t| t > last.at && t < next.at)
        .collect();
    instants.sort_shared();
    instants.dedup();
    instants
        .into_iter()
        .map(|at| {
            let mut workloads = next.workloads.clone();
            for (key, replicas) in &mut workloads {
                let later = next
                    .ready_since
                    .get(key)
                    .map_or(0, |times| times.iter().filter(|&&t| t > at).count());
                replicas.ready = (replicas.ready - later as i64).max(0);
            }
            Sample {
                at,
                workloads,
                autoscalers: last.autoscalers.clone(),
                cpu: last.cpu,
                memory: last.memory,
                ready_since: BTreeMap::new(),
            }
        })
        .collect()
}

fn percent((used, total): (i64, i64)) -> f64 {
    if total <= 0 {
        0.0
    } else {
        used as f64 * 100.0 / total as f64
    }
}

fn int(v: &serde_json::Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

/// Samples the session's cluster now.
pub fn sample(session: &Session) -> Sample {
    let cluster = &session.cluster;
    let mut sample = Sample {
        at: cluster.now,
        ..Sample::default()
    };
    for d in cluster.store.list(k::deployment(), None) {
        let status = d.status_json();
        sample.workloads.insert(
            format!("{}/{}", d.meta.namespace, d.meta.name),
            Replicas {
                desired: d.spec()["replicas"].as_i64().unwrap_or(1),
                ready: int(&status["readyReplicas"]),
                updated: int(&status["updatedReplicas"]),
            },
        );
    }
    // Pods belong to a Deployment through their ReplicaSet.
    let mut owners: BTreeMap<(String, String), String> = BTreeMap::new();
    for rs in cluster.store.list(k::replicaset(), None) {
        if let Some(owner) = rs.meta.controller() {
            owners.insert(
                (rs.meta.namespace.to_string(), rs.meta.name.to_string()),
                format!("{}/{}", rs.meta.namespace, owner.name),
            );
        }
    }
    for h in cluster.store.list(k::hpa(), None) {
        let spec = h.spec();
        let status = h.status_json();
        let target = spec["scaleTargetRef"]["name"].as_str().unwrap_or_default();
        let key = format!("{}/{}", h.meta.namespace, target);
        let goal = spec["metrics"]
            .as_array()
            .and_then(|m| {
                m.iter()
                    .find_map(|m| m["resource"]["target"]["averageUtilization"].as_i64())
            })
            .or_else(|| spec["targetCPUUtilizationPercentage"].as_i64())
            .unwrap_or(80);
        let utilisation = status["currentMetrics"]
            .as_array()
            .and_then(|m| {
                m.iter()
                    .find_map(|m| m["resource"]["current"]["averageUtilization"].as_i64())
            })
            .unwrap_or(0);
        sample.autoscalers.insert(
            format!("{}/{}", h.meta.namespace, h.meta.name),
            Autoscale {
                load: i64::from(cluster.load.get(&key).copied().unwrap_or(0)),
                utilisation,
                goal,
                replicas: int(&status["currentReplicas"]),
            },
        );
    }
    for node in cluster.store.list(k::node(), None) {
        let allocatable = &node.status_json()["allocatable"];
        if let Some(cpu) = allocatable["cpu"].as_str() {
            sample.cpu.1 += quantity(cpu, true);
        }
        if let Some(memory) = allocatable["memory"].as_str() {
            sample.memory.1 += quantity(memory, false);
        }
    }
    for pod in cluster.store.list(k::pod(), None) {
        let Status::Pod(status) = &pod.status else {
            continue;
        };
        if let (Some(since), Some(owner)) =
            (status.ready_since.map(|t| t.get()), pod.meta.controller())
        {
            let key = (pod.meta.namespace.to_string(), owner.name.to_string());
            if let Some(workload) = owners.get(&key)
                && sample.workloads.contains_key(workload)
                && pod.meta.deletion.is_none()
            {
                sample
                    .ready_since
                    .entry(workload.clone())
                    .or_default()
                    .push(since);
            }
        }
        if status.node.is_none() || matches!(status.phase, Phase::Succeeded | Phase::Failed) {
            continue;
        }
        for container in pod.spec()["containers"].as_array().into_iter().flatten() {
            let requests = &container["resources"]["requests"];
            if let Some(cpu) = requests["cpu"].as_str() {
                sample.cpu.0 += quantity(cpu, true);
            }
            if let Some(memory) = requests["memory"].as_str() {
                sample.memory.0 += quantity(memory, false);
            }
        }
    }
    sample
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::session::Action;

    fn run(session: &mut Session, line: &str) {
        let out = session.exec(line);
        assert_eq!(out.code, 0, "{line}: {}{}", out.stdout, out.stderr);
    }

    #[test]
    fn a_scale_shows_desired_first_and_ready_catching_up() {
        let mut session = Session::new("vanilla", 7).expect("the vanilla scenario boots");
        run(&mut session, "kubectl create deployment web --image=nginx");
        session.pass_time(60_000);
        let mut history = History::default();
        history.record(sample(&session));
        run(&mut session, "kubectl scale deployment web --replicas=5");
        history.record(sample(&session));
        for _ in 0..60 {
            session.pass_time(1_000);
            history.record(sample(&session));
        }
        let series = history.replica_series("default/web");
        let desired: Vec<f64> = series[0].points.iter().map(|p| p.1).collect();
        let ready: Vec<f64> = series[1].points.iter().map(|p| p.1).collect();
        assert_eq!(desired[0], 1.0);
        assert_eq!(ready[0], 1.0);
        assert_eq!(desired[1], 5.0, "the scale is recorded at once");
        assert!(
            ready[1] < 5.0,
            "pods are not ready the instant they are asked for"
        );
        assert_eq!(*ready.last().unwrap(), 5.0, "all five become ready");
        assert!(
            ready.windows(2).any(|w| w[0] < w[1] && w[1] < 5.0) || ready[1] < ready[2],
            "ready rises over time: {ready:?}"
        );
        assert_eq!(history.workloads()[0], "default/web");
    }

    #[test]
    fn readiness_inside_one_long_step_is_placed_when_it_happened() {
        let mut session = Session::new("vanilla", 7).expect("the vanilla scenario boots");
        let mut history = History::default();
        history.record(sample(&session));
        let before = session.cluster.now;
        run(
            &mut session,
            "kubectl create deployment web --image=nginx --replicas=3",
        );
        run(&mut session, "sleep 120");
        history.record(sample(&session));
        let series = history.replica_series("default/web");
        let ready = &series[1].points;
        assert!(
            ready.len() >= 2,
            "intermediate samples were placed: {ready:?}"
        );
        let first_ready = ready
            .iter()
            .find(|p| p.1 > 0.0)
            .expect("a pod became ready");
        assert!(
            first_ready.0 < (before + 60_000) as f64,
            "the first pod was ready within a minute, not at the end of the sleep: {ready:?}"
        );
        assert!(
            ready.windows(2).all(|w| w[0].1 <= w[1].1),
            "ready only rises: {ready:?}"
        );
        assert_eq!(ready.last().unwrap().1, 3.0);
    }

    #[test]
    fn the_autoscaler_series_follow_the_simulated_load() {
        // The classroom cluster serves the resource metrics API the autoscaler reads (kubeadm has no metrics-server).
        let mut session = Session::new("ocp4", 7).expect("the ocp4 scenario boots");
        run(&mut session, "kubectl create deployment php --image=nginx");
        run(
            &mut session,
            "kubectl set resources deployment php --requests=cpu=200m",
        );
        run(
            &mut session,
            "kubectl autoscale deployment php --cpu-percent=50 --min=1 --max=10",
        );
        session.pass_time(30_000);
        let mut history = History::default();
        history.record(sample(&session));
        session.act(Action::SetLoad("default/php".into(), 250));
        for _ in 0..12 {
            session.pass_time(15_000);
            history.record(sample(&session));
        }
        assert_eq!(history.autoscalers(), vec!["default/php".to_owned()]);
        let (percent, replicas) = history.autoscale_series("default/php");
        assert_eq!(percent[0].points.last().unwrap().1, 250.0);
        assert_eq!(percent[2].points[0].1, 50.0, "the target utilisation");
        let replicas: Vec<f64> = replicas[0].points.iter().map(|p| p.1).collect();
        assert_eq!(replicas[0], 1.0);
        assert_eq!(
            *replicas.last().unwrap(),
            5.0,
            "250% of one pod at 50% each: {replicas:?}"
        );
    }

    #[test]
    fn requests_are_a_share_of_allocatable_and_time_going_back_restarts() {
        let session = Session::new("ocp4", 7).expect("the ocp4 scenario boots");
        let s = sample(&session);
        assert!(s.cpu.0 > 0 && s.cpu.0 < s.cpu.1, "{:?}", s.cpu);
        assert!(s.memory.0 > 0 && s.memory.0 < s.memory.1, "{:?}", s.memory);
        let mut history = History::default();
        history.record(s.clone());
        history.record(Sample {
            at: s.at + 1,
            ..s.clone()
        });
        history.record(Sample {
            at: s.at + 1,
            ..s.clone()
        });
        assert_eq!(history.samples().count(), 2, "the same instant replaces");
        history.record(Sample {
            at: s.at - 5,
            ..s.clone()
        });
        assert_eq!(
            history.samples().count(),
            1,
            "an earlier instant starts afresh"
        );
        let cpu = &history.request_series()[0].points;
        assert!(cpu[0].1 > 0.0 && cpu[0].1 < 100.0);
    }

    #[test]
    fn the_history_keeps_at_most_its_capacity() {
        let mut history = History::default();
        for at in 0..(CAPACITY as i64 + 10) {
            history.record(Sample {
                at,
                ..Sample::default()
            });
        }
        assert_eq!(history.samples().count(), CAPACITY);
        assert_eq!(history.samples().next().unwrap().at, 10);
    }
}
