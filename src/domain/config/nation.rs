//! The national settings: `scheme` and what it sets the defaults of
//! (`timescales`, `bank_holiday_region`, `ombudsman`, `awaabs_law`,
//! `complaint_time_limit_months`). A setting that contradicts the scheme is
//! refused, naming the setting; a config that names no scheme keeps
//! England's rules, as before schemes existed, with a note.

use serde::{Deserialize, Serialize};

use super::super::calendar::Region;
use super::super::choice::Choice;
use super::super::scheme::{Rules, Scheme, Step};
use super::super::text::Msg;
use super::check::{check_email, check_phone, check_url, Obj};
use super::ConfigError;

/// Timescales a landlord promises, in working days, each no longer than
/// its scheme's. `None` means the scheme's limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisedTimescales {
    /// Stage 1 acknowledgement (Code 6.2: at most 5; none in the model
    /// procedures of Scotland, Wales and Northern Ireland).
    pub stage1_acknowledge: Option<u32>,
    /// Stage 1 response (Code 6.3: at most 10, from acknowledgement).
    pub stage1_respond: Option<u32>,
    /// Stage 1 extension (Code 6.4: at most 10).
    pub stage1_extension: Option<u32>,
    /// Stage 2 acknowledgement (Code 6.11: at most 5).
    pub stage2_acknowledge: Option<u32>,
    /// Stage 2 response (Code 6.14: at most 20, from acknowledgement).
    pub stage2_respond: Option<u32>,
    /// Stage 2 extension (Code 6.15: at most 20).
    pub stage2_extension: Option<u32>,
}

/// The Ombudsman residents can go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ombudsman {
    /// Name, e.g. "Housing Ombudsman Service".
    pub name: String,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Postal address lines.
    pub post: Vec<String>,
}

impl Default for Ombudsman {
    /// England's Housing Ombudsman.
    fn default() -> Self {
        Ombudsman::of(Scheme::England)
    }
}

impl Ombudsman {
    /// A scheme's ombudsman ([`crate::domain::scheme::RULES`]).
    pub fn of(scheme: Scheme) -> Ombudsman {
        let o = scheme.rules().ombudsman;
        let own = |s: Option<&str>| s.map(str::to_owned);
        Ombudsman {
            name: o.name.into(),
            phone: own(o.phone),
            email: own(o.email),
            website: own(o.website),
            post: o.post.iter().map(|l| (*l).to_owned()).collect(),
        }
    }

    /// The first way to reach them, for a sentence: "phone 0300 111 3000".
    pub fn contact(&self) -> Msg {
        match (&self.phone, &self.email, &self.website) {
            (Some(p), _, _) => Msg::new("contact.phone").ltr("phone", p),
            (_, Some(e), _) => Msg::new("contact.email").ltr("email", e),
            (_, _, Some(w)) => Msg::new("contact.website").ltr("website", w),
            _ => Msg::new("contact.post").text("post", self.post.join(", ")),
        }
    }
}

/// The most working days a landlord may set where its scheme sets no
/// figure we could verify, or no fixed limit (an extension agreed with the
/// resident).
pub const OPEN_MAX_DAYS: u32 = 60;

/// The longest time limit for complaining a landlord may set, in months.
pub const MAX_TIME_LIMIT_MONTHS: u32 = 24;

/// What the national settings come to.
pub(super) struct National {
    pub scheme: Option<Scheme>,
    pub timescales: PromisedTimescales,
    pub ombudsman: Ombudsman,
    pub bank_holiday_region: Region,
    pub awaabs_law: bool,
    pub complaint_time_limit_months: Option<u32>,
    pub notes: Vec<String>,
}

fn schemes() -> String {
    let names: Vec<String> = Scheme::ALL.iter().map(|s| format!("\"{}\"", s.value())).collect();
    format!("{} or {}", names[..names.len() - 1].join(", "), names[names.len() - 1])
}

/// Takes the national settings out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<National, ConfigError> {
    let said = match root.text("scheme")? {
        None => None,
        Some(s) => Some(Scheme::parse(&s).ok_or_else(|| ConfigError::new("scheme", format!("must be {}", schemes())))?),
    };
    let scheme = said.unwrap_or(Scheme::England);
    let rules = scheme.rules();

    let timescales = match root.object("timescales")? {
        None => PromisedTimescales::default(),
        Some(t) => timescales(t, rules)?,
    };
    let ombudsman_set = root.object("ombudsman")?;
    let ombudsman_given = ombudsman_set.is_some();
    let ombudsman = match ombudsman_set {
        None => Ombudsman::of(scheme),
        Some(o) => ombudsman(o)?,
    };

    let region_set = match root.text("bank_holiday_region")? {
        None => None,
        Some(r) => Some(Region::parse(&r).ok_or_else(|| {
            ConfigError::new("bank_holiday_region", "must be \"england-and-wales\", \"scotland\" or \"northern-ireland\"")
        })?),
    };
    if let (Some(s), Some(r)) = (said, region_set) {
        if r != rules.region {
            return Err(ConfigError::new(
                "bank_holiday_region",
                format!("must be \"{}\" under scheme \"{}\" (or leave it out)", rules.region.as_str(), s.value()),
            ));
        }
    }

    // Awaab's Law applies in England only (rules: `awaabs_law`).
    let awaab_set = root.take::<bool>("awaabs_law")?;
    if awaab_set == Some(true) && !rules.awaabs_law {
        return Err(ConfigError::new(
            "awaabs_law",
            format!("Awaab's Law applies in England only, not under scheme \"{}\"; remove it", scheme.value()),
        ));
    }

    let months = root.take::<u32>("complaint_time_limit_months")?;
    if let Some(m) = months {
        let least = if rules.time_limit.verified { rules.time_limit.days } else { 1 };
        if !(least..=MAX_TIME_LIMIT_MONTHS).contains(&m) {
            return Err(ConfigError::new(
                "complaint_time_limit_months",
                format!(
                    "must be between {least} and {MAX_TIME_LIMIT_MONTHS} months ({} allows {} months; you can allow longer, never shorter)",
                    rules.rule(rules.time_limit.section),
                    rules.time_limit.days
                ),
            ));
        }
    }

    let mut notes = Vec::new();
    if said.is_none() {
        let set: Vec<&str> = [("bank_holiday_region", region_set.is_some()), ("ombudsman", ombudsman_given), ("awaabs_law", awaab_set.is_some())]
            .iter()
            .filter(|(_, set)| *set)
            .map(|(name, _)| *name)
            .collect();
        if !set.is_empty() {
            notes.push(unnamed_scheme_note(&set, region_set.unwrap_or_default()));
        }
    }

    Ok(National {
        scheme: said,
        timescales,
        ombudsman,
        bank_holiday_region: region_set.unwrap_or(rules.region),
        awaabs_law: awaab_set.unwrap_or(rules.awaabs_law),
        complaint_time_limit_months: months,
        notes,
    })
}

/// A config from before schemes: it still works, on England's rules.
fn unnamed_scheme_note(set: &[&str], region: Region) -> String {
    let fits: Vec<String> = Scheme::ALL.iter().filter(|s| s.rules().region == region).map(|s| format!("\"{}\"", s.value())).collect();
    format!(
        "{} set without scheme, so the Housing Ombudsman's Complaint Handling Code (England) applies, with {} bank holidays; \
         add \"scheme\" to say whose complaints rules you follow ({} for {} bank holidays; one of {})",
        set.join(", "),
        region.as_str(),
        fits.join(" or "),
        region.as_str(),
        schemes()
    )
}

fn timescales(mut t: Obj, rules: &Rules) -> Result<PromisedTimescales, ConfigError> {
    let mut get = |key: &str, step: Option<Step>, acknowledgement: bool| -> Result<Option<u32>, ConfigError> {
        let v = t.take::<u32>(key)?;
        let Some(n) = v else { return Ok(None) };
        let name = t.name(key);
        let problem = match step {
            None if acknowledgement => Some(format!(
                "scheme \"{}\" has no separate acknowledgement at this stage ({}); remove it",
                rules.scheme.value(),
                rules.citation
            )),
            _ if n == 0 => Some("must be at least 1 working day".to_owned()),
            // A published limit: promise shorter, never longer.
            Some(s) if s.verified && n > s.days => Some(format!(
                "must be {} working days or fewer ({}); you can promise shorter times, never longer",
                s.days,
                rules.rule(s.section)
            )),
            // An unverified default, or no fixed limit: the landlord's figure.
            Some(s) if !s.verified && n > OPEN_MAX_DAYS => Some(format!(
                "must be {OPEN_MAX_DAYS} working days or fewer (the default of {} is not verified: {})",
                s.days,
                rules.rule(s.section)
            )),
            None if n > OPEN_MAX_DAYS => Some(format!("must be {OPEN_MAX_DAYS} working days or fewer ({} sets no fixed limit)", rules.citation)),
            _ => None,
        };
        match problem {
            Some(p) => Err(ConfigError::new(name, p)),
            None => Ok(v),
        }
    };
    let (s1, s2) = (rules.stage1, rules.stage2);
    let promised = PromisedTimescales {
        stage1_acknowledge: get("stage1_acknowledge", s1.acknowledge, true)?,
        stage1_respond: get("stage1_respond", Some(s1.respond), false)?,
        stage1_extension: get("stage1_extension", s1.extension, false)?,
        stage2_acknowledge: get("stage2_acknowledge", s2.acknowledge, true)?,
        stage2_respond: get("stage2_respond", Some(s2.respond), false)?,
        stage2_extension: get("stage2_extension", s2.extension, false)?,
    };
    t.done()?;
    Ok(promised)
}

/// A landlord's own `ombudsman`, replacing the scheme's entirely.
fn ombudsman(mut o: Obj) -> Result<Ombudsman, ConfigError> {
    let name = o.required_text("name")?;
    let phone = o.text("phone")?;
    if let Some(p) = &phone {
        check_phone("ombudsman.phone", p)?;
    }
    let email = o.text("email")?;
    if let Some(e) = &email {
        check_email("ombudsman.email", e)?;
    }
    let website = o.text("website")?;
    if let Some(w) = &website {
        check_url("ombudsman.website", w)?;
    }
    let post = o.take::<Vec<String>>("post")?.unwrap_or_default();
    o.done()?;
    if phone.is_none() && email.is_none() && website.is_none() {
        return Err(ConfigError::new("ombudsman", "give at least a phone number, email address or website"));
    }
    Ok(Ombudsman { name, phone, email, website, post })
}
