//! "Check your answers": one row per page on the route, each answer in
//! its own question's words, with the page its "Change" link opens.

use super::decl::{Ctx, Field, Kind, Line, On, Page};
use super::flow::route;
use super::model::Answers;
use super::rep::by_rep;
use crate::domain::text::{Msg, Render, Words};
use crate::domain::validate::{self, parse_money};

/// One row of "Check your answers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The page its "Change" link opens.
    pub page: &'static str,
    pub label: String,
    /// One line per answer.
    pub lines: Vec<String>,
}

/// The words of one field's answer, or `None` if it has none.
pub fn answer(f: &Field, a: &Answers, ctx: &Ctx, words: &Words) -> Option<String> {
    let label = |v: &str, options: super::decl::Options| {
        options(a, ctx).into_iter().find(|o| o.value == v).map(|o| words.render(&Msg::new(o.label)))
    };
    let out = match f.kind {
        Kind::Radios(options, _) => label(a.one(f.key)?, options)?,
        Kind::Checkboxes(options, _) => {
            let ticked: Vec<String> = a.many(f.key).iter().filter_map(|v| label(v, options)).collect();
            (!ticked.is_empty()).then(|| ticked.join("\n"))?
        }
        Kind::Line(Line::Money) => {
            let t = a.text(f.key);
            match parse_money(t) {
                Ok(p) => words.render(&Msg::new("money").text("amount", validate::format_pounds(p))),
                Err(_) => validate::clean_optional(Some(t))?,
            }
        }
        // A postcode as the landlord gets it ("EX1 1AA" for "ex11aa").
        Kind::Line(Line::Postcode) => {
            let t = validate::clean_optional(Some(a.text(f.key)))?;
            words.lang.ltr(&validate::normalise_postcode(&t).unwrap_or(t))
        }
        // Left to right even in a right-to-left language ("07700 900 982", not "982 900 07700").
        Kind::Line(Line::Phone | Line::Email | Line::Reference) => words.lang.ltr(&validate::clean_optional(Some(a.text(f.key)))?),
        Kind::Line(_) | Kind::LongText => validate::clean_optional(Some(a.text(f.key)))?,
        Kind::Files => {
            let files: Vec<String> = a.files(f.key).iter().map(|x| words.render(&super::evidence::item(x))).collect();
            (!files.is_empty()).then(|| files.join("\n"))?
        }
        Kind::Date => {
            let d = a.date(f.key).filter(|d| !d.is_blank())?;
            match validate::validate_date(d, ctx.today, !f.future) {
                Ok(date) => words.lang.long_date(date),
                Err(_) => format!("{} {} {}", d.day.trim(), d.month.trim(), d.year.trim()),
            }
        }
    };
    Some(out)
}

/// The row for one page.
pub fn row(page: &'static Page, a: &Answers, ctx: &Ctx, words: &Words) -> Row {
    row_of(page, a, ctx, words, false)
}

/// The row for one page; with `kept_only`, without answers that are not
/// sent (see [`super::decl::Field::kept`]).
fn row_of(page: &'static Page, a: &Answers, ctx: &Ctx, words: &Words, kept_only: bool) -> Row {
    let rep = by_rep(a);
    let mut lines = Vec::new();
    for (i, f) in page.shown(a).enumerate() {
        if kept_only && !f.is_kept(a) {
            continue;
        }
        let Some(value) = answer(f, a, ctx, words) else { continue };
        if page.titled || i > 0 {
            // Several answers in one row: each named.
            let name = words.render(&Msg::new(words.variant(&format!("{}.name", f.key), rep)));
            lines.push(words.render(&Msg::new("row.line").text("name", name).text("value", value)));
        } else {
            lines.push(value);
        }
    }
    if lines.is_empty() {
        lines.push(words.render(&Msg::new("check.not_given")));
    }
    Row { page: page.key, label: words.render(&Msg::new(words.variant(&format!("{}.row", page.key), rep))), lines }
}

/// The rows for every question on the resident's route, including those
/// answered earlier in this visit and not asked again.
pub fn rows(a: &Answers, ctx: &Ctx, words: &Words) -> Vec<Row> {
    rows_of(a, ctx, words, false)
}

fn rows_of(a: &Answers, ctx: &Ctx, words: &Words, kept_only: bool) -> Vec<Row> {
    route(a, ctx)
        .into_iter()
        .filter(|(p, on)| p.answerable() && *on != On::No)
        .map(|(p, _)| row_of(p, a, ctx, words, kept_only))
        .collect()
}

/// Every answer that is sent, as plain text, for email, printing or the
/// saved copy: what the resident did not agree to record stays out.
pub fn plain(a: &Answers, ctx: &Ctx, words: &Words) -> String {
    rows_of(a, ctx, words, true).iter().map(|r| format!("{}:\n{}\n", r.label, r.lines.join("\n"))).collect::<Vec<_>>().join("\n")
}
