//! Command-line tests through the `run` boundary: a cluster from a scenario, command lines, expected output.

use std::collections::BTreeMap;

use expect_test::{Expect, expect};

use super::*;
use crate::vfs::Vfs;

/// A small Kubernetes cluster: a tainted control-plane node and two workers, nginx and busybox images, a developer user.
const TINY: &str = r#"
apiVersion: bastion.dev/v1
kind: Scenario
metadata: {name: tiny}
spec:
  name: tiny
  kubernetesVersion: v1.27.10
  apiServer: https://192.168.1.10:6443
  startTime: "2026-01-05T09:00:00Z"
  serviceCidr: 10.96.0.0/12
  podCidr: 10.244.0.0/16
  images:
  - references: ["nginx", "nginx:*", "docker.io/library/nginx:*"]
    sizeMb: 67
    behaviour: server
    ports: [80]
    startupLog: ["/docker-entrypoint.sh: Configuration complete; ready for start up"]
  - references: ["busybox", "busybox:*"]
    sizeMb: 2
    behaviour: exit0
  - references: ["gcr.io/google-samples/kubernetes-bootcamp:*", "jocatalin/kubernetes-bootcamp:*"]
    sizeMb: 80
    behaviour: server
    ports: [8080]
    startupLog: ["Kubernetes Bootcamp App Started At: {rfc3339} | Running On:  {pod} "]
  - references: ["registry.k8s.io/metrics-server/metrics-server:*"]
    sizeMb: 19
    behaviour: server
    ports: [10250]
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Node
metadata: {name: cp, labels: {kubernetes.io/hostname: cp, node-role.kubernetes.io/control-plane: ""}}
spec: {taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.10}]
  nodeInfo: {kubeletVersion: v1.27.10, osImage: Ubuntu 22.04.3 LTS, kernelVersion: 5.15.0-91-generic, containerRuntimeVersion: containerd://1.7.2}
---
apiVersion: v1
kind: Node
metadata: {name: w1, labels: {kubernetes.io/hostname: w1}}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.11}]
  nodeInfo: {kubeletVersion: v1.27.10, osImage: Ubuntu 22.04.3 LTS, kernelVersion: 5.15.0-91-generic, containerRuntimeVersion: containerd://1.7.2}
---
apiVersion: v1
kind: Node
metadata: {name: w2, labels: {kubernetes.io/hostname: w2}}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.1.12}]
  nodeInfo: {kubeletVersion: v1.27.10, osImage: Ubuntu 22.04.3 LTS, kernelVersion: 5.15.0-91-generic, containerRuntimeVersion: containerd://1.7.2}
"#;

/// A session for tests: a cluster, its kubeconfig, a filesystem.
struct Session {
    cluster: Cluster,
    kubeconfig: Kubeconfig,
    fs: Vfs,
}

impl Session {
    fn new(scenario: &str) -> Self {
        let cluster = Cluster::from_scenario(scenario, 7).expect("scenario loads");
        let kubeconfig = Kubeconfig::for_scenario(&cluster.info);
        Self {
            cluster,
            kubeconfig,
            fs: Vfs::new(),
        }
    }

    /// Runs one command line and renders what it printed, its exit code and effect.
    fn run(&mut self, line: &str) -> String {
        self.run_stdin(line, "")
    }

    fn run_stdin(&mut self, line: &str, stdin: &str) -> String {
        let argv = split_words(line);
        let env_vars = BTreeMap::new();
        let now = self.cluster.now;
        let mut ctx = Ctx::new(&mut self.fs, &env_vars, "/home/student", stdin, now);
        let mut env = CliEnv {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
        };
        let result = run(&argv, &mut ctx, &mut env);
        // A few virtual seconds pass between commands, as when a learner types.
        self.cluster.advance(3000);
        render(&result)
    }
}

fn render(result: &CliResult) -> String {
    // Lines of only spaces (kubectl's help has them) are shown as dots, which snapshots keep.
    let mut out: String = result
        .output
        .stdout
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches('\n');
            if !body.is_empty() && body.trim().is_empty() {
                format!("{}\n", "·".repeat(body.len()))
            } else {
                line.to_owned()
            }
        })
        .collect();
    if !result.output.stderr.is_empty() {
        out.push_str("--- stderr\n");
        out.push_str(&result.output.stderr);
    }
    if result.output.code != 0 {
        out.push_str(&format!("--- exit {}\n", result.output.code));
    }
    if let Some(e) = &result.effect {
        out.push_str(&format!("--- effect {e:?}\n"));
    }
    out
}

fn tiny() -> Session {
    Session::new(TINY)
}

/// The parts of metrics-server's release manifest that serve the metrics API: its Deployment, Service and APIService.
const METRICS_SERVER: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: metrics-server, namespace: kube-system, labels: {k8s-app: metrics-server}}
spec:
  selector: {matchLabels: {k8s-app: metrics-server}}
  template:
    metadata: {labels: {k8s-app: metrics-server}}
    spec:
      containers:
      - name: metrics-server
        image: registry.k8s.io/metrics-server/metrics-server:v0.6.4
        ports: [{containerPort: 10250, name: https, protocol: TCP}]
        readinessProbe:
          httpGet: {path: /readyz, port: https, scheme: HTTPS}
          initialDelaySeconds: 20
          periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata: {name: metrics-server, namespace: kube-system, labels: {k8s-app: metrics-server}}
spec:
  selector: {k8s-app: metrics-server}
  ports: [{name: https, port: 443, protocol: TCP, targetPort: https}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io, labels: {k8s-app: metrics-server}}
spec:
  group: metrics.k8s.io
  groupPriorityMinimum: 100
  insecureSkipTLSVerify: true
  service: {name: metrics-server, namespace: kube-system}
  version: v1beta1
  versionPriority: 100
"#;

/// The tiny cluster with metrics-server installed and ready, as `kubectl top` and the HPA need.
fn tiny_with_metrics() -> Session {
    let mut s = tiny();
    s.run_stdin("kubectl apply -f -", METRICS_SERVER);
    s.cluster.advance(30_000);
    s
}

fn check(session: &mut Session, line: &str, expected: Expect) {
    expected.assert_eq(&session.run(line));
}

fn ocp4() -> Session {
    Session::new(include_str!("../../scenarios/ocp4.yaml"))
}

fn eks() -> Session {
    Session::new(include_str!("../../scenarios/eks.yaml"))
}

#[test]
fn every_scenario_loads_with_its_admin_kubeconfig() {
    for text in [
        include_str!("../../scenarios/ocp4.yaml"),
        include_str!("../../scenarios/eks.yaml"),
        include_str!("../../scenarios/vanilla.yaml"),
    ] {
        let mut s = Session::new(text);
        let out = s.run("kubectl get nodes");
        assert!(out.starts_with("NAME "), "{out}");
    }
}

#[test]
fn client_side_errors() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl foo",
        expect![[r#"
        --- stderr
        Error: unknown command "foo" for "kubectl"

        Did you mean this?
        	top

        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl gett pods",
        expect![[r#"
        --- stderr
        Error: unknown command "gett" for "kubectl"

        Did you mean this?
        	set
        	get

        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl xyzzyq",
        expect![[r#"
        --- stderr
        Error: unknown command "xyzzyq" for "kubectl"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get --bogus",
        expect![[r#"
        --- stderr
        Error: unknown flag: --bogus
        See 'kubectl get --help' for usage.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get -z",
        expect![[r#"
        --- stderr
        Error: unknown shorthand flag: 'z' in -z
        See 'kubectl get --help' for usage.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -n",
        expect![[r#"
        --- stderr
        Error: flag needs an argument: 'n' in -n
        See 'kubectl get --help' for usage.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --namespace",
        expect![[r#"
        --- stderr
        Error: flag needs an argument: --namespace
        See 'kubectl get --help' for usage.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get",
        expect![[r#"
        --- stderr
        You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

        error: Required resource not specified.
        Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
        See 'kubectl get -h' for help and examples
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get foo",
        expect![[r#"
        --- stderr
        error: the server doesn't have a resource type "foo"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --show-labels=xx",
        expect![[r#"
        --- stderr
        Error: invalid argument "xx" for "--show-labels" flag: strconv.ParseBool: parsing "xx": invalid syntax
        See 'kubectl get --help' for usage.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o foo",
        expect![[r#"
        --- stderr
        error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl create deployment web",
        expect![[r#"
        --- stderr
        error: required flag(s) "image" not set
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl scale deploy/web",
        expect![[r#"
        --- stderr
        error: required flag(s) "replicas" not set
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl apply",
        expect![[r#"
        --- stderr
        error: must specify one of -f and -k
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl create",
        expect![[r#"
        --- stderr
        error: must specify one of -f and -k
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl delete",
        expect![[r#"
        --- stderr
        error: You must provide one or more resources by argument or filename.
        Example resource specifications include:
           '-f rsrc.yaml'
           '--filename=rsrc.json'
           '<resource> <name>'
           '<resource>'
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl delete pods",
        expect![[r#"
        --- stderr
        error: resource(s) were provided, but no name was specified
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl logs",
        expect![[r#"
        --- stderr
        error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
        POD or TYPE/NAME is a required argument for the logs command
        See 'kubectl logs -h' for help and examples
        --- exit 1
    "#]],
    );
}

#[test]
fn get_tables_and_formats() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl get pods",
        expect![[r#"
        --- stderr
        No resources found in default namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl get nodes",
        expect![[r#"
            NAME   STATUS   ROLES           AGE    VERSION
            cp     Ready    control-plane   137m   v1.27.10
            w1     Ready    <none>          137m   v1.27.10
            w2     Ready    <none>          137m   v1.27.10
        "#]],
    );
    check(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=2",
        expect![[r#"
        deployment.apps/web created
    "#]],
    );
    s.cluster.advance(20_000);
    check(
        &mut s,
        "kubectl get deploy",
        expect![[r#"
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
        web    2/2     2            2           23s
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy,svc",
        expect![[r#"
        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/web   2/2     2            2           26s
    "#]],
    );
    check(
        &mut s,
        "kubectl get all",
        expect![[r#"
            NAME                       READY   STATUS    RESTARTS   AGE
            pod/web-549984b78b-6vcxs   1/1     Running   0          29s
            pod/web-549984b78b-j2bw8   1/1     Running   0          29s

            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/2     2            2           29s

            NAME                             DESIRED   CURRENT   READY   AGE
            replicaset.apps/web-549984b78b   2         2         2       29s
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o wide",
        expect![[r#"
            NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES
            web-549984b78b-6vcxs   1/1     Running   0          32s   10.244.0.3   w1     <none>           <none>
            web-549984b78b-j2bw8   1/1     Running   0          32s   10.244.0.4   w1     <none>           <none>
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods --show-labels",
        expect![[r#"
            NAME                   READY   STATUS    RESTARTS   AGE   LABELS
            web-549984b78b-6vcxs   1/1     Running   0          35s   app=web,pod-template-hash=549984b78b
            web-549984b78b-j2bw8   1/1     Running   0          35s   app=web,pod-template-hash=549984b78b
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods -L app --no-headers",
        expect![[r#"
            web-549984b78b-6vcxs   1/1   Running   0     38s   web
            web-549984b78b-j2bw8   1/1   Running   0     38s   web
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods -l app=nope",
        expect![[r#"
        --- stderr
        No resources found in default namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -A -o name",
        expect![[r#"
            pod/web-549984b78b-6vcxs
            pod/web-549984b78b-j2bw8
        "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -o jsonpath={.spec.replicas}",
        expect!["2"],
    );
    check(
        &mut s,
        "kubectl get deploy/web -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image",
        expect![[r#"
        NAME   IMAGE
        web    nginx
    "#]],
    );
    check(
        &mut s,
        "kubectl get nodes --sort-by=.metadata.name -o name",
        expect![[r#"
        node/cp
        node/w1
        node/w2
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --field-selector=status.phase=Running -o name",
        expect![[r#"
            pod/web-549984b78b-6vcxs
            pod/web-549984b78b-j2bw8
        "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web nope",
        expect![[r#"
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
        web    2/2     2            2           59s
        --- stderr
        Error from server (NotFound): deployments.apps "nope" not found
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web svc/web",
        expect![[r#"
        --- stderr
        error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get ns default -o yaml",
        expect![[r#"
            apiVersion: v1
            kind: Namespace
            metadata:
              creationTimestamp: "2026-01-05T06:43:00Z"
              name: default
              resourceVersion: "1"
              uid: 044c3cd7-f43c-461c-a698-4080bab12a02
        "#]],
    );
    check(
        &mut s,
        "kubectl get cm -o json",
        expect![[r#"
        {
            "apiVersion": "v1",
            "items": [],
            "kind": "List",
            "metadata": {
                "resourceVersion": ""
            }
        }
    "#]],
    );
}

#[test]
fn kubernetes_basics_tutorial() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1",
        expect![[r#"
        deployment.apps/kubernetes-bootcamp created
    "#]],
    );
    check(
        &mut s,
        "kubectl get deployments",
        expect![[r#"
        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        kubernetes-bootcamp   0/1     1            0           3s
    "#]],
    );
    s.cluster.advance(30_000);
    check(
        &mut s,
        "kubectl get deployments",
        expect![[r#"
        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        kubernetes-bootcamp   1/1     1            1           36s
    "#]],
    );
    check(
        &mut s,
        "kubectl expose deployment/kubernetes-bootcamp --type=NodePort --port 8080",
        expect![[r#"
        service/kubernetes-bootcamp exposed
    "#]],
    );
    check(
        &mut s,
        "kubectl get services -o name",
        expect![[r#"
        service/kubernetes-bootcamp
    "#]],
    );
    check(
        &mut s,
        "kubectl describe deployment",
        expect![[r#"
            Name:                   kubernetes-bootcamp
            Namespace:              default
            CreationTimestamp:      Mon, 05 Jan 2026 09:00:00 +0000
            Labels:                 app=kubernetes-bootcamp
            Annotations:            deployment.kubernetes.io/revision: 1
            Selector:               app=kubernetes-bootcamp
            Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=kubernetes-bootcamp
              Containers:
               kubernetes-bootcamp:
                Image:         gcr.io/google-samples/kubernetes-bootcamp:v1
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   kubernetes-bootcamp-7d4868d664 (1/1 replicas created)
            Events:
              Type    Reason             Age   From                   Message
              ----    ------             ----  ----                   -------
              Normal  ScalingReplicaSet  45s   deployment-controller  Scaled up replica set kubernetes-bootcamp-7d4868d664 to 1 from 0
        "#]],
    );
    check(
        &mut s,
        "kubectl label pods -l app=kubernetes-bootcamp version=v1",
        expect![[r#"
            pod/kubernetes-bootcamp-7d4868d664-6vcxs labeled
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods -l version=v1 -o name",
        expect![[r#"
            pod/kubernetes-bootcamp-7d4868d664-6vcxs
        "#]],
    );
    check(
        &mut s,
        "kubectl scale deployments/kubernetes-bootcamp --replicas=4",
        expect![[r#"
        deployment.apps/kubernetes-bootcamp scaled
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deployments/kubernetes-bootcamp",
        expect![[r#"
        Waiting for deployment "kubernetes-bootcamp" rollout to finish: 3 of 4 updated replicas are available...
        deployment "kubernetes-bootcamp" successfully rolled out
        --- effect Advanced { ms: 1000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl get deployments",
        expect![[r#"
        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        kubernetes-bootcamp   4/4     4            4           61s
    "#]],
    );
    check(
        &mut s,
        "kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2",
        expect![[r#"
        deployment.apps/kubernetes-bootcamp image updated
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deployments/kubernetes-bootcamp",
        expect![[r#"
        Waiting for deployment "kubernetes-bootcamp" rollout to finish: 3 out of 4 new replicas have been updated...
        Waiting for deployment "kubernetes-bootcamp" rollout to finish: 3 of 4 updated replicas are available...
        deployment "kubernetes-bootcamp" successfully rolled out
        --- effect Advanced { ms: 2000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout history deployment/kubernetes-bootcamp",
        expect![[r#"
        deployment.apps/kubernetes-bootcamp
        REVISION   CHANGE-CAUSE
        1          <none>
        2          <none>

    "#]],
    );
    check(
        &mut s,
        "kubectl rollout undo deployments/kubernetes-bootcamp",
        expect![[r#"
        deployment.apps/kubernetes-bootcamp rolled back
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deployments/kubernetes-bootcamp",
        expect![[r#"
        deployment "kubernetes-bootcamp" successfully rolled out
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy kubernetes-bootcamp -o jsonpath={.spec.template.spec.containers[0].image}",
        expect!["gcr.io/google-samples/kubernetes-bootcamp:v1"],
    );
    check(
        &mut s,
        "kubectl delete service -l app=kubernetes-bootcamp",
        expect![[r#"
        service "kubernetes-bootcamp" deleted
    "#]],
    );
}

#[test]
fn openshift_login_project_new_app() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc whoami",
        expect![[r#"
        system:admin
    "#]],
    );
    check(
        &mut s,
        "oc project",
        expect![[r#"
        Using project "default" on server "https://api.ocp4.example.com:6443".
    "#]],
    );
    check(
        &mut s,
        "oc login -u admin -p wrong https://api.ocp4.example.com:6443",
        expect![[r#"
        --- stderr
        Login failed (401 Unauthorized)
        Verify you have provided the correct credentials.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc login -u admin -p redhatocp https://api.ocp4.example.com:6443",
        expect![[r#"
        Login successful.

        You have access to 64 projects, the list has been suppressed. You can list all projects with 'oc projects'

        Using project "default".
    "#]],
    );
    check(
        &mut s,
        "oc whoami",
        expect![[r#"
        admin
    "#]],
    );
    check(
        &mut s,
        "oc whoami --show-server",
        expect![[r#"
        https://api.ocp4.example.com:6443
    "#]],
    );
    check(
        &mut s,
        "oc whoami --show-console",
        expect![[r#"
        https://console-openshift-console.apps.ocp4.example.com
    "#]],
    );
    check(
        &mut s,
        "oc whoami --show-context",
        expect![[r#"
        default/api-ocp4-example-com:6443/admin
    "#]],
    );
    check(
        &mut s,
        "oc new-project myproject",
        expect![[r#"
        Now using project "myproject" on server "https://api.ocp4.example.com:6443".

        You can add applications to this project with the 'new-app' command. For example, try:

            oc new-app rails-postgresql-example

        to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:

            kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname

    "#]],
    );
    check(
        &mut s,
        "oc new-project myproject",
        expect![[r#"
        --- stderr
        Error from server (AlreadyExists): project.project.openshift.io "myproject" already exists
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc new-app nginx",
        expect![[r#"
            --> Found image 7801c8a (3 months old) in image stream "openshift/nginx" under tag "latest" for "nginx"

                Nginx HTTP server and a reverse proxy 
                ------------------------------------- 

                * This image will be deployed in deployment "nginx"
                * Port 8080/tcp will be load balanced by service "nginx"
                * Port 8443/tcp will be load balanced by service "nginx"
                  * Other containers can access this service through the hostname "nginx"

            --> Creating resources ...
                deployment.apps "nginx" created
                service "nginx" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/nginx' 
                Run 'oc status' to view your app.
        "#]],
    );
    s.cluster.advance(60_000);
    check(
        &mut s,
        "oc get pods -n myproject",
        expect![[r#"
            NAME                     READY   STATUS    RESTARTS   AGE
            nginx-59494d7898-5vkgj   1/1     Running   0          63s
        "#]],
    );
    check(
        &mut s,
        "oc expose svc/nginx",
        expect![[r#"
        route.route.openshift.io/nginx exposed
    "#]],
    );
    check(
        &mut s,
        "oc get route",
        expect![[r#"
        NAME    HOST/PORT                               PATH   SERVICES   PORT       TERMINATION   WILDCARD
        nginx   nginx-myproject.apps.ocp4.example.com          nginx      8080-tcp                 None
    "#]],
    );
    check(
        &mut s,
        "oc status",
        expect![[r#"
            In project myproject on server https://api.ocp4.example.com:6443

            http://nginx-myproject.apps.ocp4.example.com to pod port 8080-tcp (svc/nginx)
              deployment/nginx deploys openshift/nginx:latest 
                deployment #1 running for about a minute - 1 pod


            1 info identified, use 'oc status --suggest' to see details.
        "#]],
    );
}

#[test]
fn openshift_docker_hub_nginx_crash_loops_under_restricted_scc() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
        expect![[r#"
        Login successful.

        You don't have any projects. You can try to create a new project, by running

            oc new-project <projectname>

    "#]],
    );
    check(
        &mut s,
        "oc new-project dev1",
        expect![[r#"
        Now using project "dev1" on server "https://api.ocp4.example.com:6443".

        You can add applications to this project with the 'new-app' command. For example, try:

            oc new-app rails-postgresql-example

        to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:

            kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname

    "#]],
    );
    check(
        &mut s,
        "oc new-app docker.io/library/nginx:1.25",
        expect![[r#"
            --> Found container image dfd4d7b (3 months old) from docker.io for "docker.io/library/nginx:1.25"

                * An image stream tag will be created as "nginx:latest" that will track this image
                * This image will be deployed in deployment "nginx"
                * Port 80/tcp will be load balanced by service "nginx"
                  * Other containers can access this service through the hostname "nginx"
                * WARNING: Image "docker.io/library/nginx:1.25" runs as the 'root' user which may not be permitted by your cluster administrator

            --> Creating resources ...
                imagestream.image.openshift.io "nginx" created
                deployment.apps "nginx" created
                service "nginx" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/nginx' 
                Run 'oc status' to view your app.
        "#]],
    );
    s.cluster.advance(120_000);
    check(
        &mut s,
        "oc get pods",
        expect![[r#"
            NAME                     READY   STATUS             RESTARTS      AGE
            nginx-5464c96bdc-5vkgj   0/1     CrashLoopBackOff   3 (46s ago)   2m3s
        "#]],
    );
    check(
        &mut s,
        "oc get nodes",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): nodes is forbidden: User "developer" cannot list resource "nodes" in API group "" at the cluster scope
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc get projects",
        expect![[r#"
        NAME   DISPLAY NAME   STATUS
        dev1                  Active
    "#]],
    );
    check(
        &mut s,
        "oc projects",
        expect![[r#"
        You have one project on this server: "dev1".

        Using project "dev1" on server "https://api.ocp4.example.com:6443".
    "#]],
    );
    check(
        &mut s,
        "oc logout",
        expect![[r#"
        Logged "developer" out on "https://api.ocp4.example.com:6443"
    "#]],
    );
    check(
        &mut s,
        "oc whoami",
        expect![[r#"
        --- stderr
        error: You must be logged in to the server (Unauthorized)
        --- exit 1
    "#]],
    );
}

#[test]
fn versions_match_the_scenario() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc version",
        expect![[r#"
        Client Version: 4.14.0
        Kustomize Version: v5.0.1
        Server Version: 4.14.0
        Kubernetes Version: v1.27.6+f67aeb3
    "#]],
    );
    check(
        &mut s,
        "kubectl version",
        expect![[r#"
        Client Version: v1.27.6
        Kustomize Version: v5.0.1
        Server Version: v1.27.6+f67aeb3
    "#]],
    );
    let mut t = tiny();
    check(
        &mut t,
        "kubectl version",
        expect![[r#"
        Client Version: v1.27.10
        Kustomize Version: v5.0.1
        Server Version: v1.27.10
    "#]],
    );
    check(
        &mut t,
        "kubectl version --client",
        expect![[r#"
        Client Version: v1.27.10
        Kustomize Version: v5.0.1
    "#]],
    );
    let mut e = eks();
    check(
        &mut e,
        "kubectl version",
        expect![[r#"
        Client Version: v1.29.1
        Kustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3
        Server Version: v1.29.1-eks-b9c9ed7
    "#]],
    );
    check(
        &mut e,
        "kubectl config get-contexts",
        expect![[r#"
            CURRENT   NAME                                                          CLUSTER                                                       AUTHINFO                                                      NAMESPACE
            *         arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks   arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks   arn:aws:eks:ap-northeast-2:123456789012:cluster/bastion-eks   
        "#]],
    );
}

const DEPLOY_YAML: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
";

#[test]
fn apply_create_replace_and_files() {
    let mut s = tiny();
    s.fs.mkdir("/home/student/app", true).unwrap();
    s.fs.write("/home/student/app/web.yaml", DEPLOY_YAML)
        .unwrap();
    s.fs.write(
        "/home/student/bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a\n",
    )
    .unwrap();
    check(
        &mut s,
        "kubectl apply -f app/web.yaml --dry-run=client",
        expect![[r#"
        deployment.apps/web created (dry run)
        service/web created (dry run)
    "#]],
    );
    check(
        &mut s,
        "kubectl apply -f app/web.yaml",
        expect![[r#"
        deployment.apps/web created
        service/web created
    "#]],
    );
    check(
        &mut s,
        "kubectl apply -f app/",
        expect![[r#"
        deployment.apps/web unchanged
        service/web unchanged
    "#]],
    );
    s.fs.write(
        "/home/student/app/web.yaml",
        DEPLOY_YAML.replace("replicas: 2", "replicas: 3"),
    )
    .unwrap();
    check(
        &mut s,
        "kubectl apply -f app/web.yaml",
        expect![[r#"
        deployment.apps/web configured
        service/web unchanged
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -o jsonpath={.spec.replicas}",
        expect!["3"],
    );
    check(
        &mut s,
        "kubectl get deploy web -o jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}",
        expect![[r#"
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}}}
    "#]],
    );
    check(
        &mut s,
        "kubectl create -f app/web.yaml",
        expect![[r#"
            --- stderr
            Error from server (AlreadyExists): error when creating "app/web.yaml": deployments.apps "web" already exists
            Error from server (AlreadyExists): error when creating "app/web.yaml": services "web" already exists
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl apply -f bad.yaml",
        expect![[r#"
            --- stderr
            error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or ']'
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl apply -f missing.yaml",
        expect![[r#"
        --- stderr
        error: the path "missing.yaml" does not exist
        --- exit 1
    "#]],
    );
    expect![[r#"
        configmap/settings created
    "#]]
    .assert_eq(&s.run_stdin(
        "kubectl apply -f -",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: dev}\n",
    ));
    expect![[r#"
        configmap/settings configured
    "#]].assert_eq(&s.run_stdin("kubectl apply -f -", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"settings\"}, \"data\": {\"mode\": \"prod\"}}"));
    expect![[r#"
        --- stderr
        error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"
        ensure CRDs are installed first
        --- exit 1
    "#]].assert_eq(&s.run_stdin("kubectl apply -f -", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"));
    s.fs.write(
        "/home/student/app/web.yaml",
        DEPLOY_YAML.replace("nginx:1.25", "nginx:1.24"),
    )
    .unwrap();
    check(
        &mut s,
        "kubectl replace -f app/web.yaml",
        expect![[r#"
        deployment.apps/web replaced
        service/web replaced
    "#]],
    );
    check(
        &mut s,
        "kubectl delete -f app/web.yaml",
        expect![[r#"
        deployment.apps "web" deleted
        service "web" deleted
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy,svc",
        expect![[r#"
        --- stderr
        No resources found in default namespace.
    "#]],
    );
}

#[test]
fn create_subcommands() {
    let mut s = tiny();
    s.fs.write("/home/student/app.properties", "color=blue\n")
        .unwrap();
    check(
        &mut s,
        "kubectl create namespace dev",
        expect![[r#"
        namespace/dev created
    "#]],
    );
    check(
        &mut s,
        "kubectl create namespace dev",
        expect![[r#"
        --- stderr
        Error from server (AlreadyExists): namespaces "dev" already exists
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl create deployment web --image=nginx --port=80 -n dev --dry-run=client -o yaml",
        expect![[r#"
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          creationTimestamp: null
          labels:
            app: web
          name: web
          namespace: dev
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: web
          strategy: {}
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: web
            spec:
              containers:
              - image: nginx
                name: nginx
                ports:
                - containerPort: 80
                resources: {}
        status: {}
    "#]],
    );
    check(
        &mut s,
        "kubectl create configmap app --from-literal=mode=dev --from-file=app.properties",
        expect![[r#"
        configmap/app created
    "#]],
    );
    check(
        &mut s,
        "kubectl get cm app -o jsonpath={.data}",
        expect![[r#"{"app.properties":"color=blue\n","mode":"dev"}"#]],
    );
    check(
        &mut s,
        "kubectl create secret generic db --from-literal=password=s3cret",
        expect![[r#"
        secret/db created
    "#]],
    );
    check(
        &mut s,
        "kubectl get secret db -o jsonpath={.data.password}",
        expect!["czNjcmV0"],
    );
    check(
        &mut s,
        "kubectl create service nodeport web --tcp=80:8080",
        expect![[r#"
        service/web created
    "#]],
    );
    check(
        &mut s,
        "kubectl create job hello --image=busybox -- echo hi",
        expect![[r#"
        job.batch/hello created
    "#]],
    );
    check(
        &mut s,
        "kubectl create cronjob tick --image=busybox --schedule=\"*/5 * * * *\"",
        expect![[r#"
        cronjob.batch/tick created
    "#]],
    );
    check(
        &mut s,
        "kubectl create role reader --verb=get,list --resource=pods,deployments",
        expect![[r#"
        role.rbac.authorization.k8s.io/reader created
    "#]],
    );
    check(
        &mut s,
        "kubectl create rolebinding reader --role=reader --user=developer",
        expect![[r#"
        rolebinding.rbac.authorization.k8s.io/reader created
    "#]],
    );
    check(
        &mut s,
        "kubectl create clusterrolebinding dev-view --clusterrole=view --user=developer",
        expect![[r#"
        clusterrolebinding.rbac.authorization.k8s.io/dev-view created
    "#]],
    );
    check(
        &mut s,
        "kubectl create serviceaccount robot",
        expect![[r#"
        serviceaccount/robot created
    "#]],
    );
    check(
        &mut s,
        "kubectl create quota small --hard=pods=4,requests.cpu=1",
        expect![[r#"
        resourcequota/small created
    "#]],
    );
    check(
        &mut s,
        "kubectl create widget x",
        expect![[r#"
            --- stderr
            error: Unexpected args: [widget x]
            See 'kubectl create -h' for help and examples
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl auth can-i list pods --as developer",
        expect![[r#"
        yes
    "#]],
    );
    check(
        &mut s,
        "kubectl auth can-i delete pods --as developer",
        expect![[r#"
        no
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl auth can-i create deployments",
        expect![[r#"
        yes
    "#]],
    );
}

#[test]
fn changing_objects() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl create deployment web --image=nginx",
        expect![[r#"
        deployment.apps/web created
    "#]],
    );
    s.cluster.advance(20_000);
    check(
        &mut s,
        r#"kubectl patch deployment web -p '{"spec":{"replicas":2}}'"#,
        expect![[r#"
        deployment.apps/web patched
    "#]],
    );
    check(
        &mut s,
        r#"kubectl patch deployment web -p '{"spec":{"replicas":2}}'"#,
        expect![[r#"
        deployment.apps/web patched (no change)
    "#]],
    );
    check(
        &mut s,
        r#"kubectl patch deployment web --type=json -p='[{"op":"replace","path":"/spec/replicas","value":3}]'"#,
        expect![[r#"
        deployment.apps/web patched
    "#]],
    );
    check(
        &mut s,
        r#"kubectl patch deployment web --type=json -p='[{"op":"replace","path":"/spec/nope/x","value":3}]'"#,
        expect![[r#"
        --- stderr
        The request is invalid: jsonpatch replace operation does not apply: doc is missing path: "/spec/nope/x"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        r#"kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"tier":"front"}}}'"#,
        expect![[r#"
        deployment.apps/web patched
    "#]],
    );
    check(
        &mut s,
        "kubectl patch deployment web",
        expect![[r#"
        --- stderr
        error: must specify --patch or --patch-file containing the contents of the patch
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl label deployment web tier=back",
        expect![[r#"
        --- stderr
        error: 'tier' already has a value (front), and --overwrite is false
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl label deployment web tier=back --overwrite",
        expect![[r#"
        deployment.apps/web labeled
    "#]],
    );
    check(
        &mut s,
        "kubectl label deployment web tier-",
        expect![[r#"
        deployment.apps/web labeled
    "#]],
    );
    check(
        &mut s,
        "kubectl annotate deployment web owner=team-a",
        expect![[r#"
        deployment.apps/web annotated
    "#]],
    );
    check(
        &mut s,
        "kubectl set env deployment/web MODE=prod",
        expect![[r#"
        deployment.apps/web env updated
    "#]],
    );
    check(
        &mut s,
        "kubectl set resources deployment web --limits=cpu=200m,memory=256Mi --requests=cpu=100m",
        expect![[r#"
        deployment.apps/web resource requirements updated
    "#]],
    );
    check(
        &mut s,
        "kubectl set image deployment/web nope=nginx:1.24",
        expect![[r#"
        --- stderr
        error: unable to find container named "nope"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].env}",
        expect![[r#"[{"name":"MODE","value":"prod"}]"#]],
    );
    check(
        &mut s,
        "kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80",
        expect![[r#"
        horizontalpodautoscaler.autoscaling/web autoscaled
    "#]],
    );
    check(
        &mut s,
        "kubectl autoscale deployment web",
        expect![[r#"
            --- stderr
            error: required flag(s) "max" not set
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl get hpa",
        expect![[r#"
            NAME   REFERENCE        TARGETS         MINPODS   MAXPODS   REPLICAS   AGE
            web    Deployment/web   <unknown>/80%   2         5         0          6s
        "#]],
    );
    check(
        &mut s,
        "kubectl rollout pause deployment/web",
        expect![[r#"
        deployment.apps/web paused
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout pause deployment/web",
        expect![[r#"
        --- stderr
        error: deployments.apps "web" is already paused
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout resume deployment/web",
        expect![[r#"
        deployment.apps/web resumed
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout restart deployment/web",
        expect![[r#"
        deployment.apps/web restarted
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout undo deployment/web --to-revision=9",
        expect![[r#"
        --- stderr
        error: unable to find specified revision 9 in history
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deployment/web",
        expect![[r#"
            Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
            deployment "web" successfully rolled out
            --- effect Advanced { ms: 1000 }
        "#]],
    );
    check(
        &mut s,
        "kubectl scale deployment web --replicas=1 --current-replicas=7",
        expect![[r#"
            --- stderr
            error: Expected replicas to be 7, was 3
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl scale svc web --replicas=1",
        expect![[r#"
        --- stderr
        error: no scaler has been implemented for {"" "Service"}
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl delete deployment web",
        expect![[r#"
        deployment.apps "web" deleted
    "#]],
    );
    check(
        &mut s,
        "kubectl delete deployment web",
        expect![[r#"
        --- stderr
        Error from server (NotFound): deployments.apps "web" not found
        --- exit 1
    "#]],
    );
}

#[test]
fn edit_round_trip() {
    let mut s = tiny();
    s.run("kubectl create deployment web --image=nginx");
    let argv = split_words("kubectl edit deployment/web");
    let env_vars = BTreeMap::new();
    let mut ctx = Ctx::new(&mut s.fs, &env_vars, "/home/student", "", 0);
    let mut env = CliEnv {
        cluster: &mut s.cluster,
        kubeconfig: &mut s.kubeconfig,
    };
    let result = run(&argv, &mut ctx, &mut env);
    let Some(Effect::Edit(request)) = result.effect else {
        panic!("no edit effect: {result:?}")
    };
    assert!(
        request.text.starts_with("# Please edit the object below."),
        "{}",
        request.text
    );
    expect![[r#"
        Edit cancelled, no changes made.
    "#]]
    .assert_eq(&finish_edit(&request, &request.text, &mut env).stdout);
    let edited = request.text.replace("replicas: 1", "replicas: 3");
    expect![[r#"Output { stdout: "deployment.apps/web edited\n", stderr: "", code: 0 }"#]]
        .assert_eq(&format!("{:?}", finish_edit(&request, &edited, &mut env)));
    let broken = request.text.replace("replicas: 1", "replicas: [");
    expect![[r#"Output { stdout: "", stderr: "error: /tmp/kubectl-edit-5144535799.yaml edit cancelled, no valid changes were saved.\nerror: error parsing /tmp/kubectl-edit-5144535799.yaml: error converting YAML to JSON: yaml: line 17: did not find expected ',' or ']'\n", code: 1 }"#]].assert_eq(&format!("{:?}", finish_edit(&request, &broken, &mut env)));
    assert_eq!(
        env.cluster
            .get(crate::api::k::deployment(), "default", "web")
            .unwrap()
            .spec()["replicas"],
        3
    );
    expect![[r#"Output { stdout: "Edit cancelled, no changes made.\n", stderr: "", code: 0 }"#]]
        .assert_eq(&format!("{:?}", finish_edit(&request, "", &mut env)));
}

#[test]
fn pods_logs_exec_and_run() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl run web --image=nginx --port=80",
        expect![[r#"
        pod/web created
    "#]],
    );
    check(
        &mut s,
        "kubectl run web --image=nginx",
        expect![[r#"
        --- stderr
        Error from server (AlreadyExists): pods "web" already exists
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl run x --image=busybox --rm",
        expect![[r#"
            --- stderr
            error: --rm should only be used for attached containers
            See 'kubectl run -h' for help and examples
            --- exit 1
        "#]],
    );
    s.cluster.advance(20_000);
    check(
        &mut s,
        "kubectl get pod web",
        expect![[r#"
        NAME   READY   STATUS    RESTARTS   AGE
        web    1/1     Running   0          29s
    "#]],
    );
    check(
        &mut s,
        "kubectl logs web",
        expect![[r#"
        /docker-entrypoint.sh: Configuration complete; ready for start up
    "#]],
    );
    check(
        &mut s,
        "kubectl logs web --timestamps --tail=1",
        expect![[r#"
        2026-01-05T09:00:00.000000000Z /docker-entrypoint.sh: Configuration complete; ready for start up
    "#]],
    );
    check(
        &mut s,
        "kubectl logs web -c nope",
        expect![[r#"
        --- stderr
        Error from server (BadRequest): container nope is not valid for pod web
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl logs web --previous",
        expect![[r#"
        --- stderr
        Error from server (BadRequest): previous terminated container "web" in pod "web" not found
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl logs -l run=web",
        expect![[r#"
        /docker-entrypoint.sh: Configuration complete; ready for start up
    "#]],
    );
    check(
        &mut s,
        "kubectl logs nope",
        expect![[r#"
        --- stderr
        Error from server (NotFound): pods "nope" not found
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl logs -f web",
        expect![[r#"
        /docker-entrypoint.sh: Configuration complete; ready for start up
        --- effect Advanced { ms: 60000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl exec web -- nginx -v",
        expect![[r#"
            --- effect ContainerShell { namespace: "default", pod: "web", container: "web", command: ["nginx", "-v"], interactive: false, remove_on_exit: false, debug: false }
        "#]],
    );
    check(
        &mut s,
        "kubectl exec -it web -- sh",
        expect![[r#"
            --- effect ContainerShell { namespace: "default", pod: "web", container: "web", command: ["sh"], interactive: true, remove_on_exit: false, debug: false }
        "#]],
    );
    check(
        &mut s,
        "kubectl exec web",
        expect![[r#"
            --- stderr
            error: you must specify at least one command for the container
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl port-forward pod/web 8080:80",
        expect![[r#"
        Forwarding from 127.0.0.1:8080 -> 80
        Forwarding from [::1]:8080 -> 80
    "#]],
    );
    check(
        &mut s,
        "kubectl expose pod web --port=80",
        expect![[r#"
        service/web exposed
    "#]],
    );
    check(
        &mut s,
        "kubectl port-forward svc/web 8080:80",
        expect![[r#"
        Forwarding from 127.0.0.1:8080 -> 80
        Forwarding from [::1]:8080 -> 80
    "#]],
    );
    check(
        &mut s,
        "kubectl run shell -it --rm --image=busybox --restart=Never -- sh",
        expect![[r#"
            If you don't see a command prompt, try pressing enter.
            --- effect ContainerShell { namespace: "default", pod: "shell", container: "shell", command: ["sh"], interactive: true, remove_on_exit: true, debug: false }
        "#]],
    );
    check(
        &mut s,
        "kubectl wait --for=condition=Ready pod/web",
        expect![[r#"
        pod/web condition met
    "#]],
    );
    check(
        &mut s,
        "kubectl delete pod web",
        expect![[r#"
        pod "web" deleted
        --- effect Advanced { ms: 2000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl wait --for=delete pod/web --timeout=5s",
        expect![[r#"
        pod/web condition met
    "#]],
    );
    check(
        &mut s,
        "kubectl get events --no-headers -o name",
        expect![[r#"
            event/web.1887ceee91db0f81
            event/web.1887ceee91db0f82
            event/web.1887ceef3808b12f
            event/web.1887ceef4fe039e0
            event/web.1887ceef4fe039e1
            event/shell.1887cf0d12166cae
            event/shell.1887cf0d12166caf
            event/shell.1887cf0d62324c70
            event/shell.1887cf0d7a09d521
            event/shell.1887cf0d7a09d522
            event/web.1887cf0eeeed1a73
        "#]],
    );
    check(
        &mut s,
        "kubectl events --for pod/shell",
        expect![[r#"
            LAST SEEN   TYPE     REASON      OBJECT      MESSAGE
            19s         Normal   Scheduled   Pod/shell   Successfully assigned default/shell to w1
            19s         Normal   Pulling     Pod/shell   Pulling image "busybox"
            17s         Normal   Pulled      Pod/shell   Successfully pulled image "busybox" in 0.744s (0.744s including waiting)
            17s         Normal   Created     Pod/shell   Created container shell
            17s         Normal   Started     Pod/shell   Started container shell
        "#]],
    );
}

#[test]
fn watches_stream_for_a_bounded_window() {
    let mut s = tiny();
    s.run("kubectl create deployment web --image=nginx");
    check(
        &mut s,
        "kubectl get pods -w",
        expect![[r#"
            NAME                   READY   STATUS              RESTARTS   AGE
            web-549984b78b-6vcxs   0/1     ContainerCreating   0          3s
            web-549984b78b-6vcxs   1/1   Running   0     4s
            --- effect Advanced { ms: 60000 }
        "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -w --no-headers",
        expect![[r#"
        web   1/1   1     1     66s
        --- effect Advanced { ms: 60000 }
    "#]],
    );
}

/// `kubectl top` asks discovery for metrics.k8s.io and then the aggregator: a kubeadm cluster has no metrics-server
/// until one is installed, and its APIService answers only once the metrics-server pod is ready.
#[test]
fn top_needs_the_metrics_api() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl top nodes",
        expect![[r#"
        --- stderr
        error: Metrics API not available
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl top pods -A",
        expect![[r#"
        --- stderr
        error: Metrics API not available
        --- exit 1
    "#]],
    );
    s.run_stdin("kubectl apply -f -", METRICS_SERVER);
    check(
        &mut s,
        "kubectl top nodes",
        expect![[r#"
        --- stderr
        Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl top pods",
        expect![[r#"
        --- stderr
        Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods.metrics.k8s.io)
        --- exit 1
    "#]],
    );
    s.cluster.advance(30_000);
    check(
        &mut s,
        "kubectl top pods",
        expect![[r#"
        --- stderr
        No resources found in default namespace.
    "#]],
    );
    s.run("kubectl create deployment web --image=nginx");
    check(
        &mut s,
        "kubectl top pods",
        expect![[r#"
        --- stderr
        error: metrics not available yet
        --- exit 1
    "#]],
    );
    s.run("kubectl create deployment broken --image=registry.example.com/nope:1");
    s.cluster.advance(180_000);
    check(
        &mut s,
        "kubectl top pods -l app=broken",
        expect![[r#"
        --- stderr
        error: Metrics not available for pod default/broken-74cf6f68f7-bbnnw, age: 3m3s
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl top pods -n kube-system",
        expect![[r#"
            NAME                              CPU(cores)   MEMORY(bytes)
            metrics-server-57846486d5-6vcxs   1m           4Mi
        "#]],
    );
}

/// The HPA reads CPU utilisation from the same API: without it the targets are unknown, the controller warns and
/// keeps the replicas; with metrics-server it follows the load.
#[test]
fn hpa_scales_only_with_the_metrics_api() {
    // Three replicas under a load of four pods' requests, for a minute.
    let loaded = |mut s: Session| {
        s.run("kubectl create deployment web --image=nginx --replicas=3");
        s.run("kubectl autoscale deployment web --min=1 --max=5 --cpu-percent=50");
        s.cluster.load.insert("default/web".into(), 400);
        s.cluster.advance(60_000);
        s
    };
    let mut s = loaded(tiny());
    check(
        &mut s,
        "kubectl get hpa",
        expect![[r#"
        NAME   REFERENCE        TARGETS         MINPODS   MAXPODS   REPLICAS   AGE
        web    Deployment/web   <unknown>/50%   1         5         3          63s
    "#]],
    );
    check(
        &mut s,
        "kubectl describe hpa web",
        expect![[r#"
            Name:                                                  web
            Namespace:                                             default
            Labels:                                                <none>
            Annotations:                                           <none>
            CreationTimestamp:                                     Mon, 05 Jan 2026 09:00:03 +0000
            Reference:                                             Deployment/web
            Metrics:                                               ( current / target )
              resource cpu on pods  (as a percentage of request):  <unknown> / 50%
            Min replicas:                                          1
            Max replicas:                                          5
            Deployment pods:                                       3 current / 3 desired
            Conditions:
              Type           Status  Reason                   Message
              ----           ------  ------                   -------
              AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale
              ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
            Events:
              Type     Reason                        Age               From                       Message
              ----     ------                        ----              ----                       -------
              Warning  FailedGetResourceMetric       6s (x5 over 51s)  horizontal-pod-autoscaler  failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
              Warning  FailedComputeMetricsReplicas  6s (x5 over 51s)  horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
        "#]],
    );
    let mut s = loaded(tiny_with_metrics());
    check(
        &mut s,
        "kubectl get hpa",
        expect![[r#"
        NAME   REFERENCE        TARGETS   MINPODS   MAXPODS   REPLICAS   AGE
        web    Deployment/web   80%/50%   1         5         5          63s
    "#]],
    );
}

#[test]
fn nodes_top_and_maintenance() {
    let mut s = tiny_with_metrics();
    s.run("kubectl create deployment web --image=nginx --replicas=3");
    s.cluster.advance(20_000);
    check(
        &mut s,
        "kubectl top nodes",
        expect![[r#"
            NAME   CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%
            cp     100m         2%     1050Mi          12%
            w1     94m          4%     945Mi           23%
            w2     162m         8%     1507Mi          36%
        "#]],
    );
    check(
        &mut s,
        "kubectl top pods",
        expect![[r#"
            NAME                   CPU(cores)   MEMORY(bytes)
            web-549984b78b-49t9x   6m           19Mi
            web-549984b78b-bbnnw   2m           7Mi
            web-549984b78b-bw8d9   7m           22Mi
        "#]],
    );
    check(
        &mut s,
        "kubectl cordon w1",
        expect![[r#"
        node/w1 cordoned
    "#]],
    );
    check(
        &mut s,
        "kubectl cordon w1",
        expect![[r#"
        node/w1 already cordoned
    "#]],
    );
    check(
        &mut s,
        "kubectl get nodes",
        expect![[r#"
            NAME   STATUS                     ROLES           AGE    VERSION
            cp     Ready                      control-plane   138m   v1.27.10
            w1     Ready,SchedulingDisabled   <none>          138m   v1.27.10
            w2     Ready                      <none>          138m   v1.27.10
        "#]],
    );
    check(
        &mut s,
        "kubectl uncordon w1",
        expect![[r#"
        node/w1 uncordoned
    "#]],
    );
    check(
        &mut s,
        "kubectl drain w1 --ignore-daemonsets",
        expect![[r#"
            node/w1 cordoned
            evicting pod kube-system/metrics-server-57846486d5-6vcxs
            evicting pod default/web-549984b78b-49t9x
            evicting pod default/web-549984b78b-bw8d9
            pod/metrics-server-57846486d5-6vcxs evicted
            pod/web-549984b78b-49t9x evicted
            pod/web-549984b78b-bw8d9 evicted
            node/w1 drained
        "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o wide",
        expect![[r#"
            NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES
            web-549984b78b-5g8f4   1/1     Running   0          8s    10.244.1.6   w2     <none>           <none>
            web-549984b78b-bbnnw   1/1     Running   0          49s   10.244.1.3   w2     <none>           <none>
            web-549984b78b-zwwn2   1/1     Running   0          8s    10.244.1.5   w2     <none>           <none>
        "#]],
    );
    check(
        &mut s,
        "kubectl taint nodes w2 dedicated=db:NoSchedule",
        expect![[r#"
        node/w2 tainted
    "#]],
    );
    check(
        &mut s,
        "kubectl taint nodes w2 dedicated=db:NoSchedule",
        expect![[r#"
        --- stderr
        error: node w2 already has dedicated taint(s) with same effect(s) and --overwrite is false
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl taint nodes w2 dedicated=db:NoSchedule-",
        expect![[r#"
        node/w2 untainted
    "#]],
    );
    check(
        &mut s,
        "kubectl taint nodes w2 dedicated=db:Sometimes",
        expect![[r#"
            --- stderr
            error: invalid taint effect: Sometimes, unsupported taint effect
            See 'kubectl taint -h' for help and examples
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl describe node w9",
        expect![[r#"
        --- stderr
        Error from server (NotFound): nodes "w9" not found
        --- exit 1
    "#]],
    );
}

#[test]
fn discovery_config_and_help() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl api-resources --api-group=apps",
        expect![[r#"
        NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND
        controllerrevisions                apps/v1      true         ControllerRevision
        daemonsets            ds           apps/v1      true         DaemonSet
        deployments           deploy       apps/v1      true         Deployment
        replicasets           rs           apps/v1      true         ReplicaSet
        statefulsets          sts          apps/v1      true         StatefulSet
    "#]],
    );
    check(
        &mut s,
        "kubectl api-resources --api-group=batch -o wide",
        expect![[r#"
        NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND      VERBS                                                          CATEGORIES
        cronjobs   cj           batch/v1     true         CronJob   [create delete deletecollection get list patch update watch]   all
        jobs                    batch/v1     true         Job       [create delete deletecollection get list patch update watch]   all
    "#]],
    );
    check(
        &mut s,
        "kubectl api-versions",
        expect![[r#"
            admissionregistration.k8s.io/v1
            apiextensions.k8s.io/v1
            apiregistration.k8s.io/v1
            apps/v1
            authentication.k8s.io/v1
            authentication.k8s.io/v1beta1
            authorization.k8s.io/v1
            autoscaling/v1
            autoscaling/v2
            batch/v1
            certificates.k8s.io/v1
            coordination.k8s.io/v1
            discovery.k8s.io/v1
            events.k8s.io/v1
            flowcontrol.apiserver.k8s.io/v1beta2
            flowcontrol.apiserver.k8s.io/v1beta3
            networking.k8s.io/v1
            node.k8s.io/v1
            policy/v1
            rbac.authorization.k8s.io/v1
            scheduling.k8s.io/v1
            storage.k8s.io/v1
            v1
        "#]],
    );
    check(
        &mut s,
        "kubectl cluster-info",
        expect![[r#"
        [0;32mKubernetes control plane[0m is running at [0;33mhttps://192.168.1.10:6443[0m
        [0;32mCoreDNS[0m is running at [0;33mhttps://192.168.1.10:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy[0m

        To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
    "#]],
    );
    check(
        &mut s,
        "kubectl explain deployment.spec.replicas",
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            FIELD: replicas <integer>

            DESCRIPTION:
                Number of desired pods. This is a pointer to distinguish between explicit
                zero and not specified. Defaults to 1.
            ····

        "#]],
    );
    check(
        &mut s,
        "kubectl explain pods.spec.bogus",
        expect![[r#"
        --- stderr
        error: field "bogus" does not exist
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl config current-context",
        expect![[r#"
        kubernetes-admin@kubernetes
    "#]],
    );
    check(
        &mut s,
        "kubectl config view",
        expect![[r#"
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: DATA+OMITTED
            server: https://192.168.1.10:6443
          name: kubernetes
        contexts:
        - context:
            cluster: kubernetes
            namespace: default
            user: kubernetes-admin
          name: kubernetes-admin@kubernetes
        current-context: kubernetes-admin@kubernetes
        kind: Config
        preferences: {}
        users:
        - name: kubernetes-admin
          user:
            client-certificate-data: DATA+OMITTED
            client-key-data: DATA+OMITTED
    "#]],
    );
    check(
        &mut s,
        "kubectl config set-context --current --namespace=kube-system",
        expect![[r#"
        Context "kubernetes-admin@kubernetes" modified.
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods",
        expect![[r#"
        --- stderr
        No resources found in kube-system namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl config use-context nope",
        expect![[r#"
        --- stderr
        error: no context exists with the name: "nope"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl auth can-i --list --as developer",
        expect![[r#"
        Resources   Non-Resource URLs   Resource Names   Verbs
    "#]],
    );
    check(
        &mut s,
        "kubectl scale --help",
        expect![[r#"
            Set a new size for a deployment, replica set, or replication controller.

            Examples:
              # Scale the deployment web to three replicas
              kubectl scale --replicas=3 deployment/web
            ··
              # Scale only when the current size is two
              kubectl scale --current-replicas=2 --replicas=3 deployment/web

            Options:
                -r, --replicas='1':
            	Number of replicas

                --current-replicas='-1':
            	Precondition for current size

                -l, --selector='':
            	Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'

                --all=false:
            	Select all resources in the namespace of the specified resource types

                -f, --filename='':
            	Filename, directory, or URL to files to use

                -o, --output='':
            	Output format: json, yaml, name, wide, jsonpath=..., custom-columns=...

                --dry-run='none':
            	Must be "none", "server", or "client"

                --timeout='0s':
            	The length of time to wait before giving up

            Usage:
              kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]

            Use "kubectl options" for a list of global command-line options (applies to all commands).
        "#]],
    );
    check(
        &mut s,
        "kubectl completion bash",
        expect![[r##"
        # bash completion for kubectl                              -*- shell-script -*-

        __kubectl_debug()
        {
            if [[ -n ${BASH_COMP_DEBUG_FILE:-} ]]; then
                echo "$*" >> "${BASH_COMP_DEBUG_FILE}"
            fi
        }

        __start_kubectl()
        {
            local cur prev words cword split
            COMPREPLY=()
            _get_comp_words_by_ref -n "=:" cur prev words cword
            local out
            out=$("${words[0]}" __complete "${words[@]:1}" 2>/dev/null)
            COMPREPLY=( $(compgen -W "${out}" -- "$cur") )
        }

        complete -o default -F __start_kubectl kubectl
    "##]],
    );
    check(
        &mut s,
        "kubectl completion",
        expect![[r#"
        --- stderr
        error: Shell not specified.
        See 'kubectl completion -h' for help and examples
        --- exit 1
    "#]],
    );
}

#[test]
fn openshift_admin_commands() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc get co --no-headers -o name",
        expect![[r#"
        clusteroperator.config.openshift.io/authentication
        clusteroperator.config.openshift.io/baremetal
        clusteroperator.config.openshift.io/cloud-controller-manager
        clusteroperator.config.openshift.io/cloud-credential
        clusteroperator.config.openshift.io/cluster-autoscaler
        clusteroperator.config.openshift.io/config-operator
        clusteroperator.config.openshift.io/console
        clusteroperator.config.openshift.io/control-plane-machine-set
        clusteroperator.config.openshift.io/csi-snapshot-controller
        clusteroperator.config.openshift.io/dns
        clusteroperator.config.openshift.io/etcd
        clusteroperator.config.openshift.io/image-registry
        clusteroperator.config.openshift.io/ingress
        clusteroperator.config.openshift.io/insights
        clusteroperator.config.openshift.io/kube-apiserver
        clusteroperator.config.openshift.io/kube-controller-manager
        clusteroperator.config.openshift.io/kube-scheduler
        clusteroperator.config.openshift.io/kube-storage-version-migrator
        clusteroperator.config.openshift.io/machine-api
        clusteroperator.config.openshift.io/machine-approver
        clusteroperator.config.openshift.io/machine-config
        clusteroperator.config.openshift.io/marketplace
        clusteroperator.config.openshift.io/monitoring
        clusteroperator.config.openshift.io/network
        clusteroperator.config.openshift.io/node-tuning
        clusteroperator.config.openshift.io/openshift-apiserver
        clusteroperator.config.openshift.io/openshift-controller-manager
        clusteroperator.config.openshift.io/openshift-samples
        clusteroperator.config.openshift.io/operator-lifecycle-manager
        clusteroperator.config.openshift.io/operator-lifecycle-manager-catalog
        clusteroperator.config.openshift.io/operator-lifecycle-manager-packageserver
        clusteroperator.config.openshift.io/service-ca
        clusteroperator.config.openshift.io/storage
    "#]],
    );
    check(
        &mut s,
        "oc get clusterversion",
        expect![[r#"
        NAME      VERSION   AVAILABLE   PROGRESSING   SINCE   STATUS
        version   4.14.0    True        False         89d     Cluster version is 4.14.0
    "#]],
    );
    check(
        &mut s,
        "oc get nodes",
        expect![[r#"
        NAME       STATUS   ROLES                  AGE   VERSION
        master01   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        master02   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        master03   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        worker01   Ready    worker                 89d   v1.27.6+f67aeb3
        worker02   Ready    worker                 89d   v1.27.6+f67aeb3
        worker03   Ready    worker                 89d   v1.27.6+f67aeb3
    "#]],
    );
    check(
        &mut s,
        "oc get csr",
        expect![[r#"
            NAME        AGE    SIGNERNAME                      REQUESTOR              REQUESTEDDURATION   CONDITION
            csr-2pvkb   137m   kubernetes.io/kubelet-serving   system:node:worker01   <none>              Approved,Issued
            csr-jmnq9   137m   kubernetes.io/kubelet-serving   system:node:worker03   <none>              Approved,Issued
            csr-n7zd7   137m   kubernetes.io/kubelet-serving   system:node:worker02   <none>              Approved,Issued
        "#]],
    );
    check(
        &mut s,
        "oc get mcp",
        expect![[r#"
        NAME     CONFIG                                             UPDATED   UPDATING   DEGRADED   MACHINECOUNT   READYMACHINECOUNT   UPDATEDMACHINECOUNT   DEGRADEDMACHINECOUNT   AGE
        master   rendered-master-188f262fa097d51e971b662ba61d0ca1   True      False      False      3              3                   3                     0                      89d
        worker   rendered-worker-4e407f1e5b3ebbdabafcc612eee2a835   True      False      False      3              3                   3                     0                      89d
    "#]],
    );
    check(
        &mut s,
        "oc debug node/master01",
        expect![[r#"
            Temporary namespace openshift-debug-vjlqr is created for debugging node...
            Starting pod/master01-debug-ltfjv ...
            To use host binaries, run `chroot /host`
            Pod IP: 192.168.50.10
            If you don't see a command prompt, try pressing enter.
            --- effect DebugNode { node: "master01", pod: "master01-debug-ltfjv", namespace: "openshift-debug-vjlqr", exit_message: "\nRemoving debug pod ...\nTemporary namespace openshift-debug-vjlqr was removed.\n", command: [] }
        "#]],
    );
    // kubectl attaches to a node's debugging pod only with --stdin; without it the pod is just created.
    check(
        &mut s,
        "kubectl debug node/master01 --image=busybox -- hostname",
        expect![[r#"
            Creating debugging pod node-debugger-master01-4tfsl with container debugger on node master01.
        "#]],
    );
    check(
        &mut s,
        "kubectl debug node/master01 -it --image=busybox",
        expect![[r#"
            Creating debugging pod node-debugger-master01-sk8m4 with container debugger on node master01.
            --- stderr
            If you don't see a command prompt, try pressing enter.
            --- effect DebugNode { node: "master01", pod: "node-debugger-master01-sk8m4", namespace: "default", exit_message: "", command: [] }
        "#]],
    );
    check(
        &mut s,
        "oc adm policy add-role-to-user admin developer -n default",
        expect![[r#"
        clusterrole.rbac.authorization.k8s.io/admin added: "developer"
    "#]],
    );
    check(
        &mut s,
        "oc adm policy add-cluster-role-to-user cluster-admin developer",
        expect![[r#"
        clusterrole.rbac.authorization.k8s.io/cluster-admin added: "developer"
    "#]],
    );
    check(
        &mut s,
        "oc adm top nodes",
        expect![[r#"
            NAME       CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%
            master01   305m         4%     4441Mi          29%
            master02   279m         3%     4505Mi          30%
            master03   271m         3%     4177Mi          28%
            worker01   177m         2%     2371Mi          15%
            worker02   238m         3%     2802Mi          18%
            worker03   233m         3%     3044Mi          20%
        "#]],
    );
    check(
        &mut s,
        "oc adm cordon worker01",
        expect![[r#"
        node/worker01 cordoned
    "#]],
    );
    check(
        &mut s,
        "oc adm uncordon worker01",
        expect![[r#"
        node/worker01 uncordoned
    "#]],
    );
    check(
        &mut s,
        "oc api-resources --api-group=route.openshift.io",
        expect![[r#"
        NAME     SHORTNAMES   APIVERSION              NAMESPACED   KIND
        routes                route.openshift.io/v1   true         Route
    "#]],
    );
    check(
        &mut s,
        "oc new-app php~https://github.com/sclorg/cakephp-ex",
        expect![[r#"
        --> Found image 50539d8 (3 months old) in image stream "openshift/php" under tag "latest" for "php"

            * The source repository appears to match: php
            * A source build using source code from https://github.com/sclorg/cakephp-ex will be created
              * The resulting image will be pushed to image stream tag "cakephp-ex:latest"
              * Use 'oc start-build' to trigger a new build
            * This image will be deployed in deployment "cakephp-ex"
            * Port 8080/tcp will be load balanced by service "cakephp-ex"
              * Other containers can access this service through the hostname "cakephp-ex"

        --> Creating resources ...
            imagestream.image.openshift.io "cakephp-ex" created
            buildconfig.build.openshift.io "cakephp-ex" created
            deployment.apps "cakephp-ex" created
            service "cakephp-ex" created
        --> Success
            Build scheduled, use 'oc logs -f buildconfig/cakephp-ex' to track its progress.
            Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
             'oc expose service/cakephp-ex' 
            Run 'oc status' to view your app.
    "#]],
    );
    check(
        &mut s,
        "oc get bc,is -o name",
        expect![[r#"
        buildconfig.build.openshift.io/cakephp-ex
        imagestream.image.openshift.io/cakephp-ex
    "#]],
    );
    check(
        &mut s,
        "oc start-build cakephp-ex",
        expect![[r#"
            build.build.openshift.io/cakephp-ex-2 started
        "#]],
    );
    check(
        &mut s,
        "oc new-app does-not-exist-anywhere",
        expect![[r#"
        --- stderr
        error: unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name "does-not-exist-anywhere"

        The 'oc new-app' command will match arguments to the following types:

          1. Images tagged into image streams in the current project or the 'openshift' project
             - if you don't specify a tag, we'll add ':latest'
          2. Images in the container storage, on remote registries, or on the local container engine
          3. Templates in the current project or the 'openshift' project
          4. Git repository URLs or local paths that point to Git repositories

        --allow-missing-images can be used to point to an image that does not exist yet.

        See 'oc new-app -h' for examples.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get routes",
        expect![[r#"
        --- stderr
        No resources found in default namespace.
    "#]],
    );
}

#[test]
fn completion_words() {
    let s = tiny();
    let mut cluster = s.cluster.clone();
    let mut kubeconfig = s.kubeconfig.clone();
    let env = CliEnv {
        cluster: &mut cluster,
        kubeconfig: &mut kubeconfig,
    };
    let c = |line: &str, partial: &str| complete(&split_words(line), partial, &env).join(" ");
    expect!["get"].assert_eq(&c("kubectl", "ge"));
    expect!["deployments"].assert_eq(&c("kubectl get", "dep"));
    expect!["--show-labels --show-kind"].assert_eq(&c("kubectl get", "--sh"));
    expect!["w1 w2"].assert_eq(&c("kubectl get nodes", "w"));
    expect!["node/cp"].assert_eq(&c("kubectl describe", "node/c"));
    expect!["new-project new-app new-build"].assert_eq(&c("oc", "new-"));
    expect!["kube-system"].assert_eq(&c("kubectl get pods -n", "k"));
    expect!["kubernetes-admin@kubernetes"].assert_eq(&c("kubectl config use-context", ""));
}

#[test]
fn every_command_has_help_in_the_real_layout() {
    for tool in ["kubectl", "oc"] {
        for name in super::help::names(tool) {
            if name == "help" {
                continue;
            }
            let mut s = if tool == "oc" {
                Session::new(OCP_MINI)
            } else {
                tiny()
            };
            let out = s.run(&format!("{tool} {name} --help"));
            let spec = super::help::spec(tool, name).expect("a command");
            assert_eq!(
                out.contains("\nOptions:\n"),
                !spec.flags.is_empty(),
                "{tool} {name} --help: Options: only with flags\n{out}"
            );
            for part in [
                "\n\nExamples:\n",
                "\nUsage:\n",
                "Use \"",
                " options\" for a list of global command-line options",
            ] {
                assert!(
                    out.contains(part),
                    "{tool} {name} --help lacks {part:?}:\n{out}"
                );
            }
        }
    }
    let mut s = tiny();
    let top = s.run("kubectl");
    assert!(
        top.starts_with("kubectl controls the Kubernetes cluster manager."),
        "{top}"
    );
}

/// A small OpenShift cluster for tests that need `oc` but not the whole classroom.
const OCP_MINI: &str = r#"
apiVersion: bastion.dev/v1
kind: Scenario
metadata: {name: mini}
spec:
  name: mini
  kubernetesVersion: v1.27.6+f67aeb3
  openshiftVersion: 4.14.0
  apiServer: https://api.mini.example.com:6443
  consoleUrl: https://console-openshift-console.apps.mini.example.com
  startTime: "2024-02-05T09:00:00Z"
  users:
  - {name: developer, password: developer, groups: [system:authenticated]}
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Node
metadata: {name: master01, labels: {node-role.kubernetes.io/master: ""}}
status:
  allocatable: {cpu: "8", memory: 16Gi, pods: "250"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 192.168.50.10}]
"#;

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    const WORDS: &[&str] = &[
        "kubectl",
        "oc",
        "get",
        "describe",
        "create",
        "apply",
        "delete",
        "edit",
        "patch",
        "replace",
        "scale",
        "autoscale",
        "rollout",
        "status",
        "undo",
        "history",
        "set",
        "image",
        "env",
        "expose",
        "run",
        "label",
        "annotate",
        "logs",
        "exec",
        "port-forward",
        "top",
        "explain",
        "api-resources",
        "config",
        "view",
        "auth",
        "can-i",
        "wait",
        "events",
        "cordon",
        "drain",
        "taint",
        "login",
        "new-project",
        "new-app",
        "project",
        "adm",
        "policy",
        "debug",
        "pods",
        "po",
        "deploy",
        "svc",
        "nodes",
        "node/w1",
        "all",
        "deployment",
        "configmap",
        "secret",
        "generic",
        "web",
        "nginx",
        "w1",
        "-n",
        "-A",
        "-o",
        "yaml",
        "json",
        "wide",
        "name",
        "jsonpath={.items[*]}",
        "custom-columns=A:.x",
        "-l",
        "app=web",
        "--replicas=3",
        "--image=nginx",
        "-f",
        "-",
        "--",
        "sh",
        "-it",
        "--all",
        "--for=delete",
        "--to-revision=1",
        "=",
        "a=b",
        "-",
        "x-",
        "--type=json",
        "-p",
        "[",
        "{",
        "}",
        "'",
        "%",
        "\u{1F600}",
        "",
        " ",
        "-nv",
        "--dry-run=client",
    ];

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => proptest::sample::select(WORDS).prop_map(str::to_owned),
            1 => ".{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("CLI_PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300), ..ProptestConfig::default() })]

        #[test]
        fn random_command_lines_never_panic(tool in proptest::sample::select(&["kubectl", "oc"][..]), words in proptest::collection::vec(word(), 0..7), stdin in ".{0,40}") {
            let mut s = Session::new(OCP_MINI);
            // Objects for the random commands to find: a deployment, a pod, a file.
            s.run("kubectl create deployment web --image=nginx");
            s.run("kubectl run nginx --image=nginx");
            s.fs.write("/home/student/-", "kind: Pod").ok();
            let mut argv = vec![tool.to_owned()];
            argv.extend(words);
            let env_vars = BTreeMap::new();
            let mut ctx = Ctx::new(&mut s.fs, &env_vars, "/home/student", &stdin, 0);
            let mut env = CliEnv { cluster: &mut s.cluster, kubeconfig: &mut s.kubeconfig };
            let result = run(&argv, &mut ctx, &mut env);
            prop_assert!(result.output.code == 0 || result.output.code == 1, "{result:?}");
            if let Some(Effect::Edit(request)) = &result.effect {
                let _ = finish_edit(request, "kind: [", &mut env);
            }
            let _ = complete(&argv, "", &env);
        }
    }
}

#[test]
fn sessions_contexts_and_more_reads() {
    let mut s = tiny();
    s.run("kubectl create deployment web --image=nginx --replicas=2");
    s.cluster.advance(20_000);
    check(
        &mut s,
        "kubectl -n kube-system get pods",
        expect![[r#"
        --- stderr
        No resources found in kube-system namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -n nope",
        expect![[r#"
        --- stderr
        No resources found in nope namespace.
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --context nope",
        expect![[r#"
        --- stderr
        error: context was not found for specified context: nope
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --context kubernetes-admin@kubernetes -o name",
        expect![[r#"
            pod/web-549984b78b-6vcxs
            pod/web-549984b78b-j2bw8
        "#]],
    );
    check(
        &mut s,
        "kubectl logs deploy/web",
        expect![[r#"
            /docker-entrypoint.sh: Configuration complete; ready for start up
            --- stderr
            Found 2 pods, using pod/web-549984b78b-6vcxs
        "#]],
    );
    check(
        &mut s,
        "kubectl describe pods -l app=web --show-events=false",
        expect![[r#"
            Name:             web-549984b78b-6vcxs
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             w1/192.168.1.11
            Start Time:       Mon, 05 Jan 2026 09:00:00 +0000
            Labels:           app=web
                              pod-template-hash=549984b78b
            Annotations:      <none>
            Status:           Running
            IP:               10.244.0.3
            IPs:
              IP:           10.244.0.3
            Controlled By:  ReplicaSet/web-549984b78b
            Containers:
              nginx:
                Container ID:   cri-o://77ba069589e481c2502fb5959f5e0e52a6351959930b5dde83cb1897ce0efe01
                Image:          nginx
                Image ID:       docker.io/library/nginx@sha256:956aa78527f8f1c375d36df777d6180973be9a683a1104bd1dd3f0fa08a09e19
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Mon, 05 Jan 2026 09:00:03 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type              Status
              Initialized       True 
              Ready             True 
              ContainersReady   True 
              PodScheduled      True 
            Volumes:            <none>
            QoS Class:          BestEffort
            Node-Selectors:     <none>
            Tolerations:        node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  38s   default-scheduler  Successfully assigned default/web-549984b78b-6vcxs to w1
              Normal  Pulling    38s   kubelet            Pulling image "nginx"
              Normal  Pulled     36s   kubelet            Successfully pulled image "nginx" in 2.188s (2.188s including waiting)
              Normal  Created    35s   kubelet            Created container nginx
              Normal  Started    35s   kubelet            Started container nginx


            Name:             web-549984b78b-j2bw8
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             w1/192.168.1.11
            Start Time:       Mon, 05 Jan 2026 09:00:00 +0000
            Labels:           app=web
                              pod-template-hash=549984b78b
            Annotations:      <none>
            Status:           Running
            IP:               10.244.0.4
            IPs:
              IP:           10.244.0.4
            Controlled By:  ReplicaSet/web-549984b78b
            Containers:
              nginx:
                Container ID:   cri-o://e8eea398cb8342faad8ac7e3e00d59716cf690b559ff8b0fac839ed737e1a861
                Image:          nginx
                Image ID:       docker.io/library/nginx@sha256:956aa78527f8f1c375d36df777d6180973be9a683a1104bd1dd3f0fa08a09e19
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Mon, 05 Jan 2026 09:00:03 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type              Status
              Initialized       True 
              Ready             True 
              ContainersReady   True 
              PodScheduled      True 
            Volumes:            <none>
            QoS Class:          BestEffort
            Node-Selectors:     <none>
            Tolerations:        node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  38s   default-scheduler  Successfully assigned default/web-549984b78b-j2bw8 to w1
              Normal  Pulling    38s   kubelet            Pulling image "nginx"
              Normal  Pulled     36s   kubelet            Successfully pulled image "nginx" in 2.188s (2.188s including waiting)
              Normal  Created    35s   kubelet            Created container nginx
              Normal  Started    35s   kubelet            Started container nginx
        "#]],
    );
    check(
        &mut s,
        "kubectl get deploy web -o yaml",
        expect![[r#"
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                deployment.kubernetes.io/revision: "1"
              creationTimestamp: "2026-01-05T09:00:00Z"
              generation: 1
              labels:
                app: web
              name: web
              namespace: default
              resourceVersion: "27"
              uid: df0f9924-a301-4430-9d2f-9b2d0b5f15e6
            spec:
              progressDeadlineSeconds: 600
              replicas: 2
              revisionHistoryLimit: 10
              selector:
                matchLabels:
                  app: web
              strategy:
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 25%
                type: RollingUpdate
              template:
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx
                    imagePullPolicy: Always
                    name: nginx
                    resources: {}
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
            status:
              availableReplicas: 2
              conditions:
              - lastTransitionTime: "2026-01-05T09:00:03Z"
                lastUpdateTime: "2026-01-05T09:00:03Z"
                message: Deployment has minimum availability.
                reason: MinimumReplicasAvailable
                status: "True"
                type: Available
              - lastTransitionTime: "2026-01-05T09:00:00Z"
                lastUpdateTime: "2026-01-05T09:00:03Z"
                message: ReplicaSet "web-549984b78b" has successfully progressed.
                reason: NewReplicaSetAvailable
                status: "True"
                type: Progressing
              observedGeneration: 1
              readyReplicas: 2
              replicas: 2
              updatedReplicas: 2
        "#]],
    );
    check(
        &mut s,
        "kubectl delete pod -l app=web --force --grace-period=0",
        expect![[r#"
            pod "web-549984b78b-6vcxs" force deleted
            pod "web-549984b78b-j2bw8" force deleted
            --- stderr
            Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
        "#]],
    );
    check(
        &mut s,
        "kubectl get ev -A --no-headers -o custom-columns=REASON:.reason",
        expect![[r#"
            ScalingReplicaSet
            SuccessfulCreate
            SuccessfulCreate
            Scheduled
            Pulling
            Scheduled
            Pulling
            Pulled
            Pulled
            Created
            Started
            Created
            Started
            Killing
            SuccessfulCreate
            Scheduled
            Pulling
            Killing
            SuccessfulCreate
            Scheduled
            Pulling
            Pulled
            Pulled
        "#]],
    );
    check(
        &mut s,
        "kubectl version --client -o yaml",
        expect![[r#"
        clientVersion:
          compiler: gc
          gitTreeState: clean
          gitVersion: v1.27.10
          goVersion: go1.20.10
          major: "1"
          minor: "27"
          platform: linux/amd64
        kustomizeVersion: v5.0.1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o go-template={{.kind}}",
        expect![[r#"
        --- stderr
        error: go templates are not supported in this simulation
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o custom-columns=BAD",
        expect![[r#"
        --- stderr
        error: unexpected custom-columns spec: BAD, expected <header>:<json-path-expr>
        --- exit 1
    "#]],
    );

    let argv = split_words("kubectl run shell -it --rm --image=nginx --restart=Never -- sh");
    let env_vars = BTreeMap::new();
    let mut ctx = Ctx::new(&mut s.fs, &env_vars, "/home/student", "", 0);
    let mut env = CliEnv {
        cluster: &mut s.cluster,
        kubeconfig: &mut s.kubeconfig,
    };
    let result = run(&argv, &mut ctx, &mut env);
    let effect = result.effect.expect("a shell");
    expect![[r#"Output { stdout: "pod \"shell\" deleted\n", stderr: "", code: 0 }"#]]
        .assert_eq(&format!("{:?}", end_session(&effect, &mut env)));
    assert!(
        env.cluster
            .get(crate::api::k::pod(), "default", "shell")
            .is_none()
    );
}

#[test]
fn openshift_sessions_and_admin() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc whoami -t",
        expect![[r#"
        --- stderr
        error: no token is currently in use for this session
        --- exit 1
    "#]],
    );
    s.run("oc login -u admin -p redhatocp https://api.ocp4.example.com:6443");
    let token = s.run("oc whoami -t");
    assert!(
        token.starts_with("sha256~") && token.trim().len() == 50,
        "{token}"
    );
    check(
        &mut s,
        "oc project openshift-etcd",
        expect![[r#"
        Now using project "openshift-etcd" on server "https://api.ocp4.example.com:6443".
    "#]],
    );
    check(
        &mut s,
        "oc project no-such-project",
        expect![[r#"
        --- stderr
        error: A project named "no-such-project" does not exist on "https://api.ocp4.example.com:6443".
        Your projects are:
        * default
        * kube-node-lease
        * kube-public
        * kube-system
        * metallb-system
        * nfs-client-provisioner
        * openshift
        * openshift-apiserver
        * openshift-apiserver-operator
        * openshift-authentication
        * openshift-authentication-operator
        * openshift-cloud-controller-manager
        * openshift-cloud-controller-manager-operator
        * openshift-cloud-credential-operator
        * openshift-cluster-machine-approver
        * openshift-cluster-node-tuning-operator
        * openshift-cluster-samples-operator
        * openshift-cluster-storage-operator
        * openshift-cluster-version
        * openshift-config
        * openshift-config-managed
        * openshift-config-operator
        * openshift-console
        * openshift-console-operator
        * openshift-console-user-settings
        * openshift-controller-manager
        * openshift-controller-manager-operator
        * openshift-dns
        * openshift-dns-operator
        * openshift-etcd
        * openshift-etcd-operator
        * openshift-host-network
        * openshift-image-registry
        * openshift-infra
        * openshift-ingress
        * openshift-ingress-canary
        * openshift-ingress-operator
        * openshift-insights
        * openshift-kni-infra
        * openshift-kube-apiserver
        * openshift-kube-apiserver-operator
        * openshift-kube-controller-manager
        * openshift-kube-controller-manager-operator
        * openshift-kube-scheduler
        * openshift-kube-scheduler-operator
        * openshift-kube-storage-version-migrator
        * openshift-kube-storage-version-migrator-operator
        * openshift-machine-api
        * openshift-machine-config-operator
        * openshift-marketplace
        * openshift-monitoring
        * openshift-multus
        * openshift-network-diagnostics
        * openshift-network-node-identity
        * openshift-network-operator
        * openshift-node
        * openshift-oauth-apiserver
        * openshift-operator-lifecycle-manager
        * openshift-operators
        * openshift-ovn-kubernetes
        * openshift-route-controller-manager
        * openshift-service-ca
        * openshift-service-ca-operator
        * openshift-user-workload-monitoring
        To see projects on another server, pass '--server=<server>'.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc get pods -o name --no-headers -l app=etcd",
        expect![[r#"
        pod/etcd-master01
        pod/etcd-master02
        pod/etcd-master03
    "#]],
    );
    check(
        &mut s,
        "oc rsh etcd-master01",
        expect![[r#"
            --- effect ContainerShell { namespace: "openshift-etcd", pod: "etcd-master01", container: "etcdctl", command: ["/bin/sh"], interactive: true, remove_on_exit: false, debug: false }
        "#]],
    );
    check(
        &mut s,
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
        expect![[r#"
        Login successful.

        You don't have any projects. You can try to create a new project, by running

            oc new-project <projectname>

    "#]],
    );
    check(
        &mut s,
        "oc get pods -n openshift-etcd",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): pods is forbidden: User "developer" cannot list resource "pods" in API group "" in the namespace "openshift-etcd"
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc debug node/master01",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): nodes "master01" is forbidden: User "developer" cannot get resource "nodes" in API group "" at the cluster scope
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc adm certificate approve csr-2pvkb",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io "csr-2pvkb" is forbidden: User "developer" cannot get resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc auth can-i create pods",
        expect![[r#"
        no
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "oc config get-contexts",
        expect![[r#"
            CURRENT   NAME                                             CLUSTER                     AUTHINFO                              NAMESPACE
            *         /api-ocp4-example-com:6443/developer             api-ocp4-example-com:6443   developer/api-ocp4-example-com:6443   
                      admin                                            ocp4                        admin                                 default
                      default/api-ocp4-example-com:6443/admin          api-ocp4-example-com:6443   admin/api-ocp4-example-com:6443       default
                      openshift-etcd/api-ocp4-example-com:6443/admin   api-ocp4-example-com:6443   admin/api-ocp4-example-com:6443       openshift-etcd
        "#]],
    );
    check(
        &mut s,
        "oc login -u admin -p redhatocp",
        expect![[r#"
        Login successful.

        You have access to 64 projects, the list has been suppressed. You can list all projects with 'oc projects'

        Using project "default".
    "#]],
    );
    check(
        &mut s,
        "oc adm certificate approve csr-2pvkb",
        expect![[r#"
        certificatesigningrequest.certificates.k8s.io/csr-2pvkb approved
    "#]],
    );
    check(
        &mut s,
        "oc login -u admin -p redhatocp https://api.wrong.example.com:6443",
        expect![[r#"
        --- stderr
        error: dial tcp: lookup api.wrong.example.com on 172.25.250.254:53: no such host
        --- exit 1
    "#]],
    );
}

#[test]
#[ignore = "known divergence: the cluster runs no builds, so `oc logs bc/NAME` cannot show an S2I build log"]
fn openshift_build_logs() {
    let mut s = ocp4();
    s.run("oc new-project demo");
    s.run("oc new-app php~https://github.com/sclorg/cakephp-ex");
    s.cluster.advance(120_000);
    let out = s.run("oc logs bc/cakephp-ex");
    assert!(
        out.contains("Cloning \"https://github.com/sclorg/cakephp-ex\""),
        "{out}"
    );
}

#[test]
#[ignore = "known divergence: kubectl 1.27 shows `StrategyType: RollingUpdate`; the cluster's defaulting leaves `strategy: {}` from `create deployment` empty"]
fn created_deployments_default_their_strategy() {
    let mut s = tiny();
    s.run("kubectl create deployment web --image=nginx");
    let out = s.run("kubectl describe deployment web");
    assert!(
        out.contains("StrategyType:           RollingUpdate"),
        "{out}"
    );
}

#[test]
fn login_lists_a_few_projects() {
    let mut s = ocp4();
    s.run("oc login -u developer -p developer https://api.ocp4.example.com:6443");
    s.run("oc new-project a");
    s.run("oc new-project b");
    check(
        &mut s,
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
        expect![[r#"
        Login successful.

        You have access to the following projects and can switch between them with 'oc project <projectname>':

            a
          * b

        Using project "b".
    "#]],
    );
    check(
        &mut s,
        "oc projects",
        expect![[r#"
        You have access to the following projects and can switch between them with ' project <projectname>':

            a
          * b

        Using project "b" on server "https://api.ocp4.example.com:6443".
    "#]],
    );
    check(
        &mut s,
        "oc project -q",
        expect![[r#"
        b
    "#]],
    );
}

/// Client-side errors compared with the real kubectl client, when it is installed: the same standard output and error and the same exit code.
#[test]
fn client_side_errors_match_the_real_kubectl() {
    let path = std::path::Path::new("/usr/bin/kubectl");
    if !path.exists() {
        return;
    }
    let lines = [
        "foo",
        "gett",
        "xyzzyq",
        "get --bogus",
        "get -z",
        "get pods -n",
        "get pods --namespace",
        "get",
        "get pods --show-labels=xx",
        "apply",
        "create",
        "delete",
        "logs",
        "logs -f",
        "create namespace",
        "expose",
        "rollout status",
        "rollout undo",
        "label",
        "label pods",
        "annotate pods x",
        "set image",
        "patch pods x",
        "exec",
        "exec x",
        "port-forward",
        "port-forward x",
        "edit",
        "wait",
        "wait --for=x pod/a",
        "taint",
        "taint nodes x",
        "cordon",
        "drain",
        "explain",
        "auth can-i",
        "completion",
        "completion foo",
        "create service nodeport x",
        "delete pods --all --now --grace-period=3",
        "replace",
        "scale deploy/x --replicas=x",
        "scale deploy/x --replicas=3 --timeout=5",
        "create deployment x --image=n -r x",
        "create deployment x --image=n --port=99999999999",
        "autoscale deploy/x --max=x",
        "autoscale deploy/x --max=3 --cpu-percent=0x",
        "rollout history deploy/x --revision=x",
        "rollout undo deploy/web --to-revision=x",
        "rollout status --timeout=x deploy/web",
        "delete pods x --grace-period=1.5",
        "delete pod x --timeout=x",
        "drain x --timeout=1",
        "wait pod/x --for=delete --timeout=1x",
        "logs --tail=x pod",
        "logs --since=x pod",
        "create service nodeport x --tcp=80 --node-port=x",
        "get pods --watch=x",
        "get pods -v=x",
        "create deployment x --bogus",
        "create deploy x --image=n -n ns --bogus",
        "rollout status deploy/x --bogus",
        "top pods --bogus",
        "create secret generic x --bogus",
        "run x --image=n --grace-period=x",
        "scale --replicas=3",
        "describe",
        "create secret",
        "create secret generic",
        "create service",
        "create service clusterip",
        "create service clusterip x --tcp=abc",
        "create service nodeport x --tcp=99999",
        "create namespace a b",
        "create configmap a b",
        "run x --image=nginx --restart=Foo",
        "run x --image=nginx --port=abc",
        "run x --image=nginx --rm",
        "set",
        "set env",
        "set image",
        "autoscale deployment web --min=5 --max=2",
        "rollout",
        "top",
        "auth",
        "config",
        "certificate",
        "api-resources -o foo",
        "api-resources --sort-by=foo",
        "api-resources x",
        "api-versions x",
        "version --output=foo",
        "version x",
        "events --types=Foo",
        "events --for=x",
        "debug node/x -- hostname",
    ];
    let mut mismatches = Vec::new();
    for line in lines {
        let args = split_words(line);
        let real = std::process::Command::new(path)
            .args(&args)
            .env("KUBECONFIG", "/dev/null")
            .output()
            .expect("kubectl runs");
        let real_err = String::from_utf8_lossy(&real.stderr).into_owned();
        let mut s = tiny();
        let mut argv = vec!["kubectl".to_owned()];
        argv.extend(args);
        let env_vars = BTreeMap::new();
        let mut ctx = Ctx::new(&mut s.fs, &env_vars, "/home/student", "", 0);
        let mut env = CliEnv {
            cluster: &mut s.cluster,
            kubeconfig: &mut s.kubeconfig,
        };
        let ours = run(&argv, &mut ctx, &mut env).output;
        let real_out = String::from_utf8_lossy(&real.stdout).into_owned();
        if ours.stderr != real_err
            || ours.stdout != real_out
            || ours.code != real.status.code().unwrap_or(-1)
        {
            mismatches.push(format!(
                "kubectl {line}\n  real ({:?}): {real_out:?} {real_err:?}\n  ours ({}): {:?} {:?}",
                real.status.code(),
                ours.code,
                ours.stdout,
                ours.stderr
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Numbers and durations are checked while the flags are parsed, with Go's parse errors, before anything runs; the
/// usage hint names the subcommand cobra found.
#[test]
fn typed_flag_values_are_checked_while_parsing() {
    let mut s = tiny();
    let lines = [
        "kubectl scale deploy/web --replicas=three",
        "kubectl create deploy web --image=nginx -r 0x7fffffff1",
        "kubectl rollout status deploy/web --timeout=90",
        "kubectl logs web --since=1d",
        "kubectl wait pod/web --for=delete --timeout=.5m",
        "kubectl get pods -w=maybe",
        "kubectl top po --bogus",
    ];
    let out: String = lines
        .iter()
        .map(|line| format!("$ {line}\n{}", s.run(line)))
        .collect();
    expect![[r#"
        $ kubectl scale deploy/web --replicas=three
        --- stderr
        Error: invalid argument "three" for "--replicas" flag: strconv.ParseInt: parsing "three": invalid syntax
        See 'kubectl scale --help' for usage.
        --- exit 1
        $ kubectl create deploy web --image=nginx -r 0x7fffffff1
        --- stderr
        Error: invalid argument "0x7fffffff1" for "-r, --replicas" flag: strconv.ParseInt: parsing "0x7fffffff1": value out of range
        See 'kubectl create deployment --help' for usage.
        --- exit 1
        $ kubectl rollout status deploy/web --timeout=90
        --- stderr
        Error: invalid argument "90" for "--timeout" flag: time: missing unit in duration "90"
        See 'kubectl rollout status --help' for usage.
        --- exit 1
        $ kubectl logs web --since=1d
        --- stderr
        Error: invalid argument "1d" for "--since" flag: time: unknown unit "d" in duration "1d"
        See 'kubectl logs --help' for usage.
        --- exit 1
        $ kubectl wait pod/web --for=delete --timeout=.5m
        pod/web condition met
        $ kubectl get pods -w=maybe
        --- stderr
        Error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax
        See 'kubectl get --help' for usage.
        --- exit 1
        $ kubectl top po --bogus
        --- stderr
        Error: unknown flag: --bogus
        See 'kubectl top pod --help' for usage.
        --- exit 1
    "#]].assert_eq(&out);
}

#[test]
#[ignore = "known divergence: the installed kubectl 1.32 reports missing required flags through klog (`E1123 08:05:31.199268 30190 run.go:72] \"command failed\" err=\"required flag(s) \\\"image\\\" not set\"`); the simulation prints kubectl 1.27's `error: required flag(s) \"image\" not set`"]
fn required_flags_match_the_installed_kubectl() {
    let mut s = tiny();
    let out = s.run("kubectl create deployment web");
    assert!(out.contains("run.go:72] \"command failed\""), "{out}");
}

#[test]
fn rollouts_that_never_finish_and_more_openshift() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl create deployment broken --image=no-such-registry.example.com/app:1",
        expect![[r#"
        deployment.apps/broken created
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deploy/broken --timeout=20s",
        expect![[r#"
        Waiting for deployment "broken" rollout to finish: 0 of 1 updated replicas are available...
        --- stderr
        error: timed out waiting for the condition
        --- exit 1
        --- effect Advanced { ms: 20000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl rollout status deploy/broken",
        expect![[r#"
        Waiting for deployment "broken" rollout to finish: 0 of 1 updated replicas are available...
        --- stderr
        error: deployment "broken" exceeded its progress deadline
        --- exit 1
        --- effect Advanced { ms: 600000 }
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods",
        expect![[r#"
            NAME                      READY   STATUS         RESTARTS   AGE
            broken-674559f9dc-6vcxs   0/1     ErrImagePull   0          10m
        "#]],
    );
    let mut o = ocp4();
    check(
        &mut o,
        "oc new-project shop",
        expect![[r#"
        Now using project "shop" on server "https://api.ocp4.example.com:6443".

        You can add applications to this project with the 'new-app' command. For example, try:

            oc new-app rails-postgresql-example

        to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:

            kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname

    "#]],
    );
    check(
        &mut o,
        "oc new-app --name=front -l tier=web nginx",
        expect![[r#"
            --> Found image 7801c8a (3 months old) in image stream "openshift/nginx" under tag "latest" for "nginx"

                Nginx HTTP server and a reverse proxy 
                ------------------------------------- 

                * This image will be deployed in deployment "front"
                * Port 8080/tcp will be load balanced by service "front"
                * Port 8443/tcp will be load balanced by service "front"
                  * Other containers can access this service through the hostname "front"

            --> Creating resources ...
                deployment.apps "front" created
                service "front" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/front' 
                Run 'oc status' to view your app.
        "#]],
    );
    check(
        &mut o,
        "oc get deploy,svc -l tier=web",
        expect![[r#"
        NAME                    READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/front   0/1     1            0           3s

        NAME            TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)             AGE
        service/front   ClusterIP   172.30.51.108   <none>        8080/TCP,8443/TCP   3s
    "#]],
    );
    check(
        &mut o,
        "oc get network cluster",
        expect![[r#"
        NAME      AGE
        cluster   89d
    "#]],
    );
    check(
        &mut o,
        "oc adm must-gather",
        expect![[r#"
        [must-gather      ] OUT Using must-gather plug-in image: quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:4be4b3e7c5f5b1e0f63e3a6d6c0e0c1d93a7b4d1d3b0c5a6d7e2f8b9c0a1d2e3
        When opening a support case, bugzilla, or issue please include the following summary data along with any other requested information:
        ClusterID: 93d6b3fd-f40b-4a90-b4f9-89ae3e05b6d3
        ClusterVersion: Stable at "4.14.0"
        ClusterOperators:
        	All healthy and stable


        [must-gather      ] OUT namespace/openshift-must-gather-x7k2p created
        [must-gather      ] OUT clusterrolebinding.rbac.authorization.k8s.io/must-gather-x7k2p created
        [must-gather      ] OUT pod for plug-in image quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:4be4b3e7c5f5b1e0f63e3a6d6c0e0c1d93a7b4d1d3b0c5a6d7e2f8b9c0a1d2e3 created
        [must-gather-b4n9q] POD Gathering data for ns/openshift-cluster-version...
        [must-gather-b4n9q] POD Wrote inspect data to must-gather.local.5715299997505302719.
        [must-gather      ] OUT namespace/openshift-must-gather-x7k2p deleted
        [must-gather      ] OUT clusterrolebinding.rbac.authorization.k8s.io/must-gather-x7k2p deleted


        Reprinting Cluster State:
        When opening a support case, bugzilla, or issue please include the following summary data along with any other requested information:
        ClusterID: 93d6b3fd-f40b-4a90-b4f9-89ae3e05b6d3
        ClusterVersion: Stable at "4.14.0"
        ClusterOperators:
        	All healthy and stable

        --- effect Advanced { ms: 90000 }
    "#]],
    );
    check(
        &mut o,
        "oc delete project shop",
        expect![[r#"
        project.project.openshift.io "shop" deleted
    "#]],
    );
}

#[test]
fn developers_manage_their_own_projects() {
    let mut o = ocp4();
    o.run("oc login -u developer -p developer https://api.ocp4.example.com:6443");
    check(
        &mut o,
        "oc new-project mine",
        expect![[r#"
        Now using project "mine" on server "https://api.ocp4.example.com:6443".

        You can add applications to this project with the 'new-app' command. For example, try:

            oc new-app rails-postgresql-example

        to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:

            kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname

    "#]],
    );
    check(
        &mut o,
        "oc delete project default",
        expect![[r#"
        --- stderr
        Error from server (Forbidden): projects.project.openshift.io "default" is forbidden: User "developer" cannot delete resource "projects" in API group "project.openshift.io" in the namespace "default"
        --- exit 1
    "#]],
    );
    check(
        &mut o,
        "oc delete project mine",
        expect![[r#"
        project.project.openshift.io "mine" deleted
    "#]],
    );
    check(
        &mut o,
        "oc get projects",
        expect![[r#"
        --- stderr
        No resources found
    "#]],
    );
}

#[test]
fn the_notes_commands_on_the_classroom_cluster() {
    let mut o = ocp4();
    check(
        &mut o,
        "oc login -u admin -p redhatocp https://api.ocp4.example.com:6443",
        expect![[r#"
        Login successful.

        You have access to 64 projects, the list has been suppressed. You can list all projects with 'oc projects'

        Using project "default".
    "#]],
    );
    check(
        &mut o,
        "oc get nodes",
        expect![[r#"
        NAME       STATUS   ROLES                  AGE   VERSION
        master01   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        master02   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        master03   Ready    control-plane,master   89d   v1.27.6+f67aeb3
        worker01   Ready    worker                 89d   v1.27.6+f67aeb3
        worker02   Ready    worker                 89d   v1.27.6+f67aeb3
        worker03   Ready    worker                 89d   v1.27.6+f67aeb3
    "#]],
    );
    check(
        &mut o,
        "oc get pods -n openshift-etcd",
        expect![[r#"
            NAME                         READY   STATUS      RESTARTS   AGE
            etcd-guard-master01          1/1     Running     0          89d
            etcd-guard-master02          1/1     Running     0          89d
            etcd-guard-master03          1/1     Running     0          89d
            etcd-master01                4/4     Running     0          89d
            etcd-master02                4/4     Running     0          89d
            etcd-master03                4/4     Running     0          89d
            installer-8-master01         0/1     Completed   0          89d
            installer-8-master02         0/1     Completed   0          89d
            installer-8-master03         0/1     Completed   0          89d
            revision-pruner-8-master01   0/1     Completed   0          89d
            revision-pruner-8-master02   0/1     Completed   0          89d
            revision-pruner-8-master03   0/1     Completed   0          89d
        "#]],
    );
    check(
        &mut o,
        "oc get pods -n openshift-kube-scheduler",
        expect![[r#"
            NAME                                      READY   STATUS      RESTARTS   AGE
            installer-6-master01                      0/1     Completed   0          89d
            installer-6-master02                      0/1     Completed   0          89d
            installer-6-master03                      0/1     Completed   0          89d
            openshift-kube-scheduler-guard-master01   1/1     Running     0          89d
            openshift-kube-scheduler-guard-master02   1/1     Running     0          89d
            openshift-kube-scheduler-guard-master03   1/1     Running     0          89d
            openshift-kube-scheduler-master01         3/3     Running     0          89d
            openshift-kube-scheduler-master02         3/3     Running     0          89d
            openshift-kube-scheduler-master03         3/3     Running     0          89d
            revision-pruner-6-master01                0/1     Completed   0          89d
            revision-pruner-6-master02                0/1     Completed   0          89d
            revision-pruner-6-master03                0/1     Completed   0          89d
        "#]],
    );
    check(
        &mut o,
        "oc get pods -n openshift-network",
        expect![[r#"
        --- stderr
        No resources found in openshift-network namespace.
    "#]],
    );
    check(
        &mut o,
        "oc get network -o jsonpath={.items[0].spec}",
        expect![[
            r#"{"clusterNetwork":[{"cidr":"10.128.0.0/14","hostPrefix":23}],"externalIP":{"policy":{}},"networkType":"OVNKubernetes","serviceNetwork":["172.30.0.0/16"]}"#
        ]],
    );
    check(
        &mut o,
        "oc describe node master01",
        expect![[r#"
            Name:               master01
            Roles:              control-plane,master
            Labels:             beta.kubernetes.io/arch=amd64
                                beta.kubernetes.io/os=linux
                                kubernetes.io/arch=amd64
                                kubernetes.io/hostname=master01
                                kubernetes.io/os=linux
                                node-role.kubernetes.io/control-plane=
                                node-role.kubernetes.io/master=
                                node.openshift.io/os_id=rhcos
            Annotations:        k8s.ovn.org/host-cidrs: ["192.168.50.10/24"]
                                k8s.ovn.org/l3-gateway-config:
                                  {"default":{"mode":"shared","interface-id":"br-ex_master01","mac-address":"52:54:00:eb:f0:8a","ip-addresses":["192.168.50.10/24"],"ip-addr...
                                k8s.ovn.org/node-chassis-id: d0f6fe5c-8f54-47bd-80d2-4823da2f3d32
                                k8s.ovn.org/node-primary-ifaddr: {"ipv4":"192.168.50.10/24"}
                                k8s.ovn.org/node-subnets: {"default":["10.128.0.0/23"]}
                                k8s.ovn.org/zone-name: master01
                                machineconfiguration.openshift.io/controlPlaneTopology: HighlyAvailable
                                machineconfiguration.openshift.io/currentConfig: rendered-master-188f262fa097d51e971b662ba61d0ca1
                                machineconfiguration.openshift.io/desiredConfig: rendered-master-188f262fa097d51e971b662ba61d0ca1
                                machineconfiguration.openshift.io/desiredDrain: uncordon-rendered-master-188f262fa097d51e971b662ba61d0ca1
                                machineconfiguration.openshift.io/lastAppliedDrain: uncordon-rendered-master-188f262fa097d51e971b662ba61d0ca1
                                machineconfiguration.openshift.io/lastSyncedControllerConfigResourceVersion: 23541
                                machineconfiguration.openshift.io/reason: 
                                machineconfiguration.openshift.io/state: Done
                                volumes.kubernetes.io/controller-managed-attach-detach: true
            CreationTimestamp:  Tue, 07 Nov 2023 10:22:32 +0000
            Taints:             node-role.kubernetes.io/master:NoSchedule
            Unschedulable:      false
            Lease:              Failed to get lease: leases "master01" not found
            Conditions:
              Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
              ----             ------  -----------------                 ------------------                ------                       -------
              MemoryPressure   False   Mon, 05 Feb 2024 08:59:00 +0000   Tue, 07 Nov 2023 10:22:32 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
              DiskPressure     False   Mon, 05 Feb 2024 08:59:00 +0000   Tue, 07 Nov 2023 10:22:32 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
              PIDPressure      False   Mon, 05 Feb 2024 08:59:00 +0000   Tue, 07 Nov 2023 10:22:32 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
              Ready            True    Mon, 05 Feb 2024 08:59:00 +0000   Tue, 07 Nov 2023 10:22:32 +0000   KubeletReady                 kubelet is posting ready status
            Addresses:
              InternalIP:  192.168.50.10
              Hostname:    master01
            Capacity:
              cpu:                8
              ephemeral-storage:  125293548Ki
              hugepages-1Gi:      0
              hugepages-2Mi:      0
              memory:             16393208Ki
              pods:               250
            Allocatable:
              cpu:                7500m
              ephemeral-storage:  114396791822
              hugepages-1Gi:      0
              hugepages-2Mi:      0
              memory:             15242232Ki
              pods:               250
            System Info:
              Machine ID:                             f2977985c244c695ed29912aafabbbb1
              System UUID:                            ad9c4994-a68a-40c8-891a-3bf94a6ecca5
              Boot ID:                                1eb3ace4-689e-4844-8d50-87c62ff7b792
              Kernel Version:                         5.14.0-284.36.1.el9_2.x86_64
              OS Image:                               Red Hat Enterprise Linux CoreOS 414.92.202310210434-0 (Plow)
              Operating System:                       linux
              Architecture:                           amd64
              Container Runtime Version:              cri-o://1.27.1-13.1.rhaos4.14.git956c5f7.el9
              Kubelet Version:                        v1.27.6+f67aeb3
              Kube-Proxy Version:                     v1.27.6+f67aeb3
            Non-terminated Pods:                      (44 in total)
              Namespace                               Name                                                      CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
              ---------                               ----                                                      ------------  ----------  ---------------  -------------  ---
              openshift-etcd                          etcd-master01                                             360m (4%)     0 (0%)      910Mi (6%)       0 (0%)         89d
              openshift-kube-apiserver                kube-apiserver-master01                                   290m (3%)     0 (0%)      1224Mi (8%)      0 (0%)         89d
              openshift-kube-controller-manager       kube-controller-manager-master01                          80m (1%)      0 (0%)      500Mi (3%)       0 (0%)         89d
              openshift-kube-scheduler                openshift-kube-scheduler-master01                         25m (0%)      0 (0%)      150Mi (1%)       0 (0%)         89d
              openshift-etcd                          etcd-guard-master01                                       10m (0%)      0 (0%)      5Mi (0%)         0 (0%)         89d
              openshift-kube-apiserver                kube-apiserver-guard-master01                             10m (0%)      0 (0%)      5Mi (0%)         0 (0%)         89d
              openshift-kube-controller-manager       kube-controller-manager-guard-master01                    10m (0%)      0 (0%)      5Mi (0%)         0 (0%)         89d
              openshift-kube-scheduler                openshift-kube-scheduler-guard-master01                   10m (0%)      0 (0%)      5Mi (0%)         0 (0%)         89d
              metallb-system                          speaker-6vcxs                                             0 (0%)        0 (0%)      0 (0%)           0 (0%)         137m
              openshift-cluster-node-tuning-operator  tuned-n25g8                                               10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-dns                           dns-default-sqp5h                                         51m (0%)      0 (0%)      85Mi (0%)        0 (0%)         137m
              openshift-dns                           node-resolver-nl44t                                       5m (0%)       0 (0%)      21Mi (0%)        0 (0%)         137m
              openshift-image-registry                node-ca-dlzcb                                             10m (0%)      0 (0%)      10Mi (0%)        0 (0%)         137m
              openshift-machine-config-operator       machine-config-daemon-frrht                               21m (0%)      0 (0%)      65Mi (0%)        0 (0%)         137m
              openshift-machine-config-operator       machine-config-server-ffhn9                               20m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-monitoring                    node-exporter-2kgmw                                       9m (0%)       0 (0%)      47Mi (0%)        0 (0%)         137m
              openshift-multus                        multus-5txmv                                              10m (0%)      0 (0%)      65Mi (0%)        0 (0%)         137m
              openshift-multus                        multus-additional-cni-plugins-8lxn7                       10m (0%)      0 (0%)      10Mi (0%)        0 (0%)         137m
              openshift-multus                        network-metrics-daemon-vtc4r                              11m (0%)      0 (0%)      115Mi (0%)       0 (0%)         137m
              openshift-network-diagnostics           network-check-target-kw4bp                                10m (0%)      0 (0%)      15Mi (0%)        0 (0%)         137m
              openshift-network-node-identity         network-node-identity-jrt25                               20m (0%)      0 (0%)      100Mi (0%)       0 (0%)         137m
              openshift-ovn-kubernetes                ovnkube-node-2lx9f                                        80m (1%)      0 (0%)      1630Mi (10%)     0 (0%)         137m
              openshift-apiserver                     apiserver-7f7d47dc-fv5xc                                  110m (1%)     0 (0%)      250Mi (1%)       0 (0%)         137m
              openshift-apiserver-operator            openshift-apiserver-operator-64b58c8856-82gpp             10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-authentication-operator       authentication-operator-c4b7f75ff-lvwdk                   10m (0%)      0 (0%)      200Mi (1%)       0 (0%)         137m
              openshift-cluster-storage-operator      cluster-storage-operator-6fb7cb4cc6-2wt5r                 10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-cluster-storage-operator      csi-snapshot-controller-69c6c9b6d6-dj9q8                  10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-cluster-storage-operator      csi-snapshot-controller-69c6c9b6d6-pf6p7                  10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-cluster-version               cluster-version-operator-7dbb9f47bf-2pnd6                 20m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-console-operator              console-operator-6959fd4667-7wct9                         10m (0%)      0 (0%)      100Mi (0%)       0 (0%)         137m
              openshift-controller-manager            controller-manager-785877c786-8fxm4                       100m (1%)     0 (0%)      100Mi (0%)       0 (0%)         137m
              openshift-controller-manager-operator   openshift-controller-manager-operator-787f7c494b-d9bvx    10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-etcd-operator                 etcd-operator-56d6cf474f-nbct2                            10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-insights                      insights-operator-d5cb8bc9d-64zmj                         10m (0%)      0 (0%)      30Mi (0%)        0 (0%)         137m
              openshift-machine-api                   control-plane-machine-set-operator-78d8685c6-qr77k        10m (0%)      0 (0%)      50Mi (0%)        0 (0%)         137m
              openshift-machine-api                   machine-api-operator-688cb8cf54-5kdqz                     11m (0%)      0 (0%)      65Mi (0%)        0 (0%)         137m
              openshift-machine-config-operator       machine-config-controller-7ffd86f8c9-xglfx                21m (0%)      0 (0%)      65Mi (0%)        0 (0%)         137m
              openshift-monitoring                    prometheus-operator-admission-webhook-788b597cb9-8flmt    5m (0%)       0 (0%)      30Mi (0%)        0 (0%)         137m
              openshift-monitoring                    prometheus-operator-admission-webhook-788b597cb9-lvwh5    5m (0%)       0 (0%)      30Mi (0%)        0 (0%)         137m
              openshift-multus                        multus-admission-controller-5d64d84496-4tz42              11m (0%)      0 (0%)      65Mi (0%)        0 (0%)         137m
              openshift-oauth-apiserver               apiserver-64cb8fcb67-rrjcw                                150m (2%)     0 (0%)      200Mi (1%)       0 (0%)         137m
              openshift-operator-lifecycle-manager    olm-operator-7844747944-4zgfw                             10m (0%)      0 (0%)      160Mi (1%)       0 (0%)         137m
              openshift-ovn-kubernetes                ovnkube-control-plane-67879c6c8c-2shg5                    20m (0%)      0 (0%)      320Mi (2%)       0 (0%)         137m
              openshift-service-ca-operator           service-ca-operator-6997d7698c-xjf4h                      10m (0%)      0 (0%)      80Mi (0%)        0 (0%)         137m
            Allocated resources:
              (Total limits may be over 100 percent, i.e., overcommitted.)
              Resource           Requests      Limits
              --------           --------      ------
              cpu                1635m (21%)   0 (0%)
              memory             7162Mi (48%)  0 (0%)
              ephemeral-storage  0 (0%)        0 (0%)
              hugepages-1Gi      0 (0%)        0 (0%)
              hugepages-2Mi      0 (0%)        0 (0%)
            Events:              <none>
        "#]],
    );
    check(
        &mut o,
        "oc api-resources --namespaced=false --no-headers -o name",
        expect![[r#"
            componentstatuses
            namespaces
            nodes
            persistentvolumes
            mutatingwebhookconfigurations.admissionregistration.k8s.io
            validatingwebhookconfigurations.admissionregistration.k8s.io
            customresourcedefinitions.apiextensions.k8s.io
            apiservices.apiregistration.k8s.io
            selfsubjectreviews.authentication.k8s.io
            tokenreviews.authentication.k8s.io
            selfsubjectaccessreviews.authorization.k8s.io
            selfsubjectrulesreviews.authorization.k8s.io
            subjectaccessreviews.authorization.k8s.io
            certificatesigningrequests.certificates.k8s.io
            apiservers.config.openshift.io
            clusteroperators.config.openshift.io
            clusterversions.config.openshift.io
            consoles.config.openshift.io
            dnses.config.openshift.io
            infrastructures.config.openshift.io
            ingresses.config.openshift.io
            networks.config.openshift.io
            oauths.config.openshift.io
            proxies.config.openshift.io
            flowschemas.flowcontrol.apiserver.k8s.io
            prioritylevelconfigurations.flowcontrol.apiserver.k8s.io
            machineconfigpools.machineconfiguration.openshift.io
            machineconfigs.machineconfiguration.openshift.io
            ingressclasses.networking.k8s.io
            runtimeclasses.node.k8s.io
            networks.operator.openshift.io
            projectrequests.project.openshift.io
            projects.project.openshift.io
            clusterrolebindings.rbac.authorization.k8s.io
            clusterroles.rbac.authorization.k8s.io
            priorityclasses.scheduling.k8s.io
            securitycontextconstraints.security.openshift.io
            csidrivers.storage.k8s.io
            csinodes.storage.k8s.io
            storageclasses.storage.k8s.io
            volumeattachments.storage.k8s.io
            groups.user.openshift.io
            identities.user.openshift.io
            users.user.openshift.io
        "#]],
    );
    check(
        &mut o,
        "oc completion bash --help",
        expect![[r#"
        Output shell completion code for the specified shell (bash, zsh, fish, or powershell).

        Examples:
          # Load completion into the current bash shell
          source <(oc completion bash)

        Usage:
          oc completion SHELL [options]

        Use "oc options" for a list of global command-line options (applies to all commands).
    "#]],
    );
}

#[test]
fn top_follows_the_simulated_load() {
    let mut s = tiny_with_metrics();
    s.run("kubectl create deployment web --image=nginx --replicas=2");
    s.run("kubectl set resources deployment web --requests=cpu=200m,memory=128Mi");
    s.cluster.advance(30_000);
    let quiet = s.run("kubectl top pods --no-headers");
    s.cluster.load.insert("default/web".into(), 150);
    let busy = s.run("kubectl top pods --no-headers");
    expect![[r#"
        web-fbb979cd9-49t9x   1m    38Mi
        web-fbb979cd9-987b9   3m    51Mi
        ---
        web-fbb979cd9-49t9x   300m   38Mi
        web-fbb979cd9-987b9   300m   51Mi
    "#]]
    .assert_eq(&format!("{quiet}---\n{busy}"));
    check(
        &mut s,
        "kubectl get all",
        expect![[r#"
            NAME                      READY   STATUS    RESTARTS   AGE
            pod/web-fbb979cd9-49t9x   1/1     Running   0          39s
            pod/web-fbb979cd9-987b9   1/1     Running   0          39s

            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/2     2            2           42s

            NAME                             DESIRED   CURRENT   READY   AGE
            replicaset.apps/web-549984b78b   0         0         0       42s
            replicaset.apps/web-fbb979cd9    2         2         2       39s
        "#]],
    );
}

#[test]
#[ignore = "known divergence: the ocp4 scenario lists no controller-managed pods, so the controllers create them when the cluster boots (2h17m before the learner arrives); `oc get pods -n openshift-apiserver` shows them 137m old while the cluster and its static pods are 89 days old"]
fn classroom_operator_pods_are_the_scenario_pods() {
    let mut o = ocp4();
    let out = o.run("oc get pods -n openshift-apiserver");
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.contains("Running") && l.ends_with("89d")),
        "{out}"
    );
}

#[test]
fn recursive_directories_and_describe_from_files() {
    let mut s = tiny();
    s.fs.mkdir("/home/student/k8s/db", true).unwrap();
    s.fs.write("/home/student/k8s/web.yaml", DEPLOY_YAML)
        .unwrap();
    s.fs.write(
        "/home/student/k8s/db/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {port: \"5432\"}\n",
    )
    .unwrap();
    s.fs.write("/home/student/k8s/notes.txt", "not a manifest")
        .unwrap();
    check(
        &mut s,
        "kubectl apply -f k8s",
        expect![[r#"
        deployment.apps/web created
        service/web created
    "#]],
    );
    check(
        &mut s,
        "kubectl apply -R -f k8s",
        expect![[r#"
        configmap/db created
        deployment.apps/web unchanged
        service/web unchanged
    "#]],
    );
    check(
        &mut s,
        "kubectl describe -f k8s/db/cm.yaml",
        expect![[r#"
        Name:         db
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>

        Data
        ====
        port:
        ----
        5432


        BinaryData
        ====

        Events:  <none>
    "#]],
    );
    check(
        &mut s,
        "kubectl get -f k8s/web.yaml -o name",
        expect![[r#"
        deployment.apps/web
        service/web
    "#]],
    );
    check(
        &mut s,
        "kubectl delete -R -f k8s",
        expect![[r#"
        configmap "db" deleted
        deployment.apps "web" deleted
        service "web" deleted
    "#]],
    );
}

#[test]
fn create_deployment_with_a_command() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 --dry-run=client -o yaml -- /agnhost serve-hostname",
        expect![[r#"
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          creationTimestamp: null
          labels:
            app: hello-node
          name: hello-node
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: hello-node
          strategy: {}
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: hello-node
            spec:
              containers:
              - command:
                - /agnhost
                - serve-hostname
                image: registry.k8s.io/e2e-test-images/agnhost:2.43
                name: agnhost
                resources: {}
        status: {}
    "#]],
    );
}

#[test]
fn finished_static_pod_installers_show_completed() {
    let mut o = ocp4();
    let out = o.run("oc get pods -n openshift-etcd");
    assert!(
        out.lines()
            .filter(|l| l.starts_with("installer-"))
            .all(|l| l.contains("Completed")),
        "{out}"
    );
}

#[test]
fn several_types_with_one_forbidden() {
    let mut o = ocp4();
    o.run("oc login -u developer -p developer https://api.ocp4.example.com:6443");
    o.run("oc new-project team");
    o.run("oc create deployment web --image=nginx");
    check(
        &mut o,
        "oc get deploy,nodes -o name",
        expect![[r#"
        deployment.apps/web
        --- stderr
        Error from server (Forbidden): nodes is forbidden: User "developer" cannot list resource "nodes" in API group "" at the cluster scope
        --- exit 1
    "#]],
    );
}

#[path = "explain_tests.rs"]
mod explain_tests;

#[test]
fn set_env_lists_values_and_references() {
    let mut s = tiny();
    let manifest = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - name: setup
        image: busybox
        env: [{name: STEP, value: one}]
      containers:
      - name: nginx
        image: nginx
        env:
        - {name: MODE, value: prod}
        - {name: COLOR, valueFrom: {configMapKeyRef: {name: settings, key: color}}}
        - {name: TOKEN, valueFrom: {secretKeyRef: {name: creds, key: token}}}
        - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
        - {name: CPU, valueFrom: {resourceFieldRef: {containerName: nginx, resource: limits.cpu}}}
"#;
    s.run_stdin("kubectl apply -f -", manifest);
    check(
        &mut s,
        "kubectl set env deployment/web --list",
        expect![[r#"
            # Deployment web, container nginx
            MODE=prod
            # COLOR from configmap settings, key color
            # TOKEN from secret creds, key token
            # NODE from field path spec.nodeName
            # CPU from resource field nginx/limits.cpu
            # Deployment web, container setup
            STEP=one
        "#]],
    );
    check(
        &mut s,
        "kubectl set env deployment/web --list -c setup",
        expect![[r#"
            # Deployment web, container setup
            STEP=one
        "#]],
    );
}

#[test]
fn the_api_server_refuses_fields_of_the_wrong_type() {
    let mut s = tiny();
    let deployment = |replicas: &str, image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: web, image: {image}}}]\n"
        )
    };
    let out = s.run_stdin("kubectl create -f -", &deployment("\"2\"", "nginx"));
    expect![[r#"
        --- stderr
        Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
        --- exit 1
    "#]].assert_eq(&out);
    let out = s.run_stdin("kubectl apply -f -", &deployment("2", "5"));
    expect![[r#"
        --- stderr
        Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string
        --- exit 1
    "#]].assert_eq(&out);
    let out = s.run_stdin(
        "kubectl apply -f - --dry-run=client",
        &deployment("1.5", "nginx"),
    );
    expect![[r#"
        deployment.apps/web created (dry run)
    "#]]
    .assert_eq(&out);
    let out = s.run_stdin(
        "kubectl apply -f - --dry-run=server",
        &deployment("1.5", "nginx"),
    );
    expect![[r#"
        --- stderr
        Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32
        --- exit 1
    "#]].assert_eq(&out);
}

#[test]
fn the_kubeconfig_flag_and_the_command_word_are_found_as_pflag_and_cobra_find_them() {
    let w = |line: &str| super::split_words(line);
    assert_eq!(
        super::kubeconfig_flag(&w("kubectl --kubeconfig a get pods")),
        Some("a")
    );
    assert_eq!(
        super::kubeconfig_flag(&w("oc get pods --kubeconfig=b")),
        Some("b")
    );
    assert_eq!(
        super::kubeconfig_flag(&w("kubectl --kubeconfig a get pods --kubeconfig=b")),
        Some("b")
    );
    assert_eq!(
        super::kubeconfig_flag(&w("kubectl exec web -- sh --kubeconfig c")),
        None
    );
    assert_eq!(super::kubeconfig_flag(&w("kubectl get pods")), None);
    assert_eq!(
        super::command_word(&w("kubectl -s https://x:6443 --context c config view")),
        Some("config")
    );
    assert_eq!(
        super::command_word(&w("oc -n demo --kubeconfig f get pods")),
        Some("get")
    );
    assert_eq!(super::command_word(&w("kubectl --help")), None);
}
