//! The note kept on the resident's device, and reading it back.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shorten::one_line;
use super::status::Record;
use crate::domain::calendar::Calendar;
use crate::domain::case::CaseKind;
use crate::domain::choice::Choice;
use crate::domain::deadlines::Timescales;
use crate::domain::payload::Submission;
use crate::domain::scheme::Scheme;
use crate::domain::text::Msg;

/// A date the payload said something is due by (its `expected_dates`),
/// kept as `["stage1_respond", "2026-12-14"]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, super::iso::IsoDate)", into = "(String, NaiveDate)")]
pub struct Promised {
    /// `"stage1_acknowledge"`, `"hazard_make_safe"`...
    pub event: String,
    pub due: NaiveDate,
}

impl From<(String, super::iso::IsoDate)> for Promised {
    fn from((event, due): (String, super::iso::IsoDate)) -> Self {
        Promised { event, due: due.0 }
    }
}

impl From<Promised> for (String, NaiveDate) {
    fn from(p: Promised) -> Self {
        (p.event, p.due)
    }
}

/// The promised dates that can be read; the rest are dropped.
fn readable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Promised>, D::Error> {
    let Value::Array(items) = Value::deserialize(d)? else { return Ok(Vec::new()) };
    Ok(items.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect())
}

/// What the resident keeps on their device about one thing they sent.
/// Holds no contact or disability details: a reference, dates, and what
/// went wrong in one line. Stored compactly (short field names, nothing
/// empty written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The landlord's reference (or the widget's, if the landlord gave none).
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: CaseKind,
    /// The day it was sent: received, day 0 or before it.
    #[serde(rename = "sent", deserialize_with = "super::iso::date")]
    pub sent_on: NaiveDate,
    /// Whose rules its deadlines follow.
    pub scheme: Scheme,
    /// The dates the payload gave (the landlord's promises where shorter
    /// than the scheme's limits).
    #[serde(rename = "due", default, skip_serializing_if = "Vec::is_empty", deserialize_with = "readable")]
    pub promised: Vec<Promised>,
    /// What went wrong, in one line ([`super::one_line`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
    /// What the resident recorded later.
    #[serde(rename = "ack", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub acknowledged_on: Option<NaiveDate>,
    #[serde(rename = "ans", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub answered_on: Option<NaiveDate>,
    /// The new date the landlord gave for its stage 1 answer (Code 6.4).
    #[serde(rename = "ext", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub extended_to: Option<NaiveDate>,
    #[serde(rename = "s2_asked", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub stage2_requested_on: Option<NaiveDate>,
    #[serde(rename = "s2_ack", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub stage2_acknowledged_on: Option<NaiveDate>,
    #[serde(rename = "s2_ans", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub stage2_answered_on: Option<NaiveDate>,
    /// The new date the landlord gave for its final answer (Code 6.15).
    #[serde(rename = "s2_ext", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub stage2_extended_to: Option<NaiveDate>,
}

/// Why a date could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// After today.
    Future,
    /// Before the date it follows (sent, or the stage 2 request).
    Before(NaiveDate),
}

impl RecordError {
    /// The error for the resident.
    pub fn msg(&self) -> Msg {
        match self {
            RecordError::Future => Msg::new("tracker.err.future"),
            RecordError::Before(d) => Msg::new("tracker.err.before").date("date", *d),
        }
    }
}

/// The longest reference kept (the payload's limit for references).
const REFERENCE_CHARS: usize = 100;
/// Dates this far from when it was sent are not believed.
const YEARS_AROUND: u32 = 10;

impl Note {
    /// A note of `submission`, sent with the landlord's `reference`. The
    /// one-line definition is what went wrong (a complaint), what needs
    /// doing (a service request), or why they are still unhappy (stage 2,
    /// the Ombudsman); nothing for representatives and adjustments, whose
    /// details may be about health.
    pub fn from_submission(s: &Submission, reference: &str) -> Note {
        let what = match s.kind {
            CaseKind::Complaint | CaseKind::Stage2Escalation => s
                .complaint
                .as_ref()
                .map(|c| c.what_went_wrong.clone())
                .or_else(|| s.escalation.as_ref().and_then(|e| e.reasons.clone())),
            CaseKind::ServiceRequest => s.service_request.as_ref().map(|r| r.what_needs_doing.clone()),
            CaseKind::OmbudsmanReferral => s.ombudsman.as_ref().map(|o| o.why_still_unhappy.clone()),
            CaseKind::RepresentativeAuthority | CaseKind::AdjustmentsRequest => None,
        };
        Note {
            promised: s.expected_dates.iter().map(|e| Promised { event: e.event.clone(), due: e.due }).collect(),
            what: one_line(what.as_deref().unwrap_or("")),
            ..Note::new(reference, s.kind, s.received_on(), s.scheme.unwrap_or(Scheme::England))
        }
    }

    /// A note with nothing promised, no line and nothing recorded yet.
    pub fn new(reference: &str, kind: CaseKind, sent_on: NaiveDate, scheme: Scheme) -> Note {
        Note {
            reference: reference.trim().to_owned(),
            kind,
            sent_on,
            scheme,
            promised: Vec::new(),
            what: String::new(),
            acknowledged_on: None,
            answered_on: None,
            extended_to: None,
            stage2_requested_on: None,
            stage2_acknowledged_on: None,
            stage2_answered_on: None,
            stage2_extended_to: None,
        }
    }

    /// Complaints and stage 2 requests have deadlines; the rest do not.
    pub fn has_deadlines(&self) -> bool {
        matches!(self.kind, CaseKind::Complaint | CaseKind::Stage2Escalation)
    }

    /// When stage 2 was asked for: the day sent for a stage 2 request.
    pub fn stage2_on(&self) -> Option<NaiveDate> {
        match self.kind {
            CaseKind::Stage2Escalation => Some(self.sent_on),
            _ => self.stage2_requested_on,
        }
    }

    fn slot(&mut self, what: Record) -> &mut Option<NaiveDate> {
        match what {
            Record::Acknowledged => &mut self.acknowledged_on,
            Record::Answered => &mut self.answered_on,
            Record::Extended => &mut self.extended_to,
            Record::Stage2Requested => &mut self.stage2_requested_on,
            Record::Stage2Acknowledged => &mut self.stage2_acknowledged_on,
            Record::Stage2Answered => &mut self.stage2_answered_on,
            Record::Stage2Extended => &mut self.stage2_extended_to,
        }
    }

    /// What the resident recorded for `what`.
    pub fn recorded(&self, what: Record) -> Option<NaiveDate> {
        self.clone().slot(what).to_owned()
    }

    /// Records (or with `None` clears) what happened when. A new date for
    /// an answer ([`Record::Extended`]) may be in the future; the rest may
    /// not, nor before the note was sent (stage 2 steps: before stage 2
    /// was asked for), nor an answer before its acknowledgement.
    pub fn record(&mut self, what: Record, on: Option<NaiveDate>, today: NaiveDate) -> Result<(), RecordError> {
        if let Some(d) = on {
            let stage2 = matches!(what, Record::Stage2Acknowledged | Record::Stage2Answered | Record::Stage2Extended);
            let mut after = if stage2 { self.stage2_on().unwrap_or(self.sent_on) } else { self.sent_on };
            // An answer acknowledges too: one before the acknowledgement
            // recorded would make that acknowledgement look late.
            let acknowledged = match what {
                Record::Answered => self.acknowledged_on,
                Record::Stage2Answered => self.stage2_acknowledged_on,
                _ => None,
            };
            after = acknowledged.map_or(after, |a| a.max(after));
            if d < after {
                return Err(RecordError::Before(after));
            }
            if d > today && !matches!(what, Record::Extended | Record::Stage2Extended) {
                return Err(RecordError::Future);
            }
        }
        *self.slot(what) = on;
        Ok(())
    }

    /// The calendar of the note's scheme's nation, where no landlord
    /// config is at hand.
    pub(super) fn own_calendar(&self) -> Calendar {
        Calendar::new(self.scheme.rules().region)
    }

    /// The last date anything is due or happened: the promised dates,
    /// every deadline of the stages it went through (under its scheme's
    /// limits), and every date recorded.
    pub fn last_deadline(&self) -> NaiveDate {
        let cal = self.own_calendar();
        let checked = self.reports(self.sent_on, &cal, &Timescales::of(self.scheme));
        let dues = checked.iter().flat_map(|r| r.checks.iter().map(|c| c.due));
        let recorded = Record::ALL.iter().filter_map(|r| self.recorded(*r));
        let promised = self.promised.iter().map(|p| p.due);
        dues.chain(recorded).chain(promised).fold(self.sent_on, NaiveDate::max)
    }

    /// Whether the note has been kept `months` after its last deadline
    /// (config `tracker.keep_months`) and should be deleted.
    pub fn expired(&self, today: NaiveDate, months: u32) -> bool {
        self.last_deadline().checked_add_months(Months::new(months)).is_some_and(|until| today > until)
    }

    /// Whether a note read back can be trusted; dates that make no sense
    /// are dropped, and a note without a usable reference or date is.
    fn tidy(mut self) -> Option<Note> {
        self.reference = self.reference.trim().to_owned();
        let reference_ok = !self.reference.is_empty()
            && self.reference.chars().count() <= REFERENCE_CHARS
            && !self.reference.chars().any(char::is_control);
        if !reference_ok || !(2000..=2200).contains(&self.sent_on.year()) {
            return None;
        }
        let latest = self.sent_on.checked_add_months(Months::new(12 * YEARS_AROUND))?;
        let sent = self.sent_on;
        let plausible = |d: &NaiveDate| (sent..=latest).contains(d);
        for what in Record::ALL {
            let slot = self.slot(*what);
            *slot = slot.filter(plausible);
        }
        if let Some(asked) = self.stage2_on() {
            for what in [Record::Stage2Acknowledged, Record::Stage2Answered, Record::Stage2Extended] {
                let slot = self.slot(what);
                *slot = slot.filter(|d| *d >= asked);
            }
        }
        if self.kind != CaseKind::Complaint {
            self.stage2_requested_on = None;
        }
        self.promised.retain(|p| plausible(&p.due) && !p.event.is_empty() && p.event.len() <= 40);
        self.what = one_line(&self.what);
        Some(self)
    }
}

/// The stored form: a version, then the notes.
#[derive(Serialize)]
struct Stored<'a> {
    v: u32,
    notes: &'a [Note],
}

const VERSION: u32 = 1;

/// The notes as stored on the device.
pub fn write(notes: &[Note]) -> String {
    serde_json::to_string(&Stored { v: VERSION, notes }).unwrap_or_default()
}

/// The notes read back from the device. Anything that is not a note of
/// this version (another shape, an unknown kind or scheme, a bad date) is
/// dropped, note by note; this never panics.
pub fn read(stored: &str) -> Vec<Note> {
    let Ok(Value::Object(mut root)) = serde_json::from_str::<Value>(stored) else { return Vec::new() };
    if root.get("v").and_then(Value::as_u64) != Some(u64::from(VERSION)) {
        return Vec::new();
    }
    let Some(Value::Array(items)) = root.remove("notes") else { return Vec::new() };
    items.into_iter().filter_map(|v| serde_json::from_value::<Note>(v).ok()).filter_map(Note::tidy).collect()
}
