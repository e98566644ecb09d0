import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { attachStream } from '../../../electron/services/evidence/attachments.ts';
import { blobPath, storeRoot, tempRoot } from '../../../electron/services/evidence/blob-store.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under the store (blobs and temp files), relative. */
function storeFiles(dataDir: string): string[] {
  const root = storeRoot(dataDir);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => statSync(path.join(root, f)).isFile());
}

async function setup(): Promise<{ s: Services; dataDir: string; src: string; measureIds: string[]; planId: string }> {
  const dataDir = tempDir();
  const src = tempDir('rectify-src-');
  const s = await createServices({ dataDir });
  const { planId, measureIds } = await createTrackedPlan(s);
  return { s, dataDir, src, measureIds, planId };
}

describe('佐证材料入库（evidence.attach*）', () => {
  it('文件按 SHA-256 存入两级目录，原文件名、类型、日期、说明、添加人记入数据库', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    const file = path.join(src, '关于印发《学习制度》的通知 (2026) [终稿].pdf');
    writeFileSync(file, '%PDF-1.4 学习制度全文');
    const r = await s.call('evidence.attachPath', {
      measureId: measureIds[0]!,
      path: file,
      type: '制度文本',
      date: '2026-01-15',
      note: '党组会审议通过',
      addedBy: '李四',
    });
    const digest = sha256(readFileSync(file));
    expect(r.sha256).toBe(digest);
    expect(r.deduplicated).toBe(false);
    const stored = blobPath(dataDir, digest);
    expect(stored).toBe(path.join(dataDir, 'evidence', 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest));
    expect(readFileSync(stored).equals(readFileSync(file))).toBe(true);
    expect(r.attachment).toMatchObject({
      measureId: measureIds[0],
      originalName: '关于印发《学习制度》的通知 (2026) [终稿].pdf',
      type: '制度文本',
      date: '2026-01-15',
      note: '党组会审议通过',
      addedBy: '李四',
      mime: 'application/pdf',
      removedAt: null,
    });
    const list = await s.call('evidence.list', { measureId: measureIds[0]! });
    expect(list.map((a) => a.id)).toEqual([r.attachmentId]);
    s.close();
  });

  it('相同内容只存一份；不同名字、不同措施各有自己的记录', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    const a = path.join(src, '党组会议纪要.docx');
    const b = path.join(src, '会议纪要 副本（2）.docx');
    writeFileSync(a, 'same bytes 相同内容');
    writeFileSync(b, 'same bytes 相同内容');
    const r1 = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: a });
    const r2 = await s.call('evidence.attachPath', { measureId: measureIds[2]!, path: b });
    expect(r2.sha256).toBe(r1.sha256);
    expect(r2.deduplicated).toBe(true);
    expect(r2.attachmentId).not.toBe(r1.attachmentId);
    expect(r1.attachment.type).toBe('会议纪要');
    expect(storeFiles(dataDir)).toHaveLength(1);
    // The same file dropped twice on the same measure stays one attachment.
    const again = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: a });
    expect(again.attachmentId).toBe(r1.attachmentId);
    expect(await s.call('evidence.list', { measureId: measureIds[0]! })).toHaveLength(1);
    s.close();
  });

  it('奇怪的文件名（空格、括号、全角符号、emoji、很长的中文名）原样保存', async () => {
    const { s, src, measureIds } = await setup();
    const names = [
      '  前后有空格 的 文件 .txt',
      '【签到表】(第1次)｛会议｝#&%.xlsx',
      '照片😀 2026-01-15 现场.JPG',
      '没有扩展名',
      `${'很长的中文文件名'.repeat(10)}.pdf`,
    ];
    for (const [i, name] of names.entries()) {
      const file = path.join(src, name);
      writeFileSync(file, `内容${i}`);
      const r = await s.call('evidence.attachPath', { measureId: measureIds[1]!, path: file });
      expect(r.attachment.originalName).toBe(name.trim());
    }
    const list = await s.call('evidence.list', { measureId: measureIds[1]! });
    expect(list.map((a) => a.originalName)).toEqual(names.map((n) => n.trim()));
    expect(list.map((a) => a.type)).toEqual(['其他', '签到表', '照片', '其他', '其他']);
    s.close();
  });

  it('上传的字节（浏览器）和流（网页上传接口）走同一个入库核心', async () => {
    const { s, dataDir, measureIds } = await setup();
    const bytes = Buffer.from('调研报告正文 1234');
    const r1 = await s.call('evidence.attachData', { measureId: measureIds[0]!, originalName: '调研报告.pdf', dataBase64: bytes.toString('base64') });
    expect(r1.sha256).toBe(sha256(bytes));
    expect(r1.attachment.type).toBe('调研报告');
    const r2 = await attachStream(s.context, {
      measureId: measureIds[0]!,
      originalName: 'C:\\Users\\秘书\\桌面\\调研报告（定稿）.pdf',
      source: Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]),
    });
    expect(r2.deduplicated).toBe(true);
    expect(r2.attachment.originalName).toBe('调研报告（定稿）.pdf');
    const read = await s.call('evidence.read', { attachmentId: r2.attachmentId });
    expect(Buffer.from(read.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect(storeFiles(dataDir)).toHaveLength(1);
    s.close();
  });

  it('60 MB 以上的文件流式入库，内存增长远小于文件大小，进度回调递增', async () => {
    const { s, src, measureIds } = await setup();
    const file = path.join(src, '大文件 视频记录.mp4');
    const size = 64 * 1024 * 1024 + 12345;
    const hash = createHash('sha256');
    const fh = await open(file, 'w');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let written = 0; written < size; ) {
      for (let i = 0; i < chunk.length; i += 4096) chunk.writeUInt32LE((written + i) >>> 0, i);
      const n = Math.min(chunk.length, size - written);
      await fh.write(chunk, 0, n);
      hash.update(chunk.subarray(0, n));
      written += n;
    }
    await fh.close();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    const progress: number[] = [];
    const { attachPath } = await import('../../../electron/services/evidence/attachments.ts');
    const r = await attachPath(s.context, {
      measureId: measureIds[0]!,
      path: file,
      onProgress: (p) => {
        progress.push(p.bytes);
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
      },
    });
    expect(r.size).toBe(size);
    expect(r.sha256).toBe(hash.digest('hex'));
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(size);
    // Reading the file whole would add at least 64 MB; the store reuses one 1 MB buffer.
    expect(peakRss - before.rss).toBeLessThan(16 * 1024 * 1024);
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(8 * 1024 * 1024);
    s.close();
  });
});

describe('坏输入：中文提示，不留半截文件或悬空记录', () => {
  it('源文件不存在（已被移动或删除）', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    await expect(s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, '不存在的纪要.pdf') })).rejects.toThrow(
      /找不到文件「不存在的纪要.pdf」/,
    );
    expect(storeFiles(dataDir)).toEqual([]);
    expect(await s.call('evidence.list', { planId: (await s.call('plans.list', {}))[0]!.id })).toEqual([]);
    s.close();
  });

  it('源文件读到一半消失或出错：临时文件删除，没有记录', async () => {
    const { s, dataDir, measureIds } = await setup();
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(256 * 1024, 1));
        this.destroy(Object.assign(new Error('device gone'), { code: 'EIO' }));
      },
    });
    await expect(attachStream(s.context, { measureId: measureIds[0]!, originalName: 'U盘上的照片.jpg', source })).rejects.toThrow(
      /读取文件「U盘上的照片.jpg」时出错/,
    );
    expect(storeFiles(dataDir)).toEqual([]);
    expect(await s.call('evidence.list', { measureId: measureIds[0]! })).toEqual([]);
    s.close();
  });

  it('没有读取权限的文件', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything: check the message mapping through a directory instead.
      const { s, src, measureIds } = await setup();
      mkdirSync(path.join(src, '文件夹'));
      await expect(s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, '文件夹') })).rejects.toThrow(/是文件夹/);
      s.close();
      return;
    }
    const { s, src, measureIds } = await setup();
    const file = path.join(src, '保密.pdf');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    await expect(s.call('evidence.attachPath', { measureId: measureIds[0]!, path: file })).rejects.toThrow(/没有权限读取/);
    s.close();
  });

  it('磁盘已满（ENOSPC）：中文提示，临时文件删除，没有记录', async () => {
    const { s, dataDir, measureIds } = await setup();
    // A temp file whose writes fail with ENOSPC after 1 MB, like a disk filling up mid-copy.
    const openTemp = async (file: string): Promise<FileHandle> => {
      const real = await open(file, 'wx');
      let written = 0;
      return new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'write') {
            return async (buf: Buffer, offset: number, length: number) => {
              if (written + length > 1024 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
              written += length;
              return target.write(buf, offset, length);
            };
          }
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    };
    const source = Readable.from((function* () {
      for (let i = 0; i < 8; i++) yield Buffer.alloc(512 * 1024, i);
    })());
    await expect(attachStream(s.context, { measureId: measureIds[0]!, originalName: '签到表.pdf', source, openTemp })).rejects.toThrow(/磁盘空间不足/);
    expect(readdirSync(tempRoot(dataDir))).toEqual([]);
    expect(storeFiles(dataDir)).toEqual([]);
    expect(await s.call('evidence.list', { measureId: measureIds[0]! })).toEqual([]);
    s.close();
  });

  it('系统不接受的文件名（过长）', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    const tooLong = path.join(src, `${'长'.repeat(200)}.pdf`);
    await expect(s.call('evidence.attachPath', { measureId: measureIds[0]!, path: tooLong })).rejects.toThrow(/系统不接受文件名/);
    await expect(
      s.call('evidence.attachData', { measureId: measureIds[0]!, originalName: '坏\u0001名字.pdf', dataBase64: '' }),
    ).rejects.toThrow(/控制字符/);
    expect(storeFiles(dataDir)).toEqual([]);
    s.close();
  });

  it('措施不存在时一个字节也不复制', async () => {
    const { s, dataDir, src } = await setup();
    const file = path.join(src, 'a.pdf');
    writeFileSync(file, 'x');
    await expect(s.call('evidence.attachPath', { measureId: 'nope', path: file })).rejects.toThrow(/找不到整改措施/);
    expect(storeFiles(dataDir)).toEqual([]);
    s.close();
  });
});

describe('移除、撤销与清理', () => {
  it('移除可撤销；维护步骤只删除不再被引用的文件', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    writeFileSync(path.join(src, 'a.jpg'), 'photo A');
    writeFileSync(path.join(src, 'b.jpg'), 'photo B');
    const a = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'a.jpg') });
    const b = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'b.jpg') });
    const removed = await s.call('evidence.remove', { attachmentId: a.attachmentId });
    expect(removed.removedAt).not.toBeNull();
    expect((await s.call('evidence.list', { measureId: measureIds[0]! })).map((x) => x.id)).toEqual([b.attachmentId]);
    expect((await s.call('evidence.list', { measureId: measureIds[0]!, includeRemoved: true })).length).toBe(2);
    // Recently removed: kept for undo.
    let gc = await s.call('evidence.collectGarbage', {});
    expect(gc.removedBlobs).toBe(0);
    expect(existsSync(blobPath(dataDir, a.sha256))).toBe(true);
    const restored = await s.call('evidence.restore', { attachmentId: a.attachmentId });
    expect(restored.removedAt).toBeNull();
    await s.call('evidence.remove', { attachmentId: a.attachmentId });
    gc = await s.call('evidence.collectGarbage', { purgeRemovedDays: 0 });
    expect(gc.removedBlobs).toBe(1);
    expect(gc.freedBytes).toBe('photo A'.length);
    expect(existsSync(blobPath(dataDir, a.sha256))).toBe(false);
    expect(existsSync(blobPath(dataDir, b.sha256))).toBe(true);
    await expect(s.call('evidence.restore', { attachmentId: a.attachmentId })).rejects.toThrow(/找不到佐证材料/);
    s.close();
  });

  it('删除方案后其材料文件在 30 天宽限期后的维护时清理；仍被其他方案引用的保留', async () => {
    const { s, dataDir, src, measureIds, planId } = await setup();
    const other = await createTrackedPlan(s);
    writeFileSync(path.join(src, 'shared.pdf'), 'shared');
    writeFileSync(path.join(src, 'only.pdf'), 'only in plan 1');
    const shared = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'shared.pdf') });
    await s.call('evidence.attachPath', { measureId: other.measureIds[0]!, path: path.join(src, 'shared.pdf') });
    const only = await s.call('evidence.attachPath', { measureId: measureIds[1]!, path: path.join(src, 'only.pdf') });
    await s.call('plans.delete', { id: planId });
    // Deleting the plan soft-removes its attachments: within the grace period nothing is collected …
    expect((await s.call('evidence.collectGarbage', {})).removedBlobs).toBe(0);
    expect(existsSync(blobPath(dataDir, only.sha256))).toBe(true);
    // … after it, the plan's own file goes.
    const gc = await s.call('evidence.collectGarbage', { purgeRemovedDays: 0 });
    expect(gc.removedBlobs).toBe(1);
    expect(existsSync(blobPath(dataDir, only.sha256))).toBe(false);
    expect(existsSync(blobPath(dataDir, shared.sha256))).toBe(true);
    s.close();
  });

  it('用系统程序打开时给出原文件名的副本，而非库内文件', async () => {
    const { s, dataDir, src, measureIds } = await setup();
    writeFileSync(path.join(src, '整改通知.pdf'), 'pdf');
    const r = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, '整改通知.pdf') });
    const out = tempDir('rectify-open-');
    const { path: copy } = await s.call('evidence.copyOut', { attachmentId: r.attachmentId, dir: out });
    expect(path.basename(copy)).toBe('整改通知.pdf');
    expect(copy).not.toBe(blobPath(dataDir, r.sha256));
    expect(readFileSync(copy, 'utf8')).toBe('pdf');
    s.close();
  });
});
