// End-to-end: the time-space diagram — one line per node, each leg an arrow within its round,
// lost legs in a cross — follows the transport: step, back, play.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));
const picture = (page) => page.locator('[data-testid=spacetime]').evaluate((c) => c.toDataURL());

test('the time-space diagram follows step, back and play', async () => {
  const { page, errors } = await app.open('/#v=2&protocol=rumor&n=30&fanout=2&loss=0.2&seed=3');
  await waitForApp(page);
  for (let i = 0; i < 6; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=spacetime-toggle]');
  const map = page.locator('[data-testid=spacetime]');
  await map.waitFor();
  await map.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const at6 = await picture(page);
  await shot(page, 'spacetime-round-6');

  await page.click('[data-testid=step]');
  assert.equal(await round(page), 7);
  await page.waitForTimeout(300);
  const at7 = await picture(page);
  assert.notEqual(at7, at6, 'a step draws its round');

  await page.click('[data-testid=back]');
  assert.equal(await round(page), 6);
  await page.waitForTimeout(300);
  assert.equal(await picture(page), at6, 'back shows round 6 exactly as before');

  // Play on from round 6 (the rumor may die out and pause the run by itself).
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=round]').textContent.replace(/\D+/g, '')) > 6);
  await page.waitForTimeout(600);
  if ((await page.getAttribute('[data-testid=play]', 'aria-pressed')) === 'true') await page.click('[data-testid=play]');
  await page.waitForTimeout(300);
  await shot(page, 'spacetime-after-play');
  assert.notEqual(await picture(page), at6);
  assert.deepEqual(errors, []);
});
