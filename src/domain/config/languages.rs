//! The languages a landlord offers: `languages.offered`, `.default`, and
//! the landlord's own catalogues (`.catalogues`) that override the
//! shipped words or add a language (with its name in `.names`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::check::{check_url, Obj};
use super::ConfigError;

/// The languages shipped with the widget, each named in itself.
pub const SHIPPED: [(&str, &str); 4] = [("en-GB", "English"), ("cy", "Cymraeg"), ("ur", "اردو"), ("pl", "Polski")];

/// What the landlord offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Languages {
    /// In the order the language switch lists them.
    pub offered: Vec<String>,
    pub default: String,
    /// A landlord's own catalogue per language: overrides or adds words.
    pub catalogues: BTreeMap<String, String>,
    /// The names of languages the widget does not ship, in themselves.
    pub names: BTreeMap<String, String>,
}

impl Default for Languages {
    fn default() -> Self {
        Languages { offered: vec!["en-GB".into()], default: "en-GB".into(), catalogues: BTreeMap::new(), names: BTreeMap::new() }
    }
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// A BCP 47 tag as landlords write them: "cy", "en-GB", "pa-Arab".
fn valid_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Languages {
    /// Whether the widget ships this language's catalogue.
    pub fn is_shipped(tag: &str) -> bool {
        SHIPPED.iter().any(|(t, _)| *t == tag)
    }

    /// The language named in itself, for the language switch.
    pub fn name(&self, tag: &str) -> String {
        self.names
            .get(tag)
            .cloned()
            .or_else(|| SHIPPED.iter().find(|(t, _)| *t == tag).map(|(_, n)| (*n).to_owned()))
            .unwrap_or_else(|| tag.to_owned())
    }

    /// The language to show first: the first of the browser's languages
    /// (`navigator.languages`, most preferred first) that is offered,
    /// exactly or by its main language ("cy-GB" finds "cy", "en-US" finds
    /// "en-GB"); else the default.
    pub fn pick(&self, preferred: &[String]) -> String {
        for p in preferred {
            if let Some(o) = self.offered.iter().find(|o| o.eq_ignore_ascii_case(p)) {
                return o.clone();
            }
            if let Some(o) = self.offered.iter().find(|o| primary(o) == primary(p)) {
                return o.clone();
            }
        }
        self.default.clone()
    }

    /// Whether `tag` is one the landlord offers.
    pub fn offers(&self, tag: &str) -> bool {
        self.offered.iter().any(|o| o == tag)
    }
}

/// Takes `languages` out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<Languages, ConfigError> {
    let Some(mut l) = root.object("languages")? else { return Ok(Languages::default()) };
    let offered = l.take::<Vec<String>>("offered")?.unwrap_or_else(|| vec!["en-GB".into()]);
    if offered.is_empty() {
        return Err(ConfigError::new("languages.offered", "must list at least one language, like [\"en-GB\", \"cy\"]"));
    }
    if let Some(bad) = offered.iter().find(|t| !valid_tag(t)) {
        return Err(ConfigError::new("languages.offered", format!("\"{bad}\" is not a language tag, like \"cy\" or \"en-GB\"")));
    }
    let default = l.text("default")?.unwrap_or_else(|| offered[0].clone());
    if !offered.contains(&default) {
        return Err(ConfigError::new("languages.default", "must be one of languages.offered"));
    }
    let catalogues = l.take::<BTreeMap<String, String>>("catalogues")?.unwrap_or_default();
    for (tag, url) in &catalogues {
        check_url(&format!("languages.catalogues.{tag}"), url)?;
        if !offered.contains(tag) {
            return Err(ConfigError::new(format!("languages.catalogues.{tag}"), "is for a language not in languages.offered"));
        }
    }
    let names = l.take::<BTreeMap<String, String>>("names")?.unwrap_or_default();
    for tag in &offered {
        if !Languages::is_shipped(tag) {
            if !catalogues.contains_key(tag) {
                return Err(ConfigError::new(
                    format!("languages.catalogues.{tag}"),
                    "is needed: the widget does not ship this language, so give the URL of its catalogue",
                ));
            }
            if !names.contains_key(tag) {
                return Err(ConfigError::new(format!("languages.names.{tag}"), "is needed: the language's name in itself, for the language switch"));
            }
        }
    }
    l.done()?;
    Ok(Languages { offered, default, catalogues, names })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_json(v: serde_json::Value) -> Result<Languages, ConfigError> {
        let mut root = Obj::new("", json!({ "languages": v })).unwrap();
        parse(&mut root)
    }

    #[test]
    fn the_resident_gets_their_browsers_language_when_it_is_offered() {
        let l = parse_json(json!({"offered": ["en-GB", "cy", "ur"], "default": "en-GB"})).unwrap();
        let pick = |p: &[&str]| l.pick(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(pick(&["cy-GB", "en"]), "cy");
        assert_eq!(pick(&["fr", "ur-PK"]), "ur");
        assert_eq!(pick(&["en-US"]), "en-GB");
        assert_eq!(pick(&["pl"]), "en-GB", "not offered: the default");
        assert_eq!(pick(&[]), "en-GB");
        assert_eq!(l.name("cy"), "Cymraeg");
    }

    #[test]
    fn a_landlord_can_add_or_override_a_language() {
        let l = parse_json(json!({
            "offered": ["en-GB", "so"], "default": "en-GB",
            "catalogues": {"so": "https://homes.example/i18n/so.json", "en-GB": "https://homes.example/i18n/our-words.json"},
            "names": {"so": "Soomaali"}
        }))
        .unwrap();
        assert_eq!(l.name("so"), "Soomaali");
        assert_eq!(l.catalogues.len(), 2);
    }

    #[test]
    fn bad_language_settings_are_named() {
        let err = |v| parse_json(v).unwrap_err().to_string();
        assert!(err(json!({"offered": []})).starts_with("languages.offered"));
        assert!(err(json!({"offered": ["english"]})).starts_with("languages.offered"));
        assert!(err(json!({"offered": ["en-GB"], "default": "cy"})).starts_with("languages.default"));
        assert!(err(json!({"offered": ["en-GB", "so"]})).starts_with("languages.catalogues.so"));
        assert!(err(json!({"offered": ["so"], "catalogues": {"so": "https://x.example/so.json"}})).starts_with("languages.names.so"));
        assert!(err(json!({"offered": ["cy"], "catalogues": {"cy": "http://evil.example/cy.json"}})).starts_with("languages.catalogues.cy"));
        assert!(err(json!({"offered": ["cy"], "colours": 1})).starts_with("languages.colours"));
    }
}
