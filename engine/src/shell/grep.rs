//! `grep` over standard input and virtual files, with GNU grep's options, context output and exit codes.

use regex_lite::{Regex, RegexBuilder};

use super::files::read_one;
use super::flags::{Spec, optional, switch, valued};
use crate::exec::{Ctx, Output};

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[&GREP];

const GREP: Spec = Spec {
    cmd: "grep",
    flags: &[
        switch(
            "ignore-case",
            Some('i'),
            "ignore-case",
            "ignore case distinctions in patterns and data",
        ),
        switch(
            "invert",
            Some('v'),
            "invert-match",
            "select non-matching lines",
        ),
        switch(
            "count",
            Some('c'),
            "count",
            "print only a count of selected lines per FILE",
        ),
        switch(
            "extended",
            Some('E'),
            "extended-regexp",
            "PATTERNS are extended regular expressions",
        ),
        switch("fixed", Some('F'), "fixed-strings", "PATTERNS are strings"),
        switch("word", Some('w'), "word-regexp", "match only whole words"),
        switch("line", Some('x'), "line-regexp", "match only whole lines"),
        switch(
            "number",
            Some('n'),
            "line-number",
            "print line number with output lines",
        ),
        switch(
            "only",
            Some('o'),
            "only-matching",
            "show only nonempty parts of lines that match",
        ),
        switch("quiet", Some('q'), "quiet", "suppress all normal output"),
        switch(
            "silent",
            Some('s'),
            "no-messages",
            "suppress error messages",
        ),
        switch(
            "files",
            Some('l'),
            "files-with-matches",
            "print only names of FILEs with selected lines",
        ),
        switch(
            "with-name",
            Some('H'),
            "with-filename",
            "print file name with output lines",
        ),
        switch(
            "no-name",
            Some('h'),
            "no-filename",
            "suppress the file name prefix on output",
        ),
        valued(
            "after",
            Some('A'),
            "after-context",
            "print NUM lines of trailing context",
        ),
        valued(
            "before",
            Some('B'),
            "before-context",
            "print NUM lines of leading context",
        ),
        valued(
            "context",
            Some('C'),
            "context",
            "print NUM lines of output context",
        ),
        valued("regexp", Some('e'), "regexp", "use PATTERNS for matching"),
        valued(
            "max-count",
            Some('m'),
            "max-count",
            "stop after NUM selected lines",
        ),
        optional(
            "color",
            "color",
            "colorize the output (ignored: no colours)",
        ),
    ],
    usage_code: 2,
    stop_at_operand: false,
};

/// `grep` (and `egrep` with `extended`): prints matching lines; exit 1 when nothing matched, 2 on errors.
pub(super) fn grep(args: &[String], ctx: &mut Ctx, extended: bool) -> Output {
    let parsed = match GREP.parse(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut operands = parsed.operands.clone();
    let patterns: Vec<String> = if parsed.has("regexp") {
        parsed
            .values("regexp")
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else if operands.is_empty() {
        return Output::err(
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
            2,
        );
    } else {
        operands.remove(0).split('\n').map(str::to_owned).collect()
    };
    let extended = extended || parsed.has("extended");
    let mut sources: Vec<String> = patterns
        .iter()
        .map(|p| {
            if parsed.has("fixed") {
                regex_lite::escape(p)
            } else if extended {
                p.clone()
            } else {
                basic_to_extended(p)
            }
        })
        .collect();
    if parsed.has("word") {
        sources = sources
            .into_iter()
            .map(|s| format!(r"(?:^|\b)(?:{s})(?:\b|$)"))
            .collect();
    }
    if parsed.has("line") {
        sources = sources.into_iter().map(|s| format!("^(?:{s})$")).collect();
    }
    let source = sources
        .iter()
        .map(|s| format!("(?:{s})"))
        .collect::<Vec<_>>()
        .join("|");
    let re = match RegexBuilder::new(&source)
        .case_insensitive(parsed.has("ignore-case"))
        .size_limit(1 << 22)
        .build()
    {
        Ok(re) => re,
        Err(_) => return Output::err(format!("grep: {}\n", regex_error(&patterns.join("\n"))), 2),
    };
    let number = |key: &str| -> Result<usize, Output> {
        match parsed.value(key) {
            None => Ok(0),
            Some(v) => v.parse().map_err(|_| {
                Output::err(format!("grep: {v}: invalid context length argument\n"), 2)
            }),
        }
    };
    let max_count = match parsed.value("max-count").map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => return Output::err("grep: invalid max count\n", 2),
    };
    let context = match number("context") {
        Ok(n) => n,
        Err(e) => return e,
    };
    let (after, before) = match (number("after"), number("before")) {
        (Ok(a), Ok(b)) => (
            if parsed.has("after") { a } else { context },
            if parsed.has("before") { b } else { context },
        ),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let names: Vec<String> = if operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        operands.clone()
    };
    let with_names = (names.len() > 1 || parsed.has("with-name")) && !parsed.has("no-name");
    let mut out = Output::default();
    let mut any = false;
    let mut error = false;
    for name in &names {
        let text = match read_one(name, ctx) {
            Ok(t) => t,
            Err(e) => {
                if !parsed.has("silent") {
                    out.stderr
                        .push_str(&format!("grep: {name}: {}\n", e.message()));
                }
                error = true;
                continue;
            }
        };
        let shown = if name == "-" {
            "(standard input)"
        } else {
            name.as_str()
        };
        let found = search(
            &text,
            &re,
            &parsed,
            with_names.then_some(shown),
            (after, before),
            max_count,
        );
        if found.count > 0 {
            any = true;
        }
        if parsed.has("quiet") {
            if any {
                return Output::default();
            }
            continue;
        }
        if parsed.has("files") {
            if found.count > 0 {
                out.stdout.push_str(&format!("{shown}\n"));
            }
        } else if parsed.has("count") {
            if with_names {
                out.stdout.push_str(&format!("{shown}:{}\n", found.count));
            } else {
                out.stdout.push_str(&format!("{}\n", found.count));
            }
        } else {
            out.stdout.push_str(&found.text);
        }
    }
    out.code = if error && !(parsed.has("quiet") && any) {
        2
    } else if any {
        0
    } else {
        1
    };
    out
}

struct Found {
    count: usize,
    text: String,
}

fn search(
    text: &str,
    re: &Regex,
    parsed: &super::flags::Args,
    name: Option<&str>,
    (after, before): (usize, usize),
    max_count: Option<usize>,
) -> Found {
    let invert = parsed.has("invert");
    let mut lines: Vec<&str> = text.lines().collect();
    let mut selected: Vec<bool> = lines.iter().map(|l| re.is_match(l) != invert).collect();
    // With -m, reading stops at the NUM-th selected line; only its trailing context is still printed.
    if let Some(max) = max_count {
        let stop = if max == 0 {
            Some(0)
        } else {
            selected
                .iter()
                .enumerate()
                .filter(|(_, s)| **s)
                .nth(max - 1)
                .map(|(i, _)| i + 1)
        };
        if let Some(stop) = stop {
            let end = (stop + after).min(lines.len());
            lines.truncate(end);
            selected.truncate(end);
            for s in selected.iter_mut().skip(stop) {
                *s = false;
            }
        }
    }
    let count = selected.iter().filter(|s| **s).count();
    let mut out = String::new();
    let prefix = |i: usize, sep: char| -> String {
        let mut p = String::new();
        if let Some(name) = name {
            p.push_str(name);
            p.push(sep);
        }
        if parsed.has("number") {
            p.push_str(&format!("{}{sep}", i + 1));
        }
        p
    };
    let mut last_printed: Option<usize> = None;
    let mut after_left = 0;
    for (i, line) in lines.iter().enumerate() {
        if selected[i] {
            let start = i.saturating_sub(before);
            if (after > 0 || before > 0)
                && let Some(last) = last_printed
                && start > last + 1
            {
                out.push_str("--\n");
            }
            if (after > 0 || before > 0) && last_printed.is_none() && start > 0 {
                // No separator before the first group.
            }
            let from = last_printed.map_or(start, |l| start.max(l + 1));
            for (j, context_line) in lines.iter().enumerate().take(i).skip(from) {
                out.push_str(&format!("{}{context_line}\n", prefix(j, '-')));
            }
            if parsed.has("only") && !invert {
                for m in re.find_iter(line) {
                    if !m.as_str().is_empty() {
                        out.push_str(&format!("{}{}\n", prefix(i, ':'), m.as_str()));
                    }
                }
            } else {
                out.push_str(&format!("{}{line}\n", prefix(i, ':')));
            }
            last_printed = Some(i);
            after_left = after;
        } else if after_left > 0 {
            out.push_str(&format!("{}{line}\n", prefix(i, '-')));
            last_printed = Some(i);
            after_left -= 1;
        }
    }
    Found { count, text: out }
}

/// Converts a POSIX basic regular expression to the `regex` crate's (extended) syntax.
fn basic_to_extended(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('(' | ')' | '|' | '{' | '}' | '+' | '?')) => out.push(e),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push_str("\\\\"),
            },
            '+' | '?' | '|' | '(' | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '*' if at_start => out.push_str("\\*"),
            _ => out.push(c),
        }
        at_start = c == '^' && out.len() == 1;
    }
    out
}

fn regex_error(pattern: &str) -> &'static str {
    let opens = pattern.matches('(').count();
    let closes = pattern.matches(')').count();
    if pattern.matches('[').count() > pattern.matches(']').count() {
        "Unmatched [, [^, [:, [., or [="
    } else if opens > closes {
        "Unmatched ( or \\("
    } else if closes > opens {
        "Unmatched ) or \\)"
    } else {
        "Invalid regular expression"
    }
}
