//! Timing spans for profiling: when the page sets `window.__bastionProfile` before the app starts (the browser
//! benchmark does), named pieces of work that take a millisecond or more become `performance.measure` entries,
//! which the browser's performance panel and `tests/e2e/bench.mjs` show beside the long tasks they make up.

use std::cell::Cell;

use wasm_bindgen::JsValue;

/// Runs `work`, and records it as a measure named `name` when profiling is on and it took 1 ms or more.
pub fn span<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let _span = Span::start(name);
    work()
}

/// A span that ends when dropped, for a whole component body (hooks cannot run inside a closure).
pub struct Span {
    name: &'static str,
    start: Option<f64>,
}

impl Span {
    /// Starts timing `name` (a no-op unless profiling is on).
    pub fn start(name: &'static str) -> Span {
        Span {
            name,
            start: enabled().then(now_ms),
        }
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let end = now_ms();
            if end - start >= 1.0 {
                measure(self.name, start, end);
            }
        }
    }
}

/// Milliseconds from the page's time origin.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

thread_local! {
    static ENABLED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether the page asked for profiling; read once, on first use.
fn enabled() -> bool {
    ENABLED.with(|cell| {
        *cell.get().get_or_insert_with(|| {
            web_sys::window().is_some_and(|w| {
                js_sys::Reflect::get(&w, &"__bastionProfile".into()).is_ok_and(|v| v.is_truthy())
            })
        })
    })
}

/// Calls `performance.measure(name, { start, end })`, which web-sys offers only behind an unstable feature.
fn measure(name: &str, start: f64, end: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    if let Ok(f) = js_sys::Reflect::get(&performance, &"measure".into()) {
        let f: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(f);
        let _ = f.call2(&performance, &JsValue::from_str(name), &options);
    }
}
