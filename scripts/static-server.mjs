#!/usr/bin/env node
// A small static file server for Trunk's dist/ (no dependencies, loopback only).
//
//   node scripts/static-server.mjs [DIR] [--port N]      (defaults: dist/, $PORT or 8080)
//
// `.wasm` is served as application/wasm (needed for WebAssembly.instantiateStreaming). `/` and
// directories serve their index.html; anything outside DIR is refused. Port 0 picks a free port.
// Also imported by the end-to-end tests (tests/e2e/harness.mjs): see startStaticServer().

import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const HOST = '127.0.0.1';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function sendText(res, status, text, extraHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** True if `child` is `parent` or inside it (both absolute, normalized). */
function isInside(parent, child) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves a request path to a regular file inside `root` (a real, absolute path), or returns
 * null (not found) / 'forbidden' / 'bad'.
 */
async function resolveFile(root, rawUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  } catch {
    return 'bad';
  }
  if (pathname.includes('\0')) return 'bad';

  // Join as a relative path: a leading "/" or "C:" can never make it absolute.
  const relative = path.normalize(pathname).replace(/^([/\\])+/, '');
  let candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return 'forbidden';

  let info;
  try {
    info = await stat(candidate);
    if (info.isDirectory()) {
      // "/sub" -> "/sub/", so that relative URLs in sub/index.html resolve as expected.
      if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
      candidate = path.join(candidate, 'index.html');
      info = await stat(candidate);
    }
  } catch {
    return null;
  }
  if (!info.isFile()) return null;

  // Symlinks must not lead out of the root either.
  const real = await realpath(candidate).catch(() => null);
  if (real === null) return null;
  if (!isInside(root, real)) return 'forbidden';
  return { file: real, size: info.size };
}

const COMPRESSIBLE = /\.(html?|m?js|css|wasm|svg|json|txt|map)$/i;
const gzipCache = new Map();

/** The gzip (level 9) of a found file, cached while its size and modification time hold. */
async function gzipped(found) {
  const info = await stat(found.file);
  const key = `${found.file}:${info.size}:${info.mtimeMs}`;
  let body = gzipCache.get(key);
  if (!body) {
    body = gzipSync(await readFile(found.file), { level: 9 });
    gzipCache.set(key, body);
  }
  return body;
}

/** Creates (does not start) an http.Server serving the files under `rootDir`. */
export async function createStaticServer(rootDir, { log = false } = {}) {
  const root = await realpath(path.resolve(rootDir));
  const server = http.createServer(async (req, res) => {
    const done = (status) => {
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
        return done(405);
      }
      const found = await resolveFile(root, req.url ?? '/');
      if (found === 'bad') {
        sendText(res, 400, 'Bad Request\n');
        return done(400);
      }
      if (found === 'forbidden') {
        sendText(res, 403, 'Forbidden\n');
        return done(403);
      }
      if (found === null) {
        sendText(res, 404, 'Not Found\n');
        return done(404);
      }
      if (found.redirect) {
        const query = new URL(req.url ?? '/', 'http://localhost').search;
        sendText(res, 301, 'Moved Permanently\n', { Location: encodeURI(found.redirect) + query });
        return done(301);
      }
      // Text and wasm go gzip-compressed when the browser accepts it, as static hosts (nginx,
      // GitHub Pages, a CDN) send them: the first-frame benchmark then downloads what a visitor
      // downloads. Compressed once per file version (the cache key holds size and mtime).
      if (COMPRESSIBLE.test(found.file) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const body = await gzipped(found);
        res.writeHead(200, {
          'Content-Type': contentType(found.file),
          'Content-Encoding': 'gzip',
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          'Vary': 'Accept-Encoding',
          'X-Content-Type-Options': 'nosniff',
        });
        done(200);
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, {
        'Content-Type': contentType(found.file),
        'Content-Length': found.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      done(200);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(found.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
      console.error(`static-server: ${req.method} ${req.url}: ${err?.stack ?? err}`);
    }
  });
  return server;
}

/**
 * Starts serving `root` on 127.0.0.1:`port` (0 = a free port).
 * Resolves to { server, port, url, close() }; `url` ends with "/".
 */
export async function startStaticServer({ root, port = 0, log = false } = {}) {
  if (!root) throw new Error('startStaticServer: root is required');
  const server = await createStaticServer(root, { log });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    server,
    port: actualPort,
    url: `http://${HOST}:${actualPort}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function parseArgs(argv) {
  const opts = { root: null, port: process.env.PORT ?? '8080', log: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') opts.port = argv[++i];
    else if (arg.startsWith('--port=')) opts.port = arg.slice('--port='.length);
    else if (arg === '--quiet' || arg === '-q') opts.log = false;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else if (!arg.startsWith('-') && opts.root === null) opts.root = arg;
    else throw new Error(`unknown argument: ${arg}`);
  }
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port: ${opts.port}`);
  }
  opts.port = port;
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`static-server: ${err.message}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log('usage: node scripts/static-server.mjs [DIR=dist] [--port N=$PORT|8080] [--quiet]');
    return;
  }
  const scriptDir = path.dirname(fileURLToPath(import.meta.url));
  const root = opts.root ?? path.join(scriptDir, '..', 'dist');
  let started;
  try {
    started = await startStaticServer({ root, port: opts.port, log: opts.log });
  } catch (err) {
    if (err.code === 'EADDRINUSE') {
      console.error(`static-server: port ${opts.port} is in use (set PORT=... to use another)`);
    } else if (err.code === 'ENOENT') {
      console.error(`static-server: no such directory: ${root} (run trunk build first?)`);
    } else {
      console.error(`static-server: ${err.message}`);
    }
    process.exit(1);
  }
  console.log(`Serving ${path.relative(process.cwd(), root) || '.'} at ${started.url} (Ctrl-C to stop)`);
  const stop = () => started.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  (await realpath(process.argv[1]).catch(() => process.argv[1])) === fileURLToPath(import.meta.url);
if (invokedDirectly) await main();
