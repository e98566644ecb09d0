import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

describe('复制进度（evidence.transferProgress）', () => {
  it('复制大文件时可随时查询已复制的字节数与总数；复制结束后查询为 null', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    const { measureIds } = await createTrackedPlan(s);
    const file = path.join(tempDir('rectify-src-'), '整改工作录像.mp4');
    const size = 48 * 1024 * 1024;
    writeFileSync(file, Buffer.alloc(size, 7));

    const seen: { bytes: number; total: number | null }[] = [];
    let finished = false;
    const copying = s.call('evidence.attachPath', { measureId: measureIds[0]!, path: file, transferId: 'tr-1' }).finally(() => {
      finished = true;
    });
    while (!finished) {
      const p = await s.call('evidence.transferProgress', { transferId: 'tr-1' });
      if (p) seen.push(p);
      await new Promise((r) => setImmediate(r));
    }
    const result = await copying;
    expect(result.size).toBe(size);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.total === size)).toBe(true);
    // It moves forward and never past the file.
    expect(seen.some((p) => p.bytes > 0 && p.bytes < size)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    expect(await s.call('evidence.transferProgress', { transferId: 'tr-1' })).toBeNull();
    s.close();
  });

  it('源文件不存在：给出中文说明，进度记录也随之清除', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measureIds } = await createTrackedPlan(s);
    await expect(
      s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(tempDir(), '没有这个文件.pdf'), transferId: 'tr-2' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('没有这个文件.pdf') });
    expect(await s.call('evidence.transferProgress', { transferId: 'tr-2' })).toBeNull();
    s.close();
  });
});
