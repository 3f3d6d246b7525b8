/**
 * `npm start`: builds the browser app and serves `dist/app/` on http://127.0.0.1:8080 (`PORT`
 * overrides; `PORT=0` picks a free port). A tiny static server: no directory listings, nothing
 * outside the root, and the page's Content-Security-Policy sent as a header too, because a
 * `<meta>` policy does not reach Web Workers.
 *
 *   npx tsx scripts/serve.ts [--no-build] [--root DIR]
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './build.ts';

/**
 * Generated model code is built with `new Function` (see DEVELOPERS.md, "Content-Security-Policy"),
 * hence `'unsafe-eval'`; everything else is same-origin only. Plotly injects its own <style>
 * elements, hence `'unsafe-inline'` for styles (not scripts). Keep in sync with src/ui/index.html.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface ServeOptions {
  root: string;
  port: number;
  host?: string;
}

/** Starts the static server; resolves with the server and its address once listening. */
export function startServer(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const root = resolve(options.root);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(async (req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = resolve(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return send(403, 'forbidden');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(404, 'not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(404, 'not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : options.port;
      resolvePromise({ server, url: `http://${host}:${port}/` });
    });
  });
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535 (got '${text}')`);
    process.exit(2);
  }
  return port;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const rootIdx = args.indexOf('--root');
  const port = parsePort(process.env.PORT);
  (async () => {
    let root = rootIdx >= 0 ? args[rootIdx + 1] : undefined;
    if (!args.includes('--no-build')) {
      const report = await buildApp({ outDir: root });
      root = report.outDir;
      console.log(`built ${report.outDir} in ${(report.ms / 1000).toFixed(1)} s`);
    }
    const { url } = await startServer({ root: root ?? join('dist', 'app'), port });
    console.log(`ferrosim is running at ${url}  (Ctrl+C to stop)`);
  })().catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') console.error(`port ${port} is in use; set PORT to another port, e.g. PORT=8081 npm start`);
    else console.error(`npm start failed: ${e.message ?? String(err)}`);
    process.exit(1);
  });
}
