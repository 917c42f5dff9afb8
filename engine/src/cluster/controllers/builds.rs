//! OpenShift's build controller: builds run as pods, push their image to an image stream tag, and image-change triggers roll out the workloads that follow the tag.
//!
//! A Build goes New → Pending (its pod exists) → Running (the pod's build container started) → Complete or Failed
//! (the pod exited). What a build prints and how long it takes come from a small catalogue of sample repositories
//! ([`SAMPLES`]); a repository outside it fails to clone, with the builder's `FetchSourceFailed` reason.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::super::events::EventType;
use super::super::scenario::ImageInfo;
use super::super::{Action, Cluster};
use super::kubelet::Fate;
use crate::api::object::hex_id;
use crate::api::time::rfc3339;
use crate::api::{ContainerState, Object, OwnerRef, Phase, k};

/// The internal registry's service address, which builds push to.
pub const REGISTRY: &str = "image-registry.openshift-image-registry.svc:5000";

/// A sample repository the simulated builds can clone.
pub struct SampleRepo {
    /// The clone URL, without `.git` or a trailing slash.
    pub url: &'static str,
    /// The commit the default branch points at.
    pub commit: &'static str,
    /// The commit's author line (`Name <email>`).
    pub author: &'static str,
    /// The commit's date, as git prints it.
    pub date: &'static str,
    /// The commit's subject.
    pub message: &'static str,
    /// The lines the S2I assemble script (or the Dockerfile's RUN steps) print.
    pub assemble: &'static [&'static str],
    /// The Dockerfile's instructions after `FROM`, for the Docker strategy.
    pub dockerfile: &'static [&'static str],
    /// How long the assemble step takes, in virtual ms.
    pub assemble_ms: i64,
    /// What the built application prints when it starts.
    pub startup_log: &'static [&'static str],
    /// The title of the page the application serves.
    pub title: &'static str,
}

/// The sample repositories builds know how to clone.
pub static SAMPLES: &[SampleRepo] = &[
    SampleRepo {
        url: "https://github.com/sclorg/nodejs-ex",
        commit: "a4d5cbd80e5b8e8a3d1a6e8b9b3e9c1bd6e4f0a7",
        author: "Petr Hracek <phracek@redhat.com>",
        date: "Tue Sep 19 11:02:34 2023 +0200",
        message: "Merge pull request #294 from sclorg/update_packages",
        assemble: &[
            "---> Installing application source ...",
            "---> Installing all dependencies",
            "",
            "added 158 packages, and audited 159 packages in 9s",
            "",
            "17 packages are looking for funding",
            "  run `npm fund` for details",
            "",
            "found 0 vulnerabilities",
            "---> Building in production mode",
            "---> Pruning the development dependencies",
            "npm info run nodejs-ex@0.0.1 postinstall: nodejs-ex@0.0.1",
            "---> Cleaning up npm cache",
            "---> Fix permissions on app-root",
        ],
        dockerfile: &[],
        assemble_ms: 31_000,
        startup_log: &[
            "",
            "> nodejs-ex@0.0.1 start",
            "> node server.js",
            "",
            "Server running on http://0.0.0.0:8080",
        ],
        title: "Welcome to your Node.js application on OpenShift",
    },
    SampleRepo {
        url: "https://github.com/sclorg/django-ex",
        commit: "9b8f3a1e6c2d4f7a8b0c1d2e3f4a5b6c7d8e9f01",
        author: "Zuzana Miklankova <zmiklank@redhat.com>",
        date: "Mon Oct 2 14:21:07 2023 +0200",
        message: "Merge pull request #261 from sclorg/django-4",
        assemble: &[
            "---> Installing application source ...",
            "---> Upgrading pip to version 21.3.1 ...",
            "---> Installing dependencies ...",
            "Collecting Django<4.3,>=4.2",
            "Collecting gunicorn==20.1.0",
            "Collecting whitenoise==6.5.0",
            "Installing collected packages: sqlparse, asgiref, whitenoise, gunicorn, Django",
            "Successfully installed Django-4.2.6 asgiref-3.7.2 gunicorn-20.1.0 sqlparse-0.4.4 whitenoise-6.5.0",
            "---> Collecting Django static files ...",
            "130 static files copied to '/opt/app-root/src/staticfiles'.",
        ],
        dockerfile: &[],
        assemble_ms: 42_000,
        startup_log: &[
            "---> Migrating database ...",
            "Operations to perform:",
            "  Apply all migrations: admin, auth, contenttypes, sessions, welcome",
            "---> Serving application with gunicorn (wsgi) ...",
            "[1] [INFO] Starting gunicorn 20.1.0",
            "[1] [INFO] Listening at: http://0.0.0.0:8080 (1)",
            "[1] [INFO] Using worker: sync",
        ],
        title: "Welcome to your Django application on OpenShift",
    },
    SampleRepo {
        url: "https://github.com/sclorg/httpd-ex",
        commit: "f2c6e0b7a9d3148e5c7b2a6f9e8d1c0b3a4f5e6d",
        author: "Honza Horak <hhorak@redhat.com>",
        date: "Wed Jun 14 09:45:12 2023 +0200",
        message: "Merge pull request #37 from sclorg/readme",
        assemble: &[
            "---> Enabling s2i support in httpd24 image",
            "---> Installing application source",
        ],
        dockerfile: &[],
        assemble_ms: 6_000,
        startup_log: &[
            "---> Generating SSL key pair for httpd...",
            "AH00558: httpd: Could not reliably determine the server's fully qualified domain name. Set the 'ServerName' directive globally to suppress this message",
        ],
        title: "Welcome to your static httpd application on OpenShift",
    },
    SampleRepo {
        url: "https://github.com/sclorg/nginx-ex",
        commit: "7672c4852727138180dec5cc6f1762a6abdc7cbb",
        author: "Petr Hracek <phracek@redhat.com>",
        date: "Thu Feb 9 11:10:26 2023 +0100",
        message: "Merge pull request #25 from bysnupy/patch-1",
        assemble: &["---> Installing application source"],
        dockerfile: &[],
        assemble_ms: 5_000,
        startup_log: &[],
        title: "Welcome to your static nginx application on OpenShift",
    },
    SampleRepo {
        url: "https://github.com/sclorg/cakephp-ex",
        commit: "5c3a9e7d1b2f4a6c8e0d2b4f6a8c0e2d4f6b8a01",
        author: "Jan Macku <jamacku@redhat.com>",
        date: "Tue Aug 22 10:14:55 2023 +0200",
        message: "Merge pull request #178 from sclorg/php-8.1",
        assemble: &[
            "---> Installing application source...",
            "=> sourcing 20-copy-config.sh ...",
            "---> 10:14:58     Processing additional arbitrary httpd configuration provided by s2i ...",
            "=> sourcing 00-documentroot.conf ...",
            "=> sourcing 50-mpm-tuning.conf ...",
            "=> sourcing 40-ssl-certs.sh ...",
            "Found 'composer.json', installing dependencies using composer.phar... ",
            "Installing dependencies from lock file (including require-dev)",
            "Verifying lock file contents can be installed on current platform.",
            "Package operations: 27 installs, 0 updates, 0 removals",
            "Generating autoload files",
            "26 packages you are using are looking for funding.",
            "Use the `composer fund` command to find out more!",
        ],
        dockerfile: &[],
        assemble_ms: 38_000,
        startup_log: &[
            "=> sourcing 20-copy-config.sh ...",
            "---> 10:16:02     Processing additional arbitrary httpd configuration provided by s2i ...",
            "=> sourcing 00-documentroot.conf ...",
            "=> sourcing 50-mpm-tuning.conf ...",
            "=> sourcing 40-ssl-certs.sh ...",
            "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.128.2.31. Set the 'ServerName' directive globally to suppress this message",
            "[core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
        ],
        title: "Welcome to your CakePHP application on OpenShift",
    },
    SampleRepo {
        url: "https://github.com/openshift/ruby-hello-world",
        commit: "e3b7f5c1d2a4968b0c7e1f3a5d9b2c4e6f8a0b13",
        author: "Ben Parees <bparees@users.noreply.github.com>",
        date: "Thu Jan 19 16:31:40 2023 -0500",
        message: "Merge pull request #143 from openshift/ruby-3",
        assemble: &[
            "Bundle complete! 8 Gemfile dependencies, 21 gems now installed.",
            "Use `bundle info [gemname]` to see where a bundled gem is installed.",
        ],
        dockerfile: &[
            "ENV RACK_ENV production",
            "ENV RAILS_ENV production",
            "COPY . /opt/app-root/src/",
            "RUN scl enable rh-ruby30 \"bundle install\"",
            "EXPOSE 8080",
            "CMD [\"scl\", \"enable\", \"rh-ruby30\", \"./run.sh\"]",
            "USER default",
        ],
        assemble_ms: 18_000,
        startup_log: &[
            "[1] Puma starting in single mode...",
            "[1] * Listening on http://0.0.0.0:8080",
            "[1] Use Ctrl-C to stop",
        ],
        title: "Hello from OpenShift",
    },
];

/// The sample a repository URL names, if the catalogue has it.
pub fn sample(url: &str) -> Option<&'static SampleRepo> {
    let wanted = url.trim_end_matches('/').trim_end_matches(".git");
    SAMPLES.iter().find(|s| s.url == wanted)
}

/// Reconciles a Build: creates its pod, follows the pod's phase, pushes the image when the pod succeeds.
pub fn build(cluster: &mut Cluster, build: &Arc<Object>) -> Action {
    let phase = build.status_json()["phase"]
        .as_str()
        .unwrap_or("New")
        .to_owned();
    if matches!(
        phase.as_str(),
        "Complete" | "Failed" | "Error" | "Cancelled"
    ) {
        return Action::Await;
    }
    let ns = build.meta.namespace.to_string();
    let pod_name = format!("{}-build", build.meta.name);
    let pod = cluster.get(k::pod(), &ns, &pod_name);
    let mut next = (**build).clone();
    let now = cluster.now;
    match (phase.as_str(), pod) {
        ("New", None) if earlier_build_running(cluster, build) => {
            // The Serial run policy: one build of a config at a time, in order.
            return Action::Requeue(SERIAL_POLL_MS);
        }
        ("New", None) => {
            let pod = build_pod(build, &pod_name);
            cluster.create_internal(pod);
            let status = next.status_json_mut();
            status.insert("phase".into(), json!("Pending"));
            status.insert(
                "outputDockerImageReference".into(),
                json!(output_reference(build)),
            );
            status.insert(
                "config".into(),
                json!({"kind": "BuildConfig", "name": config_name(build), "namespace": ns}),
            );
            status.insert(
                "conditions".into(),
                conditions("Pending", build.status_json(), now),
            );
            cluster.write(next);
            cluster.trace("build-controller", build, format!("created pod {pod_name}"));
        }
        (_, None) => {
            // The pod was deleted under the build: the build errors, as the real controller marks it.
            let status = next.status_json_mut();
            status.insert("phase".into(), json!("Error"));
            status.insert("reason".into(), json!("BuildPodDeleted"));
            status.insert(
                "message".into(),
                json!("The pod for this build was deleted before the build completed."),
            );
            status.insert(
                "conditions".into(),
                conditions("Error", build.status_json(), now),
            );
            cluster.write(next);
        }
        (_, Some(pod)) => {
            let Some(p) = pod.pod() else {
                return Action::Await;
            };
            // The build's log starts with its first init container (the clone's output), before the build runs;
            // a clone that fails is the whole log.
            let key = (pod.meta.uid, container_name(build).to_owned());
            let init_started = p.init_containers().first().and_then(|c| match c.state {
                ContainerState::Running { started }
                | ContainerState::Terminated { started, .. } => Some(started),
                ContainerState::Waiting { .. } => None,
            });
            if let Some(started) = init_started
                && !cluster.logs.contains_key(&key)
            {
                let lines = build_log(cluster, build, started);
                cluster.logs.insert(key, lines);
            }
            match p.phase {
                Phase::Running if phase == "Pending" => {
                    // The build container started just now: its log starts here.
                    let started = now;
                    let status = next.status_json_mut();
                    status.insert("phase".into(), json!("Running"));
                    status.insert("startTimestamp".into(), json!(rfc3339(started)));
                    status.insert(
                        "conditions".into(),
                        conditions("Running", build.status_json(), now),
                    );
                    let key = (pod.meta.uid, container_name(build).to_owned());
                    if !cluster.logs.contains_key(&key) {
                        let lines = build_log(cluster, build, started);
                        cluster.logs.insert(key, lines);
                    }
                    cluster.write(next);
                    cluster.event(
                        build,
                        EventType::Normal,
                        "BuildStarted",
                        format!("Build {ns}/{} is now running", build.meta.name),
                        "build-controller",
                    );
                    cluster.trace("build-controller", build, "pod running → Running");
                }
                Phase::Succeeded => complete(cluster, build, &pod, next),
                Phase::Failed => fail(cluster, build, &pod, next),
                _ => {}
            }
        }
    }
    Action::Await
}

/// Reconciles a BuildConfig: its ConfigChange trigger starts the first build.
pub fn build_config(cluster: &mut Cluster, bc: &Arc<Object>) -> Action {
    let last = bc.status_json()["lastVersion"].as_i64().unwrap_or(0);
    let config_change = bc.spec()["triggers"]
        .as_array()
        .is_some_and(|ts| ts.iter().any(|t| t["type"] == "ConfigChange"));
    if last == 0 && config_change {
        instantiate(cluster, bc, "Build configuration change");
    } else if bc.status_json()["lastVersion"].is_null() {
        let mut next = (**bc).clone();
        next.status_json_mut()
            .insert("lastVersion".into(), json!(0));
        cluster.write(next);
    }
    Action::Await
}

/// Starts the next build of a BuildConfig (what `oc start-build` and triggers do): bumps `status.lastVersion`
/// and creates the Build `<bc>-<n>`, returning it.
pub fn instantiate(cluster: &mut Cluster, bc: &Object, cause: &str) -> Arc<Object> {
    let number = bc.status_json()["lastVersion"].as_i64().unwrap_or(0) + 1;
    let mut next = bc.clone();
    next.status_json_mut()
        .insert("lastVersion".into(), json!(number));
    cluster.write(next);
    let name = format!("{}-{number}", bc.meta.name);
    let mut labels = Map::new();
    for (key, value) in bc.meta.labels.iter() {
        labels.insert(key.clone(), json!(value));
    }
    labels.insert("buildconfig".into(), json!(bc.meta.name.as_str()));
    labels.insert(
        "openshift.io/build-config.name".into(),
        json!(bc.meta.name.as_str()),
    );
    labels.insert("openshift.io/build.start-policy".into(), json!("Serial"));
    let mut spec = bc.spec().as_object().cloned().unwrap_or_default();
    spec.remove("triggers");
    spec.remove("runPolicy");
    spec.remove("successfulBuildsHistoryLimit");
    spec.remove("failedBuildsHistoryLimit");
    spec.insert("serviceAccount".into(), json!("builder"));
    // A build names its builder image by digest and pushes with the builder account's registry secret.
    let builder = builder_image(cluster, bc);
    let strategy_key = if docker_strategy(bc) {
        "dockerStrategy"
    } else {
        "sourceStrategy"
    };
    if spec["strategy"][strategy_key]["from"].is_object() {
        spec["strategy"][strategy_key]["from"] = json!({"kind": "DockerImage", "name": builder});
    }
    if spec["output"]["to"].is_object() {
        spec["output"]["pushSecret"] = json!({"name": push_secret(&bc.meta.namespace)});
    }
    spec.insert("triggeredBy".into(), json!([{"message": cause}]));
    if let Some(sample) = spec["source"]["git"]["uri"].as_str().and_then(sample) {
        let (author, email) = split_author(sample.author);
        spec.insert(
            "revision".into(),
            json!({"git": {"author": {"email": email, "name": author}, "commit": sample.commit,
                "committer": {"email": email, "name": author}, "message": sample.message}, "type": "Git"}),
        );
    }
    let body = json!({"apiVersion": "build.openshift.io/v1", "kind": "Build",
        "metadata": {"annotations": {"openshift.io/build-config.name": bc.meta.name.as_str(),
                "openshift.io/build.number": number.to_string(),
                "openshift.io/build.pod-name": format!("{name}-build")},
            "labels": labels, "name": name, "namespace": bc.meta.namespace.as_str()},
        "spec": spec,
        "status": {"phase": "New", "config": {"kind": "BuildConfig", "name": bc.meta.name.as_str(), "namespace": bc.meta.namespace.as_str()}}});
    let mut object = Object::from_json(&body).expect("a build built from its config is valid");
    object.meta.owners = controlled_by(bc);
    let created = cluster.create_internal(object);
    cluster.trace(
        "buildconfig-controller",
        bc,
        format!("{cause} → created build {name}"),
    );
    created
}

/// What a build pod's container will do: run for the build's duration and exit 0, or fail to clone.
pub fn pod_fate(pod: &Object) -> Option<Fate> {
    pod.meta.annotation("openshift.io/build.name")?;
    let repo = pod.spec()["containers"][0]["env"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == "SOURCE_REPOSITORY")?["value"]
        .as_str()?
        .to_owned();
    let docker = pod.spec()["containers"][0]["name"] == "docker-build";
    if docker && repo.is_empty() {
        // A Dockerfile given inline: nothing to clone, the steps run.
        return Some(Fate::Exit(0, DOCKERFILE_RUN_MS));
    }
    Some(match sample(&repo) {
        Some(s) => Fate::Exit(0, run_ms(s, docker)),
        None => Fate::Exit(1, CLONE_FAIL_MS),
    })
}

/// How long a build pod's init container `index` runs (the clone, then the Dockerfile's preparation); `None` for
/// other pods, whose init containers the kubelet runs in no time.
pub fn init_step_ms(pod: &Object, index: usize) -> Option<i64> {
    pod.meta.annotation("openshift.io/build.name")?;
    match pod.spec()["initContainers"][index]["name"].as_str()? {
        "git-clone" => Some(CLONE_MS),
        _ => Some(MANAGE_DOCKERFILE_MS),
    }
}

/// Whether a build pod fails in its `git-clone` init container (its repository cannot be fetched), so that the
/// kubelet stops the pod there, as `Init:Error`.
pub fn clone_fails(pod: &Object) -> bool {
    pod.spec()["initContainers"][0]["name"] == "git-clone"
        && matches!(pod_fate(pod), Some(Fate::Exit(code, _)) if code != 0)
}

/// The image a stream tag resolves to: the pushed reference of its newest item.
pub fn tag_reference(stream: &Object, tag: &str) -> Option<String> {
    stream.status_json()["tags"]
        .as_array()?
        .iter()
        .find(|t| t["tag"] == tag)?["items"][0]["dockerImageReference"]
        .as_str()
        .map(str::to_owned)
}

/// Applies the image-change triggers that follow tags of `stream`: Deployments with an
/// `image.openshift.io/triggers` annotation get the tag's image (a rollout), and so do DeploymentConfigs with an
/// automatic ImageChange trigger.
pub fn apply_image_triggers(cluster: &mut Cluster, stream: &Object) {
    apply_dc_image_triggers(cluster, stream);
    let ns = stream.meta.namespace.to_string();
    let deployments: Vec<Arc<Object>> = cluster
        .store
        .list(k::deployment(), Some(&ns))
        .filter(|d| d.meta.annotation("image.openshift.io/triggers").is_some())
        .cloned()
        .collect();
    for d in deployments {
        let Some(triggers) = d
            .meta
            .annotation("image.openshift.io/triggers")
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        else {
            continue;
        };
        let mut next = (*d).clone();
        let mut changed = false;
        for t in triggers.as_array().into_iter().flatten() {
            if t["paused"] == true || t["from"]["kind"] != "ImageStreamTag" {
                continue;
            }
            let from_ns = t["from"]["namespace"].as_str().unwrap_or(&ns);
            let Some((is, tag)) = t["from"]["name"].as_str().and_then(|n| n.split_once(':')) else {
                continue;
            };
            if from_ns != ns || is != stream.meta.name.as_str() {
                continue;
            }
            let Some(image) = tag_reference(stream, tag) else {
                continue;
            };
            let field = t["fieldPath"].as_str().unwrap_or_default();
            let container = field
                .split("@.name==\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default();
            let spec = next.spec_mut();
            if let Some(cs) = spec
                .get_mut("template")
                .and_then(|t| t.get_mut("spec"))
                .and_then(|s| s.get_mut("containers"))
                .and_then(Value::as_array_mut)
            {
                for c in cs.iter_mut() {
                    if (container.is_empty() || c["name"] == container)
                        && c["image"] != image.as_str()
                    {
                        c["image"] = json!(image);
                        changed = true;
                    }
                }
            }
        }
        if changed {
            next.meta.generation += 1;
            cluster.write(next);
            cluster.trace(
                "image-trigger-controller",
                &d,
                format!(
                    "image stream tag {}/{} updated → new image",
                    ns, stream.meta.name
                ),
            );
        }
    }
}

/// Applies the ImageChange triggers of DeploymentConfigs that follow tags of `stream`: the containers get the
/// tag's image and `lastTriggeredImage` records it; the template change then starts a revision.
fn apply_dc_image_triggers(cluster: &mut Cluster, stream: &Object) {
    let ns = stream.meta.namespace.to_string();
    let configs: Vec<Arc<Object>> = cluster
        .store
        .list(k::deployment_config(), Some(&ns))
        .cloned()
        .collect();
    for dc in configs {
        trigger_dc(cluster, &dc, Some(stream));
    }
}

/// Applies a DeploymentConfig's automatic ImageChange triggers whose tags resolve (only those of `stream` when
/// given, else every tag, looked up in its image stream wherever it lives); returns whether a revision started.
pub fn trigger_dc(cluster: &mut Cluster, dc: &Arc<Object>, stream: Option<&Object>) -> bool {
    let ns = dc.meta.namespace.to_string();
    let mut next = (**dc).clone();
    let mut images: Vec<(Vec<String>, String)> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let triggers: Vec<Value> = next.spec()["triggers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut updated = triggers.clone();
    for (i, t) in triggers.iter().enumerate() {
        let params = &t["imageChangeParams"];
        if params["automatic"] != true || params["from"]["kind"] != "ImageStreamTag" {
            continue;
        }
        let from_ns = params["from"]["namespace"]
            .as_str()
            .filter(|n| !n.is_empty())
            .unwrap_or(&ns)
            .to_owned();
        let Some((is, tag)) = params["from"]["name"]
            .as_str()
            .and_then(|n| n.split_once(':'))
        else {
            continue;
        };
        let found = match stream {
            Some(s) if from_ns == s.meta.namespace.as_str() && is == s.meta.name.as_str() => {
                Some(Arc::new(s.clone()))
            }
            Some(_) => None,
            None => cluster.get(k::image_stream(), &from_ns, is),
        };
        let Some(image) = found.as_deref().and_then(|s| tag_reference(s, tag)) else {
            continue;
        };
        if params["lastTriggeredImage"] == image.as_str() {
            continue;
        }
        updated[i]["imageChangeParams"]["lastTriggeredImage"] = json!(image);
        let names = params["containerNames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        images.push((names, image));
        sources.push(format!("{from_ns}/{is}"));
    }
    if images.is_empty() {
        return false;
    }
    let spec = next.spec_mut();
    spec.insert("triggers".into(), Value::Array(updated));
    for c in spec
        .get_mut("template")
        .and_then(|t| t.get_mut("spec"))
        .and_then(|s| s.get_mut("containers"))
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for (names, image) in &images {
            if names.iter().any(|n| c["name"] == n.as_str()) {
                c["image"] = json!(image);
            }
        }
    }
    next.meta.generation += 1;
    // The trigger starts the revision itself, so that its cause is the image change.
    cluster.write(next.clone());
    super::deploymentconfigs::bump(cluster, &next, "image change");
    cluster.trace(
        "image-trigger-controller",
        dc,
        format!(
            "image stream tag {} updated → new image",
            sources.join(", ")
        ),
    );
    true
}

/// How often a build waiting for an earlier build of its config looks again, in virtual ms.
const SERIAL_POLL_MS: i64 = 1_000;

fn earlier_build_running(cluster: &Cluster, build: &Object) -> bool {
    let config = config_name(build);
    let number = |b: &Object| {
        b.meta
            .annotation("openshift.io/build.number")
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let mine = number(build);
    cluster
        .store
        .list(k::build(), Some(&build.meta.namespace))
        .any(|b| {
            config_name(b) == config
                && number(b) < mine
                && matches!(
                    b.status_json()["phase"].as_str().unwrap_or("New"),
                    "New" | "Pending" | "Running"
                )
        })
}

/// How long a build container runs before it exits, in virtual ms.
const CLONE_FAIL_MS: i64 = 2_400;

/// How long the `git-clone` init container of a build whose repository can be fetched runs.
const CLONE_MS: i64 = 2_000;

/// How long the `manage-dockerfile` init container runs.
const MANAGE_DOCKERFILE_MS: i64 = 500;

/// How long a build of an inline Dockerfile runs: pull the base, run the steps, commit, push.
const DOCKERFILE_RUN_MS: i64 = 6_000 + DOCKERFILE_STEPS_MS + 4_000 + 7_000;

/// How long the RUN steps of an inline Dockerfile take.
const DOCKERFILE_STEPS_MS: i64 = 38_000;

/// Versions pip reports for the packages the lessons install; other packages report 1.0.0.
const PIP_VERSIONS: &[(&str, &str)] = &[
    ("prometheus-api-client", "0.5.5"),
    ("matplotlib", "3.8.2"),
    ("pypdf", "4.0.1"),
    ("reportlab", "4.0.9"),
    ("pandas", "2.1.4"),
    ("requests", "2.31.0"),
];

fn run_ms(sample: &SampleRepo, docker: bool) -> i64 {
    // Clone, pull the builder, run the steps, commit, push.
    2_000 + 6_000 + sample.assemble_ms + if docker { 4_000 } else { 5_000 } + 7_000
}

/// The registry secret of a namespace's `builder` service account.
fn push_secret(ns: &str) -> String {
    format!("builder-dockercfg-{}", &hex_id(0, ns, 1)[..5])
}

/// The owner references of an object `owner` controls.
fn controlled_by(owner: &Object) -> Arc<Vec<OwnerRef>> {
    Arc::new(vec![OwnerRef {
        kind: owner.kind,
        name: owner.meta.name.clone(),
        uid: owner.meta.uid,
        controller: true,
    }])
}

fn config_name(build: &Object) -> String {
    build
        .meta
        .annotation("openshift.io/build-config.name")
        .or_else(|| build.meta.label("buildconfig"))
        .unwrap_or(build.meta.name.as_str())
        .to_owned()
}

fn docker_strategy(build: &Object) -> bool {
    build.spec()["strategy"]["type"] == "Docker"
}

fn container_name(build: &Object) -> &'static str {
    if docker_strategy(build) {
        "docker-build"
    } else {
        "sti-build"
    }
}

/// `image-registry…:5000/<ns>/<stream>:<tag>` for an ImageStreamTag output, the name for a DockerImage output.
fn output_reference(build: &Object) -> String {
    let to = &build.spec()["output"]["to"];
    let name = to["name"].as_str().unwrap_or_default();
    if to["kind"] == "DockerImage" {
        return name.to_owned();
    }
    let ns = to["namespace"]
        .as_str()
        .unwrap_or(build.meta.namespace.as_str());
    format!("{REGISTRY}/{ns}/{name}")
}

/// The build's conditions in phase `current`: one per phase it went through, newest first; a condition whose
/// status did not change keeps its transition time from `old`.
fn conditions(current: &str, old: &Value, now: i64) -> Value {
    let order = ["New", "Pending", "Running", "Complete", "Failed", "Error"];
    let stamp = rfc3339(now);
    let mut out = Vec::new();
    for phase in order {
        let is = phase == current;
        let passed =
            order.iter().position(|p| *p == phase) < order.iter().position(|p| *p == current);
        if !(is || (passed && matches!(phase, "New" | "Pending" | "Running"))) {
            continue;
        }
        let state = if is { "True" } else { "False" };
        let kept = old["conditions"]
            .as_array()
            .and_then(|cs| {
                cs.iter()
                    .find(|c| c["type"] == phase && c["status"] == state)
            })
            .map(|c| c["lastTransitionTime"].clone());
        let since = kept.unwrap_or_else(|| json!(stamp));
        out.push(json!({"lastTransitionTime": since, "lastUpdateTime": since,
            "status": state, "type": phase}));
    }
    out.reverse();
    Value::Array(out)
}

fn split_author(author: &str) -> (&str, &str) {
    match author.split_once(" <") {
        Some((name, rest)) => (name, rest.trim_end_matches('>')),
        None => (author, ""),
    }
}

/// The builder image a build's strategy names, resolved through image streams to the registry reference.
fn builder_image(cluster: &Cluster, build: &Object) -> String {
    let strategy = &build.spec()["strategy"];
    let from = if docker_strategy(build) {
        &strategy["dockerStrategy"]["from"]
    } else {
        &strategy["sourceStrategy"]["from"]
    };
    let name = from["name"].as_str().unwrap_or_default();
    if from["kind"] == "ImageStreamTag" {
        let ns = from["namespace"]
            .as_str()
            .unwrap_or(build.meta.namespace.as_str());
        if let Some((is, tag)) = name.split_once(':')
            && let Some(stream) = cluster.get(k::image_stream(), ns, is)
        {
            let digest = tag_reference(&stream, tag)
                .and_then(|r| r.split_once('@').map(|(_, d)| d.to_owned()))
                .unwrap_or_else(|| format!("sha256:{}", hex_id(0, name, 0)));
            return format!("{REGISTRY}/{ns}/{is}@{digest}");
        }
    }
    name.to_owned()
}

fn build_pod(build: &Object, pod_name: &str) -> Object {
    let ns = build.meta.namespace.as_str();
    let name = build.meta.name.as_str();
    let docker = docker_strategy(build);
    let repo = build.spec()["source"]["git"]["uri"]
        .as_str()
        .unwrap_or_default();
    let image = format!(
        "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:{}",
        hex_id(0, "openshift-builder-4.14", 0)
    );
    let push_secret = push_secret(ns);
    let env = json!([{"name": "BUILD"}, {"name": "LANG", "value": "C.utf8"},
        {"name": "SOURCE_REPOSITORY", "value": repo}, {"name": "SOURCE_URI", "value": repo},
        {"name": "BUILD_LOGLEVEL", "value": "0"},
        {"name": "PUSH_DOCKERCFG_PATH", "value": "/var/run/secrets/openshift.io/push"}]);
    // The build's steps before the build proper, as the build controller lays them out: the source is cloned
    // (when it comes from git) and the Dockerfile prepared, each in an init container of the builder image.
    let step = |name: &str, command: &str| {
        json!({"args": [command, "--loglevel=0"], "env": env, "image": image,
            "imagePullPolicy": "IfNotPresent", "name": name, "resources": {},
            "securityContext": {"privileged": true},
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "FallbackToLogsOnError"})
    };
    let mut init = Vec::new();
    if !repo.is_empty() {
        init.push(step("git-clone", "openshift-git-clone"));
    }
    init.push(step("manage-dockerfile", "openshift-manage-dockerfile"));
    let body = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"annotations": {"openshift.io/build.name": name, "openshift.io/scc": "privileged"},
            "labels": {"openshift.io/build.name": name}, "name": pod_name, "namespace": ns},
        "spec": {"activeDeadlineSeconds": 604800,
            "containers": [{"args": [if docker { "openshift-docker-build" } else { "openshift-sti-build" }, "--loglevel=0"],
                "env": env,
                "image": image, "imagePullPolicy": "IfNotPresent", "name": container_name(build),
                "resources": {}, "securityContext": {"privileged": true},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "FallbackToLogsOnError",
                "volumeMounts": [{"mountPath": "/var/run/secrets/openshift.io/push", "name": push_secret, "readOnly": true}]}],
            "initContainers": init,
            "restartPolicy": "Never", "serviceAccount": "builder", "serviceAccountName": "builder",
            "volumes": [{"name": push_secret, "secret": {"defaultMode": 384, "secretName": push_secret}}]}});
    let mut pod = Object::from_json(&body).expect("a build pod is valid");
    pod.meta.owners = controlled_by(build);
    pod
}

fn digest_of(build: &Object) -> String {
    format!(
        "sha256:{}",
        hex_id(
            0,
            &format!(
                "{}/{}@{}",
                build.meta.namespace, build.meta.name, build.meta.uid
            ),
            0
        )
    )
}

/// A build log being written: its lines with the virtual times they are printed at.
struct Log {
    lines: Vec<(i64, String)>,
    at: i64,
}

impl Log {
    fn line(&mut self, text: impl Into<String>) {
        self.lines.push((self.at, text.into()));
    }

    fn wait(&mut self, ms: i64) {
        self.at += ms;
    }

    /// What containers/image prints while it copies an image: its blobs, then its config and manifest.
    fn copy(&mut self, blobs: &[String], config: &str, ms: i64) {
        self.line("Getting image source signatures");
        self.wait(ms / 2);
        for blob in blobs {
            self.line(format!("Copying blob {blob}"));
        }
        self.wait(ms - ms / 2);
        self.line(format!("Copying config {config}"));
        self.line("Writing manifest to image destination");
    }

    /// What the builder prints while it pulls the base image (a Docker build announces it first).
    fn pull(&mut self, builder: &str, blobs: &[String], docker: bool) {
        self.line("Caching blobs under \"/var/cache/blobs\".");
        if docker {
            self.line("");
            self.line(format!("Pulling image {builder} ..."));
        }
        self.line(format!("Trying to pull {builder}..."));
        self.copy(
            &blobs[..2],
            &format!("sha256:{}", hex_id(9, builder, 3)),
            5_500,
        );
        self.wait(500);
    }
}

/// The build's log, one line per entry with the virtual time it is printed at.
fn build_log(cluster: &Cluster, build: &Object, started: i64) -> Vec<(i64, String)> {
    let repo = build.spec()["source"]["git"]["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut log = Log {
        lines: Vec::new(),
        at: started,
    };
    if build.spec()["source"]["type"] == "Dockerfile" {
        return dockerfile_log(cluster, build, log);
    }
    log.line(format!("Cloning \"{repo}\" ..."));
    let Some(sample) = sample(&repo) else {
        log.wait(CLONE_FAIL_MS - 200);
        log.line(format!(
            "error: failed to fetch requested repository \"{repo}\" with provided credentials"
        ));
        return log.lines;
    };
    log.wait(1_800);
    log.line(format!("\tCommit:\t{} ({})", sample.commit, sample.message));
    log.line(format!("\tAuthor:\t{}", sample.author));
    log.line(format!("\tDate:\t{}", sample.date));
    log.wait(200);
    let ns = build.meta.namespace.as_str();
    let docker = docker_strategy(build);
    let builder = builder_image(cluster, build);
    let blobs: Vec<String> = (0..3)
        .map(|n| format!("sha256:{}", hex_id(n, &builder, 3)))
        .collect();
    if docker {
        log.line(format!("Replaced Dockerfile FROM image {builder}"));
    }
    log.pull(&builder, &blobs, docker);
    let commit_label = format!(
        "\"io.openshift.build.commit.author\"=\"{}\" \"io.openshift.build.commit.date\"=\"{}\" \"io.openshift.build.commit.id\"=\"{}\" \"io.openshift.build.commit.message\"=\"{}\" \"io.openshift.build.source-location\"=\"{repo}\"",
        sample.author, sample.date, sample.commit, sample.message
    );
    let env = format!(
        "ENV OPENSHIFT_BUILD_NAME=\"{}\" OPENSHIFT_BUILD_NAMESPACE=\"{ns}\" OPENSHIFT_BUILD_SOURCE=\"{repo}\" OPENSHIFT_BUILD_COMMIT=\"{}\"",
        build.meta.name, sample.commit
    );
    let steps: Vec<String> = if docker {
        let mut s = vec![format!("FROM {builder}")];
        s.push(env);
        s.extend(sample.dockerfile.iter().map(|l| (*l).to_owned()));
        s.push(format!("LABEL {commit_label}"));
        s
    } else {
        log.line(format!(
            "Generating dockerfile with builder image {builder}"
        ));
        log.line("Adding transient rw bind mount for /run/secrets/rhsm");
        vec![
            format!("FROM {builder}"),
            format!("LABEL \"io.openshift.build.image\"=\"{builder}\" {commit_label}"),
            env,
            "USER root".into(),
            "COPY upload/src /tmp/src".into(),
            "RUN chown -R 1001:0 /tmp/src".into(),
            "USER 1001".into(),
            "RUN /usr/libexec/s2i/assemble".into(),
            "CMD /usr/libexec/s2i/run".into(),
        ]
    };
    let total = steps.len();
    let run_step = steps
        .iter()
        .rposition(|s| s.starts_with("RUN"))
        .unwrap_or(total - 1);
    for (i, step) in steps.iter().enumerate() {
        log.line(format!("STEP {}/{total}: {step}", i + 1));
        if i == run_step {
            let each = sample.assemble_ms / sample.assemble.len().max(1) as i64;
            for line in sample.assemble {
                log.wait(each);
                log.line(*line);
            }
        } else {
            log.wait(100);
        }
    }
    let image_id = hex_id(1, &digest_of(build), 0);
    let tmp = format!(
        "temp.builder.openshift.io/{ns}/{}:{}",
        build.meta.name,
        &hex_id(2, &digest_of(build), 0)[..8]
    );
    log.line(format!("COMMIT {tmp}"));
    log.copy(&blobs, &format!("sha256:{image_id}"), 4_000);
    log.wait(500);
    log.line(format!("--> {}", &image_id[..11]));
    log.line(format!("Successfully tagged {tmp}"));
    log.line(image_id.clone());
    log.line("");
    log.wait(500);
    let output = output_reference(build);
    log.line(format!("Pushing image {output} ..."));
    log.copy(&blobs, &format!("sha256:{image_id}"), 5_000);
    let repository = output.rsplit_once(':').map(|(r, _)| r).unwrap_or(&output);
    log.at = started + run_ms(sample, docker) - 100;
    log.line(format!(
        "Successfully pushed {repository}@{}",
        digest_of(build)
    ));
    log.line("Push successful");
    log.lines
}

/// The log of a Docker build of an inline Dockerfile: the FROM replaced by the strategy's image, the
/// build's ENV after it and its LABEL at the end, each step as buildah prints it, then the push.
fn dockerfile_log(cluster: &Cluster, build: &Object, mut log: Log) -> Vec<(i64, String)> {
    let started = log.at;
    let ns = build.meta.namespace.as_str();
    let text = build.spec()["source"]["dockerfile"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let builder = builder_image(cluster, build);
    let mut steps: Vec<String> = Vec::new();
    let mut original_from = String::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        if word.eq_ignore_ascii_case("FROM") {
            original_from = rest.trim().to_owned();
            steps.push(format!("FROM {builder}"));
            steps.push(format!(
                "ENV \"OPENSHIFT_BUILD_NAME\"=\"{}\" \"OPENSHIFT_BUILD_NAMESPACE\"=\"{ns}\"",
                build.meta.name
            ));
        } else {
            steps.push(line.to_owned());
        }
    }
    steps.push(format!(
        "LABEL \"io.openshift.build.name\"=\"{}\" \"io.openshift.build.namespace\"=\"{ns}\"",
        build.meta.name
    ));
    if !original_from.is_empty() {
        log.line(format!("Replaced Dockerfile FROM image {original_from}"));
    }
    let blobs: Vec<String> = (0..3)
        .map(|n| format!("sha256:{}", hex_id(n, &builder, 3)))
        .collect();
    log.pull(&builder, &blobs, true);
    let runs = steps
        .iter()
        .filter(|s| s.starts_with("RUN "))
        .count()
        .max(1) as i64;
    let total = steps.len();
    for (i, step) in steps.iter().enumerate() {
        log.line(format!("STEP {}/{total}: {step}", i + 1));
        match step.strip_prefix("RUN ") {
            Some(command) => {
                let printed = run_output(command);
                let each = DOCKERFILE_STEPS_MS / runs / printed.len().max(1) as i64;
                for line in printed {
                    log.wait(each);
                    log.line(line);
                }
                if i + 1 < total {
                    log.line(format!(
                        "--> {}",
                        &hex_id(i as u64, &digest_of(build), 0)[..11]
                    ));
                }
            }
            None => log.wait(100),
        }
    }
    let image_id = hex_id(1, &digest_of(build), 0);
    log.line(format!(
        "COMMIT temp.builder.openshift.io/{ns}/{}:{}",
        build.meta.name,
        &hex_id(2, &digest_of(build), 0)[..8]
    ));
    log.copy(&blobs, &format!("sha256:{image_id}"), 4_000);
    log.line(format!("--> {}", &image_id[..11]));
    log.line(format!(
        "Successfully tagged temp.builder.openshift.io/{ns}/{}:{}",
        build.meta.name,
        &hex_id(2, &digest_of(build), 0)[..8]
    ));
    log.line(image_id.clone());
    log.line("");
    let output = output_reference(build);
    log.line(format!("Pushing image {output} ..."));
    log.copy(&blobs, &format!("sha256:{image_id}"), 5_000);
    let repository = output.rsplit_once(':').map(|(r, _)| r).unwrap_or(&output);
    log.at = log.at.max(started + DOCKERFILE_RUN_MS - 100);
    log.line(format!(
        "Successfully pushed {repository}@{}",
        digest_of(build)
    ));
    log.line("Push successful");
    log.lines
}

/// What a RUN step prints: pip's lines for `pip install`, nothing for other commands.
fn run_output(command: &str) -> Vec<String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let Some(at) = words
        .windows(2)
        .position(|w| w[0].ends_with("pip") && w[1] == "install")
    else {
        return Vec::new();
    };
    let packages: Vec<&str> = words[at + 2..]
        .iter()
        .take_while(|w| !matches!(**w, "&&" | ";" | "||"))
        .filter(|w| !w.starts_with('-'))
        .copied()
        .collect();
    let version = |p: &str| {
        PIP_VERSIONS
            .iter()
            .find(|(n, _)| *n == p)
            .map(|(_, v)| *v)
            .unwrap_or("1.0.0")
    };
    let mut out = Vec::new();
    for p in &packages {
        let v = version(p);
        out.push(format!("Collecting {p}"));
        out.push(format!(
            "  Downloading {}-{v}-py3-none-any.whl.metadata",
            p.replace('-', "_")
        ));
    }
    let names: Vec<String> = packages.iter().map(|p| (*p).to_owned()).collect();
    out.push(format!(
        "Installing collected packages: {}",
        names.join(", ")
    ));
    let installed: Vec<String> = packages
        .iter()
        .map(|p| format!("{p}-{}", version(p)))
        .collect();
    out.push(format!("Successfully installed {}", installed.join(" ")));
    out
}

fn finished_status(next: &mut Object, build: &Object, pod: &Object, phase: &str, now: i64) {
    let started = build.status_json()["startTimestamp"]
        .as_str()
        .and_then(crate::api::time::parse_rfc3339)
        .or_else(|| {
            pod.pod()
                .and_then(|p| p.start_time)
                .map(std::num::NonZeroI64::get)
        })
        .unwrap_or(build.meta.created);
    let conditions = conditions(phase, build.status_json(), now);
    let status = next.status_json_mut();
    status.insert("phase".into(), json!(phase));
    status.insert("startTimestamp".into(), json!(rfc3339(started)));
    status.insert("completionTimestamp".into(), json!(rfc3339(now)));
    // Whole seconds, as the API server's timestamps have no finer resolution.
    let secs = (now / 1000 - started / 1000).max(0);
    status.insert("duration".into(), json!(secs * 1_000_000_000));
    status.insert("conditions".into(), conditions);
}

fn complete(cluster: &mut Cluster, build: &Arc<Object>, pod: &Object, mut next: Object) {
    let now = cluster.now;
    finished_status(&mut next, build, pod, "Complete", now);
    let digest = digest_of(build);
    next.status_json_mut()
        .insert("output".into(), json!({"to": {"imageDigest": digest}}));
    cluster.write(next);
    push_image(cluster, build, &digest);
    cluster.event(
        build,
        EventType::Normal,
        "BuildCompleted",
        format!(
            "Build {}/{} completed successfully",
            build.meta.namespace, build.meta.name
        ),
        "build-controller",
    );
    cluster.trace(
        "build-controller",
        build,
        "pod succeeded → Complete, image pushed",
    );
}

fn fail(cluster: &mut Cluster, build: &Arc<Object>, pod: &Object, mut next: Object) {
    let now = cluster.now;
    finished_status(&mut next, build, pod, "Failed", now);
    let repo = build.spec()["source"]["git"]["uri"]
        .as_str()
        .unwrap_or_default();
    let (reason, message) = if sample(repo).is_none() {
        ("FetchSourceFailed", "Failed to fetch the input source.")
    } else {
        (
            "GenericBuildFailed",
            "Generic Build failure - check logs for details.",
        )
    };
    let status = next.status_json_mut();
    status.insert("reason".into(), json!(reason));
    status.insert("message".into(), json!(message));
    if let Some(log) = cluster
        .logs
        .get(&(pod.meta.uid, container_name(build).to_owned()))
    {
        let tail: Vec<&str> = log.iter().map(|(_, l)| l.as_str()).collect();
        status.insert("logSnippet".into(), json!(tail.join("\n")));
    }
    cluster.write(next);
    cluster.event(
        build,
        EventType::Warning,
        "BuildFailed",
        format!("Build {}/{} failed", build.meta.namespace, build.meta.name),
        "build-controller",
    );
    cluster.trace(
        "build-controller",
        build,
        format!("pod failed → Failed ({reason})"),
    );
}

/// Tags the pushed image into the output image stream and teaches the nodes' registry about it.
fn push_image(cluster: &mut Cluster, build: &Object, digest: &str) {
    let to = &build.spec()["output"]["to"];
    if to["kind"] != "ImageStreamTag" {
        return;
    }
    let ns = to["namespace"]
        .as_str()
        .unwrap_or(build.meta.namespace.as_str())
        .to_owned();
    let Some((is, tag)) = to["name"].as_str().and_then(|n| n.split_once(':')) else {
        return;
    };
    let repository = format!("{REGISTRY}/{ns}/{is}");
    let reference = format!("{repository}@{digest}");
    // The built image runs like its builder would, serving the sample application.
    let repo = build.spec()["source"]["git"]["uri"]
        .as_str()
        .unwrap_or_default();
    let builder = builder_image(cluster, build);
    let base = cluster.info.image(&builder).cloned().unwrap_or_default();
    let sample = sample(repo);
    if sample.is_none() && docker_strategy(build) && !base.name.is_empty() {
        // An image built from a Dockerfile over a base runs like its base.
        let mut info = base.clone();
        info.name = format!("{repository}:{tag}");
        info.references = vec![repository.clone(), format!("{repository}:{tag}")];
        info.digest = Some(digest.to_owned());
        info.size_mb = base.size_mb + 60;
        info.pre_pulled = false;
        let images = &mut Arc::make_mut(&mut cluster.info).images_mut();
        images.retain(|i| i.name != info.name);
        images.push(info);
        tag_pushed(cluster, &ns, is, tag, &repository, &reference, digest);
        return;
    }
    let info = ImageInfo {
        name: format!("{repository}:{tag}"),
        references: vec![repository.clone(), format!("{repository}:{tag}")],
        digest: Some(digest.to_owned()),
        size_mb: base.size_mb.max(100) + 20,
        version: base.version.clone(),
        runs_as_arbitrary_uid: true,
        restricted_scc: None,
        command: vec!["/usr/libexec/s2i/run".into()],
        behaviour: "server".into(),
        exit_code: 0,
        ports: vec![json!(8080)],
        startup_log: sample
            .map(|s| s.startup_log.iter().map(|l| (*l).to_owned()).collect())
            .unwrap_or_default(),
        required_env: None,
        access_log: None,
        http_response: sample.map(|s| json!({"status": 200, "title": s.title})),
        pre_pulled: false,
    };
    let images = &mut Arc::make_mut(&mut cluster.info).images_mut();
    images.retain(|i| i.name != info.name);
    images.push(info);
    tag_pushed(cluster, &ns, is, tag, &repository, &reference, digest);
}

/// Records a pushed image as the newest item of the stream's tag.
fn tag_pushed(
    cluster: &mut Cluster,
    ns: &str,
    is: &str,
    tag: &str,
    repository: &str,
    reference: &str,
    digest: &str,
) {
    let Some(stream) = cluster.get(k::image_stream(), ns, is) else {
        return;
    };
    let mut next = (*stream).clone();
    let status = next.status_json_mut();
    status
        .entry("dockerImageRepository")
        .or_insert_with(|| json!(repository));
    let mut tags = status
        .get("tags")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let item = json!({"created": rfc3339(cluster.now), "dockerImageReference": reference, "generation": stream.meta.generation.max(1), "image": digest});
    match tags.iter_mut().find(|t| t["tag"] == tag) {
        Some(t) => {
            let mut items = t["items"].as_array().cloned().unwrap_or_default();
            items.insert(0, item);
            t["items"] = Value::Array(items);
        }
        None => tags.push(json!({"items": [item], "tag": tag})),
    }
    status.insert("tags".into(), Value::Array(tags));
    cluster.write(next);
}
