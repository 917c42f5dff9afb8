//! The header: product name, scenario picker, reset, export and import, language and theme, and the virtual clock.

use gloo::file::File;
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{Text, t};
use crate::state::{SCENARIOS, SPEEDS, SessionCtx, Theme, UiAction, UiState};

/// What the header needs from the app.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The UI state and its dispatcher.
    pub ui: UseReducerHandle<UiState>,
    /// Starts a fresh session on a scenario.
    pub restart: Callback<String>,
    /// Loads an exported session file's text.
    pub import: Callback<String>,
    /// The session as JSON, for export.
    pub export: Callback<(), String>,
    /// Lets virtual time pass (milliseconds).
    pub tick: Callback<i64>,
}

/// The virtual clock's step, in milliseconds.
pub const STEP_MS: i64 = 10_000;

/// The header bar.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.header");
    let ctx = use_context::<SessionCtx>();
    let ui = props.ui.clone();
    let lang = ui.lang;
    let tr = move |key| t(lang, key);
    let reader = use_mut_ref(|| None::<FileReader>);
    let file_input = use_node_ref();
    let scenario_select = use_node_ref();

    let (scenario, now) = ctx
        .as_ref()
        .and_then(|c| c.session.as_ref())
        .map(|s| {
            let s = s.borrow();
            (s.scenario.clone(), Some(s.cluster.now))
        })
        .unwrap_or_else(|| (SCENARIOS[0].to_owned(), None));

    // Keep the picker on the session's scenario (after an import or a declined switch).
    {
        let scenario_select = scenario_select.clone();
        use_effect_with(scenario.clone(), move |scenario| {
            if let Some(select) = scenario_select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(scenario);
            }
        });
    }

    let on_scenario = {
        let restart = props.restart.clone();
        let current = scenario.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let picked = select.value();
            if picked == current {
                return;
            }
            if gloo::dialogs::confirm(t(lang, Text::ConfirmScenario)) {
                restart.emit(picked);
            } else {
                select.set_value(&current);
            }
        })
    };
    let on_reset = {
        let restart = props.restart.clone();
        let current = scenario.clone();
        Callback::from(move |_| {
            if gloo::dialogs::confirm(t(lang, Text::ConfirmReset)) {
                restart.emit(current.clone());
            }
        })
    };
    let on_export = {
        let export = props.export.clone();
        let scenario = scenario.clone();
        Callback::from(move |_| {
            let text = export.emit(());
            download(&format!("bastion-{scenario}.json"), &text);
        })
    };
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let import = props.import.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let import = import.clone();
            let task = gloo::file::callbacks::read_as_text(&File::from(file), move |text| {
                if let Ok(text) = text {
                    import.emit(text);
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_lang = {
        let ui = ui.clone();
        Callback::from(move |_| ui.dispatch(UiAction::SetLang(lang.other())))
    };
    let on_theme = {
        let ui = ui.clone();
        let next = match ui.theme {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Dark,
        };
        Callback::from(move |_| ui.dispatch(UiAction::SetTheme(next)))
    };
    let on_play = {
        let ui = ui.clone();
        let playing = ui.playing;
        Callback::from(move |_| ui.dispatch(UiAction::SetPlaying(!playing)))
    };
    let on_step = {
        let tick = props.tick.clone();
        Callback::from(move |_| tick.emit(STEP_MS))
    };
    let on_speed = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                ui.dispatch(UiAction::SetSpeed(select.value().parse().unwrap_or(1)));
            }
        })
    };
    let booted = now.is_some();
    let clock = now
        .map(format_clock)
        .unwrap_or_else(|| "--:--:--".to_owned());
    let (theme_label, theme_icon) = match ui.theme {
        Theme::Dark => (tr(Text::ThemeLight), "☀"),
        Theme::Light => (tr(Text::ThemeDark), "☾"),
    };

    html! {
        <header class="app-header">
            <div class="brand">
                <h1 class="product">{ engine::PRODUCT }</h1>
                <p class="tagline" lang={lang.code()}>{ tr(Text::Tagline) }</p>
            </div>
            <div class="controls">
                <label class="field">
                    <span>{ tr(Text::Scenario) }</span>
                    <select ref={scenario_select} onchange={on_scenario} disabled={!booted}>
                        { for SCENARIOS.iter().map(|s| html! {
                            <option value={*s} selected={*s == scenario}>{ *s }</option>
                        }) }
                    </select>
                </label>
                <button type="button" onclick={on_reset} disabled={!booted}>{ tr(Text::Reset) }</button>
                <button type="button" onclick={on_export} disabled={!booted}>{ tr(Text::Export) }</button>
                <button type="button" onclick={on_import_click} disabled={!booted}>{ tr(Text::Import) }</button>
                <input ref={file_input} type="file" accept=".json,application/json" class="hidden-file"
                    onchange={on_file} tabindex="-1" aria-hidden="true" />
            </div>
            <div class="clock" role="group" aria-label={tr(Text::ClockLabel)}>
                <time class="clock-time" title={tr(Text::ClockLabel)}>{ clock }</time>
                <button type="button" onclick={on_play} disabled={!booted}
                    aria-pressed={if ui.playing { "true" } else { "false" }}>
                    { if ui.playing { format!("⏸ {}", tr(Text::Pause)) } else { format!("▶ {}", tr(Text::Play)) } }
                </button>
                <button type="button" onclick={on_step} disabled={!booted}>{ tr(Text::Step) }</button>
                <label class="field">
                    <span class="visually-hidden">{ tr(Text::Speed) }</span>
                    <select onchange={on_speed} aria-label={tr(Text::Speed)}>
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == ui.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="prefs">
                <button type="button" class="lang-toggle" onclick={on_lang}
                    lang={lang.other().code()} aria-label={format!("{}: {}", tr(Text::LanguageLabel), t(lang.other(), Text::LanguageName))}>
                    { t(lang.other(), Text::LanguageName) }
                </button>
                <button type="button" class="theme-toggle" onclick={on_theme} title={theme_label} aria-label={theme_label}>
                    { theme_icon }
                </button>
            </div>
        </header>
    }
}

/// The cluster's virtual time as `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn format_clock(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Converts days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Offers `text` as a file download.
fn download(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a")
        && let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // Revoke the URL once the download has started.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_formats_utc() {
        assert_eq!(format_clock(0), "1970-01-01 00:00:00");
        assert_eq!(format_clock(1_700_000_000_000), "2023-11-14 22:13:20");
        assert_eq!(format_clock(951_782_400_000), "2000-02-29 00:00:00");
    }
}
