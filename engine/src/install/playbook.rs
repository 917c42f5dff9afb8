//! `ansible-playbook -e @vars.yaml tasks/main.yml`: the ocp4-helpernode playbook, which turns a helper-node description into the helper's DNS, DHCP, PXE, HTTP and HAProxy configs.

use super::{HelperNode, Installer};
use crate::exec::{Ctx, Output};

/// The tasks the playbook reports, in order, with whether each changes something on a first run.
const TASKS: [(&str, bool); 12] = [
    ("Gathering Facts", false),
    ("Install needed packages", true),
    ("Write out dhcp file", true),
    ("Write out named file", true),
    ("Set zone serial number", true),
    ("Write out zone file", true),
    ("Write out reverse zone file", true),
    ("Write out haproxy config file", true),
    ("Set pxe boot parameters per MAC", true),
    ("Create apache directories for installing", true),
    ("Downloading RHCOS kernel, initramfs and rootfs", true),
    (
        "Starting services (named, dhcpd, tftp, httpd, haproxy)",
        true,
    ),
];

fn banner(title: &str) -> String {
    let width: usize = 80;
    let stars = width.saturating_sub(title.chars().count() + 1).max(3);
    format!("{title} {}\n", "*".repeat(stars))
}

/// Runs the helper-node playbook with the variables file named by `-e @FILE`.
pub fn run(inst: &mut Installer, argv: &[String], ctx: &mut Ctx) -> Output {
    let mut vars = None;
    let mut playbook = None;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-e" || a == "--extra-vars" {
            vars = argv.get(i + 1).cloned();
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("--extra-vars=") {
            vars = Some(v.to_owned());
        } else if a.starts_with('-') {
            // Other ansible-playbook options (-i, -v, ...) do not change what the helper playbook does.
        } else {
            playbook = Some(a.clone());
        }
        i += 1;
    }
    let Some(playbook) = playbook else {
        return Output::err(
            "usage: ansible-playbook [-h] [--version] [-v] [-e EXTRA_VARS] playbook [playbook ...]\nansible-playbook: error: the following arguments are required: playbook\n",
            2,
        );
    };
    let Some(file) = vars.as_deref().and_then(|v| v.strip_prefix('@')) else {
        return Output::err(
            format!(
                "ERROR! The field 'hosts' has an invalid value, which includes an undefined variable.. The error was: 'helper' is undefined\n\nThe error appears to be in '{}': line 1, column 3\n",
                ctx.resolve(&playbook)
            ),
            4,
        );
    };
    let path = ctx.resolve(file);
    let text = match ctx.fs.read(&path) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            return Output::err(
                format!("ERROR! the file_name '{path}' does not exist, or is not readable\n"),
                1,
            );
        }
    };
    let helper = match HelperNode::from_vars_yaml(&text) {
        Ok(h) => h,
        Err(e) => {
            return Output::err(
                format!(
                    "ERROR! We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Expecting value: line 1 column 1 (char 0)\n\nSyntax Error while loading YAML.\n  {e}\n\nThe error appears to be in '{path}'\n"
                ),
                1,
            );
        }
    };
    let setup = inst.setup_helper(helper, ctx);
    let mut out = String::from("\n");
    out.push_str(&banner("PLAY [all]"));
    out.push('\n');
    let mut changed = 0;
    for (task, changes) in TASKS {
        out.push_str(&banner(&format!("TASK [{task}]")));
        if changes && setup.code == 0 {
            changed += 1;
            out.push_str("changed: [localhost]\n\n");
        } else if setup.code != 0 && task.starts_with("Write out") {
            out.push_str(&format!(
                "fatal: [localhost]: FAILED! => {{\"changed\": false, \"msg\": {}}}\n\n",
                serde_json::to_string(setup.stderr.trim()).unwrap_or_default()
            ));
            out.push_str(&banner("PLAY RECAP"));
            out.push_str(&format!(
                "localhost                  : ok={changed}    changed={changed}    unreachable=0    failed=1    skipped=0    rescued=0    ignored=0   \n\n"
            ));
            return Output {
                stdout: out,
                stderr: String::new(),
                code: 2,
            };
        } else {
            out.push_str("ok: [localhost]\n\n");
        }
    }
    out.push_str(&banner("PLAY RECAP"));
    out.push_str(&format!(
        "localhost                  : ok={}   changed={changed}   unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   \n\n",
        TASKS.len()
    ));
    Output::ok(out)
}
