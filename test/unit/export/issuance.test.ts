import { describe, expect, it } from 'vitest';
import { defaultExportSettings, ExportSettingsPatchSchema, resolveExportSettings } from '../../../shared/domain/export-settings.ts';
import {
  addresseeOrgans,
  docNumberProblems,
  formatCopyNumber,
  isMultipleAddressee,
  isUpward,
  issuanceDefaultsForKind,
  officeOf,
  organMark,
  splitOrganMark,
} from '../../../shared/domain/issuance.ts';
import { defaultNoticeBody, defaultNoticeTitle, effectiveNotice } from '../../../shared/domain/cover-notice.ts';
import { emptyDocument } from '../../../shared/domain/document.ts';

describe('发文设置 (issuance settings)', () => {
  it('by default nothing is issued: no 文种, no 版头, no 版记, single-sided, 文件 after the organ', () => {
    const s = defaultExportSettings();
    expect([s.docType, s.letterhead, s.colophon, s.duplex, s.planSignatureWithNotice]).toEqual(['none', 'none', false, false, false]);
    expect([s.organs, s.organSuffix, s.docNumber, s.signers, s.copyNumber, s.secrecy, s.urgency, s.addressee, s.cc, s.printedBy, s.printedOn]).toEqual([
      [],
      '文件',
      null,
      [],
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('a patch trims text, turns empty text into “not set”, and rejects bad values in Chinese', () => {
    expect(ExportSettingsPatchSchema.parse({ docNumber: '  ××党组发〔2026〕3号 ', cc: '   ', copyNumber: '' })).toEqual({ docNumber: '××党组发〔2026〕3号', cc: null, copyNumber: null });
    const bad = (patch: object) => ExportSettingsPatchSchema.safeParse(patch).error?.issues[0]?.message;
    expect(bad({ copyNumber: '12a' })).toBe('份号应为不超过6位的数字');
    expect(bad({ copyNumber: '1234567' })).toBe('份号应为不超过6位的数字');
    expect(bad({ printedOn: '2026/1/5' })).toBe('印发日期应写成2026-01-05或2026年1月5日');
    expect(bad({ letterhead: 'blue' })).toBeDefined();
    expect(bad({ signers: ['一二三四五六七八九十一'] })).toBe('签发人姓名不能超过10字');
    expect(ExportSettingsPatchSchema.parse({ printedOn: '2026年1月5日' }).printedOn).toBe('2026年1月5日');
  });

  it('remembered values that no longer validate fall back to the default, one field at a time', () => {
    const s = resolveExportSettings({ docType: 'notice', letterhead: 'purple', copyNumber: 'x', signers: ['张三'] });
    expect([s.docType, s.letterhead, s.copyNumber, s.signers]).toEqual(['notice', 'none', null, ['张三']]);
  });

  it('整改落实情况报告 (a report plan, or the 报告 template) default to 文种 报告, an upward document', () => {
    expect(issuanceDefaultsForKind('report')).toEqual({ docType: 'report' });
    expect(issuanceDefaultsForKind('zhenggai-baogao')).toEqual({ docType: 'report' });
    expect(issuanceDefaultsForKind('minzhu-shenghuohui')).toEqual({});
    expect([isUpward('report'), isUpward('request'), isUpward('notice'), isUpward('none')]).toEqual([true, true, false, false]);
  });
});

describe('names derived from the 落款', () => {
  it('发文机关标志 = organ + 文件; a name typed with 文件 is split back', () => {
    expect(organMark('中共××局党组', '文件')).toBe('中共××局党组文件');
    expect(organMark('中共××局党组文件', '文件')).toBe('中共××局党组文件');
    expect(organMark('中共××局党组', '')).toBe('中共××局党组');
    expect(splitOrganMark('中共××市××局党组文件')).toEqual({ organ: '中共××市××局党组', suffix: '文件' });
    expect(splitOrganMark('中共××市××局党组')).toEqual({ organ: '中共××市××局党组', suffix: '文件' });
  });

  it('印发机关 defaults to the 落款’s office', () => {
    expect(officeOf('中共××局党组')).toBe('中共××局党组办公室');
    expect(officeOf('××市人民政府办公厅')).toBe('××市人民政府办公厅');
    expect(officeOf('中共××市委办公室')).toBe('中共××市委办公室');
  });

  it('份号 prints as six digits', () => {
    expect(formatCopyNumber('12')).toBe('000012');
    expect(formatCopyNumber('000003')).toBe('000003');
  });
});

describe('发文字号 check: full year in 〔〕, no 第, no zero padding', () => {
  it('accepts the standard form', () => {
    for (const ok of ['××党组发〔2026〕3号', '京政办发〔2025〕12号', '某局党组〔2026〕105号']) expect(docNumberProblems(ok)).toEqual([]);
    expect(docNumberProblems('')).toEqual([]);
  });

  it('names each fault', () => {
    expect(docNumberProblems('××党组发[2026]3号')).toEqual(['年份应使用六角括号〔〕']);
    expect(docNumberProblems('××党组发【2026】3号')).toEqual(['年份应使用六角括号〔〕']);
    expect(docNumberProblems('××党组发（2026）3号')).toEqual(['年份应使用六角括号〔〕']);
    expect(docNumberProblems('××党组发〔26〕3号')).toEqual(['年份应写全四位（如〔2026〕）']);
    expect(docNumberProblems('××党组发〔2026〕第3号')).toEqual(['序号前不加“第”']);
    expect(docNumberProblems('××党组发〔2026〕03号')).toEqual(['序号不编虚位（写3号，不写03号）']);
    expect(docNumberProblems('××党组发〔2026〕3')).toEqual(['发文字号应以“号”结尾']);
    expect(docNumberProblems('××党组发[26]第03号')).toEqual(['年份应使用六角括号〔〕', '年份应写全四位（如〔2026〕）', '序号前不加“第”', '序号不编虚位（写3号，不写03号）']);
    expect(docNumberProblems('××党组发2026年3号')).toEqual(['年份应使用六角括号〔〕']);
  });
});

describe('主送 of an upward document', () => {
  it('one organ only: several organs or a group (各……) are more than one', () => {
    expect(isMultipleAddressee('中共××市委')).toBe(false);
    expect(isMultipleAddressee('中共××市委：')).toBe(false);
    expect(isMultipleAddressee('中共××市委、市纪委')).toBe(true);
    expect(isMultipleAddressee('市委，市政府')).toBe(true);
    expect(isMultipleAddressee('各县（市、区）委')).toBe(true);
    expect(addresseeOrgans('市委、市政府：')).toEqual(['市委', '市政府']);
  });
});

describe('印发通知 as printed', () => {
  const doc = { ...emptyDocument('中共××局党组2025年度民主生活会查摆问题整改方案。'), addressee: '机关各处室、各直属单位', issuer: '中共××局党组', date: '2026年1月5日' };

  it('defaults: {落款}关于印发《{标题}》的通知, the plan’s 主送, one sentence of body, the plan’s 落款 and date', () => {
    expect(effectiveNotice(doc)).toEqual({
      title: '中共××局党组关于印发《中共××局党组2025年度民主生活会查摆问题整改方案》的通知',
      addressee: '机关各处室、各直属单位',
      body: ['现将《中共××局党组2025年度民主生活会查摆问题整改方案》印发给你们，请结合实际认真抓好落实。'],
      issuer: '中共××局党组',
      date: '2026年1月5日',
    });
    expect(defaultNoticeTitle(null, '整改方案')).toBe('关于印发《整改方案》的通知');
    expect(defaultNoticeBody('整改方案')).toBe('现将《整改方案》印发给你们，请结合实际认真抓好落实。');
  });

  it('the notice’s own fields win; empty ones fall back to the defaults', () => {
    const n = effectiveNotice({ ...doc, notice: { title: '', addressee: '各党支部', body: ['  ', '现将方案印发，请遵照执行。'], issuer: null, date: '2026年1月8日' } });
    expect(n.title).toBe('中共××局党组关于印发《中共××局党组2025年度民主生活会查摆问题整改方案》的通知');
    expect([n.addressee, n.body, n.issuer, n.date]).toEqual(['各党支部', ['现将方案印发，请遵照执行。'], '中共××局党组', '2026年1月8日']);
  });
});
