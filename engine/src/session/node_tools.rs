//! What answers inside nested shells: node tools after `oc debug node/NAME` and `chroot /host` (systemctl, crictl,
//! journalctl), `ssh core@NODE`, and a container's minimal userland after `kubectl exec -it` / `oc rsh`.

use crate::api::object::{hex_id, ip_string};
use crate::api::time::rfc3339;
use crate::api::{ContainerState, Object, k};
use crate::cluster::{Cluster, kept_files};
use crate::exec::{Ctx, Output};
use crate::shell::{Frame, FrameKind};

use super::net::{self, Origin};

/// The commands a nested shell answers through the session, for `help` and completion.
pub fn command_names(frame: &Frame) -> Vec<String> {
    let names: &[&str] = match frame.kind {
        FrameKind::DebugNode { .. } => &["chroot", "systemctl", "uname"],
        FrameKind::NodeRoot { .. } | FrameKind::Ssh { .. } => &[
            "systemctl",
            "crictl",
            "journalctl",
            "uname",
            "uptime",
            "sudo",
            "oc",
            "rpm-ostree",
            "podman",
        ],
        FrameKind::Container { .. } => &["curl", "env", "printenv", "id", "ps", "uname", "nginx"],
        FrameKind::Workstation => &[],
    };
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// The prompt of an interactive shell in a container, as its image's shell shows it.
pub fn container_prompt(cluster: &Cluster, namespace: &str, pod: &str, _container: &str) -> String {
    let openshift = cluster.info.is_openshift();
    let restricted = cluster
        .get(k::pod(), namespace, pod)
        .is_some_and(|p| p.meta.annotation("openshift.io/scc") == Some("restricted-v2"));
    if openshift && restricted {
        "sh-4.4$ ".to_owned()
    } else {
        "# ".to_owned()
    }
}

/// A shell in a container (`kubectl exec`, `oc rsh`, `oc debug`) with `prompt`, over the container's filesystem.
pub fn container_frame(
    cluster: &Cluster,
    namespace: &str,
    pod: &str,
    container: &str,
    prompt: &str,
) -> Frame {
    let mut frame = Frame::container(namespace, pod, container, prompt, "");
    frame.fs = Some(container_fs(cluster, namespace, pod, container));
    add_container_environment(cluster, (namespace, pod, container), &mut frame);
    frame
}

/// Puts the container's environment into a shell frame of it, over the frame's own defaults.
fn add_container_environment(
    cluster: &Cluster,
    (namespace, pod, container): (&str, &str, &str),
    frame: &mut Frame,
) {
    if let Some(pod) = cluster.get(k::pod(), namespace, pod) {
        frame
            .env
            .extend(container_environment(cluster, &pod, container));
    }
}

/// The filesystem a container's shell sees: its image's top-level layout (a Debian, Red Hat UBI, Alpine or busybox
/// root) and the files a learner looks for in it (nginx's and httpd's configuration and pages, an S2I image's
/// `/opt/app-root/src`); `/etc/hostname`, `/etc/hosts` and `/etc/resolv.conf` are answered from the pod.
pub fn container_fs(
    cluster: &Cluster,
    namespace: &str,
    pod: &str,
    container: &str,
) -> crate::vfs::Vfs {
    if let Some(kept) = cluster
        .get(k::pod(), namespace, pod)
        .and_then(|p| kept_files::of(cluster, &p, container).cloned())
    {
        return (*kept).clone();
    }
    image_fs(cluster, namespace, pod, container)
}

/// Keeps what a shell or command left in a running container's files for the next one, forgetting the files of
/// pods that are gone.
pub fn keep_container_fs(
    cluster: &mut Cluster,
    (namespace, pod, container): (&str, &str, &str),
    fs: crate::vfs::Vfs,
) {
    let Some(key) = cluster
        .get(k::pod(), namespace, pod)
        .and_then(|p| kept_files::key(&p, container))
    else {
        return;
    };
    let live: std::collections::BTreeSet<u64> = cluster
        .store
        .list(k::pod(), None)
        .map(|p| p.meta.uid)
        .collect();
    cluster.container_files.retain(|key, _| {
        key.split('/')
            .next()
            .and_then(|uid| uid.parse().ok())
            .is_some_and(|uid| live.contains(&uid))
    });
    cluster.container_files.insert(key, std::sync::Arc::new(fs));
}

/// The filesystem a container starts with: its image's tree (see [`container_fs`]).
fn image_fs(cluster: &Cluster, namespace: &str, pod: &str, container: &str) -> crate::vfs::Vfs {
    let pod_object = cluster.get(k::pod(), namespace, pod);
    let image = pod_object
        .as_ref()
        .and_then(|p| {
            p.spec()["containers"]
                .as_array()
                .and_then(|cs| cs.iter().find(|c| c["name"] == container).or(cs.first()))
                .and_then(|c| c["image"].as_str().map(str::to_owned))
        })
        .unwrap_or_default();
    let parts: Vec<&str> = image.split(['/', ':', '@']).collect();
    let has = |name: &str| {
        parts
            .iter()
            .any(|p| *p == name || p.starts_with(&format!("{name}-")))
    };
    let red_hat = image.contains("registry.redhat.io")
        || image.contains("image-registry.openshift-image-registry.svc")
        || image.contains("quay.io")
        || has("ubi8")
        || has("ubi9");
    let top: &[&str] = if has("busybox") {
        &[
            "bin", "dev", "etc", "home", "lib", "lib64", "proc", "root", "sys", "tmp", "usr", "var",
        ]
    } else if has("alpine") {
        &[
            "bin", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run",
            "sbin", "srv", "sys", "tmp", "usr", "var",
        ]
    } else if red_hat {
        &[
            "afs",
            "bin",
            "boot",
            "dev",
            "etc",
            "home",
            "lib",
            "lib64",
            "lost+found",
            "media",
            "mnt",
            "opt",
            "proc",
            "root",
            "run",
            "sbin",
            "srv",
            "sys",
            "tmp",
            "usr",
            "var",
        ]
    } else {
        &[
            "bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc",
            "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var",
        ]
    };
    // The page the image serves at `/` is the file its server reads.
    let response = cluster
        .info
        .image(&image)
        .and_then(|i| i.http_response.clone())
        .unwrap_or(serde_json::Value::Null);
    let served_page = net::page(&response, pod, &image);
    let mut fs = crate::vfs::Vfs::with_home("/");
    for dir in top {
        let _ = fs.mkdir(&format!("/{dir}"), true);
    }
    let mut files: Vec<(&str, String)> = Vec::new();
    if has("nginx") {
        for dir in ["/var/cache/nginx", "/var/log/nginx", "/etc/nginx/conf.d"] {
            let _ = fs.mkdir(dir, true);
        }
        files.push(("/usr/share/nginx/html/index.html", served_page.clone()));
        if !red_hat {
            let _ = fs.mkdir("/docker-entrypoint.d", true);
            files.push(("/docker-entrypoint.sh", "#!/bin/sh\n".to_owned()));
            // The server block the Docker Hub image serves its page with.
            files.push((
                "/etc/nginx/conf.d/default.conf",
                "server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n".to_owned(),
            ));
        }
    }
    if has("httpd") {
        files.push(("/usr/local/apache2/htdocs/index.html", served_page.clone()));
        let _ = fs.mkdir("/usr/local/apache2/conf", true);
    }
    if red_hat {
        let _ = fs.mkdir("/opt/app-root/src", true);
    }
    for (path, text) in files {
        let _ = fs.mkdir(crate::vfs::parent(path), true);
        let _ = fs.write(path, text);
    }
    let uid = pod_object
        .and_then(|p| restricted_uid(cluster, &p))
        .unwrap_or(0);
    let mut names = std::collections::BTreeMap::from([(0, "root".to_owned())]);
    if has("nginx") && !red_hat {
        // Docker Hub's nginx images add the `nginx` user and group with ID 101.
        names.insert(101, "nginx".to_owned());
    }
    if red_hat {
        // Red Hat's S2I images run as `default`, UID 1001.
        names.insert(1001, "default".to_owned());
    }
    own_image_files(&mut fs, uid, names);
    fs
}

/// Makes the image's files root's, as its layers ship them, and the shell's process the container's user: root, or
/// under the restricted SCC the namespace's UID in group root, which may write only where an image opened a
/// directory to group root (an S2I image's `/opt/app-root/src`), so the Docker Hub nginx cannot create its cache.
fn own_image_files(
    fs: &mut crate::vfs::Vfs,
    uid: u32,
    names: std::collections::BTreeMap<u32, String>,
) {
    use crate::vfs::Meta;
    let paths: Vec<String> = std::iter::once("/".to_owned())
        .chain(fs.descendants("/").map(str::to_owned))
        .collect();
    for path in paths {
        let mode = match path.as_str() {
            "/tmp" => 0o1777,
            "/root" => 0o700,
            "/opt/app-root/src" => 0o775,
            _ if fs.is_dir(&path) => 0o755,
            _ => 0o644,
        };
        let owner = if path == "/opt/app-root/src" { 1001 } else { 0 };
        fs.set_meta(
            &path,
            Meta {
                uid: owner,
                gid: 0,
                mode,
            },
        );
    }
    fs.set_user(crate::vfs::Cred {
        uid,
        gid: 0,
        groups: if uid == 0 { vec![0] } else { vec![0, uid] },
        names,
    });
}

/// Runs `argv` once in a container's `frame` without a terminal (`kubectl exec POD -- …`, `oc debug … -- …`): the
/// container's own tools first, then the shell's utilities over the container's filesystem; `None` when the
/// image has no such program.
pub fn run_in_container(
    cluster: &mut Cluster,
    (namespace, pod, container): (&str, &str, &str),
    argv: &[String],
    ctx: &mut Ctx,
) -> Option<Output> {
    let mut frame = Frame::container(namespace, pod, container, "$ ", "");
    add_container_environment(cluster, (namespace, pod, container), &mut frame);
    let mut fs = container_fs(cluster, namespace, pod, container);
    let mut inner = Ctx::new(&mut fs, &frame.env, &frame.cwd, ctx.stdin, ctx.now);
    inner.tty = false;
    if let Some(out) = run(cluster, argv, &mut inner, &frame) {
        return Some(out);
    }
    frame.fs = Some(fs);
    let (out, fs) = crate::shell::exec_program(argv, frame, &mut ContainerHost { cluster })?;
    if let Some(fs) = fs {
        keep_container_fs(cluster, (namespace, pod, container), fs);
    }
    Some(out)
}

/// Copies a file or directory between the workstation (`ctx`) and a running container, as `kubectl cp` does by
/// running `tar` in the container: the container's user needs the permissions tar would need, and tar's complaints
/// are what the learner sees.
pub fn copy(
    cluster: &mut Cluster,
    (namespace, pod, container): (&str, &str, &str),
    to_container: bool,
    (local, remote): (&str, &str),
    ctx: &mut Ctx,
) -> Output {
    let mut fs = container_fs(cluster, namespace, pod, container);
    let remote_path = crate::vfs::normalize(&format!("/{remote}"));
    let base = |path: &str| path.rsplit('/').next().unwrap_or_default().to_owned();
    let tar_failed = |mut lines: String| {
        lines.push_str(
            "tar: Exiting with failure status due to previous errors
",
        );
        lines.push_str(&super::command_terminated(2));
        Output::err(lines, 2)
    };
    let leading = if remote.starts_with('/') {
        "tar: Removing leading `/' from member names
"
    } else {
        ""
    };
    // Every entry to copy, relative to the copied path (the path itself is ""), directories before their contents.
    let entries = |fs: &crate::vfs::Vfs, root: &str| -> Vec<(String, bool)> {
        std::iter::once((String::new(), fs.is_dir(root)))
            .chain(
                fs.descendants(root)
                    .map(|path| (path[root.len()..].to_owned(), fs.is_dir(path))),
            )
            .collect()
    };
    if to_container {
        let source = ctx.resolve(local);
        let target = if fs.is_dir(&remote_path) {
            format!("{}/{}", remote_path.trim_end_matches('/'), base(&source))
        } else {
            remote_path.clone()
        };
        let mut errors = String::new();
        for (relative, dir) in entries(ctx.fs, &source) {
            let member = format!("{}{relative}", base(&target));
            let path = format!("{target}{relative}");
            let result = if dir {
                fs.mkdir(&path, true)
            } else {
                let text = ctx
                    .fs
                    .read(&format!("{source}{relative}"))
                    .unwrap_or_default()
                    .to_owned();
                fs.write(&path, text)
            };
            if let Err(e) = result {
                let what = if dir { "Cannot mkdir" } else { "Cannot open" };
                errors.push_str(&format!(
                    "tar: {member}: {what}: {}
",
                    e.message()
                ));
            }
        }
        keep_container_fs(cluster, (namespace, pod, container), fs);
        if errors.is_empty() {
            Output::default()
        } else {
            tar_failed(errors)
        }
    } else {
        let shown = remote_path.trim_start_matches('/');
        if fs.get(&remote_path).is_none() || !fs.permits(&remote_path, 0) {
            let problem = if fs.get(&remote_path).is_none() {
                "No such file or directory"
            } else {
                "Permission denied"
            };
            return tar_failed(format!(
                "{leading}tar: {remote}: Cannot stat: {problem}
"
            ));
        }
        let local_path = ctx.resolve(local);
        let target = if ctx.fs.is_dir(&local_path) {
            format!(
                "{}/{}",
                local_path.trim_end_matches('/'),
                base(&remote_path)
            )
        } else {
            local_path
        };
        let mut errors = String::new();
        for (relative, dir) in entries(&fs, &remote_path) {
            let path = format!("{target}{relative}");
            if dir {
                let _ = ctx.fs.mkdir(&path, true);
                continue;
            }
            match fs.read(&format!("{remote_path}{relative}")) {
                Ok(text) => {
                    let _ = ctx.fs.mkdir(crate::vfs::parent(&path), true);
                    let _ = ctx.fs.write(&path, text.to_owned());
                    ctx.fs.set_mtime(&path, ctx.now);
                }
                Err(e) => {
                    errors.push_str(&format!(
                        "tar: {shown}{relative}: Cannot open: {}
",
                        e.message()
                    ));
                }
            }
        }
        if errors.is_empty() {
            Output::err(leading, 0)
        } else {
            tar_failed(format!("{leading}{errors}"))
        }
    }
}

/// What a script run by `kubectl exec` reaches besides the shell: the container's own tools. Virtual time does not
/// pass inside it.
struct ContainerHost<'a> {
    cluster: &'a mut Cluster,
}

impl crate::shell::Host for ContainerHost<'_> {
    fn run(&mut self, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output> {
        run(self.cluster, argv, ctx, frame)
    }

    fn advance(&mut self, _ms: u64) {}

    fn now(&self) -> i64 {
        self.cluster.now
    }

    fn command_names(&self, frame: &Frame) -> Vec<String> {
        command_names(frame)
    }
}

/// Answers `argv` in a nested `frame`; `None` lets the shell try its own commands.
pub fn run(cluster: &mut Cluster, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output> {
    let name = argv.first()?.as_str();
    match &frame.kind {
        FrameKind::DebugNode { node } => match name {
            "systemctl" => Some(Output::err(
                "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n",
                1,
            )),
            "uname" => Some(uname(cluster, node, argv)),
            _ => None,
        },
        FrameKind::NodeRoot { node } | FrameKind::Ssh { node } => {
            let argv: Vec<String> = if name == "sudo" {
                argv[1..].to_vec()
            } else {
                argv.to_vec()
            };
            match argv.first().map(String::as_str)? {
                "systemctl" => Some(systemctl(cluster, node, &argv)),
                "crictl" => Some(crictl(cluster, node, &argv)),
                "journalctl" => Some(super::journal::journalctl(cluster, node, &argv)),
                "uname" => Some(uname(cluster, node, &argv)),
                "hostname" => Some(Output::ok(format!("{node}\n"))),
                "rpm-ostree" => Some(super::host_tools::rpm_ostree(
                    &node_info(cluster, node, "osImage"),
                    &argv[1..],
                )),
                "podman" => Some(super::host_tools::podman(&argv[1..])),
                "cat" if argv.get(1).map(String::as_str) == Some("/etc/os-release") => {
                    Some(Output::ok(os_release(cluster, node)))
                }
                "uptime" => Some(Output::ok(
                    " 09:00:00 up 2:17,  1 user,  load average: 0.52, 0.61, 0.58\n".to_owned(),
                )),
                _ => None,
            }
        }
        FrameKind::Container {
            namespace,
            pod,
            container,
        } => {
            let pod_object = cluster.get(k::pod(), namespace, pod)?;
            match name {
                "curl" => {
                    let ip = pod_object.pod().and_then(|p| p.pod_ip).map(ip_string).unwrap_or_default();
                    Some(net::curl(cluster, argv, Origin::Pod(namespace, &ip)))
                }
                "env" | "printenv" => Some(Output::ok(container_env(cluster, &pod_object, container))),
                "hostname" => Some(Output::ok(format!("{pod}\n"))),
                "id" | "whoami" => Some(Output::ok(container_id(cluster, &pod_object, name))),
                "nginx" if argv.get(1).map(String::as_str) == Some("-v") => {
                    let image = pod_object.spec()["containers"][0]["image"].as_str().unwrap_or_default().to_owned();
                    let version = cluster.info.image(&image).map(|i| i.version.clone()).unwrap_or_else(|| "1.25.3".into());
                    Some(Output::err(format!("nginx version: nginx/{version}\n"), 0))
                }
                "cat" if argv.len() == 2
                    && argv[1] != "/etc/os-release"
                    && ctx.fs.read(&crate::vfs::resolve(ctx.cwd, &frame.home, &argv[1])).is_err() =>
                {
                    Some(container_file(cluster, &pod_object, &argv[1]))
                }
                "cat" if argv.get(1).map(String::as_str) == Some("/etc/os-release") => Some(Output::ok(
                    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n".to_owned(),
                )),
                "ps" => Some(Output::ok("PID   USER     TIME  COMMAND\n    1 root      0:00 nginx: master process nginx -g daemon off;\n   29 nginx     0:00 nginx: worker process\n".to_owned())),
                _ => None,
            }
        }
        FrameKind::Workstation => None,
    }
}

/// Runs the command of `oc debug node/NODE -- COMMAND…` in the debug pod, or as the node's root when it starts with
/// `chroot /host`; oc prints the pod's log, where the command's standard output and error are one stream.
pub fn debug_command(
    cluster: &mut Cluster,
    node: &str,
    command: &[String],
    ctx: &mut Ctx,
) -> Output {
    let chrooted = command.first().map(String::as_str) == Some("chroot")
        && matches!(command.get(1).map(String::as_str), Some("/host" | "/host/"))
        && command.len() > 2;
    let (frame, argv) = if chrooted {
        (Frame::node_root(node), &command[2..])
    } else {
        (Frame::debug_node(node, ""), command)
    };
    let answer = run(cluster, argv, ctx, &frame).unwrap_or_else(|| {
        if chrooted {
            Output::err(
                format!(
                    "chroot: failed to run command '{}': No such file or directory\n",
                    argv[0]
                ),
                127,
            )
        } else {
            Output::err(format!("sh: {}: command not found\n", argv[0]), 127)
        }
    });
    Output {
        stdout: answer.stdout + &answer.stderr,
        stderr: String::new(),
        code: answer.code,
    }
}

/// Standard error a command wrote before its standard output (oc's `Starting pod/…` lines before the debugged
/// command's output), which the shell's screen, one standard output and one standard error chunk per command, loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// What the command wrote to standard error first.
    pub stderr: String,
    /// The standard output it wrote after that.
    pub stdout: String,
}

/// Puts each lead's standard error back before the standard output that followed it, in the `(is_error, text)`
/// chunks a command line showed; a lead whose output went elsewhere (a pipe, a file) leaves the chunks as they are.
pub fn order_screen(screen: &mut Vec<(bool, String)>, leads: &[Lead]) {
    let mut from = 1;
    for lead in leads {
        let found = (from..screen.len()).find(|&i| {
            screen[i].0
                && screen[i].1.starts_with(&lead.stderr)
                && !screen[i - 1].0
                && screen[i - 1].1.ends_with(&lead.stdout)
        });
        let Some(i) = found else { continue };
        let rest = screen[i].1.split_off(lead.stderr.len());
        let before = screen[i - 1].1.len() - lead.stdout.len();
        let earlier = screen[i - 1].1[..before].to_owned();
        screen.splice(
            i - 1..=i,
            [
                (false, earlier),
                (true, lead.stderr.clone()),
                (false, lead.stdout.clone()),
                (true, rest),
            ],
        );
        from = i + 3;
    }
}

/// The files the kubelet writes into every container (`/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`), as
/// `cat` prints them; other paths are missing, with busybox's or coreutils' wording by the image.
fn container_file(cluster: &Cluster, pod: &Object, path: &str) -> Output {
    let name = pod.meta.name.as_str();
    let ns = pod.meta.namespace.as_str();
    let ip = pod
        .pod()
        .and_then(|p| p.pod_ip)
        .map(ip_string)
        .unwrap_or_default();
    let domain = &cluster.info.cluster_domain;
    match path {
        "/etc/hostname" => Output::ok(format!("{name}\n")),
        "/etc/hosts" => Output::ok(format!(
            "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{ip}\t{name}\n"
        )),
        "/etc/resolv.conf" => {
            let dns = [
                ("openshift-dns", "dns-default"),
                ("kube-system", "kube-dns"),
            ]
            .iter()
            .find_map(|(n, s)| cluster.get(k::service(), n, s))
            .and_then(|s| s.spec()["clusterIP"].as_str().map(str::to_owned))
            .unwrap_or_default();
            Output::ok(format!(
                "search {ns}.svc.{domain} svc.{domain} {domain}\nnameserver {dns}\noptions ndots:5\n"
            ))
        }
        _ => {
            let image = pod.spec()["containers"][0]["image"]
                .as_str()
                .unwrap_or_default();
            let busybox = image.split(['/', ':']).any(|part| part == "busybox");
            let message = if busybox {
                format!("cat: can't open '{path}': No such file or directory\n")
            } else {
                format!("cat: {path}: No such file or directory\n")
            };
            Output::err(message, 1)
        }
    }
}

fn node_object(cluster: &Cluster, node: &str) -> Option<std::sync::Arc<Object>> {
    cluster.get(k::node(), "", node)
}

fn node_info(cluster: &Cluster, node: &str, field: &str) -> String {
    node_object(cluster, node)
        .and_then(|n| {
            n.status_json()["nodeInfo"][field]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

fn uname(cluster: &Cluster, node: &str, argv: &[String]) -> Output {
    let kernel = node_info(cluster, node, "kernelVersion");
    if argv.iter().any(|a| a == "-r") {
        Output::ok(format!("{kernel}\n"))
    } else if argv.iter().any(|a| a == "-a") {
        Output::ok(format!(
            "Linux {node} {kernel} #1 SMP PREEMPT_DYNAMIC x86_64 x86_64 x86_64 GNU/Linux\n"
        ))
    } else {
        Output::ok("Linux\n")
    }
}

fn os_release(cluster: &Cluster, node: &str) -> String {
    let image = node_info(cluster, node, "osImage");
    if image.contains("CoreOS") {
        let version = cluster.info.fact("rhcosVersion");
        format!(
            "NAME=\"Red Hat Enterprise Linux CoreOS\"\nID=\"rhcos\"\nID_LIKE=\"rhel fedora\"\nVERSION=\"{version}\"\nVERSION_ID=\"4.14\"\nPLATFORM_ID=\"platform:el9\"\nPRETTY_NAME=\"{image}\"\nOPENSHIFT_VERSION=\"4.14\"\nRHEL_VERSION=\"9.2\"\n"
        )
    } else {
        format!("PRETTY_NAME=\"{image}\"\n")
    }
}

fn since_line(cluster: &Cluster, started: i64) -> String {
    let stamp = rfc3339(started);
    let ago = (cluster.now - started).max(0) / 1000;
    let ago = if ago >= 3600 {
        format!("{}h {}min ago", ago / 3600, ago % 3600 / 60)
    } else {
        format!("{}min {}s ago", ago / 60, ago % 60)
    };
    format!("{} {} UTC; {ago}", &stamp[..10], &stamp[11..19])
}

fn boot_time(cluster: &Cluster, node: &str) -> i64 {
    node_object(cluster, node)
        .and_then(|n| {
            n.status_json()["conditions"]
                .as_array()?
                .iter()
                .find(|c| c["type"] == "Ready")
                .and_then(|c| {
                    c["lastTransitionTime"]
                        .as_str()
                        .and_then(crate::api::time::parse_rfc3339)
                })
        })
        .unwrap_or(cluster.now - 8_220_000)
        .max(cluster.now - 8_220_000)
}

fn systemctl(cluster: &Cluster, node: &str, argv: &[String]) -> Output {
    let verb = argv.get(1).map(String::as_str).unwrap_or("status");
    let unit = argv
        .iter()
        .skip(2)
        .find(|a| !a.starts_with('-'))
        .map(|u| u.trim_end_matches(".service"))
        .unwrap_or("");
    let stopped = cluster.stopped_nodes.contains_key(node);
    let runtime = node_info(cluster, node, "containerRuntimeVersion");
    let crio = runtime.starts_with("cri-o");
    match (verb, unit) {
        ("is-active", "kubelet") => {
            if stopped {
                Output::err("inactive\n", 3)
            } else {
                Output::ok("active\n")
            }
        }
        ("is-active", "crio" | "containerd") => Output::ok("active\n"),
        ("status", "kubelet") => {
            let started = boot_time(cluster, node);
            let (dot, active) = if stopped {
                ("○", "inactive (dead)".to_owned())
            } else {
                (
                    "●",
                    format!("active (running) since {}", since_line(cluster, started)),
                )
            };
            let kubelet = "/usr/bin/kubelet";
            let text = format!(
                "{dot} kubelet.service - Kubernetes Kubelet\n     Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; preset: disabled)\n    Drop-In: /etc/systemd/system/kubelet.service.d\n             └─01-kubens.conf, 10-mco-default-madv.conf, 20-logging.conf, 20-nodenet.conf\n     Active: {active}\n   Main PID: 2631 (kubelet)\n      Tasks: 31 (limit: 102056)\n     Memory: 142.3M\n        CPU: 6min 12.345s\n     CGroup: /system.slice/kubelet.service\n             └─2631 {kubelet} --config=/etc/kubernetes/kubelet.conf --bootstrap-kubeconfig=/etc/kubernetes/kubeconfig --kubeconfig=/var/lib/kubelet/kubeconfig --container-runtime-endpoint=/var/run/crio/crio.sock --node-ip={}\n",
                node_object(cluster, node)
                    .and_then(|n| crate::cluster::controllers::kubelet::node_address(&n))
                    .map(ip_string)
                    .unwrap_or_default()
            );
            if stopped {
                Output {
                    stdout: text,
                    stderr: String::new(),
                    code: 3,
                }
            } else {
                Output::ok(text)
            }
        }
        ("status", "crio" | "containerd") => {
            let started = boot_time(cluster, node) - 4000;
            let (name, desc) = if crio {
                ("crio", "Container Runtime Interface for OCI (CRI-O)")
            } else {
                ("containerd", "containerd container runtime")
            };
            Output::ok(format!(
                "● {name}.service - {desc}\n     Loaded: loaded (/usr/lib/systemd/system/{name}.service; disabled; preset: disabled)\n     Active: active (running) since {}\n   Main PID: 2570 ({name})\n      Tasks: 26\n     Memory: 95.1M\n     CGroup: /system.slice/{name}.service\n             └─2570 /usr/bin/{name}\n",
                since_line(cluster, started)
            ))
        }
        ("start" | "restart", "kubelet") => Output::ok(""),
        ("status", "") => Output::ok(format!(
            "● {node}\n    State: running\n    Units: 312 loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n"
        )),
        (_, unit) => Output::err(format!("Unit {unit}.service could not be found.\n"), 4),
    }
}

/// The containers on a node, as (pod, container index, container JSON, status).
fn node_containers(
    cluster: &Cluster,
    node: &str,
) -> Vec<(
    std::sync::Arc<Object>,
    serde_json::Value,
    crate::api::ContainerStatus,
)> {
    let mut out = Vec::new();
    for (ns, name) in cluster.store.pods_on(node) {
        let Some(pod) = cluster.get(k::pod(), &ns, &name) else {
            continue;
        };
        let specs = pod.spec()["containers"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let statuses = pod.pod().map(|p| p.containers.clone()).unwrap_or_default();
        for (spec, status) in specs.into_iter().zip(statuses) {
            out.push((pod.clone(), spec, status));
        }
    }
    out
}

fn ago(cluster: &Cluster, at: i64) -> String {
    let s = (cluster.now - at).max(0) / 1000;
    if s < 60 {
        format!("{s} seconds ago")
    } else if s < 3600 {
        format!("{} minutes ago", s / 60)
    } else {
        format!("{} hours ago", s / 3600)
    }
}

fn crictl(cluster: &Cluster, node: &str, argv: &[String]) -> Output {
    let sub = argv.get(1).map(String::as_str).unwrap_or("");
    let all = argv.iter().any(|a| a == "-a" || a == "--all");
    let mut rows: Vec<Vec<String>> = Vec::new();
    match sub {
        "ps" => {
            rows.push(
                [
                    "CONTAINER",
                    "IMAGE",
                    "CREATED",
                    "STATE",
                    "NAME",
                    "ATTEMPT",
                    "POD ID",
                    "POD",
                ]
                .map(String::from)
                .to_vec(),
            );
            for (pod, spec, status) in node_containers(cluster, node) {
                let name = spec["name"].as_str().unwrap_or_default();
                let (state, started) = match &status.state {
                    ContainerState::Running { started } => ("Running", *started),
                    ContainerState::Terminated { started, .. } => ("Exited", *started),
                    ContainerState::Waiting { .. } => match status.last.as_deref() {
                        Some(ContainerState::Terminated { started, .. }) if all => {
                            ("Exited", *started)
                        }
                        _ => continue,
                    },
                };
                if state == "Exited" && !all {
                    continue;
                }
                let image = spec["image"].as_str().unwrap_or_default();
                rows.push(vec![
                    hex_id(pod.meta.uid, name, status.restarts)[..13].to_owned(),
                    image
                        .rsplit('/')
                        .next()
                        .unwrap_or(image)
                        .chars()
                        .take(27)
                        .collect(),
                    ago(cluster, started),
                    state.to_owned(),
                    name.to_owned(),
                    status.restarts.to_string(),
                    hex_id(pod.meta.uid, "sandbox", 0)[..13].to_owned(),
                    pod.meta.name.to_string(),
                ]);
            }
        }
        "pods" => {
            rows.push(
                [
                    "POD ID",
                    "CREATED",
                    "STATE",
                    "NAME",
                    "NAMESPACE",
                    "ATTEMPT",
                    "RUNTIME",
                ]
                .map(String::from)
                .to_vec(),
            );
            let mut seen = std::collections::BTreeSet::new();
            for (pod, _, _) in node_containers(cluster, node) {
                if seen.insert(pod.meta.uid) {
                    rows.push(vec![
                        hex_id(pod.meta.uid, "sandbox", 0)[..13].to_owned(),
                        ago(
                            cluster,
                            pod.pod()
                                .and_then(|p| p.start_time)
                                .map_or(pod.meta.created, std::num::NonZeroI64::get),
                        ),
                        "Ready".to_owned(),
                        pod.meta.name.to_string(),
                        pod.meta.namespace.to_string(),
                        "0".to_owned(),
                        "(default)".to_owned(),
                    ]);
                }
            }
        }
        "images" => {
            rows.push(
                ["IMAGE", "TAG", "IMAGE ID", "SIZE"]
                    .map(String::from)
                    .to_vec(),
            );
            let mut seen = std::collections::BTreeSet::new();
            for (_, spec, _) in node_containers(cluster, node) {
                let image = spec["image"].as_str().unwrap_or_default().to_owned();
                if !seen.insert(image.clone()) {
                    continue;
                }
                let normalized = crate::cluster::scenario::normalize_image(&image);
                let (repo, tag) = match normalized.split_once('@') {
                    Some((r, _)) => (r.to_owned(), "<none>".to_owned()),
                    None => normalized
                        .rsplit_once(':')
                        .map(|(r, t)| (r.to_owned(), t.to_owned()))
                        .unwrap_or((normalized.clone(), "latest".into())),
                };
                let size = cluster.info.image(&image).map(|i| i.size_mb).unwrap_or(400);
                rows.push(vec![
                    repo,
                    tag,
                    hex_id(0, &image, 0)[..13].to_owned(),
                    format!("{size}MB"),
                ]);
            }
        }
        "" | "--help" | "-h" => {
            return Output::ok(
                "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options] [arguments...]\n\nCOMMANDS:\n   images   List images\n   inspect  Display the status of one or more containers\n   logs     Fetch the logs of a container\n   pods     List pods\n   ps       List containers\n",
            );
        }
        other => return Output::err(format!("No help topic for '{other}'\n"), 1),
    }
    let text: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
    Output::ok(crate::printers::tabwriter::align(&text, 0, 3))
}

fn container_env(cluster: &Cluster, pod: &Object, container: &str) -> String {
    let lines: Vec<String> = container_environment(cluster, pod, container)
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    lines.join("\n") + "\n"
}

/// A container's environment as its processes see it: the image's `PATH`, the pod's host name, the container's
/// `envFrom` and `env` (references to secrets, config maps and the pod's fields resolved as the kubelet does), the
/// API server's service links and `HOME`.
pub fn container_environment(
    cluster: &Cluster,
    pod: &Object,
    container: &str,
) -> Vec<(String, String)> {
    let mut vars = vec![
        (
            "PATH".to_owned(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_owned(),
        ),
        ("HOSTNAME".to_owned(), pod.meta.name.to_string()),
    ];
    let namespace = pod.meta.namespace.as_str();
    // A key of a secret (decoded) or config map in the pod's namespace.
    let key_of = |kind: crate::api::Kind, name: &str, key: &str| -> Option<String> {
        let object = cluster.get(kind, namespace, name)?.to_json();
        let value = object["data"][key].as_str()?.to_owned();
        if kind == k::secret() {
            let bytes = crate::b64::decode(&value)?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            Some(value)
        }
    };
    let all_keys = |kind: crate::api::Kind, name: &str| -> Vec<String> {
        cluster
            .get(kind, namespace, name)
            .and_then(|o| {
                o.to_json()["data"]
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
            })
            .unwrap_or_default()
    };
    let set = |vars: &mut Vec<(String, String)>, name: String, value: String| match vars
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some(existing) => existing.1 = value,
        None => vars.push((name, value)),
    };
    if let Some(spec) = pod.spec()["containers"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["name"] == container))
    {
        for source in spec["envFrom"].as_array().into_iter().flatten() {
            let prefix = source["prefix"].as_str().unwrap_or_default();
            for (field, kind) in [("secretRef", k::secret()), ("configMapRef", k::configmap())] {
                if let Some(name) = source[field]["name"].as_str() {
                    for key in all_keys(kind, name) {
                        let value = key_of(kind, name, &key).unwrap_or_default();
                        set(&mut vars, format!("{prefix}{key}"), value);
                    }
                }
            }
        }
        for e in spec["env"].as_array().into_iter().flatten() {
            let from = &e["valueFrom"];
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let value = if from.is_null() {
                text(&e["value"])
            } else if from["secretKeyRef"].is_object() {
                let r = &from["secretKeyRef"];
                key_of(k::secret(), &text(&r["name"]), &text(&r["key"])).unwrap_or_default()
            } else if from["configMapKeyRef"].is_object() {
                let r = &from["configMapKeyRef"];
                key_of(k::configmap(), &text(&r["name"]), &text(&r["key"])).unwrap_or_default()
            } else if from["fieldRef"].is_object() {
                match from["fieldRef"]["fieldPath"].as_str().unwrap_or_default() {
                    "metadata.name" => pod.meta.name.to_string(),
                    "metadata.namespace" => namespace.to_owned(),
                    "spec.nodeName" => text(&pod.spec()["nodeName"]),
                    "spec.serviceAccountName" => text(&pod.spec()["serviceAccountName"]),
                    "status.podIP" => pod
                        .pod()
                        .and_then(|s| s.pod_ip)
                        .map(ip_string)
                        .unwrap_or_default(),
                    "status.hostIP" => pod
                        .pod()
                        .and_then(|s| s.host_ip)
                        .map(|ip| ip_string(ip.get()))
                        .unwrap_or_default(),
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            set(&mut vars, text(&e["name"]), value);
        }
    }
    let api = cluster
        .store
        .get(k::service(), "default", "kubernetes")
        .and_then(|s| s.spec()["clusterIP"].as_str().map(str::to_owned))
        .unwrap_or_default();
    // The kubelet's service links for the API server, as every pod sees them.
    for (name, value) in [
        ("KUBERNETES_PORT_443_TCP_ADDR", api.clone()),
        ("KUBERNETES_SERVICE_HOST", api.clone()),
        ("KUBERNETES_SERVICE_PORT", "443".to_owned()),
        ("KUBERNETES_SERVICE_PORT_HTTPS", "443".to_owned()),
        ("KUBERNETES_PORT", format!("tcp://{api}:443")),
        ("KUBERNETES_PORT_443_TCP", format!("tcp://{api}:443")),
        ("KUBERNETES_PORT_443_TCP_PROTO", "tcp".to_owned()),
        ("KUBERNETES_PORT_443_TCP_PORT", "443".to_owned()),
        ("HOME", "/root".to_owned()),
    ] {
        vars.push((name.to_owned(), value));
    }
    vars
}

fn container_id(cluster: &Cluster, pod: &Object, name: &str) -> String {
    match restricted_uid(cluster, pod) {
        Some(uid) if name == "whoami" => format!("{uid}\n"),
        Some(uid) => format!("uid={uid}({uid}) gid=0(root) groups=0(root),{uid}\n"),
        None if name == "whoami" => "root\n".into(),
        None => "uid=0(root) gid=0(root) groups=0(root)\n".into(),
    }
}

/// The UID a container runs as under the restricted SCC, the first of its namespace's range; `None` where the pod
/// was admitted otherwise and runs as root.
fn restricted_uid(cluster: &Cluster, pod: &Object) -> Option<u32> {
    (pod.meta.annotation("openshift.io/scc") == Some("restricted-v2")).then(|| {
        cluster
            .get(k::namespace(), "", &pod.meta.namespace)
            .and_then(|ns| {
                ns.meta
                    .annotation("openshift.io/sa.scc.uid-range")
                    .and_then(|r| r.split('/').next())
                    .and_then(|first| first.parse::<u32>().ok())
            })
            .unwrap_or(1_000_650_000)
    })
}

/// sshd's refusal when no key the client offers is authorised (RHEL's and Amazon Linux's sshd offer these methods).
pub fn ssh_denied(user: &str, host: &str) -> Output {
    Output::err(
        format!("{user}@{host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n"),
        255,
    )
}

/// `ssh [user@]NODE` from the workstation: a login shell on a cluster node.
pub fn ssh(cluster: &Cluster, argv: &[String], ctx: &mut Ctx) -> Output {
    let Some(target) = argv[1..].iter().rfind(|a| !a.starts_with('-')) else {
        return Output::err(
            "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           destination [command [argument ...]]\n",
            255,
        );
    };
    // Without `user@`, ssh logs in as the local user.
    let local = ctx.env.get("USER").map_or("student", String::as_str);
    let (user, host) = target.split_once('@').unwrap_or((local, target));
    let node = cluster.node_names().into_iter().find(|n| {
        n == host
            || n.split('.').next() == Some(host)
            || cluster.node_ips.get(n).map(|ip| ip_string(*ip)).as_deref() == Some(host)
    });
    let Some(node) = node else {
        return Output::err(
            format!("ssh: Could not resolve hostname {host}: Name or service not known\n"),
            255,
        );
    };
    if !cluster.info.is_openshift() || user != "core" {
        return ssh_denied(user, host);
    }
    let banner = format!(
        "Red Hat Enterprise Linux CoreOS {}\n  Part of OpenShift 4.14, RHCOS is a Kubernetes-native operating system\n  managed by the Machine Config Operator (`clusteroperator/machine-config`).\n\nWARNING: Direct SSH access to machines is not recommended; instead,\nmake configuration changes via `machineconfig` objects.\n\n---\n",
        cluster.info.fact("rhcosVersion")
    );
    ctx.push_frame(Frame::ssh(
        user,
        &node,
        &format!("Connection to {host} closed.\n"),
    ));
    Output::ok(banner)
}
