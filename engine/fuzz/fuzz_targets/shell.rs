//! Fuzz target: arbitrary UTF-8 through the shell's parser, completion and interpreter must never panic.
#![no_main]

use engine::exec::{Ctx, Output};
use engine::shell::{Frame, FrameKind, Host, Shell, needs_more_input, parse};
use libfuzzer_sys::fuzz_target;

/// A host that answers a few commands and opens nested shells, so frames get exercised too.
struct FuzzHost {
    now: i64,
}

impl Host for FuzzHost {
    fn run(&mut self, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output> {
        match (argv[0].as_str(), &frame.kind) {
            ("oc", FrameKind::Workstation) => match argv.get(1).map(String::as_str) {
                Some("debug") => {
                    ctx.push_frame(Frame::debug_node("n1", "\nRemoving debug pod ...\n"));
                    Some(Output::ok(""))
                }
                Some("rsh") => {
                    ctx.push_frame(Frame::container("ns", "p", "c", "$ ", ""));
                    Some(Output::ok(""))
                }
                _ => Some(Output::ok(format!("{{\"items\":[{{\"n\":{}}}]}}\n", ctx.stdin.len()))),
            },
            ("ssh", _) => {
                ctx.push_frame(Frame::ssh("core", "n1", "Connection to n1 closed.\n"));
                Some(Output::ok(""))
            }
            ("systemctl", FrameKind::NodeRoot { .. }) => Some(Output::ok("active\n")),
            _ => None,
        }
    }

    fn advance(&mut self, ms: u64) {
        self.now = self.now.saturating_add(ms.min(i64::MAX as u64) as i64);
    }

    fn now(&self) -> i64 {
        self.now
    }

    fn command_names(&self, _frame: &Frame) -> Vec<String> {
        vec!["oc".into(), "ssh".into()]
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse(text);
    let _ = needs_more_input(text);
    let mut shell = Shell::new();
    let mut host = FuzzHost { now: 1_700_000_000_000 };
    let _ = shell.complete(text, text.len() / 2, &host);
    // Run the input twice so state left by the first run (frames, files, variables) meets the second.
    let _ = shell.run(text, &mut host);
    let _ = shell.run(text, &mut host);
    let _ = shell.prompt();
});
