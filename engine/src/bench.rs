//! Benchmarks of the simulation itself, shared by `bastion bench` and the criterion benches.

use std::sync::Arc;

use serde_json::{Map, json};

use crate::api::{Object, k};
use crate::cluster::{Cluster, ImageInfo, ScenarioInfo, UserInfo};

/// The image every benchmark pod runs, preloaded on every node.
pub const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.9";

/// What a scale run measured (the caller adds heap figures and CPU time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleRun {
    /// Nodes simulated.
    pub nodes: usize,
    /// Pods asked for.
    pub pods: usize,
    /// Pods Running and ready at the end.
    pub ready: usize,
    /// Virtual milliseconds until every pod was ready.
    pub virtual_ms: i64,
}

/// The work one step of the simulation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepWork {
    /// Objects written (changes logged) during the step.
    pub changes: u64,
    /// Reconciles run during the step.
    pub reconciles: u64,
}

/// Advances `cluster` by `ms` of virtual time and reports the work the controllers did.
pub fn step(cluster: &mut Cluster, ms: i64) -> StepWork {
    let (revision, reconciles) = (cluster.store.revision(), cluster.reconciles);
    cluster.advance(ms);
    StepWork {
        changes: cluster.store.revision() - revision,
        reconciles: cluster.reconciles - reconciles,
    }
}

/// A cluster of `nodes` identical worker nodes, with the pause image present on each.
pub fn cluster_with_nodes(nodes: usize) -> Cluster {
    let info = ScenarioInfo {
        name: "bench".into(),
        kubernetes_version: "v1.27.10".into(),
        start_time: "2026-01-05T09:00:00Z".into(),
        service_cidr: "10.96.0.0/12".into(),
        pod_cidr: serde_json::json!({"clusterNetwork": "10.0.0.0/8", "hostPrefix": 24}),
        images: vec![ImageInfo {
            references: vec![PAUSE_IMAGE.into()],
            size_mb: 1,
            behaviour: "server".into(),
            ..ImageInfo::default()
        }],
        ..ScenarioInfo::default()
    };
    let mut cluster = Cluster::new(info, 7);
    cluster.tracing = false;
    cluster.seed_object(Object::new(k::namespace(), "", "bench", Map::new()));
    for i in 0..nodes {
        let name = format!("node-{i:05}");
        let mut node = Object::new(k::node(), "", &name, Map::new());
        let mut labels = std::collections::BTreeMap::new();
        labels.insert("kubernetes.io/hostname".to_owned(), name.clone());
        labels.insert("node-role.kubernetes.io/worker".to_owned(), String::new());
        node.meta.labels = Arc::new(labels);
        node.status = crate::api::Status::Json(json!({
            "addresses": [{"address": format!("10.{}.{}.{}", i / 65536 + 200, i / 256 % 256, i % 256), "type": "InternalIP"}],
            "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "conditions": [{"status": "True", "type": "Ready"}],
            "images": [{"names": [PAUSE_IMAGE], "sizeBytes": 300_000}],
        }));
        cluster.seed_object(node);
    }
    cluster.settle();
    cluster
}

/// Creates `pods` pods as Deployments of up to 1,000 replicas each and runs until all are ready.
pub fn scale(nodes: usize, pods: usize) -> (Cluster, ScaleRun) {
    let mut cluster = cluster_with_nodes(nodes);
    let start = cluster.now;
    let admin = UserInfo::system_admin();
    let mut remaining = pods;
    let mut index = 0;
    while remaining > 0 {
        let replicas = remaining.min(1000);
        remaining -= replicas;
        let name = format!("app-{index:04}");
        index += 1;
        let deployment = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": "bench", "labels": {"app": name}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{
                    "name": "pause", "image": PAUSE_IMAGE,
                    "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}}}
        });
        let object = Object::from_json(&deployment).expect("valid deployment");
        cluster
            .create(&admin, object, false)
            .expect("deployment admitted");
    }
    let mut ready = 0;
    for _ in 0..600 {
        cluster.advance(1000);
        ready = cluster
            .store
            .list(k::pod(), Some("bench"))
            .filter(|p| crate::cluster::controllers::workloads::pod_ready(p))
            .count();
        if ready >= pods {
            break;
        }
    }
    let run = ScaleRun {
        nodes,
        pods,
        ready,
        virtual_ms: cluster.now - start,
    };
    (cluster, run)
}

/// How many heap bytes each part of `cluster` holds, measured by dropping the parts one by one and reading the
/// live heap with `live` after each drop (the caller's allocator counts it).
pub fn heap_breakdown(
    mut cluster: Cluster,
    live: &dyn Fn() -> usize,
) -> Vec<(&'static str, usize)> {
    let mut out = Vec::new();
    let mut last = live();
    let mut measure = |name: &'static str, last: &mut usize| {
        let now = live();
        out.push((name, last.saturating_sub(now)));
        *last = now;
    };
    cluster.events = Default::default();
    cluster.trace.clear();
    cluster.trace.shrink_to_fit();
    measure("events and trace", &mut last);
    cluster.logs.clear();
    cluster.templates.clear();
    cluster.owner_refs.clear();
    measure("logs and templates", &mut last);
    cluster.clear_timers();
    measure("timers", &mut last);
    cluster.sched = Default::default();
    cluster.ipam = Default::default();
    cluster.node_images.clear();
    cluster.node_ips = Default::default();
    measure("scheduler cache, addresses and node images", &mut last);
    cluster.store.drop_part("log");
    measure("change log", &mut last);
    cluster.store.drop_part("indexes");
    measure("indexes", &mut last);
    cluster.store.drop_part("objects");
    measure("objects", &mut last);
    drop(cluster);
    measure("the rest", &mut last);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_scale_run_gets_every_pod_ready() {
        let (cluster, run) = scale(20, 500);
        assert_eq!(run.ready, 500);
        assert!(run.virtual_ms <= 10_000, "{run:?}");
        for node in cluster.node_names() {
            assert!(cluster.store.pod_count_on(&node) <= 110);
        }
    }

    #[test]
    fn a_step_does_work_in_proportion_to_what_changed() {
        let (mut cluster, run) = scale(1000, 30_000);
        assert_eq!(run.ready, 30_000);
        // Nothing changes: nothing is reconciled, however many objects there are.
        let idle = step(&mut cluster, 60_000);
        assert_eq!(
            idle,
            StepWork {
                changes: 0,
                reconciles: 0
            }
        );
        // One pod is deleted: its ReplicaSet replaces it, the scheduler binds the new pod and its kubelet starts it;
        // the work is a few reconciles per changed object, not one per object in the cluster.
        let pod = cluster
            .store
            .list(k::pod(), Some("bench"))
            .next()
            .expect("a pod")
            .meta
            .name
            .clone();
        let (revision, reconciles) = (cluster.store.revision(), cluster.reconciles);
        cluster
            .delete(&UserInfo::system_admin(), k::pod(), "bench", &pod, false)
            .expect("pod deleted");
        step(&mut cluster, 60_000);
        let busy = StepWork {
            changes: cluster.store.revision() - revision,
            reconciles: cluster.reconciles - reconciles,
        };
        assert!(busy.changes > 0, "{busy:?}");
        assert!(busy.reconciles <= 4 * busy.changes + 8, "{busy:?}");
        assert!(busy.reconciles < 100, "{busy:?}");
    }
}

#[cfg(test)]
mod sizes {
    #[test]
    fn print_sizes() {
        use crate::api::*;
        eprintln!(
            "Object {} Meta {} PodStatus {} ContainerStatus {} ContainerState {} Status {} OwnerRef {}",
            std::mem::size_of::<Object>(),
            std::mem::size_of::<Meta>(),
            std::mem::size_of::<PodStatus>(),
            std::mem::size_of::<ContainerStatus>(),
            std::mem::size_of::<ContainerState>(),
            std::mem::size_of::<Status>(),
            std::mem::size_of::<OwnerRef>()
        );
    }
}
