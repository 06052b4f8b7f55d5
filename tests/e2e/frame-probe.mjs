// Frame-time probe (a benchmark, not a test): loads the release build in headless Chromium,
// plays complete-graph rumor mongering at N = 1,000 and N = 10,000, and reports the median and
// p95 frame intervals while the animation runs, the time spent painting each frame, the
// time of each engine step(), and the main-thread tasks over 50 ms (Long Tasks API).
// Then steps 10,000 rounds at N = 1,000 and reports the JS heap and wasm memory.
//
//   node tests/e2e/frame-probe.mjs [--seconds S] [--json]
//
// Frame intervals come from requestAnimationFrame inside the app (window.__gossipFrames), step
// times from around Timeline::step (window.__gossipSteps); both arrays exist only when this
// probe defines them. Headless Chromium without a GPU paints in software: treat the figures as
// an upper bound for a real browser.
import { startApp, waitForApp } from './harness.mjs';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 8;
const asJson = args.includes('--json');

const q = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

const app = await startApp();
const results = {};
try {
  // (nodes, speed slider position): 100 = 20 rounds/s, the fastest; 47 = 2 rounds/s, the default.
  for (const [n, slider] of [[1000, 100], [1000, 47], [10000, 100], [10000, 47]]) {
    const { page, context } = await app.open('/', { viewport: { width: 1280, height: 800 } });
    await page.evaluate(() => { window.__gossipFrames = null; window.__gossipSteps = null; window.__gossipPaint = null; });
    await waitForApp(page);
    await page.fill('[data-testid=field-nodes]', String(n));
    await page.fill('[data-testid=field-k]', '4');
    await page.click('[data-testid=apply]');
    await page.waitForFunction(() => document.querySelector('[data-testid=counts]')?.textContent.includes('unaware'));
    await page.locator('[data-testid=speed]').fill(String(slider));
    const speed = await page.textContent('[data-testid=speed-value]');
    await page.evaluate(() => {
      window.__gossipFrames = []; window.__gossipSteps = []; window.__gossipPaint = [];
      // Main-thread tasks over 50 ms while playing (the Long Tasks API).
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.locator('[data-testid=graph]').focus();
    await page.click('[data-testid=play]');
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      await page.waitForTimeout(250);
      const playing = await page.getAttribute('[data-testid=play]', 'aria-pressed');
      if (playing !== 'true') {
        // The rumor died out and the app paused: start a new one and play on.
        await page.locator('[data-testid=graph]').focus();
        await page.keyboard.press('i');
        await page.click('[data-testid=play]');
      }
    }
    await page.click('[data-testid=play]');
    const { frames, steps, paint, long } = await page.evaluate(() => ({ frames: window.__gossipFrames, steps: window.__gossipSteps, paint: window.__gossipPaint, long: window.__longTasks }));
    results[`N=${n} at ${speed}`] = {
      frames: frames.length,
      frame_median_ms: q(frames, 0.5),
      frame_p95_ms: q(frames, 0.95),
      paint_median_ms: q(paint, 0.5),
      paint_p95_ms: q(paint, 0.95),
      steps: steps.length,
      step_median_ms: q(steps, 0.5),
      step_p95_ms: q(steps, 0.95),
      step_max_ms: Math.max(...steps),
      long_tasks: long.length,
      long_task_max_ms: long.length ? Math.max(...long) : 0,
    };
    await context.close();
  }

  // Memory: 10,000 rounds at N = 1,000.
  const { page, context } = await app.open('/', { viewport: { width: 1280, height: 800 } });
  await waitForApp(page);
  await page.fill('[data-testid=field-nodes]', '1000');
  await page.click('[data-testid=apply]');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await cdp.send('Performance.getMetrics');
    const used = m.metrics.find((x) => x.name === 'JSHeapUsedSize').value;
    return { js_heap_mb: used / 1e6 };
  };
  const memory = [];
  await page.locator('[data-testid=graph]').focus();
  for (let done = 0; done < 10000; done += 1000) {
    await page.evaluate(async () => {
      for (let i = 0; i < 1000; i++) {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
      }
    });
    const round = await page.textContent('[data-testid=round]');
    const h = await heap();
    const wasmBytes = await page.evaluate(() => window.wasmBindings?.wasm_memory_bytes?.() ?? null);
    memory.push({ round, js_heap_mb: Number(h.js_heap_mb.toFixed(2)), wasm_memory_mb: wasmBytes && Number((wasmBytes / 1e6).toFixed(2)) });
  }
  results.memory_10000_rounds_n1000 = memory;
  await context.close();
} finally {
  await app.close();
}

if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const [k, v] of Object.entries(results)) {
    if (k.startsWith('N=')) {
      console.log(`${k}: frames ${v.frames}, frame interval median ${fmt(v.frame_median_ms)} ms, p95 ${fmt(v.frame_p95_ms)} ms; ` +
        `paint median ${fmt(v.paint_median_ms)} ms, p95 ${fmt(v.paint_p95_ms)} ms; ` +
        `steps ${v.steps}, step median ${fmt(v.step_median_ms)} ms, p95 ${fmt(v.step_p95_ms)} ms, max ${fmt(v.step_max_ms)} ms; ` +
        `main-thread tasks over 50 ms: ${v.long_tasks}${v.long_tasks ? ` (longest ${fmt(v.long_task_max_ms)} ms)` : ''}`);
    }
  }
  console.log('memory while stepping 10,000 rounds at N = 1,000:');
  for (const m of results.memory_10000_rounds_n1000) console.log(`  ${m.round}: JS heap ${m.js_heap_mb} MB, wasm memory ${m.wasm_memory_mb} MB`);
}
