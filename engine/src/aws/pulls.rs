//! CodeCommit's branches and pull requests: `list-branches`, `get-branch`, `create-branch`, `delete-branch`,
//! `create-pull-request`, `list-pull-requests`, `get-pull-request`, `update-pull-request-status` and
//! `merge-pull-request-by-fast-forward`, with the service's output shapes and errors.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::code::{Code, Commit, no_repo, ts};
use super::model::AwsError;

/// One pull request (a single target: one source branch into one destination branch of one repository).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullRequest {
    /// Its ID, counting from 1 in the account.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: Option<String>,
    /// The ARN of whoever created it.
    pub author: String,
    /// The idempotency token the CLI sent.
    pub token: String,
    /// The repository.
    pub repo: String,
    /// The source branch.
    pub source: String,
    /// The destination branch.
    pub destination: String,
    /// The head of the source branch (kept current while the pull request is open).
    pub source_commit: String,
    /// The head of the destination branch when the pull request was created.
    pub destination_commit: Option<String>,
    /// The most recent commit both branches share.
    pub merge_base: Option<String>,
    /// `OPEN` or `CLOSED`.
    pub status: String,
    /// Who merged it, once merged.
    pub merged_by: Option<String>,
    /// Creation time (virtual ms).
    pub created: i64,
    /// Last change (virtual ms).
    pub last_activity: i64,
    /// Changes with every update.
    pub revision: String,
}

impl PullRequest {
    /// The `PullRequest` structure as the service returns it.
    pub fn to_json(&self) -> Value {
        let mut target = json!({
            "sourceCommit": self.source_commit,
            "sourceReference": format!("refs/heads/{}", self.source),
        });
        if let Some(base) = &self.merge_base {
            target["mergeBase"] = json!(base);
        }
        target["destinationReference"] = json!(format!("refs/heads/{}", self.destination));
        target["mergeMetadata"] = match &self.merged_by {
            Some(by) => {
                json!({"isMerged": true, "mergedBy": by, "mergeOption": "FAST_FORWARD_MERGE"})
            }
            None => json!({"isMerged": false}),
        };
        if let Some(dest) = &self.destination_commit {
            target["destinationCommit"] = json!(dest);
        }
        target["repositoryName"] = json!(self.repo);
        let mut v = json!({
            "approvalRules": [],
            "lastActivityDate": ts(self.last_activity),
            "pullRequestTargets": [target],
            "revisionId": self.revision,
            "title": self.title,
        });
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        v["authorArn"] = json!(self.author);
        v["clientRequestToken"] = json!(self.token);
        v["creationDate"] = json!(ts(self.created));
        v["pullRequestId"] = json!(self.id.to_string());
        v["pullRequestStatus"] = json!(self.status);
        v
    }
}

fn error(code: &str, message: impl Into<String>) -> AwsError {
    AwsError::new(code, message)
}

fn no_reference(repo: &str, branch: &str) -> AwsError {
    error(
        "ReferenceDoesNotExistException",
        format!("Reference refs/heads/{branch} does not exist in repository {repo}"),
    )
}

/// A branch name without the `refs/heads/` a reference may be given with.
fn short(reference: &str) -> &str {
    reference.strip_prefix("refs/heads/").unwrap_or(reference)
}

/// The most recent commit `a` and `b` share.
fn merge_base(a: &[Commit], b: &[Commit]) -> Option<String> {
    a.iter()
        .rev()
        .find(|c| b.iter().any(|d| d.id == c.id))
        .map(|c| c.id.clone())
}

impl Code {
    /// The repository a pull request belongs to (what IAM authorises a call on it against).
    pub fn pull_request_repo(&self, id: &str) -> Option<&str> {
        self.pull_request(id).ok().map(|pr| pr.repo.as_str())
    }

    fn pull_request(&self, id: &str) -> Result<&PullRequest, AwsError> {
        let n: u64 = id.parse().map_err(|_| {
            error(
                "InvalidPullRequestIdException",
                "The pull request ID is not valid. Make sure that you have provided the full ID and that the pull request is in the specified repository, and then try again.",
            )
        })?;
        self.pull_requests
            .iter()
            .find(|pr| pr.id == n)
            .ok_or_else(|| {
                error(
                    "PullRequestDoesNotExistException",
                    format!("Pull request {id} does not exist"),
                )
            })
    }

    fn pull_request_mut(&mut self, id: &str) -> Result<&mut PullRequest, AwsError> {
        let n = self.pull_request(id)?.id;
        self.pull_requests
            .iter_mut()
            .find(|pr| pr.id == n)
            .ok_or_else(|| error("PullRequestDoesNotExistException", id.to_owned()))
    }

    /// Keeps the open pull requests from `branch` of `repo` pointing at its new head.
    pub(super) fn follow_source(&mut self, repo: &str, branch: &str, head: Option<&str>, now: i64) {
        let Some(head) = head else { return };
        let moved: Vec<u64> = self
            .pull_requests
            .iter()
            .filter(|pr| {
                pr.status == "OPEN"
                    && pr.repo == repo
                    && pr.source == branch
                    && pr.source_commit != head
            })
            .map(|pr| pr.id)
            .collect();
        for id in moved {
            let revision = self.hex(64);
            if let Some(pr) = self.pull_requests.iter_mut().find(|pr| pr.id == id) {
                pr.source_commit = head.to_owned();
                pr.last_activity = now;
                pr.revision = revision;
            }
        }
    }

    /// Closes, as merged by `by`, the open pull requests into `branch` of `repo` whose source head that branch now
    /// holds: a fast-forward merge pushed with git closes its pull request.
    pub fn close_merged(&mut self, repo: &str, branch: &str, by: &str, now: i64) {
        let Some(history) = self.repos.get(repo).and_then(|r| r.branch(branch)) else {
            return;
        };
        let merged: Vec<u64> = self
            .pull_requests
            .iter()
            .filter(|pr| pr.status == "OPEN" && pr.repo == repo && pr.destination == branch)
            .filter(|pr| history.iter().any(|c| c.id == pr.source_commit))
            .map(|pr| pr.id)
            .collect();
        for id in merged {
            self.close(id, Some(by), now);
        }
    }

    /// Closes the open pull requests from or into `branch` of `repo`, which was deleted.
    pub fn close_for_deleted(&mut self, repo: &str, branch: &str, now: i64) {
        let gone: Vec<u64> = self
            .pull_requests
            .iter()
            .filter(|pr| pr.status == "OPEN" && pr.repo == repo)
            .filter(|pr| pr.source == branch || pr.destination == branch)
            .map(|pr| pr.id)
            .collect();
        for id in gone {
            self.close(id, None, now);
        }
    }

    fn close(&mut self, id: u64, merged_by: Option<&str>, now: i64) {
        let revision = self.hex(64);
        if let Some(pr) = self.pull_requests.iter_mut().find(|pr| pr.id == id) {
            pr.status = "CLOSED".into();
            pr.merged_by = merged_by.map(str::to_owned);
            pr.last_activity = now;
            pr.revision = revision;
        }
    }

    /// CodeCommit's branch and pull request operations.
    pub(super) fn call_pulls(
        &mut self,
        op: &str,
        p: &Params,
        caller: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        match op {
            "list-branches" => {
                let n = p.req("repository-name");
                let r = self.repos.get(n).ok_or_else(|| no_repo(n))?;
                Ok(Some(json!({ "branches": r.branch_names() })))
            }
            "get-branch" => {
                let n = p.req("repository-name");
                let r = self.repos.get(n).ok_or_else(|| no_repo(n))?;
                let Some(b) = p.str("branch-name") else {
                    return Err(error(
                        "BranchNameRequiredException",
                        "Branch name is required",
                    ));
                };
                match r.tip(b) {
                    Some(c) => Ok(Some(json!({"branch": {"branchName": b, "commitId": c.id}}))),
                    None => Err(error(
                        "BranchDoesNotExistException",
                        format!("Could not find branch {b}"),
                    )),
                }
            }
            "create-branch" => {
                let n = p.req("repository-name");
                let r = self.repos.get(n).ok_or_else(|| no_repo(n))?;
                let b = p.req("branch-name");
                if r.branch(b).is_some() {
                    return Err(error(
                        "BranchNameExistsException",
                        format!("Cannot create branch {b}: a branch with that name already exists"),
                    ));
                }
                let commit = p.req("commit-id");
                let Some(history) = r.history_to(commit) else {
                    return Err(error(
                        "CommitDoesNotExistException",
                        format!("Could not find commit {commit}"),
                    ));
                };
                let n = n.to_owned();
                self.set_branch(&n, b, history, now)?;
                Ok(None)
            }
            "delete-branch" => {
                let n = p.req("repository-name");
                let r = self.repos.get_mut(n).ok_or_else(|| no_repo(n))?;
                let b = p.req("branch-name");
                if b == "main" {
                    return Err(error(
                        "DefaultBranchCannotBeDeletedException",
                        format!("Cannot delete the default branch {b}"),
                    ));
                }
                let Some(history) = r.branches.remove(b) else {
                    return Ok(Some(json!({})));
                };
                let (n, b) = (n.to_owned(), b.to_owned());
                self.close_for_deleted(&n, &b, now);
                Ok(Some(json!({"deletedBranch": {
                    "branchName": b,
                    "commitId": history.last().map(|c| c.id.clone()).unwrap_or_default()
                }})))
            }
            "create-pull-request" => self.create_pull_request(p, caller, now),
            "list-pull-requests" => {
                let n = p.req("repository-name");
                self.repos.get(n).ok_or_else(|| no_repo(n))?;
                let status = p.str("pull-request-status");
                if let Some(s) = status
                    && !matches!(s, "OPEN" | "CLOSED")
                {
                    return Err(error(
                        "InvalidPullRequestStatusException",
                        "The pull request status is not valid. The only valid values are OPEN and CLOSED.",
                    ));
                }
                let ids: Vec<String> = self
                    .pull_requests
                    .iter()
                    .filter(|pr| pr.repo == n)
                    .filter(|pr| status.is_none_or(|s| pr.status == s))
                    .filter(|pr| p.str("author-arn").is_none_or(|a| pr.author == a))
                    .map(|pr| pr.id.to_string())
                    .collect();
                Ok(Some(json!({ "pullRequestIds": ids })))
            }
            "get-pull-request" => {
                let pr = self.pull_request(p.req("pull-request-id"))?;
                Ok(Some(json!({ "pullRequest": pr.to_json() })))
            }
            "update-pull-request-status" => {
                let status = p.req("pull-request-status");
                if !matches!(status, "OPEN" | "CLOSED") {
                    return Err(error(
                        "InvalidPullRequestStatusException",
                        "The pull request status is not valid. The only valid values are OPEN and CLOSED.",
                    ));
                }
                let revision = self.hex(64);
                let pr = self.pull_request_mut(p.req("pull-request-id"))?;
                if pr.status == "CLOSED" || status == "OPEN" {
                    return Err(error(
                        "InvalidPullRequestStatusUpdateException",
                        format!(
                            "The pull request status cannot be updated from {} to {status}. The only valid update is from OPEN to CLOSED.",
                            pr.status
                        ),
                    ));
                }
                pr.status = status.to_owned();
                pr.last_activity = now;
                pr.revision = revision;
                Ok(Some(json!({ "pullRequest": pr.to_json() })))
            }
            "merge-pull-request-by-fast-forward" => self.merge_fast_forward(p, caller, now),
            _ => Err(error("InvalidAction", format!("{op} is not supported"))),
        }
    }

    fn create_pull_request(
        &mut self,
        p: &Params,
        caller: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        let title = p.req("title");
        if title.trim().is_empty() {
            return Err(error(
                "TitleRequiredException",
                "A pull request title is required. It cannot be empty or null.",
            ));
        }
        if title.chars().count() > 150 {
            return Err(error(
                "InvalidTitleException",
                "The title of the pull request is not valid. Pull request titles cannot exceed 150 characters.",
            ));
        }
        let targets = p
            .json("targets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let target = match targets.as_slice() {
            [] => {
                return Err(error(
                    "TargetsRequiredException",
                    "An array of target objects is required. It cannot be empty or null.",
                ));
            }
            [one] => one,
            _ => {
                return Err(error(
                    "MultipleRepositoriesInPullRequestException",
                    "You cannot include more than one repository in a pull request. Make sure you have specified only one repository name in your request, and then try again.",
                ));
            }
        };
        let field = |k: &str| target.get(k).and_then(Value::as_str).unwrap_or("");
        let name = field("repositoryName");
        if name.is_empty() {
            return Err(error(
                "RepositoryNameRequiredException",
                "A repository name is required, but was not specified.",
            ));
        }
        let repo = self.repos.get(name).ok_or_else(|| no_repo(name))?;
        let source = short(field("sourceReference")).to_owned();
        if source.is_empty() {
            return Err(error(
                "ReferenceNameRequiredException",
                "A reference name is required, but none was provided.",
            ));
        }
        let destination = match short(field("destinationReference")) {
            "" => "main".to_owned(),
            d => d.to_owned(),
        };
        let missing = |b: &str| no_reference(name, b);
        let from = repo.branch(&source).ok_or_else(|| missing(&source))?;
        let into = repo
            .branch(&destination)
            .ok_or_else(|| missing(&destination))?;
        if source == destination {
            return Err(error(
                "SourceAndDestinationAreSameException",
                "The source branch and destination branch for the pull request are the same. You must specify different branches for the source and destination.",
            ));
        }
        let mut pr = PullRequest {
            id: self.pull_requests.len() as u64 + 1,
            title: title.to_owned(),
            description: p.str("description").map(str::to_owned),
            author: caller.to_owned(),
            token: String::new(),
            repo: name.to_owned(),
            source_commit: from.last().map(|c| c.id.clone()).unwrap_or_default(),
            destination_commit: into.last().map(|c| c.id.clone()),
            merge_base: merge_base(from, into),
            source,
            destination,
            status: "OPEN".into(),
            merged_by: None,
            created: now,
            last_activity: now,
            revision: String::new(),
        };
        // The CLI fills in an idempotency token when none is given.
        pr.token = match p.str("client-request-token") {
            Some(t) => t.to_owned(),
            None => self.uuid(),
        };
        pr.revision = self.hex(64);
        let out = json!({ "pullRequest": pr.to_json() });
        self.pull_requests.push(pr);
        Ok(Some(out))
    }

    fn merge_fast_forward(
        &mut self,
        p: &Params,
        caller: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        let name = p.req("repository-name");
        self.repos.get(name).ok_or_else(|| no_repo(name))?;
        let pr = self.pull_request(p.req("pull-request-id"))?.clone();
        if pr.repo != name {
            return Err(error(
                "RepositoryNotAssociatedWithPullRequestException",
                format!(
                    "The repository {name} does not contain a pull request with ID {}",
                    pr.id
                ),
            ));
        }
        if pr.status == "CLOSED" {
            return Err(error(
                "PullRequestAlreadyClosedException",
                format!("Pull request {} is already closed", pr.id),
            ));
        }
        let repo = self.repos.get(name).ok_or_else(|| no_repo(name))?;
        let missing = |b: &str| no_reference(name, b);
        let from = repo.branch(&pr.source).ok_or_else(|| missing(&pr.source))?;
        let tip = from.last().map(|c| c.id.clone()).unwrap_or_default();
        if let Some(expected) = p.str("source-commit-id")
            && expected != tip
        {
            return Err(error(
                "TipOfSourceReferenceIsDifferentException",
                "The tip of the source branch in the destination repository does not match the tip of the source branch specified in your request. The pull request might have been updated. Make sure that you have the latest changes.",
            ));
        }
        let dest_tip = repo.tip(&pr.destination).map(|c| c.id.clone());
        if dest_tip
            .as_ref()
            .is_some_and(|d| !from.iter().any(|c| &c.id == d))
        {
            return Err(error(
                "ManualMergeRequiredException",
                "The pull request cannot be merged automatically into the destination branch. You must manually merge the branches and resolve any conflicts.",
            ));
        }
        let history = from.to_vec();
        self.set_branch(name, &pr.destination, history, now)?;
        self.close(pr.id, Some(caller), now);
        let pr = self.pull_request(&pr.id.to_string())?;
        Ok(Some(json!({ "pullRequest": pr.to_json() })))
    }
}
