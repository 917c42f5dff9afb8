//! The link between an installer-provisioned AWS cluster's Machines and the account's EC2 instances, kept by the
//! session because each side has its own owner: the installer's VPC, subnets and security groups are created in the
//! account when the install is adopted, and after virtual time passes every Machine gets its instance (created
//! through the AWS model's `run_instances`, then written back into the Machine through the cluster) and every
//! deleted Machine's instance is terminated.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::api::Object;
use crate::api::time::rfc3339;
use crate::aws::AwsAccount;
use crate::aws::model::{RouteTarget, RunSpec, Tag};
use crate::cluster::Cluster;
use crate::cluster::controllers::machines::{addresses, machine_kind};
use crate::install::AwsInfraPlan;

/// The namespace of the Machine API.
const NAMESPACE: &str = "openshift-machine-api";
/// The annotation the machine controller keeps the instance state in.
const STATE: &str = "machine.openshift.io/instance-state";

fn tag(key: &str, value: &str) -> Tag {
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
pub fn provision_network(aws: &mut AwsAccount, plan: &AwsInfraPlan) {
    let Some(cidr) = plan.vpc_cidr.as_deref() else {
        return;
    };
    let infra = plan.infra_id.as_str();
    let vpc_name = format!("{infra}-vpc");
    let net = aws.network_mut(&plan.region);
    if net
        .vpcs
        .iter()
        .any(|v| crate::aws::Network::name_of(&v.tags) == Some(vpc_name.as_str()))
    {
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
    // The installer made all this well before the cluster was adopted: NAT gateways are available by now.
    let now = net.now;
    net.now = (now - 3_600_000).max(0);
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
        launch(cluster, aws, m, region, infra);
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
    if known_ip.is_none() {
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
