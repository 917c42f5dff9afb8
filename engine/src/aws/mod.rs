//! The AWS account model (VPC networking, IAM, Systems Manager, CodeCommit/CodePipeline, billing) and the `aws` command line.
//!
//! [`AwsAccount`] holds one [`model::Network`] per region (each starting with the default VPC a real account has),
//! a virtual clock and a [`cost::CostMeter`]. Front ends use it in three ways:
//!
//! - the shell calls [`AwsAccount::run`] with `argv[0] == "aws"` (AWS CLI v2 syntax, JSON shapes, errors and exit codes);
//! - the VPC builder mutates a region through [`AwsAccount::network_mut`] / [`AwsAccount::seoul`] and the
//!   `create_*`/`delete_*` methods of [`model::Network`], which return EC2's own [`AwsError`]s;
//! - "why does (or doesn't) traffic get through?" is [`model::Network::analyze`] (see [`reach`]), and the lessons'
//!   checks are [`model::Network::week1_assignment`] and [`challenge::build_broken_vpc`].
//!
//! Every `aws` call is made as the identity behind the credentials in use (`AWS_ACCESS_KEY_ID`, the profile's keys,
//! or the default administrator `student`) and authorised by [`iam::policy::evaluate`]; see [`authz`]. Account-level
//! services live in [`iam`], [`ssm`], [`code`] (with [`git`]), [`route53`] and [`billing`].
//!
//! Virtual time moves only through [`AwsAccount::set_time`] / [`AwsAccount::advance`] (and `aws ec2 wait`), which
//! move instances, NAT gateways and EKS clusters along their states and accrue costs.

pub mod args;
pub mod authz;
pub mod billing;
pub mod builder;
pub mod challenge;
pub mod cidr;
pub mod cli;
pub mod code;
pub mod configure;
pub mod cost;
pub mod eks;
pub mod elb;
pub mod export;
pub mod format;
pub mod git;
pub mod iam;
pub mod images;
pub mod instance_types;
pub mod kms;
pub mod model;
#[cfg(test)]
mod props;
pub mod pulls;
pub mod reach;
pub mod render;
pub mod route53;
pub mod s3;
pub mod shapes;
pub mod ssm;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_iam;
pub mod wait;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::exec::{Ctx, Output};
pub use model::{AwsError, LoadBalancer, Network};

/// The region a new account works in: Seoul.
pub const DEFAULT_REGION: &str = "ap-northeast-2";

/// The 64-bit FNV-1a hash of `bytes`: the account's stable stand-in for IDs, digests and seeds derived from names.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A simulated AWS account: a network per region, a virtual clock and a cost meter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwsAccount {
    /// The region used when neither `--region` nor the environment names one.
    pub default_region: String,
    /// The virtual time of the last command or [`AwsAccount::advance`], in ms since the epoch.
    pub now: i64,
    seed: u64,
    /// Networks by region name, created on first use.
    pub networks: BTreeMap<String, Network>,
    /// Accumulated costs.
    pub meter: cost::CostMeter,
    /// Whether a region's network starts with the default VPC every AWS account has.
    #[serde(default = "yes")]
    pub default_vpcs: bool,
    /// Users, groups, roles, policies, keys and sessions; every command is authorised against them.
    #[serde(default)]
    pub iam: iam::Iam,
    /// Charges by month with the free tier, billing alarms, SNS topics.
    #[serde(default)]
    pub billing: billing::Billing,
    /// CodeCommit repositories and CodePipeline pipelines.
    #[serde(default)]
    pub code: code::Code,
    /// Systems Manager commands, patch state and resource groups.
    #[serde(default)]
    pub ssm: ssm::Ssm,
    /// Route 53 hosted zones (a global service).
    #[serde(default)]
    pub route53: route53::Route53,
    /// Key Management Service keys and aliases.
    #[serde(default)]
    pub kms: kms::Kms,
    /// S3 buckets.
    #[serde(default)]
    pub s3: s3::S3,
}

fn yes() -> bool {
    true
}

impl Default for AwsAccount {
    fn default() -> Self {
        Self::new(0x0B57_1011)
    }
}

impl AwsAccount {
    /// An empty account whose IDs come from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            default_region: DEFAULT_REGION.to_owned(),
            now: 0,
            seed,
            networks: BTreeMap::new(),
            meter: cost::CostMeter::default(),
            default_vpcs: true,
            iam: iam::Iam::default(),
            billing: billing::Billing::default(),
            code: code::Code::default(),
            ssm: ssm::Ssm::default(),
            route53: route53::Route53::default(),
            kms: kms::Kms::default(),
            s3: s3::S3::default(),
        }
    }

    /// An empty account without default VPCs (a blank canvas for the builder).
    pub fn without_default_vpcs(seed: u64) -> Self {
        let mut a = Self::new(seed);
        a.default_vpcs = false;
        a
    }

    /// The network of `region`, if anything was ever created or queried there.
    pub fn network(&self, region: &str) -> Option<&Network> {
        self.networks.get(region)
    }

    /// The network of `region`, created empty on first use.
    pub fn network_mut(&mut self, region: &str) -> &mut Network {
        let seed = self.seed ^ fnv1a(region.bytes());
        let now = self.now;
        let default_vpc = self.default_vpcs;
        self.networks.entry(region.to_owned()).or_insert_with(|| {
            let mut n = Network::new(region, seed);
            n.now = now;
            if default_vpc && model::zones_of(region).is_some() {
                // The default VPC exists from the start in every region of a real account.
                let _ = n.create_default_vpc();
            }
            n
        })
    }

    /// The default region's network (Seoul unless changed).
    pub fn seoul(&mut self) -> &mut Network {
        let r = self.default_region.clone();
        self.network_mut(&r)
    }

    /// An empty account whose clock starts at `now` (virtual ms since the epoch).
    pub fn new_at(seed: u64, now: i64) -> Self {
        let mut a = Self::new(seed);
        a.now = now;
        a
    }

    /// Moves the virtual clock to `now` (never backwards), accruing costs for the time that passed.
    /// The first move of an account created at time zero only sets the clock: nothing is billed for the years before.
    pub fn set_time(&mut self, now: i64) {
        if self.now == 0 {
            self.now = now.max(0);
        } else if now > self.now {
            let dt = now - self.now;
            self.meter.sample(self.now);
            let charged = billing::accrue(
                &mut self.billing.months,
                self.networks.values(),
                self.now,
                dt,
            );
            self.meter.accumulated_usd += charged;
            self.meter.metered_ms += dt;
            self.meter.sample(now);
            self.now = now;
            self.billing.evaluate_alarms(now);
            self.code.tick(now);
        }
        for n in self.networks.values_mut() {
            n.now = self.now;
        }
    }

    /// Advances the virtual clock by `ms`, accruing costs and moving pending resources along.
    pub fn advance(&mut self, ms: i64) {
        self.set_time(self.now + ms.max(0));
    }

    /// Adds a load balancer in the default region (the Kubernetes side calls this for a LoadBalancer Service).
    pub fn create_load_balancer(
        &mut self,
        name: &str,
        kind: &str,
        internal: bool,
        vpc_id: Option<&str>,
        ports: &[u16],
    ) -> LoadBalancer {
        self.seoul()
            .create_load_balancer(name, kind, internal, vpc_id, ports)
    }

    /// Runs `aws …` (`argv[0]` is `aws`) with AWS CLI v2 syntax, output shapes, errors and exit codes.
    pub fn run(&mut self, argv: &[String], ctx: &mut Ctx) -> Output {
        self.set_time(ctx.now);
        match self.run_inner(argv, ctx) {
            Ok(out) => out,
            Err((stderr, code)) => Output::err(stderr, code),
        }
    }

    fn run_inner(&mut self, argv: &[String], ctx: &mut Ctx) -> Result<Output, (String, i32)> {
        let words = argv.get(1..).unwrap_or(&[]);
        let (globals, rest) = args::split_globals(words).map_err(|m| cli::arg_error(&m))?;
        if globals.version {
            return Ok(Output::ok(format!("{}\n", cli::VERSION_LINE)));
        }
        let Some(service) = rest.first() else {
            return Err(cli::arg_error(
                "the following arguments are required: command",
            ));
        };
        if service == "help" {
            return Ok(Output::ok(cli::top_help()));
        }
        if !cli::SERVICES.contains(&service.as_str()) {
            return Err(cli::invalid_choice("command", cli::SERVICES));
        }
        if service == "configure" {
            return configure::run(&rest[1..], globals.profile.as_deref(), ctx);
        }
        // A named profile must exist in ~/.aws/config or ~/.aws/credentials.
        if let Some(profile) = globals
            .profile
            .clone()
            .or_else(|| ctx.env.get("AWS_PROFILE").cloned())
            && profile != "default"
        {
            let config = ctx.fs.read(&ctx.resolve("~/.aws/config")).unwrap_or("");
            let creds = ctx
                .fs
                .read(&ctx.resolve("~/.aws/credentials"))
                .unwrap_or("");
            let known = config
                .lines()
                .any(|l| l.trim() == format!("[profile {profile}]"))
                || creds.lines().any(|l| l.trim() == format!("[{profile}]"));
            if !known {
                return Err((
                    format!("\nThe config profile ({profile}) could not be found\n"),
                    255,
                ));
            }
        }
        let profile = globals
            .profile
            .clone()
            .or_else(|| ctx.env.get("AWS_PROFILE").cloned())
            .unwrap_or_else(|| "default".to_owned());
        let config = read_config(ctx, &profile);
        let region = globals
            .region
            .clone()
            .or_else(|| ctx.env.get("AWS_REGION").cloned())
            .or_else(|| ctx.env.get("AWS_DEFAULT_REGION").cloned())
            .or_else(|| config.get("region").cloned())
            .unwrap_or_else(|| self.default_region.clone());
        let op_names: Vec<&str> = if service == "ec2" {
            cli::EC2_OPS.iter().map(|o| o.0).chain(["wait"]).collect()
        } else {
            cli::OTHER_OPS
                .iter()
                .filter(|o| o.0 == service)
                .map(|o| o.1)
                .collect()
        };
        let Some(op) = rest.get(1) else {
            return Err(cli::arg_error(
                "the following arguments are required: operation",
            ));
        };
        if op == "help" {
            return Ok(Output::ok(cli::service_help(service)));
        }
        if service == "s3" {
            // The high-level commands take paths, not operation parameters.
            if !s3::COMMANDS.contains(&op.as_str()) {
                return Err(cli::invalid_choice("operation", s3::COMMANDS));
            }
            let api = match op.as_str() {
                "mb" => "CreateBucket",
                "rb" => "DeleteBucket",
                _ => "ListBuckets",
            };
            self.authorize_call(ctx, &profile, "s3", api, &region)?;
            let now = self.now;
            return Ok(self.s3.run(op, &rest[2..], &region, now));
        }
        if service == "ec2" && op == "wait" {
            if model::zones_of(&region).is_none() {
                return Err((
                    format!(
                        "\nCould not connect to the endpoint URL: \"https://ec2.{region}.amazonaws.com/\"\n"
                    ),
                    255,
                ));
            }
            // A waiter polls a describe operation, which is authorised like any other call.
            if let Some(api) = rest
                .get(2)
                .and_then(|w| wait::waiter_operation(w))
                .and_then(|op| cli::EC2_OPS.iter().find(|o| o.0 == op))
                .map(|o| o.1)
            {
                self.authorize_call(ctx, &profile, "ec2", api, &region)?;
            }
            return self.wait(&region, &rest[2..]).map(Output::ok);
        }
        let (api, spec) = if service == "ec2" {
            match cli::EC2_OPS.iter().find(|o| o.0 == op) {
                Some(o) => (o.1, o.2),
                None => return Err(cli::invalid_choice("operation", &op_names)),
            }
        } else {
            match cli::OTHER_OPS.iter().find(|o| o.0 == service && o.1 == op) {
                Some(o) => (o.2, o.3),
                None => return Err(cli::invalid_choice("operation", &op_names)),
            }
        };
        if rest.get(2).is_some_and(|w| w == "help") {
            return Ok(Output::ok(cli::operation_help(service, op, spec)));
        }
        // Parameters may come from files: `file://rules.json` as text, `fileb://secret.bin` as bytes (a blob, which
        // the operation receives base64-encoded as if given inline).
        let mut params_words = vec![];
        for w in &rest[2..] {
            let (path, binary) = match (w.strip_prefix("file://"), w.strip_prefix("fileb://")) {
                (Some(path), _) => (Some(path), false),
                (_, Some(path)) => (Some(path), true),
                _ => (None, false),
            };
            if let Some(path) = path {
                let full = ctx.resolve(path);
                match ctx.fs.read(&full) {
                    Ok(text) if binary => params_words.push(crate::b64::encode(text)),
                    Ok(text) => params_words.push(text.to_owned()),
                    Err(_) => {
                        return Err((
                            format!(
                                "\nError parsing parameter: Unable to load paramfile {w}: [Errno 2] No such file or directory: '{path}'\n"
                            ),
                            252,
                        ));
                    }
                }
            } else {
                params_words.push(w.clone());
            }
        }
        let mut params =
            cli::parse_op(spec, service, &params_words).map_err(|e| cli::describe_arg_error(&e))?;
        if service == "kms" {
            for (blob_op, name) in kms::BLOB_PARAMS {
                if let Some(text) = params.str(name).filter(|_| op == *blob_op)
                    && crate::b64::decode(text).is_none()
                {
                    return Err((format!("\nInvalid base64: \"{text}\"\n"), 255));
                }
            }
        }
        if let Some(text) = params.str("cli-input-json").map(str::to_owned) {
            let v: Value = serde_json::from_str(&text).map_err(|e| {
                (
                    format!("\nError parsing parameter 'cli-input-json': Invalid JSON received.\nJSON received: {text}\n{e}\n"),
                    252,
                )
            })?;
            for (k, val) in v.as_object().into_iter().flatten() {
                let mut flag = String::new();
                for c in k.chars() {
                    if c.is_ascii_uppercase() && !flag.is_empty() {
                        flag.push('-');
                    }
                    flag.push(c.to_ascii_lowercase());
                }
                params.values.entry(flag).or_insert(val.clone());
            }
        }
        if service == "codepipeline" && op == "create-pipeline" && !params.has("pipeline") {
            return Err(cli::arg_error(
                "the following arguments are required: --pipeline",
            ));
        }
        let output = globals
            .output
            .clone()
            .or_else(|| ctx.env.get("AWS_DEFAULT_OUTPUT").cloned())
            .or_else(|| config.get("output").cloned())
            .unwrap_or_else(|| "json".to_owned());
        if !["json", "text", "table", "yaml", "yaml-stream"].contains(&output.as_str()) {
            return Err(cli::invalid_choice(
                "--output",
                &["json", "text", "table", "yaml", "yaml-stream"],
            ));
        }
        if service != "sts" && service != "iam" && model::zones_of(&region).is_none() {
            let host = if service.starts_with("elb") {
                "elasticloadbalancing"
            } else {
                service.as_str()
            };
            return Err((
                format!(
                    "\nCould not connect to the endpoint URL: \"https://{host}.{region}.amazonaws.com/\"\n"
                ),
                255,
            ));
        }
        // Every call is made as the identity behind the credentials in use, and authorised by IAM.
        let caller = self.caller(ctx, &profile).map_err(|e| {
            let e = match e {
                Some(e) => e,
                None => authz::invalid_key(service),
            };
            (
                format!(
                    "\nAn error occurred ({}) when calling the {api} operation: {}\n",
                    e.code, e.message
                ),
                254,
            )
        })?;
        let service_error = |e: AwsError| {
            (
                format!(
                    "\nAn error occurred ({}) when calling the {api} operation: {}\n",
                    e.code, e.message
                ),
                254,
            )
        };
        let auth_api = if service == "eks" && op == "update-kubeconfig" {
            "DescribeCluster"
        } else {
            api
        };
        if !(service == "sts" && matches!(op.as_str(), "get-caller-identity" | "assume-role")) {
            // A call on a pull request is authorised against its repository.
            let pr_repo = (service == "codecommit" && !params.has("repository-name"))
                .then(|| self.code.pull_request_repo(params.req("pull-request-id")))
                .flatten();
            let (action, mut resource) =
                authz::action_and_resource(service, auth_api, &params, &region);
            if let Some(repo) = pr_repo {
                resource = format!("arn:aws:codecommit:{region}:{}:{repo}", model::ACCOUNT_ID);
            }
            let req = self
                .iam
                .request(&caller, &action, &resource, &region, self.now);
            if let Err(eval) = self.iam.authorize(&caller, &req) {
                return Err(service_error(authz::denied(service, &eval, &req)));
            }
        }
        if service == "ec2" && op == "run-instances" {
            self.check_instance_profile(&caller, &params, &region)
                .map_err(service_error)?;
        }
        if service == "eks" && op == "update-kubeconfig" {
            return self.update_kubeconfig(&region, &params, ctx);
        }
        let now = self.now;
        let dry_run = params.bool("dry-run") == Some(true);
        let result = if service == "iam" {
            self.iam.call(op, &params, &caller, now)
        } else if service == "sts" {
            self.iam.sts(op, &params, &caller, now)
        } else if let Some(r) = self.call_account(service, op, &params, &region, &caller, ctx) {
            r
        } else {
            let net = self.network_mut(&region);
            if service == "ec2" {
                if dry_run {
                    let mut scratch = net.clone();
                    match cli::call_ec2(&mut scratch, op, &params) {
                        Ok(_) => Err(AwsError::new(
                            "DryRunOperation",
                            "Request would have succeeded, but DryRun flag is set.",
                        )),
                        Err(e) => Err(e),
                    }
                } else {
                    cli::call_ec2(net, op, &params)
                }
            } else {
                cli::call_other(net, service, op, &params)
            }
        };
        if service == "ec2"
            && op == "run-instances"
            && let (Ok(Some(v)), Some(name)) = (&result, Self::profile_name(&params))
        {
            {
                for i in v
                    .get("Instances")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(id) = i.get("InstanceId").and_then(Value::as_str) {
                        self.iam
                            .instance_profile_of
                            .insert(id.to_owned(), name.clone());
                    }
                }
            }
        }
        match result {
            Err(e) => Err((
                format!(
                    "\nAn error occurred ({}) when calling the {api} operation: {}\n",
                    e.code, e.message
                ),
                254,
            )),
            Ok(None) => Ok(Output::ok("")),
            Ok(Some(mut value)) => {
                if let Some(shape) = shapes::output_shape(service, api) {
                    shapes::order(shape, &mut value);
                }
                let value = match &globals.query {
                    Some(q) => format::query(&value, q)
                        .map_err(|e| (format!("\nBad value for --query {q}: {e}\n"), 252))?,
                    None => value,
                };
                let text = match output.as_str() {
                    "text" => format::text(&value),
                    "table" => format::table(&value, api),
                    "yaml" | "yaml-stream" => format::yaml(&value),
                    _ => format::json(&value),
                };
                Ok(Output::ok(text))
            }
        }
    }
}

impl AwsAccount {
    /// `aws eks update-kubeconfig`: writes the cluster's context into the kubeconfig file and makes it current.
    fn update_kubeconfig(
        &mut self,
        region: &str,
        params: &args::Params,
        ctx: &mut Ctx,
    ) -> Result<Output, (String, i32)> {
        let net = self.network_mut(region);
        let name = params.req("name");
        let cluster = net.eks_cluster(name).map_err(|e| {
            (
                format!(
                    "\nAn error occurred ({}) when calling the DescribeCluster operation: {}\n",
                    e.code, e.message
                ),
                254,
            )
        })?;
        let status = cluster.status(net.now).unwrap_or("DELETING");
        if status != "ACTIVE" {
            return Err((format!("\nCluster status is {status}\n"), 255));
        }
        let cluster = cluster.clone();
        let path = params
            .str("kubeconfig")
            .map(str::to_owned)
            .or_else(|| {
                ctx.env
                    .get("KUBECONFIG")
                    .and_then(|k| k.split(':').next())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "~/.kube/config".to_owned());
        let full = ctx.resolve(&path);
        let existing = ctx.fs.read(&full).map(str::to_owned).unwrap_or_default();
        let (mut text, existed) = eks::merge_kubeconfig(&existing, &cluster, region);
        if let Some(alias) = params.str("alias") {
            text = text
                .replace(&format!("name: {}", cluster.arn), &format!("name: {alias}"))
                .replace(
                    &format!("current-context: {}", cluster.arn),
                    &format!("current-context: {alias}"),
                );
        }
        let _ = ctx.fs.mkdir(crate::vfs::parent(&full), true);
        ctx.fs
            .write(&full, text)
            .map_err(|e| (format!("[Errno 2] {}: '{full}'\n", e.message()), 255))?;
        let shown = params.str("alias").unwrap_or(&cluster.arn).to_owned();
        Ok(Output::ok(if existed {
            format!("Updated context {shown} in {full}\n")
        } else {
            format!("Added new context {shown} to {full}\n")
        }))
    }
}

/// Reads `region` and `output` from the profile's section of `~/.aws/config`, if the file exists.
fn read_config(ctx: &Ctx, profile: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let path = ctx.resolve("~/.aws/config");
    let Ok(text) = ctx.fs.read(&path) else {
        return out;
    };
    let header = if profile == "default" {
        "[default]".to_owned()
    } else {
        format!("[profile {profile}]")
    };
    let mut in_section = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_section = l == header;
        } else if in_section && let Some((k, v)) = l.split_once('=') {
            out.insert(k.trim().to_owned(), v.trim().to_owned());
        }
    }
    out
}

impl AwsAccount {
    /// The default region's network as a CloudFormation template (YAML).
    pub fn to_cloudformation(&self) -> String {
        self.network(&self.default_region)
            .map(Network::to_cloudformation)
            .unwrap_or_default()
    }

    /// The default region's network as Terraform configuration (HCL).
    pub fn to_terraform(&self) -> String {
        self.network(&self.default_region)
            .map(Network::to_terraform)
            .unwrap_or_default()
    }

    /// Every billable resource in every region with its hourly rate now.
    pub fn cost_lines(&self) -> Vec<cost::CostLine> {
        self.networks
            .values()
            .flat_map(cost::hourly_lines)
            .collect()
    }

    /// The hourly rate, in USD, of everything billable in every region now.
    pub fn hourly_cost(&self) -> f64 {
        self.networks.values().map(cost::hourly_total).sum()
    }

    /// The JSON the model serialises to, for saving sessions.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl AwsAccount {
    /// The caller behind the credentials in use: `AWS_ACCESS_KEY_ID`, else the profile's `aws_access_key_id` in
    /// `~/.aws/credentials`, else the playground's default administrator. `Err(None)` for a key the account never issued.
    /// Authorises a call of `service`'s `api` on any resource for the credentials of `profile`, or gives the CLI's
    /// error text.
    fn authorize_call(
        &self,
        ctx: &Ctx,
        profile: &str,
        service: &str,
        api: &str,
        region: &str,
    ) -> Result<(), (String, i32)> {
        let caller = self
            .caller(ctx, profile)
            .map_err(|_| self.denied_text(authz::invalid_key(service), api))?;
        let req = self
            .iam
            .request(&caller, &format!("{service}:{api}"), "*", region, self.now);
        match self.iam.authorize(&caller, &req) {
            Ok(_) => Ok(()),
            Err(eval) => Err(self.denied_text(authz::denied(service, &eval, &req), api)),
        }
    }

    fn caller(&self, ctx: &Ctx, profile: &str) -> Result<iam::Caller, Option<AwsError>> {
        let key = ctx.env.get("AWS_ACCESS_KEY_ID").cloned().or_else(|| {
            let creds = ctx.fs.read(&ctx.resolve("~/.aws/credentials")).ok()?;
            configure::ini_get(creds, profile, "aws_access_key_id")
        });
        let key = key.unwrap_or_else(|| configure::SAMPLE_ACCESS_KEY.to_owned());
        self.iam.caller_for_key(&key, self.now).ok_or(None)
    }

    fn denied_text(&self, e: AwsError, api: &str) -> (String, i32) {
        (
            format!(
                "\nAn error occurred ({}) when calling the {api} operation: {}\n",
                e.code, e.message
            ),
            254,
        )
    }

    /// Issues access keys for the account's root user (what the console's "Security credentials" page does) and
    /// returns (access key id, secret); with them the terminal acts as root, limited only by SCPs.
    pub fn create_root_access_key(&mut self) -> (String, String) {
        let id = self.iam.new_id("AKIA");
        let secret = format!("{id}ROOTSECRET");
        self.iam.access_keys.push(iam::AccessKey {
            id: id.clone(),
            secret: secret.clone(),
            user: None,
            status: "Active".into(),
            created: self.now,
        });
        (id, secret)
    }

    /// The current caller for a session's environment and files (for the UI's identity badge).
    pub fn whoami(&self, ctx: &Ctx) -> Option<String> {
        let profile = ctx
            .env
            .get("AWS_PROFILE")
            .cloned()
            .unwrap_or_else(|| "default".into());
        self.caller(ctx, &profile)
            .ok()
            .map(|c| self.iam.principal_arn(&c.principal))
    }

    fn profile_name(p: &args::Params) -> Option<String> {
        let v = p.json("iam-instance-profile")?;
        v.get("Name")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| {
                v.get("Arn")
                    .and_then(Value::as_str)
                    .and_then(|a| a.rsplit('/').next())
                    .map(str::to_owned)
            })
    }

    /// EC2 checks that the instance profile exists and that the caller may pass its role (`iam:PassRole`).
    fn check_instance_profile(
        &self,
        caller: &iam::Caller,
        p: &args::Params,
        region: &str,
    ) -> Result<(), AwsError> {
        let Some(name) = Self::profile_name(p) else {
            return Ok(());
        };
        let Some(profile) = self.iam.instance_profiles.get(&name) else {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"
                ),
            ));
        };
        for role in &profile.roles {
            let arn = format!("arn:aws:iam::{}:role/{role}", model::ACCOUNT_ID);
            let req = self
                .iam
                .request(caller, "iam:PassRole", &arn, region, self.now);
            if let Err(eval) = self.iam.authorize(caller, &req) {
                return Err(authz::denied("ec2", &eval, &req));
            }
        }
        Ok(())
    }

    /// Services whose state lives at the account level (Systems Manager fleet, CodeCommit, CodePipeline, billing).
    /// None when the operation belongs to the per-region network model.
    #[allow(clippy::too_many_arguments)]
    fn call_account(
        &mut self,
        service: &str,
        op: &str,
        p: &args::Params,
        region: &str,
        caller: &iam::Caller,
        ctx: &mut Ctx,
    ) -> Option<Result<Option<Value>, AwsError>> {
        let _ = (caller, &ctx);
        let now = self.now;
        match service {
            "cloudwatch" | "sns" | "ce" => {
                let r = self.billing.call(service, op, p, region, now);
                self.billing.evaluate_alarms(now);
                Some(r)
            }
            "codecommit" | "codepipeline" => {
                let arn = self.iam.principal_arn(&caller.principal);
                Some(self.code.call(&self.iam, service, op, p, region, &arn, now))
            }
            "route53" => Some(self.route53.call(op, p)),
            "kms" => Some(self.kms.call(op, p, region, now)),
            "ssm" | "resource-groups" => {
                self.network_mut(region);
                let net = self.networks.get(region)?;
                self.ssm.call(net, &self.iam, service, op, p, now)
            }
            _ => None,
        }
    }

    /// Commits `files` (the whole tree) to the `main` branch of CodeCommit repository `repo` and returns the commit
    /// id; pipelines whose source is `repo` start.
    pub fn push(
        &mut self,
        repo: &str,
        files: BTreeMap<String, String>,
        message: &str,
    ) -> Result<String, AwsError> {
        let now = self.now;
        self.code.push(repo, files, message, now)
    }

    /// The instances of `region` as Systems Manager's Fleet Manager sees them (managed or not, and why).
    pub fn fleet(&mut self, region: &str) -> Vec<ssm::FleetInstance> {
        self.network_mut(region);
        match self.networks.get(region) {
            Some(net) => self.ssm.fleet(net, &self.iam),
            None => vec![],
        }
    }

    /// Rollouts the Deploy stages of pipelines asked for since the last call (the session applies them to the cluster).
    pub fn take_deploy_requests(&mut self) -> Vec<code::DeployRequest> {
        std::mem::take(&mut self.code.deploy_requests)
    }
}
