// Delivery under faults. The widget posts to the real receiver; faults are
// injected between them by Playwright's request routing (a proxy inside the
// browser), or by stopping and restarting the receiver itself. Whatever the
// network does, the receiver must end up with each submission exactly once,
// and nothing the resident typed may be lost.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, startSite, openBrowser, schemaErrors, axe, closeDemo } from './lib/harness.mjs';
import { shortJourney } from './lib/journey.mjs';
import { catalogue, t } from './lib/text.mjs';

const NAME = 'Robin Faulty-Network';
let receiver, site, browser, dbDir, port;

before(async () => {
  dbDir = mkdtempSync(join(tmpdir(), 'putright-delivery-'));
  receiver = await startReceiver({ db: join(dbDir, 'submissions.sqlite3') });
  port = Number(new URL(receiver.url).port);
  // A short timeout, so the "hanging response" case does not take long.
  site = await startSite({ endpoint: `${receiver.url}/submissions`, config: { endpoint: { timeout_ms: 2500 } } });
  browser = await openBrowser();
});

after(async () => {
  try {
    await closeDemo({ receiver, site, browser });
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
});

beforeEach(async () => {
  await browser.page.unrouteAll({ behavior: 'ignoreErrors' });
  await browser.context.setOffline(false);
});

const SUBMISSIONS = '**/submissions';

/** The shortest journey (an adjustments request) up to the check page. */
const toCheckPage = (page, who, url = site.url) => shortJourney(page, url, { name: who, email: 'robin@example.com' });

const send = (page) => page.getByRole('button', { name: 'Send', exact: true }).click();

/** Waits for the confirmation page and returns the reference it shows. */
async function confirmed(page, timeout = 60000) {
  await page.locator('.pr-reference').waitFor({ timeout });
  return (await page.locator('.pr-reference').innerText()).trim();
}

/** Every stored submission for this resident name. */
async function storedFor(who) {
  return (await receiver.submissions()).filter((s) => s.submission.resident?.name === who);
}

/** Asserts the receiver holds exactly one submission for `who`, with `reference`. */
async function exactlyOnce(who, reference) {
  const mine = await storedFor(who);
  assert.equal(mine.length, 1, `exactly one stored for ${who}, got ${mine.length}`);
  assert.equal(mine[0].reference, reference, 'the reference shown is the one the receiver gave');
  assert.deepEqual(schemaErrors(mine[0].submission), []);
  return mine[0];
}

/** Records the Idempotency-Key of every POST the page makes. */
function keysSeen(page) {
  const keys = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/submissions')) keys.push(r.headers()['idempotency-key']); });
  return keys;
}

/** Waits until the waiting send has made `n` attempts or more and the last
 *  of them has failed (the page says "Not sent yet." again, not "Sending...").
 *  An attempt is counted in the outbox entry before its request goes. */
async function failedAttempts(page, n) {
  await page.waitForFunction((n) => {
    const made = Object.keys(localStorage).filter((k) => k.includes(':outbox:')).map((k) => JSON.parse(localStorage.getItem(k)).attempts ?? 0);
    const said = window.__prWidget()?.textContent ?? '';
    return made.some((a) => a >= n) && said.includes('Not sent yet.') && !said.includes('Sending...');
  }, n, { timeout: 60000 });
}

/** The answers are all still there: the check page lists the name. */
async function answersKept(page, who) {
  assert.match(await page.locator('.putright').innerText(), new RegExp(who));
}

test('500, 500, then success: retried with the same Idempotency-Key, stored once', async () => {
  const { page } = browser;
  const who = `${NAME} A`;
  await toCheckPage(page, who);
  let failures = 2;
  await page.route(SUBMISSIONS, (route) => (failures-- > 0
    ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' })
    : route.continue()));
  const keys = keysSeen(page);
  await send(page);
  await page.getByText('Not sent yet.', { exact: true }).waitFor();
  await answersKept(page, who);
  assert.match(await page.locator('[role="status"]').innerText(), /Not sent yet/);
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
  assert.equal(keys.length, 3, 'three attempts');
  assert.equal(new Set(keys).size, 1, 'one Idempotency-Key for every attempt');
  assert.match(keys[0], /^[0-9a-f-]{36}$/);
});

test('stored but answered 503: the retry is a replay, not a second submission', async () => {
  const { page } = browser;
  const who = `${NAME} B`;
  await toCheckPage(page, who);
  let lie = true;
  await page.route(SUBMISSIONS, async (route) => {
    if (!lie) return route.continue();
    lie = false;
    await route.fetch(); // reaches the receiver, which stores it
    await route.fulfill({ status: 503, contentType: 'text/plain', body: 'gateway trouble' });
  });
  await send(page);
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
});

test('429 with Retry-After: waits at least that long before trying again', async () => {
  const { page } = browser;
  const who = `${NAME} C`;
  await toCheckPage(page, who);
  const times = [];
  let limited = true;
  await page.route(SUBMISSIONS, (route) => {
    times.push(Date.now());
    if (limited) { limited = false; return route.fulfill({ status: 429, headers: { 'Retry-After': '5', 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' }, body: '' }); }
    return route.continue();
  });
  await send(page);
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
  assert.equal(times.length, 2);
  assert.ok(times[1] - times[0] >= 4900, `second try after ${times[1] - times[0]} ms, Retry-After said 5 s`);
});

test('a response that hangs past the timeout is abandoned and retried; stored once', async () => {
  const { page } = browser;
  const who = `${NAME} D`;
  await toCheckPage(page, who);
  let hang = true;
  await page.route(SUBMISSIONS, async (route) => {
    if (!hang) return route.continue();
    hang = false;
    await route.fetch(); // the receiver stores it...
    await new Promise((r) => setTimeout(r, 6000)); // ...but the answer never arrives in time
    await route.fulfill({ status: 201, body: '{"reference":"TOO-LATE"}' }).catch(() => {});
  });
  await send(page);
  const reference = await confirmed(page);
  assert.notEqual(reference, 'TOO-LATE');
  await exactlyOnce(who, reference);
});

test('offline, then online: the online event sends it at once', async () => {
  const { page, context } = browser;
  const who = `${NAME} E`;
  await toCheckPage(page, who);
  await context.setOffline(true);
  await send(page);
  await page.getByText('Not sent yet.', { exact: true }).waitFor();
  await answersKept(page, who);
  assert.equal((await storedFor(who)).length, 0);
  // Three tries fail, so the next scheduled one is at least 8 s away (2^3 s
  // plus jitter): a send sooner than that came from the online event.
  await failedAttempts(page, 3);
  const offAt = Date.now();
  await context.setOffline(false);
  const reference = await confirmed(page, 8000);
  assert.ok(Date.now() - offAt < 8000);
  await exactlyOnce(who, reference);
});

test('a reload while the send is in flight: resumed from the outbox on the next load', async () => {
  const { page } = browser;
  const who = `${NAME} F`;
  await toCheckPage(page, who);
  let stall = true;
  let stored;
  const storedSeen = new Promise((r) => { stored = r; });
  await page.route(SUBMISSIONS, async (route) => {
    if (!stall) return route.continue();
    stall = false;
    await route.fetch(); // stored; the page is reloaded before it hears back
    stored();
    await new Promise((r) => setTimeout(r, 3000));
    await route.abort().catch(() => {});
  });
  await send(page);
  await page.getByText('Sending...').waitFor();
  await storedSeen;
  assert.equal((await storedFor(who)).length, 1, 'stored before the reload');
  await page.reload();
  // The send picks up by itself, but nothing of the draft is shown until the
  // resident says it is theirs (the device may be shared).
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  assert.doesNotMatch(await page.locator('.putright').innerText(), new RegExp(who), 'no answer shown before Continue');
  // "Continue": the check page while it is sending, or the confirmation if
  // it got through meanwhile.
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
  // The outbox is empty once it is delivered.
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':outbox:')));
  assert.deepEqual(left, []);
});

/** Sends `who`'s answers while the endpoint cannot be reached, then presses
 *  "Clear my answers": the send waits in the outbox, its draft gone. Then
 *  the endpoint is reachable again, or answers with `next` (a route handler,
 *  put in front of the failing one, so no try slips between them); the next
 *  try is left to the test. */
async function waitingThenCleared(page, who, next = null) {
  await toCheckPage(page, who);
  await page.route(SUBMISSIONS, (route) => route.abort('connectionrefused'));
  await send(page);
  await page.getByText('Not sent yet.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  if (next) await page.route(SUBMISSIONS, next);
  else await page.unrouteAll({ behavior: 'ignoreErrors' });
}

test('left in the outbox on another page of the site: delivered on the next visit and announced', async () => {
  const { page } = browser;
  const who = `${NAME} G`;
  // The resident clears their answers and leaves; the outbox keeps the send.
  await waitingThenCleared(page, who);
  await page.goto(site.url);
  await page.locator('.pr-notice').waitFor({ timeout: 20000 });
  const notice = await page.locator('.pr-notice').innerText();
  assert.match(notice, /Something you sent earlier has now reached us/);
  const stored = await storedFor(who);
  assert.equal(stored.length, 1);
  assert.match(notice, new RegExp(stored[0].reference));
  assert.deepEqual(await axe(page), []);
});

test('cleared while it waits: the send goes on, is announced, and no longer moves the page', async () => {
  const { page } = browser;
  const who = `${NAME} G2`;
  await waitingThenCleared(page, who);
  // Someone else starts on the same device.
  await page.getByLabel('None of these', { exact: true }).check();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.locator('.pr-notice').filter({ hasText: 'Something you sent earlier has now reached us' }).waitFor({ timeout: 20000 });
  const stored = await storedFor(who);
  assert.equal(stored.length, 1);
  const notice0 = await page.locator('.pr-notice').innerText();
  assert.match(notice0, new RegExp(stored[0].reference));
  // Still the first question, as the next person left it: no confirmation,
  // nothing of the earlier answers.
  assert.equal(await page.locator('.pr-reference').count(), 0);
  assert.equal(await page.getByLabel('None of these', { exact: true }).isChecked(), true);
  assert.doesNotMatch(await page.locator('.putright').innerText(), new RegExp(who));
  // After a switch of language the notice is worded in the new one, the
  // send's title too, not left in the words of the language it was sent in.
  const en = catalogue('en-GB');
  const kind = Object.keys(en).find((k) => k.startsWith('receipt.title.') && notice0.includes(en[k]));
  assert.ok(kind, `the notice names what was sent: ${notice0}`);
  await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
  const welsh = page.locator('.pr-notice').filter({ hasText: t('earlier.intro', {}, 'cy') });
  await welsh.waitFor();
  const worded = await welsh.innerText();
  assert.ok(worded.includes(t(kind, {}, 'cy')), worded);
  assert.ok(!worded.includes(en[kind]), worded);
  // Back to English for the tests after this one (the browser is shared).
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.locator('.pr-notice').filter({ hasText: en[kind] }).waitFor();
});

test('refused once its answers are no longer in a draft: kept and shown as not sent, never dropped', async () => {
  const { page } = browser;
  const who = `${NAME} G3`;
  await waitingThenCleared(page, who, (route) => route.fulfill({ status: 422, contentType: 'application/json', body: '{"message":"Unknown landlord"}' }));
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const box = page.locator('.pr-warning[role="alert"]').filter({ hasText: 'has not reached us' });
  await box.waitFor({ timeout: 20000 });
  assert.equal(await box.getByRole('link', { name: '0808 157 0192' }).getAttribute('href'), 'tel:08081570192');
  const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':outbox:')).length);
  assert.equal(await kept(), 1, 'the only copy is kept');
  assert.equal((await storedFor(who)).length, 0);
  await box.getByRole('button', { name: 'I have contacted you: remove this' }).click();
  await box.waitFor({ state: 'detached' });
  assert.equal(await kept(), 0);
});

test('the receiver restarted mid-run, after storing but before answering: stored once', async () => {
  const { page } = browser;
  const who = `${NAME} H`;
  await toCheckPage(page, who);
  let restarting = true;
  await page.route(SUBMISSIONS, async (route) => {
    if (!restarting) return route.continue();
    restarting = false;
    await route.fetch(); // stored in the receiver's database
    await receiver.stop(); // the receiver goes down before it can answer
    await route.abort('connectionreset');
  });
  await send(page);
  await page.getByText('Not sent yet.', { exact: true }).waitFor();
  // While it is down, a try fails with a refused connection.
  await failedAttempts(page, 2);
  receiver = await startReceiver({ db: join(dbDir, 'submissions.sqlite3'), port });
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
});

test('a CORS rejection is retried, offers other ways to reach the landlord, then gets through', async () => {
  const { page } = browser;
  const who = `${NAME} I`;
  await receiver.stop();
  receiver = await startReceiver({ db: join(dbDir, 'submissions.sqlite3'), port, allowOrigin: 'https://some-other-site.example' });
  await toCheckPage(page, who);
  await send(page);
  // After three failed attempts: the phone number, an email link and a copy.
  await page.getByText('You can also:').waitFor({ timeout: 30000 });
  const text = await page.locator('.putright').innerText();
  assert.match(text, /0808 157 0192/);
  const mail = page.locator('a[href^="mailto:complaints@example.com"]');
  assert.equal(await mail.count(), 1);
  // Named for what is sent (a request for support), with the answers in the body.
  const href = decodeURIComponent(await mail.getAttribute('href'));
  assert.match(href, /\?subject=My request for support&body=/);
  assert.match(href, /Large print/);
  await answersKept(page, who);
  // The receiver may have stored it already: Chromium caches an earlier,
  // successful preflight, so the POST can arrive while its answer is blocked.
  // Either way the widget cannot know, so it keeps trying with the same key.
  assert.ok((await storedFor(who)).length <= 1);
  assert.deepEqual(await axe(page), []);
  // The landlord fixes their CORS setting; the next try (woken by "online") gets through.
  await receiver.stop();
  receiver = await startReceiver({ db: join(dbDir, 'submissions.sqlite3'), port });
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
});

test('a 400 with a message: shown in plain words, answers kept, and it can be sent again', async () => {
  const { page } = browser;
  const who = `${NAME} J`;
  await toCheckPage(page, who);
  await page.route(SUBMISSIONS, (route) => route.fulfill({
    status: 400, contentType: 'application/json',
    body: JSON.stringify({ message: 'We could not find that postcode in our area.' }),
  }));
  await send(page);
  const alert = page.locator('.pr-warning[role="alert"]');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /We could not send this/);
  assert.match(text, /We could not find that postcode in our area\./);
  assert.match(text, /Your answers are kept/);
  await answersKept(page, who);
  assert.deepEqual(await axe(page), []);
  // Nothing was stored, and the answers survive a reload too.
  assert.equal((await storedFor(who)).length, 0);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await answersKept(page, who);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await send(page);
  const reference = await confirmed(page);
  await exactlyOnce(who, reference);
});

test('form-urlencoded mode: posted as a flat form, stored as the same payload', async () => {
  const { page } = browser;
  const who = `${NAME} K`;
  const formSite = await startSite({ endpoint: `${receiver.url}/submissions`, config: { endpoint: { format: 'form' } } });
  try {
    await toCheckPage(page, who, formSite.url);
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/submissions')) posts.push({ type: r.headers()['content-type'], body: r.postData() }); });
    await send(page);
    const reference = await confirmed(page);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].type, 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(posts[0].body);
    assert.equal(form.get('resident.name'), who);
    assert.equal(form.get('kind'), 'adjustments_request');
    assert.equal(form.get('schema'), 'putright.submission/v1');
    const row = await exactlyOnce(who, reference);
    assert.equal(row.submission.kind, 'adjustments_request');
    assert.equal(row.submission.id, form.get('id'));
  } finally {
    await formSite.close();
  }
});

test('storage blocked (private mode, quota full): kept in memory with a notice, and still sent', async () => {
  const page = await browser.context.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  try {
    const who = `${NAME} L`;
    await toCheckPage(page, who);
    const notice = 'This browser is not letting us save your answers. They will be lost if you close this page.';
    assert.equal(await page.locator('[role="status"]').innerText(), notice);
    await answersKept(page, who);
    await send(page);
    const reference = await confirmed(page);
    await exactlyOnce(who, reference);
    assert.ok(!logs.some((l) => l.includes(who)), 'no personal data in the console');
  } finally {
    await page.close();
  }
});

test('a landlord config with a bad endpoint: a console error naming the setting, and the phone number', async () => {
  const page = await browser.context.newPage();
  const logs = [];
  page.on('console', (m) => logs.push({ type: m.type(), text: m.text() }));
  const bad = await startSite({ endpoint: 'http://example.com/submissions' });
  try {
    await page.goto(bad.url);
    const alert = page.locator('.putright[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /call us on 0808 157 0192/);
    assert.equal(await alert.locator('a[href="tel:08081570192"]').count(), 1);
    assert.ok(logs.some((l) => l.type === 'error' && l.text.includes('endpoint.url: must use https')), JSON.stringify(logs));
    assert.deepEqual(await axe(page), []);
  } finally {
    await page.close();
    await bad.close();
  }
});

test('a bad config and no data-phone: the config\'s own phone and email are shown, or else the landlord\'s placeholder is kept', async () => {
  const page = await browser.context.newPage();
  // A host with the landlord's placeholder and no data-phone or data-email.
  const host = (config) => `<!doctype html><html lang="en-GB"><title>Bare host</title><main>
<div data-putright data-config-url="${config}"><p>Placeholder: ring Example Homes.</p></div>
<script src="putright.js" type="module"></script></main></html>`;
  const bad = await startSite({
    endpoint: 'http://example.com/submissions',
    extra: {
      '/bare.html': host('config/example-homes.json'),
      '/bare-no-phone.html': host('config/no-phone.json'),
      '/config/no-phone.json': JSON.stringify({ landlord_name: 'X', landlord_id: 'x', endpoint: { url: 'http://example.com/x' }, phone: 'ring us' }),
    },
  });
  try {
    await page.goto(`${bad.url}/bare.html`);
    const alert = page.locator('.putright[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /call us on 0808 157 0192/);
    assert.equal(await alert.locator('a[href="tel:08081570192"]').count(), 1);
    assert.equal(await alert.locator('a[href="mailto:complaints@example.com"]').count(), 1);
    assert.deepEqual(await axe(page), []);
    // Its phone number is not valid either: the placeholder stays in view, with the apology.
    await page.goto(`${bad.url}/bare-no-phone.html`);
    await alert.waitFor();
    await page.locator('[data-putright][data-putright-status="failed"]').waitFor();
    assert.ok(await page.getByText('Placeholder: ring Example Homes.').isVisible(), 'the placeholder is shown');
    assert.match(await alert.innerText(), /not working/);
  } finally {
    await page.close();
    await bad.close();
  }
});

test('nothing the residents typed reached the console', () => {
  const leaked = browser.consoleMessages.filter((m) => m.text.includes(NAME) || m.text.includes('robin@example.com'));
  assert.deepEqual(leaked, []);
});
