//! Property tests of the cluster: random sequences of learner operations keep the control plane's invariants.
//!
//! Each case boots the tiny scenario (a tainted control-plane node and two 2-CPU workers), applies up to a dozen
//! random operations (create, scale and delete deployments, some with required pod anti-affinity, delete pods,
//! cordon, drain, stop, start and delete nodes, set or remove a pod quota, let time pass) and checks after every
//! step that resourceVersions only grow, that no node holds more than it has room for, that no two pods an
//! anti-affinity rule keeps apart share a node, that pods on a node that has been unreachable past the eviction
//! delay are being deleted and that no pod stays bound to a deleted node past the collector's quarantine. At the
//! end every remaining node comes back, time passes (longer than the ReplicaSet controller's longest back-off),
//! and each deployment must have exactly its replicas, or fewer only while the quota is used up and its
//! ReplicaSet reports the refusal, with no dependent left whose owner is gone.

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::json;

use super::controllers::nodes::{EVICTION_MS, GRACE_MS};
use super::tests::TINY;
use super::*;
use crate::api::Phase;

/// One thing a learner (or a fault) does to the cluster.
#[derive(Debug, Clone)]
enum Step {
    /// Creates (or, when it exists, scales) deployment `app` with `replicas` pods requesting `cpu` millicores,
    /// keeping its pods on different nodes when `anti` is set.
    Create {
        app: u8,
        replicas: u8,
        cpu: u16,
        anti: bool,
    },
    /// Scales deployment `app`.
    Scale { app: u8, replicas: u8 },
    /// Deletes deployment `app`.
    Delete { app: u8 },
    /// Deletes the `pick`-th pod (by name).
    DeletePod { pick: u8 },
    /// Cordons worker `node`.
    Cordon { node: u8 },
    /// Cordons worker `node` and deletes its pods, as `kubectl drain` does.
    Drain { node: u8 },
    /// Makes worker `node` schedulable again.
    Uncordon { node: u8 },
    /// Stops worker `node`'s kubelet.
    Stop { node: u8 },
    /// Starts worker `node`'s kubelet again.
    Start { node: u8 },
    /// Deletes worker `node`.
    DeleteNode { node: u8 },
    /// Sets the namespace's pod quota to `pods`, or removes it when `pods` is 0.
    Quota { pods: u8 },
    /// Lets `ms` virtual milliseconds pass.
    Wait { ms: u32 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3u8, 0..6u8, 0..400u16, any::<bool>())
            .prop_map(|(app, replicas, cpu, anti)| Step::Create { app, replicas, cpu, anti }),
        2 => (0..3u8, 0..7u8).prop_map(|(app, replicas)| Step::Scale { app, replicas }),
        1 => (0..3u8).prop_map(|app| Step::Delete { app }),
        1 => any::<u8>().prop_map(|pick| Step::DeletePod { pick }),
        1 => (0..2u8).prop_map(|node| Step::Cordon { node }),
        1 => (0..2u8).prop_map(|node| Step::Drain { node }),
        1 => (0..2u8).prop_map(|node| Step::Uncordon { node }),
        1 => (0..2u8).prop_map(|node| Step::Stop { node }),
        1 => (0..2u8).prop_map(|node| Step::Start { node }),
        1 => (0..2u8).prop_map(|node| Step::DeleteNode { node }),
        2 => (0..8u8).prop_map(|pods| Step::Quota { pods }),
        3 => (0..400_000u32).prop_map(|ms| Step::Wait { ms }),
    ]
}

const WORKERS: [&str; 2] = ["w1", "w2"];

fn admin() -> UserInfo {
    UserInfo::system_admin()
}

fn app_name(app: u8) -> String {
    format!("app{app}")
}

fn deployment(name: &str, replicas: u8, cpu: u16, anti: bool) -> Object {
    let mut value = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": name}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{
                "name": "web", "image": "nginx",
                "resources": {"requests": {"cpu": format!("{cpu}m")}}}]}}}
    });
    if anti {
        value["spec"]["template"]["spec"]["affinity"] = json!({"podAntiAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [{
                "labelSelector": {"matchLabels": {"app": name}},
                "topologyKey": "kubernetes.io/hostname"}]}});
    }
    Object::from_json(&value).expect("a valid deployment")
}

fn set_quota(c: &mut Cluster, pods: u8) {
    let existing = c.get(quota::resource_quota(), "default", "q");
    if pods == 0 {
        if existing.is_some() {
            c.delete(&admin(), quota::resource_quota(), "default", "q", false)
                .expect("the quota can be deleted");
        }
        return;
    }
    let value = json!({"apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": {"name": "q", "namespace": "default"}, "spec": {"hard": {"pods": pods.to_string()}}});
    let object = Object::from_json(&value).expect("a valid quota");
    if existing.is_some() {
        c.update(&admin(), object, false)
            .expect("the quota can be updated");
    } else {
        c.create(&admin(), object, false)
            .expect("the quota can be created");
    }
}

fn scale(c: &mut Cluster, name: &str, replicas: u8) {
    if let Some(d) = c.get(k::deployment(), "default", name) {
        let mut d = (*d).clone();
        d.spec_mut().insert("replicas".into(), json!(replicas));
        c.update(&admin(), d, false).expect("scale is admitted");
    }
}

fn set_unschedulable(c: &mut Cluster, node: &str, unschedulable: bool) {
    let mut n = (*c.get(k::node(), "", node).expect("worker exists")).clone();
    n.spec_mut()
        .insert("unschedulable".into(), json!(unschedulable));
    c.update(&admin(), n, false).expect("cordon is admitted");
}

/// Applies one step; `deleted` remembers when each worker was deleted.
fn apply(c: &mut Cluster, step: &Step, deleted: &mut HashMap<&'static str, i64>) {
    let worker = |node: u8| WORKERS[node as usize];
    match *step {
        Step::Cordon { node }
        | Step::Uncordon { node }
        | Step::Drain { node }
        | Step::Stop { node }
        | Step::Start { node }
        | Step::DeleteNode { node }
            if deleted.contains_key(worker(node)) => {}
        Step::Create {
            app,
            replicas,
            cpu,
            anti,
        } => {
            let name = app_name(app);
            if c.get(k::deployment(), "default", &name).is_some() {
                scale(c, &name, replicas);
            } else {
                c.create(&admin(), deployment(&name, replicas, cpu, anti), false)
                    .expect("deployment is admitted");
            }
        }
        Step::DeleteNode { node } => {
            c.delete(&admin(), k::node(), "", worker(node), false)
                .expect("a worker can be deleted");
            deleted.insert(worker(node), c.now);
        }
        Step::Quota { pods } => set_quota(c, pods),
        Step::Scale { app, replicas } => scale(c, &app_name(app), replicas),
        Step::Delete { app } => {
            // Deleting what is already gone is NotFound, which is fine here.
            let _ = c.delete(&admin(), k::deployment(), "default", &app_name(app), false);
        }
        Step::DeletePod { pick } => {
            let pods: Vec<Arc<Object>> = c.store.list(k::pod(), Some("default")).cloned().collect();
            if !pods.is_empty() {
                let pod = &pods[pick as usize % pods.len()];
                c.delete(&admin(), k::pod(), "default", &pod.meta.name, false)
                    .expect("a listed pod can be deleted");
            }
        }
        Step::Cordon { node } => set_unschedulable(c, WORKERS[node as usize], true),
        Step::Uncordon { node } => set_unschedulable(c, WORKERS[node as usize], false),
        Step::Drain { node } => {
            let name = WORKERS[node as usize];
            set_unschedulable(c, name, true);
            for pod in c.store.pod_objects_on(name) {
                if pod.meta.deletion.is_none() {
                    c.delete(
                        &admin(),
                        k::pod(),
                        &pod.meta.namespace,
                        &pod.meta.name,
                        false,
                    )
                    .expect("a bound pod can be deleted");
                }
            }
        }
        Step::Stop { node } => c.stop_node(WORKERS[node as usize]),
        Step::Start { node } => c.start_node(WORKERS[node as usize]),
        Step::Wait { ms } => c.advance(ms as i64),
    }
}

fn active(p: &Object) -> bool {
    p.pod()
        .is_some_and(|s| !matches!(s.phase, Phase::Succeeded | Phase::Failed))
}

/// Checks what must hold at every instant; `seen` remembers each object's last resourceVersion by uid.
fn check_always(
    c: &Cluster,
    seen: &mut HashMap<u64, u64>,
    last_revision: &mut u64,
    deleted: &HashMap<&'static str, i64>,
) -> Result<(), TestCaseError> {
    let revision = c.store.revision();
    prop_assert!(revision >= *last_revision, "the store revision went back");
    *last_revision = revision;
    for kind in [k::pod(), k::replicaset(), k::deployment(), k::node()] {
        for o in c.store.list(kind, None) {
            prop_assert!(o.meta.resource_version <= revision);
            let before = seen
                .insert(o.meta.uid, o.meta.resource_version)
                .unwrap_or(0);
            prop_assert!(
                o.meta.resource_version >= before,
                "{} went from resourceVersion {before} to {}",
                o.meta.name,
                o.meta.resource_version
            );
        }
    }
    for (&name, &at) in deleted {
        if c.now > at + controllers::podgc::QUARANTINE_MS + 1000 {
            prop_assert!(
                c.store.pod_count_on(name) == 0,
                "pods are still bound to {name}, deleted at {at}"
            );
        }
    }
    for node in c.store.list(k::node(), None) {
        let name = node.meta.name.as_str();
        let allocatable = controllers::quantity(
            node.status_json()["allocatable"]["cpu"]
                .as_str()
                .unwrap_or("0"),
            true,
        );
        let on_node: Vec<Arc<Object>> = c
            .store
            .pod_objects_on(name)
            .into_iter()
            .filter(|p| active(p))
            .collect();
        let requested: i64 = on_node
            .iter()
            .map(|p| {
                controllers::quantity(
                    p.spec()["containers"][0]["resources"]["requests"]["cpu"]
                        .as_str()
                        .unwrap_or("0"),
                    true,
                )
            })
            .sum();
        prop_assert!(
            requested <= allocatable,
            "{name} holds {requested}m of {allocatable}m"
        );
        prop_assert!(on_node.len() <= 110);
        for p in on_node
            .iter()
            .filter(|p| p.spec()["affinity"]["podAntiAffinity"].is_object())
        {
            let app = p.meta.label("app");
            let together = on_node
                .iter()
                .filter(|q| q.meta.uid != p.meta.uid && q.meta.label("app") == app)
                .count();
            prop_assert!(
                together == 0,
                "{} shares {name} with {together} pod(s) its anti-affinity refuses",
                p.meta.name
            );
        }
        if let Some(&stopped) = c.stopped_nodes.get(name)
            && c.now > stopped + GRACE_MS + EVICTION_MS + 1000
        {
            for p in &on_node {
                prop_assert!(
                    p.meta.deletion.is_some(),
                    "{} is still live on {name}, unreachable since {stopped}",
                    p.meta.name
                );
            }
        }
    }
    Ok(())
}

/// Checks what must hold once every node is back and the controllers had time.
fn check_settled(c: &Cluster) -> Result<(), TestCaseError> {
    for d in c.store.list(k::deployment(), Some("default")) {
        let desired = d.spec()["replicas"].as_i64().unwrap_or(1);
        let pods = c
            .store
            .list(k::pod(), Some("default"))
            .filter(|p| p.meta.deletion.is_none() && active(p))
            .filter(|p| p.meta.label("app") == Some(d.meta.name.as_str()))
            .count() as i64;
        if pods < desired {
            // Only a used-up quota may hold a deployment below its replicas, and its ReplicaSet says so.
            let quota = c.get(quota::resource_quota(), "default", "q");
            let full = quota.is_some_and(|q| {
                let used = &q.status_json()["used"]["pods"];
                let hard = &q.status_json()["hard"]["pods"];
                used.as_str().and_then(|u| u.parse::<i64>().ok())
                    >= hard.as_str().and_then(|h| h.parse::<i64>().ok())
            });
            prop_assert!(
                full,
                "deployment {} has {pods} of {desired} pods without a full quota",
                d.meta.name
            );
            let refused = c.store.list(k::replicaset(), Some("default")).any(|rs| {
                rs.meta.controller().is_some_and(|o| o.uid == d.meta.uid)
                    && rs.status_json()["conditions"][0]["reason"] == "FailedCreate"
            });
            prop_assert!(
                refused,
                "deployment {} is short of pods without a FailedCreate condition",
                d.meta.name
            );
        } else {
            prop_assert_eq!(
                pods,
                desired,
                "deployment {} has the wrong number of pods",
                d.meta.name
            );
        }
    }
    for kind in [k::pod(), k::replicaset()] {
        for o in c.store.list(kind, None) {
            if let Some(owner) = o.meta.controller() {
                let ns = if owner.kind.info().namespaced {
                    o.meta.namespace.as_str()
                } else {
                    ""
                };
                let alive = c
                    .store
                    .get(owner.kind, ns, &owner.name)
                    .is_some_and(|x| x.meta.uid == owner.uid);
                prop_assert!(alive, "{} outlived its owner {}", o.meta.name, owner.name);
            }
        }
    }
    for p in c.store.list(k::pod(), None) {
        if let Some(node) = p.pod().and_then(|s| s.node.as_deref()) {
            prop_assert!(
                c.store.get(k::node(), "", node).is_some(),
                "{} is bound to a node that does not exist",
                p.meta.name
            );
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_the_invariants(steps in proptest::collection::vec(step(), 1..12)) {
        let mut c = Cluster::from_scenario(TINY, 42).expect("scenario loads");
        let mut seen = HashMap::new();
        let mut revision = 0;
        let mut deleted = HashMap::new();
        for s in &steps {
            apply(&mut c, s, &mut deleted);
            c.advance(2_000);
            check_always(&c, &mut seen, &mut revision, &deleted)?;
        }
        for name in WORKERS.into_iter().filter(|w| !deleted.contains_key(w)) {
            c.start_node(name);
            set_unschedulable(&mut c, name, false);
        }
        // Longer than the ReplicaSet controller's longest back-off (1000 s), so refused pods are tried again.
        c.advance(1_100_000);
        check_always(&c, &mut seen, &mut revision, &deleted)?;
        check_settled(&c)?;
    }
}
