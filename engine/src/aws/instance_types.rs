//! The EC2 instance types the model knows (the ones its price list has), with the facts `describe-instance-types`
//! prints, and the Reserved Instance offerings `describe-reserved-instances-offerings` lists for them, priced from
//! the on-demand rate with the usual one- and three-year discounts.

use serde_json::{Value, json};

use super::args::Params;
use super::model::AwsError;

/// One instance type: name, vCPUs, memory (MiB), network performance, network interfaces, IPv4 addresses per
/// interface, sustained clock (GHz), and whether it runs on Nitro (else Xen).
struct TypeInfo {
    name: &'static str,
    vcpus: u32,
    memory_mib: u32,
    network: &'static str,
    interfaces: u32,
    ipv4_per_interface: u32,
    clock_ghz: f64,
    nitro: bool,
}

#[rustfmt::skip]
const TYPES: &[TypeInfo] = &[
    TypeInfo { name: "t2.nano", vcpus: 1, memory_mib: 512, network: "Low to Moderate", interfaces: 2, ipv4_per_interface: 2, clock_ghz: 2.4, nitro: false },
    TypeInfo { name: "t2.micro", vcpus: 1, memory_mib: 1024, network: "Low to Moderate", interfaces: 2, ipv4_per_interface: 2, clock_ghz: 2.5, nitro: false },
    TypeInfo { name: "t2.small", vcpus: 1, memory_mib: 2048, network: "Low to Moderate", interfaces: 3, ipv4_per_interface: 4, clock_ghz: 2.5, nitro: false },
    TypeInfo { name: "t2.medium", vcpus: 2, memory_mib: 4096, network: "Low to Moderate", interfaces: 3, ipv4_per_interface: 6, clock_ghz: 2.3, nitro: false },
    TypeInfo { name: "t3.nano", vcpus: 2, memory_mib: 512, network: "Up to 5 Gigabit", interfaces: 2, ipv4_per_interface: 2, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "t3.micro", vcpus: 2, memory_mib: 1024, network: "Up to 5 Gigabit", interfaces: 2, ipv4_per_interface: 2, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "t3.small", vcpus: 2, memory_mib: 2048, network: "Up to 5 Gigabit", interfaces: 3, ipv4_per_interface: 4, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "t3.medium", vcpus: 2, memory_mib: 4096, network: "Up to 5 Gigabit", interfaces: 3, ipv4_per_interface: 6, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "t3.large", vcpus: 2, memory_mib: 8192, network: "Up to 5 Gigabit", interfaces: 3, ipv4_per_interface: 12, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "t3.xlarge", vcpus: 4, memory_mib: 16384, network: "Up to 5 Gigabit", interfaces: 4, ipv4_per_interface: 15, clock_ghz: 2.5, nitro: true },
    TypeInfo { name: "m5.large", vcpus: 2, memory_mib: 8192, network: "Up to 10 Gigabit", interfaces: 3, ipv4_per_interface: 10, clock_ghz: 3.1, nitro: true },
    TypeInfo { name: "m5.xlarge", vcpus: 4, memory_mib: 16384, network: "Up to 10 Gigabit", interfaces: 4, ipv4_per_interface: 15, clock_ghz: 3.1, nitro: true },
    TypeInfo { name: "m6i.large", vcpus: 2, memory_mib: 8192, network: "Up to 12.5 Gigabit", interfaces: 3, ipv4_per_interface: 10, clock_ghz: 3.5, nitro: true },
    TypeInfo { name: "c5.large", vcpus: 2, memory_mib: 4096, network: "Up to 10 Gigabit", interfaces: 3, ipv4_per_interface: 10, clock_ghz: 3.4, nitro: true },
    TypeInfo { name: "r5.large", vcpus: 2, memory_mib: 16384, network: "Up to 10 Gigabit", interfaces: 3, ipv4_per_interface: 10, clock_ghz: 3.1, nitro: true },
];

impl TypeInfo {
    /// The type as `describe-instance-types` prints it (botocore's `InstanceTypeInfo` member order).
    fn to_json(&self) -> Value {
        let burstable = self.name.starts_with("t");
        // Nitro types run two threads per core; Xen-era t2 one.
        let threads = if self.nitro { 2 } else { 1 };
        let cores = (self.vcpus / threads).max(1);
        let mut architectures = vec!["x86_64"];
        if !self.nitro {
            architectures.insert(0, "i386");
        }
        json!({
            "InstanceType": self.name,
            "CurrentGeneration": true,
            // The free tier's type in regions that have t2 (Seoul does).
            "FreeTierEligible": self.name == "t2.micro",
            "SupportedUsageClasses": ["on-demand", "spot"],
            "SupportedRootDeviceTypes": ["ebs"],
            "SupportedVirtualizationTypes": ["hvm"],
            "BareMetal": false,
            "Hypervisor": if self.nitro { "nitro" } else { "xen" },
            "ProcessorInfo": {
                "SupportedArchitectures": architectures,
                "SustainedClockSpeedInGhz": self.clock_ghz,
                "Manufacturer": "Intel"
            },
            "VCpuInfo": {
                "DefaultVCpus": self.vcpus,
                "DefaultCores": cores,
                "DefaultThreadsPerCore": threads
            },
            "MemoryInfo": {"SizeInMiB": self.memory_mib},
            "InstanceStorageSupported": false,
            "EbsInfo": {
                "EbsOptimizedSupport": if self.nitro { "default" } else { "unsupported" },
                "EncryptionSupport": "supported",
                "NvmeSupport": if self.nitro { "required" } else { "unsupported" }
            },
            "NetworkInfo": {
                "NetworkPerformance": self.network,
                "MaximumNetworkInterfaces": self.interfaces,
                "MaximumNetworkCards": 1,
                "DefaultNetworkCardIndex": 0,
                "Ipv4AddressesPerInterface": self.ipv4_per_interface,
                "Ipv6AddressesPerInterface": self.ipv4_per_interface,
                "Ipv6Supported": true,
                "EnaSupport": if self.nitro { "required" } else { "unsupported" },
                "EfaSupported": false,
                "EncryptionInTransitSupported": false,
                "EnaSrdSupported": false
            },
            "PlacementGroupInfo": {"SupportedStrategies": ["partition", "spread"]},
            "HibernationSupported": true,
            "BurstablePerformanceSupported": burstable,
            "DedicatedHostsSupported": !burstable,
            "AutoRecoverySupported": true,
            "SupportedBootModes": if self.nitro { json!(["legacy-bios", "uefi"]) } else { json!(["legacy-bios"]) }
        })
    }
}

/// `describe-instance-types`: the types asked for (all when none), or the error naming the unknown ones.
pub fn describe_instance_types(p: &Params) -> Result<Value, AwsError> {
    let asked = p.list("instance-types");
    let unknown: Vec<&str> = asked
        .iter()
        .map(String::as_str)
        .filter(|t| !TYPES.iter().any(|x| x.name == *t))
        .collect();
    if !unknown.is_empty() {
        return Err(AwsError::new(
            "InvalidInstanceType",
            format!(
                "The following supplied instance types do not exist: [{}]",
                unknown.join(", ")
            ),
        ));
    }
    let list: Vec<Value> = TYPES
        .iter()
        .filter(|t| asked.is_empty() || asked.iter().any(|a| a == t.name))
        .map(TypeInfo::to_json)
        .collect();
    Ok(json!({"InstanceTypes": list}))
}

/// One year and three years, in seconds.
const TERMS: [(i64, f64); 2] = [(31_536_000, 8_760.0), (94_608_000, 26_280.0)];

/// `describe-reserved-instances-offerings` for one instance type: per term and payment option, the upfront and hourly
/// prices, from the on-demand rate (standard offerings save about 37–40% over one year and 57–62% over three;
/// convertible ones less).
pub fn describe_reserved_offerings(p: &Params) -> Result<Value, AwsError> {
    let class = p.str("offering-class").unwrap_or("standard");
    if class != "standard" && class != "convertible" {
        return Err(AwsError::new(
            "InvalidParameterValue",
            format!("Invalid value '{class}' for offeringClass"),
        ));
    }
    let product = p.str("product-description").unwrap_or("Linux/UNIX");
    let types: Vec<&TypeInfo> = match p.str("instance-type") {
        Some(t) => TYPES.iter().filter(|x| x.name == t).collect(),
        None => TYPES.iter().collect(),
    };
    let max = p
        .int("max-results")
        .map_or(usize::MAX, |n| n.max(0) as usize);
    let mut offerings = Vec::new();
    for t in types {
        let Some(hourly) = super::cost::instance_hourly(t.name) else {
            continue;
        };
        for (n, (seconds, hours)) in TERMS.iter().enumerate() {
            // (payment option, share of the on-demand cost paid up front, share paid hourly)
            let options: [(&str, f64, f64); 3] = match (n, class) {
                (0, "standard") => [
                    ("All Upfront", 0.60, 0.0),
                    ("No Upfront", 0.0, 0.63),
                    ("Partial Upfront", 0.30, 0.31),
                ],
                (_, "standard") => [
                    ("All Upfront", 0.38, 0.0),
                    ("No Upfront", 0.0, 0.43),
                    ("Partial Upfront", 0.20, 0.20),
                ],
                (0, _) => [
                    ("All Upfront", 0.69, 0.0),
                    ("No Upfront", 0.0, 0.73),
                    ("Partial Upfront", 0.35, 0.36),
                ],
                _ => [
                    ("All Upfront", 0.47, 0.0),
                    ("No Upfront", 0.0, 0.52),
                    ("Partial Upfront", 0.24, 0.24),
                ],
            };
            for (option, upfront, recurring) in options {
                let id_seed = format!("{}/{product}/{class}/{seconds}/{option}", t.name);
                let h = super::fnv1a(id_seed.bytes());
                let round = |x: f64| (x * 1000.0).round() / 1000.0;
                offerings.push(json!({
                    "Duration": seconds,
                    "FixedPrice": round(hourly * hours * upfront).round(),
                    "InstanceType": t.name,
                    "ProductDescription": product,
                    "ReservedInstancesOfferingId": format!("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", h >> 32, (h >> 16) & 0xffff, h & 0xfff, (h >> 40) & 0xfff, h & 0xffff_ffff_ffff),
                    "UsagePrice": 0.0,
                    "CurrencyCode": "USD",
                    "InstanceTenancy": "default",
                    "Marketplace": false,
                    "OfferingClass": class,
                    "OfferingType": option,
                    "PricingDetails": [],
                    "RecurringCharges": if recurring > 0.0 { json!([{"Amount": round(hourly * recurring), "Frequency": "Hourly"}]) } else { json!([]) },
                    "Scope": "Region"
                }));
            }
        }
    }
    let more = offerings.len() > max;
    offerings.truncate(max);
    let mut out = json!({"ReservedInstancesOfferings": offerings});
    if more {
        out["NextToken"] = json!("eyJ2IjoiMyIsImMiOiJuZXh0In0=");
    }
    Ok(out)
}
