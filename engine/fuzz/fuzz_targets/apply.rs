//! Feeds arbitrary text to `kubectl apply -f -` and `kubectl create -f -` on a small cluster: nothing may panic,
//! and a failed apply must leave the cluster answering.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BASE: OnceLock<engine::session::Session> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let base = BASE.get_or_init(|| engine::session::Session::new("vanilla", 1).expect("scenario"));
    let mut session = engine::session::Session::load(&base.save()).expect("replay");
    let heredoc = format!("cat <<'BASTION_EOF' | kubectl apply -f -\n{text}\nBASTION_EOF");
    let _ = session.exec(&heredoc);
    let _ = session.exec(&heredoc.replace("apply", "create"));
    let out = session.exec("kubectl get ns default -o name");
    assert_eq!(out.stdout, "namespace/default\n", "the cluster still answers after bad input");
});
