//! The cost meter: what is billed per hour now at Seoul prices, what has accumulated in virtual time, and the free-tier note.

use std::cell::RefCell;
use std::rc::Rc;

use engine::aws::cost::{FREE_TIER_NOTE, FREE_TIER_NOTE_KO};
use engine::session::Session;
use yew::prelude::*;

use super::text::{T, tr};
use crate::charts::{LineChart, Series, Tone};

/// The properties of [`CostPanel`].
#[derive(Properties, Clone)]
pub struct CostPanelProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// Korean (true) or English.
    pub ko: bool,
    /// The theme in effect (`light` or `dark`), for the chart's colours.
    pub theme: AttrValue,
}

impl PartialEq for CostPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.ko == other.ko
            && self.theme == other.theme
    }
}

/// The cost meter.
#[function_component(CostPanel)]
pub fn cost_panel(props: &CostPanelProps) -> Html {
    let ko = props.ko;
    let s = props.session.borrow();
    let lines = s.aws.cost_lines();
    let hourly = s.aws.hourly_cost();
    let meter = &s.aws.meter;
    let rows = lines.iter().map(|l| {
        html! {
            <tr>
                <td><code>{ l.resource_id.clone() }</code></td>
                <td>{ l.item.clone() }</td>
                <td class="num">{ format!("${:.4}", l.usd_per_hour) }</td>
            </tr>
        }
    });
    // The accumulated charge over virtual time in US cents (the chart's axis counts whole units), as the meter sampled it (at most once per virtual hour), up to now.
    let mut points: Vec<(f64, f64)> = meter
        .samples
        .iter()
        .map(|(t, usd)| (*t as f64, usd * 100.0))
        .collect();
    if points.last().is_none_or(|p| p.0 < s.aws.now as f64) {
        points.push((s.aws.now as f64, meter.accumulated_usd * 100.0));
    }
    let series = Rc::new(vec![Series {
        label: "usd".into(),
        tone: Tone::Warn,
        points,
        step: false,
    }]);
    let legend = Rc::new(vec![tr(ko, T::AccumulatedUsd).to_owned()]);
    html! {
        <div class="vpc-cost">
            <p class="vpc-cost-total">
                <span>{ format!("{} ${hourly:.4}", tr(ko, T::PerHour)) }</span>
                <span>{ format!("{} ${:.4}", tr(ko, T::Accumulated), meter.accumulated_usd) }</span>
            </p>
            <table class="vpc-table">
                <thead><tr><th>{ tr(ko, T::Resource) }</th><th>{ tr(ko, T::Item) }</th><th class="num">{ "USD/h" }</th></tr></thead>
                <tbody>
                    { for rows }
                    if lines.is_empty() { <tr><td colspan="3">{ tr(ko, T::NothingBilled) }</td></tr> }
                </tbody>
            </table>
            <p class="vpc-note">{ if ko { FREE_TIER_NOTE_KO } else { FREE_TIER_NOTE } }</p>
            <LineChart caption={tr(ko, T::CostHistory)} series={series} legend={legend}
                y_desc="US ¢" theme={props.theme.clone()} height={140} />
        </div>
    }
}
