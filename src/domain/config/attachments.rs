//! What residents may attach: `attachments.max_files`, `.max_file_bytes`,
//! `.max_total_bytes` and `.types`.

use serde::Serialize;

use super::super::payload::attachments::{MediaType, MOST_FILES, MOST_FILE_BYTES};
use super::check::Obj;
use super::ConfigError;

/// The smallest size limit a config may set (1 KB).
pub const LEAST_BYTES: u64 = 1000;
/// The largest total a config may set: ten of the largest files.
pub const MOST_TOTAL_BYTES: u64 = MOST_FILES as u64 * MOST_FILE_BYTES;

/// The landlord's limits on files sent with a submission. Files are off
/// unless the config sets `attachments.max_files` (an endpoint that has
/// only ever taken JSON would refuse a `multipart/form-data` request, so a
/// landlord turns files on once theirs can take them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttachmentLimits {
    /// How many files one submission may carry (0 to 10; 0, the default,
    /// turns files off, for an endpoint that cannot take `multipart/form-data`).
    pub max_files: usize,
    /// The largest file, in bytes (1000 to 10,000,000).
    pub max_file_bytes: u64,
    /// The most all the files of one submission may add up to, in bytes.
    pub max_total_bytes: u64,
    /// The types taken, in the order to name them to residents.
    pub types: Vec<MediaType>,
}

/// Off: no files, with the recommended sizes and types should a landlord
/// set only `max_files`.
impl Default for AttachmentLimits {
    fn default() -> Self {
        AttachmentLimits { max_files: 0, ..AttachmentLimits::recommended() }
    }
}

impl AttachmentLimits {
    /// The limits we suggest once an endpoint takes files: up to 10 files,
    /// 10 MB each, 25 MB in all, every type.
    pub fn recommended() -> Self {
        AttachmentLimits { max_files: 10, max_file_bytes: 10_000_000, max_total_bytes: 25_000_000, types: MediaType::ALL.to_vec() }
    }

    /// Whether residents may attach files at all.
    pub fn enabled(&self) -> bool {
        self.max_files > 0
    }

    /// The file picker's `accept` attribute: "image/jpeg,application/pdf".
    pub fn accept(&self) -> String {
        self.types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Takes `attachments` out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<AttachmentLimits, ConfigError> {
    let defaults = AttachmentLimits::default();
    let Some(mut a) = root.object("attachments")? else { return Ok(defaults) };
    let max_files = a.take::<usize>("max_files")?.unwrap_or(defaults.max_files);
    if max_files > MOST_FILES {
        return Err(ConfigError::new("attachments.max_files", format!("must be between 0 and {MOST_FILES} (0 turns files off)")));
    }
    let mut bytes = |key: &str, default: u64, most: u64| -> Result<u64, ConfigError> {
        let n = a.take::<u64>(key)?.unwrap_or(default);
        if (LEAST_BYTES..=most).contains(&n) {
            Ok(n)
        } else {
            Err(ConfigError::new(a.name(key), format!("must be between {LEAST_BYTES} and {most} bytes")))
        }
    };
    let max_file_bytes = bytes("max_file_bytes", defaults.max_file_bytes, MOST_FILE_BYTES)?;
    let max_total_bytes = bytes("max_total_bytes", defaults.max_total_bytes, MOST_TOTAL_BYTES)?;
    let names = a.take::<Vec<String>>("types")?;
    let types = match names {
        None => defaults.types,
        Some(names) => {
            let mut types = Vec::new();
            for name in &names {
                let t = MediaType::ALL.into_iter().find(|t| t.as_str() == name).ok_or_else(|| {
                    let all: Vec<_> = MediaType::ALL.iter().map(|t| format!("\"{}\"", t.as_str())).collect();
                    ConfigError::new("attachments.types", format!("each must be one of {}", all.join(", ")))
                })?;
                if types.contains(&t) {
                    return Err(ConfigError::new("attachments.types", format!("lists \"{name}\" twice")));
                }
                types.push(t);
            }
            if types.is_empty() {
                return Err(ConfigError::new("attachments.types", "must list at least one type (to turn files off, set attachments.max_files to 0)"));
            }
            types
        }
    };
    a.done()?;
    Ok(AttachmentLimits { max_files, max_file_bytes, max_total_bytes, types })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_json(v: serde_json::Value) -> Result<AttachmentLimits, ConfigError> {
        let mut root = Obj::new("", json!({ "attachments": v })).unwrap();
        parse(&mut root)
    }

    fn err(v: serde_json::Value) -> String {
        parse_json(v).unwrap_err().to_string()
    }

    #[test]
    fn files_are_off_unless_the_landlord_turns_them_on() {
        let mut root = Obj::new("", json!({})).unwrap();
        let d = parse(&mut root).unwrap();
        assert!(!d.enabled(), "an endpoint that only takes JSON keeps working");
        assert_eq!((d.max_files, d.max_file_bytes, d.max_total_bytes), (0, 10_000_000, 25_000_000));
        assert_eq!(parse_json(json!({})).unwrap(), d);
        // Setting max_files alone turns them on with the recommended sizes and types.
        let on = parse_json(json!({"max_files": 10})).unwrap();
        assert_eq!(on, AttachmentLimits::recommended());
        assert_eq!((on.max_files, on.max_file_bytes, on.max_total_bytes), (10, 10_000_000, 25_000_000));
        assert_eq!(on.types, MediaType::ALL.to_vec());
        assert_eq!(on.accept(), "image/jpeg,image/png,image/webp,image/heic,application/pdf");
    }

    #[test]
    fn a_landlord_can_take_fewer_or_smaller_files_or_none() {
        let l = parse_json(json!({"max_files": 3, "max_file_bytes": 2_000_000, "max_total_bytes": 5_000_000,
            "types": ["application/pdf", "image/jpeg"]}))
        .unwrap();
        assert_eq!((l.max_files, l.max_file_bytes, l.max_total_bytes), (3, 2_000_000, 5_000_000));
        assert_eq!(l.types, vec![MediaType::Pdf, MediaType::Jpeg]);
        let off = parse_json(json!({"max_files": 0})).unwrap();
        assert!(!off.enabled());
        assert!(parse_json(json!({"max_total_bytes": 100_000_000})).is_ok());
    }

    #[test]
    fn a_config_with_limits_reads_back_the_same() {
        let c = super::super::LandlordConfig::from_value(json!({
            "landlord_name": "Example Homes", "landlord_id": "example-homes",
            "endpoint": {"url": "https://example.com/submissions"}, "phone": "0808 157 0192",
            "privacy_notice_url": "https://example.com/privacy",
            "attachments": {"max_files": 2, "types": ["image/png"]}
        }))
        .unwrap();
        assert_eq!(c.attachments.max_files, 2);
        assert_eq!(c.attachments.types, vec![MediaType::Png]);
        assert_eq!(c.attachments.max_total_bytes, 25_000_000);
        assert_eq!(super::super::LandlordConfig::from_json(&c.to_json()).unwrap(), c);
    }

    #[test]
    fn bad_limits_name_the_setting() {
        assert_eq!(err(json!({"max_files": 11})), "attachments.max_files: must be between 0 and 10 (0 turns files off)");
        assert!(err(json!({"max_files": -1})).starts_with("attachments.max_files: invalid value"));
        assert!(err(json!({"max_files": "ten"})).starts_with("attachments.max_files: invalid type"));
        assert_eq!(err(json!({"max_file_bytes": 10_000_001})), "attachments.max_file_bytes: must be between 1000 and 10000000 bytes");
        assert_eq!(err(json!({"max_file_bytes": 999})), "attachments.max_file_bytes: must be between 1000 and 10000000 bytes");
        assert_eq!(err(json!({"max_total_bytes": 100_000_001})), "attachments.max_total_bytes: must be between 1000 and 100000000 bytes");
        assert!(err(json!({"types": ["image/gif"]})).starts_with("attachments.types: each must be one of \"image/jpeg\""));
        assert_eq!(err(json!({"types": ["image/png", "image/png"]})), "attachments.types: lists \"image/png\" twice");
        assert!(err(json!({"types": []})).starts_with("attachments.types: must list at least one type"));
        assert_eq!(err(json!({"max_size": 1})), "attachments.max_size: unknown setting");
        assert_eq!(err(json!(10)), "attachments: must be an object");
    }
}
