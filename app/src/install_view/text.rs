//! Every string of the Install tab in Korean and English.

/// A string of the Install tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    /// The method picker's label.
    Method,
    /// IPI on AWS.
    MethodIpi,
    /// UPI bare metal with a helper node.
    MethodUpi,
    /// Agent-based.
    MethodAgent,
    /// The install-config wizard's title.
    Wizard,
    /// The install directory.
    Dir,
    /// Platform.
    Platform,
    /// Cluster name.
    ClusterName,
    /// Base domain.
    BaseDomain,
    /// Control plane replicas.
    Masters,
    /// Compute replicas.
    Workers,
    /// Network type.
    NetworkType,
    /// Machine network.
    MachineNetwork,
    /// Cluster network.
    ClusterNetwork,
    /// Host prefix.
    HostPrefix,
    /// Service network.
    ServiceNetwork,
    /// Pull secret.
    PullSecret,
    /// SSH key.
    SshKey,
    /// AWS region.
    Region,
    /// Write install-config.yaml.
    WriteConfig,
    /// The config would be valid.
    ConfigValid,
    /// The helper form's title.
    Helper,
    /// Helper IP.
    HelperIp,
    /// Role column.
    Role,
    /// Name column.
    Name,
    /// MAC column.
    Mac,
    /// IP column.
    Ip,
    /// Add a worker.
    AddWorker,
    /// Remove the last worker.
    RemoveWorker,
    /// Run the helper playbook.
    RunPlaybook,
    /// Generated files title.
    Files,
    /// Save an edited file.
    SaveFile,
    /// Saved.
    Saved,
    /// No helper files yet.
    NoFiles,
    /// The steps bar title.
    Steps,
    /// Create manifests.
    CreateManifests,
    /// Create ignition configs.
    CreateIgnition,
    /// Publish the ignition files on the helper's web server.
    Publish,
    /// Power on the machines.
    PowerOn,
    /// Create cluster (IPI).
    CreateCluster,
    /// Create the agent image.
    AgentImage,
    /// Rendezvous IP.
    RendezvousIp,
    /// The machines diagram title.
    Machines,
    /// The timeline title.
    Timeline,
    /// Play.
    Play,
    /// Pause.
    Pause,
    /// Step forward.
    Step,
    /// Step back.
    Back,
    /// Not started.
    NotStarted,
    /// Waiting, with the reason after.
    Waiting,
    /// Running.
    Running,
    /// Done.
    Done,
    /// The logs title.
    Logs,
    /// The installer log.
    InstallLog,
    /// Journal of a machine.
    Journal,
    /// No log lines yet.
    NoLog,
    /// The CSR title.
    Csrs,
    /// Approve.
    Approve,
    /// Approve all.
    ApproveAll,
    /// No pending CSRs.
    NoCsrs,
    /// The faults title.
    Faults,
    /// Inject.
    Inject,
    /// Missing api-int.
    FaultApiInt,
    /// Wrong MAC.
    FaultMac,
    /// HAProxy without 22623.
    FaultHaproxy,
    /// Expired ignition.
    FaultExpired,
    /// Too few masters.
    FaultMasters,
    /// Unapproved CSRs.
    FaultCsrs,
    /// Where the symptom shows.
    SymptomAt,
    /// The finished cluster banner.
    Installed,
    /// The status line before anything runs.
    Idle,
    /// Click a machine for its journal.
    ClickMachine,
    /// The current stage.
    Stage,
}

/// The text of `key` in Korean when `ko`, else in English.
pub fn tr(ko: bool, key: T) -> &'static str {
    let (k, e) = match key {
        T::Method => ("설치 방식", "Install method"),
        T::MethodIpi => ("IPI (AWS)", "IPI on AWS"),
        T::MethodUpi => ("UPI 베어메탈 + 헬퍼 노드", "UPI bare metal + helper node"),
        T::MethodAgent => ("에이전트 기반", "Agent-based"),
        T::Wizard => ("install-config.yaml 마법사", "install-config.yaml wizard"),
        T::Dir => ("설치 디렉터리", "Install directory"),
        T::Platform => ("플랫폼", "Platform"),
        T::ClusterName => ("클러스터 이름", "Cluster name"),
        T::BaseDomain => ("기본 도메인", "Base domain"),
        T::Masters => ("컨트롤 플레인 수", "Control plane replicas"),
        T::Workers => ("컴퓨트 수", "Compute replicas"),
        T::NetworkType => ("네트워크 유형", "Network type"),
        T::MachineNetwork => ("머신 네트워크", "Machine network"),
        T::ClusterNetwork => ("클러스터 네트워크", "Cluster network"),
        T::HostPrefix => ("hostPrefix", "hostPrefix"),
        T::ServiceNetwork => ("서비스 네트워크", "Service network"),
        T::PullSecret => ("풀 시크릿", "Pull secret"),
        T::SshKey => ("SSH 공개 키", "SSH public key"),
        T::Region => ("AWS 리전", "AWS region"),
        T::WriteConfig => ("install-config.yaml 쓰기", "Write install-config.yaml"),
        T::ConfigValid => (
            "설치 프로그램 검증 통과",
            "Passes the installer's validation",
        ),
        T::Helper => (
            "헬퍼 노드 (ocp4-helpernode)",
            "Helper node (ocp4-helpernode)",
        ),
        T::HelperIp => ("헬퍼 IP", "Helper IP"),
        T::Role => ("역할", "Role"),
        T::Name => ("이름", "Name"),
        T::Mac => ("MAC", "MAC"),
        T::Ip => ("IP", "IP"),
        T::AddWorker => ("워커 추가", "Add worker"),
        T::RemoveWorker => ("워커 제거", "Remove worker"),
        T::RunPlaybook => ("플레이북 실행 (vars.yaml)", "Run the playbook (vars.yaml)"),
        T::Files => ("헬퍼 서비스 설정", "Helper service configs"),
        T::SaveFile => ("저장", "Save"),
        T::Saved => ("저장했습니다", "Saved"),
        T::NoFiles => (
            "아직 생성된 파일이 없습니다. 플레이북을 실행하세요.",
            "No files yet: run the playbook.",
        ),
        T::Steps => ("설치 단계", "Install steps"),
        T::CreateManifests => ("create manifests", "create manifests"),
        T::CreateIgnition => ("create ignition-configs", "create ignition-configs"),
        T::Publish => ("Ignition 게시 (8080)", "Publish ignition (8080)"),
        T::PowerOn => ("머신 전원 켜기 (PXE)", "Power on machines (PXE)"),
        T::CreateCluster => ("create cluster", "create cluster"),
        T::AgentImage => ("agent create image", "agent create image"),
        T::RendezvousIp => ("랑데부 IP", "Rendezvous IP"),
        T::Machines => ("머신", "Machines"),
        T::Timeline => ("부트스트랩 타임라인", "Bootstrap timeline"),
        T::Play => ("재생", "Play"),
        T::Pause => ("일시정지", "Pause"),
        T::Step => ("다음 단계", "Step"),
        T::Back => ("이전 단계", "Step back"),
        T::NotStarted => ("시작 전", "not started"),
        T::Waiting => ("대기 중", "waiting"),
        T::Running => ("진행 중", "running"),
        T::Done => ("완료", "done"),
        T::Logs => ("로그", "Logs"),
        T::InstallLog => (".openshift_install.log", ".openshift_install.log"),
        T::Journal => ("저널", "journal"),
        T::NoLog => ("아직 로그가 없습니다.", "No log lines yet."),
        T::Csrs => ("대기 중인 CSR", "Pending CSRs"),
        T::Approve => ("승인", "Approve"),
        T::ApproveAll => ("모두 승인", "Approve all"),
        T::NoCsrs => ("대기 중인 CSR이 없습니다.", "No pending CSRs."),
        T::Faults => ("장애 주입", "Inject a fault"),
        T::Inject => ("주입", "Inject"),
        T::FaultApiInt => ("api-int DNS 레코드 누락", "Missing api-int DNS record"),
        T::FaultMac => ("DHCP의 잘못된 MAC (master1)", "Wrong MAC in DHCP (master1)"),
        T::FaultHaproxy => ("HAProxy에 22623 없음", "HAProxy without 22623"),
        T::FaultExpired => (
            "만료된 Ignition 인증서 (24시간 초과)",
            "Expired ignition certificates (over 24 h)",
        ),
        T::FaultMasters => ("마스터 부족 (2대)", "Too few masters (2)"),
        T::FaultCsrs => (
            "CSR 미승인 (워커 NotReady)",
            "Unapproved CSRs (workers NotReady)",
        ),
        T::SymptomAt => ("증상이 나타나는 단계", "Symptom shows at step"),
        T::Installed => (
            "설치 완료: 이 클러스터가 이제 세션의 클러스터입니다",
            "Installed: this cluster is now the session's cluster",
        ),
        T::Idle => ("아직 설치가 시작되지 않았습니다", "No install running yet"),
        T::ClickMachine => (
            "머신을 누르면 저널을 봅니다",
            "Click a machine for its journal",
        ),
        T::Stage => ("현재 단계", "Current step"),
    };
    if ko { k } else { e }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_differ_where_words_are_translated() {
        assert_ne!(tr(true, T::Play), tr(false, T::Play));
        assert_eq!(tr(true, T::HostPrefix), tr(false, T::HostPrefix));
    }
}
