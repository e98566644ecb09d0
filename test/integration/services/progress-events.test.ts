import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import type { TaskProgress } from '../../../shared/api/task-progress.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

const fixture = fileURLToPath(new URL('../../fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', import.meta.url));

/** Runs one call with a progress listener; the events it received. */
async function withProgress(run: (onProgress: (p: TaskProgress) => void) => Promise<unknown>): Promise<TaskProgress[]> {
  const events: TaskProgress[] = [];
  await run((p) => events.push(p));
  return events;
}

describe('长任务的进度事件（导入、导出、材料包、完整性检查）', () => {
  it('每个长任务从 0 报到完成（done = total），说明用中文；不要进度的调用不受影响', async () => {
    const s = await createServices({ dataDir: tempDir() });
    try {
      const { planId, measureIds } = await createTrackedPlan(s);
      for (const [i, measureId] of measureIds.slice(0, 3).entries()) {
        await s.call('evidence.attachData', { measureId, originalName: `会议纪要${i + 1}.txt`, dataBase64: Buffer.from(`纪要${i}`).toString('base64') });
      }
      const out = tempDir();
      const parsed = await s.call('import.parseFile', { fileName: '方案.txt', dataBase64: readFileSync(fixture).toString('base64') });
      const cases: [string, (onProgress: (p: TaskProgress) => void) => Promise<unknown>][] = [
        ['import', (onProgress) => s.call('import.parseFile', { fileName: '方案.txt', dataBase64: readFileSync(fixture).toString('base64') }, { onProgress })],
        ['import', (onProgress) => s.call('import.commit', { document: parsed.document }, { onProgress })],
        ['export', (onProgress) => s.call('export.docx', { planId }, { onProgress })],
        ['export', (onProgress) => s.call('progress.exportLedger', { planId, output: path.join(out, '台账.xlsx') }, { onProgress })],
        ['export', (onProgress) => s.call('progress.exportReport', { planId, output: path.join(out, '报告.docx') }, { onProgress })],
        ['package', (onProgress) => s.call('evidence.exportPackage', { planId, output: path.join(out, '材料包.zip') }, { onProgress })],
        ['package', (onProgress) => s.call('evidence.exportPackage', { planId, output: path.join(out, '材料包文件夹') }, { onProgress })],
        ['verify', (onProgress) => s.call('evidence.verify', {}, { onProgress })],
      ];
      for (const [task, run] of cases) {
        const events = await withProgress(run);
        expect(events.length, task).toBeGreaterThan(0);
        expect(events.every((e) => e.task === task && /[\u4e00-\u9fff]/.test(e.stage)), task).toBe(true);
        const last = events.at(-1)!;
        expect(last.total, task).not.toBeNull();
        expect(last.done, task).toBe(last.total);
        // Never backwards.
        expect(events.map((e) => e.done), task).toEqual([...events.map((e) => e.done)].sort((a, b) => a - b));
      }
      const packaged = await withProgress((onProgress) => s.call('evidence.exportPackage', { planId, output: path.join(out, '再一个.zip') }, { onProgress }));
      expect(packaged.map((e) => e.done)).toEqual([0, 0, 1, 2, 3]);
      expect(packaged[0]!.total).toBe(3);
      // Without a listener the same calls work and report nothing anywhere.
      await expect(s.call('evidence.verify', {})).resolves.toMatchObject({ ok: true, checked: 3 });
    } finally {
      s.close();
    }
  });
});
