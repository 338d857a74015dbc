//! Danger in the home, asked about before anything else (Awaab's Law, in
//! England from 27 October 2025): what can be ticked, the payload's hazard
//! flag, and the advice shown straight away.

use serde::{Deserialize, Serialize};

use super::calendar::Region;
use super::config::LandlordConfig;
use super::deadlines::{awaab, HazardLevel};
use super::scheme::Scheme;
use super::text::Msg;

crate::choices! {
    /// Something dangerous in the home, from the checklist shown first.
    pub enum HazardKind in "hazard" {
        GasSmell,
        /// Exposed wires, sparking, water on electrics.
        ElectricalDanger, NoHeating, NoWater, FloodingOrMajorLeak,
        /// Ceilings, walls, stairs or similar at risk of collapse.
        StructuralDanger,
        /// Broken smoke alarms, blocked exits, fire doors.
        FireSafety,
        /// Damp and mould affecting someone's health.
        SeriousDampAndMould,
        /// Significant damp and mould, not (yet) affecting health.
        DampAndMould,
    }
}

impl HazardKind {
    /// Emergency (24 hours) or significant (10 working days) under Awaab's Law.
    pub fn level(self) -> HazardLevel {
        match self {
            HazardKind::DampAndMould => HazardLevel::Significant,
            _ => HazardLevel::Emergency,
        }
    }
}

/// The hazard section of a payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardFlag {
    /// The most serious level among `hazards`.
    pub level: HazardLevel,
    /// What the resident ticked (at least one).
    pub hazards: Vec<HazardKind>,
    /// Anything they added.
    pub details: Option<String>,
    /// Whether someone in the household is especially at risk, if they said.
    pub vulnerable_household: Option<bool>,
}

impl HazardFlag {
    /// A flag for the ticked hazards; `None` if none were ticked.
    pub fn from_hazards(hazards: &[HazardKind]) -> Option<HazardFlag> {
        let mut list = hazards.to_vec();
        list.sort();
        list.dedup();
        let level = if list.iter().any(|h| h.level() == HazardLevel::Emergency) {
            HazardLevel::Emergency
        } else {
            HazardLevel::Significant
        };
        (!list.is_empty()).then_some(HazardFlag { level, hazards: list, details: None, vulnerable_household: None })
    }
}

/// The gas emergency line for the landlord's nation: Great Britain's
/// National Gas Emergency Service (0800 111 999), or in Northern Ireland
/// the NI Gas Emergency Service (0800 002 001). Northern Ireland is the
/// NIPSO scheme, or (a config from before schemes) its bank holidays.
/// The loader's plain first question chooses the same way
/// (`gasAdvice` in `public/putright.js`).
pub fn gas_advice(config: &LandlordConfig) -> &'static str {
    if config.scheme() == Scheme::NorthernIreland || config.bank_holiday_region == Region::NorthernIreland {
        "advice.gas_ni"
    } else {
        "advice.gas"
    }
}

/// What to tell the resident straight away about a hazard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardAdvice {
    pub level: HazardLevel,
    /// The number to call (the landlord's emergency line, or its main line).
    pub phone: String,
    /// Safety steps, then what the landlord must do, in order.
    pub steps: Vec<Msg>,
}

impl HazardAdvice {
    /// Advice for the ticked hazards. `None` if nothing was ticked.
    pub fn new(hazards: &[HazardKind], config: &LandlordConfig) -> Option<HazardAdvice> {
        let flag = HazardFlag::from_hazards(hazards)?;
        let has = |h: HazardKind| flag.hazards.contains(&h);
        let mut steps = vec![Msg::new("advice.999")];
        if has(HazardKind::GasSmell) {
            steps.push(Msg::new(gas_advice(config)));
        }
        if has(HazardKind::FireSafety) {
            steps.push(Msg::new("advice.fire"));
        }
        if has(HazardKind::FloodingOrMajorLeak) {
            steps.push(Msg::new("advice.water_off"));
        }
        if has(HazardKind::ElectricalDanger) || has(HazardKind::FloodingOrMajorLeak) {
            steps.push(Msg::new("advice.electrics"));
        }
        // Awaab's Law applies in England only.
        if config.awaabs_law {
            steps.push(match flag.level {
                HazardLevel::Emergency => Msg::new("advice.awaab_emergency").count(awaab::EMERGENCY_HOURS),
                HazardLevel::Significant => Msg::new("advice.awaab_significant")
                    .num("investigate", awaab::INVESTIGATE)
                    .num("summary", awaab::WRITTEN_SUMMARY),
            });
        }
        Some(HazardAdvice { level: flag.level, phone: config.emergency_number().to_owned(), steps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::Choice;

    #[test]
    fn every_hazard_but_ordinary_damp_is_an_emergency() {
        for k in HazardKind::ALL {
            assert_eq!(k.level() == HazardLevel::Significant, *k == HazardKind::DampAndMould, "{k:?}");
            assert_eq!(serde_json::to_value(k).unwrap(), k.value());
        }
        let f = HazardFlag::from_hazards(&[HazardKind::DampAndMould, HazardKind::GasSmell, HazardKind::GasSmell]).unwrap();
        assert_eq!(f.level, HazardLevel::Emergency);
        assert_eq!(f.hazards, vec![HazardKind::GasSmell, HazardKind::DampAndMould]);
        assert_eq!(HazardFlag::from_hazards(&[]), None);
    }

    #[test]
    fn advice_calls_the_emergency_line_and_names_awaabs_law_only_where_it_applies() {
        let mut c = LandlordConfig::example();
        let a = HazardAdvice::new(&[HazardKind::GasSmell], &c).unwrap();
        assert_eq!(a.phone, c.emergency_number());
        let keys: Vec<_> = a.steps.iter().map(|m| m.key.as_ref()).collect();
        assert_eq!(keys, vec!["advice.999", "advice.gas", "advice.awaab_emergency"]);
        let damp = HazardAdvice::new(&[HazardKind::DampAndMould], &c).unwrap();
        assert_eq!(damp.level, HazardLevel::Significant);
        assert_eq!(damp.steps.last().unwrap().key, "advice.awaab_significant");
        c.awaabs_law = false;
        let a = HazardAdvice::new(&[HazardKind::GasSmell], &c).unwrap();
        assert!(a.steps.iter().all(|m| !m.key.starts_with("advice.awaab")));
    }

    /// The gas step, in English, for a config with these national settings.
    fn gas_line(national: serde_json::Value) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&LandlordConfig::example().to_json()).unwrap();
        for key in ["scheme", "bank_holiday_region", "ombudsman", "awaabs_law", "timescales", "complaint_time_limit_months"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v.as_object_mut().unwrap().extend(national.as_object().unwrap().clone());
        let c = LandlordConfig::from_value(v).unwrap();
        let a = HazardAdvice::new(&[HazardKind::GasSmell], &c).unwrap();
        let gas = a.steps.iter().find(|m| m.key.starts_with("advice.gas")).unwrap();
        use crate::domain::text::Render;
        crate::domain::text::Words::new(crate::domain::text::shipped::english()).render(gas)
    }

    #[test]
    fn a_gas_smell_gets_the_gas_emergency_line_of_the_landlords_nation() {
        use serde_json::json;
        let gb = "0800 111 999";
        let ni = "0800 002 001";
        for (national, number) in [
            (json!({}), gb),
            (json!({"scheme": "england-hos"}), gb),
            (json!({"scheme": "wales-psow"}), gb),
            (json!({"scheme": "scotland-spso"}), gb),
            (json!({"scheme": "northern-ireland-nipso"}), ni),
            // A config from before schemes, with Northern Ireland's bank holidays.
            (json!({"bank_holiday_region": "northern-ireland"}), ni),
        ] {
            let line = gas_line(national.clone());
            assert!(line.contains(number), "{national}: {line}");
            let other = if number == gb { ni } else { gb };
            assert!(!line.contains(other), "{national}: {line}");
        }
        assert!(gas_line(json!({"scheme": "northern-ireland-nipso"})).contains("Northern Ireland Gas Emergency Service"));
    }
}
