//! Fuzz target: arbitrary `aws` command lines on the EKS scenario's session (the account linked to the cluster) must
//! never panic, and the session must keep answering afterwards.
#![no_main]

use engine::session::Session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(mut session) = Session::new("eks", 1) else {
        return;
    };
    for line in text.lines().take(6) {
        session.exec(&format!("aws {line}"));
    }
    // Whatever the lines did, the session still runs commands and lets time pass.
    let out = session.exec("kubectl get nodes --no-headers");
    assert_eq!(out.code, 0, "{}", out.stderr);
    session.pass_time(60_000);
});
