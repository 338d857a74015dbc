// Every journey, end to end, as a resident would do it. Each step is checked
// for focus, axe violations and (where it asks for answers) its error state,
// and each stored payload is checked against the JSON Schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, schemaErrors, focusedHeading, axe, snap, uncaughtErrors } from './lib/harness.mjs';
import { step, check, cont, fill, fillDate, aboutYou, sendAndConfirm, fresh, longDate, press, shortJourney } from './lib/journey.mjs';
import { label, title, t } from './lib/text.mjs';

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

/** The one stored submission with this reference, checked against the schema. */
async function stored(reference) {
  const all = await receiver.submissions();
  const mine = all.filter((s) => s.reference === reference);
  assert.equal(mine.length, 1, `exactly one submission stored as ${reference}`);
  assert.deepEqual(schemaErrors(mine[0].submission), [], 'payload matches the JSON Schema');
  return mine[0].submission;
}

const start = (p, choice, prefix) => step(p, `${prefix}-start`, {
  heading: label('task'), required: true, answer: (pg) => check(pg, choice),
});
const noHazards = (p, prefix) => step(p, `${prefix}-hazards`, {
  heading: label('hazards'), required: true, answer: (pg) => check(pg, 'None of these'),
});
// The demo takes files: photos and documents are offered, and optional.
const noEvidence = (p, prefix) => step(p, `${prefix}-evidence`, { heading: label('evidence', { optional: true }) });
const noRepNoAdjustments = async (p, prefix) => {
  await step(p, `${prefix}-want-rep`, { heading: label('want_rep'), required: true, answer: (pg) => check(pg, 'No') });
  await step(p, `${prefix}-want-adjustments`, { heading: label('want_adjustments'), required: true, answer: (pg) => check(pg, 'No') });
};

test('emergency: a hazard shows the emergency number first, then the form', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await step(page, 'emergency-hazards', {
    heading: label('hazards'),
    answer: (p) => check(p, 'I can smell gas'),
  });
  assert.equal(await focusedHeading(page), 'Call us now');
  const tel = page.locator('.pr-emergency a[href^="tel:"]');
  assert.equal(await tel.getAttribute('href'), 'tel:08081570999');
  assert.match(await page.locator('.putright').innerText(), /0800 111 999/);
  assert.match(await page.locator('.putright').innerText(), /within 24 hours/);
  await step(page, 'emergency-advice', { heading: title('emergency_advice'), button: 'Continue to the form' });
  assert.equal(await focusedHeading(page), 'What do you want to do?');
});

test('complaint: a problem reported before becomes a complaint with real dates', async () => {
  const { page } = browser;
  const p = 'complaint';
  const from = browser.consoleMessages.length;
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Tell us something has gone wrong or you are unhappy', p);
  await step(page, `${p}-reported-before`, { heading: label('reported_before'), required: true, answer: (pg) => check(pg, 'Yes, I have told you before') });
  await step(page, `${p}-what`, { heading: label('what_went_wrong'), required: true, answer: (pg) => fill(pg, label('what_went_wrong'), 'The boiler repair was booked three times and nobody came.') });
  await step(page, `${p}-started`, { heading: label('started'), required: true, answer: async (pg) => {
    // Day and month only: the year alone is marked (the GOV.UK date input).
    await fillDate(pg, label('started'), '2', '9', '');
    await press(pg, 'Continue');
    const marked = await pg.locator('.putright .pr-date input').evaluateAll((els) => els.map((e) => e.classList.contains('pr-input--error')));
    assert.deepEqual(marked, [false, false, true], 'only the year is marked');
    await fillDate(pg, label('started'), '', '', '2026');
  } });
  await step(page, `${p}-aware`, { heading: label('aware', { optional: true }) });
  await step(page, `${p}-court`, { heading: label('court'), required: true, answer: (pg) => check(pg, 'No') });
  await step(page, `${p}-tried`, { heading: title('tried'), answer: async (pg) => {
    await fill(pg, label('tried', { optional: true }), 'I phoned three times.');
    await fill(pg, label('tried_reference', { optional: true }), 'JOB-4471');
  } });
  await step(page, `${p}-impact`, { heading: label('impact'), required: true, answer: (pg) => fill(pg, label('impact'), 'No hot water for weeks.') });
  await step(page, `${p}-outcome`, { heading: label('outcomes'), required: true, answer: async (pg) => {
    await check(pg, 'A repair or other work done');
    await check(pg, 'Compensation (money)');
    await fill(pg, label('compensation_amount', { optional: true }), '150');
  } });
  await noEvidence(page, p);
  await noRepNoAdjustments(page, p);
  await aboutYou(page, p);
  const reference = await sendAndConfirm(page, p, 'Your complaint has been sent');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'complaint');
  assert.equal(payload.complaint.what_went_wrong, 'The boiler repair was booked three times and nobody came.');
  assert.equal(payload.complaint.started_on, '2026-09-02');
  assert.equal(payload.complaint.outcomes.compensation_amount_pence, 15000);
  assert.equal(payload.resident.postcode, 'EX1 1AA');
  assert.equal(payload.resident.preferred_contact, 'text');
  // What happens next, with the same dates the landlord received.
  const text = await page.locator('.putright').innerText();
  for (const event of ['stage1_acknowledge', 'stage1_respond']) {
    const due = payload.expected_dates.find((d) => d.event === event).due;
    assert.ok(text.includes(longDate(due)), `confirmation shows ${event} ${longDate(due)}`);
  }
  assert.match(text, /0300 111 3000/, 'the Ombudsman\'s details are shown');
  // Nothing the widget runs (now or after a step is drawn) throws.
  assert.deepEqual(uncaughtErrors(browser, from), [], 'uncaught errors in the page');
});

test('first report: offered the choice, stays a service request with an honest note', async () => {
  const { page } = browser;
  const p = 'service-request';
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Tell us something has gone wrong or you are unhappy', p);
  await step(page, `${p}-reported-before`, { heading: label('reported_before'), required: true, answer: (pg) => check(pg, 'No, this is the first time') });
  assert.match(await page.locator('.putright').innerText(), /You can still make a complaint now/);
  await step(page, `${p}-choice`, { heading: label('first_report_choice'), required: true, answer: (pg) => check(pg, 'Ask us to put it right') });
  assert.match(await page.locator('.putright').innerText(), /not a complaint/);
  await step(page, `${p}-what`, { heading: label('request_what'), required: true, answer: (pg) => fill(pg, label('request_what'), 'The kitchen tap leaks.') });
  await step(page, `${p}-where`, { heading: label('request_where'), required: true, answer: (pg) => fill(pg, label('request_where'), 'Kitchen') });
  await step(page, `${p}-urgency`, { heading: label('request_urgency'), required: true, answer: (pg) => check(pg, 'It can wait for a normal appointment') });
  await step(page, `${p}-access`, { heading: label('request_access', { optional: true }), answer: (pg) => fill(pg, label('request_access', { optional: true }), 'Weekday mornings') });
  await noEvidence(page, p);
  await noRepNoAdjustments(page, p);
  await aboutYou(page, p);
  const reference = await sendAndConfirm(page, p, 'Your request has been sent');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'service_request');
  assert.equal(payload.service_request.what_needs_doing, 'The kitchen tap leaks.');
  assert.equal(payload.service_request.complaint_offered, true);
  assert.match(await page.locator('.putright').innerText(), /you can make a complaint at any time/);
});

test('representative: filled in by the representative, with permission to follow', async () => {
  const { page } = browser;
  const p = 'representative';
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Let someone deal with us for you', p);
  await step(page, `${p}-filler`, { heading: label('filler'), required: true, answer: (pg) => check(pg, 'I am filling this in for the resident') });
  await step(page, `${p}-name`, { heading: label('rep_name', { rep: true }), required: true, answer: (pg) => fill(pg, label('rep_name', { rep: true }), 'Alex Advocate') });
  await step(page, `${p}-relationship`, { heading: label('rep_relationship', { rep: true }), required: true, answer: (pg) => check(pg, 'An advocate or support worker') });
  await step(page, `${p}-rep-contact`, { heading: title('rep_contact', { rep: true }), required: true, answer: (pg) => fill(pg, label('rep_email', { optional: true }), 'alex@advocacy.example') });
  await step(page, `${p}-powers`, { heading: label('rep_powers', { rep: true }), required: true, answer: (pg) => check(pg, 'Deal with us for the resident') });
  await step(page, `${p}-consent`, { heading: label('rep_consent'), required: true, answer: (pg) => check(pg, 'The resident will sign a permission form') });
  await aboutYou(page, p, { who: 'resident' });
  const reference = await sendAndConfirm(page, p, 'Your representative details have been sent');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'representative_authority');
  assert.equal(payload.representative.name, 'Alex Advocate');
  assert.equal(payload.representative.role, 'advocate_or_support_worker');
  assert.equal(payload.representative.submitted_by_representative, true);
  assert.equal(payload.resident.name, 'Sam Resident');
});

test('adjustments: BSL interpreter, contact times and a disclosure, all optional where they should be', async () => {
  const { page } = browser;
  const p = 'adjustments';
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Ask us to change how we contact or support you', p);
  await step(page, `${p}-needs`, { heading: label('adj_needs'), required: true, answer: async (pg) => {
    await check(pg, 'An interpreter, including British Sign Language (BSL)');
    await check(pg, 'Contact only at certain times');
  } });
  await step(page, `${p}-details`, { heading: title('adj_details'), required: true, answer: async (pg) => {
    await fill(pg, label('adj_language'), 'British Sign Language');
    await fill(pg, label('adj_times'), 'Weekday afternoons');
  } });
  await step(page, `${p}-disability`, { heading: label('adj_disability', { optional: true }) });
  await aboutYou(page, p);
  const reference = await sendAndConfirm(page, p, 'Your request for support has been sent');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'adjustments_request');
  assert.equal(payload.adjustments.interpreter, 'british_sign_language');
  assert.equal(payload.adjustments.contact_times, 'Weekday afternoons');
  assert.equal(payload.adjustments.disability, null, 'nothing disclosed when left empty');
});

test('stage 2: reasons are optional and the dates to expect are shown', async () => {
  const { page } = browser;
  const p = 'stage2';
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Take your complaint to the next stage', p);
  await step(page, `${p}-reference`, { heading: label('s2_reference', { optional: true }), answer: (pg) => fill(pg, label('s2_reference', { optional: true }), 'CMP-1234') });
  const d = new Date(Date.now() - 10 * 864e5);
  await step(page, `${p}-response-date`, { heading: label('s2_response', { optional: true }), answer: (pg) =>
    fillDate(pg, label('s2_response', { optional: true }), String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())) });
  assert.match(await page.locator('.putright').innerText(), /You are in time/);
  await step(page, `${p}-reasons`, { heading: label('s2_reasons', { optional: true }) });
  await noEvidence(page, p);
  await noRepNoAdjustments(page, p);
  await aboutYou(page, p);
  const reference = await sendAndConfirm(page, p, 'Your stage 2 request has been sent');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'stage2_escalation');
  assert.equal(payload.escalation.reasons, null);
  const text = await page.locator('.putright').innerText();
  for (const event of ['stage2_acknowledge', 'stage2_respond']) {
    const due = payload.expected_dates.find((x) => x.event === event).due;
    assert.ok(text.includes(longDate(due)), `confirmation shows ${event}`);
  }
});

test('ombudsman: "is my landlord late?" judged at stage 2, then tell the landlord', async () => {
  const { page } = browser;
  const p = 'ombudsman';
  const ago = (days) => { const d = new Date(Date.now() - days * 864e5); return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())]; };
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Go to the Housing Ombudsman Service', p);
  await step(page, `${p}-position`, { heading: label('omb_position'), required: true, answer: (pg) => check(pg, 'I asked for stage 2 and I am still waiting for the final answer') });
  await step(page, `${p}-reference`, { heading: label('omb_reference', { optional: true }), answer: (pg) => fill(pg, label('omb_reference', { optional: true }), 'CMP-2026-0412') });
  await step(page, `${p}-dates`, { heading: title('omb_dates'), required: true, answer: async (pg) => {
    await fillDate(pg, label('omb_complained'), ...ago(120));
    await fillDate(pg, label('omb_answered', { optional: true }), ...ago(110));
  } });
  // Stage 2 asked for 40 days ago and never acknowledged: late on the stage 2 acknowledgement (Code 6.11).
  await step(page, `${p}-s2-dates`, { heading: title('omb_s2_dates'), required: true, answer: (pg) => fillDate(pg, label('omb_s2_requested'), ...ago(40)) });
  await step(page, `${p}-late`, { heading: 'Your landlord missed a time limit', answer: async (pg) => {
    const late = await pg.locator('.putright').innerText();
    assert.match(late, /should have acknowledged your stage 2 request by .*\(Code 6\.11\)/, late);
    assert.doesNotMatch(late, /should have sent you its stage 1 answer/, 'stage 1 was answered in time');
    // No acknowledgement date given, and the answer came after the deadline to acknowledge (Code 6.2): told as the answer.
    assert.match(late, /should have acknowledged your complaint by .*\(Code 6\.2\)\. You did not give a date for an acknowledgement, and its stage 1 answer came on /, late);
    assert.doesNotMatch(late, /acknowledged your complaint on/, 'no acknowledgement is made up from the answer');
  } });
  await step(page, `${p}-why`, { heading: label('omb_why'), required: true, answer: (pg) => fill(pg, label('omb_why'), 'They never answered my complaint.') });
  await step(page, `${p}-outcome`, { heading: label('omb_outcome'), required: true, answer: (pg) => fill(pg, label('omb_outcome'), 'A repair and an apology.') });
  await step(page, `${p}-tell`, { heading: label('omb_tell'), required: true, answer: (pg) => check(pg, 'Yes') });
  await noEvidence(page, p);
  // A name made only of a zero-width space is no name: refused on its own page.
  await step(page, `${p}-name-invisible`, { heading: label('name'), button: null, answer: (pg) => fill(pg, label('name'), '\u200b') });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.locator('.pr-error-summary').waitFor();
  assert.match(await page.locator('.pr-error-summary').innerText(), /Enter your full name/);
  await page.getByLabel(label('name')).fill('Sam Resident');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await aboutYou(page, p, { from: 'address' });
  const reference = await sendAndConfirm(page, p, 'Your landlord has been told');
  const payload = await stored(reference);
  assert.equal(payload.kind, 'ombudsman_referral');
  assert.equal(payload.ombudsman.why_still_unhappy, 'They never answered my complaint.');
  assert.equal(payload.ombudsman.responses_had, 'stage1');
  assert.equal(payload.ombudsman.tell_landlord, true);
  assert.equal(payload.ombudsman.landlord_reference, 'CMP-2026-0412', "the landlord's reference, for the Ombudsman to find the complaint");
});

/**
 * Waits until the browser is back on the entry the journey started from: the
 * demo page's own (no state) or the widget's first page (depth 0; a reload
 * keeps what an earlier journey left there).
 */
const onStartEntry = (page) => page.waitForFunction(() => history.state === null || history.state.depth === 0, null, { timeout: 15000 });

test('after sending, the browser Back button never reopens the answers to send them twice', async () => {
  const { page } = browser;
  await shortJourney(page, site.url, { name: 'Back Button', email: 'back@example.com' });
  await press(page, 'Send');
  await page.locator('.pr-reference').waitFor();
  const sent = await focusedHeading(page);
  const before = (await receiver.submissions()).length;
  await page.goBack();
  await onStartEntry(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), sent, 'the confirmation stays');
  assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).count(), 0, 'no Send button for what was sent');
  assert.ok(page.url().startsWith(site.url), 'still on the landlord\'s page');
  assert.equal((await receiver.submissions()).length, before, 'nothing sent again');
});

test('after "Clear my answers", one press of Back passes over the earlier resident\'s pages', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await check(page, 'None of these'); await cont(page);
  await check(page, 'Tell us something has gone wrong or you are unhappy'); await cont(page);
  await check(page, 'Yes, I have told you before'); await cont(page);
  assert.notEqual(await focusedHeading(page), label('reported_before'));
  await press(page, 'Clear my answers');
  assert.equal(await focusedHeading(page), label('hazards'));
  await page.goBack();
  await onStartEntry(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), label('hazards'), 'still the first question');
  assert.ok(page.url().startsWith(site.url), 'still on the landlord\'s page');
});

test('answers survive a reload, the browser Back button steps back, and clearing forgets them', async () => {
  const { page } = browser;
  await fresh(page, site.url);
  await check(page, 'None of these');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await check(page, 'Tell us something has gone wrong or you are unhappy');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  assert.equal(await focusedHeading(page), 'Have you told us about this before?');
  assert.match(await page.title(), /^Have you told us about this before\? - Example Homes$/);
  // The step's history entry is added once the step is drawn: Back from it.
  await page.waitForFunction(() => history.state?.depth === 2);
  await page.goBack();
  assert.equal(await focusedHeading(page), 'What do you want to do?');
  assert.ok(page.url().startsWith(site.url), 'Back stayed on the landlord\'s page');
  assert.equal(await page.getByLabel('Tell us something has gone wrong or you are unhappy').isChecked(), true);
  // Forward goes to the page Back left while the answers still lead there.
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Have you told us about this before?' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  // Once they lead elsewhere it stays, and Back still works.
  await check(page, 'Ask us to change how we contact or support you');
  // The widget sends the browser back again: wait for that second move
  // before pressing Back.
  await page.evaluate(() => { window.prPops = 0; window.addEventListener('popstate', () => { window.prPops += 1; }); });
  await page.goForward();
  await page.waitForFunction(() => window.prPops >= 2);
  assert.ok(await page.getByRole('heading', { level: 1, name: 'What do you want to do?' }).isVisible(), 'still on this page');
  await page.goBack();
  assert.notEqual(await focusedHeading(page), 'What do you want to do?', 'Back still works');
  // On to this page again (past "My complaints" if an earlier test kept a note).
  while ((await focusedHeading(page)) !== 'What do you want to do?') await cont(page);
  await check(page, 'Tell us something has gone wrong or you are unhappy');
  await page.reload();
  // Nothing from the draft is shown until the resident says it is theirs.
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  assert.doesNotMatch(await page.locator('.putright').innerText(), /Tell us something has gone wrong/);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  assert.equal(await page.getByLabel('Tell us something has gone wrong or you are unhappy').isChecked(), true, 'kept after reload');
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  const stored = await page.evaluate(() => localStorage.getItem('putright:example-homes:draft') || '');
  assert.ok(!stored.includes('problem'), 'cleared from storage');
});

test('Back and Forward around a Change link: Forward goes to the page Back left, still on its way back to Check your answers', async () => {
  const { page } = browser;
  const depth = () => page.evaluate(() => history.state?.depth ?? -1);
  const drawn = (d) => page.waitForFunction((want) => history.state?.depth === want, d);
  await shortJourney(page, site.url, { name: 'Forward Again', email: 'forward@example.com' });
  await page.waitForFunction(() => history.state?.depth > 0);
  const atCheck = await depth();
  // From Check your answers to the name by its Change link, Back, then Forward.
  await press(page, `${t('check.change')} ${t('name.row')}`);
  assert.equal(await focusedHeading(page), label('name'));
  await drawn(atCheck + 1);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: t('check.title') }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: label('name') }).waitFor();
  assert.equal(await depth(), atCheck + 1, 'the browser stayed on the entry it went forward to');
  // Still as its Change link opened it: Continue goes back to Check your answers.
  await page.getByLabel(label('name'), { exact: true }).fill('Forward Changed');
  await cont(page);
  assert.equal(await focusedHeading(page), t('check.title'));
  assert.ok((await page.locator('.putright').innerText()).includes('Forward Changed'));
  // Back to the name, and Forward to Check your answers again.
  await drawn(atCheck + 2);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: label('name') }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: t('check.title') }).waitFor();
  assert.equal(await depth(), atCheck + 2, 'the browser stayed on the entry it went forward to');
});

test('after sending: a copy to keep, then another task without being asked about you again', async () => {
  const { page } = browser;
  const p = 'another';
  await fresh(page, site.url);
  await noHazards(page, p);
  await start(page, 'Ask us to change how we contact or support you', p);
  await step(page, `${p}-needs`, { heading: label('adj_needs'), answer: (pg) => check(pg, 'Large print') });
  await step(page, `${p}-disability`, { heading: label('adj_disability', { optional: true }) });
  await aboutYou(page, p);
  // The check page lists who you are, each with a Change link.
  const summary = await page.locator('.putright').innerText();
  assert.match(summary, /Sam Resident/);
  assert.match(summary, /EX1 1AA|ex1 1aa/i);
  const first = await sendAndConfirm(page, p, 'Your request for support has been sent');

  // "Download a copy": a text file named after the reference, holding it, the dates and the answers.
  const link = page.getByRole('link', { name: 'Download a copy of what you sent (text file)' });
  assert.match(await link.getAttribute('download'), new RegExp(`${first.replace(/[^A-Za-z0-9-]/g, '')}\\.txt$`));
  const copy = decodeURIComponent((await link.getAttribute('href')).replace(/^data:text\/plain;charset=utf-8,/, ''));
  assert.match(copy, new RegExp(`Your reference number: ${first}`));
  assert.match(copy, /Sam Resident/);
  assert.match(copy, /Large print/);
  assert.match(copy, /Housing Ombudsman/);
  assert.match(copy, /0808 157 0192/);

  // "Do something else": the emergency check comes first again; about you is not asked again.
  await page.getByRole('button', { name: 'Do something else' }).click();
  await noHazards(page, `${p}-2`);
  await start(page, 'Ask us to fix something or do something', `${p}-2`);
  await step(page, `${p}-2-what`, { heading: label('request_what'), answer: (pg) => fill(pg, label('request_what'), 'The hall light flickers.') });
  await step(page, `${p}-2-where`, { heading: label('request_where'), answer: (pg) => fill(pg, label('request_where'), 'Hallway') });
  await step(page, `${p}-2-urgency`, { heading: label('request_urgency'), answer: (pg) => check(pg, 'It can wait for a normal appointment') });
  await step(page, `${p}-2-access`, { heading: label('request_access', { optional: true }) });
  await noEvidence(page, `${p}-2`);
  await step(page, `${p}-2-want-rep`, { heading: label('want_rep'), answer: (pg) => check(pg, 'No') });
  // Support needs from the first task are already answered.
  await step(page, `${p}-2-want-adjustments`, { heading: label('want_adjustments'),
    answer: async (pg) => assert.equal(await pg.getByLabel('Yes', { exact: true }).isChecked(), true) });
  await step(page, `${p}-2-needs`, { heading: label('adj_needs'),
    answer: async (pg) => assert.equal(await pg.getByLabel('Large print', { exact: true }).isChecked(), true) });
  await step(page, `${p}-2-disability`, { heading: label('adj_disability', { optional: true }) });
  const second = await sendAndConfirm(page, `${p}-2`, 'Your request has been sent');
  assert.notEqual(second, first);
  const payload = await stored(second);
  assert.equal(payload.kind, 'service_request');
  assert.equal(payload.resident.name, 'Sam Resident');
  assert.equal(payload.service_request.what_needs_doing, 'The hall light flickers.');
});
