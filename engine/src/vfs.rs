//! The session's virtual filesystem: directories and text files kept in memory, serialisable with the session.
//!
//! Ownership is modelled where a learner meets it: a filesystem given a [`Cred`] (a container's shell, which runs
//! as the UID its security context constraint chose) checks the user's permissions on every operation, as the
//! kernel does, and records who created each entry. A filesystem without one (the workstation's) belongs
//! entirely to its user.

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
    /// The user lacks the permission the operation needs.
    PermissionDenied,
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
            FsError::PermissionDenied => "Permission denied",
        }
    }
}

/// The owner, group and permission bits of an entry (`mode` holds the low twelve bits: set-ID, sticky, rwx).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// The owning user's ID.
    pub uid: u32,
    /// The owning group's ID.
    pub gid: u32,
    /// The permission bits, such as `0o755` or `0o1777`.
    pub mode: u32,
}

/// The process a filesystem's operations run as: its user, primary group and supplementary groups, and the
/// names `ls -l` shows for IDs (the image's `/etc/passwd` and `/etc/group`; other IDs show as numbers).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cred {
    /// The user's ID; 0 is root, whom nothing is refused.
    pub uid: u32,
    /// The primary group's ID, which new entries get.
    pub gid: u32,
    /// The supplementary groups' IDs.
    pub groups: Vec<u32>,
    /// User and group names by ID.
    pub names: BTreeMap<u32, String>,
}

/// The read permission bit.
pub const READ: u32 = 4;
/// The write permission bit.
pub const WRITE: u32 = 2;
/// The search (execute) permission bit, which reaching entries inside a directory needs.
pub const SEARCH: u32 = 1;

/// An in-memory tree of directories and text files keyed by absolute, normalised path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
    /// Modification times in virtual milliseconds, for the paths whose writer recorded one.
    #[serde(default)]
    mtimes: BTreeMap<String, i64>,
    /// The user operations run as; `None` where the whole tree belongs to its user and nothing is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user: Option<Cred>,
    /// Owners and modes of the entries that have them recorded; the others are the user's, `0755` or `0644`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    meta: BTreeMap<String, Meta>,
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
            user: None,
            meta: BTreeMap::new(),
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

    /// Runs later operations as `user`, checking their permissions; entries without a recorded owner stay the
    /// user's.
    pub fn set_user(&mut self, user: Cred) {
        self.user = Some(user);
    }

    /// The user operations run as, when permissions are checked.
    pub fn user(&self) -> Option<&Cred> {
        self.user.as_ref()
    }

    /// Records the owner, group and mode of the existing entry at `path`.
    pub fn set_meta(&mut self, path: &str, meta: Meta) {
        let path = normalize(path);
        if self.nodes.contains_key(&path) {
            self.meta.insert(path, meta);
        }
    }

    /// The owner, group and mode of `path`: as recorded, or the user's with the default mode.
    pub fn meta(&self, path: &str) -> Option<Meta> {
        let path = normalize(path);
        let node = self.nodes.get(&path)?;
        Some(self.meta.get(&path).copied().unwrap_or_else(|| {
            let (uid, gid) = self.user.as_ref().map_or((0, 0), |u| (u.uid, u.gid));
            let mode = if matches!(node, Node::Dir) {
                0o755
            } else {
                0o644
            };
            Meta { uid, gid, mode }
        }))
    }

    /// The name `ls -l` shows for a user or group ID, when the filesystem's user has one for it.
    pub fn id_name(&self, id: u32) -> Option<&str> {
        self.user.as_ref()?.names.get(&id).map(String::as_str)
    }

    /// Whether the user may use `path` as `want` (a mask of [`READ`], [`WRITE`], [`SEARCH`]) and reach it
    /// through its parents; always true without a user and for root.
    pub fn permits(&self, path: &str, want: u32) -> bool {
        let path = normalize(path);
        self.reachable(&path) && self.allows(&path, want)
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
            Some(Node::File(_)) if !self.permits(path, READ) => Err(FsError::PermissionDenied),
            Some(Node::File(text)) => Ok(text),
            Some(Node::Dir) => Err(FsError::IsDir),
            None => Err(FsError::NotFound),
        }
    }

    /// Writes (creates or replaces) the text file at `path`; its parent directory must exist.
    pub fn write(&mut self, path: &str, text: impl Into<String>) -> Result<(), FsError> {
        let path = normalize(path);
        self.check_parent(&path)?;
        match self.nodes.get(&path) {
            Some(Node::Dir) => return Err(FsError::IsDir),
            Some(Node::File(_)) => self.check(&path, WRITE)?,
            None => self.check_create(&path)?,
        }
        if !self.nodes.contains_key(&path) {
            self.record_creation(&path, 0o644);
        }
        self.nodes.insert(path, Node::File(text.into()));
        Ok(())
    }

    /// Appends to the text file at `path`, creating it when missing.
    pub fn append(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let path = normalize(path);
        if matches!(self.nodes.get(&path), Some(Node::File(_))) {
            self.check(&path, WRITE)?;
        }
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
                        self.check_create(&current)?;
                        self.record_creation(&current, 0o755);
                        self.nodes.insert(current.clone(), Node::Dir);
                    }
                }
            }
            Ok(())
        } else {
            self.check_parent(&path)?;
            self.check_create(&path)?;
            self.record_creation(&path, 0o755);
            self.nodes.insert(path, Node::Dir);
            Ok(())
        }
    }

    /// Removes the entry at `path`; a non-empty directory needs `recursive`.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let path = normalize(path);
        if self.nodes.contains_key(&path) {
            self.check_remove(&path)?;
        }
        match self.nodes.get(&path) {
            None => Err(FsError::NotFound),
            Some(Node::File(_)) => {
                self.nodes.remove(&path);
                self.mtimes.remove(&path);
                self.meta.remove(&path);
                Ok(())
            }
            Some(Node::Dir) => {
                let children: Vec<String> = self.descendants(&path).map(str::to_owned).collect();
                if !children.is_empty() && !recursive {
                    return Err(FsError::NotEmpty);
                }
                for child in &children {
                    self.check_remove(child)?;
                }
                for child in children {
                    self.nodes.remove(&child);
                    self.mtimes.remove(&child);
                    self.meta.remove(&child);
                }
                self.nodes.remove(&path);
                self.mtimes.remove(&path);
                self.meta.remove(&path);
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
            Some(Node::Dir) => self.check(&path, READ)?,
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

    /// The user operations are checked for: `None` without a user and for root, who may do anything.
    fn checked_user(&self) -> Option<&Cred> {
        self.user.as_ref().filter(|u| u.uid != 0)
    }

    /// Whether the user may search every directory above `path`.
    fn reachable(&self, path: &str) -> bool {
        let mut dir = path;
        while dir != "/" {
            dir = parent(dir);
            if !self.allows(dir, SEARCH) {
                return false;
            }
        }
        true
    }

    /// Whether the entry's mode grants all of `want` to the user's class (owner, group or other).
    fn allows(&self, path: &str, want: u32) -> bool {
        let Some(user) = self.checked_user() else {
            return true;
        };
        let Some(meta) = self.meta(path) else {
            return true;
        };
        let bits = if meta.uid == user.uid {
            meta.mode >> 6
        } else if meta.gid == user.gid || user.groups.contains(&meta.gid) {
            meta.mode >> 3
        } else {
            meta.mode
        };
        bits & want == want
    }

    fn check(&self, path: &str, want: u32) -> Result<(), FsError> {
        if self.permits(path, want) {
            Ok(())
        } else {
            Err(FsError::PermissionDenied)
        }
    }

    /// Creating an entry needs write and search permission on its directory.
    fn check_create(&self, path: &str) -> Result<(), FsError> {
        self.check(parent(path), WRITE | SEARCH)
    }

    /// Removing an entry needs write and search permission on its directory, and in a sticky directory (`/tmp`)
    /// owning the entry or the directory.
    fn check_remove(&self, path: &str) -> Result<(), FsError> {
        self.check_create(path)?;
        let (Some(user), Some(dir)) = (self.checked_user(), self.meta(parent(path))) else {
            return Ok(());
        };
        let owner = self.meta(path).map(|m| m.uid);
        if dir.mode & 0o1000 != 0 && owner != Some(user.uid) && dir.uid != user.uid {
            return Err(FsError::PermissionDenied);
        }
        Ok(())
    }

    /// Records that the user created `path`, with `mode` (the default umask applied), where ownership is modelled.
    fn record_creation(&mut self, path: &str, mode: u32) {
        if let Some(user) = &self.user {
            let meta = Meta {
                uid: user.uid,
                gid: user.gid,
                mode,
            };
            self.meta.insert(path.to_owned(), meta);
        }
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

    /// A container's root as an image ships it, used by the restricted SCC's UID in group root.
    fn image_root(uid: u32) -> Vfs {
        let mut fs = Vfs::with_home("/");
        for dir in ["/tmp", "/root", "/var/cache/nginx", "/opt/app-root/src"] {
            fs.mkdir(dir, true).unwrap();
        }
        fs.write("/root/secret", "s").unwrap();
        let paths: Vec<String> = std::iter::once("/".to_owned())
            .chain(fs.descendants("/").map(str::to_owned))
            .collect();
        for path in paths {
            let (uid, mode) = match path.as_str() {
                "/tmp" => (0, 0o1777),
                "/root" => (0, 0o700),
                "/opt/app-root/src" => (1001, 0o775),
                "/root/secret" => (0, 0o644),
                _ => (0, 0o755),
            };
            fs.set_meta(&path, Meta { uid, gid: 0, mode });
        }
        fs.set_user(Cred {
            uid,
            gid: 0,
            groups: vec![0, uid],
            names: BTreeMap::from([(0, "root".to_owned())]),
        });
        fs
    }

    #[test]
    fn an_arbitrary_uid_writes_only_where_the_image_allows_group_root() {
        let mut fs = image_root(1000650000);
        let denied = Err(FsError::PermissionDenied);
        assert_eq!(fs.write("/var/cache/nginx/client_temp", "x"), denied);
        assert_eq!(fs.mkdir("/var/cache/nginx/client_temp", false), denied);
        assert_eq!(fs.mkdir("/var/cache/nginx/a/b", true), denied);
        assert_eq!(fs.list("/root"), Err(FsError::PermissionDenied));
        assert_eq!(fs.read("/root/secret"), Err(FsError::PermissionDenied));
        assert_eq!(fs.remove("/var/cache/nginx", true), denied);
        // Group root may write the S2I source directory, and anyone may create in /tmp.
        fs.write("/opt/app-root/src/app.py", "print()").unwrap();
        fs.write("/tmp/a", "x").unwrap();
        let created = fs.meta("/tmp/a").unwrap();
        assert_eq!(
            (created.uid, created.gid, created.mode),
            (1000650000, 0, 0o644)
        );
        assert!(fs.permits("/tmp/a", READ | WRITE));
        // The sticky bit keeps others' files in /tmp: another UID may not remove this one.
        let mut other = fs.clone();
        other.set_user(Cred {
            uid: 1000660000,
            gid: 0,
            groups: vec![0],
            names: BTreeMap::new(),
        });
        assert_eq!(other.remove("/tmp/a", false), denied);
        fs.remove("/tmp/a", false).unwrap();
    }

    #[test]
    fn root_and_an_unowned_tree_may_do_anything() {
        let mut fs = image_root(0);
        fs.write("/var/cache/nginx/client_temp", "x").unwrap();
        assert_eq!(fs.read("/root/secret"), Ok("s"));
        let mut workstation = Vfs::new();
        workstation.mkdir("/opt/tools", true).unwrap();
        assert!(workstation.user().is_none());
        assert_eq!(workstation.meta("/opt/tools").unwrap().mode, 0o755);
    }

    #[test]
    fn resolve_paths() {
        assert_eq!(resolve("/tmp", "/home/student", "../home/./x"), "/home/x");
        assert_eq!(resolve("/tmp", "/home/student", "~/y"), "/home/student/y");
        assert_eq!(resolve("/tmp", "/home/student", "/a//b/"), "/a/b");
    }
}
