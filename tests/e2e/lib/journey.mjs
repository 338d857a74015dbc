// Drives the widget as a resident would, by keyboard and label, checking each
// step on the way: its heading takes focus, axe finds nothing, and (where the
// page has required answers) an empty Continue shows the error summary.
import assert from 'node:assert/strict';
import { axe, snap, focusedHeading, widgetReady } from './harness.mjs';
import { checkStep } from './a11y.mjs';
import { tabTo, focused } from './keyboard.mjs';
import { label, title, t } from './text.mjs';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2026-11-30" as "Monday 30 November 2026". */
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m - 1]} ${y}`;
}

// The resident uses the keyboard alone: Tab and Shift+Tab to move, Space and
// the arrow keys to choose, Enter to press, and typing. Every focus stop on
// the way is checked to be on screen and not covered (lib/keyboard.mjs).
//
// The widget draws a new step, then moves focus to its h1 in a later
// animation frame (after an empty Continue, to the error summary). A Tab
// pressed in between would be overtaken by that move, so the helpers wait
// for it to have happened (window.__prArrived, kept by lib/harness.mjs),
// never for a length of time.

/** Waits for `fn(arg)` to be true in the page; on timeout, says what was awaited. */
async function until(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: 30000 });
  } catch (e) {
    throw new Error(`${what}: ${e.message.split('\n')[0]}`);
  }
}

/** After the page's next animation frame: any focus move the widget put off to a frame has run. */
const nextFrame = (page) => page.evaluate(() => new Promise((r) => { requestAnimationFrame(() => r()); }));

/**
 * Waits until the current step of the widget holding focus has arrived: its
 * h1 (or error summary) took focus and is still on the page, and no focus
 * move is pending. Then Tab starts from where the resident would be.
 */
async function settled(page) {
  await until(page, () => {
    const a = window.__prArrived.el;
    return a?.isConnected === true && __prWidget()?.contains(a) === true;
  }, null, 'the step\'s heading never took focus (open the page with fresh(), or focus the heading first)');
  await nextFrame(page);
}

/** Ticks a checkbox (Space) or chooses a radio (arrow keys, or Space on the first). */
export async function check(page, label) {
  await settled(page);
  const target = page.getByLabel(label, { exact: true });
  const { type, group } = await target.evaluate((el) => ({
    type: el.type, group: el.closest('fieldset')?.querySelector(':scope > legend')?.textContent.replace(/\s+/g, ' ').trim(),
  }));
  if (type === 'checkbox') {
    const f = await tabTo(page, (x) => x.name === label && x.tag === 'input', { here: true });
    if (!f.checked) await page.keyboard.press('Space');
  } else {
    // Tab enters the group once, on its checked radio or its first.
    await tabTo(page, (f) => f.kind.startsWith('input[radio]') && f.group === group, { here: true });
    for (let i = 0; i < 20; i++) {
      const f = await focused(page);
      if (f.name === label) { if (!f.checked) await page.keyboard.press('Space'); break; }
      await page.keyboard.press('ArrowDown');
    }
  }
  assert.equal(await target.isChecked(), true, `"${label}" chosen with the keyboard`);
}

/** Tabs to an empty text box and types. */
export async function fill(page, label, value) {
  await settled(page);
  await tabTo(page, (f) => f.name === label && ['input', 'textarea'].includes(f.tag), { here: true });
  assert.equal(await page.evaluate(() => __prActive().value), '', `"${label}" starts empty`);
  await page.keyboard.type(value);
}

/**
 * Tabs to the button (backwards with `back`), presses Enter, and waits for
 * where it leads: a step's h1 (the next one, the first after "Clear my
 * answers", or the same one in another language) or the error summary has
 * taken focus since, and still holds it.
 */
export async function press(page, button, { back = false } = {}) {
  await nextFrame(page);
  const before = await page.evaluate(() => window.__prArrived.count);
  await tabTo(page, button, { back });
  await page.keyboard.press('Enter');
  await until(page, (n) => window.__prArrived.count > n && __prActive() === window.__prArrived.el, before,
    `after pressing "${button}", no step heading or error summary took focus`);
}
export const cont = (page) => press(page, 'Continue');

/** Fills a GOV.UK date input inside the fieldset named `legend`. */
export async function fillDate(page, legend, d, m, y) {
  await settled(page);
  const lang = await page.evaluate(() => __prWidget().getAttribute('lang'));
  const names = ['date.day', 'date.month', 'date.year'].map((k) => t(k, {}, lang));
  for (const [part, v] of [[names[0], d], [names[1], m], [names[2], y]]) {
    await tabTo(page, (f) => f.name === part && f.tag === 'input' && f.group === legend, { here: true });
    await page.keyboard.type(v);
  }
}

/**
 * Runs one step. `heading` is the h1 expected to hold focus; `required`
 * says an empty Continue must show errors (checked before `answer` runs).
 */
export async function step(page, name, { heading, required = false, answer, button }) {
  assert.equal(await focusedHeading(page), heading, `${name}: heading`);
  // The words of the language the widget is in.
  const lang = await page.evaluate(() => __prWidget().getAttribute('lang'));
  if (button === undefined) button = t('button.continue', {}, lang);
  assert.deepEqual(await axe(page), [], `${name}: axe`);
  // Each hint once: a page's hint is not repeated as its field's.
  const hints = await page.locator('.putright .pr-hint[id$="-hint"]').allInnerTexts();
  assert.deepEqual(hints.filter((h, i) => hints.indexOf(h) !== i), [], `${name}: a hint shown twice`);
  await snap(page, name);
  await checkStep(page, name, 'normal');
  if (required) {
    await press(page, button);
    const summary = page.locator('.pr-error-summary');
    await summary.waitFor();
    assert.ok((await summary.innerText()).includes(t('errors.title', {}, lang)), `${name}: error summary`);
    await page.waitForFunction(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.classList.contains('pr-error-summary');
    });
    // Only a widget the landlord lets manage the title (data-manage-title) changes it.
    if (await page.evaluate(() => document.querySelector('[data-putright][data-manage-title]') !== null)) {
      assert.ok((await page.title()).startsWith(t('errors.prefix', {}, lang)), `${name}: title says Error`);
    }
    // Each error in the summary links to a field on the page that shows the same message.
    const links = await summary.locator('a').all();
    assert.ok(links.length > 0, `${name}: summary has links`);
    for (const link of links) {
      const target = (await link.getAttribute('href')).slice(1);
      assert.equal(await page.locator(`[id="${target}"]`).count(), 1, `${name}: link target ${target} exists`);
      const beside = page.locator(`[id="${target}-error"]`);
      assert.equal(await beside.count(), 1, `${name}: ${target} has its own message`);
      // The same words in both places (the representative's wording too).
      const said = (await link.innerText()).trim();
      assert.ok((await beside.innerText()).includes(said), `${name}: ${target} says "${said}" beside the field`);
    }
    assert.deepEqual(await axe(page), [], `${name}: axe in error state`);
    await snap(page, `${name}-error`);
    await checkStep(page, `${name}-error`, 'error');
  }
  if (answer) await answer(page);
  if (button) await press(page, button);
}

/** The "about you" pages, asked once per journey (from the catalogue's words). */
export async function aboutYou(page, prefix, { who = 'your', from = 'name', locale = 'en-GB' } = {}) {
  const rep = who === 'resident';
  const o = { rep, locale };
  if (from === 'name') await step(page, `${prefix}-name`, {
    heading: label('name', o), required: true, answer: (p) => fill(p, label('name', o), 'Sam Resident'),
  });
  await step(page, `${prefix}-address`, {
    heading: title('address', o), required: true,
    answer: async (p) => { await fill(p, label('address', { locale }), 'Flat 2, 10 Example Road'); await fill(p, label('postcode', { locale }), 'ex1 1aa'); },
  });
  await step(page, `${prefix}-contact`, {
    heading: title('contact', o), required: true,
    answer: async (p) => {
      await fill(p, label('phone', { optional: true, locale }), '07700 900 982');
      await fill(p, label('email', { optional: true, locale }), 'sam@example.com');
    },
  });
  await step(page, `${prefix}-contact-prefs`, {
    heading: label('contact_method', o), required: true, answer: (p) => check(p, t('contact_method.text', {}, locale)),
  });
}

/** Sends from the check page and returns the reference shown. */
export async function sendAndConfirm(page, prefix, title, locale = 'en-GB') {
  await step(page, `${prefix}-check`, { heading: t('check.title', {}, locale), button: t('button.send', {}, locale) });
  assert.equal(await focusedHeading(page), title, `${prefix}: confirmation heading`);
  const reference = (await page.locator('.pr-reference').innerText()).trim();
  assert.deepEqual(await axe(page), [], `${prefix}: axe on confirmation`);
  await snap(page, `${prefix}-confirmation`);
  await checkStep(page, `${prefix}-confirmation`, 'normal');
  return reference;
}

/** Opens the demo page with nothing remembered, at the first question. */
export async function fresh(page, url, locale = 'en-GB') {
  await page.goto(url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await press(page, t('toolbar.clear', {}, locale));
  assert.equal(await focusedHeading(page), label('hazards', { locale }));
}

/**
 * The shortest journey, a request for support (large print), from a fresh
 * start to "Check your answers". The one place to change when the questions
 * change: the delivery, status and first-run tests all start with it.
 */
export async function shortJourney(page, url, { name, email }) {
  await fresh(page, url);
  await check(page, 'None of these'); await cont(page);
  await check(page, 'Ask us to change how we contact or support you'); await cont(page);
  await check(page, 'Large print'); await cont(page);
  await cont(page); // disability: optional
  await fill(page, 'What is your full name?', name); await cont(page);
  await fill(page, 'Address line 1', '1 Test Street'); await fill(page, 'Postcode', 'EX1 1AA'); await cont(page);
  await fill(page, 'Email address (optional)', email); await cont(page);
  await check(page, 'Email'); await cont(page);
  assert.equal(await focusedHeading(page), 'Check your answers');
}
