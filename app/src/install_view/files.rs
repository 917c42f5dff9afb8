//! The helper's generated services, viewable and editable: DNS forward and reverse zones, dhcpd.conf, one PXE entry per
//! MAC, haproxy.cfg and what the HTTP server on 8080 serves. A saved edit takes effect on the next step of the install,
//! so a learner's own mistake breaks it the way an injected fault does.

use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`HelperFiles`].
#[derive(Properties, Clone, PartialEq)]
pub struct HelperFilesProps {
    /// The shared environment.
    pub env: Env,
}

/// A file picker and an editor.
#[function_component(HelperFiles)]
pub fn helper_files(props: &HelperFilesProps) -> Html {
    let env = &props.env;
    let files = {
        let s = env.session.borrow();
        s.installer.helper_files(&s.shell.fs)
    };
    let chosen = use_state(|| None::<String>);
    // The learner's unsaved text, if they typed since opening the file.
    let draft = use_state(|| None::<String>);
    let saved = use_state(|| false);
    let path = chosen
        .as_ref()
        .filter(|p| files.contains(p))
        .cloned()
        .or_else(|| files.first().cloned());
    let on_disk = path
        .as_ref()
        .and_then(|p| {
            env.session
                .borrow()
                .shell
                .fs
                .read(p)
                .ok()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let shown = draft.as_ref().cloned().unwrap_or_else(|| on_disk.clone());

    let on_pick = {
        let chosen = chosen.clone();
        let draft = draft.clone();
        let saved = saved.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                chosen.set(Some(s.value()));
                draft.set(None);
                saved.set(false);
            }
        })
    };
    let on_edit = {
        let draft = draft.clone();
        let saved = saved.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                draft.set(Some(t.value()));
                saved.set(false);
            }
        })
    };
    let on_save = {
        let env = env.clone();
        let draft = draft.clone();
        let saved = saved.clone();
        let path = path.clone();
        Callback::from(move |_| {
            let (Some(path), Some(text)) = (path.clone(), (*draft).clone()) else {
                return;
            };
            env.with_installer(|_, ctx| {
                let _ = ctx.fs.write(&path, text);
            });
            draft.set(None);
            saved.set(true);
        })
    };
    html! {
        <details class="inst-card" open=true>
            <summary>{ env.t(T::Files) }</summary>
            if files.is_empty() {
                <p class="muted">{ env.t(T::NoFiles) }</p>
            } else {
                <div class="inst-actions">
                    <select class="mono" aria-label={env.t(T::Files)} onchange={on_pick}>
                        { for files.iter().map(|f| html! {
                            <option value={f.clone()} selected={Some(f) == path.as_ref()}>{ f.clone() }</option>
                        }) }
                    </select>
                    <button type="button" onclick={on_save} disabled={draft.is_none()}>{ env.t(T::SaveFile) }</button>
                    if *saved { <span class="inst-ok">{ env.t(T::Saved) }</span> }
                </div>
                <textarea class="inst-file mono" spellcheck="false" rows="14" aria-label={path.clone().unwrap_or_default()}
                    value={shown} oninput={on_edit} />
            }
        </details>
    }
}
