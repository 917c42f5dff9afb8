//! The kubelet's systemd journal on a node, as `journalctl -u kubelet` prints it: the start-up lines of the
//! kubelet process, the pods it admits, the events it records and the periodic status lines of its static pods,
//! each with journald's and klog's headers.

use crate::api::time::rfc3339;
use crate::api::{Object, k};
use crate::cluster::{Cluster, EventType};
use crate::exec::Output;
use crate::sort::SortShared;

/// How far back the periodic lines of static pods go: one line a minute per static pod would otherwise make the
/// journal of a weeks-old node unbounded.
const PERIODIC_WINDOW_MS: i64 = 60 * 60 * 1000;

/// `journalctl [-u UNIT] [-n N|--lines=N] [-f] [--no-pager]` on `node`: the whole journal, or its last N lines
/// (10 with `-f`, which then waits for more and is left here once it has printed them).
pub fn journalctl(cluster: &Cluster, node: &str, argv: &[String]) -> Output {
    let mut unit = None;
    let mut lines: Option<usize> = None;
    let mut follow = false;
    let mut args = argv.iter().skip(1);
    let parse_lines = |v: &str| {
        v.parse::<usize>()
            .map_err(|_| Output::err(format!("Failed to parse lines '{v}'.\n"), 1))
    };
    while let Some(arg) = args.next() {
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (long, None),
            };
            match name {
                "unit" => unit = inline.or_else(|| args.next().cloned()),
                "lines" => match inline.or_else(|| args.next().cloned()) {
                    Some(v) => match parse_lines(&v) {
                        Ok(n) => lines = Some(n),
                        Err(e) => return e,
                    },
                    None => lines = Some(10),
                },
                "follow" => follow = true,
                "pager-end" => lines = lines.or(Some(1000)),
                "no-pager" | "full" | "quiet" | "catalog" | "no-hostname" => {}
                _ => {
                    return Output::err(format!("journalctl: unrecognized option '{arg}'\n"), 1);
                }
            }
            continue;
        }
        let Some(cluster_of) = arg.strip_prefix('-').filter(|c| !c.is_empty()) else {
            return Output::err(
                format!("Failed to add match '{arg}': Invalid argument\n"),
                1,
            );
        };
        for (i, c) in cluster_of.char_indices() {
            let rest = &cluster_of[i + 1..];
            match c {
                'u' | 'n' => {
                    let value = if rest.is_empty() {
                        args.next().cloned()
                    } else {
                        Some(rest.to_owned())
                    };
                    if c == 'u' {
                        unit = value;
                    } else {
                        match value {
                            Some(v) => match parse_lines(&v) {
                                Ok(n) => lines = Some(n),
                                Err(e) => return e,
                            },
                            None => lines = Some(10),
                        }
                    }
                    break;
                }
                'f' => follow = true,
                'e' => lines = lines.or(Some(1000)),
                'x' | 'l' | 'q' | 'a' => {}
                other => {
                    return Output::err(format!("journalctl: invalid option -- '{other}'\n"), 1);
                }
            }
        }
    }
    let unit = unit.map(|u| u.trim_end_matches(".service").to_owned());
    if unit.as_deref().is_some_and(|u| u != "kubelet") {
        return Output::ok("-- No entries --\n");
    }
    let entries = kubelet_entries(cluster, node);
    let take = match (lines, follow) {
        (Some(n), _) => n.min(entries.len()),
        (None, true) => 10.min(entries.len()),
        (None, false) => entries.len(),
    };
    let text: String = entries[entries.len() - take..]
        .iter()
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    Output::ok(text)
}

/// The kubelet's journal lines on `node`, oldest first, each with its time.
fn kubelet_entries(cluster: &Cluster, node: &str) -> Vec<(i64, String)> {
    let Some(node_object) = cluster.store.get(k::node(), "", node) else {
        return Vec::new();
    };
    let openshift = cluster.info.is_openshift();
    let ident = if openshift {
        "kubenswrapper"
    } else {
        "kubelet"
    };
    let pid = 2000 + (node_object.meta.uid % 1000) as u32;
    let start = node_object.meta.created - 5_000;
    let mut entries: Vec<(i64, u32, String)> = Vec::new();
    let mut seq = 0u32;
    let mut push = |at: i64, line: String| {
        seq += 1;
        entries.push((at, seq, line));
    };
    let klog = |at: i64, level: char, file: &str, msg: &str| -> String {
        let stamp = rfc3339(at);
        let micros = (at.rem_euclid(1000)) * 1000 + (at / 7).rem_euclid(1000);
        format!(
            "{} {} {node} {ident}[{pid}]: {level}{}{} {}.{micros:06} {pid:>7} {file}] {msg}",
            month_day(at),
            &stamp[11..19],
            &stamp[5..7],
            &stamp[8..10],
            &stamp[11..19],
        )
    };
    let systemd = |at: i64, msg: &str| {
        let stamp = rfc3339(at);
        format!(
            "{} {} {node} systemd[1]: {msg}",
            month_day(at),
            &stamp[11..19]
        )
    };
    let description = if openshift || cluster.info.name == "eks" {
        "Kubernetes Kubelet"
    } else {
        "kubelet: The Kubernetes Node Agent"
    };
    let runtime = if openshift {
        "cri-o\" version=\"1.27.1-6.rhaos4.14.gitc2c9f36.el9"
    } else {
        "containerd\" version=\"1.7.12"
    };
    let version = cluster.info.kubelet_version.clone();
    push(start, systemd(start, &format!("Starting {description}...")));
    let startup: [(i64, char, &str, String); 11] = [
        (1, 'I', "server.go:203", "\"--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime\"".into()),
        (40, 'I', "server.go:467", format!("\"Kubelet version\" kubeletVersion=\"{version}\"")),
        (40, 'I', "server.go:469", "\"Golang settings\" GOGC=\"\" GOMAXPROCS=\"\" GOTRACEBACK=\"\"".into()),
        (60, 'I', "server.go:725", "\"--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /\"".into()),
        (80, 'I', "kubelet.go:405", "\"Attempting to sync node with API server\"".into()),
        (80, 'I', "kubelet.go:309", "\"Adding static pod path\" path=\"/etc/kubernetes/manifests\"".into()),
        (120, 'I', "kuberuntime_manager.go:257", format!("\"Container runtime initialized\" containerRuntime=\"{runtime}\" apiVersion=\"v1\"")),
        (300, 'I', "server.go:1168", "\"Started kubelet\"".into()),
        (900, 'I', "kubelet_node_status.go:70", format!("\"Attempting to register node\" node=\"{node}\"")),
        (5_000, 'I', "kubelet_node_status.go:73", format!("\"Successfully registered node\" node=\"{node}\"")),
        (5_100, 'I', "kubelet_node_status.go:493", "\"Fast updating node status as it just became ready\"".into()),
    ];
    for (offset, level, file, msg) in startup {
        push(start + offset, klog(start + offset, level, file, &msg));
        if offset == 300 {
            push(
                start + 300,
                systemd(start + 300, &format!("Started {description}.")),
            );
        }
    }
    let pods: Vec<&Object> = cluster
        .store
        .list(k::pod(), None)
        .map(|p| &**p)
        .filter(|p| p.pod().and_then(|s| s.node.as_deref()) == Some(node))
        .collect();
    let is_static = |p: &Object| p.meta.annotation("kubernetes.io/config.source") == Some("file");
    for pod in &pods {
        let (source, at) = if is_static(pod) {
            ("file", start + 1_000)
        } else {
            ("api", pod.meta.created.max(start))
        };
        push(
            at,
            klog(
                at,
                'I',
                "kubelet.go:2326",
                &format!(
                    "\"SyncLoop ADD\" source=\"{source}\" pods=[\"{}/{}\"]",
                    pod.meta.namespace, pod.meta.name
                ),
            ),
        );
    }
    for e in cluster
        .events
        .iter()
        .filter(|e| e.host.as_deref() == Some(node))
    {
        let (level, kind) = if e.kind_of == EventType::Warning {
            ('W', "Warning")
        } else {
            ('I', "Normal")
        };
        push(
            e.last,
            klog(
                e.last,
                level,
                "event.go:307",
                &format!(
                    "\"Event occurred\" object=\"{}/{}\" fieldPath=\"\" kind=\"{}\" apiVersion=\"{}\" type=\"{kind}\" reason=\"{}\" message=\"{}\"",
                    e.namespace,
                    e.object,
                    e.kind.info().kind,
                    e.kind.api_version(),
                    e.reason,
                    e.message.replace('"', "\\\"")
                ),
            ),
        );
    }
    // The kubelet reports the status of each running static pod about once a minute.
    let running: Vec<&&Object> = pods
        .iter()
        .filter(|p| {
            is_static(p)
                && p.pod()
                    .is_some_and(|s| s.phase == crate::api::Phase::Running)
        })
        .collect();
    if !running.is_empty() {
        let first = (start + 60_000).max(cluster.now - PERIODIC_WINDOW_MS);
        let mut at = first - first.rem_euclid(60_000) + 60_000 - 1_234;
        while at <= cluster.now {
            for (i, pod) in running.iter().enumerate() {
                let t = at + i as i64 * 3;
                push(
                    t,
                    klog(
                        t,
                        'I',
                        "kubelet_getters.go:187",
                        &format!(
                            "\"Pod status updated\" pod=\"{}/{}\" status=\"Running\"",
                            pod.meta.namespace, pod.meta.name
                        ),
                    ),
                );
            }
            at += 60_000;
        }
    }
    entries.retain(|(at, _, _)| *at <= cluster.now);
    entries.sort_shared_by_key(|(at, seq, _)| (*at, *seq));
    entries
        .into_iter()
        .map(|(at, _, line)| (at, line))
        .collect()
}

/// `Aug 05`, as journald prints the day.
pub fn month_day(at: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (_, m, d) = crate::api::time::civil_from_days(at.div_euclid(86_400_000));
    format!("{} {d:02}", MONTHS[(m - 1) as usize])
}

#[cfg(test)]
mod tests {
    use crate::session::Session;

    fn run(s: &mut Session, line: &str) -> String {
        let out = s.exec(line);
        format!("{}{}[{}]", out.stdout, out.stderr, out.code)
    }

    #[test]
    fn the_kubelet_journal_starts_with_the_process_and_tails_on_request() {
        let mut s = Session::new("ocp4", 1).unwrap();
        run(&mut s, "ssh core@master01");
        let all = run(&mut s, "journalctl -u kubelet --no-pager");
        let lines: Vec<&str> = all.lines().collect();
        assert!(
            lines[0].ends_with("master01 systemd[1]: Starting Kubernetes Kubelet..."),
            "{}",
            lines[0]
        );
        assert!(all.contains("\"Started kubelet\""));
        assert!(all.contains("kubelet_getters.go:187] \"Pod status updated\" pod=\"openshift-kube-controller-manager/kube-controller-manager-master01\" status=\"Running\""));
        assert!(lines.len() > 60, "{}", lines.len());
        let tail = run(&mut s, "journalctl -u kubelet -n 3");
        assert_eq!(tail.lines().count(), 4, "{tail}");
        assert_eq!(run(&mut s, "journalctl -u kubelet -f").lines().count(), 11);
        assert_eq!(
            run(&mut s, "journalctl -u crio -n 2"),
            "-- No entries --\n[0]"
        );
        assert_eq!(
            run(&mut s, "journalctl -n x"),
            "Failed to parse lines 'x'.\n[1]"
        );
    }
}
