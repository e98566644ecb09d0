import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/index.ts';
import { closeBrowser, startApp } from './harness.ts';

afterAll(closeBrowser);

describe('地址（#/plan/…）与页面（浏览器端到端）', () => {
  it('页面刚显示、路由还没开始监听时就换了地址：照样打开方案，不会停在方案列表', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-route-'));
    const services = await createServices({ dataDir });
    const plan = await services.call('plans.create', { title: '刚加载就打开的方案' });
    services.close();
    // The moment the router subscribes to hashchange, the address changes without an event: exactly a
    // navigation that lands between the first render and the subscription (what made the plan page's
    // tabs wait 30 s now and then when a test opened a plan right after the page loaded).
    const initScript = `(() => {
      const add = window.addEventListener;
      let done = false;
      window.addEventListener = function (type, listener, options) {
        if (type === 'hashchange' && !done) {
          done = true;
          history.replaceState(null, '', '#/plan/${encodeURIComponent(plan.id)}');
        }
        return add.call(this, type, listener, options);
      };
    })();`;
    const app = await startApp({ dataDir, initScript });
    try {
      await app.page.getByRole('tab', { name: '整改跟踪' }).waitFor();
      expect(await app.page.getByRole('tab', { name: '编辑' }).count()).toBe(1);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
