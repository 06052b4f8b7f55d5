import { startApp, waitForApp } from './harness.mjs';
const app = await startApp();
try {
  const { page, errors } = await app.open('/', { viewport: { width: 1280, height: 720 } });
  await waitForApp(page);
  await page.selectOption('[data-testid=lang]', 'zh-CN');
  await page.click('[data-testid=intro-toggle]');
  for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
  await page.click('[data-testid=inject]');
  await page.waitForTimeout(800);
  await page.evaluate(() => { const s = document.querySelector('.side'); s.scrollTop = s.scrollHeight; });
  await page.screenshot({ path: '/tmp/i18n/zh-inspector.png' });
  await page.selectOption('[data-testid=field-protocol]', 'membership');
  await page.click('[data-testid=apply]');
  await page.click('[data-testid=kill]');
  for (let i = 0; i < 8; i++) await page.click('[data-testid=step]');
  await page.waitForTimeout(800);
  await page.evaluate(() => { const s = document.querySelector('.side'); s.scrollTop = 0; });
  await page.screenshot({ path: '/tmp/i18n/zh-membership.png' });
  await page.setViewportSize({ width: 1024, height: 720 });
  await page.selectOption('[data-testid=field-protocol]', 'hybrid');
  await page.selectOption('[data-testid=field-topology]', 'watts-strogatz');
  await page.click('[data-testid=apply]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/i18n/zh-1024.png', fullPage: true });
  console.log(errors);
} finally { await app.close(); }
