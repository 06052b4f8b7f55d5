// End-to-end: the release build in real Chromium, used as a person would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForApp, shot } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const VIEWPORT = { width: 1280, height: 720 };

async function open(path = '/') {
  const { page, errors } = await app.open(path, { viewport: VIEWPORT });
  await waitForApp(page);
  return { page, errors };
}

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));
const counts = (page) => page.textContent('[data-testid=counts]');
const step = (page) => page.click('[data-testid=step]');

/** Pixel position of node i of n on the default circle layout (see src/render/layout.rs). */
async function nodePoint(page, i, n) {
  const box = await page.locator('[data-testid=graph]').boundingBox();
  const pad = 12;
  const side = Math.min(box.width, box.height) - 2 * pad;
  const ox = (box.width - side) / 2, oy = (box.height - side) / 2;
  const a = (2 * Math.PI * i) / n - Math.PI / 2;
  return { x: box.x + ox + (0.5 + 0.46 * Math.cos(a)) * side, y: box.y + oy + (0.5 + 0.46 * Math.sin(a)) * side };
}

async function clickNode(page, i, n = 50) {
  const p = await nodePoint(page, i, n);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction((id) => document.querySelector('[data-testid=inspector] h2')?.textContent.startsWith(`Node ${id}`), i);
}

test('the page loads, shows round 0 and no console error', async () => {
  const { page, errors } = await open();
  assert.equal(await round(page), 0);
  assert.match(await page.title(), /Gossip Playground/);
  await shot(page, 'playground-round-0');
  assert.deepEqual(errors, []);
});

test('Step advances the round and the counts change', async () => {
  const { page, errors } = await open();
  const before = await counts(page);
  await step(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 1');
  assert.notEqual(await counts(page), before);
  await page.waitForTimeout(300);
  await shot(page, 'playground-round-1-mid-animation');
  for (let i = 0; i < 4; i++) await step(page);
  await page.waitForTimeout(1200);
  await shot(page, 'playground-round-5');
  assert.equal(await round(page), 5);
  assert.deepEqual(errors, []);
});

test('clicking a node and injecting makes it fresh', async () => {
  const { page, errors } = await open();
  // Typed first: the click re-renders the page, and the field must keep its text.
  await page.fill('[data-testid=inject-value]', 'breaking news');
  await clickNode(page, 25);
  assert.equal(await page.inputValue('[data-testid=inject-value]'), 'breaking news');
  await page.click('[data-testid=inject]');
  await page.waitForSelector('[data-testid=chip-m1]');
  const table = await page.textContent('[data-testid=message-table]');
  assert.match(table, /m1.*breaking news.*fresh/s, 'node 25 holds m1 fresh');
  assert.match(await counts(page), /fresh 1(?!\d)/, 'the graph shows m1: one fresh node');
  await shot(page, 'playground-injected-at-25');
  assert.deepEqual(errors, []);
});

test('Play runs rounds by itself and Pause stops it', async () => {
  const { page, errors } = await open();
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=round]').textContent.replace(/\D+/g, '')) >= 2, null, { timeout: 10_000 });
  await page.click('[data-testid=play]');
  const stopped = await round(page);
  await page.waitForTimeout(1500);
  assert.equal(await round(page), stopped, 'no round passes while paused');
  assert.equal(await page.getAttribute('[data-testid=play]', 'aria-pressed'), 'false');
  assert.deepEqual(errors, []);
});

test('a killed node never sends again', async () => {
  const { page, errors } = await open();
  await step(page);
  // Round 1: node 0 pushed to one peer; that peer is fresh and would push in round 2.
  const log = await page.textContent('.log .details');
  const victim = Number(/node (\d+) learned m0 from node 0/.exec(log)[1]);
  await clickNode(page, victim);
  await page.click('[data-testid=kill]');
  assert.equal(await page.textContent('[data-testid=node-status]'), 'dead');
  const sentBefore = await page.textContent('[data-testid=message-table]');
  for (let r = 2; r <= 12; r++) {
    await step(page);
    await page.waitForFunction((x) => document.querySelector('[data-testid=round]').textContent === `round ${x}`, r);
    const details = (await page.textContent('.log')) ?? '';
    assert.doesNotMatch(details, new RegExp(`from node ${victim}\\b`), `round ${r}: node ${victim} sent nothing`);
  }
  assert.equal(await page.textContent('[data-testid=message-table]'), sentBefore, 'its table (last sent) is frozen');
  await page.waitForTimeout(800);
  await shot(page, 'playground-killed-node');
  assert.deepEqual(errors, []);
});

test('Back returns exactly to the earlier counts', async () => {
  const { page, errors } = await open();
  for (let i = 0; i < 4; i++) await step(page);
  const at4 = await counts(page);
  for (let i = 0; i < 3; i++) await step(page);
  for (let i = 0; i < 3; i++) await page.click('[data-testid=back]');
  assert.equal(await round(page), 4);
  assert.equal(await counts(page), at4);
  // The timeline slider scrubs back too.
  await page.locator('[data-testid=scrub]').fill('2');
  assert.equal(await round(page), 2);
  assert.deepEqual(errors, []);
});

test('a bad parameter shows a message and the page keeps working', async () => {
  const { page, errors } = await open();
  await page.fill('[data-testid=field-nodes]', '99999');
  await page.click('[data-testid=apply]');
  const msg = await page.textContent('[data-testid=form-error]');
  assert.match(msg, /nodes = 99999 is out of range: allowed 2\.\.=10000/);
  await page.fill('[data-testid=field-nodes]', '12x');
  await page.click('[data-testid=apply]');
  assert.match(await page.textContent('[data-testid=form-error]'), /not a whole number/);
  await shot(page, 'playground-bad-parameter');
  await step(page);
  assert.equal(await round(page), 1, 'the current run still steps');
  // Acting on a dead node is refused with a clear notice.
  await page.click('[data-testid=kill]');
  await page.keyboard.press('k');
  assert.match(await page.textContent('[data-testid=notice]'), /node 0 is dead/);
  assert.deepEqual(errors, []);
});

test('keyboard: space plays and pauses, arrows step, ? opens the help', async () => {
  const { page, errors } = await open();
  await page.locator('[data-testid=graph]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await round(page), 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await round(page), 1);
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('[data-testid=play]', 'aria-pressed'), 'true');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('[data-testid=play]', 'aria-pressed'), 'false');
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=help]');
  await shot(page, 'playground-help');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=help]').count(), 0);
  assert.deepEqual(errors, []);
});

test('after a click on Kill, Space plays instead of reviving the node', async () => {
  const { page, errors } = await open();
  await clickNode(page, 3);
  await page.click('[data-testid=kill]');
  assert.equal(await page.textContent('[data-testid=node-status]'), 'dead');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=round]').textContent.replace(/\D+/g, '')) > 0);
  assert.equal(await page.textContent('[data-testid=node-status]'), 'dead', 'Space did not revive it');
  await page.keyboard.press(' ');
  assert.deepEqual(errors, []);
});

test('a node changes colour when the dot reaches it, and its ring stays for the round', async () => {
  // 0.5 rounds/s: the step animates for 1.8 s, the dots arrive at 70 % of it.
  const { page, errors } = await open('/#v=2&protocol=rumor&mode=push&n=30&fanout=2&seed=5&speed=0.5');
  for (let i = 0; i < 3; i++) await step(page);
  await page.waitForTimeout(2000);
  await step(page);
  await page.waitForFunction(() => /learned/.test(document.querySelector('.details')?.textContent ?? ''));
  const learned = Number((await page.textContent('.details')).match(/node (\d+) learned/)[1]);
  const p = await nodePoint(page, learned, 30);
  // The canvas pixel at the node's centre, as [r, g, b].
  const pixel = () => page.evaluate(({ x, y }) => {
    const c = document.querySelector('[data-testid=graph]');
    const b = c.getBoundingClientRect();
    const s = c.width / b.width;
    return Array.from(c.getContext('2d').getImageData(Math.round((x - b.left) * s), Math.round((y - b.top) * s), 1, 1).data.slice(0, 3));
  }, p);
  const orange = ([r, g, b]) => r > 200 && g > 130 && g < 190 && b < 60;
  await page.waitForTimeout(300);
  assert.ok(!orange(await pixel()), `node ${learned} is not yet fresh while the dot travels`);
  await page.waitForTimeout(2200);
  assert.ok(orange(await pixel()), `node ${learned} is fresh once the dot has arrived`);
  await shot(page, 'playground-changed-ring-after-animation');
  assert.deepEqual(errors, []);
});
