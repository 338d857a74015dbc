// Per-step accessibility checks, run from journey.mjs's step() on every step
// of every journey, in its normal and error states:
//
// - the screen reader's view: Chromium's own accessibility tree (CDP
//   Accessibility.getFullAXTree), written as a readable text snapshot to
//   tests/e2e/artifacts/ax/<step>.txt, and checked: one h1 holding focus (or
//   the error summary, announced as an alert, in the error state); every
//   control named after its visible label; radios and checkboxes in a named
//   group; hints and errors in their field's description; one polite status
//   region;
// - target sizes (2.5.8: 24 by 24 CSS px, 44 for primary buttons);
// - reflow at 320 CSS px (1.4.10), with a screenshot;
// - the browser's default font size at 200% (1.4.4), with a screenshot;
// - the WCAG text-spacing overrides (1.4.12);
// - forced colours: borders kept, nothing opting out.
// Nothing may scroll sideways, be clipped, or overlap in any of them.
import { t, catalogue } from './text.mjs';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './harness.mjs';

const sessions = new WeakMap();
/** One CDP session per page, reused by every check. */
export async function cdpFor(page) {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'radio', 'checkbox', 'combobox', 'spinbutton', 'searchbox', 'slider', 'switch', 'menuitem', 'tab']);
const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;

/**
 * Reads the accessibility tree of the widget. Every element in the widget is
 * tagged for a moment with data-pr-ax so AX nodes can be matched to the DOM
 * facts found in the page (visible label text, classes, describedby ids).
 */
export async function readTree(page) {
  const cdp = await cdpFor(page);
  const dom = await page.evaluate(() => {
    const root = __prWidget();
    const hidden = (el) => el.closest('.pr-visually-hidden') !== null;
    // Text a sighted user sees: text nodes outside visually hidden spans.
    const visibleText = (el) => {
      if (!el) return '';
      let out = '';
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) if (!hidden(t.parentElement)) out += t.data;
      return out.replace(/\s+/g, ' ').trim();
    };
    const info = [];
    root.querySelectorAll('*').forEach((el, i) => {
      el.setAttribute('data-pr-ax', String(i));
      const tag = el.tagName.toLowerCase();
      let label = null;
      if (['input', 'textarea', 'select'].includes(tag)) {
        const l = el.id && root.querySelector(`label[for="${CSS.escape(el.id)}"]`);
        label = l ? visibleText(l) : '';
      } else if (tag === 'button' || tag === 'a') {
        label = visibleText(el);
      }
      info.push({
        tag, id: el.id || null, cls: el.getAttribute('class') || '', label,
        describedby: el.getAttribute('aria-describedby'),
        fieldset: tag === 'input' && (el.type === 'radio' || el.type === 'checkbox')
          ? (() => { const f = el.closest('fieldset'); const lg = f && f.querySelector(':scope > legend'); return lg ? visibleText(lg) : null; })()
          : undefined,
        text: el.matches('.pr-hint, .pr-error-message, .pr-count') ? el.textContent.replace(/\s+/g, ' ').trim() : undefined,
        inGroup: el.closest('.pr-form-group') !== null,
        inChoice: el.closest('.pr-choice') !== null,
      });
    });
    // The widget's root (inside its shadow root, so not its host element).
    root.setAttribute('data-pr-ax', 'root');
    return info;
  });
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await page.evaluate(() => __prqa('[data-pr-ax]').forEach((e) => e.removeAttribute('data-pr-ax')));
  const tagOf = new Map();
  (function walk(n) {
    const a = n.attributes || [];
    for (let i = 0; i < a.length; i += 2) if (a[i] === 'data-pr-ax') tagOf.set(n.backendNodeId, a[i + 1]);
    (n.children || []).forEach(walk);
    (n.shadowRoots || []).forEach(walk);
  })(root);
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  for (const n of nodes) {
    const t = tagOf.get(n.backendDOMNodeId);
    n.dom = t === undefined || t === 'root' ? null : dom[Number(t)];
    n.isHost = t === 'root';
  }
  const widget = nodes.find((n) => n.isHost);
  assert.ok(widget, 'the widget is in the accessibility tree');
  return { nodes, byId, widget, dom };
}

/** Non-ignored descendants of `node`, in tree order, with their depth. */
function* visible(tree, node, depth = 0) {
  for (const id of node.childIds || []) {
    const c = tree.byId.get(id);
    if (!c) continue;
    if (c.ignored) yield* visible(tree, c, depth);
    else { yield [c, depth]; yield* visible(tree, c, depth + 1); }
  }
}

function ancestors(tree, node) {
  const out = [];
  for (let p = tree.byId.get(node.parentId); p; p = tree.byId.get(p.parentId)) if (!p.ignored) out.push(p);
  return out;
}

/** The widget as a screen reader user meets it, one node a line. */
export function treeText(tree, title) {
  const lines = [`document "${title}"`];
  const quiet = new Set(['generic', 'none', 'LabelText', 'Legend']);
  const print = (node, depth, parentName) => {
    for (const id of node.childIds || []) {
      const n = tree.byId.get(id);
      if (!n) continue;
      const role = n.role?.value;
      const name = norm(n.name?.value);
      if (n.ignored || role === 'InlineTextBox' || role === 'ListMarker' || role === 'LineBreak') {
        if (n.ignored) print(n, depth, parentName);
        continue;
      }
      if (role === 'StaticText') {
        // Skip text the parent's name already says (headings, buttons, labels...).
        if (name && !parentName.includes(name)) lines.push(`${'  '.repeat(depth)}text "${name}"`);
        continue;
      }
      if (quiet.has(role) && !name && !prop(n, 'live')) { print(n, depth, parentName); continue; }
      const bits = [role];
      if (name) bits.push(`"${name}"`);
      const level = prop(n, 'level'); if (level && role === 'heading') bits.push(`level=${level}`);
      for (const p of ['checked', 'pressed', 'expanded']) {
        const v = prop(n, p);
        if (v !== undefined && v !== false && v !== 'false') bits.push(`${p}=${v}`);
      }
      for (const p of ['focused', 'required', 'disabled']) if (prop(n, p) === true) bits.push(p);
      if (prop(n, 'invalid') && prop(n, 'invalid') !== 'false') bits.push('invalid');
      const live = prop(n, 'live'); if (live) bits.push(`live=${live}`);
      if (n.description?.value) bits.push(`description="${norm(n.description.value)}"`);
      lines.push(`${'  '.repeat(depth)}${bits.join(' ')}`);
      print(n, depth + 1, name);
    }
  };
  print(tree.widget, 1, '');
  return lines.join('\n') + '\n';
}

/** What a screen-reader user meets on this step; throws on the first failure. */
export function checkTree(tree, name, state, locale = 'en-GB') {
  const all = [...visible(tree, tree.byId.get(tree.nodes[0].nodeId))].map(([n]) => n);
  const inWidget = [...visible(tree, tree.widget)].map(([n]) => n);
  // Exactly one h1 in this widget. Elsewhere on the page is the host's
  // business (its own h1, or a second widget on a test page); on the demo
  // page, which has none of its own, this makes the widget's the only one.
  const h1s = inWidget.filter((n) => n.role?.value === 'heading' && prop(n, 'level') === 1);
  assert.equal(h1s.length, 1, `${name}: exactly one h1 in the widget (found ${h1s.map((h) => h.name?.value).join(' | ')})`);
  const pageH1s = all.filter((n) => n.role?.value === 'heading' && prop(n, 'level') === 1);
  assert.ok(pageH1s.includes(h1s[0]), `${name}: the widget's h1 is exposed to screen readers`);
  const focused = all.filter((n) => prop(n, 'focused') === true);
  if (state === 'error') {
    const summary = focused.find((n) => n.dom?.cls.includes('pr-error-summary'));
    assert.ok(summary, `${name}: the error summary holds focus`);
    const problem = t('errors.title', {}, locale);
    assert.equal(norm(summary.name?.value), problem, `${name}: the focused summary is named "${problem}"`);
    const alert = [...visible(tree, summary)].map(([n]) => n).find((n) => n.role?.value === 'alert');
    assert.ok(alert, `${name}: the error summary is announced (role alert)`);
    const links = [...visible(tree, summary)].map(([n]) => n).filter((n) => n.role?.value === 'link');
    assert.ok(links.length > 0, `${name}: the summary lists the errors as links`);
  } else {
    assert.ok(focused.includes(h1s[0]), `${name}: the h1 holds focus`);
  }
  // Every control has a name, and the name starts with what is seen (2.5.3, 4.1.2).
  for (const n of inWidget) {
    if (!CONTROL_ROLES.has(n.role?.value)) continue;
    const accName = norm(n.name?.value);
    const what = `${name}: ${n.role.value} "${accName}"`;
    assert.ok(accName, `${name}: a ${n.role.value} (${n.dom?.tag}#${n.dom?.id}) has no accessible name`);
    if (n.dom?.label != null) {
      assert.ok(n.dom.label, `${what} has a visible label`);
      assert.ok(accName.toLowerCase().startsWith(n.dom.label.toLowerCase()),
        `${what}: the name starts with the visible label "${n.dom.label}"`);
    }
    if (n.role.value === 'radio' || n.role.value === 'checkbox') {
      const group = ancestors(tree, n).find((a) => a.role?.value === 'group' || a.role?.value === 'radiogroup');
      assert.ok(group && norm(group.name?.value), `${what} is in a named group`);
      assert.ok(n.dom?.fieldset, `${what} is in a fieldset with a legend`);
      assert.equal(norm(group.name.value), n.dom.fieldset, `${what}: the group is named by its legend`);
    }
  }
  // Hints, errors and counts in a form group are in some control's or
  // group's description, as computed by the browser.
  const describers = inWidget.filter((n) => n.dom?.describedby);
  for (const d of tree.dom) {
    if (d.text === undefined || !d.inGroup) continue;
    assert.ok(d.id, `${name}: "${d.text}" has an id to be referenced`);
    const owners = describers.filter((n) => n.dom.describedby.split(/\s+/).includes(d.id));
    assert.ok(owners.length > 0, `${name}: "${d.text}" is tied to its field with aria-describedby`);
    assert.ok(owners.some((o) => norm(o.description?.value).includes(norm(d.text))),
      `${name}: "${d.text}" is in the description the browser computes (${owners.map((o) => o.description?.value).join(' | ')})`);
  }
  // Every invalid control is said to be invalid, and says why.
  for (const n of inWidget) {
    const inv = prop(n, 'invalid');
    if (inv && inv !== 'false') {
      const why = norm(n.description?.value) || norm(ancestors(tree, n).find((a) => a.role?.value === 'group')?.description?.value);
      assert.ok(why.includes(t('errors.prefix', {}, locale)), `${name}: invalid ${n.role?.value} "${norm(n.name?.value)}" is described by its error (${why})`);
    }
  }
  // One polite status region, always present, so status changes are announced.
  const live = inWidget.filter((n) => prop(n, 'live') === 'polite' && n.role?.value === 'status');
  assert.ok(live.length >= 1, `${name}: a polite status region is present`);
}

/** Runs in the page: a list of problems with sizes, overflow, clipping and overlap. */
export function layoutProblems({ targets }) {
  const root = __prWidget();
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const desc = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`;
  const hidden = (el) => el.closest('.pr-visually-hidden') !== null || el.getClientRects().length === 0;
  if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
  // Clipped: a box that hides overflowing content, or anything outside the viewport.
  for (const el of root.querySelectorAll('*')) {
    if (hidden(el)) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > vw + 1)) problems.push(`outside the viewport: ${desc(el)} (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
    if (!['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) problems.push(`clipped: ${desc(el)}`);
    }
    if (['INPUT', 'TEXTAREA'].includes(el.tagName) && el.type !== 'radio' && el.type !== 'checkbox') {
      // The text box is tall enough for its own line of text.
      const lh = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
      if (el.clientHeight + 1 < lh) problems.push(`text box shorter than its text: ${desc(el)}`);
    }
  }
  // Overlap: line boxes of different text nodes, and controls, must not intersect.
  const boxes = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    if (!t.data.trim() || hidden(t.parentElement)) continue;
    const range = document.createRange(); range.selectNodeContents(t);
    for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ el: t.parentElement, node: t, r });
  }
  for (const el of root.querySelectorAll('input, textarea, select, button')) {
    if (!hidden(el)) boxes.push({ el, node: el, r: el.getBoundingClientRect() });
  }
  const TOL = 2;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]; const b = boxes[j];
      if (a.node === b.node || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > TOL && h > TOL) problems.push(`overlap: ${desc(a.el)} and ${desc(b.el)}`);
    }
  }
  if (targets) {
    for (const el of root.querySelectorAll('button, input, select, textarea, a[href], summary')) {
      if (hidden(el)) continue;
      const r = el.getBoundingClientRect();
      // Links inside a sentence are excepted (2.5.8 "inline").
      if (el.tagName === 'A' && el.parentElement.textContent.trim() !== el.textContent.trim()) continue;
      const min = el.classList.contains('pr-button') ? 44 : 24;
      if (r.width + 0.5 < min || r.height + 0.5 < min) problems.push(`target ${Math.round(r.width)}x${Math.round(r.height)} < ${min}: ${desc(el)}`);
    }
  }
  return [...new Set(problems)];
}

const TEXT_SPACING = `.putright, .putright * { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
.putright p { margin-bottom: 2em !important; }`;

function shot(page, dir, name) {
  mkdirSync(join(ARTIFACTS, dir), { recursive: true });
  return page.screenshot({ path: join(ARTIFACTS, dir, `${name}.png`), fullPage: true });
}

/** Waits for layout to settle after a change of size or style. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * All the per-step checks. `state` is 'normal' or 'error'. Leaves the page as
 * it found it: same viewport, font size, styles and focus.
 */
export async function checkStep(page, name, state = 'normal') {
  const t0 = Date.now(); const lap = (what) => process.env.PR_A11Y_TIMING && console.log(`${name} ${what} ${Date.now() - t0}ms`);
  const tree = await readTree(page);
  mkdirSync(join(ARTIFACTS, 'ax'), { recursive: true });
  writeFileSync(join(ARTIFACTS, 'ax', `${name}.txt`), treeText(tree, await page.title()));
  // The widget says which language it is in, and which way it reads (3.1.2).
  const { lang, dir } = await page.evaluate(() => { const w = __prWidget(); return { lang: w.getAttribute('lang'), dir: w.getAttribute('dir') }; });
  const meta = catalogue(lang)['@meta'];
  assert.equal(meta.locale, lang, `${name}: the widget's lang names a catalogue`);
  assert.equal(dir, meta.dir, `${name}: dir="${meta.dir}" for ${lang}`);
  checkTree(tree, name, state, lang);
  lap('tree');

  const focusBefore = await page.evaluateHandle(() => __prActive());
  assert.deepEqual(await page.evaluate(layoutProblems, { targets: true }), [], `${name}: layout at 360 px`);
  // Zoom, text size and spacing are checked on the demo page, where the
  // widget is the page's content. Embedding test pages are deliberately odd
  // hosts (fixed widths, huge headings) whose own reflow is not the widget's.
  if ((await page.locator('#complaints-widget').count()) === 0) return tree;

  // 1.4.10: 400% zoom of a 1280 by 1024 screen.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 256 });
  try {
    await settle(page);
    assert.deepEqual(await page.evaluate(layoutProblems, { targets: true }), [], `${name}: reflow at 320 px`);
    await shot(page, 'screens-320', name);
    lap('320');
  } finally {
    await page.setViewportSize(viewport);
  }

  // 1.4.4: the browser's default font size at 200%.
  const cdp = await cdpFor(page);
  const h1Size = () => page.evaluate(() => parseFloat(getComputedStyle(__prq('.putright h1')).fontSize));
  const before = await h1Size();
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  try {
    await settle(page);
    const after = await h1Size();
    assert.ok(after >= before * 1.95, `${name}: text grows with the browser's font size (${before} -> ${after} px)`);
    assert.deepEqual(await page.evaluate(layoutProblems, { targets: false }), [], `${name}: layout with 200% text`);
    await shot(page, 'screens-200-text', name);
    lap('200');
  } finally {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
  }

  // 1.4.12: text spacing.
  // As a constructed stylesheet, adopted by the document and by each
  // widget's shadow root (a page <style> would not reach into them, and a
  // strict CSP would refuse it).
  const spacing = (css, on) => page.evaluate(([css, on]) => {
    const roots = __prRoots();
    if (on) {
      window.__prSpacing = new CSSStyleSheet();
      window.__prSpacing.replaceSync(css);
      for (const r of roots) r.adoptedStyleSheets = [...r.adoptedStyleSheets, window.__prSpacing];
    } else {
      for (const r of roots) r.adoptedStyleSheets = r.adoptedStyleSheets.filter((x) => x !== window.__prSpacing);
    }
  }, [css, on]);
  await spacing(TEXT_SPACING, true);
  try {
    await settle(page);
    assert.deepEqual(await page.evaluate(layoutProblems, { targets: false }), [], `${name}: layout with WCAG text spacing`);
  } finally {
    await spacing(TEXT_SPACING, false);
  }
  await settle(page);
  lap('spacing');

  // Forced colours (Windows high contrast), on every step: buttons and the
  // error summary keep visible borders, and nothing opts out.
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await settle(page);
    const facts = await page.evaluate(() => {
      const root = __prWidget();
      const border = (e) => { const cs = getComputedStyle(e); return cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) >= 1; };
      return {
        active: matchMedia('(forced-colors: active)').matches,
        bare: [...root.querySelectorAll('.pr-button, .pr-error-summary')].filter((e) => !border(e)).map((e) => e.textContent.trim().slice(0, 40)),
        adjustNone: [...root.querySelectorAll('*')].filter((e) => getComputedStyle(e).forcedColorAdjust === 'none').map((e) => e.outerHTML.slice(0, 60)),
      };
    });
    assert.equal(facts.active, true, `${name}: forced colours emulated`);
    assert.deepEqual(facts.bare, [], `${name}: buttons and the error summary keep a border in forced colours`);
    assert.deepEqual(facts.adjustNone, [], `${name}: nothing opts out of forced colours`);
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
  lap('forced-colours');
  assert.equal(await page.evaluate((el) => __prActive() === el, focusBefore), true, `${name}: the checks left focus where it was`);
  return tree;
}
