//! The live cluster view: nodes holding their pods as coloured chips, request bars, the event
//! stream and the reconcile trace, with fault injection (delete pod, stop/start node, load, a broken image).

pub mod model;

use std::cell::RefCell;
use std::rc::Rc;

use engine::session::{Action, Session};
use yew::prelude::*;

use model::{NodeBox, Snapshot};

/// The image the "Break image" fault switches a Deployment to: a tag that no registry has.
const BROKEN_IMAGE: &str = "quay.io/bastion/nginx:does-not-exist";

/// Above this many pods the view shows per-node bars and a heat map instead of chips.
pub const AGGREGATE_ABOVE: usize = 500;

/// The properties of [`ClusterView`].
#[derive(Properties, Clone)]
pub struct ClusterViewProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes (a command ran, time passed).
    pub revision: u64,
    /// Runs a terminal input (used for `kubectl delete pod`, so it shows in the terminal).
    pub on_run: Callback<String>,
    /// Called after the view changed the session directly (stop/start node, load).
    pub on_act: Callback<Action>,
    /// `ko` or `en`.
    pub lang: AttrValue,
}

impl PartialEq for ClusterViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.on_run == other.on_run
            && self.on_act == other.on_act
            && self.lang == other.lang
    }
}

/// What the side panel shows.
#[derive(Debug, Clone, PartialEq)]
enum Selected {
    Node(String),
    Pod(String, String),
}

fn t(ko: bool, korean: &'static str, english: &'static str) -> &'static str {
    if ko { korean } else { english }
}

fn percent(used: i64, total: i64) -> f64 {
    if total <= 0 {
        0.0
    } else {
        (used as f64 * 100.0 / total as f64).min(100.0)
    }
}

fn bar(label: &str, used: i64, total: i64, text: String) -> Html {
    let p = percent(used, total);
    let class = if p >= 90.0 {
        "bar-fill high"
    } else {
        "bar-fill"
    };
    html! {
        <div class="req-bar" title={text.clone()}>
            <span class="bar-label">{ label.to_owned() }</span>
            <span class="bar-track"><span class={class} style={format!("width:{p:.1}%")}></span></span>
            <span class="bar-text">{ text }</span>
        </div>
    }
}

/// The cluster view.
#[function_component(ClusterView)]
pub fn cluster_view(props: &ClusterViewProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.cluster");
    let ko = props.lang.as_str() != "en";
    let namespace = use_state(|| None::<String>);
    let selected = use_state(|| None::<Selected>);
    let load_target = use_state(String::new);
    let load_percent = use_state(|| 150u32);
    let tab = use_state(|| "events");

    let cache = use_mut_ref(model::PodCache::default);
    // The first render shows nothing of the cluster yet: the pods' facts go into the cache over a few short tasks
    // (deriving a few hundred pods at once would make opening the tab a long task), and the view shows once they
    // are all there.
    let warm = use_state(|| false);
    {
        let warm = warm.clone();
        let session = props.session.clone();
        let cache = cache.clone();
        use_effect_with((), move |_| warm_in_slices(session, cache, warm));
    }
    let snap: Snapshot = if *warm {
        let session = props.session.borrow();
        crate::hooks::timing::span("cluster.snapshot", || {
            model::snapshot_cached(&session, namespace.as_deref(), &mut cache.borrow_mut())
        })
    } else {
        Snapshot::default()
    };
    let details = selected.as_ref().map(|sel| {
        let session = props.session.borrow();
        match sel {
            Selected::Node(n) => model::details(&session, None, n),
            Selected::Pod(ns, n) => model::details(&session, Some(ns), n),
        }
    });

    let on_ns = {
        let namespace = namespace.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let v = select.value();
                namespace.set((!v.is_empty()).then_some(v));
            }
        })
    };
    let aggregate = snap.pod_count > AGGREGATE_ABOVE;

    // The first render shows the node boxes without their pods (and the event stream without its rows); then one
    // more box gets its pod chips after each paint, so building (and styling) a few hundred chips is spread over
    // several short tasks instead of one long one when the tab is first opened.
    let pods_shown = use_state(|| 0usize);
    {
        let pods_shown = pods_shown.clone();
        use_effect_with((*pods_shown, snap.nodes.len()), move |&(shown, total)| {
            if shown < total {
                crate::hooks::use_session::after_next_paint(move || pods_shown.set(shown + 1));
            }
        });
    }
    let all_pods_shown = *pods_shown >= snap.nodes.len();

    // Each node box is a component of its own: one whose pods and selection did not change is not rendered again.
    let on_select = {
        let selected = selected.setter();
        use_callback((), move |sel: Selected, _| selected.set(Some(sel)))
    };
    if !*warm {
        return html! { <div class="cluster-view" aria-busy="true"></div> };
    }
    let node_html = |node: &NodeBox, pods: bool| -> Html {
        let selected = match &*selected {
            Some(Selected::Node(name)) if *name == node.name => (*selected).clone(),
            Some(Selected::Pod(ns, name))
                if node
                    .pods
                    .iter()
                    .any(|p| p.namespace == *ns && p.name == *name) =>
            {
                (*selected).clone()
            }
            _ => None,
        };
        html! {
            <NodeCard key={node.name.clone()} node={node.clone()} {selected} {aggregate} {ko} {pods}
                on_select={on_select.clone()} />
        }
    };
    let (control, workers): (Vec<&NodeBox>, Vec<&NodeBox>) =
        snap.nodes.iter().partition(|n| n.control_plane);

    let heat_map = if aggregate {
        html! {
            <div class="heat-map" title={t(ko, "노드별 CPU 요청률", "CPU requests per node")}>
                { for snap.nodes.iter().map(|n| {
                    let p = percent(n.cpu.0, n.cpu.1);
                    html! { <span class="heat-cell" style={format!("background:hsl({:.0},70%,45%)", 120.0 - p * 1.2)} title={format!("{}: {p:.0}%", n.name)}></span> }
                }) }
            </div>
        }
    } else {
        Html::default()
    };

    // Fault injection.
    let fault_panel = {
        let sel = (*selected).clone();
        let node_action = |stop: bool, node: String| {
            let act = props.on_act.clone();
            Callback::from(move |_| {
                let action = if stop {
                    Action::StopNode(node.clone())
                } else {
                    Action::StartNode(node.clone())
                };
                act.emit(action);
            })
        };
        let actions = match &sel {
            Some(Selected::Pod(ns, name)) => {
                let on_run = props.on_run.clone();
                let cmd = format!("kubectl delete pod {name} -n {ns}");
                html! { <button class="fault" onclick={Callback::from(move |_| on_run.emit(cmd.clone()))}>{ t(ko, "파드 삭제", "Delete pod") }</button> }
            }
            Some(Selected::Node(name)) => {
                let stopped = snap.nodes.iter().any(|n| &n.name == name && n.stopped);
                if stopped {
                    html! { <button class="fault" onclick={node_action(false, name.clone())}>{ t(ko, "노드 시작", "Start node") }</button> }
                } else {
                    html! { <button class="fault" onclick={node_action(true, name.clone())}>{ t(ko, "노드 중지", "Stop node") }</button> }
                }
            }
            None => Html::default(),
        };
        let set_target = {
            let load_target = load_target.clone();
            Callback::from(move |e: Event| {
                if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                    load_target.set(s.value());
                }
            })
        };
        let set_percent = {
            let load_percent = load_percent.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>()
                    && let Ok(v) = i.value().parse::<u32>()
                {
                    load_percent.set(v.min(1000));
                }
            })
        };
        let target = if load_target.is_empty() {
            snap.deployments.first().cloned().unwrap_or_default()
        } else {
            (*load_target).clone()
        };
        let apply_load = {
            let act = props.on_act.clone();
            let target = target.clone();
            let percent = *load_percent;
            Callback::from(move |_| {
                if !target.is_empty() {
                    act.emit(Action::SetLoad(target.clone(), percent));
                }
            })
        };
        // Breaking and restoring an image go through the terminal, as a learner would type them.
        let (ns, name) = target.split_once('/').unwrap_or_default();
        let command = |line: String| {
            let on_run = props.on_run.clone();
            Callback::from(move |_| on_run.emit(line.clone()))
        };
        let break_image = command(format!(
            "kubectl set image deployment/{name} *={BROKEN_IMAGE} -n {ns}"
        ));
        let undo = command(format!("kubectl rollout undo deployment/{name} -n {ns}"));
        html! {
            <div class="faults">
                { actions }
                <span class="load">
                    <label for="cv-load-target">{ t(ko, "디플로이먼트", "Deployment") }</label>
                    <select id="cv-load-target" onchange={set_target}>
                        { for snap.deployments.iter().map(|d| html! { <option value={d.clone()} selected={*d == target}>{ d.clone() }</option> }) }
                    </select>
                    <input type="number" min="0" max="1000" step="10" value={load_percent.to_string()} oninput={set_percent}
                        aria-label={t(ko, "부하 (파드 한 개 요청량 대비 %)", "Load (% of one pod's request)")} />{ "%" }
                    <button class="fault" disabled={target.is_empty()} onclick={apply_load}
                        title={t(ko, "HPA가 반응하는 모의 부하", "Simulated load the HPA reacts to")}>{ t(ko, "부하 적용", "Set load") }</button>
                    <button class="fault" disabled={target.is_empty()} onclick={break_image}
                        title={t(ko, "존재하지 않는 이미지로 바꿉니다 (ImagePullBackOff)", "Switch to an image that does not exist (ImagePullBackOff)")}>
                        { t(ko, "이미지 망가뜨리기", "Break image") }</button>
                    <button class="fault" disabled={target.is_empty()} onclick={undo}>{ t(ko, "롤아웃 되돌리기", "Undo rollout") }</button>
                </span>
            </div>
        }
    };

    let side = match (&*selected, details) {
        (Some(sel), Some((describe, yaml))) => {
            let title = match sel {
                Selected::Node(n) => format!("node/{n}"),
                Selected::Pod(ns, n) => format!("pod/{n} -n {ns}"),
            };
            let close = {
                let selected = selected.clone();
                Callback::from(move |_| selected.set(None))
            };
            html! {
                <aside class="cv-details">
                    <div class="cv-details-head"><strong>{ title }</strong><button onclick={close}>{ "×" }</button></div>
                    <h3>{ "describe" }</h3>
                    <pre>{ describe }</pre>
                    <h3>{ "YAML" }</h3>
                    <pre>{ yaml }</pre>
                </aside>
            }
        }
        _ => Html::default(),
    };

    let stream = if *tab == "events" {
        html! {
            <table class="cv-events">
                <thead><tr><th>{ "Type" }</th><th>{ "Reason" }</th><th>{ "Object" }</th><th>{ "Message" }</th></tr></thead>
                <tbody>
                    { for snap.events.iter().take(if *pods_shown == 0 { 0 } else { usize::MAX }).map(|e| html! {
                        <tr class={(e.kind == "Warning").then_some("warning")}><td>{ e.kind.clone() }</td><td>{ e.reason.clone() }</td><td>{ e.object.clone() }</td><td>{ e.message.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
        }
    } else {
        html! {
            <table class="cv-trace">
                <thead><tr><th>{ t(ko, "시각", "Time") }</th><th>{ t(ko, "컨트롤러", "Controller") }</th><th>{ t(ko, "오브젝트", "Object") }</th><th>{ t(ko, "판단과 조치", "Desired vs current → action") }</th></tr></thead>
                <tbody>
                    { for snap.trace.iter().map(|r| html! {
                        <tr><td>{ r.at.clone() }</td><td>{ r.controller.clone() }</td><td>{ r.object.clone() }</td><td>{ r.message.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
        }
    };
    let tab_button = |name: &'static str, label: &'static str| {
        let tab = tab.clone();
        html! { <button class={classes!("cv-tab", (*tab == name).then_some("active"))} onclick={Callback::from(move |_| tab.set(name))}>{ label }</button> }
    };

    html! {
        <div class="cluster-view">
            <h2 class="visually-hidden">{ t(ko, "클러스터", "Cluster") }</h2>
            <div class="cv-toolbar">
                <label>{ t(ko, "네임스페이스 ", "Namespace ") }
                    <select onchange={on_ns}>
                        <option value="" selected={namespace.is_none()}>{ t(ko, "(전체)", "(all)") }</option>
                        { for snap.namespaces.iter().map(|n| html! { <option value={n.clone()} selected={namespace.as_deref() == Some(n.as_str())}>{ n.clone() }</option> }) }
                    </select>
                </label>
                <span class="cv-count">{ format!("{} pods", snap.pod_count) }</span>
                <span class="cv-legend">
                    <span class="pod-chip running">{ "Running" }</span>
                    <span class="pod-chip pending">{ "Pending" }</span>
                    <span class="pod-chip failed">{ "Error" }</span>
                    <span class="pod-chip terminating">{ "Terminating" }</span>
                    <span class="pod-chip succeeded">{ "Completed" }</span>
                </span>
                { fault_panel }
            </div>
            <div class="cv-main">
                <div class="cv-nodes">
                    { heat_map }
                    <h3>{ t(ko, "컨트롤 플레인", "Control plane") }</h3>
                    <div class="node-row">{ for control.iter().enumerate().map(|(i, n)| node_html(n, i < *pods_shown)) }</div>
                    <h3>{ t(ko, "워커", "Workers") }</h3>
                    <div class="node-row">
                        { for workers.iter().enumerate().map(|(i, n)| node_html(n, control.len() + i < *pods_shown)) }
                    </div>
                    if all_pods_shown && !snap.unscheduled.is_empty() {
                        <h3>{ t(ko, "스케줄되지 않은 파드", "Unscheduled pods") }</h3>
                        <div class="pods unscheduled">
                            { for snap.unscheduled.iter().map(|p| {
                                let selected = selected.clone();
                                let (ns, n) = (p.namespace.clone(), p.name.clone());
                                html! { <button key={format!("{ns}/{n}")} class={classes!("pod-chip", p.tone.class())} title={p.status.clone()}
                                    onclick={Callback::from(move |_| selected.set(Some(Selected::Pod(ns.clone(), n.clone()))))}>{ p.name.clone() }</button> }
                            }) }
                        </div>
                    }
                </div>
                { side }
            </div>
            <div class="cv-stream">
                <div class="cv-tabs">
                    { tab_button("events", t(ko, "이벤트", "Events")) }
                    { tab_button("trace", t(ko, "조정 루프 추적", "Reconcile trace")) }
                </div>
                { stream }
            </div>
        </div>
    }
}

/// How long one task filling the pod cache may run, in milliseconds.
const WARM_SLICE_MS: f64 = 6.0;

/// Fills `cache` with the facts of the session's pods, a slice of a few milliseconds after each paint, then sets
/// `warm`.
fn warm_in_slices(
    session: Rc<RefCell<Session>>,
    cache: Rc<RefCell<model::PodCache>>,
    warm: UseStateHandle<bool>,
) {
    crate::hooks::use_session::after_next_paint(move || {
        let done = crate::hooks::timing::span("cluster.warm", || {
            // The session is never borrowed across tasks; should it be, the next slice tries again.
            let Ok(session) = session.try_borrow() else {
                return false;
            };
            let deadline = crate::hooks::timing::now_ms() + WARM_SLICE_MS;
            model::warm_cache(&session, &mut cache.borrow_mut(), || {
                crate::hooks::timing::now_ms() < deadline
            })
        });
        if done {
            warm.set(true);
        } else {
            warm_in_slices(session, cache, warm);
        }
    });
}

/// The properties of [`NodeCard`].
#[derive(Properties, PartialEq)]
struct NodeCardProps {
    node: NodeBox,
    /// The selection, when it is this node or one of its pods.
    selected: Option<Selected>,
    /// Whether pods show as a stacked bar rather than chips.
    aggregate: bool,
    /// Whether the pods show yet (the first render of the view leaves them out).
    pods: bool,
    ko: bool,
    on_select: Callback<Selected>,
}

/// One node: its status, roles, request bars and pods.
#[function_component(NodeCard)]
fn node_card(props: &NodeCardProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.node_card");
    let NodeCardProps {
        node,
        selected,
        aggregate,
        pods,
        ko,
        on_select,
    } = props;
    let (aggregate, ko) = (*aggregate, *ko);
    let name = node.name.clone();
    let select_node = {
        let on_select = on_select.clone();
        let name = name.clone();
        Callback::from(move |_| on_select.emit(Selected::Node(name.clone())))
    };
    let status = if node.ready { "Ready" } else { "NotReady" };
    let roles = if node.roles.is_empty() {
        "<none>".to_owned()
    } else {
        node.roles.join(",")
    };
    let cpu_text = format!("{}m / {}m", node.cpu.0, node.cpu.1);
    let mem_text = format!(
        "{:.1} / {:.1} GiB",
        node.memory.0 as f64 / 1073741824.0,
        node.memory.1 as f64 / 1073741824.0
    );
    let is_selected = *selected == Some(Selected::Node(name.clone()));
    let body = if !*pods {
        html! { <div class="pods"></div> }
    } else if aggregate {
        let mut counts = std::collections::BTreeMap::new();
        for p in &node.pods {
            *counts.entry(p.tone).or_insert(0usize) += 1;
        }
        let total = node.pods.len().max(1);
        html! {
            <div class="pod-stack" title={format!("{} pods", node.pods.len())}>
                { for counts.iter().map(|(tone, n)| html! {
                    <span class={classes!("stack", tone.class())} style={format!("width:{:.1}%", *n as f64 * 100.0 / total as f64)}>{ n }</span>
                }) }
            </div>
        }
    } else {
        html! {
            <div class="pods">
                { for node.pods.iter().map(|p| {
                    let on_select = on_select.clone();
                    let key = if p.uid.is_empty() { format!("{}/{}", p.namespace, p.name) } else { p.uid.clone() };
                    let (ns, n) = (p.namespace.clone(), p.name.clone());
                    let is_sel = *selected == Some(Selected::Pod(ns.clone(), n.clone()));
                    html! {
                        <button key={key} class={classes!("pod-chip", p.tone.class(), is_sel.then_some("selected"))}
                            title={format!("{}/{} — {}", p.namespace, p.name, p.status)}
                            onclick={Callback::from(move |e: MouseEvent| { e.stop_propagation(); on_select.emit(Selected::Pod(ns.clone(), n.clone())); })}>
                            { p.name.clone() }
                        </button>
                    }
                }) }
            </div>
        }
    };
    html! {
        <div class={classes!("node-box", (!node.ready).then_some("not-ready"), node.stopped.then_some("stopped"), is_selected.then_some("selected"))}
             onclick={select_node}>
            <div class="node-head">
                <span class="node-name">{ name.clone() }</span>
                <span class={classes!("node-status", if node.ready { "ready" } else { "notready" })}>{ status }</span>
            </div>
            <div class="node-roles">
                { roles }{ format!(" · {} pods", node.pods.len()) }
                if node.stopped { <span class="node-stopped">{ t(ko, " · kubelet 중지됨", " · kubelet stopped") }</span> }
            </div>
            { bar("CPU", node.cpu.0, node.cpu.1, cpu_text) }
            { bar(t(ko, "메모리", "MEM"), node.memory.0, node.memory.1, mem_text) }
            { body }
        </div>
    }
}
