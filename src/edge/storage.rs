//! Drafts and the outbox, kept in the browser's local storage.
//!
//! If local storage is unavailable (private browsing, storage disabled, quota
//! full) everything falls back to memory for this page view and
//! [`is_persistent`] turns false, so the UI can say that answers will not be
//! kept after the page is closed. Nothing here ever panics.
//!
//! (gloo-storage is not used: its `LocalStorage::raw()` throws when the
//! browser blocks storage, which is exactly the case this module must survive.)

use std::cell::RefCell;
use std::collections::HashMap;

use serde::{de::DeserializeOwned, Serialize};

thread_local! {
    static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    static PERSISTENT: RefCell<bool> = const { RefCell::new(true) };
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// False once local storage has failed on this page.
pub fn is_persistent() -> bool {
    PERSISTENT.with(|p| *p.borrow())
}

fn mark_unavailable() {
    PERSISTENT.with(|p| *p.borrow_mut() = false);
}

/// Reads and decodes a value. A missing or unreadable value is `None`.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&load_raw(key)?).ok()
}

/// The stored text, as it was saved.
pub fn load_raw(key: &str) -> Option<String> {
    let raw = if is_persistent() {
        match local().map(|s| s.get_item(key)) {
            Some(Ok(v)) => v,
            _ => {
                mark_unavailable();
                None
            }
        }
    } else {
        None
    };
    raw.or_else(|| MEMORY.with(|m| m.borrow().get(key).cloned()))
}

/// Encodes and stores a value. Returns false if it could only be kept in memory.
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    let Ok(raw) = serde_json::to_string(value) else { return false };
    save_raw(key, raw)
}

/// Stores text already encoded. Returns false if it could only be kept in memory.
pub fn save_raw(key: &str, raw: String) -> bool {
    if is_persistent() && local().is_some_and(|s| s.set_item(key, &raw).is_ok()) {
        MEMORY.with(|m| m.borrow_mut().remove(key));
        return true;
    }
    mark_unavailable();
    MEMORY.with(|m| m.borrow_mut().insert(key.to_owned(), raw));
    false
}

/// Removes a value from both places.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
    MEMORY.with(|m| m.borrow_mut().remove(key));
}

/// Every stored key that starts with `prefix` (used to find outbox entries).
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = MEMORY.with(|m| m.borrow().keys().filter(|k| k.starts_with(prefix)).cloned().collect());
    let Some(storage) = local() else { return keys };
    if let Ok(n) = storage.length() {
        for i in 0..n {
            if let Ok(Some(k)) = storage.key(i) {
                if k.starts_with(prefix) && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    keys
}
