//! Exports of a built network as a CloudFormation template (YAML) and as Terraform configuration (HCL).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{Network, Peer, RouteTarget, SgRule, Tag};

/// Logical names for every resource ID, from `Name` tags where present (made unique), else from type and position.
fn names(net: &Network) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut used: Vec<String> = vec![];
    let mut add = |id: &str, kind: &str, n: usize, tags: &[Tag]| {
        let base: String = match Network::name_of(tags) {
            Some(name) => name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect(),
            None => format!("{kind}{}", n + 1),
        };
        let base = if base.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            base
        } else {
            format!("{kind}{base}")
        };
        let mut name = base.clone();
        let mut k = 2;
        while used.contains(&name) {
            name = format!("{base}{k}");
            k += 1;
        }
        used.push(name.clone());
        out.insert(id.to_owned(), name);
    };
    for (i, v) in net.vpcs.iter().enumerate() {
        add(&v.id, "Vpc", i, &v.tags)
    }
    for (i, v) in net.subnets.iter().enumerate() {
        add(&v.id, "Subnet", i, &v.tags)
    }
    for (i, v) in net.internet_gateways.iter().enumerate() {
        add(&v.id, "InternetGateway", i, &v.tags)
    }
    for (i, v) in net.addresses.iter().enumerate() {
        add(&v.allocation_id, "Eip", i, &v.tags)
    }
    for (i, v) in net
        .nat_gateways
        .iter()
        .filter(|n| n.deleted_at.is_none())
        .enumerate()
    {
        add(&v.id, "NatGateway", i, &v.tags)
    }
    for (i, v) in net.route_tables.iter().enumerate() {
        add(&v.id, "RouteTable", i, &v.tags)
    }
    for (i, v) in net.security_groups.iter().enumerate() {
        add(&v.id, "SecurityGroup", i, &v.tags)
    }
    for (i, v) in net.network_acls.iter().enumerate() {
        add(&v.id, "NetworkAcl", i, &v.tags)
    }
    for (i, v) in net
        .instances
        .iter()
        .filter(|i| !i.is_terminated())
        .enumerate()
    {
        add(&v.id, "Instance", i, &v.tags)
    }
    out
}

fn snake(name: &str) -> String {
    let mut s = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            s.push('_');
        }
        s.push(c.to_ascii_lowercase());
    }
    s
}

fn cfn_tags(out: &mut String, tags: &[Tag], indent: &str) {
    if tags.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}Tags:");
    for t in tags {
        let _ = writeln!(
            out,
            "{indent}  - Key: {}\n{indent}    Value: {}",
            t.key, t.value
        );
    }
}

fn cfn_rule(out: &mut String, r: &SgRule, names: &BTreeMap<String, String>, egress: bool) {
    let _ = writeln!(out, "        - IpProtocol: \"{}\"", r.protocol);
    if r.protocol != "-1" {
        let _ = writeln!(
            out,
            "          FromPort: {}\n          ToPort: {}",
            r.from_port, r.to_port
        );
    }
    match &r.peer {
        Peer::Cidr(c) => {
            let _ = writeln!(out, "          CidrIp: {c}");
        }
        Peer::Group(g) => {
            let key = if egress {
                "DestinationSecurityGroupId"
            } else {
                "SourceSecurityGroupId"
            };
            match names.get(g) {
                Some(n) => {
                    let _ = writeln!(out, "          {key}: !Ref {n}");
                }
                None => {
                    let _ = writeln!(out, "          {key}: {g}");
                }
            }
        }
    }
}

impl Network {
    /// A copy without the default VPC and what lives in it: exports describe what the learner built.
    fn built_part(&self) -> Network {
        let mut n = self.clone();
        let default: Vec<String> = n
            .vpcs
            .iter()
            .filter(|v| v.is_default)
            .map(|v| v.id.clone())
            .collect();
        let in_default = |v: &str| default.iter().any(|d| d == v);
        n.vpcs.retain(|v| !v.is_default);
        n.subnets.retain(|x| !in_default(&x.vpc_id));
        n.internet_gateways
            .retain(|g| !g.vpc_id.as_deref().is_some_and(in_default));
        n.route_tables.retain(|x| !in_default(&x.vpc_id));
        n.security_groups.retain(|x| !in_default(&x.vpc_id));
        n.network_acls.retain(|x| !in_default(&x.vpc_id));
        n.instances.retain(|x| !in_default(&x.vpc_id));
        n.nat_gateways.retain(|x| !in_default(&x.vpc_id));
        n
    }

    /// The network as a CloudFormation template in YAML (the default VPC left out).
    pub fn to_cloudformation(&self) -> String {
        self.built_part().cfn_body()
    }

    /// The network as Terraform configuration (HCL, AWS provider; the default VPC left out).
    pub fn to_terraform(&self) -> String {
        self.built_part().tf_body()
    }

    fn cfn_body(&self) -> String {
        let names = names(self);
        let r = |id: &str| {
            names
                .get(id)
                .map(|n| format!("!Ref {n}"))
                .unwrap_or_else(|| id.to_owned())
        };
        let mut o = String::from(
            "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: Network exported from Bastion\nResources:\n",
        );
        for v in &self.vpcs {
            let n = &names[&v.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: {}\n      EnableDnsSupport: {}\n      EnableDnsHostnames: {}",
                v.cidr, v.dns_support, v.dns_hostnames
            );
            cfn_tags(&mut o, &v.tags, "      ");
            for (k, (_, c)) in v.secondary.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "  {n}Cidr{}:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties:\n      VpcId: !Ref {n}\n      CidrBlock: {c}",
                    k + 2
                );
            }
        }
        for s in &self.subnets {
            let n = &names[&s.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: {}\n      CidrBlock: {}\n      AvailabilityZone: {}\n      MapPublicIpOnLaunch: {}",
                r(&s.vpc_id),
                s.cidr,
                s.az.name,
                s.map_public_ip
            );
            cfn_tags(&mut o, &s.tags, "      ");
        }
        for g in &self.internet_gateways {
            let n = &names[&g.id];
            let _ = writeln!(o, "  {n}:\n    Type: AWS::EC2::InternetGateway");
            if !g.tags.is_empty() {
                let _ = writeln!(o, "    Properties:");
                cfn_tags(&mut o, &g.tags, "      ");
            }
            if let Some(v) = &g.vpc_id {
                let _ = writeln!(
                    o,
                    "  {n}Attachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: {}\n      InternetGatewayId: !Ref {n}",
                    r(v)
                );
            }
        }
        for a in &self.addresses {
            let n = &names[&a.allocation_id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc"
            );
            if let Some(i) = a.association.as_ref().and_then(|s| s.instance_id.as_ref()) {
                let _ = writeln!(o, "      InstanceId: {}", r(i));
            }
        }
        for g in self.nat_gateways.iter().filter(|n| n.deleted_at.is_none()) {
            let n = &names[&g.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      SubnetId: {}",
                r(&g.subnet_id)
            );
            if let Some(a) = &g.allocation_id {
                let alloc = names
                    .get(a)
                    .map(|x| format!("!GetAtt {x}.AllocationId"))
                    .unwrap_or_else(|| a.clone());
                let _ = writeln!(o, "      AllocationId: {alloc}");
            } else {
                let _ = writeln!(o, "      ConnectivityType: private");
            }
            cfn_tags(&mut o, &g.tags, "      ");
        }
        for t in &self.route_tables {
            let n = &names[&t.id];
            if !t.is_main() || !t.tags.is_empty() || t.routes.len() > 1 {
                if t.is_main() {
                    let _ = writeln!(
                        o,
                        "  # {n} is the VPC's main route table in the source network; CloudFormation cannot adopt a main table, so it is exported as a regular one."
                    );
                }
                let _ = writeln!(
                    o,
                    "  {n}:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: {}",
                    r(&t.vpc_id)
                );
                cfn_tags(&mut o, &t.tags, "      ");
                for (k, route) in t
                    .routes
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.target != RouteTarget::Local)
                {
                    let (key, id) = match &route.target {
                        RouteTarget::Gateway(g) => ("GatewayId", g),
                        RouteTarget::NatGateway(g) => ("NatGatewayId", g),
                        RouteTarget::Instance(i) => ("InstanceId", i),
                        RouteTarget::Local => unreachable!(),
                    };
                    let _ = writeln!(
                        o,
                        "  {n}Route{k}:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref {n}\n      DestinationCidrBlock: {}\n      {key}: {}",
                        route.destination,
                        r(id)
                    );
                }
                for a in &t.associations {
                    if let Some(s) = &a.subnet_id {
                        let _ = writeln!(
                            o,
                            "  {n}{}Association:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      RouteTableId: !Ref {n}\n      SubnetId: {}",
                            names.get(s).cloned().unwrap_or_default(),
                            r(s)
                        );
                    }
                }
            }
        }
        for g in self.security_groups.iter().filter(|g| g.name != "default") {
            let n = &names[&g.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupName: {}\n      GroupDescription: {}\n      VpcId: {}",
                g.name,
                g.description,
                r(&g.vpc_id)
            );
            if !g.ingress.is_empty() {
                let _ = writeln!(o, "      SecurityGroupIngress:");
                for rule in &g.ingress {
                    cfn_rule(&mut o, rule, &names, false);
                }
            }
            let _ = writeln!(o, "      SecurityGroupEgress:");
            for rule in &g.egress {
                cfn_rule(&mut o, rule, &names, true);
            }
            cfn_tags(&mut o, &g.tags, "      ");
        }
        for a in self.network_acls.iter().filter(|a| !a.is_default) {
            let n = &names[&a.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::NetworkAcl\n    Properties:\n      VpcId: {}",
                r(&a.vpc_id)
            );
            for e in a.entries.iter().filter(|e| e.rule_number != 32767) {
                let _ = writeln!(
                    o,
                    "  {n}{}{}:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref {n}\n      RuleNumber: {}\n      Protocol: {}\n      RuleAction: {}\n      Egress: {}\n      CidrBlock: {}",
                    if e.egress { "Out" } else { "In" },
                    e.rule_number,
                    e.rule_number,
                    e.protocol,
                    if e.allow { "allow" } else { "deny" },
                    e.egress,
                    e.cidr
                );
                if let Some((f, t)) = e.ports {
                    let _ = writeln!(o, "      PortRange:\n        From: {f}\n        To: {t}");
                }
            }
            for (_, s) in &a.associations {
                let _ = writeln!(
                    o,
                    "  {n}{}Association:\n    Type: AWS::EC2::SubnetNetworkAclAssociation\n    Properties:\n      NetworkAclId: !Ref {n}\n      SubnetId: {}",
                    names.get(s).cloned().unwrap_or_default(),
                    r(s)
                );
            }
        }
        for i in self.instances.iter().filter(|i| !i.is_terminated()) {
            let n = &names[&i.id];
            let _ = writeln!(
                o,
                "  {n}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: {}\n      InstanceType: {}\n      SubnetId: {}\n      SourceDestCheck: {}",
                i.image_id,
                i.instance_type,
                r(&i.subnet_id),
                i.source_dest_check
            );
            if let Some(k) = &i.key_name {
                let _ = writeln!(o, "      KeyName: {k}");
            }
            let _ = writeln!(o, "      SecurityGroupIds:");
            for g in &i.security_groups {
                let v = match self.security_group(g) {
                    Ok(sg) if sg.name == "default" => format!(
                        "!GetAtt {}.DefaultSecurityGroup",
                        names.get(&sg.vpc_id).cloned().unwrap_or_default()
                    ),
                    _ => r(g),
                };
                let _ = writeln!(o, "        - {v}");
            }
            cfn_tags(&mut o, &i.tags, "      ");
        }
        o
    }

    fn tf_body(&self) -> String {
        let names = names(self);
        let r = |id: &str, ty: &str| {
            names
                .get(id)
                .map(|n| format!("aws_{ty}.{}.id", snake(n)))
                .unwrap_or_else(|| format!("\"{id}\""))
        };
        let tags = |o: &mut String, t: &[Tag]| {
            if !t.is_empty() {
                let _ = writeln!(o, "  tags = {{");
                for x in t {
                    let _ = writeln!(o, "    {} = \"{}\"", x.key, x.value);
                }
                let _ = writeln!(o, "  }}");
            }
        };
        let mut o = format!("provider \"aws\" {{\n  region = \"{}\"\n}}\n", self.region);
        for v in &self.vpcs {
            let _ = writeln!(
                o,
                "\nresource \"aws_vpc\" \"{}\" {{\n  cidr_block           = \"{}\"\n  enable_dns_support   = {}\n  enable_dns_hostnames = {}",
                snake(&names[&v.id]),
                v.cidr,
                v.dns_support,
                v.dns_hostnames
            );
            tags(&mut o, &v.tags);
            o.push_str("}\n");
            for (k, (_, c)) in v.secondary.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "\nresource \"aws_vpc_ipv4_cidr_block_association\" \"{}_{}\" {{\n  vpc_id     = {}\n  cidr_block = \"{c}\"\n}}",
                    snake(&names[&v.id]),
                    k + 2,
                    r(&v.id, "vpc")
                );
            }
        }
        for s in &self.subnets {
            let _ = writeln!(
                o,
                "\nresource \"aws_subnet\" \"{}\" {{\n  vpc_id                  = {}\n  cidr_block              = \"{}\"\n  availability_zone       = \"{}\"\n  map_public_ip_on_launch = {}",
                snake(&names[&s.id]),
                r(&s.vpc_id, "vpc"),
                s.cidr,
                s.az.name,
                s.map_public_ip
            );
            tags(&mut o, &s.tags);
            o.push_str("}\n");
        }
        for g in &self.internet_gateways {
            let _ = writeln!(
                o,
                "\nresource \"aws_internet_gateway\" \"{}\" {{",
                snake(&names[&g.id])
            );
            if let Some(v) = &g.vpc_id {
                let _ = writeln!(o, "  vpc_id = {}", r(v, "vpc"));
            }
            tags(&mut o, &g.tags);
            o.push_str("}\n");
        }
        for a in &self.addresses {
            let _ = writeln!(
                o,
                "\nresource \"aws_eip\" \"{}\" {{\n  domain = \"vpc\"",
                snake(&names[&a.allocation_id])
            );
            if let Some(i) = a.association.as_ref().and_then(|s| s.instance_id.as_ref()) {
                let _ = writeln!(o, "  instance = {}", r(i, "instance"));
            }
            o.push_str("}\n");
        }
        for g in self.nat_gateways.iter().filter(|n| n.deleted_at.is_none()) {
            let _ = writeln!(
                o,
                "\nresource \"aws_nat_gateway\" \"{}\" {{\n  subnet_id     = {}",
                snake(&names[&g.id]),
                r(&g.subnet_id, "subnet")
            );
            match &g.allocation_id {
                Some(a) => {
                    let _ = writeln!(o, "  allocation_id = {}", r(a, "eip"));
                }
                None => {
                    let _ = writeln!(o, "  connectivity_type = \"private\"");
                }
            }
            tags(&mut o, &g.tags);
            o.push_str("}\n");
        }
        for t in &self.route_tables {
            let n = snake(&names[&t.id]);
            if t.is_main() {
                let _ = writeln!(
                    o,
                    "\nresource \"aws_default_route_table\" \"{n}\" {{\n  default_route_table_id = {}.default_route_table_id",
                    r(&t.vpc_id, "vpc").trim_end_matches(".id")
                );
            } else {
                let _ = writeln!(
                    o,
                    "\nresource \"aws_route_table\" \"{n}\" {{\n  vpc_id = {}",
                    r(&t.vpc_id, "vpc")
                );
            }
            for route in t.routes.iter().filter(|x| x.target != RouteTarget::Local) {
                let target = match &route.target {
                    RouteTarget::Gateway(g) => {
                        format!("gateway_id     = {}", r(g, "internet_gateway"))
                    }
                    RouteTarget::NatGateway(g) => {
                        format!("nat_gateway_id = {}", r(g, "nat_gateway"))
                    }
                    RouteTarget::Instance(i) => format!(
                        "network_interface_id = aws_instance.{}.primary_network_interface_id",
                        names.get(i).map(|x| snake(x)).unwrap_or_default()
                    ),
                    RouteTarget::Local => unreachable!(),
                };
                let _ = writeln!(
                    o,
                    "  route {{\n    cidr_block     = \"{}\"\n    {target}\n  }}",
                    route.destination
                );
            }
            tags(&mut o, &t.tags);
            o.push_str("}\n");
            for a in &t.associations {
                if let Some(s) = &a.subnet_id {
                    let _ = writeln!(
                        o,
                        "\nresource \"aws_route_table_association\" \"{n}_{}\" {{\n  subnet_id      = {}\n  route_table_id = aws_route_table.{n}.id\n}}",
                        names.get(s).map(|x| snake(x)).unwrap_or_default(),
                        r(s, "subnet")
                    );
                }
            }
        }
        for g in self.security_groups.iter().filter(|g| g.name != "default") {
            let _ = writeln!(
                o,
                "\nresource \"aws_security_group\" \"{}\" {{\n  name        = \"{}\"\n  description = \"{}\"\n  vpc_id      = {}",
                snake(&names[&g.id]),
                g.name,
                g.description,
                r(&g.vpc_id, "vpc")
            );
            for (kind, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
                for rule in rules {
                    let (from, to) = if rule.protocol == "-1" {
                        (0, 0)
                    } else {
                        (rule.from_port, rule.to_port)
                    };
                    let peer = match &rule.peer {
                        Peer::Cidr(c) => format!("cidr_blocks     = [\"{c}\"]"),
                        Peer::Group(x) if *x == g.id => "self            = true".to_owned(),
                        Peer::Group(x) => format!("security_groups = [{}]", r(x, "security_group")),
                    };
                    let _ = writeln!(
                        o,
                        "  {kind} {{\n    protocol        = \"{}\"\n    from_port       = {from}\n    to_port         = {to}\n    {peer}\n  }}",
                        rule.protocol
                    );
                }
            }
            tags(&mut o, &g.tags);
            o.push_str("}\n");
        }
        for a in self.network_acls.iter().filter(|a| !a.is_default) {
            let subnets: Vec<String> = a.associations.iter().map(|(_, s)| r(s, "subnet")).collect();
            let _ = writeln!(
                o,
                "\nresource \"aws_network_acl\" \"{}\" {{\n  vpc_id     = {}\n  subnet_ids = [{}]",
                snake(&names[&a.id]),
                r(&a.vpc_id, "vpc"),
                subnets.join(", ")
            );
            for e in a.entries.iter().filter(|e| e.rule_number != 32767) {
                let (f, t) = e.ports.unwrap_or((0, 0));
                let _ = writeln!(
                    o,
                    "  {} {{\n    rule_no    = {}\n    protocol   = \"{}\"\n    action     = \"{}\"\n    cidr_block = \"{}\"\n    from_port  = {f}\n    to_port    = {t}\n  }}",
                    if e.egress { "egress" } else { "ingress" },
                    e.rule_number,
                    e.protocol,
                    if e.allow { "allow" } else { "deny" },
                    e.cidr
                );
            }
            o.push_str("}\n");
        }
        for i in self.instances.iter().filter(|i| !i.is_terminated()) {
            let sgs: Vec<String> = i
                .security_groups
                .iter()
                .map(|g| r(g, "security_group"))
                .collect();
            let _ = writeln!(
                o,
                "\nresource \"aws_instance\" \"{}\" {{\n  ami                         = \"{}\"\n  instance_type               = \"{}\"\n  subnet_id                   = {}\n  vpc_security_group_ids      = [{}]\n  associate_public_ip_address = {}\n  source_dest_check           = {}",
                snake(&names[&i.id]),
                i.image_id,
                i.instance_type,
                r(&i.subnet_id, "subnet"),
                sgs.join(", "),
                i.public_ip.is_some(),
                i.source_dest_check
            );
            if let Some(k) = &i.key_name {
                let _ = writeln!(o, "  key_name                    = \"{k}\"");
            }
            tags(&mut o, &i.tags);
            o.push_str("}\n");
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::AwsAccount;
    use crate::aws::challenge::build_broken_vpc;
    use crate::aws::model::RouteTarget;

    /// How many lines of `text` are exactly `line` (after indentation).
    fn lines_equal(text: &str, line: &str) -> usize {
        text.lines().filter(|l| l.trim_start() == line).count()
    }

    /// How many times `needle` starts a line of `text` (after indentation).
    fn lines_starting(text: &str, needle: &str) -> usize {
        text.lines()
            .filter(|l| l.trim_start().starts_with(needle))
            .count()
    }

    /// Both exports hold every resource of a network with every kind the builder makes (the broken week-1 network
    /// has a custom network ACL, two NAT gateways' worth of addresses and a NAT instance added here), counted
    /// against the model itself; only what CloudFormation and Terraform cannot declare (default security groups
    /// and network ACLs) is left out. The account has no default VPC, which the exports leave out by design.
    #[test]
    fn exports_contain_every_resource() {
        let mut acct = AwsAccount::without_default_vpcs(11);
        let (ids, _) = build_broken_vpc(&mut acct).unwrap();
        let net = acct.network_mut("ap-northeast-2");
        let spec = crate::aws::model::RunSpec {
            image_id: "ami-0c9c942bd7bf113a2".into(),
            instance_type: "t3.micro".into(),
            subnet_id: ids.public_subnets[1].clone(),
            count: 1,
            ..Default::default()
        };
        let nat_instance = net.run_instances(&spec).unwrap().1.remove(0);
        net.set_source_dest_check(&nat_instance, false).unwrap();
        let rtb = net.create_route_table(&ids.vpc).unwrap();
        net.create_route(&rtb, "192.168.0.0/16", RouteTarget::Instance(nat_instance))
            .unwrap();
        let net = acct.network("ap-northeast-2").unwrap().clone();
        let cfn = acct.to_cloudformation();
        let tf = acct.to_terraform();

        let live_nats = net
            .nat_gateways
            .iter()
            .filter(|n| n.deleted_at.is_none())
            .count();
        let routes: usize = net
            .route_tables
            .iter()
            .map(|t| {
                t.routes
                    .iter()
                    .filter(|r| r.target != RouteTarget::Local)
                    .count()
            })
            .sum();
        let exported_tables = net
            .route_tables
            .iter()
            .filter(|t| !t.is_main() || !t.tags.is_empty() || t.routes.len() > 1)
            .count();
        let acls: Vec<_> = net.network_acls.iter().filter(|a| !a.is_default).collect();
        let acl_entries: usize = acls
            .iter()
            .map(|a| a.entries.iter().filter(|e| e.rule_number < 32767).count())
            .sum();
        let groups = net
            .security_groups
            .iter()
            .filter(|g| g.name != "default")
            .count();
        let instances = net.instances.iter().filter(|i| !i.is_terminated()).count();
        let cases = [
            ("AWS::EC2::VPC", net.vpcs.len()),
            ("AWS::EC2::Subnet", net.subnets.len()),
            ("AWS::EC2::InternetGateway", net.internet_gateways.len()),
            ("AWS::EC2::EIP", net.addresses.len()),
            ("AWS::EC2::NatGateway", live_nats),
            ("AWS::EC2::RouteTable", exported_tables),
            ("AWS::EC2::Route", routes),
            ("AWS::EC2::SecurityGroup", groups),
            ("AWS::EC2::NetworkAcl", acls.len()),
            ("AWS::EC2::NetworkAclEntry", acl_entries),
            ("AWS::EC2::Instance", instances),
        ];
        for (ty, want) in cases {
            assert!(want > 0, "{ty}: the network should have some");
            assert_eq!(lines_equal(&cfn, &format!("Type: {ty}")), want, "{ty}");
        }
        let tf_cases = [
            ("resource \"aws_vpc\"", net.vpcs.len()),
            ("resource \"aws_subnet\"", net.subnets.len()),
            (
                "resource \"aws_internet_gateway\"",
                net.internet_gateways.len(),
            ),
            ("resource \"aws_eip\"", net.addresses.len()),
            ("resource \"aws_nat_gateway\"", live_nats),
            ("resource \"aws_security_group\"", groups),
            ("resource \"aws_network_acl\"", acls.len()),
            ("resource \"aws_instance\"", instances),
        ];
        for (kind, want) in tf_cases {
            assert_eq!(lines_starting(&tf, kind), want, "{kind}");
        }
        assert_eq!(
            lines_starting(&tf, "resource \"aws_route_table\"")
                + lines_starting(&tf, "resource \"aws_default_route_table\""),
            net.route_tables.len(),
            "route tables (the main one as aws_default_route_table)"
        );
        // Every route's destination appears in both exports.
        for t in &net.route_tables {
            for r in t.routes.iter().filter(|r| r.target != RouteTarget::Local) {
                let d = r.destination.to_string();
                assert!(cfn.contains(&format!("DestinationCidrBlock: {d}")), "{d}");
                assert!(tf.contains(&format!("\"{d}\"")), "{d}");
            }
        }
    }
}
