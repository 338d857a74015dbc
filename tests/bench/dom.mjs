// Developer aid (not run by any script): what the browser's own work for a
// step costs, apart from the widget's script. On the demo page, at the
// second question ("What do you want to do?"), the step's HTML is copied and, N times each, put into a box beside the widget's step
// in the same shadow root (same stylesheet, same page) in several ways,
// each timed from the first DOM call to the end of the work it forces:
//   - made node by node with DOM calls from JavaScript (as a renderer does,
//     without the wasm and its glue), then the heading focused;
//   - set as innerHTML in one call, then the heading focused;
//   - each of those with a layout forced instead of focus;
//   - innerHTML alone (parsing), and with style only (getComputedStyle);
//   - innerHTML and layout with the widget's classes stripped, in a
//     fixed-size box (a layout boundary), and in the system sans-serif.
// Set against the bench's step change, it says how much of a step the
// browser needs whatever draws the step.
//
//   node tests/bench/dom.mjs        CPU=<rate> (default 4), N (default 40)

import { openDemo, closeDemo } from '../e2e/lib/harness.mjs';

const CPU = Number(process.env.CPU || 4);
const N = Number(process.env.N || 40);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };

const demo = await openDemo();
try {
  const { site, browser } = demo;
  const { page } = browser;
  const cdp = await browser.context.newCDPSession(page);
  await page.goto(site.url);
  await page.locator('[data-putright][data-putright-status="ready"]').waitFor({ state: 'attached', timeout: 60000 });
  await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
  await page.getByLabel('None of these').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'What do you want to do?' }).waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const r = await page.evaluate(timeWays, N);
  const f = (k) => `${median(r[k]).toFixed(2)} ms`;
  console.log(`The step's HTML: ${r.nodes} nodes (${r.comments} of them comments). CPU ${CPU}x, medians of ${N}:`);
  console.log(`  node by node, then focus           ${f('calls')}`);
  console.log(`  innerHTML, then focus              ${f('inner')}`);
  console.log(`  node by node, then layout          ${f('callsLayout')}`);
  console.log(`  innerHTML, then layout             ${f('innerLayout')}`);
  console.log(`  innerHTML alone (parsing)          ${f('innerOnly')}`);
  console.log(`  innerHTML, then style only         ${f('innerStyle')}`);
  console.log(`  the same, classes stripped, layout ${f('bare')}`);
  console.log(`  in a fixed-size box, layout        ${f('boundary')}`);
  console.log(`  in sans-serif, layout              ${f('sans')}`);
} finally {
  await closeDemo(demo);
}

/** In the page: each way of drawing the step's copy, `n` times, alternating. */
async function timeWays(n) {
  const step = __prq('.putright .pr-step');
  const html = step.innerHTML;
  const box = document.createElement('div');
  step.parentNode.insertBefore(box, step.nextSibling);
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const build = (from, into) => {
    for (const c of from.childNodes) {
      let made;
      if (c.nodeType === 1) {
        made = document.createElement(c.tagName.toLowerCase());
        for (const a of c.attributes) made.setAttribute(a.name, a.value);
        build(c, made);
      } else if (c.nodeType === 3) made = document.createTextNode(c.data);
      else made = document.createComment(c.data);
      into.appendChild(made);
    }
  };
  const out = { nodes: 0, comments: 0 };
  const count = (x) => { for (const c of x.childNodes) { out.nodes++; if (c.nodeType === 8) out.comments++; count(c); } };
  count(tpl.content);
  const focus = () => box.querySelector('h1').focus();
  const layout = () => box.offsetHeight;
  const plain = { className: 'pr-step', css: '' };
  const ways = {
    calls: [plain, () => build(tpl.content, box), focus],
    inner: [plain, () => { box.innerHTML = html; }, focus],
    callsLayout: [plain, () => build(tpl.content, box), layout],
    innerLayout: [plain, () => { box.innerHTML = html; }, layout],
    innerOnly: [plain, () => { box.innerHTML = html; }, () => {}],
    innerStyle: [plain, () => { box.innerHTML = html; }, () => getComputedStyle(box.querySelector('h1')).color],
    bare: [{ className: '', css: '' }, () => { box.innerHTML = html.replace(/class="[^"]*"/g, ''); }, layout],
    boundary: [{ className: 'pr-step', css: 'position:absolute;left:0;top:0;width:340px;height:900px;overflow:hidden' }, () => { box.innerHTML = html; }, layout],
    sans: [{ className: 'pr-step', css: 'font-family:sans-serif' }, () => { box.innerHTML = html; }, layout],
  };
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  step.style.display = 'none';
  for (const k of Object.keys(ways)) out[k] = [];
  for (let i = 0; i < n; i++) {
    for (const [k, [setup, draw, then]] of Object.entries(ways)) {
      box.className = setup.className;
      box.style.cssText = setup.css;
      await settle();
      const t0 = performance.now();
      draw();
      then();
      out[k].push(performance.now() - t0);
      await settle();
      box.textContent = '';
    }
  }
  step.style.display = '';
  box.remove();
  return out;
}
