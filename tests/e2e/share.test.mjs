// End-to-end: shared links, hostile links, embed mode, the postMessage API, sub-path + CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DIST_DIR, REPO_ROOT, launchBrowser, openPage, shot, startApp, waitForApp } from './harness.mjs';
import { createStaticServer } from '../../scripts/static-server.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));
const counts = (page) => page.textContent('[data-testid=counts]');

test('a shared link reproduces the round and counts the author saw', async () => {
  const { page, errors } = await app.open('/?n=30&fanout=2&protocol=rumor&seed=5');
  await waitForApp(page);
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  await page.keyboard.press(']'); // select node 1
  await page.keyboard.press(']'); // node 2
  await page.locator('[data-testid=graph]').focus();
  await page.keyboard.press('k');
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  const authorRound = await round(page);
  const authorCounts = await counts(page);
  assert.equal(authorRound, 6);
  assert.match(authorCounts, /dead 1/);
  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=share-link]');
  assert.match(link, /#v=2&.*&n=30&/);
  assert.match(link, /&round=6(&|$)/);
  await shot(page, 'share-dialog');

  const reader = await app.open(new URL(link).pathname + new URL(link).hash);
  await waitForApp(reader.page);
  assert.equal(await round(reader.page), authorRound, 'same round');
  assert.equal(await counts(reader.page), authorCounts, 'same counts');
  assert.equal(await reader.page.locator('[data-testid=notice]').count(), 0, 'no problem banner');
  assert.deepEqual(errors, []);
  assert.deepEqual(reader.errors, []);
});

test('stored example links keep opening what they showed when written', async () => {
  const links = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests', 'links.json'), 'utf8'));
  for (const l of links.slice(0, 4)) {
    const { page, errors } = await app.open('/?' + l.query);
    await waitForApp(page);
    assert.equal(await round(page), l.round, l.query);
    const c = await counts(page);
    assert.equal(c.trim(), `fresh ${l.counts.fresh}stale ${l.counts.stale}unaware ${l.counts.unaware}dead ${l.counts.dead}`, l.query);
    assert.deepEqual(errors, []);
  }
});

test('a hostile link shows a banner, opens the nearest valid scenario, and keeps text as text', async () => {
  const q = '/?n=99999999&fanout=abc&protocol=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&a=%25%25%25&round=-5&foo=bar&lang=xx';
  const { page, errors } = await app.open(q);
  await waitForApp(page);
  const banner = await page.textContent('[data-testid=notice]');
  for (const needle of ['n=99999999', 'fanout=“abc”', 'protocol=“<script>', 'base64url', 'round=“-5”', '“foo”']) {
    assert.ok(banner.includes(needle), `the banner names ${needle}: ${banner}`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  await shot(page, 'share-hostile-link');
  await page.click('[data-testid=step]');
  assert.equal(await round(page), 1, 'the page works');
  // An injected value with markup is shown as text.
  await page.locator('[data-testid=graph]').focus();
  await page.keyboard.press(']');
  await page.fill('[data-testid=inject-value]', '<img src=x onerror="window.__pwned=2">');
  await page.click('[data-testid=inject]');
  assert.match(await page.textContent('[data-testid=message-table]'), /<img src=x/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
});

test('embed mode fits a small iframe: graph, compact bar, legend', async () => {
  const { page, errors } = await app.open('/?embed=1&controls=minimal&n=24&seed=2&theme=dark', { viewport: { width: 320, height: 300 } });
  await waitForApp(page);
  assert.equal(await page.locator('.settings').count(), 0, 'no settings panel');
  assert.ok(await page.locator('[data-testid=graph]').isVisible());
  assert.ok(await page.locator('[data-testid=legend]').isVisible());
  const box = await page.locator('[data-testid=graph]').boundingBox();
  assert.ok(box.width >= 300 && box.height >= 120, `graph fills the frame: ${JSON.stringify(box)}`);
  await page.click('[data-testid=step]');
  assert.equal(await round(page), 1);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.waitForTimeout(700);
  await shot(page, 'embed-320');
  await page.setViewportSize({ width: 800, height: 500 });
  await page.waitForTimeout(300);
  const big = await page.locator('[data-testid=graph]').boundingBox();
  assert.ok(big.width > 700, 'it follows the frame size');
  await shot(page, 'embed-800');
  assert.deepEqual(errors, []);
});

test('the example page drives an embedded player through postMessage', async () => {
  const { page, errors, logs } = await app.open('/embed-example.html', { viewport: { width: 1200, height: 800 } });
  await page.waitForFunction(() => document.getElementById('story-status').textContent.startsWith('round 0'), null, { timeout: 30_000 });
  await page.locator('section[data-round="8"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('section[data-round="8"]').scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => document.getElementById('story-status').textContent.startsWith('round 8'), null, { timeout: 15_000 });
  await shot(page, 'embed-example-scrolled');
  await page.locator('#free').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('gossip:ready'), null, { timeout: 30_000 });
  await page.click('#free-step');
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('round 1'));
  await page.click('#free-kill');
  await page.waitForFunction(() => /dead 1/.test(document.getElementById('log').textContent));
  // Malformed messages are ignored with a warning.
  await page.evaluate(() => {
    const f = document.getElementById('free').contentWindow;
    f.postMessage({ type: 'gossip:seek', round: 'soon' }, '*');
    f.postMessage('hello', '*');
  });
  await page.waitForTimeout(300);
  assert.ok(logs.some((l) => l.startsWith('console.warning') && l.includes('ignored a message')), 'a console warning');
  const frame = page.frames().find((f) => f.url().includes('controls=minimal'));
  assert.equal(Number((await frame.textContent('[data-testid=round]')).replace(/\D+/g, '')), 1, 'malformed messages changed nothing');
  assert.deepEqual(errors, []);
});

test('the release works from a sub-path under a strict Content-Security-Policy, with no other origin', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gossip-subpath-'));
  const sub = path.join(tmp, 'docs', 'playground');
  cpSync(DIST_DIR, sub, { recursive: true });
  const inner = await createStaticServer(tmp);
  const handler = inner.listeners('request')[0];
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'";
  const server = http.createServer((req, res) => { res.setHeader('Content-Security-Policy', csp); handler(req, res); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  try {
    const { page, errors, logs } = await openPage(browser);
    const foreign = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
    await page.goto(`${origin}/docs/playground/?n=20&seed=9`);
    await waitForApp(page);
    await page.click('[data-testid=step]');
    assert.equal(await round(page), 1);
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(errors, [], logs.join('\n'));
    assert.ok(!logs.some((l) => /Content Security Policy/i.test(l)), 'no CSP violation');
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('exports (CSV, JSON, PNG, SVG) and scenario files round-trip', async () => {
  const { page, errors } = await app.open('/?n=20&seed=1&protocol=rumor', { acceptDownloads: true });
  await waitForApp(page);
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  const before = await counts(page);
  await page.click('[data-testid=share]');
  const grab = async (testid) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
    return { name: dl.suggestedFilename(), data: readFileSync(await dl.path()) };
  };
  const csv = await grab('export-csv');
  assert.equal(csv.name, 'gossip-rounds.csv');
  assert.equal(csv.data.toString().trim().split('\n').length, 4, 'header + 3 rounds');
  const json = JSON.parse((await grab('export-json')).data.toString());
  assert.equal(json.rounds.length, 3);
  const png = (await grab('export-png')).data;
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
  const svg = (await grab('export-svg')).data.toString();
  assert.ok(svg.startsWith('<svg') && svg.includes('</svg>'));
  const scenario = await grab('download-scenario');
  const file = path.join(os.tmpdir(), `gossip-scenario-${process.pid}.json`);
  (await import('node:fs')).writeFileSync(file, scenario.data);
  await page.click('[data-testid=share-close]');
  // Change the run, then open the saved file: the saved run comes back.
  await page.click('[data-testid=reset]');
  await page.click('[data-testid=share]');
  await page.setInputFiles('[data-testid=upload-scenario]', file);
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 3');
  assert.equal(await counts(page), before);
  // A file that is not a scenario is refused with a message.
  await page.click('[data-testid=share]');
  await page.setInputFiles('[data-testid=upload-scenario]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"v":1}') });
  await page.waitForSelector('[data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /not a Gossip Playground scenario/);
  rmSync(file, { force: true });
  assert.deepEqual(errors, []);
});
