//! The UI's state in one place: the reducer for what the shell shows, the shared engine session with its revision,
//! the terminal's scrollback, and the versioned autosave record.

use std::cell::RefCell;
use std::rc::Rc;

use engine::session::Session;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::i18n::Lang;

/// The localStorage key of the autosave; the suffix is the record's format version.
pub const SAVE_KEY: &str = "bastion.save.v1";

/// Where a save that could not be loaded is moved, so it is never lost.
pub const ASIDE_KEY: &str = "bastion.save.v1.aside";

/// How many scrollback lines an autosave keeps.
pub const SAVED_SCROLLBACK: usize = 2_000;

/// The scenarios a learner can pick, the default first.
pub const SCENARIOS: &[&str] = &["ocp4", "eks", "vanilla"];

/// The work area's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// The terminal.
    Terminal,
    /// The cluster view.
    Cluster,
    /// The VPC builder.
    Vpc,
    /// The install walkthrough.
    Install,
    /// The AWS account's services (IAM, Systems Manager, CodeCommit/CodePipeline, billing).
    Aws,
}

impl Tab {
    /// Every tab in display order.
    pub const ALL: [Tab; 5] = [
        Tab::Terminal,
        Tab::Cluster,
        Tab::Vpc,
        Tab::Aws,
        Tab::Install,
    ];

    /// A stable id fragment for DOM ids.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Terminal => "terminal",
            Tab::Cluster => "cluster",
            Tab::Vpc => "vpc",
            Tab::Install => "install",
            Tab::Aws => "aws",
        }
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
}

/// Speeds of the virtual clock while playing (virtual seconds per wall-clock second).
pub const SPEEDS: [u32; 3] = [1, 10, 60];

/// What the shell around the engine shows.
#[derive(Debug, Clone, PartialEq)]
pub struct UiState {
    /// The open work-area tab.
    pub tab: Tab,
    /// The UI language.
    pub lang: Lang,
    /// The theme.
    pub theme: Theme,
    /// The lesson pane's width as a percentage of the split.
    pub split: f64,
    /// Whether the virtual clock runs on its own.
    pub playing: bool,
    /// Virtual seconds per wall-clock second while playing.
    pub speed: u32,
    /// A notice banner (for example, a save that was set aside).
    pub notice: Option<String>,
}

/// Everything that changes [`UiState`].
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Opens a tab.
    SetTab(Tab),
    /// Switches the language.
    SetLang(Lang),
    /// Switches the theme.
    SetTheme(Theme),
    /// Moves the split between the lesson and the work area (percent, clamped).
    SetSplit(f64),
    /// Starts or stops the clock.
    SetPlaying(bool),
    /// Sets the clock's speed.
    SetSpeed(u32),
    /// Shows or clears the notice banner.
    SetNotice(Option<String>),
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::SetTab(tab) => next.tab = tab,
            UiAction::SetLang(lang) => next.lang = lang,
            UiAction::SetTheme(theme) => next.theme = theme,
            UiAction::SetSplit(split) => next.split = split.clamp(20.0, 70.0),
            UiAction::SetPlaying(playing) => next.playing = playing,
            UiAction::SetSpeed(speed) => {
                next.speed = if SPEEDS.contains(&speed) { speed } else { 1 }
            }
            UiAction::SetNotice(notice) => next.notice = notice,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

/// The kind of a scrollback line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// Standard output, prompts and echoed commands.
    Out,
    /// Standard error.
    Err,
}

/// One line of terminal scrollback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Standard output or standard error.
    pub kind: LineKind,
    /// The text, without its newline.
    pub text: String,
}

/// The terminal's scrollback: every line printed since the last clear.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scrollback {
    /// The lines, oldest first.
    pub lines: Vec<Line>,
    /// Whether the last line is still open: its text ended without a newline, so what is printed next continues
    /// it, as `printf a; echo b` prints `ab` and a prompt follows `kubectl get --raw /healthz`'s `ok`.
    pub open: bool,
}

impl Scrollback {
    /// Appends a text as lines of `kind`; a final newline does not add an empty line, and a text without one
    /// leaves its last line open.
    pub fn push_text(&mut self, kind: LineKind, text: &str) {
        if text.is_empty() {
            return;
        }
        let open = !text.ends_with('\n');
        let text = text.strip_suffix('\n').unwrap_or(text);
        self.push_lines(
            text.split('\n')
                .map(|line| Line {
                    kind,
                    text: line.trim_end_matches('\r').to_owned(),
                })
                .collect(),
        );
        self.open = open;
    }

    /// Appends whole lines (an echoed command line, a completion list); the first continues an open line.
    pub fn push_lines(&mut self, lines: Vec<Line>) {
        let mut lines = lines.into_iter();
        if self.open
            && let (Some(last), Some(first)) = (self.lines.last_mut(), lines.next())
        {
            last.text.push_str(&first.text);
        }
        self.lines.extend(lines);
        self.open = false;
    }

    /// Forgets every line.
    pub fn clear(&mut self) {
        self.lines.clear();
        self.open = false;
    }

    /// The last `n` lines.
    pub fn tail(&self, n: usize) -> &[Line] {
        &self.lines[self.lines.len().saturating_sub(n)..]
    }
}

/// The engine session shared by every view, with a revision that changes after every engine change.
///
/// Views that read the session take this from the context; a new revision re-renders them.
#[derive(Clone)]
pub struct SessionCtx {
    /// The engine session, `None` while the cluster is still starting.
    pub session: Option<Rc<RefCell<Session>>>,
    /// The terminal's scrollback.
    pub scrollback: Rc<RefCell<Scrollback>>,
    /// Bumped after every engine change.
    pub revision: u64,
    /// Types a command into the terminal after the prompt and runs it, as if the learner had.
    pub run: Callback<String>,
    /// Performs an engine [`engine::session::Action`] (faults, load) and refreshes every view.
    pub act: Callback<engine::session::Action>,
    /// Runs a complete input the terminal has already echoed (its own Enter key).
    pub exec_echoed: Callback<String>,
    /// Closes a pending `kubectl edit` with this text and prints its output.
    pub finish_edit: Callback<String>,
    /// Prints lines into the terminal without running anything (Ctrl-C, completion lists).
    pub print: Callback<Vec<Line>>,
    /// Clears the terminal (Ctrl-L).
    pub clear: Callback<()>,
}

impl PartialEq for SessionCtx {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && Rc::ptr_eq(&self.scrollback, &other.scrollback)
            && match (&self.session, &other.session) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// The autosave record: the engine's own save plus the UI around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveRecord {
    /// `Session::save()`: scenario, seed and the journal replayed on load.
    pub engine: String,
    /// The open tab.
    pub tab: Tab,
    /// The UI language.
    pub lang: Lang,
    /// The theme.
    pub theme: Theme,
    /// The split position.
    #[serde(default = "default_split")]
    pub split: f64,
    /// The last lines of the terminal.
    pub scrollback: Vec<Line>,
    /// The current lab's progress (`crate::labs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<engine::labs::Progress>,
}

fn default_split() -> f64 {
    DEFAULT_SPLIT
}

/// The lesson pane's default width in percent.
pub const DEFAULT_SPLIT: f64 = 42.0;

/// What starting the app found in storage.
pub enum Restored {
    /// Nothing saved.
    Nothing,
    /// A save whose outer record reads; its engine part is replayed while the cluster starts.
    Record(SaveRecord),
    /// A save that cannot be read; it was moved to [`ASIDE_KEY`] with this reason.
    SetAside(String),
}

/// Reads the autosave; an unreadable one is moved aside (never deleted).
pub fn read_save() -> Restored {
    let Ok(text) = LocalStorage::raw().get_item(SAVE_KEY) else {
        return Restored::Nothing;
    };
    let Some(text) = text else {
        return Restored::Nothing;
    };
    match serde_json::from_str::<SaveRecord>(&text) {
        Ok(record) => Restored::Record(record),
        Err(e) => {
            set_aside(&text);
            Restored::SetAside(format!("unreadable save record: {e}"))
        }
    }
}

/// Moves a save that cannot be loaded to [`ASIDE_KEY`] and removes it from [`SAVE_KEY`].
pub fn set_aside(text: &str) {
    let storage = LocalStorage::raw();
    let _ = storage.set_item(ASIDE_KEY, text);
    let _ = storage.remove_item(SAVE_KEY);
}

/// Writes the autosave, unless a panic happened (a panicking app must not overwrite the last good save).
pub fn write_save(record: &SaveRecord) {
    if crate::components::error_panel::panicked() {
        return;
    }
    if let Ok(text) = serde_json::to_string(record) {
        let _ = LocalStorage::raw().set_item(SAVE_KEY, &text);
    }
}

/// Removes the autosave (reset and scenario switch write a fresh one right after).
pub fn clear_save() {
    let _ = LocalStorage::raw().remove_item(SAVE_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrollback_splits_lines_and_drops_the_final_newline() {
        let mut sb = Scrollback::default();
        sb.push_text(LineKind::Out, "a\nb\n");
        sb.push_text(LineKind::Err, "c");
        sb.push_text(LineKind::Out, "");
        let texts: Vec<&str> = sb.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        assert_eq!(sb.lines[2].kind, LineKind::Err);
        assert_eq!(sb.tail(2).len(), 2);
        assert_eq!(sb.tail(10).len(), 3);
    }

    #[test]
    fn text_without_a_final_newline_is_continued() {
        let mut sb = Scrollback::default();
        sb.push_text(LineKind::Out, "a");
        sb.push_text(LineKind::Out, "b\nc");
        sb.push_lines(vec![Line {
            kind: LineKind::Out,
            text: "$ ls".to_owned(),
        }]);
        sb.push_text(LineKind::Out, "d\n");
        sb.push_text(LineKind::Out, "e\n");
        let texts: Vec<&str> = sb.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["ab", "c$ ls", "d", "e"]);
        sb.clear();
        assert!(sb.lines.is_empty() && !sb.open);
    }

    #[test]
    fn the_reducer_clamps_the_split_and_unknown_speeds() {
        let state = Rc::new(UiState {
            tab: Tab::Terminal,
            lang: Lang::En,
            theme: Theme::Dark,
            split: DEFAULT_SPLIT,
            playing: false,
            speed: 1,
            notice: None,
        });
        let state = state.reduce(UiAction::SetSplit(95.0));
        assert_eq!(state.split, 70.0);
        let state = state.reduce(UiAction::SetSpeed(7));
        assert_eq!(state.speed, 1);
        let state = state.reduce(UiAction::SetSpeed(60));
        assert_eq!(state.speed, 60);
    }
}
