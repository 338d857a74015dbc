// "My complaints on this device" (issue 18), with the clock fixed by
// Playwright: a complaint is sent and a note kept; three weeks on the note
// says the landlord is late; a date page refuses an empty date with the
// error summary; "Ask for stage 2" opens the request with the reference
// filled in; the stored stage 2 payload carries the original reference; the
// note then follows stage 2; "Clear my answers" offers to delete the notes.
// Every new page gets the same accessibility checks as every other step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, openBrowser, closeDemo, schemaErrors, focusedHeading, axe, snap, widgetReady } from './lib/harness.mjs';
import { step, check, fill, fillDate, press, cont, aboutYou, sendAndConfirm, fresh } from './lib/journey.mjs';
import { checkStep } from './lib/a11y.mjs';
import { tabTo } from './lib/keyboard.mjs';
import { label, title, t } from './lib/text.mjs';

const NOTES = 'putright:example-homes:notes';
const SENT = new Date('2026-11-23T10:00:00Z'); // a Monday
const LATER = new Date(SENT.getTime() + 21 * 86_400_000); // three weeks on

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

async function stored(reference) {
  const mine = (await receiver.submissions()).filter((s) => s.reference === reference);
  assert.equal(mine.length, 1, `exactly one submission stored as ${reference}`);
  assert.deepEqual(schemaErrors(mine[0].submission), [], 'payload matches the JSON Schema');
  return mine[0].submission;
}

const widgetText = (page) => page.locator('.putright').innerText();
const notes = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), NOTES);
const noHazards = (page, prefix) => step(page, `${prefix}-hazards`, {
  heading: label('hazards'), required: true, answer: (p) => check(p, 'None of these'),
});
const noRepNoAdjustments = async (page, prefix) => {
  await step(page, `${prefix}-want-rep`, { heading: label('want_rep'), required: true, answer: (p) => check(p, 'No') });
  await step(page, `${prefix}-want-adjustments`, { heading: label('want_adjustments'), required: true, answer: (p) => check(p, 'No') });
};

/** Presses a button that changes part of the page, not the step; waits for `done` to be true. */
async function pressInPlace(page, name, done, arg) {
  await tabTo(page, name);
  await page.keyboard.press('Enter');
  await page.waitForFunction(done, arg, { timeout: 30000 });
}

test('a kept note: late three weeks on, one tap to stage 2, then cleared', async () => {
  const { page } = browser;
  const p = 'tracker';
  await page.clock.setFixedTime(SENT);

  // Send a complaint and keep a note of it.
  await fresh(page, site.url);
  await noHazards(page, `${p}-1`);
  await step(page, `${p}-start`, { heading: label('task'), required: true, answer: (pg) => check(pg, 'Tell us something has gone wrong or you are unhappy') });
  await step(page, `${p}-reported-before`, { heading: label('reported_before'), required: true, answer: (pg) => check(pg, 'Yes, I have told you before') });
  await step(page, `${p}-what`, { heading: label('what_went_wrong'), required: true, answer: (pg) => fill(pg, label('what_went_wrong'), 'The leak in the kitchen ceiling is back.') });
  await step(page, `${p}-started`, { heading: label('started'), required: true, answer: (pg) => fillDate(pg, label('started'), '2', '11', '2026') });
  await step(page, `${p}-aware`, { heading: label('aware', { optional: true }) });
  await step(page, `${p}-court`, { heading: label('court'), required: true, answer: (pg) => check(pg, 'No') });
  await step(page, `${p}-tried`, { heading: title('tried') });
  await step(page, `${p}-impact`, { heading: label('impact'), required: true, answer: (pg) => fill(pg, label('impact'), 'Water comes through the light.') });
  await step(page, `${p}-outcome`, { heading: label('outcomes'), required: true, answer: (pg) => check(pg, 'A repair or other work done') });
  await step(page, `${p}-evidence`, { heading: label('evidence', { optional: true }) });
  await noRepNoAdjustments(page, p);
  await aboutYou(page, p);
  const reference = await sendAndConfirm(page, p, 'Your complaint has been sent');
  const complaint = await stored(reference);
  assert.equal(complaint.kind, 'complaint');
  assert.equal(await notes(page), null, 'nothing is kept unless the resident asks');
  assert.ok((await widgetText(page)).includes(t('tracker.keep_hint', { count: 12 })), 'says what is kept, and for how long');

  await pressInPlace(page, t('tracker.keep'), (text) => __prq('.putright').innerText.includes(text), t('tracker.kept'));
  const kept = await notes(page);
  assert.equal(kept.v, 1);
  assert.equal(kept.notes.length, 1);
  const [note] = kept.notes;
  assert.equal(note.ref, reference);
  assert.equal(note.kind, 'complaint');
  assert.equal(note.sent, '2026-11-23');
  assert.equal(note.what, 'The leak in the kitchen ceiling is back.');
  assert.deepEqual(note.due, complaint.expected_dates.map((d) => [d.event, d.due]), 'the payload\'s expected dates');
  assert.ok(!JSON.stringify(kept).includes('Sam Resident') && !JSON.stringify(kept).includes('sam@example.com'), 'no contact details');
  // The calendar file, made on the device.
  const href = await page.locator('.putright a.pr-calendar').getAttribute('href');
  assert.ok(href.startsWith('data:text/calendar;charset=utf-8,'), href.slice(0, 40));
  const ics = decodeURIComponent(href.slice(href.indexOf(',') + 1));
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(ics.match(/BEGIN:VEVENT/g).length, 2, 'stage 1: acknowledge and answer');
  for (const { event, due } of complaint.expected_dates.filter((d) => ['stage1_acknowledge', 'stage1_respond'].includes(d.event))) {
    assert.ok(ics.includes(`DTSTART;VALUE=DATE:${due.replaceAll('-', '')}`), `${event} on ${due}`);
  }
  assert.equal(ics.match(/BEGIN:VALARM/g).length, 2, 'a reminder for each');
  assert.deepEqual(await axe(page), [], 'axe after keeping a note');
  await snap(page, `${p}-kept`);

  // Three weeks on, the widget opens again: the note comes before the task.
  await page.clock.setFixedTime(LATER);
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate(() => __prq('.putright h1').focus());
  await noHazards(page, `${p}-2`);
  assert.equal(await focusedHeading(page), t('tracker.title'));
  const list = await widgetText(page);
  assert.ok(list.includes(t('tracker.card.complaint', { reference })), 'the card names the complaint');
  assert.ok(list.includes('The leak in the kitchen ceiling is back.'));
  assert.match(list, /We should have acknowledged your complaint by \w+day \d+ November 2026: we are \d+ working days? late\./, 'late, in words');
  assert.ok(list.includes(t('tracker.row.missed')), 'the missed deadline is listed');
  assert.deepEqual(await axe(page), [], 'axe on the list');
  await snap(page, `${p}-list`);
  await checkStep(page, `${p}-list`, 'normal');

  // Recording a date: one question, checked like any date, with a back link.
  await press(page, t('tracker.did.acknowledged'));
  const rec = `${p}-record-acknowledged`;
  assert.equal(await focusedHeading(page), label('tracker_acknowledged'));
  assert.deepEqual(await axe(page), [], `${rec}: axe`);
  await checkStep(page, rec, 'normal');
  await press(page, t('button.continue'));
  const summary = page.locator('.pr-error-summary');
  await summary.waitFor();
  assert.ok((await summary.innerText()).includes(t('tracker_acknowledged.missing')), 'the error summary says what is missing');
  assert.deepEqual(await axe(page), [], `${rec}: axe in error state`);
  await snap(page, `${rec}-error`);
  await checkStep(page, `${rec}-error`, 'error');
  await press(page, t('nav.back'), { back: true });
  assert.equal(await focusedHeading(page), t('tracker.title'));

  // Its buttons go past "What do you want to do?", so the privacy notice
  // is here, before them.
  const privacy = page.getByRole('link', { name: /privacy notice/ });
  assert.equal(await privacy.getAttribute('href'), 'https://example.com/privacy');
  assert.ok((await page.locator('.putright').innerText()).includes(t('task.privacy', { landlord: 'Example Homes' })));
  // One tap: stage 2, with the reference filled in.
  await press(page, 'Ask for stage 2');
  assert.equal(await focusedHeading(page), label('s2_reference', { optional: true }));
  assert.equal(await page.getByLabel(label('s2_reference', { optional: true }), { exact: true }).inputValue(), reference);
  await step(page, `${p}-s2-reference`, { heading: label('s2_reference', { optional: true }) });
  await step(page, `${p}-s2-response`, { heading: label('s2_response', { optional: true }) });
  await step(page, `${p}-s2-reasons`, { heading: label('s2_reasons', { optional: true }) });
  await step(page, `${p}-s2-evidence`, { heading: label('evidence', { optional: true }) });
  await noRepNoAdjustments(page, `${p}-s2`);
  await aboutYou(page, `${p}-s2`);
  const s2ref = await sendAndConfirm(page, `${p}-s2`, 'Your stage 2 request has been sent');
  const s2 = await stored(s2ref);
  assert.equal(s2.kind, 'stage2_escalation');
  assert.equal(s2.escalation.stage1_reference, reference, 'the stage 2 request carries the original reference');
  assert.equal(s2.escalation.reasons, null, 'reasons stay optional');
  // The complaint's note now follows stage 2; no second note.
  assert.ok((await widgetText(page)).includes(t('tracker.updated', { reference, stage2: 'stage 2' })));
  const after = await notes(page);
  assert.equal(after.notes.length, 1);
  assert.equal(after.notes[0].s2_asked, LATER.toISOString().slice(0, 10));

  // A shared device: "Clear my answers" offers to delete the notes too.
  await press(page, t('confirm.finish'));
  assert.equal(await focusedHeading(page), label('hazards'));
  assert.ok((await widgetText(page)).includes(t('tracker.clear_offer', { count: 1 })));
  assert.deepEqual(await axe(page), [], 'axe with the offer');
  await checkStep(page, `${p}-clear-offer`, 'normal');
  await press(page, t('tracker.clear_notes'), { back: true });
  assert.equal(await notes(page), null, 'the notes are gone');
  await noHazards(page, `${p}-3`);
  assert.equal(await focusedHeading(page), label('task'), 'no notes: straight to the task');
});

/** Opens the widget with `kept` as the notes on the device and no draft: past the danger question, on the list. */
async function openWithNotes(page, prefix, kept) {
  await page.evaluate(() => localStorage.removeItem('putright:example-homes:draft'));
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [NOTES, JSON.stringify({ v: 1, notes: kept })]);
  await page.reload();
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate(() => __prq('.putright h1').focus());
  await noHazards(page, prefix);
  assert.equal(await focusedHeading(page), t('tracker.title'));
}

test('recording what happened moves the note on, and the ombudsman is one tap away', async () => {
  const { page } = browser;
  const p = 'tracker-record';
  await page.clock.setFixedTime(LATER);
  await page.goto(site.url);
  // A note as the widget keeps it, and no draft from the test before.
  await openWithNotes(page, p, [
    { ref: 'C-3001', kind: 'complaint', sent: '2026-11-23', scheme: 'england-hos', what: 'Mould in the bedroom' },
  ]);

  // Every text the polite status region shows from now on.
  await page.evaluate(() => {
    const region = __prq('.putright [role="status"][aria-live="polite"]');
    window.__prStatus = [];
    new MutationObserver(() => window.__prStatus.push(region.textContent.trim())).observe(region, { childList: true, subtree: true, characterData: true });
  });
  const recorded = () => page.evaluate((s) => window.__prStatus.filter((x) => x === s).length, t('tracker.recorded'));
  await press(page, t('tracker.did.acknowledged'));
  await step(page, `${p}-acknowledged`, {
    heading: label('tracker_acknowledged'), answer: (pg) => fillDate(pg, label('tracker_acknowledged'), '25', '11', '2026'),
  });
  assert.equal(await focusedHeading(page), t('tracker.title'), 'back to the notes');
  await page.waitForFunction((s) => window.__prStatus.includes(s), t('tracker.recorded'));
  // Recorded again with the same words: heard again, not left as it was.
  await press(page, `${t('check.change')} ${t('tracker.did.acknowledged')}`);
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), t('tracker.title'), 'back to the notes');
  await page.waitForFunction((s) => window.__prStatus.filter((x) => x === s).length === 2, t('tracker.recorded'));
  assert.equal(await recorded(), 2);
  assert.equal((await notes(page)).notes[0].ack, '2026-11-25');
  const list = await widgetText(page);
  assert.equal(await page.getByRole('button', { name: t('tracker.did.acknowledged'), exact: true }).count(), 0, 'recorded, so no longer offered');
  assert.equal(await page.getByRole('button', { name: `${t('check.change')} ${t('tracker.did.acknowledged')}`, exact: true }).count(), 1, 'but it can be changed');
  assert.ok(list.includes('Wednesday 25 November 2026'), 'the date recorded is shown');
  assert.match(list, /We should have sent you our stage 1 answer by \w+day \d+ December 2026: we are \d+ working days? late\./);
  assert.deepEqual(await axe(page), [], 'axe on the list after recording');

  await press(page, t('tracker.action.ombudsman'));
  assert.equal(await focusedHeading(page), label('omb_position'));
  assert.equal(await page.getByLabel(t('omb_position.waiting_stage1'), { exact: true }).isChecked(), true, 'where it is up to, from the note');
  await press(page, t('nav.back'), { back: true });
  assert.equal(await focusedHeading(page), t('tracker.title'));
  await press(page, t('tracker.forget'));
  assert.equal(await notes(page), null, 'forgotten');
  assert.ok((await widgetText(page)).includes(t('tracker.none')));
});

test('a resident abroad near midnight UK time gets UK dates: late, and received, on the UK day', async () => {
  // 00:30 on Tuesday 1 December 2026 in the UK is still Monday 30 November
  // in New York. The acknowledgement was due on Monday 30 November, so the
  // landlord is late; and a stage 2 request sent now is received on the 1st.
  const abroad = await openBrowser({ timezoneId: 'America/New_York' });
  try {
    const { page } = abroad;
    const p = 'tracker-abroad';
    await page.clock.setFixedTime(new Date('2026-12-01T00:30:00Z'));
    await page.goto(site.url);
    assert.equal(await page.evaluate(() => new Date().getDate()), 30, 'the device\'s own clock says the 30th');
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ v: 1, notes: [
      { ref: 'C-4001', kind: 'complaint', sent: '2026-11-23', scheme: 'england-hos', what: 'No hot water' },
    ] })), NOTES);
    await page.reload();
    await widgetReady(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => __prq('.putright h1').focus());
    await check(page, 'None of these'); await cont(page);
    assert.equal(await focusedHeading(page), t('tracker.title'));
    const list = await widgetText(page);
    assert.ok(list.includes('We should have acknowledged your complaint by Monday 30 November 2026: we are 1 working day late.'), list);

    await press(page, 'Ask for stage 2');
    assert.equal(await focusedHeading(page), label('s2_reference', { optional: true }));
    await cont(page); // the reference, filled in
    await cont(page); // the stage 1 answer's date: optional
    await cont(page); // reasons: optional
    await cont(page); // evidence: optional
    await check(page, 'No'); await cont(page);
    await check(page, 'No'); await cont(page);
    await aboutYou(page, p);
    const s2ref = await sendAndConfirm(page, p, 'Your stage 2 request has been sent');
    const s2 = await stored(s2ref);
    const ack = s2.expected_dates.find((d) => d.event === 'stage2_acknowledge');
    assert.equal(ack.due, '2026-12-08', 'received on Tuesday 1 December in the UK: acknowledged by Tuesday 8 December');
    assert.equal((await notes(page)).notes[0].s2_asked, '2026-12-01', 'the note follows stage 2 from the UK date');
  } finally {
    await abroad.close();
  }
});

/** Types a new date over the one a date page was opened with. */
async function retypeDate(page, legend, d, m, y) {
  for (const [key, v] of [['date.day', d], ['date.month', m], ['date.year', y]]) {
    await tabTo(page, (f) => f.name === t(key) && f.tag === 'input' && f.group === legend);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(v);
  }
}

test('stage 1 reads as closed once stage 2 is asked for, a recorded date can be changed, and a refused stage 2 opens the ombudsman', async () => {
  const { page } = browser;
  const p = 'tracker-change';
  await page.clock.setFixedTime(LATER); // Monday 14 December 2026
  await page.goto(site.url);
  // Acknowledged, then stage 2 asked for before the stage 1 answer came
  // (or without recording it).
  await openWithNotes(page, p, [
    { ref: 'C-5001', kind: 'complaint', sent: '2026-11-23', scheme: 'england-hos', what: 'No heating', ack: '2026-11-25', s2_asked: '2026-12-07' },
  ]);
  let list = await widgetText(page);
  assert.ok(list.includes(t('tracker.stage1_closed', { stage2: 'stage 2', stage1: 'stage 1', date: 'Monday 7 December 2026' })), list);
  assert.ok(!list.includes(t('tracker.did.answered', { answer: 'stage 1 answer' })), 'the stage 1 answer is no longer awaited');
  assert.ok(!list.includes(t('tracker.action.ombudsman')), 'nothing missed yet');
  assert.deepEqual(await axe(page), [], 'axe on the list with what was recorded');

  // Change the acknowledgement: the same question, the date filled in,
  // the same checks, then back to the notes.
  await press(page, `${t('check.change')} ${t('tracker.did.acknowledged')}`);
  const ack = label('tracker_acknowledged');
  assert.equal(await focusedHeading(page), ack);
  assert.deepEqual(await page.locator('.putright fieldset input').evaluateAll((els) => els.map((e) => e.value)), ['25', '11', '2026'], 'the date recorded, filled in');
  await checkStep(page, `${p}-acknowledged`, 'normal');
  await retypeDate(page, ack, '20', '11', '2026');
  await press(page, t('button.continue'));
  const summary = page.locator('.pr-error-summary');
  await summary.waitFor();
  assert.ok((await summary.innerText()).includes(t('tracker.err.before', { date: 'Monday 23 November 2026' })), 'not before it was sent');
  await checkStep(page, `${p}-acknowledged-error`, 'error');
  await retypeDate(page, ack, '24', '11', '2026');
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), t('tracker.title'));
  assert.equal((await notes(page)).notes[0].ack, '2026-11-24', 'changed');
  assert.ok((await widgetText(page)).includes('Tuesday 24 November 2026'));

  // The landlord would not take it to stage 2 (Code 5.11): recorded, and
  // the ombudsman is next.
  const refusedLabel = t('tracker_stage2_refused.label', { stage2_name: 'stage 2' });
  await press(page, t('tracker.did.stage2_refused', { stage2: 'stage 2' }));
  assert.equal(await focusedHeading(page), refusedLabel);
  await checkStep(page, `${p}-refused`, 'normal');
  await fillDate(page, refusedLabel, '11', '12', '2026');
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), t('tracker.title'));
  assert.equal((await notes(page)).notes[0].s2_no, '2026-12-11');
  list = await widgetText(page);
  assert.ok(list.includes(t('tracker.refused', { date: 'Friday 11 December 2026', stage2: 'stage 2' })), list);
  assert.deepEqual(await axe(page), [], 'axe on the list after a refusal');
  await press(page, t('tracker.action.ombudsman'));
  assert.equal(await focusedHeading(page), label('omb_position'));
  assert.equal(await page.getByLabel(t('omb_position.refused_escalation'), { exact: true }).isChecked(), true, 'refused, from the note');
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), label('omb_reference', { optional: true }));
  assert.equal(await page.getByLabel(label('omb_reference', { optional: true }), { exact: true }).inputValue(), 'C-5001', 'the reference, from the note');
  // Its dates, from the note: the day it was refused is not asked again.
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), title('omb_dates'));
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), title('omb_s2_dates'));
  const refusedOn = page.locator('.putright fieldset').filter({ has: page.locator('legend', { hasText: label('omb_s2_refused') }) }).locator('input');
  assert.deepEqual(await refusedOn.evaluateAll((els) => els.map((e) => e.value)), ['11', '12', '2026'], 'the day it was refused, from the note');
  assert.deepEqual(await axe(page), [], 'axe on the stage 2 dates with the refusal');
  await checkStep(page, `${p}-omb-s2-refused`, 'normal');
  // A refusal before stage 2 was asked for is refused beside its field,
  // and the page keeps what was typed until it is put right.
  await fillDate(page, label('omb_s2_refused', { optional: true }), '1', '1', '2020');
  await press(page, t('button.continue'));
  const refusedSummary = page.locator('.pr-error-summary');
  await refusedSummary.waitFor();
  const refusedError = await refusedSummary.innerText();
  assert.ok(refusedError.includes('The date your landlord refused must be on or after the date you asked for stage 2'), refusedError);
  assert.deepEqual(await refusedOn.evaluateAll((els) => els.map((e) => e.value)), ['1', '1', '2020'], 'what was typed is kept');
  assert.deepEqual(await axe(page), [], 'axe on the stage 2 dates in error state');
  await checkStep(page, `${p}-omb-s2-refused-error`, 'error');
  await fillDate(page, label('omb_s2_refused', { optional: true }), '11', '12', '2026');
  // Refused before the stage 2 acknowledgement was due (Monday 14
  // December): nothing missed; the refusal is told with its day.
  await press(page, t('button.continue'));
  assert.equal(await focusedHeading(page), t('omb_late.title_refused'));
  const late = await widgetText(page);
  assert.ok(late.includes('refused on Friday 11 December 2026'), late);
});
