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
  bench scale [--nodes N] [--pods M]   simulate N nodes and M pods until every pod is Running; prints one JSON line
  version                              print the version
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
    let (cluster, run) = engine::bench::scale(nodes, pods);
    let seconds = cpu_seconds() - cpu_before;
    let wall = wall.elapsed().as_secs_f64();
    let heap = LIVE.load(Ordering::Relaxed) - heap_before;
    let per_pod = heap.checked_div(pods).unwrap_or(0);
    println!(
        "{{\"nodes\":{nodes},\"pods\":{pods},\"ready\":{},\"seconds\":{seconds:.3},\"wall_seconds\":{wall:.3},\"pods_per_second\":{:.0},\"heap_bytes\":{heap},\"heap_bytes_per_pod\":{per_pod},\"virtual_seconds\":{:.1}}}",
        run.ready,
        pods as f64 / seconds.max(wall.min(seconds + 0.001)).max(0.001),
        run.virtual_ms as f64 / 1000.0
    );
    drop(cluster);
    if run.ready < pods {
        return Err(format!(
            "bastion: only {} of {pods} pods became ready",
            run.ready
        ));
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
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
