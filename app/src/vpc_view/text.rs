//! Every string of the VPC tab, in Korean and English.

/// A string of the VPC tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    /// "Accumulated".
    Accumulated,
    /// "Accumulated (US cents)".
    AccumulatedUsd,
    /// "Add".
    Add,
    /// "Analyze path".
    Analyze,
    /// "Associate".
    Associate,
    /// "Attach to VPC".
    Attach,
    /// "Attached to".
    AttachedTo,
    /// "VPC diagram".
    CanvasLabel,
    /// "CIDR block".
    Cidr,
    /// "Clear path".
    ClearPath,
    /// "Equivalent command".
    Command,
    /// "Cost meter".
    Cost,
    /// "Accumulated cost over virtual time".
    CostHistory,
    /// "Delete".
    Delete,
    /// "Description".
    Description,
    /// "Destination".
    Destination,
    /// "Detach".
    Detach,
    /// "Download".
    Download,
    /// "Elastic IP".
    ElasticIp,
    /// "Export (CloudFormation / Terraform)".
    Export,
    /// "free".
    Free,
    /// "Available addresses".
    FreeAddresses,
    /// "Group name".
    GroupName,
    /// "Instance type".
    InstanceType,
    /// "Internet".
    Internet,
    /// "IP address".
    IpAddress,
    /// "Item".
    Item,
    /// "Kind".
    Kind,
    /// "Elastic IP".
    KindEip,
    /// "Internet gateway".
    KindIgw,
    /// "Security group ingress rule".
    KindIngress,
    /// "EC2 instance".
    KindInstance,
    /// "NAT gateway".
    KindNat,
    /// "Route".
    KindRoute,
    /// "Route table".
    KindRouteTable,
    /// "Security group".
    KindSecurityGroup,
    /// "Subnet".
    KindSubnet,
    /// "VPC".
    KindVpc,
    /// "Last aws command".
    LastCommand,
    /// "Name (Name tag)".
    Name,
    /// "✕ Not reachable".
    NotReachable,
    /// "Nothing is billed".
    NothingBilled,
    /// "VPC builder panel".
    Panel,
    /// "Path from here".
    PathFrom,
    /// "Reachability analysis".
    PathTitle,
    /// "Path to here".
    PathTo,
    /// "Per hour".
    PerHour,
    /// "Port".
    Port,
    /// "private".
    Private,
    /// "Private IP".
    PrivateIp,
    /// "Protocol".
    Protocol,
    /// "public".
    Public,
    /// "Public IP".
    PublicIp,
    /// "✓ Reachable".
    Reachable,
    /// "Resource".
    Resource,
    /// "return traffic".
    ReturnTraffic,
    /// "route".
    RouteArrow,
    /// "Route table".
    RouteTable,
    /// "Run".
    Run,
    /// "Security group".
    SecurityGroup,
    /// "Selected resource".
    Selected,
    /// "Source".
    Source,
    /// "Source CIDR".
    SourceCidr,
    /// "Source group".
    SourceGroup,
    /// "State".
    State,
    /// "Subnet".
    Subnet,
    /// "Target".
    Target,
    /// "Terminate".
    Terminate,
    /// "Toggle DNS hostnames".
    ToggleDnsHostnames,
    /// "Toggle auto-assign public IP".
    TogglePublicIp,
    /// "Toggle source/destination check".
    ToggleSourceDest,
    /// "✓ Valid".
    Valid,
    /// "VPC".
    Vpc,
    /// "What".
    What,
    /// "Availability zone".
    Zone,
}

/// The string in Korean (`ko`) or English.
pub fn tr(ko: bool, t: T) -> &'static str {
    let (korean, english) = match t {
        T::Accumulated => ("누적", "Accumulated"),
        T::AccumulatedUsd => ("누적 비용 (센트)", "Accumulated (US cents)"),
        T::Add => ("추가", "Add"),
        T::Analyze => ("경로 분석", "Analyze path"),
        T::Associate => ("연결", "Associate"),
        T::Attach => ("VPC에 연결", "Attach to VPC"),
        T::AttachedTo => ("연결된 VPC", "Attached to"),
        T::CanvasLabel => ("VPC 구성도", "VPC diagram"),
        T::Cidr => ("CIDR 블록", "CIDR block"),
        T::ClearPath => ("경로 지우기", "Clear path"),
        T::Command => ("같은 명령", "Equivalent command"),
        T::Cost => ("비용 미터", "Cost meter"),
        T::CostHistory => (
            "가상 시간에 따른 누적 비용",
            "Accumulated cost over virtual time",
        ),
        T::Delete => ("삭제", "Delete"),
        T::Description => ("설명", "Description"),
        T::Destination => ("목적지", "Destination"),
        T::Detach => ("분리", "Detach"),
        T::Download => ("내려받기", "Download"),
        T::ElasticIp => ("탄력적 IP", "Elastic IP"),
        T::Export => (
            "내보내기 (CloudFormation / Terraform)",
            "Export (CloudFormation / Terraform)",
        ),
        T::Free => ("개 사용 가능", "free"),
        T::FreeAddresses => ("사용 가능한 주소", "Available addresses"),
        T::GroupName => ("그룹 이름", "Group name"),
        T::InstanceType => ("인스턴스 유형", "Instance type"),
        T::Internet => ("인터넷", "Internet"),
        T::IpAddress => ("IP 주소", "IP address"),
        T::Item => ("항목", "Item"),
        T::Kind => ("종류", "Kind"),
        T::KindEip => ("탄력적 IP", "Elastic IP"),
        T::KindIgw => ("인터넷 게이트웨이", "Internet gateway"),
        T::KindIngress => ("보안 그룹 인바운드 규칙", "Security group ingress rule"),
        T::KindInstance => ("EC2 인스턴스", "EC2 instance"),
        T::KindNat => ("NAT 게이트웨이", "NAT gateway"),
        T::KindRoute => ("라우트", "Route"),
        T::KindRouteTable => ("라우팅 테이블", "Route table"),
        T::KindSecurityGroup => ("보안 그룹", "Security group"),
        T::KindSubnet => ("서브넷", "Subnet"),
        T::KindVpc => ("VPC", "VPC"),
        T::LastCommand => ("마지막 aws 명령", "Last aws command"),
        T::Name => ("이름 (Name 태그)", "Name (Name tag)"),
        T::NotReachable => ("✕ 도달할 수 없음", "✕ Not reachable"),
        T::NothingBilled => ("과금되는 리소스가 없습니다", "Nothing is billed"),
        T::Panel => ("VPC 빌더 패널", "VPC builder panel"),
        T::PathFrom => ("경로 출발지로", "Path from here"),
        T::PathTitle => ("도달 가능성 분석", "Reachability analysis"),
        T::PathTo => ("경로 목적지로", "Path to here"),
        T::PerHour => ("시간당", "Per hour"),
        T::Port => ("포트", "Port"),
        T::Private => ("프라이빗", "private"),
        T::PrivateIp => ("프라이빗 IP", "Private IP"),
        T::Protocol => ("프로토콜", "Protocol"),
        T::Public => ("퍼블릭", "public"),
        T::PublicIp => ("퍼블릭 IP", "Public IP"),
        T::Reachable => ("✓ 도달 가능", "✓ Reachable"),
        T::Resource => ("리소스", "Resource"),
        T::ReturnTraffic => ("응답 트래픽", "return traffic"),
        T::RouteArrow => ("라우트", "route"),
        T::RouteTable => ("라우팅 테이블", "Route table"),
        T::Run => ("실행", "Run"),
        T::SecurityGroup => ("보안 그룹", "Security group"),
        T::Selected => ("선택한 리소스", "Selected resource"),
        T::Source => ("출발지", "Source"),
        T::SourceCidr => ("소스 CIDR", "Source CIDR"),
        T::SourceGroup => ("소스 보안 그룹", "Source group"),
        T::State => ("상태", "State"),
        T::Subnet => ("서브넷", "Subnet"),
        T::Target => ("대상", "Target"),
        T::Terminate => ("종료", "Terminate"),
        T::ToggleDnsHostnames => ("DNS 호스트 이름 켜기/끄기", "Toggle DNS hostnames"),
        T::TogglePublicIp => (
            "퍼블릭 IP 자동 할당 켜기/끄기",
            "Toggle auto-assign public IP",
        ),
        T::ToggleSourceDest => (
            "소스/대상 확인 켜기/끄기",
            "Toggle source/destination check",
        ),
        T::Valid => ("✓ 유효합니다", "✓ Valid"),
        T::Vpc => ("VPC", "VPC"),
        T::What => ("무엇을", "What"),
        T::Zone => ("가용 영역", "Availability zone"),
    };
    if ko { korean } else { english }
}
