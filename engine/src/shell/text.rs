//! Line filters from coreutils: `head`, `tail`, `wc`, `sort`, `uniq`, `cut`, `tr`, `base64`, `tee` and `column`.

use super::files::{read_inputs, read_one};
use super::flags::{Spec, switch, valued};
use crate::exec::{Ctx, Output};
use crate::sort::SortShared;

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[
    &HEAD, &TAIL, &WC, &SORT, &UNIQ, &CUT, &TR, &BASE64, &TEE, &COLUMN,
];

const HEAD: Spec = Spec {
    cmd: "head",
    flags: &[
        valued(
            "lines",
            Some('n'),
            "lines",
            "print the first NUM lines instead of the first 10",
        ),
        valued("bytes", Some('c'), "bytes", "print the first NUM bytes"),
        switch(
            "quiet",
            Some('q'),
            "quiet",
            "never print headers giving file names",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const TAIL: Spec = Spec {
    cmd: "tail",
    flags: &[
        valued(
            "lines",
            Some('n'),
            "lines",
            "output the last NUM lines, instead of the last 10; or use -n +NUM to skip NUM-1 lines",
        ),
        valued("bytes", Some('c'), "bytes", "output the last NUM bytes"),
        switch(
            "quiet",
            Some('q'),
            "quiet",
            "never output headers giving file names",
        ),
        switch(
            "follow",
            Some('f'),
            "follow",
            "output appended data as the file grows (ignored)",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const WC: Spec = Spec {
    cmd: "wc",
    flags: &[
        switch("lines", Some('l'), "lines", "print the newline counts"),
        switch("words", Some('w'), "words", "print the word counts"),
        switch("bytes", Some('c'), "bytes", "print the byte counts"),
        switch("chars", Some('m'), "chars", "print the character counts"),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const SORT: Spec = Spec {
    cmd: "sort",
    flags: &[
        switch(
            "reverse",
            Some('r'),
            "reverse",
            "reverse the result of comparisons",
        ),
        switch(
            "numeric",
            Some('n'),
            "numeric-sort",
            "compare according to string numerical value",
        ),
        switch(
            "human",
            Some('h'),
            "human-numeric-sort",
            "compare human readable numbers (e.g., 2K 1G)",
        ),
        switch(
            "unique",
            Some('u'),
            "unique",
            "output only the first of an equal run",
        ),
        valued(
            "key",
            Some('k'),
            "key",
            "sort via a key; KEYDEF gives location and type",
        ),
        valued(
            "sep",
            Some('t'),
            "field-separator",
            "use SEP instead of non-blank to blank transition",
        ),
        switch(
            "ignore-case",
            Some('f'),
            "ignore-case",
            "fold lower case to upper case characters",
        ),
        switch(
            "version",
            Some('V'),
            "version-sort",
            "natural sort of (version) numbers within text",
        ),
    ],
    usage_code: 2,
    stop_at_operand: false,
};

const UNIQ: Spec = Spec {
    cmd: "uniq",
    flags: &[
        switch(
            "count",
            Some('c'),
            "count",
            "prefix lines by the number of occurrences",
        ),
        switch(
            "repeated",
            Some('d'),
            "repeated",
            "only print duplicate lines, one for each group",
        ),
        switch("unique", Some('u'), "unique", "only print unique lines"),
        switch(
            "ignore-case",
            Some('i'),
            "ignore-case",
            "ignore differences in case when comparing",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const CUT: Spec = Spec {
    cmd: "cut",
    flags: &[
        valued(
            "delimiter",
            Some('d'),
            "delimiter",
            "use DELIM instead of TAB for field delimiter",
        ),
        valued("fields", Some('f'), "fields", "select only these fields"),
        valued(
            "characters",
            Some('c'),
            "characters",
            "select only these characters",
        ),
        valued("bytes", Some('b'), "bytes", "select only these bytes"),
        switch(
            "only-delimited",
            Some('s'),
            "only-delimited",
            "do not print lines not containing delimiters",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const TR: Spec = Spec {
    cmd: "tr",
    flags: &[
        switch(
            "delete",
            Some('d'),
            "delete",
            "delete characters in SET1, do not translate",
        ),
        switch(
            "squeeze",
            Some('s'),
            "squeeze-repeats",
            "replace each sequence of a repeated character with one",
        ),
        switch(
            "complement",
            Some('c'),
            "complement",
            "use the complement of SET1",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const BASE64: Spec = Spec {
    cmd: "base64",
    flags: &[
        switch("decode", Some('d'), "decode", "decode data"),
        valued(
            "wrap",
            Some('w'),
            "wrap",
            "wrap encoded lines after COLS character (default 76); 0 disables",
        ),
        switch(
            "ignore-garbage",
            Some('i'),
            "ignore-garbage",
            "when decoding, ignore non-alphabet characters",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

const TEE: Spec = Spec {
    cmd: "tee",
    flags: &[switch(
        "append",
        Some('a'),
        "append",
        "append to the given FILEs, do not overwrite",
    )],
    usage_code: 1,
    stop_at_operand: false,
};

const COLUMN: Spec = Spec {
    cmd: "column",
    flags: &[
        switch("table", Some('t'), "table", "create a table"),
        valued(
            "separator",
            Some('s'),
            "separator",
            "possible table delimiters",
        ),
        valued(
            "output-separator",
            Some('o'),
            "output-separator",
            "columns separator for table output",
        ),
    ],
    usage_code: 1,
    stop_at_operand: false,
};

/// Rewrites the obsolete `-N` count form (`head -5`) as `-n N`.
fn numeric_shorthand(args: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for arg in args {
        let after_flag = out
            .last()
            .is_some_and(|prev| matches!(prev.as_str(), "-n" | "-c" | "--lines" | "--bytes"));
        if !after_flag
            && arg.len() > 1
            && arg.starts_with('-')
            && arg[1..].chars().all(|c| c.is_ascii_digit())
        {
            out.push("-n".to_owned());
            out.push(arg[1..].to_owned());
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn per_file(
    cmd: &str,
    operands: &[String],
    quiet: bool,
    ctx: &Ctx,
    f: impl Fn(&str) -> String,
) -> Output {
    let names: Vec<String> = if operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        operands.to_vec()
    };
    let mut out = Output::default();
    let headers = names.len() > 1 && !quiet;
    let mut first = true;
    for name in &names {
        match read_one(name, ctx) {
            Ok(text) => {
                if headers {
                    let shown = if name == "-" {
                        "standard input"
                    } else {
                        name.as_str()
                    };
                    out.stdout.push_str(&format!(
                        "{}==> {shown} <==\n",
                        if first { "" } else { "\n" }
                    ));
                }
                first = false;
                out.stdout.push_str(&f(&text));
            }
            Err(e) => {
                let msg = if cmd == "tail" {
                    format!("tail: cannot open '{name}' for reading: {}\n", e.message())
                } else {
                    format!("{cmd}: cannot open '{name}' for reading: {}\n", e.message())
                };
                out.stderr.push_str(&msg);
                out.code = 1;
            }
        }
    }
    out
}

/// `head`: the first lines (or bytes) of each input.
pub(super) fn head(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match HEAD.parse(&numeric_shorthand(args)) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if let Some(bytes) = parsed.value("bytes") {
        let Ok(n) = bytes.parse::<usize>() else {
            return Output::err(format!("head: invalid number of bytes: ‘{bytes}’\n"), 1);
        };
        return per_file("head", &parsed.operands, parsed.has("quiet"), ctx, |t| {
            String::from_utf8_lossy(&t.as_bytes()[..n.min(t.len())]).into_owned()
        });
    }
    let spec = parsed.value("lines").unwrap_or("10");
    let (all_but, number) = match spec.strip_prefix('-') {
        Some(n) => (true, n),
        None => (false, spec),
    };
    let Ok(n) = number.parse::<usize>() else {
        return Output::err(format!("head: invalid number of lines: ‘{spec}’\n"), 1);
    };
    per_file("head", &parsed.operands, parsed.has("quiet"), ctx, |t| {
        let lines = lines_of(t);
        let take = if all_but {
            lines.len().saturating_sub(n)
        } else {
            n
        };
        lines.into_iter().take(take).collect()
    })
}

/// `tail`: the last lines (or bytes) of each input; `-n +N` starts at line N.
pub(super) fn tail(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match TAIL.parse(&numeric_shorthand(args)) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if let Some(bytes) = parsed.value("bytes") {
        let Ok(n) = bytes.trim_start_matches('-').parse::<usize>() else {
            return Output::err(format!("tail: invalid number of bytes: ‘{bytes}’\n"), 1);
        };
        return per_file("tail", &parsed.operands, parsed.has("quiet"), ctx, |t| {
            String::from_utf8_lossy(&t.as_bytes()[t.len().saturating_sub(n)..]).into_owned()
        });
    }
    let spec = parsed.value("lines").unwrap_or("10");
    let (from_start, number) = match spec.strip_prefix('+') {
        Some(n) => (true, n),
        None => (false, spec.trim_start_matches('-')),
    };
    let Ok(n) = number.parse::<usize>() else {
        return Output::err(format!("tail: invalid number of lines: ‘{spec}’\n"), 1);
    };
    per_file("tail", &parsed.operands, parsed.has("quiet"), ctx, |t| {
        let lines = lines_of(t);
        let skip = if from_start {
            n.saturating_sub(1)
        } else {
            lines.len().saturating_sub(n)
        };
        lines.into_iter().skip(skip).collect()
    })
}

/// `wc`: line, word and byte counts.
pub(super) fn wc(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match WC.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut which: Vec<&str> = ["lines", "words", "chars", "bytes"]
        .into_iter()
        .filter(|k| parsed.has(k))
        .collect();
    if which.is_empty() {
        which = vec!["lines", "words", "bytes"];
    }
    let count = |text: &str| -> Vec<usize> {
        which
            .iter()
            .map(|k| match *k {
                "lines" => text.matches('\n').count(),
                "words" => text.split_whitespace().count(),
                "chars" => text.chars().count(),
                _ => text.len(),
            })
            .collect()
    };
    let mut out = Output::default();
    let mut rows: Vec<(Vec<usize>, Option<String>)> = Vec::new();
    let mut from_stdin = parsed.operands.is_empty();
    if from_stdin {
        rows.push((count(ctx.stdin), None));
    }
    let mut total_bytes = 0;
    for name in &parsed.operands {
        match read_one(name, ctx) {
            Ok(text) => {
                total_bytes += text.len();
                if name == "-" {
                    from_stdin = true;
                }
                rows.push((count(&text), Some(name.clone())));
            }
            Err(e) => {
                out.stderr
                    .push_str(&format!("wc: {name}: {}\n", e.message()));
                out.code = 1;
            }
        }
    }
    if parsed.operands.len() > 1 {
        let mut totals = vec![0; which.len()];
        for (counts, _) in &rows {
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
        }
        rows.push((totals, Some("total".to_owned())));
    }
    let width = if which.len() == 1 && rows.len() == 1 {
        1
    } else if from_stdin {
        7
    } else {
        total_bytes.to_string().len()
    };
    for (counts, name) in rows {
        let cols: Vec<String> = counts.iter().map(|c| format!("{c:>width$}")).collect();
        let mut line = cols.join(" ");
        if let Some(name) = name {
            line.push(' ');
            line.push_str(&name);
        }
        out.stdout.push_str(&line);
        out.stdout.push('\n');
    }
    out
}

/// `sort`: sorts lines (`-r`, `-n`, `-k`, `-t`, `-u`).
pub(super) fn sort(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match SORT.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (text, mut out) = read_inputs("sort", &parsed.operands, ctx);
    if out.code != 0 {
        out.code = 2;
        out.stderr = out.stderr.replace("sort: ", "sort: cannot read: ");
        return out;
    }
    let sep = parsed.value("sep").and_then(|s| s.chars().next());
    let key = match parsed.value("key") {
        None => None,
        Some(k) => {
            let field = k.split([',', '.']).next().unwrap_or("");
            let field_num: String = field.chars().take_while(|c| c.is_ascii_digit()).collect();
            match field_num.parse::<usize>() {
                Ok(n) if n > 0 => {
                    let opts: String = k.chars().filter(|c| c.is_ascii_alphabetic()).collect();
                    Some((n, opts))
                }
                _ => {
                    return Output::err(
                        format!(
                            "sort: invalid number at field start: invalid count at start of ‘{k}’\n"
                        ),
                        2,
                    );
                }
            }
        }
    };
    let numeric = parsed.has("numeric") || key.as_ref().is_some_and(|(_, o)| o.contains('n'));
    let human = parsed.has("human") || key.as_ref().is_some_and(|(_, o)| o.contains('h'));
    let reverse = parsed.has("reverse") || key.as_ref().is_some_and(|(_, o)| o.contains('r'));
    let fold = parsed.has("ignore-case");
    let mut lines: Vec<&str> = text.lines().collect();
    let key_of = |line: &str| -> String {
        match &key {
            None => line.to_owned(),
            Some((n, _)) => field_from(line, *n, sep),
        }
    };
    let cmp = |a: &&str, b: &&str| {
        let (ka, kb) = (key_of(a), key_of(b));
        let primary = if numeric || human {
            number_prefix(&ka, human)
                .partial_cmp(&number_prefix(&kb, human))
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if fold {
            ka.to_lowercase().cmp(&kb.to_lowercase())
        } else {
            collate(&ka, &kb)
        };
        let ordering = if primary == std::cmp::Ordering::Equal && !parsed.has("unique") {
            collate(a, b)
        } else {
            primary
        };
        if reverse {
            ordering.reverse()
        } else {
            ordering
        }
    };
    lines.sort_shared_by(cmp);
    if parsed.has("unique") {
        lines.dedup_by(|a, b| cmp(a, b) == std::cmp::Ordering::Equal);
    }
    out.stdout = lines.iter().map(|l| format!("{l}\n")).collect();
    out
}

/// Compares like `sort` in an English UTF-8 locale: letters and digits first, case folded, then as bytes.
pub(super) fn collate(a: &str, b: &str) -> std::cmp::Ordering {
    let simplify = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    simplify(a).cmp(&simplify(b)).then_with(|| {
        let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
        lower(a).cmp(&lower(b)).then_with(|| b.cmp(a))
    })
}

/// The field `n` (1-based) of a line as `sort -k N` sees it: with a separator, exact; without, including leading blanks.
fn field_from(line: &str, n: usize, sep: Option<char>) -> String {
    match sep {
        Some(s) => line
            .split(s)
            .skip(n - 1)
            .collect::<Vec<_>>()
            .join(&s.to_string()),
        None => {
            let mut fields = 0;
            let mut in_field = false;
            for (i, c) in line.char_indices() {
                let blank = c == ' ' || c == '\t';
                if !blank && !in_field {
                    fields += 1;
                    in_field = true;
                    if fields == n {
                        // Include the blanks before the field, as sort does without -b.
                        let start = line[..i]
                            .rfind(|ch: char| ch != ' ' && ch != '\t')
                            .map_or(0, |p| p + 1);
                        return line[start..].to_owned();
                    }
                } else if blank {
                    in_field = false;
                }
            }
            String::new()
        }
    }
}

fn number_prefix(text: &str, human: bool) -> f64 {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-'))
        .count();
    let value: f64 = t[..end].parse().unwrap_or(0.0);
    if human {
        let factor = match t[end..].chars().next() {
            Some('K' | 'k') => 1e3,
            Some('M') => 1e6,
            Some('G') => 1e9,
            Some('T') => 1e12,
            _ => 1.0,
        };
        value * factor
    } else {
        value
    }
}

/// `uniq`: collapses adjacent equal lines (`-c` counts them).
pub(super) fn uniq(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match UNIQ.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let input = match parsed.operands.first() {
        Some(name) => match read_one(name, ctx) {
            Ok(t) => t,
            Err(e) => return Output::err(format!("uniq: {name}: {}\n", e.message()), 1),
        },
        None => ctx.stdin.to_owned(),
    };
    let fold = parsed.has("ignore-case");
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for line in input.lines() {
        match groups.last_mut() {
            Some((prev, n))
                if *prev == line || (fold && prev.to_lowercase() == line.to_lowercase()) =>
            {
                *n += 1
            }
            _ => groups.push((line, 1)),
        }
    }
    let mut out = String::new();
    for (line, n) in groups {
        if (parsed.has("repeated") && n < 2) || (parsed.has("unique") && n > 1) {
            continue;
        }
        if parsed.has("count") {
            out.push_str(&format!("{n:>7} {line}\n"));
        } else {
            out.push_str(&format!("{line}\n"));
        }
    }
    Output::ok(out)
}

/// Parses a `cut` list such as `1,3-5,7-` into inclusive 1-based ranges.
fn parse_list(list: &str) -> Option<Vec<(usize, usize)>> {
    let mut ranges = Vec::new();
    for piece in list.split(',') {
        let (a, b) = match piece.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = piece.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return None;
        }
        ranges.push((a, b));
    }
    Some(ranges)
}

/// `cut`: selects fields (`-d`, `-f`) or characters (`-c`).
pub(super) fn cut(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match CUT.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (list, fields) = match (
        parsed.value("fields"),
        parsed.value("characters").or(parsed.value("bytes")),
    ) {
        (Some(f), None) => (f, true),
        (None, Some(c)) => (c, false),
        (Some(_), Some(_)) => return CUT.usage("only one type of list may be specified"),
        (None, None) => {
            return CUT.usage("you must specify a list of bytes, characters, or fields");
        }
    };
    let Some(ranges) = parse_list(list) else {
        return CUT.usage(&format!("invalid field value ‘{list}’"));
    };
    let delim = parsed.value("delimiter").unwrap_or("\t");
    let mut chars = delim.chars();
    let delim = match (chars.next(), chars.next()) {
        (Some(d), None) => d,
        _ => return CUT.usage("the delimiter must be a single character"),
    };
    let (text, mut out) = read_inputs("cut", &parsed.operands, ctx);
    let selected = |i: usize| ranges.iter().any(|(a, b)| *a <= i && i <= *b);
    for line in text.lines() {
        if fields {
            if !line.contains(delim) {
                if !parsed.has("only-delimited") {
                    out.stdout.push_str(line);
                    out.stdout.push('\n');
                }
                continue;
            }
            let picked: Vec<&str> = line
                .split(delim)
                .enumerate()
                .filter(|(i, _)| selected(i + 1))
                .map(|(_, f)| f)
                .collect();
            out.stdout.push_str(&picked.join(&delim.to_string()));
        } else {
            let picked: String = line
                .chars()
                .enumerate()
                .filter(|(i, _)| selected(i + 1))
                .map(|(_, c)| c)
                .collect();
            out.stdout.push_str(&picked);
        }
        out.stdout.push('\n');
    }
    out
}

/// Expands a `tr` set: ranges, `[:class:]` and escapes.
fn expand_set(set: &str) -> Vec<char> {
    let mut chars: Vec<char> = Vec::new();
    let src: Vec<char> = set.chars().collect();
    let mut i = 0;
    type Class = (&'static str, fn(char) -> bool);
    let classes: [Class; 7] = [
        ("[:lower:]", |c| c.is_ascii_lowercase()),
        ("[:upper:]", |c| c.is_ascii_uppercase()),
        ("[:digit:]", |c| c.is_ascii_digit()),
        ("[:alpha:]", |c| c.is_ascii_alphabetic()),
        ("[:alnum:]", |c| c.is_ascii_alphanumeric()),
        ("[:space:]", |c| c.is_ascii_whitespace()),
        ("[:punct:]", |c| c.is_ascii_punctuation()),
    ];
    'outer: while i < src.len() {
        let rest: String = src[i..].iter().collect();
        for (name, test) in classes {
            if rest.starts_with(name) {
                chars.extend((0u8..128).map(char::from).filter(|c| test(*c)));
                i += name.len();
                continue 'outer;
            }
        }
        let mut c = src[i];
        i += 1;
        if c == '\\' && i < src.len() {
            c = match src[i] {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' => '\\',
                other => other,
            };
            i += 1;
        }
        if i + 1 < src.len() && src[i] == '-' {
            let end = src[i + 1];
            if end >= c {
                chars.extend((c as u32..=end as u32).filter_map(char::from_u32));
            }
            i += 2;
        } else {
            chars.push(c);
        }
    }
    chars
}

/// `tr`: translates, deletes (`-d`) or squeezes (`-s`) characters from standard input.
pub(super) fn tr(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match TR.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let ops = &parsed.operands;
    let delete = parsed.has("delete");
    let squeeze = parsed.has("squeeze");
    if ops.is_empty() {
        return TR.usage("missing operand");
    }
    if !delete && !squeeze && ops.len() < 2 {
        return TR.usage(&format!(
            "missing operand after ‘{}’\nTwo strings must be given when translating.",
            ops[0]
        ));
    }
    let mut set1 = expand_set(&ops[0]);
    if parsed.has("complement") {
        let keep = set1.clone();
        set1 = (0u8..128)
            .map(char::from)
            .filter(|c| !keep.contains(c))
            .collect();
    }
    let set2 = ops.get(1).map(|s| expand_set(s)).unwrap_or_default();
    let mut out = String::new();
    let mut last: Option<char> = None;
    for c in ctx.stdin.chars() {
        let mapped = if delete {
            if set1.contains(&c) {
                continue;
            }
            c
        } else if !set2.is_empty() {
            match set1.iter().position(|&x| x == c) {
                Some(i) => *set2.get(i).or(set2.last()).unwrap_or(&c),
                None => c,
            }
        } else {
            c
        };
        let squeeze_set = if delete || set2.is_empty() {
            &set1
        } else {
            &set2
        };
        if squeeze && last == Some(mapped) && squeeze_set.contains(&mapped) {
            continue;
        }
        last = Some(mapped);
        out.push(mapped);
    }
    Output::ok(out)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `base64`: encodes (wrapping at 76 columns, `-w0` for none) or decodes (`-d`).
pub(super) fn base64(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match BASE64.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let input = match parsed.operands.first() {
        Some(name) => match read_one(name, ctx) {
            Ok(t) => t,
            Err(e) => return Output::err(format!("base64: {name}: {}\n", e.message()), 1),
        },
        None => ctx.stdin.to_owned(),
    };
    if parsed.has("decode") {
        let mut bytes = Vec::new();
        let mut acc: u32 = 0;
        let mut bits = 0;
        for c in input.bytes() {
            if c == b'=' || c == b'\n' || c == b'\r' {
                continue;
            }
            let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
                if parsed.has("ignore-garbage") {
                    continue;
                }
                return Output {
                    stdout: String::from_utf8_lossy(&bytes).into_owned(),
                    stderr: "base64: invalid input\n".to_owned(),
                    code: 1,
                };
            };
            acc = (acc << 6) | v as u32;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        return Output::ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    let wrap: usize = match parsed.value("wrap") {
        None => 76,
        Some(w) => match w.parse() {
            Ok(w) => w,
            Err(_) => return Output::err(format!("base64: invalid wrap size: ‘{w}’\n"), 1),
        },
    };
    let encoded = crate::b64::encode(&input);
    let mut out = String::new();
    if wrap == 0 {
        out = encoded;
    } else {
        for (i, c) in encoded.chars().enumerate() {
            if i > 0 && i % wrap == 0 {
                out.push('\n');
            }
            out.push(c);
        }
        if !out.is_empty() {
            out.push('\n');
        }
    }
    Output::ok(out)
}

/// `tee`: copies standard input to files and standard output.
pub(super) fn tee(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match TEE.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = Output::ok(ctx.stdin);
    for name in &parsed.operands {
        if name == "/dev/null" {
            continue;
        }
        let path = ctx.resolve(name);
        let result = if parsed.has("append") {
            ctx.fs.append(&path, ctx.stdin)
        } else {
            ctx.fs.write(&path, ctx.stdin)
        };
        match result {
            Ok(()) => ctx.fs.set_mtime(&path, ctx.now),
            Err(e) => {
                out.stderr
                    .push_str(&format!("tee: {name}: {}\n", e.message()));
                out.code = 1;
            }
        }
    }
    out
}

/// `column -t`: aligns whitespace- (or `-s`-) separated columns.
pub(super) fn column(args: &[String], ctx: &mut Ctx) -> Output {
    let parsed = match COLUMN.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (text, mut out) = read_inputs("column", &parsed.operands, ctx);
    if !parsed.has("table") {
        out.stdout = text;
        return out;
    }
    let seps: Vec<char> = parsed
        .value("separator")
        .map(|s| s.chars().collect())
        .unwrap_or_else(|| vec![' ', '\t']);
    let joiner = parsed.value("output-separator").unwrap_or("  ");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(|c| seps.contains(&c))
                .filter(|f| !f.is_empty())
                .collect()
        })
        .collect();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|f| f.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, field) in row.iter().enumerate() {
            line.push_str(field);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - field.chars().count()));
                line.push_str(joiner);
            }
        }
        out.stdout.push_str(&line);
        out.stdout.push('\n');
    }
    out
}
