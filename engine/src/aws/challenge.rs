//! Challenge checks as pure functions over the model: the week-1 VPC assignment, and a deliberately broken VPC to repair.

use crate::sort::SortShared;
use serde::{Deserialize, Serialize};

use super::AwsAccount;
use super::model::{AclEntry, Network, Peer, RouteTarget, RunSpec, SgRule, Tag};
use super::reach::{Endpoint, LAPTOP_IP, Traffic};

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// A stable identifier, such as `vpc-cidr`.
    pub id: String,
    /// Whether the check passed.
    pub passed: bool,
    /// What is checked, in English.
    pub en: String,
    /// What is checked, in Korean.
    pub ko: String,
    /// Why it failed (or what satisfied it), in English.
    pub detail: String,
}

fn check(id: &str, passed: bool, en: &str, ko: &str, detail: String) -> CheckResult {
    CheckResult {
        id: id.into(),
        passed,
        en: en.into(),
        ko: ko.into(),
        detail,
    }
}

/// The region the week-1 assignment must be built in.
pub const WEEK1_REGION: &str = "ap-northeast-2";

impl Network {
    /// Whether a subnet's route table sends internet traffic to an attached internet gateway.
    pub fn is_public_subnet(&self, subnet_id: &str) -> bool {
        let Some(t) = self.route_table_for_subnet(subnet_id) else {
            return false;
        };
        let probe = std::net::Ipv4Addr::new(8, 8, 8, 8);
        self.lookup_route(t, probe).is_some_and(|r| {
            matches!(r.target, RouteTarget::Gateway(_)) && self.route_state(t, r) == "active"
        })
    }

    /// The week-1 assignment checks (a VPC of 10.0.0.0/16 in Seoul other than an EKS cluster's, two AZs, public and private subnets in each, IGW, NAT, bastion, SSH only via the bastion, private egress through NAT).
    pub fn week1_assignment(&self) -> Vec<CheckResult> {
        let mut out = vec![];
        let vpc = self
            .vpcs
            .iter()
            .filter(|v| {
                !v.tags
                    .iter()
                    .any(|t| t.key.starts_with("kubernetes.io/cluster/"))
            })
            .find(|v| v.cidr.to_string() == "10.0.0.0/16");
        out.push(check(
            "vpc-cidr",
            vpc.is_some() && self.region == WEEK1_REGION,
            "A VPC with CIDR 10.0.0.0/16 in Seoul (ap-northeast-2)",
            "서울 리전(ap-northeast-2)에 CIDR 10.0.0.0/16인 VPC",
            match vpc {
                Some(v) => format!("{} in {}", v.id, self.region),
                None => "no vpc with 10.0.0.0/16".into(),
            },
        ));
        let Some(vpc) = vpc else {
            return out;
        };
        let subnets: Vec<_> = self.subnets.iter().filter(|s| s.vpc_id == vpc.id).collect();
        let public: Vec<_> = subnets
            .iter()
            .filter(|s| self.is_public_subnet(&s.id))
            .collect();
        let private: Vec<_> = subnets
            .iter()
            .filter(|s| !self.is_public_subnet(&s.id))
            .collect();
        let azs = |list: &[&&super::model::Subnet]| {
            let mut v: Vec<String> = list.iter().map(|s| s.az.name.clone()).collect();
            v.sort_shared();
            v.dedup();
            v
        };
        let all_azs = azs(&subnets.iter().collect::<Vec<_>>());
        out.push(check(
            "two-azs",
            all_azs.len() >= 2,
            "Subnets in at least two availability zones",
            "두 개 이상의 가용 영역에 서브넷",
            format!("zones used: {}", all_azs.join(", ")),
        ));
        let pub_azs = azs(&public.to_vec());
        let priv_azs = azs(&private.to_vec());
        let both: Vec<&String> = pub_azs.iter().filter(|z| priv_azs.contains(z)).collect();
        out.push(check(
            "public-private-per-az",
            both.len() >= 2,
            "A public and a private subnet in each of two zones",
            "두 가용 영역 각각에 퍼블릭 서브넷과 프라이빗 서브넷",
            format!(
                "public in [{}], private in [{}]",
                pub_azs.join(", "),
                priv_azs.join(", ")
            ),
        ));
        let igw = self.igw_of_vpc(&vpc.id);
        out.push(check(
            "igw",
            igw.is_some(),
            "An internet gateway attached to the VPC",
            "VPC에 연결된 인터넷 게이트웨이",
            igw.map(|g| g.id.clone())
                .unwrap_or_else(|| "none attached".into()),
        ));
        let nat = self.nat_gateways.iter().find(|n| {
            n.vpc_id == vpc.id
                && n.deleted_at.is_none()
                && n.public_ip.is_some()
                && self.is_public_subnet(&n.subnet_id)
        });
        out.push(check(
            "nat",
            nat.is_some(),
            "A public NAT gateway in a public subnet",
            "퍼블릭 서브넷에 있는 퍼블릭 NAT 게이트웨이",
            nat.map(|n| format!("{} in {}", n.id, n.subnet_id))
                .unwrap_or_else(|| "none in a public subnet".into()),
        ));
        let live: Vec<_> = self
            .instances
            .iter()
            .filter(|i| i.vpc_id == vpc.id && !i.is_terminated())
            .collect();
        let ssh = Traffic {
            protocol: "tcp".into(),
            port: 22,
        };
        let bastion = live.iter().find(|i| {
            self.is_public_subnet(&i.subnet_id)
                && self
                    .analyze(
                        &Endpoint::Internet(LAPTOP_IP),
                        &Endpoint::Instance(i.id.clone()),
                        &ssh,
                    )
                    .reachable
        });
        out.push(check(
            "bastion",
            bastion.is_some(),
            "A bastion host in a public subnet reachable by SSH from the internet",
            "인터넷에서 SSH로 접속 가능한 퍼블릭 서브넷의 배스천 호스트",
            bastion.map(|b| b.id.clone()).unwrap_or_else(|| {
                "no instance in a public subnet accepts ssh from the internet".into()
            }),
        ));
        let privates: Vec<_> = live
            .iter()
            .filter(|i| !self.is_public_subnet(&i.subnet_id))
            .collect();
        out.push(check(
            "private-instance",
            !privates.is_empty(),
            "At least one instance in a private subnet",
            "프라이빗 서브넷에 인스턴스 하나 이상",
            privates
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ));
        let via = bastion.map(|b| {
            privates
                .iter()
                .map(|p| (p.id.clone(), self.analyze_bastion_ssh(&b.id, &p.id)))
                .collect::<Vec<_>>()
        });
        let via_ok = via.as_ref().is_some_and(|v| {
            !v.is_empty() && v.iter().all(|(_, legs)| legs.iter().all(|l| l.reachable))
        });
        out.push(check(
            "ssh-via-bastion",
            via_ok,
            "SSH from the internet reaches each private instance through the bastion",
            "인터넷에서 배스천을 거쳐 각 프라이빗 인스턴스로 SSH 접속 가능",
            match &via {
                None => "no bastion".into(),
                Some(v) => v
                    .iter()
                    .filter_map(|(id, legs)| {
                        legs.iter()
                            .find(|l| !l.reachable)
                            .map(|l| format!("{id}: {}", l.explanations[0].code))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        ));
        let direct: Vec<String> = privates
            .iter()
            .filter(|p| {
                self.analyze(
                    &Endpoint::Internet(LAPTOP_IP),
                    &Endpoint::Instance(p.id.clone()),
                    &ssh,
                )
                .reachable
            })
            .map(|p| p.id.clone())
            .collect();
        out.push(check(
            "ssh-only-via-bastion",
            direct.is_empty() && !privates.is_empty(),
            "Private instances cannot be reached by SSH directly from the internet",
            "프라이빗 인스턴스는 인터넷에서 직접 SSH로 접속할 수 없음",
            if direct.is_empty() {
                "no direct path".into()
            } else {
                format!("directly reachable: {}", direct.join(", "))
            },
        ));
        let egress: Vec<(String, bool, String)> = privates
            .iter()
            .map(|p| {
                let a = self.analyze_internet_egress(&p.id);
                let through_nat = a.hops.iter().any(|h| {
                    h.component_type == "AWS::EC2::NatGateway"
                        || h.component_type == "AWS::EC2::NetworkInterface"
                });
                let why = a
                    .explanations
                    .first()
                    .map(|e| e.code.clone())
                    .unwrap_or_default();
                (p.id.clone(), a.reachable && through_nat, why)
            })
            .collect();
        out.push(check(
            "private-egress-via-nat",
            !egress.is_empty() && egress.iter().all(|e| e.1),
            "Private instances reach the internet (yum install) through NAT",
            "프라이빗 인스턴스가 NAT를 통해 인터넷에 접속(yum install) 가능",
            egress
                .iter()
                .filter(|e| !e.1)
                .map(|e| format!("{}: {}", e.0, e.2))
                .collect::<Vec<_>>()
                .join("; "),
        ));
        out
    }
}

impl AwsAccount {
    /// The week-1 checks against the Seoul network.
    pub fn week1_assignment(&self) -> Vec<super::challenge::CheckResult> {
        match self.network(WEEK1_REGION) {
            Some(n) => n.week1_assignment(),
            None => Network::new(WEEK1_REGION, 0).week1_assignment(),
        }
    }
}

/// The IDs of a week-1 network built by [`build_week1`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week1Ids {
    /// The VPC.
    pub vpc: String,
    /// Public subnets in 2a and 2c.
    pub public_subnets: Vec<String>,
    /// Private subnets in 2a and 2c.
    pub private_subnets: Vec<String>,
    /// The internet gateway.
    pub igw: String,
    /// The NAT gateway.
    pub nat: String,
    /// The public route table.
    pub public_rtb: String,
    /// The private route table.
    pub private_rtb: String,
    /// The bastion's security group.
    pub bastion_sg: String,
    /// The private instances' security group.
    pub private_sg: String,
    /// The bastion instance.
    pub bastion: String,
    /// The private instances.
    pub private_instances: Vec<String>,
}

fn name(n: &str) -> Vec<Tag> {
    vec![Tag {
        key: "Name".into(),
        value: n.into(),
    }]
}

/// Builds the correct week-1 network in the account's Seoul region and lets virtual time pass until everything is running.
pub fn build_week1(acct: &mut AwsAccount) -> Result<Week1Ids, super::AwsError> {
    let net = acct.network_mut(WEEK1_REGION);
    if net.key_pair("my-key").is_err() {
        net.create_key_pair("my-key", "rsa")?;
    }
    let vpc = net.create_vpc("10.0.0.0/16")?;
    net.create_tags(&vpc, &name("week1-vpc"))?;
    net.modify_vpc_attribute(&vpc, Some(true), None)?;
    let mut public_subnets = vec![];
    let mut private_subnets = vec![];
    for (k, az) in ["ap-northeast-2a", "ap-northeast-2c"].iter().enumerate() {
        let p = net.create_subnet(&vpc, &format!("10.0.{}.0/24", k + 1), Some(az))?;
        net.create_tags(&p, &name(&format!("public-{}", &az[az.len() - 1..])))?;
        net.set_map_public_ip(&p, true)?;
        public_subnets.push(p);
        let q = net.create_subnet(&vpc, &format!("10.0.{}.0/24", k + 11), Some(az))?;
        net.create_tags(&q, &name(&format!("private-{}", &az[az.len() - 1..])))?;
        private_subnets.push(q);
    }
    let igw = net.create_internet_gateway();
    net.create_tags(&igw, &name("week1-igw"))?;
    net.attach_internet_gateway(&igw, &vpc)?;
    let public_rtb = net.create_route_table(&vpc)?;
    net.create_tags(&public_rtb, &name("public-rt"))?;
    net.create_route(&public_rtb, "0.0.0.0/0", RouteTarget::Gateway(igw.clone()))?;
    for s in &public_subnets {
        net.associate_route_table(&public_rtb, s)?;
    }
    let eip = net.allocate_address();
    let nat = net.create_nat_gateway(&public_subnets[0], Some(&eip), false)?;
    let private_rtb = net.create_route_table(&vpc)?;
    net.create_tags(&private_rtb, &name("private-rt"))?;
    net.create_route(
        &private_rtb,
        "0.0.0.0/0",
        RouteTarget::NatGateway(nat.clone()),
    )?;
    for s in &private_subnets {
        net.associate_route_table(&private_rtb, s)?;
    }
    let bastion_sg = net.create_security_group(&vpc, "bastion-sg", "SSH from my laptop")?;
    net.authorize(&bastion_sg, false, vec![rule("tcp", 22, Peer::anywhere())])?;
    let private_sg = net.create_security_group(&vpc, "private-sg", "SSH from the bastion")?;
    net.authorize(
        &private_sg,
        false,
        vec![rule("tcp", 22, Peer::Group(bastion_sg.clone()))],
    )?;
    let (_, b) = net.run_instances(&RunSpec {
        image_id: "ami-0c9c942bd7bf113a2".into(),
        instance_type: "t3.micro".into(),
        key_name: Some("my-key".into()),
        subnet_id: public_subnets[0].clone(),
        security_groups: vec![bastion_sg.clone()],
        count: 1,
        tags: name("bastion"),
        ..RunSpec::default()
    })?;
    let mut private_instances = vec![];
    for (k, s) in private_subnets.iter().enumerate() {
        let (_, ids) = net.run_instances(&RunSpec {
            image_id: "ami-0c9c942bd7bf113a2".into(),
            instance_type: "t3.micro".into(),
            key_name: Some("my-key".into()),
            subnet_id: s.clone(),
            security_groups: vec![private_sg.clone()],
            count: 1,
            tags: name(&format!("app-{}", k + 1)),
            ..RunSpec::default()
        })?;
        private_instances.extend(ids);
    }
    acct.advance(super::model::NAT_PENDING_MS);
    Ok(Week1Ids {
        vpc,
        public_subnets,
        private_subnets,
        igw,
        nat,
        public_rtb,
        private_rtb,
        bastion_sg,
        private_sg,
        bastion: b[0].clone(),
        private_instances,
    })
}

fn rule(protocol: &str, port: i32, peer: Peer) -> SgRule {
    SgRule::on_port(protocol, port, peer)
}

/// One planted fault of the repair challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The explanation code the analyser reports for it.
    pub code: String,
    /// The component at fault.
    pub component_id: String,
    /// A hint in English.
    pub hint_en: String,
    /// A hint in Korean.
    pub hint_ko: String,
}

/// Builds the week-1 network with three planted faults to repair: the NAT gateway sits in a private subnet, the bastion's security group lacks SSH, and the public subnets' network ACL blocks return traffic on ephemeral ports.
pub fn build_broken_vpc(acct: &mut AwsAccount) -> Result<(Week1Ids, Vec<Fault>), super::AwsError> {
    let ids = build_week1(acct)?;
    let net = acct.network_mut(WEEK1_REGION);
    // Fault 1: move the NAT gateway into a private subnet.
    net.delete_nat_gateway(&ids.nat)?;
    let eip = net.allocate_address();
    let bad_nat = net.create_nat_gateway(&ids.private_subnets[1], Some(&eip), false)?;
    net.replace_route(
        &ids.private_rtb,
        "0.0.0.0/0",
        RouteTarget::NatGateway(bad_nat.clone()),
    )?;
    // Fault 2: the bastion's security group admits nothing.
    net.revoke(&ids.bastion_sg, false, &[rule("tcp", 22, Peer::anywhere())])?;
    net.authorize(
        &ids.bastion_sg,
        false,
        vec![rule("tcp", 3389, Peer::anywhere())],
    )?;
    // Fault 3: a network ACL on the public subnets that allows SSH in but no replies out.
    let acl = net.create_network_acl(&ids.vpc)?;
    let any: super::cidr::Ipv4Net = "0.0.0.0/0".parse().expect("literal");
    let vpc_net: super::cidr::Ipv4Net = "10.0.0.0/16".parse().expect("literal");
    for (n, egress, cidr, ports) in [
        (100, false, any, Some((22, 22))),
        (110, false, any, Some((1024, 65535))),
        (100, true, vpc_net, None),
        (110, true, any, Some((80, 80))),
        (120, true, any, Some((443, 443))),
    ] {
        net.put_acl_entry(
            &acl,
            AclEntry {
                rule_number: n,
                egress,
                protocol: if ports.is_some() {
                    "6".into()
                } else {
                    "-1".into()
                },
                allow: true,
                cidr,
                ports,
            },
            false,
        )?;
    }
    for s in &ids.public_subnets {
        net.set_subnet_acl(s, &acl)?;
    }
    acct.advance(super::model::NAT_PENDING_MS);
    let faults = vec![
        Fault {
            code: "NAT_GATEWAY_IN_PRIVATE_SUBNET".into(),
            component_id: bad_nat,
            hint_en:
                "Private instances cannot reach the internet: where does the NAT gateway live?"
                    .into(),
            hint_ko:
                "프라이빗 인스턴스가 인터넷에 나가지 못합니다. NAT 게이트웨이는 어디에 있나요?"
                    .into(),
        },
        Fault {
            code: "ENI_SG_RULES_MISMATCH".into(),
            component_id: ids.bastion_sg.clone(),
            hint_en: "SSH to the bastion times out: what does its security group allow?".into(),
            hint_ko: "배스천으로 SSH가 타임아웃됩니다. 보안 그룹은 무엇을 허용하나요?".into(),
        },
        Fault {
            code: "SUBNET_ACL_RESTRICTION".into(),
            component_id: acl,
            hint_en: "Requests get in, replies never come back: network ACLs are stateless.".into(),
            hint_ko:
                "요청은 들어가는데 응답이 돌아오지 않습니다. 네트워크 ACL은 상태 비저장입니다."
                    .into(),
        },
    ];
    Ok((ids, faults))
}
