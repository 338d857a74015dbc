//! Someone acting for, or with, the resident (Code 3.6), and the
//! permission a landlord needs to deal with them.

use serde::{Deserialize, Serialize};

use super::{check_contact, require, tidy_lines, tidy_option, tidy_phone, tidy_string};
use crate::domain::text::Msg;
use crate::domain::validate::{self, Invalid, Problem};

crate::choices! {
    /// Who the representative is (Code 3.6).
    pub enum RepresentativeRole in "role" {
        FamilyOrFriend, AdvocateOrSupportWorker, Councillor,
        /// A Member of Parliament.
        Mp, Solicitor,
        /// An attorney under a lasting power of attorney.
        Attorney,
        /// An executor or next of kin of a resident who has died.
        ExecutorOrNextOfKin,
    }
}

impl RepresentativeRole {
    /// The kinds of permission evidence a landlord can accept for this
    /// role (Code 3.6: permission is needed, including from councillors
    /// and MPs; an attorney acts under the power of attorney; a resident
    /// who has died is represented by their executor or next of kin).
    pub fn accepted_evidence(self) -> &'static [ConsentEvidence] {
        use ConsentEvidence::*;
        match self {
            RepresentativeRole::FamilyOrFriend => &[ResidentConfirms, SignedFormToFollow, LastingPowerOfAttorney, ExecutorOrNextOfKin],
            RepresentativeRole::AdvocateOrSupportWorker => &[ResidentConfirms, SignedFormToFollow],
            RepresentativeRole::Councillor | RepresentativeRole::Mp => {
                &[ResidentConfirms, ElectedRepresentativeWithPermission, SignedFormToFollow]
            }
            RepresentativeRole::Solicitor => &[ResidentConfirms, SignedFormToFollow, LastingPowerOfAttorney],
            RepresentativeRole::Attorney => &[LastingPowerOfAttorney],
            RepresentativeRole::ExecutorOrNextOfKin => &[ExecutorOrNextOfKin],
        }
    }
}

crate::choices! {
    /// What the representative may do.
    #[derive(Default)]
    pub enum RepresentativeScope in "scope" {
        /// Deal with the complaint on the resident's behalf (and attend meetings).
        #[default]
        ActForResident,
        /// Only come with the resident to meetings.
        AccompanyAtMeetings,
    }
}

crate::choices! {
    /// How the resident's permission is shown.
    pub enum ConsentEvidence in "consent" {
        /// The resident confirms here, in the widget.
        ResidentConfirms,
        /// A signed consent form will follow.
        SignedFormToFollow, LastingPowerOfAttorney,
        /// Executor or next of kin of a resident who has died.
        ExecutorOrNextOfKin,
        /// A councillor or MP confirms they act with the resident's permission.
        ElectedRepresentativeWithPermission,
    }
}

/// Someone acting for, or with, the resident (Code 3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub role: RepresentativeRole,
    pub name: String,
    /// Organisation, e.g. an advice charity or MP's office.
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address_lines: Vec<String>,
    pub postcode: Option<String>,
    pub scope: RepresentativeScope,
    pub consent: ConsentEvidence,
    /// The resident said "I give permission" (needed for
    /// [`ConsentEvidence::ResidentConfirms`]).
    pub resident_confirmed: bool,
    /// The representative (not the resident) filled in the form.
    pub submitted_by_representative: bool,
}

impl Representative {
    /// A representative with just a role, name and evidence.
    pub fn new(role: RepresentativeRole, name: &str, consent: ConsentEvidence) -> Self {
        Representative {
            role,
            name: name.into(),
            organisation: None,
            phone: None,
            email: None,
            address_lines: vec![],
            postcode: None,
            scope: RepresentativeScope::ActForResident,
            consent,
            resident_confirmed: false,
            submitted_by_representative: false,
        }
    }

    /// Trim text, drop blanks, normalise the postcode.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.name);
        tidy_option(&mut self.organisation);
        tidy_phone(&mut self.phone);
        tidy_option(&mut self.email);
        tidy_lines(&mut self.address_lines);
        tidy_option(&mut self.postcode);
        if let Some(p) = self.postcode.as_deref().and_then(validate::normalise_postcode) {
            self.postcode = Some(p);
        }
    }

    /// Field rules, including that the permission evidence suits the role.
    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "representative.name", &self.name);
        check_contact(&mut e, "representative", &self.postcode, &self.phone, &self.email);
        if self.phone.is_none() && self.email.is_none() && self.address_lines.is_empty() {
            e.push(Invalid::new("representative.phone", Problem::Said(Msg::new("err.rep_contact"))));
        }
        if !self.role.accepted_evidence().contains(&self.consent) {
            e.push(Invalid::new("representative.consent", Problem::Said(Msg::new("err.consent_for_role"))));
        }
        if self.consent == ConsentEvidence::ResidentConfirms && !self.resident_confirmed {
            e.push(Invalid::new("representative.resident_confirmed", Problem::Missing));
        }
        e
    }
}

