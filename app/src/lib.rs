//! Bastion's browser UI: the Yew components around the engine.

use yew::prelude::*;

/// The root component of the app: the product header and an empty terminal.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main class="app">
            <header class="app-header">
                <h1 class="product">{ engine::PRODUCT }</h1>
                <p class="tagline" lang="ko">{ "클라우드 네이티브 학습 놀이터" }</p>
                <p class="tagline" lang="en">{ "Cloud-native learning playground" }</p>
            </header>
            <Terminal />
        </main>
    }
}

/// An empty terminal: an output log and a labelled input line.
#[function_component(Terminal)]
pub fn terminal() -> Html {
    html! {
        <section class="terminal" aria-label="Terminal">
            <div class="terminal-output" role="log" aria-live="polite" aria-label="Terminal output"></div>
            <div class="terminal-line">
                <span class="prompt" aria-hidden="true">{ "$ " }</span>
                <input
                    class="terminal-input"
                    type="text"
                    aria-label="Terminal input"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                />
            </div>
        </section>
    }
}

/// Mounts the app into the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
