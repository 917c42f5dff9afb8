//! The lesson pane: the embedded bilingual lessons with a course sidebar, search, glossary
//! tooltips, runnable shell blocks and hash routing (`#/ko/lesson-id#anchor`).

pub mod content;
pub mod markdown;
mod scenario_notice;
pub mod search;

use std::collections::BTreeSet;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use content::{COURSES, Lesson};
use markdown::Node;

/// The properties of [`LessonPane`].
#[derive(Properties, PartialEq, Clone)]
pub struct LessonPaneProps {
    /// The reader's language, `ko` or `en`.
    pub lang: AttrValue,
    /// Runs one terminal input (a command line, or a heredoc for Apply).
    pub on_run: Callback<String>,
    /// Switches the work-area tab (`cluster`, `vpc`, `install`, `terminal`).
    pub on_view: Callback<String>,
    /// Called when a deep link asks for another language than `lang`.
    #[prop_or_default]
    pub on_lang: Callback<String>,
    /// Starts a fresh session on a scenario (the lesson's, when it needs another one).
    pub restart: Callback<String>,
}

/// Where the reader is: a lesson and optionally a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// `ko` or `en`.
    pub lang: String,
    /// The lesson id.
    pub lesson: String,
    /// The heading anchor, empty for the top.
    pub anchor: String,
}

impl Route {
    /// Parses `#/ko/lesson-id#anchor` (the leading `#` optional).
    pub fn parse(hash: &str) -> Option<Route> {
        let rest = hash.strip_prefix('#').unwrap_or(hash).strip_prefix('/')?;
        let (lang, rest) = rest.split_once('/')?;
        if lang != "ko" && lang != "en" {
            return None;
        }
        let (lesson, anchor) = rest.split_once('#').unwrap_or((rest, ""));
        content::lesson(lang, lesson)?;
        Some(Route {
            lang: lang.into(),
            lesson: lesson.into(),
            anchor: anchor.into(),
        })
    }

    /// The hash for this route.
    pub fn to_hash(&self) -> String {
        if self.anchor.is_empty() {
            format!("#/{}/{}", self.lang, self.lesson)
        } else {
            format!("#/{}/{}#{}", self.lang, self.lesson, self.anchor)
        }
    }
}

/// The shell commands of a code block, one per non-empty, non-comment line, in order.
pub fn shell_commands(code: &str) -> Vec<String> {
    code.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The terminal input that applies a YAML manifest.
pub fn apply_input(yaml: &str) -> String {
    let mut input = format!("cat <<'EOF' | kubectl apply -f -\n{yaml}");
    if !input.ends_with('\n') {
        input.push('\n');
    }
    input.push_str("EOF");
    input
}

const READ_KEY: &str = "bastion.lessons.read";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load_read() -> BTreeSet<String> {
    storage()
        .and_then(|s| s.get_item(READ_KEY).ok()?)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_read(read: &BTreeSet<String>) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(read)) {
        let _ = s.set_item(READ_KEY, &text);
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn set_hash(hash: &str) {
    if let Some(w) = web_sys::window()
        && current_hash() != hash
    {
        let _ = w.location().set_hash(hash);
    }
}

fn heading_dom_id(anchor: &str) -> String {
    format!("lesson-{anchor}")
}

fn scroll_to(anchor: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = if anchor.is_empty() {
        doc.get_element_by_id("lesson-top")
    } else {
        doc.get_element_by_id(&heading_dom_id(anchor))
    };
    if let Some(el) = target {
        el.scroll_into_view();
    }
}

/// The anchor of the last heading scrolled past the top of the article.
fn visible_anchor(article: &web_sys::Element) -> String {
    let top = article.get_bounding_client_rect().top();
    let mut anchor = String::new();
    if let Ok(list) = article.query_selector_all("[data-anchor]") {
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            if el.get_bounding_client_rect().top() - top <= 24.0 {
                anchor = el.get_attribute("data-anchor").unwrap_or_default();
            } else {
                break;
            }
        }
    }
    anchor
}

/// Milliseconds from the page's clock, for showing how long a search took.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Builds the search index and runs one search in each script, so that the reader's first search
/// finds the index built and the WebAssembly code already compiled to its fast tier.
fn warm_up_search(lang: &str) {
    let index = search::Index::lessons();
    for query in ["클러스터를", "cluster nodes"] {
        let _ = index.search(query, lang, 20);
    }
}

fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _promise = w.navigator().clipboard().write_text(text);
    }
}

/// The lesson pane.
#[function_component(LessonPane)]
pub fn lesson_pane(props: &LessonPaneProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.lesson_pane");
    let lang: &'static str = if props.lang.as_str() == "en" {
        "en"
    } else {
        "ko"
    };
    let first = content::lessons_in(lang)
        .next()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    // Where the reader is. The pane always shows `lang`; a route in another language (a deep link
    // or the browser's Back) waits until the parent has switched the language through `on_lang`.
    let route = use_state(|| {
        Route::parse(&current_hash()).unwrap_or(Route {
            lang: lang.into(),
            lesson: first.clone(),
            anchor: String::new(),
        })
    });
    let read = use_state(load_read);
    let query = use_state(String::new);
    let toc_open = use_state(|| false);
    let article_ref = use_node_ref();
    // The heading the reader is at: set by every jump to a heading and by scrolling.
    let position = use_mut_ref(String::new);
    // The language of the latest render, for the hash listener (which outlives renders).
    let lang_now = use_mut_ref(|| lang);
    *lang_now.borrow_mut() = lang;
    // The lesson's text waits for two paints after the pane's first render: the page's first render stays short,
    // the glossary is read in a task of its own after the first paint, and the lesson is parsed and shown after
    // the next one, so none of the three makes a long task.
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            crate::hooks::use_session::after_next_paint(move || {
                crate::hooks::timing::span("lessons.glossary", || content::glossary().len());
                crate::hooks::use_session::after_next_paint(move || ready.set(true));
            });
        });
    }
    // The rendered lesson, parsed once per lesson and language.
    let nodes = use_memo((lang, route.lesson.clone(), *ready), |(lang, id, ready)| {
        if !*ready {
            return Vec::new();
        }
        let _span = crate::hooks::timing::Span::start("lessons.parse");
        let lesson = content::lesson(lang, id).or_else(|| content::lessons_in(lang).next());
        let mut nodes = lesson.map(|l| markdown::parse(l.body)).unwrap_or_default();
        markdown::mark_terms(&mut nodes, content::glossary(), lang);
        nodes
    });

    // Deep links: follow the hash on load and whenever it changes.
    {
        let route = route.clone();
        let on_lang = props.on_lang.clone();
        let lang_now = lang_now.clone();
        use_effect_with((), move |_| {
            if let Some(r) = Route::parse(&current_hash())
                && r.lang != *lang_now.borrow()
            {
                on_lang.emit(r.lang.clone());
            }
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(r) = Route::parse(&current_hash()) {
                        if r.lang != *lang_now.borrow() {
                            on_lang.emit(r.lang.clone());
                        }
                        route.set(r);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // A language switch keeps the lesson and the heading the reader is at. (A route already in
    // the new language came from a deep link and keeps its own heading.)
    {
        let route = route.clone();
        let position = position.clone();
        let shown = use_mut_ref(|| lang);
        use_effect_with(lang, move |&lang| {
            if *shown.borrow() != lang {
                *shown.borrow_mut() = lang;
                if route.lang != lang {
                    route.set(Route {
                        lang: lang.into(),
                        lesson: route.lesson.clone(),
                        anchor: position.borrow().clone(),
                    });
                }
            }
        });
    }
    // Keep the hash in step with the route and scroll to its heading once the route's language is shown. The
    // first lesson shown without a heading to go to is already at its top: scrolling there would only make the
    // browser lay the fresh lesson out in the same task.
    {
        let position = position.clone();
        let shown_before = use_mut_ref(|| false);
        use_effect_with(((*route).clone(), lang, *ready), move |(r, lang, ready)| {
            if r.lang == *lang && *ready {
                set_hash(&r.to_hash());
                let first = !std::mem::replace(&mut *shown_before.borrow_mut(), true);
                if !(first && r.anchor.is_empty()) {
                    scroll_to(&r.anchor);
                }
                *position.borrow_mut() = r.anchor.clone();
            }
        });
    }

    // The route as of the latest render, for callbacks made in earlier ones.
    let route_now = use_mut_ref(|| (*route).clone());
    *route_now.borrow_mut() = (*route).clone();
    let go = {
        let route_now = route_now.clone();
        let route = route.clone();
        let query = query.clone();
        let toc_open = toc_open.clone();
        let position = position.clone();
        move |lesson: String, anchor: String| {
            query.set(String::new());
            toc_open.set(false);
            let next = Route {
                lang: lang.into(),
                lesson,
                anchor,
            };
            // Going where the route already points (the reader has scrolled away) scrolls back there.
            if *route_now.borrow() == next {
                scroll_to(&next.anchor);
                *position.borrow_mut() = next.anchor.clone();
            } else {
                route.set(next);
            }
        }
    };

    let lessons: Vec<&'static Lesson> = content::lessons_in(lang).collect();
    let here = lessons
        .iter()
        .position(|l| l.id == route.lesson)
        .unwrap_or(0);
    let Some(lesson) = lessons.get(here).copied() else {
        return html! { <div class="lesson-pane">{ "no lessons" }</div> };
    };

    let onscroll = {
        let article_ref = article_ref.clone();
        let position = position.clone();
        let route_now = route_now.clone();
        Callback::from(move |_: Event| {
            // While a language switch is under way the article holds the other language's text, which the browser
            // may scroll by clamping: that is not the reader moving, and the switch must keep their heading.
            if route_now.borrow().lang != lang {
                return;
            }
            if let Some(el) = article_ref.cast::<web_sys::Element>() {
                *position.borrow_mut() = visible_anchor(&el);
            }
        })
    };

    let mark_read = {
        let read = read.clone();
        move |id: &str, on: bool| {
            let mut next = (*read).clone();
            let changed = if on {
                next.insert(id.to_owned())
            } else {
                next.remove(id)
            };
            if changed {
                save_read(&next);
                read.set(next);
            }
        }
    };
    let done = read.contains(&lesson.id);
    let toggle_read = {
        let mark_read = mark_read.clone();
        let id = lesson.id.clone();
        Callback::from(move |_| mark_read(&id, !done))
    };
    let nav_button = |target: Option<&&'static Lesson>, label: &str, class: &str| -> Html {
        match target {
            Some(t) => {
                let go = go.clone();
                let mark_read = mark_read.clone();
                let current = lesson.id.clone();
                let id = t.id.clone();
                let next = class == "next";
                let onclick = Callback::from(move |_| {
                    // Going on to the next lesson counts as having read this one.
                    if next {
                        mark_read(&current, true);
                    }
                    go(id.clone(), String::new());
                });
                html! {
                    <button class={classes!("lesson-nav", class.to_owned())} {onclick}>
                        <span class="nav-dir">{ label.to_owned() }</span>
                        <span class="nav-title">{ t.title.clone() }</span>
                    </button>
                }
            }
            None => html! { <span class="lesson-nav-empty"></span> },
        }
    };
    let ko = lang == "ko";
    let (prev_label, next_label) = if ko {
        ("← 이전", "다음 →")
    } else {
        ("← Previous", "Next →")
    };
    let (done_label, undone_label) = if ko {
        ("✓ 읽음", "읽음으로 표시")
    } else {
        ("✓ Read", "Mark as read")
    };
    let (search_label, contents_label) = if ko {
        ("레슨 검색 (예: 클러스터)", "목차")
    } else {
        ("Search lessons (e.g. cluster)", "Contents")
    };

    let searching = !query.trim().is_empty();
    let sidebar = if !searching {
        html! {
            <nav class="lesson-toc" aria-label={contents_label}>
                { for COURSES.iter().map(|course| {
                    let items = lessons.iter().filter(|l| l.course == *course);
                    html! {
                        <section class="lesson-course">
                            <h2>{ content::course_title(course, lang) }</h2>
                            <ol>
                                { for items.map(|l| {
                                    let go = go.clone();
                                    let id = l.id.clone();
                                    let active = l.id == lesson.id;
                                    let done = read.contains(&l.id);
                                    html! {
                                        <li class={classes!(active.then_some("active"), done.then_some("read"))}>
                                            <a href={Route { lang: lang.into(), lesson: l.id.clone(), anchor: String::new() }.to_hash()}
                                               aria-current={active.then_some("page")}
                                               onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); go(id.clone(), String::new()); })}>
                                                <span class="check" aria-label={done.then_some(if ko { "읽음" } else { "read" })}>{ if done { "✓" } else { "" } }</span>
                                                <span class="toc-title">{ l.title.clone() }</span>
                                            </a>
                                        </li>
                                    }
                                }) }
                            </ol>
                        </section>
                    }
                }) }
            </nav>
        }
    } else {
        let started = now_ms();
        let index = search::Index::lessons();
        let hits = index.search(&query, lang, 20);
        let elapsed = now_ms() - started;
        let count = if ko {
            format!("{}개 결과", hits.len())
        } else if hits.len() == 1 {
            "1 result".to_owned()
        } else {
            format!("{} results", hits.len())
        };
        html! {
            <nav class="lesson-search-results" aria-label={search_label}>
                <p class="search-meta" data-ms={format!("{elapsed:.2}")}>{ format!("{count} · {elapsed:.1} ms") }</p>
                if hits.is_empty() {
                    <p class="empty">{ if ko { "결과 없음" } else { "No results" } }</p>
                }
                { for hits.iter().map(|hit| {
                    let s = &index.sections[hit.section];
                    let go = go.clone();
                    let (id, anchor) = (s.lesson.clone(), s.anchor.clone());
                    let title = content::lesson(lang, &s.lesson).map(|l| l.title.clone()).unwrap_or_default();
                    let other = (s.lang != lang).then(|| html! { <span class="hit-lang">{ s.lang }</span> });
                    html! {
                        <button class="search-hit" data-lesson={id.clone()} data-anchor={anchor.clone()}
                            onclick={Callback::from(move |_| go(id.clone(), anchor.clone()))}>
                            <span class="hit-title">{ other }{ title }{ " › " }{ s.heading.clone() }</span>
                            <span class="hit-snippet">
                                { for hit.snippet.iter().map(|(t, hl)| if *hl { html!{ <mark>{ t.clone() }</mark> } } else { html!{ t.clone() } }) }
                            </span>
                        </button>
                    }
                }) }
            </nav>
        }
    };

    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let onkeydown = {
        let query = query.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                query.set(String::new());
            }
        })
    };
    let on_toggle_toc = {
        let toc_open = toc_open.clone();
        Callback::from(move |_| toc_open.set(!*toc_open))
    };
    // Run and Apply show the terminal first, so the reader sees the command and its output.
    let on_run = {
        let on_run = props.on_run.clone();
        let on_view = props.on_view.clone();
        Callback::from(move |input: String| {
            on_view.emit("terminal".into());
            on_run.emit(input);
        })
    };
    let drawer = *toc_open || searching;
    // A click in the lesson closes the contents drawer over it.
    let close_drawer = {
        let toc_open = toc_open.clone();
        Callback::from(move |_: MouseEvent| {
            if *toc_open {
                toc_open.set(false);
            }
        })
    };

    html! {
        <div class={classes!("lesson-pane", drawer.then_some("toc-open"))} lang={lang}>
            <div class="lesson-bar">
                <button class="lesson-toc-toggle" aria-controls="lesson-sidebar"
                    aria-expanded={if drawer { "true" } else { "false" }} onclick={on_toggle_toc}>
                    <span aria-hidden="true">{ "☰ " }</span>{ contents_label }
                </button>
                <span class="lesson-count">{ format!("{} / {}", here + 1, lessons.len()) }</span>
                <input class="lesson-search" type="search" placeholder={search_label} aria-label={search_label}
                    value={(*query).clone()} {oninput} {onkeydown}
                    onfocus={Callback::from(move |_: FocusEvent| warm_up_search(lang))} />
            </div>
            <div class="lesson-main">
                <aside class="lesson-sidebar" id="lesson-sidebar">{ sidebar }</aside>
                <article class="lesson-article" ref={article_ref} {onscroll} onclick={close_drawer}>
                    <div id="lesson-top"></div>
                    <scenario_notice::ScenarioNotice lang={AttrValue::Static(lang)} scenario={lesson.scenario.clone()}
                        restart={props.restart.clone()} />
                    { related_view(lesson, lang, &props.on_view) }
                    { crate::labs::lesson_lab_link(&lesson.lab, lang, &props.on_view) }
                    <LessonBody nodes={nodes} lang={lang} lesson={lesson.id.clone()} anchor={route.anchor.clone()}
                        on_run={on_run} on_view={props.on_view.clone()}
                        go={Callback::from({
                            let go = go.clone();
                            let id = lesson.id.clone();
                            move |anchor: String| go(id.clone(), anchor)
                        })} />
                    <footer class="lesson-footer">
                        { nav_button(here.checked_sub(1).and_then(|i| lessons.get(i)), prev_label, "prev") }
                        <button class={classes!("lesson-read", done.then_some("done"))} aria-pressed={if done { "true" } else { "false" }} onclick={toggle_read}>
                            { if done { done_label } else { undone_label } }
                        </button>
                        { nav_button(lessons.get(here + 1), next_label, "next") }
                    </footer>
                </article>
            </div>
        </div>
    }
}

/// A button that opens the lesson's related view (front matter `view`) beside it, when that is
/// not the terminal.
fn related_view(lesson: &Lesson, lang: &str, on_view: &Callback<String>) -> Html {
    let name = match (lesson.view.as_str(), lang) {
        ("cluster", "ko") => "클러스터 보기 열기",
        ("cluster", _) => "Open the Cluster view",
        ("vpc", "ko") => "VPC 보기 열기",
        ("vpc", _) => "Open the VPC view",
        ("install", "ko") => "설치 보기 열기",
        ("install", _) => "Open the Install view",
        _ => return Html::default(),
    };
    let on_view = on_view.clone();
    let view = lesson.view.clone();
    html! {
        <p class="lesson-related">
            <button class="view-link related-view" onclick={Callback::from(move |_| on_view.emit(view.clone()))}>
                { name }{ " →" }
            </button>
        </p>
    }
}

/// The properties of [`LessonBody`]: equal when the parsed lesson is the same, so the lesson is not
/// rendered again each time the terminal or the cluster changes (the callbacks stay valid).
#[derive(Properties, Clone)]
struct LessonBodyProps {
    nodes: std::rc::Rc<Vec<Node>>,
    lang: &'static str,
    lesson: String,
    /// The heading the reader goes to, which the first render already shows.
    anchor: String,
    on_run: Callback<String>,
    on_view: Callback<String>,
    go: Callback<String>,
}

impl PartialEq for LessonBodyProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.nodes, &other.nodes)
            && self.lang == other.lang
            && self.lesson == other.lesson
            && self.anchor == other.anchor
    }
}

/// How many top-level blocks (paragraphs, headings, lists, code blocks) of a lesson its first render shows.
const FIRST_BLOCKS: usize = 12;
/// How many more blocks each paint after the first render adds.
const BLOCKS_PER_PAINT: usize = 12;
/// How many blocks the first render shows past the heading the reader goes to, enough to fill the article below
/// it so that the heading can scroll to the top.
const BLOCKS_PAST_ANCHOR: usize = 30;

/// Whether `node` is, or holds, the element whose id is `anchor`.
fn holds_anchor(node: &Node, anchor: &str) -> bool {
    match node {
        Node::Element {
            attrs, children, ..
        } => {
            attrs
                .iter()
                .any(|(name, value)| *name == "id" && value == anchor)
                || children.iter().any(|c| holds_anchor(c, anchor))
        }
        _ => false,
    }
}

/// How many blocks of `nodes` the first render shows: the first few, or through the block with the heading
/// `anchor` and enough after it.
fn first_blocks(nodes: &[Node], anchor: &str) -> usize {
    let at = (!anchor.is_empty())
        .then(|| nodes.iter().position(|n| holds_anchor(n, anchor)))
        .flatten();
    at.map_or(FIRST_BLOCKS, |i| {
        (i + 1 + BLOCKS_PAST_ANCHOR).max(FIRST_BLOCKS)
    })
}

/// A lesson's rendered Markdown.
#[function_component(LessonBody)]
fn lesson_body(props: &LessonBodyProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.lesson_body");
    // A lesson goes into the page a few blocks per paint, so building and laying out a long one makes no long
    // task; progress is kept per parsed lesson (the address of its nodes).
    let key = std::rc::Rc::as_ptr(&props.nodes) as usize;
    let progress = use_state(|| (key, 0usize));
    let wanted = first_blocks(&props.nodes, &props.anchor);
    let shown = if progress.0 == key {
        progress.1.max(wanted)
    } else {
        wanted
    };
    {
        let progress = progress.setter();
        use_effect_with(
            (key, shown, props.nodes.len()),
            move |&(key, shown, total)| {
                if shown < total {
                    crate::hooks::use_session::after_next_paint(move || {
                        progress.set((key, shown + BLOCKS_PER_PAINT));
                    });
                }
            },
        );
    }
    let ctx = RenderCtx {
        lang: props.lang,
        lesson: props.lesson.clone(),
        on_run: props.on_run.clone(),
        on_view: props.on_view.clone(),
        go: props.go.clone(),
    };
    // Each block is keyed by its place: yew pairs unkeyed children from the end of a list, so blocks added after a
    // paint would otherwise patch every block shown before them (and move the reader's scroll position).
    let blocks = props.nodes.iter().take(shown).enumerate().map(|(i, n)| {
        Html::from(yew::virtual_dom::VList::with_children(
            vec![render(n, &ctx)],
            Some(i.into()),
        ))
    });
    html! { <>{ for blocks }</> }
}

struct RenderCtx {
    lang: &'static str,
    lesson: String,
    on_run: Callback<String>,
    on_view: Callback<String>,
    go: Callback<String>,
}

fn render(node: &Node, ctx: &RenderCtx) -> Html {
    match node {
        Node::Text(t) => html! { t.clone() },
        Node::Term { text, def } => html! {
            <span class="term" tabindex="0"
                onmouseenter={Callback::from(|e: MouseEvent| place_tooltip(e.target_dyn_into()))}
                onfocus={Callback::from(|e: FocusEvent| place_tooltip(e.target_dyn_into()))}>
                { text.clone() }<span class="term-def" role="tooltip">{ def.clone() }</span>
            </span>
        },
        Node::Element {
            tag,
            attrs,
            children,
        } => {
            let kids: Html = children.iter().map(|c| render(c, ctx)).collect();
            let mut tag_node = yew::virtual_dom::VTag::new(*tag);
            for (name, value) in attrs {
                if *name == "id" {
                    tag_node.add_attribute("id", heading_dom_id(value));
                    tag_node.add_attribute("data-anchor", value.clone());
                } else {
                    tag_node.add_attribute(name, value.clone());
                }
            }
            // A heading's anchor link: the deep link to it, to copy or share.
            if let Some((_, anchor)) = attrs.iter().find(|(name, _)| *name == "id")
                && tag.starts_with('h')
            {
                let go = ctx.go.clone();
                let target = anchor.clone();
                let href = Route {
                    lang: ctx.lang.into(),
                    lesson: ctx.lesson.clone(),
                    anchor: anchor.clone(),
                }
                .to_hash();
                let label = if ctx.lang == "ko" {
                    "이 제목으로 가는 링크"
                } else {
                    "Link to this heading"
                };
                tag_node.add_child(html! {
                    <a class="heading-anchor" {href} aria-label={label}
                        onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); go.emit(target.clone()); })}></a>
                });
            }
            if *tag != "br" && *tag != "hr" {
                tag_node.add_child(kids);
            }
            tag_node.into()
        }
        Node::Code { lang, text } => render_code(lang, text, ctx),
        Node::Link { href, children } => {
            let kids: Html = children.iter().map(|c| render(c, ctx)).collect();
            if let Some(view) = href.strip_prefix("view:") {
                let on_view = ctx.on_view.clone();
                let view = view.to_owned();
                html! { <button class="view-link" onclick={Callback::from(move |_| on_view.emit(view.clone()))}>{ kids }</button> }
            } else if let Some(anchor) = href.strip_prefix('#') {
                let go = ctx.go.clone();
                let anchor = anchor.to_owned();
                html! { <a href={format!("#{anchor}")} onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); go.emit(anchor.clone()); })}>{ kids }</a> }
            } else if href.starts_with("https://") || href.starts_with("http://") {
                html! { <a href={href.clone()} target="_blank" rel="noopener noreferrer">{ kids }</a> }
            } else {
                html! { <span class="link">{ kids }</span> }
            }
        }
        Node::Image { src, alt } => {
            // The diagram's own size reserves its place (CSS scales it to the column), so nothing below moves when
            // it loads.
            let (width, height) = match content::image_size(src) {
                Some((w, h)) => (Some(w.to_string()), Some(h.to_string())),
                None => (None, None),
            };
            html! {
                <figure class="lesson-figure">
                    <img src={src.clone()} alt={alt.clone()} loading="lazy" {width} {height} />
                </figure>
            }
        }
    }
}

/// Moves a term's definition left as far as needed to keep it inside the article (a term near the
/// right edge would otherwise push it out of sight).
fn place_tooltip(term: Option<web_sys::Element>) {
    let Some(term) = term else {
        return;
    };
    let (Ok(Some(tip)), Ok(Some(article))) = (
        term.query_selector(".term-def"),
        term.closest(".lesson-article"),
    ) else {
        return;
    };
    let _ = tip.remove_attribute("style");
    let limit = article.get_bounding_client_rect().right() - 12.0;
    let right = tip.get_bounding_client_rect().right();
    if right > limit {
        let shift = (right - limit).min(term.get_bounding_client_rect().left());
        let _ = tip.set_attribute("style", &format!("left:{:.0}px", -shift));
    }
}

fn render_code(lang: &str, text: &str, ctx: &RenderCtx) -> Html {
    let ko = ctx.lang == "ko";
    let copy = {
        let text = text.to_owned();
        Callback::from(move |_| copy_to_clipboard(&text))
    };
    let copy_button = html! { <button class="code-copy" onclick={copy}>{ if ko { "복사" } else { "Copy" } }</button> };
    let action = match lang {
        "bash" | "sh" | "shell" => {
            let on_run = ctx.on_run.clone();
            let commands = shell_commands(text);
            html! {
                <button class="code-run" onclick={Callback::from(move |_| commands.iter().for_each(|c| on_run.emit(c.clone())))}>
                    { if ko { "▶ 실행" } else { "▶ Run" } }
                </button>
            }
        }
        "yaml" | "yml" => {
            let on_run = ctx.on_run.clone();
            let input = apply_input(text);
            html! {
                <button class="code-apply" onclick={Callback::from(move |_| on_run.emit(input.clone()))}>
                    { if ko { "적용 (apply)" } else { "Apply" } }
                </button>
            }
        }
        _ => Html::default(),
    };
    html! {
        <div class={classes!("code-block", format!("lang-{lang}"))}>
            <div class="code-tools"><span class="code-lang">{ lang.to_owned() }</span>{ action }{ copy_button }</div>
            // Focusable, so a keyboard can scroll a long line sideways.
            <pre tabindex="0"><code>{ text.to_owned() }</code></pre>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_render_shows_the_first_blocks_or_through_the_heading_gone_to() {
        let text: String = (0..100)
            .map(|i| format!("Paragraph {i}.\n\n"))
            .collect::<String>()
            + "## Far {#far}\n\nThe end.\n";
        let nodes = markdown::parse(&text);
        assert_eq!(first_blocks(&nodes, ""), FIRST_BLOCKS);
        assert_eq!(first_blocks(&nodes, "nowhere"), FIRST_BLOCKS);
        assert_eq!(first_blocks(&nodes, "far"), 101 + BLOCKS_PAST_ANCHOR);
    }

    #[test]
    fn routes_round_trip_and_reject_unknown_lessons() {
        let id = content::lessons_in("ko").next().unwrap().id.clone();
        let hash = format!("#/en/{id}#subnet");
        let route = Route::parse(&hash).unwrap();
        assert_eq!(
            (route.lang.as_str(), route.anchor.as_str()),
            ("en", "subnet")
        );
        assert_eq!(route.to_hash(), hash);
        assert_eq!(Route::parse("#/fr/x"), None);
        assert_eq!(Route::parse("#/ko/no-such-lesson"), None);
    }

    #[test]
    fn run_sends_each_command_and_apply_one_heredoc() {
        assert_eq!(
            shell_commands("# comment\noc get pods\n\n  oc get nodes \n"),
            vec!["oc get pods", "oc get nodes"]
        );
        assert_eq!(
            apply_input("kind: Pod\n"),
            "cat <<'EOF' | kubectl apply -f -\nkind: Pod\nEOF"
        );
    }
}
