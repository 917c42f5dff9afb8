//! Route 53, a global service: public and private hosted zones with their record sets, and the `aws route53`
//! operations that read them (`list-hosted-zones`, `get-hosted-zone`, `list-resource-record-sets`).

use crate::sort::SortShared;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::args::Params;
use super::model::AwsError;

/// The account's hosted zones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route53 {
    /// Hosted zones in creation order.
    pub zones: Vec<HostedZone>,
    /// How many zones were ever created (for IDs and caller references).
    pub created: u64,
}

/// A hosted zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedZone {
    /// The ID without the `/hostedzone/` prefix, such as `Z0482015NKCF1ZEBSLYM`.
    pub id: String,
    /// The domain with its trailing dot.
    pub name: String,
    /// The caller reference given at creation.
    pub caller_reference: String,
    /// The comment.
    pub comment: String,
    /// Private zones answer only inside their VPCs.
    pub private: bool,
    /// (region, VPC ID) of each associated VPC.
    pub vpcs: Vec<(String, String)>,
    /// The record sets, NS and SOA first.
    pub records: Vec<RecordSet>,
    /// The tags.
    pub tags: Vec<(String, String)>,
}

/// One record set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSet {
    /// The name with its trailing dot (a leading `*` is printed as `\052`).
    pub name: String,
    /// `A`, `NS`, `SOA`, `CNAME`, …
    pub kind: String,
    /// The TTL of a plain record.
    pub ttl: Option<u32>,
    /// The values of a plain record.
    pub values: Vec<String>,
    /// An alias record's target.
    pub alias: Option<Alias>,
}

/// Where an alias record points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The target's canonical hosted zone.
    pub hosted_zone_id: String,
    /// The target's DNS name, with its trailing dot.
    pub dns_name: String,
}

fn dotted(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.'))
}

/// The sort key Route 53 lists records in: labels from the right, so a zone's apex comes first.
fn sort_key(r: &RecordSet) -> (Vec<String>, u8) {
    let labels: Vec<String> = r
        .name
        .trim_end_matches('.')
        .rsplit('.')
        .map(str::to_owned)
        .collect();
    let kind = match r.kind.as_str() {
        "NS" => 0,
        "SOA" => 1,
        _ => 2,
    };
    (labels, kind)
}

impl Route53 {
    /// Creates a hosted zone for `domain` (with its NS and SOA records) and returns its ID; a private zone is
    /// associated with `vpc` (region, VPC ID).
    pub fn create_zone(
        &mut self,
        domain: &str,
        comment: &str,
        vpc: Option<(&str, &str)>,
        tags: &[(String, String)],
    ) -> String {
        self.created += 1;
        let n = self.created;
        // New zone IDs are `Z0` and 19 more upper-case letters and digits.
        let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ domain.len() as u64;
        let mut id = String::from("Z0");
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for _ in 0..19 {
            x ^= x >> 29;
            x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9).wrapping_add(n);
            id.push(ALPHABET[(x % ALPHABET.len() as u64) as usize] as char);
        }
        let ns: Vec<String> = (0..4)
            .map(|k| {
                let tld = ["com", "net", "org", "co.uk"][k];
                format!(
                    "ns-{}.awsdns-{:02}.{tld}.",
                    (n * 389 + k as u64 * 512) % 2048,
                    (n * 7 + k as u64 * 13) % 64
                )
            })
            .collect();
        let name = dotted(domain);
        let records = vec![
            RecordSet {
                name: name.clone(),
                kind: "NS".into(),
                ttl: Some(172_800),
                values: ns.clone(),
                alias: None,
            },
            RecordSet {
                name: name.clone(),
                kind: "SOA".into(),
                ttl: Some(900),
                values: vec![format!(
                    "{} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
                    ns[0]
                )],
                alias: None,
            },
        ];
        self.zones.push(HostedZone {
            id: id.clone(),
            name,
            caller_reference: format!(
                "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
                x as u32,
                (x >> 32) as u16,
                n & 0xfff,
                (x >> 48) & 0xfff,
                x.rotate_left(17) & 0xffff_ffff_ffff
            ),
            comment: comment.to_owned(),
            private: vpc.is_some(),
            vpcs: vpc
                .map(|(r, v)| vec![(r.to_owned(), v.to_owned())])
                .unwrap_or_default(),
            records,
            tags: tags.to_vec(),
        });
        id
    }

    /// The public zone of `domain`, if the account has one.
    pub fn public_zone(&self, domain: &str) -> Option<&HostedZone> {
        let name = dotted(domain);
        self.zones.iter().find(|z| !z.private && z.name == name)
    }

    /// Sets the caller reference of zone `zone_id` (the reference its creator passed, such as Terraform's).
    pub fn set_caller_reference(&mut self, zone_id: &str, reference: &str) {
        if let Ok(zone) = self.zone_mut(zone_id) {
            zone.caller_reference = reference.to_owned();
        }
    }

    /// Creates or replaces (UPSERT) an alias A record `name` in zone `zone_id`.
    pub fn upsert_alias(
        &mut self,
        zone_id: &str,
        name: &str,
        alias: Alias,
    ) -> Result<(), AwsError> {
        let zone = self.zone_mut(zone_id)?;
        let name = dotted(name).replacen('*', "\\052", 1);
        zone.records.retain(|r| !(r.name == name && r.kind == "A"));
        zone.records.push(RecordSet {
            name,
            kind: "A".into(),
            ttl: None,
            values: Vec::new(),
            alias: Some(alias),
        });
        zone.records.sort_shared_by_key(sort_key);
        Ok(())
    }

    /// Deletes the records of zone `zone_id` named `name` (any type but NS and SOA); returns how many went.
    pub fn delete_records(&mut self, zone_id: &str, name: &str) -> usize {
        let name = dotted(name).replacen('*', "\\052", 1);
        let Ok(zone) = self.zone_mut(zone_id) else {
            return 0;
        };
        let before = zone.records.len();
        zone.records
            .retain(|r| r.name != name || r.kind == "NS" || r.kind == "SOA");
        before - zone.records.len()
    }

    /// Deletes hosted zone `zone_id`, which must hold nothing but its NS and SOA records.
    pub fn delete_zone(&mut self, zone_id: &str) -> Result<(), AwsError> {
        let zone = self.zone_mut(zone_id)?;
        if zone
            .records
            .iter()
            .any(|r| r.kind != "NS" && r.kind != "SOA")
        {
            return Err(AwsError::new(
                "HostedZoneNotEmpty",
                "The specified hosted zone contains non-required resource record sets and so cannot be deleted.",
            ));
        }
        let id = zone.id.clone();
        self.zones.retain(|z| z.id != id);
        Ok(())
    }

    fn zone_mut(&mut self, zone_id: &str) -> Result<&mut HostedZone, AwsError> {
        let id = zone_id.trim_start_matches("/hostedzone/");
        self.zones
            .iter_mut()
            .find(|z| z.id == id)
            .ok_or_else(|| no_such_zone(id))
    }

    fn zone(&self, zone_id: &str) -> Result<&HostedZone, AwsError> {
        let id = zone_id.trim_start_matches("/hostedzone/");
        self.zones
            .iter()
            .find(|z| z.id == id)
            .ok_or_else(|| no_such_zone(id))
    }

    /// Runs a `route53` operation.
    pub fn call(&self, op: &str, p: &Params) -> Result<Option<Value>, AwsError> {
        match op {
            "list-hosted-zones" => {
                let mut zones: Vec<&HostedZone> = self.zones.iter().collect();
                zones.sort_shared_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
                let list: Vec<Value> = zones.into_iter().map(zone_json).collect();
                Ok(Some(json!({ "HostedZones": list })))
            }
            "get-hosted-zone" => {
                let zone = self.zone(p.req("id"))?;
                let mut v = json!({
                    "HostedZone": zone_json(zone),
                    "DelegationSet": {"NameServers": zone.records[0].values.iter().map(|s| s.trim_end_matches('.')).collect::<Vec<_>>()}
                });
                if zone.private {
                    v = json!({
                        "HostedZone": zone_json(zone),
                        "VPCs": zone.vpcs.iter().map(|(r, id)| json!({"VPCRegion": r, "VPCId": id})).collect::<Vec<_>>()
                    });
                }
                Ok(Some(v))
            }
            "list-resource-record-sets" => {
                let zone = self.zone(p.req("hosted-zone-id"))?;
                let list: Vec<Value> = zone
                    .records
                    .iter()
                    .map(|r| match &r.alias {
                        Some(a) => json!({
                            "Name": r.name,
                            "Type": r.kind,
                            "AliasTarget": {"HostedZoneId": a.hosted_zone_id, "DNSName": a.dns_name, "EvaluateTargetHealth": false}
                        }),
                        None => json!({
                            "Name": r.name,
                            "Type": r.kind,
                            "TTL": r.ttl,
                            "ResourceRecords": r.values.iter().map(|v| json!({"Value": v})).collect::<Vec<_>>()
                        }),
                    })
                    .collect();
                Ok(Some(json!({ "ResourceRecordSets": list })))
            }
            _ => Ok(None),
        }
    }
}

fn no_such_zone(id: &str) -> AwsError {
    AwsError::new(
        "NoSuchHostedZone",
        format!("No hosted zone found with ID: {id}"),
    )
}

fn zone_json(z: &HostedZone) -> Value {
    let mut config = json!({"PrivateZone": z.private});
    if !z.comment.is_empty() {
        config = json!({"Comment": z.comment, "PrivateZone": z.private});
    }
    json!({
        "Id": format!("/hostedzone/{}", z.id),
        "Name": z.name,
        "CallerReference": z.caller_reference,
        "Config": config,
        "ResourceRecordSetCount": z.records.len()
    })
}
