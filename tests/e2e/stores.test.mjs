// End-to-end: the data-store page (stores.html). Each system's lesson opens and plays to its
// signature moment (Cassandra's conviction by φ, Redis's FAIL and failover, Dynamo's Merkle
// sync); faults by clicks on a node; stepping back and forth; a link that reopens the run;
// a bad link's banner. Screenshots of each are saved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOnCircle, shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const seconds = async (page) => parseFloat((await page.textContent('[data-testid=clock]')).trim());


/** The slot of Redis node `m` of 12 (6 masters, 6 replicas): each replica beside its master. */
const redisSlot = (m) => (m < 6 ? 2 * m : 2 * (m - 6) + 1);

/** Moves the run to `s` seconds with the scrubber. */
async function seek(page, s) {
  await page.locator('[data-testid=scrub]').evaluate((el, v) => {
    el.max = String(Math.max(Number(el.max), v));
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, Math.round(s * 10));
}

test('Cassandra lesson: φ rises until node 5 is convicted DOWN', async () => {
  const { page, errors } = await app.open('/stores.html');
  await waitForApp(page);
  await page.selectOption('[data-testid=store-lessons]', { index: 1 });
  await page.locator('[data-testid=store-lesson][data-slug=cassandra]').waitFor();
  assert.equal(await seconds(page), 5.1);
  await page.click('[data-testid=play]');
  await page.waitForTimeout(1500);
  await page.click('[data-testid=play]');
  await shot(page, 'stores-cassandra-playing');
  await seek(page, 30);
  const first = await page.textContent('[data-testid=detect-first]');
  assert.match(first, /^\d+(\.\d)? s$/, `node 5 was convicted by 30 s: ${first}`);
  const caption = await page.textContent('[data-testid=store-chart] figcaption');
  assert.match(caption, /φ/);
  await clickOnCircle(page, 0, 12);
  await page.locator('[data-testid=phi-table]').waitFor();
  assert.match(await page.textContent('[data-testid=phi-table]'), /DOWN/);
  await shot(page, 'stores-cassandra-convicted');
  // The seeds heal a partition.
  await page.click('[data-testid=variant-1]');
  await seek(page, 60);
  await shot(page, 'stores-cassandra-partitioned');
  await seek(page, 75);
  await shot(page, 'stores-cassandra-healed');
  assert.deepEqual(errors, []);
});

test('Redis Cluster lesson: PFAIL, then FAIL by a majority of masters, then failover', async () => {
  const { page, errors } = await app.open('/stores.html');
  await waitForApp(page);
  await page.selectOption('[data-testid=store-lessons]', { index: 2 });
  await page.locator('[data-testid=store-lesson][data-slug=redis-cluster]').waitFor();
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid=clock]').textContent) >= 6);
  await page.click('[data-testid=play]');
  await seek(page, 21);
  await shot(page, 'stores-redis-pfail');
  await seek(page, 45);
  const confirm = parseFloat(await page.textContent('[data-testid=detect-confirm]'));
  const first = parseFloat(await page.textContent('[data-testid=detect-first]'));
  const failover = parseFloat(await page.textContent('[data-testid=failover]'));
  assert.ok(first >= 15 && confirm >= first && failover > confirm, `PFAIL ${first}, FAIL ${confirm}, failover ${failover}`);
  await clickOnCircle(page, redisSlot(8), 12);
  await page.locator('[data-testid=store-inspector]').waitFor();
  assert.match(await page.textContent('[data-testid=store-inspector]'), /master/);
  await shot(page, 'stores-redis-failover');
  // A minority of one fails nobody.
  await page.click('[data-testid=variant-1]');
  await seek(page, 45);
  await clickOnCircle(page, 0, 12);
  const flags = await page.textContent('[data-testid=flag-table]');
  assert.match(flags, /PFAIL/);
  assert.doesNotMatch(flags, /\bFAIL\b(?!.*PFAIL)/, 'node 0 flags nobody FAIL');
  await shot(page, 'stores-redis-minority');
  assert.deepEqual(errors, []);
});

test('Dynamo lesson: a Merkle sync moves a few keys, the inspector shows the tree', async () => {
  const { page, errors } = await app.open('/stores.html');
  await waitForApp(page);
  await page.selectOption('[data-testid=store-lessons]', { index: 3 });
  await page.locator('[data-testid=store-lesson][data-slug=dynamo]').waitFor();
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid=clock]').textContent) >= 4);
  await page.click('[data-testid=play]');
  await seek(page, 30);
  await clickOnCircle(page, 2, 8);
  await page.locator('[data-testid=merkle]').waitFor();
  const cells = await page.locator('[data-testid=merkle] .cell.differs').count();
  assert.ok(cells >= 1, 'the differing branches are marked');
  const [merkle, digest, full] = (await page.textContent('[data-testid=sync-bytes]')).split('·').map(parseFloat);
  assert.ok(merkle < digest && digest < full, `${merkle} < ${digest} < ${full}`);
  await shot(page, 'stores-dynamo-merkle');
  assert.deepEqual(errors, []);
});

test('faults by click, stepping back and forth, and a link that reopens the run', async () => {
  const { page, errors } = await app.open('/stores.html');
  await waitForApp(page);
  await page.click('[data-testid=system-redis-cluster]');
  assert.equal(await page.getAttribute('.swim-page', 'data-store'), 'redis-cluster');
  await page.click('[data-testid=next-second]');
  assert.equal(await seconds(page), 1);
  await clickOnCircle(page, redisSlot(3), 12);
  await page.click('[data-testid=kill]');
  assert.equal(await page.isDisabled('[data-testid=kill]'), false, 'kill applies at the next tick');
  await page.click('[data-testid=next-tick]');
  assert.equal(await page.isDisabled('[data-testid=kill]'), true, 'a crashed node cannot be crashed again');
  assert.equal(await page.isDisabled('[data-testid=restart-node]'), false);
  await page.click('[data-testid=back-tick]');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await seconds(page), 0.9);
  await page.click('[data-testid=split]');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /system=redis-cluster/);
  assert.match(hash, /kill\.3%4010/);
  assert.match(hash, /split\.6%409/);
  const again = await app.open(`/stores.html${hash}`);
  await waitForApp(again.page);
  assert.equal(await seconds(again.page), 0.9);
  assert.equal(await again.page.getAttribute('.swim-page', 'data-store'), 'redis-cluster');
  assert.deepEqual(errors, []);
  assert.deepEqual(again.errors, []);
});

test('a bad link says what was wrong and opens the rest', async () => {
  const { page, errors } = await app.open('/stores.html#system=dynamo&n=50000&do=kill.2@10,boom@3');
  await waitForApp(page);
  const notices = await page.locator('[data-testid=store-notice]').allTextContents();
  assert.equal(notices.length, 2, notices.join(' | '));
  assert.match(notices.join(' '), /n=50000/);
  assert.match(notices.join(' '), /boom@3/);
  assert.equal(await page.getAttribute('.swim-page', 'data-store'), 'dynamo');
  await shot(page, 'stores-bad-link');
  assert.deepEqual(errors, []);
});

test('a lesson link opens its variant, and the chart follows the node across a split', async () => {
  const { page, errors } = await app.open('/stores.html#system=cassandra&n=12&seed=1&at=500&do=split.6@50,heal@650&lesson=1&variant=2');
  await waitForApp(page);
  assert.equal(await page.getAttribute('[data-testid=variant-1]', 'aria-pressed'), 'true');
  assert.match(await page.textContent('[data-testid=watch]'), /splits|分裂/);
  assert.match(await page.textContent('[data-testid=store-chart] figcaption'), /node 6 at node 0/);
  await shot(page, 'stores-cassandra-split-link');
  assert.deepEqual(errors, []);
});

test('a command of a link that the engine refuses is named, and the run goes on without it', async () => {
  const { page, errors } = await app.open('/stores.html#system=cassandra&n=12&seed=1&at=60&do=kill.3@10,kill.3@20');
  await waitForApp(page);
  const refused = await page.locator('[data-testid=store-refused]').allTextContents();
  assert.equal(refused.length, 1, refused.join(' | '));
  assert.match(refused[0], /^2\.0 s: .*3/);
  assert.equal((await page.textContent('[data-testid=clock]')).trim().split(' ')[0], '6.0');
  assert.deepEqual(errors, []);
});
