// A site published in several languages (docs/languages.md), in a real
// browser: every page of every language tree says its language, the
// language switcher lands on the same page in the other language (with and
// without JavaScript), pages not translated yet carry their notice, the
// pt-BR dashboards write numbers as CLDR does for pt-BR, and every page
// checked has no serious or critical axe-core violation and no horizontal
// overflow at 1280 and 375 px.
//
//   SITE_DIR=target/browser-site node --test languages.mjs
//
// .ci/run runs it on the example program, which publishes en and pt-BR.

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VARIANTS, axe, launch, overflow, screenshot, slug } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE_DIR || process.argv[2] || path.join(here, '../../target/browser-site'));
const OUT = path.resolve(process.env.OUT_DIR || path.join(here, '../../target/browser'));

/** The site's languages, from its home page's hreflang links: [{ tag, prefix }], the default first. */
function languages() {
  const home = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const tags = [...home.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="[^"]*">/g)].map((m) => m[1]);
  return tags.map((tag, i) => ({ tag, prefix: i === 0 ? '' : `${tag.toLowerCase()}/` }));
}

/** The first folder (sorted) under `rel` that has an index.html, as a site path. */
function first(rel) {
  const dir = path.join(SITE, rel);
  const name = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort()[0];
  return `${rel}/${name}/index.html`;
}

const LANGUAGES = languages();

/** One page of each kind, as a path inside a language's tree. */
const PAGES = [
  'index.html',
  'handbook/index.html',
  'handbook/welcome/index.html',
  'handbook/for-staff/reading-the-dashboards/index.html',
  'roles/mentor/index.html',
  'cohorts/index.html',
  first('cohorts'),
  'reports/index.html',
  first('reports'),
  'search/index.html',
].filter((p) => fs.existsSync(path.join(SITE, p)));

let site;
let noScript;

before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no built site at ${SITE}: run mentorbook build first`);
  assert.ok(LANGUAGES.length >= 2, `${SITE} is published in one language: nothing to test`);
  fs.mkdirSync(OUT, { recursive: true });
  site = await launch(SITE);
  noScript = await launch(SITE, { javaScriptEnabled: false });
});

after(async () => {
  await site?.close();
  await noScript?.close();
});

/** What the page says about its language and its switcher. */
async function languageOf(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    path: location.pathname.replace(/^\//, ''),
    switcher: [...document.querySelectorAll('.language-switcher a')].map((a) => ({
      tag: a.getAttribute('hreflang'),
      href: new URL(a.getAttribute('href'), location.href).pathname.replace(/^\//, ''),
    })),
    current: document.querySelector('.language-switcher [aria-current="true"]')?.getAttribute('lang') ?? null,
    notice: !!document.querySelector('.untranslated-notice'),
    untranslatedLang: document.querySelector('.untranslated-notice + div[lang]')?.getAttribute('lang') ?? null,
  }));
}

describe(`the language trees of ${path.basename(SITE)}: ${LANGUAGES.map((l) => l.tag).join(', ')}`, () => {
  for (const variant of [VARIANTS[0], VARIANTS[1]]) {
    test(`every language's pages at ${variant.width} px`, async (t) => {
      for (const { tag, prefix } of LANGUAGES) {
        for (const rel of PAGES) {
          const url = prefix + rel;
          await t.test(url, async () => {
            const { page, problems } = await site.open(url, variant);
            try {
              const l = await languageOf(page);
              assert.equal(l.lang, tag, `${url}: <html lang>`);
              assert.equal(l.current, tag, `${url}: the switcher's current language`);
              assert.deepEqual(l.switcher.map((s) => s.tag).sort(),
                LANGUAGES.map((o) => o.tag).filter((o) => o !== tag).sort(), `${url}: the switcher's languages`);
              for (const s of l.switcher) {
                const other = LANGUAGES.find((o) => o.tag === s.tag);
                assert.equal(s.href, other.prefix + rel, `${url}: the ${s.tag} link goes to the same page`);
              }
              if (l.notice) assert.equal(l.untranslatedLang, LANGUAGES[0].tag, `${url}: the untranslated text's lang`);
              const o = await overflow(page);
              assert.ok(o.scrollWidth <= o.clientWidth && o.wide.length === 0,
                `${url}: ${o.scrollWidth} px wide in a ${o.clientWidth} px window: ${o.wide.join('; ')}`);
              const { bad, minor } = await axe(page);
              for (const v of minor) t.diagnostic(`${url}: ${v.impact} ${v.id}: ${v.help}`);
              assert.deepEqual(bad, [], `${url} (${variant.name}): ${JSON.stringify(bad, null, 2)}`);
              if (prefix && (rel === 'index.html' || rel.startsWith('cohorts/'))) {
                await screenshot(page, { path: path.join(OUT, `languages-${slug(url)}-${variant.name}.png`), fullPage: true });
              }
              assert.deepEqual(problems, [], `${url} (${variant.name})`);
            } finally {
              await page.close();
            }
          });
        }
      }
    });
  }

  test('the switcher lands on the same page, without JavaScript too', async () => {
    for (const browser of [site, noScript]) {
      for (const { tag, prefix } of LANGUAGES) {
        for (const other of LANGUAGES.filter((o) => o.tag !== tag)) {
          const rel = 'handbook/welcome/index.html';
          const { page, problems } = await browser.open(prefix + rel);
          try {
            await Promise.all([
              page.waitForNavigation({ waitUntil: 'load' }),
              page.locator(`.language-switcher a[hreflang="${other.tag}"]`).click(),
            ]);
            const l = await languageOf(page);
            assert.equal(l.path, other.prefix + rel, `${prefix + rel} → ${other.tag}`);
            assert.equal(l.lang, other.tag);
            assert.deepEqual(problems, []);
          } finally {
            await page.close();
          }
        }
      }
    }
  });

  const pt = LANGUAGES.find((l) => l.tag === 'pt-BR');
  // Numbers as CLDR writes them in pt-BR: a decimal comma, `.` between
  // thousands, and the percent sign right after the number (`33,9%`).
  test('pt-BR dashboards write numbers the Brazilian way', { skip: !pt }, async () => {
    for (const rel of ['reports/index.html', first('cohorts'), 'cohorts/index.html']) {
      const { page, problems } = await site.open(pt.prefix + rel);
      try {
        const text = await page.evaluate(() => document.querySelector('main').innerText);
        assert.match(text, /\b\d{1,3},\d%/, `${rel}: a percentage like 33,9%`);
        assert.doesNotMatch(text, /\b\d+\.\d%/, `${rel}: a percentage written the English way`);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
  });
});
