//! The demo landlord, "Example Homes", in each scheme.

use std::collections::BTreeMap;

use super::super::calendar::Region;
use super::super::scheme::Scheme;
use super::super::theme::Theme;
use super::{Endpoint, EndpointFormat, EscalationWindow, LandlordConfig, Ombudsman, PolicyUrls, PromisedTimescales};

impl LandlordConfig {
    /// The demo configuration for the fictional "Example Homes". Phone
    /// numbers are from Ofcom's range reserved for drama, so they reach
    /// nobody.
    pub fn example() -> LandlordConfig {
        LandlordConfig {
            landlord_name: "Example Homes".into(),
            landlord_id: "example-homes".into(),
            endpoint: Endpoint {
                url: "http://localhost:8787/submissions".into(),
                format: EndpointFormat::Json,
                headers: BTreeMap::new(),
                timeout_ms: 15_000,
                reference_field: "reference".into(),
            },
            phone: "0808 157 0192".into(),
            emergency_phone: Some("0808 157 0999".into()),
            email: Some("complaints@example.com".into()),
            address: vec![
                "Example Homes".into(),
                "1 Example Street".into(),
                "Exampletown".into(),
                "EX1 1AA".into(),
            ],
            opening_hours: Some("Monday to Friday, 8am to 6pm".into()),
            scheme: Some(Scheme::England),
            // The Code's own limits, so the demo shows the familiar dates.
            timescales: PromisedTimescales::default(),
            escalation_window: Some(EscalationWindow::CalendarMonths(1)),
            ombudsman: Ombudsman::default(),
            bank_holiday_region: Region::EnglandAndWales,
            awaabs_law: true,
            complaint_time_limit_months: None,
            privacy_notice_url: Some("https://example.com/privacy".into()),
            policy_urls: PolicyUrls {
                complaints: Some("https://example.com/complaints-policy".into()),
                ..PolicyUrls::default()
            },
            theme: Theme::default(),
            languages: super::Languages {
                offered: super::languages::SHIPPED.iter().map(|(t, _)| (*t).to_owned()).collect(),
                ..super::Languages::default()
            },
            storage: super::Storage::default(),
            tracker: super::Tracker::default(),
            // As the demo config: files on, with the recommended limits.
            attachments: super::AttachmentLimits::recommended(),
            notes: Vec::new(),
        }
    }

    /// The demo landlord under `scheme`, with that scheme's defaults.
    pub fn example_in(scheme: Scheme) -> LandlordConfig {
        let r = scheme.rules();
        LandlordConfig {
            scheme: Some(scheme),
            ombudsman: Ombudsman::of(scheme),
            bank_holiday_region: r.region,
            awaabs_law: r.awaabs_law,
            ..LandlordConfig::example()
        }
    }
}
