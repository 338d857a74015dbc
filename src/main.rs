//! The widget's entry point. The loader (`public/putright.js`) initialises
//! the wasm and then calls [`start`] with the folder it was served from.
//! On the host (native builds) there is nothing to run; the domain is
//! tested with `cargo test`.

fn main() {}

/// Finds the landlord's host elements (`[data-putright]`) that have no
/// widget yet and mounts one into each. `assets` is the public URL of the
/// widget's files, ending in `/`. Safe to call again for hosts added later.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(assets: String) {
    put_right::ui::start(&assets);
}
