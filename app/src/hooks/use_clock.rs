//! `use_clock`: while the virtual clock plays, lets `speed` virtual seconds pass every wall-clock second.

use gloo::timers::callback::Interval;
use yew::prelude::*;

/// How often the playing clock ticks, in wall-clock milliseconds.
pub const TICK_MS: u32 = 1_000;

/// Calls `tick` with the virtual milliseconds to pass, every [`TICK_MS`] while `playing`.
#[hook]
pub fn use_clock(playing: bool, speed: u32, tick: Callback<i64>) {
    // The interval reads the latest callback through a ref, so a re-render does not restart it.
    let latest = use_mut_ref(|| tick.clone());
    *latest.borrow_mut() = tick;
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let interval = playing.then(|| {
            Interval::new(TICK_MS, move || {
                let tick = latest.borrow().clone();
                tick.emit(i64::from(TICK_MS) * i64::from(speed));
            })
        });
        move || drop(interval)
    });
}
