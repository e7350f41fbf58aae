// Real-browser and accessibility tests for a site built by `mentorbook build`.
//
//   node --test run.mjs                  (site folder from $SITE_DIR)
//   node run.mjs path/to/built/site      (or as the first argument)
//
// Builds nothing itself: it serves the given folder from a small static server
// on 127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium, or
// $CHROMIUM_PATH) through playwright-core, which never downloads a browser.
// Screenshots and PDFs go to $OUT_DIR (default: target/browser/ at the repository root).
// CI runs it twice: on the example program and on a generated one with 40 cohorts whose
// names are 60 characters or more (long-names.mjs; see .ci/run).

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { screenshot } from './lib.mjs';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const SITE = path.resolve(process.env.SITE_DIR || process.argv[2] || path.join(here, '../../target/browser-site'));
const OUT = path.resolve(process.env.OUT_DIR || path.join(here, '../../target/browser'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Viewports and colour schemes every page is loaded in. */
const VARIANTS = [
  { name: 'phone', width: 375, height: 812, colorScheme: 'light' },
  { name: 'desktop', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'phone-dark', width: 375, height: 812, colorScheme: 'dark' },
  { name: 'desktop-dark', width: 1280, height: 900, colorScheme: 'dark' },
];

/** A4 minus the theme's 14 mm print margins, in CSS pixels (96 per inch). */
const PRINT_WIDTH = Math.floor(((210 - 2 * 14) / 25.4) * 96);

/** Paper sizes a page must print on: its width minus the theme's 14 mm margins, in CSS pixels. */
const PAPERS = [
  { format: 'A4', width: PRINT_WIDTH },
  { format: 'Letter', width: Math.floor(((215.9 - 2 * 14) / 25.4) * 96) },
];

/** Sections screenshotted on their own, by page type: [heading id, file name]. */
const SECTION_SHOTS = {
  home: [['at-a-glance', 'home-at-a-glance']],
  reports: [['program-over-time', 'program-over-time']],
  cohorts: [['side-by-side', 'cohorts-side-by-side']],
};

// ---------------------------------------------------------------------------
// The site: which file stands for each page type.

function exists(rel) {
  return fs.existsSync(path.join(SITE, rel));
}

function firstDir(rel, filter = () => true) {
  const dir = path.join(SITE, rel);
  if (!fs.existsSync(dir)) return null;
  const names = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')) && filter(d.name))
    .map((d) => d.name)
    .sort();
  return names.length ? names : null;
}

/** The first handbook page: a leaf page under handbook/ (one without sub-pages). */
function handbookPage() {
  const walk = (rel) => {
    const subs = firstDir(rel) || [];
    for (const s of subs) {
      const r = `${rel}/${s}`;
      if (!firstDir(r)) return `${r}/index.html`;
      const deeper = walk(r);
      if (deeper) return deeper;
    }
    return null;
  };
  return walk('handbook') || (exists('handbook/index.html') ? 'handbook/index.html' : null);
}

function pageTypes() {
  const cohorts = firstDir('cohorts');
  const quarters = firstDir('reports', (n) => /^\d{4}-Q[1-4]$/.test(n));
  const latest = quarters ? quarters[quarters.length - 1] : null;
  const pages = [
    { type: 'home', url: 'index.html' },
    { type: 'handbook', url: handbookPage() },
    { type: 'role', url: 'roles/mentor/index.html' },
    { type: 'cohorts', url: 'cohorts/index.html' },
    { type: 'dashboard', url: cohorts ? `cohorts/${cohorts[0]}/index.html` : null },
    { type: 'reports', url: 'reports/index.html' },
    { type: 'report', url: latest ? `reports/${latest}/index.html` : null },
    { type: 'report-file', url: latest ? `reports/${latest}/report.html` : null, standalone: true },
    { type: 'search', url: 'search/index.html' },
    { type: '404', url: '404.html' },
  ];
  for (const p of pages) {
    assert.ok(p.url, `the site has no ${p.type} page`);
    assert.ok(exists(p.url), `${p.url} is missing from ${SITE}`);
  }
  return pages;
}

/** The address the site says it is published at (sitemap.xml's first <loc>), or null. */
function siteBaseUrl() {
  const sitemap = path.join(SITE, 'sitemap.xml');
  if (!fs.existsSync(sitemap)) return null;
  const locs = [...fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>(https?:\/\/[^<]+)<\/loc>/g)].map((m) => m[1]);
  if (!locs.length) return null;
  // The home page is the shortest address; keep it up to its last slash.
  const home = locs.reduce((a, b) => (b.length < a.length ? b : a));
  return home.slice(0, home.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------
// A static file server for the site folder, on 127.0.0.1 and a free port.

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.pdf': 'application/pdf',
};

function serve(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      const notFound = path.join(root, '404.html');
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------
// Browser helpers.

let server;
let base;
let context;
let userDataDir;
let pages;
let published;

before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no built site at ${SITE}: run mentorbook build first`);
  fs.mkdirSync(OUT, { recursive: true });
  pages = pageTypes();
  server = await serve(SITE);
  base = `http://127.0.0.1:${server.address().port}/`;
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentorbook-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
  // 404.html links its assets through the configured base_url, since a server shows it at
  // any depth: answer that address from the local folder. Every other host stays unreachable,
  // so a page that needs the network (a CDN, a web font) fails its test.
  published = siteBaseUrl();
  if (published) {
    await context.route((u) => u.href.startsWith(published), (route) => {
      const rel = decodeURIComponent(route.request().url().slice(published.length).split(/[?#]/)[0]);
      let file = path.join(SITE, path.normalize(rel));
      if (file.startsWith(SITE) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!file.startsWith(SITE) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, path: file });
    });
  }
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

/**
 * Opens `url` in a new tab at the given variant, recording console errors,
 * uncaught exceptions, failed requests and HTTP errors.
 */
async function open(url, variant = VARIANTS[1], { media = 'screen', status = 200 } = {}) {
  const page = await context.newPage();
  const expectUrl = status === 200 ? null : base + url;
  const problems = [];
  // Every failed request counts, the icon's too: each page names its icon, so
  // the browser never has to guess /favicon.ico.
  const own = () => true;
  page.on('console', (m) => {
    if (m.type() === 'error' && own(m.location()?.url) && m.location()?.url !== expectUrl) problems.push(`console error: ${m.text()} (${m.location()?.url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  // Pages work without network access: nothing may come from anywhere but the site.
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !(published && u.startsWith(published)) && !/^(data|blob|about):/.test(u)) {
      problems.push(`request outside the site: ${u}`);
    }
  });
  page.on('requestfailed', (r) => {
    if (own(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && own(r.url()) && r.url() !== expectUrl) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.setViewportSize({ width: variant.width, height: variant.height });
  await page.emulateMedia({ colorScheme: variant.colorScheme, media });
  const response = await page.goto(base + url, { waitUntil: 'load' });
  assert.equal(response.status(), status, `${url}: HTTP ${response.status()}`);
  return { page, problems };
}

function slug(s) {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Every chart SVG on the page, with its size and text alternatives. */
async function chartInfo(page) {
  return page.evaluate(() => {
    const svgs = new Set([...document.querySelectorAll('figure.chart svg, .chart-svg svg')]
      .filter((s) => !s.parentElement.closest('svg')));
    return [...svgs].map((svg) => {
      const r = svg.getBoundingClientRect();
      const figure = svg.closest('figure.chart');
      const labelledby = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const labels = labelledby.map((id) => document.getElementById(id)?.textContent.trim() || '');
      return {
        id: figure?.id || svg.id || '(no id)',
        width: r.width,
        height: r.height,
        visible: svg.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        role: svg.getAttribute('role'),
        ariaHidden: svg.getAttribute('aria-hidden'),
        labelledby,
        labels,
        ariaLabel: svg.getAttribute('aria-label') || '',
        title: svg.querySelector(':scope > title')?.textContent.trim() || '',
        hasTable: !!figure?.querySelector('table'),
      };
    });
  });
}

// ---------------------------------------------------------------------------
// Every page type, every variant: loads cleanly, charts drawn, screenshot.

describe('every page type at 375 px and 1280 px, light and dark', () => {
  for (const variant of VARIANTS) {
    test(`${variant.name} (${variant.width} px, ${variant.colorScheme})`, async (t) => {
      for (const p of pages) {
        await t.test(p.type, async () => {
          const { page, problems } = await open(p.url, variant);
          try {
            const charts = await chartInfo(page);
            for (const c of charts) {
              assert.ok(c.visible, `${p.url}: chart ${c.id} is not visible`);
              assert.ok(c.width > 0 && c.height > 0, `${p.url}: chart ${c.id} is ${c.width}×${c.height}`);
            }
            // Small trends (home page, cohorts side by side) are drawn too.
            const trends = await page.$$eval('.kpi-trend svg, .side-spark svg', (l) => l.map((s) => {
              const r = s.getBoundingClientRect();
              return [r.width, r.height];
            }));
            for (const [w, h] of trends) assert.ok(w > 0 && h > 0, `${p.url}: a small trend is ${w}×${h}`);
            // Nothing wider than the screen: wide tables scroll inside their own box.
            const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
            assert.ok(overflow[0] <= overflow[1], `${p.url}: the page is ${overflow[0]} px wide in a ${overflow[1]} px window`);
            await screenshot(page, { path: path.join(OUT, `${slug(p.type)}-${variant.name}.png`), fullPage: true });
            // The program over time and the cohorts side by side, on their own.
            for (const [id, name] of SECTION_SHOTS[p.type] || []) {
              const section = page.locator(`section:has(> h2#${id})`);
              if (await section.count()) await screenshot(section, { path: path.join(OUT, `${name}-${variant.name}.png`) });
            }
            assert.deepEqual(problems, [], `${p.url} (${variant.name})`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------
// Charts: text alternatives and the figures as a table.

describe('charts have text alternatives and a table', () => {
  test('every chart on dashboards and reports', async (t) => {
    let total = 0;
    for (const p of pages.filter((x) => ['dashboard', 'report', 'report-file', 'home', 'cohorts', 'reports'].includes(x.type))) {
      const { page } = await open(p.url);
      try {
        const charts = await chartInfo(page);
        total += charts.length;
        for (const c of charts) {
          if (c.ariaHidden === 'true') continue;
          assert.equal(c.role, 'img', `${p.url}: chart ${c.id} has no role="img"`);
          const name = [c.ariaLabel, ...c.labels].join(' ').trim() || c.title;
          assert.ok(name, `${p.url}: chart ${c.id} has no accessible name (aria-labelledby, aria-label or <title>)`);
          for (let i = 0; i < c.labelledby.length; i++) {
            assert.ok(c.labels[i], `${p.url}: chart ${c.id}: aria-labelledby names "${c.labelledby[i]}", which is missing or empty`);
          }
          assert.ok(c.hasTable, `${p.url}: chart ${c.id} has no table of its figures`);
        }
        // A chart that could not be drawn still says why and gives its figures.
        const undrawn = await page.$$eval('figure.chart', (figs) => figs
          .filter((f) => !f.querySelector('svg'))
          .map((f) => ({ id: f.id, text: f.textContent.trim().length })));
        for (const f of undrawn) assert.ok(f.text > 0, `${p.url}: chart ${f.id} is empty`);
      } finally {
        await page.close();
      }
    }
    t.diagnostic(`${total} chart SVGs checked`);
  });
});

// ---------------------------------------------------------------------------
// Search.

describe('search', () => {
  test('the search page finds a handbook page for ?q=goals', async () => {
    const { page, problems } = await open('search/index.html?q=goals');
    try {
      const first = page.locator('#search-results li a').first();
      await first.waitFor({ state: 'visible' });
      const hrefs = await page.$$eval('#search-results li a', (l) => l.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.some((h) => h.includes('handbook/')), `no handbook page among ${JSON.stringify(hrefs)}`);
      assert.match(await page.locator('#search-status').textContent(), /match/);
      // Following a result lands on a real page.
      await screenshot(page, { path: path.join(OUT, 'search-goals.png'), fullPage: false });
      const target = hrefs.find((h) => h.includes('handbook/'));
      const [response] = await Promise.all([page.waitForNavigation(), page.locator(`#search-results a[href="${target}"]`).first().click()]);
      assert.equal(response.status(), 200);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('typing into the header box on the home page finds a handbook page', async () => {
    const { page, problems } = await open('index.html', VARIANTS[0]);
    try {
      await page.locator('#site-search').fill('goals');
      await Promise.all([page.waitForURL(/search\/index\.html\?q=goals/), page.locator('#site-search').press('Enter')]);
      await page.locator('#search-results li a').first().waitFor({ state: 'visible' });
      const hrefs = await page.$$eval('#search-results li a', (l) => l.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.some((h) => h.includes('handbook/')), `no handbook page among ${JSON.stringify(hrefs)}`);
      // Typing on the search page filters the list live.
      await page.locator('#search-input').fill('zzzz-no-such-word');
      await assert.doesNotReject(page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('0 ')));
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('not found', () => {
  test('an unknown address shows 404.html, styled, with working links', async () => {
    const { page, problems } = await open('handbook/no-such-page/', VARIANTS[1], { status: 404 });
    try {
      assert.match(await page.locator('h1').textContent(), /./);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).display === 'flex');
      assert.ok(styled, 'the 404 page has no stylesheet at a nested address');
      const home = page.locator('main a', { hasText: /home page/i }).first();
      const [response] = await Promise.all([page.waitForNavigation(), home.click()]);
      assert.equal(response.status(), 200);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Accessibility: axe-core, keyboard, skip link.

describe('accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core: no serious or critical violations (${scheme})`, async (t) => {
      for (const p of pages) {
        await t.test(p.type, async () => {
          const variant = VARIANTS.find((v) => v.width === 1280 && v.colorScheme === scheme);
          const { page } = await open(p.type === 'search' ? `${p.url}?q=goals` : p.url, variant);
          try {
            await page.addScriptTag({ path: AXE_PATH });
            const violations = await page.evaluate(async () => {
              // eslint-disable-next-line no-undef
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('')}`),
              }));
            });
            for (const v of violations.filter((x) => !['serious', 'critical'].includes(x.impact))) {
              t.diagnostic(`${p.url}: ${v.impact} ${v.id}: ${v.help}`);
            }
            const bad = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
            assert.deepEqual(bad, [], `${p.url} (${scheme}): ${JSON.stringify(bad, null, 2)}`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  test('keyboard: Tab reaches every link, in order, on every page type', async (t) => {
    for (const p of pages) {
      await t.test(p.type, async () => {
        const { page } = await open(p.url);
        try {
          const links = await page.evaluate(() => {
            const all = [...document.querySelectorAll('a[href]')]
              .filter((a) => a.checkVisibility() && a.getClientRects().length > 0);
            all.forEach((a, i) => a.setAttribute('data-link-index', String(i)));
            window.__focused = [];
            document.addEventListener('focusin', (e) => {
              const i = e.target.getAttribute?.('data-link-index');
              window.__focused.push(i === null || i === undefined ? e.target.tagName.toLowerCase() : Number(i));
            });
            const focusable = document.querySelectorAll('a[href], input, button, select, textarea, summary, [tabindex]');
            return { count: all.length, focusable: focusable.length };
          });
          const want = Math.min(links.count, 200);
          // Enough presses for every focusable element before the 200th link, plus scroll boxes.
          const presses = Math.min(links.focusable + 40, 400);
          let seen = [];
          for (let i = 0; i < presses; i++) {
            await page.keyboard.press('Tab');
            if (i % 25 === 24) {
              seen = await page.evaluate(() => window.__focused);
              if (new Set(seen.filter((x) => typeof x === 'number' && x < want)).size >= want) break;
            }
          }
          seen = await page.evaluate(() => window.__focused);
          const reached = new Set(seen.filter((x) => typeof x === 'number'));
          const missing = [];
          for (let i = 0; i < want; i++) if (!reached.has(i)) missing.push(i);
          const missingHrefs = await page.evaluate((ix) => ix.slice(0, 10).map((i) => {
            const a = document.querySelector(`[data-link-index="${i}"]`);
            return `${a.getAttribute('href')} "${a.textContent.trim()}"`;
          }), missing);
          assert.deepEqual(missingHrefs, [], `${p.url}: ${missing.length} of ${want} links never got focus`);
          // Focus order follows document order (the first visit of each link).
          const order = [];
          for (const x of seen) if (typeof x === 'number' && !order.includes(x)) order.push(x);
          const sorted = [...order].sort((a, b) => a - b);
          assert.deepEqual(order.slice(0, want), sorted.slice(0, want), `${p.url}: focus order differs from document order`);
        } finally {
          await page.close();
        }
      });
    }
  });

  test('skip link: first Tab stop, visible when focused, moves focus to main', async (t) => {
    for (const p of pages.filter((x) => !x.standalone)) {
      await t.test(p.type, async () => {
        for (const variant of [VARIANTS[0], VARIANTS[1]]) {
          const { page } = await open(p.url, variant);
          try {
            await page.keyboard.press('Tab');
            const focused = await page.evaluate(() => {
              const a = document.activeElement;
              const r = a.getBoundingClientRect();
              return { cls: a.className, href: a.getAttribute('href'), top: r.top, bottom: r.bottom, width: r.width };
            });
            assert.equal(focused.cls, 'skip-link', `${p.url}: first Tab stop is not the skip link`);
            assert.equal(focused.href, '#main');
            assert.ok(focused.top >= 0 && focused.bottom <= variant.height && focused.width > 0, `${p.url}: the focused skip link is off screen (${JSON.stringify(focused)})`);
            await page.keyboard.press('Enter');
            await page.waitForFunction(() => location.hash === '#main');
            assert.equal(await page.evaluate(() => document.activeElement.id), 'main', `${p.url}: Enter on the skip link did not focus main`);
            // The next Tab lands inside main, past the header and navigation.
            await page.keyboard.press('Tab');
            assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)),
              `${p.url}: Tab after the skip link left main`);
          } finally {
            await page.close();
          }
        }
      });
    }
  });
});

// ---------------------------------------------------------------------------
// Print: the quarterly report fits the paper and charts are never split.

/** In print media: the page's width against the paper's, boxes that would cut content off, chart breaks. */
async function printLayout(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const clipped = [];
    for (const el of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || el.closest('.visually-hidden')) continue;
      // A scroll box hides what does not fit: on paper that part is lost.
      if (['auto', 'scroll', 'hidden'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > doc.clientWidth + 1
        && !el.closest('.visually-hidden'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: right ${Math.round(el.getBoundingClientRect().right)}`);
    const charts = [...document.querySelectorAll('.chart')].map((c) => ({ id: c.id, breakInside: getComputedStyle(c).breakInside }));
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped, wide, charts };
  });
}

function assertFitsPaper(url, layout) {
  assert.ok(layout.scrollWidth <= layout.clientWidth,
    `${url}: ${layout.scrollWidth} px wide on ${layout.clientWidth} px of paper: ${layout.wide.join('; ')}`);
  assert.deepEqual(layout.wide, [], `${url}: elements wider than the paper`);
  assert.deepEqual(layout.clipped, [], `${url}: content cut off in print`);
  for (const c of layout.charts) assert.equal(c.breakInside, 'avoid', `${url}: chart ${c.id} may be split across pages`);
}

/** The viewport that stands for a paper's printable width. */
const paper = (p) => ({ width: p.width, height: 1000, colorScheme: 'light' });

describe('print', () => {
  for (const type of ['home', 'cohorts', 'reports', 'dashboard', 'report', 'report-file']) {
    for (const sheet of PAPERS) {
      test(`${type} on ${sheet.format}: fits the printable width, charts kept whole, prints to PDF`, async (t) => {
        const p = pages.find((x) => x.type === type);
        const { page, problems } = await open(p.url, paper(sheet), { media: 'print' });
        try {
          assertFitsPaper(p.url, await printLayout(page));
          // The .chart rule itself must say so, even before any chart is drawn.
          const ruleAvoids = await page.evaluate(() => {
            const probe = document.createElement('figure');
            probe.className = 'chart';
            document.body.appendChild(probe);
            const v = getComputedStyle(probe).breakInside;
            probe.remove();
            return v;
          });
          assert.equal(ruleAvoids, 'avoid', 'the print stylesheet lets a .chart break across pages');
          const pdf = await page.pdf({ path: path.join(OUT, `${slug(type)}-${sheet.format}.pdf`), format: sheet.format, printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          const pagesInPdf = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
          assert.ok(pagesInPdf >= 1, 'the PDF has no page');
          t.diagnostic(`${p.url}: ${pagesInPdf} PDF pages on ${sheet.format}`);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    }
  }

  test('every dashboard, report, index and the home page fits A4 and Letter', async (t) => {
    const urls = dashboardPages();
    for (const sheet of PAPERS) {
      for (const url of urls) {
        const { page, problems } = await open(url, paper(sheet), { media: 'print' });
        try {
          assertFitsPaper(`${url} (${sheet.format})`, await printLayout(page));
          assert.deepEqual(problems, [], url);
        } finally {
          await page.close();
        }
      }
    }
    t.diagnostic(`${urls.length} pages on ${PAPERS.length} paper sizes`);
  });
});

// ---------------------------------------------------------------------------
// Dashboards, reports, their indexes and the home page: every one of them, not a sample.

/** Every page of those types: home, the two indexes, every dashboard, every report (page and file). */
function dashboardPages() {
  const urls = ['index.html', 'cohorts/index.html', 'reports/index.html'];
  for (const c of firstDir('cohorts') || []) urls.push(`cohorts/${c}/index.html`);
  for (const q of firstDir('reports', (n) => /^(FY)?\d{4}-Q[1-4]$/.test(n)) || []) {
    urls.push(`reports/${q}/index.html`);
    if (exists(`reports/${q}/report.html`)) urls.push(`reports/${q}/report.html`);
  }
  return urls;
}

/**
 * On screen: what does not fit. Nothing may widen the page or reach past the window; a box
 * that scrolls sideways must be a focusable, labelled region (role="region", a name,
 * tabindex="0") with a visible cue (the theme's edge shadow); nothing may cut content off;
 * no chart text may fall outside its SVG.
 */
async function screenLayout(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const out = [];
    if (doc.scrollWidth > doc.clientWidth) out.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className?.baseVal ?? el.className).split(' ')[0]}`;
    const label = (el) => el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '')
      .split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
    // Hidden from sight but read aloud: the 1 px box of the visually-hidden pattern.
    const unseen = (el) => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const r = e.getBoundingClientRect();
        if (e.classList.contains('visually-hidden') || (r.width <= 1 && r.height <= 1 && getComputedStyle(e).position === 'absolute')) return true;
      }
      return false;
    };
    const scrollers = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!el.getClientRects().length || unseen(el)) continue;
      const cs = getComputedStyle(el);
      if (el.scrollWidth <= el.clientWidth + 1 || cs.display === 'inline') continue;
      if (['hidden', 'clip'].includes(cs.overflowX)) {
        out.push(`${name(el)} cuts off ${el.scrollWidth - el.clientWidth} px`);
      } else if (['auto', 'scroll'].includes(cs.overflowX)) {
        scrollers.push(el);
        if (el.getAttribute('role') !== 'region' || !label(el) || el.getAttribute('tabindex') !== '0') {
          out.push(`${name(el)} scrolls sideways but is not a focusable, labelled region`);
        } else if (!cs.backgroundImage.includes('gradient')) {
          out.push(`${name(el)} scrolls sideways with no visible cue`);
        }
      }
    }
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.skip-link') || unseen(el) || scrollers.some((s) => s !== el && s.contains(el))) continue;
      const r = el.getBoundingClientRect();
      if (r.width && r.right > doc.clientWidth + 1) out.push(`${name(el)} reaches ${Math.round(r.right)} px in a ${doc.clientWidth} px window`);
    }
    for (const svg of document.querySelectorAll('svg.mb-chart')) {
      const vb = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1) {
          out.push(`${svg.closest('figure')?.id || 'a chart'}: "${t.textContent}" runs outside the chart (${Math.round(b.x)} to ${Math.round(b.x + b.width)} of ${vb.width})`);
        }
      }
    }
    return [...new Set(out)].slice(0, 12);
  });
}

/** axe-core's serious and critical violations on the open page. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('')}`),
    }));
  });
  return violations.filter((v) => ['serious', 'critical'].includes(v.impact));
}

describe('every dashboard, report, index and the home page', () => {
  for (const variant of VARIANTS.filter((v) => v.colorScheme === 'light')) {
    test(`fits ${variant.width} px: no horizontal overflow, wide tables scroll in labelled regions`, async (t) => {
      const urls = dashboardPages();
      for (const url of urls) {
        const { page, problems } = await open(url, variant);
        try {
          assert.deepEqual(await screenLayout(page), [], `${url} at ${variant.width} px`);
          assert.deepEqual(problems, [], url);
        } finally {
          await page.close();
        }
      }
      t.diagnostic(`${urls.length} pages at ${variant.width} px`);
    });
  }

  for (const scheme of ['light', 'dark']) {
    test(`axe-core: no serious or critical violations (${scheme})`, async (t) => {
      const urls = dashboardPages();
      const variant = VARIANTS.find((v) => v.width === 1280 && v.colorScheme === scheme);
      for (const url of urls) {
        const { page } = await open(url, variant);
        try {
          const bad = await seriousViolations(page);
          assert.deepEqual(bad, [], `${url} (${scheme}): ${JSON.stringify(bad, null, 2)}`);
        } finally {
          await page.close();
        }
      }
      t.diagnostic(`${urls.length} pages`);
    });
  }

  test('long cohort names are whole: in bar charts over lines, in tables and text alternatives', async () => {
    for (const url of dashboardPages().filter((u) => /^reports\/[^/]+\/index\.html$/.test(u))) {
      const { page } = await open(url);
      try {
        const found = await page.evaluate(() => {
          const names = [...document.querySelectorAll('table.figures tbody th[scope="row"]')].map((th) => th.textContent.trim());
          const out = [];
          for (const fig of document.querySelectorAll('figure.chart')) {
            const svg = fig.querySelector('svg.mb-chart');
            if (!svg) continue;
            // A bar chart's category labels, one <text> per line, joined back.
            const labels = [...svg.querySelectorAll('text.mb-label[text-anchor="end"]')].map((t) => t.textContent).join(' ');
            const cells = [...fig.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent.trim());
            out.push({ id: fig.id, labels, cells, desc: svg.querySelector('desc')?.textContent || '', names });
          }
          return out;
        });
        for (const f of found) {
          for (const n of f.cells.filter((c) => c !== 'All cohorts')) {
            assert.ok(f.names.includes(n), `${url}: ${f.id}: "${n}" is not a cohort of the report`);
            assert.ok(f.labels.includes(n), `${url}: ${f.id}: the chart does not show "${n}" whole: ${f.labels}`);
          }
          assert.ok(!f.labels.includes('…'), `${url}: ${f.id}: a label is cut`);
        }
      } finally {
        await page.close();
      }
    }
  });
});
