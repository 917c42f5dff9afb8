//! Reading YAML (and JSON, which is YAML) documents into JSON values, with the line numbers kubectl reports.

use serde::Deserialize;
use serde_json::Value;

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The 1-based line of the error, when known.
    pub line: Option<usize>,
    /// The parser's description, lowercase.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "yaml: line {line}: {}", self.message),
            None => write!(f, "yaml: {}", self.message),
        }
    }
}

/// Parses every document of a multi-document YAML stream (`---` separated); empty documents are skipped.
pub fn parse_documents(text: &str) -> Result<Vec<Value>, YamlError> {
    let mut out = Vec::new();
    for document in serde_yaml_ng::Deserializer::from_str(text) {
        let value = Value::deserialize(document).map_err(|e| {
            let line = e.location().map(|l| l.line());
            let mut message = e.to_string();
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            YamlError { line, message }
        })?;
        if !value.is_null() {
            out.push(value);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_several_documents() {
        let docs = parse_documents("a: 1\n---\n---\nb: [x, 'y']\n").unwrap();
        assert_eq!(
            docs,
            vec![
                serde_json::json!({"a": 1}),
                serde_json::json!({"b": ["x", "y"]})
            ]
        );
    }

    #[test]
    fn reports_the_line_of_an_error() {
        let err = parse_documents("a: 1\nb: c: d\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("yaml: line 2: "), "{err}");
    }
}
