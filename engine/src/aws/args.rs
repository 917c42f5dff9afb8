//! Parsing of AWS CLI v2 arguments: global options, per-operation flag specs, and the shorthand syntax (`Key=Value,List=[{...}]`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// How a flag takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One string.
    Str,
    /// One integer.
    Int,
    /// A boolean switch with a `--no-` twin.
    Bool,
    /// An EC2 single-boolean structure (`{"Value": true}`): a switch with a `--no-` twin that also takes `Value=true` or JSON.
    BoolStruct,
    /// One or more strings.
    List,
    /// One structure, in shorthand or JSON.
    Struct,
    /// One or more structures, each in shorthand, or one JSON list.
    StructList,
}

/// One flag of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The name without dashes, such as `cidr-block`.
    pub name: String,
    /// How it takes its value.
    pub kind: Kind,
    /// Whether the CLI requires it.
    pub required: bool,
}

/// Parses a compact spec such as `"s:cidr-block! b:dry-run l:vpc-ids"` into flags (`!` marks required).
pub fn parse_spec(spec: &str) -> Vec<Flag> {
    spec.split_whitespace()
        .map(|word| {
            let (k, rest) = word.split_once(':').expect("spec words are kind:name");
            let required = rest.ends_with('!');
            let name = rest.trim_end_matches('!').to_owned();
            let kind = match k {
                "s" => Kind::Str,
                "i" => Kind::Int,
                "b" => Kind::Bool,
                "B" => Kind::BoolStruct,
                "l" => Kind::List,
                "j" => Kind::Struct,
                "J" => Kind::StructList,
                other => panic!("unknown flag kind {other}"),
            };
            Flag {
                name,
                kind,
                required,
            }
        })
        .collect()
}

/// Parsed operation parameters keyed by flag name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    /// Each given flag's value as JSON: strings, numbers, booleans, lists or objects.
    pub values: BTreeMap<String, Value>,
}

impl Params {
    /// A string flag's value.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(Value::as_str)
    }

    /// A string flag's value, or an empty string.
    pub fn req(&self, name: &str) -> &str {
        self.str(name).unwrap_or("")
    }

    /// An integer flag's value.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.values.get(name).and_then(Value::as_i64)
    }

    /// A boolean flag's value when given (`--x` true, `--no-x` false).
    pub fn bool(&self, name: &str) -> Option<bool> {
        self.values.get(name).and_then(Value::as_bool)
    }

    /// A list flag's values (empty when absent).
    pub fn list(&self, name: &str) -> Vec<String> {
        match self.values.get(name) {
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => vec![],
        }
    }

    /// A structure or structure-list flag's JSON.
    pub fn json(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Whether a flag was given.
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
}

/// A command-line error the CLI reports before calling the service (exit 252).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    /// Required flags missing.
    Required(Vec<String>),
    /// Flags the operation does not know.
    Unknown(Vec<String>),
    /// A flag with a bad value: (flag, message).
    BadValue(String, String),
    /// A flag expecting a value got none.
    Expected(String),
}

/// Parses an operation's arguments against its flags.
pub fn parse_params(flags: &[Flag], args: &[String]) -> Result<Params, ArgError> {
    let mut params = Params::default();
    let mut unknown = vec![];
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let Some(name) = arg.strip_prefix("--") else {
            unknown.push(arg.clone());
            continue;
        };
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (name, None),
        };
        let found = flags.iter().find(|f| f.name == name);
        let (flag, negated) = match found {
            Some(f) => (f, false),
            None => match name.strip_prefix("no-").and_then(|n| {
                flags
                    .iter()
                    .find(|f| f.name == n && matches!(f.kind, Kind::Bool | Kind::BoolStruct))
            }) {
                Some(f) => (f, true),
                None => {
                    unknown.push(arg.clone());
                    continue;
                }
            },
        };
        let mut take_values = |many: bool| -> Vec<String> {
            let mut out = vec![];
            if let Some(v) = &inline {
                out.push(v.clone());
                if !many {
                    return out;
                }
            }
            while i < args.len() && !(args[i].starts_with("--") && args[i].len() > 2) {
                out.push(args[i].clone());
                i += 1;
                if !many {
                    break;
                }
            }
            out
        };
        let value = match flag.kind {
            Kind::Bool => Value::Bool(!negated),
            Kind::BoolStruct if negated => Value::Bool(false),
            Kind::BoolStruct => match take_values(false).pop() {
                Some(v) => {
                    let parsed =
                        parse_value(&v).map_err(|e| ArgError::BadValue(flag.name.clone(), e))?;
                    match parsed.get("Value") {
                        Some(Value::Bool(b)) => Value::Bool(*b),
                        Some(Value::String(t)) => Value::Bool(t.eq_ignore_ascii_case("true")),
                        _ => {
                            return Err(ArgError::BadValue(
                                flag.name.clone(),
                                format!("Invalid value: {v}"),
                            ));
                        }
                    }
                }
                None => Value::Bool(true),
            },
            Kind::Str => match take_values(false).pop() {
                Some(v) => Value::String(v),
                None => return Err(ArgError::Expected(flag.name.clone())),
            },
            Kind::Int => match take_values(false).pop() {
                Some(v) => match v.parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        return Err(ArgError::BadValue(
                            flag.name.clone(),
                            format!("invalid literal for int() with base 10: '{v}'"),
                        ));
                    }
                },
                None => return Err(ArgError::Expected(flag.name.clone())),
            },
            Kind::List => {
                let vs = take_values(true);
                if vs.is_empty() {
                    return Err(ArgError::Expected(flag.name.clone()));
                }
                if vs.len() == 1 && vs[0].trim_start().starts_with('[') {
                    serde_json::from_str(&vs[0]).map_err(|e| {
                        ArgError::BadValue(flag.name.clone(), format!("Invalid JSON: {e}"))
                    })?
                } else {
                    Value::Array(vs.into_iter().map(Value::String).collect())
                }
            }
            Kind::Struct => match take_values(false).pop() {
                Some(v) => parse_value(&v).map_err(|e| ArgError::BadValue(flag.name.clone(), e))?,
                None => return Err(ArgError::Expected(flag.name.clone())),
            },
            Kind::StructList => {
                let vs = take_values(true);
                if vs.is_empty() {
                    return Err(ArgError::Expected(flag.name.clone()));
                }
                let mut items = vec![];
                for v in vs {
                    match parse_value(&v).map_err(|e| ArgError::BadValue(flag.name.clone(), e))? {
                        Value::Array(a) => items.extend(a),
                        other => items.push(other),
                    }
                }
                Value::Array(items)
            }
        };
        params.values.insert(flag.name.clone(), value);
    }
    if !unknown.is_empty() {
        return Err(ArgError::Unknown(unknown));
    }
    let missing: Vec<String> = flags
        .iter()
        .filter(|f| f.required && !params.has(&f.name))
        .map(|f| format!("--{}", f.name))
        .collect();
    if !missing.is_empty() {
        return Err(ArgError::Required(missing));
    }
    Ok(params)
}

/// Parses a structure argument: JSON when it starts with `{` or `[`, shorthand otherwise.
pub fn parse_value(text: &str) -> Result<Value, String> {
    let t = text.trim();
    if t.starts_with('{') || t.starts_with('[') {
        return serde_json::from_str(t)
            .map_err(|e| format!("Invalid JSON: {e}\nJSON received: {t}"));
    }
    let mut p = Shorthand {
        s: t.as_bytes(),
        i: 0,
    };
    let v = p.structure(false)?;
    if p.i < p.s.len() {
        return Err(p.error());
    }
    Ok(Value::Object(v))
}

struct Shorthand<'a> {
    s: &'a [u8],
    i: usize,
}

impl Shorthand<'_> {
    fn error(&self) -> String {
        let text = String::from_utf8_lossy(self.s);
        format!(
            "Error parsing parameter: Expected: '=', received: '{}' for input:\n{text}\n{}^",
            self.s.get(self.i).map(|&b| b as char).unwrap_or(' '),
            " ".repeat(self.i)
        )
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn structure(&mut self, braced: bool) -> Result<Map<String, Value>, String> {
        let mut map = Map::new();
        loop {
            if braced && self.peek() == Some(b'}') {
                self.i += 1;
                return Ok(map);
            }
            if self.peek().is_none() {
                return if braced { Err(self.error()) } else { Ok(map) };
            }
            let key = self.word(b"=,{}[]")?;
            if self.peek() != Some(b'=') {
                return Err(self.error());
            }
            self.i += 1;
            let mut value = self.value(braced)?;
            // `Values=a,b,c`: bare words after a comma belong to the previous key.
            while self.peek() == Some(b',') && !self.next_is_key() {
                self.i += 1;
                let more = self.value(braced)?;
                value = match value {
                    Value::Array(mut a) => {
                        a.push(more);
                        Value::Array(a)
                    }
                    v => Value::Array(vec![v, more]),
                };
            }
            map.insert(key.trim().to_owned(), value);
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') if braced => {}
                None => {}
                _ => return Err(self.error()),
            }
        }
    }

    fn next_is_key(&self) -> bool {
        let mut j = self.i + 1;
        while j < self.s.len() {
            match self.s[j] {
                b'=' => return true,
                b',' | b'[' | b']' | b'{' | b'}' => return false,
                _ => j += 1,
            }
        }
        false
    }

    fn value(&mut self, braced: bool) -> Result<Value, String> {
        match self.peek() {
            Some(b'[') => {
                self.i += 1;
                let mut items = vec![];
                loop {
                    match self.peek() {
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::Array(items));
                        }
                        Some(b',') => self.i += 1,
                        Some(b'{') => {
                            self.i += 1;
                            items.push(Value::Object(self.structure(true)?));
                        }
                        Some(_) => items.push(Value::String(self.word(b",]")?)),
                        None => return Err(self.error()),
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                Ok(Value::Object(self.structure(true)?))
            }
            Some(b'"') | Some(b'\'') => {
                let q = self.s[self.i];
                self.i += 1;
                let start = self.i;
                while self.peek().is_some_and(|c| c != q) {
                    self.i += 1;
                }
                let v = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
                self.i += 1;
                Ok(Value::String(v))
            }
            _ => {
                let stops: &[u8] = if braced { b",}" } else { b"," };
                Ok(Value::String(self.word(stops)?))
            }
        }
    }

    fn word(&mut self, stops: &[u8]) -> Result<String, String> {
        let start = self.i;
        while self.peek().is_some_and(|c| !stops.contains(&c)) {
            self.i += 1;
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
}

/// Options that apply to every command, extracted from anywhere on the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Globals {
    /// `--region`.
    pub region: Option<String>,
    /// `--output`.
    pub output: Option<String>,
    /// `--query`.
    pub query: Option<String>,
    /// `--profile`.
    pub profile: Option<String>,
    /// `--version` was given.
    pub version: bool,
}

/// The global options that take a value.
pub const GLOBAL_VALUE_OPTS: &[&str] = &[
    "region",
    "output",
    "query",
    "profile",
    "endpoint-url",
    "color",
    "cli-read-timeout",
    "cli-connect-timeout",
    "ca-bundle",
    "cli-binary-format",
];

/// The global switches.
pub const GLOBAL_SWITCHES: &[&str] = &[
    "debug",
    "no-verify-ssl",
    "no-paginate",
    "no-sign-request",
    "no-cli-pager",
    "cli-auto-prompt",
    "no-cli-auto-prompt",
    "version",
];

/// Splits global options from the rest of the words; an error names a global option missing its value.
pub fn split_globals(args: &[String]) -> Result<(Globals, Vec<String>), String> {
    let mut g = Globals::default();
    let mut rest = vec![];
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(name) = a.strip_prefix("--") {
            let (n, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (name, None),
            };
            if GLOBAL_VALUE_OPTS.contains(&n) {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        if i >= args.len() {
                            return Err(format!("argument --{n}: expected one argument"));
                        }
                        i += 1;
                        args[i - 1].clone()
                    }
                };
                match n {
                    "region" => g.region = Some(v),
                    "output" => g.output = Some(v),
                    "query" => g.query = Some(v),
                    "profile" => g.profile = Some(v),
                    _ => {}
                }
                continue;
            }
            if GLOBAL_SWITCHES.contains(&n) {
                if n == "version" {
                    g.version = true;
                }
                continue;
            }
        }
        rest.push(a.clone());
    }
    Ok((g, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn shorthand_forms() {
        assert_eq!(
            parse_value("Name=vpc-id,Values=vpc-1,vpc-2").unwrap(),
            json!({"Name": "vpc-id", "Values": ["vpc-1", "vpc-2"]})
        );
        assert_eq!(
            parse_value("ResourceType=vpc,Tags=[{Key=Name,Value=my vpc},{Key=env,Value=dev}]")
                .unwrap(),
            json!({"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "my vpc"}, {"Key": "env", "Value": "dev"}]})
        );
        assert_eq!(
            parse_value("IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]")
                .unwrap(),
            json!({"IpProtocol": "tcp", "FromPort": "22", "ToPort": "22", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
        );
        assert_eq!(
            parse_value("Key=Name,Value=web").unwrap(),
            json!({"Key": "Name", "Value": "web"})
        );
        assert_eq!(
            parse_value("{\"Value\": true}").unwrap(),
            json!({"Value": true})
        );
        assert!(parse_value("garbage").is_err());
    }

    #[test]
    fn every_flag_spelling() {
        let flags = parse_spec("s:cidr-block! b:dry-run l:vpc-ids J:filters i:count j:attr B:dns");
        for (words_, want) in [
            ("--dns", true),
            ("--no-dns", false),
            ("--dns Value=false", false),
            ("--dns {\"Value\":true}", true),
        ] {
            let p = parse_params(&flags, &words(&format!("--cidr-block x {words_}"))).unwrap();
            assert_eq!(p.bool("dns"), Some(want), "{words_}");
        }
        let p = parse_params(
            &flags,
            &words("--cidr-block 10.0.0.0/16 --no-dry-run --vpc-ids a b --filters Name=x,Values=y Name=z,Values=w --count 2 --attr Value=true"),
        )
        .unwrap();
        assert_eq!(p.str("cidr-block"), Some("10.0.0.0/16"));
        assert_eq!(p.bool("dry-run"), Some(false));
        assert_eq!(p.list("vpc-ids"), vec!["a", "b"]);
        assert_eq!(p.json("filters").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(p.int("count"), Some(2));
        let p = parse_params(&flags, &words("--cidr-block=10.0.0.0/16 --dry-run")).unwrap();
        assert_eq!(p.bool("dry-run"), Some(true));
        assert_eq!(
            parse_params(&flags, &words("--dry-run")),
            Err(ArgError::Required(vec!["--cidr-block".into()]))
        );
        assert_eq!(
            parse_params(&flags, &words("--cidr-block x --bogus")),
            Err(ArgError::Unknown(vec!["--bogus".into()]))
        );
        assert_eq!(
            parse_params(&flags, &words("--cidr-block")),
            Err(ArgError::Expected("cidr-block".into()))
        );
    }

    #[test]
    fn globals_anywhere() {
        let (g, rest) = split_globals(&words(
            "ec2 --region us-east-1 describe-vpcs --output=text --query Vpcs --no-cli-pager",
        ))
        .unwrap();
        assert_eq!(g.region.as_deref(), Some("us-east-1"));
        assert_eq!(g.output.as_deref(), Some("text"));
        assert_eq!(g.query.as_deref(), Some("Vpcs"));
        assert_eq!(rest, words("ec2 describe-vpcs"));
        assert!(split_globals(&words("ec2 --region")).is_err());
    }
}
