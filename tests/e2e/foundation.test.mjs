// The foundation: the widget mounts into the landlord's page, a resident can
// complete a journey that reaches the real receiver, and axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, axe, schemaErrors, snap, focusedHeading, activeHasClass, widgetReady } from './lib/harness.mjs';

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
}

async function next(page) {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

test('the widget mounts inside the landlord page, not over it', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  // Mounted inside the host element, with the landlord's page still around it.
  assert.equal(await page.locator('[data-putright] .putright').count(), 1);
  assert.equal(await page.locator('.eh-header').count(), 1);
  assert.equal(await page.locator('.putright-fallback').count(), 0, 'the loading placeholder is replaced');
  assert.deepEqual(await axe(page), []);
  await snap(page, 'foundation-01-emergency-check');
});

test('an empty Continue shows the error summary, focused, and keeps the page', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  await next(page);
  const summary = page.locator('.pr-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /There is a problem/);
  assert.equal(await activeHasClass(page, 'pr-error-summary'), true);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await axe(page), []);
  await snap(page, 'foundation-02-error');
});

test('asking for adjustments reaches the receiver, which stores a valid payload', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  await choose(page, 'None of these');
  await next(page);
  assert.equal(await focusedHeading(page), 'What do you want to do?');
  await choose(page, 'Ask us to change how we contact or support you');
  await next(page);
  assert.equal(await focusedHeading(page), 'What would help you?');
  await choose(page, 'Large print');
  await choose(page, 'An interpreter, including British Sign Language (BSL)');
  await next(page);
  await page.getByLabel('Which language do you need?').fill('British Sign Language');
  await next(page);
  assert.match(await focusedHeading(page), /disability or health condition/);
  await next(page);
  await page.getByLabel('What is your full name?').fill('Sam Resident');
  await next(page);
  await page.getByLabel('Address line 1').fill('Flat 2, 10 Example Road');
  await page.getByLabel('Postcode').fill('sw1a 1aa');
  await next(page);
  await page.getByLabel('Email address (optional)').fill('sam@example.com');
  await next(page);
  await choose(page, 'Email');
  await next(page);
  assert.equal(await focusedHeading(page), 'Check your answers');
  assert.deepEqual(await axe(page), []);
  await snap(page, 'foundation-03-check');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const panel = page.locator('.pr-panel .pr-reference');
  await panel.waitFor({ timeout: 20000 });
  const shown = (await panel.innerText()).trim();

  const stored = await receiver.submissions();
  assert.equal(stored.length, 1, 'stored exactly once');
  assert.equal(stored[0].reference, shown, 'the page shows the receiver\'s reference');
  const payload = stored[0].submission;
  assert.deepEqual(schemaErrors(payload), []);
  assert.equal(payload.kind, 'adjustments_request');
  assert.equal(payload.resident.name, 'Sam Resident');
  assert.equal(payload.resident.postcode, 'SW1A 1AA');
  assert.deepEqual(await axe(page), []);
  await snap(page, 'foundation-04-confirmation');
});
