// End-to-end: links keep their state in the URL fragment (#v=2&…), which no server sees, so a
// long action log opens where a query string is refused; old ?v=1 links keep opening and are
// rewritten to the new form; a pasted fragment opens without a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { DIST_DIR, launchBrowser, openPage, shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));
const counts = (page) => page.textContent('[data-testid=counts]');

/** An action log of `n` loss changes (each one is replayed and valid), as base64url JSON. */
function longLog(n) {
  const actions = [{ round: 0, cmd: 'inject', node: 0, content: 'long' }];
  for (let i = 0; i < n; i++) actions.push({ round: 1 + (i % 20), cmd: 'set-loss', loss: (i % 7) / 10 });
  actions.sort((a, b) => a.round - b.round);
  return Buffer.from(JSON.stringify(actions)).toString('base64url');
}

test('an old ?v=1 link opens the same run and the address bar moves to #v=2', async () => {
  const q = 'v=1&protocol=rumor&mode=push&removal=feedback-counter&k=2&n=50&fanout=1&topology=complete&seed=42&round=7';
  const { page, errors } = await app.open('/?' + q);
  await waitForApp(page);
  assert.equal(await round(page), 7);
  assert.equal((await counts(page)).trim(), 'fresh 33stale 7unaware 10dead 0', 'as recorded in tests/links.json');
  await page.waitForFunction(() => location.hash.startsWith('#v=2&'));
  const url = new URL(page.url());
  assert.equal(url.search, '', 'the query is gone');
  assert.match(url.hash, /[#&]round=7(&|$)/);
  assert.match(url.hash, /[#&]seed=42(&|$)/);

  // The rewritten link opens the same run.
  const again = await app.open('/' + url.hash);
  await waitForApp(again.page);
  assert.equal(await round(again.page), 7);
  assert.equal(await counts(again.page), await counts(page));
  assert.equal(await again.page.locator('[data-testid=notice]').count(), 0, 'no problem banner');
  assert.deepEqual(errors, []);
  assert.deepEqual(again.errors, []);
});

test('the Share dialog writes the fragment form, and an embed snippet too', async () => {
  const { page, errors } = await app.open('/#v=2&n=30&fanout=2&protocol=rumor&seed=5');
  await waitForApp(page);
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=share-link]');
  const u = new URL(link);
  assert.equal(u.search, '', 'no query string');
  assert.match(u.hash, /^#v=2&/);
  assert.match(u.hash, /&round=3(&|$)/);
  await shot(page, 'share-dialog-fragment');
  assert.deepEqual(errors, []);
});

test('a pasted fragment link opens without reloading the page', async () => {
  const { page, errors } = await app.open('/#v=2&n=40&seed=1');
  await waitForApp(page);
  await page.evaluate(() => { window.__stillHere = true; });
  await page.evaluate(() => { location.hash = '#v=2&protocol=rumor&n=20&fanout=2&seed=3&round=4'; });
  await page.waitForFunction(() => /^\D*4\D*$/.test(document.querySelector('[data-testid=round]')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => window.__stillHere), true, 'same document: no reload');
  const c = (await counts(page)).match(/\d+/g).map(Number);
  assert.equal(c.reduce((a, b) => a + b, 0), 20, 'the pasted run has 20 nodes');
  assert.deepEqual(errors, []);
});

/** Serves dist/ with Python's http.server on a free loopback port; resolves to { url, close }. */
async function pythonServer() {
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', DIST_DIR], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); }).on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/`, close: () => child.kill() };
}

test('a link with a long action log: refused by a server as a query (414), opens as a fragment', async () => {
  const server = await pythonServer();
  const browser = await launchBrowser();
  try {
    const a = longLog(2500);
    const params = `n=30&fanout=2&protocol=rumor&seed=9&round=25&a=${a}`;
    assert.ok(params.length > 64 * 1024, `the link is ${params.length} characters`);

    const old = await openPage(browser);
    const res = await old.page.goto(`${server.url}?v=1&${params}`);
    assert.equal(res.status(), 414, "Python's http.server refuses the long request line");

    const { page, errors } = await openPage(browser, `${server.url}#v=2&${params}`);
    await waitForApp(page);
    assert.equal(await round(page), 25);
    assert.equal(await page.locator('[data-testid=notice]').count(), 0, 'no problem banner');
    await shot(page, 'long-fragment-link');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('a link banner follows a language switch: the state keeps facts, the words come at render', async () => {
  const { page, errors } = await app.open('/#v=2&n=abc&seed=7&lang=en');
  await waitForApp(page);
  const notice = page.locator('[data-testid=notice]');
  assert.match(await notice.textContent(), /n=“abc” is not a whole number; used 50/);
  await page.selectOption('[data-testid=lang]', 'zh-CN');
  await page.waitForFunction(() => /不是整数/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''));
  const zh = await notice.textContent();
  assert.match(zh, /这个链接有问题/);
  assert.match(zh, /n=“abc” 不是整数；已改用 50/);
  await shot(page, 'link-banner-zh');
  assert.deepEqual(errors, []);
});
