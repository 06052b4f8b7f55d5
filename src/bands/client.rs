//! The page's side of the bands worker: spawn it, hand it the job once it says it is ready,
//! pass its replies on, and terminate it (which is how a run is cancelled: the worker's loop
//! stops wherever it is, and a new run spawns a new worker).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

use super::protocol::{Job, Reply};

/// The worker's start-up script, written by Trunk next to the page (`index.html`:
/// `data-type="worker"`, `data-loader-shim`): it loads the worker's own JS glue and wasm.
pub const WORKER_URL: &str = "./bands-worker_loader.js";

/// A running band job. Dropping it terminates the worker.
pub struct BandRun {
    worker: Worker,
    _on_event: Closure<dyn FnMut(JsValue)>,
}

impl BandRun {
    /// Spawns a worker for `job`; `on_reply` receives every reply after the worker's
    /// "ready" (progress, then the bands or an error).
    pub fn spawn(job: &Job, on_reply: impl Fn(Reply) + 'static) -> Result<BandRun, String> {
        let message = job.to_js();
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let to_worker = worker.clone();
        // One handler for both events: a message, or an error (a worker that cannot load,
        // or that fails, says so only through an error event).
        let on_event = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(e) = e.dyn_ref::<MessageEvent>() else {
                on_reply(Reply::Failed(
                    "the bands worker stopped with an error".into(),
                ));
                return;
            };
            match Reply::from_js(&e.data()) {
                // The worker is ready: hand it the job.
                Some(Reply::Progress(0)) => {
                    if let Err(e) = to_worker.post_message(&message) {
                        on_reply(Reply::Failed(format!("{e:?}")));
                    }
                }
                Some(reply) => on_reply(reply),
                None => {}
            }
        });
        let f = on_event.as_ref().unchecked_ref();
        worker.set_onmessage(Some(f));
        worker.set_onerror(Some(f));
        Ok(BandRun {
            worker,
            _on_event: on_event,
        })
    }
}

impl Drop for BandRun {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
