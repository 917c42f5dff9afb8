//! Inter-pod affinity, anti-affinity and topology spread through the command line, on the classroom cluster's three
//! workers.

use expect_test::expect;

use crate::cluster::quota::tests::check;
use crate::session::Session;

/// A Deployment of `replicas` pods labelled `app=NAME` with `affinity` (YAML, indented for `spec.template.spec`).
fn deployment(name: &str, replicas: u32, rules: &str) -> String {
    format!(
        "cat <<EOF | oc apply -n aa -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
{rules}
      containers:
      - name: web
        image: registry.access.redhat.com/ubi9/httpd-24
EOF"
    )
}

fn anti(kind: &str, app: &str, key: &str) -> String {
    format!(
        "      affinity:
        {kind}:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: {app}
            topologyKey: {key}"
    )
}

const NODES: &str = "oc get pods -n aa -o custom-columns=NODE:.spec.nodeName,STATUS:.status.phase --no-headers | sort | uniq -c | sed 's/^ *//'";

#[test]
fn required_anti_affinity_spreads_over_hosts_and_zones() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        "oc create namespace aa",
        expect![[r#"
        namespace/aa created
    "#]],
    );
    check(
        &mut s,
        &deployment(
            "web",
            4,
            &anti("podAntiAffinity", "web", "kubernetes.io/hostname"),
        ),
        expect![[r#"
            deployment.apps/web created
        "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        NODES,
        expect![[r#"
                  1 <none>     Pending
                  1 worker01   Running
                  1 worker02   Running
                  1 worker03   Running
        "#]],
    );
    check(
        &mut s,
        "oc get pods -n aa --field-selector=status.phase=Pending -o jsonpath='{.items[0].status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't match pod anti-affinity rules, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.
        "#]],
    );
    // A pod the running pods' anti-affinity selects is refused by every worker too.
    check(
        &mut s,
        "oc run intruder --image=registry.access.redhat.com/ubi9/httpd-24 --labels=app=web -n aa",
        expect![[r#"
        pod/intruder created
    "#]],
    );
    s.pass_time(5_000);
    check(
        &mut s,
        "oc get pod intruder -n aa -o jsonpath='{.status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.
        "#]],
    );
    check(
        &mut s,
        "oc delete deployment web -n aa",
        expect![[r#"
        deployment.apps "web" deleted
    "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        NODES,
        expect![[r#"
                  1 worker01   Running
        "#]],
    );
    // Zones: two workers in zone a, one in zone b.
    check(
        &mut s,
        "oc label node worker01 worker02 topology.kubernetes.io/zone=a",
        expect![[r#"
        node/worker01 labeled
        node/worker02 labeled
    "#]],
    );
    check(
        &mut s,
        "oc label node worker03 topology.kubernetes.io/zone=b",
        expect![[r#"
        node/worker03 labeled
    "#]],
    );
    check(
        &mut s,
        &deployment(
            "db",
            3,
            &anti("podAntiAffinity", "db", "topology.kubernetes.io/zone"),
        ),
        expect![[r#"
            deployment.apps/db created
        "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        "oc get pods -n aa -l app=db -o custom-columns=STATUS:.status.phase --no-headers | sort | uniq -c | sed 's/^ *//'",
        expect![[r#"
                  1 Pending
                  2 Running
        "#]],
    );
    check(
        &mut s,
        "oc get pods -n aa -l app=db --field-selector=status.phase=Pending -o jsonpath='{.items[0].status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't match pod anti-affinity rules, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.
        "#]],
    );
}

#[test]
fn pod_affinity_and_spread_constraints_place_pods() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        "oc create namespace aa",
        expect![[r#"
        namespace/aa created
    "#]],
    );
    check(
        &mut s,
        "oc run cache --image=registry.access.redhat.com/ubi9/httpd-24 --labels=app=cache -n aa",
        expect![[r#"
        pod/cache created
    "#]],
    );
    s.pass_time(10_000);
    check(
        &mut s,
        &deployment(
            "near",
            3,
            &anti("podAffinity", "cache", "kubernetes.io/hostname"),
        ),
        expect![[r#"
            deployment.apps/near created
        "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        NODES,
        expect![[r#"
                  4 worker01   Running
        "#]],
    );
    // Affinity to pods that do not exist leaves the pods Pending; preemption cannot help.
    check(
        &mut s,
        &deployment(
            "lonely",
            1,
            &anti("podAffinity", "nothing", "kubernetes.io/hostname"),
        ),
        expect![[r#"
            deployment.apps/lonely created
        "#]],
    );
    s.pass_time(10_000);
    check(
        &mut s,
        "oc get pods -n aa -l app=lonely -o jsonpath='{.items[0].status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't match pod affinity rules, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.
        "#]],
    );
    let spread = "      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: even";
    check(
        &mut s,
        &deployment("even", 6, spread),
        expect![[r#"
        deployment.apps/even created
    "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        "oc get pods -n aa -l app=even -o custom-columns=NODE:.spec.nodeName --no-headers | sort | uniq -c | sed 's/^ *//'",
        expect![[r#"
                  3 <none>
                  1 worker01
                  1 worker02
                  1 worker03
        "#]],
    );
    // The tainted control-plane nodes are domains too (`nodeTaintsPolicy: Ignore`), each with no pods, so no worker
    // may take a second pod.
    check(
        &mut s,
        "oc get pods -n aa -l app=even --field-selector=status.phase=Pending -o jsonpath='{.items[0].status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't match pod topology spread constraints, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.
        "#]],
    );
    check(
        &mut s,
        "oc patch deployment even -n aa --type=json -p '[{\"op\": \"add\", \"path\": \"/spec/template/spec/topologySpreadConstraints/0/nodeTaintsPolicy\", \"value\": \"Honor\"}]'",
        expect![[r#"
            deployment.apps/even patched
        "#]],
    );
    s.pass_time(60_000);
    check(
        &mut s,
        "oc get pods -n aa -l app=even -o custom-columns=NODE:.spec.nodeName,STATUS:.status.phase --no-headers | sort | uniq -c | sed 's/^ *//'",
        expect![[r#"
              2 worker01   Running
              2 worker02   Running
              2 worker03   Running
    "#]],
    );
    let zoned = "      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: zoned";
    check(
        &mut s,
        &deployment("zoned", 1, zoned),
        expect![[r#"
        deployment.apps/zoned created
    "#]],
    );
    s.pass_time(10_000);
    check(
        &mut s,
        "oc get pods -n aa -l app=zoned -o jsonpath='{.items[0].status.conditions[0].message}{\"\\n\"}'",
        expect![[r#"
            0/6 nodes are available: 3 node(s) didn't match pod topology spread constraints (missing required label), 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.
        "#]],
    );
}

#[test]
fn preferred_anti_affinity_spreads_replicas() {
    let mut s = Session::new("ocp4", 1).unwrap();
    check(
        &mut s,
        "oc create namespace aa",
        expect![[r#"
        namespace/aa created
    "#]],
    );
    let preferred = "      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector:
                matchLabels:
                  app: soft
              topologyKey: kubernetes.io/hostname";
    check(
        &mut s,
        &deployment("soft", 3, preferred),
        expect![[r#"
        deployment.apps/soft created
    "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        NODES,
        expect![[r#"
                  1 worker01   Running
                  1 worker02   Running
                  1 worker03   Running
        "#]],
    );
}
