// Checks a soak run (scripts/soak): what the widget heard in the browser,
// printed by tests/soak.rs as `soak-delivered <id> <reference>` lines and a
// `soak-sent <n>` line, against what the receiver stored, read page by page
// from GET /submissions (answered to this machine only, so it is read here
// and not from the test page).
//
//   node tests/soak_check.mjs <receiver url> <soak test output file>
//
// Prints `soak: N sent, N stored, 0 duplicates, 0 lost` and exits non-zero
// unless every submission is stored exactly once with the reference the
// widget was given.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const [url, outputFile] = process.argv.slice(2);
if (!url || !outputFile) {
  console.error('usage: node tests/soak_check.mjs <receiver url> <soak test output>');
  process.exit(2);
}

const heard = new Map();
const files = [];
let expected = null;
for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
  const delivered = line.match(/soak-delivered ([0-9a-f-]{36}) (\S*)/);
  if (delivered) heard.set(delivered[1], delivered[2]);
  const file = line.match(/soak-file ([0-9a-f-]{36}) ([0-9a-f-]{36}) ([0-9a-f]{64})/);
  if (file) files.push({ id: file[1], file: file[2], sha256: file[3] });
  const sent = line.match(/soak-sent (\d+)/);
  if (sent) expected = Number(sent[1]);
}

const times = new Map();
const references = new Map();
let next = `${url}/submissions?limit=1000`;
let pages = 0;
while (next) {
  const response = await fetch(next);
  if (!response.ok) throw new Error(`GET ${next}: ${response.status} ${await response.text()}`);
  for (const row of await response.json()) {
    const id = row.submission?.id;
    times.set(id, (times.get(id) || 0) + 1);
    references.set(id, row.reference);
  }
  const link = response.headers.get('link')?.match(/<([^>]+)>;\s*rel="next"/);
  next = link ? new URL(link[1], url).href : null;
  if (++pages > 1000) throw new Error('the listing does not end');
}

const sent = [...heard.keys()];
const stored = sent.filter((id) => times.has(id)).length;
const duplicates = [...times.values()].filter((n) => n > 1).length;
const lost = sent.length - stored;
const wrong = sent.filter((id) => times.has(id) && references.get(id) !== heard.get(id));
console.log(`soak: ${sent.length} sent, ${stored} stored, ${duplicates} duplicates, ${lost} lost`);

// Each file, read back from the receiver: stored once with its submission, whole.
let filesWhole = 0;
const fileProblems = [];
for (const f of files) {
  const reference = references.get(f.id);
  if (!reference) { fileProblems.push(`${f.file}: its submission is not stored`); continue; }
  const response = await fetch(`${url}/submissions/${reference}/files/${f.file}`);
  if (!response.ok) { fileProblems.push(`${f.file}: GET ${response.status}`); continue; }
  const digest = createHash('sha256').update(Buffer.from(await response.arrayBuffer())).digest('hex');
  if (digest === f.sha256) filesWhole += 1; else fileProblems.push(`${f.file}: stored bytes differ`);
}
console.log(`soak: ${files.length} files sent, ${filesWhole} stored whole`);

const problems = [];
if (expected === null || sent.length !== expected || sent.length === 0) {
  problems.push(`the test reported ${expected} sent but printed ${sent.length} delivered submissions`);
}
if (wrong.length) problems.push(`${wrong.length} stored under another reference than the widget showed, e.g. ${wrong[0]}`);
if (duplicates || lost) problems.push('not every submission is stored exactly once');
if (files.length === 0) problems.push('no submission carried a file');
if (fileProblems.length) problems.push(`${fileProblems.length} files not stored whole, e.g. ${fileProblems[0]}`);
if (problems.length) {
  console.error(`soak check FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
