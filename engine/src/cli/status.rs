//! `oc status`: the project overview oc's status describer prints, one group per service with what it exposes and
//! deploys, the build pipelines that feed the deployments, standalone workloads and pods, and the probe suggestions.
//!
//! The layout follows oc's graph-based describer: services sorted by name (services with identical selectors print
//! together), each with its routes, DeploymentConfigs, StatefulSets, Deployments and DaemonSets; then what no service
//! covers; then the markers (`--suggest` lists them) and the footer.

use crate::sort::SortShared;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::CliEnv;
use super::objects::{Req, Res, list};
use crate::api::{Kind, Object, k};
use crate::cluster::controllers::deploymentconfigs as dcs;
use crate::exec::Output;
use crate::printers::jsonpath::go_sprint;

/// How many of a DeploymentConfig's deployments `oc status` lists at most.
const MAX_DISPLAY_DEPLOYMENTS: usize = 3;

/// `oc status [--suggest]`.
pub(crate) fn status(req: &Req, env: &CliEnv) -> Res {
    let server = env
        .kubeconfig
        .cluster()
        .map(|c| c.server.clone())
        .unwrap_or_else(|| env.cluster.info.api_server.clone());
    let p = Project::load(req, env);
    let suggest = req.args.on("suggest");
    let display = env
        .cluster
        .get(k::namespace(), "", &req.ns)
        .and_then(|n| {
            n.meta
                .annotation("openshift.io/display-name")
                .map(str::to_owned)
        })
        .filter(|d| !d.is_empty() && *d != req.ns);
    let project = match display {
        Some(d) => format!("{d} ({})", req.ns),
        None => req.ns.clone(),
    };
    let mut out = format!("In project {project} on server {server}\n");
    let mut covered: Vec<(Kind, String)> = Vec::new();
    let cover = |covered: &mut Vec<(Kind, String)>, o: &Object| {
        covered.push((o.kind, o.meta.name.to_string()))
    };

    // Services with the selector of an earlier service print in that service's group.
    let mut leaders: Vec<(&Arc<Object>, Vec<&Arc<Object>>)> = Vec::new();
    for svc in &p.services {
        let key = selector_key(&svc.spec()["selector"]);
        match leaders
            .iter_mut()
            .find(|(l, _)| selector_key(&l.spec()["selector"]) == key)
        {
            Some((_, group)) => group.push(svc),
            None => leaders.push((svc, Vec::new())),
        }
    }
    for (svc, grouped) in &leaders {
        out.push('\n');
        for other in grouped {
            print_lines(&mut out, 0, &p.service_lines(other));
        }
        print_lines(&mut out, 0, &p.service_lines(svc));
        let selector = svc.spec()["selector"].clone();
        let selects = |o: &Object| {
            let labels = &o.spec()["template"]["metadata"]["labels"];
            matches(&selector, labels)
        };
        for dc in p.dcs.iter().filter(|d| selects(d)) {
            cover(&mut covered, dc);
            print_lines(&mut out, 1, &p.dc_lines(dc));
        }
        for sts in p.statefulsets.iter().filter(|s| selects(s)) {
            cover(&mut covered, sts);
            print_lines(&mut out, 1, &p.manages_lines(sts));
        }
        for d in p.deployments.iter().filter(|d| selects(d)) {
            cover(&mut covered, d);
            print_lines(&mut out, 1, &p.deployment_lines(d));
        }
        for ds in p.daemonsets.iter().filter(|d| selects(d)) {
            cover(&mut covered, ds);
            print_lines(&mut out, 1, &p.manages_lines(ds));
        }
        for rs in p.replicasets.iter().filter(|r| selects(r)) {
            cover(&mut covered, rs);
            if !owned_by_any(rs, &p.deployments) {
                print_lines(&mut out, 1, &controller_lines("rs", rs, env.cluster.now));
            }
        }
        for rc in p.rcs.iter().filter(|r| selects(r)) {
            cover(&mut covered, rc);
            if !owned_by_any(rc, &p.dcs) {
                print_lines(&mut out, 1, &controller_lines("rc", rc, env.cluster.now));
            }
        }
        for pod in p
            .pods
            .iter()
            .filter(|pod| matches(&selector, &pod_labels(pod)))
        {
            cover(&mut covered, pod);
            if pod.meta.owners.is_empty() {
                print_lines(
                    &mut out,
                    1,
                    &[runs_line("pod", pod, &pod.spec()["containers"])],
                );
            }
        }
    }
    let uncovered = |o: &Arc<Object>| {
        !covered
            .iter()
            .any(|(kind, n)| *kind == o.kind && n == o.meta.name.as_str())
    };
    for dc in p.dcs.iter().filter(|d| uncovered(d)) {
        out.push('\n');
        print_lines(&mut out, 0, &p.dc_lines(dc));
    }
    for d in p.deployments.iter().filter(|d| uncovered(d)) {
        out.push('\n');
        print_lines(&mut out, 0, &p.deployment_lines(d));
    }
    for sts in p.statefulsets.iter().filter(|s| uncovered(s)) {
        out.push('\n');
        print_lines(&mut out, 0, &p.manages_lines(sts));
    }
    let mut standalone_builds = 0;
    for bc in &p.bcs {
        let output = p.output_tag(bc);
        let consumed = p.dcs.iter().chain(&p.deployments).any(|w| {
            output
                .as_ref()
                .is_some_and(|t| p.trigger_tags(w).contains(t))
        });
        if consumed {
            continue;
        }
        standalone_builds += 1;
        out.push('\n');
        let mut lines = vec![p.build_line(bc)];
        if let Some((ns, tag)) = &output {
            lines.push(format!("-> {}", p.tag_name(ns, tag)));
        }
        lines.extend(p.build_detail(bc, true));
        print_lines(&mut out, 0, &lines);
    }
    for rc in p
        .rcs
        .iter()
        .filter(|r| uncovered(r) && !owned_by_any(r, &p.dcs))
    {
        out.push('\n');
        print_lines(&mut out, 0, &controller_lines("rc", rc, env.cluster.now));
    }
    for rs in p
        .replicasets
        .iter()
        .filter(|r| uncovered(r) && !owned_by_any(r, &p.deployments))
    {
        out.push('\n');
        print_lines(&mut out, 0, &controller_lines("rs", rs, env.cluster.now));
    }
    for ds in p.daemonsets.iter().filter(|d| uncovered(d)) {
        out.push('\n');
        print_lines(&mut out, 0, &p.manages_lines(ds));
    }
    for pod in p
        .pods
        .iter()
        .filter(|pod| uncovered(pod) && is_monopod(pod))
    {
        out.push('\n');
        print_lines(
            &mut out,
            0,
            &[runs_line("pod", pod, &pod.spec()["containers"])],
        );
    }

    let markers = p.markers();
    out.push('\n');
    if suggest && !markers.is_empty() {
        out.push_str("Info:\n");
        for (message, suggestion) in &markers {
            out.push_str(&format!("  * {message}\n    try: {suggestion}\n"));
        }
    }
    if !markers.is_empty() {
        out.push('\n');
    }
    let infos = match markers.len() {
        1 => "1 info".to_owned(),
        n => format!("{n} infos"),
    };
    if !suggest && !markers.is_empty() {
        out.push_str(&format!(
            "{infos} identified, use 'oc status --suggest' to see details.\n"
        ));
    } else if leaders.is_empty() && p.dcs.iter().all(|d| !uncovered(d)) && standalone_builds == 0 {
        out.push_str("You have no services, deployment configs, or build configs.\nRun 'oc new-app' to create an application.\n");
    } else {
        out.push_str("View details with 'oc describe <resource>/<name>' or list resources with 'oc get all'.\n");
    }
    Ok(Output::ok(out))
}

/// Everything in the project `oc status` looks at, each kind sorted by name.
struct Project {
    ns: String,
    now: i64,
    services: Vec<Arc<Object>>,
    routes: Vec<Arc<Object>>,
    dcs: Vec<Arc<Object>>,
    rcs: Vec<Arc<Object>>,
    deployments: Vec<Arc<Object>>,
    replicasets: Vec<Arc<Object>>,
    statefulsets: Vec<Arc<Object>>,
    daemonsets: Vec<Arc<Object>>,
    jobs: Vec<Arc<Object>>,
    pods: Vec<Arc<Object>>,
    bcs: Vec<Arc<Object>>,
    builds: Vec<Arc<Object>>,
    streams: Vec<Arc<Object>>,
}

impl Project {
    fn load(req: &Req, env: &CliEnv) -> Self {
        // oc status leaves out what the user may not list, as it does on a Forbidden answer.
        let get = |kind: Kind| {
            let mut items = list(req, env, kind).unwrap_or_default();
            items.sort_shared_by(|a, b| a.meta.name.cmp(&b.meta.name));
            items
        };
        Self {
            ns: req.ns.clone(),
            now: env.cluster.now,
            services: get(k::service()),
            routes: get(k::route()),
            dcs: get(k::deployment_config()),
            rcs: get(Kind::resolve("replicationcontrollers", true).unwrap_or(k::pod())),
            deployments: get(k::deployment()),
            replicasets: get(k::replicaset()),
            statefulsets: get(k::statefulset()),
            daemonsets: get(k::daemonset()),
            jobs: get(k::job()),
            pods: get(k::pod()),
            bcs: get(k::build_config()),
            builds: get(k::build()),
            streams: get(k::image_stream()),
        }
    }

    /// `svc/NAME - IP:PORT`, or the routes that expose it followed by `(svc/NAME)`.
    fn service_lines(&self, svc: &Object) -> Vec<String> {
        let name = format!("svc/{}", svc.meta.name);
        let mut exposed: Vec<String> = self
            .routes
            .iter()
            .filter(|r| r.spec()["to"]["name"] == svc.meta.name.as_str())
            .map(|r| route_line(r))
            .collect();
        exposed.sort_shared_by(|a, b| route_order(a, b));
        let spec = svc.spec();
        let ip = spec["clusterIP"].as_str().unwrap_or("");
        let external = spec["externalName"].as_str().unwrap_or("");
        let ports = service_ports(spec);
        match exposed.len() {
            0 if spec["type"] == "NodePort" => vec![format!("{name} (all nodes){ports}")],
            0 if ip == "None" => vec![format!("{name} (headless){ports}")],
            0 if ip.is_empty() && external.is_empty() => {
                vec![format!("{name} <initializing>{ports}")]
            }
            0 if ip.is_empty() => vec![format!("{name} - {external}")],
            0 => vec![format!("{name} - {ip}{ports}")],
            _ => {
                let mut lines = vec![format!("{} ({name})", exposed[0])];
                lines.extend(exposed.into_iter().skip(1));
                lines
            }
        }
    }

    /// `dc/NAME deploys …`, the build of its image, and its deployments.
    fn dc_lines(&self, dc: &Object) -> Vec<String> {
        let trigger = if dc.spec()["triggers"].as_array().is_none_or(Vec::is_empty) {
            "(manual)"
        } else {
            ""
        };
        let tags = self.trigger_tags(dc);
        let versions: Vec<&Arc<Object>> = self.deployments_of_dc(dc);
        let latest = dc.status_json()["latestVersion"].as_i64().unwrap_or(0);
        let active = versions
            .first()
            .filter(|rc| version_of(rc) == latest)
            .copied();
        let inactive: Vec<&Arc<Object>> = match active {
            Some(_) => versions.iter().skip(1).copied().collect(),
            None => versions.clone(),
        };
        let mut lines = self.pipeline_lines(
            &format!("dc/{}", dc.meta.name),
            "deploys",
            &tags,
            trigger,
            active.is_none(),
        );
        let mut shown: Vec<String> = Vec::new();
        if active.is_none() {
            let (on, auto) = dc_triggers(dc);
            if latest == 0 {
                shown.push(format!("deployment #1 waiting {on}"));
            } else if auto {
                shown.push(format!("deployment #{latest} pending {on}"));
            }
        }
        let to_print: Vec<&Arc<Object>> = active.into_iter().chain(inactive).collect();
        for (i, rc) in to_print.iter().enumerate() {
            shown.push(self.rc_status(rc, i == 0));
            if i + 1 >= MAX_DISPLAY_DEPLOYMENTS {
                break;
            }
        }
        lines.extend(shown);
        lines
    }

    /// `deployment/NAME deploys …`, the build of its image, and its replica sets.
    fn deployment_lines(&self, d: &Object) -> Vec<String> {
        let tags = self.trigger_tags(d);
        let mut lines = if tags.is_empty() {
            vec![format!(
                "deployment/{} deploys {}",
                d.meta.name,
                images(&d.spec()["template"]["spec"]["containers"])
            )]
        } else {
            self.pipeline_lines(
                &format!("deployment/{}", d.meta.name),
                "deploys",
                &tags,
                "",
                false,
            )
        };
        let mut sets: Vec<&Arc<Object>> = self
            .replicasets
            .iter()
            .filter(|rs| owned_by(rs, d))
            .collect();
        sets.sort_shared_by_key(|rs| std::cmp::Reverse(revision(rs)));
        let current = revision(d);
        if sets.first().is_some_and(|rs| revision(rs) == current) {
            for rs in sets {
                let ready = rs.status_json()["readyReplicas"].as_i64().unwrap_or(0);
                let actual = rs.status_json()["replicas"].as_i64().unwrap_or(0);
                let wanted = rs.spec()["replicas"].as_i64().unwrap_or(1);
                let age = human(self.now - rs.meta.created);
                let r = revision(rs);
                lines.push(if r == current {
                    format!(
                        "deployment #{r} running for {age}{}",
                        pod_summary_inline(ready, actual, wanted, false)
                    )
                } else {
                    format!(
                        "deployment #{r} deployed {age} ago{}",
                        pod_summary_inline(ready, actual, wanted, false)
                    )
                });
            }
        }
        lines
    }

    /// `statefulset/NAME manages IMAGE` or `daemonset/NAME manages IMAGE` with its status line.
    fn manages_lines(&self, o: &Object) -> Vec<String> {
        let kind = if o.kind == k::statefulset() {
            "statefulset"
        } else {
            "daemonset"
        };
        let age = human(self.now - o.meta.created);
        let status = o.status_json();
        let status_line = if o.kind == k::statefulset() {
            let replicas = status["replicas"].as_i64().unwrap_or(0);
            format!(
                "created {age} ago{}",
                pod_summary_inline(
                    replicas,
                    replicas,
                    o.spec()["replicas"].as_i64().unwrap_or(1),
                    false
                )
            )
        } else {
            format!(
                "generation #{} running for {age}{}",
                o.meta.generation,
                pod_summary_inline(
                    status["numberReady"].as_i64().unwrap_or(0),
                    status["numberAvailable"].as_i64().unwrap_or(0),
                    status["desiredNumberScheduled"].as_i64().unwrap_or(0),
                    false
                )
            )
        };
        vec![
            format!(
                "{kind}/{} manages {}",
                o.meta.name,
                images(&o.spec()["template"]["spec"]["containers"])
            ),
            status_line,
        ]
    }

    /// The first line of a workload that follows image stream tags, split before `<-` when it is long, then the
    /// tag's build details indented.
    fn pipeline_lines(
        &self,
        subject: &str,
        verb: &str,
        tags: &[(String, String)],
        trailer: &str,
        include_pass: bool,
    ) -> Vec<String> {
        if let [tag] = tags {
            let mut lines = vec![format!(
                "{subject} {verb} {} {trailer}",
                self.image_in_pipeline(tag)
            )];
            if lines[0].len() > 120
                && let Some((head, rest)) = lines[0].clone().split_once(" <- ")
            {
                lines = vec![format!("{head} <-"), rest.to_owned()];
            }
            if let Some(bc) = self.producer(tag) {
                lines.extend(
                    self.build_detail(bc, include_pass)
                        .into_iter()
                        .map(|l| format!("  {l}")),
                );
            }
            return lines;
        }
        let mut lines = vec![format!("{subject} {verb} {trailer}")];
        for tag in tags {
            lines.push(self.image_in_pipeline(tag));
            if let Some(bc) = self.producer(tag) {
                lines.extend(
                    self.build_detail(bc, include_pass)
                        .into_iter()
                        .map(|l| format!("  {l}")),
                );
            }
        }
        lines
    }

    /// `istag/NAME:TAG <- bc/NAME source builds URL on NS/IS:TAG` for a tag a build config pushes to, else the tag.
    fn image_in_pipeline(&self, (ns, tag): &(String, String)) -> String {
        let name = self.tag_name(ns, tag);
        match self.producer(&(ns.clone(), tag.clone())) {
            Some(bc) => format!("{name} <- {}", self.build_line(bc)),
            None => name,
        }
    }

    /// An image stream tag as the status names it: `istag/NAME:TAG` in the project, `NS/NAME:TAG` elsewhere.
    fn tag_name(&self, ns: &str, tag: &str) -> String {
        if ns == self.ns {
            format!("istag/{tag}")
        } else {
            format!("{ns}/{tag}")
        }
    }

    /// `bc/NAME source builds URL on BASE`.
    fn build_line(&self, bc: &Object) -> String {
        let spec = bc.spec();
        let strategy = &spec["strategy"];
        let kind = if strategy["dockerStrategy"].is_object() {
            "docker"
        } else if strategy["sourceStrategy"].is_object() {
            "source"
        } else if strategy["customStrategy"].is_object() {
            "custom"
        } else if strategy["jenkinsPipelineStrategy"].is_object() {
            return format!("bc/{} is a Jenkins Pipeline", bc.meta.name);
        } else {
            return format!("bc/{} unrecognized build", bc.meta.name);
        };
        let source = &spec["source"];
        let text = if let Some(uri) = source["git"]["uri"].as_str() {
            match source["git"]["ref"].as_str().filter(|r| !r.is_empty()) {
                Some(r) => format!("{uri}#{r}"),
                None => uri.to_owned(),
            }
        } else if source["dockerfile"].is_string() {
            "Dockerfile".to_owned()
        } else if source["binary"].is_object() {
            "uploaded code".to_owned()
        } else if source["images"].as_array().is_some_and(|i| !i.is_empty()) {
            "contents in other images".to_owned()
        } else {
            return format!("bc/{} unconfigured {kind} build", bc.meta.name);
        };
        let mut line = format!("bc/{} {kind} builds {text}", bc.meta.name);
        let from = strategy.as_object().and_then(|m| {
            m.iter()
                .find(|(key, _)| key.ends_with("Strategy"))
                .map(|(_, v)| v["from"].clone())
        });
        let from = from.unwrap_or(Value::Null);
        let from_name = from["name"].as_str().unwrap_or("");
        if from["kind"] == "ImageStreamTag" {
            let ns = from["namespace"]
                .as_str()
                .filter(|n| !n.is_empty())
                .unwrap_or(&self.ns);
            line.push_str(&format!(" on {}", self.tag_name(ns, from_name)));
        } else if from["kind"] == "DockerImage" {
            line.push_str(&format!(" on {from_name}"));
        }
        line
    }

    /// The build lines under a pipeline: the active builds, the last (un)successful ones, or `not built yet`.
    fn build_detail(&self, bc: &Object, include_success: bool) -> Vec<String> {
        let builds: Vec<&Arc<Object>> = self
            .builds
            .iter()
            .filter(|b| {
                b.meta.annotation("openshift.io/build-config.name") == Some(bc.meta.name.as_str())
            })
            .collect();
        let phase = |b: &Object| {
            b.status_json()["phase"]
                .as_str()
                .unwrap_or("New")
                .to_owned()
        };
        let latest = |wanted: &dyn Fn(&str) -> bool| {
            builds
                .iter()
                .filter(|b| wanted(&phase(b)))
                .max_by_key(|b| build_time(b))
                .copied()
        };
        let pass = latest(&|p| p == "Complete");
        let fail = latest(&|p| matches!(p, "Failed" | "Error" | "Cancelled"));
        let mut active: Vec<&Arc<Object>> = builds
            .iter()
            .filter(|b| matches!(phase(b).as_str(), "New" | "Pending" | "Running"))
            .copied()
            .collect();
        active.sort_shared_by_key(|b| std::cmp::Reverse(build_time(b)));
        let pass_time = pass.map(|b| build_time(b)).unwrap_or(i64::MIN);
        let fail_time = fail.map(|b| build_time(b)).unwrap_or(i64::MIN);
        let last_time = pass_time.max(fail_time);
        let resolved = self.output_tag(bc).is_some_and(|(ns, tag)| {
            ns != self.ns
                || self
                    .streams
                    .iter()
                    .any(|s| Some(s.meta.name.as_str()) == tag.split(':').next())
        });
        let mut out: Vec<String> = Vec::new();
        let shown: Vec<&Arc<Object>> = if include_success || !active.is_empty() {
            if pass_time < fail_time {
                fail.into_iter().chain(pass).collect()
            } else {
                pass.into_iter().chain(fail).collect()
            }
        } else if pass_time < fail_time {
            fail.into_iter().collect()
        } else {
            Vec::new()
        };
        for b in shown {
            out.push(self.build_phase(b, &bc.meta.name, resolved));
        }
        if !active.is_empty() {
            let active_out: Vec<String> = active
                .iter()
                .map(|b| self.build_phase(b, &bc.meta.name, resolved))
                .collect();
            if build_time(active[0]) < last_time {
                out.extend(active_out);
            } else {
                out.splice(0..0, active_out);
            }
        }
        if out.is_empty() && pass.is_none() {
            out.push("not built yet".to_owned());
        }
        out
    }

    /// `build #1 running for 30 seconds - 7672c48: Merge … (Author <email>)`.
    fn build_phase(&self, build: &Object, parent: &str, resolved: bool) -> String {
        let failure = if build.spec()["output"]["to"].is_object() && !resolved {
            " (can't push to image)"
        } else {
            ""
        };
        let time = human(self.now - build_time(build));
        let id = build
            .meta
            .name
            .strip_prefix(&format!("{parent}-"))
            .and_then(|n| n.parse::<u64>().ok())
            .map(|n| format!("build #{n}"))
            .unwrap_or_else(|| format!("build/{}", build.meta.name));
        let git = &build.spec()["revision"]["git"];
        let revision = match git["commit"].as_str() {
            Some(commit) => {
                let user = |u: &Value| {
                    let name = u["name"].as_str().unwrap_or("");
                    let email = u["email"].as_str().unwrap_or("");
                    match (name.is_empty(), email.is_empty()) {
                        (true, _) => email.to_owned(),
                        (false, true) => name.to_owned(),
                        (false, false) => format!("{name} <{email}>"),
                    }
                };
                let mut author = user(&git["author"]);
                if author.is_empty() {
                    author = user(&git["committer"]);
                }
                let author = if author.is_empty() {
                    String::new()
                } else {
                    format!(" ({author})")
                };
                let short: String = commit.chars().take(7).collect();
                let message = git["message"]
                    .as_str()
                    .unwrap_or("")
                    .split('\n')
                    .next()
                    .unwrap_or("");
                format!(" - {short}: {message}{author}")
            }
            None => String::new(),
        };
        match build.status_json()["phase"].as_str().unwrap_or("New") {
            "Complete" => format!("{id} succeeded {time} ago{revision}{failure}"),
            "Error" => format!("{id} stopped with an error {time} ago{revision}{failure}"),
            "Failed" => format!("{id} failed {time} ago{revision}{failure}"),
            other => format!(
                "{id} {} for {time}{revision}{failure}",
                other.to_lowercase()
            ),
        }
    }

    /// A DeploymentConfig deployment's line: `deployment #1 deployed 2 minutes ago - 1 pod`.
    fn rc_status(&self, rc: &Object, first: bool) -> String {
        let age = human(self.now - rc.meta.created);
        let version = version_of(rc);
        let status = rc.status_json();
        let summary = |include_empty| {
            pod_summary_inline(
                status["readyReplicas"].as_i64().unwrap_or(0),
                status["replicas"].as_i64().unwrap_or(0),
                rc.spec()["replicas"].as_i64().unwrap_or(0),
                include_empty,
            )
        };
        match rc.meta.annotation(dcs::PHASE).unwrap_or("New") {
            "Failed" => {
                let reason = rc
                    .meta
                    .annotation("openshift.io/deployment.status-reason")
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                format!(
                    "deployment #{version} failed {age} ago{reason}{}",
                    summary(false)
                )
            }
            "Complete" => format!("deployment #{version} deployed {age} ago{}", summary(first)),
            "Running" => format!("deployment #{version} running for {age}{}", summary(false)),
            other => format!(
                "deployment #{version} {} {age} ago{}",
                other.to_lowercase(),
                summary(false)
            ),
        }
    }

    /// The replication controllers of a DeploymentConfig, newest first.
    fn deployments_of_dc(&self, dc: &Object) -> Vec<&Arc<Object>> {
        let mut rcs: Vec<&Arc<Object>> = self
            .rcs
            .iter()
            .filter(|rc| {
                rc.meta.annotation("openshift.io/deployment-config.name")
                    == Some(dc.meta.name.as_str())
            })
            .collect();
        rcs.sort_shared_by_key(|rc| std::cmp::Reverse(version_of(rc)));
        rcs
    }

    /// The image stream tags a workload's image triggers follow, as (namespace, `name:tag`).
    fn trigger_tags(&self, o: &Object) -> Vec<(String, String)> {
        let from_list = |list: &Value, path: &[&str]| -> Vec<(String, String)> {
            list.as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    let from = path.iter().fold(t, |v, key| &v[*key]);
                    (from["kind"] == "ImageStreamTag").then(|| {
                        (
                            from["namespace"]
                                .as_str()
                                .filter(|n| !n.is_empty())
                                .unwrap_or(&self.ns)
                                .to_owned(),
                            from["name"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                })
                .collect()
        };
        if o.kind == k::deployment_config() {
            return from_list(&o.spec()["triggers"], &["imageChangeParams", "from"]);
        }
        let annotation = o
            .meta
            .annotation("image.openshift.io/triggers")
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .unwrap_or(Value::Null);
        from_list(&annotation, &["from"])
    }

    /// The image stream tag a build config pushes to, as (namespace, `name:tag`).
    fn output_tag(&self, bc: &Object) -> Option<(String, String)> {
        let to = &bc.spec()["output"]["to"];
        (to["kind"] == "ImageStreamTag").then(|| {
            (
                to["namespace"]
                    .as_str()
                    .filter(|n| !n.is_empty())
                    .unwrap_or(&self.ns)
                    .to_owned(),
                to["name"].as_str().unwrap_or("").to_owned(),
            )
        })
    }

    /// The build config that pushes to an image stream tag.
    fn producer(&self, tag: &(String, String)) -> Option<&Arc<Object>> {
        self.bcs
            .iter()
            .find(|bc| self.output_tag(bc).as_ref() == Some(tag))
    }

    /// The probe markers oc's analysers raise, as (message, suggestion), in the order of its graph's nodes.
    fn markers(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let liveness = |out: &mut Vec<(String, String)>, name: String, spec: &Value| {
            if !has_probe(spec, "livenessProbe", false) {
                out.push((
                    format!("{name} has no liveness probe to verify pods are still running."),
                    format!("oc set probe {name} --liveness ..."),
                ));
            }
        };
        let template = |o: &Object| o.spec()["template"]["spec"].clone();
        // Replica sets and replication controllers a Deployment or DeploymentConfig manages are left out.
        for rc in self.rcs.iter().filter(|rc| {
            !self.dcs.iter().any(|dc| {
                self.deployments_of_dc(dc)
                    .iter()
                    .any(|r| r.meta.uid == rc.meta.uid)
            })
        }) {
            liveness(&mut out, format!("rc/{}", rc.meta.name), &template(rc));
        }
        for job in &self.jobs {
            liveness(&mut out, format!("job/{}", job.meta.name), &template(job));
        }
        for sts in &self.statefulsets {
            liveness(
                &mut out,
                format!("statefulset/{}", sts.meta.name),
                &template(sts),
            );
        }
        for d in &self.deployments {
            liveness(
                &mut out,
                format!("deployment/{}", d.meta.name),
                &template(d),
            );
        }
        for rs in self
            .replicasets
            .iter()
            .filter(|rs| !owned_by_any(rs, &self.deployments))
        {
            liveness(&mut out, format!("rs/{}", rs.meta.name), &template(rs));
        }
        for ds in &self.daemonsets {
            liveness(
                &mut out,
                format!("daemonset/{}", ds.meta.name),
                &template(ds),
            );
        }
        for dc in &self.dcs {
            let spec = template(dc);
            if !has_probe(&spec, "readinessProbe", true) {
                let name = format!("dc/{}", dc.meta.name);
                out.push((
                    format!("{name} has no readiness probe to verify pods are ready to accept traffic or ensure deployment is successful."),
                    format!("oc set probe {name} --readiness ..."),
                ));
            }
            liveness(&mut out, format!("dc/{}", dc.meta.name), &spec);
        }
        out
    }
}

/// Whether a pod spec's containers have the probe: any container (`any`), else every container.
fn has_probe(spec: &Value, probe: &str, any: bool) -> bool {
    let containers = spec["containers"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if containers.is_empty() {
        return true;
    }
    if any {
        containers.iter().any(|c| c[probe].is_object())
    } else {
        containers.iter().all(|c| c[probe].is_object())
    }
}

/// Writes lines as oc's `printLines` does: the first at `depth` indents, the rest one indent deeper.
fn print_lines(out: &mut String, depth: usize, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        out.push_str(&"  ".repeat(depth + usize::from(i != 0)));
        out.push_str(line);
        out.push('\n');
    }
}

/// A route as the status shows it: `http://HOST`, the TLS mode, and the target port when set.
fn route_line(route: &Object) -> String {
    let spec = route.spec();
    let host = spec["host"].as_str().unwrap_or("");
    let tls = &spec["tls"];
    let prefix = match (
        tls["termination"].as_str(),
        tls["insecureEdgeTerminationPolicy"].as_str(),
    ) {
        _ if !tls.is_object() => format!("http://{host}"),
        (Some("passthrough"), _) => format!("https://{host} (passthrough)"),
        (Some("reencrypt"), _) => format!("https://{host} (reencrypt)"),
        (Some("edge"), Some("Redirect")) => format!("https://{host} (redirects)"),
        (Some("edge"), Some("Allow")) => format!("https://{host} (and http)"),
        _ => format!("https://{host}"),
    };
    match spec["port"]["targetPort"].clone() {
        Value::Null => prefix,
        port => format!("{prefix} to pod port {}", go_sprint(&port)),
    }
}

/// oc's order of exposed routes: https first, then http, then by host length and text.
fn route_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |s: &str| {
        if s.starts_with("https://") {
            0
        } else if s.starts_with("http://") {
            1
        } else {
            2
        }
    };
    let strip = |s: &str| {
        s.trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_owned()
    };
    let host_len = |s: &str| s.find(' ').unwrap_or(s.len());
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Equal if rank(a) == 2 => a.cmp(b),
        std::cmp::Ordering::Equal => {
            let (a, b) = (strip(a), strip(b));
            host_len(&a).cmp(&host_len(&b)).then_with(|| a.cmp(&b))
        }
        other => other,
    }
}

/// ` ports 8080, 8443` or `:8080` (`:80 -> 8080` when the target differs), as oc's status prints service ports.
fn service_ports(spec: &Value) -> String {
    let ports = spec["ports"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let node_port = spec["type"] == "NodePort";
    let external = |p: &Value| {
        if !node_port {
            go_sprint(&p["port"])
        } else {
            match p["nodePort"].as_i64() {
                Some(n) if n != 0 => n.to_string(),
                _ => "<initializing>".to_owned(),
            }
        }
    };
    let target = |p: &Value| match &p["targetPort"] {
        Value::Null => "0".to_owned(),
        t => go_sprint(t),
    };
    let headless = spec["clusterIP"] == "None";
    match ports {
        [] => " no ports".to_owned(),
        [p] => {
            let port = external(p);
            if target(p) == "0" || headless || port == target(p) {
                format!(":{port}")
            } else {
                format!(":{port} -> {}", target(p))
            }
        }
        many => {
            let pairs: Vec<String> = many
                .iter()
                .map(|p| {
                    let port = external(p);
                    if target(p) == "0" || headless {
                        port
                    } else if p["port"] == p["targetPort"] {
                        target(p)
                    } else {
                        format!("{port}->{}", target(p))
                    }
                })
                .collect();
            format!(" ports {}", pairs.join(", "))
        }
    }
}

/// ` - 1 pod`, ` - 0/1 pods growing to 1` and the like; empty for no pods unless `include_empty`.
fn pod_summary_inline(ready: i64, actual: i64, requested: i64, include_empty: bool) -> String {
    let summary = if ready == requested {
        match ready {
            0 if !include_empty => return String::new(),
            0 => "0 pods".to_owned(),
            1 => "1 pod".to_owned(),
            n => format!("{n} pods"),
        }
    } else {
        format!("{ready}/{requested} pods")
    };
    let change = if requested < actual {
        format!(" reducing to {requested}")
    } else if requested > actual {
        format!(" growing to {requested}")
    } else {
        String::new()
    };
    format!(" - {summary}{change}")
}

/// `on image or update` and whether the DeploymentConfig deploys by itself.
fn dc_triggers(dc: &Object) -> (&'static str, bool) {
    let types: Vec<&str> = dc.spec()["triggers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["type"].as_str())
        .collect();
    match (
        types.contains(&"ConfigChange"),
        types.contains(&"ImageChange"),
    ) {
        (true, true) => ("on image or update", true),
        (true, false) => ("on update", true),
        (false, true) => ("on image", true),
        (false, false) => ("for manual", false),
    }
}

/// `rc/NAME runs IMAGE` (or `rs/…`) and its status line.
fn controller_lines(kind: &str, o: &Object, now: i64) -> Vec<String> {
    let status = o.status_json();
    vec![
        runs_line(kind, o, &o.spec()["template"]["spec"]["containers"]),
        format!(
            "{kind}/{} created {} ago{}",
            o.meta.name,
            human(now - o.meta.created),
            pod_summary_inline(
                status["readyReplicas"].as_i64().unwrap_or(0),
                status["replicas"].as_i64().unwrap_or(0),
                o.spec()["replicas"].as_i64().unwrap_or(1),
                false
            )
        ),
    ]
}

/// `pod/NAME runs IMAGE, IMAGE`.
fn runs_line(kind: &str, o: &Object, containers: &Value) -> String {
    let list: Vec<&str> = containers
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["image"].as_str())
        .collect();
    format!("{kind}/{} runs {}", o.meta.name, list.join(", "))
}

/// The containers' images joined with commas.
fn images(containers: &Value) -> String {
    containers
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["image"].as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether a standalone pod is worth showing: not a deployer or build pod and not finished.
fn is_monopod(pod: &Object) -> bool {
    let phase = pod.status_json()["phase"].as_str().unwrap_or("").to_owned();
    let phase = if phase.is_empty() {
        pod.pod()
            .map(|p| format!("{:?}", p.phase))
            .unwrap_or_default()
    } else {
        phase
    };
    pod.meta.owners.is_empty()
        && !pod
            .meta
            .labels
            .contains_key("openshift.io/deployer-pod-for.name")
        && pod.meta.annotation("openshift.io/build.name").is_none()
        && phase != "Succeeded"
        && phase != "Failed"
}

/// A pod's labels as a JSON map.
fn pod_labels(pod: &Object) -> Value {
    pod.meta
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

/// Whether a selector map (non-empty) matches a label map.
fn matches(selector: &Value, labels: &Value) -> bool {
    let Some(sel) = selector.as_object().filter(|s| !s.is_empty()) else {
        return false;
    };
    sel.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// A selector as comparable text, for grouping services with the same one.
fn selector_key(selector: &Value) -> String {
    let map: BTreeMap<String, String> = selector
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
        .collect();
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether `o` names `owner` as an owner.
fn owned_by(o: &Object, owner: &Object) -> bool {
    o.meta.owners.iter().any(|r| r.uid == owner.meta.uid)
}

/// Whether `o` is owned by one of `owners`.
fn owned_by_any(o: &Object, owners: &[Arc<Object>]) -> bool {
    owners.iter().any(|w| owned_by(o, w))
}

/// `deployment.kubernetes.io/revision` of a Deployment or ReplicaSet.
fn revision(o: &Object) -> i64 {
    o.meta
        .annotation("deployment.kubernetes.io/revision")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

/// The DeploymentConfig version a replication controller deploys.
fn version_of(rc: &Object) -> i64 {
    rc.meta
        .annotation(dcs::VERSION)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// When a build finished, else started, else was created.
fn build_time(build: &Object) -> i64 {
    let status = build.status_json();
    ["completionTimestamp", "startTimestamp"]
        .iter()
        .find_map(|key| {
            status[*key]
                .as_str()
                .and_then(crate::printers::age::parse_rfc3339)
        })
        .unwrap_or(build.meta.created)
}

/// A duration the way docker's go-units words it, lower-cased as `oc status` prints it (`2 minutes`, `about an hour`).
fn human(ms: i64) -> String {
    crate::printers::age::docker_human_duration(ms).to_lowercase()
}
