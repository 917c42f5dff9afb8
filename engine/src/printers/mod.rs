//! Output formats shared by the command lines: tables, YAML, JSON, JSONPath, custom columns, ages and describe text.

pub mod age;
pub mod columns;
pub mod custom_columns;
pub mod describe;
pub mod describe_more;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod json;
pub mod jsonpath;
#[cfg(test)]
mod kubectl_compat;
pub mod output;
pub mod quantity;
pub mod table;
pub mod tabwriter;
pub mod yaml;

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs the real kubectl client, when installed, so tests can compare with it.

    /// Runs kubectl with arguments that must succeed: `None` only when kubectl is not installed, a panic when it fails.
    pub fn kubectl_ok(args: &[&str]) -> Option<String> {
        let (code, stdout, stderr) = kubectl_any(args)?;
        assert_eq!(code, 0, "kubectl {args:?} failed: {stderr}");
        Some(stdout)
    }

    /// Runs kubectl and returns its exit code and combined standard output and error.
    pub fn kubectl_any(args: &[&str]) -> Option<(i32, String, String)> {
        let path = std::path::Path::new("/usr/bin/kubectl");
        if !path.exists() {
            return None;
        }
        let out = std::process::Command::new(path)
            .args(args)
            .env("KUBECONFIG", "/dev/null")
            .env(
                "KUBECACHEDIR",
                std::env::temp_dir().join(format!("bastion-kubectl-cache-{}", std::process::id())),
            )
            .output()
            .ok()?;
        Some((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }
}
