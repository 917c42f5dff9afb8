//! OpenShift controllers: routes admitted by the default router, image streams and project requests; builds and deployment configs are in their own modules.

use std::sync::Arc;

use serde_json::{Map, json};

use super::super::events::EventType;
use super::super::{Action, Cluster, UserInfo};
use crate::api::time::rfc3339;
use crate::api::{ApiError, Object, k};

/// Reconciles an OpenShift object.
pub fn reconcile(cluster: &mut Cluster, object: &Arc<Object>) -> Action {
    if object.kind == k::route() {
        route(cluster, object)
    } else if object.kind == k::image_stream() {
        image_stream(cluster, object)
    } else if object.kind == k::build() {
        super::builds::build(cluster, object)
    } else if object.kind == k::build_config() {
        super::builds::build_config(cluster, object)
    } else if object.kind == k::deployment_config() {
        super::deploymentconfigs::reconcile(cluster, object)
    } else {
        Action::Await
    }
}

fn route(cluster: &mut Cluster, route: &Arc<Object>) -> Action {
    if !route.status_json()["ingress"].is_null() {
        return Action::Await;
    }
    let host = route.spec()["host"].as_str().unwrap_or_default().to_owned();
    let mut next = (**route).clone();
    next.status_json_mut().insert(
        "ingress".into(),
        json!([{
            "conditions": [{"lastTransitionTime": rfc3339(cluster.now), "status": "True", "type": "Admitted"}],
            "host": host,
            "routerCanonicalHostname": format!("router-default.{}", cluster.info.route_domain()),
            "routerName": "default",
            "wildcardPolicy": "None",
        }]),
    );
    cluster.write(next);
    cluster.trace("openshift-router", route, format!("admitted host {host}"));
    Action::Await
}

fn image_stream(cluster: &mut Cluster, stream: &Arc<Object>) -> Action {
    let ns = stream.meta.namespace.as_str();
    let repository = format!(
        "image-registry.openshift-image-registry.svc:5000/{ns}/{}",
        stream.meta.name
    );
    let old_tags = stream.status_json()["tags"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // The registry has a public name only when its default route is exposed (`spec.defaultRoute` of the
    // registry's operator config); the classroom's registry is not, so its image streams show only the internal one.
    let public = cluster
        .get(
            crate::api::k::route(),
            "openshift-image-registry",
            "default-route",
        )
        .and_then(|r| r.spec()["host"].as_str().map(str::to_owned))
        .map(|host| format!("{host}/{ns}/{}", stream.meta.name));
    let mut tags = Vec::new();
    for tag in stream.spec()["tags"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let name = tag["name"].as_str().unwrap_or("latest");
        let from = tag["from"]["name"].as_str().unwrap_or_default();
        let digest = crate::api::object::hex_id(0, from, 0);
        tags.push(json!({
            "items": [{"created": rfc3339(stream.meta.created), "dockerImageReference": format!("{}@sha256:{digest}", crate::api::object::image_repo(from)), "generation": 2, "image": format!("sha256:{digest}")}],
            "tag": name,
        }));
    }
    // Tags that builds pushed (not in the spec) stay.
    for old in &old_tags {
        if !tags.iter().any(|t| t["tag"] == old["tag"]) {
            tags.push(old.clone());
        }
    }
    let mut status = Map::new();
    status.insert("dockerImageRepository".into(), json!(repository));
    if let Some(public) = public {
        status.insert("publicDockerImageRepository".into(), json!(public));
    }
    if !tags.is_empty() {
        status.insert("tags".into(), json!(tags));
    }
    let status = serde_json::Value::Object(status);
    let had_tags = !old_tags.is_empty();
    if *stream.status_json() != status && (!had_tags || !tags.is_empty()) {
        let mut next = (**stream).clone();
        next.status = crate::api::Status::Json(status);
        cluster.write(next);
    }
    super::builds::apply_image_triggers(cluster, stream);
    Action::Await
}

/// Creates a project for `user`: the namespace with OpenShift's annotations and an `admin` role binding.
pub fn request_project(
    cluster: &mut Cluster,
    user: &UserInfo,
    name: &str,
    display: &str,
    description: &str,
) -> Result<Arc<Object>, ApiError> {
    cluster.authorize(user, "create", k::project_request(), "", "")?;
    if cluster.store.get(k::namespace(), "", name).is_some() {
        return Err(ApiError::already_exists(k::project(), name));
    }
    let mut ns = Object::new(k::namespace(), "", name, Map::new());
    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert(
        "openshift.io/description".to_owned(),
        description.to_owned(),
    );
    annotations.insert("openshift.io/display-name".to_owned(), display.to_owned());
    annotations.insert("openshift.io/requester".to_owned(), user.name.clone());
    ns.meta.annotations = Arc::new(annotations);
    let admin = UserInfo::system_admin();
    let created = cluster.create(&admin, ns, false).map_err(|e| {
        if e.reason == "Invalid" {
            ApiError {
                message: e.message.replacen("Namespace", "ProjectRequest", 1),
                ..e
            }
        } else {
            e
        }
    })?;
    super::super::auth::grant_admin(cluster, name, &user.name);
    for sa in ["builder", "default", "deployer"] {
        let object = Object::new(k::service_account(), name, sa, Map::new());
        cluster.create_internal(object);
    }
    cluster.event(
        &created,
        EventType::Normal,
        "Created",
        format!("Project {name} created"),
        "project-request",
    );
    Ok(created)
}
