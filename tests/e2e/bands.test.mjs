// End-to-end: bands over many seeds (issue #12, item 2). The seeds run in the bands worker,
// which is fetched only when asked for; progress shows "k of M seeds"; the finished bands are
// the CLI's numbers for the same scenario and seeds; Cancel terminates the worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startApp, waitForApp, shot } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** `gossip-sim ARGS...` (built by cargo if needed), stdout as text. */
function gossipSim(args) {
  return execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'gossip-engine', '--bin', 'gossip-sim', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/** Records every text the progress line shows, and main-thread tasks over 50 ms. */
async function watch(page) {
  await page.evaluate(() => {
    window.__progress = [];
    window.__longTasks = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid=bands-status]')?.textContent ?? '';
      if (/^\d+ of /.test(p) && window.__progress.at(-1) !== p) window.__progress.push(p);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

test('a band run shows progress, completes with the CLI\'s numbers, and is drawn under the live run', async () => {
  const link = '/#v=2&protocol=rumor&mode=push&removal=feedback-counter&k=2&n=1000&fanout=1&topology=complete&seed=42';
  const { page, errors } = await app.open(link, { acceptDownloads: true });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await waitForApp(page);
  for (let i = 0; i < 6; i++) await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 6');
  assert.ok(!fetched.some((p) => p.includes('bands-worker')), `the worker is not fetched before it is asked for: ${fetched}`);
  await watch(page);
  const t0 = Date.now();
  assert.equal(await page.textContent('[data-testid=bands-button]'), 'Band over 200 seeds');
  await page.click('[data-testid=bands-button]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bands-status]').textContent.startsWith('Median'), null, { timeout: 60_000 });
  const ms = Date.now() - t0;
  const progress = await page.evaluate(() => window.__progress);
  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(`bands: 200 seeds of rumor mongering at N = 1,000 in ${ms} ms (click to drawn); progress seen: ${progress.join(' | ')}; main-thread tasks over 50 ms: ${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`);
  assert.ok(progress.length >= 1 && progress.every((p) => /^\d+ of 200 seeds$/.test(p)), `progress shown: ${progress}`);
  assert.ok(fetched.some((p) => p.endsWith('bands-worker_bg.wasm')), 'the worker bundle was fetched on demand');
  assert.equal(await page.textContent('[data-testid=bands-status]'), 'Median and 5–95% band of 200 seeds (seeds 42–241)');
  assert.equal(await page.textContent('[data-testid=bands-button]'), 'Hide band');
  assert.equal(await page.locator('.chart path.band').count(), 5, 'a band per line');
  assert.equal(await page.locator('.chart path.median').count(), 5, 'a median per line');
  await shot(page, 'bands-rumor-n1000');
  await page.locator('[data-testid=chart]').screenshot({ path: path.join(REPO_ROOT, 'target', 'e2e-screenshots', 'bands-rumor-n1000-chart.png') });

  // The page's numbers are the CLI's for the same scenario file and seeds.
  const flat = (await page.getAttribute('[data-testid=bands]', 'data-bands')).split(',').map(Number);
  await page.click('[data-testid=share]');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-scenario]')]);
  const file = path.join(os.tmpdir(), `gossip-bands-${process.pid}.json`);
  writeFileSync(file, readFileSync(await dl.path()));
  await page.click('[data-testid=share-close]');
  const cli = JSON.parse(gossipSim(['run', '--scenario', file, '--trials', '200', '--per-round', '--format', 'json']));
  rmSync(file, { force: true });
  const want = cli.per_round.flatMap((r) => ['informed', 'unaware', 'fresh', 'stale', 'dead'].flatMap((k) => [r.bands[k].p5, r.bands[k].p50, r.bands[k].p95]));
  assert.ok(want.length > 15 * 5, 'several rounds');
  assert.deepEqual(flat, want, 'the worker\'s bands are the CLI\'s percentiles');

  // Stepping keeps them (same scenario); changing the run hides bands that no longer hold.
  await page.click('[data-testid=step]');
  assert.equal(await page.locator('.chart path.band').count(), 5, 'a step changes nothing');
  await page.fill('[data-testid=field-seed]', '43');
  await page.click('[data-testid=apply]');
  await page.waitForFunction(() => document.querySelectorAll('.chart path.band').length === 0);
  assert.equal(await page.textContent('[data-testid=bands-button]'), 'Band over 200 seeds', 'another seed, another scenario');
  assert.deepEqual(errors, []);
});

test('a long band run can be cancelled mid-way, which stops the worker', async () => {
  // Heartbeat membership at N = 400: each seed takes a good fraction of a second.
  const { page, errors } = await app.open('/#v=2&protocol=membership&n=400&fanout=2&t_fail=8&t_cleanup=16&seed=3');
  await waitForApp(page);
  await watch(page);
  await page.click('[data-testid=bands-button]');
  await page.waitForFunction(() => {
    const m = /^(\d+) of 200/.exec(document.querySelector('[data-testid=bands-status]')?.textContent ?? '');
    return m && Number(m[1]) >= 2;
  }, null, { timeout: 60_000 });
  assert.equal(page.workers().length, 1, 'one worker runs the seeds');
  await shot(page, 'bands-membership-running');
  const closed = page.workers()[0].waitForEvent('close');
  assert.equal(await page.textContent('[data-testid=bands-button]'), 'Cancel');
  await page.click('[data-testid=bands-button]');
  await closed;
  assert.equal(page.workers().length, 0, 'Cancel terminated the worker');
  assert.equal(await page.textContent('[data-testid=bands-button]'), 'Band over 200 seeds');
  assert.equal(await page.textContent('[data-testid=bands-status]'), '');
  assert.equal(await page.locator('.chart path.band').count(), 0, 'no band from a cancelled run');
  const done = await page.evaluate(() => window.__progress.at(-1));
  assert.match(done, /^\d+ of 200 seeds$/);
  assert.ok(Number(done.split(' ')[0]) < 200, `cancelled mid-way, at ${done}`);
  await shot(page, 'bands-membership-cancelled');
  assert.deepEqual(errors, []);
});

test('under membership without a kill, the band says whose failure it follows', async () => {
  const { page, errors } = await app.open('/#v=2&protocol=membership&n=30&fanout=2&t_fail=4&t_cleanup=8&seed=5');
  await waitForApp(page);
  await page.click('[data-testid=bands-button]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bands-status]').textContent.startsWith('Median'), null, { timeout: 60_000 });
  assert.equal(await page.textContent('[data-testid=bands-status]'), 'Median and 5–95% band of 200 seeds (seeds 5–204); node 0 killed after round 1 in each');
  assert.equal(await page.locator('.chart path.band').count(), 2, 'detected and dead');
  await page.locator('[data-testid=chart]').screenshot({ path: path.join(REPO_ROOT, 'target', 'e2e-screenshots', 'bands-membership-chart.png') });
  assert.deepEqual(errors, []);
});

test('the band of the opening scenario, for a look', async () => {
  const { page, errors } = await app.open('/');
  await waitForApp(page);
  for (let i = 0; i < 5; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=bands-button]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bands-status]').textContent.startsWith('Median'), null, { timeout: 60_000 });
  await page.locator('[data-testid=chart]').screenshot({ path: path.join(REPO_ROOT, 'target', 'e2e-screenshots', 'bands-default-chart.png') });
  await shot(page, 'bands-default');
  assert.deepEqual(errors, []);
});
