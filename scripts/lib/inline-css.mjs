// Release and debug builds (scripts/lib/lazy-parts.sh, Trunk's post-build
// hook): writes the widget's stylesheet into the loader, so the plain first
// question is styled the moment it is drawn (public/putright.js, STYLES),
// and writes the same text, without comments and runs of spaces, to
// putright.css, which is still loaded where the loader drew nothing (a
// draft to resume, an element that cannot hold a shadow root) or where a
// browser cannot adopt a constructed stylesheet.
//
//   node scripts/lib/inline-css.mjs <staging dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: inline-css.mjs <staging dir>');
const MARKER = 'const STYLES = null; // inline-css: putright.css';

// Comments go, and runs of white space become one space, none next to
// { } ; or , (a space before a colon is kept: ".a :focus" is not ".a:focus").
const css = readFileSync(join(dir, 'putright.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/ ?([{};,]) ?/g, '$1')
  .trim();
if (/url\(|@import/i.test(css)) throw new Error('putright.css: a url() or @import would resolve against the page, not the stylesheet, once inlined');

const loaderPath = join(dir, 'putright.js');
const loader = readFileSync(loaderPath, 'utf8');
if (!loader.includes(MARKER)) throw new Error(`putright.js: the line "${MARKER}" is missing; the build writes the stylesheet there`);
writeFileSync(loaderPath, loader.replace(MARKER, () => `const STYLES = ${JSON.stringify(css)};`));
writeFileSync(join(dir, 'putright.css'), `${css}\n`);
