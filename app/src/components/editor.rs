//! The editor of `kubectl edit` / `oc edit`: the object's YAML in a textarea, validated before it is saved.

use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::state::SessionCtx;

/// What the editor needs.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The UI language.
    pub lang: Lang,
}

/// The editor panel, shown while the session has a pending edit.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let ctx = use_context::<SessionCtx>().expect("the editor needs the session context");
    let text_ref = use_node_ref();
    let error = use_state(|| None::<String>);
    let lang = props.lang;
    let request = ctx
        .session
        .as_ref()
        .and_then(|s| s.borrow().pending_edit.clone());

    // Fill and focus the text when an edit opens; later renders leave the learner's changes alone.
    {
        let text_ref = text_ref.clone();
        let error = error.clone();
        let opened = request.as_ref().map(|r| (r.path.clone(), r.text.clone()));
        use_effect_with(opened, move |opened| {
            error.set(None);
            if let Some((_, text)) = opened
                && let Some(area) = text_ref.cast::<web_sys::HtmlTextAreaElement>()
            {
                area.set_value(text);
                let _ = area.focus();
                area.set_selection_range(0, 0).ok();
                area.set_scroll_top(0);
            }
        });
    }
    let Some(request) = request else {
        return html! {};
    };

    let on_save = {
        let text_ref = text_ref.clone();
        let error = error.clone();
        let finish = ctx.finish_edit.clone();
        Callback::from(move |_| {
            let Some(area) = text_ref.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            match engine::yaml::parse_documents(&text) {
                Ok(_) => {
                    error.set(None);
                    finish.emit(text);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    let on_cancel = {
        let finish = ctx.finish_edit.clone();
        let original = request.text.clone();
        Callback::from(move |_| finish.emit(original.clone()))
    };
    let on_keydown = {
        let on_save = on_save.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key() == "s" {
                e.prevent_default();
                on_save.emit(());
            }
        })
    };

    html! {
        <section class="editor" aria-label={format!("{} {}", t(lang, Text::EditorTitle), request.path)}>
            <div class="editor-bar">
                <span class="editor-title">{ format!("{} — {}", t(lang, Text::EditorTitle), request.path) }</span>
                <span class="editor-actions">
                    <button type="button" class="primary" onclick={on_save.reform(|_: MouseEvent| ())}>{ t(lang, Text::EditorSave) }</button>
                    <button type="button" onclick={on_cancel}>{ t(lang, Text::EditorCancel) }</button>
                </span>
            </div>
            if let Some(message) = &*error {
                <p class="editor-error" role="alert">{ format!("{}: {message}", t(lang, Text::YamlError)) }</p>
            }
            <textarea ref={text_ref} class="editor-text" aria-label={t(lang, Text::EditorTitle)}
                spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                onkeydown={on_keydown} />
        </section>
    }
}
