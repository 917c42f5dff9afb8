//! Snapshots of a booted cluster: every object and the simulation's bookkeeping, saved after a scenario's boot so
//! that a session can start from them in milliseconds instead of simulating hours of virtual boot.
//!
//! A snapshot is taken through the store's public API (`list`) and loaded through it (`put`), in the objects' original
//! resourceVersion order; the clock, the random generator, pending timers, address allocators and the kubelets'
//! caches travel beside the objects. The built-in scenarios' snapshots are generated from their YAML and checked in
//! (`engine/scenarios/*.snapshot.json`); a test proves that a snapshot-loaded session prints exactly what a
//! simulated one prints, and another that the checked-in files are fresh.

use crate::sort::SortShared;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::controllers::network::Ipam;
use super::store::Key;
use super::{Cluster, ScenarioInfo};
use crate::api::kinds::RESOURCES;
use crate::api::{Kind, Object};
use crate::traits::SplitMix64;

/// The version of the snapshot format; a snapshot with another version is refused.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// The seed the built-in scenarios' snapshots are booted with.
pub const SNAPSHOT_SEED: u64 = 1;

/// The golden-ratio increment of the uid and random sequences.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The extra log lines of one container: (pod uid, container) and the timed lines.
type LogLines = ((u64, String), Vec<(i64, String)>);

/// A booted cluster, serialisable.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// The seed the cluster was booted with.
    pub seed: u64,
    /// The scenario's facts.
    pub info: ScenarioInfo,
    /// The virtual time of the snapshot.
    pub now: i64,
    /// How many uids the store had handed out.
    pub uids: u64,
    rng: SplitMix64,
    timers: Vec<((i64, u64), (Kind, Key))>,
    timer_seq: u64,
    ipam: Ipam,
    schedule_start: usize,
    node_images: BTreeSet<(CompactString, String)>,
    node_ips: BTreeMap<CompactString, u32>,
    logs: Vec<LogLines>,
    /// The pods bound to each node, in the order the node's index holds them (`describe node` lists them so).
    pods_on_nodes: Vec<Key>,
    /// Every object, in resourceVersion order.
    pub objects: Vec<Arc<Object>>,
}

impl Cluster {
    /// Takes a snapshot of the cluster as it is now (events and the reconcile trace are not kept).
    pub fn snapshot(&self, seed: u64) -> Snapshot {
        let mut objects: Vec<Arc<Object>> = (0..RESOURCES.len())
            .flat_map(|i| self.store.list(Kind(i as u16), None).cloned())
            .collect();
        objects.sort_shared_by_key(|o| o.meta.resource_version);
        let pods_on_nodes = self
            .store
            .list(crate::api::k::node(), None)
            .flat_map(|node| self.store.pods_on(&node.meta.name))
            .collect();
        // The store's uid counter is private; the next uid it would hand out tells how far it has gone.
        let next = self.store.clone().new_uid();
        let uids = next
            .wrapping_sub(GOLDEN)
            .wrapping_sub(seed | 1)
            .wrapping_mul(inverse(GOLDEN));
        Snapshot {
            format: SNAPSHOT_FORMAT,
            seed,
            info: (*self.info).clone(),
            now: self.now,
            uids,
            rng: self.rng.clone(),
            timers: self.timers.iter().map(|(k, v)| (*k, v.clone())).collect(),
            timer_seq: self.timer_seq,
            ipam: self.ipam.clone(),
            schedule_start: self.sched.next_start(),
            node_images: self
                .node_images
                .iter()
                .flat_map(|(node, images)| images.iter().map(|i| (node.clone(), i.clone())))
                .collect(),
            node_ips: self.node_ips.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            logs: self
                .logs
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            pods_on_nodes,
            objects,
        }
    }

    /// A cluster restored from a snapshot; `seed` drives its randomness from now on.
    ///
    /// With the snapshot's own seed the restored cluster behaves exactly as the one the snapshot was taken from;
    /// with another seed, names and uids generated later differ, as they would in another session.
    pub fn from_snapshot(snapshot: Snapshot, seed: u64) -> Result<Self, String> {
        let mut restore = Restore::new(snapshot, seed)?;
        while restore.put_next() {}
        Ok(restore.finish())
    }

    /// A cluster restored from a snapshot's JSON text.
    pub fn from_snapshot_json(text: &str, seed: u64) -> Result<Self, String> {
        let snapshot: Snapshot =
            serde_json::from_str(text).map_err(|e| format!("unreadable snapshot: {e}"))?;
        Cluster::from_snapshot(snapshot, seed)
    }
}

/// A snapshot being restored in small steps, for a front end that must keep its page responsive while the
/// cluster is built: every [`SnapshotLoad::step`] parses or stores objects only while its `more` budget check says
/// so. The cluster it ends with is the one [`Cluster::from_snapshot_json`] builds from the same text.
pub struct SnapshotLoad {
    text: String,
    seed: u64,
    stage: Stage,
}

/// Where a [`SnapshotLoad`] is.
enum Stage {
    /// Nothing parsed yet.
    Start,
    /// The head is parsed; objects are parsed one line at a time from `at` (a byte offset of the text).
    Objects { head: Box<Snapshot>, at: usize },
    /// Every object is parsed; they are being stored.
    Storing(Box<Restore>),
    /// Finished (or failed); `step` returns nothing more.
    Done,
}

/// What separates a snapshot's head from its objects in [`Snapshot::to_json`]'s layout.
const OBJECTS_START: &str = ",\"objects\":[\n";

impl SnapshotLoad {
    /// Starts restoring the snapshot in `text` (the layout of [`Snapshot::to_json`]; any other valid snapshot JSON
    /// is restored in one step) with `seed`.
    pub fn new(text: String, seed: u64) -> SnapshotLoad {
        SnapshotLoad {
            text,
            seed,
            stage: Stage::Start,
        }
    }

    /// Does at least one piece of work, and more while `more()` says so; returns the cluster, or why it could not
    /// be restored, once the last piece is done (and `None` before that, and after it).
    pub fn step(&mut self, mut more: impl FnMut() -> bool) -> Option<Result<Cluster, String>> {
        loop {
            match self.advance() {
                Ok(true) => {}
                Ok(false) => {
                    let Stage::Storing(restore) = std::mem::replace(&mut self.stage, Stage::Done)
                    else {
                        return None;
                    };
                    return Some(Ok(restore.finish()));
                }
                Err(e) => {
                    self.stage = Stage::Done;
                    return Some(Err(e));
                }
            }
            if !more() {
                return None;
            }
        }
    }

    /// One piece of work; `Ok(false)` when only finishing is left.
    fn advance(&mut self) -> Result<bool, String> {
        let unreadable = |e: serde_json::Error| format!("unreadable snapshot: {e}");
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start => match self.text.find(OBJECTS_START) {
                Some(split) => {
                    let head = format!("{},\"objects\":[]}}", &self.text[..split]);
                    let head: Snapshot = serde_json::from_str(&head).map_err(unreadable)?;
                    Stage::Objects {
                        head: Box::new(head),
                        at: split + OBJECTS_START.len(),
                    }
                }
                None => {
                    let snapshot: Snapshot =
                        serde_json::from_str(&self.text).map_err(unreadable)?;
                    Stage::Storing(Box::new(Restore::new(snapshot, self.seed)?))
                }
            },
            Stage::Objects { mut head, at } => {
                let rest = &self.text[at..];
                let line_end = rest.find('\n').unwrap_or(rest.len());
                let line = rest[..line_end].trim().trim_end_matches(',');
                let object = if line.is_empty() || line.starts_with(']') {
                    None
                } else {
                    serde_json::from_str::<Object>(line).ok()
                };
                match object {
                    Some(object) => {
                        head.objects.push(Arc::new(object));
                        Stage::Objects {
                            head,
                            at: at + (line_end + 1).min(rest.len()),
                        }
                    }
                    None if rest.trim() == "]}" => {
                        Stage::Storing(Box::new(Restore::new(*head, self.seed)?))
                    }
                    // Not the line-per-object layout after all: the whole text in one parse decides.
                    None => {
                        let snapshot: Snapshot =
                            serde_json::from_str(&self.text).map_err(unreadable)?;
                        Stage::Storing(Box::new(Restore::new(snapshot, self.seed)?))
                    }
                }
            }
            Stage::Storing(mut restore) => {
                let more = restore.put_next();
                self.stage = Stage::Storing(restore);
                return Ok(more);
            }
            Stage::Done => return Ok(false),
        };
        Ok(true)
    }
}

/// A cluster being restored from a snapshot: the objects still to store, in order, and the bookkeeping that
/// follows them.
struct Restore {
    cluster: Cluster,
    /// Objects to store, last first: pods in each node's order (so the store indexes them as the booted cluster
    /// did), then every object in resourceVersion order (so the new resourceVersions keep the old order).
    puts: Vec<Arc<Object>>,
    timers: Vec<((i64, u64), (Kind, Key))>,
    timer_seq: u64,
    ipam: Ipam,
    schedule_start: usize,
    node_images: BTreeSet<(CompactString, String)>,
    node_ips: BTreeMap<CompactString, u32>,
    logs: Vec<LogLines>,
}

impl Restore {
    fn new(snapshot: Snapshot, seed: u64) -> Result<Restore, String> {
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(format!(
                "snapshot format {} is not {SNAPSHOT_FORMAT}",
                snapshot.format
            ));
        }
        let Snapshot {
            info,
            now,
            uids,
            rng,
            timers,
            timer_seq,
            ipam,
            schedule_start,
            node_images,
            node_ips,
            logs,
            pods_on_nodes,
            objects,
            ..
        } = snapshot;
        let mut cluster = Cluster::new(info, seed);
        cluster.now = now;
        for _ in 0..uids {
            cluster.store.new_uid();
        }
        if seed == snapshot.seed {
            cluster.rng = rng;
        }
        let pods: std::collections::HashMap<Key, &Arc<Object>> = objects
            .iter()
            .filter(|o| o.kind == crate::api::k::pod())
            .map(|o| ((o.meta.namespace.clone(), o.meta.name.clone()), o))
            .collect();
        let mut puts: Vec<Arc<Object>> = pods_on_nodes
            .iter()
            .filter_map(|key| pods.get(key).map(|pod| Arc::clone(pod)))
            .collect();
        puts.extend(objects);
        puts.reverse();
        Ok(Restore {
            cluster,
            puts,
            timers,
            timer_seq,
            ipam,
            schedule_start,
            node_images,
            node_ips,
            logs,
        })
    }

    /// Stores the next object; `false` when there was none left.
    fn put_next(&mut self) -> bool {
        let Some(object) = self.puts.pop() else {
            return false;
        };
        self.cluster.store.put(Arc::unwrap_or_clone(object));
        true
    }

    fn finish(self) -> Cluster {
        let Restore {
            mut cluster,
            timers,
            timer_seq,
            ipam,
            schedule_start,
            node_images,
            node_ips,
            logs,
            ..
        } = self;
        // Every object is already reconciled: controllers start reading the change log after the restored objects.
        cluster.cursor = cluster.store.revision();
        cluster.store.compact(cluster.cursor);
        cluster.timers = timers.into_iter().collect();
        cluster.timer_seq = timer_seq;
        cluster.ipam = ipam;
        cluster.sched.set_next_start(schedule_start);
        for (node, image) in node_images {
            cluster.node_images.entry(node).or_default().insert(image);
        }
        cluster.node_ips = node_ips.into_iter().collect();
        cluster.logs = logs.into_iter().collect();
        cluster
    }
}

impl Snapshot {
    /// The snapshot as JSON, one object per line so that a regenerated file diffs readably.
    pub fn to_json(&self) -> String {
        let mut head = serde_json::to_value(self).unwrap_or_default();
        let objects = head
            .as_object_mut()
            .and_then(|m| m.remove("objects"))
            .unwrap_or_default();
        let mut out = serde_json::to_string(&head).unwrap_or_default();
        out.pop();
        out.push_str(",\"objects\":[\n");
        let lines: Vec<String> = objects
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| serde_json::to_string(o).unwrap_or_default())
            .collect();
        out.push_str(&lines.join(",\n"));
        out.push_str("\n]}\n");
        out
    }
}

/// The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration).
fn inverse(odd: u64) -> u64 {
    let mut x = odd;
    for _ in 0..6 {
        x = x.wrapping_mul(2u64.wrapping_sub(odd.wrapping_mul(x)));
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in snapshots are what booting the scenario YAML produces today; with `UPDATE_SNAPSHOTS=1` this
    /// test rewrites them.
    #[test]
    fn snapshots_are_fresh() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
        for name in crate::cluster::scenario::BUILT_IN {
            let text = crate::cluster::scenario::built_in(name).unwrap();
            let cluster = Cluster::from_scenario(text, SNAPSHOT_SEED).unwrap();
            let fresh = cluster.snapshot(SNAPSHOT_SEED).to_json();
            let path = dir.join(format!("{name}.snapshot.json"));
            if update {
                std::fs::write(&path, &fresh).unwrap();
            } else {
                let stored = crate::cluster::scenario::built_in_snapshot(name).unwrap();
                assert!(
                    stored == fresh,
                    "{} is stale: run UPDATE_SNAPSHOTS=1 cargo test -p engine snapshots_are_fresh",
                    path.display()
                );
            }
        }
    }

    /// Restores `text` one piece of work per step.
    fn load_in_steps(text: &str, seed: u64) -> Result<Cluster, String> {
        let mut load = SnapshotLoad::new(text.to_owned(), seed);
        loop {
            if let Some(done) = load.step(|| false) {
                return done;
            }
        }
    }

    #[test]
    fn a_snapshot_restored_in_steps_is_the_one_restored_at_once() {
        for name in crate::cluster::scenario::BUILT_IN {
            let text = crate::cluster::scenario::built_in_snapshot(name).unwrap();
            let stepped = load_in_steps(text, SNAPSHOT_SEED).unwrap();
            let at_once = Cluster::from_snapshot_json(text, SNAPSHOT_SEED).unwrap();
            assert!(
                stepped.snapshot(SNAPSHOT_SEED).to_json()
                    == at_once.snapshot(SNAPSHOT_SEED).to_json(),
                "{name} restored in steps is the cluster restored at once"
            );
        }
        // Another layout (one line) restores in one step to the same cluster; a broken text fails as it does at once.
        let text = crate::cluster::scenario::built_in_snapshot("eks").unwrap();
        let compact =
            serde_json::to_string(&Cluster::from_snapshot_json(text, 5).unwrap().snapshot(5))
                .unwrap();
        assert!(
            load_in_steps(&compact, 5).unwrap().snapshot(5).to_json()
                == Cluster::from_snapshot_json(text, 5)
                    .unwrap()
                    .snapshot(5)
                    .to_json()
        );
        for broken in [&text[..text.len() / 2], &text[..text.len() - 3], "{", ""] {
            assert_eq!(
                load_in_steps(broken, 1).err(),
                Cluster::from_snapshot_json(broken, 1).err(),
                "{broken:.40}"
            );
        }
        let trailing = format!("{text}x");
        assert_eq!(
            load_in_steps(&trailing, 1).err(),
            Cluster::from_snapshot_json(&trailing, 1).err()
        );
    }

    #[test]
    fn inverse_of_the_golden_increment() {
        assert_eq!(GOLDEN.wrapping_mul(inverse(GOLDEN)), 1);
    }
}
