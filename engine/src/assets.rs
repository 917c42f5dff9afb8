//! The engine's large data files (scenario snapshots and sources, the `oc explain` schemas): compiled into the
//! library with the `bundled-data` feature (the `bastion` binary and the tests), otherwise supplied at run time by
//! the front end, which fetches each file when it is first needed (the browser app keeps them out of its initial
//! download this way).
//!
//! Without the feature only the default scenario's boot snapshot is compiled in, because every first visit needs it.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The data files a front end may have to supply, by the file name the browser build serves them under (`data/…`).
pub const LAZY_FILES: [&str; 4] = [
    "eks.snapshot.json",
    "vanilla.snapshot.json",
    "ocp4.yaml",
    "schemas.json",
];

/// The scenario source that finished OpenShift installs are built from (see `install::result`).
pub const INSTALL_BASE: &str = "ocp4.yaml";

/// The `oc explain` schemas.
pub const EXPLAIN_SCHEMAS: &str = "schemas.json";

/// The text of a data file, if it is compiled in or was supplied.
pub fn get(file: &str) -> Option<&'static str> {
    bundled(file).or_else(|| provided().get(file).copied())
}

/// Whether `file` can be read now.
pub fn is_loaded(file: &str) -> bool {
    get(file).is_some()
}

/// Supplies the text of a data file the front end fetched; a file supplied twice keeps its first text.
pub fn provide(file: &str, text: String) -> Result<(), String> {
    let Some(&name) = LAZY_FILES.iter().find(|f| **f == file) else {
        return Err(format!("unknown data file \"{file}\""));
    };
    let mut map = provided();
    if !map.contains_key(name) {
        map.insert(name, Box::leak(text.into_boxed_str()));
    }
    Ok(())
}

/// The files of `wanted` that are not loaded yet.
pub fn missing<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    wanted.into_iter().filter(|f| !is_loaded(f)).collect()
}

/// The boot snapshot's file name of a built-in scenario.
pub fn snapshot_file(scenario: &str) -> Option<&'static str> {
    match scenario {
        "ocp4" => Some("ocp4.snapshot.json"),
        "eks" => Some("eks.snapshot.json"),
        "vanilla" => Some("vanilla.snapshot.json"),
        _ => None,
    }
}

/// The source file name of a built-in scenario.
pub fn source_file(scenario: &str) -> Option<&'static str> {
    match scenario {
        "ocp4" => Some("ocp4.yaml"),
        "eks" => Some("eks.yaml"),
        "vanilla" => Some("vanilla.yaml"),
        _ => None,
    }
}

/// The files a command line may read: the explain schemas when it mentions `explain`, the install base when it
/// runs the installer. A front end loads them before running the line.
pub fn needed_by_input(line: &str) -> Vec<&'static str> {
    let mut files = Vec::new();
    // `explain` reads the schemas, and so does the API server's decoding of a new object (a manifest's wrong JSON
    // types are refused by walking them), so a replayed journal decides exactly as the live session did.
    if [
        "explain", "apply", "create", "replace", "new-app", "process",
    ]
    .iter()
    .any(|word| line.contains(word))
    {
        files.push(EXPLAIN_SCHEMAS);
    }
    if line.contains("openshift-install") {
        files.push(INSTALL_BASE);
    }
    files
}

/// The files loading a saved session reads: its scenario's boot snapshot and whatever its journaled lines need.
pub fn needed_by_save(text: &str) -> Vec<&'static str> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut files: Vec<&'static str> = value["scenario"]
        .as_str()
        .and_then(snapshot_file)
        .into_iter()
        .collect();
    // The journal's entries are replayed; any line or action may have run the installer or explain.
    let journal = value["journal"].to_string();
    for file in needed_by_input(&journal) {
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files
}

fn provided() -> std::sync::MutexGuard<'static, BTreeMap<&'static str, &'static str>> {
    static PROVIDED: Mutex<BTreeMap<&'static str, &'static str>> = Mutex::new(BTreeMap::new());
    PROVIDED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(feature = "bundled-data")]
fn bundled(file: &str) -> Option<&'static str> {
    match file {
        "ocp4.snapshot.json" => Some(include_str!("../scenarios/ocp4.snapshot.json")),
        "eks.snapshot.json" => Some(include_str!("../scenarios/eks.snapshot.json")),
        "vanilla.snapshot.json" => Some(include_str!("../scenarios/vanilla.snapshot.json")),
        "ocp4.yaml" => Some(include_str!("../scenarios/ocp4.yaml")),
        "eks.yaml" => Some(include_str!("../scenarios/eks.yaml")),
        "vanilla.yaml" => Some(include_str!("../scenarios/vanilla.yaml")),
        "schemas.json" => Some(include_str!("cli/explain_data/schemas.json")),
        _ => None,
    }
}

#[cfg(not(feature = "bundled-data"))]
fn bundled(file: &str) -> Option<&'static str> {
    match file {
        "ocp4.snapshot.json" => Some(include_str!("../scenarios/ocp4.snapshot.json")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lazy_file_is_bundled_in_native_builds() {
        for file in LAZY_FILES {
            assert!(bundled(file).is_some(), "{file}");
        }
    }

    #[test]
    fn unknown_files_are_refused() {
        assert_eq!(
            provide("passwd", String::new()),
            Err("unknown data file \"passwd\"".to_owned())
        );
    }

    #[test]
    fn inputs_and_saves_name_the_files_they_read() {
        assert_eq!(needed_by_input("oc get pods"), Vec::<&str>::new());
        assert_eq!(needed_by_input("oc explain pod.spec"), vec!["schemas.json"]);
        assert_eq!(
            needed_by_input("openshift-install create cluster --dir=x"),
            vec!["schemas.json", "ocp4.yaml"]
        );
        assert_eq!(
            needed_by_input("cat <<EOF | kubectl apply -f -"),
            vec!["schemas.json"]
        );
        let save = r#"{"version":1,"scenario":"eks","seed":1,"journal":[{"Line":"kubectl explain pods"}],"now":0}"#;
        assert_eq!(
            needed_by_save(save),
            vec!["eks.snapshot.json", "schemas.json"]
        );
        assert_eq!(needed_by_save("not json"), Vec::<&str>::new());
    }
}
