//! The installer's generated assets: manifests, Ignition configs, kubeconfig, kubeadmin password, metadata.json and the hidden state file.

use serde_json::{Value, json};

use super::config::InstallConfig;
use super::util::{Rng, fake_pem, rfc3339};
use crate::b64::encode as b64;

/// Twenty-four hours, the validity of the bootstrap certificates.
pub const CERT_VALIDITY_MS: i64 = 24 * 3_600_000;

/// The certificates and secrets of one `create ignition-configs` run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Issued {
    /// The directory the assets were written to.
    pub dir: String,
    /// When they were generated.
    pub created_at: i64,
    /// When the short-lived certificates expire.
    pub not_after: i64,
    /// The root CA embedded in master.ign and worker.ign.
    pub root_ca: String,
    /// The infrastructure ID, `<name>-xxxxx`.
    pub infra_id: String,
    /// The cluster ID (a UUID).
    pub cluster_id: String,
    /// The kubeadmin password.
    pub password: String,
}

impl Issued {
    /// Generates a deterministic set for `config` at `now` in `dir`.
    pub fn generate(config: &InstallConfig, dir: &str, now: i64) -> Self {
        let seed = format!("{}-{now}", config.cluster_domain());
        let mut rng = Rng::new(&seed);
        let infra_id = format!(
            "{}-{}",
            config.metadata.name.chars().take(27).collect::<String>(),
            rng.chars("bcdfghjklmnpqrstvwxz2456789", 5)
        );
        let h = rng.hex(32);
        let cluster_id = format!(
            "{}-{}-4{}-a{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        );
        let alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let password = (0..4)
            .map(|_| rng.chars(alnum, 5))
            .collect::<Vec<_>>()
            .join("-");
        Issued {
            dir: dir.to_owned(),
            created_at: now,
            not_after: now + CERT_VALIDITY_MS,
            root_ca: fake_pem("CERTIFICATE", &format!("{seed}-root-ca")),
            infra_id,
            cluster_id,
            password,
        }
    }
}

fn data_url(text: &str) -> String {
    format!("data:text/plain;charset=utf-8;base64,{}", b64(text))
}

fn file(path: &str, mode: u32, contents: &str) -> Value {
    json!({
        "overwrite": false,
        "path": path,
        "user": {"name": "root"},
        "contents": {"source": data_url(contents), "verification": {}},
        "mode": mode
    })
}

/// The pointer config of a master or worker: merge from the machine-config-server, trusting the root CA.
pub fn pointer_ignition(role: &str, cluster_domain: &str, root_ca: &str) -> Value {
    json!({
        "ignition": {
            "config": {
                "merge": [{"source": format!("https://api-int.{cluster_domain}:22623/config/{role}")}]
            },
            "security": {
                "tls": {"certificateAuthorities": [{"source": data_url(root_ca)}]}
            },
            "version": "3.2.0"
        }
    })
}

/// The full bootstrap config: the bootstrap scripts, the cluster manifests, TLS assets and the units that run them.
pub fn bootstrap_ignition(
    config: &InstallConfig,
    issued: &Issued,
    manifests: &[(String, String)],
) -> Value {
    let cd = config.cluster_domain();
    let seed = format!("{cd}-{}", issued.created_at);
    let mcs_cert = fake_pem("CERTIFICATE", &format!("{seed}-mcs"));
    let mcs_key = fake_pem("RSA PRIVATE KEY", &format!("{seed}-mcs-key"));
    let kubelet_cert = fake_pem("CERTIFICATE", &format!("{seed}-kubelet"));
    let mut files = vec![
        file(
            "/usr/local/bin/bootkube.sh",
            0o555,
            "#!/usr/bin/env bash\nset -euoE pipefail ## -E option will cause functions to inherit trap\n\n. /usr/local/bin/bootstrap-service-record.sh\n. /usr/local/bin/release-image.sh\n\nmkdir --parents /etc/kubernetes/{manifests,bootstrap-configs,bootstrap-manifests}\n\necho \"Rendering Cluster Version Operator Manifests...\"\n",
        ),
        file(
            "/usr/local/bin/release-image-download.sh",
            0o555,
            &format!(
                "#!/usr/bin/env bash\nset -euo pipefail\n\nRELEASE_IMAGE={}\necho \"Pulling $RELEASE_IMAGE...\"\n",
                super::sim::RELEASE_IMAGE
            ),
        ),
        file(
            "/usr/local/bin/report-progress.sh",
            0o555,
            "#!/usr/bin/env bash\n\necho \"Reporting install progress...\"\n",
        ),
        file("/opt/openshift/tls/root-ca.crt", 0o644, &issued.root_ca),
        file(
            "/opt/openshift/tls/machine-config-server.crt",
            0o644,
            &mcs_cert,
        ),
        file(
            "/opt/openshift/tls/machine-config-server.key",
            0o600,
            &mcs_key,
        ),
        file(
            "/opt/openshift/tls/kubelet-client.crt",
            0o644,
            &kubelet_cert,
        ),
        file(
            "/opt/openshift/auth/kubeconfig",
            0o600,
            &kubeconfig(config, issued),
        ),
        file(
            "/etc/kubernetes/kubeconfig",
            0o600,
            &kubeconfig(config, issued),
        ),
    ];
    for (path, text) in manifests {
        files.push(file(&format!("/opt/openshift/{path}"), 0o644, text));
    }
    let mut users = json!([{"name": "core"}]);
    if !config.ssh_key.is_empty() {
        users = json!([{"name": "core", "sshAuthorizedKeys": [config.ssh_key.trim()]}]);
    }
    json!({
        "ignition": {"version": "3.2.0"},
        "passwd": {"users": users},
        "storage": {"files": files},
        "systemd": {
            "units": [
                {"name": "bootkube.service", "enabled": false,
                 "contents": "[Unit]\nDescription=Bootstrap a Kubernetes cluster\nRequires=crio-configure.service\nWants=kubelet.service\nAfter=kubelet.service crio-configure.service\nConditionPathExists=!/opt/openshift/.bootkube.done\n\n[Service]\nWorkingDirectory=/opt/openshift\nExecStart=/usr/local/bin/bootkube.sh\n\nRestart=on-failure\nRestartSec=5s\n"},
                {"name": "kubelet.service", "enabled": true,
                 "contents": "[Unit]\nDescription=Kubernetes Kubelet\nWants=rpc-statd.service crio.service release-image.service\nAfter=crio.service release-image.service\n\n[Service]\nExecStart=/usr/local/bin/kubelet.sh\nRestart=always\nRestartSec=10\n\n[Install]\nWantedBy=multi-user.target\n"},
                {"name": "release-image.service", "enabled": true,
                 "contents": "[Unit]\nDescription=Download the OpenShift Release Image\nWants=network-online.target\nAfter=network-online.target\n\n[Service]\nType=oneshot\nExecStart=/usr/local/bin/release-image-download.sh\nRemainAfterExit=true\n"},
                {"name": "progress.service", "enabled": true,
                 "contents": "[Unit]\nDescription=Report the completion of the cluster bootstrap process\nAfter=bootkube.service\n\n[Service]\nExecStart=/usr/local/bin/report-progress.sh /opt/openshift/auth/kubeconfig\n\nRestart=on-failure\nRestartSec=5s\n\n[Install]\nRequiredBy=multi-user.target\n"},
                {"name": "approve-csr.service", "enabled": true,
                 "contents": "[Unit]\nDescription=Approve CSRs during bootstrap phase\nWants=bootkube.service\nAfter=bootkube.service\n\n[Service]\nExecStart=/usr/local/bin/approve-csr.sh /opt/openshift/auth/kubeconfig-loopback\n\nRestart=on-failure\nRestartSec=10\n\n[Install]\nWantedBy=multi-user.target\n"}
            ]
        }
    })
}

/// The admin kubeconfig of `auth/kubeconfig`.
pub fn kubeconfig(config: &InstallConfig, issued: &Issued) -> String {
    let cd = config.cluster_domain();
    let seed = format!("{cd}-{}", issued.created_at);
    let client_cert = fake_pem("CERTIFICATE", &format!("{seed}-admin"));
    let client_key = fake_pem("RSA PRIVATE KEY", &format!("{seed}-admin-key"));
    format!(
        "clusters:\n- cluster:\n    certificate-authority-data: {}\n    server: https://api.{cd}:6443\n  name: {}\ncontexts:\n- context:\n    cluster: {}\n    user: admin\n  name: admin\ncurrent-context: admin\npreferences: {{}}\nusers:\n- name: admin\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
        b64(&issued.root_ca),
        config.metadata.name,
        config.metadata.name,
        b64(&client_cert),
        b64(&client_key)
    )
}

/// metadata.json, as `destroy cluster` reads it.
pub fn metadata_json(config: &InstallConfig, issued: &Issued) -> String {
    let mut v = json!({
        "clusterName": config.metadata.name,
        "clusterID": issued.cluster_id,
        "infraID": issued.infra_id,
    });
    if let Some(aws) = &config.platform.aws {
        v["aws"] = json!({
            "region": aws.region,
            "identifier": [
                {format!("kubernetes.io/cluster/{}", issued.infra_id): "owned"},
                {"openshiftClusterID": issued.cluster_id}
            ]
        });
    } else if config.platform.baremetal.is_some() {
        v["baremetal"] = json!({});
    } else {
        v["none"] = json!({});
    }
    serde_json::to_string(&v).unwrap_or_default()
}

/// The manifests of `create manifests`: paths relative to the install directory and their texts.
pub fn manifests(config: &InstallConfig, issued_infra: &str) -> Vec<(String, String)> {
    let n = config.networking.clone().unwrap_or_default();
    let cd = config.cluster_domain();
    let platform = config.platform.name();
    let workers = config.worker_replicas();
    let platform_type = match platform.as_str() {
        "aws" => "AWS",
        "baremetal" => "BareMetal",
        _ => "None",
    };
    let cluster_networks: String = n
        .cluster_network
        .iter()
        .map(|c| format!("  - cidr: {}\n    hostPrefix: {}\n", c.cidr, c.host_prefix))
        .collect();
    let service_networks: String = n
        .service_network
        .iter()
        .map(|s| format!("  - {s}\n"))
        .collect();
    let mut ic = config.clone();
    ic.pull_secret = String::new();
    let install_config_yaml = ic.to_yaml();
    let indented: String = install_config_yaml
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect();
    vec![
        (
            "manifests/cluster-config.yaml".into(),
            format!("apiVersion: v1\ndata:\n  install-config: |\n{indented}kind: ConfigMap\nmetadata:\n  name: cluster-config-v1\n  namespace: kube-system\n"),
        ),
        (
            "manifests/cluster-dns-02-config.yml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: DNS\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  baseDomain: {cd}\n  platform:\n    aws: null\n    type: \"\"\nstatus: {{}}\n"),
        ),
        (
            "manifests/cluster-infrastructure-02-config.yml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: Infrastructure\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  cloudConfig:\n    name: \"\"\n  platformSpec:\n    type: {platform_type}\nstatus:\n  apiServerInternalURI: https://api-int.{cd}:6443\n  apiServerURL: https://api.{cd}:6443\n  controlPlaneTopology: HighlyAvailable\n  cpuPartitioning: None\n  etcdDiscoveryDomain: \"\"\n  infrastructureName: {issued_infra}\n  infrastructureTopology: HighlyAvailable\n  platform: {platform_type}\n  platformStatus:\n    type: {platform_type}\n"),
        ),
        (
            "manifests/cluster-ingress-02-config.yml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: Ingress\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  domain: apps.{cd}\n  loadBalancer:\n    platform:\n      type: \"\"\nstatus:\n  defaultPlacement: {}\n", if workers > 0 { "Workers" } else { "ControlPlane" }),
        ),
        (
            "manifests/cluster-network-02-config.yml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: Network\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  clusterNetwork:\n{cluster_networks}  externalIP:\n    policy: {{}}\n  networkType: {}\n  serviceNetwork:\n{service_networks}status: {{}}\n", n.network_type),
        ),
        (
            "manifests/cluster-proxy-01-config.yaml".into(),
            "apiVersion: config.openshift.io/v1\nkind: Proxy\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  trustedCA:\n    name: \"\"\nstatus: {}\n".into(),
        ),
        (
            "manifests/cluster-scheduler-02-config.yml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: Scheduler\nmetadata:\n  creationTimestamp: null\n  name: cluster\nspec:\n  mastersSchedulable: {}\n  policy:\n    name: \"\"\nstatus: {{}}\n", workers == 0),
        ),
        (
            "manifests/cvo-overrides.yaml".into(),
            format!("apiVersion: config.openshift.io/v1\nkind: ClusterVersion\nmetadata:\n  name: version\n  namespace: openshift-cluster-version\nspec:\n  channel: stable-4.14\n  clusterID: {}\n", Rng::new(issued_infra).hex(8)),
        ),
        (
            "manifests/kube-cloud-config.yaml".into(),
            "apiVersion: v1\ndata:\n  cloud.conf: \"\"\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: kube-cloud-cfg\n  namespace: kube-system\ntype: Opaque\n".into(),
        ),
        (
            "manifests/machine-config-server-tls-secret.yaml".into(),
            "apiVersion: v1\ndata:\n  tls.crt: (machine-config-server certificate)\n  tls.key: (machine-config-server key)\nkind: Secret\nmetadata:\n  name: machine-config-server-tls\n  namespace: openshift-machine-config-operator\ntype: kubernetes.io/tls\n".into(),
        ),
        (
            "manifests/openshift-config-secret-pull-secret.yaml".into(),
            format!("apiVersion: v1\ndata:\n  .dockerconfigjson: {}\nkind: Secret\nmetadata:\n  name: pull-secret\n  namespace: openshift-config\ntype: kubernetes.io/dockerconfigjson\n", b64(&config.pull_secret)),
        ),
        (
            "openshift/99_kubeadmin-password-secret.yaml".into(),
            "apiVersion: v1\ndata:\n  kubeadmin: (bcrypt hash of the kubeadmin password)\nkind: Secret\nmetadata:\n  name: kubeadmin\n  namespace: kube-system\ntype: Opaque\n".into(),
        ),
        (
            "openshift/99_openshift-cluster-api_master-user-data-secret.yaml".into(),
            format!("apiVersion: v1\ndata:\n  disableTemplating: dHJ1ZQo=\n  userData: {}\nkind: Secret\nmetadata:\n  name: master-user-data\n  namespace: openshift-machine-api\ntype: Opaque\n", b64("(master pointer ignition)")),
        ),
        (
            "openshift/99_openshift-cluster-api_worker-user-data-secret.yaml".into(),
            format!("apiVersion: v1\ndata:\n  disableTemplating: dHJ1ZQo=\n  userData: {}\nkind: Secret\nmetadata:\n  name: worker-user-data\n  namespace: openshift-machine-api\ntype: Opaque\n", b64("(worker pointer ignition)")),
        ),
        (
            "openshift/99_openshift-machineconfig_99-master-ssh.yaml".into(),
            format!("apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  labels:\n    machineconfiguration.openshift.io/role: master\n  name: 99-master-ssh\nspec:\n  config:\n    ignition:\n      version: 3.2.0\n    passwd:\n      users:\n      - name: core\n        sshAuthorizedKeys:\n        - {}\n", config.ssh_key.trim()),
        ),
        (
            "openshift/99_openshift-machineconfig_99-worker-ssh.yaml".into(),
            format!("apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  labels:\n    machineconfiguration.openshift.io/role: worker\n  name: 99-worker-ssh\nspec:\n  config:\n    ignition:\n      version: 3.2.0\n    passwd:\n      users:\n      - name: core\n        sshAuthorizedKeys:\n        - {}\n", config.ssh_key.trim()),
        ),
        (
            "openshift/openshift-install-manifests.yaml".into(),
            format!("apiVersion: v1\ndata:\n  invoker: user\n  version: v{}\nkind: ConfigMap\nmetadata:\n  name: openshift-install-manifests\n  namespace: openshift-config\n", super::sim::OCP_VERSION),
        ),
    ]
}

/// The hidden `.openshift_install_state.json`: the assets generated so far, keyed by their Go type names.
pub fn state_json(config: &InstallConfig, issued: Option<&Issued>, assets: &[&str]) -> String {
    let mut v = serde_json::Map::new();
    v.insert(
        "*installconfig.InstallConfig".into(),
        json!({"config": serde_json::to_value(config).unwrap_or(Value::Null)}),
    );
    v.insert(
        "*installconfig.ClusterID".into(),
        json!({"UUID": issued.map(|i| i.cluster_id.clone()), "InfraID": issued.map(|i| i.infra_id.clone())}),
    );
    if let Some(i) = issued {
        v.insert(
            "*password.KubeadminPassword".into(),
            json!({"Password": i.password, "PasswordHash": "(bcrypt)", "File": {"Filename": "auth/kubeadmin-password"}}),
        );
        v.insert(
            "*tls.RootCA".into(),
            json!({"Cert": b64(&i.root_ca), "NotBefore": rfc3339(i.created_at), "NotAfter": rfc3339(i.created_at + 10 * 365 * 86_400_000)}),
        );
        v.insert(
            "*tls.MCSCertKey".into(),
            json!({"NotBefore": rfc3339(i.created_at), "NotAfter": rfc3339(i.not_after)}),
        );
        v.insert(
            "*tls.KubeletBootstrapCertSigner".into(),
            json!({"NotBefore": rfc3339(i.created_at), "NotAfter": rfc3339(i.not_after)}),
        );
    }
    for a in assets {
        v.entry((*a).to_owned()).or_insert(json!({}));
    }
    serde_json::to_string_pretty(&Value::Object(v)).unwrap_or_default()
}
