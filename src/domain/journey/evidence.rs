//! Photos and documents as evidence: one optional question, "Add photos or
//! documents", after the task's own questions wherever a photo or a letter
//! helps (a complaint, a service request, stage 2, and a referral the
//! landlord is told about), and only when the landlord takes files
//! (`attachments.max_files` above 0).
//!
//! The answer is the list of files added ([`Attachment`]s); their bytes
//! stay on the device beside the draft (the UI's business). What is
//! decided here: how a picked file is made ready ([`plan`]), whether it
//! can be taken before and after that ([`refuse_picked`], [`refuse_ready`]),
//! both by the payload's own [`attachments::check`], so a file this page
//! takes is never refused at Send.

use super::decl::{ask_if, files, Ctx, Page, Stop};
use super::model::{Answers, Files, YesNo};
use super::start::{Task, TASK};
use super::{ombudsman, problem, request};
use crate::domain::config::AttachmentLimits;
use crate::domain::payload::attachments::{self, clean_filename, Attachment, MediaType, MOST_FILE_BYTES};
use crate::domain::text::Msg;
use crate::domain::validate::{Invalid, Problem};

pub const FILES: Files = Files("evidence");

/// The long side, in pixels, a photo is brought down to.
pub const LONG_SIDE: u32 = 2000;
/// JPEG quality when a photo is encoded again (0 to 1).
pub const QUALITY: f64 = 0.85;
/// A picked file larger than this is not even opened (decoding a huge image
/// can take a phone's memory): four of the largest files the payload takes.
pub const MOST_PICKED_BYTES: u64 = 4 * MOST_FILE_BYTES;

static PAGE: Page = Page::ask("evidence", &[files(&FILES).optional().payload("attachments")]);

/// Whether this resident is offered the question: the landlord takes
/// files, and what they are doing is sent with evidence in mind.
pub fn offered(a: &Answers, ctx: &Ctx) -> bool {
    ctx.config.attachments.enabled()
        && (problem::is_complaint(a)
            || request::is_request(a)
            || TASK.is(a, Task::Escalate)
            || (TASK.is(a, Task::Ombudsman) && ombudsman::TELL.is(a, YesNo::Yes)))
}

pub static STOPS: [Stop; 1] = [Stop { page: &PAGE, on: |a, ctx| ask_if(offered(a, ctx)) }];

/// The files to send: those added, if the question is on the route.
pub fn attachments(a: &Answers, ctx: &Ctx) -> Vec<Attachment> {
    if offered(a, ctx) {
        FILES.get(a).to_vec()
    } else {
        Vec::new()
    }
}

/// How the device makes a picked file ready.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Plan {
    /// Open it as an image and encode it again as `to`, its long side at
    /// most `long_side` pixels: nothing but the pixels survives (no EXIF,
    /// so no location). If the browser cannot open it, keep it as it is.
    Reencode { to: MediaType, long_side: u32, quality: f64 },
    /// Send the bytes as they are (a PDF).
    Keep,
}

/// What to do with a file of type `t` under the landlord's `limits`:
/// photos become JPEG if the landlord takes JPEG; otherwise a PNG or WebP
/// is encoded again in its own type (still losing its metadata); anything
/// else is kept.
pub fn plan(t: MediaType, limits: &AttachmentLimits) -> Plan {
    let to = match t {
        MediaType::Pdf => return Plan::Keep,
        _ if limits.types.contains(&MediaType::Jpeg) => MediaType::Jpeg,
        MediaType::Png | MediaType::Webp => t,
        _ => return Plan::Keep,
    };
    Plan::Reencode { to, long_side: LONG_SIDE, quality: QUALITY }
}

/// Whether `f` is a photo sent as it was picked, so with its metadata
/// (location included): one the landlord takes only as it is (HEIC when it
/// takes no JPEG), or one the browser could not open (a HEIC, or a PNG or
/// WebP still in its own type when it would have become JPEG). Known from
/// the file alone, so its page says so on every visit; a JPEG the browser
/// could not open looks like one it did, and only the device that made it
/// ready knows.
pub fn kept_as_is(f: &Attachment, limits: &AttachmentLimits) -> bool {
    match plan(f.media_type, limits) {
        Plan::Keep => f.media_type != MediaType::Pdf,
        Plan::Reencode { to, .. } => to != f.media_type,
    }
}

/// The type of a picked file: its MIME type as the browser says, else (some
/// browsers say nothing for HEIC) from its name's extension.
pub fn media_type(mime: &str, name: &str) -> Option<MediaType> {
    if !mime.trim().is_empty() {
        return MediaType::parse(mime);
    }
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(MediaType::Jpeg),
        "png" => Some(MediaType::Png),
        "webp" => Some(MediaType::Webp),
        "heic" | "heif" => Some(MediaType::Heic),
        "pdf" => Some(MediaType::Pdf),
        _ => None,
    }
}

/// The file's name once encoded as `to`: its extension changed when its
/// type did ("IMG_0042.HEIC" sent as JPEG is "IMG_0042.jpg").
pub fn ready_name(name: &str, from: MediaType, to: MediaType) -> String {
    let clean = clean_filename(name, from);
    if from == to {
        return clean;
    }
    let stem = match clean.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && media_type("", &format!("x.{ext}")).is_some() => stem,
        _ => clean.as_str(),
    };
    clean_filename(&format!("{stem}.{}", to.extension()), to)
}

/// What is wrong with a file as picked, before any work is done on it:
/// a type not taken, empty, one too many, or (kept as it is, or too large
/// to open) too big. `None`: make it ready.
pub fn refuse_picked(name: &str, mime: &str, bytes: u64, have: &[Attachment], limits: &AttachmentLimits) -> Option<Msg> {
    let t = media_type(mime, name);
    let shown = clean_filename(name, t.unwrap_or(MediaType::Pdf));
    let named = |key: &'static str| Msg::new(key).text("file", shown.clone());
    let Some(t) = t.filter(|t| limits.types.contains(t)) else {
        return Some(named("err.attachments.type").text("types", attachments::type_names(limits)));
    };
    if bytes == 0 {
        return Some(named("err.attachments.empty"));
    }
    if have.len() >= limits.max_files {
        let most = i64::try_from(limits.max_files).unwrap_or(i64::MAX);
        return Some(Msg::new("err.attachments.too_many").count(most));
    }
    let kept = plan(t, limits) == Plan::Keep;
    if (kept && bytes > limits.max_file_bytes) || bytes > MOST_PICKED_BYTES {
        return Some(named("err.attachments.too_big").msg("size", attachments::size_msg(limits.max_file_bytes)));
    }
    None
}

/// What is wrong with adding `ready` (made ready, hashed) to the files the
/// resident `have`: exactly what the payload would say at Send, about this
/// file or the files as a whole. Empty: take it.
pub fn refuse_ready(ready: &Attachment, have: &[Attachment], limits: &AttachmentLimits) -> Vec<Msg> {
    let mut all = have.to_vec();
    all.push(ready.clone());
    let mine = format!("attachments.{}", have.len());
    let said = |e: Invalid| match e.problem {
        Problem::Said(m) => Some(m),
        _ => None,
    };
    let (own, whole): (Vec<_>, Vec<_>) =
        attachments::check(&all, limits).into_iter().filter(|e| e.path == "attachments" || e.path == mine).partition(|e| e.path == mine);
    // This file's own problem says the most; the total only if it has none.
    let pick = if own.is_empty() { whole } else { own };
    pick.into_iter().filter_map(said).collect()
}

/// The words for one file, in the list on its page, on "Check your
/// answers" and in the saved copy: its name and size ("leak.jpg (482 KB)";
/// under 1 KB reads as 1 KB).
pub fn item(f: &Attachment) -> Msg {
    Msg::new("evidence.item").text("file", f.filename.clone()).msg("size", attachments::size_msg(f.bytes.max(1000)))
}

#[cfg(test)]
mod tests;
