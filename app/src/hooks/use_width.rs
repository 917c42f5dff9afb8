//! `use_width`: the content width of an element in CSS pixels, kept current with a ResizeObserver
//! (window resizes, split drags, and a hidden tab becoming visible all change it).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// The width of the element behind `node`, 0 while it is hidden or not mounted.
#[hook]
pub fn use_width(node: NodeRef) -> u32 {
    let width = use_state_eq(|| 0u32);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            let target = node.clone();
            let measure = move || {
                if let Some(el) = target.cast::<web_sys::Element>() {
                    width.set(el.client_width().max(0) as u32);
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    *width
}
