//! The kubelet and CRI-O (or containerd) of every node: pod lifecycles as a table of stages, container logs.
//!
//! Each stage is data, as KWOK's stages are: which pods it applies to (by the pod's step), how long after the
//! previous transition it fires, and what it changes. Durations are virtual and follow what real nodes take.

use std::sync::Arc;

use serde_json::Value;

use super::super::events::EventType;
use super::super::{Action, Cluster};
use crate::api::object::ip_string;
use crate::api::time::rfc3339;
use crate::api::{ContainerState, ContainerStatus, Object, Phase};

/// The kubelet's steps for one pod.
pub mod step {
    /// Just bound: the sandbox is created and the image pulls begin (one write, see [`super::accept`]).
    pub const ACCEPT: u8 = 0;
    /// Ready to pull images (pods whose sandbox stage predates the merged first stage).
    pub const PULL: u8 = 1;
    /// Pulling images.
    pub const PULLING: u8 = 2;
    /// Images pulled: create and start the containers.
    pub const START: u8 = 3;
    /// Containers running.
    pub const RUNNING: u8 = 4;
    /// An image pull failed: back off and retry.
    pub const IMAGE_BACKOFF: u8 = 5;
    /// A container exited and will be restarted after a back-off.
    pub const CRASH_BACKOFF: u8 = 6;
    /// The pod finished (Succeeded or Failed).
    pub const DONE: u8 = 7;
}

/// One lifecycle stage.
pub struct Stage {
    /// The stage's name, shown in the reconcile trace.
    pub name: &'static str,
    /// The pod step the stage applies to.
    pub from: u8,
    /// How long after the last transition the stage fires, in virtual ms; `None` waits for a change instead.
    pub delay: fn(&Cluster, &Object) -> Option<i64>,
    /// The transition; returns a trace message.
    pub next: fn(&mut Cluster, &mut Object) -> String,
}

/// The stage table.
pub static STAGES: &[Stage] = &[
    Stage {
        name: "create-sandbox",
        from: step::ACCEPT,
        delay: |_, _| Some(0),
        next: accept_and_pull,
    },
    Stage {
        name: "pull-image",
        from: step::PULL,
        delay: |_, _| Some(PULL_CHECK_MS),
        next: start_pull,
    },
    Stage {
        name: "image-pulled",
        from: step::PULLING,
        delay: |c, p| Some(pull_duration(c, p)),
        next: finish_pull,
    },
    Stage {
        name: "start-containers",
        from: step::START,
        delay: start_delay,
        next: start,
    },
    Stage {
        name: "running",
        from: step::RUNNING,
        delay: running_delay,
        next: running,
    },
    Stage {
        name: "image-backoff",
        from: step::IMAGE_BACKOFF,
        delay: |c, p| Some(backoff(c, p)),
        next: retry_pull,
    },
    Stage {
        name: "crash-backoff",
        from: step::CRASH_BACKOFF,
        delay: |c, p| Some(backoff(c, p)),
        next: restart,
    },
];

/// What will happen to a pod's containers once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Keeps running.
    Serve,
    /// Exits with the code after the delay (ms).
    Exit(i32, i64),
    /// Crashes at start-up because the image needs root under the restricted SCC.
    Restricted,
    /// Exits at start-up because required environment variables are missing.
    MissingEnv(i32),
}

/// Reconciles a bound pod: fires its next stage when due.
pub fn reconcile(cluster: &mut Cluster, pod: &Arc<Object>) -> Action {
    let Some(status) = pod.pod() else {
        return Action::Await;
    };
    if status
        .node
        .as_deref()
        .is_some_and(|n| cluster.stopped_nodes.contains_key(n))
    {
        return Action::Await;
    }
    let Some(stage) = STAGES.iter().find(|s| s.from == status.step) else {
        return Action::Await;
    };
    let Some(delay) = (stage.delay)(cluster, pod) else {
        return Action::Await;
    };
    let due = status.since + delay;
    if due > cluster.now {
        return Action::Requeue(due - cluster.now);
    }
    let mut updated = (**pod).clone();
    run_stage(cluster, stage, &mut updated);
    cluster.write(updated);
    Action::Await
}

/// Runs the kubelet's first stage on a pod the scheduler is binding, so that binding, sandbox creation and the
/// start of the image pulls are one write (the kubelet watches its pods and reacts at once).
pub fn on_bind(cluster: &mut Cluster, pod: &mut Object) {
    let Some(status) = pod.pod() else {
        return;
    };
    let stopped = status
        .node
        .as_deref()
        .is_some_and(|n| cluster.stopped_nodes.contains_key(n));
    if stopped || status.step != step::ACCEPT {
        return;
    }
    run_stage(cluster, &STAGES[0], pod);
}

/// Fires `stage` on `pod`: its transition, the time it moved (a stage may set a later reference) and the trace.
fn run_stage(cluster: &mut Cluster, stage: &Stage, pod: &mut Object) {
    let message = (stage.next)(cluster, pod);
    let now = cluster.now;
    if let Some(p) = pod.pod_mut() {
        p.since = p.since.max(now);
    }
    if !message.is_empty() && cluster.tracing {
        cluster.trace("kubelet", pod, format!("{}: {message}", stage.name));
    }
}

fn source(pod: &Object) -> String {
    format!(
        "kubelet@{}",
        pod.pod()
            .and_then(|p| p.node.as_deref())
            .unwrap_or_default()
    )
}

/// A pod's container specs; holds the pod's shared body, so the pod itself may change meanwhile.
struct Specs(Arc<serde_json::Map<String, Value>>);

impl<'a> IntoIterator for &'a Specs {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Deref for Specs {
    type Target = [Value];

    fn deref(&self) -> &[Value] {
        self.0
            .get("spec")
            .and_then(|s| s.get("containers"))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

fn containers(pod: &Object) -> Specs {
    Specs(pod.body.clone())
}

fn image_of(c: &Value) -> String {
    c["image"].as_str().unwrap_or_default().to_owned()
}

fn accept(cluster: &mut Cluster, pod: &mut Object) -> String {
    let node = pod.pod().and_then(|p| p.node.clone()).unwrap_or_default();
    let host_network = pod.spec()["hostNetwork"].as_bool().unwrap_or(false);
    let host_ip = node_ip(cluster, &node);
    let pod_ip = if host_network {
        host_ip
    } else {
        Some(cluster.ipam.pod_ip(&node, host_ip))
    };
    let n = containers(pod).len();
    let p = pod.pod_mut().expect("pod");
    p.containerd = cluster.containerd;
    p.start_time = crate::api::object::at(cluster.now);
    p.host_ip = host_ip.and_then(std::num::NonZeroU32::new);
    p.pod_ip = pod_ip;
    p.containers = (0..n)
        .map(|_| ContainerStatus::waiting("ContainerCreating"))
        .collect();
    p.step = step::PULL;
    if cluster.info.is_openshift()
        && !host_network
        && let Some(ip) = pod_ip
    {
        let subnet = cluster.ipam.node_subnet(&node);
        let prefix = subnet.split('/').nth(1).unwrap_or("23").to_owned();
        let message = format!("Add eth0 [{}/{prefix}] from ovn-kubernetes", ip_string(ip));
        cluster.event(pod, EventType::Normal, "AddedInterface", message, "multus");
    }
    // The message only goes to the reconcile trace: spell it only when the trace is kept.
    if !cluster.tracing {
        return String::new();
    }
    format!(
        "sandbox created, IP {}",
        pod_ip.map(ip_string).unwrap_or_default()
    )
}

/// Creates the sandbox and, when the pull check is due (600 ms later, as CRI-O reports it), records what the
/// check will find, so that the pod moves on without a write of its own for the check.
fn accept_and_pull(cluster: &mut Cluster, pod: &mut Object) -> String {
    let sandbox = accept(cluster, pod);
    let pulls = start_pull(cluster, pod);
    if let Some(p) = pod.pod_mut() {
        p.since = cluster.now + PULL_CHECK_MS;
    }
    if !cluster.tracing {
        return String::new();
    }
    format!("{sandbox}; {pulls}")
}

/// How long after the sandbox the kubelet checks the images.
const PULL_CHECK_MS: i64 = 600;

fn node_ip(cluster: &Cluster, node: &str) -> Option<u32> {
    if let Some(ip) = cluster.node_ips.get(node) {
        return Some(*ip);
    }
    let node = cluster.store.get(crate::api::k::node(), "", node)?;
    node_address(node)
}

/// The InternalIP of a node object.
pub fn node_address(node: &Object) -> Option<u32> {
    node.status_json()["addresses"]
        .as_array()?
        .iter()
        .find(|a| a["type"] == "InternalIP")
        .and_then(|a| a["address"].as_str())
        .and_then(|a| a.parse::<std::net::Ipv4Addr>().ok())
        .map(u32::from)
}

fn present_on_node(cluster: &Cluster, node: &str, image: &str) -> bool {
    cluster.info.image(image).is_some_and(|i| i.pre_pulled)
        || cluster.node_images.get(node).is_some_and(|images| {
            images.contains(super::super::scenario::normalized_image(image).as_ref())
        })
}

fn start_pull(cluster: &mut Cluster, pod: &mut Object) -> String {
    let node = pod.pod().and_then(|p| p.node.clone()).unwrap_or_default();
    let src = source(pod);
    let mut all_present = true;
    for c in containers(pod).iter() {
        let image = image_of(c);
        let policy = c["imagePullPolicy"].as_str().unwrap_or("IfNotPresent");
        if policy != "Always" && present_on_node(cluster, &node, &image) {
            cluster.event(
                pod,
                EventType::Normal,
                "Pulled",
                format_args!("Container image \"{image}\" already present on machine"),
                &src,
            );
        } else {
            all_present = false;
            cluster.event(
                pod,
                EventType::Normal,
                "Pulling",
                format_args!("Pulling image \"{image}\""),
                &src,
            );
        }
    }
    let p = pod.pod_mut().expect("pod");
    p.step = if all_present {
        step::START
    } else {
        step::PULLING
    };
    if all_present {
        "images already present".into()
    } else {
        "pulling images".into()
    }
}

fn pull_duration(cluster: &Cluster, pod: &Object) -> i64 {
    containers(pod)
        .iter()
        .map(|c| match cluster.info.image(&image_of(c)) {
            Some(info) => 700 + info.size_mb as i64 * 1000 / 45,
            None => 1500,
        })
        .max()
        .unwrap_or(0)
}

fn finish_pull(cluster: &mut Cluster, pod: &mut Object) -> String {
    let node = pod.pod().and_then(|p| p.node.clone()).unwrap_or_default();
    let src = source(pod);
    let took = pull_duration(cluster, pod);
    for (i, c) in containers(pod).iter().enumerate() {
        let image = image_of(c);
        if cluster.info.image(&image).is_none() && !present_on_node(cluster, &node, &image) {
            let message = pull_error(cluster, &image);
            cluster.event(
                pod,
                EventType::Warning,
                "Failed",
                format!("Failed to pull image \"{image}\": {message}"),
                &src,
            );
            cluster.event(
                pod,
                EventType::Warning,
                "Failed",
                "Error: ErrImagePull",
                &src,
            );
            let p = pod.pod_mut().expect("pod");
            if let Some(s) = p.containers.get_mut(i) {
                s.state = ContainerState::Waiting {
                    reason: "ErrImagePull".into(),
                    message,
                };
            }
            p.step = step::IMAGE_BACKOFF;
            return format!("image {image} not found → ErrImagePull");
        }
        let secs = took as f64 / 1000.0;
        cluster.event(
            pod,
            EventType::Normal,
            "Pulled",
            format!(
                "Successfully pulled image \"{image}\" in {secs:.3}s ({secs:.3}s including waiting)"
            ),
            &src,
        );
        cluster
            .node_images
            .entry(node.clone())
            .or_default()
            .insert(super::super::scenario::normalize_image(&image));
    }
    pod.pod_mut().expect("pod").step = step::START;
    "images pulled".into()
}

fn pull_error(cluster: &Cluster, image: &str) -> String {
    let normalized = super::super::scenario::normalize_image(image);
    let (repo, tag) = normalized
        .rsplit_once(':')
        .unwrap_or((&normalized, "latest"));
    if cluster.info.is_openshift() {
        format!(
            "rpc error: code = Unknown desc = reading manifest {tag} in {repo}: requested access to the resource is denied"
        )
    } else {
        format!(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"{normalized}\": failed to resolve reference \"{normalized}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        )
    }
}

/// The kubelet's two events for a container it has just created and started.
fn created_and_started(cluster: &mut Cluster, pod: &Object, name: &str, src: &str) {
    cluster.event(
        pod,
        EventType::Normal,
        "Created",
        format_args!("Created container {name}"),
        src,
    );
    cluster.event(
        pod,
        EventType::Normal,
        "Started",
        format_args!("Started container {name}"),
        src,
    );
}

fn start(cluster: &mut Cluster, pod: &mut Object) -> String {
    let src = source(pod);
    let now = cluster.now;
    let specs = containers(pod);
    let init_names: Vec<String> = pod.spec()["initContainers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    // Init containers run one after another before the others, each for as long as its script takes (see
    // `init_run`); a build's clone that fails stops the pod in its first init container.
    let stuck = super::builds::clone_fails(pod);
    if !stuck && let Some(message) = next_init_container(cluster, pod, &init_names) {
        return message;
    }
    if stuck {
        created_and_started(cluster, pod, &init_names[0], &src);
        let p = pod.pod_mut().expect("pod");
        let mut init = vec![ContainerStatus::waiting("PodInitializing"); init_names.len()];
        init[0] = ContainerStatus {
            state: ContainerState::Running { started: now },
            pulled: true,
            ..ContainerStatus::waiting("")
        };
        p.set_init_containers(init);
        for s in p.containers.iter_mut() {
            *s = ContainerStatus::waiting("PodInitializing");
        }
        p.step = step::RUNNING;
        return "init container git-clone started".into();
    }
    // Init containers that completed need no record: a pod whose containers started shows them Completed.
    for c in &specs {
        let name = c["name"].as_str().unwrap_or_default();
        created_and_started(cluster, pod, name, &src);
    }
    let p = pod.pod_mut().expect("pod");
    for (s, c) in p.containers.iter_mut().zip(&specs) {
        s.state = ContainerState::Running { started: now };
        s.pulled = true;
        s.ready = c.get("readinessProbe").is_none();
    }
    p.phase = Phase::Running;
    if p.containers.iter().all(|c| c.ready) {
        p.ready_since = crate::api::object::at(now);
    }
    p.step = step::RUNNING;
    "containers started".into()
}

/// How long the start stage waits: the running init container's time (or, while it waits for a service, the
/// time until its loop looks again), else the runtime's start-up time.
fn start_delay(_: &Cluster, pod: &Object) -> Option<i64> {
    let running = pod.pod().and_then(|p| {
        p.init_containers()
            .iter()
            .position(|c| matches!(c.state, ContainerState::Running { .. }))
    });
    Some(running.map_or(400, |i| match init_run(pod, i) {
        InitRun::For(ms) => ms,
        InitRun::UntilService { poll_ms, .. } => poll_ms,
    }))
}

/// What an init container's script does with its time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum InitRun {
    /// It completes after this many milliseconds.
    For(i64),
    /// It loops until the cluster's DNS resolves the service (`until nslookup myservice; do sleep 2; done`, the
    /// Kubernetes documentation's example), looking again every `poll_ms`.
    UntilService {
        namespace: Option<String>,
        name: String,
        poll_ms: i64,
    },
}

/// How init container `index` of `pod` runs: a build's steps take their own time; a `sleep N` takes N seconds;
/// a loop around `nslookup`, `getent hosts` or `host` waits for the service it names; anything else (a copy, an
/// `echo`) completes in a second.
fn init_run(pod: &Object, index: usize) -> InitRun {
    if let Some(ms) = super::builds::init_step_ms(pod, index) {
        return InitRun::For(ms);
    }
    let words = script_words(&pod.spec()["initContainers"][index]);
    let sleep = words
        .iter()
        .position(|w| w == "sleep")
        .and_then(|i| words.get(i + 1))
        .and_then(|n| n.trim_end_matches('s').parse::<f64>().ok())
        .map(|s| (s * 1000.0) as i64);
    let looks_up = words
        .iter()
        .position(|w| matches!(w.as_str(), "nslookup" | "host" | "getent"))
        .and_then(|i| {
            let next = if words[i] == "getent" { i + 2 } else { i + 1 };
            words.get(next)
        });
    let loops = words.iter().any(|w| w == "until" || w == "while");
    match looks_up {
        Some(host) if loops => {
            let mut labels = host.split('.');
            let name = labels.next().unwrap_or_default().to_owned();
            let namespace = labels
                .next()
                .filter(|ns| !ns.is_empty() && !ns.contains(['$', '(', '`']) && *ns != "svc")
                .map(str::to_owned);
            InitRun::UntilService {
                namespace,
                name,
                poll_ms: sleep.unwrap_or(2000).max(100),
            }
        }
        _ => InitRun::For(sleep.map_or(1000, |ms| ms + 300)),
    }
}

/// Whether init container `index` of `pod` is still waiting for a service that does not exist; returns the
/// service's name when it is.
fn waiting_for_service(cluster: &Cluster, pod: &Object, index: usize) -> Option<String> {
    let InitRun::UntilService {
        namespace, name, ..
    } = init_run(pod, index)
    else {
        return None;
    };
    looked_up_service(cluster, pod, namespace.as_deref(), &name)
        .is_none()
        .then_some(name)
}

/// The Service an init container's loop looks up (in the pod's namespace unless the name gives one), once it exists.
fn looked_up_service<'a>(
    cluster: &'a Cluster,
    pod: &Object,
    namespace: Option<&str>,
    name: &str,
) -> Option<&'a Arc<Object>> {
    let namespace = namespace.unwrap_or(&pod.meta.namespace);
    cluster.store.get(crate::api::k::service(), namespace, name)
}

/// Moves a pod whose init containers take time one step on: the running one completes and the next starts.
/// `None` once every init container has completed, when the pod's containers start.
fn next_init_container(
    cluster: &mut Cluster,
    pod: &mut Object,
    names: &[String],
) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let now = cluster.now;
    let src = source(pod);
    let mut init = pod.pod()?.init_containers().to_vec();
    init.resize(names.len(), ContainerStatus::waiting("PodInitializing"));
    let next = init
        .iter()
        .position(|c| !matches!(c.state, ContainerState::Terminated { .. }))?;
    let mut start = next;
    if let ContainerState::Running { started } = init[next].state {
        if let Some(service) = waiting_for_service(cluster, pod, next) {
            return Some(format!(
                "init container {} still waiting for service {service}",
                names[next]
            ));
        }
        init[next].state = ContainerState::Terminated {
            exit_code: 0,
            reason: "Completed".into(),
            started,
            finished: now,
        };
        start += 1;
    }
    let message = match names.get(start) {
        Some(name) => {
            init[start] = ContainerStatus {
                state: ContainerState::Running { started: now },
                pulled: true,
                ..ContainerStatus::waiting("")
            };
            Some(format!("init container {name} started"))
        }
        None => None,
    };
    let p = pod.pod_mut()?;
    if message.is_some() {
        // The app containers wait for the init containers, and say so.
        for s in p.containers.iter_mut() {
            *s = ContainerStatus::waiting("PodInitializing");
        }
    }
    p.set_init_containers(init);
    if let Some(name) = names.get(start) {
        created_and_started(cluster, pod, name, &src);
    }
    message
}

/// A container's command and arguments, in order.
pub(crate) fn command_line(c: &Value) -> Vec<&str> {
    ["command", "args"]
        .iter()
        .filter_map(|f| c[*f].as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The words of a container's command and arguments, split at blanks and shell separators.
fn script_words(c: &Value) -> Vec<String> {
    command_line(c)
        .into_iter()
        .flat_map(|s| s.split([' ', ';', '&', '\n', '\t']))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a container's own command replaces the image's program (`oc debug`'s `/bin/sh`, a `sleep 3600`), so that
/// what the image's program does under the restricted SCC (nginx writing to its cache directory) never happens.
fn runs_other_program(c: &Value, info: Option<&crate::cluster::ImageInfo>) -> bool {
    let Some(first) = c["command"]
        .as_array()
        .and_then(|a| a.first())
        .and_then(Value::as_str)
    else {
        return false;
    };
    let base = |w: &str| w.rsplit('/').next().unwrap_or(w).to_owned();
    let program = base(first);
    !info.is_some_and(|i| i.command.iter().any(|w| base(w) == program))
}

/// What will happen to the pod's containers once they start.
pub fn fate(cluster: &Cluster, pod: &Object) -> Fate {
    if let Some(fate) = super::builds::pod_fate(pod) {
        return fate;
    }
    let restricted = pod.meta.annotation("openshift.io/scc") == Some("restricted-v2");
    let mut result = Fate::Serve;
    for c in containers(pod).iter() {
        let image = image_of(c);
        let info = cluster.info.image(&image);
        let words = script_words(c);
        let has_command = !words.is_empty();
        if restricted
            && !runs_other_program(c, info)
            && info.is_some_and(|i| {
                i.restricted_scc
                    .as_ref()
                    .map_or(!i.runs_as_arbitrary_uid, |r| {
                        r.outcome == "CrashLoopBackOff"
                    })
            })
        {
            return Fate::Restricted;
        }
        if let Some(required) = info.and_then(|i| i.required_env.as_ref()) {
            let env: Vec<&str> = c["env"]
                .as_array()
                .map(|e| e.iter().filter_map(|v| v["name"].as_str()).collect())
                .unwrap_or_default();
            let satisfied = required.any_of.is_empty()
                || required
                    .any_of
                    .iter()
                    .any(|alt| alt.split('+').all(|name| env.contains(&name.trim())));
            if !satisfied && !has_command {
                return Fate::MissingEnv(required.exit_code.max(1));
            }
        }
        let mut fate = Fate::Serve;
        let script = words.join(" ");
        // Scripts that block forever keep serving, whatever else they say (a `trap ... exit 0` handler, say).
        // A script that ends by exec-ing a program (`exec oauth-server …`) is that program: a server.
        let blocks = ["sleep infinity", "while true", "while :", "tail -f", "wait"]
            .iter()
            .any(|m| script.contains(m))
            || words.iter().any(|w| w == "wait" || w == "exec");
        if blocks {
            // Keeps running.
        } else if let Some(i) = words.iter().position(|w| w == "exit") {
            let code = words.get(i + 1).and_then(|w| w.parse().ok()).unwrap_or(0);
            fate = Fate::Exit(code, 1000);
        } else if let Some(i) = words.iter().position(|w| w == "sleep") {
            match words.get(i + 1).map(String::as_str) {
                Some("infinity") | None => {}
                Some(n) => {
                    fate = Fate::Exit(
                        0,
                        n.trim_end_matches('s')
                            .parse::<f64>()
                            .map(|s| (s * 1000.0) as i64)
                            .unwrap_or(1000),
                    )
                }
            }
        } else if has_command
            && words.iter().any(|w| {
                [
                    "echo", "date", "perl", "printenv", "true", "ls", "cat", "env",
                ]
                .contains(&w.as_str())
            })
        {
            fate = Fate::Exit(
                0,
                if words.iter().any(|w| w == "perl") {
                    8000
                } else {
                    1000
                },
            );
        } else if has_command && words.iter().any(|w| w == "false") {
            fate = Fate::Exit(1, 1000);
        } else if !has_command && let Some(i) = info.filter(|i| i.behaviour == "exits") {
            fate = Fate::Exit(i.exit_code, 500);
        }
        if fate != Fate::Serve {
            result = fate;
        }
    }
    result
}

fn running_delay(cluster: &Cluster, pod: &Object) -> Option<i64> {
    Some(match fate(cluster, pod) {
        Fate::Restricted | Fate::MissingEnv(_) => 1200,
        Fate::Exit(_, after) => after,
        Fate::Serve => {
            let p = pod.pod().expect("pod");
            // The next probe that decides something: a readiness check while not ready, a liveness check that fails.
            let mut due: Option<i64> = None;
            for (c, status) in containers(pod).iter().zip(p.containers.iter()) {
                let ContainerState::Running { started } = status.state else {
                    continue;
                };
                if !status.ready {
                    // Without a readiness probe a started container is ready at once.
                    let at = c.get("readinessProbe").map_or(p.since, |probe| {
                        let first = started + timing(probe, "initialDelaySeconds", 0) * 1000;
                        first.max(p.since) + timing(probe, "periodSeconds", 10).min(10) * 1000
                    });
                    due = Some(due.map_or(at, |d| d.min(at)));
                }
                if let Some(probe) = c.get("livenessProbe")
                    && probe_failure(cluster, pod, c, probe).is_some()
                {
                    let at = liveness_deadline(probe, started);
                    due = Some(due.map_or(at, |d| d.min(at)));
                }
            }
            return due.map(|at| (at - p.since).max(0));
        }
    })
}

/// A probe's timing field in seconds, with the API's default.
fn timing(probe: &Value, field: &str, default: i64) -> i64 {
    probe[field].as_i64().unwrap_or(default)
}

/// When a failing liveness probe has failed `failureThreshold` times in a row since the container started.
fn liveness_deadline(probe: &Value, started: i64) -> i64 {
    started
        + (timing(probe, "initialDelaySeconds", 0)
            + timing(probe, "periodSeconds", 10) * timing(probe, "failureThreshold", 3).max(1))
            * 1000
}

/// Why `probe` of `container` fails, in the kubelet's words; `None` when it succeeds. Against a web server of the
/// image catalogue an HTTP GET needs the port it serves on and a page at the path (`/`, or a file a learner put in
/// the document root) and a TCP check needs the port; a command is taken to succeed.
fn probe_failure(
    cluster: &Cluster,
    pod: &Object,
    container: &Value,
    probe: &Value,
) -> Option<String> {
    let info = cluster.info.image(&image_of(container));
    let served: Vec<i64> = info
        .map(|i| {
            // The catalogue writes `{containerPort: N}`; images a build made carry bare numbers.
            i.ports
                .iter()
                .filter_map(|p| p.as_i64().or_else(|| p["containerPort"].as_i64()))
                .collect()
        })
        .unwrap_or_default();
    // Only a server the image catalogue describes answers probes as modelled; another image's own health
    // endpoints are taken to work.
    if info.is_none_or(|i| i.http_response.is_none()) {
        return None;
    }
    let port_of = |value: &Value| -> Option<i64> {
        value.as_i64().or_else(|| {
            let name = value.as_str()?;
            container["ports"]
                .as_array()?
                .iter()
                .find(|p| p["name"] == name)?["containerPort"]
                .as_i64()
        })
    };
    let ip = pod
        .pod()
        .and_then(|s| s.pod_ip)
        .map(crate::api::object::ip_string)
        .unwrap_or_default();
    if let Some(get) = probe.get("httpGet") {
        let port = port_of(&get["port"]).unwrap_or(0);
        let path = get["path"].as_str().unwrap_or("/");
        let scheme = get["scheme"]
            .as_str()
            .unwrap_or("HTTP")
            .to_ascii_lowercase();
        if !served.contains(&port) {
            return Some(format!(
                "Get \"{scheme}://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused"
            ));
        }
        let page =
            matches!(path, "/" | "/index.html") || pod_file_exists(cluster, pod, container, path);
        return (!page).then(|| "HTTP probe failed with statuscode: 404".to_owned());
    }
    if let Some(tcp) = probe.get("tcpSocket") {
        let port = port_of(&tcp["port"]).unwrap_or(0);
        return (!served.contains(&port))
            .then(|| format!("dial tcp {ip}:{port}: connect: connection refused"));
    }
    None
}

/// Whether a learner put a file at `path` below the web server's document root in the container.
fn pod_file_exists(cluster: &Cluster, pod: &Object, container: &Value, path: &str) -> bool {
    let name = container["name"].as_str().unwrap_or_default();
    crate::cluster::kept_files::served_page(cluster, pod, name, path).is_some()
}

fn running(cluster: &mut Cluster, pod: &mut Object) -> String {
    let now = cluster.now;
    let fate = fate(cluster, pod);
    let restart = pod.spec()["restartPolicy"]
        .as_str()
        .unwrap_or("Always")
        .to_owned();
    let failed_code = info_exit_code(cluster, pod);
    if super::builds::clone_fails(pod) {
        // The first init container exits with the error; the others and the containers never start.
        let p = pod.pod_mut().expect("pod");
        let mut init = p.init_containers().to_vec();
        if let Some(first) = init.first_mut() {
            let started = match first.state {
                ContainerState::Running { started } => started,
                _ => now,
            };
            first.state = ContainerState::Terminated {
                exit_code: 1,
                reason: "Error".into(),
                started,
                finished: now,
            };
        }
        p.set_init_containers(init);
        p.phase = Phase::Failed;
        p.step = step::DONE;
        cluster.sched.release(pod);
        return "init container git-clone exited with 1 → Failed".into();
    }
    let p = pod.pod_mut().expect("pod");
    match fate {
        Fate::Serve => serve_probes(cluster, pod),
        Fate::Exit(..) | Fate::Restricted | Fate::MissingEnv(_) => {
            let code = match fate {
                Fate::Exit(code, _) | Fate::MissingEnv(code) => code,
                _ => failed_code,
            };
            let reason = if code == 0 { "Completed" } else { "Error" };
            for c in &mut p.containers {
                let started = match c.state {
                    ContainerState::Running { started } => started,
                    _ => now,
                };
                c.state = ContainerState::Terminated {
                    exit_code: code,
                    reason: reason.into(),
                    started,
                    finished: now,
                };
                c.ready = false;
            }
            p.ready_since = crate::api::object::at(now);
            let restarts = restart == "Always" || (restart == "OnFailure" && code != 0);
            if restarts {
                p.step = step::CRASH_BACKOFF;
                let (name, id) = (pod_container_name(pod), pod_id(pod));
                let waiting = crash_loop_waiting(cluster, pod);
                let p = pod.pod_mut().expect("pod");
                for c in &mut p.containers {
                    let last = c.state.clone();
                    c.last = Some(Box::new(last));
                    c.state = waiting.clone();
                }
                let src = source(pod);
                cluster.event(
                    pod,
                    EventType::Warning,
                    "BackOff",
                    format!("Back-off restarting failed container {name} in pod {id}"),
                    &src,
                );
                format!("container exited with {code} → CrashLoopBackOff")
            } else {
                p.phase = if code == 0 {
                    Phase::Succeeded
                } else {
                    Phase::Failed
                };
                p.step = step::DONE;
                cluster.sched.release(pod);
                format!(
                    "container exited with {code} → {}",
                    if code == 0 { "Succeeded" } else { "Failed" }
                )
            }
        }
    }
}

/// A running server's probes: a liveness probe that has failed its threshold kills the container (restarted after
/// the back-off), a failing readiness probe keeps it out of its Services' endpoints, a passing one makes it ready.
fn serve_probes(cluster: &mut Cluster, pod: &mut Object) -> String {
    let now = cluster.now;
    let src = source(pod);
    let specs = containers(pod);
    let statuses = pod.pod().map(|p| p.containers.to_vec()).unwrap_or_default();
    let mut killed = Vec::new();
    let mut unready = Vec::new();
    for (c, status) in specs.iter().zip(&statuses) {
        let started = match status.state {
            ContainerState::Running { started } => started,
            _ => continue,
        };
        let name = c["name"].as_str().unwrap_or_default().to_owned();
        if let Some(probe) = c.get("livenessProbe")
            && let Some(why) = probe_failure(cluster, pod, c, probe)
            && now >= liveness_deadline(probe, started)
        {
            cluster.event(
                pod,
                EventType::Warning,
                "Unhealthy",
                format!("Liveness probe failed: {why}"),
                &src,
            );
            cluster.event(
                pod,
                EventType::Normal,
                "Killing",
                format!("Container {name} failed liveness probe, will be restarted"),
                &src,
            );
            killed.push(name);
            continue;
        }
        if let Some(probe) = c.get("readinessProbe")
            && let Some(why) = probe_failure(cluster, pod, c, probe)
        {
            cluster.event(
                pod,
                EventType::Warning,
                "Unhealthy",
                format!("Readiness probe failed: {why}"),
                &src,
            );
            unready.push(name);
        }
    }
    let waiting = crash_loop_waiting(cluster, pod);
    let p = pod.pod_mut().expect("pod");
    if !killed.is_empty() {
        for (c, spec) in p.containers.iter_mut().zip(&specs) {
            if !killed.iter().any(|k| spec["name"] == k.as_str()) {
                continue;
            }
            let started = match c.state {
                ContainerState::Running { started } => started,
                _ => now,
            };
            // The server stops on the kubelet's SIGTERM and exits cleanly.
            c.last = Some(Box::new(ContainerState::Terminated {
                exit_code: 0,
                reason: "Completed".into(),
                started,
                finished: now,
            }));
            c.state = waiting.clone();
            c.ready = false;
        }
        p.step = step::CRASH_BACKOFF;
        return format!("liveness probe failed → killed {}", killed.join(", "));
    }
    for (c, spec) in p.containers.iter_mut().zip(&specs) {
        c.ready = !unready.iter().any(|u| spec["name"] == u.as_str());
    }
    if unready.is_empty() {
        p.ready_since = crate::api::object::at(now);
        "readiness probe passed".into()
    } else {
        format!("readiness probe failed for {}", unready.join(", "))
    }
}

/// The kubelet's `NAME_NAMESPACE(UID)` for a pod in its messages.
fn pod_id(pod: &Object) -> String {
    format!(
        "{}_{}({})",
        pod.meta.name,
        pod.meta.namespace,
        crate::api::object::uid_string(pod.meta.uid)
    )
}

/// The waiting state of a container the kubelet restarts after its back-off.
fn crash_loop_waiting(cluster: &Cluster, pod: &Object) -> ContainerState {
    let (name, backoff_s) = (pod_container_name(pod), backoff(cluster, pod) / 1000);
    ContainerState::Waiting {
        reason: "CrashLoopBackOff".into(),
        message: format!(
            "back-off {backoff_s}s restarting failed container={name} pod={}",
            pod_id(pod)
        ),
    }
}

fn info_exit_code(cluster: &Cluster, pod: &Object) -> i32 {
    containers(pod)
        .iter()
        .filter_map(|c| cluster.info.image(&image_of(c)))
        .find_map(|i| i.restricted_scc.as_ref().map(|r| r.exit_code))
        .filter(|c| *c != 0)
        .unwrap_or(1)
}

fn pod_container_name(pod: &Object) -> String {
    containers(pod)
        .first()
        .and_then(|c| c["name"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn backoff(_: &Cluster, pod: &Object) -> i64 {
    let restarts = pod.pod().map_or(0, |p| {
        p.containers.iter().map(|c| c.restarts).max().unwrap_or(0)
    });
    (10_000i64 << restarts.min(5)).min(300_000)
}

fn retry_pull(cluster: &mut Cluster, pod: &mut Object) -> String {
    let src = source(pod);
    let p = pod.pod_mut().expect("pod");
    let already_backing_off = p.containers.iter().any(|c| matches!(&c.state, ContainerState::Waiting { reason, .. } if reason == "ImagePullBackOff"));
    if !already_backing_off {
        let images: Vec<String> = containers(pod).iter().map(image_of).collect();
        let p = pod.pod_mut().expect("pod");
        for (c, image) in p.containers.iter_mut().zip(&images) {
            c.state = ContainerState::Waiting {
                reason: "ImagePullBackOff".into(),
                message: format!("Back-off pulling image \"{image}\""),
            };
            c.restarts += 0;
        }
        for image in images {
            cluster.event(
                pod,
                EventType::Normal,
                "BackOff",
                format!("Back-off pulling image \"{image}\""),
                &src,
            );
        }
        cluster.event(
            pod,
            EventType::Warning,
            "Failed",
            "Error: ImagePullBackOff",
            &src,
        );
        return "ErrImagePull → ImagePullBackOff".into();
    }
    p.step = step::PULL;
    "retrying image pull".into()
}

fn restart(cluster: &mut Cluster, pod: &mut Object) -> String {
    let now = cluster.now;
    let src = source(pod);
    let specs = containers(pod);
    for c in &specs {
        let name = c["name"].as_str().unwrap_or_default();
        let image = image_of(c);
        cluster.event(
            pod,
            EventType::Normal,
            "Pulled",
            format_args!("Container image \"{image}\" already present on machine"),
            &src,
        );
        created_and_started(cluster, pod, name, &src);
    }
    let p = pod.pod_mut().expect("pod");
    for c in &mut p.containers {
        c.restarts += 1;
        c.state = ContainerState::Running { started: now };
        c.ready = false;
    }
    p.step = step::RUNNING;
    "restarted containers".into()
}

/// The log of `container` (the first when `None`) of a pod, as `kubectl logs` prints it, or the error kubectl shows.
pub fn container_log(
    cluster: &Cluster,
    pod: &Object,
    container: Option<&str>,
    previous: bool,
) -> Result<String, String> {
    let specs = containers(pod);
    let init_index = container.and_then(|name| {
        pod.spec()["initContainers"]
            .as_array()?
            .iter()
            .position(|c| c["name"] == name)
    });
    if let Some(index) = init_index
        && super::builds::init_step_ms(pod, index).is_none()
    {
        return init_container_log(cluster, pod, index);
    }
    let index = match container {
        Some(name) => specs
            .iter()
            .position(|c| c["name"] == name)
            .ok_or_else(|| format!("container {name} is not valid for pod {}", pod.meta.name))?,
        None => 0,
    };
    let spec = specs.get(index).cloned().unwrap_or(Value::Null);
    let name = spec["name"].as_str().unwrap_or_default();
    let status = pod.pod().and_then(|p| p.containers.get(index)).cloned();
    let waiting = |reason: &str| {
        format!(
            "container \"{name}\" in pod \"{}\" is waiting to start: {reason}",
            pod.meta.name
        )
    };
    let Some(status) = status else {
        return Err(waiting("ContainerCreating"));
    };
    let state = if previous {
        status.last.as_deref().cloned().ok_or_else(|| {
            format!(
                "previous terminated container \"{name}\" in pod \"{}\" not found",
                pod.meta.name
            )
        })?
    } else {
        status.state.clone()
    };
    let started = match &state {
        ContainerState::Running { started } => *started,
        ContainerState::Terminated { started, .. } => *started,
        ContainerState::Waiting { reason, .. } => {
            if let (Some(ContainerState::Terminated { started, .. }), true) =
                (status.last.as_deref(), reason == "CrashLoopBackOff")
            {
                *started
            } else {
                return Err(waiting(reason));
            }
        }
    };
    let image = image_of(&spec);
    let info = cluster.info.image(&image);
    let lines: Vec<String> = match (info, fate(cluster, pod)) {
        (Some(i), Fate::Restricted) => i
            .restricted_scc
            .as_ref()
            .map(|r| r.log.clone())
            .unwrap_or_default(),
        (Some(i), Fate::MissingEnv(_)) => i
            .required_env
            .as_ref()
            .map(|r| r.log.clone())
            .unwrap_or_default(),
        (Some(i), _) => i.startup_log.clone(),
        (None, _) => Vec::new(),
    };
    let mut out = String::new();
    for line in lines {
        out.push_str(&fill_placeholders(cluster, pod, info, &line, started, None));
        out.push('\n');
    }
    if let Some(line) = echoed(&spec) {
        out.push_str(&line);
        out.push('\n');
    }
    // A build's log begins with its init containers' output (the clone), before the build container starts.
    let from =
        pod.pod()
            .and_then(|p| match p.init_containers().first()?.state {
                ContainerState::Running { started }
                | ContainerState::Terminated { started, .. } => Some(started),
                ContainerState::Waiting { .. } => None,
            })
            .map_or(started, |init| init.min(started));
    if let Some(extra) = cluster.logs.get(&(pod.meta.uid, name.to_owned())) {
        for (at, line) in extra {
            // Lines a controller wrote ahead (a build's log) appear when their time comes.
            if *at >= from && *at <= cluster.now {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// The log of init container `index` of a pod (not a build's): what its script prints, a `nslookup` loop's lookups
/// (busybox's output) once per try until its service resolves.
fn init_container_log(cluster: &Cluster, pod: &Object, index: usize) -> Result<String, String> {
    let spec = &pod.spec()["initContainers"][index];
    let name = spec["name"].as_str().unwrap_or_default();
    let (started, finished, resolved) = match pod
        .pod()
        .and_then(|p| p.init_containers().get(index))
        .map(|s| &s.state)
    {
        Some(ContainerState::Running { started }) => (*started, cluster.now, false),
        Some(ContainerState::Terminated {
            started, finished, ..
        }) => (*started, *finished, true),
        _ => {
            return Err(format!(
                "container \"{name}\" in pod \"{}\" is waiting to start: PodInitializing",
                pod.meta.name
            ));
        }
    };
    let InitRun::UntilService {
        poll_ms,
        namespace,
        name: service,
    } = init_run(pod, index)
    else {
        return Ok(echoed(spec).map(|line| line + "\n").unwrap_or_default());
    };
    let script = command_line(spec).join(" ");
    let namespace_file = "$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)";
    let script = script.replace(namespace_file, &pod.meta.namespace);
    let host = script
        .split_whitespace()
        .skip_while(|w| !matches!(*w, "nslookup" | "host" | "getent"))
        .nth(1)
        .unwrap_or_default()
        .trim_end_matches(';')
        .to_owned();
    // The loop's own message, when it echoes one (`do echo waiting for myservice; sleep 2; done`).
    let message = script
        .split(';')
        .filter_map(|part| part.trim().trim_start_matches("do ").strip_prefix("echo "))
        .map(|text| text.trim_matches(['"', '\'']).to_owned())
        .next();
    let (dns_ip, dns_name) = cluster_dns(cluster);
    let server = format!("Server:    {dns_ip}\nAddress 1: {dns_ip} {dns_name}\n\n");
    let failed = (finished - started) / poll_ms.max(1) + i64::from(!resolved);
    let mut out = String::new();
    for _ in 0..failed.max(0) {
        out.push_str(&server);
        out.push_str(&format!("nslookup: can't resolve '{host}'\n"));
        if let Some(message) = &message {
            out.push_str(message);
            out.push('\n');
        }
    }
    if resolved {
        // The last try found the service: busybox prints its name and cluster IP.
        let ip = looked_up_service(cluster, pod, namespace.as_deref(), &service)
            .and_then(|s| s.spec()["clusterIP"].as_str().map(str::to_owned))
            .unwrap_or_default();
        out.push_str(&server);
        out.push_str(&format!("Name:      {host}\nAddress 1: {ip} {host}\n"));
    }
    Ok(out)
}

/// The cluster DNS service's address and name (`kube-dns` in `kube-system`, or OpenShift's `dns-default`).
fn cluster_dns(cluster: &Cluster) -> (String, String) {
    let k = crate::api::k::service();
    [
        ("kube-system", "kube-dns"),
        ("openshift-dns", "dns-default"),
    ]
    .iter()
    .find_map(|(ns, name)| {
        let svc = cluster.store.get(k, ns, name)?;
        let ip = svc.spec()["clusterIP"].as_str()?.to_owned();
        Some((ip, format!("{name}.{ns}.svc.cluster.local")))
    })
    .unwrap_or_else(|| {
        (
            "10.96.0.10".into(),
            "kube-dns.kube-system.svc.cluster.local".into(),
        )
    })
}

/// What a container whose command is a plain `echo` (directly or as `sh -c 'echo …'`) prints.
fn echoed(spec: &Value) -> Option<String> {
    match command_line(spec).as_slice() {
        ["echo", rest @ ..] => Some(rest.join(" ")),
        [shell, "-c", script] if shell.ends_with("sh") => {
            let rest = script.strip_prefix("echo ")?;
            if rest.contains(['$', ';', '&', '|', '>', '<', '`', '\\']) {
                return None;
            }
            let unquoted = match (rest.chars().next(), rest.chars().last()) {
                (Some(q @ ('\'' | '"')), Some(end)) if end == q && rest.len() >= 2 => {
                    rest[1..rest.len() - 1].to_owned()
                }
                _ => rest.split_whitespace().collect::<Vec<_>>().join(" "),
            };
            Some(unquoted)
        }
        _ => None,
    }
}

/// What a request adds to an access log line.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// The client address.
    pub client: &'a str,
    /// The HTTP method.
    pub method: &'a str,
    /// The path.
    pub path: &'a str,
    /// The status code.
    pub status: u16,
    /// The response size.
    pub bytes: usize,
    /// The user agent.
    pub user_agent: &'a str,
}

/// Fills the log placeholders of the scenario format (`{nginxTime}`, `{podName}`, …) for a line printed at `at`.
pub fn fill_placeholders(
    cluster: &Cluster,
    pod: &Object,
    info: Option<&super::super::ImageInfo>,
    line: &str,
    at: i64,
    request: Option<&Request>,
) -> String {
    if !line.contains('{') {
        return line.to_owned();
    }
    let stamp = rfc3339(at);
    let (date, time) = (&stamp[..10], &stamp[11..19]);
    let millis = at.rem_euclid(1000);
    let days = at.div_euclid(86_400_000);
    let (year, month, day) = crate::api::time::civil_from_days(days);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let mon = MONTHS[(month - 1) as usize];
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let node_kernel = pod
        .pod()
        .and_then(|p| p.node.as_deref())
        .and_then(|n| cluster.store.get(crate::api::k::node(), "", n))
        .and_then(|n| {
            n.status_json()["nodeInfo"]["kernelVersion"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let ip = pod
        .pod()
        .and_then(|p| p.pod_ip)
        .map(ip_string)
        .unwrap_or_default();
    let started = pod
        .pod()
        .and_then(|p| p.start_time)
        .map_or(at, std::num::NonZeroI64::get);
    let mut out = line
        .replace(
            "{nginxTime}",
            &format!("{}/{:02}/{:02} {time}", year, month, day),
        )
        .replace("{clfTime}", &format!("{day:02}/{mon}/{year}:{time} +0000"))
        .replace(
            "{apacheTime}",
            &format!(
                "{weekday} {mon} {day:02} {time}.{:06} {year}",
                millis * 1000
            ),
        )
        .replace(
            "{redisTime}",
            &format!("{day:02} {mon} {year} {time}.{millis:03}"),
        )
        .replace("{pgTime}", &format!("{date} {time}.{millis:03}"))
        .replace("{mysqlTime}", &format!("{date} {time}"))
        .replace("{isoTimeSeconds}", &stamp)
        .replace("{isoTimeMillis}", &format!("{date}T{time}.{millis:03}Z"))
        .replace(
            "{isoTimeMicro}",
            &format!("{date}T{time}.{:06}Z", millis * 1000),
        )
        .replace("{podName}", &pod.meta.name)
        .replace("{podIP}", &ip)
        .replace("{kernelVersion}", &node_kernel)
        .replace(
            "{version}",
            info.map(|i| i.version.as_str()).unwrap_or_default(),
        )
        .replace("{workerPid}", &(29 + pod.meta.uid % 7).to_string())
        .replace(
            "{tid}",
            &(140_245_012_387_720u64 + (pod.meta.uid % 65536) * 4096).to_string(),
        )
        .replace(
            "{uptimeSeconds}",
            &((at - started).max(0) / 1000).to_string(),
        );
    if let Some(r) = request {
        out = out
            .replace("{clientIP}", r.client)
            .replace("{method}", r.method)
            .replace("{path}", r.path)
            .replace("{status}", &r.status.to_string())
            .replace("{bytes}", &r.bytes.to_string())
            .replace("{userAgent}", r.user_agent);
    }
    let count = cluster
        .logs
        .get(&(pod.meta.uid, String::new()))
        .map_or(0, Vec::len);
    out.replace("{requestCount}", &count.to_string())
}

#[cfg(test)]
mod tests {
    use super::{InitRun, init_run};
    use crate::api::Object;

    fn pod_with_init(command: &str) -> Object {
        Object::from_json(&serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "namespace": "shop"},
            "spec": {
                "initContainers": [{"name": "i", "image": "busybox", "command": ["sh", "-c", command]}],
                "containers": [{"name": "c", "image": "busybox"}],
            },
        }))
        .expect("pod")
    }

    #[test]
    fn init_scripts_run_for_their_sleep_or_until_their_service_resolves() {
        let cases = [
            ("echo ready > /work/flag", InitRun::For(1000)),
            ("sleep 5", InitRun::For(5300)),
            ("sleep 1.5s", InitRun::For(1800)),
            (
                "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do sleep 2; done",
                InitRun::UntilService {
                    namespace: None,
                    name: "mydb".into(),
                    poll_ms: 2000,
                },
            ),
            (
                "until getent hosts cache.infra.svc.cluster.local; do echo waiting; sleep 5; done",
                InitRun::UntilService {
                    namespace: Some("infra".into()),
                    name: "cache".into(),
                    poll_ms: 5000,
                },
            ),
            (
                "while ! nslookup api; do sleep 1; done",
                InitRun::UntilService {
                    namespace: None,
                    name: "api".into(),
                    poll_ms: 1000,
                },
            ),
            // A single lookup without a loop fails or succeeds at once: it does not wait.
            ("nslookup api", InitRun::For(1000)),
        ];
        for (script, expected) in cases {
            assert_eq!(init_run(&pod_with_init(script), 0), expected, "{script}");
        }
    }
}
