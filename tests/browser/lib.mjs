// Shared by the browser tests: a static server for a built site, Debian's
// Chromium through playwright-core, a page opened with every problem it
// logs recorded, axe-core, and the overflow check.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Viewports and colour schemes a page is loaded in. */
export const VARIANTS = [
  { name: 'phone', width: 375, height: 812, colorScheme: 'light' },
  { name: 'desktop', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'phone-dark', width: 375, height: 812, colorScheme: 'dark' },
  { name: 'desktop-dark', width: 1280, height: 900, colorScheme: 'dark' },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.pdf': 'application/pdf',
};

/** The file a request path names in `root` (a folder's index.html), or null. */
function fileFor(root, rel) {
  let file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** A static server for `root` on 127.0.0.1 and a free port; unknown paths get 404.html. */
export function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = fileFor(root, rel);
    if (!file) {
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

/** The address the site says it is published at (sitemap.xml's home page), or null. */
export function siteBaseUrl(site) {
  const sitemap = path.join(site, 'sitemap.xml');
  if (!fs.existsSync(sitemap)) return null;
  const locs = [...fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>(https?:\/\/[^<]+)<\/loc>/g)].map((m) => m[1]);
  if (!locs.length) return null;
  const home = locs.reduce((a, b) => (b.length < a.length ? b : a));
  return home.slice(0, home.lastIndexOf('/') + 1);
}

/**
 * A served site in a Chromium of its own: `open(url, variant, options)`
 * loads a page and records console errors, uncaught exceptions, failed
 * requests (the favicon's included), HTTP errors and requests leaving the
 * site. 404.html links its assets through the published address, which is
 * answered from the folder; every other host is unreachable.
 */
export async function launch(dir, { javaScriptEnabled = true } = {}) {
  const site = path.resolve(dir);
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentorbook-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled,
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
  const published = siteBaseUrl(site);
  if (published) {
    await context.route((u) => u.href.startsWith(published), (route) => {
      const rel = decodeURIComponent(route.request().url().slice(published.length).split(/[?#]/)[0]);
      const file = fileFor(site, rel);
      return file ? route.fulfill({ status: 200, path: file }) : route.fulfill({ status: 404, body: 'not found' });
    });
  }

  async function open(url, variant = VARIANTS[1], { media = 'screen', status = 200 } = {}) {
    const page = await context.newPage();
    const expectUrl = status === 200 ? null : base + url;
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location()?.url !== expectUrl) problems.push(`console error: ${m.text()} (${m.location()?.url})`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !(published && u.startsWith(published)) && !/^(data|blob|about):/.test(u)) {
        problems.push(`request outside the site: ${u}`);
      }
      if (/\/favicon\.ico$/.test(u)) problems.push(`the browser looked for ${u}: the page names no icon`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url() !== expectUrl) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.setViewportSize({ width: variant.width, height: variant.height });
    await page.emulateMedia({ colorScheme: variant.colorScheme, media });
    const response = await page.goto(base + url, { waitUntil: 'load' });
    if (response.status() !== status) problems.push(`${url}: HTTP ${response.status()}, expected ${status}`);
    return { page, problems };
  }

  async function close() {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  return { open, close, base, context };
}

/** axe-core's serious and critical violations on the page (and the lesser ones, for a diagnostic). */
export async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('')}`),
    }));
  });
  return {
    bad: violations.filter((v) => ['serious', 'critical'].includes(v.impact)),
    minor: violations.filter((v) => !['serious', 'critical'].includes(v.impact)),
  };
}

/**
 * What makes the page wider than its window: the document's scroll width
 * against the window, and the first elements whose box ends past its right
 * edge (those inside a scrolling region, which scroll on their own, apart).
 */
export async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > doc.clientWidth + 0.5
        && !el.closest('.visually-hidden') && !scrolls(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}: right edge ${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide };
  });
}

export function slug(s) {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// A screenshot is an artifact for people to look at, not an assertion:
// Chromium sometimes answers "Unable to capture screenshot" on a loaded
// machine, so it is retried a few times before the test fails.
export async function screenshot(target, options) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await target.screenshot(options);
    } catch (e) {
      if (attempt >= 3 || !/Unable to capture screenshot/.test(String(e))) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
