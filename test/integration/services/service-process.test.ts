import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceClient, SERVICE_CRASHED_MESSAGE, type ServiceClient, type ServiceCrash } from '../../../electron/services/host/client.ts';
import { forkNodeService } from '../../../electron/services/host/node-spawn.ts';
import type { FromService } from '../../../electron/services/host/messages.ts';
import type { TaskProgress } from '../../../shared/api/task-progress.ts';
import { nodeTsArgs } from '../../helpers/node-ts.ts';
import { tempDir } from '../../helpers/temp.ts';

/** The service process for real: its source entry in a plain Node child, as the app runs its bundle in a utility process. */
const entry = fileURLToPath(new URL('../../../electron/services/host/service-process.ts', import.meta.url));
const fixture = fileURLToPath(new URL('../../fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', import.meta.url));

const clients: ServiceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function start(dataDir: string, crashes: ServiceCrash[] = []): { client: ServiceClient; children: ReturnType<typeof forkNodeService>[] } {
  const children: ReturnType<typeof forkNodeService>[] = [];
  const client = createServiceClient({
    spawn: () => {
      const child = forkNodeService(entry, nodeTsArgs());
      children.push(child);
      return child;
    },
    init: { dataDir },
    onCrash: (crash) => crashes.push(crash),
  });
  clients.push(client);
  return { client, children };
}

describe('服务进程（真实的 Node 子进程）', () => {
  it('经由同一份类型化契约调用；识别文件时送出进度', async () => {
    const dataDir = tempDir();
    const { client } = start(dataDir);
    await client.ready();
    const created = (await client.callByName('plans.create', { title: '子进程中新建' })) as { id: string };
    expect(await client.callByName('plans.list', {})).toEqual([expect.objectContaining({ id: created.id, title: '子进程中新建' })]);
    await expect(client.callByName('plans.create', { title: '' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('方案标题不能为空') });

    const progress: TaskProgress[] = [];
    const preview = (await client.callByName(
      'import.parseFile',
      { fileName: '民主生活会整改方案.txt', dataBase64: readFileSync(fixture).toString('base64') },
      { onProgress: (p) => progress.push(p) },
    )) as { counts: { measures: number } };
    expect(preview.counts.measures).toBeGreaterThan(0);
    expect(progress.map((p) => p.task)).toEqual(['import', 'import']);
    expect(progress[0]!.stage).toContain('民主生活会整改方案.txt');
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });
  });

  it('被强行结束（kill -9）：进行中的调用得到中文的可重试错误，服务重启，已保存的数据都在', async () => {
    const dataDir = tempDir();
    const crashes: ServiceCrash[] = [];
    const { client, children } = start(dataDir, crashes);
    const kept = (await client.callByName('plans.create', { title: '崩溃前保存的方案' })) as { id: string };
    // A long recognition (about a megabyte of text): killed as soon as it has started.
    const long = Array.from({ length: 4000 }, (_, i) => `${i + 1}.深化理论武装，筑牢政治忠诚思想根基，推动学习成果转化为履职实效。（责任部门：办公室；完成时限：长期坚持）`).join('\n');
    const text = Buffer.from(`关于整改的方案\n一、整改任务\n${long}`, 'utf8').toString('base64');
    const running = client.callByName('import.parseFile', { fileName: '大方案.txt', dataBase64: text }, {
      onProgress: () => children[0]!.kill(),
    });
    await expect(running).rejects.toMatchObject({ code: 'io', message: SERVICE_CRASHED_MESSAGE, retryable: true });
    expect(crashes).toEqual([{ code: null, restarted: true, interruptedCalls: 1 }]);
    expect(children).toHaveLength(2);
    await client.ready();
    expect(await client.callByName('plans.get', { id: kept.id })).toMatchObject({ title: '崩溃前保存的方案' });
  });

  it('工作台打不开（数据目录是一个文件）：ready 与每次调用都给出同一条中文说明', async () => {
    const file = path.join(tempDir(), '不是文件夹');
    writeFileSync(file, 'x');
    const { client } = start(file);
    const failure = await client.ready().then(() => null, (err: unknown) => err as { code: string; message: string });
    expect(failure?.message).toMatch(/无法打开数据目录/);
    await expect(client.callByName('plans.list', {})).rejects.toMatchObject({ code: failure?.code, message: failure?.message });
  });

  it('不合格式的请求得到错误回答，而不是被执行', async () => {
    const child = forkNodeService(entry, nodeTsArgs());
    const answers: FromService[] = [];
    child.onMessage((m) => answers.push(m as FromService));
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    child.post({ type: 'init', options: { dataDir: tempDir() } });
    (child.post as (m: unknown) => void)({ type: 'call', id: 5, method: 42, input: {} });
    (child.post as (m: unknown) => void)({ type: 'drop-tables' });
    child.post({ type: 'call', id: 6, method: 'plans.list', input: {} });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (answers.some((a) => a.type === 'result' && a.id === 6)) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(answers).toContainEqual({ type: 'result', id: 5, envelope: { ok: false, error: expect.objectContaining({ code: 'internal', message: expect.stringContaining('消息格式不正确') }) } });
    expect(answers).toContainEqual({ type: 'result', id: 6, envelope: { ok: true, result: [] } });
    child.post({ type: 'shutdown' });
    expect(await exited).toBe(0);
  });

  it('退出时关闭数据库（WAL 并回主文件），进程正常结束', async () => {
    const dataDir = tempDir();
    const { client, children } = start(dataDir);
    await client.callByName('plans.create', { title: '退出前' });
    const exited = new Promise<number | null>((resolve) => children[0]!.onExit(resolve));
    await client.close();
    expect(await exited).toBe(0);
    const wal = path.join(dataDir, 'workbook.sqlite-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
  });
});
