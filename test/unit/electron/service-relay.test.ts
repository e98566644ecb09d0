import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROGRESS_CHANNEL, RPC_CHANNEL, type ProgressMessage, type RpcEnvelope } from '../../../shared/api/bridge.ts';
import { SERVICE_CRASHED_MESSAGE } from '../../../electron/services/host/client.ts';
import { FakeBrowserWindow, FakeUtilityProcess, fake, invokeFrom } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { startApp } = await import('../../../electron/main/startup.ts');
const migrations = fileURLToPath(new URL('../../../electron/services/store/migrations/', import.meta.url));

let window: FakeBrowserWindow;
const rpc = (request: unknown) => invokeFrom(RPC_CHANNEL, { contents: window.webContents, frame: window.webContents.mainFrame }, request) as Promise<RpcEnvelope>;

let appPath: string;
beforeAll(async () => {
  // Not tempDir(): the app and its workbook live for the whole file, as the service process does.
  appPath = mkdtempSync(path.join(os.tmpdir(), 'rectify-app-'));
  cpSync(migrations, path.join(appPath, 'out', 'main', 'migrations'), { recursive: true });
  fake.electron.app.getAppPath.mockReturnValue(appPath);
  const started = startApp({ argv: ['electron', '.', '--data', path.join(appPath, 'data')], env: {} });
  await fake.electron.app.fireReady();
  await started.ready;
  window = FakeBrowserWindow.instances.at(-1)!;
});

afterAll(() => {
  for (const p of FakeUtilityProcess.instances) p.kill();
  rmSync(appPath, { recursive: true, force: true });
});

const measure = {
  leader: '张某', department: '办公室', cooperating: [], person: null, deadline: '长期坚持', deadlineKind: 'long_term', deadlineDate: null, status: 'not_started', statusText: null,
};

describe('主进程转发 RPC 到服务进程（utilityProcess）', () => {
  it('页面的调用经由服务进程执行，消息按结构化克隆传递', async () => {
    const service = FakeUtilityProcess.instances.at(-1)!;
    const created = await rpc({ method: 'plans.create', input: { title: '经由服务进程' } });
    expect(created).toMatchObject({ ok: true, result: { title: '经由服务进程' } });
    expect(service.received).toContainEqual(expect.objectContaining({ type: 'call', method: 'plans.create', input: { title: '经由服务进程' } }));
    expect(await rpc({ method: 'plans.get', input: { id: 'nope' } })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
  });

  it('长任务的进度事件经同一通道送到发起调用的窗口，带页面给的编号', async () => {
    const plan = (await rpc({
      method: 'plans.createFromDocument',
      input: {
        document: {
          title: '进度测试', kind: 'blank', addressee: null, preamble: [], problems: [], attachments: [], issuer: null, date: null, level3Numbering: 'restart',
          sections: [{ kind: 'measure', heading: '健全制度', body: [], style: {}, problemKeys: [], children: [], measure }],
        },
      },
    })) as { ok: true; result: { id: string } };
    const detail = (await rpc({ method: 'plans.get', input: { id: plan.result.id } })) as { ok: true; result: { outline: { id: string }[] } };
    const measureId = detail.result.outline[0]!.id;
    for (const name of ['纪要一.txt', '纪要二.txt']) {
      const attached = await rpc({ method: 'evidence.attachData', input: { measureId, originalName: name, dataBase64: Buffer.from(name).toString('base64') } });
      expect(attached.ok).toBe(true);
    }
    window.webContents.sent.length = 0;
    const verified = await rpc({ method: 'evidence.verify', input: {}, progressId: 'p7' });
    expect(verified).toMatchObject({ ok: true, result: { ok: true, checked: 2 } });
    const events = window.webContents.sent.filter((s) => s.channel === PROGRESS_CHANNEL).map((s) => s.message as ProgressMessage);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.progressId === 'p7' && e.progress.task === 'verify')).toBe(true);
    expect(events.at(-1)!.progress).toMatchObject({ done: 2, total: 2, stage: '正在校验佐证材料' });

    // Without a progress id nothing is sent to the page.
    window.webContents.sent.length = 0;
    await rpc({ method: 'evidence.verify', input: {} });
    expect(window.webContents.sent).toEqual([]);
  });

  it('服务进程崩溃：进行中的调用得到中文的可重试错误，窗口收到说明，服务自动重启，数据完好', async () => {
    const before = FakeUtilityProcess.instances.length;
    const crashed = FakeUtilityProcess.instances.at(-1)!;
    fake.electron.dialog.showMessageBox.mockClear();
    crashed.crashOnCall = { method: 'plans.list', code: 134 };
    expect(await rpc({ method: 'plans.list', input: {} })).toEqual({ ok: false, error: { code: 'io', message: SERVICE_CRASHED_MESSAGE } });
    expect(FakeUtilityProcess.instances.length).toBe(before + 1);
    await vi.waitFor(() => expect(fake.electron.dialog.showMessageBox).toHaveBeenCalled());
    const box = fake.electron.dialog.showMessageBox.mock.calls[0]!.at(-1) as unknown as { message: string; detail: string };
    expect(box.message).toBe('后台服务意外退出，已自动重新启动');
    expect(box.detail).toContain('请重试');

    const listed = (await rpc({ method: 'plans.list', input: {} })) as { ok: true; result: { title: string }[] };
    expect(listed).toMatchObject({ ok: true });
    expect(listed.result.map((p) => p.title)).toEqual(expect.arrayContaining(['经由服务进程', '进度测试']));
  });
});
