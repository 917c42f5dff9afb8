//! Scenario descriptions: the header of a scenario file, with the facts of the simulated cluster and its image catalogue.

use serde::{Deserialize, Serialize};

/// A user the scenario's identity provider knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScenarioUser {
    /// The login name.
    pub name: String,
    /// The password accepted by `oc login`.
    pub password: String,
    /// Groups the user belongs to.
    pub groups: Vec<String>,
    /// Whether the user is bound to `cluster-admin`.
    pub cluster_admin: bool,
}

/// What a front end or the kubelet needs to know about one container image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImageInfo {
    /// The references that name this image (`nginx`, `docker.io/library/nginx:1.25`); a trailing `*` matches any tag.
    pub references: Vec<String>,
    /// The compressed size in megabytes, which sets the pull time.
    #[serde(alias = "sizeMB")]
    pub size_mb: u32,
    /// The digest (`sha256:…`); empty when the scenario leaves it null.
    #[serde(deserialize_with = "de::text")]
    pub digest: String,
    /// Whether the image runs under OpenShift's restricted SCC (an arbitrary non-root UID).
    #[serde(alias = "runsAsArbitraryUID")]
    pub runs_as_arbitrary_uid: bool,
    /// `server` (keeps running), `exit0` (exits successfully at once), `exit1` (fails at once).
    pub behaviour: String,
    /// Container ports the image listens on (numbers, or `{containerPort: N}` maps as scenario files write them).
    #[serde(deserialize_with = "de::ports")]
    pub ports: Vec<u16>,
    /// The lines the image prints at start-up; `{pod}`, `{ip}`, `{time}` are filled in.
    pub startup_log: Vec<String>,
    /// The lines the image prints before crashing under a restricted SCC (a list, or `restrictedSCC: {log: [...]}`).
    #[serde(alias = "restrictedSCC", deserialize_with = "de::restricted_log")]
    pub restricted_log: Vec<String>,
    /// One access-log line per request, with `{client}`, `{time}`, `{path}` placeholders.
    pub access_log: String,
}

/// The header document of a scenario file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScenarioInfo {
    /// The scenario's name (`ocp4`, `eks`, `vanilla`).
    pub name: String,
    /// One-line description in English.
    #[serde(alias = "description_en")]
    pub description_en: String,
    /// One-line description in Korean.
    #[serde(alias = "description_ko")]
    pub description_ko: String,
    /// The Kubernetes version (`v1.27.10+28ed2d7`).
    pub kubernetes_version: String,
    /// The OpenShift version, empty on plain Kubernetes.
    pub openshift_version: String,
    /// The API server URL.
    #[serde(alias = "apiServerURL", alias = "apiServerUrl")]
    pub api_server: String,
    /// The web console URL, empty when there is none.
    #[serde(alias = "consoleUrl", alias = "consoleURL")]
    pub console_url: String,
    /// The ingress domain for routes (`apps.ocp4.example.com`).
    pub apps_domain: String,
    /// The cluster DNS domain (`cluster.local`).
    pub cluster_domain: String,
    /// The service network.
    #[serde(alias = "serviceCidr", alias = "serviceCIDR")]
    pub service_cidr: String,
    /// The pod network.
    #[serde(
        alias = "podCidr",
        alias = "podCIDR",
        deserialize_with = "de::pod_cidr"
    )]
    pub pod_cidr: String,
    /// The virtual clock's start, RFC 3339.
    pub start_time: String,
    /// Users of the identity provider.
    pub users: Vec<ScenarioUser>,
    /// The initial kubeconfig user (`system:admin`).
    pub initial_user: String,
    /// The initial namespace.
    pub initial_namespace: String,
    /// The initial kubeconfig context name.
    pub initial_context: String,
    /// The kubeconfig cluster name.
    pub cluster_name: String,
    /// The default storage class.
    pub default_storage_class: String,
    /// Known images.
    pub images: Vec<ImageInfo>,
    /// The kubeconfig a session starts with (`currentContext`, `clusters`, `contexts`, `users` with their `identity`), as the scenario file writes it; `null` when absent.
    pub kubeconfig: serde_json::Value,
}

impl ScenarioInfo {
    /// Whether this is an OpenShift cluster (enables `oc`-only kinds).
    pub fn is_openshift(&self) -> bool {
        !self.openshift_version.is_empty()
    }

    /// The image catalogue entry for `reference`, if known.
    pub fn image(&self, reference: &str) -> Option<&ImageInfo> {
        let wanted = normalize_image(reference);
        // A digest names one build of a repository the catalogue knows by tag.
        let wanted = match wanted.split_once('@') {
            Some((repo, _)) => format!("{repo}:latest"),
            None => wanted,
        };
        self.images.iter().find(|i| {
            i.references.iter().any(|r| {
                let r = normalize_image(r);
                match r.strip_suffix('*') {
                    Some(prefix) => wanted.starts_with(prefix),
                    None => r == wanted,
                }
            })
        })
    }
}

/// Gives a scenario pod the status its file records when it is Running or finished, so the kubelet does not start it again.
pub(crate) fn seed_pod_status(
    object: &mut crate::api::Object,
    doc: &serde_json::Value,
    start: i64,
) {
    use crate::api::{ContainerState, ContainerStatus, Phase};
    use crate::cluster::controllers::kubelet::step;
    let status = &doc["status"];
    let phase = match status["phase"].as_str() {
        Some("Running") => Phase::Running,
        Some("Succeeded") => Phase::Succeeded,
        _ => return,
    };
    let created = object.meta.created;
    let time = |v: &serde_json::Value| {
        v.as_str()
            .and_then(crate::api::time::parse_rfc3339)
            .filter(|t| *t <= start)
            .unwrap_or(created)
    };
    let ip = |v: &serde_json::Value| {
        v.as_str()
            .and_then(|t| t.parse::<std::net::Ipv4Addr>().ok())
            .map(u32::from)
    };
    let containers: Vec<ContainerStatus> = status["containerStatuses"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let state = if let Some(t) = c["state"].get("terminated") {
                ContainerState::Terminated {
                    exit_code: t["exitCode"].as_i64().unwrap_or(0) as i32,
                    reason: t["reason"].as_str().unwrap_or("Completed").into(),
                    started: time(&t["startedAt"]),
                    finished: time(&t["finishedAt"]),
                }
            } else {
                ContainerState::Running {
                    started: time(&c["state"]["running"]["startedAt"]),
                }
            };
            ContainerStatus {
                state,
                last: None,
                restarts: c["restartCount"].as_u64().unwrap_or(0) as u32,
                ready: c["ready"].as_bool().unwrap_or(false),
                pulled: true,
            }
        })
        .collect();
    let Some(p) = object.pod_mut() else { return };
    if p.node.is_none() || containers.is_empty() {
        return;
    }
    p.phase = phase;
    p.host_ip = ip(&status["hostIP"]);
    p.pod_ip = ip(&status["podIP"]);
    p.start_time = Some(time(&status["startTime"]));
    p.ready_since = p.start_time;
    p.containers = containers;
    p.since = created;
    p.step = if phase == Phase::Running {
        step::RUNNING
    } else {
        step::DONE
    };
}

/// Lenient readers for the shapes scenario files use.
mod de {
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;

    /// `[80]` or `[{containerPort: 80, protocol: TCP}]`.
    pub fn ports<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u16>, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_u64().or_else(|| p["containerPort"].as_u64()))
            .filter_map(|p| u16::try_from(p).ok())
            .collect())
    }

    /// A string, with `null` read as empty.
    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
    }

    /// A list of lines, or a map with a `log` list.
    pub fn restricted_log<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let v = Value::deserialize(d)?;
        let list = if v.is_array() { &v } else { &v["log"] };
        Ok(list
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str().map(str::to_owned))
            .collect())
    }

    /// `10.128.0.0/14`, or `{clusterNetwork: 10.128.0.0/14, hostPrefix: 23}` as `10.128.0.0/14 (hostPrefix 23)`.
    pub fn pod_cidr<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(match &v {
            Value::String(s) => s.clone(),
            Value::Object(m) => {
                let net = m
                    .get("clusterNetwork")
                    .or_else(|| m.get("cidr"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match m.get("hostPrefix").and_then(Value::as_u64) {
                    Some(p) => format!("{net} (hostPrefix {p})"),
                    None => net.to_owned(),
                }
            }
            _ => String::new(),
        })
    }
}

/// Normalises an image reference to `registry/repo:tag` (`nginx` → `docker.io/library/nginx:latest`).
pub fn normalize_image(reference: &str) -> String {
    if reference.ends_with('*') {
        let base = reference.trim_end_matches('*');
        let with_registry = crate::api::object::image_repo(base.trim_end_matches(':'));
        return format!(
            "{with_registry}{}*",
            if base.ends_with(':') { ":" } else { "" }
        );
    }
    if reference.contains('@') {
        return crate::api::object::image_repo(reference)
            + "@"
            + reference.split('@').nth(1).unwrap_or("");
    }
    let repo = crate::api::object::image_repo(reference);
    let last = reference.rsplit('/').next().unwrap_or(reference);
    let tag = last.split_once(':').map(|(_, t)| t).unwrap_or("latest");
    format!("{repo}:{tag}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_lookup_normalises_references() {
        let info = ScenarioInfo {
            images: vec![ImageInfo {
                references: vec!["nginx:*".into(), "nginx".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(info.image("nginx").is_some());
        assert!(info.image("docker.io/library/nginx:1.25").is_some());
        assert!(info.image("nginx:1.25").is_some());
        assert!(info.image("nginxx").is_none());
        assert_eq!(normalize_image("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(normalize_image("quay.io/x/y:2"), "quay.io/x/y:2");
    }
}
