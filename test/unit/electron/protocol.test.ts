import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  resolveAppPath,
} = await import('../../../electron/main/protocol.ts');

const SECRET = 'TOP-SECRET-WORKBOOK-CONTENT';
const base = mkdtempSync(path.join(os.tmpdir(), 'rectify-protocol-'));
const root = path.join(base, 'renderer');

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>整改方案工作台</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  // Beside the renderer folder, like the user's database beside the app: must never be served.
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
  writeFileSync(path.join(base, 'renderer-evil.txt'), SECRET);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function get(url: string, method = 'GET'): Promise<Response> {
  // Request only accepts fetchable schemes; the handler reads only method and url.
  return createAppProtocolHandler(root)({ url, method } as Request);
}

describe('app:// scheme registration', () => {
  it('registers app as standard and secure before ready, without bypassing CSP', () => {
    registerAppScheme();
    const call = fake.electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0] as { scheme: string; privileges: Record<string, boolean> }[];
    expect(call).toHaveLength(1);
    expect(call[0]!.scheme).toBe('app');
    expect(call[0]!.privileges.standard).toBe(true);
    expect(call[0]!.privileges.secure).toBe(true);
    expect(call[0]!.privileges.bypassCSP).toBeFalsy();
    expect(call[0]!.privileges.corsEnabled).toBeFalsy();
  });

  it('serves the renderer on app:// and refuses every file:// request', async () => {
    installAppProtocol(fake.electron.session.defaultSession as never, root);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    const app = await fake.protocolHandlers.get('app')!({ url: APP_ENTRY_URL, method: 'GET' } as Request);
    expect(app.status).toBe(200);
    const file = await fake.protocolHandlers.get('file')!({ url: `file://${path.join(base, 'secret.txt')}`, method: 'GET' } as Request);
    expect(file.status).toBe(403);
    expect(await file.text()).not.toContain(SECRET);
  });
});

describe('serving files', () => {
  it('serves index.html with the strict CSP header', async () => {
    const res = await get('app://workbook/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('整改方案工作台');
  });

  it('serves / as index.html and assets with their types', async () => {
    expect((await get('app://workbook/')).status).toBe(200);
    const js = await get('app://workbook/assets/app.js?v=1#x');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://workbook/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files, folders and other hosts', async () => {
    expect((await get('app://workbook/nope.js')).status).toBe(404);
    expect((await get('app://workbook/assets')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://workbook.evil/index.html')).status).toBe(404);
    expect((await get('app://user:pw@workbook/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET/HEAD', async () => {
    expect((await get('app://workbook/index.html', 'POST')).status).toBe(405);
    const head = await get('app://workbook/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('error responses carry the CSP too', async () => {
    expect((await get('app://workbook/nope.js')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('path-traversal guard', () => {
  const attacks = [
    'app://workbook/../secret.txt',
    'app://workbook/assets/../../secret.txt',
    'app://workbook/%2e%2e/secret.txt',
    'app://workbook/%2E%2E/secret.txt',
    'app://workbook/..%2fsecret.txt',
    'app://workbook/..%2Fsecret.txt',
    'app://workbook/%2e%2e%2fsecret.txt',
    'app://workbook/..%5csecret.txt',
    'app://workbook/..\\secret.txt',
    'app://workbook/assets%2f..%2f..%2fsecret.txt',
    'app://workbook/%2e./secret.txt',
    'app://workbook/.%2e/secret.txt',
    `app://workbook/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://workbook/C:%5cWindows%5cwin.ini',
    'app://workbook/%5c%5cserver%5cshare%5cx',
  ];

  for (const url of attacks) {
    it(`refuses ${url}`, async () => {
      const res = await get(url);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain(SECRET);
    });
  }

  it('reports traversal as 403 before touching the disk', () => {
    expect(resolveAppPath(root, 'app://workbook/..%2fsecret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'app://workbook/%2e%2e/secret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'app://workbook/../secret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'app://workbook/..%5csecret.txt')).toEqual({ ok: false, status: 403 });
  });

  it('does not let a sibling folder with the same prefix through', () => {
    // "renderer-evil.txt" starts with the root's name: a naive startsWith(root) check would pass it.
    const r = resolveAppPath(root, 'app://workbook/..%2frenderer-evil.txt');
    expect(r.ok).toBe(false);
  });

  it('rejects NUL bytes and broken percent-encoding as bad requests', () => {
    expect(resolveAppPath(root, 'app://workbook/index.html%00.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://workbook/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('maps ordinary paths inside the root', () => {
    expect(resolveAppPath(root, 'app://workbook/assets/app.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
    expect(resolveAppPath(root, 'app://workbook/%E6%95%B4%E6%94%B9.png')).toEqual({ ok: true, file: path.join(root, '整改.png') });
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')] as const;
    }),
  );

  it('is strict: own scripts only, no eval, no plugins, no framing, no base rewriting', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
