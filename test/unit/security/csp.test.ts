import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy.ts';
import viteConfig from '../../../vite.config.ts';

vi.mock('electron', async () => (await import('../electron/fake-electron.ts')).electron);
const protocol = await import('../../../electron/main/protocol.ts');

const indexHtml = readFileSync(fileURLToPath(new URL('../../../renderer/index.html', import.meta.url)), 'utf8');

describe('一处定义的内容安全策略（CSP）', () => {
  it('页面模板只留占位符，不再自带一份策略', () => {
    expect(indexHtml).toContain(`content="${CSP_PLACEHOLDER}"`);
    expect(indexHtml).not.toContain("default-src");
  });

  it('构建界面时把占位符换成同一份策略（meta 中去掉浏览器会忽略的 frame-ancestors）', () => {
    const plugins = (viteConfig as { plugins: Plugin[] }).plugins.flat() as Plugin[];
    const csp = plugins.find((p) => p?.name === 'rectify-csp');
    expect(csp).toBeDefined();
    const transform = csp!.transformIndexHtml as (html: string) => string;
    const built = transform(indexHtml);
    expect(built).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    expect(built).not.toContain(CSP_PLACEHOLDER);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    // Everything else is the header policy, directive for directive.
    expect(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'))).toEqual(META_CONTENT_SECURITY_POLICY.split('; '));
  });

  it('app:// 协议用的正是这一份（浏览器测试主机见 test/integration/web/host.test.ts）', async () => {
    const page = await protocol.createAppProtocolHandler('/nonexistent', async () => new Uint8Array())(new Request('app://workbook/index.html'));
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
  });
});
