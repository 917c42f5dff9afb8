//! The embedded lessons and glossary: front matter, sections and bilingual terms, all native Rust.

use engine::sort::SortShared;
use std::sync::OnceLock;

mod index {
    include!(concat!(env!("OUT_DIR"), "/lesson_index.rs"));
}

/// The width and height of a lesson diagram (`images/NAME.svg`), when the build knew it.
pub fn image_size(src: &str) -> Option<(u32, u32)> {
    let name = src.rsplit('/').next()?;
    index::IMAGE_SIZES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, w, h)| (*w, *h))
}

/// The courses in sidebar order.
pub const COURSES: &[&str] = &["days", "weeks", "architecture", "install"];

/// A course's name in a language.
pub fn course_title(course: &str, lang: &str) -> &'static str {
    match (course, lang) {
        ("days", "ko") => "일차별 학습 (Days)",
        ("weeks", "ko") => "주차별 학습 (Weeks)",
        ("architecture", "ko") => "아키텍처",
        ("install", "ko") => "설치",
        ("days", _) => "Days",
        ("weeks", _) => "Weeks",
        ("architecture", _) => "Architecture",
        ("install", _) => "Install",
        _ => "Other",
    }
}

/// One lesson in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The language, `ko` or `en`.
    pub lang: &'static str,
    /// The lesson id (front matter `id`).
    pub id: String,
    /// The position in the course list (front matter `order`).
    pub order: u32,
    /// The course (`days`, `weeks`, `architecture`, `install`).
    pub course: String,
    /// The title in the lesson's language.
    pub title: String,
    /// The live view shown beside the lesson.
    pub view: String,
    /// The lab that goes with the lesson (front matter `lab`), empty for none.
    pub lab: String,
    /// The scenario the lesson's commands are written for (front matter `scenario`, `ocp4` when absent).
    pub scenario: String,
    /// The Markdown after the front matter.
    pub body: &'static str,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Term {
    /// The term in English.
    pub en: String,
    /// The term in Korean.
    pub ko: String,
    /// The definition in English.
    pub def_en: String,
    /// The definition in Korean.
    pub def_ko: String,
    /// Phrases (in either language) inside which the term is not meant, such as `Amazon Web
    /// Services` for the Kubernetes `Service`; nothing is marked inside them.
    #[serde(default)]
    pub not_in: Vec<String>,
    /// When not empty, the only spellings looked for in either language, instead of `en` and
    /// `ko` (for a term whose Korean name is an everyday word, such as `서비스` for `Service`).
    #[serde(default)]
    pub only: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Glossary {
    term: Vec<Term>,
}

/// Every embedded lesson, both languages, sorted by order.
pub fn lessons() -> &'static [Lesson] {
    static LESSONS: OnceLock<Vec<Lesson>> = OnceLock::new();
    LESSONS.get_or_init(|| {
        let mut out: Vec<Lesson> = index::LESSON_FILES
            .iter()
            .filter_map(|(lang, _, text)| parse_lesson(lang, text))
            .collect();
        out.sort_shared_by_key(|l| l.order);
        out
    })
}

/// The lessons of one language, in order.
pub fn lessons_in(lang: &str) -> impl Iterator<Item = &'static Lesson> {
    let lang = if lang == "en" { "en" } else { "ko" };
    lessons().iter().filter(move |l| l.lang == lang)
}

/// A lesson by language and id.
pub fn lesson(lang: &str, id: &str) -> Option<&'static Lesson> {
    lessons_in(lang).find(|l| l.id == id)
}

/// The glossary terms.
pub fn glossary() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| {
        basic_toml::from_str::<Glossary>(index::GLOSSARY_TOML)
            .map(|g| g.term)
            .unwrap_or_default()
    })
}

/// Splits a lesson file into front matter fields and body.
pub fn parse_lesson(lang: &'static str, text: &'static str) -> Option<Lesson> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let front = &rest[..end];
    let body = &rest[end + 5..];
    let field = |name: &str| -> String {
        front
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(unquote)
            .unwrap_or_default()
    };
    Some(Lesson {
        lang,
        id: field("id"),
        order: field("order").parse().unwrap_or(u32::MAX),
        course: field("course"),
        title: field("title"),
        view: field("view"),
        lab: field("lab"),
        scenario: Some(field("scenario"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "ocp4".to_owned()),
        body,
    })
}

/// A YAML scalar from front matter: plain, single- or double-quoted.
fn unquote(value: &str) -> String {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value
            .split(" #")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_diagram_a_lesson_shows_has_its_size() {
        let mut shown = 0;
        for lesson in lessons_in("en").chain(lessons_in("ko")) {
            for line in lesson.body.lines().filter(|l| l.starts_with("![")) {
                let src = line
                    .rsplit('(')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(')');
                let (w, h) = image_size(src).unwrap_or_else(|| panic!("no size for {src}"));
                assert!(w > 0 && h > 0, "{src}: {w}x{h}");
                shown += 1;
            }
        }
        assert!(shown > 0, "the lessons show diagrams");
        assert_eq!(
            image_size("images/ocp-control-vs-compute.svg"),
            Some((640, 400))
        );
    }

    #[test]
    fn every_lesson_exists_in_both_languages_with_the_same_course() {
        let ko: Vec<_> = lessons_in("ko").collect();
        let en: Vec<_> = lessons_in("en").collect();
        assert!(ko.len() >= 20, "{} Korean lessons", ko.len());
        assert_eq!(ko.len(), en.len());
        for (k, e) in ko.iter().zip(&en) {
            assert_eq!((&k.id, &k.course, k.order), (&e.id, &e.course, e.order));
            assert!(COURSES.contains(&k.course.as_str()), "{}", k.course);
            assert!(!k.title.is_empty() && !e.title.is_empty());
        }
    }

    #[test]
    fn the_glossary_parses_with_both_languages() {
        let terms = glossary();
        assert!(terms.len() > 50, "{} terms", terms.len());
        assert!(
            terms
                .iter()
                .all(|t| !t.ko.is_empty() && !t.def_en.is_empty())
        );
    }
}
