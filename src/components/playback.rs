//! Playing a real-time page: one step per tick's worth of wall time at the chosen speed, at
//! least 16 ms apart (a frame), several ticks a step beyond that. The SWIM and data-store
//! pages both play through this hook.

use gloo::timers::callback::Interval;
use yew::prelude::*;

/// Milliseconds between steps and ticks per step, for ticks of `tick_ms` at `speed`× real time.
pub fn pace(tick_ms: u32, speed: f64) -> (f64, i64) {
    let wall_ms = f64::from(tick_ms) / speed;
    if wall_ms >= 16.0 {
        (wall_ms, 1)
    } else {
        (16.0, (16.0 / wall_ms).ceil() as i64)
    }
}

/// While `playing`, calls `step` with the ticks to advance at the [`pace`] of `tick_ms` and
/// `speed`; returns the milliseconds between steps (the graph's animation length).
#[hook]
pub fn use_playback(playing: bool, tick_ms: u32, speed: f64, step: Callback<i64>) -> f64 {
    let (every_ms, per_step) = pace(tick_ms, speed);
    use_effect_with(
        (playing, every_ms as u32, per_step),
        move |&(playing, ms, k)| {
            let interval = playing.then(|| Interval::new(ms, move || step.emit(k)));
            move || drop(interval)
        },
    );
    every_ms
}

#[cfg(test)]
mod tests {
    use super::pace;

    #[test]
    fn slow_speeds_step_a_tick_at_a_time_and_fast_ones_several_a_frame() {
        assert_eq!(pace(100, 1.0), (100.0, 1));
        assert_eq!(pace(100, 0.25), (400.0, 1));
        assert_eq!(pace(100, 5.0), (20.0, 1));
        assert_eq!(pace(10, 5.0), (16.0, 8));
    }
}
