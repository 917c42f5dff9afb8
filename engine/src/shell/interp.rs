//! The interpreter: expands words, wires pipes and redirections, and dispatches each command to a shell builtin, a filter or the host.

use crate::sort::SortShared;
use std::collections::BTreeMap;

use super::ast::{
    AndOr, Command, Compound, Connector, Param, ParamOp, Part, Pipeline, RedirectKind, Script, Word,
};
use super::parser::{self, is_name};
use super::{Frame, FrameKind, Host, Shell, builtins};
use crate::exec::{Ctx, Output};
use crate::vfs::{self, Vfs};

/// The transient state of one `run`: the host, whether `exit` stopped the input, and error text produced during expansion.
pub(super) struct Runtime<'h> {
    pub host: &'h mut dyn Host,
    pub stop: bool,
    pub err: String,
    pub depth: usize,
    /// Commands run so far in this input; `watch` and `xargs` nesting cannot run away past [`MAX_COMMANDS`].
    pub commands: usize,
    /// Standard input shared by the commands of a compound command (`while read ...; done < file`), with how much is read.
    pub inputs: Vec<(String, usize)>,
    /// Set when an expansion failed (such as division by zero); the command is then not run.
    pub failed: bool,
    /// Set when `exit` left a nested shell, so later lines of the input run in the shell below.
    pub popped: bool,
    /// `$0` and the positional parameters of the non-interactive shell running (`bash -c`, `bash FILE`); empty in
    /// the learner's interactive shell.
    pub args: Vec<String>,
    /// How many non-interactive shells (`bash -c`, `bash FILE`, subshells) enclose the command: `exit` in one
    /// ends it, silently, instead of leaving the terminal's shell.
    pub scripted: usize,
    /// Whether standard output is a terminal (the learner's shell) or a pipe (a command run by `kubectl exec`
    /// without `-t`), which decides how `ls` lays out its names.
    pub terminal: bool,
}

/// How many commands one input may run in total.
const MAX_COMMANDS: usize = 10_000;

/// How deeply command substitutions, `source`, `xargs` and `watch` may nest before the shell refuses.
const MAX_NESTING: usize = 32;

/// Where one output stream of a command goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sink {
    Stdout,
    Stderr,
    File(String),
    Null,
}

/// One expanded field while it is being built: its text, its glob pattern (quoted characters escaped), and flags.
#[derive(Debug, Default, Clone)]
struct Field {
    text: String,
    pattern: String,
    glob: bool,
    quoted: bool,
}

impl Field {
    fn push(&mut self, c: char, active: bool) {
        self.text.push(c);
        if active && matches!(c, '*' | '?' | '[') {
            self.glob = true;
            self.pattern.push(c);
        } else {
            if matches!(c, '*' | '?' | '[' | ']' | '\\') {
                self.pattern.push('\\');
            }
            self.pattern.push(c);
        }
    }

    fn push_str(&mut self, s: &str, active: bool) {
        for c in s.chars() {
            self.push(c, active);
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty() && !self.quoted
    }
}

impl Shell {
    pub(super) fn run_input(
        &mut self,
        input: &str,
        host: &mut dyn Host,
        mut screen: Option<&mut Vec<(bool, String)>>,
        terminal: bool,
    ) -> Output {
        let line = input.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            self.history.push(line.to_owned());
        }
        let parsed = match parser::parse(input) {
            Ok(parsed) => parsed,
            Err(error) => {
                let code = if matches!(error, parser::ParseError::Message(_)) {
                    1
                } else {
                    2
                };
                self.last_code = code;
                let message = error
                    .message()
                    .replace("bash: ", &format!("{}: ", self.frame().shell));
                return Output::err(message, code);
            }
        };
        let mut rt = Runtime {
            host,
            stop: false,
            err: String::new(),
            depth: 0,
            commands: 0,
            inputs: Vec::new(),
            failed: false,
            popped: false,
            args: Vec::new(),
            scripted: 0,
            terminal,
        };
        let mut out = Output {
            stdout: String::new(),
            stderr: parsed.warnings.concat(),
            code: self.last_code,
        };
        if let Some(screen) = screen.as_deref_mut() {
            screen.push((true, out.stderr.clone()));
        }
        // Lines after a nested shell's `exit` go to the shell below, as when a block is pasted into a terminal.
        let mut result = Output::default();
        let mut exited_on: Option<usize> = None;
        for item in &parsed.script.items {
            if rt.stop {
                match exited_on {
                    Some(line) if item.line > line && rt.popped => {
                        rt.stop = false;
                        rt.popped = false;
                        exited_on = None;
                    }
                    _ => continue,
                }
            }
            let frames = self.frames.len();
            let out = self.and_or(item, &mut rt);
            if let Some(screen) = screen.as_deref_mut() {
                screen.push((false, out.stdout.clone()));
                screen.push((true, out.stderr.clone()));
            }
            result.append(out);
            if rt.stop && self.frames.len() < frames {
                rt.popped = true;
                exited_on = Some(item.line);
            }
        }
        out.stdout.push_str(&result.stdout);
        out.stderr.push_str(&result.stderr);
        out.code = self.last_code;
        out
    }

    pub(super) fn script(&mut self, script: &Script, rt: &mut Runtime) -> Output {
        let mut out = Output {
            code: self.last_code,
            ..Output::default()
        };
        for item in &script.items {
            if rt.stop {
                break;
            }
            let result = self.and_or(item, rt);
            out.append(result);
        }
        out
    }

    fn and_or(&mut self, list: &AndOr, rt: &mut Runtime) -> Output {
        let mut out = self.pipeline(&list.first, rt);
        for (connector, pipeline) in &list.rest {
            if rt.stop {
                break;
            }
            let run = match connector {
                Connector::And => out.code == 0,
                Connector::Or => out.code != 0,
            };
            if run {
                let result = self.pipeline(pipeline, rt);
                out.append(result);
            }
        }
        out
    }

    fn pipeline(&mut self, pipeline: &Pipeline, rt: &mut Runtime) -> Output {
        let mut out = Output::default();
        let mut stdin: Option<String> = None;
        let last = pipeline.commands.len().saturating_sub(1);
        for (i, command) in pipeline.commands.iter().enumerate() {
            if rt.stop {
                break;
            }
            let result = self.command(command, stdin.take(), i == last, rt);
            out.stderr.push_str(&result.stderr);
            out.code = result.code;
            if i == last {
                out.stdout.push_str(&result.stdout);
            } else {
                stdin = Some(result.stdout);
            }
        }
        if pipeline.negated {
            out.code = i32::from(out.code == 0);
        }
        self.last_code = out.code;
        out
    }

    fn command(
        &mut self,
        command: &Command,
        stdin: Option<String>,
        last: bool,
        rt: &mut Runtime,
    ) -> Output {
        let mut out = Output::default();
        if let Some(compound) = &command.compound {
            let (stdin, out_sink, err_sink) = match self.redirections(command, stdin, rt) {
                Ok(io) => io,
                Err(error) => return error,
            };
            let pushed = stdin.is_some();
            if let Some(text) = stdin {
                rt.inputs.push((text, 0));
            }
            let result = self.compound(compound, rt);
            if pushed {
                rt.inputs.pop();
            }
            self.route(result, &out_sink, &err_sink, &mut out, rt);
            return out;
        }
        let code_before = self.last_code;
        let mut assigns = Vec::new();
        for (name, value) in &command.assigns {
            let value = self.expand_single(value, rt);
            assigns.push((name.clone(), value));
        }
        let mut argv = Vec::new();
        for word in &command.words {
            argv.extend(self.expand_fields(word, rt));
        }
        out.stderr.push_str(&std::mem::take(&mut rt.err));
        if std::mem::take(&mut rt.failed) {
            out.code = 1;
            return out;
        }
        let substituted = self.last_code != code_before;
        let (stdin, out_sink, err_sink) = match self.redirections(command, stdin, rt) {
            Ok(io) => io,
            Err(error) => {
                out.stderr.push_str(&error.stderr);
                out.code = error.code;
                return out;
            }
        };
        let result = if argv.is_empty() {
            for (name, value) in assigns {
                self.set_var(&name, &value);
            }
            Output {
                code: if substituted { self.last_code } else { 0 },
                ..Output::default()
            }
        } else if argv[0] == "read" {
            self.read(&argv[1..], stdin, rt)
        } else {
            let tty = rt.terminal && last && out_sink == Sink::Stdout;
            let stdin = match stdin {
                Some(text) => text,
                // Commands inside `while read` loops see what `read` left, without using it up.
                None => match rt.inputs.last() {
                    Some((text, pos)) => text.get(*pos..).unwrap_or("").to_owned(),
                    None => String::new(),
                },
            };
            self.dispatch(&argv, &assigns, &stdin, tty, rt)
        };
        self.route(result, &out_sink, &err_sink, &mut out, rt);
        out
    }

    /// Sends a command's streams where its redirections point.
    fn route(
        &mut self,
        result: Output,
        out_sink: &Sink,
        err_sink: &Sink,
        out: &mut Output,
        rt: &mut Runtime,
    ) {
        for (text, sink) in [(result.stdout, out_sink), (result.stderr, err_sink)] {
            match sink {
                Sink::Stdout => out.stdout.push_str(&text),
                Sink::Stderr => out.stderr.push_str(&text),
                Sink::Null => {}
                Sink::File(path) => {
                    let now = rt.host.now();
                    let fs = self.fs_mut();
                    let _ = fs.append(path, &text);
                    fs.set_mtime(path, now);
                }
            }
        }
        out.code = result.code;
    }

    /// Runs a compound command: loops, conditionals, groups and subshells.
    fn compound(&mut self, compound: &Compound, rt: &mut Runtime) -> Output {
        let mut out = Output::default();
        let take = |out: &mut Output, r: Output| {
            out.stdout.push_str(&r.stdout);
            out.stderr.push_str(&r.stderr);
            out.code = r.code;
        };
        match compound {
            Compound::For { var, words, body } => {
                let mut items = Vec::new();
                for word in words {
                    items.extend(self.expand_fields(word, rt));
                }
                out.stderr.push_str(&std::mem::take(&mut rt.err));
                for item in items {
                    if rt.stop {
                        break;
                    }
                    self.set_var(var, &item);
                    let r = self.script(body, rt);
                    take(&mut out, r);
                }
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    let c = self.script(cond, rt);
                    let passed = c.code == 0;
                    out.stdout.push_str(&c.stdout);
                    out.stderr.push_str(&c.stderr);
                    if rt.stop {
                        return out;
                    }
                    if passed {
                        let r = self.script(body, rt);
                        take(&mut out, r);
                        return out;
                    }
                }
                match otherwise {
                    Some(body) => {
                        let r = self.script(body, rt);
                        take(&mut out, r);
                    }
                    None => out.code = 0,
                }
            }
            Compound::While { until, cond, body } => {
                while !rt.stop && out.stdout.len() < 1 << 20 {
                    let c = self.script(cond, rt);
                    let passed = c.code == 0;
                    out.stdout.push_str(&c.stdout);
                    out.stderr.push_str(&c.stderr);
                    if passed == *until || rt.stop {
                        break;
                    }
                    let r = self.script(body, rt);
                    take(&mut out, r);
                }
            }
            Compound::Group(body) => out = self.script(body, rt),
            Compound::Subshell(body) => out = self.subshell(body, rt, None),
        }
        out
    }

    /// The `read` builtin: one line from standard input into variables (`-r` keeps backslashes; `-p` prompts).
    fn read(&mut self, args: &[String], stdin: Option<String>, rt: &mut Runtime) -> Output {
        let mut names = Vec::new();
        let mut raw = false;
        let mut prompt = String::new();
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "-r" => raw = true,
                "-p" => {
                    prompt = args.get(i + 1).cloned().unwrap_or_default();
                    i += 1;
                }
                "-s" => {}
                name => names.push(name.to_owned()),
            }
            i += 1;
        }
        if names.is_empty() {
            names.push("REPLY".to_owned());
        }
        let line = match stdin {
            Some(text) => text.split_inclusive('\n').next().map(str::to_owned),
            None => match rt.inputs.last_mut() {
                Some((text, pos)) if *pos < text.len() => {
                    let rest = &text[*pos..];
                    let end = rest.find('\n').map_or(rest.len(), |e| e + 1);
                    let line = rest[..end].to_owned();
                    *pos += end;
                    Some(line)
                }
                _ => None,
            },
        };
        let mut out = Output::err(prompt, 0);
        let Some(line) = line else {
            for name in &names {
                self.set_var(name, "");
            }
            out.code = 1;
            return out;
        };
        let complete = line.ends_with('\n');
        let mut line = line.trim_end_matches('\n').to_owned();
        if !raw {
            line = line.replace("\\\n", "").replace('\\', "");
        }
        let mut rest = line.trim_start_matches([' ', '\t']);
        for (k, name) in names.iter().enumerate() {
            if !parser::is_name(name) {
                out.stderr.push_str(&format!(
                    "{}: read: `{name}': not a valid identifier\n",
                    self.frame().shell
                ));
                out.code = 1;
                return out;
            }
            let value = if k + 1 == names.len() {
                rest.trim_end_matches([' ', '\t']).to_owned()
            } else {
                let end = rest.find([' ', '\t']).unwrap_or(rest.len());
                let v = rest[..end].to_owned();
                rest = rest[end..].trim_start_matches([' ', '\t']);
                v
            };
            self.set_var(name, &value);
        }
        out.code = i32::from(!complete);
        out
    }

    /// Runs one expanded command line: shell builtins first, then filters and the host (the host first inside nested shells).
    pub(super) fn dispatch(
        &mut self,
        argv: &[String],
        assigns: &[(String, String)],
        stdin: &str,
        tty: bool,
        rt: &mut Runtime,
    ) -> Output {
        rt.commands += 1;
        if rt.commands > MAX_COMMANDS {
            rt.stop = true;
            return Output::err(
                format!("{}: too many commands in one input\n", self.frame().shell),
                1,
            );
        }
        if let Some(out) = self.shell_builtin(argv, stdin, tty, rt) {
            return out;
        }
        let nested = !matches!(self.frame().kind, FrameKind::Workstation);
        let now = rt.host.now();
        let idx = self.frames.len() - 1;
        let mut own_fs = self.frames[idx].fs.take();
        let frame = &self.frames[idx];
        let mut env = frame.env.clone();
        for (name, value) in assigns {
            env.insert(name.clone(), value.clone());
        }
        let cwd = frame.cwd.clone();
        let fs: &mut Vfs = match own_fs.as_mut() {
            Some(fs) => fs,
            None => &mut self.fs,
        };
        let mut ctx = Ctx::new(fs, &env, &cwd, stdin, now);
        ctx.tty = tty;
        let result = if nested {
            rt.host
                .run(argv, &mut ctx, frame)
                .or_else(|| builtins::run_util(argv, &mut ctx))
        } else {
            builtins::run_util(argv, &mut ctx).or_else(|| rt.host.run(argv, &mut ctx, frame))
        };
        let pushed = ctx.pushed.take();
        drop(ctx);
        self.frames[idx].fs = own_fs;
        if let Some(frame) = pushed {
            self.frames.push(frame);
        }
        result.unwrap_or_else(|| {
            let shell = &self.frame().shell;
            let name = &argv[0];
            if name.contains('/') {
                Output::err(format!("{shell}: {name}: No such file or directory\n"), 127)
            } else {
                Output::err(format!("{shell}: {name}: command not found\n"), 127)
            }
        })
    }

    /// The current frame, mutably.
    pub(super) fn frame_mut(&mut self) -> &mut Frame {
        let idx = self.frames.len() - 1;
        &mut self.frames[idx]
    }

    /// The filesystem the current frame sees.
    pub(super) fn fs_mut(&mut self) -> &mut Vfs {
        let idx = self.frames.len() - 1;
        match self.frames[idx].fs.as_mut() {
            Some(fs) => fs,
            None => &mut self.fs,
        }
    }

    /// The filesystem the current frame sees.
    pub(super) fn fs(&self) -> &Vfs {
        self.frame().fs.as_ref().unwrap_or(&self.fs)
    }

    /// Resolves a path against the current frame's directory and home.
    pub(super) fn resolve(&self, path: &str) -> String {
        let frame = self.frame();
        vfs::resolve(&frame.cwd, &frame.home, path)
    }

    /// Sets a variable, keeping it exported when it already was.
    pub(super) fn set_var(&mut self, name: &str, value: &str) {
        let frame = self.frame_mut();
        if let Some(slot) = frame.env.get_mut(name) {
            *slot = value.to_owned();
        } else {
            frame.vars.insert(name.to_owned(), value.to_owned());
        }
    }

    /// Runs a nested script (command substitution, `source`, `xargs`, `watch`) with a depth limit.
    /// Runs `script` in a copy of the shell, as `( … )` and `bash -c` do: variables, directory and nested shells
    /// come back as they were, while files written stay written; `args` are a child shell's `$0` and positional
    /// parameters.
    pub(super) fn subshell(
        &mut self,
        script: &Script,
        rt: &mut Runtime,
        args: Option<Vec<String>>,
    ) -> Output {
        let saved = self.frames.clone();
        let saved_stop = rt.stop;
        let saved_args = args.map(|args| std::mem::replace(&mut rt.args, args));
        rt.scripted += 1;
        let out = self.nested_script(script, rt);
        rt.scripted -= 1;
        let fs = self.frames.last_mut().and_then(|f| f.fs.take());
        self.frames = saved;
        if let (Some(fs), Some(frame)) = (fs, self.frames.last_mut())
            && frame.fs.is_some()
        {
            frame.fs = Some(fs);
        }
        if let Some(args) = saved_args {
            rt.args = args;
        }
        rt.stop = saved_stop;
        out
    }

    pub(super) fn nested_script(&mut self, script: &Script, rt: &mut Runtime) -> Output {
        if rt.depth >= MAX_NESTING {
            return Output::err(
                format!("{}: maximum nesting level exceeded\n", self.frame().shell),
                1,
            );
        }
        rt.depth += 1;
        let out = self.script(script, rt);
        rt.depth -= 1;
        out
    }

    // ----- redirections -----

    fn redirections(
        &mut self,
        command: &Command,
        stdin: Option<String>,
        rt: &mut Runtime,
    ) -> Result<(Option<String>, Sink, Sink), Output> {
        let mut input = stdin;
        let mut out = Sink::Stdout;
        let mut err = Sink::Stderr;
        let shell = self.frame().shell.clone();
        for redirect in &command.redirects {
            match &redirect.kind {
                RedirectKind::Heredoc(parts) => {
                    let text = self.expand_quoted(parts, rt);
                    if redirect.fd == 0 {
                        input = Some(text);
                    }
                }
                RedirectKind::HereString(word) => {
                    let text = self.expand_single(word, rt);
                    if redirect.fd == 0 {
                        input = Some(format!("{text}\n"));
                    }
                }
                RedirectKind::In(word) => {
                    let name = self.redirect_target(word, &shell, rt)?;
                    let text = match name.as_str() {
                        "/dev/null" => String::new(),
                        "/dev/stdin" => input.clone().unwrap_or_default(),
                        _ => {
                            let path = self.resolve(&name);
                            match self.fs().read(&path) {
                                Ok(text) => text.to_owned(),
                                Err(e) => {
                                    return Err(Output::err(
                                        format!("{shell}: {name}: {}\n", e.message()),
                                        1,
                                    ));
                                }
                            }
                        }
                    };
                    if redirect.fd == 0 {
                        input = Some(text);
                    }
                }
                RedirectKind::Out(word)
                | RedirectKind::Append(word)
                | RedirectKind::Both(word, _) => {
                    let append = matches!(
                        redirect.kind,
                        RedirectKind::Append(_) | RedirectKind::Both(_, true)
                    );
                    let name = self.redirect_target(word, &shell, rt)?;
                    let sink = match name.as_str() {
                        "/dev/null" => Sink::Null,
                        "/dev/stdout" | "/dev/tty" => Sink::Stdout,
                        "/dev/stderr" => Sink::Stderr,
                        _ => {
                            let path = self.resolve(&name);
                            let now = rt.host.now();
                            let fs = self.fs_mut();
                            let result = if append {
                                fs.append(&path, "")
                            } else {
                                fs.write(&path, "")
                            };
                            if let Err(e) = result {
                                return Err(Output::err(
                                    format!("{shell}: {name}: {}\n", e.message()),
                                    1,
                                ));
                            }
                            fs.set_mtime(&path, now);
                            Sink::File(path)
                        }
                    };
                    match (&redirect.kind, redirect.fd) {
                        (RedirectKind::Both(..), _) => {
                            out = sink.clone();
                            err = sink;
                        }
                        (_, 1) => out = sink,
                        (_, 2) => err = sink,
                        _ => {}
                    }
                }
                RedirectKind::Dup(target) => {
                    let sink = match *target {
                        1 => out.clone(),
                        2 => err.clone(),
                        u32::MAX => Sink::Null,
                        0 => Sink::Stdout,
                        n => {
                            return Err(Output::err(
                                format!("{shell}: {}: Bad file descriptor\n", n as i64),
                                1,
                            ));
                        }
                    };
                    match redirect.fd {
                        1 => out = sink,
                        2 => err = sink,
                        _ => {}
                    }
                }
            }
        }
        Ok((input, out, err))
    }

    fn redirect_target(
        &mut self,
        word: &Word,
        shell: &str,
        rt: &mut Runtime,
    ) -> Result<String, Output> {
        let fields = self.expand_fields(word, rt);
        match fields.as_slice() {
            [one] => Ok(one.clone()),
            _ => {
                let raw = raw_text(word);
                Err(Output::err(
                    format!("{shell}: {raw}: ambiguous redirect\n"),
                    1,
                ))
            }
        }
    }

    // ----- expansion -----

    /// Expands a word into fields: parameters, command substitution, field splitting, globbing and quote removal.
    pub(super) fn expand_fields(&mut self, word: &Word, rt: &mut Runtime) -> Vec<String> {
        let mut fields: Vec<Field> = vec![Field::default()];
        let mut split_pending = false;
        for (i, part) in word.parts.iter().enumerate() {
            match part {
                Part::Lit(text) => {
                    let text = if i == 0 {
                        self.tilde(text)
                    } else {
                        text.clone()
                    };
                    flush_split(&mut fields, &mut split_pending);
                    if let Some(field) = fields.last_mut() {
                        field.push_str(&text, true);
                    }
                }
                Part::Quoted(text) => {
                    flush_split(&mut fields, &mut split_pending);
                    if let Some(field) = fields.last_mut() {
                        field.push_str(text, false);
                        field.quoted = true;
                    }
                }
                Part::Double(parts) => {
                    let text = self.expand_quoted(parts, rt);
                    flush_split(&mut fields, &mut split_pending);
                    if let Some(field) = fields.last_mut() {
                        field.push_str(&text, false);
                        field.quoted = true;
                    }
                }
                Part::Param(_) | Part::Subst(_) | Part::Arith(_) => {
                    let value = self.expand_part(part, rt);
                    for c in value.chars() {
                        if matches!(c, ' ' | '\t' | '\n') {
                            split_pending = true;
                        } else {
                            flush_split(&mut fields, &mut split_pending);
                            if let Some(field) = fields.last_mut() {
                                field.push(c, true);
                            }
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        for field in fields {
            if field.is_empty() {
                continue;
            }
            if field.glob {
                let matches = self.glob(&field.pattern);
                if !matches.is_empty() {
                    out.extend(matches);
                    continue;
                }
            }
            out.push(field.text);
        }
        out
    }

    /// Expands a word into one string without splitting or globbing (assignments, here-strings).
    pub(super) fn expand_single(&mut self, word: &Word, rt: &mut Runtime) -> String {
        let mut out = String::new();
        for (i, part) in word.parts.iter().enumerate() {
            match part {
                Part::Lit(text) if i == 0 => out.push_str(&self.tilde(text)),
                Part::Lit(text) | Part::Quoted(text) => out.push_str(text),
                Part::Double(parts) => out.push_str(&self.expand_quoted(parts, rt)),
                other => out.push_str(&self.expand_part(other, rt)),
            }
        }
        out
    }

    /// Expands the parts of a double-quoted string or heredoc body.
    fn expand_quoted(&mut self, parts: &[Part], rt: &mut Runtime) -> String {
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Lit(text) | Part::Quoted(text) => out.push_str(text),
                Part::Double(inner) => out.push_str(&self.expand_quoted(inner, rt)),
                other => out.push_str(&self.expand_part(other, rt)),
            }
        }
        out
    }

    fn expand_part(&mut self, part: &Part, rt: &mut Runtime) -> String {
        match part {
            Part::Param(param) => self.param(param, rt),
            Part::Subst(script) => {
                let saved = self.frames.clone();
                let saved_stop = rt.stop;
                let out = self.nested_script(script, rt);
                let code = self.last_code;
                // A command substitution runs in a subshell: its directory, variables and exits do not leak.
                let fs = self.frames.last_mut().and_then(|f| f.fs.take());
                self.frames = saved;
                if let (Some(fs), Some(frame)) = (fs, self.frames.last_mut())
                    && frame.fs.is_some()
                {
                    frame.fs = Some(fs);
                }
                rt.stop = saved_stop;
                self.last_code = code;
                rt.err.push_str(&out.stderr);
                out.stdout.trim_end_matches('\n').to_owned()
            }
            Part::Arith(parts) => {
                let text = self.expand_quoted(parts, rt);
                let shell = &*self;
                match super::arith::eval(&text, &|name| shell.var(name).map(str::to_owned)) {
                    Ok(value) => value.to_string(),
                    Err(message) => {
                        rt.err
                            .push_str(&format!("{}: {message}\n", self.frame().shell));
                        rt.failed = true;
                        String::new()
                    }
                }
            }
            Part::Lit(text) | Part::Quoted(text) => text.clone(),
            Part::Double(parts) => self.expand_quoted(parts, rt),
        }
    }

    fn param(&mut self, param: &Param, rt: &mut Runtime) -> String {
        let value: Option<String> = match param.name.as_str() {
            "?" => Some(self.last_code.to_string()),
            "$" => Some("4242".to_owned()),
            "#" => Some(rt.args.len().saturating_sub(1).to_string()),
            "0" => Some(
                rt.args
                    .first()
                    .cloned()
                    .unwrap_or_else(|| self.frame().shell.clone()),
            ),
            "-" if !rt.args.is_empty() => Some("hB".to_owned()),
            "-" => Some("himBHs".to_owned()),
            "@" | "*" => Some(rt.args.get(1..).unwrap_or_default().join(" ")),
            "!" => None,
            name if name.chars().all(|c| c.is_ascii_digit()) => name
                .parse::<usize>()
                .ok()
                .and_then(|n| rt.args.get(n).cloned()),
            "RANDOM" => Some(((rt.host.now() / 7) % 32768).to_string()),
            "SECONDS" => Some("0".to_owned()),
            name => self.var(name).map(str::to_owned),
        };
        match &param.op {
            ParamOp::None => value.unwrap_or_default(),
            ParamOp::Length => value.unwrap_or_default().chars().count().to_string(),
            ParamOp::Default(colon, word) => match value {
                Some(v) if !(*colon && v.is_empty()) => v,
                _ => self.expand_quoted(word, rt),
            },
            ParamOp::Assign(colon, word) => match value {
                Some(v) if !(*colon && v.is_empty()) => v,
                _ => {
                    let v = self.expand_quoted(word, rt);
                    if is_name(&param.name) {
                        self.set_var(&param.name, &v);
                    }
                    v
                }
            },
            ParamOp::Alt(colon, word) => match value {
                Some(v) if !(*colon && v.is_empty()) => self.expand_quoted(word, rt),
                _ => String::new(),
            },
            ParamOp::StripPrefix(longest, word) | ParamOp::StripSuffix(longest, word) => {
                let value = value.unwrap_or_default();
                let pattern = self.expand_quoted(word, rt);
                let prefix = matches!(param.op, ParamOp::StripPrefix(..));
                strip(&value, &pattern, prefix, *longest)
            }
        }
    }

    fn tilde(&self, text: &str) -> String {
        let home = self.var("HOME").unwrap_or(&self.frame().home).to_owned();
        if text == "~" {
            home
        } else if let Some(rest) = text.strip_prefix("~/") {
            format!("{home}/{rest}")
        } else if let Some((name, value)) = text.split_once('=')
            && parser::is_name(name)
            && (value == "~" || value.starts_with("~/"))
        {
            // Bash also expands a tilde right after the `=` of an assignment-like word (`export KUBECONFIG=~/x`).
            format!("{name}={}", self.tilde(value))
        } else {
            text.to_owned()
        }
    }

    /// Matches a glob pattern against the frame's filesystem; the matches, sorted, or nothing.
    fn glob(&self, pattern: &str) -> Vec<String> {
        let absolute = pattern.starts_with('/');
        let base = if absolute {
            "/".to_owned()
        } else {
            self.frame().cwd.clone()
        };
        let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty()).collect();
        // Each candidate is (path in the filesystem, text as the user would see it).
        let mut candidates = vec![(
            base,
            if absolute {
                "/".to_owned()
            } else {
                String::new()
            },
        )];
        let fs = self.fs();
        for (i, component) in components.iter().enumerate() {
            let last = i + 1 == components.len();
            let mut next = Vec::new();
            for (path, shown) in &candidates {
                let join = |name: &str| {
                    let p = if path == "/" {
                        format!("/{name}")
                    } else {
                        format!("{path}/{name}")
                    };
                    let s = if shown.is_empty() || shown.ends_with('/') {
                        format!("{shown}{name}")
                    } else {
                        format!("{shown}/{name}")
                    };
                    (p, s)
                };
                if !has_glob(component) {
                    let name = unescape(component);
                    let (p, s) = join(&name);
                    if fs.get(&p).is_some() && (last || fs.is_dir(&p)) {
                        next.push((p, s));
                    }
                    continue;
                }
                let Ok(names) = fs.list(path) else { continue };
                for name in names {
                    if name.starts_with('.') && !component.starts_with('.') {
                        continue;
                    }
                    if glob_match(component, &name) {
                        let (p, s) = join(&name);
                        if last || fs.is_dir(&p) {
                            next.push((p, s));
                        }
                    }
                }
            }
            candidates = next;
            if candidates.is_empty() {
                break;
            }
        }
        let mut out: Vec<String> = candidates.into_iter().map(|(_, s)| s).collect();
        if pattern.ends_with('/') {
            for s in &mut out {
                s.push('/');
            }
        }
        out.sort_shared();
        out
    }
}

fn flush_split(fields: &mut Vec<Field>, pending: &mut bool) {
    if *pending {
        *pending = false;
        if fields.last().is_some_and(|f| !f.is_empty()) {
            fields.push(Field::default());
        }
    }
}

fn has_glob(pattern: &str) -> bool {
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

fn unescape(pattern: &str) -> String {
    let mut out = String::new();
    let mut escaped = false;
    for c in pattern.chars() {
        if !escaped && c == '\\' {
            escaped = true;
        } else {
            out.push(c);
            escaped = false;
        }
    }
    out
}

/// Whether `name` matches the shell glob `pattern` (`*`, `?`, `[...]`, `[!...]`, backslash escapes).
pub(super) fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative matching with backtracking on the last star.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ni));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class_match(&p, pi, n[ni])
                        && matched
                    {
                        pi = next;
                        ni += 1;
                        continue;
                    } else if class_match(&p, pi, n[ni]).is_none() && n[ni] == '[' {
                        pi += 1;
                        ni += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() && p[pi + 1] == n[ni] => {
                    pi += 2;
                    ni += 1;
                    continue;
                }
                '\\' if pi + 1 < p.len() => {}
                c if c == n[ni] => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, sn)) => {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Matches `c` against the bracket expression starting at `p[start]`; `None` when the bracket is not closed.
fn class_match(p: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some('!' | '^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() {
        if p[i] == ']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        if i + 2 < p.len() && p[i + 1] == '-' && p[i + 2] != ']' {
            if p[i] <= c && c <= p[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if p[i] == c {
                matched = true;
            }
            i += 1;
        }
    }
    None
}

/// Removes the shortest or longest prefix or suffix of `value` matching `pattern`.
fn strip(value: &str, pattern: &str, prefix: bool, longest: bool) -> String {
    let bounds: Vec<usize> = value
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(value.len()))
        .collect();
    let order: Vec<usize> = if prefix == longest {
        bounds.iter().rev().copied().collect()
    } else {
        bounds.clone()
    };
    for cut in order {
        if prefix {
            if glob_match(pattern, &value[..cut]) {
                return value[cut..].to_owned();
            }
        } else if glob_match(pattern, &value[cut..]) {
            return value[..cut].to_owned();
        }
    }
    value.to_owned()
}

/// The word as written, for error messages.
fn raw_text(word: &Word) -> String {
    let mut out = String::new();
    for part in &word.parts {
        match part {
            Part::Lit(t) | Part::Quoted(t) => out.push_str(t),
            Part::Param(p) => {
                out.push('$');
                out.push_str(&p.name);
            }
            Part::Double(_) => out.push_str("\"...\""),
            Part::Subst(_) => out.push_str("$(...)"),
            Part::Arith(_) => out.push_str("$((...))"),
        }
    }
    out
}

/// Exported variables as `env` prints them.
pub(super) fn env_lines(env: &BTreeMap<String, String>) -> String {
    env.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_patterns() {
        assert!(glob_match("*.yaml", "a.yaml"));
        assert!(!glob_match("*.yaml", "a.yml"));
        assert!(glob_match("a?c", "abc"));
        assert!(glob_match("[a-c]x", "bx"));
        assert!(!glob_match("[!a-c]x", "bx"));
        assert!(glob_match("\\*", "*"));
        assert!(!glob_match("\\*", "a"));
        assert!(glob_match("*", ""));
        assert!(glob_match("[", "["));
    }

    #[test]
    fn strip_prefix_and_suffix() {
        assert_eq!(strip("pod/web-1", "*/", true, false), "web-1");
        assert_eq!(strip("a.b.c", "*.", true, true), "c");
        assert_eq!(strip("a.b.c", ".*", false, false), "a.b");
        assert_eq!(strip("a.b.c", ".*", false, true), "a");
    }
}
