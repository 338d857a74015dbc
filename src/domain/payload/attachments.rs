//! Evidence: the photos and documents a resident attaches (`attachments`).
//!
//! The payload lists each file ([`Attachment`]: its id, name, type, size
//! and SHA-256); the files themselves travel beside the JSON in one
//! `multipart/form-data` request, one part per file named by its id (see
//! the README, "Your endpoint"). A payload without attachments leaves the
//! field out, so it is byte for byte what it was before files existed.
//!
//! The landlord's limits ([`AttachmentLimits`], config `attachments`) are
//! checked by [`check`]; its problems are message keys, never English.

use serde::{Deserialize, Serialize};

use super::super::config::AttachmentLimits;
use super::super::text::Msg;
use super::super::validate::{self, Invalid, Problem};

/// The most characters a file name keeps.
pub const MAX_FILENAME_CHARS: usize = 255;
/// The most characters of an attachment's id.
pub const MAX_ID_CHARS: usize = 64;
/// The most files one submission may carry, whatever a config says (the
/// schema's `maxItems`).
pub const MOST_FILES: usize = 10;
/// The largest file, whatever a config says (the schema's `maximum`).
pub const MOST_FILE_BYTES: u64 = 10_000_000;

/// The kinds of file a resident may send (`media_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MediaType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/webp")]
    Webp,
    #[serde(rename = "image/heic")]
    Heic,
    #[serde(rename = "application/pdf")]
    Pdf,
}

impl MediaType {
    /// Every type, in the order the config's default lists them.
    pub const ALL: [MediaType; 5] = [MediaType::Jpeg, MediaType::Png, MediaType::Webp, MediaType::Heic, MediaType::Pdf];

    /// The MIME type: `image/jpeg`, `application/pdf`...
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
            MediaType::Heic => "image/heic",
            MediaType::Pdf => "application/pdf",
        }
    }

    /// The type of a MIME type as a browser gives it (`File.type`), any
    /// case, parameters ignored; `image/jpg` is taken as JPEG.
    pub fn parse(mime: &str) -> Option<MediaType> {
        let base = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match base.as_str() {
            "image/jpg" => Some(MediaType::Jpeg),
            b => MediaType::ALL.into_iter().find(|t| t.as_str() == b),
        }
    }

    /// The name residents know it by, the same in every language: "JPG",
    /// "PNG", "WebP", "HEIC", "PDF".
    pub fn short_name(self) -> &'static str {
        match self {
            MediaType::Jpeg => "JPG",
            MediaType::Png => "PNG",
            MediaType::Webp => "WebP",
            MediaType::Heic => "HEIC",
            MediaType::Pdf => "PDF",
        }
    }

    /// Whether `head`, a file's first bytes (12 are enough), starts as
    /// files of this type do. An endpoint may check this (the reference
    /// receiver refuses HTML sent as a "JPEG"), so the widget checks a file
    /// it sends as it is too, and never has it refused at Send.
    pub fn starts(self, head: &[u8]) -> bool {
        let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
        match self {
            MediaType::Jpeg => at(0, b"\xFF\xD8\xFF"),
            MediaType::Png => at(0, b"\x89PNG\r\n\x1A\n"),
            MediaType::Webp => at(0, b"RIFF") && at(8, b"WEBP"),
            MediaType::Heic => {
                const BRANDS: [&[u8]; 10] = [b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"];
                at(4, b"ftyp") && BRANDS.iter().any(|brand| at(8, brand))
            }
            MediaType::Pdf => at(0, b"%PDF-"),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Webp => "webp",
            MediaType::Heic => "heic",
            MediaType::Pdf => "pdf",
        }
    }
}

/// One file sent with a submission. The file's bytes travel in the
/// multipart part named `id`; `bytes` and `sha256` let the endpoint check
/// it arrived whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Unique within the submission: letters, digits, `-` and `_`, at most
    /// 64 ("a1", or a UUID). Also the name of the file's multipart part.
    pub id: String,
    /// The resident's file name, without any folder, control or hidden
    /// characters, at most 255 characters ([`clean_filename`]).
    pub filename: String,
    /// What the file is.
    pub media_type: MediaType,
    /// Its size in bytes (at least 1).
    pub bytes: u64,
    /// The SHA-256 of its bytes, as 64 lower-case hex digits.
    pub sha256: String,
}

impl Attachment {
    /// Whether `id` can name an attachment (and its multipart part).
    pub fn valid_id(id: &str) -> bool {
        !id.is_empty() && id.len() <= MAX_ID_CHARS && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    /// Whether `hex` is a SHA-256 as the payload writes it.
    pub fn valid_sha256(hex: &str) -> bool {
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    /// Tidies what the resident's device gave: a clean file name and a
    /// lower-case hash.
    pub fn tidy(&mut self) {
        self.filename = clean_filename(&self.filename, self.media_type);
        self.sha256 = self.sha256.trim().to_ascii_lowercase();
    }
}

/// A resident's file name made safe to send and show: only the part after
/// the last `/` or `\`, without control, line-break or direction-changing
/// characters, trimmed, and cut to [`MAX_FILENAME_CHARS`] keeping its
/// extension. A name with nothing visible left becomes `file.<ext>`.
pub fn clean_filename(name: &str, media_type: MediaType) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base.chars().filter(|c| !c.is_control() && !validate::is_hidden(*c, false)).collect();
    let mut clean = validate::clean(&kept);
    if validate::char_len(&clean) > MAX_FILENAME_CHARS {
        let ext = clean.rsplit_once('.').map(|(_, e)| e).filter(|e| (1..=10).contains(&validate::char_len(e)));
        let keep = ext.map_or(MAX_FILENAME_CHARS, |e| MAX_FILENAME_CHARS - validate::char_len(e) - 1);
        let stem: String = clean.chars().take(keep).collect();
        clean = match ext {
            Some(e) => format!("{}.{e}", validate::clean(&stem)),
            None => validate::clean(&stem),
        };
    }
    if validate::is_blank(&clean) || clean.chars().all(|c| c == '.') {
        return format!("file.{}", media_type.extension());
    }
    clean
}

/// A size for residents: whole megabytes ("10 MB") when it is one, else
/// kilobytes, rounded down ("2,500 KB").
pub fn size_msg(bytes: u64) -> Msg {
    let as_count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    if bytes >= 1_000_000 && bytes.is_multiple_of(1_000_000) {
        Msg::new("size.mb").count(as_count(bytes / 1_000_000))
    } else {
        Msg::new("size.kb").count(as_count(bytes / 1000))
    }
}

/// The types `limits` takes, by the names residents know: "JPG, PNG, PDF".
pub fn type_names(limits: &AttachmentLimits) -> String {
    limits.types.iter().map(|t| t.short_name()).collect::<Vec<_>>().join(", ")
}

/// What is wrong with `files` under the landlord's `limits`: the count and
/// the total at `attachments`, each file's own problems at
/// `attachments.<index>`. Ids, names and hashes the widget made wrongly
/// are `err.try_again`.
pub fn check(files: &[Attachment], limits: &AttachmentLimits) -> Vec<Invalid> {
    let mut out = Vec::new();
    if files.is_empty() {
        return out;
    }
    let said = |m: Msg| Problem::Said(m);
    if limits.max_files == 0 {
        out.push(Invalid::new("attachments", said(Msg::new("err.attachments.off"))));
        return out;
    }
    if files.len() > limits.max_files {
        let most = i64::try_from(limits.max_files).unwrap_or(i64::MAX);
        out.push(Invalid::new("attachments", said(Msg::new("err.attachments.too_many").count(most))));
    }
    let total = files.iter().fold(0u64, |sum, f| sum.saturating_add(f.bytes));
    if total > limits.max_total_bytes {
        out.push(Invalid::new("attachments", said(Msg::new("err.attachments.total").msg("size", size_msg(limits.max_total_bytes)))));
    }
    for (i, f) in files.iter().enumerate() {
        let path = format!("attachments.{i}");
        let named = |key: &'static str| Msg::new(key).text("file", f.filename.clone());
        let repeated = files[..i].iter().any(|g| g.id == f.id);
        let broken = !Attachment::valid_id(&f.id)
            || repeated
            || !Attachment::valid_sha256(&f.sha256)
            || validate::check_text(&f.filename, true, false, MAX_FILENAME_CHARS).is_err();
        let problem = if broken {
            Some(Msg::new("err.try_again"))
        } else if !limits.types.contains(&f.media_type) {
            Some(named("err.attachments.type").text("types", type_names(limits)))
        } else if f.bytes == 0 {
            Some(named("err.attachments.empty"))
        } else if f.bytes > limits.max_file_bytes {
            Some(named("err.attachments.too_big").msg("size", size_msg(limits.max_file_bytes)))
        } else {
            None
        };
        out.extend(problem.map(|m| Invalid::new(path, said(m))));
    }
    out
}

/// The ids of every attachment named anywhere in `v` (a saved draft or an
/// outbox entry, of any landlord): objects with an `id` and a `sha256`.
/// Files kept on the device under other ids belong to nothing.
pub fn referenced_ids(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(serde_json::Value::String(id)), Some(_)) = (map.get("id"), map.get("sha256")) {
                out.push(id.clone());
            }
            map.values().for_each(|x| referenced_ids(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| referenced_ids(x, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_files_a_draft_or_outbox_entry_names_are_found_at_any_depth() {
        let v = serde_json::json!({
            "id": "submission-id-is-not-a-file",
            "answers": { "evidence": [{ "id": "a", "sha256": "00", "bytes": 1 }, { "id": "b", "sha256": "11" }] },
            "files": [{ "id": "c", "sha256": "22" }],
            "body": "{\"attachments\":[{\"id\":\"in-a-string\",\"sha256\":\"33\"}]}"
        });
        let mut ids = Vec::new();
        super::referenced_ids(&v, &mut ids);
        ids.sort();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    use super::*;
    use crate::domain::text::shipped;

    fn file(id: &str, name: &str, t: MediaType, bytes: u64) -> Attachment {
        Attachment { id: id.into(), filename: name.into(), media_type: t, bytes, sha256: "ab".repeat(32) }
    }

    fn said(inv: &Invalid) -> String {
        match &inv.problem {
            Problem::Said(m) => shipped::english().render(m),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn media_types_on_the_wire() {
        for t in MediaType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
            assert_eq!(MediaType::parse(t.as_str()), Some(t));
        }
        assert_eq!(MediaType::parse("IMAGE/JPEG; charset=binary"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::parse("image/jpg"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::parse("image/gif"), None);
        assert_eq!(MediaType::parse("text/html"), None);
        assert!(serde_json::from_str::<MediaType>("\"image/gif\"").is_err());
    }

    #[test]
    fn each_type_knows_how_its_files_start() {
        assert!(MediaType::Jpeg.starts(b"\xFF\xD8\xFF\xE0\0\x10JFIF"));
        assert!(MediaType::Png.starts(b"\x89PNG\r\n\x1A\n\0\0\0\x0D"));
        assert!(MediaType::Webp.starts(b"RIFF\x24\0\0\0WEBPVP8 "));
        assert!(MediaType::Heic.starts(b"\0\0\0\x18ftypheic\0\0\0\0"));
        assert!(MediaType::Heic.starts(b"\0\0\0\x18ftypmif1"));
        assert!(MediaType::Pdf.starts(b"%PDF-1.7\n"));
        assert!(!MediaType::Jpeg.starts(b"<!doctype html>"));
        assert!(!MediaType::Pdf.starts(b"%PD"));
        assert!(!MediaType::Webp.starts(b"RIFF\x24\0\0\0WAVE"));
        assert!(!MediaType::Heic.starts(b"\0\0\0\x18ftypisom"));
        assert!(MediaType::ALL.iter().all(|t| !t.starts(b"")));
    }

    #[test]
    fn file_names_lose_folders_and_hidden_characters() {
        let jpg = MediaType::Jpeg;
        assert_eq!(clean_filename("C:\\Users\\sam\\Pictures\\leak.jpg", jpg), "leak.jpg");
        assert_eq!(clean_filename("/home/sam/../mould 1.jpg", jpg), "mould 1.jpg");
        assert_eq!(clean_filename("  bath\u{202e}gpj.exe\n.jpg \u{200b}", jpg), "bathgpj.exe.jpg");
        assert_eq!(clean_filename("nul\u{0}l\u{1b}[31m.pdf", MediaType::Pdf), "null[31m.pdf");
        assert_eq!(clean_filename("ﺗﺼﻮﻳﺮ كچن.jpg", jpg), "ﺗﺼﻮﻳﺮ كچن.jpg");
        for empty in ["", "   ", "folder/", "\u{200b}", "..", "a/\u{7}"] {
            assert_eq!(clean_filename(empty, MediaType::Png), "file.png", "{empty:?}");
        }
        let long = format!("{}.jpeg", "é".repeat(400));
        let cut = clean_filename(&long, jpg);
        assert_eq!(cut.chars().count(), MAX_FILENAME_CHARS);
        assert!(cut.ends_with("é.jpeg"), "{cut}");
        let no_ext = clean_filename(&"x".repeat(300), jpg);
        assert_eq!(no_ext.chars().count(), MAX_FILENAME_CHARS);
        // What comes out passes the payload's one-line text rule.
        for name in ["a\tb.jpg", "x\u{85}y.jpg", &long] {
            let c = clean_filename(name, jpg);
            assert!(validate::check_text(&c, true, false, MAX_FILENAME_CHARS).is_ok(), "{c:?}");
        }
    }

    #[test]
    fn sizes_read_as_residents_say_them() {
        let en = shipped::english();
        assert_eq!(en.render(&size_msg(10_000_000)), "10 MB");
        assert_eq!(en.render(&size_msg(25_000_000)), "25 MB");
        assert_eq!(en.render(&size_msg(2_500_000)), "2,500 KB");
        assert_eq!(en.render(&size_msg(1_999)), "1 KB");
    }

    #[test]
    fn within_the_limits_nothing_is_said() {
        let limits = AttachmentLimits::recommended();
        let files: Vec<_> = (0..10).map(|i| file(&format!("a{i}"), "p.jpg", MediaType::Jpeg, 2_500_000)).collect();
        assert_eq!(check(&files, &limits), vec![]);
        assert_eq!(check(&[], &AttachmentLimits { max_files: 0, ..limits }), vec![]);
    }

    #[test]
    fn each_limit_has_its_own_words() {
        let limits = AttachmentLimits::recommended();
        let many: Vec<_> = (0..11).map(|i| file(&format!("a{i}"), "p.jpg", MediaType::Jpeg, 1000)).collect();
        let e = check(&many, &limits);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].path.as_str(), said(&e[0]).as_str()), ("attachments", "You can only send up to 10 files"));

        let big = [file("a1", "leak.jpg", MediaType::Jpeg, 10_000_001), file("a2", "letter.pdf", MediaType::Pdf, 9_000_000)];
        let e = check(&big, &limits);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].path, "attachments.0");
        assert_eq!(said(&e[0]), "leak.jpg must be 10 MB or smaller");

        let total = [file("a1", "a.jpg", MediaType::Jpeg, 9_000_000), file("a2", "b.jpg", MediaType::Jpeg, 9_000_000), file("a3", "c.pdf", MediaType::Pdf, 9_000_000)];
        let e = check(&total, &limits);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].path, "attachments");
        assert!(said(&e[0]).contains("25 MB"), "{}", said(&e[0]));

        let only_photos = AttachmentLimits { types: vec![MediaType::Jpeg, MediaType::Png], ..AttachmentLimits::recommended() };
        let e = check(&[file("a1", "notes.pdf", MediaType::Pdf, 10)], &only_photos);
        assert_eq!(said(&e[0]), "notes.pdf is not a type of file you can send. You can send: JPG, PNG");
        let e = check(&[file("a1", "blank.png", MediaType::Png, 0)], &limits);
        assert_eq!(said(&e[0]), "blank.png is empty");
        let one = AttachmentLimits { max_files: 1, ..AttachmentLimits::recommended() };
        let two = [file("a1", "a.jpg", MediaType::Jpeg, 1), file("a2", "b.jpg", MediaType::Jpeg, 1)];
        assert_eq!(said(&check(&two, &one)[0]), "You can only send 1 file");
        let off = AttachmentLimits { max_files: 0, ..AttachmentLimits::recommended() };
        let e = check(&two[..1], &off);
        assert_eq!((e.len(), e[0].path.as_str()), (1, "attachments"));
        assert!(said(&e[0]).starts_with("You cannot send files"), "{}", said(&e[0]));
    }

    #[test]
    fn what_only_the_widget_could_get_wrong_says_try_again() {
        let limits = AttachmentLimits::recommended();
        let mut bad_hash = file("a1", "a.jpg", MediaType::Jpeg, 5);
        bad_hash.sha256 = "AB".repeat(32);
        let bad_id = file("a 2", "b.jpg", MediaType::Jpeg, 5);
        let repeated = file("a1", "c.jpg", MediaType::Jpeg, 5);
        let bad_name = file("a4", "d\u{202e}.jpg", MediaType::Jpeg, 5);
        let e = check(&[bad_hash, bad_id, repeated, bad_name, file("a5", "fine.jpg", MediaType::Jpeg, 5)], &limits);
        let paths: Vec<_> = e.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["attachments.0", "attachments.1", "attachments.2", "attachments.3"]);
        assert!(e.iter().all(|i| i.problem == Problem::Said(Msg::new("err.try_again"))));
        assert!(Attachment::valid_id("0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e11"));
        assert!(!Attachment::valid_id(&"x".repeat(65)));
    }
}
