//! The kubeconfig files `kubectl` and `oc` read and write in the virtual filesystem, with client-go's loading rules.
//!
//! A command line reads `--kubeconfig FILE` alone if given, else every file of the colon-separated `$KUBECONFIG`
//! that exists, else `$HOME/.kube/config`; the files merge with the first to name an entry winning. What the
//! command changed goes back to the file that defines each entry, and new entries to the first file that exists.
//! Who a user entry's credentials stand for is the API server's answer: an OAuth token the cluster issued, a client
//! certificate, or the `aws eks get-token` plugin of the EKS cluster's creator.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::Value;

use crate::cli::{Entry, Kubeconfig, UserEntry, add_missing};
use crate::cluster::{Cluster, ScenarioInfo, UserInfo};
use crate::exec::Output;
use crate::vfs::Vfs;

/// The base64 of `-----BEGIN CERTIFICATE-----`, with which every PEM certificate's `*-data` field starts.
const CERTIFICATE_DATA: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t";

/// Parsed kubeconfig files by path, with the text each was parsed from, so that an unchanged file is not parsed again,
/// and the last merge, which a command line reading the same unchanged files for the same cluster and tokens reuses.
#[derive(Debug, Clone, Default)]
pub(super) struct KubeFiles {
    parsed: HashMap<String, (String, Result<Kubeconfig, String>)>,
    last: Option<Last>,
}

/// The last merge and what it depended on besides the files' texts.
#[derive(Debug, Clone)]
struct Last {
    loaded: Arc<Loaded>,
    info: Arc<ScenarioInfo>,
    tokens: BTreeMap<String, UserInfo>,
}

/// The files one command line reads and what they merge to.
#[derive(Debug, Clone)]
pub(super) struct Loaded {
    /// The files in precedence order, as absolute paths, with their contents when they exist.
    files: Vec<(String, Option<Kubeconfig>)>,
    /// Whether the file came from `--kubeconfig`.
    explicit: bool,
    /// The merged kubeconfig, users' identities resolved.
    pub merged: Kubeconfig,
}

/// The path of the default kubeconfig file, `$HOME/.kube/config`.
pub(super) fn default_path(env: &BTreeMap<String, String>) -> String {
    let home = env.get("HOME").map(String::as_str).unwrap_or("/");
    crate::vfs::normalize(&format!("{home}/.kube/config"))
}

impl KubeFiles {
    fn parse(&mut self, path: &str, text: &str) -> Result<Kubeconfig, String> {
        if let Some((seen, parsed)) = self.parsed.get(path)
            && seen == text
        {
            return parsed.clone();
        }
        let parsed = Kubeconfig::parse(text);
        self.parsed
            .insert(path.to_owned(), (text.to_owned(), parsed.clone()));
        parsed
    }

    /// Reads the kubeconfig files `argv` (a `kubectl`/`oc` line; empty for none) would read, or kubectl's error.
    pub(super) fn load(
        &mut self,
        argv: &[String],
        fs: &Vfs,
        env: &BTreeMap<String, String>,
        cwd: &str,
        cluster: &Cluster,
    ) -> Result<Arc<Loaded>, Output> {
        let home = env.get("HOME").map(String::as_str).unwrap_or("/");
        let explicit = crate::cli::kubeconfig_flag(argv);
        let named: Vec<String> = match (explicit, env.get("KUBECONFIG")) {
            (Some(file), _) => vec![file.to_owned()],
            (None, Some(list)) if !list.is_empty() => list
                .split(':')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            _ => vec![default_path(env)],
        };
        if let Some(last) = &self.last
            && last.loaded.explicit == explicit.is_some()
            && Arc::ptr_eq(&last.info, &cluster.info)
            && last.tokens == cluster.tokens
            && last.loaded.files.len() == named.len()
            && last
                .loaded
                .files
                .iter()
                .zip(&named)
                .all(|((path, kc), name)| {
                    *path == crate::vfs::resolve(cwd, home, name)
                        && match (fs.read(path), kc) {
                            (Ok(text), Some(_)) => {
                                self.parsed.get(path).is_some_and(|(seen, _)| seen == text)
                            }
                            (Err(_), None) => true,
                            _ => false,
                        }
                })
        {
            return Ok(Arc::clone(&last.loaded));
        }
        // The files are read afresh: until that succeeds nothing may reuse the last merge.
        self.last = None;
        let config_command = crate::cli::command_word(argv) == Some("config");
        let mut files = Vec::new();
        for name in named {
            let path = crate::vfs::resolve(cwd, home, &name);
            let parsed = match fs.read(&path) {
                Ok(text) => Some(self.parse(&path, text).map_err(|e| {
                    Output::err(
                        format!("error: error loading config file \"{name}\": {e}\n"),
                        1,
                    )
                })?),
                Err(_) if explicit.is_some() && !config_command => {
                    return Err(Output::err(
                        format!("error: stat {name}: no such file or directory\n"),
                        1,
                    ));
                }
                Err(_) => None,
            };
            if !files.iter().any(|(p, _)| *p == path) {
                files.push((path, parsed));
            }
        }
        let mut merged = Kubeconfig::merge(files.iter().filter_map(|(_, kc)| kc.as_ref()));
        let mut admin = None;
        merged.resolve(|user| {
            let admin = || {
                admin
                    .get_or_insert_with(|| Kubeconfig::admin_identity(&cluster.info))
                    .clone()
            };
            who(cluster, user, admin)
        });
        let loaded = Arc::new(Loaded {
            files,
            explicit: explicit.is_some(),
            merged,
        });
        self.last = Some(Last {
            loaded: Arc::clone(&loaded),
            info: Arc::clone(&cluster.info),
            tokens: cluster.tokens.clone(),
        });
        Ok(loaded)
    }

    /// Writes what a command changed (`after`, the merged kubeconfig it left) back into the files `loaded` read.
    pub(super) fn save(loaded: &Loaded, after: &Kubeconfig, fs: &mut Vfs) {
        // New entries go to the first file that exists (or the first named); the current context to the first
        // file that sets one.
        let first_existing = loaded
            .files
            .iter()
            .position(|(_, kc)| kc.is_some())
            .unwrap_or(0);
        let context_file = if loaded.explicit {
            0
        } else {
            loaded
                .files
                .iter()
                .position(|(_, kc)| kc.as_ref().is_some_and(|k| !k.current_context.is_empty()))
                .unwrap_or(first_existing)
        };
        for (i, (path, before)) in loaded.files.iter().enumerate() {
            let before = before.clone().unwrap_or_default();
            let mut file = Kubeconfig {
                clusters: owned(loaded, i, first_existing, &before, after, |k| &k.clusters),
                users: owned(loaded, i, first_existing, &before, after, |k| &k.users),
                contexts: owned(loaded, i, first_existing, &before, after, |k| &k.contexts),
                current_context: before.current_context.clone(),
            };
            if i == context_file {
                file.current_context = after.current_context.clone();
            }
            if file.to_value() == before.to_value() {
                continue;
            }
            let _ = fs.mkdir(crate::vfs::parent(path), true);
            let _ = fs.write(path, file.to_yaml());
        }
    }
}

/// The entries of one kind (`of` picks them from a file) that file `i` of `loaded` holds after a command left `after`:
/// those whose name the file defined (or that are new, when it is the first file that exists), and the ones of its
/// own that a file before it shadows, as they were.
fn owned<T: Entry>(
    loaded: &Loaded,
    i: usize,
    first_existing: usize,
    before: &Kubeconfig,
    after: &Kubeconfig,
    of: fn(&Kubeconfig) -> &Vec<T>,
) -> Vec<T> {
    let (before, after) = (of(before), of(after));
    let owner = |name: &str| {
        loaded
            .files
            .iter()
            .position(|(_, kc)| {
                kc.as_ref()
                    .is_some_and(|k| of(k).iter().any(|x| x.name() == name))
            })
            .unwrap_or(first_existing)
    };
    let mut out: Vec<T> = after
        .iter()
        .filter(|e| owner(e.name()) == i)
        .cloned()
        .collect();
    // An entry a later file shadows stays as it was in that file.
    add_missing(&mut out, before, |e| {
        after.iter().any(|x| x.name() == e.name())
    });
    out
}

/// Who the API server sees for `user`'s credentials: the owner of an OAuth token it issued, the cluster's admin for a
/// client certificate or the `aws eks get-token` plugin; `None` when it accepts none of them.
fn who(cluster: &Cluster, user: &UserEntry, admin: impl FnOnce() -> UserInfo) -> Option<UserInfo> {
    if let Some(token) = &user.token {
        return cluster.tokens.get(token).cloned();
    }
    let certificate = user
        .fields
        .get("client-certificate-data")
        .and_then(Value::as_str)
        .is_some_and(|data| data.starts_with(CERTIFICATE_DATA));
    let exec = user.fields.get("exec");
    let plugin = exec
        .and_then(|e| e.get("command"))
        .and_then(Value::as_str)
        .is_some_and(|c| c == "aws" || c.ends_with("/aws"))
        && exec
            .and_then(|e| e.get("args"))
            .and_then(Value::as_array)
            .is_some_and(|args| args.iter().any(|a| a == "get-token"));
    (certificate || plugin).then(admin)
}
