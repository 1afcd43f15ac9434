//! Whether this device draws colour emoji. Where no emoji font is installed the browser
//! draws an empty box instead of a fox; then the app shows words or initials instead, so
//! a picture card is never an empty box.
//!
//! The check draws one emoji on a small canvas and looks for a coloured pixel (an
//! empty box, or a black-and-white fallback glyph, has none). It runs once; the answer is
//! kept for the page's life. Plain JavaScript calls through `js_sys`, so no more web-sys
//! bindings are compiled in.

use std::cell::OnceCell;

use js_sys::{Function, Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static DRAWN: OnceCell<bool> = const { OnceCell::new() };
}

/// True when this browser draws colour emoji (asked once, then remembered).
pub fn emoji_drawn() -> bool {
    DRAWN.with(|d| *d.get_or_init(|| check().unwrap_or(false)))
}

/// `obj.name(args…)` for a JavaScript method.
fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f = Reflect::get(obj, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(obj, &args).ok()
}

fn check() -> Option<bool> {
    let canvas: JsValue = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .into();
    Reflect::set(&canvas, &"width".into(), &20.into()).ok()?;
    Reflect::set(&canvas, &"height".into(), &20.into()).ok()?;
    let ctx = call(&canvas, "getContext", &["2d".into()])?;
    if ctx.is_null() {
        return None;
    }
    Reflect::set(&ctx, &"font".into(), &"16px sans-serif".into()).ok()?;
    Reflect::set(&ctx, &"textBaseline".into(), &"top".into()).ok()?;
    call(&ctx, "fillText", &["🦊".into(), 0.into(), 0.into()])?;
    let image = call(
        &ctx,
        "getImageData",
        &[0.into(), 0.into(), 20.into(), 20.into()],
    )?;
    let data: Uint8ClampedArray = Reflect::get(&image, &"data".into()).ok()?.dyn_into().ok()?;
    let px = data.to_vec();
    Some(px.chunks_exact(4).any(|p| {
        let (r, g, b, a) = (p[0], p[1], p[2], p[3]);
        a > 0 && (r.abs_diff(g) > 30 || g.abs_diff(b) > 30 || r.abs_diff(b) > 30)
    }))
}
