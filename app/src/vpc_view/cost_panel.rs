//! The cost meter: what is billed per hour now at Seoul prices, what has accumulated in virtual time, and the free-tier note.

use std::cell::RefCell;
use std::rc::Rc;

use engine::aws::cost::{FREE_TIER_NOTE, FREE_TIER_NOTE_KO};
use engine::session::Session;
use yew::prelude::*;

use super::text::{T, tr};

/// The properties of [`CostPanel`].
#[derive(Properties, Clone)]
pub struct CostPanelProps {
    /// The learner's session.
    pub session: Rc<RefCell<Session>>,
    /// Changes whenever the session changes.
    pub revision: u64,
    /// Korean (true) or English.
    pub ko: bool,
}

impl PartialEq for CostPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.ko == other.ko
    }
}

/// Formats a virtual time as `MM-DD HH:MM` (UTC).
fn when(ms: i64) -> String {
    let stamp = engine::aws::render::timestamp(ms);
    stamp.get(5..16).unwrap_or(&stamp).replace('T', " ")
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
    // The accumulated charge over virtual time, newest last (at most the last twelve samples).
    let samples = meter.samples.iter().rev().take(12).rev().map(|(t, usd)| {
        html! { <tr><td>{ when(*t) }</td><td class="num">{ format!("${usd:.4}") }</td></tr> }
    });
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
            <table class="vpc-table vpc-cost-history" aria-label={tr(ko, T::CostHistory)}>
                <thead><tr><th>{ tr(ko, T::VirtualTime) }</th><th class="num">{ tr(ko, T::Accumulated) }</th></tr></thead>
                <tbody>{ for samples }</tbody>
            </table>
        </div>
    }
}
