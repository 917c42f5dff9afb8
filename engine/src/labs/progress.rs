//! A learner's progress through one lab (which steps are done and when, in virtual time, and how many hints were
//! revealed), the progress file a learner exports for the instructor, and the class table built from several files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{CheckResult, Lab, evaluate};
use crate::api::time::rfc3339;
use crate::session::Session;

/// The `format` field of every progress file.
pub const PROGRESS_FORMAT: &str = "bastion-lab-progress";

/// The version of the progress file's layout.
pub const PROGRESS_VERSION: u32 = 1;

/// A learner's progress through one lab, saved with the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The lab's id.
    pub lab: String,
    /// When the lab was started, in virtual milliseconds (set by the first [`Progress::update`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<i64>,
    /// One entry per step of the lab, in order.
    pub steps: Vec<StepProgress>,
}

/// The state of one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProgress {
    /// When its checks first all passed, in virtual milliseconds; a done step stays done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<i64>,
    /// How many of its hints were revealed.
    #[serde(default)]
    pub hints: usize,
}

/// What one evaluation of a lab against the session found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The step the learner works on now (the lab's step count when finished).
    pub step: usize,
    /// The results of that step's checks (empty when finished).
    pub results: Vec<CheckResult>,
    /// The steps this evaluation marked done, in order.
    pub completed: Vec<usize>,
}

impl Progress {
    /// Fresh progress for `lab`; it starts at the session's time when first updated.
    pub fn new(lab: &Lab) -> Progress {
        Progress {
            lab: lab.id.clone(),
            started_at: None,
            steps: vec![StepProgress::default(); lab.steps.len()],
        }
    }

    /// Makes the step list as long as the lab's (a saved progress of a lab whose file changed since).
    pub fn fit(&mut self, lab: &Lab) {
        self.steps.resize(lab.steps.len(), StepProgress::default());
    }

    /// The first step that is not done (the step count when every step is done).
    pub fn current(&self) -> usize {
        self.steps
            .iter()
            .position(|s| s.done_at.is_none())
            .unwrap_or(self.steps.len())
    }

    /// How many steps are done.
    pub fn done_count(&self) -> usize {
        self.steps.iter().filter(|s| s.done_at.is_some()).count()
    }

    /// Whether every step is done.
    pub fn finished(&self) -> bool {
        self.steps.iter().all(|s| s.done_at.is_some())
    }

    /// When the last step was done, in virtual milliseconds.
    pub fn finished_at(&self) -> Option<i64> {
        if self.finished() {
            self.steps.iter().filter_map(|s| s.done_at).max()
        } else {
            None
        }
    }

    /// Reveals the next hint of `step`; false when every hint of that step is already shown.
    pub fn reveal_hint(&mut self, lab: &Lab, step: usize) -> bool {
        let available = lab.steps.get(step).map_or(0, |s| s.hints.len());
        match self.steps.get_mut(step) {
            Some(s) if s.hints < available => {
                s.hints += 1;
                true
            }
            _ => false,
        }
    }

    /// Evaluates the current step's checks against the session; when they all pass the step is done at the
    /// session's virtual time and the next step is evaluated the same way (as [`Lab::progress`] does), so the
    /// result is about the first step still to do.
    pub fn update(&mut self, lab: &Lab, session: &mut Session) -> Evaluation {
        self.fit(lab);
        self.started_at.get_or_insert(session.cluster.now);
        let mut completed = Vec::new();
        loop {
            let step = self.current();
            let Some(def) = lab.steps.get(step) else {
                return Evaluation {
                    step,
                    results: Vec::new(),
                    completed,
                };
            };
            let results: Vec<CheckResult> =
                def.checks.iter().map(|c| evaluate(session, c)).collect();
            if !results.iter().all(|r| r.passed) {
                return Evaluation {
                    step,
                    results,
                    completed,
                };
            }
            self.steps[step].done_at = Some(session.cluster.now);
            completed.push(step);
        }
    }

    /// The file a learner hands to the instructor: who, which lab, and each step's state with virtual times.
    pub fn export(&self, lab: &Lab, learner: &str, now: i64) -> ProgressFile {
        ProgressFile {
            format: PROGRESS_FORMAT.into(),
            version: PROGRESS_VERSION,
            learner: learner.trim().to_owned(),
            lab: self.lab.clone(),
            scenario: lab.scenario.clone(),
            started: self.started_at.map(rfc3339).unwrap_or_default(),
            exported: rfc3339(now),
            steps: lab
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let state = self.steps.get(i).cloned().unwrap_or_default();
                    StepRecord {
                        title: step.title.en.clone(),
                        done: state.done_at.is_some(),
                        done_at: state.done_at.map(rfc3339),
                        hints: state.hints,
                    }
                })
                .collect(),
        }
    }
}

/// A learner's exported progress file (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressFile {
    /// Always [`PROGRESS_FORMAT`].
    pub format: String,
    /// [`PROGRESS_VERSION`].
    pub version: u32,
    /// The learner's name as they typed it.
    pub learner: String,
    /// The lab's id.
    pub lab: String,
    /// The lab's scenario.
    pub scenario: String,
    /// When the lab was started (virtual time, RFC 3339).
    pub started: String,
    /// When the file was exported (virtual time, RFC 3339).
    pub exported: String,
    /// Each step in order.
    pub steps: Vec<StepRecord>,
}

/// One step in a progress file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step's English title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
    /// When it was done (virtual time, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<String>,
    /// How many hints were revealed.
    #[serde(default)]
    pub hints: usize,
}

impl ProgressFile {
    /// Reads a progress file; anything else (a session save, another version) is an error that says what it is.
    pub fn parse(text: &str) -> Result<ProgressFile, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(PROGRESS_FORMAT) => {}
            _ => return Err("not a lab progress file".into()),
        }
        let version = value.get("version").and_then(|v| v.as_u64());
        if version != Some(u64::from(PROGRESS_VERSION)) {
            return Err(format!(
                "unsupported progress file version {}",
                version.map_or_else(|| "(none)".to_owned(), |v| v.to_string())
            ));
        }
        serde_json::from_value(value).map_err(|e| format!("invalid progress file: {e}"))
    }

    /// The file's text, pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Who finished which step of one lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassTable {
    /// The lab's id.
    pub lab: String,
    /// The step titles, from the files (English).
    pub steps: Vec<String>,
    /// One row per learner, sorted by name.
    pub rows: Vec<ClassRow>,
}

/// One learner's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow {
    /// The learner's name.
    pub learner: String,
    /// Per step, when it was done (virtual time), or `None`.
    pub done: Vec<Option<String>>,
    /// How many steps are done.
    pub done_count: usize,
    /// When the file was exported (virtual time).
    pub exported: String,
}

/// Groups progress files by lab, one row per learner (the latest export of a learner wins), labs and learners
/// sorted by name.
pub fn class_tables(files: &[ProgressFile]) -> Vec<ClassTable> {
    let mut labs: BTreeMap<&str, BTreeMap<&str, &ProgressFile>> = BTreeMap::new();
    for file in files {
        let learners = labs.entry(file.lab.as_str()).or_default();
        match learners.get(file.learner.as_str()) {
            Some(seen) if seen.exported > file.exported => {}
            _ => {
                learners.insert(file.learner.as_str(), file);
            }
        }
    }
    labs.into_iter()
        .map(|(lab, learners)| {
            let width = learners.values().map(|f| f.steps.len()).max().unwrap_or(0);
            let steps = learners
                .values()
                .find(|f| f.steps.len() == width)
                .map(|f| f.steps.iter().map(|s| s.title.clone()).collect())
                .unwrap_or_default();
            let rows = learners
                .into_iter()
                .map(|(learner, file)| {
                    let done: Vec<Option<String>> = (0..width)
                        .map(|i| {
                            file.steps
                                .get(i)
                                .filter(|s| s.done)
                                .map(|s| s.done_at.clone().unwrap_or_else(|| "✓".to_owned()))
                        })
                        .collect();
                    ClassRow {
                        learner: learner.to_owned(),
                        done_count: done.iter().filter(|d| d.is_some()).count(),
                        done,
                        exported: file.exported.clone(),
                    }
                })
                .collect();
            ClassTable {
                lab: lab.to_owned(),
                steps,
                rows,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::Lab;

    fn lab() -> Lab {
        Lab::parse(include_str!("../../../lessons/labs/arch-1-3-commands.yaml")).unwrap()
    }

    #[test]
    fn progress_follows_the_session_and_done_steps_stay_done() {
        let lab = lab();
        let mut session = lab.start(1).unwrap();
        let mut progress = Progress::new(&lab);
        let eval = progress.update(&lab, &mut session);
        assert_eq!(progress.started_at, Some(session.cluster.now));
        assert_eq!((eval.step, eval.completed.len()), (0, 0));
        assert!(!eval.results[0].passed);
        assert_eq!(
            eval.results[0].detail.en,
            "logged in as admin (now system:admin)"
        );

        session.exec("oc login -u admin -p redhatocp https://api.ocp4.example.com:6443");
        let eval = progress.update(&lab, &mut session);
        // Logging in as admin satisfies the first three steps' state checks at once, as `Lab::progress` says.
        assert_eq!(eval.completed, vec![0, 1, 2]);
        assert_eq!(eval.step, 3);
        assert_eq!(eval.step, lab.progress(&mut session));
        let failing: Vec<&str> = eval
            .results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.detail.en.as_str())
            .collect();
        assert_eq!(
            failing,
            [
                "namespace myproject exists (not found)",
                "deployment nginx in myproject has 1 ready replicas (now 0)"
            ]
        );
        let done_at = progress.steps[0].done_at.unwrap();
        assert!(Some(done_at) > progress.started_at);

        // A done step stays done when the state that passed it goes away.
        session.exec("oc login -u developer -p developer https://api.ocp4.example.com:6443");
        let eval = progress.update(&lab, &mut session);
        assert_eq!((eval.step, progress.steps[0].done_at), (3, Some(done_at)));

        for line in ["oc new-project myproject", "oc new-app nginx", "sleep 30"] {
            session.exec(line);
        }
        let eval = progress.update(&lab, &mut session);
        assert_eq!((eval.step, eval.completed.clone()), (4, vec![3]));
        assert!(eval.results.is_empty());
        assert!(progress.finished());
        assert_eq!(progress.finished_at(), progress.steps[3].done_at);
    }

    #[test]
    fn hints_are_revealed_one_at_a_time_up_to_the_steps_count() {
        let lab = lab();
        let mut progress = Progress::new(&lab);
        assert!(progress.reveal_hint(&lab, 3));
        assert!(progress.reveal_hint(&lab, 3));
        assert!(!progress.reveal_hint(&lab, 3));
        assert!(!progress.reveal_hint(&lab, 99));
        assert_eq!(progress.steps[3].hints, 2);
    }

    #[test]
    fn progress_files_round_trip_and_reject_other_json() {
        let lab = lab();
        let mut progress = Progress::new(&lab);
        progress.started_at = Some(1_000);
        progress.steps[0].done_at = Some(61_000);
        progress.steps[1].hints = 1;
        let file = progress.export(&lab, " Kim ", 120_000);
        let text = file.to_json();
        let back = ProgressFile::parse(&text).unwrap();
        assert_eq!(back, file);
        assert_eq!(back.learner, "Kim");
        assert_eq!(back.steps.len(), 4);
        assert!(back.steps[0].done && !back.steps[1].done);
        assert_eq!(
            back.steps[0].done_at.as_deref(),
            Some(rfc3339(61_000).as_str())
        );
        assert_eq!(back.started, rfc3339(1_000));

        assert_eq!(
            ProgressFile::parse("{\"engine\": \"x\"}").unwrap_err(),
            "not a lab progress file"
        );
        assert!(
            ProgressFile::parse("nope")
                .unwrap_err()
                .starts_with("not JSON")
        );
        let newer = text.replace("\"version\": 1", "\"version\": 7");
        assert_eq!(
            ProgressFile::parse(&newer).unwrap_err(),
            "unsupported progress file version 7"
        );
    }

    #[test]
    fn the_class_table_has_one_row_per_learner_with_their_latest_file() {
        let lab = lab();
        let mut a = Progress::new(&lab);
        a.steps[0].done_at = Some(10_000);
        let mut b = Progress::new(&lab);
        for (i, s) in b.steps.iter_mut().enumerate() {
            s.done_at = Some(20_000 + i as i64);
        }
        let old_b = Progress::new(&lab).export(&lab, "Bora", 5_000);
        let files = vec![
            b.export(&lab, "Bora", 90_000),
            a.export(&lab, "Ari", 80_000),
            old_b,
        ];
        let tables = class_tables(&files);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.lab, "arch-1-3-commands");
        assert_eq!(table.steps[0], "Log in as admin");
        let summary: Vec<(&str, usize)> = table
            .rows
            .iter()
            .map(|r| (r.learner.as_str(), r.done_count))
            .collect();
        assert_eq!(summary, [("Ari", 1), ("Bora", 4)]);
        assert_eq!(
            table.rows[0].done[0].as_deref(),
            Some(rfc3339(10_000).as_str())
        );
        assert_eq!(table.rows[0].done[1], None);
    }
}
