// Accessibility beyond what every journey step already checks (lib/a11y.mjs):
// keyboard-only journeys with a visible, unobscured focus indicator and no
// trap; the "Larger text" control; status announcements; the default
// palette's contrast; forced colours; reduced motion; and the stylesheet's
// units. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { openDemo, closeDemo, startSite, openBrowser, axe, focusedHeading, snap, ROOT, widgetReady } from './lib/harness.mjs';
import { check, cont, shortJourney } from './lib/journey.mjs';
import { checkStep, readTree, layoutProblems } from './lib/a11y.mjs';
import { decodePng, contrast, parseColor } from './lib/pixels.mjs';
import { focused, assertNotObscured, tabTo } from './lib/keyboard.mjs';

let receiver, site, browser;

before(async () => ({ receiver, site, browser } = await openDemo()));
after(() => closeDemo({ receiver, site, browser }));

const press = (page, key) => page.keyboard.press(key);
const heading = async (page, text) => assert.equal(await focusedHeading(page), text);

/** Clears any earlier draft with the keyboard alone. */
async function keyboardFresh(page) {
  await page.goto(site.url);
  await widgetReady(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await tabTo(page, 'Clear my answers');
  await press(page, 'Enter');
  await heading(page, 'Is any of these happening in your home now?');
}

test('keyboard only: a request for support, from the first question to the confirmation', async () => {
  const { page } = browser;
  const kinds = new Set();
  await keyboardFresh(page);
  await tabTo(page, 'None of these', { checked: kinds });
  await press(page, 'Space');
  assert.equal((await focused(page)).checked, true, 'Space ticks a checkbox');
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'What do you want to do?');
  // Into the radios, then arrow keys choose.
  const first = await tabTo(page, (f) => f.tag === 'input', { checked: kinds });
  assert.equal(first.name, 'Tell us something has gone wrong or you are unhappy');
  for (let i = 0; i < 3; i++) await press(page, 'ArrowDown');
  const chosen = await focused(page);
  assert.equal(chosen.name, 'Ask us to change how we contact or support you');
  assert.equal(chosen.checked, true, 'arrow keys choose a radio');
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'What would help you?');
  // Shift+Tab from the heading reaches Back; Enter goes back, the choice kept.
  await tabTo(page, 'Back', { back: true, checked: kinds });
  await press(page, 'Enter');
  await heading(page, 'What do you want to do?');
  assert.equal(await page.getByLabel('Ask us to change how we contact or support you').isChecked(), true);
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Space');

  await heading(page, 'What would help you?');
  await tabTo(page, 'An interpreter, including British Sign Language (BSL)', { checked: kinds });
  await press(page, 'Space');
  await tabTo(page, 'Contact only at certain times', { checked: kinds });
  await press(page, 'Space');
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'Tell us more about what you need');
  await tabTo(page, 'Which language do you need?', { checked: kinds });
  await page.keyboard.type('British Sign Language');
  await tabTo(page, 'When should we contact you?', { checked: kinds });
  await page.keyboard.type('Weekday afternoons');
  // Enter in a text box sends the form, as in any HTML form.
  await press(page, 'Enter');

  await heading(page, 'Do you want to tell us about a disability or health condition? (optional)');
  await tabTo(page, (f) => f.tag === 'textarea', { checked: kinds });
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'What is your full name?');
  // An empty Continue: the error summary takes focus; its link leads to the field.
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');
  await page.waitForFunction(() => __prActive()?.classList.contains('pr-error-summary'));
  await tabTo(page, 'Enter your full name', { checked: kinds });
  await press(page, 'Enter');
  assert.equal((await focused(page)).name, 'What is your full name?', 'the summary link moves focus to the field');
  await page.keyboard.type('Sam Resident');
  await press(page, 'Enter');

  await heading(page, 'What is your address?');
  await tabTo(page, 'Address line 1', { checked: kinds });
  await page.keyboard.type('Flat 2, 10 Example Road');
  await tabTo(page, 'Postcode', { checked: kinds });
  await page.keyboard.type('EX1 1AA');
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'How can we contact you?');
  await tabTo(page, 'Phone number (optional)', { checked: kinds });
  await page.keyboard.type('07700 900 982');
  await press(page, 'Enter');

  await heading(page, 'How should we contact you about this?');
  await tabTo(page, (f) => f.tag === 'input', { checked: kinds });
  await press(page, 'ArrowDown');
  assert.equal((await focused(page)).name, 'Text message');
  await tabTo(page, 'Continue', { checked: kinds });
  await press(page, 'Enter');

  await heading(page, 'Check your answers');
  await tabTo(page, (f) => f.name.startsWith('Change'), { checked: kinds });
  await tabTo(page, 'Send', { checked: kinds });
  await press(page, 'Enter');
  await heading(page, 'Your request for support has been sent');
  await tabTo(page, 'Download a copy of what you sent (text file)', { checked: kinds });
  await tabTo(page, 'Print this page', { checked: kinds });
  await tabTo(page, 'Do something else', { checked: kinds });
  await tabTo(page, 'Clear my answers and finish', { checked: kinds });

  const stored = (await receiver.submissions()).map((s) => s.submission).filter((s) => s.resident?.name === 'Sam Resident' && s.kind === 'adjustments_request');
  assert.ok(stored.some((s) => s.adjustments.interpreter === 'british_sign_language'), 'the keyboard-only submission arrived');
  for (const k of ['button[submit].pr-button', 'button[button].pr-button', 'button[button].pr-button.pr-button--secondary', 'input[checkbox].',
    'input[radio].', 'input[text].', 'textarea[textarea].', 'button[button].pr-back', 'button[button].pr-link-button', 'a.']) {
    assert.ok(kinds.has(k), `the focus indicator of ${k} was measured (measured: ${[...kinds].join(', ')})`);
  }
});

test('no keyboard trap: Tab and Shift+Tab both leave the widget', async () => {
  const { page } = browser;
  await keyboardFresh(page);
  await check(page, 'None of these');
  await cont(page);
  await check(page, 'Tell us something has gone wrong or you are unhappy');
  await cont(page);
  await check(page, 'Yes, I have told you before');
  await cont(page);
  await heading(page, 'What has gone wrong?');
  await page.getByLabel('What has gone wrong?').focus();
  await page.keyboard.type('Some text');
  // Forwards: out of the widget (nothing focusable follows it on the demo page).
  const out = await tabTo(page, (f) => !f.inWidget, { limit: 20 });
  assert.equal(out.inWidget, false);
  // Backwards from the heading: through the toolbar to the host page's links.
  await page.evaluate(() => __prq('.putright h1').focus());
  const host = await tabTo(page, (f) => !f.inWidget, { back: true, limit: 20 });
  assert.equal(host.tag, 'a', 'Shift+Tab reaches the landlord page');
});

test('focus is not hidden behind a landlord page\'s sticky header that sets scroll-padding', async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 320, height: 256 });
  try {
    await keyboardFresh(page);
    await page.addStyleTag({ content: '.eh-header { position: sticky; top: 0; z-index: 5; } html { scroll-padding-top: var(--eh-header-height); }' });
    await page.evaluate(() => document.documentElement.style.setProperty('--eh-header-height', `${document.querySelector('.eh-header').offsetHeight + 8}px`));
    await page.evaluate(() => __prq('.putright h1').focus());
    // Down through the checkboxes and back up again, each stop visible.
    await tabTo(page, 'Continue');
    await tabTo(page, 'Clear my answers', { back: true });
    await check(page, 'None of these');
    await cont(page);
    await heading(page, 'What do you want to do?');
    await assertNotObscured(page, 'the next step\'s heading');
  } finally {
    await page.setViewportSize({ width: 360, height: 740 });
  }
});

test('"Larger text" makes the widget\'s text bigger, is pressed, and is remembered with the draft', async () => {
  const { page } = browser;
  await keyboardFresh(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(__prq('.putright h1')).fontSize));
  const normal = await size();
  const toggle = page.getByRole('button', { name: 'Larger text' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await tabTo(page, 'Larger text');
  await press(page, 'Enter');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok(await size() >= normal * 1.2, 'text is larger');
  await check(page, 'None of these');
  await cont(page);
  await heading(page, 'What do you want to do?');
  // Remembered with the draft: after a reload it is still on.
  await page.reload();
  // The draft waits for the resident to say it is theirs; the text size is already theirs.
  await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Larger text' }).getAttribute('aria-pressed'), 'true', 'pressed on the first page after reload');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Larger text' }).getAttribute('aria-pressed'), 'true', 'still pressed after reload');
  assert.ok(await size() >= normal * 1.2, 'still larger after reload');
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('putright:example-homes:draft')));
  assert.equal(draft.large_text, true, 'kept in the draft');
  await page.evaluate(() => __prq('.putright h1').focus());
  await checkStep(page, 'larger-text-start', 'normal');
  // And at 320 px with the browser's text at 200% too.
  await page.setViewportSize({ width: 320, height: 256 });
  try {
    assert.deepEqual(await page.evaluate(layoutProblems, { targets: true }), [], 'larger text at 320 px');
    await snap(page, 'larger-text-320');
  } finally {
    await page.setViewportSize({ width: 360, height: 740 });
  }
  await page.getByRole('button', { name: 'Larger text' }).click();
  assert.equal(await page.getByRole('button', { name: 'Larger text' }).getAttribute('aria-pressed'), 'false');
  assert.ok(Math.abs(await size() - normal) < 0.5, 'back to normal size');
});

/** Records every text the polite status region shows, from now on. */
async function recordStatus(page) {
  await page.evaluate(() => {
    const region = __prq('.putright [role="status"][aria-live="polite"]');
    window.__prStatus = [];
    new MutationObserver(() => window.__prStatus.push(region.textContent.trim())).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => window.__prStatus.filter(Boolean));
}

/** Quickly to the check page of a request for support (answers by label). */
const toCheck = (page) => shortJourney(page, site.url, { name: 'Pat Status', email: 'pat@example.com' });

test('saved is announced once, politely, on the first move between steps', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await heading(page, 'Is any of these happening in your home now?');
  const said = await recordStatus(page);
  await check(page, 'None of these');
  await cont(page);
  await heading(page, 'What do you want to do?');
  await page.waitForFunction(() => window.__prStatus.includes('Your answers are saved on this device as you go.'));
  await check(page, 'Ask us to fix something or do something');
  await cont(page);
  await page.getByRole('heading', { level: 1, name: 'What needs doing?' }).waitFor();
  assert.deepEqual(await said(), ['Your answers are saved on this device as you go.'], 'said once, not on every step');
  const region = () => page.evaluate(() => __prq('.putright [role="status"][aria-live="polite"]').textContent.trim());
  assert.equal(await region(), '', 'what was said about the step before is gone once the resident moves on');
});

test('sending and sent are announced through the polite status region', async () => {
  const { page } = browser;
  await toCheck(page);
  const tree = await readTree(page);
  const live = tree.nodes.filter((n) => n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite') && n.role?.value === 'status');
  assert.equal(live.length, 1, 'one polite status region before sending');
  const said = await recordStatus(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await heading(page, 'Your request for support has been sent');
  const texts = await said();
  assert.ok(texts.includes('Sending'), `"Sending" announced (${texts.join(' | ')})`);
  assert.equal(texts.at(-1), 'Sent', `"Sent" announced last (${texts.join(' | ')})`);
});

test('not sent (no connection, or refused) and not saved are announced too', async () => {
  const b = await openBrowser();
  // An endpoint nobody listens on: the browser cannot connect.
  const dead = await startSite({ endpoint: 'http://127.0.0.1:9/submissions' });
  // An endpoint that refuses every submission (CORS allowed, so the browser sees the 422).
  const refuser = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') { res.writeHead(204); res.end(); return; }
    req.resume();
    req.on('end', () => { res.writeHead(422, { 'content-type': 'application/json' }); res.end('{"message":"Refused by the test"}'); });
  });
  await new Promise((r) => refuser.listen(0, '127.0.0.1', r));
  const refusing = await startSite({ endpoint: `http://127.0.0.1:${refuser.address().port}/submissions` });
  const s = site;
  try {
    const { page } = b;
    site = dead;
    await toCheck(page);
    let said = await recordStatus(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForFunction(() => window.__prStatus.some((t) => t.startsWith('Not sent yet')), null, { timeout: 20000 });
    assert.ok((await said()).some((t) => /^Not sent yet\. We will keep trying\./.test(t)));
    assert.deepEqual(await axe(page), [], 'axe while waiting to send');
    await snap(page, 'status-not-sent-yet');

    site = refusing;
    await toCheck(page);
    said = await recordStatus(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForFunction(() => window.__prStatus.some((t) => t.startsWith('Not sent.')), null, { timeout: 20000 });
    assert.ok((await said()).includes('Not sent. Your answers are kept.'));
    assert.deepEqual(await axe(page), [], 'axe after a refusal');
    site = s;

    // Storage that refuses to save: the resident is told, politely.
    await page.addInitScript(() => { Storage.prototype.setItem = () => { throw new Error('quota'); }; });
    await page.goto(site.url);
    await widgetReady(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('None of these').check();
    await page.waitForFunction(() => /not letting us save your answers/.test(__prq('.putright [role="status"][aria-live="polite"]').textContent));
  } finally {
    site = s;
    await b.close(); await dead.close(); await refusing.close(); await new Promise((r) => refuser.close(r));
  }
});

test('default palette: text 4.5:1, interface parts and focus 3:1', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  const v = await page.evaluate(() => {
    const cs = getComputedStyle(__prq('.putright'));
    const out = {};
    for (const n of ['text', 'secondary-text', 'background', 'border', 'input-border', 'link', 'link-visited', 'focus', 'focus-text', 'error', 'success', 'button', 'button-text', 'secondary-button', 'warning-bg', 'panel']) out[n] = cs.getPropertyValue(`--pr-${n}`);
    return out;
  });
  const c = (a, b) => contrast(parseColor(v[a]), parseColor(v[b]));
  const text = [['text', 'background'], ['secondary-text', 'background'], ['link', 'background'], ['link-visited', 'background'],
    ['error', 'background'], ['button-text', 'button'], ['focus-text', 'focus'], ['text', 'secondary-button'], ['text', 'warning-bg'],
    ['text', 'panel'], ['link', 'panel'], ['secondary-text', 'panel'], ['background', 'success']];
  for (const [a, b] of text) assert.ok(c(a, b) >= 4.5, `--pr-${a} on --pr-${b}: ${c(a, b).toFixed(2)} < 4.5`);
  const parts = [['input-border', 'background'], ['border', 'background'], ['error', 'background'], ['focus-text', 'background'], ['button', 'background']];
  for (const [a, b] of parts) assert.ok(c(a, b) >= 3, `--pr-${a} against --pr-${b}: ${c(a, b).toFixed(2)} < 3`);
  // Native checkbox and radio outlines, as drawn: their darkest pixel against the page.
  for (const label of ['None of these']) {
    const box = page.getByLabel(label, { exact: true });
    const img = decodePng(await box.screenshot());
    let best = 1;
    for (let i = 0; i < img.rgba.length; i += 4) best = Math.max(best, contrast([img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]], parseColor(v.background)));
    assert.ok(best >= 3, `the checkbox's edge: ${best.toFixed(2)}:1`);
  }
});

test('nothing is conveyed by colour alone: links underlined, errors in words and a thick bar', async () => {
  const { page } = browser;
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  await check(page, 'None of these'); await cont(page);
  await cont(page); // no choice: errors
  await page.locator('.pr-error-summary').waitFor();
  const facts = await page.evaluate(() => {
    const root = __prq('.putright');
    return {
      links: [...root.querySelectorAll('a')].map((a) => [a.textContent.trim(), getComputedStyle(a).textDecorationLine]),
      messages: [...root.querySelectorAll('.pr-error-message')].map((m) => m.textContent.trim()),
      bars: [...root.querySelectorAll('.pr-form-group--error')].map((g) => parseFloat(getComputedStyle(g).borderLeftWidth)),
      buttons: [...root.querySelectorAll('button.pr-link-button, button.pr-back')].map((b) => [b.textContent.trim(), getComputedStyle(b).textDecorationLine]),
    };
  });
  assert.ok(facts.links.length > 0);
  for (const [t, deco] of [...facts.links, ...facts.buttons]) assert.match(deco, /underline/, `"${t}" is underlined`);
  assert.ok(facts.messages.length > 0 && facts.messages.every((m) => m.startsWith('Error:')), 'each error message says "Error:"');
  assert.ok(facts.bars.length > 0 && facts.bars.every((w) => w >= 4), 'errored groups have a thick bar, not just a colour');
});

test('forced colours (Windows high contrast): borders, focus and errors stay visible', async () => {
  const { page } = browser;
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Clear my answers' }).click();
    await heading(page, 'Is any of these happening in your home now?');
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    assert.deepEqual(await axe(page), [], 'axe in forced colours');
    await snap(page, 'forced-colours-hazards');
    const facts = await page.evaluate(() => {
      const root = __prq('.putright');
      return {
        buttons: [...root.querySelectorAll('.pr-button')].map((b) => [b.textContent.trim(), getComputedStyle(b).borderTopStyle, parseFloat(getComputedStyle(b).borderTopWidth)]),
        adjustNone: [...root.querySelectorAll('*')].filter((e) => getComputedStyle(e).forcedColorAdjust === 'none').map((e) => e.outerHTML.slice(0, 60)),
      };
    });
    for (const [t, style, width] of facts.buttons) assert.ok(style !== 'none' && width >= 1, `button "${t}" keeps a border`);
    assert.deepEqual(facts.adjustNone, [], 'nothing opts out of forced colours');
    // Keyboard focus is still visible when the system draws the colours.
    const kinds = new Set();
    await tabTo(page, 'None of these', { checked: kinds });
    await tabTo(page, 'Continue', { checked: kinds });
    await press(page, 'Enter');
    await page.locator('.pr-error-summary').waitFor();
    assert.deepEqual(await axe(page), [], 'axe in forced colours, error state');
    await snap(page, 'forced-colours-hazards-error');
    assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(__prq('.pr-error-summary')).borderTopWidth) >= 2), 'the error summary keeps its border');
    await tabTo(page, (f) => f.tag === 'a' && f.inWidget, { checked: kinds });
    await tabTo(page, 'Clear my answers', { back: true, checked: kinds });
    for (const k of ['input[checkbox].', 'button[submit].pr-button', 'a.', 'button[button].pr-link-button']) assert.ok(kinds.has(k), `focus on ${k} measured in forced colours`);
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
});

test('reduced motion: nothing moves', async () => {
  const { page } = browser;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    await toCheck(page);
    const moving = await page.evaluate(() => [...__prqa('.putright, .putright *')].filter((e) => {
      const cs = getComputedStyle(e);
      return cs.animationName !== 'none' || cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || cs.scrollBehavior === 'smooth';
    }).map((e) => e.outerHTML.slice(0, 60)));
    assert.deepEqual(moving, []);
  } finally {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  }
});

test('the stylesheet sizes text in rem/em and fixes no heights on text', () => {
  const css = readFileSync(join(ROOT, 'style', 'putright.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const problems = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = m[1].trim();
    for (const decl of m[2].split(';')) {
      const [p, val] = decl.split(':').map((x) => x?.trim());
      if (!p || !val) continue;
      if (/^font(-size)?$/.test(p) && /\d(px|pt)\b/.test(val)) problems.push(`${selector} { ${p}: ${val} }: text in fixed units`);
      if (/^(height|max-height)$/.test(p) && !selector.includes('pr-visually-hidden') && !/::?(before|after)/.test(selector) && !/\binput\b/.test(selector) && !/pr-logo\b/.test(selector)) {
        problems.push(`${selector} { ${p}: ${val} }: a fixed height`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the accessibility statement is published beside the widget, in the public-sector format', async () => {
  const { page } = browser;
  const r = await page.goto(`${site.url}/accessibility.html`);
  assert.equal(r.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Accessibility statement for the Put Right complaints form');
  for (const h of ['Feedback and contact information', 'Reporting accessibility problems with this form', 'Enforcement procedure',
    'Technical information about this form\'s accessibility', 'Compliance status', 'What we test, how, and the results', 'Preparation of this accessibility statement']) {
    assert.equal(await page.getByRole('heading', { name: h, exact: true }).count(), 1, `section "${h}"`);
  }
  assert.deepEqual(await axe(page, 'body'), [], 'axe on the statement');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scrolling at 360 px');
  // The demo landlord page links to it.
  await page.goto(site.url);
  assert.equal(await page.getByRole('link', { name: 'Accessibility statement for the complaints form' }).getAttribute('href'), 'accessibility.html');
});
