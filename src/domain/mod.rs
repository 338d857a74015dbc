//! The domain core: pure Rust, no web-sys or leptos. Compiles for wasm32
//! and the host alike and is tested natively (`cargo test --lib`).
//!
//! Rules come from each landlord's complaints scheme ([`scheme`]): the
//! Housing Ombudsman's Complaint Handling Code in England (code comments
//! name the section, e.g. `// Code 6.2`), and the ombudsmen's model
//! procedures in Wales, Scotland and Northern Ireland.
//!
//! # Entry points for the UI
//!
//! - **Config**: [`LandlordConfig::from_json`] (errors name the setting;
//!   `notes` for the console), [`LandlordConfig::example`] for the
//!   "Example Homes" demo, [`LandlordConfig::calendar`],
//!   [`LandlordConfig::timescales`], [`LandlordConfig::scheme`].
//! - **Schemes** ([`scheme`]): each nation's stages, timescales, time
//!   limit, ombudsman and words for its stages ([`Scheme::stage_name`],
//!   [`Scheme::answer`]).
//! - **The journey** ([`journey`]): every question declared once, with
//!   the route, the checks, "Check your answers" and the payload built
//!   from them. Danger is asked first ([`hazard`]).
//! - **Words** ([`text`]): the domain returns [`Msg`] keys; a
//!   [`Catalogue`] per language turns them into text.
//! - **Validation** of raw inputs ([`validate`]): dates, phone numbers,
//!   emails (the WHATWG rule), postcodes, money, and text hygiene. Each
//!   section of the case model has `validate()`.
//! - **Building the payload**: [`Draft::build`]`(&config, id, submitted_at,
//!   &words)` → [`Submission`] with warnings and expected dates worked out.
//!   [`Submission::to_json`] or [`Submission::to_form_urlencoded`] for the
//!   body, [`Submission::idempotency_key`] for the header.
//! - **Deadlines**: [`StageDates::new`], [`hazard_dates`],
//!   [`Calendar::add_working_days`]; [`Catalogue::long_date`] writes
//!   "Monday 30 November 2026" in each language.
//! - **Exclusions**: [`exclusions::check_complaint`], [`exclusions::outside_time_limit`],
//!   [`exclusions::check_escalation`] (the builder calls them).
//! - **"Is my landlord late?"**: [`LateCheck::check`] → [`LateReport`],
//!   one per stage.
//! - **"My complaints" on this device** ([`tracker`]): [`tracker::Note`]
//!   from the payload sent, [`tracker::read`] / [`tracker::write`] for
//!   local storage, [`tracker::Note::status`] (one sentence, the next
//!   deadline, the actions to offer), [`tracker::Note::expired`]
//!   (`tracker.keep_months`), [`tracker::ics`] for calendar reminders.
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
pub mod choice;
pub mod config;
pub mod deadlines;
pub mod exclusions;
pub mod hazard;
pub mod journey;
pub mod late;
pub mod payload;
pub mod scheme;
pub mod text;
pub mod theme;
pub mod tracker;
pub mod validate;

#[cfg(test)]
mod examples;

pub use calendar::{Calendar, Region};
pub use case::{
    Adjustments, CaseKind, ComplaintDefinition, ConsentEvidence, ContactMethod, DisabilityDisclosure, Escalation,
    EscalationWindowInfo, Format, Interpreter, OmbudsmanReferral, OutcomeSought, PreviousReference, Representative,
    RepresentativeRole, RepresentativeScope, Resident, ResponsesHad, ServiceRequest, Urgency,
};
pub use config::{ConfigError, EscalationWindow, LandlordConfig};
pub use deadlines::{hazard_dates, Due, ExpectedDate, HazardLevel, Stage, StageDates, Timescales};
pub use scheme::{Rules, Scheme};
pub use exclusions::{Exclusion, ExclusionWarning, WarningCode};
pub use hazard::{HazardAdvice, HazardFlag, HazardKind};
pub use late::{DeadlineCheck, DeadlineStatus, LateCheck, LateReport};
pub use payload::{new_id, Draft, Submission, WidgetInfo, SCHEMA};
pub use text::{Catalogue, Msg, Words};
pub use validate::{CharacterCount, DateInput, FieldError, Invalid, Problem};
