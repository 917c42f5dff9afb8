//! The install-config.yaml model, its defaults and its validation, worded as openshift-install words them.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The install-config.yaml document, mirroring the installer's `types.InstallConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstallConfig {
    /// The document version; only `v1` is accepted.
    #[serde(default)]
    pub api_version: String,
    /// The optional kind (ignored by the installer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The base DNS domain of the cluster.
    #[serde(default)]
    pub base_domain: String,
    /// The metadata holding the cluster name.
    #[serde(default)]
    pub metadata: Metadata,
    /// The compute machine pools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<Vec<MachinePool>>,
    /// The control plane machine pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_plane: Option<MachinePool>,
    /// The cluster networking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub networking: Option<Networking>,
    /// The infrastructure platform.
    #[serde(default, deserialize_with = "null_default")]
    pub platform: Platform,
    /// Whether FIPS mode is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fips: Option<bool>,
    /// The pull secret, JSON text.
    #[serde(default)]
    pub pull_secret: String,
    /// The SSH public key for the `core` user.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ssh_key: String,
    /// The publishing strategy, `External` or `Internal`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publish: String,
    /// When the additional trust bundle is used: `Proxyonly` (the default the wizard writes) or `Always`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_trust_bundle_policy: Option<String>,
    /// Extra trust bundle (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_trust_bundle: Option<String>,
    /// Proxy settings (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Value>,
    /// Mirror sources (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_content_sources: Option<Value>,
    /// Mirror sources (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_digest_sources: Option<Value>,
    /// The cloud credentials mode (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_mode: Option<String>,
    /// Capabilities (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Value>,
}

/// The object metadata of an install config.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The cluster name.
    #[serde(default)]
    pub name: String,
    /// Anything else (for example `creationTimestamp: null`).
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

/// A machine pool (`controlPlane` or one `compute` entry).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MachinePool {
    /// The pool name: `master` or `worker`.
    #[serde(default)]
    pub name: String,
    /// The number of machines; defaults to 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
    /// `Enabled` or `Disabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hyperthreading: Option<String>,
    /// The CPU architecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    /// Platform-specific machine settings (kept, not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Value>,
}

/// The networking section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Networking {
    /// The pod network ranges.
    #[serde(default)]
    pub cluster_network: Vec<ClusterNetworkEntry>,
    /// The network plugin: `OVNKubernetes` or `OpenShiftSDN`.
    #[serde(default)]
    pub network_type: String,
    /// The service network ranges.
    #[serde(default)]
    pub service_network: Vec<String>,
    /// The machine network ranges.
    #[serde(default)]
    pub machine_network: Vec<MachineNetworkEntry>,
}

/// One pod network range with the per-node prefix.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterNetworkEntry {
    /// The range.
    pub cidr: String,
    /// The prefix length given to each node.
    #[serde(default)]
    pub host_prefix: i64,
}

/// One machine network range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MachineNetworkEntry {
    /// The range.
    pub cidr: String,
}

/// The platform section; exactly one member should be set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Platform {
    /// Amazon Web Services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws: Option<AwsPlatform>,
    /// Bare metal (installer-provisioned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baremetal: Option<BareMetalPlatform>,
    /// No platform integration (user-provisioned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub none: Option<Value>,
    /// Other platforms the simulator accepts but does not model.
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

/// The AWS platform settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AwsPlatform {
    /// The region.
    #[serde(default)]
    pub region: String,
    /// Existing subnets to install into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Extra tags (kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tags: Option<Value>,
    /// The default machine pool (kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_machine_platform: Option<Value>,
}

/// The bare-metal platform settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BareMetalPlatform {
    /// The virtual IPs of the API.
    #[serde(default, rename = "apiVIPs", skip_serializing_if = "Vec::is_empty")]
    pub api_vips: Vec<String>,
    /// The virtual IPs of the ingress.
    #[serde(default, rename = "ingressVIPs", skip_serializing_if = "Vec::is_empty")]
    pub ingress_vips: Vec<String>,
    /// Everything else (hosts, provisioning network), kept.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The platform names the installer lists when none is set.
const PLATFORM_NAMES: &str = "alibabacloud, aws, azure, baremetal, external, gcp, ibmcloud, none, nutanix, openstack, ovirt, powervs, vsphere";

impl Platform {
    /// The name of the set platform, empty when none is set.
    pub fn name(&self) -> String {
        if self.aws.is_some() {
            "aws".into()
        } else if self.baremetal.is_some() {
            "baremetal".into()
        } else if self.none.is_some() {
            "none".into()
        } else {
            self.other.keys().next().cloned().unwrap_or_default()
        }
    }
}

impl InstallConfig {
    /// Parses install-config.yaml strictly, as the installer does; the error is the installer's wording after `failed to create install config: `.
    pub fn parse(text: &str) -> Result<InstallConfig, String> {
        serde_yaml_ng::from_str::<InstallConfig>(text).map_err(|e| {
            let msg = e.to_string();
            let msg = match msg.find(" at line ") {
                Some(i) => msg[..i].to_owned(),
                None => msg,
            };
            let inner = if let Some(rest) = msg.strip_prefix("unknown field `") {
                let field = rest.split('`').next().unwrap_or("");
                format!("json: unknown field \"{field}\"")
            } else {
                msg
            };
            format!(
                "failed to unmarshal install-config.yaml: error unmarshaling JSON: while decoding JSON: {inner}"
            )
        })
    }

    /// Applies the installer's defaults (networking, pools, publish).
    pub fn apply_defaults(&mut self) {
        let networking = self.networking.get_or_insert_with(Networking::default);
        if networking.network_type.is_empty() {
            networking.network_type = "OVNKubernetes".into();
        }
        if networking.machine_network.is_empty() {
            networking.machine_network.push(MachineNetworkEntry {
                cidr: "10.0.0.0/16".into(),
            });
        }
        if networking.service_network.is_empty() {
            networking.service_network.push("172.30.0.0/16".into());
        }
        if networking.cluster_network.is_empty() {
            networking.cluster_network.push(ClusterNetworkEntry {
                cidr: "10.128.0.0/14".into(),
                host_prefix: 23,
            });
        }
        let control = self.control_plane.get_or_insert_with(MachinePool::default);
        if control.name.is_empty() {
            control.name = "master".into();
        }
        default_pool(control);
        let compute = self.compute.get_or_insert_with(|| {
            vec![MachinePool {
                name: "worker".into(),
                ..MachinePool::default()
            }]
        });
        for pool in compute.iter_mut() {
            default_pool(pool);
        }
        if self.publish.is_empty() {
            self.publish = "External".into();
        }
    }

    /// The control plane replica count after defaults.
    pub fn master_replicas(&self) -> i64 {
        self.control_plane
            .as_ref()
            .and_then(|p| p.replicas)
            .unwrap_or(3)
    }

    /// The total compute replica count after defaults.
    pub fn worker_replicas(&self) -> i64 {
        self.compute
            .as_ref()
            .map(|pools| pools.iter().map(|p| p.replicas.unwrap_or(3)).sum())
            .unwrap_or(3)
    }

    /// `<name>.<baseDomain>`.
    pub fn cluster_domain(&self) -> String {
        format!(
            "{}.{}",
            self.metadata.name,
            self.base_domain.trim_end_matches('.')
        )
    }

    /// Serialises the config as YAML.
    pub fn to_yaml(&self) -> String {
        serde_yaml_ng::to_string(self).unwrap_or_default()
    }
}

fn default_pool(pool: &mut MachinePool) {
    if pool.replicas.is_none() {
        pool.replicas = Some(3);
    }
    if pool.hyperthreading.is_none() {
        pool.hyperthreading = Some("Enabled".into());
    }
    if pool.architecture.is_none() {
        pool.architecture = Some("amd64".into());
    }
}

/// One validation finding, printed as apimachinery's `field.Error` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field path, such as `networking.clusterNetwork[0].cidr`.
    pub path: String,
    /// The body after the path, such as `Invalid value: "x": detail`.
    pub body: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.body)
    }
}

fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn invalid(path: &str, value: &str, detail: &str) -> FieldError {
    FieldError {
        path: path.into(),
        body: format!("Invalid value: {}: {detail}", go_quote(value)),
    }
}

fn invalid_num(path: &str, value: i64, detail: &str) -> FieldError {
    FieldError {
        path: path.into(),
        body: format!("Invalid value: {value}: {detail}"),
    }
}

fn required(path: &str, detail: &str) -> FieldError {
    FieldError {
        path: path.into(),
        body: format!("Required value: {detail}"),
    }
}

fn not_supported(path: &str, value: &str, supported: &[&str]) -> FieldError {
    let list: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
    FieldError {
        path: path.into(),
        body: format!(
            "Unsupported value: {}: supported values: {}",
            go_quote(value),
            list.join(", ")
        ),
    }
}

/// Formats a list of findings as the Kubernetes aggregate error does.
pub fn aggregate(errors: &[FieldError]) -> String {
    match errors {
        [one] => one.to_string(),
        many => format!(
            "[{}]",
            many.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/// Checks a DNS-1123 subdomain, returning apimachinery's messages joined as an aggregate.
pub fn dns1123_subdomain(v: &str) -> Option<String> {
    let mut msgs = Vec::new();
    if v.len() > 253 {
        msgs.push("must be no more than 253 characters".to_owned());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if v.is_empty() || !v.split('.').all(label_ok) {
        msgs.push(SUBDOMAIN_MSG.to_owned());
    }
    match msgs.len() {
        0 => None,
        1 => msgs.pop(),
        _ => Some(format!("[{}]", msgs.join(", "))),
    }
}

fn cluster_name_error(name: &str, on_prem: bool) -> Option<String> {
    if on_prem && name.contains('.') {
        return Some("cluster name must not contain '.'".into());
    }
    if name.len() > 54 {
        return Some("must be no more than 54 characters".into());
    }
    dns1123_subdomain(name)
}

/// Checks an SSH public key line as `ssh.ParseAuthorizedKey` does.
pub fn ssh_public_key_error(key: &str) -> Option<String> {
    const TYPES: [&str; 6] = [
        "ssh-rsa",
        "ssh-ed25519",
        "ssh-dss",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
    ];
    for line in key.lines() {
        let mut parts = line.split_whitespace();
        let (Some(kind), Some(blob)) = (parts.next(), parts.next()) else {
            continue;
        };
        if !TYPES.contains(&kind) {
            continue;
        }
        let Some(bytes) = crate::b64::decode(blob) else {
            continue;
        };
        if bytes.len() < 4 {
            continue;
        }
        let len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        if bytes.len() >= 4 + len && &bytes[4..4 + len] == kind.as_bytes() {
            return None;
        }
    }
    Some("ssh: no key found".into())
}

/// Checks a pull secret as the installer does: JSON with a non-empty `auths` whose entries carry `auth` or `credsStore`.
pub fn pull_secret_error(secret: &str) -> Option<String> {
    let value: Value = match serde_json::from_str(secret) {
        Ok(v) => v,
        Err(e) => return Some(go_json_error(secret, &e)),
    };
    let Some(obj) = value.as_object() else {
        return Some(
            "json: cannot unmarshal into Go value of type validate.imagePullSecret".into(),
        );
    };
    let auths = match obj.get("auths") {
        None | Some(Value::Null) => return Some("auths required".into()),
        Some(Value::Object(a)) => a,
        Some(_) => {
            return Some(
                "json: cannot unmarshal into Go struct field imagePullSecret.auths of type map[string]map[string]interface {}".into(),
            );
        }
    };
    if auths.is_empty() {
        return Some("auths required".into());
    }
    let mut errs = Vec::new();
    for (registry, entry) in auths {
        let has = |k: &str| entry.get(k).is_some();
        if !has("auth") && !has("credsStore") {
            errs.push(format!(
                "{} requires either auth or credsStore",
                go_quote(registry)
            ));
        }
    }
    match errs.len() {
        0 => None,
        1 => errs.pop(),
        _ => Some(format!("[{}]", errs.join(", "))),
    }
}

/// Go's encoding/json message for the first syntax error in `text`.
pub(crate) fn go_json_error(text: &str, e: &serde_json::Error) -> String {
    if text.trim().is_empty() || e.is_eof() {
        return "unexpected end of JSON input".into();
    }
    let column = e.column().saturating_sub(1);
    let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
    let c = line.chars().nth(column).unwrap_or(' ');
    if e.line() == 1
        && text.trim_start().starts_with(c)
        && !text.trim_start().starts_with(['{', '[', '"'])
    {
        format!("invalid character '{c}' looking for beginning of value")
    } else {
        format!("invalid character '{c}' after object key:value pair")
    }
}

fn parse_net(s: &str) -> Option<IpNet> {
    s.parse::<IpNet>().ok()
}

fn overlap(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.addr()) || b.contains(&a.addr())
}

fn subnet_error(net: &IpNet, service: bool) -> Option<String> {
    if net.addr().is_unspecified() {
        return Some("address must be specified".into());
    }
    if net.addr() != net.network() {
        let expect = IpNet::new(net.network(), net.prefix_len()).ok()?;
        return Some(format!(
            "invalid network address. got {net}, expecting {expect}"
        ));
    }
    if service && matches!(net, IpNet::V4(_)) && net.prefix_len() < 12 {
        return Some(
            "subnet size for IPv4 service network must be /12 or greater (/16 is recommended)"
                .into(),
        );
    }
    None
}

/// Validates a defaulted install config, returning every finding in the installer's order.
pub fn validate(c: &InstallConfig) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if c.api_version.is_empty() {
        return vec![required("apiVersion", "install-config version required")];
    }
    if c.api_version != "v1" {
        return vec![invalid(
            "apiVersion",
            &c.api_version,
            "install-config version must be \"v1\"",
        )];
    }
    if !c.ssh_key.is_empty()
        && let Some(e) = ssh_public_key_error(&c.ssh_key)
    {
        errs.push(invalid("sshKey", &c.ssh_key, &e));
    }
    let platform = c.platform.name();
    let on_prem = c.platform.baremetal.is_some()
        || ["vsphere", "openstack", "nutanix"]
            .iter()
            .any(|p| c.platform.other.contains_key(*p));
    let name_err = cluster_name_error(&c.metadata.name, on_prem);
    if let Some(e) = &name_err {
        errs.push(invalid("metadata.name", &c.metadata.name, e));
    }
    let base = c.base_domain.trim_end_matches('.');
    let base_err = dns1123_subdomain(base);
    if let Some(e) = &base_err {
        errs.push(invalid("baseDomain", &c.base_domain, e));
    }
    if name_err.is_none() && base_err.is_none() {
        let domain = c.cluster_domain();
        if let Some(e) = dns1123_subdomain(&domain) {
            errs.push(invalid("baseDomain", &domain, &e));
        }
    }
    match &c.networking {
        Some(n) => errs.extend(validate_networking(n)),
        None => errs.push(required("networking", "networking is required")),
    }
    if let Some(bm) = &c.platform.baremetal {
        errs.extend(validate_vips(c, bm));
    }
    errs.extend(validate_platform(c, &platform));
    match &c.control_plane {
        Some(pool) => {
            if pool.name != "master" {
                errs.push(not_supported("controlPlane.name", &pool.name, &["master"]));
            }
            match pool.replicas {
                None => errs.push(required("controlPlane.replicas", "replicas is required")),
                Some(0) => errs.push(invalid_num(
                    "controlPlane.replicas",
                    0,
                    "number of control plane replicas must be positive",
                )),
                Some(n) if n < 0 => errs.push(invalid_num(
                    "controlPlane.replicas",
                    n,
                    "number of replicas must not be negative",
                )),
                _ => {}
            }
        }
        None => errs.push(required("controlPlane", "controlPlane is required")),
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, pool) in c.compute.iter().flatten().enumerate() {
        let path = format!("compute[{i}]");
        if pool.name != "worker" {
            errs.push(not_supported(
                &format!("{path}.name"),
                &pool.name,
                &["worker"],
            ));
        }
        if !seen.insert(pool.name.clone()) {
            errs.push(FieldError {
                path: format!("{path}.name"),
                body: format!("Duplicate value: {}", go_quote(&pool.name)),
            });
        }
        if let Some(n) = pool.replicas
            && n < 0
        {
            errs.push(invalid_num(
                &format!("{path}.replicas"),
                n,
                "number of replicas must not be negative",
            ));
        }
    }
    if let Some(e) = pull_secret_error(&c.pull_secret) {
        errs.push(invalid("pullSecret", &c.pull_secret, &e));
    }
    if !["External", "Internal", "Mixed"].contains(&c.publish.as_str()) {
        errs.push(not_supported(
            "publish",
            &c.publish,
            &["External", "Internal"],
        ));
    }
    if c.publish == "Internal" && !matches!(platform.as_str(), "aws" | "azure" | "gcp") {
        errs.push(invalid(
            "publish",
            &c.publish,
            &format!(
                "Internal publish strategy is not supported on {} platform",
                go_quote(&platform)
            ),
        ));
    }
    errs
}

fn validate_networking(n: &Networking) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let base = "networking";
    if n.network_type.is_empty() {
        errs.push(required(
            "networking.networkType",
            "network provider type required",
        ));
    }
    let machines: Vec<Option<IpNet>> = n
        .machine_network
        .iter()
        .map(|m| parse_net(&m.cidr))
        .collect();
    let services: Vec<Option<IpNet>> = n.service_network.iter().map(|s| parse_net(s)).collect();
    if n.machine_network.is_empty() {
        errs.push(required(
            "networking.machineNetwork",
            "at least one machine network is required",
        ));
    }
    for (i, m) in machines.iter().enumerate() {
        let Some(m) = m else { continue };
        let path = format!("{base}.machineNetwork[{i}]");
        if let Some(e) = subnet_error(m, false) {
            errs.push(invalid(&path, &m.to_string(), &e));
        }
        for (j, other) in machines[..i].iter().enumerate() {
            if let Some(o) = other
                && overlap(m, o)
            {
                errs.push(invalid(
                    &path,
                    &m.to_string(),
                    &format!("machine network must not overlap with machine network {j}"),
                ));
            }
        }
    }
    for (i, s) in services.iter().enumerate() {
        let Some(s) = s else { continue };
        let path = format!("{base}.serviceNetwork[{i}]");
        if let Some(e) = subnet_error(s, true) {
            errs.push(invalid(&path, &s.to_string(), &e));
        }
        for m in machines.iter().flatten() {
            if overlap(s, m) {
                errs.push(invalid(
                    &path,
                    &s.to_string(),
                    "service network must not overlap with any of the machine networks",
                ));
            }
        }
        for (j, other) in services[..i].iter().enumerate() {
            if let Some(o) = other
                && overlap(s, o)
            {
                errs.push(invalid(
                    &path,
                    &s.to_string(),
                    &format!("service network must not overlap with service network {j}"),
                ));
            }
        }
    }
    if n.service_network.is_empty() {
        errs.push(required(
            "networking.serviceNetwork",
            "a service network is required",
        ));
    }
    let clusters: Vec<Option<IpNet>> = n
        .cluster_network
        .iter()
        .map(|c| parse_net(&c.cidr))
        .collect();
    for (i, entry) in n.cluster_network.iter().enumerate() {
        let Some(c) = &clusters[i] else { continue };
        let path = format!("{base}.clusterNetwork[{i}]");
        if let Some(e) = subnet_error(c, false) {
            errs.push(invalid(&format!("{path}.cidr"), &c.to_string(), &e));
        }
        for m in machines.iter().flatten() {
            if overlap(c, m) {
                errs.push(invalid(
                    &format!("{path}.cidr"),
                    &c.to_string(),
                    "cluster network must not overlap with any of the machine networks",
                ));
            }
        }
        for (j, s) in services.iter().enumerate() {
            if let Some(s) = s
                && overlap(c, s)
            {
                errs.push(invalid(
                    &format!("{path}.cidr"),
                    &c.to_string(),
                    &format!("cluster network must not overlap with service network {j}"),
                ));
            }
        }
        for (j, other) in clusters[..i].iter().enumerate() {
            if let Some(o) = other
                && overlap(c, o)
            {
                errs.push(invalid(
                    &format!("{path}.cidr"),
                    &c.to_string(),
                    &format!("cluster network must not overlap with cluster network {j}"),
                ));
            }
        }
        if entry.host_prefix < 0 {
            errs.push(invalid_num(
                &format!("{path}.hostPrefix"),
                entry.host_prefix,
                "hostPrefix must be positive",
            ));
        }
        let uses_prefix = matches!(n.network_type.as_str(), "OpenShiftSDN" | "OVNKubernetes");
        if uses_prefix {
            if entry.host_prefix < i64::from(c.prefix_len()) {
                errs.push(invalid_num(
                    &format!("{path}.hostPrefix"),
                    entry.host_prefix,
                    &format!(
                        "cluster network host subnetwork prefix must not be larger size than CIDR {c}"
                    ),
                ));
            } else if matches!(c, IpNet::V6(_)) && entry.host_prefix != 64 {
                errs.push(invalid_num(
                    &format!("{path}.hostPrefix"),
                    entry.host_prefix,
                    "cluster network host subnetwork prefix must be 64 for IPv6 networks",
                ));
            }
        }
    }
    if n.cluster_network.is_empty() {
        errs.push(required(
            "networking.clusterNetwork",
            "cluster network required",
        ));
    }
    if services
        .iter()
        .flatten()
        .filter(|s| matches!(s, IpNet::V4(_)))
        .count()
        > 1
    {
        errs.push(invalid(
            "networking.serviceNetwork",
            &n.service_network.join(", "),
            "only one service network can be specified",
        ));
    }
    errs
}

fn validate_platform(c: &InstallConfig, platform: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let known = PLATFORM_NAMES.split(", ").any(|p| p == platform);
    if !known {
        errs.push(invalid(
            "platform",
            platform,
            &format!("must specify one of the platforms ({PLATFORM_NAMES})"),
        ));
    }
    let mut set = Vec::new();
    if c.platform.aws.is_some() {
        set.push("aws".to_owned());
    }
    if c.platform.baremetal.is_some() {
        set.push("baremetal".to_owned());
    }
    if c.platform.none.is_some() {
        set.push("none".to_owned());
    }
    set.extend(c.platform.other.keys().cloned());
    for other in set.iter().skip(1) {
        errs.push(invalid(
            "platform",
            platform,
            &format!(
                "must only specify a single type of platform; cannot use both {} and {}",
                go_quote(platform),
                go_quote(other)
            ),
        ));
    }
    if let Some(aws) = &c.platform.aws {
        if aws.region.is_empty() {
            errs.push(required("platform.aws.region", "region must be specified"));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, subnet) in aws.subnets.iter().enumerate() {
            if !seen.insert(subnet) {
                errs.push(FieldError {
                    path: format!("platform.aws.subnets[{i}]"),
                    body: format!("Duplicate value: {}", go_quote(subnet)),
                });
            }
        }
    }
    errs
}

/// Checks the bare-metal API and ingress VIPs in the installer's order: each API VIP (valid IP, not an ingress VIP, in a
/// machine network), the ingress VIPs' presence, each ingress VIP, then the API VIPs' presence.
fn validate_vips(c: &InstallConfig, bm: &BareMetalPlatform) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let machines: Vec<IpNet> = c
        .networking
        .iter()
        .flat_map(|n| n.machine_network.iter())
        .filter_map(|m| parse_net(&m.cidr))
        .collect();
    let list = machines
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let check = |path: &str, vip: &str, errs: &mut Vec<FieldError>, others: &[String]| match vip
        .parse::<IpAddr>(
    ) {
        Err(_) => errs.push(invalid(
            path,
            vip,
            &format!("{} is not a valid IP", go_quote(vip)),
        )),
        Ok(ip) => {
            for other in others {
                if other.parse::<IpAddr>().ok() == Some(ip) {
                    errs.push(invalid(
                        path,
                        vip,
                        "VIP for API must not be one of the Ingress VIPs",
                    ));
                }
            }
            if !machines.iter().any(|m| m.contains(&ip)) {
                errs.push(invalid(
                    path,
                    vip,
                    &format!("IP expected to be in one of the machine networks: {list}"),
                ));
            }
        }
    };
    let api = "platform.baremetal.apiVIPs";
    let ingress = "platform.baremetal.ingressVIPs";
    if bm.api_vips.is_empty() {
        errs.push(required(api, "must specify at least one VIP for the API"));
    } else {
        for vip in &bm.api_vips {
            check(api, vip, &mut errs, &bm.ingress_vips);
        }
        if bm.ingress_vips.is_empty() {
            errs.push(required(
                ingress,
                "must specify VIP for ingress, when VIP for API is set",
            ));
        }
    }
    if bm.ingress_vips.is_empty() {
        errs.push(required(
            ingress,
            "must specify at least one VIP for the Ingress",
        ));
    } else {
        for vip in &bm.ingress_vips {
            check(ingress, vip, &mut errs, &[]);
        }
        if bm.api_vips.is_empty() {
            errs.push(required(
                api,
                "must specify VIP for API, when VIP for ingress is set",
            ));
        }
    }
    errs
}

/// Checks the CIDR strings parse, as the installer's JSON decoding does before validation.
pub fn check_cidrs(c: &InstallConfig) -> Result<(), String> {
    let Some(n) = &c.networking else {
        return Ok(());
    };
    let all = n
        .machine_network
        .iter()
        .map(|m| m.cidr.as_str())
        .chain(n.service_network.iter().map(String::as_str))
        .chain(n.cluster_network.iter().map(|c| c.cidr.as_str()));
    for cidr in all {
        if parse_net(cidr).is_none() {
            return Err(format!(
                "failed to unmarshal install-config.yaml: error unmarshaling JSON: while decoding JSON: invalid CIDR address: {cidr}"
            ));
        }
    }
    Ok(())
}
