//! Every lab in lessons/labs/ parses, and its reference solution passes every check (what `bastion check` does).

use engine::sort::SortShared;
use std::path::Path;

#[test]
fn every_lab_solution_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/labs");
    let mut labs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    labs.sort_shared();
    assert!(labs.len() >= 5, "labs: {labs:?}");
    let mut failures = Vec::new();
    for path in labs {
        let lab = engine::labs::Lab::parse(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            Some(lab.id.as_str()),
            path.file_stem().and_then(|s| s.to_str()),
            "a lab's id is its file name"
        );
        assert!(
            !lab.title.ko.is_empty() && !lab.title.en.is_empty(),
            "{}: title in both languages",
            lab.id
        );
        let report = engine::labs::check(&lab, 1).unwrap();
        if !report.passed() {
            failures.push(format!("{}: {:?}", lab.id, report));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_fresh_lab_session_has_not_done_the_work() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/labs/eks-nginx-loadbalancer.yaml"),
    )
    .unwrap();
    let lab = engine::labs::Lab::parse(&text).unwrap();
    let mut session = lab.start(1).unwrap();
    assert_eq!(
        lab.progress(&mut session),
        0,
        "no step is done before the learner starts"
    );
    session.exec("kubectl create deployment nginx --image=nginx --replicas=2");
    session.pass_time(20_000);
    assert_eq!(
        lab.progress(&mut session),
        1,
        "the first step is done once two replicas are ready"
    );
}
