// Keyboard-only driving: Tab / Shift+Tab to a control, checking every stop
// on the way (focus visible on screen and not covered: WCAG 2.4.11; and, when
// asked, the focus indicator's contrast measured from screenshots).
import assert from 'node:assert/strict';
import { decodePng, changedPixels } from './pixels.mjs';

/** What has focus: its kind, a name to find it by, and whether it is the widget's. */
export const focused = (page) => page.evaluate(() => {
  const el = __prActive();
  if (!el || el === document.body) return { kind: 'body', name: '', inWidget: false };
  const name = ((el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '').replace(/\s+/g, ' ').trim();
  return {
    kind: `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''}.${[...el.classList].sort().join('.')}`,
    name, tag: el.tagName.toLowerCase(), inWidget: !!el.closest('.putright'),
    checked: el.checked === true,
    group: (() => { const lg = el.closest('fieldset')?.querySelector(':scope > legend'); return lg ? lg.textContent.replace(/\s+/g, ' ').trim() : null; })(),
  };
});

/** 2.4.11: the focused element is scrolled into view and not hidden by anything else. */
export async function assertNotObscured(page, what) {
  const problem = await page.evaluate(() => {
    const el = __prActive();
    const r = el.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return `off screen (${Math.round(r.top)}, ${Math.round(r.left)})`;
    // The middle of each box (a link may wrap onto two lines) must show the element itself.
    let hit = null;
    for (const b of el.getClientRects()) {
      const x = Math.min(Math.max(b.left + b.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(b.top + b.height / 2, 0), innerHeight - 1);
      hit = __prHit(x, y);
      if (hit && (el.contains(hit) || [...(el.labels || [])].some((l) => l.contains(hit)))) return null;
    }
    return `covered by ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}`;
  });
  assert.equal(problem, null, `${what}: focus is not hidden`);
}

/**
 * The focus indicator's contrast: pixels around the element, focused (as
 * reached by the keyboard) against unfocused. At least a 1 CSS px perimeter's
 * worth of pixels must change by 3:1 or more.
 */
export async function focusIndicatorPixels(page) {
  const box = await page.evaluate(() => {
    const r = __prActive().getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  const pad = 8;
  const clip = { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad };
  const on = decodePng(await page.screenshot({ clip, caret: 'initial' }));
  const el = await page.evaluateHandle(() => __prActive());
  assert.equal(await el.evaluate((e) => e.matches(':focus-visible')), true, 'keyboard focus matches :focus-visible');
  await el.evaluate((e) => e.blur());
  const off = decodePng(await page.screenshot({ clip, caret: 'initial' }));
  await el.evaluate((e) => e.focus());
  assert.equal(await el.evaluate((e) => __prActive() === e && e.matches(':focus-visible')), true, 'focus restored');
  return { changed: changedPixels(on, off, 3), needed: Math.round(2 * (box.width + box.height)), box };
}

/**
 * Presses Tab (or Shift+Tab) until `want` has focus, checking every stop on
 * the way: not obscured, and (once per kind of control) a visible indicator.
 */
export async function tabTo(page, want, { back = false, checked, limit = 60, here = false } = {}) {
  const matches = typeof want === 'function' ? want : (f) => f.name === want;
  if (here) {
    const f = await focused(page);
    if (matches(f)) return f;
  }
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.inWidget) {
      await assertNotObscured(page, `${f.kind} "${f.name}"`);
      if (checked && !checked.has(f.kind)) {
        checked.add(f.kind);
        const { changed, needed } = await focusIndicatorPixels(page);
        assert.ok(changed >= needed, `focus indicator on ${f.kind} "${f.name}": ${changed} pixels change by 3:1, need ${needed}`);
      }
    }
    if (matches(f)) return f;
  }
  throw new Error(`"${want}" was not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${limit} presses`);
}

