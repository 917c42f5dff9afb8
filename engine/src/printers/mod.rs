//! Output formats shared by the command lines: tables, YAML, JSON, JSONPath, custom columns, ages and describe text.

pub mod age;
pub mod columns;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod json;
pub mod jsonpath;
pub mod table;
pub mod yaml;

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs the real kubectl client, when installed, so tests can compare with it.

    /// Runs `/usr/bin/kubectl` with `args` and returns its standard output, or `None` when kubectl is absent or fails.
    pub fn kubectl(args: &[&str]) -> Option<String> {
        let path = std::path::Path::new("/usr/bin/kubectl");
        if !path.exists() {
            return None;
        }
        let out = std::process::Command::new(path)
            .args(args)
            .env("KUBECONFIG", "/dev/null")
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
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
            .output()
            .ok()?;
        Some((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }
}
