//! Photos and documents on the device: making a picked file ready (a photo
//! decoded with `createImageBitmap`, drawn on a canvas at most
//! [`LONG_SIDE`](crate::domain::journey::evidence::LONG_SIDE) pixels on its
//! long side and encoded again as JPEG, which keeps nothing but the pixels:
//! no EXIF, so no location), its SHA-256 by SubtleCrypto, and its bytes kept
//! in IndexedDB by attachment id beside the draft and the outbox (local
//! storage cannot hold them). If IndexedDB is refused, files are kept in
//! memory for this page and [`is_persistent`] turns false.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BlobPropertyBag, IdbDatabase, IdbRequest, IdbTransactionMode};

/// A file the resident picked, and one kept (the UI passes them on, never
/// calls them).
pub use web_sys::{Blob, File};

use crate::domain::journey::evidence::{self, Plan};
use crate::domain::payload::MediaType;

const DB: &str = "putright-files";
const STORE: &str = "files";

thread_local! {
    static MEMORY: RefCell<HashMap<String, Blob>> = RefCell::new(HashMap::new());
    static PERSISTENT: Cell<bool> = const { Cell::new(true) };
    /// The files this page claimed (see [`keep`]).
    static MINE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A file made ready to send.
pub struct Ready {
    pub blob: Blob,
    pub media_type: MediaType,
    pub bytes: u64,
    pub sha256: String,
    /// A photo the browser could not open, kept as it was (its metadata too).
    pub kept_as_is: bool,
}

/// False once IndexedDB has failed on this page: files live in memory only.
pub fn is_persistent() -> bool {
    PERSISTENT.with(Cell::get)
}

/// Makes `file` (of type `t`) ready as `plan` says. `Err` if it cannot be
/// read at all, or a file kept as it is does not start as its type does.
pub async fn prepare(file: &File, t: MediaType, plan: Plan) -> Result<Ready, ()> {
    let (blob, media_type, kept_as_is) = match plan {
        Plan::Reencode { to, long_side, quality } => match reencode(file, to, long_side, quality).await {
            Some(b) => (b, to, false),
            None => (file.clone().into(), t, t != MediaType::Pdf),
        },
        Plan::Keep => (file.clone().into(), t, false),
    };
    let bytes = read(&blob).await.ok_or(())?;
    if (kept_as_is || plan == Plan::Keep) && !media_type.starts(&bytes) {
        return Err(());
    }
    let sha256 = sha256(&bytes).await.ok_or(())?;
    // Typed as what it is, so its part says so.
    let typed = typed_blob(&bytes, media_type.as_str()).ok_or(())?;
    Ok(Ready { blob: typed, media_type, bytes: bytes.len() as u64, sha256, kept_as_is })
}

fn typed_blob(bytes: &[u8], media_type: &str) -> Option<Blob> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let opts = BlobPropertyBag::new();
    opts.set_type(media_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()
}

async fn reencode(file: &File, to: MediaType, long_side: u32, quality: f64) -> Option<Blob> {
    let window = web_sys::window()?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?).await.ok()?.dyn_into().ok()?;
    let (w, h) = (bitmap.width().max(1), bitmap.height().max(1));
    let scale = (f64::from(long_side) / f64::from(w.max(h))).min(1.0);
    let (cw, ch) = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
    let canvas: web_sys::HtmlCanvasElement = window.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    if to == MediaType::Jpeg {
        // JPEG has no transparency: white, as paper, under a PNG's clear parts.
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, f64::from(cw), f64::from(ch));
    }
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch)).ok()?;
    bitmap.close();
    let kind = to.as_str().to_owned();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |b: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &b);
        });
        if canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), &kind, &JsValue::from_f64(quality)).is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let blob: Blob = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    (blob.type_() == to.as_str() && blob.size() > 0.0).then_some(blob)
}

/// The bytes of a blob.
pub async fn read(blob: &Blob) -> Option<Vec<u8>> {
    let buf = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buf).to_vec())
}

/// The SHA-256 of `bytes` (SubtleCrypto), as 64 lower-case hex digits.
pub async fn sha256(bytes: &[u8]) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let digest = JsFuture::from(subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?).await.ok()?;
    Some(Uint8Array::new(&digest).to_vec().iter().map(|b| format!("{b:02x}")).collect())
}

/// A URL to show an image's thumbnail, if this browser can open the image
/// (else none: an `img` it cannot draw would be an empty box). Each one is
/// held until [`forget_thumbnail`].
pub async fn thumbnail(blob: &Blob) -> Option<String> {
    let window = web_sys::window()?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(blob).ok()?).await.ok()?.dyn_into().ok()?;
    bitmap.close();
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

pub fn forget_thumbnail(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// The files a change of an `<input type=file>` picked (then empties it,
/// so the same file can be chosen again).
pub fn picked(ev: &web_sys::Event) -> Vec<File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return Vec::new() };
    let files = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
    input.set_value("");
    files
}

/// A picked file's name, MIME type (as the browser says) and size.
pub fn describe(file: &File) -> (String, String, u64) {
    (file.name(), file.type_(), file.size() as u64)
}

/// Waits for an IndexedDB request.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let fail = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Option<IdbDatabase> {
    let factory = web_sys::window()?.indexed_db().ok()??;
    let req = factory.open_with_u32(DB, 1).ok()?;
    let upgrade = Closure::once_into_js({
        let req = req.clone();
        move || {
            if let Some(db) = req.result().ok().and_then(|d| d.dyn_into::<IdbDatabase>().ok()) {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&req).await.ok()?.dyn_into().ok()
}

async fn store(mode: IdbTransactionMode) -> Option<web_sys::IdbObjectStore> {
    open().await?.transaction_with_str_and_mode(STORE, mode).ok()?.object_store(STORE).ok()
}

/// Keeps a file's bytes by attachment id. False: kept in memory only.
/// Claimed first, so a sweep in another tab spares it until a draft names it.
pub async fn keep(id: &str, blob: &Blob) -> bool {
    MEMORY.with(|m| m.borrow_mut().insert(id.to_owned(), blob.clone()));
    claim(id, true);
    MINE.with(|m| m.borrow_mut().push(id.to_owned()));
    let saved = match store(IdbTransactionMode::Readwrite).await {
        Some(s) => match s.put_with_key(blob, &JsValue::from_str(id)) {
            Ok(req) => done(&req).await.is_ok(),
            Err(_) => false,
        },
        None => false,
    };
    if !saved {
        PERSISTENT.with(|p| p.set(false));
    }
    saved
}

/// Files just kept, by id and when, shared by every tab: see
/// [`evidence::unclaimed`](crate::domain::journey::evidence::unclaimed).
const CLAIMS: &str = "putright:files:claims";

fn claims() -> Vec<(String, f64)> {
    super::storage::load(CLAIMS).unwrap_or_default()
}

/// Claims `id` (`on`), or lets it go; claims too old to count go too.
fn claim(id: &str, on: bool) {
    let now = super::page::now_ms();
    let mut all = claims();
    all.retain(|(c, at)| c != id && evidence::claim_holds(*at, now));
    if on {
        all.push((id.to_owned(), now));
    }
    if all.is_empty() {
        super::storage::remove(CLAIMS);
    } else {
        super::storage::save(CLAIMS, &all);
    }
}

/// Lets go of the files of answers being cleared (`named`) and of those
/// this page kept: a sweep takes them now, not minutes later.
pub fn release_claims(named: &[String]) {
    let mine = MINE.with(|m| std::mem::take(&mut *m.borrow_mut()));
    let held = claims();
    for id in mine.iter().chain(named).filter(|id| held.iter().any(|(c, _)| c == *id)) {
        claim(id, false);
    }
}

/// A kept file's bytes, from this page's memory or from IndexedDB.
pub async fn load(id: &str) -> Option<Blob> {
    if let Some(b) = MEMORY.with(|m| m.borrow().get(id).cloned()) {
        return Some(b);
    }
    let s = store(IdbTransactionMode::Readonly).await?;
    let blob: Blob = done(&s.get(&JsValue::from_str(id)).ok()?).await.ok()?.dyn_into().ok()?;
    MEMORY.with(|m| m.borrow_mut().insert(id.to_owned(), blob.clone()));
    Some(blob)
}

/// Deletes every kept file that no saved draft and no outbox entry on this
/// device names (of any landlord: they share the database) and no tab
/// claimed minutes ago: files of answers cleared, or of a send the endpoint
/// refused and the resident then changed. Run when a widget starts and after "Clear my answers".
pub async fn sweep() {
    // The keys first, then what names them: a file kept meanwhile by
    // another tab was claimed before it was put, so the claim is seen.
    let kept: Vec<String> = match store(IdbTransactionMode::Readonly).await {
        Some(s) => match s.get_all_keys() {
            Ok(req) => done(&req).await.map(|k| Array::from(&k).iter().filter_map(|k| k.as_string()).collect()).unwrap_or_default(),
            Err(_) => Vec::new(),
        },
        None => Vec::new(),
    };
    let mut named = Vec::new();
    for key in super::storage::keys_with_prefix("putright:") {
        if let Some(v) = super::storage::load::<serde_json::Value>(&key) {
            crate::domain::payload::attachments::referenced_ids(&v, &mut named);
        }
    }
    let (claims, now) = (claims(), super::page::now_ms());
    let held = |id: &String| named.contains(id) || claims.iter().any(|(c, at)| c == id && evidence::claim_holds(*at, now));
    MEMORY.with(|m| m.borrow_mut().retain(|id, _| held(id)));
    for id in evidence::unclaimed(&kept, &named, &claims, now) {
        drop_file(&id).await;
    }
}

/// Forgets a file (removed, or delivered).
pub async fn drop_file(id: &str) {
    MEMORY.with(|m| m.borrow_mut().remove(id));
    if claims().iter().any(|(c, _)| c == id) {
        claim(id, false);
    }
    if let Some(s) = store(IdbTransactionMode::Readwrite).await {
        if let Ok(req) = s.delete(&JsValue::from_str(id)) {
            let _ = done(&req).await;
        }
    }
}
