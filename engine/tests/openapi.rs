//! Objects as `kubectl get -o json` and `-o yaml` print them validate against the official Kubernetes OpenAPI schema
//! of each scenario's server version.
//!
//! `every_builtin_kind_has_an_object` runs everywhere: in each scenario it creates one object of every built-in
//! Kubernetes kind the cluster lacks, then checks that `kubectl get` finds one of each. The validation itself needs
//! the PyPI package `kubernetes-validate` (which bundles the upstream JSON schemas per version), so it is ignored by a
//! plain `cargo test`; `cargo xtask test` installs the package into `tools/python` and runs it with
//! `KUBERNETES_VALIDATE=tools/python cargo test -p engine --test openapi -- --ignored`.

use std::path::PathBuf;
use std::process::Command;

use engine::session::Session;

/// Resources that cannot be read back, with the reason.
const UNREADABLE: &[(&str, &str)] = &[
    (
        "bindings",
        "create-only: the API server never stores a Binding",
    ),
    (
        "componentstatuses",
        "deprecated since 1.19; the simulated API servers list none",
    ),
    (
        "tokenreviews",
        "create-only: the API server answers a review and never stores it",
    ),
    (
        "selfsubjectreviews",
        "create-only: the API server answers a review and never stores it",
    ),
    (
        "localsubjectaccessreviews",
        "create-only: the API server answers a review and never stores it",
    ),
    (
        "selfsubjectaccessreviews",
        "create-only: the API server answers a review and never stores it",
    ),
    (
        "selfsubjectrulesreviews",
        "create-only: the API server answers a review and never stores it",
    ),
    (
        "subjectaccessreviews",
        "create-only: the API server answers a review and never stores it",
    ),
];

/// One object of every built-in kind the scenarios do not start with, created the way a learner would. The
/// ControllerRevision is written by hand because the simulated DaemonSet and StatefulSet controllers do not write
/// theirs (a known gap).
const MANIFESTS: &str = r#"apiVersion: apps/v1
kind: ControllerRevision
metadata:
  name: db-openapi
revision: 1
data:
  spec:
    template:
      metadata:
        labels:
          app: db
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: openapi
value: 1000
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
    defaultRequest:
      cpu: 100m
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-openapi
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /tmp/pv-openapi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 1
  selector:
    app: rc
  template:
    metadata:
      labels:
        app: rc
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: openapi
spec:
  controller: example.com/ingress-controller
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: ["Ingress"]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
    singular: widget
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
---
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: openapi-csr
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZVzVuWld4aE1JSUJJakFOQmdrcWhraUc5dzBCQVFFRgpBQU9DQVE4QU1JSUJDZ0tDQVFFQTByczhJTHRHdTYxakx2dHhWTTJSVlRWMDNHWlJTWWw0dWluVWo4RElaWjBOCnR2MUZtRVFSd3VoaUZsOFEzcWl0Qm0wMUFSMkNJVXBGd2ZzSjZ4MXF3ckJzVkhZbGlBNVhwRVpZM3ExcGswSDQKM3Z3aGJlK1o2MVNrVHF5SVBYUUwrTWM5T1Nsbm0xb0R2N0NtSkZNMUlMRVI3QTVGZnZKOEdFRjJ6dHBoaUlFMwpub1dtdHNZb3JuT2wzc2lHQ2ZGZzR4Zmd4eW8ybmlneFNVekl1bXNnVm9PM2ttT0x1RVF6cXpkakJ3TFJXbWlECklmMXBMWnoyalVnald4UkhCM1gyWnVVV1d1T09PZnpXM01LaE8ybHEvZi9DdS8wYk83c0x0MCt3U2ZMSU91TFcKcW90blZtRmxMMytqTy82WDNDKzBERHk5aUtwbXJjVDBnWGZLemE1dHJRSURBUUFCb0FBd0RRWUpLb1pJaHZjTgpBUUVMQlFBRGdnRUJBR05WdmVIOGR4ZzNvK21VeVRkbmFjVmQ1N24zSkExdnZEU1JWREkyQTZ1eXN3ZFp1L1BVCkkwZXpZWFV0RVNnSk1IRmQycVVNMjNuNVJsSXJ3R0xuUXFISUh5VStWWHhsdnZsRnpNOVpEWllSTmU3QlJvYXgKQVlEdUI5STZXT3FYbkFvczFqRmxNUG5NbFpqdU5kSGxpT1BjTU1oNndLaTZzZFhpVStHYTJ2RUVLY01jSVUyRgpvU2djUWdMYTk0aEpacGk3ZnNMdm1OQUxoT045UHdNMGM1dVJVejV4T0dGMUtCbWRSeEgvbUNOS2JKYjFRQm1HCkkwYitEUEdaTktXTU0xMzhIQXdoV0tkNjVoVHdYOWl4V3ZHMkh4TG1WQzg0L1BHT0tWQW9FNkpsYWFHdTlQVmkKdjlOSjVaZmRLWTNCRzJiMHhmQmdBT1o2dnpBZ1h4OGhpZkU9Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=
  signerName: kubernetes.io/kube-apiserver-client
  usages: ["client auth"]
---
apiVersion: v1
kind: PodTemplate
metadata:
  name: web-openapi
template:
  metadata:
    labels:
      app: web
  spec:
    containers:
    - name: web
      image: nginx
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: openapi
webhooks: []
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: openapi
webhooks: []
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: openapi
spec:
  validations:
  - expression: "true"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: openapi
spec:
  policyName: openapi
  validationActions: [Deny]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.openapi.example.com
spec:
  group: openapi.example.com
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  service:
    name: web
    namespace: default
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: openapi
spec:
  holderIdentity: openapi
  leaseDurationSeconds: 15
---
apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: web.openapi
eventTime: "2024-01-01T00:00:00.000000Z"
reportingController: openapi
reportingInstance: openapi
action: Test
reason: Test
type: Normal
regarding:
  kind: Deployment
  name: web
  namespace: default
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata:
  name: openapi
spec:
  matchingPrecedence: 1000
  priorityLevelConfiguration:
    name: openapi
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata:
  name: openapi
spec:
  type: Exempt
  exempt: {}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: openapi
handler: runc
---
apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata:
  name: openapi.example.com
spec:
  attachRequired: false
---
apiVersion: storage.k8s.io/v1
kind: CSINode
metadata:
  name: openapi
spec:
  drivers: []
---
apiVersion: storage.k8s.io/v1
kind: CSIStorageCapacity
metadata:
  name: openapi
storageClassName: standard
---
apiVersion: storage.k8s.io/v1
kind: VolumeAttachment
metadata:
  name: openapi
spec:
  attacher: openapi.example.com
  nodeName: openapi
  source:
    persistentVolumeName: openapi
"#;

/// The commands that give every other kind an object, run before the manifests.
const SETUP: &[&str] = &[
    "kubectl create deployment web --image=nginx --replicas=2",
    "kubectl expose deployment web --port=80",
    "kubectl create job once --image=busybox -- echo hello",
    "kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *' -- date",
    "kubectl autoscale deployment web --min=2 --max=4 --cpu-percent=80",
    "kubectl create configmap settings --from-literal=mode=test",
    "kubectl create secret generic creds --from-literal=user=admin",
    "kubectl create serviceaccount robot",
    "kubectl create role reader --verb=get,list --resource=pods",
    "kubectl create rolebinding reader --role=reader --serviceaccount=default:robot",
    "kubectl create quota small --hard=pods=20",
];

/// Whether an API group is one of Kubernetes' own (the core group, `apps`, `batch`, `*.k8s.io`, …).
fn builtin_group(group: &str) -> bool {
    !group.contains('.') || group.ends_with(".k8s.io")
}

/// The objects of one scenario to validate: `(file name, text)` for the JSON and YAML of one object per kind,
/// and the resources that had no object.
fn objects(scenario: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut session = Session::new(scenario, 1).expect("the scenario boots");
    let run = |session: &mut Session, line: &str| {
        let result = session.exec(line);
        assert_eq!(
            result.code, 0,
            "{scenario}: `{line}` failed: {}{}",
            result.stdout, result.stderr
        );
        result.stdout
    };
    for line in SETUP {
        run(&mut session, line);
    }
    run(
        &mut session,
        &format!("kubectl apply -f - <<'EOF'\n{MANIFESTS}EOF"),
    );
    run(&mut session, "sleep 60");
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for line in run(&mut session, "kubectl api-resources --no-headers").lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(name), Some(api_version)) = (fields.first(), fields.iter().rev().nth(2)) else {
            continue;
        };
        let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
        if !builtin_group(group) || UNREADABLE.iter().any(|(r, _)| r == name) {
            continue;
        }
        let resource = if group.is_empty() {
            (*name).to_owned()
        } else {
            format!("{name}.{group}")
        };
        let names = run(
            &mut session,
            &format!(
                "kubectl get {resource} -A -o jsonpath='{{range .items[*]}}{{.metadata.namespace}} {{.metadata.name}}{{\"\\n\"}}{{end}}'"
            ),
        );
        let Some(first) = names.lines().next() else {
            missing.push(resource);
            continue;
        };
        let (namespace, object) = first.split_once(' ').unwrap_or(("", first));
        let namespace = if namespace.is_empty() {
            String::new()
        } else {
            format!(" -n {namespace}")
        };
        for format in ["json", "yaml"] {
            let text = run(
                &mut session,
                &format!("kubectl get {resource} {object}{namespace} -o {format}"),
            );
            files.push((format!("{scenario}-{resource}.{format}"), text));
        }
    }
    (files, missing)
}

/// The scenario's server version as kubernetes-validate names its schemas (`1.27.0`).
fn server_version(scenario: &str) -> String {
    let mut session = Session::new(scenario, 1).expect("the scenario boots");
    let out = session.exec("kubectl version -o json").stdout;
    let version: serde_json::Value =
        serde_json::from_str(&out).expect("kubectl version prints JSON");
    let minor: String = version["serverVersion"]["minor"]
        .as_str()
        .expect("a minor version")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    format!(
        "{}.{minor}.0",
        version["serverVersion"]["major"].as_str().unwrap_or("1")
    )
}

const SCENARIOS: &[&str] = &["ocp4", "eks", "vanilla"];

#[test]
fn every_builtin_kind_has_an_object() {
    for scenario in SCENARIOS {
        let (files, missing) = objects(scenario);
        assert!(
            missing.is_empty(),
            "{scenario}: no object to validate for {missing:?}"
        );
        assert!(
            files.len() >= 60,
            "{scenario}: only {} files to validate",
            files.len()
        );
    }
}

#[test]
#[ignore = "needs the PyPI package kubernetes-validate; `cargo xtask test` installs it and runs this (step openapi)"]
fn objects_validate_against_the_kubernetes_openapi_schema() {
    let Some(package) = std::env::var_os("KUBERNETES_VALIDATE") else {
        panic!(
            "set KUBERNETES_VALIDATE to the folder kubernetes-validate is installed in (`cargo xtask test` does)"
        );
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("openapi");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let mut failures = Vec::new();
    for scenario in SCENARIOS {
        let version = server_version(scenario);
        let (files, _) = objects(scenario);
        let mut paths = Vec::new();
        for (name, text) in &files {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("the scratch folder is writable");
            paths.push(path);
        }
        let output = Command::new("python3")
            .env("PYTHONPATH", &package)
            .args(["-m", "kubernetes_validate", "--strict", "--no-warn", "-k"])
            .arg(&version)
            .args(&paths)
            .output()
            .expect("python3 runs");
        let report = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        eprintln!(
            "{scenario}: {} objects against Kubernetes {version}",
            files.len()
        );
        let errors: Vec<&str> = report.lines().filter(|l| !l.starts_with("INFO")).collect();
        if !output.status.success() || !errors.is_empty() {
            failures.push(format!("{scenario}:\n{}", errors.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
