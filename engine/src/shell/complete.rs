//! Tab completion: command names, variables and virtual files, with argument completion delegated to the host.

use super::builtins::{BASH_BUILTINS, UTILITIES};
use super::{Host, Shell};
use crate::sort::SortShared;

/// What completing the word under the cursor offers.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Completion {
    /// Byte offset in the line where the word being completed starts.
    pub start: usize,
    /// Byte offset where it ends (the cursor).
    pub end: usize,
    /// Full replacement words, sorted; directories end with `/`.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The longest prefix shared by every candidate (what a first Tab inserts).
    pub fn common_prefix(&self) -> String {
        let Some(first) = self.candidates.first() else {
            return String::new();
        };
        let mut prefix = first.clone();
        for candidate in &self.candidates[1..] {
            let len = prefix
                .char_indices()
                .zip(candidate.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8());
            prefix.truncate(len);
        }
        prefix
    }

    /// Applies the completion to `line`: the new line and cursor. A single candidate is inserted with a trailing
    /// space (none after a directory's `/`); several extend the word to their common prefix.
    pub fn apply(&self, line: &str) -> (String, usize) {
        if self.candidates.is_empty() || self.start > self.end || self.end > line.len() {
            return (line.to_owned(), self.end.min(line.len()));
        }
        let mut insert = self.common_prefix();
        if self.candidates.len() == 1 && !insert.ends_with('/') {
            insert.push(' ');
        }
        let current = &line[self.start..self.end];
        if insert.len() < current.len() {
            return (line.to_owned(), self.end);
        }
        let new_line = format!("{}{insert}{}", &line[..self.start], &line[self.end..]);
        (new_line, self.start + insert.len())
    }
}

/// Completes the word that ends at `cursor` in `line`.
pub(super) fn complete(shell: &Shell, line: &str, cursor: usize, host: &dyn Host) -> Completion {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let before = &line[..cursor];
    // The current command starts after the last unquoted operator.
    let command_start = before.rfind(['|', ';', '&', '(', '`']).map_or(0, |i| i + 1);
    let command = &before[command_start..];
    let word_start = command
        .rfind([' ', '\t', '\n', '=', '<', '>'])
        .map_or(0, |i| i + 1);
    let partial = &command[word_start..];
    let argv: Vec<String> = command[..word_start]
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let start = command_start + word_start;
    let mut candidates: Vec<String> = if let Some(var) = partial.strip_prefix('$') {
        let frame = shell.frame();
        frame
            .env
            .keys()
            .chain(frame.vars.keys())
            .filter(|k| k.starts_with(var))
            .map(|k| format!("${k}"))
            .collect()
    } else if argv.is_empty() && !partial.contains('/') {
        let mut names: Vec<String> = BASH_BUILTINS
            .iter()
            .chain(UTILITIES.iter())
            .map(|s| s.to_string())
            .chain(host.command_names(shell.frame()))
            .filter(|n| n.starts_with(partial))
            .collect();
        if names.is_empty() {
            names = files(shell, partial, true);
        }
        names
    } else {
        let from_host = if argv.is_empty() {
            Vec::new()
        } else {
            host.complete_args(&argv, partial, shell.frame())
        };
        if from_host.is_empty() {
            files(shell, partial, argv.first().is_some_and(|c| c == "cd"))
        } else {
            from_host
                .into_iter()
                .filter(|c| c.starts_with(partial))
                .collect()
        }
    };
    candidates.sort_shared();
    candidates.dedup();
    Completion {
        start,
        end: cursor,
        candidates,
    }
}

/// Paths in the virtual filesystem that extend `partial`.
fn files(shell: &Shell, partial: &str, dirs_only: bool) -> Vec<String> {
    let (dir_part, prefix) = match partial.rfind('/') {
        Some(i) => (&partial[..=i], &partial[i + 1..]),
        None => ("", partial),
    };
    let dir = if dir_part.is_empty() {
        ".".to_owned()
    } else {
        dir_part.to_owned()
    };
    let path = shell.resolve(&dir);
    let fs = shell.fs();
    let Ok(names) = fs.list(&path) else {
        return Vec::new();
    };
    names
        .into_iter()
        .filter(|n| n.starts_with(prefix) && (prefix.starts_with('.') || !n.starts_with('.')))
        .filter_map(|n| {
            let full = if path == "/" {
                format!("/{n}")
            } else {
                format!("{path}/{n}")
            };
            let is_dir = fs.is_dir(&full);
            if dirs_only && !is_dir {
                return None;
            }
            Some(format!("{dir_part}{n}{}", if is_dir { "/" } else { "" }))
        })
        .collect()
}
