//! Scenario descriptions: the header of a scenario file (see `engine/scenarios/README.md`), with the facts of the
//! simulated cluster and its image catalogue.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A user the scenario's identity provider knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScenarioUser {
    /// The user name (`admin`, `kube:admin`).
    pub name: String,
    /// The name typed at `oc login -u` when it differs from `name` (`kubeadmin`).
    pub login: Option<String>,
    /// The password accepted by `oc login`; empty for certificate users.
    pub password: String,
    /// Groups the user belongs to.
    pub groups: Vec<String>,
    /// Whether the user is bound to `cluster-admin`.
    pub cluster_admin: bool,
}

/// What happens to an image under OpenShift's restricted SCC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestrictedOutcome {
    /// `Running`, `Same` or `CrashLoopBackOff`.
    pub outcome: String,
    /// The exit code when it crashes.
    pub exit_code: i32,
    /// The log it prints before crashing.
    pub log: Vec<String>,
}

/// Environment variables an image needs, and what it does without them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RequiredEnv {
    /// Alternatives; `A+B` means both.
    pub any_of: Vec<String>,
    /// The exit code without them.
    pub exit_code: i32,
    /// The log printed without them.
    pub log: Vec<String>,
}

/// What the kubelet simulation knows about one container image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImageInfo {
    /// The canonical reference.
    pub name: String,
    /// Every accepted spelling; a trailing `*` matches by prefix.
    pub references: Vec<String>,
    /// The digest (`sha256:…`).
    pub digest: Option<String>,
    /// Compressed size in megabytes, which sets the pull time.
    #[serde(rename = "sizeMB", alias = "sizeMb")]
    pub size_mb: u32,
    /// The software version the logs print.
    pub version: String,
    /// Whether the image works under an arbitrary non-root UID.
    #[serde(rename = "runsAsArbitraryUID", alias = "runsAsArbitraryUid")]
    pub runs_as_arbitrary_uid: bool,
    /// What happens under the restricted SCC.
    #[serde(rename = "restrictedSCC")]
    pub restricted_scc: Option<RestrictedOutcome>,
    /// The entrypoint and command.
    pub command: Vec<String>,
    /// `server` (runs until stopped) or `exits`.
    pub behaviour: String,
    /// The exit code of an image that exits by itself.
    pub exit_code: i32,
    /// Exposed ports.
    pub ports: Vec<Value>,
    /// Lines printed at start-up.
    pub startup_log: Vec<String>,
    /// Environment the image needs.
    pub required_env: Option<RequiredEnv>,
    /// The line printed per HTTP request.
    pub access_log: Option<String>,
    /// What `GET /` returns.
    pub http_response: Option<Value>,
    /// Already present on every node.
    pub pre_pulled: bool,
}

/// The header document of a scenario file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScenarioInfo {
    /// The scenario's name (`ocp4`, `eks`, `vanilla`).
    pub name: String,
    /// One-line description in English.
    #[serde(rename = "description_en")]
    pub description_en: String,
    /// One-line description in Korean.
    #[serde(rename = "description_ko")]
    pub description_ko: String,
    /// The API server's version (`v1.27.6+f67aeb3`).
    pub kubernetes_version: String,
    /// The kubelets' version.
    pub kubelet_version: String,
    /// The OpenShift version, empty on plain Kubernetes.
    pub openshift_version: String,
    /// The API server URL.
    pub api_server: String,
    /// The web console URL, empty when there is none.
    #[serde(rename = "consoleURL", alias = "consoleUrl")]
    pub console_url: String,
    /// The cluster's base domain (`ocp4.example.com`) or `cluster.local`.
    pub cluster_domain: String,
    /// The service network.
    #[serde(rename = "serviceCIDR", alias = "serviceCidr")]
    pub service_cidr: String,
    /// The pod network: a CIDR string, or `{clusterNetwork, hostPrefix}`.
    #[serde(rename = "podCIDR", alias = "podCidr")]
    pub pod_cidr: Value,
    /// The virtual clock's start, RFC 3339.
    pub start_time: String,
    /// Users of the identity provider.
    pub users: Vec<ScenarioUser>,
    /// The initial kubeconfig (`currentContext`, `clusters`, `contexts`, `users` with `identity`).
    pub kubeconfig: Value,
    /// The default storage class.
    pub default_storage_class: String,
    /// Known images.
    pub images: Vec<ImageInfo>,
    /// The ingress domain for routes (`apps.ocp4.example.com`); derived from `clusterDomain` on OpenShift when not given.
    pub apps_domain: String,
    /// The kubeconfig cluster name; derived from the kubeconfig when not given.
    pub cluster_name: String,
    /// The identity of the initial kubeconfig user (`system:admin`); derived from the kubeconfig when not given.
    pub initial_user: String,
    /// The initial kubeconfig context; derived from the kubeconfig when not given.
    pub initial_context: String,
    /// The initial namespace; derived from the kubeconfig when not given.
    pub initial_namespace: String,
    /// Every other fact of the header (releaseImage, channel, region, …).
    #[serde(flatten)]
    pub facts: BTreeMap<String, Value>,
    /// What [`ScenarioInfo::image`] found for each reference asked about; change `images` through
    /// [`ScenarioInfo::images_mut`], which forgets it.
    #[serde(skip)]
    pub image_lookups: ImageLookups,
}

/// A memo of image catalogue lookups by reference: every pod of a workload asks about the same image several times
/// on its way to Running, and a lookup normalises the reference and scans the whole catalogue.
pub type ImageLookups = crate::transient::Transient<
    std::sync::Mutex<std::collections::HashMap<Box<str>, Option<usize>>>,
>;

/// The built-in scenarios, default first.
pub const BUILT_IN: [&str; 3] = ["ocp4", "eks", "vanilla"];

/// The source text of a built-in scenario, when its data file is loaded (see [`crate::assets`]).
pub fn built_in(name: &str) -> Option<&'static str> {
    crate::assets::source_file(name).and_then(crate::assets::get)
}

/// The boot snapshot of a built-in scenario (see [`super::snapshot`]), generated from its YAML by
/// `UPDATE_SNAPSHOTS=1 cargo test -p engine snapshots_are_fresh`; `None` when its data file is not loaded.
pub fn built_in_snapshot(name: &str) -> Option<&'static str> {
    crate::assets::snapshot_file(name).and_then(crate::assets::get)
}

impl ImageInfo {
    /// The container ports the image listens on.
    pub fn port_numbers(&self) -> Vec<u16> {
        self.ports
            .iter()
            .filter_map(|p| p.as_u64().or_else(|| p["containerPort"].as_u64()))
            .filter_map(|p| u16::try_from(p).ok())
            .collect()
    }
}

impl ScenarioInfo {
    /// Whether this is an OpenShift cluster (enables `oc`-only kinds).
    pub fn is_openshift(&self) -> bool {
        !self.openshift_version.is_empty()
    }

    /// The ingress domain for routes (`apps.ocp4.example.com`).
    pub fn apps_domain(&self) -> String {
        if self.is_openshift() {
            format!("apps.{}", self.cluster_domain)
        } else {
            String::new()
        }
    }

    /// The domain the API server gives routes without a host: `apps_domain` when the scenario set it, else
    /// [`Self::apps_domain`].
    pub fn route_domain(&self) -> String {
        if self.apps_domain.is_empty() {
            self.apps_domain()
        } else {
            self.apps_domain.clone()
        }
    }

    /// The pod network CIDR and the prefix length of each node's slice.
    #[doc(alias = "podCIDR")]
    pub fn pod_network(&self) -> (String, Option<u32>) {
        match &self.pod_cidr {
            Value::String(s) => {
                let cidr = s.split_whitespace().next().unwrap_or_default().to_owned();
                let prefix = s
                    .split("hostPrefix")
                    .nth(1)
                    .and_then(|r| r.trim().parse().ok());
                (cidr, prefix)
            }
            Value::Object(m) => (
                m.get("clusterNetwork")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                m.get("hostPrefix")
                    .and_then(Value::as_u64)
                    .map(|p| p as u32),
            ),
            _ => (String::new(), None),
        }
    }

    /// A header fact as text (`releaseImage`, `channel`, `region`), empty when missing.
    pub fn fact(&self, key: &str) -> String {
        match self.facts.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The image catalogue, to change (a pushed build or an imported image joins it); forgets the lookups made so
    /// far, which the change may answer differently.
    pub fn images_mut(&mut self) -> &mut Vec<ImageInfo> {
        self.image_lookups
            .0
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        &mut self.images
    }

    /// The image catalogue entry for `reference`, if known.
    pub fn image(&self, reference: &str) -> Option<&ImageInfo> {
        let mut memo = self
            .image_lookups
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(found) = memo.get(reference) {
            return found.and_then(|i| self.images.get(i));
        }
        let found = self.find_image(reference);
        memo.insert(reference.into(), found);
        found.and_then(|i| self.images.get(i))
    }

    /// The index in `images` of the entry for `reference`, without the memo.
    fn find_image(&self, reference: &str) -> Option<usize> {
        let wanted = normalized_image(reference);
        // A digest names one build of a repository the catalogue knows by tag.
        let wanted = match wanted.split_once('@') {
            Some((repo, _)) => Cow::Owned(format!("{repo}:latest")),
            None => wanted,
        };
        self.images.iter().position(|i| {
            i.references
                .iter()
                .chain(std::iter::once(&i.name))
                .any(|r| {
                    if r.is_empty() {
                        return false;
                    }
                    match r.strip_suffix('*') {
                        Some(prefix) => {
                            reference.starts_with(prefix)
                                || wanted.starts_with(&normalize_prefix(prefix))
                        }
                        None => normalized_image(r) == wanted,
                    }
                })
        })
    }

    /// The identity of the initial kubeconfig's user (`system:admin`), if the header names one.
    pub fn initial_identity(&self) -> Option<String> {
        let users = self.kubeconfig.get("users")?.as_array()?;
        users
            .iter()
            .find_map(|u| u.get("identity").and_then(Value::as_str).map(str::to_owned))
    }
}

fn normalize_prefix(prefix: &str) -> String {
    let with_registry = crate::api::object::image_repo(prefix.trim_end_matches([':', '/']));
    let tail = if prefix.ends_with(':') {
        ":"
    } else if prefix.ends_with('/') {
        "/"
    } else {
        ""
    };
    format!("{with_registry}{tail}")
}

/// Normalises an image reference to `registry/repo:tag` (`nginx` → `docker.io/library/nginx:latest`).
pub fn normalize_image(reference: &str) -> String {
    normalized_image(reference).into_owned()
}

/// [`normalize_image`] without copying a reference that is normalised already (the common case on hot paths).
pub fn normalized_image(reference: &str) -> Cow<'_, str> {
    if reference.contains('@') {
        return Cow::Owned(
            crate::api::object::image_repo(reference)
                + "@"
                + reference.split('@').nth(1).unwrap_or(""),
        );
    }
    let repo = crate::api::object::image_repo_str(reference);
    let last = reference.rsplit('/').next().unwrap_or(reference);
    let tag = last.split_once(':').map(|(_, t)| t);
    match (repo, tag) {
        // A registry-qualified repository with its tag spells the reference itself.
        (Cow::Borrowed(_), Some(_)) => Cow::Borrowed(reference),
        (repo, tag) => Cow::Owned(format!("{repo}:{}", tag.unwrap_or("latest"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_catalogue_answers_lookups_made_before_the_change() {
        let mut info = ScenarioInfo::default();
        assert!(info.image("image-registry/demo/app:latest").is_none());
        info.images_mut().push(ImageInfo {
            name: "image-registry/demo/app:latest".into(),
            ..Default::default()
        });
        assert!(info.image("image-registry/demo/app:latest").is_some());
        info.images_mut().clear();
        assert!(info.image("image-registry/demo/app:latest").is_none());
    }

    #[test]
    fn image_lookup_normalises_references() {
        let info = ScenarioInfo {
            images: vec![
                ImageInfo {
                    references: vec!["nginx".into(), "nginx:1.25".into()],
                    ..Default::default()
                },
                ImageInfo {
                    references: vec!["quay.io/openshift-release-dev/*".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        assert!(info.image("nginx").is_some());
        assert!(info.image("docker.io/library/nginx:latest").is_some());
        assert!(info.image("nginx:1.25").is_some());
        assert!(info.image("nginxx").is_none());
        assert!(
            info.image("quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:abc")
                .is_some()
        );
        assert_eq!(normalize_image("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(normalize_image("quay.io/x/y:2"), "quay.io/x/y:2");
    }
}
