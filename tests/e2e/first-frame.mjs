// First-frame benchmark (a benchmark, not a test): loads the release build (dist/) cold in
// headless Chromium, with an empty cache each time, and measures the time from navigation start
// until the graph's first frame is drawn, i.e. the first animation frame in which the graph's
// <canvas> holds a painted pixel. Reports the median of several loads, throttled through the
// DevTools protocol (10 Mbit/s down, 40 ms round trip, as issue #9 asks) and unthrottled.
//
//   node tests/e2e/first-frame.mjs [--loads 5] [--json]
//
// The detector is injected before any page script runs and needs nothing from the app but the
// canvas (data-testid="graph"), so any two builds are measured the same way (E2E_DIST=DIR).
// Each sample also gives the download size seen by the browser and when the wasm arrived.
import { startApp } from './harness.mjs';

const args = process.argv.slice(2);
const loads = Number(args[args.indexOf('--loads') + 1]) || 5;
const asJson = args.includes('--json');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs in the page before its own scripts: watches the canvas once per animation frame. */
function detector() {
  const probe = document.createElement('canvas');
  probe.width = 32;
  probe.height = 32;
  const pctx = probe.getContext('2d', { willReadFrequently: true });
  const tick = () => {
    const c = document.querySelector('canvas[data-testid=graph]');
    if (c && c.width > 0 && c.height > 0) {
      pctx.clearRect(0, 0, 32, 32);
      pctx.drawImage(c, 0, 0, 32, 32);
      const px = pctx.getImageData(0, 0, 32, 32).data;
      for (let i = 3; i < px.length; i += 4) {
        if (px[i] !== 0) {
          window.__firstFrame = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const CONDITIONS = {
  throttled: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 },
  unthrottled: null,
};

const app = await startApp();
const results = {};
try {
  for (const [name, conditions] of Object.entries(CONDITIONS)) {
    const samples = [];
    // One load first to warm the server and Chromium's own start-up, not counted.
    for (let i = 0; i <= loads; i++) {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
      await page.addInitScript(detector);
      await page.goto(app.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 60_000 });
      const t = await page.evaluate(() => ({
        first_frame_ms: window.__firstFrame,
        wasm_ms: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.responseEnd ?? NaN,
      }));
      if (i > 0) samples.push({ ...t, bytes });
      await context.close();
    }
    results[name] = {
      loads: samples.length,
      first_frame_median_ms: median(samples.map((s) => s.first_frame_ms)),
      first_frame_ms: samples.map((s) => Math.round(s.first_frame_ms)),
      wasm_arrived_median_ms: median(samples.map((s) => s.wasm_ms)),
      transferred_bytes: median(samples.map((s) => s.bytes)),
    };
  }
} finally {
  await app.close();
}

if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(12)} first frame median ${r.first_frame_median_ms.toFixed(0)} ms ` +
        `(loads: ${r.first_frame_ms.join(', ')} ms); wasm arrived at ${r.wasm_arrived_median_ms.toFixed(0)} ms; ` +
        `${(r.transferred_bytes / 1000).toFixed(1)} KB transferred`,
    );
  }
}
