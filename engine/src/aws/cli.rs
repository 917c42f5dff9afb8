//! The `aws` command line (AWS CLI v2 syntax): operation specs, dispatch to the network model, and responses in the service's JSON shapes.

use crate::sort::SortShared;
use serde_json::{Map, Value, json};

use super::args::{self, ArgError, Params};
use super::model::{
    ACCOUNT_ID, AclEntry, AwsError, Network, Peer, REGIONS, RouteTarget, RunSpec, SgRule, Tag,
    zones_of,
};
use super::reach::{Endpoint, InsightsPath, LAPTOP_IP, MIRROR_IP, StoredAnalysis, Traffic};
use super::render::{self, timestamp};

/// The `aws-cli/2.x` line `aws --version` prints.
pub const VERSION_LINE: &str =
    "aws-cli/2.22.35 Python/3.12.9 Linux/6.1.0-28-amd64 exe/x86_64.debian.12";

/// The usage block the CLI prints before an argument error.
pub const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/// Every `aws ec2` operation the simulator implements, with its API name and flags (`s:` string, `i:` integer, `b:` switch, `l:` list, `j:` structure, `J:` structure list; `!` required).
pub const EC2_OPS: &[(&str, &str, &str)] = &[
    (
        "allocate-address",
        "AllocateAddress",
        "s:domain s:network-border-group J:tag-specifications",
    ),
    (
        "associate-address",
        "AssociateAddress",
        "s:allocation-id s:instance-id s:public-ip b:allow-reassociation s:network-interface-id s:private-ip-address",
    ),
    (
        "associate-route-table",
        "AssociateRouteTable",
        "s:route-table-id! s:subnet-id s:gateway-id",
    ),
    (
        "associate-vpc-cidr-block",
        "AssociateVpcCidrBlock",
        "s:vpc-id! s:cidr-block b:amazon-provided-ipv6-cidr-block",
    ),
    (
        "attach-internet-gateway",
        "AttachInternetGateway",
        "s:internet-gateway-id! s:vpc-id!",
    ),
    (
        "authorize-security-group-egress",
        "AuthorizeSecurityGroupEgress",
        "s:group-id! J:ip-permissions s:protocol s:port s:cidr s:source-group J:tag-specifications",
    ),
    (
        "authorize-security-group-ingress",
        "AuthorizeSecurityGroupIngress",
        "s:group-id s:group-name J:ip-permissions s:protocol s:port s:cidr s:source-group s:group-owner J:tag-specifications",
    ),
    (
        "create-internet-gateway",
        "CreateInternetGateway",
        "J:tag-specifications",
    ),
    (
        "create-key-pair",
        "CreateKeyPair",
        "s:key-name! s:key-type s:key-format J:tag-specifications",
    ),
    (
        "create-nat-gateway",
        "CreateNatGateway",
        "s:subnet-id! s:allocation-id s:connectivity-type s:client-token s:private-ip-address J:tag-specifications",
    ),
    (
        "create-network-acl",
        "CreateNetworkAcl",
        "s:vpc-id! J:tag-specifications s:client-token",
    ),
    (
        "create-network-acl-entry",
        "CreateNetworkAclEntry",
        "s:network-acl-id! i:rule-number! s:protocol! s:rule-action! b:egress b:ingress s:cidr-block s:ipv6-cidr-block j:port-range j:icmp-type-code",
    ),
    (
        "create-network-insights-path",
        "CreateNetworkInsightsPath",
        "s:source! s:destination s:protocol! i:destination-port s:source-ip s:destination-ip J:tag-specifications s:client-token",
    ),
    (
        "create-route",
        "CreateRoute",
        "s:route-table-id! s:destination-cidr-block s:gateway-id s:nat-gateway-id s:instance-id s:network-interface-id s:destination-ipv6-cidr-block",
    ),
    (
        "create-route-table",
        "CreateRouteTable",
        "s:vpc-id! J:tag-specifications s:client-token",
    ),
    (
        "create-security-group",
        "CreateSecurityGroup",
        "s:description! s:group-name! s:vpc-id J:tag-specifications",
    ),
    (
        "create-subnet",
        "CreateSubnet",
        "s:vpc-id! s:cidr-block! s:availability-zone s:availability-zone-id s:ipv6-cidr-block J:tag-specifications",
    ),
    ("create-tags", "CreateTags", "l:resources! J:tags!"),
    (
        "create-vpc",
        "CreateVpc",
        "s:cidr-block! s:instance-tenancy b:amazon-provided-ipv6-cidr-block J:tag-specifications",
    ),
    (
        "delete-internet-gateway",
        "DeleteInternetGateway",
        "s:internet-gateway-id!",
    ),
    (
        "delete-key-pair",
        "DeleteKeyPair",
        "s:key-name s:key-pair-id",
    ),
    (
        "delete-nat-gateway",
        "DeleteNatGateway",
        "s:nat-gateway-id!",
    ),
    (
        "delete-network-acl",
        "DeleteNetworkAcl",
        "s:network-acl-id!",
    ),
    (
        "delete-network-acl-entry",
        "DeleteNetworkAclEntry",
        "s:network-acl-id! i:rule-number! b:egress b:ingress",
    ),
    (
        "delete-network-insights-path",
        "DeleteNetworkInsightsPath",
        "s:network-insights-path-id!",
    ),
    (
        "delete-route",
        "DeleteRoute",
        "s:route-table-id! s:destination-cidr-block s:destination-ipv6-cidr-block",
    ),
    (
        "delete-route-table",
        "DeleteRouteTable",
        "s:route-table-id!",
    ),
    (
        "delete-security-group",
        "DeleteSecurityGroup",
        "s:group-id s:group-name",
    ),
    ("delete-subnet", "DeleteSubnet", "s:subnet-id!"),
    ("delete-tags", "DeleteTags", "l:resources! J:tags"),
    ("delete-vpc", "DeleteVpc", "s:vpc-id!"),
    (
        "describe-addresses",
        "DescribeAddresses",
        "l:allocation-ids l:public-ips J:filters",
    ),
    (
        "describe-availability-zones",
        "DescribeAvailabilityZones",
        "l:zone-names l:zone-ids b:all-availability-zones J:filters",
    ),
    (
        "describe-images",
        "DescribeImages",
        "l:image-ids l:owners J:filters b:include-deprecated l:executable-users",
    ),
    (
        "describe-instances",
        "DescribeInstances",
        "l:instance-ids J:filters i:page-size",
    ),
    (
        "describe-instance-types",
        "DescribeInstanceTypes",
        "l:instance-types J:filters i:max-results s:next-token",
    ),
    (
        "describe-reserved-instances-offerings",
        "DescribeReservedInstancesOfferings",
        "s:instance-type s:offering-class s:product-description s:offering-type s:instance-tenancy s:availability-zone i:max-results i:min-duration i:max-duration J:filters",
    ),
    (
        "describe-internet-gateways",
        "DescribeInternetGateways",
        "l:internet-gateway-ids J:filters",
    ),
    (
        "describe-key-pairs",
        "DescribeKeyPairs",
        "l:key-names l:key-pair-ids J:filters b:include-public-key",
    ),
    (
        "describe-nat-gateways",
        "DescribeNatGateways",
        "l:nat-gateway-ids J:filter",
    ),
    (
        "describe-network-acls",
        "DescribeNetworkAcls",
        "l:network-acl-ids J:filters",
    ),
    (
        "describe-network-interfaces",
        "DescribeNetworkInterfaces",
        "l:network-interface-ids J:filters",
    ),
    (
        "describe-network-insights-analyses",
        "DescribeNetworkInsightsAnalyses",
        "l:network-insights-analysis-ids s:network-insights-path-id J:filters",
    ),
    (
        "describe-network-insights-paths",
        "DescribeNetworkInsightsPaths",
        "l:network-insights-path-ids J:filters",
    ),
    (
        "describe-regions",
        "DescribeRegions",
        "l:region-names b:all-regions J:filters",
    ),
    (
        "describe-route-tables",
        "DescribeRouteTables",
        "l:route-table-ids J:filters",
    ),
    (
        "describe-security-group-rules",
        "DescribeSecurityGroupRules",
        "l:security-group-rule-ids J:filters",
    ),
    (
        "describe-security-groups",
        "DescribeSecurityGroups",
        "l:group-ids l:group-names J:filters",
    ),
    (
        "describe-subnets",
        "DescribeSubnets",
        "l:subnet-ids J:filters",
    ),
    ("describe-tags", "DescribeTags", "J:filters"),
    (
        "describe-vpc-attribute",
        "DescribeVpcAttribute",
        "s:vpc-id! s:attribute!",
    ),
    ("describe-vpcs", "DescribeVpcs", "l:vpc-ids J:filters"),
    (
        "detach-internet-gateway",
        "DetachInternetGateway",
        "s:internet-gateway-id! s:vpc-id!",
    ),
    (
        "disassociate-address",
        "DisassociateAddress",
        "s:association-id s:public-ip",
    ),
    (
        "disassociate-route-table",
        "DisassociateRouteTable",
        "s:association-id!",
    ),
    (
        "modify-instance-attribute",
        "ModifyInstanceAttribute",
        "s:instance-id! B:source-dest-check l:groups s:attribute s:value",
    ),
    (
        "modify-network-interface-attribute",
        "ModifyNetworkInterfaceAttribute",
        "s:network-interface-id! B:source-dest-check l:groups s:description",
    ),
    (
        "modify-subnet-attribute",
        "ModifySubnetAttribute",
        "s:subnet-id! B:map-public-ip-on-launch B:assign-ipv6-address-on-creation",
    ),
    (
        "modify-vpc-attribute",
        "ModifyVpcAttribute",
        "s:vpc-id! B:enable-dns-hostnames B:enable-dns-support",
    ),
    (
        "release-address",
        "ReleaseAddress",
        "s:allocation-id s:public-ip s:network-border-group",
    ),
    (
        "replace-network-acl-association",
        "ReplaceNetworkAclAssociation",
        "s:association-id! s:network-acl-id!",
    ),
    (
        "replace-network-acl-entry",
        "ReplaceNetworkAclEntry",
        "s:network-acl-id! i:rule-number! s:protocol! s:rule-action! b:egress b:ingress s:cidr-block j:port-range j:icmp-type-code",
    ),
    (
        "replace-route",
        "ReplaceRoute",
        "s:route-table-id! s:destination-cidr-block s:gateway-id s:nat-gateway-id s:instance-id s:network-interface-id",
    ),
    (
        "replace-route-table-association",
        "ReplaceRouteTableAssociation",
        "s:association-id! s:route-table-id!",
    ),
    (
        "revoke-security-group-egress",
        "RevokeSecurityGroupEgress",
        "s:group-id! J:ip-permissions s:protocol s:port s:cidr s:source-group",
    ),
    (
        "revoke-security-group-ingress",
        "RevokeSecurityGroupIngress",
        "s:group-id s:group-name J:ip-permissions s:protocol s:port s:cidr s:source-group",
    ),
    (
        "run-instances",
        "RunInstances",
        "s:image-id s:instance-type s:key-name s:subnet-id l:security-group-ids l:security-groups b:associate-public-ip-address s:count s:private-ip-address J:tag-specifications s:user-data J:block-device-mappings J:network-interfaces j:iam-instance-profile j:metadata-options",
    ),
    (
        "start-network-insights-analysis",
        "StartNetworkInsightsAnalysis",
        "s:network-insights-path-id! J:tag-specifications s:client-token",
    ),
    (
        "terminate-instances",
        "TerminateInstances",
        "l:instance-ids!",
    ),
];

/// The `aws sts`, `aws elbv2` and `aws eks` operations the simulator implements.
pub const OTHER_OPS: &[(&str, &str, &str, &str)] = &[
    (
        "ssm",
        "describe-instance-information",
        "DescribeInstanceInformation",
        "J:instance-information-filter-list J:filters i:max-items",
    ),
    (
        "ssm",
        "describe-instance-patch-states",
        "DescribeInstancePatchStates",
        "l:instance-ids!",
    ),
    (
        "ssm",
        "describe-patch-baselines",
        "DescribePatchBaselines",
        "J:filters",
    ),
    (
        "ssm",
        "get-command-invocation",
        "GetCommandInvocation",
        "s:command-id! s:instance-id! s:plugin-name",
    ),
    ("ssm", "get-inventory", "GetInventory", "J:filters"),
    (
        "ssm",
        "list-commands",
        "ListCommands",
        "s:command-id s:instance-id",
    ),
    (
        "ssm",
        "list-resource-compliance-summaries",
        "ListResourceComplianceSummaries",
        "J:filters i:max-items",
    ),
    (
        "ssm",
        "list-command-invocations",
        "ListCommandInvocations",
        "s:command-id s:instance-id b:details J:filters",
    ),
    (
        "ssm",
        "send-command",
        "SendCommand",
        "s:document-name! J:targets l:instance-ids j:parameters s:comment i:timeout-seconds s:max-concurrency s:max-errors s:document-version",
    ),
    (
        "resource-groups",
        "create-group",
        "CreateGroup",
        "s:name! j:resource-query s:description J:tags",
    ),
    (
        "resource-groups",
        "list-group-resources",
        "ListGroupResources",
        "s:group-name s:group",
    ),
    ("resource-groups", "list-groups", "ListGroups", ""),
    (
        "codecommit",
        "create-branch",
        "CreateBranch",
        "s:repository-name! s:branch-name! s:commit-id!",
    ),
    (
        "codecommit",
        "create-pull-request",
        "CreatePullRequest",
        "s:title! s:description J:targets! s:client-request-token",
    ),
    (
        "codecommit",
        "create-repository",
        "CreateRepository",
        "s:repository-name! s:repository-description J:tags s:kms-key-id",
    ),
    (
        "codecommit",
        "delete-branch",
        "DeleteBranch",
        "s:repository-name! s:branch-name!",
    ),
    (
        "codecommit",
        "delete-repository",
        "DeleteRepository",
        "s:repository-name!",
    ),
    (
        "codecommit",
        "get-branch",
        "GetBranch",
        "s:repository-name s:branch-name",
    ),
    (
        "codecommit",
        "get-pull-request",
        "GetPullRequest",
        "s:pull-request-id!",
    ),
    (
        "codecommit",
        "get-repository",
        "GetRepository",
        "s:repository-name!",
    ),
    (
        "codecommit",
        "list-branches",
        "ListBranches",
        "s:repository-name!",
    ),
    (
        "codecommit",
        "list-pull-requests",
        "ListPullRequests",
        "s:repository-name! s:author-arn s:pull-request-status i:max-items",
    ),
    (
        "codecommit",
        "list-repositories",
        "ListRepositories",
        "s:sort-by s:order",
    ),
    (
        "codecommit",
        "merge-pull-request-by-fast-forward",
        "MergePullRequestByFastForward",
        "s:pull-request-id! s:repository-name! s:source-commit-id",
    ),
    (
        "codecommit",
        "update-pull-request-status",
        "UpdatePullRequestStatus",
        "s:pull-request-id! s:pull-request-status!",
    ),
    (
        "codepipeline",
        "create-pipeline",
        "CreatePipeline",
        "j:pipeline s:cli-input-json J:tags",
    ),
    (
        "codepipeline",
        "delete-pipeline",
        "DeletePipeline",
        "s:name!",
    ),
    (
        "codepipeline",
        "get-pipeline",
        "GetPipeline",
        "s:name! i:version",
    ),
    (
        "codepipeline",
        "get-pipeline-state",
        "GetPipelineState",
        "s:name!",
    ),
    (
        "codepipeline",
        "list-pipeline-executions",
        "ListPipelineExecutions",
        "s:pipeline-name! i:max-items",
    ),
    ("codepipeline", "list-pipelines", "ListPipelines", ""),
    (
        "codepipeline",
        "put-approval-result",
        "PutApprovalResult",
        "s:pipeline-name! s:stage-name! s:action-name! j:result! s:token!",
    ),
    (
        "codepipeline",
        "start-pipeline-execution",
        "StartPipelineExecution",
        "s:name! s:client-request-token",
    ),
    (
        "cloudwatch",
        "delete-alarms",
        "DeleteAlarms",
        "l:alarm-names!",
    ),
    (
        "cloudwatch",
        "describe-alarms",
        "DescribeAlarms",
        "l:alarm-names s:alarm-name-prefix s:state-value s:action-prefix",
    ),
    (
        "cloudwatch",
        "put-metric-alarm",
        "PutMetricAlarm",
        "s:alarm-name! s:metric-name s:namespace s:statistic s:extended-statistic i:period! i:evaluation-periods! s:threshold s:comparison-operator! l:alarm-actions l:ok-actions l:insufficient-data-actions J:dimensions s:alarm-description b:actions-enabled s:unit i:datapoints-to-alarm s:treat-missing-data J:tags",
    ),
    (
        "sns",
        "create-topic",
        "CreateTopic",
        "s:name! j:attributes J:tags",
    ),
    ("sns", "list-subscriptions", "ListSubscriptions", ""),
    ("sns", "list-topics", "ListTopics", ""),
    (
        "sns",
        "subscribe",
        "Subscribe",
        "s:topic-arn! s:protocol! s:notification-endpoint j:attributes b:return-subscription-arn",
    ),
    (
        "ce",
        "get-cost-and-usage",
        "GetCostAndUsage",
        "j:time-period! s:granularity! l:metrics! J:group-by j:filter",
    ),
    ("sts", "get-caller-identity", "GetCallerIdentity", ""),
    (
        "iam",
        "add-role-to-instance-profile",
        "AddRoleToInstanceProfile",
        "s:instance-profile-name! s:role-name!",
    ),
    (
        "iam",
        "add-user-to-group",
        "AddUserToGroup",
        "s:group-name! s:user-name!",
    ),
    (
        "iam",
        "attach-group-policy",
        "AttachGroupPolicy",
        "s:group-name! s:policy-arn!",
    ),
    (
        "iam",
        "attach-role-policy",
        "AttachRolePolicy",
        "s:role-name! s:policy-arn!",
    ),
    (
        "iam",
        "attach-user-policy",
        "AttachUserPolicy",
        "s:user-name! s:policy-arn!",
    ),
    ("iam", "create-access-key", "CreateAccessKey", "s:user-name"),
    ("iam", "create-group", "CreateGroup", "s:group-name! s:path"),
    (
        "iam",
        "create-instance-profile",
        "CreateInstanceProfile",
        "s:instance-profile-name! s:path J:tags",
    ),
    (
        "iam",
        "create-login-profile",
        "CreateLoginProfile",
        "s:user-name! s:password b:password-reset-required",
    ),
    (
        "iam",
        "create-policy",
        "CreatePolicy",
        "s:policy-name! s:policy-document! s:path s:description J:tags",
    ),
    (
        "iam",
        "create-policy-version",
        "CreatePolicyVersion",
        "s:policy-arn! s:policy-document! b:set-as-default",
    ),
    (
        "iam",
        "create-role",
        "CreateRole",
        "s:role-name! s:assume-role-policy-document! s:path s:description i:max-session-duration s:permissions-boundary J:tags",
    ),
    (
        "iam",
        "create-user",
        "CreateUser",
        "s:user-name! s:path s:permissions-boundary J:tags",
    ),
    (
        "iam",
        "create-virtual-mfa-device",
        "CreateVirtualMFADevice",
        "s:virtual-mfa-device-name! s:outfile s:bootstrap-method s:path",
    ),
    (
        "iam",
        "delete-access-key",
        "DeleteAccessKey",
        "s:access-key-id! s:user-name",
    ),
    ("iam", "delete-group", "DeleteGroup", "s:group-name!"),
    (
        "iam",
        "delete-group-policy",
        "DeleteGroupPolicy",
        "s:group-name! s:policy-name!",
    ),
    (
        "iam",
        "delete-login-profile",
        "DeleteLoginProfile",
        "s:user-name!",
    ),
    ("iam", "delete-policy", "DeletePolicy", "s:policy-arn!"),
    ("iam", "delete-role", "DeleteRole", "s:role-name!"),
    (
        "iam",
        "delete-role-permissions-boundary",
        "DeleteRolePermissionsBoundary",
        "s:role-name!",
    ),
    (
        "iam",
        "delete-role-policy",
        "DeleteRolePolicy",
        "s:role-name! s:policy-name!",
    ),
    ("iam", "delete-user", "DeleteUser", "s:user-name!"),
    (
        "iam",
        "delete-user-permissions-boundary",
        "DeleteUserPermissionsBoundary",
        "s:user-name!",
    ),
    (
        "iam",
        "delete-user-policy",
        "DeleteUserPolicy",
        "s:user-name! s:policy-name!",
    ),
    (
        "iam",
        "detach-group-policy",
        "DetachGroupPolicy",
        "s:group-name! s:policy-arn!",
    ),
    (
        "iam",
        "detach-role-policy",
        "DetachRolePolicy",
        "s:role-name! s:policy-arn!",
    ),
    (
        "iam",
        "detach-user-policy",
        "DetachUserPolicy",
        "s:user-name! s:policy-arn!",
    ),
    (
        "iam",
        "enable-mfa-device",
        "EnableMFADevice",
        "s:user-name! s:serial-number! s:authentication-code1! s:authentication-code2!",
    ),
    ("iam", "get-account-summary", "GetAccountSummary", ""),
    ("iam", "get-group", "GetGroup", "s:group-name!"),
    (
        "iam",
        "get-group-policy",
        "GetGroupPolicy",
        "s:group-name! s:policy-name!",
    ),
    (
        "iam",
        "get-instance-profile",
        "GetInstanceProfile",
        "s:instance-profile-name!",
    ),
    (
        "iam",
        "get-login-profile",
        "GetLoginProfile",
        "s:user-name!",
    ),
    ("iam", "get-policy", "GetPolicy", "s:policy-arn!"),
    (
        "iam",
        "get-policy-version",
        "GetPolicyVersion",
        "s:policy-arn! s:version-id!",
    ),
    ("iam", "get-role", "GetRole", "s:role-name!"),
    (
        "iam",
        "get-role-policy",
        "GetRolePolicy",
        "s:role-name! s:policy-name!",
    ),
    ("iam", "get-user", "GetUser", "s:user-name"),
    (
        "iam",
        "get-user-policy",
        "GetUserPolicy",
        "s:user-name! s:policy-name!",
    ),
    ("iam", "list-access-keys", "ListAccessKeys", "s:user-name"),
    (
        "iam",
        "list-attached-group-policies",
        "ListAttachedGroupPolicies",
        "s:group-name!",
    ),
    (
        "iam",
        "list-attached-role-policies",
        "ListAttachedRolePolicies",
        "s:role-name!",
    ),
    (
        "iam",
        "list-attached-user-policies",
        "ListAttachedUserPolicies",
        "s:user-name!",
    ),
    (
        "iam",
        "list-group-policies",
        "ListGroupPolicies",
        "s:group-name!",
    ),
    ("iam", "list-groups", "ListGroups", "s:path-prefix"),
    (
        "iam",
        "list-groups-for-user",
        "ListGroupsForUser",
        "s:user-name!",
    ),
    (
        "iam",
        "list-instance-profiles",
        "ListInstanceProfiles",
        "s:path-prefix",
    ),
    ("iam", "list-mfa-devices", "ListMFADevices", "s:user-name"),
    (
        "iam",
        "list-policies",
        "ListPolicies",
        "s:scope b:only-attached s:path-prefix s:policy-usage-filter i:max-items",
    ),
    (
        "iam",
        "list-role-policies",
        "ListRolePolicies",
        "s:role-name!",
    ),
    ("iam", "list-roles", "ListRoles", "s:path-prefix"),
    (
        "iam",
        "list-user-policies",
        "ListUserPolicies",
        "s:user-name!",
    ),
    ("iam", "list-users", "ListUsers", "s:path-prefix"),
    (
        "iam",
        "put-group-policy",
        "PutGroupPolicy",
        "s:group-name! s:policy-name! s:policy-document!",
    ),
    (
        "iam",
        "put-role-permissions-boundary",
        "PutRolePermissionsBoundary",
        "s:role-name! s:permissions-boundary!",
    ),
    (
        "iam",
        "put-role-policy",
        "PutRolePolicy",
        "s:role-name! s:policy-name! s:policy-document!",
    ),
    (
        "iam",
        "put-user-permissions-boundary",
        "PutUserPermissionsBoundary",
        "s:user-name! s:permissions-boundary!",
    ),
    (
        "iam",
        "put-user-policy",
        "PutUserPolicy",
        "s:user-name! s:policy-name! s:policy-document!",
    ),
    (
        "iam",
        "remove-user-from-group",
        "RemoveUserFromGroup",
        "s:group-name! s:user-name!",
    ),
    (
        "iam",
        "simulate-custom-policy",
        "SimulateCustomPolicy",
        "l:policy-input-list! l:action-names! l:resource-arns l:permissions-boundary-policy-input-list s:caller-arn J:context-entries",
    ),
    (
        "iam",
        "simulate-principal-policy",
        "SimulatePrincipalPolicy",
        "s:policy-source-arn! l:action-names! l:resource-arns l:policy-input-list l:permissions-boundary-policy-input-list s:caller-arn J:context-entries",
    ),
    (
        "iam",
        "update-access-key",
        "UpdateAccessKey",
        "s:access-key-id! s:status! s:user-name",
    ),
    (
        "iam",
        "update-assume-role-policy",
        "UpdateAssumeRolePolicy",
        "s:role-name! s:policy-document!",
    ),
    (
        "sts",
        "assume-role",
        "AssumeRole",
        "s:role-arn! s:role-session-name! i:duration-seconds s:policy s:serial-number s:token-code s:external-id",
    ),
    (
        "elb",
        "describe-load-balancers",
        "DescribeLoadBalancers",
        "l:load-balancer-names",
    ),
    (
        "elb",
        "describe-instance-health",
        "DescribeInstanceHealth",
        "s:load-balancer-name! l:instances",
    ),
    (
        "elbv2",
        "describe-load-balancers",
        "DescribeLoadBalancers",
        "l:names l:load-balancer-arns",
    ),
    (
        "elbv2",
        "describe-target-groups",
        "DescribeTargetGroups",
        "s:load-balancer-arn l:target-group-arns l:names",
    ),
    (
        "elbv2",
        "describe-target-health",
        "DescribeTargetHealth",
        "s:target-group-arn! J:targets",
    ),
    ("route53", "get-hosted-zone", "GetHostedZone", "s:id!"),
    (
        "route53",
        "list-hosted-zones",
        "ListHostedZones",
        "s:max-items s:hosted-zone-type",
    ),
    (
        "route53",
        "list-resource-record-sets",
        "ListResourceRecordSets",
        "s:hosted-zone-id! s:start-record-name s:start-record-type s:max-items",
    ),
    (
        "eks",
        "create-cluster",
        "CreateCluster",
        "s:name! s:role-arn! j:resources-vpc-config! s:kubernetes-version",
    ),
    (
        "eks",
        "create-nodegroup",
        "CreateNodegroup",
        "s:cluster-name! s:nodegroup-name! l:subnets! s:node-role! j:scaling-config l:instance-types i:disk-size s:ami-type s:capacity-type",
    ),
    ("eks", "delete-cluster", "DeleteCluster", "s:name!"),
    (
        "eks",
        "delete-nodegroup",
        "DeleteNodegroup",
        "s:cluster-name! s:nodegroup-name!",
    ),
    ("eks", "describe-cluster", "DescribeCluster", "s:name!"),
    (
        "eks",
        "describe-nodegroup",
        "DescribeNodegroup",
        "s:cluster-name! s:nodegroup-name!",
    ),
    ("eks", "get-token", "GetToken", "s:cluster-name! s:role-arn"),
    ("eks", "list-clusters", "ListClusters", ""),
    (
        "eks",
        "list-nodegroups",
        "ListNodegroups",
        "s:cluster-name!",
    ),
    (
        "eks",
        "update-nodegroup-config",
        "UpdateNodegroupConfig",
        "s:cluster-name! s:nodegroup-name! j:scaling-config j:labels j:taints j:update-config",
    ),
    (
        "eks",
        "describe-update",
        "DescribeUpdate",
        "s:name! s:update-id! s:nodegroup-name s:addon-name",
    ),
    (
        "eks",
        "update-kubeconfig",
        "UpdateKubeconfig",
        "s:name! s:alias s:kubeconfig s:role-arn",
    ),
    (
        "kms",
        "create-key",
        "CreateKey",
        "s:description s:key-usage s:key-spec s:policy j:tags",
    ),
    ("kms", "describe-key", "DescribeKey", "s:key-id!"),
    ("kms", "list-keys", "ListKeys", "i:limit"),
    (
        "kms",
        "create-alias",
        "CreateAlias",
        "s:alias-name! s:target-key-id!",
    ),
    ("kms", "list-aliases", "ListAliases", "s:key-id i:limit"),
    (
        "kms",
        "encrypt",
        "Encrypt",
        "s:key-id! s:plaintext! j:encryption-context s:encryption-algorithm",
    ),
    (
        "kms",
        "decrypt",
        "Decrypt",
        "s:ciphertext-blob! j:encryption-context s:key-id s:encryption-algorithm",
    ),
    (
        "rds",
        "describe-db-instances",
        "DescribeDBInstances",
        "s:db-instance-identifier j:filters i:max-records s:marker",
    ),
    (
        "ssm",
        "get-parameter",
        "GetParameter",
        "s:name! b:with-decryption",
    ),
    (
        "ssm",
        "get-parameters",
        "GetParameters",
        "l:names! b:with-decryption",
    ),
];

/// The services `aws` accepts.
pub const SERVICES: &[&str] = &[
    "ce",
    "cloudwatch",
    "codecommit",
    "codepipeline",
    "configure",
    "ec2",
    "eks",
    "elb",
    "elbv2",
    "iam",
    "kms",
    "rds",
    "resource-groups",
    "route53",
    "s3",
    "sns",
    "ssm",
    "sts",
];

/// How one run of `aws` ended before formatting.
pub enum Outcome {
    /// A response to print (None prints nothing).
    Response(Option<Value>),
    /// A service error: (operation API name, error).
    Service(String, AwsError),
}

fn choices_block(choices: &[&str]) -> String {
    choices
        .chunks(2)
        .map(|c| {
            c.iter()
                .map(|s| format!("{s:<40}"))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The stderr text and exit code for an argument error.
pub fn arg_error(msg: &str) -> (String, i32) {
    (format!("{USAGE}\naws: error: {msg}\n"), 252)
}

/// The invalid-choice error for a command (`argument command`) or operation (`argument operation`).
pub fn invalid_choice(what: &str, choices: &[&str]) -> (String, i32) {
    arg_error(&format!(
        "argument {what}: Invalid choice, valid choices are:\n\n{}",
        choices_block(choices)
    ))
}

/// Turns a parse error into the CLI's stderr text.
pub fn describe_arg_error(e: &ArgError) -> (String, i32) {
    match e {
        ArgError::Required(names) => arg_error(&format!(
            "the following arguments are required: {}",
            names.join(", ")
        )),
        ArgError::Unknown(words) => arg_error(&format!("Unknown options: {}", words.join(", "))),
        ArgError::Expected(name) => arg_error(&format!("argument --{name}: expected one argument")),
        ArgError::BadValue(name, msg) => (
            format!("\nError parsing parameter '--{name}': {msg}\n"),
            252,
        ),
    }
}

fn tags_from_specs(p: &Params, resource_type: &str) -> Vec<Tag> {
    let mut out = vec![];
    if let Some(Value::Array(specs)) = p.json("tag-specifications") {
        for s in specs {
            let rt = s
                .get("ResourceType")
                .and_then(Value::as_str)
                .unwrap_or(resource_type);
            if rt != resource_type {
                continue;
            }
            out.extend(tag_list(s.get("Tags")));
        }
    }
    out
}

fn tag_list(v: Option<&Value>) -> Vec<Tag> {
    let items: Vec<Value> = match v {
        Some(Value::Array(a)) => a.clone(),
        Some(o @ Value::Object(_)) => vec![o.clone()],
        _ => vec![],
    };
    items
        .iter()
        .filter_map(|t| {
            Some(Tag {
                key: t.get("Key")?.as_str()?.to_owned(),
                value: t
                    .get("Value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            })
        })
        .collect()
}

fn port_range(port: &str) -> Result<(i32, i32), AwsError> {
    let bad = || {
        AwsError::new(
            "InvalidParameterValue",
            format!("Invalid value '{port}' for port"),
        )
    };
    match port.split_once('-') {
        Some((a, b)) if !a.is_empty() => {
            Ok((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
        }
        _ => {
            let n: i32 = port.parse().map_err(|_| bad())?;
            Ok((n, n))
        }
    }
}

fn normalise_protocol(p: &str) -> Result<String, AwsError> {
    Ok(match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".into(),
        "tcp" | "6" => "tcp".into(),
        "udp" | "17" => "udp".into(),
        "icmp" | "1" => "icmp".into(),
        other => {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!("Invalid value '{other}' for IP protocol. Unknown protocol."),
            ));
        }
    })
}

fn as_port(v: Option<&Value>) -> Option<i32> {
    match v? {
        Value::Number(n) => n.as_i64().map(|n| n as i32),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Builds the rules a security-group call names, from `--ip-permissions` or `--protocol/--port/--cidr/--source-group`.
fn sg_rules(p: &Params) -> Result<Vec<SgRule>, AwsError> {
    let mut out = vec![];
    if let Some(Value::Array(perms)) = p.json("ip-permissions") {
        for perm in perms {
            let proto = normalise_protocol(
                perm.get("IpProtocol")
                    .and_then(Value::as_str)
                    .unwrap_or("-1"),
            )?;
            let (from, to) = if proto == "-1" {
                (-1, -1)
            } else {
                (
                    as_port(perm.get("FromPort")).unwrap_or(-1),
                    as_port(perm.get("ToPort")).unwrap_or(-1),
                )
            };
            let mut add = |peer: Peer, desc: Option<String>| {
                out.push(SgRule {
                    id: String::new(),
                    protocol: proto.clone(),
                    from_port: from,
                    to_port: to,
                    peer,
                    description: desc,
                });
            };
            for r in perm
                .get("IpRanges")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let c = r.get("CidrIp").and_then(Value::as_str).unwrap_or("");
                let net = super::cidr::parse_any(c).ok_or_else(|| {
                    AwsError::new(
                        "InvalidParameterValue",
                        format!("CIDR block {c} is malformed"),
                    )
                })?;
                add(
                    Peer::Cidr(net),
                    r.get("Description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                );
            }
            for g in perm
                .get("UserIdGroupPairs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let id = g
                    .get("GroupId")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                add(
                    Peer::Group(id),
                    g.get("Description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                );
            }
        }
        return Ok(out);
    }
    let Some(proto) = p.str("protocol") else {
        return Err(AwsError::new(
            "MissingParameter",
            "Either ipPermissions or protocol must be specified",
        ));
    };
    let proto = normalise_protocol(proto)?;
    let (from, to) = match (proto.as_str(), p.str("port")) {
        ("-1", _) => (-1, -1),
        (_, Some(port)) => port_range(port)?,
        ("icmp", None) => (-1, -1),
        (_, None) => {
            return Err(AwsError::new(
                "InvalidParameterValue",
                "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
            ));
        }
    };
    let peer = match (p.str("cidr"), p.str("source-group")) {
        (Some(c), _) => Peer::Cidr(super::cidr::parse_any(c).ok_or_else(|| {
            AwsError::new(
                "InvalidParameterValue",
                format!("CIDR block {c} is malformed"),
            )
        })?),
        (None, Some(g)) => Peer::Group(g.to_owned()),
        (None, None) => Peer::anywhere(),
    };
    out.push(SgRule {
        id: String::new(),
        protocol: proto,
        from_port: from,
        to_port: to,
        peer,
        description: None,
    });
    Ok(out)
}

fn acl_entry(p: &Params) -> Result<AclEntry, AwsError> {
    let proto = match p.req("protocol").to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".to_owned(),
        "tcp" | "6" => "6".to_owned(),
        "udp" | "17" => "17".to_owned(),
        "icmp" | "1" => "1".to_owned(),
        other => other.to_owned(),
    };
    let allow = match p.req("rule-action") {
        "allow" => true,
        "deny" => false,
        other => {
            return Err(AwsError::bad_value(
                other,
                "ruleAction",
                "Must be either allow or deny.",
            ));
        }
    };
    let cidr_text = p.str("cidr-block").unwrap_or("");
    let cidr = super::cidr::parse_any(cidr_text).ok_or_else(|| {
        AwsError::bad_value(cidr_text, "cidrBlock", "This is not a valid CIDR block.")
    })?;
    let ports = match p.json("port-range") {
        Some(v) => {
            let f = as_port(v.get("From"));
            let t = as_port(v.get("To"));
            match (f, t) {
                (Some(f), Some(t)) => Some((f as u16, t as u16)),
                _ => None,
            }
        }
        None => None,
    };
    if (proto == "6" || proto == "17") && ports.is_none() {
        return Err(AwsError::new(
            "InvalidParameterValue",
            "TCP/UDP protocol requires a port range",
        ));
    }
    let rule = p.int("rule-number").unwrap_or(0);
    Ok(AclEntry {
        rule_number: rule.clamp(0, 65535) as u16,
        egress: p.bool("egress").unwrap_or(false) && p.bool("ingress") != Some(true),
        protocol: proto,
        allow,
        cidr,
        ports,
    })
}

fn ids_or_all<'a, T>(
    items: &'a [T],
    ids: &[String],
    id_of: impl Fn(&T) -> &str,
    missing: impl Fn(&str) -> AwsError,
) -> Result<Vec<&'a T>, AwsError> {
    if ids.is_empty() {
        return Ok(items.iter().collect());
    }
    let mut out = vec![];
    for id in ids {
        match items.iter().find(|x| id_of(x) == id) {
            Some(x) => out.push(x),
            None => return Err(missing(id)),
        }
    }
    Ok(out)
}

fn filtered(values: Vec<Value>, kind: &str, filters: &render::Filters) -> Vec<Value> {
    values
        .into_iter()
        .filter(|v| render::matches(v, kind, filters))
        .collect()
}

fn target_from(p: &Params, net: &Network, rtb: &str) -> Result<RouteTarget, AwsError> {
    let given: Vec<&str> = [
        "gateway-id",
        "nat-gateway-id",
        "instance-id",
        "network-interface-id",
    ]
    .iter()
    .filter_map(|k| p.str(k))
    .collect();
    match given.as_slice() {
        [one] => {
            if let Some(eni) = p.str("network-interface-id") {
                let inst = net
                    .instances
                    .iter()
                    .find(|i| i.eni_id == eni)
                    .ok_or_else(|| {
                        AwsError::new(
                            "InvalidNetworkInterfaceID.NotFound",
                            format!("The networkInterface ID '{eni}' does not exist"),
                        )
                    })?;
                return net.resolve_target(rtb, &inst.id.clone());
            }
            net.resolve_target(rtb, one)
        }
        [] => Err(AwsError::new(
            "MissingParameter",
            "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, localGatewayId, carrierGatewayId, instanceId, coreNetworkArn or vpcEndpointId",
        )),
        _ => Err(AwsError::new(
            "InvalidParameterCombination",
            "The parameter gatewayId cannot be used with the parameter natGatewayId",
        )),
    }
}

fn tag_new(net: &mut Network, id: &str, t: Vec<Tag>) {
    if !t.is_empty() {
        let _ = net.create_tags(id, &t);
    }
}

/// Runs one EC2 operation against `net`.
pub fn call_ec2(net: &mut Network, op: &str, p: &Params) -> Result<Option<Value>, AwsError> {
    let r = |v: Value| Ok(Some(v));
    match op {
        "create-vpc" => {
            let id = net.create_vpc(p.req("cidr-block"))?;
            tag_new(net, &id, tags_from_specs(p, "vpc"));
            r(json!({"Vpc": render::vpc(net.vpc(&id)?, "pending")}))
        }
        "describe-vpcs" => {
            let filters = render::parse_filters(p.json("filters"), "vpc")?;
            let vs = ids_or_all(
                &net.vpcs,
                &p.list("vpc-ids"),
                |v| &v.id,
                |id| AwsError::not_found("InvalidVpcID.NotFound", "vpc", id),
            )?;
            let vals = vs
                .into_iter()
                .map(|v| render::vpc(v, "available"))
                .collect();
            r(json!({"Vpcs": filtered(vals, "vpc", &filters)}))
        }
        "delete-vpc" => net.delete_vpc(p.req("vpc-id")).map(|_| None),
        "modify-vpc-attribute" => {
            let h = p.bool("enable-dns-hostnames");
            let s = p.bool("enable-dns-support");
            if h.is_some() == s.is_some() {
                return Err(AwsError::new(
                    "InvalidParameterCombination",
                    "Only one attribute can be modified at a time",
                ));
            }
            net.modify_vpc_attribute(p.req("vpc-id"), h, s)
                .map(|_| None)
        }
        "describe-vpc-attribute" => {
            let vpc = net.vpc(p.req("vpc-id"))?;
            let (key, val) = match p.req("attribute") {
                "enableDnsHostnames" => ("EnableDnsHostnames", vpc.dns_hostnames),
                "enableDnsSupport" => ("EnableDnsSupport", vpc.dns_support),
                other => {
                    return Err(AwsError::bad_value(
                        other,
                        "attribute",
                        "Attribute is not valid.",
                    ));
                }
            };
            let mut m = Map::new();
            m.insert(key.into(), json!({"Value": val}));
            m.insert("VpcId".into(), json!(vpc.id));
            r(Value::Object(m))
        }
        "associate-vpc-cidr-block" => {
            let vpc_id = p.req("vpc-id").to_owned();
            let cidr = p.str("cidr-block").unwrap_or("");
            let assoc = net.associate_vpc_cidr(&vpc_id, cidr)?;
            r(
                json!({"CidrBlockAssociation": {"AssociationId": assoc, "CidrBlock": cidr, "CidrBlockState": {"State": "associating"}}, "VpcId": vpc_id}),
            )
        }
        "create-subnet" => {
            let az = p.str("availability-zone").or(p.str("availability-zone-id"));
            let id = net.create_subnet(p.req("vpc-id"), p.req("cidr-block"), az)?;
            tag_new(net, &id, tags_from_specs(p, "subnet"));
            r(json!({"Subnet": render::subnet(net, net.subnet(&id)?)}))
        }
        "describe-subnets" => {
            let filters = render::parse_filters(p.json("filters"), "subnet")?;
            let ss = ids_or_all(
                &net.subnets,
                &p.list("subnet-ids"),
                |v| &v.id,
                |id| AwsError::not_found("InvalidSubnetID.NotFound", "subnet", id),
            )?;
            let vals = ss.into_iter().map(|s| render::subnet(net, s)).collect();
            r(json!({"Subnets": filtered(vals, "subnet", &filters)}))
        }
        "delete-subnet" => net.delete_subnet(p.req("subnet-id")).map(|_| None),
        "modify-subnet-attribute" => {
            let id = p.req("subnet-id");
            match p.bool("map-public-ip-on-launch") {
                Some(on) => net.set_map_public_ip(id, on).map(|_| None),
                None => {
                    net.subnet(id)?;
                    Ok(None)
                }
            }
        }
        "create-internet-gateway" => {
            let id = net.create_internet_gateway();
            tag_new(net, &id, tags_from_specs(p, "internet-gateway"));
            r(json!({"InternetGateway": render::igw(net.igw(&id)?)}))
        }
        "describe-internet-gateways" => {
            let filters = render::parse_filters(p.json("filters"), "igw")?;
            let gs = ids_or_all(
                &net.internet_gateways,
                &p.list("internet-gateway-ids"),
                |v| &v.id,
                |id| {
                    AwsError::not_found("InvalidInternetGatewayID.NotFound", "internetGateway", id)
                },
            )?;
            let vals = gs.into_iter().map(render::igw).collect();
            r(json!({"InternetGateways": filtered(vals, "igw", &filters)}))
        }
        "attach-internet-gateway" => net
            .attach_internet_gateway(p.req("internet-gateway-id"), p.req("vpc-id"))
            .map(|_| None),
        "detach-internet-gateway" => net
            .detach_internet_gateway(p.req("internet-gateway-id"), p.req("vpc-id"))
            .map(|_| None),
        "delete-internet-gateway" => net
            .delete_internet_gateway(p.req("internet-gateway-id"))
            .map(|_| None),
        "allocate-address" => {
            let id = net.allocate_address();
            tag_new(net, &id, tags_from_specs(p, "elastic-ip"));
            let a = net.address(&id)?;
            let mut m = Map::new();
            m.insert("AllocationId".into(), json!(a.allocation_id));
            m.insert("PublicIpv4Pool".into(), json!("amazon"));
            m.insert("NetworkBorderGroup".into(), json!(net.region));
            m.insert("Domain".into(), json!("vpc"));
            m.insert("PublicIp".into(), json!(a.public_ip.to_string()));
            r(Value::Object(m))
        }
        "describe-addresses" => {
            let filters = render::parse_filters(p.json("filters"), "address")?;
            let mut ids = p.list("allocation-ids");
            for ip in p.list("public-ips") {
                match net.addresses.iter().find(|a| a.public_ip.to_string() == ip) {
                    Some(a) => ids.push(a.allocation_id.clone()),
                    None => {
                        return Err(AwsError::new(
                            "InvalidAddress.NotFound",
                            format!("Address '{ip}' not found."),
                        ));
                    }
                }
            }
            let es = ids_or_all(
                &net.addresses,
                &ids,
                |v| &v.allocation_id,
                |id| {
                    AwsError::new(
                        "InvalidAllocationID.NotFound",
                        format!("The allocation ID '{id}' does not exist"),
                    )
                },
            )?;
            let vals = es.into_iter().map(|a| render::address(net, a)).collect();
            r(json!({"Addresses": filtered(vals, "address", &filters)}))
        }
        "associate-address" => {
            let Some(alloc) = p.str("allocation-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter AllocationId",
                ));
            };
            let Some(inst) = p.str("instance-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "Either instance ID or network interface ID must be specified",
                ));
            };
            let id =
                net.associate_address(alloc, inst, p.bool("allow-reassociation").unwrap_or(false))?;
            r(json!({"AssociationId": id}))
        }
        "disassociate-address" => {
            let Some(a) = p.str("association-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter AssociationId",
                ));
            };
            net.disassociate_address(a).map(|_| None)
        }
        "release-address" => {
            let Some(a) = p.str("allocation-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter AllocationId",
                ));
            };
            net.release_address(a).map(|_| None)
        }
        "create-nat-gateway" => {
            let private = p.str("connectivity-type") == Some("private");
            let id = net.create_nat_gateway(p.req("subnet-id"), p.str("allocation-id"), private)?;
            tag_new(net, &id, tags_from_specs(p, "natgateway"));
            let token = format!(
                "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                net.random() as u32,
                net.random() as u16,
                net.random() as u16,
                net.random() as u16,
                net.random() & 0xffff_ffff_ffff
            );
            let mut body = render::nat(net, net.nat_gateway(&id)?);
            if let Value::Object(m) = &mut body
                && m.get("Tags")
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
            {
                m.remove("Tags");
            }
            let mut m = Map::new();
            m.insert(
                "ClientToken".into(),
                json!(p.str("client-token").map(str::to_owned).unwrap_or(token)),
            );
            m.insert("NatGateway".into(), body);
            r(Value::Object(m))
        }
        "describe-nat-gateways" => {
            let filters = render::parse_filters(p.json("filter"), "nat")?;
            let ids = p.list("nat-gateway-ids");
            let now = net.now;
            let visible: Vec<_> = net
                .nat_gateways
                .iter()
                .filter(|n| n.deleted_at.is_none_or(|t| now - t < 3_600_000))
                .cloned()
                .collect();
            let ns = ids_or_all(
                &visible,
                &ids,
                |v| &v.id,
                |id| {
                    AwsError::new(
                        "NatGatewayNotFound",
                        format!("The Nat Gateway {id} was not found"),
                    )
                },
            )?;
            let vals = ns.into_iter().map(|n| render::nat(net, n)).collect();
            r(json!({"NatGateways": filtered(vals, "nat", &filters)}))
        }
        "delete-nat-gateway" => {
            let id = p.req("nat-gateway-id").to_owned();
            net.delete_nat_gateway(&id)?;
            r(json!({"NatGatewayId": id}))
        }
        "create-route-table" => {
            let id = net.create_route_table(p.req("vpc-id"))?;
            tag_new(net, &id, tags_from_specs(p, "route-table"));
            r(json!({"RouteTable": render::route_table(net, net.route_table(&id)?), "ClientToken": p.str("client-token")}).as_object().map(|m| {
                let mut m = m.clone();
                if m.get("ClientToken").is_some_and(Value::is_null) {
                    m.remove("ClientToken");
                }
                Value::Object(m)
            }).expect("object"))
        }
        "describe-route-tables" => {
            let filters = render::parse_filters(p.json("filters"), "rtb")?;
            let ts = ids_or_all(
                &net.route_tables,
                &p.list("route-table-ids"),
                |v| &v.id,
                |id| AwsError::not_found("InvalidRouteTableID.NotFound", "routeTable", id),
            )?;
            let vals = ts
                .into_iter()
                .map(|t| render::route_table(net, t))
                .collect();
            r(json!({"RouteTables": filtered(vals, "rtb", &filters)}))
        }
        "delete-route-table" => net
            .delete_route_table(p.req("route-table-id"))
            .map(|_| None),
        "create-route" | "replace-route" => {
            let rtb = p.req("route-table-id").to_owned();
            net.route_table(&rtb)?;
            let Some(dest) = p.str("destination-cidr-block") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId",
                ));
            };
            let target = target_from(p, net, &rtb)?;
            if op == "create-route" {
                net.create_route(&rtb, dest, target)?;
                r(json!({"Return": true}))
            } else {
                net.replace_route(&rtb, dest, target).map(|_| None)
            }
        }
        "delete-route" => {
            let Some(dest) = p.str("destination-cidr-block") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId",
                ));
            };
            net.delete_route(p.req("route-table-id"), dest)
                .map(|_| None)
        }
        "associate-route-table" => {
            let Some(subnet) = p.str("subnet-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter subnetId or gatewayId",
                ));
            };
            let id = net.associate_route_table(p.req("route-table-id"), subnet)?;
            r(json!({"AssociationId": id, "AssociationState": {"State": "associated"}}))
        }
        "disassociate-route-table" => net
            .disassociate_route_table(p.req("association-id"))
            .map(|_| None),
        "replace-route-table-association" => {
            let assoc = p.req("association-id");
            let target = p.req("route-table-id").to_owned();
            net.route_table(&target)?;
            let Some((ti, ai)) = net.route_tables.iter().enumerate().find_map(|(ti, t)| {
                t.associations
                    .iter()
                    .position(|a| a.id == assoc)
                    .map(|ai| (ti, ai))
            }) else {
                return Err(AwsError::new(
                    "InvalidAssociationID.NotFound",
                    format!("The association ID '{assoc}' does not exist"),
                ));
            };
            let moved = net.route_tables[ti].associations.remove(ai);
            let new_id = net.new_id("rtbassoc");
            let k = net
                .route_tables
                .iter()
                .position(|t| t.id == target)
                .expect("checked");
            net.route_tables[k]
                .associations
                .push(super::model::RouteTableAssociation {
                    id: new_id.clone(),
                    subnet_id: moved.subnet_id,
                });
            r(json!({"NewAssociationId": new_id, "AssociationState": {"State": "associated"}}))
        }
        "create-security-group" => {
            let default_vpc = net.default_vpc().map(|v| v.id.clone());
            let Some(vpc) = p.str("vpc-id").map(str::to_owned).or(default_vpc) else {
                return Err(AwsError::new(
                    "VPCIdNotSpecified",
                    "No default VPC for this user",
                ));
            };
            let vpc = vpc.as_str();
            let id = net.create_security_group(vpc, p.req("group-name"), p.req("description"))?;
            tag_new(net, &id, tags_from_specs(p, "security-group"));
            let mut m = Map::new();
            m.insert("GroupId".into(), json!(id));
            let t = tags_from_specs(p, "security-group");
            if !t.is_empty() {
                m.insert("Tags".into(), render::tags(&t));
            }
            m.insert(
                "SecurityGroupArn".into(),
                json!(format!(
                    "arn:aws:ec2:{}:{ACCOUNT_ID}:security-group/{id}",
                    net.region
                )),
            );
            r(Value::Object(m))
        }
        "describe-security-groups" => {
            let filters = render::parse_filters(p.json("filters"), "sg")?;
            let mut ids = p.list("group-ids");
            for n in p.list("group-names") {
                match net
                    .security_groups
                    .iter()
                    .find(|g| g.name == n && Some(&g.vpc_id) == net.default_vpc().map(|v| &v.id))
                {
                    Some(g) => ids.push(g.id.clone()),
                    None => {
                        return Err(AwsError::new(
                            "InvalidGroup.NotFound",
                            format!(
                                "The security group '{n}' does not exist in default VPC '{}'",
                                net.default_vpc()
                                    .map(|v| v.id.as_str())
                                    .unwrap_or("vpc-none")
                            ),
                        ));
                    }
                }
            }
            let gs = ids_or_all(
                &net.security_groups,
                &ids,
                |v| &v.id,
                |id| {
                    AwsError::new(
                        "InvalidGroup.NotFound",
                        format!("The security group '{id}' does not exist"),
                    )
                },
            )?;
            let vals = gs
                .into_iter()
                .map(|g| render::security_group(net, g))
                .collect();
            r(json!({"SecurityGroups": filtered(vals, "sg", &filters)}))
        }
        "describe-security-group-rules" => {
            let mut rules = vec![];
            let mut wanted_group: Option<Vec<String>> = None;
            if let Some(Value::Array(fs)) = p.json("filters") {
                for f in fs {
                    if f.get("Name").and_then(Value::as_str) == Some("group-id") {
                        wanted_group = Some(filter_values(f));
                    } else {
                        let name = f.get("Name").and_then(Value::as_str).unwrap_or("");
                        return Err(AwsError::new(
                            "InvalidParameterValue",
                            format!("The filter '{name}' is invalid"),
                        ));
                    }
                }
            }
            let ids = p.list("security-group-rule-ids");
            for g in &net.security_groups {
                if wanted_group.as_ref().is_some_and(|w| !w.contains(&g.id)) {
                    continue;
                }
                for (egress, list) in [(false, &g.ingress), (true, &g.egress)] {
                    for rule in list {
                        if ids.is_empty() || ids.contains(&rule.id) {
                            rules.push(render::sg_rule(net, &g.id, egress, rule));
                        }
                    }
                }
            }
            r(json!({"SecurityGroupRules": rules}))
        }
        "delete-security-group" => {
            let id = match (p.str("group-id"), p.str("group-name")) {
                (Some(id), _) => id.to_owned(),
                (None, Some(name)) => net
                    .security_groups
                    .iter()
                    .find(|g| g.name == name && Some(&g.vpc_id) == net.default_vpc().map(|v| &v.id))
                    .map(|g| g.id.clone())
                    .ok_or_else(|| {
                        AwsError::new(
                            "InvalidGroup.NotFound",
                            format!(
                                "The security group '{name}' does not exist in default VPC '{}'",
                                net.default_vpc()
                                    .map(|v| v.id.as_str())
                                    .unwrap_or("vpc-none")
                            ),
                        )
                    })?,
                (None, None) => {
                    return Err(AwsError::new(
                        "MissingParameter",
                        "The request must contain the parameter groupName or groupId",
                    ));
                }
            };
            net.delete_security_group(&id)?;
            r(json!({"Return": true, "GroupId": id}))
        }
        "authorize-security-group-ingress" | "authorize-security-group-egress" => {
            let egress = op.ends_with("egress");
            let gid = match (p.str("group-id"), p.str("group-name")) {
                (Some(id), _) => id.to_owned(),
                (None, Some(name)) => net
                    .security_groups
                    .iter()
                    .find(|g| g.name == name && Some(&g.vpc_id) == net.default_vpc().map(|v| &v.id))
                    .map(|g| g.id.clone())
                    .ok_or_else(|| {
                        AwsError::new(
                            "InvalidGroup.NotFound",
                            format!(
                                "The security group '{name}' does not exist in default VPC '{}'",
                                net.default_vpc()
                                    .map(|v| v.id.as_str())
                                    .unwrap_or("vpc-none")
                            ),
                        )
                    })?,
                (None, None) => {
                    return Err(AwsError::new(
                        "MissingParameter",
                        "The request must contain the parameter groupName or groupId",
                    ));
                }
            };
            net.security_group(&gid)?;
            let rules = sg_rules(p)?;
            let added = net.authorize(&gid, egress, rules)?;
            let vals: Vec<Value> = added
                .iter()
                .map(|x| render::sg_rule(net, &gid, egress, x))
                .collect();
            r(json!({"Return": true, "SecurityGroupRules": vals}))
        }
        "revoke-security-group-ingress" | "revoke-security-group-egress" => {
            let egress = op.ends_with("egress");
            let gid = p.str("group-id").unwrap_or("").to_owned();
            net.security_group(&gid)?;
            let rules = sg_rules(p)?;
            let g = net.security_group(&gid)?.clone();
            let existing = if egress { &g.egress } else { &g.ingress };
            let revoked: Vec<Value> = existing
                .iter()
                .filter(|e| rules.iter().any(|x| x.protocol == e.protocol && x.from_port == e.from_port && x.to_port == e.to_port && x.peer == e.peer))
                .map(|e| {
                    // A revoked rule names its peer as `CidrIpv4` or, for a security group, `ReferencedGroupId`.
                    let mut v = json!({"SecurityGroupRuleId": e.id, "GroupId": gid, "IsEgress": egress, "IpProtocol": e.protocol, "FromPort": e.from_port, "ToPort": e.to_port});
                    match &e.peer {
                        Peer::Cidr(c) => v["CidrIpv4"] = json!(c.to_string()),
                        Peer::Group(g) => v["ReferencedGroupId"] = json!(g),
                    }
                    v
                })
                .collect();
            net.revoke(&gid, egress, &rules)?;
            r(json!({"Return": true, "RevokedSecurityGroupRules": revoked}))
        }
        "create-network-acl" => {
            let id = net.create_network_acl(p.req("vpc-id"))?;
            tag_new(net, &id, tags_from_specs(p, "network-acl"));
            r(json!({"NetworkAcl": render::network_acl(net.network_acl(&id)?)}))
        }
        "describe-network-acls" => {
            let filters = render::parse_filters(p.json("filters"), "acl")?;
            let xs = ids_or_all(
                &net.network_acls,
                &p.list("network-acl-ids"),
                |v| &v.id,
                |id| AwsError::not_found("InvalidNetworkAclID.NotFound", "networkAcl", id),
            )?;
            let vals = xs.into_iter().map(render::network_acl).collect();
            r(json!({"NetworkAcls": filtered(vals, "acl", &filters)}))
        }
        "delete-network-acl" => net
            .delete_network_acl(p.req("network-acl-id"))
            .map(|_| None),
        "create-network-acl-entry" | "replace-network-acl-entry" => {
            net.network_acl(p.req("network-acl-id"))?;
            let e = acl_entry(p)?;
            net.put_acl_entry(p.req("network-acl-id"), e, op.starts_with("replace"))
                .map(|_| None)
        }
        "delete-network-acl-entry" => {
            let egress = p.bool("egress").unwrap_or(false);
            let n = p.int("rule-number").unwrap_or(0).clamp(0, 65535) as u16;
            net.delete_acl_entry(p.req("network-acl-id"), n, egress)
                .map(|_| None)
        }
        "replace-network-acl-association" => {
            let id =
                net.replace_acl_association(p.req("association-id"), p.req("network-acl-id"))?;
            r(json!({"NewAssociationId": id}))
        }
        "run-instances" => {
            let Some(image) = p.str("image-id") else {
                return Err(AwsError::new(
                    "MissingParameter",
                    "The request must contain the parameter ImageId",
                ));
            };
            if !image.starts_with("ami-") {
                return Err(AwsError::new(
                    "InvalidAMIID.Malformed",
                    format!("Invalid id: \"{image}\" (expecting \"ami-...\")"),
                ));
            }
            let default_subnet = net
                .subnets
                .iter()
                .find(|s| s.default_for_az)
                .map(|s| s.id.clone());
            let Some(subnet) = p.str("subnet-id").map(str::to_owned).or(default_subnet) else {
                return Err(AwsError::new(
                    "VPCIdNotSpecified",
                    "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.",
                ));
            };
            let subnet = subnet.as_str();
            let count = match p.str("count") {
                None => 1,
                Some(c) => c
                    .split(':')
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        AwsError::new("InvalidParameterValue", format!("Invalid count: {c}"))
                    })?,
            };
            let mut groups = p.list("security-group-ids");
            for name in p.list("security-groups") {
                if let Some(g) = net
                    .security_groups
                    .iter()
                    .find(|g| g.name == name && Some(&g.vpc_id) == net.default_vpc().map(|v| &v.id))
                {
                    groups.push(g.id.clone());
                } else {
                    return Err(AwsError::new(
                        "InvalidGroup.NotFound",
                        format!("The security group '{name}' does not exist in VPC"),
                    ));
                }
            }
            let private_ip = match p.str("private-ip-address") {
                Some(ip) => Some(ip.parse().map_err(|_| {
                    AwsError::bad_value(ip, "privateIpAddress", "This is not a valid IP address.")
                })?),
                None => None,
            };
            let spec = RunSpec {
                image_id: image.to_owned(),
                instance_type: p.str("instance-type").unwrap_or("m1.small").to_owned(),
                key_name: p.str("key-name").map(str::to_owned),
                subnet_id: subnet.to_owned(),
                security_groups: groups,
                associate_public_ip: p.bool("associate-public-ip-address"),
                private_ip,
                count,
                tags: tags_from_specs(p, "instance"),
            };
            let (reservation, ids) = net.run_instances(&spec)?;
            let insts: Vec<Value> = ids
                .iter()
                .map(|id| render::instance(net, net.instance(id).expect("just launched")))
                .collect();
            r(
                json!({"Groups": [], "Instances": insts, "OwnerId": ACCOUNT_ID, "ReservationId": reservation}),
            )
        }
        "describe-instance-types" => r(super::instance_types::describe_instance_types(p)?),
        "describe-reserved-instances-offerings" => {
            r(super::instance_types::describe_reserved_offerings(p)?)
        }
        "describe-instances" => {
            let filters = render::parse_filters(p.json("filters"), "instance")?;
            let ids = p.list("instance-ids");
            ids_or_all(
                &net.instances,
                &ids,
                |v| &v.id,
                |id| AwsError::not_found("InvalidInstanceID.NotFound", "instance", id),
            )?;
            let mut reservations: Vec<(String, Vec<Value>)> = vec![];
            for i in &net.instances {
                if !ids.is_empty() && !ids.contains(&i.id) {
                    continue;
                }
                // Terminated instances disappear from describe calls about an hour after termination.
                if i.terminated_at.is_some_and(|t| net.now - t > 3_600_000) {
                    continue;
                }
                let v = render::instance(net, i);
                if !render::matches(&v, "instance", &filters) {
                    continue;
                }
                match reservations
                    .iter_mut()
                    .find(|(r, _)| *r == i.reservation_id)
                {
                    Some((_, list)) => list.push(v),
                    None => reservations.push((i.reservation_id.clone(), vec![v])),
                }
            }
            let rs: Vec<Value> = reservations
                .into_iter()
                .map(|(id, insts)| json!({"Groups": [], "Instances": insts, "OwnerId": ACCOUNT_ID, "ReservationId": id}))
                .collect();
            r(json!({"Reservations": rs}))
        }
        "terminate-instances" => {
            let ids = p.list("instance-ids");
            for id in &ids {
                net.instance(id)?;
            }
            let mut out = vec![];
            for id in &ids {
                let (pname, pcode) = net.instance(id)?.state(net.now);
                net.terminate_instance(id)?;
                let (cname, ccode) = net.instance(id)?.state(net.now);
                out.push(json!({"CurrentState": {"Code": ccode, "Name": cname}, "InstanceId": id, "PreviousState": {"Code": pcode, "Name": pname}}));
            }
            r(json!({"TerminatingInstances": out}))
        }
        "modify-instance-attribute" => {
            let id = p.req("instance-id").to_owned();
            net.instance(&id)?;
            if let Some(b) = p.bool("source-dest-check") {
                return net.set_source_dest_check(&id, b).map(|_| None);
            }
            if p.has("groups") {
                return net.set_instance_groups(&id, p.list("groups")).map(|_| None);
            }
            if p.str("attribute") == Some("sourceDestCheck") {
                let v = p
                    .str("value")
                    .unwrap_or("true")
                    .eq_ignore_ascii_case("true");
                return net.set_source_dest_check(&id, v).map(|_| None);
            }
            Err(AwsError::new(
                "MissingParameter",
                "The request must contain the parameter attribute",
            ))
        }
        "create-tags" | "delete-tags" => {
            let tags = tag_list(p.json("tags"));
            for id in p.list("resources") {
                if op == "create-tags" {
                    net.create_tags(&id, &tags)?;
                } else {
                    remove_tags(net, &id, &tags);
                }
            }
            Ok(None)
        }
        "describe-tags" => {
            let mut out = vec![];
            let mut push = |id: &str, ty: &str, tags: &[Tag]| {
                for t in tags {
                    out.push(json!({"Key": t.key, "ResourceId": id, "ResourceType": ty, "Value": t.value}));
                }
            };
            for v in &net.vpcs {
                push(&v.id, "vpc", &v.tags);
            }
            for v in &net.subnets {
                push(&v.id, "subnet", &v.tags);
            }
            for v in &net.internet_gateways {
                push(&v.id, "internet-gateway", &v.tags);
            }
            for v in &net.nat_gateways {
                push(&v.id, "natgateway", &v.tags);
            }
            for v in &net.route_tables {
                push(&v.id, "route-table", &v.tags);
            }
            for v in &net.security_groups {
                push(&v.id, "security-group", &v.tags);
            }
            for v in &net.network_acls {
                push(&v.id, "network-acl", &v.tags);
            }
            for v in &net.instances {
                push(&v.id, "instance", &v.tags);
            }
            for v in &net.addresses {
                push(&v.allocation_id, "elastic-ip", &v.tags);
            }
            let mut filters: render::Filters = vec![];
            if let Some(Value::Array(fs)) = p.json("filters") {
                for f in fs {
                    let name = f
                        .get("Name")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned();
                    let vals = filter_values(f);
                    filters.push((name, vals));
                }
            }
            let keep: Vec<Value> = out
                .into_iter()
                .filter(|t| {
                    filters.iter().all(|(n, vals)| {
                        let field = match n.as_str() {
                            "key" => "Key",
                            "value" => "Value",
                            "resource-id" => "ResourceId",
                            "resource-type" => "ResourceType",
                            _ => return false,
                        };
                        t.get(field)
                            .and_then(Value::as_str)
                            .is_some_and(|x| vals.iter().any(|v| v == x))
                    })
                })
                .collect();
            r(json!({"Tags": keep}))
        }
        "describe-availability-zones" => {
            let zones = net.zones();
            let names = p.list("zone-names");
            let zids = p.list("zone-ids");
            for n in &names {
                if !zones.iter().any(|z| &z.name == n) {
                    return Err(AwsError::bad_value(
                        n,
                        "zoneName",
                        "The zone does not exist in this region.",
                    )
                    .with_text(format!("The zone '{n}' does not exist.")));
                }
            }
            let list: Vec<Value> = zones
                .iter()
                .filter(|z| (names.is_empty() || names.contains(&z.name)) && (zids.is_empty() || zids.contains(&z.id)))
                .map(|z| json!({"State": "available", "OptInStatus": "opt-in-not-required", "Messages": [], "RegionName": net.region, "ZoneName": z.name, "ZoneId": z.id, "GroupName": net.region, "NetworkBorderGroup": net.region, "ZoneType": "availability-zone"}))
                .collect();
            let filters = render::parse_filters(p.json("filters"), "az")?;
            r(json!({"AvailabilityZones": filtered(list, "az", &filters)}))
        }
        "describe-regions" => {
            let names = p.list("region-names");
            let mut list: Vec<(&str, Value)> = REGIONS
                .iter()
                .filter(|(n, _, _)| names.is_empty() || names.iter().any(|x| x == n))
                .map(|(n, _, _)| (*n, json!({"Endpoint": format!("ec2.{n}.amazonaws.com"), "RegionName": n, "OptInStatus": "opt-in-not-required"})))
                .collect();
            for n in &names {
                if zones_of(n).is_none() {
                    return Err(AwsError::new(
                        "InvalidParameterValue",
                        format!("Invalid region names: [{n}]"),
                    ));
                }
            }
            list.sort_shared_by(|a, b| a.0.cmp(b.0));
            let filters = render::parse_filters(p.json("filters"), "region")?;
            let list: Vec<Value> = list.into_iter().map(|(_, v)| v).collect();
            r(json!({"Regions": filtered(list, "region", &filters)}))
        }
        "create-network-insights-path" => {
            let src = p.req("source").to_owned();
            let dst = p.str("destination").map(str::to_owned);
            check_insights_end(net, &src)?;
            if let Some(d) = &dst {
                check_insights_end(net, d)?;
            } else if p.str("destination-ip").is_none() {
                return Err(AwsError::new(
                    "MissingParameter",
                    "Either destination or destinationIp must be specified",
                ));
            }
            let proto = p.req("protocol").to_ascii_lowercase();
            if proto != "tcp" && proto != "udp" {
                return Err(AwsError::bad_value(
                    &proto,
                    "protocol",
                    "Protocol must be tcp or udp.",
                ));
            }
            let id = net.new_id("nip");
            let path = InsightsPath {
                id: id.clone(),
                source: src,
                destination: dst,
                source_ip: p.str("source-ip").map(str::to_owned),
                destination_ip: p.str("destination-ip").map(str::to_owned),
                protocol: proto,
                destination_port: p.int("destination-port").map(|n| n.clamp(0, 65535) as u16),
                created_at: net.now,
            };
            let v = insights_path_json(net, &path);
            net.insights_paths.push(path);
            r(json!({"NetworkInsightsPath": v}))
        }
        "describe-network-insights-paths" => {
            let ids = p.list("network-insights-path-ids");
            let ps = ids_or_all(
                &net.insights_paths,
                &ids,
                |v| &v.id,
                |id| {
                    AwsError::new(
                        "InvalidNetworkInsightsPathId.NotFound",
                        format!("The NetworkInsightsPath ID '{id}' does not exist"),
                    )
                },
            )?;
            let vals: Vec<Value> = ps.into_iter().map(|x| insights_path_json(net, x)).collect();
            r(json!({"NetworkInsightsPaths": vals}))
        }
        "delete-network-insights-path" => {
            let id = p.req("network-insights-path-id").to_owned();
            if !net.insights_paths.iter().any(|x| x.id == id) {
                return Err(AwsError::new(
                    "InvalidNetworkInsightsPathId.NotFound",
                    format!("The NetworkInsightsPath ID '{id}' does not exist"),
                ));
            }
            net.insights_paths.retain(|x| x.id != id);
            r(json!({"NetworkInsightsPathId": id}))
        }
        "start-network-insights-analysis" => {
            let pid = p.req("network-insights-path-id").to_owned();
            let Some(path) = net.insights_paths.iter().find(|x| x.id == pid).cloned() else {
                return Err(AwsError::new(
                    "InvalidNetworkInsightsPathId.NotFound",
                    format!("The NetworkInsightsPath ID '{pid}' does not exist"),
                ));
            };
            let (src, dst) = endpoints_of(net, &path);
            let traffic = Traffic {
                protocol: path.protocol.clone(),
                port: path.destination_port.unwrap_or(0),
            };
            let result = net.analyze(&src, &dst, &traffic);
            let id = net.new_id("nia");
            let stored = StoredAnalysis {
                id: id.clone(),
                path_id: pid,
                started_at: net.now,
                result,
            };
            let mut v = analysis_json(net, &stored, false);
            if let Value::Object(m) = &mut v {
                m.insert("Status".into(), json!("running"));
            }
            net.analyses.push(stored);
            r(json!({"NetworkInsightsAnalysis": v}))
        }
        "describe-network-insights-analyses" => {
            let ids = p.list("network-insights-analysis-ids");
            let pid = p.str("network-insights-path-id");
            let xs = ids_or_all(
                &net.analyses,
                &ids,
                |v| &v.id,
                |id| {
                    AwsError::new(
                        "InvalidNetworkInsightsAnalysisId.NotFound",
                        format!("The NetworkInsightsAnalysis ID '{id}' does not exist"),
                    )
                },
            )?;
            let vals: Vec<Value> = xs
                .into_iter()
                .filter(|a| pid.is_none_or(|p| p == a.path_id))
                .map(|a| analysis_json(net, a, true))
                .collect();
            r(json!({"NetworkInsightsAnalyses": vals}))
        }
        "describe-network-interfaces" => {
            let filters = render::parse_filters(p.json("filters"), "eni")?;
            let all = render::network_interfaces(net);
            let ids = p.list("network-interface-ids");
            for id in &ids {
                if !all.iter().any(|e| e["NetworkInterfaceId"] == json!(id)) {
                    return Err(AwsError::new(
                        "InvalidNetworkInterfaceID.NotFound",
                        format!("The networkInterface ID '{id}' does not exist"),
                    ));
                }
            }
            let list: Vec<Value> = all
                .into_iter()
                .filter(|e| {
                    ids.is_empty() || ids.iter().any(|id| e["NetworkInterfaceId"] == json!(id))
                })
                .collect();
            r(json!({"NetworkInterfaces": filtered(list, "eni", &filters)}))
        }
        "modify-network-interface-attribute" => {
            let eni = p.req("network-interface-id").to_owned();
            if let Some(inst) = net
                .instances
                .iter()
                .find(|i| i.eni_id == eni && !i.is_terminated())
                .map(|i| i.id.clone())
            {
                if let Some(b) = p.bool("source-dest-check") {
                    net.set_source_dest_check(&inst, b)?;
                }
                if p.has("groups") {
                    net.set_instance_groups(&inst, p.list("groups"))?;
                }
                return Ok(None);
            }
            if net
                .nat_gateways
                .iter()
                .any(|n| n.eni_id == eni && n.deleted_at.is_none())
            {
                return Err(AwsError::new(
                    "AuthFailure",
                    "You do not have permission to access the specified resource.",
                ));
            }
            Err(AwsError::new(
                "InvalidNetworkInterfaceID.NotFound",
                format!("The networkInterface ID '{eni}' does not exist"),
            ))
        }
        "create-key-pair" => {
            let (kp, pem) =
                net.create_key_pair(p.req("key-name"), p.str("key-type").unwrap_or("rsa"))?;
            let t = tags_from_specs(p, "key-pair");
            let mut m = Map::new();
            m.insert("KeyPairId".into(), json!(kp.id));
            if !t.is_empty() {
                m.insert("Tags".into(), render::tags(&t));
            }
            m.insert("KeyName".into(), json!(kp.name));
            m.insert("KeyFingerprint".into(), json!(kp.fingerprint));
            m.insert("KeyMaterial".into(), json!(pem));
            r(Value::Object(m))
        }
        "describe-key-pairs" => {
            let names = p.list("key-names");
            for n in &names {
                net.key_pair(n)?;
            }
            let ids = p.list("key-pair-ids");
            let list: Vec<Value> = net
                .key_pairs
                .iter()
                .filter(|k| (names.is_empty() || names.contains(&k.name)) && (ids.is_empty() || ids.contains(&k.id)))
                .map(|k| json!({"KeyPairId": k.id, "KeyType": k.key_type, "Tags": [], "CreateTime": timestamp(k.created_at).replace("+00:00", ".000000+00:00"), "KeyName": k.name, "KeyFingerprint": k.fingerprint}))
                .collect();
            let filters = render::parse_filters(p.json("filters"), "key")?;
            r(json!({"KeyPairs": filtered(list, "key", &filters)}))
        }
        "delete-key-pair" => {
            let name = match (p.str("key-name"), p.str("key-pair-id")) {
                (Some(n), _) => n.to_owned(),
                (None, Some(id)) => net
                    .key_pairs
                    .iter()
                    .find(|k| k.id == id)
                    .map(|k| k.name.clone())
                    .unwrap_or_default(),
                (None, None) => {
                    return Err(AwsError::new(
                        "MissingParameter",
                        "The request must contain the parameter KeyName or KeyPairId",
                    ));
                }
            };
            let id = net.delete_key_pair(&name);
            let mut m = Map::new();
            m.insert("Return".into(), json!(true));
            if let Some(id) = id {
                m.insert("KeyPairId".into(), json!(id));
            }
            r(Value::Object(m))
        }
        "describe-images" => {
            let ids = p.list("image-ids");
            for id in &ids {
                if super::images::find(&net.region, id).is_none() {
                    return Err(AwsError::new(
                        "InvalidAMIID.NotFound",
                        format!("The image id '[{id}]' does not exist"),
                    ));
                }
            }
            let owners = p.list("owners");
            let filters = render::parse_filters(p.json("filters"), "image")?;
            let list: Vec<Value> = super::images::CATALOG
                .iter()
                .filter(|i| {
                    ids.is_empty() || ids.contains(&super::images::image_id(i, &net.region))
                })
                .filter(|i| {
                    owners.is_empty()
                        || owners.iter().any(|o| {
                            o == i.owner_id || (!i.owner_alias.is_empty() && o == i.owner_alias)
                        })
                })
                .map(|i| super::images::image_json(i, &net.region))
                .collect();
            r(json!({"Images": filtered(list, "image", &filters)}))
        }
        _ => Err(AwsError::new(
            "InvalidAction",
            format!("The action {op} is not valid for this web service."),
        )),
    }
}

impl AwsError {
    fn with_text(mut self, text: String) -> Self {
        self.message = text;
        self
    }
}

/// A filter's `Values`, whether given as a list or (shorthand with one value) a single string.
fn filter_values(f: &Value) -> Vec<String> {
    match f.get("Values") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

fn remove_tags(net: &mut Network, id: &str, tags: &[Tag]) {
    let strip = |list: &mut Vec<Tag>| {
        list.retain(|t| {
            !tags
                .iter()
                .any(|x| x.key == t.key && (x.value.is_empty() || x.value == t.value))
                && !tags.is_empty()
        });
    };
    if let Some(v) = net.vpcs.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.subnets.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.instances.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.security_groups.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.route_tables.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.internet_gateways.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.nat_gateways.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
    if let Some(v) = net.network_acls.iter_mut().find(|x| x.id == id) {
        strip(&mut v.tags)
    }
}

fn check_insights_end(net: &Network, id: &str) -> Result<(), AwsError> {
    if id.starts_with("i-") {
        net.instance(id).map(|_| ())
    } else if id.starts_with("igw-") {
        net.igw(id).map(|_| ())
    } else {
        Err(AwsError::new(
            "InvalidParameterValue",
            format!("The resource {id} is not a supported source or destination type"),
        ))
    }
}

fn endpoints_of(net: &Network, path: &InsightsPath) -> (Endpoint, Endpoint) {
    let ip = |s: &Option<String>, d: std::net::Ipv4Addr| {
        s.as_deref().and_then(|x| x.parse().ok()).unwrap_or(d)
    };
    let src = if path.source.starts_with("igw-") {
        Endpoint::Internet(ip(&path.source_ip, LAPTOP_IP))
    } else {
        Endpoint::Instance(path.source.clone())
    };
    let dst = match &path.destination {
        Some(d) if d.starts_with("igw-") => Endpoint::Internet(ip(&path.destination_ip, MIRROR_IP)),
        Some(d) => Endpoint::Instance(d.clone()),
        None => {
            let addr = ip(&path.destination_ip, MIRROR_IP);
            if net.instances.iter().any(|i| i.private_ip == addr) {
                Endpoint::Ip(addr)
            } else {
                Endpoint::Internet(addr)
            }
        }
    };
    (src, dst)
}

fn arn(net: &Network, id: &str) -> String {
    let kind = match id.split('-').next().unwrap_or("") {
        "i" => "instance",
        "igw" => "internet-gateway",
        "sg" => "security-group",
        "acl" => "network-acl",
        "rtb" => "route-table",
        "nat" => "natgateway",
        "subnet" => "subnet",
        "vpc" => "vpc",
        "eni" => "network-interface",
        "nip" => "network-insights-path",
        "nia" => "network-insights-analysis",
        _ => "resource",
    };
    format!("arn:aws:ec2:{}:{ACCOUNT_ID}:{kind}/{id}", net.region)
}

fn insights_path_json(net: &Network, p: &InsightsPath) -> Value {
    let mut m = Map::new();
    m.insert("NetworkInsightsPathId".into(), json!(p.id));
    m.insert("NetworkInsightsPathArn".into(), json!(arn(net, &p.id)));
    m.insert("CreatedDate".into(), json!(timestamp(p.created_at)));
    m.insert("Source".into(), json!(p.source));
    if let Some(d) = &p.destination {
        m.insert("Destination".into(), json!(d));
    }
    m.insert("SourceArn".into(), json!(arn(net, &p.source)));
    if let Some(d) = &p.destination {
        m.insert("DestinationArn".into(), json!(arn(net, d)));
    }
    if let Some(s) = &p.source_ip {
        m.insert("SourceIp".into(), json!(s));
    }
    if let Some(d) = &p.destination_ip {
        m.insert("DestinationIp".into(), json!(d));
    }
    m.insert("Protocol".into(), json!(p.protocol));
    if let Some(port) = p.destination_port {
        m.insert("DestinationPort".into(), json!(port));
    }
    m.insert("Tags".into(), json!([]));
    Value::Object(m)
}

fn analysis_json(net: &Network, a: &StoredAnalysis, done: bool) -> Value {
    let mut m = Map::new();
    m.insert("NetworkInsightsAnalysisId".into(), json!(a.id));
    m.insert("NetworkInsightsAnalysisArn".into(), json!(arn(net, &a.id)));
    m.insert("NetworkInsightsPathId".into(), json!(a.path_id));
    m.insert("StartDate".into(), json!(timestamp(a.started_at)));
    m.insert("Status".into(), json!("succeeded"));
    if done {
        m.insert("NetworkPathFound".into(), json!(a.result.reachable));
        let comps: Vec<Value> = a
            .result
            .hops
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let comp = if h.component_id == "internet" {
                    json!({"Id": "internet", "Name": "Internet"})
                } else {
                    json!({"Id": h.component_id, "Arn": arn(net, &h.component_id)})
                };
                json!({"SequenceNumber": i + 1, "Component": comp})
            })
            .collect();
        m.insert("ForwardPathComponents".into(), Value::Array(comps));
        let ex: Vec<Value> = a
            .result
            .explanations
            .iter()
            .map(|e| {
                let mut x = Map::new();
                if let Some(d) = &e.direction {
                    x.insert("Direction".into(), json!(d));
                }
                x.insert("ExplanationCode".into(), json!(e.code));
                let key = match e.component_type.as_str() {
                    "AWS::EC2::SecurityGroup" => "SecurityGroup",
                    "AWS::EC2::NetworkAcl" => "Acl",
                    "AWS::EC2::RouteTable" => "RouteTable",
                    "AWS::EC2::InternetGateway" => "InternetGateway",
                    "AWS::EC2::NatGateway" => "NatGateway",
                    "AWS::EC2::VPC" => "Vpc",
                    "AWS::EC2::Subnet" => "Subnet",
                    _ => "Component",
                };
                x.insert(
                    key.into(),
                    json!({"Id": e.component_id, "Arn": arn(net, &e.component_id)}),
                );
                Value::Object(x)
            })
            .collect();
        m.insert("Explanations".into(), Value::Array(ex));
    }
    m.insert("Tags".into(), json!([]));
    Value::Object(m)
}

/// Runs an sts, elbv2 or eks operation.
pub fn call_other(
    net: &mut Network,
    service: &str,
    op: &str,
    p: &Params,
) -> Result<Option<Value>, AwsError> {
    match (service, op) {
        ("sts", "get-caller-identity") => Ok(Some(json!({
            "UserId": "AIDAXSAMPLESTUDENT01",
            "Account": ACCOUNT_ID,
            "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:user/student")
        }))),
        ("elb", "describe-load-balancers") => {
            let names = p.list("load-balancer-names");
            let classic: Vec<&super::model::LoadBalancer> = net
                .load_balancers
                .iter()
                .filter(|l| l.kind == "classic")
                .collect();
            for n in &names {
                if !classic.iter().any(|l| &l.name == n) {
                    return Err(AwsError::new(
                        "LoadBalancerNotFound",
                        format!("There is no ACTIVE Load Balancer named '{n}'"),
                    ));
                }
            }
            let list: Vec<Value> = classic
                .iter()
                .filter(|l| names.is_empty() || names.contains(&l.name))
                .map(|l| {
                    let azs: Vec<String> = l.subnets.iter().filter_map(|s| net.subnet(s).ok()).map(|s| s.az.name.clone()).collect();
                    let backend = |n: usize, p: u16| l.instance_ports.get(n).map_or(30000 + (u32::from(p) % 2768), |i| u32::from(*i));
                    let listeners: Vec<Value> = l
                        .ports
                        .iter()
                        .enumerate()
                        .map(|(n, p)| json!({"Listener": {"Protocol": "TCP", "LoadBalancerPort": p, "InstanceProtocol": "TCP", "InstancePort": backend(n, *p)}, "PolicyNames": []}))
                        .collect();
                    let instances: Vec<Value> = l.instances.iter().map(|i| json!({"InstanceId": i})).collect();
                    let first = l.ports.first().map_or(30000, |p| backend(0, *p));
                    json!({
                        "LoadBalancerName": l.name,
                        "DNSName": l.dns_name,
                        "CanonicalHostedZoneName": l.dns_name,
                        "CanonicalHostedZoneNameID": super::elb::classic_zone_id(&net.region),
                        "ListenerDescriptions": listeners,
                        "Policies": {"AppCookieStickinessPolicies": [], "LBCookieStickinessPolicies": [], "OtherPolicies": []},
                        "BackendServerDescriptions": [],
                        "AvailabilityZones": azs,
                        "Subnets": l.subnets,
                        "VPCId": l.vpc_id.clone().unwrap_or_default(),
                        "Instances": instances,
                        "HealthCheck": {"Target": format!("TCP:{first}"), "Interval": 10, "Timeout": 5, "UnhealthyThreshold": 6, "HealthyThreshold": 2},
                        "SourceSecurityGroup": {"OwnerAlias": ACCOUNT_ID, "GroupName": format!("k8s-elb-{}", l.name)},
                        "SecurityGroups": l.security_groups,
                        "CreatedTime": timestamp(l.created_at).replace("+00:00", ".000000+00:00"),
                        "Scheme": l.scheme
                    })
                })
                .collect();
            Ok(Some(json!({"LoadBalancerDescriptions": list})))
        }
        // The model has no databases: the account's RDS is empty.
        ("rds", "describe-db-instances") => match p.str("db-instance-identifier") {
            Some(id) => Err(AwsError::new(
                "DBInstanceNotFound",
                format!("DBInstance {id} not found."),
            )),
            None => Ok(Some(json!({"DBInstances": []}))),
        },
        ("elb", "describe-instance-health") => {
            let name = p.str("load-balancer-name").unwrap_or_default();
            let lb = net
                .load_balancers
                .iter()
                .find(|l| l.kind == "classic" && l.name == name)
                .ok_or_else(|| {
                    AwsError::new(
                        "LoadBalancerNotFound",
                        format!("There is no ACTIVE Load Balancer named '{name}'"),
                    )
                })?;
            let asked = p.list("instances");
            let states: Vec<Value> = lb
                .instances
                .iter()
                .filter(|i| asked.is_empty() || asked.contains(i))
                .map(|i| {
                    let (state, (code, text)) = match net.classic_instance_health(lb, i) {
                        None => ("InService", ("N/A", "N/A")),
                        Some(why) => ("OutOfService", why),
                    };
                    json!({"InstanceId": i, "State": state, "ReasonCode": code, "Description": text})
                })
                .collect();
            Ok(Some(json!({"InstanceStates": states})))
        }
        ("elbv2", "describe-load-balancers") => {
            let names = p.list("names");
            for n in &names {
                if !net
                    .load_balancers
                    .iter()
                    .any(|l| &l.name == n && l.kind != "classic")
                {
                    return Err(AwsError::new(
                        "LoadBalancerNotFound",
                        format!("Load balancers '[{n}]' not found"),
                    ));
                }
            }
            let list: Vec<Value> = net
                .load_balancers
                .iter()
                .filter(|l| l.kind != "classic")
                .filter(|l| names.is_empty() || names.contains(&l.name))
                .map(|l| {
                    let azs: Vec<Value> = l
                        .subnets
                        .iter()
                        .filter_map(|s| net.subnet(s).ok())
                        .map(|s| json!({"ZoneName": s.az.name, "SubnetId": s.id, "LoadBalancerAddresses": []}))
                        .collect();
                    json!({
                        "LoadBalancerArn": l.arn,
                        "DNSName": l.dns_name,
                        "CanonicalHostedZoneId": super::elb::nlb_zone_id(&net.region),
                        "CreatedTime": timestamp(l.created_at).replace("+00:00", ".000000+00:00"),
                        "LoadBalancerName": l.name,
                        "Scheme": l.scheme,
                        "VpcId": l.vpc_id.clone().unwrap_or_default(),
                        "State": {"Code": "active"},
                        "Type": l.kind,
                        "AvailabilityZones": azs,
                        "IpAddressType": "ipv4"
                    })
                })
                .collect();
            Ok(Some(json!({"LoadBalancers": list})))
        }
        ("elbv2", "describe-target-groups") => super::elb::describe_target_groups(net, p).map(Some),
        ("elbv2", "describe-target-health") => super::elb::describe_target_health(net, p).map(Some),
        ("ssm", "get-parameter") => {
            let name = p.req("name");
            match ssm_parameter(net, name) {
                Some(v) => Ok(Some(json!({"Parameter": v}))),
                None => Err(AwsError::new("ParameterNotFound", "")),
            }
        }
        ("ssm", "get-parameters") => {
            let names = p.list("names");
            let found: Vec<Value> = names.iter().filter_map(|n| ssm_parameter(net, n)).collect();
            let invalid: Vec<&String> = names
                .iter()
                .filter(|n| ssm_parameter(net, n).is_none())
                .collect();
            Ok(Some(
                json!({"Parameters": found, "InvalidParameters": invalid}),
            ))
        }
        ("eks", _) => super::eks::call(net, op, p),
        _ => Err(AwsError::new(
            "InvalidAction",
            format!("{op} is not supported"),
        )),
    }
}

/// The public SSM parameters that name the latest AMIs, answered from the image catalog.
pub const SSM_AMI_PARAMETERS: &[(&str, &str)] = &[
    (
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        "al2023-ami-2023",
    ),
    (
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
        "al2023-ami-2023",
    ),
    (
        "/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2",
        "amzn2-ami-kernel-5.10",
    ),
    (
        "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
        "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04",
    ),
    (
        "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
        "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04",
    ),
];

fn ssm_parameter(net: &Network, name: &str) -> Option<Value> {
    let (_, prefix) = SSM_AMI_PARAMETERS.iter().find(|(n, _)| *n == name)?;
    let img = super::images::CATALOG
        .iter()
        .find(|i| i.name.starts_with(prefix))?;
    Some(json!({
        "Name": name,
        "Type": "String",
        "Value": super::images::image_id(img, &net.region),
        "Version": 112,
        "LastModifiedDate": img.created.replace(".000Z", ".000000+00:00"),
        "ARN": format!("arn:aws:ssm:{}::parameter{name}", net.region),
        "DataType": "text"
    }))
}

/// The short `aws help` text.
pub fn top_help() -> String {
    let mut s = String::from(
        "AWS()\n\nNAME\n       aws -\n\nDESCRIPTION\n       The  AWS  Command  Line  Interface is a unified tool to manage your AWS\n       services.\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\n       Use aws command help for information on a  specific  command.\n\nAVAILABLE SERVICES\n",
    );
    for svc in SERVICES {
        s.push_str(&format!("       o {svc}\n\n"));
    }
    s
}

/// The short `aws <service> help` text listing its operations.
pub fn service_help(service: &str) -> String {
    let ops: Vec<&str> = if service == "ec2" {
        EC2_OPS.iter().map(|o| o.0).collect()
    } else {
        OTHER_OPS
            .iter()
            .filter(|o| o.0 == service)
            .map(|o| o.1)
            .collect()
    };
    let mut s = format!(
        "{}()\n\nNAME\n       {service} -\n\nAVAILABLE COMMANDS\n",
        service.to_uppercase()
    );
    for o in ops {
        s.push_str(&format!("       o {o}\n\n"));
    }
    s
}

/// The short `aws <service> <operation> help` text: its synopsis in the CLI's notation.
pub fn operation_help(service: &str, op: &str, spec: &str) -> String {
    let mut flags = args::parse_spec(spec);
    if service == "ec2" {
        flags.extend(args::parse_spec("b:dry-run"));
    }
    let lines: Vec<String> = flags
        .iter()
        .map(|f| match (f.kind, f.required) {
            (args::Kind::Bool | args::Kind::BoolStruct, _) => {
                format!("          [--{0} | --no-{0}]", f.name)
            }
            (_, true) => format!("          --{} <value>", f.name),
            (_, false) => format!("          [--{} <value>]", f.name),
        })
        .collect();
    format!(
        "{}()\n\nNAME\n       {op} -\n\nSYNOPSIS\n            {op}\n{}\n",
        op.to_uppercase(),
        lines.join("\n")
    )
}

/// Parses the flags of a known operation.
pub fn parse_op(spec: &str, service: &str, rest: &[String]) -> Result<Params, ArgError> {
    let mut flags = args::parse_spec(spec);
    if service == "ec2" {
        flags.extend(args::parse_spec("b:dry-run"));
    }
    args::parse_params(&flags, rest)
}
