//! The files learners change in running containers (`Cluster::container_files`): where they are kept and which of
//! them a web server serves, for the session's shells and copies and for the kubelet's probes alike.

use std::sync::Arc;

use super::Cluster;
use crate::api::Object;
use crate::vfs::Vfs;

/// Where a running container's changed files are kept: the pod's UID, the container and its restart count, so a
/// restarted container and a new pod start again from their image.
pub fn key(pod: &Object, container: &str) -> Option<String> {
    let index = pod.spec()["containers"]
        .as_array()?
        .iter()
        .position(|c| c["name"] == container)?;
    let restarts = pod
        .pod()
        .and_then(|status| status.containers.get(index).map(|c| c.restarts))
        .unwrap_or(0);
    Some(format!("{}/{container}/{restarts}", pod.meta.uid))
}

/// The files a learner changed in `container` of `pod`, if any.
pub fn of<'a>(cluster: &'a Cluster, pod: &Object, container: &str) -> Option<&'a Arc<Vfs>> {
    cluster.container_files.get(&key(pod, container)?)
}

/// The directory a Docker Hub nginx or httpd image serves its pages from.
pub fn document_root(image: &str) -> Option<&'static str> {
    let name = image.rsplit('/').next().unwrap_or(image);
    let red_hat = image.contains("openshift") || image.contains("ubi");
    if name.starts_with("nginx") && !red_hat {
        Some("/usr/share/nginx/html")
    } else if name.starts_with("httpd") && !red_hat {
        Some("/usr/local/apache2/htdocs")
    } else {
        None
    }
}

/// The page `container` of `pod` serves for `path` from the files a learner changed (`/` is `index.html`);
/// `None` when nobody changed them or there is no such file.
pub fn served_page(cluster: &Cluster, pod: &Object, container: &str, path: &str) -> Option<String> {
    let fs = of(cluster, pod, container)?;
    let image = pod.spec()["containers"]
        .as_array()?
        .iter()
        .find(|c| c["name"] == container)?["image"]
        .as_str()?;
    let root = document_root(image)?;
    let file = if path.ends_with('/') || path.is_empty() {
        format!("{root}{path}/index.html").replace("//", "/")
    } else {
        format!("{root}{path}")
    };
    fs.read(&file).ok().map(str::to_owned)
}
