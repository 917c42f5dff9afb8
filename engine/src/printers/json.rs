//! JSON output as kubectl prints it: Go's `encoding/json` with four-space indentation and HTML-safe escaping.

use crate::sort::SortShared;
use serde_json::Value;

/// Renders `value` as `kubectl -o json` does for typed objects: four-space indentation, keys in the value's own order, a trailing newline.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0), false);
    out.push('\n');
    out
}

/// Renders `value` as `kubectl get -o json` does for objects read from the API server: like [`to_json`], but every map's keys sorted bytewise, because kubectl holds them as unstructured Go maps.
pub fn to_json_sorted(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0), true);
    out.push('\n');
    out
}

/// Renders `value` on one line the way Go's `json.Marshal` does (keys sorted, HTML-safe escaping), as JSONPath and custom columns print maps and lists.
pub fn to_compact_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None, true);
    out
}

/// Appends `s` as a Go `encoding/json` string literal (with `<`, `>`, `&`, U+2028 and U+2029 escaped).
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Formats a JSON number as Go prints a number decoded into an unstructured object: integral values as integers, others in Go's shortest float form.
pub fn go_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return format!("{}", f as i64);
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => s,
        }
    } else {
        format!("{f}")
    }
}

fn write_value(out: &mut String, value: &Value, indent: Option<usize>, sorted: bool) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_number(n)),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent.map(|n| n + 1));
                write_value(out, item, indent.map(|n| n + 1), sorted);
            }
            newline(out, indent);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if sorted {
                entries.sort_shared_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            }
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent.map(|n| n + 1));
                write_json_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, indent.map(|n| n + 1), sorted);
            }
            newline(out, indent);
            out.push('}');
        }
    }
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(level) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str("    ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use serde_json::json;

    #[test]
    fn indents_and_escapes_like_go() {
        let v = json!({
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {"name": "a", "labels": {}, "finalizers": []},
            "data": {"html": "<b>&\u{2028}", "ctl": "a\tb\u{1}\u{8}\"\\"},
            "n": [1, 1.5, 2.0, 1e-7, 1.5e21, -0.25]
        });
        expect![[r#"
            {
                "kind": "ConfigMap",
                "apiVersion": "v1",
                "metadata": {
                    "name": "a",
                    "labels": {},
                    "finalizers": []
                },
                "data": {
                    "html": "\u003cb\u003e\u0026\u2028",
                    "ctl": "a\tb\u0001\b\"\\"
                },
                "n": [
                    1,
                    1.5,
                    2,
                    1e-7,
                    1.5e+21,
                    -0.25
                ]
            }
        "#]]
        .assert_eq(&to_json(&v));
        expect![[r#"{"apiVersion":"v1","data":{"ctl":"a\tb\u0001\b\"\\","html":"\u003cb\u003e\u0026\u2028"},"kind":"ConfigMap","metadata":{"finalizers":[],"labels":{},"name":"a"},"n":[1,1.5,2,1e-7,1.5e+21,-0.25]}"#]]
            .assert_eq(&to_compact_json(&v));
    }

    #[test]
    fn sorted_output_matches_unstructured_objects() {
        let v = json!({"metadata": {"name": "a", "annotations": {"z": "1", "B": "2"}}, "apiVersion": "v1"});
        expect![[r#"
            {
                "apiVersion": "v1",
                "metadata": {
                    "annotations": {
                        "B": "2",
                        "z": "1"
                    },
                    "name": "a"
                }
            }
        "#]]
        .assert_eq(&to_json_sorted(&v));
    }

    /// Typed objects keep their field order and unstructured ones are sorted; both checked against the real client when installed.
    #[test]
    fn matches_the_real_kubectl_client() {
        let commands: &[&[&str]] = &[
            &[
                "create",
                "deployment",
                "web",
                "--image=nginx:1.25",
                "--replicas=3",
                "--port=80",
            ],
            &["create", "service", "nodeport", "web", "--tcp=80:8080"],
            &[
                "create",
                "configmap",
                "cfg",
                "--from-literal=html=<b>&amp;</b>",
                "--from-literal=n=1",
            ],
            &[
                "create",
                "secret",
                "generic",
                "s",
                "--from-literal=password=s3cr3t",
            ],
            &[
                "create",
                "job",
                "pi",
                "--image=perl",
                "--",
                "perl",
                "-e",
                "print 1",
            ],
            &[
                "create",
                "cronjob",
                "c",
                "--image=busybox",
                "--schedule=*/5 * * * *",
            ],
            &[
                "create",
                "ingress",
                "i",
                "--rule=foo.example.com/bar=svc1:8080,tls=my-cert",
            ],
        ];
        for args in commands {
            let mut full: Vec<&str> = args.to_vec();
            full.splice(3..3, ["--dry-run=client", "-o", "json"]);
            let Some(real) = super::super::test_support::kubectl_ok(&full) else {
                return;
            };
            let value: Value = serde_json::from_str(&real).unwrap();
            assert_eq!(to_json(&value), real, "{args:?}");
        }
        let dir = std::env::temp_dir().join(format!("bastion-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("cm.json");
        let cm = json!({"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a", "annotations": {"z": "<b>&\u{2028}", "a": "1.0"}}, "data": {"b": "x"}});
        std::fs::write(&file, cm.to_string()).unwrap();
        let Some(real) = super::super::test_support::kubectl_ok(&[
            "label",
            "-f",
            &file.to_string_lossy(),
            "--local",
            "x=y",
            "-o",
            "json",
        ]) else {
            return;
        };
        let mut labelled = cm.clone();
        labelled["metadata"]["labels"] = json!({"x": "y"});
        assert_eq!(to_json_sorted(&labelled), real);
    }
}
