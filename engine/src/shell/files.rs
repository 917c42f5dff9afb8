//! File commands over the virtual filesystem: `ls`, `cat`, `mkdir`, `rm`, `cp`, `mv` and `touch`, with GNU coreutils' messages.

use super::builtins::format_date;
use super::flags::{Spec, optional, switch};
use crate::exec::{Ctx, Output};
use crate::sort::SortShared;
use crate::vfs::{FsError, Node};

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[&LS, &CAT, &MKDIR, &RM, &CP, &MV, &TOUCH];

const LS: Spec = Spec {
    cmd: "ls",
    flags: &[
        switch("long", Some('l'), "", "use a long listing format"),
        switch(
            "all",
            Some('a'),
            "all",
            "do not ignore entries starting with .",
        ),
        switch(
            "almost-all",
            Some('A'),
            "almost-all",
            "do not list implied . and ..",
        ),
        switch("one", Some('1'), "", "list one file per line"),
        switch(
            "directory",
            Some('d'),
            "directory",
            "list directories themselves, not their contents",
        ),
        switch(
            "human",
            Some('h'),
            "human-readable",
            "with -l, print sizes like 1K 234M 2G",
        ),
        switch(
            "recursive",
            Some('R'),
            "recursive",
            "list subdirectories recursively",
        ),
        optional(
            "color",
            "color",
            "colorize the output (ignored: no colours)",
        ),
    ],
    usage_code: 2,
    stop_at_operand: false,
};

const CAT: Spec = Spec {
    cmd: "cat",
    flags: &[switch(
        "number",
        Some('n'),
        "number",
        "number all output lines",
    )],
    usage_code: 1,
    stop_at_operand: false,
};

const MKDIR: Spec = Spec {
    cmd: "mkdir",
    flags: &[
        switch(
            "parents",
            Some('p'),
            "parents",
            "no error if existing, make parent directories as needed",
        ),
        switch(
            "verbose",
            Some('v'),
            "verbose",
            "print a message for each created directory",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const RM: Spec = Spec {
    cmd: "rm",
    flags: &[
        switch(
            "recursive",
            Some('r'),
            "recursive",
            "remove directories and their contents recursively",
        ),
        switch("recursive", Some('R'), "", "same as -r"),
        switch(
            "force",
            Some('f'),
            "force",
            "ignore nonexistent files and arguments, never prompt",
        ),
        switch(
            "verbose",
            Some('v'),
            "verbose",
            "explain what is being done",
        ),
        switch("dir", Some('d'), "dir", "remove empty directories"),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const CP: Spec = Spec {
    cmd: "cp",
    flags: &[
        switch(
            "recursive",
            Some('r'),
            "recursive",
            "copy directories recursively",
        ),
        switch("recursive", Some('R'), "", "same as -r"),
        switch(
            "archive",
            Some('a'),
            "archive",
            "same as -dR --preserve=all",
        ),
        switch(
            "force",
            Some('f'),
            "force",
            "remove an existing destination that cannot be opened",
        ),
        switch(
            "verbose",
            Some('v'),
            "verbose",
            "explain what is being done",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const MV: Spec = Spec {
    cmd: "mv",
    flags: &[
        switch(
            "force",
            Some('f'),
            "force",
            "do not prompt before overwriting",
        ),
        switch(
            "verbose",
            Some('v'),
            "verbose",
            "explain what is being done",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const TOUCH: Spec = Spec {
    cmd: "touch",
    flags: &[switch(
        "no-create",
        Some('c'),
        "no-create",
        "do not create any files",
    )],
    usage_code: 1,
    stop_at_operand: false,
};

/// `ls`: lists directories (columns on a terminal, one per line otherwise, `-l` long format).
pub(super) fn ls(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match LS.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let operands = if parsed.operands.is_empty() {
        vec![".".to_owned()]
    } else {
        parsed.operands.clone()
    };
    let mut out = Output::default();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for name in &operands {
        let path = ctx.resolve(name);
        match ctx.fs.get(&path) {
            // A directory above it the user may not search hides the entry.
            _ if !ctx.fs.permits(&path, 0) => {
                out.stderr
                    .push_str(&format!("ls: cannot access '{name}': Permission denied\n"));
                out.code = 2;
            }
            None => {
                out.stderr.push_str(&format!(
                    "ls: cannot access '{name}': No such file or directory\n"
                ));
                out.code = 2;
            }
            Some(Node::Dir) if !parsed.has("directory") => dirs.push((name.clone(), path)),
            Some(_) => files.push((name.clone(), path)),
        }
    }
    // Operands are listed in the same order as directory entries, files first.
    let by_name = |a: &(String, String), b: &(String, String)| {
        super::text::collate(a.0.trim_start_matches('.'), b.0.trim_start_matches('.'))
            .then_with(|| a.0.cmp(&b.0))
    };
    files.sort_shared_by(by_name);
    dirs.sort_shared_by(by_name);
    let long = parsed.has("long");
    let one = parsed.has("one") || !ctx.tty;
    let render = |entries: &[(String, String)], ctx: &Ctx, total: bool| -> String {
        if long {
            long_listing(entries, ctx, total, parsed.has("human"))
        } else {
            let names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
            layout(&names, one)
        }
    };
    if !files.is_empty() {
        out.stdout.push_str(&render(&files, ctx, false));
    }
    let headers = operands.len() > 1 || parsed.has("recursive");
    let mut queue = dirs;
    let mut first = files.is_empty();
    while !queue.is_empty() {
        let (name, path) = queue.remove(0);
        let mut entries: Vec<(String, String)> = Vec::new();
        if parsed.has("all") {
            entries.push((".".to_owned(), path.clone()));
            entries.push(("..".to_owned(), crate::vfs::parent(&path).to_owned()));
        }
        let mut subdirs = Vec::new();
        let mut children = match ctx.fs.list(&path) {
            Err(crate::vfs::FsError::PermissionDenied) => {
                if headers {
                    if !first {
                        out.stdout.push('\n');
                    }
                    out.stdout.push_str(&format!("{name}:\n"));
                }
                first = false;
                out.stderr.push_str(&format!(
                    "ls: cannot open directory '{name}': Permission denied\n"
                ));
                out.code = 2;
                continue;
            }
            listed => listed.unwrap_or_default(),
        };
        // ls sorts in the learner's en_US.UTF-8 locale: case and punctuation matter only to break ties.
        children.sort_shared_by(|a, b| {
            super::text::collate(a.trim_start_matches('.'), b.trim_start_matches('.'))
                .then_with(|| a.cmp(b))
        });
        for child in children {
            if child.starts_with('.') && !parsed.has("all") && !parsed.has("almost-all") {
                continue;
            }
            let child_path = if path == "/" {
                format!("/{child}")
            } else {
                format!("{path}/{child}")
            };
            if parsed.has("recursive") && ctx.fs.is_dir(&child_path) {
                let shown = if name.ends_with('/') {
                    format!("{name}{child}")
                } else {
                    format!("{name}/{child}")
                };
                subdirs.push((shown, child_path.clone()));
            }
            entries.push((child, child_path));
        }
        if !first {
            out.stdout.push('\n');
        }
        first = false;
        if headers {
            out.stdout.push_str(&format!("{name}:\n"));
        }
        out.stdout.push_str(&render(&entries, ctx, true));
        for (i, sub) in subdirs.into_iter().enumerate() {
            queue.insert(i, sub);
        }
    }
    out
}

fn long_listing(entries: &[(String, String)], ctx: &Ctx, total: bool, human: bool) -> String {
    let owner = ctx
        .env
        .get("USER")
        .cloned()
        .unwrap_or_else(|| "root".to_owned());
    // Where ownership is modelled the entry's own owner, group and mode show; elsewhere everything is the user's.
    let id_name = |id: u32| {
        ctx.fs
            .id_name(id)
            .map_or_else(|| id.to_string(), str::to_owned)
    };
    type Row = (String, usize, String, String, (String, String), String);
    let rows: Vec<Row> = entries
        .iter()
        .map(|(name, path)| {
            let (mode, links, size) = match ctx.fs.get(path) {
                Some(Node::File(text)) => ("-rw-r--r--.", 1, text.len()),
                _ => {
                    let subdirs = ctx
                        .fs
                        .list(path)
                        .unwrap_or_default()
                        .iter()
                        .filter(|c| {
                            ctx.fs
                                .is_dir(&format!("{}/{c}", path.trim_end_matches('/')))
                        })
                        .count();
                    let entries = ctx.fs.list(path).map(|l| l.len()).unwrap_or(0);
                    ("drwxr-xr-x.", 2 + subdirs, 6 + entries * 16)
                }
            };
            let size_text = if human {
                human_size(size)
            } else {
                size.to_string()
            };
            let when = ctx.fs.mtime(path).unwrap_or(ctx.now);
            let six_months = 1000 * 60 * 60 * 24 * 182;
            let date = if (ctx.now - when).abs() < six_months {
                format_date(when, "%b %e %H:%M")
            } else {
                format_date(when, "%b %e  %Y")
            };
            let (mode, owners) = match (ctx.fs.user(), ctx.fs.meta(path)) {
                (Some(_), Some(meta)) => (
                    mode_text(ctx.fs.is_dir(path), meta.mode),
                    (id_name(meta.uid), id_name(meta.gid)),
                ),
                _ => (mode.to_owned(), (owner.clone(), owner.clone())),
            };
            (mode, links, size_text, date, owners, name.clone())
        })
        .collect();
    let link_w = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    let size_w = rows.iter().map(|r| r.2.len()).max().unwrap_or(1);
    let mut out = String::new();
    if total {
        let blocks: usize = entries
            .iter()
            .map(|(_, p)| match ctx.fs.get(p) {
                Some(Node::File(t)) => t.len().div_ceil(4096) * 4,
                _ => 0,
            })
            .sum();
        out.push_str(&format!("total {blocks}\n"));
    }
    let user_w = rows.iter().map(|r| r.4.0.len()).max().unwrap_or(1);
    let group_w = rows.iter().map(|r| r.4.1.len()).max().unwrap_or(1);
    for (mode, links, size, date, (user, group), name) in rows {
        out.push_str(&format!(
            "{mode} {links:>link_w$} {user:<user_w$} {group:<group_w$} {size:>size_w$} {date} {name}\n"
        ));
    }
    out
}

/// The permission column of `ls -l` for a directory or file with `mode`: type, then rwx for owner, group and
/// others, set-ID and sticky bits shown in the execute places, and the dot of an SELinux context.
fn mode_text(dir: bool, mode: u32) -> String {
    let mut text = String::from(if dir { 'd' } else { '-' });
    for (shift, special, letter) in [(6, 0o4000, 's'), (3, 0o2000, 's'), (0, 0o1000, 't')] {
        let bits = mode >> shift;
        text.push(if bits & 4 != 0 { 'r' } else { '-' });
        text.push(if bits & 2 != 0 { 'w' } else { '-' });
        text.push(match (bits & 1 != 0, mode & special != 0) {
            (true, true) => letter,
            (false, true) => letter.to_ascii_uppercase(),
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    text.push('.');
    text
}

fn human_size(size: usize) -> String {
    if size < 1024 {
        return size.to_string();
    }
    let mut value = size as f64;
    for unit in ["K", "M", "G", "T"] {
        value /= 1024.0;
        if value < 1024.0 {
            return if value < 10.0 {
                format!("{:.1}{unit}", (value * 10.0).ceil() / 10.0)
            } else {
                format!("{}{unit}", value.ceil() as u64)
            };
        }
    }
    format!("{}P", value.ceil() as u64)
}

/// Lays names out as GNU `ls` does on an 80-column terminal (columns filled top to bottom), or one per line.
fn layout(names: &[String], one: bool) -> String {
    if names.is_empty() {
        return String::new();
    }
    if one {
        return names.iter().map(|n| format!("{n}\n")).collect();
    }
    let widths: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    let width = 80;
    let mut best_rows = names.len();
    for cols in (1..=names.len()).rev() {
        let rows = names.len().div_ceil(cols);
        let cols_used = names.len().div_ceil(rows);
        let total: usize = (0..cols_used)
            .map(|c| {
                let w = (0..rows)
                    .filter_map(|r| widths.get(c * rows + r))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if c + 1 == cols_used { w } else { w + 2 }
            })
            .sum();
        if total <= width {
            best_rows = rows;
            break;
        }
    }
    let rows = best_rows;
    let cols = names.len().div_ceil(rows);
    let col_widths: Vec<usize> = (0..cols)
        .map(|c| {
            (0..rows)
                .filter_map(|r| widths.get(c * rows + r))
                .max()
                .copied()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for (c, col_width) in col_widths.iter().enumerate() {
            let i = c * rows + r;
            if i >= names.len() {
                break;
            }
            line.push_str(&names[i]);
            let last = c + 1 == cols || (c + 1) * rows + r >= names.len();
            if !last {
                line.push_str(&" ".repeat(col_width + 2 - widths[i]));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `cat`: prints files and standard input (`-`).
pub(super) fn cat(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match CAT.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (text, mut out) = read_inputs("cat", &parsed.operands, ctx);
    if parsed.has("number") {
        let mut numbered = String::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            numbered.push_str(&format!("{:>6}\t{line}", i + 1));
        }
        out.stdout = numbered;
    } else {
        out.stdout = text;
    }
    out
}

/// Reads the named files (standard input for none or `-`), concatenated, with `CMD: NAME: error` lines for failures.
pub(super) fn read_inputs(cmd: &str, names: &[String], ctx: &Ctx) -> (String, Output) {
    let mut out = Output::default();
    let mut text = String::new();
    if names.is_empty() {
        return (ctx.stdin.to_owned(), out);
    }
    for name in names {
        match read_one(name, ctx) {
            Ok(t) => text.push_str(&t),
            Err(e) => {
                out.stderr
                    .push_str(&format!("{cmd}: {name}: {}\n", e.message()));
                out.code = 1;
            }
        }
    }
    (text, out)
}

/// Reads one named input: `-` is standard input, `/dev/null` is empty.
pub(super) fn read_one(name: &str, ctx: &Ctx) -> Result<String, FsError> {
    match name {
        "-" | "/dev/stdin" => Ok(ctx.stdin.to_owned()),
        "/dev/null" => Ok(String::new()),
        _ => ctx.fs.read(&ctx.resolve(name)).map(str::to_owned),
    }
}

/// `mkdir`: creates directories (`-p` for parents).
pub(super) fn mkdir(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match MKDIR.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if parsed.operands.is_empty() {
        return MKDIR.usage("missing operand");
    }
    let mut out = Output::default();
    for name in &parsed.operands {
        let path = ctx.resolve(name);
        match ctx.fs.mkdir(&path, parsed.has("parents")) {
            Ok(()) => {
                ctx.fs.set_mtime(&path, ctx.now);
                if parsed.has("verbose") {
                    out.stdout
                        .push_str(&format!("mkdir: created directory '{name}'\n"));
                }
            }
            Err(e) => {
                out.stderr.push_str(&format!(
                    "mkdir: cannot create directory ‘{name}’: {}\n",
                    e.message()
                ));
                out.code = 1;
            }
        }
    }
    out
}

/// `rm`: removes files (`-r` for directories, `-f` to ignore missing ones).
pub(super) fn rm(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match RM.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if parsed.operands.is_empty() {
        if parsed.has("force") {
            return Output::default();
        }
        return RM.usage("missing operand");
    }
    let mut out = Output::default();
    for name in &parsed.operands {
        let path = ctx.resolve(name);
        let result = match ctx.fs.get(&path) {
            None if parsed.has("force") => continue,
            None => Err(FsError::NotFound),
            Some(Node::Dir) if !parsed.has("recursive") => {
                if parsed.has("dir") {
                    ctx.fs.remove(&path, false)
                } else {
                    Err(FsError::IsDir)
                }
            }
            Some(_) => ctx.fs.remove(&path, true),
        };
        match result {
            Ok(()) => {
                if parsed.has("verbose") {
                    out.stdout.push_str(&format!("removed '{name}'\n"));
                }
            }
            Err(e) => {
                out.stderr
                    .push_str(&format!("rm: cannot remove '{name}': {}\n", e.message()));
                out.code = 1;
            }
        }
    }
    out
}

/// `cp`: copies files (`-r` for directories) to a file or into a directory.
pub(super) fn cp(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match CP.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let recursive = parsed.has("recursive") || parsed.has("archive");
    transfer(
        "cp",
        &CP,
        &parsed.operands,
        ctx,
        false,
        recursive,
        parsed.has("verbose"),
    )
}

/// `mv`: moves or renames files and directories.
pub(super) fn mv(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match MV.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    transfer(
        "mv",
        &MV,
        &parsed.operands,
        ctx,
        true,
        true,
        parsed.has("verbose"),
    )
}

fn transfer(
    cmd: &str,
    spec: &Spec,
    operands: &[String],
    ctx: &mut Ctx,
    remove: bool,
    recursive: bool,
    verbose: bool,
) -> Output {
    match operands {
        [] => return spec.usage("missing file operand"),
        [one] => return spec.usage(&format!("missing destination file operand after '{one}'")),
        _ => {}
    }
    let (sources, dest) = operands.split_at(operands.len() - 1);
    let dest_name = &dest[0];
    let dest_path = ctx.resolve(dest_name);
    let into_dir = ctx.fs.is_dir(&dest_path);
    if sources.len() > 1 && !into_dir {
        return Output::err(format!("{cmd}: target '{dest_name}': Not a directory\n"), 1);
    }
    let mut out = Output::default();
    for name in sources {
        let src = ctx.resolve(name);
        let target = if into_dir {
            let base = src.rsplit('/').next().unwrap_or("");
            if dest_path == "/" {
                format!("/{base}")
            } else {
                format!("{dest_path}/{base}")
            }
        } else {
            dest_path.clone()
        };
        let fail = |out: &mut Output, msg: String| {
            out.stderr.push_str(&msg);
            out.code = 1;
        };
        match ctx.fs.get(&src).cloned() {
            None => fail(
                &mut out,
                format!("{cmd}: cannot stat '{name}': No such file or directory\n"),
            ),
            Some(Node::File(text)) => match ctx.fs.write(&target, text) {
                Ok(()) => {
                    ctx.fs.set_mtime(&target, ctx.now);
                    if remove {
                        let _ = ctx.fs.remove(&src, false);
                    }
                    if verbose {
                        out.stdout.push_str(&format!(
                            "'{name}' -> '{}'\n",
                            display_target(dest_name, into_dir, &src)
                        ));
                    }
                }
                Err(e) => fail(
                    &mut out,
                    format!(
                        "{cmd}: cannot create regular file '{}': {}\n",
                        display_target(dest_name, into_dir, &src),
                        e.message()
                    ),
                ),
            },
            Some(Node::Dir) => {
                if !recursive {
                    fail(
                        &mut out,
                        format!("{cmd}: -r not specified; omitting directory '{name}'\n"),
                    );
                    continue;
                }
                if target == src || target.starts_with(&format!("{src}/")) {
                    fail(
                        &mut out,
                        format!(
                            "{cmd}: cannot copy a directory, '{name}', into itself, '{}'\n",
                            display_target(dest_name, into_dir, &src)
                        ),
                    );
                    continue;
                }
                let below: Vec<(String, Node)> = ctx
                    .fs
                    .descendants(&src)
                    .map(|p| p.to_owned())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .filter_map(|p| ctx.fs.get(&p).cloned().map(|n| (p, n)))
                    .collect();
                if let Err(e) = ctx
                    .fs
                    .mkdir(&target, false)
                    .or_else(|e| if e == FsError::Exists { Ok(()) } else { Err(e) })
                {
                    fail(
                        &mut out,
                        format!(
                            "{cmd}: cannot create directory '{dest_name}': {}\n",
                            e.message()
                        ),
                    );
                    continue;
                }
                for (path, node) in below {
                    let new = format!("{target}{}", &path[src.len()..]);
                    let _ = match node {
                        Node::Dir => ctx.fs.mkdir(&new, true),
                        Node::File(text) => ctx.fs.write(&new, text),
                    };
                }
                if remove {
                    let _ = ctx.fs.remove(&src, true);
                }
            }
        }
    }
    out
}

fn display_target(dest: &str, into_dir: bool, src: &str) -> String {
    if into_dir {
        let base = src.rsplit('/').next().unwrap_or("");
        format!("{}/{base}", dest.trim_end_matches('/'))
    } else {
        dest.to_owned()
    }
}

/// `touch`: creates empty files and updates times.
pub(super) fn touch(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match TOUCH.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if parsed.operands.is_empty() {
        return TOUCH.usage("missing file operand");
    }
    let mut out = Output::default();
    for name in &parsed.operands {
        let path = ctx.resolve(name);
        if ctx.fs.get(&path).is_none() {
            if parsed.has("no-create") {
                continue;
            }
            if let Err(e) = ctx.fs.write(&path, "") {
                out.stderr
                    .push_str(&format!("touch: cannot touch '{name}': {}\n", e.message()));
                out.code = 1;
                continue;
            }
        }
        ctx.fs.set_mtime(&path, ctx.now);
    }
    out
}
