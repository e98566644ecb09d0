import { describe, expect, it, vi } from 'vitest';
import {
  CHOOSE_PATHS_CHANNEL,
  CHOOSE_FOLDER_CHANNEL,
  CHOOSE_SAVE_PATH_CHANNEL,
  GRANT_DROPPED_PATH_CHANNEL,
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_FILES_CHANNEL,
  PROGRESS_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type RectifyBridge,
} from '../../../shared/api/bridge.ts';
import { fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

await import('../../../electron/preload/preload.ts');
// Captured right after import: later tests may reset mock call records.
const exposed = [...fake.electron.contextBridge.exposeInMainWorld.mock.calls];
const bridge = exposed[0]![1] as RectifyBridge;
const invoke = fake.electron.ipcRenderer.invoke;

describe('preload bridge', () => {
  it('exposes exactly one global, window.rectify', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('rectify');
  });

  it('exposes exactly the bridge functions — no ipcRenderer, no electron objects', () => {
    expect(Object.keys(bridge).sort()).toEqual(['chooseFolder', 'choosePaths', 'chooseSavePath', 'openAttachment', 'openFiles', 'pathForFile', 'rpc', 'saveFile']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(fake.electron.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(invoke);
  });

  it('rpc sends only {method, input} on rectify:rpc and returns the envelope as is', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: '方案不存在' } });
    const request = { method: 'plans.get', input: { id: 'x' }, extra: 'dropped' };
    const envelope = await bridge.rpc(request);
    expect(invoke).toHaveBeenLastCalledWith(RPC_CHANNEL, { method: 'plans.get', input: { id: 'x' } });
    expect(envelope).toEqual({ ok: false, error: { code: 'not_found', message: '方案不存在' } });
  });

  it('openFiles unwraps the result, and turns an error envelope into an Error with the Chinese message', async () => {
    const options = { title: '导入方案', filters: [{ name: 'Word 文档', extensions: ['docx'] }], multiple: false };
    invoke.mockResolvedValueOnce({ ok: true, result: [{ name: 'a.docx', dataBase64: 'AA==', size: 1 }] });
    await expect(bridge.openFiles(options)).resolves.toEqual([{ name: 'a.docx', dataBase64: 'AA==', size: 1 }]);
    expect(invoke).toHaveBeenLastCalledWith(OPEN_FILES_CHANNEL, options);
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'bad_input', message: '文件过大' } });
    await expect(bridge.openFiles(options)).rejects.toThrow('文件过大');
  });

  it('saveFile goes over rectify:save-file and resolves the boolean', async () => {
    const options = { title: '导出', defaultName: '方案.docx', filters: [], dataBase64: 'AA==' };
    invoke.mockResolvedValueOnce({ ok: true, result: false });
    await expect(bridge.saveFile(options)).resolves.toBe(false);
    expect(invoke).toHaveBeenLastCalledWith(SAVE_FILE_CHANNEL, options);
  });

  it('openAttachment sends only the attachment id over rectify:open-attachment', async () => {
    invoke.mockResolvedValueOnce({ ok: true, result: null });
    await expect(bridge.openAttachment('att-1')).resolves.toBeUndefined();
    expect(invoke).toHaveBeenLastCalledWith(OPEN_ATTACHMENT_CHANNEL, { attachmentId: 'att-1' });
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: '找不到该佐证材料' } });
    await expect(bridge.openAttachment('att-2')).rejects.toThrow('找不到该佐证材料');
  });

  it('choosePaths and chooseSavePath go over their channels and unwrap the answer', async () => {
    const open = { title: '选择佐证材料', filters: [], multiple: true };
    invoke.mockResolvedValueOnce({ ok: true, result: ['/home/u/纪要.pdf'] });
    await expect(bridge.choosePaths(open)).resolves.toEqual(['/home/u/纪要.pdf']);
    expect(invoke).toHaveBeenLastCalledWith(CHOOSE_PATHS_CHANNEL, open);
    const save = { title: '导出', defaultName: '报告.docx', filters: [] };
    invoke.mockResolvedValueOnce({ ok: true, result: null });
    await expect(bridge.chooseSavePath(save)).resolves.toBeNull();
    expect(invoke).toHaveBeenLastCalledWith(CHOOSE_SAVE_PATH_CHANNEL, save);
    invoke.mockResolvedValueOnce({ ok: true, result: '/media/u/U盘' });
    await expect(bridge.chooseFolder({ title: '添加备份位置' })).resolves.toBe('/media/u/U盘');
    expect(invoke).toHaveBeenLastCalledWith(CHOOSE_FOLDER_CHANNEL, { title: '添加备份位置' });
  });

  it('pathForFile asks webUtils and answers null when a File has no path', () => {
    const file = { name: '照片.jpg' };
    fake.electron.webUtils.getPathForFile.mockReturnValueOnce('/home/u/照片.jpg');
    expect(bridge.pathForFile(file as unknown as File)).toBe('/home/u/照片.jpg');
    fake.electron.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(bridge.pathForFile(file as unknown as File)).toBeNull();
  });

  it('pathForFile grants a dropped file\'s path for one attach; a File the page made (no path) grants nothing', () => {
    const send = fake.electron.ipcRenderer.send;
    send.mockClear();
    fake.electron.webUtils.getPathForFile.mockReturnValueOnce('/home/u/签到表.jpg');
    bridge.pathForFile({ name: '签到表.jpg' } as unknown as File);
    expect(send).toHaveBeenCalledWith(GRANT_DROPPED_PATH_CHANNEL, '/home/u/签到表.jpg');
    send.mockClear();
    fake.electron.webUtils.getPathForFile.mockReturnValueOnce('');
    bridge.pathForFile({ name: 'made-up.txt' } as unknown as File);
    expect(send).not.toHaveBeenCalled();
  });

  it('rpc with a progress callback tags the call and passes on only its own progress events, then unsubscribes', async () => {
    const on = fake.electron.ipcRenderer.on;
    const off = fake.electron.ipcRenderer.removeListener;
    on.mockClear();
    off.mockClear();
    let answer: (envelope: unknown) => void = () => undefined;
    invoke.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const seen: unknown[] = [];
    const call = bridge.rpc({ method: 'evidence.verify', input: {} }, (p) => seen.push(p));
    const request = invoke.mock.lastCall![1] as { progressId: string };
    expect(invoke.mock.lastCall![0]).toBe(RPC_CHANNEL);
    expect(request).toEqual({ method: 'evidence.verify', input: {}, progressId: expect.any(String) });
    expect(on).toHaveBeenCalledWith(PROGRESS_CHANNEL, expect.any(Function));
    const listener = on.mock.lastCall![1] as (event: unknown, message: unknown) => void;
    listener({}, { progressId: request.progressId, progress: { task: 'verify', stage: '正在校验佐证材料', done: 1, total: 3 } });
    listener({}, { progressId: 'someone-else', progress: { task: 'verify', stage: 'x', done: 2, total: 3 } });
    listener({}, null);
    answer({ ok: true, result: { ok: true } });
    await expect(call).resolves.toEqual({ ok: true, result: { ok: true } });
    expect(seen).toEqual([{ task: 'verify', stage: '正在校验佐证材料', done: 1, total: 3 }]);
    expect(off).toHaveBeenCalledWith(PROGRESS_CHANNEL, listener);
  });
});
