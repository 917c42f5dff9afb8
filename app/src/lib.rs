//! Bastion's browser UI: the Yew components around the engine.

use yew::prelude::*;

/// The root component of the app.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main class="app">
            <h1>{ engine::PRODUCT }</h1>
        </main>
    }
}

/// Mounts the app into the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
