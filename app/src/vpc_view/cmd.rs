//! Commands the builder runs: argument vectors, their shell-quoted lines, and a preview on a copy of the account.

use engine::session::Session;

/// Quotes one argument for the shell when it needs it (single quotes, as a learner would type).
pub fn quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=@,+-%".contains(c));
    if plain {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The command line a learner would type for `argv`.
pub fn line(argv: &[String]) -> String {
    argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
}

/// Builds an argument vector from string slices.
pub fn argv(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

/// The `--tag-specifications` value that names a new resource, or nothing when the name is blank.
pub fn name_tag(resource_type: &str, name: &str) -> Vec<String> {
    let name = name.trim();
    if name.is_empty() {
        return vec![];
    }
    vec![
        "--tag-specifications".to_owned(),
        format!("ResourceType={resource_type},Tags=[{{Key=Name,Value={name}}}]"),
    ]
}

/// Runs `argv` on a copy of the session's AWS account: `Ok` with its output, or `Err` with EC2's error message.
pub fn preview(session: &Session, argv: &[String]) -> Result<String, String> {
    let out = session.aws.preview(argv);
    if out.code == 0 {
        Ok(out.stdout)
    } else {
        let text = if out.stderr.trim().is_empty() {
            out.stdout
        } else {
            out.stderr
        };
        Err(text.trim().to_owned())
    }
}
