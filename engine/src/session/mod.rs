//! A learner session: one shell, one cluster, one AWS account, one install simulator and one virtual home directory.
//!
//! [`Session`] is the engine's front door: the app, the `bastion` runner and the tests type lines into it and read
//! back what a terminal would show. The session is the shell's [`Host`]: it sends `kubectl`/`oc` to the command
//! line over the cluster, `aws` to the account, `openshift-install` to the installer, and answers node and
//! container tools inside nested shells.

mod boot;
mod eks;
mod host_tools;
mod journal;
mod kubefiles;
mod machines;
mod net;
mod node_tools;

use serde::{Deserialize, Serialize};

use crate::aws::AwsAccount;
use crate::cli::{self, CliEnv, EditRequest, Effect, Kubeconfig};
use crate::cluster::Cluster;
use crate::exec::{Ctx, Output};
use crate::install::Installer;
use crate::shell::{Frame, FrameKind, Host, Identity, Shell};

pub use boot::SessionBoot;

/// The version of the saved-session format; a save with another version is set aside, not loaded.
pub const SAVE_VERSION: u32 = 1;

/// Virtual time that passes while a learner types one command (a few seconds, as in a real terminal).
pub const TYPING_MS: i64 = 3_000;

/// One learner's world.
pub struct Session {
    /// The scenario the cluster came from (`ocp4`, `eks`, `vanilla`).
    pub scenario: String,
    /// The seed all randomness derives from.
    pub seed: u64,
    /// The simulated cluster.
    pub cluster: Cluster,
    /// The shell, with the virtual filesystem and history.
    pub shell: Shell,
    /// The kubeconfig files merged as the last command line read them (identity, contexts, namespace); the files in
    /// the shell's filesystem (`~/.kube/config`) are what `kubectl` and `oc` read and write.
    pub kubeconfig: Kubeconfig,
    /// The kubeconfig files as last parsed.
    kubefiles: kubefiles::KubeFiles,
    /// The AWS account.
    pub aws: AwsAccount,
    /// The OpenShift install simulator.
    pub installer: Installer,
    /// An edit `kubectl edit` opened, waiting for the editor to close.
    pub pending_edit: Option<EditRequest>,
    /// The workstation's own state: its services, virtual machines and installed packages.
    host: host_tools::HostState,
    /// The effects behind open nested shells, innermost last (to clean up on `exit`).
    open_sessions: Vec<Effect>,
    /// The commands typed so far, with their outputs (what `bastion run --json` prints).
    pub transcript: Vec<TranscriptEntry>,
    /// Everything that changed the world, with its virtual time, for saving and replay.
    journal: Vec<Journaled>,
    /// What the last command line showed on the terminal, in order (see [`Session::screen`]).
    screen: Vec<(bool, String)>,
}

/// Something a learner did that changes the world; replayed in order to restore a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// A command line typed into the terminal.
    Exec(String),
    /// The editor of `kubectl edit` closed with this text.
    FinishEdit(String),
    /// A node's kubelet was stopped (a fault).
    StopNode(String),
    /// A stopped node was started again.
    StartNode(String),
    /// The simulated load (CPU percent of one pod's request) on a workload, `namespace/name`.
    SetLoad(String, u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Journaled {
    at: i64,
    action: Action,
}

/// One command and what it printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptEntry {
    /// The command line.
    pub command: String,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit code.
    pub exit_code: i32,
}

/// What a saved session holds, besides the cluster's objects.
#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    scenario: String,
    seed: u64,
    journal: Vec<Journaled>,
    now: i64,
}

impl Session {
    /// A fresh session on a built-in scenario.
    ///
    /// The cluster starts from the scenario's boot snapshot, which holds what hours of simulated boot produce.
    pub fn new(scenario: &str, seed: u64) -> Result<Session, String> {
        let cluster = Cluster::built_in(scenario, seed)?;
        Ok(Session::with_cluster(scenario, seed, cluster))
    }

    /// A fresh session around a cluster booted elsewhere (a custom scenario, or a simulated boot).
    pub fn with_cluster(scenario: &str, seed: u64, cluster: Cluster) -> Session {
        let kubeconfig = Kubeconfig::for_scenario(&cluster.info);
        let mut aws = AwsAccount::new_at(seed, cluster.now);
        aws.set_time(cluster.now);
        eks::provision(&mut aws, &cluster);
        let mut shell = Shell::with_identity(Identity::from_fact(cluster.info.facts.get("shell")));
        // The admin kubeconfig the cluster's installer (or `aws eks update-kubeconfig`) left in the home directory.
        let path = kubefiles::default_path(&shell.frames[0].env);
        let text = eks::kubeconfig(&mut aws, &cluster).unwrap_or_else(|| {
            let mut file = kubeconfig.to_value();
            if cluster.info.is_openshift() {
                // openshift-install writes its admin kubeconfig without `apiVersion` and `kind`.
                if let Some(fields) = file.as_object_mut() {
                    fields.remove("apiVersion");
                    fields.remove("kind");
                }
            }
            crate::printers::yaml::to_yaml(&file)
        });
        let _ = shell.fs.mkdir(crate::vfs::parent(&path), true);
        let _ = shell.fs.write(&path, text);
        Session {
            scenario: scenario.to_owned(),
            seed,
            cluster,
            shell,
            kubeconfig,
            kubefiles: kubefiles::KubeFiles::default(),
            aws,
            installer: Installer::new(),
            pending_edit: None,
            host: host_tools::HostState::default(),
            open_sessions: Vec::new(),
            transcript: Vec::new(),
            journal: Vec::new(),
            screen: Vec::new(),
        }
    }

    /// What `output` (the last command line's) showed on the terminal, in the order it was written, as
    /// `(is_error, text)` chunks: a command's error appears between the outputs of the commands around it. An output
    /// the last command line did not produce is shown as its standard output, then its error.
    pub fn screen(&self, output: &Output) -> Vec<(bool, String)> {
        let joined = |error: bool| -> String {
            self.screen
                .iter()
                .filter(|(e, _)| *e == error)
                .map(|(_, text)| text.as_str())
                .collect()
        };
        if joined(false) == output.stdout && joined(true) == output.stderr {
            self.screen
                .iter()
                .filter(|(_, text)| !text.is_empty())
                .cloned()
                .collect()
        } else {
            vec![
                (false, output.stdout.clone()),
                (true, output.stderr.clone()),
            ]
        }
    }

    /// Performs an action and records it for replay.
    pub fn act(&mut self, action: Action) -> Output {
        self.journal.push(Journaled {
            at: self.cluster.now,
            action: action.clone(),
        });
        match action {
            Action::Exec(line) => self.exec_line(&line),
            Action::FinishEdit(text) => self.finish_edit_now(&text),
            Action::StopNode(node) => {
                self.cluster.stop_node(&node);
                Output::default()
            }
            Action::StartNode(node) => {
                self.cluster.start_node(&node);
                Output::default()
            }
            Action::SetLoad(target, load) => {
                self.cluster.load.insert(target, load);
                Output::default()
            }
        }
    }

    /// Runs one complete input (possibly several lines, for heredocs) as a learner typing it.
    pub fn exec(&mut self, input: &str) -> Output {
        self.act(Action::Exec(input.to_owned()))
    }

    /// Saves the edited text of a pending `kubectl edit` and applies it.
    pub fn finish_edit(&mut self, edited_text: &str) -> Output {
        self.act(Action::FinishEdit(edited_text.to_owned()))
    }

    fn exec_line(&mut self, input: &str) -> Output {
        let depth_before = self.shell.frames.len();
        let mut host = SessionHost {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
            kubefiles: &mut self.kubefiles,
            aws: &mut self.aws,
            installer: &mut self.installer,
            pending_edit: &mut self.pending_edit,
            host: &mut self.host,
            opened: Vec::new(),
            leads: Vec::new(),
        };
        let (mut output, mut screen) = self.shell.run_screen(input, &mut host);
        // What the input changed in containers' files stays for their next shell, command or request.
        let closed = std::mem::take(&mut self.shell.closed.0);
        for frame in self.shell.frames.iter().chain(&closed) {
            if let (
                FrameKind::Container {
                    namespace,
                    pod,
                    container,
                },
                Some(fs),
            ) = (&frame.kind, &frame.fs)
            {
                node_tools::keep_container_fs(
                    host.cluster,
                    (namespace, pod, container),
                    fs.clone(),
                );
            }
        }
        let opened = std::mem::take(&mut host.opened);
        node_tools::order_screen(&mut screen, &host.leads);
        self.open_sessions.extend(opened);
        // Nested shells the input closed: let the CLI clean up what it created for them (debug pods, --rm pods).
        let depth_after = self.shell.frames.len();
        while self.open_sessions.len() > depth_after.saturating_sub(1)
            && depth_after <= depth_before
        {
            let Some(effect) = self.open_sessions.pop() else {
                break;
            };
            let mut env = CliEnv {
                cluster: &mut self.cluster,
                kubeconfig: &mut self.kubeconfig,
            };
            let mut end = cli::end_session(&effect, &mut env);
            // `kubectl exec -it` and `oc rsh` report a shell that exited with a failure and exit with its code.
            if let Effect::ContainerShell {
                remove_on_exit: false,
                debug: false,
                ..
            } = effect
                && output.code != 0
            {
                end.stderr.push_str(&command_terminated(output.code));
            }
            if !matches!(effect, Effect::DebugNode { .. }) {
                output.stdout.push_str(&end.stdout);
                output.stderr.push_str(&end.stderr);
                screen.push((false, end.stdout));
                screen.push((true, end.stderr));
            }
        }
        self.screen = screen;
        self.reload_kubeconfig();
        self.pass_time(TYPING_MS);
        self.transcript.push(TranscriptEntry {
            command: input.to_owned(),
            stdout: output.stdout.clone(),
            stderr: output.stderr.clone(),
            exit_code: output.code,
        });
        output
    }

    /// Reads the workstation's kubeconfig files again, for what looks at the session's identity between command lines
    /// (lab checks, completion); a file kubectl cannot load leaves no identity.
    fn reload_kubeconfig(&mut self) {
        let frame = &self.shell.frames[0];
        match self
            .kubefiles
            .load(&[], &self.shell.fs, &frame.env, &frame.cwd, &self.cluster)
        {
            Ok(loaded) if loaded.merged == self.kubeconfig => {}
            Ok(loaded) => self.kubeconfig = loaded.merged.clone(),
            Err(_) => self.kubeconfig = Kubeconfig::default(),
        }
    }

    /// Lets virtual time pass for every part of the world.
    pub fn pass_time(&mut self, ms: i64) {
        eks::advance(&mut self.cluster, &mut self.aws, ms);
        self.aws.set_time(self.cluster.now);
        apply_deploys(&mut self.aws, &mut self.cluster);
        let fs = &self.shell.fs;
        self.installer.advance_with(fs, ms.max(0) as u64);
        self.adopt_finished_install();
        self.forget_destroyed_install();
        machines::reconcile(&mut self.cluster, &mut self.aws);
        eks::reconcile(&mut self.cluster, &mut self.aws);
    }

    /// After `openshift-install destroy cluster` of the adopted install the destroyed cluster stops being the session's: the scenario's own
    /// cluster comes back (booted afresh at the current time), which the home directory's kubeconfig points at again.
    fn forget_destroyed_install(&mut self) {
        if !self.installer.take_destroyed() {
            return;
        }
        if let Ok(mut cluster) = Cluster::built_in(&self.scenario, self.seed) {
            cluster.now = cluster.now.max(self.cluster.now);
            self.cluster = cluster;
        }
    }

    /// Makes a finished OpenShift install the session's cluster, once per install: the cluster the installer built
    /// (its nodes, names, domain, version and kubeadmin password) replaces the current one, which the installer's
    /// `auth/kubeconfig` reaches (`export KUBECONFIG=…`). Returns whether it swapped; the front ends call it after driving the installer.
    pub fn adopt_finished_install(&mut self) -> bool {
        let Some(Ok(text)) = self.installer.take_finished_scenario(self.cluster.now) else {
            return false;
        };
        let Ok(mut cluster) = Cluster::from_scenario(&text, self.seed) else {
            return false;
        };
        cluster.now = cluster.now.max(self.cluster.now);
        self.cluster = cluster;
        // The installer built its network and machines in the account: the cluster's Machines get their instances.
        if let Some(plan) = self.installer.aws_infra() {
            self.aws.set_time(self.cluster.now);
            machines::provision_network(&mut self.aws, plan, 3_600_000);
            machines::reconcile(&mut self.cluster, &mut self.aws);
        }
        true
    }

    fn finish_edit_now(&mut self, edited_text: &str) -> Output {
        let Some(request) = self.pending_edit.take() else {
            return Output::err("error: no edit in progress\n", 1);
        };
        let mut env = CliEnv {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
        };
        cli::finish_edit(&request, edited_text, &mut env)
    }

    /// Runs a read-only command on a copy of the world and returns its standard output (for lab checks).
    pub fn peek(&mut self, line: &str) -> String {
        let mut shell = self.shell.clone();
        let mut cluster = self.cluster.clone();
        let mut kubeconfig = self.kubeconfig.clone();
        let mut kubefiles = self.kubefiles.clone();
        let mut aws = self.aws.clone();
        let mut installer = self.installer.clone();
        let mut pending = None;
        let mut host_state = self.host.clone();
        let mut host = SessionHost {
            cluster: &mut cluster,
            kubeconfig: &mut kubeconfig,
            kubefiles: &mut kubefiles,
            aws: &mut aws,
            installer: &mut installer,
            pending_edit: &mut pending,
            host: &mut host_state,
            opened: Vec::new(),
            leads: Vec::new(),
        };
        shell.run(line, &mut host).stdout
    }

    /// The prompt to show before the next command.
    pub fn prompt(&self) -> String {
        self.shell.prompt()
    }

    /// Whether `text` is an unfinished command (open quote or heredoc, trailing pipe) that needs another line.
    pub fn needs_more_input(text: &str) -> bool {
        crate::shell::needs_more_input(text)
    }

    /// Completions for the line typed so far, the cursor at `cursor` (a byte offset).
    pub fn complete(&mut self, line: &str, cursor: usize) -> crate::shell::Completion {
        let host = SessionHost {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
            kubefiles: &mut self.kubefiles,
            aws: &mut self.aws,
            installer: &mut self.installer,
            pending_edit: &mut self.pending_edit,
            host: &mut self.host,
            opened: Vec::new(),
            leads: Vec::new(),
        };
        self.shell.complete(line, cursor, &host)
    }

    /// The commands typed so far, oldest first.
    pub fn history(&self) -> &[String] {
        &self.shell.history
    }

    /// Saves the session as JSON: the scenario, the seed and every action with its virtual time, plus a format version.
    ///
    /// Replaying keeps saves small and always consistent with the engine that loads them.
    pub fn save(&self) -> String {
        let saved = Saved {
            version: SAVE_VERSION,
            scenario: self.scenario.clone(),
            seed: self.seed,
            journal: self.journal.clone(),
            now: self.cluster.now,
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores a saved session; an unreadable or old save is an error, never a partial session.
    pub fn load(text: &str) -> Result<Session, String> {
        let mut boot = SessionBoot::load(text)?;
        loop {
            if let Some(done) = boot.step(|| true) {
                return done;
            }
        }
    }
}

/// The shell's view of the session while a line runs.
struct SessionHost<'a> {
    cluster: &'a mut Cluster,
    /// The kubeconfig the last `kubectl`/`oc` line read.
    kubeconfig: &'a mut Kubeconfig,
    kubefiles: &'a mut kubefiles::KubeFiles,
    aws: &'a mut AwsAccount,
    installer: &'a mut Installer,
    pending_edit: &'a mut Option<EditRequest>,
    host: &'a mut host_tools::HostState,
    opened: Vec<Effect>,
    /// Standard error written before standard output in this line, for [`Session::screen`].
    leads: Vec<node_tools::Lead>,
}

/// The commands the workstation answers besides the shell's own.
const WORKSTATION_COMMANDS: &[&str] = &[
    "kubectl",
    "oc",
    "aws",
    "openshift-install",
    "curl",
    "dig",
    "nslookup",
    "ssh",
    "ansible-playbook",
];

impl SessionHost<'_> {
    /// How `oc debug … -- COMMAND…` ends: the pod's `log` (the command's output and errors as one stream) after
    /// oc's start-up lines already in `output`'s standard error, then oc's `removal` lines, and oc's error when the
    /// command failed.
    fn print_debug_log(&mut self, output: &mut Output, log: Output, removal: &str) {
        self.leads.push(node_tools::Lead {
            stderr: output.stderr.clone(),
            stdout: log.stdout.clone(),
        });
        output.stdout.push_str(&log.stdout);
        output.stderr.push_str(removal);
        if log.code != 0 {
            output
                .stderr
                .push_str("error: non-zero exit code from debug container\n");
            output.code = 1;
        }
    }

    fn cli(&mut self, argv: &[String], ctx: &mut Ctx) -> Output {
        let loaded = match self
            .kubefiles
            .load(argv, ctx.fs, ctx.env, ctx.cwd, self.cluster)
        {
            Ok(loaded) => loaded,
            Err(refused) => return refused,
        };
        if *self.kubeconfig != loaded.merged {
            *self.kubeconfig = loaded.merged.clone();
        }
        let mut env = CliEnv {
            cluster: self.cluster,
            kubeconfig: self.kubeconfig,
        };
        let result = cli::run(argv, ctx, &mut env);
        if *self.kubeconfig != loaded.merged {
            kubefiles::KubeFiles::save(&loaded, self.kubeconfig, ctx.fs);
        }
        let mut output = result.output;
        match result.effect {
            None => {}
            Some(Effect::Advanced { ms }) => {
                self.aws.set_time(self.cluster.now);
                let _ = ms;
            }
            Some(Effect::Copy {
                namespace,
                pod,
                container,
                to_container,
                local,
                remote,
            }) => output.append(node_tools::copy(
                self.cluster,
                (&namespace, &pod, &container),
                to_container,
                (&local, &remote),
                ctx,
            )),
            Some(Effect::Edit(request)) => {
                if ctx.stdin.is_empty() {
                    *self.pending_edit = Some(request);
                } else {
                    // Without an editor (the headless runner), the edited object comes from standard input.
                    let mut env = CliEnv {
                        cluster: self.cluster,
                        kubeconfig: self.kubeconfig,
                    };
                    output.append(cli::finish_edit(&request, ctx.stdin, &mut env));
                }
            }
            Some(Effect::DebugNode {
                node,
                exit_message,
                command,
                ..
            }) if !command.is_empty() => {
                // `oc debug node/X -- COMMAND…` runs one command in the debug pod and removes the pod; oc's start-up
                // lines, on standard error, come before the command's output.
                let answer = node_tools::debug_command(self.cluster, &node, &command, ctx);
                self.print_debug_log(&mut output, answer, &exit_message);
            }
            Some(effect @ Effect::DebugNode { .. }) => {
                if let Effect::DebugNode {
                    node, exit_message, ..
                } = &effect
                {
                    ctx.push_frame(Frame::debug_node(node, exit_message));
                }
                self.opened.push(effect);
            }
            Some(effect @ Effect::ContainerShell { .. }) => {
                if let Effect::ContainerShell {
                    namespace,
                    pod,
                    container,
                    command,
                    interactive,
                    debug,
                    ..
                } = &effect
                {
                    if *debug && !*interactive {
                        // `oc debug TYPE/NAME -- COMMAND…` prints the debug pod's log (the command's output and
                        // errors) between its start-up line and its removal line, both on standard error.
                        let answer = node_tools::run_in_container(
                            self.cluster,
                            (namespace, pod, container),
                            command,
                            ctx,
                        )
                        .unwrap_or_else(|| container_not_found(&command[0]));
                        let mut env = CliEnv {
                            cluster: self.cluster,
                            kubeconfig: self.kubeconfig,
                        };
                        let ended = cli::end_session(&effect, &mut env);
                        let log = Output {
                            stdout: answer.stdout + &answer.stderr,
                            stderr: String::new(),
                            code: answer.code,
                        };
                        self.print_debug_log(&mut output, log, &(ended.stdout + &ended.stderr));
                    } else if *interactive {
                        let prompt =
                            node_tools::container_prompt(self.cluster, namespace, pod, container);
                        let frame = node_tools::container_frame(
                            self.cluster,
                            namespace,
                            pod,
                            container,
                            &prompt,
                        );
                        ctx.push_frame(frame);
                        self.opened.push(effect);
                    } else {
                        // A command that ran and failed: kubectl reports its exit code and exits with it.
                        let answer = match node_tools::run_in_container(
                            self.cluster,
                            (namespace, pod, container),
                            command,
                            ctx,
                        ) {
                            Some(mut answer) if answer.code != 0 => {
                                answer.stderr.push_str(&command_terminated(answer.code));
                                answer
                            }
                            Some(answer) => answer,
                            None => container_not_found(&command[0]),
                        };
                        let code = answer.code;
                        output.append(answer);
                        let mut env = CliEnv {
                            cluster: self.cluster,
                            kubeconfig: self.kubeconfig,
                        };
                        let ended = cli::end_session(&effect, &mut env);
                        let failed = ended.code != 0;
                        output.append(ended);
                        if !failed {
                            output.code = code;
                        }
                    }
                }
            }
        }
        output
    }
}

/// Rolls out what a pipeline's Deploy stage asked for: the deployment's first container gets the new image.
fn apply_deploys(aws: &mut AwsAccount, cluster: &mut Cluster) {
    for request in aws.take_deploy_requests() {
        let Some(deployment) = cluster.get(
            crate::api::k::deployment(),
            &request.namespace,
            &request.deployment,
        ) else {
            continue;
        };
        let mut updated = (*deployment).clone();
        if let Some(container) = updated
            .spec_mut()
            .get_mut("template")
            .and_then(|t| t.pointer_mut("/spec/containers/0"))
            .and_then(|c| c.as_object_mut())
        {
            container.insert(
                "image".into(),
                serde_json::Value::String(request.image.clone()),
            );
        }
        updated.meta.resource_version = 0;
        let _ = cluster.update(&crate::cluster::UserInfo::system_admin(), updated, false);
    }
}

/// What `kubectl exec` (and `oc rsh`) adds when the command in the container exits with a failure.
pub(crate) fn command_terminated(code: i32) -> String {
    format!("command terminated with exit code {code}\n")
}

fn container_not_found(command: &str) -> Output {
    Output::err(
        format!(
            "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: \"{command}\": executable file not found in $PATH: unknown\n"
        ),
        1,
    )
}

impl Host for SessionHost<'_> {
    fn run(&mut self, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output> {
        let name = argv.first()?.as_str();
        if !matches!(frame.kind, FrameKind::Workstation) {
            return node_tools::run(self.cluster, argv, ctx, frame);
        }
        if let Some(out) = host_tools::run(self.host, self.installer, argv, ctx) {
            return Some(out);
        }
        Some(match name {
            "kubectl" | "oc" => match self.installer.run_oc(argv, ctx) {
                Some(out) => out,
                None => self.cli(argv, ctx),
            },
            "aws" => self.aws.run(argv, ctx),
            "git" => {
                let out = self.aws.git(argv, ctx);
                // `git push` and `git pull` report the transfer on standard error before what they print after it.
                if matches!(argv.get(1).map(String::as_str), Some("push" | "pull"))
                    && !out.stdout.is_empty()
                {
                    self.leads.push(node_tools::Lead {
                        stderr: out.stderr.clone(),
                        stdout: out.stdout.clone(),
                    });
                }
                out
            }
            "openshift-install" => {
                let out = self
                    .installer
                    .run_in(argv, ctx, &mut machines::AccountCloud(self.aws));
                // The account's clock follows the installer's while it creates or destroys infrastructure.
                self.aws.set_time(self.installer.now());
                out
            }
            "ansible-playbook" => {
                let out = self.installer.run_playbook(argv, ctx);
                if out.code == 0 {
                    self.host.helper_services_started(ctx.now);
                }
                out
            }
            "curl" | "dig" | "nslookup" => match self.installer.run_diagnostic(argv, ctx) {
                Some(out) => out,
                None if name == "curl" => eks::through_load_balancer(self.cluster, self.aws, argv)
                    .or_else(|| eks::instance_metadata(self.cluster, self.aws, argv))
                    .unwrap_or_else(|| net::workstation(self.cluster, argv, ctx)),
                None => net::workstation(self.cluster, argv, ctx),
            },
            "ssh" | "journalctl" => match self.installer.run_diagnostic(argv, ctx) {
                Some(out) => out,
                None if name == "ssh" => eks::ssh_through_security_groups(
                    self.cluster,
                    self.aws,
                    argv,
                    ctx.env.get("USER").map_or("", String::as_str),
                )
                .unwrap_or_else(|| node_tools::ssh(self.cluster, argv, ctx)),
                None => return None,
            },
            _ => return None,
        })
    }

    fn advance(&mut self, ms: u64) {
        eks::advance(self.cluster, self.aws, ms as i64);
        self.aws.set_time(self.cluster.now);
        apply_deploys(self.aws, self.cluster);
        self.installer.advance(ms);
        machines::reconcile(self.cluster, self.aws);
        eks::reconcile(self.cluster, self.aws);
    }

    fn now(&self) -> i64 {
        self.cluster.now
    }

    fn command_names(&self, frame: &Frame) -> Vec<String> {
        match frame.kind {
            FrameKind::Workstation => WORKSTATION_COMMANDS
                .iter()
                .chain(host_tools::COMMANDS)
                .map(|c| (*c).to_owned())
                .collect(),
            _ => node_tools::command_names(frame),
        }
    }

    fn complete_args(&self, argv: &[String], partial: &str, frame: &Frame) -> Vec<String> {
        if !matches!(frame.kind, FrameKind::Workstation) {
            return Vec::new();
        }
        match argv.first().map(String::as_str) {
            Some("kubectl" | "oc") => {
                // Completion only reads; the CLI takes `&CliEnv`, which wants exclusive references, so work on a copy.
                let mut cluster = self.cluster.clone();
                let mut kubeconfig = self.kubeconfig.clone();
                let env = CliEnv {
                    cluster: &mut cluster,
                    kubeconfig: &mut kubeconfig,
                };
                cli::complete(argv, partial, &env)
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_kubeconfig;
