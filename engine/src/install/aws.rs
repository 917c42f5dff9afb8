//! The AWS infrastructure an installer-provisioned (IPI) install creates, as data the AWS model can take in.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::config::InstallConfig;

/// One subnet the installer creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSubnet {
    /// The Name tag, such as `ocp4-x7k2p-private-us-east-1a`.
    pub name: String,
    /// The availability zone.
    pub az: String,
    /// The range.
    pub cidr: String,
    /// Whether it routes to the internet gateway (public) or a NAT gateway (private).
    pub public: bool,
}

/// One load balancer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLoadBalancer {
    /// Its name.
    pub name: String,
    /// `network` or `classic`.
    pub kind: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    /// Listener ports.
    pub ports: Vec<u16>,
    /// What it forwards to.
    pub targets: String,
}

/// One Route 53 record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRecord {
    /// The hosted zone (`example.com` public or `ocp4.example.com` private).
    pub zone: String,
    /// Whether the zone is private to the VPC.
    pub private_zone: bool,
    /// The record name.
    pub name: String,
    /// The record type (alias A).
    pub kind: String,
    /// The alias target.
    pub target: String,
}

/// One EC2 instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedInstance {
    /// The Name tag.
    pub name: String,
    /// The role.
    pub role: String,
    /// The instance type.
    pub instance_type: String,
    /// The subnet name it lands in.
    pub subnet: String,
}

/// Everything `create cluster` on AWS makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsInfraPlan {
    /// The region.
    pub region: String,
    /// The infrastructure ID that prefixes every name.
    pub infra_id: String,
    /// The VPC range, or `None` when installing into existing subnets.
    pub vpc_cidr: Option<String>,
    /// Existing subnets given in install-config (then no VPC, gateways or route tables are created).
    pub existing_subnets: Vec<String>,
    /// The availability zones used.
    pub azs: Vec<String>,
    /// The created subnets.
    pub subnets: Vec<PlannedSubnet>,
    /// The internet gateway name.
    pub internet_gateway: Option<String>,
    /// One NAT gateway per AZ, in that AZ's public subnet.
    pub nat_gateways: Vec<String>,
    /// The load balancers.
    pub load_balancers: Vec<PlannedLoadBalancer>,
    /// The Route 53 records.
    pub records: Vec<PlannedRecord>,
    /// The security groups.
    pub security_groups: Vec<String>,
    /// The EC2 instances.
    pub instances: Vec<PlannedInstance>,
    /// The S3 bucket holding bootstrap.ign.
    pub bootstrap_bucket: String,
}

/// Plans the AWS infrastructure for `config` with infrastructure ID `infra_id`.
pub fn plan(config: &InstallConfig, infra_id: &str) -> AwsInfraPlan {
    let aws = config.platform.aws.clone().unwrap_or_default();
    let region = aws.region.clone();
    let azs: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|s| format!("{region}{s}"))
        .collect();
    let cd = config.cluster_domain();
    let base = config.base_domain.trim_end_matches('.').to_owned();
    let byo = !aws.subnets.is_empty();
    let machine_cidr = config
        .networking
        .as_ref()
        .and_then(|n| n.machine_network.first())
        .map(|m| m.cidr.clone())
        .unwrap_or_else(|| "10.0.0.0/16".into());
    let mut subnets = Vec::new();
    if !byo && let Ok(vpc) = machine_cidr.parse::<Ipv4Net>() {
        // Private subnets take /19s from the start of the VPC; public ones take /21s from the fourth /19.
        let private: Vec<Ipv4Net> = vpc
            .subnets(vpc.prefix_len() + 3)
            .map(|s| s.collect())
            .unwrap_or_default();
        let public: Vec<Ipv4Net> = private
            .get(3)
            .and_then(|q| q.subnets(q.prefix_len() + 2).ok())
            .map(|s| s.collect())
            .unwrap_or_default();
        for (i, az) in azs.iter().enumerate() {
            if let Some(p) = private.get(i) {
                subnets.push(PlannedSubnet {
                    name: format!("{infra_id}-private-{az}"),
                    az: az.clone(),
                    cidr: p.to_string(),
                    public: false,
                });
            }
            if let Some(p) = public.get(i) {
                subnets.push(PlannedSubnet {
                    name: format!("{infra_id}-public-{az}"),
                    az: az.clone(),
                    cidr: p.to_string(),
                    public: true,
                });
            }
        }
    }
    let private_subnet = |i: usize| {
        if byo {
            aws.subnets
                .get(i % aws.subnets.len().max(1))
                .cloned()
                .unwrap_or_default()
        } else {
            format!("{infra_id}-private-{}", azs[i % 3])
        }
    };
    let mut instances = vec![PlannedInstance {
        name: format!("{infra_id}-bootstrap"),
        role: "bootstrap".into(),
        instance_type: "m6i.xlarge".into(),
        subnet: if byo {
            private_subnet(0)
        } else {
            format!("{infra_id}-public-{}", azs[0])
        },
    }];
    for i in 0..config.master_replicas().max(0) as usize {
        instances.push(PlannedInstance {
            name: format!("{infra_id}-master-{i}"),
            role: "master".into(),
            instance_type: "m6i.xlarge".into(),
            subnet: private_subnet(i),
        });
    }
    for i in 0..config.worker_replicas().max(0) as usize {
        instances.push(PlannedInstance {
            name: format!(
                "{infra_id}-worker-{}-{}",
                azs[i % 3],
                ["x7k2p", "m4qzd", "b9vwl"][i % 3]
            ),
            role: "worker".into(),
            instance_type: "m6i.xlarge".into(),
            subnet: private_subnet(i),
        });
    }
    AwsInfraPlan {
        region: region.clone(),
        infra_id: infra_id.into(),
        vpc_cidr: if byo { None } else { Some(machine_cidr) },
        existing_subnets: aws.subnets.clone(),
        azs: azs.clone(),
        subnets,
        internet_gateway: if byo {
            None
        } else {
            Some(format!("{infra_id}-igw"))
        },
        nat_gateways: if byo {
            Vec::new()
        } else {
            azs.iter()
                .map(|az| format!("{infra_id}-nat-{az}"))
                .collect()
        },
        load_balancers: vec![
            PlannedLoadBalancer {
                name: format!("{infra_id}-ext"),
                kind: "network".into(),
                scheme: "internet-facing".into(),
                ports: vec![6443],
                targets: "bootstrap and masters (kube-apiserver)".into(),
            },
            PlannedLoadBalancer {
                name: format!("{infra_id}-int"),
                kind: "network".into(),
                scheme: "internal".into(),
                ports: vec![6443, 22623],
                targets: "bootstrap and masters (kube-apiserver, machine-config-server)".into(),
            },
            PlannedLoadBalancer {
                name: "(created later by the ingress operator)".into(),
                kind: "classic".into(),
                scheme: "internet-facing".into(),
                ports: vec![80, 443],
                targets: "router pods on the workers".into(),
            },
        ],
        records: vec![
            PlannedRecord {
                zone: base.clone(),
                private_zone: false,
                name: format!("api.{cd}"),
                kind: "A (alias)".into(),
                target: format!("{infra_id}-ext"),
            },
            PlannedRecord {
                zone: cd.clone(),
                private_zone: true,
                name: format!("api.{cd}"),
                kind: "A (alias)".into(),
                target: format!("{infra_id}-int"),
            },
            PlannedRecord {
                zone: cd.clone(),
                private_zone: true,
                name: format!("api-int.{cd}"),
                kind: "A (alias)".into(),
                target: format!("{infra_id}-int"),
            },
            PlannedRecord {
                zone: base,
                private_zone: false,
                name: format!("*.apps.{cd}"),
                kind: "A (alias)".into(),
                target: "ingress classic load balancer".into(),
            },
            PlannedRecord {
                zone: cd.clone(),
                private_zone: true,
                name: format!("*.apps.{cd}"),
                kind: "A (alias)".into(),
                target: "ingress classic load balancer".into(),
            },
        ],
        security_groups: vec![
            format!("{infra_id}-bootstrap-sg"),
            format!("{infra_id}-master-sg"),
            format!("{infra_id}-worker-sg"),
        ],
        instances,
        bootstrap_bucket: format!("{infra_id}-bootstrap"),
    }
}
