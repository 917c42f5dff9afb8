//! RBAC: evaluating Roles, ClusterRoles and their bindings for every request, and the default roles a cluster starts with.

use crate::sort::SortShared;
use serde_json::{Value, json};

use super::{Cluster, UserInfo};
use crate::api::{Kind, Object, k};

/// Whether `user` may `verb` the `kind` resource named `name` in `namespace` (empty for cluster scope).
pub fn allowed(
    cluster: &Cluster,
    user: &UserInfo,
    verb: &str,
    kind: Kind,
    namespace: &str,
    name: &str,
) -> bool {
    if user.groups.iter().any(|g| g == "system:masters") {
        return true;
    }
    let namespace = if kind.info().namespaced {
        namespace
    } else {
        ""
    };
    let grants = |role_ref: &Value, binding_ns: &str| -> bool {
        let role_name = role_ref["name"].as_str().unwrap_or_default();
        let role = match role_ref["kind"].as_str() {
            Some("Role") => cluster.store.get(k::role(), binding_ns, role_name),
            _ => cluster.store.get(k::cluster_role(), "", role_name),
        };
        role.is_some_and(|r| rules_allow(r.field("rules"), verb, kind, name))
    };
    let subject_matches = |binding: &Object| -> bool {
        binding
            .field("subjects")
            .as_array()
            .is_some_and(|subjects| {
                subjects.iter().any(|s| {
                    let n = s["name"].as_str().unwrap_or_default();
                    match s["kind"].as_str().unwrap_or_default() {
                        "User" => n == user.name,
                        "Group" => user.groups.iter().any(|g| g == n),
                        "ServiceAccount" => {
                            user.name
                                == format!(
                                    "system:serviceaccount:{}:{n}",
                                    s["namespace"].as_str().unwrap_or_default()
                                )
                        }
                        _ => false,
                    }
                })
            })
    };
    for binding in cluster.store.list(k::cluster_role_binding(), None) {
        if subject_matches(binding) && grants(binding.field("roleRef"), "") {
            return true;
        }
    }
    if !namespace.is_empty() {
        for binding in cluster.store.list(k::role_binding(), Some(namespace)) {
            if subject_matches(binding) && grants(binding.field("roleRef"), namespace) {
                return true;
            }
        }
    }
    false
}

/// The namespaces in which `user` has any role binding (what OpenShift lists as the user's projects).
pub fn namespaces_with_access(cluster: &Cluster, user: &UserInfo) -> Vec<String> {
    let mut out: Vec<String> = cluster
        .store
        .list(k::namespace(), None)
        .map(|n| n.meta.name.to_string())
        .filter(|ns| {
            allowed(cluster, user, "get", k::pod(), ns, "")
                || allowed(cluster, user, "get", k::role_binding(), ns, "")
        })
        .collect();
    out.sort_shared();
    out
}

fn rules_allow(rules: &Value, verb: &str, kind: Kind, name: &str) -> bool {
    let info = kind.info();
    let has = |list: &Value, wanted: &str| {
        list.as_array()
            .is_some_and(|a| a.iter().any(|v| v == "*" || v == wanted))
    };
    rules.as_array().is_some_and(|rules| {
        rules.iter().any(|rule| {
            has(&rule["apiGroups"], info.group)
                && has(&rule["resources"], info.plural)
                && has(&rule["verbs"], verb)
                && rule["resourceNames"]
                    .as_array()
                    .is_none_or(|names| names.is_empty() || names.iter().any(|n| n == name))
        })
    })
}

/// Adds the default cluster roles and bindings a scenario did not define, and binds the scenario's users.
pub fn ensure_default_rbac(cluster: &mut Cluster) {
    let all = json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}, {"nonResourceURLs": ["*"], "verbs": ["*"]}]);
    let read = json!(["get", "list", "watch"]);
    let roles = [
        ("cluster-admin", all.clone()),
        (
            "admin",
            json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]),
        ),
        (
            "edit",
            json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]}]),
        ),
        (
            "view",
            json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": read}]),
        ),
        (
            "self-provisioner",
            json!([{"apiGroups": ["", "project.openshift.io"], "resources": ["projectrequests"], "verbs": ["create"]}]),
        ),
        (
            "basic-user",
            json!([
                {"apiGroups": ["", "user.openshift.io"], "resources": ["users"], "resourceNames": ["~"], "verbs": ["get"]},
                {"apiGroups": ["", "project.openshift.io"], "resources": ["projectrequests"], "verbs": ["list"]},
                {"apiGroups": ["", "project.openshift.io"], "resources": ["projects"], "verbs": ["list", "watch"]},
                {"apiGroups": ["storage.k8s.io"], "resources": ["storageclasses"], "verbs": ["get", "list"]},
            ]),
        ),
    ];
    for (name, rules) in roles {
        if cluster.store.get(k::cluster_role(), "", name).is_none() {
            let mut body = serde_json::Map::new();
            body.insert("rules".into(), rules);
            let mut role = Object::new(k::cluster_role(), "", name, body);
            role.meta.created = cluster.now - 3 * 3_600_000;
            cluster.seed_object(role);
        }
    }
    let openshift = cluster.info.is_openshift();
    let mut bindings = vec![(
        "cluster-admin",
        "cluster-admin",
        "Group",
        "system:masters".to_owned(),
    )];
    if openshift {
        bindings.push((
            "self-provisioners",
            "self-provisioner",
            "Group",
            "system:authenticated:oauth".to_owned(),
        ));
        bindings.push((
            "basic-users",
            "basic-user",
            "Group",
            "system:authenticated".to_owned(),
        ));
    }
    let admins: Vec<String> = cluster
        .info
        .users
        .iter()
        .filter(|u| u.cluster_admin)
        .map(|u| u.name.clone())
        .collect();
    let mut admin_bindings = Vec::new();
    for user in &admins {
        admin_bindings.push((format!("cluster-admin-{user}"), user.clone()));
    }
    for (name, role, subject_kind, subject) in bindings {
        bind(cluster, name, role, subject_kind, &subject);
    }
    for (name, user) in admin_bindings {
        bind(cluster, &name, "cluster-admin", "User", &user);
    }
}

fn bind(cluster: &mut Cluster, name: &str, role: &str, subject_kind: &str, subject: &str) {
    if cluster
        .store
        .get(k::cluster_role_binding(), "", name)
        .is_some()
    {
        return;
    }
    let mut body = serde_json::Map::new();
    body.insert(
        "roleRef".into(),
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}),
    );
    body.insert(
        "subjects".into(),
        json!([{"apiGroup": "rbac.authorization.k8s.io", "kind": subject_kind, "name": subject}]),
    );
    let mut binding = Object::new(k::cluster_role_binding(), "", name, body);
    binding.meta.created = cluster.now - 3 * 3_600_000;
    cluster.seed_object(binding);
}

/// Grants `user` the `admin` role in `namespace` (what a project request does for its requester).
pub fn grant_admin(cluster: &mut Cluster, namespace: &str, user: &str) {
    let mut body = serde_json::Map::new();
    body.insert(
        "roleRef".into(),
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin"}),
    );
    body.insert(
        "subjects".into(),
        json!([{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user}]),
    );
    let binding = Object::new(k::role_binding(), namespace, "admin", body);
    cluster.create_internal(binding);
}
