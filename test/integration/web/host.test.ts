import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { startWebHost, type WebHost } from '../../../electron/web/host.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy.ts';

let host: WebHost | undefined;
let services: Services | undefined;
afterEach(async () => {
  await host?.close();
  services?.close();
  host = undefined;
  services = undefined;
});

async function start(): Promise<WebHost> {
  const staticDir = tempDir();
  writeFileSync(path.join(staticDir, 'index.html'), '<html><head><title>t</title></head><body>首页</body></html>');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tempDir(), 'secret.txt'), 'secret');
  services = await createServices({ dataDir: tempDir() });
  host = await startWebHost({ services, staticDir, token: 'a'.repeat(48) });
  return host;
}

/** A raw request, so tests can send any Host/Origin header and unnormalised paths. */
function request(h: WebHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: h.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${h.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const rpc = (h: WebHost, method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(h, {
    method: 'POST',
    path: '/api/rpc',
    headers: { 'content-type': 'application/json', 'x-rectify-token': h.token, ...headers },
    body: JSON.stringify({ method, input }),
  });

describe('浏览器测试主机（仅本机回环）', () => {
  it('只监听 127.0.0.1，页面带令牌和 CSP', async () => {
    const h = await start();
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/`);
    const page = await request(h, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="rectify-token" content="${h.token}" />`);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    // The same policy as the desktop app's app:// responses (shared/content-security-policy.ts).
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('经由 /api/rpc 调用真实服务；输入错误返回中文说明', async () => {
    const h = await start();
    const created = JSON.parse((await rpc(h, 'plans.create', { title: '经由主机新建' })).body);
    expect(created).toMatchObject({ ok: true, result: { title: '经由主机新建' } });
    const bad = JSON.parse((await rpc(h, 'plans.create', { title: '' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('方案标题不能为空') } });
    const unknown = JSON.parse((await rpc(h, 'nope.nope', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('拒绝其他 Host、其他 Origin 和缺少或错误的令牌', async () => {
    const h = await start();
    expect((await request(h, { path: '/', headers: { host: `evil.example:${h.port}` } })).status).toBe(403);
    expect((await rpc(h, 'plans.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc(h, 'plans.list', {}, { 'x-rectify-token': 'b'.repeat(48) })).status).toBe(401);
    expect((await request(h, { method: 'POST', path: '/api/rpc', body: '{}' })).status).toBe(401);
    expect((await rpc(h, 'plans.list', {}, { origin: `http://127.0.0.1:${h.port}` })).status).toBe(200);
    expect(await services?.call('plans.list', {})).toEqual([]);
  });

  it('静态文件不越出构建目录（../ 与编码形式）', async () => {
    const h = await start();
    expect((await request(h, { path: '/assets/app.js' })).body).toBe('console.log(1)');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await request(h, { path: p });
      expect(res.body, p).not.toContain('secret');
    }
  });
});
