// Photos and documents: picked by keyboard on the stage 2 journey, a 4,000 px
// photo with EXIF GPS made small on the device (no EXIF), a PDF sent byte for
// byte, files kept across a reload while the endpoint cannot be reached and
// delivered exactly once, and a plain error on the field for each bad file.
// Fixtures are made here: the photo on the page's canvas, the rest in node.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startReceiver, startSite, openBrowser, schemaErrors, focusedHeading, axe, closeDemo } from './lib/harness.mjs';
import { checkStep } from './lib/a11y.mjs';
import { step, check, fill, fillDate, aboutYou, fresh, press } from './lib/journey.mjs';
import { tabTo } from './lib/keyboard.mjs';
import { label, t, title } from './lib/text.mjs';

let receiver, site, browser;
const LIMITS = { max_files: 3, max_file_bytes: 2_000_000, max_total_bytes: 5_000_000 };

before(async () => {
  receiver = await startReceiver();
  site = await startSite({ endpoint: `${receiver.url}/submissions`, config: { attachments: LIMITS } });
  browser = await openBrowser();
});

after(() => closeDemo({ receiver, site, browser }));

beforeEach(async () => {
  await browser.page.unrouteAll({ behavior: 'ignoreErrors' });
});

/** A JPEG's APP1 segment holding EXIF with a GPS IFD (latitude 51° 30' N). */
function exifGps() {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 12 * 2 + 4 + 24);
  let o = 0;
  tiff.write('MM', o); tiff.writeUInt16BE(42, 2); tiff.writeUInt32BE(8, 4); o = 8;
  tiff.writeUInt16BE(1, o); o += 2; // IFD0: one entry, the GPS IFD pointer
  const gpsAt = 8 + 2 + 12 + 4;
  tiff.writeUInt16BE(0x8825, o); tiff.writeUInt16BE(4, o + 2); tiff.writeUInt32BE(1, o + 4); tiff.writeUInt32BE(gpsAt, o + 8); o += 12;
  tiff.writeUInt32BE(0, o); o += 4;
  tiff.writeUInt16BE(2, o); o += 2; // GPS IFD: GPSLatitudeRef, GPSLatitude
  tiff.writeUInt16BE(1, o); tiff.writeUInt16BE(2, o + 2); tiff.writeUInt32BE(2, o + 4); tiff.write('N\0', o + 8); o += 12;
  const ratAt = gpsAt + 2 + 24 + 4;
  tiff.writeUInt16BE(2, o); tiff.writeUInt16BE(5, o + 2); tiff.writeUInt32BE(3, o + 4); tiff.writeUInt32BE(ratAt, o + 8); o += 12;
  tiff.writeUInt32BE(0, o); o += 4;
  for (const [n, d] of [[51, 1], [30, 1], [0, 1]]) { tiff.writeUInt32BE(n, o); tiff.writeUInt32BE(d, o + 4); o += 8; }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0); head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A 4000 by 3000 JPEG drawn on the page's canvas, with EXIF GPS put in after its SOI. */
async function bigPhoto(page) {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 4000; c.height = 3000;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 4000, 3000);
    grad.addColorStop(0, '#2a6'); grad.addColorStop(1, '#fc3');
    g.fillStyle = grad; g.fillRect(0, 0, 4000, 3000);
    const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const jpeg = Buffer.from(b64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifGps(), jpeg.subarray(2)]);
}

/** A small, well-formed PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** A JPEG's size, from its first SOF marker. */
function jpegSize(buf) {
  for (let i = 2; i + 9 < buf.length;) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const EVIDENCE = () => label('evidence', { optional: true });

/** Stage 2 up to the evidence page. */
async function toEvidence(page, p) {
  await fresh(page, site.url);
  await stage2(page, p);
}

/** The stage 2 questions, from the first page (already showing) to the evidence page. */
async function stage2(page, p) {
  await step(page, `${p}-hazards`, { heading: label('hazards'), required: true, answer: (pg) => check(pg, 'None of these') });
  await step(page, `${p}-start`, { heading: label('task'), required: true, answer: (pg) => check(pg, 'Take your complaint to the next stage') });
  await step(page, `${p}-reference`, { heading: label('s2_reference', { optional: true }), answer: (pg) => fill(pg, label('s2_reference', { optional: true }), 'CMP-7788') });
  const d = new Date(Date.now() - 10 * 864e5);
  await step(page, `${p}-response-date`, { heading: label('s2_response', { optional: true }), answer: (pg) =>
    fillDate(pg, label('s2_response', { optional: true }), String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())) });
  await step(page, `${p}-reasons`, { heading: label('s2_reasons', { optional: true }) });
  assert.equal(await focusedHeading(page), EVIDENCE());
}

/** A damp-and-mould complaint up to the evidence page: the danger question, the advice, then the complaint. */
async function toComplaintEvidence(page, p) {
  await fresh(page, site.url);
  await step(page, `${p}-hazards`, { heading: label('hazards'), required: true, answer: (pg) => check(pg, t('hazard.damp_and_mould')) });
  await step(page, `${p}-advice`, { heading: t('emergency_advice.title_damp'), button: t('button.to_form') });
  await step(page, `${p}-start`, { heading: label('task'), required: true, answer: (pg) => check(pg, t('task.problem')) });
  await step(page, `${p}-reported`, { heading: label('reported_before'), required: true, answer: (pg) => check(pg, t('reported_before.yes')) });
  await step(page, `${p}-what`, { heading: label('what_went_wrong'), required: true, answer: (pg) => fill(pg, label('what_went_wrong'), 'Black mould on the bedroom wall since the roof leaked.') });
  await step(page, `${p}-started`, { heading: label('started'), required: true, answer: (pg) => fillDate(pg, label('started'), '2', '9', '2026') });
  await step(page, `${p}-aware`, { heading: label('aware', { optional: true }) });
  await step(page, `${p}-court`, { heading: label('court'), required: true, answer: (pg) => check(pg, t('choice.no')) });
  await step(page, `${p}-tried`, { heading: title('tried') });
  await step(page, `${p}-impact`, { heading: label('impact'), required: true, answer: (pg) => fill(pg, label('impact'), 'My son\'s asthma is worse.') });
  await step(page, `${p}-outcomes`, { heading: label('outcomes'), required: true, answer: (pg) => check(pg, t('outcome.repair')) });
  assert.equal(await focusedHeading(page), EVIDENCE());
}

/** From the evidence page (files added) to the check page. */
async function toCheck(page, p, name) {
  await checked(page, `${p}-evidence`);
  await press(page, t('button.continue'));
  await step(page, `${p}-want-rep`, { heading: label('want_rep'), required: true, answer: (pg) => check(pg, 'No') });
  await step(page, `${p}-want-adjustments`, { heading: label('want_adjustments'), required: true, answer: (pg) => check(pg, 'No') });
  await step(page, `${p}-name`, { heading: label('name'), required: true, answer: (pg) => fill(pg, label('name'), name) });
  await aboutYou(page, p, { from: 'address' });
  assert.equal(await focusedHeading(page), t('check.title'));
}

/** The page with its files passes the same checks as every other step. */
async function checked(page, name, state = 'normal') {
  if (state === 'normal') {
    // As a resident reading the page again from its heading.
    await page.bringToFront();
    await page.waitForFunction(() => { __prWidget().querySelector('h1').focus(); return __prActive()?.tagName === 'H1'; }, null, { timeout: 30000 });
  }
  else await page.waitForFunction(() => __prActive()?.classList.contains('pr-error-summary'), null, { timeout: 30000 });
  assert.deepEqual(await axe(page), [], `${name}: axe`);
  await checkStep(page, name, state);
}

/** Picks files with the keyboard alone: Tab to the control, Enter opens the chooser. */
async function pick(page, control, files) {
  const chooser = page.waitForEvent('filechooser');
  await tabTo(page, (f) => f.name === control && f.tag === 'input');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(files);
}

/** Picks `file` and holds its SHA-256 (the last step of making it ready) until the test calls `window.__letDigest()`. */
async function pickHeld(page, file) {
  await page.evaluate(() => {
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = (...args) => new Promise((resolve) => { window.__letDigest = () => resolve(digest(...args)); });
  });
  await pick(page, t('evidence.choose'), [file]);
  await page.waitForFunction(() => typeof window.__letDigest === 'function', null, { timeout: 30000 });
}

const listed = (page) => page.locator('.pr-file-list__item').count();
const waitListed = (page, n) => page.waitForFunction((n) => __prWidget().querySelectorAll('.pr-file-list__item').length === n, n, { timeout: 30000 });

async function storedFor(name) {
  return (await receiver.submissions()).filter((s) => s.submission.resident?.name === name);
}

async function fileOf(reference, id) {
  const r = await fetch(`${receiver.url}/submissions/${reference}/files/${id}`);
  assert.equal(r.status, 200, `file ${id} stored`);
  return Buffer.from(await r.arrayBuffer());
}

test('a damp-and-mould complaint: a 4,000 px photo arrives at most 2,000 px with no EXIF; a PDF arrives byte for byte', async () => {
  const { page } = browser;
  const p = 'evidence';
  await toComplaintEvidence(page, p);
  const photo = await bigPhoto(page);
  assert.ok(photo.includes(Buffer.from('Exif\0\0', 'latin1')), 'the fixture has EXIF');
  assert.equal(jpegSize(photo).width, 4000);
  await pick(page, t('evidence.choose'), [
    { name: 'mould.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]);
  await waitListed(page, 2);
  const text = await page.locator('.pr-file-list').innerText();
  assert.match(text, /mould\.jpg/);
  assert.match(text, /letter\.pdf \(1 KB\)/);
  assert.equal(await page.locator('.pr-file-list__item', { hasText: 'mould.jpg' }).locator('img').count(), 1, 'a photo has its thumbnail');
  assert.equal(await page.locator('.pr-file-list__item', { hasText: 'letter.pdf' }).locator('img').count(), 0, 'a document has none');
  // Remove the PDF by keyboard, then add it again.
  await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t('evidence.remove')) && f.name.includes('letter.pdf'));
  await page.keyboard.press('Enter');
  await waitListed(page, 1);
  await pick(page, t('evidence.choose'), [{ name: 'letter.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 2);
  await toCheck(page, p, 'Morgan Mould');
  await press(page, t('button.send'));
  await page.locator('.pr-reference').waitFor({ timeout: 60000 });
  const [s] = await storedFor('Morgan Mould');
  assert.deepEqual(schemaErrors(s.submission), [], 'payload matches the JSON Schema');
  assert.equal(s.submission.kind, 'complaint');
  assert.deepEqual(s.submission.hazard?.hazards, ['damp_and_mould'], 'a damp-and-mould complaint');
  const files = s.submission.attachments;
  assert.equal(files.length, 2);
  const jpg = files.find((f) => f.media_type === 'image/jpeg');
  const pdf = files.find((f) => f.media_type === 'application/pdf');
  const img = await fileOf(s.reference, jpg.id);
  const size = jpegSize(img);
  assert.ok(Math.max(size.width, size.height) <= 2000, `long side ${size.width}x${size.height}`);
  assert.equal(size.width, 2000);
  assert.ok(!img.includes(Buffer.from('Exif', 'latin1')), 'no EXIF');
  assert.equal(sha256(img), jpg.sha256);
  assert.equal(img.length, jpg.bytes);
  const doc = await fileOf(s.reference, pdf.id);
  assert.ok(doc.equals(PDF), 'the PDF is byte-identical');
  assert.equal(pdf.sha256, sha256(PDF));
});

test('with the endpoint unreachable, a reload keeps the files, and they arrive exactly once', async () => {
  const { page } = browser;
  const p = 'evidence-offline';
  const name = 'Olly Offline';
  await toEvidence(page, p);
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  await toCheck(page, p, name);
  await page.route('**/submissions', (r) => r.abort('internetdisconnected'));
  await page.getByRole('button', { name: t('button.send'), exact: true }).click();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes(':outbox:')));
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal((await storedFor(name)).length, 0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // The outbox tries again on its own; wait for the receiver to have it.
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes(':outbox:')), null, { timeout: 90000 });
  const mine = await storedFor(name);
  assert.equal(mine.length, 1, 'exactly one submission');
  const [f] = mine[0].submission.attachments;
  assert.ok((await fileOf(mine[0].reference, f.id)).equals(PDF));
});

/** The ids of the files the widget keeps in IndexedDB (the database exists once a widget started). */
const keptKeys = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('putright-files');
  open.onsuccess = () => {
    const db = open.result;
    const keys = db.transaction('files').objectStore('files').getAllKeys();
    keys.onsuccess = () => { resolve(keys.result); db.close(); };
  };
}));
/** How many files the widget keeps in IndexedDB. */
const keptFiles = async (page) => (await keptKeys(page)).length;

test('"Clear my answers" deletes the files of the answers from the device', async () => {
  const { page } = browser;
  await toEvidence(page, 'evidence-clear');
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  assert.ok(await keptFiles(page) >= 1, 'kept while it is an answer');
  await press(page, t('toolbar.clear'));
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('putright-files');
    open.onsuccess = () => {
      const count = open.result.transaction('files').objectStore('files').count();
      count.onsuccess = () => { open.result.close(); resolve(count.result === 0); };
    };
  }), null, { timeout: 30000 });
  assert.equal(await keptFiles(page), 0);
});

test('each bad file gets its own plain error on the field and in the summary', async () => {
  const { page } = browser;
  const p = 'evidence-errors';
  await toEvidence(page, p);
  const cases = [
    [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }, 'notes.txt is not a type of file you can send. You can send:'],
    [{ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(2_000_001)]) }, 'huge.pdf must be 2 MB or smaller'],
    [{ name: 'blank.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, 'blank.pdf is empty'],
    [{ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html>') }, 'fake.pdf could not be opened. Choose a different file'],
  ];
  for (const [file, said] of cases) {
    await pick(page, t('evidence.choose'), [file]);
    const summary = page.locator('.pr-error-summary');
    await summary.waitFor();
    await page.waitForFunction((s) => __prWidget().querySelector('.pr-error-message')?.textContent.includes(s), said, { timeout: 30000 });
    assert.match(await summary.innerText(), new RegExp(said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await listed(page), 0, `${file.name} not added`);
    await checked(page, `${p}-${file.name}`, 'error');
  }
  await pick(page, t('evidence.choose'), [0, 1, 2].map((i) => ({ name: `p${i}.pdf`, mimeType: 'application/pdf', buffer: PDF })));
  await waitListed(page, 3);
  await pick(page, t('evidence.choose'), [{ name: 'p3.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await page.waitForFunction(() => __prWidget().querySelector('.pr-error-message')?.textContent.includes('You can only send up to 3 files'), null, { timeout: 30000 });
  assert.equal(await listed(page), 3);
  await checked(page, `${p}-too-many`, 'error');
});

test('Continue waits for a file still being made ready, with a plain error, then goes on with it', async () => {
  const { page } = browser;
  const p = 'evidence-wait';
  await toEvidence(page, p);
  await pickHeld(page, { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
  // Meanwhile the page says so, heard once (the widget's status), and
  // passes the same checks as every other state of the page.
  await page.getByText(t('evidence.preparing')).first().waitFor();
  assert.equal(await page.locator('[role="status"]', { hasText: t('evidence.preparing') }).count(), 1, 'announced once');
  await checked(page, `${p}-preparing`);
  await press(page, t('button.continue'));
  const summary = page.locator('.pr-error-summary');
  assert.ok((await summary.innerText()).includes(t('evidence.wait')));
  assert.ok((await page.locator('.pr-error-message').innerText()).includes(t('evidence.wait')), 'beside the field too');
  assert.equal(await page.evaluate(() => __prActive()?.classList.contains('pr-error-summary')), true, 'still on the page, the summary focused');
  await page.evaluate(() => window.__letDigest());
  await waitListed(page, 1);
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), label('want_rep'));
});

test('when the browser refuses to keep files, the page says so as soon as a file is added, and the file still arrives', async () => {
  const { page } = browser;
  const p = 'evidence-refused';
  const name = 'Rhian Refused';
  await toEvidence(page, p);
  // As in a private window that refuses IndexedDB.
  await page.evaluate(() => { IDBFactory.prototype.open = () => { throw new DOMException('refused', 'SecurityError'); }; });
  assert.equal(await page.getByText(t('evidence.not_kept')).count(), 0, 'nothing said before a file is added');
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  await page.getByText(t('evidence.not_kept')).waitFor({ timeout: 30000 });
  await toCheck(page, p, name);
  await press(page, t('button.send'));
  await page.locator('.pr-reference').waitFor({ timeout: 60000 });
  const [s] = await storedFor(name);
  const [f] = s.submission.attachments;
  assert.ok((await fileOf(s.reference, f.id)).equals(PDF), 'kept in memory and delivered');
});

test('"Clear my answers" while a file is being made ready: the file does not come back in the new answers', async () => {
  const { page } = browser;
  const p = 'evidence-clear-busy';
  await toEvidence(page, p);
  await pickHeld(page, { name: 'private.pdf', mimeType: 'application/pdf', buffer: PDF });
  await press(page, t('toolbar.clear'));
  assert.equal(await focusedHeading(page), label('hazards'));
  await page.evaluate(() => window.__letDigest());
  // A new stage 2 request on the same device, up to its evidence page.
  await stage2(page, `${p}-again`);
  // The old file has finished (nothing is being made ready any more) ...
  await page.waitForFunction((busy) => !__prWidget().textContent.includes(busy), t('evidence.preparing'), { timeout: 30000 });
  // ... and is not among the new answers, nor kept on the device.
  assert.equal(await listed(page), 0, 'the cleared file is not listed');
  assert.equal(await page.evaluate(() => Object.entries(localStorage).some(([k, v]) => k.endsWith(':draft') && v.includes('private.pdf'))), false, 'nor in the draft');
  assert.equal(await keptFiles(page), 0, 'nor in IndexedDB');
});

/** The first bytes of a HEIC file (its ftyp box) and some more: Chromium cannot open it. */
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(12), Buffer.alloc(2000, 7)]);

/** A JPEG by its first bytes that no browser can open. */
const BROKEN_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

test('photos the browser cannot open (HEIC, a broken JPEG) say their location stays in them, with no empty thumbnail, still after a Change link from Check your answers', async () => {
  const { page } = browser;
  const p = 'evidence-heic';
  await toEvidence(page, p);
  await pick(page, t('evidence.choose'), [
    { name: 'IMG_0042.HEIC', mimeType: 'image/heic', buffer: HEIC },
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: BROKEN_JPEG },
  ]);
  await waitListed(page, 2);
  const items = page.locator('.pr-file-list__item');
  assert.match(await items.nth(0).innerText(), /IMG_0042\.heic/i);
  assert.match(await items.nth(1).innerText(), /broken\.jpg/);
  const told = async (when) => {
    for (const i of [0, 1]) assert.ok((await items.nth(i).innerText()).includes(t('evidence.kept')), `item ${i} told ${when}`);
    assert.equal(await page.locator('.pr-file-list img').count(), 0, `no thumbnail the browser cannot draw, ${when}`);
  };
  await told('when added');
  await checked(page, `${p}-added`);
  await toCheck(page, p, 'Hana Heic');
  await tabTo(page, (f) => f.name.startsWith(t('check.change')) && f.name.includes(t('evidence.row')));
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => __prActive()?.textContent.includes(h), EVIDENCE(), { timeout: 30000 });
  await waitListed(page, 2);
  await page.waitForFunction((kept) => [...__prWidget().querySelectorAll('.pr-file-list__item')].every((li) => li.textContent.includes(kept)), t('evidence.kept'), { timeout: 30000 });
  await told('on a later visit');
});

/** Deletes every kept file, as a browser that kept them in memory only would lose them; the draft still lists them. */
const clearKeptFiles = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('putright-files');
  open.onsuccess = () => {
    const clear = open.result.transaction('files', 'readwrite').objectStore('files').clear();
    clear.onsuccess = () => { open.result.close(); resolve(); };
  };
}));

test('files gone from the device (kept only in memory, then a reload): Send says so and sends the rest, never a refusal', async () => {
  const { page } = browser;
  const p = 'evidence-gone';
  const name = 'Gwen Gone';
  await toEvidence(page, p);
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  await toCheck(page, p, name);
  // The file's bytes go (as with a browser that kept them in memory only); the draft still lists it.
  await clearKeptFiles(page);
  await page.reload();
  await page.getByRole('button', { name: t('resume.continue'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t('check.title') }).waitFor();
  assert.match(await page.locator('.pr-summary').innerText(), /receipt\.pdf/);
  await page.getByRole('button', { name: t('button.send'), exact: true }).click();
  // Told, not refused; the file is off the answers and nothing was sent.
  await page.getByText(t('status.files_lost')).waitFor({ timeout: 30000 });
  assert.equal(await page.getByText(t('send.refused')).count(), 0, 'not shown as refused by the landlord');
  assert.doesNotMatch(await page.locator('.pr-summary').innerText(), /receipt\.pdf/);
  assert.equal((await storedFor(name)).length, 0);
  // Sent again, it goes without the file.
  await press(page, t('button.send'));
  await page.locator('.pr-reference').waitFor({ timeout: 60000 });
  const mine = await storedFor(name);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].submission.attachments, undefined, 'no attachments listed');
});

test('files gone from the device, found on the evidence page: said there once, and not on the pages after it', async () => {
  const { page } = browser;
  const p = 'evidence-gone-seen';
  await toEvidence(page, p);
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  await toCheck(page, p, 'Seren Seen');
  await clearKeptFiles(page);
  await page.reload();
  await page.getByRole('button', { name: t('resume.continue'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t('check.title') }).waitFor();
  await tabTo(page, (f) => f.name.startsWith(t('check.change')) && f.name.includes(t('evidence.row')));
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => __prActive()?.textContent.includes(h), EVIDENCE(), { timeout: 30000 });
  await page.getByText(t('status.files_lost')).waitFor({ timeout: 30000 });
  assert.equal(await listed(page), 0, 'the file is off the list');
  await checked(page, `${p}-told`);
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), t('check.title'));
  assert.equal(await page.getByText(t('status.files_lost')).count(), 0, 'dealt with: not said again on Check your answers');
  assert.doesNotMatch(await page.locator('.pr-summary').innerText(), /receipt\.pdf/);
});

/** A PDF of about `n` bytes (well formed at the start, spaces after). */
const pdfOf = (n) => Buffer.concat([PDF, Buffer.alloc(n - PDF.length, 32)]);

test('Back while a file is being made ready: the file is not added, and its refusal never shows on another page', async () => {
  const { page } = browser;
  const p = 'evidence-back-busy';
  await toEvidence(page, p);
  await pick(page, t('evidence.choose'), [0, 1].map((i) => ({ name: `big${i}.pdf`, mimeType: 'application/pdf', buffer: pdfOf(1_900_000) })));
  await waitListed(page, 2);
  // A third would take the total over 5 MB: refused once it is ready.
  await pickHeld(page, { name: 'big2.pdf', mimeType: 'application/pdf', buffer: pdfOf(1_900_000) });
  await press(page, t('nav.back'), { back: true });
  assert.equal(await focusedHeading(page), label('s2_reasons', { optional: true }));
  // Counts every error summary drawn from now on, on whichever page.
  await page.evaluate(() => {
    window.__summaries = 0;
    new MutationObserver((changes) => {
      for (const c of changes) for (const n of c.addedNodes) {
        if (n instanceof Element && (n.matches('.pr-error-summary') || n.querySelector('.pr-error-summary'))) window.__summaries += 1;
      }
    }).observe(__prWidget(), { childList: true, subtree: true });
  });
  await page.evaluate(() => window.__letDigest());
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), EVIDENCE());
  await page.waitForFunction((busy) => !__prWidget().textContent.includes(busy), t('evidence.preparing'), { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__summaries), 0, 'no error summary on any page');
  assert.equal(await page.locator('.pr-error-summary').count(), 0);
  assert.equal(await listed(page), 2, 'the file being made ready was not added');
  assert.doesNotMatch(await page.locator('.pr-file-list').innerText(), /big2\.pdf/);
  assert.equal(await keptFiles(page), 2, 'nor kept on the device');
});

/** A small photo drawn on the page's canvas. */
async function smallPhoto(page) {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 40; c.height = 30;
    const g = c.getContext('2d');
    g.fillStyle = '#36c'; g.fillRect(0, 0, 40, 30);
    const bytes = new Uint8Array(await (await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9))).arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  });
  return Buffer.from(b64, 'base64');
}

/**
 * Counts every object URL the page holds from now on (made and not yet let
 * go); the function returned waits until the page holds `n`.
 */
async function watchUrls(page) {
  await page.evaluate(() => {
    window.__urls = new Set();
    const make = URL.createObjectURL.bind(URL);
    const free = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (b) => { const u = make(b); window.__urls.add(u); return u; };
    URL.revokeObjectURL = (u) => { window.__urls.delete(u); free(u); };
  });
  return (n) => page.waitForFunction((n) => window.__urls.size === n, n, { timeout: 30000 });
}

test('a thumbnail is held only while its page shows it: let go when the page is left or the answers cleared, made again on return', async () => {
  const { page } = browser;
  const p = 'evidence-thumbs';
  await toEvidence(page, p);
  const photo = await smallPhoto(page);
  const held = await watchUrls(page);
  await pick(page, t('evidence.choose'), [{ name: 'wall.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await waitListed(page, 1);
  await held(1);
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), label('want_rep'));
  await held(0);
  await press(page, t('nav.back'), { back: true });
  assert.equal(await focusedHeading(page), EVIDENCE());
  await page.locator('.pr-file-list img').waitFor({ timeout: 30000 });
  await held(1);
  await press(page, t('toolbar.clear'));
  assert.equal(await focusedHeading(page), label('hazards'));
  await held(0);
});

test('a photo still being made ready when the language changes is added in the new language, with its thumbnail, and no thumbnail is left held', async () => {
  const { page } = browser;
  const p = 'evidence-language';
  await toEvidence(page, p);
  const photo = await smallPhoto(page);
  const held = await watchUrls(page);
  await pickHeld(page, { name: 'damp.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('.putright button[lang=cy]').click();
  await page.locator('.putright[lang=cy] .pr-language-current[lang=cy]').waitFor({ timeout: 30000 });
  await page.evaluate(() => window.__letDigest());
  await waitListed(page, 1);
  await page.locator('.pr-file-list img').waitFor({ timeout: 30000 });
  assert.match(await page.locator('.pr-file-list').innerText(), /damp\.jpg/);
  await held(1);
  assert.equal(await keptFiles(page), 1, 'kept on the device');
  await page.locator('.putright button[lang=en-GB]').click();
  await page.locator('.putright[lang=en-GB] .pr-file-list img').waitFor({ timeout: 30000 });
  await held(1);
});

test('a file just kept, before any draft names it, is spared by another tab\'s start-up sweep; an old unnamed one is not', async () => {
  const { page, context } = browser;
  const p = 'evidence-sweep';
  await toEvidence(page, p);
  // The moment between keeping a file and writing the draft that names it, held open.
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { if (!String(k).endsWith(':draft')) set.call(this, k, v); };
  });
  const before = await keptKeys(page);
  await pick(page, t('evidence.choose'), [{ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  await waitListed(page, 1);
  const [mine] = (await keptKeys(page)).filter((k) => !before.includes(k));
  assert.ok(mine, 'the file is kept');
  // A file nothing names nor claims, last in key order, so gone last.
  await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('putright-files');
    open.onsuccess = () => {
      const put = open.result.transaction('files', 'readwrite').objectStore('files').put(new Blob(['x']), 'zzzz-orphan');
      put.onsuccess = () => { open.result.close(); resolve(); };
    };
  }));
  const other = await context.newPage();
  try {
    await other.goto(site.url);
    await page.waitForFunction(() => new Promise((resolve) => {
      const open = indexedDB.open('putright-files');
      open.onsuccess = () => {
        const get = open.result.transaction('files').objectStore('files').getKey('zzzz-orphan');
        get.onsuccess = () => { open.result.close(); resolve(get.result === undefined); };
      };
    }), null, { timeout: 30000 });
  } finally {
    await other.close();
  }
  assert.ok((await keptKeys(page)).includes(mine), 'the file just added is still on the device');
});
