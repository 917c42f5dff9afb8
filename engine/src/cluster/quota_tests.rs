//! ResourceQuota and LimitRange through the command line: admission errors, defaults, usage and the ReplicaSet's
//! FailedCreate events.

use expect_test::{Expect, expect};

use crate::session::Session;

/// Runs one input line and renders its output, error and exit code; a few virtual seconds pass, as when a learner
/// types.
pub(crate) fn check(s: &mut Session, line: &str, expected: Expect) {
    let out = s.exec(line);
    s.pass_time(3000);
    let mut text = out.stdout;
    if !out.stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&out.stderr);
    }
    if out.code != 0 {
        text.push_str(&format!("--- exit {}\n", out.code));
    }
    expected.assert_eq(&text);
}

const LIMITS: &str = "cat <<EOF | kubectl apply -n lr -f -
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    max:
      cpu: \"1\"
      memory: 1Gi
    min:
      cpu: 50m
    default:
      cpu: 200m
    defaultRequest:
      cpu: 100m
    maxLimitRequestRatio:
      cpu: \"4\"
  - type: Pod
    max:
      memory: 2Gi
EOF";

#[test]
fn a_quota_on_pods_holds_a_deployment_below_its_replicas() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace qt",
        expect![[r#"
        namespace/qt created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota q --hard=pods=2,services=1,count/deployments.apps=5 -n qt",
        expect![[r#"
        resourcequota/q created
    "#]],
    );
    check(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=3 -n qt",
        expect![[r#"
        deployment.apps/web created
    "#]],
    );
    s.pass_time(30_000);
    check(
        &mut s,
        "kubectl get deploy,rs -n qt",
        expect![[r#"
            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/3     2            2           36s

            NAME                             DESIRED   CURRENT   READY   AGE
            replicaset.apps/web-549984b78b   3         2         2       36s
        "#]],
    );
    check(
        &mut s,
        "kubectl get quota -n qt",
        expect![[r#"
        NAME   AGE   REQUEST                                                 LIMIT
        q      48s   count/deployments.apps: 1/5, pods: 2/2, services: 0/1   
    "#]],
    );
    check(
        &mut s,
        "kubectl describe quota q -n qt",
        expect![[r#"
        Name:                   q
        Namespace:              qt
        Resource                Used  Hard
        --------                ----  ----
        count/deployments.apps  1     5
        pods                    2     2
        services                0     1
    "#]],
    );
    check(
        &mut s,
        "kubectl describe rs -n qt | sed -n '/^Conditions/,$p'",
        expect![[r#"
            Conditions:
              Type             Status  Reason
              ----             ------  ------
              ReplicaFailure   True    FailedCreate
            Events:
              Type     Reason            Age                 From                   Message
              ----     ------            ----                ----                   -------
              Normal   SuccessfulCreate  54s                 replicaset-controller  Created pod: web-549984b78b-slt6b
              Normal   SuccessfulCreate  54s                 replicaset-controller  Created pod: web-549984b78b-prwc8
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-fl4wf" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-jbvmb" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-8klzc" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-g652h" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-tv9b8" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-b2nqz" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-mbtc7" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-zqth8" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      54s                 replicaset-controller  Error creating: pods "web-549984b78b-s48kp" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
              Warning  FailedCreate      11s (x10 over 54s)  replicaset-controller  (combined from similar events): Error creating: pods "web-549984b78b-2wrv8" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
        "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -n qt -o jsonpath='{.status.conditions[2].type} {.status.conditions[2].reason}{\"\\n\"}{.status.conditions[2].message}{\"\\n\"}'",
        expect![[r#"
            ReplicaFailure FailedCreate
            pods "web-549984b78b-fl4wf" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
        "#]],
    );
    check(
        &mut s,
        "kubectl run extra --image=nginx -n qt",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): pods "extra" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl expose deployment web --port=80 -n qt",
        expect![[r#"
        service/web exposed
    "#]],
    );
    check(
        &mut s,
        "kubectl create service clusterip other --tcp=80:80 -n qt",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): services "other" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1
        --- exit 1
    "#]],
    );
    // Scaling down to what the quota allows clears the failure.
    check(
        &mut s,
        "kubectl scale deployment web --replicas=2 -n qt",
        expect![[r#"
        deployment.apps/web scaled
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -n qt -o jsonpath='{.status.conditions[*].type}{\"\\n\"}'",
        expect![[r#"
        Available Progressing
    "#]],
    );
    check(
        &mut s,
        "kubectl get rs -n qt -o jsonpath='conditions: [{.items[0].status.conditions}]{\"\\n\"}'",
        expect![[r#"
            conditions: []
        "#]],
    );
}

#[test]
fn compute_quotas_need_requests_and_limit_ranges_supply_them() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace lr",
        expect![[r#"
        namespace/lr created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota compute --hard=requests.cpu=1,requests.memory=1536Mi,limits.cpu=2,pods=4 -n lr",
        expect![[r#"
        resourcequota/compute created
    "#]],
    );
    check(
        &mut s,
        "kubectl run a --image=nginx -n lr",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): pods "a" is forbidden: failed quota: compute: must specify limits.cpu for: a; requests.cpu for: a; requests.memory for: a
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        LIMITS,
        expect![[r#"
        limitrange/limits created
    "#]],
    );
    check(
        &mut s,
        "kubectl get limitrange -n lr",
        expect![[r#"
        NAME     CREATED AT
        limits   2024-08-05T09:00:18Z
    "#]],
    );
    check(
        &mut s,
        "kubectl describe limitrange limits -n lr",
        expect![[r#"
        Name:       limits
        Namespace:  lr
        Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
        ----        --------  ---  ---  ---------------  -------------  -----------------------
        Container   cpu       50m  1    100m             200m           4
        Container   memory    -    1Gi  1Gi              1Gi            -
        Pod         memory    -    2Gi  -                -              -
    "#]],
    );
    // The stored LimitRange has the server's defaults: the default limit from max, the default request from it.
    check(
        &mut s,
        "kubectl get limits limits -n lr -o jsonpath='{.spec.limits[0].default}{\"\\n\"}{.spec.limits[0].defaultRequest}{\"\\n\"}'",
        expect![[r#"
        {"cpu":"200m","memory":"1Gi"}
        {"cpu":"100m","memory":"1Gi"}
    "#]],
    );
    // Now the LimitRange fills in what the quota asks every container to state.
    check(
        &mut s,
        "kubectl run a --image=nginx -n lr",
        expect![[r#"
        pod/a created
    "#]],
    );
    check(
        &mut s,
        "kubectl get pod a -n lr -o jsonpath='{.spec.containers[0].resources}{\"\\n\"}{.metadata.annotations.kubernetes\\.io/limit-ranger}{\"\\n\"}'",
        expect![[r#"
        {"limits":{"cpu":"200m","memory":"1Gi"},"requests":{"cpu":"100m","memory":"1Gi"}}
        LimitRanger plugin set: cpu, memory request for container a; cpu, memory limit for container a
    "#]],
    );
    check(
        &mut s,
        "kubectl get quota -n lr",
        expect![[r#"
        NAME      AGE   REQUEST                                                        LIMIT
        compute   48s   pods: 1/4, requests.cpu: 100m/1, requests.memory: 1Gi/1536Mi   limits.cpu: 200m/2
    "#]],
    );
    check(
        &mut s,
        "kubectl run b --image=nginx -n lr",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): pods "b" is forbidden: exceeded quota: compute, requested: requests.memory=1Gi, used: requests.memory=1Gi, limited: requests.memory=1536Mi
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl describe quota compute -n lr",
        expect![[r#"
        Name:            compute
        Namespace:       lr
        Resource         Used  Hard
        --------         ----  ----
        limits.cpu       200m  2
        pods             1     4
        requests.cpu     100m  1
        requests.memory  1Gi   1536Mi
    "#]],
    );
    check(
        &mut s,
        "kubectl describe namespace lr",
        expect![[r#"
        Name:         lr
        Labels:       kubernetes.io/metadata.name=lr
        Annotations:  <none>
        Status:       Active

        Resource Quotas
          Name:            compute
          Resource         Used  Hard
          --------         ---   ---
          limits.cpu       200m  2
          pods             1     4
          requests.cpu     100m  1
          requests.memory  1Gi   1536Mi

        Resource Limits
         Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
         ----       --------  ---  ---  ---------------  -------------  -----------------------
         Container  cpu       50m  1    100m             200m           4
         Container  memory    -    1Gi  1Gi              1Gi            -
         Pod        memory    -    2Gi  -                -              -
    "#]],
    );
}

#[test]
fn limit_ranges_refuse_pods_outside_their_bounds() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace lr",
        expect![[r#"
        namespace/lr created
    "#]],
    );
    check(
        &mut s,
        LIMITS,
        expect![[r#"
        limitrange/limits created
    "#]],
    );
    let pod = |name: &str, resources: &str| {
        format!(
            "cat <<EOF | kubectl apply -n lr -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources: {resources}\n  - name: side\n    image: busybox\n    command: [sleep, \"3600\"]\n    resources: {resources}\nEOF"
        )
    };
    check(
        &mut s,
        &pod("small", "{requests: {cpu: 10m}}"),
        expect![[r#"
            --- stderr
            Error from server (Forbidden): error when creating "STDIN": pods "small" is forbidden: [minimum cpu usage per Container is 50m, but request is 10m, cpu max limit to request ratio per Container is 4, but provided ratio is 20.000000, minimum cpu usage per Container is 50m, but request is 10m, cpu max limit to request ratio per Container is 4, but provided ratio is 20.000000]
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        &pod("big", "{limits: {cpu: \"2\", memory: 1536Mi}}"),
        expect![[r#"
            --- stderr
            Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 1536Mi, maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 1536Mi, maximum memory usage per Pod is 2Gi, but limit is 3Gi]
            --- exit 1
        "#]],
    );
    // The default limit (200m) is below the request, which the API's validation refuses after LimitRanger.
    check(
        &mut s,
        &pod("greedy", "{requests: {cpu: 500m}}"),
        expect![[r#"
        --- stderr
        The Pod "greedy" is invalid: [spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 200m, spec.containers[1].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 200m]
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        &pod("bursty", "{requests: {cpu: 100m}, limits: {cpu: 800m}}"),
        expect![[r#"
            --- stderr
            Error from server (Forbidden): error when creating "STDIN": pods "bursty" is forbidden: [cpu max limit to request ratio per Container is 4, but provided ratio is 8.000000, cpu max limit to request ratio per Container is 4, but provided ratio is 8.000000]
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        &pod(
            "fits",
            "{requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 300m, memory: 512Mi}}",
        ),
        expect![[r#"
        pod/fits created
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -n lr",
        expect![[r#"
            NAME   READY   STATUS    RESTARTS   AGE
            fits   2/2     Running   0          6s
        "#]],
    );
}

#[test]
fn create_quota_checks_its_arguments_like_kubectl() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create quota bad --hard=pods=abc",
        expect![[r#"
        --- stderr
        error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota bad --hard=pods",
        expect![[r#"
        --- stderr
        error: Invalid argument syntax pods, expected <resource>=<value>
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota best --hard=pods=2,requests.cpu=0.5 --scopes=BestEffort --dry-run=client -o yaml",
        expect![[r#"
        apiVersion: v1
        kind: ResourceQuota
        metadata:
          creationTimestamp: null
          name: best
        spec:
          hard:
            pods: "2"
            requests.cpu: 500m
          scopes:
          - BestEffort
        status: {}
    "#]],
    );
}

#[test]
fn jobs_and_stateful_sets_report_refused_pods() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace qt",
        expect![[r#"
        namespace/qt created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota one --hard=pods=1 -n qt",
        expect![[r#"
        resourcequota/one created
    "#]],
    );
    check(
        &mut s,
        "kubectl create job sleeper --image=busybox -n qt -- sleep 600",
        expect![[r#"
            job.batch/sleeper created
        "#]],
    );
    check(
        &mut s,
        "kubectl create job second --image=busybox -n qt -- sleep 600",
        expect![[r#"
            job.batch/second created
        "#]],
    );
    check(
        &mut s,
        "kubectl get events -n qt -o custom-columns=OBJECT:.involvedObject.name,REASON:.reason,SOURCE:.source.component,MESSAGE:.message | grep -e ^OBJECT -e FailedCreate",
        expect![[r#"
            OBJECT          REASON             SOURCE              MESSAGE
            second          FailedCreate       job-controller      Error creating: pods "second-prwc8" is forbidden: exceeded quota: one, requested: pods=1, used: pods=1, limited: pods=1
            second          FailedCreate       job-controller      Error creating: pods "second-fl4wf" is forbidden: exceeded quota: one, requested: pods=1, used: pods=1, limited: pods=1
        "#]],
    );
    check(
        &mut s,
        "kubectl delete quota one -n qt",
        expect![[r#"
        resourcequota "one" deleted
    "#]],
    );
    s.pass_time(40_000);
    check(
        &mut s,
        "kubectl get jobs -n qt",
        expect![[r#"
        NAME      COMPLETIONS   DURATION   AGE
        second    0/1           58s        58s
        sleeper   0/1           64s        64s
    "#]],
    );
}

#[test]
fn scoped_quotas_count_only_the_pods_they_select() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace sc",
        expect![[r#"
        namespace/sc created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota best-effort --hard=pods=1 --scopes=BestEffort -n sc",
        expect![[r#"
            resourcequota/best-effort created
        "#]],
    );
    check(
        &mut s,
        "kubectl run a --image=nginx -n sc",
        expect![[r#"
        pod/a created
    "#]],
    );
    check(
        &mut s,
        "kubectl run b --image=nginx -n sc",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): pods "b" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1
        --- exit 1
    "#]],
    );
    // A pod that requests resources is not best-effort, so this quota does not count it.
    check(
        &mut s,
        "cat <<EOF | kubectl apply -n sc -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 100m\nEOF",
        expect![[r#"
            pod/c created
        "#]],
    );
    check(
        &mut s,
        "kubectl describe quota best-effort -n sc",
        expect![[r#"
        Name:       best-effort
        Namespace:  sc
        Scopes:     BestEffort
         * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
        Resource  Used  Hard
        --------  ----  ----
        pods      1     1
    "#]],
    );
    check(
        &mut s,
        "kubectl describe namespace sc",
        expect![[r#"
        Name:         sc
        Labels:       kubernetes.io/metadata.name=sc
        Annotations:  <none>
        Status:       Active

        Resource Quotas
          Name:    best-effort
          Scopes:  BestEffort
          * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
          Resource  Used  Hard
          --------  ---   ---
          pods      1     1

        No LimitRange resource.
    "#]],
    );
}

#[test]
fn the_api_server_validates_a_limit_range() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace lv",
        expect![[r#"
        namespace/lv created
    "#]],
    );
    check(
        &mut s,
        "cat <<EOF | kubectl apply -n lv -f -
apiVersion: v1
kind: LimitRange
metadata:
  name: bad
spec:
  limits:
  - type: Container
    min:
      cpu: 400m
      memory: 2Gi
    default:
      cpu: 200m
      memory: 1Gi
EOF",
        expect![[r#"
            --- stderr
            The LimitRange "bad" is invalid: [spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:200, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"200m", Format:"DecimalSI"}: min value 400m is greater than default request value 200m, spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:400, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"400m", Format:"DecimalSI"}: min value 400m is greater than default value 200m, spec.limits[0].defaultRequest[memory]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1073741824, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1Gi", Format:"BinarySI"}: min value 2Gi is greater than default request value 1Gi, spec.limits[0].default[memory]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2147483648, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2Gi", Format:"BinarySI"}: min value 2Gi is greater than default value 1Gi]
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "cat <<EOF | kubectl create -n lv -f -
apiVersion: v1
kind: LimitRange
metadata:
  name: odd
spec:
  limits:
  - type: Node
    maxLimitRequestRatio:
      cpu: 500m
EOF",
        expect![[r#"
            --- stderr
            The LimitRange "odd" is invalid: [spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified, spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"500m", Format:"DecimalSI"}: ratio 500m is less than 1]
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl get limitrange -n lv",
        expect![[r#"
        --- stderr
        No resources found in lv namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl create -n lv -f - <<EOF
apiVersion: v1
kind: LimitRange
metadata:
  name: ok
spec:
  limits:
  - type: Container
    max:
      cpu: \"1\"
EOF",
        expect![[r#"
            limitrange/ok created
        "#]],
    );
    check(
        &mut s,
        "kubectl patch limitrange ok -n lv --type=merge -p '{\"spec\":{\"limits\":[{\"type\":\"Container\",\"max\":{\"cpu\":\"1\"},\"default\":{\"cpu\":\"2\"}}]}}'",
        expect![[r#"
            --- stderr
            The LimitRange "ok" is invalid: [spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2", Format:"DecimalSI"}: default request value 2 is greater than max value 1, spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1", Format:"DecimalSI"}: default value 2 is greater than max value 1]
            --- exit 1
        "#]],
    );
}

#[test]
fn a_quota_checks_service_and_claim_updates_that_use_more() {
    let mut s = Session::new("vanilla", 1).unwrap();
    check(
        &mut s,
        "kubectl create namespace up",
        expect![[r#"
        namespace/up created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota q --hard=services.nodeports=1,services.loadbalancers=0,requests.storage=2Gi -n up",
        expect![[r#"
            resourcequota/q created
        "#]],
    );
    check(
        &mut s,
        "kubectl create service clusterip web --tcp=80:8080,443:8443 -n up",
        expect![[r#"
            service/web created
        "#]],
    );
    check(
        &mut s,
        "kubectl patch svc web -n up -p '{\"spec\":{\"type\":\"NodePort\"}}'",
        expect![[r#"
            --- stderr
            Error from server (Forbidden): services "web" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl patch svc web -n up -p '{\"spec\":{\"type\":\"LoadBalancer\"}}'",
        expect![[r#"
            --- stderr
            Error from server (Forbidden): services "web" is forbidden: exceeded quota: q, requested: services.loadbalancers=1,services.nodeports=2, used: services.loadbalancers=0,services.nodeports=0, limited: services.loadbalancers=0,services.nodeports=1
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl patch svc web -n up -p '{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}'",
        expect![[r#"
            service/web patched
        "#]],
    );
    check(
        &mut s,
        "cat <<EOF | kubectl apply -n up -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
EOF",
        expect![[r#"
            persistentvolumeclaim/data created
        "#]],
    );
    check(
        &mut s,
        "kubectl patch pvc data -n up -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"3Gi\"}}}}'",
        expect![[r#"
            --- stderr
            Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: exceeded quota: q, requested: requests.storage=2Gi, used: requests.storage=1Gi, limited: requests.storage=2Gi
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl patch pvc data -n up -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}'",
        expect![[r#"
            persistentvolumeclaim/data patched
        "#]],
    );
}
