//! The commands only `oc` has: login, logout, whoami, projects, new-app, status, start-build, rsh, debug and adm; routes.

use crate::sort::SortShared;
use std::sync::Arc;

use serde_json::{Value, json};

use super::commands::advanced;
use super::objects::{self, Req, Res, api_error, error, read, ref_name};
use super::{CliEnv, CliResult, ClusterEntry, ContextEntry, Effect, UserEntry};
use crate::api::{Object, k};
use crate::cluster::UserInfo;
use crate::exec::{Ctx, Output};

/// Runs an `oc`-only command.
pub(crate) fn dispatch(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let plain = |r: Res| r.map(CliResult::plain);
    match req.cmd.as_str() {
        "login" => plain(login(req, env)),
        "logout" => plain(logout(req, env)),
        "whoami" => plain(whoami(req, env)),
        "new-project" => plain(new_project(req, env)),
        "project" => plain(project(req, env)),
        "projects" => plain(projects(req, env)),
        "new-app" => {
            // Cobra warns about a deprecated flag before the command runs.
            let warn = |mut o: Output| {
                if req.args.has("docker-image") {
                    o.stderr.insert_str(
                        0,
                        "Flag --docker-image has been deprecated, Deprecated flag use --image\n",
                    );
                }
                o
            };
            plain(new_app(req, ctx, env).map(warn).map_err(warn))
        }
        "new-build" => plain(super::newbuild::new_build(req, env)),
        "process" => plain(super::templates::process(req, ctx, env)),
        "import-image" => plain(super::newbuild::import_image(req, env)),
        "status" => plain(super::status::status(req, env)),
        "start-build" => start_build(req, env),
        "rsh" => rsh(req, env),
        "extract" => plain(extract(req, ctx, env)),
        "policy" => project_policy(req, env),
        "adm" => adm(req, ctx, env),
        other => Err(error(format!("unknown command \"{other}\""))),
    }
}

/// `oc extract RESOURCE/NAME…`: writes each key of secrets and config maps to a file of `--to` (printing its
/// path), or with `--to=-` prints them (each key's `# NAME` line on standard error), keys in order.
fn extract(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Res {
    let to = req.args.get("to").unwrap_or(".");
    let overwrite = req.args.on("confirm");
    if to != "-" && ctx.fs.get(&ctx.resolve(to)).is_none() {
        if !overwrite {
            return Err(error(format!(
                "use --confirm if you want to create target directory: stat {to}: no such file or directory"
            )));
        }
        let dir = ctx.resolve(to);
        ctx.fs
            .mkdir(&dir, true)
            .map_err(|e| error(format!("mkdir {to}: {}", e.message().to_lowercase())))?;
    }
    let wanted = req.args.slice("keys");
    let mut out = Output::default();
    let mut count = 0;
    for word in &req.args.positional {
        let Some((type_name, name)) = word.split_once('/') else {
            return Err(error(
                "arguments in resource/name form must have a single resource and name",
            ));
        };
        let kind = req.kind(type_name)?;
        let object = super::objects::read(req, env, kind, name)?;
        let body = object.to_json();
        let mut contents: Vec<(String, Vec<u8>)> = if kind == k::secret() {
            let data = body["data"].as_object().cloned().unwrap_or_default();
            data.iter()
                .map(|(key, value)| {
                    let text = value.as_str().unwrap_or_default();
                    let bytes = crate::b64::decode(text).unwrap_or_default();
                    (key.clone(), bytes)
                })
                .collect()
        } else if kind == k::configmap() {
            let text = body["data"].as_object().cloned().unwrap_or_default();
            let binary = body["binaryData"].as_object().cloned().unwrap_or_default();
            text.iter()
                .map(|(key, value)| {
                    (
                        key.clone(),
                        value.as_str().unwrap_or_default().as_bytes().to_vec(),
                    )
                })
                .chain(binary.iter().map(|(key, value)| {
                    let bytes =
                        crate::b64::decode(value.as_str().unwrap_or_default()).unwrap_or_default();
                    (key.clone(), bytes)
                }))
                .collect()
        } else {
            let info = kind.info();
            out.stderr.push_str(&format!(
                "warning: {}/{}, Resource={}/{name} does not support extraction\n",
                info.group, info.version, info.plural
            ));
            continue;
        };
        count += 1;
        contents.sort_shared_by(|a, b| a.0.cmp(&b.0));
        let mut failures = Vec::new();
        for (key, bytes) in contents {
            if !wanted.is_empty() && !wanted.contains(&key) {
                continue;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if to == "-" {
                out.stderr.push_str(&format!("# {key}\n"));
                out.stdout.push_str(&text);
                if !text.ends_with('\n') {
                    out.stdout.push('\n');
                }
                continue;
            }
            let shown = if to == "." {
                key.clone()
            } else {
                format!("{}/{key}", to.trim_end_matches('/'))
            };
            let path = ctx.resolve(&shown);
            if ctx.fs.get(&path).is_some() && !overwrite {
                failures.push(format!("{key}: file exists, pass --confirm to overwrite"));
                continue;
            }
            match ctx.fs.write(&path, text) {
                Ok(()) => {
                    ctx.fs.set_mtime(&path, ctx.now);
                    out.stdout.push_str(&format!("{shown}\n"));
                }
                Err(e) => failures.push(format!(
                    "{key}: open {shown}: {}",
                    e.message().to_lowercase()
                )),
            }
        }
        if !failures.is_empty() {
            out.stderr
                .push_str(&format!("error: {}\n", failures.join("\nerror: ")));
            out.code = 1;
            return Err(out);
        }
    }
    if count == 0 {
        out.stderr
            .push_str("error: you must specify at least one resource to extract\n");
        out.code = 1;
        return Err(out);
    }
    Ok(out)
}

/// The ingress domain of routes: the scenario's, else the console's domain.
pub(crate) fn apps_domain(info: &crate::cluster::ScenarioInfo) -> String {
    if let Some(rest) = info.console_url.split_once("console-openshift-console.") {
        return rest.1.trim_end_matches('/').to_owned();
    }
    info.apps_domain()
}

fn server(env: &CliEnv) -> String {
    env.kubeconfig
        .cluster()
        .map(|c| c.server.clone())
        .unwrap_or_else(|| env.cluster.info.api_server.clone())
}

/// `api-ocp4-example-com:6443` from `https://api.ocp4.example.com:6443`.
fn server_nickname(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .replace('.', "-")
}

// ---------------------------------------------------------------- login

fn login(req: &Req, env: &mut CliEnv) -> Res {
    let url = req
        .args
        .positional
        .first()
        .cloned()
        .or_else(|| req.args.get("server").map(str::to_owned))
        .unwrap_or_else(|| server(env));
    let url = if url.starts_with("https://") || url.starts_with("http://") {
        url
    } else {
        format!("https://{url}")
    };
    let url = if url.trim_start_matches("https://").contains(':') {
        url
    } else {
        format!("{url}:443")
    };
    let known = env.cluster.info.api_server.trim_end_matches('/');
    if !known.is_empty() && url.trim_end_matches('/') != known {
        let host = url
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        let host = host.split(':').next().unwrap_or(host);
        return Err(error(format!(
            "dial tcp: lookup {host} on 172.25.250.254:53: no such host"
        )));
    }
    let (identity, groups, token) = if let Some(token) = req.args.get("token") {
        let owner = env
            .cluster
            .tokens
            .get(token)
            .map(|u| (u.name.clone(), u.groups.clone()));
        match owner {
            Some((id, g)) => (id, g, token.to_owned()),
            None => {
                return Err(error("The token provided is invalid or expired.\n"));
            }
        }
    } else {
        let Some(username) = req.args.get("username") else {
            return Err(Output::err("Username: error: EOF\n".to_owned(), 1));
        };
        let Some(password) = req.args.get("password") else {
            return Err(Output::err("Password: error: EOF\n".to_owned(), 1));
        };
        let wanted = if username == "kubeadmin" {
            "kube:admin"
        } else {
            username
        };
        let user = env
            .cluster
            .info
            .users
            .iter()
            .find(|u| u.name == wanted && !u.password.is_empty())
            .cloned();
        match user {
            Some(u) if u.password == password => {
                let token = make_token(env);
                env.cluster.tokens.insert(
                    token.clone(),
                    UserInfo {
                        name: u.name.clone(),
                        groups: u.groups.clone(),
                    },
                );
                (u.name.clone(), u.groups.clone(), token)
            }
            _ => {
                return Err(Output::err(
                    "Login failed (401 Unauthorized)\nVerify you have provided the correct credentials.\n",
                    1,
                ));
            }
        }
    };
    let info = UserInfo {
        name: identity.clone(),
        groups: groups.clone(),
    };
    let projects = crate::cluster::auth::namespaces_with_access(env.cluster, &info);
    let previous = env.kubeconfig.namespace();
    let namespace = if projects.contains(&previous) {
        previous
    } else if projects.iter().any(|p| p == "default") {
        "default".to_owned()
    } else {
        projects.first().cloned().unwrap_or_default()
    };
    let nick = server_nickname(&url);
    let short_user = identity.clone();
    let user_entry = format!("{short_user}/{nick}");
    let context = format!("{namespace}/{nick}/{short_user}");
    env.kubeconfig.upsert(
        ClusterEntry {
            name: nick.clone(),
            server: url.clone(),
            ..Default::default()
        },
        UserEntry {
            name: user_entry.clone(),
            identity,
            groups,
            token: Some(token),
            ..Default::default()
        },
        ContextEntry {
            name: context,
            cluster: nick,
            user: user_entry,
            namespace: namespace.clone(),
        },
    );
    let mut out = "Login successful.\n\n".to_owned();
    out.push_str(&project_summary(&projects, &namespace));
    Ok(Output::ok(out))
}

/// What `oc login` and `oc projects` say about the projects a user can see.
fn project_summary(projects: &[String], current: &str) -> String {
    match projects.len() {
        0 => "You don't have any projects. You can try to create a new project, by running\n\n    oc new-project <projectname>\n\n".to_owned(),
        1 => format!(
            "You have one project on this server: \"{}\"\n\nUsing project \"{}\".\n",
            projects[0], projects[0]
        ),
        n if n > 50 => format!(
            "You have access to {n} projects, the list has been suppressed. You can list all projects with 'oc projects'\n\nUsing project \"{current}\".\n"
        ),
        _ => {
            let mut out = "You have access to the following projects and can switch between them with 'oc project <projectname>':\n\n".to_owned();
            for p in projects {
                out.push_str(&format!(
                    "  {} {p}\n",
                    if p == current { "*" } else { " " }
                ));
            }
            out.push_str(&format!("\nUsing project \"{current}\".\n"));
            out
        }
    }
}

fn make_token(env: &mut CliEnv) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let body: String = (0..43)
        .map(|_| ALPHABET[env.cluster.random(ALPHABET.len() as u64) as usize] as char)
        .collect();
    format!("sha256~{body}")
}

fn logout(req: &Req, env: &mut CliEnv) -> Res {
    let _ = req;
    let server = server(env);
    let Some(user) = env.kubeconfig.user().cloned() else {
        return Err(error("You must have a token in order to logout."));
    };
    if user.token.is_none() || user.identity.is_empty() {
        return Err(error("You must have a token in order to logout."));
    }
    if let Some(token) = &user.token {
        // oc deletes the OAuthAccessToken, so a copy of the token elsewhere stops working too.
        env.cluster.tokens.remove(token);
    }
    for u in env
        .kubeconfig
        .users
        .iter_mut()
        .filter(|u| u.name == user.name)
    {
        u.token = None;
        u.identity = String::new();
    }
    Ok(Output::ok(format!(
        "Logged \"{}\" out on \"{server}\"\n",
        user.identity
    )))
}

fn whoami(req: &Req, env: &CliEnv) -> Res {
    if req.args.on("show-token") {
        return match env.kubeconfig.user().and_then(|u| u.token.clone()) {
            Some(t) => Ok(Output::ok(format!("{t}\n"))),
            None => Err(error("no token is currently in use for this session")),
        };
    }
    if req.args.on("show-server") {
        return Ok(Output::ok(format!("{}\n", server(env))));
    }
    if req.args.on("show-console") {
        return Ok(Output::ok(format!("{}\n", env.cluster.info.console_url)));
    }
    if req.args.on("show-context") {
        return Ok(Output::ok(format!("{}\n", env.kubeconfig.current_context)));
    }
    Ok(Output::ok(format!("{}\n", req.user.name)))
}

// ---------------------------------------------------------------- projects

/// A namespace as the Project the project API shows.
fn project_json(ns: &Object) -> Value {
    let mut meta = json!({
        "name": ns.meta.name.as_str(),
        "uid": crate::api::object::uid_string(ns.meta.uid),
        "resourceVersion": ns.meta.resource_version.to_string(),
        "creationTimestamp": crate::api::time::rfc3339(ns.meta.created),
    });
    if !ns.meta.labels.is_empty() {
        meta["labels"] = json!(*ns.meta.labels);
    }
    if !ns.meta.annotations.is_empty() {
        meta["annotations"] = json!(*ns.meta.annotations);
    }
    json!({
        "apiVersion": "project.openshift.io/v1",
        "kind": "Project",
        "metadata": meta,
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": if ns.meta.deletion.is_some() { "Terminating" } else { "Active" }},
    })
}

/// The projects the request's user can see, as Project objects.
pub(crate) fn project_objects(req: &Req, env: &CliEnv) -> Vec<Value> {
    crate::cluster::auth::namespaces_with_access(env.cluster, &req.user)
        .iter()
        .filter_map(|n| env.cluster.get(k::namespace(), "", n))
        .map(|ns| project_json(&ns))
        .collect()
}

/// One project by name, or the API's error.
pub(crate) fn project_object(req: &Req, env: &CliEnv, name: &str) -> Result<Value, Output> {
    let visible = crate::cluster::auth::namespaces_with_access(env.cluster, &req.user);
    match env.cluster.get(k::namespace(), "", name) {
        Some(ns) if visible.iter().any(|v| v == name) => Ok(project_json(&ns)),
        Some(_) => Err(Output::err(
            format!(
                "Error from server (Forbidden): projects.project.openshift.io \"{name}\" is forbidden: User \"{}\" cannot get resource \"projects\" in API group \"project.openshift.io\" in the namespace \"{name}\"\n",
                req.user.name
            ),
            1,
        )),
        None => Err(Output::err(
            format!("Error from server (NotFound): namespaces \"{name}\" not found\n"),
            1,
        )),
    }
}

fn new_project(req: &Req, env: &mut CliEnv) -> Res {
    let Some(name) = req.args.positional.first().cloned() else {
        return Err(error("must have exactly one argument"));
    };
    let display = req.args.get("display-name").unwrap_or("");
    let description = req.args.get("description").unwrap_or("");
    crate::cluster::controllers::openshift::request_project(
        env.cluster,
        &req.user,
        &name,
        display,
        description,
    )
    .map_err(|e| {
        if e.reason == "AlreadyExists" {
            Output::err(
                format!("Error from server (AlreadyExists): project.project.openshift.io \"{name}\" already exists\n"),
                1,
            )
        } else {
            api_error(&e)
        }
    })?;
    let server = server(env);
    if !req.args.on("skip-config-write") {
        switch_namespace(env, &name);
    }
    Ok(Output::ok(format!(
        "Now using project \"{name}\" on server \"{server}\".\n\nYou can add applications to this project with the 'new-app' command. For example, try:\n\n    oc new-app rails-postgresql-example\n\nto build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:\n\n    kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname\n\n"
    )))
}

/// Switches the current context to `namespace`, renaming OpenShift-style contexts the way `oc project` does.
fn switch_namespace(env: &mut CliEnv, namespace: &str) {
    let kc = &mut *env.kubeconfig;
    let Some(current) = kc.context().cloned() else {
        return;
    };
    let parts: Vec<&str> = current.name.splitn(3, '/').collect();
    if parts.len() == 3 {
        let name = format!("{namespace}/{}/{}", parts[1], parts[2]);
        kc.contexts.retain(|c| c.name != name);
        kc.contexts.push(ContextEntry {
            name: name.clone(),
            namespace: namespace.to_owned(),
            ..current
        });
        kc.current_context = name;
    } else if let Some(c) = kc.context_mut() {
        c.namespace = namespace.to_owned();
    }
}

fn project(req: &Req, env: &mut CliEnv) -> Res {
    let server = server(env);
    let Some(name) = req.args.positional.first().cloned() else {
        let current = env.kubeconfig.namespace();
        if req.args.on("short-project") {
            return Ok(Output::ok(format!("{current}\n")));
        }
        return Ok(Output::ok(format!(
            "Using project \"{current}\" on server \"{server}\".\n"
        )));
    };
    let visible = crate::cluster::auth::namespaces_with_access(env.cluster, &req.user);
    if !visible.contains(&name) {
        if env.cluster.get(k::namespace(), "", &name).is_some() {
            return Err(error(format!(
                "You are not a member of project \"{name}\".\n{}",
                project_summary(&visible, &env.kubeconfig.namespace()).trim_end()
            )));
        }
        let list: String = visible.iter().map(|p| format!("* {p}\n")).collect();
        return Err(error(format!(
            "A project named \"{name}\" does not exist on \"{server}\".\nYour projects are:\n{list}To see projects on another server, pass '--server=<server>'."
        )));
    }
    switch_namespace(env, &name);
    Ok(Output::ok(format!(
        "Now using project \"{name}\" on server \"{server}\".\n"
    )))
}

fn projects(req: &Req, env: &CliEnv) -> Res {
    let visible = crate::cluster::auth::namespaces_with_access(env.cluster, &req.user);
    if req.args.on("short-project") {
        return Ok(Output::ok(
            visible.iter().map(|p| format!("{p}\n")).collect::<String>(),
        ));
    }
    let current = env.kubeconfig.namespace();
    let server = server(env);
    if visible.is_empty() {
        return Ok(Output::ok("You are not a member of any projects. You can request a project to be created with the 'new-project' command.\n".to_owned()));
    }
    if visible.len() == 1 {
        return Ok(Output::ok(format!(
            "You have one project on this server: \"{}\".\n\nUsing project \"{current}\" on server \"{server}\".\n",
            visible[0]
        )));
    }
    let mut out = "You have access to the following projects and can switch between them with ' project <projectname>':\n\n".to_owned();
    for p in &visible {
        let display = env
            .cluster
            .get(k::namespace(), "", p)
            .and_then(|ns| {
                ns.meta
                    .annotation("openshift.io/display-name")
                    .map(str::to_owned)
            })
            .filter(|d| !d.is_empty());
        let marker = if *p == current { "*" } else { " " };
        match display {
            Some(d) => out.push_str(&format!("  {marker} {p} - {d}\n")),
            None => out.push_str(&format!("  {marker} {p}\n")),
        }
    }
    out.push_str(&format!(
        "\nUsing project \"{current}\" on server \"{server}\".\n"
    ));
    Ok(Output::ok(out))
}

// ---------------------------------------------------------------- new-app

/// An image a `new-app` argument resolved to.
struct Resolved {
    /// The image reference the deployment runs.
    image: String,
    /// The image stream and tag, when found in one (`openshift`, `nginx`, `latest`).
    stream: Option<(String, String, String)>,
    /// Ports the image exposes.
    ports: Vec<u16>,
    /// Whether the image runs as root (a warning on OpenShift).
    root: bool,
}

fn resolve_image(env: &CliEnv, ns: &str, word: &str) -> Option<Resolved> {
    let (repo, tag) = match word.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, t),
        _ => (word, "latest"),
    };
    let short = repo.rsplit('/').next().unwrap_or(repo);
    if !repo.contains('.') {
        for stream_ns in [ns, "openshift"] {
            if let Some(stream) = env.cluster.get(k::image_stream(), stream_ns, short) {
                let tags = stream.spec()["tags"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let pushed = crate::cluster::controllers::builds::tag_reference(&stream, tag);
                if !tags.iter().any(|t| t["name"] == tag) && pushed.is_none() {
                    continue;
                }
                let reference = stream.status_json()["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|t| t["tag"] == tag)
                    .and_then(|t| {
                        t["items"][0]["dockerImageReference"]
                            .as_str()
                            .map(str::to_owned)
                    });
                let registry =
                    format!("image-registry.openshift-image-registry.svc:5000/{stream_ns}/{short}");
                let digest = reference
                    .as_deref()
                    .and_then(|r| r.split_once('@').map(|(_, d)| d.to_owned()));
                let image = match digest {
                    Some(d) => format!("{registry}@{d}"),
                    None => format!("{registry}:{tag}"),
                };
                let info = env.cluster.info.image(&format!("{registry}:{tag}"));
                return Some(Resolved {
                    image,
                    stream: Some((stream_ns.to_owned(), short.to_owned(), tag.to_owned())),
                    ports: info
                        .map(|i| i.port_numbers())
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| vec![8080]),
                    root: false,
                });
            }
        }
    }
    let info = env.cluster.info.image(word)?;
    Some(Resolved {
        image: word.to_owned(),
        stream: None,
        ports: info.port_numbers(),
        root: !info.runs_as_arbitrary_uid,
    })
}

fn new_app(req: &Req, ctx: &Ctx, env: &mut CliEnv) -> Res {
    if let Some(found) = template_input(req, ctx, env)? {
        return new_app_template(req, ctx, env, found);
    }
    let flag_image = req
        .args
        .get("image")
        .or_else(|| req.args.get("docker-image"))
        .map(str::to_owned);
    let Some(word) = flag_image.or_else(|| req.args.positional.first().cloned()) else {
        return Err(error(
            "You must specify one or more images, image streams, templates, or source code locations to create an application.\n\nTo list all local templates and image streams, use:\n\n  oc new-app -L\n\nTo search templates, image streams, and Docker images that match the arguments provided, use:\n\n  oc new-app -S php\n  oc new-app -S --template=ruby\n  oc new-app -S --image-stream=mysql\n  oc new-app -S --image=registry.access.redhat.com/ubi8/python-38\n\nFor details on how to use the results from those commands, use:\n\n  oc new-app --help",
        ));
    };
    let (builder, source) = match word.split_once('~') {
        Some((b, s)) => (Some(b.to_owned()), Some(s.to_owned())),
        None if word.starts_with("https://") || word.starts_with("http://") => {
            (None, Some(word.clone()))
        }
        None => (None, None),
    };
    let image_word = builder.clone().unwrap_or_else(|| word.clone());
    if source.is_some() && builder.is_none() {
        return Err(error(format!(
            "unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name \"{word}\"\n\nArgument '{word}' was classified as a source code repository, but no builder image could be detected."
        )));
    }
    let resolved = resolve_image(env, &req.ns, &image_word).ok_or_else(|| {
        error(format!(
            "unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name \"{image_word}\"\n\nThe 'oc new-app' command will match arguments to the following types:\n\n  1. Images tagged into image streams in the current project or the 'openshift' project\n     - if you don't specify a tag, we'll add ':latest'\n  2. Images in the container storage, on remote registries, or on the local container engine\n  3. Templates in the current project or the 'openshift' project\n  4. Git repository URLs or local paths that point to Git repositories\n\n--allow-missing-images can be used to point to an image that does not exist yet.\n\nSee 'oc new-app -h' for examples."
        ))
    })?;
    let base = source
        .as_deref()
        .map(|s| {
            s.trim_end_matches('/')
                .trim_end_matches(".git")
                .rsplit('/')
                .next()
                .unwrap_or("app")
                .to_owned()
        })
        .unwrap_or_else(|| {
            let last = image_word.rsplit('/').next().unwrap_or(&image_word);
            last.split([':', '@']).next().unwrap_or(last).to_owned()
        });
    let name = req.args.get("name").map(str::to_owned).unwrap_or(base);
    let as_dc = req.args.on("as-deployment-config");
    let workload = if as_dc {
        "deployment config"
    } else {
        "deployment"
    };
    let mut labels = serde_json::Map::new();
    labels.insert("app".into(), json!(name));
    labels.insert("app.kubernetes.io/component".into(), json!(name));
    labels.insert("app.kubernetes.io/instance".into(), json!(name));
    if let Some(l) = req.args.get("labels") {
        labels = l
            .split(',')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), json!(v)))
            .collect();
    }
    let ns = req.ns.clone();
    let now = env.cluster.now;
    let mut out = String::new();
    let mut objects: Vec<Value> = Vec::new();
    let generated = json!({"openshift.io/generated-by": "OpenShiftNewApp"});
    let ports = if resolved.ports.is_empty() {
        vec![8080]
    } else {
        resolved.ports.clone()
    };
    let short_id = |s: &str| {
        crate::api::object::hex_id(7, s, 7)
            .chars()
            .take(7)
            .collect::<String>()
    };
    match (&resolved.stream, &source) {
        (Some((sns, sname, tag)), None) => {
            out.push_str(&format!(
                "--> Found image {} (3 months old) in image stream \"{sns}/{sname}\" under tag \"{tag}\" for \"{image_word}\"\n\n",
                short_id(&resolved.image)
            ));
            if let Some(stream) = env.cluster.get(k::image_stream(), sns, sname)
                && let Some(display) = stream
                    .meta
                    .annotation("openshift.io/display-name")
                    .map(str::to_owned)
            {
                out.push_str(&format!(
                    "    {display} \n    {} \n",
                    "-".repeat(display.chars().count())
                ));
                out.push('\n');
            }
            out.push_str(&format!(
                "    * This image will be deployed in {workload} \"{name}\"\n"
            ));
            for p in &ports {
                out.push_str(&format!(
                    "    * Port {p}/tcp will be load balanced by service \"{name}\"\n"
                ));
            }
            out.push_str(
                "      * Other containers can access this service through the hostname \"",
            );
            // The deployment follows the stream's existing tag where it lives, so new-app creates no tag of its own.
            out.push_str(&format!("{name}\"\n\n"));
        }
        (None, None) => {
            out.push_str(&format!(
                "--> Found container image {} (3 months old) from {} for \"{image_word}\"\n\n",
                short_id(&resolved.image),
                registry_of(&image_word)
            ));
            out.push_str(&format!("    * An image stream tag will be created as \"{name}:latest\" that will track this image\n"));
            out.push_str(&format!(
                "    * This image will be deployed in {workload} \"{name}\"\n"
            ));
            for p in &ports {
                out.push_str(&format!(
                    "    * Port {p}/tcp will be load balanced by service \"{name}\"\n"
                ));
            }
            out.push_str(&format!(
                "      * Other containers can access this service through the hostname \"{name}\"\n"
            ));
            if resolved.root {
                out.push_str(&format!("    * WARNING: Image \"{image_word}\" runs as the 'root' user which may not be permitted by your cluster administrator\n"));
            }
            out.push('\n');
            objects.push(json!({"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
                "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
                "spec": {"lookupPolicy": {"local": false}, "tags": [{"from": {"kind": "DockerImage", "name": resolved.image}, "name": "latest", "referencePolicy": {"type": "Source"}}]}}));
        }
        (_, Some(src)) => {
            out.push_str(&format!(
                "--> Found image {} (3 months old) in image stream \"{}\" under tag \"{}\" for \"{image_word}\"\n\n",
                short_id(&resolved.image),
                resolved.stream.as_ref().map(|(a, b, _)| format!("{a}/{b}")).unwrap_or_else(|| image_word.clone()),
                resolved.stream.as_ref().map(|(_, _, t)| t.clone()).unwrap_or_else(|| "latest".into())
            ));
            out.push_str(&format!(
                "    * The source repository appears to match: {}\n",
                image_word.split(':').next().unwrap_or(&image_word)
            ));
            out.push_str(&format!(
                "    * A source build using source code from {src} will be created\n"
            ));
            out.push_str(&format!(
                "      * The resulting image will be pushed to image stream tag \"{name}:latest\"\n"
            ));
            out.push_str("      * Use 'oc start-build' to trigger a new build\n");
            out.push_str(&format!(
                "    * This image will be deployed in {workload} \"{name}\"\n"
            ));
            for p in &ports {
                out.push_str(&format!(
                    "    * Port {p}/tcp will be load balanced by service \"{name}\"\n"
                ));
            }
            out.push_str(&format!("      * Other containers can access this service through the hostname \"{name}\"\n\n"));
            objects.push(json!({"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
                "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
                "spec": {"lookupPolicy": {"local": false}}}));
            let from = match &resolved.stream {
                Some((sns, sname, tag)) => {
                    json!({"kind": "ImageStreamTag", "name": format!("{sname}:{tag}"), "namespace": sns})
                }
                None => json!({"kind": "DockerImage", "name": resolved.image}),
            };
            objects.push(json!({"apiVersion": "build.openshift.io/v1", "kind": "BuildConfig",
                "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
                "spec": {"output": {"to": {"kind": "ImageStreamTag", "name": format!("{name}:latest")}},
                    "source": {"git": {"uri": src}, "type": "Git"},
                    "strategy": {"sourceStrategy": {"from": from}, "type": "Source"},
                    "triggers": [{"type": "ConfigChange"}, {"imageChange": {}, "type": "ImageChange"}]}}));
        }
    }
    let image = if source.is_some() {
        format!("image-registry.openshift-image-registry.svc:5000/{ns}/{name}:latest")
    } else {
        resolved.image.clone()
    };
    let env_vars = super::write::env_vars(req);
    let container_ports: Vec<Value> = ports
        .iter()
        .map(|p| json!({"containerPort": p, "protocol": "TCP"}))
        .collect();
    // An image stream's tag is followed where it lives (`openshift/nginx:latest`); a built or imported image through
    // the app's own stream.
    let (followed, followed_ns) = match &resolved.stream {
        Some((sns, sname, _)) if source.is_none() => (sname.clone(), sns.clone()),
        _ => (name.clone(), ns.clone()),
    };
    let ns_field = if followed_ns == ns {
        String::new()
    } else {
        format!(",\"namespace\":\"{followed_ns}\"")
    };
    let mut deploy_annotations = generated.clone();
    deploy_annotations["image.openshift.io/triggers"] = json!(format!(
        "[{{\"from\":{{\"kind\":\"ImageStreamTag\",\"name\":\"{followed}:{}\"{ns_field}}},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"{name}\\\")].image\"}}]",
        resolved
            .stream
            .as_ref()
            .map(|(_, _, t)| t.as_str())
            .unwrap_or("latest")
    ));
    let tag = resolved
        .stream
        .as_ref()
        .map(|(_, _, t)| t.as_str())
        .unwrap_or("latest");
    let selector_key = if as_dc {
        "deploymentconfig"
    } else {
        "deployment"
    };
    if as_dc {
        // The image trigger fills in the image: a source build's once the build pushes it, an existing one at once.
        let mut params = json!({"automatic": true, "containerNames": [name],
            "from": {"kind": "ImageStreamTag", "name": format!("{followed}:{tag}"), "namespace": followed_ns}});
        let container_image = if source.is_some() {
            format!("{name}:{tag}")
        } else {
            params["lastTriggeredImage"] = json!(image);
            image.clone()
        };
        objects.push(json!({"apiVersion": "apps.openshift.io/v1", "kind": "DeploymentConfig",
            "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
            "spec": {"replicas": 1, "selector": {"deploymentconfig": name},
                "template": {"metadata": {"annotations": generated, "labels": {"deploymentconfig": name}},
                    "spec": {"containers": [container_json(&container_image, &name, &container_ports, &env_vars)]}},
                "triggers": [{"type": "ConfigChange"}, {"imageChangeParams": params, "type": "ImageChange"}]}}));
    } else {
        objects.push(json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"annotations": deploy_annotations, "labels": labels, "name": name, "namespace": ns},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"deployment": name}},
                "template": {"metadata": {"annotations": generated, "labels": {"deployment": name}},
                    "spec": {"containers": [container_json(&image, &name, &container_ports, &env_vars)]}}}}));
    }
    let svc_ports: Vec<Value> = ports
        .iter()
        .map(|p| json!({"name": format!("{p}-tcp"), "port": p, "protocol": "TCP", "targetPort": p}))
        .collect();
    objects.push(json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"annotations": generated, "labels": labels, "name": name, "namespace": ns},
        "spec": {"ports": svc_ports, "selector": {selector_key: name}}}));
    let mode = matches!(req.args.get("dry-run"), Some("client" | "true" | "server"));
    if req.args.has("output") {
        return objects::render(req, objects, false, now);
    }
    out.push_str("--> Creating resources ...\n");
    let mut out = create_each(req, env, objects, mode, out)?;
    if source.is_some() {
        out.push_str(&format!("--> Success\n    Build scheduled, use 'oc logs -f buildconfig/{name}' to track its progress.\n"));
    } else {
        out.push_str("--> Success\n");
    }
    out.push_str(&format!(
        "    Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:\n     'oc expose service/{name}' \n    Run 'oc status' to view your app.\n"
    ));
    Ok(Output::ok(out))
}

/// The template a `new-app` request names: `--template`, `-f FILE`, or a word that is the name of a stored template.
fn template_input(req: &Req, ctx: &Ctx, env: &CliEnv) -> Result<Option<(Value, String)>, Output> {
    if let Some(name) = req.args.get("template") {
        let found = super::templates::find(env, req, name).ok_or_else(|| {
            error(format!(
                "unable to locate any templates loaded in accessible projects with name \"{name}\"\n\n{}",
                no_match_help()
            ))
        })?;
        return Ok(Some((found.to_json(), name.to_owned())));
    }
    if req.args.has("filename") {
        let docs = objects::manifests(req, ctx)?;
        let Some((source, doc)) = docs.into_iter().find(|(_, d)| d["kind"] == "Template") else {
            let name = req.args.get("filename").unwrap_or_default();
            return Err(error(format!(
                "unable to locate any template files with name \"{name}\"\n\n{}",
                no_match_help()
            )));
        };
        return Ok(Some((doc, source)));
    }
    let word = match req.args.positional.first() {
        Some(w) if req.args.get("image").is_none() && !w.contains(['~', ':', '/']) => w,
        _ => return Ok(None),
    };
    Ok(super::templates::find(env, req, word).map(|t| (t.to_json(), word.clone())))
}

/// What new-app prints after an argument it could not match: the kinds of arguments it understands.
fn no_match_help() -> &'static str {
    "The 'oc new-app' command will match arguments to the following types:\n\n  1. Images tagged into image streams in the current project or the 'openshift' project\n     - if you don't specify a tag, we'll add ':latest'\n  2. Images in the container storage, on remote registries, or on the local container engine\n  3. Templates in the current project or the 'openshift' project\n  4. Git repository URLs or local paths that point to Git repositories\n\n--allow-missing-images can be used to point to an image that does not exist yet.\n\nSee 'oc new-app -h' for examples."
}

/// `oc new-app` from a template: processes it, labels its objects as the app's, creates them and prints the access
/// hints for its build configs and routes.
fn new_app_template(
    req: &Req,
    ctx: &Ctx,
    env: &mut CliEnv,
    (template, input): (Value, String),
) -> Res {
    let input = if req.args.has("filename") {
        String::new()
    } else {
        input
    };
    let (mut out, template_name, mut items) =
        super::templates::new_app_objects(req, ctx, env, template, &input)?;
    let name = req
        .args
        .get("name")
        .map(str::to_owned)
        .unwrap_or(template_name);
    let app_keys = [
        "app",
        "app.kubernetes.io/component",
        "app.kubernetes.io/instance",
    ];
    let has_app_label = items.iter().any(|o| {
        let labelled = |l: &Value| {
            l.as_object()
                .is_some_and(|m| m.keys().any(|k| app_keys.contains(&k.as_str())))
        };
        labelled(&o["metadata"]["labels"])
            || o["kind"] == "DeploymentConfig"
                && labelled(&o["spec"]["template"]["metadata"]["labels"])
    });
    let mut extra: Vec<(String, String)> = req
        .args
        .get("labels")
        .map(|l| {
            l.split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    if !has_app_label && !name.is_empty() {
        extra.extend(app_keys.iter().map(|k| ((*k).to_owned(), name.clone())));
    }
    for item in &mut items {
        if item["metadata"]["namespace"]
            .as_str()
            .is_none_or(str::is_empty)
        {
            item["metadata"]["namespace"] = json!(req.ns);
        }
        for (k, v) in &extra {
            item["metadata"]["labels"][k] = json!(v);
        }
        item["metadata"]["annotations"]["openshift.io/generated-by"] = json!("OpenShiftNewApp");
        if matches!(
            item["kind"].as_str(),
            Some("Deployment" | "DeploymentConfig")
        ) && item["spec"]["template"].is_object()
        {
            item["spec"]["template"]["metadata"]["annotations"]["openshift.io/generated-by"] =
                json!("OpenShiftNewApp");
        }
    }
    if req.args.has("output") {
        return objects::render(req, items, false, env.cluster.now);
    }
    let dry = matches!(req.args.get("dry-run"), Some("client" | "true" | "server"));
    out.push_str(
        match req.args.get("labels") {
            Some(l) => format!("--> Creating resources with label {l} ...\n"),
            None => "--> Creating resources ...\n".to_owned(),
        }
        .as_str(),
    );
    let mut out = create_each(req, env, items.clone(), dry, out)?;
    out.push_str("--> Success\n");
    if dry {
        return Ok(Output::ok(out));
    }
    let mut routed = false;
    for item in &items {
        let item_name = item["metadata"]["name"].as_str().unwrap_or("");
        match item["kind"].as_str() {
            Some("BuildConfig") => {
                let triggered = item["spec"]["triggers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|t| t["type"] == "ImageChange" || t["type"] == "ConfigChange");
                if triggered {
                    out.push_str(&format!("    Build scheduled, use 'oc logs -f buildconfig/{item_name}' to track its progress.\n"));
                } else {
                    out.push_str(&format!(
                        "    Use 'oc start-build {item_name}' to start a build.\n"
                    ));
                }
            }
            Some("Route") => {
                routed = true;
                if let Some(route) = env.cluster.get(k::route(), &req.ns, item_name)
                    && let Some(host) = route.spec()["host"].as_str().filter(|h| !h.is_empty())
                {
                    out.push_str(&format!(
                        "    Access your application via route '{host}' \n"
                    ));
                }
            }
            _ => {}
        }
    }
    if !routed {
        let services: Vec<&str> = items
            .iter()
            .filter(|o| o["kind"] == "Service")
            .filter_map(|o| o["metadata"]["name"].as_str())
            .collect();
        if !services.is_empty() {
            out.push_str("    Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:\n");
            for s in services {
                out.push_str(&format!("     'oc expose service/{s}' \n"));
            }
        }
    }
    out.push_str("    Run 'oc status' to view your app.\n");
    // The API server warns about every DeploymentConfig the template creates.
    let warnings = items
        .iter()
        .filter(|o| o["kind"] == "DeploymentConfig")
        .map(|_| super::builds::DC_WARNING)
        .collect();
    Ok(Output {
        stdout: out,
        stderr: warnings,
        code: 0,
    })
}

/// The registry an image reference names, as new-app reports where it found the image: `Docker Hub` when it names none.
fn registry_of(image: &str) -> &str {
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
        _ => "Docker Hub",
    }
}

/// A new-app container: its image, name, ports and the `-e` environment.
fn container_json(image: &str, name: &str, ports: &[Value], env_vars: &[Value]) -> Value {
    let mut c = json!({"image": image, "name": name, "ports": ports});
    if !env_vars.is_empty() {
        c["env"] = json!(env_vars);
    }
    c
}

/// The port a route to `svc` targets when none is given: the service's first port by name, else its target port.
pub(crate) fn route_port(svc: &Object) -> Value {
    svc.spec()["ports"][0]["name"]
        .as_str()
        .map(|n| json!(n))
        .or_else(|| {
            svc.spec()["ports"][0]["targetPort"]
                .as_i64()
                .map(|p| json!(p))
        })
        .unwrap_or(json!(8080))
}

/// An object's labels as a JSON map, for objects made from it.
pub(crate) fn labels_json(object: &Object) -> Value {
    object
        .meta
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

/// Creates new-app's or new-build's objects in order, adding a line for each to `out`; when one fails, the output
/// ends with `--> Failed` and exit code 1.
pub(crate) fn create_each(
    req: &Req,
    env: &mut CliEnv,
    objects: Vec<Value>,
    dry: bool,
    mut out: String,
) -> Result<String, Output> {
    let mut failed = false;
    for body in objects {
        let object = Object::from_json(&body).map_err(error)?;
        let label = match object.kind.info().group {
            "" => object.kind.info().singular.to_owned(),
            g => format!("{}.{g}", object.kind.info().singular),
        };
        match env.cluster.create(&req.user, object, dry) {
            Ok(o) => out.push_str(&format!("    {label} \"{}\" created\n", o.meta.name)),
            Err(e) => {
                failed = true;
                out.push_str(&format!("    error: {}\n", e.message));
            }
        }
    }
    if failed {
        out.push_str("--> Failed\n");
        return Err(Output {
            stdout: out,
            stderr: String::new(),
            code: 1,
        });
    }
    Ok(out)
}

/// A route's host: `--hostname`, else `NAME-NAMESPACE.APPS_DOMAIN` as the router assigns it.
pub(crate) fn route_host(req: &Req, env: &CliEnv, name: &str, ns: &str) -> String {
    req.args
        .get("hostname")
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{name}-{ns}.{}", apps_domain(&env.cluster.info)))
}

/// `oc expose svc/NAME`: a route to the service at `NAME-NAMESPACE.APPS_DOMAIN`.
pub(crate) fn expose_route(req: &Req, env: &mut CliEnv, svc: &Object, mode: &str) -> Res {
    let name = req.args.get("name").unwrap_or(&svc.meta.name).to_owned();
    let host = route_host(req, env, &name, &svc.meta.namespace);
    let port = route_port(svc);
    let body = json!({"apiVersion": "route.openshift.io/v1", "kind": "Route",
        "metadata": {"labels": labels_json(svc), "name": name, "namespace": svc.meta.namespace.as_str()},
        "spec": {"host": host, "port": {"targetPort": port}, "to": {"kind": "Service", "name": svc.meta.name.as_str(), "weight": 100}, "wildcardPolicy": "None"}});
    let object = Object::from_json(&body).map_err(error)?;
    let created = env
        .cluster
        .create(&req.user, object, mode != "none")
        .map_err(|e| api_error(&e))?;
    Ok(Output::ok(format!("{} exposed\n", ref_name(&created))))
}

// ---------------------------------------------------------------- status, builds, rsh

fn start_build(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(name) = req.args.positional.first().map(|w| {
        w.trim_start_matches("bc/")
            .trim_start_matches("buildconfig/")
            .to_owned()
    }) else {
        return Err(error("must provide a BuildConfig name or use --from-build"));
    };
    let bc = read(req, env, k::build_config(), &name)?;
    env.cluster
        .authorize(&req.user, "create", k::build(), &req.ns, "")
        .map_err(|e| api_error(&e))?;
    let created =
        crate::cluster::controllers::builds::instantiate(env.cluster, &bc, "Manually triggered");
    env.cluster.settle();
    let mut out = Output::ok(format!("{} started\n", ref_name(&created)));
    let follow = req.args.on("follow");
    if !follow && !req.args.on("wait") {
        return Ok(CliResult::plain(out));
    }
    // --follow streams the log until the build ends; --wait only waits; both fail when the build does.
    let start = env.cluster.now;
    let (ns, build) = (created.meta.namespace.as_str(), created.meta.name.as_str());
    let logs = super::builds::stream_build(env, ns, build, true);
    if follow {
        out.stdout.push_str(&logs.stdout);
        out.stderr.push_str(&logs.stderr);
    }
    let phase = super::builds::build_phase(env, ns, build);
    if phase != "Complete" {
        out.stderr.push_str(&format!(
            "error: the build {ns}/{build} status is \"{phase}\"\n"
        ));
        out.code = 1;
    }
    Ok(CliResult {
        output: out,
        effect: advanced(env.cluster.now - start),
    })
}

fn rsh(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(word) = req.args.positional.first() else {
        return Err(error(
            "rsh requires a single Pod to connect to\nSee 'oc rsh -h' for help and examples",
        ));
    };
    let (pod, _) = super::commands::pod_for(req, env, word)?;
    let running = pod
        .pod()
        .is_some_and(|p| p.phase == crate::api::Phase::Running);
    if !running {
        return Err(error(format!(
            "cannot exec into a container in a completed pod; current phase is {}",
            pod.pod().map(|p| p.phase.as_str()).unwrap_or("Pending")
        )));
    }
    let container = req
        .args
        .get("container")
        .map(str::to_owned)
        .or_else(|| {
            pod.spec()["containers"][0]["name"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    // `oc rsh POD COMMAND…` runs the command and returns; only a bare `oc rsh POD` opens a shell.
    let interactive = req.args.positional.len() <= 1;
    let command: Vec<String> = if interactive {
        vec!["/bin/sh".into()]
    } else {
        req.args.positional[1..].to_vec()
    };
    Ok(CliResult {
        output: Output::default(),
        effect: Some(Effect::ContainerShell {
            namespace: pod.meta.namespace.to_string(),
            pod: pod.meta.name.to_string(),
            container,
            command,
            interactive,
            remove_on_exit: false,
            debug: false,
        }),
    })
}

// ---------------------------------------------------------------- debug

/// `oc debug node/NAME` (and `kubectl debug node/NAME`): a privileged pod on the node, then a shell.
pub(crate) fn debug(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let Some(word) = req.args.positional.first() else {
        return Err(error("you must specify an existing resource to debug"));
    };
    let Some(node) = word
        .strip_prefix("node/")
        .or_else(|| word.strip_prefix("nodes/"))
    else {
        return debug_workload(req, env, word);
    };
    let command = req.args.rest.clone().unwrap_or_default();
    let kubectl = req.tool != "oc";
    // kubectl has no default image for a node's debugging pod.
    if kubectl && req.args.get("image").is_none() {
        return Err(error("you must specify --image when not using --copy-to."));
    }
    let node_obj = read(req, env, k::node(), node)?;
    env.cluster
        .authorize(&req.user, "create", k::pod(), "default", "")
        .map_err(|e| api_error(&e))?;
    let suffix = env.cluster.random_suffix(5);
    let ip = node_obj.status_json()["addresses"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["type"] == "InternalIP")
        .and_then(|a| a["address"].as_str())
        .unwrap_or("")
        .to_owned();
    let start = env.cluster.now;
    env.cluster.advance(3000);
    let _ = advanced(env.cluster.now - start);
    if kubectl {
        // kubectl creates the pod and attaches to it only with --stdin; it reports the pod on standard output.
        let pod = format!("node-debugger-{node}-{suffix}");
        let text =
            format!("Creating debugging pod {pod} with container debugger on node {node}.\n");
        if !req.args.on("stdin") {
            return Ok(CliResult {
                output: Output::ok(text),
                effect: None,
            });
        }
        let mut output = Output::ok(text);
        if command.is_empty() {
            output.stderr = "If you don't see a command prompt, try pressing enter.\n".to_owned();
        }
        return Ok(CliResult {
            output,
            effect: Some(Effect::DebugNode {
                node: node.to_owned(),
                pod,
                namespace: req.ns.clone(),
                exit_message: String::new(),
                command,
            }),
        });
    }
    // oc reports the pod's life on standard error: the temporary namespace, the pod, and, when it opens a shell, the
    // pod's IP and attach's prompt hint; with a command it prints the pod's log and removes the pod.
    let pod = format!("{}-debug-{suffix}", simple_name(node));
    let ns = format!("openshift-debug-{}", env.cluster.random_suffix(5));
    let mut text = format!(
        "Temporary namespace {ns} is created for debugging node...\nStarting pod/{pod} ...\nTo use host binaries, run `chroot /host`\n"
    );
    let output = if command.is_empty() {
        text.push_str(&format!(
            "Pod IP: {ip}\nIf you don't see a command prompt, try pressing enter.\n"
        ));
        Output::ok(text)
    } else {
        Output::err(text, 0)
    };
    Ok(CliResult {
        output,
        effect: Some(Effect::DebugNode {
            node: node.to_owned(),
            pod,
            namespace: ns.clone(),
            exit_message: format!(
                "\nRemoving debug pod ...\nTemporary namespace {ns} was removed.\n"
            ),
            command,
        }),
    })
}

/// `oc debug POD|TYPE/NAME [-- COMMAND…]`: a copy of the resource's pod template whose container runs a shell (or the
/// command), created next to it as `<name>-debug-<suffix>` with its labels and probes dropped; oc attaches to it, or
/// prints the command's log, and removes it afterwards.
fn debug_workload(req: &Req, env: &mut CliEnv, word: &str) -> Result<CliResult, Output> {
    let (kind, name) = match word.split_once('/') {
        Some((t, name)) => (req.kind(t)?, name),
        None => (k::pod(), word),
    };
    let source = read(req, env, kind, name)?;
    let info = kind.info();
    let template = match info.kind {
        "Pod" => json!({"metadata": {}, "spec": source.spec()}),
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController"
        | "DeploymentConfig" => source.spec()["template"].clone(),
        "CronJob" => source.spec()["jobTemplate"]["spec"]["template"].clone(),
        other => {
            return Err(error(format!(
                "cannot debug {name}: *{}.{other} is not supported by debug",
                info.version
            )));
        }
    };
    let mut spec = template["spec"].clone();
    let containers = spec["containers"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = spec["initContainers"]
        .as_array()
        .into_iter()
        .chain(spec["containers"].as_array())
        .flatten()
        .filter_map(|c| c["name"].as_str())
        .collect();
    if names.is_empty() {
        return Err(error("the provided pod must have at least one container"));
    }
    let pod_name = format!(
        "{}-debug-{}",
        simple_name(name),
        env.cluster.random_suffix(5)
    );
    let mut out = Output::default();
    let chosen = match req.args.get("container") {
        Some(c) => c.to_owned(),
        None => {
            let first = containers[0]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if containers.len() > 1 {
                out.stderr.push_str(&format!(
                    "Defaulting container name to {first}.\nUse '{} describe pod/{pod_name} -n {}' to see all of the containers in this pod.\n\n",
                    req.tool, source.meta.namespace
                ));
            }
            first
        }
    };
    let Some(container) = containers.iter().find(|c| c["name"] == chosen.as_str()) else {
        return Err(error(format!(
            "the container \"{chosen}\" is not a valid container name; must be one of [{}]",
            names.join(" ")
        )));
    };
    // oc names the command the container would have run: its own command and arguments, or, for a
    // DeploymentConfig's image, the image's entrypoint; a Deployment's image it does not look up.
    let original: Vec<String> = if container["command"].is_array() {
        crate::cluster::controllers::kubelet::command_line(container)
            .into_iter()
            .map(str::to_owned)
            .collect()
    } else if info.kind == "DeploymentConfig" {
        let image = container["image"].as_str().unwrap_or_default();
        env.cluster
            .info
            .image(image)
            .map(|i| i.command.clone())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    // Without a command oc runs a shell and attaches to it.
    let given = req.args.rest.clone().unwrap_or_default();
    let interactive = given.is_empty();
    let command = if interactive {
        vec!["/bin/sh".to_owned()]
    } else {
        given
    };
    let mut debug = container.clone();
    debug["command"] = json!(command);
    if let Some(c) = debug.as_object_mut() {
        for field in ["args", "readinessProbe", "livenessProbe", "startupProbe"] {
            c.remove(field);
        }
        c.insert("stdin".into(), json!(interactive));
        c.insert("stdinOnce".into(), json!(interactive));
        c.insert("tty".into(), json!(interactive));
        if let Some(image) = req.args.get("image") {
            c.insert("image".into(), json!(image));
        }
    }
    let all: Vec<Value> = containers
        .iter()
        .map(|c| {
            if c["name"] == chosen.as_str() {
                debug.clone()
            } else {
                c.clone()
            }
        })
        .collect();
    if let Some(s) = spec.as_object_mut() {
        s.remove("initContainers");
        s.insert("containers".into(), Value::Array(all));
        s.insert("restartPolicy".into(), json!("Never"));
    }
    let resource = if info.group.is_empty() {
        format!("/{}, Resource={}", info.version, info.plural)
    } else {
        format!("{}/{}, Resource={}", info.group, info.version, info.plural)
    };
    let body = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": pod_name, "namespace": source.meta.namespace.as_str(),
            "annotations": {"debug.openshift.io/source-container": chosen, "debug.openshift.io/source-resource": format!("{resource}/{name}")}},
        "spec": spec});
    let object = Object::from_json(&body).map_err(error)?;
    let namespace = source.meta.namespace.to_string();
    env.cluster
        .create(&req.user, object, false)
        .map_err(|e| api_error(&e))?;
    out.stderr.push_str(&if original.is_empty() {
        format!("Starting pod/{pod_name} ...\n")
    } else {
        format!(
            "Starting pod/{pod_name}, command was: {}\n",
            original.join(" ")
        )
    });
    // oc waits for the container to run (the pull, if the node lacks the image, takes its time).
    let start = env.cluster.now;
    let phase = super::commands::wait_while_pending(env, &namespace, &pod_name);
    let effect = Effect::ContainerShell {
        namespace: namespace.clone(),
        pod: pod_name.clone(),
        container: chosen,
        command,
        interactive,
        remove_on_exit: true,
        debug: true,
    };
    if phase != Some(crate::api::Phase::Running) {
        let ended = super::end_session(&effect, env);
        out.stderr.push_str(&ended.stdout);
        out.stderr.push_str(&ended.stderr);
        out.stderr
            .push_str("error: timed out waiting for the condition\n");
        out.code = 1;
        return Ok(CliResult {
            output: out,
            effect: advanced(env.cluster.now - start),
        });
    }
    if interactive {
        // Like the node shell's, these lines stay on standard output so that the terminal does not colour them as errors.
        let ip = env
            .cluster
            .get(k::pod(), &namespace, &pod_name)
            .and_then(|p| p.pod().and_then(|s| s.pod_ip))
            .map(crate::api::object::ip_string)
            .unwrap_or_default();
        out.stdout = std::mem::take(&mut out.stderr);
        out.stdout.push_str(&format!(
            "Pod IP: {ip}\nIf you don't see a command prompt, try pressing enter.\n"
        ));
    }
    Ok(CliResult {
        output: out,
        effect: Some(effect),
    })
}

/// oc's simple name for a debug pod: lower case, only letters, digits and dashes, no leading or trailing dash, at most 63 characters.
fn simple_name(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    kept.trim_matches('-').chars().take(63).collect()
}

// ---------------------------------------------------------------- certificate and adm

pub(crate) fn certificate(req: &Req, env: &mut CliEnv) -> Res {
    let words = &req.args.positional;
    let (Some(action), names) = (words.first(), &words[words.len().min(1)..]) else {
        return Ok(super::help::group(req.tool, "certificate"));
    };
    if !matches!(action.as_str(), "approve" | "deny") {
        return Err(super::objects::unknown_subcommand(
            req.tool, &req.cmd, words,
        ));
    }
    if names.is_empty() {
        return Err(error(
            "one or more CSRs must be specified as <name> or -f <filename>",
        ));
    }
    let mut out = String::new();
    for word in names {
        // `oc get csr -o name | xargs oc adm certificate approve` passes TYPE/NAME words.
        let name = match word.split_once('/') {
            Some((kind, name)) if req.kind(kind).is_ok_and(|kind| kind == k::csr()) => name,
            Some((kind, _)) => {
                return Err(error(format!(
                    "you must specify a CertificateSigningRequest, not {kind}"
                )));
            }
            None => word.as_str(),
        };
        let name = &name.to_owned();
        let csr = read(req, env, k::csr(), name)?;
        env.cluster
            .authorize(&req.user, "update", k::csr(), "", name)
            .map_err(|e| api_error(&e))?;
        let (kind, reason, verb) = if action == "approve" {
            ("Approved", "KubectlApprove", "approved")
        } else {
            ("Denied", "KubectlDeny", "denied")
        };
        let mut next = (*csr).clone();
        let status = next.status_json_mut();
        let conditions = status.entry("conditions").or_insert(json!([]));
        let already = conditions
            .as_array()
            .is_some_and(|c| c.iter().any(|x| x["type"] == kind));
        if !already {
            if let Some(a) = conditions.as_array_mut() {
                a.push(json!({"lastTransitionTime": crate::api::time::rfc3339(env.cluster.now), "lastUpdateTime": crate::api::time::rfc3339(env.cluster.now),
                    "message": format!("This CSR was {verb} by kubectl certificate {action}."), "reason": reason, "status": "True", "type": kind}));
            }
            if action == "approve" {
                status.insert(
                    "certificate".into(),
                    json!("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="),
                );
            }
            env.cluster.write(next);
        }
        out.push_str(&format!(
            "certificatesigningrequest.certificates.k8s.io/{name} {verb}\n"
        ));
    }
    Ok(Output::ok(out))
}

fn adm(req: &Req, ctx: &mut Ctx, env: &mut CliEnv) -> Result<CliResult, Output> {
    let words = req.args.positional.clone();
    let Some(sub) = words.first().cloned() else {
        return Err(super::objects::group_help(
            "Administrative Commands:\n\nActions for managing a cluster.\n\nAvailable Commands:\n  certificate       Approve or reject certificate requests\n  cordon            Mark node as unschedulable\n  drain             Drain node in preparation for maintenance\n  must-gather       Launch a new instance of a pod for gathering debug information\n  policy            Manage cluster authorization and security policy\n  taint             Update the taints on one or more nodes\n  top               Show usage statistics of resources on the server\n  uncordon          Mark node as schedulable\n".to_owned(),
        ));
    };
    let sub_req = |cmd: &str| Req {
        tool: req.tool,
        cmd: cmd.to_owned(),
        args: super::flags::Args {
            positional: words[1..].to_vec(),
            values: req.args.values.clone(),
            rest: req.args.rest.clone(),
        },
        user: req.user.clone(),
        ns: req.ns.clone(),
        openshift: req.openshift,
    };
    let _ = ctx;
    match sub.as_str() {
        "policy" => {
            policy(&sub_req("adm policy"), env, "adm policy", ADM_POLICY).map(CliResult::plain)
        }
        "certificate" => certificate(&sub_req("adm certificate"), env).map(CliResult::plain),
        "top" | "cordon" | "uncordon" | "drain" | "taint" => {
            let mut argv = vec!["oc".to_owned(), sub.clone()];
            argv.extend(words[1..].iter().cloned());
            for (flag, values) in &req.args.values {
                for v in values {
                    argv.push(format!("--{flag}={v}"));
                }
            }
            Ok(super::commands::dispatch(&argv, ctx, env))
        }
        "must-gather" => {
            env.cluster.advance(90_000);
            let image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:4be4b3e7c5f5b1e0f63e3a6d6c0e0c1d93a7b4d1d3b0c5a6d7e2f8b9c0a1d2e3";
            let dir = format!(
                "must-gather.local.{}",
                1_000_000_000_000_000_000u64 + env.cluster.random(8_000_000_000_000_000_000)
            );
            Ok(CliResult {
                output: Output::ok(format!(
                    "[must-gather      ] OUT Using must-gather plug-in image: {image}\nWhen opening a support case, bugzilla, or issue please include the following summary data along with any other requested information:\nClusterID: {}\nClusterVersion: Stable at \"{}\"\nClusterOperators:\n\tAll healthy and stable\n\n\n[must-gather      ] OUT namespace/openshift-must-gather-{} created\n[must-gather      ] OUT clusterrolebinding.rbac.authorization.k8s.io/must-gather-{} created\n[must-gather      ] OUT pod for plug-in image {image} created\n[must-gather-{}] POD Gathering data for ns/openshift-cluster-version...\n[must-gather-{}] POD Wrote inspect data to must-gather.\n[must-gather      ] OUT namespace/openshift-must-gather-{} deleted\n[must-gather      ] OUT clusterrolebinding.rbac.authorization.k8s.io/must-gather-{} deleted\n\n\nReprinting Cluster State:\nWhen opening a support case, bugzilla, or issue please include the following summary data along with any other requested information:\nClusterID: {}\nClusterVersion: Stable at \"{}\"\nClusterOperators:\n\tAll healthy and stable\n\n",
                    "93d6b3fd-f40b-4a90-b4f9-89ae3e05b6d3",
                    env.cluster.info.openshift_version,
                    "x7k2p", "x7k2p", "b4n9q", "b4n9q", "x7k2p", "x7k2p",
                    "93d6b3fd-f40b-4a90-b4f9-89ae3e05b6d3",
                    env.cluster.info.openshift_version,
                )),
                effect: Some(Effect::Advanced { ms: 90_000 }),
            })
            .map(|mut r| {
                r.output.stdout = r.output.stdout.replace("Wrote inspect data to must-gather.", &format!("Wrote inspect data to {dir}."));
                r
            })
        }
        _ => Err(super::objects::unknown_subcommand(req.tool, "adm", &words)),
    }
}

/// The role and SCC actions of `oc adm policy`.
const ADM_POLICY: &[&str] = &[
    "add-role-to-user",
    "add-role-to-group",
    "add-cluster-role-to-user",
    "add-cluster-role-to-group",
    "remove-role-from-user",
    "remove-role-from-group",
    "remove-cluster-role-from-user",
    "remove-cluster-role-from-group",
    "add-scc-to-user",
    "add-scc-to-group",
    "remove-scc-from-user",
    "remove-scc-from-group",
];

/// The role actions `oc policy` has for the current project.
const PROJECT_POLICY: &[&str] = &[
    "add-role-to-user",
    "add-role-to-group",
    "remove-role-from-user",
    "remove-role-from-group",
];

/// `oc policy`: a project's role bindings, the project-scoped part of `oc adm policy`.
fn project_policy(req: &Req, env: &mut CliEnv) -> Result<CliResult, Output> {
    let words = &req.args.positional;
    if words.is_empty() {
        return Err(super::objects::group_help(
            "Manage authorization policy\n\nAvailable Commands:\n  add-role-to-group        Add a role to groups for the current project\n  add-role-to-user         Add a role to users or service accounts for the current project\n  remove-group             Remove group from the current project\n  remove-role-from-group   Remove a role from groups for the current project\n  remove-role-from-user    Remove a role from users for the current project\n  remove-user              Remove user from the current project\n  scc-review               Check which service account can create a pod\n  scc-subject-review       Check whether a user or a service account can create a pod\n  who-can                  List who can perform the specified action on a resource\n\nUsage:\n  oc policy [flags] [options]\n\nUse \"oc <command> --help\" for more information about a given command.\nUse \"oc options\" for a list of global command-line options (applies to all commands).\n".to_owned(),
        ));
    }
    policy(req, env, "policy", PROJECT_POLICY).map(CliResult::plain)
}

fn policy(req: &Req, env: &mut CliEnv, path: &str, actions: &[&str]) -> Res {
    let words = &req.args.positional;
    if words
        .first()
        .is_some_and(|a| !actions.contains(&a.as_str()))
    {
        return Err(super::objects::unknown_subcommand(req.tool, path, words));
    }
    let mut named: Vec<String> = words[words.len().min(2)..].to_vec();
    // `-z NAME` names a service account of the request's namespace.
    let accounts = req.args.all("serviceaccount");
    named.extend(
        accounts
            .iter()
            .map(|a| format!("system:serviceaccount:{}:{a}", req.ns)),
    );
    let (Some(action), Some(role), subjects) = (words.first(), words.get(1), &named) else {
        return Err(error(
            "you must specify a role and at least one user or group",
        ));
    };
    // An SCC is granted through RBAC, as oc 4 does it: a cluster role allowing `use` of that SCC, bound by a
    // cluster role binding of the same name.
    let scc = action.contains("-scc-");
    let role = &if scc {
        format!("system:openshift:scc:{role}")
    } else {
        role.clone()
    };
    if subjects.is_empty() {
        return Err(error(
            "you must specify at least one user or service account",
        ));
    }
    let cluster_scope = action.contains("cluster-role") || scc;
    let group = action.ends_with("-to-group") || action.ends_with("-from-group");
    let adding = action.starts_with("add-");
    let kind_binding = if cluster_scope {
        k::cluster_role_binding()
    } else {
        k::role_binding()
    };
    let ns = if cluster_scope {
        String::new()
    } else {
        req.ns.clone()
    };
    let binding_name = req
        .args
        .get("rolebinding-name")
        .map(str::to_owned)
        .unwrap_or_else(|| role.clone());
    let subject_json: Vec<Value> = subjects
        .iter()
        .map(|s| {
            if group {
                json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": s})
            } else if let Some(rest) = s.strip_prefix("system:serviceaccount:") {
                let (sns, sname) = rest.split_once(':').unwrap_or(("", rest));
                json!({"kind": "ServiceAccount", "name": sname, "namespace": sns})
            } else {
                json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": s})
            }
        })
        .collect();
    let existing = env.cluster.get(kind_binding, &ns, &binding_name);
    if adding && scc && env.cluster.get(k::cluster_role(), "", role).is_none() {
        let scc_name = &words[1];
        let body = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": {"name": role},
            "rules": [{"apiGroups": ["security.openshift.io"], "resourceNames": [scc_name],
                "resources": ["securitycontextconstraints"], "verbs": ["use"]}]});
        let o = Object::from_json(&body).map_err(error)?;
        env.cluster
            .create(&req.user, o, false)
            .map_err(|e| api_error(&e))?;
    }
    if adding {
        match existing {
            Some(b) if b.field("roleRef")["name"] == role.as_str() => {
                let mut json = b.to_json();
                let list = json["subjects"].as_array().cloned().unwrap_or_default();
                let mut merged = list.clone();
                for s in &subject_json {
                    if !list
                        .iter()
                        .any(|x| x["name"] == s["name"] && x["kind"] == s["kind"])
                    {
                        merged.push(s.clone());
                    }
                }
                json["subjects"] = Value::Array(merged);
                let mut o = Object::from_json(&json).map_err(error)?;
                o.meta.resource_version = 0;
                env.cluster
                    .update(&req.user, o, false)
                    .map_err(|e| api_error(&e))?;
            }
            _ => {
                let name = if existing.is_some() {
                    format!("{role}-{}", env.cluster.random_suffix(1))
                } else {
                    binding_name.clone()
                };
                let mut meta = json!({"name": name});
                if !cluster_scope {
                    meta["namespace"] = json!(ns);
                }
                let body = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": if cluster_scope { "ClusterRoleBinding" } else { "RoleBinding" },
                    "metadata": meta, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": subject_json});
                let o = Object::from_json(&body).map_err(error)?;
                env.cluster
                    .create(&req.user, o, false)
                    .map_err(|e| api_error(&e))?;
            }
        }
    } else {
        let bindings: Vec<Arc<Object>> = env
            .cluster
            .store
            .list(kind_binding, (!cluster_scope).then_some(ns.as_str()))
            .filter(|b| b.field("roleRef")["name"] == role.as_str())
            .cloned()
            .collect();
        if bindings.is_empty() {
            let binding_type = if cluster_scope {
                "ClusterRoleBinding"
            } else {
                "RoleBinding"
            };
            return Err(error(format!(
                "unable to locate any {binding_type} for ClusterRole \"{role}\""
            )));
        }
        // Only bindings that held one of the subjects change; one left with none is deleted, as oc does.
        let mut changed = Vec::new();
        for b in bindings {
            let mut json = b.to_json();
            let before = json["subjects"].as_array().cloned().unwrap_or_default();
            let kept: Vec<Value> = before
                .iter()
                .filter(|x| {
                    !subject_json
                        .iter()
                        .any(|s| x["name"] == s["name"] && x["kind"] == s["kind"])
                })
                .cloned()
                .collect();
            if kept.len() < before.len() {
                json["subjects"] = Value::Array(kept);
                changed.push(json);
            }
        }
        if changed.is_empty() {
            return Err(error(format!(
                "unable to find target [{}]",
                subjects.join(" ")
            )));
        }
        for json in changed {
            let mut o = Object::from_json(&json).map_err(error)?;
            if json["subjects"].as_array().is_some_and(Vec::is_empty) {
                env.cluster
                    .delete(&req.user, kind_binding, &ns, &o.meta.name, false)
                    .map_err(|e| api_error(&e))?;
                continue;
            }
            o.meta.resource_version = 0;
            env.cluster
                .update(&req.user, o, false)
                .map_err(|e| api_error(&e))?;
        }
    }
    // Service accounts given with -z are printed by the names given.
    let shown: Vec<String> = words[words.len().min(2)..]
        .iter()
        .chain(accounts.iter())
        .cloned()
        .collect();
    let quoted: Vec<String> = shown.iter().map(|s| format!("\"{s}\"")).collect();
    let who = if quoted.len() == 1 {
        quoted[0].clone()
    } else {
        format!("[{}]", shown.join(" "))
    };
    Ok(Output::ok(format!(
        "clusterrole.rbac.authorization.k8s.io/{role} {}: {who}\n",
        if adding { "added" } else { "removed" }
    )))
}
