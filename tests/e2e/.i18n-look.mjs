// Scratch: look at the app in Chinese (not a test; deleted afterwards).
import { startApp, waitForApp } from './harness.mjs';
const app = await startApp();
try {
  for (const scheme of ['light', 'dark']) {
    const { page, errors } = await app.open('/', { viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    await waitForApp(page);
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    for (let i = 0; i < 4; i++) await page.click('[data-testid=step]');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `/tmp/i18n/zh-${scheme}.png` });
    await page.fill('[data-testid=field-nodes]', '99999');
    await page.click('[data-testid=apply]');
    await page.click('[data-testid=kill]');
    await page.keyboard.press('k');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/i18n/zh-${scheme}-error.png` });
    await page.click('[data-testid=help-toggle]');
    await page.waitForSelector('[data-testid=help]');
    await page.screenshot({ path: `/tmp/i18n/zh-${scheme}-help.png` });
    await page.keyboard.press('Escape');
    console.log(scheme, 'help after Esc:', await page.locator('[data-testid=help]').count(), 'focus:', await page.evaluate(() => document.activeElement?.dataset.testid));
    console.log(scheme, errors);
  }
} finally { await app.close(); }
