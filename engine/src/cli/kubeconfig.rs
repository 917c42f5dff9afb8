//! The session's kubeconfig: clusters, users, contexts and the current context, read from and written as the YAML of a kubeconfig file.

use crate::sort::SortShared;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::cluster::{ScenarioInfo, UserInfo};

/// The fields client-go's `Cluster` has besides `server`; a file's other fields are dropped on reading, as kubectl drops them.
const CLUSTER_FIELDS: [&str; 7] = [
    "certificate-authority",
    "certificate-authority-data",
    "disable-compression",
    "extensions",
    "insecure-skip-tls-verify",
    "proxy-url",
    "tls-server-name",
];

/// The fields client-go's `AuthInfo` has besides `token`.
const USER_FIELDS: [&str; 14] = [
    "as",
    "as-groups",
    "as-uid",
    "as-user-extra",
    "auth-provider",
    "client-certificate",
    "client-certificate-data",
    "client-key",
    "client-key-data",
    "exec",
    "extensions",
    "password",
    "tokenFile",
    "username",
];

/// A kubeconfig entry (cluster, user or context), known by its name.
pub trait Entry: Clone {
    /// The entry's name.
    fn name(&self) -> &str;
}

/// Appends the entries of `from` that `wanted` accepts and whose names `into` does not have yet.
pub fn add_missing<T: Entry>(into: &mut Vec<T>, from: &[T], wanted: impl Fn(&T) -> bool) {
    for entry in from {
        if wanted(entry) && !into.iter().any(|e| e.name() == entry.name()) {
            into.push(entry.clone());
        }
    }
}

/// A cluster entry: a name, the API server's URL and how to trust it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterEntry {
    /// The entry's name (`api-ocp4-example-com:6443`).
    pub name: String,
    /// The API server URL.
    pub server: String,
    /// The entry's other fields (`certificate-authority-data`, `insecure-skip-tls-verify`).
    pub fields: Map<String, Value>,
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
    /// The entry's other credentials (`client-certificate-data`, `client-key-data`, `exec`).
    pub fields: Map<String, Value>,
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

impl Entry for ClusterEntry {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Entry for UserEntry {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Entry for ContextEntry {
    fn name(&self) -> &str {
        &self.name
    }
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
        let mut kc = Self::admin(info);
        let server = kc.cluster().map(|c| c.server.clone()).unwrap_or_default();
        for cluster in &mut kc.clusters {
            cluster.fields.insert(
                "certificate-authority-data".into(),
                json!(pem_data("CERTIFICATE", &format!("{server}-root-ca"))),
            );
        }
        for user in &mut kc.users {
            user.fields = admin_credentials(info, &server, &user.name);
        }
        kc
    }

    /// Who the admin credentials of a fresh session of `info`'s cluster authenticate as.
    pub fn admin_identity(info: &ScenarioInfo) -> UserInfo {
        Self::admin(info).user_info()
    }

    /// The scenario's admin kubeconfig without its credentials.
    fn admin(info: &ScenarioInfo) -> Kubeconfig {
        Self::from_header(info).unwrap_or_else(|| Self::admin_default(info))
    }

    /// The admin kubeconfig of a scenario whose header spells out none.
    fn admin_default(info: &ScenarioInfo) -> Kubeconfig {
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
                ..Default::default()
            }],
            users: vec![UserEntry {
                name: user_name.clone(),
                identity,
                groups,
                ..Default::default()
            }],
            contexts: vec![ContextEntry {
                name: context.clone(),
                cluster: cluster_name,
                user: user_name,
                namespace: "default".to_owned(),
            }],
            current_context: context,
        }
    }

    /// The kubeconfig the scenario header spells out, if it has one.
    fn from_header(info: &ScenarioInfo) -> Option<Kubeconfig> {
        let header = info.kubeconfig.as_object()?;
        let list = |key: &str| {
            header
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let clusters: Vec<ClusterEntry> = list("clusters")
            .iter()
            .map(|c| ClusterEntry {
                name: text(c, "name"),
                server: text(c, "server"),
                ..Default::default()
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
                    ..Default::default()
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

    /// Reads a kubeconfig file's text as client-go does; users' identities stay empty until [`Kubeconfig::resolve`].
    ///
    /// The error is what follows `error loading config file "PATH": ` in kubectl's message.
    pub fn parse(file: &str) -> Result<Kubeconfig, String> {
        let doc = crate::yaml::parse_documents(file)
            .map_err(|e| e.to_string())?
            .into_iter()
            .next()
            .unwrap_or(Value::Null);
        let kind = match &doc {
            Value::Object(_) | Value::Null => None,
            Value::String(_) => Some("string"),
            Value::Array(_) => Some("array"),
            Value::Bool(_) => Some("bool"),
            Value::Number(_) => Some("number"),
        };
        if let Some(kind) = kind {
            return Err(format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {kind} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}"
            ));
        }
        let named = |key: &str, inner: &str| -> Vec<(String, Map<String, Value>)> {
            doc.get(key)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .map(|item| {
                            let body = item
                                .get(inner)
                                .and_then(Value::as_object)
                                .cloned()
                                .unwrap_or_default();
                            (text(item, "name"), body)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let keep = |body: &Map<String, Value>, known: &[&str]| -> Map<String, Value> {
            body.iter()
                .filter(|(k, v)| known.contains(&k.as_str()) && !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        let field = |body: &Map<String, Value>, key: &str| {
            body.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Ok(Kubeconfig {
            clusters: named("clusters", "cluster")
                .into_iter()
                .map(|(name, body)| ClusterEntry {
                    name,
                    server: field(&body, "server"),
                    fields: keep(&body, &CLUSTER_FIELDS),
                })
                .collect(),
            users: named("users", "user")
                .into_iter()
                .map(|(name, body)| UserEntry {
                    name,
                    token: Some(field(&body, "token")).filter(|t| !t.is_empty()),
                    fields: keep(&body, &USER_FIELDS),
                    ..Default::default()
                })
                .collect(),
            contexts: named("contexts", "context")
                .into_iter()
                .map(|(name, body)| ContextEntry {
                    name,
                    cluster: field(&body, "cluster"),
                    user: field(&body, "user"),
                    namespace: field(&body, "namespace"),
                })
                .collect(),
            current_context: text(&doc, "current-context"),
        })
    }

    /// Sets every user's identity to who the API server sees for its credentials (`who` answers `None` for
    /// credentials it does not accept).
    pub fn resolve(&mut self, mut who: impl FnMut(&UserEntry) -> Option<UserInfo>) {
        for user in &mut self.users {
            let seen = who(user).unwrap_or(UserInfo {
                name: String::new(),
                groups: Vec::new(),
            });
            user.identity = seen.name;
            user.groups = seen.groups;
        }
    }

    /// The kubeconfig as client-go writes it (`apiVersion`, `kind` and `preferences` included), keys in order.
    pub fn to_value(&self) -> Value {
        self.render(false)
    }

    /// What `kubectl config view` shows: certificate and key data omitted and tokens redacted unless `raw`.
    pub fn view(&self, raw: bool) -> Value {
        if raw {
            self.to_value()
        } else {
            self.render(true)
        }
    }

    /// The file text client-go writes for this kubeconfig.
    pub fn to_yaml(&self) -> String {
        crate::printers::yaml::to_yaml(&self.to_value())
    }

    fn render(&self, redact: bool) -> Value {
        let hide = |mut fields: Map<String, Value>| {
            if redact {
                for (key, value) in fields.iter_mut() {
                    if key.ends_with("-data") {
                        *value = json!("DATA+OMITTED");
                    } else if key == "password" {
                        *value = json!("REDACTED");
                    }
                }
            }
            fields
        };
        // client-go holds entries in maps by name, so it writes them in name order.
        let list = |mut items: Vec<Value>| {
            items.sort_shared_by_key(|a| text(a, "name"));
            if items.is_empty() {
                Value::Null
            } else {
                Value::Array(items)
            }
        };
        let clusters = self
            .clusters
            .iter()
            .map(|c| {
                let mut body = hide(c.fields.clone());
                body.insert("server".into(), json!(c.server));
                json!({"cluster": sorted(body), "name": c.name})
            })
            .collect();
        let contexts = self
            .contexts
            .iter()
            .map(|c| {
                let mut body = json!({"cluster": c.cluster});
                if !c.namespace.is_empty() {
                    body["namespace"] = json!(c.namespace);
                }
                body["user"] = json!(c.user);
                json!({"context": body, "name": c.name})
            })
            .collect();
        let users = self
            .users
            .iter()
            .map(|u| {
                let mut body = hide(u.fields.clone());
                if let Some(exec) = body.get_mut("exec").and_then(Value::as_object_mut) {
                    // client-go's ExecConfig always carries these fields.
                    exec.entry("env").or_insert(Value::Null);
                    exec.entry("interactiveMode")
                        .or_insert_with(|| json!("IfAvailable"));
                    exec.entry("provideClusterInfo")
                        .or_insert_with(|| json!(false));
                }
                if let Some(token) = &u.token {
                    body.insert(
                        "token".into(),
                        json!(if redact { "REDACTED" } else { token }),
                    );
                }
                json!({"name": u.name, "user": sorted(body)})
            })
            .collect();
        json!({
            "apiVersion": "v1",
            "clusters": list(clusters),
            "contexts": list(contexts),
            "current-context": self.current_context,
            "kind": "Config",
            "preferences": {},
            "users": list(users),
        })
    }

    /// Merges files in kubectl's precedence: the first file to name an entry (or to set the current context) wins.
    pub fn merge<'a>(files: impl IntoIterator<Item = &'a Kubeconfig>) -> Kubeconfig {
        let mut merged = Kubeconfig::default();
        for file in files {
            add_missing(&mut merged.clusters, &file.clusters, |_| true);
            add_missing(&mut merged.users, &file.users, |_| true);
            add_missing(&mut merged.contexts, &file.contexts, |_| true);
            if merged.current_context.is_empty() {
                merged.current_context = file.current_context.clone();
            }
        }
        merged
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

/// A string field of a JSON object, empty when absent.
fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// `fields` with its keys in order, as client-go's YAML writer sorts them.
fn sorted(fields: Map<String, Value>) -> Value {
    let mut entries: Vec<(String, Value)> = fields.into_iter().collect();
    entries.sort_shared_by(|a, b| a.0.cmp(&b.0));
    Value::Object(entries.into_iter().collect())
}

/// The base64 of a deterministic PEM block, as a kubeconfig's `*-data` fields hold it.
fn pem_data(label: &str, seed: &str) -> String {
    crate::b64::encode(crate::install::util::fake_pem(label, seed))
}

/// The admin user's credentials the scenario's header describes (`auth`): a client certificate and key, or the
/// `aws eks get-token` plugin.
fn admin_credentials(info: &ScenarioInfo, server: &str, user: &str) -> Map<String, Value> {
    let auth = info
        .kubeconfig
        .get("users")
        .and_then(Value::as_array)
        .and_then(|users| users.iter().find(|u| text(u, "name") == user))
        .map(|u| text(u, "auth"))
        .unwrap_or_default();
    let mut fields = Map::new();
    if let Some(command) = auth.strip_prefix("exec: ") {
        let mut words = command.split_whitespace().map(str::to_owned);
        let program = words.next().unwrap_or_default();
        fields.insert(
            "exec".into(),
            json!({
                "apiVersion": "client.authentication.k8s.io/v1beta1",
                "args": words.collect::<Vec<_>>(),
                "command": program,
            }),
        );
    } else {
        fields.insert(
            "client-certificate-data".into(),
            json!(pem_data("CERTIFICATE", &format!("{server}-{user}"))),
        );
        fields.insert(
            "client-key-data".into(),
            json!(pem_data("RSA PRIVATE KEY", &format!("{server}-{user}-key"))),
        );
    }
    fields
}
