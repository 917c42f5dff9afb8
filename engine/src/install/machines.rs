//! The Machine API objects of a cluster installed on AWS: one Machine per EC2 instance, one compute MachineSet per
//! availability zone, and the cloud provider's topology labels on the nodes.
//!
//! An installer-provisioned cluster is where these exist; a user-provisioned (platform `none`) cluster such as the
//! classroom's has no Machines or MachineSets.

use serde_json::{Value, json};

use super::InstalledCluster;
use super::aws::AwsInfraPlan;
use crate::api::object::hex_id;

/// The namespace of the Machine API.
pub const NAMESPACE: &str = "openshift-machine-api";

/// Adds the Machine API objects of `plan`'s instances to the scenario `stream` of the installed cluster `done`,
/// and labels each node with its instance type, region and zone.
pub fn add_to_scenario(stream: &str, plan: &AwsInfraPlan, done: &InstalledCluster) -> String {
    let masters = plan.instances.iter().filter(|i| i.role == "master");
    let workers = plan.instances.iter().filter(|i| i.role == "worker");
    // Instances and nodes are in the same order per role.
    let paired: Vec<(&super::aws::PlannedInstance, &super::NodeAddr)> = masters
        .zip(&done.masters)
        .chain(workers.zip(&done.workers))
        .collect();
    let zone_of = |subnet: &str| {
        plan.azs
            .iter()
            .find(|az| subnet.ends_with(az.as_str()))
            .cloned()
            .unwrap_or_else(|| format!("{}a", plan.region))
    };
    let mut out = String::new();
    for line in stream.lines() {
        let labelled = (line.starts_with('{'))
            .then(|| serde_json::from_str::<Value>(line).ok())
            .flatten()
            .filter(|doc| doc["kind"] == "Node")
            .and_then(|mut doc| {
                let name = doc["metadata"]["name"].as_str()?.to_owned();
                let (instance, _) = paired.iter().find(|(_, n)| n.name == name)?;
                let labels = doc["metadata"]["labels"].as_object_mut()?;
                let zone = zone_of(&instance.subnet);
                for (k, v) in [
                    (
                        "node.kubernetes.io/instance-type",
                        instance.instance_type.clone(),
                    ),
                    (
                        "beta.kubernetes.io/instance-type",
                        instance.instance_type.clone(),
                    ),
                    ("topology.kubernetes.io/region", plan.region.clone()),
                    (
                        "failure-domain.beta.kubernetes.io/region",
                        plan.region.clone(),
                    ),
                    ("topology.kubernetes.io/zone", zone.clone()),
                    ("failure-domain.beta.kubernetes.io/zone", zone),
                ] {
                    labels.insert(k.into(), json!(v));
                }
                doc["spec"]["providerID"] = json!(provider_id(plan, instance, &zone_of));
                serde_json::to_string(&doc).ok()
            });
        out.push_str(labelled.as_deref().unwrap_or(line));
        out.push('\n');
    }
    let created = crate::api::time::rfc3339(done.started_at);
    let mut docs = Vec::new();
    for az in &plan.azs {
        let name = format!("{}-worker-{az}", plan.infra_id);
        let replicas = paired
            .iter()
            .filter(|(i, _)| i.role == "worker" && zone_of(&i.subnet) == *az)
            .count();
        let instance_type = paired
            .iter()
            .find(|(i, _)| i.role == "worker")
            .map_or("m6i.xlarge".to_owned(), |(i, _)| i.instance_type.clone());
        docs.push(json!({
            "apiVersion": "machine.openshift.io/v1beta1",
            "kind": "MachineSet",
            "metadata": {
                "annotations": {
                    "capacity.cluster-autoscaler.kubernetes.io/labels": "kubernetes.io/arch=amd64",
                    "machine.openshift.io/GPU": "0",
                    "machine.openshift.io/memoryMb": "16384",
                    "machine.openshift.io/vCPU": "4",
                },
                "creationTimestamp": created,
                "labels": {"machine.openshift.io/cluster-api-cluster": plan.infra_id},
                "name": name,
                "namespace": NAMESPACE,
            },
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": {
                    "machine.openshift.io/cluster-api-cluster": plan.infra_id,
                    "machine.openshift.io/cluster-api-machineset": name,
                }},
                "template": {
                    "metadata": {"labels": {
                        "machine.openshift.io/cluster-api-cluster": plan.infra_id,
                        "machine.openshift.io/cluster-api-machine-role": "worker",
                        "machine.openshift.io/cluster-api-machine-type": "worker",
                        "machine.openshift.io/cluster-api-machineset": name,
                    }},
                    "spec": {
                        "lifecycleHooks": {},
                        "metadata": {},
                        "providerSpec": {"value": provider_spec(plan, "worker", &instance_type, az)},
                    },
                },
            },
            "status": {
                "availableReplicas": replicas,
                "fullyLabeledReplicas": replicas,
                "observedGeneration": 1,
                "readyReplicas": replicas,
                "replicas": replicas,
            },
        }));
    }
    for (instance, node) in &paired {
        let zone = zone_of(&instance.subnet);
        let role = instance.role.as_str();
        let mut labels = json!({
            "machine.openshift.io/cluster-api-cluster": plan.infra_id,
            "machine.openshift.io/cluster-api-machine-role": role,
            "machine.openshift.io/cluster-api-machine-type": role,
            "machine.openshift.io/instance-type": instance.instance_type,
            "machine.openshift.io/region": plan.region,
            "machine.openshift.io/zone": zone,
        });
        if role == "worker" {
            labels["machine.openshift.io/cluster-api-machineset"] =
                json!(format!("{}-worker-{zone}", plan.infra_id));
        }
        docs.push(json!({
            "apiVersion": "machine.openshift.io/v1beta1",
            "kind": "Machine",
            "metadata": {
                "annotations": {"machine.openshift.io/instance-state": "running"},
                "creationTimestamp": created,
                "finalizers": ["machine.machine.openshift.io"],
                "labels": labels,
                "name": instance.name,
                "namespace": NAMESPACE,
            },
            "spec": {
                "lifecycleHooks": {},
                "metadata": {},
                "providerID": provider_id(plan, instance, &zone_of),
                "providerSpec": {"value": provider_spec(plan, role, &instance.instance_type, &zone)},
            },
            "status": {
                "addresses": [
                    {"address": node.ip, "type": "InternalIP"},
                    {"address": node.name, "type": "InternalDNS"},
                    {"address": node.name, "type": "Hostname"},
                ],
                "lastUpdated": crate::api::time::rfc3339(done.completed_at),
                "nodeRef": {"kind": "Node", "name": node.name},
                "phase": "Running",
                "providerStatus": {
                    "conditions": [{"lastTransitionTime": created, "message": "Machine successfully created", "reason": "MachineCreationSucceeded", "status": "True", "type": "MachineCreation"}],
                    "instanceId": instance_id(plan, &instance.name),
                    "instanceState": "running",
                },
            },
        }));
    }
    for doc in docs {
        out.push_str("---\n");
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    out
}

/// The EC2 instance ID of the instance named `name`.
pub fn instance_id(plan: &AwsInfraPlan, name: &str) -> String {
    let hex = hex_id(0, &format!("{}/{name}", plan.infra_id), 16);
    format!("i-0{}", &hex[..16.min(hex.len())])
}

fn provider_id(
    plan: &AwsInfraPlan,
    instance: &super::aws::PlannedInstance,
    zone_of: &dyn Fn(&str) -> String,
) -> String {
    format!(
        "aws:///{}/{}",
        zone_of(&instance.subnet),
        instance_id(plan, &instance.name)
    )
}

/// The AWS provider spec (`AWSMachineProviderConfig`) of a machine of `role` in `zone`.
fn provider_spec(plan: &AwsInfraPlan, role: &str, instance_type: &str, zone: &str) -> Value {
    let infra = &plan.infra_id;
    json!({
        "apiVersion": "machine.openshift.io/v1beta1",
        "kind": "AWSMachineProviderConfig",
        "ami": {"id": "ami-0e5a4b6d2c1f3e7a9"},
        "blockDevices": [{"ebs": {"encrypted": true, "iops": 0, "kmsKey": {"arn": ""}, "volumeSize": 120, "volumeType": "gp3"}}],
        "credentialsSecret": {"name": "aws-cloud-credentials"},
        "deviceIndex": 0,
        "iamInstanceProfile": {"id": format!("{infra}-{role}-profile")},
        "instanceType": instance_type,
        "metadata": {"creationTimestamp": null},
        "metadataServiceOptions": {},
        "placement": {"availabilityZone": zone, "region": plan.region},
        "securityGroups": [{"filters": [{"name": "tag:Name", "values": [format!("{infra}-{role}-sg")]}]}],
        "subnet": {"filters": [{"name": "tag:Name", "values": [format!("{infra}-private-{zone}")]}]},
        "tags": [{"name": format!("kubernetes.io/cluster/{infra}"), "value": "owned"}],
        "userDataSecret": {"name": format!("{role}-user-data")},
    })
}
