//! The cluster charts under the Cluster view: desired vs ready replicas of a Deployment, an
//! autoscaler's load vs replicas, and node requests, sampled at every engine change so they
//! update live as commands run and virtual time passes.

use std::cell::RefCell;
use std::rc::Rc;

use engine::session::Session;
use yew::prelude::*;

use super::LineChart;
use super::history::{History, sample};

/// What [`ClusterCharts`] needs.
#[derive(Properties, Clone)]
pub struct ClusterChartsProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes; each new revision records a sample.
    pub revision: u64,
    /// `ko` or `en`.
    pub lang: AttrValue,
    /// `light` or `dark`, so the charts redraw in the theme's colours.
    pub theme: AttrValue,
}

impl PartialEq for ClusterChartsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.lang == other.lang
            && self.theme == other.theme
    }
}

fn t(ko: bool, korean: &'static str, english: &'static str) -> &'static str {
    if ko { korean } else { english }
}

/// The legend label of a series key, in the UI language.
fn label(ko: bool, key: &str) -> String {
    let text = match key {
        "desired" => t(ko, "원하는 수 (spec)", "desired (spec)"),
        "ready" => t(ko, "준비됨 (ready)", "ready"),
        "updated" => t(ko, "최신 (updated)", "up-to-date"),
        "load %" => t(ko, "부하 %", "load %"),
        "utilisation %" => t(ko, "측정 사용률 %", "measured utilisation %"),
        "target %" => t(ko, "목표 사용률 %", "target %"),
        "replicas" => t(ko, "레플리카", "replicas"),
        "CPU" => t(ko, "CPU 요청 %", "CPU requests %"),
        "memory" => t(ko, "메모리 요청 %", "memory requests %"),
        other => return other.to_owned(),
    };
    text.to_owned()
}

/// Three live charts over virtual time.
#[function_component(ClusterCharts)]
pub fn cluster_charts(props: &ClusterChartsProps) -> Html {
    let _span = crate::hooks::timing::Span::start("render.charts");
    let ko = props.lang.as_str() != "en";
    let history = use_mut_ref(History::default);
    let seen = use_mut_ref(|| None::<u64>);
    let workload = use_state(|| None::<String>);
    let open = use_state(|| true);
    if *seen.borrow() != Some(props.revision) {
        *seen.borrow_mut() = Some(props.revision);
        history.borrow_mut().record(sample(&props.session.borrow()));
    }
    let history = history.borrow();

    let workloads = history.workloads();
    let chosen = workload
        .as_ref()
        .filter(|w| workloads.contains(w))
        .or_else(|| workloads.first())
        .cloned();
    let on_pick = {
        let workload = workload.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                workload.set(Some(select.value()));
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let legend = |series: &[super::Series]| -> Rc<Vec<String>> {
        Rc::new(series.iter().map(|s| label(ko, &s.label)).collect())
    };

    let replicas = chosen.as_ref().map(|w| {
        let series = history.replica_series(w);
        html! {
            <LineChart caption={format!("{} — {}", t(ko, "레플리카: 원하는 수와 준비된 수", "Replicas: desired vs ready"), w)}
                legend={legend(&series)} series={Rc::new(series)} theme={props.theme.clone()} />
        }
    });
    let autoscalers = history.autoscalers();
    let autoscale = autoscalers.first().map(|a| {
        let (left, right) = history.autoscale_series(a);
        let mut keys: Vec<super::Series> = left.clone();
        keys.extend(right.iter().cloned());
        html! {
            <LineChart caption={format!("{} — {}", t(ko, "HPA: 부하와 레플리카", "HPA: load vs replicas"), a)}
                legend={legend(&keys)} series={Rc::new(left)} right={Rc::new(right)}
                theme={props.theme.clone()} />
        }
    });
    let requests = {
        let series = history.request_series();
        html! {
            <LineChart caption={t(ko, "노드 요청량 (할당 가능 대비)", "Node requests (share of allocatable)")}
                legend={legend(&series)} series={Rc::new(series)} theme={props.theme.clone()} />
        }
    };

    html! {
        <section class={classes!("cluster-charts", (!*open).then_some("closed"))}
            aria-label={t(ko, "차트", "Charts")}>
            <div class="charts-head">
                <button type="button" class="charts-toggle" aria-expanded={if *open { "true" } else { "false" }}
                    onclick={toggle}>
                    { if *open { "▾ " } else { "▸ " } }{ t(ko, "차트", "Charts") }
                </button>
                if !workloads.is_empty() {
                    <label>{ t(ko, "디플로이먼트 ", "Deployment ") }
                        <select onchange={on_pick}>
                            { for workloads.iter().map(|w| html! {
                                <option value={w.clone()} selected={chosen.as_ref() == Some(w)}>{ w.clone() }</option>
                            }) }
                        </select>
                    </label>
                }
                <span class="charts-note">{ t(ko, "가상 시간이 흐르는 동안 변경마다 기록합니다", "sampled at every change as virtual time passes") }</span>
            </div>
            if *open {
                <div class="charts-row">
                    { replicas.unwrap_or_else(|| html! {
                        <p class="charts-empty">{ t(ko,
                            "디플로이먼트를 만들거나 스케일하면 원하는 수와 준비된 레플리카가 여기에 그려집니다.",
                            "Create or scale a Deployment to see its desired and ready replicas here.") }</p>
                    }) }
                    { autoscale.unwrap_or_default() }
                    { requests }
                </div>
            }
        </section>
    }
}
