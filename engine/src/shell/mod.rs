//! The learner's shell: parsing, expansion, pipes, redirection, builtins, text filters and nested shells (debug pods, chroot, ssh, exec).
//!
//! The shell implements bash's grammar subset, its builtins and the coreutils learners pipe into; everything else
//! (`oc`, `kubectl`, `aws`, `openshift-install`, node tools) goes to a [`Host`]. A host can open a nested shell by
//! calling [`Ctx::push_frame`](crate::exec::Ctx::push_frame); `exit` closes it again.
//!
//! The `clear` command prints exactly [`CLEAR_SCREEN`] (`"\x1b[H\x1b[2J"`) on standard output; a UI that sees it should
//! wipe its scrollback.
//!
//! A front end reads a line, and while [`needs_more_input`] says the text so far is unfinished it shows
//! [`CONTINUATION_PROMPT`] and appends the next line (joined with `\n`); then it calls [`Shell::run`] once with the
//! whole text and shows [`Shell::prompt`] again. Inside the workstation frame the shell's own commands win over the
//! host's; inside nested frames the host is asked first, so it can answer `cat /etc/os-release` on a node.

mod arith;
pub mod ast;
mod builtins;
mod complete;
mod files;
pub mod flags;
mod grep;
mod identity;
mod interp;
mod jq;
pub mod parser;
mod scripts;
mod text;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::exec::{Ctx, Output};
use crate::vfs::Vfs;

pub use complete::Completion;
pub use identity::Identity;
pub use parser::{ParseError, needs_more_input, parse};

/// What `clear` prints; a UI wipes the screen when a command's standard output is exactly this.
pub const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J";

/// The prompt shown for continuation lines while [`needs_more_input`] is true (bash's `PS2`).
pub const CONTINUATION_PROMPT: &str = "> ";

/// The classroom workstation's host name, shown in the prompt and by `hostname`.
pub const WORKSTATION: &str = "workstation";

/// Everything the shell does not implement itself: the cluster and cloud command lines and node tools.
pub trait Host {
    /// Runs `argv` (`argv[0]` is the command name) in `frame`; `None` means the host has no such command.
    fn run(&mut self, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output>;
    /// Lets `ms` milliseconds of virtual time pass (used by `sleep` and `watch`).
    fn advance(&mut self, ms: u64);
    /// The virtual time, in milliseconds since the Unix epoch.
    fn now(&self) -> i64;
    /// The commands the host answers in `frame`, for `help`, `which`, `type` and completion.
    fn command_names(&self, frame: &Frame) -> Vec<String>;
    /// Candidate completions of `partial`, the argument being typed after `argv`; none by default.
    fn complete_args(&self, argv: &[String], partial: &str, frame: &Frame) -> Vec<String> {
        let _ = (argv, partial, frame);
        Vec::new()
    }
}

/// Where a shell runs: the learner's workstation, or a shell opened inside the cluster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FrameKind {
    /// The learner's own machine.
    Workstation,
    /// The shell of an `oc debug node/NAME` pod.
    DebugNode {
        /// The node debugged.
        node: String,
    },
    /// The node's root after `chroot /host` in a debug pod.
    NodeRoot {
        /// The node.
        node: String,
    },
    /// A container shell from `kubectl exec -it` or `oc rsh`.
    Container {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The container.
        container: String,
    },
    /// An `ssh` login on a node.
    Ssh {
        /// The node.
        node: String,
    },
}

/// One level of the stack of nested shells, with its own prompt, variables and directory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Frame {
    /// Where this shell runs.
    pub kind: FrameKind,
    /// The user name (`student`, `root`, `core`).
    pub user: String,
    /// The host name shown by `hostname` and in bash-style prompts.
    pub hostname: String,
    /// A fixed prompt such as `sh-4.4# `; `None` gives bash's `[user@host dir]$ `.
    pub prompt: Option<String>,
    /// The shell's name in its error messages (`bash` or `sh`).
    pub shell: String,
    /// The current directory.
    pub cwd: String,
    /// The home directory.
    pub home: String,
    /// Exported variables.
    pub env: BTreeMap<String, String>,
    /// Variables set but not exported.
    pub vars: BTreeMap<String, String>,
    /// What is printed on standard error when `exit` leaves this shell (after bash's own `exit` line).
    pub exit_text: String,
    /// The frame's own filesystem; `None` shares the workstation's.
    pub fs: Option<Vfs>,
}

/// Runs `argv` as a program run without a shell in `frame` (what `kubectl exec POD -- …` starts): the
/// shell's utilities, `sh -c`/`bash -c` scripts and the echo-like programs a container's `/bin` holds; `None`
/// when `argv[0]` names no such program, so the caller reports it missing from the image. The frame's filesystem
/// comes back as the program left it.
pub fn exec_program(
    argv: &[String],
    frame: Frame,
    host: &mut dyn Host,
) -> Option<(Output, Option<Vfs>)> {
    let name = argv.first()?.rsplit('/').next()?;
    let programs = ["echo", "printf", "true", "false", "test", "[", "pwd"];
    if !builtins::UTILITIES.contains(&name) && !programs.contains(&name) {
        return None;
    }
    let mut shell = Shell::new();
    shell.frames.push(frame);
    let line: Vec<String> = argv.iter().map(|arg| quote(arg)).collect();
    let out = shell.run_input(&line.join(" "), host, None, false);
    let fs = shell.frames.pop().and_then(|frame| frame.fs);
    Some((out, fs))
}

/// `word` single-quoted for the shell's parser, so that it reads back as exactly one argument.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// Runs one of the shell's own utilities (`ls`, `cat`, `grep`, …) with `argv` in `ctx`, as a command line would.
pub fn run_utility(argv: &[String], ctx: &mut Ctx) -> Option<Output> {
    builtins::run_util(argv, ctx)
}

/// The learner's shell: the stack of frames, the workstation filesystem, history and the last exit code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shell {
    /// Who the learner is on the workstation.
    #[serde(default)]
    pub identity: Identity,
    /// The workstation's filesystem.
    pub fs: Vfs,
    /// The nested shells, the workstation first; never empty.
    pub frames: Vec<Frame>,
    /// Every input line run, oldest first.
    pub history: Vec<String>,
    /// The exit code of the last pipeline (`$?`).
    pub last_code: i32,
    /// Nested shells `exit` closed since the host last took them, for what it keeps of them (a container's files).
    #[serde(skip)]
    pub closed: crate::transient::Transient<Vec<Frame>>,
}

impl Default for Shell {
    fn default() -> Self {
        Self::new()
    }
}

impl Shell {
    /// A fresh shell on the classroom workstation as `student`, in the home directory.
    pub fn new() -> Self {
        Self::with_identity(Identity::workstation())
    }

    /// A fresh shell on the machine `identity` describes, in its home directory (the only home the filesystem holds).
    pub fn with_identity(identity: Identity) -> Self {
        let fs = Vfs::with_home(&identity.home);
        Shell {
            frames: vec![Frame::workstation(&identity)],
            identity,
            fs,
            history: Vec::new(),
            last_code: 0,
            closed: Default::default(),
        }
    }

    /// Runs a complete input (possibly several lines) and returns everything it printed and the last exit code.
    pub fn run(&mut self, input: &str, host: &mut dyn Host) -> Output {
        self.run_input(input, host, None, true)
    }

    /// Runs `input` as [`Shell::run`] does, and also returns what reached the terminal in the order it was written:
    /// each command's standard output and then its error, command after command (`echo a; ls /nope; echo b` shows
    /// the error between `a` and `b`). The chunks are `(is_error, text)`.
    pub fn run_screen(
        &mut self,
        input: &str,
        host: &mut dyn Host,
    ) -> (Output, Vec<(bool, String)>) {
        let mut screen = Vec::new();
        let out = self.run_input(input, host, Some(&mut screen), true);
        (out, screen)
    }

    /// The prompt for the current frame, such as `[student@workstation ~]$ ` or `sh-4.4# `.
    pub fn prompt(&self) -> String {
        let frame = self.frame();
        if let Some(prompt) = &frame.prompt {
            return prompt.clone();
        }
        let dir = if frame.cwd == frame.home {
            "~".to_owned()
        } else if frame.cwd == "/" {
            "/".to_owned()
        } else {
            frame.cwd.rsplit('/').next().unwrap_or("/").to_owned()
        };
        let sign = if frame.user == "root" { "#" } else { "$" };
        let format = frame
            .vars
            .get("PS1")
            .map(String::as_str)
            .unwrap_or(identity::RHEL_PROMPT);
        // bash's prompt escapes for the user, the host, the directory and the prompt sign.
        let mut out = String::new();
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('u') => out.push_str(&frame.user),
                Some('h') => out.push_str(short_host(&frame.hostname)),
                Some('H') => out.push_str(&frame.hostname),
                Some('W') => out.push_str(&dir),
                Some('w') => out.push_str(&match frame.cwd.strip_prefix(&frame.home) {
                    Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("~{rest}"),
                    _ => frame.cwd.clone(),
                }),
                Some('$') => out.push_str(sign),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        }
        out
    }

    /// Completes the word under `cursor` in `line`: command names, virtual files, or the host's arguments.
    pub fn complete(&self, line: &str, cursor: usize, host: &dyn Host) -> Completion {
        complete::complete(self, line, cursor, host)
    }

    /// The current (innermost) frame.
    pub fn frame(&self) -> &Frame {
        self.frames.last().unwrap_or(&self.frames[0])
    }

    /// The value of a variable in the current frame, exported or not.
    pub fn var(&self, name: &str) -> Option<&str> {
        let frame = self.frame();
        frame
            .env
            .get(name)
            .or_else(|| frame.vars.get(name))
            .map(String::as_str)
    }
}

impl Frame {
    /// The learner's login shell on the machine `identity` describes, with bash's default environment (no
    /// `KUBECONFIG`) and the distribution's prompt in `PS1`.
    pub fn workstation(identity: &Identity) -> Self {
        let home = identity.home.as_str();
        let path = identity.login_path();
        let env: BTreeMap<String, String> = [
            ("HOME", home),
            ("USER", &identity.user),
            ("LOGNAME", &identity.user),
            ("SHELL", "/bin/bash"),
            ("HOSTNAME", &identity.hostname),
            ("PATH", &path),
            ("PWD", home),
            ("TERM", "xterm-256color"),
            ("LANG", "en_US.UTF-8"),
            ("SHLVL", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        Frame {
            kind: FrameKind::Workstation,
            user: identity.user.clone(),
            hostname: identity.hostname.clone(),
            prompt: None,
            shell: "bash".to_owned(),
            cwd: home.to_owned(),
            home: home.to_owned(),
            env,
            vars: BTreeMap::from([("PS1".to_owned(), identity.prompt.clone())]),
            exit_text: String::new(),
            fs: None,
        }
    }

    /// A root shell with a fixed prompt, its own filesystem and the given exit text; the base of the nested frames.
    pub fn nested(
        kind: FrameKind,
        user: &str,
        hostname: &str,
        prompt: Option<&str>,
        home: &str,
        exit_text: &str,
    ) -> Self {
        let env: BTreeMap<String, String> = [
            ("HOME", home),
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("HOSTNAME", hostname),
            ("PWD", home),
            ("TERM", "xterm"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let fs = Vfs::with_home(home);
        Frame {
            kind,
            user: user.to_owned(),
            hostname: hostname.to_owned(),
            prompt: prompt.map(str::to_owned),
            shell: if prompt.is_some() { "sh" } else { "bash" }.to_owned(),
            cwd: home.to_owned(),
            home: home.to_owned(),
            env,
            vars: BTreeMap::new(),
            exit_text: exit_text.to_owned(),
            fs: Some(fs),
        }
    }

    /// The shell of an `oc debug node/NODE` pod (prompt `sh-4.4# `); `exit_text` is what `oc` prints when the pod is removed, such as `"\nRemoving debug pod ...\n"`.
    pub fn debug_node(node: &str, exit_text: &str) -> Self {
        let mut frame = Frame::nested(
            FrameKind::DebugNode {
                node: node.to_owned(),
            },
            "root",
            node,
            Some("sh-4.4# "),
            "/",
            exit_text,
        );
        let _ = frame.fs.as_mut().map(|fs| fs.mkdir("/host", true));
        frame
    }

    /// The node's own root shell after `chroot /host` (prompt `sh-5.1# `).
    pub fn node_root(node: &str) -> Self {
        Frame::nested(
            FrameKind::NodeRoot {
                node: node.to_owned(),
            },
            "root",
            node,
            Some("sh-5.1# "),
            "/",
            "",
        )
    }

    /// A container shell with the prompt the image's shell shows (such as `$ `, `sh-4.4$ ` or `root@POD:/# `).
    pub fn container(
        namespace: &str,
        pod: &str,
        container: &str,
        prompt: &str,
        exit_text: &str,
    ) -> Self {
        Frame::nested(
            FrameKind::Container {
                namespace: namespace.to_owned(),
                pod: pod.to_owned(),
                container: container.to_owned(),
            },
            "root",
            pod,
            Some(prompt),
            "/",
            exit_text,
        )
    }

    /// An `ssh core@NODE` login (prompt `[core@NODE ~]$ `); `exit_text` is ssh's `Connection to NODE closed.` line.
    pub fn ssh(user: &str, node: &str, exit_text: &str) -> Self {
        let home = if user == "root" {
            "/root".to_owned()
        } else {
            format!("/home/{user}")
        };
        let mut frame = Frame::nested(
            FrameKind::Ssh {
                node: node.to_owned(),
            },
            user,
            node,
            None,
            &home,
            exit_text,
        );
        frame.env.insert("USER".to_owned(), user.to_owned());
        frame
    }
}

/// The host name up to its first dot, as bash's `\h` shows it.
fn short_host(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Every flag table of the shell's commands, for the flag-spelling test.
#[cfg(test)]
pub(crate) fn all_specs() -> Vec<&'static flags::Spec> {
    let mut specs = Vec::new();
    specs.extend(files::SPECS);
    specs.extend(text::SPECS);
    specs.extend(grep::SPECS);
    specs.extend(jq::SPECS);
    specs.extend(builtins::SPECS);
    specs.extend(scripts::SPECS);
    specs
}
