//! Console output for landlords' web teams. Messages name settings and
//! states, never what a resident typed.

/// A problem the landlord must fix (bad config, unreachable endpoint).
pub fn error(message: &str) {
    web_sys::console::error_1(&format!("Put Right: {message}").into());
}

/// Something that works but is not as configured (e.g. a theme colour replaced).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&format!("Put Right: {message}").into());
}
