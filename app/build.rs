//! Generates the embedded lesson index: every lesson of lessons/{ko,en} and the glossary,
//! included with `include_str!` so the app works offline without fetching anything, and the
//! lesson diagrams' sizes.

// The shared sort of engine::sort keeps the wasm small; a build script runs natively and has no such need.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let lessons = Path::new(&manifest).join("../lessons");
    let mut out = String::from(
        "/// Every lesson as (language, file name, Markdown text), sorted by file name.\n",
    );
    out.push_str("pub static LESSON_FILES: &[(&str, &str, &str)] = &[\n");
    println!("cargo:rerun-if-changed={}", lessons.display());
    for lang in ["ko", "en"] {
        for path in files(&lessons.join(lang), "md") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let absolute = path.canonicalize().expect("a lesson path resolves");
            writeln!(
                out,
                "    ({lang:?}, {name:?}, include_str!({:?})),",
                absolute.display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let glossary = lessons.join("glossary.toml");
    println!("cargo:rerun-if-changed={}", glossary.display());
    let glossary = glossary
        .canonicalize()
        .expect("lessons/glossary.toml exists");
    writeln!(
        out,
        "/// The bilingual glossary (lessons/glossary.toml).\npub static GLOSSARY_TOML: &str = include_str!({:?});",
        glossary.display().to_string()
    )
    .unwrap();
    // The diagrams' sizes, so that an image reserves its place before it loads and the headings below it do not
    // move under the reader (or under the pane's idea of which heading is at the top).
    out.push_str(
        "/// Every lesson diagram as (file name, width, height), from its root element.\n",
    );
    out.push_str("pub static IMAGE_SIZES: &[(&str, u32, u32)] = &[\n");
    for path in files(&lessons.join("images"), "svg") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let root = text
            .split("<svg")
            .nth(1)
            .and_then(|r| r.split('>').next())
            .unwrap_or_default();
        let attribute = |name: &str| {
            root.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse::<u32>().ok())
        };
        if let (Some(w), Some(h)) = (attribute("width"), attribute("height")) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            writeln!(out, "    ({name:?}, {w}, {h}),").unwrap();
        }
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lesson_index.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

/// The files of `dir` ending in `.extension`, sorted, each (and the folder) watched for changes.
fn files(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == extension));
    files.sort();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    files
}
