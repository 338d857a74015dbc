// Developer aid (not run by any script): a CPU profile of step changes.
// PROFILE_ROOT=<dist with a names-kept wasm> node tests/bench/profile.mjs
import { startReceiver, startSite, openBrowser, focusedHeading } from '../e2e/lib/harness.mjs';
import { check, fill, fillDate } from '../e2e/lib/journey.mjs';

const receiver = await startReceiver();
const site = await startSite({ endpoint: `${receiver.url}/submissions`, root: process.env.PROFILE_ROOT });
const b = await openBrowser();
const { page } = b;
const cdp = await b.context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(site.url);
// The widget itself, not the loader's plain copy of the first question.
await page.locator('[data-putright][data-putright-status="ready"]').waitFor({ state: 'attached', timeout: 60000 });
await page.getByRole('heading', { level: 1, name: 'Is any of these happening in your home now?' }).waitFor();
await page.locator('.putright h1').focus();
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const cont = async () => { const h = await focusedHeading(page).catch(() => null); await page.getByRole('button', { name: 'Continue', exact: true }).click(); await page.waitForFunction((h) => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a?.tagName === 'H1' && a.textContent.trim() !== h; }, h); };
await check(page, 'None of these'); await cont();
await check(page, 'Tell us something has gone wrong or you are unhappy'); await cont();
await check(page, 'Yes, I have told you before'); await cont();
await fill(page, 'What has gone wrong?', 'The boiler repair was booked three times and nobody came.'); await cont();
await fillDate(page, 'When did the problem start?', '2', '9', '2026'); await cont();
await cont();
await check(page, 'No'); await cont();
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => { const n = byId.get(id); const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(name, (self.get(name) || 0) + (dt[i] || 0)); });
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total ms', (total / 1000).toFixed(1));
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000).toFixed(1).padStart(8), k.slice(0, 150));
// Inclusive time per function name.
const incl = new Map();
const children = new Map(profile.nodes.map((n) => [n.id, n.children || []]));
const selfById = new Map(); profile.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) || 0) + (dt[i] || 0)));
function walk(id, stack) { const n = byId.get(id); const name = n.callFrame.functionName || '(anon)'; let t = selfById.get(id) || 0; for (const c of children.get(id)) t += walk(c, [...stack, name]); if (!stack.includes(name)) incl.set(name, (incl.get(name) || 0) + t); return t; }
walk(profile.nodes[0].id, []);
console.log('--- inclusive');
for (const [k, v] of [...incl.entries()].filter(([k]) => !process.env.FILTER || k.includes(process.env.FILTER)).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log((v / 1000).toFixed(1).padStart(8), k.slice(0, 150));
await b.close(); await site.close(); await receiver.stop();
