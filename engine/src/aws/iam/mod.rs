//! Identity and Access Management: users, groups, roles, managed and inline policies, access keys, login profiles,
//! MFA devices, instance profiles, assumed-role sessions, the `aws iam` / `aws sts` operations, and the identity every
//! other `aws` command is authorised as (see [`Iam::authorize`]).

pub mod managed;
pub mod policy;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::model::ACCOUNT_ID;
use super::render::timestamp;
use crate::aws::AwsError;
use policy::{DocKind, PolicyType, Request, Source};

/// The IAM user the playground's default credentials belong to (an administrator).
pub const DEFAULT_USER: &str = "student";

/// An IAM user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Its name.
    pub name: String,
    /// `AIDA…`.
    pub id: String,
    /// Its path, `/` by default.
    pub path: String,
    /// Creation time (virtual ms).
    pub created: i64,
    /// Attached managed policy ARNs.
    pub attached: Vec<String>,
    /// Inline policies by name (document text).
    pub inline: BTreeMap<String, String>,
    /// Whether a console password exists, and whether it must be reset.
    pub login_profile: Option<bool>,
    /// Enabled MFA device serial numbers.
    pub mfa: Vec<String>,
    /// The permissions boundary policy ARN.
    pub boundary: Option<String>,
}

impl User {
    /// `arn:aws:iam::ACCOUNT:user{path}{name}`.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT_ID}:user{}{}", self.path, self.name)
    }
}

/// An IAM group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Its name.
    pub name: String,
    /// `AGPA…`.
    pub id: String,
    /// Its path.
    pub path: String,
    /// Creation time.
    pub created: i64,
    /// Member user names.
    pub members: Vec<String>,
    /// Attached managed policy ARNs.
    pub attached: Vec<String>,
    /// Inline policies by name.
    pub inline: BTreeMap<String, String>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Its name.
    pub name: String,
    /// `AROA…`.
    pub id: String,
    /// Its path.
    pub path: String,
    /// Creation time.
    pub created: i64,
    /// The trust policy text.
    pub trust: String,
    /// Its description.
    pub description: Option<String>,
    /// Maximum session duration in seconds.
    pub max_session: i64,
    /// Attached managed policy ARNs.
    pub attached: Vec<String>,
    /// Inline policies by name.
    pub inline: BTreeMap<String, String>,
    /// The permissions boundary policy ARN.
    pub boundary: Option<String>,
}

impl Role {
    /// `arn:aws:iam::ACCOUNT:role{path}{name}`.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT_ID}:role{}{}", self.path, self.name)
    }

    /// Whether the trust policy lets `principal` (a service such as `codepipeline.amazonaws.com` or an ARN) assume the role.
    pub fn trusts(&self, principal: &str) -> bool {
        policy::parse(&self.trust, DocKind::Trust).is_ok_and(|p| {
            p.statements.iter().any(|s| {
                s.effect == policy::Effect::Allow
                    && policy::statement_applies(
                        s,
                        &Request::new("sts:AssumeRole", "*", principal),
                        true,
                    )
            })
        })
    }
}

/// A customer managed policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerPolicy {
    /// Its name.
    pub name: String,
    /// `ANPA…`.
    pub id: String,
    /// Its path.
    pub path: String,
    /// Its description.
    pub description: Option<String>,
    /// Versions: (version id, document, created).
    pub versions: Vec<(String, String, i64)>,
    /// The default version id.
    pub default_version: String,
    /// Creation time.
    pub created: i64,
    /// Last update time.
    pub updated: i64,
}

impl CustomerPolicy {
    /// `arn:aws:iam::ACCOUNT:policy{path}{name}`.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT_ID}:policy{}{}", self.path, self.name)
    }
}

/// An access key pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessKey {
    /// `AKIA…`.
    pub id: String,
    /// The secret.
    pub secret: String,
    /// The owning user (None for the root user's keys).
    pub user: Option<String>,
    /// `Active` or `Inactive`.
    pub status: String,
    /// Creation time.
    pub created: i64,
}

/// Temporary credentials from `sts assume-role`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// `ASIA…`.
    pub key: String,
    /// The secret.
    pub secret: String,
    /// The session token.
    pub token: String,
    /// The role assumed.
    pub role: String,
    /// The session name.
    pub name: String,
    /// Expiry (virtual ms).
    pub expires: i64,
    /// Whether MFA was presented on AssumeRole.
    pub mfa: bool,
    /// The session policy passed with `--policy`, which further limits the role's permissions.
    #[serde(default)]
    pub policy: Option<String>,
}

/// An instance profile (the container that passes a role to EC2 instances).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceProfile {
    /// Its name.
    pub name: String,
    /// `AIPA…`.
    pub id: String,
    /// Creation time.
    pub created: i64,
    /// The role it holds (at most one).
    pub roles: Vec<String>,
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// The account's root user.
    Root,
    /// An IAM user.
    User(String),
    /// An assumed-role session: (role, session name).
    Session(String, String),
}

/// The caller of one command: principal and how it authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Who.
    pub principal: Principal,
    /// Whether MFA was used to authenticate.
    pub mfa: bool,
    /// The access key used.
    pub access_key: String,
}

/// The IAM state of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Iam {
    /// Users by name.
    pub users: BTreeMap<String, User>,
    /// Groups by name.
    pub groups: BTreeMap<String, Group>,
    /// Roles by name.
    pub roles: BTreeMap<String, Role>,
    /// Customer managed policies by ARN.
    pub policies: BTreeMap<String, CustomerPolicy>,
    /// Access keys of users and root.
    pub access_keys: Vec<AccessKey>,
    /// Assumed-role sessions.
    pub sessions: Vec<Session>,
    /// Instance profiles by name.
    pub instance_profiles: BTreeMap<String, InstanceProfile>,
    /// Which instance profile each EC2 instance was launched with.
    pub instance_profile_of: BTreeMap<String, String>,
    /// Service control policies of the account's organization (name, document); empty when not in an organization.
    pub scps: Vec<(String, String)>,
    /// Virtual MFA devices created, by serial.
    pub virtual_mfa: Vec<String>,
    /// Whether the root user has MFA.
    pub root_mfa: bool,
    seq: u64,
}

impl Default for Iam {
    fn default() -> Self {
        let mut iam = Self {
            users: BTreeMap::new(),
            groups: BTreeMap::new(),
            roles: BTreeMap::new(),
            policies: BTreeMap::new(),
            access_keys: vec![],
            sessions: vec![],
            instance_profiles: BTreeMap::new(),
            instance_profile_of: BTreeMap::new(),
            scps: vec![],
            virtual_mfa: vec![],
            root_mfa: false,
            seq: 0,
        };
        iam.users.insert(
            DEFAULT_USER.into(),
            User {
                name: DEFAULT_USER.into(),
                id: "AIDAXSAMPLESTUDENT01".into(),
                path: "/".into(),
                created: 0,
                attached: vec!["arn:aws:iam::aws:policy/AdministratorAccess".into()],
                inline: BTreeMap::new(),
                login_profile: Some(false),
                mfa: vec![],
                boundary: None,
            },
        );
        iam.access_keys.push(AccessKey {
            id: super::configure::SAMPLE_ACCESS_KEY.into(),
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            user: Some(DEFAULT_USER.into()),
            status: "Active".into(),
            created: 0,
        });
        iam
    }
}

const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn no_such(msg: impl Into<String>) -> AwsError {
    AwsError::new("NoSuchEntity", msg)
}

fn doc_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::String(text.to_owned()))
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

impl Iam {
    /// A new identifier with a four-letter prefix (`AIDA`, `AKIA`, …) and 16 base-32 characters, deterministic.
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        let mut x = self.seq.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) ^ 0x5DEE_CE66;
        let mut s = prefix.to_owned();
        // Access key IDs have 16 characters after the prefix, unique IDs of users, roles and policies 17.
        let n = if matches!(prefix, "AKIA" | "ASIA") {
            16
        } else {
            17
        };
        for _ in 0..n {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push(ID_CHARS[(x >> 59) as usize] as char);
        }
        s
    }

    fn secret(&mut self) -> String {
        let mut s = String::new();
        let chars = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        self.seq += 1;
        let mut x = self.seq.wrapping_mul(0xD1B5_4A32_D192_ED03);
        for _ in 0..40 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push(chars[(x >> 58) as usize] as char);
        }
        s
    }

    /// The document of a managed policy (AWS or customer) by ARN: its default version.
    pub fn policy_document(&self, arn: &str) -> Option<String> {
        if let Some(m) = managed::by_arn(arn) {
            return Some(m.document.to_owned());
        }
        let p = self.policies.get(arn)?;
        p.versions
            .iter()
            .find(|v| v.0 == p.default_version)
            .map(|v| v.1.clone())
    }

    fn policy_name(arn: &str) -> String {
        arn.rsplit('/').next().unwrap_or(arn).to_owned()
    }

    fn managed_source(&self, arn: &str, kind: PolicyType) -> Option<Source> {
        let doc = self.policy_document(arn)?;
        Some(Source {
            id: Self::policy_name(arn),
            source_type: if arn.starts_with("arn:aws:iam::aws:") {
                "aws-managed".into()
            } else {
                "user-managed".into()
            },
            kind,
            policy: policy::parse(&doc, DocKind::Identity).ok()?,
        })
    }

    fn inline_sources(inline: &BTreeMap<String, String>, source_type: &str) -> Vec<Source> {
        inline
            .iter()
            .filter_map(|(n, d)| {
                Some(Source {
                    id: n.clone(),
                    source_type: source_type.into(),
                    kind: PolicyType::Identity,
                    policy: policy::parse(d, DocKind::Identity).ok()?,
                })
            })
            .collect()
    }

    /// Every policy that applies to a principal: identity policies, its permissions boundary and the SCPs.
    pub fn sources_for(&self, principal: &Principal) -> Vec<Source> {
        let mut out: Vec<Source> = self
            .scps
            .iter()
            .filter_map(|(n, d)| {
                Some(Source {
                    id: n.clone(),
                    source_type: "organization".into(),
                    kind: PolicyType::Scp,
                    policy: policy::parse(d, DocKind::Identity).ok()?,
                })
            })
            .collect();
        match principal {
            Principal::Root => {}
            Principal::User(name) => {
                if let Some(u) = self.users.get(name) {
                    out.extend(Self::inline_sources(&u.inline, "user"));
                    out.extend(
                        u.attached
                            .iter()
                            .filter_map(|a| self.managed_source(a, PolicyType::Identity)),
                    );
                    for g in self.groups.values().filter(|g| g.members.contains(name)) {
                        out.extend(Self::inline_sources(&g.inline, "group"));
                        out.extend(
                            g.attached
                                .iter()
                                .filter_map(|a| self.managed_source(a, PolicyType::Identity)),
                        );
                    }
                    if let Some(b) = &u.boundary {
                        out.extend(self.managed_source(b, PolicyType::Boundary));
                    }
                }
            }
            Principal::Session(role, _) => {
                if let Some(r) = self.roles.get(role) {
                    out.extend(Self::inline_sources(&r.inline, "role"));
                    out.extend(
                        r.attached
                            .iter()
                            .filter_map(|a| self.managed_source(a, PolicyType::Identity)),
                    );
                    if let Some(b) = &r.boundary {
                        out.extend(self.managed_source(b, PolicyType::Boundary));
                    }
                }
            }
        }
        out
    }

    /// The ARN a principal is reported as.
    pub fn principal_arn(&self, p: &Principal) -> String {
        match p {
            Principal::Root => format!("arn:aws:iam::{ACCOUNT_ID}:root"),
            Principal::User(n) => self
                .users
                .get(n)
                .map(User::arn)
                .unwrap_or_else(|| format!("arn:aws:iam::{ACCOUNT_ID}:user/{n}")),
            Principal::Session(r, s) => {
                format!("arn:aws:sts::{ACCOUNT_ID}:assumed-role/{r}/{s}")
            }
        }
    }

    /// Finds who owns an access key; None for a key the account never issued (or a deleted or inactive one).
    pub fn caller_for_key(&self, key: &str, now: i64) -> Option<Caller> {
        if let Some(k) = self
            .access_keys
            .iter()
            .find(|k| k.id == key && k.status == "Active")
        {
            return Some(Caller {
                principal: match &k.user {
                    Some(u) if self.users.contains_key(u) => Principal::User(u.clone()),
                    Some(_) => return None,
                    None => Principal::Root,
                },
                mfa: false,
                access_key: key.to_owned(),
            });
        }
        let s = self
            .sessions
            .iter()
            .find(|s| s.key == key && s.expires > now)?;
        Some(Caller {
            principal: Principal::Session(s.role.clone(), s.name.clone()),
            mfa: s.mfa,
            access_key: key.to_owned(),
        })
    }

    /// The request context of a caller in `region` at `now`: aws:username, aws:userid, aws:PrincipalArn, aws:SourceIp,
    /// aws:MultiFactorAuthPresent, aws:RequestedRegion, aws:CurrentTime, aws:SecureTransport.
    pub fn request(
        &self,
        caller: &Caller,
        action: &str,
        resource: &str,
        region: &str,
        now: i64,
    ) -> Request {
        let arn = self.principal_arn(&caller.principal);
        let mut r = Request::new(action, resource, &arn)
            .with("aws:PrincipalArn", &arn)
            .with("aws:PrincipalAccount", ACCOUNT_ID)
            .with("aws:SourceIp", &super::reach::LAPTOP_IP.to_string())
            .with("aws:RequestedRegion", region)
            .with("aws:CurrentTime", &timestamp(now).replace("+00:00", "Z"))
            .with("aws:EpochTime", &(now / 1000).to_string())
            .with("aws:SecureTransport", "true")
            .with(
                "aws:MultiFactorAuthPresent",
                if caller.mfa { "true" } else { "false" },
            );
        match &caller.principal {
            Principal::User(n) => {
                let id = self.users.get(n).map(|u| u.id.clone()).unwrap_or_default();
                r = r
                    .with("aws:username", n)
                    .with("aws:userid", &id)
                    .with("aws:PrincipalType", "User");
            }
            Principal::Session(role, s) => {
                let id = self
                    .roles
                    .get(role)
                    .map(|r| r.id.clone())
                    .unwrap_or_default();
                r = r
                    .with("aws:userid", &format!("{id}:{s}"))
                    .with("aws:PrincipalType", "AssumedRole");
            }
            Principal::Root => {
                r = r
                    .with("aws:userid", ACCOUNT_ID)
                    .with("aws:PrincipalType", "Account");
            }
        }
        r
    }

    /// Authorises one API call: Ok when allowed, else the evaluation (for the service's access-denied error).
    pub fn authorize(&self, caller: &Caller, req: &Request) -> Result<(), policy::Evaluation> {
        let mut sources = self.sources_for(&caller.principal);
        if let Some(doc) = self
            .sessions
            .iter()
            .find(|s| s.key == caller.access_key)
            .and_then(|s| s.policy.as_ref())
            && let Ok(p) = policy::parse(doc, DocKind::Identity)
        {
            sources.push(Source {
                id: "session".into(),
                source_type: "session".into(),
                kind: PolicyType::Session,
                policy: p,
            });
        }
        let e = policy::evaluate(&sources, req, caller.principal == Principal::Root);
        if e.decision == policy::Decision::Allowed {
            Ok(())
        } else {
            Err(e)
        }
    }

    /// Whether an instance runs with a role whose policies include `action` (e.g. `ssm:UpdateInstanceInformation`).
    pub fn instance_role_allows(&self, instance_id: &str, action: &str) -> bool {
        let Some(profile) = self
            .instance_profile_of
            .get(instance_id)
            .and_then(|p| self.instance_profiles.get(p))
        else {
            return false;
        };
        profile.roles.iter().any(|r| {
            let p = Principal::Session(r.clone(), instance_id.to_owned());
            let req = Request::new(action, "*", &self.principal_arn(&p));
            policy::evaluate(&self.sources_for(&p), &req, false).decision
                == policy::Decision::Allowed
        })
    }

    fn user(&self, name: &str) -> Result<&User, AwsError> {
        self.users
            .get(name)
            .ok_or_else(|| no_such(format!("The user with name {name} cannot be found.")))
    }

    fn user_mut(&mut self, name: &str) -> Result<&mut User, AwsError> {
        self.users
            .get_mut(name)
            .ok_or_else(|| no_such(format!("The user with name {name} cannot be found.")))
    }

    fn group_mut(&mut self, name: &str) -> Result<&mut Group, AwsError> {
        self.groups
            .get_mut(name)
            .ok_or_else(|| no_such(format!("The group with name {name} cannot be found.")))
    }

    fn role(&self, name: &str) -> Result<&Role, AwsError> {
        self.roles
            .get(name)
            .ok_or_else(|| no_such(format!("The role with name {name} cannot be found.")))
    }

    fn role_mut(&mut self, name: &str) -> Result<&mut Role, AwsError> {
        self.roles
            .get_mut(name)
            .ok_or_else(|| no_such(format!("The role with name {name} cannot be found.")))
    }

    fn check_attachable(&self, arn: &str) -> Result<(), AwsError> {
        if managed::by_arn(arn).is_some() || self.policies.contains_key(arn) {
            Ok(())
        } else if !arn.starts_with("arn:") {
            Err(AwsError::new(
                "ValidationError",
                format!("ARN {arn} is not valid."),
            ))
        } else {
            Err(no_such(format!(
                "Policy {arn} does not exist or is not attachable."
            )))
        }
    }

    fn attachment_count(&self, arn: &str) -> usize {
        self.users
            .values()
            .filter(|u| u.attached.iter().any(|a| a == arn))
            .count()
            + self
                .groups
                .values()
                .filter(|g| g.attached.iter().any(|a| a == arn))
                .count()
            + self
                .roles
                .values()
                .filter(|r| r.attached.iter().any(|a| a == arn))
                .count()
    }

    fn user_json(u: &User) -> Value {
        json!({"Path": u.path, "UserName": u.name, "UserId": u.id, "Arn": u.arn(), "CreateDate": timestamp(u.created)})
    }

    fn group_json(g: &Group) -> Value {
        json!({"Path": g.path, "GroupName": g.name, "GroupId": g.id, "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:group{}{}", g.path, g.name), "CreateDate": timestamp(g.created)})
    }

    fn role_json(r: &Role, full: bool) -> Value {
        let mut v = json!({"Path": r.path, "RoleName": r.name, "RoleId": r.id, "Arn": r.arn(), "CreateDate": timestamp(r.created), "AssumeRolePolicyDocument": doc_json(&r.trust)});
        if let Some(d) = &r.description {
            v["Description"] = json!(d);
        }
        if full {
            v["MaxSessionDuration"] = json!(r.max_session);
            if let Some(b) = &r.boundary {
                v["PermissionsBoundary"] =
                    json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": b});
            }
            v["RoleLastUsed"] = json!({});
        }
        v
    }

    fn policy_json(&self, arn: &str) -> Option<Value> {
        let count = self.attachment_count(arn);
        if let Some(m) = managed::by_arn(arn) {
            return Some(json!({
                "PolicyName": m.name,
                "PolicyId": format!("ANPA{}", &Self::stable_id(m.name)),
                "Arn": arn,
                "Path": m.path,
                "DefaultVersionId": m.version,
                "AttachmentCount": count,
                "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": true,
                "Description": m.description,
                "CreateDate": "2015-02-06T18:39:46+00:00",
                "UpdateDate": "2015-02-06T18:39:46+00:00"
            }));
        }
        let p = self.policies.get(arn)?;
        let mut v = json!({
            "PolicyName": p.name,
            "PolicyId": p.id,
            "Arn": arn,
            "Path": p.path,
            "DefaultVersionId": p.default_version,
            "AttachmentCount": count,
            "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": true,
            "CreateDate": timestamp(p.created),
            "UpdateDate": timestamp(p.updated)
        });
        if let Some(d) = &p.description {
            v["Description"] = json!(d);
        }
        Some(v)
    }

    fn stable_id(name: &str) -> String {
        let mut h = crate::aws::fnv1a(name.bytes());
        let mut s = String::new();
        for _ in 0..17 {
            s.push(ID_CHARS[(h & 31) as usize] as char);
            h = h.rotate_right(5).wrapping_mul(31);
        }
        s
    }

    /// Runs one `aws iam` operation for `caller` at virtual time `now`.
    pub fn call(
        &mut self,
        op: &str,
        p: &Params,
        caller: &Caller,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        let entity_exists = |what: &str, name: &str| {
            AwsError::new(
                "EntityAlreadyExists",
                format!("{what} with name {name} already exists."),
            )
        };
        match op {
            "create-user" => {
                let name = p.req("user-name").to_owned();
                if !valid_name(&name) {
                    return Err(AwsError::new(
                        "ValidationError",
                        format!(
                            "1 validation error detected: Value '{name}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
                        ),
                    ));
                }
                if self.users.contains_key(&name) {
                    return Err(entity_exists("User", &name));
                }
                if let Some(b) = p.str("permissions-boundary") {
                    self.check_attachable(b)?;
                }
                let u = User {
                    name: name.clone(),
                    id: self.new_id("AIDA"),
                    path: p.str("path").unwrap_or("/").to_owned(),
                    created: now,
                    attached: vec![],
                    inline: BTreeMap::new(),
                    login_profile: None,
                    mfa: vec![],
                    boundary: p.str("permissions-boundary").map(str::to_owned),
                };
                let mut v = Self::user_json(&u);
                if let Some(b) = &u.boundary {
                    v["PermissionsBoundary"] =
                        json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": b});
                }
                self.users.insert(name, u);
                Ok(Some(json!({ "User": v })))
            }
            "get-user" => {
                let name = match p.str("user-name") {
                    Some(n) => n.to_owned(),
                    None => match &caller.principal {
                        Principal::User(n) => n.clone(),
                        Principal::Root => {
                            return Ok(Some(json!({"User": {
                                "UserId": ACCOUNT_ID,
                                "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:root"),
                                "CreateDate": timestamp(0)
                            }})));
                        }
                        Principal::Session(..) => {
                            return Err(AwsError::new(
                                "ValidationError",
                                "Must specify userName when calling with non-User credentials",
                            ));
                        }
                    },
                };
                let u = self.user(&name)?;
                let mut v = Self::user_json(u);
                if let Some(b) = &u.boundary {
                    v["PermissionsBoundary"] =
                        json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": b});
                }
                Ok(Some(json!({ "User": v })))
            }
            "list-users" => Ok(Some(json!({
                "Users": self.users.values().map(Self::user_json).collect::<Vec<_>>()
            }))),
            "delete-user" => {
                let name = p.req("user-name");
                let u = self.user(name)?;
                let conflict = |m: &str| {
                    Err(AwsError::new(
                        "DeleteConflict",
                        format!("Cannot delete entity, must {m} first."),
                    ))
                };
                if self
                    .access_keys
                    .iter()
                    .any(|k| k.user.as_deref() == Some(name))
                {
                    return conflict("delete access keys");
                }
                if u.login_profile.is_some() {
                    return conflict("delete login profile");
                }
                if !u.mfa.is_empty() {
                    return conflict("delete MFA device");
                }
                if !u.attached.is_empty() {
                    return conflict("detach all policies");
                }
                if !u.inline.is_empty() {
                    return conflict("delete policies");
                }
                if self
                    .groups
                    .values()
                    .any(|g| g.members.iter().any(|m| m == name))
                {
                    return conflict("remove users from group");
                }
                self.users.remove(name);
                Ok(None)
            }
            "create-group" => {
                let name = p.req("group-name").to_owned();
                if self.groups.contains_key(&name) {
                    return Err(entity_exists("Group", &name));
                }
                let g = Group {
                    name: name.clone(),
                    id: self.new_id("AGPA"),
                    path: p.str("path").unwrap_or("/").to_owned(),
                    created: now,
                    members: vec![],
                    attached: vec![],
                    inline: BTreeMap::new(),
                };
                let v = Self::group_json(&g);
                self.groups.insert(name, g);
                Ok(Some(json!({ "Group": v })))
            }
            "get-group" => {
                let name = p.req("group-name");
                let g = self.groups.get(name).ok_or_else(|| {
                    no_such(format!("The group with name {name} cannot be found."))
                })?;
                let users: Vec<Value> = g
                    .members
                    .iter()
                    .filter_map(|m| self.users.get(m))
                    .map(Self::user_json)
                    .collect();
                Ok(Some(json!({"Users": users, "Group": Self::group_json(g)})))
            }
            "list-groups" => Ok(Some(json!({
                "Groups": self.groups.values().map(Self::group_json).collect::<Vec<_>>()
            }))),
            "delete-group" => {
                let name = p.req("group-name");
                let g = self.groups.get(name).ok_or_else(|| {
                    no_such(format!("The group with name {name} cannot be found."))
                })?;
                if !g.members.is_empty() {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must remove users from group first.",
                    ));
                }
                if !g.attached.is_empty() {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must detach all policies first.",
                    ));
                }
                if !g.inline.is_empty() {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must delete policies first.",
                    ));
                }
                self.groups.remove(name);
                Ok(None)
            }
            "add-user-to-group" | "remove-user-from-group" => {
                let user = p.req("user-name").to_owned();
                self.user(&user)?;
                let g = self.group_mut(p.req("group-name"))?;
                if op == "add-user-to-group" {
                    if !g.members.contains(&user) {
                        g.members.push(user);
                    }
                } else if let Some(i) = g.members.iter().position(|m| *m == user) {
                    g.members.remove(i);
                } else {
                    return Err(no_such(format!(
                        "User {user} does not exist in group {}.",
                        g.name
                    )));
                }
                Ok(None)
            }
            "list-groups-for-user" => {
                let user = p.req("user-name");
                self.user(user)?;
                let groups: Vec<Value> = self
                    .groups
                    .values()
                    .filter(|g| g.members.iter().any(|m| m == user))
                    .map(Self::group_json)
                    .collect();
                Ok(Some(json!({ "Groups": groups })))
            }
            "create-role" => {
                let name = p.req("role-name").to_owned();
                if self.roles.contains_key(&name) {
                    return Err(entity_exists("Role", &name));
                }
                let trust = p.req("assume-role-policy-document").to_owned();
                policy::parse(&trust, DocKind::Trust)?;
                let r = Role {
                    name: name.clone(),
                    id: self.new_id("AROA"),
                    path: p.str("path").unwrap_or("/").to_owned(),
                    created: now,
                    trust,
                    description: p.str("description").map(str::to_owned),
                    max_session: p.int("max-session-duration").unwrap_or(3600),
                    attached: vec![],
                    inline: BTreeMap::new(),
                    boundary: p.str("permissions-boundary").map(str::to_owned),
                };
                let v = Self::role_json(&r, false);
                self.roles.insert(name, r);
                Ok(Some(json!({ "Role": v })))
            }
            "get-role" => Ok(Some(
                json!({"Role": Self::role_json(self.role(p.req("role-name"))?, true)}),
            )),
            "list-roles" => Ok(Some(json!({
                "Roles": self.roles.values().map(|r| {
                    let mut v = Self::role_json(r, false);
                    v["MaxSessionDuration"] = json!(r.max_session);
                    v
                }).collect::<Vec<_>>()
            }))),
            "update-assume-role-policy" => {
                let doc = p.req("policy-document").to_owned();
                policy::parse(&doc, DocKind::Trust)?;
                self.role_mut(p.req("role-name"))?.trust = doc;
                Ok(None)
            }
            "delete-role" => {
                let name = p.req("role-name");
                let r = self.role(name)?;
                if !r.attached.is_empty() {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must detach all policies first.",
                    ));
                }
                if !r.inline.is_empty() {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must delete policies first.",
                    ));
                }
                if self
                    .instance_profiles
                    .values()
                    .any(|i| i.roles.iter().any(|x| x == name))
                {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete entity, must remove roles from instance profile first.",
                    ));
                }
                self.roles.remove(name);
                Ok(None)
            }
            "create-policy" => {
                let name = p.req("policy-name").to_owned();
                let path = p.str("path").unwrap_or("/").to_owned();
                let arn = format!("arn:aws:iam::{ACCOUNT_ID}:policy{path}{name}");
                if self.policies.contains_key(&arn) {
                    return Err(AwsError::new(
                        "EntityAlreadyExists",
                        format!(
                            "A policy called {name} already exists. Duplicate names are not allowed."
                        ),
                    ));
                }
                let doc = p.req("policy-document").to_owned();
                policy::parse(&doc, DocKind::Identity)?;
                let cp = CustomerPolicy {
                    name,
                    id: self.new_id("ANPA"),
                    path,
                    description: p.str("description").map(str::to_owned),
                    versions: vec![("v1".into(), doc, now)],
                    default_version: "v1".into(),
                    created: now,
                    updated: now,
                };
                self.policies.insert(arn.clone(), cp);
                let mut v = self.policy_json(&arn).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.remove("Description");
                }
                Ok(Some(json!({ "Policy": v })))
            }
            "get-policy" => {
                let arn = p.req("policy-arn");
                let v = self.policy_json(arn).ok_or_else(|| {
                    no_such(format!("Policy {arn} does not exist or is not attachable."))
                })?;
                Ok(Some(json!({ "Policy": v })))
            }
            "get-policy-version" => {
                let arn = p.req("policy-arn");
                let ver = p.req("version-id");
                let (doc, created, default) = if let Some(m) = managed::by_arn(arn) {
                    if m.version != ver {
                        return Err(no_such(format!(
                            "Policy {arn} version {ver} does not exist or is not attachable."
                        )));
                    }
                    (
                        m.document.to_owned(),
                        "2015-02-06T18:39:46+00:00".to_owned(),
                        true,
                    )
                } else {
                    let cp = self.policies.get(arn).ok_or_else(|| {
                        no_such(format!("Policy {arn} does not exist or is not attachable."))
                    })?;
                    let v = cp.versions.iter().find(|v| v.0 == ver).ok_or_else(|| {
                        no_such(format!(
                            "Policy {arn} version {ver} does not exist or is not attachable."
                        ))
                    })?;
                    (v.1.clone(), timestamp(v.2), cp.default_version == ver)
                };
                Ok(Some(json!({"PolicyVersion": {
                    "Document": doc_json(&doc),
                    "VersionId": ver,
                    "IsDefaultVersion": default,
                    "CreateDate": created
                }})))
            }
            "create-policy-version" => {
                let arn = p.req("policy-arn").to_owned();
                let doc = p.req("policy-document").to_owned();
                policy::parse(&doc, DocKind::Identity)?;
                let cp = self.policies.get_mut(&arn).ok_or_else(|| {
                    no_such(format!("Policy {arn} does not exist or is not attachable."))
                })?;
                if cp.versions.len() >= 5 {
                    return Err(AwsError::new(
                        "LimitExceeded",
                        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
                    ));
                }
                let n = cp
                    .versions
                    .iter()
                    .filter_map(|v| v.0[1..].parse::<u32>().ok())
                    .max()
                    .unwrap_or(0)
                    + 1;
                let id = format!("v{n}");
                cp.versions.push((id.clone(), doc, now));
                let default = p.bool("set-as-default") == Some(true);
                if default {
                    cp.default_version = id.clone();
                }
                cp.updated = now;
                Ok(Some(
                    json!({"PolicyVersion": {"VersionId": id, "IsDefaultVersion": default, "CreateDate": timestamp(now)}}),
                ))
            }
            "delete-policy" => {
                let arn = p.req("policy-arn");
                if !self.policies.contains_key(arn) {
                    return Err(no_such(format!(
                        "Policy {arn} does not exist or is not attachable."
                    )));
                }
                if self.attachment_count(arn) > 0 {
                    return Err(AwsError::new(
                        "DeleteConflict",
                        "Cannot delete a policy attached to entities.",
                    ));
                }
                self.policies.remove(arn);
                Ok(None)
            }
            "list-policies" => {
                let scope = p.str("scope").unwrap_or("All");
                if !matches!(scope, "All" | "AWS" | "Local") {
                    return Err(AwsError::new(
                        "ValidationError",
                        format!(
                            "1 validation error detected: Value '{scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"
                        ),
                    ));
                }
                let only_attached = p.bool("only-attached") == Some(true);
                let mut arns: Vec<String> = vec![];
                if scope != "Local" {
                    arns.extend(managed::MANAGED.iter().map(|m| m.arn()));
                }
                if scope != "AWS" {
                    arns.extend(self.policies.keys().cloned());
                }
                let list: Vec<Value> = arns
                    .iter()
                    .filter(|a| !only_attached || self.attachment_count(a) > 0)
                    .filter_map(|a| self.policy_json(a))
                    .map(|mut v| {
                        if let Value::Object(m) = &mut v {
                            m.remove("Description");
                        }
                        v
                    })
                    .collect();
                Ok(Some(json!({ "Policies": list })))
            }
            "attach-user-policy"
            | "attach-group-policy"
            | "attach-role-policy"
            | "detach-user-policy"
            | "detach-group-policy"
            | "detach-role-policy" => {
                let arn = p.req("policy-arn").to_owned();
                let attach = op.starts_with("attach");
                if attach {
                    self.check_attachable(&arn)?;
                }
                let (list, what) = match op.split('-').nth(1) {
                    Some("user") => (&mut self.user_mut(p.req("user-name"))?.attached, "user"),
                    Some("group") => (&mut self.group_mut(p.req("group-name"))?.attached, "group"),
                    _ => (&mut self.role_mut(p.req("role-name"))?.attached, "role"),
                };
                let _ = what;
                if attach {
                    if !list.contains(&arn) {
                        if list.len() >= 10 {
                            return Err(AwsError::new(
                                "LimitExceeded",
                                "Cannot exceed quota for PoliciesPerUser: 10",
                            ));
                        }
                        list.push(arn);
                    }
                } else if let Some(i) = list.iter().position(|a| *a == arn) {
                    list.remove(i);
                } else {
                    return Err(no_such(format!("Policy {arn} was not found.")));
                }
                Ok(None)
            }
            "list-attached-user-policies"
            | "list-attached-group-policies"
            | "list-attached-role-policies" => {
                let list = match op {
                    "list-attached-user-policies" => {
                        self.user(p.req("user-name"))?.attached.clone()
                    }
                    "list-attached-group-policies" => {
                        self.group_mut(p.req("group-name"))?.attached.clone()
                    }
                    _ => self.role(p.req("role-name"))?.attached.clone(),
                };
                let items: Vec<Value> = list
                    .iter()
                    .map(|a| json!({"PolicyName": Self::policy_name(a), "PolicyArn": a}))
                    .collect();
                Ok(Some(json!({ "AttachedPolicies": items })))
            }
            "put-user-policy" | "put-group-policy" | "put-role-policy" => {
                let doc = p.req("policy-document").to_owned();
                policy::parse(&doc, DocKind::Identity)?;
                let name = p.req("policy-name").to_owned();
                let inline = match op {
                    "put-user-policy" => &mut self.user_mut(p.req("user-name"))?.inline,
                    "put-group-policy" => &mut self.group_mut(p.req("group-name"))?.inline,
                    _ => &mut self.role_mut(p.req("role-name"))?.inline,
                };
                inline.insert(name, doc);
                Ok(None)
            }
            "get-user-policy"
            | "get-group-policy"
            | "get-role-policy"
            | "delete-user-policy"
            | "delete-group-policy"
            | "delete-role-policy" => {
                let name = p.req("policy-name").to_owned();
                let (kind, owner) = match op.split('-').nth(1) {
                    Some("user") => ("user", p.req("user-name").to_owned()),
                    Some("group") => ("group", p.req("group-name").to_owned()),
                    _ => ("role", p.req("role-name").to_owned()),
                };
                let inline = match kind {
                    "user" => &mut self.user_mut(&owner)?.inline,
                    "group" => &mut self.group_mut(&owner)?.inline,
                    _ => &mut self.role_mut(&owner)?.inline,
                };
                let missing = || {
                    no_such(format!(
                        "The {kind} policy with name {name} cannot be found."
                    ))
                };
                if op.starts_with("delete") {
                    inline.remove(&name).ok_or_else(missing)?;
                    return Ok(None);
                }
                let doc = inline.get(&name).ok_or_else(missing)?;
                let owner_key = match kind {
                    "user" => "UserName",
                    "group" => "GroupName",
                    _ => "RoleName",
                };
                Ok(Some(
                    json!({owner_key: owner, "PolicyName": name, "PolicyDocument": doc_json(doc)}),
                ))
            }
            "list-user-policies" | "list-group-policies" | "list-role-policies" => {
                let names: Vec<String> = match op {
                    "list-user-policies" => self
                        .user(p.req("user-name"))?
                        .inline
                        .keys()
                        .cloned()
                        .collect(),
                    "list-group-policies" => self
                        .group_mut(p.req("group-name"))?
                        .inline
                        .keys()
                        .cloned()
                        .collect(),
                    _ => self
                        .role(p.req("role-name"))?
                        .inline
                        .keys()
                        .cloned()
                        .collect(),
                };
                Ok(Some(json!({ "PolicyNames": names })))
            }
            "put-user-permissions-boundary" | "put-role-permissions-boundary" => {
                let arn = p.req("permissions-boundary").to_owned();
                self.check_attachable(&arn)?;
                if op.contains("user") {
                    self.user_mut(p.req("user-name"))?.boundary = Some(arn);
                } else {
                    self.role_mut(p.req("role-name"))?.boundary = Some(arn);
                }
                Ok(None)
            }
            "delete-user-permissions-boundary" | "delete-role-permissions-boundary" => {
                if op.contains("user") {
                    self.user_mut(p.req("user-name"))?.boundary = None;
                } else {
                    self.role_mut(p.req("role-name"))?.boundary = None;
                }
                Ok(None)
            }
            "create-access-key" => {
                let user = match (p.str("user-name"), &caller.principal) {
                    (Some(u), _) => Some(u.to_owned()),
                    (None, Principal::User(u)) => Some(u.clone()),
                    (None, _) => None,
                };
                if let Some(u) = &user {
                    self.user(u)?;
                    if self
                        .access_keys
                        .iter()
                        .filter(|k| k.user.as_ref() == Some(u))
                        .count()
                        >= 2
                    {
                        return Err(AwsError::new(
                            "LimitExceeded",
                            "Cannot exceed quota for AccessKeysPerUser: 2",
                        ));
                    }
                }
                let k = AccessKey {
                    id: self.new_id("AKIA"),
                    secret: self.secret(),
                    user: user.clone(),
                    status: "Active".into(),
                    created: now,
                };
                let mut v = json!({"AccessKeyId": k.id, "Status": "Active", "SecretAccessKey": k.secret, "CreateDate": timestamp(now)});
                if let Some(u) = &user {
                    v["UserName"] = json!(u);
                }
                self.access_keys.push(k);
                Ok(Some(json!({ "AccessKey": v })))
            }
            "list-access-keys" => {
                let user = match (p.str("user-name"), &caller.principal) {
                    (Some(u), _) => Some(u.to_owned()),
                    (None, Principal::User(u)) => Some(u.clone()),
                    (None, _) => None,
                };
                if let Some(u) = &user {
                    self.user(u)?;
                }
                let list: Vec<Value> = self
                    .access_keys
                    .iter()
                    .filter(|k| k.user == user)
                    .map(|k| {
                        let mut v = json!({"AccessKeyId": k.id, "Status": k.status, "CreateDate": timestamp(k.created)});
                        if let Some(u) = &k.user {
                            v["UserName"] = json!(u);
                        }
                        v
                    })
                    .collect();
                Ok(Some(json!({ "AccessKeyMetadata": list })))
            }
            "update-access-key" | "delete-access-key" => {
                let id = p.req("access-key-id");
                let i = self
                    .access_keys
                    .iter()
                    .position(|k| k.id == id)
                    .ok_or_else(|| {
                        no_such(format!("The Access Key with id {id} cannot be found."))
                    })?;
                if op == "delete-access-key" {
                    self.access_keys.remove(i);
                } else {
                    let status = p.req("status");
                    if !matches!(status, "Active" | "Inactive") {
                        return Err(AwsError::new(
                            "ValidationError",
                            format!(
                                "1 validation error detected: Value '{status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
                            ),
                        ));
                    }
                    self.access_keys[i].status = status.to_owned();
                }
                Ok(None)
            }
            "create-login-profile" => {
                let name = p.req("user-name").to_owned();
                let password = p.str("password").unwrap_or("");
                let u = self.user_mut(&name)?;
                if u.login_profile.is_some() {
                    return Err(AwsError::new(
                        "EntityAlreadyExists",
                        format!("Login Profile for user {name} already exists."),
                    ));
                }
                if password.len() < 8 {
                    return Err(AwsError::new(
                        "PasswordPolicyViolation",
                        "Password should have a minimum length of 8",
                    ));
                }
                let reset = p.bool("password-reset-required") == Some(true);
                u.login_profile = Some(reset);
                Ok(Some(
                    json!({"LoginProfile": {"UserName": name, "CreateDate": timestamp(now), "PasswordResetRequired": reset}}),
                ))
            }
            "get-login-profile" | "delete-login-profile" => {
                let name = p.req("user-name").to_owned();
                let u = self.user_mut(&name)?;
                let Some(reset) = u.login_profile else {
                    return Err(no_such(format!(
                        "Login Profile for User {name} cannot be found."
                    )));
                };
                if op == "delete-login-profile" {
                    u.login_profile = None;
                    return Ok(None);
                }
                Ok(Some(
                    json!({"LoginProfile": {"UserName": name, "CreateDate": timestamp(u.created), "PasswordResetRequired": reset}}),
                ))
            }
            "create-virtual-mfa-device" => {
                let name = p.req("virtual-mfa-device-name");
                let serial = format!("arn:aws:iam::{ACCOUNT_ID}:mfa/{name}");
                if self.virtual_mfa.contains(&serial) {
                    return Err(AwsError::new(
                        "EntityAlreadyExists",
                        "MFADevice entity at the same path and name already exists.",
                    ));
                }
                self.virtual_mfa.push(serial.clone());
                Ok(Some(json!({"VirtualMFADevice": {"SerialNumber": serial}})))
            }
            "enable-mfa-device" => {
                let name = p.req("user-name").to_owned();
                let serial = p.req("serial-number").to_owned();
                let codes = [p.req("authentication-code1"), p.req("authentication-code2")];
                if codes
                    .iter()
                    .any(|c| c.len() != 6 || !c.chars().all(|d| d.is_ascii_digit()))
                {
                    return Err(AwsError::new(
                        "InvalidAuthenticationCode",
                        "Authentication code for device is not valid.",
                    ));
                }
                let u = self.user_mut(&name)?;
                if !u.mfa.contains(&serial) {
                    u.mfa.push(serial);
                }
                Ok(None)
            }
            "list-mfa-devices" => {
                let name = match (p.str("user-name"), &caller.principal) {
                    (Some(u), _) => u.to_owned(),
                    (None, Principal::User(u)) => u.clone(),
                    _ => String::new(),
                };
                let list: Vec<Value> = self
                    .users
                    .get(&name)
                    .map(|u| {
                        u.mfa
                            .iter()
                            .map(|s| json!({"UserName": name, "SerialNumber": s, "EnableDate": timestamp(now)}))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Some(json!({ "MFADevices": list })))
            }
            "create-instance-profile" => {
                let name = p.req("instance-profile-name").to_owned();
                if self.instance_profiles.contains_key(&name) {
                    return Err(entity_exists("Instance Profile", &name));
                }
                let ip = InstanceProfile {
                    name: name.clone(),
                    id: self.new_id("AIPA"),
                    created: now,
                    roles: vec![],
                };
                let v = self.instance_profile_json(&ip);
                self.instance_profiles.insert(name, ip);
                Ok(Some(json!({ "InstanceProfile": v })))
            }
            "add-role-to-instance-profile" => {
                let role = p.req("role-name").to_owned();
                self.role(&role)?;
                let name = p.req("instance-profile-name");
                let ip = self
                    .instance_profiles
                    .get_mut(name)
                    .ok_or_else(|| no_such(format!("Instance Profile {name} cannot be found.")))?;
                if !ip.roles.is_empty() {
                    return Err(AwsError::new(
                        "LimitExceeded",
                        "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
                    ));
                }
                ip.roles.push(role);
                Ok(None)
            }
            "get-instance-profile" => {
                let name = p.req("instance-profile-name");
                let ip = self
                    .instance_profiles
                    .get(name)
                    .ok_or_else(|| no_such(format!("Instance Profile {name} cannot be found.")))?;
                Ok(Some(
                    json!({"InstanceProfile": self.instance_profile_json(ip)}),
                ))
            }
            "list-instance-profiles" => Ok(Some(json!({
                "InstanceProfiles": self.instance_profiles.values().map(|i| self.instance_profile_json(i)).collect::<Vec<_>>()
            }))),
            "get-account-summary" => {
                let attached_aws: usize =
                    self.users.values().map(|u| u.attached.len()).sum::<usize>();
                let _ = attached_aws;
                Ok(Some(json!({"SummaryMap": {
                    "GroupPolicySizeQuota": 5120,
                    "InstanceProfilesQuota": 1000,
                    "Policies": self.policies.len(),
                    "GroupsPerUserQuota": 10,
                    "InstanceProfiles": self.instance_profiles.len(),
                    "AttachedPoliciesPerUserQuota": 10,
                    "Users": self.users.len(),
                    "PoliciesQuota": 1500,
                    "Providers": 0,
                    "AccountMFAEnabled": u8::from(self.root_mfa),
                    "AccessKeysPerUserQuota": 2,
                    "AssumeRolePolicySizeQuota": 2048,
                    "PolicyVersionsInUseQuota": 10000,
                    "GlobalEndpointTokenVersion": 1,
                    "VersionsPerPolicyQuota": 5,
                    "AttachedPoliciesPerGroupQuota": 10,
                    "PolicySizeQuota": 6144,
                    "Groups": self.groups.len(),
                    "AccountSigningCertificatesPresent": 0,
                    "UsersQuota": 5000,
                    "ServerCertificatesQuota": 20,
                    "MFADevices": self.virtual_mfa.len(),
                    "UserPolicySizeQuota": 2048,
                    "PolicyVersionsInUse": self.users.values().map(|u| u.attached.len()).sum::<usize>() + self.groups.values().map(|g| g.attached.len()).sum::<usize>() + self.roles.values().map(|r| r.attached.len()).sum::<usize>(),
                    "ServerCertificates": 0,
                    "Roles": self.roles.len(),
                    "RolesQuota": 1000,
                    "SigningCertificatesPerUserQuota": 2,
                    "MFADevicesInUse": self.users.values().map(|u| u.mfa.len()).sum::<usize>(),
                    "RolePolicySizeQuota": 10240,
                    "AttachedPoliciesPerRoleQuota": 10,
                    "AccountAccessKeysPresent": u8::from(self.access_keys.iter().any(|k| k.user.is_none())),
                    "GroupsQuota": 300
                }})))
            }
            "simulate-custom-policy" | "simulate-principal-policy" => self.simulate(op, p, now),
            _ => Err(AwsError::new(
                "InvalidAction",
                format!("{op} is not supported"),
            )),
        }
    }

    fn instance_profile_json(&self, ip: &InstanceProfile) -> Value {
        let roles: Vec<Value> = ip
            .roles
            .iter()
            .filter_map(|r| self.roles.get(r))
            .map(|r| Self::role_json(r, false))
            .collect();
        json!({"Path": "/", "InstanceProfileName": ip.name, "InstanceProfileId": ip.id, "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:instance-profile/{}", ip.name), "CreateDate": timestamp(ip.created), "Roles": roles})
    }

    fn simulate(&self, op: &str, p: &Params, now: i64) -> Result<Option<Value>, AwsError> {
        let parse_list = |flag: &str, prefix: &str| -> Result<Vec<Source>, AwsError> {
            p.list(flag)
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Ok(Source {
                        id: format!("{prefix}.{}", i + 1),
                        source_type: "IAM Policy".into(),
                        kind: PolicyType::Identity,
                        policy: policy::parse(d, DocKind::Identity)?,
                    })
                })
                .collect()
        };
        let mut sources: Vec<Source> = vec![];
        let (principal_arn, mut context): (String, Vec<(String, String)>) = if op
            == "simulate-principal-policy"
        {
            let arn = p.req("policy-source-arn").to_owned();
            let principal = if let Some(n) =
                arn.strip_prefix(&format!("arn:aws:iam::{ACCOUNT_ID}:user/"))
            {
                self.user(n.rsplit('/').next().unwrap_or(n))?;
                Principal::User(n.rsplit('/').next().unwrap_or(n).to_owned())
            } else if let Some(n) = arn.strip_prefix(&format!("arn:aws:iam::{ACCOUNT_ID}:role/")) {
                let n = n.rsplit('/').next().unwrap_or(n);
                self.role(n)?;
                Principal::Session(n.to_owned(), "simulation".into())
            } else if let Some(n) = arn.strip_prefix(&format!("arn:aws:iam::{ACCOUNT_ID}:group/")) {
                let g = self
                    .groups
                    .get(n)
                    .ok_or_else(|| no_such(format!("The group with name {n} cannot be found.")))?;
                sources.extend(Self::inline_sources(&g.inline, "group"));
                sources.extend(
                    g.attached
                        .iter()
                        .filter_map(|a| self.managed_source(a, PolicyType::Identity)),
                );
                Principal::Root
            } else {
                return Err(AwsError::new("InvalidInput", format!("Invalid ARN: {arn}")));
            };
            if !matches!(principal, Principal::Root) {
                sources.extend(self.sources_for(&principal));
            }
            sources.extend(parse_list("policy-input-list", "PolicyInputList")?);
            let mut ctx = vec![];
            if let Principal::User(n) = &principal {
                ctx.push(("aws:username".to_owned(), n.clone()));
            }
            (arn, ctx)
        } else {
            sources.extend(parse_list("policy-input-list", "PolicyInputList")?);
            (
                p.str("caller-arn")
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("arn:aws:iam::{ACCOUNT_ID}:user/{DEFAULT_USER}")),
                vec![],
            )
        };
        for mut b in parse_list(
            "permissions-boundary-policy-input-list",
            "PermissionsBoundaryPolicyInputList",
        )? {
            b.kind = PolicyType::Boundary;
            b.source_type = "PermissionsBoundaryPolicy".into();
            sources.push(b);
        }
        if let Some(Value::Array(entries)) = p.json("context-entries") {
            for e in entries {
                let k = e
                    .get("ContextKeyName")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let vals = match e.get("ContextKeyValues") {
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    Some(Value::String(s)) => vec![s.clone()],
                    _ => vec![],
                };
                for v in vals {
                    context.push((k.to_owned(), v));
                }
            }
        }
        let resources = {
            let r = p.list("resource-arns");
            if r.is_empty() {
                vec!["*".to_owned()]
            } else {
                r
            }
        };
        let _ = now;
        let mut results = vec![];
        for action in p.list("action-names") {
            for res in &resources {
                let mut req = Request::new(&action, res, &principal_arn);
                for (k, v) in &context {
                    req = req.with(k, v);
                }
                let e = policy::evaluate(&sources, &req, false);
                let mut v = json!({
                    "EvalActionName": action,
                    "EvalResourceName": res,
                    "EvalDecision": e.decision.as_str(),
                    "MatchedStatements": e.matched.iter().map(policy::Matched::to_json).collect::<Vec<_>>(),
                    "MissingContextValues": []
                });
                if let Some(allowed) = e.boundary_allowed {
                    v["PermissionsBoundaryDecisionDetail"] =
                        json!({"AllowedByPermissionsBoundary": allowed});
                }
                results.push(v);
            }
        }
        Ok(Some(
            json!({"EvaluationResults": results, "IsTruncated": false}),
        ))
    }

    /// `aws sts` operations.
    pub fn sts(
        &mut self,
        op: &str,
        p: &Params,
        caller: &Caller,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        match op {
            "get-caller-identity" => {
                let arn = self.principal_arn(&caller.principal);
                let user_id = match &caller.principal {
                    Principal::Root => ACCOUNT_ID.to_owned(),
                    Principal::User(n) => {
                        self.users.get(n).map(|u| u.id.clone()).unwrap_or_default()
                    }
                    Principal::Session(r, s) => format!(
                        "{}:{s}",
                        self.roles.get(r).map(|r| r.id.clone()).unwrap_or_default()
                    ),
                };
                Ok(Some(
                    json!({"UserId": user_id, "Account": ACCOUNT_ID, "Arn": arn}),
                ))
            }
            "assume-role" => {
                let arn = p.req("role-arn").to_owned();
                let session = p.req("role-session-name").to_owned();
                let caller_arn = self.principal_arn(&caller.principal);
                let denied = || {
                    AwsError::new(
                        "AccessDenied",
                        format!(
                            "User: {caller_arn} is not authorized to perform: sts:AssumeRole on resource: {arn}"
                        ),
                    )
                };
                let name = arn
                    .strip_prefix(&format!("arn:aws:iam::{ACCOUNT_ID}:role/"))
                    .map(|n| n.rsplit('/').next().unwrap_or(n).to_owned())
                    .ok_or_else(denied)?;
                let role = self.roles.get(&name).ok_or_else(denied)?.clone();
                let dur = p.int("duration-seconds").unwrap_or(3600);
                if dur > role.max_session || dur < 900 {
                    return Err(AwsError::new(
                        "ValidationError",
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                    ));
                }
                // The trust policy is the role's resource-based policy: naming the caller grants on its own, naming
                // the account (`:root`) only delegates to the caller's identity-based policies.
                let trust = policy::parse(&role.trust, DocKind::Trust)?;
                let mut req = self.request(caller, "sts:AssumeRole", &role.arn(), "us-east-1", now);
                let mfa = p.str("serial-number").is_some() && p.str("token-code").is_some();
                if mfa {
                    req.context
                        .insert("aws:multifactorauthpresent".into(), vec!["true".into()]);
                }
                let trust_by = |who: &str, effect: policy::Effect| {
                    let mut r = req.clone();
                    r.principal_arn = who.to_owned();
                    trust
                        .statements
                        .iter()
                        .any(|s| s.effect == effect && policy::statement_applies(s, &r, true))
                };
                let account_root = format!("arn:aws:iam::{ACCOUNT_ID}:root");
                let denied_by_trust = trust_by(&caller_arn, policy::Effect::Deny);
                let direct = trust_by(&caller_arn, policy::Effect::Allow);
                let via_account = trust_by(&account_root, policy::Effect::Allow)
                    || trust_by(ACCOUNT_ID, policy::Effect::Allow);
                let root = caller.principal == Principal::Root;
                let identity = policy::evaluate(&self.sources_for(&caller.principal), &req, root);
                let allowed = !denied_by_trust
                    && identity.decision != policy::Decision::ExplicitDeny
                    && (direct || (via_account && identity.decision == policy::Decision::Allowed));
                if !allowed {
                    return Err(denied());
                }
                let session_policy = p.str("policy").map(str::to_owned);
                if let Some(doc) = &session_policy {
                    policy::parse(doc, DocKind::Identity)?;
                }
                let key = self.new_id("ASIA");
                let secret = self.secret();
                let token = format!("IQoJb3JpZ2luX2VjE{}", self.secret());
                self.sessions.push(Session {
                    key: key.clone(),
                    secret: secret.clone(),
                    token: token.clone(),
                    role: name.clone(),
                    name: session.clone(),
                    expires: now + dur * 1000,
                    mfa: mfa || caller.mfa,
                    policy: session_policy,
                });
                Ok(Some(json!({
                    "Credentials": {
                        "AccessKeyId": key,
                        "SecretAccessKey": secret,
                        "SessionToken": token,
                        "Expiration": timestamp(now + dur * 1000)
                    },
                    "AssumedRoleUser": {
                        "AssumedRoleId": format!("{}:{session}", role.id),
                        "Arn": format!("arn:aws:sts::{ACCOUNT_ID}:assumed-role/{name}/{session}")
                    }
                })))
            }
            _ => Err(AwsError::new(
                "InvalidAction",
                format!("{op} is not supported"),
            )),
        }
    }
}
