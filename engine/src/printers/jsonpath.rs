//! kubectl's JSONPath template dialect (`-o jsonpath=`, `-o jsonpath-file=`, custom columns, `--sort-by`), with its parse and execution errors.

use crate::sort::SortShared;
use serde_json::Value;

use super::json::{go_number, to_compact_json};

/// A parsed JSONPath template.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    items: Vec<Item>,
}

/// Why `kubectl ... -o jsonpath=` failed; `Display` gives the text kubectl prints after `error: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonPathError {
    /// The template could not be parsed: `error parsing jsonpath {template}, {message}`.
    Parse { template: String, message: String },
    /// The template failed on the object: `error executing jsonpath "{template}": Error executing template: ...`.
    Execute {
        template: String,
        message: String,
        dump: String,
    },
}

impl std::fmt::Display for JsonPathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonPathError::Parse { template, message } => {
                write!(f, "error parsing jsonpath {template}, {message}")
            }
            JsonPathError::Execute {
                template,
                message,
                dump,
            } => write!(
                f,
                "error executing jsonpath {}: Error executing template: {message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{dump}\n\n\n",
                go_quote(template)
            ),
        }
    }
}

/// Prints `data` through `template` as `kubectl -o jsonpath=TEMPLATE` does (`allow_missing_keys` is `--allow-missing-template-keys`, default true).
pub fn print_jsonpath(
    template: &str,
    data: &Value,
    allow_missing_keys: bool,
) -> Result<String, JsonPathError> {
    print_jsonpath_with(template, data, allow_missing_keys, false)
}

/// Prints as `kubectl -o jsonpath-as-json=TEMPLATE` does: each action's results as an indented JSON array.
pub fn print_jsonpath_as_json(
    template: &str,
    data: &Value,
    allow_missing_keys: bool,
) -> Result<String, JsonPathError> {
    print_jsonpath_with(template, data, allow_missing_keys, true)
}

fn print_jsonpath_with(
    template: &str,
    data: &Value,
    allow_missing_keys: bool,
    as_json: bool,
) -> Result<String, JsonPathError> {
    let path = JsonPath::parse(template).map_err(|message| JsonPathError::Parse {
        template: template.to_owned(),
        message,
    })?;
    let results = path
        .find_results(data, allow_missing_keys)
        .map_err(|message| JsonPathError::Execute {
            template: template.to_owned(),
            message,
            dump: go_sharp_v(data),
        })?;
    let mut out = String::new();
    for set in &results {
        if as_json {
            out.push_str(&super::json::to_json_sorted(&Value::Array(set.clone())));
        } else {
            print_results(&mut out, set);
        }
    }
    Ok(out)
}

/// Converts a custom-columns or `--sort-by` field spec to a template as kubectl's `RelaxedJSONPathExpression` does (`.a.b`, `a.b`, `{.a.b}` all become `{.a.b}`).
pub fn relaxed_expression(spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(String::new());
    }
    let inner = if let Some(body) = spec.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        body.strip_prefix('.').unwrap_or(body)
    } else {
        spec.strip_prefix('.').unwrap_or(spec)
    };
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".to_owned());
    }
    Ok(format!("{{.{inner}}}"))
}

impl JsonPath {
    /// Parses a template; the error is the parser's message (`unclosed action`, `invalid array index x`, …).
    pub fn parse(template: &str) -> Result<JsonPath, String> {
        let segments = Parser::new(template).parse_template()?;
        let mut iter = segments.into_iter();
        let items = build_block(&mut iter, false);
        Ok(JsonPath { items })
    }

    /// Evaluates the template: one result list per action, as client-go's `FindResults`.
    pub fn find_results(
        &self,
        data: &Value,
        allow_missing_keys: bool,
    ) -> Result<Vec<Vec<Value>>, String> {
        let mut out = Vec::new();
        run_block(&self.items, data, allow_missing_keys, &mut out)?;
        Ok(out)
    }

    /// Evaluates and prints the template the way `Execute` does.
    pub fn execute(&self, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
        let mut out = String::new();
        for set in self.find_results(data, allow_missing_keys)? {
            print_results(&mut out, &set);
        }
        Ok(out)
    }
}

/// Prints one action's results: maps and lists as compact JSON, scalars as text, separated by single spaces.
fn print_results(out: &mut String, results: &[Value]) {
    for (i, r) in results.iter().enumerate() {
        match r {
            Value::Object(_) | Value::Array(_) => out.push_str(&to_compact_json(r)),
            Value::Null => out.push_str("null"),
            other => out.push_str(&go_sprint(other)),
        }
        if i + 1 != results.len() {
            out.push(' ');
        }
    }
}

/// Formats a value as Go's `fmt.Sprint` prints a decoded JSON value (`map[k:v]`, `[a b]`, `<nil>`).
pub fn go_sprint(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_v_number(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(go_sprint).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_shared();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", go_sprint(&map[k.as_str()])))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// A number as Go's `%v` prints an `int64` or `float64`.
fn go_v_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e6 {
        return format!("{}", f as i64);
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        format!(
            "{sign}{mantissa}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    } else {
        let _ = go_number;
        format!("{f}")
    }
}

/// Formats a value as Go's `%#v` prints a `map[string]interface {}` tree, as in kubectl's debugging dump.
pub fn go_sharp_v(value: &Value) -> String {
    match value {
        Value::Null => "interface {}(nil)".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_v_number(n),
        Value::String(s) => go_quote(s),
        Value::Array(items) => format!(
            "[]interface {{}}{{{}}}",
            items.iter().map(go_sharp_v).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_shared();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", go_quote(k), go_sharp_v(&map[k.as_str()])))
                .collect();
            format!("map[string]interface {{}}{{{}}}", parts.join(", "))
        }
    }
}

/// Quotes a string as Go's `strconv.Quote` does.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() || matches!(c as u32, 0x2028 | 0x2029 | 0xfeff) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One step of a JSONPath action.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        op: String,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

/// A template piece: literal text or one `{…}` action.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Text(String),
    Action(Vec<Node>),
}

/// A template as a tree: `{range}` … `{end}` become nested blocks.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text(String),
    Action(Vec<Node>),
    Range(Vec<Node>, Vec<Item>),
    End,
}

fn build_block(iter: &mut std::vec::IntoIter<Segment>, in_range: bool) -> Vec<Item> {
    let mut items = Vec::new();
    while let Some(seg) = iter.next() {
        match seg {
            Segment::Text(t) => items.push(Item::Text(t)),
            Segment::Action(nodes) => match nodes.first() {
                Some(Node::Identifier(name)) if name == "range" => {
                    let rest = nodes[1..].to_vec();
                    let body = build_block(iter, true);
                    items.push(Item::Range(rest, body));
                }
                Some(Node::Identifier(name)) if name == "end" => {
                    if in_range {
                        return items;
                    }
                    items.push(Item::End);
                }
                _ => items.push(Item::Action(nodes)),
            },
        }
    }
    items
}

fn run_block(
    items: &[Item],
    data: &Value,
    allow: bool,
    out: &mut Vec<Vec<Value>>,
) -> Result<(), String> {
    for item in items {
        match item {
            Item::Text(t) => out.push(vec![Value::String(t.clone())]),
            Item::Action(nodes) => out.push(eval_list(vec![data.clone()], nodes, allow)?),
            Item::Range(nodes, body) => {
                let results = eval_list(vec![data.clone()], nodes, allow)?;
                if results.is_empty() {
                    run_block(body, &Value::Null, allow, &mut Vec::new())?;
                }
                for value in &results {
                    run_block(body, value, allow, out)?;
                }
            }
            Item::End => return Err("not in range, nothing to end".to_owned()),
        }
    }
    Ok(())
}

fn eval_list(mut values: Vec<Value>, nodes: &[Node], allow: bool) -> Result<Vec<Value>, String> {
    for node in nodes {
        values = eval_node(values, node, allow)?;
    }
    Ok(values)
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

fn children(v: &Value) -> Vec<Value> {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_shared();
            keys.into_iter().map(|k| map[k.as_str()].clone()).collect()
        }
        Value::Array(items) => items.clone(),
        Value::String(s) => s.bytes().map(Value::from).collect(),
        _ => Vec::new(),
    }
}

fn eval_node(input: Vec<Value>, node: &Node, allow: bool) -> Result<Vec<Value>, String> {
    match node {
        Node::Text(t) => Ok(vec![Value::String(t.clone())]),
        Node::Int(i) => Ok(input.iter().map(|_| Value::from(*i)).collect()),
        Node::Float(f) => Ok(input
            .iter()
            .map(|_| serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number))
            .collect()),
        Node::Bool(b) => Ok(input.iter().map(|_| Value::Bool(*b)).collect()),
        Node::Identifier(name) => match name.as_str() {
            "range" => Ok(input),
            "end" => Err("not in range, nothing to end".to_owned()),
            _ => Err(format!("unrecognized identifier {name}")),
        },
        Node::Field(name) => {
            if input.is_empty() {
                return Ok(Vec::new());
            }
            let results: Vec<Value> = input
                .iter()
                .filter_map(|v| v.as_object().and_then(|m| m.get(name)).cloned())
                .collect();
            if results.is_empty() && !allow {
                return Err(format!("{name} is not found"));
            }
            Ok(results)
        }
        Node::Wildcard => Ok(input.iter().flat_map(children).collect()),
        Node::Recursive => {
            let mut result = Vec::new();
            recursive(&input, &mut result);
            Ok(result)
        }
        Node::Union(lists) => {
            let mut result = Vec::new();
            for list in lists {
                result.extend(eval_list(input.clone(), list, allow)?);
            }
            Ok(result)
        }
        Node::Array(params) => {
            let mut result = Vec::new();
            for value in &input {
                if value.is_null() {
                    continue;
                }
                let Some(items) = value.as_array() else {
                    return Err(format!("{} is not array or slice", go_type(value)));
                };
                let len = items.len() as i64;
                let mut p = *params;
                if !p[0].known {
                    p[0].value = 0;
                }
                if p[0].value < 0 {
                    p[0].value += len;
                }
                if !p[1].known {
                    p[1].value = len;
                }
                if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
                    p[1].value += len;
                }
                if p[1].value == p[0].value {
                    return Ok(result);
                }
                if p[0].value >= len || p[0].value < 0 {
                    return Err(format!(
                        "array index out of bounds: index {}, length {len}",
                        p[0].value
                    ));
                }
                if p[1].value > len || p[1].value < 0 {
                    return Err(format!(
                        "array index out of bounds: index {}, length {len}",
                        p[1].value - 1
                    ));
                }
                if p[0].value > p[1].value {
                    return Err(format!(
                        "starting index {} is greater than ending index {}",
                        p[0].value, p[1].value
                    ));
                }
                let step = if p[2].known {
                    if p[2].value <= 0 {
                        return Err("step must be > 0".to_owned());
                    }
                    p[2].value as usize
                } else {
                    1
                };
                result.extend(
                    items[p[0].value as usize..p[1].value as usize]
                        .iter()
                        .step_by(step)
                        .cloned(),
                );
            }
            Ok(result)
        }
        Node::Filter { left, right, op } => {
            let mut results = Vec::new();
            for value in &input {
                let Some(items) = value.as_array() else {
                    return Err(format!(
                        "{} is not array or slice and cannot be filtered",
                        go_sprint(value)
                    ));
                };
                for item in items {
                    let lefts = eval_list(vec![item.clone()], left, allow);
                    if op == "exists" {
                        if matches!(&lefts, Ok(l) if !l.is_empty()) {
                            results.push(item.clone());
                        }
                        continue;
                    }
                    let lefts = lefts?;
                    match lefts.len() {
                        0 => continue,
                        1 => {}
                        _ => return Err("can only compare one element at a time".to_owned()),
                    }
                    let rights = eval_list(vec![item.clone()], right, allow)?;
                    match rights.len() {
                        0 => continue,
                        1 => {}
                        _ => return Err("can only compare one element at a time".to_owned()),
                    }
                    if compare(&lefts[0], &rights[0], op)? {
                        results.push(item.clone());
                    }
                }
            }
            Ok(results)
        }
    }
}

fn recursive(input: &[Value], result: &mut Vec<Value>) {
    for value in input {
        if value.is_null() {
            continue;
        }
        let kids = match value {
            Value::String(_) => Vec::new(),
            other => children(other),
        };
        if !kids.is_empty() {
            result.push(value.clone());
            recursive(&kids, result);
        }
    }
}

/// Go template comparison: same basic kinds only (integers with integers, floats with floats, strings with strings).
fn compare(left: &Value, right: &Value, op: &str) -> Result<bool, String> {
    use std::cmp::Ordering;
    #[derive(PartialEq)]
    enum Kind {
        Bool,
        Int,
        Float,
        String,
    }
    let kind = |v: &Value| match v {
        Value::Bool(_) => Ok(Kind::Bool),
        Value::Number(n) if n.is_f64() => Ok(Kind::Float),
        Value::Number(_) => Ok(Kind::Int),
        Value::String(_) => Ok(Kind::String),
        _ => Err("invalid type for comparison".to_owned()),
    };
    let (lk, rk) = (kind(left)?, kind(right)?);
    if lk != rk {
        return Err("incompatible types for comparison".to_owned());
    }
    let ordering = match (left, right) {
        (Value::Bool(a), Value::Bool(b)) => {
            if !matches!(op, "==" | "!=") {
                return Err("invalid type for comparison".to_owned());
            }
            a.cmp(b)
        }
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) if lk == Kind::Int => a
            .as_i128()
            .unwrap_or_default()
            .cmp(&b.as_i128().unwrap_or_default()),
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&b.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        _ => return Err("invalid type for comparison".to_owned()),
    };
    Ok(match op {
        "<" => ordering == Ordering::Less,
        ">" => ordering == Ordering::Greater,
        "==" => ordering == Ordering::Equal,
        "!=" => ordering != Ordering::Equal,
        "<=" => ordering != Ordering::Greater,
        ">=" => ordering != Ordering::Less,
        other => return Err(format!("unrecognized filter operator {other}")),
    })
}

/// A cursor over the template text that follows client-go's parser rules.
struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
}

fn is_terminator(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            input,
            pos: 0,
            start: 0,
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn next(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn backup(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos -= c.len_utf8();
        }
    }

    fn consume(&mut self) -> &'a str {
        let text = &self.input[self.start..self.pos];
        self.start = self.pos;
        text
    }

    fn parse_template(&mut self) -> Result<Vec<Segment>, String> {
        let mut segments = Vec::new();
        loop {
            if self.rest().starts_with('{') {
                if self.pos > self.start {
                    segments.push(Segment::Text(self.consume().to_owned()));
                }
                self.pos += 1;
                self.consume();
                let mut nodes = Vec::new();
                self.parse_inside_action(&mut nodes)?;
                segments.push(Segment::Action(nodes));
                continue;
            }
            if self.next().is_none() {
                break;
            }
        }
        if self.pos > self.start {
            segments.push(Segment::Text(self.consume().to_owned()));
        }
        Ok(segments)
    }

    /// Parses the inside of one action up to and including its closing brace.
    fn parse_inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            if self.rest().starts_with('}') {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if self.rest().starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if self.rest().starts_with("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return Err("invalid multiple recursive descent".to_owned());
                }
                self.pos += 2;
                self.consume();
                cur.push(Node::Recursive);
                if self.peek().is_some_and(is_alphanumeric) {
                    self.parse_field(cur);
                }
                continue;
            }
            match self.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".to_owned()),
                Some(' ' | '@' | '$') => {
                    self.consume();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur),
                Some(c) if c == '+' || c == '-' || c.is_ascii_digit() => {
                    self.backup(Some(c));
                    self.parse_number(cur)?;
                }
                Some(c) if is_alphanumeric(c) => {
                    self.backup(Some(c));
                    self.parse_identifier(cur);
                }
                Some(c) => {
                    let code = format!("U+{:04X}", c as u32);
                    return Err(if c.is_control() {
                        format!("unrecognized character in action: {code}")
                    } else {
                        format!("unrecognized character in action: {code} '{c}'")
                    });
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            let c = self.next();
            if is_terminator(c) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        match value {
            "true" => cur.push(Node::Bool(true)),
            "false" => cur.push(Node::Bool(false)),
            _ => cur.push(Node::Identifier(value.to_owned())),
        }
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            let c = self.next();
            if !matches!(c, Some(d) if d == '.' || d.is_ascii_digit()) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
        if !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(i) = value.parse::<i64>()
        {
            cur.push(Node::Int(i));
            return Ok(());
        }
        match value.parse::<f64>() {
            Ok(f) if !digits.is_empty() && digits != "." => {
                cur.push(Node::Float(f));
                Ok(())
            }
            _ => Err(format!("cannot parse number {value}")),
        }
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume();
        loop {
            let c = self.next();
            if c == Some('\\') {
                self.next();
            } else if is_terminator(c) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        if value == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(value.replace('\\', "")));
        }
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".to_owned()),
                Some(']') => break,
                _ => {}
            }
        }
        let text = self.consume();
        let mut text = &text[1..text.len() - 1];
        if text == "*" {
            text = ":";
        }
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')))?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        if text.len() >= 2
            && text.starts_with('\'')
            && text.ends_with('\'')
            && !text[1..text.len() - 1].contains('\'')
        {
            cur.extend(parse_action(&format!(".{}", &text[1..text.len() - 1]))?);
            return Ok(());
        }
        let groups = slice_groups(text).ok_or_else(|| format!("invalid array index {text}"))?;
        let mut params = [Param::default(); 3];
        for i in 0..3 {
            match groups[i].filter(|g| !g.is_empty()) {
                Some(g) => {
                    let g = if i > 0 { &g[1..] } else { g };
                    if i > 0 && g.is_empty() {
                        params[i].known = false;
                    } else {
                        params[i].known = true;
                        params[i].value = g
                            .parse()
                            .map_err(|_| format!("array index {g} is not a number"))?;
                    }
                }
                None if i == 1 => {
                    params[1] = Param {
                        value: params[0].value + 1,
                        known: true,
                        derived: true,
                    };
                }
                None => {}
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end) = (false, false);
        let mut pair = '"';
        loop {
            let c = self.next();
            match c {
                None | Some('\n') => return Err("unterminated filter".to_owned()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.input.as_bytes()[self.pos - 2] != b'\\' && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".to_owned());
        }
        let text = self.consume();
        let text = &text[..text.len() - 2];
        match split_comparison(text) {
            None => cur.push(Node::Filter {
                left: parse_action(text)?,
                right: Vec::new(),
                op: "exists".to_owned(),
            }),
            Some((l, op, r)) => {
                let left = parse_action(l)?;
                let right = parse_action(r)?;
                cur.push(Node::Filter {
                    left,
                    right,
                    op: op.to_owned(),
                });
            }
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".to_owned()),
                Some(c) if c == end && self.input.as_bytes()[self.pos - 2] != b'\\' => break,
                _ => {}
            }
        }
        let value = self.consume();
        let text =
            unquote(value).ok_or_else(|| format!("unquote string {value} error invalid syntax"))?;
        cur.push(Node::Text(text));
        Ok(())
    }
}

/// Parses `text` as the inside of one action.
fn parse_action(text: &str) -> Result<Vec<Node>, String> {
    let wrapped = format!("{{{text}}}");
    let mut p = Parser::new(&wrapped);
    let segments = p.parse_template()?;
    match segments.into_iter().next() {
        Some(Segment::Action(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

/// Matches `^(-?\d*)(:-?\d*)?(:-?\d*)?$`, returning the three groups.
fn slice_groups(text: &str) -> Option<[Option<&str>; 3]> {
    let b = text.as_bytes();
    let mut i = 0;
    let signed_digits = |i: &mut usize| {
        if b.get(*i) == Some(&b'-') {
            *i += 1;
        }
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    signed_digits(&mut i);
    let first = &text[..i];
    let mut groups = [Some(first), None, None];
    for group in groups.iter_mut().skip(1) {
        if b.get(i) == Some(&b':') {
            let start = i;
            i += 1;
            signed_digits(&mut i);
            *group = Some(&text[start..i]);
        }
    }
    (i == b.len()).then_some(groups)
}

/// Splits a filter as `^([^!<>=]+)([!<>=]+)(.+?)$` does.
fn split_comparison(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let left_end = text.find(is_op)?;
    if left_end == 0 {
        return None;
    }
    let op_len = text[left_end..]
        .find(|c| !is_op(c))
        .unwrap_or(text.len() - left_end);
    let mut op_end = left_end + op_len;
    if op_end == text.len() {
        // The right side needs at least one character: give back the last operator character.
        if op_len < 2 {
            return None;
        }
        op_end -= 1;
    }
    Some((&text[..left_end], &text[left_end..op_end], &text[op_end..]))
}

/// Go's `strconv.Unquote`, extended to single-quoted strings as client-go does.
fn unquote(s: &str) -> Option<String> {
    let quote = s.chars().next()?;
    if s.len() < 2 || !s.ends_with(quote) || !matches!(quote, '"' | '\'') {
        return None;
    }
    let body = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' if e == quote => out.push(e),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                if hex.len() != n {
                    return None;
                }
                let v = u32::from_str_radix(&hex, 16).ok()?;
                out.push(char::from_u32(v)?);
            }
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    v = v * 8 + chars.next()?.to_digit(8)?;
                }
                if v > 255 {
                    return None;
                }
                out.push(char::from_u32(v)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use proptest::prelude::*;
    use serde_json::json;

    fn pod() -> Value {
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "web", "labels": {"app": "web", "app.kubernetes.io/name": "nginx", "x": "y"}, "creationTimestamp": null},
            "spec": {"containers": [
                {"name": "a", "image": "nginx", "ports": [{"containerPort": 80}]},
                {"name": "b", "image": "busybox"}
            ]},
            "status": {
                "conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "False"}],
                "x": 1.5,
                "big": 1000000
            }
        })
    }

    const TEMPLATES: &[&str] = &[
        "{.foo",
        "{.x}",
        "{.spec.containers[*].name}",
        "{.metadata.creationTimestamp}",
        "{.status.x} {.status.big}",
        "{.metadata.labels.app\\.kubernetes\\.io/name}",
        "{.status.conditions[?(@.type==\"Ready\")].status}",
        "{range .spec.containers[*]}{.name}{\"\\t\"}{.image}{\"\\n\"}{end}",
        "{..image}",
        "{.spec.containers[5]}",
        "{.spec.containers[-1:].name}",
        "{.spec.containers[0,1].name}",
        "{.spec.containers[*][\"name\",\"image\"]}",
        "{.metadata.labels}",
        "{end}",
        "{.spec.containers[0].ports}",
        "{.spec.containers[?(@.name=~\"a\")]}",
        "x{",
        "{#}",
        "{.a[}",
        "{.metadata.*}",
        "{.spec.containers[x]}",
        "{.}",
        "{.spec.containers[?(@.ports)].name}",
        "{.metadata.name.x}",
        "{.status.conditions[?(@.status==1)].type}",
        "{.spec.containers[0:1]}",
        "{.spec.containers[1:0].name}",
        "{.spec.containers[:]}",
        "{range .spec.containers[*]}[{.name}]{end}{.metadata.name}",
        "{range .spec.containers[*]}{.name}",
        "{.spec.containers[*].ports[*].containerPort}",
        "{$.metadata.name}",
        "{.metadata['name']}",
        "{.spec..name}",
        "{.status.conditions[?(@.type!=\"Ready\")].type}",
        "{.spec.containers[::0]}",
        "{..name..name}",
        "{.metadata.name}{\"\\u00e9\"}",
        "{.status.big} {7} {true}",
        "{range .missing[*]}x{end}done",
        "{.spec.containers[0].ports[?(@.containerPort==80)].containerPort}",
        "{.spec.containers[0].ports[?(@.containerPort<100)]}",
        "{.spec.containers[0].ports[?(@.containerPort>=80.5)]}",
        "{.status.conditions[?(@.status=='True')].type}",
        "{.status.conditions[?(@.status!=\"True\")]}",
        "{range .spec.containers[*]}{range .ports[*]}{.containerPort}{end}{end}",
        "{range .status.conditions[*]}{.type}={.status}{\"\\n\"}{end}",
        "{.spec.containers[*]['name']}",
        "{.spec.containers[-1].name}",
        "{.spec.containers[2:].name}",
        "{.spec.containers[0:0].name}",
        "{.spec.containers[:-1].image}",
        "{.spec.containers[0].name}{.spec.containers[0]}",
        "{.status.x}{.status.x.y}",
        "{.metadata.labels.x}",
        "{..containerPort}",
        "{.spec.containers[*].ports[*]}",
        "{@}",
        "{$}",
        "{.kind}\t{.apiVersion}\n",
        "{'single'}",
        "{\"unterminated}",
        "{.spec.containers[?(@.name==\"a\")].image}",
        "{.spec.containers[?(@.name==a)].image}",
        "{.status.conditions[?(@.type==\"Ready\"&&@.status==\"True\")].type}",
        "{range .spec.containers[*]}{.name}{\",\"}{end}",
        "{.status.big}{\" \"}{.status.x}",
        "plain text only",
    ];

    fn run(template: &str, allow: bool) -> String {
        match print_jsonpath(template, &pod(), allow) {
            Ok(out) => format!("{out} [rc=0]"),
            Err(e) => format!("error: {e} [rc=1]"),
        }
    }

    #[test]
    fn templates_print_like_kubectl() {
        let out: Vec<String> = TEMPLATES
            .iter()
            .filter(|t| !t.contains("[5]") && !t.contains("{end}") || t.starts_with("{range"))
            .map(|t| format!("== {t}\n{}", run(t, true)))
            .collect();
        expect![[r#"
            == {.foo
            error: error parsing jsonpath {.foo, unclosed action [rc=1]
            == {.x}
             [rc=0]
            == {.spec.containers[*].name}
            a b [rc=0]
            == {.metadata.creationTimestamp}
            null [rc=0]
            == {.status.x} {.status.big}
            1.5 1000000 [rc=0]
            == {.metadata.labels.app\.kubernetes\.io/name}
            nginx [rc=0]
            == {.status.conditions[?(@.type=="Ready")].status}
            True [rc=0]
            == {range .spec.containers[*]}{.name}{"\t"}{.image}{"\n"}{end}
            a	nginx
            b	busybox
             [rc=0]
            == {..image}
            nginx busybox [rc=0]
            == {.spec.containers[-1:].name}
            b [rc=0]
            == {.spec.containers[0,1].name}
            a b [rc=0]
            == {.spec.containers[*]["name","image"]}
            error: error parsing jsonpath {.spec.containers[*]["name","image"]}, invalid array index "name" [rc=1]
            == {.metadata.labels}
            {"app":"web","app.kubernetes.io/name":"nginx","x":"y"} [rc=0]
            == {.spec.containers[0].ports}
            [{"containerPort":80}] [rc=0]
            == {.spec.containers[?(@.name=~"a")]}
            error: error parsing jsonpath {.spec.containers[?(@.name=~"a")]}, unrecognized character in action: U+007E '~' [rc=1]
            == x{
            error: error parsing jsonpath x{, unclosed action [rc=1]
            == {#}
            error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#' [rc=1]
            == {.a[}
            error: error parsing jsonpath {.a[}, unterminated array [rc=1]
            == {.metadata.*}
            null {"app":"web","app.kubernetes.io/name":"nginx","x":"y"} web [rc=0]
            == {.spec.containers[x]}
            error: error parsing jsonpath {.spec.containers[x]}, invalid array index x [rc=1]
            == {.}
             [rc=0]
            == {.spec.containers[?(@.ports)].name}
            a [rc=0]
            == {.metadata.name.x}
             [rc=0]
            == {.status.conditions[?(@.status==1)].type}
            error: error executing jsonpath "{.status.conditions[?(@.status==1)].type}": Error executing template: incompatible types for comparison. Printing more information for debugging the template:
            	template was:
            		{.status.conditions[?(@.status==1)].type}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]
            == {.spec.containers[0:1]}
            {"image":"nginx","name":"a","ports":[{"containerPort":80}]} [rc=0]
            == {.spec.containers[1:0].name}
            error: error executing jsonpath "{.spec.containers[1:0].name}": Error executing template: starting index 1 is greater than ending index 0. Printing more information for debugging the template:
            	template was:
            		{.spec.containers[1:0].name}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]
            == {.spec.containers[:]}
            {"image":"nginx","name":"a","ports":[{"containerPort":80}]} {"image":"busybox","name":"b"} [rc=0]
            == {range .spec.containers[*]}[{.name}]{end}{.metadata.name}
            [a][b]web [rc=0]
            == {range .spec.containers[*]}{.name}
            ab [rc=0]
            == {.spec.containers[*].ports[*].containerPort}
            80 [rc=0]
            == {$.metadata.name}
            web [rc=0]
            == {.metadata['name']}
            web [rc=0]
            == {.spec..name}
            a b [rc=0]
            == {.status.conditions[?(@.type!="Ready")].type}
            Initialized [rc=0]
            == {.spec.containers[::0]}
            error: error executing jsonpath "{.spec.containers[::0]}": Error executing template: step must be > 0. Printing more information for debugging the template:
            	template was:
            		{.spec.containers[::0]}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]
            == {..name..name}
             [rc=0]
            == {.metadata.name}{"\u00e9"}
            webé [rc=0]
            == {.status.big} {7} {true}
            1000000 7 true [rc=0]
            == {range .missing[*]}x{end}done
            done [rc=0]
            == {.spec.containers[0].ports[?(@.containerPort==80)].containerPort}
            80 [rc=0]
            == {.spec.containers[0].ports[?(@.containerPort<100)]}
            {"containerPort":80} [rc=0]
            == {.spec.containers[0].ports[?(@.containerPort>=80.5)]}
            error: error executing jsonpath "{.spec.containers[0].ports[?(@.containerPort>=80.5)]}": Error executing template: incompatible types for comparison. Printing more information for debugging the template:
            	template was:
            		{.spec.containers[0].ports[?(@.containerPort>=80.5)]}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]
            == {.status.conditions[?(@.status=='True')].type}
            Ready [rc=0]
            == {.status.conditions[?(@.status!="True")]}
            {"status":"False","type":"Initialized"} [rc=0]
            == {range .spec.containers[*]}{range .ports[*]}{.containerPort}{end}{end}
            80 [rc=0]
            == {range .status.conditions[*]}{.type}={.status}{"\n"}{end}
            Ready=True
            Initialized=False
             [rc=0]
            == {.spec.containers[*]['name']}
            a b [rc=0]
            == {.spec.containers[-1].name}
            b [rc=0]
            == {.spec.containers[2:].name}
             [rc=0]
            == {.spec.containers[0:0].name}
             [rc=0]
            == {.spec.containers[:-1].image}
            nginx [rc=0]
            == {.spec.containers[0].name}{.spec.containers[0]}
            a{"image":"nginx","name":"a","ports":[{"containerPort":80}]} [rc=0]
            == {.status.x}{.status.x.y}
            1.5 [rc=0]
            == {.metadata.labels.x}
            y [rc=0]
            == {..containerPort}
            80 [rc=0]
            == {.spec.containers[*].ports[*]}
            {"containerPort":80} [rc=0]
            == {@}
            {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":null,"labels":{"app":"web","app.kubernetes.io/name":"nginx","x":"y"},"name":"web"},"spec":{"containers":[{"image":"nginx","name":"a","ports":[{"containerPort":80}]},{"image":"busybox","name":"b"}]},"status":{"big":1000000,"conditions":[{"status":"True","type":"Ready"},{"status":"False","type":"Initialized"}],"x":1.5}} [rc=0]
            == {$}
            {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":null,"labels":{"app":"web","app.kubernetes.io/name":"nginx","x":"y"},"name":"web"},"spec":{"containers":[{"image":"nginx","name":"a","ports":[{"containerPort":80}]},{"image":"busybox","name":"b"}]},"status":{"big":1000000,"conditions":[{"status":"True","type":"Ready"},{"status":"False","type":"Initialized"}],"x":1.5}} [rc=0]
            == {.kind}	{.apiVersion}

            Pod	v1
             [rc=0]
            == {'single'}
            single [rc=0]
            == {"unterminated}
            error: error parsing jsonpath {"unterminated}, unterminated quoted string [rc=1]
            == {.spec.containers[?(@.name=="a")].image}
            nginx [rc=0]
            == {.spec.containers[?(@.name==a)].image}
            error: error executing jsonpath "{.spec.containers[?(@.name==a)].image}": Error executing template: unrecognized identifier a. Printing more information for debugging the template:
            	template was:
            		{.spec.containers[?(@.name==a)].image}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]
            == {.status.conditions[?(@.type=="Ready"&&@.status=="True")].type}
            error: error parsing jsonpath {.status.conditions[?(@.type=="Ready"&&@.status=="True")].type}, unrecognized character in action: U+0026 '&' [rc=1]
            == {range .spec.containers[*]}{.name}{","}{end}
            a,b, [rc=0]
            == {.status.big}{" "}{.status.x}
            1000000 1.5 [rc=0]
            == plain text only
            plain text only [rc=0]"#]].assert_eq(&out.join("\n"));
    }

    #[test]
    fn execution_errors_dump_the_object() {
        expect![[r#"
            error: error executing jsonpath "{.spec.containers[5]}": Error executing template: array index out of bounds: index 5, length 2. Printing more information for debugging the template:
            	template was:
            		{.spec.containers[5]}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]"#]].assert_eq(&run("{.spec.containers[5]}", true));
        expect![[r#"
            error: error executing jsonpath "{.x.y}": Error executing template: x is not found. Printing more information for debugging the template:
            	template was:
            		{.x.y}
            	object given to jsonpath engine was:
            		map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"web", "app.kubernetes.io/name":"nginx", "x":"y"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"a", "ports":[]interface {}{map[string]interface {}{"containerPort":80}}}, map[string]interface {}{"image":"busybox", "name":"b"}}}, "status":map[string]interface {}{"big":1000000, "conditions":[]interface {}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface {}{"status":"False", "type":"Initialized"}}, "x":1.5}}


             [rc=1]"#]].assert_eq(&run("{.x.y}", false));
        expect!["a b [rc=0]"].assert_eq(&run("{.spec.containers[*].name}", false));
    }

    #[test]
    fn as_json_prints_arrays() {
        expect![[r#"
            [
                "a",
                "b"
            ]
        "#]]
        .assert_eq(&print_jsonpath_as_json("{.spec.containers[*].name}", &pod(), true).unwrap());
    }

    #[test]
    fn relaxed_expressions() {
        let out: Vec<String> = [
            ".metadata.name",
            "metadata.name",
            "{.metadata.name}",
            "{metadata.name}",
            "",
            "{.a}{.b}",
            ".spec.containers[*].image",
        ]
        .iter()
        .map(|s| format!("{s:?} => {:?}", relaxed_expression(s)))
        .collect();
        expect![[r#"
            ".metadata.name" => Ok("{.metadata.name}")
            "metadata.name" => Ok("{.metadata.name}")
            "{.metadata.name}" => Ok("{.metadata.name}")
            "{metadata.name}" => Ok("{.metadata.name}")
            "" => Ok("")
            "{.a}{.b}" => Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
            ".spec.containers[*].image" => Ok("{.spec.containers[*].image}")"#]].assert_eq(&out.join("\n"));
    }

    /// Compares every template with the real kubectl client when it is installed.
    #[test]
    fn matches_the_real_kubectl_client() {
        let dir = std::env::temp_dir().join(format!("bastion-jsonpath-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("pod.json");
        std::fs::write(&file, serde_json::to_string(&pod()).unwrap()).unwrap();
        let file = file.to_string_lossy().into_owned();
        for template in TEMPLATES {
            // Map iteration order is random in Go, so templates that walk a map's values cannot be compared.
            if template.contains(".*") || template.contains("{.metadata}") {
                continue;
            }
            let Some((code, stdout, stderr)) = super::super::test_support::kubectl_any(&[
                "label",
                "-f",
                &file,
                "--local",
                "x=y",
                "-o",
                &format!("jsonpath={template}"),
            ]) else {
                return;
            };
            let ours = print_jsonpath(template, &pod(), true);
            match ours {
                Ok(out) => assert_eq!((0, out), (code, stdout), "{template}"),
                Err(e) => {
                    assert_eq!(code, 1, "{template}");
                    let theirs = stderr.strip_prefix("error: ").unwrap_or(&stderr);
                    let mut ours = e.to_string();
                    if !ours.ends_with('\n') {
                        ours.push('\n');
                    }
                    assert_eq!(ours, theirs, "{template}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn field_paths_find_what_was_put_there(keys in prop::collection::vec("[a-z][a-z0-9]{0,6}", 1..5), leaf in "[a-zA-Z0-9 ]{0,12}") {
            let mut value = Value::String(leaf.clone());
            for key in keys.iter().rev() {
                value = json!({ key.clone(): value });
            }
            let template = format!("{{.{}}}", keys.join("."));
            prop_assert_eq!(print_jsonpath(&template, &value, false).unwrap(), leaf);
        }

        #[test]
        fn parsing_never_panics(template in "[{}\\[\\]().@$*?=!<>'\"a-z0-9:,\\\\ -]{0,24}") {
            let _ = print_jsonpath(&template, &pod(), true);
        }
    }
}
