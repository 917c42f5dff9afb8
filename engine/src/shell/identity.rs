//! Who the learner is on the machine their shell starts on: the user, their groups, the host name, the home directory
//! and the distribution's bash prompt, a scenario fact (`shell` in a scenario's header) with the classroom's RHEL
//! workstation as the default.

use serde::{Deserialize, Serialize};

use crate::exec::Output;

/// The learner's account on the machine the shell starts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identity {
    /// The user name (`student`, `ec2-user`).
    pub user: String,
    /// The user's numeric ID.
    pub uid: u32,
    /// The user's groups as `id` prints them (`1000(ec2-user)`), the primary group first.
    pub groups: Vec<String>,
    /// The host name as `hostname` prints it; bash's `\h` shows it up to the first dot.
    pub hostname: String,
    /// The home directory: `HOME`, the starting directory and the directory the filesystem holds for the user.
    pub home: String,
    /// The distribution's default bash prompt (`PS1`, such as `[\u@\h \W]\$ `).
    pub prompt: String,
    /// The login shell's `PATH`, `~` standing for the home directory: RHEL 8's `.bashrc` puts the user's own
    /// directories first, Amazon Linux 2's `.bash_profile` last.
    #[serde(default = "rhel_path")]
    pub path: String,
    /// The SELinux context `id` adds when SELinux is enabled, as on RHEL; `None` where it is disabled.
    #[serde(default)]
    pub context: Option<String>,
}

impl Default for Identity {
    fn default() -> Self {
        Identity::workstation()
    }
}

/// The bash prompt RHEL and Amazon Linux set in `/etc/bashrc`.
pub const RHEL_PROMPT: &str = "[\\u@\\h \\W]\\$ ";

/// RHEL 8's `PATH` for a login shell, `~` standing for the home directory.
fn rhel_path() -> String {
    "~/.local/bin:~/bin:/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin".to_owned()
}

impl Identity {
    /// The classroom's RHEL 8 workstation, where the learner is `student` (in `wheel`) with SELinux enforcing.
    pub fn workstation() -> Self {
        Identity {
            user: "student".to_owned(),
            uid: 1000,
            groups: vec!["1000(student)".to_owned(), "10(wheel)".to_owned()],
            hostname: super::WORKSTATION.to_owned(),
            home: "/home/student".to_owned(),
            prompt: RHEL_PROMPT.to_owned(),
            path: rhel_path(),
            context: Some("unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023".to_owned()),
        }
    }

    /// The login shell's `PATH`, with the home directory in place of `~`.
    pub fn login_path(&self) -> String {
        self.path
            .split(':')
            .map(|dir| match dir.strip_prefix('~') {
                Some(rest) => format!("{}{rest}", self.home),
                None => dir.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(":")
    }

    /// The identity a scenario's `shell` fact describes, or the workstation's when it has none (or a malformed one).
    pub fn from_fact(fact: Option<&serde_json::Value>) -> Self {
        fact.and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// coreutils' `id` for this user, or for root under `sudo`: the full line, or one of `-u`, `-g`, `-G` with `-n`.
    pub fn id(&self, args: &[String], as_root: bool) -> Output {
        let root = ["0(root)".to_owned()];
        let (uid, user, groups): (u32, &str, &[String]) = if as_root {
            (0, "root", &root)
        } else {
            (self.uid, &self.user, &self.groups)
        };
        let mut only = None;
        let mut names = false;
        let mut real = false;
        let mut operands = Vec::new();
        for arg in args {
            match arg.as_str() {
                "-u" | "--user" => only = Some('u'),
                "-g" | "--group" => only = Some('g'),
                "-G" | "--groups" => only = Some('G'),
                "-n" | "--name" => names = true,
                "-r" | "--real" => real = true,
                a if a.starts_with("--") => {
                    return Output::err(
                        format!(
                            "id: unrecognized option '{a}'\nTry 'id --help' for more information.\n"
                        ),
                        1,
                    );
                }
                a if a.starts_with('-') && a.len() > 1 => {
                    for c in a[1..].chars() {
                        match c {
                            'u' | 'g' | 'G' => only = Some(c),
                            'n' => names = true,
                            'r' => real = true,
                            _ => {
                                return Output::err(
                                    format!(
                                        "id: invalid option -- '{c}'\nTry 'id --help' for more information.\n"
                                    ),
                                    1,
                                );
                            }
                        }
                    }
                }
                a => operands.push(a),
            }
        }
        if let Some(name) = operands.first()
            && *name != user
        {
            return Output::err(format!("id: ‘{name}’: no such user\n"), 1);
        }
        // Real and effective IDs are the same here, so `-r` only matters for this check.
        if (names || real) && only.is_none() {
            return Output::err(
                "id: cannot print only names or real IDs in default format\n",
                1,
            );
        }
        // `1000(ec2-user)` splits into the number and the name.
        let part = |g: &str, name: bool| -> String {
            let (num, rest) = g.split_once('(').unwrap_or((g, ""));
            if name {
                rest.trim_end_matches(')').to_owned()
            } else {
                num.to_owned()
            }
        };
        let primary = groups.first().cloned().unwrap_or_default();
        let line = match only {
            Some('u') if names => user.to_owned(),
            Some('u') => uid.to_string(),
            Some('g') => part(&primary, names),
            Some(_) => groups
                .iter()
                .map(|g| part(g, names))
                .collect::<Vec<_>>()
                .join(" "),
            None => {
                let mut line = format!(
                    "uid={uid}({user}) gid={primary} groups={}",
                    groups.join(",")
                );
                // The context belongs to the process, so `id NAME` leaves it out.
                if let (Some(context), true) = (&self.context, operands.is_empty()) {
                    line.push_str(&format!(" context={context}"));
                }
                line
            }
        };
        Output::ok(format!("{line}\n"))
    }
}
