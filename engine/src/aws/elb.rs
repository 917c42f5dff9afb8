//! Elastic Load Balancing target groups and the `aws elbv2` operations that read them (`describe-target-groups`,
//! `describe-target-health`), with the Route 53 alias zone IDs load balancers carry, and what a Classic Load
//! Balancer's security groups let through (its listeners from the internet, its health checks to its instances).

use crate::sort::SortShared;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::model::{ACCOUNT_ID, AwsError, LoadBalancer, Network, Peer};

/// How long a classic load balancer's new instances stay out of service: two passing checks ten seconds apart.
pub const CLASSIC_REGISTRATION_MS: i64 = 20_000;

/// How long a newly registered target stays `initial` before its health checks pass.
pub const REGISTRATION_MS: i64 = 30_000;

/// A target group: where a listener forwards, with the registered targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// Its name, such as `ocp4-x7k2p-aint`.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// `TCP`, `HTTP`, …
    pub protocol: String,
    /// The port targets receive traffic on.
    pub port: u16,
    /// The VPC.
    pub vpc_id: String,
    /// `instance` or `ip`.
    pub target_type: String,
    /// `HTTP`, `HTTPS` or `TCP`.
    pub health_check_protocol: String,
    /// The health check path, for HTTP(S) checks.
    pub health_check_path: Option<String>,
    /// Seconds between checks.
    pub health_check_interval: u32,
    /// The load balancers whose listeners forward here.
    pub load_balancer_arns: Vec<String>,
    /// The registered targets.
    pub targets: Vec<Target>,
}

/// A registered target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// An instance ID or an IP address.
    pub id: String,
    /// The port.
    pub port: u16,
    /// When it was registered.
    pub registered_at: i64,
}

/// The canonical hosted zone of a region's network load balancers (the alias target zone of their DNS records).
pub fn nlb_zone_id(region: &str) -> &'static str {
    match region {
        "us-east-1" => "Z26RNL4JYFTOTI",
        "us-east-2" => "ZLMOA37VPKANP",
        "us-west-1" => "Z24FKFUX50B4VW",
        "us-west-2" => "Z18D5FSROUN65G",
        "eu-west-1" => "Z2IFOLAFXWLO4F",
        "eu-central-1" => "Z3F0SRJ5LGBH90",
        "ap-northeast-1" => "Z31USIVHYNEOWT",
        _ => "ZIBE1TIR4HY56",
    }
}

/// The canonical hosted zone of a region's classic load balancers.
pub fn classic_zone_id(region: &str) -> &'static str {
    match region {
        "us-east-1" => "Z35SXDOTRQ7X7K",
        "us-east-2" => "Z3AADJGX6KTTL2",
        "us-west-1" => "Z368ELLRRE2KJ0",
        "us-west-2" => "Z1H1FL5HABSF5",
        "eu-west-1" => "Z32O12XQLNTSW2",
        "eu-central-1" => "Z215JYRZR1TBD5",
        "ap-northeast-1" => "Z14GRHDCWA56QT",
        _ => "ZWKZPGTI48KDX",
    }
}

impl Network {
    /// Creates a TCP target group of `target_type` targets on `port` in `vpc_id`, health-checked over HTTPS at
    /// `path` (the installer's API and machine-config-server groups), and returns its ARN.
    pub fn create_target_group(
        &mut self,
        name: &str,
        port: u16,
        vpc_id: &str,
        target_type: &str,
        path: &str,
    ) -> Result<String, AwsError> {
        self.vpc(vpc_id)?;
        if self.target_groups.iter().any(|t| t.name == name) {
            return Err(AwsError::new(
                "DuplicateTargetGroupName",
                "A target group with the same name exists, but with different settings",
            ));
        }
        let suffix = self.random();
        let arn = format!(
            "arn:aws:elasticloadbalancing:{}:{ACCOUNT_ID}:targetgroup/{name}/{suffix:016x}",
            self.region
        );
        self.target_groups.push(TargetGroup {
            name: name.to_owned(),
            arn: arn.clone(),
            protocol: "TCP".into(),
            port,
            vpc_id: vpc_id.to_owned(),
            target_type: target_type.to_owned(),
            health_check_protocol: "HTTPS".into(),
            health_check_path: Some(path.to_owned()),
            health_check_interval: 10,
            load_balancer_arns: Vec::new(),
            targets: Vec::new(),
        });
        Ok(arn)
    }

    /// Adds a listener of load balancer `lb_arn` forwarding to target group `tg_arn`.
    pub fn attach_target_group(&mut self, tg_arn: &str, lb_arn: &str) -> Result<(), AwsError> {
        let tg = self.target_group_mut(tg_arn)?;
        if !tg.load_balancer_arns.iter().any(|a| a == lb_arn) {
            tg.load_balancer_arns.push(lb_arn.to_owned());
        }
        Ok(())
    }

    /// Registers target `id` on `port` with target group `tg_arn`.
    pub fn register_target(&mut self, tg_arn: &str, id: &str, port: u16) -> Result<(), AwsError> {
        let now = self.now;
        let tg = self.target_group_mut(tg_arn)?;
        if !tg.targets.iter().any(|t| t.id == id && t.port == port) {
            tg.targets.push(Target {
                id: id.to_owned(),
                port,
                registered_at: now,
            });
        }
        Ok(())
    }

    /// Deregisters target `id` from every target group; returns how many registrations were removed.
    pub fn deregister_everywhere(&mut self, id: &str) -> usize {
        let mut removed = 0;
        for tg in &mut self.target_groups {
            let before = tg.targets.len();
            tg.targets.retain(|t| t.id != id);
            removed += before - tg.targets.len();
        }
        removed
    }

    /// Deletes target group `tg_arn`; one still used by a load balancer cannot be deleted.
    pub fn delete_target_group(&mut self, tg_arn: &str) -> Result<(), AwsError> {
        let tg = self.target_group_mut(tg_arn)?;
        let live: Vec<String> = tg.load_balancer_arns.clone();
        if live
            .iter()
            .any(|a| self.load_balancers.iter().any(|l| &l.arn == a))
        {
            return Err(AwsError::new(
                "ResourceInUse",
                format!("Target group '{tg_arn}' is currently in use by a listener or a rule"),
            ));
        }
        self.target_groups.retain(|t| t.arn != tg_arn);
        Ok(())
    }

    fn target_group_mut(&mut self, arn: &str) -> Result<&mut TargetGroup, AwsError> {
        self.target_groups
            .iter_mut()
            .find(|t| t.arn == arn)
            .ok_or_else(|| not_found(arn))
    }
}

fn not_found(what: &str) -> AwsError {
    AwsError::new(
        "TargetGroupNotFound",
        format!("Target groups '{what}' not found"),
    )
}

/// `aws elbv2 describe-target-groups [--load-balancer-arn A] [--target-group-arns …] [--names …]`.
pub fn describe_target_groups(net: &Network, p: &Params) -> Result<Value, AwsError> {
    let names = p.list("names");
    let arns = p.list("target-group-arns");
    let lb = p.str("load-balancer-arn");
    if let Some(lb) = lb
        && !net.load_balancers.iter().any(|l| l.arn == lb)
    {
        return Err(AwsError::new(
            "LoadBalancerNotFound",
            format!("Load balancer '{lb}' not found"),
        ));
    }
    for (wanted, by_name) in names
        .iter()
        .map(|n| (n, true))
        .chain(arns.iter().map(|a| (a, false)))
    {
        let known = net.target_groups.iter().any(|t| {
            if by_name {
                &t.name == wanted
            } else {
                &t.arn == wanted
            }
        });
        if !known {
            return Err(if by_name {
                AwsError::new("TargetGroupNotFound", "One or more target groups not found")
            } else {
                not_found(wanted)
            });
        }
    }
    let mut list: Vec<&TargetGroup> = net
        .target_groups
        .iter()
        .filter(|t| names.is_empty() || names.contains(&t.name))
        .filter(|t| arns.is_empty() || arns.contains(&t.arn))
        .filter(|t| lb.is_none_or(|l| t.load_balancer_arns.iter().any(|a| a == l)))
        .collect();
    list.sort_shared_by(|a, b| a.arn.cmp(&b.arn));
    let groups: Vec<Value> = list
        .into_iter()
        .map(|t| {
            let mut v = json!({
                "TargetGroupArn": t.arn,
                "TargetGroupName": t.name,
                "Protocol": t.protocol,
                "Port": t.port,
                "VpcId": t.vpc_id,
                "HealthCheckProtocol": t.health_check_protocol,
                "HealthCheckPort": t.port.to_string(),
                "HealthCheckEnabled": true,
                "HealthCheckIntervalSeconds": t.health_check_interval,
                "HealthCheckTimeoutSeconds": 10,
                "HealthyThresholdCount": 2,
                "UnhealthyThresholdCount": 2,
                "LoadBalancerArns": t.load_balancer_arns,
                "TargetType": t.target_type,
                "IpAddressType": "ipv4"
            });
            if let Some(path) = &t.health_check_path {
                v["HealthCheckPath"] = json!(path);
                v["Matcher"] = json!({"HttpCode": "200-399"});
            }
            v
        })
        .collect();
    Ok(json!({ "TargetGroups": groups }))
}

/// `aws elbv2 describe-target-health --target-group-arn A [--targets Id=…]`.
pub fn describe_target_health(net: &Network, p: &Params) -> Result<Value, AwsError> {
    let arn = p.req("target-group-arn");
    let tg = net
        .target_groups
        .iter()
        .find(|t| t.arn == arn)
        .ok_or_else(|| not_found(arn))?;
    let attached = !tg.load_balancer_arns.is_empty();
    let list: Vec<Value> = tg
        .targets
        .iter()
        .map(|t| {
            let mut target = json!({"Id": t.id, "Port": t.port});
            // An IP target outside the VPC would show AvailabilityZone `all`; the installer's targets are inside.
            if tg.target_type == "instance"
                && let Some(i) = net.instances.iter().find(|i| i.id == t.id)
            {
                target["AvailabilityZone"] = json!(i.az);
            }
            let stopped = tg.target_type == "instance"
                && net
                    .instances
                    .iter()
                    .any(|i| i.id == t.id && i.is_terminated());
            let health = if !attached {
                json!({"State": "unused", "Reason": "Target.NotInUse", "Description": "Target group is not configured to receive traffic from the load balancer"})
            } else if stopped {
                json!({"State": "unused", "Reason": "Target.InvalidState", "Description": "Target is in the stopped state"})
            } else if net.now - t.registered_at < REGISTRATION_MS {
                json!({"State": "initial", "Reason": "Elb.RegistrationInProgress", "Description": "Target registration is in progress"})
            } else {
                json!({"State": "healthy"})
            };
            json!({"Target": target, "HealthCheckPort": t.port.to_string(), "TargetHealth": health})
        })
        .collect();
    Ok(json!({ "TargetHealthDescriptions": list }))
}

impl Network {
    /// Whether security groups `groups` admit TCP `port` from `source` (an address) or from `source_groups`. No
    /// groups at all admits everything (a load balancer the model made without them).
    pub fn groups_admit(
        &self,
        groups: &[String],
        port: u16,
        source: Option<Ipv4Addr>,
        source_groups: &[String],
    ) -> bool {
        groups.is_empty()
            || groups
                .iter()
                .filter_map(|g| self.security_group(g).ok())
                .flat_map(|g| &g.ingress)
                .any(|r| {
                    r.matches_traffic("tcp", port)
                        && match &r.peer {
                            Peer::Cidr(c) => source.is_some_and(|ip| c.contains(&ip)),
                            Peer::Group(g) => source_groups.contains(g),
                        }
                })
    }

    /// A classic load balancer's view of `instance`: `None` while it passes its health checks, otherwise the
    /// reason code and description `describe-instance-health` gives. The health check is TCP to the first listener's
    /// instance port, from the load balancer's security groups.
    pub fn classic_instance_health(
        &self,
        lb: &LoadBalancer,
        instance: &str,
    ) -> Option<(&'static str, &'static str)> {
        let failing = (
            "Instance",
            "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.",
        );
        let Ok(i) = self.instance(instance) else {
            return Some(failing);
        };
        if i.state(self.now).0 != "running" {
            return Some(failing);
        }
        if self.now - lb.created_at < CLASSIC_REGISTRATION_MS {
            return Some(("ELB", "Instance registration is still in progress."));
        }
        let port = lb.instance_ports.first().copied().unwrap_or(30000);
        let reached = self.groups_admit(&i.security_groups, port, None, &lb.security_groups)
            || lb
                .subnets
                .iter()
                .filter_map(|s| self.subnet(s).ok())
                .any(|s| self.groups_admit(&i.security_groups, port, Some(s.cidr.addr()), &[]));
        (!reached).then_some(failing)
    }
}
