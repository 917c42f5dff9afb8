//! `jq` built on the jaq crates (jaq-core, jaq-std, jaq-json), printing and failing like jq 1.6 (the version RHEL 9 ships).

use crate::sort::SortShared;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx as JqCtx, Vars, data, unwrap_valr};
use jaq_json::{Num, Val};

use super::files::read_one;
use super::flags::{Spec, switch, valued};
use crate::exec::{Ctx, Output};

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[&JQ];

const JQ: Spec = Spec {
    cmd: "jq",
    flags: &[
        switch(
            "raw",
            Some('r'),
            "raw-output",
            "output strings without quotes",
        ),
        switch(
            "join",
            Some('j'),
            "join-output",
            "like -r but without newlines",
        ),
        switch(
            "compact",
            Some('c'),
            "compact-output",
            "compact instead of pretty-printed output",
        ),
        switch(
            "exit-status",
            Some('e'),
            "exit-status",
            "set the exit status from the last output",
        ),
        switch(
            "null-input",
            Some('n'),
            "null-input",
            "use `null` as the single input value",
        ),
        switch("slurp", Some('s'), "slurp", "read all inputs into an array"),
        switch(
            "sort-keys",
            Some('S'),
            "sort-keys",
            "sort keys of objects on output",
        ),
        switch(
            "monochrome",
            Some('M'),
            "monochrome-output",
            "do not colour the output",
        ),
        switch(
            "colour",
            Some('C'),
            "color-output",
            "colour the output (ignored: no colours)",
        ),
        switch("tab", None, "tab", "indent with tabs"),
        valued("indent", None, "indent", "indent with N spaces"),
        switch(
            "raw-input",
            Some('R'),
            "raw-input",
            "read each line as a string",
        ),
    ],
    usage_code: 2,
    stop_at_operand: false,
};

const USAGE: &str = "Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter's results as JSON on\nstandard output.\n\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n";

/// `jq FILTER [FILES]`: runs a jq program over JSON inputs.
pub(super) fn jq(args: &[String], ctx: &mut Ctx) -> Output {
    // `--arg NAME VALUE` and `--argjson NAME JSON` take two values; take them out before the flag table.
    let mut rest = Vec::new();
    let mut globals: Vec<(String, Val)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--arg" | "--argjson" => {
                let (Some(name), Some(value)) = (args.get(i + 1), args.get(i + 2)) else {
                    return Output::err(
                        format!(
                            "jq: {} takes two parameters (e.g. {} varname value)\n{USAGE}",
                            args[i], args[i]
                        ),
                        2,
                    );
                };
                let value = if args[i] == "--arg" {
                    Val::from(value.clone())
                } else {
                    match jaq_json::read::parse_single(value.as_bytes()) {
                        Ok(v) => v,
                        Err(_) => {
                            return Output::err(
                                format!("jq: Invalid JSON text passed to --argjson\n{USAGE}"),
                                2,
                            );
                        }
                    }
                };
                globals.push((format!("${name}"), value));
                i += 3;
            }
            _ => {
                rest.push(args[i].clone());
                i += 1;
            }
        }
    }
    let parsed = match JQ.parse(&rest) {
        Ok(p) => p,
        Err(e) => {
            let bad = e.stderr.lines().next().unwrap_or("").to_owned();
            let flag = bad
                .rsplit(['\'', ' '])
                .find(|s| !s.is_empty())
                .unwrap_or("");
            return Output::err(format!("jq: Unknown option: {flag}\n{USAGE}"), 2);
        }
    };
    let mut operands = parsed.operands.clone();
    if operands.is_empty() {
        if ctx.tty && ctx.stdin.is_empty() {
            return Output::err(USAGE, 2);
        }
        operands.push(".".to_owned());
    }
    let program = operands.remove(0);

    // jq's `$ENV` and `env` are the shell's exported variables, and `now` is the session's virtual time: the
    // library's own versions would read the host process (and the wall clock, which a browser build cannot read).
    let env_object = Val::obj(
        ctx.env
            .iter()
            .map(|(k, v)| (Val::from(k.clone()), Val::from(v.clone())))
            .collect(),
    );
    globals.push(("$ENV".to_owned(), env_object));
    globals.push((NOW_VAR.to_owned(), Val::from(ctx.now as f64 / 1000.0)));

    let filter = match compile(&program, globals.iter().map(|(n, _)| n.as_str())) {
        Ok(f) => f,
        Err(message) => return Output::err(message, 3),
    };

    // Gather the inputs.
    let mut text = String::new();
    let mut out = Output::default();
    let source = operands
        .last()
        .cloned()
        .unwrap_or_else(|| "<stdin>".to_owned());
    if operands.is_empty() {
        text = ctx.stdin.to_owned();
    } else {
        for name in &operands {
            match read_one(name, ctx) {
                Ok(t) => text.push_str(&t),
                Err(e) => {
                    out.stderr.push_str(&format!(
                        "jq: error: Could not open {name}: {}\n",
                        e.message()
                    ));
                    out.code = 2;
                }
            }
        }
    }
    let mut inputs: Vec<(Val, usize)> = Vec::new();
    let mut parse_error: Option<String> = None;
    if parsed.has("raw-input") {
        if parsed.has("slurp") {
            inputs.push((Val::from(text.clone()), text.matches('\n').count()));
        } else {
            for (n, line) in text.lines().enumerate() {
                inputs.push((Val::from(line.to_owned()), n + 1));
            }
        }
    } else {
        let (values, error) = parse_inputs(&text);
        inputs = values;
        parse_error = error;
    }
    if parsed.has("slurp") && !parsed.has("raw-input") {
        let lines = text.matches('\n').count();
        let all: Vec<Val> = inputs.into_iter().map(|(v, _)| v).collect();
        inputs = vec![(Val::Arr(all.into()), lines)];
    }
    if parsed.has("null-input") {
        inputs = vec![(Val::Null, 0)];
    }

    let style = Style {
        indent: if parsed.has("tab") {
            Some("\t".to_owned())
        } else if parsed.has("compact") {
            None
        } else {
            match parsed.value("indent").map(str::parse::<usize>) {
                Some(Ok(0)) => None,
                Some(Ok(n)) => Some(" ".repeat(n.min(7))),
                Some(Err(_)) => {
                    return Output::err(
                        format!("jq: Cannot indent more than 7 characters\n{USAGE}"),
                        2,
                    );
                }
                None => Some("  ".to_owned()),
            }
        },
        sort_keys: parsed.has("sort-keys"),
    };
    let raw = parsed.has("raw") || parsed.has("join");
    let mut last: Option<Val> = None;
    let mut outputs = 0usize;
    for (input, line) in inputs {
        let data = &filter.lut;
        let vars = Vars::new(globals.iter().map(|(_, v)| v.clone()));
        let jctx = JqCtx::<data::JustLut<Val>>::new(data, vars);
        for result in filter.id.run((jctx, input)).map(unwrap_valr) {
            match result {
                Ok(value) => {
                    outputs += 1;
                    match (&value, raw) {
                        (Val::TStr(s), true) => out.stdout.push_str(&String::from_utf8_lossy(s)),
                        _ => write_value(&mut out.stdout, &value, &style, 0),
                    }
                    if !parsed.has("join") {
                        out.stdout.push('\n');
                    }
                    last = Some(value);
                }
                Err(error) => {
                    let at = if parsed.has("null-input") {
                        "<unknown>".to_owned()
                    } else {
                        format!("{source}:{line}")
                    };
                    out.stderr.push_str(&format!(
                        "jq: error (at {at}): {}\n",
                        jq_error_text(&error.to_string())
                    ));
                    out.code = 5;
                    break;
                }
            }
            if out.stdout.len() > 16 << 20 {
                break;
            }
        }
    }
    if let Some(message) = parse_error {
        out.stderr.push_str(&message);
        out.code = 4;
        return out;
    }
    if out.code == 0 && parsed.has("exit-status") {
        out.code = match last {
            None if outputs == 0 => 4,
            Some(Val::Null) | Some(Val::Bool(false)) => 1,
            _ => 0,
        };
    }
    out
}

/// The global variable that carries the session's virtual time into `now`; jq programs cannot name it by accident.
const NOW_VAR: &str = "$__bastion_now";

/// Library functions that would read the host process instead of the session; [`session_defs`] replaces them.
const HOST_FUNS: [&str; 2] = ["now", "env"];

/// Definitions of `now` and `env` over the session's virtual time and environment.
fn session_defs() -> impl Iterator<Item = jaq_core::load::parse::Def<&'static str>> {
    jaq_core::load::parse("def now: $__bastion_now; def env: $ENV;", |p| p.defs())
        .unwrap_or_default()
        .into_iter()
}

type Filter = jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>;

fn compile<'a>(program: &str, globals: impl Iterator<Item = &'a str>) -> Result<Filter, String> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs())
        .chain(session_defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs().filter(|(name, ..)| !HOST_FUNS.contains(name)))
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let file = File {
        code: program,
        path: (),
    };
    let compile_error = |detail: String| {
        format!("jq: error: {detail} at <top-level>, line 1:\n{program}\njq: 1 compile error\n")
    };
    let modules = loader.load(&arena, file).map_err(|_| {
        // jq's parser reports an unfinished program as an unexpected end; anything else is a bad character.
        let opens = program.matches(['(', '[', '{']).count();
        let closes = program.matches([')', ']', '}']).count();
        let quotes = program.matches('"').count() - program.matches("\\\"").count();
        let token = if opens > closes || quotes % 2 == 1 || program.trim_end().ends_with('|') {
            "$end"
        } else {
            "INVALID_CHARACTER"
        };
        compile_error(format!(
            "syntax error, unexpected {token} (Unix shell quoting issues?)"
        ))
    })?;
    let globals: Vec<&str> = globals.collect();
    Compiler::default()
        .with_funs(funs)
        .with_global_vars(globals.iter().copied())
        .compile(modules)
        .map_err(|errors| {
            let mut text = String::new();
            let mut count = 0;
            for (_, errs) in errors {
                for (name, undefined) in errs {
                    count += 1;
                    let detail = match undefined {
                        jaq_core::compile::Undefined::Filter(arity) => {
                            format!("{name}/{arity} is not defined")
                        }
                        jaq_core::compile::Undefined::Var => format!("{name} is not defined"),
                        other => format!("{name} is not defined ({})", other.as_str()),
                    };
                    text.push_str(&format!(
                        "jq: error: {detail} at <top-level>, line 1:\n{program}\n"
                    ));
                }
            }
            let plural = if count == 1 { "error" } else { "errors" };
            text.push_str(&format!("jq: {count} compile {plural}\n"));
            text
        })
}

/// Parses a stream of JSON values; each with the line jq reports errors at, and jq's parse error if the stream breaks.
fn parse_inputs(text: &str) -> (Vec<(Val, usize)>, Option<String>) {
    let mut values = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    loop {
        let rest = &bytes[pos..];
        let skipped = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if skipped == rest.len() {
            return (values, None);
        }
        let start = pos + skipped;
        // Find where this value ends by parsing progressively longer prefixes is costly; instead parse the rest as a
        // stream and take the first value, then locate its end with a second, exact parse of growing candidates.
        let mut stream = jaq_json::read::parse_many(&bytes[start..]);
        match stream.next() {
            Some(Ok(value)) => {
                let end = value_end(&bytes[start..]).map_or(bytes.len(), |e| start + e);
                let line = text[..end.min(text.len())].matches('\n').count().max(1);
                let newline_after = bytes[end..]
                    .iter()
                    .take_while(|b| **b == b' ' || **b == b'\t')
                    .count();
                let line = if bytes.get(end + newline_after) == Some(&b'\n') {
                    line.max(text[..end + newline_after + 1].matches('\n').count())
                } else {
                    line
                };
                values.push((value, line));
                pos = end;
            }
            Some(Err(_)) | None => return (values, Some(parse_error(text, start))),
        }
    }
}

/// The byte length of the first JSON value in `bytes` (which starts with it), found by scanning brackets and strings.
fn value_end(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    Some(bytes.len())
}

/// jq 1.6's message for a broken input stream whose bad value starts at `start`.
fn parse_error(text: &str, start: usize) -> String {
    let bytes = text.as_bytes();
    let first = bytes[start];
    if first.is_ascii_alphanumeric() || first == b'-' || first == b'.' {
        let len = bytes[start..]
            .iter()
            .take_while(|b| !b" \t\r\n[]{},:\"".contains(b))
            .count();
        let literal = &text[start..start + len];
        let known = ["true", "false", "null"].contains(&literal) || literal.parse::<f64>().is_ok();
        if !known {
            let consumed = (start + len + 1).min(text.len());
            let (line, column) = position(text, consumed);
            let kind = if matches!(first, b't' | b'f' | b'n') {
                "Invalid literal"
            } else {
                "Invalid numeric literal"
            };
            return format!("parse error: {kind} at line {line}, column {column}\n");
        }
    }
    let (line, column) = position(text, text.len());
    format!("parse error: Unfinished JSON term at EOF at line {line}, column {column}\n")
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count();
    (line, column)
}

/// Rewords jaq's runtime errors as jq 1.6 words them.
fn jq_error_text(message: &str) -> String {
    fn type_of(json: &str) -> &'static str {
        match json.chars().next() {
            Some('[') => "array",
            Some('{') => "object",
            Some('"') => "string",
            Some('n') => "null",
            Some('t' | 'f') => "boolean",
            _ => "number",
        }
    }
    if let Some(rest) = message.strip_prefix("cannot use ")
        && let Some((value, _)) = rest.split_once(" as iterable")
    {
        return format!("Cannot iterate over {} ({value})", type_of(value));
    }
    if let Some(rest) = message.strip_prefix("cannot index ")
        && let Some((target, index)) = rest.rsplit_once(" with ")
    {
        let index_kind = type_of(index);
        return if index_kind == "string" {
            format!("Cannot index {} with string {index}", type_of(target))
        } else {
            format!("Cannot index {} with {index_kind}", type_of(target))
        };
    }
    if message.starts_with('"') && message.ends_with('"') && message.len() >= 2 {
        return format!("{} (not a string)", &message[1..message.len() - 1])
            .replace(" (not a string)", "");
    }
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

struct Style {
    indent: Option<String>,
    sort_keys: bool,
}

/// Writes a value as jq 1.6 prints it: two-space indentation, `[]`/`{}` for empties, integers without `.0`.
fn write_value(out: &mut String, value: &Val, style: &Style, level: usize) {
    let newline = |out: &mut String, level: usize| {
        if let Some(indent) = &style.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(indent);
            }
        }
    };
    match value {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Num(n) => out.push_str(&format_number(n)),
        Val::TStr(s) | Val::BStr(s) => write_string(out, &String::from_utf8_lossy(s)),
        Val::Arr(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_value(out, item, style, level + 1);
            }
            newline(out, level);
            out.push(']');
        }
        Val::Obj(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            let mut entries: Vec<(&Val, &Val)> = map.iter().collect();
            if style.sort_keys {
                entries.sort_shared_by_key(|(k, _)| key_text(k));
            }
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                match key {
                    Val::TStr(s) | Val::BStr(s) => write_string(out, &String::from_utf8_lossy(s)),
                    other => write_string(out, &key_text(other)),
                }
                out.push(':');
                if style.indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, style, level + 1);
            }
            newline(out, level);
            out.push('}');
        }
    }
}

fn key_text(key: &Val) -> String {
    match key {
        Val::TStr(s) | Val::BStr(s) => String::from_utf8_lossy(s).into_owned(),
        other => other.to_string(),
    }
}

fn format_number(n: &Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::BigInt(b) => {
            let text = b.to_string();
            match text.parse::<f64>() {
                Ok(f) => format_float(f),
                Err(_) => text,
            }
        }
        Num::Float(f) => format_float(*f),
        Num::Dec(d) => match d.parse::<f64>() {
            Ok(f) => format_float(f),
            Err(_) => d.to_string(),
        },
    }
}

/// Formats a double as jq 1.6 does (17 significant digits, shortest form, exponent outside 1e-5..1e17).
fn format_float(f: f64) -> String {
    if f.is_nan() {
        return "null".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "1.7976931348623157e+308"
        } else {
            "-1.7976931348623157e+308"
        }
        .to_owned();
    }
    if f == 0.0 && f.is_sign_negative() {
        return "-0".to_owned();
    }
    if f == f.trunc() && f.abs() < 1e17 {
        return format!("{}", f as i64);
    }
    let abs = f.abs();
    if (1e-5..1e17).contains(&abs) {
        return format!("{f}");
    }
    let text = format!("{f:e}");
    match text.split_once('e') {
        Some((mantissa, exp)) => {
            let exp: i32 = exp.parse().unwrap_or(0);
            format!(
                "{mantissa}e{}{:02}",
                if exp < 0 { '-' } else { '+' },
                exp.abs()
            )
        }
        None => text,
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\x7f' => out.push_str("\\u007f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
