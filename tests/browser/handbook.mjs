// Every handbook page of a built site, the role pages, search and 404, in a
// real browser at 375 px and 1280 px, light and dark: loads with no failed
// request (the icon included), no horizontal overflow, no serious or
// critical axe-core violation, and the sidebar of docs/site.md
// ("Navigation"): the top level, and open, only the sections holding the
// page; every page still reachable through the section pages.
//
//   SITE_DIR=target/browser-site node --test handbook.mjs
//
// .ci/run runs it on the example site and on the Markdown fixture
// (tests/fixtures/markdown-handbook). Screenshots go to $OUT_DIR.

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VARIANTS, axe, launch, overflow, screenshot, slug } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE_DIR || process.argv[2] || path.join(here, '../../target/browser-site'));
const OUT = path.resolve(process.env.OUT_DIR || path.join(here, '../../target/browser'));
const NAME = path.basename(SITE);

/** Folders of generated pages, which are not handbook pages. */
const GENERATED = ['cohorts', 'reports', 'search', 'roles', 'assets'];

/** Every handbook page of the site (alias redirects apart), as site paths. */
function handbookPages() {
  const out = [];
  const walk = (rel) => {
    for (const d of fs.readdirSync(path.join(SITE, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        // Another language's tree (pt-br/…, with its own search index) is
        // languages.mjs's: the sidebar and reachability are per tree.
        const tree = rel === '' && fs.existsSync(path.join(SITE, d.name, 'search-index.js'));
        if (!(rel === '' && GENERATED.includes(d.name)) && !tree) walk(r);
      } else if (d.name === 'index.html') {
        const html = fs.readFileSync(path.join(SITE, r), 'utf8');
        if (!html.includes('http-equiv="refresh"')) out.push(r);
      }
    }
  };
  walk('');
  return out.sort();
}

const HANDBOOK = handbookPages();
const PAGES = [
  ...HANDBOOK.map((url) => ({ url, kind: 'handbook' })),
  { url: 'roles/mentor/index.html', kind: 'role' },
  { url: 'roles/mentee/index.html', kind: 'role' },
  { url: 'search/index.html', kind: 'search' },
  { url: 'search/index.html?q=goal', kind: 'search' },
  { url: 'handbook/no-such-page/', kind: '404', status: 404 },
];

let site;
let noScript;
/** Per page (site path): where its sidebar and section list lead. */
const links = new Map();
/** The sidebar's top level, as the first page shows it. */
let topLevel = null;

before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no built site at ${SITE}: run mentorbook build first`);
  assert.ok(HANDBOOK.length > 1, `${SITE} has no handbook pages`);
  fs.mkdirSync(OUT, { recursive: true });
  site = await launch(SITE);
  noScript = await launch(SITE, { javaScriptEnabled: false });
});

after(async () => {
  await site?.close();
  await noScript?.close();
});

/** What the page's sidebar, breadcrumbs and section list say, as site paths. */
async function navigation(page) {
  return page.evaluate(() => {
    const at = (a) => new URL(a.getAttribute('href'), location.href).pathname.replace(/^\//, '');
    const sidebar = document.querySelector('.site-nav');
    if (!sidebar) return null;
    const top = [...sidebar.querySelectorAll(':scope > ul > li')]
      .map((li) => li.querySelector(':scope > a') ? at(li.querySelector(':scope > a')) : li.firstChild.textContent.trim());
    // A nested list under a page's link is that page's children: only an open one may have it.
    const listed = [...sidebar.querySelectorAll('li')].filter((li) => li.querySelector(':scope > a') && li.querySelector(':scope > ul'));
    return {
      top,
      open: [...sidebar.querySelectorAll('li.open > a')].map(at),
      listedNotOpen: listed.filter((li) => !li.classList.contains('open')).map((li) => at(li.querySelector(':scope > a'))),
      closedWithChildren: [...sidebar.querySelectorAll('li.closed')].filter((li) => li.querySelector('ul')).length,
      current: [...sidebar.querySelectorAll('a[aria-current="page"]')].map(at),
      crumbs: [...document.querySelectorAll('.breadcrumbs a')].map(at).filter((p) => p !== 'index.html'),
      section: !!document.getElementById('in-this-section'),
      children: [...document.querySelectorAll('#in-this-section ~ .page-list > li > a')].map(at),
      sidebarLinks: [...sidebar.querySelectorAll('a[href]')].map(at),
      openChildren: Object.fromEntries([...sidebar.querySelectorAll('li.open')].map((li) => [
        at(li.querySelector(':scope > a')),
        [...li.querySelectorAll(':scope > ul > li > a')].map(at),
      ])),
    };
  });
}

function checkNavigation(url, nav) {
  assert.ok(nav, `${url}: no sidebar`);
  const expectedOpen = [...nav.crumbs, ...(nav.section && nav.children.length ? [url] : [])];
  assert.deepEqual(nav.open, expectedOpen, `${url}: the sidebar should open the page's sections and no other`);
  assert.deepEqual(nav.listedNotOpen, [], `${url}: pages listed under a section that is not open`);
  assert.equal(nav.closedWithChildren, 0, `${url}: a closed section lists its pages`);
  assert.deepEqual(nav.current, [url], `${url}: the page's own link is not the one marked current`);
  if (nav.section && nav.children.length) {
    assert.deepEqual(nav.openChildren[url], nav.children, `${url}: the sidebar under the section differs from its page list`);
  }
  if (topLevel === null) topLevel = nav.top;
  assert.deepEqual(nav.top, topLevel, `${url}: the sidebar's top level differs from other pages'`);
}

describe(`handbook, role, search and 404 pages of ${NAME}`, () => {
  for (const variant of VARIANTS) {
    test(`every page at ${variant.width} px, ${variant.colorScheme}`, async (t) => {
      for (const p of PAGES) {
        await t.test(p.url, async () => {
          const { page, problems } = await site.open(p.url, variant, { status: p.status || 200 });
          try {
            if (p.kind === 'search' && p.url.includes('?q=')) {
              await page.locator('#search-results li a').first().waitFor({ state: 'visible' });
            }
            const o = await overflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth && o.wide.length === 0,
              `${p.url}: ${o.scrollWidth} px wide in a ${o.clientWidth} px window: ${o.wide.join('; ')}`);
            const { bad, minor } = await axe(page);
            for (const v of minor) t.diagnostic(`${p.url}: ${v.impact} ${v.id}: ${v.help}`);
            assert.deepEqual(bad, [], `${p.url} (${variant.name}): ${JSON.stringify(bad, null, 2)}`);
            if (p.kind === 'handbook' || p.kind === 'role') {
              const nav = await navigation(page);
              checkNavigation(p.url, nav);
              if (variant === VARIANTS[1]) links.set(p.url, [...nav.sidebarLinks, ...nav.children]);
            }
            if (variant.name === 'phone' || variant.name === 'desktop-dark') {
              await screenshot(page, { path: path.join(OUT, `${NAME}-${slug(p.url)}-${variant.name}.png`), fullPage: true });
            }
            assert.deepEqual(problems, [], `${p.url} (${variant.name})`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  test('every handbook page is reachable from the home page through the sidebar and section pages', () => {
    assert.equal(links.size, PAGES.filter((p) => p.kind !== 'search' && p.kind !== '404').length, 'every page was read');
    const seen = new Set(['index.html']);
    const queue = ['index.html'];
    while (queue.length) {
      for (const next of links.get(queue.shift()) || []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    const unreachable = HANDBOOK.filter((p) => !seen.has(p));
    assert.deepEqual(unreachable, [], 'pages no sidebar or section page leads to');
  });

  test('the sidebar works without JavaScript', async () => {
    const deepest = HANDBOOK.reduce((a, b) => (b.split('/').length > a.split('/').length ? b : a));
    const { page, problems } = await noScript.open(deepest);
    try {
      checkNavigation(deepest, await navigation(page));
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
