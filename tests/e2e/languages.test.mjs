// Languages: a complaint in Welsh (chosen by the browser's language) and in
// Urdu (chosen with the language switch, right to left), and the way to the
// Ombudsman in Welsh, Urdu and Polish, each step passing the same
// accessibility checks as English; a switch in the middle of a
// journey that keeps every answer; and a language whose words cannot be
// fetched. Every word the tests expect is the catalogue's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver, startSite, openBrowser, schemaErrors, focusedHeading } from './lib/harness.mjs';
import { step, check, fill, fillDate, aboutYou, sendAndConfirm, fresh, press, longDate } from './lib/journey.mjs';
import { label, title, t, catalogue } from './lib/text.mjs';

let receiver, site;

before(async () => {
  receiver = await startReceiver();
  site = await startSite({ endpoint: `${receiver.url}/submissions` });
});

after(async () => {
  await site?.close();
  await receiver?.stop();
});

/** What the widget's root says about its language. */
const rootLang = (page) => page.evaluate(() => { const w = __prWidget(); return { lang: w.getAttribute('lang'), dir: w.getAttribute('dir') }; });

/** The one stored submission with this reference, checked against the schema. */
async function stored(reference) {
  const mine = (await receiver.submissions()).filter((s) => s.reference === reference);
  assert.equal(mine.length, 1);
  assert.deepEqual(schemaErrors(mine[0].submission), []);
  return mine[0].submission;
}

/** A complaint told before, in `locale`, every step checked, to Send. */
async function complaintIn(page, locale, what) {
  const L = { locale };
  const p = `lang-${locale}`;
  const say = (key) => t(key, {}, locale);
  await step(page, `${p}-hazards`, { heading: label('hazards', L), required: true, answer: (pg) => check(pg, say('hazard.none')) });
  await step(page, `${p}-task`, { heading: label('task', L), required: true, answer: (pg) => check(pg, say('task.problem')) });
  await step(page, `${p}-reported`, { heading: label('reported_before', L), required: true, answer: (pg) => check(pg, say('reported_before.yes')) });
  await step(page, `${p}-what`, { heading: label('what_went_wrong', L), required: true, answer: (pg) => fill(pg, label('what_went_wrong', L), what) });
  await step(page, `${p}-started`, { heading: label('started', L), required: true, answer: (pg) => fillDate(pg, label('started', L), '2', '9', '2026') });
  await step(page, `${p}-aware`, { heading: label('aware', { optional: true, ...L }) });
  await step(page, `${p}-court`, { heading: label('court', L), required: true, answer: (pg) => check(pg, say('choice.no')) });
  await step(page, `${p}-tried`, { heading: title('tried', L) });
  await step(page, `${p}-impact`, { heading: label('impact', L), required: true, answer: (pg) => fill(pg, label('impact', L), what) });
  await step(page, `${p}-outcomes`, { heading: label('outcomes', L), required: true, answer: (pg) => check(pg, say('outcome.repair')) });
  // The demo takes files: the optional evidence page, in this language.
  await step(page, `${p}-evidence`, { heading: label('evidence', { optional: true, ...L }) });
  await step(page, `${p}-want-rep`, { heading: label('want_rep', L), required: true, answer: (pg) => check(pg, say('choice.no')) });
  await step(page, `${p}-want-adj`, { heading: label('want_adjustments', L), required: true, answer: (pg) => check(pg, say('choice.no')) });
  await aboutYou(page, p, { locale });
  const reference = await sendAndConfirm(page, p, t('receipt.title.complaint', {}, locale), locale);
  const payload = await stored(reference);
  assert.equal(payload.kind, 'complaint');
  assert.equal(payload.widget.locale, locale, 'the payload records the language used');
  assert.equal(payload.complaint.what_went_wrong, what, 'free text arrives exactly as typed');
  assert.equal(payload.resident.preferred_contact, 'text', 'machine values whatever the language');
  // What happens next, in the language's own words and dates.
  const text = await page.locator('.putright').innerText();
  const ack = payload.expected_dates.find((d) => d.event === 'stage1_acknowledge').due;
  // The date is inside a sentence ("by {due}"): Welsh writes "dydd", not "Dydd", there.
  assert.ok(text.includes(t('receipt.stage1_acknowledge', { due: longDateIn(locale, ack, { inText: true }) }, locale)), `${locale}: ${text}`);
  return payload;
}

/**
 * "2026-11-30" written long, with the catalogue's names and pattern;
 * `inText`: inside a sentence, where a catalogue may name the weekday
 * differently (`@meta.weekday_in_text`).
 */
function longDateIn(locale, iso, { inText = false } = {}) {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7 + 1;
  const inTextNames = catalogue(locale)['@meta'].weekday_in_text;
  const name = inText && inTextNames ? inTextNames[weekday - 1] : t(`date.weekday.${weekday}`, {}, locale);
  return t('date.long', { weekday: name, day: d, month: t(`date.month.${m}`, {}, locale), year: y }, locale);
}

/** Day, month and year `days` before today, as a resident types them. */
const ago = (days) => { const d = new Date(Date.now() - days * 864e5); return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())]; };

/**
 * The way to the Ombudsman in `locale`, every page checked as in English:
 * "is my landlord late?" judged at stage 2 (asked for 40 days ago, never
 * acknowledged: late under Code 6.11), then telling the landlord, to Send.
 */
async function ombudsmanIn(page, locale, why) {
  const L = { locale };
  const p = `omb-${locale}`;
  const say = (key) => t(key, {}, locale);
  await step(page, `${p}-hazards`, { heading: label('hazards', L), required: true, answer: (pg) => check(pg, say('hazard.none')) });
  await step(page, `${p}-task`, { heading: label('task', L), required: true, answer: (pg) => check(pg, say('task.ombudsman')) });
  await step(page, `${p}-position`, { heading: label('omb_position', L), required: true, answer: (pg) => check(pg, say('omb_position.waiting_stage2')) });
  await step(page, `${p}-reference`, { heading: label('omb_reference', { optional: true, ...L }) });
  await step(page, `${p}-dates`, { heading: title('omb_dates', L), required: true, answer: async (pg) => {
    await fillDate(pg, label('omb_complained', L), ...ago(120));
    await fillDate(pg, label('omb_answered', { optional: true, ...L }), ...ago(110));
  } });
  await step(page, `${p}-s2-dates`, { heading: title('omb_s2_dates', L), required: true, answer: (pg) => fillDate(pg, label('omb_s2_requested', L), ...ago(40)) });
  await step(page, `${p}-late`, { heading: say('omb_late.title_late'), answer: async (pg) => {
    const late = await pg.locator('.putright').innerText();
    assert.match(late, /6\.11/, `${locale}: the late acknowledgement names its section of the Code: ${late}`);
    assert.ok(late.includes(say('omb_late.tell')), `${locale}: what the resident can do now`);
  } });
  await step(page, `${p}-why`, { heading: label('omb_why', L), required: true, answer: (pg) => fill(pg, label('omb_why', L), why) });
  await step(page, `${p}-outcome`, { heading: label('omb_outcome', L), required: true, answer: (pg) => fill(pg, label('omb_outcome', L), why) });
  await step(page, `${p}-tell`, { heading: label('omb_tell', L), required: true, answer: (pg) => check(pg, say('choice.yes')) });
  await step(page, `${p}-evidence`, { heading: label('evidence', { optional: true, ...L }) });
  await aboutYou(page, p, { locale });
  const reference = await sendAndConfirm(page, p, say('receipt.title.ombudsman_referral'), locale);
  const payload = await stored(reference);
  assert.equal(payload.kind, 'ombudsman_referral');
  assert.equal(payload.widget.locale, locale);
  assert.equal(payload.ombudsman.why_still_unhappy, why, 'free text arrives exactly as typed');
  assert.equal(payload.ombudsman.responses_had, 'stage1', 'machine values whatever the language');
  assert.equal(payload.ombudsman.tell_landlord, true);
  assert.equal(payload.ombudsman.landlord_reference, null, 'no reference given');
}

// Each language from the browser's own (Urdu's switch is tested above),
// right to left for Urdu.
for (const [locale, browserLocale, dir, why] of [
  ['cy', 'cy-GB', 'ltr', "Dydyn nhw byth wedi ateb fy nghwyn."],
  ['ur', 'ur-PK', 'rtl', 'انہوں نے میری شکایت کا کبھی جواب نہیں دیا۔'],
  ['pl', 'pl-PL', 'ltr', 'Nigdy nie odpowiedzieli na moją skargę.'],
]) {
  test(`the Ombudsman's pages in ${locale}: "is my landlord late?", then telling the landlord, every page checked`, async () => {
    const b = await openBrowser({ locale: browserLocale });
    try {
      const { page } = b;
      await fresh(page, site.url, locale);
      assert.deepEqual(await rootLang(page), { lang: locale, dir });
      await ombudsmanIn(page, locale, why);
    } finally {
      await b.close();
    }
  });
}

test('Welsh, from the browser\'s own language: a complaint from the first question to Send', async () => {
  const b = await openBrowser({ locale: 'cy-GB' });
  try {
    const { page } = b;
    await fresh(page, site.url, 'cy');
    assert.deepEqual(await rootLang(page), { lang: 'cy', dir: 'ltr' });
    await complaintIn(page, 'cy', "Mae'r boeler wedi torri ers mis Medi.");
  } finally {
    await b.close();
  }
});

test('Urdu, chosen with the language switch: right to left, a complaint from the first question to Send', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await fresh(page, site.url);
    const switcher = page.locator('.pr-language');
    assert.equal(await switcher.getAttribute('aria-label'), 'Language');
    assert.equal((await switcher.locator('[aria-current="true"]').innerText()).trim(), 'English');
    // Each language is named in itself, and marked as being in that language.
    assert.equal(await switcher.getByRole('button', { name: 'اردو' }).getAttribute('lang'), 'ur');
    // Back from the heading to the switch above it (Tab forward would
    // leave the page and come back round, which headless Chromium handles
    // oddly; a resident's browser goes either way).
    await press(page, 'اردو', { back: true });
    await page.waitForFunction((h) => __prActive()?.tagName === 'H1' && __prActive().textContent.trim() === h, label('hazards', { locale: 'ur' }));
    assert.deepEqual(await rootLang(page), { lang: 'ur', dir: 'rtl' });
    assert.equal((await page.locator('[role="status"]').innerText()).trim(), t('status.language', {}, 'ur'));
    const payload = await complaintIn(page, 'ur', 'باتھ روم میں نمی ہے 😟');
    assert.equal(payload.resident.phone, '07700 900 982');
    // A phone number stays left to right inside right-to-left text.
    assert.equal(await page.locator('.pr-reference').getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('h1.pr-h1').getAttribute('lang'), null, 'in the language around it');
    // Switched to English after sending: the heading and what happens next
    // are said again in English, with the same dates and reference.
    const reference = await page.locator('.pr-reference').innerText();
    const steps = payload.expected_dates.filter((d) => !d.event.endsWith('_extension_limit'));
    assert.ok(steps.length > 0);
    await press(page, 'English', { back: true });
    await page.waitForFunction(() => __prWidget().getAttribute('lang') === 'en-GB');
    assert.equal(await page.locator('h1.pr-h1').innerText(), t('receipt.title.complaint'));
    assert.equal(await page.locator('h1.pr-h1').getAttribute('lang'), null, 'in the language around it');
    const text = await page.locator('.putright').innerText();
    for (const d of steps) {
      assert.ok(text.includes(t(`receipt.${d.event}`, { due: longDate(d.due) })), `${d.event} in English: ${text}`);
    }
    assert.equal(await page.locator('.putright li[lang]').count(), 0, 'no warning was shown, so nothing is left in Urdu');
    assert.equal(await page.locator('.pr-reference').innerText(), reference);
  } finally {
    await b.close();
  }
});

test('switching language in the middle of a journey keeps every answer; the heading is focused and announced', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await fresh(page, site.url);
    await check(page, 'None of these'); await press(page, 'Continue');
    await check(page, 'Tell us something has gone wrong or you are unhappy'); await press(page, 'Continue');
    await check(page, 'Yes, I have told you before'); await press(page, 'Continue');
    await fill(page, 'What has gone wrong?', 'The lift has been broken for a month.');
    await press(page, 'Polski');
    const heading = label('what_went_wrong', { locale: 'pl' });
    await page.waitForFunction((h) => __prActive()?.tagName === 'H1' && __prActive().textContent.trim() === h, heading);
    assert.equal((await page.locator('[role="status"]').innerText()).trim(), t('status.language', {}, 'pl'));
    assert.equal(await page.getByLabel(heading).inputValue(), 'The lift has been broken for a month.', 'typed text kept');
    assert.deepEqual(await rootLang(page), { lang: 'pl', dir: 'ltr' });
    // Back a page: the choice made in English is still chosen, now in Polish.
    await press(page, t('nav.back', {}, 'pl'));
    await page.waitForFunction((h) => __prActive()?.textContent.trim() === h, label('reported_before', { locale: 'pl' }));
    assert.equal(await page.getByLabel(t('reported_before.yes', {}, 'pl'), { exact: true }).isChecked(), true);
    // The choice is kept for the next visit, with the answers.
    await page.reload();
    // The draft, in its language, waits for the resident to continue it.
    await page.getByRole('button', { name: t('resume.continue', {}, 'pl'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: label('reported_before', { locale: 'pl' }) }).waitFor();
    assert.equal((await rootLang(page)).lang, 'pl');
    await press(page, 'English');
    await page.waitForFunction((h) => __prActive()?.textContent.trim() === h, label('reported_before'));
  } finally {
    await b.close();
  }
});

test('a language whose words cannot be fetched: a visible note, the form stays as it was, nothing lost', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.route('**/i18n/cy.json', (route) => route.fulfill({ status: 503, body: 'down' }));
    await fresh(page, site.url);
    await check(page, 'I have no heating');
    await press(page, 'Cymraeg');
    const note = page.locator('.pr-notice');
    await note.waitFor();
    assert.equal((await note.innerText()).trim(), t('status.language_failed'));
    assert.deepEqual(await rootLang(page), { lang: 'en-GB', dir: 'ltr' });
    assert.equal(await page.getByLabel('I have no heating', { exact: true }).isChecked(), true);
    assert.ok(b.consoleMessages.some((m) => m.type === 'error' && /i18n: could not load .*cy\.json/.test(m.text)), 'the console names what failed');
  } finally {
    await b.close();
  }
});
