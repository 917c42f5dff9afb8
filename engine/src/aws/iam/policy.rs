//! IAM policy documents: parsing with IAM's own validation errors, statement matching (wildcards, policy variables,
//! condition operators) and the documented evaluation logic (explicit deny, SCPs, resource-based policies,
//! permissions boundaries, identity-based policies, implicit deny).

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde_json::{Value, json};

use crate::aws::AwsError;

/// Whether a statement allows or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

/// What kind of document is being validated: identity policies may not name a principal, trust and resource policies must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// An identity-based policy (managed, inline, boundary, SCP).
    Identity,
    /// A role's trust policy (`--assume-role-policy-document`).
    Trust,
    /// A resource-based policy with principals.
    Resource,
}

/// One parsed statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The `Sid`, if any.
    pub sid: Option<String>,
    /// Allow or Deny.
    pub effect: Effect,
    /// The action patterns and whether they are `NotAction`.
    pub actions: Vec<String>,
    /// True for `NotAction`.
    pub not_action: bool,
    /// The resource patterns (empty with no `Resource`, as in trust policies).
    pub resources: Vec<String>,
    /// True for `NotResource`.
    pub not_resource: bool,
    /// The `Principal` element as written (resource and trust policies).
    pub principal: Option<Value>,
    /// The `Condition` block: operator → key → values.
    pub conditions: Vec<(String, String, Vec<String>)>,
    /// Where the statement starts and ends in the document text: (line, column) pairs, 1-based.
    pub span: ((usize, usize), (usize, usize)),
}

/// A parsed, validated policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `Version`, `2008-10-17` when absent.
    pub version: String,
    /// Its statements in order.
    pub statements: Vec<Statement>,
}

fn malformed(msg: impl Into<String>) -> AwsError {
    AwsError::new("MalformedPolicyDocument", msg)
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>(),
        _ => None,
    }
}

/// The condition operators IAM knows (without `IfExists` and set prefixes).
pub const CONDITION_OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

fn base_operator(op: &str) -> &str {
    let op = op
        .strip_prefix("ForAnyValue:")
        .or_else(|| op.strip_prefix("ForAllValues:"))
        .unwrap_or(op);
    op.strip_suffix("IfExists").unwrap_or(op)
}

/// Parses and validates a policy document as IAM does, with IAM's messages (`MalformedPolicyDocument`).
pub fn parse(text: &str, kind: DocKind) -> Result<Policy, AwsError> {
    let doc: Value =
        serde_json::from_str(text).map_err(|_| malformed("Syntax errors in policy."))?;
    let Value::Object(top) = &doc else {
        return Err(malformed("Syntax errors in policy."));
    };
    for k in top.keys() {
        if !matches!(k.as_str(), "Version" | "Id" | "Statement") {
            return Err(malformed("Syntax errors in policy."));
        }
    }
    let version = match top.get("Version") {
        None => "2008-10-17".to_owned(),
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => v.clone(),
        Some(_) => return Err(malformed("The policy failed legacy parsing")),
    };
    let stmts: Vec<&Value> = match top.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(o @ Value::Object(_)) => vec![o],
        _ => return Err(malformed("Syntax errors in policy.")),
    };
    let spans = statement_spans(text);
    let mut statements = vec![];
    for (i, s) in stmts.into_iter().enumerate() {
        let Value::Object(m) = s else {
            return Err(malformed("Syntax errors in policy."));
        };
        for k in m.keys() {
            if !matches!(
                k.as_str(),
                "Sid"
                    | "Effect"
                    | "Action"
                    | "NotAction"
                    | "Resource"
                    | "NotResource"
                    | "Principal"
                    | "NotPrincipal"
                    | "Condition"
            ) {
                return Err(malformed("Syntax errors in policy."));
            }
        }
        let effect = match m.get("Effect").and_then(Value::as_str) {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            None => return Err(malformed("Missing required field Effect")),
            Some(_) => return Err(malformed("Syntax errors in policy.")),
        };
        if m.contains_key("Action") && m.contains_key("NotAction")
            || m.contains_key("Resource") && m.contains_key("NotResource")
        {
            return Err(malformed("Syntax errors in policy."));
        }
        let (actions, not_action) = match (m.get("Action"), m.get("NotAction")) {
            (Some(a), None) => (strings(a), false),
            (None, Some(a)) => (strings(a), true),
            _ => return Err(malformed("Policy statement must contain actions.")),
        };
        let actions = actions.ok_or_else(|| malformed("Syntax errors in policy."))?;
        if actions.is_empty() {
            return Err(malformed("Policy statement must contain actions."));
        }
        for a in &actions {
            if a != "*" && !a.contains(':') {
                return Err(malformed(
                    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
                ));
            }
        }
        let principal = m.get("Principal").or(m.get("NotPrincipal")).cloned();
        let (resources, not_resource) = match (m.get("Resource"), m.get("NotResource")) {
            (Some(r), None) => (
                strings(r).ok_or_else(|| malformed("Syntax errors in policy."))?,
                false,
            ),
            (None, Some(r)) => (
                strings(r).ok_or_else(|| malformed("Syntax errors in policy."))?,
                true,
            ),
            _ => (vec![], false),
        };
        match kind {
            DocKind::Identity => {
                if principal.is_some() {
                    return Err(malformed("Policy document should not specify a principal."));
                }
                if resources.is_empty() {
                    return Err(malformed("Policy statement must contain resources."));
                }
            }
            DocKind::Trust => {
                if principal.is_none() {
                    return Err(malformed("Missing required field Principal"));
                }
                if m.contains_key("Resource") || m.contains_key("NotResource") {
                    return Err(malformed("Has prohibited field Resource"));
                }
            }
            DocKind::Resource => {
                if principal.is_none() {
                    return Err(malformed("Missing required field Principal"));
                }
            }
        }
        for r in &resources {
            if r != "*" && !r.starts_with("arn:") {
                return Err(malformed(format!(
                    "Resource {r} must be in ARN format or \"*\"."
                )));
            }
        }
        let mut conditions = vec![];
        if let Some(c) = m.get("Condition") {
            let Value::Object(ops) = c else {
                return Err(malformed("Syntax errors in policy."));
            };
            for (op, keys) in ops {
                if !CONDITION_OPERATORS.contains(&base_operator(op)) {
                    return Err(malformed(format!("Invalid Condition type : {op}")));
                }
                let Value::Object(keys) = keys else {
                    return Err(malformed("Syntax errors in policy."));
                };
                for (k, v) in keys {
                    let vals = match v {
                        Value::Bool(b) => vec![b.to_string()],
                        Value::Number(n) => vec![n.to_string()],
                        Value::Array(a) => a
                            .iter()
                            .map(|x| match x {
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            })
                            .collect(),
                        Value::String(s) => vec![s.clone()],
                        _ => return Err(malformed("Syntax errors in policy.")),
                    };
                    conditions.push((op.clone(), k.clone(), vals));
                }
            }
        }
        statements.push(Statement {
            sid: m.get("Sid").and_then(Value::as_str).map(str::to_owned),
            effect,
            actions,
            not_action,
            resources,
            not_resource,
            principal,
            conditions,
            span: spans.get(i).copied().unwrap_or(((1, 1), (1, 1))),
        });
    }
    Ok(Policy {
        version,
        statements,
    })
}

/// The (line, column) start and end of each object in the top-level `Statement` (1-based; end is just past `}`).
fn statement_spans(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut out = vec![];
    let (mut line, mut col) = (1usize, 1usize);
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    let mut last_key = String::new();
    let mut cur_str = String::new();
    let mut in_statement_depth: Option<i32> = None;
    let mut start = (0, 0);
    for c in text.chars() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            } else {
                cur_str.push(c);
            }
        } else {
            match c {
                '"' => {
                    in_str = true;
                    cur_str.clear();
                }
                ':' => last_key = cur_str.clone(),
                '{' | '[' => {
                    depth += 1;
                    if depth == 2 && last_key == "Statement" {
                        in_statement_depth = Some(if c == '[' { 3 } else { 2 });
                        if c == '{' {
                            start = (line, col);
                        }
                    } else if Some(depth) == in_statement_depth && c == '{' {
                        start = (line, col);
                    }
                }
                '}' | ']' => {
                    if Some(depth) == in_statement_depth && c == '}' {
                        out.push((start, (line, col + 1)));
                    }
                    if depth == 2 {
                        in_statement_depth = None;
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    out
}

/// Case-insensitive (for actions) or case-sensitive glob match with `*` and `?`.
pub fn glob(pattern: &str, value: &str, ignore_case: bool) -> bool {
    let (p, v): (Vec<char>, Vec<char>) = if ignore_case {
        (
            pattern.to_lowercase().chars().collect(),
            value.to_lowercase().chars().collect(),
        )
    } else {
        (pattern.chars().collect(), value.chars().collect())
    };
    let (mut pi, mut vi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// The request being authorised: who asks for what on which resource, with its condition keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    /// Such as `ec2:RunInstances`.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
    /// The caller's ARN (user, role session or root).
    pub principal_arn: String,
    /// Condition keys (lower-cased names) and their values, such as `aws:sourceip`.
    pub context: BTreeMap<String, Vec<String>>,
}

impl Request {
    /// A request for `action` on `resource` by `principal_arn` with no context keys.
    pub fn new(action: &str, resource: &str, principal_arn: &str) -> Self {
        Self {
            action: action.to_owned(),
            resource: resource.to_owned(),
            principal_arn: principal_arn.to_owned(),
            context: BTreeMap::new(),
        }
    }

    /// Adds a context key (`aws:SourceIp`, `aws:MultiFactorAuthPresent`, …).
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.context
            .entry(key.to_lowercase())
            .or_default()
            .push(value.to_owned());
        self
    }

    fn key(&self, k: &str) -> Option<&Vec<String>> {
        self.context.get(&k.to_lowercase())
    }
}

/// Substitutes `${aws:username}`-style policy variables (and `${*}`, `${?}`, `${$}`) from the request context.
/// A variable the request lacks makes the pattern match nothing, as IAM does.
pub fn substitute(pattern: &str, req: &Request) -> Option<String> {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find('}') else {
            out.push_str(&rest[i..]);
            return Some(out);
        };
        let name = &after[..j];
        let (name, default) = match name.split_once(", '") {
            Some((n, d)) => (n.trim(), Some(d.trim_end_matches('\''))),
            None => (name, None),
        };
        match name {
            "*" => out.push('*'),
            "?" => out.push('?'),
            "$" => out.push('$'),
            _ => match req.key(name).and_then(|v| v.first()) {
                Some(v) => out.push_str(v),
                None => match default {
                    Some(d) => out.push_str(d),
                    None => return None,
                },
            },
        }
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn action_matches(s: &Statement, action: &str) -> bool {
    let hit = s.actions.iter().any(|a| glob(a, action, true));
    hit != s.not_action
}

fn resource_matches(s: &Statement, req: &Request) -> bool {
    if s.resources.is_empty() {
        return true;
    }
    let hit = s
        .resources
        .iter()
        .any(|r| substitute(r, req).is_some_and(|p| p == "*" || glob(&p, &req.resource, false)));
    hit != s.not_resource
}

/// Whether a statement's `Principal` names the caller (`*`, its ARN, or a service).
pub fn principal_matches(principal: &Value, caller_arn: &str) -> bool {
    match principal {
        Value::String(s) => s == "*",
        Value::Object(m) => m.iter().any(|(kind, v)| {
            strings(v)
                .unwrap_or_default()
                .iter()
                .any(|p| match kind.as_str() {
                    "AWS" => {
                        p == "*"
                            || p == caller_arn
                            || session_role_arn(caller_arn).as_deref() == Some(p)
                    }
                    "Service" => p == caller_arn,
                    _ => false,
                })
        }),
        _ => false,
    }
}

/// The role ARN behind an assumed-role session ARN (`arn:aws:sts::A:assumed-role/R/s` → `arn:aws:iam::A:role/R`).
pub fn session_role_arn(arn: &str) -> Option<String> {
    let rest = arn.strip_prefix("arn:aws:sts::")?;
    let (acct, rest) = rest.split_once(':')?;
    let rest = rest.strip_prefix("assumed-role/")?;
    let role = rest.split('/').next()?;
    Some(format!("arn:aws:iam::{acct}:role/{role}"))
}

fn parse_date(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(n * 1000);
    }
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let mo: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    let (h, mi, se) = if b.len() >= 19 {
        (
            s.get(11..13)?.parse().ok()?,
            s.get(14..16)?.parse().ok()?,
            s.get(17..19)?.parse().ok()?,
        )
    } else {
        (0i64, 0i64, 0i64)
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400) + h * 3600 + mi * 60 + se) * 1000)
}

fn ip_in(value: &str, cidr: &str) -> bool {
    let Ok(ip) = value.parse::<IpAddr>() else {
        return false;
    };
    if let Ok(net) = cidr.parse::<ipnet::IpNet>() {
        return net.contains(&ip);
    }
    cidr.parse::<IpAddr>().is_ok_and(|c| c == ip)
}

fn compare(op: &str, actual: &str, expected: &str, req: &Request) -> bool {
    let expected = substitute(expected, req).unwrap_or_default();
    let num = |s: &str| s.parse::<f64>().ok();
    match op {
        "StringEquals" | "StringNotEquals" => actual == expected,
        "StringEqualsIgnoreCase" | "StringNotEqualsIgnoreCase" => {
            actual.eq_ignore_ascii_case(&expected)
        }
        "StringLike" | "StringNotLike" => glob(&expected, actual, false),
        "ArnEquals" | "ArnNotEquals" | "ArnLike" | "ArnNotLike" => glob(&expected, actual, false),
        "Bool" => actual.eq_ignore_ascii_case(&expected),
        "BinaryEquals" => actual == expected,
        "IpAddress" | "NotIpAddress" => ip_in(actual, &expected),
        "NumericEquals" | "NumericNotEquals" => num(actual) == num(&expected),
        "NumericLessThan" => matches!((num(actual), num(&expected)), (Some(a), Some(b)) if a < b),
        "NumericLessThanEquals" => {
            matches!((num(actual), num(&expected)), (Some(a), Some(b)) if a <= b)
        }
        "NumericGreaterThan" => {
            matches!((num(actual), num(&expected)), (Some(a), Some(b)) if a > b)
        }
        "NumericGreaterThanEquals" => {
            matches!((num(actual), num(&expected)), (Some(a), Some(b)) if a >= b)
        }
        _ if op.starts_with("Date") => {
            let (Some(a), Some(b)) = (parse_date(actual), parse_date(&expected)) else {
                return false;
            };
            match op {
                "DateEquals" | "DateNotEquals" => a == b,
                "DateLessThan" => a < b,
                "DateLessThanEquals" => a <= b,
                "DateGreaterThan" => a > b,
                "DateGreaterThanEquals" => a >= b,
                _ => false,
            }
        }
        _ => false,
    }
}

fn negated(op: &str) -> bool {
    matches!(
        op,
        "StringNotEquals"
            | "StringNotEqualsIgnoreCase"
            | "StringNotLike"
            | "NumericNotEquals"
            | "DateNotEquals"
            | "NotIpAddress"
            | "ArnNotEquals"
            | "ArnNotLike"
    )
}

/// Whether one condition (`operator`, `key`, `values`) holds for the request.
pub fn condition_holds(operator: &str, key: &str, values: &[String], req: &Request) -> bool {
    let if_exists = operator.ends_with("IfExists");
    let for_all = operator.starts_with("ForAllValues:");
    let for_any = operator.starts_with("ForAnyValue:");
    let op = base_operator(operator);
    let actual = req.key(key);
    if op == "Null" {
        let want_null = values.iter().any(|v| v == "true");
        return actual.is_none() == want_null;
    }
    let Some(actual) = actual else {
        // A missing key fails a positive operator and passes a negated one, or any `…IfExists`; ForAllValues passes on an empty set.
        return if_exists || for_all || negated(op);
    };
    let one = |a: &str| {
        let any = values.iter().any(|v| compare(op, a, v, req));
        if negated(op) { !any } else { any }
    };
    if for_all {
        actual.iter().all(|a| one(a))
    } else if for_any {
        actual.iter().any(|a| one(a))
    } else if negated(op) {
        actual.iter().all(|a| one(a))
    } else {
        actual.iter().any(|a| one(a))
    }
}

/// Whether a statement applies to the request (action, resource, and every condition; principal for resource policies).
pub fn statement_applies(s: &Statement, req: &Request, check_principal: bool) -> bool {
    if check_principal {
        match &s.principal {
            Some(p) if principal_matches(p, &req.principal_arn) => {}
            _ => return false,
        }
    }
    action_matches(s, &req.action)
        && resource_matches(s, req)
        && s.conditions
            .iter()
            .all(|(op, k, v)| condition_holds(op, k, v, req))
}

/// The final answer for one request, in `simulate-*-policy` spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Some policy allowed it and nothing denied it.
    Allowed,
    /// A statement denied it.
    ExplicitDeny,
    /// Nothing allowed it.
    ImplicitDeny,
}

impl Decision {
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
        }
    }
}

/// The kinds of policy that take part in an evaluation, with the words AWS's messages use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyType {
    /// An Organizations service control policy.
    Scp,
    /// A resource-based policy (trust policy, repository policy, …).
    ResourceBased,
    /// A permissions boundary.
    Boundary,
    /// A session policy passed to AssumeRole.
    Session,
    /// Managed or inline policies of the user, its groups or the role.
    Identity,
}

impl PolicyType {
    /// The phrase in an access-denied message (`identity-based policy`, `service control policy`, …).
    pub fn phrase(self) -> &'static str {
        match self {
            PolicyType::Scp => "service control policy",
            PolicyType::ResourceBased => "resource-based policy",
            PolicyType::Boundary => "permissions boundary",
            PolicyType::Session => "session policy",
            PolicyType::Identity => "identity-based policy",
        }
    }
}

/// One policy taking part in an evaluation: where it comes from and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The name `MatchedStatements` reports (`PolicyInputList.1`, a policy name, …).
    pub id: String,
    /// The `SourcePolicyType` (`user`, `group`, `role`, `aws-managed`, `user-managed`, `IAM Policy`, `resource`, …).
    pub source_type: String,
    /// Which layer of evaluation it belongs to.
    pub kind: PolicyType,
    /// The parsed document.
    pub policy: Policy,
}

/// A statement that decided (or took part in) an evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// The policy's id.
    pub source_id: String,
    /// The policy's source type.
    pub source_type: String,
    /// The statement's `Sid`, if any.
    pub sid: Option<String>,
    /// The statement's effect.
    pub effect: Effect,
    /// Start and end (line, column).
    pub span: ((usize, usize), (usize, usize)),
}

impl Matched {
    /// The `MatchedStatements` entry AWS returns.
    pub fn to_json(&self) -> Value {
        json!({
            "SourcePolicyId": self.source_id,
            "SourcePolicyType": self.source_type,
            "StartPosition": {"Line": self.span.0.0, "Column": self.span.0.1},
            "EndPosition": {"Line": self.span.1.0, "Column": self.span.1.1}
        })
    }
}

/// The result of evaluating one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// The layer that decided a denial (for the message), or None when allowed.
    pub denied_by: Option<PolicyType>,
    /// The statements that decided: the denying ones for an explicit deny, the allowing ones otherwise.
    pub matched: Vec<Matched>,
    /// Whether a permissions boundary took part, and whether it allowed.
    pub boundary_allowed: Option<bool>,
}

fn matching(sources: &[&Source], req: &Request, effect: Effect, principal: bool) -> Vec<Matched> {
    let mut out = vec![];
    for src in sources {
        for s in &src.policy.statements {
            if s.effect == effect && statement_applies(s, req, principal) {
                out.push(Matched {
                    source_id: src.id.clone(),
                    source_type: src.source_type.clone(),
                    sid: s.sid.clone(),
                    effect,
                    span: s.span,
                });
            }
        }
    }
    out
}

/// Whether a resource-based allow names the caller itself (a user ARN or a session ARN), which grants access on its
/// own within one account; naming the account (`:root`) or the role only delegates to identity policies.
fn grants_directly(src: &Source, req: &Request) -> bool {
    src.policy.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && statement_applies(s, req, true)
            && s.principal.as_ref().is_some_and(|p| {
                let direct = |v: &str| v == "*" || v == req.principal_arn;
                match p {
                    Value::String(v) => direct(v),
                    Value::Object(m) => m
                        .values()
                        .any(|v| strings(v).unwrap_or_default().iter().any(|x| direct(x))),
                    _ => false,
                }
            })
    })
}

/// Whether a resource-based allow names the role behind the caller's role session (not the session itself): such an
/// allow stands in for the identity-based policies but is still limited by the permissions boundary and the session
/// policy, as AWS documents for same-account requests.
fn grants_role(src: &Source, req: &Request) -> bool {
    let Some(role) = session_role_arn(&req.principal_arn) else {
        return false;
    };
    src.policy.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && statement_applies(s, req, true)
            && s.principal.as_ref().is_some_and(|p| match p {
                Value::Object(m) => m
                    .get("AWS")
                    .is_some_and(|v| strings(v).unwrap_or_default().contains(&role)),
                _ => false,
            })
    })
}

/// Evaluates a request against every policy that applies, following AWS's documented order: explicit deny anywhere
/// wins; then SCPs must allow; a same-account resource-based policy naming the caller (a user or a role session)
/// allows; then the permissions boundary and the session policy must each allow, and either the identity-based
/// policies or a resource-based policy naming the session's role must allow; otherwise implicit deny.
/// `root` callers skip everything but SCPs.
pub fn evaluate(sources: &[Source], req: &Request, root: bool) -> Evaluation {
    let of = |k: PolicyType| -> Vec<&Source> { sources.iter().filter(|s| s.kind == k).collect() };
    let scps = of(PolicyType::Scp);
    let resource = of(PolicyType::ResourceBased);
    let boundary = of(PolicyType::Boundary);
    let session = of(PolicyType::Session);
    let identity = of(PolicyType::Identity);
    let boundary_allowed = if boundary.is_empty() {
        None
    } else {
        Some(!matching(&boundary, req, Effect::Allow, false).is_empty())
    };
    // 1. Explicit deny in any policy.
    for (layer, srcs, principal) in [
        (PolicyType::Scp, &scps, false),
        (PolicyType::ResourceBased, &resource, true),
        (PolicyType::Identity, &identity, false),
        (PolicyType::Session, &session, false),
        (PolicyType::Boundary, &boundary, false),
    ] {
        if root && layer != PolicyType::Scp {
            continue;
        }
        let denies = matching(srcs, req, Effect::Deny, principal);
        if !denies.is_empty() {
            return Evaluation {
                decision: Decision::ExplicitDeny,
                denied_by: Some(layer),
                matched: denies,
                boundary_allowed,
            };
        }
    }
    let implicit = |layer: PolicyType, matched: Vec<Matched>| Evaluation {
        decision: Decision::ImplicitDeny,
        denied_by: Some(layer),
        matched,
        boundary_allowed,
    };
    // 2. Service control policies must allow.
    if !scps.is_empty() && matching(&scps, req, Effect::Allow, false).is_empty() {
        return implicit(PolicyType::Scp, vec![]);
    }
    if root {
        return Evaluation {
            decision: Decision::Allowed,
            denied_by: None,
            matched: vec![],
            boundary_allowed,
        };
    }
    // 3. A resource-based policy naming the caller allows within the account.
    if let Some(src) = resource.iter().find(|s| grants_directly(s, req)) {
        return Evaluation {
            decision: Decision::Allowed,
            denied_by: None,
            matched: matching(&[src], req, Effect::Allow, true),
            boundary_allowed,
        };
    }
    // 4. Permissions boundary, 5. session policy, 6. identity-based policies.
    if boundary_allowed == Some(false) {
        return implicit(PolicyType::Boundary, vec![]);
    }
    if !session.is_empty() && matching(&session, req, Effect::Allow, false).is_empty() {
        return implicit(PolicyType::Session, vec![]);
    }
    if let Some(src) = resource.iter().find(|s| grants_role(s, req)) {
        return Evaluation {
            decision: Decision::Allowed,
            denied_by: None,
            matched: matching(&[src], req, Effect::Allow, true),
            boundary_allowed,
        };
    }
    let allows = matching(&identity, req, Effect::Allow, false);
    if allows.is_empty() {
        return implicit(PolicyType::Identity, vec![]);
    }
    Evaluation {
        decision: Decision::Allowed,
        denied_by: None,
        matched: allows,
        boundary_allowed,
    }
}

/// The sentence AWS puts in an access-denied error: `User: ARN is not authorized to perform: ACTION on resource: RES because …`.
pub fn denial_message(eval: &Evaluation, req: &Request) -> String {
    let layer = eval.denied_by.unwrap_or(PolicyType::Identity);
    let why = match (eval.decision, layer) {
        (Decision::ExplicitDeny, PolicyType::Boundary) => {
            "with an explicit deny in a permissions boundary".to_owned()
        }
        (Decision::ExplicitDeny, PolicyType::Identity) => {
            "with an explicit deny in an identity-based policy".to_owned()
        }
        (Decision::ExplicitDeny, l) => format!("with an explicit deny in a {}", l.phrase()),
        (_, l) => format!("because no {} allows the {} action", l.phrase(), req.action),
    };
    format!(
        "User: {} is not authorized to perform: {} on resource: {} {why}",
        req.principal_arn, req.action, req.resource
    )
}
