//! The `oc` commands over builds, image stream tags and DeploymentConfigs: build logs, `get istag`, `rollout latest|history|undo` of a DeploymentConfig, and the API server's DeploymentConfig deprecation warning.

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
        all.sort_by_key(|b| b.meta.created);
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
                    out.stderr
                        .push_str(&format!("Error from server (BadRequest): {e}\n"));
                    out.code = 1;
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
    items.sort_by(|a, b| {
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
            out.stdout = format!("{}\n{}\n", ref_name(&dc), tab_tabwrite(&rows));
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

/// Go's tabwriter with tab padding (minwidth 0, tabwidth 8, padding 1), as `oc rollout history` uses.
fn tab_tabwrite(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns.saturating_sub(1)) {
            widths[i] = widths[i].max((cell.chars().count() + 1).div_ceil(8) * 8);
        }
    }
    let mut out = Vec::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let len = cell.chars().count();
                let tabs = (widths[i] - len).div_ceil(8);
                line.push_str(&"\t".repeat(tabs.max(1)));
            }
        }
        out.push(line);
    }
    out.join("\n")
}
