// Embedding: the landlord's snippet on pages that fight it. The widget mounts
// into a page with hostile CSS, a page with two independent widgets and the
// demo page under a strict Content-Security-Policy; a journey is completed in
// each and the widget's pixels are compared with the plain demo page. Also:
// events inside the shadow root, the theme's contrast fallback, text size on
// a page with a small html font-size, and the fallbacks when WebAssembly or
// JavaScript cannot run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startReceiver, startSite, openBrowser, schemaErrors, focusedHeading, activeHasClass, ROOT, DIST, ARTIFACTS, axe, widgetReady, closeDemo } from './lib/harness.mjs';
import { step, check, fill, aboutYou, sendAndConfirm, cont } from './lib/journey.mjs';
import { t } from './lib/text.mjs';

const PAGES = join(ROOT, 'tests', 'e2e', 'pages');
const page_ = (name) => readFileSync(join(PAGES, name), 'utf8');
const demoConfig = () => JSON.parse(readFileSync(join(ROOT, 'public', 'config', 'example-homes.json'), 'utf8'));
const FIRST = 'Is any of these happening in your home now?';

const README = () => readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The code block after `<!-- tested: marker -->` in the README, unindented. */
function readmeBlock(marker) {
  const md = README();
  const at = md.indexOf(`<!-- tested: ${marker} -->`);
  assert.ok(at >= 0, `README has a block marked ${marker}`);
  const m = md.slice(at).match(/```\w*\n([\s\S]*?)```/);
  return m[1].replace(/^ {3}/gm, '');
}

/** The Content-Security-Policy the README documents, on one line. */
function readmeCsp() {
  const m = README().match(/Content-Security-Policy: ([\s\S]*?)\n```/);
  assert.ok(m, 'README documents a Content-Security-Policy');
  return m[1].replace(/\s*\n\s*/g, ' ').trim();
}

let receiver, site, browser, cspSite;
let CSP;

before(async () => {
  receiver = await startReceiver();
  const endpoint = `${receiver.url}/submissions`;
  const other = { ...demoConfig(), landlord_name: 'Other Homes', landlord_id: 'other-homes', phone: '0808 157 0300', endpoint: { url: '{{ENDPOINT}}' } };
  const theme = (t) => JSON.stringify({ ...demoConfig(), endpoint: { url: '{{ENDPOINT}}' }, theme: t });
  const extra = {
    '/hostile.html': page_('hostile.html'), '/hostile.css': page_('hostile.css'),
    '/two.html': page_('two.html'), '/two.css': page_('two.css'), '/same.html': page_('same.html'),
    '/theme.html': page_('theme.html'), '/theme.css': page_('theme.css'),
    '/config/other-homes.json': JSON.stringify(other),
    '/config/branded.json': theme({ brand_colour: '#6a1b5f', font_family: 'Georgia, serif', border_radius: 8, logo_url: '{{ORIGIN}}/logo.svg' }),
    '/config/pale.json': theme({ brand_colour: '#9ecbff' }),
    '/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#6a1b5f"/></svg>',
    '/csp-check.html': page_('csp-check.html'),
    '/iframe.html': page_('iframe.html'),
  };
  site = await startSite({ endpoint, extra });
  // The policy the README documents, with the receiver as the endpoint.
  CSP = readmeCsp().replace('https://your-endpoint.example', receiver.url);
  cspSite = await startSite({ endpoint, extra, headers: { 'content-security-policy': CSP } });
  browser = await openBrowser({ viewport: { width: 1024, height: 900 } });
});

after(async () => {
  await cspSite?.close();
  await closeDemo({ receiver, site, browser });
});

/**
 * The page, with getByLabel/getByRole/locator limited to one widget host, so
 * the shared journey helpers drive one of several widgets on a page.
 */
function within(page, host) {
  const root = page.locator(host);
  const scoped = new Set(['getByLabel', 'getByRole', 'getByText', 'locator']);
  return new Proxy(page, {
    get(target, key) {
      if (scoped.has(key)) return root[key].bind(root);
      const v = target[key];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Opens `url` with nothing remembered, at the first question, in the widget at `host`. */
async function freshIn(page, url, host) {
  if (url) await page.goto(url);
  const w = within(page, host);
  await w.getByRole('button', { name: 'Clear my answers', exact: true }).click();
  await w.getByRole('heading', { level: 1, name: FIRST }).waitFor();
  await w.locator('.putright h1').focus();
  return w;
}

/** The adjustments journey, start to finish; returns the stored payload. */
async function adjustments(p, prefix) {
  await step(p, `${prefix}-hazards`, { heading: FIRST, required: true, answer: (pg) => check(pg, 'None of these') });
  await step(p, `${prefix}-start`, { heading: 'What do you want to do?', answer: (pg) => check(pg, 'Ask us to change how we contact or support you') });
  await step(p, `${prefix}-needs`, { heading: 'What would help you?', answer: (pg) => check(pg, 'Large print') });
  await step(p, `${prefix}-disability`, { heading: 'Do you want to tell us about a disability or health condition? (optional)' });
  await aboutYou(p, prefix);
  const reference = await sendAndConfirm(p, prefix, 'Your request for support has been sent');
  const mine = (await receiver.submissions()).filter((s) => s.reference === reference);
  assert.equal(mine.length, 1, `${prefix}: stored once as ${reference}`);
  assert.deepEqual(schemaErrors(mine[0].submission), [], `${prefix}: payload matches the schema`);
  return mine[0].submission;
}

/** A PNG of the widget (its .putright root) in the host at `host`, with the pointer out of the way. */
async function widgetShot(page, host, name) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  const png = await page.locator(`${host} .putright`).screenshot({ caret: 'initial' });
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });
  writeFileSync(join(ARTIFACTS, 'screens', `embed-${name}.png`), png);
  return png;
}

/** Compares two PNGs pixel by pixel (decoded in a blank page); returns { size, differing }. */
async function comparePngs(a, b) {
  const cmp = await browser.context.newPage();
  try {
    return await cmp.evaluate(async ([a64, b64]) => {
      const decode = async (b64) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        return { w: bitmap.width, h: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
      };
      const [x, y] = await Promise.all([decode(a64), decode(b64)]);
      if (x.w !== y.w || x.h !== y.h) return { size: [`${x.w}x${x.h}`, `${y.w}x${y.h}`], differing: -1 };
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) differing += 1;
      }
      return { size: [`${x.w}x${x.h}`, `${y.w}x${y.h}`], differing };
    }, [a.toString('base64'), b.toString('base64')]);
  } finally {
    await cmp.close();
  }
}

async function assertSameAsDemo(png, demo, what) {
  const r = await comparePngs(png, demo);
  assert.equal(r.size[0], r.size[1], `${what}: same size as on the demo page`);
  assert.equal(r.differing, 0, `${what}: ${r.differing} pixels differ from the demo page`);
}

let demoFirst;
/** The widget's first question on the plain demo page: the reference picture. */
async function demoShot() {
  if (!demoFirst) {
    const { page } = browser;
    await freshIn(page, site.url, '#complaints-widget');
    demoFirst = await widgetShot(page, '#complaints-widget', 'demo-first');
  }
  return demoFirst;
}

test('the widget lives in an open shadow root, and clicks, typing, keys and focus work inside it', async () => {
  const { page } = browser;
  await freshIn(page, site.url, '#complaints-widget');
  const where = await page.evaluate(() => {
    const host = document.querySelector('#complaints-widget');
    return {
      inShadow: !!host.shadowRoot?.querySelector('.putright'),
      inDocument: document.querySelector('.putright') !== null,
      documentSheets: [...document.styleSheets].map((s) => s.href?.split('/').pop()),
    };
  });
  assert.deepEqual(where, { inShadow: true, inDocument: false, documentSheets: ['demo.css'] },
    'the widget and its stylesheet are inside the shadow root, none of it in the page');
  // Keyboard only: Tab to the first radio, Space to choose, Enter on Continue.
  const none = page.getByLabel('None of these', { exact: true });
  await none.focus();
  await page.keyboard.press('Space');
  assert.equal(await none.isChecked(), true, 'Space checks a radio inside the shadow root');
  await page.getByRole('button', { name: 'Continue', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focusedHeading(page), 'What do you want to do?', 'Enter on Continue moves on, focus follows into the shadow root');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'complaints-widget', 'focus is inside the host');
  // An empty Continue: the error summary takes focus and its link focuses the field, without changing the URL.
  const urlBefore = page.url();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.locator('.pr-error-summary').waitFor();
  assert.equal(await activeHasClass(page, 'pr-error-summary'), true);
  await page.locator('.pr-error-summary a').first().click();
  assert.equal(await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.type;
  }), 'radio', 'the error link focuses the first radio');
  assert.equal(page.url(), urlBefore, 'the error link does not touch the host URL');
  // Typing: the character count below a textarea updates on each input event.
  await page.getByLabel('Ask us to change how we contact or support you', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  assert.equal(await focusedHeading(page), 'What would help you?');
  await check(page, 'Something else');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  assert.equal(await focusedHeading(page), 'Tell us more about what you need');
  const other = page.getByLabel('What else would help?', { exact: true });
  const count = page.locator('.pr-count');
  const before = await count.innerText();
  await other.pressSequentially('abc');
  assert.equal(await other.inputValue(), 'abc');
  assert.notEqual(await count.innerText(), before, 'the character count follows each input event');
});

test('hostile host CSS: the widget looks exactly as on the demo page, and the page keeps its own lang, title, styles and URL', async () => {
  const { page } = browser;
  const demo = await demoShot();
  const url = `${site.url}/hostile.html`;
  await page.goto(url);
  const hostBefore = await page.evaluate(() => ({
    h1: getComputedStyle(document.querySelector('#host-heading')).fontSize,
    button: getComputedStyle(document.querySelector('#host-button')).backgroundColor,
  }));
  const p = await freshIn(page, null, '#hostile-widget');
  await assertSameAsDemo(await widgetShot(page, '#hostile-widget', 'hostile-first'), demo, 'hostile page');
  // Text stays at the resident's default size although html is 62.5%.
  const sizes = await page.evaluate(() => {
    const root = document.querySelector('#hostile-widget').shadowRoot;
    return { html: getComputedStyle(document.documentElement).fontSize, text: getComputedStyle(root.querySelector('.putright')).fontSize };
  });
  assert.deepEqual(sizes, { html: '10px', text: '16px' });
  const historyBefore = await page.evaluate(() => history.length);
  const payload = await adjustments(p, 'embed-hostile');
  assert.equal(payload.kind, 'adjustments_request');
  const after = await page.evaluate(() => ({
    lang: document.documentElement.lang, title: document.title, sheets: document.styleSheets.length,
    h1: getComputedStyle(document.querySelector('#host-heading')).fontSize,
    button: getComputedStyle(document.querySelector('#host-button')).backgroundColor,
    history: history.length, url: location.href,
  }));
  assert.equal(after.lang, 'cy', 'html lang untouched');
  assert.equal(after.title, 'Hostile host page', 'title untouched without data-manage-title');
  assert.equal(after.sheets, 1, 'no stylesheet added to the page');
  assert.deepEqual({ h1: after.h1, button: after.button }, hostBefore, 'the host page\'s own elements keep their styles');
  assert.equal(after.url, url, 'the URL is unchanged');
  assert.ok(after.history > historyBefore, 'the widget adds its own history entries');
  assert.ok(after.history - historyBefore <= 10, 'and only one per step');
});

test('larger browser text: the widget follows the resident\'s default size (200%), even under html { font-size: 62.5% }', async () => {
  const { page, context } = browser;
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    for (const [path, host] of [['/hostile.html', '#hostile-widget'], ['/', '#complaints-widget']]) {
      await page.goto(site.url + path);
      await widgetReady(page, host);
      await page.locator(`${host} .putright h1`).waitFor();
      const px = await page.evaluate((h) => {
        const root = document.querySelector(h).shadowRoot;
        return ['.putright', '.putright h1', '.putright .pr-button']
          .map((s) => parseFloat(getComputedStyle(root.querySelector(s)).fontSize));
      }, host);
      assert.deepEqual(px, [32, 56, 36], `${path}: body, heading and button text at twice the size`);
      // Nothing spills sideways at 200%.
      const overflow = await page.evaluate((h) => {
        const r = document.querySelector(h).shadowRoot.querySelector('.putright');
        return r.scrollWidth - r.clientWidth;
      }, host);
      assert.equal(overflow, 0, `${path}: no horizontal overflow`);
    }
  } finally {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
    await cdp.detach();
  }
});

test('two independent widgets on one page: each completes its own journey to its own landlord', async () => {
  const { page } = browser;
  const demo = await demoShot();
  await page.goto(`${site.url}/two.html`);
  const first = await freshIn(page, null, '#first');
  const second = await freshIn(page, null, '#second');
  await assertSameAsDemo(await widgetShot(page, '#first', 'two-first'), demo, 'first of two widgets');
  // Answering in one leaves the other where it was. (The keyboard helpers
  // tab on from wherever focus is, so start in the first widget.)
  await first.locator('.putright h1').focus();
  await check(first, 'None of these');
  await first.getByRole('button', { name: 'Continue', exact: true }).click();
  await first.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  assert.equal(await second.getByRole('heading', { level: 1 }).innerText(), FIRST, 'the second widget did not move');
  assert.equal(await second.getByLabel('None of these', { exact: true }).isChecked(), false);
  await first.getByRole('button', { name: 'Back' }).click();
  await first.getByRole('heading', { level: 1, name: FIRST }).waitFor();
  await freshIn(page, null, '#first');

  const a = await adjustments(first, 'embed-two-first');
  await second.locator('.putright h1').focus();
  const b = await adjustments(second, 'embed-two-second');
  assert.equal(a.landlord_id, 'example-homes');
  assert.equal(b.landlord_id, 'other-homes');
  assert.equal(await page.title(), 'Two widgets', 'neither widget set the title');
  assert.deepEqual(await axe(page), [], 'axe on both widgets');
});

test('two widgets of one landlord, and one mounted later: every id on the page differs, and each keeps its own draft', async () => {
  const { page } = browser;
  await page.goto(`${site.url}/same.html`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  for (const h of ['.one', '.two']) { await widgetReady(page, h); await page.locator(`${h} .putright h1`).waitFor(); }
  // A third, added after the page loaded (the README's mount()).
  await page.evaluate(async () => {
    const host = Object.assign(document.createElement('section'), { className: 'three' });
    host.setAttribute('data-putright', '');
    host.setAttribute('data-config-url', 'config/example-homes.json');
    document.body.append(host);
    (await import('/putright.js')).mount();
  });
  await widgetReady(page, '.three');
  await page.locator('.three .putright h1').waitFor();
  const ids = await page.evaluate(() => [...document.querySelectorAll('[data-putright]')]
    .flatMap((h) => [...h.shadowRoot.querySelectorAll('[id]')].map((e) => e.id)));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'an id used twice');
  assert.deepEqual(await page.evaluate(() => ['.one', '.two', '.three'].map((h) => document.querySelector(h).shadowRoot.querySelector('.putright').id)),
    ['putright-0', 'putright-1', 'putright-2']);

  // An answer in the first widget is its own: after a reload only it offers to continue.
  const one = within(page, '.one');
  await one.locator('.putright h1').focus();
  await check(one, 'None of these');
  await one.getByRole('button', { name: 'Continue', exact: true }).click();
  await one.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('putright:example-homes:draft') || '{}').page === 'task');
  await page.reload();
  for (const h of ['.one', '.two']) { await widgetReady(page, h); await page.locator(`${h} .putright h1`).waitFor(); }
  await page.locator('.one .putright h1', { hasText: 'You started this' }).waitFor();
  assert.equal(await page.locator('.two .putright h1').innerText(), FIRST, 'the second widget starts afresh');
  await page.evaluate(() => localStorage.clear());
});

test('strict CSP (no inline script, wasm-unsafe-eval only): the demo page works and looks the same', async () => {
  const { page } = browser;
  const demo = await demoShot();
  // Every violation, with the file it came from. axe-core (run by the test on
  // each step) adds a <style> from an injected script, which has no source
  // file; the page's and the widget's own code always have one.
  await page.context().addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(
      { directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));
  });
  const ours = () => page.evaluate(() => window.cspViolations.filter((v) => v.source));
  // Control: the same policy refuses an inline script in the page, and the refusal is seen.
  await page.goto(`${cspSite.url}/csp-check.html`);
  assert.equal(await page.locator('#out').innerText(), 'not run', 'the policy is enforced');
  assert.deepEqual((await ours()).map((v) => v.directive), ['script-src-elem'], 'the refusal is recorded');

  const response = await page.goto(cspSite.url);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the demo page is served with the strict policy');
  const p = await freshIn(page, null, '#complaints-widget');
  await assertSameAsDemo(await widgetShot(page, '#complaints-widget', 'csp-first'), demo, 'demo page under CSP');
  const payload = await adjustments(p, 'embed-csp');
  assert.equal(payload.landlord_id, 'example-homes');
  assert.deepEqual(await ours(), [], 'no CSP violations from the page or the widget');

  // A photo's preview (an object URL) shows under the same policy.
  await freshIn(page, null, '#complaints-widget');
  await check(p, 'None of these'); await cont(p);
  await check(p, 'Take your complaint to the next stage'); await cont(p);
  for (let i = 0; i < 3; i++) await cont(p); // reference, response date and reasons: optional
  const photo = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 40; c.height = 30;
    c.getContext('2d').fillRect(0, 0, 40, 30);
    const bytes = new Uint8Array(await (await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9))).arrayBuffer());
    return [...bytes];
  });
  await p.locator('input[type=file][multiple]').setInputFiles({ name: 'mould.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
  await page.waitForFunction(() => {
    const img = document.querySelector('#complaints-widget').shadowRoot.querySelector('img.pr-file-list__thumb');
    return img?.complete && img.getAttribute('src')?.startsWith('blob:');
  }, null, { timeout: 30000 });
  assert.ok(await page.evaluate(() => document.querySelector('#complaints-widget').shadowRoot.querySelector('img.pr-file-list__thumb').naturalWidth > 0),
    'the preview loaded');
  assert.deepEqual(await page.evaluate(() => window.cspViolations.filter((v) => v.directive.startsWith('img-src'))), [], 'no image refused');
});

test('theme: brand colour, font, radius and logo from the config; failing contrast falls back with a warning naming the setting', async () => {
  const { page } = browser;
  const from = browser.consoleMessages.length;
  await page.goto(`${site.url}/theme.html`);
  for (const h of ['#branded', '#pale', '#css-themed']) { await widgetReady(page, h); await page.locator(`${h} .putright h1`).waitFor(); }
  // The branded logo has loaded (or failed: then the check below says so).
  await page.waitForFunction(() => document.querySelector('#branded').shadowRoot.querySelector('img.pr-logo')?.complete);
  const look = (host) => page.evaluate((h) => {
    const root = document.querySelector(h).shadowRoot;
    const button = getComputedStyle(root.querySelector('.pr-button'));
    const probe = root.querySelector('.putright');
    const link = document.createElement('a');
    link.href = '#x';
    probe.append(link);
    const linkColour = getComputedStyle(link).color;
    link.remove();
    const logo = root.querySelector('img.pr-logo');
    return {
      button: button.backgroundColor, radius: button.borderTopLeftRadius, link: linkColour,
      font: getComputedStyle(probe).fontFamily, logo: logo ? { alt: logo.alt, loaded: logo.complete && logo.naturalWidth > 0 } : null,
    };
  }, host);
  assert.deepEqual(await look('#branded'), {
    button: 'rgb(106, 27, 95)', radius: '8px', link: 'rgb(106, 27, 95)', font: 'Georgia, serif',
    logo: { alt: 'Example Homes', loaded: true },
  });
  const pale = await look('#pale');
  assert.deepEqual([pale.button, pale.link], ['rgb(0, 112, 60)', 'rgb(29, 79, 145)'], 'a pale brand colour falls back to the safe colours');
  const css = await look('#css-themed');
  assert.deepEqual([css.button, css.radius, css.font], ['rgb(92, 45, 145)', '6px', 'Georgia, serif'], 'custom properties on the host element theme the widget');
  assert.equal(css.link, 'rgb(29, 79, 145)', 'a link colour that fails 4.5:1 falls back');
  const warnings = browser.consoleMessages.slice(from).filter((m) => m.type === 'warning').map((m) => m.text);
  assert.ok(warnings.some((w) => w.startsWith('Put Right: theme.brand_colour: --pr-link (#9ecbff) has contrast')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.startsWith('Put Right: theme.brand_colour: ') && w.includes('against --pr-button (#9ecbff)')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.startsWith('Put Right: --pr-link (#9a9a9a) has contrast')), warnings.join('\n'));
  assert.equal(warnings.filter((w) => w.includes('#6a1b5f')).length, 0, 'a brand colour that passes is not warned about');
  assert.deepEqual(await axe(page), [], 'axe on all three themed widgets');
});

test('if WebAssembly cannot load, the placeholder shows the landlord\'s phone, email and address', async () => {
  const abort = (pg) => pg.route('**/put-right_bg.wasm', (r) => r.abort());
  const PLAIN = '#complaints-widget [data-pr-plain] .pr-contact'; // under the plain first question, which keeps working
  for (const [what, setup, where] of [
    ['wasm file unreachable', abort, PLAIN],
    ['no WebAssembly in the browser', (pg) => pg.addInitScript(() => { delete globalThis.WebAssembly; }), PLAIN],
    // A draft in progress: the loader draws no first question, so the details replace the placeholder.
    ['wasm file unreachable, a draft in progress', async (pg) => {
      await pg.addInitScript(() => localStorage.setItem('putright:example-homes:draft', JSON.stringify({ v: 2, page: 'task', answers: { hazards: ['none'] }, trail: ['hazards'] })));
      await abort(pg);
    }, '#complaints-widget .putright-fallback[role="region"]'],
  ]) {
    // A page of its own, so the broken wasm does not outlive this test.
    const page = await browser.context.newPage();
    const messages = [];
    page.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
    try {
      await page.addInitScript(() => localStorage.clear()); // a fresh start, unless the case sets a draft
      await setup(page);
      await page.goto(site.url);
      await page.locator('#complaints-widget[data-putright-status="failed"]').waitFor({ state: 'attached' });
      const box = page.locator(where);
      const text = await box.innerText();
      assert.match(text, /not working/, what);
      for (const detail of ['0808 157 0192', 'complaints@example.com', '1 Example Street', 'EX1 1AA']) assert.ok(text.includes(detail), `${what}: shows ${detail}`);
      assert.equal(await box.getByRole('link', { name: '0808 157 0192' }).getAttribute('href'), 'tel:08081570192');
      assert.ok(messages.some((m) => m.type === 'error' && /could not start/.test(m.text)), `${what}: console error`);
    } finally {
      await page.close();
    }
  }
});

test('the contact-details fallback is in the resident\'s language, right to left for Urdu', async () => {
  for (const [what, draft, where] of [
    // Under the plain first question, in Urdu once the config says the landlord offers it.
    ['under the plain first question', null, '#complaints-widget .putright[lang="ur"] .pr-contact'],
    // A draft in progress: no plain question, so the details replace the placeholder.
    ['a draft in progress', { v: 2, page: 'task', answers: { hazards: ['none'] }, trail: ['hazards'] }, '#complaints-widget .putright-fallback[lang="ur"]'],
  ]) {
    const page = await browser.context.newPage();
    try {
      await page.addInitScript((saved) => {
        Object.defineProperty(navigator, 'languages', { get: () => ['ur-PK', 'en'] });
        localStorage.clear(); // no draft from earlier tests: its language would win
        if (saved) localStorage.setItem('putright:example-homes:draft', JSON.stringify(saved));
      }, draft);
      await page.route('**/put-right_bg.wasm', (r) => r.abort());
      await page.goto(site.url);
      await page.locator('#complaints-widget[data-putright-status="failed"]').waitFor({ state: 'attached' });
      const box = page.locator(where);
      await box.waitFor();
      const place = await box.evaluate((b) => ({ lang: b.closest('[lang]').getAttribute('lang'), dir: b.closest('[dir]').getAttribute('dir') }));
      assert.deepEqual(place, { lang: 'ur', dir: 'rtl' }, what);
      assert.equal(await box.getAttribute('aria-label'), t('loader.region', {}, 'ur'), what);
      const text = await box.innerText();
      for (const words of [t('fallback.title', {}, 'ur'), t('loader.phone', {}, 'ur'), '0808 157 0192']) assert.ok(text.includes(words), `${what}: shows ${words}: ${text}`);
      assert.equal(await box.getByRole('link', { name: '0808 157 0192' }).getAttribute('dir'), 'ltr', `${what}: the phone number reads left to right`);
      assert.deepEqual(await axe(page), [], `axe on the Urdu fallback, ${what}`);
    } finally {
      await page.close();
    }
  }
});

test('without JavaScript, the noscript text gives the phone number and email', async () => {
  const nojs = await openBrowser({ viewport: { width: 1024, height: 900 }, javaScriptEnabled: false });
  try {
    await nojs.page.goto(site.url);
    const text = await nojs.page.locator('#complaints-widget').innerText();
    assert.match(text, /needs JavaScript/);
    for (const detail of ['0808 157 0192', 'complaints@example.com', '1 Example Street']) assert.ok(text.includes(detail), detail);
  } finally {
    await nojs.close();
  }
});

test('a newcomer following the README embeds the widget in a blank page pointed at the reference receiver', async () => {
  // Exactly the README's files: its page, its config (pointed at this test's receiver) and the files its cp command copies.
  const dir = mkdtempSync(join(tmpdir(), 'putright-readme-'));
  const readmeSite = { close: async () => {} };
  try {
    const named = [...readmeBlock('copy').matchAll(/dist\/(\S+)/g)].map((m) => m[1]);
    assert.deepEqual(named.sort(), ['*.wasm', '__wasm_split.js', 'i18n', 'put-right.js', 'putright.css', 'putright.js']);
    // The shell's `dist/*.wasm`: the main module and the lazy parts.
    const files = named.flatMap((f) => (f === '*.wasm' ? readdirSync(DIST).filter((x) => x.endsWith('.wasm')) : [f]));
    assert.ok(files.includes('put-right_bg.wasm') && files.includes('split_check.wasm'), `the wasm files: ${files.join(', ')}`);
    mkdirSync(join(dir, 'putright'));
    for (const f of files) cpSync(join(DIST, f), join(dir, 'putright', f), { recursive: true });
    writeFileSync(join(dir, 'index.html'), readmeBlock('page'));
    writeFileSync(join(dir, 'my-config.json'), readmeBlock('config').replace('http://localhost:8787', receiver.url));
    Object.assign(readmeSite, await startSite({ root: dir }));
    const { page } = browser;
    const p = await freshIn(page, readmeSite.url, '[data-putright]');
    const payload = await adjustments(p, 'embed-readme');
    assert.equal(payload.landlord_id, 'my-homes');
    assert.equal(await page.title(), 'Complaints - My Homes');
  } finally {
    await readmeSite.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the iframe fallback: frame.html in a frame completes a journey and reaches the receiver', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${site.url}/iframe.html`);
    const frame = page.frame({ url: /\/frame\.html$/ });
    assert.ok(frame, 'the frame loaded frame.html');
    // Frames have no keyboard of their own: plain Playwright actions here.
    const tick = (f, label) => f.getByLabel(label, { exact: true }).check();
    const type = (f, label, value) => f.getByLabel(label, { exact: true }).fill(value);
    const go = () => frame.getByRole('button', { name: 'Continue', exact: true }).click();
    await frame.getByRole('button', { name: 'Clear my answers' }).click();
    await frame.getByRole('heading', { level: 1, name: FIRST }).waitFor();
    await tick(frame, 'None of these'); await go();
    await tick(frame, 'Ask us to change how we contact or support you'); await go();
    await tick(frame, 'Large print'); await go();
    await go();
    await type(frame, 'What is your full name?', 'Framed Resident'); await go();
    await type(frame, 'Address line 1', '3 Frame Street'); await type(frame, 'Postcode', 'EX1 1AA'); await go();
    await type(frame, 'Email address (optional)', 'framed@example.com'); await go();
    await tick(frame, 'Email'); await go();
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    const ref = frame.locator('.pr-reference');
    await ref.waitFor({ timeout: 20000 });
    const reference = (await ref.innerText()).trim();
    const mine = (await receiver.submissions()).filter((s) => s.reference === reference);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].submission.resident.name, 'Framed Resident');
    assert.deepEqual(schemaErrors(mine[0].submission), []);
    // The host page is untouched: its title and its only h1.
    assert.equal(await page.title(), 'Complaints (iframe)');
    assert.equal(await page.locator('h1').count(), 1);
  } finally {
    await page.close();
  }
});
