//! The resident's notes ("My complaints", [`crate::domain::tracker`]) in
//! local storage: one entry per landlord, `putright:<landlord_id>:notes`,
//! read back tidied, with notes past their keeping time deleted.

use chrono::NaiveDate;
use serde_json::Value;

use super::storage;
use crate::domain::tracker::{self, Note};

/// Where a landlord's notes are kept.
pub fn key(landlord_id: &str) -> String {
    format!("putright:{landlord_id}:notes")
}

/// The notes kept for this landlord. Those kept `keep_months` after their
/// last deadline (config `tracker.keep_months`) are deleted here.
pub fn load(landlord_id: &str, today: NaiveDate, keep_months: u32) -> Vec<Note> {
    let Some(v) = storage::load::<Value>(&key(landlord_id)) else { return Vec::new() };
    let all = tracker::read(&v.to_string());
    let kept: Vec<Note> = all.iter().filter(|n| !n.expired(today, keep_months)).cloned().collect();
    if kept.len() != all.len() {
        save(landlord_id, &kept);
    }
    kept
}

/// Keeps these notes (none: removes the entry). False if they could only
/// be kept in memory.
pub fn save(landlord_id: &str, notes: &[Note]) -> bool {
    if notes.is_empty() {
        storage::remove(&key(landlord_id));
        return true;
    }
    let Ok(v) = serde_json::from_str::<Value>(&tracker::write(notes)) else { return false };
    storage::save(&key(landlord_id), &v)
}
