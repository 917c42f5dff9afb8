//! Markdown to a small node tree (no raw HTML ever passes through), with glossary terms marked;
//! the lesson pane turns the tree into Yew nodes.

use engine::sort::SortShared;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::content::Term;

/// A node of a rendered lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element with a fixed tag, attributes and children.
    Element {
        /// The tag (`p`, `ul`, `h2`, `table`, …).
        tag: &'static str,
        /// Attributes (`id`, `class`, `start`, `style`).
        attrs: Vec<(&'static str, String)>,
        /// The children.
        children: Vec<Node>,
    },
    /// Text.
    Text(String),
    /// A fenced or indented code block with its info string.
    Code {
        /// The language (`bash`, `yaml`, …), empty when none.
        lang: String,
        /// The code.
        text: String,
    },
    /// A link: `view:NAME`, `#anchor` or an external URL.
    Link {
        /// The destination.
        href: String,
        /// The link text.
        children: Vec<Node>,
    },
    /// An image under `images/`.
    Image {
        /// The source path.
        src: String,
        /// The alternative text.
        alt: String,
    },
    /// A glossary term with its definition.
    Term {
        /// The text as it appears.
        text: String,
        /// The definition in the lesson's language.
        def: String,
    },
}

/// Parses a lesson body into nodes. HTML blocks and inline HTML are dropped.
pub fn parse(markdown: &str) -> Vec<Node> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS;
    // A stack of open elements; the bottom is the document.
    let mut stack: Vec<Node> = vec![element("div", Vec::new())];
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut cell = 0usize;
    let mut in_head = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                let node = match tag {
                    Tag::Paragraph => element("p", Vec::new()),
                    Tag::Heading { level, id, .. } => {
                        let attrs = id
                            .map(|id| vec![("id", id.to_string())])
                            .unwrap_or_default();
                        element(heading_tag(level), attrs)
                    }
                    Tag::BlockQuote(_) => element("blockquote", Vec::new()),
                    Tag::CodeBlock(kind) => Node::Code {
                        lang: match kind {
                            CodeBlockKind::Fenced(info) => info
                                .split_whitespace()
                                .next()
                                .unwrap_or_default()
                                .to_owned(),
                            CodeBlockKind::Indented => String::new(),
                        },
                        text: String::new(),
                    },
                    Tag::List(Some(start)) => element("ol", vec![("start", start.to_string())]),
                    Tag::List(None) => element("ul", Vec::new()),
                    Tag::Item => element("li", Vec::new()),
                    Tag::Table(aligns) => {
                        alignments = aligns;
                        element("table", Vec::new())
                    }
                    Tag::TableHead => {
                        in_head = true;
                        cell = 0;
                        element("thead", Vec::new())
                    }
                    Tag::TableRow => {
                        cell = 0;
                        element("tr", Vec::new())
                    }
                    Tag::TableCell => {
                        let align = match alignments.get(cell) {
                            Some(Alignment::Center) => vec![("style", "text-align:center".into())],
                            Some(Alignment::Right) => vec![("style", "text-align:right".into())],
                            _ => Vec::new(),
                        };
                        cell += 1;
                        element(if in_head { "th" } else { "td" }, align)
                    }
                    Tag::Emphasis => element("em", Vec::new()),
                    Tag::Strong => element("strong", Vec::new()),
                    Tag::Strikethrough => element("del", Vec::new()),
                    Tag::Link { dest_url, .. } => Node::Link {
                        href: dest_url.to_string(),
                        children: Vec::new(),
                    },
                    Tag::Image { dest_url, .. } => Node::Image {
                        src: dest_url.to_string(),
                        alt: String::new(),
                    },
                    // An HTML block is dropped with everything in it.
                    Tag::HtmlBlock => element("html-dropped", Vec::new()),
                    // Anything else (footnotes, definition lists) is kept as a plain span.
                    _ => element("span", Vec::new()),
                };
                stack.push(node);
            }
            Event::End(end) => {
                if matches!(end, TagEnd::TableHead) {
                    in_head = false;
                }
                let node = stack.pop().expect("every end has a start");
                let node = match node {
                    // A table head holds its cells directly; wrap them in a row.
                    Node::Element {
                        tag: "thead",
                        attrs,
                        children,
                    } => Node::Element {
                        tag: "thead",
                        attrs,
                        children: vec![element_with("tr", children)],
                    },
                    Node::Image { src, alt } if !safe_image(&src) => Node::Text(alt),
                    Node::Element {
                        tag: "html-dropped",
                        ..
                    } => continue,
                    other => other,
                };
                push_child(&mut stack, node);
            }
            Event::Text(text) => push_text(&mut stack, &text),
            Event::Code(code) => push_child(
                &mut stack,
                Node::Element {
                    tag: "code",
                    attrs: Vec::new(),
                    children: vec![Node::Text(code.to_string())],
                },
            ),
            Event::SoftBreak => push_text(&mut stack, " "),
            Event::HardBreak => push_child(&mut stack, element("br", Vec::new())),
            Event::Rule => push_child(&mut stack, element("hr", Vec::new())),
            Event::TaskListMarker(done) => push_text(&mut stack, if done { "☑ " } else { "☐ " }),
            // Raw HTML is never injected: it is dropped.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    while stack.len() > 1 {
        let node = stack.pop().unwrap();
        push_child(&mut stack, node);
    }
    match stack.pop() {
        Some(Node::Element { children, .. }) => children,
        _ => Vec::new(),
    }
}

/// Whether an image source is one of the lesson images (no remote or absolute URLs).
fn safe_image(src: &str) -> bool {
    src.strip_prefix("images/")
        .is_some_and(|name| !name.contains("..") && !name.contains('/'))
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

fn element(tag: &'static str, attrs: Vec<(&'static str, String)>) -> Node {
    Node::Element {
        tag,
        attrs,
        children: Vec::new(),
    }
}

fn element_with(tag: &'static str, children: Vec<Node>) -> Node {
    Node::Element {
        tag,
        attrs: Vec::new(),
        children,
    }
}

fn push_text(stack: &mut [Node], text: &str) {
    match stack.last_mut() {
        Some(Node::Code { text: code, .. }) => code.push_str(text),
        Some(Node::Image { alt, .. }) => alt.push_str(text),
        Some(Node::Element { children, .. } | Node::Link { children, .. }) => {
            if let Some(Node::Text(last)) = children.last_mut() {
                last.push_str(text);
            } else {
                children.push(Node::Text(text.to_owned()));
            }
        }
        _ => {}
    }
}

fn push_child(stack: &mut [Node], node: Node) {
    match stack.last_mut() {
        Some(Node::Element { children, .. } | Node::Link { children, .. }) => children.push(node),
        Some(Node::Image { alt, .. }) => alt.push_str(&plain_text(&[node])),
        _ => {}
    }
}

/// The text of nodes without markup.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(t) | Node::Term { text: t, .. } => out.push_str(t),
            Node::Code { text, .. } => out.push_str(text),
            Node::Image { alt, .. } => out.push_str(alt),
            Node::Element { children, .. } | Node::Link { children, .. } => {
                out.push_str(&plain_text(children))
            }
        }
    }
    out
}

/// The forms of a glossary term to look for: the term, and its parts outside and inside a
/// trailing parenthesis (`Availability Zone (AZ)` → `Availability Zone`, `AZ`).
fn term_forms(term: &str) -> Vec<String> {
    let mut forms = vec![term.trim().to_owned()];
    if let Some((head, tail)) = term.split_once(" (") {
        forms.push(head.trim().to_owned());
        let inner = tail.trim_end_matches(')').trim();
        if !inner.is_empty() {
            forms.push(inner.to_owned());
        }
    }
    forms.retain(|f| f.chars().count() >= 2);
    forms.sort_shared_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    forms
}

/// Marks the first occurrence of each glossary term in running text (not in headings, code or
/// links) with its definition in `lang`.
pub fn mark_terms(nodes: &mut [Node], terms: &[Term], lang: &str) {
    let mut patterns: Vec<(String, usize)> = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        if !term.only.is_empty() {
            patterns.extend(term.only.iter().map(|form| (form.clone(), i)));
            continue;
        }
        let name = if lang == "ko" { &term.ko } else { &term.en };
        for form in term_forms(name) {
            patterns.push((form, i));
        }
        if lang == "ko" {
            // Korean text often uses the English name too.
            for form in term_forms(&term.en) {
                patterns.push((form, i));
            }
        }
    }
    // A phrase a term is not meant in claims its words for no term.
    for term in terms {
        for phrase in &term.not_in {
            patterns.push((phrase.clone(), NOT_A_TERM));
        }
    }
    patterns.sort_shared_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let patterns: Vec<Pattern> = patterns
        .into_iter()
        .map(|(form, term)| Pattern {
            capital: capitalized(&form),
            form,
            term,
        })
        .collect();
    let finder = Finder::new(&patterns);
    let mut used = vec![false; terms.len()];
    let defs: Vec<&str> = terms
        .iter()
        .map(|t| {
            if lang == "ko" {
                t.def_ko.as_str()
            } else {
                t.def_en.as_str()
            }
        })
        .collect();
    let search = Search {
        patterns: &patterns,
        finder: &finder,
        defs: &defs,
    };
    mark_in(nodes, &search, &mut used);
}

/// A form to look for, with its capitalised spelling (made once, not at every search).
struct Pattern {
    form: String,
    capital: Option<String>,
    term: usize,
}

/// Which patterns occur in a text, found in one pass over it for all of them.
struct Finder {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// For every distinct spelling the automaton looks for, the patterns (by index) that spell it so.
    owners: Vec<Vec<usize>>,
}

impl Finder {
    fn new(patterns: &[Pattern]) -> Finder {
        let mut spellings: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            for spelling in std::iter::once(p.form.as_str()).chain(p.capital.as_deref()) {
                let at = *index.entry(spelling).or_insert_with(|| {
                    spellings.push(spelling);
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                if owners[at].last() != Some(&i) {
                    owners[at].push(i);
                }
            }
        }
        Finder {
            automaton: aho_corasick::AhoCorasick::new(&spellings).ok(),
            owners,
        }
    }

    /// The patterns that occur in `text`, in pattern order (all of them if the automaton could not be built).
    fn present<'a>(&self, patterns: &'a [Pattern], text: &str) -> Vec<&'a Pattern> {
        let Some(automaton) = &self.automaton else {
            return patterns.iter().collect();
        };
        let mut found: Vec<usize> = automaton
            .find_overlapping_iter(text)
            .flat_map(|m| self.owners[m.pattern().as_usize()].iter().copied())
            .collect();
        found.sort_shared();
        found.dedup();
        found.into_iter().map(|i| &patterns[i]).collect()
    }
}

/// What marking terms searches with.
struct Search<'a> {
    patterns: &'a [Pattern],
    finder: &'a Finder,
    defs: &'a [&'a str],
}

/// The pattern target of a `not_in` phrase.
const NOT_A_TERM: usize = usize::MAX;

fn mark_in(nodes: &mut [Node], search: &Search, used: &mut [bool]) {
    for node in nodes.iter_mut() {
        if let Node::Element { tag, children, .. } = node
            && !tag.starts_with('h')
            && *tag != "code"
        {
            let old = std::mem::take(children);
            for child in old {
                match child {
                    Node::Text(text) => split_terms(&text, search, used, children),
                    mut other => {
                        mark_in(std::slice::from_mut(&mut other), search, used);
                        children.push(other);
                    }
                }
            }
        }
    }
}

fn split_terms(text: &str, search: &Search, used: &mut [bool], out: &mut Vec<Node>) {
    let mut rest = text;
    let mut plain = String::new();
    // At each step the earliest and then longest form wins, marked or not: a term already marked
    // still claims its words, so a shorter term inside it (`Route` in `Route 53` or `Route table`)
    // never matches there.
    // Only forms that occur in the text can match anywhere in it; the others are left out of every search.
    let present = search.finder.present(search.patterns, text);
    while let Some((at, len, term)) = first_match(rest, &present) {
        plain.push_str(&rest[..at]);
        let found = &rest[at..at + len];
        if term == NOT_A_TERM || used[term] {
            plain.push_str(found);
        } else {
            if !plain.is_empty() {
                out.push(Node::Text(std::mem::take(&mut plain)));
            }
            out.push(Node::Term {
                text: found.to_owned(),
                def: search.defs[term].to_owned(),
            });
            used[term] = true;
        }
        rest = &rest[at + len..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Node::Text(plain));
    }
}

/// The earliest, then longest, occurrence of any form in `text`: (byte offset, byte length, term).
fn first_match(text: &str, patterns: &[&Pattern]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for Pattern {
        form,
        capital,
        term,
    } in patterns.iter().copied()
    {
        // A form in lower case also matches with a capital first letter, as at the start of a
        // sentence (`route table` in `Route tables are…`).
        for candidate in std::iter::once(form.as_str()).chain(capital.as_deref()) {
            let mut from = 0;
            while let Some(found) = text[from..].find(candidate) {
                let at = from + found;
                if best.is_some_and(|(b, _, _)| at > b) {
                    break;
                }
                if boundary_ok(text, at, candidate) {
                    if best.is_none_or(|(b, l, _)| at < b || candidate.len() > l) {
                        best = Some((at, candidate.len(), *term));
                    }
                    break;
                }
                from = at + candidate.len();
            }
        }
    }
    best
}

/// `form` with its first letter in upper case, when it starts with a lower-case ASCII letter.
fn capitalized(form: &str) -> Option<String> {
    let first = form.chars().next()?;
    first
        .is_ascii_lowercase()
        .then(|| format!("{}{}", first.to_ascii_uppercase(), &form[1..]))
}

/// Latin terms must stand as whole words (or their plurals); Korean terms may carry a particle after them.
fn boundary_ok(text: &str, at: usize, form: &str) -> bool {
    let before = text[..at].chars().next_back();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let starts_latin = form
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ends_latin = form
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    // An English plural ending (`Routes`, `route tables`, `Ingresses`) still counts as the term.
    let tail = &text[at + form.len()..];
    let ends_word = |t: &str| !latin(t.chars().next());
    let after_ok = !ends_latin
        || ends_word(tail)
        || tail.strip_prefix('s').is_some_and(ends_word)
        || tail.strip_prefix("es").is_some_and(ends_word);
    !(starts_latin && latin(before)) && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_dropped_and_never_becomes_an_element() {
        let nodes = parse("<script>alert(1)</script>\n\nHello <b>bold</b> world\n");
        assert_eq!(
            nodes,
            vec![Node::Element {
                tag: "p",
                attrs: vec![],
                children: vec![Node::Text("Hello bold world".into())],
            }]
        );
    }

    #[test]
    fn headings_keep_their_anchor_and_code_blocks_their_language() {
        let nodes = parse("## 서브넷 {#subnet}\n\n```bash\noc get pods\n```\n");
        assert_eq!(
            nodes[0],
            Node::Element {
                tag: "h2",
                attrs: vec![("id", "subnet".into())],
                children: vec![Node::Text("서브넷".into())],
            }
        );
        assert_eq!(
            nodes[1],
            Node::Code {
                lang: "bash".into(),
                text: "oc get pods\n".into()
            }
        );
    }

    #[test]
    fn tables_links_and_images_convert() {
        let nodes = parse(
            "| A | B |\n|---|:-:|\n| 1 | 2 |\n\n[보기](view:cluster) ![그림](images/a.svg) ![x](http://evil/x.png)\n",
        );
        let Node::Element {
            tag: "table",
            children,
            ..
        } = &nodes[0]
        else {
            panic!("{nodes:?}")
        };
        assert!(matches!(&children[0], Node::Element { tag: "thead", .. }));
        let Node::Element { children, .. } = &nodes[1] else {
            panic!()
        };
        assert!(children.contains(&Node::Link {
            href: "view:cluster".into(),
            children: vec![Node::Text("보기".into())]
        }));
        assert!(children.contains(&Node::Image {
            src: "images/a.svg".into(),
            alt: "그림".into()
        }));
        assert!(children.contains(&Node::Text("x".into())));
    }

    #[test]
    fn the_first_occurrence_of_a_term_gets_its_definition() {
        let terms = vec![Term {
            en: "Availability Zone (AZ)".into(),
            ko: "가용 영역 (AZ)".into(),
            def_en: "A data centre.".into(),
            def_ko: "데이터센터.".into(),
            not_in: Vec::new(),
            only: Vec::new(),
        }];
        let mut nodes = parse("# 가용 영역 {#az}\n\n가용 영역에 서브넷. 가용 영역 again, AZs\n");
        mark_terms(&mut nodes, &terms, "ko");
        let Node::Element { children, .. } = &nodes[1] else {
            panic!()
        };
        assert_eq!(
            children,
            &vec![
                Node::Term {
                    text: "가용 영역".into(),
                    def: "데이터센터.".into()
                },
                Node::Text("에 서브넷. 가용 영역 again, AZs".into()),
            ]
        );
        // The heading is left alone.
        assert_eq!(plain_text(&nodes[..1]), "가용 영역");
    }
    fn marked(markdown: &str, terms: &[Term], lang: &str) -> Vec<(String, String)> {
        fn walk(nodes: &[Node], out: &mut Vec<(String, String)>) {
            for node in nodes {
                match node {
                    Node::Term { text, def } => out.push((text.clone(), def.clone())),
                    Node::Element { children, .. } | Node::Link { children, .. } => {
                        walk(children, out)
                    }
                    _ => {}
                }
            }
        }
        let mut nodes = parse(markdown);
        mark_terms(&mut nodes, terms, lang);
        let mut out = Vec::new();
        walk(&nodes, &mut out);
        out
    }

    fn term(en: &str, ko: &str, def: &str) -> Term {
        Term {
            en: en.into(),
            ko: ko.into(),
            def_en: def.into(),
            def_ko: def.into(),
            not_in: Vec::new(),
            only: Vec::new(),
        }
    }

    #[test]
    fn a_term_never_matches_inside_a_longer_term_even_one_already_marked() {
        let terms = vec![
            term("Route", "라우트", "openshift route"),
            term("Route 53", "Route 53 (Route53)", "aws dns"),
            term("route table", "라우팅 테이블", "vpc routes"),
        ];
        // The second `Route 53` and the capitalised `Route table` must not become OpenShift Routes.
        let got = marked(
            "Route 53 hosts zones. Route 53 again. Route tables hold routes; a route table again.\n\n\
             To reach the app from outside, create a Route.\n",
            &terms,
            "en",
        );
        let pairs: Vec<(&str, &str)> = got.iter().map(|(t, d)| (t.as_str(), d.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("Route 53", "aws dns"),
                ("Route table", "vpc routes"),
                ("Route", "openshift route"),
            ]
        );
        // Korean text uses the glued spelling, and a Latin term followed by a particle still matches.
        let got = marked(
            "네트워킹 - VPC, Route53, Direct Connect. Route로 노출한다.\n",
            &terms,
            "ko",
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["Route53", "Route"]);
    }

    #[test]
    fn only_limits_the_spellings_and_not_in_blocks_phrases() {
        let mut service = term("Service", "서비스", "kubernetes service");
        service.only = vec!["Service".into()];
        service.not_in = vec!["Amazon Web Services".into(), "Database Service".into()];
        let terms = vec![service];
        // Everyday Korean `서비스` and AWS product names are not the Kubernetes object.
        let got = marked(
            "아마존 웹 서비스와 Amazon Web Services, Relational Database Service. 그리고 Service를 만든다.\n",
            &terms,
            "ko",
        );
        assert_eq!(got, vec![("Service".into(), "kubernetes service".into())]);
        let got = marked("Amazon Web Services offers it.\n", &terms, "en");
        assert!(got.is_empty(), "{got:?}");
    }

    /// The text of nodes with each marked term in brackets, `[[term]]`.
    fn bracketed(nodes: &[Node]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                Node::Term { text, .. } => out.push_str(&format!("[[{text}]]")),
                Node::Text(t) => out.push_str(t),
                Node::Code { text, .. } => out.push_str(text),
                Node::Image { alt, .. } => out.push_str(alt),
                Node::Element { children, .. } | Node::Link { children, .. } => {
                    out.push_str(&bracketed(children))
                }
            }
        }
        out
    }

    #[test]
    fn route_53_in_the_lessons_is_never_an_openshift_route() {
        use super::super::content::{glossary, lessons};
        let mut seen = 0;
        for lesson in lessons() {
            let mut nodes = parse(lesson.body);
            mark_terms(&mut nodes, glossary(), lesson.lang);
            let text = bracketed(&nodes);
            seen += text.matches("Route 53").count() + text.matches("Route53").count();
            assert!(
                !text.contains("[[Route]] 53") && !text.contains("[[Route]]53"),
                "{} {}",
                lesson.lang,
                lesson.id
            );
        }
        assert!(seen > 0, "no lesson mentions Route 53 any more");
    }
}
