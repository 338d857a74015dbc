//! The domain core: pure Rust, no web-sys or leptos. Compiles for wasm32
//! and the host alike and is tested natively (`cargo test --lib`).
//!
//! Rules come from the Housing Ombudsman's Complaint Handling Code; code
//! comments name the section (e.g. `// Code 6.2`).
//!
//! # Entry points for the UI
//!
//! - **Config**: [`LandlordConfig::from_json`] (errors name the setting),
//!   [`LandlordConfig::example`] for the "Example Homes" demo,
//!   [`LandlordConfig::calendar`], [`LandlordConfig::timescales`].
//! - **Triage** (emergencies first, then complaint or service request):
//!   fill [`TriageAnswers`] and call [`TriageAnswers::triage`]; show
//!   [`Triage::hazard`] before anything else, ask [`Triage::next_question`],
//!   and when [`Triage::offer_complaint`] is set tell the resident it is a
//!   service request and offer the choice to complain. [`HazardKind::ALL`]
//!   is the checklist; [`HazardFlag::from_hazards`] makes the payload flag.
//! - **Validation** of raw inputs ([`validate`]): [`validate::validate_date`]
//!   for GOV.UK date inputs, [`validate::validate_phone`],
//!   [`validate::validate_email`], [`validate::validate_postcode`],
//!   [`validate::parse_money`], [`validate::CharacterCount`]. Each section
//!   of the case model has `validate()`; [`Draft::validate`] checks it all.
//! - **Building the payload**: [`Draft::new`] + `with_*`, then
//!   [`Draft::build`]`(&config, &`[`new_id`]`(), submitted_at)` →
//!   [`Submission`] with warnings and expected dates worked out.
//!   [`Submission::to_json`] or [`Submission::to_form_urlencoded`] for the
//!   body, [`Submission::idempotency_key`] for the header.
//! - **Deadlines**: [`StageDates::new`], [`hazard_dates`],
//!   [`Calendar::add_working_days`]; [`long_date`] formats
//!   "Monday 30 November 2026".
//! - **Exclusions**: [`exclusions::check_complaint`],
//!   [`exclusions::check_escalation`] (the builder calls them).
//! - **"Is my landlord late?"**: [`LateCheck::check`] → [`LateReport`]
//!   with [`LateReport::messages`].
//!
//! # Counting convention
//!
//! The day something is received is day 0 and each following working day
//! counts one; if it arrives on a weekend or bank holiday, the next working
//! day is day 0. A complaint received on Monday 23 November 2026 must be
//! acknowledged by Monday 30 November 2026 and answered by Monday 14
//! December 2026. A deadline is missed from the first working day after it.

pub mod calendar;
pub mod case;
pub mod config;
pub mod deadlines;
pub mod exclusions;
pub mod journey;
pub mod late;
pub mod theme;
pub mod payload;
pub mod triage;
pub mod validate;

#[cfg(test)]
mod examples;

pub use calendar::{long_date, Calendar, Region};
pub use case::{
    Adjustments, CaseKind, ComplaintDefinition, ConsentEvidence, ContactMethod,
    DisabilityDisclosure, Escalation, EscalationWindowInfo, Format, Interpreter,
    OmbudsmanReferral, OutcomeSought, PreviousReference, Representative, RepresentativeRole,
    RepresentativeScope, Resident, ResponsesHad, ServiceRequest, Urgency,
};
pub use config::{ConfigError, EscalationWindow, LandlordConfig};
pub use deadlines::{hazard_dates, ExpectedDate, HazardLevel, Stage, StageDates, Timescales};
pub use exclusions::{ExclusionWarning, WarningCode};
pub use late::{DeadlineCheck, DeadlineStatus, LateCheck, LateReport};
pub use payload::{new_id, Draft, Submission, WidgetInfo, SCHEMA};
pub use triage::{
    ComplaintProgress, HazardAdvice, HazardFlag, HazardKind, Question, Route, Triage,
    TriageAnswers,
};
pub use validate::{CharacterCount, DateInput, DateRule, FieldError};
