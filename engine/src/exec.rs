//! The contract between the shell and every command it runs: what a command receives and what it returns.

use std::collections::BTreeMap;

use crate::vfs::Vfs;

/// What one command run produced: its standard output and error and its exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Output {
    /// Everything the command wrote to standard output.
    pub stdout: String,
    /// Everything the command wrote to standard error.
    pub stderr: String,
    /// The exit code, 0 for success.
    pub code: i32,
}

impl Output {
    /// A successful run that printed `stdout`.
    pub fn ok(stdout: impl Into<String>) -> Self {
        Self {
            stdout: stdout.into(),
            stderr: String::new(),
            code: 0,
        }
    }

    /// A failed run that printed `stderr` and exited with `code`.
    pub fn err(stderr: impl Into<String>, code: i32) -> Self {
        Self {
            stdout: String::new(),
            stderr: stderr.into(),
            code,
        }
    }

    /// Appends another output's streams and takes its exit code.
    pub fn append(&mut self, other: Output) {
        self.stdout.push_str(&other.stdout);
        self.stderr.push_str(&other.stderr);
        self.code = other.code;
    }
}

/// What a command can see and touch while it runs.
pub struct Ctx<'a> {
    /// The session's virtual filesystem.
    pub fs: &'a mut Vfs,
    /// The exported environment variables.
    pub env: &'a BTreeMap<String, String>,
    /// The current working directory, absolute.
    pub cwd: &'a str,
    /// Everything piped or redirected into the command.
    pub stdin: &'a str,
    /// The virtual time, in milliseconds since the Unix epoch.
    pub now: i64,
    /// Whether standard output is the terminal (not a pipe or a file); `ls` lays out columns only then.
    pub tty: bool,
    /// A nested shell the command asks the shell to enter once it returns (see [`Ctx::push_frame`]).
    pub pushed: Option<crate::shell::Frame>,
}

impl<'a> Ctx<'a> {
    /// A context over `fs` and `env`, at `cwd`, with `stdin`, at virtual time `now`; tests and callers outside the shell build contexts only through this.
    pub fn new(
        fs: &'a mut Vfs,
        env: &'a BTreeMap<String, String>,
        cwd: &'a str,
        stdin: &'a str,
        now: i64,
    ) -> Self {
        Self {
            fs,
            env,
            cwd,
            stdin,
            now,
            tty: true,
            pushed: None,
        }
    }

    /// Asks the shell to enter `frame` (a debug pod, a node's chroot, a container or an ssh login) after this command; the learner leaves it with `exit`.
    pub fn push_frame(&mut self, frame: crate::shell::Frame) {
        self.pushed = Some(frame);
    }

    /// Resolves `path` against the current directory and `~`.
    pub fn resolve(&self, path: &str) -> String {
        let home = self
            .env
            .get("HOME")
            .map(String::as_str)
            .unwrap_or("/home/student");
        crate::vfs::resolve(self.cwd, home, path)
    }
}
