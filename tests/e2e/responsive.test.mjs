// End-to-end: the embedded player pauses off screen and resumes; the phone layout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const roundOf = async (frame) => Number((await frame.textContent('[data-testid=round]')).replace(/\D+/g, ''));

test('an embedded player pauses while scrolled out of view and resumes when back', async () => {
  const { page, errors } = await app.open('/embed-example.html', { viewport: { width: 1200, height: 800 } });
  await page.locator('#free').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('gossip:ready'), null, { timeout: 30_000 });
  const frame = page.frames().find((f) => f.url().includes('controls=minimal'));
  await frame.click('[data-testid=play]');
  await page.waitForFunction(() => /round [2-9]/.test(document.getElementById('log').textContent), null, { timeout: 15_000 });
  // Scroll the player away: it pauses itself.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);
  const away = await roundOf(frame);
  await page.waitForTimeout(1500);
  assert.equal(await roundOf(frame), away, 'no round passes while the player is off screen');
  assert.equal(await frame.getAttribute('[data-testid=play]', 'aria-pressed'), 'false');
  // Back in view: it resumes by itself.
  await page.locator('#free').scrollIntoViewIfNeeded();
  await frame.waitForFunction((r) => Number(document.querySelector('[data-testid=round]').textContent.replace(/\D+/g, '')) > r, away, { timeout: 15_000 });
  assert.equal(await frame.getAttribute('[data-testid=play]', 'aria-pressed'), 'true');
  assert.deepEqual(errors, []);
});

test('on a phone the graph comes first and the controls are easy to tap', async () => {
  const { page, errors } = await app.open('/?n=30&seed=4', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await waitForApp(page);
  const graph = await page.locator('[data-testid=graph]').boundingBox();
  const settings = await page.locator('.settings').boundingBox();
  assert.ok(graph.y < settings.y, 'the graph is above the scenario form');
  assert.ok(graph.width >= 340, `the graph spans the screen: ${graph.width}`);
  for (const id of ['step', 'back', 'play']) {
    const b = await page.locator(`[data-testid=${id}]`).boundingBox();
    assert.ok(b.height >= 40, `${id} is at least 40 px tall: ${b.height}`);
  }
  await page.tap('[data-testid=step]');
  assert.equal(await page.textContent('[data-testid=round]'), 'round 1');
  await shot(page, 'phone-390');
  assert.deepEqual(errors, []);
});

test('on a 1024 × 768 projector the graph and the lesson share the screen, the form is a drawer', async () => {
  const { page, errors } = await app.open('/#lesson=3', { viewport: { width: 1024, height: 768 } });
  await waitForApp(page);
  const graph = await page.locator('[data-testid=graph]').boundingBox();
  const card = await page.locator('.lesson-card').boundingBox();
  assert.ok(graph.height >= 400 && graph.width >= 600, `the graph is large: ${graph.width} × ${graph.height}`);
  assert.ok(card.x > graph.x + graph.width && card.y < 200, 'the lesson sits beside the graph, at the top');
  const play = await page.locator('[data-testid=play]').boundingBox();
  assert.ok(play.y + play.height <= 768, 'the transport is on the first screen');
  assert.equal(await page.isVisible('[data-testid=field-nodes]'), false, 'the form waits in its drawer');
  await shot(page, 'projector-1024-lesson');
  await page.click('[data-testid=drawer-toggle]');
  assert.equal(await page.getAttribute('[data-testid=drawer-toggle]', 'aria-expanded'), 'true');
  await page.fill('[data-testid=field-nodes]', '40');
  await shot(page, 'projector-1024-drawer');
  await page.click('[data-testid=apply]');
  await page.waitForFunction(() => document.querySelector('[data-testid=counts]')?.textContent.includes('unaware 39'));
  await page.click('[data-testid=drawer-toggle]');
  assert.equal(await page.isVisible('[data-testid=field-nodes]'), false, 'closed again');
  assert.deepEqual(errors, []);
});
