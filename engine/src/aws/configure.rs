//! `aws configure` (interactive from standard input, `set`, `get`, `list`) over `~/.aws/config` and `~/.aws/credentials` in the virtual filesystem.

use crate::exec::{Ctx, Output};

use super::cli;

/// The access key shown for the simulator's built-in credentials (AWS's documentation sample).
pub const SAMPLE_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// Reads `key` from `[section]` of an INI text.
pub fn ini_get(text: &str, section: &str, key: &str) -> Option<String> {
    let mut current = String::new();
    for line in text.lines() {
        let l = line.trim();
        if let Some(name) = l.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            current = name.trim().to_owned();
        } else if current == section
            && let Some((k, v)) = l.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_owned());
        }
    }
    None
}

/// Sets `key` in `[section]` of an INI text, adding the section or key when missing.
pub fn ini_set(text: &str, section: &str, key: &str, value: &str) -> String {
    let mut out: Vec<String> = vec![];
    let mut current = String::new();
    let mut done = false;
    let mut seen_section = false;
    for line in text.lines() {
        let l = line.trim();
        if let Some(name) = l.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            if current == section && !done {
                out.push(format!("{key} = {value}"));
                done = true;
            }
            current = name.trim().to_owned();
            seen_section |= current == section;
        } else if current == section
            && !done
            && l.split_once('=').is_some_and(|(k, _)| k.trim() == key)
        {
            out.push(format!("{key} = {value}"));
            done = true;
            continue;
        }
        out.push(line.to_owned());
    }
    if !done {
        if !seen_section {
            out.push(format!("[{section}]"));
        }
        out.push(format!("{key} = {value}"));
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

fn config_section(profile: &str) -> String {
    if profile == "default" {
        "default".into()
    } else {
        format!("profile {profile}")
    }
}

fn mask(v: &str) -> String {
    let tail: String = v
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{}{tail}", "*".repeat(16))
}

/// Runs `aws configure …` (words after `configure`).
pub fn run(
    words: &[String],
    profile: Option<&str>,
    ctx: &mut Ctx,
) -> Result<Output, (String, i32)> {
    let profile = profile
        .map(str::to_owned)
        .or_else(|| ctx.env.get("AWS_PROFILE").cloned())
        .unwrap_or_else(|| "default".into());
    let config_path = ctx.resolve("~/.aws/config");
    let creds_path = ctx.resolve("~/.aws/credentials");
    let config = ctx
        .fs
        .read(&config_path)
        .map(str::to_owned)
        .unwrap_or_default();
    let creds = ctx
        .fs
        .read(&creds_path)
        .map(str::to_owned)
        .unwrap_or_default();
    let is_cred = |k: &str| {
        matches!(
            k,
            "aws_access_key_id" | "aws_secret_access_key" | "aws_session_token"
        )
    };
    let write = |ctx: &mut Ctx, path: &str, text: String| {
        let dir = crate::vfs::parent(path).to_owned();
        let _ = ctx.fs.mkdir(&dir, true);
        ctx.fs
            .write(path, text)
            .map_err(|e| (format!("[Errno 2] {}: '{path}'\n", e.message()), 255))
    };
    match words.first().map(String::as_str) {
        None => {
            let mut out = String::new();
            let mut answers = ctx.stdin.lines();
            let mut config = config;
            let mut creds = creds;
            for (prompt, key) in [
                ("AWS Access Key ID", "aws_access_key_id"),
                ("AWS Secret Access Key", "aws_secret_access_key"),
                ("Default region name", "region"),
                ("Default output format", "output"),
            ] {
                let current = if is_cred(key) {
                    ini_get(&creds, &profile, key).map(|v| mask(&v))
                } else {
                    ini_get(&config, &config_section(&profile), key)
                };
                out.push_str(&format!(
                    "{prompt} [{}]: ",
                    current.unwrap_or_else(|| "None".into())
                ));
                if let Some(answer) = answers.next().map(str::trim).filter(|a| !a.is_empty()) {
                    if is_cred(key) {
                        creds = ini_set(&creds, &profile, key, answer);
                    } else {
                        config = ini_set(&config, &config_section(&profile), key, answer);
                    }
                }
            }
            out.push('\n');
            write(ctx, &creds_path, creds)?;
            write(ctx, &config_path, config)?;
            Ok(Output::ok(out))
        }
        Some("set") => {
            let (Some(key), Some(value)) = (words.get(1), words.get(2)) else {
                return Err(cli::arg_error(
                    "the following arguments are required: varname, value",
                ));
            };
            let (prof, key) = match key.split_once('.') {
                Some(("default", k)) => ("default".to_owned(), k),
                Some(("profile", k)) => match k.split_once('.') {
                    Some((p, k)) => (p.to_owned(), k),
                    None => (profile.clone(), k),
                },
                _ => (profile.clone(), key.as_str()),
            };
            if is_cred(key) {
                write(ctx, &creds_path, ini_set(&creds, &prof, key, value))?;
            } else {
                write(
                    ctx,
                    &config_path,
                    ini_set(&config, &config_section(&prof), key, value),
                )?;
            }
            Ok(Output::ok(""))
        }
        Some("get") => {
            let Some(key) = words.get(1) else {
                return Err(cli::arg_error(
                    "the following arguments are required: varname",
                ));
            };
            let key = key.strip_prefix("default.").unwrap_or(key);
            let value = if is_cred(key) {
                ini_get(&creds, &profile, key)
            } else {
                ini_get(&config, &config_section(&profile), key)
            };
            match value {
                Some(v) => Ok(Output::ok(format!("{v}\n"))),
                None => Err((String::new(), 1)),
            }
        }
        Some("list") => {
            let row = |name: &str, value: &str, ty: &str, loc: &str| {
                format!("{name:>10} {value:>24} {ty:>16}    {loc}\n")
            };
            let mut out = row("Name", "Value", "Type", "Location");
            out.push_str(&row("----", "-----", "----", "--------"));
            if profile == "default" {
                out.push_str(&row("profile", "<not set>", "None", "None"));
            } else {
                out.push_str(&row("profile", &profile, "manual", "--profile"));
            }
            for (name, key) in [
                ("access_key", "aws_access_key_id"),
                ("secret_key", "aws_secret_access_key"),
            ] {
                match ini_get(&creds, &profile, key) {
                    Some(v) => out.push_str(&row(name, &mask(&v), "shared-credentials-file", "")),
                    None => out.push_str(&row(name, &mask(SAMPLE_ACCESS_KEY), "iam-role", "")),
                }
            }
            let region_env = ["AWS_REGION", "AWS_DEFAULT_REGION"]
                .iter()
                .find_map(|k| ctx.env.get(*k).map(|v| (*k, v.clone())));
            match (
                region_env,
                ini_get(&config, &config_section(&profile), "region"),
            ) {
                (Some((k, v)), _) => out.push_str(&row("region", &v, "env", k)),
                (None, Some(v)) => out.push_str(&row("region", &v, "config-file", "~/.aws/config")),
                (None, None) => out.push_str(&row("region", "<not set>", "None", "None")),
            }
            Ok(Output::ok(out))
        }
        Some(_) => Err(cli::invalid_choice(
            "subcommand",
            &[
                "add-model",
                "export-credentials",
                "get",
                "import",
                "list",
                "list-profiles",
                "set",
                "sso",
                "sso-session",
            ],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_round_trip() {
        let t = ini_set("", "default", "region", "ap-northeast-2");
        assert_eq!(t, "[default]\nregion = ap-northeast-2\n");
        let t = ini_set(&t, "default", "output", "json");
        assert_eq!(ini_get(&t, "default", "output").as_deref(), Some("json"));
        let t = ini_set(&t, "default", "region", "us-east-1");
        assert_eq!(
            ini_get(&t, "default", "region").as_deref(),
            Some("us-east-1")
        );
        let t = ini_set(&t, "profile dev", "region", "eu-west-1");
        assert_eq!(
            ini_get(&t, "profile dev", "region").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            ini_get(&t, "default", "region").as_deref(),
            Some("us-east-1")
        );
    }
}
