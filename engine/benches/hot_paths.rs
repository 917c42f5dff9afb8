//! Criterion benchmarks of the simulation's hot paths: scheduling on a big cluster, a store write with its indexes,
//! a store snapshot, an idle controller step and `kubectl get pods -A` over 10,000 pods.
//!
//! Each benchmark builds its cluster once with [`engine::bench`]; the measurement times are short so that the whole
//! run stays within a couple of minutes (`cargo bench -p engine`, or `cargo xtask bench`).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use engine::api::{Object, k};
use engine::bench::{cluster_with_nodes, scale, step};
use engine::cluster::controllers::scheduler::schedule;

/// Binds one more pod on a cluster of 5,000 nodes (the scheduler's filter and score over the feasible nodes, the
/// bind and the kubelet's first stage).
fn scheduling(c: &mut Criterion) {
    let mut cluster = cluster_with_nodes(5000);
    let mut template = Object::from_json(&serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "one", "namespace": "bench"},
        "spec": {"containers": [{"name": "pause", "image": engine::bench::PAUSE_IMAGE,
            "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}
    }))
    .expect("valid pod");
    template.meta.uid = 1;
    let pod = Arc::new(template);
    c.bench_function("schedule a pod on 5,000 nodes", |b| {
        b.iter(|| {
            let action = schedule(&mut cluster, &pod);
            // Nobody reads the change log here; keep it from growing.
            cluster.store.compact(cluster.store.revision());
            black_box(action)
        })
    });
}

/// Writes a bound pod into a store of 30,000 pods on 1,000 nodes, updating the node and owner indexes.
fn store_write(c: &mut Criterion) {
    let (mut cluster, _) = scale(1000, 30_000);
    let pod = cluster
        .store
        .list(k::pod(), Some("bench"))
        .nth(15_000)
        .expect("a pod")
        .clone();
    let mut since = 0;
    c.bench_function("store write of a pod with indexes (30,000 pods)", |b| {
        b.iter(|| {
            let mut next = (*pod).clone();
            since += 1;
            next.pod_mut().expect("pod").since = since;
            let written = cluster.store.put(next);
            cluster.store.compact(cluster.store.revision());
            black_box(written)
        })
    });
}

/// Takes a snapshot of a store of 30,000 pods (what views read).
fn snapshot(c: &mut Criterion) {
    let (cluster, _) = scale(1000, 30_000);
    c.bench_function("store snapshot (30,000 pods)", |b| {
        b.iter(|| black_box(cluster.store.clone()))
    });
}

/// Advances an idle cluster of 30,000 running pods by a second: nothing changed, so nothing is reconciled.
fn idle_step(c: &mut Criterion) {
    let (mut cluster, _) = scale(1000, 30_000);
    c.bench_function("idle step (1,000 nodes, 30,000 pods)", |b| {
        b.iter(|| {
            let work = step(&mut cluster, 1000);
            assert_eq!(work.reconciles, 0);
            black_box(work)
        })
    });
}

/// Prints `kubectl get pods -A` over 10,000 pods, as a learner's terminal receives it.
fn get_pods(c: &mut Criterion) {
    let (cluster, _) = scale(200, 10_000);
    let mut session = engine::session::Session::with_cluster("bench", 7, cluster);
    let lines = session.exec("kubectl get pods -A").stdout.lines().count();
    assert_eq!(lines, 10_001, "a header and one line per pod");
    c.bench_function("kubectl get pods -A (10,000 pods)", |b| {
        b.iter(|| {
            let out = session.exec("kubectl get pods -A");
            session.transcript.clear();
            black_box(out)
        })
    });
}

/// Short measurements: these benchmarks track the hot paths' costs, and the whole run must stay quick.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

criterion_group! {
    name = hot_paths;
    config = config();
    targets = scheduling, store_write, snapshot, idle_step, get_pods
}
criterion_main!(hot_paths);
