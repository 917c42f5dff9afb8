//! What the AWS tab shows, read from the engine's public model of the session's account, and the `aws` command lines
//! its buttons type into the terminal.

use engine::aws::billing::{self, MonthCharges};
use engine::aws::code::{Execution, Pipeline};
use engine::aws::ssm::FleetInstance;
use engine::exec::Ctx;
use engine::session::Session;
use serde_json::Value;

/// The default administrator the terminal acts as until it switches identity.
pub const STUDENT_ARN: &str = "arn:aws:iam::123456789012:user/student";

/// Quotes `word` for the learner's shell when it holds anything but plain characters.
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '=' | ',' | '+')
        });
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The ARN the terminal's `aws` commands run as now (from `AWS_ACCESS_KEY_ID`, the profile's keys or the default), or
/// None for a key the account never issued.
pub fn identity(session: &Session) -> Option<String> {
    let frame = session.shell.frames.first()?;
    let mut fs = session.shell.fs.clone();
    let ctx = Ctx::new(&mut fs, &frame.env, &frame.cwd, "", session.aws.now);
    session.aws.whoami(&ctx)
}

/// One IAM user as the console's Users page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    /// The user name.
    pub name: String,
    /// The user's ARN.
    pub arn: String,
    /// The groups it belongs to.
    pub groups: Vec<String>,
    /// Attached managed policy names, then inline policy names.
    pub policies: Vec<String>,
    /// Whether an MFA device is assigned.
    pub mfa: bool,
    /// Its access key IDs with their status.
    pub keys: Vec<(String, String)>,
}

/// One role with the principals its trust policy names.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    /// The role name.
    pub name: String,
    /// The role's ARN.
    pub arn: String,
    /// `Service: ec2.amazonaws.com`, `AWS: arn:…` for each principal the trust policy allows.
    pub trusted: Vec<String>,
    /// Attached managed policy names, then inline policy names.
    pub policies: Vec<String>,
}

/// Users, groups (name, members, policies), roles and customer managed policies (name, ARN, default version).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IamView {
    /// Users by name.
    pub users: Vec<UserRow>,
    /// Groups: name, members, policies.
    pub groups: Vec<(String, Vec<String>, Vec<String>)>,
    /// Roles by name.
    pub roles: Vec<RoleRow>,
    /// Customer managed policies: name, ARN, default version.
    pub policies: Vec<(String, String, String)>,
}

fn policy_name(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_owned()
}

fn trusted(doc: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(doc).unwrap_or(Value::Null);
    let statements = match &v["Statement"] {
        Value::Array(a) => a.clone(),
        s @ Value::Object(_) => vec![s.clone()],
        _ => vec![],
    };
    let mut out = vec![];
    for s in statements.iter().filter(|s| s["Effect"] == "Allow") {
        match &s["Principal"] {
            Value::String(p) => out.push(p.clone()),
            Value::Object(m) => {
                for (kind, v) in m {
                    let values: Vec<String> = match v {
                        Value::String(x) => vec![x.clone()],
                        Value::Array(a) => a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_owned))
                            .collect(),
                        _ => vec![],
                    };
                    out.extend(values.into_iter().map(|x| format!("{kind}: {x}")));
                }
            }
            _ => {}
        }
    }
    out
}

/// The IAM entities of the session's account.
pub fn iam(session: &Session) -> IamView {
    let iam = &session.aws.iam;
    let users = iam
        .users
        .values()
        .map(|u| UserRow {
            name: u.name.clone(),
            arn: u.arn(),
            groups: iam
                .groups
                .values()
                .filter(|g| g.members.contains(&u.name))
                .map(|g| g.name.clone())
                .collect(),
            policies: u
                .attached
                .iter()
                .map(|a| policy_name(a))
                .chain(u.inline.keys().cloned())
                .collect(),
            mfa: !u.mfa.is_empty(),
            keys: iam
                .access_keys
                .iter()
                .filter(|k| k.user.as_deref() == Some(u.name.as_str()))
                .map(|k| (k.id.clone(), k.status.clone()))
                .collect(),
        })
        .collect();
    let groups = iam
        .groups
        .values()
        .map(|g| {
            (
                g.name.clone(),
                g.members.clone(),
                g.attached
                    .iter()
                    .map(|a| policy_name(a))
                    .chain(g.inline.keys().cloned())
                    .collect(),
            )
        })
        .collect();
    let roles = iam
        .roles
        .values()
        .map(|r| RoleRow {
            name: r.name.clone(),
            arn: r.arn(),
            trusted: trusted(&r.trust),
            policies: r
                .attached
                .iter()
                .map(|a| policy_name(a))
                .chain(r.inline.keys().cloned())
                .collect(),
        })
        .collect();
    let policies = iam
        .policies
        .values()
        .map(|p| (p.name.clone(), p.arn(), p.default_version.clone()))
        .collect();
    IamView {
        users,
        groups,
        roles,
        policies,
    }
}

/// The `aws iam simulate-principal-policy` line the simulator form runs.
pub fn simulate_command(principal: &str, action: &str, resource: &str) -> String {
    format!(
        "aws iam simulate-principal-policy --policy-source-arn {} --action-names {} --resource-arns {} --output json",
        quote(principal),
        quote(action),
        quote(resource)
    )
}

/// What `simulate-principal-policy` answered: the decision and the statements that decided it
/// (policy id and the lines of the statement), or the error text.
#[derive(Debug, Clone, PartialEq)]
pub enum SimResult {
    /// `allowed`, `explicitDeny` or `implicitDeny`, with `(policy, "line a–b")` for each deciding statement.
    Decision(String, Vec<(String, String)>),
    /// The command failed; its standard error.
    Error(String),
}

/// Finds what the last run of `command` printed and reads the simulation result out of it.
pub fn sim_result(session: &Session, command: &str) -> Option<SimResult> {
    let entry = session
        .transcript
        .iter()
        .rev()
        .find(|e| e.command == command)?;
    if entry.exit_code != 0 {
        return Some(SimResult::Error(entry.stderr.trim().to_owned()));
    }
    let v: Value = serde_json::from_str(&entry.stdout).ok()?;
    let r = v["EvaluationResults"].get(0)?;
    let decision = r["EvalDecision"].as_str()?.to_owned();
    let matched = r["MatchedStatements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            let id = m["SourcePolicyId"].as_str().unwrap_or("").to_owned();
            let from = m["StartPosition"]["Line"].as_i64().unwrap_or(0);
            let to = m["EndPosition"]["Line"].as_i64().unwrap_or(0);
            (id, format!("{from}–{to}"))
        })
        .collect();
    Some(SimResult::Decision(decision, matched))
}

/// The line that switches the terminal to `user` as the notes' step 6 does: export the user's first active access key,
/// or create one and export it.
pub fn switch_command(session: &Session, user: &str) -> String {
    let key = session
        .aws
        .iam
        .access_keys
        .iter()
        .find(|k| k.user.as_deref() == Some(user) && k.status == "Active");
    match key {
        Some(k) => format!(
            "export AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY={}",
            k.id, k.secret
        ),
        None => format!(
            "export AWS_ACCESS_KEY_ID=$(aws iam create-access-key --user-name {} --query AccessKey.AccessKeyId --output text)",
            quote(user)
        ),
    }
}

/// The Systems Manager view of the default region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SsmView {
    /// The region shown.
    pub region: String,
    /// Every instance, managed or not.
    pub fleet: Vec<FleetInstance>,
    /// Resource groups: name, tag query as `Key=Values`, member instance IDs.
    pub groups: Vec<(String, String, Vec<String>)>,
    /// Commands, newest first: short id, document, comment, overall status, per-instance (id, status, stdout, stderr).
    pub commands: Vec<CommandRow>,
}

/// One Run Command with its invocations.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandRow {
    /// The command ID.
    pub id: String,
    /// The document name.
    pub document: String,
    /// The commands or operation it ran.
    pub parameters: String,
    /// Per instance: ID, status, standard output, standard error.
    pub invocations: Vec<(String, String, String, String)>,
}

fn tag_query(query: &str) -> String {
    let v: Value = serde_json::from_str(query).unwrap_or(Value::Null);
    v["TagFilters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let values: Vec<&str> = f["Values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!("{}={}", f["Key"].as_str().unwrap_or(""), values.join(","))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fleet, resource groups and commands of the account's default region.
pub fn ssm(session: &Session) -> SsmView {
    let aws = &session.aws;
    let region = aws.default_region.clone();
    let Some(net) = aws.network(&region) else {
        return SsmView {
            region,
            ..SsmView::default()
        };
    };
    let groups = aws
        .ssm
        .groups
        .values()
        .filter(|g| g.region == region)
        .map(|g| {
            (
                g.name.clone(),
                tag_query(&g.query),
                aws.ssm.group_members(g, net),
            )
        })
        .collect();
    let commands = aws
        .ssm
        .commands
        .iter()
        .rev()
        .filter(|c| c.region == region)
        .map(|c| CommandRow {
            id: c.id.clone(),
            document: c.document.clone(),
            parameters: c
                .parameters
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| {
                    let vals: Vec<String> = match v {
                        Value::Array(a) => a
                            .iter()
                            .map(|x| {
                                x.as_str()
                                    .map(str::to_owned)
                                    .unwrap_or_else(|| x.to_string())
                            })
                            .collect(),
                        other => vec![other.to_string()],
                    };
                    format!("{k}: {}", vals.join("; "))
                })
                .collect::<Vec<_>>()
                .join(", "),
            invocations: c
                .invocations
                .iter()
                .map(|i| {
                    (
                        i.instance_id.clone(),
                        aws.ssm.status_of(c, i, aws.now).to_owned(),
                        i.stdout.clone(),
                        i.stderr.clone(),
                    )
                })
                .collect(),
        })
        .collect();
    SsmView {
        fleet: aws.ssm.fleet(net, &aws.iam),
        region,
        groups,
        commands,
    }
}

/// The `aws ssm send-command` line for `commands` (one per line) on `target`: empty for every managed instance, else
/// a resource group's name.
pub fn send_command(commands: &str, target: &str, managed: &[String]) -> Option<String> {
    let lines: Vec<String> = commands
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.replace(',', "\\,"))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let targets = target_words(target, managed)?;
    Some(format!(
        "aws ssm send-command --document-name AWS-RunShellScript {targets} --parameters {} --comment {}",
        quote(&format!("commands={}", lines.join(","))),
        quote("Run Command from the AWS tab")
    ))
}

/// The `aws ssm send-command` line that installs missing patches with `AWS-RunPatchBaseline` on `target`.
pub fn patch_command(target: &str, managed: &[String]) -> Option<String> {
    let targets = target_words(target, managed)?;
    Some(format!(
        "aws ssm send-command --document-name AWS-RunPatchBaseline {targets} --parameters Operation=Install"
    ))
}

fn target_words(target: &str, managed: &[String]) -> Option<String> {
    if target.is_empty() {
        if managed.is_empty() {
            return None;
        }
        Some(format!("--instance-ids {}", managed.join(" ")))
    } else {
        Some(format!(
            "--targets Key=resource-groups:Name,Values={}",
            quote(target)
        ))
    }
}

/// One action of a pipeline's latest execution, placed in its stage.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionBox {
    /// The action's name.
    pub name: String,
    /// `Source`, `Build`, `Test`, `Approval`, `Deploy`, …
    pub category: String,
    /// `InProgress`, `Succeeded`, `Failed`, or None when the execution has not reached it.
    pub status: Option<String>,
    /// The failure message or approval summary.
    pub summary: Option<String>,
    /// The approval token while an approval waits.
    pub token: Option<String>,
}

/// A stage of the pipeline diagram with its actions.
#[derive(Debug, Clone, PartialEq)]
pub struct StageBox {
    /// The stage's name.
    pub name: String,
    /// Its actions in run order.
    pub actions: Vec<ActionBox>,
}

/// One pipeline: its stage diagram for the latest execution and its executions, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineView {
    /// The pipeline's name.
    pub name: String,
    /// Stages in order.
    pub stages: Vec<StageBox>,
    /// Executions newest first: id, status, trigger, revision (short), started (ms).
    pub executions: Vec<(String, String, String, String, i64)>,
}

fn stage_boxes(p: &Pipeline, latest: Option<&Execution>) -> Vec<StageBox> {
    p.declaration["stages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|stage| {
            let name = stage["name"].as_str().unwrap_or("").to_owned();
            let actions = stage["actions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| {
                    let an = a["name"].as_str().unwrap_or("").to_owned();
                    let run = latest
                        .and_then(|e| e.actions.iter().find(|r| r.stage == name && r.action == an));
                    ActionBox {
                        category: a["actionTypeId"]["category"]
                            .as_str()
                            .unwrap_or("")
                            .to_owned(),
                        status: run.and_then(|r| r.status.clone()),
                        summary: run.and_then(|r| r.summary.clone()),
                        token: run
                            .filter(|r| r.status.as_deref() == Some("InProgress"))
                            .and_then(|r| r.token.clone()),
                        name: an,
                    }
                })
                .collect();
            StageBox { name, actions }
        })
        .collect()
}

/// One CodeCommit repository as the AWS tab lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RepoView {
    /// Its name.
    pub name: String,
    /// The latest commit of `main`, as `abc1234 message` (empty before the first push).
    pub head: String,
    /// The HTTPS clone URL.
    pub url: String,
    /// Its branches, in byte order.
    pub branches: Vec<String>,
}

/// One open pull request: its ID, repository, title, source and destination branches.
#[derive(Debug, Clone, PartialEq)]
pub struct PullView {
    /// Its ID.
    pub id: u64,
    /// Its repository.
    pub repo: String,
    /// Its title.
    pub title: String,
    /// The source branch.
    pub source: String,
    /// The destination branch.
    pub destination: String,
}

/// Repositories, open pull requests and pipelines of the account.
pub fn code(session: &Session) -> (Vec<RepoView>, Vec<PullView>, Vec<PipelineView>) {
    let code = &session.aws.code;
    let repos = code
        .repos
        .values()
        .map(|r| RepoView {
            name: r.name.clone(),
            head: r
                .head()
                .map(|c| format!("{} {}", &c.id[..7.min(c.id.len())], c.message))
                .unwrap_or_default(),
            url: r.clone_url_http(),
            branches: r.branch_names(),
        })
        .collect();
    let pulls = code
        .pull_requests
        .iter()
        .filter(|pr| pr.status == "OPEN")
        .map(|pr| PullView {
            id: pr.id,
            repo: pr.repo.clone(),
            title: pr.title.clone(),
            source: pr.source.clone(),
            destination: pr.destination.clone(),
        })
        .collect();
    let pipelines = code
        .pipelines
        .values()
        .map(|p| PipelineView {
            name: p.name.clone(),
            stages: stage_boxes(p, p.executions.last()),
            executions: p
                .executions
                .iter()
                .rev()
                .map(|e| {
                    (
                        e.id.clone(),
                        e.status.clone(),
                        e.trigger.clone(),
                        e.revision
                            .as_deref()
                            .map(|r| r[..7.min(r.len())].to_owned())
                            .unwrap_or_default(),
                        e.started,
                    )
                })
                .collect(),
        })
        .collect();
    (repos, pulls, pipelines)
}

/// The `aws codepipeline put-approval-result` line that approves or rejects a waiting approval.
pub fn approval_command(
    pipeline: &str,
    stage: &str,
    action: &str,
    token: &str,
    approve: bool,
) -> String {
    let (status, summary) = if approve {
        ("Approved", "Approved from the AWS tab")
    } else {
        ("Rejected", "Rejected from the AWS tab")
    };
    format!(
        "aws codepipeline put-approval-result --pipeline-name {} --stage-name {} --action-name {} --result {} --token {token}",
        quote(pipeline),
        quote(stage),
        quote(action),
        quote(&format!("summary={summary},status={status}"))
    )
}

/// Billing now: month-to-date charges, the hourly rate, this month's charges and free tier, what bills, the alarms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BillingView {
    /// Virtual time now (ms).
    pub now: i64,
    /// Month-to-date estimated charges in USD.
    pub month_to_date: f64,
    /// The hourly rate of everything billable, in USD.
    pub hourly: f64,
    /// This month's charges and free tier.
    pub month: MonthCharges,
    /// Resource, item, USD per hour.
    pub lines: Vec<(String, String, f64)>,
    /// Alarms: name, region, threshold, state, reason.
    pub alarms: Vec<(String, String, f64, String, String)>,
}

/// The billing view of the session's account.
pub fn billing(session: &Session) -> BillingView {
    let aws = &session.aws;
    BillingView {
        now: aws.now,
        month_to_date: aws.billing.estimated_charges(aws.now),
        hourly: aws.hourly_cost(),
        month: aws
            .billing
            .months
            .get(&billing::month_of(aws.now))
            .cloned()
            .unwrap_or_default(),
        lines: aws
            .cost_lines()
            .into_iter()
            .map(|l| (l.resource_id, l.item, l.usd_per_hour))
            .collect(),
        alarms: aws
            .billing
            .alarms
            .values()
            .map(|a| {
                (
                    a.name.clone(),
                    a.region.clone(),
                    a.threshold,
                    a.state.clone(),
                    a.reason.clone(),
                )
            })
            .collect(),
    }
}

/// The `aws cloudwatch put-metric-alarm` line for a billing alarm at `threshold` USD (in us-east-1, where billing
/// metrics live).
pub fn alarm_command(threshold: f64) -> String {
    let t = if threshold.fract() == 0.0 {
        format!("{threshold:.0}")
    } else {
        format!("{threshold}")
    };
    format!(
        "aws cloudwatch put-metric-alarm --alarm-name billing-{t}usd --metric-name EstimatedCharges --namespace AWS/Billing --statistic Maximum --period 21600 --threshold {t} --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --dimensions Name=Currency,Value=USD --region us-east-1"
    )
}

/// `2026-11-18 11:06` from virtual ms.
pub fn clock(ms: i64) -> String {
    let t = engine::aws::render::timestamp(ms);
    format!("{} {}", &t[..10], &t[11..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::new("vanilla", 7).expect("the vanilla scenario boots")
    }

    #[test]
    fn quoting_keeps_plain_words_and_quotes_the_rest() {
        assert_eq!(quote("ec2:RunInstances"), "ec2:RunInstances");
        assert_eq!(quote("*"), "'*'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn simulator_reads_the_terminal_answer() {
        let mut s = session();
        s.exec("aws iam create-user --user-name alice");
        s.exec("aws iam attach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess");
        let arn = "arn:aws:iam::123456789012:user/alice";
        let allow = simulate_command(arn, "ec2:DescribeInstances", "*");
        s.exec(&allow);
        match sim_result(&s, &allow) {
            Some(SimResult::Decision(d, m)) => {
                assert_eq!(d, "allowed");
                assert_eq!(m.len(), 1, "{m:?}");
                assert_eq!(m[0].0, "ReadOnlyAccess");
            }
            other => panic!("{other:?}"),
        }
        let deny = simulate_command(arn, "ec2:RunInstances", "*");
        s.exec(&deny);
        assert_eq!(
            sim_result(&s, &deny),
            Some(SimResult::Decision("implicitDeny".into(), vec![]))
        );
        let bad = simulate_command(
            "arn:aws:iam::123456789012:user/nobody",
            "ec2:RunInstances",
            "*",
        );
        s.exec(&bad);
        assert!(
            matches!(sim_result(&s, &bad), Some(SimResult::Error(e)) if e.contains("NoSuchEntity"))
        );
    }

    #[test]
    fn switching_identity_changes_who_the_terminal_is() {
        let mut s = session();
        assert_eq!(identity(&s).as_deref(), Some(STUDENT_ARN));
        s.exec("aws iam create-user --user-name reader");
        let line = switch_command(&s, "reader");
        assert!(line.contains("create-access-key"), "{line}");
        s.exec(&line);
        assert_eq!(
            identity(&s).as_deref(),
            Some("arn:aws:iam::123456789012:user/reader")
        );
        let out = s.exec("aws ec2 describe-vpcs");
        assert!(
            out.stderr.contains("AccessDenied") || out.stderr.contains("UnauthorizedOperation"),
            "{out:?}"
        );
        // The second switch reuses the key the first one created.
        let again = switch_command(&s, "reader");
        assert!(
            again.starts_with("export AWS_ACCESS_KEY_ID=AKIA"),
            "{again}"
        );
        s.exec("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY");
        assert_eq!(identity(&s).as_deref(), Some(STUDENT_ARN));
    }

    #[test]
    fn billing_alarm_line_is_accepted() {
        let mut s = session();
        let out = s.exec(&alarm_command(10.0));
        assert_eq!(out.code, 0, "{out:?}");
        let b = billing(&s);
        assert_eq!(b.alarms.len(), 1);
        assert_eq!(b.alarms[0].0, "billing-10usd");
        assert_eq!(b.alarms[0].1, "us-east-1");
    }
}
