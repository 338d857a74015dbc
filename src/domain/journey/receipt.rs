//! What the resident is told after sending, and the texts they can keep:
//! the confirmation's "what happens next", the saved copy, and the summary
//! to send to the Ombudsman.

use super::decl::Ctx;
use super::model::Answers;
use super::{ombudsman, summary};
use crate::domain::case::CaseKind;
use crate::domain::choice::Choice;
use crate::domain::late::{DeadlineStatus, LateReport};
use crate::domain::payload::Submission;
use crate::domain::text::{Msg, Render, Words};
use crate::domain::tracker::Promised;

/// What happens next, in no language yet, so the confirmation can say it
/// in whichever the resident switches to: the kind sent, the dates the
/// payload promised, and the warnings as the resident was shown them
/// (worded already, in the language used at Send).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Next {
    pub kind: CaseKind,
    #[serde(default)]
    pub dates: Vec<Promised>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl Next {
    pub fn of(s: &Submission) -> Next {
        Next {
            kind: s.kind,
            dates: s.expected_dates.iter().map(|d| Promised { event: d.event.clone(), due: d.due }).collect(),
            warnings: s.warnings.iter().map(|w| w.message.clone()).collect(),
        }
    }

    /// The heading and each deadline's line in `words`, without the warnings.
    pub fn worded(&self, words: &dyn Render) -> (String, Vec<String>) {
        let dated = |key: String, due| words.render(&Msg::new(key).date("due", due));
        let mut lines: Vec<String> =
            self.dates.iter().filter(|d| !d.event.ends_with("_extension_limit")).map(|d| dated(format!("receipt.{}", d.event), d.due)).collect();
        if let Some(ext) = self.dates.iter().find(|d| d.event.ends_with("_extension_limit")) {
            lines.push(dated("receipt.extension".into(), ext.due));
        }
        lines.extend(then(self.kind).map(|m| words.render(&m)));
        (words.render(&title(self.kind)), lines)
    }
}

/// The confirmation's heading.
pub fn title(kind: CaseKind) -> Msg {
    Msg::new(format!("receipt.title.{}", kind.value()))
}

/// The subject of the email a resident sends themselves when sending fails.
pub fn mail_subject(kind: CaseKind) -> Msg {
    Msg::new(format!("send.mail_subject.{}", kind.value()))
}

/// What happens next, with real dates: each deadline the payload carries,
/// the extension limit, what the landlord does now, and any exclusion
/// warning the resident was shown.
pub fn next_steps(s: &Submission, words: &dyn Render) -> Vec<String> {
    let next = Next::of(s);
    let (_, mut lines) = next.worded(words);
    lines.extend(next.warnings);
    lines
}

/// What the landlord does now (`receipt.then.<kind>`), for the kinds whose
/// deadlines do not already say it.
pub fn then(kind: CaseKind) -> Option<Msg> {
    (!matches!(kind, CaseKind::Complaint | CaseKind::Stage2Escalation)).then(|| Msg::new(format!("receipt.then.{}", kind.value())))
}

/// The "Download a copy" text file: a clean record of what was sent, the
/// reference, what happens next and who to contact, readable without the
/// widget. `told` is "what you told us", taken when the answers were sent.
pub fn saved_copy(title: &str, reference: &str, next: &[String], told: &str, sent_on: chrono::NaiveDate, ctx: &Ctx, words: &Words) -> String {
    let t = |m: Msg| words.render(&m);
    let c = ctx.config;
    let mut out = format!("{title}\n\n{}\n{}\n", t(Msg::new("copy.sent").date("date", sent_on)), t(Msg::new("copy.reference").ltr("reference", reference)));
    if !next.is_empty() {
        out.push_str(&format!("\n{}\n", t(Msg::new("confirm.next"))));
        for line in next {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str(&format!("{}\n", t(Msg::new("confirm.working_days"))));
    }
    out.push_str(&format!("\n{}\n\n{told}", t(Msg::new("copy.told"))));
    out.push_str(&format!("\n{}\n{}\n", t(Msg::new("copy.contact")), t(Msg::new("contact.phone_line").ltr("phone", &c.phone))));
    if let Some(email) = &c.email {
        out.push_str(&format!("{}\n", t(Msg::new("contact.email_line").ltr("email", email))));
    }
    out.push_str(&format!("\n{}\n", t(Msg::new("confirm.unhappy"))));
    out.push_str(&ombudsman_contacts(ctx, words));
    out
}

/// The Ombudsman's contact details, a line each.
pub fn ombudsman_contacts(ctx: &Ctx, words: &Words) -> String {
    let o = &ctx.config.ombudsman;
    let mut out = String::new();
    for (key, arg, value) in [
        ("contact.phone_line", "phone", &o.phone),
        ("contact.email_line", "email", &o.email),
        ("contact.website_line", "website", &o.website),
    ] {
        if let Some(v) = value {
            out.push_str(&words.render(&Msg::new(key).ltr(arg, v)));
            out.push('\n');
        }
    }
    if !o.post.is_empty() {
        out.push_str(&words.render(&Msg::new("contact.post_line").text("post", o.post.join(", "))));
        out.push('\n');
    }
    out
}

/// The deadlines missed, one sentence each.
pub fn missed(reports: &[LateReport]) -> Vec<Msg> {
    reports.iter().flat_map(|r| r.checks.iter().filter(|c| c.status.is_late()).map(|c| c.msg())).collect()
}

/// Deadlines not yet reached, one sentence each.
pub fn upcoming(reports: &[LateReport]) -> Vec<Msg> {
    reports
        .iter()
        .flat_map(|r| r.checks.iter().filter(|c| matches!(c.status, DeadlineStatus::NotYetDue { .. })).map(|c| c.msg()))
        .collect()
}

/// Deadlines done on time, or passed but not yet a working day late.
pub fn other(reports: &[LateReport]) -> Vec<Msg> {
    reports
        .iter()
        .flat_map(|r| {
            r.checks
                .iter()
                .filter(|c| matches!(c.status, DeadlineStatus::Met { .. } | DeadlineStatus::Passed { .. }))
                .map(|c| c.msg())
                .chain(r.notes.iter().cloned())
        })
        .collect()
}

/// The summary a resident can send to the Ombudsman: why they are still
/// unhappy, the outcome wanted, where the complaint is up to, the dates
/// and any deadline the landlord missed.
pub fn ombudsman_summary(a: &Answers, ctx: &Ctx, words: &Words) -> String {
    let t = |m: Msg| words.render(&m);
    let mut out = format!("{}\n", t(Msg::new("omb_summary.landlord")));
    if let Some(name) = super::about::NAME.opt(a) {
        out.push_str(&format!("{}\n", t(Msg::new("omb_summary.name").text("name", name))));
    }
    for page in ["omb_position", "omb_reference", "omb_dates", "omb_s2_dates"] {
        if let Some(p) = super::flow::page(page).filter(|p| p.shown(a).any(|f| f.answered(a))) {
            let r = summary::row(p, a, ctx, words);
            out.push_str(&format!("{}:\n{}\n", r.label, r.lines.join("\n")));
        }
    }
    let reports = ombudsman::lateness(a, ctx);
    // The deadlines missed, then what else the Ombudsman should know: a
    // refused stage 2, an extension longer than the scheme allows.
    for m in missed(&reports).into_iter().chain(reports.iter().flat_map(|r| r.notes.iter().cloned())) {
        out.push_str(&format!("{}\n", t(m)));
    }
    out.push_str(&format!("\n{}\n{}\n", t(Msg::new("omb_why.row")), ombudsman::WHY.get(a).trim()));
    out.push_str(&format!("\n{}\n{}\n", t(Msg::new("omb_outcome.row")), ombudsman::OUTCOME.get(a).trim()));
    out
}
