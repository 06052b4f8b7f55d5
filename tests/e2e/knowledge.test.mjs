// End-to-end: "Who knew what, and when" — the node × round heatmap of the shown message (or,
// under membership, of the beliefs about the followed node). A click on a cell seeks to that
// round and selects that node.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));

test('the heatmap shows every node at every round, and a click seeks and selects', async () => {
  const { page, errors } = await app.open('/#v=2&protocol=rumor&n=60&fanout=1&seed=5');
  await waitForApp(page);
  for (let i = 0; i < 10; i++) await page.click('[data-testid=step]');
  assert.equal(await round(page), 10);
  await page.click('[data-testid=knowledge-toggle]');
  const map = page.locator('[data-testid=knowledge]');
  await map.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid=knowledge-status]')?.textContent ?? 'x') === '');
  // 11 columns (rounds 0..10) of 60 rows, painted: round 0 is one fresh node, the last column
  // mostly informed.
  const size = await map.evaluate((c) => [c.width, c.height]);
  assert.ok(size[0] >= 11 && size[1] >= 60, `canvas ${size}`);
  await map.scrollIntoViewIfNeeded();
  await shot(page, 'knowledge-heatmap');

  const box = await map.boundingBox();
  // Column 3 of 11, row 30 of 60.
  await map.click({ position: { x: box.width * (3.5 / 11), y: box.height * (30.5 / 60) } });
  await page.waitForFunction(() => /\b3\b/.test(document.querySelector('[data-testid=round]')?.textContent ?? ''));
  assert.equal(await round(page), 3);
  assert.match(await page.textContent('[data-testid=inspector]'), /Node 30(?!\d)/);
  await shot(page, 'knowledge-after-click');
  assert.deepEqual(errors, []);
});

test('under membership the heatmap follows the beliefs about the killed node', async () => {
  const { page, errors } = await app.open('/#v=2&protocol=membership&n=30&fanout=2&t_fail=4&t_cleanup=8&seed=2');
  await waitForApp(page);
  await page.locator('[data-testid=graph]').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press(']');
  await page.keyboard.press('k');
  for (let i = 0; i < 12; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=knowledge-toggle]');
  await page.locator('[data-testid=knowledge]').waitFor();
  assert.match(await page.textContent('.knowledge .hint'), /believed about the followed node/);
  await page.locator('[data-testid=knowledge]').scrollIntoViewIfNeeded();
  await shot(page, 'knowledge-membership');
  assert.deepEqual(errors, []);
});
