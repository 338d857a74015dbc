//! What the resident raises: the complaint definition (Code 5.6), a
//! service request (1.4), a stage 2 request (6.10), an Ombudsman
//! referral, and earlier references.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{require, tidy_option, tidy_string};
use crate::domain::text::Msg;
use crate::domain::validate::{Invalid, Problem};

/// What the resident wants to put things right (Code 5.6, 7.1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSought {
    pub apology: bool,
    /// A repair or other work done.
    pub repair: bool,
    pub explanation: bool,
    pub compensation: bool,
    /// How much, in pence, if they said.
    pub compensation_amount_pence: Option<u64>,
    /// A change to a policy or the way things are done.
    pub policy_change: bool,
    /// Something else, in their words.
    pub something_else: Option<String>,
}

impl OutcomeSought {
    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        !(self.apology || self.repair || self.explanation || self.compensation || self.policy_change || self.something_else.is_some())
    }
}

/// The complaint definition: what it is about and the outcome wanted
/// (Code 5.6), plus the facts the exclusion checks need (Code 2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDefinition {
    pub what_went_wrong: String,
    pub started_on: NaiveDate,
    /// When they became aware of it, if later.
    pub became_aware_on: Option<NaiveDate>,
    pub tried_already: Option<String>,
    /// Any reference from that (a repair job number, say).
    pub tried_reference: Option<String>,
    /// The impact on them and their household.
    pub impact: Option<String>,
    pub outcomes: OutcomeSought,
    /// Why they did not complain sooner, if over 12 months (Code 2.3).
    pub delay_reason: Option<String>,
    /// Whether court proceedings have been filed about this (Code 2.2).
    pub court_proceedings_filed: Option<bool>,
    /// Whether they have complained about this before (Code 2.2).
    pub previously_complained: Option<bool>,
    /// It is about how a service request was handled (Code 1.5): the
    /// landlord must keep working on the request.
    pub about_service_request: bool,
}

impl ComplaintDefinition {
    /// A definition with the required parts.
    pub fn new(what_went_wrong: &str, started_on: NaiveDate, outcomes: OutcomeSought) -> Self {
        ComplaintDefinition {
            what_went_wrong: what_went_wrong.into(),
            started_on,
            became_aware_on: None,
            tried_already: None,
            tried_reference: None,
            impact: None,
            outcomes,
            delay_reason: None,
            court_proceedings_filed: None,
            previously_complained: None,
            about_service_request: false,
        }
    }

    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.what_went_wrong);
        tidy_option(&mut self.tried_already);
        tidy_option(&mut self.tried_reference);
        tidy_option(&mut self.impact);
        tidy_option(&mut self.delay_reason);
        tidy_option(&mut self.outcomes.something_else);
        if !self.outcomes.compensation {
            self.outcomes.compensation_amount_pence = None;
        }
    }

    /// Field rules; `today` for "must be in the past".
    pub fn validate(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "complaint.what_went_wrong", &self.what_went_wrong);
        if self.started_on > today {
            e.push(Invalid::new("complaint.started_on", Problem::Future));
        }
        match self.became_aware_on {
            Some(aware) if aware > today => e.push(Invalid::new("complaint.became_aware_on", Problem::Future)),
            Some(aware) if aware < self.started_on => e.push(Invalid::new(
                "complaint.became_aware_on",
                Problem::Said(Msg::new("aware.before_started").date("date", self.started_on)),
            )),
            _ => {}
        }
        if self.outcomes.is_empty() {
            e.push(Invalid::new("complaint.outcomes", Problem::Missing));
        }
        e
    }
}

crate::choices! {
    /// How soon a service request needs doing.
    #[derive(Default)]
    pub enum Urgency in "urgency" {
        /// Needs doing soon.
        Urgent,
        #[default]
        Routine,
        /// Danger to people or property now (see the hazard checklist).
        Emergency,
    }
}

/// A request to put something right (Code 1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub what_needs_doing: String,
    /// Where in the home, e.g. "Kitchen, under the sink".
    pub location: Option<String>,
    pub urgency: Urgency,
    /// Access notes: keys, pets, parking, entry codes.
    pub access: Option<String>,
    /// When they are in, or not.
    pub availability: Option<String>,
    pub reported_before: bool,
    /// They were told this is a service request and offered the choice to
    /// complain (Code 1.3 to 1.5).
    pub complaint_offered: bool,
}

impl ServiceRequest {
    /// A request with just what needs doing.
    pub fn new(what_needs_doing: &str) -> Self {
        ServiceRequest {
            what_needs_doing: what_needs_doing.into(),
            location: None,
            urgency: Urgency::Routine,
            access: None,
            availability: None,
            reported_before: false,
            complaint_offered: false,
        }
    }

    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.what_needs_doing);
        tidy_option(&mut self.location);
        tidy_option(&mut self.access);
        tidy_option(&mut self.availability);
    }

    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "service_request.what_needs_doing", &self.what_needs_doing);
        e
    }
}

/// A request for stage 2 (Code 6.10 to 6.12).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// The stage 1 complaint reference, if they have it.
    pub stage1_reference: Option<String>,
    /// When they got the stage 1 response (`None`: not had one).
    pub stage1_response_on: Option<NaiveDate>,
    /// Why they are still unhappy. Optional: residents must not be made to
    /// explain (Code 6.12).
    pub reasons: Option<String>,
    /// What they want to happen now, if they said.
    pub outcome_wanted: Option<String>,
    /// The landlord's escalation window, filled in by the builder.
    pub window: Option<EscalationWindowInfo>,
}

/// The landlord's time limit for asking for stage 2, as applied to this
/// request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationWindowInfo {
    pub window: crate::domain::config::EscalationWindow,
    /// Last day to ask, counted from the stage 1 response.
    pub closes_on: NaiveDate,
    pub within_window: bool,
}

impl Escalation {
    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_option(&mut self.stage1_reference);
        tidy_option(&mut self.reasons);
        tidy_option(&mut self.outcome_wanted);
    }

    /// Nothing is required (Code 6.12).
    pub fn validate(&self, today: NaiveDate) -> Vec<Invalid> {
        if self.stage1_response_on.is_some_and(|d| d > today) {
            return vec![Invalid::new("escalation.stage1_response_on", Problem::Future)];
        }
        Vec::new()
    }
}

crate::choices! {
    /// Which landlord responses the resident has had.
    pub enum ResponsesHad in "responses" {
        /// No response at all (they send the complaint they made).
        None, Stage1,
        /// The final, stage 2, response.
        Stage2,
    }
}

/// Taking the complaint to the Ombudsman.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanReferral {
    pub why_still_unhappy: String,
    pub outcome_wanted: String,
    pub responses_had: ResponsesHad,
    /// The landlord's complaint reference, if they have it.
    pub landlord_reference: Option<String>,
    /// Whether to send a copy to the landlord.
    pub tell_landlord: bool,
}

impl OmbudsmanReferral {
    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.why_still_unhappy);
        tidy_string(&mut self.outcome_wanted);
        tidy_option(&mut self.landlord_reference);
    }

    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "ombudsman.why_still_unhappy", &self.why_still_unhappy);
        require(&mut e, "ombudsman.outcome_wanted", &self.outcome_wanted);
        e
    }
}

/// An earlier reference the resident has: a repair job, a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousReference {
    pub reference: String,
    /// What it was for, if they said.
    pub description: Option<String>,
}

impl PreviousReference {
    /// Field rules for the `i`th reference.
    pub fn validate(&self, i: usize) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, &format!("previous_references.{i}.reference"), &self.reference);
        e
    }
}

