//! Shared pieces of the commands: the request (tool, identity, namespace, flags), resource arguments, manifests from files, and output formats.

use crate::sort::SortShared;
use std::sync::Arc;

use serde_json::Value;

use super::CliEnv;
use super::flags::Args;
use crate::api::{ApiError, Kind, Object};
use crate::cluster::UserInfo;
use crate::exec::{Ctx, Output};
use crate::printers;

/// One parsed request: which tool, which command, who asks, in which namespace, with which flags.
pub(crate) struct Req {
    /// `kubectl` or `oc`.
    pub tool: &'static str,
    /// The command path (`get`, `create deployment`, `rollout status`).
    pub cmd: String,
    /// The parsed flags and arguments.
    pub args: Args,
    /// The identity of the current context.
    pub user: UserInfo,
    /// The namespace: `-n`, else the context's.
    pub ns: String,
    /// Whether the cluster is OpenShift (enables its kinds).
    pub openshift: bool,
}

/// A failed command: its output (already with the error text and exit code).
pub(crate) type Fail = Output;

/// The result of most commands.
pub(crate) type Res = Result<Output, Fail>;

/// `error: MESSAGE` with exit code 1.
pub(crate) fn error(message: impl std::fmt::Display) -> Fail {
    Output::err(format!("error: {message}\n"), 1)
}

/// What a command group (`rollout`, `set`, `config`, …) prints for words that name none of its subcommands, as
/// kubectl's `DefaultSubCommandRun` does: all the words joined, then where to find help, exit code 1.
pub(crate) fn unknown_subcommand(tool: &str, path: &str, words: &[String]) -> Fail {
    Output::err(
        format!(
            "error: unknown command \"{}\"\nSee '{tool} {path} -h' for help and examples\n",
            words.join(" ")
        ),
        1,
    )
}

/// A command group's help for a learner who named no subcommand: kubectl prints it on standard error (standard
/// output for `rollout`) and exits with code 1.
pub(crate) fn group_help(text: String) -> Fail {
    Output::err(text, 1)
}

/// An API error as kubectl prints it, exit code 1.
pub(crate) fn api_error(e: &ApiError) -> Fail {
    Output::err(format!("{}\n", e.kubectl_line()), 1)
}

impl Req {
    /// `See 'kubectl get -h' for help and examples`.
    pub fn see_help(&self) -> String {
        format!("See '{} {} -h' for help and examples", self.tool, self.cmd)
    }

    /// `error: required flag(s) "image" not set`.
    pub fn required(&self, flag: &str) -> Fail {
        Output::err(format!("error: required flag(s) \"{flag}\" not set\n"), 1)
    }

    /// Cobra's check of a command's required flags before it runs: `required flag(s) "image", "schedule" not set`
    /// naming every one missing.
    pub fn require(&self, flags: &[&str]) -> Result<(), Fail> {
        let missing: Vec<String> = flags
            .iter()
            .filter(|f| !self.args.has(f))
            .map(|f| format!("\"{f}\""))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Output::err(
                format!("error: required flag(s) {} not set\n", missing.join(", ")),
                1,
            ))
        }
    }

    /// The namespace to use for `kind` (empty for cluster-scoped kinds).
    pub fn ns_for(&self, kind: Kind) -> String {
        if kind.info().namespaced {
            self.ns.clone()
        } else {
            String::new()
        }
    }

    /// Resolves a resource type a learner typed, or kubectl's error.
    pub fn kind(&self, name: &str) -> Result<Kind, Fail> {
        resolve_kind(name, self.openshift).ok_or_else(|| {
            error(format!(
                "the server doesn't have a resource type \"{name}\""
            ))
        })
    }

    /// `-o` as given, empty for the default table.
    pub fn output(&self) -> String {
        self.args.get("output").unwrap_or_default().to_owned()
    }
}

/// Resolves a type name, including the aliases kubectl and oc add.
pub(crate) fn resolve_kind(name: &str, openshift: bool) -> Option<Kind> {
    let name = match name {
        "project" | "projects" if openshift => "projects",
        other => other,
    };
    Kind::resolve(name, openshift)
}

/// The kinds `get all` expands to, in kubectl's order.
pub(crate) fn all_kinds(openshift: bool) -> Vec<Kind> {
    let mut names = vec![
        "pods",
        "replicationcontrollers",
        "services",
        "daemonsets",
        "deployments",
        "replicasets",
        "statefulsets",
        "horizontalpodautoscalers",
        "cronjobs",
        "jobs",
    ];
    if openshift {
        names.extend([
            "deploymentconfigs",
            "buildconfigs",
            "builds",
            "imagestreams",
            "routes",
        ]);
    }
    names
        .into_iter()
        .filter_map(|n| Kind::resolve(n, openshift))
        .collect()
}

/// What the positional arguments of `get`, `describe`, `delete`, `label` name: kinds, and names per kind.
pub(crate) fn targets(req: &Req, words: &[String]) -> Result<Vec<(Kind, Vec<String>)>, Fail> {
    let Some(first) = words.first() else {
        return Ok(Vec::new());
    };
    if words.iter().any(|w| w.contains('/')) {
        if words.iter().any(|w| !w.contains('/')) {
            return Err(error(format!(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '{} {} resource/<resource_name>' instead of '{} {} resource resource/<resource_name>'",
                req.tool, req.cmd, req.tool, req.cmd
            )));
        }
        if selecting(req) {
            return Err(error(
                "selectors and the all flag cannot be used when passing resource/name arguments",
            ));
        }
        let mut out: Vec<(Kind, Vec<String>)> = Vec::new();
        for w in words {
            let (t, name) = w.split_once('/').unwrap_or((w, ""));
            if name.is_empty() {
                return Err(error(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            let kind = req.kind(t)?;
            if req.args.on("all-namespaces") && kind.info().namespaced {
                return Err(error(
                    "a resource cannot be retrieved by name across all namespaces",
                ));
            }
            match out.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, names)) => names.push(name.to_owned()),
                None => out.push((kind, vec![name.to_owned()])),
            }
        }
        return Ok(out);
    }
    let mut kinds = Vec::new();
    for t in first.split(',').filter(|t| !t.is_empty()) {
        if t == "all" {
            kinds.extend(all_kinds(req.openshift));
        } else {
            kinds.push(req.kind(t)?);
        }
    }
    let names: Vec<String> = words[1..].to_vec();
    if kinds.len() > 1 && !names.is_empty() {
        return Err(error(
            "you may only specify a single resource type when providing names".to_owned(),
        ));
    }
    if !names.is_empty() && selecting(req) {
        return Err(error(
            "name cannot be provided when a selector is specified",
        ));
    }
    if !names.is_empty()
        && req.args.on("all-namespaces")
        && kinds.iter().any(|k| k.info().namespaced)
    {
        return Err(error(
            "a resource cannot be retrieved by name across all namespaces",
        ));
    }
    Ok(kinds.into_iter().map(|k| (k, names.clone())).collect())
}

/// Whether the command line selects objects by label or field selector, or all of them (`--all`), which the
/// resource builder does not allow together with names.
fn selecting(req: &Req) -> bool {
    req.args.has("selector") || req.args.has("field-selector") || req.args.on("all")
}

/// Reads every manifest `-f` names (a file, a directory's .yaml/.yml/.json files, or `-` for standard input).
pub(crate) fn manifests(req: &Req, ctx: &Ctx) -> Result<Vec<(String, Value)>, Fail> {
    let mut out = Vec::new();
    for name in req.args.all("filename") {
        let sources: Vec<(String, String)> = if name == "-" {
            vec![("STDIN".into(), ctx.stdin.to_owned())]
        } else if name.starts_with("http://") || name.starts_with("https://") {
            return Err(error(format!(
                "unable to read URL \"{name}\", server reported 404 Not Found, status code=404"
            )));
        } else {
            let path = ctx.resolve(&name);
            if ctx.fs.is_dir(&path) {
                // A directory's manifests in name order; `-R` also reads its subdirectories.
                let base = path.trim_end_matches('/').to_owned();
                let mut files: Vec<String> = if req.args.on("recursive") {
                    ctx.fs
                        .descendants(&base)
                        .map(|p| p[base.len() + 1..].to_owned())
                        .collect()
                } else {
                    ctx.fs.list(&base).unwrap_or_default()
                };
                files.retain(|f| {
                    f.ends_with(".yaml") || f.ends_with(".yml") || f.ends_with(".json")
                });
                files.sort_shared();
                files
                    .into_iter()
                    .filter_map(|f| {
                        let full = format!("{base}/{f}");
                        ctx.fs
                            .read(&full)
                            .ok()
                            .map(|t| (format!("{}/{f}", name.trim_end_matches('/')), t.to_owned()))
                    })
                    .collect()
            } else {
                match ctx.fs.read(&path) {
                    Ok(text) => vec![(name.clone(), text.to_owned())],
                    Err(_) => {
                        return Err(error(format!("the path \"{name}\" does not exist")));
                    }
                }
            }
        };
        for (source, text) in sources {
            let docs = crate::yaml::parse_documents(&text).map_err(|e| {
                error(format!(
                    "error parsing {source}: error converting YAML to JSON: {e}"
                ))
            })?;
            for doc in docs {
                if doc.get("kind").and_then(Value::as_str) == Some("List") {
                    for item in doc["items"].as_array().cloned().unwrap_or_default() {
                        out.push((source.clone(), item));
                    }
                } else {
                    out.push((source.clone(), doc));
                }
            }
        }
    }
    Ok(out)
}

/// Builds an object from a manifest, in `req`'s namespace unless it names one; errors as kubectl reports them.
pub(crate) fn object_from(req: &Req, source: &str, doc: &Value) -> Result<Object, Fail> {
    let mut object = Object::from_json(doc).map_err(|e| {
        if e.starts_with("Object 'Kind' is missing") || e.starts_with("Object 'apiVersion'") {
            error(format!("error validating \"{source}\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false"))
        } else if e.starts_with("no matches") {
            Output::err(
                format!("error: resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{source}\": {e}\nensure CRDs are installed first\n",
                    doc.pointer("/metadata/name").and_then(Value::as_str).unwrap_or(""),
                    doc.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("")),
                1,
            )
        } else {
            error(e)
        }
    })?;
    if object.kind.info().namespaced {
        if object.meta.namespace.is_empty() {
            object.meta.namespace = req.ns.as_str().into();
        } else if req.args.has("namespace") && object.meta.namespace != req.ns.as_str() {
            return Err(error(format!(
                "the namespace from the provided object \"{}\" does not match the namespace \"{}\". You must pass '--namespace={}' to perform this operation.",
                object.meta.namespace, req.ns, object.meta.namespace
            )));
        }
    } else {
        object.meta.namespace = "".into();
    }
    Ok(object)
}

/// `kind.group/name`, as `-o name` and most confirmation messages print an object.
pub(crate) fn ref_name(object: &Object) -> String {
    format!("{}/{}", object.kind.qualified_singular(), object.meta.name)
}

/// The JSON of objects for printing; pods read their typed status.
pub(crate) fn jsons(objects: &[Arc<Object>]) -> Vec<Value> {
    objects.iter().map(|o| o.to_json()).collect()
}

/// The `-o` format of `req`, or kubectl's error for an unknown one.
pub(crate) fn output_format(req: &Req) -> Result<printers::output::OutputFormat, Fail> {
    let for_get = req.cmd == "get";
    printers::output::parse_output(&req.output(), for_get, &|path| {
        Err(format!("open {path}: no such file or directory"))
    })
    .map_err(error)
}

/// Renders objects in the `-o` format of `req`; `single` when one object was asked for by name.
pub(crate) fn render(req: &Req, items: Vec<Value>, single: bool, now: i64) -> Res {
    let format = output_format(req)?;
    let mut options = table_options(req, false);
    // Several resource types in one request print `kind.group/name`, even when only one type had objects.
    let words = req
        .args
        .positional
        .first()
        .map(String::as_str)
        .unwrap_or("");
    if req.cmd == "get" && (words.contains(',') || words == "all") {
        options.with_kind = true;
    }
    let text = printers::output::render(&format, &items, !single, &options, now).map_err(error)?;
    Ok(Output::ok(text))
}

/// The table options `get`'s flags ask for.
pub(crate) fn table_options(req: &Req, wide: bool) -> printers::table::TableOptions {
    printers::table::TableOptions {
        no_headers: req.args.on("no-headers"),
        wide,
        show_labels: req.args.on("show-labels"),
        label_columns: req
            .args
            .slice("label-columns")
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect(),
        with_namespace: req.args.on("all-namespaces"),
        with_kind: req.args.on("show-kind"),
        sort_by: req.args.get("sort-by").map(str::to_owned),
    }
}

/// Filters objects by `-l` and `--field-selector`.
pub(crate) fn select(req: &Req, objects: Vec<Arc<Object>>) -> Result<Vec<Arc<Object>>, Fail> {
    let labels = match req.args.get("selector") {
        Some(text) => Some(crate::api::selector::Selector::parse(text).map_err(error)?),
        None => None,
    };
    let fields = match req.args.get("field-selector") {
        Some(text) => Some(crate::api::selector::FieldSelector::parse(text).map_err(error)?),
        None => None,
    };
    Ok(objects
        .into_iter()
        .filter(|o| labels.as_ref().is_none_or(|s| s.matches(&o.meta.labels)))
        .filter(|o| fields.as_ref().is_none_or(|s| s.matches(&o.to_json())))
        .collect())
}

/// Reads one named object for the request's user.
pub(crate) fn read(req: &Req, env: &CliEnv, kind: Kind, name: &str) -> Result<Arc<Object>, Fail> {
    env.cluster
        .read(&req.user, kind, &req.ns_for(kind), name)
        .map_err(|e| api_error(&e))
}

/// Lists objects of a kind in the request's namespace (or all with `-A`).
pub(crate) fn list(req: &Req, env: &CliEnv, kind: Kind) -> Result<Vec<Arc<Object>>, Fail> {
    let all = req.args.on("all-namespaces") || !kind.info().namespaced;
    let ns = (!all).then_some(req.ns.as_str());
    let objects = env
        .cluster
        .read_list(&req.user, kind, ns)
        .map_err(|e| api_error(&e))?;
    select(req, objects)
}
