//! Shell builtins that change the shell's state (`cd`, `export`, `exit`, `history`…), the commands that run other commands (`xargs`, `watch`, `sleep`), and small utilities (`echo`, `printf`, `date`…).

use super::flags::{Spec, switch, valued};
use super::interp::{Runtime, env_lines};
use super::{CLEAR_SCREEN, Frame, FrameKind, Shell, files, grep, jq, parser, scripts, text};
use crate::exec::{Ctx, Output};
use crate::sort::SortShared;

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[&WATCH, &XARGS, &DATE];

const WATCH: Spec = Spec {
    cmd: "watch",
    flags: &[
        valued(
            "interval",
            Some('n'),
            "interval",
            "seconds to wait between updates",
        ),
        switch("no-title", Some('t'), "no-title", "turn off header"),
        switch(
            "differences",
            Some('d'),
            "differences",
            "highlight changes between updates",
        ),
    ],
    usage_code: 1,
    stop_at_operand: true,
};

const XARGS: Spec = Spec {
    cmd: "xargs",
    flags: &[
        valued(
            "replace",
            Some('I'),
            "",
            "replace R in initial arguments with names read from standard input",
        ),
        valued(
            "max-args",
            Some('n'),
            "max-args",
            "use at most MAX-ARGS arguments per command line",
        ),
        switch(
            "no-run-if-empty",
            Some('r'),
            "no-run-if-empty",
            "if there are no arguments, then do not run COMMAND",
        ),
        switch(
            "verbose",
            Some('t'),
            "verbose",
            "print commands before executing them",
        ),
        switch(
            "null",
            Some('0'),
            "null",
            "items are separated by a null, not whitespace",
        ),
    ],
    usage_code: 1,
    stop_at_operand: true,
};

const DATE: Spec = Spec {
    cmd: "date",
    flags: &[
        switch(
            "utc",
            Some('u'),
            "utc",
            "print Coordinated Universal Time (UTC)",
        ),
        switch(
            "iso-8601",
            Some('I'),
            "iso-8601",
            "output date in ISO 8601 format",
        ),
        switch(
            "rfc-3339",
            Some('R'),
            "rfc-email",
            "output date and time in RFC 5322 format",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

/// Bash builtins, as `type` reports them.
pub(super) const BASH_BUILTINS: &[&str] = &[
    ":", ".", "[", "cd", "echo", "exit", "export", "false", "help", "history", "printf", "pwd",
    "source", "true", "type", "unset",
];

/// Programs the shell provides itself, found in `/usr/bin`.
pub(super) const UTILITIES: &[&str] = &[
    "awk", "base64", "bash", "cat", "chroot", "clear", "column", "cp", "cut", "date", "env",
    "grep", "head", "hostname", "id", "jq", "ls", "mkdir", "mv", "rm", "sed", "sh", "sleep",
    "sort", "tail", "tee", "touch", "tr", "uniq", "watch", "wc", "which", "whoami", "xargs",
];

/// What bash 4.4 (RHEL 8) prints after an invalid option.
const BASH_USAGE: &str = "Usage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\nGNU long options:\n\t--debug\n\t--debugger\n\t--dump-po-strings\n\t--dump-strings\n\t--help\n\t--init-file\n\t--login\n\t--noediting\n\t--noprofile\n\t--norc\n\t--posix\n\t--rcfile\n\t--restricted\n\t--verbose\n\t--version\nShell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n";

impl Shell {
    /// Runs the builtins that need the shell itself; `None` for every other command.
    pub(super) fn shell_builtin(
        &mut self,
        argv: &[String],
        stdin: &str,
        tty: bool,
        rt: &mut Runtime,
    ) -> Option<Output> {
        let args = &argv[1..];
        let shell = self.frame().shell.clone();
        Some(match argv[0].as_str() {
            ":" => Output::default(),
            "cd" => self.cd(args, &shell),
            "export" => self.export(args, &shell),
            "unset" => {
                for name in args.iter().filter(|a| !a.starts_with('-')) {
                    let frame = self.frame_mut();
                    frame.env.remove(name);
                    frame.vars.remove(name);
                }
                Output::default()
            }
            "exit" => self.exit(args, &shell, rt),
            "sh" | "bash" | "/bin/sh" | "/bin/bash" | "/usr/bin/sh" | "/usr/bin/bash" => {
                self.child_shell(argv, stdin, tty, rt)
            }
            "history" => self.history_cmd(args, &shell),
            "type" => self.type_cmd(args, rt),
            "which" => self.which(args, rt),
            "help" => self.help(rt),
            "source" | "." => self.source(argv, &shell, rt),
            "sleep" => sleep(args, rt),
            "watch" => self.watch(args, rt),
            "xargs" => self.xargs(args, stdin, tty, rt),
            "chroot" => self.chroot(args, stdin, tty, rt)?,
            // Nested shells belong to other machines, whose host answers `id` (or has none).
            "id" if matches!(self.frame().kind, FrameKind::Workstation) => {
                self.identity.id(args, false)
            }
            "ll" => {
                // RHEL's default alias.
                let mut argv = vec!["ls".to_owned(), "-l".to_owned()];
                argv.extend(args.iter().cloned());
                self.dispatch(&argv, &[], stdin, tty, rt)
            }
            "sudo" => match args.first().map(String::as_str) {
                None => Output::err(
                    "usage: sudo -h | -K | -k | -V\nusage: sudo -v [-AknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-AknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]\nusage: sudo [-AbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]\nusage: sudo -e [-AknS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n",
                    1,
                ),
                Some(flag) if flag.starts_with('-') => Output::err(
                    format!("sudo: option {flag} is not available in this shell\n"),
                    1,
                ),
                Some("id") if matches!(self.frame().kind, FrameKind::Workstation) => {
                    self.identity.id(&args[1..], true)
                }
                Some(_) => {
                    // The command runs as root; the classroom's sudo asks for no password.
                    let user = self.var("USER").unwrap_or("root").to_owned();
                    let assigns = [
                        ("USER".to_owned(), "root".to_owned()),
                        ("LOGNAME".to_owned(), "root".to_owned()),
                        ("SUDO_USER".to_owned(), user),
                    ];
                    self.dispatch(args, &assigns, stdin, tty, rt)
                }
            },
            _ => return None,
        })
    }

    fn cd(&mut self, args: &[String], shell: &str) -> Output {
        let args: Vec<&String> = args.iter().filter(|a| a.as_str() != "--").collect();
        if args.len() > 1 {
            return Output::err(format!("{shell}: cd: too many arguments\n"), 1);
        }
        let mut print = false;
        let target = match args.first().map(|s| s.as_str()) {
            None => match self.var("HOME") {
                Some(home) => home.to_owned(),
                None => return Output::err(format!("{shell}: cd: HOME not set\n"), 1),
            },
            Some("-") => match self.var("OLDPWD") {
                Some(old) => {
                    print = true;
                    old.to_owned()
                }
                None => return Output::err(format!("{shell}: cd: OLDPWD not set\n"), 1),
            },
            Some(dir) => dir.to_owned(),
        };
        let path = self.resolve(&target);
        match self.fs().get(&path) {
            Some(crate::vfs::Node::Dir) => {}
            Some(_) => return Output::err(format!("{shell}: cd: {target}: Not a directory\n"), 1),
            None => {
                return Output::err(
                    format!("{shell}: cd: {target}: No such file or directory\n"),
                    1,
                );
            }
        }
        let frame = self.frame_mut();
        let old = std::mem::replace(&mut frame.cwd, path.clone());
        frame.env.insert("OLDPWD".to_owned(), old);
        frame.env.insert("PWD".to_owned(), path.clone());
        if print {
            Output::ok(format!("{path}\n"))
        } else {
            Output::default()
        }
    }

    fn export(&mut self, args: &[String], shell: &str) -> Output {
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            let text: String = self
                .frame()
                .env
                .iter()
                .map(|(k, v)| {
                    format!(
                        "declare -x {k}=\"{}\"\n",
                        v.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                })
                .collect();
            return Output::ok(text);
        }
        let mut out = Output::default();
        for arg in names {
            let (name, value) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (arg.as_str(), None),
            };
            if !parser::is_name(name) {
                out.stderr.push_str(&format!(
                    "{shell}: export: `{arg}': not a valid identifier\n"
                ));
                out.code = 1;
                continue;
            }
            let frame = self.frame_mut();
            let value = value
                .map(str::to_owned)
                .or_else(|| frame.vars.remove(name))
                .or_else(|| frame.env.get(name).cloned());
            frame.vars.remove(name);
            if let Some(value) = value {
                frame.env.insert(name.to_owned(), value);
            }
        }
        out
    }

    fn exit(&mut self, args: &[String], shell: &str, rt: &mut Runtime) -> Output {
        let code = match args.first() {
            None => self.last_code,
            Some(n) => match n.parse::<i64>() {
                Ok(n) => (n & 0xff) as i32,
                Err(_) if rt.scripted > 0 => {
                    rt.stop = true;
                    return Output::err(
                        format!("{shell}: exit: {n}: numeric argument required\n"),
                        2,
                    );
                }
                Err(_) => {
                    rt.stop = true;
                    return self.leave(Output::err(
                        format!("exit\n{shell}: exit: {n}: numeric argument required\n"),
                        2,
                    ));
                }
            },
        };
        rt.stop = true;
        if rt.scripted > 0 {
            // A script or subshell ends; the terminal's shell stays where it is.
            self.last_code = code;
            return Output {
                code,
                ..Output::default()
            };
        }
        let word = if matches!(self.frame().kind, FrameKind::Ssh { .. }) {
            "logout"
        } else {
            "exit"
        };
        self.leave(Output {
            stdout: String::new(),
            stderr: format!("{word}\n"),
            code,
        })
    }

    /// Leaves the current frame (not the workstation), adding its exit text.
    fn leave(&mut self, mut out: Output) -> Output {
        if self.frames.len() > 1 {
            if let Some(frame) = self.frames.pop() {
                out.stderr.push_str(&frame.exit_text);
                self.closed.0.push(frame);
            }
        } else {
            // The workstation shell stays open: the browser tab is the terminal.
            out.stderr.clear();
        }
        out
    }

    fn history_cmd(&mut self, args: &[String], shell: &str) -> Output {
        match args.first().map(String::as_str) {
            Some("-c") => {
                self.history.clear();
                Output::default()
            }
            Some(n) => match n.parse::<usize>() {
                Ok(n) => Output::ok(history_lines(&self.history, n)),
                Err(_) => Output::err(
                    format!("{shell}: history: {n}: numeric argument required\n"),
                    1,
                ),
            },
            None => Output::ok(history_lines(&self.history, self.history.len())),
        }
    }

    fn kind_of(&self, name: &str, rt: &Runtime) -> Option<String> {
        if BASH_BUILTINS.contains(&name) {
            Some("builtin".to_owned())
        } else if UTILITIES.contains(&name) {
            Some(format!("/usr/bin/{name}"))
        } else if rt
            .host
            .command_names(self.frame())
            .iter()
            .any(|c| c == name)
        {
            Some(format!("/usr/local/bin/{name}"))
        } else {
            None
        }
    }

    fn type_cmd(&mut self, args: &[String], rt: &mut Runtime) -> Output {
        let mut out = Output::default();
        for name in args {
            match self.kind_of(name, rt) {
                _ if name == "ll" => out
                    .stdout
                    .push_str("ll is aliased to `ls -l --color=auto'\n"),
                Some(kind) if kind == "builtin" => {
                    out.stdout.push_str(&format!("{name} is a shell builtin\n"))
                }
                Some(path) => out.stdout.push_str(&format!("{name} is {path}\n")),
                None => {
                    out.stderr.push_str(&format!(
                        "{}: type: {name}: not found\n",
                        self.frame().shell
                    ));
                    out.code = 1;
                }
            }
        }
        out
    }

    fn which(&mut self, args: &[String], rt: &mut Runtime) -> Output {
        let mut out = Output::default();
        for name in args {
            match self.kind_of(name, rt) {
                Some(kind) if kind == "builtin" => {
                    out.stdout.push_str(&format!("/usr/bin/{name}\n"))
                }
                Some(path) => out.stdout.push_str(&format!("{path}\n")),
                None => {
                    let path = self.var("PATH").unwrap_or("").to_owned();
                    out.stderr
                        .push_str(&format!("/usr/bin/which: no {name} in ({path})\n"));
                    out.code = 1;
                }
            }
        }
        out
    }

    fn help(&mut self, rt: &mut Runtime) -> Output {
        let mut text =
            String::from("Bastion shell: a bash subset in your browser.\n\nShell builtins:\n");
        text.push_str(&wrap_names(BASH_BUILTINS));
        text.push_str("\nUtilities:\n");
        text.push_str(&wrap_names(UTILITIES));
        let mut host: Vec<String> = rt.host.command_names(self.frame());
        host.sort_shared();
        if !host.is_empty() {
            text.push_str("\nCluster and cloud tools:\n");
            let names: Vec<&str> = host.iter().map(String::as_str).collect();
            text.push_str(&wrap_names(&names));
        }
        text.push_str("\nPipes (|), lists (; && ||), redirections (> >> < 2> 2>&1 &>), heredocs (<<EOF),\n$VAR, $(command), quotes and globs (*) work as in bash.\n");
        Output::ok(text)
    }

    /// `bash` and `sh` run non-interactively: `-c SCRIPT [NAME [ARG…]]`, a script file with its arguments, or the
    /// script on standard input, in a subshell whose `exit` ends only it. An interactive `bash` on a terminal has
    /// nothing to read and returns at once.
    fn child_shell(&mut self, argv: &[String], stdin: &str, tty: bool, rt: &mut Runtime) -> Output {
        let name = argv[0].rsplit('/').next().unwrap_or("bash").to_owned();
        let mut rest = argv[1..].iter();
        let mut command = None;
        let mut operands = Vec::new();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "-c" if command.is_none() && operands.is_empty() => match rest.next() {
                    Some(script) => command = Some(script.clone()),
                    None => {
                        return Output::err(
                            format!("{name}: -c: option requires an argument\n"),
                            2,
                        );
                    }
                },
                "-l" | "--login" | "--norc" | "--noprofile" if operands.is_empty() => {}
                "--" if operands.is_empty() => operands.extend(rest.by_ref().cloned()),
                flag if flag.starts_with('-') && flag.len() > 1 && operands.is_empty() => {
                    return Output::err(format!("{name}: {flag}: invalid option\n{BASH_USAGE}"), 2);
                }
                _ => operands.push(arg.clone()),
            }
        }
        let (text, args) = match command {
            Some(script) => {
                let mut args = operands;
                if args.is_empty() {
                    args.push(name.clone());
                }
                (script, args)
            }
            None => match operands.first() {
                Some(file) => {
                    let path = self.resolve(file);
                    match self.fs().read(&path) {
                        Ok(text) => (text.to_owned(), operands),
                        Err(e) => {
                            return Output::err(format!("{name}: {file}: {}\n", e.message()), 127);
                        }
                    }
                }
                None if tty && stdin.is_empty() => return Output::default(),
                None => (stdin.to_owned(), vec![name.clone()]),
            },
        };
        let parsed = match parser::parse(&text) {
            Ok(parsed) => parsed,
            Err(e) => return Output::err(e.message().replace("bash: ", &format!("{name}: ")), 2),
        };
        // Standard input is the script's commands' when the script came from elsewhere.
        let pushed = !stdin.is_empty() && text != stdin;
        if pushed {
            rt.inputs.push((stdin.to_owned(), 0));
        }
        let out = self.subshell(&parsed.script, rt, Some(args));
        if pushed {
            rt.inputs.pop();
        }
        out
    }

    fn source(&mut self, argv: &[String], shell: &str, rt: &mut Runtime) -> Output {
        let Some(name) = argv.get(1) else {
            return Output::err(
                format!(
                    "{shell}: {}: filename argument required\n{}: usage: {} filename [arguments]\n",
                    argv[0], argv[0], argv[0]
                ),
                2,
            );
        };
        let path = self.resolve(name);
        let text = match self.fs().read(&path) {
            Ok(text) => text.to_owned(),
            Err(e) => return Output::err(format!("{shell}: {name}: {}\n", e.message()), 1),
        };
        match parser::parse(&text) {
            Ok(parsed) => self.nested_script(&parsed.script, rt),
            Err(e) => Output::err(e.message(), 2),
        }
    }

    fn watch(&mut self, args: &[String], rt: &mut Runtime) -> Output {
        let parsed = match WATCH.parse(args) {
            Ok(p) => p,
            Err(e) => return e,
        };
        if parsed.operands.is_empty() {
            return WATCH
                .usage("no command given")
                .with_code_and_text(1, "Usage:\n watch [options] command\n");
        }
        let interval: f64 = match parsed.value("interval") {
            None => 2.0,
            Some(v) => match v.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => v.max(0.1),
                _ => return Output::err(format!("watch: failed to parse argument: '{v}'\n"), 1),
            },
        };
        let command = parsed.operands.join(" ");
        let script = match parser::parse(&command) {
            Ok(p) => p.script,
            Err(e) => return Output::err(e.message(), 2),
        };
        // The learner sees the screen once it settles: run until five updates in a row agree (ages aside), at most 60.
        let mut previous: Option<String> = None;
        let mut screen = String::new();
        let mut stable = 0;
        for round in 0..60 {
            if round > 0 {
                rt.host.advance((interval * 1000.0) as u64);
            }
            if rt.depth >= 32 {
                break;
            }
            rt.depth += 1;
            let out = self.script(&script, rt);
            rt.depth -= 1;
            rt.stop = false;
            screen = format!("{}{}", out.stdout, out.stderr);
            // Ages tick every second; the screen has settled when nothing else changed.
            let settled = without_ages(&screen);
            if previous.as_deref() == Some(settled.as_str()) {
                stable += 1;
                if stable >= 4 {
                    break;
                }
            } else {
                stable = 0;
            }
            previous = Some(settled);
        }
        let mut text = String::new();
        if !parsed.has("no-title") {
            let left = format!("Every {interval:.1}s: {command}");
            let right = format!(
                "{}: {}",
                self.frame().hostname,
                format_date(rt.host.now(), "%a %b %e %H:%M:%S %Y")
            );
            let pad = 80usize
                .saturating_sub(left.chars().count() + right.chars().count())
                .max(1);
            text.push_str(&format!("{left}{}{right}\n\n", " ".repeat(pad)));
        }
        text.push_str(&screen);
        Output::ok(text)
    }

    fn xargs(&mut self, args: &[String], stdin: &str, tty: bool, rt: &mut Runtime) -> Output {
        let parsed = match XARGS.parse(args) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let mut command = parsed.operands.clone();
        if command.is_empty() {
            command.push("echo".to_owned());
        }
        let mut out = Output::default();
        let mut runs: Vec<Vec<String>> = Vec::new();
        if let Some(replace) = parsed.value("replace") {
            for line in stdin.lines().map(str::trim).filter(|l| !l.is_empty()) {
                runs.push(command.iter().map(|a| a.replace(replace, line)).collect());
            }
        } else {
            let items: Vec<String> = if parsed.has("null") {
                stdin
                    .split('\0')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            } else {
                split_items(stdin)
            };
            let per = parsed
                .value("max-args")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n > 0);
            if items.is_empty() {
                if !parsed.has("no-run-if-empty") {
                    runs.push(command.clone());
                }
            } else {
                for chunk in items.chunks(per.unwrap_or(items.len())) {
                    let mut argv = command.clone();
                    argv.extend(chunk.iter().cloned());
                    runs.push(argv);
                }
            }
        }
        for argv in runs {
            if parsed.has("verbose") {
                out.stderr.push_str(&format!("{}\n", argv.join(" ")));
            }
            if rt.depth >= 32 {
                break;
            }
            rt.depth += 1;
            let result = self.dispatch(&argv, &[], "", tty, rt);
            rt.depth -= 1;
            out.stdout.push_str(&result.stdout);
            out.stderr.push_str(&result.stderr);
            if result.code == 127 {
                return Output {
                    code: 127,
                    stderr: out.stderr.replace(
                        &format!("{}: {}: command not found\n", self.frame().shell, argv[0]),
                        &format!("xargs: {}: No such file or directory\n", argv[0]),
                    ),
                    ..out
                };
            }
            if result.code != 0 {
                out.code = 123;
            }
        }
        out
    }

    fn chroot(
        &mut self,
        args: &[String],
        stdin: &str,
        tty: bool,
        rt: &mut Runtime,
    ) -> Option<Output> {
        let node = match &self.frame().kind {
            FrameKind::DebugNode { node } => node.clone(),
            FrameKind::Workstation | FrameKind::Ssh { .. } => {
                return Some(match args.first() {
                    None => Output::err(
                        "chroot: missing operand\nTry 'chroot --help' for more information.\n",
                        125,
                    ),
                    Some(dir) => Output::err(
                        format!(
                            "chroot: cannot change root directory to '{dir}': Operation not permitted\n"
                        ),
                        125,
                    ),
                });
            }
            _ => return None,
        };
        match args.first().map(String::as_str) {
            None => Some(Output::err(
                "chroot: missing operand\nTry 'chroot --help' for more information.\n",
                125,
            )),
            Some("/host" | "/host/") => {
                if args.len() == 1 {
                    self.frames.push(Frame::node_root(&node));
                    Some(Output::default())
                } else {
                    // Run one command as root of the node, then come back.
                    self.frames.push(Frame::node_root(&node));
                    let out = self.dispatch(&args[1..], &[], stdin, tty, rt);
                    if self.frames.len() > 1 {
                        self.frames.pop();
                    }
                    Some(out)
                }
            }
            Some(dir) => Some(Output::err(
                format!(
                    "chroot: cannot change root directory to '{dir}': No such file or directory\n"
                ),
                125,
            )),
        }
    }
}

/// Runs a command the shell provides without needing the shell's own state; `None` when it is not one of them.
pub(super) fn run_util(argv: &[String], ctx: &mut Ctx) -> Option<Output> {
    let args = &argv[1..];
    Some(match argv[0].as_str() {
        "echo" => echo(args),
        "printf" => printf(args),
        "pwd" => Output::ok(format!("{}\n", ctx.cwd)),
        "env" | "printenv" => {
            if args.is_empty() {
                Output::ok(env_lines(ctx.env))
            } else if argv[0] == "printenv" {
                let values: Vec<String> = args
                    .iter()
                    .filter_map(|a| ctx.env.get(a).map(|v| format!("{v}\n")))
                    .collect();
                let code = i32::from(values.len() != args.len());
                Output {
                    stdout: values.concat(),
                    stderr: String::new(),
                    code,
                }
            } else {
                Output::err(
                    format!("env: '{}': No such file or directory\n", args[0]),
                    127,
                )
            }
        }
        "true" => Output::default(),
        "seq" => seq(args),
        "test" => test(args, ctx, "test"),
        "[" => match args.split_last() {
            Some((last, rest)) if last == "]" => test(rest, ctx, "["),
            _ => Output::err("bash: [: missing `]'\n", 2),
        },
        "false" => Output::err("", 1),
        "clear" => Output::ok(CLEAR_SCREEN),
        "date" => date(args, ctx.now),
        "whoami" => Output::ok(format!(
            "{}\n",
            ctx.env.get("USER").map(String::as_str).unwrap_or("root")
        )),
        "hostname" => {
            let name = ctx
                .env
                .get("HOSTNAME")
                .map(String::as_str)
                .unwrap_or(super::WORKSTATION);
            let short = args.iter().any(|a| a == "-s" || a == "--short");
            Output::ok(format!(
                "{}\n",
                if short { super::short_host(name) } else { name }
            ))
        }
        "ls" => files::ls(args, ctx),
        "cat" | "less" | "more" => files::cat(args, ctx),
        "mkdir" => files::mkdir(args, ctx),
        "rm" => files::rm(args, ctx),
        "cp" => files::cp(args, ctx),
        "mv" => files::mv(args, ctx),
        "touch" => files::touch(args, ctx),
        "grep" => grep::grep(args, ctx, false),
        "egrep" => grep::grep(args, ctx, true),
        "jq" => jq::jq(args, ctx),
        "head" => text::head(args, ctx),
        "tail" => text::tail(args, ctx),
        "wc" => text::wc(args, ctx),
        "sort" => text::sort(args, ctx),
        "uniq" => text::uniq(args, ctx),
        "cut" => text::cut(args, ctx),
        "tr" => text::tr(args, ctx),
        "base64" => text::base64(args, ctx),
        "tee" => text::tee(args, ctx),
        "column" => text::column(args, ctx),
        "awk" | "gawk" => scripts::awk(args, ctx),
        "sed" => scripts::sed(args, ctx),
        _ => return None,
    })
}

trait WithUsage {
    fn with_code_and_text(self, code: i32, text: &str) -> Output;
}

impl WithUsage for Output {
    fn with_code_and_text(self, code: i32, text: &str) -> Output {
        let first = self.stderr.lines().next().unwrap_or("").to_owned();
        Output::err(format!("{first}\n\n{text}"), code)
    }
}

/// `test` and `[`: file tests, string and integer comparisons, `!`.
fn test(args: &[String], ctx: &Ctx, name: &str) -> Output {
    let truth = |b: bool| Output::err("", i32::from(!b));
    let int = |s: &str| -> Result<i64, Output> {
        s.trim().parse::<i64>().map_err(|_| {
            Output::err(
                format!("bash: {name}: {s}: integer expression expected\n"),
                2,
            )
        })
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (negate, args) = match args.split_first() {
        Some((&"!", rest)) if !rest.is_empty() => (true, rest.to_vec()),
        _ => (false, args),
    };
    let result = match args.as_slice() {
        [] => Ok(false),
        [one] => Ok(!one.is_empty()),
        [op, operand] => {
            let path = ctx.resolve(operand);
            match *op {
                "-z" => Ok(operand.is_empty()),
                "-n" => Ok(!operand.is_empty()),
                "-e" | "-a" => Ok(ctx.fs.get(&path).is_some()),
                "-f" => Ok(matches!(ctx.fs.get(&path), Some(crate::vfs::Node::File(_)))),
                "-d" => Ok(ctx.fs.is_dir(&path)),
                "-s" => Ok(
                    matches!(ctx.fs.get(&path), Some(crate::vfs::Node::File(t)) if !t.is_empty()),
                ),
                "-r" | "-w" | "-x" => Ok(ctx.fs.get(&path).is_some()),
                _ => Err(Output::err(
                    format!("bash: {name}: {op}: unary operator expected\n"),
                    2,
                )),
            }
        }
        [a, op, b] => match *op {
            "=" | "==" => Ok(a == b),
            "!=" => Ok(a != b),
            "<" => Ok(a < b),
            ">" => Ok(a > b),
            "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" => match (int(a), int(b)) {
                (Ok(x), Ok(y)) => Ok(match *op {
                    "-eq" => x == y,
                    "-ne" => x != y,
                    "-lt" => x < y,
                    "-le" => x <= y,
                    "-gt" => x > y,
                    _ => x >= y,
                }),
                (Err(e), _) | (_, Err(e)) => Err(e),
            },
            _ => Err(Output::err(
                format!("bash: {name}: {op}: binary operator expected\n"),
                2,
            )),
        },
        _ => Err(Output::err(
            format!("bash: {name}: too many arguments\n"),
            2,
        )),
    };
    match result {
        Ok(b) => truth(b != negate),
        Err(e) => e,
    }
}

/// `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`.
fn seq(args: &[String]) -> Output {
    let mut sep = "\n".to_owned();
    let mut width = false;
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "-s" {
            sep = args.get(i + 1).cloned().unwrap_or_default();
            i += 1;
        } else if let Some(s) = arg.strip_prefix("-s") {
            sep = s.to_owned();
        } else if arg == "-w" {
            width = true;
        } else {
            match arg.parse::<f64>() {
                Ok(n) if n.is_finite() => numbers.push((n, arg.clone())),
                _ => {
                    return Output::err(
                        format!(
                            "seq: invalid floating point argument: ‘{arg}’\nTry 'seq --help' for more information.\n"
                        ),
                        1,
                    );
                }
            }
        }
        i += 1;
    }
    let (first, step, last) = match numbers.as_slice() {
        [] => {
            return Output::err(
                "seq: missing operand\nTry 'seq --help' for more information.\n",
                1,
            );
        }
        [last] => (1.0, 1.0, last.0),
        [first, last] => (first.0, 1.0, last.0),
        [first, step, last] => (first.0, step.0, last.0),
        [_, _, _, extra, ..] => {
            return Output::err(
                format!(
                    "seq: extra operand ‘{}’\nTry 'seq --help' for more information.\n",
                    extra.1
                ),
                1,
            );
        }
    };
    if step == 0.0 {
        return Output::err(
            "seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n",
            1,
        );
    }
    let decimals = numbers
        .iter()
        .map(|(_, t)| t.split_once('.').map_or(0, |(_, d)| d.len()))
        .max()
        .unwrap_or(0);
    let mut items = Vec::new();
    let mut k = 0.0;
    loop {
        let value = first + k * step;
        if (step > 0.0 && value > last + 1e-9)
            || (step < 0.0 && value < last - 1e-9)
            || items.len() >= 100_000
        {
            break;
        }
        items.push(format!("{value:.decimals$}"));
        k += 1.0;
    }
    if width {
        let w = items.iter().map(String::len).max().unwrap_or(0);
        items = items.into_iter().map(|s| format!("{s:0>w$}")).collect();
    }
    if items.is_empty() {
        return Output::default();
    }
    Output::ok(format!("{}\n", items.join(&sep)))
}

fn sleep(args: &[String], rt: &mut Runtime) -> Output {
    if args.is_empty() {
        return Output::err(
            "sleep: missing operand\nTry 'sleep --help' for more information.\n",
            1,
        );
    }
    let mut total = 0.0f64;
    for arg in args {
        let (number, unit) = match arg.char_indices().last() {
            Some((i, c @ ('s' | 'm' | 'h' | 'd'))) => (&arg[..i], c),
            _ => (arg.as_str(), 's'),
        };
        let factor = match unit {
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86400.0,
            _ => 1.0,
        };
        match number.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => total += n * factor,
            _ => {
                return Output::err(
                    format!(
                        "sleep: invalid time interval '{arg}'\nTry 'sleep --help' for more information.\n"
                    ),
                    1,
                );
            }
        }
    }
    rt.host.advance((total.min(1e9) * 1000.0) as u64);
    Output::default()
}

/// The text with age columns (`5s`, `3m20s`, `2d`) blanked, so `watch` can tell when a listing has settled.
fn without_ages(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            let is_age = !trimmed.is_empty()
                && trimmed.chars().next().is_some_and(|c| c.is_ascii_digit())
                && trimmed
                    .chars()
                    .last()
                    .is_some_and(|c| matches!(c, 's' | 'm' | 'h' | 'd' | 'y'))
                && trimmed
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, 's' | 'm' | 'h' | 'd' | 'y'));
            if is_age { &word[trimmed.len()..] } else { word }
        })
        .collect()
}

fn history_lines(history: &[String], n: usize) -> String {
    let start = history.len().saturating_sub(n);
    history[start..]
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{:>5}  {line}\n", start + i + 1))
        .collect()
}

fn wrap_names(names: &[&str]) -> String {
    let mut out = String::new();
    let mut line = String::from(" ");
    for name in names {
        if line.len() + name.len() + 1 > 78 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(name);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has = true;
            }
            (None, c) if c.is_whitespace() => {
                if has || !current.is_empty() {
                    items.push(std::mem::take(&mut current));
                    has = false;
                }
            }
            (None, c) => current.push(c),
        }
    }
    if has || !current.is_empty() {
        items.push(current);
    }
    items
}

// ----- echo and printf -----

fn echo(args: &[String]) -> Output {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg.len() > 1
            && arg.starts_with('-')
            && arg[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for c in arg[1..].chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut text = args[i..].join(" ");
    if escapes {
        let (expanded, stop) = unescape(&text, true);
        text = expanded;
        if stop {
            return Output::ok(text);
        }
    }
    if newline {
        text.push('\n');
    }
    Output::ok(text)
}

/// Interprets backslash escapes as `echo -e` and `printf` do; the flag says output stopped at `\c`.
fn unescape(text: &str, echo_style: bool) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        match chars[i] {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'e' => out.push('\x1b'),
            '\\' => out.push('\\'),
            'c' => return (out, true),
            '0' if echo_style => {
                let digits: String = chars[i + 1..]
                    .iter()
                    .take(3)
                    .take_while(|c| c.is_digit(8))
                    .collect();
                i += digits.len();
                out.push(
                    char::from_u32(u32::from_str_radix(&digits, 8).unwrap_or(0)).unwrap_or('\0'),
                );
            }
            d if d.is_digit(8) && !echo_style => {
                let digits: String = chars[i..]
                    .iter()
                    .take(3)
                    .take_while(|c| c.is_digit(8))
                    .collect();
                i += digits.len() - 1;
                out.push(
                    char::from_u32(u32::from_str_radix(&digits, 8).unwrap_or(0)).unwrap_or('\0'),
                );
            }
            'x' => {
                let digits: String = chars[i + 1..]
                    .iter()
                    .take(2)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .collect();
                if digits.is_empty() {
                    out.push_str("\\x");
                } else {
                    i += digits.len();
                    out.push(
                        char::from_u32(u32::from_str_radix(&digits, 16).unwrap_or(0))
                            .unwrap_or('\0'),
                    );
                }
            }
            '"' if !echo_style => out.push('"'),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        i += 1;
    }
    (out, false)
}

fn printf(args: &[String]) -> Output {
    let Some(format) = args.first() else {
        return Output::err(
            "bash: printf: usage: printf [-v var] format [arguments]\n",
            2,
        );
    };
    let mut values = args[1..].iter();
    let mut out = String::new();
    let mut err = String::new();
    let fmt: Vec<char> = format.chars().collect();
    loop {
        let mut consumed = false;
        let mut i = 0;
        while i < fmt.len() {
            let c = fmt[i];
            if c == '\\' {
                let end = (i + 4).min(fmt.len());
                let rest: String = fmt[i..end].iter().collect();
                // Escapes are one character after the backslash, or up to three octal digits.
                let len = if fmt.get(i + 1).is_some_and(|c| c.is_digit(8)) {
                    1 + fmt[i + 1..]
                        .iter()
                        .take(3)
                        .take_while(|c| c.is_digit(8))
                        .count()
                } else if fmt.get(i + 1) == Some(&'x') {
                    2 + fmt[i + 2..]
                        .iter()
                        .take(2)
                        .take_while(|c| c.is_ascii_hexdigit())
                        .count()
                } else {
                    2.min(fmt.len() - i)
                };
                let piece: String = rest.chars().take(len).collect();
                let (text, stop) = unescape(&piece, false);
                out.push_str(&text);
                if stop {
                    return Output::ok(out);
                }
                i += len.max(1);
                continue;
            }
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            if fmt.get(i + 1) == Some(&'%') {
                out.push('%');
                i += 2;
                continue;
            }
            let start = i;
            i += 1;
            let mut flags = String::new();
            while let Some(&f) = fmt.get(i) {
                if "-+ 0#".contains(f) {
                    flags.push(f);
                    i += 1;
                } else {
                    break;
                }
            }
            let mut width = String::new();
            while let Some(&d) = fmt.get(i) {
                if d.is_ascii_digit() {
                    width.push(d);
                    i += 1;
                } else {
                    break;
                }
            }
            let mut precision: Option<usize> = None;
            if fmt.get(i) == Some(&'.') {
                i += 1;
                let mut p = String::new();
                while let Some(&d) = fmt.get(i) {
                    if d.is_ascii_digit() {
                        p.push(d);
                        i += 1;
                    } else {
                        break;
                    }
                }
                precision = Some(p.parse().unwrap_or(0));
            }
            let Some(&conv) = fmt.get(i) else {
                let spec: String = fmt[start..].iter().collect();
                err.push_str(&format!(
                    "bash: printf: `{spec}': missing format character\n"
                ));
                return Output {
                    stdout: out,
                    stderr: err,
                    code: 1,
                };
            };
            i += 1;
            let arg = values.next();
            consumed |= arg.is_some();
            let arg = arg.map(String::as_str).unwrap_or("");
            let width: usize = width.parse().unwrap_or(0).min(4096);
            let left = flags.contains('-');
            let zero = flags.contains('0') && !left;
            let body = match conv {
                's' => match precision {
                    Some(p) => arg.chars().take(p).collect(),
                    None => arg.to_owned(),
                },
                'b' => unescape(arg, true).0,
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                    let n = match parse_int(arg) {
                        Some(n) => n,
                        None => {
                            err.push_str(&format!("bash: printf: {arg}: invalid number\n"));
                            0
                        }
                    };
                    let mut s = match conv {
                        'x' => format!("{n:x}"),
                        'X' => format!("{n:X}"),
                        'o' => format!("{n:o}"),
                        _ => n.to_string(),
                    };
                    if flags.contains('+') && n >= 0 && matches!(conv, 'd' | 'i') {
                        s.insert(0, '+');
                    }
                    s
                }
                'f' | 'e' | 'g' | 'F' | 'E' | 'G' => {
                    let x = if arg.is_empty() {
                        0.0
                    } else {
                        match arg.parse::<f64>() {
                            Ok(x) => x,
                            Err(_) => {
                                err.push_str(&format!("bash: printf: {arg}: invalid number\n"));
                                0.0
                            }
                        }
                    };
                    let p = precision.unwrap_or(6).min(64);
                    match conv {
                        'e' | 'E' => {
                            let s = format!("{x:.p$e}");
                            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                            let e: i32 = e.parse().unwrap_or(0);
                            let s = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
                            if conv == 'E' { s.to_uppercase() } else { s }
                        }
                        'g' | 'G' => {
                            let s = format!("{x}");
                            if conv == 'G' { s.to_uppercase() } else { s }
                        }
                        _ => format!("{x:.p$}"),
                    }
                }
                other => {
                    err.push_str(&format!(
                        "bash: printf: `{other}': invalid format character\n"
                    ));
                    return Output {
                        stdout: out,
                        stderr: err,
                        code: 1,
                    };
                }
            };
            let len = body.chars().count();
            if len >= width {
                out.push_str(&body);
            } else if left {
                out.push_str(&body);
                out.push_str(&" ".repeat(width - len));
            } else if zero && conv != 's' {
                let (sign, digits) = match body.strip_prefix('-') {
                    Some(d) => ("-", d),
                    None => ("", body.as_str()),
                };
                out.push_str(sign);
                out.push_str(&"0".repeat(width - len));
                out.push_str(digits);
            } else {
                out.push_str(&" ".repeat(width - len));
                out.push_str(&body);
            }
        }
        if !consumed || values.len() == 0 {
            break;
        }
    }
    Output {
        stdout: out,
        code: i32::from(!err.is_empty()),
        stderr: err,
    }
}

fn parse_int(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0);
    }
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map(|c| c as i64);
    }
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let n = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        i64::from_str_radix(hex, 16).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits[1..], 8).ok()?
    } else {
        digits.parse().ok()?
    };
    Some(if neg { -n } else { n })
}

// ----- date -----

fn date(args: &[String], now: i64) -> Output {
    let parsed = match DATE.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if let Some(format) = parsed.operands.iter().find_map(|a| a.strip_prefix('+')) {
        return Output::ok(format!("{}\n", format_date(now, format)));
    }
    if let Some(bad) = parsed.operands.first() {
        return Output::err(format!("date: invalid date '{bad}'\n"), 1);
    }
    if parsed.has("iso-8601") {
        return Output::ok(format!("{}\n", format_date(now, "%Y-%m-%d")));
    }
    if parsed.has("rfc-3339") {
        return Output::ok(format!(
            "{}\n",
            format_date(now, "%a, %d %b %Y %H:%M:%S +0000")
        ));
    }
    Output::ok(format!("{}\n", format_date(now, "%a %b %e %H:%M:%S %Z %Y")))
}

/// Formats virtual time `ms` (UTC) with the common `strftime` conversions.
pub(super) fn format_date(ms: i64, format: &str) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (year, month, day) = civil_from_days(days);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let weekday = (days + 4).rem_euclid(7) as usize;
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&year.to_string()),
            Some('m') => out.push_str(&format!("{month:02}")),
            Some('d') => out.push_str(&format!("{day:02}")),
            Some('e') => out.push_str(&format!("{day:>2}")),
            Some('H') => out.push_str(&format!("{h:02}")),
            Some('M') => out.push_str(&format!("{m:02}")),
            Some('S') => out.push_str(&format!("{s:02}")),
            Some('s') => out.push_str(&secs.to_string()),
            Some('a') => out.push_str(DAYS[weekday]),
            Some('b') | Some('h') => out.push_str(MONTHS[(month - 1) as usize % 12]),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('F') => out.push_str(&format!("{year}-{month:02}-{day:02}")),
            Some('T') => out.push_str(&format!("{h:02}:{m:02}:{s:02}")),
            Some('N') => out.push_str(&format!("{:09}", ms.rem_euclid(1000) * 1_000_000)),
            Some('%') => out.push('%'),
            Some('n') => out.push('\n'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// Converts days since 1970-01-01 to a (year, month, day) civil date.
pub(super) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}
