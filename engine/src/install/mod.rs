//! The OpenShift install simulator and the `openshift-install` command line.
//!
//! [`Installer`] holds everything across commands: the helper node of a bare-metal UPI install, the ignition sets it
//! issued, the running [`sim::Simulation`] of the bootstrap sequence with its history, and the AWS plan of an IPI install.
//! Generated assets live in the virtual filesystem, as the real installer keeps them in its `--dir`.
//!
//! Wiring: the shell hands `openshift-install …` to [`Installer::run`] and tries [`Installer::run_diagnostic`] for
//! `dig`, `nslookup`, `curl`, `journalctl` and `ssh <host> journalctl`. Like the real tool, `openshift-install` logs to
//! standard error. `wait-for` commands move the installer's own clock; afterwards the session clock should follow
//! [`Installer::now`]. The UI calls [`Installer::advance_with`] (or [`Installer::sync`] then [`Installer::advance`]) so
//! that edits of the helper's zone files, dhcpd.conf, pxelinux.cfg and haproxy.cfg take effect.

pub mod assets;
pub mod aws;
pub mod config;
mod diag;
pub mod helper;
pub mod machines;
mod playbook;
pub mod result;
pub mod sim;
pub(crate) mod util;

#[cfg(test)]
mod tests;

use crate::sort::SortShared;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::exec::{Ctx, Output};
use crate::vfs::Vfs;

pub use assets::Issued;
pub use aws::AwsInfraPlan;
pub use config::{FieldError, InstallConfig};
pub use helper::{HelperNode, NetView};
pub use sim::{
    CsrView, Hardware, MachineState, OperatorView, Role, STAGES, Simulation, Stage, StageSpec,
    TimelineEntry,
};

use sim::{KUBE_VERSION, OCP_VERSION, RELEASE_IMAGE};
use util::{go_duration, kitchen, rfc3339};

/// How the cluster is installed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstallMethod {
    /// User-provisioned infrastructure on bare metal with a helper node.
    #[default]
    Upi,
    /// Installer-provisioned infrastructure (AWS).
    Ipi,
    /// Agent-based: an agent ISO, a rendezvous host and no separate bootstrap machine.
    Agent,
}

/// The answers of the Install tab's wizard, which writes install-config.yaml from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardAnswers {
    /// The install directory (relative to the current directory or absolute).
    pub dir: String,
    /// `aws`, `baremetal` or `none`.
    pub platform: String,
    /// The cluster name (`metadata.name`).
    pub cluster_name: String,
    /// The base domain.
    pub base_domain: String,
    /// The pull secret JSON.
    pub pull_secret: String,
    /// The SSH public key line (may be empty).
    pub ssh_key: String,
    /// The AWS region, for `aws`.
    pub aws_region: String,
    /// Control plane replicas.
    pub master_replicas: i64,
    /// Compute replicas.
    pub worker_replicas: i64,
    /// `OVNKubernetes` or `OpenShiftSDN`.
    pub network_type: String,
    /// The machine network.
    pub machine_network: String,
    /// The cluster (pod) network.
    pub cluster_network: String,
    /// The per-node prefix of the cluster network.
    pub host_prefix: i64,
    /// The service network.
    pub service_network: String,
    /// The API VIP, for `baremetal`.
    pub api_vip: String,
    /// The ingress VIP, for `baremetal`.
    pub ingress_vip: String,
}

impl Default for WizardAnswers {
    fn default() -> Self {
        WizardAnswers {
            dir: "ocp4".into(),
            platform: "none".into(),
            cluster_name: "ocp4".into(),
            base_domain: "example.com".into(),
            pull_secret: r#"{"auths":{"cloud.openshift.com":{"auth":"b3BlbnNoaWZ0LXJlbGVhc2UtZGV2K29jbV9hY2Nlc3M6WFhYWA==","email":"student@example.com"}}}"#.into(),
            ssh_key: String::new(),
            aws_region: "us-east-1".into(),
            master_replicas: 3,
            worker_replicas: 0,
            network_type: "OVNKubernetes".into(),
            machine_network: "192.168.7.0/24".into(),
            cluster_network: "10.128.0.0/14".into(),
            host_prefix: 23,
            service_network: "172.30.0.0/16".into(),
            api_vip: String::new(),
            ingress_vip: String::new(),
        }
    }
}

/// A machine as the Install tab draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MachineView {
    /// Short name.
    pub name: String,
    /// `bootstrap`, `master`, `worker`, `helper` or `lb`.
    pub role: String,
    /// Address (empty before DHCP).
    pub ip: String,
    /// MAC.
    pub mac: String,
    /// State.
    pub state: MachineState,
    /// What it is doing or why it is stuck.
    pub detail: String,
}

/// A node as `oc get nodes` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeView {
    /// NAME.
    pub name: String,
    /// STATUS: `Ready` or `NotReady`.
    pub status: String,
    /// ROLES.
    pub roles: String,
    /// When it registered, for AGE.
    pub created_at: i64,
    /// VERSION.
    pub version: String,
    /// INTERNAL-IP.
    pub ip: String,
}

/// A node of the installed cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeAddr {
    /// The node name.
    pub name: String,
    /// Its address.
    pub ip: String,
}

/// The finished cluster, for the lead to make it the active cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalledCluster {
    /// `metadata.name`.
    pub name: String,
    /// The base domain.
    pub base_domain: String,
    /// `https://api.<name>.<domain>:6443`.
    pub api_url: String,
    /// `https://console-openshift-console.apps.<name>.<domain>`.
    pub console_url: String,
    /// The kubeadmin password.
    pub kubeadmin_password: String,
    /// The OpenShift version.
    pub version: String,
    /// The Kubernetes version.
    pub kube_version: String,
    /// Where auth/kubeconfig was written.
    pub kubeconfig_path: String,
    /// Control plane nodes.
    pub masters: Vec<NodeAddr>,
    /// Compute nodes.
    pub workers: Vec<NodeAddr>,
    /// When the machines were powered on.
    pub started_at: i64,
    /// When the install completed.
    pub completed_at: i64,
    /// The infrastructure ID, `<name>-xxxxx`.
    pub infra_id: String,
    /// The cluster ID (a UUID).
    pub cluster_id: String,
    /// The platform name from install-config.yaml (`none`, `baremetal`, `aws`).
    pub platform: String,
}

/// A mistake the learner can make (or the UI can inject) by editing the helper's files or waiting too long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// The `api-int` A record is missing from the zone file: masters cannot fetch their ignition.
    MissingApiIntDns,
    /// A MAC in dhcpd.conf is mistyped: that machine never PXE boots.
    WrongDhcpMac {
        /// The machine whose host entry gets a wrong MAC.
        machine: String,
    },
    /// HAProxy does not listen on 22623: masters cannot reach the machine-config-server.
    HaproxyMissing22623,
    /// The ignition configs were generated more than 24 hours before the machines booted.
    ExpiredIgnition,
    /// Only two control plane machines exist: etcd cannot reach quorum.
    TooFewMasters,
}

/// The recorded result of the last `create ignition-configs` (or `agent create image`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    /// The defaulted install config.
    pub config: InstallConfig,
    /// The absolute install directory.
    pub dir: String,
    /// The secrets and certificates issued.
    pub issued: Issued,
}

/// The install simulator's state, serialisable with the session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Installer {
    /// The install method of the current install.
    pub method: InstallMethod,
    /// The bare-metal helper node, once set up.
    pub helper: Option<HelperNode>,
    /// The physical machines (their true MACs), from the helper description or the platform.
    pub hardware: Vec<Hardware>,
    /// The helper's services as last read from the filesystem.
    pub net: NetView,
    /// Every ignition set issued (for certificate expiry).
    pub issued: Vec<Issued>,
    /// The cluster of the last ignition set.
    pub cluster: Option<ClusterRecord>,
    /// The running install.
    pub sim: Option<Simulation>,
    /// Snapshots at the start of each stage, for stepping back (not saved with the session, to keep saves small).
    #[serde(skip)]
    pub history: Vec<Simulation>,
    /// The AWS infrastructure of an IPI install.
    pub aws_plan: Option<AwsInfraPlan>,
    /// The installer's virtual clock.
    pub clock: i64,
    /// Whether the finished install has become the session's cluster.
    #[serde(default)]
    pub adopted: bool,
    /// Whether `destroy cluster` destroyed the adopted cluster since the session last looked (see [`Installer::take_destroyed`]).
    #[serde(default)]
    pub destroyed: bool,
}

/// The cloud account an installer-provisioned install builds in (the session's AWS account). The installer calls it
/// at the virtual time each step happens; the session implements it, so the account keeps its own store.
pub trait Cloud {
    /// Creates the plan's network, load balancers, DNS zones and records and the bootstrap and control plane
    /// instances (`machines` gives each one's name, role and address) at `at`.
    fn provision(&mut self, plan: &AwsInfraPlan, machines: &[Hardware], at: i64);
    /// Destroys the bootstrap resources at `at`: its instance, its security group and its load balancer targets.
    fn destroy_bootstrap(&mut self, plan: &AwsInfraPlan, at: i64);
    /// Creates what the ingress operator makes at `at`: the router's load balancer and the `*.apps` records.
    fn ingress(&mut self, plan: &AwsInfraPlan, at: i64);
    /// Deletes every resource of cluster `infra_id` in `region` (public records under `cluster_domain` too),
    /// starting at `at`; returns the destroyer's log lines (message, fields) and the virtual time it took.
    fn destroy(
        &mut self,
        region: &str,
        infra_id: &str,
        cluster_domain: &str,
        at: i64,
    ) -> (Vec<(String, String)>, i64);
}

/// A cloud that records nothing, for callers without an account.
pub struct NoCloud;

impl Cloud for NoCloud {
    fn provision(&mut self, _: &AwsInfraPlan, _: &[Hardware], _: i64) {}
    fn destroy_bootstrap(&mut self, _: &AwsInfraPlan, _: i64) {}
    fn ingress(&mut self, _: &AwsInfraPlan, _: i64) {}
    fn destroy(&mut self, _: &str, _: &str, _: &str, _: i64) -> (Vec<(String, String)>, i64) {
        (Vec::new(), 4 * 60_000 + 3_000)
    }
}

/// One command-line flag of openshift-install (a single definition with its names and help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagSpec {
    /// The long name without dashes.
    pub long: &'static str,
    /// The one-letter name, if any.
    pub short: Option<char>,
    /// Whether the flag takes a value.
    pub takes_value: bool,
    /// The help text.
    pub help: &'static str,
}

/// The flags this simulator understands.
pub const FLAGS: [FlagSpec; 5] = [
    FlagSpec {
        long: "dir",
        short: None,
        takes_value: true,
        help: "assets directory (default \".\")",
    },
    FlagSpec {
        long: "log-level",
        short: None,
        takes_value: true,
        help: "log level (e.g. \"debug | info | warn | error\") (default \"info\")",
    },
    FlagSpec {
        long: "bootstrap",
        short: None,
        takes_value: true,
        help: "Hostname or IP of the bootstrap host",
    },
    FlagSpec {
        long: "master",
        short: None,
        takes_value: true,
        help: "Hostnames or IPs of all control plane hosts",
    },
    FlagSpec {
        long: "help",
        short: Some('h'),
        takes_value: false,
        help: "help for openshift-install",
    },
];

/// Parsed flags and positional words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Positional words (the subcommand path).
    pub words: Vec<String>,
    /// Flag values by long name (repeatable flags keep every value).
    pub flags: std::collections::BTreeMap<String, Vec<String>>,
}

/// Parses openshift-install's arguments (after argv[0]) against [`FLAGS`].
pub fn parse_flags(args: &[String]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (name, inline) = if let Some(rest) = a.strip_prefix("--") {
            match rest.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (rest.to_owned(), None),
            }
        } else if let Some(rest) = a.strip_prefix('-').filter(|r| !r.is_empty()) {
            let c = rest.chars().next().unwrap_or(' ');
            match FLAGS.iter().find(|f| f.short == Some(c)) {
                Some(f) => (f.long.to_owned(), None),
                None => return Err(format!("unknown shorthand flag: '{c}' in {a}")),
            }
        } else {
            p.words.push(a.clone());
            i += 1;
            continue;
        };
        let Some(spec) = FLAGS.iter().find(|f| f.long == name) else {
            return Err(format!("unknown flag: --{name}"));
        };
        let value = if spec.takes_value {
            match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| format!("flag needs an argument: --{name}"))?
                }
            }
        } else {
            "true".into()
        };
        p.flags.entry(spec.long.to_owned()).or_default().push(value);
        i += 1;
    }
    Ok(p)
}

/// The most one `advance` call moves the virtual clock: a day.
const MAX_ADVANCE_MS: u64 = 24 * 3_600_000;

/// How many stage-start snapshots are kept for stepping back.
const HISTORY_CAP: usize = 64;

/// The installer's exit code for install-config errors.
const EXIT_INSTALL_CONFIG: i32 = 3;
/// The installer's exit code for bootstrap failures.
const EXIT_BOOTSTRAP: i32 = 5;
/// The installer's exit code for install failures.
const EXIT_INSTALL: i32 = 6;

/// The commit the simulated binary was built from.
pub const BUILT_FROM: &str = "7a8d5f1e3a2c9b04c6f1d2e8b3a7c5d9e0f4a6b2";

/// Collects the installer's log lines for the terminal and for `.openshift_install.log`.
struct Log {
    level: u8,
    term: String,
    file: String,
    now: i64,
}

impl Log {
    fn new(level: &str, now: i64) -> Self {
        let level = match level {
            "debug" | "trace" => 0,
            "warn" | "warning" => 2,
            "error" => 3,
            _ => 1,
        };
        let mut log = Log {
            level,
            term: String::new(),
            file: String::new(),
            now,
        };
        log.debug(&format!("OpenShift Installer {OCP_VERSION}"));
        log.debug(&format!("Built from commit {BUILT_FROM}"));
        log
    }

    fn emit(&mut self, lvl: u8, tag: &str, file_tag: &str, msg: &str) {
        if lvl >= self.level {
            self.term.push_str(&format!("{tag} {msg}\n"));
        }
        let quoted = serde_json::to_string(msg).unwrap_or_default();
        self.file.push_str(&format!(
            "time=\"{}\" level={file_tag} msg={quoted}\n",
            rfc3339(self.now)
        ));
    }

    fn debug(&mut self, msg: &str) {
        self.emit(0, "DEBUG", "debug", msg);
    }
    fn info(&mut self, msg: &str) {
        self.emit(1, "INFO", "info", msg);
    }
    /// An info line with logrus fields: the message padded to 44 columns, then the fields.
    fn info_fields(&mut self, msg: &str, fields: &str) {
        if self.level <= 1 {
            // logrus pads the message to 44 columns, then writes each field after a space of its own.
            self.term.push_str(&format!("INFO {msg:<44}  {fields}\n"));
        }
        let quoted = serde_json::to_string(msg).unwrap_or_default();
        self.file.push_str(&format!(
            "time=\"{}\" level=info msg={quoted} {fields}\n",
            rfc3339(self.now)
        ));
    }
    fn warn(&mut self, msg: &str) {
        self.emit(2, "WARNING", "warning", msg);
    }
    fn error(&mut self, msg: &str) {
        self.emit(3, "ERROR", "error", msg);
    }
    fn fatal(&mut self, msg: &str) {
        self.term.push_str(&format!("level=fatal msg={msg}\n"));
        let quoted = serde_json::to_string(msg).unwrap_or_default();
        self.file.push_str(&format!(
            "time=\"{}\" level=fatal msg={quoted}\n",
            rfc3339(self.now)
        ));
    }
}

fn join_display(dir: &str, rest: &str) -> String {
    if dir == "." || dir.is_empty() {
        rest.to_owned()
    } else {
        format!("{}/{rest}", dir.trim_end_matches('/'))
    }
}

/// The explanation of a stage in Korean (`ko`) or English (anything else).
pub fn stage_explanation(stage: Stage, lang: &str) -> &'static str {
    let ko = lang == "ko";
    match stage {
        Stage::BootstrapBoot => {
            if ko {
                "1. 부트스트랩 머신이 부팅하고, 컨트롤 플레인 머신이 부팅에 필요로 하는 원격 리소스(Ignition 설정, machine-config-server 22623)를 호스팅하기 시작합니다."
            } else {
                "1. The bootstrap machine boots and starts hosting the remote resources the control plane machines need to boot (their Ignition configs, served by the machine-config-server on port 22623)."
            }
        }
        Stage::TemporaryControlPlane => {
            if ko {
                "2. 부트스트랩 머신이 단일 노드 etcd 클러스터와 임시 Kubernetes 컨트롤 플레인을 시작합니다 (bootkube.service)."
            } else {
                "2. The bootstrap machine starts a single-node etcd cluster and a temporary Kubernetes control plane (bootkube.service)."
            }
        }
        Stage::MastersFetchIgnition => {
            if ko {
                "3. 컨트롤 플레인 머신이 api-int:22623을 통해 부트스트랩 머신에서 원격 리소스를 가져오고 부팅을 완료합니다."
            } else {
                "3. The control plane machines fetch their remote resources from the bootstrap machine through api-int:22623 and finish booting."
            }
        }
        Stage::ProductionControlPlane => {
            if ko {
                "4. 임시 컨트롤 플레인이 프로덕션 컨트롤 플레인을 컨트롤 플레인 머신에 스케줄합니다."
            } else {
                "4. The temporary control plane schedules the production control plane to the control plane machines."
            }
        }
        Stage::EtcdScaling => {
            if ko {
                "5. CVO(Cluster Version Operator)가 온라인 상태가 되어 etcd Operator를 설치하고, etcd Operator가 모든 컨트롤 플레인 노드로 etcd를 확장합니다."
            } else {
                "5. The Cluster Version Operator (CVO) comes online and installs the etcd Operator, which scales etcd up on all control plane nodes."
            }
        }
        Stage::ControlHandover => {
            if ko {
                "6. 임시 컨트롤 플레인이 종료되고 프로덕션 컨트롤 플레인으로 제어가 넘어갑니다."
            } else {
                "6. The temporary control plane shuts down and passes control to the production control plane."
            }
        }
        Stage::InjectComponents => {
            if ko {
                "7. 부트스트랩 머신이 OpenShift Container Platform 구성 요소를 프로덕션 컨트롤 플레인에 주입합니다."
            } else {
                "7. The bootstrap machine injects OpenShift Container Platform components into the production control plane."
            }
        }
        Stage::BootstrapComplete => {
            if ko {
                "8. 설치 프로그램이 부트스트랩 머신을 종료합니다 (bootstrap-complete). 이제 로드 밸런서에서 부트스트랩을 제거해도 됩니다."
            } else {
                "8. The installation program shuts down the bootstrap machine (bootstrap-complete); it is now safe to remove it from the load balancer."
            }
        }
        Stage::ComputeNodes => {
            if ko {
                "9. 컨트롤 플레인이 컴퓨팅 노드를 설정합니다. UPI에서는 워커의 CSR(인증서 서명 요청)을 승인해야 노드가 Ready가 됩니다."
            } else {
                "9. The control plane sets up the compute nodes; in UPI, the workers' certificate signing requests must be approved before they become Ready."
            }
        }
        Stage::ClusterOperators => {
            if ko {
                "10. 컨트롤 플레인이 일련의 Operator 형태로 추가 서비스를 설치합니다. 모든 ClusterOperator가 Available이 되면 설치가 끝납니다."
            } else {
                "10. The control plane installs additional services in the form of a set of Operators; the install is done when every ClusterOperator is Available."
            }
        }
        Stage::InstallComplete => {
            if ko {
                "설치 완료: 클러스터가 실행 중이며 kubeadmin으로 콘솔에 로그인할 수 있습니다."
            } else {
                "Install complete: the cluster is running and the console accepts the kubeadmin login."
            }
        }
    }
}

impl Installer {
    /// A fresh installer with nothing generated.
    pub fn new() -> Self {
        Self::default()
    }

    /// The installer's virtual clock (it moves forward while `wait-for` commands wait).
    pub fn now(&self) -> i64 {
        self.clock
    }

    /// The stage table.
    pub fn stages() -> &'static [StageSpec] {
        &STAGES
    }

    /// Re-reads the helper's config files (zone files, dhcpd.conf, pxelinux.cfg, haproxy.cfg, served ignition) from `fs`.
    pub fn sync(&mut self, fs: &Vfs) {
        if let Some(h) = &self.helper {
            self.net = NetView::read(fs, &h.helper.ipaddr);
        }
    }

    fn env(&self) -> sim::Env {
        let (domain, replicas) = match &self.cluster {
            Some(c) => (c.config.cluster_domain(), c.config.master_replicas()),
            None => (
                self.helper
                    .as_ref()
                    .map(|h| h.cluster_domain())
                    .unwrap_or_default(),
                3,
            ),
        };
        sim::Env {
            net: self.net.clone(),
            cluster_domain: domain,
            master_replicas: replicas,
            agent: self.method == InstallMethod::Agent,
            auto_approve: self.method != InstallMethod::Upi,
            issued: self
                .issued
                .iter()
                .map(|i| (i.root_ca.clone(), i.not_after))
                .collect(),
        }
    }

    /// Sets up the helper node: records its machines and writes its service configs into `ctx.fs`.
    pub fn setup_helper(&mut self, helper: HelperNode, ctx: &mut Ctx) -> Output {
        let serial = util::compact(ctx.now)[..10].to_owned();
        match helper.write_configs(ctx.fs, &serial) {
            Err(e) => Output::err(format!("helper: {e}\n"), 1),
            Ok(written) => {
                self.method = InstallMethod::Upi;
                self.hardware = helper_hardware(&helper);
                self.helper = Some(helper);
                self.sync(ctx.fs);
                let mut out = String::new();
                for w in written {
                    out.push_str(&format!("wrote {w}\n"));
                }
                Output::ok(out)
            }
        }
    }

    /// Powers on every machine (PXE boot in UPI) and starts the bootstrap sequence at `now`; a running install is restarted from scratch.
    pub fn boot_machines(&mut self, now: i64) {
        self.clock = self.clock.max(now);
        if self.hardware.is_empty() {
            self.hardware = self.default_hardware();
        }
        let env = self.env();
        let sim = Simulation::start(&self.hardware, &env, self.clock);
        self.adopted = false;
        self.history = vec![sim.clone()];
        self.sim = Some(sim);
    }

    /// Powers on machine `name` alone at `now` (`virt-install`, `virsh start`): the first one starts the install with
    /// every other machine still off. Returns whether a machine was powered on.
    pub fn power_on(&mut self, name: &str, now: i64) -> bool {
        self.clock = self.clock.max(now);
        if self.hardware.is_empty() {
            self.hardware = self.default_hardware();
        }
        if self.sim.is_none() {
            let env = self.env();
            let sim = Simulation::start_powered(&self.hardware, &env, self.clock, false);
            self.adopted = false;
            self.history = vec![sim.clone()];
            self.sim = Some(sim);
        }
        self.sim.as_mut().is_some_and(|s| s.power_on(name))
    }

    fn default_hardware(&self) -> Vec<Hardware> {
        let (masters, workers, prefix) = match &self.cluster {
            Some(c) => (
                c.config.master_replicas(),
                c.config.worker_replicas(),
                c.issued.infra_id.clone(),
            ),
            None => (3, 2, "cluster".into()),
        };
        let mut rng = util::Rng::new(&prefix);
        let mut mac = || {
            format!(
                "02:{}:{}:{}:{}:{}",
                rng.hex(2),
                rng.hex(2),
                rng.hex(2),
                rng.hex(2),
                rng.hex(2)
            )
        };
        let mut hw = Vec::new();
        match self.method {
            InstallMethod::Agent => {
                hw.push(Hardware {
                    name: "master0".into(),
                    role: Role::Bootstrap,
                    mac: mac(),
                    ip: String::new(),
                    fqdn: String::new(),
                });
                for i in 1..masters.max(1) {
                    hw.push(Hardware {
                        name: format!("master{i}"),
                        role: Role::Master,
                        mac: mac(),
                        ip: String::new(),
                        fqdn: String::new(),
                    });
                }
            }
            _ => {
                hw.push(Hardware {
                    name: format!("{prefix}-bootstrap"),
                    role: Role::Bootstrap,
                    mac: mac(),
                    ip: String::new(),
                    fqdn: String::new(),
                });
                for i in 0..masters {
                    hw.push(Hardware {
                        name: format!("{prefix}-master-{i}"),
                        role: Role::Master,
                        mac: mac(),
                        ip: String::new(),
                        fqdn: String::new(),
                    });
                }
            }
        }
        for i in 0..workers {
            let name = if self.method == InstallMethod::Agent {
                format!("worker{i}")
            } else {
                format!("{prefix}-worker-{i}")
            };
            hw.push(Hardware {
                name,
                role: Role::Worker,
                mac: mac(),
                ip: String::new(),
                fqdn: String::new(),
            });
        }
        hw
    }

    /// Re-reads the helper files from `fs`, then advances the install by `ms` of virtual time.
    pub fn advance_with(&mut self, fs: &Vfs, ms: u64) {
        self.sync(fs);
        self.advance(ms);
    }

    /// Advances the install by `ms` of virtual time (at most a day per call while machines run), using the helper files as last synced.
    pub fn advance(&mut self, ms: u64) {
        if self.sim.is_none() {
            // Without a running install only the clock moves (for example past the 24-hour certificate validity).
            self.clock = self.clock.saturating_add(ms.min(i64::MAX as u64) as i64);
            return;
        }
        let env = self.env();
        // One call moves at most a day, so a runaway request cannot stall the session.
        let ms = ms.min(MAX_ADVANCE_MS) as i64;
        if let Some(sim) = &mut self.sim {
            let entered = sim.advance(ms, &env);
            if !entered.is_empty() {
                self.history.push(sim.clone());
                if self.history.len() > HISTORY_CAP {
                    self.history.remove(1);
                }
            }
        }
        self.clock += ms;
    }

    /// Advances to the start of the next stage (at most one virtual hour); returns whether a new stage started.
    pub fn step_forward(&mut self) -> bool {
        let env = self.env();
        let Some(sim) = &mut self.sim else {
            return false;
        };
        let before = sim.now;
        let changed = sim.advance_to_next_stage(&env, 3_600_000);
        self.clock += sim.now - before;
        if changed {
            self.history.push(sim.clone());
            if self.history.len() > HISTORY_CAP {
                self.history.remove(1);
            }
        }
        changed
    }

    /// Goes back to the start of the current stage, or of the previous one when already at a stage start.
    pub fn step_back(&mut self) -> bool {
        let Some(now) = self.sim.as_ref().map(|s| s.now) else {
            return false;
        };
        while let Some(snap) = self.history.pop() {
            if snap.now < now {
                self.sim = Some(snap.clone());
                self.history.push(snap);
                return true;
            }
            if self.history.is_empty() {
                self.history.push(snap);
                return false;
            }
        }
        false
    }

    /// The stages so far, with start and end times.
    pub fn timeline(&self) -> Vec<TimelineEntry> {
        self.sim
            .as_ref()
            .map(|s| s.timeline.clone())
            .unwrap_or_default()
    }

    /// The current stage, if an install is running.
    pub fn current_stage(&self) -> Option<Stage> {
        self.sim.as_ref().map(|s| s.stage)
    }

    /// Every machine with its state.
    pub fn machines(&self) -> Vec<MachineView> {
        match &self.sim {
            Some(sim) => sim
                .machines
                .iter()
                .map(|m| MachineView {
                    name: m.name.clone(),
                    role: if self.method == InstallMethod::Agent && m.role == Role::Bootstrap {
                        "rendezvous".into()
                    } else {
                        m.role.name().into()
                    },
                    ip: m.ip.clone(),
                    mac: m.mac.clone(),
                    state: m.state,
                    detail: m.detail.clone(),
                })
                .collect(),
            None => self
                .hardware
                .iter()
                .map(|h| MachineView {
                    name: h.name.clone(),
                    role: h.role.name().into(),
                    ip: h.ip.clone(),
                    mac: h.mac.clone(),
                    state: if matches!(h.role, Role::Helper | Role::LoadBalancer) {
                        MachineState::Running
                    } else {
                        MachineState::Off
                    },
                    detail: String::new(),
                })
                .collect(),
        }
    }

    /// A machine's journal lines as journalctl prints them, optionally only some units.
    pub fn journal(&self, machine: &str, units: &[String]) -> Vec<String> {
        self.sim
            .as_ref()
            .and_then(|s| s.journal_text(machine, units))
            .map(|t| t.lines().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// The cluster's nodes as `oc get nodes` lists them (machines that have registered with the API).
    pub fn nodes(&self) -> Vec<NodeView> {
        let Some(sim) = &self.sim else {
            return Vec::new();
        };
        sim.machines
            .iter()
            .filter(|m| {
                matches!(m.state, MachineState::Ready | MachineState::NotReady)
                    && (m.role != Role::Worker
                        || sim
                            .csrs
                            .iter()
                            .any(|c| c.machine == m.name && !c.serving && c.approved_at.is_some()))
            })
            .map(|m| NodeView {
                name: m.fqdn.clone(),
                status: if m.state == MachineState::Ready {
                    "Ready"
                } else {
                    "NotReady"
                }
                .into(),
                roles: if m.role == Role::Worker {
                    "worker"
                } else {
                    "control-plane,master"
                }
                .into(),
                created_at: m.ignited_at.unwrap_or(sim.started_at),
                version: KUBE_VERSION.into(),
                ip: m.ip.clone(),
            })
            .collect()
    }

    /// Every CSR.
    pub fn csrs(&self) -> Vec<CsrView> {
        self.sim.as_ref().map(|s| s.csr_views()).unwrap_or_default()
    }

    /// The CSRs waiting for approval.
    pub fn pending_csrs(&self) -> Vec<CsrView> {
        self.csrs()
            .into_iter()
            .filter(|c| c.condition == "Pending")
            .collect()
    }

    /// Approves a CSR as `oc adm certificate approve` does; the text is oc's line (or its NotFound error).
    pub fn approve_csr(&mut self, name: &str) -> Result<String, String> {
        let Some(sim) = &mut self.sim else {
            return Err(format!(
                "Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \"{name}\" not found"
            ));
        };
        sim.approve(name)?;
        Ok(format!(
            "certificatesigningrequest.certificates.k8s.io/{name} approved"
        ))
    }

    /// The cluster operators.
    pub fn cluster_operators(&self) -> Vec<OperatorView> {
        self.sim
            .as_ref()
            .map(|s| s.operators.clone())
            .unwrap_or_default()
    }

    /// Whether `destroy cluster` ran since the last call: the session then stops using the destroyed cluster.
    pub fn take_destroyed(&mut self) -> bool {
        std::mem::take(&mut self.destroyed)
    }

    /// The AWS infrastructure of the IPI install.
    pub fn aws_infra(&self) -> Option<&AwsInfraPlan> {
        self.aws_plan.as_ref()
    }

    /// The finished cluster, once the install is complete.
    pub fn installed_cluster(&self) -> Option<InstalledCluster> {
        let sim = self.sim.as_ref()?;
        sim.complete_at?;
        let c = self.cluster.as_ref()?;
        let cd = c.config.cluster_domain();
        let nodes = |role: Role| -> Vec<NodeAddr> {
            sim.machines
                .iter()
                .filter(|m| {
                    m.role == role
                        || (role == Role::Master
                            && m.role == Role::Bootstrap
                            && self.method == InstallMethod::Agent)
                })
                .map(|m| NodeAddr {
                    name: m.fqdn.clone(),
                    ip: m.ip.clone(),
                })
                .collect()
        };
        Some(InstalledCluster {
            name: c.config.metadata.name.clone(),
            base_domain: c.config.base_domain.clone(),
            api_url: format!("https://api.{cd}:6443"),
            console_url: format!("https://console-openshift-console.apps.{cd}"),
            kubeadmin_password: c.issued.password.clone(),
            version: OCP_VERSION.into(),
            kube_version: KUBE_VERSION.into(),
            kubeconfig_path: format!("{}/auth/kubeconfig", c.dir),
            masters: nodes(Role::Master),
            workers: nodes(Role::Worker),
            started_at: sim.started_at,
            completed_at: sim.complete_at.unwrap_or(sim.now),
            infra_id: c.issued.infra_id.clone(),
            cluster_id: c.issued.cluster_id.clone(),
            platform: c.config.platform.name(),
        })
    }

    /// The scenario of the finished install, once: after this the install counts as adopted by the session, which
    /// makes it the active cluster (see [`result::scenario_for`]). `now` is the session's clock.
    pub fn take_finished_scenario(&mut self, now: i64) -> Option<Result<String, String>> {
        if self.adopted {
            return None;
        }
        let done = self.installed_cluster()?;
        // Without the base scenario's data file the install waits, unadopted, until the front end supplies it.
        if !crate::assets::is_loaded(crate::assets::INSTALL_BASE) {
            return None;
        }
        self.adopted = true;
        let scenario = result::scenario_for(&done, now.max(done.completed_at));
        Some(match (scenario, self.aws_plan.as_ref()) {
            (Ok(text), Some(plan)) => Ok(machines::add_to_scenario(&text, plan, &done)),
            (other, _) => other,
        })
    }

    /// Answers `oc`/`kubectl` lines aimed at the cluster being installed (through `KUBECONFIG` or `--kubeconfig`
    /// naming its `auth/kubeconfig`); `None` when the line is for the session's cluster.
    pub fn run_oc(&mut self, argv: &[String], ctx: &mut Ctx) -> Option<Output> {
        result::run_oc(self, argv, ctx)
    }

    /// Runs the ocp4-helpernode playbook (`ansible-playbook -e @vars.yaml tasks/main.yml`): sets up the helper node
    /// described by the variables file, as [`Installer::setup_helper`] does.
    pub fn run_playbook(&mut self, argv: &[String], ctx: &mut Ctx) -> Output {
        playbook::run(self, argv, ctx)
    }

    /// Applies one of the learner's typical mistakes to the files in `fs` (or to the clock), returning what changed.
    pub fn inject_fault(&mut self, fault: &Fault, fs: &mut Vfs) -> Result<String, String> {
        let out = match fault {
            Fault::MissingApiIntDns => {
                let text = fs
                    .read(helper::ZONE_FILE)
                    .map_err(|e| format!("{}: {}", helper::ZONE_FILE, e.message()))?
                    .to_owned();
                let kept: Vec<&str> = text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("api-int."))
                    .collect();
                fs.write(helper::ZONE_FILE, kept.join("\n") + "\n")
                    .map_err(|e| e.message().to_owned())?;
                format!("removed the api-int record from {}", helper::ZONE_FILE)
            }
            Fault::WrongDhcpMac { machine } => {
                let text = fs
                    .read(helper::DHCPD_CONF)
                    .map_err(|e| format!("{}: {}", helper::DHCPD_CONF, e.message()))?
                    .to_owned();
                let needle = format!("host {machine} ");
                let mut changed = false;
                let lines: Vec<String> = text
                    .lines()
                    .map(|l| {
                        if l.trim_start().starts_with(&needle)
                            && let Some(i) = l.find("ethernet ")
                        {
                            changed = true;
                            let start = i + "ethernet ".len();
                            let mut s = l.to_owned();
                            // Mistype the last octet.
                            let mac_end = start + 17;
                            if s.len() >= mac_end
                                && s.is_char_boundary(mac_end - 2)
                                && s.is_char_boundary(mac_end)
                            {
                                let last = &s[mac_end - 2..mac_end];
                                let typo = if last == "00" { "01" } else { "00" };
                                s.replace_range(mac_end - 2..mac_end, typo);
                            }
                            s
                        } else {
                            l.to_owned()
                        }
                    })
                    .collect();
                if !changed {
                    return Err(format!("no host {machine} in {}", helper::DHCPD_CONF));
                }
                fs.write(helper::DHCPD_CONF, lines.join("\n") + "\n")
                    .map_err(|e| e.message().to_owned())?;
                format!("mistyped the MAC of {machine} in {}", helper::DHCPD_CONF)
            }
            Fault::HaproxyMissing22623 => {
                let text = fs
                    .read(helper::HAPROXY_CFG)
                    .map_err(|e| format!("{}: {}", helper::HAPROXY_CFG, e.message()))?
                    .to_owned();
                let mut out = Vec::new();
                let mut skipping = false;
                for l in text.lines() {
                    if !l.starts_with([' ', '\t']) && !l.trim().is_empty() {
                        skipping = l.contains("machine-config-server");
                    }
                    if !skipping {
                        out.push(l);
                    }
                }
                fs.write(helper::HAPROXY_CFG, out.join("\n") + "\n")
                    .map_err(|e| e.message().to_owned())?;
                format!(
                    "removed the machine-config-server (22623) frontend and backend from {}",
                    helper::HAPROXY_CFG
                )
            }
            Fault::ExpiredIgnition => {
                let day = assets::CERT_VALIDITY_MS + 3_600_000;
                self.clock += day;
                format!(
                    "moved the clock 25 hours past the last create ignition-configs (now {})",
                    rfc3339(self.clock)
                )
            }
            Fault::TooFewMasters => {
                let masters: Vec<usize> = (0..self.hardware.len())
                    .filter(|i| self.hardware[*i].role == Role::Master)
                    .collect();
                let Some(last) = masters.last() else {
                    return Err("no control plane machines".into());
                };
                let removed = self.hardware.remove(*last);
                format!(
                    "{} was never created; only {} control plane machines exist",
                    removed.name,
                    masters.len() - 1
                )
            }
        };
        self.sync(fs);
        Ok(out)
    }

    /// Answers the diagnosis commands the install simulator knows (`dig`, `nslookup`, `curl`, `journalctl`, `ssh <host> journalctl`); `None` for anything else.
    pub fn run_diagnostic(&self, argv: &[String], ctx: &mut Ctx) -> Option<Output> {
        diag::run(self, argv, ctx)
    }

    /// The installer's validation findings for the wizard's answers (empty when install-config.yaml would be valid),
    /// with field paths as the installer prints them.
    pub fn validate_answers(answers: &WizardAnswers) -> Vec<FieldError> {
        let mut cfg = config_from_answers(answers);
        cfg.apply_defaults();
        config::validate(&cfg)
    }

    /// install-config.yaml as the wizard would write it for `answers` (keys sorted, as the installer writes it).
    pub fn answers_yaml(answers: &WizardAnswers) -> String {
        sorted_yaml(&config_from_answers(answers))
    }

    /// The helper node's generated files that exist in `fs`: zone files, dhcpd.conf, one PXE file per MAC, haproxy.cfg
    /// and the files the HTTP server on 8080 serves.
    pub fn helper_files(&self, fs: &Vfs) -> Vec<String> {
        let mut out: Vec<String> = [helper::ZONE_FILE, helper::REVERSE_FILE, helper::DHCPD_CONF]
            .iter()
            .filter(|p| fs.read(p).is_ok())
            .map(|p| (*p).to_owned())
            .collect();
        if let Ok(names) = fs.list(helper::PXE_DIR) {
            out.extend(names.iter().map(|n| format!("{}/{n}", helper::PXE_DIR)));
        }
        if fs.read(helper::HAPROXY_CFG).is_ok() {
            out.push(helper::HAPROXY_CFG.to_owned());
        }
        if let Ok(names) = fs.list(helper::IGNITION_DIR) {
            out.extend(
                names
                    .iter()
                    .map(|n| format!("{}/{n}", helper::IGNITION_DIR)),
            );
        }
        out
    }

    /// Writes install-config.yaml from the wizard's answers into `answers.dir`.
    pub fn write_install_config(&mut self, answers: &WizardAnswers, ctx: &mut Ctx) -> Output {
        let cfg = config_from_answers(answers);
        let dir_abs = ctx.resolve(&answers.dir);
        let mut log = Log::new("info", ctx.now);
        if let Err(e) = ctx.fs.mkdir(&dir_abs, true) {
            log.fatal(&format!("mkdir {}: {}", answers.dir, e.message()));
            return Output::err(log.term, 1);
        }
        let mut check = cfg.clone();
        check.apply_defaults();
        let errs = config::validate(&check);
        if !errs.is_empty() {
            log.fatal(&format!(
                "failed to fetch Install Config: failed to generate asset \"Install Config\": invalid install config: {}",
                config::aggregate(&errs)
            ));
            let _ = ctx
                .fs
                .append(&format!("{dir_abs}/.openshift_install.log"), &log.file);
            return Output::err(log.term, EXIT_INSTALL_CONFIG);
        }
        let _ = ctx
            .fs
            .write(&format!("{dir_abs}/install-config.yaml"), sorted_yaml(&cfg));
        self.method = if answers.platform == "aws" {
            InstallMethod::Ipi
        } else {
            self.method
        };
        log.info(&format!("Install-Config created in: {}", answers.dir));
        let _ = ctx
            .fs
            .append(&format!("{dir_abs}/.openshift_install.log"), &log.file);
        Output {
            stdout: String::new(),
            stderr: log.term,
            code: 0,
        }
    }

    /// Runs `openshift-install` with `argv` (argv[0] is `openshift-install`).
    pub fn run(&mut self, argv: &[String], ctx: &mut Ctx) -> Output {
        self.run_in(argv, ctx, &mut NoCloud)
    }

    /// Runs `openshift-install …` (`argv[0]` is the program name) building an IPI cluster's resources in `cloud`.
    pub fn run_in(&mut self, argv: &[String], ctx: &mut Ctx, cloud: &mut dyn Cloud) -> Output {
        if ctx.now > self.clock {
            let gap = (ctx.now - self.clock) as u64;
            self.sync(ctx.fs);
            if self.sim.is_some() {
                self.advance(gap);
            }
            self.clock = self.clock.max(ctx.now);
        }
        self.sync(ctx.fs);
        let parsed = match parse_flags(argv.get(1..).unwrap_or(&[])) {
            Ok(p) => p,
            Err(e) => {
                return Output::err(
                    format!("level=fatal msg=Error executing openshift-install: {e}\n"),
                    1,
                );
            }
        };
        let dir = parsed
            .flags
            .get("dir")
            .and_then(|v| v.last())
            .cloned()
            .unwrap_or_else(|| ".".into());
        let level = parsed
            .flags
            .get("log-level")
            .and_then(|v| v.last())
            .cloned()
            .unwrap_or_else(|| "info".into());
        if ![
            "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
        ]
        .contains(&level.as_str())
        {
            return Output::err(
                format!(
                    "level=fatal msg=Error executing openshift-install: invalid log-level: not a valid logrus Level: \"{level}\"\n"
                ),
                1,
            );
        }
        let words: Vec<&str> = parsed.words.iter().map(String::as_str).collect();
        if parsed.flags.contains_key("help") || words.is_empty() || words == ["help"] {
            return Output::ok(usage());
        }
        let dir_abs = ctx.resolve(&dir);
        let mut log = Log::new(&level, self.clock);
        let code = match words.as_slice() {
            ["version"] => {
                return Output::ok(format!(
                    "openshift-install {OCP_VERSION}\nbuilt from commit {BUILT_FROM}\nrelease image {RELEASE_IMAGE}\nrelease architecture amd64\n"
                ));
            }
            ["create", "install-config"] => {
                self.create_install_config(&dir, &dir_abs, ctx, &mut log)
            }
            ["create", "manifests"] => {
                self.create_manifests(&dir, &dir_abs, ctx, &mut log, "Master Machines")
            }
            ["create", "ignition-configs"] => {
                self.create_ignition(&dir, &dir_abs, ctx, &mut log, "Bootstrap Ignition Config")
            }
            ["create", "cluster"] => self.create_cluster(&dir, &dir_abs, ctx, &mut log, cloud),
            ["wait-for", "bootstrap-complete"] => {
                self.wait_bootstrap(&dir_abs, ctx, &mut log, false)
            }
            ["wait-for", "install-complete"] => {
                self.wait_install(&dir_abs, ctx, &mut log, self.clock)
            }
            ["destroy", "cluster"] => self.destroy_cluster(&dir, &dir_abs, ctx, &mut log, cloud),
            ["destroy", "bootstrap"] => {
                log.info("Time elapsed: 0s");
                0
            }
            ["gather", "bootstrap"] => {
                self.gather_bootstrap(&dir, &dir_abs, &parsed, ctx, &mut log)
            }
            ["agent", "create", "image"] => self.agent_create_image(&dir, &dir_abs, ctx, &mut log),
            ["agent", "wait-for", "bootstrap-complete"] => {
                self.wait_bootstrap(&dir_abs, ctx, &mut log, true)
            }
            ["agent", "wait-for", "install-complete"] => {
                self.wait_install(&dir_abs, ctx, &mut log, self.clock)
            }
            [first, ..]
                if !["create", "wait-for", "destroy", "gather", "agent"].contains(first) =>
            {
                return Output::err(
                    format!(
                        "level=fatal msg=Error executing openshift-install: unknown command \"{first}\" for \"openshift-install\"\n"
                    ),
                    1,
                );
            }
            _ => return Output::ok(usage()),
        };
        if ctx.fs.is_dir(&dir_abs) {
            let _ = ctx
                .fs
                .append(&format!("{dir_abs}/.openshift_install.log"), &log.file);
        }
        Output {
            stdout: String::new(),
            stderr: log.term,
            code,
        }
    }

    fn create_install_config(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
    ) -> i32 {
        let _ = ctx.fs.mkdir(dir_abs, true);
        let path = format!("{dir_abs}/install-config.yaml");
        if ctx.fs.read(&path).is_ok() {
            log.info(&format!("Install-Config created in: {dir}"));
            return 0;
        }
        let answers: Vec<&str> = ctx.stdin.lines().map(str::trim).collect();
        let mut it = answers.into_iter();
        let prefix =
            "failed to fetch Install Config: failed to fetch dependency of \"Install Config\"";
        let Some(ssh) = it.next() else {
            log.fatal(&format!(
                "{prefix}: failed to generate asset \"SSH Key\": failed UserInput: EOF"
            ));
            return 1;
        };
        let ssh_key = if ssh == "<none>" || ssh.is_empty() {
            String::new()
        } else if ssh.starts_with("ssh-") || ssh.starts_with("ecdsa-") {
            ssh.to_owned()
        } else {
            match ctx.fs.read(&ctx.resolve(ssh)) {
                Ok(t) => t.trim().to_owned(),
                Err(e) => {
                    log.fatal(&format!("{prefix}: failed to generate asset \"SSH Key\": failed to read public key file \"{ssh}\": open {ssh}: {}", e.message().to_ascii_lowercase()));
                    return 1;
                }
            }
        };
        let Some(platform) = it.next() else {
            log.fatal(&format!("{prefix}: failed to fetch dependency of \"Base Domain\": failed to generate asset \"Platform\": failed UserInput: EOF"));
            return 1;
        };
        let mut a = WizardAnswers {
            dir: dir.to_owned(),
            platform: platform.to_owned(),
            ssh_key,
            ..WizardAnswers::default()
        };
        if !["aws", "baremetal", "none"].contains(&platform) {
            log.fatal(&format!("{prefix}: failed to fetch dependency of \"Base Domain\": failed to generate asset \"Platform\": failed UserInput: invalid platform {platform:?}; the simulator offers aws, baremetal and none"));
            return 1;
        }
        if platform == "aws" {
            let Some(region) = it.next() else {
                log.fatal(&format!("{prefix}: failed to fetch dependency of \"Base Domain\": failed to generate asset \"Platform\": failed UserInput: EOF"));
                return 1;
            };
            a.aws_region = region.to_owned();
            a.machine_network = "10.0.0.0/16".into();
            a.worker_replicas = 3;
        }
        if platform == "baremetal" {
            let (Some(api), Some(ingress)) = (it.next(), it.next()) else {
                log.fatal(&format!("{prefix}: failed to fetch dependency of \"Base Domain\": failed to generate asset \"Platform\": failed UserInput: EOF"));
                return 1;
            };
            a.api_vip = api.to_owned();
            a.ingress_vip = ingress.to_owned();
        }
        let (Some(base), Some(name), Some(secret)) = (it.next(), it.next(), it.next()) else {
            log.fatal(&format!(
                "{prefix}: failed to generate asset \"Pull Secret\": failed UserInput: EOF"
            ));
            return 1;
        };
        a.base_domain = base.to_owned();
        a.cluster_name = name.to_owned();
        a.pull_secret = secret.to_owned();
        let out = self.write_install_config(&a, ctx);
        // write_install_config logged to the file itself; mirror its terminal text.
        log.term.push_str(&out.stderr);
        log.file.clear();
        out.code
    }

    /// Loads the install config from install-config.yaml or the state file; the error is already logged.
    fn load_config(
        &self,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
        target: &str,
    ) -> Result<(InstallConfig, bool), i32> {
        let path = format!("{dir_abs}/install-config.yaml");
        let prefix = format!(
            "failed to fetch {target}: failed to load asset \"Install Config\": failed to create install config"
        );
        match ctx.fs.read(&path) {
            Ok(text) => {
                let mut cfg = match InstallConfig::parse(text)
                    .and_then(|c| config::check_cidrs(&c).map(|_| c))
                {
                    Ok(c) => c,
                    Err(e) => {
                        log.fatal(&format!("{prefix}: {e}"));
                        return Err(EXIT_INSTALL_CONFIG);
                    }
                };
                cfg.apply_defaults();
                let errs = config::validate(&cfg);
                if !errs.is_empty() {
                    log.fatal(&format!(
                        "{prefix}: invalid \"install-config.yaml\" file: {}",
                        config::aggregate(&errs)
                    ));
                    return Err(EXIT_INSTALL_CONFIG);
                }
                log.debug("  Loading Install Config...");
                Ok((cfg, true))
            }
            Err(_) => {
                let state = ctx
                    .fs
                    .read(&format!("{dir_abs}/.openshift_install_state.json"))
                    .ok()
                    .and_then(|t| serde_json::from_str::<Value>(t).ok());
                let from_state = state
                    .and_then(|s| {
                        s.get("*installconfig.InstallConfig")
                            .and_then(|v| v.get("config"))
                            .cloned()
                    })
                    .and_then(|v| serde_json::from_value::<InstallConfig>(v).ok());
                match from_state {
                    Some(c) => Ok((c, false)),
                    None => {
                        log.fatal(&format!("failed to fetch {target}: failed to fetch dependency of \"{target}\": failed to fetch dependency of \"Install Config\": failed to generate asset \"SSH Key\": failed UserInput: EOF"));
                        Err(1)
                    }
                }
            }
        }
    }

    /// The TLS assets for `dir_abs`: new ones when install-config.yaml was just consumed, otherwise the ones the state file already holds.
    fn issue(&mut self, cfg: &InstallConfig, dir_abs: &str, consumed: bool) -> Issued {
        if !consumed && let Some(prev) = self.issued.iter().rev().find(|i| i.dir == dir_abs) {
            return prev.clone();
        }
        let issued = Issued::generate(cfg, dir_abs, self.clock);
        self.issued.push(issued.clone());
        issued
    }

    fn create_manifests(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
        target: &str,
    ) -> i32 {
        log.debug(&format!("Fetching {target}..."));
        let (cfg, consumed) = match self.load_config(dir_abs, ctx, log, target) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if consumed {
            log.info("Consuming Install Config from target directory");
        }
        if cfg.worker_replicas() == 0 {
            log.warn("Making control-plane schedulable by setting MastersSchedulable to true for Scheduler cluster settings");
        }
        // The TLS assets are generated with the manifests and kept in the state file; their 24 hours start here.
        let issued = self.issue(&cfg, dir_abs, consumed);
        for (path, text) in assets::manifests(&cfg, &issued.infra_id) {
            let full = format!("{dir_abs}/{path}");
            let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
            let _ = ctx.fs.write(&full, text);
        }
        let _ = ctx
            .fs
            .remove(&format!("{dir_abs}/install-config.yaml"), false);
        let _ = ctx.fs.write(
            &format!("{dir_abs}/.openshift_install_state.json"),
            assets::state_json(
                &cfg,
                Some(&issued),
                &["*manifests.Manifests", "*manifests.Openshift"],
            ),
        );
        log.info(&format!(
            "Manifests created in: {} and {}",
            join_display(dir, "manifests"),
            join_display(dir, "openshift")
        ));
        0
    }

    fn create_ignition(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
        target: &str,
    ) -> i32 {
        log.debug(&format!("Fetching {target}..."));
        let (cfg, consumed) = match self.load_config(dir_abs, ctx, log, target) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if consumed {
            log.info("Consuming Install Config from target directory");
        }
        let issued = self.issue(&cfg, dir_abs, consumed);
        let manifests_dir = format!("{dir_abs}/manifests");
        let mut manifests = Vec::new();
        if ctx.fs.is_dir(&manifests_dir) {
            for sub in ["manifests", "openshift"] {
                let d = format!("{dir_abs}/{sub}");
                for n in ctx.fs.list(&d).unwrap_or_default() {
                    if let Ok(t) = ctx.fs.read(&format!("{d}/{n}")) {
                        manifests.push((format!("{sub}/{n}"), t.to_owned()));
                    }
                }
            }
            for what in [
                "OpenShift Install (Manifests)",
                "Master Machines",
                "Common Manifests",
                "Worker Machines",
                "Openshift Manifests",
            ] {
                log.info(&format!("Consuming {what} from target directory"));
            }
        } else {
            manifests = assets::manifests(&cfg, &issued.infra_id);
        }
        let cd = cfg.cluster_domain();
        let write_json = |fs: &mut Vfs, name: &str, v: &Value| {
            let _ = fs.write(
                &format!("{dir_abs}/{name}"),
                serde_json::to_string(v).unwrap_or_default(),
            );
        };
        write_json(
            ctx.fs,
            "bootstrap.ign",
            &assets::bootstrap_ignition(&cfg, &issued, &manifests),
        );
        write_json(
            ctx.fs,
            "master.ign",
            &assets::pointer_ignition("master", &cd, &issued.root_ca),
        );
        write_json(
            ctx.fs,
            "worker.ign",
            &assets::pointer_ignition("worker", &cd, &issued.root_ca),
        );
        let _ = ctx.fs.write(
            &format!("{dir_abs}/metadata.json"),
            assets::metadata_json(&cfg, &issued),
        );
        let _ = ctx.fs.mkdir(&format!("{dir_abs}/auth"), true);
        let _ = ctx.fs.write(
            &format!("{dir_abs}/auth/kubeconfig"),
            assets::kubeconfig(&cfg, &issued),
        );
        let _ = ctx.fs.write(
            &format!("{dir_abs}/auth/kubeadmin-password"),
            issued.password.clone(),
        );
        let _ = ctx.fs.write(
            &format!("{dir_abs}/.openshift_install_state.json"),
            assets::state_json(
                &cfg,
                Some(&issued),
                &[
                    "*bootstrap.Bootstrap",
                    "*machine.Master",
                    "*machine.Worker",
                    "*kubeconfig.AdminClient",
                    "*cluster.Metadata",
                ],
            ),
        );
        let _ = ctx
            .fs
            .remove(&format!("{dir_abs}/install-config.yaml"), false);
        for gone in ["manifests", "openshift"] {
            let _ = ctx.fs.remove(&format!("{dir_abs}/{gone}"), true);
        }
        self.cluster = Some(ClusterRecord {
            config: cfg,
            dir: dir_abs.to_owned(),
            issued,
        });
        log.info(&format!(
            "Ignition-Configs created in: {} and {}",
            if dir == "." || dir.is_empty() {
                "."
            } else {
                dir
            },
            join_display(dir, "auth")
        ));
        0
    }

    fn create_cluster(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
        cloud: &mut dyn Cloud,
    ) -> i32 {
        let started = self.clock;
        let code = self.create_ignition(dir, dir_abs, ctx, log, "Metadata");
        if code != 0 {
            return code;
        }
        let Some(c) = self.cluster.clone() else {
            return 1;
        };
        // The Ignition-Configs line belongs to `create ignition-configs`, not to `create cluster`.
        if let Some(i) = log.term.rfind("INFO Ignition-Configs created in:") {
            log.term.truncate(i);
        }
        self.method = if c.config.platform.aws.is_some() {
            InstallMethod::Ipi
        } else {
            self.method
        };
        if self.method == InstallMethod::Ipi {
            self.aws_plan = Some(aws::plan(&c.config, &c.issued.infra_id));
            self.hardware = aws_hardware(self.aws_plan.as_ref());
            self.net = NetView::default();
            log.info("Creating infrastructure resources...");
            if let Some(plan) = &self.aws_plan {
                cloud.provision(plan, &self.hardware, self.clock);
            }
            self.clock += 4 * 60_000 + 12_000;
            log.now = self.clock;
        }
        self.boot_machines(self.clock);
        let code = self.wait_bootstrap(dir_abs, ctx, log, false);
        if code != 0 {
            return code;
        }
        if self.method == InstallMethod::Ipi {
            log.info("Destroying the bootstrap resources...");
            if let Some(plan) = &self.aws_plan {
                cloud.destroy_bootstrap(plan, self.clock);
            }
        }
        let code = self.wait_install(dir_abs, ctx, log, started);
        // The ingress operator made the router's load balancer once the cluster operators started rolling out.
        let operators_at = self.sim.as_ref().and_then(|s| {
            s.timeline
                .iter()
                .find(|t| t.stage == Stage::ClusterOperators)
                .map(|t| t.start)
        });
        if let (Some(plan), Some(at)) = (&self.aws_plan, operators_at) {
            cloud.ingress(plan, at);
        }
        code
    }

    fn kubeconfig_check(
        &self,
        dir_abs: &str,
        ctx: &Ctx,
        log: &mut Log,
    ) -> Result<ClusterRecord, i32> {
        let kc = format!("{dir_abs}/auth/kubeconfig");
        if ctx.fs.read(&kc).is_err() {
            log.fatal(&format!(
                "loading kubeconfig: stat {kc}: no such file or directory"
            ));
            return Err(1);
        }
        match &self.cluster {
            Some(c) => Ok(c.clone()),
            None => {
                log.fatal(&format!(
                    "loading kubeconfig: stat {kc}: no such file or directory"
                ));
                Err(1)
            }
        }
    }

    /// Whether the installer host reaches the Kubernetes API: `Ok` or the Go error text.
    fn api_reachable(&self, cd: &str) -> Result<(), String> {
        let sim = self.sim.as_ref().ok_or("connection refused")?;
        let host = format!("api.{cd}");
        let url = format!("https://{host}:6443/version");
        let serving_ips: Vec<&str> = sim
            .machines
            .iter()
            .filter(|m| match m.role {
                Role::Bootstrap => {
                    sim.api_up_at.is_some()
                        && m.state == MachineState::Running
                        && sim.stage < Stage::ComputeNodes
                }
                Role::Master => m.state == MachineState::Ready,
                _ => false,
            })
            .map(|m| m.ip.as_str())
            .collect();
        if self.net.helper {
            let Some(ips) = self.net.resolve(&host) else {
                return Err(format!(
                    "Get \"{url}\": dial tcp: lookup {host} on {}:53: no such host",
                    self.net.helper_ip
                ));
            };
            let ip = ips.first().cloned().unwrap_or_default();
            let Some(backends) = self.net.listeners(&ip, 6443) else {
                return Err(format!(
                    "Get \"{url}\": dial tcp {ip}:6443: connect: connection refused"
                ));
            };
            if !backends
                .iter()
                .any(|b| serving_ips.contains(&b.ip.as_str()))
            {
                return Err(format!("Get \"{url}\": EOF"));
            }
            Ok(())
        } else if serving_ips.is_empty() {
            Err(format!(
                "Get \"{url}\": dial tcp 10.0.0.5:6443: connect: connection refused"
            ))
        } else {
            Ok(())
        }
    }

    /// Advances the simulation second by second until `done` or `limit_ms`; returns whether `done` held.
    fn wait_until(
        &mut self,
        limit_ms: i64,
        log: &mut Log,
        done: impl Fn(&Installer) -> bool,
    ) -> bool {
        let deadline = self.clock + limit_ms;
        // The helper files cannot change while the command waits, so one environment serves every step.
        let env = self.env();
        while !done(self) {
            if self.clock >= deadline {
                return false;
            }
            if let Some(sim) = &mut self.sim
                && !sim.advance(1000, &env).is_empty()
            {
                self.history.push(sim.clone());
                if self.history.len() > HISTORY_CAP {
                    self.history.remove(1);
                }
            }
            self.clock += 1000;
            log.now = self.clock;
        }
        true
    }

    fn wait_bootstrap(&mut self, dir_abs: &str, ctx: &mut Ctx, log: &mut Log, agent: bool) -> i32 {
        let c = match self.kubeconfig_check(dir_abs, ctx, log) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if self.sim.is_none() {
            self.boot_machines(self.clock);
        }
        let start = self.clock;
        let cd = c.config.cluster_domain();
        if agent {
            log.info("Waiting for cluster install to initialize. Sleeping for 30 seconds");
            self.advance(30_000);
            log.now = self.clock;
            log.info("Cluster is ready for install");
            log.info("Cluster validation: All hosts in the cluster are ready to install.");
            log.info("Preparing cluster for installation");
            log.info("Cluster installation in progress");
        } else {
            log.info(&format!(
                "Waiting up to 20m0s (until {}) for the Kubernetes API at https://api.{cd}:6443...",
                kitchen(self.clock + 20 * 60_000)
            ));
        }
        let api_ok = self.wait_until(20 * 60_000, log, |s| s.api_reachable(&cd).is_ok());
        if !api_ok {
            let err = self.api_reachable(&cd).err().unwrap_or_default();
            let co_url =
                format!("https://api.{cd}:6443/apis/config.openshift.io/v1/clusteroperators");
            let tail = err.split_once(": ").map(|x| x.1).unwrap_or(&err).to_owned();
            log.error(&format!("Attempted to gather ClusterOperator status after wait failure: listing ClusterOperator objects: Get \"{co_url}\": {tail}"));
            log.info("Use the following commands to gather logs from the cluster");
            log.info("openshift-install gather bootstrap --help");
            log.error(&format!("Bootstrap failed to complete: {err}"));
            log.error("Failed waiting for Kubernetes API. This error usually happens when there is a problem on the bootstrap host that prevents creating a temporary control plane.");
            log.fatal("Bootstrap failed to complete");
            return EXIT_BOOTSTRAP;
        }
        if agent {
            log.info("Bootstrap Kube API Initialized");
        } else {
            log.info(&format!("API {KUBE_VERSION} up"));
            log.info(&format!(
                "Waiting up to 30m0s (until {}) for bootstrapping to complete...",
                kitchen(self.clock + 30 * 60_000)
            ));
        }
        let done = self.wait_until(30 * 60_000, log, |s| {
            s.sim
                .as_ref()
                .is_some_and(|x| x.bootstrap_complete_at.is_some())
        });
        if !done {
            log.error("Bootstrap failed to complete: timed out waiting for the condition");
            log.error("Failed to wait for bootstrapping to complete. This error usually happens when there is a problem with control plane hosts that prevents the control plane operators from creating the control plane.");
            log.fatal("Bootstrap failed to complete");
            return EXIT_BOOTSTRAP;
        }
        if agent {
            log.info("Bootstrap configMap status is complete");
            log.info("cluster bootstrap is complete");
        } else if self.method != InstallMethod::Ipi {
            log.info("It is now safe to remove the bootstrap resources");
            log.info(&format!(
                "Time elapsed: {}",
                go_duration(self.clock - start)
            ));
        }
        0
    }

    fn wait_install(&mut self, dir_abs: &str, ctx: &mut Ctx, log: &mut Log, started: i64) -> i32 {
        let c = match self.kubeconfig_check(dir_abs, ctx, log) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if self.sim.is_none() {
            self.boot_machines(self.clock);
        }
        let start = started;
        let cd = c.config.cluster_domain();
        log.info(&format!("Waiting up to 40m0s (until {}) for the cluster at https://api.{cd}:6443 to initialize...", kitchen(self.clock + 40 * 60_000)));
        let done = self.wait_until(40 * 60_000, log, |s| {
            s.sim.as_ref().is_some_and(|x| x.complete_at.is_some())
        });
        if !done {
            let ops = self.cluster_operators();
            let missing: Vec<&OperatorView> = ops.iter().filter(|o| !o.available).collect();
            for o in &missing {
                if o.degraded {
                    log.error(&format!(
                        "Cluster operator {} Degraded is True with {}",
                        o.name, o.message
                    ));
                } else {
                    log.info(&format!("Cluster operator {} Available is False", o.name));
                }
            }
            log.error("Cluster initialization failed because one or more operators are not functioning properly.");
            log.error("The cluster should be accessible for troubleshooting as detailed in the documentation linked below,");
            log.error("https://docs.openshift.com/container-platform/latest/support/troubleshooting/troubleshooting-installations.html");
            log.error("The 'wait-for install-complete' subcommand can then be used to continue the installation");
            let mut names: Vec<&str> = missing.iter().map(|o| o.name.as_str()).collect();
            names.sort_shared();
            log.fatal(&format!(
                "failed to initialize the cluster: Cluster operators {} are not available",
                names.join(", ")
            ));
            return EXIT_INSTALL;
        }
        log.info("Checking to see if there is a route at openshift-console/console...");
        log.info("Install complete!");
        log.info("To access the cluster as the system:admin user when using 'oc', run");
        log.info(&format!("    export KUBECONFIG={dir_abs}/auth/kubeconfig"));
        log.info(&format!(
            "Access the OpenShift web-console here: https://console-openshift-console.apps.{cd}"
        ));
        log.info(&format!(
            "Login to the console with user: \"kubeadmin\", and password: \"{}\"",
            c.issued.password
        ));
        log.info(&format!(
            "Time elapsed: {}",
            go_duration(self.clock - start)
        ));
        0
    }

    fn destroy_cluster(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
        cloud: &mut dyn Cloud,
    ) -> i32 {
        let path = format!("{dir_abs}/metadata.json");
        let Ok(text) = ctx.fs.read(&path) else {
            log.fatal(&format!(
                "Failed while preparing to destroy cluster: open {}: no such file or directory",
                join_display(dir, "metadata.json")
            ));
            return 1;
        };
        let meta: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let infra = meta["infraID"].as_str().unwrap_or("").to_owned();
        let started = self.clock;
        if let Some(region) = meta["aws"]["region"].as_str() {
            let domain = self
                .cluster
                .as_ref()
                .map(|c| c.config.cluster_domain())
                .unwrap_or_default();
            let (lines, took) = cloud.destroy(region, &infra, &domain, self.clock);
            for (msg, fields) in lines {
                log.info_fields(&msg, &fields);
            }
            self.clock += took;
            log.now = self.clock;
        }
        let _ = ctx.fs.remove(&path, false);
        let _ = ctx
            .fs
            .remove(&format!("{dir_abs}/.openshift_install_state.json"), false);
        self.sim = None;
        self.history.clear();
        self.aws_plan = None;
        self.destroyed = self.adopted;
        self.adopted = false;
        log.info(&format!(
            "Time elapsed: {}",
            go_duration(self.clock - started)
        ));
        log.info("Uninstallation complete!");
        0
    }

    fn gather_bootstrap(
        &mut self,
        dir: &str,
        dir_abs: &str,
        parsed: &Parsed,
        ctx: &mut Ctx,
        log: &mut Log,
    ) -> i32 {
        let ipi = self.method == InstallMethod::Ipi;
        let bootstrap = parsed
            .flags
            .get("bootstrap")
            .and_then(|v| v.last())
            .cloned();
        let masters = parsed.flags.get("master").cloned().unwrap_or_default();
        if !ipi && (bootstrap.is_none() || masters.is_empty()) {
            log.fatal("bootstrap host address and at least one control plane host address must be provided");
            return 1;
        }
        let Some(sim) = &self.sim else {
            log.info("Pulling debug logs from the bootstrap machine");
            log.fatal(&format!("failed to create SSH client: failed to initialize the SSH agent: failed to read directory \"{}\": dial tcp {}:22: connect: no route to host", ctx.resolve("~/.ssh"), bootstrap.unwrap_or_default()));
            return 1;
        };
        log.info("Pulling debug logs from the bootstrap machine");
        let stamp = util::compact(self.clock);
        let bundle = format!("{dir_abs}/log-bundle-{stamp}");
        let mut put = |path: String, text: String| {
            let full = format!("{bundle}/{path}");
            let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
            let _ = ctx.fs.write(&full, text);
        };
        if let Some(b) = sim.bootstrap_index() {
            let name = sim.machines[b].name.clone();
            for (file, unit) in [
                ("bootkube", "bootkube.service"),
                ("release-image", "release-image.service"),
                ("kubelet", "kubelet.service"),
            ] {
                put(
                    format!("bootstrap/journals/{file}.log"),
                    sim.journal_text(&name, &[unit.to_owned()])
                        .unwrap_or_default(),
                );
            }
            let failed: Vec<String> = sim
                .timeline
                .iter()
                .filter_map(|t| t.blocked.clone())
                .collect();
            put(
                "failed-units.txt".into(),
                if failed.is_empty() {
                    String::new()
                } else {
                    format!("{}\n", failed.join("\n"))
                },
            );
        }
        for m in sim.machines.iter().filter(|m| m.role == Role::Master) {
            let key = if m.ip.is_empty() {
                m.name.clone()
            } else {
                m.ip.clone()
            };
            put(
                format!("control-plane/{key}/journals/kubelet.log"),
                sim.journal_text(&m.name, &["kubelet.service".to_owned()])
                    .unwrap_or_default(),
            );
            put(
                format!("control-plane/{key}/journals/ignition.log"),
                sim.journal_text(&m.name, &["ignition-fetch.service".to_owned()])
                    .unwrap_or_default(),
            );
        }
        let _ = ctx.fs.write(
            &format!("{bundle}.tar.gz"),
            format!(
                "(gzip-compressed tar archive; the simulator keeps an extracted copy in {})\n",
                join_display(dir, &format!("log-bundle-{stamp}"))
            ),
        );
        log.info(&format!(
            "Bootstrap gather logs captured here \"{}\"",
            join_display(dir, &format!("log-bundle-{stamp}.tar.gz"))
        ));
        0
    }

    fn agent_create_image(
        &mut self,
        dir: &str,
        dir_abs: &str,
        ctx: &mut Ctx,
        log: &mut Log,
    ) -> i32 {
        let target = "Agent Installer ISO";
        let agent_path = format!("{dir_abs}/agent-config.yaml");
        let (cfg, consumed) = match self.load_config(dir_abs, ctx, log, target) {
            Ok(c) => c,
            Err(code) => return code,
        };
        let agent_cfg = ctx
            .fs
            .read(&agent_path)
            .ok()
            .and_then(|t| serde_yaml_ng::from_str::<Value>(t).ok());
        let rendezvous = agent_cfg
            .as_ref()
            .and_then(|v| v.get("rendezvousIP"))
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let Some(rendezvous) = rendezvous else {
            log.fatal(&format!("failed to fetch {target}: failed to load asset \"Agent Config\": invalid Agent Config configuration: rendezvousIP: Required value: rendezvousIP is required"));
            return EXIT_INSTALL_CONFIG;
        };
        log.info(&format!(
            "Configuration has {} master replicas and {} worker replicas",
            cfg.master_replicas(),
            cfg.worker_replicas()
        ));
        log.info(&format!(
            "The rendezvous host IP (node0 IP) is {rendezvous}"
        ));
        log.info("Extracting base ISO from release payload");
        log.info(&format!(
            "Base ISO obtained from release and cached at [{}]",
            ctx.resolve("~/.cache/agent/image_cache/coreos-x86_64.iso")
        ));
        if consumed {
            log.info("Consuming Install Config from target directory");
        }
        log.info("Consuming Agent Config from target directory");
        let issued = Issued::generate(&cfg, dir_abs, self.clock);
        let _ = ctx.fs.write(
            &format!("{dir_abs}/agent.x86_64.iso"),
            format!("(RHCOS {OCP_VERSION} agent ISO, rendezvous host {rendezvous})\n"),
        );
        let _ = ctx.fs.mkdir(&format!("{dir_abs}/auth"), true);
        let _ = ctx.fs.write(
            &format!("{dir_abs}/auth/kubeconfig"),
            assets::kubeconfig(&cfg, &issued),
        );
        let _ = ctx.fs.write(
            &format!("{dir_abs}/auth/kubeadmin-password"),
            issued.password.clone(),
        );
        let _ = ctx.fs.write(
            &format!("{dir_abs}/.openshift_install_state.json"),
            assets::state_json(
                &cfg,
                Some(&issued),
                &["*image.AgentImage", "*agentconfig.AgentConfig"],
            ),
        );
        let _ = ctx
            .fs
            .remove(&format!("{dir_abs}/install-config.yaml"), false);
        let _ = ctx.fs.remove(&agent_path, false);
        self.method = InstallMethod::Agent;
        self.issued.push(issued.clone());
        self.cluster = Some(ClusterRecord {
            config: cfg,
            dir: dir_abs.to_owned(),
            issued,
        });
        self.hardware = self.default_hardware();
        // The rendezvous host is node0; the others take the addresses after it.
        let base: Option<std::net::Ipv4Addr> = rendezvous.parse().ok();
        for (k, h) in self.hardware.iter_mut().enumerate() {
            h.ip = match base {
                Some(ip) => std::net::Ipv4Addr::from(u32::from(ip) + k as u32).to_string(),
                None => rendezvous.clone(),
            };
        }
        self.net = NetView::default();
        self.sim = None;
        log.info(&format!(
            "Generated ISO at {}",
            join_display(dir, "agent.x86_64.iso")
        ));
        0
    }
}

/// The EC2 instances of an AWS plan as machines, each with an address in its subnet and the node name AWS gives it.
fn aws_hardware(plan: Option<&AwsInfraPlan>) -> Vec<Hardware> {
    let Some(plan) = plan else { return Vec::new() };
    let node_domain = if plan.region == "us-east-1" {
        "ec2.internal".to_owned()
    } else {
        format!("{}.compute.internal", plan.region)
    };
    let mut rng = util::Rng::new(&plan.infra_id);
    plan.instances
        .iter()
        .enumerate()
        .map(|(k, inst)| {
            let base = plan
                .subnets
                .iter()
                .find(|s| s.name == inst.subnet)
                .and_then(|s| s.cidr.parse::<ipnet::Ipv4Net>().ok())
                .map(|n| u32::from(n.network()))
                .unwrap_or(u32::from(std::net::Ipv4Addr::new(10, 0, 0, 0)));
            let ip = std::net::Ipv4Addr::from(base + 10 + (rng.next() % 200) as u32 + k as u32)
                .to_string();
            Hardware {
                name: inst.name.clone(),
                role: match inst.role.as_str() {
                    "bootstrap" => Role::Bootstrap,
                    "master" => Role::Master,
                    _ => Role::Worker,
                },
                mac: format!(
                    "0e:{}:{}:{}:{}:{}",
                    rng.hex(2),
                    rng.hex(2),
                    rng.hex(2),
                    rng.hex(2),
                    rng.hex(2)
                ),
                fqdn: format!("ip-{}.{node_domain}", ip.replace('.', "-")),
                ip,
            }
        })
        .collect()
}

fn helper_hardware(h: &HelperNode) -> Vec<Hardware> {
    let mut hw: Vec<Hardware> = h
        .nodes()
        .into_iter()
        .map(|(role, n)| Hardware {
            name: n.name.clone(),
            role: match role {
                "bootstrap" => Role::Bootstrap,
                "master" => Role::Master,
                _ => Role::Worker,
            },
            mac: n.macaddr.to_ascii_lowercase(),
            ip: n.ipaddr.clone(),
            fqdn: String::new(),
        })
        .collect();
    hw.push(Hardware {
        name: h.helper.name.clone(),
        role: Role::Helper,
        mac: "52:54:00:00:00:77".into(),
        ip: h.helper.ipaddr.clone(),
        fqdn: String::new(),
    });
    hw.push(Hardware {
        name: "lb".into(),
        role: Role::LoadBalancer,
        mac: "52:54:00:00:00:77".into(),
        ip: h.helper.ipaddr.clone(),
        fqdn: String::new(),
    });
    hw
}

fn config_from_answers(a: &WizardAnswers) -> InstallConfig {
    let pool = |name: &str, replicas: i64| config::MachinePool {
        name: name.into(),
        replicas: Some(replicas),
        hyperthreading: Some("Enabled".into()),
        architecture: Some("amd64".into()),
        platform: Some(serde_json::json!({})),
    };
    let mut platform = config::Platform::default();
    match a.platform.as_str() {
        "aws" => {
            platform.aws = Some(config::AwsPlatform {
                region: a.aws_region.clone(),
                ..Default::default()
            })
        }
        "baremetal" => {
            platform.baremetal = Some(config::BareMetalPlatform {
                api_vips: if a.api_vip.is_empty() {
                    vec![]
                } else {
                    vec![a.api_vip.clone()]
                },
                ingress_vips: if a.ingress_vip.is_empty() {
                    vec![]
                } else {
                    vec![a.ingress_vip.clone()]
                },
                rest: Default::default(),
            })
        }
        "none" => platform.none = Some(serde_json::json!({})),
        other => {
            platform
                .other
                .insert(other.to_owned(), serde_json::json!({}));
        }
    }
    let mut metadata = config::Metadata {
        name: a.cluster_name.clone(),
        rest: Default::default(),
    };
    metadata
        .rest
        .insert("creationTimestamp".into(), Value::Null);
    InstallConfig {
        api_version: "v1".into(),
        base_domain: a.base_domain.clone(),
        metadata,
        compute: Some(vec![pool("worker", a.worker_replicas)]),
        control_plane: Some(pool("master", a.master_replicas)),
        networking: Some(config::Networking {
            cluster_network: vec![config::ClusterNetworkEntry {
                cidr: a.cluster_network.clone(),
                host_prefix: a.host_prefix,
            }],
            network_type: a.network_type.clone(),
            service_network: vec![a.service_network.clone()],
            machine_network: vec![config::MachineNetworkEntry {
                cidr: a.machine_network.clone(),
            }],
        }),
        platform,
        pull_secret: a.pull_secret.clone(),
        ssh_key: a.ssh_key.clone(),
        publish: "External".into(),
        additional_trust_bundle_policy: Some("Proxyonly".into()),
        ..InstallConfig::default()
    }
}

fn sort_value(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_shared_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sort_value(v)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sort_value).collect()),
        other => other,
    }
}

/// Serialises an install config with sorted keys, as the installer's YAML marshalling does.
pub fn sorted_yaml(cfg: &InstallConfig) -> String {
    let v = sort_value(serde_json::to_value(cfg).unwrap_or(Value::Null));
    serde_yaml_ng::to_string(&v).unwrap_or_default()
}

fn usage() -> String {
    "Creates OpenShift clusters\n\nUsage:\n  openshift-install [command]\n\nAvailable Commands:\n  agent       Commands for supporting cluster installation using agent installer\n  completion  Outputs shell completions for the openshift-install command\n  create      Create part of an OpenShift cluster\n  destroy     Destroy part of an OpenShift cluster\n  explain     List the fields for supported InstallConfig versions\n  gather      Gather debugging data for a given installation failure\n  graph       Outputs the internal dependency graph for installer\n  help        Help about any command\n  version     Print version information\n  wait-for    Wait for install-time events\n\nFlags:\n      --dir string         assets directory (default \".\")\n  -h, --help               help for openshift-install\n      --log-level string   log level (e.g. \"debug | info | warn | error\") (default \"info\")\n\nUse \"openshift-install [command] --help\" for more information about a command.\n".into()
}
