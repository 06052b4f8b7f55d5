// Benchmark (not a test): how long the data-store page takes to step one tick of each
// system's preset at N nodes, from the click to the next painted frame (the engine's tick,
// the frame recorded, the page rendered).
//
//   node tests/e2e/stores-tick-probe.mjs [N=1000] [TICKS=20] [AT=200]
//
// Prints each system's tick times, their median, 95th percentile and maximum. Needs dist/
// (scripts/build.sh).
import { startApp, stepMs, waitForApp } from './harness.mjs';

const n = Number(process.argv[2] ?? 1000);
const ticks = Number(process.argv[3] ?? 20);
// Opened 20 s in: past Redis's node_timeout/2, when every link has been pinged again.
const at = Number(process.argv[4] ?? 200);
const app = await startApp();
try {
  for (const system of ['cassandra', 'redis-cluster', 'dynamo']) {
    const nodes = n;
    const { page, errors } = await app.open(`/stores.html#system=${system}&n=${nodes}&seed=1&at=${at}`);
    const t0 = Date.now();
    // Opening replays every tick up to AT: at N = 1,000 that takes a while.
    await waitForApp(page, { timeout: 300_000 });
    const opened = Date.now() - t0;
    await page.evaluate(() => { window.__storeRender = []; window.__gossipPaint = []; });
    const times = [];
    for (let i = 0; i < ticks; i++) {
      times.push(await stepMs(page, '[data-testid=next-tick]'));
    }
    const quantile = (a, q) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) * q)] : NaN; };
    const med = (a) => quantile(a, 0.5);
    const probes = await page.evaluate(() => ({ render: window.__storeRender, paint: window.__gossipPaint }));
    console.log(`${system} N = ${nodes}: opened in ${opened} ms; ticks (ms) ${times.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`  median ${med(times).toFixed(1)} ms a tick, p95 ${quantile(times, 0.95).toFixed(1)}, max ${Math.max(...times).toFixed(1)} (page render ${med(probes.render).toFixed(1)} ms, canvas paint ${med(probes.paint).toFixed(1)} ms)${errors.length ? ` errors: ${errors.join('; ')}` : ''}`);
  }
} finally {
  await app.close();
}
