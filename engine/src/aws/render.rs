//! EC2 response shapes: each model resource as the JSON the AWS CLI prints (keys in the service's order), and `--filters` over those shapes.

use crate::sort::SortShared;
use serde_json::{Map, Value, json};

use super::model::AwsError;
use super::model::{
    ACCOUNT_ID, AclEntry, ElasticIp, Instance, InternetGateway, NatGateway, Network, NetworkAcl,
    Peer, RouteTable, RouteTarget, SecurityGroup, SgRule, Subnet, Tag, Vpc,
};

/// Formats virtual milliseconds since the epoch as the CLI prints timestamps (`2026-01-01T00:00:00+00:00`).
pub fn timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Tags as `[{"Key": …, "Value": …}]`.
pub fn tags(t: &[Tag]) -> Value {
    Value::Array(
        t.iter()
            .map(|t| json!({"Key": t.key, "Value": t.value}))
            .collect(),
    )
}

fn put_tags(m: &mut Map<String, Value>, t: &[Tag]) {
    if !t.is_empty() {
        m.insert("Tags".into(), tags(t));
    }
}

/// A VPC; `state` is `pending` in the create response and `available` afterwards.
pub fn vpc(v: &Vpc, state: &str) -> Value {
    let mut assocs = vec![json!({
        "AssociationId": v.cidr_assoc_id,
        "CidrBlock": v.cidr.to_string(),
        "CidrBlockState": {"State": "associated"}
    })];
    for (id, c) in &v.secondary {
        assocs.push(json!({"AssociationId": id, "CidrBlock": c.to_string(), "CidrBlockState": {"State": "associated"}}));
    }
    let mut m = Map::new();
    m.insert("CidrBlock".into(), json!(v.cidr.to_string()));
    m.insert("DhcpOptionsId".into(), json!(v.dhcp_options_id));
    m.insert("State".into(), json!(state));
    m.insert("VpcId".into(), json!(v.id));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    m.insert("InstanceTenancy".into(), json!("default"));
    if state == "pending" {
        m.insert("Ipv6CidrBlockAssociationSet".into(), json!([]));
    }
    m.insert("CidrBlockAssociationSet".into(), Value::Array(assocs));
    m.insert("IsDefault".into(), json!(v.is_default));
    put_tags(&mut m, &v.tags);
    m.insert(
        "BlockPublicAccessStates".into(),
        json!({"InternetGatewayBlockMode": "off"}),
    );
    Value::Object(m)
}

/// A subnet.
pub fn subnet(net: &Network, s: &Subnet) -> Value {
    let mut m = Map::new();
    m.insert("AvailabilityZone".into(), json!(s.az.name));
    m.insert("AvailabilityZoneId".into(), json!(s.az.id));
    m.insert(
        "AvailableIpAddressCount".into(),
        json!(net.available_ip_count(s)),
    );
    m.insert("CidrBlock".into(), json!(s.cidr.to_string()));
    m.insert("DefaultForAz".into(), json!(s.default_for_az));
    m.insert("MapPublicIpOnLaunch".into(), json!(s.map_public_ip));
    m.insert("State".into(), json!("available"));
    m.insert("SubnetId".into(), json!(s.id));
    m.insert("VpcId".into(), json!(s.vpc_id));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    m.insert("AssignIpv6AddressOnCreation".into(), json!(false));
    m.insert("Ipv6CidrBlockAssociationSet".into(), json!([]));
    put_tags(&mut m, &s.tags);
    m.insert(
        "SubnetArn".into(),
        json!(format!(
            "arn:aws:ec2:{}:{ACCOUNT_ID}:subnet/{}",
            net.region, s.id
        )),
    );
    m.insert("EnableDns64".into(), json!(false));
    m.insert("Ipv6Native".into(), json!(false));
    m.insert(
        "BlockPublicAccessStates".into(),
        json!({"InternetGatewayBlockMode": "off"}),
    );
    m.insert(
        "PrivateDnsNameOptionsOnLaunch".into(),
        json!({"HostnameType": "ip-name", "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": false}),
    );
    Value::Object(m)
}

/// An internet gateway.
pub fn igw(g: &InternetGateway) -> Value {
    let att: Vec<Value> = g
        .vpc_id
        .iter()
        .map(|v| json!({"State": "available", "VpcId": v}))
        .collect();
    let mut m = Map::new();
    m.insert("Attachments".into(), Value::Array(att));
    m.insert("InternetGatewayId".into(), json!(g.id));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    m.insert("Tags".into(), tags(&g.tags));
    Value::Object(m)
}

/// An Elastic IP in `describe-addresses`.
pub fn address(net: &Network, a: &ElasticIp) -> Value {
    let mut m = Map::new();
    if let Some(i) = a.association.as_ref().and_then(|s| s.instance_id.as_ref()) {
        m.insert("InstanceId".into(), json!(i));
    }
    m.insert("PublicIp".into(), json!(a.public_ip.to_string()));
    m.insert("AllocationId".into(), json!(a.allocation_id));
    if let Some(s) = &a.association {
        m.insert("AssociationId".into(), json!(s.id));
    }
    m.insert("Domain".into(), json!("vpc"));
    if let Some(s) = &a.association {
        m.insert("NetworkInterfaceId".into(), json!(s.eni_id));
        m.insert("NetworkInterfaceOwnerId".into(), json!(ACCOUNT_ID));
        m.insert("PrivateIpAddress".into(), json!(s.private_ip.to_string()));
    }
    put_tags(&mut m, &a.tags);
    m.insert("PublicIpv4Pool".into(), json!("amazon"));
    m.insert("NetworkBorderGroup".into(), json!(net.region));
    Value::Object(m)
}

/// A NAT gateway at the network's current time.
pub fn nat(net: &Network, n: &NatGateway) -> Value {
    let state = n.state(net.now);
    let mut addrs = vec![];
    if n.allocation_id.is_some() || n.connectivity == "private" {
        let mut a = Map::new();
        if let Some(id) = &n.allocation_id {
            a.insert("AllocationId".into(), json!(id));
        }
        a.insert("NetworkInterfaceId".into(), json!(n.eni_id));
        if state != "pending" {
            a.insert("PrivateIp".into(), json!(n.private_ip.to_string()));
            if let Some(p) = n.public_ip {
                a.insert("PublicIp".into(), json!(p.to_string()));
            }
        }
        a.insert("IsPrimary".into(), json!(true));
        a.insert(
            "Status".into(),
            json!(match state {
                "pending" => "associating",
                "available" => "succeeded",
                "deleting" => "disassociating",
                _ => "succeeded",
            }),
        );
        addrs.push(Value::Object(a));
    }
    let mut m = Map::new();
    m.insert("CreateTime".into(), json!(timestamp(n.created_at)));
    if let Some(t) = n.deleted_at.filter(|_| state == "deleted") {
        m.insert(
            "DeleteTime".into(),
            json!(timestamp(t + super::model::NAT_DELETING_MS)),
        );
    }
    m.insert("NatGatewayAddresses".into(), Value::Array(addrs));
    m.insert("NatGatewayId".into(), json!(n.id));
    m.insert("State".into(), json!(state));
    m.insert("SubnetId".into(), json!(n.subnet_id));
    m.insert("VpcId".into(), json!(n.vpc_id));
    m.insert("Tags".into(), tags(&n.tags));
    m.insert("ConnectivityType".into(), json!(n.connectivity));
    Value::Object(m)
}

/// A route table with route states computed now.
pub fn route_table(net: &Network, t: &RouteTable) -> Value {
    let assocs: Vec<Value> = t
        .associations
        .iter()
        .map(|a| {
            let mut m = Map::new();
            m.insert("Main".into(), json!(a.subnet_id.is_none()));
            m.insert("RouteTableAssociationId".into(), json!(a.id));
            m.insert("RouteTableId".into(), json!(t.id));
            if let Some(s) = &a.subnet_id {
                m.insert("SubnetId".into(), json!(s));
            }
            m.insert("AssociationState".into(), json!({"State": "associated"}));
            Value::Object(m)
        })
        .collect();
    let routes: Vec<Value> = t
        .routes
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert(
                "DestinationCidrBlock".into(),
                json!(r.destination.to_string()),
            );
            match &r.target {
                RouteTarget::Local => {
                    m.insert("GatewayId".into(), json!("local"));
                }
                RouteTarget::Gateway(g) => {
                    m.insert("GatewayId".into(), json!(g));
                }
                RouteTarget::NatGateway(n) => {
                    m.insert("NatGatewayId".into(), json!(n));
                }
                RouteTarget::Instance(i) => {
                    m.insert("InstanceId".into(), json!(i));
                    m.insert("InstanceOwnerId".into(), json!(ACCOUNT_ID));
                    if let Ok(inst) = net.instance(i) {
                        m.insert("NetworkInterfaceId".into(), json!(inst.eni_id));
                    }
                }
            }
            m.insert("Origin".into(), json!(r.origin));
            m.insert("State".into(), json!(net.route_state(t, r)));
            Value::Object(m)
        })
        .collect();
    let mut m = Map::new();
    m.insert("Associations".into(), Value::Array(assocs));
    m.insert("PropagatingVgws".into(), json!([]));
    m.insert("RouteTableId".into(), json!(t.id));
    m.insert("Routes".into(), Value::Array(routes));
    m.insert("Tags".into(), tags(&t.tags));
    m.insert("VpcId".into(), json!(t.vpc_id));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    Value::Object(m)
}

/// One grouped permission: protocol, ports, address ranges and group pairs.
type Permission = (String, i32, i32, Vec<Value>, Vec<Value>);

fn permissions(rules: &[SgRule]) -> Value {
    // Rules with the same protocol and ports are grouped into one permission, as EC2 does.
    let mut perms: Vec<Permission> = vec![];
    for r in rules {
        let slot = match perms
            .iter_mut()
            .position(|p| p.0 == r.protocol && p.1 == r.from_port && p.2 == r.to_port)
        {
            Some(i) => i,
            None => {
                perms.push((r.protocol.clone(), r.from_port, r.to_port, vec![], vec![]));
                perms.len() - 1
            }
        };
        match &r.peer {
            Peer::Cidr(c) => {
                let mut m = Map::new();
                if let Some(d) = &r.description {
                    m.insert("Description".into(), json!(d));
                }
                m.insert("CidrIp".into(), json!(c.to_string()));
                perms[slot].3.push(Value::Object(m));
            }
            Peer::Group(g) => {
                let mut m = Map::new();
                if let Some(d) = &r.description {
                    m.insert("Description".into(), json!(d));
                }
                m.insert("UserId".into(), json!(ACCOUNT_ID));
                m.insert("GroupId".into(), json!(g));
                perms[slot].4.push(Value::Object(m));
            }
        }
    }
    Value::Array(
        perms
            .into_iter()
            .map(|(p, f, t, ranges, groups)| {
                let mut m = Map::new();
                if p != "-1" {
                    m.insert("FromPort".into(), json!(f));
                }
                m.insert("IpProtocol".into(), json!(p));
                m.insert("IpRanges".into(), Value::Array(ranges));
                m.insert("Ipv6Ranges".into(), json!([]));
                m.insert("PrefixListIds".into(), json!([]));
                if p != "-1" {
                    m.insert("ToPort".into(), json!(t));
                }
                m.insert("UserIdGroupPairs".into(), Value::Array(groups));
                Value::Object(m)
            })
            .collect(),
    )
}

/// A security group.
pub fn security_group(net: &Network, g: &SecurityGroup) -> Value {
    let mut m = Map::new();
    m.insert("Description".into(), json!(g.description));
    m.insert("GroupName".into(), json!(g.name));
    m.insert("IpPermissions".into(), permissions(&g.ingress));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    m.insert("GroupId".into(), json!(g.id));
    m.insert("IpPermissionsEgress".into(), permissions(&g.egress));
    put_tags(&mut m, &g.tags);
    m.insert("VpcId".into(), json!(g.vpc_id));
    m.insert(
        "SecurityGroupArn".into(),
        json!(format!(
            "arn:aws:ec2:{}:{ACCOUNT_ID}:security-group/{}",
            net.region, g.id
        )),
    );
    Value::Object(m)
}

/// One security group rule as `authorize-*` and `describe-security-group-rules` print it.
pub fn sg_rule(net: &Network, group: &str, egress: bool, r: &SgRule) -> Value {
    let mut m = Map::new();
    m.insert("SecurityGroupRuleId".into(), json!(r.id));
    m.insert("GroupId".into(), json!(group));
    m.insert("GroupOwnerId".into(), json!(ACCOUNT_ID));
    m.insert("IsEgress".into(), json!(egress));
    m.insert("IpProtocol".into(), json!(r.protocol));
    m.insert("FromPort".into(), json!(r.from_port));
    m.insert("ToPort".into(), json!(r.to_port));
    match &r.peer {
        Peer::Cidr(c) => {
            m.insert("CidrIpv4".into(), json!(c.to_string()));
        }
        Peer::Group(g) => {
            m.insert(
                "ReferencedGroupInfo".into(),
                json!({"GroupId": g, "UserId": ACCOUNT_ID}),
            );
        }
    }
    if let Some(d) = &r.description {
        m.insert("Description".into(), json!(d));
    }
    m.insert(
        "SecurityGroupRuleArn".into(),
        json!(format!(
            "arn:aws:ec2:{}:{ACCOUNT_ID}:security-group-rule/{}",
            net.region, r.id
        )),
    );
    Value::Object(m)
}

fn acl_entry(e: &AclEntry) -> Value {
    let mut m = Map::new();
    m.insert("CidrBlock".into(), json!(e.cidr.to_string()));
    m.insert("Egress".into(), json!(e.egress));
    if let Some((a, b)) = e.ports {
        m.insert("PortRange".into(), json!({"From": a, "To": b}));
    }
    m.insert("Protocol".into(), json!(e.protocol));
    m.insert(
        "RuleAction".into(),
        json!(if e.allow { "allow" } else { "deny" }),
    );
    m.insert("RuleNumber".into(), json!(e.rule_number));
    Value::Object(m)
}

/// A network ACL, entries egress first then by rule number as EC2 lists them.
pub fn network_acl(a: &NetworkAcl) -> Value {
    let mut entries: Vec<&AclEntry> = a.entries.iter().collect();
    entries.sort_shared_by_key(|e| (!e.egress, e.rule_number));
    let mut m = Map::new();
    m.insert(
        "Associations".into(),
        Value::Array(
            a.associations
                .iter()
                .map(|(id, s)| json!({"NetworkAclAssociationId": id, "NetworkAclId": a.id, "SubnetId": s}))
                .collect(),
        ),
    );
    m.insert(
        "Entries".into(),
        Value::Array(entries.into_iter().map(acl_entry).collect()),
    );
    m.insert("IsDefault".into(), json!(a.is_default));
    m.insert("NetworkAclId".into(), json!(a.id));
    m.insert("Tags".into(), tags(&a.tags));
    m.insert("VpcId".into(), json!(a.vpc_id));
    m.insert("OwnerId".into(), json!(ACCOUNT_ID));
    Value::Object(m)
}

fn dns_name(net: &Network, ip: std::net::Ipv4Addr, public: bool) -> String {
    let dashed = ip.to_string().replace('.', "-");
    if public {
        let domain = if net.region == "us-east-1" {
            "compute-1.amazonaws.com".to_owned()
        } else {
            format!("{}.compute.amazonaws.com", net.region)
        };
        format!("ec2-{dashed}.{domain}")
    } else if net.region == "us-east-1" {
        format!("ip-{dashed}.ec2.internal")
    } else {
        format!("ip-{dashed}.{}.compute.internal", net.region)
    }
}

/// An instance at the network's current time.
pub fn instance(net: &Network, i: &Instance) -> Value {
    let (state, code) = i.state(net.now);
    let gone = state == "terminated";
    let public = if gone {
        None
    } else {
        net.instance_public_ip(i)
    };
    let hostnames = net.vpc(&i.vpc_id).map(|v| v.dns_hostnames).unwrap_or(false);
    let public_dns = match public {
        Some(p) if hostnames => dns_name(net, p, true),
        _ => String::new(),
    };
    let private_dns = if gone {
        String::new()
    } else {
        dns_name(net, i.private_ip, false)
    };
    let groups: Vec<Value> = i
        .security_groups
        .iter()
        .map(|g| {
            let name = net
                .security_group(g)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            json!({"GroupName": name, "GroupId": g})
        })
        .collect();
    let mut m = Map::new();
    m.insert("AmiLaunchIndex".into(), json!(i.launch_index));
    m.insert("ImageId".into(), json!(i.image_id));
    m.insert("InstanceId".into(), json!(i.id));
    m.insert("InstanceType".into(), json!(i.instance_type));
    if let Some(k) = &i.key_name {
        m.insert("KeyName".into(), json!(k));
    }
    m.insert("LaunchTime".into(), json!(timestamp(i.launched_at)));
    m.insert("Monitoring".into(), json!({"State": "disabled"}));
    m.insert(
        "Placement".into(),
        json!({"AvailabilityZone": i.az, "GroupName": "", "Tenancy": "default"}),
    );
    m.insert("PrivateDnsName".into(), json!(private_dns));
    if !gone {
        m.insert("PrivateIpAddress".into(), json!(i.private_ip.to_string()));
    }
    m.insert("ProductCodes".into(), json!([]));
    m.insert("PublicDnsName".into(), json!(public_dns));
    if let Some(p) = public {
        m.insert("PublicIpAddress".into(), json!(p.to_string()));
    }
    m.insert("State".into(), json!({"Code": code, "Name": state}));
    m.insert(
        "StateTransitionReason".into(),
        json!(match i.terminated_at {
            Some(t) => format!(
                "User initiated ({})",
                timestamp(t).replace('T', " ").replace("+00:00", " GMT")
            ),
            None => String::new(),
        }),
    );
    if !gone {
        m.insert("SubnetId".into(), json!(i.subnet_id));
        m.insert("VpcId".into(), json!(i.vpc_id));
    }
    m.insert("Architecture".into(), json!("x86_64"));
    m.insert("BlockDeviceMappings".into(), json!([]));
    let h = &i.id[3..];
    m.insert(
        "ClientToken".into(),
        json!(format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[0..4],
            &h[4..16]
        )),
    );
    m.insert("EbsOptimized".into(), json!(false));
    m.insert("EnaSupport".into(), json!(true));
    m.insert("Hypervisor".into(), json!("xen"));
    let mut nics = vec![];
    if !gone {
        let mut n = Map::new();
        if let Some(p) = public {
            n.insert(
                "Association".into(),
                json!({"IpOwnerId": "amazon", "PublicDnsName": public_dns, "PublicIp": p.to_string()}),
            );
        }
        n.insert(
            "Attachment".into(),
            json!({"AttachTime": timestamp(i.launched_at), "AttachmentId": i.eni_id.replace("eni-", "eni-attach-"), "DeleteOnTermination": true, "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0}),
        );
        n.insert("Description".into(), json!(""));
        n.insert("Groups".into(), Value::Array(groups.clone()));
        n.insert("Ipv6Addresses".into(), json!([]));
        n.insert("NetworkInterfaceId".into(), json!(i.eni_id));
        n.insert("OwnerId".into(), json!(ACCOUNT_ID));
        n.insert("PrivateDnsName".into(), json!(private_dns));
        n.insert("PrivateIpAddress".into(), json!(i.private_ip.to_string()));
        n.insert("SourceDestCheck".into(), json!(i.source_dest_check));
        n.insert("Status".into(), json!("in-use"));
        n.insert("SubnetId".into(), json!(i.subnet_id));
        n.insert("VpcId".into(), json!(i.vpc_id));
        n.insert("InterfaceType".into(), json!("interface"));
        nics.push(Value::Object(n));
    }
    m.insert("NetworkInterfaces".into(), Value::Array(nics));
    let root =
        super::images::find(&net.region, &i.image_id).map_or("/dev/xvda", |img| img.root_device);
    m.insert("RootDeviceName".into(), json!(root));
    m.insert("RootDeviceType".into(), json!("ebs"));
    m.insert(
        "SecurityGroups".into(),
        Value::Array(if gone { vec![] } else { groups }),
    );
    if !gone {
        m.insert("SourceDestCheck".into(), json!(i.source_dest_check));
    }
    if i.terminated_at.is_some() {
        m.insert(
            "StateReason".into(),
            json!({"Code": "Client.UserInitiatedShutdown", "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}),
        );
    } else if state == "pending" {
        m.insert(
            "StateReason".into(),
            json!({"Code": "pending", "Message": "pending"}),
        );
    }
    put_tags(&mut m, &i.tags);
    m.insert("VirtualizationType".into(), json!("hvm"));
    Value::Object(m)
}

fn mac(id: &str) -> String {
    let h = super::fnv1a(id.bytes());
    let b = h.to_be_bytes();
    format!(
        "02:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
        b[0], b[1], b[2], b[3], b[4]
    )
}

/// Every live network interface (instances' primary interfaces and NAT gateways' interfaces) as `describe-network-interfaces` prints it.
pub fn network_interfaces(net: &Network) -> Vec<Value> {
    let mut out = vec![];
    for i in net
        .instances
        .iter()
        .filter(|i| i.state(net.now).0 != "terminated")
    {
        let az = &i.az;
        let public = net.instance_public_ip(i);
        let groups: Vec<Value> = i
            .security_groups
            .iter()
            .map(|g| json!({"GroupId": g, "GroupName": net.security_group(g).map(|s| s.name.clone()).unwrap_or_default()}))
            .collect();
        let assoc = public.map(
            |p| json!({"IpOwnerId": "amazon", "PublicDnsName": "", "PublicIp": p.to_string()}),
        );
        let mut m = Map::new();
        if let Some(a) = &assoc {
            m.insert("Association".into(), a.clone());
        }
        m.insert(
            "Attachment".into(),
            json!({"AttachTime": timestamp(i.launched_at), "AttachmentId": i.eni_id.replace("eni-", "eni-attach-"), "DeleteOnTermination": true, "DeviceIndex": 0, "NetworkCardIndex": 0, "InstanceId": i.id, "InstanceOwnerId": ACCOUNT_ID, "Status": "attached"}),
        );
        m.insert("AvailabilityZone".into(), json!(az));
        m.insert("Description".into(), json!(""));
        m.insert("Groups".into(), Value::Array(groups));
        m.insert("InterfaceType".into(), json!("interface"));
        m.insert("Ipv6Addresses".into(), json!([]));
        m.insert("MacAddress".into(), json!(mac(&i.eni_id)));
        m.insert("NetworkInterfaceId".into(), json!(i.eni_id));
        m.insert("OwnerId".into(), json!(ACCOUNT_ID));
        m.insert(
            "PrivateDnsName".into(),
            json!(dns_name(net, i.private_ip, false)),
        );
        m.insert("PrivateIpAddress".into(), json!(i.private_ip.to_string()));
        let mut pip = Map::new();
        if let Some(a) = assoc {
            pip.insert("Association".into(), a);
        }
        pip.insert("Primary".into(), json!(true));
        pip.insert(
            "PrivateDnsName".into(),
            json!(dns_name(net, i.private_ip, false)),
        );
        pip.insert("PrivateIpAddress".into(), json!(i.private_ip.to_string()));
        m.insert("PrivateIpAddresses".into(), json!([Value::Object(pip)]));
        m.insert("RequesterManaged".into(), json!(false));
        m.insert("SourceDestCheck".into(), json!(i.source_dest_check));
        m.insert("Status".into(), json!("in-use"));
        m.insert("SubnetId".into(), json!(i.subnet_id));
        m.insert("TagSet".into(), json!([]));
        m.insert("VpcId".into(), json!(i.vpc_id));
        out.push(Value::Object(m));
    }
    for n in net.nat_gateways.iter().filter(|n| n.deleted_at.is_none()) {
        let az = net
            .subnet(&n.subnet_id)
            .map(|s| s.az.name.clone())
            .unwrap_or_default();
        let mut m = Map::new();
        if let Some(p) = n.public_ip {
            m.insert(
                "Association".into(),
                json!({"AllocationId": n.allocation_id, "IpOwnerId": "amazon", "PublicDnsName": "", "PublicIp": p.to_string()}),
            );
        }
        m.insert("AvailabilityZone".into(), json!(az));
        m.insert(
            "Description".into(),
            json!(format!("Interface for NAT Gateway {}", n.id)),
        );
        m.insert("Groups".into(), json!([]));
        m.insert("InterfaceType".into(), json!("nat_gateway"));
        m.insert("Ipv6Addresses".into(), json!([]));
        m.insert("MacAddress".into(), json!(mac(&n.eni_id)));
        m.insert("NetworkInterfaceId".into(), json!(n.eni_id));
        m.insert("OwnerId".into(), json!(ACCOUNT_ID));
        m.insert(
            "PrivateDnsName".into(),
            json!(dns_name(net, n.private_ip, false)),
        );
        m.insert("PrivateIpAddress".into(), json!(n.private_ip.to_string()));
        m.insert("RequesterId".into(), json!("441220869785"));
        m.insert("RequesterManaged".into(), json!(true));
        m.insert("SourceDestCheck".into(), json!(false));
        m.insert("Status".into(), json!("in-use"));
        m.insert("SubnetId".into(), json!(n.subnet_id));
        m.insert("TagSet".into(), json!([]));
        m.insert("VpcId".into(), json!(n.vpc_id));
        out.push(Value::Object(m));
    }
    out
}

/// The names each describe call accepts in `--filters`, mapped to paths into the resource's JSON (`A.B` nests, `A[].B` looks into lists).
pub fn filter_paths(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "vpc" => &[
            ("vpc-id", "VpcId"),
            ("cidr", "CidrBlock"),
            ("cidr-block", "CidrBlock"),
            (
                "cidr-block-association.cidr-block",
                "CidrBlockAssociationSet[].CidrBlock",
            ),
            (
                "cidr-block-association.association-id",
                "CidrBlockAssociationSet[].AssociationId",
            ),
            ("dhcp-options-id", "DhcpOptionsId"),
            ("is-default", "IsDefault"),
            ("owner-id", "OwnerId"),
            ("state", "State"),
        ],
        "subnet" => &[
            ("subnet-id", "SubnetId"),
            ("vpc-id", "VpcId"),
            ("cidr", "CidrBlock"),
            ("cidr-block", "CidrBlock"),
            ("cidrBlock", "CidrBlock"),
            ("availability-zone", "AvailabilityZone"),
            ("availabilityZone", "AvailabilityZone"),
            ("availability-zone-id", "AvailabilityZoneId"),
            ("available-ip-address-count", "AvailableIpAddressCount"),
            ("default-for-az", "DefaultForAz"),
            ("map-public-ip-on-launch", "MapPublicIpOnLaunch"),
            ("owner-id", "OwnerId"),
            ("state", "State"),
            ("subnet-arn", "SubnetArn"),
        ],
        "igw" => &[
            ("internet-gateway-id", "InternetGatewayId"),
            ("attachment.vpc-id", "Attachments[].VpcId"),
            ("attachment.state", "Attachments[].State"),
            ("owner-id", "OwnerId"),
        ],
        "nat" => &[
            ("nat-gateway-id", "NatGatewayId"),
            ("subnet-id", "SubnetId"),
            ("vpc-id", "VpcId"),
            ("state", "State"),
        ],
        "address" => &[
            ("allocation-id", "AllocationId"),
            ("association-id", "AssociationId"),
            ("domain", "Domain"),
            ("instance-id", "InstanceId"),
            ("network-interface-id", "NetworkInterfaceId"),
            ("private-ip-address", "PrivateIpAddress"),
            ("public-ip", "PublicIp"),
        ],
        "rtb" => &[
            ("route-table-id", "RouteTableId"),
            ("vpc-id", "VpcId"),
            ("association.subnet-id", "Associations[].SubnetId"),
            ("association.main", "Associations[].Main"),
            (
                "association.route-table-association-id",
                "Associations[].RouteTableAssociationId",
            ),
            ("association.route-table-id", "Associations[].RouteTableId"),
            (
                "route.destination-cidr-block",
                "Routes[].DestinationCidrBlock",
            ),
            ("route.gateway-id", "Routes[].GatewayId"),
            ("route.nat-gateway-id", "Routes[].NatGatewayId"),
            ("route.instance-id", "Routes[].InstanceId"),
            ("route.state", "Routes[].State"),
            ("route.origin", "Routes[].Origin"),
            ("owner-id", "OwnerId"),
        ],
        "sg" => &[
            ("group-id", "GroupId"),
            ("group-name", "GroupName"),
            ("description", "Description"),
            ("vpc-id", "VpcId"),
            ("owner-id", "OwnerId"),
            ("ip-permission.protocol", "IpPermissions[].IpProtocol"),
            ("ip-permission.from-port", "IpPermissions[].FromPort"),
            ("ip-permission.to-port", "IpPermissions[].ToPort"),
            ("ip-permission.cidr", "IpPermissions[].IpRanges[].CidrIp"),
            (
                "ip-permission.group-id",
                "IpPermissions[].UserIdGroupPairs[].GroupId",
            ),
            (
                "egress.ip-permission.cidr",
                "IpPermissionsEgress[].IpRanges[].CidrIp",
            ),
            (
                "egress.ip-permission.protocol",
                "IpPermissionsEgress[].IpProtocol",
            ),
        ],
        "acl" => &[
            ("network-acl-id", "NetworkAclId"),
            ("vpc-id", "VpcId"),
            ("default", "IsDefault"),
            ("association.subnet-id", "Associations[].SubnetId"),
            (
                "association.association-id",
                "Associations[].NetworkAclAssociationId",
            ),
            ("association.network-acl-id", "Associations[].NetworkAclId"),
            ("entry.rule-number", "Entries[].RuleNumber"),
            ("entry.rule-action", "Entries[].RuleAction"),
            ("entry.cidr", "Entries[].CidrBlock"),
            ("entry.egress", "Entries[].Egress"),
            ("entry.protocol", "Entries[].Protocol"),
            ("owner-id", "OwnerId"),
        ],
        "instance" => &[
            ("instance-id", "InstanceId"),
            ("instance-state-name", "State.Name"),
            ("instance-state-code", "State.Code"),
            ("instance-type", "InstanceType"),
            ("image-id", "ImageId"),
            ("key-name", "KeyName"),
            ("subnet-id", "SubnetId"),
            ("vpc-id", "VpcId"),
            ("availability-zone", "Placement.AvailabilityZone"),
            ("private-ip-address", "PrivateIpAddress"),
            ("ip-address", "PublicIpAddress"),
            ("private-dns-name", "PrivateDnsName"),
            ("dns-name", "PublicDnsName"),
            ("instance.group-id", "SecurityGroups[].GroupId"),
            ("instance.group-name", "SecurityGroups[].GroupName"),
            (
                "network-interface.network-interface-id",
                "NetworkInterfaces[].NetworkInterfaceId",
            ),
            ("source-dest-check", "SourceDestCheck"),
        ],
        "az" => &[
            ("zone-name", "ZoneName"),
            ("zone-id", "ZoneId"),
            ("state", "State"),
            ("region-name", "RegionName"),
            ("zone-type", "ZoneType"),
            ("group-name", "GroupName"),
            ("opt-in-status", "OptInStatus"),
        ],
        "region" => &[
            ("region-name", "RegionName"),
            ("endpoint", "Endpoint"),
            ("opt-in-status", "OptInStatus"),
        ],
        "key" => &[
            ("key-name", "KeyName"),
            ("key-pair-id", "KeyPairId"),
            ("fingerprint", "KeyFingerprint"),
        ],
        "eni" => &[
            ("network-interface-id", "NetworkInterfaceId"),
            ("subnet-id", "SubnetId"),
            ("vpc-id", "VpcId"),
            ("availability-zone", "AvailabilityZone"),
            ("attachment.instance-id", "Attachment.InstanceId"),
            ("private-ip-address", "PrivateIpAddress"),
            ("interface-type", "InterfaceType"),
            ("status", "Status"),
            ("group-id", "Groups[].GroupId"),
            ("description", "Description"),
            ("source-dest-check", "SourceDestCheck"),
            ("requester-managed", "RequesterManaged"),
            ("association.public-ip", "Association.PublicIp"),
        ],
        "image" => &[
            ("image-id", "ImageId"),
            ("name", "Name"),
            ("owner-alias", "ImageOwnerAlias"),
            ("owner-id", "OwnerId"),
            ("architecture", "Architecture"),
            ("state", "State"),
            ("platform-details", "PlatformDetails"),
            ("root-device-type", "RootDeviceType"),
            ("virtualization-type", "VirtualizationType"),
            ("is-public", "Public"),
        ],
        _ => &[],
    }
}

fn values_at(v: &Value, path: &str) -> Vec<String> {
    let mut cur = vec![v.clone()];
    for seg in path.split('.') {
        let (name, list) = match seg.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (seg, false),
        };
        let mut next = vec![];
        for c in cur {
            if let Some(x) = c.get(name) {
                match (list, x) {
                    (true, Value::Array(a)) => next.extend(a.iter().cloned()),
                    (_, x) => next.push(x.clone()),
                }
            }
        }
        cur = next;
    }
    cur.into_iter()
        .map(|x| match x {
            Value::String(s) => s,
            other => other.to_string(),
        })
        .collect()
}

fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    fn go(p: &[char], t: &[char]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some('*') => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            Some('?') => !t.is_empty() && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    go(&p, &t)
}

/// A parsed `--filters` list: (name, values).
pub type Filters = Vec<(String, Vec<String>)>;

/// Reads `--filters` JSON (`[{"Name": …, "Values": […]}]`) into pairs, checking names against the resource kind.
pub fn parse_filters(v: Option<&Value>, kind: &str) -> Result<Filters, AwsError> {
    let Some(Value::Array(items)) = v else {
        return Ok(vec![]);
    };
    let mut out = vec![];
    for item in items {
        let name = item
            .get("Name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let values: Vec<String> = match item.get("Values") {
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => vec![],
        };
        let known = name.starts_with("tag:")
            || name == "tag-key"
            || name == "tag-value"
            || filter_paths(kind).iter().any(|(n, _)| *n == name);
        if !known {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("The filter '{name}' is invalid"),
            ));
        }
        out.push((name, values));
    }
    Ok(out)
}

/// Whether a resource's JSON passes every filter (values within one filter are ORed; `*` and `?` are wildcards).
pub fn matches(v: &Value, kind: &str, filters: &Filters) -> bool {
    filters.iter().all(|(name, wanted)| {
        let have: Vec<String> = if let Some(key) = name.strip_prefix("tag:") {
            v.get("Tags")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter(|t| t.get("Key").and_then(Value::as_str) == Some(key))
                        .filter_map(|t| t.get("Value").and_then(Value::as_str).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        } else if name == "tag-key" {
            values_at(v, "Tags[].Key")
        } else if name == "tag-value" {
            values_at(v, "Tags[].Value")
        } else {
            let path = filter_paths(kind)
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, p)| *p)
                .unwrap_or("");
            values_at(v, path)
        };
        have.iter().any(|h| wanted.iter().any(|w| glob(w, h)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(timestamp(1_795_000_000_000), "2026-11-18T11:06:40+00:00");
    }

    #[test]
    fn globbing() {
        assert!(glob("web-*", "web-1"));
        assert!(glob("10.0.?.0/24", "10.0.1.0/24"));
        assert!(!glob("web", "web-1"));
    }
}
