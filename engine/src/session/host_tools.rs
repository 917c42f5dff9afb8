//! The workstation's (and bare-metal helper node's) own RHEL 8 tools: tar, chmod, restorecon, install, ssh-keygen,
//! htpasswd, yum/dnf, ansible, systemctl for the helper's services, ocp4-helpernode's `helpernodecheck`, and the
//! hypervisor's virt-install and virsh, whose virtual machines are the install simulator's machines.

use crate::sort::SortShared;
use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;

use crate::api::time::civil_from_days;
use crate::exec::{Ctx, Output};
use crate::install::Installer;
use crate::install::helper::{HAPROXY_CFG, NetView, ZONE_FILE};

/// The commands this module answers on the workstation, for completion and `help`.
pub const COMMANDS: &[&str] = &[
    "tar",
    "chmod",
    "restorecon",
    "install",
    "ssh-keygen",
    "htpasswd",
    "yum",
    "dnf",
    "systemctl",
    "virt-install",
    "virsh",
    "helpernodecheck",
];

/// What the workstation remembers between commands: its services, its virtual machines and installed packages.
#[derive(Debug, Clone, Default)]
pub struct HostState {
    /// Running services by unit name, with the time they (re)started.
    services: BTreeMap<String, i64>,
    /// Journal lines of the services, by unit name.
    journal: BTreeMap<String, Vec<(i64, String)>>,
    /// The libvirt domains, in creation order.
    vms: Vec<Vm>,
    /// The next domain ID libvirt hands out.
    next_id: u32,
    /// Packages installed by `yum install` in this session.
    installed: BTreeSet<String>,
    /// When yum last refreshed its repository metadata.
    metadata_at: Option<i64>,
}

#[derive(Debug, Clone)]
struct Vm {
    name: String,
    id: Option<u32>,
}

/// The helper node's services, as `helpernodecheck services` lists them.
const HELPER_UNITS: [&str; 5] = ["dhcpd", "named", "haproxy", "httpd", "tftp"];

impl HostState {
    /// Records that the helper node playbook started the helper's services at `now`.
    pub fn helper_services_started(&mut self, now: i64) {
        for unit in HELPER_UNITS {
            self.start(unit, now);
        }
    }

    fn start(&mut self, unit: &str, now: i64) {
        self.services.insert(unit.to_owned(), now);
        let desc = unit_description(unit);
        let log = self.journal.entry(unit.to_owned()).or_default();
        log.push((now, format!("Starting {desc}...")));
        log.push((now, format!("Started {desc}.")));
    }
}

/// Answers one workstation command, or `None` when it is not one of this module's.
pub fn run(
    host: &mut HostState,
    installer: &mut Installer,
    argv: &[String],
    ctx: &mut Ctx,
) -> Option<Output> {
    let name = argv.first()?.as_str();
    let args = &argv[1..];
    Some(match name {
        "tar" => tar(args, ctx),
        "chmod" => chmod(args, ctx),
        "restorecon" => restorecon(args, ctx),
        "install" => install(args, ctx),
        "ssh-keygen" => ssh_keygen(args, ctx),
        "htpasswd" => htpasswd(args, ctx),
        "yum" | "dnf" => yum(host, args, ctx),
        "ansible" if host.installed.contains("ansible") => ansible(args, ctx),
        "systemctl" => systemctl(host, installer, args, ctx),
        "virt-install" => virt_install(host, installer, args, ctx),
        "virsh" if is_root(ctx) => {
            let out = virsh(host, args);
            // A domain started again powers its machine on (one `virt-install` left off, say).
            if out.code == 0
                && args.first().is_some_and(|a| a == "start")
                && let Some(name) = args.iter().skip(1).find(|a| !a.starts_with("--"))
            {
                power_on(installer, name, None, ctx);
            }
            out
        }
        // Without root, virsh talks to the user's own qemu:///session, which has no domains.
        "virsh" => virsh(&mut HostState::default(), args),
        "helpernodecheck" | "/usr/local/bin/helpernodecheck" if installer.helper.is_some() => {
            helpernodecheck(host, installer, args, ctx)
        }
        "curl" => return mirror_download(args, ctx),
        "git" => return clone_helpernode(args, ctx),
        _ => return None,
    })
}

/// `rpm-ostree status` on an RHCOS node whose OS image is `os_image` (`Red Hat Enterprise Linux CoreOS 414.92… (Plow)`).
pub fn rpm_ostree(os_image: &str, args: &[String]) -> Output {
    match args.first().map(String::as_str) {
        Some("status") | None => {
            let version = os_image
                .split_whitespace()
                .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .unwrap_or("414.92.202310210434-0");
            let mut rng = Rng::new(version);
            let image = rng.hex(64);
            let digest = rng.hex(64);
            let stamp = version_timestamp(version);
            Output::ok(format!(
                "State: idle\nDeployments:\n* ostree-unverified-registry:quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:{image}\n                   Digest: sha256:{digest}\n                  Version: {version} ({stamp})\n"
            ))
        }
        Some(other) => Output::err(
            format!(
                "error: Unknown \"{other}\" subcommand\nUsage:\n  rpm-ostree [OPTION…] COMMAND\n"
            ),
            1,
        ),
    }
}

/// `podman` on an RHCOS 4.14 node: its version.
pub fn podman(args: &[String]) -> Output {
    match args.first().map(String::as_str) {
        Some("--version" | "-v") => Output::ok("podman version 4.4.1\n"),
        Some("version") => Output::ok(
            "Client:       Podman Engine\nVersion:      4.4.1\nAPI Version:  4.4.1\nGo Version:   go1.19.10\nBuilt:        Thu Aug 10 09:56:24 2023\nOS/Arch:      linux/amd64\n",
        ),
        _ => Output::err(
            "Error: missing command 'podman COMMAND'\nTry 'podman --help' for more information.\n",
            125,
        ),
    }
}

/// The build time an RHCOS version string carries (`414.92.202310210434-0` → `2023-10-21T04:34:00Z`).
fn version_timestamp(version: &str) -> String {
    let digits = version
        .split('.')
        .nth(2)
        .unwrap_or("")
        .split('-')
        .next()
        .unwrap_or("");
    if digits.len() < 12 {
        return String::new();
    }
    format!(
        "{}-{}-{}T{}:{}:00Z",
        &digits[0..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10],
        &digits[10..12]
    )
}

/// Whether the command runs as root (under `sudo`, or in a root shell).
fn is_root(ctx: &Ctx) -> bool {
    ctx.env.get("USER").map(String::as_str) == Some("root")
}

/// Whether `path` belongs to root on a RHEL host (system directories), so only root may write there.
fn root_owned(path: &str) -> bool {
    ["/usr/", "/etc/", "/var/", "/opt/", "/boot/"]
        .iter()
        .any(|p| path.starts_with(p) || path == p.trim_end_matches('/'))
}

/// A small deterministic generator (splitmix64 over a hash of the seed text).
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 24) as u8).collect()
    }

    fn hex(&mut self, n: usize) -> String {
        self.bytes(n.div_ceil(2))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()[..n]
            .to_owned()
    }
}

/// The first line of the contents `curl -LO` stores for an archive from the OpenShift mirror.
const ARCHIVE_MAGIC: &str = "\u{1f}\u{8b} gzip-compressed tar archive";

/// The members of the client archives mirror.openshift.com serves.
fn mirror_members(file: &str) -> Option<&'static [&'static str]> {
    if file.starts_with("openshift-install-linux") {
        Some(&["README.md", "openshift-install"])
    } else if file.starts_with("openshift-client-linux") {
        Some(&["README.md", "oc", "kubectl"])
    } else {
        None
    }
}

/// `curl -LO https://mirror.openshift.com/…/openshift-*-linux.tar.gz`: saves the archive in the current directory.
fn mirror_download(args: &[String], ctx: &mut Ctx) -> Option<Output> {
    let remote_name = args.iter().any(|a| {
        a == "--remote-name" || (a.starts_with('-') && !a.starts_with("--") && a.contains('O'))
    });
    let url = args.iter().find(|a| {
        a.starts_with("https://mirror.openshift.com/")
            || a.starts_with("https://dl.k8s.io/release/")
    })?;
    let file = url.rsplit('/').next()?;
    if !remote_name {
        return None;
    }
    // kubectl from dl.k8s.io is one binary behind a redirect to the CDN; the mirror serves the archives directly.
    let kubectl = url.starts_with("https://dl.k8s.io/") && file == "kubectl";
    let (text, redirect) = if kubectl {
        let version = url.split('/').nth(4).unwrap_or("stable");
        (
            format!("\u{7f}ELF kubectl {version} (x86-64 executable)\n"),
            "100   138  100   138    0     0    623      0 --:--:-- --:--:-- --:--:--   624\n",
        )
    } else {
        let members = mirror_members(file)?;
        let version = url.split('/').rev().nth(1).unwrap_or("stable");
        let mut text = format!("{ARCHIVE_MAGIC}\n");
        for m in members {
            text.push_str(&format!("{m} {version}\n"));
        }
        (text, "")
    };
    let path = ctx.resolve(file);
    if let Err(e) = ctx.fs.write(&path, text) {
        return Some(Output::err(
            format!(
                "Warning: Failed to create the file {file}: {}\n",
                e.message()
            ),
            23,
        ));
    }
    ctx.fs.set_mtime(&path, ctx.now);
    let size = if kubectl {
        "49.0M"
    } else if file.starts_with("openshift-install") {
        "83.9M"
    } else {
        "24.6M"
    };
    let silent = args.iter().any(|a| {
        a == "-s"
            || a == "--silent"
            || (a.starts_with('-') && !a.starts_with("--") && a.contains('s'))
    });
    if silent {
        return Some(Output::ok(""));
    }
    Some(Output::err(
        format!(
            "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n{redirect}100 {size}  100 {size}    0     0  41.9M      0  0:00:02  0:00:02 --:--:-- 41.9M\n"
        ),
        0,
    ))
}

/// `git clone https://github.com/redhat-cop/ocp4-helpernode`: the playbook's repository, with its example vars.
fn clone_helpernode(args: &[String], ctx: &mut Ctx) -> Option<Output> {
    if args.first().map(String::as_str) != Some("clone") {
        return None;
    }
    let operands: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with('-')).collect();
    let url = operands.first()?;
    let repo = url
        .strip_prefix("https://github.com/redhat-cop/")
        .or_else(|| url.strip_prefix("https://github.com/RedHatOfficial/"))?
        .trim_end_matches('/')
        .trim_end_matches(".git");
    if repo != "ocp4-helpernode" {
        return None;
    }
    let dir = operands
        .get(1)
        .map(|d| d.as_str())
        .unwrap_or(repo)
        .to_owned();
    let root = ctx.resolve(&dir);
    if ctx.fs.get(&root).is_some() && !ctx.fs.list(&root).map(|l| l.is_empty()).unwrap_or(false) {
        return Some(Output::err(
            format!(
                "fatal: destination path '{dir}' already exists and is not an empty directory.\n"
            ),
            128,
        ));
    }
    let files = [
        (
            "README.md",
            "# OCP4 Helper Node Playbook\n\nThis playbook helps set up an \"all-in-one\" node, that has all the infrastructure/services in order to install OpenShift 4.\n".to_owned(),
        ),
        (
            "docs/examples/vars.yaml",
            format!("---\n{}", crate::install::helper::HelperNode::example().to_vars_yaml()),
        ),
        ("tasks/main.yml", "---\n# Setup OCP4 Helper Node\n\n- hosts: all\n  vars_files:\n    - ../vars/main.yml\n".to_owned()),
    ];
    for (path, body) in files {
        let full = format!("{root}/{path}");
        if ctx.fs.mkdir(crate::vfs::parent(&full), true).is_err() {
            return Some(Output::err(
                format!(
                    "fatal: could not create work tree dir '{dir}': No such file or directory\n"
                ),
                128,
            ));
        }
        let _ = ctx.fs.write(&full, body);
    }
    Some(Output::err(
        format!(
            "Cloning into '{dir}'...\nremote: Enumerating objects: 4265, done.\nremote: Counting objects: 100% (393/393), done.\nremote: Compressing objects: 100% (190/190), done.\nremote: Total 4265 (delta 232), reused 319 (delta 188), pack-reused 3872\nReceiving objects: 100% (4265/4265), 1.59 MiB | 9.33 MiB/s, done.\nResolving deltas: 100% (2511/2511), done.\n"
        ),
        0,
    ))
}

/// Makes sure a standard system directory (`/usr/local/bin` and friends) exists, as it does on every RHEL host.
fn ensure_system_dir(ctx: &mut Ctx, dir: &str) {
    if ["/usr/local/bin", "/usr/bin", "/etc", "/var"].contains(&dir) {
        let _ = ctx.fs.mkdir(dir, true);
    }
}

/// GNU tar's extraction: `tar -xzf FILE [-C DIR] [MEMBER…]`, and `-t` to list.
fn tar(args: &[String], ctx: &mut Ctx) -> Output {
    let mut extract = false;
    let mut list = false;
    let mut verbose = false;
    let mut file: Option<String> = None;
    let mut dir: Option<String> = None;
    let mut members = Vec::new();
    let mut i = 0;
    let mut first = true;
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        let cluster = if let Some(long) = a.strip_prefix("--") {
            match long.split_once('=') {
                Some(("file", v)) => file = Some(v.to_owned()),
                Some(("directory", v)) => dir = Some(v.to_owned()),
                _ => match long {
                    "extract" | "get" => extract = true,
                    "list" => list = true,
                    "gzip" | "gunzip" | "ungzip" => {}
                    "verbose" => verbose = true,
                    "file" | "directory" => {
                        let v = args.get(i).cloned().unwrap_or_default();
                        i += 1;
                        if long == "file" {
                            file = Some(v);
                        } else {
                            dir = Some(v);
                        }
                    }
                    _ => {
                        return Output::err(
                            format!(
                                "tar: unrecognized option '{a}'\nTry 'tar --help' or 'tar --usage' for more information.\n"
                            ),
                            2,
                        );
                    }
                },
            }
            first = false;
            continue;
        } else if let Some(flags) = a.strip_prefix('-') {
            flags.to_owned()
        } else if first {
            a.clone()
        } else {
            members.push(a);
            continue;
        };
        first = false;
        let chars: Vec<char> = cluster.chars().collect();
        for (k, c) in chars.iter().enumerate() {
            match c {
                'x' => extract = true,
                't' => list = true,
                'z' => {}
                'v' => verbose = true,
                'f' | 'C' => {
                    let rest: String = chars[k + 1..].iter().collect();
                    let value = if rest.is_empty() {
                        i += 1;
                        match args.get(i - 1) {
                            Some(v) => v.clone(),
                            None => {
                                return Output::err(
                                    format!(
                                        "tar: option requires an argument -- '{c}'\nTry 'tar --help' or 'tar --usage' for more information.\n"
                                    ),
                                    2,
                                );
                            }
                        }
                    } else {
                        rest
                    };
                    if *c == 'f' {
                        file = Some(value);
                    } else {
                        dir = Some(value);
                    }
                    break;
                }
                other => {
                    return Output::err(
                        format!(
                            "tar: invalid option -- '{other}'\nTry 'tar --help' or 'tar --usage' for more information.\n"
                        ),
                        2,
                    );
                }
            }
        }
    }
    if !extract && !list {
        return Output::err(
            "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n",
            2,
        );
    }
    let Some(file) = file else {
        return Output::err(
            "tar: Refusing to read archive contents from terminal (missing -f option?)\ntar: Error is not recoverable: exiting now\n",
            2,
        );
    };
    let fatal = |msg: String| {
        Output::err(
            format!("{msg}tar: Error is not recoverable: exiting now\n"),
            2,
        )
    };
    let path = ctx.resolve(&file);
    let text = match ctx.fs.read(&path) {
        Ok(t) => t.to_owned(),
        Err(e) => return fatal(format!("tar: {file}: Cannot open: {}\n", e.message())),
    };
    let Some(body) = text.strip_prefix(ARCHIVE_MAGIC) else {
        return fatal(
            "\ngzip: stdin: not in gzip format\ntar: Child returned status 1\n".to_owned(),
        );
    };
    let entries: Vec<(String, String)> = body
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(m, v)| (m.to_owned(), v.to_owned()))
        .collect();
    let target = match &dir {
        Some(d) => {
            let d = ctx.resolve(d);
            ensure_system_dir(ctx, &d);
            if !ctx.fs.is_dir(&d) {
                let msg = if ctx.fs.get(&d).is_some() {
                    "Not a directory"
                } else {
                    "No such file or directory"
                };
                return fatal(format!(
                    "tar: {}: Cannot open: {msg}\n",
                    dir.as_deref().unwrap_or("")
                ));
            }
            d
        }
        None => ctx.cwd.to_owned(),
    };
    let mut out = String::new();
    let mut err = String::new();
    for (member, version) in &entries {
        if !members.is_empty() && !members.contains(member) {
            continue;
        }
        if list || verbose {
            out.push_str(&format!("{member}\n"));
        }
        if extract {
            let content = if member == "README.md" {
                format!("# OpenShift {version}\n")
            } else {
                format!("\u{7f}ELF {member} {version} (x86-64 executable)\n")
            };
            let dest = format!("{}/{member}", target.trim_end_matches('/'));
            if root_owned(&dest) && !is_root(ctx) {
                err.push_str(&format!("tar: {member}: Cannot open: Permission denied\n"));
            } else if let Err(e) = ctx.fs.write(&dest, content) {
                err.push_str(&format!("tar: {member}: Cannot open: {}\n", e.message()));
            }
        }
    }
    let mut code = 0;
    for m in &members {
        if !entries.iter().any(|(e, _)| e == m) {
            err.push_str(&format!("tar: {m}: Not found in archive\n"));
            code = 2;
        }
    }
    if code != 0 || !err.is_empty() {
        err.push_str("tar: Exiting with failure status due to previous errors\n");
        code = 2;
    }
    Output {
        stdout: out,
        stderr: err,
        code,
    }
}

/// Whether `mode` is a mode chmod accepts: octal, or comma-separated `[ugoa]*([-+=]([rwxXst]*|[ugo]))+`.
fn valid_mode(mode: &str) -> bool {
    if !mode.is_empty() && mode.len() <= 5 && mode.chars().all(|c| ('0'..='7').contains(&c)) {
        return true;
    }
    mode.split(',').all(|clause| {
        let ops = clause.trim_start_matches(['u', 'g', 'o', 'a']);
        if ops.is_empty() || !ops.starts_with(['+', '-', '=']) {
            return false;
        }
        let mut rest = ops;
        while !rest.is_empty() {
            let Some(after) = rest.strip_prefix(['+', '-', '=']) else {
                return false;
            };
            let end = after.find(['+', '-', '=']).unwrap_or(after.len());
            let perms = &after[..end];
            let copy = perms.len() == 1 && perms.chars().all(|c| "ugo".contains(c));
            if !copy && !perms.chars().all(|c| "rwxXst".contains(c)) {
                return false;
            }
            rest = &after[end..];
        }
        true
    })
}

/// coreutils chmod: validates the mode and the files (the virtual filesystem keeps no permission bits).
fn chmod(args: &[String], ctx: &mut Ctx) -> Output {
    let mut operands = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 && !valid_mode(a) {
            if a.trim_start_matches('-')
                .chars()
                .all(|c| "Rvcf".contains(c))
                || a == "--recursive"
            {
                continue;
            }
            return Output::err(
                format!(
                    "chmod: invalid option -- '{}'\nTry 'chmod --help' for more information.\n",
                    a.trim_start_matches('-').chars().next().unwrap_or('-')
                ),
                1,
            );
        }
        operands.push(a.clone());
    }
    let Some((mode, files)) = operands.split_first() else {
        return Output::err(
            "chmod: missing operand\nTry 'chmod --help' for more information.\n",
            1,
        );
    };
    if files.is_empty() {
        return Output::err(
            format!(
                "chmod: missing operand after '{mode}'\nTry 'chmod --help' for more information.\n"
            ),
            1,
        );
    }
    if !valid_mode(mode) {
        return Output::err(
            format!("chmod: invalid mode: '{mode}'\nTry 'chmod --help' for more information.\n"),
            1,
        );
    }
    let mut err = String::new();
    for f in files {
        let path = ctx.resolve(f);
        if ctx.fs.get(&path).is_none() {
            err.push_str(&format!(
                "chmod: cannot access '{f}': No such file or directory\n"
            ));
        } else if root_owned(&path) && !is_root(ctx) {
            err.push_str(&format!(
                "chmod: changing permissions of '{f}': Operation not permitted\n"
            ));
        }
    }
    let code = i32::from(!err.is_empty());
    Output::err(err, code)
}

/// policycoreutils restorecon: the files the helper's httpd serves already carry `httpd_sys_content_t` (cp gives new
/// files their directory's default context), so nothing is relabeled; a missing path is an error.
fn restorecon(args: &[String], ctx: &mut Ctx) -> Output {
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if paths.is_empty() {
        return Output::err(
            "usage:  restorecon [-iIDFmnprRv0x] [-e excludedir] pathname...\nusage:  restorecon [-iIDFmnprRv0x] [-e excludedir] -f filename\n",
            255,
        );
    }
    let mut err = String::new();
    for p in paths {
        let path = ctx.resolve(p);
        if ctx.fs.get(&path).is_none() {
            err.push_str(&format!(
                "restorecon: lstat({p}) failed: No such file or directory\n"
            ));
        }
    }
    let code = if err.is_empty() { 0 } else { 255 };
    Output::err(err, code)
}

/// coreutils install: `install [-m MODE] SOURCE DEST` copies a file.
fn install(args: &[String], ctx: &mut Ctx) -> Output {
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-m" || a == "-o" || a == "-g" {
            let Some(v) = args.get(i + 1) else {
                return Output::err(
                    format!(
                        "install: option requires an argument -- '{}'\nTry 'install --help' for more information.\n",
                        &a[1..]
                    ),
                    1,
                );
            };
            if a == "-m" && !valid_mode(v) {
                return Output::err(format!("install: invalid mode '{v}'\n"), 1);
            }
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            operands.push(a.clone());
        }
        i += 1;
    }
    match operands.as_slice() {
        [] => Output::err(
            "install: missing file operand\nTry 'install --help' for more information.\n",
            1,
        ),
        [one] => Output::err(
            format!(
                "install: missing destination file operand after '{one}'\nTry 'install --help' for more information.\n"
            ),
            1,
        ),
        [src, dest] => {
            let text = match ctx.fs.read(&ctx.resolve(src)) {
                Ok(t) => t.to_owned(),
                Err(crate::vfs::FsError::IsDir) => {
                    return Output::err(format!("install: omitting directory '{src}'\n"), 1);
                }
                Err(e) => {
                    return Output::err(
                        format!("install: cannot stat '{src}': {}\n", e.message()),
                        1,
                    );
                }
            };
            let mut target = ctx.resolve(dest);
            ensure_system_dir(ctx, crate::vfs::parent(&target));
            if ctx.fs.is_dir(&target) {
                let base = src.rsplit('/').next().unwrap_or(src);
                target = format!("{}/{base}", target.trim_end_matches('/'));
            }
            if root_owned(&target) && !is_root(ctx) {
                return Output::err(
                    format!("install: cannot create regular file '{dest}': Permission denied\n"),
                    1,
                );
            }
            match ctx.fs.write(&target, text) {
                Ok(()) => Output::ok(""),
                Err(e) => Output::err(
                    format!(
                        "install: cannot create regular file '{dest}': {}\n",
                        e.message()
                    ),
                    1,
                ),
            }
        }
        _ => Output::err("install: target is not a directory\n".to_owned(), 1),
    }
}

/// Appends an SSH string (a u32 length and the bytes) to `out`.
fn ssh_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// OpenSSH's randomart of a fingerprint digest: the drunken bishop's walk on a 17×9 field.
fn randomart(digest: &[u8], title: &str, hash: &str) -> String {
    const X: usize = 17;
    const Y: usize = 9;
    let symbols: Vec<char> = " .o+=*BOX@%&#/^SE".chars().collect();
    let top = symbols.len() - 1;
    let mut field = [[0usize; Y]; X];
    let (mut x, mut y) = (X / 2, Y / 2);
    for byte in digest {
        let mut input = *byte;
        for _ in 0..4 {
            x = if input & 1 == 1 {
                (x + 1).min(X - 1)
            } else {
                x.saturating_sub(1)
            };
            y = if input & 2 == 2 {
                (y + 1).min(Y - 1)
            } else {
                y.saturating_sub(1)
            };
            if field[x][y] < top - 2 {
                field[x][y] += 1;
            }
            input >>= 2;
        }
    }
    field[X / 2][Y / 2] = top - 1;
    field[x][y] = top;
    let border = |label: &str| {
        let left = (X - label.len()) / 2;
        format!(
            "+{}{label}{}+\n",
            "-".repeat(left),
            "-".repeat(X - left - label.len())
        )
    };
    let mut out = border(title);
    for row in 0..Y {
        out.push('|');
        for col in field.iter() {
            out.push(symbols[col[row].min(top)]);
        }
        out.push_str("|\n");
    }
    out.push_str(&border(hash));
    out
}

/// ssh-keygen: generates a key pair (ed25519 or RSA) into `-f PATH` with the passphrase of `-N`.
fn ssh_keygen(args: &[String], ctx: &mut Ctx) -> Output {
    let mut kind = "rsa".to_owned();
    let mut file = None;
    let mut comment = None;
    let mut quiet = false;
    let mut bits: Option<u32> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1).cloned();
        match a {
            "-t" | "-f" | "-N" | "-C" | "-b" => {
                let Some(v) = value else {
                    return Output::err(
                        format!(
                            "option requires an argument -- {}\nusage: ssh-keygen [-q] [-b bits] [-C comment] [-f output_keyfile] [-m format]\n                  [-N new_passphrase] [-t dsa | ecdsa | ecdsa-sk | ed25519 | ed25519-sk | rsa]\n",
                            &a[1..]
                        ),
                        1,
                    );
                };
                match a {
                    "-t" => kind = v,
                    "-f" => file = Some(v),
                    "-C" => comment = Some(v),
                    "-b" => match v.parse() {
                        Ok(b) => bits = Some(b),
                        Err(_) => {
                            return Output::err(format!("Bits has bad value {v} (invalid)\n"), 1);
                        }
                    },
                    _ => {}
                }
                i += 2;
            }
            "-q" => {
                quiet = true;
                i += 1;
            }
            _ => {
                return Output::err(
                    format!(
                        "unknown option -- {}\nusage: ssh-keygen [-q] [-b bits] [-C comment] [-f output_keyfile] [-m format]\n                  [-N new_passphrase] [-t dsa | ecdsa | ecdsa-sk | ed25519 | ed25519-sk | rsa]\n",
                        a.trim_start_matches('-')
                    ),
                    1,
                );
            }
        }
    }
    let (type_name, key_type, size) = match kind.as_str() {
        "ed25519" => ("ed25519", "ssh-ed25519", 256),
        "rsa" => match bits.unwrap_or(3072) {
            b if b < 1024 => {
                return Output::err("Invalid RSA key length: minimum is 1024 bits\n", 255);
            }
            b if b > 16384 => {
                return Output::err("Invalid RSA key length: maximum is 16384 bits\n", 255);
            }
            b => ("rsa", "ssh-rsa", b),
        },
        _ => return Output::err(format!("unknown key type {kind}\n"), 1),
    };
    let home = ctx
        .env
        .get("HOME")
        .cloned()
        .unwrap_or_else(|| "/home/student".into());
    let file = file.unwrap_or_else(|| format!("{home}/.ssh/id_{type_name}"));
    let path = ctx.resolve(&file);
    let mut out = String::new();
    if !quiet {
        out.push_str(&format!(
            "Generating public/private {type_name} key pair.\n"
        ));
    }
    let ssh_dir = format!("{home}/.ssh");
    if path.starts_with(&format!("{ssh_dir}/"))
        && ctx.fs.get(&ssh_dir).is_none()
        && ctx.fs.mkdir(&ssh_dir, false).is_ok()
        && !quiet
    {
        out.push_str(&format!("Created directory '{ssh_dir}'.\n"));
    }
    if ctx.fs.get(&path).is_some() {
        out.push_str(&format!("{path} already exists.\nOverwrite (y/n)? "));
        if !ctx.stdin.trim_start().starts_with('y') {
            return Output {
                stdout: out,
                stderr: String::new(),
                code: 1,
            };
        }
    }
    let user = ctx
        .env
        .get("USER")
        .cloned()
        .unwrap_or_else(|| "student".into());
    let hostname = ctx
        .env
        .get("HOSTNAME")
        .cloned()
        .unwrap_or_else(|| "workstation".into());
    let comment = comment.unwrap_or(format!("{user}@{hostname}"));
    let mut rng = Rng::new(&format!("{path} {} {}", ctx.now, type_name));
    let key = rng.bytes(if type_name == "rsa" {
        (size / 8) as usize
    } else {
        32
    });
    let mut blob = Vec::new();
    ssh_string(&mut blob, key_type.as_bytes());
    if type_name == "rsa" {
        ssh_string(&mut blob, &[1, 0, 1]);
        let mut n = vec![0u8];
        n.extend_from_slice(&key);
        n[1] |= 0x80;
        ssh_string(&mut blob, &n);
    } else {
        ssh_string(&mut blob, &key);
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let public = format!("{key_type} {} {comment}\n", b64.encode(&blob));
    let mut private = b"openssh-key-v1\0".to_vec();
    ssh_string(&mut private, b"none");
    ssh_string(&mut private, b"none");
    ssh_string(&mut private, b"");
    private.extend_from_slice(&1u32.to_be_bytes());
    ssh_string(&mut private, &blob);
    let mut section = Vec::new();
    let check = rng.bytes(4);
    section.extend_from_slice(&check);
    section.extend_from_slice(&check);
    section.extend_from_slice(&blob);
    let mut secret = rng.bytes(32);
    secret.extend_from_slice(&key[..32.min(key.len())]);
    ssh_string(&mut section, &secret);
    ssh_string(&mut section, comment.as_bytes());
    let mut pad = 1u8;
    while section.len() % 8 != 0 {
        section.push(pad);
        pad += 1;
    }
    ssh_string(&mut private, &section);
    let encoded = b64.encode(&private);
    let mut pem = String::from("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for chunk in encoded.as_bytes().chunks(70) {
        pem.push_str(&String::from_utf8_lossy(chunk));
        pem.push('\n');
    }
    pem.push_str("-----END OPENSSH PRIVATE KEY-----\n");
    let public_path = format!("{path}.pub");
    if let Err(e) = ctx.fs.write(&path, pem) {
        out.push_str(&format!("Saving key \"{file}\" failed: {}\n", e.message()));
        return Output {
            stdout: out,
            stderr: String::new(),
            code: 1,
        };
    }
    let _ = ctx.fs.write(&public_path, public);
    ctx.fs.set_mtime(&path, ctx.now);
    ctx.fs.set_mtime(&public_path, ctx.now);
    if quiet {
        return Output::ok(out);
    }
    let digest = Rng::new(&b64.encode(&blob)).bytes(32);
    let fingerprint = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&digest);
    let title = format!("[{} {size}]", type_name.to_ascii_uppercase());
    out.push_str(&format!(
        "Your identification has been saved in {file}.\nYour public key has been saved in {file}.pub.\nThe key fingerprint is:\nSHA256:{fingerprint} {comment}\nThe key's randomart image is:\n{}",
        randomart(&digest, &title, "[SHA256]")
    ));
    Output::ok(out)
}

const HTPASSWD_USAGE: &str = "Usage:\n\thtpasswd [-cimBdpsDv] [-C cost] passwordfile username\n\thtpasswd -b[cmBdpsDv] [-C cost] passwordfile username password\n\n\thtpasswd -n[imBdps] [-C cost] username\n\thtpasswd -nb[mBdps] [-C cost] username password\n -c  Create a new file.\n -n  Don't update file; display results on stdout.\n -b  Use the password from the command line rather than prompting for it.\n -i  Read password from stdin without verification (for script usage).\n -m  Force MD5 encryption of the password (default).\n -B  Force bcrypt encryption of the password (very secure).\n -C  Set the computing time used for the bcrypt algorithm\n     (higher is more secure but slower, default: 5, valid: 4 to 17).\n -d  Force CRYPT encryption of the password (8 chars max, insecure).\n -s  Force SHA encryption of the password (insecure).\n -p  Do not encrypt the password (plaintext, insecure).\n -D  Delete the specified user.\n -v  Verify password for the specified user.\nOn other systems than Windows and NetWare the '-p' flag will probably not work.\nThe SHA algorithm does not use a salt and is less secure than the MD5 algorithm.\n";

/// Apache's htpasswd: adds or updates `user:hash` lines (bcrypt with `-B`, Apache MD5 otherwise).
fn htpasswd(args: &[String], ctx: &mut Ctx) -> Output {
    let mut flags = BTreeSet::new();
    let mut cost = 5u32;
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        match a.strip_prefix('-') {
            Some(fl) if !fl.is_empty() && operands.is_empty() => {
                for c in fl.chars() {
                    if !"cnbimBdpsDvC".contains(c) {
                        return Output::err(HTPASSWD_USAGE, 2);
                    }
                    flags.insert(c);
                }
                if fl.ends_with('C') {
                    match args.get(i).and_then(|v| v.parse::<u32>().ok()) {
                        Some(c) if (4..=17).contains(&c) => cost = c,
                        _ => {
                            return Output::err(
                                "htpasswd: Unable to encode with bcrypt: Invalid argument\n",
                                7,
                            );
                        }
                    }
                    i += 1;
                }
            }
            _ => operands.push(a.clone()),
        }
    }
    let batch = flags.contains(&'b');
    let display = flags.contains(&'n');
    let wanted = usize::from(!display) + 1 + usize::from(batch);
    if operands.len() != wanted {
        return Output::err(HTPASSWD_USAGE, 2);
    }
    let (file, rest) = if display {
        (None, &operands[..])
    } else {
        (Some(operands[0].clone()), &operands[1..])
    };
    let user = rest[0].clone();
    let password = if batch {
        rest[1].clone()
    } else if flags.contains(&'i') {
        ctx.stdin.lines().next().unwrap_or("").to_owned()
    } else {
        return Output::err(
            "New password: \nRe-type new password: \nhtpasswd: password verification error\n",
            3,
        );
    };
    if user.contains(':') {
        return Output::err("htpasswd: username contains illegal character ':'\n", 6);
    }
    let mut rng = Rng::new(&format!("{user}:{password}:{}", ctx.now));
    let alphabet: Vec<char> = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        .chars()
        .collect();
    let mut chars = |n: usize| -> String {
        (0..n)
            .map(|_| alphabet[(rng.next() % 64) as usize])
            .collect()
    };
    let hash = if flags.contains(&'p') {
        password.clone()
    } else if flags.contains(&'B') {
        format!("$2y${cost:02}${}", chars(53))
    } else {
        format!("$apr1${}${}", chars(8), chars(22))
    };
    let line = format!("{user}:{hash}");
    let Some(file) = file else {
        return Output::ok(format!("{line}\n\n"));
    };
    let path = ctx.resolve(&file);
    let create = flags.contains(&'c');
    let existing = match ctx.fs.read(&path) {
        Ok(t) if !create => t.to_owned(),
        Ok(_) => String::new(),
        Err(_) if create => String::new(),
        Err(_) => {
            return Output::err(
                format!("htpasswd: cannot modify file {file}; use '-c' to create it\n"),
                1,
            );
        }
    };
    let mut lines: Vec<String> = existing.lines().map(str::to_owned).collect();
    let prefix = format!("{user}:");
    let message = match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(k) => {
            lines[k] = line;
            format!("Updating password for user {user}\n")
        }
        None => {
            lines.push(line);
            format!("Adding password for user {user}\n")
        }
    };
    let mut text = lines.join("\n");
    text.push('\n');
    if let Err(e) = ctx.fs.write(&path, text) {
        return Output::err(
            format!("htpasswd: cannot create file {file}: {}\n", e.message()),
            1,
        );
    }
    ctx.fs.set_mtime(&path, ctx.now);
    Output::err(message, 0)
}

/// A package yum knows: name, arch, version-release, repository, size.
struct Package {
    name: &'static str,
    arch: &'static str,
    version: &'static str,
    repo: &'static str,
    size: &'static str,
}

/// Packages already on the workstation image.
const PREINSTALLED: &[(&str, &str)] = &[
    ("git", "git-2.39.3-1.el8_8.x86_64"),
    ("tar", "tar-1.30-9.el8.x86_64"),
    (
        "httpd-tools",
        "httpd-tools-2.4.37-62.module+el8.9.0+19699+7a7a2044.x86_64",
    ),
    ("bind-utils", "bind-utils-9.11.36-11.el8_9.x86_64"),
    ("curl", "curl-7.61.1-33.el8.x86_64"),
    ("virt-install", "virt-install-3.2.0-4.el8.noarch"),
];

/// `ansible` with the packages it pulls in.
const ANSIBLE: &[Package] = &[
    Package {
        name: "ansible",
        arch: "noarch",
        version: "2.9.27-1.el8ae",
        repo: "ansible-2-for-rhel-8-x86_64-rpms",
        size: "17 M",
    },
    Package {
        name: "python3-babel",
        arch: "noarch",
        version: "2.5.1-7.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "4.8 M",
    },
    Package {
        name: "python3-jinja2",
        arch: "noarch",
        version: "2.10.1-3.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "538 k",
    },
    Package {
        name: "python3-jmespath",
        arch: "noarch",
        version: "0.9.0-11.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "45 k",
    },
    Package {
        name: "python3-markupsafe",
        arch: "x86_64",
        version: "0.23-19.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "39 k",
    },
    Package {
        name: "python3-pytz",
        arch: "noarch",
        version: "2017.2-9.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "54 k",
    },
    Package {
        name: "sshpass",
        arch: "x86_64",
        version: "1.09-4.el8",
        repo: "rhel-8-for-x86_64-appstream-rpms",
        size: "30 k",
    },
];

/// yum/dnf on RHEL 8: `install` of the packages the notes need, idempotent; other subcommands are not modelled.
fn yum(host: &mut HostState, args: &[String], ctx: &mut Ctx) -> Output {
    let yes = args.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some((command, names)) = words.split_first() else {
        return Output::err(
            "Error: No such command. Please use /usr/bin/yum --help\n",
            1,
        );
    };
    if command.as_str() != "install" {
        return Output::err(
            format!(
                "No such command: {command}. Please use /usr/bin/yum --help\nIt could be a YUM plugin command, try: \"yum install 'dnf-command({command})'\"\n"
            ),
            1,
        );
    }
    if names.is_empty() {
        return Output::err(
            "Error: Need to pass a list of pkgs to install\n Mini usage:\n\ninstall PACKAGE...\n\nInstall a package or packages on your system\n",
            1,
        );
    }
    if !is_root(ctx) {
        return Output {
            stdout: "Not root, Subscription Management repositories not updated\n".into(),
            stderr: "Error: This command has to be run with superuser privileges (under the root user on most systems).\n".into(),
            code: 1,
        };
    }
    let mut out = String::from("Updating Subscription Management repositories.\n");
    // The metadata cache was refreshed a while before the first yum of the session and stays valid after it.
    let checked = *host.metadata_at.get_or_insert(ctx.now - 754_000);
    let (y, mo, d) = civil_from_days(checked.div_euclid(86_400_000));
    let secs = checked.rem_euclid(86_400_000) / 1000;
    let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    let since = (ctx.now - checked).max(0) / 1000;
    out.push_str(&format!(
        "Last metadata expiration check: {}:{:02}:{:02} ago on {} {d:02} {} {y} {h12:02}:{mi:02}:{s:02} {ampm} UTC.\n",
        since / 3600,
        since % 3600 / 60,
        since % 60,
        weekday(checked),
        month(mo)
    ));
    let mut missing = Vec::new();
    let mut todo: Vec<&Package> = Vec::new();
    for name in names {
        if let Some((_, full)) = PREINSTALLED.iter().find(|(n, _)| n == name) {
            out.push_str(&format!("Package {full} is already installed.\n"));
        } else if name.as_str() == "ansible" {
            if host.installed.contains("ansible") {
                out.push_str("Package ansible-2.9.27-1.el8ae.noarch is already installed.\n");
            } else {
                todo.extend(ANSIBLE.iter());
            }
        } else {
            missing.push(name.as_str());
        }
    }
    if !missing.is_empty() {
        let mut err = String::new();
        for m in &missing {
            out.push_str(&format!("No match for argument: {m}\n"));
        }
        err.push_str(&format!(
            "Error: Unable to find a match: {}\n",
            missing.join(" ")
        ));
        return Output {
            stdout: out,
            stderr: err,
            code: 1,
        };
    }
    if todo.is_empty() {
        out.push_str("Dependencies resolved.\nNothing to do.\nComplete!\n");
        return Output::ok(out);
    }
    let rule = "=".repeat(100);
    out.push_str(&format!(
        "Dependencies resolved.\n{rule}\n {:<22} {:<9} {:<17} {:<41} {:>6}\n{rule}\nInstalling:\n",
        "Package", "Arch", "Version", "Repository", "Size"
    ));
    for (k, p) in todo.iter().enumerate() {
        if k == 1 {
            out.push_str("Installing dependencies:\n");
        }
        out.push_str(&format!(
            " {:<22} {:<9} {:<17} {:<41} {:>6}\n",
            p.name, p.arch, p.version, p.repo, p.size
        ));
    }
    out.push_str(&format!(
        "\nTransaction Summary\n{rule}\nInstall  {} Packages\n\nTotal download size: 23 M\nInstalled size: 124 M\n",
        todo.len()
    ));
    if !yes {
        out.push_str("Is this ok [y/N]: Operation aborted.\n");
        return Output {
            stdout: out,
            stderr: String::new(),
            code: 1,
        };
    }
    out.push_str("Downloading Packages:\n");
    let n = todo.len();
    for (k, p) in todo.iter().enumerate() {
        let file = format!("({}/{n}): {}-{}.{}.rpm", k + 1, p.name, p.version, p.arch);
        out.push_str(&format!("{file:<66} 5.1 MB/s | {:>6}     00:00\n", p.size));
    }
    out.push_str(&format!(
        "{}\nTotal{:>70} 9.8 MB/s |  23 MB     00:02\nRunning transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n  Preparing        :{:>81}\n",
        "-".repeat(100),
        "",
        "1/1"
    ));
    let order: Vec<&Package> = todo.iter().rev().copied().collect();
    for (k, p) in order.iter().enumerate() {
        let full = format!("{}-{}.{}", p.name, p.version, p.arch);
        out.push_str(&format!(
            "  Installing       : {full:<70}{:>10}\n",
            format!("{}/{n}", k + 1)
        ));
    }
    for (k, p) in todo.iter().enumerate() {
        let full = format!("{}-{}.{}", p.name, p.version, p.arch);
        out.push_str(&format!(
            "  Verifying        : {full:<70}{:>10}\n",
            format!("{}/{n}", k + 1)
        ));
    }
    out.push_str("Installed products updated.\n\nInstalled:\n");
    let mut sorted: Vec<String> = todo
        .iter()
        .map(|p| format!("{}-{}.{}", p.name, p.version, p.arch))
        .collect();
    sorted.sort_shared();
    for pair in sorted.chunks(2) {
        let line = pair
            .iter()
            .map(|s| format!("{s:<48}"))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!("  {}\n", line.trim_end()));
    }
    out.push_str("\nComplete!\n");
    for p in &todo {
        host.installed.insert(p.name.to_owned());
    }
    let _ = ctx.fs.mkdir("/usr/bin", true);
    Output::ok(out)
}

/// `ansible --version` once yum installed it.
fn ansible(args: &[String], ctx: &mut Ctx) -> Output {
    if args.first().map(String::as_str) != Some("--version") {
        return Output::err(
            "usage: ansible [-h] [--version] [-v] [-b] [--become-method BECOME_METHOD]\n               pattern\nansible: error: the following arguments are required: pattern\n",
            2,
        );
    }
    let home = ctx
        .env
        .get("HOME")
        .cloned()
        .unwrap_or_else(|| "/home/student".into());
    Output::ok(format!(
        "ansible 2.9.27\n  config file = /etc/ansible/ansible.cfg\n  configured module search path = ['{home}/.ansible/plugins/modules', '/usr/share/ansible/plugins/modules']\n  ansible python module location = /usr/lib/python3.6/site-packages/ansible\n  executable location = /usr/bin/ansible\n  python version = 3.6.8 (default, Jan 23 2023, 16:07:22) [GCC 8.5.0 20210514 (Red Hat 8.5.0-18)]\n"
    ))
}

fn weekday(ms: i64) -> &'static str {
    ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        [ms.div_euclid(86_400_000).rem_euclid(7) as usize]
}

fn month(m: u32) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m.clamp(1, 12) - 1) as usize]
}

/// systemd's `Sun 2026-12-06 12:01:02 UTC`.
fn systemd_time(ms: i64) -> String {
    let (y, mo, d) = civil_from_days(ms.div_euclid(86_400_000));
    let secs = ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{} {y}-{mo:02}-{d:02} {:02}:{:02}:{:02} UTC",
        weekday(ms),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// systemd's relative time (`5min ago`, `1h 3min ago`, `2 days ago`).
fn ago(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s >= 2 * 86_400 {
        format!("{} days ago", s / 86_400)
    } else if s >= 86_400 {
        format!("1 day {}h ago", (s - 86_400) / 3600)
    } else if s >= 3600 {
        format!("{}h {}min ago", s / 3600, s % 3600 / 60)
    } else if s >= 300 {
        format!("{}min ago", s / 60)
    } else if s >= 60 {
        format!("{}min {}s ago", s / 60, s % 60)
    } else {
        format!("{s}s ago")
    }
}

fn unit_description(unit: &str) -> &'static str {
    match unit {
        "haproxy" => "HAProxy Load Balancer",
        "named" => "Berkeley Internet Name Domain (DNS)",
        "dhcpd" => "DHCPv4 Server Daemon",
        "httpd" => "The Apache HTTP Server",
        "tftp" => "Tftp Server",
        _ => "",
    }
}

/// The config file whose presence means the unit's package is installed.
fn unit_config(unit: &str) -> &'static str {
    match unit {
        "haproxy" => HAPROXY_CFG,
        "named" => ZONE_FILE,
        "dhcpd" => crate::install::helper::DHCPD_CONF,
        "httpd" => crate::install::helper::HTTP_ROOT,
        _ => "/var/lib/tftpboot",
    }
}

fn unit_process(unit: &str) -> (&'static str, &'static str) {
    match unit {
        "haproxy" => (
            "haproxy",
            "/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid",
        ),
        "named" => ("named", "/usr/sbin/named -u named -c /etc/named.conf"),
        "dhcpd" => (
            "dhcpd",
            "/usr/sbin/dhcpd -f -cf /etc/dhcp/dhcpd.conf -user dhcpd -group dhcpd --no-pid",
        ),
        "httpd" => ("httpd", "/usr/sbin/httpd -DFOREGROUND"),
        _ => ("in.tftpd", "/usr/sbin/in.tftpd -s /var/lib/tftpboot"),
    }
}

/// systemctl on the helper node for its services (haproxy, named, dhcpd, httpd, tftp).
fn systemctl(
    host: &mut HostState,
    installer: &mut Installer,
    args: &[String],
    ctx: &mut Ctx,
) -> Output {
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let verb = words.first().map(|s| s.as_str()).unwrap_or("list-units");
    let Some(unit_arg) = words.get(1) else {
        return match verb {
            "status" | "list-units" => Output::ok(""),
            _ => Output::err("Too few arguments.\n", 1),
        };
    };
    let unit = unit_arg.trim_end_matches(".service");
    let known = HELPER_UNITS.contains(&unit) && ctx.fs.get(unit_config(unit)).is_some();
    if !known {
        return match verb {
            "status" => Output::err(format!("Unit {unit}.service could not be found.\n"), 4),
            "is-active" => Output::err("inactive\n", 3),
            _ => Output::err(
                format!("Failed to {verb} {unit}.service: Unit {unit}.service not found.\n"),
                5,
            ),
        };
    }
    if matches!(verb, "start" | "stop" | "restart" | "reload" | "enable") && !is_root(ctx) {
        let detail = if verb == "enable" {
            String::new()
        } else {
            format!("\nSee system logs and 'systemctl status {unit}.service' for details.")
        };
        let what = if verb == "enable" {
            "enable unit"
        } else {
            verb
        };
        return Output::err(
            format!(
                "Failed to {what} {unit}.service: Interactive authentication required.{detail}\n"
            ),
            1,
        );
    }
    let desc = unit_description(unit);
    let hostname = ctx
        .env
        .get("HOSTNAME")
        .cloned()
        .unwrap_or_else(|| "workstation".into());
    let short_host = hostname
        .split('.')
        .next()
        .unwrap_or("workstation")
        .to_owned();
    match verb {
        "start" | "restart" | "enable" => {
            if verb != "enable" || !host.services.contains_key(unit) {
                if verb == "restart" && host.services.contains_key(unit) {
                    let log = host.journal.entry(unit.to_owned()).or_default();
                    log.push((ctx.now, format!("Stopping {desc}...")));
                    log.push((ctx.now, format!("Stopped {desc}.")));
                }
                if verb != "enable" {
                    host.start(unit, ctx.now);
                }
            }
            installer.sync(ctx.fs);
            if verb == "enable" {
                return Output::err("", 0);
            }
            Output::ok("")
        }
        "stop" => {
            if host.services.remove(unit).is_some() {
                let log = host.journal.entry(unit.to_owned()).or_default();
                log.push((ctx.now, format!("Stopping {desc}...")));
                log.push((ctx.now, format!("Stopped {desc}.")));
            }
            Output::ok("")
        }
        "reload" => {
            if !host.services.contains_key(unit) {
                return Output::err(format!("{unit}.service is not active, cannot reload.\n"), 1);
            }
            installer.sync(ctx.fs);
            let log = host.journal.entry(unit.to_owned()).or_default();
            log.push((ctx.now, format!("Reloading {desc}.")));
            log.push((ctx.now, format!("Reloaded {desc}.")));
            Output::ok("")
        }
        "is-active" => match host.services.get(unit) {
            Some(_) => Output::ok("active\n"),
            None => Output::err("inactive\n", 3),
        },
        "status" => {
            let started = host.services.get(unit).copied();
            let active = match started {
                Some(t) => format!(
                    "active (running) since {}; {}",
                    systemd_time(t),
                    ago(ctx.now - t)
                ),
                None => "inactive (dead)".to_owned(),
            };
            let mut text = format!(
                "{} {unit}.service - {desc}\n   Loaded: loaded (/usr/lib/systemd/system/{unit}.service; enabled; vendor preset: disabled)\n   Active: {active}\n",
                "●"
            );
            if let Some(t) = started {
                let pid = 1000 + (Rng::new(&format!("{unit}{t}")).next() % 8000) as u32;
                let (comm, cmd) = unit_process(unit);
                text.push_str(&format!(
                    " Main PID: {pid} ({comm})\n    Tasks: 2 (limit: 23484)\n   Memory: 4.2M\n   CGroup: /system.slice/{unit}.service\n           └─{pid} {cmd}\n"
                ));
            }
            let lines = host.journal.get(unit).cloned().unwrap_or_default();
            if !lines.is_empty() {
                text.push('\n');
                for (t, msg) in lines.iter().rev().take(10).rev() {
                    let (_, mo, d) = civil_from_days(t.div_euclid(86_400_000));
                    let secs = t.rem_euclid(86_400_000) / 1000;
                    text.push_str(&format!(
                        "{} {d:02} {:02}:{:02}:{:02} {short_host} systemd[1]: {msg}\n",
                        month(mo),
                        secs / 3600,
                        secs % 3600 / 60,
                        secs % 60
                    ));
                }
            }
            let code = if started.is_some() { 0 } else { 3 };
            Output {
                stdout: text,
                stderr: String::new(),
                code,
            }
        }
        other => Output::err(format!("Unknown operation '{other}'.\n"), 1),
    }
}

/// ocp4-helpernode's checker script, templated from the helper's vars when the playbook ran.
fn helpernodecheck(
    host: &HostState,
    installer: &Installer,
    args: &[String],
    ctx: &mut Ctx,
) -> Output {
    let Some(helper) = installer.helper.as_ref() else {
        return Output::err("", 127);
    };
    let net = NetView::read(ctx.fs, &helper.helper.ipaddr);
    let zone = ctx.fs.read(ZONE_FILE).unwrap_or("").to_owned();
    let cd = helper.cluster_domain();
    // `egrep -A N PATTERN zonefile.db`: the matching line and the N lines after it.
    let after = |pattern: &str, n: usize| -> String {
        let lines: Vec<&str> = zone.lines().collect();
        let mut out = String::new();
        if let Some(k) = lines.iter().position(|l| l.starts_with(pattern)) {
            for l in &lines[k..(k + n + 1).min(lines.len())] {
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    };
    let lookups = |names: Vec<String>| -> String {
        let mut out = String::new();
        for name in names {
            let fqdn = format!("{name}.{cd}");
            let ip = net.resolve(&fqdn).map(|v| v.join("\n")).unwrap_or_default();
            let reverse = net
                .ptr
                .get(&ip)
                .map(|v| {
                    v.iter()
                        .map(|p| format!("{p}."))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "\n{fqdn}\n-------------------------------------------------\nIP: {ip}\nReverse: {reverse}\n"
            ));
        }
        out
    };
    let banner = |title: &str| {
        let rule = "=".repeat(title.len());
        format!("{rule}\n{title}\n{rule}\n")
    };
    let text = match args.first().map(String::as_str) {
        Some("dns-masters") => format!(
            "{}\n{}\n{}{}",
            banner("DNS Config for Masters"),
            after(
                "; Create entries for the master hosts",
                helper.masters.len() + 1
            ),
            banner("DNS Lookup for Masters"),
            lookups(helper.masters.iter().map(|m| m.name.clone()).collect())
        ),
        Some("dns-workers") => format!(
            "{}\n{}\n{}{}",
            banner("DNS Config for Workers"),
            after("; Create entries for the worker", helper.workers.len() + 1),
            banner("DNS Lookup for Workers"),
            lookups(helper.workers.iter().map(|w| w.name.clone()).collect())
        ),
        Some("dns-other") => format!(
            "{}\n{}\n{}",
            "======================\nDNS Config for Others\n======================\n",
            after("; Create entries for the other", 1),
            "======================\nDNS Lookup for Others\n======================\n"
        ),
        Some("install-info") => format!(
            "\nThis server should also be used as the install node. Apache is running on http://{}:8080 You can put your openshift-install artifacts (bios images and ignition files) in /var/www/html\n\nQuickstart Notes:\n\tmkdir ~/install\n\tcd ~/install\n\tvi install-config.yaml\n\topenshift-install create ignition-configs\n\tcp *.ign /var/www/html/ignition/\n\trestorecon -vR /var/www/html/\n\n(See https://docs.openshift.com/container-platform/4.2/installing/installing_bare_metal/installing-bare-metal.html for more details)\n\n",
            helper.helper.ipaddr
        ),
        Some("haproxy") => format!(
            "\nHAProxy stats are on http://{}:9000 and you should use it to monitor the install when you start.\n\n",
            helper.helper.ipaddr
        ),
        Some("services") => {
            let mut out = String::from("Status of services:\n===================\n");
            for unit in ["dhcpd", "named", "haproxy", "httpd", "tftp"] {
                let active = match host.services.get(unit) {
                    Some(t) => format!(
                        "active (running) since {}; {}",
                        systemd_time(*t),
                        ago(ctx.now - t)
                    ),
                    None => "inactive (dead)".to_owned(),
                };
                out.push_str(&format!(
                    "Status of {unit} svc \t\t->    Active: {active}\n"
                ));
            }
            out
        }
        _ => {
            return Output::ok(
                "Usage:\nhelpernodecheck {dns-masters|dns-workers|dns-etcd|dns-other|install-info|haproxy|services|nfs-info}\n\n",
            )
            .with_code(1);
        }
    };
    Output::ok(text)
}

trait WithCode {
    fn with_code(self, code: i32) -> Output;
}

impl WithCode for Output {
    fn with_code(mut self, code: i32) -> Output {
        self.code = code;
        self
    }
}

/// virt-install: defines and starts a domain that PXE boots on the `openshift4` network with the given MAC.
///
/// The domain is one of the install simulator's machines (matched by name, then by MAC); its MAC becomes that
/// machine's real MAC, so a MAC without a DHCP lease never PXE boots, and the first machine powered on starts the
/// install as the Install tab's "Power on machines (PXE)" does.
fn virt_install(
    host: &mut HostState,
    installer: &mut Installer,
    args: &[String],
    ctx: &mut Ctx,
) -> Output {
    let mut name = None;
    let mut mac = None;
    let mut network = "default".to_owned();
    let mut noautoconsole = false;
    let mut disk_size = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--name"
                | "-n"
                | "--vcpus"
                | "--memory"
                | "--ram"
                | "-r"
                | "--disk"
                | "--os-variant"
                | "--network"
                | "-w"
                | "--boot"
                | "--graphics"
                | "--location"
                | "--cdrom"
                | "--extra-args"
                | "--cpu"
        );
        let value = if takes_value && inline.is_none() {
            i += 1;
            match args.get(i) {
                Some(v) => Some(v.clone()),
                None => {
                    return Output::err(
                        format!(
                            "usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]\nvirt-install: error: argument {flag}: expected one argument\n"
                        ),
                        2,
                    );
                }
            }
        } else {
            inline
        };
        i += 1;
        match flag.as_str() {
            "--name" | "-n" => name = value,
            "--network" | "-w" => {
                let value = value.unwrap_or_default();
                if let Some(n) = value.split(',').find_map(|p| p.strip_prefix("network=")) {
                    n.clone_into(&mut network);
                }
                mac = value.split(',').find_map(|p| {
                    p.strip_prefix("mac=")
                        .or_else(|| p.strip_prefix("mac.address="))
                        .map(str::to_ascii_lowercase)
                });
            }
            "--disk" => {
                disk_size = value
                    .unwrap_or_default()
                    .split(',')
                    .find_map(|p| p.strip_prefix("size=").map(str::to_owned));
            }
            "--noautoconsole" => noautoconsole = true,
            "--pxe" | "--import" => {}
            f if takes_value => {
                let _ = f;
            }
            other => {
                return Output::err(
                    format!(
                        "usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]\nvirt-install: error: unrecognized arguments: {other}\n"
                    ),
                    2,
                );
            }
        }
    }
    let Some(name) = name else {
        return Output::err("ERROR    --name is required\n", 1);
    };
    if !is_root(ctx) {
        // Without root, virt-install talks to the user's qemu:///session, which has none of the host's networks.
        return Output::err(
            format!("ERROR    Network not found: no network with matching name '{network}'\n"),
            1,
        );
    }
    if host.vms.iter().any(|v| v.name == name) {
        return Output::err(
            format!("ERROR    Guest name '{name}' is already in use.\n"),
            1,
        );
    }
    if let Some(m) = &mac {
        let ok = m.len() == 17
            && m.split(':')
                .all(|o| o.len() == 2 && o.chars().all(|c| c.is_ascii_hexdigit()));
        if !ok {
            return Output::err(
                format!(
                    "ERROR    MAC address must be of the format AA:BB:CC:DD:EE:FF, was '{m}'\n"
                ),
                1,
            );
        }
    }
    host.next_id += 1;
    host.vms.push(Vm {
        name: name.clone(),
        id: Some(host.next_id),
    });
    power_on(installer, &name, mac.as_deref(), ctx);
    let mut out = String::from("\nStarting install...\n");
    if disk_size.is_some() {
        let size = format!("{} GB", disk_size.as_deref().unwrap_or("0"));
        out.push_str(&format!(
            "{:<60}| {size:>6}  00:00:00     \n",
            format!("Allocating '{name}.qcow2'")
        ));
    }
    out.push_str(&format!(
        "{:<60}|    0 B  00:00:00     \n",
        "Creating domain..."
    ));
    if noautoconsole {
        out.push_str("Domain is still running. Installation may be in progress.\nYou can reconnect to the console to complete the installation process.\n");
    } else {
        out.push_str("Domain creation completed.\n");
    }
    Output::ok(out)
}

/// Powers on the install machine behind domain `name` with `mac` (and only it), starting the install if none runs.
fn power_on(installer: &mut Installer, name: &str, mac: Option<&str>, ctx: &mut Ctx) {
    if installer.helper.is_none() {
        return;
    }
    let lower = name.to_ascii_lowercase();
    let index = installer
        .hardware
        .iter()
        .position(|h| {
            !h.name.is_empty() && (lower == h.name || lower.ends_with(&format!("-{}", h.name)))
        })
        .or_else(|| mac.and_then(|m| installer.hardware.iter().position(|h| h.mac == m)));
    let Some(index) = index else {
        return;
    };
    if let Some(m) = mac {
        installer.hardware[index].mac = m.to_owned();
        if let Some(sim) = installer.sim.as_mut()
            && let Some(machine) = sim
                .machines
                .iter_mut()
                .find(|x| x.name == installer.hardware[index].name)
            && machine.state == crate::install::MachineState::Off
        {
            machine.mac = m.to_ascii_lowercase();
        }
    }
    installer.sync(ctx.fs);
    let name = installer.hardware[index].name.clone();
    installer.power_on(&name, ctx.now);
}

/// virsh: `list [--all]`, `start`, `destroy`, `shutdown` over the domains virt-install defined.
fn virsh(host: &mut HostState, args: &[String]) -> Output {
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let all = args.iter().any(|a| a == "--all");
    match words.first().map(|s| s.as_str()) {
        Some("list") => {
            let mut rows: Vec<[String; 3]> = Vec::new();
            let mut running: Vec<&Vm> = host.vms.iter().filter(|v| v.id.is_some()).collect();
            running.sort_shared_by_key(|v| v.id);
            for v in running {
                rows.push([
                    v.id.unwrap_or(0).to_string(),
                    v.name.clone(),
                    "running".into(),
                ]);
            }
            if all {
                let mut off: Vec<&Vm> = host.vms.iter().filter(|v| v.id.is_none()).collect();
                off.sort_shared_by(|a, b| a.name.cmp(&b.name));
                for v in off {
                    rows.push(["-".into(), v.name.clone(), "shut off".into()]);
                }
            }
            let header = ["Id".to_owned(), "Name".to_owned(), "State".to_owned()];
            let mut widths = [0usize; 3];
            for row in std::iter::once(&header).chain(rows.iter()) {
                for (w, cell) in widths.iter_mut().zip(row.iter()) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let line = |row: &[String; 3]| {
                format!(
                    " {:<w0$}   {:<w1$}   {}\n",
                    row[0],
                    row[1],
                    row[2],
                    w0 = widths[0],
                    w1 = widths[1]
                )
            };
            let mut out = line(&header);
            out.push_str(&"-".repeat(1 + widths.iter().sum::<usize>() + 9));
            out.push('\n');
            for r in &rows {
                out.push_str(&line(r));
            }
            out.push('\n');
            Output::ok(out)
        }
        Some(verb @ ("start" | "destroy" | "shutdown")) => {
            let Some(name) = words.get(1) else {
                return Output::err(
                    "error: command '".to_owned() + verb + "' requires <domain> option\n",
                    1,
                );
            };
            let next = host.next_id + 1;
            let Some(vm) = host.vms.iter_mut().find(|v| {
                &v.name == *name || v.id.map(|i| i.to_string()).as_deref() == Some(name.as_str())
            }) else {
                return Output::err(format!("error: failed to get domain '{name}'\n"), 1);
            };
            let vm_name = vm.name.clone();
            match (verb, vm.id) {
                ("start", None) => {
                    vm.id = Some(next);
                    host.next_id = next;
                    Output::ok(format!("Domain '{vm_name}' started\n\n"))
                }
                ("start", Some(_)) => Output::err(
                    "error: Failed to start domain '".to_owned()
                        + &vm_name
                        + "'\nerror: Requested operation is not valid: domain is already running\n",
                    1,
                ),
                ("destroy", Some(_)) => {
                    vm.id = None;
                    Output::ok(format!("Domain '{vm_name}' destroyed\n\n"))
                }
                ("shutdown", Some(_)) => {
                    vm.id = None;
                    Output::ok(format!("Domain '{vm_name}' is being shutdown\n\n"))
                }
                (_, None) => Output::err(
                    format!(
                        "error: Failed to {verb} domain '{vm_name}'\nerror: Requested operation is not valid: domain is not running\n"
                    ),
                    1,
                ),
                _ => Output::default(),
            }
        }
        Some(other) => Output::err(format!("error: unknown command: '{other}'\n"), 1),
        None => Output::err("error: no command given\n", 1),
    }
}
