//! The cluster on a `<canvas>`, animated by `requestAnimationFrame` (through
//! `gloo::render`).
//!
//! A new round restarts the animation clock; the loop asks for one frame at a time and paints
//! until the round's animation is over, then idles until the next change, so a paused
//! playground costs nothing. The pending frame's handle lives in the component's state:
//! dropping it (on unmount) cancels the frame.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::components::surface::surface;
pub use crate::render::picture::Picture;

/// Props of [`Graph`].
#[derive(Properties)]
pub struct GraphProps<S: Picture> {
    /// What to draw.
    pub scene: Rc<S>,
    /// Changes when a new round should animate from its start.
    pub animation: u64,
    /// Length of a round's animation, in milliseconds.
    pub duration_ms: f64,
    /// A click picked this node (or empty space).
    pub on_pick: Callback<Option<u32>>,
    /// Accessible description of the picture.
    pub label: AttrValue,
}

/// Scenes compare by identity: the app builds a new one (memoised) for each change, so a
/// field-by-field comparison of thousands of positions and contacts would only ever confirm
/// what the pointer already says.
impl<S: Picture> PartialEq for GraphProps<S> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && self.animation == other.animation
            && self.duration_ms == other.duration_ms
            && self.on_pick == other.on_pick
            && self.label == other.label
    }
}

/// A scene held as an effect's dependency, equal to another only if it is the same scene
/// (see [`GraphProps`]'s equality). Holding it keeps its address from being reused.
struct Same<S>(Rc<S>);

impl<S> PartialEq for Same<S> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Anim<S> {
    scene: Rc<S>,
    start: f64,
    duration: f64,
    id: u64,
    /// The requested frame while the loop runs; `None` when idle.
    frame: Option<AnimationFrame>,
    /// Time of the previous painted frame while animating (0 when idle).
    last: f64,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Paints `scene` at progress `t`, resizing the backing store to the element's size.
fn draw<S: Picture>(canvas: &HtmlCanvasElement, scene: &S, t: f64) {
    if let Some(s) = surface(canvas, (2.0, 2.0)) {
        scene.paint(&s.ctx, s.palette, s.css.0, s.css.1, t);
    }
}

/// Asks for the next frame of the loop. The callback holds the state weakly, so a frame that
/// fires after the component is gone does nothing.
fn request<S: Picture>(anim: &Rc<RefCell<Anim<S>>>, canvas: &NodeRef) {
    let weak = Rc::downgrade(anim);
    let canvas = canvas.clone();
    let frame = request_animation_frame(move |_| {
        if let Some(anim) = weak.upgrade() {
            tick(&anim, &canvas);
        }
    });
    anim.borrow_mut().frame = Some(frame);
}

/// One frame of the loop: paints the scene at the animation's progress, then asks for the
/// next frame until the round's animation is over.
fn tick<S: Picture>(anim: &Rc<RefCell<Anim<S>>>, canvas: &NodeRef) {
    let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
        anim.borrow_mut().frame = None;
        return;
    };
    let t_now = now();
    let (t, scene) = {
        let mut a = anim.borrow_mut();
        let t = ((t_now - a.start) / a.duration).clamp(0.0, 1.0);
        if a.last > 0.0 {
            crate::probe::record("__gossipFrames", t_now - a.last);
        }
        a.last = t_now;
        (t, a.scene.clone())
    };
    draw(&el, &*scene, t);
    crate::probe::record("__gossipPaint", now() - t_now);
    if t < 1.0 {
        request(anim, canvas);
    } else {
        let mut a = anim.borrow_mut();
        a.frame = None;
        a.last = 0.0;
    }
}

/// The cluster drawing.
#[function_component(Graph)]
pub fn graph<S: Picture>(props: &GraphProps<S>) -> Html {
    let canvas = use_node_ref();
    let anim = use_mut_ref(|| Anim {
        scene: props.scene.clone(),
        start: 0.0,
        duration: 1.0,
        id: props.animation,
        frame: None,
        last: 0.0,
    });

    // Once mounted: repaint on resize; on unmount, cancel a pending frame.
    {
        let canvas = canvas.clone();
        let anim = anim.clone();
        use_effect_with((), move |_| {
            // Repaint whenever the canvas changes size: a window or iframe resize, and also a
            // layout change around it (a banner, a lesson card), which no window event reports.
            let resize = canvas.cast::<HtmlCanvasElement>().and_then(|el| {
                let canvas = canvas.clone();
                let anim = anim.clone();
                let cb =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
                        if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                            let a = anim.borrow();
                            if a.frame.is_none() {
                                draw(&el, &*a.scene, 1.0);
                            }
                        }
                    });
                let observer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, cb))
            });
            move || {
                if let Some((observer, cb)) = resize {
                    observer.disconnect();
                    drop(cb);
                }
                anim.borrow_mut().frame = None;
            }
        });
    }

    // Every new scene: restart the clock if a new round arrived, then paint.
    {
        let canvas = canvas.clone();
        let anim = anim.clone();
        let id = props.animation;
        let duration = props.duration_ms.max(1.0);
        use_effect_with((Same(props.scene.clone()), id), move |(Same(scene), id)| {
            let start_loop = {
                let mut a = anim.borrow_mut();
                a.scene = scene.clone();
                if a.id != *id {
                    a.id = *id;
                    a.start = now();
                    a.duration = duration;
                }
                let animating = now() - a.start < a.duration;
                (animating && a.frame.is_none(), animating)
            };
            match start_loop {
                (true, _) => request(&anim, &canvas),
                (false, false) => {
                    if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                        draw(&el, &**scene, 1.0);
                    }
                }
                (false, true) => {}
            }
        });
    }

    let onclick = {
        let scene = props.scene.clone();
        let on_pick = props.on_pick.clone();
        let canvas = canvas.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
            on_pick.emit(scene.hit(w, h, f64::from(e.offset_x()), f64::from(e.offset_y())));
        })
    };

    html! {
        <canvas ref={canvas} class="graph" {onclick} tabindex="0" role="img"
            aria-label={props.label.clone()} data-testid="graph" />
    }
}
