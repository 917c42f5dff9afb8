//! A session built in small steps, for a front end that must keep its page responsive while the cluster starts: the
//! boot snapshot is parsed and stored a few objects at a time, and a save's journal is replayed one entry at a time.

use super::{Journaled, SAVE_VERSION, Saved, Session};
use crate::cluster::scenario::built_in_snapshot;
use crate::cluster::snapshot::SnapshotLoad;

/// A session on its way: [`SessionBoot::step`] until it returns the session [`Session::new`] or [`Session::load`]
/// would have returned.
pub struct SessionBoot {
    scenario: String,
    seed: u64,
    stage: Stage,
}

enum Stage {
    /// Restoring the scenario's boot snapshot; then replaying `replay`, if any.
    Cluster {
        load: Box<SnapshotLoad>,
        replay: Option<Replay>,
    },
    /// Replaying a save's journal on the booted session.
    Replaying(Box<Session>, Replay),
    /// Finished (or failed).
    Done,
}

/// What is left of a save to replay: its journal entries, last first, and the virtual time it was saved at.
struct Replay {
    entries: Vec<Journaled>,
    now: i64,
}

impl SessionBoot {
    /// Starts a fresh session on a built-in scenario, as [`Session::new`] does.
    pub fn new(scenario: &str, seed: u64) -> Result<SessionBoot, String> {
        SessionBoot::start(scenario, seed, None)
    }

    /// Starts restoring a saved session, as [`Session::load`] does; an unreadable or old save is an error at once.
    pub fn load(text: &str) -> Result<SessionBoot, String> {
        let saved: Saved =
            serde_json::from_str(text).map_err(|e| format!("unreadable save: {e}"))?;
        if saved.version != SAVE_VERSION {
            return Err(format!(
                "save format {} is not {SAVE_VERSION}",
                saved.version
            ));
        }
        let mut entries = saved.journal;
        entries.reverse();
        let replay = Replay {
            entries,
            now: saved.now,
        };
        SessionBoot::start(&saved.scenario, saved.seed, Some(replay))
    }

    fn start(scenario: &str, seed: u64, replay: Option<Replay>) -> Result<SessionBoot, String> {
        let text = built_in_snapshot(scenario)
            .ok_or_else(|| format!("unknown scenario \"{scenario}\""))?;
        Ok(SessionBoot {
            scenario: scenario.to_owned(),
            seed,
            stage: Stage::Cluster {
                load: Box::new(SnapshotLoad::new(text.to_owned(), seed)),
                replay,
            },
        })
    }

    /// Does at least one piece of work (storing a few objects, replaying one journal entry), and more while
    /// `more()` says so; returns the session, or why it could not be made, once done (`None` before that).
    pub fn step(&mut self, mut more: impl FnMut() -> bool) -> Option<Result<Session, String>> {
        loop {
            match std::mem::replace(&mut self.stage, Stage::Done) {
                Stage::Cluster { mut load, replay } => match load.step(&mut more) {
                    None => {
                        self.stage = Stage::Cluster { load, replay };
                        return None;
                    }
                    Some(Err(e)) => return Some(Err(e)),
                    Some(Ok(cluster)) => {
                        let session = Session::with_cluster(&self.scenario, self.seed, cluster);
                        match replay {
                            None => return Some(Ok(session)),
                            Some(replay) => {
                                self.stage = Stage::Replaying(Box::new(session), replay);
                            }
                        }
                    }
                },
                Stage::Replaying(mut session, mut replay) => match replay.entries.pop() {
                    Some(entry) => {
                        if entry.at > session.cluster.now {
                            session.pass_time(entry.at - session.cluster.now);
                        }
                        session.act(entry.action);
                        self.stage = Stage::Replaying(session, replay);
                    }
                    None => {
                        if replay.now > session.cluster.now {
                            session.pass_time(replay.now - session.cluster.now);
                        }
                        return Some(Ok(*session));
                    }
                },
                Stage::Done => return None,
            }
            if !more() {
                return None;
            }
        }
    }
}
