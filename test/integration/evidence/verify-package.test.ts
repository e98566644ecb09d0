import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipFile } from '../../helpers/zip.ts';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { tempDir } from '../../helpers/temp.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

async function withEvidence(): Promise<{ s: Services; dataDir: string; planId: string; measureIds: string[]; ids: Record<string, { attachmentId: string; sha256: string }> }> {
  const dataDir = tempDir();
  const src = tempDir('rectify-src-');
  const s = await createServices({ dataDir });
  const { planId, measureIds } = await createTrackedPlan(s);
  const files: [string, number, string, string | null, string][] = [
    ['党组会议纪要（第3次）.pdf', 0, '会议纪要', '2026-01-15', '%PDF 纪要'],
    ['学习现场 1.jpg', 0, '照片', '2026-01-15', 'JPEG-1'],
    ['学习现场 2.jpg', 0, '照片', '2026-01-15', 'JPEG-2'],
    ['学习制度.docx', 1, '制度文本', '2026-01-10', 'DOCX 制度'],
    ['签到表.xlsx', 4, '签到表', null, 'XLSX 签到'],
  ];
  const ids: Record<string, { attachmentId: string; sha256: string }> = {};
  for (const [name, mi, type, date, content] of files) {
    const file = path.join(src, name);
    writeFileSync(file, content);
    const r = await s.call('evidence.attachPath', {
      measureId: measureIds[mi]!,
      path: file,
      type: type as '其他',
      date,
    });
    ids[name] = { attachmentId: r.attachmentId, sha256: r.sha256 };
  }
  return { s, dataDir, planId, measureIds, ids };
}

describe('完整性检查（evidence.verify）', () => {
  it('全部完好时 ok', async () => {
    const { s } = await withEvidence();
    const r = await s.call('evidence.verify', {});
    expect(r).toMatchObject({ ok: true, checked: 5, problems: [] });
    s.close();
  });

  it('发现被改动一个字节的文件和缺失的文件，并指出方案、措施编号和原文件名', async () => {
    const { s, dataDir, ids } = await withEvidence();
    const altered = blobPath(dataDir, ids['学习制度.docx']!.sha256);
    const bytes = readFileSync(altered);
    bytes[2] = bytes[2]! ^ 0x01;
    writeFileSync(altered, bytes);
    unlinkSync(blobPath(dataDir, ids['签到表.xlsx']!.sha256));
    const r = await s.call('evidence.verify', {});
    expect(r.ok).toBe(false);
    expect(r.checked).toBe(5);
    const byState = Object.fromEntries(r.problems.map((p) => [p.state, p]));
    expect(byState.altered!.sha256).toBe(ids['学习制度.docx']!.sha256);
    expect(byState.altered!.attachments).toEqual([
      expect.objectContaining({ planTitle: expect.stringContaining('民主生活会'), measurePath: '一-1-2', measureHeading: '健全学习制度', originalName: '学习制度.docx' }),
    ]);
    expect(byState.missing!.attachments).toEqual([expect.objectContaining({ measurePath: '二-1', originalName: '签到表.xlsx' })]);
    // Preview and export refuse the missing file with a Chinese message instead of a crash.
    await expect(s.call('evidence.read', { attachmentId: ids['签到表.xlsx']!.attachmentId })).rejects.toThrow(/已丢失/);
    s.close();
  });

  it('重新添加原件即修复被改动的文件', async () => {
    const { s, dataDir, ids, measureIds } = await withEvidence();
    const file = blobPath(dataDir, ids['学习制度.docx']!.sha256);
    writeFileSync(file, 'DOCX 制X'.padEnd(readFileSync(file).length, ' '));
    expect((await s.call('evidence.verify', {})).ok).toBe(false);
    const r = await s.call('evidence.attachData', {
      measureId: measureIds[1]!,
      originalName: '学习制度.docx',
      dataBase64: Buffer.from('DOCX 制度').toString('base64'),
    });
    expect(r.deduplicated).toBe(false);
    expect((await s.call('evidence.verify', {})).ok).toBe(true);
    s.close();
  });
});

describe('佐证材料包（evidence.exportPackage）', () => {
  it('zip：按措施编号和类型重命名，UTF-8 文件名，内容不变，附佐证材料目录', async () => {
    const { s, planId, ids } = await withEvidence();
    await s.call('evidence.remove', { attachmentId: ids['学习现场 2.jpg']!.attachmentId });
    const out = path.join(tempDir('rectify-out-'), '佐证材料.zip');
    const r = await s.call('evidence.exportPackage', { planId, output: out });
    expect(r.format).toBe('zip');
    const today = localIsoDate().replace(/-/g, '');
    expect(r.entries.map((e) => e.fileName)).toEqual([
      '一-1-1_会议纪要_20260115.pdf',
      '一-1-1_照片_20260115.jpg',
      '一-1-2_制度文本_20260110.docx',
      `二-1_签到表_${today}.xlsx`,
    ]);
    const zip = await unzipFile(out, { requireUtf8Names: true });
    expect([...zip.keys()].sort()).toEqual([...r.entries.map((e) => e.fileName), '佐证材料目录.xlsx'].sort());
    expect(zip.get('一-1-1_会议纪要_20260115.pdf')!.toString()).toBe('%PDF 纪要');
    expect(zip.get('一-1-2_制度文本_20260110.docx')!.toString()).toBe('DOCX 制度');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(zip.get('佐证材料目录.xlsx')! as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['序号', '文件名', '措施编号', '原文件名']));
    const rows = [3, 4, 5, 6].map((n) => ws.getRow(n).getCell(2).value);
    expect(rows).toEqual(r.entries.map((e) => e.fileName));
    expect(ws.getRow(3).getCell(6).value).toBe('党组会议纪要（第3次）.pdf');
    // The ledger cites the same names in its 佐证材料 column.
    const ledger = await s.call('progress.ledger', { planId });
    expect(ledger.measures[0]!.cells.evidence).toBe('一-1-1_会议纪要_20260115.pdf\n一-1-1_照片_20260115.jpg');
    s.close();
  });

  it('同一措施同类同日的多个文件自动编号，不会互相覆盖', async () => {
    const { s, planId } = await withEvidence();
    const out = path.join(tempDir('rectify-out-'), 'pkg');
    const r = await s.call('evidence.exportPackage', { planId, output: out, catalog: 'docx' });
    expect(r.format).toBe('folder');
    expect(r.entries.slice(1, 3).map((e) => e.fileName)).toEqual(['一-1-1_照片_20260115.jpg', '一-1-1_照片_20260115(2).jpg']);
    expect(readdirSync(out).sort()).toEqual([...r.entries.map((e) => e.fileName), '佐证材料目录.docx'].sort());
    expect(readFileSync(path.join(out, '一-1-1_照片_20260115(2).jpg'), 'utf8')).toBe('JPEG-2');
    s.close();
  });

  it('文件缺失或目标文件夹非空时报错，不留下半个材料包', async () => {
    const { s, dataDir, planId, ids } = await withEvidence();
    const base = tempDir('rectify-out-');
    const busy = path.join(base, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'x.txt'), 'x');
    await expect(s.call('evidence.exportPackage', { planId, output: busy })).rejects.toThrow(/不是空的/);
    unlinkSync(blobPath(dataDir, ids['签到表.xlsx']!.sha256));
    await expect(s.call('evidence.exportPackage', { planId, output: path.join(base, 'a.zip') })).rejects.toThrow(/签到表.xlsx.*已丢失/);
    expect(existsSync(path.join(base, 'a.zip'))).toBe(false);
    expect(readdirSync(base)).toEqual(['busy']);
    s.close();
  });
});
