//! Golden transcripts: the course's common commands run in one fresh session per scenario, compared with files.
//!
//! Each scenario has a hand-written command list, `tests/transcripts/<scenario>.commands` (one input per line;
//! heredocs and unclosed quotes continue on the next lines; `#` lines are comments), and a generated transcript,
//! `tests/transcripts/<scenario>.txt`, holding every command's standard output, standard error and exit code.
//! `UPDATE_TRANSCRIPTS=1 cargo test -p engine --test transcripts` rewrites the transcripts; they are never edited
//! by hand. A command preceded by a `#! known divergence: REASON` line is one whose output we know differs from
//! the real tool; its block in the transcript carries the reason, so a reader of the golden file sees it.
//! Client-side messages are compared with the installed real kubectl by `cli::tests`.

use std::fmt::Write as _;
use std::path::PathBuf;

use engine::session::Session;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v != "0")
}

/// One input of a command list, with the known divergence it is marked with, if any.
struct Case {
    input: String,
    divergence: Option<String>,
}

fn cases(list: &str) -> Vec<Case> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut divergence = None;
    for line in list.lines() {
        if current.is_empty() {
            let trimmed = line.trim();
            if let Some(reason) = trimmed.strip_prefix("#! known divergence:") {
                divergence = Some(reason.trim().to_owned());
                continue;
            }
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
        } else {
            current.push('\n');
        }
        current.push_str(line);
        if !Session::needs_more_input(&current) {
            out.push(Case {
                input: std::mem::take(&mut current),
                divergence: divergence.take(),
            });
        }
    }
    if !current.trim().is_empty() {
        out.push(Case {
            input: current,
            divergence,
        });
    }
    out
}

/// Formats one command's result as a transcript block.
fn block(input: &str, divergence: Option<&str>, stdout: &str, stderr: &str, code: i32) -> String {
    let mut out = String::new();
    if let Some(reason) = divergence {
        writeln!(out, "#! known divergence: {reason}").unwrap();
    }
    for (i, line) in input.lines().enumerate() {
        writeln!(out, "{} {line}", if i == 0 { "$" } else { ">" }).unwrap();
    }
    for line in stdout.lines() {
        writeln!(out, "  {line}").unwrap();
    }
    if !stdout.is_empty() && !stdout.ends_with('\n') {
        writeln!(out, "  (no newline at end of output)").unwrap();
    }
    for line in stderr.lines() {
        writeln!(out, "! {line}").unwrap();
    }
    writeln!(out, "[exit {code}]").unwrap();
    out
}

fn header(scenario: &str) -> String {
    format!(
        "# Golden transcript of the {scenario} scenario, generated from {scenario}.commands by\n\
         # `UPDATE_TRANSCRIPTS=1 cargo test -p engine --test transcripts`; never edit it by hand.\n\
         # `$` starts a command, `>` continues it, two spaces start a line of standard output, `!` one of\n\
         # standard error.\n\n"
    )
}

fn transcript(scenario: &str) -> String {
    let list = std::fs::read_to_string(dir().join(format!("{scenario}.commands")))
        .expect("the command list exists");
    let mut session = Session::new(scenario, 1).expect("the scenario boots");
    let mut out = header(scenario);
    for case in cases(&list) {
        let result = session.exec(&case.input);
        out.push_str(&block(
            &case.input,
            case.divergence.as_deref(),
            &result.stdout,
            &result.stderr,
            result.code,
        ));
        out.push('\n');
    }
    out
}

fn check(scenario: &str) {
    let actual = transcript(scenario);
    let path = dir().join(format!("{scenario}.txt"));
    if updating() {
        std::fs::write(&path, &actual).expect("the transcript is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        let context = |text: &str| {
            text.lines()
                .skip(first.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{} differs from the session's output at line {} (refresh with UPDATE_TRANSCRIPTS=1 if the change is \
             intended)\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            first + 1,
            context(&expected),
            context(&actual)
        );
    }
}

#[test]
fn ocp4_transcript() {
    check("ocp4");
}

#[test]
fn eks_transcript() {
    check("eks");
}

#[test]
fn vanilla_transcript() {
    check("vanilla");
}

#[test]
fn command_lists_split_heredocs_and_marks() {
    let list = "# comment\n#! known divergence: why\nkubectl get pods\ncat <<EOF\na\nEOF\n";
    let parsed = cases(list);
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[0].divergence.as_deref(), Some("why"));
    assert_eq!(parsed[1].input, "cat <<EOF\na\nEOF");
    assert!(parsed[1].divergence.is_none());
}
