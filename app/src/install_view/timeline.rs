//! The bootstrap timeline: the ten steps of the notes as bars on a time axis (SVG), the current step's explanation,
//! why it waits when it is stuck, and play, pause, step and step back.

use engine::install::{Stage, TimelineEntry};
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`Timeline`].
#[derive(Properties, Clone, PartialEq)]
pub struct TimelineProps {
    /// The shared environment.
    pub env: Env,
    /// Whether the install is playing.
    pub playing: bool,
    /// Starts (true) or stops (false) playing.
    pub on_play: Callback<bool>,
}

/// Minutes and seconds of a duration.
fn mmss(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let env = &props.env;
    let (entries, now, current, running): (Vec<TimelineEntry>, i64, Option<Stage>, bool) = {
        let s = env.session.borrow();
        let sim = s.installer.sim.as_ref();
        (
            s.installer.timeline(),
            sim.map(|s| s.now).unwrap_or(0),
            s.installer.current_stage(),
            sim.is_some(),
        )
    };
    let start = entries.first().map(|e| e.start).unwrap_or(now);
    let span = (now - start).max(60_000) as f64;
    let lang = if env.ko { "ko" } else { "en" };
    let width = 440.0;
    let row_h = 18.0;
    let label_w = 178.0;
    let stages: Vec<Stage> = Stage::ALL.iter().copied().take(10).collect();
    let bars = stages.iter().enumerate().map(|(i, stage)| {
        let y = i as f64 * row_h;
        let entry = entries.iter().rev().find(|e| e.stage == *stage);
        let (class, x0, x1) = match entry {
            Some(e) => {
                let end = e.end.unwrap_or(now);
                let class = if e.blocked.is_some() && e.end.is_none() {
                    "blocked"
                } else if e.end.is_some() {
                    "done"
                } else {
                    "running"
                };
                (
                    class,
                    label_w + (e.start - start) as f64 / span * (width - label_w),
                    label_w + (end - start) as f64 / span * (width - label_w),
                )
            }
            None => ("pending", label_w, label_w),
        };
        let state = match class {
            "done" => env.t(T::Done),
            "running" => env.t(T::Running),
            "blocked" => env.t(T::Waiting),
            _ => env.t(T::NotStarted),
        };
        let title = match entry {
            Some(e) => format!(
                "{} · {} · {}{}",
                stage.id(),
                state,
                mmss(e.end.unwrap_or(now) - e.start),
                e.blocked.as_ref().map(|b| format!(" · {b}")).unwrap_or_default()
            ),
            None => format!("{} · {}", stage.id(), state),
        };
        html! {
            <g class={classes!("tl-row", format!("tl-{class}"), (current == Some(*stage)).then_some("current"))} data-stage={stage.id()}>
                <title>{ title }</title>
                <text x="0" y={format!("{:.1}", y + 13.0)} class="tl-label">{ format!("{:>2}. {}", stage.number(), stage.id()) }</text>
                <rect x={format!("{:.1}", label_w)} y={format!("{:.1}", y + 3.0)} width={format!("{:.1}", width - label_w)} height="12" class="tl-track" />
                <rect x={format!("{x0:.1}")} y={format!("{:.1}", y + 3.0)} width={format!("{:.1}", (x1 - x0).max(if class == "pending" { 0.0 } else { 2.0 }))} height="12" class="tl-bar" />
            </g>
        }
    });
    let blocked = entries
        .iter()
        .rev()
        .find(|e| e.end.is_none())
        .and_then(|e| e.blocked.clone());
    let step = {
        let env = env.clone();
        Callback::from(move |_| {
            env.with_installer(|inst, _| inst.step_forward());
        })
    };
    let back = {
        let env = env.clone();
        Callback::from(move |_| {
            env.with_installer(|inst, _| inst.step_back());
        })
    };
    let toggle = {
        let play = props.on_play.clone();
        let playing = props.playing;
        Callback::from(move |_| play.emit(!playing))
    };
    let height = stages.len() as f64 * row_h + 4.0;
    html! {
        <section class="inst-card inst-timeline" aria-label={env.t(T::Timeline)}>
            <h3>{ env.t(T::Timeline) }
                if running { <span class="muted small mono">{ format!(" · {}", mmss(now - start)) }</span> }
            </h3>
            <div class="inst-actions">
                <button type="button" class="tl-play" onclick={toggle} disabled={!running}>{ if props.playing { env.t(T::Pause) } else { env.t(T::Play) } }</button>
                <button type="button" class="tl-step" onclick={step} disabled={!running || props.playing}>{ env.t(T::Step) }</button>
                <button type="button" class="tl-back" onclick={back} disabled={!running || props.playing}>{ env.t(T::Back) }</button>
            </div>
            <svg class="tl" viewBox={format!("0 0 {width} {height:.0}")} role="img" aria-label={env.t(T::Timeline)}>
                { for bars }
            </svg>
            if let Some(stage) = current {
                <p class="tl-explain">{ engine::install::stage_explanation(stage, lang) }</p>
            }
            if let Some(reason) = blocked {
                <p class="tl-reason mono" role="status">{ format!("{}: {}", env.t(T::Waiting), reason.replace("; ", "\n")) }</p>
            }
        </section>
    }
}
