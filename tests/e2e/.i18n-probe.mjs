import { startApp, waitForApp } from './harness.mjs';
const app = await startApp();
try {
  const { page, context, errors } = await app.open('/', { viewport: { width: 1280, height: 720 } });
  await waitForApp(page);
  await page.focus('[data-testid=lang]');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(200);
  console.log('after ArrowDown:', await page.textContent('[data-testid=step]'), await page.evaluate(() => document.documentElement.lang));
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const roles = new Set(['button', 'combobox', 'textbox', 'slider', 'radio', 'checkbox', 'spinbutton', 'link', 'ListBox', 'listbox']);
  for (const n of nodes) {
    if (n.ignored) continue;
    const role = n.role?.value;
    if (roles.has(role)) console.log(role, JSON.stringify(n.name?.value));
  }
  // Tab order
  await page.evaluate(() => document.activeElement.blur());
  const order = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => { const e = document.activeElement; return `${e.tagName}:${e.dataset.testid ?? e.id ?? ''}:${getComputedStyle(e).outlineStyle}/${getComputedStyle(e).outlineWidth}`; }));
  }
  console.log(order.join('\n'));
  console.log(errors);
} finally { await app.close(); }
