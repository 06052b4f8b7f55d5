// End-to-end: the real-systems page (systems.html). Consul's LAN preset, a killed member
// seen suspect then dead in seconds; a brief pause refuted; stepping by tick and by period,
// back and forth; a link that reopens the same run at a second; a bad link's banner.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOnCircle, shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const clock = async (page) => (await page.textContent('[data-testid=clock]')).trim();
const seconds = async (page) => Number((await clock(page)).split(' ')[0]);

test('Consul LAN: a killed member is suspected, then confirmed dead, in seconds', async () => {
  const { page, errors } = await app.open('/systems.html');
  await waitForApp(page);
  await page.click('[data-testid=preset-consul-lan]');
  assert.equal(await seconds(page), 0);
  await shot(page, 'swim-start');
  // Select member 3 by clicking it on the canvas? Use the default story: member 5 is killed at 2 s.
  for (let i = 0; i < 3; i++) await page.click('[data-testid=next-period]');
  assert.equal(await seconds(page), 3);
  await page.waitForTimeout(300);
  await shot(page, 'swim-3s');
  // Play until the detection line reports a confirm.
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=first-confirm]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('[data-testid=play]');
  const after = async (id) => parseFloat(await page.textContent(`[data-testid=${id}]`));
  const suspect = await after('first-suspect');
  const confirm = await after('first-confirm');
  assert.ok(suspect > 0 && confirm > suspect, `suspected after ${suspect} s, confirmed after ${confirm} s`);
  await page.waitForTimeout(300);
  await shot(page, 'swim-confirmed');
  assert.deepEqual(errors, []);
});

test('stepping by tick and by period, forward and back, in seconds', async () => {
  const { page, errors } = await app.open('/systems.html');
  await waitForApp(page);
  await page.click('[data-testid=next-tick]');
  assert.equal(await seconds(page), 0.1);
  await page.click('[data-testid=next-period]');
  assert.equal(await seconds(page), 1);
  await page.click('[data-testid=next-period]');
  await page.click('[data-testid=back-tick]');
  assert.equal(await seconds(page), 1.9);
  await page.click('[data-testid=back-period]');
  assert.equal(await seconds(page), 1);
  await page.keyboard.press('ArrowRight');
  assert.equal(await seconds(page), 1.1);
  assert.deepEqual(errors, []);
});


test('a member paused for 3 s is suspected and refutes when it wakes', async () => {
  const { page, errors } = await app.open('/systems.html');
  await waitForApp(page);
  await clickOnCircle(page, 9, 16);
  await page.locator('[data-testid=swim-inspector]').waitFor();
  assert.match(await page.textContent('[data-testid=swim-inspector] h2'), /9/);
  await page.click('[data-testid=pause]');
  await page.click('[data-testid=next-period]');
  await shot(page, 'swim-paused');
  await page.click('[data-testid=speed]');
  await page.selectOption('[data-testid=speed]', { index: 4 });
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => /: [1-9]/.test(document.querySelector('[data-testid=refutations]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('[data-testid=play]');
  await shot(page, 'swim-refuted');
  // Its incarnation went up: the member list of another member shows it at incarnation >= 1.
  await clickOnCircle(page, 0, 16);
  const row = page.locator('[data-testid=member-list] tr', { hasText: /^9/ });
  assert.ok((await page.textContent('[data-testid=false-positives]')).endsWith(': 0'), 'a pause shorter than the suspicion timeout kills nobody');
  assert.deepEqual(errors, []);
});

test('the three real-systems lessons open from the picker and from a link, with their variants', async () => {
  const { page, errors } = await app.open('/');
  await waitForApp(page);
  await page.click('[data-testid=to-systems]');
  await waitForApp(page);
  const picker = page.locator('[data-testid=swim-lessons]');
  const titles = [];
  for (const index of [1, 2, 3]) {
    await picker.selectOption({ index });
    const card = page.locator('[data-testid=swim-lesson]');
    await card.waitFor();
    titles.push(await card.locator('h2').textContent());
    assert.equal(await card.locator('[data-testid=variant-0]').getAttribute('aria-pressed'), 'true');
    await card.locator('[data-testid=variant-1]').click();
    assert.equal(await card.locator('[data-testid=variant-1]').getAttribute('aria-pressed'), 'true');
    await page.waitForTimeout(300);
    await shot(page, `swim-lesson-${index}`);
  }
  assert.match(titles[0], /SWIM/);
  assert.match(titles[1], /Consul/);
  assert.match(titles[2], /Who uses gossip/i);
  await picker.selectOption({ index: 2 });
  await page.locator('[data-testid=swim-lesson] [data-testid=variant-1]').click();
  // The address now holds the lesson: reopening it shows the same card and run.
  const url = page.url();
  assert.match(url, /lesson=consul-serf-real-numbers&variant=1/);
  const clockBefore = await clock(page);
  const again = await app.open(new URL(url).pathname + new URL(url).hash);
  await waitForApp(again.page);
  assert.match(await again.page.locator('[data-testid=swim-lesson] h2').textContent(), /Consul/);
  assert.equal(await clock(again.page), clockBefore);
  // Chinese.
  await again.page.selectOption('[data-testid=lang]', { index: 1 });
  assert.match(await again.page.locator('[data-testid=swim-lesson] h2').textContent(), /[\u4e00-\u9fff]/);
  await shot(again.page, 'swim-lesson-zh');
  assert.deepEqual(errors, []);
  assert.deepEqual(again.errors, []);
});

test('a bad link says what is wrong and opens the default run', async () => {
  const { page, errors } = await app.open('/systems.html#v=2&sys=swim&s=%%%');
  await waitForApp(page);
  assert.match(await page.textContent('[data-testid=swim-notice]'), /base64/);
  assert.equal(await seconds(page), 0);
  assert.deepEqual(errors, []);
});

test('an iframe opens a SWIM run at a given second, and the host drives it by postMessage', async () => {
  // The host is a page of its own (not the player, whose app owns its body).
  const { page, errors } = await app.open('/embed-example.html');
  const src = new URL("/systems.html#v=2&sys=swim&lesson=swim-probe-suspect-refute&variant=0&t=12&embed=1", app.url).href;
  await page.evaluate((src) => {
    window.news = [];
    window.addEventListener('message', (e) => window.news.push(e.data));
    const f = document.createElement('iframe');
    f.id = 'run';
    f.src = src;
    f.width = 900;
    f.height = 640;
    document.body.prepend(f);
  }, src);
  const frame = page.frameLocator('#run');
  await frame.locator('[data-testid=clock]').waitFor();
  assert.match(await frame.locator('[data-testid=clock]').textContent(), /^12\.0 s/);
  assert.equal(await frame.locator('[data-testid=swim-controls]').count(), 0, 'embed=1 hides the controls');
  await page.waitForFunction(() => window.news.some((n) => n.type === 'swim:ready'));
  await page.evaluate(() => document.getElementById('run').contentWindow.postMessage({ type: 'swim:seek', seconds: 5 }, '*'));
  await page.waitForFunction(() => window.news.some((n) => n.type === 'swim:tick' && n.seconds === 5));
  assert.match(await frame.locator('[data-testid=clock]').textContent(), /^5\.0 s/);
  await page.evaluate(() => document.getElementById('run').contentWindow.postMessage({ type: 'swim:period', count: 3 }, '*'));
  await page.waitForFunction(() => window.news.at(-1)?.tick === 80);
  const last = await page.evaluate(() => window.news.at(-1));
  assert.equal(last.members, 12);
  assert.ok(last.dead >= 1, 'the killed member is held dead by 8 s');
  await shot(page, 'swim-embedded');
  assert.deepEqual(errors, []);
});

test('on a 1024×768 projector the graph comes first and fits, the form below', async () => {
  const { page, errors } = await app.open('/systems.html', { viewport: { width: 1024, height: 768 } });
  await waitForApp(page);
  const graph = await page.locator('[data-testid=graph]').boundingBox();
  const form = await page.locator('[data-testid=swim-controls]').boundingBox();
  assert.ok(graph.y + graph.height <= 768, `the graph ends at ${graph.y + graph.height}px`);
  assert.ok(graph.height >= 300, `the graph is ${graph.height}px tall`);
  assert.ok(form.y > graph.y + graph.height, 'the form comes after the graph');
  await shot(page, 'swim-1024x768');
  assert.deepEqual(errors, []);
});
