//! ResourceQuota and LimitRange: the LimitRanger and ResourceQuota admission plugins, and the usage the quota
//! controller keeps in each quota's `status`.
//!
//! Admission runs for objects users create and for the pods controllers create; a namespace without quotas or
//! limit ranges costs one map lookup per kind.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value, json};

use super::store::Store;
use super::{Action, Cluster};
use crate::api::{ApiError, Kind, Object, k};
use crate::printers::quantity::Quantity;

/// The quantity maps of a LimitRange item, in the order the API server and `kubectl describe` visit them.
pub const LIMIT_KEYS: [&str; 5] = [
    "max",
    "min",
    "default",
    "defaultRequest",
    "maxLimitRequestRatio",
];

/// A resource list (`requests`, `limits`, `hard`, `used`), by resource name.
pub type ResourceList = BTreeMap<String, Quantity>;

/// The `ResourceQuota` kind.
pub fn resource_quota() -> Kind {
    static KIND: OnceLock<Kind> = OnceLock::new();
    *KIND.get_or_init(|| Kind::from_kind("ResourceQuota", Some("")).expect("kind in table"))
}

/// The `LimitRange` kind.
pub fn limit_range() -> Kind {
    static KIND: OnceLock<Kind> = OnceLock::new();
    *KIND.get_or_init(|| Kind::from_kind("LimitRange", Some("")).expect("kind in table"))
}

/// Admits a new object: completes a LimitRange's or ResourceQuota's own defaults, applies the namespace's
/// LimitRange defaults to a pod and checks its limits, then checks every ResourceQuota of the namespace.
pub fn admit_create(cluster: &Cluster, object: &mut Object) -> Result<(), ApiError> {
    admit_update(object)?;
    if object.kind == k::pod() {
        requests_from_limits(object);
    }
    let ns = object.meta.namespace.clone();
    let ranges = if ns.is_empty() {
        Vec::new()
    } else {
        in_namespace(&cluster.store, limit_range(), &ns)
    };
    if object.kind == k::pod() {
        // LimitRanger's defaults are a mutating step: the pod is validated with them.
        for range in &ranges {
            apply_defaults(
                object,
                range.spec()["limits"].as_array().map_or(&[], Vec::as_slice),
            );
        }
        requests_within_limits(object)?;
    }
    if ns.is_empty() {
        return Ok(());
    }
    let quotas = in_namespace(&cluster.store, resource_quota(), &ns);
    if ranges.is_empty() && quotas.is_empty() {
        return Ok(());
    }
    if !ranges.is_empty() && (object.kind == k::pod() || object.kind == k::pvc()) {
        limit_ranger(object, &ranges)?;
    }
    if !quotas.is_empty() {
        check_quotas(cluster, object, &quotas, object_usage(cluster, object))?;
    }
    Ok(())
}

/// Completes the server-side defaults of a LimitRange or ResourceQuota being written and validates a LimitRange;
/// other kinds are unchanged.
pub fn admit_update(object: &mut Object) -> Result<(), ApiError> {
    if object.kind == limit_range() {
        default_limit_range(object);
        let causes = super::limit_range::validate(object.spec());
        if !causes.is_empty() {
            return Err(ApiError::invalid(object.kind, &object.meta.name, &causes));
        }
        canonical_limit_range(object);
    } else if object.kind == resource_quota() {
        let spec = object.spec_mut();
        if let Some(hard) = spec.get_mut("hard").and_then(Value::as_object_mut) {
            canonical(hard);
        }
    }
    Ok(())
}

/// The ResourceQuota plugin on an update. In Kubernetes 1.27 only the service and claim evaluators handle
/// updates (a service's type may change, a claim may be expanded; pod resizing is behind a disabled feature gate
/// and object counts only change on create): the change in usage is checked, and a change that adds nothing passes.
pub fn admit_change(cluster: &Cluster, old: &Object, new: &Object) -> Result<(), ApiError> {
    if new.kind != k::service() && new.kind != k::pvc() {
        return Ok(());
    }
    let quotas = in_namespace(&cluster.store, resource_quota(), &new.meta.namespace);
    if quotas.is_empty() {
        return Ok(());
    }
    let mut delta = object_usage(cluster, new);
    for (r, q) in object_usage(cluster, old) {
        let d = delta.get(&r).copied().unwrap_or_default().add(&Quantity {
            milli: -q.milli,
            binary: q.binary,
        });
        delta.insert(r, d);
    }
    delta.retain(|_, q| q.milli != 0);
    check_quotas(cluster, new, &quotas, delta)
}

/// The quota controller: keeps `status.hard` equal to `spec.hard` and `status.used` to what the namespace uses.
pub fn reconcile(cluster: &mut Cluster, quota: &Arc<Object>) -> Action {
    let hard = resource_list(&quota.spec()["hard"]);
    let used = usage(cluster, &quota.meta.namespace, &hard, quota.spec());
    let status = json!({"hard": to_json(&hard), "used": to_json(&used)});
    if *quota.status_json() != status {
        let mut next = (**quota).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    Action::Await
}

/// Adds to `dirty` the quotas of the namespace of a changed object that counts against quotas.
pub fn dispatch(store: &Store, object: &Object, dirty: &mut super::controllers::Dirty) {
    let kind = resource_quota();
    if store.count(kind) == 0 || object.kind == kind || object.meta.namespace.is_empty() {
        return;
    }
    if object.kind == k::event() || object.kind == k::endpoints() {
        return;
    }
    for quota in store.list(kind, Some(&object.meta.namespace)) {
        dirty.insert((
            kind,
            (quota.meta.namespace.clone(), quota.meta.name.clone()),
        ));
    }
}

/// Reads a JSON resource list; values that are not quantities are left out.
pub fn resource_list(value: &Value) -> ResourceList {
    value
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| quantity(v).map(|q| (k.clone(), q)))
                .collect()
        })
        .unwrap_or_default()
}

fn quantity(value: &Value) -> Option<Quantity> {
    match value {
        Value::String(s) => Quantity::parse(s),
        Value::Number(n) => Quantity::parse(&n.to_string()),
        _ => None,
    }
}

fn to_json(list: &ResourceList) -> Value {
    Value::Object(
        list.iter()
            .map(|(k, q)| (k.clone(), Value::String(q.to_string())))
            .collect(),
    )
}

/// Rewrites every quantity of a JSON resource list in canonical form, as the API server stores them.
fn canonical(map: &mut Map<String, Value>) {
    for value in map.values_mut() {
        if let Some(q) = quantity(value) {
            *value = Value::String(q.to_string());
        }
    }
}

fn in_namespace(store: &Store, kind: Kind, ns: &str) -> Vec<Arc<Object>> {
    if store.count(kind) == 0 {
        return Vec::new();
    }
    store.list(kind, Some(ns)).cloned().collect()
}

/// The API server's pod defaulting: a container that states a limit but no request for a resource requests its
/// limit. The pod is copied only when something changes.
fn requests_from_limits(pod: &mut Object) {
    let needs = |c: &Value| {
        c["resources"]["limits"].as_object().is_some_and(|limits| {
            limits
                .keys()
                .any(|r| c["resources"]["requests"].get(r).is_none())
        })
    };
    if !pod.spec()["containers"]
        .as_array()
        .is_some_and(|cs| cs.iter().any(needs))
    {
        return;
    }
    let spec = pod.spec_mut();
    for c in spec
        .get_mut("containers")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        let Some(resources) = c.get_mut("resources").and_then(Value::as_object_mut) else {
            continue;
        };
        let Some(limits) = resources.get("limits").and_then(Value::as_object).cloned() else {
            continue;
        };
        let requests = resources.entry("requests").or_insert_with(|| json!({}));
        if let Some(requests) = requests.as_object_mut() {
            for (r, q) in limits {
                requests.entry(r).or_insert(q);
            }
        }
    }
}

/// The API server's LimitRange defaulting: a container's default limit falls back to its max, its default request
/// to its default limit and then to its min.
fn default_limit_range(object: &mut Object) {
    let spec = object.spec_mut();
    let Some(limits) = spec.get_mut("limits").and_then(Value::as_array_mut) else {
        return;
    };
    for item in limits.iter_mut().filter_map(Value::as_object_mut) {
        if item.get("type").and_then(Value::as_str) != Some("Container") {
            continue;
        }
        let mut default = item
            .get("default")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut request = item
            .get("defaultRequest")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (from, into) in [("max", 0), ("default", 1), ("min", 1)] {
            let source = if from == "default" {
                default.clone()
            } else {
                item.get(from)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default()
            };
            let target = if into == 0 {
                &mut default
            } else {
                &mut request
            };
            for (k, v) in source {
                target.entry(k).or_insert(v);
            }
        }
        if !default.is_empty() {
            item.insert("default".into(), Value::Object(default));
        }
        if !request.is_empty() {
            item.insert("defaultRequest".into(), Value::Object(request));
        }
    }
}

/// Rewrites a LimitRange's quantities in canonical form, as the API server stores them.
fn canonical_limit_range(object: &mut Object) {
    let spec = object.spec_mut();
    for item in spec
        .get_mut("limits")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        for key in LIMIT_KEYS {
            if let Some(m) = item.get_mut(key).and_then(Value::as_object_mut) {
                canonical(m);
            }
        }
    }
}

/// The API's validation that no container requests more than its limit (after LimitRanger's defaults).
fn requests_within_limits(pod: &Object) -> Result<(), ApiError> {
    let mut causes = Vec::new();
    for (field, list) in ["containers", "initContainers"]
        .iter()
        .filter_map(|f| Some((*f, pod.spec()[*f].as_array()?)))
    {
        for (i, c) in list.iter().enumerate() {
            let limits = resource_list(&c["resources"]["limits"]);
            if limits.is_empty() {
                continue;
            }
            for (r, q) in resource_list(&c["resources"]["requests"]) {
                if let Some(l) = limits.get(&r).filter(|l| q.milli > l.milli) {
                    causes.push(format!(
                        "spec.{field}[{i}].resources.requests: Invalid value: \"{q}\": must be less than or equal to {r} limit of {l}"
                    ));
                }
            }
        }
    }
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(pod.kind, &pod.meta.name, &causes))
    }
}

/// The LimitRanger plugin's checks for a new pod (its defaults are already applied) or claim.
fn limit_ranger(object: &mut Object, ranges: &[Arc<Object>]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    for range in ranges {
        let items: Vec<Value> = range.spec()["limits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if object.kind == k::pod() {
            validate_pod(object, &items, &mut errors);
        } else {
            validate_claim(object, &items, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(forbidden(object, &aggregate(&errors)))
    }
}

/// Go's `utilerrors.NewAggregate` text: one error as it is, several in brackets.
fn aggregate(errors: &[String]) -> String {
    if errors.len() == 1 {
        errors[0].clone()
    } else {
        format!("[{}]", errors.join(", "))
    }
}

/// `pods "x" is forbidden: <why>`, as `admission.NewForbidden` words it.
fn forbidden(object: &Object, why: &str) -> ApiError {
    ApiError {
        code: 403,
        reason: "Forbidden",
        message: format!(
            "{} \"{}\" is forbidden: {why}",
            object.kind.qualified_plural(),
            object.meta.name
        ),
    }
}

fn apply_defaults(pod: &mut Object, items: &[Value]) {
    if items.is_empty() {
        return;
    }
    let mut default_limits = ResourceList::new();
    let mut default_requests = ResourceList::new();
    for item in items.iter().filter(|i| i["type"] == "Container") {
        default_requests.extend(resource_list(&item["defaultRequest"]));
        default_limits.extend(resource_list(&item["default"]));
    }
    if default_limits.is_empty() && default_requests.is_empty() {
        return;
    }
    let mut notes = Vec::new();
    let spec = pod.spec_mut();
    for (field, prefix) in [
        ("containers", "container"),
        ("initContainers", "init container"),
    ] {
        let Some(containers) = spec.get_mut(field).and_then(Value::as_array_mut) else {
            continue;
        };
        for c in containers.iter_mut().filter_map(Value::as_object_mut) {
            let name = c
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let resources = c.entry("resources").or_insert_with(|| json!({}));
            let Some(resources) = resources.as_object_mut() else {
                continue;
            };
            let mut set = |key: &str, defaults: &ResourceList| {
                let list = resources.entry(key).or_insert_with(|| json!({}));
                let mut added = Vec::new();
                if let Some(list) = list.as_object_mut() {
                    for (r, q) in defaults {
                        if !list.contains_key(r) {
                            list.insert(r.clone(), Value::String(q.to_string()));
                            added.push(r.clone());
                        }
                    }
                }
                added
            };
            let limits = set("limits", &default_limits);
            let requests = set("requests", &default_requests);
            if !requests.is_empty() {
                notes.push(format!(
                    "{} request for {prefix} {name}",
                    requests.join(", ")
                ));
            }
            if !limits.is_empty() {
                notes.push(format!("{} limit for {prefix} {name}", limits.join(", ")));
            }
        }
    }
    if !notes.is_empty() {
        Arc::make_mut(&mut pod.meta.annotations).insert(
            "kubernetes.io/limit-ranger".into(),
            format!("LimitRanger plugin set: {}", notes.join("; ")),
        );
    }
}

/// A container's requests and limits; a resource with only a limit requests that limit, as the API's defaulting
/// does.
fn container_resources(c: &Value) -> (ResourceList, ResourceList) {
    let limits = resource_list(&c["resources"]["limits"]);
    let mut requests = resource_list(&c["resources"]["requests"]);
    for (r, q) in &limits {
        requests.entry(r.clone()).or_insert(*q);
    }
    (requests, limits)
}

fn validate_pod(pod: &Object, items: &[Value], errors: &mut Vec<String>) {
    let spec = pod.spec();
    let containers: Vec<&Value> = ["containers", "initContainers"]
        .iter()
        .flat_map(|f| spec[*f].as_array().into_iter().flatten())
        .collect();
    for item in items {
        match item["type"].as_str() {
            Some("Container") => {
                for c in &containers {
                    let (requests, limits) = container_resources(c);
                    constraints("Container", item, &requests, &limits, errors);
                }
            }
            Some("Pod") => {
                let (mut requests, mut limits) = (ResourceList::new(), ResourceList::new());
                for c in spec["containers"].as_array().into_iter().flatten() {
                    let (r, l) = container_resources(c);
                    for (list, add) in [(&mut requests, r), (&mut limits, l)] {
                        for (k, q) in add {
                            let sum = list.get(&k).copied().unwrap_or_default().add(&q);
                            list.insert(k, sum);
                        }
                    }
                }
                constraints("Pod", item, &requests, &limits, errors);
            }
            _ => {}
        }
    }
}

fn validate_claim(claim: &Object, items: &[Value], errors: &mut Vec<String>) {
    let requests = resource_list(&claim.spec()["resources"]["requests"]);
    for item in items
        .iter()
        .filter(|i| i["type"] == "PersistentVolumeClaim")
    {
        for (r, min) in resource_list(&item["min"]) {
            if let Err(e) = min_constraint(
                "PersistentVolumeClaim",
                &r,
                &min,
                &requests,
                &ResourceList::new(),
            ) {
                errors.push(e);
            }
        }
        for (r, max) in resource_list(&item["max"]) {
            match requests.get(&r) {
                None => errors.push(format!(
                    "maximum {r} usage per PersistentVolumeClaim is {max}.  No request is specified"
                )),
                Some(q) if q.milli > max.milli => errors.push(format!(
                    "maximum {r} usage per PersistentVolumeClaim is {max}, but request is {q}"
                )),
                Some(_) => {}
            }
        }
    }
}

fn constraints(
    kind: &str,
    item: &Value,
    requests: &ResourceList,
    limits: &ResourceList,
    errors: &mut Vec<String>,
) {
    for (r, min) in resource_list(&item["min"]) {
        if let Err(e) = min_constraint(kind, &r, &min, requests, limits) {
            errors.push(e);
        }
    }
    for (r, max) in resource_list(&item["max"]) {
        match (requests.get(&r), limits.get(&r)) {
            (_, None) => errors.push(format!(
                "maximum {r} usage per {kind} is {max}.  No limit is specified"
            )),
            (_, Some(l)) if l.milli > max.milli => errors.push(format!(
                "maximum {r} usage per {kind} is {max}, but limit is {l}"
            )),
            (Some(q), _) if q.milli > max.milli => errors.push(format!(
                "maximum {r} usage per {kind} is {max}, but request is {q}"
            )),
            _ => {}
        }
    }
    for (r, ratio) in resource_list(&item["maxLimitRequestRatio"]) {
        let request = requests.get(&r).filter(|q| q.milli != 0);
        let limit = limits.get(&r).filter(|q| q.milli != 0);
        match (request, limit) {
            (None, _) => errors.push(format!(
                "{r} max limit to request ratio per {kind} is {ratio}, but no request is specified or request is 0"
            )),
            (_, None) => errors.push(format!(
                "{r} max limit to request ratio per {kind} is {ratio}, but no limit is specified or limit is 0"
            )),
            (Some(q), Some(l)) => {
                let observed = l.milli as f64 / q.milli as f64;
                if observed * 1000.0 > ratio.milli as f64 {
                    errors.push(format!(
                        "{r} max limit to request ratio per {kind} is {ratio}, but provided ratio is {observed:.6}"
                    ));
                }
            }
        }
    }
}

fn min_constraint(
    kind: &str,
    r: &str,
    min: &Quantity,
    requests: &ResourceList,
    limits: &ResourceList,
) -> Result<(), String> {
    match (requests.get(r), limits.get(r)) {
        (None, _) => Err(format!(
            "minimum {r} usage per {kind} is {min}.  No request is specified"
        )),
        (Some(q), _) if q.milli < min.milli => Err(format!(
            "minimum {r} usage per {kind} is {min}, but request is {q}"
        )),
        (_, Some(l)) if l.milli < min.milli => Err(format!(
            "minimum {r} usage per {kind} is {min}, but limit is {l}"
        )),
        _ => Ok(()),
    }
}

/// The compute resources whose quota obliges every container to say how much it wants.
const MUST_SPECIFY: [&str; 6] = [
    "cpu",
    "limits.cpu",
    "limits.memory",
    "memory",
    "requests.cpu",
    "requests.memory",
];

/// The ResourceQuota plugin: every container states the constrained compute resources, then no quota may go over.
fn check_quotas(
    cluster: &Cluster,
    object: &Object,
    quotas: &[Arc<Object>],
    delta: ResourceList,
) -> Result<(), ApiError> {
    if delta.is_empty() {
        return Ok(());
    }
    for quota in quotas {
        let Some(hard) = quota.status_json().get("hard").map(resource_list) else {
            let names: Vec<&String> = delta.keys().collect();
            let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
            return Err(forbidden(
                object,
                &format!(
                    "status unknown for quota: {}, resources: {}",
                    quota.meta.name,
                    names.join(",")
                ),
            ));
        };
        if object.kind == k::pod() && matches_scopes(quota.spec(), object) {
            let required: Vec<&str> = MUST_SPECIFY
                .iter()
                .copied()
                .filter(|r| hard.contains_key(*r))
                .collect();
            if let Some(missing) = missing_resources(object, &required) {
                return Err(forbidden(
                    object,
                    &format!("failed quota: {}: must specify {missing}", quota.meta.name),
                ));
            }
        }
    }
    for quota in quotas {
        let hard = resource_list(&quota.status_json()["hard"]);
        if object.kind == k::pod() && !matches_scopes(quota.spec(), object) {
            continue;
        }
        // Usage is counted at admission, as the plugin's own increments of `status.used` keep it current.
        let used = usage(cluster, &quota.meta.namespace, &hard, quota.spec());
        let requested: ResourceList = delta
            .iter()
            .filter(|(r, _)| hard.contains_key(*r))
            .map(|(r, q)| (r.clone(), *q))
            .collect();
        let exceeded: Vec<&String> = requested
            .iter()
            .filter(|(r, q)| {
                let now = used.get(*r).copied().unwrap_or_default().add(q);
                now.milli > hard[*r].milli
            })
            .map(|(r, _)| r)
            .collect();
        if exceeded.is_empty() {
            continue;
        }
        let show = |list: &ResourceList| {
            exceeded
                .iter()
                .map(|r| format!("{r}={}", list.get(*r).copied().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(",")
        };
        return Err(forbidden(
            object,
            &format!(
                "exceeded quota: {}, requested: {}, used: {}, limited: {}",
                quota.meta.name,
                show(&requested),
                show(&used),
                show(&hard)
            ),
        ));
    }
    Ok(())
}

/// The required compute resources some container leaves unstated, as `must specify` lists them.
fn missing_resources(pod: &Object, required: &[&str]) -> Option<String> {
    if required.is_empty() {
        return None;
    }
    let mut missing: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let spec = pod.spec();
    for c in ["containers", "initContainers"]
        .iter()
        .flat_map(|f| spec[*f].as_array().into_iter().flatten())
    {
        let has = compute_usage(c);
        for r in required {
            if !has.contains_key(*r) {
                missing
                    .entry(r)
                    .or_default()
                    .insert(c["name"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    Some(
        missing
            .iter()
            .map(|(r, names)| {
                format!(
                    "{r} for: {}",
                    names.iter().cloned().collect::<Vec<_>>().join(",")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// One container's compute usage under every name a quota may use (`cpu` and `requests.cpu` alike).
fn compute_usage(c: &Value) -> ResourceList {
    let requests = resource_list(&c["resources"]["requests"]);
    let limits = resource_list(&c["resources"]["limits"]);
    let mut out = ResourceList::new();
    for r in ["cpu", "memory", "ephemeral-storage"] {
        let request = requests.get(r).or(limits.get(r));
        if let Some(q) = request {
            out.insert(r.to_owned(), *q);
            out.insert(format!("requests.{r}"), *q);
        }
        if let Some(q) = limits.get(r) {
            out.insert(format!("limits.{r}"), *q);
        }
    }
    out
}

/// Whether a quota's scopes (`BestEffort`, `NotBestEffort`, `Terminating`, `NotTerminating`) select a pod.
fn matches_scopes(spec: &Value, pod: &Object) -> bool {
    let best_effort = || {
        let spec = pod.spec();
        ["containers", "initContainers"]
            .iter()
            .flat_map(|f| spec[*f].as_array().into_iter().flatten())
            .all(|c| compute_usage(c).is_empty())
    };
    let terminating = pod.spec()["activeDeadlineSeconds"].is_number();
    spec["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|s| match s.as_str() {
            Some("BestEffort") => best_effort(),
            Some("NotBestEffort") => !best_effort(),
            Some("Terminating") => terminating,
            Some("NotTerminating") => !terminating,
            _ => true,
        })
}

/// What one object adds to a namespace's usage, under every resource name a quota may constrain.
fn object_usage(cluster: &Cluster, object: &Object) -> ResourceList {
    let mut out = ResourceList::new();
    let one = Quantity::parse("1").expect("quantity");
    out.insert(format!("count/{}", object.kind.qualified_plural()), one);
    let kind = object.kind;
    if kind == k::pod() {
        if object.pod().is_some_and(|p| {
            matches!(
                p.phase,
                crate::api::Phase::Succeeded | crate::api::Phase::Failed
            )
        }) || object.meta.deletion.is_some_and(|d| d <= cluster.now)
        {
            return ResourceList::new();
        }
        out.insert("pods".into(), one);
        let spec = object.spec();
        for c in spec["containers"].as_array().into_iter().flatten() {
            for (r, q) in compute_usage(c) {
                let sum = out.get(&r).copied().unwrap_or_default().add(&q);
                out.insert(r, sum);
            }
        }
        for c in spec["initContainers"].as_array().into_iter().flatten() {
            for (r, q) in compute_usage(c) {
                let max = out.get(&r).copied().unwrap_or_default().max(&q);
                out.insert(r, max);
            }
        }
    } else if kind == k::service() {
        out.insert("services".into(), one);
        let t = object.spec()["type"].as_str().unwrap_or("ClusterIP");
        let ports = object.spec()["ports"].as_array().map_or(0, Vec::len) as i128;
        if t == "LoadBalancer" {
            out.insert("services.loadbalancers".into(), one);
        }
        if t == "LoadBalancer" || t == "NodePort" {
            out.insert(
                "services.nodeports".into(),
                Quantity {
                    milli: ports * 1000,
                    binary: false,
                },
            );
        }
    } else if kind == k::pvc() {
        out.insert("persistentvolumeclaims".into(), one);
        if let Some(q) = resource_list(&object.spec()["resources"]["requests"]).get("storage") {
            out.insert("requests.storage".into(), *q);
        }
    } else if kind.info().group.is_empty()
        && [
            "configmaps",
            "secrets",
            "replicationcontrollers",
            "resourcequotas",
        ]
        .contains(&kind.info().plural)
    {
        out.insert(kind.info().plural.into(), one);
    }
    out
}

/// What a namespace uses of each resource in `hard`, counting only pods a quota's scopes select.
fn usage(cluster: &Cluster, ns: &str, hard: &ResourceList, spec: &Value) -> ResourceList {
    let mut used: ResourceList = hard
        .keys()
        .map(|r| (r.clone(), Quantity::default()))
        .collect();
    let mut kinds: BTreeSet<Kind> = BTreeSet::new();
    for r in hard.keys() {
        let kind = match r.as_str() {
            "pods" | "cpu" | "memory" | "ephemeral-storage" => Some(k::pod()),
            r if r.starts_with("requests.storage") || r == "persistentvolumeclaims" => {
                Some(k::pvc())
            }
            r if r.starts_with("requests.") || r.starts_with("limits.") => Some(k::pod()),
            r if r.starts_with("services") => Some(k::service()),
            r => {
                let name = r.strip_prefix("count/").unwrap_or(r);
                Kind::all().find(|kind| kind.qualified_plural() == name && kind.info().namespaced)
            }
        };
        kinds.extend(kind);
    }
    for kind in kinds {
        for object in cluster.store.list(kind, Some(ns)) {
            if kind == k::pod() && !matches_scopes(spec, object) {
                continue;
            }
            for (r, q) in object_usage(cluster, object) {
                if let Some(u) = used.get_mut(&r) {
                    *u = u.add(&q);
                }
            }
        }
    }
    used
}

/// The ReplicaSet controller's `ReplicaFailure` condition: set (with the API's refusal) when creating pods failed,
/// removed once a pass succeeds; returns when to try again, backing off as the controller's work queue does.
pub fn replica_failure(
    cluster: &Cluster,
    rs: &Object,
    status: &mut Map<String, Value>,
    failure: Option<String>,
) -> Action {
    let previous = rs.status_json()["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "ReplicaFailure"))
        .cloned();
    let condition = match (&failure, previous) {
        (Some(message), None) => Some(json!({
            "lastTransitionTime": crate::api::time::rfc3339(cluster.now),
            "message": message,
            "reason": "FailedCreate",
            "status": "True",
            "type": "ReplicaFailure",
        })),
        (Some(_), Some(previous)) => Some(previous),
        (None, _) => None,
    };
    if let Some(condition) = condition {
        status.insert("conditions".into(), json!([condition]));
    }
    if failure.is_none() {
        return Action::Await;
    }
    // The work queue's per-item backoff: 5ms doubled on every failure, at most 1000s.
    let failures = cluster
        .events
        .about(rs.meta.uid)
        .iter()
        .filter(|e| e.reason == "FailedCreate")
        .map(|e| e.count)
        .sum::<u32>()
        .min(30);
    Action::Requeue((5i64 << failures).min(1_000_000))
}

/// The Deployment's `ReplicaFailure` condition, copied from the first of its ReplicaSets that has one.
pub fn deployment_replica_failure(sets: &[Arc<Object>], old: &Value) -> Option<Value> {
    let failure = sets.iter().find_map(|rs| {
        rs.status_json()["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == "ReplicaFailure"))
            .cloned()
    })?;
    let previous = old["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "ReplicaFailure"));
    let at = failure["lastTransitionTime"].clone();
    let mut condition = json!({
        "lastTransitionTime": at,
        "lastUpdateTime": at,
        "message": failure["message"],
        "reason": failure["reason"],
        "status": failure["status"],
        "type": "ReplicaFailure",
    });
    if let Some(p) = previous.filter(|p| p["message"] == failure["message"]) {
        condition["lastTransitionTime"] = p["lastTransitionTime"].clone();
        condition["lastUpdateTime"] = p["lastUpdateTime"].clone();
    }
    Some(condition)
}

#[cfg(test)]
#[path = "quota_tests.rs"]
pub(crate) mod tests;
