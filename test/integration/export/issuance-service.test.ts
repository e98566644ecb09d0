import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { tempDir } from '../../helpers/temp.ts';
import type { CoverNotice } from '../../../shared/domain/document.ts';
import { createTrackedPlan, trackedPlanDocument } from '../progress/fixture.ts';
import { readDocxParts } from './docx-xml.ts';

const opened: Services[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

async function workbook(): Promise<{ services: Services; dataDir: string }> {
  const dataDir = path.join(tempDir(), 'data');
  const services = await createServices({ dataDir });
  opened.push(services);
  return { services, dataDir };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

/** The document's body text and every footer's, from a .docx on disk or in base64. */
async function docxText(data: Buffer): Promise<{ body: string; footers: string; xml: string }> {
  const parts = await readDocxParts(data);
  const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const xml = parts.get('word/document.xml')!;
  const footers = [...parts.entries()].filter(([k]) => /^word\/footer\d+\.xml$/.test(k)).map(([, v]) => text(v));
  return { body: text(xml), footers: footers.join('\n'), xml };
}

const NOTICE: CoverNotice = {
  title: '中共某某局党组关于印发《整改方案》的通知',
  addressee: '机关各科室',
  body: ['现将《整改方案》印发给你们，请认真贯彻落实。'],
  issuer: '中共某某局党组',
  date: '2026年1月5日',
};

describe('rectify export: the issuance flags of the contract', () => {
  it('--issue-notice --header red --organ --doc-number --signer --cc --printed-by --printed-on: for this export only', async () => {
    const { services, dataDir } = await workbook();
    const { planId } = await createTrackedPlan(services);
    const out = path.join(dataDir, '..', 'issued.docx');
    const r = await cli([
      'export',
      planId,
      '-o',
      out,
      '--data',
      dataDir,
      '--issue-notice',
      '--header',
      'red',
      '--organ',
      '中共某某局党组文件',
      '--doc-number',
      '某局党组发〔2026〕3号',
      '--signer',
      '张三',
      '--signer',
      '李四',
      '--cc',
      '市纪委监委，市委组织部',
      '--printed-by',
      '某局办公室',
      '--printed-on',
      '2026-01-05',
    ]);
    expect(r.code).toBe(0);
    // 签发人 belong to 上行文: a notice goes without them, and the CLI says so.
    expect(r.err).toContain('提示：签发人只在上行文（报告、请示）的版头中标注，已略去。');
    const doc = await docxText(readFileSync(out));
    expect(doc.body.startsWith('中共某某局党组文件某局党组发〔2026〕3号中共某某局党组关于印发')).toBe(true);
    expect(doc.body).toContain('现将《中共某某局党组关于2025年度民主生活会查摆问题的整改方案》印发给你们');
    expect(doc.body).not.toContain('签发人');
    expect(doc.footers).toContain('抄送：市纪委监委，市委组织部。');
    expect(doc.footers).toContain('某局办公室2026年1月5日印发');
    expect(doc.xml).toContain('<w:color w:val="FF0000"/>');
    // The plan's remembered settings are untouched.
    const saved = await services.call('export.getSettings', { planId });
    expect([saved.docType, saved.letterhead, saved.colophon, saved.docNumber]).toEqual(['none', 'none', false, null]);
  });

  it('several --organ make a 联合行文 标志; --header blank leaves the 标志 out; the defaults come from the 落款', async () => {
    const { services, dataDir } = await workbook();
    const { planId } = await createTrackedPlan(services);
    const joint = path.join(dataDir, '..', 'joint.docx');
    expect((await cli(['export', planId, '-o', joint, '--data', dataDir, '--header', 'red', '--organ', '中共某某局党组', '--organ', '某某局', '--no-ledger'])).code).toBe(0);
    const j = await docxText(readFileSync(joint));
    expect(j.xml).toMatch(/<w:tbl>.*中共某某局党组.*某某局.*文件/s);
    const blank = path.join(dataDir, '..', 'blank.docx');
    expect((await cli(['export', planId, '-o', blank, '--data', dataDir, '--header', 'blank', '--doc-number', '某局党组发〔2026〕3号', '--no-ledger'])).code).toBe(0);
    const b = await docxText(readFileSync(blank));
    expect(b.body).not.toContain('中共某某局党组文件');
    expect(b.body.startsWith('某局党组发〔2026〕3号')).toBe(true);
    expect(b.xml).not.toContain('FF0000');
    const defaults = path.join(dataDir, '..', 'defaults.docx');
    const withDefaults = await cli(['export', planId, '-o', defaults, '--data', dataDir, '--header', 'red', '--cc', '市纪委监委', '--no-ledger']);
    expect(withDefaults.code).toBe(0);
    const d = await docxText(readFileSync(defaults));
    expect(d.body.startsWith('中共某某局党组文件')).toBe(true);
    // 印发机关 = the 落款's office; no 成文日期 in this plan: no date, and a notice about it
    expect(d.footers).toContain('中共某某局党组办公室');
    expect(d.footers).not.toContain('印发');
    expect(withDefaults.err).toContain('提示：版记没有印发日期：请填写印发日期或成文日期。');
  });

  it('wrong flag values are the user’s to fix: exit 2 with a Chinese message', async () => {
    const { services, dataDir } = await workbook();
    const { planId } = await createTrackedPlan(services);
    const out = path.join(dataDir, '..', 'x.docx');
    const header = await cli(['export', planId, '-o', out, '--data', dataDir, '--header', 'blue']);
    expect([header.code, header.err]).toEqual([2, expect.stringContaining('--header 只能是 red（红色版头）、blank（套打）或 none')]);
    const date = await cli(['export', planId, '-o', out, '--data', dataDir, '--printed-on', '2026/1/5']);
    expect([date.code, date.err]).toEqual([2, expect.stringContaining('--printed-on 的格式应为 YYYY-MM-DD')]);
    const long = await cli(['export', planId, '-o', out, '--data', dataDir, '--signer', '一二三四五六七八九十一']);
    expect([long.code, long.err]).toEqual([2, expect.stringContaining('签发人姓名不能超过10字')]);
    // A 发文字号 against the standard still exports, with the fault named.
    const number = await cli(['export', planId, '-o', out, '--data', dataDir, '--header', 'red', '--doc-number', '某局党组发[2026]第3号']);
    expect(number.code).toBe(0);
    expect(number.err).toContain('提示：发文字号“某局党组发[2026]第3号”：年份应使用六角括号〔〕。');
    expect(number.err).toContain('序号前不加“第”');
  });
});

describe('the report’s own 发文设置', () => {
  it('are remembered apart from the plan’s, default to 报告, and rectify report honours them', async () => {
    const { services, dataDir } = await workbook();
    const { planId } = await createTrackedPlan(services);
    expect((await services.call('export.getSettings', { planId, target: 'report' })).docType).toBe('report');
    await services.call('export.saveSettings', { planId, settings: { fontProfile: 'windows-basic', docNumber: '某局党组发〔2026〕1号' } });
    const saved = await services.call('export.saveSettings', {
      planId,
      target: 'report',
      settings: { letterhead: 'red', docNumber: '某局党组〔2026〕5号', signers: ['张三'], addressee: '中共某某市委' },
    });
    // fonts follow the plan; the 发文字号 is the report's own
    expect([saved.fontProfile, saved.docNumber, saved.docType]).toEqual(['windows-basic', '某局党组〔2026〕5号', 'report']);
    expect((await services.call('export.getSettings', { planId })).docNumber).toBe('某局党组发〔2026〕1号');

    const out = path.join(dataDir, '..', 'report.docx');
    const r = await cli(['report', planId, '-o', out, '--data', dataDir, '--as-of', '2026-02-01']);
    expect(r.code).toBe(0);
    const doc = await docxText(readFileSync(out));
    expect(doc.body.startsWith('中共某某局党组文件某局党组〔2026〕5号签发人：张三中共某某局党组关于2025年度')).toBe(true);
    expect(doc.body).toContain('中共某某市委：');
    expect(doc.body).toContain('附件：中共某某局党组关于2025年度民主生活会查摆问题的整改落实情况台账');
    // the same through the export dialog's call
    const viaExport = await services.call('export.docx', { planId, target: 'report' });
    expect((await docxText(Buffer.from(viaExport.dataBase64, 'base64'))).body).toContain('签发人：张三');
    const preview = await services.call('export.preview', { planId, target: 'report' });
    expect(preview.pages[0]!.lines.some((l) => l.red && l.runs[0]!.text === '中共某某局党组文件')).toBe(true);
  });

  it('a stored report (kind report) exports as a 报告 by default', async () => {
    const { services } = await workbook();
    const { planId } = await createTrackedPlan(services);
    const report = await services.call('progress.generateReport', { planId, asOf: '2026-02-01' });
    expect((await services.call('export.getSettings', { planId: report.id })).docType).toBe('report');
  });
});

describe('the 印发通知 is stored with the plan', () => {
  it('created from a document, read back, changed, undone, compared and duplicated', async () => {
    const { services } = await workbook();
    const { id } = await services.call('plans.createFromDocument', { document: { ...trackedPlanDocument(), notice: NOTICE } });
    expect((await services.call('plans.document', { id })).notice).toEqual(NOTICE);
    expect((await services.call('plans.get', { id })).document.notice).toEqual(NOTICE);
    const revision = (await services.call('revisions.create', { planId: id })).revision;

    const before = (await services.call('plans.get', { id })).version;
    const changed = { ...NOTICE, body: ['现将方案印发，请遵照执行。'] };
    const r = await services.call('plans.updateHeader', { planId: id, expectedVersion: before, patch: { notice: changed } });
    expect(r.version).toBe(before + 1);
    expect((await services.call('plans.document', { id })).notice).toEqual(changed);
    const diff = await services.call('revisions.diff', { revisionId: revision.id });
    expect(diff.header.find((h) => h.field === 'notice')).toMatchObject({ label: '印发通知' });
    expect(diff.header.find((h) => h.field === 'notice')!.after).toContain('现将方案印发，请遵照执行。');

    await services.call('history.undo', { planId: id });
    expect((await services.call('plans.document', { id })).notice).toEqual(NOTICE);
    const copy = await services.call('plans.duplicate', { id });
    expect((await services.call('plans.document', { id: copy.id })).notice).toEqual(NOTICE);

    const v = (await services.call('plans.get', { id })).version;
    await services.call('plans.updateHeader', { planId: id, expectedVersion: v, patch: { notice: null } });
    expect((await services.call('plans.document', { id })).notice ?? null).toBeNull();
    const restored = await services.call('revisions.restore', { revisionId: revision.id, expectedVersion: v + 1 });
    expect(restored.version).toBeGreaterThan(v + 1);
    expect((await services.call('plans.document', { id })).notice).toEqual(NOTICE);
  });

  it('the export prints the stored notice; the preview can show the one being edited without storing it', async () => {
    const { services } = await workbook();
    const { id } = await services.call('plans.createFromDocument', { document: { ...trackedPlanDocument(), notice: NOTICE } });
    const r = await services.call('export.docx', { planId: id, settings: { docType: 'notice' } });
    const doc = await docxText(Buffer.from(r.dataBase64, 'base64'));
    expect(doc.body).toContain('现将《整改方案》印发给你们，请认真贯彻落实。');
    expect(doc.body).toContain('机关各科室：');
    const editing = { ...NOTICE, body: ['正在改写的通知正文。'] };
    const preview = await services.call('export.preview', { planId: id, settings: { docType: 'notice' }, notice: editing });
    expect(preview.pages[0]!.part).toBe('notice');
    expect(preview.pages[0]!.lines.map((l) => l.runs.map((x) => x.text).join('')).join('')).toContain('正在改写的通知正文。');
    expect((await services.call('plans.document', { id })).notice).toEqual(NOTICE);
  });
});

describe('公文检查 reads the 发文设置 the next export will use', () => {
  it('a 发文字号 against the standard, and a 报告 sent to several organs', async () => {
    const { services } = await workbook();
    const { planId } = await createTrackedPlan(services);
    expect((await services.call('checks.run', { planId })).counts.doc_number_format).toBe(0);
    await services.call('export.saveSettings', { planId, settings: { docNumber: '某局党组发〔26〕3号', docType: 'report', addressee: '市委、市政府' } });
    const report = await services.call('checks.run', { planId });
    expect(report.findings.filter((f) => f.field === 'issuance').map((f) => f.rule)).toEqual(['doc_number_format', 'upward_addressee']);
  });
});
