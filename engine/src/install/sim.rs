//! The bootstrap sequence as a data-driven stage table (stage, gate, delay, next), the machines it drives with their journals, CSRs and cluster operators.

use serde::{Deserialize, Serialize};

use super::helper::NetView;
use super::util::{Rng, journal_time, klog_time};

/// The steps of an OpenShift 4 installation, in the order of the notes' ten-step bootstrap process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    /// 1. The bootstrap machine boots and starts hosting the resources the control plane machines need.
    BootstrapBoot,
    /// 2. The bootstrap machine starts a single-node etcd and a temporary Kubernetes control plane.
    TemporaryControlPlane,
    /// 3. The control plane machines fetch their remote resources from the bootstrap machine and finish booting.
    MastersFetchIgnition,
    /// 4. The temporary control plane schedules the production control plane on the control plane machines.
    ProductionControlPlane,
    /// 5. The Cluster Version Operator comes online and installs the etcd Operator, which scales etcd to all control plane machines.
    EtcdScaling,
    /// 6. The temporary control plane shuts down and passes control to the production control plane.
    ControlHandover,
    /// 7. The bootstrap machine injects OpenShift components into the production control plane.
    InjectComponents,
    /// 8. The installer shuts the bootstrap machine down (bootstrap-complete).
    BootstrapComplete,
    /// 9. The control plane sets up the compute nodes.
    ComputeNodes,
    /// 10. The control plane installs additional services as a set of Operators.
    ClusterOperators,
    /// The cluster is installed.
    InstallComplete,
}

impl Stage {
    /// Every stage in order.
    pub const ALL: [Stage; 11] = [
        Stage::BootstrapBoot,
        Stage::TemporaryControlPlane,
        Stage::MastersFetchIgnition,
        Stage::ProductionControlPlane,
        Stage::EtcdScaling,
        Stage::ControlHandover,
        Stage::InjectComponents,
        Stage::BootstrapComplete,
        Stage::ComputeNodes,
        Stage::ClusterOperators,
        Stage::InstallComplete,
    ];

    /// A stable identifier such as `bootstrap-boot`.
    pub fn id(self) -> &'static str {
        match self {
            Stage::BootstrapBoot => "bootstrap-boot",
            Stage::TemporaryControlPlane => "temporary-control-plane",
            Stage::MastersFetchIgnition => "masters-fetch-ignition",
            Stage::ProductionControlPlane => "production-control-plane",
            Stage::EtcdScaling => "etcd-scaling",
            Stage::ControlHandover => "control-handover",
            Stage::InjectComponents => "inject-components",
            Stage::BootstrapComplete => "bootstrap-complete",
            Stage::ComputeNodes => "compute-nodes",
            Stage::ClusterOperators => "cluster-operators",
            Stage::InstallComplete => "install-complete",
        }
    }

    /// The stage's number in the notes' list (1 to 10; 11 for the finished install).
    pub fn number(self) -> u32 {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) as u32 + 1
    }
}

/// What must hold before a stage's delay starts running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gate {
    /// Nothing; the delay starts when the stage starts.
    Always,
    /// The bootstrap machine got an address, PXE-booted and installed from a served bootstrap.ign.
    BootstrapBooted,
    /// The certificates in the bootstrap ignition are still valid.
    CertificatesValid,
    /// Every control plane machine fetched its config from api-int:22623.
    MastersIgnited,
    /// Enough control plane machines joined for etcd quorum.
    EtcdQuorum,
    /// Every cluster operator is Available.
    OperatorsAvailable,
}

/// One row of the stage table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSpec {
    /// The stage.
    pub stage: Stage,
    /// The condition that must hold.
    pub gate: Gate,
    /// The virtual time the stage takes once its gate holds.
    pub delay_ms: i64,
    /// The stage that follows.
    pub next: Option<Stage>,
}

const MIN: i64 = 60_000;

/// The stage table, like KWOK stages: stage, gate, delay, next.
pub const STAGES: [StageSpec; 11] = [
    StageSpec {
        stage: Stage::BootstrapBoot,
        gate: Gate::BootstrapBooted,
        delay_ms: 3 * MIN,
        next: Some(Stage::TemporaryControlPlane),
    },
    StageSpec {
        stage: Stage::TemporaryControlPlane,
        gate: Gate::CertificatesValid,
        delay_ms: 5 * MIN,
        next: Some(Stage::MastersFetchIgnition),
    },
    StageSpec {
        stage: Stage::MastersFetchIgnition,
        gate: Gate::MastersIgnited,
        delay_ms: 2 * MIN,
        next: Some(Stage::ProductionControlPlane),
    },
    StageSpec {
        stage: Stage::ProductionControlPlane,
        gate: Gate::Always,
        delay_ms: 4 * MIN,
        next: Some(Stage::EtcdScaling),
    },
    StageSpec {
        stage: Stage::EtcdScaling,
        gate: Gate::EtcdQuorum,
        delay_ms: 5 * MIN,
        next: Some(Stage::ControlHandover),
    },
    StageSpec {
        stage: Stage::ControlHandover,
        gate: Gate::Always,
        delay_ms: 2 * MIN,
        next: Some(Stage::InjectComponents),
    },
    StageSpec {
        stage: Stage::InjectComponents,
        gate: Gate::Always,
        delay_ms: 3 * MIN,
        next: Some(Stage::BootstrapComplete),
    },
    StageSpec {
        stage: Stage::BootstrapComplete,
        gate: Gate::Always,
        delay_ms: MIN,
        next: Some(Stage::ComputeNodes),
    },
    StageSpec {
        stage: Stage::ComputeNodes,
        gate: Gate::Always,
        delay_ms: 3 * MIN,
        next: Some(Stage::ClusterOperators),
    },
    StageSpec {
        stage: Stage::ClusterOperators,
        gate: Gate::OperatorsAvailable,
        delay_ms: 0,
        next: Some(Stage::InstallComplete),
    },
    StageSpec {
        stage: Stage::InstallComplete,
        gate: Gate::Always,
        delay_ms: 0,
        next: None,
    },
];

/// The row of `stage`.
pub fn spec(stage: Stage) -> StageSpec {
    STAGES[stage.number() as usize - 1]
}

/// The OpenShift 4.14 cluster operators, in the order they tend to become Available, with whether they need schedulable compute nodes.
pub const CLUSTER_OPERATORS: [(&str, bool); 33] = [
    ("etcd", false),
    ("kube-apiserver", false),
    ("kube-controller-manager", false),
    ("kube-scheduler", false),
    ("network", false),
    ("config-operator", false),
    ("service-ca", false),
    ("openshift-apiserver", false),
    ("openshift-controller-manager", false),
    ("machine-config", false),
    ("machine-api", false),
    ("machine-approver", false),
    ("cloud-credential", false),
    ("cloud-controller-manager", false),
    ("dns", false),
    ("node-tuning", false),
    ("kube-storage-version-migrator", false),
    ("operator-lifecycle-manager", false),
    ("operator-lifecycle-manager-catalog", false),
    ("operator-lifecycle-manager-packageserver", false),
    ("control-plane-machine-set", false),
    ("cluster-autoscaler", false),
    ("csi-snapshot-controller", false),
    ("storage", false),
    ("baremetal", false),
    ("insights", false),
    ("marketplace", false),
    ("openshift-samples", false),
    ("image-registry", false),
    ("ingress", true),
    ("authentication", true),
    ("console", true),
    ("monitoring", true),
];

/// A machine's role in the install.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The temporary bootstrap machine (in agent installs, the rendezvous host).
    Bootstrap,
    /// A control plane machine.
    Master,
    /// A compute machine.
    Worker,
    /// The helper node (DNS, DHCP, TFTP, HTTP).
    Helper,
    /// The load balancer (HAProxy, on the helper in the helpernode setup).
    LoadBalancer,
}

impl Role {
    /// The lowercase role name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Bootstrap => "bootstrap",
            Role::Master => "master",
            Role::Worker => "worker",
            Role::Helper => "helper",
            Role::LoadBalancer => "lb",
        }
    }
}

/// What a machine is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MachineState {
    /// Powered off, not started yet.
    Off,
    /// Firmware PXE boot in progress.
    PxeBooting,
    /// PXE boot failed (no DHCP offer or no PXELINUX config).
    PxeFailed,
    /// The live image is writing RHCOS to disk.
    Installing,
    /// Ignition is fetching the machine's config.
    FetchingIgnition,
    /// Ignition keeps failing to fetch the config.
    IgnitionFailed,
    /// Running its services (bootstrap control plane, helper services).
    Running,
    /// A node whose kubelet has not joined or is not Ready.
    NotReady,
    /// A Ready node.
    Ready,
    /// Powered off after its job (the bootstrap after bootstrap-complete).
    ShutDown,
}

/// One journal line of a machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalLine {
    /// Virtual time.
    pub at: i64,
    /// The systemd unit it belongs to.
    pub unit: String,
    /// The syslog identifier with PID, such as `bootkube.sh[2816]`.
    pub ident: String,
    /// The message.
    pub msg: String,
}

/// One simulated machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Machine {
    /// Short name, such as `master0`.
    pub name: String,
    /// Fully qualified host name (the node name).
    pub fqdn: String,
    /// Role.
    pub role: Role,
    /// The MAC of its NIC.
    pub mac: String,
    /// The address it got (empty before DHCP).
    pub ip: String,
    /// Its state.
    pub state: MachineState,
    /// A one-line description of what it is doing or why it is stuck.
    pub detail: String,
    /// Its journal, oldest first (bounded).
    pub journal: Vec<JournalLine>,
    /// Ignition fetch attempts so far.
    pub attempts: u32,
    /// When it finished fetching its config.
    pub ignited_at: Option<i64>,
    /// When its node became Ready.
    pub ready_at: Option<i64>,
    /// When its certificates expire (from the ignition it installed from).
    pub cert_not_after: Option<i64>,
    /// When it was powered on (firmware timings count from here); `None` while it is off.
    #[serde(default)]
    pub powered_at: Option<i64>,
}

/// A certificate signing request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Csr {
    /// The object name, `csr-xxxxx`.
    pub name: String,
    /// When it was created.
    pub created_at: i64,
    /// The signer name.
    pub signer_name: String,
    /// Who asked.
    pub requestor: String,
    /// The machine it is for.
    pub machine: String,
    /// Whether it is the kubelet serving (second) CSR.
    pub serving: bool,
    /// When it was approved.
    pub approved_at: Option<i64>,
}

/// A CSR as `oc get csr` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsrView {
    /// NAME.
    pub name: String,
    /// Creation time, for AGE.
    pub created_at: i64,
    /// SIGNERNAME.
    pub signer_name: String,
    /// REQUESTOR.
    pub requestor: String,
    /// REQUESTEDDURATION (`<none>`).
    pub requested_duration: String,
    /// CONDITION: `Pending` or `Approved,Issued`.
    pub condition: String,
}

/// A cluster operator's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorView {
    /// The ClusterOperator name.
    pub name: String,
    /// The version once available.
    pub version: String,
    /// AVAILABLE.
    pub available: bool,
    /// PROGRESSING.
    pub progressing: bool,
    /// DEGRADED.
    pub degraded: bool,
    /// When it last changed.
    pub since: i64,
    /// The message of its most relevant condition.
    pub message: String,
    /// When its route health check through the load balancer last failed (0 when it never did).
    #[serde(default)]
    pub route_failed_at: i64,
}

/// One stage as it happened (or is happening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The stage.
    pub stage: Stage,
    /// When it started.
    pub start: i64,
    /// When it ended, `None` while running.
    pub end: Option<i64>,
    /// Why it is waiting, while its gate is closed.
    pub blocked: Option<String>,
}

/// Facts the simulation needs from outside: the network view and which ignition it booted from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Env {
    /// The helper's services (or the platform's, when `helper` is false).
    pub net: NetView,
    /// The cluster domain, `ocp4.example.com`.
    pub cluster_domain: String,
    /// Control plane replicas from install-config.
    pub master_replicas: i64,
    /// Whether this is an agent-based install (rendezvous host, no separate bootstrap).
    pub agent: bool,
    /// Whether worker CSRs are approved automatically (the machine-approver of IPI and agent installs).
    pub auto_approve: bool,
    /// Certificate expiry of each issued ignition set, by the root CA PEM it embeds.
    pub issued: Vec<(String, i64)>,
}

/// The running state of one installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Simulation {
    /// Virtual now.
    pub now: i64,
    /// When the machines were powered on.
    pub started_at: i64,
    /// The current stage.
    pub stage: Stage,
    /// When its gate opened.
    pub gate_open_since: Option<i64>,
    /// The stages so far.
    pub timeline: Vec<TimelineEntry>,
    /// The machines.
    pub machines: Vec<Machine>,
    /// CSRs.
    pub csrs: Vec<Csr>,
    /// Cluster operators.
    pub operators: Vec<OperatorView>,
    /// When the API first answered.
    pub api_up_at: Option<i64>,
    /// When bootstrap completed.
    pub bootstrap_complete_at: Option<i64>,
    /// When the install completed.
    pub complete_at: Option<i64>,
    /// Whether this is an agent-based install.
    pub agent: bool,
    /// The cluster domain.
    pub cluster_domain: String,
    rng_seed: String,
    csr_counter: u32,
}

const JOURNAL_CAP: usize = 600;
/// The OpenShift version the simulator installs.
pub const OCP_VERSION: &str = "4.14.0";
/// The Kubernetes version of that release.
pub const KUBE_VERSION: &str = "v1.27.6+f67aeb3";
/// The release image digest.
pub const RELEASE_IMAGE: &str = "quay.io/openshift-release-dev/ocp-release@sha256:ac95ba3a7b4e4ba9f8e4a36c1b8bbf9b3cd1d0e3fd3b01a1d2d0ec3c4d1ae1d6";

/// A machine the simulation should drive: name, role, MAC and (for platforms without DHCP) address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hardware {
    /// Short name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Its real MAC.
    pub mac: String,
    /// The address the platform gives it (used when there is no helper).
    pub ip: String,
    /// The node name when it is not `<name>.<cluster domain>` (AWS names nodes after their private address).
    #[serde(default)]
    pub fqdn: String,
}

impl Simulation {
    /// Powers on every machine of `hardware` at `now`.
    pub fn start(hardware: &[Hardware], env: &Env, now: i64) -> Self {
        Self::start_powered(hardware, env, now, true)
    }

    /// Starts the install at `now` with every machine powered on (`powered`) or off, waiting for
    /// [`Simulation::power_on`].
    pub fn start_powered(hardware: &[Hardware], env: &Env, now: i64, powered: bool) -> Self {
        let machines = hardware
            .iter()
            .map(|h| Machine {
                name: h.name.clone(),
                fqdn: if h.fqdn.is_empty() {
                    format!("{}.{}", h.name, env.cluster_domain)
                } else {
                    h.fqdn.clone()
                },
                role: h.role,
                mac: h.mac.to_ascii_lowercase(),
                ip: if matches!(h.role, Role::Helper | Role::LoadBalancer) || !env.net.helper {
                    h.ip.clone()
                } else {
                    String::new()
                },
                state: if matches!(h.role, Role::Helper | Role::LoadBalancer) {
                    MachineState::Running
                } else if powered {
                    MachineState::PxeBooting
                } else {
                    MachineState::Off
                },
                detail: match h.role {
                    Role::Helper => "serving DNS, DHCP, TFTP and HTTP (8080)".into(),
                    Role::LoadBalancer => "HAProxy: 6443, 22623, 80, 443, stats on 9000".into(),
                    _ if powered => "powered on, PXE booting".into(),
                    _ => "powered off".into(),
                },
                powered_at: powered.then_some(now),
                journal: Vec::new(),
                attempts: 0,
                ignited_at: None,
                ready_at: None,
                cert_not_after: None,
            })
            .collect();
        let mut sim = Simulation {
            now,
            started_at: now,
            stage: Stage::BootstrapBoot,
            gate_open_since: None,
            timeline: vec![TimelineEntry {
                stage: Stage::BootstrapBoot,
                start: now,
                end: None,
                blocked: None,
            }],
            machines,
            csrs: Vec::new(),
            operators: CLUSTER_OPERATORS
                .iter()
                .map(|(name, _)| OperatorView {
                    name: (*name).into(),
                    version: String::new(),
                    available: false,
                    progressing: true,
                    degraded: false,
                    since: now,
                    message: String::new(),
                    route_failed_at: 0,
                })
                .collect(),
            api_up_at: None,
            bootstrap_complete_at: None,
            complete_at: None,
            agent: env.agent,
            cluster_domain: env.cluster_domain.clone(),
            rng_seed: format!("{}-{now}", env.cluster_domain),
            csr_counter: 0,
        };
        if !env.net.helper
            && let Some(b) = sim.bootstrap_index()
        {
            sim.machines[b].cert_not_after = env.issued.last().map(|(_, t)| *t);
        }
        sim.evaluate(env);
        sim
    }

    /// Advances virtual time by `ms`, one second at a time; returns the stages entered.
    pub fn advance(&mut self, ms: i64, env: &Env) -> Vec<Stage> {
        let target = self.now + ms;
        let mut entered = Vec::new();
        if self.stage == Stage::InstallComplete {
            // Nothing changes once the install is complete.
            self.now = target;
            return entered;
        }
        while self.now < target {
            self.now = (self.now + 1000).min(target);
            let before = self.stage;
            self.tick(env);
            if self.stage != before {
                entered.push(self.stage);
            }
        }
        entered
    }

    /// Advances until the stage changes or `limit_ms` passes; returns whether it changed.
    pub fn advance_to_next_stage(&mut self, env: &Env, limit_ms: i64) -> bool {
        let start = self.stage;
        let target = self.now + limit_ms;
        while self.now < target && self.stage == start {
            self.now += 1000;
            self.tick(env);
        }
        self.stage != start
    }

    fn log(&mut self, machine: usize, unit: &str, ident: &str, msg: impl Into<String>) {
        let at = self.now;
        let m = &mut self.machines[machine];
        m.journal.push(JournalLine {
            at,
            unit: unit.into(),
            ident: ident.into(),
            msg: msg.into(),
        });
        if m.journal.len() > JOURNAL_CAP {
            let extra = m.journal.len() - JOURNAL_CAP;
            m.journal.drain(..extra);
        }
    }

    fn index(&self, role: Role) -> Vec<usize> {
        (0..self.machines.len())
            .filter(|i| self.machines[*i].role == role)
            .collect()
    }

    /// The machine that plays the bootstrap role (the rendezvous host in agent installs).
    pub fn bootstrap_index(&self) -> Option<usize> {
        self.index(Role::Bootstrap).first().copied()
    }

    /// Powers on machine `name` if it is off; returns whether it was.
    pub fn power_on(&mut self, name: &str) -> bool {
        let now = self.now;
        let Some(m) = self
            .machines
            .iter_mut()
            .find(|m| m.name == name && m.state == MachineState::Off)
        else {
            return false;
        };
        m.state = MachineState::PxeBooting;
        m.detail = "powered on, PXE booting".into();
        m.powered_at = Some(now);
        true
    }

    /// How long machine `i` has been powered on.
    fn powered_for(&self, i: usize) -> i64 {
        self.now - self.machines[i].powered_at.unwrap_or(self.started_at)
    }

    fn stage_elapsed(&self) -> i64 {
        self.now - self.timeline.last().map(|t| t.start).unwrap_or(self.now)
    }

    fn tick(&mut self, env: &Env) {
        self.machines_tick(env);
        self.operators_tick(env);
        self.evaluate(env);
    }

    /// Checks the current gate and moves to the next stage when its delay has run.
    fn evaluate(&mut self, env: &Env) {
        loop {
            let row = spec(self.stage);
            let blocked = self.gate_block(row.gate, env);
            if let Some(t) = self.timeline.last_mut() {
                t.blocked = blocked.clone();
            }
            if blocked.is_some() {
                self.gate_open_since = None;
                return;
            }
            let since = *self.gate_open_since.get_or_insert(self.now);
            let Some(next) = row.next else { return };
            if self.now < since + row.delay_ms {
                return;
            }
            if let Some(t) = self.timeline.last_mut() {
                t.end = Some(self.now);
                t.blocked = None;
            }
            self.stage = next;
            self.gate_open_since = None;
            self.timeline.push(TimelineEntry {
                stage: next,
                start: self.now,
                end: if next == Stage::InstallComplete {
                    Some(self.now)
                } else {
                    None
                },
                blocked: None,
            });
            self.enter(next);
        }
    }

    fn gate_block(&self, gate: Gate, env: &Env) -> Option<String> {
        match gate {
            Gate::Always => None,
            Gate::BootstrapBooted => {
                let b = self.bootstrap_index()?;
                let m = &self.machines[b];
                match m.state {
                    MachineState::Running => None,
                    _ => Some(format!("{}: {}", m.name, m.detail)),
                }
            }
            Gate::CertificatesValid => {
                let b = self.bootstrap_index()?;
                match self.machines[b].cert_not_after {
                    Some(t) if t <= self.now => Some(
                        "the certificates in bootstrap.ign have expired (older than 24 hours)"
                            .into(),
                    ),
                    _ => None,
                }
            }
            Gate::MastersIgnited => {
                let masters = self.index(Role::Master);
                if masters.is_empty() {
                    return Some("no control plane machines".into());
                }
                // The control plane machines that are on; one never powered on shows later, as a missing etcd member.
                let on: Vec<usize> = masters
                    .iter()
                    .copied()
                    .filter(|i| self.machines[*i].state != MachineState::Off)
                    .collect();
                if on.is_empty() {
                    return Some(
                        masters
                            .iter()
                            .map(|i| {
                                format!("{}: {}", self.machines[*i].name, self.machines[*i].detail)
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    );
                }
                let waiting: Vec<String> = on
                    .iter()
                    .filter(|i| self.machines[**i].ignited_at.is_none())
                    .map(|i| format!("{}: {}", self.machines[*i].name, self.machines[*i].detail))
                    .collect();
                if waiting.is_empty() {
                    None
                } else {
                    Some(waiting.join("; "))
                }
            }
            Gate::EtcdQuorum => {
                let joined = self
                    .index(Role::Master)
                    .iter()
                    .filter(|i| self.machines[**i].ignited_at.is_some())
                    .count() as i64;
                let needed = match (env.master_replicas, env.agent) {
                    (1, _) => 1,
                    (_, true) => 2,
                    _ => 3,
                };
                if joined >= needed {
                    None
                } else {
                    Some(format!(
                        "etcd has {} of {needed} members; the etcd operator cannot scale etcd to a quorum and the bootstrap member cannot be removed",
                        joined
                            + if self.bootstrap_index().is_some() && !env.agent {
                                1
                            } else {
                                0
                            }
                    ))
                }
            }
            Gate::OperatorsAvailable => {
                let missing: Vec<&str> = self
                    .operators
                    .iter()
                    .filter(|o| !o.available)
                    .map(|o| o.name.as_str())
                    .collect();
                if missing.is_empty() {
                    None
                } else if self.stage_elapsed() > 10 * MIN {
                    Some(format!("not yet available: {}", missing.join(", ")))
                } else {
                    Some(format!("{} operators not yet available", missing.len()))
                }
            }
        }
    }

    /// Runs the entry actions of a stage: journal lines and state changes.
    fn enter(&mut self, stage: Stage) {
        let host_b = self.bootstrap_index();
        match stage {
            Stage::TemporaryControlPlane => {
                if let Some(b) = host_b {
                    self.bootkube(b, &[
                        "Starting etcd certificate signer...",
                        "Waiting for etcd cluster...",
                        "https://localhost:2379 is healthy: successfully committed proposal: took = 9.612357ms",
                        "etcd cluster up. Killing etcd certificate signer...",
                        "Starting cluster-bootstrap...",
                        "Starting temporary bootstrap control plane...",
                        "Waiting up to 20m0s for the Kubernetes API",
                    ]);
                }
            }
            Stage::MastersFetchIgnition => {
                self.api_up_at.get_or_insert(self.now);
                if let Some(b) = host_b {
                    self.bootkube(b, &[
                        "API is up",
                        "Created \"0000_00_cluster-version-operator_00_namespace.yaml\" namespaces.v1./openshift-cluster-version -n ",
                        "Created \"0000_00_cluster-version-operator_01_clusterversion.crd.yaml\" customresourcedefinitions.v1.apiextensions.k8s.io/clusterversions.config.openshift.io -n ",
                    ]);
                }
            }
            Stage::ProductionControlPlane => {
                // Only the control plane machines that booted register; one still off registers when it boots.
                for i in self.index(Role::Master) {
                    if self.machines[i].ignited_at.is_none() {
                        continue;
                    }
                    let fqdn = self.machines[i].fqdn.clone();
                    let t = klog_time(self.now);
                    self.log(i, "kubelet.service", "kubenswrapper[1903]", format!("I{t}    1903 kubelet_node_status.go:70] \"Attempting to register node\" node=\"{fqdn}\""));
                    self.log(i, "kubelet.service", "kubenswrapper[1903]", format!("I{t}    1903 kubelet_node_status.go:73] \"Successfully registered node\" node=\"{fqdn}\""));
                    self.machines[i].state = MachineState::NotReady;
                    self.machines[i].detail =
                        "kubelet registered; control plane static pods starting".into();
                }
                if let Some(b) = host_b {
                    self.bootkube(b, &[
                        "Pod Status:openshift-kube-apiserver/kube-apiserver        DoesNotExist",
                        "Pod Status:openshift-kube-scheduler/openshift-kube-scheduler        DoesNotExist",
                        "Pod Status:openshift-kube-controller-manager/kube-controller-manager        DoesNotExist",
                        "Pod Status:openshift-cluster-version/cluster-version-operator        Pending",
                    ]);
                }
                self.auto_approve_masters();
            }
            Stage::EtcdScaling => {
                if let Some(b) = host_b {
                    self.bootkube(b, &[
                        "Pod Status:openshift-cluster-version/cluster-version-operator        Ready",
                        "Waiting for CEO to finish...",
                    ]);
                }
            }
            Stage::ControlHandover => {
                if let Some(b) = host_b {
                    let t = klog_time(self.now);
                    self.bootkube(b, &[
                        &format!("I{t}       1 waitforceo.go:64] Cluster etcd operator bootstrapped successfully"),
                        "Pod Status:openshift-kube-apiserver/kube-apiserver        Ready",
                        "Pod Status:openshift-kube-scheduler/openshift-kube-scheduler        Ready",
                        "Pod Status:openshift-kube-controller-manager/kube-controller-manager        Ready",
                        "All self-hosted control plane components successfully started",
                        "Sending bootstrap-success event.Waiting for remaining assets to be created.",
                        "Tearing down temporary bootstrap control plane...",
                    ]);
                }
                for i in self.index(Role::Master) {
                    if self.machines[i].ignited_at.is_none() {
                        continue;
                    }
                    self.machines[i].state = MachineState::Ready;
                    self.machines[i].ready_at.get_or_insert(self.now);
                    self.machines[i].detail =
                        "production control plane running (etcd, kube-apiserver, controllers)"
                            .into();
                }
                let now = self.now;
                for o in self.operators.iter_mut().take(4) {
                    o.available = true;
                    o.progressing = false;
                    o.version = OCP_VERSION.into();
                    o.since = now;
                }
            }
            Stage::InjectComponents => {
                if let Some(b) = host_b {
                    self.bootkube(b, &[
                        "Created \"99_openshift-machineconfig_99-master-ssh.yaml\" machineconfigs.v1.machineconfiguration.openshift.io/99-master-ssh -n ",
                        "Created \"99_openshift-machineconfig_99-worker-ssh.yaml\" machineconfigs.v1.machineconfiguration.openshift.io/99-worker-ssh -n ",
                        "Created \"99_kubeadmin-password-secret.yaml\" secrets.v1./kubeadmin -n kube-system",
                        "Created \"cluster-infrastructure-02-config.yml\" infrastructures.v1.config.openshift.io/cluster -n ",
                    ]);
                }
            }
            Stage::BootstrapComplete => {
                self.bootstrap_complete_at.get_or_insert(self.now);
                if let Some(b) = host_b {
                    self.bootkube(b, &["bootkube.service complete"]);
                    self.log(
                        b,
                        "bootkube.service",
                        "systemd[1]",
                        "bootkube.service: Succeeded.",
                    );
                    self.machines[b].detail = "bootkube.service complete; safe to remove".into();
                }
            }
            Stage::ComputeNodes => {
                if let Some(b) = host_b {
                    if self.agent {
                        self.log(
                            b,
                            "systemd",
                            "systemd[1]",
                            "Rebooting into the installed control plane node.",
                        );
                        self.machines[b].state = MachineState::Ready;
                        self.machines[b].ready_at = Some(self.now);
                        self.machines[b].detail =
                            "rendezvous host rebooted and joined as a control plane node".into();
                    } else {
                        self.log(b, "systemd", "systemd[1]", "Reached target Power-Off.");
                        self.machines[b].state = MachineState::ShutDown;
                        self.machines[b].detail =
                            "shut down by the installer; remove it from the load balancer".into();
                    }
                }
            }
            Stage::ClusterOperators => {}
            Stage::InstallComplete => {
                self.complete_at.get_or_insert(self.now);
            }
            Stage::BootstrapBoot => {}
        }
    }

    fn bootkube(&mut self, b: usize, lines: &[&str]) {
        for l in lines {
            self.log(b, "bootkube.service", "bootkube.sh[2816]", *l);
        }
    }

    fn new_csr_name(&mut self) -> String {
        self.csr_counter += 1;
        let mut rng = Rng::new(&format!("{}-csr-{}", self.rng_seed, self.csr_counter));
        format!("csr-{}", rng.chars("bcdfghjklmnpqrstvwxz2456789", 5))
    }

    fn auto_approve_masters(&mut self) {
        for i in self.index(Role::Master) {
            if self.machines[i].ignited_at.is_none() {
                continue;
            }
            let fqdn = self.machines[i].fqdn.clone();
            for serving in [false, true] {
                let name = self.new_csr_name();
                self.csrs.push(Csr {
                    name,
                    created_at: self.now,
                    signer_name: if serving {
                        "kubernetes.io/kubelet-serving"
                    } else {
                        "kubernetes.io/kube-apiserver-client-kubelet"
                    }
                    .into(),
                    requestor: if serving {
                        format!("system:node:{fqdn}")
                    } else {
                        "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper"
                            .into()
                    },
                    machine: self.machines[i].name.clone(),
                    serving,
                    approved_at: Some(self.now),
                });
            }
        }
    }

    /// Approves a pending CSR; a client CSR leads to the node's serving CSR, a serving CSR to a Ready node.
    pub fn approve(&mut self, name: &str) -> Result<bool, String> {
        let now = self.now;
        let Some(csr) = self.csrs.iter_mut().find(|c| c.name == name) else {
            return Err(format!(
                "Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \"{name}\" not found"
            ));
        };
        if csr.approved_at.is_some() {
            return Ok(false);
        }
        csr.approved_at = Some(now);
        Ok(true)
    }

    fn machines_tick(&mut self, env: &Env) {
        for i in 0..self.machines.len() {
            match self.machines[i].role {
                Role::Helper | Role::LoadBalancer => continue,
                Role::Bootstrap => self.bootstrap_tick(i, env),
                Role::Master => self.node_tick(i, env, "master"),
                Role::Worker => self.node_tick(i, env, "worker"),
            }
        }
        self.csr_tick(env);
    }

    /// PXE and install of a machine; returns true once the OS is installed and the machine rebooted.
    fn pxe_tick(&mut self, i: usize, env: &Env, ign_name: &str) -> bool {
        let m = &self.machines[i];
        match m.state {
            MachineState::PxeBooting | MachineState::PxeFailed | MachineState::Installing => {}
            MachineState::Off => return false,
            _ => return true,
        }
        let since = self.powered_for(i);
        if !env.net.helper {
            if since >= 30_000 && m.state == MachineState::PxeBooting {
                if self.machines[i].ip.is_empty() {
                    let ip = self.platform_ip(i, env);
                    self.machines[i].ip = ip;
                }
                self.machines[i].state = MachineState::FetchingIgnition;
                self.machines[i].detail = "booted RHCOS; running Ignition".into();
                return true;
            }
            return false;
        }
        // Firmware retries PXE every 60 seconds, starting 20 seconds after power-on.
        if since < 20_000 || (since - 20_000) % 60_000 != 0 && m.state == MachineState::PxeFailed {
            return false;
        }
        if m.state == MachineState::Installing {
            if self.now >= self.machines[i].ignited_at.unwrap_or(i64::MAX) {
                self.machines[i].ignited_at = None;
                self.machines[i].state = MachineState::FetchingIgnition;
                self.machines[i].detail = "installed RHCOS; rebooted into Ignition".into();
                self.log(
                    i,
                    "coreos-installer",
                    "coreos-installer[1207]",
                    "Install complete.",
                );
                return true;
            }
            return false;
        }
        let mac = m.mac.clone();
        let Some((_, ip)) = env.net.leases.get(&mac).cloned() else {
            if m.state != MachineState::PxeFailed || (since - 20_000) % 60_000 == 0 {
                self.machines[i].state = MachineState::PxeFailed;
                self.machines[i].detail = format!("no DHCP offer for {mac}: PXE-E51");
                self.log(
                    i,
                    "console",
                    "PXE",
                    format!(
                        "CLIENT MAC ADDR: {} GUID: 00000000-0000-0000-0000-000000000000",
                        mac.to_ascii_uppercase()
                    ),
                );
                self.log(
                    i,
                    "console",
                    "PXE",
                    "PXE-E51: No DHCP or proxyDHCP offers were received.",
                );
                self.log(i, "console", "PXE", "PXE-M0F: Exiting Intel PXE ROM.");
                self.log(i, "console", "PXE", "No bootable device.");
            }
            return false;
        };
        let Some(url) = env.net.pxe.get(&mac).cloned() else {
            self.machines[i].state = MachineState::PxeFailed;
            self.machines[i].detail = format!(
                "got {ip} but no pxelinux.cfg/01-{} on TFTP",
                mac.replace(':', "-")
            );
            self.log(
                i,
                "console",
                "PXE",
                format!(
                    "CLIENT IP: {ip}  MASK: 255.255.255.0  DHCP IP: {}",
                    env.net.helper_ip
                ),
            );
            self.log(i, "console", "PXE", "Unable to locate configuration file");
            self.log(
                i,
                "console",
                "PXE",
                "Boot failed: press a key to retry, or wait for reset...",
            );
            return false;
        };
        self.machines[i].ip = ip.clone();
        let served = fetch_http(&env.net, &url);
        match served {
            Err(e) => {
                self.machines[i].state = MachineState::PxeFailed;
                self.machines[i].detail = format!("coreos-installer cannot fetch {url}: {e}");
                self.log(
                    i,
                    "coreos-installer",
                    "coreos-installer[1207]",
                    format!("Error: fetching '{url}'"),
                );
                self.log(
                    i,
                    "coreos-installer",
                    "coreos-installer[1207]",
                    format!("Caused by: {e}"),
                );
                false
            }
            Ok(text) => {
                if !url.ends_with(ign_name) {
                    self.log(
                        i,
                        "coreos-installer",
                        "coreos-installer[1207]",
                        format!("Warning: {url} is not {ign_name}"),
                    );
                }
                // The view keeps, for each served ignition file, only the root CA it embeds.
                if !text.is_empty() {
                    let expiry = env.issued.iter().find(|(c, _)| *c == text).map(|(_, t)| *t);
                    self.machines[i].cert_not_after = expiry;
                }
                self.machines[i].state = MachineState::Installing;
                self.machines[i].detail =
                    format!("got {ip} from DHCP; installing RHCOS to /dev/{}", "vda");
                self.log(
                    i,
                    "coreos-installer",
                    "coreos-installer[1207]",
                    format!(
                        "Downloading image from http://{}:8080/install/rootfs.img",
                        env.net.helper_ip
                    ),
                );
                self.log(
                    i,
                    "coreos-installer",
                    "coreos-installer[1207]",
                    format!("Writing Ignition config from {url}"),
                );
                // Reuse ignited_at as the install-finished time while installing.
                self.machines[i].ignited_at = Some(self.now + 90_000);
                false
            }
        }
    }

    fn platform_ip(&self, i: usize, _env: &Env) -> String {
        let n = i as u32;
        format!("10.0.{}.{}", 16 * (n % 3), 10 + n)
    }

    fn bootstrap_tick(&mut self, i: usize, env: &Env) {
        if self.stage == Stage::EtcdScaling
            && self.machines[i].state == MachineState::Running
            && self.stage_elapsed() > 0
            && self.stage_elapsed() % 60_000 == 0
            && self.gate_block(Gate::EtcdQuorum, env).is_some()
        {
            let t = klog_time(self.now);
            self.log(i, "bootkube.service", "bootkube.sh[2816]", format!("I{t}       1 waitforceo.go:67] waiting on condition EtcdRunningInCluster in etcd CR /cluster to be True."));
        }
        if !matches!(
            self.machines[i].state,
            MachineState::PxeBooting
                | MachineState::PxeFailed
                | MachineState::Installing
                | MachineState::FetchingIgnition
        ) {
            if self.stage == Stage::TemporaryControlPlane
                && let Some(t) = self.machines[i].cert_not_after
                && t <= self.now
                && self.stage_elapsed() % 30_000 == 0
            {
                {
                    let stamp = klog_time(self.now);
                    let msg = format!(
                        "E{stamp}    2213 bootstrap.go:266] part of the existing bootstrap client certificate in /var/lib/kubelet/kubeconfig is expired: {}",
                        super::util::rfc3339(t)
                    );
                    self.log(i, "kubelet.service", "kubelet[2213]", msg);
                    self.log(i, "bootkube.service", "bootkube.sh[2816]", format!(
                        "Error: unable to connect to etcd: x509: certificate has expired or is not yet valid: current time {} is after {}",
                        super::util::rfc3339(self.now),
                        super::util::rfc3339(t)
                    ));
                }
            }
            return;
        }
        if !self.pxe_tick(i, env, "bootstrap.ign") {
            return;
        }
        // Ignition of the full bootstrap config, then the bootstrap services.
        self.machines[i].state = MachineState::Running;
        self.machines[i].ignited_at = Some(self.now);
        self.machines[i].detail =
            "hosting the machine-config-server (22623) and the temporary control plane".into();
        self.log(
            i,
            "release-image.service",
            "systemd[1]",
            "Starting Download the OpenShift Release Image...",
        );
        self.log(
            i,
            "release-image.service",
            "release-image-download.sh[1681]",
            format!("Pulling {RELEASE_IMAGE}..."),
        );
        self.log(
            i,
            "release-image.service",
            "release-image-download.sh[1681]",
            "7d4b1b1e3c07d7c2b0bb40e9de8f0b8bb4e33fd4bd8b0b6d3f52c0e0c9f5ab3c",
        );
        self.log(
            i,
            "release-image.service",
            "systemd[1]",
            "Finished Download the OpenShift Release Image.",
        );
        self.log(
            i,
            "bootkube.service",
            "systemd[1]",
            "Started Bootstrap a Kubernetes cluster.",
        );
        self.bootkube(
            i,
            &[
                "Rendering Cluster Version Operator Manifests...",
                "Rendering CEO Manifests...",
                "Rendering Kubernetes API server core manifests...",
                "Rendering Kubernetes Controller Manager core manifests...",
                "Rendering Kubernetes Scheduler core manifests...",
                "Rendering MCO manifests...",
                "Rendering CCO manifests...",
            ],
        );
        let _ = env;
    }

    fn node_tick(&mut self, i: usize, env: &Env, role: &str) {
        let ign = format!("{role}.ign");
        if self.machines[i].role == Role::Worker && self.stage < Stage::ProductionControlPlane {
            if self.machines[i].state == MachineState::PxeBooting && self.powered_for(i) == 20_000 {
                self.machines[i].detail = "waiting for the control plane before PXE booting".into();
            }
            return;
        }
        if !self.pxe_tick(i, env, &ign) {
            return;
        }
        if self.machines[i].state != MachineState::FetchingIgnition
            && self.machines[i].state != MachineState::IgnitionFailed
        {
            return;
        }
        // Ignition retries with a growing back-off, capped at 10 seconds.
        let m = &self.machines[i];
        let due = m.attempts < 4 || self.now % 10_000 == 0;
        if !due {
            return;
        }
        self.machines[i].attempts += 1;
        let attempt = self.machines[i].attempts;
        let url = format!("https://api-int.{}:22623/config/{role}", env.cluster_domain);
        self.log(
            i,
            "ignition-fetch.service",
            "ignition[712]",
            format!("GET {url}: attempt #{attempt}"),
        );
        match self.fetch_mcs(env, i) {
            Ok(()) => {
                self.log(
                    i,
                    "ignition-fetch.service",
                    "ignition[712]",
                    "GET result: OK",
                );
                self.machines[i].ignited_at = Some(self.now);
                self.machines[i].state = MachineState::NotReady;
                self.machines[i].detail =
                    "booted from its rendered config; kubelet starting".into();
                let t = klog_time(self.now);
                self.log(
                    i,
                    "kubelet.service",
                    "systemd[1]",
                    "Started Kubernetes Kubelet.",
                );
                if self.machines[i].role == Role::Worker {
                    let fqdn = self.machines[i].fqdn.clone();
                    self.log(i, "kubelet.service", "kubenswrapper[1903]", format!("I{t}    1903 certificate_manager.go:356] kubernetes.io/kube-apiserver-client-kubelet: Rotating certificates"));
                    let name = self.new_csr_name();
                    self.csrs.push(Csr {
                        name,
                        created_at: self.now,
                        signer_name: "kubernetes.io/kube-apiserver-client-kubelet".into(),
                        requestor: "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper".into(),
                        machine: self.machines[i].name.clone(),
                        serving: false,
                        approved_at: None,
                    });
                    self.machines[i].detail =
                        format!("{fqdn} waits for its client CSR to be approved");
                }
            }
            Err(e) => {
                self.machines[i].state = MachineState::IgnitionFailed;
                self.machines[i].detail = format!("cannot fetch {url}: {e}");
                self.log(
                    i,
                    "ignition-fetch.service",
                    "ignition[712]",
                    format!("GET error: Get \"{url}\": {e}"),
                );
            }
        }
    }

    /// Fetches `/config/<role>` from the machine-config-server behind api-int:22623, as machine `i`.
    fn fetch_mcs(&self, env: &Env, i: usize) -> Result<(), String> {
        let host = format!("api-int.{}", env.cluster_domain);
        let m = &self.machines[i];
        if env.net.helper {
            let Some(ips) = env.net.resolve(&host) else {
                return Err(format!(
                    "dial tcp: lookup {host} on {}:53: no such host",
                    env.net.helper_ip
                ));
            };
            let ip = ips.first().cloned().unwrap_or_default();
            let Some(backends) = env.net.listeners(&ip, 22623) else {
                return Err(format!("dial tcp {ip}:22623: connect: connection refused"));
            };
            let serving: Vec<&str> = self
                .machines
                .iter()
                .filter(|o| self.serves_mcs(o))
                .map(|o| o.ip.as_str())
                .collect();
            if !backends
                .iter()
                .any(|b| b.port == 22623 && serving.contains(&b.ip.as_str()))
            {
                return Err("EOF".into());
            }
        } else if !self.machines.iter().any(|o| self.serves_mcs(o)) {
            return Err("EOF".into());
        }
        let expiry = self
            .bootstrap_index()
            .and_then(|b| self.machines[b].cert_not_after);
        if self.stage <= Stage::BootstrapComplete
            && let Some(t) = expiry
            && t <= self.now
        {
            return Err(format!(
                "x509: certificate has expired or is not yet valid: current time {} is after {}",
                super::util::rfc3339(self.now),
                super::util::rfc3339(t)
            ));
        }
        let _ = m;
        Ok(())
    }

    fn serves_mcs(&self, o: &Machine) -> bool {
        match o.role {
            Role::Bootstrap => {
                o.state == MachineState::Running
                    && self.stage >= Stage::TemporaryControlPlane
                    && self.stage < Stage::ComputeNodes
            }
            Role::Master => o.state == MachineState::Ready,
            _ => false,
        }
    }

    fn csr_tick(&mut self, env: &Env) {
        let now = self.now;
        if env.auto_approve {
            for c in self.csrs.iter_mut() {
                if c.approved_at.is_none() && now >= c.created_at + 10_000 {
                    c.approved_at = Some(now);
                }
            }
        }
        let mut new_serving = Vec::new();
        for c in &self.csrs {
            if let Some(at) = c.approved_at
                && !c.serving
                && now == at + 15_000
                && !self
                    .csrs
                    .iter()
                    .any(|o| o.serving && o.machine == c.machine)
            {
                new_serving.push(c.machine.clone());
            }
        }
        for machine in new_serving {
            let Some(i) = self.machines.iter().position(|m| m.name == machine) else {
                continue;
            };
            let fqdn = self.machines[i].fqdn.clone();
            let name = self.new_csr_name();
            self.csrs.push(Csr {
                name,
                created_at: now,
                signer_name: "kubernetes.io/kubelet-serving".into(),
                requestor: format!("system:node:{fqdn}"),
                machine: machine.clone(),
                serving: true,
                approved_at: None,
            });
            let t = klog_time(now);
            self.log(i, "kubelet.service", "kubenswrapper[1903]", format!("I{t}    1903 kubelet_node_status.go:73] \"Successfully registered node\" node=\"{fqdn}\""));
            self.machines[i].detail = format!("{fqdn} registered; its serving CSR is pending");
        }
        for i in self.index(Role::Worker) {
            let name = self.machines[i].name.clone();
            let served = self
                .csrs
                .iter()
                .find(|c| c.serving && c.machine == name)
                .and_then(|c| c.approved_at);
            if let Some(at) = served
                && self.machines[i].ready_at.is_none()
                && now >= at + 20_000
            {
                self.machines[i].ready_at = Some(now);
                self.machines[i].state = MachineState::Ready;
                self.machines[i].detail = "worker node running the router and workloads".into();
                let t = klog_time(now);
                let fqdn = self.machines[i].fqdn.clone();
                self.log(i, "kubelet.service", "kubenswrapper[1903]", format!("I{t}    1903 kubelet_node_status.go:724] \"Recording event message for node\" node=\"{fqdn}\" event=\"NodeReady\""));
            }
        }
    }

    /// Why routes under `*.apps` cannot be reached through the load balancer, as a Go error, when that is so.
    fn ingress_error(&self, env: &Env, host: &str, url: &str) -> Option<String> {
        if !env.net.helper {
            return None;
        }
        let Some(ips) = env.net.resolve(host) else {
            return Some(format!(
                "Get \"{url}\": dial tcp: lookup {host} on 172.30.0.10:53: no such host"
            ));
        };
        let ip = ips.first().cloned().unwrap_or_default();
        let Some(backends) = env.net.listeners(&ip, 443) else {
            return Some(format!(
                "Get \"{url}\": dial tcp {ip}:443: connect: connection refused"
            ));
        };
        let routers: Vec<&str> = self
            .machines
            .iter()
            .filter(|m| {
                m.state == MachineState::Ready
                    && (m.role == Role::Worker || self.index(Role::Worker).is_empty())
            })
            .map(|m| m.ip.as_str())
            .collect();
        if backends.iter().any(|b| routers.contains(&b.ip.as_str())) {
            None
        } else {
            Some(format!("Get \"{url}\": EOF"))
        }
    }

    fn operators_tick(&mut self, env: &Env) {
        if self.stage != Stage::ClusterOperators {
            return;
        }
        let cd = self.cluster_domain.clone();
        let oauth_host = format!("oauth-openshift.apps.{cd}");
        let console_host = format!("console-openshift-console.apps.{cd}");
        let oauth_err =
            self.ingress_error(env, &oauth_host, &format!("https://{oauth_host}/healthz"));
        let console_err =
            self.ingress_error(env, &console_host, &format!("https://{console_host}"));
        let start = self.timeline.last().map(|t| t.start).unwrap_or(self.now);
        let workers = self.index(Role::Worker);
        let first_ready = if workers.is_empty() {
            Some(start)
        } else {
            workers
                .iter()
                .filter_map(|i| self.machines[*i].ready_at)
                .min()
        };
        let now = self.now;
        let mut k = 0;
        for (idx, (name, needs_workers)) in CLUSTER_OPERATORS.iter().enumerate() {
            let o = &mut self.operators[idx];
            if o.available {
                continue;
            }
            let route_err = match *name {
                "authentication" => oauth_err.clone(),
                "console" => console_err.clone(),
                _ => None,
            };
            let due = if *needs_workers {
                k += 1;
                let due = first_ready.map(|r| r.max(start) + 60_000 + k * 45_000);
                if let (Some(t), Some(err)) = (due, &route_err) {
                    // The router runs, but the route health check through the load balancer fails.
                    if now >= t {
                        o.route_failed_at = now;
                    }
                    if now >= t && !o.degraded {
                        o.degraded = true;
                        o.since = now;
                        o.message = if *name == "console" {
                            format!(
                                "RouteHealthAvailable: failed to GET route (https://{console_host}): {err}"
                            )
                        } else {
                            format!("OAuthServerRouteEndpointAccessibleControllerAvailable: {err}")
                        };
                    }
                    continue;
                }
                // After a failed route check the operator needs a minute of passing checks.
                due.map(|t| {
                    if o.route_failed_at > 0 {
                        t.max(o.route_failed_at + 60_000)
                    } else {
                        t
                    }
                })
            } else {
                Some(start + (idx as i64 + 1) * 20_000)
            };
            match due {
                Some(t) if now >= t => {
                    o.available = true;
                    o.progressing = false;
                    o.degraded = false;
                    o.version = OCP_VERSION.into();
                    o.since = now;
                    o.message.clear();
                }
                None if now - start >= 5 * MIN && !o.degraded => {
                    o.degraded = true;
                    o.since = now;
                    o.message = match *name {
                        "ingress" => "The \"default\" ingress controller reports Available=False: IngressControllerUnavailable: One or more status conditions indicate unavailable: DeploymentAvailable=False (DeploymentUnavailable: The deployment has Available status condition set to False (reason: MinimumReplicasUnavailable) with message: Deployment does not have minimum availability.)".into(),
                        "authentication" => format!("OAuthServerRouteEndpointAccessibleControllerAvailable: Get \"https://oauth-openshift.apps.{cd}/healthz\": EOF"),
                        "console" => format!("RouteHealthAvailable: failed to GET route (https://console-openshift-console.apps.{cd}): Get \"https://console-openshift-console.apps.{cd}\": EOF"),
                        _ => "Rollout of the monitoring stack failed and is degraded. Please investigate the degraded status error.".into(),
                    };
                }
                _ => {}
            }
        }
    }

    /// The pending and issued CSRs as `oc get csr` lists them.
    pub fn csr_views(&self) -> Vec<CsrView> {
        self.csrs
            .iter()
            .map(|c| CsrView {
                name: c.name.clone(),
                created_at: c.created_at,
                signer_name: c.signer_name.clone(),
                requestor: c.requestor.clone(),
                requested_duration: "<none>".into(),
                condition: if c.approved_at.is_some() {
                    "Approved,Issued"
                } else {
                    "Pending"
                }
                .into(),
            })
            .collect()
    }

    /// A machine's journal formatted as journalctl prints it, filtered by units when given.
    pub fn journal_text(&self, machine: &str, units: &[String]) -> Option<String> {
        let m = self
            .machines
            .iter()
            .find(|m| m.name == machine || m.fqdn == machine)?;
        let mut out = String::new();
        for l in &m.journal {
            if !units.is_empty() && !units.iter().any(|u| unit_matches(u, &l.unit)) {
                continue;
            }
            out.push_str(&format!(
                "{} {} {}: {}\n",
                journal_time(l.at),
                m.fqdn,
                l.ident,
                l.msg
            ));
        }
        Some(out)
    }
}

fn unit_matches(pattern: &str, unit: &str) -> bool {
    let p = pattern.trim_end_matches(".service");
    let u = unit.trim_end_matches(".service");
    p == u
}

/// Fetches a URL from the helper's httpd: returns the body or curl's description of the failure.
pub fn fetch_http(net: &NetView, url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("unsupported URL {url}"))?;
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().unwrap_or(0)),
        None => (hostport, 80),
    };
    let ip = if super::helper::is_ipv4(host) {
        host.to_owned()
    } else {
        net.resolve(host)
            .and_then(|v| v.first().cloned())
            .ok_or_else(|| format!("error sending request for url ({url}): dns error: failed to lookup address information: Name or service not known"))?
    };
    if ip != net.helper_ip || port != 8080 {
        return Err(format!(
            "error sending request for url ({url}): error trying to connect: tcp connect error: Connection refused (os error 111)"
        ));
    }
    net.http
        .get(path)
        .cloned()
        .ok_or_else(|| format!("HTTP status client error (404 Not Found) for url ({url})"))
}

/// The root CA PEM an ignition config carries (pointer configs) or the one it writes to /opt/openshift/tls/root-ca.crt (bootstrap).
pub fn embedded_ca(ignition: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(ignition).ok()?;
    let from_pointer = v
        .pointer("/ignition/security/tls/certificateAuthorities/0/source")
        .and_then(|s| s.as_str());
    let src = match from_pointer {
        Some(s) => s.to_owned(),
        None => v
            .pointer("/storage/files")?
            .as_array()?
            .iter()
            .find(|f| f["path"] == "/opt/openshift/tls/root-ca.crt")?
            .pointer("/contents/source")?
            .as_str()?
            .to_owned(),
    };
    let b64 = src.split("base64,").nth(1)?;
    crate::b64::decode_text(b64)
}
