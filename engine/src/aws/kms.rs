//! AWS Key Management Service in the model: symmetric customer managed keys with aliases, and `encrypt`/`decrypt`
//! bound to an encryption context, as Lambda binds its environment variables' ciphertext to the function's name.
//!
//! Nothing here is real cryptography. A ciphertext blob names its key and carries a digest of the encryption
//! context it was made under, so that decrypting under another context fails with KMS's `InvalidCiphertextException`
//! (which has no message); its bytes all stay below 0x80, so that a blob written to a file by `base64 --decode` and
//! read back with `fileb://` survives the session's text filesystem.

use crate::sort::SortShared;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::args::Params;
use super::fnv1a;
use super::model::{ACCOUNT_ID, AwsError};
use super::render::timestamp;

/// The first bytes of every ciphertext blob (a real symmetric KMS ciphertext starts the same way).
const BLOB_HEADER: [u8; 5] = [0x01, 0x02, 0x02, 0x00, 0x78];
/// The largest plaintext `encrypt` takes, in bytes.
const MAX_PLAINTEXT: usize = 4096;

/// The account's keys and aliases, in every region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kms {
    /// Keys, oldest first.
    pub keys: Vec<Key>,
    /// Aliases (`alias/name`) by region, each naming a key ID.
    pub aliases: BTreeMap<String, BTreeMap<String, Alias>>,
    seq: u64,
}

/// A customer managed symmetric key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// Its ID (a UUID).
    pub id: String,
    /// Its region.
    pub region: String,
    /// Its description.
    pub description: String,
    /// When it was created (virtual ms).
    pub created_at: i64,
}

/// An alias of a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The key it names.
    pub key_id: String,
    /// When it was made (virtual ms).
    pub created_at: i64,
}

impl Key {
    /// Its ARN.
    pub fn arn(&self) -> String {
        format!("arn:aws:kms:{}:{ACCOUNT_ID}:key/{}", self.region, self.id)
    }

    /// `KeyMetadata` as `create-key` and `describe-key` print it.
    fn metadata(&self) -> Value {
        json!({
            "AWSAccountId": ACCOUNT_ID,
            "KeyId": self.id,
            "Arn": self.arn(),
            "CreationDate": timestamp(self.created_at).replace("+00:00", ".000000+00:00"),
            "Enabled": true,
            "Description": self.description,
            "KeyUsage": "ENCRYPT_DECRYPT",
            "KeyState": "Enabled",
            "Origin": "AWS_KMS",
            "KeyManager": "CUSTOMER",
            "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
            "MultiRegion": false
        })
    }
}

/// The encryption context in canonical form (sorted `key=value` lines): the order given does not matter.
fn context_bytes(context: Option<&Value>) -> Vec<u8> {
    let mut pairs: Vec<String> = context
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().map_or(v.to_string(), str::to_owned)))
                .collect()
        })
        .unwrap_or_default();
    pairs.sort_shared();
    pairs.join("\n").into_bytes()
}

/// The keystream byte `n` for a key and nonce.
fn keystream(key: &str, nonce: u64, n: usize) -> u8 {
    (fnv1a(
        key.bytes()
            .chain(nonce.to_le_bytes())
            .chain((n as u64).to_le_bytes()),
    ) >> 24) as u8
}

/// Seven bits per byte: every blob byte stays below 0x80.
fn seven_bits(value: u64, count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| ((value >> (7 * i)) & 0x7f) as u8)
        .collect()
}

fn from_seven_bits(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .enumerate()
        .fold(0, |v, (i, b)| v | (u64::from(*b & 0x7f) << (7 * i)))
}

/// A blob parameter's bytes (the CLI has checked its base64, see [`BLOB_PARAMS`]).
fn blob(p: &Params, name: &str) -> Result<Vec<u8>, AwsError> {
    crate::b64::decode(p.req(name)).ok_or_else(|| AwsError::new("InvalidCiphertextException", ""))
}

/// The parameters of `aws kms` operations that are blobs: given inline they must be base64, as AWS CLI v2 reads
/// them; `fileb://` gives a file's bytes.
pub const BLOB_PARAMS: &[(&str, &str)] =
    &[("encrypt", "plaintext"), ("decrypt", "ciphertext-blob")];

/// KMS's answer for a key ID that names no key: a well-formed ID or ARN "does not exist", anything else is invalid.
fn not_found(region: &str, what: &str) -> AwsError {
    let id = what.rsplit('/').next().unwrap_or(what);
    let uuid = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if uuid {
        AwsError::new(
            "NotFoundException",
            format!("Key 'arn:aws:kms:{region}:{ACCOUNT_ID}:key/{id}' does not exist"),
        )
    } else {
        AwsError::new("NotFoundException", format!("Invalid keyId '{what}'"))
    }
}

impl Kms {
    fn uuid(&mut self) -> String {
        self.seq += 1;
        let a = fnv1a(self.seq.to_le_bytes().into_iter().chain(*b"kms-key"));
        let b = fnv1a(a.to_le_bytes());
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }

    /// The key a `--key-id` names in `region`: a key ID, a key ARN, an alias name or an alias ARN.
    pub fn key(&self, region: &str, key_id: &str) -> Result<&Key, AwsError> {
        let alias_prefix = format!("arn:aws:kms:{region}:{ACCOUNT_ID}:");
        let name = key_id.strip_prefix(&alias_prefix).unwrap_or(key_id);
        let id = if name.starts_with("alias/") {
            self.aliases
                .get(region)
                .and_then(|a| a.get(name))
                .map(|a| a.key_id.as_str())
                .ok_or_else(|| {
                    AwsError::new(
                        "NotFoundException",
                        format!("Alias {alias_prefix}{name} is not found."),
                    )
                })?
        } else {
            name.strip_prefix("key/").unwrap_or(name)
        };
        self.keys
            .iter()
            .find(|k| k.id == id && k.region == region)
            .ok_or_else(|| not_found(region, key_id))
    }

    /// Runs one `aws kms` operation in `region` at virtual time `now`.
    pub fn call(
        &mut self,
        op: &str,
        p: &Params,
        region: &str,
        now: i64,
    ) -> Result<Option<Value>, AwsError> {
        match op {
            "create-key" => {
                let id = self.uuid();
                let key = Key {
                    id,
                    region: region.to_owned(),
                    description: p.str("description").unwrap_or_default().to_owned(),
                    created_at: now,
                };
                let metadata = key.metadata();
                self.keys.push(key);
                Ok(Some(json!({"KeyMetadata": metadata})))
            }
            "describe-key" => {
                let key = self.key(region, p.req("key-id"))?;
                Ok(Some(json!({"KeyMetadata": key.metadata()})))
            }
            "list-keys" => {
                let keys: Vec<Value> = self
                    .keys
                    .iter()
                    .filter(|k| k.region == region)
                    .map(|k| json!({"KeyId": k.id, "KeyArn": k.arn()}))
                    .collect();
                Ok(Some(json!({"Keys": keys, "Truncated": false})))
            }
            "create-alias" => {
                let name = p.req("alias-name");
                let Some(rest) = name.strip_prefix("alias/") else {
                    return Err(AwsError::new(
                        "ValidationException",
                        "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
                    ));
                };
                if rest.is_empty()
                    || !rest
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "/_-".contains(c))
                {
                    return Err(AwsError::new(
                        "ValidationException",
                        format!(
                            "1 validation error detected: Value '{name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"
                        ),
                    ));
                }
                if rest.starts_with("aws/") {
                    return Err(AwsError::new(
                        "NotAuthorizedException",
                        "Cannot create alias with prefix 'alias/aws/'",
                    ));
                }
                let key_id = self.key(region, p.req("target-key-id"))?.id.clone();
                let aliases = self.aliases.entry(region.to_owned()).or_default();
                if aliases.contains_key(name) {
                    return Err(AwsError::new(
                        "AlreadyExistsException",
                        format!(
                            "An alias with the name arn:aws:kms:{region}:{ACCOUNT_ID}:{name} already exists"
                        ),
                    ));
                }
                aliases.insert(
                    name.to_owned(),
                    Alias {
                        key_id,
                        created_at: now,
                    },
                );
                Ok(None)
            }
            "list-aliases" => {
                let only = match p.str("key-id") {
                    Some(k) => Some(self.key(region, k)?.id.clone()),
                    None => None,
                };
                let aliases: Vec<Value> = self
                    .aliases
                    .get(region)
                    .into_iter()
                    .flatten()
                    .filter(|(_, a)| only.as_ref().is_none_or(|k| *k == a.key_id))
                    .map(|(name, a)| {
                        let at = timestamp(a.created_at).replace("+00:00", ".000000+00:00");
                        json!({
                            "AliasName": name,
                            "AliasArn": format!("arn:aws:kms:{region}:{ACCOUNT_ID}:{name}"),
                            "TargetKeyId": a.key_id,
                            "CreationDate": at,
                            "LastUpdatedDate": at
                        })
                    })
                    .collect();
                Ok(Some(json!({"Aliases": aliases, "Truncated": false})))
            }
            "encrypt" => {
                let key = self.key(region, p.req("key-id"))?.clone();
                let plaintext = blob(p, "plaintext")?;
                if plaintext.is_empty() || plaintext.len() > MAX_PLAINTEXT {
                    return Err(AwsError::new(
                        "ValidationException",
                        format!(
                            "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length {}",
                            if plaintext.is_empty() {
                                "greater than or equal to 1"
                            } else {
                                "less than or equal to 4096"
                            }
                        ),
                    ));
                }
                self.seq += 1;
                let nonce = fnv1a(self.seq.to_le_bytes().into_iter().chain(key.id.bytes()));
                let mut out = BLOB_HEADER.to_vec();
                out.extend(seven_bits(fnv1a(key.id.bytes()), 10));
                out.extend(seven_bits(nonce, 10));
                out.extend(seven_bits(
                    fnv1a(context_bytes(p.json("encryption-context"))),
                    10,
                ));
                for (n, b) in plaintext.iter().enumerate() {
                    // Each byte as two seven-bit halves, masked by the keystream.
                    let masked = u16::from(*b ^ keystream(&key.id, nonce, n));
                    out.push((masked & 0x7f) as u8);
                    out.push((masked >> 7) as u8 | (keystream(&key.id, !nonce, n) & 0x7e));
                }
                Ok(Some(json!({
                    "CiphertextBlob": crate::b64::encode(&out),
                    "KeyId": key.arn(),
                    "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"
                })))
            }
            "decrypt" => {
                let bytes = blob(p, "ciphertext-blob")?;
                let invalid = || AwsError::new("InvalidCiphertextException", "");
                let body = bytes.strip_prefix(&BLOB_HEADER[..]).ok_or_else(invalid)?;
                if body.len() < 30 || body.len() % 2 != 0 {
                    return Err(invalid());
                }
                let tag = from_seven_bits(&body[..10]);
                let nonce = from_seven_bits(&body[10..20]);
                let context = from_seven_bits(&body[20..30]);
                let key = self
                    .keys
                    .iter()
                    .find(|k| k.region == region && fnv1a(k.id.bytes()) == tag)
                    .cloned();
                // The blob names its key; a `--key-id` must name the same one.
                let key = match (key, p.str("key-id")) {
                    (Some(k), Some(asked)) if self.key(region, asked)?.id != k.id => {
                        return Err(AwsError::new(
                            "IncorrectKeyException",
                            "The key ID in the request does not identify a CMK that can perform this operation.",
                        ));
                    }
                    (Some(k), _) => k,
                    (None, _) => return Err(invalid()),
                };
                if fnv1a(context_bytes(p.json("encryption-context"))) != context {
                    return Err(invalid());
                }
                let plaintext: Vec<u8> = body[30..]
                    .chunks(2)
                    .enumerate()
                    .map(|(n, pair)| {
                        let masked = u16::from(pair[0] & 0x7f) | (u16::from(pair[1] & 1) << 7);
                        masked as u8 ^ keystream(&key.id, nonce, n)
                    })
                    .collect();
                let mut m = Map::new();
                m.insert("KeyId".into(), json!(key.arn()));
                m.insert("Plaintext".into(), json!(crate::b64::encode(&plaintext)));
                m.insert("EncryptionAlgorithm".into(), json!("SYMMETRIC_DEFAULT"));
                Ok(Some(Value::Object(m)))
            }
            _ => Err(AwsError::new(
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            )),
        }
    }
}
