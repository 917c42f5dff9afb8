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
    let mut out = result.output.stdout.clone();
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
        NAME   STATUS   ROLES           AGE   VERSION
        cp     Ready    control-plane   3h    v1.27.10
        w1     Ready    <none>          3h    v1.27.10
        w2     Ready    <none>          3h    v1.27.10
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
        NAME                    READY   STATUS    RESTARTS   AGE
        pod/web-nzmlhdm-6vcxs   1/1     Running   0          29s
        pod/web-nzmlhdm-j2bw8   1/1     Running   0          29s

        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/web   2/2     2            2           29s

        NAME                          DESIRED   CURRENT   READY   AGE
        replicaset.apps/web-nzmlhdm   2         2         2       29s
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -o wide",
        expect![[r#"
        NAME                READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES
        web-nzmlhdm-6vcxs   1/1     Running   0          32s   10.244.0.3   w1     <none>           <none>
        web-nzmlhdm-j2bw8   1/1     Running   0          32s   10.244.0.4   w1     <none>           <none>
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods --show-labels",
        expect![[r#"
        NAME                READY   STATUS    RESTARTS   AGE   LABELS
        web-nzmlhdm-6vcxs   1/1     Running   0          35s   app=web,pod-template-hash=nzmlhdm
        web-nzmlhdm-j2bw8   1/1     Running   0          35s   app=web,pod-template-hash=nzmlhdm
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -L app --no-headers",
        expect![[r#"
        web-nzmlhdm-6vcxs   1/1   Running   0     38s   web
        web-nzmlhdm-j2bw8   1/1   Running   0     38s   web
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
        pod/web-nzmlhdm-6vcxs
        pod/web-nzmlhdm-j2bw8
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
        pod/web-nzmlhdm-6vcxs
        pod/web-nzmlhdm-j2bw8
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
          creationTimestamp: "2026-01-05T06:00:00Z"
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
        Name:              kubernetes-bootcamp
        Namespace:         default
        Labels:            app=kubernetes-bootcamp
        Annotations:       <none>
        CreationTimestamp: Mon, 05 Jan 2026 09:00:00 +0000
        Spec:
          Replicas:	1
          Selector:
            MatchLabels:
              App:	kubernetes-bootcamp
          Strategy:
          Template:
            Metadata:
              Labels:
                App:	kubernetes-bootcamp
              CreationTimestamp:	<nil>
            Spec:
              Containers:
                Image:	gcr.io/google-samples/kubernetes-bootcamp:v1
                Name:	kubernetes-bootcamp
                Resources:
                ImagePullPolicy:	IfNotPresent
                TerminationMessagePath:	/dev/termination-log
                TerminationMessagePolicy:	File
              DnsPolicy:	ClusterFirst
              EnableServiceLinks:	true
              PreemptionPolicy:	PreemptLowerPriority
              Priority:	0
              RestartPolicy:	Always
              SchedulerName:	default-scheduler
              SecurityContext:
              ServiceAccount:	default
              ServiceAccountName:	default
              TerminationGracePeriodSeconds:	30
              Tolerations:
                Effect:	NoExecute
                Key:	node.kubernetes.io/not-ready
                Operator:	Exists
                TolerationSeconds:	300
                Effect:	NoExecute
                Key:	node.kubernetes.io/unreachable
                Operator:	Exists
                TolerationSeconds:	300
          RevisionHistoryLimit:	10
          ProgressDeadlineSeconds:	600
        Status:
          AvailableReplicas:	1
          Conditions:
            LastTransitionTime:	2026-01-05T09:00:03Z
            LastUpdateTime:	2026-01-05T09:00:03Z
            Message:	Deployment has minimum availability.
            Reason:	MinimumReplicasAvailable
            Status:	True
            Type:	Available
            LastTransitionTime:	2026-01-05T09:00:00Z
            LastUpdateTime:	2026-01-05T09:00:03Z
            Message:	ReplicaSet "kubernetes-bootcamp-bfsxgf" has successfully progressed.
            Reason:	NewReplicaSetAvailable
            Status:	True
            Type:	Progressing
          ObservedGeneration:	1
          ReadyReplicas:	1
          Replicas:	1
          UpdatedReplicas:	1
        Events:
          Type     Reason              Age    From                    Message
          ----     ------              ----   ----                    -------
          Normal   ScalingReplicaSet   45s    deployment-controller   Scaled up replica set kubernetes-bootcamp-bfsxgf to 1 from 0
    "#]],
    );
    check(
        &mut s,
        "kubectl label pods -l app=kubernetes-bootcamp version=v1",
        expect![[r#"
        pod/kubernetes-bootcamp-bfsxgf-6vcxs labeled
    "#]],
    );
    check(
        &mut s,
        "kubectl get pods -l version=v1 -o name",
        expect![[r#"
        pod/kubernetes-bootcamp-bfsxgf-6vcxs
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
            imagestreamtag.image.openshift.io "nginx:latest" created
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
        NAME                  READY   STATUS    RESTARTS   AGE
        nginx-k8nb9md-5vkgj   1/1     Running   0          63s
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
        svc/nginx - 172.30.234.93 ports 8080, 8443
          deployment/nginx deploys image-registry.openshift-image-registry.svc:5000/openshift/nginx@sha256:134d7a40e2f90063a85f41344d69e452daa92c67b8fba56def6abaa7f13a2cb5
            deployment #1 running for 72s - 1 pod


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
        --> Found container image dfd4d7b (3 months old) from Docker Hub for "docker.io/library/nginx:1.25"

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
        NAME                  READY   STATUS             RESTARTS      AGE
        nginx-h624rhm-5vkgj   0/1     CrashLoopBackOff   3 (46s ago)   2m3s
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
        CURRENT   NAME                           CLUSTER       AUTHINFO           NAMESPACE
        *         kubernetes-admin@bastion-eks   bastion-eks   kubernetes-admin   default
    "#]],
    );
}
