// Shared helpers for the end-to-end tests: the real reference receiver, a
// static server for the release build, Debian's Chromium via playwright-core,
// axe-core, and the payload's JSON Schema.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');
const RECEIVER_BIN = join(ROOT, 'target', 'debug', 'putright-receiver');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Waits until the widget in `host` has started (or given up): the loader's
 * plain first question is on screen before that, and tests that need the
 * widget itself (its toolbar, titles, theme) wait for it here.
 */
export async function widgetReady(page, host = '[data-putright]') {
  await page.locator(`${host}[data-putright-status]`).first().waitFor({ state: 'attached' });
}

/** Starts the real receiver on a free port with a fresh database. */
export async function startReceiver({ allowOrigin = '*', db, port = 0, args = [] } = {}) {
  if (!existsSync(RECEIVER_BIN)) throw new Error(`build the receiver first: ${RECEIVER_BIN}`);
  const dir = mkdtempSync(join(tmpdir(), 'putright-receiver-'));
  const dbPath = db || join(dir, 'submissions.sqlite3');
  const child = spawn(RECEIVER_BIN, ['--port', String(port), '--db', dbPath, '--allow-origin', allowOrigin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`receiver did not start: ${out}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`receiver exited ${code}: ${out}`)); });
  });
  return {
    url,
    dbPath,
    /** Everything stored, newest first, following the listing's `Link: <…>; rel="next"` pages. */
    async submissions() {
      const all = [];
      for (let next = `${url}/submissions?limit=1000`; next;) {
        const r = await fetch(next);
        if (!r.ok) throw new Error(`GET ${next}: ${r.status}`);
        all.push(...(await r.json()));
        const link = r.headers.get('link')?.match(/<([^>]+)>;\s*rel="next"/);
        next = link ? new URL(link[1], url).href : null;
      }
      return all;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!db) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/**
 * Serves the release build in dist/. The demo config is rewritten to post to
 * `endpoint` (the test's receiver). `headers` are added to every response.
 * `extra` maps more URL paths to bodies (strings), e.g. test pages and configs;
 * `{{ENDPOINT}}` in them becomes `endpoint`, `{{ORIGIN}}` this server's origin.
 * `root` serves another folder instead of dist/.
 */
export async function startSite({ endpoint, config = {}, headers = {}, extra = {}, root = DIST } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('run `trunk build --release` first');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (Object.hasOwn(extra, path)) {
      const body = String(extra[path]).replaceAll('{{ENDPOINT}}', endpoint || '').replaceAll('{{ORIGIN}}', `http://${req.headers.host}`);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'text/plain', 'cache-control': 'no-store', ...headers });
      res.end(body);
      return;
    }
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return;
    }
    let body = readFileSync(file);
    if (/^\/config\/example-homes(-[a-z-]+)?\.json$/.test(path)) {
      const c = JSON.parse(body.toString('utf8'));
      if (endpoint) c.endpoint = { ...c.endpoint, url: endpoint };
      body = Buffer.from(JSON.stringify(deepMerge(c, config)));
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

function deepMerge(a, b) {
  if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? deepMerge(a[k], v) : v;
  return out;
}

/**
 * A developer's extra Chromium switches for an experiment, unset in every
 * script: `PUTRIGHT_CHROMIUM_ARGS`, space-separated, or a JSON array when a
 * switch holds spaces (V8's flags: `["--js-flags=--no-liftoff --no-wasm-lazy-compilation"]`).
 */
function extraSwitches() {
  const raw = (process.env.PUTRIGHT_CHROMIUM_ARGS || '').trim();
  return raw.startsWith('[') ? JSON.parse(raw) : raw.split(/\s+/).filter(Boolean);
}

/**
 * Debian's Chromium in a fresh profile. Returns { context, page, close, consoleMessages }.
 * Other options (e.g. javaScriptEnabled) go to the browser context.
 */
export async function openBrowser({ viewport = { width: 360, height: 740 }, ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'putright-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraSwitches()],
  });
  // In-page helpers for tests that look at the DOM directly: the widget
  // lives in open shadow roots, which document.querySelector and
  // document.activeElement do not see into. (Init scripts are not subject
  // to the page's Content-Security-Policy.)
  await context.addInitScript(() => {
    const roots = () => [document, ...[...document.querySelectorAll('[data-putright]')].map((h) => h.shadowRoot).filter(Boolean)];
    window.__prRoots = roots;
    window.__prq = (sel) => { for (const r of roots()) { const e = r.querySelector(sel); if (e) return e; } return null; };
    window.__prqa = (sel) => roots().flatMap((r) => [...r.querySelectorAll(sel)]);
    window.__prActive = () => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a; };
    // The widget root holding focus (a page may have several), else the first.
    window.__prWidget = () => window.__prqa('.putright').find((w) => w.contains(window.__prActive())) || window.__prq('.putright');
    // Each time focus lands on a step's h1 or the error summary (moved there
    // by the widget after a step change or an empty Continue, or by a test):
    // a count and the element, so helpers can wait for a step to arrive
    // (the widget moves focus in an animation frame after rendering it).
    // Focus moving within one shadow root is not seen outside it, so this
    // listens in every shadow root as well as in the document.
    window.__prArrived = { count: 0, el: null };
    const arrived = (e) => {
      const el = e.composedPath()[0];
      if (e.__prCounted || !(el instanceof Element) || !(el.tagName === 'H1' || el.classList.contains('pr-error-summary'))) return;
      e.__prCounted = true;
      window.__prArrived = { count: window.__prArrived.count + 1, el };
    };
    document.addEventListener('focusin', arrived, true);
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attachShadow.call(this, init);
      root.addEventListener('focusin', arrived, true);
      return root;
    };
    window.__prHit = (x, y) => { let e = document.elementFromPoint(x, y); while (e?.shadowRoot) { const inner = e.shadowRoot.elementFromPoint(x, y); if (!inner || inner === e) break; e = inner; } return e; };
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleMessages = [];
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => consoleMessages.push({ type: 'pageerror', text: String(e) }));
  return {
    context, page, consoleMessages,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/**
 * What most test files start with: a reference receiver, the demo landlord
 * page pointed at it, and a browser. Returns { receiver, site, browser };
 * `closeDemo` stops them again.
 */
export async function openDemo() {
  const receiver = await startReceiver();
  const site = await startSite({ endpoint: `${receiver.url}/submissions` });
  return { receiver, site, browser: await openBrowser() };
}

/**
 * Stops what `openDemo` (or a test file's own `before`) started, any of
 * which may be missing if it failed part way, and then fails if the page saw
 * an uncaught error or rejection (see `uncaughtErrors`).
 */
export async function closeDemo({ receiver, site, browser } = {}) {
  const thrown = uncaughtErrors(browser);
  await browser?.close();
  await site?.close();
  await receiver?.stop();
  assert.deepEqual(thrown, [], 'uncaught errors in the page');
}

/**
 * The uncaught errors (exceptions and rejections) the browser's first page
 * has seen, from its console message number `from` on. Whatever a test file
 * did (bad configs, failed sends, blocked files), the widget and its loader
 * must leave none: `closeDemo`, in each file's `after`, checks this list is
 * empty; a test may check its own part of it.
 */
export function uncaughtErrors(browser, from = 0) {
  return (browser?.consoleMessages || []).slice(from).filter((m) => m.type === 'pageerror').map((m) => m.text);
}

/**
 * Runs axe-core with WCAG 2.2 AA tags and best practices; returns the violations.
 * The default includes every widget host and so its (open) shadow root.
 */
export async function axe(page, include = '[data-putright]') {
  // @axe-core/playwright finishes each run in a blank page it opens in the
  // same browser context, which can take the focus from this page's window
  // (the focused element blurs, and the window's focus comes back on the
  // host page's first link). The page is given back the focus it had, so
  // the checks after this one see the widget's own focus, not axe's.
  const had = await page.evaluateHandle(() => __prActive());
  const results = await new AxeBuilder({ page })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  await had.evaluate((el) => { if (el && el.isConnected && el !== __prActive()) el.focus({ preventScroll: true }); });
  await had.dispose();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

let validator;
/** Validates a payload against public/schema/submission.v1.json; returns the errors. */
export function schemaErrors(payload) {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'public', 'schema', 'submission.v1.json'), 'utf8')));
  }
  return validator(payload) ? [] : validator.errors.map((e) => `${e.instancePath} ${e.message}`);
}

/** Saves a screenshot of the widget step under tests/e2e/artifacts (not committed). */
export async function snap(page, name) {
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });
  // caret: 'initial' adds no <style> to the page, which a strict CSP would refuse.
  await page.screenshot({ path: join(ARTIFACTS, 'screens', `${name}.png`), fullPage: true, caret: 'initial' });
}

/** Whether the focused element (inside the widget's shadow root too) has this class. */
export function activeHasClass(page, cls) {
  return page.evaluate((c) => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.classList.contains(c) === true;
  }, cls);
}

/**
 * The widget's current h1 text, once it holds focus. The widget lives in a
 * shadow root, so the focused element is looked for inside shadow roots.
 * (Functions, not strings: a strict CSP forbids evaluating strings.)
 */
export async function focusedHeading(page) {
  await page.waitForFunction(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.tagName === 'H1';
  }, null, { timeout: 5000 });
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.textContent.trim().replace(/\s+/g, ' ');
  });
}
