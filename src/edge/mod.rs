//! The browser edges: everything that touches web-sys lives here, so the UI
//! never calls browser APIs directly and the domain never sees them.
//!
//! - [`console`]: logging that never carries personal data.
//! - [`embed`]: finding the landlord's host elements and reading their config.
//! - [`files`]: photos made small, hashed, and kept in IndexedDB.
//! - [`storage`]: drafts and the outbox in local storage, with an in-memory fallback.
//! - [`notes`]: the resident's notes of what they sent, in local storage.
//! - [`http`]: delivering a submission to the landlord's endpoint.
//! - [`outbox`]: keeping a submission until the endpoint has it, with retries.
//! - [`page`]: focus, the document title, browser history and printing.

pub mod console;
pub mod embed;
pub mod files;
pub mod http;
pub mod notes;
pub mod outbox;
pub mod page;
pub mod storage;
