//! Golden transcripts of the `aws` command line through [`AwsAccount::run`], and reachability tests for every explanation code.

use std::collections::BTreeMap;

use expect_test::{Expect, expect};

use super::AwsAccount;
use crate::exec::Ctx;
use crate::vfs::Vfs;

/// A tiny test shell: runs `aws` lines, keeps `NAME=$(aws …)` captures, and `sleep N` moves virtual time.
pub(super) struct Transcript {
    pub(super) acct: AwsAccount,
    pub(super) fs: Vfs,
    pub(super) env: BTreeMap<String, String>,
    pub(super) vars: BTreeMap<String, String>,
    pub(super) now: i64,
    pub(super) cwd: String,
}

/// 2026-11-18T11:06:40Z, the virtual start of every transcript.
pub(super) const START: i64 = 1_795_000_000_000;

impl Transcript {
    pub(super) fn new() -> Self {
        Self {
            acct: AwsAccount::new(42),
            fs: Vfs::new(),
            env: BTreeMap::new(),
            vars: BTreeMap::new(),
            now: START,
            cwd: "/home/student".to_owned(),
        }
    }

    fn words(&self, line: &str) -> Vec<String> {
        let mut out = vec![];
        let mut cur = String::new();
        let mut has = false;
        let mut chars = line.chars().peekable();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, '\'' | '"') => {
                    quote = Some(c);
                    has = true;
                }
                (Some(q), c) if c == q => quote = None,
                (Some('\''), c) => cur.push(c),
                (_, '$') if chars.peek().is_some_and(|n| n.is_ascii_uppercase()) => {
                    let mut name = String::new();
                    while let Some(n) = chars
                        .peek()
                        .copied()
                        .filter(|n| n.is_ascii_alphanumeric() || *n == '_')
                    {
                        name.push(n);
                        chars.next();
                    }
                    cur.push_str(self.vars.get(&name).map(String::as_str).unwrap_or(""));
                    has = true;
                }
                (None, ' ') => {
                    if has || !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    has = false;
                }
                (_, c) => cur.push(c),
            }
        }
        if has || !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    fn exec(&mut self, words: &[String]) -> crate::exec::Output {
        self.now += 1000;
        let mut ctx = Ctx::new(&mut self.fs, &self.env, &self.cwd, "", self.now);
        if words.first().is_some_and(|w| w == "git") {
            return self.acct.git(words, &mut ctx);
        }
        self.acct.run(words, &mut ctx)
    }

    /// Runs every line; returns the transcript (`$ line`, stdout, stderr, and `[exit N]` when non-zero).
    /// Writes a file into the transcript's filesystem (relative paths are under the home directory).
    pub(super) fn file(&mut self, path: &str, text: &str) {
        let full = crate::vfs::resolve("/home/student", "/home/student", path);
        let _ = self.fs.mkdir(crate::vfs::parent(&full), true);
        self.fs
            .write(&full, text.to_owned())
            .expect("write test file");
    }

    pub(super) fn run(&mut self, script: &str) -> String {
        let mut t = String::new();
        for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(n) = line.strip_prefix("sleep ") {
                self.now += n.parse::<i64>().expect("sleep seconds") * 1000;
                self.acct.set_time(self.now);
                t.push_str(&format!("$ {line}\n"));
                continue;
            }
            if let Some(assign) = line.strip_prefix("export ") {
                let words = self.words(assign);
                let (k, v) = words[0].split_once('=').expect("export K=V");
                self.env.insert(k.to_owned(), v.to_owned());
                t.push_str(&format!("$ {line}\n"));
                continue;
            }
            if let Some(dir) = line.strip_prefix("cd ") {
                self.cwd = crate::vfs::resolve(&self.cwd, "/home/student", dir.trim());
                t.push_str(&format!("$ {line}\n"));
                continue;
            }
            if let Some(k) = line.strip_prefix("unset ") {
                self.env.remove(k.trim());
                t.push_str(&format!("$ {line}\n"));
                continue;
            }
            if let Some((name, rest)) = line.split_once("=$(") {
                let cmd = rest.strip_suffix(')').expect("capture ends with )");
                let words = self.words(cmd);
                let out = self.exec(&words);
                assert_eq!(out.code, 0, "capture failed: {line}\n{}", out.stderr);
                self.vars
                    .insert(name.to_owned(), out.stdout.trim().to_owned());
                continue;
            }
            let words = self.words(line);
            let out = self.exec(&words);
            t.push_str(&format!("$ {line}\n{}{}", out.stdout, out.stderr));
            if out.code != 0 {
                t.push_str(&format!("[exit {}]\n", out.code));
            }
        }
        t
    }
}

pub(super) fn check(script: &str, expected: Expect) {
    let mut t = Transcript::new();
    expected.assert_eq(&t.run(script));
}

#[test]
fn basics_and_argument_errors() {
    check(
        r#"
        aws --version
        aws sts get-caller-identity
        aws ec2 describe-regions --region-names ap-northeast-2 us-east-1
        aws ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' --output text
        aws ec2 describe-availability-zones --region us-west-1 --query 'AvailabilityZones[].ZoneName'
        aws ec2 describe-availability-zones --filters Name=zone-id,Values=apne2-az3 --query 'AvailabilityZones[].ZoneName' --output text
        aws ec2 describe-regions --filters 'Name=region-name,Values=ap-*' --query 'Regions[].RegionName' --output text
        aws ec2 create-vpc
        aws ec2 create-vpc --cidr-block 10.0.0.0/16 --bogus x
        aws ec2 describe-vpcs --region xx-nowhere-1
        aws ec2 describe-vpcs --output xml
        aws ec2 describe-vpcs --query 'Vpcs['
        aws
        aws ec2
        aws s4 ls
        aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query Parameter.Value --output text
        aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --region us-east-1
        aws ssm get-parameter --name /nope
        aws ssm get-parameters --names /nope /aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id --query '[Parameters[].Value,InvalidParameters]' --output text
        "#,
        expect![[r#"
            $ aws --version
            aws-cli/2.22.35 Python/3.12.9 Linux/6.1.0-28-amd64 exe/x86_64.debian.12
            $ aws sts get-caller-identity
            {
                "UserId": "AIDAXSAMPLESTUDENT01",
                "Account": "123456789012",
                "Arn": "arn:aws:iam::123456789012:user/student"
            }
            $ aws ec2 describe-regions --region-names ap-northeast-2 us-east-1
            {
                "Regions": [
                    {
                        "OptInStatus": "opt-in-not-required",
                        "RegionName": "ap-northeast-2",
                        "Endpoint": "ec2.ap-northeast-2.amazonaws.com"
                    },
                    {
                        "OptInStatus": "opt-in-not-required",
                        "RegionName": "us-east-1",
                        "Endpoint": "ec2.us-east-1.amazonaws.com"
                    }
                ]
            }
            $ aws ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' --output text
            ap-northeast-2a	apne2-az1
            ap-northeast-2b	apne2-az2
            ap-northeast-2c	apne2-az3
            ap-northeast-2d	apne2-az4
            $ aws ec2 describe-availability-zones --region us-west-1 --query 'AvailabilityZones[].ZoneName'
            [
                "us-west-1a",
                "us-west-1c"
            ]
            $ aws ec2 describe-availability-zones --filters Name=zone-id,Values=apne2-az3 --query 'AvailabilityZones[].ZoneName' --output text
            ap-northeast-2c
            $ aws ec2 describe-regions --filters 'Name=region-name,Values=ap-*' --query 'Regions[].RegionName' --output text
            ap-northeast-1	ap-northeast-2	ap-northeast-3	ap-south-1	ap-southeast-1	ap-southeast-2
            $ aws ec2 create-vpc
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: the following arguments are required: --cidr-block
            [exit 252]
            $ aws ec2 create-vpc --cidr-block 10.0.0.0/16 --bogus x
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: Unknown options: --bogus, x
            [exit 252]
            $ aws ec2 describe-vpcs --region xx-nowhere-1

            Could not connect to the endpoint URL: "https://ec2.xx-nowhere-1.amazonaws.com/"
            [exit 255]
            $ aws ec2 describe-vpcs --output xml
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: argument --output: Invalid choice, valid choices are:

            json                                     | text                                    
            table                                    | yaml                                    
            yaml-stream                             
            [exit 252]
            $ aws ec2 describe-vpcs --query 'Vpcs['

            Bad value for --query Vpcs[: Parse error: Expected number, ':', or '*' -- found Eof (line 0, column 5)
            Vpcs[
                 ^

            [exit 252]
            $ aws
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: the following arguments are required: command
            [exit 252]
            $ aws ec2
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: the following arguments are required: operation
            [exit 252]
            $ aws s4 ls
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: argument command: Invalid choice, valid choices are:

            ce                                       | cloudwatch                              
            codecommit                               | codepipeline                            
            configure                                | ec2                                     
            eks                                      | elb                                     
            elbv2                                    | iam                                     
            kms                                      | rds                                     
            resource-groups                          | route53                                 
            s3                                       | sns                                     
            ssm                                      | sts                                     
            [exit 252]
            $ aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query Parameter.Value --output text
            ami-0c9c942bd7bf113a2
            $ aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --region us-east-1
            {
                "Parameter": {
                    "Name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                    "Type": "String",
                    "Value": "ami-0ca65b62ad9c5f96b",
                    "Version": 112,
                    "LastModifiedDate": "2024-11-20T19:03:37.000000+00:00",
                    "ARN": "arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                    "DataType": "text"
                }
            }
            $ aws ssm get-parameter --name /nope

            An error occurred (ParameterNotFound) when calling the GetParameter operation: 
            [exit 254]
            $ aws ssm get-parameters --names /nope /aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id --query '[Parameters[].Value,InvalidParameters]' --output text
            ami-042e76978adeb8c48
            /nope
        "#]],
    );
}

#[test]
fn invalid_operation_lists_choices() {
    let mut t = Transcript::new();
    let out = t.run("aws ec2 create-vcp --cidr-block 10.0.0.0/16");
    expect![[r#"
        $ aws ec2 create-vcp --cidr-block 10.0.0.0/16
        usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
        To see help text, you can run:

          aws help
          aws <command> help
          aws <command> <subcommand> help

        aws: error: argument operation: Invalid choice, valid choices are:

        allocate-address                         | associate-address                       
        associate-route-table                    | associate-vpc-cidr-block                "#]]
    .assert_eq(&out.lines().take(12).collect::<Vec<_>>().join("\n"));
    assert!(out.contains("create-vpc"));
    assert!(out.ends_with("[exit 252]\n"));
}

#[test]
fn vpc_lifecycle_and_errors() {
    check(
        r#"
        aws ec2 create-vpc --cidr-block 10.0.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=week1-vpc}]'
        VPC=$(aws ec2 describe-vpcs --filters Name=tag:Name,Values=week1-vpc --query 'Vpcs[0].VpcId' --output text)
        aws ec2 create-vpc --cidr-block 10.0.0.0/8
        aws ec2 create-vpc --cidr-block 10.0.0.0/29
        aws ec2 create-vpc --cidr-block 10.0.0.1/16
        aws ec2 create-vpc --cidr-block banana
        aws ec2 create-vpc --cidr-block 172.16.0.0/16 --dry-run
        aws ec2 describe-vpcs --vpc-ids vpc-123
        aws ec2 describe-vpcs --query 'Vpcs[].{ID:VpcId,CIDR:CidrBlock,Name:Tags[?Key==`Name`]|[0].Value}'
        aws ec2 describe-vpcs --filters Name=cidr,Values=192.168.0.0/16
        aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames '{"Value":true}'
        aws ec2 modify-vpc-attribute --vpc-id $VPC --no-enable-dns-hostnames
        aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames --enable-dns-support
        aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames
        aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute enableDnsHostnames
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.1.0.0/16 --query CidrBlockAssociation.CidrBlockState
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.0.128.0/17
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 192.168.0.0/16
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text
        aws ec2 delete-vpc --vpc-id $VPC
        aws ec2 delete-vpc --vpc-id vpc-0000000000000000
        aws ec2 describe-vpcs --vpc-ids $VPC --output yaml --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'
        "#,
        expect![[r#"
            $ aws ec2 create-vpc --cidr-block 10.0.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=week1-vpc}]'
            {
                "Vpc": {
                    "OwnerId": "123456789012",
                    "InstanceTenancy": "default",
                    "Ipv6CidrBlockAssociationSet": [],
                    "CidrBlockAssociationSet": [
                        {
                            "AssociationId": "vpc-cidr-assoc-067e9f1fad0fc23f9",
                            "CidrBlock": "10.0.0.0/16",
                            "CidrBlockState": {
                                "State": "associated"
                            }
                        }
                    ],
                    "IsDefault": false,
                    "Tags": [
                        {
                            "Key": "Name",
                            "Value": "week1-vpc"
                        }
                    ],
                    "BlockPublicAccessStates": {
                        "InternetGatewayBlockMode": "off"
                    },
                    "VpcId": "vpc-03aa37b138a3bc382",
                    "State": "pending",
                    "CidrBlock": "10.0.0.0/16",
                    "DhcpOptionsId": "dopt-00ba1557b68b13bea"
                }
            }
            $ aws ec2 create-vpc --cidr-block 10.0.0.0/8

            An error occurred (InvalidVpc.Range) when calling the CreateVpc operation: The CIDR '10.0.0.0/8' is invalid.
            [exit 254]
            $ aws ec2 create-vpc --cidr-block 10.0.0.0/29

            An error occurred (InvalidVpc.Range) when calling the CreateVpc operation: The CIDR '10.0.0.0/29' is invalid.
            [exit 254]
            $ aws ec2 create-vpc --cidr-block 10.0.0.1/16

            An error occurred (InvalidParameterValue) when calling the CreateVpc operation: Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.
            [exit 254]
            $ aws ec2 create-vpc --cidr-block banana

            An error occurred (InvalidParameterValue) when calling the CreateVpc operation: Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.
            [exit 254]
            $ aws ec2 create-vpc --cidr-block 172.16.0.0/16 --dry-run

            An error occurred (DryRunOperation) when calling the CreateVpc operation: Request would have succeeded, but DryRun flag is set.
            [exit 254]
            $ aws ec2 describe-vpcs --vpc-ids vpc-123

            An error occurred (InvalidVpcID.NotFound) when calling the DescribeVpcs operation: The vpc ID 'vpc-123' does not exist
            [exit 254]
            $ aws ec2 describe-vpcs --query 'Vpcs[].{ID:VpcId,CIDR:CidrBlock,Name:Tags[?Key==`Name`]|[0].Value}'
            [
                {
                    "ID": "vpc-0b9b113ab9e2b19cf",
                    "CIDR": "172.31.0.0/16",
                    "Name": null
                },
                {
                    "ID": "vpc-03aa37b138a3bc382",
                    "CIDR": "10.0.0.0/16",
                    "Name": "week1-vpc"
                }
            ]
            $ aws ec2 describe-vpcs --filters Name=cidr,Values=192.168.0.0/16
            {
                "Vpcs": []
            }
            $ aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames '{"Value":true}'
            $ aws ec2 modify-vpc-attribute --vpc-id $VPC --no-enable-dns-hostnames
            $ aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames --enable-dns-support

            An error occurred (InvalidParameterCombination) when calling the ModifyVpcAttribute operation: Only one attribute can be modified at a time
            [exit 254]
            $ aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames
            $ aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute enableDnsHostnames
            {
                "EnableDnsHostnames": {
                    "Value": true
                },
                "VpcId": "vpc-03aa37b138a3bc382"
            }
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.1.0.0/16 --query CidrBlockAssociation.CidrBlockState
            {
                "State": "associating"
            }
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.0.128.0/17

            An error occurred (InvalidVpc.Range) when calling the AssociateVpcCidrBlock operation: The CIDR '10.0.128.0/17' is invalid.
            [exit 254]
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 192.168.0.0/16

            An error occurred (InvalidVpc.Range) when calling the AssociateVpcCidrBlock operation: The CIDR '192.168.0.0/16' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text
            subnet-0e721cbac4d5b35dd
            $ aws ec2 delete-vpc --vpc-id $VPC

            An error occurred (DependencyViolation) when calling the DeleteVpc operation: The vpc 'vpc-03aa37b138a3bc382' has dependencies and cannot be deleted.
            [exit 254]
            $ aws ec2 delete-vpc --vpc-id vpc-0000000000000000

            An error occurred (InvalidVpcID.NotFound) when calling the DeleteVpc operation: The vpc ID 'vpc-0000000000000000' does not exist
            [exit 254]
            $ aws ec2 describe-vpcs --vpc-ids $VPC --output yaml --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'
            - 10.0.0.0/16
            - 10.1.0.0/16
        "#]],
    );
}

#[test]
fn subnets_rules() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a
        SUB=$(aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC --query 'Subnets[0].SubnetId' --output text)
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.128/25 --availability-zone ap-northeast-2a
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.0.0/24
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/29
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone ap-northeast-2z
        aws ec2 create-subnet --vpc-id vpc-123 --cidr-block 10.0.2.0/24
        aws ec2 create-subnet --vpc-id $VPC
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone-id apne2-az3 --query 'Subnet.[AvailabilityZone,AvailableIpAddressCount]' --output text
        aws ec2 modify-subnet-attribute --subnet-id $SUB --map-public-ip-on-launch
        aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC Name=map-public-ip-on-launch,Values=true --query 'Subnets[].[SubnetId,CidrBlock,MapPublicIpOnLaunch]' --output table
        aws ec2 describe-subnets --filters Name=bogus,Values=x
        aws ec2 delete-subnet --subnet-id $SUB
        aws ec2 delete-subnet --subnet-id $SUB
        "#,
        expect![[r#"
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a
            {
                "Subnet": {
                    "AvailabilityZoneId": "apne2-az1",
                    "OwnerId": "123456789012",
                    "AssignIpv6AddressOnCreation": false,
                    "Ipv6CidrBlockAssociationSet": [],
                    "SubnetArn": "arn:aws:ec2:ap-northeast-2:123456789012:subnet/subnet-0d9d75b1298244fcf",
                    "EnableDns64": false,
                    "Ipv6Native": false,
                    "PrivateDnsNameOptionsOnLaunch": {
                        "HostnameType": "ip-name",
                        "EnableResourceNameDnsARecord": false,
                        "EnableResourceNameDnsAAAARecord": false
                    },
                    "BlockPublicAccessStates": {
                        "InternetGatewayBlockMode": "off"
                    },
                    "SubnetId": "subnet-0d9d75b1298244fcf",
                    "State": "available",
                    "VpcId": "vpc-03aa37b138a3bc382",
                    "CidrBlock": "10.0.1.0/24",
                    "AvailableIpAddressCount": 251,
                    "AvailabilityZone": "ap-northeast-2a",
                    "DefaultForAz": false,
                    "MapPublicIpOnLaunch": false
                }
            }
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.128/25 --availability-zone ap-northeast-2a

            An error occurred (InvalidSubnet.Conflict) when calling the CreateSubnet operation: The CIDR '10.0.1.128/25' conflicts with another subnet
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.0.0/24

            An error occurred (InvalidSubnet.Range) when calling the CreateSubnet operation: The CIDR '10.1.0.0/24' is invalid.
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/29

            An error occurred (InvalidSubnet.Range) when calling the CreateSubnet operation: The CIDR '10.0.2.0/29' is invalid.
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone ap-northeast-2z

            An error occurred (InvalidParameterValue) when calling the CreateSubnet operation: Value (ap-northeast-2z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d.
            [exit 254]
            $ aws ec2 create-subnet --vpc-id vpc-123 --cidr-block 10.0.2.0/24

            An error occurred (InvalidVpcID.NotFound) when calling the CreateSubnet operation: The vpc ID 'vpc-123' does not exist
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: the following arguments are required: --cidr-block
            [exit 252]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone-id apne2-az3 --query 'Subnet.[AvailabilityZone,AvailableIpAddressCount]' --output text
            ap-northeast-2c	11
            $ aws ec2 modify-subnet-attribute --subnet-id $SUB --map-public-ip-on-launch
            $ aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC Name=map-public-ip-on-launch,Values=true --query 'Subnets[].[SubnetId,CidrBlock,MapPublicIpOnLaunch]' --output table
            -------------------------------------------------------
            |                   DescribeSubnets                   |
            +----------------------------+---------------+--------+
            |  subnet-0d9d75b1298244fcf  |  10.0.1.0/24  |  True  |
            +----------------------------+---------------+--------+
            $ aws ec2 describe-subnets --filters Name=bogus,Values=x

            An error occurred (InvalidParameterValue) when calling the DescribeSubnets operation: The filter 'bogus' is invalid
            [exit 254]
            $ aws ec2 delete-subnet --subnet-id $SUB
            $ aws ec2 delete-subnet --subnet-id $SUB

            An error occurred (InvalidSubnetID.NotFound) when calling the DeleteSubnet operation: The subnet ID 'subnet-0d9d75b1298244fcf' does not exist
            [exit 254]
        "#]],
    );
}

#[test]
fn gateways_addresses_and_routes() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        PUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        aws ec2 create-internet-gateway --tag-specifications 'ResourceType=internet-gateway,Tags=[{Key=Name,Value=igw}]'
        IGW=$(aws ec2 describe-internet-gateways --filters Name=tag:Name,Values=igw --query 'InternetGateways[0].InternetGatewayId' --output text)
        aws ec2 detach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=$VPC --query 'InternetGateways[].Attachments'
        aws ec2 delete-internet-gateway --internet-gateway-id $IGW
        RTB=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)
        aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW
        aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW
        aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0
        aws ec2 create-route --route-table-id $RTB --destination-cidr-block 10.0.5.0/24 --gateway-id $IGW
        aws ec2 create-route --route-table-id rtb-404 --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW
        aws ec2 associate-route-table --route-table-id $RTB --subnet-id $PUB
        aws ec2 associate-route-table --route-table-id $RTB --subnet-id $PUB
        aws ec2 describe-route-tables --route-table-ids $RTB
        aws ec2 allocate-address --domain vpc
        ALLOC=$(aws ec2 describe-addresses --query 'Addresses[0].AllocationId' --output text)
        aws ec2 create-nat-gateway --subnet-id $PUB --allocation-id $ALLOC
        NAT=$(aws ec2 describe-nat-gateways --query 'NatGateways[0].NatGatewayId' --output text)
        aws ec2 describe-nat-gateways --filter Name=state,Values=pending --query 'NatGateways[].State'
        sleep 90
        aws ec2 describe-nat-gateways --query 'NatGateways[].[State,NatGatewayAddresses[0].Status]' --output text
        aws ec2 release-address --allocation-id $ALLOC
        aws ec2 replace-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --nat-gateway-id $NAT
        aws ec2 detach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        aws ec2 delete-nat-gateway --nat-gateway-id $NAT
        aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes'
        sleep 60
        aws ec2 describe-nat-gateways --nat-gateway-ids $NAT --query 'NatGateways[0].State'
        aws ec2 describe-nat-gateways --nat-gateway-ids nat-0123
        aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 10.0.0.0/16
        aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0
        aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0
        aws ec2 delete-route-table --route-table-id $RTB
        aws ec2 release-address --allocation-id $ALLOC
        aws ec2 describe-addresses
        "#,
        expect![[r#"
            $ aws ec2 create-internet-gateway --tag-specifications 'ResourceType=internet-gateway,Tags=[{Key=Name,Value=igw}]'
            {
                "InternetGateway": {
                    "Attachments": [],
                    "InternetGatewayId": "igw-02fd0eb03f383f328",
                    "OwnerId": "123456789012",
                    "Tags": [
                        {
                            "Key": "Name",
                            "Value": "igw"
                        }
                    ]
                }
            }
            $ aws ec2 detach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC

            An error occurred (Gateway.NotAttached) when calling the DetachInternetGateway operation: resource igw-02fd0eb03f383f328 is not attached to network vpc-03aa37b138a3bc382
            [exit 254]
            $ aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
            $ aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC

            An error occurred (Resource.AlreadyAssociated) when calling the AttachInternetGateway operation: resource igw-02fd0eb03f383f328 is already attached to network vpc-03aa37b138a3bc382
            [exit 254]
            $ aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=$VPC --query 'InternetGateways[].Attachments'
            [
                [
                    {
                        "State": "available",
                        "VpcId": "vpc-03aa37b138a3bc382"
                    }
                ]
            ]
            $ aws ec2 delete-internet-gateway --internet-gateway-id $IGW

            An error occurred (DependencyViolation) when calling the DeleteInternetGateway operation: The internetGateway 'igw-02fd0eb03f383f328' has dependencies and cannot be deleted.
            [exit 254]
            $ aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW
            {
                "Return": true
            }
            $ aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW

            An error occurred (RouteAlreadyExists) when calling the CreateRoute operation: The route identified by 0.0.0.0/0 already exists.
            [exit 254]
            $ aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0

            An error occurred (MissingParameter) when calling the CreateRoute operation: The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, localGatewayId, carrierGatewayId, instanceId, coreNetworkArn or vpcEndpointId
            [exit 254]
            $ aws ec2 create-route --route-table-id $RTB --destination-cidr-block 10.0.5.0/24 --gateway-id $IGW

            An error occurred (InvalidParameterValue) when calling the CreateRoute operation: The destination CIDR block 10.0.5.0/24 is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.
            [exit 254]
            $ aws ec2 create-route --route-table-id rtb-404 --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW

            An error occurred (InvalidRouteTableID.NotFound) when calling the CreateRoute operation: The routeTable ID 'rtb-404' does not exist
            [exit 254]
            $ aws ec2 associate-route-table --route-table-id $RTB --subnet-id $PUB
            {
                "AssociationId": "rtbassoc-041227ee3d8f46162",
                "AssociationState": {
                    "State": "associated"
                }
            }
            $ aws ec2 associate-route-table --route-table-id $RTB --subnet-id $PUB

            An error occurred (Resource.AlreadyAssociated) when calling the AssociateRouteTable operation: the specified association for route table rtb-057c08e46e41e0706 conflicts with an existing association
            [exit 254]
            $ aws ec2 describe-route-tables --route-table-ids $RTB
            {
                "RouteTables": [
                    {
                        "Associations": [
                            {
                                "Main": false,
                                "RouteTableAssociationId": "rtbassoc-041227ee3d8f46162",
                                "RouteTableId": "rtb-057c08e46e41e0706",
                                "SubnetId": "subnet-0d9d75b1298244fcf",
                                "AssociationState": {
                                    "State": "associated"
                                }
                            }
                        ],
                        "PropagatingVgws": [],
                        "RouteTableId": "rtb-057c08e46e41e0706",
                        "Routes": [
                            {
                                "DestinationCidrBlock": "10.0.0.0/16",
                                "GatewayId": "local",
                                "Origin": "CreateRouteTable",
                                "State": "active"
                            },
                            {
                                "DestinationCidrBlock": "0.0.0.0/0",
                                "GatewayId": "igw-02fd0eb03f383f328",
                                "Origin": "CreateRoute",
                                "State": "active"
                            }
                        ],
                        "Tags": [],
                        "VpcId": "vpc-03aa37b138a3bc382",
                        "OwnerId": "123456789012"
                    }
                ]
            }
            $ aws ec2 allocate-address --domain vpc
            {
                "AllocationId": "eipalloc-0fbd5d9225873de3b",
                "PublicIpv4Pool": "amazon",
                "NetworkBorderGroup": "ap-northeast-2",
                "Domain": "vpc",
                "PublicIp": "13.125.197.138"
            }
            $ aws ec2 create-nat-gateway --subnet-id $PUB --allocation-id $ALLOC
            {
                "ClientToken": "55b81332-85d3-8491-9285-9967c19aa576",
                "NatGateway": {
                    "CreateTime": "2026-11-18T11:07:01+00:00",
                    "NatGatewayAddresses": [
                        {
                            "AllocationId": "eipalloc-0fbd5d9225873de3b",
                            "NetworkInterfaceId": "eni-00e11f7d40e5b9596",
                            "IsPrimary": true,
                            "Status": "associating"
                        }
                    ],
                    "NatGatewayId": "nat-08073293552f68f1a",
                    "State": "pending",
                    "SubnetId": "subnet-0d9d75b1298244fcf",
                    "VpcId": "vpc-03aa37b138a3bc382",
                    "ConnectivityType": "public"
                }
            }
            $ aws ec2 describe-nat-gateways --filter Name=state,Values=pending --query 'NatGateways[].State'
            [
                "pending"
            ]
            $ sleep 90
            $ aws ec2 describe-nat-gateways --query 'NatGateways[].[State,NatGatewayAddresses[0].Status]' --output text
            available	succeeded
            $ aws ec2 release-address --allocation-id $ALLOC

            An error occurred (InvalidIPAddress.InUse) when calling the ReleaseAddress operation: Address is in use.
            [exit 254]
            $ aws ec2 replace-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --nat-gateway-id $NAT
            $ aws ec2 detach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC

            An error occurred (DependencyViolation) when calling the DetachInternetGateway operation: Network vpc-03aa37b138a3bc382 has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.
            [exit 254]
            $ aws ec2 delete-nat-gateway --nat-gateway-id $NAT
            {
                "NatGatewayId": "nat-08073293552f68f1a"
            }
            $ aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes'
            [
                {
                    "DestinationCidrBlock": "10.0.0.0/16",
                    "GatewayId": "local",
                    "Origin": "CreateRouteTable",
                    "State": "active"
                },
                {
                    "DestinationCidrBlock": "0.0.0.0/0",
                    "NatGatewayId": "nat-08073293552f68f1a",
                    "Origin": "CreateRoute",
                    "State": "blackhole"
                }
            ]
            $ sleep 60
            $ aws ec2 describe-nat-gateways --nat-gateway-ids $NAT --query 'NatGateways[0].State'
            "deleted"
            $ aws ec2 describe-nat-gateways --nat-gateway-ids nat-0123

            An error occurred (NatGatewayNotFound) when calling the DescribeNatGateways operation: The Nat Gateway nat-0123 was not found
            [exit 254]
            $ aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 10.0.0.0/16

            An error occurred (InvalidParameterValue) when calling the DeleteRoute operation: cannot remove local route 10.0.0.0/16 in route table rtb-057c08e46e41e0706
            [exit 254]
            $ aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0
            $ aws ec2 delete-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0

            An error occurred (InvalidRoute.NotFound) when calling the DeleteRoute operation: no route with destination-cidr-block 0.0.0.0/0 in route table rtb-057c08e46e41e0706
            [exit 254]
            $ aws ec2 delete-route-table --route-table-id $RTB

            An error occurred (DependencyViolation) when calling the DeleteRouteTable operation: The routeTable 'rtb-057c08e46e41e0706' has dependencies and cannot be deleted.
            [exit 254]
            $ aws ec2 release-address --allocation-id $ALLOC
            $ aws ec2 describe-addresses
            {
                "Addresses": []
            }
        "#]],
    );
}

#[test]
fn security_groups_and_acls() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        aws ec2 create-security-group --group-name bastion-sg --description "SSH from my laptop" --vpc-id $VPC
        SG=$(aws ec2 describe-security-groups --filters Name=group-name,Values=bastion-sg --query 'SecurityGroups[0].GroupId' --output text)
        aws ec2 create-security-group --group-name bastion-sg --description dup --vpc-id $VPC
        aws ec2 create-security-group --group-name x --description y
        aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 203.0.113.10/32
        aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 203.0.113.10/32
        aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions 'IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=0.0.0.0/0,Description=web}]' --query 'SecurityGroupRules[].[IpProtocol,FromPort,CidrIpv4,Description]' --output text
        aws ec2 authorize-security-group-ingress --group-id sg-404 --protocol tcp --port 22 --cidr 0.0.0.0/0
        aws ec2 describe-security-groups --group-ids $SG
        aws ec2 revoke-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0 --query Return
        aws ec2 revoke-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0
        DEF=$(aws ec2 describe-security-groups --filters Name=vpc-id,Values=$VPC Name=group-name,Values=default --query 'SecurityGroups[0].GroupId' --output text)
        aws ec2 delete-security-group --group-id $DEF
        aws ec2 describe-security-groups --group-ids $DEF --query 'SecurityGroups[0].IpPermissions[0].UserIdGroupPairs[0].GroupId==`'$DEF'`'
        aws ec2 create-network-acl --vpc-id $VPC
        ACL=$(aws ec2 describe-network-acls --filters Name=default,Values=false --query 'NetworkAcls[0].NetworkAclId' --output text)
        aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 create-network-acl-entry --network-acl-id $ACL --egress --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 create-network-acl-entry --network-acl-id $ACL --egress --rule-number 40000 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action deny
        aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 200 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 describe-network-acls --network-acl-ids $ACL --query 'NetworkAcls[0].Entries'
        ASSOC=$(aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=$SUB --query 'NetworkAcls[0].Associations[?SubnetId==`'$SUB'`].NetworkAclAssociationId' --output text)
        aws ec2 replace-network-acl-association --association-id $ASSOC --network-acl-id $ACL
        aws ec2 delete-network-acl --network-acl-id $ACL
        aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100
        aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100
        aws ec2 describe-network-acls --network-acl-ids acl-404
        "#,
        expect![[r#"
            $ aws ec2 create-security-group --group-name bastion-sg --description "SSH from my laptop" --vpc-id $VPC
            {
                "GroupId": "sg-02fd0eb03f383f328",
                "SecurityGroupArn": "arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-02fd0eb03f383f328"
            }
            $ aws ec2 create-security-group --group-name bastion-sg --description dup --vpc-id $VPC

            An error occurred (InvalidGroup.Duplicate) when calling the CreateSecurityGroup operation: The security group 'bastion-sg' already exists for VPC 'vpc-03aa37b138a3bc382'
            [exit 254]
            $ aws ec2 create-security-group --group-name x --description y
            {
                "GroupId": "sg-041227ee3d8f46162",
                "SecurityGroupArn": "arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-041227ee3d8f46162"
            }
            $ aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 203.0.113.10/32
            {
                "Return": true,
                "SecurityGroupRules": [
                    {
                        "SecurityGroupRuleId": "sgr-01b479d6d417dc586",
                        "GroupId": "sg-02fd0eb03f383f328",
                        "GroupOwnerId": "123456789012",
                        "IsEgress": false,
                        "IpProtocol": "tcp",
                        "FromPort": 22,
                        "ToPort": 22,
                        "CidrIpv4": "203.0.113.10/32",
                        "SecurityGroupRuleArn": "arn:aws:ec2:ap-northeast-2:123456789012:security-group-rule/sgr-01b479d6d417dc586"
                    }
                ]
            }
            $ aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 203.0.113.10/32

            An error occurred (InvalidPermission.Duplicate) when calling the AuthorizeSecurityGroupIngress operation: the specified rule "peer: 203.0.113.10/32, TCP, from port: 22, to port: 22, ALLOW" already exists
            [exit 254]
            $ aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions 'IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=0.0.0.0/0,Description=web}]' --query 'SecurityGroupRules[].[IpProtocol,FromPort,CidrIpv4,Description]' --output text
            tcp	80	0.0.0.0/0	web
            $ aws ec2 authorize-security-group-ingress --group-id sg-404 --protocol tcp --port 22 --cidr 0.0.0.0/0

            An error occurred (InvalidGroup.NotFound) when calling the AuthorizeSecurityGroupIngress operation: The security group 'sg-404' does not exist
            [exit 254]
            $ aws ec2 describe-security-groups --group-ids $SG
            {
                "SecurityGroups": [
                    {
                        "GroupId": "sg-02fd0eb03f383f328",
                        "IpPermissionsEgress": [
                            {
                                "IpProtocol": "-1",
                                "UserIdGroupPairs": [],
                                "IpRanges": [
                                    {
                                        "CidrIp": "0.0.0.0/0"
                                    }
                                ],
                                "Ipv6Ranges": [],
                                "PrefixListIds": []
                            }
                        ],
                        "VpcId": "vpc-03aa37b138a3bc382",
                        "SecurityGroupArn": "arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-02fd0eb03f383f328",
                        "OwnerId": "123456789012",
                        "GroupName": "bastion-sg",
                        "Description": "SSH from my laptop",
                        "IpPermissions": [
                            {
                                "IpProtocol": "tcp",
                                "FromPort": 22,
                                "ToPort": 22,
                                "UserIdGroupPairs": [],
                                "IpRanges": [
                                    {
                                        "CidrIp": "203.0.113.10/32"
                                    }
                                ],
                                "Ipv6Ranges": [],
                                "PrefixListIds": []
                            },
                            {
                                "IpProtocol": "tcp",
                                "FromPort": 80,
                                "ToPort": 80,
                                "UserIdGroupPairs": [],
                                "IpRanges": [
                                    {
                                        "Description": "web",
                                        "CidrIp": "0.0.0.0/0"
                                    }
                                ],
                                "Ipv6Ranges": [],
                                "PrefixListIds": []
                            }
                        ]
                    }
                ]
            }
            $ aws ec2 revoke-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0 --query Return
            true
            $ aws ec2 revoke-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0

            An error occurred (InvalidPermission.NotFound) when calling the RevokeSecurityGroupIngress operation: The specified rule does not exist in this security group.
            [exit 254]
            $ aws ec2 delete-security-group --group-id $DEF

            An error occurred (CannotDelete) when calling the DeleteSecurityGroup operation: the specified group: "sg-0039982dd1900f13a" name: "default" cannot be deleted by a user
            [exit 254]
            $ aws ec2 describe-security-groups --group-ids $DEF --query 'SecurityGroups[0].IpPermissions[0].UserIdGroupPairs[0].GroupId==`'$DEF'`'
            true
            $ aws ec2 create-network-acl --vpc-id $VPC
            {
                "NetworkAcl": {
                    "Associations": [],
                    "Entries": [
                        {
                            "CidrBlock": "0.0.0.0/0",
                            "Egress": true,
                            "Protocol": "-1",
                            "RuleAction": "deny",
                            "RuleNumber": 32767
                        },
                        {
                            "CidrBlock": "0.0.0.0/0",
                            "Egress": false,
                            "Protocol": "-1",
                            "RuleAction": "deny",
                            "RuleNumber": 32767
                        }
                    ],
                    "IsDefault": false,
                    "NetworkAclId": "acl-00e11f7d40e5b9596",
                    "Tags": [],
                    "VpcId": "vpc-03aa37b138a3bc382",
                    "OwnerId": "123456789012"
                }
            }
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow

            An error occurred (NetworkAclEntryAlreadyExists) when calling the CreateNetworkAclEntry operation: The network acl entry identified by 100 already exists.
            [exit 254]
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --egress --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --egress --rule-number 40000 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action deny

            An error occurred (InvalidParameterValue) when calling the CreateNetworkAclEntry operation: Value (40000) for parameter ruleNumber is invalid. Rule number must be between 1 and 32766.
            [exit 254]
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 200 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action allow

            An error occurred (InvalidParameterValue) when calling the CreateNetworkAclEntry operation: TCP/UDP protocol requires a port range
            [exit 254]
            $ aws ec2 describe-network-acls --network-acl-ids $ACL --query 'NetworkAcls[0].Entries'
            [
                {
                    "CidrBlock": "0.0.0.0/0",
                    "Egress": true,
                    "PortRange": {
                        "From": 1024,
                        "To": 65535
                    },
                    "Protocol": "6",
                    "RuleAction": "allow",
                    "RuleNumber": 100
                },
                {
                    "CidrBlock": "0.0.0.0/0",
                    "Egress": true,
                    "Protocol": "-1",
                    "RuleAction": "deny",
                    "RuleNumber": 32767
                },
                {
                    "CidrBlock": "0.0.0.0/0",
                    "Egress": false,
                    "PortRange": {
                        "From": 22,
                        "To": 22
                    },
                    "Protocol": "6",
                    "RuleAction": "allow",
                    "RuleNumber": 100
                },
                {
                    "CidrBlock": "0.0.0.0/0",
                    "Egress": false,
                    "Protocol": "-1",
                    "RuleAction": "deny",
                    "RuleNumber": 32767
                }
            ]
            $ aws ec2 replace-network-acl-association --association-id $ASSOC --network-acl-id $ACL
            {
                "NewAssociationId": "aclassoc-0d037c38d434dce30"
            }
            $ aws ec2 delete-network-acl --network-acl-id $ACL

            An error occurred (DependencyViolation) when calling the DeleteNetworkAcl operation: The networkAcl 'acl-00e11f7d40e5b9596' has dependencies and cannot be deleted.
            [exit 254]
            $ aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100
            $ aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100

            An error occurred (InvalidNetworkAclEntry.NotFound) when calling the DeleteNetworkAclEntry operation: The network acl entry identified by 100 (ingress) does not exist in acl-00e11f7d40e5b9596.
            [exit 254]
            $ aws ec2 describe-network-acls --network-acl-ids acl-404

            An error occurred (InvalidNetworkAclID.NotFound) when calling the DescribeNetworkAcls operation: The networkAcl ID 'acl-404' does not exist
            [exit 254]
        "#]],
    );
}

#[test]
fn instances_lifecycle_and_formats() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        SG=$(aws ec2 create-security-group --group-name web --description web --vpc-id $VPC --query GroupId --output text)
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --key-name my-key --subnet-id $SUB
        aws ec2 create-key-pair --key-name my-key --query '[KeyName,length(KeyMaterial)>`1000`]' --output text
        aws ec2 create-key-pair --key-name my-key
        aws ec2 describe-key-pairs --key-names nope
        aws ec2 run-instances --image-id ami-123 --subnet-id $SUB
        aws ec2 describe-images --owners amazon --filters 'Name=name,Values=al2023-ami-*' --query 'Images[].[ImageId,Name,RootDeviceName]' --output text
        aws ec2 describe-images --owners 099720109477 --query 'length(Images)'
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --key-name my-key --subnet-id $SUB --security-group-ids $SG --associate-public-ip-address --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=bastion}]'
        I=$(aws ec2 describe-instances --filters Name=tag:Name,Values=bastion --query 'Reservations[0].Instances[0].InstanceId' --output text)
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $SUB --count 2 --query 'Instances[].[AmiLaunchIndex,State.Name,PublicIpAddress]' --output text
        aws ec2 run-instances --image-id bogus --subnet-id $SUB
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id subnet-404
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[].Instances[].State'
        sleep 15
        aws ec2 describe-instances --filters Name=instance-state-name,Values=running --query 'Reservations[].Instances[].{Id:InstanceId,Type:InstanceType,Ip:PrivateIpAddress}' --output table
        aws ec2 describe-instances --instance-ids $I --output text --query 'Reservations[].Instances[].[InstanceId,SourceDestCheck,Placement.AvailabilityZone]'
        aws ec2 modify-instance-attribute --instance-id $I --no-source-dest-check
        ENI=$(aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,Values=$I --query 'NetworkInterfaces[0].NetworkInterfaceId' --output text)
        aws ec2 describe-network-interfaces --network-interface-ids $ENI --query 'NetworkInterfaces[0].[InterfaceType,SourceDestCheck,Attachment.DeviceIndex,Association.PublicIp!=null]' --output text
        aws ec2 modify-network-interface-attribute --network-interface-id $ENI --source-dest-check
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].SourceDestCheck'
        aws ec2 modify-network-interface-attribute --network-interface-id $ENI --no-source-dest-check
        aws ec2 modify-network-interface-attribute --network-interface-id eni-404 --no-source-dest-check
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].SourceDestCheck'
        aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
        aws ec2 terminate-instances --instance-ids $I
        aws ec2 terminate-instances --instance-ids i-0123456789abcdef0
        sleep 30
        aws ec2 describe-instances --instance-ids $I --output yaml --query 'Reservations[0].Instances[0].[State,PublicIpAddress]'
        aws ec2 create-tags --resources $SUB --tags Key=Name,Value=public-a Key=tier,Value=public
        aws ec2 describe-tags --filters Name=resource-id,Values=$SUB
        aws ec2 create-tags --resources vpc-404 --tags Key=Name,Value=x
        "#,
        expect![[r#"
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --key-name my-key --subnet-id $SUB

            An error occurred (InvalidKeyPair.NotFound) when calling the RunInstances operation: The key pair 'my-key' does not exist
            [exit 254]
            $ aws ec2 create-key-pair --key-name my-key --query '[KeyName,length(KeyMaterial)>`1000`]' --output text
            my-key	True
            $ aws ec2 create-key-pair --key-name my-key

            An error occurred (InvalidKeyPair.Duplicate) when calling the CreateKeyPair operation: The keypair 'my-key' already exists.
            [exit 254]
            $ aws ec2 describe-key-pairs --key-names nope

            An error occurred (InvalidKeyPair.NotFound) when calling the DescribeKeyPairs operation: The key pair 'nope' does not exist
            [exit 254]
            $ aws ec2 run-instances --image-id ami-123 --subnet-id $SUB

            An error occurred (InvalidAMIID.NotFound) when calling the RunInstances operation: The image id '[ami-123]' does not exist
            [exit 254]
            $ aws ec2 describe-images --owners amazon --filters 'Name=name,Values=al2023-ami-*' --query 'Images[].[ImageId,Name,RootDeviceName]' --output text
            ami-0c9c942bd7bf113a2	al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64	/dev/xvda
            $ aws ec2 describe-images --owners 099720109477 --query 'length(Images)'
            2
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --key-name my-key --subnet-id $SUB --security-group-ids $SG --associate-public-ip-address --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=bastion}]'
            {
                "ReservationId": "r-01b479d6d417dc586",
                "OwnerId": "123456789012",
                "Groups": [],
                "Instances": [
                    {
                        "Architecture": "x86_64",
                        "BlockDeviceMappings": [],
                        "ClientToken": "80732935-52f6-8f1a-8073-293552f68f1a",
                        "EbsOptimized": false,
                        "EnaSupport": true,
                        "Hypervisor": "xen",
                        "NetworkInterfaces": [
                            {
                                "Association": {
                                    "IpOwnerId": "amazon",
                                    "PublicDnsName": "",
                                    "PublicIp": "43.201.37.149"
                                },
                                "Attachment": {
                                    "AttachTime": "2026-11-18T11:06:51+00:00",
                                    "AttachmentId": "eni-attach-00e11f7d40e5b9596",
                                    "DeleteOnTermination": true,
                                    "DeviceIndex": 0,
                                    "Status": "attached",
                                    "NetworkCardIndex": 0
                                },
                                "Description": "",
                                "Groups": [
                                    {
                                        "GroupId": "sg-02fd0eb03f383f328",
                                        "GroupName": "web"
                                    }
                                ],
                                "Ipv6Addresses": [],
                                "NetworkInterfaceId": "eni-00e11f7d40e5b9596",
                                "OwnerId": "123456789012",
                                "PrivateDnsName": "ip-10-0-1-18.ap-northeast-2.compute.internal",
                                "PrivateIpAddress": "10.0.1.18",
                                "SourceDestCheck": true,
                                "Status": "in-use",
                                "SubnetId": "subnet-0d9d75b1298244fcf",
                                "VpcId": "vpc-03aa37b138a3bc382",
                                "InterfaceType": "interface"
                            }
                        ],
                        "RootDeviceName": "/dev/xvda",
                        "RootDeviceType": "ebs",
                        "SecurityGroups": [
                            {
                                "GroupId": "sg-02fd0eb03f383f328",
                                "GroupName": "web"
                            }
                        ],
                        "SourceDestCheck": true,
                        "StateReason": {
                            "Code": "pending",
                            "Message": "pending"
                        },
                        "Tags": [
                            {
                                "Key": "Name",
                                "Value": "bastion"
                            }
                        ],
                        "VirtualizationType": "hvm",
                        "InstanceId": "i-08073293552f68f1a",
                        "ImageId": "ami-0c9c942bd7bf113a2",
                        "State": {
                            "Code": 0,
                            "Name": "pending"
                        },
                        "PrivateDnsName": "ip-10-0-1-18.ap-northeast-2.compute.internal",
                        "PublicDnsName": "",
                        "StateTransitionReason": "",
                        "KeyName": "my-key",
                        "AmiLaunchIndex": 0,
                        "ProductCodes": [],
                        "InstanceType": "t3.micro",
                        "LaunchTime": "2026-11-18T11:06:51+00:00",
                        "Placement": {
                            "GroupName": "",
                            "Tenancy": "default",
                            "AvailabilityZone": "ap-northeast-2a"
                        },
                        "Monitoring": {
                            "State": "disabled"
                        },
                        "SubnetId": "subnet-0d9d75b1298244fcf",
                        "VpcId": "vpc-03aa37b138a3bc382",
                        "PrivateIpAddress": "10.0.1.18",
                        "PublicIpAddress": "43.201.37.149"
                    }
                ]
            }
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $SUB --count 2 --query 'Instances[].[AmiLaunchIndex,State.Name,PublicIpAddress]' --output text
            0	pending	None
            1	pending	None
            $ aws ec2 run-instances --image-id bogus --subnet-id $SUB

            An error occurred (InvalidAMIID.Malformed) when calling the RunInstances operation: Invalid id: "bogus" (expecting "ami-...")
            [exit 254]
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id subnet-404

            An error occurred (InvalidSubnetID.NotFound) when calling the RunInstances operation: The subnet ID 'subnet-404' does not exist
            [exit 254]
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[].Instances[].State'
            [
                {
                    "Code": 0,
                    "Name": "pending"
                }
            ]
            $ sleep 15
            $ aws ec2 describe-instances --filters Name=instance-state-name,Values=running --query 'Reservations[].Instances[].{Id:InstanceId,Type:InstanceType,Ip:PrivateIpAddress}' --output table
            -----------------------------------------------------
            |                 DescribeInstances                 |
            +-----------------------+--------------+------------+
            |          Id           |      Ip      |    Type    |
            +-----------------------+--------------+------------+
            |  i-08073293552f68f1a  |  10.0.1.18   |  t3.micro  |
            |  i-0bd48c3be38b985d3  |  10.0.1.201  |  t3.micro  |
            |  i-00c859967c19aa576  |  10.0.1.58   |  t3.micro  |
            +-----------------------+--------------+------------+
            $ aws ec2 describe-instances --instance-ids $I --output text --query 'Reservations[].Instances[].[InstanceId,SourceDestCheck,Placement.AvailabilityZone]'
            i-08073293552f68f1a	True	ap-northeast-2a
            $ aws ec2 modify-instance-attribute --instance-id $I --no-source-dest-check
            $ aws ec2 describe-network-interfaces --network-interface-ids $ENI --query 'NetworkInterfaces[0].[InterfaceType,SourceDestCheck,Attachment.DeviceIndex,Association.PublicIp!=null]' --output text
            interface	False	0	True
            $ aws ec2 modify-network-interface-attribute --network-interface-id $ENI --source-dest-check
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].SourceDestCheck'
            true
            $ aws ec2 modify-network-interface-attribute --network-interface-id $ENI --no-source-dest-check
            $ aws ec2 modify-network-interface-attribute --network-interface-id eni-404 --no-source-dest-check

            An error occurred (InvalidNetworkInterfaceID.NotFound) when calling the ModifyNetworkInterfaceAttribute operation: The networkInterface ID 'eni-404' does not exist
            [exit 254]
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].SourceDestCheck'
            false
            $ aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
            248
            $ aws ec2 terminate-instances --instance-ids $I
            {
                "TerminatingInstances": [
                    {
                        "InstanceId": "i-08073293552f68f1a",
                        "CurrentState": {
                            "Code": 32,
                            "Name": "shutting-down"
                        },
                        "PreviousState": {
                            "Code": 16,
                            "Name": "running"
                        }
                    }
                ]
            }
            $ aws ec2 terminate-instances --instance-ids i-0123456789abcdef0

            An error occurred (InvalidInstanceID.NotFound) when calling the TerminateInstances operation: The instance ID 'i-0123456789abcdef0' does not exist
            [exit 254]
            $ sleep 30
            $ aws ec2 describe-instances --instance-ids $I --output yaml --query 'Reservations[0].Instances[0].[State,PublicIpAddress]'
            - Code: 48
              Name: terminated
            - null
            $ aws ec2 create-tags --resources $SUB --tags Key=Name,Value=public-a Key=tier,Value=public
            $ aws ec2 describe-tags --filters Name=resource-id,Values=$SUB
            {
                "Tags": [
                    {
                        "Key": "Name",
                        "ResourceId": "subnet-0d9d75b1298244fcf",
                        "ResourceType": "subnet",
                        "Value": "public-a"
                    },
                    {
                        "Key": "tier",
                        "ResourceId": "subnet-0d9d75b1298244fcf",
                        "ResourceType": "subnet",
                        "Value": "public"
                    }
                ]
            }
            $ aws ec2 create-tags --resources vpc-404 --tags Key=Name,Value=x

            An error occurred (InvalidVpcID.NotFound) when calling the CreateTags operation: The vpc ID 'vpc-404' does not exist
            [exit 254]
        "#]],
    );
}

#[test]
fn instance_json_shape() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t2.micro --subnet-id $SUB
        "#,
        expect![[r#"
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t2.micro --subnet-id $SUB
            {
                "ReservationId": "r-02fd0eb03f383f328",
                "OwnerId": "123456789012",
                "Groups": [],
                "Instances": [
                    {
                        "Architecture": "x86_64",
                        "BlockDeviceMappings": [],
                        "ClientToken": "57c08e46-e41e-0706-57c0-8e46e41e0706",
                        "EbsOptimized": false,
                        "EnaSupport": true,
                        "Hypervisor": "xen",
                        "NetworkInterfaces": [
                            {
                                "Attachment": {
                                    "AttachTime": "2026-11-18T11:06:43+00:00",
                                    "AttachmentId": "eni-attach-041227ee3d8f46162",
                                    "DeleteOnTermination": true,
                                    "DeviceIndex": 0,
                                    "Status": "attached",
                                    "NetworkCardIndex": 0
                                },
                                "Description": "",
                                "Groups": [
                                    {
                                        "GroupId": "sg-0039982dd1900f13a",
                                        "GroupName": "default"
                                    }
                                ],
                                "Ipv6Addresses": [],
                                "NetworkInterfaceId": "eni-041227ee3d8f46162",
                                "OwnerId": "123456789012",
                                "PrivateDnsName": "ip-10-0-1-193.ap-northeast-2.compute.internal",
                                "PrivateIpAddress": "10.0.1.193",
                                "SourceDestCheck": true,
                                "Status": "in-use",
                                "SubnetId": "subnet-0d9d75b1298244fcf",
                                "VpcId": "vpc-03aa37b138a3bc382",
                                "InterfaceType": "interface"
                            }
                        ],
                        "RootDeviceName": "/dev/xvda",
                        "RootDeviceType": "ebs",
                        "SecurityGroups": [
                            {
                                "GroupId": "sg-0039982dd1900f13a",
                                "GroupName": "default"
                            }
                        ],
                        "SourceDestCheck": true,
                        "StateReason": {
                            "Code": "pending",
                            "Message": "pending"
                        },
                        "VirtualizationType": "hvm",
                        "InstanceId": "i-057c08e46e41e0706",
                        "ImageId": "ami-0c9c942bd7bf113a2",
                        "State": {
                            "Code": 0,
                            "Name": "pending"
                        },
                        "PrivateDnsName": "ip-10-0-1-193.ap-northeast-2.compute.internal",
                        "PublicDnsName": "",
                        "StateTransitionReason": "",
                        "AmiLaunchIndex": 0,
                        "ProductCodes": [],
                        "InstanceType": "t2.micro",
                        "LaunchTime": "2026-11-18T11:06:43+00:00",
                        "Placement": {
                            "GroupName": "",
                            "Tenancy": "default",
                            "AvailabilityZone": "ap-northeast-2a"
                        },
                        "Monitoring": {
                            "State": "disabled"
                        },
                        "SubnetId": "subnet-0d9d75b1298244fcf",
                        "VpcId": "vpc-03aa37b138a3bc382",
                        "PrivateIpAddress": "10.0.1.193"
                    }
                ]
            }
        "#]],
    );
}

/// The week-1 assignment built entirely through the command line.
const WEEK1_SCRIPT: &str = r#"
    KEY=$(aws ec2 create-key-pair --key-name my-key --query KeyMaterial --output text)
    VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
    aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames '{"Value":true}'
    PUBA=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
    PUBC=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone ap-northeast-2c --query Subnet.SubnetId --output text)
    PRIA=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.11.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
    PRIC=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.12.0/24 --availability-zone ap-northeast-2c --query Subnet.SubnetId --output text)
    aws ec2 modify-subnet-attribute --subnet-id $PUBA --map-public-ip-on-launch
    aws ec2 modify-subnet-attribute --subnet-id $PUBC --map-public-ip-on-launch
    IGW=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)
    aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
    PUBRT=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)
    aws ec2 create-route --route-table-id $PUBRT --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW --output text
    aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBA --query AssociationState.State --output text
    aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBC --query AssociationState.State --output text
    EIP=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text)
    NAT=$(aws ec2 create-nat-gateway --subnet-id $PUBA --allocation-id $EIP --query NatGateway.NatGatewayId --output text)
    PRIRT=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)
    aws ec2 create-route --route-table-id $PRIRT --destination-cidr-block 0.0.0.0/0 --nat-gateway-id $NAT --output text
    aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIA --query AssociationState.State --output text
    aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIC --query AssociationState.State --output text
    BSG=$(aws ec2 create-security-group --group-name bastion-sg --description bastion --vpc-id $VPC --query GroupId --output text)
    aws ec2 authorize-security-group-ingress --group-id $BSG --protocol tcp --port 22 --cidr 0.0.0.0/0 --query Return
    PSG=$(aws ec2 create-security-group --group-name private-sg --description private --vpc-id $VPC --query GroupId --output text)
    aws ec2 authorize-security-group-ingress --group-id $PSG --protocol tcp --port 22 --source-group $BSG --query Return
    BASTION=$(aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --key-name my-key --subnet-id $PUBA --security-group-ids $BSG --query 'Instances[0].InstanceId' --output text)
    APP=$(aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --key-name my-key --subnet-id $PRIA --security-group-ids $PSG --query 'Instances[0].InstanceId' --output text)
    APPC=$(aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --key-name my-key --subnet-id $PRIC --security-group-ids $PSG --query 'Instances[0].InstanceId' --output text)
    sleep 90
"#;

#[test]
fn week1_built_by_cli_passes_every_check() {
    let mut t = Transcript::new();
    let out = t.run(WEEK1_SCRIPT);
    expect![[r#"
        $ aws ec2 modify-vpc-attribute --vpc-id $VPC --enable-dns-hostnames '{"Value":true}'
        $ aws ec2 modify-subnet-attribute --subnet-id $PUBA --map-public-ip-on-launch
        $ aws ec2 modify-subnet-attribute --subnet-id $PUBC --map-public-ip-on-launch
        $ aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        $ aws ec2 create-route --route-table-id $PUBRT --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW --output text
        True
        $ aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBA --query AssociationState.State --output text
        associated
        $ aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBC --query AssociationState.State --output text
        associated
        $ aws ec2 create-route --route-table-id $PRIRT --destination-cidr-block 0.0.0.0/0 --nat-gateway-id $NAT --output text
        True
        $ aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIA --query AssociationState.State --output text
        associated
        $ aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIC --query AssociationState.State --output text
        associated
        $ aws ec2 authorize-security-group-ingress --group-id $BSG --protocol tcp --port 22 --cidr 0.0.0.0/0 --query Return
        true
        $ aws ec2 authorize-security-group-ingress --group-id $PSG --protocol tcp --port 22 --source-group $BSG --query Return
        true
        $ sleep 90
    "#]].assert_eq(&out);
    let checks = t.acct.week1_assignment();
    assert_eq!(checks.len(), 10);
    for c in &checks {
        assert!(c.passed, "{} failed: {}", c.id, c.detail);
    }
    // Breaking the NAT route fails exactly the egress check.
    let out =
        t.run("aws ec2 delete-route --route-table-id $PRIRT --destination-cidr-block 0.0.0.0/0");
    assert_eq!(out.lines().count(), 1);
    let failed: Vec<String> = t
        .acct
        .week1_assignment()
        .into_iter()
        .filter(|c| !c.passed)
        .map(|c| c.id)
        .collect();
    assert_eq!(failed, vec!["private-egress-via-nat"]);
}

#[test]
fn network_insights_through_the_cli() {
    let mut t = Transcript::new();
    t.run(WEEK1_SCRIPT);
    let out = t.run(
        r#"
        P1=$(aws ec2 create-network-insights-path --source $IGW --destination $BASTION --protocol tcp --destination-port 22 --query NetworkInsightsPath.NetworkInsightsPathId --output text)
        aws ec2 describe-network-insights-paths --network-insights-path-ids $P1
        A1=$(aws ec2 start-network-insights-analysis --network-insights-path-id $P1 --query NetworkInsightsAnalysis.NetworkInsightsAnalysisId --output text)
        aws ec2 describe-network-insights-analyses --network-insights-analysis-ids $A1
        P2=$(aws ec2 create-network-insights-path --source $IGW --destination $APP --protocol tcp --destination-port 22 --query NetworkInsightsPath.NetworkInsightsPathId --output text)
        aws ec2 start-network-insights-analysis --network-insights-path-id $P2 --query NetworkInsightsAnalysis.Status
        aws ec2 describe-network-insights-analyses --network-insights-path-id $P2 --query 'NetworkInsightsAnalyses[0].[NetworkPathFound,Explanations]'
        P3=$(aws ec2 create-network-insights-path --source $APP --destination $IGW --protocol tcp --destination-port 443 --query NetworkInsightsPath.NetworkInsightsPathId --output text)
        aws ec2 start-network-insights-analysis --network-insights-path-id $P3 --query NetworkInsightsAnalysis.Status --output text
        aws ec2 describe-network-insights-analyses --network-insights-path-id $P3 --query 'NetworkInsightsAnalyses[0].[NetworkPathFound,ForwardPathComponents[].Component.Id]' --output text
        aws ec2 create-network-insights-path --source vpc-1 --destination $APP --protocol tcp
        aws ec2 start-network-insights-analysis --network-insights-path-id nip-404
        "#,
    );
    expect![[r#"
        $ aws ec2 describe-network-insights-paths --network-insights-path-ids $P1
        {
            "NetworkInsightsPaths": [
                {
                    "NetworkInsightsPathId": "nip-0b910d091bfe4cba3",
                    "NetworkInsightsPathArn": "arn:aws:ec2:ap-northeast-2:123456789012:network-insights-path/nip-0b910d091bfe4cba3",
                    "CreatedDate": "2026-11-18T11:08:39+00:00",
                    "Source": "igw-0c986834ad5d82512",
                    "Destination": "i-01f0f17856ef22028",
                    "SourceArn": "arn:aws:ec2:ap-northeast-2:123456789012:internet-gateway/igw-0c986834ad5d82512",
                    "DestinationArn": "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-01f0f17856ef22028",
                    "Protocol": "tcp",
                    "DestinationPort": 22,
                    "Tags": []
                }
            ]
        }
        $ aws ec2 describe-network-insights-analyses --network-insights-analysis-ids $A1
        {
            "NetworkInsightsAnalyses": [
                {
                    "NetworkInsightsAnalysisId": "nia-01c494893a69347e9",
                    "NetworkInsightsAnalysisArn": "arn:aws:ec2:ap-northeast-2:123456789012:network-insights-analysis/nia-01c494893a69347e9",
                    "NetworkInsightsPathId": "nip-0b910d091bfe4cba3",
                    "StartDate": "2026-11-18T11:08:41+00:00",
                    "Status": "succeeded",
                    "NetworkPathFound": true,
                    "ForwardPathComponents": [
                        {
                            "SequenceNumber": 1,
                            "Component": {
                                "Id": "internet",
                                "Name": "Internet"
                            }
                        },
                        {
                            "SequenceNumber": 2,
                            "Component": {
                                "Id": "igw-0c986834ad5d82512",
                                "Arn": "arn:aws:ec2:ap-northeast-2:123456789012:internet-gateway/igw-0c986834ad5d82512"
                            }
                        },
                        {
                            "SequenceNumber": 3,
                            "Component": {
                                "Id": "acl-0e721cbac4d5b35dd",
                                "Arn": "arn:aws:ec2:ap-northeast-2:123456789012:network-acl/acl-0e721cbac4d5b35dd"
                            }
                        },
                        {
                            "SequenceNumber": 4,
                            "Component": {
                                "Id": "sg-07be94c779dcd0a77",
                                "Arn": "arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-07be94c779dcd0a77"
                            }
                        },
                        {
                            "SequenceNumber": 5,
                            "Component": {
                                "Id": "i-01f0f17856ef22028",
                                "Arn": "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-01f0f17856ef22028"
                            }
                        }
                    ],
                    "Explanations": [],
                    "Tags": []
                }
            ]
        }
        $ aws ec2 start-network-insights-analysis --network-insights-path-id $P2 --query NetworkInsightsAnalysis.Status
        "running"
        $ aws ec2 describe-network-insights-analyses --network-insights-path-id $P2 --query 'NetworkInsightsAnalyses[0].[NetworkPathFound,Explanations]'
        [
            false,
            [
                {
                    "Direction": "ingress",
                    "ExplanationCode": "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                    "InternetGateway": {
                        "Id": "igw-0c986834ad5d82512",
                        "Arn": "arn:aws:ec2:ap-northeast-2:123456789012:internet-gateway/igw-0c986834ad5d82512"
                    }
                }
            ]
        ]
        $ aws ec2 start-network-insights-analysis --network-insights-path-id $P3 --query NetworkInsightsAnalysis.Status --output text
        running
        $ aws ec2 describe-network-insights-analyses --network-insights-path-id $P3 --query 'NetworkInsightsAnalyses[0].[NetworkPathFound,ForwardPathComponents[].Component.Id]' --output text
        True
        i-07c666a3dc0773e2c	sg-01a62ebdde0b35a6d	acl-0e721cbac4d5b35dd	rtb-066c531f0f663985c	nat-09eab068c3f1acaad	acl-0e721cbac4d5b35dd	acl-0e721cbac4d5b35dd	rtb-0fead9b1a55b81332	igw-0c986834ad5d82512	internet
        $ aws ec2 create-network-insights-path --source vpc-1 --destination $APP --protocol tcp

        An error occurred (InvalidParameterValue) when calling the CreateNetworkInsightsPath operation: The resource vpc-1 is not a supported source or destination type
        [exit 254]
        $ aws ec2 start-network-insights-analysis --network-insights-path-id nip-404

        An error occurred (InvalidNetworkInsightsPathId.NotFound) when calling the StartNetworkInsightsAnalysis operation: The NetworkInsightsPath ID 'nip-404' does not exist
        [exit 254]
    "#]].assert_eq(&out);
}

mod reachability {
    use super::super::AwsAccount;
    use super::super::challenge::{Week1Ids, build_broken_vpc, build_week1};
    use super::super::model::{AclEntry, Network, Peer, RouteTarget, RunSpec, SgRule};
    use super::super::reach::{EXPLANATION_CODES, Endpoint, LAPTOP_IP, MIRROR_IP, Traffic};
    use crate::sort::SortShared;

    fn ssh() -> Traffic {
        Traffic {
            protocol: "tcp".into(),
            port: 22,
        }
    }

    fn world() -> (AwsAccount, Week1Ids) {
        let mut acct = AwsAccount::new(7);
        let ids = build_week1(&mut acct).unwrap();
        (acct, ids)
    }

    fn net(acct: &mut AwsAccount) -> &mut Network {
        acct.network_mut("ap-northeast-2")
    }

    fn any() -> super::super::cidr::Ipv4Net {
        "0.0.0.0/0".parse().unwrap()
    }

    fn launch(n: &mut Network, subnet: &str, sg: &str, public: Option<bool>) -> String {
        let spec = RunSpec {
            image_id: "ami-0c9c942bd7bf113a2".into(),
            instance_type: "t3.micro".into(),
            subnet_id: subnet.into(),
            security_groups: vec![sg.into()],
            associate_public_ip: public,
            count: 1,
            ..RunSpec::default()
        };
        n.run_instances(&spec).unwrap().1.remove(0)
    }

    /// Asserts the first explanation's code and blocking component, and that both languages explain it.
    fn blocked(
        n: &Network,
        src: Endpoint,
        dst: Endpoint,
        t: &Traffic,
        code: &str,
        component: &str,
    ) -> String {
        let a = n.analyze(&src, &dst, t);
        assert!(!a.reachable, "{code}: expected blocked, got {:#?}", a.hops);
        let e = &a.explanations[0];
        assert_eq!(e.code, code, "{:#?}", a);
        if !component.is_empty() {
            assert_eq!(e.component_id, component);
        }
        assert!(!e.en.is_empty());
        assert!(
            e.ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
            "korean text: {}",
            e.ko
        );
        e.code.clone()
    }

    #[test]
    fn week1_paths_are_reachable() {
        let (acct, ids) = world();
        let n = acct.network("ap-northeast-2").unwrap();
        let legs = n.analyze_bastion_ssh(&ids.bastion, &ids.private_instances[0]);
        assert_eq!(legs.len(), 2);
        assert!(legs.iter().all(|l| l.reachable), "{legs:#?}");
        let hops: Vec<&str> = legs[1]
            .hops
            .iter()
            .map(|h| h.component_type.as_str())
            .collect();
        assert_eq!(
            hops,
            [
                "AWS::EC2::Instance",
                "AWS::EC2::SecurityGroup",
                "AWS::EC2::NetworkAcl",
                "AWS::EC2::RouteTable",
                "AWS::EC2::NetworkAcl",
                "AWS::EC2::SecurityGroup",
                "AWS::EC2::Instance"
            ]
        );
        let out = n.analyze_internet_egress(&ids.private_instances[1]);
        assert!(out.reachable, "{out:#?}");
        assert!(out.hops.iter().any(|h| h.component_id == ids.nat));
        // The private instance is not directly reachable from the internet.
        assert!(
            !n.analyze(
                &Endpoint::Internet(LAPTOP_IP),
                &Endpoint::Instance(ids.private_instances[0].clone()),
                &ssh()
            )
            .reachable
        );
        assert!(acct.week1_assignment().iter().all(|c| c.passed));
    }

    #[test]
    fn every_explanation_code_is_produced() {
        let mut seen = vec![];
        let (mut acct, ids) = world();
        let laptop = Endpoint::Internet(LAPTOP_IP);
        let bastion = Endpoint::Instance(ids.bastion.clone());
        let app = Endpoint::Instance(ids.private_instances[0].clone());
        let mirror = Endpoint::Internet(MIRROR_IP);
        let https = Traffic {
            protocol: "tcp".into(),
            port: 443,
        };

        // A freshly launched instance is still pending.
        let fresh = launch(
            net(&mut acct),
            &ids.public_subnets[1],
            &ids.bastion_sg,
            None,
        );
        seen.push(blocked(
            net(&mut acct),
            laptop.clone(),
            Endpoint::Instance(fresh),
            &ssh(),
            "BAD_STATE",
            "",
        ));

        // The private instance has no public address.
        seen.push(blocked(
            net(&mut acct),
            laptop.clone(),
            app.clone(),
            &ssh(),
            "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
            &ids.igw,
        ));

        // The private group only admits SSH from the bastion's group, so another public instance is refused.
        let other_sg = net(&mut acct)
            .create_security_group(&ids.vpc, "other", "other")
            .unwrap();
        let other = launch(net(&mut acct), &ids.public_subnets[1], &other_sg, None);
        acct.advance(20_000);
        seen.push(blocked(
            net(&mut acct),
            Endpoint::Instance(other.clone()),
            app.clone(),
            &ssh(),
            "ENI_SG_RULES_MISMATCH",
            &ids.private_sg,
        ));

        // A public instance without a public IP cannot use the internet gateway.
        let nopub = launch(
            net(&mut acct),
            &ids.public_subnets[0],
            &other_sg,
            Some(false),
        );
        acct.advance(20_000);
        seen.push(blocked(
            net(&mut acct),
            Endpoint::Instance(nopub),
            mirror.clone(),
            &https,
            "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
            &ids.igw,
        ));

        // An instance with a public IP in a private subnet: the reply cannot route back to the internet gateway.
        let n = net(&mut acct);
        n.authorize(
            &other_sg,
            false,
            vec![SgRule {
                id: String::new(),
                protocol: "tcp".into(),
                from_port: 22,
                to_port: 22,
                peer: Peer::Cidr(any()),
                description: None,
            }],
        )
        .unwrap();
        let stray = launch(n, &ids.private_subnets[0], &other_sg, Some(true));
        acct.advance(20_000);
        seen.push(blocked(
            net(&mut acct),
            laptop.clone(),
            Endpoint::Instance(stray.clone()),
            &ssh(),
            "NO_ROUTE_TO_DESTINATION",
            &ids.private_rtb,
        ));
        let reply = net(&mut acct).analyze(&laptop, &Endpoint::Instance(stray.clone()), &ssh());
        assert!(reply.explanations[0].return_traffic);

        // A new NAT gateway is pending for a while.
        let n = net(&mut acct);
        let eip = n.allocate_address();
        let nat2 = n
            .create_nat_gateway(&ids.public_subnets[1], Some(&eip), false)
            .unwrap();
        n.replace_route(
            &ids.private_rtb,
            "0.0.0.0/0",
            RouteTarget::NatGateway(nat2.clone()),
        )
        .unwrap();
        seen.push(blocked(
            n,
            app.clone(),
            mirror.clone(),
            &https,
            "BAD_STATE",
            &nat2,
        ));

        // Deleting the NAT gateway leaves a blackhole route.
        n.delete_nat_gateway(&nat2).unwrap();
        seen.push(blocked(
            n,
            app.clone(),
            mirror.clone(),
            &https,
            "BAD_STATE_ROUTE",
            &ids.private_rtb,
        ));

        // No default route at all.
        n.delete_route(&ids.private_rtb, "0.0.0.0/0").unwrap();
        seen.push(blocked(
            n,
            app.clone(),
            mirror.clone(),
            &https,
            "NO_ROUTE_TO_DESTINATION",
            &ids.private_rtb,
        ));

        // A NAT instance with source/destination check still on drops forwarded traffic; turning it off fixes the path.
        let nat_sg = n.create_security_group(&ids.vpc, "nat-sg", "nat").unwrap();
        n.authorize(
            &nat_sg,
            false,
            vec![SgRule {
                id: String::new(),
                protocol: "-1".into(),
                from_port: -1,
                to_port: -1,
                peer: Peer::Cidr("10.0.0.0/16".parse().unwrap()),
                description: None,
            }],
        )
        .unwrap();
        let nat_i = launch(n, &ids.public_subnets[0], &nat_sg, Some(true));
        acct.advance(20_000);
        let n = net(&mut acct);
        n.create_route(
            &ids.private_rtb,
            "0.0.0.0/0",
            RouteTarget::Instance(nat_i.clone()),
        )
        .unwrap();
        seen.push(blocked(
            n,
            app.clone(),
            mirror.clone(),
            &https,
            "ENI_SOURCE_DEST_CHECK_RESTRICTION",
            &nat_i,
        ));
        n.set_source_dest_check(&nat_i, false).unwrap();
        let ok = n.analyze(&app, &mirror, &https);
        assert!(ok.reachable, "nat instance path: {ok:#?}");
        assert!(ok.hops.iter().any(|h| h.detail.contains(&nat_i)));

        // A network ACL that denies SSH in, then one that lets it in but blocks the replies.
        let acl = n.create_network_acl(&ids.vpc).unwrap();
        n.set_subnet_acl(&ids.public_subnets[0], &acl).unwrap();
        seen.push(blocked(
            n,
            laptop.clone(),
            bastion.clone(),
            &ssh(),
            "SUBNET_ACL_RESTRICTION",
            &acl,
        ));
        n.put_acl_entry(
            &acl,
            AclEntry {
                rule_number: 100,
                egress: false,
                protocol: "6".into(),
                allow: true,
                cidr: any(),
                ports: Some((22, 22)),
            },
            false,
        )
        .unwrap();
        n.put_acl_entry(
            &acl,
            AclEntry {
                rule_number: 100,
                egress: true,
                protocol: "6".into(),
                allow: true,
                cidr: any(),
                ports: Some((443, 443)),
            },
            false,
        )
        .unwrap();
        seen.push(blocked(
            n,
            laptop.clone(),
            bastion.clone(),
            &ssh(),
            "SUBNET_ACL_RESTRICTION",
            &acl,
        ));
        // The request was admitted: the block is on the reply, which the explanation says.
        let reply = n.analyze(&laptop, &bastion, &ssh());
        assert!(reply.explanations[0].return_traffic);
        assert!(reply.explanations[0].en.contains("stateless"));
        n.put_acl_entry(
            &acl,
            AclEntry {
                rule_number: 110,
                egress: true,
                protocol: "6".into(),
                allow: true,
                cidr: any(),
                ports: Some((1024, 65535)),
            },
            false,
        )
        .unwrap();
        assert!(n.analyze(&laptop, &bastion, &ssh()).reachable);
        // A lower-numbered deny wins over a later allow.
        n.put_acl_entry(
            &acl,
            AclEntry {
                rule_number: 50,
                egress: false,
                protocol: "-1".into(),
                allow: false,
                cidr: "203.0.113.0/24".parse().unwrap(),
                ports: None,
            },
            false,
        )
        .unwrap();
        assert!(!n.analyze(&laptop, &bastion, &ssh()).reachable);

        // Another VPC without an internet gateway.
        let vpc2 = n.create_vpc("192.168.0.0/16").unwrap();
        let s2 = n
            .create_subnet(&vpc2, "192.168.1.0/24", Some("ap-northeast-2b"))
            .unwrap();
        let sg2 = n.create_security_group(&vpc2, "web", "web").unwrap();
        let far = launch(n, &s2, &sg2, Some(true));
        acct.advance(20_000);
        let n = net(&mut acct);
        seen.push(blocked(
            n,
            laptop.clone(),
            Endpoint::Instance(far.clone()),
            &ssh(),
            "IGW_NOT_ATTACHED",
            &vpc2,
        ));
        seen.push(blocked(
            n,
            app.clone(),
            Endpoint::Instance(far.clone()),
            &ssh(),
            "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS",
            &nat_i,
        ));
        // From a subnet whose route table has no default route, the other VPC is simply unroutable.
        let lonely = n.create_route_table(&ids.vpc).unwrap();
        let old_assoc = n
            .route_tables
            .iter()
            .flat_map(|t| &t.associations)
            .find(|a| a.subnet_id.as_deref() == Some(ids.private_subnets[1].as_str()))
            .unwrap()
            .id
            .clone();
        n.disassociate_route_table(&old_assoc).unwrap();
        n.associate_route_table(&lonely, &ids.private_subnets[1])
            .unwrap();
        let app2 = Endpoint::Instance(ids.private_instances[1].clone());
        seen.push(blocked(
            n,
            app2,
            Endpoint::Instance(far),
            &ssh(),
            "NO_ROUTE_TO_DESTINATION",
            &lonely,
        ));
        seen.push(blocked(
            n,
            laptop.clone(),
            Endpoint::Instance("i-404".into()),
            &ssh(),
            "UNKNOWN_DESTINATION",
            "i-404",
        ));

        // The broken repair challenge names the NAT gateway in a private subnet.
        let mut broken = AwsAccount::new(9);
        let (bids, faults) = build_broken_vpc(&mut broken).unwrap();
        let bn = broken.network("ap-northeast-2").unwrap();
        seen.push(blocked(
            bn,
            Endpoint::Instance(bids.private_instances[0].clone()),
            mirror.clone(),
            &https,
            "NAT_GATEWAY_IN_PRIVATE_SUBNET",
            &faults[0].component_id,
        ));

        seen.sort_shared();
        seen.dedup();
        let mut all: Vec<String> = EXPLANATION_CODES.iter().map(|s| s.0.to_string()).collect();
        all.sort_shared();
        assert_eq!(seen, all);
    }

    #[test]
    fn return_traffic_uses_first_match_on_an_ephemeral_port() {
        let (mut acct, ids) = world();
        let n = net(&mut acct);
        let laptop = Endpoint::Internet(LAPTOP_IP);
        let bastion = Endpoint::Instance(ids.bastion.clone());
        let acl = n.create_network_acl(&ids.vpc).unwrap();
        n.set_subnet_acl(&ids.public_subnets[0], &acl).unwrap();
        let entry = |n: u16, egress: bool, ports: Option<(u16, u16)>, allow: bool| AclEntry {
            rule_number: n,
            egress,
            protocol: "6".into(),
            allow,
            cidr: any(),
            ports,
        };
        n.put_acl_entry(&acl, entry(100, false, Some((22, 22)), true), false)
            .unwrap();
        // Only the Linux ephemeral range is open for replies: enough.
        n.put_acl_entry(&acl, entry(100, true, Some((32768, 65535)), true), false)
            .unwrap();
        assert!(n.analyze(&laptop, &bastion, &ssh()).reachable);
        // A lower-numbered deny over the probe port wins, whatever comes later.
        n.put_acl_entry(&acl, entry(90, true, Some((49152, 65535)), false), false)
            .unwrap();
        let a = n.analyze(&laptop, &bastion, &ssh());
        assert_eq!(a.explanations[0].code, "SUBNET_ACL_RESTRICTION");
        assert!(a.explanations[0].return_traffic);
    }

    #[test]
    fn broken_vpc_fails_checks_until_repaired() {
        let mut acct = AwsAccount::new(11);
        let (ids, faults) = build_broken_vpc(&mut acct).unwrap();
        assert_eq!(faults.len(), 3);
        let failed: Vec<String> = acct
            .week1_assignment()
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| c.id)
            .collect();
        assert_eq!(
            failed,
            [
                "nat",
                "bastion",
                "ssh-via-bastion",
                "private-egress-via-nat"
            ]
        );
        let n = acct.network_mut("ap-northeast-2");
        let bastion = Endpoint::Instance(ids.bastion.clone());
        let laptop = Endpoint::Internet(LAPTOP_IP);
        assert_eq!(
            n.analyze(&laptop, &bastion, &ssh()).explanations[0].code,
            "SUBNET_ACL_RESTRICTION"
        );
        // Repair: default ACL back on the public subnets, SSH on the bastion group, a NAT gateway in a public subnet.
        let default_acl = n
            .network_acls
            .iter()
            .find(|a| a.vpc_id == ids.vpc && a.is_default)
            .unwrap()
            .id
            .clone();
        for s in &ids.public_subnets {
            n.set_subnet_acl(s, &default_acl).unwrap();
        }
        assert_eq!(
            n.analyze(&laptop, &bastion, &ssh()).explanations[0].code,
            "ENI_SG_RULES_MISMATCH"
        );
        n.authorize(
            &ids.bastion_sg,
            false,
            vec![SgRule {
                id: String::new(),
                protocol: "tcp".into(),
                from_port: 22,
                to_port: 22,
                peer: Peer::Cidr(any()),
                description: None,
            }],
        )
        .unwrap();
        let eip = n.allocate_address();
        let nat = n
            .create_nat_gateway(&ids.public_subnets[0], Some(&eip), false)
            .unwrap();
        n.replace_route(&ids.private_rtb, "0.0.0.0/0", RouteTarget::NatGateway(nat))
            .unwrap();
        acct.advance(90_000);
        let failed: Vec<String> = acct
            .week1_assignment()
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| c.id)
            .collect();
        assert!(failed.is_empty(), "{failed:?}");
    }

    #[test]
    fn load_balancer_placeholder() {
        let (mut acct, ids) = world();
        let name = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
        let lb = acct.create_load_balancer(name, "classic", false, Some(&ids.vpc), &[80]);
        let rest = lb.dns_name.strip_prefix(&format!("{name}-")).unwrap();
        let (num, domain) = rest.split_once('.').unwrap();
        assert!(
            num.len() >= 9 && num.chars().all(|c| c.is_ascii_digit()),
            "{}",
            lb.dns_name
        );
        assert_eq!(domain, "ap-northeast-2.elb.amazonaws.com");
        assert_eq!(lb.subnets, ids.public_subnets);
        let nlb = acct.create_load_balancer("web", "network", true, Some(&ids.vpc), &[443]);
        assert!(
            nlb.dns_name.starts_with("internal-web-")
                && nlb.dns_name.ends_with(".elb.ap-northeast-2.amazonaws.com"),
            "{}",
            nlb.dns_name
        );
        assert_eq!(nlb.subnets, ids.private_subnets);
        let mut t = super::Transcript::new();
        t.acct = acct;
        let out = t.run("aws elbv2 describe-load-balancers --query 'LoadBalancers[].[LoadBalancerName,Type,Scheme,State.Code]' --output text");
        assert_eq!(
            out.lines().skip(1).collect::<Vec<_>>(),
            ["web\tnetwork\tinternal\tactive"]
        );
        let out = t.run("aws elb describe-load-balancers --query 'LoadBalancerDescriptions[].[LoadBalancerName,Scheme,ListenerDescriptions[0].Listener.LoadBalancerPort]' --output text");
        assert_eq!(
            out.lines().skip(1).collect::<Vec<_>>(),
            [format!("{name}\tinternet-facing\t80")]
        );
    }
}

#[test]
fn every_operation_spec_parses_every_flag_spelling() {
    use super::args::{Kind, parse_spec};
    use super::cli::{EC2_OPS, OTHER_OPS, parse_op};
    let specs = EC2_OPS
        .iter()
        .map(|o| ("ec2", o.0, o.2))
        .chain(OTHER_OPS.iter().map(|o| (o.0, o.1, o.3)));
    for (service, op, spec) in specs {
        let flags = parse_spec(spec);
        let sample = |k: Kind| match k {
            Kind::Struct | Kind::StructList => "Key=a,Value=b",
            _ => "7",
        };
        // All required flags together parse; each optional flag parses on top of them.
        let required: Vec<String> = flags
            .iter()
            .filter(|f| f.required)
            .flat_map(|f| [format!("--{}", f.name), sample(f.kind).to_owned()])
            .collect();
        assert!(
            parse_op(spec, service, &required).is_ok(),
            "{op}: required flags"
        );
        for f in flags.iter().filter(|f| !f.required) {
            let mut argv = required.clone();
            argv.push(format!("--{}", f.name));
            if !matches!(f.kind, Kind::Bool | Kind::BoolStruct) {
                argv.push(sample(f.kind).into());
            }
            let p = parse_op(spec, service, &argv)
                .unwrap_or_else(|e| panic!("{op} --{}: {e:?}", f.name));
            assert!(p.has(&f.name), "{op} --{}", f.name);
            if matches!(f.kind, Kind::Bool | Kind::BoolStruct) {
                let mut neg = required.clone();
                neg.push(format!("--no-{}", f.name));
                assert_eq!(
                    parse_op(spec, service, &neg).unwrap().bool(&f.name),
                    Some(false),
                    "{op} --no-{}",
                    f.name
                );
            }
        }
    }
}

#[test]
fn region_and_output_from_environment_and_config() {
    let mut t = Transcript::new();
    t.fs.mkdir("/home/student/.aws", true).unwrap();
    t.fs.write(
        "/home/student/.aws/config",
        "[default]\nregion = us-east-1\noutput = text\n",
    )
    .unwrap();
    let out = t.run(
        r#"
        aws ec2 describe-availability-zones --query 'AvailabilityZones[0].ZoneName'
        aws ec2 describe-availability-zones --region eu-west-1 --output json --query 'AvailabilityZones[0].ZoneName'
        "#,
    );
    t.env.insert("AWS_REGION".into(), "ap-northeast-1".into());
    let env_out = t.run("aws ec2 describe-availability-zones --query 'AvailabilityZones[].ZoneId'");
    expect![[r#"
        $ aws ec2 describe-availability-zones --query 'AvailabilityZones[0].ZoneName'
        us-east-1a
        $ aws ec2 describe-availability-zones --region eu-west-1 --output json --query 'AvailabilityZones[0].ZoneName'
        "eu-west-1a"
        $ aws ec2 describe-availability-zones --query 'AvailabilityZones[].ZoneId'
        apne1-az1	apne1-az2	apne1-az3
    "#]].assert_eq(&(out + &env_out));
}

#[test]
fn dry_run_does_not_change_state() {
    let mut t = Transcript::new();
    let out = t.run(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --dry-run
        aws ec2 create-subnet --vpc-id vpc-1 --cidr-block 10.0.1.0/24 --dry-run
        aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC --query 'length(Subnets)'
        "#,
    );
    expect![[r#"
        $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --dry-run

        An error occurred (DryRunOperation) when calling the CreateSubnet operation: Request would have succeeded, but DryRun flag is set.
        [exit 254]
        $ aws ec2 create-subnet --vpc-id vpc-1 --cidr-block 10.0.1.0/24 --dry-run

        An error occurred (InvalidVpcID.NotFound) when calling the CreateSubnet operation: The vpc ID 'vpc-1' does not exist
        [exit 254]
        $ aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC --query 'length(Subnets)'
        0
    "#]].assert_eq(&out);
}

#[test]
fn exports_of_the_week1_network() {
    let mut acct = AwsAccount::new(3);
    super::challenge::build_week1(&mut acct).unwrap();
    let cfn = acct.to_cloudformation();
    // The template is valid YAML with a resource for every piece.
    let doc: serde_json::Value =
        serde_yaml_ng::from_str(&cfn.replace("!Ref ", "").replace("!GetAtt ", "")).unwrap();
    let resources = doc["Resources"].as_object().unwrap();
    let count = |ty: &str| resources.values().filter(|r| r["Type"] == ty).count();
    assert_eq!(count("AWS::EC2::VPC"), 1);
    assert_eq!(count("AWS::EC2::Subnet"), 4);
    assert_eq!(count("AWS::EC2::NatGateway"), 1);
    assert_eq!(count("AWS::EC2::Instance"), 3);
    assert_eq!(count("AWS::EC2::SubnetRouteTableAssociation"), 4);
    expect![[r#"
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Network exported from Bastion
        Resources:
          Week1Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
              EnableDnsSupport: true
              EnableDnsHostnames: true
              Tags:
                - Key: Name
                  Value: week1-vpc
          PublicA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Week1Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: ap-northeast-2a
              MapPublicIpOnLaunch: true
              Tags:
                - Key: Name
                  Value: public-a
          PrivateA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Week1Vpc
              CidrBlock: 10.0.11.0/24
              AvailabilityZone: ap-northeast-2a
              MapPublicIpOnLaunch: false
              Tags:
                - Key: Name
                  Value: private-a
          PublicC:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Week1Vpc
              CidrBlock: 10.0.2.0/24
              AvailabilityZone: ap-northeast-2c
              MapPublicIpOnLaunch: true
              Tags:"#]]
    .assert_eq(&cfn.lines().take(40).collect::<Vec<_>>().join("\n"));
    let tf = acct.to_terraform();
    assert_eq!(tf.matches("resource \"aws_subnet\"").count(), 4);
    assert_eq!(tf.matches('{').count(), tf.matches('}').count());
    expect![[r#"
        provider "aws" {
          region = "ap-northeast-2"
        }

        resource "aws_vpc" "week1_vpc" {
          cidr_block           = "10.0.0.0/16"
          enable_dns_support   = true
          enable_dns_hostnames = true
          tags = {
            Name = "week1-vpc"
          }
        }

        resource "aws_subnet" "public_a" {
          vpc_id                  = aws_vpc.week1_vpc.id
          cidr_block              = "10.0.1.0/24"
          availability_zone       = "ap-northeast-2a"
          map_public_ip_on_launch = true
          tags = {
            Name = "public-a"
          }
        }

        resource "aws_subnet" "private_a" {
          vpc_id                  = aws_vpc.week1_vpc.id
          cidr_block              = "10.0.11.0/24"
          availability_zone       = "ap-northeast-2a"
          map_public_ip_on_launch = false
          tags = {
            Name = "private-a"
          }
        }

        resource "aws_subnet" "public_c" {
          vpc_id                  = aws_vpc.week1_vpc.id
          cidr_block              = "10.0.2.0/24"
          availability_zone       = "ap-northeast-2c"
          map_public_ip_on_launch = true
          tags = {
            Name = "public-c"
          }
        }

        resource "aws_subnet" "private_c" {
          vpc_id                  = aws_vpc.week1_vpc.id
          cidr_block              = "10.0.12.0/24"
          availability_zone       = "ap-northeast-2c"
          map_public_ip_on_launch = false
          tags = {
            Name = "private-c"
          }
        }

        resource "aws_internet_gateway" "week1_igw" {
          vpc_id = aws_vpc.week1_vpc.id
          tags = {
            Name = "week1-igw"
          }
        }
    "#]]
    .assert_eq(&tf.lines().take(60).collect::<Vec<_>>().join("\n"));
}
#[test]
fn table_output() {
    check(
        r#"
        aws sts get-caller-identity --output table
        aws ec2 create-vpc --cidr-block 10.0.0.0/16 --output table
        aws ec2 create-vpc --cidr-block 10.1.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=two}]' --query Vpc.VpcId
        aws ec2 describe-vpcs --output text
        "#,
        expect![[r#"
            $ aws sts get-caller-identity --output table
            --------------------------------------------------------------------------------------
            |                                 GetCallerIdentity                                  |
            +----------------+------------------------------------------+------------------------+
            |    Account     |                   Arn                    |         UserId         |
            +----------------+------------------------------------------+------------------------+
            |  123456789012  |  arn:aws:iam::123456789012:user/student  |  AIDAXSAMPLESTUDENT01  |
            +----------------+------------------------------------------+------------------------+
            $ aws ec2 create-vpc --cidr-block 10.0.0.0/16 --output table
            ---------------------------------------------------------------------------------------------------------------------------------------
            |                                                              CreateVpc                                                              |
            +-------------------------------------------------------------------------------------------------------------------------------------+
            ||                                                                Vpc                                                                ||
            |+---------------+--------------------------+-------------------+-------------+----------------+-----------+-------------------------+|
            ||   CidrBlock   |      DhcpOptionsId       |  InstanceTenancy  |  IsDefault  |    OwnerId     |   State   |          VpcId          ||
            |+---------------+--------------------------+-------------------+-------------+----------------+-----------+-------------------------+|
            ||  10.0.0.0/16  |  dopt-00ba1557b68b13bea  |  default          |  False      |  123456789012  |  pending  |  vpc-03aa37b138a3bc382  ||
            |+---------------+--------------------------+-------------------+-------------+----------------+-----------+-------------------------+|
            |||                                                     BlockPublicAccessStates                                                     |||
            ||+---------------------------------------------------------------------------------------------------------------------------------+||
            |||                                                    InternetGatewayBlockMode                                                     |||
            ||+---------------------------------------------------------------------------------------------------------------------------------+||
            |||  off                                                                                                                            |||
            ||+---------------------------------------------------------------------------------------------------------------------------------+||
            |||                                                     CidrBlockAssociationSet                                                     |||
            ||+---------------------------------------------------------------------------+-----------------------------------------------------+||
            |||                               AssociationId                               |                      CidrBlock                      |||
            ||+---------------------------------------------------------------------------+-----------------------------------------------------+||
            |||  vpc-cidr-assoc-067e9f1fad0fc23f9                                         |  10.0.0.0/16                                        |||
            ||+---------------------------------------------------------------------------+-----------------------------------------------------+||
            ||||                                                        CidrBlockState                                                         ||||
            |||+-------------------------------------------------------------------------------------------------------------------------------+|||
            ||||                                                             State                                                             ||||
            |||+-------------------------------------------------------------------------------------------------------------------------------+|||
            ||||  associated                                                                                                                   ||||
            |||+-------------------------------------------------------------------------------------------------------------------------------+|||
            $ aws ec2 create-vpc --cidr-block 10.1.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=two}]' --query Vpc.VpcId
            "vpc-0d9d75b1298244fcf"
            $ aws ec2 describe-vpcs --output text
            VPCS	172.31.0.0/16	dopt-0774e5cd47bdca14d	default	True	123456789012	available	vpc-0b9b113ab9e2b19cf
            BLOCKPUBLICACCESSSTATES	off
            CIDRBLOCKASSOCIATIONSET	vpc-cidr-assoc-0792b1927a8a48bf7	172.31.0.0/16
            CIDRBLOCKSTATE	associated
            VPCS	10.0.0.0/16	dopt-00ba1557b68b13bea	default	False	123456789012	available	vpc-03aa37b138a3bc382
            BLOCKPUBLICACCESSSTATES	off
            CIDRBLOCKASSOCIATIONSET	vpc-cidr-assoc-067e9f1fad0fc23f9	10.0.0.0/16
            CIDRBLOCKSTATE	associated
            VPCS	10.1.0.0/16	dopt-02fd0eb03f383f328	default	False	123456789012	available	vpc-0d9d75b1298244fcf
            BLOCKPUBLICACCESSSTATES	off
            CIDRBLOCKASSOCIATIONSET	vpc-cidr-assoc-0e721cbac4d5b35dd	10.1.0.0/16
            CIDRBLOCKSTATE	associated
            TAGS	Name	two
        "#]],
    );
}

#[test]
fn elastic_ips_rules_and_associations() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        SUB2=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone ap-northeast-2b --query Subnet.SubnetId --output text)
        IGW=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)
        aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
        I=$(aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $SUB --private-ip-address 10.0.1.10 --query 'Instances[0].InstanceId' --output text)
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --private-ip-address 10.0.1.10
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --private-ip-address 10.0.1.2
        ALLOC=$(aws ec2 allocate-address --query AllocationId --output text)
        aws ec2 associate-address --allocation-id $ALLOC --instance-id $I
        aws ec2 associate-address --allocation-id $ALLOC --instance-id $I
        aws ec2 describe-addresses --allocation-ids $ALLOC
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].[PublicIpAddress,PublicDnsName]'
        ASSOC=$(aws ec2 describe-addresses --filters Name=instance-id,Values=$I --query 'Addresses[0].AssociationId' --output text)
        aws ec2 disassociate-address --association-id $ASSOC
        aws ec2 disassociate-address --association-id $ASSOC
        aws ec2 release-address --allocation-id $ALLOC
        aws ec2 release-address --allocation-id $ALLOC
        SG=$(aws ec2 create-security-group --group-name app --description app --vpc-id $VPC --query GroupId --output text)
        aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/16"}]},{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'$SG'"}]}]' --query 'SecurityGroupRules[].[IpProtocol,FromPort,ToPort,CidrIpv4,ReferencedGroupInfo.GroupId]' --output text
        aws ec2 authorize-security-group-ingress --group-id $SG --protocol udp --port 1000-2000 --cidr 10.0.0.0/8 --query 'SecurityGroupRules[0].[FromPort,ToPort]' --output text
        aws ec2 authorize-security-group-egress --group-id $SG --protocol tcp --port 5432 --source-group $SG --query Return
        aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port abc --cidr 0.0.0.0/0
        aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 10.0.0.0/33
        aws ec2 describe-security-group-rules --filters Name=group-id,Values=$SG --query 'SecurityGroupRules[].[IsEgress,IpProtocol,FromPort,CidrIpv4]' --output text
        aws ec2 revoke-security-group-egress --group-id $SG --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}] --query 'RevokedSecurityGroupRules[].IpProtocol'
        RTB=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)
        MAIN=$(aws ec2 describe-route-tables --filters Name=vpc-id,Values=$VPC Name=association.main,Values=true --query 'RouteTables[0].Associations[0].RouteTableAssociationId' --output text)
        aws ec2 disassociate-route-table --association-id $MAIN
        aws ec2 replace-route-table-association --association-id $MAIN --route-table-id $RTB
        aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Associations[0].Main'
        aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --instance-id $I --query Return
        aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes[1]'
        aws ec2 terminate-instances --instance-ids $I --query 'TerminatingInstances[0].CurrentState.Name'
        aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes[1].State'
        aws ec2 create-tags --resources $SUB $SUB2 --tags Key=env,Value=dev
        aws ec2 delete-tags --resources $SUB --tags Key=env
        aws ec2 describe-subnets --filters Name=tag:env,Values=dev --query 'Subnets[].SubnetId==[`'$SUB2'`]'
        "#,
        expect![[r#"
            $ aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --private-ip-address 10.0.1.10

            An error occurred (InvalidIPAddress.InUse) when calling the RunInstances operation: Address 10.0.1.10 is in use
            [exit 254]
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --private-ip-address 10.0.1.2

            An error occurred (InvalidParameterValue) when calling the RunInstances operation: Address 10.0.1.2 does not fall within the subnet's address range
            [exit 254]
            $ aws ec2 associate-address --allocation-id $ALLOC --instance-id $I
            {
                "AssociationId": "eipassoc-0c986834ad5d82512"
            }
            $ aws ec2 associate-address --allocation-id $ALLOC --instance-id $I

            An error occurred (Resource.AlreadyAssociated) when calling the AssociateAddress operation: resource eipalloc-00e11f7d40e5b9596 is already associated with associate-id eipassoc-0c986834ad5d82512
            [exit 254]
            $ aws ec2 describe-addresses --allocation-ids $ALLOC
            {
                "Addresses": [
                    {
                        "AllocationId": "eipalloc-00e11f7d40e5b9596",
                        "AssociationId": "eipassoc-0c986834ad5d82512",
                        "Domain": "vpc",
                        "NetworkInterfaceId": "eni-08073293552f68f1a",
                        "NetworkInterfaceOwnerId": "123456789012",
                        "PrivateIpAddress": "10.0.1.10",
                        "PublicIpv4Pool": "amazon",
                        "NetworkBorderGroup": "ap-northeast-2",
                        "InstanceId": "i-01b479d6d417dc586",
                        "PublicIp": "3.35.206.220"
                    }
                ]
            }
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].[PublicIpAddress,PublicDnsName]'
            [
                "3.35.206.220",
                ""
            ]
            $ aws ec2 disassociate-address --association-id $ASSOC
            $ aws ec2 disassociate-address --association-id $ASSOC

            An error occurred (InvalidAssociationID.NotFound) when calling the DisassociateAddress operation: The association ID 'eipassoc-0c986834ad5d82512' does not exist
            [exit 254]
            $ aws ec2 release-address --allocation-id $ALLOC
            $ aws ec2 release-address --allocation-id $ALLOC

            An error occurred (InvalidAllocationID.NotFound) when calling the ReleaseAddress operation: The allocation ID 'eipalloc-00e11f7d40e5b9596' does not exist
            [exit 254]
            $ aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/16"}]},{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'$SG'"}]}]' --query 'SecurityGroupRules[].[IpProtocol,FromPort,ToPort,CidrIpv4,ReferencedGroupInfo.GroupId]' --output text
            tcp	443	443	10.0.0.0/16	None
            -1	-1	-1	None	sg-0fead9b1a55b81332
            $ aws ec2 authorize-security-group-ingress --group-id $SG --protocol udp --port 1000-2000 --cidr 10.0.0.0/8 --query 'SecurityGroupRules[0].[FromPort,ToPort]' --output text
            1000	2000
            $ aws ec2 authorize-security-group-egress --group-id $SG --protocol tcp --port 5432 --source-group $SG --query Return
            true
            $ aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port abc --cidr 0.0.0.0/0

            An error occurred (InvalidParameterValue) when calling the AuthorizeSecurityGroupIngress operation: Invalid value 'abc' for port
            [exit 254]
            $ aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 10.0.0.0/33

            An error occurred (InvalidParameterValue) when calling the AuthorizeSecurityGroupIngress operation: CIDR block 10.0.0.0/33 is malformed
            [exit 254]
            $ aws ec2 describe-security-group-rules --filters Name=group-id,Values=$SG --query 'SecurityGroupRules[].[IsEgress,IpProtocol,FromPort,CidrIpv4]' --output text
            False	tcp	443	10.0.0.0/16
            False	-1	-1	None
            False	udp	1000	10.0.0.0/8
            True	-1	-1	0.0.0.0/0
            True	tcp	5432	None
            $ aws ec2 revoke-security-group-egress --group-id $SG --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}] --query 'RevokedSecurityGroupRules[].IpProtocol'
            [
                "-1"
            ]
            $ aws ec2 disassociate-route-table --association-id $MAIN

            An error occurred (InvalidParameterValue) when calling the DisassociateRouteTable operation: cannot disassociate the main route table association rtbassoc-0fbb67b1a80ba1d8e
            [exit 254]
            $ aws ec2 replace-route-table-association --association-id $MAIN --route-table-id $RTB
            {
                "NewAssociationId": "rtbassoc-04b96cc7642364954",
                "AssociationState": {
                    "State": "associated"
                }
            }
            $ aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Associations[0].Main'
            true
            $ aws ec2 create-route --route-table-id $RTB --destination-cidr-block 0.0.0.0/0 --instance-id $I --query Return
            true
            $ aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes[1]'
            {
                "DestinationCidrBlock": "0.0.0.0/0",
                "InstanceId": "i-01b479d6d417dc586",
                "InstanceOwnerId": "123456789012",
                "NetworkInterfaceId": "eni-08073293552f68f1a",
                "Origin": "CreateRoute",
                "State": "active"
            }
            $ aws ec2 terminate-instances --instance-ids $I --query 'TerminatingInstances[0].CurrentState.Name'
            "shutting-down"
            $ aws ec2 describe-route-tables --route-table-ids $RTB --query 'RouteTables[0].Routes[1].State'
            "blackhole"
            $ aws ec2 create-tags --resources $SUB $SUB2 --tags Key=env,Value=dev
            $ aws ec2 delete-tags --resources $SUB --tags Key=env
            $ aws ec2 describe-subnets --filters Name=tag:env,Values=dev --query 'Subnets[].SubnetId==[`'$SUB2'`]'
            true
        "#]],
    );
}

#[test]
fn waiters_and_configure() {
    check(
        r#"
        aws configure list
        aws configure set region us-west-2
        aws configure set default.output table
        aws configure get region
        aws configure get aws_access_key_id
        aws configure get output --output json
        aws configure list
        aws configure set region ap-northeast-2
        aws ec2 describe-vpcs --profile dev
        aws configure set profile.dev.region eu-west-1
        aws ec2 describe-availability-zones --profile dev --query 'AvailabilityZones[0].ZoneName'
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        aws ec2 wait vpc-available --vpc-ids $VPC
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --query Subnet.SubnetId --output text)
        I=$(aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $SUB --query 'Instances[0].InstanceId' --output text)
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
        aws ec2 wait instance-running --instance-ids $I
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
        aws ec2 terminate-instances --instance-ids $I --query 'TerminatingInstances[0].CurrentState.Name' --output text
        aws ec2 wait instance-running --instance-ids $I
        aws ec2 wait instance-terminated --instance-ids $I
        aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
        aws ec2 wait nat-gateway-deleted --nat-gateway-ids nat-0123
        aws ec2 wait vpc-available --vpc-ids vpc-404
        aws ec2 wait nat-gateway-available --nat-gateway-ids nat-0123
        aws ec2 wait instance-stoped --instance-ids $I
        "#,
        expect![[r#"
            $ aws configure list
                  Name                    Value             Type    Location
                  ----                    -----             ----    --------
               profile                <not set>             None    None
            access_key     ****************MPLE         iam-role    
            secret_key     ****************MPLE         iam-role    
                region                <not set>             None    None
            $ aws configure set region us-west-2
            $ aws configure set default.output table
            $ aws configure get region
            us-west-2
            $ aws configure get aws_access_key_id
            [exit 1]
            $ aws configure get output --output json
            table
            $ aws configure list
                  Name                    Value             Type    Location
                  ----                    -----             ----    --------
               profile                <not set>             None    None
            access_key     ****************MPLE         iam-role    
            secret_key     ****************MPLE         iam-role    
                region                us-west-2      config-file    ~/.aws/config
            $ aws configure set region ap-northeast-2
            $ aws ec2 describe-vpcs --profile dev

            The config profile (dev) could not be found
            [exit 255]
            $ aws configure set profile.dev.region eu-west-1
            $ aws ec2 describe-availability-zones --profile dev --query 'AvailabilityZones[0].ZoneName'
            "eu-west-1a"
            $ aws ec2 wait vpc-available --vpc-ids $VPC
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
            pending
            $ aws ec2 wait instance-running --instance-ids $I
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
            running
            $ aws ec2 terminate-instances --instance-ids $I --query 'TerminatingInstances[0].CurrentState.Name' --output text
            shutting-down
            $ aws ec2 wait instance-running --instance-ids $I

            Waiter InstanceRunning failed: Waiter encountered a terminal failure state: For expression "Reservations[].Instances[].State.Name" we matched expected path: "shutting-down" at least once
            [exit 255]
            $ aws ec2 wait instance-terminated --instance-ids $I
            $ aws ec2 describe-instances --instance-ids $I --query 'Reservations[0].Instances[0].State.Name' --output text
            terminated
            $ aws ec2 wait nat-gateway-deleted --nat-gateway-ids nat-0123
            $ aws ec2 wait vpc-available --vpc-ids vpc-404

            Waiter VpcAvailable failed: An error occurred (InvalidVpcID.NotFound): The vpc ID 'vpc-404' does not exist
            [exit 255]
            $ aws ec2 wait nat-gateway-available --nat-gateway-ids nat-0123

            Waiter NatGatewayAvailable failed: Max attempts exceeded
            [exit 255]
            $ aws ec2 wait instance-stoped --instance-ids $I
            usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
            To see help text, you can run:

              aws help
              aws <command> help
              aws <command> <subcommand> help

            aws: error: argument subcommand: Invalid choice, valid choices are:

            instance-exists                          | instance-running                        
            instance-terminated                      | nat-gateway-available                   
            nat-gateway-deleted                      | subnet-available                        
            vpc-available                           
            [exit 252]
        "#]],
    );
}

#[test]
fn help_texts() {
    let mut t = Transcript::new();
    let top = t.run("aws help");
    assert!(
        top.contains("AVAILABLE SERVICES") && top.contains("o ec2"),
        "{top}"
    );
    let ec2 = t.run("aws ec2 help");
    assert!(
        ec2.contains("o create-vpc") && ec2.contains("o run-instances"),
        "{ec2}"
    );
    let op = t.run("aws ec2 create-subnet help");
    expect![[r#"
        $ aws ec2 create-subnet help
        CREATE-SUBNET()

        NAME
               create-subnet -

        SYNOPSIS
                    create-subnet
                  --vpc-id <value>
                  --cidr-block <value>
                  [--availability-zone <value>]
                  [--availability-zone-id <value>]
                  [--ipv6-cidr-block <value>]
                  [--tag-specifications <value>]
                  [--dry-run | --no-dry-run]
    "#]]
    .assert_eq(&op);
}

mod robustness {
    use super::Transcript;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "ec2",
        "sts",
        "ssm",
        "elbv2",
        "configure",
        "wait",
        "help",
        "--region",
        "ap-northeast-2",
        "xx-1",
        "--output",
        "text",
        "table",
        "yaml",
        "--query",
        "Vpcs[0]",
        "[",
        "--dry-run",
        "--no-dry-run",
        "create-vpc",
        "describe-vpcs",
        "create-subnet",
        "run-instances",
        "create-route",
        "authorize-security-group-ingress",
        "create-network-acl-entry",
        "--cidr-block",
        "10.0.0.0/16",
        "10.0.1.0/24",
        "0.0.0.0/0",
        "300.1.1.1/8",
        "--vpc-id",
        "$VPC",
        "--subnet-id",
        "$SUB",
        "--group-id",
        "$SG",
        "--protocol",
        "tcp",
        "-1",
        "--port",
        "22",
        "1-2",
        "x",
        "--filters",
        "Name=vpc-id,Values=$VPC",
        "Name=",
        "--ip-permissions",
        "IpProtocol=tcp,FromPort=a",
        "[{",
        "--tag-specifications",
        "ResourceType=vpc,Tags=[{Key=Name,Value=a}]",
        "--image-id",
        "ami-0c9c942bd7bf113a2",
        "--count",
        "0",
        "3",
        "--rule-number",
        "70000",
        "--rule-action",
        "allow",
        "--port-range",
        "From=9,To=1",
        "--egress",
        "--network-acl-id",
        "$ACL",
        "--route-table-id",
        "$RTB",
        "--gateway-id",
        "--instance-id",
        "i-1",
        "--destination-cidr-block",
        "file://nope",
        "--enable-dns-hostnames",
        "Value=maybe",
        "create-network-insights-path",
        "--source",
        "--destination",
        "start-network-insights-analysis",
        "--network-insights-path-id",
        "nip-1",
        "describe-network-insights-analyses",
        "instance-running",
        "--instance-ids",
        "set",
        "get",
        "list",
        "region",
        "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn random_command_lines_never_panic(lines in proptest::collection::vec((0..super::super::cli::EC2_OPS.len() + 4, proptest::collection::vec(0..WORDS.len(), 0..9)), 1..8)) {
            let mut t = Transcript::new();
            t.run(
                "VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
                 SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --query Subnet.SubnetId --output text)
                 SG=$(aws ec2 create-security-group --vpc-id $VPC --group-name g --description d --query GroupId --output text)
                 ACL=$(aws ec2 create-network-acl --vpc-id $VPC --query NetworkAcl.NetworkAclId --output text)
                 RTB=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)",
            );
            for (op, line) in lines {
                let mut words = vec!["aws".to_owned()];
                if let Some(o) = super::super::cli::EC2_OPS.get(op) {
                    words.extend(["ec2".to_owned(), o.0.to_owned()]);
                }
                words.extend(line.iter().map(|&i| t.words(WORDS[i]).into_iter().next().unwrap_or_default()));
                let out = t.exec(&words);
                prop_assert!(out.code == 0 || !out.stderr.is_empty() || out.code == 1, "{words:?} -> {out:?}");
            }
            // The account still serialises and round-trips.
            let json = serde_json::to_string(&t.acct).unwrap();
            let back: super::super::AwsAccount = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, t.acct.clone());
        }
    }
}

#[test]
fn eks_cluster_node_group_and_kubeconfig() {
    let mut t = Transcript::new();
    t.run(WEEK1_SCRIPT);
    let out = t.run(
        r#"
        aws eks create-cluster --name demo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA,$PRIC --query 'cluster.[status,resourcesVpcConfig.vpcId==`'$VPC'`]'
        aws eks create-cluster --name demo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA,$PRIC
        aws eks create-cluster --name solo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA
        aws eks create-cluster --name x
        aws eks update-kubeconfig --name demo
        aws eks create-nodegroup --cluster-name demo --nodegroup-name ng --subnets $PRIA $PRIC --node-role arn:aws:iam::123456789012:role/eksNodeRole
        sleep 600
        aws eks describe-cluster --name demo --query 'cluster.[status,version,platformVersion]' --output text
        aws eks create-nodegroup --cluster-name demo --nodegroup-name ng --subnets $PRIA $PRIC --node-role arn:aws:iam::123456789012:role/eksNodeRole --scaling-config minSize=1,maxSize=3,desiredSize=2 --instance-types t3.medium --query 'nodegroup.[status,scalingConfig.desiredSize,instanceTypes[0]]' --output text
        aws ec2 describe-instances --filters Name=tag:eks:nodegroup-name,Values=ng --query 'Reservations[].Instances[].[InstanceType,State.Name]' --output text
        aws eks list-nodegroups --cluster-name demo
        aws eks update-kubeconfig --name demo
        aws eks update-kubeconfig --name demo
        aws eks delete-cluster --name demo
        aws eks delete-nodegroup --cluster-name demo --nodegroup-name ng --query nodegroup.status
        aws eks describe-nodegroup --cluster-name demo --nodegroup-name nope
        aws eks describe-cluster --name nope
        aws eks list-clusters
        aws eks get-token --cluster-name demo --query 'status.token' --output text
        "#,
    );
    let kubeconfig = t.fs.read("/home/student/.kube/config").unwrap().to_owned();
    expect![[r#"
        $ aws eks create-cluster --name demo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA,$PRIC --query 'cluster.[status,resourcesVpcConfig.vpcId==`'$VPC'`]'
        [
            "CREATING",
            true
        ]
        $ aws eks create-cluster --name demo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA,$PRIC

        An error occurred (ResourceInUseException) when calling the CreateCluster operation: Cluster already exists with name: demo
        [exit 254]
        $ aws eks create-cluster --name solo --role-arn arn:aws:iam::123456789012:role/eksClusterRole --resources-vpc-config subnetIds=$PRIA

        An error occurred (InvalidParameterException) when calling the CreateCluster operation: Subnets specified must be in at least two different AZs
        [exit 254]
        $ aws eks create-cluster --name x
        usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
        To see help text, you can run:

          aws help
          aws <command> help
          aws <command> <subcommand> help

        aws: error: the following arguments are required: --role-arn, --resources-vpc-config
        [exit 252]
        $ aws eks update-kubeconfig --name demo

        Cluster status is CREATING
        [exit 255]
        $ aws eks create-nodegroup --cluster-name demo --nodegroup-name ng --subnets $PRIA $PRIC --node-role arn:aws:iam::123456789012:role/eksNodeRole

        An error occurred (ResourceInUseException) when calling the CreateNodegroup operation: Cluster 'demo' is not in ACTIVE status
        [exit 254]
        $ sleep 600
        $ aws eks describe-cluster --name demo --query 'cluster.[status,version,platformVersion]' --output text
        ACTIVE	1.31	eks.12
        $ aws eks create-nodegroup --cluster-name demo --nodegroup-name ng --subnets $PRIA $PRIC --node-role arn:aws:iam::123456789012:role/eksNodeRole --scaling-config minSize=1,maxSize=3,desiredSize=2 --instance-types t3.medium --query 'nodegroup.[status,scalingConfig.desiredSize,instanceTypes[0]]' --output text
        CREATING	2	t3.medium
        $ aws ec2 describe-instances --filters Name=tag:eks:nodegroup-name,Values=ng --query 'Reservations[].Instances[].[InstanceType,State.Name]' --output text
        t3.medium	pending
        t3.medium	pending
        $ aws eks list-nodegroups --cluster-name demo
        {
            "nodegroups": [
                "ng"
            ]
        }
        $ aws eks update-kubeconfig --name demo
        Added new context arn:aws:eks:ap-northeast-2:123456789012:cluster/demo to /home/student/.kube/config
        $ aws eks update-kubeconfig --name demo
        Updated context arn:aws:eks:ap-northeast-2:123456789012:cluster/demo in /home/student/.kube/config
        $ aws eks delete-cluster --name demo

        An error occurred (ResourceInUseException) when calling the DeleteCluster operation: Cluster has nodegroups attached
        [exit 254]
        $ aws eks delete-nodegroup --cluster-name demo --nodegroup-name ng --query nodegroup.status
        "DELETING"
        $ aws eks describe-nodegroup --cluster-name demo --nodegroup-name nope

        An error occurred (ResourceNotFoundException) when calling the DescribeNodegroup operation: No node group found for name: nope.
        [exit 254]
        $ aws eks describe-cluster --name nope

        An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: nope.
        [exit 254]
        $ aws eks list-clusters
        {
            "clusters": [
                "demo"
            ]
        }
        $ aws eks get-token --cluster-name demo --query 'status.token' --output text
        k8s-aws-v1.aHR0cHM6Ly9zdHMuYXAtbm9ydGhlYXN0LTIuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5JlZlcnNpb249MjAxMS0wNi0xNSZYLUFtei1DcmVkZW50aWFsPUFLSUFJT1NGT0ROTjdFWEFNUExFJngtazhzLWF3cy1pZD1kZW1v
        --- ~/.kube/config
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
            server: https://048F5A939DA2A20860637C5FCD0C9B1E.gr7.ap-northeast-2.eks.amazonaws.com
          name: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
        contexts:
        - context:
            cluster: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
            user: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
          name: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
        current-context: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
        kind: Config
        preferences: {}
        users:
        - name: arn:aws:eks:ap-northeast-2:123456789012:cluster/demo
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              args:
              - --region
              - ap-northeast-2
              - eks
              - get-token
              - --cluster-name
              - demo
              - --output
              - json
              command: aws
    "#]].assert_eq(&(out + "--- ~/.kube/config\n" + &kubeconfig));
    // The cluster and its nodes show up on the cost meter.
    let lines = t.acct.cost_lines();
    assert!(lines.iter().any(|l| l.item == "EKS cluster hours"));
}

#[test]
fn default_vpc_of_a_new_account() {
    check(
        r#"
        aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[].[CidrBlock,IsDefault]' --output text
        aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[].[AvailabilityZone,CidrBlock,MapPublicIpOnLaunch,AvailableIpAddressCount]' --output text
        aws ec2 describe-route-tables --filters Name=association.main,Values=true --query 'RouteTables[0].Routes[].[DestinationCidrBlock,State]' --output text
        aws ec2 create-security-group --group-name web --description web --query 'GroupId!=null'
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t2.micro --query 'Instances[0].[SubnetId!=null,PublicIpAddress!=null,PublicDnsName!=``]' --output text
        aws ec2 describe-vpcs --region us-west-1 --query 'Vpcs[0].CidrBlock'
        "#,
        expect![[r#"
            $ aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[].[CidrBlock,IsDefault]' --output text
            172.31.0.0/16	True
            $ aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[].[AvailabilityZone,CidrBlock,MapPublicIpOnLaunch,AvailableIpAddressCount]' --output text
            ap-northeast-2a	172.31.0.0/20	True	4091
            ap-northeast-2b	172.31.16.0/20	True	4091
            ap-northeast-2c	172.31.32.0/20	True	4091
            ap-northeast-2d	172.31.48.0/20	True	4091
            $ aws ec2 describe-route-tables --filters Name=association.main,Values=true --query 'RouteTables[0].Routes[].[DestinationCidrBlock,State]' --output text
            172.31.0.0/16	active
            0.0.0.0/0	active
            $ aws ec2 create-security-group --group-name web --description web --query 'GroupId!=null'
            true
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t2.micro --query 'Instances[0].[SubnetId!=null,PublicIpAddress!=null,PublicDnsName!=``]' --output text
            True	True	True
            $ aws ec2 describe-vpcs --region us-west-1 --query 'Vpcs[0].CidrBlock'
            "172.31.0.0/16"
        "#]],
    );
    let mut blank = AwsAccount::without_default_vpcs(1);
    assert!(blank.seoul().vpcs.is_empty());
}

#[test]
fn more_rules_and_errors() {
    check(
        r#"
        VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
        SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --count 12
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --count 11 --query 'length(Instances)'
        aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
        aws ec2 delete-subnet --subnet-id $SUB
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.1.0.0/16 --query CidrBlockAssociation.CidrBlock
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.2.0.0/16 --query CidrBlockAssociation.CidrBlock
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.3.0.0/16 --query CidrBlockAssociation.CidrBlock
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.4.0.0/16 --query CidrBlockAssociation.CidrBlock
        aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.5.0.0/16
        aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.3.1.0/24 --availability-zone ap-northeast-2b --query Subnet.CidrBlock
        A=$(aws ec2 create-security-group --group-name a --description a --vpc-id $VPC --query GroupId --output text)
        B=$(aws ec2 create-security-group --group-name b --description b --vpc-id $VPC --query GroupId --output text)
        aws ec2 authorize-security-group-ingress --group-id $B --protocol tcp --port 5432 --source-group $A --query Return
        aws ec2 delete-security-group --group-id $A
        aws ec2 delete-security-group --group-name b --query Return
        aws ec2 delete-security-group --group-name zzz
        aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute enableDnsSupport
        aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute bogus
        ACL=$(aws ec2 create-network-acl --vpc-id $VPC --query NetworkAcl.NetworkAclId --output text)
        aws ec2 replace-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol udp --port-range From=53,To=53 --cidr-block 10.0.0.0/16 --rule-action allow
        aws ec2 replace-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action deny
        aws ec2 describe-network-acls --network-acl-ids $ACL --query 'NetworkAcls[0].Entries[?RuleNumber==`100`]'
        aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 32767
        aws ec2 create-key-pair --key-name k2 --key-type ed25519 --query 'KeyFingerprint!=null'
        aws ec2 describe-key-pairs --query 'KeyPairs[].[KeyName,KeyType]' --output text
        aws ec2 delete-key-pair --key-name k2 --query Return
        aws ec2 delete-key-pair --key-name k2 --query Return
        aws ec2 describe-key-pairs
        "#,
        expect![[r#"
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --count 12

            An error occurred (InsufficientFreeAddressesInSubnet) when calling the RunInstances operation: There are not enough free addresses in subnet 'subnet-0d9d75b1298244fcf' to satisfy the requested number of instances.
            [exit 254]
            $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --subnet-id $SUB --count 11 --query 'length(Instances)'
            11
            $ aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
            0
            $ aws ec2 delete-subnet --subnet-id $SUB

            An error occurred (DependencyViolation) when calling the DeleteSubnet operation: The subnet 'subnet-0d9d75b1298244fcf' has dependencies and cannot be deleted.
            [exit 254]
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.1.0.0/16 --query CidrBlockAssociation.CidrBlock
            "10.1.0.0/16"
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.2.0.0/16 --query CidrBlockAssociation.CidrBlock
            "10.2.0.0/16"
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.3.0.0/16 --query CidrBlockAssociation.CidrBlock
            "10.3.0.0/16"
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.4.0.0/16 --query CidrBlockAssociation.CidrBlock
            "10.4.0.0/16"
            $ aws ec2 associate-vpc-cidr-block --vpc-id $VPC --cidr-block 10.5.0.0/16

            An error occurred (CidrLimitExceeded) when calling the AssociateVpcCidrBlock operation: This network 'vpc-03aa37b138a3bc382' has met its maximum number of allowed CIDRs: 5
            [exit 254]
            $ aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.3.1.0/24 --availability-zone ap-northeast-2b --query Subnet.CidrBlock
            "10.3.1.0/24"
            $ aws ec2 authorize-security-group-ingress --group-id $B --protocol tcp --port 5432 --source-group $A --query Return
            true
            $ aws ec2 delete-security-group --group-id $A

            An error occurred (DependencyViolation) when calling the DeleteSecurityGroup operation: resource sg-06e84b0bccb49884c has a dependent object
            [exit 254]
            $ aws ec2 delete-security-group --group-name b --query Return

            An error occurred (InvalidGroup.NotFound) when calling the DeleteSecurityGroup operation: The security group 'b' does not exist in default VPC 'vpc-0b9b113ab9e2b19cf'
            [exit 254]
            $ aws ec2 delete-security-group --group-name zzz

            An error occurred (InvalidGroup.NotFound) when calling the DeleteSecurityGroup operation: The security group 'zzz' does not exist in default VPC 'vpc-0b9b113ab9e2b19cf'
            [exit 254]
            $ aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute enableDnsSupport
            {
                "EnableDnsSupport": {
                    "Value": true
                },
                "VpcId": "vpc-03aa37b138a3bc382"
            }
            $ aws ec2 describe-vpc-attribute --vpc-id $VPC --attribute bogus

            An error occurred (InvalidParameterValue) when calling the DescribeVpcAttribute operation: Value (bogus) for parameter attribute is invalid. Attribute is not valid.
            [exit 254]
            $ aws ec2 replace-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action allow

            An error occurred (InvalidNetworkAclEntry.NotFound) when calling the ReplaceNetworkAclEntry operation: The network acl entry identified by 100 (ingress) does not exist in acl-0b910d091bfe4cba3.
            [exit 254]
            $ aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol udp --port-range From=53,To=53 --cidr-block 10.0.0.0/16 --rule-action allow
            $ aws ec2 replace-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol -1 --cidr-block 0.0.0.0/0 --rule-action deny
            $ aws ec2 describe-network-acls --network-acl-ids $ACL --query 'NetworkAcls[0].Entries[?RuleNumber==`100`]'
            [
                {
                    "CidrBlock": "0.0.0.0/0",
                    "Egress": false,
                    "Protocol": "-1",
                    "RuleAction": "deny",
                    "RuleNumber": 100
                }
            ]
            $ aws ec2 delete-network-acl-entry --network-acl-id $ACL --ingress --rule-number 32767

            An error occurred (InvalidNetworkAclEntry.NotFound) when calling the DeleteNetworkAclEntry operation: The network acl entry identified by 32767 (ingress) does not exist in acl-0b910d091bfe4cba3.
            [exit 254]
            $ aws ec2 create-key-pair --key-name k2 --key-type ed25519 --query 'KeyFingerprint!=null'
            true
            $ aws ec2 describe-key-pairs --query 'KeyPairs[].[KeyName,KeyType]' --output text
            k2	ed25519
            $ aws ec2 delete-key-pair --key-name k2 --query Return
            true
            $ aws ec2 delete-key-pair --key-name k2 --query Return
            true
            $ aws ec2 describe-key-pairs
            {
                "KeyPairs": []
            }
        "#]],
    );
}

/// The main error of every VPC builder command whose other goldens show only its normal output: unknown IDs on
/// describe and create calls, the replace and delete calls that find nothing to change, and unknown zones.
#[test]
fn main_error_of_every_vpc_builder_command() {
    let mut t = Transcript::new();
    t.run(WEEK1_SCRIPT);
    let out = t.run(
        r#"
        aws ec2 describe-availability-zones --zone-names ap-northeast-2z
        aws ec2 describe-availability-zones --zone-names ap-northeast-2a --query 'AvailabilityZones[].[ZoneName,State,ZoneType]' --output text
        aws ec2 describe-internet-gateways --internet-gateway-ids igw-0123456789abcdef0
        aws ec2 create-internet-gateway --query 'InternetGateway.Attachments'
        aws ec2 create-nat-gateway --subnet-id $PUBA --allocation-id eipalloc-0123456789abcdef0
        aws ec2 create-nat-gateway --subnet-id subnet-0123456789abcdef0 --allocation-id $EIP
        aws ec2 delete-nat-gateway --nat-gateway-id nat-0123456789abcdef0
        aws ec2 allocate-address --domain vpc --query '[Domain,PublicIpv4Pool]' --output text
        aws ec2 create-route-table --vpc-id vpc-0123456789abcdef0
        aws ec2 describe-route-tables --route-table-ids rtb-0123456789abcdef0
        aws ec2 replace-route --route-table-id $PUBRT --destination-cidr-block 10.9.0.0/16 --gateway-id $IGW
        aws ec2 replace-route --route-table-id $PUBRT --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0123456789abcdef0
        aws ec2 associate-route-table --route-table-id rtb-0123456789abcdef0 --subnet-id $PUBA
        aws ec2 disassociate-route-table --association-id rtbassoc-0123456789abcdef0
        aws ec2 describe-security-groups --group-ids sg-0123456789abcdef0
        aws ec2 authorize-security-group-egress --group-id $BSG --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
        aws ec2 revoke-security-group-egress --group-id $BSG --ip-permissions 'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=10.0.0.0/16}]'
        aws ec2 create-network-acl --vpc-id vpc-0123456789abcdef0
        aws ec2 replace-network-acl-association --association-id aclassoc-0123456789abcdef0 --network-acl-id acl-0123456789abcdef0
        aws ec2 create-network-acl-entry --network-acl-id acl-0123456789abcdef0 --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow
        aws ec2 describe-instances --instance-ids i-0123456789abcdef0
        aws ec2 describe-instances --filters Name=instance-state-name,Values=running Name=subnet-id,Values=$PUBA --query 'Reservations[].Instances[].[InstanceId,SourceDestCheck]' --output text
        aws ec2 modify-instance-attribute --instance-id i-0123456789abcdef0 --no-source-dest-check
        aws ec2 modify-instance-attribute --instance-id $BASTION --no-source-dest-check
        aws ec2 describe-instances --instance-ids $BASTION --query 'Reservations[0].Instances[0].SourceDestCheck'
        aws ec2 terminate-instances --instance-ids i-0123456789abcdef0
        aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $PRIA --associate-public-ip-address --query 'Instances[0].[PublicIpAddress==null,NetworkInterfaces[0].Association==null]' --output text
        P=$(aws ec2 create-network-insights-path --source $IGW --destination $BASTION --protocol tcp --destination-port 22 --query NetworkInsightsPath.NetworkInsightsPathId --output text)
        aws ec2 delete-network-insights-path --network-insights-path-id $P
        aws ec2 delete-network-insights-path --network-insights-path-id $P
        aws ec2 describe-network-insights-paths --query 'length(NetworkInsightsPaths)'
        aws ec2 delete-vpc --vpc-id $VPC
        aws sts get-caller-identity --query Arn --output text
        "#,
    );
    expect![[r#"
        $ aws ec2 describe-availability-zones --zone-names ap-northeast-2z

        An error occurred (InvalidParameterValue) when calling the DescribeAvailabilityZones operation: The zone 'ap-northeast-2z' does not exist.
        [exit 254]
        $ aws ec2 describe-availability-zones --zone-names ap-northeast-2a --query 'AvailabilityZones[].[ZoneName,State,ZoneType]' --output text
        ap-northeast-2a	available	availability-zone
        $ aws ec2 describe-internet-gateways --internet-gateway-ids igw-0123456789abcdef0

        An error occurred (InvalidInternetGatewayID.NotFound) when calling the DescribeInternetGateways operation: The internetGateway ID 'igw-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 create-internet-gateway --query 'InternetGateway.Attachments'
        []
        $ aws ec2 create-nat-gateway --subnet-id $PUBA --allocation-id eipalloc-0123456789abcdef0

        An error occurred (InvalidAllocationID.NotFound) when calling the CreateNatGateway operation: The allocation ID 'eipalloc-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 create-nat-gateway --subnet-id subnet-0123456789abcdef0 --allocation-id $EIP

        An error occurred (InvalidSubnetID.NotFound) when calling the CreateNatGateway operation: The subnet ID 'subnet-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 delete-nat-gateway --nat-gateway-id nat-0123456789abcdef0

        An error occurred (NatGatewayNotFound) when calling the DeleteNatGateway operation: The Nat Gateway nat-0123456789abcdef0 was not found
        [exit 254]
        $ aws ec2 allocate-address --domain vpc --query '[Domain,PublicIpv4Pool]' --output text
        vpc	amazon
        $ aws ec2 create-route-table --vpc-id vpc-0123456789abcdef0

        An error occurred (InvalidVpcID.NotFound) when calling the CreateRouteTable operation: The vpc ID 'vpc-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 describe-route-tables --route-table-ids rtb-0123456789abcdef0

        An error occurred (InvalidRouteTableID.NotFound) when calling the DescribeRouteTables operation: The routeTable ID 'rtb-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 replace-route --route-table-id $PUBRT --destination-cidr-block 10.9.0.0/16 --gateway-id $IGW

        An error occurred (InvalidParameterValue) when calling the ReplaceRoute operation: There is no route defined for '10.9.0.0/16' in the route table. Use CreateRoute instead.
        [exit 254]
        $ aws ec2 replace-route --route-table-id $PUBRT --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0123456789abcdef0

        An error occurred (InvalidInternetGatewayID.NotFound) when calling the ReplaceRoute operation: The internetGateway ID 'igw-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 associate-route-table --route-table-id rtb-0123456789abcdef0 --subnet-id $PUBA

        An error occurred (InvalidRouteTableID.NotFound) when calling the AssociateRouteTable operation: The routeTable ID 'rtb-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 disassociate-route-table --association-id rtbassoc-0123456789abcdef0

        An error occurred (InvalidAssociationID.NotFound) when calling the DisassociateRouteTable operation: The association ID 'rtbassoc-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 describe-security-groups --group-ids sg-0123456789abcdef0

        An error occurred (InvalidGroup.NotFound) when calling the DescribeSecurityGroups operation: The security group 'sg-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 authorize-security-group-egress --group-id $BSG --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'

        An error occurred (InvalidPermission.Duplicate) when calling the AuthorizeSecurityGroupEgress operation: the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists
        [exit 254]
        $ aws ec2 revoke-security-group-egress --group-id $BSG --ip-permissions 'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=10.0.0.0/16}]'

        An error occurred (InvalidPermission.NotFound) when calling the RevokeSecurityGroupEgress operation: The specified rule does not exist in this security group.
        [exit 254]
        $ aws ec2 create-network-acl --vpc-id vpc-0123456789abcdef0

        An error occurred (InvalidVpcID.NotFound) when calling the CreateNetworkAcl operation: The vpc ID 'vpc-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 replace-network-acl-association --association-id aclassoc-0123456789abcdef0 --network-acl-id acl-0123456789abcdef0

        An error occurred (InvalidNetworkAclID.NotFound) when calling the ReplaceNetworkAclAssociation operation: The networkAcl ID 'acl-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 create-network-acl-entry --network-acl-id acl-0123456789abcdef0 --ingress --rule-number 100 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow

        An error occurred (InvalidNetworkAclID.NotFound) when calling the CreateNetworkAclEntry operation: The networkAcl ID 'acl-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 describe-instances --instance-ids i-0123456789abcdef0

        An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 describe-instances --filters Name=instance-state-name,Values=running Name=subnet-id,Values=$PUBA --query 'Reservations[].Instances[].[InstanceId,SourceDestCheck]' --output text
        i-01f0f17856ef22028	True
        $ aws ec2 modify-instance-attribute --instance-id i-0123456789abcdef0 --no-source-dest-check

        An error occurred (InvalidInstanceID.NotFound) when calling the ModifyInstanceAttribute operation: The instance ID 'i-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 modify-instance-attribute --instance-id $BASTION --no-source-dest-check
        $ aws ec2 describe-instances --instance-ids $BASTION --query 'Reservations[0].Instances[0].SourceDestCheck'
        false
        $ aws ec2 terminate-instances --instance-ids i-0123456789abcdef0

        An error occurred (InvalidInstanceID.NotFound) when calling the TerminateInstances operation: The instance ID 'i-0123456789abcdef0' does not exist
        [exit 254]
        $ aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $PRIA --associate-public-ip-address --query 'Instances[0].[PublicIpAddress==null,NetworkInterfaces[0].Association==null]' --output text
        False	False
        $ aws ec2 delete-network-insights-path --network-insights-path-id $P
        {
            "NetworkInsightsPathId": "nip-0c4c7d919d1bf4059"
        }
        $ aws ec2 delete-network-insights-path --network-insights-path-id $P

        An error occurred (InvalidNetworkInsightsPathId.NotFound) when calling the DeleteNetworkInsightsPath operation: The NetworkInsightsPath ID 'nip-0c4c7d919d1bf4059' does not exist
        [exit 254]
        $ aws ec2 describe-network-insights-paths --query 'length(NetworkInsightsPaths)'
        0
        $ aws ec2 delete-vpc --vpc-id $VPC

        An error occurred (DependencyViolation) when calling the DeleteVpc operation: The vpc 'vpc-00ba1557b68b13bea' has dependencies and cannot be deleted.
        [exit 254]
        $ aws sts get-caller-identity --query Arn --output text
        arn:aws:iam::123456789012:user/student
    "#]].assert_eq(&out);
}
