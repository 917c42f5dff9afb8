//! The pinned tool chain and the code that installs whatever part of it is missing.
//!
//! Every tool version the project depends on outside Cargo.lock and package-lock.json is pinned here, in one place.
//! Each `ensure_*` function first detects the tool cheaply and only installs when it is absent or at the wrong version,
//! so a second run on a set-up machine costs a few process spawns.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Result, run, workspace_root};

/// The trunk release used to build and serve the app; 0.22 needs a newer rustc than ours.
pub const TRUNK_VERSION: &str = "0.21.14";

/// The binaryen release whose npm package provides `wasm-opt` (it runs under Node).
pub const BINARYEN_VERSION: &str = "132.0.0";

/// The Workbox release whose npm package `workbox-build` generates the service worker and its precache manifest.
pub const WORKBOX_VERSION: &str = "7.4.1";

/// The PyPI `kubernetes-validate` release whose bundled upstream OpenAPI schemas the `openapi` test step validates
/// the engine's objects against (it carries the schemas of Kubernetes 1.25 and later).
pub const KUBERNETES_VALIDATE_VERSION: &str = "1.37.0";

/// The Rust target the app is compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The oldest Node.js major version the tools and browser tests support.
pub const NODE_MAJOR: u32 = 20;

/// The Chromium binary the browser tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Debian packages the browser tests need: the browser and fonts that render Korean.
pub const APT_PACKAGES: &[&str] = &["chromium", "fonts-noto-cjk"];

/// The environment every tool-using command runs with: pinned tools on PATH, trunk offline.
#[derive(Debug, Clone)]
pub struct ToolEnv {
    /// The PATH with the project tools and cargo's bin folder in front.
    pub path: OsString,
    /// The wasm-bindgen version from Cargo.lock, which the CLI must match exactly.
    pub wasm_bindgen: String,
}

impl ToolEnv {
    /// Applies this environment to a command that runs trunk or anything it spawns.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("PATH", &self.path)
            .env("TRUNK_OFFLINE", "true")
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .env("TRUNK_TOOLS_WASM_BINDGEN", &self.wasm_bindgen)
            .env("TRUNK_TOOLS_WASM_OPT", wasm_opt_trunk_version());
    }
}

/// The project-local tools folder (git-ignored).
pub fn tools_dir() -> PathBuf {
    workspace_root().join("tools")
}

/// The folder holding the npm-installed tool executables (`wasm-opt`).
pub fn tools_bin_dir() -> PathBuf {
    tools_dir().join("node_modules").join(".bin")
}

/// The folder holding the browser tests.
pub fn e2e_dir() -> PathBuf {
    workspace_root().join("tests").join("e2e")
}

/// The version string trunk expects for wasm-opt, such as `version_132`.
pub fn wasm_opt_trunk_version() -> String {
    let major = BINARYEN_VERSION
        .split('.')
        .next()
        .unwrap_or(BINARYEN_VERSION);
    format!("version_{major}")
}

/// Cargo's own bin folder, where `cargo install` puts trunk and wasm-bindgen.
pub fn cargo_bin_dir() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => home_dir().join(".cargo").join("bin"),
    }
}

fn home_dir() -> PathBuf {
    env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// The PATH with the project tools folder and cargo's bin folder in front of the inherited one.
pub fn tool_path() -> OsString {
    let mut dirs = vec![tools_bin_dir(), cargo_bin_dir()];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).unwrap_or_default()
}

/// Reads the `wasm-bindgen` version pinned in Cargo.lock.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = workspace_root().join("Cargo.lock");
    let text =
        fs::read_to_string(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    locked_version(&text, "wasm-bindgen").ok_or_else(|| {
        "Cargo.lock has no wasm-bindgen package; build the app once with cargo".to_string()
    })
}

/// Finds the version of package `name` in the text of a Cargo.lock file.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

/// Runs `program args` with the tool PATH and returns its trimmed stdout, or None when it cannot run or fails.
fn probe(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .env("PATH", tool_path())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Installs everything `serve` and `dist` need: the wasm target, trunk, wasm-bindgen, wasm-opt and the crates.
pub fn ensure_build_tools() -> Result<ToolEnv> {
    ensure_node()?;
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION)?;
    let wasm_bindgen = wasm_bindgen_version()?;
    ensure_cargo_tool("wasm-bindgen-cli", "wasm-bindgen", &wasm_bindgen)?;
    ensure_wasm_opt()?;
    ensure_workbox()?;
    // Trunk runs cargo with --offline, so every crate must be downloaded beforehand.
    run(Command::new("cargo")
        .args(["fetch", "--quiet"])
        .current_dir(workspace_root()))?;
    Ok(ToolEnv {
        path: tool_path(),
        wasm_bindgen,
    })
}

/// Installs everything the browser tests need: Chromium, the CJK fonts and the npm test dependencies.
pub fn ensure_browser_tools() -> Result<()> {
    ensure_chromium()?;
    ensure_e2e_deps()
}

/// Checks that Node.js (at least [`NODE_MAJOR`]) and npm are installed; xtask does not install them.
pub fn ensure_node() -> Result<()> {
    let version = probe("node", &["--version"]).ok_or_else(|| {
        format!("Node.js {NODE_MAJOR}+ and npm are required but `node` was not found on PATH")
    })?;
    if node_major(&version).is_none_or(|major| major < NODE_MAJOR) {
        return Err(format!(
            "Node.js {NODE_MAJOR}+ is required, found {version}"
        ));
    }
    if probe("npm", &["--version"]).is_none() {
        return Err("npm is required but was not found on PATH".into());
    }
    Ok(())
}

/// The major version in `node --version` output such as `v20.20.2`.
fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Adds the wasm32 target with rustup when it is missing.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = probe("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    if probe("rustup", &["--version"]).is_none() {
        // Without rustup the target may still come from the system toolchain; let the build tell.
        eprintln!("xtask: rustup not found; assuming the {WASM_TARGET} target is available");
        return Ok(());
    }
    step_note(&format!("installing the Rust target {WASM_TARGET}"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs `krate` at exactly `version` with cargo unless `bin --version` already reports it.
pub fn ensure_cargo_tool(krate: &str, bin: &str, version: &str) -> Result<()> {
    let found = probe(bin, &["--version"]);
    if found
        .as_deref()
        .and_then(|out| out.split_whitespace().nth(1))
        == Some(version)
    {
        return Ok(());
    }
    match &found {
        Some(out) => step_note(&format!("{bin} is {out}; installing {krate} {version}")),
        None => step_note(&format!(
            "{bin} not found; installing {krate} {version} (this takes a few minutes)"
        )),
    }
    let install = |locked: bool| {
        let mut cmd = Command::new("cargo");
        cmd.args(["install", krate, "--version", version, "--force"]);
        // Build tools, not ship them: skip fat LTO and single-unit codegen (trunk asks for both),
        // which roughly halves a fresh machine's install time.
        cmd.env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
        if locked {
            cmd.arg("--locked");
        }
        run(&mut cmd)
    };
    if install(true).is_err() {
        // A registry mirror can lag behind the crate's own lock file; resolve afresh within semver then.
        step_note(&format!(
            "installing {krate} with its Cargo.lock failed; retrying without --locked"
        ));
        install(false)?;
    }
    Ok(())
}

/// Installs the PyPI `kubernetes-validate` package into `tools/python` when missing; returns that folder, which goes
/// on `PYTHONPATH`.
pub fn ensure_kubernetes_validate() -> Result<PathBuf> {
    let dir = tools_dir().join("python");
    let marker = dir.join(format!(
        "kubernetes_validate-{KUBERNETES_VALIDATE_VERSION}.dist-info"
    ));
    if marker.exists() {
        return Ok(dir);
    }
    step_note(&format!(
        "installing kubernetes-validate {KUBERNETES_VALIDATE_VERSION} (PyPI) into tools/python"
    ));
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create tools/python: {e}"))?;
    run(Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--upgrade",
            "--target",
        ])
        .arg(&dir)
        .arg(format!(
            "kubernetes-validate=={KUBERNETES_VALIDATE_VERSION}"
        )))?;
    Ok(dir)
}

/// Installs the npm `binaryen` package (which provides `wasm-opt`) into the tools folder when missing.
pub fn ensure_wasm_opt() -> Result<()> {
    let manifest = tools_dir()
        .join("node_modules")
        .join("binaryen")
        .join("package.json");
    let wanted = format!("\"version\": \"{BINARYEN_VERSION}\"");
    let present = fs::read_to_string(&manifest).is_ok_and(|text| text.contains(&wanted));
    if present && tools_bin_dir().join("wasm-opt").exists() {
        return Ok(());
    }
    step_note(&format!(
        "installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into tools/"
    ));
    fs::create_dir_all(tools_dir()).map_err(|e| format!("cannot create tools/: {e}"))?;
    run(Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
        ])
        .arg(tools_dir())
        .arg(format!("binaryen@{BINARYEN_VERSION}")))
}

/// Installs the npm `workbox-build` package (the service worker generator) into the tools folder when missing.
pub fn ensure_workbox() -> Result<()> {
    let manifest = tools_dir()
        .join("node_modules")
        .join("workbox-build")
        .join("package.json");
    let wanted = format!("\"version\": \"{WORKBOX_VERSION}\"");
    if fs::read_to_string(&manifest).is_ok_and(|text| text.contains(&wanted)) {
        return Ok(());
    }
    step_note(&format!(
        "installing the service worker generator (npm workbox-build@{WORKBOX_VERSION}) into tools/"
    ));
    fs::create_dir_all(tools_dir()).map_err(|e| format!("cannot create tools/: {e}"))?;
    run(Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
        ])
        .arg(tools_dir())
        .arg(format!("workbox-build@{WORKBOX_VERSION}")))
}

/// Installs Chromium and the CJK fonts with apt-get when either is missing.
pub fn ensure_chromium() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|pkg| !apt_installed(pkg))
        .collect();
    if missing.is_empty() && Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    let missing = if missing.is_empty() {
        vec!["chromium"]
    } else {
        missing
    };
    let list = missing.join(" ");
    let root = probe("id", &["-u"]).as_deref() == Some("0");
    let sudo = !root && probe("sudo", &["-n", "true"]).is_some();
    if !root && !sudo {
        return Err(format!(
            "the browser tests need the Debian packages: {list}\n  install them with: sudo apt-get install -y {list}"
        ));
    }
    step_note(&format!("installing {list} with apt-get"));
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(missing.iter().copied());
    apt(&args)
}

/// Whether Debian package `pkg` is installed.
fn apt_installed(pkg: &str) -> bool {
    probe("dpkg-query", &["-W", "-f=${Status}", pkg])
        .is_some_and(|status| status.ends_with(" installed"))
}

/// Installs the browser tests' npm dependencies from package-lock.json when they are missing or stale.
pub fn ensure_e2e_deps() -> Result<()> {
    let dir = e2e_dir();
    let lock = fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read tests/e2e/package-lock.json: {e}"))?;
    let stamp = dir.join("node_modules").join(".xtask-lock");
    if fs::read(&stamp).is_ok_and(|old| old == lock) {
        return Ok(());
    }
    step_note("installing the browser tests' npm dependencies (npm ci)");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .current_dir(&dir))?;
    fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn step_note(text: &str) {
    eprintln!("xtask: {text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_version_finds_the_package_after_its_name() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-macro").as_deref(),
            Some("0.2.1")
        );
        assert_eq!(locked_version(lock, "yew"), None);
    }

    #[test]
    fn the_workspace_lock_pins_wasm_bindgen() {
        let version = wasm_bindgen_version().expect("Cargo.lock pins wasm-bindgen");
        assert!(
            version.starts_with("0.2."),
            "unexpected wasm-bindgen version {version}"
        );
    }

    #[test]
    fn node_major_reads_node_version_output() {
        assert_eq!(node_major("v20.20.2\n"), Some(20));
        assert_eq!(node_major("v8.1.0"), Some(8));
        assert_eq!(node_major("garbage"), None);
    }

    #[test]
    fn wasm_opt_version_is_in_trunk_form() {
        assert_eq!(
            wasm_opt_trunk_version(),
            format!("version_{}", BINARYEN_VERSION.split('.').next().unwrap())
        );
    }
}
