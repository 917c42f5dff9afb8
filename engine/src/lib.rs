//! Bastion's engine: a deterministic, in-memory simulation of an OpenShift 4 / Kubernetes cluster, its command lines, the AWS network model and the OpenShift installer.
//!
//! The engine has no web dependencies and no wall clock: all time is virtual and all randomness is seeded, so the same inputs always give the same outputs.
//! Front ends (the Yew app, the `bastion` binary, tests) talk to it through [`session::Session`].

pub mod api;
pub mod assets;
pub mod aws;
pub mod b64;
pub mod bench;
pub mod cli;
pub mod cluster;
pub mod exec;
pub mod install;
pub mod labs;
pub mod printers;
pub mod session;
pub mod shell;
pub mod sort;
pub mod traits;
pub mod transient;
pub mod vfs;
pub mod yaml;

/// The product name shown in every front end.
pub const PRODUCT: &str = "Bastion";

/// The engine's version, from its manifest.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
