// Benchmark (not a test): how long the real-systems page takes to step one SWIM probe period
// (10 ticks of the Consul LAN preset) at N members, from the click to the next painted frame.
//
//   node tests/e2e/swim-period-probe.mjs [N=2000] [PERIODS=10]
//
// Prints each period's milliseconds and their median. Needs dist/ (scripts/build.sh).
import { startApp, stepMs, waitForApp } from './harness.mjs';

const n = Number(process.argv[2] ?? 2000);
const periods = Number(process.argv[3] ?? 10);
const app = await startApp();
try {
  const { page } = await app.open('/systems.html');
  await waitForApp(page);
  await page.fill('[data-testid="field-Members N"]', String(n));
  await page.dispatchEvent('[data-testid="field-Members N"]', 'change');
  const t0 = Date.now();
  await page.click('[data-testid=apply]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=member-list]').length === 0 && document.querySelector('[data-testid="field-Members N"]').value === String(n), n);
  console.log(`opened N = ${n} in ${Date.now() - t0} ms`);
  await page.evaluate(() => { window.__swimSeek = []; window.__swimRender = []; window.__gossipPaint = []; });
  const times = [];
  for (let i = 0; i < periods; i++) {
    const ms = await stepMs(page, '[data-testid=next-period]');
    times.push(ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`periods (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)].toFixed(1) : '-'; };
  const probes = await page.evaluate(() => ({ seek: window.__swimSeek, render: window.__swimRender, paint: window.__gossipPaint }));
  console.log(`medians: engine seek ${med(probes.seek)} ms, page render ${med(probes.render)} ms, canvas paint ${med(probes.paint)} ms (${probes.paint.length} paints)`);
  console.log(`median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms per probe period at N = ${n}`);
} finally {
  await app.close();
}
