// The first question at plain-HTML speed: the loader (public/putright.js)
// draws "Is any of these happening in your home now?" before the wasm has
// arrived, as a working form with the emergency numbers, and the widget takes
// it over when it is ready, keeping what was ticked, the focus and a pending
// Continue. Tests hold or block the wasm request, and wait for states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openBrowser, axe, focusedHeading, activeHasClass, widgetReady, closeDemo } from './lib/harness.mjs';
import { checkStep } from './lib/a11y.mjs';
import { t, label, DEMO } from './lib/text.mjs';

let site, browser;
const HOST = '#complaints-widget';
const QUESTION = label('hazards');

// A landlord's Welsh page: the same widget, the page in Welsh.
const WELSH_PAGE = `<!doctype html><html lang="cy"><head><meta charset="utf-8"><title>Cwynion</title></head><body><main>
<div id="complaints-widget" data-putright data-config-url="config/example-homes.json" data-phone="0808 157 0192"><p>Mae ein ffurflen yn llwytho.</p></div>
<script type="module" src="putright.js"></script></main></body></html>`;

before(async () => {
  site = await startSite({ endpoint: 'http://127.0.0.1:9/submissions', extra: { '/cymraeg.html': WELSH_PAGE } });
  browser = await openBrowser();
});

after(() => closeDemo({ site, browser }));

/** A page whose wasm request waits until `release()` (or never arrives, if `block`). */
async function pageWithWasm({ block = false } = {}) {
  const page = await browser.context.newPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/put-right_bg.wasm', async (route) => {
    if (block) return route.abort();
    await gate;
    return route.continue();
  });
  // No draft from an earlier test: the plain copy is only for a fresh start.
  await page.addInitScript(() => { if (!sessionStorage.getItem('kept')) { localStorage.clear(); sessionStorage.setItem('kept', '1'); } });
  return { page, release };
}

const plain = (page) => page.locator(`${HOST} [data-pr-plain]`);
const plainHeading = (page) => plain(page).getByRole('heading', { level: 1, name: QUESTION });

test('with the wasm blocked, the first question works: errors, the emergency numbers, and how to reach the landlord', async () => {
  const { page } = await pageWithWasm({ block: true });
  try {
    await page.goto(site.url);
    await plainHeading(page).waitFor();
    assert.deepEqual(await axe(page), [], 'axe on the plain first question');
    // The page does not take focus on load (the host page keeps it); the step checks start at the heading.
    await page.evaluate(() => __prq('[data-pr-plain] h1').focus());
    await checkStep(page, 'plain-01-question', 'normal');

    // Nothing chosen: the error summary takes focus, the error is beside the boxes.
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    await page.waitForFunction(() => __prActive()?.classList.contains('pr-error-summary'));
    assert.ok((await page.locator(`${HOST} .pr-error-summary`).innerText()).includes(t('hazards.missing')));
    assert.ok((await page.locator(`${HOST} .pr-error-message`).innerText()).includes(t('hazards.missing')));
    assert.deepEqual(await axe(page), [], 'axe on the plain error state');
    await checkStep(page, 'plain-02-error', 'error');

    // A hazard: who to call now, with real tel: links, and what to do.
    await page.getByLabel(t('hazard.gas_smell'), { exact: true }).check();
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    assert.equal(await focusedHeading(page), t('emergency_advice.title'));
    const advice = await plain(page).innerText();
    for (const line of [t('advice.999'), t('advice.gas')]) assert.ok(advice.includes(line), line);
    assert.equal(await plain(page).getByRole('link', { name: '0808 157 0999' }).first().getAttribute('href'), 'tel:08081570999', 'the emergency number');
    // The wasm has failed by now: the landlord's everyday contact details are added.
    await page.locator(`${HOST}[data-putright-status="failed"]`).waitFor({ state: 'attached' });
    await plain(page).locator('.pr-contact').waitFor();
    assert.equal(await plain(page).locator('.pr-contact').getByRole('link', { name: '0808 157 0192' }).getAttribute('href'), 'tel:08081570192');
    assert.deepEqual(await axe(page), [], 'axe on the plain advice');
    await checkStep(page, 'plain-03-advice', 'normal');

    // Back keeps the answer; "None of these" cannot go further without the widget.
    await page.getByRole('button', { name: t('nav.back'), exact: true }).click();
    await page.waitForFunction(() => __prActive()?.id?.endsWith('-hazards'));
    assert.equal(await page.getByLabel(t('hazard.gas_smell'), { exact: true }).isChecked(), true);
    await page.getByLabel(t('hazard.none'), { exact: true }).check();
    assert.equal(await page.getByLabel(t('hazard.gas_smell'), { exact: true }).isChecked(), false, '"None of these" unticks the rest');
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    await page.waitForFunction(() => __prActive()?.classList.contains('pr-contact'));
    assert.ok((await plain(page).locator('.pr-contact').innerText()).includes(t('fallback.title')));
  } finally {
    await page.close();
  }
});

test('a box ticked before the widget takes over is still ticked after, and keeps the focus', async () => {
  const { page, release } = await pageWithWasm();
  try {
    await page.goto(site.url);
    await plainHeading(page).waitFor();
    const box = page.getByLabel(t('hazard.no_water'), { exact: true });
    await box.check();
    const id = await page.evaluate(() => __prActive().id);
    assert.match(id, /-hazards-3$/);
    assert.equal(await page.locator(`${HOST}[data-putright-status]`).count(), 0, 'the widget has not started yet');
    release();
    await widgetReady(page, HOST);
    await plain(page).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: t('toolbar.clear') }).count(), 1, 'the widget itself is showing');
    assert.equal(await box.isChecked(), true, 'still ticked');
    await page.waitForFunction((want) => __prActive()?.id === want, id);
    // And the widget carries on from it.
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    assert.equal(await focusedHeading(page), t('emergency_advice.title'));
  } finally {
    await page.close();
  }
});

test('a Continue pressed before the widget takes over goes on to the next question; a draft then skips the plain copy', async () => {
  const { page, release } = await pageWithWasm();
  try {
    await page.goto(site.url);
    await plainHeading(page).waitFor();
    await page.getByLabel(t('hazard.none'), { exact: true }).check();
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    await plain(page).locator('[role="status"][aria-live="polite"]').filter({ hasText: t('plain.waiting') }).waitFor({ state: 'attached' });
    release();
    await widgetReady(page, HOST);
    assert.equal(await focusedHeading(page), label('task'));

    // Reloaded with the draft saved: the widget shows "continue where you
    // left off" itself, so the loader draws nothing first.
    await page.reload();
    const drawn = await page.evaluate(async () => {
      await import(document.querySelector('script[type="module"][src*="putright.js"]').src);
      return document.querySelector('[data-putright]').shadowRoot?.querySelector('[data-pr-plain]') != null;
    });
    assert.equal(drawn, false);
    await widgetReady(page, HOST);
  } finally {
    await page.close();
  }
});

test('an error shown before the widget takes over is shown again by the widget, focused', async () => {
  const { page, release } = await pageWithWasm();
  try {
    await page.goto(site.url);
    await plainHeading(page).waitFor();
    await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
    await page.waitForFunction(() => __prActive()?.classList.contains('pr-error-summary'));
    release();
    await widgetReady(page, HOST);
    await plain(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => __prActive()?.classList.contains('pr-error-summary'));
    assert.equal(await activeHasClass(page, 'pr-error-summary'), true);
    assert.match(await page.title(), /^Error: /, 'the widget manages the title');
  } finally {
    await page.close();
  }
});

test('the plain first question is in the page\'s language at once, then in the resident\'s once the config says what is offered', async () => {
  const { page, release } = await pageWithWasm();
  let sendConfig;
  const configHeld = new Promise((r) => { sendConfig = r; });
  await page.route('**/config/example-homes.json', async (route) => { await configHeld; return route.continue(); });
  try {
    await page.goto(`${site.url}/cymraeg.html`);
    await plain(page).getByRole('heading', { level: 1, name: label('hazards', { locale: 'cy' }) }).waitFor();
    assert.equal(await plain(page).locator('.putright').getAttribute('lang'), 'cy');
    await page.getByLabel(t('hazard.no_heating', {}, 'cy'), { exact: true }).check();
    // The browser asks for English, which the landlord offers: the words change, the tick stays.
    sendConfig();
    await plainHeading(page).waitFor();
    assert.equal(await page.getByLabel(t('hazard.no_heating'), { exact: true }).isChecked(), true);
    release();
    await widgetReady(page, HOST);
    assert.equal(await page.getByLabel(t('hazard.no_heating'), { exact: true }).isChecked(), true, 'and after the widget takes over');
  } finally {
    await page.close();
  }
});

test('a draft to resume: the placeholder shows until the widget is drawn, then the widget is styled at once from the loader; with the wasm failing, the contact details', async () => {
  const green = (page) => page.evaluate((host) => getComputedStyle(document.querySelector(host).shadowRoot.querySelector('.pr-button')).backgroundColor, HOST);
  const placeholder = (page) => page.locator(`${HOST} .putright-fallback`).first();
  for (const variant of ['adopts', 'cannot adopt', 'wasm fails']) {
    const page = await browser.context.newPage();
    // The wasm waits while `held` is set, and is refused while `refused` is.
    let held = null;
    let refused = false;
    await page.route('**/put-right_bg.wasm', async (route) => {
      if (refused) return route.abort();
      if (held) await held.gate;
      return route.continue();
    });
    await page.addInitScript(() => { if (!sessionStorage.getItem('kept')) { localStorage.clear(); sessionStorage.setItem('kept', '1'); } });
    if (variant === 'cannot adopt') await page.addInitScript(() => { delete ShadowRoot.prototype.adoptedStyleSheets; });
    try {
      await page.goto(site.url);
      await widgetReady(page, HOST);
      await page.getByLabel(t('hazard.none'), { exact: true }).check();
      await page.getByRole('button', { name: t('button.continue'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: label('task') }).waitFor();
      await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(':draft') && JSON.parse(localStorage.getItem(k)).trail?.length));

      const css = [];
      page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/putright.css')) css.push(r.url()); });
      let release;
      held = { gate: new Promise((r) => { release = r; }) };
      refused = variant === 'wasm fails';
      await page.reload();
      if (variant === 'wasm fails') {
        // The loader's own contact details, shown through the root's slot.
        await page.locator(`${HOST}[data-putright-status="failed"]`).waitFor({ state: 'attached' });
        await placeholder(page).getByRole('link', { name: DEMO.phone }).waitFor({ state: 'visible' });
        continue;
      }
      // Before the wasm: no plain copy, the landlord's placeholder still seen.
      await page.waitForFunction((host) => document.querySelector(host).shadowRoot?.querySelector('slot[data-pr-ahead]'), HOST);
      assert.equal(await plain(page).count(), 0, 'no plain copy for a draft');
      assert.equal(await placeholder(page).isVisible(), true, 'the placeholder shows while the wasm loads');
      release();
      await page.getByRole('heading', { level: 1, name: /^You started this on / }).waitFor();
      assert.equal(await green(page), 'rgb(0, 112, 60)', `styled (${variant})`);
      assert.equal(css.length, variant === 'adopts' ? 0 : 1, `putright.css fetched: ${css.join(', ') || 'no'} (${variant})`);
      assert.equal(await placeholder(page).isVisible(), false, 'the placeholder is gone once the widget shows');
    } finally {
      held = null;
      await page.close();
    }
  }
});

test('the plain first question is styled the moment it is drawn, from the loader; a browser that cannot adopt stylesheets loads putright.css first', async () => {
  // What the widget's stylesheet draws: the green Continue button (not the
  // browser's grey one), in the plain copy or in the widget.
  const buttonColour = (page, selector) => page.evaluate(([host, sel]) => {
    const button = document.querySelector(host).shadowRoot.querySelector(sel);
    return getComputedStyle(button).backgroundColor;
  }, [HOST, selector]);
  for (const adopts of [true, false]) {
    const { page, release } = await pageWithWasm();
    const css = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/putright.css')) css.push(r.url()); });
    if (!adopts) await page.addInitScript(() => { delete ShadowRoot.prototype.adoptedStyleSheets; });
    try {
      await page.goto(site.url);
      await plainHeading(page).waitFor();
      // Seen: so styled (the box is hidden until its stylesheet is there).
      assert.equal(await buttonColour(page, '[data-pr-plain] button.pr-button'), 'rgb(0, 112, 60)', `styled, adopting: ${adopts}`);
      assert.equal(css.length, adopts ? 0 : 1, `putright.css fetched: ${css.join(', ') || 'no'} (adopting: ${adopts})`);
      // The widget takes over with the same styles.
      release();
      await widgetReady(page);
      await page.locator(`${HOST} .putright h1`).waitFor();
      assert.equal(await plain(page).count(), 0, 'the plain copy is gone');
      assert.equal(await buttonColour(page, '.pr-button'), 'rgb(0, 112, 60)', 'the widget keeps the styles');
    } finally {
      await page.close();
    }
  }
});
