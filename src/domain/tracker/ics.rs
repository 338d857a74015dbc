//! Calendar reminders: the deadlines still open on the resident's notes as
//! an iCalendar file (RFC 5545), made on the device, no server needed.
//!
//! One all-day event per deadline to come (or missed and still not done),
//! with a reminder at 09:00 on the first working day after it, the day the
//! landlord is late from (see [`crate::domain::late`]).
//!
//! **The reminder's trigger.** An all-day event starts at midnight in
//! whatever time zone the calendar is shown in, so a relative trigger
//! (`TRIGGER:PT33H`, or `TRIGGER;RELATED=END:PT9H`) would mean 09:00 the
//! next day in Apple Calendar and Thunderbird. But Outlook keeps only a
//! number of minutes *before* the start, taking a duration's absolute
//! value (MS-OXCICAL 2.1.3.1.1.20.62, VALARM): `PT33H` would ring 33 hours
//! early. A floating `TRIGGER;VALUE=DATE-TIME:...T090000` is not allowed
//! (RFC 5545 3.8.6.3: an absolute trigger MUST be in UTC). So the trigger
//! is absolute and in UTC: 09:00 in the UK on that day (08:00Z in British
//! Summer Time), which Outlook keeps as the time to remind (its
//! PidLidReminderSignalTime) and Apple Calendar and Thunderbird show as a
//! custom alert. Google Calendar ignores alarms in imported files and
//! applies the resident's own default notifications, so the event's
//! description says everything the reminder would.
//!
//! **The landlord's own dates.** Where the landlord promised a step sooner
//! than its scheme allows (kept on the note when it was sent), that date
//! gets an event of its own, with a reminder the working day after it
//! saying so and giving the scheme's limit. The scheme's deadline keeps its
//! event: it is the one that opens the resident's next step.

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::{last_sunday, Calendar};

use super::note::Note;
use crate::domain::config::LandlordConfig;
use crate::domain::deadlines::Stage;
use crate::domain::late::DeadlineCheck;
use crate::domain::text::{Msg, Render};

/// Longest content line, in octets, before folding (RFC 5545 3.1).
const FOLD_AT: usize = 75;
const CRLF: &str = "\r\n";

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters are not allowed, so dropped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so that no line has more than 75
/// octets (a continuation line starts with a space, which counts), never
/// inside a UTF-8 character (RFC 5545 3.1).
pub(super) fn fold(out: &mut String, line: &str) {
    let mut room = FOLD_AT;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str(CRLF);
            out.push(' ');
            room = FOLD_AT - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str(CRLF);
}

/// YYYYMMDD. Written by hand: chrono's `format` brings its whole strftime
/// parser into the wasm (about 20 kB) for this one line.
fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Whether 09:00 in the UK on `d` is in British Summer Time: from the last
/// Sunday in March to the day before the last Sunday in October (the
/// clocks change at 01:00 UTC, before 09:00 either way).
pub(super) fn british_summer_time(d: NaiveDate) -> bool {
    match (last_sunday(d.year(), 3), last_sunday(d.year(), 10)) {
        (Some(start), Some(end)) => start <= d && d < end,
        _ => false,
    }
}

/// 09:00 UK time on `d`, in UTC.
fn nine_am_uk(d: NaiveDate) -> String {
    format!("{}T{}0000Z", date(d), if british_summer_time(d) { "08" } else { "09" })
}

/// Characters kept in a UID: the reference and the landlord's id may hold
/// anything, a UID had better not.
fn uid_part(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '_' { c } else { '-' }).collect()
}

/// The page's address as a URI: no spaces or control characters.
fn clean_url(url: &str) -> String {
    url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect()
}

struct Writer<'a> {
    out: String,
    words: &'a dyn Render,
    /// The day the file is made (each event's DTSTAMP).
    today: NaiveDate,
    /// The widget's page, where the resident records what happened.
    url: String,
    /// The landlord's working days (reminders fall on one).
    cal: Calendar,
}

impl Writer<'_> {
    /// A property whose value is written as it is (dates, URIs, fixed words).
    fn raw(&mut self, name: &str, value: &str) {
        fold(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property in the resident's words.
    fn text(&mut self, name: &str, msg: &Msg) {
        let value = escape(&self.words.render(msg));
        self.raw(name, &value);
    }

    /// One all-day event on `on`, with `if_not` as its reminder at 09:00
    /// on the working day after it (see the module docs).
    fn event(&mut self, uid: &str, on: NaiveDate, summary: &Msg, if_not: &Msg) {
        let Some(day_after) = on.succ_opt() else { return };
        let open = Msg::new("tracker.ics.open").ltr("url", &self.url);
        let description = format!("{}\n\n{}", self.words.render(if_not), self.words.render(&open));
        self.raw("BEGIN", "VEVENT");
        self.raw("UID", &escape(uid));
        self.raw("DTSTAMP", &format!("{}T000000Z", date(self.today)));
        self.raw("DTSTART;VALUE=DATE", &date(on));
        self.raw("DTEND;VALUE=DATE", &date(day_after));
        self.text("SUMMARY", summary);
        self.raw("DESCRIPTION", &escape(&description));
        if !self.url.is_empty() {
            let url = self.url.clone();
            self.raw("URL", &url);
        }
        // A deadline is a reminder, not time the resident is busy.
        self.raw("TRANSP", "TRANSPARENT");
        self.raw("BEGIN", "VALARM");
        self.raw("ACTION", "DISPLAY");
        self.text("DESCRIPTION", if_not);
        // Late from the first working day after the deadline (see the module docs).
        if let Ok(remind_on) = self.cal.next_working_day(on) {
            self.raw("TRIGGER;VALUE=DATE-TIME", &nine_am_uk(remind_on));
        }
        self.raw("END", "VALARM");
        self.raw("END", "VEVENT");
    }
}

/// One deadline's words: `tracker.ics.<part>.<event>`, with the landlord,
/// the ombudsman, the reference, the scheme's names for its steps and the
/// rule that sets the deadline.
fn said(part: &str, c: &DeadlineCheck, note: &Note, landlord: &LandlordConfig) -> Msg {
    Msg::new(format!("tracker.ics.{part}.{}", c.event))
        .text("landlord", &landlord.landlord_name)
        .text("ombudsman", &landlord.ombudsman.name)
        .ltr("reference", &note.reference)
        .msg("answer", c.scheme.answer(c.stage))
        .msg("request", c.scheme.stage2_request())
        .msg("stage2", c.scheme.stage_name(Stage::Stage2))
        .msg("rule", c.scheme.cite(c.code_section))
}

/// The resident's notes' open deadlines as an iCalendar file: one all-day
/// event each, the same UID for the same note and deadline on every
/// download (`<landlord>-<reference>-<event>@putright`), so importing it
/// again updates rather than repeats. Expired notes are left out
/// (`tracker.keep_months`). `page_url` is the widget's page, where the
/// resident records what happened; `words` the resident's language.
pub fn ics(notes: &[Note], today: NaiveDate, landlord: &LandlordConfig, page_url: &str, words: &dyn Render) -> String {
    let mut w = Writer { out: String::new(), words, today, url: clean_url(page_url), cal: landlord.calendar() };
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw("PRODID", "-//Put Right//Complaints tracker//EN");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    for note in notes.iter().filter(|n| !n.expired(today, landlord.tracker.keep_months)) {
        let status = note.status(today, landlord);
        for c in status.outstanding() {
            let uid = format!("{}-{}-{}", uid_part(&landlord.landlord_id), uid_part(&note.reference), c.event);
            if let Some(&(_, own)) = status.sooner.iter().find(|(e, _)| *e == c.event) {
                let ours = |part| said(part, c, note, landlord).date("limit", c.due).date("due", own);
                w.event(&format!("{uid}-own@putright"), own, &ours("own_summary"), &ours("own_alarm"));
            }
            w.event(&format!("{uid}@putright"), c.due, &said("summary", c, note, landlord), &said("alarm", c, note, landlord));
        }
    }
    w.raw("END", "VCALENDAR");
    w.out
}
