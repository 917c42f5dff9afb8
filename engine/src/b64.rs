//! Standard base64 with padding (RFC 4648), as Secret data, kubeconfig credentials, Ignition data URLs and AWS
//! blobs carry it: the engine's one pair of functions over the `base64` crate.

use base64::Engine as _;

/// Encodes bytes.
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes `text` (surrounding whitespace ignored); `None` when it is not base64.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
}

/// Decodes `text` into text; `None` when it is not base64 or not UTF-8.
pub fn decode_text(text: &str) -> Option<String> {
    String::from_utf8(decode(text)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_padding() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("password", "cGFzc3dvcmQ="),
        ] {
            assert_eq!(encode(plain), encoded);
            assert_eq!(decode_text(encoded).as_deref(), Some(plain));
        }
        assert_eq!(decode(" Zm9v\n"), Some(b"foo".to_vec()));
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode_text("/w=="), None);
    }
}
