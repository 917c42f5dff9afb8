//! `oc import-image` and `oc new-build`: image streams that import from registries, and build configurations that build images into them.

use std::sync::Arc;

use serde_json::{Value, json};

use super::CliEnv;
use super::objects::{self, Req, Res, api_error, error};
use crate::api::object::{hex_id, image_repo};
use crate::api::time::rfc3339;
use crate::api::{Object, k};
use crate::cluster::controllers::builds::REGISTRY;
use crate::exec::Output;

/// `oc import-image NAME[:TAG] --from=IMAGE [--confirm]`: creates or updates the image stream tag and prints the
/// imported stream and image.
pub(crate) fn import_image(req: &Req, env: &mut CliEnv) -> Res {
    let Some(target) = req.args.positional.first().cloned() else {
        return Err(error("you must specify the name of an image stream"));
    };
    if target.contains('@') {
        return Err(error("to import images by ID, use the 'tag' command"));
    }
    let (name, tag) = match target.split_once(':') {
        Some((n, t)) => (n.to_owned(), t.to_owned()),
        None => (target.clone(), "latest".to_owned()),
    };
    let ns = req.ns.clone();
    let existing = env.cluster.get(k::image_stream(), &ns, &name);
    let spec_from = existing.as_ref().and_then(|s| {
        s.spec()["tags"]
            .as_array()?
            .iter()
            .find(|t| t["name"] == tag.as_str())
            .and_then(|t| t["from"]["name"].as_str().map(str::to_owned))
    });
    let from = match (req.args.get("from"), &existing, spec_from) {
        (Some(f), _, _) => f.to_owned(),
        (None, None, _) => {
            if !req.args.on("confirm") {
                return Err(error(format!(
                    "no image stream named \"{name}\" exists, pass --confirm to create and import"
                )));
            }
            target.clone()
        }
        (None, Some(_), Some(f)) => f,
        (None, Some(_), None) => {
            return Err(error(format!(
                "the tag \"{tag}\" does not exist on the image stream - choose an existing tag to import or use the 'tag' command to create a new tag"
            )));
        }
    };
    if existing.is_none() && !req.args.on("confirm") {
        return Err(error(format!(
            "no image stream named \"{name}\" exists, pass --confirm to create and import"
        )));
    }
    let now = env.cluster.now;
    let known = env.cluster.info.image(&from).cloned();
    let tag_spec = json!({"annotations": null, "from": {"kind": "DockerImage", "name": from},
        "generation": 2, "importPolicy": {"importMode": "Legacy"}, "name": tag, "referencePolicy": {"type": "Source"}});
    let check = json!(rfc3339(now));
    let stream = match &existing {
        Some(s) => {
            let mut json = s.to_json();
            let mut tags = json["spec"]["tags"].as_array().cloned().unwrap_or_default();
            tags.retain(|t| t["name"] != tag.as_str());
            tags.push(tag_spec);
            json["spec"]["tags"] = Value::Array(tags);
            json["metadata"]["annotations"]["openshift.io/image.dockerRepositoryCheck"] = check;
            let mut o = Object::from_json(&json).map_err(error)?;
            o.meta.resource_version = 0;
            env.cluster
                .update(&req.user, o, false)
                .map_err(|e| api_error(&e))?
        }
        None => {
            let body = json!({"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
                "metadata": {"annotations": {"openshift.io/image.dockerRepositoryCheck": check}, "name": name, "namespace": ns},
                "spec": {"lookupPolicy": {"local": false}, "tags": [tag_spec]}});
            let o = Object::from_json(&body).map_err(error)?;
            env.cluster
                .create(&req.user, o, false)
                .map_err(|e| api_error(&e))?
        }
    };
    let digest = format!("sha256:{}", hex_id(0, &from, 0));
    let reference = format!("{}@{digest}", image_repo(&from));
    let repository = format!("{REGISTRY}/{ns}/{name}");
    let Some(info) = known else {
        let message = format!(
            "Internal error occurred: {from}: reading manifest {} in {}: manifest unknown",
            from.rsplit_once(':')
                .filter(|(_, t)| !t.contains('/'))
                .map(|(_, t)| t)
                .unwrap_or("latest"),
            image_repo(&from).split(':').next().unwrap_or(&from)
        );
        let mut out = format!("imagestream.image.openshift.io/{name} imported with errors\n\n");
        out.push_str(&describe_stream(
            &stream,
            &repository,
            &tag,
            &from,
            None,
            Some(&message),
        ));
        out.push('\n');
        return Ok(Output {
            stdout: out,
            stderr: format!("error: tag {tag} failed: {message}\n"),
            code: 1,
        });
    };
    // Nodes pull the stream's image by its registry name too, as they would through the integrated registry.
    let mut local = info.clone();
    local.name = format!("{repository}:{tag}");
    local.references = vec![repository.clone(), format!("{repository}:{tag}")];
    local.digest = Some(digest.clone());
    local.pre_pulled = false;
    let images = &mut Arc::make_mut(&mut env.cluster.info).images_mut();
    images.retain(|i| i.name != local.name);
    images.push(local);
    let mut out = format!("imagestream.image.openshift.io/{name} imported\n\n");
    out.push_str(&describe_stream(
        &stream,
        &repository,
        &tag,
        &from,
        Some(&reference),
        None,
    ));
    out.push('\n');
    out.push_str(&describe_image(
        &format!("{name}:{tag}"),
        &reference,
        &digest,
        &info,
    ));
    out.push('\n');
    Ok(Output::ok(out))
}

/// `oc new-build`: an output image stream and a BuildConfig, here for a Dockerfile given with `-D` built from an image
/// stream tag (`--image-stream`) or an image.
pub(crate) fn new_build(req: &Req, env: &mut CliEnv) -> Res {
    let Some(dockerfile) = req.args.get("dockerfile").map(str::to_owned) else {
        return Err(error(
            "You must specify one or more images, image streams, or source code locations to create a build.\n\nTo build from an existing image stream tag or image, use the '--image-stream' or '--image' flags:\n\n  oc new-build --image-stream=ruby --code=https://github.com/sclorg/ruby-ex.git\n\nTo build from a Dockerfile, use the '--dockerfile' (or '-D') flag:\n\n  oc new-build -D $'FROM centos:7\\nRUN yum install -y httpd'",
        ));
    };
    let ns = req.ns.clone();
    let from_line = dockerfile
        .lines()
        .find_map(|l| {
            let t = l.trim();
            t.get(..5)
                .filter(|p| p.eq_ignore_ascii_case("FROM "))
                .map(|_| t[5..].trim().to_owned())
        })
        .unwrap_or_default();
    let stream_word = req.args.get("image-stream").map(str::to_owned);
    let (from, found) = match &stream_word {
        Some(word) => {
            let (is, tag) = word.split_once(':').unwrap_or((word.as_str(), "latest"));
            let (sns, is) = match is.split_once('/') {
                Some((n, i)) => (n.to_owned(), i.to_owned()),
                None => (ns.clone(), is.to_owned()),
            };
            let stream = env
                .cluster
                .get(k::image_stream(), &sns, &is)
                .or_else(|| env.cluster.get(k::image_stream(), "openshift", &is))
                .ok_or_else(|| no_match(word))?;
            let reference = crate::cluster::controllers::builds::tag_reference(&stream, tag)
                .ok_or_else(|| no_match(word))?;
            let snsx = stream.meta.namespace.to_string();
            let mut from = json!({"kind": "ImageStreamTag", "name": format!("{is}:{tag}")});
            if snsx != ns {
                from["namespace"] = json!(snsx);
            }
            (
                from,
                format!(
                    "--> Found image {} (3 months old) in image stream \"{snsx}/{is}\" under tag \"{tag}\" for \"{word}\"\n\n",
                    short_id(&reference)
                ),
            )
        }
        None => {
            let image = req.args.get("image").unwrap_or(&from_line).to_owned();
            if image.is_empty() {
                return Err(error(
                    "the Dockerfile in the repository does not contain a FROM instruction",
                ));
            }
            let info = env
                .cluster
                .info
                .image(&image)
                .cloned()
                .ok_or_else(|| no_match(&image))?;
            (
                json!({"kind": "DockerImage", "name": image}),
                format!(
                    "--> Found container image {} (3 months old) from {} for \"{image}\"\n\n",
                    short_id(info.digest.as_deref().unwrap_or(&image)),
                    image_repo(&image).split('/').next().unwrap_or("docker.io")
                ),
            )
        }
    };
    let name = match req.args.get("name") {
        Some(n) => n.to_owned(),
        None => from["name"]
            .as_str()
            .unwrap_or("app")
            .rsplit('/')
            .next()
            .unwrap_or("app")
            .split([':', '@'])
            .next()
            .unwrap_or("app")
            .to_owned(),
    };
    let to = req
        .args
        .get("to")
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{name}:latest"));
    let to = if to.contains(':') {
        to
    } else {
        format!("{to}:latest")
    };
    let out_stream = to.split(':').next().unwrap_or(&name).to_owned();
    let labels = json!({"build": name});
    let generated = json!({"openshift.io/generated-by": "OpenShiftNewBuild"});
    let env_vars = super::write::env_vars(req);
    let mut strategy = json!({"from": from});
    if !env_vars.is_empty() {
        strategy["env"] = json!(env_vars);
    }
    let mut objects = Vec::new();
    if env
        .cluster
        .get(k::image_stream(), &ns, &out_stream)
        .is_none()
    {
        objects.push(json!({"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
            "metadata": {"annotations": generated, "labels": labels, "name": out_stream, "namespace": ns},
            "spec": {"lookupPolicy": {"local": false}}}));
    }
    objects.push(
        json!({"apiVersion": "build.openshift.io/v1", "kind": "BuildConfig",
        "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
        "spec": {"nodeSelector": null, "output": {"to": {"kind": "ImageStreamTag", "name": to}},
            "postCommit": {}, "resources": {}, "runPolicy": "Serial",
            "source": {"dockerfile": dockerfile, "type": "Dockerfile"},
            "strategy": {"dockerStrategy": strategy, "type": "Docker"},
            "triggers": [{"type": "ConfigChange"}, {"imageChange": {}, "type": "ImageChange"}]}}),
    );
    if req.args.has("output") {
        return objects::render(req, objects, false, env.cluster.now);
    }
    let mut out = found;
    out.push_str("    * A Docker build using a predefined Dockerfile will be created\n");
    out.push_str(&format!(
        "      * The resulting image will be pushed to image stream tag \"{to}\"\n"
    ));
    out.push_str("      * Use 'oc start-build' to trigger a new build\n\n");
    out.push_str(&format!(
        "--> Creating resources with label build={name} ...\n"
    ));
    let dry = matches!(req.args.get("dry-run"), Some("client" | "true" | "server"));
    let mut out = super::openshift::create_each(req, env, objects, dry, out)?;
    out.push_str("--> Success\n");
    if !dry {
        out.push_str(&format!(
            "    Build configuration \"{name}\" created and build triggered.\n    Run 'oc logs -f buildconfig/{name}' to stream the build progress.\n"
        ));
    }
    Ok(Output::ok(out))
}

/// The first seven hex digits of an image's digest, as new-app and new-build name it.
fn short_id(reference: &str) -> String {
    let digest = reference
        .rsplit_once("sha256:")
        .map(|(_, d)| d.to_owned())
        .unwrap_or_else(|| hex_id(7, reference, 7));
    digest.chars().take(7).collect()
}

/// new-build's error when an argument matches no image stream or image.
fn no_match(word: &str) -> Output {
    error(format!(
        "unable to locate any images in image streams with name \"{word}\"\n\nThe 'oc new-build' command will match arguments to the following types:\n\n  1. Images tagged into image streams in the current project or the 'openshift' project\n     - if you don't specify a tag, we'll add ':latest'\n  2. Images in the container storage, on remote registries, or on the local container engine\n  3. Git repository URLs or local paths that point to Git repositories\n\n--allow-missing-images can be used to force the use of an image that was not matched\n\nSee 'oc new-build -h' for examples."
    ))
}

/// The image stream as oc's describer prints it after an import, with the one imported tag.
fn describe_stream(
    stream: &Object,
    repository: &str,
    tag: &str,
    from: &str,
    reference: Option<&str>,
    failure: Option<&str>,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("Name:\t\t\t{}\n", stream.meta.name));
    out.push_str(&format!("Namespace:\t\t{}\n", stream.meta.namespace));
    out.push_str("Created:\t\tLess than a second ago\n");
    out.push_str("Labels:\t\t\t<none>\n");
    let check = stream
        .meta
        .annotation("openshift.io/image.dockerRepositoryCheck")
        .unwrap_or_default();
    out.push_str(&format!(
        "Annotations:\t\topenshift.io/image.dockerRepositoryCheck={check}\n"
    ));
    out.push_str(&format!("Image Repository:\t{repository}\n"));
    out.push_str("Image Lookup:\t\tlocal=false\n");
    let unique = usize::from(reference.is_some());
    out.push_str(&format!("Unique Images:\t\t{unique}\n"));
    out.push_str("Tags:\t\t\t1\n\n");
    out.push_str(&format!("{tag}\n  tagged from {from}\n\n"));
    if let Some(r) = reference {
        out.push_str(&format!("  * {r}\n      Less than a second ago\n"));
    }
    if let Some(message) = failure {
        out.push_str(&format!(
            "  ! error: Import failed (InternalError): {message}\n      Less than a second ago\n"
        ));
    }
    out
}

/// The imported image as oc's image describer prints it.
fn describe_image(
    stream_tag: &str,
    reference: &str,
    digest: &str,
    info: &crate::cluster::ImageInfo,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("Image Name:\t{stream_tag}\n"));
    out.push_str(&format!("Docker Image:\t{reference}\n"));
    out.push_str(&format!("Name:\t\t{digest}\n"));
    out.push_str("Created:\tLess than a second ago\n");
    out.push_str("Annotations:\timage.openshift.io/dockerLayersOrder=ascending\n");
    out.push_str(&format!("Image Size:\t{}MB\n", info.size_mb));
    out.push_str("Image Created:\t3 months ago\n");
    out.push_str("Author:\t\t<none>\n");
    out.push_str("Arch:\t\tamd64\n");
    if !info.command.is_empty() {
        out.push_str(&format!("Command:\t{}\n", info.command.join(" ")));
    }
    let ports: Vec<String> = info
        .port_numbers()
        .iter()
        .map(|p| format!("{p}/tcp"))
        .collect();
    if !ports.is_empty() {
        out.push_str(&format!("Exposes Ports:\t{}\n", ports.join(", ")));
    }
    out
}
