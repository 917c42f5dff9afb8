//! A small `git` over the virtual filesystem against the account's CodeCommit repositories: `clone`, `add`,
//! `commit -m`, `push`, `status` and `log --oneline`, with git's own output lines. A clone keeps its state as JSON
//! in `.git/bastion.json`; pulls and pushes are authorised as `codecommit:GitPull` / `codecommit:GitPush`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::AwsAccount;
use super::code::Commit;
use crate::exec::{Ctx, Output};

/// The state of one clone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clone {
    /// The remote URL.
    pub remote: String,
    /// The repository name.
    pub repo: String,
    /// The repository's region.
    pub region: String,
    /// The last commit known to be on the remote (`origin/main`).
    pub pushed: Option<String>,
    /// Every commit of `main`, oldest first.
    pub commits: Vec<Commit>,
    /// Paths staged for the next commit.
    pub staged: BTreeSet<String>,
}

const STATE: &str = ".git/bastion.json";

fn fatal(msg: &str) -> Output {
    Output::err(format!("fatal: {msg}\n"), 128)
}

fn commit_id(
    parent: Option<&str>,
    message: &str,
    files: &BTreeMap<String, String>,
    at: i64,
) -> String {
    let mut h = super::fnv1a(
        parent
            .unwrap_or("")
            .bytes()
            .chain(message.bytes())
            .chain(files.iter().flat_map(|(k, v)| k.bytes().chain(v.bytes())))
            .chain(at.to_le_bytes()),
    );
    let mut s = String::new();
    for _ in 0..40 {
        h = h
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s.push(char::from_digit(((h >> 60) & 15) as u32, 16).unwrap_or('0'));
    }
    s
}

/// Finds the clone containing `cwd`: its root directory and state.
fn find(ctx: &Ctx) -> Option<(String, Clone)> {
    let mut dir = crate::vfs::normalize(ctx.cwd);
    loop {
        let path = if dir == "/" {
            format!("/{STATE}")
        } else {
            format!("{dir}/{STATE}")
        };
        if let Ok(text) = ctx.fs.read(&path) {
            return serde_json::from_str(text).ok().map(|c| (dir, c));
        }
        if dir == "/" {
            return None;
        }
        dir = crate::vfs::parent(&dir).to_owned();
    }
}

fn save(ctx: &mut Ctx, root: &str, c: &Clone) {
    let _ = ctx.fs.mkdir(&format!("{root}/.git"), true);
    let _ = ctx.fs.write(
        &format!("{root}/{STATE}"),
        serde_json::to_string_pretty(c).unwrap_or_default(),
    );
}

/// The files of the working tree (relative paths), excluding `.git`.
fn worktree(ctx: &Ctx, root: &str) -> BTreeMap<String, String> {
    let prefix = format!("{root}/");
    ctx.fs
        .descendants(root)
        .filter(|p| !ctx.fs.is_dir(p))
        .filter_map(|p| {
            let rel = p.strip_prefix(&prefix)?;
            if rel == ".git" || rel.starts_with(".git/") {
                return None;
            }
            Some((rel.to_owned(), ctx.fs.read(p).ok()?.to_owned()))
        })
        .collect()
}

fn head_files(c: &Clone) -> BTreeMap<String, String> {
    c.commits
        .last()
        .map(|c| c.files.clone())
        .unwrap_or_default()
}

impl AwsAccount {
    fn git_allowed(&self, ctx: &Ctx, action: &str, repo: &str, region: &str) -> bool {
        let profile = ctx
            .env
            .get("AWS_PROFILE")
            .cloned()
            .unwrap_or_else(|| "default".into());
        let Ok(caller) = self.caller(ctx, &profile) else {
            return false;
        };
        let arn = format!(
            "arn:aws:codecommit:{region}:{}:{repo}",
            super::model::ACCOUNT_ID
        );
        let req = self.iam.request(&caller, action, &arn, region, self.now);
        self.iam.authorize(&caller, &req).is_ok()
    }

    /// Runs `git …` (`argv[0]` is `git`) against the account's CodeCommit repositories.
    pub fn git(&mut self, argv: &[String], ctx: &mut Ctx) -> Output {
        self.set_time(ctx.now);
        let args: Vec<&str> = argv.iter().skip(1).map(String::as_str).collect();
        match args.first().copied() {
            None => Output::err(
                "usage: git [--version] [--help] [-C <path>] [-c <name>=<value>]\n           <command> [<args>]\n",
                1,
            ),
            Some("--version") => Output::ok("git version 2.39.5\n"),
            Some("clone") => self.git_clone(&args[1..], ctx),
            Some(cmd @ ("add" | "commit" | "push" | "status" | "log")) => {
                let Some((root, mut c)) = find(ctx) else {
                    return fatal("not a git repository (or any of the parent directories): .git");
                };
                let out = match cmd {
                    "add" => git_add(&args[1..], ctx, &root, &mut c),
                    "commit" => git_commit(&args[1..], ctx, &root, &mut c),
                    "push" => self.git_push(ctx, &mut c),
                    "status" => git_status(ctx, &root, &c),
                    _ => git_log(&args[1..], &c),
                };
                save(ctx, &root, &c);
                out
            }
            Some(other) => Output::err(
                format!("git: '{other}' is not a git command. See 'git --help'.\n"),
                1,
            ),
        }
    }

    fn git_clone(&mut self, args: &[&str], ctx: &mut Ctx) -> Output {
        let Some(url) = args.iter().find(|a| !a.starts_with('-')).copied() else {
            return fatal("You must specify a repository to clone.");
        };
        let parsed = url
            .strip_prefix("https://git-codecommit.")
            .and_then(|r| r.split_once(".amazonaws.com/v1/repos/"));
        let Some((region, name)) = parsed else {
            return fatal(&format!(
                "unable to access '{url}/': Could not resolve host: {}",
                url.split('/').nth(2).unwrap_or(url)
            ));
        };
        let name = name.trim_end_matches('/').to_owned();
        let Some(repo) = self
            .code
            .repos
            .get(&name)
            .filter(|r| r.region == region)
            .cloned()
        else {
            return fatal(&format!("repository '{url}/' not found"));
        };
        if !self.git_allowed(ctx, "codecommit:GitPull", &name, region) {
            return fatal(&format!(
                "unable to access '{url}/': The requested URL returned error: 403"
            ));
        }
        let dir = args
            .iter()
            .filter(|a| !a.starts_with('-'))
            .nth(1)
            .copied()
            .unwrap_or(&name)
            .to_owned();
        let root = ctx.resolve(&dir);
        if ctx.fs.get(&root).is_some() && !ctx.fs.list(&root).map(|l| l.is_empty()).unwrap_or(false)
        {
            return fatal(&format!(
                "destination path '{dir}' already exists and is not an empty directory."
            ));
        }
        if ctx.fs.mkdir(&root, true).is_err() {
            return fatal(&format!(
                "could not create work tree dir '{dir}': No such file or directory"
            ));
        }
        let c = Clone {
            remote: url.to_owned(),
            repo: name,
            region: region.to_owned(),
            pushed: repo.head().map(|h| h.id.clone()),
            commits: repo.commits.clone(),
            staged: BTreeSet::new(),
        };
        for (path, body) in head_files(&c) {
            let full = format!("{root}/{path}");
            let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
            let _ = ctx.fs.write(&full, body);
        }
        save(ctx, &root, &c);
        let mut err = format!("Cloning into '{dir}'...\n");
        if c.commits.is_empty() {
            err.push_str("warning: You appear to have cloned an empty repository.\n");
        }
        Output {
            stdout: String::new(),
            stderr: err,
            code: 0,
        }
    }

    fn git_push(&mut self, ctx: &Ctx, c: &mut Clone) -> Output {
        let remote_head = self
            .code
            .repos
            .get(&c.repo)
            .and_then(|r| r.head())
            .map(|h| h.id.clone());
        if !self.git_allowed(ctx, "codecommit:GitPush", &c.repo, &c.region.clone()) {
            return fatal(&format!(
                "unable to access '{}/': The requested URL returned error: 403",
                c.remote
            ));
        }
        let start = match &c.pushed {
            Some(p) => c
                .commits
                .iter()
                .position(|x| &x.id == p)
                .map_or(0, |i| i + 1),
            None => 0,
        };
        let new: Vec<Commit> = c.commits[start..].to_vec();
        if new.is_empty() {
            return Output {
                stdout: String::new(),
                stderr: "Everything up-to-date\n".into(),
                code: 0,
            };
        }
        if remote_head != c.pushed {
            return Output::err(
                format!(
                    "To {}\n ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs to '{}'\n",
                    c.remote, c.remote
                ),
                1,
            );
        }
        let last = new.last().map(|x| x.id.clone()).unwrap_or_default();
        let now = self.now;
        if let Err(e) = self.code.push_commits(&c.repo, new, now) {
            return fatal(&e.message);
        }
        let line = match &c.pushed {
            Some(p) => format!("   {}..{}  main -> main", &p[..7], &last[..7]),
            None => " * [new branch]      main -> main".to_owned(),
        };
        c.pushed = Some(last);
        Output {
            stdout: String::new(),
            stderr: format!("To {}\n{line}\n", c.remote),
            code: 0,
        }
    }
}

fn git_add(args: &[&str], ctx: &Ctx, root: &str, c: &mut Clone) -> Output {
    if args.is_empty() {
        return Output::err(
            "Nothing specified, nothing added.\nhint: Maybe you wanted to say 'git add .'?\n",
            0,
        );
    }
    let tree = worktree(ctx, root);
    let head = head_files(c);
    let rel_cwd = crate::vfs::normalize(ctx.cwd)
        .strip_prefix(root)
        .unwrap_or("")
        .trim_start_matches('/')
        .to_owned();
    for a in args {
        if matches!(*a, "." | "-A" | "--all") {
            c.staged.extend(tree.keys().cloned());
            c.staged
                .extend(head.keys().filter(|k| !tree.contains_key(*k)).cloned());
            continue;
        }
        let rel = if rel_cwd.is_empty() {
            a.trim_start_matches("./").to_owned()
        } else {
            format!("{rel_cwd}/{}", a.trim_start_matches("./"))
        };
        let hits: Vec<String> = tree
            .keys()
            .chain(head.keys())
            .filter(|k| **k == rel || k.starts_with(&format!("{rel}/")))
            .cloned()
            .collect();
        if hits.is_empty() {
            return fatal(&format!("pathspec '{a}' did not match any files"));
        }
        c.staged.extend(hits);
    }
    Output::ok("")
}

fn git_commit(args: &[&str], ctx: &Ctx, root: &str, c: &mut Clone) -> Output {
    let message = args
        .iter()
        .position(|a| *a == "-m")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.to_string());
    let Some(message) = message else {
        return Output::err("Aborting commit due to empty commit message.\n", 1);
    };
    let tree = worktree(ctx, root);
    let head = head_files(c);
    let mut files = head.clone();
    for path in &c.staged {
        match tree.get(path) {
            Some(body) => {
                files.insert(path.clone(), body.clone());
            }
            None => {
                files.remove(path);
            }
        }
    }
    c.staged.clear();
    if files == head {
        return Output {
            stdout: git_status_text(ctx, root, c),
            stderr: String::new(),
            code: 1,
        };
    }
    let parent = c.commits.last().map(|x| x.id.clone());
    let id = commit_id(parent.as_deref(), &message, &files, ctx.now);
    let (mut changed, mut ins, mut del) = (0, 0, 0);
    let mut modes = String::new();
    for path in files.keys().chain(head.keys()).collect::<BTreeSet<_>>() {
        let (old, new) = (head.get(path), files.get(path));
        if old == new {
            continue;
        }
        changed += 1;
        let o: Vec<&str> = old.map(|s| s.lines().collect()).unwrap_or_default();
        let n: Vec<&str> = new.map(|s| s.lines().collect()).unwrap_or_default();
        ins += n.iter().filter(|l| !o.contains(l)).count();
        del += o.iter().filter(|l| !n.contains(l)).count();
        match (old, new) {
            (None, Some(_)) => modes.push_str(&format!(" create mode 100644 {path}\n")),
            (Some(_), None) => modes.push_str(&format!(" delete mode 100644 {path}\n")),
            _ => {}
        }
    }
    let root_word = if parent.is_none() {
        " (root-commit)"
    } else {
        ""
    };
    let mut summary = format!(
        " {changed} file{} changed",
        if changed == 1 { "" } else { "s" }
    );
    if ins > 0 || del == 0 {
        summary.push_str(&format!(
            ", {ins} insertion{}(+)",
            if ins == 1 { "" } else { "s" }
        ));
    }
    if del > 0 {
        summary.push_str(&format!(
            ", {del} deletion{}(-)",
            if del == 1 { "" } else { "s" }
        ));
    }
    c.commits.push(Commit {
        id: id.clone(),
        parent,
        message: message.clone(),
        files,
        at: ctx.now,
    });
    Output::ok(format!(
        "[main{root_word} {}] {message}\n{summary}\n{modes}",
        &id[..7]
    ))
}

fn git_status_text(ctx: &Ctx, root: &str, c: &Clone) -> String {
    let tree = worktree(ctx, root);
    let head = head_files(c);
    let mut s = String::from("On branch main\n");
    let ahead = match &c.pushed {
        Some(p) => c.commits.iter().rev().take_while(|x| &x.id != p).count(),
        None => c.commits.len(),
    };
    if c.commits.is_empty() {
        s.push_str("\nNo commits yet\n");
    } else if c.pushed.is_none() {
        s.push_str("Your branch is based on 'origin/main', but the upstream is gone.\n  (use \"git branch --unset-upstream\" to fixup)\n");
    } else if ahead > 0 {
        s.push_str(&format!(
            "Your branch is ahead of 'origin/main' by {ahead} commit{}.\n  (use \"git push\" to publish your local commits)\n",
            if ahead == 1 { "" } else { "s" }
        ));
    } else {
        s.push_str("Your branch is up to date with 'origin/main'.\n");
    }
    let staged: Vec<String> = c
        .staged
        .iter()
        .filter(|p| tree.get(*p) != head.get(*p))
        .map(|p| {
            let kind = match (head.contains_key(p), tree.contains_key(p)) {
                (false, _) => "new file",
                (true, false) => "deleted",
                _ => "modified",
            };
            format!("\t{kind}:   {p}\n")
        })
        .collect();
    let modified: Vec<String> = head
        .keys()
        .filter(|p| !c.staged.contains(*p) && tree.get(*p) != head.get(*p))
        .map(|p| {
            let kind = if tree.contains_key(p) {
                "modified"
            } else {
                "deleted"
            };
            format!("\t{kind}:   {p}\n")
        })
        .collect();
    let untracked: Vec<String> = tree
        .keys()
        .filter(|p| !head.contains_key(*p) && !c.staged.contains(*p))
        .map(|p| format!("\t{p}\n"))
        .collect();
    if !staged.is_empty() {
        s.push_str(
            "\nChanges to be committed:\n  (use \"git restore --staged <file>...\" to unstage)\n",
        );
        s.push_str(&staged.concat());
    }
    if !modified.is_empty() {
        s.push_str("\nChanges not staged for commit:\n  (use \"git add <file>...\" to update what will be committed)\n  (use \"git restore <file>...\" to discard changes in working directory)\n");
        s.push_str(&modified.concat());
    }
    if !untracked.is_empty() {
        s.push_str("\nUntracked files:\n  (use \"git add <file>...\" to include in what will be committed)\n");
        s.push_str(&untracked.concat());
    }
    if staged.is_empty() && modified.is_empty() {
        if !untracked.is_empty() {
            s.push_str("\nnothing added to commit but untracked files present (use \"git add\" to track)\n");
        } else if c.commits.is_empty() {
            s.push_str("\nnothing to commit (create/copy files and use \"git add\" to track)\n");
        } else {
            s.push_str("\nnothing to commit, working tree clean\n");
        }
    } else if staged.is_empty() {
        s.push_str("\nno changes added to commit (use \"git add\" and/or \"git commit -a\")\n");
    }
    s
}

fn git_status(ctx: &Ctx, root: &str, c: &Clone) -> Output {
    Output::ok(git_status_text(ctx, root, c))
}

fn git_log(args: &[&str], c: &Clone) -> Output {
    if c.commits.is_empty() {
        return fatal("your current branch 'main' does not have any commits yet");
    }
    let oneline = args.contains(&"--oneline");
    let mut out = String::new();
    let last = c.commits.len() - 1;
    for (i, x) in c.commits.iter().enumerate().rev() {
        let mut refs = vec![];
        if i == last {
            refs.push("HEAD -> main".to_owned());
        }
        if c.pushed.as_deref() == Some(x.id.as_str()) {
            refs.push("origin/main".to_owned());
        }
        let deco = if refs.is_empty() {
            String::new()
        } else {
            format!(" ({})", refs.join(", "))
        };
        if oneline {
            out.push_str(&format!("{}{deco} {}\n", &x.id[..7], x.message));
        } else {
            out.push_str(&format!(
                "commit {}{deco}\nAuthor: student <student@example.com>\nDate:   {}\n\n    {}\n\n",
                x.id,
                super::render::timestamp(x.at),
                x.message
            ));
        }
    }
    Output::ok(out)
}
