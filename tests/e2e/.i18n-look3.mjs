import { startApp, waitForApp } from './harness.mjs';
const app = await startApp();
try {
  const { page, errors } = await app.open('/', { viewport: { width: 1024, height: 720 } });
  await waitForApp(page);
  await page.screenshot({ path: '/tmp/i18n/en-1024.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  for (let i = 0; i < 4; i++) await page.click('[data-testid=step]');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: '/tmp/i18n/en-1280.png' });
  console.log(errors);
} finally { await app.close(); }
