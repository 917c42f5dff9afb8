//! Command-line flag definitions for the coreutils-like commands: each flag declared once with its spellings and help, parsed the GNU getopt way.

use crate::exec::Output;

/// One flag: a key, its short and long spellings, whether it takes a value, and a help line.
#[derive(Debug, Clone, Copy)]
pub struct Flag {
    /// The name the command looks the flag up by.
    pub key: &'static str,
    /// The one-letter spelling, as in `-n`.
    pub short: Option<char>,
    /// The long spelling without dashes, as in `--lines`; empty when there is none.
    pub long: &'static str,
    /// Whether the flag takes a value (`-n 5`, `-n5`, `--lines=5`, `--lines 5`).
    pub value: bool,
    /// Whether the long form takes an optional value, only as `--color=auto`.
    pub optional: bool,
    /// A one-line description for `--help`-style listings.
    pub help: &'static str,
}

/// A command's flag table.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The command name used in error messages.
    pub cmd: &'static str,
    /// The flags it accepts.
    pub flags: &'static [Flag],
    /// The exit code for a usage error (2 for ls, grep, sort; 1 for most others).
    pub usage_code: i32,
    /// Whether flag parsing stops at the first operand (as for `xargs` and `watch`).
    pub stop_at_operand: bool,
}

/// The flags and operands found on a command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// Each flag seen, by key, with its value (empty for switches), in order.
    pub flags: Vec<(&'static str, String)>,
    /// The remaining arguments.
    pub operands: Vec<String>,
}

/// Declares a switch.
pub const fn switch(
    key: &'static str,
    short: Option<char>,
    long: &'static str,
    help: &'static str,
) -> Flag {
    Flag {
        key,
        short,
        long,
        value: false,
        optional: false,
        help,
    }
}

/// Declares a long flag whose value is optional and only given inline, as GNU's `--color[=WHEN]`.
pub const fn optional(key: &'static str, long: &'static str, help: &'static str) -> Flag {
    Flag {
        key,
        short: None,
        long,
        value: false,
        optional: true,
        help,
    }
}

/// Declares a flag taking a value.
pub const fn valued(
    key: &'static str,
    short: Option<char>,
    long: &'static str,
    help: &'static str,
) -> Flag {
    Flag {
        key,
        short,
        long,
        value: true,
        optional: false,
        help,
    }
}

impl Args {
    /// Whether the flag `key` was given.
    pub fn has(&self, key: &str) -> bool {
        self.flags.iter().any(|(k, _)| *k == key)
    }

    /// The last value given for `key`.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `key`, in order.
    pub fn values(&self, key: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl Spec {
    /// Parses `args` (without the command name), or returns the usage error GNU tools print.
    pub fn parse(&self, args: &[String]) -> Result<Args, Output> {
        let mut out = Args::default();
        let mut i = 0;
        let mut only_operands = false;
        while i < args.len() {
            let arg = &args[i];
            i += 1;
            if only_operands || arg == "-" || !arg.starts_with('-') {
                out.operands.push(arg.clone());
                if self.stop_at_operand {
                    only_operands = true;
                }
                continue;
            }
            if arg == "--" {
                only_operands = true;
                continue;
            }
            if let Some(long) = arg.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (long, None),
                };
                let exact = self
                    .flags
                    .iter()
                    .find(|f| !f.long.is_empty() && f.long == name);
                let flag = match exact {
                    Some(f) => *f,
                    None => {
                        let matches: Vec<&Flag> = self
                            .flags
                            .iter()
                            .filter(|f| !f.long.is_empty() && f.long.starts_with(name))
                            .collect();
                        match matches.as_slice() {
                            [f] => **f,
                            [] => {
                                return Err(self.usage(&format!("unrecognized option '--{name}'")));
                            }
                            _ => return Err(self.usage(&format!("option '--{name}' is ambiguous"))),
                        }
                    }
                };
                if flag.value {
                    let value = match inline {
                        Some(v) => v,
                        None if i < args.len() => {
                            i += 1;
                            args[i - 1].clone()
                        }
                        None => {
                            return Err(self
                                .usage(&format!("option '--{}' requires an argument", flag.long)));
                        }
                    };
                    out.flags.push((flag.key, value));
                } else if flag.optional {
                    out.flags.push((flag.key, inline.unwrap_or_default()));
                    continue;
                } else if inline.is_some() {
                    return Err(self.usage(&format!(
                        "option '--{}' doesn't allow an argument",
                        flag.long
                    )));
                } else {
                    out.flags.push((flag.key, String::new()));
                }
                continue;
            }
            let chars: Vec<char> = arg.chars().skip(1).collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let Some(flag) = self.flags.iter().find(|f| f.short == Some(c)) else {
                    return Err(self.usage(&format!("invalid option -- '{c}'")));
                };
                if flag.value {
                    let value = if j < chars.len() {
                        let v: String = chars[j..].iter().collect();
                        j = chars.len();
                        v
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(self.usage(&format!("option requires an argument -- '{c}'")));
                    };
                    out.flags.push((flag.key, value));
                } else {
                    out.flags.push((flag.key, String::new()));
                }
            }
        }
        Ok(out)
    }

    /// A usage error: the message, GNU's hint line and the command's usage exit code.
    pub fn usage(&self, message: &str) -> Output {
        Output::err(
            format!(
                "{cmd}: {message}\nTry '{cmd} --help' for more information.\n",
                cmd = self.cmd
            ),
            self.usage_code,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every flag of every command is recognised in each of its spellings.
    #[test]
    fn every_spelling_of_every_flag_parses() {
        let mut checked = 0;
        for spec in super::super::all_specs() {
            for flag in spec.flags {
                let mut spellings: Vec<Vec<String>> = Vec::new();
                let value = || "3".to_owned();
                if let Some(c) = flag.short {
                    if flag.value {
                        spellings.push(vec![format!("-{c}"), value()]);
                        spellings.push(vec![format!("-{c}{}", value())]);
                    } else {
                        spellings.push(vec![format!("-{c}")]);
                    }
                }
                if !flag.long.is_empty() {
                    if flag.value {
                        spellings.push(vec![format!("--{}", flag.long), value()]);
                        spellings.push(vec![format!("--{}={}", flag.long, value())]);
                    } else if flag.optional {
                        spellings.push(vec![format!("--{}", flag.long)]);
                        spellings.push(vec![format!("--{}={}", flag.long, value())]);
                    } else {
                        spellings.push(vec![format!("--{}", flag.long)]);
                    }
                }
                assert!(
                    !spellings.is_empty(),
                    "{}: flag {} has no spelling",
                    spec.cmd,
                    flag.key
                );
                for args in spellings {
                    let parsed = spec
                        .parse(&args)
                        .unwrap_or_else(|e| panic!("{} {args:?}: {e:?}", spec.cmd));
                    assert!(parsed.has(flag.key), "{} {args:?}", spec.cmd);
                    if flag.value || (flag.optional && args[0].contains('=')) {
                        assert_eq!(parsed.value(flag.key), Some("3"), "{} {args:?}", spec.cmd);
                    }
                    assert!(parsed.operands.is_empty(), "{} {args:?}", spec.cmd);
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "only {checked} spellings checked");
    }

    #[test]
    fn clusters_permutation_and_errors() {
        const SPEC: Spec = Spec {
            cmd: "demo",
            flags: &[
                switch("all", Some('a'), "all", "all"),
                switch("long", Some('l'), "", "long"),
                valued("lines", Some('n'), "lines", "lines"),
            ],
            usage_code: 2,
            stop_at_operand: false,
        };
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let parsed = SPEC
            .parse(&args(&["x", "-la", "--lin=4", "--", "-y"]))
            .unwrap();
        assert!(parsed.has("all") && parsed.has("long"));
        assert_eq!(parsed.value("lines"), Some("4"));
        assert_eq!(parsed.operands, vec!["x", "-y"]);
        assert_eq!(
            SPEC.parse(&args(&["-z"])).unwrap_err(),
            Output::err(
                "demo: invalid option -- 'z'\nTry 'demo --help' for more information.\n",
                2
            )
        );
        assert_eq!(
            SPEC.parse(&args(&["--nope"])).unwrap_err().stderr,
            "demo: unrecognized option '--nope'\nTry 'demo --help' for more information.\n"
        );
        assert_eq!(
            SPEC.parse(&args(&["-n"])).unwrap_err().stderr,
            "demo: option requires an argument -- 'n'\nTry 'demo --help' for more information.\n"
        );
    }
}
