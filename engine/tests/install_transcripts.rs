//! Golden transcripts of whole installs typed into a session: each `tests/transcripts/install/NAME.sh` is run line by
//! line (heredocs joined) and must print exactly `NAME.golden`. Refresh with `UPDATE_TRANSCRIPTS=1`; never edit a
//! golden by hand.
//!
//! Lines starting with `#@` are actions of the Install tab rather than typed commands: `#@ fault KIND [MACHINE]`
//! injects one of the simulator's faults, `#@ step` steps the bootstrap to its next stage,
//! `#@ reboot` powers every machine on again, `#@ back` steps back, and
//! `#@ approve` approves every pending CSR. Other lines starting with `#` are comments copied into the golden.

use engine::sort::SortShared;
use std::path::{Path, PathBuf};

use engine::install::Fault;
use engine::session::Session;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/transcripts/install")
}

fn ui_action(session: &mut Session, words: &[&str]) -> String {
    match words {
        ["fault", kind, rest @ ..] => {
            let fault = match *kind {
                "missing-api-int" => Fault::MissingApiIntDns,
                "wrong-dhcp-mac" => Fault::WrongDhcpMac {
                    machine: rest.first().copied().unwrap_or("master1").to_owned(),
                },
                "haproxy-missing-22623" => Fault::HaproxyMissing22623,
                "expired-ignition" => Fault::ExpiredIgnition,
                "too-few-masters" => Fault::TooFewMasters,
                other => panic!("unknown fault {other}"),
            };
            match session
                .installer
                .inject_fault(&fault, &mut session.shell.fs)
            {
                Ok(what) => format!("{what}\n"),
                Err(e) => format!("error: {e}\n"),
            }
        }
        ["step"] => {
            let moved = session.installer.step_forward();
            session.adopt_finished_install();
            format!(
                "step forward: {moved}, stage {:?}\n",
                session.installer.current_stage()
            )
        }
        ["reboot"] => {
            let now = session.installer.now();
            session.installer.boot_machines(now);
            "powered on every machine again (PXE)\n".to_owned()
        }
        ["back"] => {
            let moved = session.installer.step_back();
            format!(
                "step back: {moved}, stage {:?}\n",
                session.installer.current_stage()
            )
        }
        ["approve"] => {
            let mut out = String::new();
            for csr in session.installer.pending_csrs() {
                match session.installer.approve_csr(&csr.name) {
                    Ok(line) => out.push_str(&format!("{line}\n")),
                    Err(e) => out.push_str(&format!("{e}\n")),
                }
            }
            out
        }
        other => panic!("unknown action {other:?}"),
    }
}

/// Runs one script and returns its transcript.
fn run_script(script: &str) -> String {
    let mut session = Session::new("ocp4", 1).unwrap();
    let mut out = String::new();
    let mut pending = String::new();
    for line in script.lines() {
        if pending.is_empty() {
            if let Some(action) = line.strip_prefix("#@") {
                let words: Vec<&str> = action.split_whitespace().collect();
                out.push_str(&format!("#@ {}\n", words.join(" ")));
                out.push_str(&ui_action(&mut session, &words));
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        }
        if !pending.is_empty() {
            pending.push('\n');
        }
        pending.push_str(line);
        if Session::needs_more_input(&pending) {
            continue;
        }
        let input = std::mem::take(&mut pending);
        let prompt = session.prompt();
        let result = session.exec(&input);
        out.push_str(&format!(
            "{prompt}{input}\n{}{}",
            result.stdout, result.stderr
        ));
        if result.code != 0 {
            out.push_str(&format!("[exit {}]\n", result.code));
        }
    }
    assert!(pending.is_empty(), "unfinished input at the end: {pending}");
    out
}

#[test]
fn install_transcripts_match_their_goldens() {
    let update = std::env::var_os("UPDATE_TRANSCRIPTS").is_some();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    scripts.sort_shared();
    assert!(!scripts.is_empty(), "no transcripts in {}", dir().display());
    let mut stale = Vec::new();
    for script in scripts {
        let actual = run_script(&std::fs::read_to_string(&script).unwrap());
        let golden = script.with_extension("golden");
        if update {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != actual {
            let first = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            stale.push(format!(
                "{}: differs from line {} (expected {:?}, got {:?})",
                golden.display(),
                first + 1,
                expected.lines().nth(first),
                actual.lines().nth(first)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "transcripts differ (refresh with UPDATE_TRANSCRIPTS=1 if the change is intended):\n{}",
        stale.join("\n")
    );
}
