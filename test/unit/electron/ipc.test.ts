import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHOOSE_PATHS_CHANNEL,
  CHOOSE_FOLDER_CHANNEL,
  CHOOSE_SAVE_PATH_CHANNEL,
  GRANT_DROPPED_PATH_CHANNEL,
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_FILES_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type RpcEnvelope,
} from '../../../shared/api/bridge.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { FakeWebContents, FakeWebFrame, fake, invokeFrom, sendFrom } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { registerIpc } = await import('../../../electron/main/ipc.ts');
const { OpenCopies, removeStaleCopies } = await import('../../../electron/main/open-copies.ts');
const { safeFileName } = await import('../../../electron/main/files.ts');
const { writeFileAtomic: writeFileAtomically } = await import('../../../electron/services/files/atomic-write.ts');

let services: Services;
let unregister: () => void;
let callByName: ReturnType<typeof vi.fn>;
const documents = { dir: '/home/user/文档' };
let copiesRoot: string;
let openCopies: InstanceType<typeof OpenCopies>;

beforeAll(async () => {
  services = await createServices({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rectify-ipc-')) });
  callByName = vi.fn((name: string, input: unknown) => services.callByName(name, input));
  copiesRoot = mkdtempSync(path.join(os.tmpdir(), 'rectify-ipc-tmp-'));
  openCopies = new OpenCopies(copiesRoot);
  unregister = registerIpc({
    services: Promise.resolve({ callByName } as unknown as Services),
    getWindow: () => null,
    defaultSaveDir: () => documents.dir,
    openCopies,
  });
});

afterAll(() => {
  unregister();
  services.close();
  rmSync(services.context.dataDir, { recursive: true, force: true });
  rmSync(copiesRoot, { recursive: true, force: true });
});

afterEach(() => {
  fake.electron.dialog.showOpenDialog.mockReset();
  fake.electron.dialog.showSaveDialog.mockReset();
});

/** A stored plan with one measure (ledgers and evidence need one). */
async function planWithMeasure(title: string): Promise<{ planId: string; measureId: string }> {
  const plan = await services.call('plans.createFromDocument', {
    document: {
      title, kind: 'blank', addressee: null, preamble: [], problems: [], attachments: [], issuer: null, date: null,
      level3Numbering: 'restart',
      sections: [{ kind: 'measure', heading: '健全制度', body: [], style: {}, problemKeys: [], children: [],
        measure: { leader: '张某', department: '办公室', cooperating: [], person: null, deadline: '长期坚持', deadlineKind: 'long_term', deadlineDate: null, status: 'not_started', statusText: null } }],
    },
  });
  const detail = await services.call('plans.get', { id: plan.id });
  return { planId: plan.id, measureId: detail.outline[0]?.id ?? '' };
}

/** Our window: main frame on app://workbook. */
function ours() {
  const contents = new FakeWebContents('app://workbook/index.html');
  return { contents, frame: contents.mainFrame };
}

describe('IPC registration', () => {
  it('registers exactly the bridge channels', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      [CHOOSE_FOLDER_CHANNEL, CHOOSE_PATHS_CHANNEL, CHOOSE_SAVE_PATH_CHANNEL, OPEN_ATTACHMENT_CHANNEL, OPEN_FILES_CHANNEL, RPC_CHANNEL, SAVE_FILE_CHANNEL].sort(),
    );
  });
});

describe('service writes only to paths chosen in a save dialog', () => {
  it('refuses an output path the user did not choose, accepts a chosen one once', async () => {
    const { planId } = await planWithMeasure('台账导出');
    const sneaky = path.join(tempDir(), 'not-chosen.xlsx');
    const refused = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'progress.exportLedger', input: { planId, output: sneaky } })) as RpcEnvelope;
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('保存') } });
    expect(existsSync(sneaky)).toBe(false);

    const chosen = path.join(tempDir(), '整改台账.xlsx');
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    const picked = (await invokeFrom(CHOOSE_SAVE_PATH_CHANNEL, ours(), { title: '导出整改台账', defaultName: '整改台账.xlsx', filters: [] })) as RpcEnvelope;
    expect(picked).toEqual({ ok: true, result: chosen });
    const written = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'progress.exportLedger', input: { planId, output: chosen } })) as RpcEnvelope;
    expect(written.ok ? 'ok' : written.error.message).toBe('ok');
    expect(existsSync(chosen)).toBe(true);
    // A grant is good for one write.
    const again = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'progress.exportLedger', input: { planId, output: chosen } })) as RpcEnvelope;
    expect(again).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('a cancelled save dialog grants nothing; choose-paths returns only paths', async () => {
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await invokeFrom(CHOOSE_SAVE_PATH_CHANNEL, ours(), { title: '', defaultName: 'a.docx', filters: [] })).toEqual({ ok: true, result: null });
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/data/一.pdf', '/data/二.jpg'] });
    expect(await invokeFrom(CHOOSE_PATHS_CHANNEL, ours(), { title: '选择', filters: [], multiple: true })).toEqual({
      ok: true,
      result: ['/data/一.pdf', '/data/二.jpg'],
    });
  });
});

describe('backups write only into folders chosen in the folder dialog', () => {
  it('refuses a backup location or export folder the user did not choose; a chosen folder works once', async () => {
    const sneaky = tempDir();
    const refused = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'backup.create', input: { folder: sneaky } })) as RpcEnvelope;
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('选择文件夹') } });
    expect(readdirSync(sneaky)).toEqual([]);

    const usb = tempDir();
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [usb] });
    expect(await invokeFrom(CHOOSE_FOLDER_CHANNEL, ours(), { title: '添加备份位置' })).toEqual({ ok: true, result: usb });
    const dialogOptions = fake.electron.dialog.showOpenDialog.mock.calls.at(-1)?.at(-1) as { properties: string[] };
    expect(dialogOptions.properties).toContain('openDirectory');
    const added = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'backup.addLocation', input: { folder: usb } })) as RpcEnvelope;
    expect(added.ok ? 'ok' : added.error.message).toBe('ok');
    const again = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'backup.create', input: { folder: usb } })) as RpcEnvelope;
    expect(again).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await invokeFrom(CHOOSE_FOLDER_CHANNEL, ours(), { title: '导出工作台' })).toEqual({ ok: true, result: null });
  });
});

describe('rectify:open-attachment', () => {
  it('copies the stored file out under its original name and opens only that copy with the system program', async () => {
    const { measureId } = await planWithMeasure('附件测试');
    const source = path.join(tempDir(), '党组会议纪要（第3次）.txt');
    writeFileSync(source, '会议纪要内容');
    const { attachmentId } = await services.call('evidence.attachPath', { measureId, path: source });
    expect(attachmentId).not.toBe('');
    fake.electron.shell.openPath.mockClear();
    const envelope = (await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId })) as RpcEnvelope;
    expect(envelope).toEqual({ ok: true, result: null });
    expect(fake.electron.shell.openPath).toHaveBeenCalledTimes(1);
    const opened = String((fake.electron.shell.openPath.mock.calls as unknown as string[][])[0]?.[0]);
    expect(path.basename(opened)).toBe('党组会议纪要（第3次）.txt');
    expect(readFileSync(opened, 'utf8')).toBe('会议纪要内容');
    expect(fake.electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens only document and picture types; anything else is offered as 另存为, never run', async () => {
    const { measureId } = await planWithMeasure('危险类型');
    const names = ['setup.exe', 'invoice\u202Efdp.exe', '脚本.bat', '快捷方式.lnk', 'x.js'];
    for (const name of names) {
      const { attachmentId } = await services.call('evidence.attachData', { measureId, originalName: name, dataBase64: Buffer.from('MZ').toString('base64') });
      fake.electron.shell.openPath.mockClear();
      fake.electron.dialog.showMessageBox.mockClear();
      fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
      const envelope = (await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId })) as RpcEnvelope;
      expect(envelope, name).toEqual({ ok: true, result: null });
      expect(fake.electron.shell.openPath, name).not.toHaveBeenCalled();
      const box = fake.electron.dialog.showMessageBox.mock.calls[0]!.at(-1) as unknown as { message: string; buttons: string[] };
      expect(box.message).toContain('不能在整改方案工作台中直接打开');
      expect(box.message).not.toMatch(/[\u202a-\u202e]/);
      expect(box.buttons).toEqual(['另存为…', '取消']);
      // Cancelled: no save dialog, and the copy it made is gone.
      expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    }
    const leftovers = (readdirSync(copiesRoot, { recursive: true }) as string[]).filter((f) => /\.(exe|bat|lnk|js)$/.test(f));
    expect(leftovers).toEqual([]);
  });

  it('另存为 writes the file where the user chose', async () => {
    const { measureId } = await planWithMeasure('另存为');
    const { attachmentId } = await services.call('evidence.attachData', { measureId, originalName: '工具.exe', dataBase64: Buffer.from('MZ工具').toString('base64') });
    const target = path.join(tempDir(), '工具.exe');
    fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    fake.electron.shell.openPath.mockClear();
    expect(await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId })).toEqual({ ok: true, result: null });
    expect(readFileSync(target, 'utf8')).toBe('MZ工具');
    const options = fake.electron.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { title: string; defaultPath: string };
    expect(options.title).toBe('另存为');
    expect(path.basename(options.defaultPath)).toBe('工具.exe');
    expect(fake.electron.shell.openPath).not.toHaveBeenCalled();
  });

  it('each opening gets its own folder in the run\'s copies folder, all removed at quit; old runs\' folders are swept', async () => {
    const { measureId } = await planWithMeasure('副本清理');
    const { attachmentId } = await services.call('evidence.attachData', { measureId, originalName: '照片.jpg', dataBase64: Buffer.from('jpg').toString('base64') });
    fake.electron.shell.openPath.mockClear();
    await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId });
    await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId });
    const opened = (fake.electron.shell.openPath.mock.calls as unknown as string[][]).map((c) => c[0]!);
    expect(opened).toHaveLength(2);
    expect(opened[0]).not.toBe(opened[1]);
    for (const file of opened) {
      expect(path.basename(file)).toBe('照片.jpg');
      expect(file.startsWith(copiesRoot + path.sep)).toBe(true);
    }
    openCopies.removeAll();
    for (const file of opened) expect(existsSync(file)).toBe(false);

    const old = path.join(copiesRoot, 'rectify-open-abcdef');
    const recent = path.join(copiesRoot, 'rectify-open-123456');
    mkdirSync(old);
    mkdirSync(recent);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(removeStaleCopies(copiesRoot)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('refuses a foreign frame and a malformed id without opening anything', async () => {
    fake.electron.shell.openPath.mockClear();
    const foreign = new FakeWebContents('https://evil.example/');
    await expect(async () => invokeFrom(OPEN_ATTACHMENT_CHANNEL, { contents: foreign, frame: foreign.mainFrame }, { attachmentId: 'x' })).rejects.toThrow(/拒绝/);
    const bad = (await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId: '' })) as RpcEnvelope;
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const missing = (await invokeFrom(OPEN_ATTACHMENT_CHANNEL, ours(), { attachmentId: 'no-such-attachment' })) as RpcEnvelope;
    expect(missing.ok).toBe(false);
    expect(fake.electron.shell.openPath).not.toHaveBeenCalled();
  });
});

describe('rectify:rpc relay', () => {
  it('runs a contract method for our main frame and answers with an envelope', async () => {
    const created = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'plans.create', input: { title: '测试方案' } })) as RpcEnvelope;
    expect(created.ok).toBe(true);
    const listed = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'plans.list', input: {} })) as RpcEnvelope;
    expect(listed.ok && (listed.result as { title: string }[]).map((p) => p.title)).toContain('测试方案');
  });

  it('turns service errors into Chinese wire errors', async () => {
    const missing = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'plans.get', input: { id: 'nope' } })) as RpcEnvelope;
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('not_found');
      expect(missing.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const badInput = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'plans.create', input: { title: '' } })) as RpcEnvelope;
    expect(badInput).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const unknown = (await invokeFrom(RPC_CHANNEL, ours(), { method: 'system.exec', input: {} })) as RpcEnvelope;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_input', message: '未知的操作：system.exec' } });
  });

  it('rejects a malformed request without calling the services', async () => {
    callByName.mockClear();
    for (const bad of [null, 'plans.list', { method: 42 }, { method: '' }, { input: {} }]) {
      const envelope = (await invokeFrom(RPC_CHANNEL, ours(), bad)) as RpcEnvelope;
      expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(callByName).not.toHaveBeenCalled();
  });

  describe('sender validation', () => {
    const foreign: [string, () => { contents: FakeWebContents; frame: FakeWebFrame | null }][] = [
      ['a foreign page in the main frame', () => {
        const contents = new FakeWebContents('https://evil.example/');
        return { contents, frame: contents.mainFrame };
      }],
      ['a look-alike host', () => {
        const contents = new FakeWebContents('app://workbook.evil/index.html');
        return { contents, frame: contents.mainFrame };
      }],
      ['file://', () => {
        const contents = new FakeWebContents('file:///tmp/index.html');
        return { contents, frame: contents.mainFrame };
      }],
      ['an iframe, even on app://workbook', () => {
        const contents = new FakeWebContents('app://workbook/index.html');
        return { contents, frame: new FakeWebFrame('app://workbook/index.html', contents.mainFrame) };
      }],
      ['a nested iframe on app://workbook', () => {
        const contents = new FakeWebContents('app://workbook/index.html');
        const child = new FakeWebFrame('app://workbook/index.html', contents.mainFrame);
        return { contents, frame: new FakeWebFrame('app://workbook/index.html', child) };
      }],
      ['a destroyed frame', () => ({ contents: new FakeWebContents(), frame: null })],
    ];

    for (const [name, sender] of foreign) {
      it(`refuses ${name} on every channel, before any work`, async () => {
        callByName.mockClear();
        await expect(async () => invokeFrom(RPC_CHANNEL, sender(), { method: 'plans.list', input: {} })).rejects.toThrow(/拒绝/);
        await expect(async () => invokeFrom(OPEN_FILES_CHANNEL, sender(), { title: 'x', filters: [], multiple: false })).rejects.toThrow(/拒绝/);
        await expect(async () => invokeFrom(SAVE_FILE_CHANNEL, sender(), { title: 'x', defaultName: 'a', filters: [], dataBase64: '' })).rejects.toThrow(/拒绝/);
        expect(callByName).not.toHaveBeenCalled();
        expect(fake.electron.dialog.showOpenDialog).not.toHaveBeenCalled();
        expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();
      });
    }
  });
});

describe('rectify:open-files', () => {
  it('reads the chosen files into PickedFile objects with base64 and path', async () => {
    const dir = tempDir();
    const a = path.join(dir, '整改方案.txt');
    const b = path.join(dir, 'b.docx');
    writeFileSync(a, '一、总体要求');
    writeFileSync(b, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [a, b] });
    const envelope = (await invokeFrom(OPEN_FILES_CHANNEL, ours(), {
      title: '导入整改方案',
      filters: [{ name: '文档', extensions: ['txt', 'docx', 'doc'] }],
      multiple: true,
    })) as RpcEnvelope;
    expect(envelope).toEqual({
      ok: true,
      result: [
        { name: '整改方案.txt', dataBase64: Buffer.from('一、总体要求').toString('base64'), path: a, size: Buffer.byteLength('一、总体要求') },
        { name: 'b.docx', dataBase64: 'UEsDBA==', path: b, size: 4 },
      ],
    });
    const options = fake.electron.dialog.showOpenDialog.mock.calls[0]!.at(-1) as { title: string; properties: string[]; filters: unknown };
    expect(options.title).toBe('导入整改方案');
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual([{ name: '文档', extensions: ['txt', 'docx', 'doc'] }]);
  });

  it('resolves [] when cancelled and gives a Chinese default title', async () => {
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const envelope = (await invokeFrom(OPEN_FILES_CHANNEL, ours(), { title: '', filters: [], multiple: false })) as RpcEnvelope;
    expect(envelope).toEqual({ ok: true, result: [] });
    const options = fake.electron.dialog.showOpenDialog.mock.calls[0]!.at(-1) as { title: string; properties: string[] };
    expect(options.title).toBe('选择文件');
    expect(options.properties).toEqual(['openFile']);
  });

  it('refuses malformed options without opening a dialog', async () => {
    const envelope = (await invokeFrom(OPEN_FILES_CHANNEL, ours(), { title: 'x', filters: [{ name: 'x', extensions: ['../../etc'] }], multiple: false })) as RpcEnvelope;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(fake.electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('rectify:save-file', () => {
  it('writes the bytes where the user chose, atomically, leaving no temp file', async () => {
    const dir = tempDir();
    const target = path.join(dir, '整改方案.docx');
    writeFileSync(target, 'old content');
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const data = Buffer.from('新的内容 docx bytes');
    const envelope = (await invokeFrom(SAVE_FILE_CHANNEL, ours(), {
      title: '导出公文',
      defaultName: '整改方案.docx',
      filters: [{ name: 'Word 文档', extensions: ['docx'] }],
      dataBase64: data.toString('base64'),
    })) as RpcEnvelope;
    expect(envelope).toEqual({ ok: true, result: true });
    expect(readFileSync(target)).toEqual(data);
    expect(readdirSync(dir)).toEqual(['整改方案.docx']);
    const options = fake.electron.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { title: string; defaultPath: string };
    expect(options.title).toBe('导出公文');
    expect(options.defaultPath).toBe(path.join(documents.dir, '整改方案.docx'));
  });

  it('never lets the suggested name leave the default folder', async () => {
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const envelope = (await invokeFrom(SAVE_FILE_CHANNEL, ours(), { title: '', defaultName: '../../.bashrc', filters: [], dataBase64: '' })) as RpcEnvelope;
    expect(envelope).toEqual({ ok: true, result: false });
    const options = fake.electron.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { title: string; defaultPath: string };
    expect(path.dirname(options.defaultPath)).toBe(documents.dir);
    expect(options.title).toBe('保存文件');
  });

  it('refuses data that is not base64', async () => {
    const envelope = (await invokeFrom(SAVE_FILE_CHANNEL, ours(), { title: 'x', defaultName: 'a.docx', filters: [], dataBase64: '不是base64!' })) as RpcEnvelope;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('atomic write and file names', () => {
  it('keeps the old file intact when the write fails', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'missing-folder', 'a.docx');
    await expect(writeFileAtomically(target, Buffer.from('x'))).rejects.toThrow(/无法保存/);
    expect(existsSync(path.join(dir, 'missing-folder'))).toBe(false);
  });

  it('reduces suggested names to a safe bare name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\win.ini')).toBe('win.ini');
    expect(safeFileName('关于整改的方案：第1稿?.docx')).toBe('关于整改的方案：第1稿_.docx');
    expect(safeFileName('..')).toBe('未命名');
    expect(safeFileName('')).toBe('未命名');
  });
});

describe('evidence.attachPath over IPC: only files the user chose or dropped', () => {
  async function attachViaRpc(measureId: string, file: string, sender = ours()): Promise<RpcEnvelope> {
    return (await invokeFrom(RPC_CHANNEL, sender, { method: 'evidence.attachPath', input: { measureId, path: file } })) as RpcEnvelope;
  }

  it('refuses a path the page made up (a compromised page cannot read ~/.ssh/id_rsa into the store)', async () => {
    const { measureId } = await planWithMeasure('拒绝读取');
    const secret = path.join(tempDir(), 'id_rsa');
    writeFileSync(secret, 'PRIVATE KEY');
    callByName.mockClear();
    const refused = await attachViaRpc(measureId, secret);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: '只能添加在“选择文件”对话框中选择或拖入窗口的文件' } });
    expect(callByName).not.toHaveBeenCalled();
    expect(await services.call('evidence.list', { measureId })).toEqual([]);
  });

  it('accepts each file chosen in the open dialog, once', async () => {
    const { measureId } = await planWithMeasure('对话框选择');
    const file = path.join(tempDir(), '会议纪要.pdf');
    writeFileSync(file, '%PDF 纪要');
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    expect(await invokeFrom(CHOOSE_PATHS_CHANNEL, ours(), { title: '选择佐证材料', filters: [], multiple: true })).toEqual({ ok: true, result: [file] });
    expect(await attachViaRpc(measureId, file)).toMatchObject({ ok: true });
    expect(await attachViaRpc(measureId, file)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await services.call('evidence.list', { measureId })).toHaveLength(1);
  });

  it('accepts a file dropped into our window; ignores grants from a foreign frame or of relative paths', async () => {
    const { measureId } = await planWithMeasure('拖入窗口');
    const file = path.join(tempDir(), '签到表.jpg');
    writeFileSync(file, 'jpg');
    const foreign = new FakeWebContents('https://evil.example/');
    sendFrom(GRANT_DROPPED_PATH_CHANNEL, { contents: foreign, frame: foreign.mainFrame }, file);
    const iframe = new FakeWebContents('app://workbook/index.html');
    sendFrom(GRANT_DROPPED_PATH_CHANNEL, { contents: iframe, frame: new FakeWebFrame('app://workbook/index.html', iframe.mainFrame) }, file);
    sendFrom(GRANT_DROPPED_PATH_CHANNEL, ours(), 'relative/签到表.jpg');
    sendFrom(GRANT_DROPPED_PATH_CHANNEL, ours(), { path: file });
    expect(await attachViaRpc(measureId, file)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    sendFrom(GRANT_DROPPED_PATH_CHANNEL, ours(), file);
    expect(await attachViaRpc(measureId, file)).toMatchObject({ ok: true, result: { attachment: { originalName: '签到表.jpg' } } });
  });
});
