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
    /// The landlord's own timescales when it was sent, in working days
    /// (stage 1 acknowledge, respond, extension, then stage 2's), where its
    /// config set any different from the scheme's limits: what it promised
    /// then. Kept, not read from the config each time, so that a later
    /// change to the config does not rewrite what the resident was told.
    #[serde(rename = "days", default, skip_serializing_if = "Option::is_none", deserialize_with = "figures")]
    pub promise: Option<[u32; 6]>,
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
    /// When the landlord said it would not take the complaint to stage 2
    /// (Code 5.11: only for a valid reason, which it must set out).
    #[serde(rename = "s2_no", default, skip_serializing_if = "Option::is_none", deserialize_with = "super::iso::option")]
    pub stage2_refused_on: Option<NaiveDate>,
}

/// The promised figures, if they can be read; otherwise none (the note
/// is then judged against its scheme's limits alone).
fn figures<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<[u32; 6]>, D::Error> {
    Ok(serde_json::from_value(Value::deserialize(d)?).ok())
}

/// A scheme's or landlord's timescales as the six figures a note keeps.
fn six(t: &Timescales) -> [u32; 6] {
    [t.stage1_acknowledge, t.stage1_respond, t.stage1_extension, t.stage2_acknowledge, t.stage2_respond, t.stage2_extension]
}

/// Why a date could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// After today.
    Future,
    /// Before the date it follows (sent, or the stage 2 request).
    Before(NaiveDate),
    /// After a date that must follow it (an acknowledgement after the
    /// answer recorded, a stage 2 request after its acknowledgement).
    After(NaiveDate),
}

impl RecordError {
    /// The error for the resident.
    pub fn msg(&self) -> Msg {
        match self {
            RecordError::Future => Msg::new("tracker.err.future"),
            RecordError::Before(d) => Msg::new("tracker.err.before").date("date", *d),
            RecordError::After(d) => Msg::new("tracker.err.after").date("date", *d),
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
            promise: None,
            what: String::new(),
            acknowledged_on: None,
            answered_on: None,
            extended_to: None,
            stage2_requested_on: None,
            stage2_acknowledged_on: None,
            stage2_answered_on: None,
            stage2_extended_to: None,
            stage2_refused_on: None,
        }
    }

    /// The note with the landlord's timescales `ts` (its config's when it
    /// was sent, the ones the payload's dates were worked out with) kept as
    /// its promise, where they differ from the scheme's limits.
    pub fn promising(mut self, ts: &Timescales) -> Note {
        let figures = six(ts);
        self.promise = (ts.scheme == self.scheme && figures != six(&Timescales::of(self.scheme))).then_some(figures);
        self
    }

    /// What the landlord promised when it was sent, if it was not simply
    /// the scheme's limits.
    pub fn promised_timescales(&self) -> Option<Timescales> {
        let [a1, r1, e1, a2, r2, e2] = self.promise?;
        Some(Timescales {
            stage1_acknowledge: a1,
            stage1_respond: r1,
            stage1_extension: e1,
            stage2_acknowledge: a2,
            stage2_respond: r2,
            stage2_extension: e2,
            scheme: self.scheme,
        })
    }

    /// This complaint's note now follows the stage 2 request `request`
    /// the resident sent from it: asked for on the day it was sent, and
    /// judged at stage 2 by what the landlord promised then. False (and
    /// nothing changed) if the date cannot be recorded.
    pub fn follow(&mut self, request: &Note, today: NaiveDate) -> bool {
        if self.record(Record::Stage2Requested, Some(request.sent_on), today).is_err() {
            return false;
        }
        let scheme = six(&Timescales::of(self.scheme));
        let mut figures = self.promise.unwrap_or(scheme);
        let theirs = request.promise.filter(|_| request.scheme == self.scheme).unwrap_or(scheme);
        figures[3..].copy_from_slice(&theirs[3..]);
        self.promise = (figures != scheme).then_some(figures);
        true
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
            Record::Stage2Refused => &mut self.stage2_refused_on,
        }
    }

    /// What the resident recorded for `what`.
    pub fn recorded(&self, what: Record) -> Option<NaiveDate> {
        self.clone().slot(what).to_owned()
    }

    /// Records (or with `None` clears) what happened when. A new date for
    /// an answer ([`Record::Extended`]) may be in the future; the rest may
    /// not, nor before the note was sent (stage 2 steps: before stage 2
    /// was asked for), nor an answer or a refusal before its
    /// acknowledgement; and a date changed later may not move past what
    /// followed it (an acknowledgement after the answer or the refusal, a
    /// request after its acknowledgement, answer or refusal).
    pub fn record(&mut self, what: Record, on: Option<NaiveDate>, today: NaiveDate) -> Result<(), RecordError> {
        if let Some(d) = on {
            let stage2 = matches!(what, Record::Stage2Acknowledged | Record::Stage2Answered | Record::Stage2Extended | Record::Stage2Refused);
            let mut after = if stage2 { self.stage2_on().unwrap_or(self.sent_on) } else { self.sent_on };
            // An answer acknowledges too: one before the acknowledgement
            // recorded would make that acknowledgement look late. A
            // refusal (Code 5.11) comes after any acknowledgement (6.11).
            let acknowledged = match what {
                Record::Answered => self.acknowledged_on,
                Record::Stage2Answered | Record::Stage2Refused => self.stage2_acknowledged_on,
                _ => None,
            };
            after = acknowledged.map_or(after, |a| a.max(after));
            if d < after {
                return Err(RecordError::Before(after));
            }
            if d > today && !matches!(what, Record::Extended | Record::Stage2Extended) {
                return Err(RecordError::Future);
            }
            let followed = match what {
                Record::Acknowledged => self.answered_on,
                Record::Stage2Acknowledged => [self.stage2_answered_on, self.stage2_refused_on].into_iter().flatten().min(),
                Record::Stage2Requested => {
                    [self.stage2_acknowledged_on, self.stage2_answered_on, self.stage2_refused_on].into_iter().flatten().min()
                }
                _ => None,
            };
            if let Some(f) = followed.filter(|f| d > *f) {
                return Err(RecordError::After(f));
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
            for what in [Record::Stage2Acknowledged, Record::Stage2Answered, Record::Stage2Extended, Record::Stage2Refused] {
                let slot = self.slot(what);
                *slot = slot.filter(|d| *d >= asked);
            }
        }
        if self.kind != CaseKind::Complaint {
            self.stage2_requested_on = None;
        }
        let scheme = six(&Timescales::of(self.scheme));
        // Figures a config could have held: an acknowledgement only where
        // the scheme has one, an answer always, nothing absurd.
        self.promise = self.promise.filter(|p| {
            p.iter().all(|n| *n <= 366) && p[1] > 0 && p[4] > 0 && (p[0] == 0) == (scheme[0] == 0) && (p[3] == 0) == (scheme[3] == 0) && *p != scheme
        });
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
