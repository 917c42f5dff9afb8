//! Labs: bilingual, step-by-step exercises with state-based checks evaluated against a session, and their
//! reference solutions (what `bastion check` runs). The format is documented in `lessons/labs/README.md`.

use serde::{Deserialize, Serialize};

use crate::api::{Kind, k};
use crate::cluster::controllers::workloads::pod_ready;
use crate::session::Session;

pub mod progress;

pub use progress::{
    ClassRow, ClassTable, Evaluation, Progress, ProgressFile, StepProgress, class_tables,
};

/// Text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Text {
    /// The text in `lang` (`ko` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "ko" && !self.ko.is_empty() {
            &self.ko
        } else {
            &self.en
        }
    }
}

/// One state-based check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "kebab-case")]
pub enum Check {
    /// The current kubeconfig identity is `user`.
    User {
        /// The expected user name.
        user: String,
    },
    /// An object exists (`kind` as typed on the command line: `route`, `deploy`, `ns`).
    Exists {
        /// The resource type.
        kind: String,
        /// The namespace (ignored for cluster-scoped kinds).
        #[serde(default)]
        namespace: String,
        /// The name.
        name: String,
    },
    /// A deployment has at least `replicas` ready replicas.
    DeploymentReady {
        /// The namespace.
        namespace: String,
        /// The deployment.
        name: String,
        /// The minimum number of ready replicas.
        replicas: i64,
    },
    /// At least `count` ready pods in `namespace` whose names start with `prefix`.
    PodsReady {
        /// The namespace.
        namespace: String,
        /// The pod name prefix (empty for all).
        #[serde(default)]
        prefix: String,
        /// The minimum count.
        count: usize,
    },
    /// A LoadBalancer service has an external address.
    LoadBalancer {
        /// The namespace.
        namespace: String,
        /// The service.
        name: String,
    },
    /// Every check of the AWS week-1 assignment passes (two AZs, public and private subnets, IGW, NAT, bastion).
    AwsWeek1,
    /// A read-only command's standard output contains `contains`.
    Output {
        /// The command line.
        run: String,
        /// The text expected in its output.
        contains: String,
    },
    /// The install simulator reached `stage` (`bootstrap-complete`, `install-complete`).
    InstallReached {
        /// The stage name.
        stage: String,
    },
}

/// One step of a lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The step's title.
    pub title: Text,
    /// What to do.
    pub instructions: Text,
    /// The checks that say the step is done.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Hints, revealed one at a time.
    #[serde(default)]
    pub hints: Vec<Text>,
    /// The reference solution's commands for this step.
    #[serde(default)]
    pub solution: Vec<String>,
}

/// A lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lab {
    /// The lab's id (its file name without `.yaml`).
    pub id: String,
    /// The title.
    pub title: Text,
    /// The introduction.
    #[serde(default)]
    pub text: Text,
    /// The scenario the lab runs on.
    pub scenario: String,
    /// Commands run before the learner starts (not shown).
    #[serde(default)]
    pub setup: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Whether it holds.
    pub passed: bool,
    /// What was checked and, when it fails, why (in both languages).
    pub detail: Text,
}

impl Lab {
    /// Reads a lab from its YAML text.
    pub fn parse(text: &str) -> Result<Lab, String> {
        let docs = crate::yaml::parse_documents(text).map_err(|e| e.to_string())?;
        let doc = docs.into_iter().next().ok_or("empty lab file")?;
        serde_json::from_value(doc).map_err(|e| format!("invalid lab: {e}"))
    }

    /// A fresh session on the lab's scenario with its setup run.
    pub fn start(&self, seed: u64) -> Result<Session, String> {
        let mut session = Session::new(&self.scenario, seed)?;
        for line in &self.setup {
            let out = session.exec(line);
            if out.code != 0 {
                return Err(format!(
                    "setup command failed: {line}: {}",
                    out.stderr.trim()
                ));
            }
        }
        Ok(session)
    }

    /// The index of the first step whose checks do not all pass yet (`steps.len()` when finished).
    pub fn progress(&self, session: &mut Session) -> usize {
        self.steps
            .iter()
            .position(|s| !s.checks.iter().all(|c| evaluate(session, c).passed))
            .unwrap_or(self.steps.len())
    }
}

/// Evaluates one check against the session's current state.
pub fn evaluate(session: &mut Session, check: &Check) -> CheckResult {
    let cluster = &session.cluster;
    let ok = |passed: bool, en: String, ko: String| CheckResult {
        passed,
        detail: Text { en, ko },
    };
    match check {
        Check::User { user } => {
            let current = session.kubeconfig.user_info().name;
            ok(
                current == *user,
                format!("logged in as {user} (now {current})"),
                format!("{user}(으)로 로그인 (현재 {current})"),
            )
        }
        Check::Exists {
            kind,
            namespace,
            name,
        } => {
            let Some(kind) = Kind::resolve(kind, true) else {
                return ok(
                    false,
                    format!("unknown resource type {kind}"),
                    format!("알 수 없는 리소스 종류 {kind}"),
                );
            };
            let found = cluster.get(kind, namespace, name).is_some();
            let what = format!("{} {name}", kind.info().singular);
            let (missing_en, missing_ko) = if found {
                ("", "")
            } else {
                (" (not found)", " (찾을 수 없음)")
            };
            if kind.info().namespaced {
                ok(
                    found,
                    format!("{what} exists in {namespace}{missing_en}"),
                    format!("{namespace}에 {what} 존재{missing_ko}"),
                )
            } else {
                ok(
                    found,
                    format!("{what} exists{missing_en}"),
                    format!("{what} 존재{missing_ko}"),
                )
            }
        }
        Check::DeploymentReady {
            namespace,
            name,
            replicas,
        } => {
            let ready = cluster
                .get(k::deployment(), namespace, name)
                .map(|d| d.status_json()["readyReplicas"].as_i64().unwrap_or(0))
                .unwrap_or(-1);
            ok(
                ready >= *replicas,
                format!(
                    "deployment {name} in {namespace} has {replicas} ready replicas (now {})",
                    ready.max(0)
                ),
                format!(
                    "{namespace}의 디플로이먼트 {name}의 준비된 레플리카 {replicas}개 (현재 {}개)",
                    ready.max(0)
                ),
            )
        }
        Check::PodsReady {
            namespace,
            prefix,
            count,
        } => {
            let ready = cluster
                .store
                .list(k::pod(), Some(namespace))
                .filter(|p| p.meta.name.starts_with(prefix.as_str()) && pod_ready(p))
                .count();
            ok(
                ready >= *count,
                format!("{count} ready pod(s) {prefix}* in {namespace} (now {ready})"),
                format!("{namespace}에 준비된 파드 {prefix}* {count}개 (현재 {ready}개)"),
            )
        }
        Check::LoadBalancer { namespace, name } => {
            let address = cluster.get(k::service(), namespace, name).and_then(|s| {
                s.status_json()["loadBalancer"]["ingress"][0]["hostname"]
                    .as_str()
                    .map(str::to_owned)
            });
            let passed_lb = address.is_some();
            ok(
                passed_lb,
                format!(
                    "service {name} has a load balancer address{}",
                    address
                        .map(|a| format!(" ({a})"))
                        .unwrap_or_else(|| " (none yet)".into())
                ),
                if passed_lb {
                    format!("서비스 {name}에 로드 밸런서 주소가 할당됨")
                } else {
                    format!("서비스 {name}에 로드 밸런서 주소가 할당됨 (아직 없음)")
                },
            )
        }
        Check::AwsWeek1 => {
            let failed: Vec<String> = session
                .aws
                .week1_assignment()
                .into_iter()
                .filter(|c| !c.passed)
                .map(|c| c.id)
                .collect();
            ok(
                failed.is_empty(),
                if failed.is_empty() {
                    "the week-1 VPC meets every requirement".into()
                } else {
                    format!("week-1 checks failing: {}", failed.join(", "))
                },
                if failed.is_empty() {
                    "1주차 VPC 요구 사항을 모두 충족".into()
                } else {
                    format!("실패한 1주차 검사: {}", failed.join(", "))
                },
            )
        }
        Check::Output { run, contains } => {
            // Checks must not change the world: run on a copy of the session's state.
            let out = session.peek(run);
            let found = out.contains(contains.as_str());
            let (missing_en, missing_ko) = if found {
                ("", "")
            } else {
                (
                    " (its output does not contain it yet)",
                    " (아직 출력에 없음)",
                )
            };
            ok(
                found,
                format!("`{run}` prints \"{contains}\"{missing_en}"),
                format!("`{run}`의 출력에 \"{contains}\" 포함{missing_ko}"),
            )
        }
        Check::InstallReached { stage } => {
            // Stage names as written in labs: the kebab-case of the simulator's stages (`bootstrap-complete`).
            let wanted: String = stage
                .chars()
                .filter(|c| *c != '-')
                .collect::<String>()
                .to_ascii_lowercase();
            let reached = session.installer.timeline().iter().any(|t| {
                let name = format!("{:?}", t.stage).to_ascii_lowercase();
                name == wanted
                    && (t.end.is_some() || t.stage == crate::install::sim::Stage::InstallComplete)
            }) || (wanted == "installcomplete"
                && session.installer.installed_cluster().is_some())
                // `wait-for bootstrap-complete` succeeds as the bootstrap-complete step starts.
                || (wanted == "bootstrapcomplete"
                    && session
                        .installer
                        .sim
                        .as_ref()
                        .is_some_and(|s| s.bootstrap_complete_at.is_some()));
            let (missing_en, missing_ko) = if reached {
                ("", "")
            } else {
                (" (not yet)", " (아직 아님)")
            };
            ok(
                reached,
                format!("the install reached {stage}{missing_en}"),
                format!("설치가 {stage} 단계에 도달{missing_ko}"),
            )
        }
    }
}

/// What `bastion check` found for one lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Per step: its English title and the results of its checks.
    pub steps: Vec<(String, Vec<CheckResult>)>,
    /// Solution commands that printed "command not found" or exited non-zero, with their error.
    pub failed_commands: Vec<String>,
}

impl Report {
    /// Whether every check passed and every solution command succeeded.
    pub fn passed(&self) -> bool {
        self.failed_commands.is_empty()
            && self.steps.iter().all(|(_, r)| r.iter().all(|c| c.passed))
    }
}

/// Runs a lab's reference solution step by step and evaluates each step's checks after its commands.
pub fn check(lab: &Lab, seed: u64) -> Result<Report, String> {
    let mut session = lab.start(seed)?;
    let mut report = Report {
        steps: Vec::new(),
        failed_commands: Vec::new(),
    };
    for step in &lab.steps {
        for line in &step.solution {
            let out = session.exec(line);
            if out.code != 0 && !line.starts_with("sleep") {
                report.failed_commands.push(format!(
                    "{line}: exit {}: {}",
                    out.code,
                    out.stderr.trim()
                ));
            }
        }
        let results = step
            .checks
            .iter()
            .map(|c| evaluate(&mut session, c))
            .collect();
        report.steps.push((step.title.en.clone(), results));
    }
    Ok(report)
}
