//! `ClassProgress`: the instructor opens several learners' progress files at once and sees, per lab, a table of
//! who finished which step (with the virtual time), and which files could not be read and why.

use engine::sort::SortShared;
use std::rc::Rc;

use engine::labs::{ProgressFile, class_tables};
use gloo::file::File;
use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use super::catalog;
use super::text::{L, tr};
use crate::i18n::Lang;

/// What [`ClassProgress`] needs.
#[derive(Properties, PartialEq)]
pub struct ClassProgressProps {
    /// The UI language.
    pub lang: Lang,
    /// Goes back to the lab list.
    pub on_close: Callback<MouseEvent>,
}

/// The files opened so far, as (file name, parsed file or why not).
#[derive(Debug, Default, Clone, PartialEq)]
struct Files {
    entries: Vec<(String, Result<ProgressFile, String>)>,
}

enum FilesAction {
    Clear,
    Add(String, String),
}

impl Reducible for Files {
    type Action = FilesAction;

    fn reduce(self: Rc<Self>, action: FilesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FilesAction::Clear => next.entries.clear(),
            FilesAction::Add(name, text) => {
                let parsed = ProgressFile::parse(&text);
                next.entries.push((name, parsed));
                next.entries.sort_shared_by(|a, b| a.0.cmp(&b.0));
            }
        }
        Rc::new(next)
    }
}

/// The class progress view.
#[function_component(ClassProgress)]
pub fn class_progress(props: &ClassProgressProps) -> Html {
    let lang = props.lang;
    let code = lang.code();
    let files = use_reducer(Files::default);
    let readers = use_mut_ref(Vec::<FileReader>::new);
    let onchange = {
        let files = files.clone();
        let readers = readers.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(list) = input.files() else {
                return;
            };
            files.dispatch(FilesAction::Clear);
            let mut readers = readers.borrow_mut();
            readers.clear();
            for i in 0..list.length() {
                let Some(file) = list.get(i) else {
                    continue;
                };
                let name = file.name();
                let files = files.clone();
                readers.push(gloo::file::callbacks::read_as_text(
                    &File::from(file),
                    move |text| {
                        let text = text.unwrap_or_default();
                        files.dispatch(FilesAction::Add(name, text));
                    },
                ));
            }
            input.set_value("");
        })
    };

    let good: Vec<ProgressFile> = files
        .entries
        .iter()
        .filter_map(|(_, f)| f.as_ref().ok().cloned())
        .collect();
    let tables = class_tables(&good);
    let errors: Vec<&(String, Result<ProgressFile, String>)> =
        files.entries.iter().filter(|(_, f)| f.is_err()).collect();

    let table = |t: &engine::labs::ClassTable| {
        let lab = catalog::lab(&t.lab);
        let title = lab.map_or_else(
            || format!("{} ({})", t.lab, tr(lang, L::UnknownLab)),
            |l| l.title.get(code).to_owned(),
        );
        let heads: Vec<String> = (0..t.steps.len())
            .map(|i| {
                lab.and_then(|l| l.steps.get(i))
                    .map_or_else(|| t.steps[i].clone(), |s| s.title.get(code).to_owned())
            })
            .collect();
        let width = heads.len();
        html! {
            <section class="class-lab" data-lab={t.lab.clone()}>
                <h3>{ title }</h3>
                <div class="class-table-wrap">
                    <table class="class-table">
                        <thead>
                            <tr>
                                <th scope="col">{ tr(lang, L::Learner) }</th>
                                { for heads.iter().enumerate().map(|(i, h)| html! { <th scope="col" class="class-step" title={h.clone()}>{ i + 1 }</th> }) }
                                <th scope="col">{ tr(lang, L::Finished2) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for t.rows.iter().map(|row| html! {
                                <tr data-learner={row.learner.clone()}>
                                    <th scope="row">{ row.learner.clone() }</th>
                                    { for row.done.iter().map(|d| match d {
                                        Some(at) => html! { <td class="class-done">{ "✓ " }<small>{ super::clock_time(at) }</small></td> },
                                        None => html! { <td class="class-todo">{ "—" }</td> },
                                    }) }
                                    <td class={if row.done_count == width { "class-done" } else { "class-todo" }}>
                                        { format!("{}/{width}", row.done_count) }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <ol class="class-legend">
                    { for heads.iter().map(|h| html! { <li>{ h.clone() }</li> }) }
                </ol>
            </section>
        }
    };

    html! {
        <section class="class-progress" aria-labelledby="class-progress-title">
            <header class="lab-list-head">
                <h2 id="class-progress-title">{ tr(lang, L::ClassProgress) }</h2>
                <button type="button" class="lab-back" onclick={props.on_close.clone()}>{ tr(lang, L::CloseClass) }</button>
            </header>
            <p class="lab-intro">{ tr(lang, L::ClassIntro) }</p>
            <label class="class-open">
                { tr(lang, L::OpenFiles) }
                <input type="file" multiple=true accept=".json,application/json" class="class-files" {onchange} />
            </label>
            if files.entries.is_empty() {
                <p class="lab-note">{ tr(lang, L::NoFiles) }</p>
            }
            { for tables.iter().map(table) }
            if !errors.is_empty() {
                <ul class="class-errors">
                    { for errors.iter().map(|(name, e)| html! {
                        <li>{ format!("{name}: {}", e.as_ref().err().cloned().unwrap_or_default()) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
