//! The AWS managed policies the course uses, with documents in the shape of the real ones (abbreviated action lists
//! where the real policy lists hundreds of services).

/// One AWS managed policy: name, path, description and default-version document.
pub struct ManagedDef {
    /// The policy name, such as `AdministratorAccess`.
    pub name: &'static str,
    /// Its path (`/` or `/job-function/`, `/service-role/`).
    pub path: &'static str,
    /// Its description.
    pub description: &'static str,
    /// Its default version id.
    pub version: &'static str,
    /// The document of its default version.
    pub document: &'static str,
}

impl ManagedDef {
    /// `arn:aws:iam::aws:policy{path}{name}`.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::aws:policy{}{}", self.path, self.name)
    }
}

/// The catalog, sorted by name.
pub const MANAGED: &[ManagedDef] = &[
    ManagedDef {
        name: "AdministratorAccess",
        path: "/",
        description: "Provides full access to AWS services and resources.",
        version: "v1",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AmazonEC2FullAccess",
        path: "/",
        description: "Provides full access to Amazon EC2 via the AWS Management Console.",
        version: "v5",
        document: r#"{"Version":"2012-10-17","Statement":[{"Action":"ec2:*","Effect":"Allow","Resource":"*"},{"Effect":"Allow","Action":"elasticloadbalancing:*","Resource":"*"},{"Effect":"Allow","Action":"cloudwatch:*","Resource":"*"},{"Effect":"Allow","Action":"autoscaling:*","Resource":"*"},{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":["autoscaling.amazonaws.com","ec2scheduled.amazonaws.com","elasticloadbalancing.amazonaws.com","spot.amazonaws.com","spotfleet.amazonaws.com","transitgateway.amazonaws.com"]}}}]}"#,
    },
    ManagedDef {
        name: "AmazonEC2ReadOnlyAccess",
        path: "/",
        description: "Provides read only access to Amazon EC2 via the AWS Management Console.",
        version: "v3",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},{"Effect":"Allow","Action":"elasticloadbalancing:Describe*","Resource":"*"},{"Effect":"Allow","Action":["cloudwatch:ListMetrics","cloudwatch:GetMetricStatistics","cloudwatch:Describe*"],"Resource":"*"},{"Effect":"Allow","Action":"autoscaling:Describe*","Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AmazonS3ReadOnlyAccess",
        path: "/",
        description: "Provides read only access to all buckets via the AWS Management Console.",
        version: "v3",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AmazonSSMFullAccess",
        path: "/",
        description: "Provides full access to Amazon SSM.",
        version: "v5",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudwatch:PutMetricData","ds:CreateComputer","ds:DescribeDirectories","ec2:DescribeInstanceStatus","logs:*","ssm:*","ec2messages:*"],"Resource":"*"},{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::*:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM*","Condition":{"StringLike":{"iam:AWSServiceName":"ssm.amazonaws.com"}}}]}"#,
    },
    ManagedDef {
        name: "AmazonSSMManagedInstanceCore",
        path: "/",
        description: "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.",
        version: "v2",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:DescribeAssociation","ssm:GetDeployablePatchSnapshotForInstance","ssm:GetDocument","ssm:DescribeDocument","ssm:GetManifest","ssm:GetParameter","ssm:GetParameters","ssm:ListAssociations","ssm:ListInstanceAssociations","ssm:PutInventory","ssm:PutComplianceItems","ssm:PutConfigurePackageResult","ssm:UpdateAssociationStatus","ssm:UpdateInstanceAssociationStatus","ssm:UpdateInstanceInformation"],"Resource":"*"},{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},{"Effect":"Allow","Action":["ec2messages:AcknowledgeMessage","ec2messages:DeleteMessage","ec2messages:FailMessage","ec2messages:GetEndpoint","ec2messages:GetMessages","ec2messages:SendReply"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AWSCodeCommitFullAccess",
        path: "/",
        description: "Provides full access to AWS CodeCommit via the AWS Management Console.",
        version: "v4",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["codecommit:*"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AWSCodeCommitPowerUser",
        path: "/",
        description: "Provides full access to AWS CodeCommit repositories, but does not allow repository deletion.",
        version: "v5",
        document: r#"{"Version":"2012-10-17","Statement":[{"Sid":"AWSCodeCommitPowerUserAccess","Effect":"Allow","Action":["codecommit:Batch*","codecommit:Create*","codecommit:Get*","codecommit:List*","codecommit:Merge*","codecommit:Put*","codecommit:Update*","codecommit:GitPull","codecommit:GitPush"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "AWSCodePipeline_FullAccess",
        path: "/",
        description: "Provides full access to AWS CodePipeline via the AWS Management Console.",
        version: "v2",
        document: r#"{"Version":"2012-10-17","Statement":[{"Sid":"CodePipelineAuthoringAccess","Effect":"Allow","Action":["codepipeline:*"],"Resource":"*"},{"Sid":"IAMPassRoleAccess","Effect":"Allow","Action":["iam:PassRole"],"Resource":"arn:aws:iam::*:role/service-role/*","Condition":{"StringEquals":{"iam:PassedToService":["codepipeline.amazonaws.com"]}}}]}"#,
    },
    ManagedDef {
        name: "Billing",
        path: "/job-function/",
        description: "Grants permissions for billing and cost management.",
        version: "v1",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["aws-portal:*","budgets:*","ce:*","cur:*","pricing:*","cloudwatch:DescribeAlarms","cloudwatch:PutMetricAlarm","sns:CreateTopic","sns:Subscribe","sns:ListTopics"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "IAMFullAccess",
        path: "/",
        description: "Provides full access to IAM via the AWS Management Console.",
        version: "v2",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "IAMReadOnlyAccess",
        path: "/",
        description: "Provides read only access to IAM via the AWS Management Console.",
        version: "v4",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "IAMUserChangePassword",
        path: "/",
        description: "Provides the ability for an IAM user to change their own password.",
        version: "v2",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ChangePassword"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},{"Effect":"Allow","Action":["iam:GetAccountPasswordPolicy"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "PowerUserAccess",
        path: "/",
        description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
        version: "v5",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["account:GetAccountInformation","account:GetPrimaryEmail","account:ListRegions","iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization"],"Resource":"*"}]}"#,
    },
    ManagedDef {
        name: "ReadOnlyAccess",
        path: "/",
        description: "Provides read-only access to AWS services and resources.",
        version: "v120",
        document: r#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadOnlyActions","Effect":"Allow","Action":["autoscaling:Describe*","ce:Describe*","ce:Get*","ce:List*","cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","codecommit:BatchGet*","codecommit:Describe*","codecommit:Get*","codecommit:GitPull","codecommit:List*","codepipeline:Get*","codepipeline:List*","ec2:Describe*","ec2:Get*","ec2:SearchTransitGatewayRoutes","eks:Describe*","eks:List*","elasticloadbalancing:Describe*","iam:Generate*","iam:Get*","iam:List*","iam:Simulate*","resource-groups:Get*","resource-groups:List*","resource-groups:Search*","s3:Describe*","s3:Get*","s3:List*","sns:Get*","sns:List*","ssm:Describe*","ssm:Get*","ssm:List*","sts:GetCallerIdentity"],"Resource":"*"}]}"#,
    },
];

/// The managed policy with this ARN.
pub fn by_arn(arn: &str) -> Option<&'static ManagedDef> {
    MANAGED.iter().find(|m| m.arn() == arn)
}
