//! The commands that change the cluster: create, apply, delete, edit, patch, replace, scale, autoscale, rollout, set, expose, run, label and annotate.

use crate::sort::SortShared;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::commands::advanced;
use super::objects::{self, Req, Res, api_error, error, list, read, ref_name, targets};
use super::{CliEnv, CliResult, EditRequest, Effect};
use crate::api::{ApiError, Kind, Object, k};
use crate::exec::{Ctx, Output};
use crate::printers;

/// kubectl's resource builder's refusal of a command line that names nothing to act on.
const NO_RESOURCES: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Runs a command that changes objects.
pub(crate) fn dispatch(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let plain = |r: Res| {
        r.map(|o| CliResult {
            output: o,
            effect: None,
        })
    };
    match req.cmd.as_str() {
        "create" => plain(create(req, ctx, env)),
        "apply" => plain(apply(req, ctx, env)),
        "delete" => delete(req, ctx, env),
        "edit" => edit(req, env),
        "patch" => plain(patch(req, env)),
        "replace" => plain(replace(req, ctx, env)),
        "scale" => plain(scale(req, env)),
        "autoscale" => plain(autoscale(req, env)),
        "set" => plain(set(req, env)),
        "expose" => plain(expose(req, env)),
        "run" => run(req, env),
        "label" | "annotate" => plain(label(req, env)),
        _ => Err(error("unknown command")),
    }
}

/// `--dry-run` as `none`, `client` or `server`, or kubectl's error.
fn dry_run(req: &Req) -> Result<&'static str, Output> {
    match req.args.get("dry-run") {
        None | Some("none") | Some("false") => Ok("none"),
        Some("client") | Some("true") => Ok("client"),
        Some("server") => Ok("server"),
        Some(other) => Err(error(format!(
            "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        ))),
    }
}

fn suffix(mode: &str) -> &'static str {
    match mode {
        "client" => " (dry run)",
        "server" => " (server dry run)",
        _ => "",
    }
}

/// Prints the object (for `-o`) or the `kind/name VERB` line.
fn report(req: &Req, object: &Object, verb: &str, mode: &str, now: i64) -> Res {
    if req.output().is_empty() {
        return Ok(Output::ok(format!(
            "{} {verb}{}\n",
            ref_name(object),
            suffix(mode)
        )));
    }
    let mut json = object.to_json();
    if mode == "client" {
        json = client_view(json);
    }
    if req.output() == "name" {
        return Ok(Output::ok(format!("{}\n", ref_name(object))));
    }
    objects::render(req, vec![json], true, now)
}

/// What a client-side dry run prints: the object as sent, without server-set fields.
fn client_view(mut json: Value) -> Value {
    if let Some(meta) = json.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in ["uid", "resourceVersion", "generation"] {
            meta.remove(key);
        }
        meta.insert("creationTimestamp".into(), Value::Null);
    }
    json
}

// ---------------------------------------------------------------- create

fn container_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let base = last.split([':', '@']).next().unwrap_or(last);
    base.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn key_values(items: &[String], flag: &str) -> Result<Map<String, Value>, Output> {
    let mut out = Map::new();
    for item in items {
        let Some((k, v)) = item.split_once('=') else {
            return Err(error(format!(
                "invalid {flag}: \"{item}\", expected key=value"
            )));
        };
        out.insert(k.to_owned(), json!(v));
    }
    Ok(out)
}

fn create(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Res {
    let mode = dry_run(req)?;
    if req.args.has("filename") {
        let mut out = Output::default();
        for (source, doc) in objects::manifests(req, ctx)? {
            let mut object = objects::object_from(req, &source, &doc)?;
            if req.args.on("save-config") {
                let mut annotations = (*object.meta.annotations).clone();
                annotations.insert(
                    LAST_APPLIED.into(),
                    printers::json::to_compact_json(&doc) + "\n",
                );
                object.meta.annotations = Arc::new(annotations);
            }
            match create_from(req, env, object, &doc, &source, mode) {
                Ok(o) => out
                    .stdout
                    .push_str(&report(req, &o, "created", mode, env.cluster.now)?.stdout),
                Err(e) => {
                    out.stderr.push_str(&e.stderr);
                    out.code = 1;
                }
            }
        }
        return Ok(out);
    }
    let words = &req.args.positional;
    let Some(sub) = words.first() else {
        return Err(error("must specify one of -f and -k"));
    };
    // Cobra refuses a subcommand's missing required flags before the subcommand looks at its arguments.
    match sub.as_str() {
        "deployment" | "deploy" => req.require(&["image"])?,
        "cronjob" | "cj" => req.require(&["image", "schedule"])?,
        _ => {}
    }
    // `create KIND NAME` and `create secret|service TYPE NAME` take exactly one name.
    let need_name_after = |depth: usize, what: &str| -> Result<String, Output> {
        let names = words.get(depth..).unwrap_or_default();
        match names {
            [name] => Ok(name.clone()),
            _ => Err(error(format!(
                "exactly one NAME is required, got {}\nSee '{} create {what} -h' for help and examples",
                names.len(),
                req.tool
            ))),
        }
    };
    let need_name = |what: &str| need_name_after(1, what);
    let ns = req.ns.clone();
    let meta = |name: &str, labels: Option<Value>| {
        let mut m = json!({"name": name});
        if let Some(l) = labels {
            m["labels"] = l;
        }
        m
    };
    let body: Value = match sub.as_str() {
        "deployment" | "deploy" => {
            let name = need_name("deployment")?;
            let images = req.args.all("image");
            let replicas: i64 = req
                .args
                .get("replicas")
                .and_then(|r| r.parse().ok())
                .unwrap_or(1);
            let port = req.args.get("port").and_then(|p| p.parse::<i64>().ok());
            let containers: Vec<Value> = images
                .iter()
                .map(|image| {
                    let mut c =
                        json!({"image": image, "name": container_name(image), "resources": {}});
                    if let Some(p) = port {
                        c["ports"] = json!([{"containerPort": p}]);
                    }
                    // `-- COMMAND ARGS` becomes the container's command.
                    if let Some(rest) = req.args.rest.as_ref().filter(|r| !r.is_empty()) {
                        c["command"] = json!(rest);
                    }
                    c
                })
                .collect();
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(&name, Some(json!({"app": name}))),
                "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}}, "strategy": {},
                    "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}}})
        }
        "namespace" | "ns" => {
            let name = need_name("namespace")?;
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}, "spec": {}})
        }
        "configmap" | "cm" => {
            let name = need_name("configmap")?;
            let mut data = key_values(&req.args.all("from-literal"), "--from-literal")?;
            for f in req.args.all("from-file") {
                let (key, path) = match f.split_once('=') {
                    Some((k, p)) => (k.to_owned(), p.to_owned()),
                    None => (f.rsplit('/').next().unwrap_or(&f).to_owned(), f.clone()),
                };
                let text = ctx.fs.read(&ctx.resolve(&path)).map_err(|_| {
                    error(format!("error reading {path}: no such file or directory"))
                })?;
                data.insert(key, json!(text));
            }
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})
        }
        "secret" => {
            let kind_word = words.get(1).cloned().unwrap_or_default();
            if kind_word.is_empty() {
                return Err(super::help::group(req.tool, "create secret"));
            }
            if kind_word != "generic" {
                return Err(objects::unknown_subcommand(
                    req.tool,
                    "create secret",
                    &words[1..],
                ));
            }
            let name = need_name_after(2, "secret generic")?;
            let data = key_values(&req.args.all("from-literal"), "--from-literal")?;
            let encoded: Map<String, Value> = data
                .into_iter()
                .map(|(k, v)| (k, json!(crate::b64::encode(v.as_str().unwrap_or("")))))
                .collect();
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "data": encoded, "type": "Opaque"})
        }
        "route" if req.openshift => {
            let termination = words.get(1).cloned().unwrap_or_default();
            if !matches!(termination.as_str(), "edge" | "passthrough" | "reencrypt") {
                return Err(Output::err(
                    format!(
                        "Error: unknown command \"{termination}\" for \"oc create route\"\nRun 'oc create route --help' for usage.\n"
                    ),
                    1,
                ));
            }
            let Some(service) = req.args.get("service").map(str::to_owned) else {
                return Err(req.required("service"));
            };
            let route_name = words.get(2).cloned().unwrap_or_else(|| service.clone());
            let svc = env
                .cluster
                .get(k::service(), &ns, &service)
                .ok_or_else(|| {
                    Output::err(
                        format!("Error from server (NotFound): services \"{service}\" not found\n"),
                        1,
                    )
                })?;
            let port = match req.args.get("port") {
                Some(p) => match p.parse::<i64>() {
                    Ok(n) => json!(n),
                    Err(_) => json!(p),
                },
                None => super::openshift::route_port(&svc),
            };
            let host = super::openshift::route_host(req, env, &route_name, &ns);
            let mut tls = json!({"termination": termination});
            if let Some(policy) = req.args.get("insecure-policy") {
                tls["insecureEdgeTerminationPolicy"] = json!(policy);
            }
            json!({"apiVersion": "route.openshift.io/v1", "kind": "Route",
                "metadata": {"labels": super::openshift::labels_json(&svc), "name": route_name},
                "spec": {"host": host, "port": {"targetPort": port}, "tls": tls,
                    "to": {"kind": "Service", "name": service, "weight": 100}, "wildcardPolicy": "None"}})
        }
        "service" | "svc" => {
            let kind_word = words.get(1).cloned().unwrap_or_default();
            let svc_type = match kind_word.as_str() {
                "clusterip" => "ClusterIP",
                "nodeport" => "NodePort",
                "loadbalancer" => "LoadBalancer",
                "externalname" => "ExternalName",
                "" => {
                    return Err(super::help::group(req.tool, "create service"));
                }
                _ => {
                    return Err(objects::unknown_subcommand(
                        req.tool,
                        "create service",
                        &words[1..],
                    ));
                }
            };
            let name = need_name_after(2, &format!("service {}", words[1]))?;
            let tcp = req.args.all("tcp");
            if tcp.is_empty() {
                return Err(error("at least one tcp port specifier must be provided"));
            }
            let mut ports = Vec::new();
            for t in tcp
                .iter()
                .flat_map(|t| t.split(',').map(str::to_owned).collect::<Vec<_>>())
            {
                let (p, target) = t.split_once(':').unwrap_or((&t, &t));
                // kubectl reads the port as a 16-bit unsigned number.
                let port = i64::from(p.parse::<u16>().map_err(|e| {
                    let why = if matches!(e.kind(), std::num::IntErrorKind::PosOverflow)
                        && p.chars().all(|c| c.is_ascii_digit())
                    {
                        "value out of range"
                    } else {
                        "invalid syntax"
                    };
                    error(format!("strconv.ParseUint: parsing \"{p}\": {why}"))
                })?);
                let target = target
                    .parse::<i64>()
                    .map(|n| json!(n))
                    .unwrap_or(json!(target));
                let mut entry = json!({"name": t.replace(':', "-"), "port": port, "protocol": "TCP", "targetPort": target});
                if let Some(np) = req
                    .args
                    .get("node-port")
                    .and_then(|n| n.parse::<i64>().ok())
                    .filter(|n| *n > 0)
                {
                    entry["nodePort"] = json!(np);
                }
                ports.push(entry);
            }
            json!({"apiVersion": "v1", "kind": "Service", "metadata": meta(&name, Some(json!({"app": name}))),
                "spec": {"ports": ports, "selector": {"app": name}, "type": svc_type}})
        }
        "job" => {
            let name = need_name("job")?;
            let Some(image) = req.args.get("image") else {
                return Err(error("either --image or --from must be specified"));
            };
            let mut c = json!({"image": image, "name": name, "resources": {}});
            if let Some(rest) = &req.args.rest {
                c["command"] = json!(rest);
            }
            json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
                "spec": {"template": {"metadata": {}, "spec": {"containers": [c], "restartPolicy": "Never"}}}})
        }
        "cronjob" | "cj" => {
            let name = need_name("cronjob")?;
            let image = req.args.get("image").unwrap_or_default();
            let schedule = req.args.get("schedule").unwrap_or_default();
            let mut c = json!({"image": image, "name": name, "resources": {}});
            if let Some(rest) = &req.args.rest {
                c["command"] = json!(rest);
            }
            json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name},
                "spec": {"schedule": schedule, "jobTemplate": {"metadata": {"name": name}, "spec": {"template": {"metadata": {}, "spec": {"containers": [c], "restartPolicy": "OnFailure"}}}}}})
        }
        "role" | "clusterrole" => {
            let name = need_name(sub)?;
            let verbs: Vec<String> = req.args.slice("verb");
            if verbs.is_empty() {
                return Err(error("at least one verb must be specified"));
            }
            let resources: Vec<String> = req.args.slice("resource");
            if resources.is_empty() {
                return Err(error("at least one resource must be specified"));
            }
            let mut rules: Vec<Value> = Vec::new();
            for r in resources {
                let kind = objects::resolve_kind(&r, req.openshift).ok_or_else(|| {
                    error(format!("the server doesn't have a resource type \"{r}\""))
                })?;
                let info = kind.info();
                match rules.iter_mut().find(|x| x["apiGroups"][0] == info.group) {
                    Some(rule) => rule["resources"].as_array_mut().expect("array").push(json!(info.plural)),
                    None => rules.push(json!({"apiGroups": [info.group], "resources": [info.plural], "verbs": verbs})),
                }
            }
            let kind = if sub == "role" { "Role" } else { "ClusterRole" };
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": name}, "rules": rules})
        }
        "rolebinding" | "clusterrolebinding" => {
            let name = need_name(sub)?;
            let (role_kind, role) = match (req.args.get("role"), req.args.get("clusterrole")) {
                (Some(r), _) if sub == "rolebinding" => ("Role", r.to_owned()),
                (_, Some(r)) => ("ClusterRole", r.to_owned()),
                _ => {
                    return Err(error(
                        "exactly one of clusterrole or role must be specified",
                    ));
                }
            };
            let mut subjects = Vec::new();
            for u in req.args.all("user") {
                subjects.push(
                    json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": u}),
                );
            }
            for g in req.args.all("group") {
                subjects.push(
                    json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": g}),
                );
            }
            for sa in req.args.all("serviceaccount") {
                let Some((sns, sname)) = sa.split_once(':') else {
                    return Err(error("serviceaccount must be <namespace>:<name>"));
                };
                subjects.push(json!({"kind": "ServiceAccount", "name": sname, "namespace": sns}));
            }
            let kind = if sub == "rolebinding" {
                "RoleBinding"
            } else {
                "ClusterRoleBinding"
            };
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": name},
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role}, "subjects": subjects})
        }
        "serviceaccount" | "sa" => {
            let name = need_name("serviceaccount")?;
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name}})
        }
        "quota" | "resourcequota" => {
            let name = need_name("quota")?;
            let mut hard = Map::new();
            for pair in req
                .args
                .get("hard")
                .unwrap_or("")
                .split(',')
                .filter(|p| !p.is_empty())
            {
                let (k, v) = pair.split_once('=').ok_or_else(|| {
                    error(format!(
                        "Invalid argument syntax {pair}, expected <resource>=<value>"
                    ))
                })?;
                let q = crate::printers::quantity::Quantity::parse(v).ok_or_else(|| {
                    error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".to_owned())
                })?;
                hard.insert(k.to_owned(), json!(q.to_string()));
            }
            let mut spec = Map::new();
            spec.insert("hard".into(), Value::Object(hard));
            let scopes: Vec<&str> = req
                .args
                .get("scopes")
                .unwrap_or("")
                .split(',')
                .filter(|p| !p.is_empty())
                .collect();
            if !scopes.is_empty() {
                spec.insert("scopes".into(), json!(scopes));
            }
            json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": name}, "spec": spec})
        }
        _ => {
            return Err(error(format!(
                "Unexpected args: [{}]\n{}",
                words.join(" "),
                req.see_help()
            )));
        }
    };
    let mut object = Object::from_json(&body).map_err(error)?;
    if object.kind.info().namespaced {
        object.meta.namespace = ns.as_str().into();
    }
    if mode == "client" {
        return report_client(req, &body, &object, env.cluster.now);
    }
    let created = submit_create(req, env, object, mode)?;
    report(req, &created, "created", mode, env.cluster.now)
}

/// A client-side dry run of a generated object: the manifest as kubectl would send it.
fn report_client(req: &Req, body: &Value, object: &Object, now: i64) -> Res {
    if req.output().is_empty() {
        return Ok(Output::ok(format!(
            "{} created (dry run)\n",
            ref_name(object)
        )));
    }
    let mut v = body.clone();
    if object.kind.info().namespaced && req.args.has("namespace") {
        v["metadata"]["namespace"] = json!(req.ns);
    }
    v["metadata"]["creationTimestamp"] = Value::Null;
    if let Some(t) = v.pointer_mut("/spec/template/metadata") {
        t["creationTimestamp"] = Value::Null;
    }
    if v.get("spec").is_some() {
        v["status"] = json!({});
    }
    objects::render(req, vec![v], true, now)
}

fn submit_create(
    req: &Req,
    env: &mut CliEnv,
    object: Object,
    mode: &str,
) -> Result<Arc<Object>, Output> {
    if mode == "client" {
        return Ok(Arc::new(object));
    }
    env.cluster
        .create(&req.user, object, mode == "server")
        .map_err(|e| api_error(&e))
}

/// Creates an object read from a manifest, as `create -f` and `apply` do: the API server first decodes the
/// manifest (refusing a known field of the wrong JSON type), and kubectl names the source in a refusal
/// (`error when creating "STDIN": …`) except for an invalid object, which it prints from the error's details.
fn create_from(
    req: &Req,
    env: &mut CliEnv,
    object: Object,
    doc: &Value,
    source: &str,
    mode: &str,
) -> Result<Arc<Object>, Output> {
    let refused = |e: ApiError| {
        let mut e = e;
        if e.reason != "Invalid" {
            e.message = format!("error when creating \"{source}\": {}", e.message);
        }
        api_error(&e)
    };
    if mode != "client"
        && let Some(why) = super::explain::unmarshal_error(object.kind, doc)
    {
        let info = object.kind.info();
        return Err(refused(ApiError {
            code: 400,
            reason: "BadRequest",
            message: format!(
                "{} in version \"{}\" cannot be handled as a {}: {why}",
                info.kind, info.version, info.kind
            ),
        }));
    }
    if mode == "client" {
        return Ok(Arc::new(object));
    }
    env.cluster
        .create(&req.user, object, mode == "server")
        .map_err(refused)
}

/// The `--env NAME=VALUE` flags as a container's `env` entries.
pub(crate) fn env_vars(req: &Req) -> Vec<Value> {
    req.args
        .all("env")
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect()
}

// ---------------------------------------------------------------- apply

/// Merges `patch` into `target` the JSON merge-patch way (maps merge, `null` deletes, lists replace).
pub(crate) fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = json!({});
            }
            let t = target.as_object_mut().expect("object");
            for (key, value) in p {
                if value.is_null() {
                    t.remove(key);
                } else {
                    merge_patch(t.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// A strategic merge: like a merge patch, but lists of objects with `name` (containers, ports, env) merge by name.
pub(crate) fn strategic_merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (key, value) in p {
                if value.is_null() {
                    t.remove(key);
                } else if let Some(existing) = t.get_mut(key) {
                    strategic_merge(existing, value);
                } else {
                    t.insert(key.clone(), value.clone());
                }
            }
        }
        (Value::Array(t), Value::Array(p))
            if p.iter()
                .all(|v| v.get("name").is_some() || v.get("containerPort").is_some())
                && !p.is_empty() =>
        {
            let key_of = |v: &Value| v.get("name").or_else(|| v.get("containerPort")).cloned();
            let mut merged: Vec<Value> = Vec::new();
            for item in p.iter() {
                let key = key_of(item);
                match t.iter().find(|x| key_of(x) == key) {
                    Some(existing) => {
                        let mut e = existing.clone();
                        strategic_merge(&mut e, item);
                        merged.push(e);
                    }
                    None => merged.push(item.clone()),
                }
            }
            for item in t.iter() {
                if !merged.iter().any(|m| key_of(m) == key_of(item)) {
                    merged.push(item.clone());
                }
            }
            *t = merged;
        }
        (t, p) => *t = p.clone(),
    }
}

/// Removes from `live` the fields that were in `old` (the last applied configuration) but are gone from `new`.
fn prune(live: &mut Value, old: &Value, new: &Value) {
    if let (Some(l), Some(o)) = (live.as_object_mut(), old.as_object()) {
        for (key, old_value) in o {
            match new.get(key) {
                None => {
                    l.remove(key);
                }
                Some(new_value) => {
                    if let Some(child) = l.get_mut(key) {
                        prune(child, old_value, new_value);
                    }
                }
            }
        }
    }
}

fn apply(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Res {
    if !req.args.has("filename") && !req.args.has("kustomize") {
        return Err(error("must specify one of -f and -k"));
    }
    let mode = dry_run(req)?;
    let mut out = Output::default();
    for (source, doc) in objects::manifests(req, ctx)? {
        let object = objects::object_from(req, &source, &doc)?;
        let mut manifest = doc.clone();
        if let Some(meta) = manifest.get_mut("metadata").and_then(Value::as_object_mut)
            && let Some(a) = meta.get_mut("annotations").and_then(Value::as_object_mut)
        {
            a.remove(LAST_APPLIED);
        }
        if object.kind.info().namespaced && manifest.pointer("/metadata/namespace").is_none() {
            manifest["metadata"]["namespace"] = json!(object.meta.namespace.as_str());
        }
        let applied = printers::json::to_compact_json(&manifest) + "\n";
        let ns = object.meta.namespace.to_string();
        let existing = env.cluster.get(object.kind, &ns, &object.meta.name);
        let result = match existing {
            None => {
                let mut object = object;
                let mut annotations = (*object.meta.annotations).clone();
                annotations.insert(LAST_APPLIED.into(), applied);
                object.meta.annotations = Arc::new(annotations);
                if existing_forbidden(req, env, &object) {
                    Err(api_error(
                        &env.cluster
                            .authorize(&req.user, "get", object.kind, &ns, &object.meta.name)
                            .unwrap_err(),
                    ))
                } else {
                    create_from(req, env, object, &doc, &source, mode).map(|o| (o, "created"))
                }
            }
            Some(live) => {
                let mut merged = live.to_json();
                if let Some(old) = live.meta.annotation(LAST_APPLIED)
                    && let Ok(old) = serde_json::from_str::<Value>(old)
                {
                    prune(&mut merged, &old, &manifest);
                }
                strategic_merge(&mut merged, &manifest);
                merged["metadata"]["annotations"][LAST_APPLIED] = json!(applied);
                match Object::from_json(&merged) {
                    Err(e) => Err(error(e)),
                    Ok(mut updated) => {
                        updated.meta.resource_version = 0;
                        match env.cluster.update(&req.user, updated, true) {
                            Err(e) => Err(api_error(&e)),
                            Ok(preview) => {
                                let same = preview.body == live.body
                                    && preview.meta.labels == live.meta.labels
                                    && preview.meta.annotations == live.meta.annotations;
                                if same {
                                    Ok((live.clone(), "unchanged"))
                                } else if mode == "none" {
                                    let mut real = (*preview).clone();
                                    real.meta.resource_version = 0;
                                    env.cluster
                                        .update(&req.user, real, false)
                                        .map(|o| (o, "configured"))
                                        .map_err(|e| api_error(&e))
                                } else {
                                    Ok((preview, "configured"))
                                }
                            }
                        }
                    }
                }
            }
        };
        match result {
            Ok((o, verb)) => out
                .stdout
                .push_str(&report(req, &o, verb, mode, env.cluster.now)?.stdout),
            Err(e) => {
                out.stderr.push_str(&e.stderr);
                out.code = 1;
            }
        }
    }
    Ok(out)
}

fn existing_forbidden(req: &Req, env: &CliEnv, object: &Object) -> bool {
    env.cluster
        .authorize(
            &req.user,
            "get",
            object.kind,
            &object.meta.namespace,
            &object.meta.name,
        )
        .is_err()
}

// ---------------------------------------------------------------- delete

fn delete(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let mode = dry_run(req)?;
    if req.args.on("now") && req.args.has("grace-period") {
        return Err(error(
            "--now and --grace-period cannot be specified together",
        ));
    }
    let mut keys: Vec<(Kind, String, String)> = Vec::new();
    let mut out = Output::default();
    if req.args.has("filename") {
        for (source, doc) in objects::manifests(req, ctx)? {
            let o = objects::object_from(req, &source, &doc)?;
            keys.push((
                o.kind,
                o.meta.namespace.to_string(),
                o.meta.name.to_string(),
            ));
        }
    } else {
        let words = &req.args.positional;
        if words.is_empty() {
            return Err(error(NO_RESOURCES));
        }
        // The resource builder checks the selection before it looks anything up.
        let selector = req.args.has("selector") || req.args.has("field-selector");
        if req.args.on("all") && selector {
            return Err(error(
                "setting 'all' parameter but found a non empty selector. ",
            ));
        }
        for (kind, names) in targets(req, words)? {
            if names.is_empty() {
                if !req.args.on("all")
                    && !req.args.has("selector")
                    && !req.args.has("field-selector")
                {
                    return Err(error(
                        "resource(s) were provided, but no name was specified",
                    ));
                }
                for o in list(req, env, kind)? {
                    keys.push((kind, o.meta.namespace.to_string(), o.meta.name.to_string()));
                }
            } else {
                for n in names {
                    keys.push((kind, req.ns_for(kind), n));
                }
            }
        }
        if keys.is_empty() {
            // Unlike `get`, kubectl's delete reports an empty selection on standard output.
            return Ok(CliResult::plain(Output::ok("No resources found\n")));
        }
    }
    let force = req.args.on("force");
    let grace = req
        .args
        .get("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .unwrap_or(-1);
    let immediate = force && grace == 0;
    if immediate {
        out.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let start = env.cluster.now;
    let mut waiting = Vec::new();
    for (kind, ns, name) in keys {
        // Projects are namespaces seen through the project API: their admins may delete them.
        if kind == k::project() {
            let visible = crate::cluster::auth::namespaces_with_access(env.cluster, &req.user);
            let can = visible.contains(&name)
                && crate::cluster::auth::allowed(
                    env.cluster,
                    &req.user,
                    "delete",
                    k::pod(),
                    &name,
                    "",
                );
            if !can {
                let message = if env.cluster.get(k::namespace(), "", &name).is_some() {
                    format!(
                        "Error from server (Forbidden): projects.project.openshift.io \"{name}\" is forbidden: User \"{}\" cannot delete resource \"projects\" in API group \"project.openshift.io\" in the namespace \"{name}\"\n",
                        req.user.name
                    )
                } else {
                    format!(
                        "Error from server (NotFound): projects.project.openshift.io \"{name}\" not found\n"
                    )
                };
                out.stderr.push_str(&message);
                out.code = 1;
                continue;
            }
            let admin = crate::cluster::UserInfo::system_admin();
            match env
                .cluster
                .delete(&admin, k::namespace(), "", &name, mode != "none")
            {
                Ok(_) => out.stdout.push_str(&format!(
                    "project.project.openshift.io \"{name}\" deleted{}\n",
                    suffix(mode)
                )),
                Err(e) => {
                    out.stderr.push_str(&format!("{}\n", e.kubectl_line()));
                    out.code = 1;
                }
            }
            continue;
        }
        match env
            .cluster
            .delete(&req.user, kind, &ns, &name, mode != "none")
        {
            Ok(_) => {
                let label = if kind.info().group.is_empty() {
                    kind.info().singular.to_owned()
                } else {
                    format!("{}.{}", kind.info().singular, kind.info().group)
                };
                if immediate {
                    env.cluster.remove(kind, &ns, &name);
                    out.stdout
                        .push_str(&format!("{label} \"{name}\" force deleted\n"));
                } else {
                    out.stdout
                        .push_str(&format!("{label} \"{name}\" deleted{}\n", suffix(mode)));
                    if mode == "none" {
                        waiting.push((kind, ns, name));
                    }
                }
            }
            Err(e) => {
                if req.args.on("ignore-not-found") && e.reason == "NotFound" {
                    continue;
                }
                out.stderr.push_str(&format!("{}\n", e.kubectl_line()));
                out.code = 1;
            }
        }
    }
    // kubectl waits until the objects are gone; a pod's grace period passes in virtual time.
    let fast = req.args.on("now") || (0..=1).contains(&grace);
    let mut waited = 0;
    while !waiting.is_empty() && waited < 120_000 && req.args.get("wait") != Some("false") {
        waiting.retain(|(kind, ns, name)| env.cluster.get(*kind, ns, name).is_some());
        if waiting.is_empty() {
            break;
        }
        if fast {
            for (kind, ns, name) in &waiting {
                if *kind == k::pod() {
                    env.cluster.remove(*kind, ns, name);
                }
            }
        }
        env.cluster.advance(1000);
        waited += 1000;
    }
    Ok(CliResult {
        output: out,
        effect: advanced(env.cluster.now - start),
    })
}

// ---------------------------------------------------------------- edit

const EDIT_HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

fn edit(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let words = &req.args.positional;
    if words.is_empty() {
        return Err(error(NO_RESOURCES));
    }
    let mut items = Vec::new();
    for (kind, names) in targets(req, words)? {
        if names.is_empty() {
            for o in list(req, env, kind)? {
                items.push(o.to_json());
            }
        } else {
            for n in names {
                items.push(read(req, env, kind, &n)?.to_json());
            }
        }
    }
    let value = if items.len() == 1 {
        items.into_iter().next().unwrap_or(Value::Null)
    } else {
        printers::yaml::list_object(items)
    };
    let text = format!("{EDIT_HEADER}{}", printers::yaml::to_yaml(&value));
    let n = 1_000_000_000u64 + env.cluster.random(8_999_999_999);
    Ok(CliResult {
        output: Output::default(),
        effect: Some(Effect::Edit(EditRequest {
            path: format!("/tmp/kubectl-edit-{n}.yaml"),
            text,
            tool: req.tool.to_owned(),
            namespace: req.ns.clone(),
        })),
    })
}

/// Applies the edited text of an edit session.
pub(crate) fn finish_edit(original: &EditRequest, edited: &str, env: &mut CliEnv) -> Output {
    let strip = |t: &str| -> String {
        t.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let before = strip(&original.text);
    let after = strip(edited);
    if after.trim().is_empty() || after == before {
        return Output::ok("Edit cancelled, no changes made.\n");
    }
    let docs = match crate::yaml::parse_documents(&after) {
        Ok(d) => d,
        Err(e) => {
            return Output::err(
                format!(
                    "error: {} edit cancelled, no valid changes were saved.\nerror: error parsing {}: error converting YAML to JSON: {e}\n",
                    original.path, original.path
                ),
                1,
            );
        }
    };
    let old_docs = crate::yaml::parse_documents(&before).unwrap_or_default();
    let flatten = |docs: Vec<Value>| -> Vec<Value> {
        docs.into_iter()
            .flat_map(|d| {
                if d["kind"] == "List" {
                    d["items"].as_array().cloned().unwrap_or_default()
                } else {
                    vec![d]
                }
            })
            .collect()
    };
    let docs = flatten(docs);
    let old_docs = flatten(old_docs);
    let user = env.kubeconfig.user_info();
    let mut out = Output::default();
    for (i, doc) in docs.iter().enumerate() {
        let unchanged = old_docs.get(i) == Some(doc);
        let mut object = match Object::from_json(doc) {
            Ok(o) => o,
            Err(e) => {
                out.stderr.push_str(&format!("error: {e}\n"));
                out.code = 1;
                continue;
            }
        };
        if object.kind.info().namespaced && object.meta.namespace.is_empty() {
            object.meta.namespace = original.namespace.as_str().into();
        }
        if unchanged {
            continue;
        }
        object.meta.resource_version = 0;
        match env.cluster.update(&user, object, false) {
            Ok(o) => out.stdout.push_str(&format!("{} edited\n", ref_name(&o))),
            Err(e) => {
                out.stderr.push_str(&format!(
                    "error: {} \"{}\" could not be patched: {}\nYou can run `{} replace -f {}` to try this update again.\n",
                    e.message.split(' ').next().unwrap_or(""),
                    doc.pointer("/metadata/name").and_then(Value::as_str).unwrap_or(""),
                    e.message,
                    original.tool,
                    original.path
                ));
                out.code = 1;
            }
        }
    }
    if out.stdout.is_empty() && out.code == 0 {
        return Output::ok("Edit cancelled, no changes made.\n");
    }
    out
}

// ---------------------------------------------------------------- patch

/// Applies `kubectl run --overrides` to the generated pod, as kubectl's overrider does: an RFC 7396 merge patch by
/// default, a strategic merge or an RFC 6902 JSON patch on request.
fn apply_overrides(body: &mut Value, overrides: &str, kind: &str) -> Result<(), String> {
    if !matches!(kind, "json" | "merge" | "strategic") {
        return Err(format!("invalid override type: {kind}"));
    }
    let patch: Value = serde_json::from_str(overrides).map_err(|e| match kind {
        // The merge patch library rejects any fragment that is not a JSON document with this one message.
        "merge" => "Invalid JSON Patch".to_owned(),
        _ => crate::install::config::go_json_error(overrides, &e),
    })?;
    match kind {
        "json" => json_patch(body, &patch),
        "strategic" => {
            strategic_merge(body, &patch);
            Ok(())
        }
        _ => {
            merge_patch(body, &patch);
            Ok(())
        }
    }
}

/// kubectl decodes the overridden pod with its scheme: an `apiVersion` and `kind` it has no type for are refused.
fn overridden_kind_registered(req: &Req, body: &Value) -> Result<(), Output> {
    let (Some(api_version), Some(kind)) = (body["apiVersion"].as_str(), body["kind"].as_str())
    else {
        return Ok(());
    };
    if api_version.is_empty() || kind.is_empty() {
        return Ok(());
    }
    let version = api_version.rsplit('/').next().unwrap_or_default();
    let registered = Kind::from_api_version(api_version, kind).is_some_and(|k| {
        let info = k.info();
        info.version == version && (!info.openshift || req.tool == "oc")
    });
    if registered {
        Ok(())
    } else {
        Err(error(format!(
            "no kind \"{kind}\" is registered for version \"{api_version}\" in scheme \"pkg/scheme/scheme.go:28\""
        )))
    }
}

fn json_patch(target: &mut Value, ops: &Value) -> Result<(), String> {
    let Some(ops) = ops.as_array() else {
        return Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".into());
    };
    for op in ops {
        let kind = op["op"].as_str().unwrap_or("");
        let path = op["path"].as_str().unwrap_or("");
        let (parent_path, last) = path.rsplit_once('/').ok_or_else(|| {
            format!("jsonpatch {kind} operation does not apply: doc is missing path: \"{path}\"")
        })?;
        let last = last.replace("~1", "/").replace("~0", "~");
        let missing = || {
            format!("jsonpatch {kind} operation does not apply: doc is missing path: \"{path}\"")
        };
        match kind {
            "add" | "replace" => {
                let value = op.get("value").cloned().ok_or("missing value")?;
                let parent = target.pointer_mut(parent_path).ok_or_else(missing)?;
                match parent {
                    Value::Object(m) => {
                        if kind == "replace" && !m.contains_key(&last) {
                            return Err(missing());
                        }
                        m.insert(last, value);
                    }
                    Value::Array(a) => {
                        if last == "-" {
                            a.push(value);
                        } else {
                            let i: usize = last.parse().map_err(|_| missing())?;
                            if kind == "replace" {
                                *a.get_mut(i).ok_or_else(missing)? = value;
                            } else if i <= a.len() {
                                a.insert(i, value);
                            } else {
                                return Err(missing());
                            }
                        }
                    }
                    _ => return Err(missing()),
                }
            }
            "remove" => {
                let parent = target.pointer_mut(parent_path).ok_or_else(missing)?;
                match parent {
                    Value::Object(m) => {
                        m.remove(&last).ok_or_else(missing)?;
                    }
                    Value::Array(a) => {
                        let i: usize = last.parse().map_err(|_| missing())?;
                        if i >= a.len() {
                            return Err(missing());
                        }
                        a.remove(i);
                    }
                    _ => return Err(missing()),
                }
            }
            "test" => {
                if target.pointer(path) != op.get("value") {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

fn patch(req: &Req, env: &mut CliEnv) -> Res {
    let Some(text) = req.args.get("patch") else {
        return Err(error(
            "must specify --patch or --patch-file containing the contents of the patch",
        ));
    };
    let patch_type = req.args.get("type").unwrap_or("strategic");
    if !["strategic", "merge", "json"].contains(&patch_type) {
        return Err(error(format!(
            "--type must be one of [json merge strategic], not \"{patch_type}\""
        )));
    }
    let patch: Value = crate::yaml::parse_documents(text)
        .ok()
        .and_then(|d| d.into_iter().next())
        .ok_or_else(|| {
            error(format!(
                "unable to parse \"{text}\": yaml: did not find expected node content"
            ))
        })?;
    let wanted = targets(req, &req.args.positional)?;
    let mut out = Output::default();
    for (kind, names) in wanted {
        if names.is_empty() {
            return Err(error(
                "resource(s) were provided, but no name was specified",
            ));
        }
        for name in names {
            let live = read(req, env, kind, &name)?;
            let mut json = live.to_json();
            match patch_type {
                "merge" => merge_patch(&mut json, &patch),
                "json" => json_patch(&mut json, &patch)
                    .map_err(|e| Output::err(format!("The request is invalid: {e}\n"), 1))?,
                _ => {
                    if !patch.is_object() {
                        return Err(Output::err(
                            "Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n",
                            1,
                        ));
                    }
                    strategic_merge(&mut json, &patch)
                }
            }
            let mut updated = Object::from_json(&json).map_err(error)?;
            updated.meta.resource_version = 0;
            let preview = env
                .cluster
                .update(&req.user, updated.clone(), true)
                .map_err(|e| api_error(&e))?;
            let same = preview.body == live.body
                && preview.meta.labels == live.meta.labels
                && preview.meta.annotations == live.meta.annotations;
            if same {
                out.stdout
                    .push_str(&format!("{} patched (no change)\n", ref_name(&live)));
                continue;
            }
            let mode = dry_run(req)?;
            if mode == "none" {
                env.cluster
                    .update(&req.user, updated, false)
                    .map_err(|e| api_error(&e))?;
            }
            out.stdout
                .push_str(&format!("{} patched{}\n", ref_name(&live), suffix(mode)));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- replace

fn replace(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Res {
    if !req.args.has("filename") {
        return Err(error("must specify one of -f and -k"));
    }
    let mut out = Output::default();
    for (source, doc) in objects::manifests(req, ctx)? {
        let object = objects::object_from(req, &source, &doc)?;
        if req.args.on("force") {
            let ns = object.meta.namespace.to_string();
            let name = object.meta.name.to_string();
            let _ = env
                .cluster
                .delete(&req.user, object.kind, &ns, &name, false);
            env.cluster.remove(object.kind, &ns, &name);
            let label = ref_name(&object);
            let created = env
                .cluster
                .create(&req.user, object, false)
                .map_err(|e| api_error(&e))?;
            let _ = created;
            out.stdout.push_str(&format!(
                "{} deleted\n{label} replaced\n",
                label.replace('/', " \"") + "\""
            ));
            continue;
        }
        match env.cluster.update(&req.user, object, false) {
            Ok(o) => out.stdout.push_str(&format!("{} replaced\n", ref_name(&o))),
            Err(e) => {
                out.stderr.push_str(&format!("{}\n", e.kubectl_line()));
                out.code = 1;
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- scale and autoscale

/// Reads an object, lets `change` edit its JSON, and writes it back; returns the updated object.
fn modify(
    req: &Req,
    env: &mut CliEnv,
    kind: Kind,
    name: &str,
    change: impl FnOnce(&mut Value) -> Result<(), Output>,
) -> Result<Arc<Object>, Output> {
    let live = read(req, env, kind, name)?;
    let mut json = live.to_json();
    change(&mut json)?;
    let mut updated = Object::from_json(&json).map_err(error)?;
    updated.meta.resource_version = 0;
    let mode = dry_run(req)?;
    env.cluster
        .update(&req.user, updated, mode != "none")
        .map_err(|e| api_error(&e))
}

/// One `TYPE NAME` or `TYPE/NAME` target, as scale, autoscale, expose and rollout take.
fn one_target(req: &Req, words: &[String]) -> Result<(Kind, String), Output> {
    let wanted = targets(req, words)?;
    match wanted.as_slice() {
        [(kind, names)] if names.len() == 1 => Ok((*kind, names[0].clone())),
        [(_, names)] if names.is_empty() => Err(error(
            "resource(s) were provided, but no name was specified",
        )),
        [] if matches!(req.cmd.as_str(), "expose" | "set" | "autoscale") => {
            Err(error(NO_RESOURCES))
        }
        [] => Err(error("required resource not specified")),
        _ => Err(error("only one resource is supported")),
    }
}

fn scale(req: &Req, env: &mut CliEnv) -> Res {
    let Some(replicas) = req.args.get("replicas") else {
        return Err(req.required("replicas"));
    };
    let Ok(replicas) = replicas.parse::<i64>() else {
        return Err(Output::err(
            format!(
                "Error: invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax\nSee '{} scale --help' for usage.\n",
                req.tool
            ),
            1,
        ));
    };
    if replicas < 0 {
        return Err(error(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    let mut out = String::new();
    let wanted = targets(req, &req.args.positional)?;
    if wanted.is_empty() {
        return Err(error(NO_RESOURCES));
    }
    for (kind, names) in wanted {
        if ![
            k::deployment(),
            k::replicaset(),
            k::statefulset(),
            k::deployment_config(),
        ]
        .contains(&kind)
            && kind.info().kind != "ReplicationController"
            && kind.info().kind != "MachineSet"
        {
            return Err(Output::err(
                format!(
                    "error: no scaler has been implemented for {{\"{}\" \"{}\"}}\n",
                    kind.info().group,
                    kind.info().kind
                ),
                1,
            ));
        }
        let names: Vec<String> = if names.is_empty() {
            if !req.args.on("all") && !req.args.has("selector") {
                return Err(error(
                    "resource(s) were provided, but no name was specified",
                ));
            }
            list(req, env, kind)?
                .iter()
                .map(|o| o.meta.name.to_string())
                .collect()
        } else {
            names
        };
        for name in names {
            if let Some(current) = req
                .args
                .get("current-replicas")
                .and_then(|c| c.parse::<i64>().ok())
                .filter(|c| *c >= 0)
            {
                let live = read(req, env, kind, &name)?;
                let have = live.spec()["replicas"].as_i64().unwrap_or(1);
                if have != current {
                    return Err(error(format!(
                        "Expected replicas to be {current}, was {have}"
                    )));
                }
            }
            let o = modify(req, env, kind, &name, |j| {
                j["spec"]["replicas"] = json!(replicas);
                Ok(())
            })?;
            out.push_str(&format!("{} scaled\n", ref_name(&o)));
        }
    }
    Ok(Output::ok(out))
}

fn autoscale(req: &Req, env: &mut CliEnv) -> Res {
    if !req.args.has("max") {
        return Err(req.required("max"));
    }
    let max = req
        .args
        .get("max")
        .and_then(|m| m.parse::<i64>().ok())
        .unwrap_or(-1);
    if max < 1 {
        return Err(error(format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        )));
    }
    let min = req
        .args
        .get("min")
        .and_then(|m| m.parse::<i64>().ok())
        .filter(|m| *m > 0)
        .unwrap_or(1);
    if min > max {
        return Err(error(format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        )));
    }
    let (kind, name) = one_target(req, &req.args.positional)?;
    let target = read(req, env, kind, &name)?;
    let hpa_name = req.args.get("name").unwrap_or(&name).to_owned();
    let mut spec = json!({
        "maxReplicas": max, "minReplicas": min,
        "scaleTargetRef": {"apiVersion": kind.api_version(), "kind": kind.info().kind, "name": name},
    });
    if let Some(cpu) = req
        .args
        .get("cpu-percent")
        .and_then(|c| c.parse::<i64>().ok())
        .filter(|c| *c >= 0)
    {
        spec["metrics"] = json!([{"resource": {"name": "cpu", "target": {"averageUtilization": cpu, "type": "Utilization"}}, "type": "Resource"}]);
    }
    let body = json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": hpa_name, "namespace": target.meta.namespace.as_str()}, "spec": spec});
    let object = Object::from_json(&body).map_err(error)?;
    let mode = dry_run(req)?;
    let created = submit_create(req, env, object, mode)?;
    Ok(Output::ok(format!(
        "{} autoscaled{}\n",
        ref_name(&created),
        suffix(mode)
    )))
}

// ---------------------------------------------------------------- rollout

fn revision_of(o: &Object) -> i64 {
    o.meta
        .annotation("deployment.kubernetes.io/revision")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn owned_sets(env: &CliEnv, d: &Object) -> Vec<Arc<Object>> {
    let mut sets: Vec<Arc<Object>> = env
        .cluster
        .store
        .list(k::replicaset(), Some(&d.meta.namespace))
        .filter(|rs| rs.meta.controller().is_some_and(|o| o.uid == d.meta.uid))
        .cloned()
        .collect();
    sets.sort_shared_by_key(|rs| revision_of(rs));
    sets
}

/// The `rollout status` line for a deployment, and whether the rollout is done.
fn deployment_progress(d: &Object) -> (String, bool) {
    let status = d.status_json();
    let name = &d.meta.name;
    let int = |k: &str| status[k].as_i64().unwrap_or(0);
    let want = d.spec()["replicas"].as_i64().unwrap_or(1);
    if int("observedGeneration") < d.meta.generation {
        return (
            "Waiting for deployment spec update to be observed...\n".into(),
            false,
        );
    }
    let updated = int("updatedReplicas");
    if updated < want {
        return (
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {updated} out of {want} new replicas have been updated...\n"
            ),
            false,
        );
    }
    let total = int("replicas");
    if total > updated {
        return (
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n",
                total - updated
            ),
            false,
        );
    }
    let available = int("availableReplicas");
    if available < updated {
        return (
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...\n"
            ),
            false,
        );
    }
    (
        format!("deployment \"{name}\" successfully rolled out\n"),
        true,
    )
}

pub(crate) fn rollout(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let words = &req.args.positional;
    let Some(sub) = words.first() else {
        return Ok(CliResult::plain(super::help::group(req.tool, "rollout")));
    };
    if !matches!(
        sub.as_str(),
        "history" | "pause" | "restart" | "resume" | "status" | "undo"
    ) {
        return Err(objects::unknown_subcommand(req.tool, "rollout", words));
    }
    let (kind, name) = one_target(req, &words[1..])?;
    // Only Deployments can be paused and resumed; the other subcommands also take DaemonSets and StatefulSets.
    let supported = match sub.as_str() {
        "pause" | "resume" => [k::deployment(), k::deployment_config()].contains(&kind),
        _ => [
            k::deployment(),
            k::daemonset(),
            k::statefulset(),
            k::deployment_config(),
        ]
        .contains(&kind),
    };
    if !supported {
        // kubectl finds the object first, then the helper for its kind.
        read(req, env, kind, &name)?;
        let info = kind.info();
        let qualified = |base: &str| {
            if info.group.is_empty() {
                base.to_owned()
            } else {
                format!("{base}.{}", info.group)
            }
        };
        let group_kind = qualified(info.kind);
        return Err(error(match sub.as_str() {
            "status" => format!("no status viewer has been implemented for {group_kind}"),
            "history" => format!("no history viewer has been implemented for \"{group_kind}\""),
            "undo" => format!("no rollbacker has been implemented for \"{group_kind}\""),
            verb => format!(
                "{} \"{name}\" {} is not supported",
                qualified(info.plural),
                match verb {
                    "pause" => "pausing",
                    "resume" => "resuming",
                    _ => "restarting",
                }
            ),
        }));
    }
    let plain = |o: Output| Ok(CliResult::plain(o));
    match sub.as_str() {
        "status" => {
            let start = env.cluster.now;
            let mut out = String::new();
            let mut last = String::new();
            // Without --timeout kubectl waits until the deployment's progress deadline passes.
            let explicit = req
                .args
                .get("timeout")
                .and_then(super::commands::parse_duration_ms)
                .filter(|t| *t > 0);
            let deadline = read(req, env, kind, &name)?.spec()["progressDeadlineSeconds"]
                .as_i64()
                .unwrap_or(600)
                * 1000;
            let timeout = explicit.unwrap_or(deadline);
            loop {
                let d = read(req, env, kind, &name)?;
                let (line, done) = if kind == k::deployment() {
                    deployment_progress(&d)
                } else {
                    let s = d.status_json();
                    let ready = s["numberReady"]
                        .as_i64()
                        .or(s["readyReplicas"].as_i64())
                        .unwrap_or(0);
                    let want = s["desiredNumberScheduled"]
                        .as_i64()
                        .or(d.spec()["replicas"].as_i64())
                        .unwrap_or(0);
                    if ready >= want {
                        (
                            format!(
                                "{} \"{name}\" successfully rolled out\n",
                                if kind == k::daemonset() {
                                    "daemon set"
                                } else {
                                    "partitioned roll out complete: statefulset"
                                }
                            ),
                            true,
                        )
                    } else {
                        (
                            format!(
                                "Waiting for {} \"{name}\" rollout to finish: {ready} of {want} updated pods are available...\n",
                                if kind == k::daemonset() {
                                    "daemon set"
                                } else {
                                    "statefulset"
                                }
                            ),
                            false,
                        )
                    }
                };
                if line != last {
                    out.push_str(&line);
                    last = line;
                }
                if done || req.args.get("watch").is_some_and(|w| w != "true") {
                    break;
                }
                if env.cluster.now - start >= timeout {
                    return Ok(CliResult {
                        output: Output {
                            stdout: out,
                            stderr: if explicit.is_some() || kind != k::deployment() {
                                "error: timed out waiting for the condition\n".to_owned()
                            } else {
                                format!(
                                    "error: deployment \"{name}\" exceeded its progress deadline\n"
                                )
                            },
                            code: 1,
                        },
                        effect: advanced(env.cluster.now - start),
                    });
                }
                env.cluster.advance(1000);
            }
            Ok(CliResult {
                output: Output::ok(out),
                effect: advanced(env.cluster.now - start),
            })
        }
        "history" => {
            let d = read(req, env, kind, &name)?;
            let sets = owned_sets(env, &d);
            if let Some(rev) = req
                .args
                .get("revision")
                .and_then(|r| r.parse::<i64>().ok())
                .filter(|r| *r > 0)
            {
                let Some(rs) = sets.iter().find(|rs| revision_of(rs) == rev) else {
                    return Err(error("unable to find the specified revision"));
                };
                return plain(Output::ok(revision_text(
                    &ref_name(&d),
                    rev,
                    &rs.spec()["template"],
                )));
            }
            let mut rows = vec![vec!["REVISION".to_owned(), "CHANGE-CAUSE".into()]];
            for rs in &sets {
                rows.push(vec![
                    revision_of(rs).to_string(),
                    rs.meta
                        .annotation("kubernetes.io/change-cause")
                        .unwrap_or("<none>")
                        .to_owned(),
                ]);
            }
            plain(Output::ok(format!(
                "{}\n{}\n",
                ref_name(&d),
                printers::table::tabwrite(&rows)
            )))
        }
        "undo" => {
            let d = read(req, env, kind, &name)?;
            let sets = owned_sets(env, &d);
            let current = revision_of(&d);
            let to = req
                .args
                .get("to-revision")
                .and_then(|r| r.parse::<i64>().ok())
                .unwrap_or(0);
            let target = if to > 0 {
                sets.iter()
                    .find(|rs| revision_of(rs) == to)
                    .cloned()
                    .ok_or_else(|| {
                        error(format!("unable to find specified revision {to} in history"))
                    })?
            } else {
                sets.iter()
                    .rev()
                    .find(|rs| {
                        revision_of(rs) != current
                            && revision_of(rs) < current.max(1) + 1
                            && revision_of(rs) != current
                    })
                    .cloned()
                    .filter(|_| sets.len() > 1)
                    .ok_or_else(|| {
                        error(format!(
                            "no rollout history found for deployment \"{name}\""
                        ))
                    })?
            };
            if revision_of(&target) == current {
                return plain(Output::ok(format!(
                    "{} skipped rollback (current template already matches revision {})\n",
                    ref_name(&d),
                    current
                )));
            }
            let mut template = target.spec()["template"].clone();
            if let Some(labels) = template
                .pointer_mut("/metadata/labels")
                .and_then(Value::as_object_mut)
            {
                labels.remove("pod-template-hash");
            }
            let o = modify(req, env, kind, &name, |j| {
                j["spec"]["template"] = template;
                Ok(())
            })?;
            plain(Output::ok(format!("{} rolled back\n", ref_name(&o))))
        }
        "restart" => {
            let now = crate::api::time::rfc3339(env.cluster.now);
            let o = modify(req, env, kind, &name, |j| {
                j["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] =
                    json!(now);
                Ok(())
            })?;
            plain(Output::ok(format!("{} restarted\n", ref_name(&o))))
        }
        "pause" | "resume" => {
            let pausing = sub == "pause";
            let d = read(req, env, kind, &name)?;
            let paused = d.spec()["paused"].as_bool().unwrap_or(false);
            if paused == pausing {
                return Err(error(format!(
                    "{} \"{name}\" is {}",
                    kind.qualified_plural(),
                    if pausing {
                        "already paused"
                    } else {
                        "not paused"
                    }
                )));
            }
            let o = modify(req, env, kind, &name, |j| {
                if pausing {
                    j["spec"]["paused"] = json!(true);
                } else if let Some(s) = j["spec"].as_object_mut() {
                    s.remove("paused");
                }
                Ok(())
            })?;
            plain(Output::ok(format!(
                "{} {}\n",
                ref_name(&o),
                if pausing { "paused" } else { "resumed" }
            )))
        }
        _ => Err(objects::unknown_subcommand(req.tool, "rollout", words)),
    }
}

/// What `rollout history --revision=N` prints: the revision's pod template as `describe` lays it out, its tabs
/// left unaligned as kubectl leaves them.
pub(crate) fn revision_text(name: &str, rev: i64, template: &Value) -> String {
    let mut w = crate::printers::describe::PrefixWriter::new();
    crate::printers::describe::describe_pod_template_into(&mut w, Some(template));
    format!("{name} with revision #{rev}\n{}\n", w.into_raw())
}

// ---------------------------------------------------------------- set

fn template_containers(j: &mut Value, kind: Kind) -> Option<&mut Vec<Value>> {
    let pointer = if kind == k::pod() {
        "/spec/containers"
    } else if kind == k::cronjob() {
        "/spec/jobTemplate/spec/template/spec/containers"
    } else {
        "/spec/template/spec/containers"
    };
    j.pointer_mut(pointer).and_then(Value::as_array_mut)
}

/// `set env --list`: each selected container of the pod template (init containers last) as a `# Kind name,
/// container c` comment and its variables, a reference shown as `# NAME from <source>`.
fn list_env(object: &Object, name: &str, filter: &str) -> String {
    let j = object.to_json();
    let kind = object.kind;
    let mut out = String::new();
    let pointer = if kind == k::pod() {
        "/spec"
    } else if kind == k::cronjob() {
        "/spec/jobTemplate/spec/template/spec"
    } else {
        "/spec/template/spec"
    };
    let pod_spec = j.pointer(pointer).cloned().unwrap_or_default();
    for c in ["containers", "initContainers"]
        .iter()
        .flat_map(|f| pod_spec[*f].as_array().cloned().unwrap_or_default())
        .filter(|c| filter == "*" || c["name"] == filter)
    {
        out.push_str(&format!(
            "# {} {name}, container {}\n",
            kind.info().kind,
            c["name"].as_str().unwrap_or_default()
        ));
        for e in c["env"].as_array().into_iter().flatten() {
            let var = e["name"].as_str().unwrap_or_default();
            let from = &e["valueFrom"];
            if from.is_null() {
                out.push_str(&format!(
                    "{var}={}\n",
                    e["value"].as_str().unwrap_or_default()
                ));
                continue;
            }
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let source = if from["configMapKeyRef"].is_object() {
                let r = &from["configMapKeyRef"];
                format!("configmap {}, key {}", text(&r["name"]), text(&r["key"]))
            } else if from["secretKeyRef"].is_object() {
                let r = &from["secretKeyRef"];
                format!("secret {}, key {}", text(&r["name"]), text(&r["key"]))
            } else if from["fieldRef"].is_object() {
                format!("field path {}", text(&from["fieldRef"]["fieldPath"]))
            } else if from["resourceFieldRef"].is_object() {
                let r = &from["resourceFieldRef"];
                let container = text(&r["containerName"]);
                let prefix = if container.is_empty() {
                    String::new()
                } else {
                    format!("{container}/")
                };
                format!("resource field {prefix}{}", text(&r["resource"]))
            } else {
                "invalid valueFrom".to_owned()
            };
            out.push_str(&format!("# {var} from {source}\n"));
        }
    }
    out
}

fn set(req: &Req, env: &mut CliEnv) -> Res {
    let words = &req.args.positional;
    let Some(sub) = words.first().cloned() else {
        return Err(super::help::group(req.tool, "set"));
    };
    let known = matches!(sub.as_str(), "env" | "image" | "resources")
        || (sub == "probe" && req.tool == "oc");
    if !known {
        return Err(objects::unknown_subcommand(req.tool, "set", words));
    }
    let rest = &words[1..];
    // The target is the first word or two; the rest are assignments.
    let split = if rest.first().is_some_and(|w| w.contains('/')) {
        1
    } else {
        2
    };
    if rest.is_empty() && sub == "env" {
        return Err(error(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if rest.is_empty() {
        return Err(error(NO_RESOURCES));
    }
    if rest.len() < split {
        return Err(error(
            "resource(s) were provided, but no name was specified",
        ));
    }
    let (kind, name) = one_target(req, &rest[..split])?;
    let assignments: Vec<String> = rest[split..].to_vec();
    let container_filter = req.args.get("containers").unwrap_or("*").to_owned();
    let matches_filter =
        |c: &Value| container_filter == "*" || c["name"] == container_filter.as_str();
    match sub.as_str() {
        "image" => {
            if assignments.is_empty() {
                return Err(error("at least one image update is required"));
            }
            let o = modify(req, env, kind, &name, |j| {
                let containers = template_containers(j, kind)
                    .ok_or_else(|| error("unable to find containers"))?;
                for a in &assignments {
                    let Some((cname, image)) = a.split_once('=') else {
                        return Err(error(format!("invalid image update: {a}")));
                    };
                    let mut found = false;
                    for c in containers.iter_mut() {
                        if cname == "*" || c["name"] == cname {
                            c["image"] = json!(image);
                            found = true;
                        }
                    }
                    if !found {
                        return Err(error(format!("unable to find container named \"{cname}\"")));
                    }
                }
                Ok(())
            })?;
            Ok(Output::ok(format!("{} image updated\n", ref_name(&o))))
        }
        "env" if req.args.on("list") => {
            let live = read(req, env, kind, &name)?;
            Ok(Output::ok(list_env(&live, &name, &container_filter)))
        }
        "env" => {
            // `--from=secret/NAME` or `configmap/NAME`: one variable per key, read from the object when the pod
            // starts (`valueFrom`), named by the key in capitals with other characters as `_`, after `--prefix`.
            let mut imported: Vec<Value> = Vec::new();
            if let Some(from) = req.args.get("from") {
                let Some((type_name, source)) = from.split_once('/') else {
                    return Err(error(
                        "arguments in resource/name form must have a single resource and name",
                    ));
                };
                let source_kind = req.kind(type_name)?;
                let object = read(req, env, source_kind, source)?;
                let (field, reference) = if source_kind == k::secret() {
                    ("data", "secretKeyRef")
                } else if source_kind == k::configmap() {
                    ("data", "configMapKeyRef")
                } else {
                    return Err(error("unsupported resource specified in --from"));
                };
                let keys: Vec<String> = object.to_json()[field]
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                let wanted = req.args.slice("keys");
                let prefix = req.args.get("prefix").unwrap_or("");
                for key in keys
                    .into_iter()
                    .filter(|k| wanted.is_empty() || wanted.contains(k))
                {
                    let env_name: String = key
                        .chars()
                        .map(|c| {
                            if c.is_ascii_alphanumeric() || c == '_' {
                                c.to_ascii_uppercase()
                            } else {
                                '_'
                            }
                        })
                        .collect();
                    imported.push(json!({"name": format!("{prefix}{env_name}"),
                        "valueFrom": {reference: {"key": key, "name": source}}}));
                }
            }
            if assignments.is_empty() && imported.is_empty() {
                return Err(error("at least one environment variable must be provided"));
            }
            let o = modify(req, env, kind, &name, |j| {
                let containers = template_containers(j, kind)
                    .ok_or_else(|| error("unable to find containers"))?;
                for c in containers.iter_mut().filter(|c| matches_filter(c)) {
                    let mut envs: Vec<Value> = c["env"].as_array().cloned().unwrap_or_default();
                    for a in &assignments {
                        if let Some(key) = a.strip_suffix('-') {
                            envs.retain(|e| e["name"] != key);
                        } else if let Some((key, value)) = a.split_once('=') {
                            match envs.iter_mut().find(|e| e["name"] == key) {
                                Some(e) => e["value"] = json!(value),
                                None => envs.push(json!({"name": key, "value": value})),
                            }
                        }
                    }
                    for var in &imported {
                        match envs.iter_mut().find(|e| e["name"] == var["name"]) {
                            Some(e) => *e = var.clone(),
                            None => envs.push(var.clone()),
                        }
                    }
                    if envs.is_empty() {
                        c.as_object_mut().map(|m| m.remove("env"));
                    } else {
                        c["env"] = Value::Array(envs);
                    }
                }
                Ok(())
            })?;
            Ok(Output::ok(format!("{} env updated\n", ref_name(&o))))
        }
        "probe" => {
            let probe = probe_change(req)?;
            let o = modify(req, env, kind, &name, |j| {
                let containers = template_containers(j, kind)
                    .ok_or_else(|| error("unable to find containers"))?;
                for c in containers.iter_mut().filter(|c| matches_filter(c)) {
                    probe.apply(c);
                }
                Ok(())
            })?;
            Ok(Output::ok(format!("{} probes updated\n", ref_name(&o))))
        }
        "resources" => {
            let parse = |flag: &str| -> BTreeMap<String, String> {
                req.args
                    .get(flag)
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|p| p.split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            };
            let limits = parse("limits");
            let requests = parse("requests");
            if limits.is_empty() && requests.is_empty() {
                return Err(error(
                    "you must specify an update to requests or limits (in the form of --requests/--limits)",
                ));
            }
            let o = modify(req, env, kind, &name, |j| {
                let containers = template_containers(j, kind)
                    .ok_or_else(|| error("unable to find containers"))?;
                for c in containers.iter_mut().filter(|c| matches_filter(c)) {
                    for (section, values) in [("limits", &limits), ("requests", &requests)] {
                        for (k, v) in values {
                            c["resources"][section][k] = json!(v);
                        }
                    }
                }
                Ok(())
            })?;
            Ok(Output::ok(format!(
                "{} resource requirements updated\n",
                ref_name(&o)
            )))
        }
        _ => Err(objects::unknown_subcommand(req.tool, "set", words)),
    }
}

/// What `oc set probe` changes: which probes, their handler (an HTTP GET, a TCP port or a command after `--`),
/// the timings given, or their removal.
struct ProbeChange {
    probes: Vec<&'static str>,
    remove: bool,
    handler: Option<(&'static str, Value)>,
    timings: Vec<(&'static str, i64)>,
}

impl ProbeChange {
    fn apply(&self, container: &mut Value) {
        for probe in &self.probes {
            if self.remove {
                if let Some(c) = container.as_object_mut() {
                    c.remove(*probe);
                }
                continue;
            }
            let entry = &mut container[*probe];
            if !entry.is_object() {
                *entry = json!({});
            }
            if let (Some((field, handler)), Some(p)) = (&self.handler, entry.as_object_mut()) {
                for other in ["httpGet", "tcpSocket", "exec", "grpc"] {
                    p.remove(other);
                }
                p.insert((*field).to_owned(), handler.clone());
            }
            for (field, value) in &self.timings {
                entry[*field] = json!(value);
            }
        }
    }
}

/// Reads and checks `oc set probe`'s flags as oc does, in its order and with its words.
fn probe_change(req: &Req) -> Result<ProbeChange, Output> {
    let probes: Vec<&'static str> = [
        ("readiness", "readinessProbe"),
        ("liveness", "livenessProbe"),
        ("startup", "startupProbe"),
    ]
    .into_iter()
    .filter(|(flag, _)| req.args.on(flag))
    .map(|(_, field)| field)
    .collect();
    let number = |flag: &str| -> Result<Option<i64>, Output> {
        match req.args.get(flag) {
            None => Ok(None),
            Some(text) => text.parse().map(Some).map_err(|_| {
                error(format!(
                    "invalid argument \"{text}\" for \"--{flag}\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax"
                ))
            }),
        }
    };
    let port_value = |text: &str| -> Value {
        text.parse::<i64>()
            .map_or_else(|_| json!(text), |n| json!(n))
    };
    let mut handler = None;
    let mut handlers = 0;
    if let Some(command) = &req.args.rest {
        handlers += 1;
        handler = Some(("exec", json!({"command": command})));
    }
    if let Some(port) = req.args.get("open-tcp") {
        handlers += 1;
        handler = Some(("tcpSocket", json!({"port": port_value(port)})));
    }
    let mut url_port = None;
    if let Some(url) = req.args.get("get-url") {
        handlers += 1;
        let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
        let (authority, path) = rest
            .find('/')
            .map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
        let (host, port) = authority.rsplit_once(':').unwrap_or((authority, ""));
        let host = if host == "localhost" { "" } else { host };
        let mut get = json!({"path": path, "port": port_value(port)});
        if !host.is_empty() {
            get["host"] = json!(host);
        }
        if !scheme.is_empty() {
            get["scheme"] = json!(scheme.to_ascii_uppercase());
        }
        url_port = Some(port.to_owned());
        handler = Some(("httpGet", get));
    }
    let remove = req.args.on("remove");
    if probes.is_empty() {
        return Err(error(
            "you must specify at least one of --readiness, --liveness, --startup",
        ));
    }
    if remove && handlers != 0 {
        return Err(error(
            "--remove may not be used with any flag except --readiness or --liveness",
        ));
    }
    if handlers > 1 {
        return Err(error(
            "you may only set one of --get-url, --open-tcp, or command",
        ));
    }
    if req
        .args
        .get("open-tcp")
        .and_then(|p| p.parse::<i64>().ok())
        .is_some_and(|p| p > 65535)
    {
        return Err(error(
            "--open-tcp must be a port number between 1 and 65535 or an IANA port name",
        ));
    }
    let mut timings = Vec::new();
    for (flag, field, least, rule) in [
        (
            "initial-delay-seconds",
            "initialDelaySeconds",
            0,
            "may not be negative",
        ),
        (
            "timeout-seconds",
            "timeoutSeconds",
            0,
            "may not be negative",
        ),
        ("period-seconds", "periodSeconds", 0, "may not be negative"),
        (
            "success-threshold",
            "successThreshold",
            1,
            "may not be less than one",
        ),
        (
            "failure-threshold",
            "failureThreshold",
            1,
            "may not be less than one",
        ),
    ] {
        if let Some(value) = number(flag)? {
            if value < least {
                return Err(error(format!("--{flag} {rule}")));
            }
            timings.push((field, value));
        }
    }
    if url_port.as_deref() == Some("") {
        return Err(error("port must be specified as part of a url"));
    }
    Ok(ProbeChange {
        probes,
        remove,
        handler,
        timings,
    })
}

// ---------------------------------------------------------------- expose

fn expose(req: &Req, env: &mut CliEnv) -> Res {
    let (kind, name) = one_target(req, &req.args.positional)?;
    let target = read(req, env, kind, &name)?;
    let mode = dry_run(req)?;
    if kind == k::service() && req.openshift {
        return super::openshift::expose_route(req, env, &target, mode);
    }
    let (selector, ports_from): (Value, Vec<Value>) = if kind == k::pod() {
        let labels: Map<String, Value> = target
            .meta
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        if labels.is_empty() {
            return Err(error(format!(
                "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n{}",
                req.see_help()
            )));
        }
        (
            Value::Object(labels),
            target.spec()["containers"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        )
    } else if kind == k::service() {
        (target.spec()["selector"].clone(), vec![])
    } else {
        let sel = target.spec()["selector"].clone();
        let sel = sel.get("matchLabels").cloned().unwrap_or(sel);
        (
            sel,
            target.spec()["template"]["spec"]["containers"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        )
    };
    let selector = match req.args.get("selector") {
        Some(s) => Value::Object(
            s.split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), json!(v)))
                .collect(),
        ),
        None => selector,
    };
    let mut ports: Vec<i64> = Vec::new();
    if let Some(p) = req.args.get("port") {
        for part in p.split(',') {
            ports.push(
                part.parse()
                    .map_err(|_| error(format!("invalid port: {part}")))?,
            );
        }
    } else if kind == k::service() {
        ports = target.spec()["ports"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["port"].as_i64())
            .collect();
    } else {
        for c in &ports_from {
            for p in c["ports"].as_array().into_iter().flatten() {
                if let Some(n) = p["containerPort"].as_i64() {
                    ports.push(n);
                }
            }
        }
    }
    if ports.is_empty() {
        return Err(error(format!(
            "couldn't find port via --port flag or introspection\n{}",
            req.see_help()
        )));
    }
    let svc_name = req.args.get("name").unwrap_or(&name).to_owned();
    let target_port = req.args.get("target-port");
    let many = ports.len() > 1;
    let port_list: Vec<Value> = ports
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let tp = match target_port {
                Some(t) => t.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(t)),
                None => json!(p),
            };
            let mut e = json!({"port": p, "protocol": req.args.get("protocol").unwrap_or("TCP"), "targetPort": tp});
            if many {
                e["name"] = json!(format!("port-{}", i + 1));
            }
            e
        })
        .collect();
    let mut spec = json!({"ports": port_list, "selector": selector});
    if let Some(t) = req.args.get("type") {
        let normalised = match t.to_ascii_lowercase().as_str() {
            "nodeport" => "NodePort",
            "clusterip" => "ClusterIP",
            "loadbalancer" => "LoadBalancer",
            "externalname" => "ExternalName",
            _ => {
                return Err(error(format!(
                    "Service \"{svc_name}\" is invalid: spec.type: Unsupported value: \"{t}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
                )));
            }
        };
        spec["type"] = json!(normalised);
    }
    let mut labels = json!({});
    for (k, v) in target.meta.labels.iter() {
        labels[k] = json!(v);
    }
    let mut meta = json!({"name": svc_name, "namespace": target.meta.namespace.as_str()});
    if labels.as_object().is_some_and(|m| !m.is_empty()) {
        meta["labels"] = labels;
    }
    let body = json!({"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec});
    let object = Object::from_json(&body).map_err(error)?;
    let created = submit_create(req, env, object, mode)?;
    Ok(Output::ok(format!(
        "{} exposed{}\n",
        ref_name(&created),
        suffix(mode)
    )))
}

// ---------------------------------------------------------------- run

fn run(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(image) = req.args.get("image") else {
        return Err(req.required("image"));
    };
    let Some(name) = req.args.positional.first().cloned() else {
        return Err(error(format!(
            "NAME is required for run\n{}",
            req.see_help()
        )));
    };
    let interactive = req.args.on("stdin") || req.args.on("tty");
    // Both are usage errors, which kubectl follows with the usage hint.
    if req.args.on("rm") && !interactive {
        return Err(error(format!(
            "--rm should only be used for attached containers\n{}",
            req.see_help()
        )));
    }
    let restart = req.args.get("restart").unwrap_or("Always");
    if !["Always", "OnFailure", "Never"].contains(&restart) {
        return Err(error(format!(
            "invalid restart policy: {restart}\n{}",
            req.see_help()
        )));
    }
    let mut container = json!({"image": image, "name": name, "resources": {}});
    if let Some(p) = req.args.get("port").filter(|p| !p.is_empty()) {
        // The generator reads the port with Go's strconv.Atoi.
        let port = p.parse::<i64>().map_err(|e| {
            let why = if matches!(
                e.kind(),
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
            ) {
                "value out of range"
            } else {
                "invalid syntax"
            };
            error(format!("strconv.Atoi: parsing \"{p}\": {why}"))
        })?;
        container["ports"] = json!([{"containerPort": port}]);
    }
    let extra: Vec<String> = req
        .args
        .rest
        .clone()
        .unwrap_or_default()
        .into_iter()
        .chain(req.args.positional[1..].iter().cloned())
        .collect();
    if !extra.is_empty() {
        if req.args.on("command") {
            container["command"] = json!(extra);
        } else {
            container["args"] = json!(extra);
        }
    }
    let envs = env_vars(req);
    if !envs.is_empty() {
        container["env"] = Value::Array(envs);
    }
    if interactive {
        container["stdin"] = json!(true);
        container["stdinOnce"] = json!(true);
        container["tty"] = json!(req.args.on("tty"));
    }
    let mut labels = Map::new();
    labels.insert("run".into(), json!(name));
    if let Some(l) = req.args.get("labels") {
        labels = l
            .split(',')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), json!(v)))
            .collect();
    }
    let mut body = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": labels, "name": name},
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart}});
    if let Some(overrides) = req.args.get("overrides").filter(|o| !o.is_empty()) {
        apply_overrides(
            &mut body,
            overrides,
            req.args.get("override-type").unwrap_or("merge"),
        )
        .map_err(error)?;
        overridden_kind_registered(req, &body)?;
    }
    let mut object = Object::from_json(&body).map_err(error)?;
    object.meta.namespace = req.ns.as_str().into();
    let mode = dry_run(req)?;
    if mode == "client" {
        return report_client(req, &body, &object, env.cluster.now).map(CliResult::plain);
    }
    let created = submit_create(req, env, object, mode)?;
    if !interactive {
        let mut out = report(req, &created, "created", mode, env.cluster.now)?;
        if req.args.on("expose") {
            let port = req.args.get("port").unwrap_or("80");
            let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": req.ns},
                "spec": {"ports": [{"port": port.parse::<i64>().unwrap_or(80), "protocol": "TCP", "targetPort": port.parse::<i64>().unwrap_or(80)}], "selector": {"run": name}}});
            let svc = Object::from_json(&svc).map_err(error)?;
            let svc = submit_create(req, env, svc, mode)?;
            out.stdout = format!("{} created\n{}", ref_name(&svc), out.stdout);
        }
        return Ok(CliResult::plain(out));
    }
    // Attach: wait for the container to start, then hand the terminal to the shell.
    let start = env.cluster.now;
    let phase = super::commands::wait_while_pending(env, &req.ns, &name);
    let pod = env.cluster.get(k::pod(), &req.ns, &name);
    if phase != Some(crate::api::Phase::Running) {
        let mut out = Output::default();
        if let Some(p) = &pod
            && let Ok(log) =
                crate::cluster::controllers::kubelet::container_log(env.cluster, p, None, false)
        {
            out.stdout.push_str(&log);
        }
        if req.args.on("rm") {
            let _ = env
                .cluster
                .delete(&req.user, k::pod(), &req.ns, &name, false);
            env.cluster.remove(k::pod(), &req.ns, &name);
            out.stdout.push_str(&format!("pod \"{name}\" deleted\n"));
        }
        return Ok(CliResult {
            output: out,
            effect: advanced(env.cluster.now - start),
        });
    }
    let command = if extra.is_empty() {
        vec!["sh".to_owned()]
    } else {
        extra
    };
    Ok(CliResult {
        output: Output::ok("If you don't see a command prompt, try pressing enter.\n"),
        effect: Some(Effect::ContainerShell {
            namespace: req.ns.clone(),
            pod: name.clone(),
            container: name,
            command,
            interactive: true,
            remove_on_exit: req.args.on("rm"),
            debug: false,
        }),
    })
}

// ---------------------------------------------------------------- label and annotate

fn label(req: &Req, env: &mut CliEnv) -> Res {
    let annotate = req.cmd == "annotate";
    let words = &req.args.positional;
    let (target_words, changes): (Vec<String>, Vec<String>) = words
        .iter()
        .cloned()
        .partition(|w| !(w.contains('=') || (w.ends_with('-') && !w.contains('/'))));
    let what = if annotate { "annotation" } else { "label" };
    // Reading the changes comes first, then the validation of the selection.
    let removed: Vec<&str> = changes.iter().filter_map(|c| c.strip_suffix('-')).collect();
    if changes
        .iter()
        .filter_map(|c| c.split_once('='))
        .any(|(key, _)| removed.contains(&key))
    {
        return Err(error(format!(
            "can not both modify and remove {} {what} in the same command",
            if annotate { "an" } else { "a" }
        )));
    }
    if req.args.on("all") {
        for (flag, name) in [
            ("selector", "--selector"),
            ("field-selector", "--field-selector"),
        ] {
            if req.args.has(flag) {
                return Err(error(format!(
                    "cannot set --all and {name} at the same time"
                )));
            }
        }
    }
    if changes.is_empty() && !req.args.on("list") {
        if target_words.is_empty() {
            return Err(error(
                "one or more resources must be specified as <resource> <name> or <resource>/<name>",
            ));
        }
        return Err(error(format!("at least one {what} update is required")));
    }
    let wanted = targets(req, &target_words)?;
    if wanted.is_empty() {
        return Err(error(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    let mut out = String::new();
    for (kind, names) in wanted {
        let names: Vec<String> = if names.is_empty() {
            if !req.args.on("all") && !req.args.has("selector") {
                return Err(error(
                    "resource(s) were provided, but no name was specified",
                ));
            }
            list(req, env, kind)?
                .iter()
                .map(|o| o.meta.name.to_string())
                .collect()
        } else {
            names
        };
        for name in names {
            let live = read(req, env, kind, &name)?;
            let mut map: BTreeMap<String, String> = if annotate {
                (*live.meta.annotations).clone()
            } else {
                (*live.meta.labels).clone()
            };
            let before = map.clone();
            for change in &changes {
                if let Some(key) = change.strip_suffix('-') {
                    map.remove(key);
                    continue;
                }
                let (key, value) = change.split_once('=').unwrap_or((change, ""));
                if !annotate && !crate::api::validation::is_label_value(value) {
                    return Err(error(format!(
                        "invalid label value: \"{change}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
                    )));
                }
                if let Some(old) = map.get(key)
                    && old != value
                    && !req.args.on("overwrite")
                {
                    return Err(error(format!(
                        "'{key}' already has a value ({old}), and --overwrite is false"
                    )));
                }
                map.insert(key.to_owned(), value.to_owned());
            }
            let verb = if annotate { "annotated" } else { "labeled" };
            if map == before {
                out.push_str(&format!("{} not {verb}\n", ref_name(&live)));
                continue;
            }
            let mut updated = (*live).clone();
            if annotate {
                updated.meta.annotations = Arc::new(map);
            } else {
                updated.meta.labels = Arc::new(map);
            }
            updated.meta.resource_version = 0;
            let mode = dry_run(req)?;
            env.cluster
                .update(&req.user, updated, mode != "none")
                .map_err(|e| api_error(&e))?;
            out.push_str(&format!("{} {verb}{}\n", ref_name(&live), suffix(mode)));
        }
    }
    Ok(Output::ok(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_follow_their_rfcs() {
        let mut v = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(&mut v, &json!({"b": {"c": null, "e": 4}, "l": [3]}));
        assert_eq!(v, json!({"a": 1, "b": {"d": 3, "e": 4}, "l": [3]}));
        let mut d =
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        strategic_merge(
            &mut d,
            &json!({"containers": [{"name": "b", "image": "z"}]}),
        );
        assert_eq!(
            d,
            json!({"containers": [{"name": "b", "image": "z"}, {"name": "a", "image": "x"}]})
        );
        let mut j = json!({"spec": {"replicas": 1, "list": [1, 2]}});
        json_patch(&mut j, &json!([{"op": "replace", "path": "/spec/replicas", "value": 3}, {"op": "add", "path": "/spec/list/-", "value": 9}, {"op": "remove", "path": "/spec/list/0"}])).unwrap();
        assert_eq!(j, json!({"spec": {"replicas": 3, "list": [2, 9]}}));
        assert!(
            json_patch(
                &mut j,
                &json!([{"op": "replace", "path": "/spec/nope", "value": 1}])
            )
            .is_err()
        );
    }
}
