//! Every user-visible string of the AWS tab in Korean and English, from one table.

use crate::i18n::Lang;

/// A string of the AWS tab; [`tr`] gives its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    TabLabel,
    NavLabel,
    Iam,
    Ssm,
    Code,
    Billing,
    Identity,
    BackToStudent,
    Users,
    Groups,
    Roles,
    Policies,
    Name,
    Members,
    AttachedPolicies,
    Mfa,
    AccessKeys,
    TrustedBy,
    Arn,
    DefaultVersion,
    UseInTerminal,
    TerminalColumn,
    InUse,
    NoCustomerPolicies,
    Simulator,
    SimulatorHelp,
    Principal,
    Action,
    Resource,
    Simulate,
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
    DecidedBy,
    NoStatementAllows,
    Fleet,
    FleetEmpty,
    Instance,
    Managed,
    Platform,
    Agent,
    PatchCompliance,
    NotManaged,
    ResourceGroups,
    TagQuery,
    NoGroups,
    RunCommand,
    Commands,
    Target,
    AllManaged,
    Run,
    InstallPatches,
    NoCommands,
    Status,
    Output,
    Repositories,
    NoRepos,
    Head,
    CloneUrl,
    Pipelines,
    NoPipelines,
    ReleaseChange,
    Approve,
    Reject,
    NotRun,
    Executions,
    Trigger,
    Revision,
    Started,
    ApprovalWaiting,
    MonthToDate,
    HourlyNow,
    VirtualTime,
    ByService,
    NothingCharged,
    FreeTier,
    MicroHours,
    Ipv4Hours,
    EbsGbMonths,
    Running,
    NothingRunning,
    Alarms,
    NoAlarms,
    Threshold,
    CreateAlarm,
    AlarmHelp,
    Savings,
    SavingsHelp,
    InstanceType,
    HoursPerMonth,
    Month,
    OnDemand,
    SavingsPlan,
    Reserved,
    CumulativeCost,
    Region,
    Reason,
    AsTable,
}

/// The text of `key` in `lang`.
pub fn tr(lang: Lang, key: T) -> &'static str {
    let (ko, en) = pair(key);
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

/// "4 patches missing" in `lang`.
pub fn missing_patches(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ko => format!("패치 {n}개 누락"),
        Lang::En if n == 1 => "1 patch missing".to_owned(),
        Lang::En => format!("{n} patches missing"),
    }
}

/// Why an instance is not a managed node (the engine's English reason), in `lang`.
pub fn unmanaged_reason(lang: Lang, reason: &str) -> String {
    if lang == Lang::En {
        return reason.to_owned();
    }
    if let Some(state) = reason.strip_prefix("the instance is ") {
        return format!("인스턴스가 {state} 상태입니다");
    }
    match reason {
        "no IAM instance profile is attached" => "IAM 인스턴스 프로파일이 연결되어 있지 않습니다".to_owned(),
        "the instance profile's role lacks AmazonSSMManagedInstanceCore" => {
            "인스턴스 프로파일의 역할에 AmazonSSMManagedInstanceCore가 없습니다".to_owned()
        }
        r if r.starts_with("the instance cannot reach the Systems Manager endpoints") => {
            "인스턴스가 443 포트로 Systems Manager 엔드포인트에 닿지 못합니다 (퍼블릭 IP와 인터넷 게이트웨이, 또는 NAT 게이트웨이 경로가 없음)".to_owned()
        }
        other => other.to_owned(),
    }
}

fn pair(key: T) -> (&'static str, &'static str) {
    use T::*;
    match key {
        TabLabel => ("AWS", "AWS"),
        NavLabel => ("AWS 서비스", "AWS services"),
        Iam => ("IAM", "IAM"),
        Ssm => ("Systems Manager", "Systems Manager"),
        Code => ("CodeCommit · CodePipeline", "CodeCommit · CodePipeline"),
        Billing => ("결제", "Billing"),
        Identity => ("터미널의 자격 증명", "Terminal identity"),
        BackToStudent => ("student로 돌아가기", "Back to student"),
        Users => ("사용자", "Users"),
        Groups => ("그룹", "Groups"),
        Roles => ("역할", "Roles"),
        Policies => ("고객 관리형 정책", "Customer managed policies"),
        Name => ("이름", "Name"),
        Members => ("구성원", "Members"),
        AttachedPolicies => ("정책", "Policies"),
        Mfa => ("MFA", "MFA"),
        AccessKeys => ("액세스 키", "Access keys"),
        TrustedBy => ("신뢰하는 주체", "Trusted entities"),
        Arn => ("ARN", "ARN"),
        DefaultVersion => ("기본 버전", "Default version"),
        UseInTerminal => ("터미널에서 이 사용자로", "Use in terminal"),
        TerminalColumn => ("터미널 자격 증명", "Terminal identity"),
        InUse => ("사용 중", "In use"),
        NoCustomerPolicies => (
            "고객 관리형 정책이 없습니다 (aws iam create-policy)",
            "No customer managed policies (aws iam create-policy)",
        ),
        Simulator => ("정책 시뮬레이터", "Policy simulator"),
        SimulatorHelp => (
            "aws iam simulate-principal-policy를 실행해 주체의 정책이 작업을 허용하는지 확인합니다.",
            "Runs aws iam simulate-principal-policy to see whether the principal's policies allow the action.",
        ),
        Principal => ("주체", "Principal"),
        Action => ("작업", "Action"),
        Resource => ("리소스", "Resource"),
        Simulate => ("시뮬레이션", "Simulate"),
        Allowed => ("허용 (allowed)", "allowed"),
        ExplicitDeny => ("명시적 거부 (explicitDeny)", "explicitDeny"),
        ImplicitDeny => ("암시적 거부 (implicitDeny)", "implicitDeny"),
        DecidedBy => ("결정한 문", "Deciding statement"),
        NoStatementAllows => (
            "이 작업을 허용하는 문이 없어 기본값인 암시적 거부가 됩니다.",
            "No statement allows this action, so the default implicit deny applies.",
        ),
        Fleet => ("관리형 노드", "Managed nodes"),
        FleetEmpty => (
            "이 리전에 인스턴스가 없습니다. SSM 에이전트와 AmazonSSMManagedInstanceCore 역할을 가진 EC2 인스턴스가 관리형 노드가 됩니다.",
            "No instances in this region. EC2 instances with the SSM agent and a role with AmazonSSMManagedInstanceCore become managed nodes.",
        ),
        Instance => ("인스턴스", "Instance"),
        Managed => ("SSM 상태", "SSM status"),
        Platform => ("플랫폼", "Platform"),
        Agent => ("에이전트", "Agent"),
        PatchCompliance => ("패치 규정 준수", "Patch compliance"),
        NotManaged => ("관리되지 않음", "Not managed"),
        ResourceGroups => ("리소스 그룹 (태그 기반)", "Resource groups (by tag)"),
        TagQuery => ("태그 조건", "Tag query"),
        NoGroups => (
            "리소스 그룹이 없습니다 (aws resource-groups create-group)",
            "No resource groups (aws resource-groups create-group)",
        ),
        RunCommand => ("Run Command", "Run Command"),
        Commands => ("명령", "Commands"),
        Target => ("대상", "Targets"),
        AllManaged => ("모든 관리형 노드", "All managed nodes"),
        Run => ("실행", "Run"),
        InstallPatches => (
            "패치 설치 (AWS-RunPatchBaseline)",
            "Install patches (AWS-RunPatchBaseline)",
        ),
        NoCommands => ("실행한 명령이 없습니다", "No commands yet"),
        Status => ("상태", "Status"),
        Output => ("출력", "Output"),
        Repositories => ("CodeCommit 리포지토리", "CodeCommit repositories"),
        NoRepos => (
            "리포지토리가 없습니다 (aws codecommit create-repository)",
            "No repositories (aws codecommit create-repository)",
        ),
        Head => ("최신 커밋", "Latest commit"),
        CloneUrl => ("복제 URL (HTTPS)", "Clone URL (HTTPS)"),
        Pipelines => ("파이프라인", "Pipelines"),
        NoPipelines => (
            "파이프라인이 없습니다 (aws codepipeline create-pipeline)",
            "No pipelines (aws codepipeline create-pipeline)",
        ),
        ReleaseChange => ("변경 사항 릴리스", "Release change"),
        Approve => ("승인", "Approve"),
        Reject => ("거부", "Reject"),
        NotRun => ("실행 안 됨", "Not run"),
        Executions => ("실행 기록", "Execution history"),
        Trigger => ("트리거", "Trigger"),
        Revision => ("리비전", "Revision"),
        Started => ("시작", "Started"),
        ApprovalWaiting => ("승인 대기 중", "Waiting for approval"),
        MonthToDate => ("이번 달 예상 요금", "Month-to-date estimated charges"),
        HourlyNow => ("현재 시간당 요금", "Hourly rate now"),
        VirtualTime => ("가상 시각", "Virtual time"),
        ByService => ("서비스별 요금", "Charges by service"),
        NothingCharged => ("아직 청구된 요금이 없습니다", "Nothing charged yet"),
        FreeTier => ("프리 티어 사용량 (이번 달)", "Free tier usage (this month)"),
        MicroHours => ("t2/t3.micro 인스턴스 시간", "t2/t3.micro instance hours"),
        Ipv4Hours => ("퍼블릭 IPv4 주소 시간", "Public IPv4 address hours"),
        EbsGbMonths => ("EBS 스토리지 GB-월", "EBS storage GB-months"),
        Running => ("과금 중인 리소스", "Billable resources now"),
        NothingRunning => ("과금 중인 리소스가 없습니다", "Nothing billable is running"),
        Alarms => ("CloudWatch 결제 경보", "CloudWatch billing alarms"),
        NoAlarms => ("결제 경보가 없습니다", "No billing alarms"),
        Threshold => ("임계값 (USD)", "Threshold (USD)"),
        CreateAlarm => ("결제 경보 만들기", "Create billing alarm"),
        AlarmHelp => (
            "결제 지표(EstimatedCharges)는 us-east-1에만 있으므로 경보도 그 리전에 만듭니다.",
            "Billing metrics (EstimatedCharges) live only in us-east-1, so the alarm is created there.",
        ),
        Savings => (
            "온디맨드 vs Savings Plans / 예약 인스턴스 (1년)",
            "On-Demand vs Savings Plans / Reserved Instances (1 year)",
        ),
        SavingsHelp => (
            "누적 비용입니다. 약정은 사용 여부와 관계없이 매시간 청구되므로 거의 항상 켜 두는 인스턴스에서만 이득입니다.",
            "Cumulative cost. Commitments are billed every hour whether used or not, so they only pay off for instances that run most of the time.",
        ),
        InstanceType => ("인스턴스 유형", "Instance type"),
        HoursPerMonth => ("월 사용 시간", "Hours a month"),
        Month => ("월", "Month"),
        OnDemand => ("온디맨드", "On-Demand"),
        SavingsPlan => ("Savings Plan (1년)", "Savings Plan (1 yr)"),
        Reserved => ("예약 인스턴스 (1년)", "Reserved Instance (1 yr)"),
        Region => ("리전", "Region"),
        Reason => ("상태 사유", "State reason"),
        CumulativeCost => ("누적 비용 (월)", "Cumulative cost by month"),
        AsTable => ("표로 보기", "Show as a table"),
    }
}
