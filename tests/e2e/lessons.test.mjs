// End-to-end: every lesson opened from the picker, in English and in Chinese, as a reader would.
// For each: the card's title, and that the graph, the round, the counts and the scenario form
// show the lesson's scenario; a screenshot per lesson and language
// (target/e2e-screenshots/lesson-<n>-en.png, lesson-<n>-zh.png); no console error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForApp, shot } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const VIEWPORT = { width: 1280, height: 720 };

/** What each lesson loads (see src/lessons/scenarios.rs), and its title in both languages. */
const LESSONS = [
  { en: 'Rumor spreading: fresh and stale', zh: '谣言传播：新鲜与陈旧', protocol: 'rumor', mode: 'push', nodes: 40, round: 0, message: true },
  { en: 'Anti-entropy: push, pull, push-pull', zh: '反熵：推、拉与推拉', protocol: 'anti-entropy', mode: 'push', nodes: 100, round: 0, message: true, panel: 'lesson-curves' },
  { en: 'Why O(log N) rounds', zh: '为什么是 O(log N) 轮', protocol: 'anti-entropy', mode: 'push', nodes: 100, round: 0, message: true, table: 4 },
  { en: 'Loss of interest and the residue', zh: '失去兴趣与残留率', protocol: 'rumor', mode: 'push', nodes: 1000, round: 0, message: true, table: 4 },
  { en: 'Failure detection by heartbeat gossip', zh: '用心跳 gossip 检测故障', protocol: 'membership', nodes: 40, round: 3, message: false },
  { en: 'Faults: loss, partition, healing, a dead node', zh: '故障：丢包、分区与修复、节点宕机', protocol: 'anti-entropy', mode: 'push-pull', nodes: 60, round: 0, message: true },
  { en: 'Incremental sync vs full sync', zh: '增量同步与全量同步', protocol: 'anti-entropy', mode: 'push-pull', nodes: 50, round: 0, message: true, panel: 'lesson-bytes' },
  { en: 'Hierarchical gossip vs flat', zh: '分层 gossip 与扁平 gossip', protocol: 'anti-entropy', mode: 'push-pull', nodes: 100, round: 0, message: true, table: 3 },
  { en: 'Adaptive gossip interval', zh: '自适应 gossip 间隔', protocol: 'anti-entropy', mode: 'push-pull', nodes: 1000, round: 0, message: true, table: 4 },
];

async function open(path = '/') {
  const { page, errors, context } = await app.open(path, { viewport: VIEWPORT });
  await waitForApp(page);
  // The cards report each stretch of table computation here (src/components/lessons.rs).
  await page.evaluate(() => { window.__gossipLessonWork = []; });
  return { page, errors, context };
}

const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));
const numbers = (text) => (text.match(/\d+/g) ?? []).map(Number);

async function pick(page, i) {
  await page.selectOption('[data-testid=lesson-picker]', String(i));
  await page.waitForSelector(`[data-testid=lesson-card][data-lesson="${i}"]`);
}

/** Waits until every seeded table of the card is filled in. */
async function tablesDone(page) {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid=lesson-table][data-done]')].every((t) => t.dataset.done === 'true'),
    null,
    { timeout: 30_000 },
  );
}

async function checkLesson(page, i, lang) {
  const l = LESSONS[i];
  await pick(page, i);
  const card = page.locator('[data-testid=lesson-card]');
  assert.equal(await card.locator('[data-testid=lesson-title]').textContent(), l[lang], `lesson ${i + 1} title in ${lang}`);
  assert.match(await page.inputValue('[data-testid=lesson-picker]'), new RegExp(`^${i}$`), 'the picker shows the open lesson');
  // The run on screen is the lesson's scenario.
  assert.equal(await round(page), l.round, `lesson ${i + 1} opens at round ${l.round}`);
  assert.equal(await page.inputValue('[data-testid=field-protocol]'), l.protocol);
  assert.equal(await page.inputValue('[data-testid=field-nodes]'), String(l.nodes));
  if (l.mode) assert.equal(await page.inputValue('[data-testid=field-mode]'), l.mode);
  const label = await page.getAttribute('[data-testid=graph]', 'aria-label');
  assert.ok(numbers(label).slice(0, 2).join(' ') === `${l.nodes} ${l.round}`, `graph: ${label}`);
  if (l.message) {
    const counts = numbers(await page.textContent('[data-testid=counts]'));
    assert.equal(counts.reduce((a, b) => a + b, 0), l.nodes, `counts sum to N: ${counts}`);
  }
  if (l.panel) await page.waitForSelector(`[data-testid=${l.panel}]`);
  if (l.table) {
    await tablesDone(page);
    const rows = await card.locator('[data-testid=lesson-table] tbody tr').allTextContents();
    assert.equal(rows.length, l.table, `lesson ${i + 1}: ${l.table} table rows`);
    for (const r of rows) assert.match(r, /\d/, `a measured row: ${r}`);
  }
  // Let the first frame of the graph settle before the picture.
  await page.waitForTimeout(250);
  await shot(page, `lesson-${i + 1}-${lang}`);
}

test('every lesson opens from the picker in English, with its scenario', async () => {
  const { page, errors } = await open();
  for (let i = 0; i < LESSONS.length; i++) await checkLesson(page, i, 'en');
  // Lesson 5 follows the node killed in its action log.
  await pick(page, 4);
  assert.equal(await page.textContent('[data-testid=sum-subject]'), 'node 13');
  assert.match(await page.textContent('[data-testid=sum-detected]'), /^0\/39$/);
  const work = await page.evaluate(() => window.__gossipLessonWork);
  const max = Math.max(0, ...work);
  console.log(`lesson computations: ${work.length} slices, longest ${max.toFixed(1)} ms, total ${work.reduce((a, b) => a + b, 0).toFixed(1)} ms`);
  assert.deepEqual(errors, []);
});

test('every lesson in Chinese', async () => {
  const { page, errors } = await open();
  await page.selectOption('[data-testid=lang]', 'zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  for (let i = 0; i < LESSONS.length; i++) await checkLesson(page, i, 'zh');
  // The picker's titles switch language too.
  const options = await page.locator('[data-testid=lesson-picker] option').allTextContents();
  assert.ok(options.includes('1. 谣言传播：新鲜与陈旧'), options.join(' | '));
  assert.equal(await page.locator('[data-testid=lesson-card]').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(errors, []);
});

test('variant buttons load the same seed another way; restart and close', async () => {
  const { page, errors } = await open();
  await pick(page, 1);
  const seed = await page.inputValue('[data-testid=field-seed]');
  await page.click('[data-testid=lesson-variant-1]');
  await page.waitForFunction(() => document.querySelector('[data-testid=field-mode]')?.value === 'pull');
  assert.equal(await page.inputValue('[data-testid=field-seed]'), seed, 'same seed');
  assert.equal(await page.getAttribute('[data-testid=lesson-variant-1]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('[data-testid=lesson-variant-0]', 'aria-pressed'), 'false');
  // Three theory figures, push-pull fastest.
  const r = await Promise.all([0, 1, 2].map(async (m) => numbers(await page.textContent(`[data-testid=theory-rounds-${m}]`))[0]));
  assert.ok(r[2] < r[0] && r[2] < r[1], `push-pull is fastest in theory: ${r}`);

  // Lesson 7: both variants on the same seed; full sync sends more in all.
  await pick(page, 6);
  await page.click('[data-testid=lesson-variant-1]');
  await page.waitForFunction(() => document.querySelector('[data-testid=field-sync]')?.value === 'full');
  const totals = await Promise.all([0, 1].map(async (v) => page.textContent(`[data-testid=bytes-row-${v}] td:last-child`)));
  const kB = (t) => parseFloat(t) * (t.includes('MB') ? 1000 : t.includes('kB') ? 1 : 0.001);
  assert.ok(kB(totals[1]) > 2 * kB(totals[0]), `full sync costs more: ${totals}`);

  // Stepping, then Restart brings the lesson back to its first round.
  await page.click('[data-testid=step]');
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent.endsWith(' 2'));
  await page.click('[data-testid=lesson-restart]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 0');
  assert.equal(await page.inputValue('[data-testid=field-sync]'), 'full', 'restart keeps the variant');

  // Next goes to lesson 8; Close hides the card, keeps the run, and resets the picker.
  await page.click('[data-testid=lesson-next]');
  await page.waitForSelector('[data-testid=lesson-card][data-lesson="7"]');
  await page.click('[data-testid=lesson-close]');
  await page.waitForSelector('[data-testid=lesson-card]', { state: 'detached' });
  assert.equal(await page.inputValue('[data-testid=field-topology]'), 'hierarchical', 'the run stays');
  assert.equal(await page.inputValue('[data-testid=lesson-picker]'), '');
  assert.deepEqual(errors, []);
});

test('a link that names only a lesson (#lesson=5) opens that lesson\'s own run', async () => {
  const { page, errors } = await open('/#lesson=5');
  const l = LESSONS[4];
  await page.waitForSelector('[data-testid=lesson-card][data-lesson="4"]');
  assert.equal(await round(page), l.round, 'the lesson\'s round, not round 0 of the default run');
  assert.equal(await page.inputValue('[data-testid=field-protocol]'), l.protocol);
  assert.equal(await page.inputValue('[data-testid=field-nodes]'), String(l.nodes));
  // Lesson 5 promises false detections: the summary counts them.
  assert.match(await page.textContent('[data-testid=sum-false]'), /^\d+$/);
  assert.deepEqual(errors, []);
});

test('the hierarchical lesson marks the group leaders and says so in the legend', async () => {
  const { page, errors } = await open('/#lesson=8');
  await page.waitForSelector('[data-testid=lesson-card][data-lesson="7"]');
  assert.match(await page.textContent('[data-testid=legend]'), /group leader/);
  const flat = await open('/#lesson=1');
  assert.doesNotMatch(await flat.page.textContent('[data-testid=legend]'), /group leader/);
  assert.deepEqual(errors, []);
});
