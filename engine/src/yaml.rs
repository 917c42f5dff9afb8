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
        let value = Value::deserialize(document)
            .map_err(|e| from_libyaml(&e.to_string(), e.location().map(|l| l.line())))?;
        if !value.is_null() {
            out.push(value);
        }
    }
    Ok(out)
}

/// kubectl's (go-yaml's) report of a libyaml error: only the problem, and the line go-yaml computes from the
/// 0-based problem mark — one more for a scanner error, as is for a parser error — or, when that mark is on the first
/// line, from the 0-based context mark; no line when both are on the first line.
fn from_libyaml(text: &str, problem_line: Option<usize>) -> YamlError {
    let (problem, context) = match text.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (text, None),
    };
    let message = problem
        .find(" at line ")
        .map_or(problem, |i| &problem[..i])
        .to_owned();
    let parser = context.is_some_and(|c| c.starts_with("parsing"))
        || [
            "did not find expected",
            "found duplicate",
            "found incompatible",
            "found undefined tag handle",
        ]
        .iter()
        .any(|p| message.starts_with(p));
    let context_line = context
        .and_then(|c| c.split_once(" at line "))
        .and_then(|(_, at)| at.split(' ').next()?.parse::<usize>().ok());
    let problem0 = problem_line.unwrap_or(1).saturating_sub(1);
    let line = if problem0 != 0 {
        Some(if parser { problem0 } else { problem0 + 1 })
    } else {
        context_line
            .map(|c| c.saturating_sub(1))
            .filter(|&c| c != 0)
    };
    YamlError { line, message }
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

    /// The lines and messages the installed kubectl (go-yaml) prints for these files.
    #[test]
    fn reports_lines_as_go_yaml_does() {
        let cases = [
            (
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a\nspec: {}\n",
                "yaml: line 5: did not find expected ',' or ']'",
            ),
            (
                "apiVersion: v1\nkind: Pod\nmetadata:\n name: x\n  labels: {}\n",
                "yaml: line 5: mapping values are not allowed in this context",
            ),
            (
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: - x\n  - y\n",
                "yaml: line 4: block sequence entries are not allowed in this context",
            ),
            (
                "a: b: c\n",
                "yaml: mapping values are not allowed in this context",
            ),
            ("[a\n", "yaml: line 1: did not find expected ',' or ']'"),
            ("a: 'x\n", "yaml: line 2: found unexpected end of stream"),
            (
                "\ta: 1\n",
                "yaml: found character that cannot start any token",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_documents(text).unwrap_err().to_string(),
                expected,
                "{text:?}"
            );
        }
    }
}
