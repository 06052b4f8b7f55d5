// Helpers for the end-to-end tests: serve the built app (dist/) on a free loopback port, drive
// Debian's Chromium through playwright-core, collect console errors, take screenshots.
//
// Typical test (node:test):
//
//   import { before, after, test } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { startApp, waitForApp, shot } from './harness.mjs';
//
//   let app;
//   before(async () => { app = await startApp(); });
//   after(async () => { await app?.close(); });
//
//   test('loads', async () => {
//     const { page, errors } = await app.open('/');
//     await waitForApp(page);
//     await shot(page, 'loaded');
//     assert.deepEqual(errors, []);
//   });
//
// Environment: E2E_DIST (directory to serve, default <repo>/dist), CHROMIUM_PATH (default
// /usr/bin/chromium), E2E_SCREENSHOTS (default <repo>/target/e2e-screenshots).

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = path.resolve(process.env.E2E_DIST ?? path.join(REPO_ROOT, 'dist'));
export const SCREENSHOT_DIR = path.resolve(
  process.env.E2E_SCREENSHOTS ?? path.join(REPO_ROOT, 'target', 'e2e-screenshots'),
);
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox', // Chromium refuses to start as root without it (CI runs as root).
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };
/** Milliseconds waitForApp() waits by default (a cold wasm start on a loaded 2-core machine). */
export const READY_TIMEOUT_MS = 30_000;

/** Per-page diagnostics, so that waitForApp() can say why the app never became ready. */
const diagnostics = new WeakMap();

/** Serves `root` (default dist/) on 127.0.0.1 with a free port: { url, port, close() }. */
export async function startServer({ root = DIST_DIR } = {}) {
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(
      `${path.join(root, 'index.html')} does not exist: build the app first ` +
        '(trunk build index.html --release --offline)',
    );
  }
  return startStaticServer({ root, port: 0 });
}

/** Launches headless Debian Chromium (not a Playwright-downloaded browser). */
export async function launchBrowser({ args = [], ...options } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run scripts/setup.sh --for test`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: 60_000,
    ...options,
  });
}

/**
 * Chromium fetches /favicon.ico by itself when the page declares no icon, and logs the 404 as a
 * console error. That is not the app's doing: do not count it (a declared icon that fails still is).
 */
function isAutomaticFaviconMiss(msg) {
  const url = msg.location()?.url;
  if (!url || !msg.text().startsWith('Failed to load resource')) return false;
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

function describeConsole(msg) {
  const loc = msg.location();
  const where = loc?.url ? ` (${loc.url}:${loc.lineNumber ?? 0}:${loc.columnNumber ?? 0})` : '';
  return `console.${msg.type()}: ${msg.text()}${where}`;
}

/**
 * Opens a new page (in its own context) that records problems. Nothing is loaded yet unless `url`
 * is given. Returns { page, context, errors, logs }:
 *   errors: console.error messages and uncaught page errors (`pageerror`), as strings;
 *   logs:   every console message, for debugging.
 */
export async function openPage(browser, url, { viewport = DEFAULT_VIEWPORT, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const logs = [];
  page.on('console', (msg) => {
    const line = describeConsole(msg);
    logs.push(line);
    if (msg.type() === 'error' && !isAutomaticFaviconMiss(msg)) errors.push(line);
  });
  page.on('pageerror', (err) => {
    const line = `pageerror: ${err?.stack || err?.message || String(err)}`;
    logs.push(line);
    errors.push(line);
  });
  page.on('crash', () => errors.push('page crashed'));
  diagnostics.set(page, { errors, logs });
  if (url !== undefined) await page.goto(url, { waitUntil: 'load' });
  return { page, context, errors, logs };
}

/** Waits until the app has mounted: <body data-ready="true">. */
export async function waitForApp(page, { timeout = READY_TIMEOUT_MS } = {}) {
  try {
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout });
  } catch (err) {
    const diag = diagnostics.get(page);
    const recent = diag ? diag.logs.slice(-20).join('\n  ') : '(no page diagnostics)';
    err.message += `\nThe app did not set <body data-ready="true">. Last console output:\n  ${recent}`;
    throw err;
  }
}

/** Saves a PNG of the viewport under target/e2e-screenshots/NAME.png; returns its path. */
export async function shot(page, name, options = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.png$/i, '');
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/**
 * Server + browser in one: { url, server, browser, open(pathname = '/', options), close() }.
 * open() returns what openPage() returns, with the page already loaded.
 */
export async function startApp({ root = DIST_DIR, launchOptions = {} } = {}) {
  const server = await startServer({ root });
  let browser;
  try {
    browser = await launchBrowser(launchOptions);
  } catch (err) {
    await server.close();
    throw err;
  }
  const contexts = [];
  return {
    url: server.url,
    server,
    browser,
    async open(pathname = '/', options = {}) {
      const opened = await openPage(browser, new URL(pathname, server.url).href, options);
      contexts.push(opened.context);
      return opened;
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Clicks node `m` of `n` on the real-time pages' circle layout (node 0 at the top, clockwise;
 * the layout's radius is 0.46 of the square the graph fits in).
 */
export async function clickOnCircle(page, m, n) {
  const box = await page.locator('[data-testid=graph]').boundingBox();
  const pad = 12;
  const side = Math.min(box.width, box.height) - 2 * pad;
  const ox = box.x + (box.width - side) / 2;
  const oy = box.y + (box.height - side) / 2;
  const a = (m / n - 0.25) * 2 * Math.PI;
  await page.mouse.click(ox + (0.5 + 0.46 * Math.cos(a)) * side, oy + (0.5 + 0.46 * Math.sin(a)) * side);
}

/**
 * Milliseconds from a click on `selector` until the clock (`[data-testid=clock]`) reads
 * something else and the next frame is painted: one step of a real-time page, as a user sees it.
 */
export async function stepMs(page, selector) {
  return page.evaluate((selector) => new Promise((resolve) => {
    const before = document.querySelector('[data-testid=clock]').textContent;
    const t = performance.now();
    document.querySelector(selector).click();
    const wait = () => {
      if (document.querySelector('[data-testid=clock]').textContent !== before) {
        requestAnimationFrame(() => resolve(performance.now() - t));
      } else {
        setTimeout(wait, 0);
      }
    };
    wait();
  }), selector);
}
