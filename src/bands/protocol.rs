//! The messages between the page and the bands worker.
//!
//! Page → worker: one [`Job`], as a JS array `[scenario file text, trials, max_rounds]`: the
//! scenario in the very text "Download JSON" writes (`crate::share::export::scenario_file`),
//! which `gossip-sim run --scenario` reads too. Worker → page: a [`Reply`]. Both are kept to
//! plain JS values so that the page adds no serde code of its own for them (its bundle has a
//! size budget): a number is progress (0 also says "ready for the job"), a `Float64Array` is
//! the result, and a string is an error.

use gossip_engine::Scenario;
use gossip_engine::bands::RoundBands;
use gossip_engine::metrics::Band;
use wasm_bindgen::{JsCast, JsValue};

use crate::share::export::{read_scenario_file, scenario_file};

/// Seeds per band run unless asked otherwise (issue #12: M = 200).
pub const DEFAULT_TRIALS: u32 = 200;

/// What to run: `trials` seeds of `scenario` (seeds `scenario.seed + t`), each for at most
/// `max_rounds` rounds, as `gossip-sim run --scenario … --trials … --max-rounds …` would.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// The page's scenario: configuration, seed of trial 0, action log.
    pub scenario: Scenario,
    /// Number of seeds.
    pub trials: u32,
    /// Rounds after which a trial stops anyway.
    pub max_rounds: u32,
}

impl Job {
    /// As a JS value for `postMessage`.
    pub fn to_js(&self) -> JsValue {
        let a = js_sys::Array::new();
        a.push(&JsValue::from_str(&scenario_file(&self.scenario)));
        a.push(&JsValue::from(self.trials));
        a.push(&JsValue::from(self.max_rounds));
        a.into()
    }

    /// Reads a message's data; the error says what is wrong with it.
    pub fn from_js(v: &JsValue) -> Result<Job, String> {
        let a = v
            .dyn_ref::<js_sys::Array>()
            .ok_or("the job is not an array")?;
        let text = a.get(0).as_string().ok_or("the job has no scenario")?;
        let number = |i| a.get(i).as_f64().map(|x| x as u32);
        Ok(Job {
            scenario: read_scenario_file(&text)?,
            trials: number(1).ok_or("the job has no number of trials")?,
            max_rounds: number(2).ok_or("the job has no round limit")?,
        })
    }
}

/// Numbers per step in a result: p5, p50 and p95 of informed (a fraction), unaware, fresh,
/// stale and dead, in that order.
pub const PER_STEP: usize = 15;

/// A reply of the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// Trials finished so far (0: the worker has started and waits for its job).
    Progress(u32),
    /// The bands, step by step, flattened ([`flatten`]); read by the page also as text, the
    /// numbers comma-separated (JS's own shortest form, which reads back exactly).
    Done(Vec<f64>, String),
    /// The job was refused (a bad scenario, a refused command).
    Failed(String),
}

impl Reply {
    /// As a JS value for `postMessage`.
    pub fn to_js(&self) -> JsValue {
        match self {
            Reply::Progress(k) => JsValue::from(*k),
            Reply::Done(v, _) => js_sys::Float64Array::from(&v[..]).into(),
            Reply::Failed(e) => JsValue::from_str(e),
        }
    }

    /// Reads a message's data; `None` for anything else.
    pub fn from_js(v: &JsValue) -> Option<Reply> {
        if let Some(k) = v.as_f64() {
            return Some(Reply::Progress(k as u32));
        }
        if let Some(e) = v.as_string() {
            return Some(Reply::Failed(e));
        }
        v.dyn_ref::<js_sys::Float64Array>().map(|a| {
            let text = js_sys::Object::to_string(a).into();
            Reply::Done(a.to_vec(), text)
        })
    }
}

/// The bands as [`PER_STEP`] numbers per step.
pub fn flatten(bands: &[RoundBands]) -> Vec<f64> {
    let mut out = Vec::with_capacity(bands.len() * PER_STEP);
    for b in bands {
        for s in [b.informed, b.unaware, b.fresh, b.stale, b.dead] {
            out.extend([s.p5, s.p50, s.p95]);
        }
    }
    out
}

/// The series of a flattened result, in [`PER_STEP`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// Fraction of alive nodes informed (membership: that detected the failure).
    Informed = 0,
    /// Alive nodes unaware (membership: not yet detected).
    Unaware = 1,
    /// Nodes holding the message fresh.
    Fresh = 2,
    /// Nodes holding it stale.
    Stale = 3,
    /// Dead nodes.
    Dead = 4,
}

/// The band of `series` at `step` in a flattened result.
pub fn band_at(flat: &[f64], step: usize, series: Series) -> Option<Band> {
    let i = step * PER_STEP + series as usize * 3;
    flat.get(i..i + 3).map(|b| Band {
        p5: b[0],
        p50: b[1],
        p95: b[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_band_reads_back() {
        let b = |x: f64| Band {
            p5: x,
            p50: x + 1.0,
            p95: x + 2.0,
        };
        let rows = [
            RoundBands {
                informed: b(0.0),
                unaware: b(10.0),
                fresh: b(20.0),
                stale: b(30.0),
                dead: b(40.0),
            },
            RoundBands {
                stale: b(7.0),
                ..RoundBands::default()
            },
        ];
        let flat = flatten(&rows);
        assert_eq!(flat.len(), 2 * PER_STEP);
        assert_eq!(band_at(&flat, 0, Series::Fresh), Some(b(20.0)));
        assert_eq!(band_at(&flat, 1, Series::Stale), Some(b(7.0)));
        assert_eq!(band_at(&flat, 2, Series::Dead), None, "past the end");
    }
}
