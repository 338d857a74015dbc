//! How long things stay on the resident's device: `storage.draft_days`
//! and `storage.outbox_days`.

use serde::Serialize;

use super::check::Obj;
use super::ConfigError;

/// How long the widget keeps things on the resident's device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Storage {
    /// A draft older than this is not restored (default 7).
    pub draft_days: u32,
    /// A send still failing after this long stops trying and is shown to
    /// the resident as not sent, with the landlord's contact details
    /// (default 30).
    pub outbox_days: u32,
}

impl Default for Storage {
    fn default() -> Self {
        Storage { draft_days: 7, outbox_days: 30 }
    }
}

/// Takes `storage` out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<Storage, ConfigError> {
    let Some(mut st) = root.object("storage")? else { return Ok(Storage::default()) };
    let mut days = |key: &str, default: u32, max: u32| -> Result<u32, ConfigError> {
        let d = st.take::<u32>(key)?.unwrap_or(default);
        if !(1..=max).contains(&d) {
            return Err(ConfigError::new(st.name(key), format!("must be between 1 and {max} days")));
        }
        Ok(d)
    };
    let s = Storage { draft_days: days("draft_days", 7, 90)?, outbox_days: days("outbox_days", 30, 365)? };
    st.done()?;
    Ok(s)
}
