//! The lab player's state: which view the lesson slot shows, the current lab's progress (saved with the session),
//! the last evaluation of its checks, and the instructor's switches.

use std::rc::Rc;

use engine::labs::{Evaluation, Progress};
use yew::prelude::*;

/// What the lesson slot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabView {
    /// The lesson pane.
    Lesson,
    /// The list of labs.
    List,
    /// The current lab.
    Player,
    /// The instructor's class progress table.
    Class,
}

/// The lab player's state.
#[derive(Debug, Clone, PartialEq)]
pub struct LabState {
    /// What the lesson slot shows.
    pub view: LabView,
    /// The current lab's progress, `None` before a lab is started.
    pub progress: Option<Progress>,
    /// A lab opened from a lesson link that is not the current lab: the player shows it with a Start button.
    pub preview: Option<String>,
    /// The last evaluation of the current lab against the session.
    pub evaluation: Option<Evaluation>,
    /// Whether instructor mode is on (remembered in the browser).
    pub instructor: bool,
    /// Whether presentation mode (large type) is on.
    pub presenting: bool,
}

/// Everything that changes [`LabState`].
#[derive(Debug, Clone, PartialEq)]
pub enum LabAction {
    /// Shows a view.
    Show(LabView),
    /// Opens a lab in the player: the current lab as it is, another one as a preview to start.
    Open(String),
    /// Makes `progress` the current lab (fresh) and shows the player.
    Start(Progress),
    /// Stores an evaluation and the progress it updated.
    Evaluated(Evaluation, Progress),
    /// Reveals the next hint of a step.
    RevealHint(usize),
    /// Turns instructor mode on or off (presentation mode ends with it).
    SetInstructor(bool),
    /// Turns presentation mode on or off.
    SetPresenting(bool),
}

impl LabState {
    /// The state at start: the saved progress (its lab open when there is one) and the remembered instructor mode.
    pub fn restored(progress: Option<Progress>, instructor: bool) -> LabState {
        LabState {
            view: if progress.is_some() {
                LabView::Player
            } else {
                LabView::Lesson
            },
            progress,
            preview: None,
            evaluation: None,
            instructor,
            presenting: false,
        }
    }
}

impl Reducible for LabState {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LabAction::Show(view) => {
                next.view = view;
                next.preview = None;
            }
            LabAction::Open(id) => {
                next.view = LabView::Player;
                let current = next.progress.as_ref().is_some_and(|p| p.lab == id);
                next.preview = (!current && super::catalog::lab(&id).is_some()).then_some(id);
            }
            LabAction::Start(progress) => {
                next.preview = None;
                next.progress = Some(progress);
                next.evaluation = None;
                next.view = LabView::Player;
            }
            LabAction::Evaluated(evaluation, evaluated) => {
                // Only what an evaluation decides (start time, done steps) is taken, so a hint revealed
                // meanwhile is kept; an evaluation of a lab that is no longer current is dropped.
                if let Some(progress) = next.progress.as_mut()
                    && progress.lab == evaluated.lab
                {
                    if progress.started_at.is_none() {
                        progress.started_at = evaluated.started_at;
                    }
                    progress
                        .steps
                        .resize(evaluated.steps.len(), Default::default());
                    for (mine, theirs) in progress.steps.iter_mut().zip(&evaluated.steps) {
                        if mine.done_at.is_none() {
                            mine.done_at = theirs.done_at;
                        }
                    }
                    next.evaluation = Some(evaluation);
                }
            }
            LabAction::RevealHint(step) => {
                if let Some(progress) = next.progress.as_mut()
                    && let Some(lab) = super::catalog::lab(&progress.lab)
                {
                    progress.reveal_hint(lab, step);
                }
            }
            LabAction::SetInstructor(on) => {
                next.instructor = on;
                if !on {
                    next.presenting = false;
                    if next.view == LabView::Class {
                        next.view = LabView::List;
                    }
                }
            }
            LabAction::SetPresenting(on) => next.presenting = on && next.instructor,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_reveal_one_at_a_time_and_presentation_needs_instructor_mode() {
        let lab = super::super::catalog::lab("arch-1-3-commands").unwrap();
        let state = Rc::new(LabState::restored(None, false));
        assert_eq!(state.view, LabView::Lesson);
        let state = state.reduce(LabAction::Start(Progress::new(lab)));
        assert_eq!(state.view, LabView::Player);
        let state = state.reduce(LabAction::RevealHint(3));
        assert_eq!(state.progress.as_ref().unwrap().steps[3].hints, 1);
        let state = state.reduce(LabAction::RevealHint(3));
        let state = state.reduce(LabAction::RevealHint(3));
        assert_eq!(state.progress.as_ref().unwrap().steps[3].hints, 2);

        let state = state.reduce(LabAction::SetPresenting(true));
        assert!(!state.presenting);
        let state = state.reduce(LabAction::SetInstructor(true));
        let state = state.reduce(LabAction::SetPresenting(true));
        assert!(state.presenting);
        let state = state.reduce(LabAction::SetInstructor(false));
        assert!(!state.presenting);
    }

    #[test]
    fn an_evaluation_of_another_lab_is_dropped() {
        let a = super::super::catalog::lab("arch-1-3-commands").unwrap();
        let b = super::super::catalog::lab("deploy-route-selfheal").unwrap();
        let state = Rc::new(LabState::restored(Some(Progress::new(a)), false));
        assert_eq!(state.view, LabView::Player);
        let stale = Evaluation {
            step: 0,
            results: Vec::new(),
            completed: vec![0],
        };
        let mut other = Progress::new(b);
        other.steps[0].done_at = Some(5);
        let after = state.clone().reduce(LabAction::Evaluated(stale, other));
        assert!(Rc::ptr_eq(&after, &state));
    }
}
