//! The command table of `kubectl` and `oc`: each command's flags, one-line summary, usage and examples, and the help pages built from them.

use super::flags;
use crate::exec::Output;

/// One command: its name, the flags it accepts, and its help.
pub(crate) struct Spec {
    /// The command word (`get`).
    pub name: &'static str,
    /// The flags it accepts besides the global ones.
    pub flags: &'static [&'static str],
    /// The one-line summary shown in the command list.
    pub summary: &'static str,
    /// The usage line after the tool's name (`get [(-o|--output=)json|yaml|name|...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]`).
    pub usage: &'static str,
    /// Example lines: pairs of a comment and a command (with `TOOL` for the tool's name).
    pub examples: &'static [(&'static str, &'static str)],
    /// Whether only `oc` has it.
    pub oc_only: bool,
    /// The section of the command list.
    pub group: &'static str,
}

const GET_FLAGS: &[&str] = &[
    "all-namespaces",
    "selector",
    "field-selector",
    "output",
    "show-labels",
    "label-columns",
    "no-headers",
    "sort-by",
    "watch",
    "watch-only",
    "show-kind",
    "ignore-not-found",
    "filename",
    "recursive",
    "raw-uri",
];

const CREATE_FLAGS: &[&str] = &[
    "filename",
    "recursive",
    "kustomize",
    "output",
    "dry-run",
    "image",
    "replicas",
    "port",
    "tcp",
    "node-port",
    "from-literal",
    "from-file",
    "from-env-file",
    "schedule",
    "verb",
    "resource",
    "role",
    "clusterrole",
    "user",
    "group",
    "serviceaccount",
    "hard",
    "scopes",
    "save-config",
    "type",
    "service",
    "insecure-policy",
    "hostname",
];

macro_rules! spec {
    ($name:expr, $group:expr, $flags:expr, $summary:expr, $usage:expr, [$(($c:expr, $e:expr)),* $(,)?]) => {
        Spec { name: $name, flags: $flags, summary: $summary, usage: $usage, examples: &[$(($c, $e)),*], oc_only: false, group: $group }
    };
    (oc $name:expr, $group:expr, $flags:expr, $summary:expr, $usage:expr, [$(($c:expr, $e:expr)),* $(,)?]) => {
        Spec { name: $name, flags: $flags, summary: $summary, usage: $usage, examples: &[$(($c, $e)),*], oc_only: true, group: $group }
    };
}

/// Every command, in the order of the command list.
pub(crate) static COMMANDS: &[Spec] = &[
    spec!(
        "create",
        "Basic Commands (Beginner)",
        CREATE_FLAGS,
        "Create a resource from a file or from stdin",
        "create -f FILENAME [options]",
        [
            (
                "Create a pod from the manifest in pod.yaml",
                "TOOL create -f ./pod.yaml"
            ),
            (
                "Create a deployment named web that runs nginx",
                "TOOL create deployment web --image=nginx"
            ),
            ("Create a namespace", "TOOL create namespace staging")
        ]
    ),
    spec!(
        "expose",
        "Basic Commands (Beginner)",
        &[
            "port",
            "target-port",
            "type",
            "name",
            "protocol",
            "selector",
            "labels",
            "output",
            "dry-run",
            "filename",
            "hostname",
            "node-port"
        ],
        "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
        "expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
        [
            (
                "Give the deployment web a service on port 80 that forwards to 8080",
                "TOOL expose deployment web --port=80 --target-port=8080"
            ),
            (
                "Expose a deployment on every node's port",
                "TOOL expose deployment web --type=NodePort --port=8080"
            )
        ]
    ),
    spec!(
        "run",
        "Basic Commands (Beginner)",
        &[
            "image",
            "port",
            "restart",
            "labels",
            "env",
            "rm",
            "stdin",
            "tty",
            "expose",
            "output",
            "dry-run",
            "command",
            "overrides",
            "override-type",
            "grace-period"
        ],
        "Run a particular image on the cluster",
        "run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
        [
            ("Start a single nginx pod", "TOOL run nginx --image=nginx"),
            (
                "Start a busybox pod and keep it in the foreground, removing it on exit",
                "TOOL run -i -t busybox --image=busybox --restart=Never --rm"
            ),
            (
                "Start a pod on one node, overriding the generated pod with an inline JSON merge patch",
                "TOOL run nginx --image=nginx --overrides='{ \"apiVersion\": \"v1\", \"spec\": { \"nodeSelector\": { \"kubernetes.io/hostname\": \"worker01\" } } }'"
            )
        ]
    ),
    spec!(
        "set",
        "Basic Commands (Beginner)",
        &[
            "containers",
            "limits",
            "requests",
            "env",
            "list",
            "from",
            "prefix",
            "keys",
            "readiness",
            "liveness",
            "startup",
            "remove",
            "open-tcp",
            "get-url",
            "initial-delay-seconds",
            "success-threshold",
            "failure-threshold",
            "period-seconds",
            "timeout-seconds",
            "output",
            "dry-run",
            "selector",
            "all"
        ],
        "Set specific features on objects",
        "set SUBCOMMAND [options]",
        [
            (
                "Change the image of the nginx container of deployment web",
                "TOOL set image deployment/web nginx=nginx:1.25"
            ),
            (
                "Add an environment variable to a deployment",
                "TOOL set env deployment/web MODE=prod"
            ),
            (
                "Set CPU and memory limits",
                "TOOL set resources deployment/web --limits=cpu=200m,memory=512Mi"
            )
        ]
    ),
    spec!(
        "explain",
        "Basic Commands (Intermediate)",
        &["recursive", "api-version"],
        "Get documentation for a resource",
        "explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [options]",
        [
            ("Describe the fields of a pod", "TOOL explain pods"),
            ("Describe one field", "TOOL explain pods.spec.containers")
        ]
    ),
    spec!(
        "get",
        "Basic Commands (Intermediate)",
        GET_FLAGS,
        "Display one or many resources",
        "get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
        [
            ("List every pod of the current namespace", "TOOL get pods"),
            ("List pods with their node and IP", "TOOL get pods -o wide"),
            (
                "Show one deployment as YAML",
                "TOOL get deployment web -o yaml"
            ),
            (
                "List deployments and services together",
                "TOOL get deploy,svc"
            ),
            (
                "List pods in every namespace with their labels",
                "TOOL get pods -A --show-labels"
            )
        ]
    ),
    spec!(
        "edit",
        "Basic Commands (Intermediate)",
        &["output", "filename"],
        "Edit a resource on the server",
        "edit (RESOURCE/NAME | -f FILENAME) [options]",
        [
            ("Edit the service named registry", "TOOL edit svc/registry"),
            ("Edit a deployment", "TOOL edit deployment/web")
        ]
    ),
    spec!(
        "delete",
        "Basic Commands (Intermediate)",
        &[
            "filename",
            "recursive",
            "selector",
            "all",
            "all-namespaces",
            "force",
            "grace-period",
            "now",
            "wait",
            "cascade",
            "ignore-not-found",
            "output",
            "dry-run",
            "field-selector",
            "timeout"
        ],
        "Delete resources by file names, stdin, resources and names, or by resources and label selector",
        "delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
        [
            (
                "Delete the objects a manifest describes",
                "TOOL delete -f ./pod.yaml"
            ),
            (
                "Delete pods and services labelled app=web",
                "TOOL delete pods,services -l app=web"
            ),
            ("Delete a pod at once", "TOOL delete pod web --now"),
            (
                "Delete every pod of the namespace",
                "TOOL delete pods --all"
            )
        ]
    ),
    spec!(
        "rollout",
        "Deploy Commands",
        &[
            "to-revision",
            "revision",
            "timeout",
            "output",
            "watch",
            "selector"
        ],
        "Manage the rollout of a resource",
        "rollout SUBCOMMAND [options]",
        [
            (
                "Roll back to the previous revision",
                "TOOL rollout undo deployment/web"
            ),
            (
                "Watch a rollout until it finishes",
                "TOOL rollout status deployment/web"
            ),
            (
                "Restart the pods of a deployment",
                "TOOL rollout restart deployment/web"
            )
        ]
    ),
    spec!(
        "scale",
        "Deploy Commands",
        &[
            "replicas",
            "current-replicas",
            "selector",
            "all",
            "filename",
            "output",
            "dry-run",
            "timeout"
        ],
        "Set a new size for a deployment, replica set, or replication controller",
        "scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
        [
            (
                "Scale the deployment web to three replicas",
                "TOOL scale --replicas=3 deployment/web"
            ),
            (
                "Scale only when the current size is two",
                "TOOL scale --current-replicas=2 --replicas=3 deployment/web"
            )
        ]
    ),
    spec!(
        "autoscale",
        "Deploy Commands",
        &["min", "max", "cpu-percent", "name", "output", "dry-run"],
        "Auto-scale a deployment, replica set, stateful set, or replication controller",
        "autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
        [(
            "Keep deployment web between 2 and 10 pods at 80% CPU",
            "TOOL autoscale deployment web --min=2 --max=10 --cpu-percent=80"
        )]
    ),
    spec!(
        "certificate",
        "Cluster Management Commands",
        &["force"],
        "Modify certificate resources",
        "certificate SUBCOMMAND [options]",
        [(
            "Approve a certificate signing request",
            "TOOL certificate approve csr-sqgzp"
        )]
    ),
    spec!(
        "cluster-info",
        "Cluster Management Commands",
        &[],
        "Display cluster information",
        "cluster-info [flags] [options]",
        [(
            "Print the addresses of the control plane and its services",
            "TOOL cluster-info"
        )]
    ),
    spec!(
        "top",
        "Cluster Management Commands",
        &[
            "all-namespaces",
            "selector",
            "no-headers",
            "sort-by",
            "containers"
        ],
        "Display resource (CPU/memory) usage",
        "top [flags] [options]",
        [
            ("Show node usage", "TOOL top nodes"),
            ("Show pod usage in every namespace", "TOOL top pods -A")
        ]
    ),
    spec!(
        "cordon",
        "Cluster Management Commands",
        &["selector", "dry-run"],
        "Mark node as unschedulable",
        "cordon NODE [options]",
        [(
            "Stop scheduling new pods on node worker01",
            "TOOL cordon worker01"
        )]
    ),
    spec!(
        "uncordon",
        "Cluster Management Commands",
        &["selector", "dry-run"],
        "Mark node as schedulable",
        "uncordon NODE [options]",
        [(
            "Let pods be scheduled on node worker01 again",
            "TOOL uncordon worker01"
        )]
    ),
    spec!(
        "drain",
        "Cluster Management Commands",
        &[
            "ignore-daemonsets",
            "delete-emptydir-data",
            "force",
            "grace-period",
            "timeout",
            "selector",
            "dry-run"
        ],
        "Drain node in preparation for maintenance",
        "drain NODE [options]",
        [(
            "Evict every pod from worker01, leaving daemon set pods alone",
            "TOOL drain worker01 --ignore-daemonsets"
        )]
    ),
    spec!(
        "taint",
        "Cluster Management Commands",
        &["overwrite", "selector", "all", "output", "dry-run"],
        "Update the taints on one or more nodes",
        "taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
        [
            (
                "Keep pods without a matching toleration off node worker01",
                "TOOL taint nodes worker01 dedicated=db:NoSchedule"
            ),
            (
                "Remove that taint",
                "TOOL taint nodes worker01 dedicated=db:NoSchedule-"
            )
        ]
    ),
    spec!(
        "describe",
        "Troubleshooting and Debugging Commands",
        &[
            "selector",
            "all-namespaces",
            "filename",
            "recursive",
            "show-events"
        ],
        "Show details of a specific resource or group of resources",
        "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
        [
            ("Describe a node", "TOOL describe nodes worker01"),
            ("Describe a pod", "TOOL describe pods/web-7d4b9c8f5-x2kqp"),
            (
                "Describe every pod labelled app=web",
                "TOOL describe pods -l app=web"
            )
        ]
    ),
    spec!(
        "logs",
        "Troubleshooting and Debugging Commands",
        &[
            "container",
            "follow",
            "previous",
            "tail",
            "timestamps",
            "since",
            "selector",
            "all-containers"
        ],
        "Print the logs for a container in a pod",
        "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
        [
            ("Print the log of pod web", "TOOL logs web"),
            ("Follow the log", "TOOL logs -f web"),
            (
                "Print the log of the previous, crashed container",
                "TOOL logs -p web"
            ),
            ("Print the last 20 lines", "TOOL logs --tail=20 web")
        ]
    ),
    spec!(
        "exec",
        "Troubleshooting and Debugging Commands",
        &["container", "stdin", "tty"],
        "Execute a command in a container",
        "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
        [
            ("Run date in pod web", "TOOL exec web -- date"),
            ("Open a shell in pod web", "TOOL exec -it web -- sh")
        ]
    ),
    spec!(
        "port-forward",
        "Troubleshooting and Debugging Commands",
        &["address"],
        "Forward one or more local ports to a pod",
        "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        [(
            "Forward local port 8080 to port 80 of service web",
            "TOOL port-forward svc/web 8080:80"
        )]
    ),
    spec!(
        "cp",
        "Troubleshooting and Debugging Commands",
        &["container"],
        "Copy files and directories to and from containers",
        "cp <file-spec-src> <file-spec-dest> [options]",
        [
            (
                "Copy the local file /tmp/foo to /tmp/bar in pod web",
                "TOOL cp /tmp/foo web:/tmp/bar"
            ),
            (
                "Copy /tmp/foo from pod web in namespace demo to /tmp/bar locally",
                "TOOL cp demo/web:/tmp/foo /tmp/bar"
            ),
            (
                "Copy into a given container of the pod",
                "TOOL cp /tmp/foo web:/tmp/bar -c nginx"
            )
        ]
    ),
    spec!(
        "auth",
        "Troubleshooting and Debugging Commands",
        &["list", "all-namespaces"],
        "Inspect authorization",
        "auth [flags] [options]",
        [
            (
                "Check whether you may create pods",
                "TOOL auth can-i create pods"
            ),
            ("List what you may do", "TOOL auth can-i --list")
        ]
    ),
    spec!(
        "debug",
        "Troubleshooting and Debugging Commands",
        &["image", "stdin", "tty", "container"],
        "Create debugging sessions for troubleshooting workloads and nodes",
        "debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
        [("Open a shell on node worker01", "TOOL debug node/worker01")]
    ),
    spec!(
        "events",
        "Troubleshooting and Debugging Commands",
        &[
            "all-namespaces",
            "for",
            "types",
            "watch",
            "output",
            "no-headers"
        ],
        "List events",
        "events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
        [
            ("List recent events of the namespace", "TOOL events"),
            ("List events about one pod", "TOOL events --for pod/web")
        ]
    ),
    spec!(
        "apply",
        "Advanced Commands",
        &[
            "filename",
            "recursive",
            "kustomize",
            "output",
            "dry-run",
            "selector",
            "force"
        ],
        "Apply a configuration to a resource by file name or stdin",
        "apply (-f FILENAME | -k DIRECTORY) [options]",
        [
            (
                "Apply the configuration in pod.yaml",
                "TOOL apply -f ./pod.yaml"
            ),
            (
                "Apply every manifest of a directory",
                "TOOL apply -f ./manifests/"
            ),
            (
                "Apply a manifest from standard input",
                "cat pod.yaml | TOOL apply -f -"
            )
        ]
    ),
    spec!(
        "patch",
        "Advanced Commands",
        &["patch", "type", "output", "dry-run", "filename"],
        "Update fields of a resource",
        "patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
        [
            (
                "Set the replicas of deployment web with a merge patch",
                "TOOL patch deployment web -p '{\"spec\":{\"replicas\":3}}'"
            ),
            (
                "Replace an image with a JSON patch",
                "TOOL patch pod web --type=json -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"nginx:1.25\"}]'"
            )
        ]
    ),
    spec!(
        "replace",
        "Advanced Commands",
        &[
            "filename",
            "recursive",
            "output",
            "dry-run",
            "force",
            "save-config"
        ],
        "Replace a resource by file name or stdin",
        "replace -f FILENAME [options]",
        [(
            "Replace a pod with the manifest in pod.json",
            "TOOL replace -f ./pod.json"
        )]
    ),
    spec!(
        "wait",
        "Advanced Commands",
        &[
            "for",
            "timeout",
            "selector",
            "all",
            "all-namespaces",
            "filename"
        ],
        "Experimental: Wait for a specific condition on one or many resources",
        "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|delete|condition=available|jsonpath='{}'[=value]] [options]",
        [
            (
                "Wait for deployment web to become available",
                "TOOL wait --for=condition=Available deployment/web"
            ),
            (
                "Wait for a pod to be deleted",
                "TOOL wait --for=delete pod/busybox1 --timeout=60s"
            )
        ]
    ),
    spec!(
        "label",
        "Settings Commands",
        &[
            "overwrite",
            "selector",
            "all",
            "all-namespaces",
            "output",
            "dry-run",
            "list"
        ],
        "Update the labels on a resource",
        "label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        [
            (
                "Label pod web with tier=frontend",
                "TOOL label pods web tier=frontend"
            ),
            ("Remove the label tier", "TOOL label pods web tier-")
        ]
    ),
    spec!(
        "annotate",
        "Settings Commands",
        &[
            "overwrite",
            "selector",
            "all",
            "all-namespaces",
            "output",
            "dry-run",
            "list"
        ],
        "Update the annotations on a resource",
        "annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        [(
            "Annotate pod web with a description",
            "TOOL annotate pods web description='my frontend'"
        )]
    ),
    spec!(
        "completion",
        "Settings Commands",
        &[],
        "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)",
        "completion SHELL [options]",
        [(
            "Load completion into the current bash shell",
            "source <(TOOL completion bash)"
        )]
    ),
    spec!(
        "api-resources",
        "Other Commands",
        &[
            "namespaced",
            "api-group",
            "output",
            "no-headers",
            "sort-by",
            "verbs",
            "cached"
        ],
        "Print the supported API resources on the server",
        "api-resources [flags] [options]",
        [
            ("List every resource type", "TOOL api-resources"),
            (
                "List namespaced types with their verbs",
                "TOOL api-resources --namespaced=true -o wide"
            )
        ]
    ),
    spec!(
        "api-versions",
        "Other Commands",
        &[],
        "Print the supported API versions on the server, in the form of \"group/version\"",
        "api-versions [flags] [options]",
        [("List the API versions", "TOOL api-versions")]
    ),
    spec!(
        "config",
        "Other Commands",
        &["current", "minify", "raw", "output", "no-headers"],
        "Modify kubeconfig files",
        "config SUBCOMMAND [options]",
        [
            ("Show the merged kubeconfig", "TOOL config view"),
            (
                "Switch the current context's namespace",
                "TOOL config set-context --current --namespace=dev"
            )
        ]
    ),
    spec!(
        "version",
        "Other Commands",
        &["client", "short", "output"],
        "Print the client and server version information",
        "version [flags] [options]",
        [("Print the client and server versions", "TOOL version")]
    ),
    // oc only.
    spec!(oc "login", "Basic Commands", &["username", "password", "token", "insecure-skip-tls-verify"], "Log in to a server",
        "login [URL] [flags] [options]",
        [("Log in as user admin", "oc login -u admin -p redhatocp https://api.ocp4.example.com:6443")]),
    spec!(oc "logout", "Basic Commands", &[], "End the current server session", "logout [flags] [options]", [("Log out", "oc logout")]),
    spec!(oc "new-project", "Basic Commands", &["display-name", "description", "skip-config-write"], "Request a new project",
        "new-project NAME [--display-name=DISPLAYNAME] [--description=DESCRIPTION] [flags] [options]",
        [("Create a project named myproject", "oc new-project myproject --display-name='My project'")]),
    spec!(oc "new-app", "Basic Commands", &["name", "labels", "output", "dry-run", "strategy", "template", "filename", "param", "param-file", "ignore-unknown-parameters", "env", "image", "image-stream", "docker-image", "as-deployment-config"], "Create a new application",
        "new-app (IMAGE | IMAGESTREAM | TEMPLATE | PATH | URL ...) [flags] [options]",
        [("Deploy nginx from an image stream or registry", "oc new-app nginx"),
         ("Build and deploy source code with a builder image", "oc new-app php~https://github.com/sclorg/cakephp-ex")]),
    spec!(oc "new-build", "Build and Deploy Commands", &["name", "labels", "output", "dry-run", "strategy", "env", "image", "image-stream", "docker-image", "dockerfile", "to"], "Create a new build configuration",
        "new-build (IMAGE | IMAGESTREAM | PATH | URL ...) [flags] [options]",
        [("Create a Docker build from a Dockerfile given inline", "oc new-build -D $'FROM centos:7\\nRUN yum install -y httpd'"),
         ("Build source code with a builder image", "oc new-build php~https://github.com/sclorg/cakephp-ex")]),
    spec!(oc "import-image", "Build and Deploy Commands", &["from", "confirm", "all", "output", "dry-run"], "Import images from a container image registry",
        "import-image IMAGESTREAM[:TAG] [flags] [options]",
        [("Import tag latest into a new image stream", "oc import-image mystream --from=registry.io/repo/image:latest --confirm")]),
    spec!(oc "process", "Advanced Commands", &["filename", "param", "param-file", "parameters", "ignore-unknown-parameters", "local", "labels", "output", "raw"], "Process a template into list of resources",
        "process (TEMPLATE | -f FILENAME) [-p=KEY=VALUE] [flags] [options]",
        [("Convert the template.json file into a resource list and pass to create", "oc process -f template.json | oc create -f -"),
         ("Convert a stored template into a resource list by setting/overriding parameter values", "oc process foo PARM1=VALUE1 PARM2=VALUE2")]),
    spec!(oc "status", "Basic Commands", &["suggest"], "Show an overview of the current project", "status [-o dot | --suggest ] [flags] [options]",
        [("See what is in the current project", "oc status")]),
    spec!(oc "project", "Basic Commands", &["short-project"], "Switch to another project", "project [NAME] [flags] [options]",
        [("Switch to project myproject", "oc project myproject"), ("Show the current project", "oc project")]),
    spec!(oc "projects", "Basic Commands", &["short-project"], "Display existing projects", "projects [flags] [options]", [("List your projects", "oc projects")]),
    spec!(oc "whoami", "Basic Commands", &["show-token", "show-server", "show-console", "show-context"], "Return information about the current session",
        "whoami [flags] [options]", [("Print the user name", "oc whoami"), ("Print the session token", "oc whoami -t")]),
    spec!(oc "start-build", "Build and Deploy Commands", &["follow", "from-dir", "wait"], "Start a new build",
        "start-build (BUILDCONFIG | --from-build=BUILD) [flags] [options]", [("Start a build of build config hello", "oc start-build hello")]),
    spec!(oc "extract", "Advanced Commands", &["to", "keys", "confirm", "filename"], "Extract secrets or config maps to disk",
        "extract RESOURCE/NAME [--to=DIRECTORY] [--keys=KEY ...] [flags] [options]",
        [("Extract the secret db into files in the current directory", "oc extract secret/db"),
         ("Print the keys of config map web", "oc extract configmap/web --to=-"),
         ("Extract only nginx.conf of config map nginx into /tmp", "oc extract configmap/nginx --to=/tmp --keys=nginx.conf")]),
    spec!(oc "policy", "Advanced Commands", &["rolebinding-name", "serviceaccount"], "Manage authorization policy",
        "policy [flags] [options]",
        [("Let user developer view project demo", "oc policy add-role-to-user view developer -n demo"),
         ("Let the service account builder edit the current project", "oc policy add-role-to-user edit -z builder")]),
    spec!(oc "rsh", "Troubleshooting and Debugging Commands", &["container", "tty"], "Start a shell session in a container",
        "rsh [flags] POD [COMMAND] [options]", [("Open a shell in pod web", "oc rsh web")]),
    spec!(oc "adm", "Administrative Commands", &["all-namespaces", "ignore-daemonsets", "delete-emptydir-data", "force", "dest-dir", "selector", "rolebinding-name", "serviceaccount"], "Tools for managing a cluster",
        "adm [flags] [options]", [("Give user developer the admin role in project myproject", "oc adm policy add-role-to-user admin developer -n myproject")]),
];

/// The command named `name` for `tool`.
pub(crate) fn spec(tool: &str, name: &str) -> Option<&'static Spec> {
    COMMANDS
        .iter()
        .find(|c| c.name == name && (tool == "oc" || !c.oc_only))
}

/// The names of every command of `tool`, for suggestions and completion.
pub(crate) fn names(tool: &str) -> Vec<&'static str> {
    let mut out: Vec<&str> = COMMANDS
        .iter()
        .filter(|c| tool == "oc" || !c.oc_only)
        .map(|c| c.name)
        .collect();
    out.push("help");
    out
}

/// The help page of one command.
pub(crate) fn command_help(tool: &str, spec: &Spec) -> String {
    let mut out = format!("{}.\n\nExamples:\n", spec.summary.trim_end_matches('.'));
    for (i, (comment, example)) in spec.examples.iter().enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        out.push_str(&format!(
            "  # {comment}\n  {}\n",
            example.replace("TOOL", tool)
        ));
    }
    let options = flags::options_help(spec.flags);
    if !options.is_empty() {
        out.push_str("\nOptions:\n");
        out.push_str(&options);
    } else {
        out.push('\n');
    }
    out.push_str(&format!(
        "Usage:\n  {tool} {}\n\nUse \"{tool} options\" for a list of global command-line options (applies to all commands).\n",
        spec.usage
    ));
    out
}

/// The top-level help of `kubectl` or `oc`.
pub(crate) fn tool_help(tool: &str) -> String {
    let mut out = if tool == "oc" {
        "OpenShift Client\n\nThis client helps you develop, build, deploy, and run your applications on any\nOpenShift or Kubernetes cluster. It also includes the administrative\ncommands for managing a cluster under the 'adm' subcommand.\n".to_owned()
    } else {
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n".to_owned()
    };
    let mut groups: Vec<&str> = Vec::new();
    for c in COMMANDS.iter().filter(|c| tool == "oc" || !c.oc_only) {
        if !groups.contains(&c.group) {
            groups.push(c.group);
        }
    }
    for g in groups {
        out.push_str(&format!("\n{g}:\n"));
        for c in COMMANDS
            .iter()
            .filter(|c| c.group == g && (tool == "oc" || !c.oc_only))
        {
            out.push_str(&format!("  {:<15} {}\n", c.name, c.summary));
        }
    }
    out.push_str(&format!(
        "\nUsage:\n  {tool} [flags] [options]\n\nUse \"{tool} <command> --help\" for more information about a given command.\nUse \"{tool} options\" for a list of global command-line options (applies to all commands).\n"
    ));
    out
}

/// The Levenshtein distance between two words.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Cobra's suggestions for a mistyped command: within distance 2, or a prefix.
pub(crate) fn suggestions(tool: &str, typed: &str) -> Vec<&'static str> {
    names(tool)
        .into_iter()
        .filter(|n| levenshtein(typed, n) <= 2 || n.starts_with(typed))
        .collect()
}

/// What a command group prints when run without a subcommand, as cobra shows its help: (path, printed on standard
/// output rather than error, exit code, text with `TOOL` for the tool's name).
#[rustfmt::skip]
static GROUPS: &[(&str, bool, i32, &str)] = &[
    ("config", false, 1, "Modify kubeconfig files using subcommands like \"TOOL config set current-context my-context\".\n\n The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.\n\nAvailable Commands:\n  current-context   Display the current-context\n  delete-cluster    Delete the specified cluster from the kubeconfig\n  delete-context    Delete the specified context from the kubeconfig\n  delete-user       Delete the specified user from the kubeconfig\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  get-users         Display users defined in the kubeconfig\n  rename-context    Rename a context from the kubeconfig file\n  set               Set an individual value in a kubeconfig file\n  set-cluster       Set a cluster entry in kubeconfig\n  set-context       Set a context entry in kubeconfig\n  set-credentials   Set a user entry in kubeconfig\n  unset             Unset an individual value in a kubeconfig file\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  TOOL config SUBCOMMAND [options]\n\nUse \"TOOL config <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("rollout", true, 1, "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nExamples:\n  # Rollback to the previous deployment\n  TOOL rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  TOOL rollout status daemonset/foo\n  \n  # Restart a deployment\n  TOOL rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  TOOL rollout restart deployment --selector=app=nginx\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  TOOL rollout SUBCOMMAND [options]\n\nUse \"TOOL rollout <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("top", false, 1, "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  TOOL top [flags] [options]\n\nUse \"TOOL top <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("auth", false, 1, "Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  TOOL auth [flags] [options]\n\nUse \"TOOL auth <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("certificate", true, 0, "Modify certificate resources.\n\nAvailable Commands:\n  approve       Approve a certificate signing request\n  deny          Deny a certificate signing request\n\nUsage:\n  TOOL certificate SUBCOMMAND [options]\n\nUse \"TOOL certificate <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("set", false, 1, "Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n  selector         Set the selector on a resource\n  serviceaccount   Update the service account of a resource\n  subject          Update the user, group, or service account in a role binding or cluster role binding\n\nUsage:\n  TOOL set SUBCOMMAND [options]\n\nUse \"TOOL set <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("create secret", false, 1, "Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  TOOL create secret (docker-registry | generic | tls) [options]\n\nUse \"TOOL create secret <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
    ("create service", false, 1, "Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\nUsage:\n  TOOL create service [flags] [options]\n\nUse \"TOOL create service <command> --help\" for more information about a given command.\nUse \"TOOL options\" for a list of global command-line options (applies to all commands).\n"),
];

/// What `TOOL PATH` prints without a subcommand (`kubectl rollout`, `kubectl create secret`): cobra's help of the group.
pub fn group(tool: &str, path: &str) -> Output {
    let Some((_, stdout, code, text)) = GROUPS.iter().find(|g| g.0 == path) else {
        return Output::err(format!("error: unknown command \"{path}\"\n"), 1);
    };
    let text = text.replace("TOOL", tool);
    if *stdout {
        Output {
            code: *code,
            ..Output::ok(text)
        }
    } else {
        Output::err(text, *code)
    }
}
