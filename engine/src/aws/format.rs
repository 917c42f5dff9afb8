//! The AWS CLI's output side: `--query` through a real JMESPath engine, and the json, text, table and yaml formats.

use crate::sort::SortShared;
use serde::Serialize;
use serde_json::{Map, Value};

/// Applies a JMESPath expression as `--query` does; keys of multi-select hashes keep the order written in the expression.
pub fn query(value: &Value, expr: &str) -> Result<Value, String> {
    let expr = quote_bare_literals(expr);
    let compiled = jmespath::compile(&expr).map_err(|e| e.to_string())?;
    let data = jmespath::Variable::try_from(value.clone()).map_err(|e| e.to_string())?;
    let result = compiled.search(data).map_err(|e| e.to_string())?;
    let mut out = serde_json::to_value(&*result).map_err(|e| e.to_string())?;
    let mut orders = vec![];
    collect_hash_orders(compiled.as_ast(), &mut orders);
    // JMESPath objects come back with sorted keys; restore the order of the input's objects with the same keys.
    collect_input_orders(value, &mut orders);
    reorder(&mut out, &orders);
    Ok(out)
}

/// Quotes backtick literals that are not valid JSON (`` `subnet-1` `` becomes `` `"subnet-1"` ``), as the AWS CLI's JMESPath still accepts them.
fn quote_bare_literals(expr: &str) -> String {
    let mut out = String::new();
    let mut rest = expr;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let mut end = None;
        let mut prev = ' ';
        for (i, c) in after.char_indices() {
            if c == '`' && prev != '\\' {
                end = Some(i);
                break;
            }
            prev = c;
        }
        let Some(end) = end else {
            out.push_str(&rest[start..]);
            return out;
        };
        let lit = &after[..end];
        let unescaped = lit.replace("\\`", "`");
        if serde_json::from_str::<Value>(&unescaped).is_ok() {
            out.push('`');
            out.push_str(lit);
            out.push('`');
        } else {
            out.push('`');
            out.push_str(&serde_json::to_string(&unescaped.trim()).unwrap_or_default());
            out.push('`');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn collect_hash_orders(ast: &jmespath::ast::Ast, out: &mut Vec<Vec<String>>) {
    use jmespath::ast::Ast;
    match ast {
        Ast::MultiHash { elements, .. } => {
            out.push(elements.iter().map(|kv| kv.key.clone()).collect());
            for kv in elements {
                collect_hash_orders(&kv.value, out);
            }
        }
        Ast::MultiList { elements, .. } => {
            elements.iter().for_each(|e| collect_hash_orders(e, out))
        }
        Ast::Function { args, .. } => args.iter().for_each(|e| collect_hash_orders(e, out)),
        Ast::Not { node, .. } | Ast::Flatten { node, .. } | Ast::ObjectValues { node, .. } => {
            collect_hash_orders(node, out)
        }
        Ast::Expref { ast, .. } => collect_hash_orders(ast, out),
        Ast::Projection { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Comparison { lhs, rhs, .. }
        | Ast::Condition {
            predicate: lhs,
            then: rhs,
            ..
        } => {
            collect_hash_orders(lhs, out);
            collect_hash_orders(rhs, out);
        }
        _ => {}
    }
}

fn collect_input_orders(v: &Value, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            if !out.contains(&keys) {
                out.push(keys);
            }
            m.values().for_each(|x| collect_input_orders(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_input_orders(x, out)),
        _ => {}
    }
}

fn reorder(v: &mut Value, orders: &[Vec<String>]) {
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| reorder(x, orders)),
        Value::Object(m) => {
            for x in m.values_mut() {
                reorder(x, orders);
            }
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_shared();
            if let Some(order) = orders.iter().find(|o| {
                let mut s: Vec<&String> = o.iter().collect();
                s.sort_shared();
                s.dedup();
                s == keys
            }) {
                let mut new = Map::new();
                for k in order {
                    if let Some(x) = m.remove(k) {
                        new.insert(k.clone(), x);
                    }
                }
                *m = new;
            }
        }
        _ => {}
    }
}

/// Prints JSON as the CLI does: four-space indentation, non-ASCII kept, a final newline.
pub fn json(value: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value
        .serialize(&mut ser)
        .expect("json values always serialise");
    let mut s = String::from_utf8(buf).expect("serde_json writes utf-8");
    s.push('\n');
    s
}

/// Prints YAML as the CLI's `--output yaml` does.
pub fn yaml(value: &Value) -> String {
    match value {
        Value::Null => "null\n".into(),
        _ => serde_yaml_ng::to_string(value).unwrap_or_default(),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// Prints the CLI's tab-separated `text` format: scalars of each object on one line (sorted by key, prefixed by the upper-cased key that led there), nested lists and objects on following lines.
pub fn text(value: &Value) -> String {
    let mut out = String::new();
    text_into(value, None, &mut out);
    out
}

fn text_into(value: &Value, ident: Option<&str>, out: &mut String) {
    text_with_keys(value, ident, None, out);
}

/// Prints one value; `scalar_keys` is the union of scalar keys across a list of objects, so every row has the same columns.
fn text_with_keys(
    value: &Value,
    ident: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_shared();
            let scalars: Vec<String> = match scalar_keys {
                Some(sk) => sk
                    .iter()
                    .map(|k| m.get(k).map(scalar_text).unwrap_or_default())
                    .collect(),
                None => keys
                    .iter()
                    .filter(|k| is_scalar(&m[k.as_str()]))
                    .map(|k| scalar_text(&m[k.as_str()]))
                    .collect(),
            };
            if !scalars.is_empty() {
                if let Some(id) = ident {
                    out.push_str(&id.to_uppercase());
                    out.push('\t');
                }
                out.push_str(&scalars.join("\t"));
                out.push('\n');
            }
            for k in keys {
                let v = &m[k.as_str()];
                if !is_scalar(v) {
                    text_into(v, Some(k), out);
                }
            }
        }
        Value::Array(a) => {
            if a.iter().all(is_scalar) {
                if a.is_empty() {
                    return;
                }
                if let Some(id) = ident {
                    out.push_str(&id.to_uppercase());
                    out.push('\t');
                }
                let items: Vec<String> = a.iter().map(scalar_text).collect();
                out.push_str(&items.join("\t"));
                out.push('\n');
            } else {
                let union: Option<Vec<String>> = a.iter().all(Value::is_object).then(|| {
                    let mut keys: Vec<String> = a
                        .iter()
                        .filter_map(Value::as_object)
                        .flat_map(|o| {
                            o.iter()
                                .filter(|(_, v)| is_scalar(v))
                                .map(|(k, _)| k.clone())
                        })
                        .collect();
                    keys.sort_shared();
                    keys.dedup();
                    keys
                });
                for x in a {
                    if is_scalar(x) {
                        out.push_str(&scalar_text(x));
                        out.push('\n');
                    } else {
                        text_with_keys(x, ident, union.as_deref(), out);
                    }
                }
            }
        }
        v => {
            out.push_str(&scalar_text(v));
            out.push('\n');
        }
    }
}

/// Prints the CLI's boxed `table` format titled with the operation name: a list of rows, or key/value pairs, with nested sections.
pub fn table(value: &Value, title: &str) -> String {
    let mut lines: Vec<Section> = vec![];
    sections(value, title, &mut lines, 0);
    render_sections(&lines)
}

struct Section {
    depth: usize,
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn sections(value: &Value, title: &str, out: &mut Vec<Section>, depth: usize) {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_shared();
            let scalars: Vec<&String> = keys
                .iter()
                .copied()
                .filter(|k| is_scalar(&m[k.as_str()]))
                .collect();
            // An object's scalars form one row under a header of its keys, as the CLI prints them.
            let sec = Section {
                depth,
                title: title.to_owned(),
                header: scalars.iter().map(|k| k.to_string()).collect(),
                rows: if scalars.is_empty() {
                    vec![]
                } else {
                    vec![
                        scalars
                            .iter()
                            .map(|k| scalar_text(&m[k.as_str()]))
                            .collect(),
                    ]
                },
            };
            out.push(sec);
            for k in keys {
                let v = &m[k.as_str()];
                if !is_scalar(v) {
                    sections(v, k, out, depth + 1);
                }
            }
        }
        Value::Array(a) if a.is_empty() => {}
        Value::Array(a) => {
            if a.iter()
                .all(|x| matches!(x, Value::Object(o) if o.values().all(is_scalar)))
            {
                let mut header: Vec<String> = vec![];
                for x in a {
                    if let Value::Object(o) = x {
                        for k in o.keys() {
                            if !header.contains(k) {
                                header.push(k.clone());
                            }
                        }
                    }
                }
                header.sort_shared();
                let rows = a
                    .iter()
                    .map(|x| {
                        header
                            .iter()
                            .map(|k| x.get(k).map(scalar_text).unwrap_or_default())
                            .collect()
                    })
                    .collect();
                out.push(Section {
                    depth,
                    title: title.to_owned(),
                    header,
                    rows,
                });
            } else if a.iter().all(is_scalar) {
                out.push(Section {
                    depth,
                    title: title.to_owned(),
                    header: vec![],
                    rows: a.iter().map(|x| vec![scalar_text(x)]).collect(),
                });
            } else if a
                .iter()
                .all(|x| matches!(x, Value::Array(r) if r.iter().all(is_scalar)))
            {
                out.push(Section {
                    depth,
                    title: title.to_owned(),
                    header: vec![],
                    rows: a
                        .iter()
                        .map(|x| {
                            x.as_array()
                                .map(|r| r.iter().map(scalar_text).collect())
                                .unwrap_or_default()
                        })
                        .collect(),
                });
            } else {
                // Each element of a list of objects is its own section under the list's name.
                for x in a {
                    sections(x, title, out, depth);
                }
            }
        }
        v => out.push(Section {
            depth,
            title: title.to_owned(),
            header: vec![],
            rows: vec![vec![scalar_text(v)]],
        }),
    }
}

fn render_sections(secs: &[Section]) -> String {
    // Every section shares one outer width, as the CLI's table does.
    let mut width = 0usize;
    for s in secs {
        let cols = col_widths(s);
        let inner = cols.iter().map(|w| w + 4).sum::<usize>() + cols.len().saturating_sub(1);
        width = width
            .max(inner + 2 * s.depth)
            .max(s.title.chars().count() + 4 + 2 * s.depth);
    }
    let mut out = String::new();
    for (n, s) in secs.iter().enumerate() {
        let lb = "|".repeat(s.depth);
        let rb = lb.clone();
        let inner = width - 2 * s.depth;
        if n == 0 {
            out.push_str(&format!("{}\n", "-".repeat(width + 2)));
        }
        out.push_str(&format!("{lb}|{}|{rb}\n", center(&s.title, inner)));
        let cols = fit(col_widths(s), inner);
        let sep = format!(
            "{lb}+{}+{rb}\n",
            cols.iter()
                .map(|w| "-".repeat(*w))
                .collect::<Vec<_>>()
                .join("+")
        );
        out.push_str(&sep);
        if !s.header.is_empty() {
            out.push_str(&format!(
                "{lb}|{}|{rb}\n",
                s.header
                    .iter()
                    .zip(&cols)
                    .map(|(h, w)| center(h, *w))
                    .collect::<Vec<_>>()
                    .join("|")
            ));
            out.push_str(&sep);
        }
        for r in &s.rows {
            out.push_str(&format!(
                "{lb}|{}|{rb}\n",
                r.iter()
                    .zip(&cols)
                    .map(|(c, w)| format!("  {c:<0$}", w - 2))
                    .collect::<Vec<_>>()
                    .join("|")
            ));
        }
        if !s.rows.is_empty() {
            out.push_str(&sep);
        }
    }
    out
}

fn col_widths(s: &Section) -> Vec<usize> {
    let n = s
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(s.header.len())
        .max(1);
    (0..n)
        .map(|i| {
            s.rows
                .iter()
                .filter_map(|r| r.get(i))
                .chain(s.header.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect()
}

fn fit(cols: Vec<usize>, inner: usize) -> Vec<usize> {
    let mut cols: Vec<usize> = cols.into_iter().map(|w| w + 4).collect();
    let used = cols.iter().sum::<usize>() + cols.len() - 1;
    if used < inner {
        let extra = inner - used;
        let n = cols.len();
        for (i, c) in cols.iter_mut().enumerate() {
            *c += extra / n + usize::from(i < extra % n);
        }
    }
    cols
}

fn center(s: &str, w: usize) -> String {
    let len = s.chars().count();
    if len >= w {
        return s.to_owned();
    }
    let left = (w - len) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(w - len - left))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_keeps_multiselect_order() {
        let v = json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]});
        assert_eq!(json(&query(&v, "Vpcs[0]").unwrap()), json(&v["Vpcs"][0]));
        let q = query(&v, "Vpcs[].{Id:VpcId,Cidr:CidrBlock}").unwrap();
        assert_eq!(
            json(&q),
            "[\n    {\n        \"Id\": \"vpc-1\",\n        \"Cidr\": \"10.0.0.0/16\"\n    }\n]\n"
        );
        assert_eq!(query(&v, "Vpcs[0].VpcId").unwrap(), json!("vpc-1"));
        assert!(query(&v, "Vpcs[").is_err());
    }

    #[test]
    fn text_format() {
        let v = json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": false, "Tags": [{"Key": "Name", "Value": "x"}]}]});
        assert_eq!(text(&v), "VPCS\t10.0.0.0/16\tFalse\tvpc-1\nTAGS\tName\tx\n");
        assert_eq!(text(&json!(["a", "b"])), "a\tb\n");
    }
}
