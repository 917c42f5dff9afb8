//! Behavioural tests of the cluster: controllers, scheduler and kubelet driven through virtual time.

use serde_json::json;

use super::*;
use crate::api::Phase;

/// A small cluster: one control-plane node (tainted) and two workers, with an nginx image in the catalogue.
pub(crate) const TINY: &str = r#"
apiVersion: bastion.dev/v1
kind: Scenario
metadata: {name: tiny}
spec:
  name: tiny
  kubernetesVersion: v1.27.10
  startTime: "2026-01-05T09:00:00Z"
  serviceCIDR: 10.96.0.0/12
  podCIDR: {clusterNetwork: 10.244.0.0/16, hostPrefix: 24}
  images:
  - references: ["nginx", "nginx:*", "docker.io/library/nginx:*"]
    sizeMB: 67
    behaviour: server
    startupLog: ["/docker-entrypoint.sh: Configuration complete; ready for start up"]
  - references: ["busybox", "busybox:*"]
    sizeMB: 2
    behaviour: exits
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Node
metadata: {name: cp, labels: {kubernetes.io/hostname: cp, node-role.kubernetes.io/control-plane: ""}}
spec: {taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.10}]
---
apiVersion: v1
kind: Node
metadata: {name: w1, labels: {kubernetes.io/hostname: w1}}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.11}]
---
apiVersion: v1
kind: Node
metadata: {name: w2, labels: {kubernetes.io/hostname: w2}}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.12}]
"#;

fn cluster() -> Cluster {
    Cluster::from_scenario(TINY, 42).expect("scenario loads")
}

fn create(c: &mut Cluster, value: serde_json::Value) -> Arc<Object> {
    let object = Object::from_json(&value).unwrap();
    c.create(&UserInfo::system_admin(), object, false).unwrap()
}

fn deployment(name: &str, replicas: i64, image: &str) -> serde_json::Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": name}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": name, "image": image}]}}}
    })
}

fn pods(c: &Cluster) -> Vec<Arc<Object>> {
    c.store.list(k::pod(), Some("default")).cloned().collect()
}

fn running_ready(c: &Cluster) -> usize {
    pods(c)
        .iter()
        .filter(|p| controllers::workloads::pod_ready(p))
        .count()
}

#[test]
fn a_deployment_converges_to_ready_pods_on_workers() {
    let mut c = cluster();
    create(&mut c, deployment("web", 3, "nginx"));
    assert_eq!(pods(&c).len(), 3, "replica set creates pods at once");
    c.advance(1_000);
    assert!(
        pods(&c)
            .iter()
            .all(|p| p.pod().unwrap().node.as_deref().is_some_and(|n| n != "cp")),
        "never on the tainted node"
    );
    assert_eq!(running_ready(&c), 0, "still pulling after a second");
    c.advance(10_000);
    assert_eq!(running_ready(&c), 3);
    let d = c.get(k::deployment(), "default", "web").unwrap();
    assert_eq!(d.status_json()["availableReplicas"], 3);
    assert_eq!(d.status_json()["conditions"][0]["status"], "True");
    let reasons: Vec<String> = c.events.iter().map(|e| e.reason.to_string()).collect();
    for r in [
        "ScalingReplicaSet",
        "SuccessfulCreate",
        "Scheduled",
        "Pulling",
        "Pulled",
        "Created",
        "Started",
    ] {
        assert!(
            reasons.contains(&r.to_owned()),
            "missing event {r}: {reasons:?}"
        );
    }
}

#[test]
fn deleting_a_pod_self_heals() {
    let mut c = cluster();
    create(&mut c, deployment("web", 2, "nginx"));
    c.advance(15_000);
    let victim = pods(&c)[0].clone();
    c.delete(
        &UserInfo::system_admin(),
        k::pod(),
        "default",
        &victim.meta.name,
        false,
    )
    .unwrap();
    let names: Vec<String> = pods(&c).iter().map(|p| p.meta.name.to_string()).collect();
    assert_eq!(
        names.len(),
        3,
        "a replacement is created while the victim terminates: {names:?}"
    );
    c.advance(15_000);
    assert_eq!(pods(&c).len(), 2);
    assert!(c.get(k::pod(), "default", &victim.meta.name).is_none());
    assert_eq!(running_ready(&c), 2);
}

#[test]
fn an_unknown_image_backs_off() {
    let mut c = cluster();
    create(&mut c, deployment("bad", 1, "nginxx"));
    c.advance(5_000);
    let p = &pods(&c)[0];
    let state = &p.pod().unwrap().containers[0].state;
    assert!(
        matches!(state, ContainerStateAlias::Waiting { reason, .. } if reason == "ErrImagePull" || reason == "ImagePullBackOff"),
        "{state:?}"
    );
    c.advance(60_000);
    let p = &pods(&c)[0];
    assert!(matches!(
        &p.pod().unwrap().containers[0].state,
        ContainerStateAlias::Waiting { .. }
    ));
    assert_eq!(p.pod().unwrap().phase, Phase::Pending);
}

type ContainerStateAlias = crate::api::ContainerState;

#[test]
fn a_crashing_container_loops_with_growing_back_off() {
    let mut c = cluster();
    create(&mut c, deployment("bb", 1, "busybox"));
    c.advance(120_000);
    let p = &pods(&c)[0];
    let s = &p.pod().unwrap().containers[0];
    assert!(
        s.restarts >= 2 && s.restarts <= 5,
        "restarts {}",
        s.restarts
    );
    assert!(s.last.is_some());
}

#[test]
fn scaling_up_past_capacity_leaves_pods_pending_with_the_real_message() {
    let mut c = cluster();
    let mut d = deployment("big", 3, "nginx");
    d["spec"]["template"]["spec"]["containers"][0]["resources"] =
        json!({"requests": {"cpu": "1500m"}});
    create(&mut c, d);
    c.advance(20_000);
    let pending: Vec<_> = pods(&c)
        .into_iter()
        .filter(|p| p.pod().unwrap().node.is_none())
        .collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].pod().unwrap().unschedulable(),
        Some(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
        )
    );
}

#[test]
fn a_rolling_update_replaces_every_pod() {
    let mut c = cluster();
    create(&mut c, deployment("web", 4, "nginx:1.24"));
    c.advance(20_000);
    let before: Vec<String> = pods(&c).iter().map(|p| p.meta.name.to_string()).collect();
    let mut d = (*c.get(k::deployment(), "default", "web").unwrap()).clone();
    d.spec_mut()["template"]["spec"]["containers"][0]["image"] = json!("nginx:1.25");
    d.meta.resource_version = 0;
    c.update(&UserInfo::system_admin(), d, false).unwrap();
    c.advance(120_000);
    let after = pods(&c);
    assert_eq!(after.len(), 4);
    assert!(
        after
            .iter()
            .all(|p| !before.contains(&p.meta.name.to_string()))
    );
    assert!(
        after
            .iter()
            .all(|p| p.spec()["containers"][0]["image"] == "nginx:1.25")
    );
    assert_eq!(
        c.store.list(k::replicaset(), Some("default")).count(),
        2,
        "the old replica set is kept for rollback"
    );
    let d = c.get(k::deployment(), "default", "web").unwrap();
    assert_eq!(d.status_json()["updatedReplicas"], 4);
    assert_eq!(
        d.status_json()["conditions"][1]["reason"],
        "NewReplicaSetAvailable"
    );
}

#[test]
fn deleting_a_deployment_collects_its_replica_sets_and_pods() {
    let mut c = cluster();
    create(&mut c, deployment("web", 2, "nginx"));
    c.advance(15_000);
    c.delete(
        &UserInfo::system_admin(),
        k::deployment(),
        "default",
        "web",
        false,
    )
    .unwrap();
    c.advance(10_000);
    assert_eq!(c.store.count(k::replicaset()), 0);
    assert_eq!(pods(&c).len(), 0);
}

#[test]
fn a_stopped_node_goes_not_ready_and_its_pods_are_replaced() {
    let mut c = cluster();
    create(&mut c, deployment("web", 2, "nginx"));
    c.advance(15_000);
    let on_w1 = c.store.pod_count_on("w1");
    c.stop_node("w1");
    c.advance(45_000);
    let node = c.get(k::node(), "", "w1").unwrap();
    assert!(!controllers::nodes::is_ready(&node));
    c.advance(310_000);
    let live: Vec<_> = pods(&c)
        .into_iter()
        .filter(|p| p.meta.deletion.is_none())
        .collect();
    assert_eq!(live.len(), 2);
    assert!(
        live.iter()
            .all(|p| p.pod().unwrap().node.as_deref() == Some("w2")),
        "replacements land on the healthy node"
    );
    assert_eq!(
        pods(&c).len(),
        2 + on_w1,
        "evicted pods stay Terminating while the node is down"
    );
    c.start_node("w1");
    c.advance(5_000);
    assert_eq!(pods(&c).len(), 2);
}

#[test]
fn services_get_endpoints_from_ready_pods() {
    let mut c = cluster();
    create(&mut c, deployment("web", 2, "nginx"));
    create(
        &mut c,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 80}]}}),
    );
    let svc = c.get(k::service(), "default", "web").unwrap();
    assert!(svc.spec()["clusterIP"].as_str().unwrap().starts_with("10."));
    c.advance(15_000);
    let ep = c.get(k::endpoints(), "default", "web").unwrap();
    assert_eq!(
        ep.field("subsets")[0]["addresses"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn jobs_complete() {
    let mut c = cluster();
    create(
        &mut c,
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi", "namespace": "default"},
        "spec": {"completions": 2, "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "pi", "image": "busybox", "command": ["sh", "-c", "echo hi"]}]}}}}),
    );
    c.advance(60_000);
    let job = c.get(k::job(), "default", "pi").unwrap();
    assert_eq!(job.status_json()["succeeded"], 2, "{}", job.status_json());
    assert_eq!(job.status_json()["conditions"][0]["type"], "Complete");
}

#[test]
fn admission_rejects_bad_objects_with_real_messages() {
    let mut c = cluster();
    let admin = UserInfo::system_admin();
    let bad = Object::from_json(&deployment("Bad_Name", 1, "nginx")).unwrap();
    assert_eq!(
        c.create(&admin, bad, false)
            .unwrap_err()
            .kubectl_line()
            .split(':')
            .next()
            .unwrap(),
        "The Deployment \"Bad_Name\" is invalid"
    );
    let mut d = deployment("web", 1, "nginx");
    d["metadata"]["namespace"] = json!("nope");
    let err = c
        .create(&admin, Object::from_json(&d).unwrap(), false)
        .unwrap_err();
    assert_eq!(
        err.kubectl_line(),
        "Error from server (NotFound): namespaces \"nope\" not found"
    );
    create(&mut c, deployment("web", 1, "nginx"));
    let err = c
        .create(
            &admin,
            Object::from_json(&deployment("web", 1, "nginx")).unwrap(),
            false,
        )
        .unwrap_err();
    assert_eq!(
        err.kubectl_line(),
        "Error from server (AlreadyExists): deployments.apps \"web\" already exists"
    );
    let mut d = deployment("sel", 1, "nginx");
    d["spec"]["selector"] = json!({"matchLabels": {"app": "other"}});
    let err = c
        .create(&admin, Object::from_json(&d).unwrap(), false)
        .unwrap_err();
    assert!(
        err.message
            .contains("`selector` does not match template `labels`"),
        "{}",
        err.message
    );
}

#[test]
fn the_same_seed_gives_the_same_cluster() {
    let run = || {
        let mut c = cluster();
        create(&mut c, deployment("web", 3, "nginx"));
        c.advance(30_000);
        pods(&c)
            .iter()
            .map(|p| (p.meta.name.to_string(), p.pod().unwrap().node.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn every_built_in_scenario_boots_with_all_pods_running() {
    for name in scenario::BUILT_IN {
        let c = Cluster::built_in(name, 1).unwrap();
        let pods: Vec<_> = c.store.list(k::pod(), None).cloned().collect();
        assert!(pods.len() > 5, "{name}: {} pods", pods.len());
        let not_running: Vec<String> = pods
            .iter()
            .filter(|p| {
                p.pod().unwrap().phase != Phase::Succeeded && !controllers::workloads::pod_ready(p)
            })
            .map(|p| {
                format!(
                    "{}/{} {:?} {:?}",
                    p.meta.namespace,
                    p.meta.name,
                    p.pod().unwrap().phase,
                    p.pod().unwrap().unschedulable()
                )
            })
            .collect();
        assert!(not_running.is_empty(), "{name}: {not_running:#?}");
        assert!(
            c.events.iter().next().is_none(),
            "{name}: boot events are cleared"
        );
    }
}

#[test]
fn openshift_runs_the_image_stream_nginx_but_not_docker_hub_nginx() {
    let mut c = Cluster::built_in("ocp4", 1).unwrap();
    let admin = UserInfo::system_admin();
    controllers::openshift::request_project(&mut c, &admin, "demo", "", "").unwrap();
    for (name, image) in [
        ("hub", "nginx"),
        (
            "ubi",
            "image-registry.openshift-image-registry.svc:5000/openshift/nginx:1.22-ubi8",
        ),
    ] {
        let mut d = deployment(name, 1, image);
        d["metadata"]["namespace"] = json!("demo");
        c.create(&admin, Object::from_json(&d).unwrap(), false)
            .unwrap();
    }
    c.advance(60_000);
    let pod = |prefix: &str| {
        c.store
            .list(k::pod(), Some("demo"))
            .find(|p| p.meta.name.starts_with(prefix))
            .cloned()
            .unwrap()
    };
    let hub = pod("hub-");
    assert!(
        hub.pod().unwrap().containers[0].restarts >= 1,
        "docker.io nginx crash-loops under restricted-v2"
    );
    let log = controllers::kubelet::container_log(&c, &hub, None, true).unwrap();
    assert!(log.contains("Permission denied"), "{log}");
    assert!(
        controllers::workloads::pod_ready(&pod("ubi-")),
        "the UBI nginx runs"
    );
}
