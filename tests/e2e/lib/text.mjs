// The widget's own words, from its catalogues (public/i18n/), so tests
// expect what the declarations say instead of retyping it. Tests that check
// the visible wording itself still spell it out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const cache = new Map();

/** The catalogue of `locale` ("en-GB", "cy", "ur", "pl"). */
export function catalogue(locale = 'en-GB') {
  if (!cache.has(locale)) cache.set(locale, JSON.parse(readFileSync(join(ROOT, 'public', 'i18n', `${locale}.json`), 'utf8')));
  return cache.get(locale);
}

/** What the demo landlord's config fills in everywhere. */
export const DEMO = { landlord: 'Example Homes', ombudsman: 'Housing Ombudsman Service', phone: '0808 157 0192' };

const PLURAL = {
  en: (n) => (n === 1 ? 'one' : 'other'),
  ur: (n) => (n === 1 ? 'one' : 'other'),
  cy: (n) => ({ 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 6: 'many' }[n] || 'other'),
  pl: (n) => (n === 1 ? 'one' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'few' : 'many'),
};

/** A message with its placeholders filled (`{count}` picks the plural). */
export function t(key, args = {}, locale = 'en-GB') {
  const cat = catalogue(locale);
  let m = cat[key];
  if (m === undefined) throw new Error(`no ${key} in ${locale}`);
  if (typeof m === 'object') m = m[(PLURAL[locale.split('-')[0]] || PLURAL.en)(args.count)] ?? m.other;
  return m.replace(/\{(\w+)\}/g, (all, k) => String(k in args ? args[k] : k in DEMO ? DEMO[k] : all));
}

/** A question's label or legend (its page's heading), with "(optional)" where it is. */
export function label(key, { optional = false, rep = false, locale = 'en-GB' } = {}) {
  const cat = catalogue(locale);
  const text = t(rep && cat[`${key}.label@rep`] ? `${key}.label@rep` : `${key}.label`, {}, locale);
  return optional ? t('field.optional', { label: text }, locale) : text;
}

/** A page's own heading. */
export function title(key, { rep = false, locale = 'en-GB' } = {}) {
  const cat = catalogue(locale);
  return t(rep && cat[`${key}.title@rep`] ? `${key}.title@rep` : `${key}.title`, {}, locale);
}
