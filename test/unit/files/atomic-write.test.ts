import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileWith, writeFolderWith } from '../../../electron/services/files/atomic-write.ts';
import { tempDir } from '../../helpers/temp.ts';

const HOUR = 60 * 60 * 1000;

/** Makes a file look as if written `ms` ago (what an interrupted write of long ago leaves). */
function age(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(file, then, then);
}

describe('原子写入（临时文件 + fsync + 改名），每个导出和保存对话框共用', () => {
  it('写入新文件，或整体替换旧文件；不留临时文件', async () => {
    const dir = tempDir();
    const target = path.join(dir, '整改方案.docx');
    expect(await writeFileAtomic(target, Buffer.from('第一版'))).toBe(target);
    writeFileSync(target, '旧内容');
    await writeFileAtomic(target, '第二版');
    expect(readFileSync(target, 'utf8')).toBe('第二版');
    expect(readdirSync(dir)).toEqual(['整改方案.docx']);
  });

  it('写入失败时旧文件原样保留，临时文件被删除，错误是中文', async () => {
    const dir = tempDir();
    const target = path.join(dir, '台账.xlsx');
    writeFileSync(target, '旧台账');
    await expect(
      writeFileWith(target, async (temp) => {
        writeFileSync(temp, '写了一半');
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }),
    ).rejects.toMatchObject({ code: 'disk_full', message: expect.stringMatching(/磁盘空间不足/) });
    expect(readFileSync(target, 'utf8')).toBe('旧台账');
    expect(readdirSync(dir)).toEqual(['台账.xlsx']);
  });

  it('只在要求时建立上级文件夹；文件夹不存在时说明原因', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(path.join(dir, '没有的文件夹', 'a.docx'), 'x')).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/无法保存.*文件夹不存在/) });
    expect(existsSync(path.join(dir, '没有的文件夹'))).toBe(false);
    await writeFileAtomic(path.join(dir, '新文件夹', '子', 'a.docx'), 'x', { createFolder: true });
    expect(readFileSync(path.join(dir, '新文件夹', '子', 'a.docx'), 'utf8')).toBe('x');
  });

  it('目标是文件夹：输入错误，不动那个文件夹', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '报告.docx'));
    await expect(writeFileAtomic(path.join(dir, '报告.docx'), 'x')).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('是文件夹') });
    expect(readdirSync(path.join(dir, '报告.docx'))).toEqual([]);
  });

  it('上次被中断（断电、强行结束）留下的临时文件在再次写同一目标时清除；正在写的不动', async () => {
    const dir = tempDir();
    const target = path.join(dir, '材料包.zip');
    const stale = path.join(dir, '.材料包.zip.0123456789ab.part');
    const fresh = path.join(dir, '.材料包.zip.ba9876543210.part');
    const unrelated = path.join(dir, '.其他.zip.0123456789ab.part');
    for (const f of [stale, fresh, unrelated]) writeFileSync(f, '残留');
    age(stale, 2 * HOUR);
    age(unrelated, 2 * HOUR);
    await writeFileAtomic(target, 'zip');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });

  it('文件夹也整体出现：填充失败时既没有目标文件夹也没有临时文件夹', async () => {
    const dir = tempDir();
    const target = path.join(dir, '佐证材料');
    await expect(
      writeFolderWith(target, async (temp) => {
        writeFileSync(path.join(temp, '目录.xlsx'), '目录');
        throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      }),
    ).rejects.toMatchObject({ code: 'io' });
    expect(readdirSync(dir)).toEqual([]);
    await writeFolderWith(target, async (temp) => {
      writeFileSync(path.join(temp, '目录.xlsx'), '目录');
      writeFileSync(path.join(temp, '一-1_会议纪要_20260115.pdf'), 'pdf');
    });
    expect(readdirSync(target).sort()).toEqual(['一-1_会议纪要_20260115.pdf', '目录.xlsx']);
    expect(readdirSync(dir)).toEqual(['佐证材料']);
  });
});

describe('只有一份原子写入', () => {
  it('导出、佐证材料包和桌面外壳都不再自己“写临时文件再改名”', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const folders = ['electron/main', 'electron/services/export', 'electron/services/progress', 'electron/services/evidence', 'electron/cli'];
    const renaming: string[] = [];
    for (const folder of folders) {
      for (const file of readdirSync(path.join(root, folder), { recursive: true }) as string[]) {
        if (!file.endsWith('.ts')) continue;
        const code = readFileSync(path.join(root, folder, file), 'utf8');
        if (/\brename(Sync)?\(/.test(code)) renaming.push(`${folder}/${file}`);
      }
    }
    // The evidence store's own ingest (temp → content-addressed blob) is not a user's file.
    expect(renaming).toEqual(['electron/services/evidence/blob-store.ts']);
  });
});
