//! Raw and gzip sizes of the files in a dist folder, the figures a learner's download depends on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::Result;

/// One file's sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    /// The path relative to the dist folder, with `/` separators.
    pub path: String,
    /// The size on disk in bytes.
    pub raw: u64,
    /// The size after gzip at the best compression level, in bytes.
    pub gzip: u64,
}

/// Prints every file's raw and gzip size under `dist` and the totals.
pub fn print_report(dist: &Path) -> Result<()> {
    let sizes = measure(dist)?;
    println!(
        "\n{:<52} {:>10} {:>10}",
        format!("{} files in {}", sizes.len(), dist.display()),
        "raw",
        "gzip"
    );
    for file in &sizes {
        println!(
            "{:<52} {:>10} {:>10}",
            file.path,
            human(file.raw),
            human(file.gzip)
        );
    }
    let raw: u64 = sizes.iter().map(|f| f.raw).sum();
    let gzip: u64 = sizes.iter().map(|f| f.gzip).sum();
    println!("{:<52} {:>10} {:>10}", "total", human(raw), human(gzip));
    let (raw, gzip) = eager_totals(&sizes);
    println!(
        "{:<52} {:>10} {:>10}",
        format!("without {LAZY_DIR} (fetched when first needed)"),
        human(raw),
        human(gzip)
    );
    Ok(())
}

/// The folder of the engine's data files, which the app fetches only when first needed.
pub const LAZY_DIR: &str = "data/";

/// The raw and gzip totals of the files outside [`LAZY_DIR`].
pub fn eager_totals(sizes: &[FileSize]) -> (u64, u64) {
    sizes
        .iter()
        .filter(|f| !f.path.starts_with(LAZY_DIR))
        .fold((0, 0), |(raw, gzip), f| (raw + f.raw, gzip + f.gzip))
}

/// Measures every file under `dist`, sorted by path.
pub fn measure(dist: &Path) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.sort();
    files
        .iter()
        .map(|path| {
            let bytes =
                fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let rel = path.strip_prefix(dist).unwrap_or(path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Ok(FileSize {
                path: rel,
                raw: bytes.len() as u64,
                gzip: gzip_len(&bytes),
            })
        })
        .collect()
}

/// The length of `bytes` after gzip at the best compression level.
pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|out| out.len() as u64).unwrap_or(0)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Formats a byte count as bytes, KiB or MiB.
pub fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_input() {
        let text = "kubectl get pods\n".repeat(200);
        let gz = gzip_len(text.as_bytes());
        assert!(gz > 0 && gz < text.len() as u64 / 10, "gzip size {gz}");
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(512), "512 B");
        assert_eq!(human(2048), "2.0 KiB");
        assert_eq!(human(3 * 1024 * 1024), "3.00 MiB");
    }

    #[test]
    fn eager_totals_leave_out_the_data_folder() {
        let file = |path: &str, raw, gzip| FileSize {
            path: path.to_owned(),
            raw,
            gzip,
        };
        let sizes = [
            file("app_bg.wasm", 100, 40),
            file("data/schemas.json", 50, 10),
            file("index.html", 3, 2),
        ];
        assert_eq!(eager_totals(&sizes), (103, 42));
    }

    #[test]
    fn measure_walks_subfolders() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("a.txt"), "aaaa").unwrap();
        fs::write(dir.join("sub").join("b.txt"), "bb").unwrap();
        let sizes = measure(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let summary: Vec<(&str, u64)> = sizes.iter().map(|f| (f.path.as_str(), f.raw)).collect();
        assert_eq!(summary, [("a.txt", 4), ("sub/b.txt", 2)]);
    }
}
