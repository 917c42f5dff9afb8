//! Command dispatch and the commands that read the cluster: get, describe, logs, events, version, api-resources, config, auth, explain, top, wait, rollout status, node maintenance, exec and port-forward.

use crate::sort::SortShared;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use super::flags;
use super::help;
use super::objects::{self, Req, Res, api_error, error, list, read, render, targets};
use super::{CliEnv, CliResult, Effect, Kubeconfig};
use crate::api::{Kind, Object, k};
use crate::cluster::UserInfo;
use crate::cluster::metrics::MetricsApi;
use crate::exec::{Ctx, Output};
use crate::printers;

/// How long a watch (`get -w`, `logs -f`, `events -w`) streams before it stops as if the learner pressed Ctrl-C.
pub(crate) const WATCH_WINDOW_MS: i64 = 60_000;

/// Global flags that take a value, for finding the command word after them.
const GLOBAL_VALUE_FLAGS: &[&str] = &[
    "-n",
    "--namespace",
    "--context",
    "--kubeconfig",
    "-s",
    "--server",
    "--token",
    "--as",
    "--request-timeout",
    "-v",
];

/// Where the command word is among a `kubectl`/`oc` line's words after the tool's name, skipping the global flags
/// (and the values of those that take one) before it.
fn command_index(rest: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < rest.len() {
        let w = &rest[i];
        if !w.starts_with('-') {
            return Some(i);
        }
        if GLOBAL_VALUE_FLAGS.contains(&w.as_str()) {
            i += 1;
        }
        i += 1;
    }
    None
}

/// The command word of a `kubectl`/`oc` line (`config` in `kubectl --context x config view`).
pub fn command_word(argv: &[String]) -> Option<&str> {
    let rest = argv.get(1..).unwrap_or_default();
    command_index(rest).map(|i| rest[i].as_str())
}

/// The `--kubeconfig` file a `kubectl`/`oc` line names, if any: as pflag reads it, the last one given before `--`.
pub fn kubeconfig_flag(argv: &[String]) -> Option<&str> {
    let mut chosen = None;
    let mut words = argv.iter().skip(1);
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--kubeconfig=") {
            chosen = Some(value);
        } else if word == "--kubeconfig" {
            chosen = words.next().map(String::as_str);
        }
    }
    chosen
}

/// Runs one command line.
pub(crate) fn dispatch(argv: &[String], ctx: &mut Ctx, env: &mut CliEnv) -> CliResult {
    let tool: &'static str = match argv.first().map(String::as_str) {
        Some(t) if t == "oc" || t.ends_with("/oc") => "oc",
        _ => "kubectl",
    };
    let rest = argv.get(1..).unwrap_or_default();
    let Some(index) = command_index(rest) else {
        if rest.iter().any(|w| w == "-h" || w == "--help") || rest.is_empty() {
            return CliResult::plain(Output::ok(help::tool_help(tool)));
        }
        return match flags::parse(rest, &[]) {
            Err(e) => CliResult::plain(Output::err(
                format!("Error: {e}\nSee '{tool} --help' for usage.\n"),
                1,
            )),
            Ok(_) => CliResult::plain(Output::ok(help::tool_help(tool))),
        };
    };
    let command = rest[index].clone();
    let mut words: Vec<String> = rest[..index].to_vec();
    words.extend_from_slice(&rest[index + 1..]);
    if command == "help" {
        let target = words.iter().find(|w| !w.starts_with('-'));
        return CliResult::plain(Output::ok(match target.and_then(|t| help::spec(tool, t)) {
            Some(spec) => help::command_help(tool, spec),
            None => help::tool_help(tool),
        }));
    }
    if command == "options" {
        return CliResult::plain(Output::ok(format!(
            "The following options can be passed to any command:\n\n{}",
            flags::options_help(flags::GLOBAL)
        )));
    }
    let Some(spec) = help::spec(tool, &command) else {
        let suggestions = help::suggestions(tool, &command);
        let mut text = format!("Error: unknown command \"{command}\" for \"{tool}\"\n");
        if !suggestions.is_empty() {
            text.push_str("\nDid you mean this?\n");
            for s in suggestions {
                text.push_str(&format!("\t{s}\n"));
            }
            text.push('\n');
        }
        return CliResult::plain(Output::err(text, 1));
    };
    let path = flags::command_path(&command, &words);
    let parsed = flags::parse(&words, spec.flags)
        .and_then(|args| flags::check_values(&path, &args).map(|()| args));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            return CliResult::plain(Output::err(
                format!("Error: {e}\nSee '{tool} {path} --help' for usage.\n"),
                1,
            ));
        }
    };
    if args.on("help") {
        return CliResult::plain(Output::ok(help::command_help(tool, spec)));
    }
    // `--context` picks another context of the kubeconfig for this one command.
    let chosen = match args.get("context") {
        Some(name) if command != "config" => {
            if !env.kubeconfig.contexts.iter().any(|c| c.name == name) {
                return CliResult::plain(error(format!(
                    "context was not found for specified context: {name}"
                )));
            }
            let mut kc = env.kubeconfig.clone();
            kc.current_context = name.to_owned();
            kc
        }
        _ => env.kubeconfig.clone(),
    };
    let user = match args.get("as") {
        Some(name) => UserInfo {
            name: name.to_owned(),
            groups: vec!["system:authenticated".into()],
        },
        None => chosen.user_info(),
    };
    let ns = args
        .get("namespace")
        .map(str::to_owned)
        .unwrap_or_else(|| chosen.namespace());
    let mut req = Req {
        tool,
        cmd: command.clone(),
        args,
        user,
        ns,
        openshift: env.cluster.info.is_openshift(),
    };
    let logged_out = env.kubeconfig.user().is_none_or(|u| u.identity.is_empty());
    let local = matches!(
        command.as_str(),
        "config" | "completion" | "login" | "logout" | "version" | "explain"
    );
    if !local && let Some(refused) = unreachable(&chosen, &env.cluster.info) {
        return CliResult::plain(refused);
    }
    if logged_out && !local && !req.args.has("as") {
        return CliResult::plain(error("You must be logged in to the server (Unauthorized)"));
    }
    // DeploymentConfig requests come back with the API server's deprecation warning.
    let warn = super::builds::touches_dcs(&req, ctx);
    if let Some(result) = super::builds::intercept(&req, ctx, env) {
        return super::builds::with_warning(result, warn);
    }
    let result = match command.as_str() {
        "get" => get(&req, ctx, env),
        "describe" => describe(&req, ctx, env),
        "logs" => logs(&req, env),
        "events" => events(&req, env),
        "version" => Ok(CliResult::plain(version(&req, env))),
        "api-resources" => wrap(api_resources(&req, env)),
        "api-versions" => wrap(Ok(api_versions(&req, env))),
        "cluster-info" => wrap(Ok(cluster_info(&req, env))),
        "config" => wrap(config(&mut req, env)),
        "auth" => wrap(auth(&req, env)),
        "explain" => wrap(super::explain::explain(&req)),
        "top" => wrap(top(&req, env)),
        "completion" => wrap(completion(&req)),
        "wait" => wait(&req, env),
        "cordon" | "uncordon" => wrap(cordon(&req, env, command == "cordon")),
        "drain" => wrap(drain(&req, env)),
        "taint" => wrap(taint(&req, env)),
        "exec" => exec(&req, env),
        "port-forward" => wrap(port_forward(&req, env)),
        "cp" => copy(&req, ctx, env),
        "debug" => super::openshift::debug(&req, env),
        "rollout" => super::write::rollout(&req, env),
        "certificate" => wrap(super::openshift::certificate(&req, env)),
        "create" | "apply" | "delete" | "edit" | "patch" | "replace" | "scale" | "autoscale"
        | "set" | "expose" | "run" | "label" | "annotate" => super::write::dispatch(&req, ctx, env),
        _ => super::openshift::dispatch(&req, ctx, env),
    };
    super::builds::with_warning(result, warn)
}

fn wrap(result: Res) -> Result<CliResult, Output> {
    result.map(CliResult::plain)
}

/// Advances the cluster by `ms` in steps, returning the effect that tells the session.
pub(crate) fn advanced(ms: i64) -> Option<Effect> {
    (ms > 0).then_some(Effect::Advanced { ms })
}

/// Lets time pass a second at a time while pod `ns/name` is still Pending, for at most the watch window, as a client
/// waiting to attach does; returns the phase it ended in (`None` when the pod is gone).
pub(crate) fn wait_while_pending(
    env: &mut CliEnv,
    ns: &str,
    name: &str,
) -> Option<crate::api::Phase> {
    let start = env.cluster.now;
    loop {
        let phase = env
            .cluster
            .get(k::pod(), ns, name)
            .and_then(|p| p.pod().map(|s| s.phase));
        if phase != Some(crate::api::Phase::Pending) || env.cluster.now - start >= WATCH_WINDOW_MS {
            return phase;
        }
        env.cluster.advance(1000);
    }
}

// ---------------------------------------------------------------- get

fn get(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    if let Some(raw) = req.args.get("raw-uri") {
        return get_raw(req, env, raw).map(CliResult::plain);
    }
    let words = &req.args.positional;
    if words.is_empty() && !req.args.has("filename") {
        return Err(Output::err(
            format!(
                "You must specify the type of resource to get. Use \"{tool} api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"{tool} explain <resource>\" for a detailed description of that resource (e.g. {tool} explain pods).\n{}\n",
                req.see_help(),
                tool = req.tool
            ),
            1,
        ));
    }
    objects::output_format(req)?;
    let mut wanted: Vec<(Kind, Vec<String>)> = targets(req, words)?;
    if req.args.has("filename") {
        for (source, doc) in objects::manifests(req, ctx)? {
            let object = objects::object_from(req, &source, &doc)?;
            wanted.push((object.kind, vec![object.meta.name.to_string()]));
        }
    }
    let mut items: Vec<Value> = Vec::new();
    let mut stderr = String::new();
    let mut code = 0;
    let mut named = false;
    let mut watched: Vec<Arc<Object>> = Vec::new();
    let all_ns = req.args.on("all-namespaces");
    for (kind, names) in &wanted {
        if names.is_empty() {
            if *kind == k::project() {
                for p in super::openshift::project_objects(req, env) {
                    items.push(p);
                }
                continue;
            }
            if *kind == k::event() {
                let mut events: Vec<Value> = env
                    .cluster
                    .events
                    .iter()
                    .filter(|e| all_ns || e.namespace == req.ns.as_str())
                    .map(|e| e.to_json())
                    .collect();
                env.cluster
                    .authorize(&req.user, "list", k::event(), &req.ns, "")
                    .map_err(|e| api_error(&e))?;
                events.sort_shared_by_key(|e| e["lastTimestamp"].as_str().unwrap_or("").to_owned());
                // Events are kept outside the object store, so the selectors are applied to their JSON forms.
                if let Some(text) = req.args.get("field-selector") {
                    let fields = crate::api::selector::FieldSelector::parse(text).map_err(error)?;
                    events.retain(|e| fields.matches(e));
                }
                if let Some(text) = req.args.get("selector") {
                    let labels = crate::api::selector::Selector::parse(text).map_err(error)?;
                    events.retain(|e| {
                        let labels_of: BTreeMap<String, String> = e["metadata"]["labels"]
                            .as_object()
                            .map(|m| {
                                m.iter()
                                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                                    .collect()
                            })
                            .unwrap_or_default();
                        labels.matches(&labels_of)
                    });
                }
                items.extend(events);
                continue;
            }
            // With several types, a forbidden one is reported and the others are still listed.
            let objects = match list(req, env, *kind) {
                Ok(o) => o,
                Err(e) if wanted.len() > 1 => {
                    stderr.push_str(&e.stderr);
                    code = 1;
                    continue;
                }
                Err(e) => return Err(e),
            };
            watched.extend(objects.iter().cloned());
            items.extend(objects::jsons(&objects));
        } else {
            named = true;
            for name in names {
                if *kind == k::project() {
                    match super::openshift::project_object(req, env, name) {
                        Ok(p) => items.push(p),
                        Err(e) => {
                            stderr.push_str(&e.stderr);
                            code = 1;
                        }
                    }
                    continue;
                }
                if *kind == k::event() {
                    // Events are kept outside the object store; a named one is looked up among them.
                    env.cluster
                        .authorize(&req.user, "get", k::event(), &req.ns, name)
                        .map_err(|e| api_error(&e))?;
                    let found = env.cluster.events.iter().map(|e| e.to_json()).find(|e| {
                        e["metadata"]["name"] == name.as_str()
                            && (all_ns || e["metadata"]["namespace"] == req.ns.as_str())
                    });
                    match found {
                        Some(e) => items.push(e),
                        None => {
                            stderr.push_str(&format!(
                                "Error from server (NotFound): events \"{name}\" not found\n"
                            ));
                            code = 1;
                        }
                    }
                    continue;
                }
                match read(req, env, *kind, name) {
                    Ok(o) => {
                        watched.push(o.clone());
                        items.push(o.to_json());
                    }
                    Err(e) => {
                        if req.args.on("ignore-not-found") && e.stderr.contains("(NotFound)") {
                            continue;
                        }
                        stderr.push_str(&e.stderr);
                        code = 1;
                    }
                }
            }
        }
    }
    let single = named && wanted.len() == 1 && wanted[0].1.len() == 1;
    let mut out = if items.is_empty() && code == 0 {
        let output = req.output();
        if output == "json" || output == "yaml" {
            render(req, items, false, env.cluster.now)?
        } else if named || req.args.on("ignore-not-found") {
            Output::ok("")
        } else {
            let ns_scoped = wanted.iter().all(|(k, _)| k.info().namespaced) && !all_ns;
            let message = if ns_scoped {
                format!("No resources found in {} namespace.\n", req.ns)
            } else {
                "No resources found\n".to_owned()
            };
            Output {
                stdout: String::new(),
                stderr: message,
                code: 0,
            }
        }
    } else if items.is_empty() {
        Output::ok("")
    } else {
        render(req, items, single, env.cluster.now)?
    };
    out.stderr.push_str(&stderr);
    if code != 0 {
        out.code = code;
    }
    let mut effect = None;
    if (req.args.on("watch") || req.args.on("watch-only")) && out.code == 0 {
        let kinds: Vec<Kind> = wanted.iter().map(|(k, _)| *k).collect();
        let names: Vec<String> = wanted.iter().flat_map(|(_, n)| n.clone()).collect();
        let (text, ms) = watch(req, env, &kinds, &names, watched);
        if req.args.on("watch-only") {
            out.stdout.clear();
        }
        out.stdout.push_str(&text);
        effect = advanced(ms);
    }
    Ok(CliResult {
        output: out,
        effect,
    })
}

/// Streams changes to objects of `kinds` (only `names` when given) for the watch window: one table row per change.
fn watch(
    req: &Req,
    env: &mut CliEnv,
    kinds: &[Kind],
    names: &[String],
    initial: Vec<Arc<Object>>,
) -> (String, i64) {
    let mut seen: BTreeMap<(Kind, String, String), u64> = initial
        .iter()
        .map(|o| {
            (
                (
                    o.kind,
                    o.meta.namespace.to_string(),
                    o.meta.name.to_string(),
                ),
                o.meta.resource_version,
            )
        })
        .collect();
    let mut out = String::new();
    let mut options = objects::table_options(req, req.output() == "wide");
    options.no_headers = true;
    let start = env.cluster.now;
    let mut elapsed = 0;
    while elapsed < WATCH_WINDOW_MS {
        env.cluster.advance(1000);
        elapsed += 1000;
        for kind in kinds {
            let Ok(current) = list(req, env, *kind) else {
                continue;
            };
            let mut present = std::collections::BTreeSet::new();
            for o in current {
                if !names.is_empty() && !names.iter().any(|n| n == o.meta.name.as_str()) {
                    continue;
                }
                let key = (
                    o.kind,
                    o.meta.namespace.to_string(),
                    o.meta.name.to_string(),
                );
                present.insert(key.clone());
                if seen.get(&key) != Some(&o.meta.resource_version) {
                    seen.insert(key, o.meta.resource_version);
                    if let Ok(row) =
                        printers::table::print_tables(&[o.to_json()], &options, env.cluster.now)
                    {
                        out.push_str(&row);
                    }
                }
            }
            // Objects that disappeared are not printed again: kubectl prints their last state when deleted,
            // which the loop above already showed when their deletion began.
            seen.retain(|key, _| key.0 != *kind || present.contains(key));
        }
    }
    (out, env.cluster.now - start)
}

// ---------------------------------------------------------------- describe

fn describe(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let mut words = req.args.positional.clone();
    if req.args.has("filename") {
        for (source, doc) in objects::manifests(req, ctx)? {
            let object = objects::object_from(req, &source, &doc)?;
            words.push(format!(
                "{}/{}",
                object.kind.qualified_plural(),
                object.meta.name
            ));
        }
    }
    let words = &words;
    if words.is_empty() {
        return Err(Output::err(
            format!(
                "error: You must specify the type of resource to describe. Use \"{} api-resources\" for a complete list of supported resources.\n",
                req.tool
            ),
            1,
        ));
    }
    let wanted = targets(req, words)?;
    let mut out = Output::default();
    let mut first = true;
    for (kind, names) in wanted {
        let objects: Vec<Arc<Object>> = if names.is_empty() {
            list(req, env, kind)?
        } else if words.len() == 2 && !words[0].contains('/') {
            // `describe pods web` also matches names that start with `web`.
            let exact = read(req, env, kind, &names[0]);
            match exact {
                Ok(o) => vec![o],
                Err(e) => {
                    let prefixed: Vec<Arc<Object>> = list(req, env, kind)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|o| o.meta.name.starts_with(names[0].as_str()))
                        .collect();
                    if prefixed.is_empty() {
                        return Err(e);
                    }
                    prefixed
                }
            }
        } else {
            let mut v = Vec::new();
            for n in &names {
                v.push(read(req, env, kind, n)?);
            }
            v
        };
        if objects.is_empty() && names.is_empty() {
            out.stderr = format!("No resources found in {} namespace.\n", req.ns);
        }
        for o in objects {
            if !first {
                out.stdout.push_str("\n\n");
            }
            first = false;
            out.stdout.push_str(&describe_object(env, &o));
        }
    }
    Ok(CliResult::plain(out))
}

/// A `describe` page for an object, with the related objects its kind's describer shows.
pub(crate) fn describe_object(env: &CliEnv, o: &Object) -> String {
    let cluster = &*env.cluster;
    let events: Vec<Value> = cluster
        .events
        .about(o.meta.uid)
        .into_iter()
        .map(|e| e.to_json())
        .collect();
    let ns = o.meta.namespace.as_str();
    let owned_by = |kind: Kind| -> Vec<Value> {
        cluster
            .store
            .list(kind, Some(ns))
            .filter(|x| x.meta.controller().is_some_and(|c| c.uid == o.meta.uid))
            .map(|x| x.to_json())
            .collect()
    };
    let mut pods = Vec::new();
    let mut replica_sets = Vec::new();
    let mut endpoints = None;
    let mut quotas = Vec::new();
    let mut limit_ranges = Vec::new();
    if o.kind == k::node() {
        pods = cluster
            .store
            .pods_on(&o.meta.name)
            .into_iter()
            .filter_map(|key| {
                cluster
                    .store
                    .get(k::pod(), &key.0, &key.1)
                    .map(|p| p.to_json())
            })
            .collect();
    } else if o.kind == k::replicaset() {
        pods = owned_by(k::pod());
    } else if o.kind == k::deployment() {
        replica_sets = owned_by(k::replicaset());
    } else if o.kind == k::service() {
        endpoints = cluster
            .get(k::endpoints(), ns, &o.meta.name)
            .map(|e| e.to_json());
    } else if o.kind == k::namespace() {
        quotas = cluster
            .store
            .list(
                Kind::resolve("resourcequotas", false).unwrap_or(k::configmap()),
                Some(&o.meta.name),
            )
            .map(|x| x.to_json())
            .collect();
        limit_ranges = cluster
            .store
            .list(
                Kind::resolve("limitranges", false).unwrap_or(k::configmap()),
                Some(&o.meta.name),
            )
            .map(|x| x.to_json())
            .collect();
    }
    let in_namespace = |kind: Kind| -> Vec<Value> {
        cluster
            .store
            .list(kind, Some(ns))
            .map(|x| x.to_json())
            .collect()
    };
    let secrets = if o.kind == k::service_account() {
        in_namespace(k::secret())
    } else {
        Vec::new()
    };
    let ingress = Kind::resolve("ingresses.networking.k8s.io", false);
    let (services, endpoints_list) = if Some(o.kind) == ingress {
        (in_namespace(k::service()), in_namespace(k::endpoints()))
    } else {
        (Vec::new(), Vec::new())
    };
    let related = printers::describe::Related {
        events: &events,
        pods: &pods,
        replica_sets: &replica_sets,
        endpoints: endpoints.as_ref(),
        lease: None,
        quotas: &quotas,
        limit_ranges: &limit_ranges,
        secrets: &secrets,
        endpoints_list: &endpoints_list,
        services: &services,
    };
    printers::describe::describe(&o.to_json(), related, cluster.now)
}

// ---------------------------------------------------------------- logs

/// The pod a `TYPE/NAME` or `POD` argument of logs/exec names, with kubectl's note when it picked one of several.
pub(crate) fn pod_for(
    req: &Req,
    env: &CliEnv,
    word: &str,
) -> Result<(Arc<Object>, Option<String>), Output> {
    let Some((t, name)) = word.split_once('/') else {
        return Ok((read(req, env, k::pod(), word)?, None));
    };
    let kind = req.kind(t)?;
    if kind == k::pod() {
        return Ok((read(req, env, k::pod(), name)?, None));
    }
    let owner = read(req, env, kind, name)?;
    let selector = owner
        .spec()
        .get("selector")
        .map(|s| {
            if s.get("matchLabels").is_some() || s.get("matchExpressions").is_some() {
                crate::api::selector::Selector::from_label_selector(s)
            } else {
                crate::api::selector::Selector::from_map(s)
            }
        })
        .unwrap_or_default();
    let mut pods: Vec<Arc<Object>> = env
        .cluster
        .read_list(&req.user, k::pod(), Some(&req.ns))
        .map_err(|e| api_error(&e))?
        .into_iter()
        .filter(|p| !selector.is_empty() && selector.matches(&p.meta.labels))
        .collect();
    pods.sort_shared_by(|a, b| a.meta.name.cmp(&b.meta.name));
    let count = pods.len();
    match pods.into_iter().next() {
        Some(p) => {
            let note =
                (count > 1).then(|| format!("Found {count} pods, using pod/{}\n", p.meta.name));
            Ok((p, note))
        }
        None => Err(error("timed out waiting for the condition")),
    }
}

fn logs(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let words = &req.args.positional;
    let pods: Vec<(Arc<Object>, Option<String>)> = if let Some(sel) = req.args.get("selector") {
        let _ = sel;
        if !words.is_empty() {
            return Err(error(format!(
                "only a selector (-l) or a POD name is allowed\n{}",
                req.see_help()
            )));
        }
        let mut pods = list(req, env, k::pod())?;
        pods.sort_shared_by(|a, b| a.meta.name.cmp(&b.meta.name));
        if pods.is_empty() {
            return Ok(CliResult::plain(Output {
                stdout: String::new(),
                stderr: format!("No resources found in {} namespace.\n", req.ns),
                code: 0,
            }));
        }
        pods.into_iter().map(|p| (p, None)).collect()
    } else {
        let Some(word) = words.first() else {
            return Err(Output::err(
                format!(
                    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n{}\n",
                    req.see_help()
                ),
                1,
            ));
        };
        vec![pod_for(req, env, word)?]
    };
    let container = req
        .args
        .get("container")
        .or(words.get(1).map(String::as_str));
    let mut out = Output::default();
    let start = env.cluster.now;
    let follow = req.args.on("follow");
    for (pod, note) in &pods {
        if let Some(note) = note {
            out.stderr.push_str(note);
        }
        let specs: Vec<String> = pod.spec()["containers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if container.is_none() && specs.len() > 1 && !req.args.on("all-containers") {
            return Err(error(format!(
                "a container name must be specified for pod {}, choose one of: [{}]",
                pod.meta.name,
                specs.join(" ")
            )));
        }
        let text = match crate::cluster::controllers::kubelet::container_log(
            env.cluster,
            pod,
            container,
            req.args.on("previous"),
        ) {
            Ok(t) => t,
            Err(e) => {
                return Err(Output::err(
                    format!("Error from server (BadRequest): {e}\n"),
                    1,
                ));
            }
        };
        out.stdout
            .push_str(&shape_log(req, &text, pod.meta.created));
    }
    let mut effect = None;
    if follow && pods.len() == 1 {
        let before = out.stdout.clone();
        env.cluster.advance(WATCH_WINDOW_MS);
        let pod = env
            .cluster
            .get(k::pod(), &pods[0].0.meta.namespace, &pods[0].0.meta.name);
        if let Some(pod) = pod
            && let Ok(text) = crate::cluster::controllers::kubelet::container_log(
                env.cluster,
                &pod,
                container,
                false,
            )
        {
            let text = shape_log(req, &text, pod.meta.created);
            if let Some(new) = text.strip_prefix(before.as_str()) {
                out.stdout.push_str(new);
            }
        }
        effect = advanced(env.cluster.now - start);
    }
    Ok(CliResult {
        output: out,
        effect,
    })
}

fn shape_log(req: &Req, text: &str, started: i64) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(n) = req.args.get("tail").and_then(|t| t.parse::<i64>().ok())
        && n >= 0
    {
        let n = n as usize;
        if lines.len() > n {
            lines = lines[lines.len() - n..].to_vec();
        }
    }
    let mut out = String::new();
    for line in lines {
        if req.args.on("timestamps") {
            let stamp = crate::api::time::rfc3339(started);
            out.push_str(&format!("{}.000000000Z ", stamp.trim_end_matches('Z')));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------- events

fn events(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    env.cluster
        .authorize(&req.user, "list", k::event(), &req.ns, "")
        .map_err(|e| api_error(&e))?;
    let all = req.args.on("all-namespaces");
    let target = match req.args.get("for") {
        Some(f) => {
            let Some((t, name)) = f.split_once('/') else {
                return Err(error("--for must be in resource/name form"));
            };
            let kind = req.kind(t)?;
            Some(read(req, env, kind, name)?.meta.uid)
        }
        None => None,
    };
    let types: Vec<String> = req
        .args
        .get("types")
        .map(|t| t.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        return Err(error("valid --types are Normal or Warning"));
    }
    let mut rows = Vec::new();
    let mut list: Vec<&crate::cluster::Event> = env
        .cluster
        .events
        .iter()
        .filter(|e| all || e.namespace == req.ns.as_str())
        .filter(|e| target.is_none_or(|u| e.uid == u))
        .filter(|e| {
            types.is_empty()
                || types.iter().any(|t| {
                    t.eq_ignore_ascii_case(match e.kind_of {
                        crate::cluster::EventType::Normal => "Normal",
                        crate::cluster::EventType::Warning => "Warning",
                    })
                })
        })
        .collect();
    list.sort_shared_by_key(|e| e.last);
    if list.is_empty() {
        return Ok(CliResult::plain(Output {
            stdout: String::new(),
            stderr: if all {
                "No events found.\n".into()
            } else {
                format!("No events found in {} namespace.\n", req.ns)
            },
            code: 0,
        }));
    }
    if !req.output().is_empty() {
        let items: Vec<Value> = list.iter().map(|e| e.to_json()).collect();
        return render(req, items, false, env.cluster.now).map(CliResult::plain);
    }
    let mut header = vec![];
    if all {
        header.push("NAMESPACE".to_owned());
    }
    header.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"].map(str::to_owned));
    if !req.args.on("no-headers") {
        rows.push(header);
    }
    for e in list {
        let mut row = Vec::new();
        if all {
            row.push(e.namespace.to_string());
        }
        let seen = printers::age::short_human_duration(env.cluster.now - e.last);
        let seen = if e.count > 1 {
            format!(
                "{seen} (x{} over {})",
                e.count,
                printers::age::short_human_duration(env.cluster.now - e.first)
            )
        } else {
            seen
        };
        row.push(seen);
        row.push(
            match e.kind_of {
                crate::cluster::EventType::Normal => "Normal",
                crate::cluster::EventType::Warning => "Warning",
            }
            .to_owned(),
        );
        row.push(e.reason.to_string());
        row.push(format!("{}/{}", e.kind.info().kind, e.object));
        row.push(e.message.clone());
        rows.push(row);
    }
    Ok(CliResult::plain(Output::ok(printers::table::tabwrite(
        &rows,
    ))))
}

// ---------------------------------------------------------------- version and discovery

/// The client version that matches the scenario's server (kubectl 1.27 with its Kustomize, oc 4.14).
fn client_versions(env: &CliEnv) -> (String, String) {
    let server = env.cluster.info.kubernetes_version.clone();
    let base = server
        .split(['+', '-'])
        .next()
        .unwrap_or("v1.27.10")
        .to_owned();
    let minor: u32 = base
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(27);
    let kustomize = match minor {
        0..=26 => "v4.5.7",
        27..=28 => "v5.0.1",
        29 => "v5.0.4-0.20230601165947-6ce0bf390ce3",
        _ => "v5.0.4-0.20230601165947-6ce0bf390ce3",
    };
    (base, kustomize.to_owned())
}

fn version(req: &Req, env: &CliEnv) -> Output {
    if !req.args.positional.is_empty() {
        return error(format!(
            "extra arguments: [{}]",
            req.args.positional.join(" ")
        ));
    }
    if !matches!(req.output().as_str(), "" | "yaml" | "json") {
        return error("--output must be 'yaml' or 'json'");
    }
    let (client, kustomize) = client_versions(env);
    let server = server_version(env);
    let client_only = req.args.on("client");
    let output = req.output();
    if output == "json" || output == "yaml" {
        let mut v = json!({
            "clientVersion": {
                "major": "1", "minor": client.split('.').nth(1).unwrap_or("27"),
                "gitVersion": client, "gitTreeState": "clean", "goVersion": "go1.20.10",
                "compiler": "gc", "platform": "linux/amd64"
            },
            "kustomizeVersion": kustomize,
        });
        if !client_only {
            v["serverVersion"] = server_version_json(env);
            if env.cluster.info.is_openshift() && req.tool == "oc" {
                v["openshiftVersion"] = json!(env.cluster.info.openshift_version);
            }
        }
        return Output::ok(if output == "json" {
            printers::json::to_json(&v)
        } else {
            printers::yaml::to_yaml(&v)
        });
    }
    if req.tool == "oc" {
        let ocp = if env.cluster.info.openshift_version.is_empty() {
            "4.14.0".to_owned()
        } else {
            env.cluster.info.openshift_version.clone()
        };
        let mut out = format!("Client Version: {ocp}\nKustomize Version: {kustomize}\n");
        if !client_only {
            if env.cluster.info.is_openshift() {
                out.push_str(&format!("Server Version: {ocp}\n"));
            }
            out.push_str(&format!("Kubernetes Version: {server}\n"));
        }
        return Output::ok(out);
    }
    let mut out = format!("Client Version: {client}\nKustomize Version: {kustomize}\n");
    if !client_only {
        out.push_str(&format!("Server Version: {server}\n"));
    }
    Output::ok(out)
}

/// The kinds the cluster's discovery lists, sorted by API group as `api-resources` sorts them (each group's
/// resources by name, as the API server lists them).
fn discovered(req: &Req, env: &CliEnv) -> Vec<(Kind, String)> {
    let minor = server_minor(env);
    let mut kinds: Vec<(Kind, String)> = Kind::all()
        .filter(|k| req.openshift || !k.info().openshift)
        .filter_map(|k| {
            let version = crate::api::kinds::discovery_version(k, minor)?;
            let group = k.info().group;
            Some((
                k,
                if group.is_empty() {
                    version.to_owned()
                } else {
                    format!("{group}/{version}")
                },
            ))
        })
        .collect();
    kinds.sort_shared_by_key(|(k, _)| (k.info().group, k.info().plural));
    kinds
}

/// The server's Kubernetes minor version (27 for 1.27).
fn server_minor(env: &CliEnv) -> u32 {
    env.cluster
        .info
        .kubernetes_version
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(27)
}

fn api_resources(req: &Req, env: &CliEnv) -> Res {
    if !req.args.positional.is_empty() {
        return Err(unexpected_arguments(req));
    }
    let output = req.output();
    if !matches!(output.as_str(), "" | "wide" | "name") {
        return Err(error(format!("--output {output} is not available")));
    }
    if req
        .args
        .get("sort-by")
        .is_some_and(|s| !matches!(s, "" | "name" | "kind"))
    {
        return Err(error("--sort-by accepts only name or kind"));
    }
    let wide = req.output() == "wide";
    let name_only = req.output() == "name";
    let namespaced = req.args.get("namespaced").map(|v| v == "true");
    let group = req.args.get("api-group");
    let mut rows = Vec::new();
    if !req.args.on("no-headers") && !name_only {
        let mut h: Vec<String> = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
            .map(str::to_owned)
            .to_vec();
        if wide {
            h.push("VERBS".into());
            h.push("CATEGORIES".into());
        }
        rows.push(h);
    }
    let mut names = String::new();
    for (kind, api_version) in discovered(req, env) {
        let info = kind.info();
        if namespaced.is_some_and(|n| n != info.namespaced) {
            continue;
        }
        if group.is_some_and(|g| g != info.group) {
            continue;
        }
        if name_only {
            names.push_str(&format!(
                "{}\n",
                if info.group.is_empty() {
                    info.plural.to_owned()
                } else {
                    format!("{}.{}", info.plural, info.group)
                }
            ));
            continue;
        }
        let mut row = vec![
            info.plural.to_owned(),
            info.short.join(","),
            api_version,
            info.namespaced.to_string(),
            info.kind.to_owned(),
        ];
        if wide {
            row.push(format!("[{}]", info.verbs.replace(',', " ")));
            row.push(if info.in_all {
                "all".into()
            } else {
                String::new()
            });
        }
        rows.push(row);
    }
    if name_only {
        return Ok(Output::ok(names));
    }
    Ok(Output::ok(printers::table::tabwrite(&rows)))
}

/// `unexpected arguments: [x y]` with the usage hint, as api-resources and api-versions refuse words.
fn unexpected_arguments(req: &Req) -> Output {
    error(format!(
        "unexpected arguments: [{}]\n{}",
        req.args.positional.join(" "),
        req.see_help()
    ))
}

fn api_versions(req: &Req, env: &CliEnv) -> Output {
    if !req.args.positional.is_empty() {
        return unexpected_arguments(req);
    }
    let mut versions: Vec<String> = discovered(req, env)
        .into_iter()
        .map(|(_, v)| v)
        .chain(
            crate::api::kinds::older_group_versions(server_minor(env))
                .into_iter()
                .map(str::to_owned),
        )
        .collect();
    versions.sort_shared();
    versions.dedup();
    Output::ok(versions.join("\n") + "\n")
}

fn cluster_info(req: &Req, env: &CliEnv) -> Output {
    let server = env
        .kubeconfig
        .cluster()
        .map(|c| c.server.clone())
        .unwrap_or_default();
    let mut out = format!(
        "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m{server}\x1b[0m\n"
    );
    if !req.openshift {
        out.push_str(&format!("\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33m{server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n"));
    }
    out.push_str(&format!(
        "\nTo further debug and diagnose cluster problems, use '{} cluster-info dump'.\n",
        req.tool
    ));
    Output::ok(out)
}

// ---------------------------------------------------------------- config

/// What kubectl says when the kubeconfig's current cluster is not the session's: with no cluster it talks to
/// `localhost:8080`, where nothing listens; a server under another name does not resolve.
fn unreachable(kc: &Kubeconfig, info: &crate::cluster::ScenarioInfo) -> Option<Output> {
    let server = kc.cluster().map(|c| c.server.as_str()).unwrap_or_default();
    if server.is_empty() {
        return Some(Output::err(
            "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n",
            1,
        ));
    }
    let known = info.api_server.trim_end_matches('/');
    if known.is_empty() || server.trim_end_matches('/') == known {
        return None;
    }
    let host = server
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = host.split('/').next().unwrap_or(host);
    if host
        .split(':')
        .next()
        .unwrap_or(host)
        .parse::<std::net::Ipv4Addr>()
        .is_ok()
    {
        return Some(Output::err(
            format!("Unable to connect to the server: dial tcp {host}: i/o timeout\n"),
            1,
        ));
    }
    let host = host.split(':').next().unwrap_or(host);
    let resolver = if info.is_openshift() {
        "172.25.250.254:53"
    } else {
        "127.0.0.53:53"
    };
    Some(Output::err(
        format!(
            "Unable to connect to the server: dial tcp: lookup {host} on {resolver}: no such host\n"
        ),
        1,
    ))
}

fn config(req: &mut Req, env: &mut CliEnv) -> Res {
    let words = req.args.positional.clone();
    let Some(sub) = words.first() else {
        return Err(help::group(req.tool, "config"));
    };
    let kc = &mut *env.kubeconfig;
    match sub.as_str() {
        "current-context" => {
            if kc.current_context.is_empty() {
                Err(error("current-context is not set"))
            } else {
                Ok(Output::ok(format!("{}\n", kc.current_context)))
            }
        }
        "use-context" | "use" => {
            let Some(name) = words.get(1) else {
                return Err(error("Unexpected args: []"));
            };
            if !kc.contexts.iter().any(|c| &c.name == name) {
                return Err(error(format!(
                    "no context exists with the name: \"{name}\""
                )));
            }
            kc.current_context = name.clone();
            Ok(Output::ok(format!("Switched to context \"{name}\".\n")))
        }
        "get-contexts" => {
            let mut rows = vec![
                ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]
                    .map(str::to_owned)
                    .to_vec(),
            ];
            let mut contexts: Vec<&super::ContextEntry> = kc.contexts.iter().collect();
            contexts.sort_shared_by(|a, b| a.name.cmp(&b.name));
            for c in contexts {
                rows.push(vec![
                    if c.name == kc.current_context {
                        "*".into()
                    } else {
                        String::new()
                    },
                    c.name.clone(),
                    c.cluster.clone(),
                    c.user.clone(),
                    c.namespace.clone(),
                ]);
            }
            Ok(Output::ok(printers::table::tabwrite(&rows)))
        }
        "set-context" => {
            let name = if req.args.on("current") {
                kc.current_context.clone()
            } else {
                match words.get(1) {
                    Some(n) => n.clone(),
                    None => {
                        return Err(error(
                            "you must specify a non-empty context name or --current",
                        ));
                    }
                }
            };
            let exists = kc.contexts.iter().any(|c| c.name == name);
            if !exists {
                kc.contexts.push(super::ContextEntry {
                    name: name.clone(),
                    ..Default::default()
                });
            }
            let entry = kc
                .contexts
                .iter_mut()
                .find(|c| c.name == name)
                .expect("context present");
            if let Some(ns) = req.args.get("namespace") {
                entry.namespace = ns.to_owned();
            }
            Ok(Output::ok(format!(
                "Context \"{name}\" {}.\n",
                if exists { "modified" } else { "created" }
            )))
        }
        "view" => {
            let mut shown = kc.clone();
            if req.args.on("minify") {
                shown.contexts.retain(|c| c.name == kc.current_context);
                let ctx = shown.contexts.first().cloned().unwrap_or_default();
                shown.clusters.retain(|c| c.name == ctx.cluster);
                shown.users.retain(|u| u.name == ctx.user);
            }
            let v = shown.view(req.args.on("raw"));
            let output = req.output();
            if let Some(template) = output.strip_prefix("jsonpath=") {
                return printers::jsonpath::print_jsonpath(template, &v, true)
                    .map(Output::ok)
                    .map_err(|e| error(e.to_string()));
            }
            Ok(Output::ok(if output == "json" {
                printers::json::to_json(&v)
            } else {
                printers::yaml::to_yaml(&v)
            }))
        }
        _ => Err(super::objects::unknown_subcommand(
            req.tool, "config", &words,
        )),
    }
}

// ---------------------------------------------------------------- auth

fn auth(req: &Req, env: &CliEnv) -> Res {
    let words = &req.args.positional;
    match words.first().map(String::as_str) {
        Some("can-i") => {}
        Some("whoami") => {
            let rows = vec![
                vec!["ATTRIBUTE".to_owned(), "VALUE".into()],
                vec!["Username".into(), req.user.name.clone()],
                vec!["Groups".into(), format!("[{}]", req.user.groups.join(" "))],
            ];
            return Ok(Output::ok(printers::table::tabwrite(&rows)));
        }
        Some(_) => {
            return Err(super::objects::unknown_subcommand(req.tool, "auth", words));
        }
        None => {
            return Err(help::group(req.tool, "auth"));
        }
    }
    if req.args.on("list") {
        let mut rows = vec![vec![
            "Resources".to_owned(),
            "Non-Resource URLs".into(),
            "Resource Names".into(),
            "Verbs".into(),
        ]];
        let verbs = [
            "get", "list", "watch", "create", "update", "patch", "delete",
        ];
        let mut all = true;
        let mut lines = Vec::new();
        for kind in Kind::all() {
            if kind.info().openshift && !req.openshift {
                continue;
            }
            let allowed: Vec<&str> = verbs
                .iter()
                .copied()
                .filter(|v| {
                    crate::cluster::auth::allowed(env.cluster, &req.user, v, kind, &req.ns, "")
                })
                .collect();
            if allowed.len() != verbs.len() {
                all = false;
            }
            if !allowed.is_empty() {
                lines.push(vec![
                    kind.qualified_plural(),
                    "[]".into(),
                    "[]".into(),
                    format!("[{}]", allowed.join(" ")),
                ]);
            }
        }
        if all {
            rows.push(vec!["*.*".into(), "[]".into(), "[]".into(), "[*]".into()]);
            rows.push(vec!["".into(), "[*]".into(), "[]".into(), "[*]".into()]);
        } else {
            rows.extend(lines);
        }
        return Ok(Output::ok(printers::table::tabwrite(&rows)));
    }
    let (Some(verb), Some(resource)) = (words.get(1), words.get(2)) else {
        return Err(error(
            "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
        ));
    };
    let (resource, name) = match resource.split_once('/') {
        Some((r, n)) => (r, n),
        None => (
            resource.as_str(),
            words.get(3).map(String::as_str).unwrap_or(""),
        ),
    };
    let Some(kind) = objects::resolve_kind(resource, req.openshift) else {
        return Ok(Output {
            stdout: "no\n".into(),
            stderr: format!("Warning: the server doesn't have a resource type '{resource}'\n\n"),
            code: 1,
        });
    };
    let ns = if req.args.on("all-namespaces") {
        ""
    } else {
        req.ns.as_str()
    };
    if crate::cluster::auth::allowed(env.cluster, &req.user, verb, kind, ns, name) {
        Ok(Output::ok("yes\n"))
    } else {
        Ok(Output {
            stdout: "no\n".into(),
            stderr: String::new(),
            code: 1,
        })
    }
}

// ---------------------------------------------------------------- top

/// Plausible usage of a pod: its requests scaled by the simulated load, or a small idle figure.
fn pod_usage(env: &CliEnv, pod: &Object) -> (i64, i64) {
    let owner = pod
        .meta
        .controller()
        .map(|o| {
            // Pods of replica sets report under their deployment's name.
            let name = o.name.to_string();
            match name.rsplit_once('-') {
                Some((base, _)) if o.kind == k::replicaset() => base.to_owned(),
                _ => name,
            }
        })
        .unwrap_or_else(|| pod.meta.name.to_string());
    let load = env
        .cluster
        .load
        .get(&format!("{}/{owner}", pod.meta.namespace))
        .copied();
    let mut cpu = 0;
    let mut mem = 0;
    for c in pod.spec()["containers"].as_array().into_iter().flatten() {
        let req = &c["resources"]["requests"];
        cpu += req["cpu"]
            .as_str()
            .map(|q| crate::cluster::controllers::quantity(q, true))
            .unwrap_or(0);
        mem += req["memory"]
            .as_str()
            .map(|q| crate::cluster::controllers::quantity(q, false))
            .unwrap_or(0);
    }
    let seed = pod.meta.uid % 7;
    let cpu_used = match load {
        Some(pct) if cpu > 0 => cpu * pct as i64 / 100,
        _ => 1 + seed as i64,
    };
    let mem_used = if mem > 0 {
        (mem / (1024 * 1024)) * (30 + seed as i64 * 5) / 100
    } else {
        4 + seed as i64 * 3
    };
    (cpu_used, mem_used.max(1))
}

fn top(req: &Req, env: &CliEnv) -> Res {
    let sub = req
        .args
        .positional
        .first()
        .map(String::as_str)
        .unwrap_or("");
    let running = |p: &Object| {
        p.pod()
            .is_some_and(|s| s.phase == crate::api::Phase::Running)
    };
    // kubectl asks discovery for metrics.k8s.io first, then the aggregator for the metrics.
    let served = |resource: &str| match env.cluster.metrics_api() {
        MetricsApi::Served => Ok(()),
        MetricsApi::NotRegistered => Err(error("Metrics API not available")),
        MetricsApi::Unavailable => Err(Output::err(
            format!(
                "Error from server (ServiceUnavailable): the server is currently unable to handle the request (get {resource}.metrics.k8s.io)\n"
            ),
            1,
        )),
    };
    match sub {
        "node" | "nodes" | "no" => {
            served("nodes")?;
            let nodes = list(req, env, k::node())?;
            let mut rows = vec![
                ["NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"]
                    .map(str::to_owned)
                    .to_vec(),
            ];
            if req.args.on("no-headers") {
                rows.clear();
            }
            for n in nodes {
                let alloc = &n.status_json()["allocatable"];
                let cpu_alloc = alloc["cpu"]
                    .as_str()
                    .map(|q| crate::cluster::controllers::quantity(q, true))
                    .unwrap_or(1000)
                    .max(1);
                let mem_alloc = alloc["memory"]
                    .as_str()
                    .map(|q| crate::cluster::controllers::quantity(q, false))
                    .unwrap_or(1 << 30)
                    .max(1)
                    / (1024 * 1024);
                let mut cpu = 80 + (n.meta.uid % 5) as i64 * 20;
                let mut mem = 900 + (n.meta.uid % 5) as i64 * 150;
                for key in env.cluster.store.pods_on(&n.meta.name) {
                    if let Some(p) = env.cluster.store.get(k::pod(), &key.0, &key.1)
                        && running(p)
                    {
                        let (c, m) = pod_usage(env, p);
                        cpu += c;
                        mem += m;
                    }
                }
                rows.push(vec![
                    n.meta.name.to_string(),
                    format!("{cpu}m"),
                    format!("{}%", cpu * 100 / cpu_alloc),
                    format!("{mem}Mi"),
                    format!("{}%", mem.max(1) * 100 / mem_alloc.max(1)),
                ]);
            }
            Ok(Output::ok(printers::table::tabwrite(&rows)))
        }
        "pod" | "pods" | "po" => {
            served("pods")?;
            let mut pods = list(req, env, k::pod())?;
            if let Some(name) = req.args.positional.get(1) {
                pods.retain(|p| p.meta.name.as_str() == name);
                if pods.is_empty() {
                    return Err(Output::err(
                        format!("error: pods \"{name}\" not found\n"),
                        1,
                    ));
                }
            }
            // Only running pods have metrics; without any, kubectl says why from the pods it can list.
            if !pods.iter().any(|p| running(p)) {
                return no_pod_metrics(req, env, &pods);
            }
            pods.retain(|p| running(p));
            let all = req.args.on("all-namespaces");
            let mut rows = vec![];
            let mut h = vec![];
            if all {
                h.push("NAMESPACE".to_owned());
            }
            h.extend(["NAME", "CPU(cores)", "MEMORY(bytes)"].map(str::to_owned));
            if !req.args.on("no-headers") {
                rows.push(h);
            }
            for p in pods {
                let (c, m) = pod_usage(env, &p);
                let mut row = vec![];
                if all {
                    row.push(p.meta.namespace.to_string());
                }
                row.extend([p.meta.name.to_string(), format!("{c}m"), format!("{m}Mi")]);
                rows.push(row);
            }
            Ok(Output::ok(printers::table::tabwrite(&rows)))
        }
        "" => Err(help::group(req.tool, "top")),
        _ => Err(super::objects::unknown_subcommand(
            req.tool,
            "top",
            &req.args.positional,
        )),
    }
}

/// What `kubectl top pod` says when the metrics API answered with no pod metrics: nothing found when there are no
/// pods, else that metrics are not there yet (pods younger than the metrics' two-minute delay) or missing.
fn no_pod_metrics(req: &Req, env: &CliEnv, pods: &[Arc<Object>]) -> Res {
    if pods.is_empty() {
        let found = if req.args.on("all-namespaces") {
            "No resources found\n".to_owned()
        } else {
            format!("No resources found in {} namespace.\n", req.ns)
        };
        return Ok(Output::err(found, 0));
    }
    match pods
        .iter()
        .find(|p| env.cluster.now - p.meta.created > 2 * 60_000)
    {
        Some(pod) => Err(error(format!(
            "Metrics not available for pod {}/{}, age: {}",
            pod.meta.namespace,
            pod.meta.name,
            printers::columns::go_duration((env.cluster.now - pod.meta.created) * 1_000_000)
        ))),
        None => Err(error("metrics not available yet")),
    }
}

// ---------------------------------------------------------------- completion

fn completion(req: &Req) -> Res {
    match req.args.positional.first().map(String::as_str) {
        Some("bash") => {
            let tool = req.tool;
            Ok(Output::ok(format!(
                "# bash completion for {tool}                              -*- shell-script -*-\n\n__{tool}_debug()\n{{\n    if [[ -n ${{BASH_COMP_DEBUG_FILE:-}} ]]; then\n        echo \"$*\" >> \"${{BASH_COMP_DEBUG_FILE}}\"\n    fi\n}}\n\n__start_{tool}()\n{{\n    local cur prev words cword split\n    COMPREPLY=()\n    _get_comp_words_by_ref -n \"=:\" cur prev words cword\n    local out\n    out=$(\"${{words[0]}}\" __complete \"${{words[@]:1}}\" 2>/dev/null)\n    COMPREPLY=( $(compgen -W \"${{out}}\" -- \"$cur\") )\n}}\n\ncomplete -o default -F __start_{tool} {tool}\n"
            )))
        }
        Some(shell @ ("zsh" | "fish" | "powershell")) => Ok(Output::ok(format!(
            "# {shell} completion for {}\n",
            req.tool
        ))),
        Some(other) => Err(error(format!(
            "Unsupported shell type \"{other}\".\nSee '{} completion -h' for help and examples",
            req.tool
        ))),
        None => Err(error(
            "Shell not specified.\nSee 'kubectl completion -h' for help and examples",
        )),
    }
}

// ---------------------------------------------------------------- wait

pub(crate) fn parse_duration_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut total = 0i64;
    let mut num = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let unit = match c {
            'h' => 3_600_000.0,
            'm' => 60_000.0,
            's' => 1000.0,
            _ => return None,
        };
        total += (n * unit) as i64;
    }
    if !num.is_empty() {
        total += num.parse::<i64>().ok()? * 1000;
    }
    Some(total)
}

fn condition_true(o: &Object, condition: &str) -> bool {
    if let Some(p) = o.pod()
        && condition.eq_ignore_ascii_case("ready")
    {
        return !p.containers.is_empty() && p.containers.iter().all(|c| c.ready);
    }
    o.to_json()["status"]["conditions"]
        .as_array()
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c["type"]
                    .as_str()
                    .is_some_and(|t| t.eq_ignore_ascii_case(condition))
                    && c["status"] == "True"
            })
        })
}

/// Whether `kubectl wait --for=jsonpath=EXPR=VALUE` holds for an object: the expression's result (with the
/// braces optional, as kubectl relaxes them) equals the value; without `=VALUE` the expression must find something.
fn jsonpath_condition(object: &Object, spec: &str) -> bool {
    let (expression, value) = match spec.rfind('}') {
        Some(end) => match spec[end + 1..].strip_prefix('=') {
            Some(v) => (&spec[..=end], Some(v)),
            None => (spec, None),
        },
        None => match spec.split_once('=') {
            Some((e, v)) => (e, Some(v)),
            None => (spec, None),
        },
    };
    let Ok(relaxed) = printers::jsonpath::relaxed_expression(expression) else {
        return false;
    };
    let Ok(path) = printers::jsonpath::JsonPath::parse(&relaxed) else {
        return false;
    };
    match path.execute(&object.to_json(), false) {
        Ok(found) => value.is_none_or(|v| found == v) && !found.is_empty(),
        Err(_) => false,
    }
}

fn wait(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(condition) = req.args.get("for") else {
        return Err(error("unrecognized condition: \"\""));
    };
    if condition != "delete"
        && condition != "create"
        && !condition.starts_with("condition=")
        && !condition.starts_with("jsonpath=")
    {
        return Err(error(format!("unrecognized condition: \"{condition}\"")));
    }
    if condition == "jsonpath=" {
        return Err(error("jsonpath expression cannot be empty"));
    }
    let timeout = req
        .args
        .get("timeout")
        .and_then(parse_duration_ms)
        .filter(|t| *t > 0)
        .unwrap_or(30_000);
    let wanted = targets(req, &req.args.positional)?;
    if wanted.is_empty() {
        return Err(error(
            "resource(s) were provided, but no name was specified",
        ));
    }
    let mut keys: Vec<(Kind, String)> = Vec::new();
    for (kind, names) in &wanted {
        if names.is_empty() {
            for o in list(req, env, *kind)? {
                keys.push((*kind, o.meta.name.to_string()));
            }
        } else {
            for n in names {
                if condition != "delete" {
                    read(req, env, *kind, n)?;
                }
                keys.push((*kind, n.clone()));
            }
        }
    }
    if keys.is_empty() {
        return Err(error("no matching resources found"));
    }
    let start = env.cluster.now;
    let mut out = Output::default();
    let mut pending: Vec<(Kind, String)> = keys;
    loop {
        let mut still = Vec::new();
        for (kind, name) in pending {
            let current = env.cluster.get(kind, &req.ns, &name);
            let met = match condition {
                "delete" => current.is_none(),
                "create" => current.is_some(),
                c if c.starts_with("jsonpath=") => current
                    .as_ref()
                    .is_some_and(|o| jsonpath_condition(o, &c["jsonpath=".len()..])),
                c => {
                    let cond = c.strip_prefix("condition=").unwrap_or(c);
                    current.as_ref().is_some_and(|o| condition_true(o, cond))
                }
            };
            if met {
                out.stdout.push_str(&format!(
                    "{}/{name} condition met\n",
                    kind.qualified_singular()
                ));
            } else {
                still.push((kind, name));
            }
        }
        pending = still;
        if pending.is_empty() || env.cluster.now - start >= timeout {
            break;
        }
        env.cluster.advance(1000);
    }
    for (kind, name) in &pending {
        out.stderr.push_str(&format!(
            "error: timed out waiting for the condition on {}/{name}\n",
            kind.info().plural
        ));
        out.code = 1;
    }
    Ok(CliResult {
        output: out,
        effect: advanced(env.cluster.now - start),
    })
}

// ---------------------------------------------------------------- node maintenance

fn node_names(req: &Req, env: &CliEnv) -> Result<Vec<String>, Output> {
    let mut names: Vec<String> = req
        .args
        .positional
        .iter()
        .map(|w| {
            w.strip_prefix("node/")
                .or(w.strip_prefix("nodes/"))
                .unwrap_or(w)
                .to_owned()
        })
        .collect();
    if names.first().is_some_and(|n| n == "node" || n == "nodes") {
        names.remove(0);
    }
    if names.is_empty() && req.args.has("selector") {
        names = list(req, env, k::node())?
            .iter()
            .map(|n| n.meta.name.to_string())
            .collect();
    }
    if names.is_empty() {
        return Err(error(format!(
            "USAGE: {} NODE [flags]\n{}",
            req.cmd,
            req.see_help()
        )));
    }
    Ok(names)
}

fn set_unschedulable(req: &Req, env: &mut CliEnv, name: &str, on: bool) -> Result<bool, Output> {
    let node = read(req, env, k::node(), name)?;
    let current = node.spec()["unschedulable"].as_bool().unwrap_or(false);
    if current == on {
        return Ok(false);
    }
    let mut changed = (*node).clone();
    if on {
        changed
            .spec_mut()
            .insert("unschedulable".into(), json!(true));
    } else {
        changed.spec_mut().remove("unschedulable");
    }
    env.cluster
        .update(&req.user, changed, false)
        .map_err(|e| api_error(&e))?;
    Ok(true)
}

fn cordon(req: &Req, env: &mut CliEnv, on: bool) -> Res {
    let mut out = String::new();
    for name in node_names(req, env)? {
        let changed = set_unschedulable(req, env, &name, on)?;
        let verb = if on { "cordoned" } else { "uncordoned" };
        out.push_str(&format!(
            "node/{name} {}\n",
            if changed {
                verb.to_owned()
            } else {
                format!("already {verb}")
            }
        ));
    }
    Ok(Output::ok(out))
}

fn drain(req: &Req, env: &mut CliEnv) -> Res {
    let mut out = Output::default();
    for name in node_names(req, env)? {
        let changed = set_unschedulable(req, env, &name, true)?;
        out.stdout.push_str(&format!(
            "node/{name} {}\n",
            if changed {
                "cordoned"
            } else {
                "already cordoned"
            }
        ));
        let pods: Vec<Arc<Object>> = env
            .cluster
            .store
            .pods_on(&name)
            .into_iter()
            .filter_map(|key| env.cluster.store.get(k::pod(), &key.0, &key.1).cloned())
            .collect();
        let mut daemon = Vec::new();
        let mut unmanaged = Vec::new();
        let mut evict = Vec::new();
        let mut mirror = Vec::new();
        for p in pods {
            let owner = p.meta.controller().map(|o| o.kind);
            if p.meta.annotation("kubernetes.io/config.mirror").is_some() {
                mirror.push(p);
            } else if owner == Some(k::daemonset()) {
                daemon.push(p);
            } else if owner.is_none() {
                unmanaged.push(p);
            } else {
                evict.push(p);
            }
        }
        let list_names = |v: &[Arc<Object>]| {
            v.iter()
                .map(|p| format!("{}/{}", p.meta.namespace, p.meta.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut problems = Vec::new();
        if !daemon.is_empty() && !req.args.on("ignore-daemonsets") {
            problems.push(format!(
                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {}",
                list_names(&daemon)
            ));
        }
        if !unmanaged.is_empty() && !req.args.on("force") {
            problems.push(format!(
                "cannot delete Pods declare no controller (use --force to override): {}",
                list_names(&unmanaged)
            ));
        }
        if !problems.is_empty() {
            out.stderr.push_str(&format!(
                "error: unable to drain node \"{name}\" due to error:{}, continuing command...\nThere are pending nodes to be drained:\n {name}\n",
                // An aggregate of several errors prints as `[a, b]`, a single one as itself.
                if problems.len() == 1 {
                    problems[0].clone()
                } else {
                    format!("[{}]", problems.join(", "))
                }
            ));
            for p in &problems {
                out.stderr.push_str(&format!("{p}\n"));
            }
            out.code = 1;
            continue;
        }
        let mut warnings = Vec::new();
        if !daemon.is_empty() {
            warnings.push(format!(
                "ignoring DaemonSet-managed Pods: {}",
                list_names(&daemon)
            ));
        }
        if !unmanaged.is_empty() {
            warnings.push(format!(
                "deleting Pods that declare no controller: {}",
                list_names(&unmanaged)
            ));
        }
        if !warnings.is_empty() {
            out.stderr
                .push_str(&format!("Warning: {}\n", warnings.join("; ")));
        }
        evict.extend(unmanaged);
        for p in &evict {
            out.stdout.push_str(&format!(
                "evicting pod {}/{}\n",
                p.meta.namespace, p.meta.name
            ));
        }
        for p in &evict {
            env.cluster
                .delete(&req.user, k::pod(), &p.meta.namespace, &p.meta.name, false)
                .map_err(|e| api_error(&e))?;
        }
        env.cluster.advance(5000);
        for p in &evict {
            out.stdout
                .push_str(&format!("pod/{} evicted\n", p.meta.name));
        }
        out.stdout.push_str(&format!("node/{name} drained\n"));
    }
    Ok(out)
}

fn taint(req: &Req, env: &mut CliEnv) -> Res {
    let words = &req.args.positional;
    let mut iter = words.iter();
    let first = iter.next();
    let node_name = match first.map(String::as_str) {
        Some("node" | "nodes" | "no") => iter.next().cloned(),
        Some(w) => Some(w.strip_prefix("node/").unwrap_or(w).to_owned()),
        None => None,
    };
    // As kubectl splits them, taint arguments have an `=` or `:` or end with `-`; other words name nodes, before them.
    let mut specs: Vec<String> = Vec::new();
    for word in iter {
        if word.contains('=') || word.contains(':') || word.ends_with('-') {
            specs.push(word.clone());
        } else if !specs.is_empty() {
            return Err(error(format!(
                "all resources must be specified before taint changes: {word}"
            )));
        }
    }
    let Some(node_name) = node_name else {
        return Err(error(
            "one or more resources must be specified as <resource> <name>",
        ));
    };
    if specs.is_empty() {
        return Err(error("at least one taint update is required"));
    }
    let node = read(req, env, k::node(), &node_name)?;
    let mut taints: Vec<Value> = node.spec()["taints"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut removed = false;
    let mut added = false;
    for spec in &specs {
        if let Some(key_part) = spec.strip_suffix('-') {
            let (key, effect) = match key_part.split_once(':') {
                Some((k, e)) => (k.split('=').next().unwrap_or(k), Some(e)),
                None => (key_part.split('=').next().unwrap_or(key_part), None),
            };
            let before = taints.len();
            taints.retain(|t| !(t["key"] == key && effect.is_none_or(|e| t["effect"] == e)));
            if taints.len() == before {
                return Err(error(format!("taint \"{key_part}\" not found")));
            }
            removed = true;
            continue;
        }
        // Without an effect the whole word is the key, which an `=` makes an invalid name.
        let Some((kv, effect)) = spec.split_once(':') else {
            return Err(error(format!(
                "invalid taint spec: {spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n{}",
                req.see_help()
            )));
        };
        if !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect) {
            return Err(error(format!(
                "invalid taint effect: {effect}, unsupported taint effect\n{}",
                req.see_help()
            )));
        }
        let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
        if taints
            .iter()
            .any(|t| t["key"] == key && t["effect"] == effect)
            && !req.args.on("overwrite")
        {
            return Err(error(format!(
                "node {node_name} already has {key} taint(s) with same effect(s) and --overwrite is false"
            )));
        }
        taints.retain(|t| !(t["key"] == key && t["effect"] == effect));
        let mut t = json!({"effect": effect, "key": key});
        if !value.is_empty() {
            t["value"] = json!(value);
        }
        taints.push(t);
        added = true;
    }
    let mut changed = (*node).clone();
    if taints.is_empty() {
        changed.spec_mut().remove("taints");
    } else {
        changed
            .spec_mut()
            .insert("taints".into(), Value::Array(taints));
    }
    env.cluster
        .update(&req.user, changed, false)
        .map_err(|e| api_error(&e))?;
    let verb = match (added, removed) {
        (true, true) => "modified",
        (true, false) => "tainted",
        _ => "untainted",
    };
    Ok(Output::ok(format!("node/{node_name} {verb}\n")))
}

// ---------------------------------------------------------------- exec and port-forward

fn exec(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(word) = req.args.positional.first() else {
        return Err(error(format!(
            "pod, type/name or --filename must be specified{}",
            ""
        )));
    };
    let command: Vec<String> = match &req.args.rest {
        Some(rest) => rest.clone(),
        None => req.args.positional[1..].to_vec(),
    };
    if command.is_empty() {
        return Err(error(format!(
            "you must specify at least one command for the container{}",
            ""
        )));
    }
    let (pod, note) = pod_for(req, env, word)?;
    env.cluster
        .authorize(&req.user, "create", k::pod(), &req.ns, &pod.meta.name)
        .map_err(|_| {
            Output::err(
                format!(
                    "Error from server (Forbidden): pods \"{}\" is forbidden: User \"{}\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"{}\"\n",
                    pod.meta.name, req.user.name, req.ns
                ),
                1,
            )
        })?;
    let containers: Vec<String> = pod.spec()["containers"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let container = req
        .args
        .get("container")
        .map(str::to_owned)
        .or_else(|| containers.first().cloned())
        .unwrap_or_default();
    if !containers.contains(&container) {
        return Err(error(format!(
            "unable to upgrade connection: container not found (\"{container}\")"
        )));
    }
    let running = pod.pod().is_some_and(|p| {
        p.containers
            .iter()
            .any(|c| matches!(c.state, crate::api::ContainerState::Running { .. }))
    });
    if !running {
        return Err(error(format!(
            "unable to upgrade connection: container not found (\"{container}\")"
        )));
    }
    let mut out = Output::default();
    if let Some(note) = note {
        out.stderr.push_str(&note);
    }
    if containers.len() > 1 && !req.args.has("container") {
        out.stderr.push_str(&format!(
            "Defaulted container \"{container}\" out of: {}\n",
            containers.join(", ")
        ));
    }
    Ok(CliResult {
        output: out,
        effect: Some(Effect::ContainerShell {
            namespace: pod.meta.namespace.to_string(),
            pod: pod.meta.name.to_string(),
            container,
            command,
            interactive: req.args.on("stdin") || req.args.on("tty"),
            remove_on_exit: false,
            debug: false,
        }),
    })
}

/// `kubectl cp SRC DEST`: one side a local path, the other `[NAMESPACE/]POD:PATH`; the copy itself is the
/// session's ([`Effect::Copy`]).
fn copy(req: &Req, ctx: &Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let [source, destination] = req.args.positional.as_slice() else {
        return Err(error("source and destination are required"));
    };
    // A remote file spec is `[namespace/]pod:path`; a colon after a slash belongs to a local path.
    let remote = |spec: &str| {
        spec.split_once(':')
            .filter(|(before, _)| !before.is_empty() && before.matches('/').count() <= 1)
            .map(|(pod, path)| (pod.to_owned(), path.to_owned()))
    };
    let (to_container, local, (target, path)) = match (remote(source), remote(destination)) {
        (None, None) => {
            return Err(error(
                "one of src or dest must be a remote file specification",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(error(
                "one of src or dest must be a local file specification",
            ));
        }
        (None, Some(spec)) => (true, source.clone(), spec),
        (Some(spec), None) => (false, destination.clone(), spec),
    };
    if to_container && ctx.fs.get(&ctx.resolve(&local)).is_none() {
        return Err(error(format!("{local} doesn't exist in local filesystem")));
    }
    let (namespace, pod_name) = match target.split_once('/') {
        Some((ns, pod)) => (ns.to_owned(), pod.to_owned()),
        None => (req.ns.clone(), target),
    };
    // kubectl cp runs tar through exec, so it needs what exec needs: a running container.
    let mut args = req.args.clone();
    args.rest = Some(vec!["tar".to_owned()]);
    args.positional = vec![pod_name];
    let in_namespace = Req {
        tool: req.tool,
        cmd: req.cmd.clone(),
        args,
        user: req.user.clone(),
        ns: namespace,
        openshift: req.openshift,
    };
    let exec = exec(&in_namespace, env)?;
    let Some(Effect::ContainerShell {
        namespace,
        pod,
        container,
        ..
    }) = exec.effect
    else {
        return Ok(exec);
    };
    Ok(CliResult {
        output: exec.output,
        effect: Some(Effect::Copy {
            namespace,
            pod,
            container,
            to_container,
            local,
            remote: path,
        }),
    })
}

/// The API server's Kubernetes version (`v1.27.10`).
fn server_version(env: &CliEnv) -> String {
    if env.cluster.info.kubernetes_version.is_empty() {
        "v1.27.10".to_owned()
    } else {
        env.cluster.info.kubernetes_version.clone()
    }
}

/// What the API server answers at `/version`, as `kubectl version -o json` shows it under `serverVersion`.
fn server_version_json(env: &CliEnv) -> Value {
    let server = server_version(env);
    json!({
        "major": "1", "minor": server.split('.').nth(1).unwrap_or("27"),
        "gitVersion": server, "gitTreeState": "clean", "goVersion": "go1.20.10",
        "compiler": "gc", "platform": "linux/amd64"
    })
}

/// `kubectl get --raw PATH`: the API server's answer at `PATH` as it sends it (health checks, `/version`, `/api`,
/// and objects and lists under `/api/v1` and `/apis/GROUP/VERSION`).
fn get_raw(req: &Req, env: &CliEnv, raw: &str) -> Res {
    if !req.args.positional.is_empty() {
        return Err(error("arguments may not be passed when --raw is specified"));
    }
    if req.args.has("output") {
        return Err(error("--raw and --output are mutually exclusive"));
    }
    if !raw.starts_with('/') {
        return Err(error(format!(
            "--raw must be a valid URL path: parse \"{raw}\": invalid URI for request"
        )));
    }
    let path = raw
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let not_found = || {
        Output::err(
            "Error from server (NotFound): the server could not find the requested resource\n",
            1,
        )
    };
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let compact = |value: &Value| format!("{}\n", serde_json::to_string(value).unwrap_or_default());
    match parts.as_slice() {
        ["healthz" | "livez" | "readyz"] => return Ok(Output::ok("ok")),
        // The API server indents /version by two spaces.
        ["version"] => {
            let text = serde_json::to_string_pretty(&server_version_json(env)).unwrap_or_default();
            return Ok(Output::ok(format!("{text}\n")));
        }
        ["api"] => {
            // The address the API server advertises: the first control plane node's, on the API port.
            let server = env
                .cluster
                .store
                .list(k::node(), None)
                .find(|n| {
                    n.meta
                        .labels
                        .contains_key("node-role.kubernetes.io/control-plane")
                })
                .and_then(|n| env.cluster.node_ips.get(n.meta.name.as_str()).copied())
                .map(|ip| format!("{}:6443", crate::api::object::ip_string(ip)))
                .unwrap_or_default();
            return Ok(Output::ok(compact(
                &json!({"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server}]}),
            )));
        }
        _ => {}
    }
    // The resource path after the group and version: [namespaces/NS/]RESOURCE[/NAME].
    let (group, version, rest) = match parts.as_slice() {
        ["api", version, rest @ ..] => ("", *version, rest),
        ["apis", group, version, rest @ ..] => (*group, *version, rest),
        _ => return Err(not_found()),
    };
    let (namespace, resource, name) = match rest {
        ["namespaces", ns, resource] => (Some(*ns), *resource, None),
        ["namespaces", ns, resource, name] => (Some(*ns), *resource, Some(*name)),
        [resource] => (None, *resource, None),
        [resource, name] => (None, *resource, Some(*name)),
        _ => return Err(not_found()),
    };
    let Some(kind) = Kind::all().find(|k| {
        let info = k.info();
        info.plural == resource
            && info.group == group
            && info.version == version
            && (req.openshift || !info.openshift)
            && (namespace.is_none() || info.namespaced)
    }) else {
        return Err(not_found());
    };
    if let Some(name) = name {
        let object = env
            .cluster
            .read(&req.user, kind, namespace.unwrap_or(""), name)
            .map_err(|e| api_error(&e))?;
        return Ok(Output::ok(compact(&object.to_json())));
    }
    let items: Vec<Value> = env
        .cluster
        .read_list(&req.user, kind, namespace)
        .map_err(|e| api_error(&e))?
        .iter()
        .map(|object| {
            // A list's items carry no kind or apiVersion of their own.
            let mut item = object.to_json();
            if let Some(map) = item.as_object_mut() {
                map.remove("kind");
                map.remove("apiVersion");
            }
            item
        })
        .collect();
    let info = kind.info();
    Ok(Output::ok(compact(&json!({
        "kind": format!("{}List", info.kind),
        "apiVersion": kind.api_version(),
        "metadata": {"resourceVersion": env.cluster.store.revision().to_string()},
        "items": items,
    }))))
}

fn port_forward(req: &Req, env: &mut CliEnv) -> Res {
    let Some(word) = req.args.positional.first() else {
        return Err(error(format!(
            "TYPE/NAME and list of ports are required for port-forward\n{}",
            req.see_help()
        )));
    };
    let ports = &req.args.positional[1..];
    if ports.is_empty() {
        return Err(error(format!(
            "TYPE/NAME and list of ports are required for port-forward\n{}",
            req.see_help()
        )));
    }
    // A service or a workload resolves to one of its pods.
    let service = match word.split_once('/') {
        Some(("svc" | "service" | "services", name)) => Some(read(req, env, k::service(), name)?),
        _ => None,
    };
    let pod = if service.is_some() {
        None
    } else {
        Some(pod_for(req, env, word)?.0)
    };
    // The pod a service's forward reaches: its first ready backend, as kubectl picks one pod.
    let target = pod.clone().or_else(|| {
        let selector = service.as_ref()?.spec()["selector"].as_object()?.clone();
        let selector = crate::api::selector::Selector::from_map(&Value::Object(selector));
        env.cluster
            .store
            .list(k::pod(), Some(&req.ns))
            .filter(|p| selector.matches(&p.meta.labels))
            .filter(|p| {
                p.pod()
                    .is_some_and(|s| s.phase == crate::api::Phase::Running)
            })
            .min_by(|a, b| a.meta.name.cmp(&b.meta.name))
            .cloned()
    });
    let mut forwards = Vec::new();
    let address = req.args.get("address").unwrap_or("localhost");
    let mut out = String::new();
    for p in ports {
        let (local, remote) = p.split_once(':').unwrap_or((p, p));
        // A remote port that is not a number names one of the pod's container ports.
        if let Some(pod) = &pod
            && !remote.chars().all(|c| c.is_ascii_digit())
        {
            let named = pod.spec()["containers"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|c| c["ports"].as_array().into_iter().flatten())
                .any(|port| port["name"] == remote);
            if !named {
                return Err(error(format!(
                    "Pod '{}' does not have a named port '{remote}'",
                    pod.meta.name
                )));
            }
        }
        // kubectl reads both ports as 16-bit unsigned numbers.
        for (which, port) in [("local", local), ("remote", remote)] {
            if port.is_empty() || (which == "remote" && !port.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            if let Err(e) = port.parse::<u16>() {
                let why = if matches!(e.kind(), std::num::IntErrorKind::PosOverflow)
                    && port.chars().all(|c| c.is_ascii_digit())
                {
                    "value out of range"
                } else {
                    "invalid syntax"
                };
                return Err(error(format!(
                    "error parsing {which} port '{port}': strconv.ParseUint: parsing \"{port}\": {why}"
                )));
            }
        }
        let local = if local.is_empty() { "38193" } else { local };
        // kubectl shows the pod's port a service's port forwards to.
        let mut remote = remote.to_owned();
        if let (Some(pod), Ok(local_port)) = (&target, local.parse::<u16>()) {
            let remote_port = forwarded_port(service.as_deref(), pod, &remote);
            forwards.push((local_port, pod.clone(), remote_port));
            if service.is_some() && remote_port != 0 {
                remote = remote_port.to_string();
            }
        }
        for addr in address.split(',') {
            let addr = if addr == "localhost" {
                "127.0.0.1"
            } else {
                addr
            };
            out.push_str(&format!("Forwarding from {addr}:{local} -> {remote}\n"));
            if addr == "127.0.0.1" {
                out.push_str(&format!("Forwarding from [::1]:{local} -> {remote}\n"));
            }
        }
    }
    for (local, pod, remote) in forwards {
        let to = (
            pod.meta.namespace.to_string(),
            pod.meta.name.to_string(),
            remote,
        );
        env.cluster.port_forwards.insert(local, to);
    }
    Ok(Output::ok(out))
}

/// The container port a forward of `remote` reaches on `pod`: a service's port goes to its target port, and a
/// port name to the container port of that name.
fn forwarded_port(service: Option<&Object>, pod: &Object, remote: &str) -> u16 {
    let mut wanted = remote.to_owned();
    if let Some(service) = service {
        let ports = service.spec()["ports"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if let Some(port) = ports.iter().find(|p| {
            p["port"].as_u64().map(|n| n.to_string()).as_deref() == Some(remote)
                || p["name"] == remote
        }) {
            wanted = match &port["targetPort"] {
                Value::Number(n) => n.to_string(),
                Value::String(name) => name.clone(),
                _ => port["port"].to_string(),
            };
        }
    }
    wanted.parse().unwrap_or_else(|_| {
        pod.spec()["containers"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| c["ports"].as_array().into_iter().flatten())
            .find(|p| p["name"] == wanted.as_str())
            .and_then(|p| p["containerPort"].as_u64())
            .map_or(0, |n| n as u16)
    })
}

// ---------------------------------------------------------------- completion of words

/// Tab completions for `partial` after `argv`.
pub(crate) fn complete(argv: &[String], partial: &str, env: &CliEnv) -> Vec<String> {
    let tool = match argv.first().map(String::as_str) {
        Some("oc") => "oc",
        _ => "kubectl",
    };
    let words: Vec<&String> = argv
        .iter()
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let last = argv.last().map(String::as_str).unwrap_or("");
    let namespaces = || -> Vec<String> {
        env.cluster
            .store
            .list(k::namespace(), None)
            .map(|n| n.meta.name.to_string())
            .filter(|n| n.starts_with(partial))
            .collect()
    };
    if matches!(last, "-n" | "--namespace")
        || (tool == "oc" && words.len() == 1 && words[0] == "project")
    {
        return namespaces();
    }
    if last == "--context"
        || (words.len() == 2 && words[0] == "config" && words[1] == "use-context")
    {
        return env
            .kubeconfig
            .contexts
            .iter()
            .map(|c| c.name.clone())
            .filter(|n| n.starts_with(partial))
            .collect();
    }
    if partial.starts_with('-') {
        let spec_flags = words
            .first()
            .and_then(|c| help::spec(tool, c))
            .map(|s| s.flags)
            .unwrap_or(&[]);
        for name in spec_flags.iter().chain(flags::GLOBAL.iter()) {
            let candidate = format!("--{name}");
            if candidate.starts_with(partial) {
                out.push(candidate);
            }
        }
    } else if words.is_empty() {
        out = help::names(tool)
            .into_iter()
            .filter(|n| n.starts_with(partial))
            .map(str::to_owned)
            .collect();
    } else {
        let openshift = env.cluster.info.is_openshift();
        let takes_type = matches!(
            words[0].as_str(),
            "get"
                | "describe"
                | "delete"
                | "edit"
                | "label"
                | "annotate"
                | "patch"
                | "scale"
                | "explain"
                | "wait"
                | "rollout"
        );
        let type_word = if words[0] == "rollout" {
            words.get(2)
        } else {
            words.get(1)
        };
        if takes_type && type_word.is_none() && !partial.contains('/') {
            let mut names: Vec<String> = Kind::all()
                .filter(|k| openshift || !k.info().openshift)
                .map(|k| k.info().plural.to_owned())
                .filter(|n| n.starts_with(partial))
                .collect();
            names.sort_shared();
            out = names;
        } else if matches!(
            words[0].as_str(),
            "logs" | "exec" | "rsh" | "port-forward" | "attach"
        ) || type_word.is_some()
        {
            let kind = match type_word {
                Some(t)
                    if !matches!(words[0].as_str(), "logs" | "exec" | "rsh" | "port-forward") =>
                {
                    objects::resolve_kind(t, openshift)
                }
                _ => Some(k::pod()),
            };
            if let Some(kind) = kind {
                let ns = env.kubeconfig.namespace();
                out = env
                    .cluster
                    .store
                    .list(kind, kind.info().namespaced.then_some(ns.as_str()))
                    .map(|o| o.meta.name.to_string())
                    .filter(|n| n.starts_with(partial))
                    .collect();
            }
        } else if let Some((t, prefix)) = partial.split_once('/')
            && let Some(kind) = objects::resolve_kind(t, openshift)
        {
            let ns = env.kubeconfig.namespace();
            out = env
                .cluster
                .store
                .list(kind, kind.info().namespaced.then_some(ns.as_str()))
                .filter(|o| o.meta.name.starts_with(prefix))
                .map(|o| format!("{t}/{}", o.meta.name))
                .collect();
        }
    }
    out
}
