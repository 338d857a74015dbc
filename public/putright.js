// Put Right loader: the one script a landlord's page includes.
//
//   <div data-putright data-config-url="/putright/config.json">...placeholder...</div>
//   <script type="module" src="https://cdn.example/putright/putright.js"></script>
//
// It loads put-right.js and put-right_bg.wasm from its own folder (wherever
// it is hosted), then mounts a widget into every element with
// data-putright. It uses no inline script and no eval, so it runs under a
// Content-Security-Policy of `script-src 'self' 'wasm-unsafe-eval'` (or the
// CDN's origin). If WebAssembly cannot load, each placeholder shows the
// landlord's phone, email and address instead of a blank box.
//
// Hosts added to the page later: `import { mount } from '.../putright.js'; mount();`

const ASSETS = new URL('./', import.meta.url);
const PENDING = '[data-putright]:not([data-putright-mounted])';

let bindings;
let wasm;

async function boot() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new Error('this browser cannot run WebAssembly');
  }
  const module = await import(new URL('put-right.js', ASSETS).href);
  wasm = await module.default({ module_or_path: new URL('put-right_bg.wasm', ASSETS) });
  bindings = module;
}

const ready = boot().then(
  () => { bindings.start(ASSETS.href); },
  (err) => {
    console.error(`Put Right: the widget could not start (${err && err.message ? err.message : err}); showing contact details instead`);
    for (const host of document.querySelectorAll(PENDING)) showContactDetails(host);
  },
);

/** Bytes of WebAssembly memory in use (for the performance bench), or null before start. */
export function wasmMemoryBytes() {
  return wasm && wasm.memory ? wasm.memory.buffer.byteLength : null;
}

/** Mounts widgets into host elements added since the page loaded. */
export async function mount() {
  await ready;
  if (bindings) bindings.start(ASSETS.href);
  else for (const host of document.querySelectorAll(PENDING)) showContactDetails(host);
}

const text = (v) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The landlord's contact details: from the config if it can be read, else the host's data-phone and data-email. */
async function contactDetails(host) {
  let config = {};
  try {
    if (host.dataset.config) config = JSON.parse(host.dataset.config);
    else if (host.dataset.configUrl) {
      const response = await fetch(host.dataset.configUrl, { credentials: 'same-origin' });
      if (response.ok) config = await response.json();
    }
  } catch { config = {}; }
  if (typeof config !== 'object' || config === null) config = {};
  return {
    name: text(config.landlord_name),
    phone: text(config.phone) || text(host.dataset.phone),
    hours: text(config.opening_hours),
    email: text(config.email) || text(host.dataset.email),
    address: Array.isArray(config.address) ? config.address.map(text).filter(Boolean) : [],
  };
}

function el(tag, content, attrs = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of [].concat(content)) node.append(c);
  return node;
}

/** Replaces the placeholder with the landlord's contact details (built with DOM calls, never HTML strings). */
async function showContactDetails(host) {
  host.setAttribute('data-putright-mounted', '');
  const c = await contactDetails(host);
  if (!c.phone && !c.email && c.address.length === 0) { // keep the landlord's own placeholder
    host.setAttribute('data-putright-status', 'failed');
    return;
  }
  const items = [];
  if (c.phone) {
    const tel = `tel:${c.phone.replace(/[^\d+]/g, '')}`;
    items.push(el('li', ['Phone: ', el('a', c.phone, { href: tel }), c.hours ? ` (${c.hours})` : '']));
  }
  if (c.email) items.push(el('li', ['Email: ', el('a', c.email, { href: `mailto:${c.email}` })]));
  if (c.address.length) items.push(el('li', [`Write to: ${c.address.join(', ')}`]));
  const box = el('div', [
    el('p', 'Sorry, our online form is not working at the moment.'),
    el('p', c.name ? `You can contact ${c.name}:` : 'You can contact us:'),
    el('ul', items),
  ], { class: 'putright-fallback', role: 'region', 'aria-label': 'How to contact us' });
  host.replaceChildren(box);
  host.setAttribute('data-putright-status', 'failed');
}
