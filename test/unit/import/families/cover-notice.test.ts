// Family 2 of issue 13: a plan behind its 印发通知. The plan is the document (its title, its sections);
// the notice is kept whole as PlanDocument.notice, and a warning says one was found.
import { describe, expect, it } from 'vitest';
import { COVER_NOTICES } from '../family-texts.ts';
import { outline, parse } from './parse.ts';

describe('cover notice in front of the plan (family 2)', () => {
  it('imports the plan as the document and keeps the 关于印发《…》的通知 as its notice', () => {
    const { json, document, warnings } = parse(COVER_NOTICES[0]!.text);
    expect(json.title).toBe('XX县落实巡视反馈意见整改工作方案');
    expect(document.notice).toEqual({
      title: '中共XX县委办公室关于印发《XX县落实巡视反馈意见整改工作方案》的通知',
      addressee: '各乡镇党委，县直各部门党组（党委）',
      body: ['现将《XX县落实巡视反馈意见整改工作方案》印发给你们，请结合实际认真抓好落实。', '（此件公开发布）'],
      issuer: '中共XX县委办公室',
      date: '2025年9月2日',
    });
    expect(json.notice).toEqual(document.notice);
    // The notice's 落款 and date are not sections; the plan's own 落款 and date are the document's.
    expect(outline(json.sections)).toEqual([
      '一、整改目标',
      '二、整改任务',
      '  （一）关于落实意识形态工作责任制不到位的问题',
      '    1.健全意识形态工作责任清单',
      '    2.开展专项督查',
      '三、工作要求',
    ]);
    expect([json.issuer, json.date]).toEqual(['中共XX县委', '2025年9月1日']);
    expect(json.preamble).toEqual(['为扎实做好省委第五巡视组反馈意见整改工作，制定本方案。']);
    expect(warnings.some((w) => w.includes('印发通知'))).toBe(true);
  });

  it('recognises a notice without a title: 主送 + 现将《…》印发给你们 + 落款 + date', () => {
    const { json, document } = parse(COVER_NOTICES[1]!.text);
    expect(json.title).toBe('XX省生态环境保护督察反馈问题整改方案');
    expect(json.addressee).toBeNull();
    expect(document.notice).toMatchObject({ title: '', addressee: '各市（州）人民政府、省级有关部门（单位）', issuer: 'XX省人民政府办公厅', date: '2025年8月15日' });
    expect(json.sections.map((s) => s.heading)).toEqual(['工作目标', '主要任务']);
    expect(json.sections[1]!.children[0]!.measure!.department).toBe('省住房城乡建设厅、省生态环境厅');
  });

  it('reads a notice that names the plan without book-title marks', () => {
    const { json, document } = parse(COVER_NOTICES[2]!.text);
    expect(json.title).toBe('XX市教育系统作风建设问题整改方案');
    expect(document.notice!.title).toBe('XX市教育局关于印发XX市教育系统作风建设问题整改方案的通知');
    expect(outline(json.sections)[0]).toBe('一、整改重点');
  });

  it('imports a plan issued as the notice’s 附件 as the document, not as an attachment page', () => {
    const { json, document, dropped } = parse(COVER_NOTICES[3]!.text);
    expect(json.title).toBe('XX区卫生健康系统医疗领域突出问题整改方案');
    expect(json.sections.map((s) => s.marker + s.heading)).toEqual(['一、整改目标', '二、整改措施', '三、工作要求']);
    expect(json.sections[1]!.children[1]!.measure).toMatchObject({ department: '医政科、各医疗机构', deadline: '2025年9月底前' });
    expect(json.attachments).toEqual([]);
    expect(document.notice).toMatchObject({ issuer: 'XX区卫生健康局', date: '2025年4月8日' });
    expect(document.notice!.body).toContain('附件：XX区卫生健康系统医疗领域突出问题整改方案');
    expect(dropped).toContainEqual({ text: '附件', reason: 'appendix' });
  });

  it('leaves a plan without a notice alone', () => {
    const { document, json } = parse('XX局整改方案\n各科室：\n现将有关事项通知如下。\n一、整改任务\n1.健全制度。\n');
    expect(document.notice ?? null).toBeNull();
    expect(json.addressee).toBe('各科室');
  });
});
