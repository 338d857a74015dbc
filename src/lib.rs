//! Put Right: a resident self-service complaints widget.
//!
//! `domain` is pure Rust (no browser APIs) and is tested natively.
//! `ui` and `edge` only exist on wasm32: the Leptos components and the
//! browser edges (storage, HTTP delivery, embed config).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod edge;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[doc(hidden)]
pub use paste as __paste;
