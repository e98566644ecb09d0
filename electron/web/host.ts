import { contentTypeFor } from '../../shared/content-types.ts';
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Services } from '../services/index.ts';
import { toWireError, AppError } from '../../shared/errors.ts';
import type { RpcEnvelope } from '../../shared/api/bridge.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { handleFileRoute, isFileRoute } from './file-routes.ts';

/**
 * The loopback host for the browser build and the end-to-end tests: the real renderer over the real
 * services. Binds 127.0.0.1 only, refuses foreign Host/Origin headers (DNS rebinding) and requires a
 * per-run token on every API call. Never part of the packaged app.
 */

export interface WebHostOptions {
  services: Services;
  /** The built renderer (out/renderer) */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise */
  token?: string;
  /** Largest JSON body accepted (documents to import arrive base64-encoded) */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-rectify-token';
const TOKEN_META = '<meta name="rectify-token" content="%TOKEN%" />';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticDir = path.resolve(options.staticDir);
  const indexFile = path.join(staticDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new AppError('not_found', `找不到已构建的界面：${indexFile}（请先运行 npm run build:renderer）`);
  }
  const maxBody = options.maxBodyBytes ?? 200 * 1024 * 1024;
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：主机名不正确');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：来源不正确');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/rpc') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '只接受 POST');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'text/plain; charset=utf-8', '缺少或错误的访问令牌');
      void handleRpc(req, res, options.services, maxBody);
      return;
    }
    // Files too large for JSON (evidence uploads, previews, the report and evidence package downloads)
    // stream through their own routes; each checks the token itself. See file-routes.ts.
    if (isFileRoute(url.pathname)) {
      void handleFileRoute(req, res, url, options.services, (given) => tokenMatches(given, token));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', '不支持的请求');
    serveStatic(url.pathname, res, staticDir, indexFile, token);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, services: Services, maxBody: number): Promise<void> {
  let envelope: RpcEnvelope;
  try {
    const body = await readBody(req, maxBody);
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AppError('bad_input', '请求不是有效的 JSON');
    }
    const { method, input } = (request ?? {}) as { method?: unknown; input?: unknown };
    if (typeof method !== 'string') throw new AppError('bad_input', '请求缺少 method');
    envelope = { ok: true, result: await services.callByName(method, input) };
  } catch (err) {
    envelope = { ok: false, error: toWireError(err) };
  }
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
}

function readBody(req: http.IncomingMessage, maxBody: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        reject(new AppError('bad_input', '请求内容过大'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveStatic(pathname: string, res: http.ServerResponse, staticDir: string, indexFile: string, token: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', '路径不正确');
  }
  const file = path.resolve(staticDir, '.' + path.posix.normalize('/' + decoded));
  if (file !== staticDir && !file.startsWith(staticDir + path.sep)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问');
  const target = existsSync(file) && statSync(file).isFile() ? file : indexFile;
  if (target === indexFile) {
    const html = readFileSync(indexFile, 'utf8').replace('</head>', `${TOKEN_META.replace('%TOKEN%', token)}</head>`);
    res.writeHead(200, {
      'content-type': contentTypeFor('index.html'),
      'cache-control': 'no-store',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    res.end(html);
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(target),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(target).pipe(res);
}
