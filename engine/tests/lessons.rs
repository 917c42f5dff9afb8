//! Checks the lessons against the seeds and the engine: every seed heading is mapped to an anchor
//! that exists in both languages, and every shell line of every lesson runs in a session.

use engine::sort::SortShared;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use engine::session::Session;

/// Shell lines that fail today for reasons that need engine work, as `(lesson file, line)`; they
/// are the same in both languages. Each is a known divergence from the real tools: remove an entry
/// when the engine learns the command, and the test then guards it.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the engine crate lives inside the repository")
        .to_path_buf()
}

fn seeds_dir() -> PathBuf {
    match std::env::var_os("BASTION_SEEDS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"),
    }
}

/// One `[[section]]` of lessons/seed-map.toml.
#[derive(Debug, Default, Clone)]
struct Section {
    seed: String,
    heading: String,
    lesson: String,
    anchor: String,
}

/// Reads a TOML basic string (`"…"` with backslash escapes) starting at the opening quote.
fn toml_basic_string(text: &str) -> Option<String> {
    let mut chars = text.strip_prefix('"')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'U' => {
                    let hex: String = chars.by_ref().take(8).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Parses the seed map: an array of tables whose values are all basic strings.
fn seed_map() -> Vec<Section> {
    let text = std::fs::read_to_string(repo_root().join("lessons/seed-map.toml"))
        .expect("lessons/seed-map.toml is readable");
    let mut sections: Vec<Section> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[section]]" {
            sections.push(Section::default());
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("seed-map.toml:{}: not a key = value line", number + 1));
        let value = toml_basic_string(value.trim())
            .unwrap_or_else(|| panic!("seed-map.toml:{}: not a basic string", number + 1));
        let section = sections
            .last_mut()
            .unwrap_or_else(|| panic!("seed-map.toml:{}: key outside [[section]]", number + 1));
        match key.trim() {
            "seed" => section.seed = value,
            "heading" => section.heading = value,
            "lesson" => section.lesson = value,
            "anchor" => section.anchor = value,
            other => panic!("seed-map.toml:{}: unknown key {other}", number + 1),
        }
    }
    sections
}

/// Extracts the headings of a seed note with the rule documented at the top of seed-map.toml.
fn seed_headings(text: &str) -> Vec<String> {
    let mut inside_fence = false;
    let mut headings = Vec::new();
    for line in text.split('\n') {
        let unindented = line.trim_start_matches(' ');
        if unindented.starts_with("```") || unindented.starts_with("~~~") {
            inside_fence = !inside_fence;
            continue;
        }
        if inside_fence {
            continue;
        }
        let raw = if let Some(text) = atx_heading(line) {
            text
        } else if let Some((before, _)) = line.split_once('\t') {
            before.to_owned()
        } else {
            continue;
        };
        let cleaned = clean_heading(&raw);
        if !cleaned.is_empty() {
            headings.push(cleaned);
        }
    }
    headings
}

/// The text of an ATX heading line (`^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*$`), if the line is one.
fn atx_heading(line: &str) -> Option<String> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    if spaces > 3 {
        return None;
    }
    let rest = &line[spaces..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &rest[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim_matches([' ', '\t']).to_owned())
}

/// Drops an ATX closing sequence, `**` and `~~`, and surrounding whitespace.
fn clean_heading(raw: &str) -> String {
    let mut text = raw.trim_end().to_owned();
    let without_closing = text.trim_end_matches('#');
    if without_closing.len() != text.len()
        && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
    {
        text = without_closing.to_owned();
    }
    text.replace("**", "").replace("~~", "").trim().to_owned()
}

/// One lesson file: its language, file name, front matter and body.
struct Lesson {
    lang: &'static str,
    file: String,
    id: String,
    /// The scenario its commands run against (front matter `scenario`, the OpenShift 4 classroom when absent).
    scenario: String,
    /// The lab that goes with it (front matter `lab`), empty for none.
    lab: String,
    body: String,
}

fn lessons() -> Vec<Lesson> {
    let mut out = Vec::new();
    for lang in ["ko", "en"] {
        let dir = repo_root().join("lessons").join(lang);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the lesson directory is readable")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        files.sort_shared();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("a lesson is readable");
            let front = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n"))
                .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
            let field = |name: &str| {
                front
                    .0
                    .lines()
                    .find_map(|line| line.strip_prefix(&format!("{name}:")))
                    .map(|value| value.trim().trim_matches('"').to_owned())
                    .unwrap_or_default()
            };
            out.push(Lesson {
                lang,
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                id: field("id"),
                scenario: Some(field("scenario"))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "ocp4".to_owned()),
                lab: field("lab"),
                body: front.1.to_owned(),
            });
        }
    }
    out
}

/// The `{#id}` anchors of a lesson's headings.
fn anchors(body: &str) -> BTreeSet<String> {
    let mut inside_fence = false;
    let mut out = BTreeSet::new();
    for line in body.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            inside_fence = !inside_fence;
            continue;
        }
        if inside_fence || !line.starts_with('#') {
            continue;
        }
        if let Some(start) = line.rfind("{#") {
            let id = line[start + 2..].trim_end().trim_end_matches('}');
            out.insert(id.to_owned());
        }
    }
    out
}

/// The fenced code blocks of a lesson with the given info strings, as lists of lines.
fn code_blocks(body: &str, infos: &[&str]) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    let mut fence = String::new();
    for line in body.lines() {
        let trimmed = line.trim_start();
        match current.as_mut() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    fence = "```".into();
                    current = infos.contains(&info.trim()).then(Vec::new);
                    if current.is_none() {
                        // Skip a block we do not run: consume until its fence closes.
                        current = Some(vec!["\u{0}skip".into()]);
                    }
                }
            }
            Some(lines) => {
                if trimmed.starts_with(&fence) && trimmed.trim_end() == fence {
                    let done = current.take().unwrap();
                    if done.first().map(String::as_str) != Some("\u{0}skip") {
                        blocks.push(done);
                    }
                } else {
                    lines.push(line.to_owned());
                }
            }
        }
    }
    blocks
}

#[test]
fn every_seed_heading_is_mapped_to_an_anchor_in_both_languages() {
    let map = seed_map();
    assert!(!map.is_empty(), "the seed map has sections");
    let lessons = lessons();
    let mut anchors_of: BTreeMap<(&str, &str), BTreeSet<String>> = BTreeMap::new();
    for lesson in &lessons {
        anchors_of.insert((lesson.lang, lesson.id.as_str()), anchors(&lesson.body));
    }
    let mut problems = Vec::new();
    for section in &map {
        for field in [
            &section.seed,
            &section.heading,
            &section.lesson,
            &section.anchor,
        ] {
            if field.is_empty() {
                problems.push(format!("empty field in {section:?}"));
            }
        }
        for lang in ["ko", "en"] {
            match anchors_of.get(&(lang, section.lesson.as_str())) {
                None => problems.push(format!("{lang}: no lesson {}", section.lesson)),
                Some(set) if !set.contains(&section.anchor) => problems.push(format!(
                    "{lang}/{}: no anchor #{} (for {:?} of {})",
                    section.lesson, section.anchor, section.heading, section.seed
                )),
                Some(_) => {}
            }
        }
    }

    let seeds = seeds_dir();
    let mut checked = 0;
    if seeds.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(&seeds)
            .expect("the seed directory is readable")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        files.sort_shared();
        assert!(!files.is_empty(), "{} has seed notes", seeds.display());
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("a seed is readable");
            let found = seed_headings(&text);
            let mapped: Vec<&str> = map
                .iter()
                .filter(|s| s.seed == name)
                .map(|s| s.heading.as_str())
                .collect();
            // Each occurrence must be mapped: compare as multisets, reporting what differs.
            let mut remaining: Vec<&str> = mapped.clone();
            for heading in &found {
                checked += 1;
                match remaining.iter().position(|m| m == heading) {
                    Some(i) => {
                        remaining.remove(i);
                    }
                    None => problems.push(format!("{name}: heading {heading:?} is not mapped")),
                }
            }
            for extra in remaining {
                problems.push(format!(
                    "{name}: mapped heading {extra:?} is not in the seed"
                ));
            }
        }
        eprintln!(
            "seed map: {checked} seed headings checked against {} sections",
            map.len()
        );
    } else {
        eprintln!(
            "seed map: {} not found; checked the map's {} sections for internal consistency only",
            seeds.display(),
            map.len()
        );
    }
    assert!(
        problems.is_empty(),
        "{} seed-map problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_heading_extraction_follows_the_documented_rule() {
    let text = "# **Day 49** : AWS ##\n```\n# not a heading\n```\n    # indented code\n\
                ## 📌 AWS  \n물리머신 환경\t7\n## \n#nospace\n1. **bold** item\n";
    assert_eq!(
        seed_headings(text),
        vec!["Day 49 : AWS", "📌 AWS", "물리머신 환경"]
    );
}

#[test]
fn both_languages_have_the_same_anchors_in_the_same_order() {
    let lessons = lessons();
    let mut problems = Vec::new();
    for ko in lessons.iter().filter(|l| l.lang == "ko") {
        let Some(en) = lessons.iter().find(|l| l.lang == "en" && l.file == ko.file) else {
            problems.push(format!("{}: no English lesson", ko.file));
            continue;
        };
        if anchors(&ko.body) != anchors(&en.body) {
            problems.push(format!("{}: anchors differ between ko and en", ko.file));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The scenario a lesson's commands run against, as the lesson pane offers it: its front matter's.
fn scenario_for(lesson: &Lesson) -> &str {
    &lesson.scenario
}

#[test]
fn a_lesson_runs_on_a_built_in_scenario_and_on_its_labs() {
    let mut problems = Vec::new();
    for lesson in lessons() {
        if !["ocp4", "eks", "vanilla"].contains(&lesson.scenario.as_str()) {
            problems.push(format!(
                "{}/{}: unknown scenario {}",
                lesson.lang, lesson.file, lesson.scenario
            ));
        }
        if lesson.lab.is_empty() {
            continue;
        }
        let lab = std::fs::read_to_string(
            repo_root()
                .join("lessons/labs")
                .join(format!("{}.yaml", lesson.lab)),
        )
        .unwrap_or_else(|_| panic!("{}: no lab {}", lesson.file, lesson.lab));
        let lab_scenario = lab
            .lines()
            .find_map(|l| l.strip_prefix("scenario:"))
            .map(str::trim)
            .unwrap_or("ocp4");
        if lab_scenario != lesson.scenario {
            problems.push(format!(
                "{}/{}: the lesson runs on {} but its lab {} on {lab_scenario}",
                lesson.lang, lesson.file, lesson.scenario, lesson.lab
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether a command's output shows the command or one of its flags is unknown.
fn unknown_command(code: i32, stdout: &str, stderr: &str) -> bool {
    let text = format!("{stdout}{stderr}");
    code == 127
        || text.contains("command not found")
        || text.contains("unknown command")
        || text.contains("unknown flag")
        || text.contains("unknown shorthand flag")
        // The AWS CLI's answer to a service or operation it does not have.
        || text.contains("Invalid choice, valid choices are")
}

#[test]
fn every_shell_line_of_every_lesson_runs() {
    let mut run = 0;
    let mut offenders = Vec::new();
    let mut known_seen = BTreeSet::new();
    for lesson in lessons() {
        let blocks = code_blocks(&lesson.body, &["bash", "sh", "shell"]);
        let lines: Vec<String> = blocks
            .iter()
            .flatten()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let mut session = Session::new(scenario_for(&lesson), 1).expect("a built-in scenario");
        for block in &blocks {
            let depth = session.shell.frames.len();
            for line in block
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                run += 1;
                let out = session.exec(line);
                // `exit` returns the status of the command before it, as in bash.
                let leaving = line == "exit" || line.starts_with("exit ");
                if !leaving && unknown_command(out.code, &out.stdout, &out.stderr) {
                    let key = (lesson.file.as_str(), line);
                    if KNOWN_FAILURES.contains(&key) {
                        known_seen.insert((lesson.file.clone(), line.to_owned()));
                        continue;
                    }
                    let first = format!("{}{}", out.stdout, out.stderr);
                    let first = first.lines().next().unwrap_or_default().to_owned();
                    offenders.push(format!(
                        "{}/{}: {line}  →  exit {}: {first}",
                        lesson.lang, lesson.file, out.code
                    ));
                }
            }
            // A block typed inside a nested shell (`oc debug node/…`) ends with the learner back
            // at the workstation, as the lessons' notes say.
            for _ in 0..4 {
                if session.shell.frames.len() <= depth {
                    break;
                }
                session.exec("exit");
            }
        }
    }
    eprintln!(
        "lesson shell lines: {run} run, {} failed, {} known failures",
        offenders.len(),
        known_seen.len()
    );
    assert!(run > 0, "the lessons have shell lines");
    let stale: Vec<String> = KNOWN_FAILURES
        .iter()
        .filter(|(file, line)| !known_seen.contains(&((*file).to_owned(), (*line).to_owned())))
        .map(|(file, line)| format!("{file}: {line}"))
        .collect();
    assert!(
        stale.is_empty(),
        "known failures that now run (remove them from KNOWN_FAILURES):\n{}",
        stale.join("\n")
    );
    assert!(
        offenders.is_empty(),
        "{} lesson shell lines are unknown to the engine:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}
