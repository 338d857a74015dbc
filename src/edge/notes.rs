//! The resident's notes ("My complaints", [`crate::domain::tracker`]) in
//! local storage: one entry per landlord, `putright:<landlord_id>:notes`,
//! read back tidied, with notes past their keeping time deleted.

use chrono::NaiveDate;

use super::storage;
use crate::domain::tracker::{self, Note};

/// Where a landlord's notes are kept.
pub fn key(landlord_id: &str) -> String {
    format!("putright:{landlord_id}:notes")
}

/// The notes kept for this landlord. Those kept `keep_months` after their
/// last deadline (config `tracker.keep_months`) are deleted here.
pub fn load(landlord_id: &str, today: NaiveDate, keep_months: u32) -> Vec<Note> {
    let Some(raw) = storage::load_raw(&key(landlord_id)) else { return Vec::new() };
    let all = tracker::read(&raw);
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
    storage::save_raw(&key(landlord_id), tracker::write(notes))
}
