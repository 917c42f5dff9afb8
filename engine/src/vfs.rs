//! The session's virtual filesystem: directories and text files kept in memory, serialisable with the session.

use std::collections::BTreeMap;

/// One entry of the filesystem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// A directory; its children are the entries whose paths extend its own.
    Dir,
    /// A text file with its contents.
    File(String),
}

/// Why a filesystem operation failed, worded as coreutils words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    /// The path or one of its parents does not exist.
    NotFound,
    /// A directory was found where a file was needed.
    IsDir,
    /// A file was found where a directory was needed.
    NotDir,
    /// The entry exists already.
    Exists,
    /// The directory still has entries.
    NotEmpty,
}

impl FsError {
    /// The text coreutils prints for this error.
    pub fn message(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::IsDir => "Is a directory",
            FsError::NotDir => "Not a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
        }
    }
}

/// An in-memory tree of directories and text files keyed by absolute, normalised path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
    /// Modification times in virtual milliseconds, for the paths whose writer recorded one.
    #[serde(default)]
    mtimes: BTreeMap<String, i64>,
}

impl Default for Vfs {
    fn default() -> Self {
        Self::new()
    }
}

impl Vfs {
    /// A filesystem holding only the root, `/tmp` and the classroom student's home directory.
    pub fn new() -> Self {
        Self::with_home("/home/student")
    }

    /// A filesystem holding only the root, `/tmp` and the home directory `home` (with its parents).
    pub fn with_home(home: &str) -> Self {
        let mut fs = Self {
            nodes: BTreeMap::new(),
            mtimes: BTreeMap::new(),
        };
        for dir in ["/", "/tmp"] {
            fs.nodes.insert(dir.to_owned(), Node::Dir);
        }
        let _ = fs.mkdir(home, true);
        fs
    }

    /// Records that the entry at `path` was modified at virtual time `ms`.
    pub fn set_mtime(&mut self, path: &str, ms: i64) {
        let path = normalize(path);
        if self.nodes.contains_key(&path) {
            self.mtimes.insert(path, ms);
        }
    }

    /// The recorded modification time of `path`, if its writer recorded one.
    pub fn mtime(&self, path: &str) -> Option<i64> {
        self.mtimes.get(&normalize(path)).copied()
    }

    /// The entry at `path`, if any.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(&normalize(path))
    }

    /// Whether `path` is a directory.
    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Some(Node::Dir))
    }

    /// Reads the text file at `path`.
    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.get(path) {
            Some(Node::File(text)) => Ok(text),
            Some(Node::Dir) => Err(FsError::IsDir),
            None => Err(FsError::NotFound),
        }
    }

    /// Writes (creates or replaces) the text file at `path`; its parent directory must exist.
    pub fn write(&mut self, path: &str, text: impl Into<String>) -> Result<(), FsError> {
        let path = normalize(path);
        self.check_parent(&path)?;
        if let Some(Node::Dir) = self.nodes.get(&path) {
            return Err(FsError::IsDir);
        }
        self.nodes.insert(path, Node::File(text.into()));
        Ok(())
    }

    /// Appends to the text file at `path`, creating it when missing.
    pub fn append(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let path = normalize(path);
        match self.nodes.get_mut(&path) {
            Some(Node::File(existing)) => {
                existing.push_str(text);
                Ok(())
            }
            Some(Node::Dir) => Err(FsError::IsDir),
            None => self.write(&path, text),
        }
    }

    /// Creates the directory at `path`; with `parents`, creates missing parents and accepts an existing directory.
    pub fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        let path = normalize(path);
        match self.nodes.get(&path) {
            Some(Node::Dir) if parents => return Ok(()),
            Some(_) => return Err(FsError::Exists),
            None => {}
        }
        if parents {
            let mut current = String::new();
            for part in path.split('/').filter(|p| !p.is_empty()) {
                current.push('/');
                current.push_str(part);
                match self.nodes.get(&current) {
                    Some(Node::File(_)) => return Err(FsError::NotDir),
                    Some(Node::Dir) => {}
                    None => {
                        self.nodes.insert(current.clone(), Node::Dir);
                    }
                }
            }
            Ok(())
        } else {
            self.check_parent(&path)?;
            self.nodes.insert(path, Node::Dir);
            Ok(())
        }
    }

    /// Removes the entry at `path`; a non-empty directory needs `recursive`.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let path = normalize(path);
        match self.nodes.get(&path) {
            None => Err(FsError::NotFound),
            Some(Node::File(_)) => {
                self.nodes.remove(&path);
                self.mtimes.remove(&path);
                Ok(())
            }
            Some(Node::Dir) => {
                let children: Vec<String> = self.descendants(&path).map(str::to_owned).collect();
                if !children.is_empty() && !recursive {
                    return Err(FsError::NotEmpty);
                }
                for child in children {
                    self.nodes.remove(&child);
                    self.mtimes.remove(&child);
                }
                self.nodes.remove(&path);
                self.mtimes.remove(&path);
                Ok(())
            }
        }
    }

    /// The names of the direct children of the directory at `path`, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, FsError> {
        let path = normalize(path);
        match self.nodes.get(&path) {
            None => return Err(FsError::NotFound),
            Some(Node::File(_)) => return Err(FsError::NotDir),
            Some(Node::Dir) => {}
        }
        let prefix = if path == "/" {
            "/".to_owned()
        } else {
            format!("{path}/")
        };
        Ok(self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter(|(p, _)| !p[prefix.len()..].contains('/') && p.len() > prefix.len())
            .map(|(p, _)| p[prefix.len()..].to_owned())
            .collect())
    }

    /// Every path below the directory `path` (not including it).
    pub fn descendants<'a>(&'a self, path: &str) -> impl Iterator<Item = &'a str> + 'a {
        let prefix = if path == "/" {
            "/".to_owned()
        } else {
            format!("{path}/")
        };
        self.nodes
            .range(prefix.clone()..)
            .take_while(move |(p, _)| p.starts_with(&prefix))
            .map(|(p, _)| p.as_str())
    }

    fn check_parent(&self, path: &str) -> Result<(), FsError> {
        match self.nodes.get(parent(path)) {
            Some(Node::Dir) => Ok(()),
            Some(Node::File(_)) => Err(FsError::NotDir),
            None => Err(FsError::NotFound),
        }
    }
}

/// The parent directory of an absolute, normalised path.
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// Normalises an absolute path: collapses `//`, `.` and `..`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Resolves `path` (absolute, relative or starting with `~`) against `cwd` and `home`.
pub fn resolve(cwd: &str, home: &str, path: &str) -> String {
    if path == "~" {
        normalize(home)
    } else if let Some(rest) = path.strip_prefix("~/") {
        normalize(&format!("{home}/{rest}"))
    } else if path.starts_with('/') {
        normalize(path)
    } else {
        normalize(&format!("{cwd}/{path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_read_list_remove() {
        let mut fs = Vfs::new();
        fs.write("/home/student/a.yaml", "x").unwrap();
        fs.mkdir("/home/student/d/e", true).unwrap();
        fs.write("/home/student/d/e/f", "y").unwrap();
        assert_eq!(fs.read("/home/student/a.yaml"), Ok("x"));
        assert_eq!(fs.list("/home/student").unwrap(), vec!["a.yaml", "d"]);
        assert_eq!(fs.write("/nope/x", "z"), Err(FsError::NotFound));
        assert_eq!(fs.remove("/home/student/d", false), Err(FsError::NotEmpty));
        fs.remove("/home/student/d", true).unwrap();
        assert_eq!(fs.list("/home/student").unwrap(), vec!["a.yaml"]);
        assert_eq!(fs.read("/home/student"), Err(FsError::IsDir));
    }

    #[test]
    fn resolve_paths() {
        assert_eq!(resolve("/tmp", "/home/student", "../home/./x"), "/home/x");
        assert_eq!(resolve("/tmp", "/home/student", "~/y"), "/home/student/y");
        assert_eq!(resolve("/tmp", "/home/student", "/a//b/"), "/a/b");
    }
}
