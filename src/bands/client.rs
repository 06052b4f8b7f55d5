//! The page's side of the bands worker: spawn it, hand it the job once it says it is ready,
//! pass its replies on, and terminate it (which is how a run is cancelled: the worker's loop
//! stops wherever it is, and a new run spawns a new worker).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Worker};

use super::protocol::{Job, Reply};

/// The worker's start-up script, written by Trunk next to the page (`index.html`:
/// `data-type="worker"`, `data-loader-shim`): it loads the worker's own JS glue and wasm.
pub const WORKER_URL: &str = "./bands-worker_loader.js";

/// A running band job. Dropping it terminates the worker.
pub struct BandRun {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl BandRun {
    /// Spawns a worker for `job`; `on_reply` receives every reply after the worker's
    /// "ready" (progress, then the bands or an error).
    pub fn spawn(job: &Job, on_reply: impl Fn(Reply) + 'static) -> Result<BandRun, String> {
        let on_reply = std::rc::Rc::new(on_reply);
        let message = job.to_js();
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let to_worker = worker.clone();
        let reply_to = on_reply.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            match Reply::from_js(&e.data()) {
                // The worker is ready: hand it the job.
                Some(Reply::Progress(0)) => {
                    if let Err(e) = to_worker.post_message(&message) {
                        reply_to(Reply::Failed(format!("{e:?}")));
                    }
                }
                Some(reply) => reply_to(reply),
                None => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // A worker that cannot load (missing file, refused by the page's policy) or that
        // fails says so only through an error event.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            on_reply(Reply::Failed(
                "the bands worker stopped with an error".into(),
            ));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(BandRun {
            worker,
            _on_message: on_message,
            _on_error: on_error,
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
