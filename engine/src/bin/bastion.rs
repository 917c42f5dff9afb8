//! The `bastion` command: runs Bastion sessions headlessly for instructors, tests and benchmarks.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live heap bytes so benchmarks can report memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// CPU time used by this process so far, in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the full line, 12 and 13 after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

const USAGE: &str = "usage: bastion <command>

Commands:
  shell [--scenario S] [--seed N]              an interactive terminal on a fresh session
  run [--json] [--scenario S] [--seed N] FILE  run each command of FILE (or - for stdin) in one session; print a transcript
  check LAB                                    run a lab's reference solution and verify every check (LAB: a file or an id in lessons/labs/)
  bench scale [--nodes N] [--pods M]           simulate N nodes and M pods until every pod is Running; prints one JSON line
  version                                      print the version

Scenarios: ocp4 (default), eks, vanilla.
";

fn flag(args: &[String], name: &str, default: usize) -> Result<usize, String> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("bastion: {name} needs a whole number")),
        None => Ok(default),
    }
}

fn bench_scale(args: &[String]) -> Result<(), String> {
    let nodes = flag(args, "--nodes", 5000)?;
    let pods = flag(args, "--pods", 150_000)?;
    let heap_before = LIVE.load(Ordering::Relaxed);
    let cpu_before = cpu_seconds();
    let wall = std::time::Instant::now();
    let (mut cluster, run) = engine::bench::scale(nodes, pods);
    let seconds = cpu_seconds() - cpu_before;
    let wall = wall.elapsed().as_secs_f64();
    let heap = LIVE.load(Ordering::Relaxed) - heap_before;
    let per_pod = heap.checked_div(pods).unwrap_or(0);
    let reconciles = cluster.reconciles;
    // A step with nothing to do must cost nothing: report the reconciles a virtual minute at rest runs.
    let idle = engine::bench::step(&mut cluster, 60_000);
    println!(
        "{{\"nodes\":{nodes},\"pods\":{pods},\"ready\":{},\"seconds\":{seconds:.3},\"wall_seconds\":{wall:.3},\"pods_per_second\":{:.0},\"heap_bytes\":{heap},\"heap_bytes_per_pod\":{per_pod},\"virtual_seconds\":{:.1},\"idle_step_reconciles\":{},\"reconciles\":{}}}",
        run.ready,
        pods as f64 / seconds.max(wall.min(seconds + 0.001)).max(0.001),
        run.virtual_ms as f64 / 1000.0,
        idle.reconciles,
        reconciles
    );
    if args.iter().any(|a| a == "--breakdown") {
        for (part, bytes) in
            engine::bench::heap_breakdown(cluster, &|| LIVE.load(Ordering::Relaxed))
        {
            eprintln!("{part}: {bytes} ({} per pod)", bytes / pods.max(1));
        }
    } else {
        drop(cluster);
    }
    if run.ready < pods {
        return Err(format!(
            "bastion: only {} of {pods} pods became ready",
            run.ready
        ));
    }
    Ok(())
}

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn session_from(args: &[String]) -> Result<engine::session::Session, String> {
    let scenario = option(args, "--scenario").unwrap_or_else(|| "ocp4".into());
    let seed = match option(args, "--seed") {
        Some(s) => s
            .parse()
            .map_err(|_| format!("bastion: --seed needs a whole number, not \"{s}\""))?,
        None => 1,
    };
    engine::session::Session::new(&scenario, seed).map_err(|e| format!("bastion: {e}"))
}

/// Splits a script into complete inputs: a heredoc or an unclosed quote keeps collecting lines.
fn inputs(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
        if !engine::session::Session::needs_more_input(&current) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

fn run_script(args: &[String]) -> Result<i32, String> {
    let json = args.iter().any(|a| a == "--json");
    let mut skip = false;
    let mut file = None;
    for a in args {
        if skip {
            skip = false;
        } else if a == "--scenario" || a == "--seed" {
            skip = true;
        } else if a != "--json" {
            file = Some(a.clone());
        }
    }
    let file = file.ok_or("bastion: run needs a script file (or - for standard input)")?;
    let script = if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("bastion: {e}"))?;
        text
    } else {
        std::fs::read_to_string(&file).map_err(|e| format!("bastion: {file}: {e}"))?
    };
    let mut session = session_from(args)?;
    let mut last = 0;
    for input in inputs(&script) {
        let prompt = session.prompt();
        let out = session.exec(&input);
        last = out.code;
        if !json {
            println!("{prompt}{input}");
            print_screen(&session, &out);
            if !out.stdout.is_empty() && !out.stdout.ends_with('\n') {
                println!();
            }
        }
    }
    if json {
        println!(
            "{}",
            serde_json::to_string(&session.transcript).map_err(|e| e.to_string())?
        );
    }
    Ok(last)
}

/// Prints what a command line showed, standard output and error in the order they were written.
fn print_screen(session: &engine::session::Session, out: &engine::exec::Output) {
    use std::io::Write;
    for (error, text) in session.screen(out) {
        if error {
            let _ = std::io::stdout().flush();
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    let _ = std::io::stdout().flush();
}

fn shell(args: &[String]) -> Result<(), String> {
    use std::io::{BufRead, Write};
    let mut session = session_from(args)?;
    let stdin = std::io::stdin();
    let mut input = String::new();
    loop {
        let prompt = if input.is_empty() {
            session.prompt()
        } else {
            engine::shell::CONTINUATION_PROMPT.to_owned()
        };
        print!("{prompt}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let mut line = String::new();
        if stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?
            == 0
        {
            println!();
            return Ok(());
        }
        if !input.is_empty() {
            input.push('\n');
        }
        input.push_str(line.trim_end_matches(['\n', '\r']));
        if engine::session::Session::needs_more_input(&input) {
            continue;
        }
        let out = session.exec(&std::mem::take(&mut input));
        print_screen(&session, &out);
        if session.pending_edit.is_some() {
            println!(
                "(no editor in this terminal: pipe the edited object into the edit command instead)"
            );
            session.pending_edit = None;
        }
    }
}

fn check(args: &[String]) -> Result<bool, String> {
    let lab = args
        .first()
        .ok_or("bastion: check needs a lab file or id")?;
    let path = if std::path::Path::new(lab).exists() {
        std::path::PathBuf::from(lab)
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../lessons/labs")
            .join(format!("{lab}.yaml"))
    };
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("bastion: {}: {e}", path.display()))?;
    let lab =
        engine::labs::Lab::parse(&text).map_err(|e| format!("bastion: {}: {e}", path.display()))?;
    let report = engine::labs::check(&lab, 1).map_err(|e| format!("bastion: {}: {e}", lab.id))?;
    println!("lab {}: {}", lab.id, lab.title.en);
    for (title, results) in &report.steps {
        for r in results {
            println!(
                "  {} {title}: {}",
                if r.passed { "ok  " } else { "FAIL" },
                r.detail.en
            );
        }
    }
    for failed in &report.failed_commands {
        println!("  FAIL command {failed}");
    }
    let total: usize = report.steps.iter().map(|(_, r)| r.len()).sum();
    let passed: usize = report
        .steps
        .iter()
        .map(|(_, r)| r.iter().filter(|c| c.passed).count())
        .sum();
    println!(
        "{passed} passed, {} failed",
        total - passed + report.failed_commands.len()
    );
    Ok(report.passed())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => match run_script(&args[1..]) {
            Ok(code) => std::process::exit(code),
            Err(e) => Err(e),
        },
        Some("shell") => shell(&args[1..]),
        Some("check") => match check(&args[1..]) {
            Ok(true) => Ok(()),
            Ok(false) => std::process::exit(1),
            Err(e) => Err(e),
        },
        Some("bench") if args.get(1).map(String::as_str) == Some("scale") => {
            bench_scale(&args[2..])
        }
        Some("version") | Some("--version") => {
            println!("{} {}", engine::PRODUCT, engine::VERSION);
            Ok(())
        }
        Some("help") | Some("--help") | Some("-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("bastion: unknown command \"{other}\"\n{USAGE}")),
    };
    if let Err(message) = result {
        eprintln!("{message}");
        std::process::exit(2);
    }
}
