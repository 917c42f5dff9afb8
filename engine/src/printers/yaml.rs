//! YAML output as `kubectl get -o yaml` prints it: sigs.k8s.io/yaml over go-yaml v2, reproduced rule by rule (sorted keys, quoting, block scalars, folding at 80 columns).

use crate::sort::SortShared;
use serde_json::{Map, Value, json};

/// Renders `value` exactly as `kubectl get -o yaml` does.
pub fn to_yaml(value: &Value) -> String {
    let mut e = Emitter::new();
    e.node(value, Context::Root);
    // The implicit document end.
    e.write_indent();
    if e.open_ended {
        e.write_indicator("...", true, false, false);
        e.write_indent();
    }
    e.out
}

/// Renders several objects the way `kubectl create|apply -f ... -o yaml` prints them: one document each, separated by `---` lines.
pub fn to_yaml_documents(values: &[Value]) -> String {
    values.iter().map(to_yaml).collect::<Vec<_>>().join("---\n")
}

/// The `List` object kubectl wraps several items in for `-o yaml` and `-o json`.
pub fn list_object(items: Vec<Value>) -> Value {
    json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    })
}

/// Where a node sits, which decides indentation and quoting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Root,
    SequenceItem,
    MappingValue,
    SimpleKey,
    ComplexKey,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    out: String,
    column: usize,
    indent: i64,
    indents: Vec<i64>,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
}

const BEST_INDENT: i64 = 2;
const BEST_WIDTH: usize = 80;

impl Emitter {
    fn new() -> Self {
        Self {
            out: String::new(),
            column: 0,
            indent: -1,
            indents: Vec::new(),
            whitespace: true,
            indention: true,
            open_ended: false,
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn node(&mut self, value: &Value, ctx: Context) {
        match value {
            Value::Object(map) if map.is_empty() => self.empty_flow("{", "}"),
            Value::Array(items) if items.is_empty() => self.empty_flow("[", "]"),
            Value::Object(map) => self.mapping(map),
            Value::Array(items) => self.sequence(items, ctx),
            Value::String(s) => self.string_scalar(s, ctx),
            Value::Null => self.plain_scalar("null", ctx),
            Value::Bool(b) => self.plain_scalar(if *b { "true" } else { "false" }, ctx),
            Value::Number(n) => self.plain_scalar(&yaml_number(n), ctx),
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false);
        self.pop_indent();
        self.write_indicator(close, false, false, false);
    }

    fn mapping(&mut self, map: &Map<String, Value>) {
        self.increase_indent(false, false);
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort_shared_by(|a, b| key_order(a, b));
        for key in keys {
            self.write_indent();
            let simple = !key.contains(is_break_char) && key.len() <= 128;
            if simple {
                self.string_scalar(key, Context::SimpleKey);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, true);
                self.string_scalar(key, Context::ComplexKey);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            self.node(&map[key.as_str()], Context::MappingValue);
        }
        self.pop_indent();
    }

    fn sequence(&mut self, items: &[Value], ctx: Context) {
        let mapping_context = matches!(ctx, Context::MappingValue | Context::ComplexKey);
        let indentless = mapping_context && !self.indention;
        self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, Context::SequenceItem);
        }
        self.pop_indent();
    }

    fn plain_scalar(&mut self, text: &str, ctx: Context) {
        self.increase_indent(true, false);
        self.write_plain(text, ctx != Context::SimpleKey);
        if ctx == Context::Root {
            self.open_ended = true;
        }
        self.pop_indent();
    }

    fn string_scalar(&mut self, s: &str, ctx: Context) {
        let style = select_style(s, ctx == Context::SimpleKey);
        self.increase_indent(true, false);
        let allow_breaks = ctx != Context::SimpleKey;
        match style {
            Style::Plain => {
                self.write_plain(s, allow_breaks);
                if ctx == Context::Root {
                    self.open_ended = true;
                }
            }
            Style::Single => self.write_single(s, allow_breaks),
            Style::Double => self.write_double(s, allow_breaks),
            Style::Literal => self.write_literal(s),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, s: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break_char(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_single(&mut self, s: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        let mut byte_pos = 0;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && byte_pos > 0
                    && byte_pos < s.len() - 1
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break_char(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
            byte_pos += c.len_utf8();
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, s: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut byte_pos = 0;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break_char(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    c => {
                        let v = c as u32;
                        let (letter, width) = if v <= 0xff {
                            ('x', 2)
                        } else if v <= 0xffff {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for digit in format!("{v:0width$X}").chars() {
                            self.put(digit);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && byte_pos > 0
                    && byte_pos < s.len() - 1
                {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
            byte_pos += c.len_utf8();
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, s: &str) {
        self.write_indicator("|", true, false, false);
        // Block scalar hints: an explicit indentation when the text starts with a space or break, and the chomping indicator.
        let first = s.chars().next();
        if matches!(first, Some(c) if c == ' ' || is_break_char(c)) {
            let hint = char::from(b'0' + BEST_INDENT as u8);
            self.write_indicator(&hint.to_string(), false, false, false);
        }
        self.open_ended = false;
        let mut rev = s.chars().rev();
        let chomp = match (rev.next(), rev.next()) {
            (None, _) => Some('-'),
            (Some(last), _) if !is_break_char(last) => Some('-'),
            (Some(_), None) => Some('+'),
            (Some(_), Some(prev)) if is_break_char(prev) => Some('+'),
            _ => None,
        };
        if let Some(hint) = chomp {
            self.write_indicator(&hint.to_string(), false, false, false);
            if hint == '+' {
                self.open_ended = true;
            }
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in s.chars() {
            if is_break_char(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// Go-yaml's `is_break`: line feed, carriage return, NEL, LS and PS.
fn is_break_char(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Go-yaml's `is_printable`, by code point.
fn is_printable(c: char) -> bool {
    let v = c as u32;
    v == 0x0a
        || (0x20..=0x7e).contains(&v)
        || (0xa0..=0xd7ff).contains(&v)
        || ((0xe000..=0xfffd).contains(&v) && v != 0xfeff)
}

/// The scalar style go-yaml v2 gives a string: the resolver decides whether it may be plain, the analyser whether plain or block style is possible.
fn select_style(s: &str, simple_key: bool) -> Style {
    let can_use_plain = !resolves_to_non_string(s) && !is_base60_float(s);
    let wanted = if s.contains('\n') {
        Style::Literal
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::Double
    };
    let a = analyze(s);
    let mut style = wanted;
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain {
        if !a.block_plain_allowed {
            style = Style::Single;
        }
        if s.is_empty() && simple_key {
            style = Style::Single;
        }
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = i + 1 >= n || matches!(chars[i + 1], ' ' | '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break_char(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t' | '\0') || is_break_char(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// Whether go-yaml's resolver reads the unquoted text as something other than a string (bool, null, number, timestamp, merge key).
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
        "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF", "<<",
    ];
    let Some(&first) = s.as_bytes().first() else {
        return true;
    };
    let hint = match first {
        b'+' | b'-' => 'S',
        b'0'..=b'9' => 'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => 'M',
        b'.' => '.',
        _ => return false,
    };
    if SPECIAL.contains(&s) {
        return true;
    }
    match hint {
        '.' => go_parse_float(s),
        'D' | 'S' => {
            if is_yaml_timestamp(s) {
                return true;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            go_parse_int(&plain) || is_yaml_style_float(&plain) || binary_int(&plain)
        }
        _ => false,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint` succeeding: decimal, `0x`, `0o`, `0b` or leading-zero octal, with an optional sign.
fn go_parse_int(s: &str) -> bool {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) =
        if let Some(rest) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, rest)
        } else if let Some(rest) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, rest)
        } else if let Some(rest) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, rest)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    match u64::from_str_radix(digits, radix) {
        Ok(v) => !negative || v <= 1u64 << 63,
        Err(_) => false,
    }
}

fn binary_int(s: &str) -> bool {
    let digits = s.strip_prefix("0b").or_else(|| s.strip_prefix("-0b"));
    matches!(digits, Some(d) if !d.is_empty() && d.len() <= 64 && d.chars().all(|c| c == '0' || c == '1'))
}

/// The regular expression `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat` accepting the text (for texts starting with a dot, where only decimal forms apply).
fn go_parse_float(s: &str) -> bool {
    is_yaml_style_float(s)
}

/// Go-yaml's timestamp formats: `2006-1-2T15:4:5.999999999Z07:00` (either case of T), `2006-1-2 15:4:5.999999999` and `2006-1-2`.
fn is_yaml_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let mut i = 5;
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        if *i == start {
            None
        } else {
            s[start..*i].parse().ok()
        }
    };
    let year: u32 = s[..4].parse().unwrap_or(0);
    let Some(month) = num(&mut i, 2) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 2) else {
        return false;
    };
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day < 1 || day > days {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let spaced = match b[i] {
        b'T' | b't' => false,
        b' ' => true,
        _ => return false,
    };
    i += 1;
    let Some(hour) = num(&mut i, 2) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(minute) = num(&mut i, 2) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(second) = num(&mut i, 2) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let rest = &s[i..];
    if spaced {
        return rest.is_empty();
    }
    if rest == "Z" {
        return true;
    }
    let r = rest.as_bytes();
    r.len() == 6
        && matches!(r[0], b'+' | b'-')
        && r[1].is_ascii_digit()
        && r[2].is_ascii_digit()
        && r[3] == b':'
        && r[4].is_ascii_digit()
        && r[5].is_ascii_digit()
}

/// YAML 1.1 base-60 floats such as `1:20`, which go-yaml quotes for compatibility.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&c) = b.first() else { return false };
    if !(c == b'+' || c == b'-' || c.is_ascii_digit()) || !s.contains(':') {
        return false;
    }
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    let mut i = usize::from(c == b'+' || c == b'-');
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let group = &b[start..i];
        let ok = match group.len() {
            1 => true,
            2 => group[0] <= b'5',
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// Go-yaml's map key order: letters after non-letters, runs of digits compared as numbers.
pub(crate) fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let less = |a: &str, b: &str| -> bool {
        let ar: Vec<char> = a.chars().collect();
        let br: Vec<char> = b.chars().collect();
        let mut i = 0;
        while i < ar.len() && i < br.len() {
            if ar[i] == br[i] {
                i += 1;
                continue;
            }
            let al = ar[i].is_alphabetic();
            let bl = br[i].is_alphabetic();
            if al && bl {
                return ar[i] < br[i];
            }
            if al || bl {
                return bl;
            }
            let (mut an, mut bn): (i64, i64) = (0, 0);
            if ar[i] == '0' || br[i] == '0' {
                let mut j = i;
                while j > 0 && ar[j - 1].is_ascii_digit() {
                    j -= 1;
                    if ar[j] != '0' {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            let mut ai = i;
            while ai < ar.len() && ar[ai].is_ascii_digit() {
                an = an
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(ar[ai] as u8 - b'0'));
                ai += 1;
            }
            let mut bi = i;
            while bi < br.len() && br[bi].is_ascii_digit() {
                bn = bn
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(br[bi] as u8 - b'0'));
                bi += 1;
            }
            if an != bn {
                return an < bn;
            }
            if ai != bi {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        ar.len() < br.len()
    };
    if less(a, b) {
        Ordering::Less
    } else if less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// A number as go-yaml prints the value sigs.k8s.io/yaml decoded from JSON: integers as they are, other floats in Go's `%g` shortest form.
fn yaml_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return format!("{}", f as i64);
    }
    if f.is_nan() {
        return ".nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            ".inf".to_owned()
        } else {
            "-.inf".to_owned()
        };
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let e_sign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{e_sign}{:02}", exp.abs())
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use proptest::prelude::*;

    fn pod() -> Value {
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "annotations": {
                    "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"web\"}]}}\n"
                },
                "creationTimestamp": "2024-01-01T00:00:00Z",
                "labels": {"app": "web", "app.kubernetes.io/name": "web", "pod-template-hash": "7c5ddbdf54"},
                "name": "web",
                "namespace": "default",
                "resourceVersion": "12345",
                "uid": "6b8a4f0e-3c1d-4f0e-9a7b-2d2f3c4b5a69"
            },
            "spec": {
                "containers": [{
                    "args": ["--port", "8080", "--verbose=true"],
                    "command": ["/bin/sh", "-c", "echo hello; sleep 3600"],
                    "env": [{"name": "ENABLED", "value": "true"}, {"name": "EMPTY", "value": ""}, {"name": "PORT", "value": "8080"}],
                    "image": "nginx:1.25",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "web",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 1}},
                    "volumeMounts": []
                }],
                "nodeSelector": {},
                "tolerations": [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300}]
            },
            "status": {
                "conditions": [{"lastProbeTime": null, "lastTransitionTime": "2024-01-01T00:00:05Z", "status": "True", "type": "Ready"}],
                "phase": "Running",
                "podIP": "10.128.2.15",
                "podIPs": [{"ip": "10.128.2.15"}],
                "qosClass": "Burstable"
            }
        })
    }

    #[test]
    fn renders_a_pod_like_kubectl() {
        expect![[r#"
            apiVersion: v1
            kind: Pod
            metadata:
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: |
                  {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]}}
              creationTimestamp: "2024-01-01T00:00:00Z"
              labels:
                app: web
                app.kubernetes.io/name: web
                pod-template-hash: 7c5ddbdf54
              name: web
              namespace: default
              resourceVersion: "12345"
              uid: 6b8a4f0e-3c1d-4f0e-9a7b-2d2f3c4b5a69
            spec:
              containers:
              - args:
                - --port
                - "8080"
                - --verbose=true
                command:
                - /bin/sh
                - -c
                - echo hello; sleep 3600
                env:
                - name: ENABLED
                  value: "true"
                - name: EMPTY
                  value: ""
                - name: PORT
                  value: "8080"
                image: nginx:1.25
                imagePullPolicy: IfNotPresent
                name: web
                ports:
                - containerPort: 80
                  protocol: TCP
                resources:
                  limits:
                    cpu: 500m
                    memory: 128Mi
                  requests:
                    cpu: 1
                volumeMounts: []
              nodeSelector: {}
              tolerations:
              - effect: NoExecute
                key: node.kubernetes.io/not-ready
                operator: Exists
                tolerationSeconds: 300
            status:
              conditions:
              - lastProbeTime: null
                lastTransitionTime: "2024-01-01T00:00:05Z"
                status: "True"
                type: Ready
              phase: Running
              podIP: 10.128.2.15
              podIPs:
              - ip: 10.128.2.15
              qosClass: Burstable
        "#]]
        .assert_eq(&to_yaml(&pod()));
    }

    fn quoting_cases() -> Value {
        json!({
            "_u": "1", "A": "1", "a9": "1", "a10": "1", "b60": "1:20", "c": "a: b", "dash": "- x", "dot": ".5", "e": "",
            "flt": "1e3", "h": "#x", "hex": "0x1F", "ko": "한글",
            "long": "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu",
            "ml": "line1\nline2", "ml2": "line1\nline2\n", "ml3": "  lead\nx", "ml4": "a \nb", "ml5": "a\n\n",
            "num": "12345", "on": "on", "quote": "it's", "star": "*x", "t": "true", "tab": "a\tb", "trail": "x ",
            "ts": "2024-01-01T00:00:00Z", "ver": "1.2.3", "y": "y", "z": "<b>&\u{2028}"
        })
    }

    #[test]
    fn quotes_strings_as_go_yaml_does() {
        expect![[r#"
            _u: "1"
            A: "1"
            a9: "1"
            a10: "1"
            b60: "1:20"
            c: 'a: b'
            dash: '- x'
            dot: ".5"
            e: ""
            flt: "1e3"
            h: '#x'
            hex: "0x1F"
            ko: 한글
            long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp
              qqqq rrrr ssss tttt uuuu
            ml: |-
              line1
              line2
            ml2: |
              line1
              line2
            ml3: |2-
                lead
              x
            ml4: "a \nb"
            ml5: |+
              a

            num: "12345"
            "on": "on"
            quote: it's
            star: '*x'
            t: "true"
            tab: "a\tb"
            trail: 'x '
            ts: "2024-01-01T00:00:00Z"
            ver: 1.2.3
            "y": "y"
            z: '<b>& '
        "#]]
        .assert_eq(&to_yaml(&quoting_cases()));
    }

    #[test]
    fn wraps_lists_and_empty_values() {
        let list = list_object(vec![
            json!({"kind": "Pod", "metadata": {"name": "a"}}),
            json!({"kind": "Pod", "metadata": {}}),
        ]);
        expect![[r#"
            apiVersion: v1
            items:
            - kind: Pod
              metadata:
                name: a
            - kind: Pod
              metadata: {}
            kind: List
            metadata:
              resourceVersion: ""
        "#]]
        .assert_eq(&to_yaml(&list));
        expect![[r#"
            - - a
              - b
            - []
            - {}
            - 1.5
            - 1.234567895e+08
            - 1e-07
            - -3
        "#]]
        .assert_eq(&to_yaml(&json!([
            ["a", "b"],
            [],
            {},
            1.5,
            123456789.5,
            1e-7,
            -3
        ])));
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(
            to_yaml_documents(&[json!({"a": 1}), json!({"b": [true]})]),
            "a: 1\n---\nb:\n- true\n"
        );
    }

    /// Compares with the real kubectl client when it is installed.
    #[test]
    fn matches_the_real_kubectl_client() {
        let Some(out) = super::super::test_support::kubectl_ok(&[
            "create",
            "configmap",
            "x",
            "--from-literal=long=aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu",
            "--from-literal=num=12345",
            "--from-literal=t=true",
            "--from-literal=e=",
            "--from-literal=c=a: b",
            "--from-literal=ml=line1\nline2",
            "--from-literal=ml3=  lead\nx",
            "--from-literal=ml4=a \nb",
            "--from-literal=ts=2024-01-01T00:00:00Z",
            "--from-literal=b60=1:20",
            "--from-literal=_u=x",
            "--from-literal=A9=x",
            "--from-literal=A10=x",
            "--from-literal=emoji=🙂 ok",
            "--from-literal=ctl=a\u{1}b",
            "--dry-run=client",
            "-o",
            "json",
        ]) else {
            return;
        };
        let object: Value = serde_json::from_str(&out).unwrap();
        let mut args = vec!["create", "configmap", "x", "--dry-run=client", "-o", "yaml"];
        let literals: Vec<String> = object["data"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("--from-literal={k}={}", v.as_str().unwrap()))
            .collect();
        args.extend(literals.iter().map(String::as_str));
        let expected = super::super::test_support::kubectl_ok(&args).unwrap();
        assert_eq!(to_yaml(&object), expected);
    }

    /// Whole typed objects from the real client: YAML rendered from its JSON equals its own YAML.
    #[test]
    fn whole_objects_match_the_real_kubectl_client() {
        let commands: &[&[&str]] = &[
            &[
                "create",
                "deployment",
                "web",
                "--image=nginx:1.25",
                "--replicas=3",
                "--port=80",
            ],
            &[
                "create",
                "service",
                "loadbalancer",
                "web",
                "--tcp=80:8080",
                "--tcp=443:8443",
            ],
            &[
                "create",
                "job",
                "pi",
                "--image=perl",
                "--",
                "perl",
                "-Mbignum=bpi",
                "-wle",
                "print bpi(2000)",
            ],
            &[
                "create",
                "cronjob",
                "c",
                "--image=busybox",
                "--schedule=*/5 * * * *",
                "--",
                "sh",
                "-c",
                "date; echo hello: world",
            ],
            &[
                "create",
                "secret",
                "docker-registry",
                "reg",
                "--docker-server=quay.io",
                "--docker-username=u",
                "--docker-password=p",
            ],
            &[
                "create",
                "ingress",
                "i",
                "--rule=foo.example.com/bar*=svc1:8080,tls=my-cert",
                "--annotation=nginx.ingress.kubernetes.io/rewrite-target=/",
            ],
            &[
                "create",
                "poddisruptionbudget",
                "pdb",
                "--selector=app=web",
                "--min-available=50%",
            ],
            &[
                "create",
                "priorityclass",
                "high",
                "--value=1000000",
                "--description=a very important class of workloads that must never be preempted by anything else",
            ],
        ];
        for args in commands {
            let mut json_args: Vec<&str> = args.to_vec();
            json_args.splice(3..3, ["--dry-run=client", "-o", "json"]);
            let Some(json_text) = super::super::test_support::kubectl_ok(&json_args) else {
                return;
            };
            let mut yaml_args: Vec<&str> = args.to_vec();
            yaml_args.splice(3..3, ["--dry-run=client", "-o", "yaml"]);
            let expected = super::super::test_support::kubectl_ok(&yaml_args).unwrap();
            let value: Value = serde_json::from_str(&json_text).unwrap();
            assert_eq!(to_yaml(&value), expected, "{args:?}");
        }
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(|n| json!(n)),
            "[ -~\n\t\u{e9}\u{2028}\u{1F600}]{0,40}".prop_map(Value::String),
            prop::sample::select(vec![
                "true",
                "1:20",
                "0x1F",
                "- a",
                "a: b",
                "#c",
                "2024-01-01",
                " x",
                "x ",
                "~",
                "",
                "'q'",
                "\"d\"",
                "1e3",
                ".5",
                "null",
                "y",
                "on",
                "---",
                "..."
            ])
            .prop_map(|s| Value::String(s.to_owned())),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-zA-Z0-9_./: -]{0,12}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn yaml_output_reads_back_to_the_same_value(v in arb_json()) {
            let text = to_yaml(&v);
            let docs = crate::yaml::parse_documents(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let back = docs.into_iter().next().unwrap_or(Value::Null);
            prop_assert_eq!(back, v, "{}", text);
        }
    }
}
