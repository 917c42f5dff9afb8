//! Name and field validation with the API server's exact messages.

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
/// `IsQualifiedName`'s message for a name part that breaks its pattern.
pub const QUALIFIED_NAME_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const DNS1035_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/// Which naming rule a kind's names follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// DNS-1123 subdomain, up to 253 characters (most kinds).
    Subdomain,
    /// DNS-1123 label, up to 63 characters (namespaces).
    Label,
    /// DNS-1035 label, up to 63 characters (services).
    Dns1035,
    /// Path segment: anything but `/`, `%`, `.` and `..` (RBAC objects).
    PathSegment,
}

fn is_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// The causes (`metadata.name: Invalid value: ...`) for which `name` breaks `rule`; empty when valid.
pub fn validate_name(name: &str, rule: NameRule) -> Vec<String> {
    let invalid = |detail: &str| format!("metadata.name: Invalid value: \"{name}\": {detail}");
    if name.is_empty() {
        return vec!["metadata.name: Required value: name or generateName is required".to_owned()];
    }
    let mut causes = Vec::new();
    match rule {
        NameRule::Subdomain => {
            if name.len() > 253 {
                causes.push(invalid("must be no more than 253 characters"));
            }
            if !name.split('.').all(is_label) {
                causes.push(invalid(SUBDOMAIN_MSG));
            }
        }
        NameRule::Label => {
            if name.len() > 63 {
                causes.push(invalid("must be no more than 63 characters"));
            }
            if !is_label(name) {
                causes.push(invalid(LABEL_MSG));
            }
        }
        NameRule::Dns1035 => {
            if name.len() > 63 {
                causes.push(invalid("must be no more than 63 characters"));
            }
            if !is_label(name) || !name.as_bytes()[0].is_ascii_lowercase() {
                causes.push(invalid(DNS1035_MSG));
            }
        }
        NameRule::PathSegment => {
            if name == "." || name == ".." {
                causes.push(invalid(&format!("may not be '{name}'")));
            }
            for bad in ["/", "%"] {
                if name.contains(bad) {
                    causes.push(invalid(&format!("may not contain '{bad}'")));
                }
            }
        }
    }
    causes
}

/// Whether `value` is a valid label value (empty, or up to 63 alphanumerics with `-_.` inside).
pub fn is_label_value(value: &str) -> bool {
    value.is_empty()
        || (value.len() <= 63
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && value.starts_with(|c: char| c.is_ascii_alphanumeric())
            && value.ends_with(|c: char| c.is_ascii_alphanumeric()))
}

/// Whether `key` is a valid qualified label or annotation key (`[prefix/]name`).
pub fn is_qualified_name(key: &str) -> bool {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    prefix.is_none_or(|p| !p.is_empty() && p.len() <= 253 && p.split('.').all(is_label))
        && !name.is_empty()
        && is_label_value(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate_name("nginx-7d9c8b6f5-x2kqp", NameRule::Subdomain).is_empty());
        assert!(validate_name("a.b.c", NameRule::Subdomain).is_empty());
        assert_eq!(validate_name("Bad_Name", NameRule::Subdomain).len(), 1);
        assert!(validate_name("a.b", NameRule::Label)[0].contains("RFC 1123 label"));
        assert!(validate_name("1abc", NameRule::Dns1035)[0].contains("DNS-1035"));
        assert!(validate_name("abc", NameRule::Dns1035).is_empty());
        assert!(validate_name("", NameRule::Label)[0].contains("Required value"));
        assert!(validate_name("system:admin", NameRule::PathSegment).is_empty());
    }

    #[test]
    fn labels() {
        assert!(is_qualified_name("app.kubernetes.io/name"));
        assert!(is_qualified_name("app"));
        assert!(!is_qualified_name("-app"));
        assert!(is_label_value(""));
        assert!(!is_label_value("a b"));
    }
}
