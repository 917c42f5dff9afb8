//! A cost meter with Seoul (ap-northeast-2) on-demand prices: hourly rates of what is running now, and charges accumulated over virtual time.

use serde::{Deserialize, Serialize};

use super::model::Network;

// Prices are the on-demand USD rates published for Asia Pacific (Seoul), ap-northeast-2:
// NAT gateway hours and data processing, and public IPv4 addresses, on https://aws.amazon.com/vpc/pricing/ ;
// Linux instance hours on https://aws.amazon.com/ec2/pricing/on-demand/ ; load balancers on
// https://aws.amazon.com/elasticloadbalancing/pricing/ ; EKS clusters on https://aws.amazon.com/eks/pricing/ ;
// the free tier on https://aws.amazon.com/free/ . They are a teaching approximation, not a quote.

/// NAT gateway, per hour, in Seoul (USD).
pub const NAT_GATEWAY_HOURLY: f64 = 0.059;
/// NAT gateway data processing, per GB, in Seoul (USD).
pub const NAT_GATEWAY_PER_GB: f64 = 0.059;
/// Every public IPv4 address (in use or idle Elastic IP, auto-assigned public IP), per hour (USD).
pub const PUBLIC_IPV4_HOURLY: f64 = 0.005;
/// An Application or Network Load Balancer, per hour, in Seoul (USD), before capacity units.
pub const LOAD_BALANCER_HOURLY: f64 = 0.0225;
/// An EKS cluster control plane, per hour (USD).
pub const EKS_CLUSTER_HOURLY: f64 = 0.10;

/// On-demand Linux prices per hour in Seoul for the instance types the course uses (USD).
pub const INSTANCE_HOURLY: &[(&str, f64)] = &[
    ("t2.nano", 0.0072),
    ("t2.micro", 0.0144),
    ("t2.small", 0.0288),
    ("t2.medium", 0.0576),
    ("t3.nano", 0.0065),
    ("t3.micro", 0.013),
    ("t3.small", 0.026),
    ("t3.medium", 0.052),
    ("t3.large", 0.104),
    ("t3.xlarge", 0.208),
    ("m5.large", 0.118),
    ("m5.xlarge", 0.236),
    ("m6i.large", 0.118),
    ("c5.large", 0.096),
    ("r5.large", 0.152),
];

/// The free-tier note shown next to the meter.
pub const FREE_TIER_NOTE: &str = "Free tier (first 12 months): 750 hours a month of t2.micro (or t3.micro where t2.micro is unavailable) and 750 hours a month of public IPv4. NAT gateways, load balancers and EKS are never free.";
/// The free-tier note in Korean.
pub const FREE_TIER_NOTE_KO: &str = "프리 티어(가입 후 12개월): 매달 t2.micro(없는 리전은 t3.micro) 750시간과 퍼블릭 IPv4 750시간이 무료입니다. NAT 게이트웨이, 로드 밸런서, EKS는 무료가 아닙니다.";

/// The hourly price of an instance type, if the meter knows it.
pub fn instance_hourly(instance_type: &str) -> Option<f64> {
    INSTANCE_HOURLY
        .iter()
        .find(|(t, _)| *t == instance_type)
        .map(|(_, p)| *p)
}

/// One line of the meter: a billable resource and its rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    /// The resource ID (or name for load balancers and clusters).
    pub resource_id: String,
    /// What is billed, such as `NAT gateway hours` or `t3.micro instance hours`.
    pub item: String,
    /// USD per hour.
    pub usd_per_hour: f64,
}

/// Charges accumulated so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CostMeter {
    /// USD accumulated from hourly rates.
    pub accumulated_usd: f64,
    /// GB processed by NAT gateways.
    pub nat_gb: f64,
    /// Virtual milliseconds metered.
    pub metered_ms: i64,
    /// The accumulated charge sampled at most once per virtual hour, oldest first: `(virtual ms, USD)`.
    #[serde(default)]
    pub samples: Vec<(i64, f64)>,
}

/// How many samples the meter keeps; older ones are thinned out to every other one when it is full.
pub const MAX_SAMPLES: usize = 2_000;

/// One virtual hour in milliseconds.
const HOUR_MS: i64 = 3_600_000;

impl CostMeter {
    /// Adds `dt` ms at the rates in force in `networks`.
    pub fn accrue<'a>(&mut self, networks: impl Iterator<Item = &'a Network>, _from: i64, dt: i64) {
        let rate: f64 = networks
            .flat_map(hourly_lines)
            .map(|l| l.usd_per_hour)
            .sum();
        self.accumulated_usd += rate * dt as f64 / 3_600_000.0;
        self.metered_ms += dt;
    }

    /// Records the accumulated charge at `now`, replacing the last sample when it falls in the same virtual hour.
    pub fn sample(&mut self, now: i64) {
        let point = (now, self.accumulated_usd);
        let n = self.samples.len();
        match self.samples.last_mut() {
            Some(last) if n > 1 && last.0.div_euclid(HOUR_MS) == now.div_euclid(HOUR_MS) => {
                *last = point;
            }
            Some(last) if last.0 > now => {}
            _ => self.samples.push(point),
        }
        if self.samples.len() > MAX_SAMPLES {
            let last = self.samples.pop();
            let kept: Vec<(i64, f64)> = self.samples.iter().copied().step_by(2).collect();
            self.samples = kept;
            self.samples.extend(last);
        }
    }

    /// Records traffic through NAT gateways and charges its processing fee.
    pub fn add_nat_traffic(&mut self, gb: f64) {
        self.nat_gb += gb.max(0.0);
        self.accumulated_usd += gb.max(0.0) * NAT_GATEWAY_PER_GB;
    }
}

/// The billable resources of a network and their hourly rates, at the network's current time.
pub fn hourly_lines(net: &Network) -> Vec<CostLine> {
    let mut out = vec![];
    for n in &net.nat_gateways {
        if matches!(n.state(net.now), "pending" | "available") {
            out.push(CostLine {
                resource_id: n.id.clone(),
                item: "NAT gateway hours".into(),
                usd_per_hour: NAT_GATEWAY_HOURLY,
            });
        }
    }
    for i in &net.instances {
        if matches!(i.state(net.now).0, "pending" | "running") {
            out.push(CostLine {
                resource_id: i.id.clone(),
                item: format!("{} instance hours", i.instance_type),
                usd_per_hour: instance_hourly(&i.instance_type).unwrap_or(0.0),
            });
            if i.public_ip.is_some() {
                out.push(CostLine {
                    resource_id: i.id.clone(),
                    item: "public IPv4 address hours".into(),
                    usd_per_hour: PUBLIC_IPV4_HOURLY,
                });
            }
        }
    }
    for a in &net.addresses {
        let item = if a.association.is_some() {
            "public IPv4 address hours (Elastic IP)"
        } else {
            "public IPv4 address hours (idle Elastic IP)"
        };
        out.push(CostLine {
            resource_id: a.allocation_id.clone(),
            item: item.into(),
            usd_per_hour: PUBLIC_IPV4_HOURLY,
        });
    }
    for l in &net.load_balancers {
        out.push(CostLine {
            resource_id: l.name.clone(),
            item: format!("{} load balancer hours", l.kind),
            usd_per_hour: LOAD_BALANCER_HOURLY,
        });
    }
    for c in net
        .eks_clusters
        .iter()
        .filter(|c| c.status(net.now).is_some())
    {
        out.push(CostLine {
            resource_id: c.name.clone(),
            item: "EKS cluster hours".into(),
            usd_per_hour: EKS_CLUSTER_HOURLY,
        });
    }
    out
}

/// The total hourly rate of a network in USD.
pub fn hourly_total(net: &Network) -> f64 {
    hourly_lines(net).iter().map(|l| l.usd_per_hour).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsAccount;

    #[test]
    fn nat_and_eip_accrue_over_virtual_time() {
        let mut acct = AwsAccount::new_at(1, 1_795_000_000_000);
        let net = acct.seoul();
        let vpc = net.create_vpc("10.0.0.0/16").unwrap();
        let subnet = net
            .create_subnet(&vpc, "10.0.1.0/24", Some("ap-northeast-2a"))
            .unwrap();
        let eip = net.allocate_address();
        let _idle = net.allocate_address();
        net.create_nat_gateway(&subnet, Some(&eip), false).unwrap();
        let rate = hourly_total(acct.seoul());
        assert!((rate - (0.059 + 0.005 * 2.0)).abs() < 1e-9, "{rate}");
        acct.advance(3_600_000 * 10);
        // The two addresses' 20 hours fall within the free tier's 750 public IPv4 hours a month; the NAT gateway never does.
        let billed = 0.059 * 10.0;
        assert!((acct.meter.accumulated_usd - billed).abs() < 1e-9);
        acct.meter.add_nat_traffic(2.0);
        assert!((acct.meter.accumulated_usd - (billed + 0.118)).abs() < 1e-9);
        assert_eq!(instance_hourly("t3.micro"), Some(0.013));
        // The meter was sampled as time passed: first at the start, then at the end of the ten hours.
        let first = acct.meter.samples.first().copied().unwrap();
        let last = acct.meter.samples.last().copied().unwrap();
        assert_eq!(first.1, 0.0);
        assert!((last.1 - billed).abs() < 1e-9, "{:?}", acct.meter.samples);
        assert_eq!(last.0 - first.0, 3_600_000 * 10);
    }

    #[test]
    fn samples_keep_one_per_hour_and_stay_bounded() {
        let mut m = CostMeter::default();
        for i in 0..10 {
            m.accumulated_usd = f64::from(i);
            m.sample(i64::from(i) * 600_000);
        }
        // The first sample stays; minutes 10-50 of hour 0 collapse into the second; hour 1 gets its own.
        assert_eq!(
            m.samples.iter().map(|s| s.0 / 600_000).collect::<Vec<_>>(),
            [0, 5, 9]
        );
        for i in 0..(MAX_SAMPLES as i64 * 3) {
            m.sample(i * HOUR_MS * 2 + 10 * HOUR_MS);
        }
        assert!(m.samples.len() <= MAX_SAMPLES + 1);
        assert!(m.samples.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
