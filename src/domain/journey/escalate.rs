//! Asking for stage 2 (Code 6.10 to 6.14). Reasons are optional (6.12).

use chrono::NaiveDate;

use super::decl::{when, ask_if, line, long_text, Ctx, Field, Kind, Line, Note, Page, Stop, Tone};
use super::model::{Answers, Date, Text};
use super::start::{Task, TASK};
use crate::domain::case::Escalation;
use crate::domain::exclusions;
use crate::domain::text::Msg;

pub const REFERENCE: Text = Text("s2_reference");
pub const ANSWERED: Date = Date("s2_response");
pub const REASONS: Text = Text("s2_reasons");

/// Where the landlord's window to ask for stage 2 stands, if it set one
/// and the resident gave the date of the stage 1 answer. Outside it, the
/// landlord must still consider the request (Code 5.11), and the resident
/// may go to the Ombudsman if it says no (Code 2.4).
pub fn window_note(a: &Answers, ctx: &Ctx) -> Option<(bool, Msg)> {
    let window = ctx.config.escalation_window?;
    let answered = ANSWERED.get(a, ctx.today)?;
    // The date page takes only past dates, well inside the calendar.
    let closes = window.closes_on(answered).ok()?;
    Some(if ctx.today <= closes {
        (true, Msg::new("s2_reasons.in_time").msg("window", window.describe()).date("closes", closes))
    } else {
        (false, super::problem::with_right(exclusions::window_warning(ctx.config.scheme(), window.describe(), answered, closes).message, ctx))
    })
}

static REFERENCE_PAGE: Page =
    Page::ask("s2_reference", &[line(&REFERENCE, Line::Reference).optional().payload("escalation.stage1_reference")]);
static ANSWERED_PAGE: Page =
    Page::ask("s2_response", &[Field::new("s2_response", Kind::Date).optional().payload("escalation.stage1_response_on")]);
static REASONS_PAGE: Page = Page::ask("s2_reasons", &[long_text(&REASONS).optional().payload("escalation.reasons")]).notes(&[
    Note { tone: Tone::Inset, text: |a, ctx| window_note(a, ctx).filter(|(ok, _)| *ok).map(|(_, m)| m), after: false, link: None },
    Note { tone: Tone::Warning, text: |a, ctx| window_note(a, ctx).filter(|(ok, _)| !*ok).map(|(_, m)| m), after: false, link: None },
]);

fn on(a: &Answers, _: &Ctx) -> super::decl::On {
    ask_if(TASK.is(a, Task::Escalate))
}

pub static STOPS: [Stop; 3] = when(on, [&REFERENCE_PAGE, &ANSWERED_PAGE, &REASONS_PAGE]);

pub fn escalation(a: &Answers, today: NaiveDate) -> Escalation {
    Escalation {
        stage1_reference: REFERENCE.opt(a),
        stage1_response_on: ANSWERED.get(a, today),
        reasons: REASONS.opt(a),
        outcome_wanted: None,
        window: None,
    }
}
