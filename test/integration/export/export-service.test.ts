import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { tempDir } from '../../helpers/temp.ts';
import { bigPlan } from '../../helpers/big-plan.ts';
import { readDocxParts } from './docx-xml.ts';

const opened: Services[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

async function workbook(): Promise<{ services: Services; dataDir: string; planId: string }> {
  const dataDir = path.join(tempDir(), 'data');
  const services = await createServices({ dataDir });
  opened.push(services);
  const doc = bigPlan({ aspects: 2, problemsPerAspect: 2, measuresPerProblem: 2 });
  const { id } = await services.call('plans.createFromDocument', { document: doc });
  return { services, dataDir, planId: id };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('export service', () => {
  it('exports a stored plan as .docx with the ledger appendix, and honours per-call overrides', async () => {
    const { services, planId } = await workbook();
    const r = await services.call('export.docx', { planId });
    expect(r.fileName).toBe('市人大常委会党组2025年度民主生活会查摆问题整改方案.docx');
    const parts = await readDocxParts(Buffer.from(r.dataBase64, 'base64'));
    const xml = parts.get('word/document.xml')!;
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:tblHeader/>');
    const without = await services.call('export.docx', { planId, settings: { ledger: false, fontProfile: 'xinchuang' } });
    const parts2 = await readDocxParts(Buffer.from(without.dataBase64, 'base64'));
    expect(parts2.get('word/document.xml')).not.toContain('w:orient="landscape"');
    expect(parts2.get('word/styles.xml')).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(parts2.get('word/document.xml')).toContain('w:eastAsia="方正黑体_GBK"');
    expect(parts2.get('word/fontTable.xml')).toContain('w:name="方正小标宋_GBK"');
  });

  it('keeps the exported version as a 导出前 revision, once per version', async () => {
    const { services, planId } = await workbook();
    await services.call('export.docx', { planId });
    await services.call('export.docx', { planId, settings: { seal: true } });
    const revisions = await services.call('revisions.list', { planId });
    expect(revisions.filter((r) => r.reason === '导出前')).toHaveLength(1);
  });

  it('writes mirror margins and the page-number form when asked', async () => {
    const { services, planId } = await workbook();
    const plain = await readDocxParts(Buffer.from((await services.call('export.docx', { planId })).dataBase64, 'base64'));
    expect(plain.get('word/settings.xml')).not.toContain('mirrorMargins');
    const r = await services.call('export.docx', { planId, settings: { mirrorMargins: true, pageNumberSpaces: false } });
    const parts = await readDocxParts(Buffer.from(r.dataBase64, 'base64'));
    expect(parts.get('word/settings.xml')).toMatch(/<w:mirrorMargins\/><w:defaultTabStop/);
    const footers = [...parts.entries()].filter(([name]) => /word\/footer\d+\.xml/.test(name)).map(([, xml]) => xml);
    expect(footers.some((f) => f.includes('PAGE') && f.includes('>—</w:t>'))).toBe(true);
    expect(footers.some((f) => f.includes('>— </w:t>'))).toBe(false);
  });

  it('remembers settings per plan in its settings, without touching the plan version or other settings', async () => {
    const { services, planId } = await workbook();
    const before = await services.call('plans.get', { id: planId });
    expect((await services.call('export.getSettings', { planId })).fontProfile).toBe('windows');
    const saved = await services.call('export.saveSettings', { planId, settings: { fontProfile: 'windows-basic', seal: true } });
    expect(saved.fontProfile).toBe('windows-basic');
    expect(saved.seal).toBe(true);
    expect(saved.ledger).toBe(true);
    const again = await services.call('export.saveSettings', { planId, settings: { ledger: false } });
    expect([again.fontProfile, again.seal, again.ledger]).toEqual(['windows-basic', true, false]);
    const after = await services.call('plans.get', { id: planId });
    expect(after.version).toBe(before.version);
    expect(after.meta.settings.level3Numbering).toBe(before.meta.settings.level3Numbering);
    expect((after.meta.settings.export as { fontProfile: string }).fontProfile).toBe('windows-basic');
    const r = await services.call('export.docx', { planId });
    const parts = await readDocxParts(Buffer.from(r.dataBase64, 'base64'));
    expect(parts.get('word/styles.xml')).toContain('w:eastAsia="仿宋"');
    expect(parts.get('word/document.xml')).not.toContain('w:orient="landscape"');
  });

  it('rejects bad settings and unknown plans with Chinese messages', async () => {
    const { services, planId } = await workbook();
    await expect(services.call('export.saveSettings', { planId, settings: { fontProfile: 'mac' } })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(services.call('export.docx', { planId: 'nope' })).rejects.toThrow('找不到方案');
  });

  it('exports the ledger alone as one landscape table without the 附件 label', async () => {
    const { services, planId } = await workbook();
    const r = await services.call('export.ledgerDocx', { planId });
    expect(r.fileName).toBe('市人大常委会党组2025年度民主生活会查摆问题整改台账.docx');
    const xml = (await readDocxParts(Buffer.from(r.dataBase64, 'base64'))).get('word/document.xml')!;
    expect(xml.match(/<w:sectPr>/g)).toHaveLength(1);
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).not.toContain('>附件<');
    expect(xml.match(/<w:tr>/g)).toHaveLength(1 + 8);
    const empty = await services.call('plans.create', { title: '空方案' });
    await expect(services.call('export.ledgerDocx', { planId: empty.id })).rejects.toThrow('没有整改措施');
  });

  it('previews pages at the document metrics', async () => {
    const { services, planId } = await workbook();
    const p = await services.call('export.preview', { planId });
    expect(p.geometry).toMatchObject({ rowsPerPage: 22, charsPerLine: 28, linePitch: 579, pageWidth: 11906, pageHeight: 16838 });
    const portrait = p.pages.filter((pg) => pg.orientation === 'portrait');
    expect(portrait.length).toBeGreaterThan(1);
    expect(portrait.slice(0, -1).every((pg) => pg.lines.length >= 20 && pg.lines.length <= 22)).toBe(true);
    expect(portrait[0]!.lines[0]!.runs[0]).toMatchObject({ role: 'xbs' });
    expect(p.pages.map((pg) => pg.number)).toEqual(p.pages.map((_, i) => i + 1));
    const ledger = p.pages.filter((pg) => pg.orientation === 'landscape');
    expect(ledger.length).toBeGreaterThan(0);
    expect(ledger.every((pg) => pg.table!.rows[0]!.header)).toBe(true);
    expect(ledger.flatMap((pg) => pg.table!.rows.filter((r) => !r.header && r.cells.some((c) => c.column === 0)))).toHaveLength(8);
    expect(p.fonts.fang).toBe('仿宋_GB2312');
  });

  it('checks whether the chosen fonts are installed', async () => {
    const { services } = await workbook();
    const r = await services.call('export.checkFonts', { fontProfile: 'xinchuang' });
    if (r.checked) {
      // The build machines have only free substitutes, never the commercial 方正 faces.
      expect(r.missing).toContain('方正仿宋_GBK');
      expect(r.message).toContain('本机未安装字体');
    } else {
      expect(r.missing).toEqual([]);
    }
  });
});

describe('rectify export / convert', () => {
  it('exports a stored plan to a file', async () => {
    const { dataDir, planId, services } = await workbook();
    services.close();
    opened.length = 0;
    const out = path.join(tempDir(), 'out', '方案.docx');
    const r = await cli(['export', planId, '-o', out, '--no-ledger', '--fonts', 'windows-basic', '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出');
    const parts = await readDocxParts(readFileSync(out));
    expect(parts.get('word/document.xml')).not.toContain('landscape');
    expect(parts.get('word/document.xml')).toContain('w:eastAsia="楷体"');
  });

  it('converts a text file without touching the workbook, the ledger only with --ledger', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const out = path.join(dir, 'a.docx');
    const r = await cli(['convert', 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', '-o', out, '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
    const xml = (await readDocxParts(readFileSync(out))).get('word/document.xml')!;
    expect(xml).toContain('一、指导思想');
    expect(xml).not.toContain('landscape');
    const out2 = path.join(dir, 'b.docx');
    expect((await cli(['convert', 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', '-o', out2, '--ledger'])).code).toBe(0);
    expect((await readDocxParts(readFileSync(out2))).get('word/document.xml')).toContain('landscape');
  });

  it('exits 2 with a Chinese message on bad input', async () => {
    const dir = tempDir();
    const cases: [string[], string][] = [
      [['convert', 'test/fixtures/none.txt', '-o', path.join(dir, 'x.docx')], '找不到文件'],
      [['convert', 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt'], '缺少输出文件'],
      [['convert', 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', '-o', path.join(dir, 'x.pdf')], '.docx'],
      [['convert', 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', '-o', path.join(dir, 'x.docx'), '--fonts', 'mac'], '字体方案'],
      [['export', 'no-such-plan', '-o', path.join(dir, 'x.docx'), '--data', path.join(dir, 'data')], '找不到方案'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '   \n');
    const r = await cli(['convert', empty, '-o', path.join(dir, 'e.docx')]);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'e.docx'))).toBe(false);
  });
});
