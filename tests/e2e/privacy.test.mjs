// Personal data handled as a resident and a data-protection officer would
// expect: the privacy notice before the first personal question, explicit
// consent for disability details, drafts that expire and are never shown
// silently, an outbox that gives up visibly, a pending send that follows
// the landlord's current endpoint, and answers locked once sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, startReceiver, schemaErrors, focusedHeading } from './lib/harness.mjs';
import { check, fill, cont, fresh, press, aboutYou, shortJourney } from './lib/journey.mjs';
import { t, label } from './lib/text.mjs';

let receiver, other, site, browser;
const DAY = 86_400_000;
const DRAFT = 'putright:example-homes:draft';
const OUTBOX = 'putright:example-homes:outbox:';

before(async () => {
  ({ receiver, site, browser } = await openDemo());
  other = await startReceiver(); // the endpoint the landlord moves to
});

after(async () => {
  await closeDemo({ receiver, site, browser });
  await other?.stop();
});

const text = (page) => page.locator('.putright').innerText();
const confirmed = async (page) => { await page.locator('.pr-reference').waitFor({ timeout: 60000 }); return (await page.locator('.pr-reference').innerText()).trim(); };
const stored = async (r, reference) => (await r.submissions()).filter((s) => s.reference === reference);

test('the privacy notice and its link come before the first personal question, with the policies where they help', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await check(page, 'None of these'); await cont(page);
  // "What do you want to do?" is the last page before anything personal is asked.
  assert.equal(await focusedHeading(page), 'What do you want to do?');
  assert.match(await text(page), /Example Homes will get the answers you give here/);
  const privacy = page.getByRole('link', { name: 'How Example Homes uses your information (privacy notice) (opens in a new tab)' });
  assert.equal(await privacy.getAttribute('href'), 'https://example.com/privacy');
  assert.equal(await privacy.getAttribute('target'), '_blank');
  assert.equal(await page.getByRole('link', { name: /complaints policy/ }).getAttribute('href'), 'https://example.com/complaints-policy');
  await check(page, 'Ask us to change how we contact or support you'); await cont(page);
  assert.equal(await page.getByRole('link', { name: /reasonable adjustments policy/ }).getAttribute('href'), 'https://example.com/reasonable-adjustments');
});

test('disability details are recorded only with the resident\'s explicit yes', async () => {
  const { page } = browser;
  for (const [answer, want] of [['Yes', true], ['No', false]]) {
    await fresh(page, site.url);
    await check(page, 'None of these'); await cont(page);
    await check(page, 'Ask us to change how we contact or support you'); await cont(page);
    await check(page, 'Large print'); await cont(page);
    await fill(page, label('adj_disability', { optional: true }), 'I have low vision.');
    // The question appears with the details, and must be answered.
    await page.getByRole('group', { name: label('adj_consent') }).waitFor();
    await check(page, answer); await cont(page);
    await aboutYou(page, `privacy-consent-${answer}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const [s] = await stored(receiver, await confirmed(page));
    assert.deepEqual(schemaErrors(s.submission), []);
    const d = s.submission.adjustments.disability;
    if (want) assert.deepEqual(d, { details: 'I have low vision.', consent_to_record: true });
    else assert.equal(d, null, 'not recorded without consent');
  }
});

test('a recent draft is shown only after "Continue"; an old one is not restored', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await check(page, 'I have no water'); await cont(page);
  await press(page, 'Continue to the form'); // after the emergency advice
  await check(page, 'Tell us something has gone wrong or you are unhappy');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  assert.doesNotMatch(await text(page), /I have no water|Tell us something/, 'no answer shown before Continue');
  await press(page, 'Continue');
  assert.equal(await focusedHeading(page), 'What do you want to do?');
  assert.equal(await page.getByLabel('Tell us something has gone wrong or you are unhappy').isChecked(), true);
  // The draft is written once the page is drawn: wait for it to be at this
  // page, then make it look saved 8 days ago, older than the landlord keeps
  // drafts (7 days by default).
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || '{}').page === 'task', DRAFT);
  await page.evaluate(([k, age]) => { const d = JSON.parse(localStorage.getItem(k)); d.saved_ms = Date.now() - age; localStorage.setItem(k, JSON.stringify(d)); }, [DRAFT, 8 * DAY]);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: label('hazards') }).waitFor();
  assert.equal(await page.getByLabel('I have no water', { exact: true }).isChecked(), false);
  assert.equal(((await page.evaluate((k) => localStorage.getItem(k), DRAFT)) || '').includes('no_water'), false, 'removed from the device');
  assert.equal((await page.locator('[role="status"]').innerText()).trim(), t('status.draft_expired', { count: 7 }));
});

test('a send older than the landlord keeps trying is shown as not sent, with how to reach them, until removed', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await page.evaluate(([prefix, age]) => {
    localStorage.setItem(`${prefix}old-1`, JSON.stringify({
      id: '0a6f1f0e-8a57-4b8e-9a51-0d2a8f3d6c11', url: 'http://127.0.0.1:9/submissions', content_type: 'application/json',
      body: '{}', timeout_ms: 1000, reference_field: 'reference', created_ms: Date.now() - age,
    }));
  }, [OUTBOX, 31 * DAY]);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await page.reload();
  const box = page.locator('.pr-warning[role="alert"]');
  await box.waitFor();
  assert.match(await box.innerText(), /has not reached us, and we have stopped trying/);
  assert.equal(await box.getByRole('link', { name: '0808 157 0192' }).getAttribute('href'), 'tel:08081570192');
  assert.deepEqual(posts, [], 'it does not try again');
  assert.ok(await page.evaluate((k) => localStorage.getItem(k) !== null, `${OUTBOX}0a6f1f0e-8a57-4b8e-9a51-0d2a8f3d6c11`), 'kept, not deleted silently');
  await box.getByRole('button', { name: 'I have contacted you: remove this' }).click();
  await box.waitFor({ state: 'detached' });
  assert.ok(await page.evaluate((k) => localStorage.getItem(k) === null, `${OUTBOX}0a6f1f0e-8a57-4b8e-9a51-0d2a8f3d6c11`));
});

test('a pending send goes to the landlord\'s current endpoint after its config changes', async () => {
  const { page } = browser;
  const who = 'Pat Moved-Endpoint';
  await page.route('**/submissions', (route) => route.abort('connectionrefused'));
  await shortJourney(page, site.url, { name: who, email: 'pat@example.com' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.pr-warning').filter({ hasText: 'Not sent yet' }).waitFor({ timeout: 30000 });
  // The landlord moves its endpoint; the resident comes back later.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.route('**/config/example-homes.json', async (route) => {
    const res = await route.fetch();
    const c = await res.json();
    c.endpoint.url = `${other.url}/submissions`;
    await route.fulfill({ response: res, json: c });
  });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const reference = await confirmed(page);
  assert.equal((await stored(other, reference)).length, 1, 'delivered to the new endpoint');
  assert.equal((await receiver.submissions()).filter((s) => s.submission.resident.name === who).length, 0, 'never to the old one');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('once sent, the answers are locked, and the saved copy is what the landlord received', async () => {
  const { page } = browser;
  const who = 'Lee Locked-Answers';
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/submissions', async (route) => { await held; await route.continue(); });
  await shortJourney(page, site.url, { name: who, email: 'lee@example.com' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(t('check.locked')).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Change/ }).count(), 0, 'no Change links while it is being sent');
  assert.equal(await page.locator('.pr-back').count(), 0, 'no way back into the answers');
  release();
  const reference = await confirmed(page);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const [s] = await stored(receiver, reference);
  const link = page.getByRole('link', { name: 'Download a copy of what you sent (text file)' });
  const copy = decodeURIComponent((await link.getAttribute('href')).replace(/^data:text\/plain;charset=utf-8,/, ''));
  const sub = s.submission;
  for (const sent of [sub.resident.name, sub.resident.email, sub.resident.postcode, sub.resident.address_lines[0], reference]) {
    assert.ok(copy.includes(sent), `the copy holds "${sent}" as sent`);
  }
  assert.ok(copy.includes('Large print') && sub.adjustments.formats.includes('large_print'));
});
