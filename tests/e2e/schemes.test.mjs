// The four nations: a landlord in Wales, Scotland or Northern Ireland gets
// its own scheme's deadlines and ombudsman, not England's. For each, a
// complaint and then a stage 2 request, from the demo page's ?scheme= view;
// the confirmation's dates and ombudsman match the stored payload, which
// names the scheme and each date's rule and validates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, schemaErrors, focusedHeading } from './lib/harness.mjs';
import { check, fill, fillDate, cont, fresh, press, aboutYou, longDate } from './lib/journey.mjs';
import { t, label } from './lib/text.mjs';

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

const SCHEMES = [
  { scheme: 'wales-psow', ombudsman: 'Public Services Ombudsman for Wales', phone: '0300 790 0203', rule: /PSOW/, months: 12, direct: false },
  { scheme: 'scotland-spso', ombudsman: 'Scottish Public Services Ombudsman', phone: '0800 377 7330', rule: /SPSO/, months: 12, direct: true },
  { scheme: 'northern-ireland-nipso', ombudsman: 'Northern Ireland Public Services Ombudsman', phone: '0800 343424', rule: /NIPSO/, months: 6, direct: true },
];

async function sent(page) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.pr-reference').waitFor({ timeout: 60000 });
  const reference = (await page.locator('.pr-reference').innerText()).trim();
  const mine = (await receiver.submissions()).filter((s) => s.reference === reference);
  assert.equal(mine.length, 1);
  assert.deepEqual(schemaErrors(mine[0].submission), []);
  return mine[0].submission;
}

/** The confirmation shows every date the payload promises, and the scheme's ombudsman. */
async function confirmationMatches(page, payload, s) {
  const shown = await page.locator('.putright').innerText();
  for (const d of payload.expected_dates.filter((x) => !x.event.endsWith('_extension_limit'))) {
    assert.ok(shown.includes(longDate(d.due)), `${s.scheme}: confirmation shows ${d.event} ${d.due}`);
  }
  assert.ok(shown.includes(s.ombudsman), `${s.scheme}: names ${s.ombudsman}`);
  assert.ok(shown.includes(s.phone), `${s.scheme}: gives ${s.phone}`);
  assert.ok(!shown.includes('Housing Ombudsman'), `${s.scheme}: not England's ombudsman`);
  assert.ok(shown.includes(`only if you bring it within ${s.months} months`), `${s.scheme}: the ombudsman's time limit`);
  assert.equal(payload.scheme, s.scheme);
  for (const d of payload.expected_dates) assert.match(d.rule, s.rule, `${s.scheme}: ${d.event} names the scheme's rule`);
}

for (const s of SCHEMES) {
  test(`${s.scheme}: a complaint, then a stage 2 request, with that scheme's dates and ombudsman`, async () => {
    const { page } = browser;
    await fresh(page, `${site.url}/?scheme=${s.scheme}`);
    await check(page, 'None of these'); await cont(page);
    // Straight to stage 2: SPSO and NIPSO allow it; Wales's model policy does not say so.
    assert.equal((await page.locator('.putright').innerText()).includes('straight away'), s.direct, `${s.scheme}: straight to stage 2`);
    // Awaab's Law is England's: the emergency advice never mentions it here.
    await check(page, 'Tell us something has gone wrong or you are unhappy'); await cont(page);
    await check(page, 'Yes, I have told you before'); await cont(page);
    await fill(page, label('what_went_wrong'), 'The heating has failed three times this winter.'); await cont(page);
    await fillDate(page, label('started'), '2', '11', '2026'); await cont(page);
    await cont(page); // found out: optional
    await check(page, 'No'); await cont(page); // court
    await cont(page); // tried: optional
    await fill(page, label('impact'), 'The children are cold.'); await cont(page);
    await check(page, 'A repair or other work done'); await cont(page);
    await check(page, 'No'); await cont(page); // someone to act for you
    await check(page, 'No'); await cont(page); // support
    await aboutYou(page, `scheme-${s.scheme}`);
    assert.equal(await focusedHeading(page), t('check.title'));
    const complaint = await sent(page);
    assert.equal(complaint.kind, 'complaint');
    await confirmationMatches(page, complaint, s);

    // Then stage 2, from "Do something else": who they are is not asked again.
    await press(page, 'Do something else');
    await check(page, 'None of these'); await cont(page);
    await check(page, 'Take your complaint to the next stage'); await cont(page);
    await fill(page, label('s2_reference', { optional: true }), complaint.id.slice(0, 8)); await cont(page);
    const d = new Date(Date.now() - 5 * 864e5);
    await fillDate(page, label('s2_response', { optional: true }), String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())); await cont(page);
    await cont(page); // reasons: optional (every scheme)
    await check(page, 'No'); await cont(page);
    await check(page, 'No'); await cont(page);
    assert.equal(await focusedHeading(page), t('check.title'));
    const escalation = await sent(page);
    assert.equal(escalation.kind, 'stage2_escalation');
    await confirmationMatches(page, escalation, s);
    assert.ok(escalation.expected_dates.some((x) => x.event === 'stage2_respond'));
  });
}
