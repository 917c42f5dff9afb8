//! Flag definitions shared by every `kubectl` and `oc` command, and the parser that reads them the way cobra and pflag do.
//!
//! Each flag is defined once in [`FLAGS`] (long name, short letter, whether it takes a value, its help text); commands
//! name the flags they accept. The parser understands `--flag=v`, `--flag v`, `-n v`, `-nv`, `-n=v`, combined boolean
//! shorts (`-it`), `--bool=false`, and `--` to end flag parsing.

use std::collections::BTreeMap;

/// One command-line flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// The name commands list the flag by and its value is stored under: the long name, except for the few long
    /// names that mean different things to different commands (`get --raw URI` beside `config view --raw`).
    pub key: &'static str,
    /// The long name without dashes (`namespace`).
    pub long: &'static str,
    /// The one-letter short form, if any (`n`).
    pub short: Option<char>,
    /// Whether the flag takes a value (`--namespace x`) or is a switch (`--all`).
    pub takes_value: bool,
    /// The default shown in help, empty for none.
    pub default: &'static str,
    /// One line of help.
    pub help: &'static str,
}

const fn v(
    long: &'static str,
    short: Option<char>,
    default: &'static str,
    help: &'static str,
) -> Flag {
    Flag {
        key: long,
        long,
        short,
        takes_value: true,
        default,
        help,
    }
}

const fn b(long: &'static str, short: Option<char>, help: &'static str) -> Flag {
    Flag {
        key: long,
        long,
        short,
        takes_value: false,
        default: "false",
        help,
    }
}

/// Every flag any command accepts, defined once.
pub static FLAGS: &[Flag] = &[
    // Global flags.
    v(
        "namespace",
        Some('n'),
        "",
        "If present, the namespace scope for this CLI request",
    ),
    v(
        "context",
        None,
        "",
        "The name of the kubeconfig context to use",
    ),
    v(
        "kubeconfig",
        None,
        "",
        "Path to the kubeconfig file to use for CLI requests",
    ),
    v(
        "server",
        Some('s'),
        "",
        "The address and port of the Kubernetes API server",
    ),
    v(
        "token",
        None,
        "",
        "Bearer token for authentication to the API server",
    ),
    v("as", None, "", "Username to impersonate for the operation"),
    v(
        "request-timeout",
        None,
        "0",
        "The length of time to wait before giving up on a single server request",
    ),
    v("v", Some('v'), "0", "Number for the log level verbosity"),
    b(
        "insecure-skip-tls-verify",
        None,
        "If true, the server's certificate will not be checked for validity",
    ),
    b("help", Some('h'), "Help for this command"),
    // Selection and output.
    b(
        "all-namespaces",
        Some('A'),
        "If present, list the requested object(s) across all namespaces",
    ),
    v(
        "selector",
        Some('l'),
        "",
        "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'",
    ),
    v(
        "field-selector",
        None,
        "",
        "Selector (field query) to filter on, supports '=', '==', and '!='",
    ),
    v(
        "output",
        Some('o'),
        "",
        "Output format: json, yaml, name, wide, jsonpath=..., custom-columns=...",
    ),
    b(
        "show-labels",
        None,
        "When printing, show all labels as the last column",
    ),
    v(
        "label-columns",
        Some('L'),
        "",
        "Accepts a comma separated list of labels that are going to be presented as columns",
    ),
    b(
        "no-headers",
        None,
        "When using the default or custom-column output format, don't print headers",
    ),
    v(
        "sort-by",
        None,
        "",
        "If non-empty, sort list types using this field specification (a JSONPath expression)",
    ),
    b(
        "watch",
        Some('w'),
        "After listing/getting the requested object, watch for changes",
    ),
    b(
        "watch-only",
        None,
        "Watch for changes to the requested object(s), without listing/getting first",
    ),
    b(
        "show-kind",
        None,
        "If present, list the resource type for the requested object(s)",
    ),
    b(
        "ignore-not-found",
        None,
        "If the requested object does not exist the command will return exit code 0",
    ),
    v(
        "filename",
        Some('f'),
        "",
        "Filename, directory, or URL to files to use",
    ),
    b(
        "recursive",
        Some('R'),
        "Process the directory used in -f, --filename recursively",
    ),
    v(
        "kustomize",
        Some('k'),
        "",
        "Process a kustomization directory",
    ),
    b(
        "all",
        None,
        "Select all resources in the namespace of the specified resource types",
    ),
    v(
        "dry-run",
        None,
        "none",
        "Must be \"none\", \"server\", or \"client\"",
    ),
    // Create and run.
    v("image", None, "", "Image name to run"),
    v("replicas", Some('r'), "1", "Number of replicas"),
    v(
        "port",
        None,
        "",
        "The port that this container exposes, or the service port",
    ),
    v(
        "target-port",
        None,
        "",
        "Name or number for the port on the container that the service should direct traffic to",
    ),
    v(
        "type",
        None,
        "",
        "Type for this service, or the patch type: json, merge or strategic",
    ),
    v("name", None, "", "The name for the newly created object"),
    v(
        "protocol",
        None,
        "TCP",
        "The network protocol for the service to be created",
    ),
    v(
        "tcp",
        None,
        "",
        "Port pairs can be specified as '<port>:<targetPort>'",
    ),
    v(
        "node-port",
        None,
        "0",
        "Port used to expose the service on each node in a cluster",
    ),
    v(
        "from-literal",
        None,
        "",
        "Specify a key and literal value to insert (i.e. mykey=somevalue)",
    ),
    v(
        "from-file",
        None,
        "",
        "Key file can be specified using its file path",
    ),
    v(
        "from-env-file",
        None,
        "",
        "Specify the path to a file to read lines of key=val pairs",
    ),
    v(
        "schedule",
        None,
        "",
        "A schedule in the Cron format the job should be run with",
    ),
    v(
        "verb",
        None,
        "",
        "Verb that applies to the resources contained in the rule",
    ),
    v("resource", None, "", "Resource that the rule applies to"),
    v("role", None, "", "Role this RoleBinding should reference"),
    v(
        "clusterrole",
        None,
        "",
        "ClusterRole this binding should reference",
    ),
    v("user", None, "", "Usernames to bind to the role"),
    v("group", None, "", "Groups to bind to the role"),
    v(
        "serviceaccount",
        Some('z'),
        "",
        "Service accounts to bind to the role, in the format <namespace>:<name>",
    ),
    v(
        "hard",
        None,
        "",
        "A comma-delimited set of resource=quantity pairs that define a hard limit",
    ),
    v(
        "scopes",
        None,
        "",
        "A comma-delimited set of quota scopes that must all match each object tracked by the quota",
    ),
    v(
        "restart",
        None,
        "Always",
        "The restart policy for this Pod: Always, OnFailure or Never",
    ),
    v(
        "overrides",
        None,
        "",
        "An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.",
    ),
    v(
        "override-type",
        None,
        "merge",
        "The method used to override the generated object: json, merge, or strategic.",
    ),
    v(
        "labels",
        Some('l'),
        "",
        "Comma separated labels to apply to the pod(s)",
    ),
    v(
        "env",
        Some('e'),
        "",
        "Environment variables to set in the container",
    ),
    b("rm", None, "If true, delete the pod after it exits"),
    b(
        "stdin",
        Some('i'),
        "Keep stdin open on the container in the pod",
    ),
    b(
        "tty",
        Some('t'),
        "Allocate a TTY for the container in the pod",
    ),
    b(
        "expose",
        None,
        "If true, create a ClusterIP service associated with the pod",
    ),
    b(
        "save-config",
        None,
        "If true, the configuration of current object will be saved in its annotation",
    ),
    // Changing objects.
    v(
        "patch",
        Some('p'),
        "",
        "The patch to be applied to the resource JSON file",
    ),
    b(
        "overwrite",
        None,
        "If true, allow labels or annotations to be overwritten",
    ),
    b(
        "force",
        None,
        "Immediately remove resources from API and bypass graceful deletion",
    ),
    v(
        "grace-period",
        None,
        "-1",
        "Period of time in seconds given to the resource to terminate gracefully",
    ),
    b(
        "now",
        None,
        "If true, resources are signaled for immediate shutdown (same as --grace-period=1)",
    ),
    b(
        "wait",
        None,
        "If true, wait for resources to be gone before returning",
    ),
    v(
        "cascade",
        None,
        "background",
        "Must be \"background\", \"orphan\", or \"foreground\"",
    ),
    v(
        "current-replicas",
        None,
        "-1",
        "Precondition for current size",
    ),
    v(
        "min",
        None,
        "-1",
        "The lower limit for the number of pods that can be set by the autoscaler",
    ),
    v(
        "max",
        None,
        "-1",
        "The upper limit for the number of pods that can be set by the autoscaler",
    ),
    v(
        "cpu-percent",
        None,
        "-1",
        "The target average CPU utilization over all the pods",
    ),
    v("to-revision", None, "0", "The revision to rollback to"),
    v(
        "revision",
        None,
        "0",
        "See the details, including podTemplate of the revision specified",
    ),
    v(
        "timeout",
        None,
        "0s",
        "The length of time to wait before giving up",
    ),
    v(
        "for",
        None,
        "",
        "The condition to wait on: delete, condition=condition-name or jsonpath=...",
    ),
    v(
        "containers",
        Some('c'),
        "*",
        "The names of containers in the selected pod templates to change",
    ),
    v(
        "limits",
        None,
        "",
        "The resource requirement limits for this container",
    ),
    v(
        "requests",
        None,
        "",
        "The resource requirement requests for this container",
    ),
    v("local-ssd", None, "", "unused"),
    b("ignore-daemonsets", None, "Ignore DaemonSet-managed pods"),
    b(
        "delete-emptydir-data",
        None,
        "Continue even if there are pods using emptyDir",
    ),
    b("list", None, "If true, prints all allowed actions"),
    // Logs and exec.
    v(
        "container",
        Some('c'),
        "",
        "Print the logs of this container",
    ),
    b(
        "follow",
        Some('f'),
        "Specify if the logs should be streamed",
    ),
    b(
        "previous",
        Some('p'),
        "If true, print the logs for the previous instance of the container in a pod",
    ),
    v("tail", None, "-1", "Lines of recent log file to display"),
    b(
        "timestamps",
        None,
        "Include timestamps on each line in the log output",
    ),
    v(
        "since",
        None,
        "0s",
        "Only return logs newer than a relative duration like 5s, 2m, or 3h",
    ),
    b(
        "all-containers",
        None,
        "Get all containers' logs in the pod(s)",
    ),
    v(
        "address",
        None,
        "localhost",
        "Addresses to listen on (comma separated)",
    ),
    // Explain, api-resources, version and config.
    b(
        "namespaced",
        None,
        "If false, non-namespaced resources will be returned",
    ),
    v(
        "api-group",
        None,
        "",
        "Limit to resources in the specified API group",
    ),
    b(
        "client",
        None,
        "If true, shows client version only (no server required)",
    ),
    b("short", None, "If true, print just the version number"),
    b("current", None, "Modify the current context"),
    b(
        "minify",
        None,
        "Remove all information not used by current-context from the output",
    ),
    b("raw", None, "Display raw byte data and sensitive data"),
    b("containers-only", None, "unused"),
    // oc.
    v("username", Some('u'), "", "Username for server"),
    v("password", Some('p'), "", "Password for server"),
    v("display-name", None, "", "Project display name"),
    v("description", None, "", "Project description"),
    b(
        "skip-config-write",
        None,
        "If true, the project will not be set as a cluster entry in kubeconfig after being created",
    ),
    b(
        "show-token",
        Some('t'),
        "Print the token the current session is using",
    ),
    b(
        "show-server",
        None,
        "If true, print the current server's REST API URL",
    ),
    b(
        "show-console",
        None,
        "If true, print the current server's web console URL",
    ),
    b(
        "show-context",
        Some('c'),
        "Print the name of the current user context",
    ),
    b(
        "short-project",
        Some('q'),
        "If true, display only the project name",
    ),
    v("hostname", None, "", "Set a hostname for the new route"),
    b(
        "confirm",
        None,
        "If true, allow the image stream import location to be set or changed",
    ),
    v(
        "from",
        None,
        "",
        "A Docker image repository to import images from",
    ),
    v(
        "image-stream",
        Some('i'),
        "",
        "Name of an existing image stream to use to deploy an app.",
    ),
    v(
        "docker-image",
        None,
        "",
        "Name of a container image to include in the app. Note: not specifying a registry or repository means defaults in place for client image pulls are used.",
    ),
    v(
        "dockerfile",
        Some('D'),
        "",
        "Specify the contents of a Dockerfile to build directly, implies --strategy=docker. Pass '-' to read from STDIN.",
    ),
    Flag {
        key: "raw-uri",
        ..v(
            "raw",
            None,
            "",
            "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.",
        )
    },
    b(
        "readiness",
        None,
        "Set or remove a readiness probe to indicate when this container should receive traffic",
    ),
    b(
        "liveness",
        None,
        "Set or remove a liveness probe to verify this container is running",
    ),
    b(
        "startup",
        None,
        "Set or remove a startup probe to verify this container is running",
    ),
    b("remove", None, "If true, remove the specified probe(s)."),
    v(
        "open-tcp",
        None,
        "",
        "A port number or port name to attempt to open via TCP.",
    ),
    v(
        "get-url",
        None,
        "",
        "A URL to perform an HTTP GET on (you can omit the host, have a string port, or omit the scheme.",
    ),
    v(
        "initial-delay-seconds",
        None,
        "0",
        "The time in seconds to wait before the probe begins checking",
    ),
    v(
        "success-threshold",
        None,
        "0",
        "The number of successes required before the probe is considered successful",
    ),
    v(
        "failure-threshold",
        None,
        "0",
        "The number of failures before the probe is considered to have failed",
    ),
    v(
        "period-seconds",
        None,
        "0",
        "The time in seconds between attempts",
    ),
    v(
        "timeout-seconds",
        None,
        "0",
        "The time in seconds to wait before considering the probe to have failed",
    ),
    v("prefix", None, "", "Prefix to append to variable names"),
    v(
        "keys",
        None,
        "[]",
        "An optional list of keys to extract (default is all keys).",
    ),
    v(
        "to",
        None,
        "",
        "Push built images to this image stream tag (or container image repository if --to-docker is set).",
    ),
    v(
        "service",
        None,
        "",
        "Name of the service that the route will point to",
    ),
    v(
        "insecure-policy",
        None,
        "",
        "Set an insecure policy for the new route",
    ),
    b(
        "as-deployment-config",
        None,
        "If true create this application as a deployment config, which allows for hooks and custom strategies.",
    ),
    v(
        "strategy",
        None,
        "",
        "Specify the build strategy to use if you don't want to detect",
    ),
    v(
        "template",
        None,
        "",
        "Name of a stored template to use in the app",
    ),
    v(
        "param",
        Some('p'),
        "[]",
        "Specify a key-value pair (eg. -p FOO=BAR) to set/override a parameter value in the template.",
    ),
    v(
        "param-file",
        None,
        "[]",
        "File containing template parameter values to set/override in the template.",
    ),
    b(
        "parameters",
        None,
        "If true, do not process but only print available parameters",
    ),
    b(
        "ignore-unknown-parameters",
        None,
        "If true, will not stop processing if a provided parameter does not exist in the template.",
    ),
    b(
        "local",
        None,
        "If true process the template locally instead of contacting the server.",
    ),
    v(
        "from-dir",
        None,
        "",
        "A directory to archive and use as the binary input for a build",
    ),
    b(
        "follow-build",
        None,
        "Start a build and watch its logs until it completes or fails",
    ),
    v("dest-dir", None, "", "unused"),
    v(
        "api-version",
        None,
        "",
        "Use given api-version (group/version) of the resource",
    ),
    b(
        "command",
        None,
        "If true and extra arguments are present, use them as the 'command' field in the container",
    ),
    b(
        "show-events",
        None,
        "If true, display events related to the described object",
    ),
    v("types", None, "", "Output only events of given types"),
    v(
        "verbs",
        None,
        "",
        "Limit to resources that support the specified verbs",
    ),
    b(
        "cached",
        None,
        "Use the cached list of resources if available",
    ),
    b("suggest", None, "See details for resolving issues"),
    v(
        "rolebinding-name",
        None,
        "",
        "Name of the rolebinding to modify or create",
    ),
];

/// The flags every command accepts.
pub const GLOBAL: &[&str] = &[
    "namespace",
    "context",
    "kubeconfig",
    "server",
    "token",
    "as",
    "request-timeout",
    "v",
    "insecure-skip-tls-verify",
    "help",
];

/// The definition of the flag commands list as `key`.
pub fn flag(key: &str) -> Option<&'static Flag> {
    FLAGS.iter().find(|f| f.key == key)
}

/// Why the command line could not be parsed, in pflag's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagError {
    /// `unknown flag: --bogus`.
    Unknown(String),
    /// `unknown shorthand flag: 'z' in -z`.
    UnknownShort(char, String),
    /// `flag needs an argument: --namespace` or `'n' in -n`.
    NeedsArgument(String),
    /// `invalid argument "xx" for "--show-labels" flag: ...`.
    Invalid(String),
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagError::Unknown(name) => write!(f, "unknown flag: {name}"),
            FlagError::UnknownShort(c, arg) => write!(f, "unknown shorthand flag: '{c}' in {arg}"),
            FlagError::NeedsArgument(what) => write!(f, "flag needs an argument: {what}"),
            FlagError::Invalid(text) => f.write_str(text),
        }
    }
}

/// A parsed command line: positional arguments, flag values, and what came after `--`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// Positional arguments in order.
    pub positional: Vec<String>,
    /// Every value given per flag (switches hold `"true"` or `"false"`).
    pub values: BTreeMap<&'static str, Vec<String>>,
    /// The arguments after `--`, if it was given.
    pub rest: Option<Vec<String>>,
}

impl Args {
    /// The last value of `long`, if it was given.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a repeatable flag, also split at commas when `split` is set.
    pub fn all(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }

    /// The values of a string-slice flag (`--keys a,b --keys c`): every occurrence split at its commas, as pflag's
    /// `StringSlice` reads them.
    pub fn slice(&self, long: &str) -> Vec<String> {
        self.all(long)
            .iter()
            .flat_map(|value| value.split(','))
            .map(str::to_owned)
            .collect()
    }

    /// Whether a switch is on.
    pub fn on(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }

    /// Whether the flag was given at all.
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `args` (without the command words) against the flags named in `allowed` plus the global flags.
///
/// Flags may appear anywhere; `--` ends flag parsing and the rest goes to [`Args::rest`].
pub fn parse(args: &[String], allowed: &[&str]) -> Result<Args, FlagError> {
    let known: Vec<&'static Flag> = FLAGS
        .iter()
        .filter(|f| allowed.contains(&f.key) || GLOBAL.contains(&f.key))
        .collect();
    // When a command accepts two flags with the same short letter (oc login's -p), the command's own wins.
    let by_short = |c: char| -> Option<&'static Flag> {
        known
            .iter()
            .rev()
            .find(|f| f.short == Some(c))
            .copied()
            .or_else(|| known.iter().find(|f| f.short == Some(c)).copied())
    };
    let mut out = Args::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            out.rest = Some(args[i..].to_vec());
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (body, None),
            };
            let Some(flag) = known.iter().find(|f| f.long == name).copied() else {
                return Err(FlagError::Unknown(format!("--{name}")));
            };
            let value = if flag.takes_value {
                match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err(FlagError::NeedsArgument(format!("--{name}"))),
                }
            } else {
                match inline {
                    Some(v) => match parse_bool(&v) {
                        Some(b) => b.to_string(),
                        None => {
                            return Err(FlagError::Invalid(format!(
                                "invalid argument \"{v}\" for \"{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax",
                                flag_label("", flag)
                            )));
                        }
                    },
                    None => "true".into(),
                }
            };
            out.values.entry(flag.key).or_default().push(value);
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') {
            let chars: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let Some(flag) = by_short(c) else {
                    return Err(FlagError::UnknownShort(c, arg.clone()));
                };
                if flag.takes_value {
                    let rest: String = chars[j..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest.strip_prefix('=').unwrap_or(&rest).to_owned()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(FlagError::NeedsArgument(format!("'{c}' in -{c}")));
                    };
                    out.values.entry(flag.key).or_default().push(value);
                    break;
                }
                let value = if chars.get(j) == Some(&'=') {
                    let text: String = chars[j + 1..].iter().collect();
                    j = chars.len();
                    match parse_bool(&text) {
                        Some(b) => b.to_string(),
                        None => {
                            return Err(FlagError::Invalid(format!(
                                "invalid argument \"{text}\" for \"{}\" flag: strconv.ParseBool: parsing \"{text}\": invalid syntax",
                                flag_label("", flag)
                            )));
                        }
                    }
                } else {
                    "true".into()
                };
                out.values.entry(flag.key).or_default().push(value);
            }
            continue;
        }
        out.positional.push(arg.clone());
    }
    Ok(out)
}

/// How pflag reads a flag whose value is not a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// An integer of this many bits (`strconv.ParseInt(s, 0, bits)`).
    Int(u32),
    /// A Go duration (`time.ParseDuration`).
    Duration,
}

/// The typed flags by command path (`*` for every command): pflag refuses a value of the wrong type while it parses.
const TYPED: &[(&str, &str, Typed)] = &[
    ("*", "v", Typed::Int(32)),
    ("scale", "replicas", Typed::Int(64)),
    ("scale", "current-replicas", Typed::Int(64)),
    ("scale", "timeout", Typed::Duration),
    ("create deployment", "replicas", Typed::Int(32)),
    ("create deployment", "port", Typed::Int(32)),
    ("create service nodeport", "node-port", Typed::Int(64)),
    ("autoscale", "min", Typed::Int(32)),
    ("autoscale", "max", Typed::Int(32)),
    ("autoscale", "cpu-percent", Typed::Int(32)),
    ("rollout history", "revision", Typed::Int(64)),
    ("rollout status", "revision", Typed::Int(64)),
    ("rollout status", "timeout", Typed::Duration),
    ("rollout undo", "to-revision", Typed::Int(64)),
    ("delete", "grace-period", Typed::Int(64)),
    ("delete", "timeout", Typed::Duration),
    ("drain", "grace-period", Typed::Int(64)),
    ("drain", "timeout", Typed::Duration),
    ("run", "grace-period", Typed::Int(64)),
    ("wait", "timeout", Typed::Duration),
    ("logs", "tail", Typed::Int(64)),
    ("logs", "since", Typed::Duration),
];

/// Flags the simulation defines with a shorthand that this command does not have (kubectl scale has no `-r`).
const NO_SHORTHAND: &[(&str, &str)] = &[("scale", "replicas")];

/// Subcommands cobra finds before it parses flags: (parent path, name, aliases).
const SUBCOMMANDS: &[(&str, &str, &[&str])] = &[
    ("create", "clusterrole", &[]),
    ("create", "clusterrolebinding", &[]),
    ("create", "configmap", &["cm"]),
    ("create", "cronjob", &["cj"]),
    ("create", "deployment", &["deploy"]),
    ("create", "ingress", &["ing"]),
    ("create", "job", &[]),
    ("create", "namespace", &["ns"]),
    ("create", "poddisruptionbudget", &["pdb"]),
    ("create", "priorityclass", &["pc"]),
    ("create", "quota", &["resourcequota"]),
    ("create", "role", &[]),
    ("create", "rolebinding", &[]),
    ("create", "secret", &[]),
    ("create", "service", &["svc"]),
    ("create", "serviceaccount", &["sa"]),
    ("create", "token", &[]),
    ("create secret", "docker-registry", &[]),
    ("create secret", "generic", &[]),
    ("create secret", "tls", &[]),
    ("create service", "clusterip", &[]),
    ("create service", "externalname", &[]),
    ("create service", "loadbalancer", &[]),
    ("create service", "nodeport", &[]),
    ("rollout", "history", &[]),
    ("rollout", "pause", &[]),
    ("rollout", "restart", &[]),
    ("rollout", "resume", &[]),
    ("rollout", "status", &[]),
    ("rollout", "undo", &[]),
    ("set", "env", &[]),
    ("set", "image", &[]),
    ("set", "probe", &[]),
    ("set", "resources", &[]),
    ("set", "selector", &[]),
    ("set", "serviceaccount", &["sa"]),
    ("set", "subject", &[]),
    ("top", "node", &["nodes", "no"]),
    ("top", "pod", &["pods", "po"]),
    ("auth", "can-i", &[]),
    ("auth", "reconcile", &[]),
    ("auth", "whoami", &[]),
    ("certificate", "approve", &[]),
    ("certificate", "deny", &[]),
];

/// The command path cobra reports (`create deployment`, `rollout status`): `command` and the subcommands that
/// follow it among `words`, whose other words may be flags and their values.
pub fn command_path(command: &str, words: &[String]) -> String {
    let mut path = command.to_owned();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        if word == "--" {
            break;
        }
        if let Some(body) = word.strip_prefix('-') {
            // A value flag written without `=` takes the next word as its value.
            let name = body.trim_start_matches('-');
            let named = |f: &&Flag| {
                f.long == name
                    || (!body.starts_with('-') && name.len() == 1 && f.short == name.chars().next())
            };
            // A spelling that is a switch for some command (`--raw`) is not sure to take the next word.
            let takes_value = !name.contains('=')
                && FLAGS.iter().any(|f| named(&f))
                && FLAGS.iter().filter(named).all(|f| f.takes_value);
            if takes_value {
                i += 1;
            }
            continue;
        }
        let found = SUBCOMMANDS.iter().find(|(parent, name, aliases)| {
            *parent == path && (name == word || aliases.contains(&word.as_str()))
        });
        match found {
            Some((_, name, _)) => path = format!("{path} {name}"),
            None => break,
        }
    }
    path
}

/// How pflag names a flag in its errors: `-r, --replicas` when the command gives it a shorthand.
fn flag_label(path: &str, flag: &Flag) -> String {
    match flag.short {
        Some(c) if !NO_SHORTHAND.contains(&(path, flag.long)) => format!("-{c}, --{}", flag.long),
        _ => format!("--{}", flag.long),
    }
}

/// Checks the values of the typed flags of the command at `path` as pflag does while parsing.
pub fn check_values(path: &str, args: &Args) -> Result<(), FlagError> {
    for (long, values) in &args.values {
        let Some((_, _, typed)) = TYPED
            .iter()
            .find(|(p, l, _)| l == long && (*p == path || *p == "*"))
        else {
            continue;
        };
        for value in values {
            let problem = match typed {
                Typed::Int(bits) => go_parse_int(value, *bits).err(),
                Typed::Duration => go_parse_duration(value).err(),
            };
            if let Some(problem) = problem {
                let flag = flag(long).expect("typed flags are defined");
                return Err(FlagError::Invalid(format!(
                    "invalid argument \"{value}\" for \"{}\" flag: {problem}",
                    flag_label(path, flag)
                )));
            }
        }
    }
    Ok(())
}

/// Go's `strconv.ParseInt(text, 0, bits)`: decimal, or `0x`/`0o`/`0b`/`0` prefixed, with an optional sign.
fn go_parse_int(text: &str, bits: u32) -> Result<i64, String> {
    let syntax = || format!("strconv.ParseInt: parsing \"{text}\": invalid syntax");
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    let limit = 1i128 << (bits - 1);
    let magnitude = i128::from_str_radix(digits, radix).unwrap_or(i128::MAX);
    let value = if negative { -magnitude } else { magnitude };
    if value >= limit || value < -limit {
        return Err(format!(
            "strconv.ParseInt: parsing \"{text}\": value out of range"
        ));
    }
    Ok(value as i64)
}

/// Go's `time.ParseDuration`: a signed sequence of decimal numbers with units (`300ms`, `1.5h`, `2h45m`), or `0`.
fn go_parse_duration(text: &str) -> Result<(), String> {
    let invalid = || format!("time: invalid duration \"{text}\"");
    let body = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('+'))
        .unwrap_or(text);
    if body == "0" {
        return Ok(());
    }
    if body.is_empty() {
        return Err(invalid());
    }
    let mut rest = body;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_end];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(invalid());
        }
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration \"{text}\""));
        }
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return Err(format!(
                "time: unknown unit \"{unit}\" in duration \"{text}\""
            ));
        }
        rest = &rest[unit_end..];
    }
    Ok(())
}

/// The `Options:` section of a command's help, listing `allowed` flags in kubectl's layout.
pub fn options_help(allowed: &[&str]) -> String {
    let mut out = String::new();
    for name in allowed {
        let Some(f) = flag(name) else { continue };
        let short = f.short.map(|c| format!("-{c}, ")).unwrap_or_default();
        let default = if f.takes_value {
            format!("='{}'", f.default)
        } else {
            "=false".to_owned()
        };
        out.push_str(&format!(
            "    {short}--{}{default}:\n\t{}\n\n",
            f.long, f.help
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: &str, allowed: &[&str]) -> Result<Args, FlagError> {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&args, allowed)
    }

    #[test]
    fn every_spelling_of_a_value_flag() {
        for line in [
            "pods --namespace=kube-system",
            "pods --namespace kube-system",
            "pods -n kube-system",
            "pods -nkube-system",
            "pods -n=kube-system",
            "-n kube-system pods",
        ] {
            let args = p(line, &[]).unwrap();
            assert_eq!(args.get("namespace"), Some("kube-system"), "{line}");
            assert_eq!(args.positional, vec!["pods"], "{line}");
        }
        for line in [
            "-o=wide",
            "-owide",
            "-o wide",
            "--output wide",
            "--output=wide",
        ] {
            assert_eq!(
                p(line, &["output"]).unwrap().get("output"),
                Some("wide"),
                "{line}"
            );
        }
    }

    #[test]
    fn every_spelling_of_the_openshift_shorthands() {
        let allowed = &["env", "serviceaccount", "image-stream", "dockerfile"];
        for (line, long, value) in [
            ("-e A=1", "env", "A=1"),
            ("--env=A=1", "env", "A=1"),
            ("-z default", "serviceaccount", "default"),
            ("--serviceaccount default", "serviceaccount", "default"),
            ("-i is:latest", "image-stream", "is:latest"),
            ("--image-stream=is:latest", "image-stream", "is:latest"),
            ("-D FROM", "dockerfile", "FROM"),
            ("--dockerfile FROM", "dockerfile", "FROM"),
        ] {
            assert_eq!(p(line, allowed).unwrap().get(long), Some(value), "{line}");
        }
    }

    #[test]
    fn every_spelling_of_the_template_flags() {
        let allowed = &[
            "param",
            "param-file",
            "parameters",
            "ignore-unknown-parameters",
            "local",
        ];
        for (line, long, value) in [
            ("-p A=1", "param", "A=1"),
            ("-pA=1", "param", "A=1"),
            ("--param=A=1", "param", "A=1"),
            ("--param A=1", "param", "A=1"),
            ("--param-file=p.env", "param-file", "p.env"),
            ("--param-file p.env", "param-file", "p.env"),
            ("--parameters", "parameters", "true"),
            ("--parameters=false", "parameters", "false"),
            (
                "--ignore-unknown-parameters",
                "ignore-unknown-parameters",
                "true",
            ),
            ("--local", "local", "true"),
        ] {
            assert_eq!(p(line, allowed).unwrap().get(long), Some(value), "{line}");
        }
        assert_eq!(
            p("-p A=1 -p B=2", allowed).unwrap().all("param"),
            vec!["A=1", "B=2"]
        );
    }

    #[test]
    fn switches_combine_and_take_explicit_values() {
        let args = p(
            "-it --rm --show-labels=false -A",
            &["stdin", "tty", "rm", "show-labels", "all-namespaces"],
        )
        .unwrap();
        assert!(args.on("stdin") && args.on("tty") && args.on("rm") && args.on("all-namespaces"));
        assert!(!args.on("show-labels") && args.has("show-labels"));
        let args = p("-A=false", &["all-namespaces"]).unwrap();
        assert!(!args.on("all-namespaces"));
        // A value flag at the end of a cluster of shorts takes the next argument.
        let args = p("-il app=web", &["stdin", "selector"]).unwrap();
        assert!(args.on("stdin"));
        assert_eq!(args.get("selector"), Some("app=web"));
    }

    #[test]
    fn repeated_flags_and_double_dash() {
        let args = p(
            "cm x --from-literal=a=1 --from-literal b=2 -- sh -c ls",
            &["from-literal"],
        )
        .unwrap();
        assert_eq!(args.all("from-literal"), vec!["a=1", "b=2"]);
        assert_eq!(args.positional, vec!["cm", "x"]);
        assert_eq!(args.rest, Some(vec!["sh".into(), "-c".into(), "ls".into()]));
    }

    #[test]
    fn errors_use_pflag_words() {
        assert_eq!(
            p("--bogus", &[]).unwrap_err().to_string(),
            "unknown flag: --bogus"
        );
        assert_eq!(
            p("-z", &[]).unwrap_err().to_string(),
            "unknown shorthand flag: 'z' in -z"
        );
        assert_eq!(
            p("-n", &[]).unwrap_err().to_string(),
            "flag needs an argument: 'n' in -n"
        );
        assert_eq!(
            p("--namespace", &[]).unwrap_err().to_string(),
            "flag needs an argument: --namespace"
        );
        assert_eq!(
            p("--show-labels=xx", &["show-labels"])
                .unwrap_err()
                .to_string(),
            "invalid argument \"xx\" for \"--show-labels\" flag: strconv.ParseBool: parsing \"xx\": invalid syntax"
        );
        // A flag another command owns is unknown here.
        assert_eq!(
            p("--image=x", &[]).unwrap_err().to_string(),
            "unknown flag: --image"
        );
    }

    #[test]
    fn command_flags_win_short_letters() {
        // `-p` is --patch for patch and --password for oc login.
        assert_eq!(p("-p x", &["patch"]).unwrap().get("patch"), Some("x"));
        assert_eq!(
            p("-p x", &["username", "password"])
                .unwrap()
                .get("password"),
            Some("x")
        );
        assert!(p("-p", &["previous"]).unwrap().on("previous"));
        assert!(p("-f", &["follow"]).unwrap().on("follow"));
        assert_eq!(
            p("-f a.yaml", &["filename"]).unwrap().get("filename"),
            Some("a.yaml")
        );
    }

    #[test]
    fn every_flag_is_defined_once() {
        for (i, f) in FLAGS.iter().enumerate() {
            assert!(FLAGS[..i].iter().all(|g| g.key != f.key), "{} twice", f.key);
        }
    }

    #[test]
    fn one_spelling_may_be_a_value_for_one_command_and_a_switch_for_another() {
        let raw = p("--raw /healthz", &["raw-uri"]).unwrap();
        assert_eq!(raw.get("raw-uri"), Some("/healthz"));
        assert!(raw.positional.is_empty());
        assert_eq!(
            p("--raw=/version", &["raw-uri"]).unwrap().get("raw-uri"),
            Some("/version")
        );
        let switch = p("--raw pods", &["raw"]).unwrap();
        assert!(switch.on("raw"));
        assert_eq!(switch.positional, vec!["pods"]);
    }
}
