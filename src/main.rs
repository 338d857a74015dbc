//! The widget's entry point: find the landlord's host elements and mount.
//! On the host (native builds) there is nothing to run; the domain is
//! tested with `cargo test`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    put_right::ui::start();
}
