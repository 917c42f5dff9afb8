//! The export panel: the built network as a CloudFormation template or Terraform configuration, shown and downloadable.

use std::cell::RefCell;
use std::rc::Rc;

use engine::session::Session;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::text::{T, tr};

/// The properties of [`ExportPanel`].
#[derive(Properties, Clone)]
pub struct ExportPanelProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// Korean (true) or English.
    pub ko: bool,
}

impl PartialEq for ExportPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.ko == other.ko
    }
}

/// Which format is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    CloudFormation,
    Terraform,
}

/// Offers `text` as a file download named `name`.
fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
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
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The export panel.
#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let ko = props.ko;
    let shown = use_state(|| None::<Format>);
    let text = shown.map(|f| {
        let s = props.session.borrow();
        match f {
            Format::CloudFormation => s.aws.to_cloudformation(),
            Format::Terraform => s.aws.to_terraform(),
        }
    });
    let show = |f: Format| {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(if *shown == Some(f) { None } else { Some(f) }))
    };
    let save = {
        let text = text.clone();
        let f = *shown;
        Callback::from(move |_| {
            if let (Some(t), Some(f)) = (&text, f) {
                match f {
                    Format::CloudFormation => {
                        download("bastion-network.yaml", "application/yaml", t)
                    }
                    Format::Terraform => download("bastion-network.tf", "text/plain", t),
                }
            }
        })
    };
    html! {
        <div class="vpc-export">
            <div class="vpc-actions">
                <button type="button" class="vpc-action" aria-pressed={(*shown == Some(Format::CloudFormation)).to_string()}
                    onclick={show(Format::CloudFormation)}>{ "CloudFormation YAML" }</button>
                <button type="button" class="vpc-action" aria-pressed={(*shown == Some(Format::Terraform)).to_string()}
                    onclick={show(Format::Terraform)}>{ "Terraform HCL" }</button>
                if text.is_some() {
                    <button type="button" class="vpc-action" onclick={save}>{ tr(ko, T::Download) }</button>
                }
            </div>
            if let Some(t) = text {
                <pre class="vpc-export-text" tabindex="0">{ t }</pre>
            }
        </div>
    }
}
