// The lazy parts of the wasm (src/ui/lazy.rs): a first visit downloads none
// of them. From the first Continue on, the parts on the resident's route to
// sending (Check your answers with the send, the confirmation, and the
// evidence uploader once it is on their route) are fetched in the
// background, so a signal lost after that still lets them add files, reach
// Check your answers and Send (queued, delivered when the signal is back).
// A part that does not arrive gives a plain message with "Try again"
// (focused, checked for accessibility like every step), and "Try again"
// brings the page with every answer still there; a missing uploader still
// lets the resident Continue (its question is optional) and go Back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, openBrowser, uncaughtErrors, focusedHeading, axe, widgetReady } from './lib/harness.mjs';
import { check, fill, fillDate, cont, press, fresh } from './lib/journey.mjs';
import { checkStep } from './lib/a11y.mjs';
import { t, label } from './lib/text.mjs';

// The split's files: split_<part>.wasm and the chunk_<n>.wasm parts share.
const LAZY = /\/(split_[a-z_]+|chunk_\d+)\.wasm$/;

let receiver, site, browser;

/** A small, well-formed PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

/** The lazy files the page asks for from now on (their paths), and those that arrived. */
function watchLazy(page) {
  const seen = [];
  const arrived = new Set();
  const path = (r) => new URL(r.url()).pathname;
  const on = (r) => { if (LAZY.test(path(r))) seen.push(path(r)); };
  let wake = () => {};
  const done = (r) => { if (LAZY.test(path(r))) { arrived.add(path(r)); wake(); } };
  page.on('request', on);
  page.on('requestfinished', done);
  return {
    seen,
    /** Waits until every lazy file asked for so far has arrived, these among them. */
    async arrive(files) {
      const all = () => files.every((f) => arrived.has(f)) && seen.every((f) => arrived.has(f));
      const deadline = Date.now() + 30000;
      while (!all()) {
        const left = deadline - Date.now();
        if (left <= 0) assert.fail(`lazy parts missing: wanted ${files.join(', ')}; asked for ${seen.join(', ') || 'none'}; arrived ${[...arrived].join(', ') || 'none'}`);
        await new Promise((r) => { wake = r; setTimeout(r, left); });
      }
    },
    stop: () => { page.off('request', on); page.off('requestfinished', done); },
  };
}

/** From now on the network is gone: the browser is offline, and any lazy part asked for fails. */
async function signalLost(own) {
  await own.context.setOffline(true);
  await own.page.route(LAZY, (route) => route.abort('internetdisconnected'));
}

/** Presses Send, sees it queued on the device, then brings the signal back
 *  (lazy parts still failing) and returns the stored submission for `who`. */
async function queuedThenDelivered(own, who) {
  const { page, context } = own;
  await page.getByRole('button', { name: t('button.send'), exact: true }).click();
  await page.getByText('Not sent yet.', { exact: true }).waitFor();
  assert.equal((await receiver.submissions()).filter((s) => s.submission.resident?.name === who).length, 0, 'nothing delivered while offline');
  await context.setOffline(false);
  // The confirmation, from its part fetched before the signal went.
  await page.locator('.pr-step[data-page="confirmation"] .pr-reference').waitFor({ timeout: 60000 });
  const reference = (await page.locator('.pr-reference').innerText()).trim();
  const mine = (await receiver.submissions()).filter((s) => s.submission.resident?.name === who);
  assert.equal(mine.length, 1, 'delivered once');
  assert.equal(mine[0].reference, reference);
  return mine[0];
}

/** From the first question to the last before Check your answers (a request for large print). */
async function upToCheck(page, name = 'Lazy Parts') {
  await check(page, 'None of these'); await cont(page);
  await afterFirst(page, name);
}

/** The same, from the second question on. */
async function afterFirst(page, name) {
  await check(page, 'Ask us to change how we contact or support you'); await cont(page);
  await check(page, 'Large print'); await cont(page);
  await cont(page); // disability: optional
  await whoAndHow(page, name);
}

/** The name, address and email, and email as the way to reply (not yet continued). */
async function whoAndHow(page, name) {
  await fill(page, 'What is your full name?', name); await cont(page);
  await fill(page, 'Address line 1', '1 Test Street'); await fill(page, 'Postcode', 'EX1 1AA'); await cont(page);
  await fill(page, 'Email address (optional)', 'lazy@example.com'); await cont(page);
  await check(page, 'Email');
}

/** Runs `fn` in a browser of its own (no part already in its memory), then checks it saw no uncaught error. */
async function inOwnBrowser(fn) {
  const own = await openBrowser();
  try {
    await fn(own);
    assert.deepEqual(uncaughtErrors(own), [], 'uncaught errors in the page');
  } finally {
    await own.close();
  }
}

/** Stage 2 from the first question to the evidence page; `lost` runs once the task is chosen. */
async function stage2ToEvidence(page, lost = async () => {}) {
  await check(page, 'None of these'); await cont(page);
  await check(page, 'Take your complaint to the next stage'); await cont(page);
  await lost();
  await cont(page); // reference: optional
  const d = new Date(Date.now() - 10 * 864e5);
  const response = label('s2_response', { optional: true });
  await fillDate(page, response, String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())); await cont(page);
  await cont(page); // reasons: optional
}

test('a first visit fetches no lazy part, nor does a first answer not yet continued; Check your answers has its own', async () => {
  const { page } = browser;
  const lazy = watchLazy(page);
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(lazy.seen, [], 'the first visit asked for no lazy part');

  await fresh(page, site.url);
  await check(page, 'None of these');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(lazy.seen, [], 'no lazy part before the first Continue');
  await cont(page);
  await afterFirst(page, 'Lazy Parts');
  await cont(page);
  assert.equal(await focusedHeading(page), t('check.title'));
  assert.ok(lazy.seen.includes('/split_check.wasm'), `Check your answers fetched its part (asked for: ${lazy.seen.join(', ')})`);
  assert.ok((await page.locator('.putright').innerText()).includes('Lazy Parts'), 'the answers are on the page');
  lazy.stop();
});

test('after the first Continue the parts on the way to Send arrive; offline from then on, Send is queued and delivered', async () => {
  await inOwnBrowser(async (own) => {
    const { page } = own;
    const lazy = watchLazy(page);
    await fresh(page, site.url);
    await check(page, 'None of these'); await cont(page);
    await lazy.arrive(['/split_check.wasm', '/split_confirmation.wasm']);
    await signalLost(own);
    const who = 'Offline Sender';
    await afterFirst(page, who);
    await cont(page);
    assert.equal(await focusedHeading(page), t('check.title'), 'Check your answers, with no signal');
    assert.ok((await page.locator('.putright').innerText()).includes(who), 'the answers are on the page');
    await queuedThenDelivered(own, who);
    // Only the parts on this route: no uploader (not asked on it), nor "My complaints".
    for (const f of ['/split_evidence.wasm', '/split_tracker.wasm', '/split_lateness.wasm', '/split_ombudsman.wasm']) {
      assert.ok(!lazy.seen.includes(f), `${f} was not fetched (asked for: ${lazy.seen.join(', ')})`);
    }
  });
});

test('the uploader arrives once it is on the route: offline, a file is added and sent with the answers', async () => {
  await inOwnBrowser(async (own) => {
    const { page } = own;
    const lazy = watchLazy(page);
    await fresh(page, site.url);
    await stage2ToEvidence(page, async () => {
      await lazy.arrive(['/split_check.wasm', '/split_confirmation.wasm', '/split_evidence.wasm']);
      await signalLost(own);
    });
    assert.equal(await focusedHeading(page), label('evidence', { optional: true }), 'the uploader, with no signal');
    await page.locator('.putright input[type=file][multiple]').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('.pr-file-list__item').waitFor();
    await cont(page);
    const who = 'Offline Evidence';
    await check(page, 'No'); await cont(page); // a representative
    await check(page, 'No'); await cont(page); // support needs
    await whoAndHow(page, who); await cont(page);
    assert.equal(await focusedHeading(page), t('check.title'), 'Check your answers, with no signal');
    const stored = await queuedThenDelivered(own, who);
    const files = stored.submission.attachments ?? [];
    assert.equal(files.length, 1, 'the file was sent with the answers');
    assert.equal(files[0].filename, 'letter.pdf');
  });
});

test('an uploader that does not arrive: a plain message, and Continue and Back still work', async () => {
  await inOwnBrowser(async (own) => {
    const { page } = own;
    await page.route(LAZY, (route) => route.abort('internetdisconnected'));
    await fresh(page, site.url);
    await stage2ToEvidence(page);
    assert.equal(await focusedHeading(page), t('lazy.failed_title'), 'the message takes focus');
    assert.ok((await page.locator('.putright').innerText()).includes(t('lazy.failed_body')));
    assert.deepEqual(await axe(page), [], 'axe on the message');
    await cont(page);
    assert.equal(await focusedHeading(page), label('want_rep'), 'Continue goes on without files');
    await press(page, t('nav.back'), { back: true });
    assert.equal(await focusedHeading(page), t('lazy.failed_title'), 'Back to the message');
    await page.unroute(LAZY);
    await press(page, t('lazy.retry'));
    assert.equal(await focusedHeading(page), label('evidence', { optional: true }), '"Try again" brings the uploader');
  });
});

test('a part that does not arrive: a plain message, and "Try again" brings it with the answers kept', async () => {
  // A browser of its own: the first test's parts are already in the other's memory.
  await inOwnBrowser((own) => offlineThenOnline(own.page));
});

async function offlineThenOnline(page) {
  await page.route(LAZY, (route) => route.abort('internetdisconnected'));
  const lazy = watchLazy(page);
  await fresh(page, site.url);
  await upToCheck(page);
  // Each Continue tried the route's parts again, and their failing said nothing.
  const tries = lazy.seen.filter((f) => f === '/split_check.wasm').length;
  assert.ok(tries >= 2, `Check's part was tried on more than one Continue (${tries})`);
  assert.ok(!(await page.locator('.putright').innerText()).includes(t('lazy.failed_title')), 'no message on a question page');
  lazy.stop();
  await cont(page);
  assert.equal(await focusedHeading(page), t('lazy.failed_title'), 'the message takes focus');
  const text = await page.locator('.putright').innerText();
  assert.ok(text.includes(t('lazy.failed_body')), 'says what to do');
  assert.deepEqual(await axe(page), [], 'axe on the message');
  await checkStep(page, 'lazy-not-loaded', 'normal');

  // Still offline: the same message again, focused again.
  await press(page, t('lazy.retry'));
  assert.equal(await focusedHeading(page), t('lazy.failed_title'));

  // Back online: the page, with every answer.
  await page.unroute(LAZY);
  await press(page, t('lazy.retry'));
  assert.equal(await focusedHeading(page), t('check.title'));
  const shown = await page.locator('.putright').innerText();
  for (const answer of ['Lazy Parts', '1 Test Street', 'lazy@example.com']) assert.ok(shown.includes(answer), `the answer "${answer}" is kept`);
}
