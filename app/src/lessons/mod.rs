//! The lesson pane: the embedded bilingual lessons with a course sidebar, search, glossary
//! tooltips, runnable shell blocks and hash routing (`#/ko/lesson-id#anchor`).

pub mod content;
pub mod markdown;
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

fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _promise = w.navigator().clipboard().write_text(text);
    }
}

/// The lesson pane.
#[function_component(LessonPane)]
pub fn lesson_pane(props: &LessonPaneProps) -> Html {
    let lang = if props.lang.as_str() == "en" {
        "en"
    } else {
        "ko"
    };
    let first = content::lessons_in(lang)
        .next()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let route = use_state(|| {
        Route::parse(&current_hash()).unwrap_or(Route {
            lang: lang.into(),
            lesson: first.clone(),
            anchor: String::new(),
        })
    });
    let read = use_state(load_read);
    let query = use_state(String::new);
    let article_ref = use_node_ref();
    let position = use_mut_ref(String::new);
    // The rendered lesson, parsed once per lesson and language (not on every search keystroke).
    let nodes = use_memo((lang.to_owned(), route.lesson.clone()), |(lang, id)| {
        let lesson = content::lesson(lang, id).or_else(|| content::lessons_in(lang).next());
        let mut nodes = lesson.map(|l| markdown::parse(l.body)).unwrap_or_default();
        markdown::mark_terms(&mut nodes, content::glossary(), lang);
        nodes
    });

    // Deep links: follow the hash on load and whenever it changes.
    {
        let route = route.clone();
        let on_lang = props.on_lang.clone();
        let lang = lang.to_owned();
        use_effect_with((), move |_| {
            if let Some(r) = Route::parse(&current_hash())
                && r.lang != lang
            {
                on_lang.emit(r.lang.clone());
            }
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(r) = Route::parse(&current_hash()) {
                        if r.lang != *lang {
                            on_lang.emit(r.lang.clone());
                        }
                        route.set(r);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // A language switch keeps the lesson and the heading the reader is at.
    {
        let route = route.clone();
        let position = position.clone();
        use_effect_with(lang.to_owned(), move |lang| {
            if route.lang != *lang {
                let anchor = position.borrow().clone();
                route.set(Route {
                    lang: lang.clone(),
                    lesson: route.lesson.clone(),
                    anchor,
                });
            }
        });
    }
    // Keep the hash in step with the route and scroll to its heading.
    {
        use_effect_with((*route).clone(), move |r| {
            set_hash(&r.to_hash());
            scroll_to(&r.anchor);
        });
    }

    let go = {
        let route = route.clone();
        let query = query.clone();
        move |lesson: String, anchor: String| {
            let lang = route.lang.clone();
            query.set(String::new());
            route.set(Route {
                lang,
                lesson,
                anchor,
            });
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
        Callback::from(move |_: Event| {
            if let Some(el) = article_ref.cast::<web_sys::Element>() {
                *position.borrow_mut() = visible_anchor(&el);
            }
        })
    };

    let toggle_read = {
        let read = read.clone();
        let id = lesson.id.clone();
        Callback::from(move |_| {
            let mut next = (*read).clone();
            if !next.remove(&id) {
                next.insert(id.clone());
            }
            save_read(&next);
            read.set(next);
        })
    };
    let nav_button = |target: Option<&&'static Lesson>, label: &str, class: &str| -> Html {
        match target {
            Some(t) => {
                let go = go.clone();
                let read = read.clone();
                let current = lesson.id.clone();
                let id = t.id.clone();
                let mark = class == "next";
                let onclick = Callback::from(move |_| {
                    if mark {
                        let mut next = (*read).clone();
                        next.insert(current.clone());
                        save_read(&next);
                        read.set(next);
                    }
                    go(id.clone(), String::new());
                });
                html! { <button class={classes!("lesson-nav", class.to_owned())} {onclick} title={t.title.clone()}>{ label.to_owned() }</button> }
            }
            None => html! { <span class="lesson-nav-empty"></span> },
        }
    };
    let (prev_label, next_label, done_label, search_label) = if lang == "ko" {
        ("← 이전", "다음 →", "읽음", "검색 (예: 클러스터)")
    } else {
        ("← Previous", "Next →", "Read", "Search (e.g. cluster)")
    };

    let sidebar = if query.trim().is_empty() {
        html! {
            <nav class="lesson-toc">
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
                                               onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); go(id.clone(), String::new()); })}>
                                                <span class="check">{ if done { "✓" } else { "" } }</span>
                                                { l.title.clone() }
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
        let mut seen = BTreeSet::new();
        let hits: Vec<_> = index
            .search(&query, lang, 60)
            .into_iter()
            .filter(|h| {
                let s = &index.sections[h.section];
                seen.insert((s.lesson.clone(), s.anchor.clone()))
            })
            .take(20)
            .collect();
        let elapsed = now_ms() - started;
        html! {
            <nav class="lesson-search-results">
                <p class="search-meta">{ format!("{} · {elapsed:.1} ms", hits.len()) }</p>
                if hits.is_empty() {
                    <p class="empty">{ if lang == "ko" { "결과 없음" } else { "No results" } }</p>
                }
                { for hits.iter().map(|hit| {
                    let s = &index.sections[hit.section];
                    let go = go.clone();
                    let (id, anchor) = (s.lesson.clone(), s.anchor.clone());
                    let title = content::lesson(lang, &s.lesson).map(|l| l.title.clone()).unwrap_or_default();
                    html! {
                        <button class="search-hit" onclick={Callback::from(move |_| go(id.clone(), anchor.clone()))}>
                            <span class="hit-title">{ title }{ " › " }{ s.heading.clone() }</span>
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

    let ctx = RenderCtx {
        lang,
        on_run: props.on_run.clone(),
        on_view: props.on_view.clone(),
        go: Callback::from({
            let go = go.clone();
            let id = lesson.id.clone();
            move |anchor: String| go(id.clone(), anchor)
        }),
    };
    let done = read.contains(&lesson.id);

    html! {
        <div class="lesson-pane" lang={lang}>
            <style>{ STYLE }</style>
            <aside class="lesson-sidebar">
                <input class="lesson-search" type="search" placeholder={search_label} value={(*query).clone()} {oninput}
                    onfocus={Callback::from(|_: FocusEvent| { search::Index::lessons(); })} />
                { sidebar }
            </aside>
            <article class="lesson-article" ref={article_ref} {onscroll}>
                <div id="lesson-top"></div>
                { for nodes.iter().map(|n| render(n, &ctx)) }
                <footer class="lesson-footer">
                    { nav_button(here.checked_sub(1).and_then(|i| lessons.get(i)), prev_label, "prev") }
                    <button class={classes!("lesson-read", done.then_some("done"))} onclick={toggle_read}>
                        { if done { "✓ " } else { "○ " } }{ done_label }
                    </button>
                    { nav_button(lessons.get(here + 1), next_label, "next") }
                </footer>
            </article>
        </div>
    }
}

struct RenderCtx {
    lang: &'static str,
    on_run: Callback<String>,
    on_view: Callback<String>,
    go: Callback<String>,
}

fn render(node: &Node, ctx: &RenderCtx) -> Html {
    match node {
        Node::Text(t) => html! { t.clone() },
        Node::Term { text, def } => html! {
            <span class="term" tabindex="0" title={def.clone()}>
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
        Node::Image { src, alt } => html! {
            <figure class="lesson-figure"><img src={src.clone()} alt={alt.clone()} loading="lazy" /></figure>
        },
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

/// The pane's own styles (scoped by class names; colours from the page's CSS variables).
const STYLE: &str = r#"
.lesson-pane{display:flex;height:100%;min-height:0;font-family:var(--sans,system-ui,sans-serif);color:var(--text,#e8edf4)}
.lesson-sidebar{width:15rem;flex:none;overflow:auto;border-right:1px solid #8884;padding:.5rem;font-size:13px}
.lesson-search{width:100%;padding:.35rem .5rem;border-radius:4px;border:1px solid #8886;background:transparent;color:inherit;margin-bottom:.5rem}
.lesson-course h2{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted,#9aa7b8);margin:.75rem 0 .25rem}
.lesson-course ol{list-style:none;margin:0;padding:0}
.lesson-course li a{display:flex;gap:.3rem;padding:.2rem .3rem;border-radius:4px;color:inherit;text-decoration:none;line-height:1.3}
.lesson-course li.active a{background:#5fd7a722;color:var(--accent,#5fd7a7)}
.lesson-course .check{width:1em;flex:none;color:var(--accent,#5fd7a7)}
.search-hit{display:block;width:100%;text-align:left;background:transparent;color:inherit;border:none;border-bottom:1px solid #8883;padding:.4rem .2rem;cursor:pointer}
.search-meta{font-size:11px;color:var(--muted,#9aa7b8);margin:0 0 .25rem}
.hit-title{display:block;font-weight:600;font-size:12px}
.hit-snippet{display:block;font-size:12px;color:var(--muted,#9aa7b8)}
.hit-snippet mark{background:#e6c22e55;color:inherit;border-radius:2px}
.lesson-article{flex:1;overflow:auto;padding:0 1.5rem 2rem;line-height:1.65;font-size:15px}
.lesson-article h1{font-size:1.6rem}.lesson-article h2{font-size:1.3rem;border-bottom:1px solid #8884;padding-bottom:.2rem}
.lesson-article table{border-collapse:collapse}.lesson-article td,.lesson-article th{border:1px solid #8885;padding:.25rem .5rem}
.lesson-article blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:3px solid var(--accent,#5fd7a7);background:#8881}
.lesson-article code{font-family:var(--mono,monospace);font-size:.9em;background:#8882;padding:0 .2em;border-radius:3px}
.lesson-figure{margin:1rem 0}.lesson-figure img{max-width:100%;background:#fff;border-radius:6px}
.code-block{border:1px solid #8884;border-radius:6px;margin:.75rem 0;overflow:hidden}
.code-block pre{margin:0;padding:.5rem .75rem;overflow:auto;background:#0006}
.code-block pre code{background:none;padding:0}
.code-tools{display:flex;gap:.4rem;align-items:center;padding:.2rem .4rem;background:#8882;font-size:12px}
.code-lang{margin-right:auto;color:var(--muted,#9aa7b8)}
.code-tools button,.lesson-footer button,.view-link{border:1px solid #8886;background:transparent;color:inherit;border-radius:4px;padding:.1rem .6rem;cursor:pointer;font:inherit}
.code-run,.code-apply{border-color:var(--accent,#5fd7a7)!important;color:var(--accent,#5fd7a7)!important}
.view-link{color:var(--accent,#5fd7a7);padding:0 .3rem}
.term{border-bottom:1px dotted currentColor;position:relative;cursor:help}
.term-def{display:none;position:absolute;left:0;top:1.5em;z-index:5;width:18rem;padding:.4rem .6rem;border-radius:6px;background:var(--panel,#1b2330);border:1px solid #8886;font-size:13px;line-height:1.4;font-weight:normal}
.term:hover .term-def,.term:focus .term-def{display:block}
.lesson-footer{display:flex;justify-content:space-between;gap:.5rem;margin-top:2rem;border-top:1px solid #8884;padding-top:1rem}
.lesson-read.done{color:var(--accent,#5fd7a7);border-color:var(--accent,#5fd7a7)}
"#;

#[cfg(test)]
mod tests {
    use super::*;

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
