// End-to-end: languages and accessibility. The release build in Chromium, switched to Chinese
// and back with the language switch, driven from the keyboard only, and checked for accessible
// names and text contrast in both colour schemes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForApp, shot } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const VIEWPORT = { width: 1280, height: 720 };

async function open(options = {}) {
  const opened = await app.open('/', { viewport: VIEWPORT, ...options });
  await waitForApp(opened.page);
  return opened;
}

const text = async (page, selector) => ((await page.textContent(selector)) ?? '').trim();
const round = async (page) => Number((await page.textContent('[data-testid=round]')).replace(/\D+/g, ''));

/** The strings this test compares across languages. */
async function visibleStrings(page) {
  return {
    step: await text(page, '[data-testid=step]'),
    play: await text(page, '[data-testid=play]'),
    apply: await text(page, '[data-testid=apply]'),
    protocolLabel: await text(page, 'label[for=f-protocol]'),
    protocol: await text(page, '[data-testid=field-protocol] option:checked'),
    nodesLabel: await text(page, 'label[for=f-nodes]'),
    legend: await text(page, '[data-testid=legend]'),
    round: await text(page, '[data-testid=round]'),
    roundLog: await text(page, '[data-testid=round-log]'),
    details: await text(page, '.log .details'),
    counts: await text(page, '[data-testid=counts]'),
    status: await text(page, '[data-testid=node-status]'),
    table: await text(page, '[data-testid=message-table]'),
  };
}

async function setLang(page, tag) {
  await page.selectOption('[data-testid=lang]', tag);
  await page.waitForFunction((t) => document.documentElement.lang === t, tag);
}

/**
 * Every focusable control's accessible name, as Chromium computes it (the accessibility tree,
 * through the DevTools protocol): [{ role, name }].
 */
async function controlNames(context, page) {
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = new Set(['button', 'combobox', 'textbox', 'slider', 'radio', 'checkbox', 'spinbutton', 'link', 'listbox', 'searchbox', 'switch', 'tab']);
  return nodes
    .filter((n) => !n.ignored && roles.has(n.role?.value))
    .map((n) => ({ role: n.role.value, name: (n.name?.value ?? '').trim() }));
}

/** Text elements whose colour is below WCAG AA against their background (in the page). */
function lowContrastText() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a >= 0.99) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!el || seen.has(el) || !t.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('svg, .visually-hidden, :disabled, option, noscript, script, style')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const fg = parse(style.color);
    const bg = background(el);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(fg, bg);
    if (r < need) bad.push(`${el.tagName.toLowerCase()}.${el.className} “${t.textContent.trim().slice(0, 30)}”: ${r.toFixed(2)} < ${need}`);
  }
  return bad;
}

test('the language switch turns the page into Chinese and back into English', async () => {
  const { page, errors } = await open();
  const sw = page.locator('[data-testid=lang]');
  assert.equal(await sw.getAttribute('aria-label'), 'Language');
  assert.deepEqual(await sw.locator('option').allTextContents(), ['English', '中文']);
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 1');
  const en = await visibleStrings(page);
  assert.equal(en.step, 'Step ▶');
  assert.match(en.roundLog, /^Round 1:/);

  await setLang(page, 'zh-CN');
  const zh = await visibleStrings(page);
  assert.equal(zh.step, '单步 ▶');
  assert.equal(zh.play, '▶ 播放');
  assert.equal(zh.apply, '应用并重新开始');
  assert.equal(zh.protocolLabel, '协议');
  assert.equal(zh.protocol, '谣言传播');
  assert.equal(zh.nodesLabel, '节点数 (N)');
  assert.match(zh.legend, /新鲜：正在传播/);
  assert.match(zh.legend, /陈旧：已停止传播/);
  assert.equal(zh.round, '第 1 轮');
  assert.match(zh.roundLog, /^第 1 轮：推送 1 条/);
  assert.match(zh.details, /^节点 \d+ 从节点 0 得知 m0$/);
  assert.match(zh.counts, /新鲜 \d+.*陈旧 \d+.*不知情 \d+.*宕机 0/s);
  assert.equal(zh.status, '存活');
  assert.match(zh.table, /编号.*内容.*状态.*新鲜/s);
  assert.equal(await sw.getAttribute('aria-label'), '语言 (Language)', 'the switch is findable in either language');
  assert.equal(await page.locator('[data-testid=lang] option:checked').textContent(), '中文');

  // Nothing English is left in the panels (identifiers, message values and units aside).
  const leftovers = await page.evaluate(() => {
    const allowed = /\b(k|t_fail|t_cleanup|t_avg|t_last|m\d+|v\d+|hello|news|gossip|k?B|MB|N|p|m|log₂N|ln|lnN|Erd[őo]s|R[ée]nyi|Watts|Strogatz|Barab[áa]si|Albert|R|K|J|V|A|I|U)\b/g;
    const panels = ['.settings', '[data-testid=legend]', '.transport', '.summary', '.log .headline', '.log .details', '.inspector', '.chart figcaption', '.message-bar button', '.intro'];
    return panels.flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => {
      const words = el.innerText.replace(allowed, '').match(/[A-Za-z]{2,}/g);
      return words ? `${sel}: ${words.join(' ')}` : null;
    })).filter(Boolean);
  });
  assert.deepEqual(leftovers, [], 'untranslated words');

  // A refused value is explained in Chinese, and in English again after switching back.
  await page.fill('[data-testid=field-nodes]', '99999');
  await page.click('[data-testid=apply]');
  assert.match(await text(page, '[data-testid=form-error]'), /^节点数 = 99999 超出范围：演练场允许 2\.\.=10000/);
  assert.equal(await page.getAttribute('[data-testid=field-nodes]', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('[data-testid=field-nodes]', 'aria-describedby'), 'form-error');
  await page.waitForTimeout(300);
  await shot(page, 'i18n-zh');

  await setLang(page, 'en');
  assert.match(await text(page, '[data-testid=form-error]'), /^nodes = 99999 is out of range: allowed 2\.\.=10000/);
  await page.fill('[data-testid=field-nodes]', '50');
  await page.click('[data-testid=apply]');
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]').textContent === 'round 1');
  const back = await visibleStrings(page);
  assert.equal(back.step, en.step);
  assert.equal(back.apply, en.apply);
  assert.equal(back.protocolLabel, en.protocolLabel);
  assert.equal(back.legend, en.legend);
  assert.equal(back.round, 'round 1');
  assert.equal(back.roundLog, en.roundLog, 'same seed, same first round, same English words');
  assert.equal(back.counts, en.counts);
  assert.deepEqual(errors, []);
});

test('dark theme in Chinese: screenshot, and every text passes AA contrast', async () => {
  const { page, errors } = await open({ colorScheme: 'dark' });
  await setLang(page, 'zh-CN');
  for (let i = 0; i < 4; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=inject]');
  await page.click('[data-testid=step]');
  await page.fill('[data-testid=field-fanout]', '0');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=form-error]');
  await page.waitForTimeout(1200);
  await shot(page, 'i18n-zh-dark');
  assert.deepEqual(await page.evaluate(lowContrastText), [], 'dark theme');
  assert.deepEqual(errors, []);
});

test('light theme: every text passes AA contrast, in both languages', async () => {
  const { page, errors } = await open({ colorScheme: 'light' });
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=kill]');
  assert.deepEqual(await page.evaluate(lowContrastText), [], 'light, English');
  await setLang(page, 'zh-CN');
  assert.deepEqual(await page.evaluate(lowContrastText), [], 'light, Chinese');
  assert.deepEqual(errors, []);
});

test('keyboard only: Tab to Step and press Enter, Space plays on the graph, Esc closes the help', async () => {
  const { page, errors } = await open();
  await setLang(page, 'zh-CN');
  // The language switch is the first control of the page; focus starts from there.
  await page.focus('[data-testid=lang]');
  const tabTo = async (testid, limit = 60) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((id) => document.activeElement?.dataset.testid === id, testid)) return;
    }
    assert.fail(`Tab never reached ${testid}`);
  };
  await tabTo('graph');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('[data-testid=play]', 'aria-pressed'), 'true', 'Space on the graph plays');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('[data-testid=play]', 'aria-pressed'), 'false', 'and pauses');
  const start = await round(page);
  await tabTo('step');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(ring.style, 'none', 'the focused button shows a focus ring');
  assert.ok(ring.width >= 2, `focus ring ${ring.width}px`);
  await page.keyboard.press('Enter');
  assert.equal(await round(page), start + 1, 'Enter on Step steps');
  await page.keyboard.press('Enter');
  assert.equal(await round(page), start + 2);
  assert.equal(await text(page, '[data-testid=round]'), `第 ${start + 2} 轮`);

  // The help: "?" opens it with focus inside, Tab stays inside, Escape closes it and focus
  // comes back to the Step button.
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=help]');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'help-close');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'help-close', 'focus stays in the dialog');
  assert.match(await text(page, '[data-testid=help]'), /播放 \/ 暂停/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=help]').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'step', 'focus returns');

  // The language switch works from the keyboard too.
  await page.focus('[data-testid=lang]');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text(page, '[data-testid=step]'), 'Step ▶');
  assert.deepEqual(errors, []);
});

test('every button, select, input and slider has an accessible name, in both languages', async () => {
  const { page, context, errors } = await open();
  for (const tag of ['en', 'zh-CN']) {
    await setLang(page, tag);
    const names = await controlNames(context, page);
    assert.ok(names.length >= 25, `found ${names.length} controls`);
    assert.deepEqual(names.filter((n) => !n.name), [], `${tag}: unnamed controls`);
    // Symbols alone are not names.
    assert.deepEqual(names.filter((n) => /^[\s▶◀❚×?+−\-[\]]+$/u.test(n.name)), [], `${tag}: symbol-only names`);
    // The same check from the DOM side, for elements the tree might merge away.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input, [role=button], [role=radio], canvas[tabindex]')]
      .filter((el) => {
        const label = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
          || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label') || el.getAttribute('title')
          || (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.textContent.trim());
        return !label;
      })
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, [], `${tag}: controls without a label`);
  }
  await page.click('[data-testid=help-toggle]');
  await page.waitForSelector('[data-testid=help]');
  const inHelp = await controlNames(context, page);
  assert.deepEqual(inHelp.filter((n) => !n.name), [], 'with the help open');
  assert.equal(await page.getAttribute('[data-testid=help]', 'role'), 'dialog');
  assert.deepEqual(errors, []);
});
