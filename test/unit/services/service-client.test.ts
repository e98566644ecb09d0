import { describe, expect, it, vi } from 'vitest';
import { createServiceClient, SERVICE_CRASHED_MESSAGE, SERVICE_GAVE_UP_MESSAGE, type ServiceChannel } from '../../../electron/services/host/client.ts';
import type { ToService } from '../../../electron/services/host/messages.ts';

/** A service process under the test's control: it records what it is sent and says what it is told to. */
class ScriptedProcess implements ServiceChannel {
  readonly sent: ToService[] = [];
  private messageListener: (raw: unknown) => void = () => undefined;
  private exitListener: (code: number | null) => void = () => undefined;
  killed = false;
  post(message: ToService): void {
    this.sent.push(message);
  }
  onMessage(listener: (raw: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
  say(message: unknown): void {
    this.messageListener(message);
  }
  exit(code: number | null): void {
    this.exitListener(code);
  }
  /** The id of the n-th call it was sent. */
  callId(n = 0): number {
    return (this.sent.filter((m) => m.type === 'call')[n] as { id: number }).id;
  }
}

function setup(options: { maxCrashes?: number; closeTimeoutMs?: number } = {}) {
  const processes: ScriptedProcess[] = [];
  const onCrash = vi.fn();
  const client = createServiceClient({
    spawn: () => {
      const p = new ScriptedProcess();
      processes.push(p);
      return p;
    },
    init: { dataDir: '/data/工作台' },
    onCrash,
    ...options,
  });
  return { client, processes, onCrash, current: () => processes.at(-1)! };
}

describe('服务进程的调用方（主进程一侧）', () => {
  it('启动即发送 init；每次调用带编号，按编号收到结果', async () => {
    const { client, current } = setup();
    expect(current().sent[0]).toEqual({ type: 'init', options: { dataDir: '/data/工作台' } });
    const a = client.callByName('plans.list', {});
    const b = client.callByName('plans.get', { id: 'x' });
    expect(current().sent.slice(1)).toEqual([
      { type: 'call', id: current().callId(0), method: 'plans.list', input: {} },
      { type: 'call', id: current().callId(1), method: 'plans.get', input: { id: 'x' } },
    ]);
    // Answers may come in any order.
    current().say({ type: 'result', id: current().callId(1), envelope: { ok: false, error: { code: 'not_found', message: '方案不存在' } } });
    current().say({ type: 'result', id: current().callId(0), envelope: { ok: true, result: [] } });
    await expect(a).resolves.toEqual([]);
    await expect(b).rejects.toMatchObject({ name: 'AppError', code: 'not_found', message: '方案不存在' });
  });

  it('只有要求进度的调用才收到进度事件', async () => {
    const { client, current } = setup();
    const seen: unknown[] = [];
    const call = client.callByName('evidence.verify', {}, { onProgress: (p) => seen.push(p) });
    const sent = current().sent.at(-1) as { id: number; progress?: boolean };
    expect(sent.progress).toBe(true);
    current().say({ type: 'progress', id: sent.id, progress: { task: 'verify', stage: '正在校验佐证材料', done: 1, total: 2 } });
    current().say({ type: 'result', id: sent.id, envelope: { ok: true, result: { ok: true } } });
    await call;
    expect(seen).toEqual([{ task: 'verify', stage: '正在校验佐证材料', done: 1, total: 2 }]);
    void client.callByName('plans.list', {});
    expect((current().sent.at(-1) as { progress?: boolean }).progress).toBeUndefined();
  });

  it('不合格式的回答不被采信：该调用以中文错误结束，其他调用不受影响', async () => {
    const { client, current } = setup();
    const call = client.callByName('plans.list', {});
    const other = client.callByName('plans.list', {});
    current().say({ type: 'result', id: current().callId(0), envelope: { ok: 'yes' } });
    current().say({ type: 'progress', id: current().callId(1), progress: { task: 'format-disk', stage: '', done: -1, total: null } });
    current().say('garbage');
    await expect(call).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('消息格式不正确') });
    current().say({ type: 'result', id: current().callId(1), envelope: { ok: true, result: 1 } });
    await expect(other).resolves.toBe(1);
  });

  it('服务进程意外退出：进行中的调用以可重试的中文错误结束，立即启动新进程，之后的调用照常', async () => {
    const { client, processes, onCrash, current } = setup();
    const running = client.callByName('outline.updateNode', { planId: 'p', nodeId: 'n', expectedVersion: 3, patch: { heading: '未保存的文字' } });
    processes[0]!.exit(134);
    await expect(running).rejects.toMatchObject({ code: 'io', message: SERVICE_CRASHED_MESSAGE, retryable: true });
    expect(processes).toHaveLength(2);
    expect(current().sent[0]).toEqual({ type: 'init', options: { dataDir: '/data/工作台' } });
    expect(onCrash).toHaveBeenCalledWith({ code: 134, restarted: true, interruptedCalls: 1 });
    const next = client.callByName('plans.list', {});
    current().say({ type: 'result', id: current().callId(0), envelope: { ok: true, result: [] } });
    await expect(next).resolves.toEqual([]);
    // A late answer from the dead process is ignored.
    processes[0]!.say({ type: 'result', id: 1, envelope: { ok: true, result: 'stale' } });
  });

  it('短时间内反复崩溃：不再重启，所有调用立即得到中文说明', async () => {
    const { client, processes, onCrash, current } = setup({ maxCrashes: 2 });
    current().exit(1);
    current().exit(1);
    expect(processes).toHaveLength(3);
    current().exit(1);
    expect(processes).toHaveLength(3);
    expect(onCrash).toHaveBeenLastCalledWith({ code: 1, restarted: false, interruptedCalls: 0 });
    await expect(client.callByName('plans.list', {})).rejects.toMatchObject({ code: 'io', message: SERVICE_GAVE_UP_MESSAGE });
    await expect(client.ready()).rejects.toMatchObject({ message: SERVICE_GAVE_UP_MESSAGE });
  });

  it('打不开工作台（例如更新版本的数据库）：ready 说明原因', async () => {
    const { client, current } = setup();
    current().say({ type: 'ready', error: { code: 'newer_database', message: '数据文件来自更新版本的整改方案工作台' } });
    await expect(client.ready()).rejects.toMatchObject({ code: 'newer_database' });
  });

  it('退出：请服务进程关闭数据库，等它退出；不退出就强行结束', async () => {
    const polite = setup();
    const closing = polite.client.close();
    expect(polite.current().sent.at(-1)).toEqual({ type: 'shutdown' });
    polite.current().exit(0);
    await closing;
    expect(polite.onCrash).not.toHaveBeenCalled();
    await expect(polite.client.callByName('plans.list', {})).rejects.toMatchObject({ code: 'io' });

    const stuck = setup({ closeTimeoutMs: 10 });
    await stuck.client.close();
    expect(stuck.current().killed).toBe(true);
    expect(stuck.onCrash).not.toHaveBeenCalled();
  });
});
