//! The table of resource kinds the simulated API server serves, as `api-resources` lists them.

/// A resource kind, an index into [`RESOURCES`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Kind(pub u16);

/// What the API server knows about one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceInfo {
    /// The plural resource name, as in URLs (`pods`).
    pub plural: &'static str,
    /// The singular resource name (`pod`).
    pub singular: &'static str,
    /// Short names kubectl accepts (`po`).
    pub short: &'static [&'static str],
    /// The API group, empty for the core group.
    pub group: &'static str,
    /// The preferred version (`v1`).
    pub version: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
    /// The kind (`Pod`).
    pub kind: &'static str,
    /// The verbs the resource supports, as `api-resources -o wide` prints them.
    pub verbs: &'static str,
    /// Whether the resource exists only on OpenShift clusters.
    pub openshift: bool,
    /// Whether `kubectl get all` includes it.
    pub in_all: bool,
}

const RW: &str = "create,delete,deletecollection,get,list,patch,update,watch";
const RWNC: &str = "create,delete,get,list,patch,update,watch";

macro_rules! res {
    ($plural:expr, $singular:expr, [$($short:expr),*], $group:expr, $version:expr, $ns:expr, $kind:expr, $verbs:expr, $os:expr, $all:expr) => {
        ResourceInfo { plural: $plural, singular: $singular, short: &[$($short),*], group: $group, version: $version, namespaced: $ns, kind: $kind, verbs: $verbs, openshift: $os, in_all: $all }
    };
}

/// Every resource the simulated API server serves, in `api-resources` order (core group first, then groups by name).
#[rustfmt::skip]
pub static RESOURCES: &[ResourceInfo] = &[
    res!("bindings", "binding", [], "", "v1", true, "Binding", "create", false, false),
    res!("componentstatuses", "componentstatus", ["cs"], "", "v1", false, "ComponentStatus", "get, list", false, false),
    res!("configmaps", "configmap", ["cm"], "", "v1", true, "ConfigMap", RW, false, false),
    res!("endpoints", "endpoints", ["ep"], "", "v1", true, "Endpoints", RW, false, false),
    res!("events", "event", ["ev"], "", "v1", true, "Event", RW, false, false),
    res!("limitranges", "limitrange", ["limits"], "", "v1", true, "LimitRange", RW, false, false),
    res!("namespaces", "namespace", ["ns"], "", "v1", false, "Namespace", "create, delete, get, list, patch, update, watch", false, false),
    res!("nodes", "node", ["no"], "", "v1", false, "Node", RW, false, false),
    res!("persistentvolumeclaims", "persistentvolumeclaim", ["pvc"], "", "v1", true, "PersistentVolumeClaim", RW, false, false),
    res!("persistentvolumes", "persistentvolume", ["pv"], "", "v1", false, "PersistentVolume", RW, false, false),
    res!("pods", "pod", ["po"], "", "v1", true, "Pod", RW, false, true),
    res!("replicationcontrollers", "replicationcontroller", ["rc"], "", "v1", true, "ReplicationController", RW, false, true),
    res!("resourcequotas", "resourcequota", ["quota"], "", "v1", true, "ResourceQuota", RW, false, false),
    res!("secrets", "secret", [], "", "v1", true, "Secret", RW, false, false),
    res!("serviceaccounts", "serviceaccount", ["sa"], "", "v1", true, "ServiceAccount", RW, false, false),
    res!("services", "service", ["svc"], "", "v1", true, "Service", RWNC, false, true),
    res!("customresourcedefinitions", "customresourcedefinition", ["crd", "crds"], "apiextensions.k8s.io", "v1", false, "CustomResourceDefinition", RW, false, false),
    res!("controllerrevisions", "controllerrevision", [], "apps", "v1", true, "ControllerRevision", RW, false, false),
    res!("daemonsets", "daemonset", ["ds"], "apps", "v1", true, "DaemonSet", RW, false, true),
    res!("deployments", "deployment", ["deploy"], "apps", "v1", true, "Deployment", RW, false, true),
    res!("replicasets", "replicaset", ["rs"], "apps", "v1", true, "ReplicaSet", RW, false, true),
    res!("statefulsets", "statefulset", ["sts"], "apps", "v1", true, "StatefulSet", RW, false, true),
    res!("deploymentconfigs", "deploymentconfig", ["dc"], "apps.openshift.io", "v1", true, "DeploymentConfig", RW, true, true),
    res!("horizontalpodautoscalers", "horizontalpodautoscaler", ["hpa"], "autoscaling", "v2", true, "HorizontalPodAutoscaler", RW, false, true),
    res!("cronjobs", "cronjob", ["cj"], "batch", "v1", true, "CronJob", RW, false, true),
    res!("jobs", "job", [], "batch", "v1", true, "Job", RW, false, true),
    res!("buildconfigs", "buildconfig", ["bc"], "build.openshift.io", "v1", true, "BuildConfig", RW, true, true),
    res!("builds", "build", [], "build.openshift.io", "v1", true, "Build", RW, true, true),
    res!("certificatesigningrequests", "certificatesigningrequest", ["csr"], "certificates.k8s.io", "v1", false, "CertificateSigningRequest", RW, false, false),
    res!("apiservers", "apiserver", [], "config.openshift.io", "v1", false, "APIServer", RW, true, false),
    res!("clusteroperators", "clusteroperator", ["co"], "config.openshift.io", "v1", false, "ClusterOperator", RW, true, false),
    res!("clusterversions", "clusterversion", [], "config.openshift.io", "v1", false, "ClusterVersion", RW, true, false),
    res!("consoles", "console", [], "config.openshift.io", "v1", false, "Console", RW, true, false),
    res!("dnses", "dns", [], "config.openshift.io", "v1", false, "DNS", RW, true, false),
    res!("infrastructures", "infrastructure", [], "config.openshift.io", "v1", false, "Infrastructure", RW, true, false),
    res!("ingresses", "ingress", [], "config.openshift.io", "v1", false, "Ingress", RW, true, false),
    res!("networks", "network", [], "config.openshift.io", "v1", false, "Network", RW, true, false),
    res!("oauths", "oauth", [], "config.openshift.io", "v1", false, "OAuth", RW, true, false),
    res!("proxies", "proxy", [], "config.openshift.io", "v1", false, "Proxy", RW, true, false),
    res!("endpointslices", "endpointslice", [], "discovery.k8s.io", "v1", true, "EndpointSlice", RW, false, false),
    res!("imagestreams", "imagestream", ["is"], "image.openshift.io", "v1", true, "ImageStream", RW, true, true),
    res!("imagestreamtags", "imagestreamtag", ["istag"], "image.openshift.io", "v1", true, "ImageStreamTag", "create, delete, get, list, patch, update", true, false),
    res!("machineconfigpools", "machineconfigpool", ["mcp"], "machineconfiguration.openshift.io", "v1", false, "MachineConfigPool", RW, true, false),
    res!("machineconfigs", "machineconfig", ["mc"], "machineconfiguration.openshift.io", "v1", false, "MachineConfig", RW, true, false),
    res!("machines", "machine", ["machine"], "machine.openshift.io", "v1beta1", true, "Machine", RW, true, false),
    res!("machinesets", "machineset", ["ms"], "machine.openshift.io", "v1beta1", true, "MachineSet", RW, true, false),
    res!("ipaddresspools", "ipaddresspool", [], "metallb.io", "v1beta1", true, "IPAddressPool", RW, true, false),
    res!("l2advertisements", "l2advertisement", [], "metallb.io", "v1beta1", true, "L2Advertisement", RW, true, false),
    res!("metallbs", "metallb", [], "metallb.io", "v1beta1", true, "MetalLB", RW, true, false),
    res!("ingressclasses", "ingressclass", [], "networking.k8s.io", "v1", false, "IngressClass", RW, false, false),
    res!("ingresses", "ingress", ["ing"], "networking.k8s.io", "v1", true, "Ingress", RW, false, false),
    res!("networkpolicies", "networkpolicy", ["netpol"], "networking.k8s.io", "v1", true, "NetworkPolicy", RW, false, false),
    res!("ingresscontrollers", "ingresscontroller", [], "operator.openshift.io", "v1", true, "IngressController", RW, true, false),
    res!("networks", "network", [], "operator.openshift.io", "v1", false, "Network", RW, true, false),
    res!("poddisruptionbudgets", "poddisruptionbudget", ["pdb"], "policy", "v1", true, "PodDisruptionBudget", RW, false, false),
    res!("projectrequests", "projectrequest", [], "project.openshift.io", "v1", false, "ProjectRequest", "create, list", true, false),
    res!("projects", "project", [], "project.openshift.io", "v1", false, "Project", "create, delete, get, list, patch, update, watch", true, false),
    res!("clusterrolebindings", "clusterrolebinding", [], "rbac.authorization.k8s.io", "v1", false, "ClusterRoleBinding", RW, false, false),
    res!("clusterroles", "clusterrole", [], "rbac.authorization.k8s.io", "v1", false, "ClusterRole", RW, false, false),
    res!("rolebindings", "rolebinding", [], "rbac.authorization.k8s.io", "v1", true, "RoleBinding", RW, false, false),
    res!("roles", "role", [], "rbac.authorization.k8s.io", "v1", true, "Role", RW, false, false),
    res!("routes", "route", [], "route.openshift.io", "v1", true, "Route", RW, true, true),
    res!("priorityclasses", "priorityclass", ["pc"], "scheduling.k8s.io", "v1", false, "PriorityClass", RW, false, false),
    res!("securitycontextconstraints", "securitycontextconstraints", ["scc"], "security.openshift.io", "v1", false, "SecurityContextConstraints", RW, true, false),
    res!("storageclasses", "storageclass", ["sc"], "storage.k8s.io", "v1", false, "StorageClass", RW, false, false),
    res!("templates", "template", [], "template.openshift.io", "v1", true, "Template", RW, true, false),
    res!("groups", "group", [], "user.openshift.io", "v1", false, "Group", RW, true, false),
    res!("identities", "identity", [], "user.openshift.io", "v1", false, "Identity", RW, true, false),
    res!("users", "user", [], "user.openshift.io", "v1", false, "User", RW, true, false),
    // The rest of a kubeadm cluster's discovery: kinds nothing in the simulation creates, served so that
    // `api-resources` and `api-versions` list them and `get` answers. They come last so that the indices of the
    // kinds above, which snapshots record, stay put; `api-resources` sorts by group as kubectl does.
    res!("podtemplates", "podtemplate", [], "", "v1", true, "PodTemplate", RW, false, false),
    res!("mutatingwebhookconfigurations", "mutatingwebhookconfiguration", [], "admissionregistration.k8s.io", "v1", false, "MutatingWebhookConfiguration", RW, false, false),
    res!("validatingadmissionpolicies", "validatingadmissionpolicy", [], "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicy", RW, false, false),
    res!("validatingadmissionpolicybindings", "validatingadmissionpolicybinding", [], "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicyBinding", RW, false, false),
    res!("validatingwebhookconfigurations", "validatingwebhookconfiguration", [], "admissionregistration.k8s.io", "v1", false, "ValidatingWebhookConfiguration", RW, false, false),
    res!("apiservices", "apiservice", [], "apiregistration.k8s.io", "v1", false, "APIService", RW, false, false),
    res!("selfsubjectreviews", "selfsubjectreview", [], "authentication.k8s.io", "v1", false, "SelfSubjectReview", "create", false, false),
    res!("tokenreviews", "tokenreview", [], "authentication.k8s.io", "v1", false, "TokenReview", "create", false, false),
    res!("localsubjectaccessreviews", "localsubjectaccessreview", [], "authorization.k8s.io", "v1", true, "LocalSubjectAccessReview", "create", false, false),
    res!("selfsubjectaccessreviews", "selfsubjectaccessreview", [], "authorization.k8s.io", "v1", false, "SelfSubjectAccessReview", "create", false, false),
    res!("selfsubjectrulesreviews", "selfsubjectrulesreview", [], "authorization.k8s.io", "v1", false, "SelfSubjectRulesReview", "create", false, false),
    res!("subjectaccessreviews", "subjectaccessreview", [], "authorization.k8s.io", "v1", false, "SubjectAccessReview", "create", false, false),
    res!("leases", "lease", [], "coordination.k8s.io", "v1", true, "Lease", RW, false, false),
    res!("events", "event", ["ev"], "events.k8s.io", "v1", true, "Event", RW, false, false),
    res!("flowschemas", "flowschema", [], "flowcontrol.apiserver.k8s.io", "v1", false, "FlowSchema", RW, false, false),
    res!("prioritylevelconfigurations", "prioritylevelconfiguration", [], "flowcontrol.apiserver.k8s.io", "v1", false, "PriorityLevelConfiguration", RW, false, false),
    res!("runtimeclasses", "runtimeclass", [], "node.k8s.io", "v1", false, "RuntimeClass", RW, false, false),
    res!("csidrivers", "csidriver", [], "storage.k8s.io", "v1", false, "CSIDriver", RW, false, false),
    res!("csinodes", "csinode", [], "storage.k8s.io", "v1", false, "CSINode", RW, false, false),
    res!("csistoragecapacities", "csistoragecapacity", [], "storage.k8s.io", "v1", true, "CSIStorageCapacity", RW, false, false),
    res!("volumeattachments", "volumeattachment", [], "storage.k8s.io", "v1", false, "VolumeAttachment", RW, false, false),
];

/// Whether a kind is one of those only discovery lists (the table's tail, from `podtemplates` on): nothing
/// creates them and `explain` has no schema for them.
pub fn discovery_only(kind: Kind) -> bool {
    static FIRST: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    kind.0 as usize
        >= *FIRST.get_or_init(|| {
            RESOURCES
                .iter()
                .position(|r| r.plural == "podtemplates")
                .unwrap_or(RESOURCES.len())
        })
}

/// The version at which a cluster of Kubernetes minor version `minor` serves a kind in discovery, `None` when it
/// does not serve it; the table's version for most kinds. The flow control kinds reached `v1` in 1.29 (1.26 to
/// 1.28 prefer `v1beta3`), SelfSubjectReview `authentication.k8s.io/v1` in 1.28 (`v1beta1` in 1.27) and
/// ValidatingAdmissionPolicy `admissionregistration.k8s.io/v1` in 1.30 (its betas are off by default).
pub fn discovery_version(kind: Kind, minor: u32) -> Option<&'static str> {
    let info = kind.info();
    match info.plural {
        "validatingadmissionpolicies" | "validatingadmissionpolicybindings" => {
            (minor >= 30).then_some(info.version)
        }
        "flowschemas" | "prioritylevelconfigurations" => match minor {
            29.. => Some(info.version),
            26..=28 => Some("v1beta3"),
            _ => Some("v1beta2"),
        },
        "selfsubjectreviews" => match minor {
            28.. => Some(info.version),
            27 => Some("v1beta1"),
            _ => None,
        },
        _ => Some(info.version),
    }
}

/// The group versions a cluster of Kubernetes minor version `minor` serves besides its kinds' preferred ones:
/// `autoscaling/v1` beside `v2`, and the flow control betas until their removal (`v1beta2` in 1.29, `v1beta3` in
/// 1.32).
pub fn older_group_versions(minor: u32) -> Vec<&'static str> {
    let mut out = vec!["autoscaling/v1"];
    if minor <= 28 {
        out.push("flowcontrol.apiserver.k8s.io/v1beta2");
    }
    if (26..=31).contains(&minor) {
        out.push("flowcontrol.apiserver.k8s.io/v1beta3");
    }
    out
}

impl Kind {
    /// The resource description of this kind.
    pub fn info(self) -> &'static ResourceInfo {
        &RESOURCES[self.0 as usize]
    }

    /// The `apiVersion` of objects of this kind (`v1`, `apps/v1`).
    pub fn api_version(self) -> String {
        let info = self.info();
        if info.group.is_empty() {
            info.version.to_owned()
        } else {
            format!("{}/{}", info.group, info.version)
        }
    }

    /// The kind with the given `Kind` name and, when given, API group.
    pub fn from_kind(kind: &str, group: Option<&str>) -> Option<Kind> {
        RESOURCES
            .iter()
            .position(|r| r.kind == kind && group.is_none_or(|g| g == r.group))
            .map(|i| Kind(i as u16))
    }

    /// The kind of an object's `apiVersion` and `kind` fields.
    pub fn from_api_version(api_version: &str, kind: &str) -> Option<Kind> {
        let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
        Kind::from_kind(kind, Some(group))
    }

    /// Resolves what a user typed (`po`, `pods`, `Pod`, `deployments.apps`, `deploy.v1.apps`) to a kind.
    pub fn resolve(name: &str, openshift: bool) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        let (resource, group) = match lower.split_once('.') {
            Some((r, rest)) => {
                // Accept both `deployments.apps` and `deployments.v1.apps`.
                let group = match rest.split_once('.') {
                    Some((v, g))
                        if v.starts_with('v')
                            && v[1..].chars().next().is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        g
                    }
                    _ => rest,
                };
                (r.to_owned(), Some(group.to_owned()))
            }
            None => (lower.clone(), None),
        };
        // The RESTMapper prefers an exact group and falls back to a group the given one prefixes, so that
        // `storageclass.storage` and `network.config` find `storage.k8s.io` and `config.openshift.io`.
        let matches = |r: &ResourceInfo, prefix: bool| {
            (openshift || !r.openshift)
                && group.as_deref().is_none_or(|g| {
                    g == r.group
                        || (g == "core" && r.group.is_empty())
                        || (prefix && r.group.starts_with(&format!("{g}.")))
                })
                && (r.plural == resource
                    || r.singular == resource
                    || r.kind.eq_ignore_ascii_case(&resource)
                    || r.short.contains(&resource.as_str()))
        };
        // Built-in groups win over OpenShift's for the same name (`ingress` is networking.k8s.io's), as discovery orders them.
        let find = |prefix: bool| {
            RESOURCES
                .iter()
                .position(|r| !r.openshift && matches(r, prefix))
                .or_else(|| RESOURCES.iter().position(|r| matches(r, prefix)))
        };
        find(false).or_else(|| find(true)).map(|i| Kind(i as u16))
    }

    /// The `resource.group` form kubectl prints in `-o name` and messages (`deployment.apps`, `pod`).
    pub fn qualified_singular(self) -> String {
        let info = self.info();
        if info.group.is_empty() {
            info.singular.to_owned()
        } else {
            format!("{}.{}", info.singular, info.group)
        }
    }

    /// The `resources.group` form used in RBAC and Forbidden messages (`deployments.apps`, `pods`).
    pub fn qualified_plural(self) -> String {
        let info = self.info();
        if info.group.is_empty() {
            info.plural.to_owned()
        } else {
            format!("{}.{}", info.plural, info.group)
        }
    }

    /// Every kind, in table order.
    pub fn all() -> impl Iterator<Item = Kind> {
        (0..RESOURCES.len()).map(|i| Kind(i as u16))
    }
}

/// Well-known kinds, resolved once, for the controllers' use.
pub mod k {
    use super::Kind;

    macro_rules! kinds {
        ($($name:ident = $kind:expr, $group:expr;)*) => {
            $(
                #[doc = concat!("The `", $kind, "` kind.")]
                pub fn $name() -> Kind {
                    Kind::from_kind($kind, Some($group)).expect("kind in table")
                }
            )*
        };
    }

    kinds! {
        pod = "Pod", "";
        node = "Node", "";
        namespace = "Namespace", "";
        service = "Service", "";
        endpoints = "Endpoints", "";
        event = "Event", "";
        configmap = "ConfigMap", "";
        secret = "Secret", "";
        service_account = "ServiceAccount", "";
        pvc = "PersistentVolumeClaim", "";
        pv = "PersistentVolume", "";
        deployment = "Deployment", "apps";
        replicaset = "ReplicaSet", "apps";
        daemonset = "DaemonSet", "apps";
        statefulset = "StatefulSet", "apps";
        controller_revision = "ControllerRevision", "apps";
        job = "Job", "batch";
        cronjob = "CronJob", "batch";
        hpa = "HorizontalPodAutoscaler", "autoscaling";
        endpoint_slice = "EndpointSlice", "discovery.k8s.io";
        role = "Role", "rbac.authorization.k8s.io";
        cluster_role = "ClusterRole", "rbac.authorization.k8s.io";
        role_binding = "RoleBinding", "rbac.authorization.k8s.io";
        cluster_role_binding = "ClusterRoleBinding", "rbac.authorization.k8s.io";
        scc = "SecurityContextConstraints", "security.openshift.io";
        storage_class = "StorageClass", "storage.k8s.io";
        route = "Route", "route.openshift.io";
        project = "Project", "project.openshift.io";
        project_request = "ProjectRequest", "project.openshift.io";
        deployment_config = "DeploymentConfig", "apps.openshift.io";
        build_config = "BuildConfig", "build.openshift.io";
        build = "Build", "build.openshift.io";
        image_stream = "ImageStream", "image.openshift.io";
        template = "Template", "template.openshift.io";
        csr = "CertificateSigningRequest", "certificates.k8s.io";
        cluster_operator = "ClusterOperator", "config.openshift.io";
        cluster_version = "ClusterVersion", "config.openshift.io";
        user = "User", "user.openshift.io";
        group = "Group", "user.openshift.io";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_every_spelling() {
        let pod = k::pod();
        for name in [
            "po",
            "pod",
            "pods",
            "Pod",
            "PODS",
            "pods.core",
            "pod.v1.core",
        ] {
            assert_eq!(Kind::resolve(name, false), Some(pod), "{name}");
        }
        let deploy = k::deployment();
        for name in [
            "deploy",
            "deployment",
            "deployments",
            "deployments.apps",
            "deployment.v1.apps",
        ] {
            assert_eq!(Kind::resolve(name, false), Some(deploy), "{name}");
        }
        assert_eq!(Kind::resolve("route", false), None);
        assert_eq!(Kind::resolve("route", true), Some(k::route()));
        assert_eq!(Kind::resolve("co", true), Some(k::cluster_operator()));
        assert_eq!(Kind::resolve("foo", true), None);
    }

    #[test]
    fn names_and_versions() {
        assert_eq!(k::deployment().api_version(), "apps/v1");
        assert_eq!(k::pod().api_version(), "v1");
        assert_eq!(k::deployment().qualified_singular(), "deployment.apps");
        assert_eq!(k::route().qualified_plural(), "routes.route.openshift.io");
        assert_eq!(
            Kind::from_api_version("apps/v1", "Deployment"),
            Some(k::deployment())
        );
        assert_eq!(Kind::from_api_version("v1", "Deployment"), None);
    }
}
