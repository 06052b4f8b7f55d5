// Benchmark (not a test): how long the data-store page takes to step one tick of each
// system's preset at N nodes, from the click to the next painted frame (the engine's tick,
// the frame recorded, the page rendered).
//
//   node tests/e2e/stores-tick-probe.mjs [N=1000] [TICKS=20] [AT=200]
//
// Prints each system's tick times and their median. Needs dist/ (scripts/build.sh).
import { startApp, stepMs, waitForApp } from './harness.mjs';

const n = Number(process.argv[2] ?? 1000);
const ticks = Number(process.argv[3] ?? 20);
// Opened 20 s in: past Redis's node_timeout/2, when every node pings every other.
const at = Number(process.argv[4] ?? 200);
const app = await startApp();
try {
  for (const system of ['cassandra', 'redis-cluster', 'dynamo']) {
    // Redis's page cap is 300 nodes (src/stores/scenario.rs, MAX_REDIS_PAGE_NODES).
    const nodes = system === 'redis-cluster' ? Math.min(n, 300) : n;
    const { page, errors } = await app.open(`/stores.html#system=${system}&n=${nodes}&seed=1&at=${at}`);
    const t0 = Date.now();
    await waitForApp(page);
    const opened = Date.now() - t0;
    await page.evaluate(() => { window.__storeRender = []; window.__gossipPaint = []; });
    const times = [];
    for (let i = 0; i < ticks; i++) {
      times.push(await stepMs(page, '[data-testid=next-tick]'));
    }
    const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
    const probes = await page.evaluate(() => ({ render: window.__storeRender, paint: window.__gossipPaint }));
    console.log(`${system} N = ${nodes}: opened in ${opened} ms; ticks (ms) ${times.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`  median ${med(times).toFixed(1)} ms a tick (page render ${med(probes.render).toFixed(1)} ms, canvas paint ${med(probes.paint).toFixed(1)} ms)${errors.length ? ` errors: ${errors.join('; ')}` : ''}`);
  }
} finally {
  await app.close();
}
