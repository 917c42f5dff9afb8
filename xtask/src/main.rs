//! Bastion's automation tasks, run as `cargo xtask <task>`: setup, serve, test, dist and bench.

// The shared sort of engine::sort keeps the wasm small; this native tool has no such need.
#![allow(clippy::disallowed_methods)]

mod pwa;
mod sizes;
mod tools;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use tools::ToolEnv;

/// The error type of every task: a message for the user.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  serve   install what is missing, build and serve the app on http://127.0.0.1:8080 with live reload
  test    install what is missing and run every test (fmt, clippy, native tests, openapi, labs, release build, browser tests)
  dist    release build into dist/ (relative URLs, works from any sub-path) and print file sizes
  bench   run the engine benchmarks and the browser cold-load benchmark
  setup   only install the tool chain (trunk, wasm-bindgen, wasm-opt, workbox-build, kubernetes-validate, Chromium, npm test dependencies)
  pwa DIR generate the offline service worker over an existing build in DIR (dist does this itself)
  icons   render static/icons/*.png from their SVG sources (needs rsvg-convert)";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or_default();
    let result = match task {
        "serve" => serve(rest),
        "test" => return test(),
        "dist" => dist().map(|_| ()),
        "bench" => bench(),
        "setup" => setup(),
        "pwa" => pwa_task(rest),
        "icons" => pwa::render_icons(),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "" => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        other => {
            eprintln!("xtask: unknown task `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

/// Runs a command to completion with inherited output, failing on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = describe(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    let mut text = program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy()
        .into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

fn cargo() -> Command {
    let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(workspace_root());
    cmd
}

fn trunk(env: &ToolEnv) -> Command {
    let mut cmd = Command::new("trunk");
    env.apply(&mut cmd);
    cmd.current_dir(workspace_root());
    cmd
}

fn setup() -> Result<()> {
    tools::ensure_build_tools()?;
    tools::ensure_kubernetes_validate()?;
    tools::ensure_browser_tools()?;
    eprintln!("xtask setup: tool chain ready");
    Ok(())
}

fn serve(extra: &[String]) -> Result<()> {
    let env = tools::ensure_build_tools()?;
    eprintln!("xtask serve: http://127.0.0.1:8080/ (live reload; Ctrl-C stops)");
    run(trunk(&env).arg("serve").args(extra))
}

/// Builds the release app into `dist/` with relative URLs and returns the folder.
fn build_dist(env: &ToolEnv) -> Result<PathBuf> {
    let dist = workspace_root().join("dist");
    run(trunk(env)
        .args(["build", "--release", "--public-url", "./", "--dist"])
        .arg(&dist))?;
    let precache = pwa::generate_service_worker(&dist)?;
    pwa::print_summary(&dist, precache);
    Ok(dist)
}

/// Generates the service worker over a build made elsewhere, such as a debug build for browser iteration.
fn pwa_task(args: &[String]) -> Result<()> {
    let [dir] = args else {
        return Err("usage: cargo xtask pwa DIR".into());
    };
    let dist = PathBuf::from(dir);
    let precache = pwa::generate_service_worker(&dist)?;
    pwa::print_summary(&dist, precache);
    Ok(())
}

fn dist() -> Result<PathBuf> {
    let env = tools::ensure_build_tools()?;
    let dist = build_dist(&env)?;
    sizes::print_report(&dist)?;
    Ok(dist)
}

/// One step of `cargo xtask test`.
struct Step {
    name: &'static str,
    outcome: Outcome,
    seconds: f64,
}

enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

fn test() -> ExitCode {
    let started = Instant::now();
    let mut steps: Vec<Step> = Vec::new();
    let mut record = |name: &'static str, f: &mut dyn FnMut() -> Result<Option<String>>| -> bool {
        eprintln!("\n==> xtask test: {name}");
        let t = Instant::now();
        let outcome = match f() {
            Ok(None) => Outcome::Passed,
            Ok(Some(reason)) => Outcome::Skipped(reason),
            Err(message) => Outcome::Failed(message),
        };
        let passed = !matches!(outcome, Outcome::Failed(_));
        if let Outcome::Failed(message) = &outcome {
            eprintln!("xtask test: {name} failed: {message}");
        }
        steps.push(Step {
            name,
            outcome,
            seconds: t.elapsed().as_secs_f64(),
        });
        passed
    };

    let mut env = None;
    let mut browser_ready = false;
    record("tools", &mut || {
        env = Some(tools::ensure_build_tools()?);
        tools::ensure_browser_tools()?;
        browser_ready = true;
        Ok(None)
    });
    record("fmt", &mut || {
        run(cargo().args(["fmt", "--all", "--check"])).map(|_| None)
    });
    record("clippy", &mut || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--exclude",
            "app",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        run(cargo().args([
            "clippy",
            "-p",
            "app",
            "--all-targets",
            "--target",
            tools::WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ]))?;
        Ok(None)
    });
    record("native tests", &mut || {
        run(cargo().args(["test", "--workspace", "--exclude", "app"]))?;
        // The app's own unit tests (its state, scrollback, models and parsers) run natively too.
        run(cargo().args(["test", "-p", "app"])).map(|_| None)
    });
    record("openapi", &mut || {
        // Objects printed by `kubectl get -o json|yaml` against the upstream OpenAPI schemas (engine/tests/openapi.rs).
        let package = tools::ensure_kubernetes_validate()?;
        run(cargo()
            .args([
                "test",
                "-p",
                "engine",
                "--test",
                "openapi",
                "--",
                "--ignored",
            ])
            .env("KUBERNETES_VALIDATE", package))
        .map(|_| None)
    });
    record("labs", &mut check_labs);
    let built = record("release build", &mut || {
        let env = env.as_ref().ok_or("the build tools are not installed")?;
        build_dist(env).map(|_| None)
    });
    record("browser tests", &mut || match (built, browser_ready) {
        (true, true) => run_e2e(&workspace_root().join("dist")).map(|_| None),
        (false, _) => Err("not run: the release build failed".into()),
        (true, false) => Err("not run: Chromium or the npm test dependencies are missing".into()),
    });

    eprintln!();
    for step in &steps {
        let (mark, note) = match &step.outcome {
            Outcome::Passed => ("ok  ", String::new()),
            Outcome::Failed(message) => ("FAIL", format!(" — {message}")),
            Outcome::Skipped(reason) => ("skip", format!(" — {reason}")),
        };
        eprintln!("  {mark} {:<14} {:>6.1}s{note}", step.name, step.seconds);
    }
    let count = |f: fn(&Outcome) -> bool| steps.iter().filter(|s| f(&s.outcome)).count();
    let passed = count(|o| matches!(o, Outcome::Passed));
    let failed = count(|o| matches!(o, Outcome::Failed(_)));
    let skipped = count(|o| matches!(o, Outcome::Skipped(_)));
    let skipped = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    println!(
        "xtask test: {passed} passed, {failed} failed{skipped} in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Lab files (`*.yaml`) under `lessons/labs/`, sorted.
fn labs() -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(workspace_root().join("lessons").join("labs")) else {
        return Vec::new();
    };
    let mut labs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    labs.sort();
    labs
}

/// Runs `bastion check` on every lab; a skip reason when there are none.
fn check_labs() -> Result<Option<String>> {
    let labs = labs();
    if labs.is_empty() {
        return Ok(Some("no labs in lessons/labs/".into()));
    }
    let mut failures = Vec::new();
    for lab in &labs {
        let status = run(cargo()
            .args([
                "run", "--quiet", "-p", "engine", "--bin", "bastion", "--", "check",
            ])
            .arg(lab));
        if let Err(message) = status {
            failures.push(message);
        }
    }
    if failures.is_empty() {
        Ok(None)
    } else {
        Err(format!("{} of {} labs failed", failures.len(), labs.len()))
    }
}

/// Runs the browser end-to-end tests (node's test runner) against the release build in `dist`.
fn run_e2e(dist: &Path) -> Result<()> {
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .env("BASTION_DIST", dist)
        .env("BASTION_CHROMIUM", tools::CHROMIUM)
        .current_dir(tools::e2e_dir()))
}

/// The cargo profile the native benchmarks are built with: optimised for speed (the release profile is tuned for
/// wasm size), and shared by `cargo bench` and the `bastion bench` runs so that one build serves both.
const BENCH_PROFILE: &str = "bench";

fn bench() -> Result<()> {
    let benches = workspace_root().join("engine").join("benches");
    let has_benches = fs::read_dir(&benches).is_ok_and(|mut d| d.next().is_some());
    if has_benches {
        eprintln!("\n==> xtask bench: engine (cargo bench -p engine)");
        run(cargo().args(["bench", "-p", "engine"]))?;
    } else {
        eprintln!("xtask bench: engine has no benches/ yet; skipping cargo bench");
    }
    for (name, args) in bastion_benches()? {
        eprintln!("\n==> xtask bench: bastion {}", args.join(" "));
        let mut cmd = cargo();
        cmd.args([
            "run",
            "--quiet",
            "--profile",
            BENCH_PROFILE,
            "-p",
            "engine",
            "--bin",
            "bastion",
            "--",
        ]);
        run(cmd.args(&args)).map_err(|e| format!("{name}: {e}"))?;
    }
    tools::ensure_browser_tools()?;
    eprintln!("\n==> xtask bench: release build");
    let dist = dist()?;
    eprintln!("\n==> xtask bench: browser cold load");
    run(Command::new("node")
        .arg("bench.mjs")
        .env("BASTION_DIST", &dist)
        .env("BASTION_CHROMIUM", tools::CHROMIUM)
        .current_dir(tools::e2e_dir()))
}

/// The headless benchmarks the `bastion` binary offers, as (name, arguments), read from its usage text.
///
/// Only benchmarks the binary actually lists are run, so nothing is faked while they are being built.
fn bastion_benches() -> Result<Vec<(String, Vec<String>)>> {
    let output = cargo()
        .args([
            "run",
            "--quiet",
            "--profile",
            BENCH_PROFILE,
            "-p",
            "engine",
            "--bin",
            "bastion",
            "--",
            "help",
        ])
        .output()
        .map_err(|e| format!("cannot run bastion help: {e}"))?;
    let usage = String::from_utf8_lossy(&output.stdout);
    let benches = bench_commands(&usage);
    if benches.is_empty() {
        eprintln!("xtask bench: `bastion help` lists no bench commands yet; skipping");
    }
    Ok(benches)
}

/// The `bench <name>` commands listed in a `bastion help` usage text, run with their default flags.
fn bench_commands(usage: &str) -> Vec<(String, Vec<String>)> {
    usage
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("bench")).then_some(())?;
            let name = words.next()?.to_owned();
            Some((format!("bench {name}"), vec!["bench".to_owned(), name]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_commands_come_from_the_usage_text() {
        let usage = "usage: bastion <command>\n\nCommands:\n  bench scale [--nodes N] [--pods M]   simulate\n  version      print the version\n";
        let benches = bench_commands(usage);
        assert_eq!(
            benches,
            [(
                "bench scale".to_owned(),
                vec!["bench".to_owned(), "scale".to_owned()]
            )]
        );
        assert!(bench_commands("Bastion 0.1.0\n").is_empty());
    }
}
