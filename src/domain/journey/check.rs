//! The checks every field gets from its kind: required, length (from the
//! payload's own limits), hidden characters, formats and dates. A page's
//! own cross-field check runs after them.

use super::decl::{Ctx, Field, Kind, Line, Page};
use super::model::{Answers, Value};
use crate::domain::payload::{attachments, limit_of};
use crate::domain::text::Msg;
use crate::domain::validate::{self, check_text, FieldError, Limit, Problem};

impl Field {
    /// The longest answer the payload takes for this field.
    pub fn limit(&self) -> Limit {
        limit_of(self.payload).unwrap_or(Limit::Long)
    }

    /// The field's name at the start of a sentence ("Full name must be...").
    pub fn name(&self) -> Msg {
        Msg::new(format!("{}.name", self.key))
    }

    /// Words for a problem with this field.
    pub fn say(&self, p: &Problem) -> Msg {
        p.msg(self.key, self.name())
    }

    /// What is wrong with this field's answer, if anything.
    pub fn problem(&self, a: &Answers, ctx: &Ctx) -> Option<Problem> {
        let required = !self.optional;
        let r: Result<(), Problem> = match self.kind {
            Kind::Radios(options, _) => match a.one(self.key) {
                Some(v) if options(a, ctx).iter().any(|o| o.value == v) => Ok(()),
                _ if required => Err(Problem::Missing),
                _ => Ok(()),
            },
            Kind::Checkboxes(options, _) => {
                let ticked = a.many(self.key);
                let offered = options(a, ctx);
                let exclusive = offered.iter().any(|o| o.exclusive && ticked.contains(&o.value));
                if ticked.is_empty() && required {
                    Err(Problem::Missing)
                } else if exclusive && ticked.len() > 1 {
                    Err(Problem::Said(Msg::new(format!("{}.exclusive", self.key))))
                } else {
                    Ok(())
                }
            }
            Kind::Line(line) => {
                let t = a.text(self.key);
                check_text(t, required, false, self.limit().chars()).and_then(|()| {
                    if validate::is_blank(t) {
                        return Ok(());
                    }
                    match line {
                        Line::Phone => validate::validate_phone(t).map(drop),
                        Line::Email => validate::validate_email(t).map(drop),
                        Line::Postcode => validate::validate_postcode(t).map(drop),
                        Line::Money => validate::parse_money(t).map(drop),
                        Line::Plain | Line::Name | Line::Reference => Ok(()),
                    }
                })
            }
            Kind::LongText => check_text(a.text(self.key), required, true, self.limit().chars()),
            Kind::Date => match a.date(self.key) {
                Some(d) if !d.is_blank() => validate::validate_date(d, ctx.today, !self.future).map(drop),
                _ if required => Err(Problem::Missing),
                _ => Ok(()),
            },
            // The payload's own check, so what this page takes Send takes.
            Kind::Files => match attachments::check(a.files(self.key), &ctx.config.attachments).into_iter().next() {
                Some(e) => Err(e.problem),
                None if required && a.files(self.key).is_empty() => Err(Problem::Missing),
                None => Ok(()),
            },
        };
        r.err()
    }

    /// Whether this field has an answer at all.
    pub fn answered(&self, a: &Answers) -> bool {
        match a.get(self.key) {
            Some(Value::Text(t)) => !validate::is_blank(t),
            Some(Value::One(_)) => true,
            Some(Value::Many(v)) => !v.is_empty(),
            Some(Value::Date(d)) => !d.is_blank(),
            Some(Value::Files(f)) => !f.is_empty(),
            None => false,
        }
    }
}

impl Page {
    /// The fields shown with these answers.
    pub fn shown<'a>(&'a self, a: &'a Answers) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields.iter().filter(move |f| f.visible(a))
    }

    /// The problems with this page's answers, in page order. Empty means
    /// the resident can continue.
    pub fn errors(&self, a: &Answers, ctx: &Ctx) -> Vec<FieldError> {
        let mut out: Vec<FieldError> =
            self.shown(a).filter_map(|f| f.problem(a, ctx).map(|p| FieldError::new(f.key, f.say(&p)))).collect();
        if out.is_empty() {
            if let Some(check) = self.check {
                out.extend(check(a, ctx));
            }
        }
        out
    }

    pub fn passes(&self, a: &Answers, ctx: &Ctx) -> bool {
        self.errors(a, ctx).is_empty()
    }
}
