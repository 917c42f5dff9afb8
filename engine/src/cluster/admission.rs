//! Admission: what the API server checks and fills in before an object is stored.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::{Cluster, UserInfo, controllers};
use crate::api::validation::{NameRule, validate_name};
use crate::api::{ApiError, Kind, Object, Status, k};

/// The naming rule of a kind.
pub fn name_rule(kind: Kind) -> NameRule {
    if kind == k::namespace() || kind == k::project() {
        NameRule::Label
    } else if kind == k::service() {
        NameRule::Dns1035
    } else if [
        k::role(),
        k::cluster_role(),
        k::role_binding(),
        k::cluster_role_binding(),
        k::user(),
        k::group(),
    ]
    .contains(&kind)
    {
        NameRule::PathSegment
    } else {
        NameRule::Subdomain
    }
}

/// Checks and completes a new object; the result is ready to store.
pub fn admit_create(
    cluster: &mut Cluster,
    user: &UserInfo,
    mut object: Object,
) -> Result<Object, ApiError> {
    let kind = object.kind;
    let info = kind.info();
    if !info.namespaced {
        object.meta.namespace = Default::default();
    } else {
        let ns = object.meta.namespace.to_string();
        match cluster.store.get(k::namespace(), "", &ns) {
            None => return Err(ApiError::not_found(k::namespace(), &ns)),
            Some(n) if n.meta.deletion.is_some() => {
                return Err(ApiError {
                    code: 403,
                    reason: "Forbidden",
                    message: format!(
                        "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                        kind.qualified_plural(),
                        object.meta.name
                    ),
                });
            }
            Some(_) => {}
        }
    }
    if object.meta.name.is_empty()
        && let Some(prefix) = object.meta.generate_name.clone()
    {
        let suffix = cluster.random_suffix(5);
        object.meta.name = format!("{prefix}{suffix}").into();
    }
    let name = object.meta.name.to_string();
    let causes = validate_name(&name, name_rule(kind));
    if !causes.is_empty() {
        return Err(ApiError::invalid(kind, &name, &causes));
    }
    if cluster
        .store
        .get(kind, &object.meta.namespace, &name)
        .is_some()
    {
        return Err(ApiError::already_exists(kind, &name));
    }
    validate_body(&object)?;
    object.meta.uid = cluster.store.new_uid();
    object.meta.created = cluster.now;
    object.meta.deletion = None;
    object.meta.generation = if object.spec().is_object() { 1 } else { 0 };
    controllers::defaults::apply(cluster, user, &mut object)?;
    super::quota::admit_create(cluster, &mut object)?;
    Ok(object)
}

/// Checks an update against the stored object, keeping server-owned fields.
pub fn admit_update(cluster: &mut Cluster, mut object: Object) -> Result<Object, ApiError> {
    let kind = object.kind;
    let ns = if kind.info().namespaced {
        object.meta.namespace.clone()
    } else {
        Default::default()
    };
    let name = object.meta.name.to_string();
    let existing = cluster
        .store
        .get(kind, &ns, &name)
        .cloned()
        .ok_or_else(|| ApiError::not_found(kind, &name))?;
    if object.meta.resource_version != 0
        && object.meta.resource_version != existing.meta.resource_version
    {
        return Err(ApiError::conflict(
            kind,
            &name,
            "the object has been modified; please apply your changes to the latest version and try again",
        ));
    }
    validate_body(&object)?;
    object.meta.namespace = ns;
    object.meta.uid = existing.meta.uid;
    object.meta.created = existing.meta.created;
    object.meta.deletion = existing.meta.deletion;
    if object.meta.owners.is_empty() {
        object.meta.owners = existing.meta.owners.clone();
    }
    object.meta.generate_name = existing.meta.generate_name.clone();
    check_immutable(&existing, &object)?;
    super::quota::admit_update(&mut object)?;
    super::quota::admit_change(cluster, &existing, &object)?;
    let user = UserInfo::system_admin();
    controllers::defaults::apply(cluster, &user, &mut object)?;
    object.meta.generation = existing.meta.generation;
    if object.spec() != existing.spec()
        || (kind != k::pod() && object.body != existing.body && !object.spec().is_object())
    {
        object.meta.generation += 1;
    }
    // Status is owned by the server: an update keeps the stored status.
    match (&existing.status, kind == k::pod()) {
        (Status::Pod(p), true) => {
            let mut p = p.clone();
            if p.node.is_none()
                && let Some(node) = object.pod().and_then(|q| q.node.clone())
            {
                p.node = Some(node);
            }
            object.status = Status::Pod(p);
        }
        (status, _) => object.status = status.clone(),
    }
    Ok(object)
}

fn validate_body(object: &Object) -> Result<(), ApiError> {
    let kind = object.kind;
    let name = object.meta.name.as_str();
    let mut causes = Vec::new();
    let spec = object.spec();
    if kind == k::pod() {
        check_containers(&spec["containers"], "spec.containers", &mut causes);
    } else if kind == k::job() || kind == k::cronjob() {
        let template = if kind == k::job() {
            &spec["template"]
        } else {
            &spec["jobTemplate"]["spec"]["template"]
        };
        check_containers(
            &template["spec"]["containers"],
            "spec.template.spec.containers",
            &mut causes,
        );
        match template["spec"]["restartPolicy"].as_str() {
            Some("Never" | "OnFailure") => {}
            None => causes.push("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"".to_owned()),
            Some(other) => causes.push(format!("spec.template.spec.restartPolicy: Unsupported value: \"{other}\": supported values: \"OnFailure\", \"Never\"")),
        }
    } else if [
        k::deployment(),
        k::replicaset(),
        k::daemonset(),
        k::statefulset(),
    ]
    .contains(&kind)
    {
        let selector = &spec["selector"];
        if !selector.is_object() || selector.as_object().is_some_and(Map::is_empty) {
            causes.push("spec.selector: Required value".to_owned());
        } else {
            let sel = crate::api::selector::Selector::from_label_selector(selector);
            let labels: std::collections::BTreeMap<String, String> =
                spec["template"]["metadata"]["labels"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
            if !sel.matches(&labels) {
                causes.push(format!(
                    "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`",
                    go_map(&labels)
                ));
            }
        }
        check_containers(
            &spec["template"]["spec"]["containers"],
            "spec.template.spec.containers",
            &mut causes,
        );
        if let Some(r) = spec.get("replicas")
            && r.as_i64().is_some_and(|r| r < 0)
        {
            causes.push(format!(
                "spec.replicas: Invalid value: {r}: must be greater than or equal to 0"
            ));
        }
    } else if kind == k::service() {
        if let Some(ports) = spec["ports"].as_array() {
            for (i, p) in ports.iter().enumerate() {
                match p["port"].as_i64() {
                    Some(1..=65535) => {}
                    Some(v) => causes.push(format!("spec.ports[{i}].port: Invalid value: {v}: must be between 1 and 65535, inclusive")),
                    None => causes.push(format!("spec.ports[{i}].port: Required value")),
                }
            }
        }
        let t = spec["type"].as_str().unwrap_or("ClusterIP");
        if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&t) {
            causes.push(format!("spec.type: Unsupported value: \"{t}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
        }
        if t != "ExternalName" && spec["ports"].as_array().is_none_or(Vec::is_empty) {
            causes.push("spec.ports: Required value".to_owned());
        }
    }
    for (key, value) in object.meta.labels.iter() {
        if !crate::api::validation::is_qualified_name(key) {
            causes.push(format!(
                "metadata.labels: Invalid value: \"{key}\": {}",
                crate::api::validation::QUALIFIED_NAME_MSG
            ));
        }
        if !crate::api::validation::is_label_value(value) {
            causes.push(format!("metadata.labels: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
        }
    }
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(kind, name, &causes))
    }
}

fn check_containers(containers: &Value, path: &str, causes: &mut Vec<String>) {
    match containers.as_array() {
        None => causes.push(format!("{path}: Required value")),
        Some(list) if list.is_empty() => causes.push(format!("{path}: Required value")),
        Some(list) => {
            for (i, c) in list.iter().enumerate() {
                match c["name"].as_str() {
                    None | Some("") => causes.push(format!("{path}[{i}].name: Required value")),
                    Some(n) => {
                        for cause in validate_name(n, NameRule::Label) {
                            causes.push(cause.replacen(
                                "metadata.name",
                                &format!("{path}[{i}].name"),
                                1,
                            ));
                        }
                    }
                }
                if c["image"].as_str().is_none_or(str::is_empty) {
                    causes.push(format!("{path}[{i}].image: Required value"));
                }
            }
        }
    }
}

fn check_immutable(old: &Arc<Object>, new: &Object) -> Result<(), ApiError> {
    let kind = new.kind;
    let name = new.meta.name.as_str();
    if [
        k::deployment(),
        k::replicaset(),
        k::daemonset(),
        k::statefulset(),
    ]
    .contains(&kind)
    {
        let (a, b) = (&old.spec()["selector"], &new.spec()["selector"]);
        if a != b && !b.is_null() {
            return Err(ApiError::invalid(
                kind,
                name,
                &[format!(
                    "spec.selector: Invalid value: {}: field is immutable",
                    go_selector(b)
                )],
            ));
        }
    }
    if kind == k::service() {
        let (a, b) = (&old.spec()["clusterIP"], &new.spec()["clusterIP"]);
        if !b.is_null() && a != b && b != "" {
            return Err(ApiError::invalid(
                kind,
                name,
                &[format!(
                    "spec.clusterIPs[0]: Invalid value: []string{{{b}}}: may not change once set"
                )],
            ));
        }
    }
    if kind == k::pod() {
        let strip = |spec: &Value| -> Value {
            let mut s = spec.clone();
            if let Some(cs) = s.get_mut("containers").and_then(Value::as_array_mut) {
                for c in cs {
                    if let Some(m) = c.as_object_mut() {
                        m.remove("image");
                    }
                }
            }
            if let Some(m) = s.as_object_mut() {
                m.remove("activeDeadlineSeconds");
                m.remove("tolerations");
                m.remove("nodeName");
            }
            s
        };
        if strip(old.spec()) != strip(new.spec()) && !new.spec().is_null() {
            return Err(ApiError::invalid(kind, name, &["spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".to_owned()]));
        }
    }
    Ok(())
}

/// Formats a label map as Go prints `map[string]string`.
pub fn go_map(labels: &std::collections::BTreeMap<String, String>) -> String {
    let inner: Vec<String> = labels.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", inner.join(", "))
}

fn go_selector(selector: &Value) -> String {
    let labels: std::collections::BTreeMap<String, String> = selector["matchLabels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let inner: Vec<String> = labels.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!(
        "v1.LabelSelector{{MatchLabels:map[string]string{{{}}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}",
        inner.join(", ")
    )
}

/// Sets `key` in a JSON map when it is missing.
pub fn default_field(map: &mut Map<String, Value>, key: &str, value: Value) {
    if !map.contains_key(key) || map[key].is_null() {
        map.insert(key.to_owned(), value);
    }
}

/// The empty JSON object.
pub fn empty() -> Value {
    json!({})
}
