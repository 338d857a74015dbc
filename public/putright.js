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
//
// The first question ("Is any of these happening in your home now?") does
// not wait for the wasm: this file draws it at once, as a plain working
// form in the widget's shadow root, and handles its Continue (the emergency
// numbers for a hazard, the error summary for nothing chosen). When the
// wasm is ready it takes the form over (src/edge/embed.rs `isolate`),
// keeping what was ticked, where the focus was and a pending Continue. If
// the wasm cannot load, the form stays and the landlord's contact details
// are added to it.

const ASSETS = new URL('./', import.meta.url);
const PENDING = '[data-putright]:not([data-putright-mounted])';

// The widget's stylesheet (style/putright.css), written in here by the build
// (scripts/lib/inline-css.mjs), so the plain first question is styled the
// moment it is drawn, without waiting a round trip for putright.css. Left
// null, or where a browser cannot adopt a constructed stylesheet in a shadow
// root (before Safari 16.4), the question waits for putright.css instead.
const STYLES = null; // inline-css: putright.css

// BEGIN FIRST QUESTION
// The first page's choices and words, copied from the journey's declaration
// (src/domain/journey/start.rs) and the shipped catalogues (public/i18n);
// a native test in src/domain/journey/start.rs fails if they differ:
// the_loaders_plain_first_question_matches_the_declaration_and_catalogues.
const FIRST = {
 "hazards": [
  "gas_smell",
  "electrical_danger",
  "no_heating",
  "no_water",
  "flooding_or_major_leak",
  "structural_danger",
  "fire_safety",
  "serious_damp_and_mould",
  "damp_and_mould",
  "none"
 ],
 "words": {
  "en-GB": {
   "@dir": "ltr",
   "hazards.label": "Is any of these happening in your home now?",
   "hazards.hint": "Select all that apply. We ask this first so we can help you quickly if anyone is in danger.",
   "hazards.missing": "Select what is happening, or select “None of these”",
   "hazards.exclusive": "Select what is happening, or select only “None of these”",
   "hazard.gas_smell": "I can smell gas",
   "hazard.electrical_danger": "Something electrical is dangerous, sparking or wet",
   "hazard.no_heating": "I have no heating",
   "hazard.no_water": "I have no water",
   "hazard.flooding_or_major_leak": "There is flooding or a major leak",
   "hazard.structural_danger": "Part of the building could fall or collapse",
   "hazard.fire_safety": "A fire alarm, fire door or escape route is broken or blocked",
   "hazard.serious_damp_and_mould": "Damp or mould is making someone ill",
   "hazard.damp_and_mould": "There is a lot of damp or mould",
   "hazard.none": "None of these",
   "button.continue": "Continue",
   "errors.title": "There is a problem",
   "errors.prefix": "Error:",
   "nav.back": "Back",
   "emergency_advice.title": "Call us now",
   "emergency_advice.title_damp": "Tell us about the damp and mould",
   "emergency_advice.call": "Call {landlord} now on {number}. Do not wait to fill in a form.",
   "emergency_advice.damp": "Tell {landlord} about the damp and mould as soon as you can, on {number} or with this form.",
   "emergency_advice.steps": "What to do now, and what we must do",
   "advice.999": "If anyone is in immediate danger, call 999.",
   "advice.gas": "If you smell gas, call the National Gas Emergency Service on 0800 111 999. Open doors and windows, and do not use switches or naked flames.",
   "advice.gas_ni": "If you smell gas, call the Northern Ireland Gas Emergency Service on 0800 002 001. Open doors and windows, and do not use switches or naked flames.",
   "advice.gas_any": "If you smell gas, call the gas emergency line: 0800 111 999 in England, Scotland and Wales, or 0800 002 001 in Northern Ireland. Open doors and windows, and do not use switches or naked flames.",
   "advice.fire": "If there is a fire, get everyone out and call 999.",
   "advice.water_off": "If it is safe to, turn the water off at the stopcock.",
   "advice.electrics": "Keep away from wet electrics. If it is safe to, switch off at the fuse box.",
   "plain.waiting": "Loading the next question…",
   "fallback.title": "Sorry, our online form is not working at the moment",
   "fallback.call": "Please call us on {phone} and we will help you.",
   "loader.contact_named": "You can contact {name}:",
   "loader.contact": "You can contact us:",
   "loader.phone": "Phone:",
   "loader.email": "Email:",
   "loader.write": "Write to:",
   "loader.region": "How to contact us"
  },
  "cy": {
   "@dir": "ltr",
   "hazards.label": "Ydy unrhyw un o'r rhain yn digwydd yn eich cartref nawr?",
   "hazards.hint": "Dewiswch bob un sy'n berthnasol. Rydym yn gofyn hyn yn gyntaf er mwyn gallu eich helpu'n gyflym os oes unrhyw un mewn perygl.",
   "hazards.missing": "Dewiswch beth sy'n digwydd, neu dewiswch “Dim un o'r rhain”",
   "hazards.exclusive": "Dewiswch beth sy'n digwydd, neu dewiswch “Dim un o'r rhain” yn unig",
   "hazard.gas_smell": "Rwy'n gallu arogli nwy",
   "hazard.electrical_danger": "Mae rhywbeth trydanol yn beryglus, yn gwreichioni neu'n wlyb",
   "hazard.no_heating": "Does gen i ddim gwres",
   "hazard.no_water": "Does gen i ddim dŵr",
   "hazard.flooding_or_major_leak": "Mae llifogydd neu ollyngiad mawr",
   "hazard.structural_danger": "Gallai rhan o'r adeilad gwympo neu ddymchwel",
   "hazard.fire_safety": "Mae larwm tân, drws tân neu lwybr dianc wedi torri neu wedi'i rwystro",
   "hazard.serious_damp_and_mould": "Mae lleithder neu lwydni yn gwneud rhywun yn sâl",
   "hazard.damp_and_mould": "Mae llawer o leithder neu lwydni",
   "hazard.none": "Dim un o'r rhain",
   "button.continue": "Parhau",
   "errors.title": "Mae problem wedi codi",
   "errors.prefix": "Gwall:",
   "nav.back": "Yn ôl",
   "emergency_advice.title": "Ffoniwch ni nawr",
   "emergency_advice.title_damp": "Dywedwch wrthym am y lleithder a'r llwydni",
   "emergency_advice.call": "Ffoniwch {landlord} nawr ar {number}. Peidiwch ag aros i lenwi ffurflen.",
   "emergency_advice.damp": "Dywedwch wrth {landlord} am y lleithder a'r llwydni cyn gynted ag y gallwch, ar {number} neu drwy'r ffurflen hon.",
   "emergency_advice.steps": "Beth i'w wneud nawr, a beth sy'n rhaid i ni ei wneud",
   "advice.999": "Os oes unrhyw un mewn perygl uniongyrchol, ffoniwch 999.",
   "advice.gas": "Os ydych chi'n arogli nwy, ffoniwch y Gwasanaeth Argyfwng Nwy Cenedlaethol ar 0800 111 999. Agorwch ddrysau a ffenestri, a pheidiwch â defnyddio switshis na fflamau noeth.",
   "advice.gas_ni": "Os ydych chi'n arogli nwy, ffoniwch Wasanaeth Argyfwng Nwy Gogledd Iwerddon ar 0800 002 001. Agorwch ddrysau a ffenestri, a pheidiwch â defnyddio switshis na fflamau noeth.",
   "advice.gas_any": "Os ydych chi'n arogli nwy, ffoniwch y llinell argyfwng nwy: 0800 111 999 yng Nghymru, Lloegr a'r Alban, neu 0800 002 001 yng Ngogledd Iwerddon. Agorwch ddrysau a ffenestri, a pheidiwch â defnyddio switshis na fflamau noeth.",
   "advice.fire": "Os oes tân, ewch â phawb allan a ffoniwch 999.",
   "advice.water_off": "Os yw'n ddiogel gwneud hynny, trowch y dŵr i ffwrdd wrth y stopfalf.",
   "advice.electrics": "Cadwch draw oddi wrth offer trydanol gwlyb. Os yw'n ddiogel gwneud hynny, diffoddwch y trydan wrth y blwch ffiwsiau.",
   "plain.waiting": "Wrthi’n llwytho’r cwestiwn nesaf…",
   "fallback.title": "Mae'n ddrwg gennym, nid yw ein ffurflen ar-lein yn gweithio ar hyn o bryd",
   "fallback.call": "Ffoniwch ni ar {phone} a byddwn yn eich helpu.",
   "loader.contact_named": "Gallwch gysylltu â {name}:",
   "loader.contact": "Gallwch gysylltu â ni:",
   "loader.phone": "Ffôn:",
   "loader.email": "E-bost:",
   "loader.write": "Ysgrifennwch at:",
   "loader.region": "Sut i gysylltu â ni"
  },
  "ur": {
   "@dir": "rtl",
   "hazards.label": "کیا اس وقت آپ کے گھر میں ان میں سے کچھ ہو رہا ہے؟",
   "hazards.hint": "جو بھی لاگو ہوں، سب منتخب کریں۔ ہم یہ سب سے پہلے اس لیے پوچھتے ہیں تاکہ اگر کسی کو خطرہ ہو تو ہم جلدی آپ کی مدد کر سکیں۔",
   "hazards.missing": "منتخب کریں کہ کیا ہو رہا ہے، یا \"ان میں سے کوئی نہیں\" منتخب کریں",
   "hazards.exclusive": "منتخب کریں کہ کیا ہو رہا ہے، یا صرف \"ان میں سے کوئی نہیں\" منتخب کریں",
   "hazard.gas_smell": "مجھے گیس کی بو آ رہی ہے",
   "hazard.electrical_danger": "بجلی کی کوئی چیز خطرناک ہے، اس سے چنگاریاں نکل رہی ہیں یا وہ گیلی ہے",
   "hazard.no_heating": "میرے گھر میں ہیٹنگ نہیں ہے",
   "hazard.no_water": "میرے گھر میں پانی نہیں ہے",
   "hazard.flooding_or_major_leak": "گھر میں پانی بھر گیا ہے یا کہیں سے بہت زیادہ پانی لیک ہو رہا ہے",
   "hazard.structural_danger": "عمارت کا کوئی حصہ گر سکتا ہے یا ڈھے سکتا ہے",
   "hazard.fire_safety": "فائر الارم، فائر ڈور (آگ سے بچاؤ کا دروازہ) یا باہر نکلنے کا راستہ خراب ہے یا اس میں رکاوٹ ہے",
   "hazard.serious_damp_and_mould": "نمی یا پھپھوندی کی وجہ سے کوئی بیمار ہو رہا ہے",
   "hazard.damp_and_mould": "بہت زیادہ نمی یا پھپھوندی ہے",
   "hazard.none": "ان میں سے کوئی نہیں",
   "button.continue": "جاری رکھیں",
   "errors.title": "ایک مسئلہ ہے",
   "errors.prefix": "خرابی:",
   "nav.back": "واپس",
   "emergency_advice.title": "ہمیں ابھی فون کریں",
   "emergency_advice.title_damp": "ہمیں نمی اور پھپھوندی کے بارے میں بتائیں",
   "emergency_advice.call": "{landlord} کو ابھی {number} پر فون کریں۔ فارم بھرنے کا انتظار نہ کریں۔",
   "emergency_advice.damp": "{landlord} کو نمی اور پھپھوندی کے بارے میں جتنی جلدی ہو سکے بتائیں، {number} پر فون کر کے یا اس فارم کے ذریعے۔",
   "emergency_advice.steps": "آپ ابھی کیا کریں، اور ہمیں کیا کرنا لازمی ہے",
   "advice.999": "اگر کسی کو فوری خطرہ ہو تو 999 پر فون کریں۔",
   "advice.gas": "اگر آپ کو گیس کی بو آئے تو نیشنل گیس ایمرجنسی سروس کو ⁦0800 111 999⁩ پر فون کریں۔ دروازے اور کھڑکیاں کھول دیں، اور بجلی کے سوئچ یا کوئی شعلہ (جیسے ماچس یا لائٹر) استعمال نہ کریں۔",
   "advice.gas_ni": "اگر آپ کو گیس کی بو آئے تو شمالی آئرلینڈ گیس ایمرجنسی سروس کو ⁦0800 002 001⁩ پر فون کریں۔ دروازے اور کھڑکیاں کھول دیں، اور بجلی کے سوئچ یا کوئی شعلہ (جیسے ماچس یا لائٹر) استعمال نہ کریں۔",
   "advice.gas_any": "اگر آپ کو گیس کی بو آئے تو گیس ایمرجنسی لائن پر فون کریں: انگلینڈ، اسکاٹ لینڈ اور ویلز میں ⁦0800 111 999⁩، یا شمالی آئرلینڈ میں ⁦0800 002 001⁩۔ دروازے اور کھڑکیاں کھول دیں، اور بجلی کے سوئچ یا کوئی شعلہ (جیسے ماچس یا لائٹر) استعمال نہ کریں۔",
   "advice.fire": "اگر آگ لگی ہو تو سب کو باہر نکالیں اور 999 پر فون کریں۔",
   "advice.water_off": "اگر ایسا کرنا محفوظ ہو تو اسٹاپ کاک (پانی کا مین والو) سے پانی بند کر دیں۔",
   "advice.electrics": "بجلی کی گیلی چیزوں سے دور رہیں۔ اگر ایسا کرنا محفوظ ہو تو فیوز باکس سے بجلی بند کر دیں۔",
   "plain.waiting": "اگلا سوال لوڈ ہو رہا ہے…",
   "fallback.title": "معذرت، ہمارا آن لائن فارم اس وقت کام نہیں کر رہا",
   "fallback.call": "براہ کرم ہمیں {phone} پر فون کریں، ہم آپ کی مدد کریں گے۔",
   "loader.contact_named": "آپ {name} سے رابطہ کر سکتے ہیں:",
   "loader.contact": "آپ ہم سے رابطہ کر سکتے ہیں:",
   "loader.phone": "فون:",
   "loader.email": "ای میل:",
   "loader.write": "اس پتے پر خط لکھیں:",
   "loader.region": "ہم سے رابطہ کیسے کریں"
  },
  "pl": {
   "@dir": "ltr",
   "hazards.label": "Czy w Twoim domu dzieje się teraz coś z poniższych?",
   "hazards.hint": "Zaznacz wszystko, co pasuje. Pytamy o to na początku, żeby szybko pomóc, jeśli ktoś jest w niebezpieczeństwie.",
   "hazards.missing": "Zaznacz, co się dzieje, albo zaznacz „Nic z tych rzeczy”",
   "hazards.exclusive": "Zaznacz, co się dzieje, albo zaznacz tylko „Nic z tych rzeczy”",
   "hazard.gas_smell": "Czuję zapach gazu",
   "hazard.electrical_danger": "Coś elektrycznego stwarza zagrożenie, iskrzy lub jest mokre",
   "hazard.no_heating": "Nie mam ogrzewania",
   "hazard.no_water": "Nie mam wody",
   "hazard.flooding_or_major_leak": "Jest zalanie lub duży wyciek wody",
   "hazard.structural_danger": "Część budynku może odpaść lub się zawalić",
   "hazard.fire_safety": "Alarm pożarowy, drzwi przeciwpożarowe lub droga ewakuacyjna są zepsute lub zablokowane",
   "hazard.serious_damp_and_mould": "Przez wilgoć lub pleśń ktoś choruje",
   "hazard.damp_and_mould": "Jest dużo wilgoci lub pleśni",
   "hazard.none": "Nic z tych rzeczy",
   "button.continue": "Dalej",
   "errors.title": "Wystąpił problem",
   "errors.prefix": "Błąd:",
   "nav.back": "Wstecz",
   "emergency_advice.title": "Zadzwoń do nas teraz",
   "emergency_advice.title_damp": "Zgłoś nam wilgoć i pleśń",
   "emergency_advice.call": "Zadzwoń teraz: {landlord}, tel. {number}. Nie czekaj, aż wypełnisz formularz.",
   "emergency_advice.damp": "Jak najszybciej zgłoś wilgoć i pleśń: {landlord}, tel. {number}, albo przez ten formularz.",
   "emergency_advice.steps": "Co zrobić teraz i co my musimy zrobić",
   "advice.999": "Jeśli komuś grozi bezpośrednie niebezpieczeństwo, zadzwoń pod numer 999.",
   "advice.gas": "Jeśli czujesz zapach gazu, zadzwoń do pogotowia gazowego (National Gas Emergency Service) pod numer 0800 111 999. Otwórz drzwi i okna. Nie używaj włączników ani otwartego ognia.",
   "advice.gas_ni": "Jeśli czujesz zapach gazu, zadzwoń do pogotowia gazowego Irlandii Północnej (Northern Ireland Gas Emergency Service) pod numer 0800 002 001. Otwórz drzwi i okna. Nie używaj włączników ani otwartego ognia.",
   "advice.gas_any": "Jeśli czujesz zapach gazu, zadzwoń do pogotowia gazowego: w Anglii, Szkocji i Walii pod numer 0800 111 999, a w Irlandii Północnej pod numer 0800 002 001. Otwórz drzwi i okna. Nie używaj włączników ani otwartego ognia.",
   "advice.fire": "Jeśli jest pożar, wyprowadź wszystkich na zewnątrz i zadzwoń pod numer 999.",
   "advice.water_off": "Jeśli możesz to zrobić bezpiecznie, zakręć wodę głównym zaworem.",
   "advice.electrics": "Nie zbliżaj się do mokrych urządzeń i instalacji elektrycznej. Jeśli możesz to zrobić bezpiecznie, wyłącz prąd w skrzynce z bezpiecznikami.",
   "plain.waiting": "Wczytujemy następne pytanie…",
   "fallback.title": "Przepraszamy, nasz formularz internetowy chwilowo nie działa",
   "fallback.call": "Zadzwoń do nas pod numer {phone} – pomożemy Ci.",
   "loader.contact_named": "Możesz skontaktować się z {name}:",
   "loader.contact": "Możesz się z nami skontaktować:",
   "loader.phone": "Telefon:",
   "loader.email": "E-mail:",
   "loader.write": "Adres do korespondencji:",
   "loader.region": "Jak się z nami skontaktować"
  }
 }
};
// END FIRST QUESTION

let bindings;
let wasm;

async function boot() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new Error('this browser cannot run WebAssembly');
  }
  // The wasm (the largest file) starts downloading now, beside its glue,
  // not a round trip later once the glue has arrived.
  const wasmFile = fetch(new URL('put-right_bg.wasm', ASSETS));
  wasmFile.catch(() => {}); // if the glue fails first, that failure is the one reported
  const module = await import(new URL('put-right.js', ASSETS).href);
  wasm = await module.default({ module_or_path: wasmFile });
  bindings = module;
}

const ready = boot().then(
  () => { bindings.start(ASSETS.href); },
  (err) => {
    console.error(`Put Right: the widget could not start (${err && err.message ? err.message : err}); showing contact details instead`);
    for (const host of document.querySelectorAll(PENDING)) {
      const plain = plains.find((p) => p.host === host);
      if (plain) plain.fail(); else showContactDetails(host);
    }
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

/** The landlord's config, from data-config or data-config-url; {} if it cannot be read. */
async function readConfig(host) {
  let config = {};
  try {
    if (host.dataset.config) config = JSON.parse(host.dataset.config);
    else if (host.dataset.configUrl) {
      const response = await fetch(host.dataset.configUrl, { credentials: 'same-origin' });
      if (response.ok) config = await response.json();
    }
  } catch { config = {}; }
  return typeof config === 'object' && config !== null ? config : {};
}

/** The landlord's contact details: from the config, else the host's data-phone and data-email. */
function contactDetails(host, config) {
  return {
    name: text(config.landlord_name),
    phone: text(config.phone) || text(host.dataset.phone),
    hours: text(config.opening_hours),
    email: text(config.email) || text(host.dataset.email),
    address: Array.isArray(config.address) ? config.address.map(text).filter(Boolean) : [],
  };
}

const primary = (tag) => String(tag).split('-')[0].toLowerCase();

/** The resident's language by the widget's own rule (Languages::pick in
 *  src/domain/config/languages.rs): the first browser language the landlord
 *  offers, exactly or by its main language, else the landlord's default. */
export function pickLanguage(languages, preferred) {
  const offered = Array.isArray(languages?.offered) && languages.offered.length ? languages.offered.map(String) : ['en-GB'];
  for (const p of preferred) {
    const exact = offered.find((o) => o.toLowerCase() === String(p).toLowerCase());
    if (exact) return exact;
    const main = offered.find((o) => primary(o) === primary(p));
    if (main) return main;
  }
  return offered.includes(languages?.default) ? languages.default : offered[0];
}

async function fetchJson(url) {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    return response.ok ? await response.json() : null;
  } catch { return null; }
}

/** The fallback's words in the resident's language: the shipped words this
 *  file carries (FIRST.words, every shipped language), with the landlord's own
 *  catalogue for that language over them if the config names one. A language
 *  shipped by neither falls back to English. */
async function fallbackWords(config) {
  const lang = pickLanguage(config.languages, navigator.languages || [navigator.language || 'en-GB']);
  const words = { ...FIRST.words['en-GB'], ...FIRST.words[lang] };
  let dir = words['@dir'];
  const own = config.languages?.catalogues?.[lang];
  const catalogue = typeof own === 'string' && own.startsWith('https://') ? await fetchJson(own) : null;
  if (catalogue && typeof catalogue === 'object') {
    for (const key of Object.keys(words)) if (typeof catalogue[key] === 'string') words[key] = catalogue[key];
    if (catalogue['@meta']?.dir === 'rtl' || catalogue['@meta']?.dir === 'ltr') dir = catalogue['@meta'].dir;
  }
  const say = (key, args = {}) => words[key].replace(/\{(\w+)\}/g, (m, name) => (name in args ? args[name] : m));
  return { lang: FIRST.words[lang] || catalogue ? lang : 'en-GB', dir, say };
}

function el(tag, content, attrs = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of [].concat(content)) node.append(c);
  return node;
}

// Phone numbers, emails and addresses keep their own direction inside a right-to-left line.
const ltr = (node) => { node.setAttribute('dir', 'ltr'); return node; };

/** Replaces the placeholder with the landlord's contact details, in the
 *  resident's language (built with DOM calls, never HTML strings). */
async function showContactDetails(host) {
  host.setAttribute('data-putright-mounted', '');
  const config = await readConfig(host);
  const c = contactDetails(host, config);
  if (!c.phone && !c.email && c.address.length === 0) { // keep the landlord's own placeholder
    host.setAttribute('data-putright-status', 'failed');
    return;
  }
  const { lang, dir, say } = await fallbackWords(config);
  const box = el('div', contactParts(c, say, 'p'), { class: 'putright-fallback', role: 'region', 'aria-label': say('loader.region'), lang, dir });
  host.replaceChildren(box);
  host.setAttribute('data-putright-status', 'failed');
}

/** "Sorry, our online form is not working", then the landlord's phone, email and address. */
function contactParts(c, say, titleTag) {
  const items = [];
  if (c.phone) items.push(el('li', [`${say('loader.phone')} `, telLink(c.phone), c.hours ? ` (${c.hours})` : '']));
  if (c.email) items.push(el('li', [`${say('loader.email')} `, ltr(el('a', c.email, { href: `mailto:${c.email}` }))]));
  if (c.address.length) items.push(el('li', `${say('loader.write')} ${c.address.join(', ')}`));
  return [
    el(titleTag, say('fallback.title')),
    el('p', c.name ? say('loader.contact_named', { name: c.name }) : say('loader.contact')),
    el('ul', items),
  ];
}

// ---------------------------------------------------------------------------
// The first question as plain HTML.

/** Whether a saved draft would resume somewhere other than an empty first
 *  question (then the wasm shows "Continue where you left off" instead).
 *  Returns the draft's language and text size if it would not. */
function savedDraft() {
  const found = { resume: false, lang: null, large: false };
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!/^putright:.+:draft$/.test(key)) continue;
      const d = JSON.parse(localStorage.getItem(key));
      // Any answer kept, even one ticked then unticked: as the widget's Saved::has_answers.
      const answers = d && typeof d.answers === 'object' && d.answers ? Object.keys(d.answers).length : 0;
      if (!d || d.page !== 'hazards' || answers > 0 || d.pending_id || (d.trail && d.trail.length)) found.resume = true;
      if (d && typeof d.lang === 'string') found.lang = d.lang;
      if (d && d.large_text) found.large = true;
    }
  } catch { /* storage blocked: nothing saved */ }
  return found;
}

/** The shipped language nearest the page: the host's (or page's) lang. */
function pageLanguage(host) {
  const tag = host.closest('[lang]')?.getAttribute('lang') || 'en-GB';
  return Object.keys(FIRST.words).find((l) => l.toLowerCase() === tag.toLowerCase())
    || Object.keys(FIRST.words).find((l) => primary(l) === primary(tag)) || 'en-GB';
}

let sheet; // STYLES parsed once, shared by every widget on the page

/** Gives `root` the widget's stylesheet from this file (CSSOM, which a
 *  strict Content-Security-Policy allows); false if it cannot. */
function adoptStyles(root) {
  if (typeof STYLES !== 'string' || !('adoptedStyleSheets' in root)) return false;
  try {
    if (!sheet) {
      const made = new CSSStyleSheet();
      made.replaceSync(STYLES);
      sheet = made;
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return true;
  } catch {
    return false;
  }
}

/** Draws the first question into a new shadow root on `host`; returns its
 *  controller, or null where the wasm should draw everything itself. */
function drawFirstQuestion(host, index) {
  const draft = savedDraft();
  if (typeof host.attachShadow !== 'function') return null;
  let root;
  try { root = host.attachShadow({ mode: 'open' }); } catch { return null; } // not an element that can hold one
  if (draft.resume) {
    // The widget will resume the draft and draw everything itself: the root
    // gets the stylesheet now, so the widget shows the moment it is drawn
    // instead of a round trip later for putright.css. The landlord's
    // placeholder shows through a slot until then (and if the wasm fails:
    // `showContactDetails`). The widget takes the marked slot away when it
    // mounts; where the stylesheet cannot be adopted it loads putright.css.
    root.append(el('slot', [], adoptStyles(root) ? { 'data-pr-ahead': '', 'data-pr-styled': '' } : { 'data-pr-ahead': '' }));
    return null;
  }
  const instance = host.id ? `${host.id}-pr` : `putright-${index}`;
  const state = {
    lang: draft.lang && FIRST.words[draft.lang] ? draft.lang : pageLanguage(host),
    checked: [], error: null, submitted: false, stage: 'ask', failed: false, config: null,
  };
  const box = el('div', [], { class: 'pr-root', 'data-pr-plain': '' });
  if (adoptStyles(root)) root.append(box);
  else {
    const link = el('link', [], { rel: 'stylesheet', href: new URL('putright.css', ASSETS).href });
    box.hidden = true;
    const show = () => { box.hidden = false; };
    link.addEventListener('load', show);
    link.addEventListener('error', show);
    root.append(link, box);
  }
  const id = (name) => `${instance}-${name}`;
  const focus = (elementId) => { const e = root.getElementById(elementId); if (e) { e.focus(); e.scrollIntoView?.(true); } };

  // One live region for the life of the page, so what it says is announced.
  const status = el('div', [], { class: 'pr-visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const step = el('div', []);
  const widget = el('div', [status, step], { class: draft.large ? 'putright pr-large-text' : 'putright', id: instance });
  box.append(widget);

  function render(focusId) {
    const words = FIRST.words[state.lang] || FIRST.words['en-GB'];
    const say = (key, args = {}) => words[key].replace(/\{(\w+)\}/g, (m, name) => (name in args ? args[name] : m));
    widget.setAttribute('lang', state.lang);
    widget.setAttribute('dir', words['@dir']);
    step.replaceChildren(state.stage === 'advice' ? advice(say) : question(say));
    const said = state.stage === 'ask' || state.failed ? '' : say('plain.waiting');
    if (status.textContent !== said) status.textContent = said;
    box.dataset.prStage = state.stage;
    box.dataset.prSubmitted = String(state.submitted);
    box.dataset.prChecked = state.checked.join(' ');
    if (focusId) focus(focusId);
  }

  function question(say) {
    const field = id('hazards');
    const errorText = state.error && say(state.error);
    const items = FIRST.hazards.map((value, i) => {
      const inputId = i === 0 ? field : `${field}-${i}`;
      const input = el('input', [], { type: 'checkbox', id: inputId, name: field, value });
      input.checked = state.checked.includes(value);
      input.addEventListener('change', () => {
        const exclusive = value === 'none';
        state.checked = state.checked.filter((v) => v !== value && !(input.checked && (exclusive || v === 'none')));
        if (input.checked) state.checked.push(value);
        state.submitted = false;
        state.stage = 'ask';
        box.dataset.prStage = 'ask';
        for (const other of root.querySelectorAll(`input[name="${field}"]`)) other.checked = state.checked.includes(other.value);
        box.dataset.prSubmitted = 'false';
        box.dataset.prChecked = state.checked.join(' ');
      });
      return el('div', [input, el('div', el('label', say(`hazard.${value}`), { for: inputId }), { class: 'pr-choice-text' })], { class: 'pr-choice' });
    });
    const describedBy = [id('hazards-hint'), errorText ? id('hazards-error') : null].filter(Boolean).join(' ');
    const fieldset = el('fieldset', [
      el('legend', el('h1', say('hazards.label'), { class: 'pr-h1', tabindex: '-1' })),
      el('div', say('hazards.hint'), { class: 'pr-hint', id: id('hazards-hint') }),
      ...(errorText ? [el('p', [el('span', `${say('errors.prefix')} `, { class: 'pr-visually-hidden' }), errorText], { class: 'pr-error-message', id: id('hazards-error') })] : []),
      el('div', items, { class: 'pr-choices' }),
    ], { 'aria-describedby': describedBy });
    const form = el('form', [
      el('div', fieldset, { class: errorText ? 'pr-form-group pr-form-group--error' : 'pr-form-group' }),
      el('div', el('button', say('button.continue'), { class: 'pr-button', type: 'submit', id: id('continue') }), { class: 'pr-button-group' }),
    ], { novalidate: '' });
    form.addEventListener('submit', (ev) => { ev.preventDefault(); submit(); });
    const parts = [];
    if (errorText) {
      const summary = id('error-summary');
      const link = el('a', errorText, { href: `#${field}` });
      link.addEventListener('click', (ev) => { ev.preventDefault(); focus(field); });
      parts.push(el('div', el('div', [el('h2', say('errors.title'), { id: `${summary}-title` }), el('ul', el('li', link))], { role: 'alert' }),
        { class: 'pr-error-summary', id: summary, tabindex: '-1', 'aria-labelledby': `${summary}-title` }));
    }
    parts.push(form);
    // "None of these": the next question needs the widget.
    if (state.stage === 'waiting' && !state.failed) parts.push(el('p', say('plain.waiting'), { class: 'pr-hint' }));
    if (state.failed) parts.push(...contactBox(say));
    return el('div', parts, { class: 'pr-step', 'data-page': 'hazards' });
  }

  // Continue: the same checks as the journey's hazards page (src/domain/journey/start.rs).
  function submit() {
    state.submitted = true;
    const none = state.checked.includes('none');
    state.error = state.checked.length === 0 ? 'hazards.missing' : none && state.checked.length > 1 ? 'hazards.exclusive' : null;
    if (state.error) { render(id('error-summary')); return; }
    state.stage = none ? 'waiting' : 'advice';
    render(none ? (state.failed ? id('contact') : id('continue')) : id('next-heading'));
  }

  // What the wasm's emergency advice page says first (src/domain/hazard.rs).
  function advice(say) {
    const c = contactDetails(host, state.config || {});
    const back = el('button', say('nav.back'), { type: 'button', class: 'pr-back' });
    back.addEventListener('click', () => { state.stage = 'ask'; state.submitted = false; render(id('hazards')); });
    const emergency = state.checked.some((h) => h !== 'damp_and_mould');
    // The landlord's emergency line (config.emergency_number() in src/domain/config).
    const number = text(state.config?.emergency_phone) || c.phone;
    const call = !number ? [] : c.name
      ? sentence(say(emergency ? 'emergency_advice.call' : 'emergency_advice.damp', { landlord: c.name, number: '\u0001' }), telLink(number))
      : sentence(say('fallback.call', { phone: '\u0001' }), telLink(number));
    const steps = ['advice.999'];
    if (state.checked.includes('gas_smell')) steps.push(gasAdvice(state.config));
    if (state.checked.includes('fire_safety')) steps.push('advice.fire');
    if (state.checked.includes('flooding_or_major_leak')) steps.push('advice.water_off');
    if (state.checked.includes('electrical_danger') || state.checked.includes('flooding_or_major_leak')) steps.push('advice.electrics');
    return el('div', [
      back,
      el('h1', say(emergency ? 'emergency_advice.title' : 'emergency_advice.title_damp'), { class: 'pr-h1', tabindex: '-1', id: id('next-heading') }),
      ...(number ? [el('div', el('p', el('strong', call)), { class: emergency ? 'pr-emergency' : 'pr-inset' })] : []),
      el('h2', say('emergency_advice.steps')),
      el('ul', steps.map((k) => el('li', say(k)))),
      ...(state.failed ? contactBox(say) : [el('p', say('plain.waiting'), { class: 'pr-hint' })]),
    ], { class: 'pr-step', 'data-page': 'emergency_advice' });
  }

  function contactBox(say) {
    const c = contactDetails(host, state.config || {});
    return [el('div', contactParts(c, say, 'h2'),
      { class: 'pr-inset pr-contact', role: 'region', 'aria-label': say('loader.region'), id: id('contact'), tabindex: '-1' })];
  }

  render(null);
  // The widget gave up on this host (its words could not load): the plain
  // question stays, with how to reach the landlord.
  new MutationObserver(() => {
    if (!state.failed && box.isConnected && host.getAttribute('data-putright-status') === 'failed') {
      state.failed = true;
      render(state.stage === 'waiting' ? id('contact') : root.activeElement?.id || null);
    }
  }).observe(host, { attributes: true, attributeFilter: ['data-putright-status'] });
  // The config says which languages the landlord offers, and gives its name and numbers.
  const configRead = readConfig(host).then((config) => {
    state.config = config;
    const lang = draft.lang && FIRST.words[draft.lang] ? draft.lang
      : pickLanguage(config.languages, navigator.languages || [navigator.language || 'en-GB']);
    const active = root.activeElement?.id || null;
    if (FIRST.words[lang] && lang !== state.lang) { state.lang = lang; render(active); }
    else if (state.stage !== 'ask' || state.failed) render(active);
  });
  return {
    host,
    /** The wasm could not start: the form stays, with how to reach the landlord. */
    async fail() {
      host.setAttribute('data-putright-mounted', '');
      await configRead; // the contact details and language come from it
      state.failed = true;
      render(state.stage === 'waiting' ? id('contact') : root.activeElement?.id || null);
      host.setAttribute('data-putright-status', 'failed');
    },
  };
}

/** The gas emergency line's step for the landlord's nation, chosen as the
 *  widget does (`gas_advice` in src/domain/hazard.rs): Northern Ireland's
 *  (0800 002 001) under scheme "northern-ireland-nipso" or its bank
 *  holidays, Great Britain's (0800 111 999) otherwise. Until the config is
 *  read, or if it cannot be, or names a scheme this file does not know,
 *  both numbers with where each applies, never one that may be wrong. */
function gasAdvice(config) {
  if (!config || Object.keys(config).length === 0) return 'advice.gas_any';
  const { scheme, bank_holiday_region: region } = config;
  if (scheme === 'northern-ireland-nipso' || (scheme === undefined && region === 'northern-ireland')) return 'advice.gas_ni';
  if (scheme !== undefined && !['england-hos', 'wales-psow', 'scotland-spso'].includes(scheme)) return 'advice.gas_any';
  return region === undefined || region === 'england-and-wales' || region === 'scotland' ? 'advice.gas' : 'advice.gas_any';
}

const telLink = (phone) => ltr(el('a', phone, { href: `tel:${phone.replace(/[^\d+]/g, '')}` }));

/** A sentence with `node` where its \u0001 placeholder is. */
function sentence(text, node) {
  const [before, after = ''] = text.split('\u0001');
  return [before, node, after];
}

// The plain first question goes in while the wasm downloads (last in this
// file, so every helper above is defined; `ready` only reads it later).
const plains = [...document.querySelectorAll(PENDING)].map((host, i) => drawFirstQuestion(host, i)).filter(Boolean);
