//! From answers to the payload: each task's part, then the payload's own
//! checks, whose errors land on the question that asked for the value.

use chrono::DateTime;

use super::decl::{Ctx, Field};
use super::flow::pages;
use super::model::Answers;
use super::start::{Task, HAZARDS, TASK};
use super::{about, adjust, escalate, evidence, ombudsman, problem, rep, request};
use crate::domain::case::CaseKind;
use crate::domain::hazard::HazardFlag;
use crate::domain::payload::{Draft, Submission};
use crate::domain::text::{Msg, Render};
use crate::domain::validate::{FieldError, Invalid};

/// What kind of case the answers make, once the task is known.
pub fn case_kind(a: &Answers) -> Option<CaseKind> {
    Some(match TASK.get(a)? {
        Task::Problem if problem::is_complaint(a) => CaseKind::Complaint,
        Task::Problem | Task::Request => CaseKind::ServiceRequest,
        Task::Representative => CaseKind::RepresentativeAuthority,
        Task::Adjustments => CaseKind::AdjustmentsRequest,
        Task::Escalate => CaseKind::Stage2Escalation,
        Task::Ombudsman => CaseKind::OmbudsmanReferral,
    })
}

/// The question whose answer fills `path` (the longest declared prefix).
fn field_for(path: &str) -> Option<&'static Field> {
    pages()
        .flat_map(|p| p.fields.iter())
        .filter(|f| !f.payload.is_empty() && (path == f.payload || path.starts_with(&format!("{}.", f.payload))))
        .max_by_key(|f| f.payload.len())
}

/// A payload error, on its question.
fn on_field(e: Invalid) -> FieldError {
    match field_for(&e.path) {
        Some(f) => FieldError::new(f.key, f.say(&e.problem)),
        None => FieldError::new("send", e.problem.msg("send", Msg::new("send.name"))),
    }
}

/// Builds the v1 payload. `submitted_at` is RFC 3339; `locale` the
/// language the resident used. Errors name the question to go back to.
pub fn to_submission(
    a: &Answers,
    id: &str,
    submitted_at: &str,
    locale: &str,
    ctx: &Ctx,
    words: &dyn Render,
) -> Result<Submission, Vec<FieldError>> {
    let kind = case_kind(a).ok_or_else(|| vec![FieldError::new("task", Msg::new("task.missing"))])?;
    let at = DateTime::parse_from_rfc3339(submitted_at).map_err(|_| vec![FieldError::new("send", Msg::new("err.try_again"))])?;
    let today = ctx.today;
    let mut draft = Draft::new(kind, about::resident(a));
    draft.locale = locale.to_owned();
    draft.representative = rep::representative(a);
    draft.adjustments = adjust::adjustments(a);
    draft.hazard = HazardFlag::from_hazards(&HAZARDS.get(a));
    draft.attachments = evidence::attachments(a, ctx);
    match kind {
        CaseKind::Complaint => {
            draft.complaint = problem::complaint(a, ctx);
            if let Some(r) = problem::TRIED_REF.opt(a) {
                draft = draft.with_previous_reference(&r, None);
            }
        }
        CaseKind::ServiceRequest => draft.service_request = Some(request::service_request(a)),
        CaseKind::Stage2Escalation => {
            draft.escalation = Some(escalate::escalation(a, today));
            if let Some(r) = escalate::REFERENCE.opt(a) {
                draft = draft.with_previous_reference(&r, None);
            }
        }
        CaseKind::OmbudsmanReferral => draft.ombudsman = Some(ombudsman::referral(a)),
        CaseKind::RepresentativeAuthority | CaseKind::AdjustmentsRequest => {}
    }
    draft.build(ctx.config, id, at, words).map_err(|errors| errors.into_iter().map(on_field).collect())
}
