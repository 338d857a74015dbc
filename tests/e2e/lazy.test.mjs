// The lazy parts of the wasm (src/ui/lazy.rs): a first visit downloads none
// of them; Check your answers fetches its own when the resident gets there.
// A part that does not arrive (the network drops) gives a plain message
// with "Try again" (focused, checked for accessibility like every step),
// and "Try again" brings the page with every answer still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, openBrowser, uncaughtErrors, focusedHeading, axe, widgetReady } from './lib/harness.mjs';
import { check, fill, cont, press, fresh } from './lib/journey.mjs';
import { checkStep } from './lib/a11y.mjs';
import { t } from './lib/text.mjs';

// The split's files: split_<part>.wasm and the chunk_<n>.wasm parts share.
const LAZY = /\/(split_[a-z_]+|chunk_\d+)\.wasm$/;

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

/** The lazy files the page asks for from now on (their paths). */
function watchLazy(page) {
  const seen = [];
  const on = (r) => { const p = new URL(r.url()).pathname; if (LAZY.test(p)) seen.push(p); };
  page.on('request', on);
  return { seen, stop: () => page.off('request', on) };
}

/** From the first question to the last before Check your answers (a request for large print). */
async function upToCheck(page) {
  await check(page, 'None of these'); await cont(page);
  await check(page, 'Ask us to change how we contact or support you'); await cont(page);
  await check(page, 'Large print'); await cont(page);
  await cont(page); // disability: optional
  await fill(page, 'What is your full name?', 'Lazy Parts'); await cont(page);
  await fill(page, 'Address line 1', '1 Test Street'); await fill(page, 'Postcode', 'EX1 1AA'); await cont(page);
  await fill(page, 'Email address (optional)', 'lazy@example.com'); await cont(page);
  await check(page, 'Email');
}

test('a first visit fetches no lazy part; Check your answers fetches its own', async () => {
  const { page } = browser;
  const lazy = watchLazy(page);
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(lazy.seen, [], 'the first visit asked for no lazy part');

  await fresh(page, site.url);
  await upToCheck(page);
  assert.deepEqual(lazy.seen, [], 'no lazy part before the page that needs it');
  await cont(page);
  assert.equal(await focusedHeading(page), t('check.title'));
  assert.ok(lazy.seen.includes('/split_check.wasm'), `Check your answers fetched its part (asked for: ${lazy.seen.join(', ')})`);
  assert.ok((await page.locator('.putright').innerText()).includes('Lazy Parts'), 'the answers are on the page');
  lazy.stop();
});

test('a part that does not arrive: a plain message, and "Try again" brings it with the answers kept', async () => {
  // A browser of its own: the first test's parts are already in the other's memory.
  const own = await openBrowser();
  try {
    await offlineThenOnline(own.page);
    assert.deepEqual(uncaughtErrors(own), [], 'uncaught errors in the page');
  } finally {
    await own.close();
  }
});

async function offlineThenOnline(page) {
  await page.route(LAZY, (route) => route.abort('internetdisconnected'));
  await fresh(page, site.url);
  await upToCheck(page);
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
