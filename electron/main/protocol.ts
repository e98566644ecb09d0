import { contentTypeFor } from '../../shared/content-types.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The renderer is served from `app://workbook/…` instead of file://: a standard, secure origin of its
 * own, so 'self' in the CSP means exactly our bundled files and nothing else on the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/** Must run before `app.whenReady()`: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: treated like https; no bypassCSP, no CORS.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

export type ResolvedPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file inside `rootDir`, or refuses it. Any `..` segment — literal, percent-encoded
 * (%2e%2e, %2f, %5c) or with backslashes — is refused before touching the disk, and the final path must
 * still lie inside the root (this also catches drive letters and UNC paths on Windows).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): ResolvedPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.username || url.password || url.port) {
    return { ok: false, status: 404 };
  }
  // The raw path is checked too: a URL parser may already have folded "/a/../../x" into "/x".
  const raw = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '').split(/[?#]/)[0] ?? '';
  let decoded: string;
  let decodedRaw: string;
  try {
    decoded = decodeURIComponent(url.pathname);
    decodedRaw = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decodedRaw.includes('\0')) return { ok: false, status: 400 };
  for (const candidate of [decoded, decodedRaw]) {
    if (candidate.split(/[\\/]+/).some((segment) => segment === '..')) return { ok: false, status: 403 };
  }
  if (decoded.includes('\\') || /^\/*[a-zA-Z]:/.test(decoded)) return { ok: false, status: 403 };
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return { ok: false, status: 403 };
  return { ok: true, file };
}

export { contentTypeFor };

const STATUS_TEXT: Record<number, string> = {
  400: '请求地址无效',
  403: '禁止访问',
  404: '未找到文件',
  405: '不支持的请求方式',
};

function errorResponse(status: number): Response {
  return new Response(STATUS_TEXT[status] ?? '错误', {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export type FileReader = (file: string) => Promise<Uint8Array>;

/** The app:// handler: bundled files only, each response carrying the CSP. */
export function createAppProtocolHandler(rootDir: string, read: FileReader = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    const resolved = resolveAppPath(rootDir, request.url);
    if (!resolved.ok) return errorResponse(resolved.status);
    let body: Uint8Array;
    try {
      body = await read(resolved.file);
    } catch {
      // Missing file or a directory: nothing to serve.
      return errorResponse(404);
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(resolved.file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Serves the renderer on app:// and refuses file:// outright (checklist item 18). */
export function installAppProtocol(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  ses.protocol.handle('file', () => Promise.resolve(errorResponse(403)));
}
