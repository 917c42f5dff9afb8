//! The `kubectl` and `oc` command lines over the simulated cluster: argument parsing, every command, and the session's kubeconfig.
//!
//! The shell calls [`run`] with the words of a command line. Commands read and write the cluster only through its
//! user-facing API (so RBAC applies to every request), print what the real tools print, and ask the shell for what
//! they cannot do alone (an interactive shell, an editor, the passing of virtual time) through [`Effect`].

pub mod flags;

mod builds;
mod commands;
mod explain;
mod help;
mod kubeconfig;
mod newbuild;
mod objects;
mod openshift;
mod status;
mod templates;
mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_builds;
#[cfg(test)]
mod tests_newbuild;

use crate::cluster::{Cluster, UserInfo};
use crate::exec::{Ctx, Output};

pub use kubeconfig::{ClusterEntry, ContextEntry, Entry, Kubeconfig, UserEntry, add_missing};

/// What a command line may touch: the cluster and the session's kubeconfig.
pub struct CliEnv<'a> {
    /// The simulated cluster.
    pub cluster: &'a mut Cluster,
    /// The session's kubeconfig (contexts, the current identity and namespace).
    pub kubeconfig: &'a mut Kubeconfig,
}

/// What one `kubectl`/`oc` run produced, and what it asks of the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliResult {
    /// Standard output, standard error and the exit code.
    pub output: Output,
    /// Something only the shell or session can do, if any.
    pub effect: Option<Effect>,
}

impl CliResult {
    fn plain(output: Output) -> Self {
        Self {
            output,
            effect: None,
        }
    }
}

/// Something a command asks of the shell or session after it printed its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Enter a shell on a node through a debug pod (`oc debug node/NAME`); on exit the shell prints `exit_message`.
    DebugNode {
        /// The node.
        node: String,
        /// The debug pod's name (`master01-debug-x7k2p`).
        pod: String,
        /// The debug pod's namespace.
        namespace: String,
        /// What to print when the learner leaves the shell (`Removing debug pod ...`).
        exit_message: String,
        /// The command after `--` to run instead of opening a shell (`oc debug node/X -- chroot /host hostname`).
        command: Vec<String>,
    },
    /// Enter an interactive shell in a container (`kubectl exec -it POD -- sh`, `oc rsh POD`).
    ContainerShell {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The container.
        container: String,
        /// The command to run (`sh`, `bash`, or a one-off command such as `nginx -v`).
        command: Vec<String>,
        /// Whether the learner asked for an interactive terminal (`-it`, `oc rsh`); otherwise run `command` once and print its output.
        interactive: bool,
        /// Whether the pod goes away when the session ends (`kubectl run --rm -it`); see [`end_session`].
        remove_on_exit: bool,
        /// Whether the pod is `oc debug`'s copy of a workload's pod: oc removes it with its own message, and a command
        /// that fails ends with oc's error rather than exec's.
        debug: bool,
    },
    /// Copy a file or directory between the workstation and a running container (`kubectl cp`), which kubectl does
    /// by running `tar` in the container.
    Copy {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The container.
        container: String,
        /// Whether the copy goes into the container (otherwise out of it).
        to_container: bool,
        /// The path on the workstation, as given.
        local: String,
        /// The path in the container, as given.
        remote: String,
    },
    /// Open an editor on `text`; when it closes, call [`finish_edit`] with the request and the edited text.
    Edit(EditRequest),
    /// The command let virtual time pass (watches, `rollout status`, `wait`, `logs -f`); the session's clock moves by `ms`.
    Advanced {
        /// Virtual milliseconds that passed.
        ms: i64,
    },
}

/// An editing session of `kubectl edit`: the text shown and the objects it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    /// The temporary file name kubectl would use (`/tmp/kubectl-edit-1234.yaml`).
    pub path: String,
    /// The YAML text to edit, with kubectl's comment header.
    pub text: String,
    /// The tool that asked (`kubectl` or `oc`), for its messages.
    pub tool: String,
    /// The namespace of the request.
    pub namespace: String,
}

pub use commands::{command_word, kubeconfig_flag};

/// Runs one `kubectl` or `oc` command line (`argv[0]` is the tool's name).
pub fn run(argv: &[String], ctx: &mut Ctx, env: &mut CliEnv) -> CliResult {
    commands::dispatch(argv, ctx, env)
}

/// Applies the text the learner saved in the editor of `kubectl edit`, printing what the real tool prints.
pub fn finish_edit(original: &EditRequest, edited_text: &str, env: &mut CliEnv) -> Output {
    write::finish_edit(original, edited_text, env)
}

/// Ends a debug-node or container-shell session the shell entered for an [`Effect`]: removes what the command created and prints what the real tool prints on exit.
pub fn end_session(effect: &Effect, env: &mut CliEnv) -> Output {
    match effect {
        Effect::DebugNode { exit_message, .. } => Output::ok(exit_message.clone()),
        Effect::ContainerShell {
            namespace,
            pod,
            remove_on_exit: true,
            debug,
            ..
        } => {
            let user = env.kubeconfig.user_info();
            match env
                .cluster
                .delete(&user, crate::api::k::pod(), namespace, pod, false)
            {
                // oc deletes its debug pod with no grace period and says so before it does.
                Ok(_) if *debug => {
                    env.cluster.remove(crate::api::k::pod(), namespace, pod);
                    Output::ok("\nRemoving debug pod ...\n")
                }
                Ok(_) => {
                    env.cluster.remove(crate::api::k::pod(), namespace, pod);
                    Output::ok(format!("pod \"{pod}\" deleted\n"))
                }
                Err(e) if *debug => Output::err(
                    format!(
                        "\nRemoving debug pod ...\nerror: unable to delete the debug pod \"{pod}\": {}\n",
                        e.message
                    ),
                    1,
                ),
                Err(e) => Output::err(format!("{}\n", e.kubectl_line()), 1),
            }
        }
        Effect::ContainerShell { .. } => Output::default(),
        _ => Output::default(),
    }
}

/// Completions for the word `partial` after the words `argv` (`["kubectl", "get"]`): commands, flags, resource types, object names.
pub fn complete(argv: &[String], partial: &str, env: &CliEnv) -> Vec<String> {
    commands::complete(argv, partial, env)
}

/// Splits a command line into words the simple way (spaces, single and double quotes); for tests and tools, not the shell.
pub fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            None => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// The identity the current context authenticates as.
pub fn current_user(env: &CliEnv) -> UserInfo {
    env.kubeconfig.user_info()
}
