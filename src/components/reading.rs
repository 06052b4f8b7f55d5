//! Reading a run in slices, one per animation frame, for the panels that replay it (the
//! knowledge heatmap, the time-space diagram): the page keeps drawing however long the run.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use yew::UseStateHandle;

use crate::knowledge::Builder;
use crate::spacetime::Spacetime;

/// Work that advances one slice at a time.
pub trait Slices {
    /// Does one slice; returns whether the work is finished.
    fn advance(&mut self) -> bool;
}

impl Slices for Builder {
    fn advance(&mut self) -> bool {
        Builder::advance(self)
    }
}

impl Slices for Spacetime {
    fn advance(&mut self) -> bool {
        Spacetime::advance(self)
    }
}

/// The work in progress and the frame that continues it.
pub struct Reading<B> {
    /// The work, if any.
    pub job: Option<B>,
    /// How many times the work was stopped (and started again): tells one job's results from
    /// the next one's.
    pub starts: u64,
    frame: Option<AnimationFrame>,
}

impl<B> Default for Reading<B> {
    fn default() -> Self {
        Reading {
            job: None,
            starts: 0,
            frame: None,
        }
    }
}

impl<B> Reading<B> {
    /// Drops the work and its pending frame.
    pub fn stop(&mut self) {
        self.frame = None;
        self.job = None;
        self.starts += 1;
    }
}

/// Runs one slice per frame until the work is finished, bumping `progress` after each so the
/// panel redraws what has been read.
pub fn pump<B: Slices + 'static>(
    reading: &Rc<RefCell<Reading<B>>>,
    progress: &UseStateHandle<u64>,
) {
    if reading.borrow().frame.is_some() {
        return;
    }
    let weak = Rc::downgrade(reading);
    let progress = progress.clone();
    let frame = request_animation_frame(move |_| {
        let Some(reading) = weak.upgrade() else {
            return;
        };
        let done = {
            let mut r = reading.borrow_mut();
            r.frame = None;
            match r.job.as_mut() {
                Some(job) => job.advance(),
                None => return,
            }
        };
        progress.set(*progress + 1);
        if !done {
            pump(&reading, &progress);
        }
    });
    reading.borrow_mut().frame = Some(frame);
}
