// Smoke test: the built app loads, mounts, and logs no errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { shot, startApp, waitForApp } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('the app loads without console errors', async () => {
  const { page, errors } = await app.open('/');
  await waitForApp(page);
  await shot(page, 'smoke-loaded');
  assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
});

test('the wasm module is served as application/wasm', async () => {
  const html = await (await fetch(app.url)).text();
  // The release page is minified: attribute values may be unquoted.
  const wasmPaths = [...html.matchAll(/=["']?([^"'\s>]+\.wasm)/g)].map((m) => m[1]);
  assert.ok(wasmPaths.length > 0, 'index.html references no .wasm file');
  for (const p of wasmPaths) {
    const res = await fetch(new URL(p, app.url));
    assert.equal(res.status, 200, `${p}: HTTP ${res.status}`);
    assert.equal(res.headers.get('content-type'), 'application/wasm', p);
  }
});
