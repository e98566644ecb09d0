import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { isOpenableName } from '../../../shared/progress/evidence-names.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

async function setup(): Promise<{ s: Services; measureId: string }> {
  const s = await createServices({ dataDir: tempDir() });
  const { measureIds } = await createTrackedPlan(s);
  return { s, measureId: measureIds[0]! };
}

async function attach(s: Services, measureId: string, originalName: string, content: string): Promise<string> {
  const r = await s.call('evidence.attachData', { measureId, originalName, dataBase64: Buffer.from(content).toString('base64') });
  return r.attachmentId;
}

const utf8 = (name: string) => Buffer.byteLength(name, 'utf8');

describe('交给用户的佐证材料副本（evidence.copyOut / evidence.saveCopy）', () => {
  it('从右向左覆盖等不可见控制字符被去掉：伪装成 .pdf 的 .exe 露出真正的扩展名，不会被直接打开', async () => {
    const { s, measureId } = await setup();
    const id = await attach(s, measureId, 'invoice\u202Efdp.exe', 'MZ');
    const { path: copy } = await s.call('evidence.copyOut', { attachmentId: id, dir: tempDir() });
    expect(path.basename(copy)).toBe('invoicefdp.exe');
    expect(isOpenableName(path.basename(copy))).toBe(false);
    s.close();
  });

  it('255 字的中文文件名缩短到任何文件系统都能接受的长度，保留扩展名', async () => {
    const { s, measureId } = await setup();
    const long = `${'关于进一步加强和改进机关作风建设的整改落实情况'.repeat(11)}`.slice(0, 250) + '.pdf';
    expect(long.length).toBe(254);
    const id = await attach(s, measureId, long, '%PDF');
    const { path: copy } = await s.call('evidence.copyOut', { attachmentId: id, dir: tempDir() });
    const name = path.basename(copy);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(long.startsWith(name.slice(0, -4))).toBe(true);
    expect(utf8(name)).toBeLessThanOrEqual(150);
    expect(readFileSync(copy, 'utf8')).toBe('%PDF');
    s.close();
  });

  it('名为 . .. ... 的材料各自得到不同的名字，互不覆盖；同名材料也不覆盖已打开的副本', async () => {
    const { s, measureId } = await setup();
    const dir = tempDir();
    const copies: string[] = [];
    for (const [name, content] of [['.', '一'], ['..', '二'], ['...', '三'], ['照片.jpg', '甲'], ['照片.jpg', '乙']] as const) {
      const id = await attach(s, measureId, name, content);
      copies.push((await s.call('evidence.copyOut', { attachmentId: id, dir })).path);
    }
    expect(copies.map((c) => path.basename(c))).toEqual(['材料', '材料(2)', '材料(3)', '照片.jpg', '照片(2).jpg']);
    expect(copies.map((c) => readFileSync(c, 'utf8'))).toEqual(['一', '二', '三', '甲', '乙']);
    s.close();
  });

  it('另存为：写到用户选的位置（原子地替换旧文件，不留临时文件）', async () => {
    const { s, measureId } = await setup();
    const id = await attach(s, measureId, '安装程序.exe', 'MZ 新内容');
    const dir = tempDir();
    const target = path.join(dir, '另存的安装程序.exe');
    writeFileSync(target, '旧文件');
    expect(await s.call('evidence.saveCopy', { attachmentId: id, output: target })).toEqual({ path: target });
    expect(readFileSync(target, 'utf8')).toBe('MZ 新内容');
    expect(readdirSync(dir)).toEqual(['另存的安装程序.exe']);
    await expect(s.call('evidence.saveCopy', { attachmentId: 'no-such', output: target })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });
});
