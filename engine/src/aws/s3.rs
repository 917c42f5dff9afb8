//! Amazon S3 buckets as the AWS CLI's high-level `aws s3` commands see them: `mb`, `ls` and `rb`, with the
//! CLI's own output lines (`make_bucket: NAME`) and S3's bucket-name rules and errors. Objects are not modelled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::exec::Output;

/// The account's buckets (a bucket name is global), by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct S3 {
    /// Buckets by name.
    pub buckets: BTreeMap<String, Bucket>,
}

/// A bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// Its region.
    pub region: String,
    /// When it was created (virtual ms).
    pub created_at: i64,
}

/// The high-level commands this model runs.
pub const COMMANDS: &[&str] = &["ls", "mb", "rb"];

/// Whether `name` follows S3's general purpose bucket naming rules: 3–63 characters of lower-case letters, digits,
/// dots and hyphens, starting and ending with a letter or digit, no two dots in a row, and not an IP address.
pub fn valid_bucket_name(name: &str) -> bool {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && edge(name.chars().next())
        && edge(name.chars().last())
        && !name.contains("..")
        && name.parse::<std::net::Ipv4Addr>().is_err()
}

/// A service error as `aws s3` prints it after its own failure prefix.
fn failed(prefix: &str, uri: &str, code: &str, api: &str, message: &str) -> Output {
    Output::err(
        format!(
            "{prefix} failed: {uri} An error occurred ({code}) when calling the {api} operation: {message}\n"
        ),
        1,
    )
}

/// The bucket an `s3://bucket[/key]` URI names.
fn bucket_of(uri: &str) -> Option<&str> {
    uri.strip_prefix("s3://")
        .map(|rest| rest.split('/').next().unwrap_or_default())
}

impl S3 {
    /// Runs `aws s3 COMMAND ARGS…` in `region` at virtual time `now`; `command` is one of [`COMMANDS`].
    pub fn run(&mut self, command: &str, args: &[String], region: &str, now: i64) -> Output {
        let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
        match command {
            "mb" | "rb" => {
                let Some(uri) = paths.first() else {
                    return Output::err(
                        format!(
                            "\nusage: aws s3 {command} <S3Uri>\nError: the following arguments are required: path\n"
                        ),
                        252,
                    );
                };
                let Some(name) = bucket_of(uri).filter(|n| !n.is_empty()) else {
                    return Output::err("\n<S3Uri>\nError: Invalid argument type\n", 252);
                };
                let prefix = if command == "mb" {
                    "make_bucket"
                } else {
                    "remove_bucket"
                };
                if command == "mb" {
                    if !valid_bucket_name(name) {
                        return failed(
                            prefix,
                            uri,
                            "InvalidBucketName",
                            "CreateBucket",
                            "The specified bucket is not valid.",
                        );
                    }
                    if self.buckets.contains_key(name) {
                        return failed(
                            prefix,
                            uri,
                            "BucketAlreadyOwnedByYou",
                            "CreateBucket",
                            "Your previous request to create the named bucket succeeded and you already own it.",
                        );
                    }
                    self.buckets.insert(
                        name.to_owned(),
                        Bucket {
                            region: region.to_owned(),
                            created_at: now,
                        },
                    );
                } else if self.buckets.remove(name).is_none() {
                    return failed(
                        prefix,
                        uri,
                        "NoSuchBucket",
                        "DeleteBucket",
                        "The specified bucket does not exist",
                    );
                }
                Output::ok(format!("{prefix}: {name}\n"))
            }
            _ => match paths.first().and_then(|u| bucket_of(u)) {
                // `ls` of a bucket: its objects (none are modelled).
                Some(name) if !name.is_empty() => {
                    if self.buckets.contains_key(name) {
                        Output::ok(String::new())
                    } else {
                        Output::err(
                            "\nAn error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist\n",
                            254,
                        )
                    }
                }
                // `ls` alone: every bucket with its creation time.
                _ => Output::ok(
                    self.buckets
                        .iter()
                        .map(|(name, b)| {
                            let at = crate::api::time::rfc3339(b.created_at);
                            format!("{} {} {name}\n", &at[..10], &at[11..19])
                        })
                        .collect::<String>(),
                ),
            },
        }
    }
}
