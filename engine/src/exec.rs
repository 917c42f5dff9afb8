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
}

impl Ctx<'_> {
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
