//! Amazon EKS in the model: clusters in a VPC and managed node groups whose nodes are EC2 instances, with states that move along in virtual time, and the `aws eks` commands including `update-kubeconfig`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::args::Params;
use super::model::{ACCOUNT_ID, AwsError, Network, RunSpec, Tag};
use super::render::timestamp;

/// How long a new cluster stays `CREATING`, in virtual milliseconds.
pub const CLUSTER_CREATE_MS: i64 = 600_000;
/// How long a new node group stays `CREATING`, in virtual milliseconds.
pub const NODEGROUP_CREATE_MS: i64 = 240_000;
/// How long a deleted cluster or node group stays `DELETING`, in virtual milliseconds.
pub const DELETE_MS: i64 = 180_000;
/// How long a node group's configuration update stays `InProgress` (and the node group `UPDATING`).
pub const NODEGROUP_UPDATE_MS: i64 = 30_000;
/// The Kubernetes version new clusters get by default.
pub const DEFAULT_VERSION: &str = "1.31";

/// A managed node group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeGroup {
    /// Its name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Instance types.
    pub instance_types: Vec<String>,
    /// Minimum size.
    pub min_size: u32,
    /// Maximum size.
    pub max_size: u32,
    /// Desired size.
    pub desired_size: u32,
    /// Subnets the nodes launch in.
    pub subnets: Vec<String>,
    /// The node IAM role.
    pub node_role: String,
    /// The EC2 instances that are its nodes.
    pub instances: Vec<String>,
    /// When it was created (virtual ms).
    pub created_at: i64,
    /// When it was deleted (virtual ms).
    pub deleted_at: Option<i64>,
    /// The AMI type (`AL2_x86_64`); empty for the default, `AL2023_x86_64_STANDARD`.
    #[serde(default)]
    pub ami_type: String,
    /// The AMI release version (`1.29.0-20240315`); empty for the default AMI's.
    #[serde(default)]
    pub release_version: String,
    /// Configuration updates (`update-nodegroup-config`), oldest first.
    #[serde(default)]
    pub updates: Vec<NodegroupUpdate>,
}

/// One `update-nodegroup-config` of a node group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodegroupUpdate {
    /// Its ID (a UUID).
    pub id: String,
    /// When it was made (virtual ms).
    pub created_at: i64,
    /// The changed settings as (`MinSize`, `1`) pairs.
    pub params: Vec<(String, String)>,
}

impl NodegroupUpdate {
    /// The update as `update-nodegroup-config` and `describe-update` print it at virtual time `now`.
    pub fn to_json(&self, now: i64) -> Value {
        let status = if now - self.created_at >= NODEGROUP_UPDATE_MS {
            "Successful"
        } else {
            "InProgress"
        };
        json!({
            "id": self.id,
            "status": status,
            "type": "ConfigUpdate",
            "params": self.params.iter().map(|(t, v)| json!({"type": t, "value": v})).collect::<Vec<_>>(),
            "createdAt": timestamp(self.created_at).replace("+00:00", ".000000+00:00"),
            "errors": []
        })
    }
}

/// An EKS cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EksCluster {
    /// The cluster name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// The Kubernetes version.
    pub version: String,
    /// The cluster IAM role.
    pub role_arn: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its subnets.
    pub subnets: Vec<String>,
    /// Additional security groups.
    pub security_groups: Vec<String>,
    /// The cluster security group EKS creates.
    pub cluster_security_group: String,
    /// The API server endpoint.
    pub endpoint: String,
    /// When it was created (virtual ms).
    pub created_at: i64,
    /// When it was deleted (virtual ms).
    pub deleted_at: Option<i64>,
    /// Managed node groups.
    pub node_groups: Vec<NodeGroup>,
    /// The EKS platform version (`eks.7`); empty for the newest.
    #[serde(default)]
    pub platform_version: String,
}

impl EksCluster {
    /// The live node group `name` at virtual time `now`.
    pub fn node_group(&self, name: &str, now: i64) -> Result<&NodeGroup, AwsError> {
        self.node_groups
            .iter()
            .find(|n| n.name == name && n.status(now).is_some())
            .ok_or_else(|| {
                AwsError::new(
                    "ResourceNotFoundException",
                    format!("No node group found for name: {name}."),
                )
            })
    }

    /// The status at virtual time `now`: CREATING, ACTIVE or DELETING (None once gone).
    pub fn status(&self, now: i64) -> Option<&'static str> {
        match self.deleted_at {
            Some(t) if now - t >= DELETE_MS => None,
            Some(_) => Some("DELETING"),
            None if now - self.created_at >= CLUSTER_CREATE_MS => Some("ACTIVE"),
            None => Some("CREATING"),
        }
    }
}

impl NodeGroup {
    /// The status at virtual time `now`: CREATING, ACTIVE, UPDATING or DELETING (None once gone).
    pub fn status(&self, now: i64) -> Option<&'static str> {
        let updating = self
            .updates
            .last()
            .is_some_and(|u| now - u.created_at < NODEGROUP_UPDATE_MS);
        match self.deleted_at {
            Some(t) if now - t >= DELETE_MS => None,
            Some(_) => Some("DELETING"),
            None if now - self.created_at < NODEGROUP_CREATE_MS => Some("CREATING"),
            None if updating => Some("UPDATING"),
            None => Some("ACTIVE"),
        }
    }
}

fn no_cluster(name: &str) -> AwsError {
    AwsError::new(
        "ResourceNotFoundException",
        format!("No cluster found for name: {name}."),
    )
}

impl Network {
    /// The live (not fully deleted) cluster `name`.
    pub fn eks_cluster(&self, name: &str) -> Result<&EksCluster, AwsError> {
        self.eks_clusters
            .iter()
            .find(|c| c.name == name && c.status(self.now).is_some())
            .ok_or_else(|| no_cluster(name))
    }

    /// Creates an EKS cluster in the subnets' VPC (subnets in at least two zones), with its cluster security group.
    pub fn create_eks_cluster(
        &mut self,
        name: &str,
        role_arn: &str,
        subnets: &[String],
        security_groups: &[String],
        version: Option<&str>,
    ) -> Result<(), AwsError> {
        if self.eks_cluster(name).is_ok() {
            return Err(AwsError::new(
                "ResourceInUseException",
                format!("Cluster already exists with name: {name}"),
            ));
        }
        let mut vpc = None;
        let mut zones = vec![];
        for s in subnets {
            let sub = self.subnet(s).map_err(|_| {
                AwsError::new("InvalidParameterException", format!("The subnet ID '{s}' does not exist (Service: Ec2, Status Code: 400, Request ID: 00000000-0000-0000-0000-000000000000)"))
            })?;
            vpc.get_or_insert(sub.vpc_id.clone());
            if !zones.contains(&sub.az.name) {
                zones.push(sub.az.name.clone());
            }
        }
        if zones.len() < 2 {
            return Err(AwsError::new(
                "InvalidParameterException",
                "Subnets specified must be in at least two different AZs",
            ));
        }
        let vpc_id = vpc.unwrap_or_default();
        for g in security_groups {
            self.security_group(g)?;
        }
        let suffix = self.random() % 1_000_000_000;
        let sg = self.create_security_group(
            &vpc_id,
            &format!("eks-cluster-sg-{name}-{suffix}"),
            "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.",
        )?;
        let sgr = vec![super::model::SgRule::all_from(&sg)];
        self.authorize(&sg, false, sgr)?;
        let _ = self.create_tags(
            &sg,
            &[Tag {
                key: format!("kubernetes.io/cluster/{name}"),
                value: "owned".into(),
            }],
        );
        let hex = format!("{:016X}{:016X}", self.random(), self.random());
        let endpoint = format!("https://{hex}.gr7.{}.eks.amazonaws.com", self.region);
        self.eks_clusters.push(EksCluster {
            name: name.to_owned(),
            arn: format!("arn:aws:eks:{}:{ACCOUNT_ID}:cluster/{name}", self.region),
            version: version.unwrap_or(DEFAULT_VERSION).to_owned(),
            role_arn: role_arn.to_owned(),
            vpc_id,
            subnets: subnets.to_vec(),
            security_groups: security_groups.to_vec(),
            cluster_security_group: sg,
            endpoint,
            created_at: self.now,
            deleted_at: None,
            node_groups: vec![],
            platform_version: String::new(),
        });
        Ok(())
    }

    /// Creates a managed node group; its nodes are EC2 instances launched round-robin in its subnets.
    #[allow(clippy::too_many_arguments)]
    pub fn create_eks_node_group(
        &mut self,
        cluster: &str,
        name: &str,
        subnets: &[String],
        node_role: &str,
        instance_types: &[String],
        min: u32,
        max: u32,
        desired: u32,
    ) -> Result<(), AwsError> {
        let c = self.eks_cluster(cluster)?.clone();
        if c.status(self.now) != Some("ACTIVE") {
            return Err(AwsError::new(
                "ResourceInUseException",
                format!("Cluster '{cluster}' is not in ACTIVE status"),
            ));
        }
        if c.node_groups
            .iter()
            .any(|n| n.name == name && n.status(self.now).is_some())
        {
            return Err(AwsError::new(
                "ResourceInUseException",
                format!("NodeGroup already exists with name {name} and cluster name {cluster}"),
            ));
        }
        if desired < min || desired > max || max == 0 {
            return Err(AwsError::new(
                "InvalidParameterException",
                "Minimum capacity should not be greater than desired capacity, and desired capacity should not be greater than maximum capacity",
            ));
        }
        let types: Vec<String> = if instance_types.is_empty() {
            vec!["t3.medium".into()]
        } else {
            instance_types.to_vec()
        };
        let mut instances = vec![];
        for _ in 0..desired {
            let subnet = self.least_used_subnet(subnets, &instances)?;
            instances.push(self.launch_node(
                cluster,
                name,
                &c.cluster_security_group,
                &types[0],
                &subnet,
            )?);
        }
        let (a, b) = (self.random() as u32, self.random() as u16);
        let arn = format!(
            "arn:aws:eks:{}:{ACCOUNT_ID}:nodegroup/{cluster}/{name}/{:08x}-{:04x}",
            self.region, a, b
        );
        let now = self.now;
        let cl = self
            .eks_clusters
            .iter_mut()
            .find(|x| x.name == cluster && x.deleted_at.is_none())
            .ok_or_else(|| no_cluster(cluster))?;
        cl.node_groups.push(NodeGroup {
            name: name.to_owned(),
            arn,
            instance_types: types,
            min_size: min,
            max_size: max,
            desired_size: desired,
            subnets: subnets.to_vec(),
            node_role: node_role.to_owned(),
            instances,
            created_at: now,
            deleted_at: None,
            ami_type: String::new(),
            release_version: String::new(),
            updates: Vec::new(),
        });
        Ok(())
    }

    /// The one of `subnets` with the fewest of `instances` (the first on a tie), as an Auto Scaling group balances
    /// its zones.
    fn least_used_subnet(
        &self,
        subnets: &[String],
        instances: &[String],
    ) -> Result<String, AwsError> {
        let count = |s: &String| {
            instances
                .iter()
                .filter(|i| self.instance(i).is_ok_and(|x| &x.subnet_id == s))
                .count()
        };
        subnets
            .iter()
            .min_by_key(|s| count(s))
            .cloned()
            .ok_or_else(|| AwsError::new("InvalidParameterException", "Subnets are required"))
    }

    /// Launches one node of node group `group` of `cluster` in `subnet`.
    fn launch_node(
        &mut self,
        cluster: &str,
        group: &str,
        security_group: &str,
        instance_type: &str,
        subnet: &str,
    ) -> Result<String, AwsError> {
        let version = self.eks_cluster(cluster)?.version.clone();
        let image = super::images::eks_node_image(&version)
            .map(|i| super::images::image_id(i, &self.region))
            .unwrap_or_default();
        let public = self.subnet(subnet)?.map_public_ip;
        let (_, ids) = self.run_instances(&RunSpec {
            image_id: image,
            instance_type: instance_type.to_owned(),
            subnet_id: subnet.to_owned(),
            security_groups: vec![security_group.to_owned()],
            associate_public_ip: Some(public),
            count: 1,
            tags: vec![
                Tag {
                    key: "eks:cluster-name".into(),
                    value: cluster.into(),
                },
                Tag {
                    key: "eks:nodegroup-name".into(),
                    value: group.into(),
                },
                Tag {
                    key: format!("kubernetes.io/cluster/{cluster}"),
                    value: "owned".into(),
                },
            ],
            ..RunSpec::default()
        })?;
        ids.into_iter()
            .next()
            .ok_or_else(|| AwsError::new("InternalFailure", "no instance was launched"))
    }

    /// Changes a node group's scaling configuration (`update-nodegroup-config`): its Auto Scaling group launches
    /// nodes in the zone with the fewest, or terminates the newest in the zone with the most, until it has the desired
    /// size. Returns the update.
    pub fn update_eks_node_group_config(
        &mut self,
        cluster: &str,
        name: &str,
        min: Option<u32>,
        max: Option<u32>,
        desired: Option<u32>,
    ) -> Result<NodegroupUpdate, AwsError> {
        let c = self.eks_cluster(cluster)?.clone();
        let group = c.node_group(name, self.now)?.clone();
        if group.status(self.now) != Some("ACTIVE") {
            return Err(AwsError::new(
                "ResourceInUseException",
                "Nodegroup cannot be updated as it is currently not in Active State",
            ));
        }
        let (new_min, new_max, new_desired) = (
            min.unwrap_or(group.min_size),
            max.unwrap_or(group.max_size),
            desired.unwrap_or(group.desired_size),
        );
        let invalid = |m: &str| Err(AwsError::new("InvalidParameterException", m));
        if new_max == 0 {
            return invalid("maxSize can't be less than 1");
        }
        if new_min > new_desired {
            return invalid("minSize can't be greater than desiredSize");
        }
        if new_desired > new_max {
            return invalid("desiredSize can't be greater than maxSize");
        }
        let mut instances = self.top_up(&c, &group, new_desired)?;
        while instances.len() > new_desired as usize {
            // The zone with the most nodes loses its newest.
            let zone_count = |net: &Network, id: &String| {
                let subnet = net
                    .instance(id)
                    .map(|x| x.subnet_id.clone())
                    .unwrap_or_default();
                instances
                    .iter()
                    .filter(|j| net.instance(j).is_ok_and(|x| x.subnet_id == subnet))
                    .count()
            };
            let Some(victim) = instances
                .iter()
                .enumerate()
                .max_by_key(|(n, id)| (zone_count(self, id), *n))
                .map(|(n, _)| n)
            else {
                break;
            };
            let id = instances.remove(victim);
            let _ = self.terminate_instance(&id);
        }
        let uuid = {
            let (a, b, c2, d) = (
                self.random() as u32,
                self.random() as u16,
                self.random() as u16,
                self.random(),
            );
            format!(
                "{a:08x}-{b:04x}-4{:03x}-a{:03x}-{:012x}",
                c2 & 0xfff,
                (d >> 48) & 0xfff,
                d & 0xffff_ffff_ffff
            )
        };
        let mut params = Vec::new();
        for (key, value) in [("MinSize", min), ("MaxSize", max), ("DesiredSize", desired)] {
            if let Some(v) = value {
                params.push((key.to_owned(), v.to_string()));
            }
        }
        let update = NodegroupUpdate {
            id: uuid,
            created_at: self.now,
            params,
        };
        let g = self
            .node_group_mut(cluster, name)
            .ok_or_else(|| no_cluster(cluster))?;
        g.min_size = new_min;
        g.max_size = new_max;
        g.desired_size = new_desired;
        g.instances = instances;
        g.updates.push(update.clone());
        Ok(update)
    }

    /// The node group `name` of cluster `cluster`, neither deleted, to change.
    fn node_group_mut(&mut self, cluster: &str, name: &str) -> Option<&mut NodeGroup> {
        self.eks_clusters
            .iter_mut()
            .find(|x| x.name == cluster && x.deleted_at.is_none())?
            .node_groups
            .iter_mut()
            .find(|n| n.name == name && n.deleted_at.is_none())
    }

    /// The node group's live instances, with new ones launched (in the zone with the fewest) until there are
    /// `desired`.
    fn top_up(
        &mut self,
        c: &EksCluster,
        group: &NodeGroup,
        desired: u32,
    ) -> Result<Vec<String>, AwsError> {
        let mut instances: Vec<String> = group
            .instances
            .iter()
            .filter(|i| self.instance(i).is_ok_and(|x| !x.is_terminated()))
            .cloned()
            .collect();
        while instances.len() < desired as usize {
            let subnet = self.least_used_subnet(&group.subnets, &instances)?;
            instances.push(self.launch_node(
                &c.name,
                &group.name,
                &c.cluster_security_group,
                &group.instance_types[0],
                &subnet,
            )?);
        }
        Ok(instances)
    }

    /// Launches replacements for the node group's instances that were terminated from outside (not by a scale-in,
    /// which drops them from the group first), as its Auto Scaling group does to keep its desired size.
    pub fn replace_eks_nodes(&mut self, cluster: &str, name: &str) -> Result<(), AwsError> {
        let c = self.eks_cluster(cluster)?.clone();
        let Some(group) = c
            .node_groups
            .iter()
            .find(|n| n.name == name && n.deleted_at.is_none())
        else {
            return Ok(());
        };
        let instances = self.top_up(&c, group, group.desired_size)?;
        if let Some(g) = self.node_group_mut(cluster, name) {
            g.instances = instances;
        }
        Ok(())
    }

    /// Deletes a node group and terminates its nodes.
    pub fn delete_eks_node_group(&mut self, cluster: &str, name: &str) -> Result<(), AwsError> {
        self.eks_cluster(cluster)?;
        let now = self.now;
        let cl = self
            .eks_clusters
            .iter_mut()
            .find(|x| x.name == cluster && x.deleted_at.is_none())
            .ok_or_else(|| no_cluster(cluster))?;
        let Some(ng) = cl
            .node_groups
            .iter_mut()
            .find(|n| n.name == name && n.status(now).is_some())
        else {
            return Err(AwsError::new(
                "ResourceNotFoundException",
                format!("No node group found for name: {name}."),
            ));
        };
        ng.deleted_at.get_or_insert(now);
        let ids = ng.instances.clone();
        for i in ids {
            let _ = self.terminate_instance(&i);
        }
        Ok(())
    }

    /// Deletes a cluster with no node groups left.
    pub fn delete_eks_cluster(&mut self, name: &str) -> Result<(), AwsError> {
        let c = self.eks_cluster(name)?;
        if c.node_groups.iter().any(|n| n.status(self.now).is_some()) {
            return Err(AwsError::new(
                "ResourceInUseException",
                "Cluster has nodegroups attached",
            ));
        }
        let now = self.now;
        if let Some(c) = self
            .eks_clusters
            .iter_mut()
            .find(|x| x.name == name && x.deleted_at.is_none())
        {
            c.deleted_at = Some(now);
        }
        Ok(())
    }
}

fn cluster_json(net: &Network, c: &EksCluster) -> Value {
    let status = c.status(net.now).unwrap_or("DELETING");
    let mut m = Map::new();
    m.insert("name".into(), json!(c.name));
    m.insert("arn".into(), json!(c.arn));
    m.insert(
        "createdAt".into(),
        json!(timestamp(c.created_at).replace("+00:00", ".000000+00:00")),
    );
    m.insert("version".into(), json!(c.version));
    if status != "CREATING" {
        m.insert("endpoint".into(), json!(c.endpoint));
    }
    m.insert("roleArn".into(), json!(c.role_arn));
    m.insert(
        "resourcesVpcConfig".into(),
        json!({
            "subnetIds": c.subnets,
            "securityGroupIds": c.security_groups,
            "clusterSecurityGroupId": c.cluster_security_group,
            "vpcId": c.vpc_id,
            "endpointPublicAccess": true,
            "endpointPrivateAccess": false,
            "publicAccessCidrs": ["0.0.0.0/0"]
        }),
    );
    m.insert(
        "kubernetesNetworkConfig".into(),
        json!({"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"}),
    );
    m.insert("logging".into(), json!({"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": false}]}));
    m.insert("status".into(), json!(status));
    if status != "CREATING" {
        m.insert(
            "certificateAuthority".into(),
            json!({"data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="}),
        );
    } else {
        m.insert("certificateAuthority".into(), json!({}));
    }
    let platform = if c.platform_version.is_empty() {
        "eks.12"
    } else {
        &c.platform_version
    };
    m.insert("platformVersion".into(), json!(platform));
    m.insert("tags".into(), json!({}));
    m.insert(
        "accessConfig".into(),
        json!({"authenticationMode": "API_AND_CONFIG_MAP"}),
    );
    m.insert("upgradePolicy".into(), json!({"supportType": "EXTENDED"}));
    Value::Object(m)
}

fn nodegroup_json(net: &Network, c: &EksCluster, n: &NodeGroup) -> Value {
    json!({
        "nodegroupName": n.name,
        "nodegroupArn": n.arn,
        "clusterName": c.name,
        "version": c.version,
        "releaseVersion": if n.release_version.is_empty() { format!("{}.0-20241121", c.version) } else { n.release_version.clone() },
        "createdAt": timestamp(n.created_at).replace("+00:00", ".000000+00:00"),
        "modifiedAt": timestamp(n.created_at).replace("+00:00", ".000000+00:00"),
        "status": n.status(net.now).unwrap_or("DELETING"),
        "capacityType": "ON_DEMAND",
        "scalingConfig": {"minSize": n.min_size, "maxSize": n.max_size, "desiredSize": n.desired_size},
        "instanceTypes": n.instance_types,
        "subnets": n.subnets,
        "amiType": if n.ami_type.is_empty() { "AL2023_x86_64_STANDARD" } else { n.ami_type.as_str() },
        "nodeRole": n.node_role,
        "labels": {},
        "resources": {"autoScalingGroups": [{"name": format!("eks-{}-{}", n.name, &n.arn[n.arn.len() - 13..])}]},
        "diskSize": 20,
        "health": {"issues": []},
        "updateConfig": {"maxUnavailable": 1},
        "tags": {}
    })
}

/// Values of a structure member given in shorthand, where one value comes as a string and several as a list.
fn list_member(v: Option<&Value>, key: &str) -> Vec<String> {
    match v.and_then(|v| v.get(key)) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
        _ => vec![],
    }
}

/// Runs one `aws eks` operation (except `update-kubeconfig`, which writes files and lives in the account's dispatcher).
pub fn call(net: &mut Network, op: &str, p: &Params) -> Result<Option<Value>, AwsError> {
    match op {
        "list-clusters" => Ok(Some(json!({
            "clusters": net.eks_clusters.iter().filter(|c| c.status(net.now).is_some()).map(|c| c.name.clone()).collect::<Vec<_>>()
        }))),
        "create-cluster" => {
            let cfg = p.json("resources-vpc-config");
            let subnets = list_member(cfg, "subnetIds");
            let sgs = list_member(cfg, "securityGroupIds");
            let name = p.req("name").to_owned();
            net.create_eks_cluster(
                &name,
                p.req("role-arn"),
                &subnets,
                &sgs,
                p.str("kubernetes-version"),
            )?;
            let c = net.eks_cluster(&name)?.clone();
            Ok(Some(json!({"cluster": cluster_json(net, &c)})))
        }
        "describe-cluster" => {
            let c = net.eks_cluster(p.req("name"))?.clone();
            Ok(Some(json!({"cluster": cluster_json(net, &c)})))
        }
        "delete-cluster" => {
            let name = p.req("name").to_owned();
            net.delete_eks_cluster(&name)?;
            let c = net.eks_cluster(&name)?.clone();
            Ok(Some(json!({"cluster": cluster_json(net, &c)})))
        }
        "create-nodegroup" => {
            let scaling = p.json("scaling-config");
            let num = |k: &str, d: u32| {
                scaling
                    .and_then(|s| s.get(k))
                    .and_then(|v| {
                        v.as_u64()
                            .or_else(|| v.as_str().and_then(|x| x.parse().ok()))
                    })
                    .map_or(d, |n| n as u32)
            };
            let (min, max, desired) = (num("minSize", 1), num("maxSize", 2), num("desiredSize", 2));
            let cluster = p.req("cluster-name").to_owned();
            let name = p.req("nodegroup-name").to_owned();
            net.create_eks_node_group(
                &cluster,
                &name,
                &p.list("subnets"),
                p.req("node-role"),
                &p.list("instance-types"),
                min,
                max,
                desired,
            )?;
            let c = net.eks_cluster(&cluster)?.clone();
            let n = c
                .node_groups
                .iter()
                .rev()
                .find(|n| n.name == name)
                .cloned()
                .ok_or_else(|| no_cluster(&cluster))?;
            Ok(Some(json!({"nodegroup": nodegroup_json(net, &c, &n)})))
        }
        "get-token" => {
            let name = p.req("cluster-name");
            // A presigned STS GetCallerIdentity URL, base64url-encoded, is what EKS tokens carry; the simulator's is shaped alike.
            let url = format!(
                "https://sts.{}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE&x-k8s-aws-id={name}",
                net.region
            );
            let token: String = url
                .bytes()
                .collect::<Vec<u8>>()
                .chunks(3)
                .flat_map(|c| {
                    const T: &[u8] =
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                    let n = (u32::from(c[0]) << 16)
                        | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                        | u32::from(*c.get(2).unwrap_or(&0));
                    let k = c.len() + 1;
                    (0..4)
                        .take(k)
                        .map(move |i| T[((n >> (18 - 6 * i)) & 63) as usize] as char)
                })
                .collect();
            Ok(Some(json!({
                "kind": "ExecCredential",
                "apiVersion": "client.authentication.k8s.io/v1beta1",
                "spec": {},
                "status": {
                    "expirationTimestamp": timestamp(net.now + 14 * 60_000).replace("+00:00", "Z"),
                    "token": format!("k8s-aws-v1.{token}")
                }
            })))
        }
        "update-nodegroup-config" => {
            let scaling = p.json("scaling-config");
            let num = |k: &str| {
                scaling.and_then(|s| s.get(k)).and_then(|v| {
                    v.as_u64()
                        .or_else(|| v.as_str().and_then(|x| x.parse().ok()))
                        .map(|n| n as u32)
                })
            };
            let update = net.update_eks_node_group_config(
                p.req("cluster-name"),
                p.req("nodegroup-name"),
                num("minSize"),
                num("maxSize"),
                num("desiredSize"),
            )?;
            Ok(Some(json!({"update": update.to_json(net.now)})))
        }
        "describe-update" => {
            let c = net.eks_cluster(p.req("name"))?;
            let id = p.req("update-id");
            let found = c
                .node_groups
                .iter()
                .filter(|n| p.str("nodegroup-name").is_none_or(|g| g == n.name))
                .flat_map(|n| &n.updates)
                .find(|u| u.id == id);
            match found {
                Some(u) => Ok(Some(json!({"update": u.to_json(net.now)}))),
                None => Err(AwsError::new(
                    "ResourceNotFoundException",
                    format!("No update found for ID: {id}."),
                )),
            }
        }
        "list-nodegroups" => {
            let c = net.eks_cluster(p.req("cluster-name"))?;
            Ok(Some(
                json!({"nodegroups": c.node_groups.iter().filter(|n| n.status(net.now).is_some()).map(|n| n.name.clone()).collect::<Vec<_>>()}),
            ))
        }
        "describe-nodegroup" | "delete-nodegroup" => {
            let cluster = p.req("cluster-name").to_owned();
            let name = p.req("nodegroup-name").to_owned();
            if op == "delete-nodegroup" {
                net.delete_eks_node_group(&cluster, &name)?;
            }
            let c = net.eks_cluster(&cluster)?.clone();
            let n = c.node_group(&name, net.now)?;
            Ok(Some(json!({"nodegroup": nodegroup_json(net, &c, n)})))
        }
        _ => Err(AwsError::new(
            "InvalidAction",
            format!("{op} is not supported"),
        )),
    }
}

/// The kubeconfig entries `aws eks update-kubeconfig` writes for `c`, merged into `existing` YAML; returns the new text and whether the context existed.
pub fn merge_kubeconfig(existing: &str, c: &EksCluster, region: &str) -> (String, bool) {
    let mut doc: serde_json::Value = serde_yaml_ng::from_str(existing).unwrap_or(Value::Null);
    if !doc.is_object() {
        doc = json!({"apiVersion": "v1", "clusters": [], "contexts": [], "current-context": "", "kind": "Config", "preferences": {}, "users": []});
    }
    let cluster = json!({"cluster": {"certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==", "server": c.endpoint}, "name": c.arn});
    let context = json!({"context": {"cluster": c.arn, "user": c.arn}, "name": c.arn});
    let user = json!({"name": c.arn, "user": {"exec": {
        "apiVersion": "client.authentication.k8s.io/v1beta1",
        "args": ["--region", region, "eks", "get-token", "--cluster-name", c.name, "--output", "json"],
        "command": "aws"
    }}});
    let mut existed = false;
    for (key, entry) in [
        ("clusters", cluster),
        ("contexts", context),
        ("users", user),
    ] {
        let list = doc.get_mut(key).and_then(Value::as_array_mut);
        match list {
            Some(list) => match list.iter_mut().find(|e| e.get("name") == entry.get("name")) {
                Some(e) => {
                    *e = entry;
                    existed = true;
                }
                None => list.push(entry),
            },
            None => {
                if let Some(m) = doc.as_object_mut() {
                    m.insert(key.into(), json!([entry]));
                }
            }
        }
    }
    if let Some(m) = doc.as_object_mut() {
        m.insert("current-context".into(), json!(c.arn));
    }
    (serde_yaml_ng::to_string(&doc).unwrap_or_default(), existed)
}
