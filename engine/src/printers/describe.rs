//! `kubectl describe` output: the prefix writer and its tab-aligned `Key:  value` blocks, labels, annotations, events, and describers for the common kinds.

use crate::sort::SortShared;
use serde_json::{Map, Value};

use super::age::{age_since, format_rfc1123z, parse_rfc3339};
use super::columns::{format_labels, node_roles_list, s, selector_string};
use super::quantity::Quantity;

/// Writes describe text with two-space indentation levels; [`PrefixWriter::finish`] aligns it as kubectl's tabwriter (min width 0, padding 2) does.
#[derive(Debug, Default, Clone)]
pub struct PrefixWriter {
    text: String,
}

impl PrefixWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `text` after `level` two-space indents; use `\t` between a key and its value.
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.text.push_str("  ");
        }
        self.text.push_str(text);
    }

    /// Writes `text` and a newline without indentation.
    pub fn write_line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// Removes one trailing empty line, if the text ends with one.
    pub fn trim_trailing_blank_line(&mut self) {
        if self.text.ends_with("\n\n") {
            self.text.pop();
        }
    }

    /// The text as written, tabs between cells, for a caller that aligns it another way.
    pub fn into_raw(self) -> String {
        self.text
    }

    /// The aligned output.
    pub fn finish(self) -> String {
        super::tabwriter::align(&self.text, 0, 2)
    }
}

/// Annotations kubectl describe never shows.
const SKIP_ANNOTATIONS: &[&str] = &["kubectl.kubernetes.io/last-applied-configuration"];
const MAX_ANNOTATION_LEN: usize = 140;

/// `Title:\tk=v` with following keys on their own lines, or `<none>`.
pub fn labels_multiline(w: &mut PrefixWriter, title: &str, labels: Option<&Value>) {
    w.write(0, &format!("{title}:\t"));
    let mut keys: Vec<(&String, &Value)> = labels
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    if keys.is_empty() {
        w.write_line("<none>");
        return;
    }
    keys.sort_shared_by(|a, b| a.0.cmp(b.0));
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{k}={}\n", v.as_str().unwrap_or_default()));
    }
}

/// `Title:\tkey: value` lines; long or multi-line values go on indented lines below their key.
pub fn annotations_multiline(w: &mut PrefixWriter, title: &str, annotations: Option<&Value>) {
    w.write(0, &format!("{title}:\t"));
    let mut keys: Vec<(&String, &Value)> = annotations
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(k, _)| !SKIP_ANNOTATIONS.contains(&k.as_str()))
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty() {
        w.write_line("<none>");
        return;
    }
    keys.sort_shared_by(|a, b| a.0.cmp(b.0));
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let raw = v.as_str().unwrap_or_default();
        let value = raw.strip_suffix('\n').unwrap_or(raw);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{k}:\n"));
            for line in value.split('\n') {
                let shown = if line.len() > MAX_ANNOTATION_LEN - 2 {
                    let mut cut = MAX_ANNOTATION_LEN - 2;
                    while !line.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    format!("{}...", &line[..cut])
                } else {
                    line.to_owned()
                };
                w.write(0, &format!("\t  {shown}\n"));
            }
        } else {
            w.write(0, &format!("{k}: {value}\n"));
        }
    }
}

/// `Tolerations:\tkey=value:Effect op=Exists for 300s` lines, or `<none>`.
pub fn tolerations_multiline(w: &mut PrefixWriter, title: &str, tolerations: Option<&Value>) {
    w.write(0, &format!("{title}:\t"));
    let mut items = tolerations
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        w.write_line("<none>");
        return;
    }
    items.sort_shared_by_key(|t| s(t, "/key"));
    for (i, t) in items.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let (key, value, effect) = (s(t, "/key"), s(t, "/value"), s(t, "/effect"));
        let mut line = key.clone();
        if !value.is_empty() {
            line.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            line.push_str(&format!(":{effect}"));
        }
        if s(t, "/operator") == "Exists" && value.is_empty() {
            line.push_str(if !key.is_empty() || !effect.is_empty() {
                " op=Exists"
            } else {
                "op=Exists"
            });
        }
        if let Some(secs) = t.get("tolerationSeconds").and_then(Value::as_i64) {
            line.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{line}\n"));
    }
}

fn taints_multiline(w: &mut PrefixWriter, title: &str, taints: Option<&Value>) {
    w.write(0, &format!("{title}:\t"));
    let items = taints
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        w.write_line("<none>");
        return;
    }
    let mut effects: Vec<String> = Vec::new();
    for effect in ["NoExecute", "NoSchedule", "PreferNoSchedule"] {
        for t in items.iter().filter(|t| s(t, "/effect") == effect) {
            let value = s(t, "/value");
            let text = if value.is_empty() {
                format!("{}:{effect}", s(t, "/key"))
            } else {
                format!("{}={value}:{effect}", s(t, "/key"))
            };
            effects.push(text);
        }
    }
    for (i, text) in effects.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{text}\n"));
    }
}

/// The `Events:` table (`Type Reason Age From Message`, `x3 over 5m` counts), or `Events:\t<none>`; events are sorted by last time seen.
pub fn describe_events(w: &mut PrefixWriter, events: &[Value], now: i64) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    let mut events = events.to_vec();
    // kubectl sorts by lastTimestamp only, so events that carry just an eventTime come first.
    let last = |e: &Value| {
        e.get("lastTimestamp")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
            .unwrap_or(i64::MIN)
    };
    events.sort_shared_by_key(last);
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in &events {
        let first = match e.get("eventTime").and_then(Value::as_str) {
            Some(t) => age_since(Some(t), now),
            None => age_since(e.get("firstTimestamp").and_then(Value::as_str), now),
        };
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(0);
        let interval = if let Some(series) = e.get("series").filter(|v| v.is_object()) {
            format!(
                "{} (x{} over {first})",
                age_since(series.get("lastObservedTime").and_then(Value::as_str), now),
                series.get("count").and_then(Value::as_i64).unwrap_or(0)
            )
        } else if count > 1 {
            format!(
                "{} (x{count} over {first})",
                age_since(e.get("lastTimestamp").and_then(Value::as_str), now)
            )
        } else {
            first
        };
        let mut source = s(e, "/source/component");
        if source.is_empty() {
            source = s(e, "/reportingComponent");
        }
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{}\n",
                s(e, "/type"),
                s(e, "/reason"),
                s(e, "/message").trim()
            ),
        );
    }
}

fn time_of(obj: &Value, pointer: &str) -> String {
    obj.pointer(pointer)
        .and_then(Value::as_str)
        .and_then(parse_rfc3339)
        .map(format_rfc1123z)
        .unwrap_or_default()
}

fn items(obj: &Value, pointer: &str) -> Vec<Value> {
    obj.pointer(pointer)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn controller_of(obj: &Value) -> Option<String> {
    items(obj, "/metadata/ownerReferences")
        .into_iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|o| format!("{}/{}", s(&o, "/kind"), s(&o, "/name")))
}

fn string_or_none(v: String) -> String {
    if v.is_empty() { "<none>".to_owned() } else { v }
}

/// Go's `%v` of a JSON value inside describe output.
fn go_v(v: &Value) -> String {
    super::jsonpath::go_sprint(v)
}

fn describe_probe(probe: &Value) -> String {
    let num = |k: &str, d: i64| probe.get(k).and_then(Value::as_i64).unwrap_or(d);
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        num("initialDelaySeconds", 0),
        num("timeoutSeconds", 1),
        num("periodSeconds", 10),
        num("successThreshold", 1),
        num("failureThreshold", 3)
    );
    let port = |p: Option<&Value>| match p {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    if let Some(exec) = probe.get("exec") {
        let cmd: Vec<String> = items(exec, "/command").iter().map(go_v).collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = probe.get("httpGet") {
        let scheme = s(h, "/scheme").to_lowercase();
        let scheme = if scheme.is_empty() {
            "http".to_owned()
        } else {
            scheme
        };
        let host = s(h, "/host");
        let p = port(h.get("port"));
        let hostport = if p.is_empty() {
            host
        } else if host.contains(':') {
            format!("[{host}]:{p}")
        } else {
            format!("{host}:{p}")
        };
        return format!("http-get {scheme}://{hostport}{} {attrs}", s(h, "/path"));
    }
    if let Some(t) = probe.get("tcpSocket") {
        return format!(
            "tcp-socket {}:{} {attrs}",
            s(t, "/host"),
            port(t.get("port"))
        );
    }
    if let Some(g) = probe.get("grpc") {
        return format!("grpc <pod>:{} {} {attrs}", s(g, "/port"), s(g, "/service"));
    }
    format!("unknown {attrs}")
}

fn describe_container_state(w: &mut PrefixWriter, name: &str, state: &Value) {
    if let Some(r) = state.get("running").filter(|v| v.is_object()) {
        w.write(2, &format!("{name}:\tRunning\n"));
        w.write(3, &format!("Started:\t{}\n", time_of(r, "/startedAt")));
    } else if let Some(wt) = state.get("waiting").filter(|v| v.is_object()) {
        w.write(2, &format!("{name}:\tWaiting\n"));
        let reason = s(wt, "/reason");
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = state.get("terminated").filter(|v| v.is_object()) {
        w.write(2, &format!("{name}:\tTerminated\n"));
        let reason = s(t, "/reason");
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
        let message = s(t, "/message");
        if !message.is_empty() {
            w.write(3, &format!("Message:\t{message}\n"));
        }
        w.write(
            3,
            &format!(
                "Exit Code:\t{}\n",
                t.get("exitCode").and_then(Value::as_i64).unwrap_or(0)
            ),
        );
        if let Some(sig) = t.get("signal").and_then(Value::as_i64).filter(|v| *v > 0) {
            w.write(3, &format!("Signal:\t{sig}\n"));
        }
        w.write(3, &format!("Started:\t{}\n", time_of(t, "/startedAt")));
        w.write(3, &format!("Finished:\t{}\n", time_of(t, "/finishedAt")));
    } else {
        w.write(2, &format!("{name}:\tWaiting\n"));
    }
}

fn sorted_resources(list: Option<&Value>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), quantity_string(v)))
                .collect()
        })
        .unwrap_or_default();
    out.sort_shared();
    out
}

fn quantity_string(v: &Value) -> String {
    let raw = go_v(v);
    Quantity::parse(&raw).map_or(raw, |q| q.to_string())
}

/// Resolves a downward-API field path against a pod, as `fieldpath.ExtractFieldPathAsString` does for the common paths.
fn resolve_field_path(pod: &Value, path: &str) -> String {
    let quoted_key = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix("['"))
            .and_then(|rest| rest.strip_suffix("']"))
            .map(str::to_owned)
    };
    if let Some(key) = quoted_key("metadata.labels") {
        return pod
            .pointer("/metadata/labels")
            .and_then(|l| l.get(key.as_str()))
            .map(go_v)
            .unwrap_or_default();
    }
    if let Some(key) = quoted_key("metadata.annotations") {
        return pod
            .pointer("/metadata/annotations")
            .and_then(|l| l.get(key.as_str()))
            .map(go_v)
            .unwrap_or_default();
    }
    match path {
        "status.podIPs" => items(pod, "/status/podIPs")
            .iter()
            .map(|ip| s(ip, "/ip"))
            .collect::<Vec<_>>()
            .join(","),
        "status.hostIPs" => items(pod, "/status/hostIPs")
            .iter()
            .map(|ip| s(ip, "/ip"))
            .collect::<Vec<_>>()
            .join(","),
        _ => s(pod, &format!("/{}", path.replace('.', "/"))),
    }
}

fn describe_containers(
    w: &mut PrefixWriter,
    label: &str,
    containers: &[Value],
    statuses: &[Value],
    space: &str,
) {
    describe_containers_of(w, label, containers, statuses, space, None);
}

fn describe_containers_of(
    w: &mut PrefixWriter,
    label: &str,
    containers: &[Value],
    statuses: &[Value],
    space: &str,
    pod: Option<&Value>,
) {
    w.write(0, &format!("{space}{label}:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let name = s(c, "/name");
        let status = statuses.iter().find(|st| s(st, "/name") == name);
        w.write(1, &format!("{name_indent}{name}:\n"));
        if let Some(st) = status {
            w.write(2, &format!("Container ID:\t{}\n", s(st, "/containerID")));
        }
        w.write(2, &format!("Image:\t{}\n", s(c, "/image")));
        if let Some(st) = status {
            w.write(2, &format!("Image ID:\t{}\n", s(st, "/imageID")));
        }
        let ports = items(c, "/ports");
        let port_list: Vec<String> = ports
            .iter()
            .map(|p| format!("{}/{}", s(p, "/containerPort"), protocol(p)))
            .collect();
        let host_list: Vec<String> = ports
            .iter()
            .map(|p| {
                format!(
                    "{}/{}",
                    p.get("hostPort").and_then(Value::as_i64).unwrap_or(0),
                    protocol(p)
                )
            })
            .collect();
        let port_string = port_list.join(", ");
        if port_string.contains(',') {
            w.write(2, &format!("Ports:\t{port_string}\n"));
        } else {
            w.write(2, &format!("Port:\t{}\n", string_or_none(port_string)));
        }
        let host_string = host_list.join(", ");
        if host_string.contains(',') {
            w.write(2, &format!("Host Ports:\t{host_string}\n"));
        } else {
            w.write(2, &format!("Host Port:\t{}\n", string_or_none(host_string)));
        }
        for (key, title) in [("command", "Command"), ("args", "Args")] {
            let list = items(c, &format!("/{key}"));
            if !list.is_empty() {
                w.write(2, &format!("{title}:\n"));
                for part in &list {
                    for line in go_v(part).split('\n') {
                        w.write(3, &format!("{line}\n"));
                    }
                }
            }
        }
        if let Some(st) = status {
            describe_container_state(w, "State", st.get("state").unwrap_or(&Value::Null));
            if st
                .pointer("/lastState/terminated")
                .is_some_and(Value::is_object)
            {
                describe_container_state(
                    w,
                    "Last State",
                    st.get("lastState").unwrap_or(&Value::Null),
                );
            }
            let ready = if st.get("ready").and_then(Value::as_bool) == Some(true) {
                "True"
            } else {
                "False"
            };
            w.write(2, &format!("Ready:\t{ready}\n"));
            w.write(
                2,
                &format!(
                    "Restart Count:\t{}\n",
                    st.get("restartCount").and_then(Value::as_i64).unwrap_or(0)
                ),
            );
        }
        for (key, title) in [("limits", "Limits"), ("requests", "Requests")] {
            let list = sorted_resources(c.pointer(&format!("/resources/{key}")));
            if !list.is_empty() {
                w.write(2, &format!("{title}:\n"));
                for (name, q) in list {
                    w.write(3, &format!("{name}:\t{q}\n"));
                }
            }
        }
        for (key, title) in [
            ("livenessProbe", "Liveness"),
            ("readinessProbe", "Readiness"),
            ("startupProbe", "Startup"),
        ] {
            if let Some(p) = c.get(key).filter(|v| v.is_object()) {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        let env_from = items(c, "/envFrom");
        if !env_from.is_empty() {
            w.write(2, "Environment Variables from:\n");
            for e in &env_from {
                let (kind, r) = if let Some(r) = e.get("configMapRef") {
                    ("ConfigMap", r)
                } else if let Some(r) = e.get("secretRef") {
                    ("Secret", r)
                } else {
                    continue;
                };
                let optional = r.get("optional").and_then(Value::as_bool).unwrap_or(false);
                let prefix = s(e, "/prefix");
                if prefix.is_empty() {
                    w.write(
                        3,
                        &format!("{}\t{kind}\tOptional: {optional}\n", s(r, "/name")),
                    );
                } else {
                    w.write(
                        3,
                        &format!(
                            "{}\t{kind} with prefix '{prefix}'\tOptional: {optional}\n",
                            s(r, "/name")
                        ),
                    );
                }
            }
        }
        let env = items(c, "/env");
        if env.is_empty() {
            w.write(2, "Environment:\t<none>\n");
        } else {
            w.write(2, "Environment:\n");
        }
        for e in &env {
            let name = s(e, "/name");
            match e.get("valueFrom").filter(|v| v.is_object()) {
                None => {
                    for (i, line) in s(e, "/value").split('\n').enumerate() {
                        if i == 0 {
                            w.write(3, &format!("{name}:\t{line}\n"));
                        } else {
                            w.write(3, &format!("\t{line}\n"));
                        }
                    }
                }
                Some(from) => {
                    if let Some(f) = from.get("fieldRef") {
                        let value = pod
                            .map(|p| resolve_field_path(p, &s(f, "/fieldPath")))
                            .unwrap_or_default();
                        w.write(
                            3,
                            &format!(
                                "{name}:\t{value} ({}:{})\n",
                                s(f, "/apiVersion"),
                                s(f, "/fieldPath")
                            ),
                        );
                    } else if let Some(r) = from.get("resourceFieldRef") {
                        let resource = s(r, "/resource");
                        let value = match pod {
                            Some(_) => {
                                let (kind, res) = resource.split_once('.').unwrap_or(("", ""));
                                c.pointer(&format!("/resources/{kind}/{res}"))
                                    .map(quantity_string)
                                    .unwrap_or_else(|| "0".to_owned())
                            }
                            None => String::new(),
                        };
                        w.write(3, &format!("{name}:\t{value} ({resource})\n"));
                    } else if let Some(r) = from.get("secretKeyRef") {
                        let optional = r.get("optional").and_then(Value::as_bool).unwrap_or(false);
                        w.write(3, &format!("{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n", s(r, "/key"), s(r, "/name")));
                    } else if let Some(r) = from.get("configMapKeyRef") {
                        let optional = r.get("optional").and_then(Value::as_bool).unwrap_or(false);
                        w.write(3, &format!("{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n", s(r, "/key"), s(r, "/name")));
                    }
                }
            }
        }
        let mut mounts = items(c, "/volumeMounts");
        if mounts.is_empty() {
            w.write(2, "Mounts:\t<none>\n");
        } else {
            w.write(2, "Mounts:\n");
        }
        mounts.sort_shared_by_key(|m| s(m, "/mountPath"));
        for m in &mounts {
            let mut flags = vec![
                if m.get("readOnly").and_then(Value::as_bool) == Some(true) {
                    "ro".to_owned()
                } else {
                    "rw".to_owned()
                },
            ];
            let sub = s(m, "/subPath");
            if !sub.is_empty() {
                flags.push(format!("path={}", super::jsonpath::go_quote(&sub)));
            }
            w.write(
                3,
                &format!(
                    "{} from {} ({})\n",
                    s(m, "/mountPath"),
                    s(m, "/name"),
                    flags.join(",")
                ),
            );
        }
    }
}

fn protocol(port: &Value) -> String {
    let p = s(port, "/protocol");
    if p.is_empty() { "TCP".to_owned() } else { p }
}

fn describe_volumes(w: &mut PrefixWriter, volumes: &[Value], space: &str) {
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(1, &format!("{name_indent}{}:\n", s(v, "/name")));
        let bool_of = |x: &Value, k: &str| x.get(k).and_then(Value::as_bool).unwrap_or(false);
        let ptr_bool = |x: &Value, k: &str| {
            x.get(k)
                .and_then(Value::as_bool)
                .map_or("<nil>".to_owned(), |b| b.to_string())
        };
        if let Some(e) = v.get("emptyDir") {
            let size = e
                .get("sizeLimit")
                .map(quantity_string)
                .unwrap_or_else(|| "<unset>".to_owned());
            w.write(2, &format!("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n", s(e, "/medium")));
        } else if let Some(h) = v.get("hostPath") {
            w.write(2, &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n", s(h, "/path"), s(h, "/type")));
        } else if let Some(c) = v.get("configMap") {
            w.write(2, &format!("Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n", s(c, "/name"), bool_of(c, "optional")));
        } else if let Some(c) = v.get("secret") {
            w.write(2, &format!("Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n", s(c, "/secretName"), bool_of(c, "optional")));
        } else if let Some(c) = v.get("persistentVolumeClaim") {
            w.write(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    s(c, "/claimName"),
                    bool_of(c, "readOnly")
                ),
            );
        } else if let Some(p) = v.get("projected") {
            w.write(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for src in items(p, "/sources") {
                if let Some(sec) = src.get("secret") {
                    w.write(
                        2,
                        &format!(
                            "SecretName:\t{}\n    SecretOptionalName:\t{}\n",
                            s(sec, "/name"),
                            ptr_bool(sec, "optional")
                        ),
                    );
                } else if src.get("downwardAPI").is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = src.get("configMap") {
                    w.write(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n",
                            s(cm, "/name"),
                            ptr_bool(cm, "optional")
                        ),
                    );
                } else if let Some(t) = src.get("serviceAccountToken") {
                    w.write(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            t.get("expirationSeconds")
                                .and_then(Value::as_i64)
                                .unwrap_or(3600)
                        ),
                    );
                }
            }
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

/// `kubectl describe pod`; `events` are the events whose involved object is this pod.
pub fn describe_pod(pod: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(pod, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(pod, "/metadata/namespace")),
    );
    if let Some(p) = pod.pointer("/spec/priority").and_then(Value::as_i64) {
        w.write(0, &format!("Priority:\t{p}\n"));
    }
    let priority_class = s(pod, "/spec/priorityClassName");
    if !priority_class.is_empty() {
        w.write(0, &format!("Priority Class Name:\t{priority_class}\n"));
    }
    let sa = s(pod, "/spec/serviceAccountName");
    if !sa.is_empty() {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    let node = s(pod, "/spec/nodeName");
    if node.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(0, &format!("Node:\t{node}/{}\n", s(pod, "/status/hostIP")));
    }
    if pod
        .pointer("/status/startTime")
        .is_some_and(Value::is_string)
    {
        w.write(
            0,
            &format!("Start Time:\t{}\n", time_of(pod, "/status/startTime")),
        );
    }
    labels_multiline(&mut w, "Labels", pod.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", pod.pointer("/metadata/annotations"));
    if let Some(deletion) = pod
        .pointer("/metadata/deletionTimestamp")
        .and_then(Value::as_str)
    {
        let until = age_since(Some(deletion), now);
        w.write(0, &format!("Status:\tTerminating (lasts {until})\n"));
        w.write(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                pod.pointer("/metadata/deletionGracePeriodSeconds")
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{}\n", s(pod, "/status/phase")));
    }
    for (key, title) in [("reason", "Reason"), ("message", "Message")] {
        let v = s(pod, &format!("/status/{key}"));
        if !v.is_empty() {
            w.write(0, &format!("{title}:\t{v}\n"));
        }
    }
    let pod_ip = s(pod, "/status/podIP");
    w.write(0, &format!("IP:\t{pod_ip}\n"));
    let ips = items(pod, "/status/podIPs");
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in &ips {
            w.write(1, &format!("IP:\t{}\n", s(ip, "/ip")));
        }
    }
    if let Some(c) = controller_of(pod) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    let nominated = s(pod, "/status/nominatedNodeName");
    if !nominated.is_empty() {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    let init = items(pod, "/spec/initContainers");
    if !init.is_empty() {
        describe_containers_of(
            &mut w,
            "Init Containers",
            &init,
            &items(pod, "/status/initContainerStatuses"),
            "",
            Some(pod),
        );
    }
    describe_containers_of(
        &mut w,
        "Containers",
        &items(pod, "/spec/containers"),
        &items(pod, "/status/containerStatuses"),
        "",
        Some(pod),
    );
    let conditions = items(pod, "/status/conditions");
    let gates = items(pod, "/spec/readinessGates");
    if !gates.is_empty() {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in &gates {
            let t = s(g, "/conditionType");
            let status = conditions
                .iter()
                .find(|c| s(c, "/type") == t)
                .map_or("<none>".to_owned(), |c| s(c, "/status"));
            w.write(1, &format!("{t} \t{status} \n"));
        }
    }
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in &conditions {
            w.write(1, &format!("{} \t{} \n", s(c, "/type"), s(c, "/status")));
        }
    }
    describe_volumes(&mut w, &items(pod, "/spec/volumes"), "");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(pod)));
    labels_multiline(&mut w, "Node-Selectors", pod.pointer("/spec/nodeSelector"));
    tolerations_multiline(&mut w, "Tolerations", pod.pointer("/spec/tolerations"));
    describe_events(&mut w, events, now);
    w.finish()
}

/// The pod's QoS class: `status.qosClass`, else derived from requests and limits.
fn qos_class(pod: &Value) -> String {
    let recorded = s(pod, "/status/qosClass");
    if !recorded.is_empty() {
        return recorded;
    }
    let containers = items(pod, "/spec/containers");
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let requests = c.pointer("/resources/requests").and_then(Value::as_object);
        let limits = c.pointer("/resources/limits").and_then(Value::as_object);
        if requests.is_some_and(|r| !r.is_empty()) || limits.is_some_and(|l| !l.is_empty()) {
            any = true;
        }
        for res in ["cpu", "memory"] {
            let l = limits.and_then(|l| l.get(res));
            let r = requests.and_then(|r| r.get(res)).or(l);
            if l.is_none() || r.map(quantity_string) != l.map(quantity_string) {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort".to_owned()
    } else if guaranteed {
        "Guaranteed".to_owned()
    } else {
        "Burstable".to_owned()
    }
}

fn pod_requests_limits(pod: &Value) -> (Map<String, Value>, Map<String, Value>) {
    let mut totals: [std::collections::BTreeMap<String, Quantity>; 2] = Default::default();
    for (i, key) in ["requests", "limits"].iter().enumerate() {
        for c in items(pod, "/spec/containers") {
            if let Some(m) = c
                .pointer(&format!("/resources/{key}"))
                .and_then(Value::as_object)
            {
                for (name, v) in m {
                    if let Some(q) = Quantity::parse(&go_v(v)) {
                        let e = totals[i].entry(name.clone()).or_default();
                        *e = e.add(&q);
                    }
                }
            }
        }
        for c in items(pod, "/spec/initContainers") {
            if let Some(m) = c
                .pointer(&format!("/resources/{key}"))
                .and_then(Value::as_object)
            {
                for (name, v) in m {
                    if let Some(q) = Quantity::parse(&go_v(v)) {
                        let e = totals[i].entry(name.clone()).or_default();
                        *e = e.max(&q);
                    }
                }
            }
        }
    }
    let to_map = |m: &std::collections::BTreeMap<String, Quantity>| {
        m.iter()
            .map(|(k, q)| (k.clone(), Value::String(q.to_string())))
            .collect()
    };
    (to_map(&totals[0]), to_map(&totals[1]))
}

/// `kubectl describe node`; `pods` may be all pods (those on other nodes or finished are skipped), `lease` the node's Lease if any.
pub fn describe_node(
    node: &Value,
    pods: &[Value],
    lease: Option<&Value>,
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    let name = s(node, "/metadata/name");
    w.write(0, &format!("Name:\t{name}\n"));
    let roles = node_roles_list(node);
    w.write(
        0,
        &format!(
            "Roles:\t{}\n",
            if roles.is_empty() {
                "<none>".to_owned()
            } else {
                roles.join(",")
            }
        ),
    );
    labels_multiline(&mut w, "Labels", node.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", node.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_of(node, "/metadata/creationTimestamp")
        ),
    );
    taints_multiline(&mut w, "Taints", node.pointer("/spec/taints"));
    w.write(
        0,
        &format!(
            "Unschedulable:\t{}\n",
            node.pointer("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
    );
    match lease {
        None => w.write(
            0,
            &format!(
                "Lease:\tFailed to get lease: leases {} not found\n",
                super::jsonpath::go_quote(&name)
            ),
        ),
        Some(lease) => {
            w.write(0, "Lease:\n");
            let lease_field = |pointer: &str, time: bool| {
                lease
                    .pointer(pointer)
                    .and_then(Value::as_str)
                    .map(|v| {
                        if time {
                            parse_rfc3339(v).map(format_rfc1123z).unwrap_or_default()
                        } else {
                            v.to_owned()
                        }
                    })
                    .unwrap_or_else(|| "<unset>".to_owned())
            };
            w.write(
                1,
                &format!(
                    "HolderIdentity:\t{}\n",
                    lease_field("/spec/holderIdentity", false)
                ),
            );
            w.write(
                1,
                &format!("AcquireTime:\t{}\n", lease_field("/spec/acquireTime", true)),
            );
            w.write(
                1,
                &format!("RenewTime:\t{}\n", lease_field("/spec/renewTime", true)),
            );
        }
    }
    let conditions = items(node, "/status/conditions");
    if !conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    s(c, "/type"),
                    s(c, "/status"),
                    time_of(c, "/lastHeartbeatTime"),
                    time_of(c, "/lastTransitionTime"),
                    s(c, "/reason"),
                    s(c, "/message")
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in items(node, "/status/addresses") {
        w.write(1, &format!("{}:\t{}\n", s(&a, "/type"), s(&a, "/address")));
    }
    for (key, title) in [("capacity", "Capacity"), ("allocatable", "Allocatable")] {
        let list = sorted_resources(node.pointer(&format!("/status/{key}")));
        if !list.is_empty() {
            w.write(0, &format!("{title}:\n"));
            for (r, q) in list {
                w.write(0, &format!("  {r}:\t{q}\n"));
            }
        }
    }
    w.write(0, "System Info:\n");
    for (key, title) in [
        ("machineID", "Machine ID"),
        ("systemUUID", "System UUID"),
        ("bootID", "Boot ID"),
        ("kernelVersion", "Kernel Version"),
        ("osImage", "OS Image"),
        ("operatingSystem", "Operating System"),
        ("architecture", "Architecture"),
        ("containerRuntimeVersion", "Container Runtime Version"),
        ("kubeletVersion", "Kubelet Version"),
        ("kubeProxyVersion", "Kube-Proxy Version"),
    ] {
        w.write(
            0,
            &format!(
                "  {title}:\t{}\n",
                s(node, &format!("/status/nodeInfo/{key}"))
            ),
        );
    }
    let pod_cidr = s(node, "/spec/podCIDR");
    if !pod_cidr.is_empty() {
        w.write(0, &format!("PodCIDR:\t{pod_cidr}\n"));
    }
    let cidrs: Vec<String> = items(node, "/spec/podCIDRs").iter().map(go_v).collect();
    if !cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    let provider = s(node, "/spec/providerID");
    if !provider.is_empty() {
        w.write(0, &format!("ProviderID:\t{provider}\n"));
    }
    let on_node: Vec<&Value> = pods
        .iter()
        .filter(|p| {
            s(p, "/spec/nodeName") == name
                && !matches!(s(p, "/status/phase").as_str(), "Succeeded" | "Failed")
        })
        .collect();
    let allocatable = node
        .pointer("/status/allocatable")
        .filter(|v| v.as_object().is_some_and(|m| !m.is_empty()))
        .or(node.pointer("/status/capacity"));
    let alloc = |r: &str| {
        allocatable
            .and_then(|a| a.get(r))
            .and_then(|v| Quantity::parse(&go_v(v)))
            .unwrap_or_default()
    };
    let (alloc_cpu, alloc_mem, alloc_eph) = (
        alloc("cpu").milli,
        alloc("memory").value(),
        alloc("ephemeral-storage").value(),
    );
    let pct = |num: i128, den: i128| {
        if den == 0 {
            0
        } else {
            (num as f64 / den as f64 * 100.0) as i64
        }
    };
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", on_node.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let q = |m: &Map<String, Value>, k: &str| {
        m.get(k)
            .and_then(|v| Quantity::parse(&go_v(v)))
            .unwrap_or_default()
    };
    let mut totals = [Quantity::default(); 6];
    for p in &on_node {
        let (req, lim) = pod_requests_limits(p);
        let (cr, cl, mr, ml) = (
            q(&req, "cpu"),
            q(&lim, "cpu"),
            q(&req, "memory"),
            q(&lim, "memory"),
        );
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{cr} ({}%)\t{cl} ({}%)\t{mr} ({}%)\t{ml} ({}%)\t{}\n",
                s(p, "/metadata/namespace"),
                s(p, "/metadata/name"),
                pct(cr.milli, alloc_cpu),
                pct(cl.milli, alloc_cpu),
                pct(mr.value(), alloc_mem),
                pct(ml.value(), alloc_mem),
                age_since(
                    p.pointer("/metadata/creationTimestamp")
                        .and_then(Value::as_str),
                    now
                )
            ),
        );
        for (i, x) in [
            cr,
            cl,
            mr,
            ml,
            q(&req, "ephemeral-storage"),
            q(&lim, "ephemeral-storage"),
        ]
        .iter()
        .enumerate()
        {
            totals[i] = totals[i].add(x);
        }
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    w.write(
        1,
        &format!(
            "cpu\t{} ({}%)\t{} ({}%)\n",
            totals[0],
            pct(totals[0].milli, alloc_cpu),
            totals[1],
            pct(totals[1].milli, alloc_cpu)
        ),
    );
    w.write(
        1,
        &format!(
            "memory\t{} ({}%)\t{} ({}%)\n",
            totals[2],
            pct(totals[2].value(), alloc_mem),
            totals[3],
            pct(totals[3].value(), alloc_mem)
        ),
    );
    w.write(
        1,
        &format!(
            "ephemeral-storage\t{} ({}%)\t{} ({}%)\n",
            totals[4],
            pct(totals[4].value(), alloc_eph),
            totals[5],
            pct(totals[5].value(), alloc_eph)
        ),
    );
    let mut hugepages: Vec<String> = allocatable
        .and_then(Value::as_object)
        .map(|m| {
            m.keys()
                .filter(|k| k.starts_with("hugepages-"))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    hugepages.sort_shared();
    for h in hugepages {
        w.write(1, &format!("{h}\t0 (0%)\t0 (0%)\n"));
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// Writes the `Pod Template:` section shared by workload describers.
pub fn describe_pod_template_into(w: &mut PrefixWriter, template: Option<&Value>) {
    describe_pod_template(w, template);
}

fn describe_pod_template(w: &mut PrefixWriter, template: Option<&Value>) {
    w.write(0, "Pod Template:\n");
    let Some(t) = template else {
        w.write(1, "<unset>");
        return;
    };
    labels_multiline(w, "  Labels", t.pointer("/metadata/labels"));
    if t.pointer("/metadata/annotations")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty())
    {
        annotations_multiline(w, "  Annotations", t.pointer("/metadata/annotations"));
    }
    let sa = s(t, "/spec/serviceAccountName");
    if !sa.is_empty() {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    let init = items(t, "/spec/initContainers");
    if !init.is_empty() {
        describe_containers(w, "Init Containers", &init, &[], "  ");
    }
    describe_containers(w, "Containers", &items(t, "/spec/containers"), &[], "  ");
    describe_volumes(w, &items(t, "/spec/volumes"), "  ");
    let pc = s(t, "/spec/priorityClassName");
    if !pc.is_empty() {
        w.write(1, &format!("Priority Class Name:\t{pc}\n"));
    }
    labels_multiline(w, "  Node-Selectors", t.pointer("/spec/nodeSelector"));
    tolerations_multiline(w, "  Tolerations", t.pointer("/spec/tolerations"));
}

/// Counts (running, waiting, succeeded, failed) among the pods `owner` controls.
pub fn controlled_pod_counts(owner: &Value, pods: &[Value]) -> (usize, usize, usize, usize) {
    let uid = s(owner, "/metadata/uid");
    let count = |phase: &str| {
        pods.iter()
            .filter(|p| controlled_by(p, &uid))
            .filter(|p| s(p, "/status/phase") == phase)
            .count()
    };
    (
        count("Running"),
        count("Pending"),
        count("Succeeded"),
        count("Failed"),
    )
}

/// The addresses of an Endpoints object for one service port (by name, or by number when unnamed), as kubectl lists them.
pub fn endpoints_for_port_text(endpoints: &Value, port_name: &str, _port_number: &str) -> String {
    endpoints_for_port(Some(endpoints), port_name)
}

/// Whether `obj` has a controller owner reference with `uid`.
fn controlled_by(obj: &Value, uid: &str) -> bool {
    items(obj, "/metadata/ownerReferences")
        .iter()
        .any(|o| o.get("controller").and_then(Value::as_bool) == Some(true) && s(o, "/uid") == uid)
}

fn replica_sets_by_labels(sets: &[&Value]) -> String {
    if sets.is_empty() {
        return "<none>".to_owned();
    }
    sets.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                s(rs, "/metadata/name"),
                rs.pointer("/status/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
                rs.pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `kubectl describe deployment`; `replica_sets` are the ReplicaSets it owns (the one whose template matches is the new one).
pub fn describe_deployment(
    d: &Value,
    replica_sets: &[Value],
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(d, "/metadata/name")));
    w.write(0, &format!("Namespace:\t{}\n", s(d, "/metadata/namespace")));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_of(d, "/metadata/creationTimestamp")
        ),
    );
    labels_multiline(&mut w, "Labels", d.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", d.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(d.pointer("/spec/selector"))
        ),
    );
    let n = |p: &str| d.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            d.pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1),
            n("/status/updatedReplicas"),
            n("/status/replicas"),
            n("/status/availableReplicas"),
            n("/status/unavailableReplicas")
        ),
    );
    w.write(
        0,
        &format!("StrategyType:\t{}\n", s(d, "/spec/strategy/type")),
    );
    w.write(
        0,
        &format!("MinReadySeconds:\t{}\n", n("/spec/minReadySeconds")),
    );
    if let Some(ru) = d
        .pointer("/spec/strategy/rollingUpdate")
        .filter(|v| v.is_object())
    {
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                s(ru, "/maxUnavailable"),
                s(ru, "/maxSurge")
            ),
        );
    }
    describe_pod_template(&mut w, d.pointer("/spec/template"));
    let conditions = items(d, "/status/conditions");
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    s(c, "/type"),
                    s(c, "/status"),
                    s(c, "/reason")
                ),
            );
        }
    }
    // Like kubectl: only ReplicaSets this Deployment controls; the new one has the Deployment's pod template (ignoring `pod-template-hash`).
    let uid = s(d, "/metadata/uid");
    let owned: Vec<&Value> = replica_sets
        .iter()
        .filter(|rs| controlled_by(rs, &uid))
        .collect();
    let without_hash = |t: Option<&Value>| {
        let mut template = t.cloned().unwrap_or_default();
        if let Some(labels) = template
            .pointer_mut("/metadata/labels")
            .and_then(Value::as_object_mut)
        {
            labels.remove("pod-template-hash");
        }
        template
    };
    let wanted = without_hash(d.pointer("/spec/template"));
    let (new, old): (Vec<&Value>, Vec<&Value>) = owned
        .into_iter()
        .partition(|rs| without_hash(rs.pointer("/spec/template")) == wanted);
    let old: Vec<&Value> = old
        .into_iter()
        .filter(|rs| {
            rs.pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(0)
                > 0
        })
        .collect();
    w.write(
        0,
        &format!("OldReplicaSets:\t{}\n", replica_sets_by_labels(&old)),
    );
    w.write(
        0,
        &format!(
            "NewReplicaSet:\t{}\n",
            replica_sets_by_labels(&new[..new.len().min(1)])
        ),
    );
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe replicaset`; `pods` are the pods it selects.
pub fn describe_replica_set(rs: &Value, pods: &[Value], events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(rs, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(rs, "/metadata/namespace")),
    );
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            string_or_none(selector_string(rs.pointer("/spec/selector")))
        ),
    );
    labels_multiline(&mut w, "Labels", rs.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", rs.pointer("/metadata/annotations"));
    if let Some(c) = controller_of(rs) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            rs.pointer("/status/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(0),
            rs.pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1)
        ),
    );
    // Like kubectl, only pods this ReplicaSet controls are counted.
    let uid = s(rs, "/metadata/uid");
    let count = |phase: &str| {
        pods.iter()
            .filter(|p| controlled_by(p, &uid))
            .filter(|p| s(p, "/status/phase") == phase)
            .count()
    };
    w.write(
        0,
        &format!(
            "Pods Status:\t{} Running / {} Waiting / {} Succeeded / {} Failed\n",
            count("Running"),
            count("Pending"),
            count("Succeeded"),
            count("Failed")
        ),
    );
    describe_pod_template(&mut w, rs.pointer("/spec/template"));
    let conditions = items(rs, "/status/conditions");
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    s(c, "/type"),
                    s(c, "/status"),
                    s(c, "/reason")
                ),
            );
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

fn endpoints_for_port(endpoints: Option<&Value>, port_name: &str) -> String {
    let Some(ep) = endpoints else {
        return "<none>".to_owned();
    };
    let subsets = items(ep, "/subsets");
    if subsets.is_empty() {
        return "<none>".to_owned();
    }
    let (max, mut list, mut more, mut count) = (3, Vec::new(), false, 0);
    for ss in &subsets {
        let addresses = items(ss, "/addresses");
        for port in items(ss, "/ports") {
            if s(&port, "/name") != port_name {
                continue;
            }
            count += addresses.len();
            for a in &addresses {
                if list.len() == max {
                    more = true;
                    break;
                }
                let ip = s(a, "/ip");
                let host = if ip.contains(':') {
                    format!("[{ip}]")
                } else {
                    ip
                };
                list.push(format!("{host}:{}", s(&port, "/port")));
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count - max)
    } else {
        ret
    }
}

/// `kubectl describe service`; `endpoints` is the Endpoints object of the same name, if any.
pub fn describe_service(
    svc: &Value,
    endpoints: Option<&Value>,
    events: &[Value],
    now: i64,
) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(svc, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(svc, "/metadata/namespace")),
    );
    labels_multiline(&mut w, "Labels", svc.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", svc.pointer("/metadata/annotations"));
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            format_labels(svc.pointer("/spec/selector"))
        ),
    );
    w.write(0, &format!("Type:\t{}\n", s(svc, "/spec/type")));
    let policy = s(svc, "/spec/ipFamilyPolicy");
    if !policy.is_empty() {
        w.write(0, &format!("IP Family Policy:\t{policy}\n"));
    }
    let families: Vec<String> = items(svc, "/spec/ipFamilies").iter().map(go_v).collect();
    w.write(
        0,
        &format!(
            "IP Families:\t{}\n",
            if families.is_empty() {
                "<none>".to_owned()
            } else {
                families.join(",")
            }
        ),
    );
    w.write(0, &format!("IP:\t{}\n", s(svc, "/spec/clusterIP")));
    let ips: Vec<String> = items(svc, "/spec/clusterIPs").iter().map(go_v).collect();
    w.write(
        0,
        &format!(
            "IPs:\t{}\n",
            if ips.is_empty() {
                "<none>".to_owned()
            } else {
                ips.join(",")
            }
        ),
    );
    let external: Vec<String> = items(svc, "/spec/externalIPs").iter().map(go_v).collect();
    if !external.is_empty() {
        w.write(0, &format!("External IPs:\t{}\n", external.join(",")));
    }
    let lb_ip = s(svc, "/spec/loadBalancerIP");
    if !lb_ip.is_empty() {
        w.write(0, &format!("IP:\t{lb_ip}\n"));
    }
    let external_name = s(svc, "/spec/externalName");
    if !external_name.is_empty() {
        w.write(0, &format!("External Name:\t{external_name}\n"));
    }
    let ingress = items(svc, "/status/loadBalancer/ingress");
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| {
                if s(i, "/ip").is_empty() {
                    s(i, "/hostname")
                } else {
                    s(i, "/ip")
                }
            })
            .collect();
        w.write(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    for p in items(svc, "/spec/ports") {
        let raw_name = s(&p, "/name");
        let name = if raw_name.is_empty() {
            "<unset>".to_owned()
        } else {
            raw_name.clone()
        };
        let proto = protocol(&p);
        w.write(0, &format!("Port:\t{name}\t{}/{proto}\n", s(&p, "/port")));
        let target = match p.get("targetPort") {
            Some(Value::String(t)) => t.clone(),
            Some(Value::Number(t)) => t.to_string(),
            _ => s(&p, "/port"),
        };
        w.write(0, &format!("TargetPort:\t{target}/{proto}\n"));
        let node_port = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
        if node_port != 0 {
            w.write(0, &format!("NodePort:\t{name}\t{node_port}/{proto}\n"));
        }
        w.write(
            0,
            &format!("Endpoints:\t{}\n", endpoints_for_port(endpoints, &raw_name)),
        );
    }
    w.write(
        0,
        &format!("Session Affinity:\t{}\n", s(svc, "/spec/sessionAffinity")),
    );
    let etp = s(svc, "/spec/externalTrafficPolicy");
    if !etp.is_empty() {
        w.write(0, &format!("External Traffic Policy:\t{etp}\n"));
    }
    if let Some(hc) = svc
        .pointer("/spec/healthCheckNodePort")
        .and_then(Value::as_i64)
        .filter(|v| *v != 0)
    {
        w.write(0, &format!("HealthCheck NodePort:\t{hc}\n"));
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe namespace`, with its ResourceQuotas and LimitRanges.
pub fn describe_namespace(ns: &Value, quotas: &[Value], limit_ranges: &[Value]) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(ns, "/metadata/name")));
    labels_multiline(&mut w, "Labels", ns.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", ns.pointer("/metadata/annotations"));
    w.write(0, &format!("Status:\t{}\n", s(ns, "/status/phase")));
    w.write(0, "\n");
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
    } else {
        let mut quotas = quotas.to_vec();
        quotas.sort_shared_by_key(|q| s(q, "/metadata/name"));
        w.write(0, "Resource Quotas\n");
        for q in &quotas {
            w.write(1, &format!("Name:\t{}\n", s(q, "/metadata/name")));
            super::describe_more::quota_scopes(&mut w, 1, q);
            w.write(1, "Resource\tUsed\tHard\n");
            w.write(1, "--------\t---\t---\n");
            for (r, hard) in sorted_resources(q.pointer("/status/hard")) {
                let used = q
                    .pointer("/status/used")
                    .and_then(|u| u.get(r.as_str()))
                    .map_or("0".to_owned(), quantity_string);
                w.write(1, &format!("{r}\t{used}\t{hard}\n"));
            }
        }
    }
    w.write(0, "\n");
    if limit_ranges.is_empty() {
        w.write(0, "No LimitRange resource.\n");
    } else {
        w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.write(
            0,
            " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
        );
        for lr in limit_ranges {
            for item in items(lr, "/spec/limits") {
                let mut names = std::collections::BTreeSet::new();
                for key in crate::cluster::quota::LIMIT_KEYS {
                    if let Some(m) = item.get(key).and_then(Value::as_object) {
                        names.extend(m.keys().cloned());
                    }
                }
                for r in names {
                    let get = |k: &str| {
                        item.get(k)
                            .and_then(|m| m.get(r.as_str()))
                            .map_or("-".to_owned(), quantity_string)
                    };
                    w.write(
                        0,
                        &format!(
                            " {}\t{r}\t{}\t{}\t{}\t{}\t{}\n",
                            s(&item, "/type"),
                            get("min"),
                            get("max"),
                            get("defaultRequest"),
                            get("default"),
                            get("maxLimitRequestRatio")
                        ),
                    );
                }
            }
        }
    }
    w.finish()
}

/// `kubectl describe configmap`.
pub fn describe_config_map(cm: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(cm, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(cm, "/metadata/namespace")),
    );
    labels_multiline(&mut w, "Labels", cm.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", cm.pointer("/metadata/annotations"));
    w.write(0, "\nData\n====\n");
    let mut data: Vec<(String, String)> = cm
        .get("data")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), go_v(v))).collect())
        .unwrap_or_default();
    data.sort_shared();
    for (k, v) in data {
        w.write(0, &format!("{k}:\n----\n"));
        w.write(0, &format!("{v}\n\n"));
    }
    w.write(0, "\nBinaryData\n====\n");
    let mut binary: Vec<(String, usize)> = cm
        .get("binaryData")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), base64_len(v.as_str().unwrap_or_default())))
                .collect()
        })
        .unwrap_or_default();
    binary.sort_shared();
    for (k, n) in binary {
        w.write(0, &format!("{k}: {n} bytes\n"));
    }
    w.write(0, "\n");
    describe_events(&mut w, events, now);
    w.finish()
}

/// The decoded length of a base64 text.
fn base64_len(text: &str) -> usize {
    let t = text.trim();
    let padding = t.chars().rev().take_while(|c| *c == '=').count();
    (t.len() / 4) * 3 - padding.min(2)
        + match t.len() % 4 {
            2 => 1,
            3 => 2,
            _ => 0,
        }
}

/// `kubectl describe secret`: byte counts only, except a service-account token.
pub fn describe_secret(secret: &Value) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(secret, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(secret, "/metadata/namespace")),
    );
    labels_multiline(&mut w, "Labels", secret.pointer("/metadata/labels"));
    annotations_multiline(
        &mut w,
        "Annotations",
        secret.pointer("/metadata/annotations"),
    );
    let ty = s(secret, "/type");
    w.write(0, &format!("\nType:\t{ty}\n"));
    w.write(0, "\nData\n====\n");
    let mut data: Vec<(&String, &Value)> = secret
        .get("data")
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    data.sort_shared_by(|a, b| a.0.cmp(b.0));
    for (k, v) in data {
        let encoded = v.as_str().unwrap_or_default();
        if k == "token" && ty == "kubernetes.io/service-account-token" {
            w.write(
                0,
                &format!(
                    "{k}:\t{}\n",
                    crate::b64::decode(encoded)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default()
                ),
            );
        } else {
            w.write(0, &format!("{k}:\t{} bytes\n", base64_len(encoded)));
        }
    }
    w.finish()
}

/// kubectl's `smartLabelFor`: `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`; names with other characters stay as they are.
pub fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_owned();
    }
    const ACRONYMS: &[&str] = &["API", "URL", "UID", "OSB", "GUID"];
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            if ACRONYMS.contains(&p.to_uppercase().as_str()) {
                p.to_uppercase()
            } else {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits camelCase words as github.com/fatih/camelcase does (`podIP` → `pod`, `IP`; `HTTPServer` → `HTTP`, `Server`).
fn camel_split(src: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in src.chars() {
        let k = class(c);
        if k == last {
            if let Some(r) = runs.last_mut() {
                r.push(c);
            }
        } else {
            runs.push(vec![c]);
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase())
            && let Some(c) = runs[i].pop()
        {
            runs[i + 1].insert(0, c);
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

fn unstructured(
    w: &mut PrefixWriter,
    level: usize,
    content: &Map<String, Value>,
    prefix: &str,
    skip: &[&str],
) {
    let mut fields: Vec<&String> = content.keys().collect();
    fields.sort_shared();
    for field in fields {
        let value = &content[field.as_str()];
        let expr = format!("{prefix}.{field}");
        if skip.contains(&expr.as_str()) {
            continue;
        }
        match value {
            Value::Object(m) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                unstructured(w, level + 1, m, &expr, skip);
            }
            Value::Array(list) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for child in list {
                    match child {
                        Value::Object(m) => unstructured(w, level + 1, m, &expr, skip),
                        other => w.write(level + 1, &format!("{}\n", go_v(other))),
                    }
                }
            }
            other => w.write(
                level,
                &format!("{}:\t{}\n", smart_label(field), go_v(other)),
            ),
        }
    }
}

/// kubectl's generic describer for kinds without their own (CRDs, OpenShift resources): metadata, then every field with smart labels.
pub fn describe_generic(obj: &Value, events: &[Value], now: i64) -> String {
    let mut w = PrefixWriter::new();
    w.write(0, &format!("Name:\t{}\n", s(obj, "/metadata/name")));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(obj, "/metadata/namespace")),
    );
    labels_multiline(&mut w, "Labels", obj.pointer("/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", obj.pointer("/metadata/annotations"));
    if let Some(m) = obj.as_object() {
        unstructured(
            &mut w,
            0,
            m,
            "",
            &[
                ".metadata.name",
                ".metadata.namespace",
                ".metadata.labels",
                ".metadata.annotations",
            ],
        );
    }
    describe_events(&mut w, events, now);
    w.finish()
}

/// Related objects a describer may need, all optional.
#[derive(Debug, Default, Clone, Copy)]
pub struct Related<'a> {
    /// Events about the object.
    pub events: &'a [Value],
    /// Pods (for nodes: all pods; for ReplicaSets: the selected pods).
    pub pods: &'a [Value],
    /// ReplicaSets owned by a Deployment.
    pub replica_sets: &'a [Value],
    /// The Endpoints of a Service.
    pub endpoints: Option<&'a Value>,
    /// The Lease of a Node.
    pub lease: Option<&'a Value>,
    /// ResourceQuotas of a Namespace.
    pub quotas: &'a [Value],
    /// LimitRanges of a Namespace.
    pub limit_ranges: &'a [Value],
    /// Secrets in the namespace (for ServiceAccounts).
    pub secrets: &'a [Value],
    /// Endpoints objects in the namespace (for Ingresses).
    pub endpoints_list: &'a [Value],
    /// Services in the namespace (for Ingresses).
    pub services: &'a [Value],
}

/// Describes any object, choosing the describer by kind.
pub fn describe(obj: &Value, related: Related<'_>, now: i64) -> String {
    let api = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let group = api.rsplit_once('/').map_or("", |(g, _)| g);
    match (
        group,
        obj.get("kind").and_then(Value::as_str).unwrap_or_default(),
    ) {
        ("", "Pod") => describe_pod(obj, related.events, now),
        ("", "Node") => describe_node(obj, related.pods, related.lease, related.events, now),
        ("apps", "Deployment") => {
            describe_deployment(obj, related.replica_sets, related.events, now)
        }
        ("apps", "ReplicaSet") => describe_replica_set(obj, related.pods, related.events, now),
        ("", "Service") => describe_service(obj, related.endpoints, related.events, now),
        ("", "Namespace") => describe_namespace(obj, related.quotas, related.limit_ranges),
        ("", "ConfigMap") => describe_config_map(obj, related.events, now),
        ("", "Secret") => describe_secret(obj),
        ("apps", "StatefulSet") => {
            super::describe_more::describe_stateful_set(obj, related.pods, related.events, now)
        }
        ("apps", "DaemonSet") => {
            super::describe_more::describe_daemon_set(obj, related.pods, related.events, now)
        }
        ("batch", "Job") => super::describe_more::describe_job(obj, related.events, now),
        ("batch", "CronJob") => super::describe_more::describe_cron_job(obj, related.events, now),
        ("", "PersistentVolume") => {
            super::describe_more::describe_persistent_volume(obj, related.events, now)
        }
        ("", "PersistentVolumeClaim") => super::describe_more::describe_persistent_volume_claim(
            obj,
            related.pods,
            related.events,
            now,
        ),
        ("storage.k8s.io", "StorageClass") => {
            super::describe_more::describe_storage_class(obj, related.events, now)
        }
        ("", "ServiceAccount") => super::describe_more::describe_service_account(
            obj,
            related.secrets,
            related.events,
            now,
        ),
        ("rbac.authorization.k8s.io", "Role" | "ClusterRole") => {
            super::describe_more::describe_role(obj)
        }
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => {
            super::describe_more::describe_role_binding(obj)
        }
        ("", "Endpoints") => super::describe_more::describe_endpoints(obj, related.events, now),
        ("autoscaling", "HorizontalPodAutoscaler") => {
            super::describe_more::describe_horizontal_pod_autoscaler(obj, related.events, now)
        }
        ("", "ResourceQuota") => super::describe_more::describe_resource_quota(obj),
        ("", "LimitRange") => super::describe_more::describe_limit_range(obj),
        ("networking.k8s.io", "Ingress") => super::describe_more::describe_ingress(
            obj,
            related.services,
            related.endpoints_list,
            related.events,
            now,
        ),
        ("template.openshift.io", "Template") => super::describe_more::describe_template(obj, now),
        _ => describe_generic(obj, related.events, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::fixtures::{NOW, nodes, objects, pods};
    use expect_test::expect;
    use serde_json::json;

    fn find(kind: &str, name: &str) -> Value {
        objects()
            .into_iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .unwrap()
    }

    fn events_for(name: &str) -> Vec<Value> {
        vec![
            json!({"type": "Normal", "reason": "Scheduled", "message": format!("Successfully assigned default/{name} to worker-1.ocp.example.com"),
                "source": {}, "reportingComponent": "default-scheduler", "eventTime": "2024-01-01T11:00:00.000000Z", "firstTimestamp": null, "lastTimestamp": null}),
            json!({"type": "Normal", "reason": "Pulled", "message": "Container image \"busybox\" already present on machine", "source": {"component": "kubelet", "host": "worker-1"},
                "firstTimestamp": "2024-01-01T11:00:05Z", "lastTimestamp": "2024-01-01T11:58:00Z", "count": 6}),
            json!({"type": "Warning", "reason": "BackOff", "message": "Back-off restarting failed container app in pod crashy_default(crashy-uid)\n", "source": {"component": "kubelet"},
                "firstTimestamp": "2024-01-01T11:00:10Z", "lastTimestamp": "2024-01-01T11:59:00Z", "count": 27}),
        ]
    }

    #[test]
    fn describes_a_running_pod() {
        let mut pod = pods()[0].clone();
        pod["metadata"]["annotations"] = json!({
            "k8s.ovn.org/pod-networks": "{\"default\":{\"ip_addresses\":[\"10.128.2.15/23\"],\"mac_address\":\"0a:58:0a:80:02:0f\",\"gateway_ips\":[\"10.128.2.1\"],\"ip_address\":\"10.128.2.15/23\",\"gateway_ip\":\"10.128.2.1\"}}",
            "openshift.io/scc": "restricted-v2"
        });
        pod["spec"]["priority"] = json!(0);
        pod["spec"]["containers"][0]["env"] = json!([
            {"name": "MODE", "value": "production"},
            {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db-creds", "key": "password"}}},
            {"name": "COLOR", "valueFrom": {"configMapKeyRef": {"name": "app-config", "key": "color", "optional": true}}},
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
            {"name": "APP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels['app']"}}},
            {"name": "MEM_LIMIT", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory"}}}
        ]);
        pod["spec"]["containers"][0]["readinessProbe"] = json!({"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3});
        pod["spec"]["containers"][0]["volumeMounts"] = json!([
            {"name": "kube-api-access-x7k2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true},
            {"name": "config", "mountPath": "/etc/app"}
        ]);
        pod["spec"]["volumes"] = json!([
            {"name": "config", "configMap": {"name": "app-config", "defaultMode": 420}},
            {"name": "kube-api-access-x7k2p", "projected": {"sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}
            ]}}
        ]);
        expect![[r#"
            Name:             web-7c5ddbdf54-x8k2p
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             worker-0.ocp.example.com/10.0.1.20
            Start Time:       Mon, 01 Jan 2024 09:30:00 +0000
            Labels:           app=web
                              pod-template-hash=7c5ddbdf54
            Annotations:      k8s.ovn.org/pod-networks:
                                {"default":{"ip_addresses":["10.128.2.15/23"],"mac_address":"0a:58:0a:80:02:0f","gateway_ips":["10.128.2.1"],"ip_address":"10.128.2.15/23"...
                              openshift.io/scc: restricted-v2
            Status:           Running
            IP:               10.128.2.15
            IPs:
              IP:           10.128.2.15
            Controlled By:  ReplicaSet/web-7c5ddbdf54
            Containers:
              nginx:
                Container ID:   cri-o://8f2d
                Image:          nginx:1.25
                Image ID:       docker.io/library/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac
                Port:           80/TCP
                Host Port:      0/TCP
                State:          Running
                  Started:      Mon, 01 Jan 2024 09:30:04 +0000
                Ready:          True
                Restart Count:  0
                Limits:
                  memory:  256Mi
                Requests:
                  cpu:      100m
                  memory:   128Mi
                Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
                Environment:
                  MODE:         production
                  DB_PASSWORD:  <set to the key 'password' in secret 'db-creds'>     Optional: false
                  COLOR:        <set to the key 'color' of config map 'app-config'>  Optional: true
                  POD_NAME:     web-7c5ddbdf54-x8k2p (v1:metadata.name)
                  APP:          web (v1:metadata.labels['app'])
                  MEM_LIMIT:    256Mi (limits.memory)
                Mounts:
                  /etc/app from config (rw)
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)
            Conditions:
              Type              Status
              Initialized       True 
              Ready             True 
              ContainersReady   True 
              PodScheduled      True 
            Volumes:
              config:
                Type:      ConfigMap (a volume populated by a ConfigMap)
                Name:      app-config
                Optional:  false
              kube-api-access-x7k2p:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                ConfigMapOptional:       <nil>
                DownwardAPI:             true
            QoS Class:                   Burstable
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
            Events:                      <none>
        "#]].assert_eq(&describe_pod(&pod, &[], NOW));
    }

    #[test]
    fn describes_a_crash_looping_pod_with_events() {
        expect![[r#"
            Name:         crashy
            Namespace:    default
            Node:         worker-1.ocp.example.com/
            Labels:       run=crashy
            Annotations:  <none>
            Status:       Running
            IP:           10.131.0.7
            IPs:
              IP:  10.131.0.7
            Containers:
              app:
                Container ID:  
                Image:         busybox
                Image ID:      
                Port:          <none>
                Host Port:     <none>
                Command:
                  sh
                  -c
                  exit 1
                State:          Waiting
                  Reason:       CrashLoopBackOff
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    1
                  Started:      Mon, 01 Jan 2024 11:57:59 +0000
                  Finished:     Mon, 01 Jan 2024 11:58:00 +0000
                Ready:          False
                Restart Count:  5
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type           Status
              Ready          False 
            Volumes:         <none>
            QoS Class:       BestEffort
            Node-Selectors:  <none>
            Tolerations:     <none>
            Events:
              Type     Reason     Age                 From               Message
              ----     ------     ----                ----               -------
              Normal   Scheduled  60m                 default-scheduler  Successfully assigned default/crashy to worker-1.ocp.example.com
              Normal   Pulled     2m (x6 over 59m)    kubelet            Container image "busybox" already present on machine
              Warning  BackOff    60s (x27 over 59m)  kubelet            Back-off restarting failed container app in pod crashy_default(crashy-uid)
        "#]].assert_eq(&describe_pod(&pods()[1], &events_for("crashy"), NOW));
    }

    #[test]
    fn describes_an_initializing_and_a_terminating_pod() {
        expect![[r#"
            Name:         init-wait
            Namespace:    default
            Node:         worker-0.ocp.example.com/
            Labels:       <none>
            Annotations:  <none>
            Status:       Pending
            IP:           
            IPs:
              IP:  10.128.2.16
            Init Containers:
              wait-db:
                Container ID:   
                Image:          busybox
                Image ID:       
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Mon, 01 Jan 2024 11:59:31 +0000
                Ready:          False
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Containers:
              app:
                Container ID:   
                Image:          nginx
                Image ID:       
                Port:           <none>
                Host Port:      <none>
                State:          Waiting
                  Reason:       PodInitializing
                Ready:          False
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Volumes:            <none>
            QoS Class:          BestEffort
            Node-Selectors:     <none>
            Tolerations:        <none>
            Events:             <none>
        "#]]
        .assert_eq(&describe_pod(&pods()[2], &[], NOW));
        expect![[r#"
            Name:                      going-away
            Namespace:                 default
            Node:                      worker-0.ocp.example.com/
            Labels:                    <none>
            Annotations:               <none>
            Status:                    Terminating (lasts 10s)
            Termination Grace Period:  30s
            IP:                        
            IPs:
              IP:  10.128.2.18
            Containers:
              app:
                Container ID:   
                Image:          nginx
                Image ID:       
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Sat, 30 Dec 2023 12:00:10 +0000
                Ready:          True
                Restart Count:  1
                Environment:    <none>
                Mounts:         <none>
            Volumes:            <none>
            QoS Class:          BestEffort
            Node-Selectors:     <none>
            Tolerations:        <none>
            Events:             <none>
        "#]]
        .assert_eq(&describe_pod(&pods()[5], &[], NOW));
    }

    #[test]
    fn describes_a_node_with_its_pods() {
        let lease = json!({"spec": {"holderIdentity": "worker-0.ocp.example.com", "renewTime": "2024-01-01T11:59:58.000000Z"}});
        expect![[r#"
            Name:               worker-0.ocp.example.com
            Roles:              worker
            Labels:             kubernetes.io/arch=amd64
                                kubernetes.io/hostname=worker-0.ocp.example.com
                                kubernetes.io/os=linux
                                node-role.kubernetes.io/worker=
                                node.kubernetes.io/instance-type=m6i.xlarge
                                topology.kubernetes.io/zone=us-east-1a
            Annotations:        machineconfiguration.openshift.io/state: Done
            CreationTimestamp:  Fri, 01 Dec 2023 08:00:00 +0000
            Taints:             <none>
            Unschedulable:      true
            Lease:
              HolderIdentity:  worker-0.ocp.example.com
              AcquireTime:     <unset>
              RenewTime:       Mon, 01 Jan 2024 11:59:58 +0000
            Conditions:
              Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
              ----             ------  -----------------                 ------------------                ------                       -------
              MemoryPressure   False   Mon, 01 Jan 2024 11:59:00 +0000   Fri, 01 Dec 2023 08:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
              Ready            True    Mon, 01 Jan 2024 11:59:00 +0000   Fri, 01 Dec 2023 08:05:00 +0000   KubeletReady                 kubelet is posting ready status
            Addresses:
              InternalIP:  10.0.1.20
              Hostname:    worker-0.ocp.example.com
            Capacity:
              cpu:                4
              ephemeral-storage:  125293548Ki
              memory:             16105396Ki
              pods:               250
            Allocatable:
              cpu:                3500m
              ephemeral-storage:  115470533646
              memory:             14955444Ki
              pods:               250
            System Info:
              Machine ID:                 ec2a4c6b8d7e4f0a9b1c2d3e4f5a6b7c
              System UUID:                ec2a4c6b-8d7e-4f0a-9b1c-2d3e4f5a6b7c
              Boot ID:                    4b6f2e1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b
              Kernel Version:             5.14.0-284.25.1.el9_2.x86_64
              OS Image:                   Red Hat Enterprise Linux CoreOS 414.92.202310170514-0 (Plow)
              Operating System:           linux
              Architecture:               amd64
              Container Runtime Version:  cri-o://1.27.1-13.1.rhaos4.14.git956c5f7.el9
              Kubelet Version:            v1.27.6+f67aeb3
              Kube-Proxy Version:         v1.27.6+f67aeb3
            ProviderID:                   aws:///us-east-1a/i-024
            Non-terminated Pods:          (4 in total)
              Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
              ---------                   ----                    ------------  ----------  ---------------  -------------  ---
              default                     web-7c5ddbdf54-x8k2p    100m (2%)     0 (0%)      128Mi (0%)       256Mi (1%)     150m
              default                     init-wait               0 (0%)        0 (0%)      0 (0%)           0 (0%)         30s
              default                     bad-image               0 (0%)        0 (0%)      0 (0%)           0 (0%)         5m
              default                     going-away              0 (0%)        0 (0%)      0 (0%)           0 (0%)         2d
            Allocated resources:
              (Total limits may be over 100 percent, i.e., overcommitted.)
              Resource           Requests    Limits
              --------           --------    ------
              cpu                100m (2%)   0 (0%)
              memory             128Mi (0%)  256Mi (1%)
              ephemeral-storage  0 (0%)      0 (0%)
            Events:              <none>
        "#]].assert_eq(&describe_node(&nodes()[1], &pods(), Some(&lease), &[], NOW));
    }

    #[test]
    fn describes_workloads() {
        let rs = find("ReplicaSet", "web-7c5ddbdf54");
        let mut old = rs.clone();
        old["metadata"]["name"] = json!("web-5d4b8c7f6");
        old["spec"]["replicas"] = json!(1);
        old["status"]["replicas"] = json!(1);
        old["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = json!("1");
        expect![[r#"
            Name:                   web
            Namespace:              default
            CreationTimestamp:      Mon, 01 Jan 2024 09:30:00 +0000
            Labels:                 app=web
            Annotations:            deployment.kubernetes.io/revision: 2
            Selector:               app=web
            Replicas:               3 desired | 3 updated | 3 total | 2 available | 1 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=web
              Containers:
               nginx:
                Image:        nginx:1.25
                Port:         80/TCP
                Host Port:    0/TCP
                Environment:  <none>
                Mounts:       <none>
               log:
                Image:         busybox
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      False   MinimumReplicasUnavailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
            Events:          <none>
        "#]]
        .assert_eq(&describe_deployment(
            &find("Deployment", "web"),
            &[rs.clone(), old],
            &[],
            NOW,
        ));
        expect![[r#"
            Name:           web-7c5ddbdf54
            Namespace:      default
            Selector:       app=web,pod-template-hash=7c5ddbdf54
            Labels:         app=web
                            pod-template-hash=7c5ddbdf54
            Annotations:    deployment.kubernetes.io/desired-replicas: 3
                            deployment.kubernetes.io/max-replicas: 4
                            deployment.kubernetes.io/revision: 2
            Controlled By:  Deployment/web
            Replicas:       3 current / 3 desired
            Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=web
                       pod-template-hash=7c5ddbdf54
              Containers:
               nginx:
                Image:        nginx:1.25
                Port:         80/TCP
                Host Port:    0/TCP
                Environment:  <none>
                Mounts:       <none>
               log:
                Image:         busybox
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:            <none>
        "#]]
        .assert_eq(&describe_replica_set(&rs, &pods()[..1], &[], NOW));
    }

    #[test]
    fn describes_services() {
        let mut ep = find("Endpoints", "web");
        ep["subsets"][0]["ports"][0]["name"] = json!("http");
        expect![[r#"
            Name:              web
            Namespace:         default
            Labels:            app=web
            Annotations:       <none>
            Selector:          app=web
            Type:              ClusterIP
            IP Families:       <none>
            IP:                172.30.12.34
            IPs:               172.30.12.34
            Port:              http  80/TCP
            TargetPort:        8080/TCP
            Endpoints:         10.128.2.15:8080,10.128.2.19:8080,10.131.0.20:8080 + 1 more...
            Session Affinity:  None
            Events:            <none>
        "#]]
        .assert_eq(&describe_service(
            &find("Service", "web"),
            Some(&ep),
            &[],
            NOW,
        ));
        expect![[r#"
            Name:              web-np
            Namespace:         default
            Labels:            <none>
            Annotations:       <none>
            Selector:          app=web
            Type:              NodePort
            IP Families:       <none>
            IP:                172.30.99.1
            IPs:               172.30.99.1
            Port:              <unset>  80/TCP
            TargetPort:        80/TCP
            NodePort:          <unset>  31234/TCP
            Endpoints:         <none>
            Port:              <unset>  443/TCP
            TargetPort:        443/TCP
            NodePort:          <unset>  30443/TCP
            Endpoints:         <none>
            Session Affinity:  
            Events:            <none>
        "#]]
        .assert_eq(&describe_service(
            &find("Service", "web-np"),
            None,
            &[],
            NOW,
        ));
    }

    #[test]
    fn describes_namespaces_config_and_secrets() {
        let ns = find("Namespace", "demo");
        expect![[r#"
            Name:         demo
            Labels:       <none>
            Annotations:  <none>
            Status:       Active

            Resource Quotas
              Name:            compute
              Resource         Used   Hard
              --------         ---    ---
              limits.cpu       500m   4
              limits.memory    512Mi  8Gi
              pods             3      10
              requests.cpu     300m   2
              requests.memory  384Mi  4Gi

            Resource Limits
             Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
             ----       --------  ---  ---  ---------------  -------------  -----------------------
             Container  cpu       -    -    100m             500m           -
             Container  memory    -    -    128Mi            512Mi          -
        "#]]
        .assert_eq(&describe_namespace(
            &ns,
            &[find("ResourceQuota", "compute")],
            &[find("LimitRange", "defaults")],
        ));
        expect![[r#"
            Name:         demo
            Labels:       <none>
            Annotations:  <none>
            Status:       Active

            No resource quota.

            No LimitRange resource.
        "#]]
        .assert_eq(&describe_namespace(&ns, &[], &[]));
        expect![[r#"
            Name:         app-config
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>

            Data
            ====
            APP_MODE:
            ----
            production

            app.properties:
            ----
            color=blue
            size=3



            BinaryData
            ====
            logo.png: 8 bytes

            Events:  <none>
        "#]]
        .assert_eq(&describe_config_map(
            &find("ConfigMap", "app-config"),
            &[],
            NOW,
        ));
        expect![[r#"
            Name:         db-creds
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>

            Type:  Opaque

            Data
            ====
            password:  6 bytes
            username:  5 bytes
        "#]]
        .assert_eq(&describe_secret(&find("Secret", "db-creds")));
    }

    #[test]
    fn describes_anything_else_generically() {
        expect![[r#"
            Name:         gizmo
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>
            API Version:  example.com/v1
            Kind:         Widget
            Metadata:
              Creation Timestamp:  2024-01-01T11:00:00Z
              Resource Version:    4242
              UID:                 gizmo-0000-4000-8000-000000000000
            Spec:
              Size:  3
            Events:  <none>
        "#]]
        .assert_eq(&describe(&find("Widget", "gizmo"), Related::default(), NOW));
        expect![[r#"
            Name:         web
            Namespace:    demo
            Labels:       <none>
            Annotations:  <none>
            API Version:  route.openshift.io/v1
            Kind:         Route
            Metadata:
              Creation Timestamp:  2024-01-01T09:45:00Z
              Resource Version:    4242
              UID:                 web-0000-4000-8000-000000000000
            Spec:
              Host:  web-demo.apps.ocp.example.com
              Port:
                Target Port:  http
              Tls:
                Insecure Edge Termination Policy:  Redirect
                Termination:                       edge
              To:
                Kind:           Service
                Name:           web
                Weight:         100
              Wildcard Policy:  None
            Status:
              Ingress:
                Conditions:
                  Last Transition Time:  2024-01-01T09:45:01Z
                  Status:                True
                  Type:                  Admitted
                Host:                    web-demo.apps.ocp.example.com
                Router Name:             default
                Wildcard Policy:         None
            Events:                      <none>
        "#]]
        .assert_eq(&describe(&find("Route", "web"), Related::default(), NOW));
    }

    #[test]
    fn smart_labels() {
        let out: Vec<String> = [
            "apiVersion",
            "creationTimestamp",
            "uid",
            "podIP",
            "HTTPServer",
            "host_ip",
            "v1beta1",
            "self-link",
        ]
        .iter()
        .map(|f| smart_label(f))
        .collect();
        expect![
            "API Version|Creation Timestamp|UID|Pod IP|HTTP Server|host_ip|v1beta1|Self - Link"
        ]
        .assert_eq(&out.join("|"));
    }
}
