//! The link between an installer-provisioned AWS cluster and the account, kept by the session because each side has
//! its own owner. [`AccountCloud`] is the installer's view of the account: `create cluster` builds the network, the
//! API load balancers with their target groups, the Route 53 zones and records and the bootstrap and control plane
//! instances, destroys the bootstrap resources after bootstrap-complete, adds the router's load balancer, and
//! `destroy cluster` deletes it all again. After virtual time passes every Machine gets its instance (the installer's
//! own for the control plane, otherwise one launched through the AWS model's `run_instances`, written back into the
//! Machine through the cluster) and every deleted Machine's instance is terminated.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::api::Object;
use crate::api::time::rfc3339;
use crate::aws::AwsAccount;
use crate::aws::elb::{classic_zone_id, nlb_zone_id};
use crate::aws::model::{Network, RouteTarget, RunSpec, Tag};
use crate::aws::route53::Alias;
use crate::cluster::Cluster;
use crate::cluster::controllers::machines::{addresses, machine_kind};
use crate::install::{AwsInfraPlan, Cloud, Hardware, Role};

/// The namespace of the Machine API.
const NAMESPACE: &str = "openshift-machine-api";
/// The annotation the machine controller keeps the instance state in.
const STATE: &str = "machine.openshift.io/instance-state";

/// A tag `key` = `value`.
pub(super) fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

fn owned(infra_id: &str) -> Tag {
    tag(&format!("kubernetes.io/cluster/{infra_id}"), "owned")
}

/// Creates the network an IPI install on AWS made (VPC, internet gateway, subnets, route tables, NAT gateways,
/// security groups, tagged as the installer tags them) in the account, once: a VPC already tagged with the
/// infrastructure ID is left alone, and an install into existing subnets creates nothing.
pub fn provision_network(aws: &mut AwsAccount, plan: &AwsInfraPlan, backdate_ms: i64) {
    let Some(cidr) = plan.vpc_cidr.as_deref() else {
        return;
    };
    let infra = plan.infra_id.as_str();
    let vpc_name = format!("{infra}-vpc");
    let net = aws.network_mut(&plan.region);
    if installer_vpc(net, infra).is_some() {
        return;
    }
    let Ok(vpc) = net.create_vpc(cidr) else {
        return;
    };
    let _ = net.create_tags(&vpc, &[tag("Name", &vpc_name), owned(infra)]);
    let _ = net.modify_vpc_attribute(&vpc, Some(true), None);
    let igw = net.create_internet_gateway();
    let _ = net.attach_internet_gateway(&igw, &vpc);
    let _ = net.create_tags(&igw, &[tag("Name", &format!("{infra}-igw")), owned(infra)]);
    // Made `backdate_ms` before now (an install adopted without its network had it made well before).
    let now = net.now;
    net.now = (now - backdate_ms).max(0);
    let mut subnets: Vec<(&str, bool, String)> = Vec::new();
    for s in &plan.subnets {
        if let Ok(id) = net.create_subnet(&vpc, &s.cidr, Some(&s.az)) {
            let role = if s.public {
                "kubernetes.io/role/elb"
            } else {
                "kubernetes.io/role/internal-elb"
            };
            let _ = net.create_tags(&id, &[tag("Name", &s.name), owned(infra), tag(role, "")]);
            subnets.push((s.az.as_str(), s.public, id));
        }
    }
    // One public route table to the internet gateway; per zone a NAT gateway and a private route table to it.
    if let Ok(public) = net.create_route_table(&vpc) {
        let _ = net.create_tags(
            &public,
            &[tag("Name", &format!("{infra}-public")), owned(infra)],
        );
        let _ = net.create_route(&public, "0.0.0.0/0", RouteTarget::Gateway(igw.clone()));
        for (_, _, id) in subnets.iter().filter(|(_, p, _)| *p) {
            let _ = net.associate_route_table(&public, id);
        }
    }
    for az in &plan.azs {
        let find = |public: bool| {
            subnets
                .iter()
                .find(|(z, p, _)| z == az && *p == public)
                .map(|(_, _, id)| id.clone())
        };
        let (Some(public), Some(private)) = (find(true), find(false)) else {
            continue;
        };
        let eip = net.allocate_address();
        let _ = net.create_tags(
            &eip,
            &[tag("Name", &format!("{infra}-eip-{az}")), owned(infra)],
        );
        let Ok(nat) = net.create_nat_gateway(&public, Some(&eip), false) else {
            continue;
        };
        let _ = net.create_tags(
            &nat,
            &[tag("Name", &format!("{infra}-nat-{az}")), owned(infra)],
        );
        if let Ok(table) = net.create_route_table(&vpc) {
            let _ = net.create_tags(
                &table,
                &[tag("Name", &format!("{infra}-private-{az}")), owned(infra)],
            );
            let _ = net.create_route(&table, "0.0.0.0/0", RouteTarget::NatGateway(nat));
            let _ = net.associate_route_table(&table, &private);
        }
    }
    for name in &plan.security_groups {
        if let Ok(id) = net.create_security_group(&vpc, name, "Created By OpenShift Installer") {
            let _ = net.create_tags(&id, &[tag("Name", name), owned(infra)]);
        }
    }
    net.now = now;
}

/// The first value of the `tag:Name` filter of a provider spec's subnet or security group reference.
fn name_filter(reference: &Value) -> Option<&str> {
    reference["filters"]
        .as_array()?
        .iter()
        .find(|f| f["name"] == "tag:Name")?["values"][0]
        .as_str()
}

/// Brings the account's instances in line with the cluster's Machines: a Machine the machine controller has started
/// provisioning whose instance the account does not have gets one, a deleted Machine whose node is gone has its
/// instance terminated, and an instance of the cluster no Machine names any more is terminated too.
pub fn reconcile(cluster: &mut Cluster, aws: &mut AwsAccount) {
    let machines: Vec<Arc<Object>> = cluster
        .store
        .list(machine_kind(), Some(NAMESPACE))
        .cloned()
        .collect();
    if machines.is_empty() {
        return;
    }
    let mut regions: Vec<(String, String)> = Vec::new();
    for m in &machines {
        let provider = &m.spec()["providerSpec"]["value"];
        let (Some(region), Some(infra)) = (
            provider["placement"]["region"].as_str(),
            m.meta.label("machine.openshift.io/cluster-api-cluster"),
        ) else {
            continue;
        };
        if !regions.iter().any(|(r, i)| r == region && i == infra) {
            regions.push((region.to_owned(), infra.to_owned()));
        }
        if aws.network(region).is_none() {
            continue;
        }
        let instance_id = m.status_json()["providerStatus"]["instanceId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if instance_id.is_empty() {
            // The machine controller has not asked for an instance yet.
            continue;
        }
        let net = aws.network_mut(region);
        let existing = net.instances.iter().find(|i| i.id == instance_id);
        if m.meta.deletion.is_some() {
            if m.meta.annotation(STATE) == Some("shutting-down")
                && existing.is_some_and(|i| !i.is_terminated())
            {
                let _ = net.terminate_instance(&instance_id);
            }
            continue;
        }
        if existing.is_some() {
            continue;
        }
        // The installer launched the control plane's instances itself: the Machine takes the one with its name.
        let cluster_key = format!("kubernetes.io/cluster/{infra}");
        let installed = net
            .instances
            .iter()
            .find(|i| {
                !i.is_terminated()
                    && crate::aws::Network::name_of(&i.tags) == Some(m.meta.name.as_str())
                    && i.tags.iter().any(|t| t.key == cluster_key)
            })
            .cloned();
        match installed {
            Some(instance) => record(cluster, m, &instance, false),
            None => launch(cluster, aws, m, region, infra),
        }
    }
    // Instances of the cluster's machines that no Machine names any more (a Machine removed outright).
    for (region, infra) in regions {
        let named: Vec<String> = cluster
            .store
            .list(machine_kind(), Some(NAMESPACE))
            .filter_map(|m| {
                m.status_json()["providerStatus"]["instanceId"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        let Some(net) = aws.networks.get_mut(&region) else {
            continue;
        };
        let cluster_key = format!("kubernetes.io/cluster/{infra}");
        let prefixes = [format!("{infra}-master-"), format!("{infra}-worker-")];
        let orphans: Vec<String> = net
            .instances
            .iter()
            .filter(|i| !i.is_terminated() && !named.contains(&i.id))
            .filter(|i| i.tags.iter().any(|t| t.key == cluster_key))
            .filter(|i| {
                crate::aws::Network::name_of(&i.tags)
                    .is_some_and(|n| prefixes.iter().any(|p| n.starts_with(p.as_str())))
            })
            .map(|i| i.id.clone())
            .collect();
        for id in orphans {
            let _ = net.terminate_instance(&id);
        }
    }
}

/// Launches the instance of Machine `m` as its provider spec describes it, then records the instance in the Machine
/// (provider ID, instance ID, addresses) and in its node's provider ID.
fn launch(cluster: &mut Cluster, aws: &mut AwsAccount, m: &Arc<Object>, region: &str, infra: &str) {
    let provider = &m.spec()["providerSpec"]["value"];
    let net = aws.network_mut(region);
    let by_name = |tags: &[Tag], name: &str| crate::aws::Network::name_of(tags) == Some(name);
    let Some(subnet) = name_filter(&provider["subnet"])
        .and_then(|name| net.subnets.iter().find(|s| by_name(&s.tags, name)))
        .cloned()
    else {
        return;
    };
    let groups: Vec<String> = provider["securityGroups"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(name_filter)
                .filter_map(|name| {
                    net.security_groups
                        .iter()
                        .find(|g| g.vpc_id == subnet.vpc_id && by_name(&g.tags, name))
                        .map(|g| g.id.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    let mut tags = vec![tag("Name", &m.meta.name)];
    for t in provider["tags"].as_array().into_iter().flatten() {
        if let (Some(k), Some(v)) = (t["name"].as_str(), t["value"].as_str()) {
            tags.push(tag(k, v));
        }
    }
    if !tags
        .iter()
        .any(|t| t.key.starts_with("kubernetes.io/cluster/"))
    {
        tags.push(owned(infra));
    }
    // A machine that already has an address (one the installer made) keeps it.
    let known_ip = m.status_json()["addresses"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["type"] == "InternalIP"))
        .and_then(|x| x["address"].as_str())
        .and_then(|ip| ip.parse().ok())
        .filter(|ip| subnet.cidr.contains(ip) && !net.used_ips(&subnet.id).contains(ip));
    let spec = RunSpec {
        image_id: provider["ami"]["id"]
            .as_str()
            .unwrap_or(crate::aws::images::RHCOS.seoul_id)
            .to_owned(),
        instance_type: provider["instanceType"]
            .as_str()
            .unwrap_or("m6i.xlarge")
            .to_owned(),
        key_name: None,
        subnet_id: subnet.id.clone(),
        security_groups: groups,
        associate_public_ip: Some(false),
        private_ip: known_ip,
        count: 1,
        tags,
    };
    // The instance was asked for when the Machine was created (the installer's long before the cluster was adopted).
    let now = net.now;
    net.now = m.meta.created.clamp(0, now);
    let launched = net.run_instances(&spec);
    net.now = now;
    let Ok((_, ids)) = launched else {
        return;
    };
    let Some(instance) = ids.first().and_then(|id| net.instance(id).ok()).cloned() else {
        return;
    };
    record(cluster, m, &instance, known_ip.is_some());
}

/// Writes `instance` into Machine `m` (provider ID, instance ID and, unless it has them, addresses) and into its
/// node's provider ID.
fn record(
    cluster: &mut Cluster,
    m: &Arc<Object>,
    instance: &crate::aws::model::Instance,
    has_address: bool,
) {
    let provider_id = format!("aws:///{}/{}", instance.az, instance.id);
    let ip = instance.private_ip.to_string();
    let mut next = (**m).clone();
    next.spec_mut()
        .insert("providerID".into(), json!(provider_id));
    let status = next.status_json_mut();
    status.insert("lastUpdated".into(), json!(rfc3339(cluster.now)));
    if let Some(p) = status.get_mut("providerStatus") {
        p["instanceId"] = json!(instance.id);
    }
    if !has_address {
        status.insert("addresses".into(), addresses(&ip, m));
    }
    let node = m.status_json()["nodeRef"]["name"]
        .as_str()
        .and_then(|name| cluster.get(crate::api::k::node(), "", name));
    cluster.write(next);
    if let Some(node) = node {
        let mut next = (*node).clone();
        next.spec_mut()
            .insert("providerID".into(), json!(provider_id));
        cluster.write(next);
    }
}

/// The installer's view of the session's AWS account: what `openshift-install` creates and deletes there.
pub struct AccountCloud<'a>(pub &'a mut AwsAccount);

/// The resource ID a `Name` tag names among `tags` of each resource.
fn named<'n, T>(list: &'n [T], tags: impl Fn(&T) -> &[Tag], name: &str) -> Option<&'n T> {
    list.iter()
        .find(|x| crate::aws::Network::name_of(tags(x)) == Some(name))
}

/// The ID of the VPC the installer made for the infrastructure ID `infra` (tagged `Name=<infra>-vpc`).
fn installer_vpc(net: &crate::aws::Network, infra: &str) -> Option<String> {
    named(&net.vpcs, |v| &v.tags, &format!("{infra}-vpc")).map(|v| v.id.clone())
}

/// The private and public zones of `plan` (the private one is the cluster domain, the public one the base domain).
fn zones(plan: &AwsInfraPlan) -> (String, String) {
    let private = plan
        .records
        .iter()
        .find(|r| r.private_zone)
        .map(|r| r.zone.clone())
        .unwrap_or_default();
    let public = plan
        .records
        .iter()
        .find(|r| !r.private_zone)
        .map(|r| r.zone.clone())
        .unwrap_or_default();
    (private, public)
}

fn subnet_ids(net: &Network, infra: &str, public: bool) -> Vec<String> {
    let prefix = format!("{infra}-{}-", if public { "public" } else { "private" });
    net.subnets
        .iter()
        .filter(|s| Network::name_of(&s.tags).is_some_and(|n| n.starts_with(&prefix)))
        .map(|s| s.id.clone())
        .collect()
}

/// Creates a network load balancer of the installer, tagged as its, in `subnets`; returns (ARN, DNS name).
fn installer_nlb(
    net: &mut Network,
    infra: &str,
    suffix: &str,
    internal: bool,
    vpc: &str,
    ports: &[u16],
) -> (String, String) {
    let name = format!("{infra}-{suffix}");
    let lb = net.create_load_balancer(&name, "network", internal, Some(vpc), ports);
    let subnets = subnet_ids(net, infra, !internal);
    if let Some(l) = net.load_balancers.iter_mut().find(|l| l.arn == lb.arn) {
        l.subnets = subnets;
        l.tags = vec![tag("Name", &name), owned(infra)];
    }
    (lb.arn, lb.dns_name)
}

impl Cloud for AccountCloud<'_> {
    fn provision(&mut self, plan: &AwsInfraPlan, machines: &[Hardware], at: i64) {
        let aws = &mut *self.0;
        aws.set_time(at);
        provision_network(aws, plan, 0);
        let infra = plan.infra_id.as_str();
        let (private_zone, public_zone) = zones(plan);
        let net = aws.network_mut(&plan.region);
        let Some(vpc) = installer_vpc(net, infra) else {
            return;
        };
        // The bootstrap and control plane instances, at the addresses the installer gave them.
        let mut targets = Vec::new();
        for h in machines
            .iter()
            .filter(|h| matches!(h.role, Role::Bootstrap | Role::Master))
        {
            let Some(planned) = plan.instances.iter().find(|i| i.name == h.name) else {
                continue;
            };
            let Some(subnet) = named(&net.subnets, |s| &s.tags, &planned.subnet).cloned() else {
                continue;
            };
            let bootstrap = h.role == Role::Bootstrap;
            let groups: Vec<String> = [
                bootstrap.then(|| format!("{infra}-bootstrap-sg")),
                Some(format!("{infra}-master-sg")),
            ]
            .into_iter()
            .flatten()
            .filter_map(|g| named(&net.security_groups, |x| &x.tags, &g).map(|x| x.id.clone()))
            .collect();
            let spec = RunSpec {
                image_id: crate::aws::images::RHCOS.seoul_id.to_owned(),
                instance_type: planned.instance_type.clone(),
                key_name: None,
                subnet_id: subnet.id.clone(),
                security_groups: groups,
                associate_public_ip: Some(bootstrap),
                private_ip: h.ip.parse().ok(),
                count: 1,
                tags: vec![tag("Name", &h.name), owned(infra)],
            };
            if net.run_instances(&spec).is_ok() {
                targets.push(h.ip.clone());
            }
        }
        // The API load balancers: internal (API and machine-config-server) and external (API); IP targets.
        let (int_arn, int_dns) = installer_nlb(net, infra, "int", true, &vpc, &[6443, 22623]);
        let (ext_arn, ext_dns) = installer_nlb(net, infra, "ext", false, &vpc, &[6443]);
        for (suffix, port, path, lb) in [
            ("aint", 6443, "/readyz", &int_arn),
            ("aext", 6443, "/readyz", &ext_arn),
            ("sint", 22623, "/healthz", &int_arn),
        ] {
            let Ok(tg) =
                net.create_target_group(&format!("{infra}-{suffix}"), port, &vpc, "ip", path)
            else {
                continue;
            };
            let _ = net.attach_target_group(&tg, lb);
            for ip in &targets {
                let _ = net.register_target(&tg, ip, port);
            }
        }
        let region = plan.region.clone();
        let zone_of_nlb = nlb_zone_id(&region);
        // Route 53: the base domain's public zone (the account must already have it), the cluster's private zone.
        let r53 = &mut aws.route53;
        let public = match r53.public_zone(&public_zone) {
            Some(z) => z.id.clone(),
            None => r53.create_zone(&public_zone, "", None, &[]),
        };
        let private = r53.create_zone(
            &private_zone,
            "Managed by Terraform",
            Some((&region, &vpc)),
            &[
                ("Name".into(), format!("{infra}-int")),
                (format!("kubernetes.io/cluster/{infra}"), "owned".into()),
            ],
        );
        // Terraform made the private zone: its caller reference is Terraform's unique ID (a timestamp and a counter).
        let stamp: String = crate::aws::render::timestamp(at)
            .chars()
            .take(19)
            .filter(char::is_ascii_digit)
            .collect();
        r53.set_caller_reference(
            &private,
            &format!("terraform-{stamp}{:04}00000001", at.rem_euclid(1000) * 10),
        );
        let alias = |dns: &str| Alias {
            hosted_zone_id: zone_of_nlb.to_owned(),
            dns_name: format!("{}.", dns.to_ascii_lowercase()),
        };
        let _ = r53.upsert_alias(&public, &format!("api.{private_zone}"), alias(&ext_dns));
        let _ = r53.upsert_alias(&private, &format!("api.{private_zone}"), alias(&int_dns));
        let _ = r53.upsert_alias(
            &private,
            &format!("api-int.{private_zone}"),
            alias(&int_dns),
        );
    }

    fn destroy_bootstrap(&mut self, plan: &AwsInfraPlan, at: i64) {
        let aws = &mut *self.0;
        aws.set_time(at);
        let infra = plan.infra_id.as_str();
        let net = aws.network_mut(&plan.region);
        let name = format!("{infra}-bootstrap");
        let Some(instance) = net
            .instances
            .iter()
            .find(|i| !i.is_terminated() && Network::name_of(&i.tags) == Some(name.as_str()))
            .cloned()
        else {
            return;
        };
        net.deregister_everywhere(&instance.private_ip.to_string());
        let _ = net.terminate_instance(&instance.id);
        if let Some(sg) = named(
            &net.security_groups,
            |g| &g.tags,
            &format!("{infra}-bootstrap-sg"),
        )
        .map(|g| g.id.clone())
        {
            let _ = net.delete_security_group(&sg);
        }
    }

    fn ingress(&mut self, plan: &AwsInfraPlan, at: i64) {
        let aws = &mut *self.0;
        aws.set_time(at);
        let infra = plan.infra_id.as_str();
        let (private_zone, public_zone) = zones(plan);
        let net = aws.network_mut(&plan.region);
        let Some(vpc) = installer_vpc(net, infra) else {
            return;
        };
        // The cloud provider names a Service's load balancer `a` and the Service UID's first 31 hex digits.
        let uid = format!("{:016x}{:016x}", net.random(), net.random());
        let name = format!("a{}", &uid[..31]);
        let lb = net.create_load_balancer(&name, "classic", false, Some(&vpc), &[80, 443]);
        let subnets = subnet_ids(net, infra, true);
        if let Some(l) = net.load_balancers.iter_mut().find(|l| l.arn == lb.arn) {
            l.subnets = subnets;
            l.tags = vec![
                owned(infra),
                tag(
                    "kubernetes.io/service-name",
                    "openshift-ingress/router-default",
                ),
            ];
        }
        let alias = Alias {
            hosted_zone_id: classic_zone_id(&plan.region).to_owned(),
            dns_name: format!("{}.", lb.dns_name.to_ascii_lowercase()),
        };
        let r53 = &mut aws.route53;
        let apps = format!("*.apps.{private_zone}");
        let ids: Vec<String> = [
            r53.public_zone(&public_zone).map(|z| z.id.clone()),
            r53.zones
                .iter()
                .find(|z| z.private && z.name == format!("{private_zone}."))
                .map(|z| z.id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        for id in ids {
            let _ = r53.upsert_alias(&id, &apps, alias.clone());
        }
    }

    fn destroy(
        &mut self,
        region: &str,
        infra: &str,
        cluster_domain: &str,
        at: i64,
    ) -> (Vec<(String, String)>, i64) {
        destroy_cluster(self.0, region, infra, cluster_domain, at)
    }
}

/// A logrus field value, quoted when it holds characters logrus quotes.
fn field(value: &str) -> String {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._/@^+".contains(c));
    if plain && !value.is_empty() {
        value.to_owned()
    } else {
        format!("{value:?}")
    }
}

/// Deletes every resource tagged as cluster `infra`'s in `region`, in the order the installer's destroyer gets
/// them to go (instances, load balancers, target groups, DNS, NAT gateways and addresses, security groups, route
/// tables, subnets, the internet gateway, the VPC); returns its log lines and how long it took.
fn destroy_cluster(
    aws: &mut AwsAccount,
    region: &str,
    infra: &str,
    cluster_domain: &str,
    at: i64,
) -> (Vec<(String, String)>, i64) {
    aws.set_time(at);
    let mut log: Vec<(String, String)> = Vec::new();
    let key = format!("kubernetes.io/cluster/{infra}");
    let ours = |tags: &[Tag]| tags.iter().any(|t| t.key == key);
    let net = aws.network_mut(region);
    let instances: Vec<String> = net
        .instances
        .iter()
        .filter(|i| !i.is_terminated() && ours(&i.tags))
        .map(|i| i.id.clone())
        .collect();
    for id in &instances {
        log.push(("Terminating".into(), format!("id={id}")));
    }
    for id in &instances {
        let ip = net.instance(id).map(|i| i.private_ip.to_string()).ok();
        let _ = net.terminate_instance(id);
        if let Some(ip) = ip {
            net.deregister_everywhere(&ip);
        }
    }
    let lbs: Vec<(String, String, String)> = net
        .load_balancers
        .iter()
        .filter(|l| ours(&l.tags))
        .map(|l| (l.name.clone(), l.arn.clone(), l.kind.clone()))
        .collect();
    for (name, arn, kind) in &lbs {
        net.delete_load_balancer(name);
        let (arn, id) = if kind == "classic" {
            (
                format!(
                    "arn:aws:elasticloadbalancing:{region}:{}:loadbalancer/{name}",
                    crate::aws::model::ACCOUNT_ID
                ),
                name.clone(),
            )
        } else {
            let id = arn
                .split_once(":loadbalancer/")
                .map(|x| x.1)
                .unwrap_or_default()
                .to_owned();
            (arn.clone(), id)
        };
        log.push((
            "Deleted".into(),
            format!("arn={} id={}", field(&arn), field(&id)),
        ));
    }
    let prefix = format!("{infra}-");
    let groups: Vec<String> = net
        .target_groups
        .iter()
        .filter(|t| t.name.starts_with(&prefix))
        .map(|t| t.arn.clone())
        .collect();
    for arn in groups {
        if net.delete_target_group(&arn).is_ok() {
            let id = arn
                .split_once(":targetgroup/")
                .map(|x| x.1)
                .unwrap_or_default()
                .to_owned();
            log.push((
                "Deleted".into(),
                format!("arn={} id={}", field(&arn), field(&id)),
            ));
        }
    }
    // DNS: the private zone's records, their twins in the public zone, then the private zone itself.
    let r53 = &mut aws.route53;
    let zone_name = format!("{}.", cluster_domain.trim_end_matches('.'));
    let private = r53
        .zones
        .iter()
        .find(|z| z.private && z.name == zone_name && z.tags.iter().any(|(k, _)| *k == key))
        .cloned();
    if let Some(zone) = private {
        let base = cluster_domain
            .split_once('.')
            .map(|x| x.1)
            .unwrap_or_default();
        let public = r53.public_zone(base).map(|z| z.id.clone());
        for r in zone
            .records
            .iter()
            .filter(|r| r.kind != "NS" && r.kind != "SOA")
        {
            let set = field(&format!("{} {}", r.kind, r.name));
            if let Some(p) = &public
                && r53.delete_records(p, &r.name.replace("\\052", "*")) > 0
            {
                log.push((
                    "Deleted".into(),
                    format!(
                        "id={} public zone=/hostedzone/{p} record set={set}",
                        zone.id
                    ),
                ));
            }
            r53.delete_records(&zone.id, &r.name.replace("\\052", "*"));
            log.push(("Deleted".into(), format!("id={} record set={set}", zone.id)));
        }
        if r53.delete_zone(&zone.id).is_ok() {
            log.push(("Deleted".into(), format!("id={}", zone.id)));
        }
    }
    // The instances take a while to terminate; NAT gateways then delete and free their addresses.
    let mut elapsed = 95_000;
    aws.set_time(at + elapsed);
    let net = aws.network_mut(region);
    let nats: Vec<String> = net
        .nat_gateways
        .iter()
        .filter(|n| n.deleted_at.is_none() && ours(&n.tags))
        .map(|n| n.id.clone())
        .collect();
    for id in &nats {
        let _ = net.delete_nat_gateway(id);
        log.push(("Deleted".into(), format!("id={id}")));
    }
    elapsed += crate::aws::model::NAT_DELETING_MS + 12_000;
    aws.set_time(at + elapsed);
    let net = aws.network_mut(region);
    let eips: Vec<String> = net
        .addresses
        .iter()
        .filter(|a| ours(&a.tags))
        .map(|a| a.allocation_id.clone())
        .collect();
    for id in eips {
        if net.release_address(&id).is_ok() {
            log.push(("Released".into(), format!("id={id}")));
        }
    }
    let vpcs: Vec<String> = net
        .vpcs
        .iter()
        .filter(|v| ours(&v.tags))
        .map(|v| v.id.clone())
        .collect();
    for vpc in vpcs {
        let sgs: Vec<String> = net
            .security_groups
            .iter()
            .filter(|g| g.vpc_id == vpc && g.name != "default")
            .map(|g| g.id.clone())
            .collect();
        for id in sgs {
            if net.delete_security_group(&id).is_ok() {
                log.push(("Deleted".into(), format!("id={id}")));
            }
        }
        let tables: Vec<(String, Vec<String>)> = net
            .route_tables
            .iter()
            .filter(|t| t.vpc_id == vpc && !t.is_main())
            .map(|t| {
                (
                    t.id.clone(),
                    t.associations.iter().map(|a| a.id.clone()).collect(),
                )
            })
            .collect();
        for (id, associations) in tables {
            for a in associations {
                let _ = net.disassociate_route_table(&a);
            }
            if net.delete_route_table(&id).is_ok() {
                log.push(("Deleted".into(), format!("id={id}")));
            }
        }
        let subnets: Vec<String> = net
            .subnets
            .iter()
            .filter(|s| s.vpc_id == vpc)
            .map(|s| s.id.clone())
            .collect();
        for id in subnets {
            if net.delete_subnet(&id).is_ok() {
                log.push(("Deleted".into(), format!("id={id}")));
            }
        }
        if let Some(igw) = net.igw_of_vpc(&vpc).map(|g| g.id.clone()) {
            let _ = net.detach_internet_gateway(&igw, &vpc);
            if net.delete_internet_gateway(&igw).is_ok() {
                log.push(("Deleted".into(), format!("id={igw}")));
            }
        }
        if net.delete_vpc(&vpc).is_ok() {
            log.push(("Deleted".into(), format!("id={vpc}")));
        }
    }
    elapsed += 93_000;
    aws.set_time(at + elapsed);
    (log, elapsed)
}
