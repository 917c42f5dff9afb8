//! The labs embedded in the app at build time (`lessons/labs/*.yaml`), parsed once.

use std::sync::OnceLock;

use engine::labs::Lab;

/// Every lab file as (file name, YAML text), in the order the lab list shows them.
pub static LAB_FILES: &[(&str, &str)] = &[
    (
        "okd-day26-tour.yaml",
        include_str!("../../../lessons/labs/okd-day26-tour.yaml"),
    ),
    (
        "arch-1-3-commands.yaml",
        include_str!("../../../lessons/labs/arch-1-3-commands.yaml"),
    ),
    (
        "deploy-route-selfheal.yaml",
        include_str!("../../../lessons/labs/deploy-route-selfheal.yaml"),
    ),
    (
        "eks-nginx-loadbalancer.yaml",
        include_str!("../../../lessons/labs/eks-nginx-loadbalancer.yaml"),
    ),
    (
        "eks-nodegroup.yaml",
        include_str!("../../../lessons/labs/eks-nodegroup.yaml"),
    ),
    (
        "week1-vpc.yaml",
        include_str!("../../../lessons/labs/week1-vpc.yaml"),
    ),
    (
        "vpc-repair.yaml",
        include_str!("../../../lessons/labs/vpc-repair.yaml"),
    ),
    (
        "day57-install.yaml",
        include_str!("../../../lessons/labs/day57-install.yaml"),
    ),
];

/// Every embedded lab that parses, in list order.
pub fn labs() -> &'static [Lab] {
    static LABS: OnceLock<Vec<Lab>> = OnceLock::new();
    LABS.get_or_init(|| {
        LAB_FILES
            .iter()
            .filter_map(|(_, text)| Lab::parse(text).ok())
            .collect()
    })
}

/// The lab with this id.
pub fn lab(id: &str) -> Option<&'static Lab> {
    labs().iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::sort::SortShared;

    #[test]
    fn every_lab_file_is_embedded_parses_and_is_named_after_its_id() {
        for (name, text) in LAB_FILES {
            let lab = Lab::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(format!("{}.yaml", lab.id), *name);
            assert!(!lab.steps.is_empty(), "{name} has no steps");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons/labs");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        on_disk.sort_shared();
        let mut embedded: Vec<String> = LAB_FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort_shared();
        assert_eq!(
            embedded, on_disk,
            "add every lessons/labs/*.yaml to LAB_FILES in app/src/labs/catalog.rs"
        );
        assert_eq!(labs().len(), LAB_FILES.len());
        assert_eq!(
            lab("arch-1-3-commands").map(|l| l.scenario.as_str()),
            Some("ocp4")
        );
    }
}
