//! Going to the Ombudsman: where the complaint is up to, "Is my landlord
//! late?" for the stage the resident is waiting on, what they want, and
//! whether to tell the landlord. They can ask for help at any time.

use super::decl::{ask_if, line, long_text, radios, Ctx, Field, Kind, Line, On, Page, Special, Stop};
use super::model::{Answers, Date, One, Text, YesNo};
use super::start::{Task, TASK};
use crate::domain::case::{OmbudsmanReferral, ResponsesHad};
use crate::domain::deadlines::{Stage, Timescales};
use crate::domain::scheme::Scheme;
use crate::domain::late::{LateCheck, LateReport};
use crate::domain::text::Msg;
use crate::domain::validate::FieldError;

crate::choices! {
    /// Where the complaint is up to.
    pub enum Position in "omb_position" {
        FinalResponse, WaitingStage1, WaitingStage2, RefusedEscalation, Stage1Only, NotComplained,
    }
}

pub const POSITION: One<Position> = One::new("omb_position");
/// The landlord's reference for the complaint: the Ombudsman asks for it
/// to find the complaint with the landlord.
pub const REFERENCE: Text = Text("omb_reference");
pub const COMPLAINED: Date = Date("omb_complained");
pub const ACKNOWLEDGED: Date = Date("omb_acknowledged");
pub const ANSWERED: Date = Date("omb_answered");
pub const EXTENDED: Date = Date("omb_extended");
pub const S2_REQUESTED: Date = Date("omb_s2_requested");
pub const S2_ACKNOWLEDGED: Date = Date("omb_s2_acknowledged");
pub const S2_ANSWERED: Date = Date("omb_s2_answered");
pub const S2_EXTENDED: Date = Date("omb_s2_extended");
pub const S2_REFUSED: Date = Date("omb_s2_refused");
pub const WHY: Text = Text("omb_why");
pub const OUTCOME: Text = Text("omb_outcome");
pub const TELL: One<YesNo> = One::new("omb_tell");

fn complained(a: &Answers) -> bool {
    POSITION.get(a).is_some_and(|p| p != Position::NotComplained)
}

fn stage1_answered(a: &Answers) -> bool {
    POSITION.get(a).is_some_and(|p| !matches!(p, Position::WaitingStage1 | Position::NotComplained))
}

fn asked_stage2(a: &Answers) -> bool {
    matches!(POSITION.get(a), Some(Position::FinalResponse | Position::WaitingStage2 | Position::RefusedEscalation))
}

fn refused_stage2(a: &Answers) -> bool {
    POSITION.is(a, Position::RefusedEscalation)
}

const fn date(key: &'static str) -> Field {
    Field::new(key, Kind::Date)
}

/// "Did your landlord tell you of a new date?": an extension (Code 6.4 at
/// stage 1, 6.15 at stage 2, or the scheme's equivalent), which may be
/// still to come. `late.rs` caps one longer than the scheme allows.
const fn new_date(key: &'static str) -> Field {
    date(key).optional().may_be_future()
}

static POSITION_PAGE: Page = Page::ask("omb_position", &[radios(&POSITION)]);
static REFERENCE_PAGE: Page =
    Page::ask("omb_reference", &[line(&REFERENCE, Line::Reference).optional().payload("ombudsman.landlord_reference")]);
static STAGE1_PAGE: Page = Page::titled(
    "omb_dates",
    &[date("omb_complained"), date("omb_acknowledged").optional(), new_date("omb_extended"), date("omb_answered").optional().when(stage1_answered)],
)
.check(|a, ctx| {
    order(
        a,
        ctx,
        &[
            (&ACKNOWLEDGED, &COMPLAINED, "omb_acknowledged.before"),
            (&EXTENDED, &COMPLAINED, "omb_extended.before"),
            (&ANSWERED, &COMPLAINED, "omb_answered.before"),
            (&ANSWERED, &ACKNOWLEDGED, "omb_acknowledged.after"),
        ],
    )
    .into_iter()
    .chain(within_a_year(a, ctx, &EXTENDED, &COMPLAINED, "omb_extended.too_far"))
    .collect()
});
static STAGE2_PAGE: Page = Page::titled(
    "omb_s2_dates",
    &[
        date("omb_s2_requested"),
        // Asked for a refused stage 2 too: a landlord may acknowledge a
        // request (Code 6.11) before it refuses it (Code 5.11), and without
        // the date a refusal after the acknowledgement deadline would read
        // as a missed acknowledgement.
        date("omb_s2_acknowledged").optional().when(asked_stage2),
        // Asked for a refused stage 2 too: a refusal inside a new date the
        // landlord gave (Code 6.15) did not miss the answer's deadline, as
        // the tracker has it.
        new_date("omb_s2_extended").when(asked_stage2),
        date("omb_s2_answered").optional().when(|a| POSITION.is(a, Position::FinalResponse)),
        date("omb_s2_refused").optional().when(refused_stage2),
    ],
)
.check(|a, ctx| {
    order(
        a,
        ctx,
        &[
            (&S2_REQUESTED, &ANSWERED, "omb_s2_requested.before_answer"),
            (&S2_REQUESTED, &COMPLAINED, "omb_s2_requested.before"),
            (&S2_ACKNOWLEDGED, &S2_REQUESTED, "omb_s2_acknowledged.before"),
            (&S2_EXTENDED, &S2_REQUESTED, "omb_s2_extended.before"),
            (&S2_ANSWERED, &S2_REQUESTED, "omb_s2_answered.before"),
            (&S2_ANSWERED, &S2_ACKNOWLEDGED, "omb_s2_acknowledged.after"),
            (&S2_REFUSED, &S2_REQUESTED, "omb_s2_refused.before"),
            (&S2_REFUSED, &S2_ACKNOWLEDGED, "omb_s2_acknowledged.after_refusal"),
        ],
    )
    .into_iter()
    .chain(within_a_year(a, ctx, &S2_EXTENDED, &S2_REQUESTED, "omb_s2_extended.too_far"))
    .collect()
});
static LATE_PAGE: Page = Page::special("omb_late", Special::Lateness);
static WHY_PAGE: Page = Page::ask("omb_why", &[long_text(&WHY).payload("ombudsman.why_still_unhappy")]);
static OUTCOME_PAGE: Page = Page::ask("omb_outcome", &[long_text(&OUTCOME).payload("ombudsman.outcome_wanted")]);
static TELL_PAGE: Page = Page::ask("omb_tell", &[radios(&TELL).payload("ombudsman.tell_landlord")]);
static SUMMARY_PAGE: Page = Page::special("omb_summary", Special::OmbudsmanSummary);

/// Impossible dates are questioned on their own page: each `(later,
/// earlier, key)` says `later` cannot be before `earlier`. The error is on
/// the field the rule's key names (`<field>.<rule>`) and names the other date.
fn order(a: &Answers, ctx: &Ctx, rules: &[(&Date, &Date, &'static str)]) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = Vec::new();
    for (later, earlier, key) in rules {
        let (Some(l), Some(e)) = (given(later, a, ctx), given(earlier, a, ctx)) else { continue };
        let field = key.split('.').next().unwrap_or(later.0);
        if l < e && !out.iter().any(|x| x.field == field) {
            out.push(FieldError::new(field, Msg::new(*key).date("date", if field == later.0 { e } else { l })));
        }
    }
    out
}

/// A new date the landlord gave (which may be still to come) is at most a
/// year after the complaint or request: the longest extensions are weeks
/// (Code 6.4, 6.15), so a later one is a mistyped year. The error names
/// the date it counts from.
fn within_a_year(a: &Answers, ctx: &Ctx, new: &Date, from: &Date, key: &'static str) -> Option<FieldError> {
    let (n, f) = (given(new, a, ctx)?, given(from, a, ctx)?);
    let limit = f.checked_add_months(chrono::Months::new(12))?;
    (n > limit).then(|| FieldError::new(new.0, Msg::new(key).date("date", f)))
}

/// A date the resident gave that applies to where their complaint is up
/// to (an answer date kept from before they changed their answer does not).
/// A new date the landlord gave may be after today; the rest have happened.
fn given(d: &Date, a: &Answers, ctx: &Ctx) -> Option<chrono::NaiveDate> {
    let applies = match d.0 {
        "omb_answered" => stage1_answered(a),
        "omb_s2_requested" | "omb_s2_acknowledged" | "omb_s2_extended" => asked_stage2(a),
        "omb_s2_answered" => POSITION.is(a, Position::FinalResponse),
        "omb_s2_refused" => refused_stage2(a),
        _ => complained(a),
    };
    let date = if matches!(d.0, "omb_extended" | "omb_s2_extended") { d.get_any(a, ctx.today) } else { d.get(a, ctx.today) };
    date.filter(|_| applies)
}

fn on(a: &Answers, _: &Ctx) -> On {
    ask_if(TASK.is(a, Task::Ombudsman))
}

pub static STOPS: [Stop; 9] = [
    Stop { page: &POSITION_PAGE, on },
    Stop { page: &REFERENCE_PAGE, on: |a, _| ask_if(TASK.is(a, Task::Ombudsman) && complained(a)) },
    Stop { page: &STAGE1_PAGE, on: |a, _| ask_if(TASK.is(a, Task::Ombudsman) && complained(a)) },
    Stop { page: &STAGE2_PAGE, on: |a, _| ask_if(TASK.is(a, Task::Ombudsman) && asked_stage2(a)) },
    Stop { page: &LATE_PAGE, on: |a, _| ask_if(TASK.is(a, Task::Ombudsman) && complained(a)) },
    Stop { page: &WHY_PAGE, on },
    Stop { page: &OUTCOME_PAGE, on },
    Stop { page: &TELL_PAGE, on },
    Stop {
        page: &SUMMARY_PAGE,
        on: |a, _| if TASK.is(a, Task::Ombudsman) && TELL.is(a, YesNo::No) { On::End } else { On::No },
    },
];

/// "Is my landlord late?" for each stage the resident gave dates for,
/// against that stage's limits: stage 1 (Code 6.2 to 6.4) and, once stage
/// 2 was asked for, stage 2 (Code 6.11 to 6.15), or the landlord's
/// scheme's equivalents. Judged against the scheme's own limits (not the
/// landlord's shorter promises), which is what its ombudsman applies. A
/// new date the landlord gave moves the answer's deadline, up to the
/// longest extension the scheme allows (Code 6.4, 6.15). A refused stage
/// 2 (Code 5.11) says so; given the day it was refused, it is judged as of
/// that day, as the tracker has it: an acknowledgement (Code 6.11) or an
/// answer (6.14, moved by a new date, 6.15) missed by then stays missed,
/// counted to then and told as over, and nothing of it is still to come.
/// Without that day it has no stage 2 deadlines.
pub fn lateness(a: &Answers, ctx: &Ctx) -> Vec<LateReport> {
    let cal = ctx.config.calendar();
    let ts = Timescales::of(ctx.config.scheme());
    let mut out = Vec::new();
    if let Some(made) = given(&COMPLAINED, a, ctx) {
        let mut c = LateCheck::stage1(made);
        c.acknowledged_on = given(&ACKNOWLEDGED, a, ctx);
        c.answered_on = given(&ANSWERED, a, ctx);
        c.extended_to = given(&EXTENDED, a, ctx);
        // Stage 2 asked for without a stage 1 answer: stage 1 is over,
        // judged as of that day (what it missed stays missed, counted to
        // then and told as over; nothing of it is still to come), as the
        // tracker has it.
        let closed = given(&S2_REQUESTED, a, ctx).filter(|_| c.answered_on.is_none()).map(|d| d.min(ctx.today));
        // Past dates, and new dates from 1900 to 9999: inside the calendar.
        out.extend(c.check(closed.unwrap_or(ctx.today), &cal, &ts).ok().map(|r| r.closed(closed)));
    }
    match given(&S2_REQUESTED, a, ctx) {
        Some(requested) if refused_stage2(a) => {
            let on = given(&S2_REFUSED, a, ctx);
            let mut r = refused(requested, on, ctx);
            if let Some(on) = on {
                let c = LateCheck {
                    acknowledged_on: given(&S2_ACKNOWLEDGED, a, ctx),
                    extended_to: given(&S2_EXTENDED, a, ctx),
                    ..LateCheck::stage2(requested)
                };
                // Past dates: inside the calendar.
                r.checks = c.check(on, &cal, &ts).map(|r| r.closed(Some(on)).checks).unwrap_or_default();
            }
            out.push(r);
        }
        Some(requested) => {
            let mut c = LateCheck::stage2(requested);
            c.acknowledged_on = given(&S2_ACKNOWLEDGED, a, ctx);
            c.answered_on = given(&S2_ANSWERED, a, ctx);
            c.extended_to = given(&S2_EXTENDED, a, ctx);
            out.extend(c.check(ctx.today, &cal, &ts).ok());
        }
        None => {}
    }
    out
}

/// Stage 2 asked for on `requested` and refused (`on`, if the resident
/// said when): nothing at stage 2 can be late after the refusal, and the
/// resident can go to the ombudsman now. In England a landlord must have
/// valid reasons to refuse and set them out (Code 5.11); the model
/// procedures' wording on this is not verified.
fn refused(requested: chrono::NaiveDate, on: Option<chrono::NaiveDate>, ctx: &Ctx) -> LateReport {
    let key = if on.is_some() { "omb_late.refused_on" } else { "omb_late.refused" };
    let note = match ctx.config.scheme() {
        Scheme::England => Msg::new(format!("{key}.code")).msg("rule", Scheme::England.cite("5.11")),
        _ => Msg::new(key),
    };
    let note = note.date("date", requested);
    let note = match on {
        Some(on) => note.date("refused", on),
        None => note,
    };
    LateReport { stage: Stage::Stage2, checks: Vec::new(), notes: vec![note] }
}

/// Whether the resident said stage 2 was refused (with its date given).
pub fn refused_escalation(a: &Answers, ctx: &Ctx) -> bool {
    POSITION.is(a, Position::RefusedEscalation) && given(&S2_REQUESTED, a, ctx).is_some()
}

pub fn referral(a: &Answers) -> OmbudsmanReferral {
    OmbudsmanReferral {
        why_still_unhappy: WHY.get(a).to_owned(),
        outcome_wanted: OUTCOME.get(a).to_owned(),
        responses_had: match POSITION.get(a) {
            Some(Position::FinalResponse) => ResponsesHad::Stage2,
            Some(Position::WaitingStage2 | Position::RefusedEscalation | Position::Stage1Only) => ResponsesHad::Stage1,
            _ => ResponsesHad::None,
        },
        landlord_reference: REFERENCE.opt(a).filter(|_| complained(a)),
        tell_landlord: TELL.is(a, YesNo::Yes),
    }
}
