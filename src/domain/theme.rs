//! The landlord's theme (brand colour, font, corner radius, logo) and the
//! contrast check that keeps it readable: text 4.5:1 and interface parts
//! 3:1 (WCAG 2.2 1.4.3 and 1.4.11). A theme that fails is not an error: the
//! widget falls back to its own safe colours and tells the landlord's web
//! team which setting failed.

use serde::Serialize;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        if !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize, w: usize| u8::from_str_radix(&h[i..i + w], 16).ok();
        match h.len() {
            3 => Some(Rgb(byte(0, 1)? * 17, byte(1, 1)? * 17, byte(2, 1)? * 17)),
            6 => Some(Rgb(byte(0, 2)?, byte(2, 2)?, byte(4, 2)?)),
            _ => None,
        }
    }

    /// A computed CSS colour as browsers report it: `rgb(1, 2, 3)` or
    /// `rgba(1, 2, 3, 0.5)` (alpha is ignored), or hex.
    pub fn from_css(s: &str) -> Option<Rgb> {
        let s = s.trim();
        if s.starts_with('#') {
            return Rgb::from_hex(s);
        }
        let inner = s
            .strip_prefix("rgba(")
            .or_else(|| s.strip_prefix("rgb("))?
            .strip_suffix(')')?;
        let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
        let mut channel = || channel(parts.next()?);
        Some(Rgb(channel()?, channel()?, channel()?))
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

/// One channel of a computed colour, 0 to 255, as browsers write it: an
/// integer, or a decimal rounded half up (`"29"`, `"29.5"`). Read by hand
/// rather than as an `f64`: the float parser is about 6 kB of wasm.
fn channel(p: &str) -> Option<u8> {
    let (whole, fraction) = p.split_once('.').unwrap_or((p, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) || whole.len() > 3 {
        return None;
    }
    let n = whole.bytes().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    let n = n + u16::from(fraction.as_bytes().first().is_some_and(|&b| b >= b'5'));
    u8::try_from(n).ok()
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// What a landlord may set in the config's `theme` object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Theme {
    /// Links and the main button, `#rrggbb` (default: the widget's blue
    /// links and green buttons).
    pub brand_colour: Option<String>,
    /// A CSS font-family list (default: the system font).
    pub font_family: Option<String>,
    /// Corner radius of buttons, in CSS pixels, 0 to 16 (default 0).
    pub border_radius: Option<u8>,
    /// The landlord's logo, shown at the top of the widget.
    pub logo_url: Option<String>,
}

/// Characters allowed in `theme.font_family`: names, quotes, commas and
/// hyphens, so a value can never close the declaration it sits in.
pub fn valid_font_family(s: &str) -> bool {
    !s.trim().is_empty()
        && s.len() <= 200
        && s.chars()
            .all(|c| c.is_alphanumeric() || " ,-_'\"".contains(c))
}

/// The widget's own colours, each a custom property with its safe default.
pub const DEFAULT_COLOURS: [(&str, &str); 11] = [
    ("--pr-text", "#0b0c0c"),
    ("--pr-secondary-text", "#484949"),
    ("--pr-background", "#ffffff"),
    ("--pr-link", "#1d4f91"),
    ("--pr-link-visited", "#4c2c92"),
    ("--pr-error", "#cc0000"),
    ("--pr-button", "#00703c"),
    ("--pr-button-text", "#ffffff"),
    ("--pr-input-border", "#0b0c0c"),
    ("--pr-focus", "#ffdd00"),
    ("--pr-focus-text", "#0b0c0c"),
];

/// The pairs that must contrast: (foreground, background, minimum ratio).
pub const CONTRAST_PAIRS: [(&str, &str, f64); 9] = [
    ("--pr-text", "--pr-background", 4.5),
    ("--pr-secondary-text", "--pr-background", 4.5),
    ("--pr-link", "--pr-background", 4.5),
    ("--pr-link-visited", "--pr-background", 4.5),
    ("--pr-error", "--pr-background", 4.5),
    ("--pr-button-text", "--pr-button", 4.5),
    ("--pr-button", "--pr-background", 3.0),
    ("--pr-input-border", "--pr-background", 3.0),
    ("--pr-focus-text", "--pr-focus", 4.5),
];

/// The safe default of one of the widget's colour properties.
pub fn default_colour(property: &str) -> Option<Rgb> {
    DEFAULT_COLOURS
        .iter()
        .find(|(p, _)| *p == property)
        .and_then(|(_, hex)| Rgb::from_hex(hex))
}

/// One colour put back to its safe default, and why (for the console).
#[derive(Clone, Debug, PartialEq)]
pub struct Fallback {
    /// The custom property reset.
    pub property: &'static str,
    /// Its safe colour.
    pub safe: Rgb,
    /// "--pr-link (#aaaaaa) has contrast 2.32:1 against --pr-background (#ffffff); it needs 4.5:1".
    pub reason: String,
}

/// A ratio to at most two decimal places ("4.48", "4.5", "3"), without
/// float formatting (which would add its code to the widget).
fn hundredths(x: f64) -> String {
    let n = (x * 100.0).round() as u64;
    match n % 100 {
        0 => format!("{}", n / 100),
        f if f % 10 == 0 => format!("{}.{}", n / 100, f / 10),
        f => format!("{}.{f:02}", n / 100),
    }
}

/// Checks the colours in use (`lookup` gives each property's computed
/// colour) and returns the properties to reset to their safe defaults. A
/// pair that fails has every property in it that differs from its default
/// reset, so the result always passes (the defaults pass together).
pub fn check_colours(lookup: impl Fn(&str) -> Option<Rgb>) -> Vec<Fallback> {
    let mut resets: Vec<Fallback> = Vec::new();
    let current = |p: &str, resets: &[Fallback]| {
        resets
            .iter()
            .find(|f| f.property == p)
            .map(|f| f.safe)
            .or_else(|| lookup(p))
            .or_else(|| default_colour(p))
    };
    // Two passes: resetting a background can make an earlier pair fail.
    for _ in 0..2 {
        for (fg, bg, min) in CONTRAST_PAIRS {
            let (Some(f), Some(b)) = (current(fg, &resets), current(bg, &resets)) else { continue };
            let ratio = contrast(f, b);
            if ratio + 1e-9 >= min {
                continue;
            }
            let reason = format!(
                "{fg} ({}) has contrast {}:1 against {bg} ({}); it needs {}:1",
                f.hex(),
                hundredths(ratio),
                b.hex(),
                hundredths(min)
            );
            for p in [fg, bg] {
                let safe = default_colour(p).unwrap_or(Rgb(0, 0, 0));
                if current(p, &resets) != Some(safe) && !resets.iter().any(|r| r.property == p) {
                    resets.push(Fallback { property: p, safe, reason: reason.clone() });
                }
            }
        }
    }
    resets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours() {
        assert_eq!(Rgb::from_hex("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::from_hex("#1D4F91"), Some(Rgb(0x1d, 0x4f, 0x91)));
        assert_eq!(Rgb::from_hex("1d4f91"), None);
        assert_eq!(Rgb::from_hex("#12345"), None);
        assert_eq!(Rgb::from_hex("#ggg"), None);
        assert_eq!(Rgb::from_css("rgb(29, 79, 145)"), Some(Rgb(29, 79, 145)));
        assert_eq!(Rgb::from_css("rgba(0, 0, 0, 0.5)"), Some(Rgb(0, 0, 0)));
        assert_eq!(Rgb::from_css("rgb(0 112 60)"), Some(Rgb(0, 112, 60)));
        assert_eq!(Rgb::from_css("color(srgb 1 0 0)"), None);
        assert_eq!(Rgb::from_css("rgb(29.5, 79.49, .6)"), Some(Rgb(30, 79, 1)), "decimals round half up");
        assert_eq!(Rgb::from_css("rgb(255.5, 0, 0)"), None, "over 255 once rounded");
        assert_eq!(Rgb::from_css("rgb(256, 0, 0)"), None);
        assert_eq!(Rgb::from_css("rgb(-1, 0, 0)"), None);
        assert_eq!(Rgb::from_css("rgb(1e2, 0, 0)"), None);
        assert_eq!(Rgb::from_css("rgb(., 0, 0)"), None);
        assert_eq!(Rgb::from_css("rgb(1, 2)"), None);
        assert_eq!(Rgb(0x1d, 0x4f, 0x91).hex(), "#1d4f91");
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(255, 255, 255), Rgb(255, 255, 255)) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1.
        let r = contrast(Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255));
        assert!((4.5..4.6).contains(&r), "{r}");
    }

    #[test]
    fn defaults_pass_together() {
        assert_eq!(check_colours(|_| None), Vec::new());
        assert_eq!(check_colours(default_colour), Vec::new());
    }

    #[test]
    fn a_pale_brand_falls_back_and_names_the_property() {
        let pale = Rgb::from_hex("#9ecbff").unwrap();
        let resets = check_colours(|p| if p == "--pr-link" || p == "--pr-button" { Some(pale) } else { default_colour(p) });
        let props: Vec<_> = resets.iter().map(|f| f.property).collect();
        assert_eq!(props, ["--pr-link", "--pr-button"]);
        assert_eq!(resets[0].safe, default_colour("--pr-link").unwrap());
        assert!(resets[0].reason.starts_with("--pr-link (#9ecbff) has contrast"), "{}", resets[0].reason);
        assert!(resets[0].reason.ends_with("it needs 4.5:1"));
    }

    #[test]
    fn a_dark_brand_passes() {
        let dark = Rgb::from_hex("#6a1b5f").unwrap();
        let resets = check_colours(|p| if p == "--pr-link" || p == "--pr-button" { Some(dark) } else { default_colour(p) });
        assert_eq!(resets, Vec::new());
    }

    #[test]
    fn a_dark_background_resets_both_sides_and_then_passes() {
        let resets = check_colours(|p| if p == "--pr-background" { Some(Rgb(20, 20, 20)) } else { default_colour(p) });
        assert!(resets.iter().any(|f| f.property == "--pr-background"));
        let fixed = |p: &str| resets.iter().find(|f| f.property == p).map(|f| f.safe).or_else(|| default_colour(p));
        for (fg, bg, min) in CONTRAST_PAIRS {
            assert!(contrast(fixed(fg).unwrap(), fixed(bg).unwrap()) >= min, "{fg} on {bg}");
        }
    }

    #[test]
    fn font_family_is_checked() {
        assert!(valid_font_family("\"Open Sans\", Arial, sans-serif"));
        assert!(!valid_font_family("Arial; color: red"));
        assert!(!valid_font_family("x}body{display:none"));
        assert!(!valid_font_family("  "));
    }
}
