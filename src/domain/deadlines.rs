//! Complaint deadlines, for each scheme, and Awaab's Law deadlines.
//!
//! All counts use the convention in [`crate::domain::calendar`]: the day a
//! complaint (or escalation request, or hazard report) is received is day 0
//! and each following working day counts one. Every scheme counts from
//! receipt in working days ([`crate::domain::scheme`]); they differ in
//! their steps, limits and what a response is counted from.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, OutOfRange};
use super::scheme::{Counted, Scheme, Step};
use super::text::{Msg, Render};

/// Which complaint stage. Every scheme has two (Code 5.2, 5.3; the model
/// procedures of Scotland, Wales and Northern Ireland likewise).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Stage 1: the first response.
    Stage1,
    /// Stage 2: the landlord's final response (Code 6.10).
    Stage2,
}

impl Stage {
    /// `"stage1"` or `"stage2"`: the start of event names and text keys.
    pub fn prefix(self) -> &'static str {
        match self {
            Stage::Stage1 => "stage1",
            Stage::Stage2 => "stage2",
        }
    }
}

/// Working-day limits for each step, under `scheme`'s rules.
/// [`Timescales::of`] holds a scheme's maximums ([`Timescales::CODE`]
/// England's); a landlord may promise shorter ones (see
/// [`crate::domain::config::PromisedTimescales`]). 0 means the scheme has
/// no such step (no stage 1 acknowledgement in Scotland) or no fixed limit
/// (an extension agreed with the resident).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timescales {
    /// Acknowledge (and in England define and log) a stage 1 complaint, from receipt.
    pub stage1_acknowledge: u32,
    /// Full stage 1 response, from acknowledgement or receipt (the scheme's rule).
    pub stage1_respond: u32,
    /// Most a stage 1 response may be extended without good reason.
    pub stage1_extension: u32,
    /// Acknowledge a stage 2 request, from receipt of the request.
    pub stage2_acknowledge: u32,
    /// Final stage 2 response, from acknowledgement or receipt.
    pub stage2_respond: u32,
    /// Most a stage 2 response may be extended without good reason.
    pub stage2_extension: u32,
    /// Whose rules: what a response is counted from, and their names.
    pub scheme: Scheme,
}

/// One stage's steps, as [`Timescales::plan`] gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub acknowledge: Option<u32>,
    pub respond: u32,
    pub counted: Counted,
    pub extension: Option<u32>,
}

impl Timescales {
    /// The Complaint Handling Code's limits.
    pub const CODE: Timescales = Timescales {
        stage1_acknowledge: 5, // Code 6.2
        stage1_respond: 10,    // Code 6.3
        stage1_extension: 10,  // Code 6.4
        stage2_acknowledge: 5, // Code 6.11
        stage2_respond: 20,    // Code 6.14
        stage2_extension: 20,  // Code 6.15
        scheme: Scheme::England,
    };

    /// A scheme's own limits ([`crate::domain::scheme::RULES`]).
    pub fn of(scheme: Scheme) -> Timescales {
        let r = scheme.rules();
        let days = |s: Option<super::scheme::Step>| s.map_or(0, |s| s.days);
        Timescales {
            stage1_acknowledge: days(r.stage1.acknowledge),
            stage1_respond: r.stage1.respond.days,
            stage1_extension: days(r.stage1.extension),
            stage2_acknowledge: days(r.stage2.acknowledge),
            stage2_respond: r.stage2.respond.days,
            stage2_extension: days(r.stage2.extension),
            scheme,
        }
    }

    /// The steps of `stage`.
    pub fn plan(&self, stage: Stage) -> Plan {
        let (ack, respond, ext) = match stage {
            Stage::Stage1 => (self.stage1_acknowledge, self.stage1_respond, self.stage1_extension),
            Stage::Stage2 => (self.stage2_acknowledge, self.stage2_respond, self.stage2_extension),
        };
        let some = |n: u32| (n > 0).then_some(n);
        Plan { acknowledge: some(ack), respond, counted: self.scheme.rules().stage(stage).counted, extension: some(ext) }
    }
}

impl Default for Timescales {
    fn default() -> Self {
        Timescales::CODE
    }
}

/// Code sections for (acknowledge, respond, extension) at a stage.
pub fn code_sections(stage: Stage) -> (&'static str, &'static str, &'static str) {
    sections(Scheme::England, stage)
}

/// Where `scheme` sets (acknowledge, respond, extension) at a stage.
pub fn sections(scheme: Scheme, stage: Stage) -> (&'static str, &'static str, &'static str) {
    let r = scheme.rules().stage(stage);
    let at = |s: Option<super::scheme::Step>| s.map_or("", |s| s.section);
    (at(r.acknowledge), r.respond.section, at(r.extension))
}

/// The key dates for one complaint stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageDates {
    /// Which stage.
    pub stage: Stage,
    /// Day 0: the day received, or the next working day.
    pub day_zero: NaiveDate,
    /// Acknowledge by (Code 6.2 / 6.11); `None` where the scheme has no
    /// separate acknowledgement (stage 1 in Scotland, Wales, Northern Ireland).
    pub acknowledge_by: Option<NaiveDate>,
    /// Respond by, counted from `acknowledge_by` (Code 6.3 / 6.14) or from
    /// receipt, as the scheme says.
    pub respond_by: NaiveDate,
    /// Latest response with the longest extension allowed without good
    /// reason (Code 6.4 / 6.15); `None` where the scheme sets no limit.
    pub extension_limit: Option<NaiveDate>,
}

impl StageDates {
    /// Dates for a complaint (stage 1) or escalation request (stage 2)
    /// received on `received`; an error where a date would fall past the
    /// calendar's range.
    ///
    /// ```
    /// # use put_right::domain::{calendar::Calendar, deadlines::*};
    /// # use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let dates = StageDates::new(Stage::Stage1, d(11, 23), &Calendar::default(), &Timescales::CODE).unwrap();
    /// assert_eq!(dates.acknowledge_by, Some(d(11, 30)));
    /// assert_eq!(dates.respond_by, d(12, 14));
    /// ```
    pub fn new(stage: Stage, received: NaiveDate, cal: &Calendar, ts: &Timescales) -> Result<Self, OutOfRange> {
        let plan = ts.plan(stage);
        let acknowledge_by = plan.acknowledge.map(|n| cal.add_working_days(received, n)).transpose()?;
        let from = match (plan.counted, acknowledge_by) {
            (Counted::FromAcknowledgement, Some(ack)) => ack,
            _ => received,
        };
        let respond_by = cal.add_working_days(from, plan.respond)?;
        Ok(StageDates {
            stage,
            day_zero: cal.day_zero(received)?,
            acknowledge_by,
            respond_by,
            extension_limit: plan.extension.map(|n| cal.add_working_days(respond_by, n)).transpose()?,
        })
    }

    /// The dates as payload entries, each with why it is due then and the
    /// scheme's rule. `ts` are the timescales used to compute them; where
    /// they are shorter than the scheme's the basis says so.
    pub fn expected(&self, ts: &Timescales) -> Vec<Due> {
        let scheme = ts.scheme;
        let rules = scheme.rules();
        let plan = ts.plan(self.stage);
        let most = Timescales::of(scheme).plan(self.stage);
        let (s_ack, s_respond, s_ext) = sections(scheme, self.stage);
        let event = |what: &str| format!("{}_{what}", self.stage.prefix());
        let from_receipt = plan.counted == Counted::FromReceipt;
        let stage_rule = rules.stage(self.stage);
        // The landlord's own figure where the scheme's is a default we could
        // not verify, or where it sets no fixed limit (README, "The four
        // nations"): its complaints policy sets it, not the scheme.
        let own = |step: Option<Step>, days: u32| step.is_none_or(|s| !s.verified && s.days != days);
        // "must ... (the scheme's limit)" or, for a shorter promise, "aims to
        // ... (the scheme allows up to N)"; a figure of the landlord's own,
        // "must ... (the limit in the landlord's complaints policy)".
        let basis = |what: &str, days: u32, most: u32, section: &str, step: Option<Step>| {
            let own = own(step, days);
            let promise = days < most && !own;
            let key = format!("basis.{}.{}{}", if promise { "aims" } else { "must" }, event(what), if what == "respond" && from_receipt { ".receipt" } else { "" });
            let why = if own {
                Msg::new("basis.own_limit")
            } else if promise {
                scheme.allows(most, section)
            } else {
                scheme.limit(section)
            };
            Msg::new(key).count(days).msg("why", why).msg("answer", scheme.answer(self.stage))
        };
        // A figure of the landlord's own is named as its policy for its
        // staff too, not as a section of the scheme that does not set it.
        let due = |what: &str, due: NaiveDate, days: u32, section: &'static str, own: bool, basis: Msg| Due {
            event: event(what),
            due,
            working_days: Some(days),
            code_section: if own { None } else { rules.code_section(section) },
            rule: if own { OWN_POLICY.to_owned() } else { rules.rule(section) },
            basis,
        };
        let mut out = Vec::new();
        if let (Some(on), Some(days)) = (self.acknowledge_by, plan.acknowledge) {
            let most = most.acknowledge.unwrap_or(days);
            let why = basis("acknowledge", days, most, s_ack, stage_rule.acknowledge);
            out.push(due("acknowledge", on, days, s_ack, own(stage_rule.acknowledge, days), why));
        }
        let respond = basis("respond", plan.respond, most.respond, s_respond, Some(stage_rule.respond));
        out.push(due("respond", self.respond_by, plan.respond, s_respond, own(Some(stage_rule.respond), plan.respond), respond));
        if let (Some(on), Some(days)) = (self.extension_limit, plan.extension) {
            let own = own(stage_rule.extension, days);
            let rule = if own { Msg::new("basis.own_policy") } else { scheme.cite(s_ext) };
            let why = Msg::new(rules.wording.extension_basis).count(days).text("section", s_ext).msg("rule", rule);
            out.push(due("extension_limit", on, days, s_ext, own, why));
        }
        out
    }
}

/// The payload's `rule` for a date set by the landlord's own figure (the
/// scheme's is unverified, or the scheme sets no fixed limit).
pub const OWN_POLICY: &str = "Landlord's own complaints policy";

/// A date the resident can expect something by, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// Machine name, e.g. `"stage1_acknowledge"`, `"hazard_make_safe"`.
    pub event: String,
    pub due: NaiveDate,
    /// The working days counted for this step; `None` for the 24-hour
    /// emergency hazard deadline.
    pub working_days: Option<u32>,
    /// Complaint Handling Code section, e.g. `"6.2"`; `None` for Awaab's
    /// Law and outside England.
    pub code_section: Option<&'static str>,
    /// The rule that sets it, named for the landlord's staff:
    /// "Complaint Handling Code 6.2", "SPSO MCHP Part 3, stage 2: investigation".
    pub rule: String,
    /// Why, for the resident.
    pub basis: Msg,
}

impl Due {
    /// The payload entry, with the basis in the resident's words.
    pub fn to_payload(&self, words: &dyn Render) -> ExpectedDate {
        ExpectedDate {
            event: self.event.clone(),
            due: self.due,
            working_days: self.working_days,
            code_section: self.code_section.map(str::to_owned),
            rule: Some(self.rule.clone()),
            basis: words.render(&self.basis),
        }
    }
}

/// A date the resident can expect something by, as sent in the payload's
/// `expected_dates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedDate {
    /// Machine name, e.g. `"stage1_acknowledge"`, `"hazard_make_safe"`.
    pub event: String,
    /// Due date (serialised as YYYY-MM-DD).
    pub due: NaiveDate,
    /// The working days counted for this step; `None` for the 24-hour
    /// emergency hazard deadline.
    pub working_days: Option<u32>,
    /// Complaint Handling Code section, e.g. `"6.2"`; `None` for Awaab's
    /// Law and outside England.
    pub code_section: Option<String>,
    /// The scheme's rule for this date, e.g. "Complaint Handling Code 6.2"
    /// (absent from payloads made before schemes existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The explanation the resident was shown, in their language.
    pub basis: String,
}

/// How serious a reported hazard is under Awaab's Law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HazardLevel {
    /// Imminent and significant risk of harm: investigate and make safe
    /// within 24 hours.
    Emergency,
    /// Significant damp and mould: investigate within 10 working days.
    Significant,
}

/// Awaab's Law timescales (England, in force from 27 October 2025).
pub mod awaab {
    /// How the payload's `rule` names it.
    pub const RULE: &str = "Awaab's Law (England)";
    /// Emergency hazards: investigate and make safe within this many hours.
    pub const EMERGENCY_HOURS: u32 = 24;
    /// Significant hazards: investigate within this many working days.
    pub const INVESTIGATE: u32 = 10;
    /// Written summary of findings within this many working days of the
    /// investigation ending.
    pub const WRITTEN_SUMMARY: u32 = 3;
    /// Safety work to start within this many working days of the
    /// investigation ending.
    pub const SAFETY_WORK: u32 = 5;
}

/// Awaab's Law dates for a hazard reported on `reported`. Later steps are
/// counted from the latest date the investigation may finish, so they are
/// the latest the resident should have to wait. An error where a date would
/// fall past the calendar's range.
pub fn hazard_dates(level: HazardLevel, reported: NaiveDate, cal: &Calendar) -> Result<Vec<Due>, OutOfRange> {
    let due = |event: &str, due: NaiveDate, working_days: Option<u32>, basis: Msg| Due {
        event: event.into(),
        due,
        working_days,
        code_section: None,
        rule: awaab::RULE.into(),
        basis,
    };
    Ok(match level {
        HazardLevel::Emergency => vec![due(
            "hazard_make_safe",
            reported.checked_add_signed(Duration::days(1)).ok_or(OutOfRange)?,
            None,
            Msg::new("basis.hazard_make_safe").count(awaab::EMERGENCY_HOURS),
        )],
        HazardLevel::Significant => {
            let investigate = cal.add_working_days(reported, awaab::INVESTIGATE)?;
            vec![
                due("hazard_investigate", investigate, Some(awaab::INVESTIGATE), Msg::new("basis.hazard_investigate").count(awaab::INVESTIGATE)),
                due(
                    "hazard_written_summary",
                    cal.add_working_days(investigate, awaab::WRITTEN_SUMMARY)?,
                    Some(awaab::WRITTEN_SUMMARY),
                    Msg::new("basis.hazard_written_summary").count(awaab::WRITTEN_SUMMARY),
                ),
                due(
                    "hazard_safety_work",
                    cal.add_working_days(investigate, awaab::SAFETY_WORK)?,
                    Some(awaab::SAFETY_WORK),
                    Msg::new("basis.hazard_safety_work").count(awaab::SAFETY_WORK),
                ),
            ]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Region;
    use crate::domain::text::{shipped, Arg, Words};

    fn english() -> Words {
        Words::new(shipped::english()).share("landlord", Arg::Text("Example Homes".into()))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_past_the_calendars_edge_are_errors() {
        use crate::domain::calendar::OutOfRange;
        use crate::domain::late::LateCheck;
        let cal = Calendar::default();
        for stage in [Stage::Stage1, Stage::Stage2] {
            assert_eq!(StageDates::new(stage, NaiveDate::MAX, &cal, &Timescales::CODE), Err(OutOfRange));
            assert!(StageDates::new(stage, NaiveDate::MIN, &cal, &Timescales::CODE).is_ok());
        }
        for level in [HazardLevel::Emergency, HazardLevel::Significant] {
            assert_eq!(hazard_dates(level, NaiveDate::MAX, &cal), Err(OutOfRange));
            assert!(hazard_dates(level, NaiveDate::MIN, &cal).is_ok());
        }
        // "Is my landlord late?" at either edge.
        let max = NaiveDate::MAX;
        assert_eq!(LateCheck::stage1(max).check(max, &cal, &Timescales::CODE), Err(OutOfRange));
        assert_eq!(LateCheck::stage2(max).check(max, &cal, &Timescales::CODE), Err(OutOfRange));
        let min = NaiveDate::MIN;
        assert!(LateCheck::stage1(min).check(min, &cal, &Timescales::CODE).is_ok());
    }

    #[test]
    fn stage1_for_23_november_2026() {
        let cal = Calendar::new(Region::EnglandAndWales);
        let dates = StageDates::new(Stage::Stage1, d(2026, 11, 23), &cal, &Timescales::CODE).unwrap();
        assert_eq!(dates.day_zero, d(2026, 11, 23));
        assert_eq!(dates.acknowledge_by, Some(d(2026, 11, 30))); // Code 6.2
        assert_eq!(dates.respond_by, d(2026, 12, 14)); // Code 6.3
        // Code 6.4: +10 wd, across Christmas (25, 28 Dec) → Wednesday 30 December.
        assert_eq!(dates.extension_limit, Some(d(2026, 12, 30)));
        // Worst case is 25 working days from receipt.
        assert_eq!(cal.working_days_after(dates.day_zero, dates.extension_limit.unwrap()), 25);
    }

    #[test]
    fn stage2_dates_cross_christmas_and_new_year() {
        let cal = Calendar::new(Region::EnglandAndWales);
        let dates = StageDates::new(Stage::Stage2, d(2026, 11, 23), &cal, &Timescales::CODE).unwrap();
        assert_eq!(dates.acknowledge_by, Some(d(2026, 11, 30))); // Code 6.11
        // 20 wd from 30 Nov: December has 25 and 28 off, 1 January off.
        assert_eq!(dates.respond_by, d(2026, 12, 30)); // Code 6.14
        assert_eq!(cal.working_days_after(dates.day_zero, dates.respond_by), 25);
        assert_eq!(cal.working_days_after(dates.day_zero, dates.extension_limit.unwrap()), 45);
        assert_eq!(dates.extension_limit, Some(d(2027, 1, 28))); // Code 6.15
    }

    #[test]
    fn scotland_st_andrews_day_pushes_acknowledgement() {
        let cal = Calendar::new(Region::Scotland);
        let dates = StageDates::new(Stage::Stage1, d(2026, 11, 23), &cal, &Timescales::CODE).unwrap();
        assert_eq!(dates.acknowledge_by, Some(d(2026, 12, 1)));
        assert_eq!(dates.respond_by, d(2026, 12, 15));
    }

    #[test]
    fn weekend_receipt_counts_from_monday() {
        let cal = Calendar::default();
        let sat = StageDates::new(Stage::Stage1, d(2026, 11, 21), &cal, &Timescales::CODE).unwrap();
        let mon = StageDates::new(Stage::Stage1, d(2026, 11, 23), &cal, &Timescales::CODE).unwrap();
        assert_eq!(sat, mon);
    }

    #[test]
    fn promised_timescales_shorten_dates_and_say_so() {
        let cal = Calendar::default();
        let ts = Timescales {
            stage1_acknowledge: 1,
            ..Timescales::CODE
        };
        let dates = StageDates::new(Stage::Stage1, d(2026, 11, 23), &cal, &ts).unwrap();
        assert_eq!(dates.acknowledge_by, Some(d(2026, 11, 24)));
        assert_eq!(dates.respond_by, d(2026, 12, 8));
        let words = english();
        let expected: Vec<ExpectedDate> = dates.expected(&ts).iter().map(|d| d.to_payload(&words)).collect();
        assert_eq!(expected.len(), 3);
        assert_eq!(expected[0].event, "stage1_acknowledge");
        assert_eq!(expected[0].working_days, Some(1));
        assert_eq!(expected[0].code_section.as_deref(), Some("6.2"));
        assert!(expected[0].basis.contains("aims to acknowledge your complaint within 1 working day"), "{}", expected[0].basis);
        assert!(expected[0].basis.contains("allows up to 5 working days (section 6.2)"), "{}", expected[0].basis);
        assert!(expected[1].basis.starts_with("Example Homes must send you its full answer within 10"), "{}", expected[1].basis);
        assert!(expected[1].basis.contains("Code's limit"), "{}", expected[1].basis);
        assert_eq!(expected[2].event, "stage1_extension_limit");
        assert_eq!(expected[2].code_section.as_deref(), Some("6.4"));
    }

    #[test]
    fn a_landlords_own_figure_for_an_unverified_or_open_step_cites_its_policy() {
        let ni = Calendar::new(Region::NorthernIreland);
        let words = english();
        let said = |stage, ts: &Timescales, cal: &Calendar| -> Vec<(String, String)> {
            let dates = StageDates::new(stage, d(2026, 11, 23), cal, ts).unwrap();
            dates.expected(ts).iter().map(|x| x.to_payload(&words)).map(|x| (x.event, x.basis)).collect()
        };
        let basis = |list: &[(String, String)], event: &str| list.iter().find(|(e, _)| e == event).unwrap().1.clone();
        let own = "This is the limit in the complaints policy of Example Homes.";
        // NIPSO's stage 2 acknowledgement (3 days) is not verified: 10, or 2, is the landlord's own.
        for days in [10, 2] {
            let ts = Timescales { stage2_acknowledge: days, ..Timescales::of(Scheme::NorthernIreland) };
            let b = basis(&said(Stage::Stage2, &ts, &ni), "stage2_acknowledge");
            assert!(b.starts_with(&format!("Example Homes must acknowledge your request for stage 2 within {days} working days")), "{b}");
            assert!(b.ends_with(own) && !b.contains("NIPSO"), "{b}");
            // For the landlord's staff too: its own policy, not a NIPSO section.
            let dates = StageDates::new(Stage::Stage2, d(2026, 11, 23), &ni, &ts).unwrap();
            let ack = dates.expected(&ts).into_iter().find(|x| x.event == "stage2_acknowledge").unwrap();
            assert_eq!((ack.rule.as_str(), ack.code_section), (OWN_POLICY, None));
        }
        // At the default, it is the default's wording; a verified step keeps the scheme's.
        let ts = Timescales::of(Scheme::NorthernIreland);
        let list = said(Stage::Stage2, &ts, &ni);
        assert!(basis(&list, "stage2_acknowledge").contains("NIPSO"), "{list:?}");
        assert!(basis(&list, "stage2_respond").contains("NIPSO"), "{list:?}");
        // An extension where the scheme sets no fixed limit (Wales, stage 1), or
        // longer than Scotland's unverified 5 days: the landlord's policy.
        let cal = Calendar::default();
        let ts = Timescales { stage1_extension: 10, ..Timescales::of(Scheme::Wales) };
        let b = basis(&said(Stage::Stage1, &ts, &cal), "stage1_extension_limit");
        assert!(b.ends_with("at most 10 extra working days (the complaints policy of Example Homes)."), "{b}");
        let dates = StageDates::new(Stage::Stage1, d(2026, 11, 23), &cal, &ts).unwrap();
        let ext = dates.expected(&ts).into_iter().find(|x| x.event == "stage1_extension_limit").unwrap();
        assert_eq!(ext.rule, OWN_POLICY);
        let respond = dates.expected(&ts).into_iter().find(|x| x.event == "stage1_respond").unwrap();
        assert!(respond.rule.starts_with("PSOW"), "the scheme's own figure keeps its rule: {}", respond.rule);
        let scot = Calendar::new(Region::Scotland);
        let ts = Timescales { stage1_extension: 10, ..Timescales::of(Scheme::Scotland) };
        let b = basis(&said(Stage::Stage1, &ts, &scot), "stage1_extension_limit");
        assert!(b.ends_with("(the complaints policy of Example Homes)."), "{b}");
        let ts = Timescales::of(Scheme::Scotland);
        let b = basis(&said(Stage::Stage1, &ts, &scot), "stage1_extension_limit");
        assert!(b.contains("SPSO"), "{b}");
    }

    #[test]
    fn awaabs_law_dates() {
        let cal = Calendar::default();
        let e = hazard_dates(HazardLevel::Emergency, d(2026, 12, 24), &cal).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].event, "hazard_make_safe");
        assert_eq!(e[0].due, d(2026, 12, 25)); // 24 hours: holidays don't count
        assert_eq!(e[0].working_days, None);

        let s = hazard_dates(HazardLevel::Significant, d(2026, 11, 23), &cal).unwrap();
        let get = |ev: &str| s.iter().find(|x| x.event == ev).unwrap().due;
        assert_eq!(get("hazard_investigate"), d(2026, 12, 7));
        assert_eq!(get("hazard_written_summary"), d(2026, 12, 10));
        assert_eq!(get("hazard_safety_work"), d(2026, 12, 14));
    }

    #[test]
    fn expected_date_serialises_as_plain_date() {
        let e = ExpectedDate {
            event: "stage1_acknowledge".into(),
            due: d(2026, 11, 30),
            working_days: Some(5),
            code_section: Some("6.2".into()),
            rule: None,
            basis: "b".into(),
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["due"], "2026-11-30");
    }
}
