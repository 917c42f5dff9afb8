//! Table-driven tests of the policy evaluator, one row per rule of AWS's documented evaluation logic.

use super::policy::{self, Decision, DocKind, PolicyType, Request, Source};

fn src(kind: PolicyType, doc: &str) -> Source {
    let dk = if kind == PolicyType::ResourceBased {
        DocKind::Resource
    } else {
        DocKind::Identity
    };
    Source {
        id: format!("{kind:?}"),
        source_type: "test".into(),
        kind,
        policy: policy::parse(doc, dk).unwrap_or_else(|e| panic!("{doc}: {}", e.message)),
    }
}

const ALICE: &str = "arn:aws:iam::123456789012:user/alice";

fn allow(action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}]}}"#
    )
}

fn deny(action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","Action":"{action}","Resource":"{resource}"}}]}}"#
    )
}

fn with_condition(effect: &str, cond: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Action":"*","Resource":"*","Condition":{cond}}}]}}"#
    )
}

type CondCase = (
    &'static str,
    String,
    &'static [(&'static str, &'static str)],
    Decision,
);

struct Case {
    name: &'static str,
    policies: Vec<(PolicyType, String)>,
    action: &'static str,
    resource: &'static str,
    context: &'static [(&'static str, &'static str)],
    want: Decision,
    denied_by: Option<PolicyType>,
}

fn case(
    name: &'static str,
    policies: Vec<(PolicyType, String)>,
    action: &'static str,
    resource: &'static str,
    want: Decision,
    denied_by: Option<PolicyType>,
) -> Case {
    Case {
        name,
        policies,
        action,
        resource,
        context: &[],
        want,
        denied_by,
    }
}

#[test]
fn evaluation_logic_table() {
    use Decision::*;
    use PolicyType::*;
    let ec2_all = allow("ec2:*", "*");
    let mut cases = vec![
        case("default deny with no policy", vec![], "ec2:DescribeVpcs", "*", ImplicitDeny, Some(Identity)),
        case("explicit allow", vec![(Identity, ec2_all.clone())], "ec2:DescribeVpcs", "*", Allowed, None),
        case("action wildcard is case-insensitive", vec![(Identity, allow("EC2:describe*", "*"))], "ec2:DescribeVpcs", "*", Allowed, None),
        case("action wildcard does not cover other services", vec![(Identity, allow("ec2:Describe*", "*"))], "iam:ListUsers", "*", ImplicitDeny, Some(Identity)),
        case("question mark matches one character", vec![(Identity, allow("ec2:Describe?pcs", "*"))], "ec2:DescribeVpcs", "*", Allowed, None),
        case("explicit deny overrides allow", vec![(Identity, ec2_all.clone()), (Identity, deny("ec2:RunInstances", "*"))], "ec2:RunInstances", "*", ExplicitDeny, Some(Identity)),
        case("deny of another action leaves allow", vec![(Identity, ec2_all.clone()), (Identity, deny("ec2:RunInstances", "*"))], "ec2:DescribeVpcs", "*", Allowed, None),
        case("resource ARN wildcard matches", vec![(Identity, allow("s3:GetObject", "arn:aws:s3:::bucket/*"))], "s3:GetObject", "arn:aws:s3:::bucket/a/b.txt", Allowed, None),
        case("resource ARN is case-sensitive", vec![(Identity, allow("s3:GetObject", "arn:aws:s3:::Bucket/*"))], "s3:GetObject", "arn:aws:s3:::bucket/a", ImplicitDeny, Some(Identity)),
        case("NotAction allows everything else", vec![(Identity, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#.into())], "ec2:RunInstances", "*", Allowed, None),
        case("NotAction excludes the listed", vec![(Identity, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#.into())], "iam:CreateUser", "*", ImplicitDeny, Some(Identity)),
        case("NotResource deny spares the listed", vec![(Identity, ec2_all.clone()), (Identity, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","NotResource":"arn:aws:ec2:*:*:instance/i-keep"}]}"#.into())], "ec2:StopInstances", "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-keep", Allowed, None),
        case("NotResource deny hits the rest", vec![(Identity, ec2_all.clone()), (Identity, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","NotResource":"arn:aws:ec2:*:*:instance/i-keep"}]}"#.into())], "ec2:StopInstances", "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-other", ExplicitDeny, Some(Identity)),
        case("policy variable aws:username", vec![(Identity, allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}"))], "iam:ChangePassword", "arn:aws:iam::123456789012:user/alice", Allowed, None),
        case("policy variable blocks other users", vec![(Identity, allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}"))], "iam:ChangePassword", "arn:aws:iam::123456789012:user/bob", ImplicitDeny, Some(Identity)),
        case("permissions boundary intersects: both allow", vec![(Identity, ec2_all.clone()), (Boundary, allow("ec2:Describe*", "*"))], "ec2:DescribeVpcs", "*", Allowed, None),
        case("permissions boundary intersects: identity only", vec![(Identity, ec2_all.clone()), (Boundary, allow("ec2:Describe*", "*"))], "ec2:RunInstances", "*", ImplicitDeny, Some(Boundary)),
        case("permissions boundary alone grants nothing", vec![(Boundary, allow("*", "*"))], "ec2:RunInstances", "*", ImplicitDeny, Some(Identity)),
        case("explicit deny in a boundary", vec![(Identity, ec2_all.clone()), (Boundary, allow("*", "*")), (Boundary, deny("ec2:RunInstances", "*"))], "ec2:RunInstances", "*", ExplicitDeny, Some(Boundary)),
        case("SCP intersects: SCP allows", vec![(Scp, allow("*", "*")), (Identity, ec2_all.clone())], "ec2:RunInstances", "*", Allowed, None),
        case("SCP intersects: SCP does not allow", vec![(Scp, allow("s3:*", "*")), (Identity, ec2_all.clone())], "ec2:RunInstances", "*", ImplicitDeny, Some(Scp)),
        case("SCP explicit deny wins over everything", vec![(Scp, allow("*", "*")), (Scp, deny("ec2:RunInstances", "*")), (Identity, allow("*", "*"))], "ec2:RunInstances", "*", ExplicitDeny, Some(Scp)),
        case("SCP alone grants nothing", vec![(Scp, allow("*", "*"))], "ec2:RunInstances", "*", ImplicitDeny, Some(Identity)),
        case("resource-based policy naming the user allows alone", vec![(ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", Allowed, None),
        case("resource-based policy naming the account needs identity allow", vec![(ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", ImplicitDeny, Some(Identity)),
        case("resource-based policy naming another user does not apply", vec![(ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},"Action":"s3:GetObject","Resource":"*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", ImplicitDeny, Some(Identity)),
        case("resource-based deny wins over identity allow", vec![(Identity, allow("s3:*", "*")), (ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}"#.into())], "s3:DeleteObject", "arn:aws:s3:::b/x", ExplicitDeny, Some(ResourceBased)),
        case("resource-based allow to the user is not limited by a boundary", vec![(Boundary, allow("ec2:*", "*")), (ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", Allowed, None),
        case("session policy intersects", vec![(Identity, allow("*", "*")), (Session, allow("s3:*", "*"))], "ec2:RunInstances", "*", ImplicitDeny, Some(Session)),
        case("session policy and identity both allow", vec![(Identity, allow("*", "*")), (Session, allow("s3:*", "*"))], "s3:GetObject", "*", Allowed, None),
        case("session policy alone grants nothing", vec![(Session, allow("*", "*"))], "s3:GetObject", "*", ImplicitDeny, Some(Identity)),
        case("explicit deny in a session policy", vec![(Identity, allow("*", "*")), (Session, allow("*", "*")), (Session, deny("s3:DeleteObject", "*"))], "s3:DeleteObject", "*", ExplicitDeny, Some(Session)),
        case("identity deny wins over a resource-based allow naming the user", vec![(Identity, deny("s3:*", "*")), (ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", ExplicitDeny, Some(Identity)),
        case("SCP limits a resource-based allow", vec![(Scp, allow("ec2:*", "*")), (ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", ImplicitDeny, Some(Scp)),
        case("identity allow alone suffices when a resource policy is silent", vec![(Identity, allow("s3:GetObject", "*")), (ResourceBased, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},"Action":"s3:GetObject","Resource":"*"}]}"#.into())], "s3:GetObject", "arn:aws:s3:::b/x", Allowed, None),
        case("a statement with a failing condition does not deny", vec![(Identity, allow("*", "*")), (Identity, with_condition("Deny", r#"{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#))], "ec2:DescribeVpcs", "*", Allowed, None),
    ];
    let conds: Vec<CondCase> = vec![
        (
            "StringEquals matches",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"aws:RequestedRegion":"ap-northeast-2"}}"#,
            ),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            Allowed,
        ),
        (
            "StringEquals is case-sensitive",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"aws:RequestedRegion":"AP-northeast-2"}}"#,
            ),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            ImplicitDeny,
        ),
        (
            "StringEquals with a missing key fails",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"aws:RequestedRegion":"ap-northeast-2"}}"#,
            ),
            &[],
            ImplicitDeny,
        ),
        (
            "StringEqualsIfExists with a missing key passes",
            with_condition(
                "Allow",
                r#"{"StringEqualsIfExists":{"aws:RequestedRegion":"ap-northeast-2"}}"#,
            ),
            &[],
            Allowed,
        ),
        (
            "StringNotEquals",
            with_condition(
                "Allow",
                r#"{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}"#,
            ),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            Allowed,
        ),
        (
            "StringLike wildcard",
            with_condition("Allow", r#"{"StringLike":{"aws:RequestedRegion":"ap-*"}}"#),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            Allowed,
        ),
        (
            "StringLike mismatch",
            with_condition("Allow", r#"{"StringLike":{"aws:RequestedRegion":"eu-*"}}"#),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            ImplicitDeny,
        ),
        (
            "condition keys are case-insensitive",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"AWS:requestedregion":"ap-northeast-2"}}"#,
            ),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            Allowed,
        ),
        (
            "one of several values",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","ap-northeast-2"]}}"#,
            ),
            &[("aws:RequestedRegion", "ap-northeast-2")],
            Allowed,
        ),
        (
            "several keys must all hold",
            with_condition(
                "Allow",
                r#"{"StringEquals":{"aws:RequestedRegion":"ap-northeast-2","aws:username":"bob"}}"#,
            ),
            &[
                ("aws:RequestedRegion", "ap-northeast-2"),
                ("aws:username", "alice"),
            ],
            ImplicitDeny,
        ),
        (
            "ArnLike",
            with_condition(
                "Allow",
                r#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}}"#,
            ),
            &[("aws:PrincipalArn", ALICE)],
            Allowed,
        ),
        (
            "Bool MFA present",
            with_condition("Allow", r#"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#),
            &[("aws:MultiFactorAuthPresent", "true")],
            Allowed,
        ),
        (
            "Bool MFA absent",
            with_condition("Allow", r#"{"Bool":{"aws:MultiFactorAuthPresent":true}}"#),
            &[("aws:MultiFactorAuthPresent", "false")],
            ImplicitDeny,
        ),
        (
            "deny without MFA (BoolIfExists false)",
            with_condition(
                "Deny",
                r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
            ),
            &[("aws:MultiFactorAuthPresent", "false")],
            ExplicitDeny,
        ),
        (
            "NumericLessThan",
            with_condition("Allow", r#"{"NumericLessThan":{"s3:max-keys":"10"}}"#),
            &[("s3:max-keys", "5")],
            Allowed,
        ),
        (
            "NumericLessThan fails",
            with_condition("Allow", r#"{"NumericLessThan":{"s3:max-keys":"10"}}"#),
            &[("s3:max-keys", "50")],
            ImplicitDeny,
        ),
        (
            "IpAddress in CIDR",
            with_condition(
                "Allow",
                r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#,
            ),
            &[("aws:SourceIp", "203.0.113.10")],
            Allowed,
        ),
        (
            "IpAddress outside CIDR",
            with_condition(
                "Allow",
                r#"{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}"#,
            ),
            &[("aws:SourceIp", "203.0.113.10")],
            ImplicitDeny,
        ),
        (
            "NotIpAddress deny",
            with_condition(
                "Deny",
                r#"{"NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}}"#,
            ),
            &[("aws:SourceIp", "203.0.113.10")],
            ExplicitDeny,
        ),
        (
            "DateGreaterThan",
            with_condition(
                "Allow",
                r#"{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#,
            ),
            &[("aws:CurrentTime", "2026-11-18T11:06:40Z")],
            Allowed,
        ),
        (
            "DateGreaterThan not yet",
            with_condition(
                "Allow",
                r#"{"DateGreaterThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}"#,
            ),
            &[("aws:CurrentTime", "2026-11-18T11:06:40Z")],
            ImplicitDeny,
        ),
        (
            "Null true with a missing key",
            with_condition("Allow", r#"{"Null":{"aws:TokenIssueTime":"true"}}"#),
            &[],
            Allowed,
        ),
        (
            "ForAnyValue:StringLike",
            with_condition(
                "Allow",
                r#"{"ForAnyValue:StringLike":{"aws:TagKeys":"env*"}}"#,
            ),
            &[("aws:TagKeys", "owner"), ("aws:TagKeys", "environment")],
            Allowed,
        ),
        (
            "ForAllValues:StringEquals",
            with_condition(
                "Allow",
                r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","owner"]}}"#,
            ),
            &[("aws:TagKeys", "env"), ("aws:TagKeys", "cost")],
            ImplicitDeny,
        ),
    ];
    for (name, doc, ctx, want) in conds {
        cases.push(Case {
            name,
            policies: vec![(Identity, doc)],
            action: "ec2:DescribeVpcs",
            resource: "*",
            context: ctx,
            want,
            denied_by: match want {
                Allowed => None,
                _ => Some(Identity),
            },
        });
    }
    for c in &cases {
        let sources: Vec<Source> = c.policies.iter().map(|(k, d)| src(*k, d)).collect();
        let mut req = Request::new(c.action, c.resource, ALICE).with("aws:username", "alice");
        for (k, v) in c.context {
            req = req.with(k, v);
        }
        let e = policy::evaluate(&sources, &req, false);
        assert_eq!(e.decision, c.want, "{}", c.name);
        assert_eq!(e.denied_by, c.denied_by, "{}", c.name);
        if c.want == Allowed || c.want == ExplicitDeny {
            assert!(
                !e.matched.is_empty(),
                "{}: the deciding statement is named",
                c.name
            );
        }
    }
}

#[test]
fn root_is_limited_only_by_scps() {
    let deny_all = src(PolicyType::Identity, &deny("*", "*"));
    let req = Request::new("ec2:RunInstances", "*", "arn:aws:iam::123456789012:root");
    assert_eq!(
        policy::evaluate(&[deny_all], &req, true).decision,
        Decision::Allowed
    );
    let scp = src(PolicyType::Scp, &deny("ec2:RunInstances", "*"));
    assert_eq!(
        policy::evaluate(&[scp], &req, true).decision,
        Decision::ExplicitDeny
    );
}

#[test]
fn validation_messages() {
    let cases = [
        ("not json", DocKind::Identity, "Syntax errors in policy."),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
            DocKind::Identity,
            "Policy document should not specify a principal.",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
            DocKind::Identity,
            "Policy statement must contain actions.",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#,
            DocKind::Identity,
            "Policy statement must contain resources.",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}"#,
            DocKind::Identity,
            "Syntax errors in policy.",
        ),
        (
            r#"{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            DocKind::Identity,
            "The policy failed legacy parsing",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}]}"#,
            DocKind::Identity,
            "Resource bucket must be in ARN format or \"*\".",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringSorta":{"a:b":"c"}}}]}"#,
            DocKind::Identity,
            "Invalid Condition type : StringSorta",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
            DocKind::Trust,
            "Missing required field Principal",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
            DocKind::Trust,
            "Has prohibited field Resource",
        ),
    ];
    for (doc, kind, want) in cases {
        let e = policy::parse(doc, kind).expect_err(doc);
        assert_eq!(e.code, "MalformedPolicyDocument");
        assert_eq!(e.message, want, "{doc}");
    }
    assert!(policy::parse(super::managed::MANAGED[0].document, DocKind::Identity).is_ok());
    for m in super::managed::MANAGED {
        assert!(
            policy::parse(m.document, DocKind::Identity).is_ok(),
            "{}",
            m.name
        );
    }
}

#[test]
fn glob_matching() {
    for (p, v, ci, want) in [
        ("*", "", false, true),
        ("ec2:*", "ec2:RunInstances", false, true),
        ("ec2:Describe*", "ec2:describevpcs", true, true),
        ("ec2:Describe*", "ec2:describevpcs", false, false),
        ("a?c", "abc", false, true),
        ("a?c", "ac", false, false),
        ("arn:aws:s3:::b/*/x", "arn:aws:s3:::b/1/2/x", false, true),
    ] {
        assert_eq!(policy::glob(p, v, ci), want, "{p} {v}");
    }
}

#[test]
fn trust_policy_for_services() {
    let mut iam = super::Iam::default();
    iam.roles.insert(
        "pipe".into(),
        super::Role {
            name: "pipe".into(),
            id: "AROA".into(),
            path: "/service-role/".into(),
            created: 0,
            trust: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#.into(),
            description: None,
            max_session: 3600,
            attached: vec![],
            inline: Default::default(),
            boundary: None,
        },
    );
    let r = &iam.roles["pipe"];
    assert!(r.trusts("codepipeline.amazonaws.com"));
    assert!(!r.trusts("ec2.amazonaws.com"));
    assert_eq!(r.arn(), "arn:aws:iam::123456789012:role/service-role/pipe");
}

/// One row of the role-session table: name, policies, expected decision, the layer that denies.
type Row = (
    &'static str,
    Vec<(PolicyType, String)>,
    Decision,
    Option<PolicyType>,
);

/// Role sessions: a resource-based policy naming the session ARN allows on its own; one naming the role ARN stands in
/// for the identity-based policies but stays inside the permissions boundary and the session policy.
#[test]
fn role_session_and_resource_based_policies() {
    use Decision::*;
    use PolicyType::*;
    const SESSION: &str = "arn:aws:sts::123456789012:assumed-role/deployer/ci";
    let rbp = |principal: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":"s3:GetObject","Resource":"*"}}]}}"#
        )
    };
    let role = "arn:aws:iam::123456789012:role/deployer";
    let rows: Vec<Row> = vec![
        (
            "session ARN named: allowed alone",
            vec![(ResourceBased, rbp(SESSION))],
            Allowed,
            None,
        ),
        (
            "session ARN named: not limited by a boundary",
            vec![
                (Boundary, allow("ec2:*", "*")),
                (ResourceBased, rbp(SESSION)),
            ],
            Allowed,
            None,
        ),
        (
            "session ARN named: not limited by a session policy",
            vec![
                (Session, allow("ec2:*", "*")),
                (ResourceBased, rbp(SESSION)),
            ],
            Allowed,
            None,
        ),
        (
            "role ARN named: allowed without identity policy",
            vec![(ResourceBased, rbp(role))],
            Allowed,
            None,
        ),
        (
            "role ARN named: limited by a boundary",
            vec![(Boundary, allow("ec2:*", "*")), (ResourceBased, rbp(role))],
            ImplicitDeny,
            Some(Boundary),
        ),
        (
            "role ARN named: within the boundary",
            vec![(Boundary, allow("s3:*", "*")), (ResourceBased, rbp(role))],
            Allowed,
            None,
        ),
        (
            "role ARN named: limited by a session policy",
            vec![(Session, allow("ec2:*", "*")), (ResourceBased, rbp(role))],
            ImplicitDeny,
            Some(Session),
        ),
        (
            "another role named: needs identity allow",
            vec![(ResourceBased, rbp("arn:aws:iam::123456789012:role/other"))],
            ImplicitDeny,
            Some(Identity),
        ),
    ];
    for (name, policies, want, denied_by) in rows {
        let sources: Vec<Source> = policies.iter().map(|(k, d)| src(*k, d)).collect();
        let req = Request::new("s3:GetObject", "arn:aws:s3:::b/x", SESSION);
        let e = policy::evaluate(&sources, &req, false);
        assert_eq!(e.decision, want, "{name}");
        assert_eq!(e.denied_by, denied_by, "{name}");
        if want == Allowed {
            assert!(
                !e.matched.is_empty(),
                "{name}: the deciding statement is named"
            );
        }
    }
}
