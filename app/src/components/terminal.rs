//! The terminal: a DOM terminal over the engine's shell with a virtualised scrollback, line editing, history,
//! reverse search, Tab completion and multi-line input.

use std::cell::Cell;
use std::rc::Rc;

use engine::session::Session;
use engine::shell::CONTINUATION_PROMPT;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::state::{Line, LineKind, SessionCtx};

/// The height of one terminal line in CSS pixels; `static/styles.css` sets the same `--term-line`.
pub const LINE_PX: f64 = 20.0;

/// Lines rendered above and below the viewport.
const OVERSCAN: usize = 60;

/// The window moves in steps of this many lines, so scrolling re-renders only now and then.
const STEP: usize = 20;

/// The terminal's width in columns for listing completions.
const COLUMNS: usize = 80;

/// What the terminal needs from the layout.
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The UI language.
    pub lang: Lang,
    /// Whether the terminal's tab is shown (it takes the focus when it is).
    pub active: bool,
}

/// Line-editing state that key handlers read and write between renders.
#[derive(Default)]
struct Editing {
    /// Lines of an unfinished input (heredoc, open quote) typed so far.
    pending: Vec<String>,
    /// The history entry shown, when browsing with ↑/↓.
    history_index: Option<usize>,
    /// The line being typed before history browsing began.
    draft: String,
    /// Reverse search (Ctrl-R), when active.
    search: Option<Search>,
    /// Whether the previous key was a Tab that could not complete further.
    last_tab: bool,
}

/// An active reverse search.
struct Search {
    /// The line before the search began (restored by Ctrl-G / Ctrl-C).
    original: String,
    /// The history index of the current match.
    found: Option<usize>,
}

/// The terminal.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.terminal");
    let ctx = use_context::<SessionCtx>().expect("the terminal needs the session context");
    let input_ref = use_node_ref();
    let scroll_ref = use_node_ref();
    let editing = use_mut_ref(Editing::default);
    let force = use_force_update();
    let first = use_state_eq(|| 0usize);
    let viewport = use_state_eq(|| 40usize);
    let stick = use_memo((), |_| Rc::new(Cell::new(true)));
    let lines_ref = use_node_ref();
    let measure_ref = use_node_ref();
    let char_px = use_state_eq(|| 0.0f64);
    // Where each scrollback line starts in wrapped rows, keyed by (lines, columns, revision).
    let rows_cache = use_mut_ref(|| (None::<(usize, usize, u64)>, Vec::<usize>::new()));
    let booted = ctx.session.is_some();
    let editing_yaml = ctx
        .session
        .as_ref()
        .is_some_and(|s| s.borrow().pending_edit.is_some());
    let total = ctx.scrollback.borrow().lines.len();
    let pending_len = editing.borrow().pending.len();

    // Keep the newest line in view when output arrives (unless the learner scrolled up). Until the cluster is up
    // there is no output to follow: a saved scrollback comes back with the boot, which runs this again.
    {
        let scroll_ref = scroll_ref.clone();
        let stick = stick.clone();
        use_effect_with(
            (total, pending_len, booted, ctx.revision),
            move |&(_, _, booted, _)| {
                if booted
                    && stick.get()
                    && let Some(el) = scroll_ref.cast::<web_sys::Element>()
                {
                    el.set_scroll_top(el.scroll_height());
                }
            },
        );
    }
    // Re-wrap and re-window when the terminal changes size (window resize, split drag, tab shown), and measure the
    // monospace cell width to wrap long lines at the terminal's width. The observer reports after the browser has
    // laid the page out, so measuring there forces no layout of its own (measuring in an effect of the first
    // render would lay the whole new page out inside that render's task).
    {
        let scroll_ref = scroll_ref.clone();
        let measure_ref = measure_ref.clone();
        let char_px = char_px.clone();
        let viewport = viewport.clone();
        let force = force.clone();
        use_effect_with((), move |_| {
            let target = scroll_ref.clone();
            let measure = measure_ref.clone();
            let callback = Closure::<dyn FnMut()>::new(move || {
                if let Some(el) = target.cast::<web_sys::Element>() {
                    viewport.set((f64::from(el.client_height()) / LINE_PX).ceil() as usize + 1);
                }
                if let Some(el) = measure.cast::<web_sys::Element>() {
                    let width = el.get_bounding_client_rect().width();
                    if width > 0.0 {
                        char_px.set(width / 10.0);
                    }
                }
                force.force_update();
            });
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let Some(observer) = &observer {
                for el in [&scroll_ref, &measure_ref] {
                    if let Some(el) = el.cast::<web_sys::Element>() {
                        observer.observe(&el);
                    }
                }
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    // Take the focus when the cluster is up and the tab is shown.
    {
        let input_ref = input_ref.clone();
        use_effect_with(
            (booted, props.active, editing_yaml),
            move |&(booted, active, yaml)| {
                if booted
                    && active
                    && !yaml
                    && let Some(input) = input_ref.cast::<HtmlInputElement>()
                {
                    let _ = input.focus();
                }
            },
        );
    }

    let on_scroll = {
        let first = first.clone();
        let viewport = viewport.clone();
        let stick = stick.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let top = f64::from(el.scroll_top());
            let height = f64::from(el.client_height());
            stick.set(top + height >= f64::from(el.scroll_height()) - LINE_PX);
            first.set((top / LINE_PX) as usize);
            viewport.set((height / LINE_PX).ceil() as usize + 1);
        })
    };

    let on_click = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let selected = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .and_then(|s| s.to_string().as_string())
                .unwrap_or_default();
            if selected.is_empty()
                && let Some(input) = input_ref.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
            }
        })
    };

    let on_input = {
        let editing = editing.clone();
        let ctx = ctx.clone();
        let force = force.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let mut ed = editing.borrow_mut();
            ed.last_tab = false;
            if ed.search.is_some() {
                let found = ctx
                    .session
                    .as_ref()
                    .and_then(|s| search_history(s.borrow().history(), &input.value(), None));
                if let Some(search) = ed.search.as_mut() {
                    search.found = found;
                }
                drop(ed);
                force.force_update();
            }
        })
    };

    let on_keydown = {
        let editing = editing.clone();
        let ctx = ctx.clone();
        let input_ref = input_ref.clone();
        let force = force.clone();
        let stick = stick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.is_composing() || e.key_code() == 229 {
                return;
            }
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let Some(session) = ctx.session.clone() else {
                return;
            };
            let key = e.key();
            let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
            let value = input.value();
            let mut ed = editing.borrow_mut();
            let was_tab = std::mem::take(&mut ed.last_tab);

            // Reverse search takes the keys first.
            if ed.search.is_some() {
                let handled = match (ctrl, key.as_str()) {
                    (true, "r") => {
                        let from = ed.search.as_ref().and_then(|s| s.found);
                        let found =
                            search_history(session.borrow().history(), &value, from).or(from);
                        if let Some(search) = ed.search.as_mut() {
                            search.found = found;
                        }
                        true
                    }
                    (true, "g") | (true, "c") => {
                        let original = ed.search.take().map(|s| s.original).unwrap_or_default();
                        set_line(&input, &original, original.len());
                        true
                    }
                    (false, "Enter") => {
                        let line = take_match(&mut ed, &session);
                        drop(ed);
                        stick.set(true);
                        submit(&ctx, &editing, &input, &line);
                        e.prevent_default();
                        force.force_update();
                        return;
                    }
                    (false, "Escape" | "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown")
                    | (true, "a" | "e") => {
                        let line = take_match(&mut ed, &session);
                        set_line(&input, &line, line.len());
                        true
                    }
                    _ => false,
                };
                if handled {
                    e.prevent_default();
                    drop(ed);
                    force.force_update();
                }
                return;
            }

            let cursor = utf16_to_byte(&value, input.selection_start().ok().flatten());
            let prompt_shown = if ed.pending.is_empty() {
                session.borrow().prompt()
            } else {
                CONTINUATION_PROMPT.to_owned()
            };
            match (ctrl, key.as_str()) {
                (false, "Enter") => {
                    e.prevent_default();
                    drop(ed);
                    stick.set(true);
                    submit(&ctx, &editing, &input, &value);
                }
                (false, "Tab") => {
                    e.prevent_default();
                    let completion = session.borrow_mut().complete(&value, cursor);
                    if completion.candidates.is_empty() {
                        return;
                    }
                    let (line, at) = completion.apply(&value);
                    if line != value {
                        set_line(&input, &line, at);
                    } else if completion.candidates.len() > 1 {
                        // Drop the editing borrow before printing: printing re-renders the terminal.
                        ed.last_tab = true;
                        drop(ed);
                        if was_tab {
                            let mut lines = vec![Line {
                                kind: LineKind::Out,
                                text: format!("{prompt_shown}{value}"),
                            }];
                            lines.extend(columns(&completion.candidates));
                            stick.set(true);
                            ctx.print.emit(lines);
                        }
                    }
                }
                (false, "ArrowUp") => {
                    e.prevent_default();
                    let s = session.borrow();
                    let history = s.history();
                    if history.is_empty() {
                        return;
                    }
                    let index = match ed.history_index {
                        None => {
                            ed.draft = value.clone();
                            history.len() - 1
                        }
                        Some(i) => i.saturating_sub(1),
                    };
                    ed.history_index = Some(index);
                    let line = history[index].replace('\n', " ");
                    set_line(&input, &line, line.len());
                }
                (false, "ArrowDown") => {
                    e.prevent_default();
                    let s = session.borrow();
                    let len = s.history().len();
                    match ed.history_index {
                        Some(i) if i + 1 < len => {
                            ed.history_index = Some(i + 1);
                            let line = s.history()[i + 1].replace('\n', " ");
                            set_line(&input, &line, line.len());
                        }
                        Some(_) => {
                            ed.history_index = None;
                            let draft = std::mem::take(&mut ed.draft);
                            set_line(&input, &draft, draft.len());
                        }
                        None => {}
                    }
                }
                (true, "c") => {
                    // Copy keeps working when text is selected; otherwise Ctrl-C abandons the line.
                    if has_selection() {
                        return;
                    }
                    e.prevent_default();
                    ed.pending.clear();
                    ed.history_index = None;
                    drop(ed);
                    set_line(&input, "", 0);
                    stick.set(true);
                    ctx.print.emit(vec![Line {
                        kind: LineKind::Out,
                        text: format!("{prompt_shown}{value}^C"),
                    }]);
                }
                (true, "l") => {
                    e.prevent_default();
                    drop(ed);
                    ctx.clear.emit(());
                }
                (true, "u") => {
                    e.prevent_default();
                    let rest = value[cursor..].to_owned();
                    set_line(&input, &rest, 0);
                }
                (true, "k") => {
                    e.prevent_default();
                    let head = value[..cursor].to_owned();
                    set_line(&input, &head, cursor);
                }
                (true, "w") => {
                    e.prevent_default();
                    let start = word_start(&value[..cursor]);
                    let line = format!("{}{}", &value[..start], &value[cursor..]);
                    set_line(&input, &line, start);
                }
                (true, "a") => {
                    e.prevent_default();
                    set_cursor(&input, &value, 0);
                }
                (true, "e") => {
                    e.prevent_default();
                    set_cursor(&input, &value, value.len());
                }
                (true, "r") => {
                    e.prevent_default();
                    ed.search = Some(Search {
                        original: value.clone(),
                        found: None,
                    });
                    set_line(&input, "", 0);
                    drop(ed);
                    force.force_update();
                }
                _ => {}
            }
        })
    };

    // The visible window of lines.
    let sb = ctx.scrollback.borrow();
    // Lines wrap at the terminal's width like a real terminal; the window is computed in wrapped rows.
    let cols = lines_ref
        .cast::<web_sys::Element>()
        .map(|el| f64::from(el.client_width()))
        .filter(|w| *w > 0.0 && *char_px > 0.0)
        .map_or(usize::MAX, |w| ((w / *char_px).floor() as usize).max(20));
    let mut cache = rows_cache.borrow_mut();
    let key = (total, cols, ctx.revision);
    if cache.0 != Some(key) {
        let mut starts = Vec::with_capacity(total + 1);
        let mut acc = 0usize;
        for line in &sb.lines {
            starts.push(acc);
            acc += row_count(&line.text, cols);
        }
        starts.push(acc);
        *cache = (Some(key), starts);
    }
    let starts = &cache.1;
    let total_rows = starts.last().copied().unwrap_or(0);
    let viewport_rows = *viewport;
    let top_row = if stick.get() {
        total_rows.saturating_sub(viewport_rows)
    } else {
        (*first).min(total_rows)
    };
    let anchor = top_row / STEP * STEP;
    let start = anchor.saturating_sub(OVERSCAN);
    let end = (anchor + viewport_rows + OVERSCAN + STEP).min(total_rows);
    let first_line = starts.partition_point(|&s| s <= start).saturating_sub(1);
    let mut rows = Vec::new();
    for (index, line) in sb.lines.iter().enumerate().skip(first_line) {
        let row0 = starts[index];
        if row0 >= end {
            break;
        }
        let class = match line.kind {
            LineKind::Out => "term-line",
            LineKind::Err => "term-line term-err",
        };
        for (k, segment) in segments(&line.text, cols).into_iter().enumerate() {
            let row = row0 + k;
            if row < start {
                continue;
            }
            if row >= end {
                break;
            }
            rows.push(html! { <div key={row} class={class}>{ segment }</div> });
        }
    }
    drop(cache);
    let lines: Html = rows.into_iter().collect();

    let ed = editing.borrow();
    let input_line = if booted {
        let (before, after) = match &ed.search {
            Some(search) => {
                let found = search
                    .found
                    .and_then(|i| {
                        ctx.session
                            .as_ref()
                            .and_then(|s| s.borrow().history().get(i).cloned())
                    })
                    .unwrap_or_default();
                (
                    format!("({})`", t(props.lang, Text::SearchLabel)),
                    Some(format!("': {}", found.replace('\n', " "))),
                )
            }
            None if !ed.pending.is_empty() => (CONTINUATION_PROMPT.to_owned(), None),
            None => (
                ctx.session
                    .as_ref()
                    .map(|s| s.borrow().prompt())
                    .unwrap_or_default(),
                None,
            ),
        };
        let searching = after.is_some();
        html! {
            <div class={classes!("term-input-line", searching.then_some("searching"))}>
                <span class="prompt">{ before }</span>
                <input
                    ref={input_ref.clone()}
                    class="terminal-input"
                    type="text"
                    aria-label="Terminal input"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    disabled={editing_yaml}
                    onkeydown={on_keydown}
                    oninput={on_input}
                />
                if let Some(after) = after {
                    <span class="search-match">{ after }</span>
                }
            </div>
        }
    } else {
        html! {
            <div class="term-status" role="status">{ t(props.lang, Text::StartingCluster) }</div>
        }
    };

    html! {
        <section class="terminal" aria-label={t(props.lang, Text::TabTerminal)}>
            <div class="term-scroll" ref={scroll_ref} onscroll={on_scroll} onclick={on_click}>
                <div class="term-lines" role="log" aria-live="polite" aria-label="Terminal output"
                    ref={lines_ref} style={format!("height:{}px", total_rows as f64 * LINE_PX)}>
                    <div class="term-window" style={format!("transform:translateY({}px)", start as f64 * LINE_PX)}>
                        { lines }
                    </div>
                </div>
                { input_line }
            </div>
            <span class="term-measure" ref={measure_ref} aria-hidden="true">{ "MMMMMMMMMM" }</span>
        </section>
    }
}

/// Runs what the learner typed: echoes it, collects continuation lines while the input is unfinished, then executes.
fn submit(
    ctx: &SessionCtx,
    editing: &Rc<std::cell::RefCell<Editing>>,
    input: &HtmlInputElement,
    line: &str,
) {
    let Some(session) = ctx.session.clone() else {
        return;
    };
    let mut ed = editing.borrow_mut();
    let prompt = if ed.pending.is_empty() {
        session.borrow().prompt()
    } else {
        CONTINUATION_PROMPT.to_owned()
    };
    let full = if ed.pending.is_empty() {
        line.to_owned()
    } else {
        format!("{}\n{line}", ed.pending.join("\n"))
    };
    ed.history_index = None;
    ed.draft.clear();
    set_line(input, "", 0);
    let echo = Line {
        kind: LineKind::Out,
        text: format!("{prompt}{line}"),
    };
    if Session::needs_more_input(&full) {
        ed.pending.push(line.to_owned());
        drop(ed);
        ctx.print.emit(vec![echo]);
        return;
    }
    ed.pending.clear();
    drop(ed);
    ctx.print.emit(vec![echo]);
    if !full.trim().is_empty() {
        ctx.exec_echoed.emit(full);
    }
}

/// How many columns a character takes in a terminal (East Asian wide characters take two).
fn char_cols(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// How many rows `text` takes when wrapped at `cols` columns (at least one).
fn row_count(text: &str, cols: usize) -> usize {
    if cols == usize::MAX || text.len() <= cols / 2 {
        return 1;
    }
    let mut rows = 1;
    let mut used = 0;
    for c in text.chars() {
        let w = char_cols(c);
        if used + w > cols {
            rows += 1;
            used = 0;
        }
        used += w;
    }
    rows
}

/// `text` cut into rows of at most `cols` columns (one empty row for an empty line).
fn segments(text: &str, cols: usize) -> Vec<&str> {
    if row_count(text, cols) == 1 {
        return vec![text];
    }
    let mut out = Vec::new();
    let mut begin = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = char_cols(c);
        if used + w > cols {
            out.push(&text[begin..i]);
            begin = i;
            used = 0;
        }
        used += w;
    }
    out.push(&text[begin..]);
    out
}

/// Ends a reverse search, returning the matched history line (or what was typed when nothing matched).
fn take_match(ed: &mut Editing, session: &Rc<std::cell::RefCell<Session>>) -> String {
    let search = ed.search.take();
    search
        .and_then(|s| s.found)
        .and_then(|i| session.borrow().history().get(i).cloned())
        .map(|l| l.replace('\n', " "))
        .unwrap_or_default()
}

/// The newest history entry containing `query`, older than `before` when given.
fn search_history(history: &[String], query: &str, before: Option<usize>) -> Option<usize> {
    if query.is_empty() {
        return None;
    }
    let end = before.unwrap_or(history.len()).min(history.len());
    (0..end).rev().find(|&i| history[i].contains(query))
}

/// Where the word before the end of `text` starts (Ctrl-W: whitespace-delimited, as bash's unix-word-rubout).
fn word_start(text: &str) -> usize {
    let trimmed = text.trim_end_matches(char::is_whitespace);
    trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Completion candidates in columns, filled top to bottom like bash's listing.
fn columns(candidates: &[String]) -> Vec<Line> {
    let width = candidates
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let per_row = (COLUMNS / width).max(1);
    let rows = candidates.len().div_ceil(per_row);
    (0..rows)
        .map(|r| {
            let mut text = String::new();
            for c in 0..per_row {
                if let Some(word) = candidates.get(c * rows + r) {
                    text.push_str(word);
                    let pad = width - word.chars().count();
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            Line {
                kind: LineKind::Out,
                text: text.trim_end().to_owned(),
            }
        })
        .collect()
}

/// Whether the page has a text selection.
fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .and_then(|s| s.to_string().as_string())
        .is_some_and(|s| !s.is_empty())
}

/// Sets the input's text and puts the cursor at byte offset `at`.
fn set_line(input: &HtmlInputElement, line: &str, at: usize) {
    input.set_value(line);
    set_cursor(input, line, at);
}

/// Puts the cursor at byte offset `at` of `line`.
fn set_cursor(input: &HtmlInputElement, line: &str, at: usize) {
    let pos = byte_to_utf16(line, at);
    let _ = input.set_selection_range(pos, pos);
}

/// A UTF-16 cursor position (the DOM's) as a byte offset into `text`.
fn utf16_to_byte(text: &str, pos: Option<u32>) -> usize {
    let Some(pos) = pos else {
        return text.len();
    };
    let mut units = 0u32;
    for (i, ch) in text.char_indices() {
        if units >= pos {
            return i;
        }
        units += ch.len_utf16() as u32;
    }
    text.len()
}

/// A byte offset into `text` as a UTF-16 cursor position.
fn byte_to_utf16(text: &str, at: usize) -> u32 {
    text[..at.min(text.len())]
        .chars()
        .map(|c| c.len_utf16() as u32)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_positions_convert_between_utf16_and_bytes() {
        let text = "echo 한글 ok";
        assert_eq!(utf16_to_byte(text, Some(7)), "echo 한글".len());
        assert_eq!(byte_to_utf16(text, "echo 한글".len()), 7);
        assert_eq!(utf16_to_byte(text, None), text.len());
    }

    #[test]
    fn long_lines_wrap_at_the_terminal_width() {
        assert_eq!(segments("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(row_count("abcdefgh", 3), 3);
        assert_eq!(segments("", 3), [""]);
        assert_eq!(segments("한글한글", 4), ["한글", "한글"]);
        assert_eq!(row_count("short", usize::MAX), 1);
    }

    #[test]
    fn ctrl_w_deletes_the_previous_word() {
        assert_eq!(word_start("oc get pods  "), 7);
        assert_eq!(word_start("oc"), 0);
        assert_eq!(word_start(""), 0);
    }

    #[test]
    fn completions_list_in_columns() {
        let words: Vec<String> = ["pod", "pods", "podtemplates"].map(String::from).into();
        let lines = columns(&words);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "pod           pods          podtemplates");
    }

    #[test]
    fn reverse_search_finds_older_matches() {
        let history: Vec<String> = ["oc get pods", "ls", "oc get nodes"]
            .map(String::from)
            .into();
        assert_eq!(search_history(&history, "oc get", None), Some(2));
        assert_eq!(search_history(&history, "oc get", Some(2)), Some(0));
        assert_eq!(search_history(&history, "zzz", None), None);
    }
}
