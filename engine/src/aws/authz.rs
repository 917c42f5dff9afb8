//! Authorisation of every `aws` call: the IAM action and resource ARN an operation needs, the caller behind the
//! credentials in use, and each service's own access-denied error.

use super::args::Params;
use super::iam::policy::{self, Evaluation, Request};
use super::model::{ACCOUNT_ID, AwsError};

/// The IAM service prefix of a CLI service name (`elbv2` → `elasticloadbalancing`).
pub fn prefix(service: &str) -> &str {
    match service {
        "elb" | "elbv2" => "elasticloadbalancing",
        "cloudwatch" => "cloudwatch",
        other => other,
    }
}

/// The IAM action (`ec2:RunInstances`) and resource ARN (or `*`) an operation is authorised against.
pub fn action_and_resource(service: &str, api: &str, p: &Params, region: &str) -> (String, String) {
    let action = format!("{}:{api}", prefix(service));
    let iam = |kind: &str, flag: &str| {
        format!(
            "arn:aws:iam::{ACCOUNT_ID}:{kind}/{}",
            p.str(flag).unwrap_or("*")
        )
    };
    let resource = match service {
        "ec2" => match api {
            "RunInstances" => format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:instance/*"),
            "TerminateInstances" | "StopInstances" | "StartInstances" | "RebootInstances" => {
                let ids = p.list("instance-ids");
                format!(
                    "arn:aws:ec2:{region}:{ACCOUNT_ID}:instance/{}",
                    ids.first().map(String::as_str).unwrap_or("*")
                )
            }
            "CreateVpc" => format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:vpc/*"),
            "CreateSubnet" => format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:subnet/*"),
            "CreateSecurityGroup" => format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:security-group/*"),
            _ => "*".into(),
        },
        "iam" => {
            if p.has("policy-arn")
                && !api.contains("User")
                && !api.contains("Group")
                && !api.contains("Role")
            {
                p.req("policy-arn").to_owned()
            } else if p.has("user-name") {
                iam("user", "user-name")
            } else if p.has("group-name") {
                iam("group", "group-name")
            } else if p.has("role-name") {
                iam("role", "role-name")
            } else if p.has("policy-name") && api == "CreatePolicy" {
                iam("policy", "policy-name")
            } else if p.has("instance-profile-name") {
                iam("instance-profile", "instance-profile-name")
            } else if p.has("policy-source-arn") {
                p.req("policy-source-arn").to_owned()
            } else if let Some(kind) = match api {
                "ListUsers" => Some("user"),
                "ListRoles" => Some("role"),
                "ListGroups" => Some("group"),
                "ListPolicies" => Some("policy"),
                "ListInstanceProfiles" => Some("instance-profile"),
                _ => None,
            } {
                // Listing is authorised against the path prefix, `/` by default.
                format!(
                    "arn:aws:iam::{ACCOUNT_ID}:{kind}{}",
                    p.str("path-prefix").unwrap_or("/")
                )
            } else {
                "*".into()
            }
        }
        "sts" if api == "AssumeRole" => p.req("role-arn").to_owned(),
        // A pull request's repository is named in its targets.
        "codecommit" => match p.str("repository-name").or_else(|| {
            p.json("targets")?
                .as_array()?
                .first()?
                .get("repositoryName")?
                .as_str()
        }) {
            Some(n) => format!("arn:aws:codecommit:{region}:{ACCOUNT_ID}:{n}"),
            None => "*".into(),
        },
        "codepipeline" => match p.str("name").or(p.str("pipeline-name")) {
            Some(n) => format!("arn:aws:codepipeline:{region}:{ACCOUNT_ID}:{n}"),
            None => "*".into(),
        },
        "ssm" if api == "SendCommand" => {
            format!(
                "arn:aws:ssm:{region}::document/{}",
                p.str("document-name").unwrap_or("*")
            )
        }
        // SNS authorises against the topic, or every topic of the region for account-wide calls.
        "sns" => match (p.str("topic-arn"), p.str("name")) {
            (Some(arn), _) => arn.to_owned(),
            (None, Some(n)) if api == "CreateTopic" => {
                format!("arn:aws:sns:{region}:{ACCOUNT_ID}:{n}")
            }
            _ => format!("arn:aws:sns:{region}:{ACCOUNT_ID}:*"),
        },
        "eks" => match p.str("name").or(p.str("cluster-name")) {
            Some(n) => format!("arn:aws:eks:{region}:{ACCOUNT_ID}:cluster/{n}"),
            None => "*".into(),
        },
        _ => "*".into(),
    };
    (action, resource)
}

/// A deterministic stand-in for EC2's encoded authorization failure message (decodable only by the real STS).
fn encoded(req: &Request) -> String {
    let chars = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut h =
        super::fnv1a(format!("{}{}{}", req.action, req.resource, req.principal_arn).bytes());
    let mut s = String::new();
    for _ in 0..96 {
        h = h
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s.push(chars[(h >> 58) as usize] as char);
    }
    s
}

/// The service's error for a denied call: EC2's `UnauthorizedOperation` with an encoded message, IAM's and STS's and
/// ELB's `AccessDenied`, SNS's `AuthorizationError`, and `AccessDeniedException` for the JSON-protocol services.
pub fn denied(service: &str, eval: &Evaluation, req: &Request) -> AwsError {
    let msg = policy::denial_message(eval, req);
    match service {
        "ec2" => AwsError::new(
            "UnauthorizedOperation",
            format!(
                "You are not authorized to perform this operation. {msg}. Encoded authorization failure message: {}",
                encoded(req)
            ),
        ),
        // SNS answers with its own code and spells the action's service prefix in capitals.
        "sns" => AwsError::new("AuthorizationError", msg.replace(" sns:", " SNS:")),
        "iam" | "sts" | "elb" | "elbv2" | "cloudwatch" => AwsError::new("AccessDenied", msg),
        _ => AwsError::new("AccessDeniedException", msg),
    }
}

/// The service's error for credentials the account never issued.
pub fn invalid_key(service: &str) -> AwsError {
    match service {
        "ec2" => AwsError::new(
            "AuthFailure",
            "AWS was not able to validate the provided access credentials",
        ),
        "iam" | "sts" | "elb" | "elbv2" | "cloudwatch" | "sns" => AwsError::new(
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        ),
        _ => AwsError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
    }
}
