//! Label selectors: kubectl's `-l` syntax and the API's `matchLabels`/`matchExpressions`, and field selectors.

use std::collections::BTreeMap;

use serde_json::Value;

/// One requirement of a label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// `key=value` or `key==value`.
    Equals(String, String),
    /// `key!=value`.
    NotEquals(String, String),
    /// `key in (a,b)`.
    In(String, Vec<String>),
    /// `key notin (a,b)`.
    NotIn(String, Vec<String>),
    /// `key`.
    Exists(String),
    /// `!key`.
    DoesNotExist(String),
}

/// A label selector: every requirement must hold; the empty selector matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    /// The requirements.
    pub requirements: Vec<Requirement>,
}

impl Requirement {
    fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            Requirement::Equals(k, v) => labels.get(k) == Some(v),
            Requirement::NotEquals(k, v) => labels.get(k) != Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::DoesNotExist(k) => !labels.contains_key(k),
        }
    }
}

impl Selector {
    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }

    /// Whether the selector has no requirements (and so selects everything).
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Parses kubectl's `-l` syntax: `a=b,c!=d,e in (f,g),h notin (i),j,!k`.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let mut requirements = Vec::new();
        for part in split_top_level(text) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            requirements.push(parse_requirement(part)?);
        }
        Ok(Selector { requirements })
    }

    /// Reads an API `LabelSelector` (`matchLabels` and `matchExpressions`).
    pub fn from_label_selector(value: &Value) -> Selector {
        let mut requirements = Vec::new();
        if let Some(m) = value.get("matchLabels").and_then(Value::as_object) {
            for (k, v) in m {
                requirements.push(Requirement::Equals(
                    k.clone(),
                    v.as_str().unwrap_or_default().to_owned(),
                ));
            }
        }
        if let Some(exprs) = value.get("matchExpressions").and_then(Value::as_array) {
            for e in exprs {
                let key = e["key"].as_str().unwrap_or_default().to_owned();
                let values = super::object::string_array(&e["values"]);
                requirements.push(match e["operator"].as_str().unwrap_or_default() {
                    "In" => Requirement::In(key, values),
                    "NotIn" => Requirement::NotIn(key, values),
                    "Exists" => Requirement::Exists(key),
                    _ => Requirement::DoesNotExist(key),
                });
            }
        }
        Selector { requirements }
    }

    /// Reads a plain `key: value` map selector (as Services and ReplicationControllers use).
    pub fn from_map(value: &Value) -> Selector {
        let requirements = value
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        Requirement::Equals(k.clone(), v.as_str().unwrap_or_default().to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        Selector { requirements }
    }
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .requirements
            .iter()
            .map(|r| match r {
                Requirement::Equals(k, v) => format!("{k}={v}"),
                Requirement::NotEquals(k, v) => format!("{k}!={v}"),
                Requirement::In(k, vs) => format!("{k} in ({})", vs.join(",")),
                Requirement::NotIn(k, vs) => format!("{k} notin ({})", vs.join(",")),
                Requirement::Exists(k) => k.clone(),
                Requirement::DoesNotExist(k) => format!("!{k}"),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn parse_requirement(part: &str) -> Result<Requirement, String> {
    let invalid = || format!("unable to parse requirement: found '{part}', expected: identifier");
    let check_key = |k: &str| -> Result<String, String> {
        let k = k.trim();
        if super::validation::is_qualified_name(k) {
            Ok(k.to_owned())
        } else {
            Err(format!(
                "unable to parse requirement: <nil>: Invalid value: \"{k}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            ))
        }
    };
    if let Some(key) = part.strip_prefix('!') {
        return Ok(Requirement::DoesNotExist(check_key(key)?));
    }
    for (op, notin) in [(" notin ", true), (" in ", false)] {
        if let Some(i) = part.find(op) {
            let key = check_key(&part[..i])?;
            let rest = part[i + op.len()..].trim();
            let inner = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(invalid)?;
            let values: Vec<String> = inner
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            return Ok(if notin {
                Requirement::NotIn(key, values)
            } else {
                Requirement::In(key, values)
            });
        }
    }
    if let Some((k, v)) = part.split_once("!=") {
        return Ok(Requirement::NotEquals(check_key(k)?, v.trim().to_owned()));
    }
    if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
        return Ok(Requirement::Equals(check_key(k)?, v.trim().to_owned()));
    }
    Ok(Requirement::Exists(check_key(part)?))
}

/// A field selector (`status.phase=Running,spec.nodeName!=worker01`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSelector {
    /// `(field, value, equal)` triples.
    pub terms: Vec<(String, String, bool)>,
}

impl FieldSelector {
    /// Parses a field selector.
    pub fn parse(text: &str) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some((f, v)) = part.split_once("!=") {
                terms.push((f.to_owned(), v.to_owned(), false));
            } else if let Some((f, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                terms.push((f.to_owned(), v.to_owned(), true));
            } else {
                return Err(format!(
                    "invalid selector: '{text}'; can't understand '{part}'"
                ));
            }
        }
        Ok(FieldSelector { terms })
    }

    /// Whether an object's JSON form satisfies every term; unknown fields are looked up as JSON paths.
    pub fn matches(&self, object: &Value) -> bool {
        self.terms.iter().all(|(field, value, equal)| {
            let mut current = object;
            for part in field.split('.') {
                current = current.get(part).unwrap_or(&Value::Null);
            }
            let actual = match current {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (actual == *value) == *equal
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_and_matches_every_form() {
        let l = labels(&[("app", "web"), ("tier", "front")]);
        for (sel, expected) in [
            ("app=web", true),
            ("app==web", true),
            ("app!=web", false),
            ("app in (web,db)", true),
            ("app notin (web)", false),
            ("tier", true),
            ("!tier", false),
            ("app=web,tier=back", false),
            ("", true),
        ] {
            assert_eq!(Selector::parse(sel).unwrap().matches(&l), expected, "{sel}");
        }
        assert!(Selector::parse("a b=c").is_err());
        assert_eq!(
            Selector::parse("a in (b, c),!d").unwrap().to_string(),
            "a in (b,c),!d"
        );
    }

    #[test]
    fn reads_api_selectors() {
        let s = Selector::from_label_selector(
            &serde_json::json!({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["front"]}]}),
        );
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "front")])));
        assert!(!s.matches(&labels(&[("app", "web")])));
    }

    #[test]
    fn field_selectors() {
        let pod = serde_json::json!({"status": {"phase": "Running"}, "spec": {"nodeName": "w1"}});
        assert!(
            FieldSelector::parse("status.phase=Running")
                .unwrap()
                .matches(&pod)
        );
        assert!(
            !FieldSelector::parse("spec.nodeName!=w1")
                .unwrap()
                .matches(&pod)
        );
        assert!(FieldSelector::parse("bogus").is_err());
    }
}
