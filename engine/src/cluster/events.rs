//! Events: what controllers and kubelets report about objects, de-duplicated the way the event correlator does.

use std::collections::VecDeque;

use compact_str::CompactString;
use serde_json::{Value, json};

use crate::api::object::uid_string;
use crate::api::time::rfc3339;
use crate::api::{Kind, Object};

/// `Normal` or `Warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EventType {
    /// Routine.
    Normal,
    /// Something may be wrong.
    Warning,
}

/// One (possibly repeated) event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// What the event's own name (`<object>.<hex>`) ends with; see [`Event::name`]. The name is spelled when read,
    /// which keeps recording an event (thousands a second while pods start) cheap.
    pub name_suffix: u64,
    /// The namespace of the object it is about (`default` for cluster-scoped objects).
    pub namespace: CompactString,
    /// The kind of the object it is about.
    pub kind: Kind,
    /// The object's name.
    pub object: CompactString,
    /// The object's uid.
    pub uid: u64,
    /// Normal or Warning.
    pub kind_of: EventType,
    /// A short CamelCase reason (`Scheduled`, `Pulling`, `BackOff`).
    pub reason: CompactString,
    /// The message.
    pub message: String,
    /// The reporting component (`default-scheduler`, `kubelet`).
    pub source: CompactString,
    /// The host of the reporting kubelet, if any.
    pub host: Option<CompactString>,
    /// First occurrence.
    pub first: i64,
    /// Last occurrence.
    pub last: i64,
    /// How many times it happened.
    pub count: u32,
}

/// The recent events, bounded (real clusters keep them for an hour).
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    events: VecDeque<Event>,
    seq: u64,
    /// Where a message is spelled before it is compared with the recent events, reused from event to event.
    scratch: String,
}

/// What the event correlator's aggregation made of a new warning.
enum Aggregated {
    /// Recorded as it is.
    Alone,
    /// Recorded with this combined message.
    Combined(String),
    /// Folded into the combined event already there.
    Folded,
}

/// How many events are kept.
const LIMIT: usize = 5000;

impl EventLog {
    /// Records an event, folding it into an identical recent one.
    ///
    /// The message is spelled into a reused buffer and, once the log is full, into the buffer of the event it
    /// evicts, so that recording the thousands of events of a cluster starting its pods allocates nothing.
    pub fn record(
        &mut self,
        object: &Object,
        kind_of: EventType,
        reason: &str,
        message: &dyn std::fmt::Display,
        source: &str,
        now: i64,
    ) {
        use std::fmt::Write as _;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let _ = write!(text, "{message}");
        self.record_text(object, kind_of, reason, &text, source, now);
        self.scratch = text;
    }

    fn record_text(
        &mut self,
        object: &Object,
        kind_of: EventType,
        reason: &str,
        message: &str,
        source: &str,
        now: i64,
    ) {
        let (source, host) = match source.split_once('@') {
            Some((s, h)) => (s, Some(CompactString::from(h))),
            None => (source, None),
        };
        if let Some(e) = self.events.iter_mut().rev().take(8).find(|e| {
            e.uid == object.meta.uid
                && e.reason == reason
                && e.message == message
                && e.source == source
        }) {
            e.count += 1;
            e.last = now;
            return;
        }
        let combined = match self.aggregate(object, kind_of, reason, message, source, now) {
            Aggregated::Folded => return,
            Aggregated::Combined(text) => Some(text),
            Aggregated::Alone => None,
        };
        let evicted = if self.events.len() >= LIMIT {
            self.events.pop_front()
        } else {
            if self.events.len() == self.events.capacity() {
                // Grow by doubling, but never past the limit (plain doubling would leave room for 8,192 events).
                let len = self.events.len();
                self.events.reserve_exact(len.max(4).min(LIMIT - len));
            }
            None
        };
        // The evicted event's buffers take the new name and message: pod names are one byte longer than a
        // CompactString holds inline, so this saves allocations and frees per event once the log is full.
        let (object_name, message) = match evicted {
            Some(Event {
                object: mut name,
                message: mut text,
                ..
            }) => {
                name.clear();
                name.push_str(&object.meta.name);
                text.clear();
                text.push_str(combined.as_deref().unwrap_or(message));
                (name, text)
            }
            None => (
                object.meta.name.clone(),
                combined.unwrap_or_else(|| message.to_owned()),
            ),
        };
        self.seq += 1;
        let namespace = if object.meta.namespace.is_empty() {
            "default".into()
        } else {
            object.meta.namespace.clone()
        };
        self.events.push_back(Event {
            name_suffix: (now as u64).wrapping_mul(1_000_003).wrapping_add(self.seq),
            namespace,
            kind: object.kind,
            object: object_name,
            uid: object.meta.uid,
            kind_of,
            reason: reason.into(),
            message,
            source: source.into(),
            host,
            first: now,
            last: now,
            count: 1,
        });
    }

    /// The event correlator's aggregation: once nine warnings about an object with the same reason and source but
    /// different messages happened within ten minutes, further ones fold into one `(combined from similar events)`
    /// event carrying the latest message.
    ///
    /// Only warnings are aggregated, and only among the recent events, which keeps the kubelet's hot path free of it
    /// (the real correlator aggregates normal events too).
    fn aggregate(
        &mut self,
        object: &Object,
        kind_of: EventType,
        reason: &str,
        message: &str,
        source: &str,
        now: i64,
    ) -> Aggregated {
        const COMBINED: &str = "(combined from similar events): ";
        const WINDOW: i64 = 10 * 60 * 1000;
        if kind_of != EventType::Warning {
            return Aggregated::Alone;
        }
        let similar = |e: &&mut Event| {
            e.uid == object.meta.uid
                && e.reason == reason
                && e.source == source
                && e.kind_of == kind_of
                && now - e.last <= WINDOW
        };
        let mut distinct = 0;
        for e in self.events.iter_mut().rev().take(64).filter(similar) {
            if e.message.starts_with(COMBINED) {
                e.message = format!("{COMBINED}{message}");
                e.count += 1;
                e.last = now;
                return Aggregated::Folded;
            }
            distinct += 1;
        }
        if distinct >= 9 {
            Aggregated::Combined(format!("{COMBINED}{message}"))
        } else {
            Aggregated::Alone
        }
    }

    /// Every event, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.iter()
    }

    /// The events about the object with `uid`, oldest first.
    pub fn about(&self, uid: u64) -> Vec<&Event> {
        self.events.iter().filter(|e| e.uid == uid).collect()
    }

    /// Removes the events about the object with `uid` (when it is deleted for good, after a while).
    pub fn forget(&mut self, uid: u64) {
        self.events.retain(|e| e.uid != uid);
    }
}

impl Event {
    /// The event's own name: the object's name and a hexadecimal suffix.
    pub fn name(&self) -> String {
        format!("{}.{:016x}", self.object, self.name_suffix)
    }

    /// The event as a `v1` Event object in JSON.
    pub fn to_json(&self) -> Value {
        let mut involved = serde_json::Map::new();
        involved.insert("apiVersion".into(), json!(self.kind.api_version()));
        involved.insert("kind".into(), json!(self.kind.info().kind));
        involved.insert("name".into(), json!(self.object.as_str()));
        if self.kind.info().namespaced {
            involved.insert("namespace".into(), json!(self.namespace.as_str()));
        }
        involved.insert("uid".into(), json!(uid_string(self.uid)));
        let mut source = serde_json::Map::new();
        source.insert("component".into(), json!(self.source.as_str()));
        if let Some(h) = &self.host {
            source.insert("host".into(), json!(h.as_str()));
        }
        json!({
            "apiVersion": "v1",
            "count": self.count,
            "eventTime": null,
            "firstTimestamp": rfc3339(self.first),
            "involvedObject": involved,
            "kind": "Event",
            "lastTimestamp": rfc3339(self.last),
            "message": self.message,
            "metadata": {
                "creationTimestamp": rfc3339(self.first),
                "name": self.name(),
                "namespace": self.namespace.as_str(),
                "resourceVersion": self.last.to_string(),
                "uid": uid_string(self.uid ^ self.first as u64),
            },
            "reason": self.reason.as_str(),
            "reportingComponent": self.source.as_str(),
            "reportingInstance": self.host.as_deref().unwrap_or(""),
            "source": source,
            "type": match self.kind_of { EventType::Normal => "Normal", EventType::Warning => "Warning" },
        })
    }
}
