//! Full-text search over the lessons of both languages: Hangul indexed as character bigrams (so
//! particles glued to words and missing spaces still match), Latin text as lower-cased words.

use engine::sort::SortShared;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::content::{self, Lesson};

/// One searchable section: the text under one heading of one lesson.
#[derive(Debug, Clone)]
pub struct Section {
    /// The lesson's language.
    pub lang: &'static str,
    /// The lesson id.
    pub lesson: String,
    /// The heading's anchor (empty for text before the first heading).
    pub anchor: String,
    /// The heading text.
    pub heading: String,
    /// The section's plain text (heading included).
    pub text: String,
}

/// A ranked search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The index of the section in [`Index::sections`].
    pub section: usize,
    /// The score (higher is better).
    pub score: f32,
    /// A snippet of the section as (text, highlighted) pieces.
    pub snippet: Vec<(String, bool)>,
}

/// An inverted index from tokens to sections.
pub struct Index {
    /// The indexed sections.
    pub sections: Vec<Section>,
    postings: HashMap<String, Vec<(u32, u16)>>,
}

/// Whether a character is a Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The tokens of a text: Hangul bigrams (a lone syllable stays a unigram) and lower-cased words.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut hangul: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_hangul = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for pair in run.windows(2) {
            out.push(pair.iter().collect());
        }
        run.clear();
    };
    for c in text.chars() {
        if is_hangul(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            hangul.push(c);
        } else if c.is_alphanumeric() {
            flush_hangul(&mut hangul, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_hangul(&mut hangul, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush_hangul(&mut hangul, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl Index {
    /// Builds the index over sections.
    pub fn new(sections: Vec<Section>) -> Index {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        for (i, section) in sections.iter().enumerate() {
            let mut counts: HashMap<String, u16> = HashMap::new();
            for token in tokens(&section.text) {
                *counts.entry(token).or_default() += 1;
            }
            for (token, count) in counts {
                postings.entry(token).or_default().push((i as u32, count));
            }
        }
        Index { sections, postings }
    }

    /// The index over every embedded lesson, built once.
    pub fn lessons() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| Index::new(content::lessons().iter().flat_map(sections_of).collect()))
    }

    /// The best sections for a query, at most `limit`, best first, one per lesson heading (the
    /// better of its two languages); `lang` puts that language first among equal scores. A section
    /// must contain at least half of the query's distinct tokens. Only the hits returned get a
    /// snippet.
    pub fn search(&self, query: &str, lang: &str, limit: usize) -> Vec<Hit> {
        let mut wanted: Vec<String> = tokens(query);
        wanted.sort_shared();
        wanted.dedup();
        if wanted.is_empty() {
            return Vec::new();
        }
        let total = self.sections.len() as f32;
        let mut scores: HashMap<u32, (usize, f32)> = HashMap::new();
        for token in &wanted {
            let Some(list) = self.postings.get(token) else {
                continue;
            };
            let idf = (1.0 + total / list.len() as f32).ln();
            for &(section, count) in list {
                let entry = scores.entry(section).or_default();
                entry.0 += 1;
                entry.1 += (1.0 + (count as f32).ln()) * idf;
            }
        }
        let needed = wanted.len().div_ceil(2);
        let mut ranked: Vec<(u32, usize, f32)> = scores
            .into_iter()
            .filter(|&(_, (matched, _))| matched >= needed)
            .map(|(s, (matched, score))| (s, matched, score))
            .collect();
        ranked.sort_shared_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.2.total_cmp(&a.2))
                .then_with(|| {
                    let la = self.sections[a.0 as usize].lang == lang;
                    let lb = self.sections[b.0 as usize].lang == lang;
                    lb.cmp(&la)
                })
                .then(a.0.cmp(&b.0))
        });
        let wanted: HashSet<String> = wanted.into_iter().collect();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        ranked
            .into_iter()
            .filter(|&(section, _, _)| {
                let s = &self.sections[section as usize];
                seen.insert((s.lesson.as_str(), s.anchor.as_str()))
            })
            .take(limit)
            .map(|(section, matched, score)| Hit {
                section: section as usize,
                score: matched as f32 * 1000.0 + score,
                snippet: snippet(&self.sections[section as usize].text, &wanted, 40),
            })
            .collect()
    }
}

/// Splits a lesson into sections at its headings, as plain text.
pub fn sections_of(lesson: &Lesson) -> Vec<Section> {
    let mut out = Vec::new();
    let mut current = Section {
        lang: lesson.lang,
        lesson: lesson.id.clone(),
        anchor: String::new(),
        heading: lesson.title.clone(),
        text: String::new(),
    };
    let mut fence = false;
    for line in lesson.body.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if !fence && line.starts_with('#') {
            let text = line.trim_start_matches('#').trim();
            let (heading, anchor) = match text.rfind("{#") {
                Some(i) => (
                    text[..i].trim().to_owned(),
                    text[i + 2..].trim_end_matches('}').to_owned(),
                ),
                None => (text.to_owned(), String::new()),
            };
            if !current.text.trim().is_empty() {
                out.push(current.clone());
            }
            current.anchor = anchor;
            current.heading = heading.clone();
            current.text = heading;
            current.text.push('\n');
            continue;
        }
        current.text.push_str(&plain_line(line));
        current.text.push('\n');
    }
    if !current.text.trim().is_empty() {
        out.push(current);
    }
    out
}

/// A Markdown line with its most visible markup removed, for searching and snippets.
fn plain_line(line: &str) -> String {
    let mut line = line.to_owned();
    // Image and link targets and attribute blocks are not text a reader sees.
    for (open, close) in [("](", ')'), ("{#", '}')] {
        while let Some(start) = line.find(open) {
            let end = line[start..]
                .find(close)
                .map_or(line.len(), |e| start + e + 1);
            line.replace_range(start..end, " ");
        }
    }
    let mut text = line
        .trim()
        .trim_start_matches(['-', '*', '>', '|'])
        .trim()
        .to_owned();
    for mark in ["**", "`", "![", "["] {
        text = text.replace(mark, " ");
    }
    text.replace('|', " ")
}

/// A window of about `radius` characters on each side of the first match, as (text, highlighted).
pub fn snippet(text: &str, wanted: &HashSet<String>, radius: usize) -> Vec<(String, bool)> {
    // The query's few tokens are compared by linear search, which beats hashing every pair and
    // word of the section: Hangul tokens as character pairs (a lone syllable pairs with itself),
    // Latin words as lower-case characters.
    let mut pairs: Vec<(char, char)> = Vec::new();
    let mut words: Vec<Vec<char>> = Vec::new();
    for token in wanted {
        let cs: Vec<char> = token.chars().collect();
        match cs.as_slice() {
            [a, b] if is_hangul(*a) => pairs.push((*a, *b)),
            [a] if is_hangul(*a) => pairs.push((*a, *a)),
            _ => words.push(cs),
        }
    }
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut marked = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_hangul(c) {
            if i + 1 < chars.len() && is_hangul(chars[i + 1]) {
                if pairs.contains(&(c, chars[i + 1])) {
                    marked[i] = true;
                    marked[i + 1] = true;
                }
            } else if pairs.contains(&(c, c)) {
                marked[i] = true;
            }
            i += 1;
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !is_hangul(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            let same = |w: &Vec<char>| {
                w.len() == run.len()
                    && w.iter()
                        .zip(run)
                        .all(|(a, b)| *a == *b || b.to_lowercase().eq(std::iter::once(*a)))
            };
            if words.iter().any(same) {
                marked[start..i].iter_mut().for_each(|m| *m = true);
            }
        } else {
            i += 1;
        }
    }
    drop_stray_bigrams(&chars, &mut marked);
    let first = marked.iter().position(|&m| m).unwrap_or(0);
    let start = first.saturating_sub(radius);
    let end = (first + radius * 2).min(chars.len());
    let mut pieces: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        pieces.push(("…".into(), false));
    }
    for k in start..end {
        match pieces.last_mut() {
            Some((text, hl)) if *hl == marked[k] => text.push(chars[k]),
            _ => pieces.push((chars[k].to_string(), marked[k])),
        }
    }
    if end < chars.len() {
        pieces.push(("…".into(), false));
    }
    pieces
}

/// Unmarks Hangul runs shorter than the longest one (up to three syllables), so that `클러스터를`
/// highlights `클러스터` and not the stray `터를` of `데이터를`.
fn drop_stray_bigrams(chars: &[char], marked: &mut [bool]) {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if marked[i] && is_hangul(chars[i]) {
            let start = i;
            while i < chars.len() && marked[i] && is_hangul(chars[i]) {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let longest = runs.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    let keep = longest.min(3);
    for (a, b) in runs {
        if b - a < keep {
            marked[a..b].iter_mut().for_each(|m| *m = false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(lang: &'static str, anchor: &str, text: &str) -> Section {
        Section {
            lang,
            lesson: "l".into(),
            anchor: anchor.into(),
            heading: anchor.into(),
            text: text.into(),
        }
    }

    #[test]
    fn hangul_becomes_bigrams_and_latin_lowercase_words() {
        assert_eq!(
            tokens("클러스터를 EKS로 Pod"),
            vec!["클러", "러스", "스터", "터를", "eks", "로", "pod"]
        );
        assert_eq!(tokens("- VPC, 서브넷!"), vec!["vpc", "서브", "브넷"]);
    }

    #[test]
    fn a_particle_glued_to_a_word_still_matches() {
        let index = Index::new(vec![
            section("ko", "a", "쿠버네티스 클러스터 아키텍처"),
            section("ko", "b", "서브넷과 라우팅 테이블"),
        ]);
        let hits = index.search("클러스터를", "ko", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(index.sections[hits[0].section].anchor, "a");
        let highlighted: String = hits[0]
            .snippet
            .iter()
            .filter(|(_, hl)| *hl)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(highlighted, "클러스터");
    }

    #[test]
    fn a_stray_bigram_is_not_highlighted_and_the_snippet_shows_the_word() {
        let text = format!(
            "데이터를 모은다. {} 쿠버네티스 클러스터에 배포한다.",
            "가".repeat(100)
        );
        let wanted: HashSet<String> = tokens("클러스터를").into_iter().collect();
        let pieces = snippet(&text, &wanted, 20);
        let highlighted: Vec<&str> = pieces
            .iter()
            .filter(|(_, hl)| *hl)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(highlighted, vec!["클러스터"]);
        assert!(pieces[0].0.starts_with('…'), "{pieces:?}");
    }

    #[test]
    fn words_without_spaces_match_spaced_text_and_latin_is_case_insensitive() {
        let index = Index::new(vec![
            section("ko", "a", "가용 영역에 서브넷을 만든다"),
            section("en", "b", "Create a subnet in each Availability Zone"),
            section("en", "c", "Nothing relevant here"),
        ]);
        let hits = index.search("가용영역", "ko", 10);
        assert_eq!(index.sections[hits[0].section].anchor, "a");
        let hits = index.search("SUBNET zone", "en", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(index.sections[hits[0].section].anchor, "b");
        assert!(index.search("", "en", 10).is_empty());
    }

    #[test]
    fn the_lesson_index_answers_fast_in_both_languages() {
        let index = Index::lessons();
        assert!(
            index.sections.len() > 100,
            "{} sections",
            index.sections.len()
        );
        let started = std::time::Instant::now();
        for query in [
            "클러스터를",
            "서브넷",
            "worker node",
            "파드를 삭제",
            "openshift-install",
        ] {
            let hits = index.search(query, "ko", 20);
            assert!(!hits.is_empty(), "no hit for {query}");
        }
        let per_query = started.elapsed() / 5;
        eprintln!(
            "search: {} sections, {per_query:?} per query",
            index.sections.len()
        );
        assert!(per_query.as_millis() < 50, "{per_query:?} per query");
    }
}
