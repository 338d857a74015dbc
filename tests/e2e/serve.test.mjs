// Command one, `scripts/serve`, as a newcomer meets it: in a fresh clone of
// this repository (no node_modules, artifacts, dist, target or receiver-data),
// reusing only the installed tools, the cargo registry and (through
// CARGO_TARGET_DIR) the compiled dependencies. It must serve the demo page
// with the receiver, take a journey end to end, stop cleanly on Ctrl-C, and
// say at once why when it cannot run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openBrowser } from './lib/harness.mjs';
import { shortJourney, press } from './lib/journey.mjs';

let clone, work, targetDir;

/**
 * The cargo target directory for the clone. Cargo hashes a workspace's own
 * crates by their path inside the workspace, so the clone's crates compile
 * to the same units as this checkout's and would replace them: sharing
 * target/ is safe only while the clone's sources are this checkout's, i.e.
 * when nothing is uncommitted. Otherwise the clone gets a target directory
 * of its own under target/ (slow the first time, then kept).
 */
function cloneTargetDir() {
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
  return dirty ? join(ROOT, 'target', 'newcomer') : process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'putright-newcomer-'));
  clone = join(work, 'put-right');
  targetDir = cloneTargetDir();
  execFileSync('git', ['clone', '--quiet', ROOT, clone]);
  for (const made of ['tests/e2e/node_modules', 'scripts/node_modules', 'tests/e2e/artifacts', 'dist', 'target', 'receiver-data']) {
    assert.equal(existsSync(join(clone, made)), false, `a fresh clone has no ${made}`);
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

/** A port nothing listens on now, or a listener holding one (`hold`). */
async function freePort({ hold = false } = {}) {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  if (hold) return { port, close: () => new Promise((r) => server.close(r)) };
  await new Promise((r) => server.close(r));
  return port;
}

/** Whether this port of 127.0.0.1 can be listened on (nothing holds it). */
async function portIsFree(port) {
  const server = createServer();
  const ok = await new Promise((r) => { server.once('error', () => r(false)); server.listen(port, '127.0.0.1', () => r(true)); });
  if (ok) await new Promise((r) => server.close(r));
  return ok;
}

/** Running processes (not zombies) working in the clone or naming it. */
function processesInClone() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat[stat.lastIndexOf(')') + 2] === 'Z') continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(clone) || cmd.includes(clone)) found.push(`${pid}: ${cmd}`);
    } catch { /* it ended while we looked */ }
  }
  return found;
}

/**
 * Runs the clone's scripts/serve as a terminal would: in its own process
 * group, so `interrupt()` is Ctrl-C (SIGINT to the whole foreground group).
 * The installed tools are found as on this machine, wasm-opt from this
 * checkout's scripts/node_modules (a clone would install its own).
 */
function serve({ widgetPort, receiverPort }) {
  const child = spawn('bash', [join(clone, 'scripts', 'serve')], {
    cwd: clone,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'scripts', 'node_modules', '.bin')}:${process.env.PATH}`,
      CARGO_TARGET_DIR: targetDir,
      PUTRIGHT_WIDGET_PORT: String(widgetPort),
      PUTRIGHT_RECEIVER_PORT: String(receiverPort),
    },
  });
  let output = '';
  const waiters = [];
  const heard = (chunk) => {
    output += chunk;
    for (const w of waiters) if (output.includes(w.text)) w.resolve();
  };
  child.stdout.on('data', heard);
  child.stderr.on('data', heard);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    output: () => output,
    exited,
    /** Resolves when the output says `text`; fails if the script ends first. */
    says(text) {
      return new Promise((resolve, reject) => {
        if (output.includes(text)) return resolve();
        waiters.push({ text, resolve });
        exited.then(({ code, signal }) => reject(new Error(`scripts/serve ended (${code ?? signal}) before saying "${text}":\n${output.slice(-4000)}`)));
      });
    },
    interrupt: () => process.kill(-child.pid, 'SIGINT'),
    /** Makes sure nothing is left behind, whatever happened. */
    kill() { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } },
  };
}

/** Resolves with the script's exit once it ends, or fails after `seconds`. */
function endsWithin(run, seconds) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scripts/serve still running after ${seconds} s:\n${run.output().slice(-4000)}`)), seconds * 1000);
  });
  return Promise.race([run.exited, late]).finally(() => clearTimeout(timer));
}

/** The pid of the reference receiver that this clone's scripts/serve started. */
function receiverPid() {
  const line = processesInClone().find((p) => p.includes('putright-receiver') && p.includes(join(clone, 'receiver-data')));
  assert.ok(line, `the receiver is running:\n${processesInClone().join('\n')}`);
  return Number(line.split(':')[0]);
}

test('scripts/serve: a taken widget port is refused at once, naming the server and the port', async () => {
  const taken = await freePort({ hold: true });
  const receiverPort = await freePort();
  const started = Date.now();
  const run = serve({ widgetPort: taken.port, receiverPort });
  try {
    const { code } = await endsWithin(run, 30);
    assert.notEqual(code, 0, 'exits non-zero');
    assert.ok(Date.now() - started < 30000);
    assert.match(run.output(), new RegExp(`cannot start the widget server \\(trunk serve\\): port ${taken.port} on 127.0.0.1 is already in use`));
    assert.match(run.output(), /PUTRIGHT_WIDGET_PORT/, 'says how to choose another port');
    assert.deepEqual(processesInClone(), [], 'nothing left running');
    assert.equal(await portIsFree(receiverPort), true, 'the receiver was not started');
  } finally {
    run.kill();
    await taken.close();
  }
});

test('scripts/serve on a fresh clone: the demo page sends a journey to the receiver; Ctrl-C stops both', { timeout: 30 * 60 * 1000 }, async (t) => {
  t.diagnostic(`the clone builds in ${targetDir}`);
  const widgetPort = await freePort();
  const receiverPort = await freePort();
  const run = serve({ widgetPort, receiverPort });
  let browser;
  try {
    await run.says('Put Right is running.');
    assert.match(run.output(), new RegExp(`Demo landlord page: +http://127\\.0\\.0\\.1:${widgetPort}/`));
    browser = await openBrowser();
    const { page } = browser;
    const name = 'Nia Newcomer';
    await shortJourney(page, `http://127.0.0.1:${widgetPort}/`, { name, email: 'nia@example.com' });
    await press(page, 'Send');
    const reference = (await page.locator('.pr-reference').innerText()).trim();
    assert.ok(reference, 'a reference is shown');
    // The receiver lists it, as JSON and on its page.
    const stored = await (await fetch(`http://127.0.0.1:${receiverPort}/submissions`)).json();
    assert.deepEqual(stored.filter((s) => s.submission.resident?.name === name).map((s) => s.reference), [reference]);
    assert.match(await (await fetch(`http://127.0.0.1:${receiverPort}/`)).text(), new RegExp(reference));
    assert.equal(existsSync(join(clone, 'receiver-data', 'submissions.sqlite3')), true, 'stored where the README says');

    run.interrupt();
    const { code } = await endsWithin(run, 30);
    assert.equal(code, 0, `Ctrl-C ends it cleanly:\n${run.output().slice(-2000)}`);
    assert.deepEqual(processesInClone(), [], 'no server, cargo or other child left running');
    assert.equal(await portIsFree(widgetPort), true, 'the widget port is free again');
    assert.equal(await portIsFree(receiverPort), true, 'the receiver port is free again');
  } finally {
    await browser?.close();
    run.kill();
  }
});

test('scripts/serve: when a server stops by itself, the other is stopped and the reason shown', { timeout: 30 * 60 * 1000 }, async () => {
  const widgetPort = await freePort();
  const receiverPort = await freePort();
  const run = serve({ widgetPort, receiverPort });
  try {
    await run.says('Put Right is running.');
    process.kill(receiverPid(), 'SIGKILL');
    const { code } = await endsWithin(run, 15);
    assert.equal(code, 1, 'exits 1');
    assert.match(run.output(), /the reference receiver stopped by itself/);
    assert.match(run.output().split('Its last lines:')[1] ?? '', /listening on http:\/\/127\.0\.0\.1:/, 'shows what the receiver said');
    assert.deepEqual(processesInClone(), [], 'the widget server was stopped too');
    assert.equal(await portIsFree(widgetPort), true);
  } finally {
    run.kill();
  }
});
