// Developer aid (not run by any script): step changes measured in the page,
// with no Playwright between steps. Each round opens a fresh browser on the
// demo page and, N times, ticks "None of these", presses Continue and times
// the click to the second question's h1 taking focus, then goes Back.
//
//   node tests/bench/steps.mjs trace [dist]
//     Under a Chromium performance trace, splits each Continue's main-thread
//     time by what the trace says it was doing (self time: a layout forced
//     inside a script call counts as layout) and prints the medians.
//   node tests/bench/steps.mjs ab <distA> <distB>
//     Alternates two builds, ROUNDS times each, and prints each round's
//     median and the pooled medians: one browser session's median moves by
//     10 to 20% on this machine, so compare rounds, not one run.
//
// CPU=<rate> slows the CPU as the bench does (default 4 for trace, 1 for ab);
// N (default 60) and ROUNDS (default 3) set the counts.
import { startReceiver, startSite, openBrowser } from '../e2e/lib/harness.mjs';

const [mode, ...roots] = process.argv.slice(2);
if (!['trace', 'ab'].includes(mode) || (mode === 'ab' && roots.length !== 2)) {
  console.error('usage: node tests/bench/steps.mjs trace [dist] | ab <distA> <distB>');
  process.exit(2);
}
const N = Number(process.env.N || 60);
const CPU = Number(process.env.CPU || (mode === 'trace' ? 4 : 1));
const WARM = 3; // the first steps compile and warm up
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : 0; };
const receiver = await startReceiver();

/** One browser session on `root` (undefined: dist/): runs the loop, with `during` around it. */
async function session(root, during = async (run) => run()) {
  const site = await startSite({ endpoint: `${receiver.url}/submissions`, root });
  const b = await openBrowser();
  try {
    const { page } = b;
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.goto(site.url);
    await page.locator('[data-putright][data-putright-status="ready"]').waitFor({ state: 'attached', timeout: 60000 });
    await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
    return await during(() => page.evaluate(loop, N), cdp);
  } finally {
    await b.close();
    await site.close();
  }
}

/** In the page: N Continues, each marked and timed, each followed by Back. */
async function loop(n) {
  const focused = (text, mark) => new Promise((res) => {
    const on = (e) => {
      const t = e.composedPath()[0];
      if (t.tagName !== 'H1' || !t.textContent.includes(text)) return;
      document.removeEventListener('focusin', on, true);
      if (mark) performance.mark(mark);
      res(performance.now());
    };
    document.addEventListener('focusin', on, true);
  });
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = [];
  for (let i = 0; i < n; i++) {
    const none = __prq('.putright input[value=none]');
    if (!none.checked) none.click();
    const next = focused('What do you want to do?', 'pr-focused');
    performance.mark('pr-continue');
    const t0 = performance.now();
    [...__prqa('.putright button')].find((x) => x.textContent.trim() === 'Continue').click();
    out.push((await next) - t0);
    await settle();
    const back = focused('Is any of these');
    __prq('.putright .pr-back').click();
    await back;
    await settle();
  }
  return out;
}

if (mode === 'ab') {
  const all = Object.fromEntries(roots.map((r) => [r, []]));
  for (let round = 0; round < Number(process.env.ROUNDS || 3); round++) {
    for (const root of roots) {
      const times = (await session(root)).slice(WARM);
      all[root].push(...times);
      console.log(`round ${round + 1}  ${root}: median ${median(times).toFixed(2)} ms`);
    }
  }
  for (const r of roots) console.log(`pooled  ${r}: median ${median(all[r]).toFixed(2)} ms of ${all[r].length} steps (CPU ${CPU}x)`);
} else {
  const events = await session(roots[0], async (run, cdp) => {
    const got = [];
    cdp.on('Tracing.dataCollected', (d) => got.push(...d.value));
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
    await run();
    await cdp.send('Tracing.end');
    await complete;
    return got;
  });
  const marks = events.filter((e) => e.name === 'pr-continue' || e.name === 'pr-focused').sort((x, y) => x.ts - y.ts);
  const xs = events.filter((e) => e.ph === 'X' && e.tid === marks[0].tid && e.dur).sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  // Self time: an event's duration less that of the events directly inside it.
  const self = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    self.set(e, e.dur);
    if (stack.length) self.set(stack[stack.length - 1], self.get(stack[stack.length - 1]) - e.dur);
    stack.push(e);
  }
  const SCRIPT = "script: the widget's wasm and JS, and the DOM calls it makes";
  const group = { FunctionCall: SCRIPT, RunMicrotasks: SCRIPT, EventDispatch: 'event dispatch', UpdateLayoutTree: 'style, forced when focus moves', Layout: 'layout, forced when focus moves and the heading is scrolled into view' };
  const steps = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name !== 'pr-continue' || marks[i + 1].name !== 'pr-focused') continue;
    const [t0, t1] = [marks[i].ts, marks[i + 1].ts];
    const by = { 'click to focus': t1 - t0 };
    for (const e of xs) {
      if (e.ts + e.dur <= t0 || e.ts >= t1) continue;
      const k = group[e.name] || 'other';
      by[k] = (by[k] || 0) + self.get(e) * ((Math.min(e.ts + e.dur, t1) - Math.max(e.ts, t0)) / e.dur);
    }
    steps.push(by);
  }
  const kept = steps.slice(WARM);
  const m = (k) => median(kept.map((s) => s[k] || 0)) / 1000;
  console.log(`Continue, first question to second, CPU ${CPU}x: medians of ${kept.length} steps (each part's median; they need not add up)`);
  for (const k of [...new Set(kept.flatMap(Object.keys))].sort((a, b) => m(b) - m(a))) console.log(`  ${m(k).toFixed(1).padStart(6)} ms  ${k}`);
}
await receiver.stop();
