//! Billing of Day 50: free-tier allowances, charges by month and service, CloudWatch billing alarms
//! (`EstimatedCharges` exists only in us-east-1), SNS topics for their notifications, a simplified Cost Explorer,
//! and the on-demand versus Savings Plan versus Reserved Instance chart data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::cost::instance_hourly;
use super::model::{ACCOUNT_ID, AwsError, Network};
use super::render::timestamp;

/// Free tier: instance hours of t2.micro / t3.micro per month.
pub const FREE_MICRO_HOURS: f64 = 750.0;
/// Free tier: public IPv4 address hours per month.
pub const FREE_IPV4_HOURS: f64 = 750.0;
/// Free tier: EBS general purpose storage, GB-months.
pub const FREE_EBS_GB_MONTHS: f64 = 30.0;
/// The root volume every simulated instance has, GiB.
pub const ROOT_VOLUME_GB: f64 = 8.0;
/// gp3 storage in Seoul, USD per GB-month.
pub const EBS_GP3_GB_MONTH: f64 = 0.0912;
/// Hours in a billing month as AWS prices them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// The `YYYY-MM` month of a virtual time.
pub fn month_of(ms: i64) -> String {
    timestamp(ms)[..7].to_owned()
}

/// Charges of one month, by Cost Explorer service name, with the free tier used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthCharges {
    /// USD by service (`Amazon Elastic Compute Cloud - Compute`, `EC2 - Other`, …).
    pub by_service: BTreeMap<String, f64>,
    /// Free micro-instance hours used.
    pub free_micro_hours: f64,
    /// Free EBS GB-months used.
    pub free_ebs_gb_months: f64,
    /// Free public IPv4 address hours used.
    #[serde(default)]
    pub free_ipv4_hours: f64,
}

/// The Cost Explorer service an hourly cost line belongs to.
fn service_of(item: &str) -> &'static str {
    if item.contains("instance hours") {
        "Amazon Elastic Compute Cloud - Compute"
    } else if item.contains("NAT gateway") {
        "EC2 - Other"
    } else if item.contains("public IPv4") {
        "Amazon Virtual Private Cloud"
    } else if item.contains("load balancer") {
        "Amazon Elastic Load Balancing"
    } else if item.contains("EKS") {
        "Amazon Elastic Container Service for Kubernetes"
    } else {
        "Other"
    }
}

/// Adds `dt` ms of charges, starting at `from`, for what runs in `networks`, honouring the free tier.
/// Returns the USD actually charged.
pub fn accrue<'a>(
    months: &mut BTreeMap<String, MonthCharges>,
    networks: impl Iterator<Item = &'a Network> + Clone,
    from: i64,
    dt: i64,
) -> f64 {
    let hours = dt as f64 / 3_600_000.0;
    let m = months.entry(month_of(from)).or_default();
    let mut charged = 0.0;
    let mut micro_count = 0.0;
    let mut ebs_gb = 0.0;
    for net in networks.clone() {
        for i in &net.instances {
            let s = i.state(net.now).0;
            if matches!(s, "pending" | "running")
                && matches!(i.instance_type.as_str(), "t2.micro" | "t3.micro")
            {
                micro_count += 1.0;
            }
            if !matches!(s, "terminated" | "shutting-down") {
                ebs_gb += ROOT_VOLUME_GB;
            }
        }
    }
    let mut ipv4_count = 0.0;
    for net in networks {
        for l in super::cost::hourly_lines(net) {
            if l.item.contains("public IPv4") {
                ipv4_count += 1.0;
            }
            let usd = l.usd_per_hour * hours;
            *m.by_service.entry(service_of(&l.item).into()).or_default() += usd;
            charged += usd;
        }
    }
    // Free micro hours: refund up to what is left this month.
    if micro_count > 0.0 {
        let used = micro_count * hours;
        let free = used.min((FREE_MICRO_HOURS - m.free_micro_hours).max(0.0));
        m.free_micro_hours += free;
        let price = instance_hourly("t3.micro").unwrap_or(0.0);
        let refund = free * price;
        *m.by_service
            .entry("Amazon Elastic Compute Cloud - Compute".into())
            .or_default() -= refund;
        charged -= refund;
    }
    // Free public IPv4 hours.
    if ipv4_count > 0.0 {
        let used = ipv4_count * hours;
        let free = used.min((FREE_IPV4_HOURS - m.free_ipv4_hours).max(0.0));
        m.free_ipv4_hours += free;
        let refund = free * super::cost::PUBLIC_IPV4_HOURLY;
        *m.by_service
            .entry("Amazon Virtual Private Cloud".into())
            .or_default() -= refund;
        charged -= refund;
    }
    // EBS root volumes: GB-months beyond the free 30.
    if ebs_gb > 0.0 {
        let gb_months = ebs_gb * hours / HOURS_PER_MONTH;
        let free = gb_months.min((FREE_EBS_GB_MONTHS - m.free_ebs_gb_months).max(0.0));
        m.free_ebs_gb_months += free;
        let usd = (gb_months - free) * EBS_GP3_GB_MONTH;
        *m.by_service.entry("EC2 - Other".into()).or_default() += usd;
        charged += usd;
    }
    charged
}

/// A CloudWatch metric alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    /// Its name.
    pub name: String,
    /// Its region.
    pub region: String,
    /// The metric name (`EstimatedCharges`).
    pub metric: String,
    /// The namespace (`AWS/Billing`).
    pub namespace: String,
    /// `Maximum`, `Average`, …
    pub statistic: String,
    /// Seconds.
    pub period: i64,
    /// Evaluation periods.
    pub evaluation_periods: i64,
    /// The threshold.
    pub threshold: f64,
    /// `GreaterThanOrEqualToThreshold`, …
    pub comparison: String,
    /// Actions on ALARM (SNS topic ARNs).
    pub alarm_actions: Vec<String>,
    /// Dimensions (name, value).
    pub dimensions: Vec<(String, String)>,
    /// `INSUFFICIENT_DATA`, `OK` or `ALARM`.
    pub state: String,
    /// Why.
    pub reason: String,
    /// When the state last changed.
    pub state_updated: i64,
    /// When it was configured.
    pub configured: i64,
}

/// An SNS topic and its subscriptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// `arn:aws:sns:REGION:ACCOUNT:NAME`.
    pub arn: String,
    /// (protocol, endpoint, subscription ARN or `pending confirmation`).
    pub subscriptions: Vec<(String, String, String)>,
}

/// A message SNS delivered (for the UI's inbox).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    /// The topic.
    pub topic_arn: String,
    /// Where it went (e-mail address, …).
    pub endpoints: Vec<String>,
    /// The subject line.
    pub subject: String,
    /// When.
    pub at: i64,
}

/// Billing state of an account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Billing {
    /// Charges by month.
    pub months: BTreeMap<String, MonthCharges>,
    /// Alarms by (region, name).
    pub alarms: BTreeMap<(String, String), Alarm>,
    /// SNS topics by ARN.
    pub topics: BTreeMap<String, Topic>,
    /// Notifications sent, oldest first.
    pub notifications: Vec<Notification>,
}

fn compare(op: &str, v: f64, t: f64) -> Option<bool> {
    Some(match op {
        "GreaterThanOrEqualToThreshold" => v >= t,
        "GreaterThanThreshold" => v > t,
        "LessThanThreshold" => v < t,
        "LessThanOrEqualToThreshold" => v <= t,
        _ => return None,
    })
}

fn op_words(op: &str) -> &'static str {
    match op {
        "GreaterThanOrEqualToThreshold" => "greater than or equal to",
        "GreaterThanThreshold" => "greater than",
        "LessThanThreshold" => "less than",
        _ => "less than or equal to",
    }
}

/// A threshold as CloudWatch's state reasons print it (Java's `Double.toString` for everyday values): whole numbers
/// keep one decimal (`10.0`) and fractions keep their shortest digits (`0.01`, not a rounded `0.0`).
fn java_double(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e7 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

fn short_time(ms: i64) -> String {
    // `dd/mm/yy HH:MM:SS`, the datapoint format of CloudWatch state reasons.
    let t = timestamp(ms);
    format!("{}/{}/{} {}", &t[8..10], &t[5..7], &t[2..4], &t[11..19])
}

impl Billing {
    /// The month-to-date estimated charges (what `EstimatedCharges` reports), in USD.
    pub fn estimated_charges(&self, now: i64) -> f64 {
        self.months
            .get(&month_of(now))
            .map(|m| m.by_service.values().sum::<f64>().max(0.0) + 0.0)
            .unwrap_or(0.0)
    }

    /// Re-evaluates every alarm at `now`; billing data points come every period (at least six hours apart in real
    /// life, here at every evaluation once a period has passed since creation).
    pub fn evaluate_alarms(&mut self, now: i64) {
        let charges = self.estimated_charges(now);
        let mut fired = vec![];
        for a in self.alarms.values_mut() {
            let has_data = a.region == "us-east-1"
                && a.namespace == "AWS/Billing"
                && a.metric == "EstimatedCharges";
            if !has_data || now - a.configured < 60_000 {
                continue;
            }
            let Some(breach) = compare(&a.comparison, charges, a.threshold) else {
                continue;
            };
            let state = if breach { "ALARM" } else { "OK" };
            if a.state != state {
                a.reason = format!(
                    "Threshold Crossed: 1 datapoint [{charges:.2} ({})] was {}{} the threshold ({}).",
                    short_time(now),
                    if breach { "" } else { "not " },
                    op_words(&a.comparison),
                    java_double(a.threshold)
                );
                a.state = state.into();
                a.state_updated = now;
                if breach {
                    fired.push((a.name.clone(), a.region.clone(), a.alarm_actions.clone()));
                }
            }
        }
        for (name, region, actions) in fired {
            for arn in actions {
                if let Some(t) = self.topics.get(&arn) {
                    self.notifications.push(Notification {
                        topic_arn: arn.clone(),
                        endpoints: t.subscriptions.iter().map(|s| s.1.clone()).collect(),
                        subject: format!("ALARM: \"{name}\" in US East (N. Virginia)"),
                        at: now,
                    });
                }
                let _ = &region;
            }
        }
    }

    fn alarm_json(a: &Alarm) -> Value {
        let arn = format!(
            "arn:aws:cloudwatch:{}:{ACCOUNT_ID}:alarm:{}",
            a.region, a.name
        );
        json!({
            "AlarmName": a.name,
            "AlarmArn": arn,
            "AlarmConfigurationUpdatedTimestamp": timestamp(a.configured).replace("+00:00", ".000000+00:00"),
            "ActionsEnabled": true,
            "OKActions": [],
            "AlarmActions": a.alarm_actions,
            "InsufficientDataActions": [],
            "StateValue": a.state,
            "StateReason": a.reason,
            "StateUpdatedTimestamp": timestamp(a.state_updated).replace("+00:00", ".000000+00:00"),
            "MetricName": a.metric,
            "Namespace": a.namespace,
            "Statistic": a.statistic,
            "Dimensions": a.dimensions.iter().map(|(n, v)| json!({"Name": n, "Value": v})).collect::<Vec<_>>(),
            "Period": a.period,
            "EvaluationPeriods": a.evaluation_periods,
            "Threshold": a.threshold,
            "ComparisonOperator": a.comparison,
            "StateTransitionedTimestamp": timestamp(a.state_updated).replace("+00:00", ".000000+00:00")
        })
    }

    /// `aws cloudwatch`, `aws sns` and `aws ce` operations.
    pub fn call(
        &mut self,
        service: &str,
        op: &str,
        p: &Params,
        region: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        match (service, op) {
            ("cloudwatch", "put-metric-alarm") => {
                let comparison = p.req("comparison-operator").to_owned();
                if compare(&comparison, 0.0, 0.0).is_none() {
                    return Err(AwsError::new(
                        "ValidationError",
                        format!(
                            "1 validation error detected: Value '{comparison}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [LessThanLowerOrGreaterThanUpperThreshold, LessThanOrEqualToThreshold, LessThanLowerThreshold, LessThanThreshold, GreaterThanOrEqualToThreshold, GreaterThanUpperThreshold, GreaterThanThreshold]"
                        ),
                    ));
                }
                let period = p.int("period").unwrap_or(60);
                if period < 10 || (period > 30 && period % 60 != 0) {
                    return Err(AwsError::new(
                        "ValidationError",
                        "Period must be 10, 20, 30 or a multiple of 60",
                    ));
                }
                let threshold = p
                    .str("threshold")
                    .and_then(|t| t.parse::<f64>().ok())
                    .ok_or_else(|| {
                        AwsError::new("ValidationError", "Threshold must be a number")
                    })?;
                for a in p.list("alarm-actions") {
                    if !a.starts_with("arn:aws:sns:") && !a.starts_with("arn:aws:automate:") {
                        return Err(AwsError::new(
                            "ValidationError",
                            format!("Invalid arn syntax: {a}"),
                        ));
                    }
                }
                let dims = match p.json("dimensions") {
                    Some(Value::Array(a)) => a
                        .iter()
                        .map(|d| {
                            (
                                d.get("Name")
                                    .and_then(Value::as_str)
                                    .unwrap_or("")
                                    .to_owned(),
                                d.get("Value")
                                    .and_then(Value::as_str)
                                    .unwrap_or("")
                                    .to_owned(),
                            )
                        })
                        .collect(),
                    _ => vec![],
                };
                let alarm = Alarm {
                    name: p.req("alarm-name").to_owned(),
                    region: region.to_owned(),
                    metric: p.req("metric-name").to_owned(),
                    namespace: p.req("namespace").to_owned(),
                    statistic: p.str("statistic").unwrap_or("Average").to_owned(),
                    period,
                    evaluation_periods: p.int("evaluation-periods").unwrap_or(1),
                    threshold,
                    comparison,
                    alarm_actions: p.list("alarm-actions"),
                    dimensions: dims,
                    state: "INSUFFICIENT_DATA".into(),
                    reason: "Unchecked: Initial alarm creation".into(),
                    state_updated: now,
                    configured: now,
                };
                self.alarms
                    .insert((region.to_owned(), alarm.name.clone()), alarm);
                Ok(None)
            }
            ("cloudwatch", "describe-alarms") => {
                let names = p.list("alarm-names");
                let state = p.str("state-value");
                if let Some(s) = state
                    && !matches!(s, "OK" | "ALARM" | "INSUFFICIENT_DATA")
                {
                    return Err(AwsError::new(
                        "ValidationError",
                        format!(
                            "1 validation error detected: Value '{s}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]"
                        ),
                    ));
                }
                let list: Vec<Value> = self
                    .alarms
                    .values()
                    .filter(|a| a.region == region)
                    .filter(|a| names.is_empty() || names.contains(&a.name))
                    .filter(|a| state.is_none_or(|s| s == a.state))
                    .map(Self::alarm_json)
                    .collect();
                Ok(Some(json!({"MetricAlarms": list, "CompositeAlarms": []})))
            }
            ("cloudwatch", "delete-alarms") => {
                for n in p.list("alarm-names") {
                    self.alarms.remove(&(region.to_owned(), n));
                }
                Ok(None)
            }
            ("sns", "create-topic") => {
                let name = p.req("name");
                // Topic names are 1 to 256 letters, digits, hyphens and underscores (a FIFO topic adds `.fifo`).
                let base = name.strip_suffix(".fifo").unwrap_or(name);
                if base.is_empty()
                    || name.len() > 256
                    || !base
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    return Err(AwsError::new(
                        "InvalidParameter",
                        "Invalid parameter: Topic Name",
                    ));
                }
                let arn = format!("arn:aws:sns:{region}:{ACCOUNT_ID}:{name}");
                self.topics.entry(arn.clone()).or_insert(Topic {
                    arn: arn.clone(),
                    subscriptions: vec![],
                });
                Ok(Some(json!({ "TopicArn": arn })))
            }
            ("sns", "list-topics") => Ok(Some(json!({
                "Topics": self.topics.keys().filter(|a| a.split(':').nth(3) == Some(region)).map(|a| json!({"TopicArn": a})).collect::<Vec<_>>()
            }))),
            ("sns", "subscribe") => {
                let arn = p.req("topic-arn").to_owned();
                let protocol = p.req("protocol").to_owned();
                let endpoint = p.str("notification-endpoint").unwrap_or("").to_owned();
                let t = self
                    .topics
                    .get_mut(&arn)
                    .ok_or_else(|| AwsError::new("NotFound", "Topic does not exist"))?;
                if !matches!(
                    protocol.as_str(),
                    "email"
                        | "email-json"
                        | "sms"
                        | "sqs"
                        | "lambda"
                        | "http"
                        | "https"
                        | "application"
                        | "firehose"
                ) {
                    return Err(AwsError::new(
                        "InvalidParameter",
                        "Invalid parameter: Amazon SNS does not support this protocol string: "
                            .to_owned()
                            + &protocol,
                    ));
                }
                if protocol == "email" && !endpoint.contains('@') {
                    return Err(AwsError::new(
                        "InvalidParameter",
                        "Invalid parameter: Email address",
                    ));
                }
                let sub = if protocol.starts_with("email") || protocol.starts_with("http") {
                    "pending confirmation".to_owned()
                } else {
                    format!(
                        "{arn}:{:08x}-0000-4000-8000-{:012x}",
                        t.subscriptions.len() + 1,
                        now
                    )
                };
                t.subscriptions.push((protocol, endpoint, sub.clone()));
                Ok(Some(json!({ "SubscriptionArn": sub })))
            }
            ("sns", "list-subscriptions") => {
                let mut subs = vec![];
                for t in self.topics.values() {
                    for (proto, ep, arn) in &t.subscriptions {
                        subs.push(json!({"SubscriptionArn": if arn == "pending confirmation" { "PendingConfirmation" } else { arn.as_str() }, "Owner": ACCOUNT_ID, "Protocol": proto, "Endpoint": ep, "TopicArn": t.arn}));
                    }
                }
                Ok(Some(json!({ "Subscriptions": subs })))
            }
            ("ce", "get-cost-and-usage") => {
                let tp = p.json("time-period").cloned().unwrap_or(Value::Null);
                let start = tp
                    .get("Start")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let end = tp
                    .get("End")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                if start.len() != 10 || end.len() != 10 || start >= end {
                    return Err(AwsError::new(
                        "ValidationException",
                        "Start date (and hour) should be before end date (and hour)",
                    ));
                }
                let gran = p.req("granularity");
                if !matches!(gran, "MONTHLY" | "DAILY" | "HOURLY") {
                    return Err(AwsError::new(
                        "ValidationException",
                        format!(
                            "1 validation error detected: Value '{gran}' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [HOURLY, DAILY, MONTHLY]"
                        ),
                    ));
                }
                let metrics = p.list("metrics");
                let by_service = p
                    .json("group-by")
                    .map(|g| g.to_string().contains("SERVICE"))
                    .unwrap_or(false);
                let mut results = vec![];
                for (month, m) in &self.months {
                    let m_start = format!("{month}-01");
                    if m_start.as_str() >= end.as_str() || month.as_str() < &start[..7] {
                        continue;
                    }
                    let total: f64 = m.by_service.values().sum::<f64>().max(0.0);
                    let amount = |v: f64| {
                        metrics
                            .iter()
                            .map(|k| {
                                (
                                    k.clone(),
                                    json!({"Amount": format!("{:.10}", v.max(0.0) + 0.0), "Unit": "USD"}),
                                )
                            })
                            .collect::<serde_json::Map<_, _>>()
                    };
                    let groups: Vec<Value> = if by_service {
                        m.by_service
                            .iter()
                            .map(|(s, v)| json!({"Keys": [s], "Metrics": amount(v.max(0.0))}))
                            .collect()
                    } else {
                        vec![]
                    };
                    let next = next_month(month);
                    results.push(json!({
                        "TimePeriod": {"Start": m_start.max(start.clone()), "End": format!("{next}-01").min(end.clone())},
                        "Total": if by_service { json!({}) } else { Value::Object(amount(total)) },
                        "Groups": groups,
                        "Estimated": true
                    }));
                }
                Ok(Some(if by_service {
                    json!({"GroupDefinitions": [{"Type": "DIMENSION", "Key": "SERVICE"}], "ResultsByTime": results, "DimensionValueAttributes": []})
                } else {
                    json!({"ResultsByTime": results, "DimensionValueAttributes": []})
                }))
            }
            _ => Err(AwsError::new(
                "InvalidAction",
                format!("{op} is not supported"),
            )),
        }
    }
}

fn next_month(month: &str) -> String {
    let y: i32 = month[..4].parse().unwrap_or(1970);
    let m: u32 = month[5..7].parse().unwrap_or(1);
    if m == 12 {
        format!("{}-01", y + 1)
    } else {
        format!("{y}-{:02}", m + 1)
    }
}

/// Discount of a one-year, no-upfront Compute Savings Plan against on-demand (Seoul, burstable and general purpose).
pub const SAVINGS_PLAN_1Y_RATE: f64 = 0.72;
/// Discount of a one-year, no-upfront Standard Reserved Instance against on-demand.
pub const RESERVED_1Y_RATE: f64 = 0.63;

/// Cumulative cost over a year of running `instance_type` in Seoul `hours` a month: (month, on-demand,
/// 1-year Savings Plan, 1-year Reserved Instance). Commitments are billed for every hour of the month whether used or
/// not, so they only win when the instance runs most of the time.
pub fn on_demand_vs_savings(instance_type: &str, hours: f64) -> Vec<(u32, f64, f64, f64)> {
    let price = instance_hourly(instance_type).unwrap_or(0.0);
    let hours = hours.clamp(0.0, HOURS_PER_MONTH);
    (1..=12)
        .map(|m| {
            let n = f64::from(m);
            (
                m,
                price * hours * n,
                price * SAVINGS_PLAN_1Y_RATE * HOURS_PER_MONTH * n,
                price * RESERVED_1Y_RATE * HOURS_PER_MONTH * n,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsAccount;
    use crate::aws::model::RunSpec;

    #[test]
    fn free_tier_covers_one_micro_instance_for_a_month() {
        let mut acct = AwsAccount::new_at(1, 1_793_491_200_000); // 2026-11-01T00:00:00Z
        let ami = crate::aws::images::image_id(&crate::aws::images::CATALOG[0], "ap-northeast-2");
        let subnet = acct.seoul().subnets[0].id.clone();
        let spec = RunSpec {
            image_id: ami.clone(),
            instance_type: "t3.micro".into(),
            subnet_id: subnet.clone(),
            count: 1,
            ..RunSpec::default()
        };
        acct.seoul().run_instances(&spec).unwrap();
        acct.advance(700 * 3_600_000);
        let m = &acct.billing.months["2026-11"];
        assert!((m.free_micro_hours - 700.0).abs() < 1e-6);
        assert!(acct.billing.estimated_charges(acct.now) < 1e-9, "{m:?}");
        // A second micro instance exhausts the 750 hours: 50 free hours left for 2 × 29 hours = 58.
        let spec2 = RunSpec { ..spec };
        acct.seoul().run_instances(&spec2).unwrap();
        acct.advance(29 * 3_600_000);
        let m = &acct.billing.months["2026-11"];
        assert!((m.free_micro_hours - 750.0).abs() < 1e-6);
        let compute = m.by_service["Amazon Elastic Compute Cloud - Compute"];
        assert!((compute - 8.0 * 0.013).abs() < 1e-9, "{compute}");
    }

    #[test]
    fn savings_chart_crosses_over() {
        let rows = on_demand_vs_savings("t3.micro", 730.0);
        assert_eq!(rows.len(), 12);
        let (m, od, sp, ri) = rows[11];
        assert_eq!(m, 12);
        assert!(ri < sp && sp < od);
        let part_time = on_demand_vs_savings("t3.micro", 200.0);
        assert!(
            part_time[0].1 < part_time[0].2,
            "commitments lose at low usage"
        );
        assert!(on_demand_vs_savings("nope.large", 730.0)[0].1 == 0.0);
    }
}
