//! The session's kubeconfig: clusters, users, contexts and the current context, as `kubectl config view` shows them.

use serde::{Deserialize, Serialize};

use crate::cluster::{ScenarioInfo, UserInfo};

/// A cluster entry: a name and the API server's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterEntry {
    /// The entry's name (`api-ocp4-example-com:6443`).
    pub name: String,
    /// The API server URL.
    pub server: String,
}

/// A user entry: how the client authenticates and who the cluster then sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEntry {
    /// The entry's name (`admin/api-ocp4-example-com:6443`).
    pub name: String,
    /// The user name the API server authenticates (`system:admin`, `developer`).
    pub identity: String,
    /// The identity's groups.
    pub groups: Vec<String>,
    /// The OAuth token (`sha256~…`), for users who logged in with `oc login`.
    pub token: Option<String>,
}

/// A context: a cluster, a user and a default namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextEntry {
    /// The context's name.
    pub name: String,
    /// The cluster entry's name.
    pub cluster: String,
    /// The user entry's name.
    pub user: String,
    /// The default namespace, empty for `default`.
    pub namespace: String,
}

/// The session's kubeconfig (what `~/.kube/config` holds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kubeconfig {
    /// Clusters.
    pub clusters: Vec<ClusterEntry>,
    /// Users.
    pub users: Vec<UserEntry>,
    /// Contexts.
    pub contexts: Vec<ContextEntry>,
    /// The current context's name, empty when none.
    pub current_context: String,
}

impl Kubeconfig {
    /// The kubeconfig a fresh session of `info`'s cluster starts with: the installer's (or kubeadm's) admin credentials.
    pub fn for_scenario(info: &ScenarioInfo) -> Kubeconfig {
        if let Some(from_file) = Self::from_header(info) {
            return from_file;
        }
        let server = if info.api_server.is_empty() {
            "https://127.0.0.1:6443".to_owned()
        } else {
            info.api_server.clone()
        };
        let openshift = info.is_openshift();
        let cluster_name = if openshift {
            info.name.clone()
        } else {
            "kubernetes".to_owned()
        };
        let identity = info.initial_identity().unwrap_or_else(|| {
            if openshift {
                "system:admin".to_owned()
            } else {
                "kubernetes-admin".to_owned()
            }
        });
        let user_name = if openshift {
            "admin".to_owned()
        } else {
            identity.clone()
        };
        let context = if openshift {
            "admin".to_owned()
        } else {
            format!("{user_name}@{cluster_name}")
        };
        let namespace = "default".to_owned();
        let groups = info
            .users
            .iter()
            .find(|u| u.name == identity)
            .map(|u| u.groups.clone())
            .unwrap_or_else(|| vec!["system:masters".into(), "system:authenticated".into()]);
        Kubeconfig {
            clusters: vec![ClusterEntry {
                name: cluster_name.clone(),
                server,
            }],
            users: vec![UserEntry {
                name: user_name.clone(),
                identity,
                groups,
                token: None,
            }],
            contexts: vec![ContextEntry {
                name: context.clone(),
                cluster: cluster_name,
                user: user_name,
                namespace,
            }],
            current_context: context,
        }
    }

    /// The kubeconfig the scenario header spells out, if it has one.
    fn from_header(info: &ScenarioInfo) -> Option<Kubeconfig> {
        let header = info.kubeconfig.as_object()?;
        let text = |v: &serde_json::Value, key: &str| {
            v.get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let list = |key: &str| {
            header
                .get(key)
                .and_then(serde_json::Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let clusters: Vec<ClusterEntry> = list("clusters")
            .iter()
            .map(|c| ClusterEntry {
                name: text(c, "name"),
                server: text(c, "server"),
            })
            .collect();
        let users: Vec<UserEntry> = list("users")
            .iter()
            .map(|u| {
                let name = text(u, "name");
                let identity = Some(text(u, "identity"))
                    .filter(|i| !i.is_empty())
                    .unwrap_or_else(|| name.clone());
                let groups = info
                    .users
                    .iter()
                    .find(|s| s.name == identity)
                    .map(|s| s.groups.clone())
                    .unwrap_or_default();
                UserEntry {
                    name,
                    identity,
                    groups,
                    token: None,
                }
            })
            .collect();
        let contexts: Vec<ContextEntry> = list("contexts")
            .iter()
            .map(|c| ContextEntry {
                name: text(c, "name"),
                cluster: text(c, "cluster"),
                user: text(c, "user"),
                namespace: text(c, "namespace"),
            })
            .collect();
        if contexts.is_empty() {
            return None;
        }
        let current_context = Some(text(&info.kubeconfig, "currentContext"))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| contexts[0].name.clone());
        Some(Kubeconfig {
            clusters,
            users,
            contexts,
            current_context,
        })
    }

    /// The current context, if it exists.
    pub fn context(&self) -> Option<&ContextEntry> {
        self.contexts
            .iter()
            .find(|c| c.name == self.current_context)
    }

    /// The current context, mutable.
    pub fn context_mut(&mut self) -> Option<&mut ContextEntry> {
        let name = self.current_context.clone();
        self.contexts.iter_mut().find(|c| c.name == name)
    }

    /// The current user entry.
    pub fn user(&self) -> Option<&UserEntry> {
        let ctx = self.context()?;
        self.users.iter().find(|u| u.name == ctx.user)
    }

    /// The current cluster entry.
    pub fn cluster(&self) -> Option<&ClusterEntry> {
        let ctx = self.context()?;
        self.clusters.iter().find(|c| c.name == ctx.cluster)
    }

    /// The current namespace (`default` when the context names none).
    pub fn namespace(&self) -> String {
        self.context()
            .map(|c| c.namespace.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "default".to_owned())
    }

    /// Who the API server sees for the current context; anonymous when there is none.
    pub fn user_info(&self) -> UserInfo {
        match self.user() {
            Some(u) => {
                let mut groups = u.groups.clone();
                if !groups.iter().any(|g| g == "system:authenticated") {
                    groups.push("system:authenticated".into());
                }
                UserInfo {
                    name: u.identity.clone(),
                    groups,
                }
            }
            None => UserInfo {
                name: "system:anonymous".into(),
                groups: vec!["system:unauthenticated".into()],
            },
        }
    }

    /// Adds or replaces a cluster, user and context, and makes the context current.
    pub fn upsert(&mut self, cluster: ClusterEntry, user: UserEntry, context: ContextEntry) {
        self.clusters.retain(|c| c.name != cluster.name);
        self.clusters.push(cluster);
        self.users.retain(|u| u.name != user.name);
        self.users.push(user);
        self.current_context = context.name.clone();
        self.contexts.retain(|c| c.name != context.name);
        self.contexts.push(context);
    }
}
