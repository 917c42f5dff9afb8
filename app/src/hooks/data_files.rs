//! The engine's data files (see `engine::assets`) fetched from the build's `data/` folder when first needed, so the
//! initial download holds only what the first screen uses; the service worker precaches them for offline use.

use engine::assets;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};

/// Where the build serves the data files, relative to the page.
pub const DATA_DIR: &str = "data";

/// Runs `then` once every file of `files` is loaded: at once when they already are, otherwise after fetching the
/// missing ones. It runs even when a fetch fails; the engine then answers with its own "not loaded" error.
pub fn with_files(files: Vec<&'static str>, then: impl FnOnce() + 'static) {
    let missing = assets::missing(files);
    if missing.is_empty() {
        then();
        return;
    }
    spawn_local(async move {
        for file in missing {
            if let Err(e) = fetch_into_engine(file).await {
                web_sys::console::warn_1(&format!("cannot load {DATA_DIR}/{file}: {e}").into());
            }
        }
        then();
    });
}

/// Fetches every data file not loaded yet, in the background, so that later commands never wait on the network.
pub fn prefetch_all() {
    with_files(assets::LAZY_FILES.to_vec(), || {});
}

/// Fetches `data/<file>` and hands its text to the engine.
async fn fetch_into_engine(file: &'static str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("{DATA_DIR}/{file}");
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or("not text")?;
    assets::provide(file, text)
}
