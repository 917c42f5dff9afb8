//! CodeCommit repositories (a minimal git model: branches of commits of whole file trees; their branch and pull
//! request operations are in `pulls.rs`) and CodePipeline pipelines whose executions advance through Source → Build →
//! Test → Approval → Deploy in virtual time, with the deploy stage handing rollouts to the Kubernetes side as
//! [`DeployRequest`]s.

use crate::sort::SortShared;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::iam::Iam;
use super::model::{ACCOUNT_ID, AwsError};
use super::render::timestamp;

/// One commit: a full snapshot of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commit {
    /// 40 hex digits.
    pub id: String,
    /// The parent commit.
    pub parent: Option<String>,
    /// The message.
    pub message: String,
    /// Path → contents.
    pub files: BTreeMap<String, String>,
    /// When (virtual ms).
    pub at: i64,
}

/// A CodeCommit repository: its default branch `main` and any other branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repo {
    /// Its name.
    pub name: String,
    /// A UUID.
    pub id: String,
    /// Its description.
    pub description: Option<String>,
    /// Its region.
    pub region: String,
    /// Creation time.
    pub created: i64,
    /// Commits, oldest first; the last is the head of `main`.
    pub commits: Vec<Commit>,
    /// The other branches: name → commits, oldest first.
    #[serde(default)]
    pub branches: BTreeMap<String, Vec<Commit>>,
}

impl Repo {
    /// `https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME`.
    pub fn clone_url_http(&self) -> String {
        format!(
            "https://git-codecommit.{}.amazonaws.com/v1/repos/{}",
            self.region, self.name
        )
    }

    /// The head commit of `main`.
    pub fn head(&self) -> Option<&Commit> {
        self.commits.last()
    }

    /// A branch's commits, oldest first (None for a branch that does not exist; `main` exists once it has a commit).
    pub fn branch(&self, name: &str) -> Option<&[Commit]> {
        match name {
            "main" if !self.commits.is_empty() => Some(&self.commits),
            "main" => None,
            _ => self.branches.get(name).map(Vec::as_slice),
        }
    }

    /// A branch's head commit.
    pub fn tip(&self, name: &str) -> Option<&Commit> {
        self.branch(name).and_then(<[Commit]>::last)
    }

    /// Every branch's name, in byte order.
    pub fn branch_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.branches.keys().cloned().collect();
        if !self.commits.is_empty() {
            names.push("main".into());
        }
        names.sort_shared();
        names
    }

    /// The history ending at commit `id` (oldest first), from whichever branch holds it.
    pub fn history_to(&self, id: &str) -> Option<Vec<Commit>> {
        std::iter::once(&self.commits)
            .chain(self.branches.values())
            .find_map(|b| {
                let i = b.iter().position(|c| c.id == id)?;
                Some(b[..=i].to_vec())
            })
    }
}

/// A rollout the Deploy stage asks the Kubernetes side to perform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployRequest {
    /// The namespace.
    pub namespace: String,
    /// The Deployment's name.
    pub deployment: String,
    /// The image to set.
    pub image: String,
}

/// One action's run within an execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRun {
    /// Its stage.
    pub stage: String,
    /// Its name.
    pub action: String,
    /// Source, Build, Test, Approval, Deploy or Invoke.
    pub category: String,
    /// Its provider (CodeCommit, CodeBuild, Manual, EKS, …).
    pub provider: String,
    /// Its configuration.
    pub configuration: BTreeMap<String, String>,
    /// None (not started), InProgress, Succeeded, Failed, Abandoned.
    pub status: Option<String>,
    /// When it started.
    pub started: i64,
    /// When it last changed.
    pub changed: i64,
    /// Why (failure or approval summary).
    pub summary: Option<String>,
    /// An action execution id.
    pub id: String,
    /// The approval token while waiting.
    pub token: Option<String>,
}

/// One pipeline execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Execution {
    /// A UUID.
    pub id: String,
    /// InProgress, Succeeded, Failed, Superseded, Stopped.
    pub status: String,
    /// When it started.
    pub started: i64,
    /// Last update.
    pub updated: i64,
    /// `CreatePipeline`, `StartPipelineExecution` or `CloudWatchEvent`.
    pub trigger: String,
    /// The source commit, once the source action ran.
    pub revision: Option<String>,
    /// Its actions in order.
    pub actions: Vec<ActionRun>,
}

/// A pipeline: its declaration as given, and its executions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Its name.
    pub name: String,
    /// The `pipeline` structure as declared (with `version`).
    pub declaration: Value,
    /// Its region.
    pub region: String,
    /// Creation time.
    pub created: i64,
    /// Last update.
    pub updated: i64,
    /// Executions, oldest first.
    pub executions: Vec<Execution>,
}

/// CodeCommit and CodePipeline state of an account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Code {
    /// Repositories by name.
    pub repos: BTreeMap<String, Repo>,
    /// Pipelines by name.
    pub pipelines: BTreeMap<String, Pipeline>,
    /// Rollouts waiting for the Kubernetes side.
    pub deploy_requests: Vec<DeployRequest>,
    /// Outcomes forced by lessons: (pipeline, action) → succeed.
    pub forced: BTreeMap<String, bool>,
    /// Pull requests, in the order they were created (the first has ID 1).
    #[serde(default)]
    pub pull_requests: Vec<super::pulls::PullRequest>,
    seq: u64,
}

/// CodeCommit's answer about a repository that does not exist.
pub(super) fn no_repo(name: &str) -> AwsError {
    AwsError::new(
        "RepositoryDoesNotExistException",
        format!("{name} does not exist"),
    )
}

/// How long each kind of action runs, in virtual ms.
pub fn action_duration(category: &str) -> i64 {
    match category {
        "Source" => 5_000,
        "Build" => 90_000,
        "Test" => 60_000,
        "Deploy" => 30_000,
        _ => 10_000,
    }
}

pub(super) fn ts(ms: i64) -> String {
    timestamp(ms).replace("+00:00", ".000000+00:00")
}

impl Code {
    pub(super) fn hex(&mut self, n: usize) -> String {
        self.seq += 1;
        let mut x = self.seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xC0DE;
        let mut s = String::new();
        for _ in 0..n {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push(char::from_digit(((x >> 60) & 15) as u32, 16).unwrap_or('0'));
        }
        s
    }

    pub(super) fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-a{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        )
    }

    /// Commits `files` (the whole tree) to `main` of `repo` and returns the commit id; pipelines whose source is this
    /// repository start an execution, as the EventBridge rule CodePipeline creates does.
    pub fn push(
        &mut self,
        repo: &str,
        files: BTreeMap<String, String>,
        message: &str,
        now: i64,
    ) -> Result<String, AwsError> {
        let id = self.hex(40);
        let parent = self
            .repos
            .get(repo)
            .and_then(|r| r.head())
            .map(|c| c.id.clone());
        self.push_commits(
            repo,
            vec![Commit {
                id: id.clone(),
                parent,
                message: message.to_owned(),
                files,
                at: now,
            }],
            now,
        )?;
        Ok(id)
    }

    /// Appends commits made elsewhere (by `git push`) to `main` and starts the pipelines that watch the repository.
    pub fn push_commits(
        &mut self,
        repo: &str,
        commits: Vec<Commit>,
        now: i64,
    ) -> Result<(), AwsError> {
        let mut history = self
            .repos
            .get(repo)
            .map(|r| r.commits.clone())
            .unwrap_or_default();
        history.extend(commits);
        self.set_branch(repo, "main", history, now)
    }

    /// Points `branch` of `repo` at the end of `history` (creating the branch), keeps the open pull requests from it
    /// current, and starts the pipelines that watch that branch when its head moved.
    pub fn set_branch(
        &mut self,
        repo: &str,
        branch: &str,
        history: Vec<Commit>,
        now: i64,
    ) -> Result<(), AwsError> {
        let r = self.repos.get_mut(repo).ok_or_else(|| no_repo(repo))?;
        let before = r.tip(branch).map(|c| c.id.clone());
        let after = history.last().map(|c| c.id.clone());
        if branch == "main" {
            r.commits = history;
        } else {
            r.branches.insert(branch.to_owned(), history);
        }
        if before == after {
            return Ok(());
        }
        self.follow_source(repo, branch, after.as_deref(), now);
        let triggered: Vec<String> = self
            .pipelines
            .values()
            .filter(|p| {
                p.declaration.to_string().contains("\"CodeCommit\"")
                    && source_repo(&p.declaration).as_deref() == Some(repo)
                    && source_branch(&p.declaration) == branch
            })
            .map(|p| p.name.clone())
            .collect();
        for name in triggered {
            self.start(&name, "CloudWatchEvent", now);
        }
        Ok(())
    }

    fn start(&mut self, name: &str, trigger: &str, now: i64) -> String {
        let id = self.uuid();
        let mut actions = vec![];
        if let Some(p) = self.pipelines.get(name) {
            for stage in p
                .declaration
                .get("stages")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let sname = stage.get("name").and_then(Value::as_str).unwrap_or("");
                let mut acts: Vec<&Value> = stage
                    .get("actions")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default();
                acts.sort_shared_by_key(|a| a.get("runOrder").and_then(Value::as_i64).unwrap_or(1));
                for a in acts {
                    let t = a.get("actionTypeId").cloned().unwrap_or(Value::Null);
                    let configuration = a
                        .get("configuration")
                        .and_then(Value::as_object)
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| {
                                    (
                                        k.clone(),
                                        v.as_str()
                                            .map(str::to_owned)
                                            .unwrap_or_else(|| v.to_string()),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    actions.push(ActionRun {
                        stage: sname.to_owned(),
                        action: a
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        category: t
                            .get("category")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        provider: t
                            .get("provider")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        configuration,
                        status: None,
                        started: 0,
                        changed: 0,
                        summary: None,
                        id: String::new(),
                        token: None,
                    });
                }
            }
        }
        for a in &mut actions {
            a.id = String::new();
        }
        let mut ids: Vec<String> = (0..actions.len()).map(|_| self.uuid()).collect();
        for a in actions.iter_mut().rev() {
            a.id = ids.pop().unwrap_or_default();
        }
        let Some(p) = self.pipelines.get_mut(name) else {
            return id;
        };
        // Superseded mode: a newer execution replaces one still running.
        for e in &mut p.executions {
            if e.status == "InProgress" {
                e.status = "Superseded".into();
                e.updated = now;
            }
        }
        p.executions.push(Execution {
            id: id.clone(),
            status: "InProgress".into(),
            started: now,
            updated: now,
            trigger: trigger.into(),
            revision: None,
            actions,
        });
        self.tick(now);
        id
    }

    /// Moves every running execution along to virtual time `now`.
    pub fn tick(&mut self, now: i64) {
        let repos = self.repos.clone();
        let mut deploys = vec![];
        let mut tokens = vec![];
        for p in self.pipelines.values_mut() {
            for e in p.executions.iter_mut().filter(|e| e.status == "InProgress") {
                let mut t = e.started;
                loop {
                    let Some(i) = e
                        .actions
                        .iter()
                        .position(|a| a.status.as_deref() != Some("Succeeded"))
                    else {
                        e.status = "Succeeded".into();
                        e.updated = t;
                        break;
                    };
                    let a = &mut e.actions[i];
                    match a.status.as_deref() {
                        None => {
                            if i > 0 {
                                t = e.actions[i - 1].changed;
                            }
                            let a = &mut e.actions[i];
                            a.status = Some("InProgress".into());
                            a.started = t;
                            a.changed = t;
                            if a.category == "Approval" {
                                tokens.push((p.name.clone(), e.id.clone(), i));
                            }
                            e.updated = t;
                        }
                        Some("InProgress") if a.category == "Approval" => break,
                        Some("InProgress") => {
                            let done = a.started + action_duration(&a.category);
                            if done > now {
                                break;
                            }
                            let forced = self
                                .forced
                                .get(&format!("{}/{}", p.name, a.action))
                                .copied();
                            let outcome = run_action(a, &repos, &mut e.revision, forced);
                            a.changed = done;
                            e.updated = done;
                            match outcome {
                                Ok(deploy) => {
                                    a.status = Some("Succeeded".into());
                                    if let Some(d) = deploy {
                                        deploys.push(d);
                                    }
                                }
                                Err(msg) => {
                                    a.status = Some("Failed".into());
                                    a.summary = Some(msg);
                                    e.status = "Failed".into();
                                    break;
                                }
                            }
                        }
                        _ => {
                            e.status = "Failed".into();
                            break;
                        }
                    }
                }
            }
        }
        for (p, e, i) in tokens {
            let token = self.uuid();
            if let Some(a) = self
                .pipelines
                .get_mut(&p)
                .and_then(|p| p.executions.iter_mut().find(|x| x.id == e))
                .and_then(|e| e.actions.get_mut(i))
            {
                a.token = Some(token);
            }
        }
        self.deploy_requests.extend(deploys);
    }

    fn pipeline(&self, name: &str) -> Result<&Pipeline, AwsError> {
        self.pipelines.get(name).ok_or_else(|| {
            AwsError::new(
                "PipelineNotFoundException",
                format!("Account '{ACCOUNT_ID}' does not have a pipeline with name '{name}'"),
            )
        })
    }

    fn repo_json(r: &Repo) -> Value {
        let mut v = json!({
            "accountId": ACCOUNT_ID,
            "repositoryId": r.id,
            "repositoryName": r.name,
        });
        if let Some(d) = &r.description {
            v["repositoryDescription"] = json!(d);
        }
        if r.head().is_some() {
            v["defaultBranch"] = json!("main");
        }
        let last = r.head().map(|c| c.at).unwrap_or(r.created);
        v["lastModifiedDate"] = json!(ts(last));
        v["creationDate"] = json!(ts(r.created));
        v["cloneUrlHttp"] = json!(r.clone_url_http());
        v["cloneUrlSsh"] = json!(format!(
            "ssh://git-codecommit.{}.amazonaws.com/v1/repos/{}",
            r.region, r.name
        ));
        v["Arn"] = json!(format!(
            "arn:aws:codecommit:{}:{ACCOUNT_ID}:{}",
            r.region, r.name
        ));
        v
    }

    /// `aws codecommit` and `aws codepipeline` operations, made by the principal `caller` (an ARN).
    #[allow(clippy::too_many_arguments)]
    pub fn call(
        &mut self,
        iam: &Iam,
        service: &str,
        op: &str,
        p: &Params,
        region: &str,
        caller: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        match (service, op) {
            ("codecommit", "create-repository") => {
                let name = p.req("repository-name").to_owned();
                if self.repos.contains_key(&name) {
                    return Err(AwsError::new(
                        "RepositoryNameExistsException",
                        format!("Repository named {name} already exists"),
                    ));
                }
                if name.is_empty()
                    || name.len() > 100
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                {
                    return Err(AwsError::new(
                        "InvalidRepositoryNameException",
                        "The repository name is not valid. Repository names can be any valid combination of letters, numbers, periods, underscores, and dashes between 1 and 100 characters in length. Names are case sensitive. For more information, see Limits in the AWS CodeCommit User Guide.",
                    ));
                }
                let r = Repo {
                    name: name.clone(),
                    id: self.uuid(),
                    description: p.str("repository-description").map(str::to_owned),
                    region: region.to_owned(),
                    created: now,
                    commits: vec![],
                    branches: BTreeMap::new(),
                };
                let v = Self::repo_json(&r);
                self.repos.insert(name, r);
                Ok(Some(json!({ "repositoryMetadata": v })))
            }
            ("codecommit", "get-repository") => {
                let n = p.req("repository-name");
                let r = self.repos.get(n).ok_or_else(|| no_repo(n))?;
                Ok(Some(json!({"repositoryMetadata": Self::repo_json(r)})))
            }
            ("codecommit", "list-repositories") => Ok(Some(json!({
                "repositories": self.repos.values().map(|r| json!({"repositoryName": r.name, "repositoryId": r.id})).collect::<Vec<_>>()
            }))),
            ("codecommit", "delete-repository") => {
                let n = p.req("repository-name");
                Ok(Some(match self.repos.remove(n) {
                    Some(r) => json!({"repositoryId": r.id}),
                    None => json!({}),
                }))
            }
            ("codepipeline", "create-pipeline") => {
                let mut decl = p
                    .json("pipeline")
                    .cloned()
                    .ok_or_else(|| AwsError::new("ValidationException", "pipeline is required"))?;
                let name = decl
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                if self.pipelines.contains_key(&name) {
                    return Err(AwsError::new(
                        "PipelineNameInUseException",
                        format!("A pipeline with name '{name}' already exists"),
                    ));
                }
                let role_arn = decl
                    .get("roleArn")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let role = role_arn
                    .strip_prefix(&format!("arn:aws:iam::{ACCOUNT_ID}:role/"))
                    .map(|r| r.rsplit('/').next().unwrap_or(r))
                    .and_then(|r| iam.roles.get(r));
                if !role.is_some_and(|r| r.trusts("codepipeline.amazonaws.com")) {
                    return Err(AwsError::new(
                        "InvalidStructureException",
                        format!(
                            "CodePipeline is not authorized to perform AssumeRole on role {role_arn}"
                        ),
                    ));
                }
                let stages = decl
                    .get("stages")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                if stages.len() < 2 {
                    return Err(AwsError::new(
                        "InvalidStructureException",
                        format!(
                            "Pipeline has only {} stage(s). There should be a minimum of 2 stages in a pipeline",
                            stages.len()
                        ),
                    ));
                }
                let categories = |s: &Value| -> Vec<String> {
                    s.get("actions")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            a["actionTypeId"]["category"]
                                .as_str()
                                .unwrap_or("")
                                .to_owned()
                        })
                        .collect()
                };
                let first = categories(&stages[0]);
                if first.is_empty() || first.iter().any(|c| c != "Source") {
                    return Err(AwsError::new(
                        "InvalidStructureException",
                        "Pipeline must start with a stage that contains only source actions",
                    ));
                }
                if stages[1..]
                    .iter()
                    .any(|s| categories(s).iter().any(|c| c == "Source"))
                {
                    return Err(AwsError::new(
                        "InvalidStructureException",
                        "Source actions can only be in the first stage of a pipeline",
                    ));
                }
                decl["version"] = json!(1);
                self.pipelines.insert(
                    name.clone(),
                    Pipeline {
                        name: name.clone(),
                        declaration: decl.clone(),
                        region: region.to_owned(),
                        created: now,
                        updated: now,
                        executions: vec![],
                    },
                );
                self.start(&name, "CreatePipeline", now);
                Ok(Some(json!({ "pipeline": decl })))
            }
            ("codepipeline", "get-pipeline") => {
                let pl = self.pipeline(p.req("name"))?;
                Ok(Some(json!({
                    "pipeline": pl.declaration,
                    "metadata": {
                        "pipelineArn": format!("arn:aws:codepipeline:{}:{ACCOUNT_ID}:{}", pl.region, pl.name),
                        "created": ts(pl.created),
                        "updated": ts(pl.updated)
                    }
                })))
            }
            ("codepipeline", "list-pipelines") => Ok(Some(json!({
                "pipelines": self.pipelines.values().map(|pl| json!({
                    "name": pl.name,
                    "version": 1,
                    "pipelineType": "V1",
                    "executionMode": "SUPERSEDED",
                    "created": ts(pl.created),
                    "updated": ts(pl.updated)
                })).collect::<Vec<_>>()
            }))),
            ("codepipeline", "delete-pipeline") => {
                self.pipeline(p.req("name"))?;
                self.pipelines.remove(p.req("name"));
                Ok(None)
            }
            ("codepipeline", "start-pipeline-execution") => {
                self.pipeline(p.req("name"))?;
                let id = self.start(p.req("name"), "StartPipelineExecution", now);
                Ok(Some(json!({ "pipelineExecutionId": id })))
            }
            ("codepipeline", "list-pipeline-executions") => {
                let pl = self.pipeline(p.req("pipeline-name"))?;
                let list: Vec<Value> = pl
                    .executions
                    .iter()
                    .rev()
                    .map(|e| {
                        let mut v = json!({
                            "pipelineExecutionId": e.id,
                            "status": e.status,
                            "startTime": ts(e.started),
                            "lastUpdateTime": ts(e.updated),
                            "sourceRevisions": [],
                            "trigger": {"triggerType": e.trigger},
                            "executionMode": "SUPERSEDED"
                        });
                        if let Some(r) = &e.revision
                            && let Some(src) = e.actions.first()
                        {
                            v["sourceRevisions"] =
                                json!([{"actionName": src.action, "revisionId": r}]);
                        }
                        v
                    })
                    .collect();
                Ok(Some(json!({ "pipelineExecutionSummaries": list })))
            }
            ("codepipeline", "get-pipeline-state") => {
                let pl = self.pipeline(p.req("name"))?;
                let last = pl.executions.last();
                let mut stages = vec![];
                for stage in pl.declaration["stages"].as_array().into_iter().flatten() {
                    let sname = stage["name"].as_str().unwrap_or("");
                    // The latest execution that reached this stage.
                    let exec = pl.executions.iter().rev().find(|e| {
                        e.actions
                            .iter()
                            .any(|a| a.stage == sname && a.status.is_some())
                    });
                    let mut actions = vec![];
                    for a in stage["actions"].as_array().into_iter().flatten() {
                        let aname = a["name"].as_str().unwrap_or("");
                        let mut st = json!({"actionName": aname});
                        if let Some(run) = exec.and_then(|e| {
                            e.actions
                                .iter()
                                .find(|r| r.stage == sname && r.action == aname)
                        }) && let Some(status) = &run.status
                        {
                            let mut le = json!({
                                "actionExecutionId": run.id,
                                "status": status,
                                "lastStatusChange": ts(run.changed)
                            });
                            if let Some(s) = &run.summary {
                                le["summary"] = json!(s);
                            }
                            if let Some(t) = &run.token
                                && status == "InProgress"
                            {
                                le["token"] = json!(t);
                            }
                            st["latestExecution"] = le;
                            if run.category == "Source"
                                && let Some(r) = exec.and_then(|e| e.revision.clone())
                            {
                                st["currentRevision"] = json!({"revisionId": r});
                            }
                        }
                        actions.push(st);
                    }
                    let mut s = json!({
                        "stageName": sname,
                        "inboundTransitionState": {"enabled": true},
                        "actionStates": actions
                    });
                    if let Some(e) = exec {
                        let runs: Vec<&ActionRun> =
                            e.actions.iter().filter(|a| a.stage == sname).collect();
                        let status = if runs.iter().any(|a| a.status.as_deref() == Some("Failed")) {
                            "Failed"
                        } else if runs
                            .iter()
                            .all(|a| a.status.as_deref() == Some("Succeeded"))
                        {
                            "Succeeded"
                        } else if e.status == "Superseded" {
                            "Stopped"
                        } else {
                            "InProgress"
                        };
                        s["latestExecution"] =
                            json!({"pipelineExecutionId": e.id, "status": status});
                    }
                    stages.push(s);
                }
                let _ = last;
                Ok(Some(json!({
                    "pipelineName": pl.name,
                    "pipelineVersion": 1,
                    "stageStates": stages,
                    "created": ts(pl.created),
                    "updated": ts(pl.updated)
                })))
            }
            ("codepipeline", "put-approval-result") => {
                let name = p.req("pipeline-name").to_owned();
                self.pipeline(&name)?;
                let stage = p.req("stage-name");
                let action = p.req("action-name");
                let token = p.req("token");
                let result = p.json("result").cloned().unwrap_or(Value::Null);
                let status = result.get("status").and_then(Value::as_str).unwrap_or("");
                if !matches!(status, "Approved" | "Rejected") {
                    return Err(AwsError::new(
                        "ValidationException",
                        format!(
                            "1 validation error detected: Value '{status}' at 'result.status' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected]"
                        ),
                    ));
                }
                let summary = result
                    .get("summary")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let pl = self
                    .pipelines
                    .get_mut(&name)
                    .ok_or_else(|| AwsError::new("PipelineNotFoundException", ""))?;
                let run = pl
                    .executions
                    .iter_mut()
                    .filter(|e| e.status == "InProgress")
                    .flat_map(|e| e.actions.iter_mut())
                    .find(|a| {
                        a.stage == stage
                            && a.action == action
                            && a.status.as_deref() == Some("InProgress")
                    });
                let Some(run) = run else {
                    return Err(AwsError::new(
                        "InvalidApprovalTokenException",
                        format!(
                            "The approval action {action} does not have a token that is valid for the approval request."
                        ),
                    ));
                };
                if run.token.as_deref() != Some(token) {
                    return Err(AwsError::new(
                        "InvalidApprovalTokenException",
                        format!("The token {token} is not valid for the approval request."),
                    ));
                }
                run.status = Some(
                    if status == "Approved" {
                        "Succeeded"
                    } else {
                        "Failed"
                    }
                    .into(),
                );
                run.summary = Some(summary);
                run.changed = now;
                run.token = None;
                if status == "Rejected"
                    && let Some(e) = pl.executions.iter_mut().find(|e| {
                        e.status == "InProgress"
                            && e.actions
                                .iter()
                                .any(|a| a.status.as_deref() == Some("Failed"))
                    })
                {
                    e.status = "Failed".into();
                    e.updated = now;
                }
                // Later actions start from the approval time.
                self.tick(now);
                Ok(Some(json!({ "approvedAt": ts(now) })))
            }
            ("codecommit", _) => self.call_pulls(op, p, caller, now),
            _ => Err(AwsError::new(
                "InvalidAction",
                format!("{op} is not supported"),
            )),
        }
    }
}

/// The branch a pipeline's CodeCommit source action reads (`main` unless it names one).
fn source_branch(decl: &Value) -> String {
    decl["stages"][0]["actions"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|a| a["configuration"]["BranchName"].as_str())
        .unwrap_or("main")
        .to_owned()
}

/// The repository a pipeline's CodeCommit source action reads.
fn source_repo(decl: &Value) -> Option<String> {
    decl["stages"].as_array()?.first()?["actions"]
        .as_array()?
        .iter()
        .find_map(|a| {
            a["configuration"]["RepositoryName"]
                .as_str()
                .map(str::to_owned)
        })
}

/// Runs one action to completion: Ok with an optional rollout, or Err with the failure summary.
fn run_action(
    a: &ActionRun,
    repos: &BTreeMap<String, Repo>,
    revision: &mut Option<String>,
    forced: Option<bool>,
) -> Result<Option<DeployRequest>, String> {
    if forced == Some(false) {
        return Err(format!("Action {} failed", a.action));
    }
    match a.category.as_str() {
        "Source" if a.provider == "CodeCommit" => {
            let name = a
                .configuration
                .get("RepositoryName")
                .cloned()
                .unwrap_or_default();
            let Some(repo) = repos.get(&name) else {
                return Err(format!("The repository {name} does not exist."));
            };
            let branch = a
                .configuration
                .get("BranchName")
                .map(String::as_str)
                .unwrap_or("main");
            match repo.tip(branch) {
                Some(c) => {
                    *revision = Some(c.id.clone());
                    Ok(None)
                }
                None => Err(format!(
                    "The action failed because no branch named {branch} was found in the selected AWS CodeCommit repository {name}. Make sure you are using the correct branch name, and then try again."
                )),
            }
        }
        "Build" | "Test" if forced != Some(true) => {
            // Tests fail when a file under tests/ of the source revision says FAIL or exits non-zero.
            let files = revision
                .as_ref()
                .and_then(|r| repos.values().flat_map(|x| &x.commits).find(|c| &c.id == r))
                .map(|c| c.files.clone())
                .unwrap_or_default();
            let failing = files.iter().find(|(path, body)| {
                (a.category == "Test" || a.action.to_lowercase().contains("test"))
                    && path.starts_with("tests/")
                    && (body.contains("FAIL") || body.contains("exit 1"))
            });
            match failing {
                Some((path, _)) => Err(format!(
                    "Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: {path}. Reason: exit status 1"
                )),
                None => Ok(None),
            }
        }
        "Deploy" => {
            let c = &a.configuration;
            let deployment = c
                .get("Deployment")
                .or(c.get("DeploymentName"))
                .or(c.get("ClusterName"))
                .cloned()
                .unwrap_or_else(|| a.action.to_lowercase());
            let mut image = c
                .get("Image")
                .cloned()
                .unwrap_or_else(|| deployment.clone());
            if !image.rsplit('/').next().unwrap_or("").contains(':') {
                let tag = revision.as_deref().map(|r| &r[..7]).unwrap_or("latest");
                image = format!("{image}:{tag}");
            }
            Ok(Some(DeployRequest {
                namespace: c
                    .get("Namespace")
                    .cloned()
                    .unwrap_or_else(|| "default".into()),
                deployment,
                image,
            }))
        }
        _ => Ok(None),
    }
}
