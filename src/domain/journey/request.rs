//! A service request: what needs doing, where, how soon, and getting in.
//! Honest that this is not a complaint (Code 1.4).

use super::decl::{when, ask_if, line, long_text, radios_of, Ctx, Line, Note, Opt, Page, Stop, Tone};
use super::model::{Answers, One, Text};
use super::problem::{chose_service_request, REPORTED_BEFORE, ToldBefore};
use super::start::{Task, TASK};
use crate::domain::case::{ServiceRequest, Urgency};
use crate::domain::text::Msg;

pub const WHAT: Text = Text("request_what");
pub const WHERE: Text = Text("request_where");
pub const URGENCY: One<Urgency> = One::new("request_urgency");
pub const ACCESS: Text = Text("request_access");

/// A service request, asked directly or chosen for a first report.
pub fn is_request(a: &Answers) -> bool {
    TASK.is(a, Task::Request) || chose_service_request(a)
}

/// Emergencies are for the first page's checklist and the phone, not this form.
fn urgencies(_: &Answers, _: &Ctx) -> Vec<Opt> {
    [Urgency::Urgent, Urgency::Routine].into_iter().map(Opt::of).collect()
}

static WHAT_PAGE: Page = Page::ask("request_what", &[long_text(&WHAT).payload("service_request.what_needs_doing")]).notes(&[Note {
    tone: Tone::Inset,
    text: |_, _| Some(Msg::new("request_what.note")),
    after: false, link: None
}]);
static WHERE_PAGE: Page = Page::ask("request_where", &[line(&WHERE, Line::Plain).payload("service_request.location")]);
static URGENCY_PAGE: Page = Page::ask("request_urgency", &[radios_of(&URGENCY, urgencies).payload("service_request.urgency")]).notes(&[Note {
    tone: Tone::Warning,
    text: |_, _| Some(Msg::new("request_urgency.note")),
    after: false, link: None
}]);
static ACCESS_PAGE: Page = Page::ask("request_access", &[long_text(&ACCESS).optional().payload("service_request.access")]);

fn on(a: &Answers, _: &Ctx) -> super::decl::On {
    ask_if(is_request(a))
}

pub static STOPS: [Stop; 4] = when(on, [&WHAT_PAGE, &WHERE_PAGE, &URGENCY_PAGE, &ACCESS_PAGE]);

pub fn service_request(a: &Answers) -> ServiceRequest {
    let mut s = ServiceRequest::new(WHAT.get(a));
    s.location = WHERE.opt(a);
    s.urgency = URGENCY.get(a).unwrap_or_default();
    s.access = ACCESS.opt(a);
    s.reported_before = REPORTED_BEFORE.is(a, ToldBefore::Yes);
    // Code 1.3: a first report was offered the choice to complain.
    s.complaint_offered = TASK.is(a, Task::Problem);
    s
}
