//! Snapshots of a booted cluster: every object and the simulation's bookkeeping, saved after a scenario's boot so
//! that a session can start from them in milliseconds instead of simulating hours of virtual boot.
//!
//! A snapshot is taken through the store's public API (`list`) and loaded through it (`put`), in the objects' original
//! resourceVersion order; the clock, the random generator, pending timers, address allocators and the kubelets'
//! caches travel beside the objects. The built-in scenarios' snapshots are generated from their YAML and checked in
//! (`engine/scenarios/*.snapshot.json`); a test proves that a snapshot-loaded session prints exactly what a
//! simulated one prints, and another that the checked-in files are fresh.

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
        objects.sort_by_key(|o| o.meta.resource_version);
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
            node_images: self.node_images.clone(),
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
        // Pods first, in each node's order, so that the store indexes them as the booted cluster did; then every
        // object in resourceVersion order, so that the new resourceVersions keep the old order.
        let pods: std::collections::HashMap<Key, &Arc<Object>> = objects
            .iter()
            .filter(|o| o.kind == crate::api::k::pod())
            .map(|o| ((o.meta.namespace.clone(), o.meta.name.clone()), o))
            .collect();
        for key in &pods_on_nodes {
            if let Some(pod) = pods.get(key) {
                cluster.store.put(Object::clone(pod));
            }
        }
        for object in objects {
            cluster.store.put(Arc::unwrap_or_clone(object));
        }
        // Every object is already reconciled: controllers start reading the change log after the restored objects.
        cluster.cursor = cluster.store.revision();
        cluster.store.compact(cluster.cursor);
        cluster.timers = timers.into_iter().collect();
        cluster.timer_seq = timer_seq;
        cluster.ipam = ipam;
        cluster.sched.set_next_start(schedule_start);
        cluster.node_images = node_images;
        cluster.node_ips = node_ips.into_iter().collect();
        cluster.logs = logs.into_iter().collect();
        Ok(cluster)
    }

    /// A cluster restored from a snapshot's JSON text.
    pub fn from_snapshot_json(text: &str, seed: u64) -> Result<Self, String> {
        let snapshot: Snapshot =
            serde_json::from_str(text).map_err(|e| format!("unreadable snapshot: {e}"))?;
        Cluster::from_snapshot(snapshot, seed)
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

    #[test]
    fn inverse_of_the_golden_increment() {
        assert_eq!(GOLDEN.wrapping_mul(inverse(GOLDEN)), 1);
    }
}
