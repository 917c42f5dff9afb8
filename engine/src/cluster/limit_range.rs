//! The API server's validation of a LimitRange (`ValidateLimitRange`): limit types, resource names and the order
//! of each resource's min, default request, default limit and max, with the real field paths and messages.
//!
//! Go visits the resources of an item in map order; the causes here come in a fixed order (by check, then by
//! resource name) so that transcripts are stable.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::api::validation::{QUALIFIED_NAME_MSG, is_qualified_name};
use crate::printers::quantity::Quantity;

/// The causes for which a LimitRange's `spec` (after its defaults are applied, before its quantities are
/// rewritten in canonical form) is invalid; empty when it is valid.
pub fn validate(spec: &Value) -> Vec<String> {
    let mut causes = Vec::new();
    let mut types = BTreeSet::new();
    for (i, item) in spec["limits"].as_array().into_iter().flatten().enumerate() {
        let path = format!("spec.limits[{i}]");
        let kind = item["type"].as_str().unwrap_or_default();
        type_name(kind, &format!("{path}.type"), &mut causes);
        if !types.insert(kind.to_owned()) {
            causes.push(format!("{path}.type: Duplicate value: \"{kind}\""));
        }
        let map = |key: &str| -> Vec<(String, String, Quantity)> {
            item[key]
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(r, v)| {
                    let raw = match v {
                        Value::String(s) => s.trim().to_owned(),
                        Value::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((r.clone(), raw.clone(), Quantity::parse(&raw)?))
                })
                .collect()
        };
        let (max, min) = (map("max"), map("min"));
        let (mut default, mut request) = (Vec::new(), Vec::new());
        for (key, list) in [("max", &max), ("min", &min)] {
            for (r, _, _) in list {
                resource_name(kind, r, &format!("{path}.{key}[{r}]"), &mut causes);
            }
        }
        if kind == "Pod" {
            for key in ["default", "defaultRequest"] {
                if item[key].as_object().is_some_and(|m| !m.is_empty()) {
                    causes.push(format!(
                        "{path}.{key}: Forbidden: may not be specified when `type` is 'Pod'"
                    ));
                }
            }
        } else {
            default = map("default");
            request = map("defaultRequest");
            for (key, list) in [("default", &default), ("defaultRequest", &request)] {
                for (r, _, _) in list {
                    resource_name(kind, r, &format!("{path}.{key}[{r}]"), &mut causes);
                }
            }
        }
        if kind == "PersistentVolumeClaim"
            && !max.iter().chain(&min).any(|(r, _, _)| r == "storage")
        {
            causes.push(format!("{path}.limits: Required value: either minimum or maximum storage value is required, but neither was provided"));
        }
        let ratio = map("maxLimitRequestRatio");
        for (r, _, _) in &ratio {
            resource_name(
                kind,
                r,
                &format!("{path}.maxLimitRequestRatio[{r}]"),
                &mut causes,
            );
        }
        let keys: BTreeSet<&String> = [&max, &min, &default, &request, &ratio]
            .into_iter()
            .flatten()
            .map(|(r, _, _)| r)
            .collect();
        let find = |list: &[(String, String, Quantity)], r: &str| {
            list.iter()
                .find(|(k, _, _)| k == r)
                .map(|(_, raw, q)| (raw.clone(), *q))
        };
        for r in keys {
            let (mn, mx) = (find(&min, r), find(&max, r));
            let (df, dr) = (find(&default, r), find(&request, r));
            let rt = find(&ratio, r);
            let mut invalid = |key: &str, value: &(String, Quantity), why: String| {
                causes.push(format!(
                    "{path}.{key}[{r}]: Invalid value: {}: {why}",
                    go_quantity(&value.0)
                ));
            };
            if let (Some(mn), Some(mx)) = (&mn, &mx)
                && mn.1.milli > mx.1.milli
            {
                invalid(
                    "min",
                    mn,
                    format!("min value {} is greater than max value {}", mn.1, mx.1),
                );
            }
            if let (Some(dr), Some(mn)) = (&dr, &mn)
                && mn.1.milli > dr.1.milli
            {
                invalid(
                    "defaultRequest",
                    dr,
                    format!(
                        "min value {} is greater than default request value {}",
                        mn.1, dr.1
                    ),
                );
            }
            if let (Some(dr), Some(mx)) = (&dr, &mx)
                && dr.1.milli > mx.1.milli
            {
                invalid(
                    "defaultRequest",
                    dr,
                    format!(
                        "default request value {} is greater than max value {}",
                        dr.1, mx.1
                    ),
                );
            }
            if let (Some(dr), Some(df)) = (&dr, &df)
                && dr.1.milli > df.1.milli
            {
                invalid(
                    "defaultRequest",
                    dr,
                    format!(
                        "default request value {} is greater than default limit value {}",
                        dr.1, df.1
                    ),
                );
            }
            if let (Some(df), Some(mn)) = (&df, &mn)
                && mn.1.milli > df.1.milli
            {
                invalid(
                    "default",
                    mn,
                    format!("min value {} is greater than default value {}", mn.1, df.1),
                );
            }
            // The API server shows the max as the invalid value of a default over the max.
            if let (Some(df), Some(mx)) = (&df, &mx)
                && df.1.milli > mx.1.milli
            {
                invalid(
                    "default",
                    mx,
                    format!("default value {} is greater than max value {}", df.1, mx.1),
                );
            }
            if let Some(rt) = &rt {
                if rt.1.milli < 1000 {
                    invalid(
                        "maxLimitRequestRatio",
                        rt,
                        format!("ratio {} is less than 1", rt.1),
                    );
                }
                if let (Some(mn), Some(mx)) = (&mn, &mx) {
                    let limit = mx.1.milli as f64 / mn.1.milli as f64;
                    if rt.1.milli as f64 / 1000.0 > limit {
                        invalid(
                            "maxLimitRequestRatio",
                            rt,
                            format!("ratio {} is greater than max/min = {limit:.6}", rt.1),
                        );
                    }
                }
            }
            if !overcommit_allowed(r)
                && let (Some(df), Some(dr)) = (&df, &dr)
                && df.1.milli != dr.1.milli
            {
                invalid(
                    "defaultRequest",
                    dr,
                    format!(
                        "default value {} must equal to defaultRequest value {} in {r}",
                        df.1, dr.1
                    ),
                );
            }
        }
    }
    causes
}

/// The resource names `IsStandardResourceName` accepts without a domain prefix.
const STANDARD_RESOURCES: [&str; 20] = [
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "persistentvolumeclaims",
    "configmaps",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

fn type_name(value: &str, path: &str, causes: &mut Vec<String>) {
    if !qualified(value, path, causes) {
        return;
    }
    if !value.contains('/') && !["Pod", "Container", "PersistentVolumeClaim"].contains(&value) {
        causes.push(format!(
            "{path}: Invalid value: \"{value}\": must be a standard limit type or fully qualified"
        ));
    }
}

/// `validateLimitRangeResourceName`: containers and pods take container resources, other types any resource.
fn resource_name(kind: &str, value: &str, path: &str, causes: &mut Vec<String>) {
    if qualified(value, path, causes)
        && !value.contains('/')
        && !STANDARD_RESOURCES.contains(&value)
        && !hugepages(value)
    {
        causes.push(format!(
            "{path}: Invalid value: \"{value}\": must be a standard resource type or fully qualified"
        ));
    }
    if kind != "Pod" && kind != "Container" {
        return;
    }
    if !value.contains('/') {
        if !["cpu", "memory", "ephemeral-storage"].contains(&value)
            && !value.starts_with("hugepages-")
        {
            causes.push(format!(
                "{path}: Invalid value: \"{value}\": must be a standard resource for containers"
            ));
        }
    } else if !native(value) && (value.starts_with("requests.") || !is_qualified_name(value)) {
        causes.push(format!(
            "{path}: Invalid value: \"{value}\": doesn't follow extended resource name standard"
        ));
    }
}

/// `IsQualifiedName`'s causes for `value` at `path`; whether there were none.
fn qualified(value: &str, path: &str, causes: &mut Vec<String>) -> bool {
    if is_qualified_name(value) {
        return true;
    }
    let name = value.rsplit_once('/').map_or(value, |(_, n)| n);
    if name.is_empty() {
        causes.push(format!(
            "{path}: Invalid value: \"{value}\": name part must be non-empty"
        ));
    }
    causes.push(format!(
        "{path}: Invalid value: \"{value}\": {QUALIFIED_NAME_MSG}"
    ));
    false
}

fn hugepages(r: &str) -> bool {
    r.starts_with("hugepages-") || r.starts_with("requests.hugepages-")
}

/// Whether a resource is native: unprefixed or in the `kubernetes.io` domain.
fn native(r: &str) -> bool {
    r.split_once('/')
        .is_none_or(|(domain, _)| domain == "kubernetes.io" || domain.ends_with(".kubernetes.io"))
}

/// `IsOvercommitAllowed`: hugepages and extended resources may not be overcommitted.
fn overcommit_allowed(r: &str) -> bool {
    native(r) && !hugepages(r)
}

/// A quantity as Go's `%#v` prints a `resource.Quantity` parsed from `raw`: its integer amount, its cached string
/// (kept only when `raw` is already canonical) and its format.
pub fn go_quantity(raw: &str) -> String {
    let (negative, rest) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let rest = rest.trim_start_matches('0');
    let num_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let num = if num_end == 0 { "0" } else { &rest[..num_end] };
    let after = &rest[num_end..];
    let (denom, suffix) = match after.strip_prefix('.') {
        Some(d) => {
            let end = d.find(|c: char| !c.is_ascii_digit()).unwrap_or(d.len());
            (&d[..end], &d[end..])
        }
        None => ("", after),
    };
    let (format, binary_exp, decimal_exp) = match suffix {
        "Ki" => ("BinarySI", 10, 0),
        "Mi" => ("BinarySI", 20, 0),
        "Gi" => ("BinarySI", 30, 0),
        "Ti" => ("BinarySI", 40, 0),
        "Pi" => ("BinarySI", 50, 0),
        "Ei" => ("BinarySI", 60, 0),
        "n" => ("DecimalSI", 0, -9),
        "u" => ("DecimalSI", 0, -6),
        "m" => ("DecimalSI", 0, -3),
        "" => ("DecimalSI", 0, 0),
        "k" => ("DecimalSI", 0, 3),
        "M" => ("DecimalSI", 0, 6),
        "G" => ("DecimalSI", 0, 9),
        "T" => ("DecimalSI", 0, 12),
        "P" => ("DecimalSI", 0, 15),
        "E" => ("DecimalSI", 0, 18),
        s => (
            "DecimalExponent",
            0,
            s.get(1..).and_then(|e| e.parse::<i32>().ok()).unwrap_or(0),
        ),
    };
    let shifted = format!("{num}{denom}");
    let fast = if format == "BinarySI" {
        (denom.is_empty() && 15 - num.len() as i32 - binary_exp * 3 / 10 > 0)
            .then_some((1i64 << binary_exp, 0))
    } else {
        let scale = decimal_exp - denom.len() as i32;
        (18 - shifted.len() as i32 >= 0 && scale >= -9).then_some((1, scale))
    };
    let amount = fast.and_then(|(mantissa, scale)| {
        let value: i64 = shifted.parse().ok()?;
        let result = value.checked_mul(mantissa)?;
        let canonical = if format == "BinarySI" {
            value & 7 != 0
        } else {
            scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0')
        };
        Some((if negative { -result } else { result }, scale, canonical))
    });
    match amount {
        Some((value, scale, canonical)) => format!(
            "resource.Quantity{{i:resource.int64Amount{{value:{value}, scale:{scale}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:\"{}\", Format:\"{format}\"}}",
            if canonical { raw } else { "" }
        ),
        // A quantity the int64 fast path cannot hold is an arbitrary-precision decimal behind a pointer.
        None => format!(
            "resource.Quantity{{i:resource.int64Amount{{value:0, scale:0}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(0xc000b2e0a0)}}, s:\"\", Format:\"{format}\"}}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quantities_print_as_go_debug_values() {
        let cases = [
            (
                "2",
                "value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}",
            ),
            (
                "400m",
                "value:400, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"400m\", Format:\"DecimalSI\"}",
            ),
            (
                "1000m",
                "value:1000, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}",
            ),
            (
                "1Gi",
                "value:1073741824, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1Gi\", Format:\"BinarySI\"}",
            ),
            (
                "512Mi",
                "value:536870912, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"BinarySI\"}",
            ),
            (
                "0",
                "value:0, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}",
            ),
            (
                "0.5",
                "value:5, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}",
            ),
        ];
        for (raw, tail) in cases {
            assert_eq!(
                go_quantity(raw),
                format!("resource.Quantity{{i:resource.int64Amount{{{tail}"),
                "{raw}"
            );
        }
    }

    #[test]
    fn checks_order_types_and_names() {
        let spec = json!({"limits": [
            {"type": "Container", "min": {"cpu": "2"}, "max": {"cpu": "1"}, "default": {"cpu": "1"},
             "defaultRequest": {"cpu": "1"}},
            {"type": "Container"},
            {"type": "Pod", "default": {"cpu": "1"}, "max": {"foo": "1"}},
            {"type": "Node"},
            {"type": "PersistentVolumeClaim", "maxLimitRequestRatio": {"storage": "500m"}},
        ]});
        let causes = validate(&spec);
        let q = |raw| go_quantity(raw);
        assert_eq!(
            causes,
            [
                format!(
                    "spec.limits[0].min[cpu]: Invalid value: {}: min value 2 is greater than max value 1",
                    q("2")
                ),
                format!(
                    "spec.limits[0].defaultRequest[cpu]: Invalid value: {}: min value 2 is greater than default request value 1",
                    q("1")
                ),
                format!(
                    "spec.limits[0].default[cpu]: Invalid value: {}: min value 2 is greater than default value 1",
                    q("2")
                ),
                "spec.limits[1].type: Duplicate value: \"Container\"".to_owned(),
                "spec.limits[2].max[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified".to_owned(),
                "spec.limits[2].max[foo]: Invalid value: \"foo\": must be a standard resource for containers".to_owned(),
                "spec.limits[2].default: Forbidden: may not be specified when `type` is 'Pod'".to_owned(),
                "spec.limits[3].type: Invalid value: \"Node\": must be a standard limit type or fully qualified".to_owned(),
                "spec.limits[4].limits: Required value: either minimum or maximum storage value is required, but neither was provided".to_owned(),
                format!(
                    "spec.limits[4].maxLimitRequestRatio[storage]: Invalid value: {}: ratio 500m is less than 1",
                    q("500m")
                ),
            ]
        );
        assert!(
            validate(&json!({"limits": [{"type": "Container", "max": {"cpu": "1"}}]})).is_empty()
        );
    }
}
