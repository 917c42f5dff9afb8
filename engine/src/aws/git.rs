//! A small `git` over the virtual filesystem against the account's CodeCommit repositories: `clone`, `add`,
//! `commit [-a] -m`, `status`, `log [--oneline] [BRANCH]`, branches (`branch [-a|-r|-d|-D] [NAME]`,
//! `checkout [-b] NAME`, `switch [-c] NAME`), `merge` (fast-forward), `fetch`, `pull` and
//! `push [-u] [origin BRANCH]` (or `--delete BRANCH`), with git's own output lines and errors. A clone keeps its
//! state as JSON in `.git/bastion.json`; pulls and pushes are authorised as `codecommit:GitPull` /
//! `codecommit:GitPush`.

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
    /// The branch checked out.
    pub head: String,
    /// Each local branch's commits, oldest first (the branch checked out is absent until its first commit).
    pub branches: BTreeMap<String, Vec<Commit>>,
    /// The remote's branches as last seen (`origin/NAME`), each with its commits, oldest first.
    pub origin: BTreeMap<String, Vec<Commit>>,
    /// The local branches whose upstream is the remote's branch of the same name.
    pub upstream: BTreeSet<String>,
    /// Paths staged for the next commit.
    pub staged: BTreeSet<String>,
}

impl Clone {
    /// The commits of the branch checked out, oldest first.
    fn history(&self) -> &[Commit] {
        self.branches
            .get(&self.head)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The tree of a branch's head commit.
    fn tree_of(history: &[Commit]) -> BTreeMap<String, String> {
        history.last().map(|c| c.files.clone()).unwrap_or_default()
    }
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
    Clone::tree_of(c.history())
}

/// git's answer when CodeCommit refuses the credentials' identity (IAM denies the pull or push).
fn forbidden(remote: &str) -> Output {
    fatal(&format!(
        "unable to access '{remote}/': The requested URL returned error: 403"
    ))
}

/// git's advice when `git push` has no branch to push to.
fn no_upstream(branch: &str) -> Output {
    fatal(&format!(
        "The current branch {branch} has no upstream branch.\nTo push the current branch and set the remote as upstream, use\n\n    git push --set-upstream origin {branch}\n\nTo have this happen automatically for branches without a tracking\nupstream, see 'push.autoSetupRemote' in 'git help config'.\n"
    ))
}

/// Whether git accepts `name` as a branch name (`git check-ref-format --branch`).
fn valid_branch_name(name: &str) -> bool {
    !name.is_empty()
        && name != "@"
        && name != "HEAD"
        && !name.starts_with(['-', '/', '.'])
        && !name.ends_with(['/', '.'])
        && !name.ends_with(".lock")
        && !name.contains("..")
        && !name.contains("//")
        && !name.contains("@{")
        && !name.contains("/.")
        && !name
            .chars()
            .any(|c| c.is_ascii_control() || " ~^:?*[\\\x7f".contains(c))
}

impl AwsAccount {
    /// The identity behind the credentials git uses (the AWS CLI's credential helper reads the same ones).
    fn git_caller(&self, ctx: &Ctx) -> Option<super::iam::Caller> {
        let profile = ctx
            .env
            .get("AWS_PROFILE")
            .cloned()
            .unwrap_or_else(|| "default".into());
        self.caller(ctx, &profile).ok()
    }

    fn git_caller_arn(&self, ctx: &Ctx) -> String {
        self.git_caller(ctx)
            .map(|c| self.iam.principal_arn(&c.principal))
            .unwrap_or_default()
    }

    fn git_allowed(&self, ctx: &Ctx, action: &str, repo: &str, region: &str) -> bool {
        let Some(caller) = self.git_caller(ctx) else {
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
            Some(
                cmd @ ("add" | "commit" | "push" | "status" | "log" | "branch" | "checkout"
                | "switch" | "merge" | "fetch" | "pull"),
            ) => {
                let Some((root, mut c)) = find(ctx) else {
                    return fatal("not a git repository (or any of the parent directories): .git");
                };
                let rest = &args[1..];
                let out = match cmd {
                    "add" => git_add(rest, ctx, &root, &mut c),
                    "commit" => git_commit(rest, ctx, &root, &mut c),
                    "push" => self.git_push(rest, ctx, &mut c),
                    "status" => git_status(ctx, &root, &c),
                    "branch" => git_branch(rest, &root, &mut c),
                    "checkout" | "switch" => git_checkout(cmd, rest, ctx, &root, &mut c),
                    "merge" => git_merge(rest, ctx, &root, &mut c),
                    "fetch" => self.git_fetch(ctx, &mut c),
                    "pull" => self.git_pull(ctx, &root, &mut c),
                    _ => git_log(rest, &c),
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
            return forbidden(url);
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
        let origin: BTreeMap<String, Vec<Commit>> = repo
            .branch_names()
            .into_iter()
            .filter_map(|b| Some((b.clone(), repo.branch(&b)?.to_vec())))
            .collect();
        let mut c = Clone {
            remote: url.to_owned(),
            repo: name,
            region: region.to_owned(),
            head: "main".into(),
            branches: BTreeMap::new(),
            upstream: BTreeSet::from(["main".to_owned()]),
            staged: BTreeSet::new(),
            origin,
        };
        if let Some(main) = c.origin.get("main").cloned() {
            c.branches.insert("main".into(), main);
        }
        for (path, body) in head_files(&c) {
            let full = format!("{root}/{path}");
            let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
            let _ = ctx.fs.write(&full, body);
        }
        save(ctx, &root, &c);
        let mut err = format!("Cloning into '{dir}'...\n");
        if c.origin.is_empty() {
            err.push_str("warning: You appear to have cloned an empty repository.\n");
        }
        Output {
            stdout: String::new(),
            stderr: err,
            code: 0,
        }
    }

    /// `git fetch`: brings every branch of the repository into `origin/…`, printing what moved.
    fn git_fetch(&mut self, ctx: &Ctx, c: &mut Clone) -> Output {
        if !self.git_allowed(ctx, "codecommit:GitPull", &c.repo, &c.region.clone()) {
            return forbidden(&c.remote);
        }
        let Some(repo) = self.code.repos.get(&c.repo) else {
            return fatal(&format!("repository '{}/' not found", c.remote));
        };
        let mut moved = vec![];
        for b in repo.branch_names() {
            let history = repo.branch(&b).unwrap_or_default().to_vec();
            let tip = history.last().map(|x| x.id.clone()).unwrap_or_default();
            let known = c
                .origin
                .get(&b)
                .and_then(|h| h.last())
                .map(|x| x.id.clone());
            if known.as_deref() != Some(tip.as_str()) {
                let what = match known {
                    Some(old) => format!("   {}..{}", &old[..7], &tip[..7]),
                    None => " * [new branch]     ".to_owned(),
                };
                moved.push((what, b.clone()));
            }
            c.origin.insert(b, history);
        }
        if moved.is_empty() {
            return Output::ok("");
        }
        let width = moved.iter().map(|m| m.1.len()).max().unwrap_or(0).max(10);
        let mut err = format!("From {}\n", c.remote);
        for (what, b) in moved {
            err.push_str(&format!("{what}  {b:<width$} -> origin/{b}\n"));
        }
        Output::err(err, 0)
    }

    /// `git pull`: a fetch, then a fast-forward of the branch checked out to its upstream.
    fn git_pull(&mut self, ctx: &mut Ctx, root: &str, c: &mut Clone) -> Output {
        let mut out = self.git_fetch(ctx, c);
        if out.code != 0 {
            return out;
        }
        if !c.upstream.contains(&c.head) {
            out.append(Output::err(
                format!(
                    "There is no tracking information for the current branch.\nPlease specify which branch you want to merge with.\nSee git-pull(1) for details.\n\n    git pull <remote> <branch>\n\nIf you wish to set tracking information for this branch you can do so with:\n\n    git branch --set-upstream-to=origin/<branch> {}\n\n",
                    c.head
                ),
                1,
            ));
            return out;
        }
        let merged = git_merge(&[&format!("origin/{}", c.head)], ctx, root, c);
        if merged.code == 128 {
            out.append(Output::err(
                "hint: You have divergent branches and need to specify how to reconcile them.\nhint: You can do so by running one of the following commands sometime before\nhint: your next pull:\nhint: \nhint:   git config pull.rebase false  # merge\nhint:   git config pull.rebase true   # rebase\nhint:   git config pull.ff only       # fast-forward only\nhint: \nhint: You can replace \"git config\" with \"git config --global\" to set a default\nhint: preference for all repositories. You can also pass --rebase, --no-rebase,\nhint: or --ff-only on the command line to override the configured default per\nhint: invocation.\nfatal: Need to specify how to reconcile divergent branches.\n",
                128,
            ));
            return out;
        }
        out.append(merged);
        out
    }

    /// `git push origin --delete BRANCH…`: removes branches from the repository (never its default branch).
    fn git_push_delete(&mut self, branches: &[&str], c: &mut Clone) -> Output {
        let mut lines = String::new();
        let mut errors = String::new();
        let mut failed = false;
        for b in branches {
            let exists = self
                .code
                .repos
                .get(&c.repo)
                .is_some_and(|r| r.branch(b).is_some());
            if !exists {
                errors.push_str(&format!(
                    "error: unable to delete '{b}': remote ref does not exist\n"
                ));
                failed = true;
            } else if *b == "main" {
                lines.push_str(&format!(
                    " ! [remote rejected] {b} (deletion of the current branch prohibited)\n"
                ));
                failed = true;
            } else {
                if let Some(r) = self.code.repos.get_mut(&c.repo) {
                    r.branches.remove(*b);
                }
                self.code.close_for_deleted(&c.repo, b, self.now);
                c.origin.remove(*b);
                lines.push_str(&format!(" - [deleted]         {b}\n"));
            }
        }
        let mut err = String::new();
        if !lines.is_empty() {
            err.push_str(&format!("To {}\n{lines}", c.remote));
        }
        err.push_str(&errors);
        if !failed {
            return Output::err(err, 0);
        }
        err.push_str(&format!(
            "error: failed to push some refs to '{}'\n",
            c.remote
        ));
        Output::err(err, 1)
    }

    /// `git push [-u|--set-upstream] [origin [BRANCH|HEAD]]`.
    fn git_push(&mut self, args: &[&str], ctx: &Ctx, c: &mut Clone) -> Output {
        let set_upstream = args.iter().any(|a| matches!(*a, "-u" | "--set-upstream"));
        let words: Vec<&str> = args
            .iter()
            .filter(|a| !a.starts_with('-'))
            .copied()
            .collect();
        if let Some(remote) = words.first()
            && *remote != "origin"
        {
            return fatal(&format!(
                "'{remote}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists."
            ));
        }
        if args.iter().any(|a| matches!(*a, "-d" | "--delete")) {
            if words.len() < 2 {
                return fatal("--delete doesn't make sense without any refs");
            }
            if !self.git_allowed(ctx, "codecommit:GitPush", &c.repo, &c.region.clone()) {
                return forbidden(&c.remote);
            }
            return self.git_push_delete(&words[1..], c);
        }
        let branch = match words.get(1).copied() {
            Some("HEAD") => c.head.clone(),
            Some(b) => b.to_owned(),
            None if c.upstream.contains(&c.head) || set_upstream => c.head.clone(),
            None => return no_upstream(&c.head),
        };
        if !self.git_allowed(ctx, "codecommit:GitPush", &c.repo, &c.region.clone()) {
            return forbidden(&c.remote);
        }
        let local = c.branches.get(&branch).cloned().unwrap_or_default();
        let remote_tip = self
            .code
            .repos
            .get(&c.repo)
            .and_then(|r| r.tip(&branch))
            .map(|h| h.id.clone());
        let Some(last) = local.last().map(|x| x.id.clone()) else {
            if words.len() < 2 && branch == c.head {
                return Output::err("Everything up-to-date\n", 0);
            }
            return Output::err(
                format!(
                    "error: src refspec {branch} does not match any\nerror: failed to push some refs to '{}'\n",
                    c.remote
                ),
                1,
            );
        };
        let tracking = if set_upstream {
            c.upstream.insert(branch.clone());
            format!("branch '{branch}' set up to track 'origin/{branch}'.\n")
        } else {
            String::new()
        };
        if remote_tip.as_deref() == Some(last.as_str()) {
            c.origin.insert(branch.clone(), local);
            return Output {
                stdout: tracking,
                stderr: "Everything up-to-date\n".into(),
                code: 0,
            };
        }
        if let Some(tip) = &remote_tip
            && !local.iter().any(|x| &x.id == tip)
        {
            return Output::err(
                format!(
                    "To {}\n ! [rejected]        {branch} -> {branch} (fetch first)\nerror: failed to push some refs to '{}'\n",
                    c.remote, c.remote
                ),
                1,
            );
        }
        let now = self.now;
        if let Err(e) = self.code.set_branch(&c.repo, &branch, local.clone(), now) {
            return fatal(&e.message);
        }
        let pusher = self.git_caller_arn(ctx);
        self.code.close_merged(&c.repo, &branch, &pusher, now);
        let line = match &remote_tip {
            Some(p) => format!("   {}..{}  {branch} -> {branch}", &p[..7], &last[..7]),
            None => format!(" * [new branch]      {branch} -> {branch}"),
        };
        c.origin.insert(branch, local);
        Output {
            stdout: tracking,
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

/// What changed between two trees: per path (in order) its inserted and deleted lines, and the create/delete
/// mode lines git prints after a commit or a merge.
struct Diff {
    files: Vec<(String, usize, usize)>,
    modes: String,
}

impl Diff {
    fn new(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Self {
        let mut files = vec![];
        let mut modes = String::new();
        for path in new.keys().chain(old.keys()).collect::<BTreeSet<_>>() {
            let (o, n) = (old.get(path), new.get(path));
            if o == n {
                continue;
            }
            let ol: Vec<&str> = o.map(|s| s.lines().collect()).unwrap_or_default();
            let nl: Vec<&str> = n.map(|s| s.lines().collect()).unwrap_or_default();
            let ins = nl.iter().filter(|l| !ol.contains(l)).count();
            let del = ol.iter().filter(|l| !nl.contains(l)).count();
            files.push((path.clone(), ins, del));
            match (o, n) {
                (None, Some(_)) => modes.push_str(&format!(" create mode 100644 {path}\n")),
                (Some(_), None) => modes.push_str(&format!(" delete mode 100644 {path}\n")),
                _ => {}
            }
        }
        Self { files, modes }
    }

    /// ` 2 files changed, 3 insertions(+), 1 deletion(-)`.
    fn summary(&self) -> String {
        let changed = self.files.len();
        let ins: usize = self.files.iter().map(|f| f.1).sum();
        let del: usize = self.files.iter().map(|f| f.2).sum();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut s = format!(" {changed} file{} changed", plural(changed));
        if ins > 0 || del == 0 {
            s.push_str(&format!(", {ins} insertion{}(+)", plural(ins)));
        }
        if del > 0 {
            s.push_str(&format!(", {del} deletion{}(-)", plural(del)));
        }
        s
    }

    /// The per-file diffstat lines (` README.md | 2 +-`).
    fn stat(&self) -> String {
        let width = self.files.iter().map(|f| f.0.len()).max().unwrap_or(0);
        let digits = self
            .files
            .iter()
            .map(|f| (f.1 + f.2).to_string().len())
            .max()
            .unwrap_or(1);
        self.files
            .iter()
            .map(|(path, ins, del)| {
                format!(
                    " {path:<width$} | {:>digits$} {}{}\n",
                    ins + del,
                    "+".repeat(*ins),
                    "-".repeat(*del)
                )
            })
            .collect()
    }
}

fn git_commit(args: &[&str], ctx: &Ctx, root: &str, c: &mut Clone) -> Output {
    let message = args
        .iter()
        .position(|a| matches!(*a, "-m" | "-am"))
        .and_then(|i| args.get(i + 1))
        .map(|s| s.to_string());
    let Some(message) = message else {
        return Output::err("Aborting commit due to empty commit message.\n", 1);
    };
    let tree = worktree(ctx, root);
    let head = head_files(c);
    // `-a` stages every tracked file that changed.
    if args.iter().any(|a| matches!(*a, "-a" | "--all" | "-am")) {
        c.staged.extend(
            head.keys()
                .filter(|p| tree.get(*p) != head.get(*p))
                .cloned(),
        );
    }
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
    let parent = c.history().last().map(|x| x.id.clone());
    let id = commit_id(parent.as_deref(), &message, &files, ctx.now);
    let diff = Diff::new(&head, &files);
    let root_word = if parent.is_none() {
        " (root-commit)"
    } else {
        ""
    };
    c.branches.entry(c.head.clone()).or_default().push(Commit {
        id: id.clone(),
        parent,
        message: message.clone(),
        files,
        at: ctx.now,
    });
    Output::ok(format!(
        "[{}{root_word} {}] {message}\n{}\n{}",
        c.head,
        &id[..7],
        diff.summary(),
        diff.modes
    ))
}

/// The lines about the branch's upstream that `git status` and `git checkout` print, if it has one.
fn tracking_text(c: &Clone) -> Option<String> {
    let b = &c.head;
    if !c.upstream.contains(b) || c.history().is_empty() {
        return None;
    }
    let Some(remote) = c.origin.get(b).filter(|h| !h.is_empty()) else {
        return Some(format!(
            "Your branch is based on 'origin/{b}', but the upstream is gone.\n  (use \"git branch --unset-upstream\" to fixup)\n"
        ));
    };
    let local = c.history();
    let after_base = |h: &[Commit], other: &[Commit]| {
        h.iter()
            .rev()
            .take_while(|x| !other.iter().any(|y| y.id == x.id))
            .count()
    };
    let (ahead, behind) = (after_base(local, remote), after_base(remote, local));
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    Some(match (ahead, behind) {
        (0, 0) => format!("Your branch is up to date with 'origin/{b}'.\n"),
        (a, 0) => format!(
            "Your branch is ahead of 'origin/{b}' by {a} commit{}.\n  (use \"git push\" to publish your local commits)\n",
            plural(a)
        ),
        (0, n) => format!(
            "Your branch is behind 'origin/{b}' by {n} commit{}, and can be fast-forwarded.\n  (use \"git pull\" to update your local branch)\n",
            plural(n)
        ),
        (a, n) => format!(
            "Your branch and 'origin/{b}' have diverged,\nand have {a} and {n} different commits each, respectively.\n  (use \"git pull\" to merge the remote branch into yours)\n"
        ),
    })
}

fn git_status_text(ctx: &Ctx, root: &str, c: &Clone) -> String {
    let tree = worktree(ctx, root);
    let head = head_files(c);
    let mut s = format!("On branch {}\n", c.head);
    if let Some(t) = tracking_text(c) {
        s.push_str(&t);
        s.push('\n');
    }
    if c.history().is_empty() {
        s.push_str("\nNo commits yet\n\n");
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
            "Changes to be committed:\n  (use \"git restore --staged <file>...\" to unstage)\n",
        );
        s.push_str(&staged.concat());
        s.push('\n');
    }
    if !modified.is_empty() {
        s.push_str("Changes not staged for commit:\n  (use \"git add <file>...\" to update what will be committed)\n  (use \"git restore <file>...\" to discard changes in working directory)\n");
        s.push_str(&modified.concat());
        s.push('\n');
    }
    if !untracked.is_empty() {
        s.push_str(
            "Untracked files:\n  (use \"git add <file>...\" to include in what will be committed)\n",
        );
        s.push_str(&untracked.concat());
        s.push('\n');
    }
    if staged.is_empty() && modified.is_empty() {
        if !untracked.is_empty() {
            s.push_str(
                "nothing added to commit but untracked files present (use \"git add\" to track)\n",
            );
        } else if c.history().is_empty() {
            s.push_str("nothing to commit (create/copy files and use \"git add\" to track)\n");
        } else {
            s.push_str("nothing to commit, working tree clean\n");
        }
    } else if staged.is_empty() {
        s.push_str("no changes added to commit (use \"git add\" and/or \"git commit -a\")\n");
    }
    s
}

fn git_status(ctx: &Ctx, root: &str, c: &Clone) -> Output {
    Output::ok(git_status_text(ctx, root, c))
}

/// The refs pointing at `id`, as `git log --decorate` lists them.
fn decorations(c: &Clone, id: &str) -> String {
    let mut refs: Vec<String> = c
        .branches
        .iter()
        .filter(|(_, h)| h.last().is_some_and(|x| x.id == id))
        .map(|(b, _)| b.clone())
        .chain(
            c.origin
                .iter()
                .filter(|(_, h)| h.last().is_some_and(|x| x.id == id))
                .map(|(b, _)| format!("origin/{b}")),
        )
        .collect();
    refs.reverse();
    if let Some(i) = refs.iter().position(|r| *r == c.head) {
        refs.remove(i);
        refs.insert(0, format!("HEAD -> {}", c.head));
    }
    if refs.is_empty() {
        String::new()
    } else {
        format!(" ({})", refs.join(", "))
    }
}

/// A revision's commits, oldest first: a local branch or `origin/BRANCH`.
fn resolve<'a>(c: &'a Clone, rev: &str) -> Option<&'a [Commit]> {
    match rev.strip_prefix("origin/") {
        Some(b) => c.origin.get(b).map(Vec::as_slice),
        None if rev == "HEAD" => Some(c.history()).filter(|h| !h.is_empty()),
        None => c.branches.get(rev).map(Vec::as_slice),
    }
}

fn git_log(args: &[&str], c: &Clone) -> Output {
    let oneline = args.contains(&"--oneline");
    let history = match args.iter().find(|a| !a.starts_with('-')) {
        Some(rev) => match resolve(c, rev) {
            Some(h) => h,
            None => {
                return fatal(&format!(
                    "ambiguous argument '{rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'"
                ));
            }
        },
        None if c.history().is_empty() => {
            return fatal(&format!(
                "your current branch '{}' does not have any commits yet",
                c.head
            ));
        }
        None => c.history(),
    };
    let mut out = String::new();
    for x in history.iter().rev() {
        let deco = decorations(c, &x.id);
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

/// `git branch [-a|-r]`, `git branch NAME [START]` and `git branch -d|-D NAME...`.
fn git_branch(args: &[&str], root: &str, c: &mut Clone) -> Output {
    let flags: Vec<&str> = args
        .iter()
        .filter(|a| a.starts_with('-'))
        .copied()
        .collect();
    let names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .copied()
        .collect();
    let delete = flags.iter().any(|f| matches!(*f, "-d" | "-D" | "--delete"));
    if delete {
        let force = flags.contains(&"-D") || flags.contains(&"--force");
        return delete_branches(&names, force, root, c);
    }
    if let Some(name) = names.first() {
        return create_branch(name, names.get(1).copied(), c);
    }
    let (local, remote) = match () {
        _ if flags.iter().any(|f| matches!(*f, "-a" | "--all")) => (true, "remotes/origin/"),
        _ if flags.iter().any(|f| matches!(*f, "-r" | "--remotes")) => (false, "origin/"),
        _ => (true, ""),
    };
    let mut out = String::new();
    if local {
        for b in c.branches.keys() {
            let mark = if *b == c.head { '*' } else { ' ' };
            out.push_str(&format!("{mark} {b}\n"));
        }
    }
    if !remote.is_empty() {
        for b in c.origin.keys() {
            out.push_str(&format!("  {remote}{b}\n"));
        }
    }
    Output::ok(out)
}

/// Makes branch `name` at `start` (the branch checked out by default); a start on the remote sets the upstream.
fn create_branch(name: &str, start: Option<&str>, c: &mut Clone) -> Output {
    if !valid_branch_name(name) {
        return fatal(&format!("'{name}' is not a valid branch name"));
    }
    if c.branches.contains_key(name) {
        return fatal(&format!("a branch named '{name}' already exists"));
    }
    let start_name = start.unwrap_or(&c.head).to_owned();
    let Some(history) = resolve(c, &start_name).filter(|h| !h.is_empty()) else {
        return fatal(&format!("Not a valid object name: '{start_name}'."));
    };
    c.branches.insert(name.to_owned(), history.to_vec());
    match start_name.strip_prefix("origin/") {
        Some(up) if up == name => {
            c.upstream.insert(name.to_owned());
            Output::ok(format!("branch '{name}' set up to track '{start_name}'.\n"))
        }
        _ => Output::ok(""),
    }
}

fn delete_branches(names: &[&str], force: bool, root: &str, c: &mut Clone) -> Output {
    if names.is_empty() {
        return fatal("branch name required");
    }
    let mut out = Output::ok("");
    for name in names {
        let Some(history) = c.branches.get(*name) else {
            out.stderr
                .push_str(&format!("error: branch '{name}' not found.\n"));
            out.code = 1;
            continue;
        };
        if *name == c.head {
            out.stderr.push_str(&format!(
                "error: Cannot delete branch '{name}' checked out at '{root}'\n"
            ));
            out.code = 1;
            continue;
        }
        let tip = history.last().map(|x| x.id.clone()).unwrap_or_default();
        let in_head = c.history().iter().any(|x| x.id == tip);
        let upstream = c
            .upstream
            .contains(*name)
            .then(|| c.origin.get(*name))
            .flatten()
            .filter(|h| h.iter().any(|x| x.id == tip));
        if !force && !in_head {
            if upstream.is_none() {
                out.stderr.push_str(&format!(
                    "error: The branch '{name}' is not fully merged.\nIf you are sure you want to delete it, run 'git branch -D {name}'.\n"
                ));
                out.code = 1;
                continue;
            }
            out.stderr.push_str(&format!(
                "warning: deleting branch '{name}' that has been merged to\n         'refs/remotes/origin/{name}', but not yet merged to HEAD\n"
            ));
        }
        out.stdout
            .push_str(&format!("Deleted branch {name} (was {}).\n", &tip[..7]));
        c.branches.remove(*name);
        c.upstream.remove(*name);
    }
    out
}

/// Moves the working tree from the tree of `from` to the tree of `to`, refusing (with the paths) when that would
/// overwrite local changes.
fn move_tree(
    ctx: &mut Ctx,
    root: &str,
    from: &BTreeMap<String, String>,
    to: &BTreeMap<String, String>,
) -> Result<(), Vec<String>> {
    let tree = worktree(ctx, root);
    let changed: Vec<&String> = from
        .keys()
        .chain(to.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|p| from.get(*p) != to.get(*p))
        .collect();
    let blocked: Vec<String> = changed
        .iter()
        .filter(|p| tree.get(**p) != from.get(**p) && tree.get(**p) != to.get(**p))
        .map(|p| (*p).clone())
        .collect();
    if !blocked.is_empty() {
        return Err(blocked);
    }
    for p in changed {
        let full = format!("{root}/{p}");
        match to.get(p) {
            Some(body) => {
                let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
                let _ = ctx.fs.write(&full, body.clone());
            }
            None => {
                let _ = ctx.fs.remove(&full, false);
            }
        }
    }
    Ok(())
}

/// The `M`/`D` lines `git checkout` prints for the local changes it carries to another branch.
fn carried_changes(ctx: &Ctx, root: &str, c: &Clone) -> String {
    let tree = worktree(ctx, root);
    head_files(c)
        .iter()
        .filter_map(|(p, body)| match tree.get(p) {
            None => Some(format!("D\t{p}\n")),
            Some(b) if b != body => Some(format!("M\t{p}\n")),
            _ => None,
        })
        .collect()
}

/// `git checkout [-b] NAME [START]` and `git switch [-c] NAME [START]`.
fn git_checkout(cmd: &str, args: &[&str], ctx: &mut Ctx, root: &str, c: &mut Clone) -> Output {
    let create_flag = if cmd == "switch" { "-c" } else { "-b" };
    let create = args.contains(&create_flag) || (cmd == "switch" && args.contains(&"--create"));
    let names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .copied()
        .collect();
    let Some(name) = names.first().copied() else {
        if create {
            return Output::err(
                format!("error: switch `{}' requires a value\n", &create_flag[1..]),
                129,
            );
        }
        if cmd == "switch" {
            return fatal("missing branch or commit argument");
        }
        return Output::ok(tracking_text(c).unwrap_or_default());
    };
    let from = head_files(c);
    let mut stdout = String::new();
    if create {
        if c.history().is_empty() && names.len() == 1 {
            if !valid_branch_name(name) {
                return fatal(&format!("'{name}' is not a valid branch name"));
            }
            c.head = name.to_owned();
            return Output::err(format!("Switched to a new branch '{name}'\n"), 0);
        }
        let made = create_branch(name, names.get(1).copied(), c);
        if made.code != 0 {
            return made;
        }
        stdout.push_str(&made.stdout);
    } else if name == c.head && c.branches.contains_key(name) {
        return Output {
            stdout: tracking_text(c).unwrap_or_default(),
            stderr: format!("Already on '{name}'\n"),
            code: 0,
        };
    } else if !c.branches.contains_key(name) {
        if !c.origin.contains_key(name) {
            return if cmd == "switch" {
                fatal(&format!("invalid reference: {name}"))
            } else {
                Output::err(
                    format!("error: pathspec '{name}' did not match any file(s) known to git\n"),
                    1,
                )
            };
        }
        let made = create_branch(name, Some(&format!("origin/{name}")), c);
        stdout.push_str(&made.stdout);
    }
    let to = Clone::tree_of(c.branches.get(name).map(Vec::as_slice).unwrap_or_default());
    if let Err(paths) = move_tree(ctx, root, &from, &to) {
        if create {
            c.branches.remove(name);
            c.upstream.remove(name);
        }
        return Output::err(
            format!(
                "error: Your local changes to the following files would be overwritten by checkout:\n{}Please commit your changes or stash them before you switch branches.\nAborting\n",
                paths.iter().map(|p| format!("\t{p}\n")).collect::<String>()
            ),
            1,
        );
    }
    let fresh = create || !stdout.is_empty();
    c.head = name.to_owned();
    stdout.push_str(&carried_changes(ctx, root, c));
    if !fresh {
        stdout.push_str(&tracking_text(c).unwrap_or_default());
    }
    let verb = if fresh {
        "Switched to a new branch"
    } else {
        "Switched to branch"
    };
    Output {
        stdout,
        stderr: format!("{verb} '{name}'\n"),
        code: 0,
    }
}

/// `git merge BRANCH`: fast-forwards only, as `--ff-only` does.
fn git_merge(args: &[&str], ctx: &mut Ctx, root: &str, c: &mut Clone) -> Output {
    let Some(rev) = args.iter().find(|a| !a.starts_with('-')).copied() else {
        return fatal("No remote for the current branch.");
    };
    let Some(theirs) = resolve(c, rev)
        .filter(|h| !h.is_empty())
        .map(<[Commit]>::to_vec)
    else {
        return Output::err(format!("merge: {rev} - not something we can merge\n"), 1);
    };
    let ours = c.history().to_vec();
    let their_tip = theirs.last().map(|x| x.id.clone()).unwrap_or_default();
    if ours.iter().any(|x| x.id == their_tip) {
        return Output::ok("Already up to date.\n");
    }
    if let Some(tip) = ours.last()
        && !theirs.iter().any(|x| x.id == tip.id)
    {
        return fatal("Not possible to fast-forward, aborting.");
    }
    let from = head_files(c);
    let to = Clone::tree_of(&theirs);
    if let Err(paths) = move_tree(ctx, root, &from, &to) {
        return Output::err(
            format!(
                "error: Your local changes to the following files would be overwritten by merge:\n{}Please commit your changes or stash them before you merge.\nAborting\n",
                paths.iter().map(|p| format!("\t{p}\n")).collect::<String>()
            ),
            1,
        );
    }
    let diff = Diff::new(&from, &to);
    let start = ours
        .last()
        .map(|x| x.id[..7].to_owned())
        .unwrap_or_default();
    c.branches.insert(c.head.clone(), theirs);
    Output::ok(format!(
        "Updating {start}..{}\nFast-forward\n{}{}\n{}",
        &their_tip[..7],
        diff.stat(),
        diff.summary(),
        diff.modes
    ))
}
