import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { ledgerRows } from '../../../shared/ledger/index.ts';
import { reportCounts } from '../../../shared/progress/counts.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from './fixture.ts';

async function trackedWithProgress(): Promise<{ s: Services; planId: string; measureIds: string[] }> {
  const s = await createServices({ dataDir: tempDir() });
  const { planId, measureIds } = await createTrackedPlan(s);
  const [m1, m2, m3, m4] = measureIds;
  await s.call('progress.setStatus', { measureId: m1!, status: 'done', note: '完成专题学习12次', date: '2026-01-20' });
  await s.call('progress.close', { measureId: m2!, approver: '副局长王五', date: '2026-01-12' });
  await s.call('progress.setStatus', { measureId: m3!, status: 'ongoing', note: '建立月度通报机制', date: '2026-01-18' });
  await s.call('progress.setStatus', { measureId: m4!, status: 'in_progress', date: '2026-01-18' });
  const src = tempDir('rectify-src-');
  writeFileSync(path.join(src, '党组会议纪要.pdf'), '%PDF');
  await s.call('evidence.attachPath', { measureId: m1!, path: path.join(src, '党组会议纪要.pdf'), date: '2026-01-15' });
  return { s, planId, measureIds };
}

async function zipEntry(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.readEntry();
    });
  });
}

/** The visible text of a .docx body, paragraph by paragraph. */
function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

describe('整改台账导出', () => {
  it('.xlsx：标题、加粗带底色的表头、冻结表头、列宽、自动换行、横向 A4、问题单元格合并、进展与佐证列、合计行', async () => {
    const { s, planId } = await trackedWithProgress();
    const out = path.join(tempDir('rectify-out-'), '台账.xlsx');
    const r = await s.call('progress.exportLedger', { planId, output: out });
    expect(r).toMatchObject({ format: 'xlsx', rows: 5 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('中共某某局党组关于2025年度民主生活会查摆问题的整改落实情况台账');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '问题', '整改措施', '责任领导', '责任部门', '责任人', '完成时限', '整改进展', '佐证材料', '是否销号', '备注']);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '2:2' });
    for (let c = 1; c <= header.length; c++) expect(ws.getColumn(c).width).toBeGreaterThan(4);
    expect(ws.getColumn(3).width).toBeGreaterThan(ws.getColumn(1).width!);
    expect(ws.getCell('C3').alignment?.wrapText).toBe(true);
    // 序号 1..5, 问题 merged over the two measures of each problem.
    expect([3, 4, 5, 6, 7].map((n) => ws.getCell(`A${n}`).value)).toEqual([1, 2, 3, 4, 5]);
    expect(ws.getCell('B3').value).toBe('理论学习不够深入系统');
    expect(ws.getCell('B4').isMerged).toBe(true);
    expect(ws.getCell('B4').master.address).toBe('B3');
    expect(ws.getCell('B7').value).toBe('保障措施');
    expect(ws.getCell('C3').value).toBe('深化理论武装。深化理论武装的具体做法。');
    expect(ws.getCell('H3').value).toBe('已完成。完成专题学习12次');
    expect(ws.getCell('I3').value).toBe('一-1-1_会议纪要_20260115.pdf');
    expect(ws.getCell('J4').value).toBe('是\n副局长王五，2026-01-12');
    expect(ws.getCell('J3').value).toBe('否');
    expect(ws.getCell('G5').value).toBe('长期坚持');
    expect(ws.getCell('A8').value).toBe('共涉及问题3个、整改措施5项，已完成2项（其中已销号1项），完成率40%。');
    s.close();
  });

  it('列组 D 只含方案字段', async () => {
    const { s, planId } = await trackedWithProgress();
    const ledger = await s.call('progress.ledger', { planId, columnSet: 'D' });
    expect(ledger.columns.map((c) => c.label)).toEqual(['序号', '问题类别', '问题', '整改措施', '责任领导', '责任部门', '完成时限', '备注']);
    expect(ledger.measures[0]!.cells.category).toBe('理论学习');
    s.close();
  });

  it('.docx：横向页面、重复表头、含进展与佐证列', async () => {
    const { s, planId } = await trackedWithProgress();
    const out = path.join(tempDir('rectify-out-'), '台账.docx');
    await s.call('progress.exportLedger', { planId, output: out });
    const xml = await zipEntry(out, 'word/document.xml');
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(xml).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    const text = docxText(xml);
    for (const t of ['整改进展', '佐证材料', '是否销号', '深化理论武装', '已完成。完成专题学习12次', '一-1-1_会议纪要_20260115.pdf', '副局长王五，2026-01-12']) {
      expect(text).toContain(t);
    }
    s.close();
  });

  it('格式无法判断、没有措施时给出中文提示', async () => {
    const { s, planId } = await trackedWithProgress();
    await expect(s.call('progress.exportLedger', { planId, output: path.join(tempDir(), 'a.pdf') })).rejects.toThrow(/\.xlsx 或 \.docx/);
    const empty = await s.call('plans.create', { title: '空方案' });
    await expect(s.call('progress.exportLedger', { planId: empty.id, output: path.join(tempDir(), 'a.xlsx') })).rejects.toThrow(/没有整改措施/);
    s.close();
  });
});

describe('整改落实情况报告', () => {
  it('由数据生成：问题数、措施数、已完成数、完成率与台账一致；每个问题一节，每项措施写明整改情况', async () => {
    const { s, planId } = await trackedWithProgress();
    const ledger = await s.call('progress.ledger', { planId });
    const doc = await s.call('progress.reportDocument', { planId, asOf: '2026-02-01' });
    expect(doc.kind).toBe('report');
    expect(doc.title).toBe('中共某某局党组关于2025年度民主生活会查摆问题整改落实情况的报告');
    const c = ledger.counts;
    expect(doc.preamble[0]).toContain(`共查摆问题${c.problems}个，制定整改措施${c.measures}项。截至2026年2月1日，已完成${c.completed}项，完成率${c.completionRateText}`);
    expect([c.problems, c.measures, c.completed, c.completionRateText]).toEqual([3, 5, 2, '40%']);
    expect(doc.preamble[0]).toContain('其余3项中，需长期坚持1项、正在推进2项');
    const specific = doc.sections[1]!;
    expect(specific.heading).toBe('具体问题整改落实情况');
    expect(specific.children.map((g) => g.heading)).toEqual(['关于“理论学习不够深入系统”的问题', '关于“形式主义问题仍有发生”的问题', '关于“保障措施”的问题']);
    const first = specific.children[0]!.children[0]!;
    expect(first.body.at(-1)).toBe('整改情况：已完成，完成专题学习12次。佐证材料：会议纪要等1份。');
    expect(specific.children[0]!.children[1]!.body.at(-1)).toBe('整改情况：已销号，已于2026年1月12日销号。');
    expect(doc.attachments).toEqual([ledger.title]);
    expect(doc.date).toBe('2026年2月1日');
    // The report's own measures make the same ledger: same rows, same counts.
    const rows = ledgerRows(doc);
    expect(rows.length).toBe(ledger.measures.length);
    expect(reportCounts(rows.map((r) => ({ status: r.measure.status, problem: { key: r.groupKey } })))).toEqual(c);
    s.close();
  });

  it('报告的数字与导出的 .xlsx 台账逐项一致，状态变化后仍一致', async () => {
    const { s, planId, measureIds } = await trackedWithProgress();
    await s.call('progress.setStatus', { measureId: measureIds[4]!, status: 'done', date: '2026-01-25' });
    const out = path.join(tempDir('rectify-out-'), '台账.xlsx');
    await s.call('progress.exportLedger', { planId, output: out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const data: { problem: string; progress: string }[] = [];
    let lastProblem = '';
    for (let n = 3; typeof ws.getCell(`A${n}`).value === 'number'; n++) {
      const cell = ws.getCell(`B${n}`);
      if (!cell.isMerged || cell.master.address === cell.address) lastProblem = String(cell.value);
      data.push({ problem: `${cell.master.address}:${lastProblem}`, progress: String(ws.getCell(`H${n}`).value) });
    }
    const measures = data.length;
    const problems = new Set(data.map((d) => d.problem)).size;
    const completed = data.filter((d) => /^(已完成|已销号)/.test(d.progress)).length;
    const doc = await s.call('progress.reportDocument', { planId, asOf: '2026-02-01' });
    const m = /共查摆问题(\d+)个，制定整改措施(\d+)项。截至.+?，已完成(\d+)项，完成率([\d.]+%)/.exec(doc.preamble[0]!);
    expect(m).not.toBeNull();
    expect([Number(m![1]), Number(m![2]), Number(m![3])]).toEqual([problems, measures, completed]);
    expect(m![4]).toBe('60%');
    expect(String(ws.getCell(`A${3 + measures}`).value)).toContain(`共涉及问题${problems}个、整改措施${measures}项，已完成${completed}项`);
    s.close();
  });

  it('导出 Word：正文含统计数字和各措施整改情况，附件为横向整改台账', async () => {
    const { s, planId } = await trackedWithProgress();
    const out = path.join(tempDir('rectify-out-'), '报告.docx');
    const r = await s.call('progress.exportReport', { planId, output: out, asOf: '2026-02-01' });
    expect(r.title).toContain('整改落实情况的报告');
    const xml = await zipEntry(out, 'word/document.xml');
    const text = docxText(xml);
    expect(text).toContain('共查摆问题3个，制定整改措施5项。截至2026年2月1日，已完成2项，完成率40%');
    expect(text).toContain('整改情况：已完成，完成专题学习12次。');
    expect(text).toContain('附件：中共某某局党组关于2025年度民主生活会查摆问题的整改落实情况台账');
    expect(text).toContain('特此报告。');
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(text).toContain('一-1-1_会议纪要_20260115.pdf');
    expect(readFileSync(out).length).toBeGreaterThan(1000);
    s.close();
  });

  it('生成为可编辑的新方案（kind = report），原方案不变', async () => {
    const { s, planId } = await trackedWithProgress();
    const before = await s.call('plans.document', { id: planId });
    const summary = await s.call('progress.generateReport', { planId, asOf: '2026-02-01' });
    expect(summary.kind).toBe('report');
    expect(summary.measureCount).toBe(5);
    const stored = await s.call('plans.document', { id: summary.id });
    expect(stored.preamble[0]).toContain('已完成2项，完成率40%');
    expect(stored.problems.map((p) => p.text)).toEqual(['理论学习不够深入系统', '形式主义问题仍有发生', '保障措施']);
    expect(await s.call('plans.document', { id: planId })).toEqual(before);
    s.close();
  });
});
