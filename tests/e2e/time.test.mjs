// End-to-end: the round protocols in real time (issue #10's time model) — a tick, a round
// every few ticks, latency per leg — driven from a link and from the form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForApp, shot } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const LINK = '/#v=2&protocol=anti-entropy&mode=push-pull&n=80&fanout=1&tick=100&every=10&latency=300&dist=exponential&seed=3';
const label = (page) => page.textContent('[data-testid=round]');

test('a link with a time model counts seconds and ticks, and news lands after its latency', async () => {
  const { page, errors } = await app.open(LINK);
  await waitForApp(page);
  assert.equal(await label(page), '0.0 s · tick 0');
  for (let i = 0; i < 10; i++) await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === '1.0 s · tick 10');
  // The first round ran at tick 10: legs were sent, nothing has landed yet (300 ms legs).
  assert.match(await page.textContent('[data-testid=round-log]'), /^1\.0 s · tick 10: .*digest/);
  assert.match(await page.textContent('[data-testid=counts]'), /unaware 79/);
  for (let i = 0; i < 15; i++) await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === '2.5 s · tick 25');
  assert.doesNotMatch(await page.textContent('[data-testid=counts]'), /unaware 79/, 'news landed before tick 25');
  assert.equal(await page.textContent('[data-testid=sum-round]'), '2.5 s');
  assert.match(await page.textContent('[data-testid=sum-tlast]'), /^\d+\.\d\d s$/);
  // The chart reads seconds.
  const ticks = await page.$$eval('svg text.tick', (ts) => ts.map((t) => t.textContent));
  assert.ok(ticks.includes('s') && ticks.includes('2.0'), ticks.join(' '));
  await shot(page, 'time-link-2.5s');
  // Back one tick is exact.
  await page.click('[data-testid=back]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === '2.4 s · tick 24');
  assert.deepEqual(errors, []);
});

test('the form switches a run to real time, and its link carries it', async () => {
  const { page, errors } = await app.open('/');
  await waitForApp(page);
  await page.selectOption('[data-testid=field-time]', 'real');
  await page.fill('[data-testid=field-tick_ms]', '200');
  await page.fill('[data-testid=field-interval]', '5');
  await page.fill('[data-testid=field-latency_ms]', '150');
  await page.selectOption('[data-testid=field-dist]', 'uniform');
  await page.click('[data-testid=apply]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === '0.0 s · tick 0');
  for (let i = 0; i < 5; i++) await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === '1.0 s · tick 5');
  await shot(page, 'time-form-1s');
  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=share-link]');
  assert.match(link, /tick=200&every=5&latency=150&dist=uniform/);
  // A bad value is named in the form and nothing is lost.
  await page.keyboard.press('Escape');
  await page.fill('[data-testid=field-interval]', '0');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=form-error]');
  assert.match(await page.textContent('[data-testid=form-error]'), /interval/);
  assert.equal(await label(page), '1.0 s · tick 5', 'the run is untouched');
  assert.deepEqual(errors, []);
});
