//! The four UK complaints schemes, as data: each landlord's stages and
//! timescales, the time limit for complaining, its ombudsman, its bank
//! holidays and whether Awaab's Law applies.
//!
//! | scheme | whose rules |
//! | --- | --- |
//! | `england-hos` | the Housing Ombudsman's Complaint Handling Code (statutory from 1 April 2024) |
//! | `wales-psow` | the Public Services Ombudsman for Wales's model concerns and complaints policy |
//! | `scotland-spso` | the Scottish Public Services Ombudsman's Model Complaints Handling Procedure (MCHP, revised 2020, in force 1 April 2021) |
//! | `northern-ireland-nipso` | the Northern Ireland Public Services Ombudsman's Model Complaints Handling Procedure |
//!
//! Every figure names where it comes from in a comment. Sources:
//!
//! - `[HOS]` the Code, housing-ombudsman.org.uk/landlords-info/complaint-handling-code/the-code-2024;
//!   `[HOS-1y]` housing-ombudsman.org.uk/residents/make-a-complaint/your-complaint-is-over-a-year-old.
//! - `[SPSO-CF]` the MCHP's customer-facing procedure, adopted word for word by
//!   bodies under the SPSO (e.g. socialsecuritycommission.scot, complaints
//!   handling: paras 11, 15, 16, 18 to 20); `[SPSO-RSL]` tollcross-ha.org.uk
//!   (the MCHP for registered social landlords, 5 and 20 working days);
//!   `[SPSO]` spso.org.uk/complain/form/start (12 months, 0800 377 7330);
//!   `[SPSO-post]` fynehomes.org.uk/complaint-process (Freepost SPSO).
//! - `[PSOW-model]` the model policy as adopted by Carmarthenshire
//!   (bromyrddin.co.uk/have-you-asked-us-yet/investigation: 10 and 20
//!   working days; carmarthenshire.gov.wales complaints page and
//!   npt.gov.uk/30226: 6 months); `[PSOW-Act]` Public Services Ombudsman
//!   (Wales) Act 2019 s.8(1)(c) (one year); `[PSOW]` ombudsman.wales
//!   (privacy notice: 0300 790 0203; complaining by phone: ask@ombudsman.wales;
//!   case review fact sheet: the postal address).
//! - `[NIPSO-MCHP]` nipso.org.uk/service-providers/complaints-standards/model-complaints-handling-procedures
//!   (two stages, 5 and 20 working days; sector procedures, housing
//!   included, rolled out by mid-2027); `[NIPSO-LG]` ardsandnorthdown.gov.uk
//!   (the local government MCHP as adopted: 3 working days to acknowledge
//!   at stage 2, straight to stage 2, 6 months); `[NIPSO]` nipso.org.uk/faqs
//!   (6 months after the landlord's procedure) and nipso.org.uk (0800 343424,
//!   nipso@nipso.org.uk).
//!
//! `verified: false` marks a figure none of those texts states: it is a
//! documented default (README, "The four nations") that the landlord's
//! config may change either way.
//!
//! **Counting.** None of the texts says which day is day 0. Every scheme
//! counts in working days from receipt, so all four use the widget's
//! convention (the day received is day 0; see [`crate::domain::calendar`]),
//! each with its own nation's bank holidays.

use super::calendar::Region;
use super::choice::Choice;
use super::deadlines::Stage;
use super::exclusions::WarningCode;
use super::text::Msg;

crate::choices! {
    /// Whose complaints rules a landlord follows (config `scheme`).
    pub enum Scheme in "scheme" {
        England = "england-hos", Wales = "wales-psow", Scotland = "scotland-spso",
        NorthernIreland = "northern-ireland-nipso",
    }
}

/// One time limit of a scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Working days (months for [`Rules::time_limit`]).
    pub days: u32,
    /// Where the scheme says so: a Code section ("6.2") or a part of a
    /// model procedure. Empty: the procedure as a whole.
    pub section: &'static str,
    /// Stated in a published text we could read. If not, `days` is a
    /// documented default and the config may set any value.
    pub verified: bool,
}

const fn step(days: u32, section: &'static str) -> Step {
    Step { days, section, verified: true }
}

const fn unverified(days: u32, section: &'static str) -> Step {
    Step { days, section, verified: false }
}

/// What a response deadline is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// From the day the complaint or request was received.
    FromReceipt,
    /// From the acknowledgement (or its deadline, if that was missed).
    FromAcknowledgement,
}

/// The time limits of one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageRule {
    /// Acknowledge within; `None`: the scheme asks for no separate
    /// acknowledgement at this stage.
    pub acknowledge: Option<Step>,
    /// Answer within.
    pub respond: Step,
    pub counted: Counted,
    /// The most extra time without good reason; `None`: no fixed limit
    /// (the landlord explains and gives a new date).
    pub extension: Option<Step>,
}

/// The scheme's ombudsman: defaults for the config's `ombudsman`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OmbudsmanRule {
    pub name: &'static str,
    pub phone: Option<&'static str>,
    pub email: Option<&'static str>,
    pub website: Option<&'static str>,
    pub post: &'static [&'static str],
    /// Months the resident has to bring a complaint to the ombudsman (see
    /// `scheme.<value>.ombudsman_limit` for from when).
    pub time_limit_months: u32,
}

/// Where a scheme lets a landlord decline a matter in court, one already
/// dealt with, and a late stage 2 request; and the catalogue keys of its
/// extension sentence and time-limit warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wording {
    pub court: &'static str,
    pub already_considered: &'static str,
    pub escalation_window: &'static str,
    pub extension_basis: &'static str,
    pub time_limit_warning: &'static str,
}

/// The Code's.
const CODE_WORDING: Wording = Wording {
    court: "2.2",                                        // [HOS] 2.2
    already_considered: "2.2",                           // [HOS] 2.2
    escalation_window: "5.11",                           // [HOS] 5.11
    extension_basis: "basis.extension",                  // [HOS] 6.4, 6.5: reasons and Ombudsman details
    time_limit_warning: "warn.over_12_months",           // [HOS] 2.3: good reasons
};

/// The model procedures': no section verified for these (the procedure as a
/// whole is cited), and "exceptional circumstances" for time.
const MODEL_WORDING: Wording = Wording {
    court: "",
    already_considered: "",
    escalation_window: "",
    extension_basis: "basis.extension.exceptional",
    time_limit_warning: "warn.outside_time_limit",
};

/// Everything that differs between the schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub scheme: Scheme,
    /// How the payload's `rule` names it: "Complaint Handling Code".
    pub citation: &'static str,
    /// Sections are the Code's numbers (also sent as `code_section`).
    pub code_sections: bool,
    pub region: Region,
    pub stage1: StageRule,
    pub stage2: StageRule,
    /// Months to complain, from the later of the issue and finding out.
    pub time_limit: Step,
    pub wording: Wording,
    pub ombudsman: OmbudsmanRule,
    /// Awaab's Law (England only, from 27 October 2025).
    pub awaabs_law: bool,
    /// The resident may ask for stage 2 without stage 1.
    pub direct_to_stage2: bool,
}

/// The schemes' rules, in [`Scheme::ALL`] order.
pub static RULES: [Rules; 4] = [
    Rules {
        scheme: Scheme::England,
        citation: "Complaint Handling Code",
        code_sections: true,
        region: Region::EnglandAndWales,
        stage1: StageRule {
            acknowledge: Some(step(5, "6.2")),           // [HOS] 6.2: from receipt
            respond: step(10, "6.3"),                    // [HOS] 6.3: from acknowledgement
            counted: Counted::FromAcknowledgement,
            extension: Some(step(10, "6.4")),            // [HOS] 6.4
        },
        stage2: StageRule {
            acknowledge: Some(step(5, "6.11")),          // [HOS] 6.11: from the request
            respond: step(20, "6.14"),                   // [HOS] 6.14: from acknowledgement
            counted: Counted::FromAcknowledgement,
            extension: Some(step(20, "6.15")),           // [HOS] 6.15
        },
        time_limit: step(12, "2.3"),                     // [HOS] 2.2, 2.3: 12 months, discretion past it
        wording: CODE_WORDING,
        ombudsman: OmbudsmanRule {
            name: "Housing Ombudsman Service",
            phone: Some("0300 111 3000"),
            email: Some("info@housing-ombudsman.org.uk"),
            website: Some("https://www.housing-ombudsman.org.uk"),
            post: &["Housing Ombudsman Service", "PO Box 1484", "Unit D", "Preston", "PR2 0ET"],
            time_limit_months: 12,                       // [HOS-1y]: from the stage 2 answer
        },
        awaabs_law: true,
        direct_to_stage2: false,                         // [HOS] 5.2, 6.10: stage 1 first
    },
    Rules {
        scheme: Scheme::Wales,
        citation: "PSOW model complaints policy",
        code_sections: false,
        region: Region::EnglandAndWales,
        stage1: StageRule {
            acknowledge: None,                           // [PSOW-model] stage 1 is informal
            respond: step(10, "stage 1 (informal resolution)"), // [PSOW-model]
            counted: Counted::FromReceipt,
            extension: None,
        },
        stage2: StageRule {
            acknowledge: Some(unverified(5, "stage 2 (formal investigation)")), // not stated in [PSOW-model]
            respond: step(20, "stage 2 (formal investigation)"), // [PSOW-model]
            counted: Counted::FromReceipt,
            extension: None,                             // [PSOW-model] tells how long, no cap
        },
        time_limit: step(6, "time limit"),               // [PSOW-model] 6 months, exceptionally later
        wording: MODEL_WORDING,
        ombudsman: OmbudsmanRule {
            name: "Public Services Ombudsman for Wales",
            phone: Some("0300 790 0203"),                // [PSOW]
            email: Some("ask@ombudsman.wales"),          // [PSOW]
            website: Some("https://www.ombudsman.wales"),
            post: &["Public Services Ombudsman for Wales", "1 Ffordd yr Hen Gae", "Pencoed", "CF35 5LJ"], // [PSOW]
            time_limit_months: 12,                       // [PSOW-Act] s.8(1)(c): one year from first notice
        },
        awaabs_law: false,
        direct_to_stage2: false,                         // not stated in [PSOW-model]
    },
    Rules {
        scheme: Scheme::Scotland,
        citation: "SPSO MCHP",
        code_sections: false,
        region: Region::Scotland,
        stage1: StageRule {
            acknowledge: None,                           // [SPSO-CF] 15: a decision, no acknowledgement step
            respond: step(5, "Part 3, stage 1: frontline response"), // [SPSO-CF] 15, [SPSO-RSL]
            counted: Counted::FromReceipt,
            extension: Some(unverified(5, "Part 3, stage 1: extension to the timeline")), // "exceptional circumstances" [SPSO-CF] 15; 10 in all not stated
        },
        stage2: StageRule {
            acknowledge: Some(step(3, "Part 3, stage 2: investigation")), // [SPSO-CF] 19
            respond: step(20, "Part 3, stage 2: investigation"), // [SPSO-CF] 19, [SPSO-RSL]
            counted: Counted::FromReceipt,
            extension: None,                             // [SPSO-CF] 20: revised time limits, no cap
        },
        time_limit: step(6, "Part 2, time limit for making complaints"), // [SPSO-CF] 11, 12
        wording: MODEL_WORDING,
        ombudsman: OmbudsmanRule {
            name: "Scottish Public Services Ombudsman",
            phone: Some("0800 377 7330"),                // [SPSO]
            email: None,                                 // an online form; no address verified
            website: Some("https://www.spso.org.uk"),
            post: &["Freepost SPSO"],                    // [SPSO-post]
            time_limit_months: 12,                       // [SPSO]: from knowing about the problem
        },
        awaabs_law: false,
        direct_to_stage2: true,                          // [SPSO-CF] 18
    },
    Rules {
        scheme: Scheme::NorthernIreland,
        citation: "NIPSO MCHP",
        code_sections: false,
        region: Region::NorthernIreland,
        stage1: StageRule {
            acknowledge: None,                           // [NIPSO-LG] a decision, no acknowledgement step
            respond: step(5, "stage 1: frontline response"), // [NIPSO-MCHP]
            counted: Counted::FromReceipt,
            extension: Some(unverified(5, "stage 1: frontline response")), // "exceptional circumstances" [NIPSO-LG]
        },
        stage2: StageRule {
            acknowledge: Some(unverified(3, "stage 2: investigation")), // [NIPSO-LG] only
            respond: step(20, "stage 2: investigation"), // [NIPSO-MCHP]
            counted: Counted::FromReceipt,
            extension: None,                             // [NIPSO-LG] "good reason", no cap
        },
        time_limit: unverified(6, "time limit"),         // [NIPSO-LG] for stage 2 only
        wording: MODEL_WORDING,
        ombudsman: OmbudsmanRule {
            name: "Northern Ireland Public Services Ombudsman",
            phone: Some("0800 343424"),                  // [NIPSO]
            email: Some("nipso@nipso.org.uk"),           // [NIPSO]
            website: Some("https://www.nipso.org.uk"),
            post: &[],                                   // not verified
            time_limit_months: 6,                        // [NIPSO]: after the landlord's procedure
        },
        awaabs_law: false,
        direct_to_stage2: true,                          // [NIPSO-LG]
    },
];

impl Scheme {
    /// This scheme's rules.
    pub fn rules(self) -> &'static Rules {
        &RULES[Scheme::ALL.iter().position(|s| *s == self).unwrap_or(0)]
    }

    fn key(self, part: &str) -> Msg {
        Msg::new(format!("scheme.{}.{part}", self.value()))
    }

    /// The stage's name: "stage 1 (frontline response)".
    pub fn stage_name(self, stage: Stage) -> Msg {
        self.key(stage.prefix())
    }

    /// What the landlord sends at the end of a stage: "stage 1 answer",
    /// "frontline response (stage 1)".
    pub fn answer(self, stage: Stage) -> Msg {
        self.key(&format!("{}_answer", stage.prefix()))
    }

    /// What the resident sends to start stage 2: "stage 2 request".
    pub fn stage2_request(self) -> Msg {
        self.key("stage2_request")
    }

    /// A rule in a sentence, in brackets: "Code 6.2", "SPSO model
    /// complaints handling procedure".
    pub fn cite(self, section: &str) -> Msg {
        self.key("cite").text("section", section)
    }

    /// "the Complaint Handling Code's limit (section 6.2)".
    pub fn limit(self, section: &str) -> Msg {
        self.key("limit").text("section", section)
    }

    /// "The Complaint Handling Code allows up to 5 working days (section 6.2)."
    pub fn allows(self, days: u32, section: &str) -> Msg {
        self.key("allows").num("code_days", days).text("section", section)
    }

    /// How long the resident has to go to the ombudsman, and from when.
    pub fn ombudsman_time_limit(self) -> Msg {
        self.key("ombudsman_limit").count(self.rules().ombudsman.time_limit_months)
    }

    /// "You can ask for stage 2 (investigation) straight away", where the
    /// scheme allows it.
    pub fn direct_to_stage2(self) -> Option<Msg> {
        self.rules().direct_to_stage2.then(|| {
            Msg::new("scheme.direct_stage2").msg("stage1", self.stage_name(Stage::Stage1)).msg("stage2", self.stage_name(Stage::Stage2))
        })
    }
}

impl Rules {
    pub fn stage(&self, stage: Stage) -> &StageRule {
        match stage {
            Stage::Stage1 => &self.stage1,
            Stage::Stage2 => &self.stage2,
        }
    }

    /// The payload's `rule`: "Complaint Handling Code 6.2",
    /// "SPSO MCHP Part 3, stage 2: investigation".
    pub fn rule(&self, section: &str) -> String {
        if section.is_empty() {
            self.citation.to_owned()
        } else {
            format!("{} {section}", self.citation)
        }
    }

    /// The payload's `code_section`: the Code's number, England only.
    pub fn code_section(&self, section: &'static str) -> Option<&'static str> {
        (self.code_sections && !section.is_empty()).then_some(section)
    }

    /// Where the scheme allows the landlord to decline for this reason.
    pub fn warning_section(&self, code: WarningCode) -> &'static str {
        match code {
            WarningCode::Over12Months | WarningCode::OutsideTimeLimit => self.time_limit.section,
            WarningCode::CourtProceedings => self.wording.court,
            WarningCode::AlreadyConsidered => self.wording.already_considered,
            WarningCode::OutsideEscalationWindow => self.wording.escalation_window,
        }
    }
}

#[cfg(test)]
mod tests;
