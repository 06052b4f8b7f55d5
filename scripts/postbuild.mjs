// Trunk post-build hook: make the bundle work under a strict Content-Security-Policy.
//
// Trunk inlines its start-up module into index.html; a CSP that allows only the page's own
// files (script-src 'self' 'wasm-unsafe-eval') forbids inline scripts. This moves that module
// into its own file, and adds the policy itself as a <meta> so the playground enforces it
// wherever it is hosted. Runs on $TRUNK_STAGING_DIR (or the directory given as argument).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// Trunk may minify index.html (`--minify`), which drops the attribute quotes.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = inline.exec(html);
if (m) {
  const code = m[1].trim() + '\n';
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(path.join(dir, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

if (!html.includes('Content-Security-Policy')) {
  html = html.replace(/<meta charset="?utf-8"?\s*\/?>/i, (meta) => `${meta}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('postbuild: an inline <script> is still in index.html');
  process.exit(1);
}
writeFileSync(indexPath, html);
console.log(`postbuild: ${indexPath} has no inline script; CSP added`);
