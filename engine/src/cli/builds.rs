//! The `oc` commands over builds, image stream tags and DeploymentConfigs: build logs, `get istag`, `rollout latest|history|undo` of a DeploymentConfig, and the API server's DeploymentConfig deprecation warning.

use crate::sort::SortShared;
use std::sync::Arc;

use serde_json::{Value, json};

use super::commands::{WATCH_WINDOW_MS, advanced};
use super::objects::{self, Req, api_error, error, list, read, ref_name};
use super::{CliEnv, CliResult};
use crate::api::{Kind, Object, k};
use crate::cluster::controllers::deploymentconfigs as dcs;
use crate::exec::{Ctx, Output};

/// The warning the API server attaches to every DeploymentConfig request in OpenShift 4.14.
pub const DC_WARNING: &str = "Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+\n";

/// Runs the request here when it is one of this module's commands; `None` leaves it to the general commands.
pub(crate) fn intercept(
    req: &Req,
    ctx: &Ctx,
    env: &mut CliEnv,
) -> Option<Result<CliResult, Output>> {
    if !req.openshift {
        return None;
    }
    let words = &req.args.positional;
    match req.cmd.as_str() {
        "logs" => {
            let (t, name) = words.first()?.split_once('/')?;
            let kind = objects::resolve_kind(t, true)?;
            if kind == k::deployment_config() {
                return deployer_logs(req, env, name);
            }
            (kind == k::build() || kind == k::build_config())
                .then(|| build_logs(req, env, kind, name))
        }
        "describe" => {
            let first = words.first()?;
            let (t, name) = match first.split_once('/') {
                Some((t, n)) => (t, n.to_owned()),
                None => (first.as_str(), words.get(1)?.clone()),
            };
            (objects::resolve_kind(t, true)? == k::build())
                .then(|| describe_build(req, env, &name).map(CliResult::plain))
        }
        "get" => {
            let first = words.first()?;
            let is_istag = |w: &str| {
                objects::resolve_kind(w, true).is_some_and(|k| k.info().kind == "ImageStreamTag")
            };
            is_istag(first.split('/').next().unwrap_or(first))
                .then(|| get_istags(req, env).map(CliResult::plain))
        }
        "rollout" => {
            let sub = words.first()?.as_str();
            let (t, name) = words
                .get(1)?
                .split_once('/')
                .or_else(|| words.get(2).map(|n| (words[1].as_str(), n.as_str())))?;
            let kind = objects::resolve_kind(t, true)?;
            if kind == k::deployment_config() && sub == "status" {
                return Some(dc_rollout_status(req, env, name));
            }
            if kind != k::deployment_config() || !matches!(sub, "latest" | "history" | "undo") {
                return None;
            }
            Some(dc_rollout(req, env, sub, name).map(CliResult::plain))
        }
        _ => {
            let _ = ctx;
            None
        }
    }
}

/// The command's result, with the DeploymentConfig deprecation warning first on standard error when `warn`.
pub(crate) fn with_warning(result: Result<CliResult, Output>, warn: bool) -> CliResult {
    let mut result = match result {
        Ok(r) => r,
        Err(output) => CliResult::plain(output),
    };
    if warn {
        result.output.stderr.insert_str(0, DC_WARNING);
    }
    result
}

/// Whether a request touches DeploymentConfigs, so that the server's deprecation warning comes back with it.
pub(crate) fn touches_dcs(req: &Req, ctx: &Ctx) -> bool {
    if !req.openshift {
        return false;
    }
    let names_dc = |w: &str| {
        w.split(',').any(|part| {
            let t = part.split('/').next().unwrap_or(part);
            t == "all" && req.cmd == "get"
                || objects::resolve_kind(t, true) == Some(k::deployment_config())
        })
    };
    let cmd = req.cmd.split(' ').next().unwrap_or_default();
    let words = &req.args.positional;
    match cmd {
        "get" | "describe" | "delete" | "scale" | "label" | "annotate" | "patch" | "edit" => {
            words.first().is_some_and(|w| names_dc(w))
                || (req.args.has("filename") && manifests_name_dc(req, ctx))
        }
        "rollout" | "set" => words.iter().skip(1).take(1).any(|w| names_dc(w)),
        "apply" | "create" | "replace" => manifests_name_dc(req, ctx),
        "new-app" => req.args.on("as-deployment-config"),
        _ => false,
    }
}

fn manifests_name_dc(req: &Req, ctx: &Ctx) -> bool {
    objects::manifests(req, ctx).is_ok_and(|docs| {
        docs.iter().any(|(_, d)| {
            d["kind"] == "DeploymentConfig"
                || d["kind"] == "List"
                    && d["items"]
                        .as_array()
                        .is_some_and(|i| i.iter().any(|o| o["kind"] == "DeploymentConfig"))
        })
    })
}

// ---------------------------------------------------------------- build logs

/// How long `oc logs -f` follows a build before it stops as if the learner pressed Ctrl-C.
const FOLLOW_LIMIT_MS: i64 = 10 * WATCH_WINDOW_MS;

fn build_logs(req: &Req, env: &mut CliEnv, kind: Kind, name: &str) -> Result<CliResult, Output> {
    let start = env.cluster.now;
    let build = if kind == k::build_config() {
        read(req, env, kind, name)?;
        let mut all: Vec<Arc<Object>> = list(req, env, k::build())?
            .into_iter()
            .filter(|b| {
                b.meta.annotation("openshift.io/build-config.name") == Some(name)
                    || b.meta.label("buildconfig") == Some(name)
            })
            .collect();
        if let Some(v) = req.args.get("version") {
            let wanted = format!("{name}-{v}");
            all.retain(|b| b.meta.name == wanted.as_str());
        }
        all.sort_shared_by_key(|b| b.meta.created);
        match all.pop() {
            Some(b) => b,
            None => return Err(error(format!("no builds found for \"{name}\""))),
        }
    } else {
        read(req, env, kind, name)?
    };
    let out = stream_build(
        env,
        &build.meta.namespace,
        &build.meta.name,
        req.args.on("follow"),
    );
    Ok(CliResult {
        output: out,
        effect: advanced(env.cluster.now - start),
    })
}

/// What the build log endpoint streams: it waits for the build to start, then prints its log so far; when
/// `follow`, it streams until the build ends.
pub(crate) fn stream_build(env: &mut CliEnv, ns: &str, build_name: &str, follow: bool) -> Output {
    let start = env.cluster.now;
    let phase = |env: &CliEnv| build_phase(env, ns, build_name);
    let limit = if follow {
        FOLLOW_LIMIT_MS
    } else {
        WATCH_WINDOW_MS
    };
    while env.cluster.now - start < limit {
        let p = phase(env);
        let done = if follow {
            matches!(p.as_str(), "Complete" | "Failed" | "Error" | "Cancelled")
        } else {
            !matches!(p.as_str(), "New" | "Pending" | "")
        };
        if done {
            break;
        }
        let step = env
            .cluster
            .next_timer()
            .map(|t| (t - env.cluster.now).clamp(1, 1_000))
            .unwrap_or(1_000);
        env.cluster.advance(step);
    }
    let pod = env
        .cluster
        .get(k::pod(), ns, &format!("{build_name}-build"));
    let mut out = Output::default();
    match pod {
        Some(pod) => {
            match crate::cluster::controllers::kubelet::container_log(
                env.cluster,
                &pod,
                None,
                false,
            ) {
                Ok(text) => out.stdout.push_str(&text),
                Err(e) => {
                    // A build that failed in its init containers (a clone that could not fetch) has a log, the
                    // clone's output, though its build container never started.
                    let container = pod.spec()["containers"][0]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    match env.cluster.logs.get(&(pod.meta.uid, container)) {
                        Some(lines) => {
                            for (at, line) in lines {
                                if *at <= env.cluster.now {
                                    out.stdout.push_str(line);
                                    out.stdout.push('\n');
                                }
                            }
                        }
                        None => {
                            out.stderr
                                .push_str(&format!("Error from server (BadRequest): {e}\n"));
                            out.code = 1;
                        }
                    }
                }
            }
        }
        None => {
            out.stderr.push_str(&format!(
                "Error from server (BadRequest): unable to wait for build {build_name} to run: timed out waiting for the condition\n"
            ));
            out.code = 1;
        }
    }
    out
}

/// A build's `status.phase`, empty when the build is gone.
pub(crate) fn build_phase(env: &CliEnv, ns: &str, name: &str) -> String {
    env.cluster
        .get(k::build(), ns, name)
        .and_then(|b| b.status_json()["phase"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `oc logs dc/NAME` while a rollout runs: the deployer pod's log (after it, the application's pods answer).
fn deployer_logs(req: &Req, env: &mut CliEnv, name: &str) -> Option<Result<CliResult, Output>> {
    let dc = env.cluster.get(k::deployment_config(), &req.ns, name)?;
    let latest = dcs::revisions(env.cluster, &dc)
        .into_iter()
        .rev()
        .find(|rc| dcs::version(rc) == dc.status_json()["latestVersion"].as_i64().unwrap_or(0))?;
    if latest.meta.annotation(dcs::PHASE) == Some("Complete") {
        return None;
    }
    let pod = env
        .cluster
        .get(k::pod(), &req.ns, &format!("{}-deploy", latest.meta.name))?;
    let start = env.cluster.now;
    // With -f the log streams until the rollout ends.
    let rolling = |env: &CliEnv| {
        env.cluster
            .get(dcs::replication_controller(), &req.ns, &latest.meta.name)
            .is_some_and(|rc| {
                !matches!(rc.meta.annotation(dcs::PHASE), Some("Complete" | "Failed"))
            })
    };
    while req.args.on("follow") && env.cluster.now - start < WATCH_WINDOW_MS && rolling(env) {
        env.cluster.advance(1_000);
    }
    let pod = env.cluster.get(k::pod(), &req.ns, &pod.meta.name)?;
    let output =
        match crate::cluster::controllers::kubelet::container_log(env.cluster, &pod, None, false) {
            Ok(text) => Output::ok(text),
            Err(e) => Output::err(format!("Error from server (BadRequest): {e}\n"), 1),
        };
    Some(Ok(CliResult {
        output,
        effect: advanced(env.cluster.now - start),
    }))
}

// ---------------------------------------------------------------- describe build

/// Writes `label:` and the value's lines after tabs, as oc's describers do (`<none>` for an empty value).
fn format_string(out: &mut String, label: &str, value: &str) {
    let value = if value.is_empty() { "<none>" } else { value };
    out.push_str(label);
    out.push(':');
    for line in value.split('\n') {
        out.push('\t');
        out.push_str(line);
        out.push('\n');
    }
}

/// `Labels:`/`Annotations:` as oc's describers write them: sorted `key=value` pairs, one a line.
fn format_map(out: &mut String, label: &str, map: &std::collections::BTreeMap<String, String>) {
    let mut pairs = map.iter().map(|(k, v)| format!("{k}={v}"));
    match pairs.next() {
        None => format_string(out, label, ""),
        Some(first) => {
            format_string(out, label, &first);
            for pair in pairs {
                out.push_str(&format!("\t{pair}\n"));
            }
        }
    }
}

/// A Go `time.Duration` printed with `%v` (`51s`, `1m2s`), from milliseconds rounded to seconds.
fn go_seconds(ms: i64) -> String {
    crate::printers::columns::go_duration(ms / 1000 * 1_000_000_000)
}

/// `oc describe build NAME`: oc's build describer.
fn describe_build(req: &Req, env: &CliEnv, name: &str) -> Result<Output, Output> {
    let build = read(req, env, k::build(), name)?;
    let now = env.cluster.now;
    let status = build.status_json();
    let spec = build.spec();
    let time = |field: &str| {
        status[field]
            .as_str()
            .and_then(crate::api::time::parse_rfc3339)
    };
    let mut out = String::new();
    format_string(&mut out, "Name", &build.meta.name);
    format_string(&mut out, "Namespace", &build.meta.namespace);
    out.push_str(&format!(
        "Created:\t{} ago\n",
        crate::printers::age::docker_human_duration(now - build.meta.created)
    ));
    format_map(&mut out, "Labels", &build.meta.labels);
    let mut annotations = (*build.meta.annotations).clone();
    if let Some(d) = annotations.remove("description") {
        format_string(&mut out, "Description", &d);
    }
    format_map(&mut out, "Annotations", &annotations);
    out.push('\n');
    let phase = status["phase"].as_str().unwrap_or("New");
    let mut shown = format!("\x1b[1m{phase}\x1b[0m");
    if let Some(m) = status["message"].as_str().filter(|m| !m.is_empty()) {
        shown.push_str(&format!(" ({m})"));
    }
    format_string(&mut out, "Status", &shown);
    let (started, completed) = (time("startTimestamp"), time("completionTimestamp"));
    if let Some(t) = started {
        format_string(
            &mut out,
            "Started",
            &crate::printers::age::format_rfc1123z(t).replace("+0000", "UTC"),
        );
    }
    let duration = match (started, completed) {
        (None, Some(c)) => go_seconds(c - build.meta.created),
        (None, None) => format!("waiting for {}", go_seconds(now - build.meta.created)),
        (Some(s), None) => format!("running for {}", go_seconds(now - s)),
        (Some(s), Some(c)) => go_seconds(c - s),
    };
    format_string(&mut out, "Duration", &duration);
    out.push('\n');
    if let Some(config) = status["config"]["name"].as_str() {
        format_string(&mut out, "Build Config", config);
    }
    format_string(&mut out, "Build Pod", &format!("{name}-build"));
    if let Some(digest) = status["output"]["to"]["imageDigest"].as_str() {
        format_string(&mut out, "Image Digest", digest);
    }
    let strategy = spec["strategy"]["type"].as_str().unwrap_or("Source");
    format_string(&mut out, "\nStrategy", strategy);
    let git = &spec["source"]["git"];
    if let Some(uri) = git["uri"].as_str() {
        format_string(&mut out, "URL", uri);
        if let Some(r) = git["ref"].as_str().filter(|r| !r.is_empty()) {
            format_string(&mut out, "Ref", r);
        }
        if let Some(d) = spec["source"]["contextDir"]
            .as_str()
            .filter(|d| !d.is_empty())
        {
            format_string(&mut out, "ContextDir", d);
        }
        let rev = &spec["revision"]["git"];
        if let Some(commit) = rev["commit"].as_str() {
            let short: String = commit.chars().take(7).collect();
            let message = rev["message"].as_str().unwrap_or("");
            format_string(&mut out, "Commit", &format!("{short} ({message})"));
            let (author, committer) = (
                rev["author"]["name"].as_str().unwrap_or(""),
                rev["committer"]["name"].as_str().unwrap_or(""),
            );
            match (author.is_empty(), committer.is_empty()) {
                (false, false) if author == committer => {
                    format_string(&mut out, "Author/Committer", author)
                }
                (false, false) => format_string(
                    &mut out,
                    "Author/Committer",
                    &format!("{author} / {committer}"),
                ),
                (false, true) => format_string(&mut out, "Author", author),
                (true, false) => format_string(&mut out, "Committer", committer),
                (true, true) => {}
            }
        }
    }
    let from = if strategy == "Docker" {
        &spec["strategy"]["dockerStrategy"]["from"]
    } else {
        &spec["strategy"]["sourceStrategy"]["from"]
    };
    let qualified = |v: &Value| match v["namespace"].as_str().filter(|n| !n.is_empty()) {
        Some(ns) => format!("{ns}/{}", v["name"].as_str().unwrap_or("")),
        None => v["name"].as_str().unwrap_or("").to_owned(),
    };
    if from["name"].as_str().is_some_and(|n| !n.is_empty()) {
        format_string(
            &mut out,
            "From Image",
            &format!(
                "{} {}",
                from["kind"].as_str().unwrap_or(""),
                qualified(from)
            ),
        );
    }
    let to = &spec["output"]["to"];
    if to.is_object() {
        format_string(
            &mut out,
            "Output to",
            &format!("{} {}", to["kind"].as_str().unwrap_or(""), qualified(to)),
        );
    }
    if let Some(secret) = spec["output"]["pushSecret"]["name"].as_str() {
        format_string(&mut out, "Push Secret", secret);
    }
    match spec["triggeredBy"].as_array() {
        None => format_string(&mut out, "\nBuild trigger cause", "<unknown>"),
        Some(causes) => {
            for cause in causes {
                format_string(
                    &mut out,
                    "\nBuild trigger cause",
                    cause["message"].as_str().unwrap_or(""),
                );
            }
        }
    }
    out.push('\n');
    if let Some(snippet) = status["logSnippet"].as_str().filter(|s| !s.is_empty()) {
        format_string(&mut out, "Log Tail", snippet);
    }
    // The build's events and its pod's, as oc merges them.
    let mut uids = vec![build.meta.uid];
    if let Some(pod) = env
        .cluster
        .get(k::pod(), &build.meta.namespace, &format!("{name}-build"))
    {
        uids.push(pod.meta.uid);
    }
    let events: Vec<Value> = uids
        .iter()
        .flat_map(|u| env.cluster.events.about(*u))
        .map(|e| e.to_json())
        .collect();
    let mut w = crate::printers::describe::PrefixWriter::new();
    crate::printers::describe::describe_events(&mut w, &events, now);
    out.push_str(&w.into_raw());
    Ok(Output::ok(crate::printers::tabwriter::align_tabs(
        &out, 8, 1,
    )))
}

// ---------------------------------------------------------------- image stream tags

/// The ImageStreamTag objects the API server derives from image streams' status tags.
fn istags(env: &CliEnv, streams: &[Arc<Object>]) -> Vec<Value> {
    let mut out = Vec::new();
    for stream in streams {
        for tag in stream.status_json()["tags"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let Some(item) = tag["items"].get(0) else {
                continue;
            };
            let name = format!("{}:{}", stream.meta.name, tag["tag"].as_str().unwrap_or(""));
            let reference = item["dockerImageReference"].as_str().unwrap_or_default();
            let digest = item["image"].as_str().unwrap_or_default();
            let spec_tag = stream.spec()["tags"]
                .as_array()
                .and_then(|ts| ts.iter().find(|t| t["name"] == tag["tag"]).cloned());
            let mut obj = json!({"apiVersion": "image.openshift.io/v1", "kind": "ImageStreamTag",
                "metadata": {"creationTimestamp": item["created"], "name": name, "namespace": stream.meta.namespace.as_str(),
                    "resourceVersion": stream.meta.resource_version.to_string(),
                    "uid": crate::api::object::uid_string(stream.meta.uid ^ crate::api::object::hex_id(0, &name, 0).len() as u64)},
                "generation": item["generation"],
                "image": {"dockerImageReference": reference, "metadata": {"name": digest}},
                "lookupPolicy": stream.spec()["lookupPolicy"].clone()});
            if let Some(t) = spec_tag {
                obj["tag"] = t;
            }
            let _ = env;
            out.push(obj);
        }
    }
    out
}

fn get_istags(req: &Req, env: &mut CliEnv) -> Result<Output, Output> {
    let words = &req.args.positional;
    let mut wanted: Vec<String> = Vec::new();
    for w in words {
        match w.split_once('/') {
            Some((_, n)) => wanted.push(n.to_owned()),
            None if objects::resolve_kind(w, true)
                .is_none_or(|k| k.info().kind != "ImageStreamTag") =>
            {
                wanted.push(w.clone())
            }
            None => {}
        }
    }
    let streams = list(req, env, k::image_stream())?;
    let mut items = istags(env, &streams);
    if !wanted.is_empty() {
        let mut picked = Vec::new();
        for w in &wanted {
            let name = if w.contains(':') {
                w.clone()
            } else {
                format!("{w}:latest")
            };
            match items
                .iter()
                .find(|i| i["metadata"]["name"] == name.as_str())
            {
                Some(i) => picked.push(i.clone()),
                None => {
                    let (is, _) = name.split_once(':').unwrap_or((&name, ""));
                    let message = if streams.iter().any(|s| s.meta.name == is) {
                        format!("imagestreamtags.image.openshift.io \"{name}\" not found")
                    } else {
                        format!("imagestreams.image.openshift.io \"{is}\" not found")
                    };
                    return Err(Output::err(
                        format!("Error from server (NotFound): {message}\n"),
                        1,
                    ));
                }
            }
        }
        let single = picked.len() == 1;
        return objects::render(req, picked, single, env.cluster.now);
    }
    items.sort_shared_by(|a, b| {
        a["metadata"]["namespace"]
            .as_str()
            .cmp(&b["metadata"]["namespace"].as_str())
            .then(
                a["metadata"]["name"]
                    .as_str()
                    .cmp(&b["metadata"]["name"].as_str()),
            )
    });
    if items.is_empty() && req.args.get("output").is_none() {
        return Ok(Output {
            stdout: String::new(),
            stderr: format!("No resources found in {} namespace.\n", req.ns),
            code: 0,
        });
    }
    if req.args.get("output").is_some() {
        return objects::render(req, items, false, env.cluster.now);
    }
    let all = req.args.on("all-namespaces");
    let mut rows = vec![];
    let mut header = vec![];
    if all {
        header.push("NAMESPACE".to_owned());
    }
    header.extend(["NAME", "IMAGE REFERENCE", "UPDATED"].map(str::to_owned));
    rows.push(header);
    for i in &items {
        let mut row = vec![];
        if all {
            row.push(i["metadata"]["namespace"].as_str().unwrap_or("").to_owned());
        }
        let created = i["metadata"]["creationTimestamp"]
            .as_str()
            .and_then(crate::api::time::parse_rfc3339)
            .unwrap_or(env.cluster.now);
        row.push(i["metadata"]["name"].as_str().unwrap_or("").to_owned());
        row.push(
            i["image"]["dockerImageReference"]
                .as_str()
                .unwrap_or("")
                .to_owned(),
        );
        row.push(format!(
            "{} ago",
            crate::printers::age::human_duration(env.cluster.now - created)
        ));
        rows.push(row);
    }
    Ok(Output::ok(crate::printers::table::tabwrite(&rows)))
}

// ---------------------------------------------------------------- DeploymentConfig rollouts

fn dc_rollout(req: &Req, env: &mut CliEnv, sub: &str, name: &str) -> Result<Output, Output> {
    let dc = read(req, env, k::deployment_config(), name)?;
    env.cluster
        .authorize(&req.user, "update", k::deployment_config(), &req.ns, name)
        .map_err(|e| api_error(&e))?;
    let mut out = Output::ok(String::new());
    match sub {
        "latest" => {
            if dc.spec()["paused"] == true {
                return Err(error("cannot deploy a paused deployment config"));
            }
            dcs::bump(env.cluster, &dc, "manual change");
            out.stdout = format!("{} rolled out\n", ref_name(&dc));
        }
        "history" => {
            let rcs = dcs::revisions(env.cluster, &dc);
            if let Some(rev) = req
                .args
                .get("revision")
                .and_then(|r| r.parse::<i64>().ok())
                .filter(|r| *r > 0)
            {
                let Some(rc) = rcs.iter().find(|rc| dcs::version(rc) == rev) else {
                    return Err(error("unable to find the specified revision"));
                };
                out.stdout =
                    super::write::revision_text(&ref_name(&dc), rev, &rc.spec()["template"]);
                return Ok(out);
            }
            if rcs.is_empty() {
                out.stdout = format!("{}\nNo rollout history found.\n", ref_name(&dc));
                return Ok(out);
            }
            let mut rows = vec![vec!["REVISION".to_owned(), "STATUS".into(), "CAUSE".into()]];
            for rc in &rcs {
                rows.push(vec![
                    dcs::version(rc).to_string(),
                    rc.meta.annotation(dcs::PHASE).unwrap_or("").to_owned(),
                    rc.meta
                        .annotation(dcs::CAUSE)
                        .filter(|c| !c.is_empty())
                        .unwrap_or("<unknown>")
                        .to_owned(),
                ]);
            }
            out.stdout = format!(
                "{}\n{}\n",
                ref_name(&dc),
                crate::printers::tabwriter::align_tabs(
                    &rows
                        .iter()
                        .map(|r| r.join("\t"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    8,
                    1
                )
            );
        }
        _ => {
            let rcs = dcs::revisions(env.cluster, &dc);
            let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0);
            let to = req
                .args
                .get("to-revision")
                .and_then(|r| r.parse::<i64>().ok())
                .unwrap_or(0);
            let target = if to > 0 {
                rcs.iter().find(|rc| dcs::version(rc) == to)
            } else {
                rcs.iter().rev().find(|rc| dcs::version(rc) < latest)
            };
            let Some(target) = target else {
                return Err(error(if to > 0 {
                    format!("unable to find the specified revision {to}")
                } else {
                    "couldn't find deployment for rollback".to_owned()
                }));
            };
            let Some(template) = dcs::revision_template(target) else {
                return Err(error("couldn't find deployment for rollback"));
            };
            let mut next = (*dc).clone();
            next.spec_mut().insert("template".into(), template);
            // A rollback turns the image-change triggers off, so that a new image does not undo it at once.
            let mut disabled = Vec::new();
            if let Some(triggers) = next
                .spec_mut()
                .get_mut("triggers")
                .and_then(Value::as_array_mut)
            {
                for t in triggers.iter_mut() {
                    if t["type"] == "ImageChange" && t["imageChangeParams"]["automatic"] == true {
                        t["imageChangeParams"]["automatic"] = json!(false);
                        disabled.push(
                            t["imageChangeParams"]["from"]["name"]
                                .as_str()
                                .unwrap_or("")
                                .to_owned(),
                        );
                    }
                }
            }
            next.meta.generation += 1;
            let latest_next = latest + 1;
            let status = next.status_json_mut();
            status.insert("latestVersion".into(), json!(latest_next));
            status.insert(
                "details".into(),
                json!({"causes": [{"type": "Manual"}], "message": "rollback"}),
            );
            env.cluster.write(next);
            out.stdout = format!("{} rolled back\n", ref_name(&dc));
            if !disabled.is_empty() {
                out.stderr = format!(
                    "Warning: the following images triggers were disabled: {}\n  You can re-enable them with: oc set triggers dc/{name} --auto\n",
                    disabled.join(", ")
                );
            }
        }
    }
    env.cluster.settle();
    Ok(out)
}

/// How long `oc rollout status dc/NAME` waits before it gives up, as the learner would press Ctrl-C.
const ROLLOUT_WAIT_MS: i64 = 10 * WATCH_WINDOW_MS;

/// `oc rollout status dc/NAME`: oc's DeploymentConfig status viewer, printed each time its message changes
/// until the latest revision completes.
fn dc_rollout_status(req: &Req, env: &mut CliEnv, name: &str) -> Result<CliResult, Output> {
    read(req, env, k::deployment_config(), name)?;
    let start = env.cluster.now;
    let mut out = Output::default();
    let mut last = String::new();
    loop {
        let dc = read(req, env, k::deployment_config(), name)?;
        let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0);
        let rc = dcs::revisions(env.cluster, &dc)
            .into_iter()
            .find(|rc| dcs::version(rc) == latest);
        let count = |field: &str| dc.status_json()[field].as_i64().unwrap_or(0);
        let desired = dc.spec()["replicas"].as_i64().unwrap_or(1);
        let phase = rc.as_ref().and_then(|rc| rc.meta.annotation(dcs::PHASE));
        let (line, done) = match (&rc, phase) {
            (Some(rc), Some("Complete")) => (
                format!("replication controller {:?} successfully rolled out\n", rc.meta.name.as_str()),
                true,
            ),
            (Some(rc), Some("Failed")) => {
                out.stderr = format!("error: replication controller {:?} has failed progressing\n", rc.meta.name.as_str());
                out.code = 1;
                break;
            }
            _ if count("updatedReplicas") < desired => (
                format!(
                    "Waiting for rollout to finish: {} out of {desired} new replicas have been updated...\n",
                    count("updatedReplicas")
                ),
                false,
            ),
            _ if count("replicas") > count("updatedReplicas") => (
                format!(
                    "Waiting for rollout to finish: {} old replicas are pending termination...\n",
                    count("replicas") - count("updatedReplicas")
                ),
                false,
            ),
            _ if count("availableReplicas") < count("updatedReplicas") => (
                format!(
                    "Waiting for rollout to finish: {} of {} updated replicas are available...\n",
                    count("availableReplicas"),
                    count("updatedReplicas")
                ),
                false,
            ),
            _ => (
                "Waiting for latest deployment config spec to be observed by the controller loop...\n".to_owned(),
                false,
            ),
        };
        if line != last {
            out.stdout.push_str(&line);
            last = line;
        }
        if done || env.cluster.now - start >= ROLLOUT_WAIT_MS {
            break;
        }
        env.cluster.advance(1_000);
    }
    Ok(CliResult {
        output: out,
        effect: advanced(env.cluster.now - start),
    })
}
