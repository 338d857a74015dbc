// Drives the widget as a resident would, by role and label, checking each
// step on the way: its heading takes focus, axe finds nothing, and (where the
// page has required answers) an empty Continue shows the error summary.
import assert from 'node:assert/strict';
import { axe, snap, focusedHeading } from './harness.mjs';
import { checkStep } from './a11y.mjs';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2026-11-30" as "Monday 30 November 2026". */
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m - 1]} ${y}`;
}

export const check = (page, label) => page.getByLabel(label, { exact: true }).check();
export const fill = (page, label, value) => page.getByLabel(label, { exact: true }).fill(value);
export const cont = (page) => page.getByRole('button', { name: 'Continue', exact: true }).click();

/** Fills a GOV.UK date input inside the fieldset named `legend`. */
export async function fillDate(page, legend, d, m, y) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day', { exact: true }).fill(d);
  await group.getByLabel('Month', { exact: true }).fill(m);
  await group.getByLabel('Year', { exact: true }).fill(y);
}

/**
 * Runs one step. `heading` is the h1 expected to hold focus; `required`
 * says an empty Continue must show errors (checked before `answer` runs).
 */
export async function step(page, name, { heading, required = false, answer, button = 'Continue' }) {
  assert.equal(await focusedHeading(page), heading, `${name}: heading`);
  assert.deepEqual(await axe(page), [], `${name}: axe`);
  await snap(page, name);
  await checkStep(page, name, 'normal');
  if (required) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const summary = page.locator('.pr-error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /There is a problem/, `${name}: error summary`);
    await page.waitForFunction(() => document.activeElement?.classList.contains('pr-error-summary'));
    assert.match(await page.title(), /^Error: /, `${name}: title says Error`);
    // Each error in the summary links to a field on the page that shows the same message.
    const links = await summary.locator('a').all();
    assert.ok(links.length > 0, `${name}: summary has links`);
    for (const link of links) {
      const target = (await link.getAttribute('href')).slice(1);
      assert.equal(await page.locator(`[id="${target}"]`).count(), 1, `${name}: link target ${target} exists`);
      assert.equal(await page.locator(`[id="${target}-error"]`).count(), 1, `${name}: ${target} has its own message`);
    }
    assert.deepEqual(await axe(page), [], `${name}: axe in error state`);
    await snap(page, `${name}-error`);
    await checkStep(page, `${name}-error`, 'error');
  }
  if (answer) await answer(page);
  if (button) await page.getByRole('button', { name: button, exact: true }).click();
}

/** The "about you" pages, asked once per journey. */
export async function aboutYou(page, prefix, { who = 'your' } = {}) {
  const resident = who === 'resident';
  await step(page, `${prefix}-name`, {
    heading: resident ? "What is the resident's full name?" : 'What is your full name?', required: true,
    answer: (p) => fill(p, resident ? "What is the resident's full name?" : 'What is your full name?', 'Sam Resident'),
  });
  await step(page, `${prefix}-address`, {
    heading: resident ? "What is the resident's address?" : 'What is your address?', required: true,
    answer: async (p) => { await fill(p, 'Address line 1', 'Flat 2, 10 Example Road'); await fill(p, 'Postcode', 'ex1 1aa'); },
  });
  await step(page, `${prefix}-contact`, {
    heading: resident ? 'How can we contact the resident?' : 'How can we contact you?', required: true,
    answer: async (p) => { await fill(p, 'Phone number (optional)', '07700 900 982'); await fill(p, 'Email address (optional)', 'sam@example.com'); },
  });
  await step(page, `${prefix}-contact-prefs`, {
    heading: 'How should we contact you about this?', required: true,
    answer: (p) => check(p, 'Text message'),
  });
}

/** Sends from the check page and returns the reference shown. */
export async function sendAndConfirm(page, prefix, title) {
  await step(page, `${prefix}-check`, { heading: 'Check your answers', button: 'Send' });
  assert.equal(await focusedHeading(page), title, `${prefix}: confirmation heading`);
  const reference = (await page.locator('.pr-reference').innerText()).trim();
  assert.deepEqual(await axe(page), [], `${prefix}: axe on confirmation`);
  await snap(page, `${prefix}-confirmation`);
  await checkStep(page, `${prefix}-confirmation`, 'normal');
  return reference;
}

/** Opens the demo page with nothing remembered, at the first question. */
export async function fresh(page, url) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  await page.evaluate(() => document.querySelector('.putright h1').focus());
}
