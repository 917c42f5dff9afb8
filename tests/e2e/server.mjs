// A tiny static file server for the browser tests and the load benchmark.
//
// It serves a dist folder under a sub-path (such as /bastion/) with no rewrite rules, the way a
// plain static host would, gzips compressible responses when the client accepts it, and counts
// the bytes it sends so the benchmark can report the transfer size.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Content types by file extension; `.wasm` must be application/wasm for streaming compilation. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'application/yaml',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt', '.yaml']);

/**
 * Starts serving `root` under `prefix` on 127.0.0.1 and an ephemeral port.
 * Resolves to { url, port, stats, close } where `url` is the app's address and
 * `stats` counts requests and body bytes sent (reset with stats.reset()).
 */
export async function serveDist(root, { prefix = '/bastion/', gzip = true } = {}) {
  const base = resolve(root);
  const stats = {
    requests: [],
    bytes: 0,
    reset() {
      this.requests = [];
      this.bytes = 0;
    },
  };
  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(body);
      stats.bytes += body.length;
      stats.requests.push({ url: req.url, status, bytes: body.length });
    };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) return send(404, Buffer.from('not found'));
      let rel = path.slice(prefix.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(base, rel));
      if (file !== base && !file.startsWith(base + sep)) return send(403, Buffer.from('forbidden'));
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return send(404, Buffer.from('not found'));
      let body = await readFile(file);
      const ext = extname(file);
      const headers = { 'content-type': MIME[ext] ?? 'application/octet-stream' };
      if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      send(200, body, headers);
    } catch (err) {
      send(500, Buffer.from(String(err)));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    stats,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(ok);
      }),
  };
}

/** The dist folder under test: $BASTION_DIST or the repository's dist/. */
export function distDir() {
  return process.env.BASTION_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
}
