import { describe, expect, it } from 'vitest';
import { classifyDeadline } from '../../../shared/domain/deadline-classify.ts';
import { statusFromText } from '../../../shared/domain/status-words.ts';

describe('classifyDeadline (domain.md §5.1)', () => {
  const cases: Array<[string, string, string | null, number?]> = [
    ['立行立改', 'immediate', null],
    ['即知即改', 'immediate', null],
    ['立即整改', 'immediate', null],
    ['立行立改并长期坚持', 'immediate', null],
    ['立行立改、长期坚持', 'immediate', null],
    ['长期坚持', 'long_term', null],
    ['持续推进', 'long_term', null],
    ['2026年3月底前', 'date', '2026-03-31'],
    ['2026年2月底前', 'date', '2026-02-28'],
    ['2026年6月30日前', 'date', '2026-06-30'],
    ['2025年12月31日', 'date', '2025-12-31'],
    ['2025年底前', 'date', '2025-12-31'],
    ['2025年年底前', 'date', '2025-12-31'],
    ['2026年第一季度', 'date', '2026-03-31'],
    ['2026年第二季度末', 'date', '2026-06-30'],
    ['2023年第四季度', 'date', '2023-12-31'],
    ['2026年上半年', 'date', '2026-06-30'],
    ['2026年3月中旬', 'date', '2026-03-20'],
    ['2026年3月上旬', 'date', '2026-03-10'],
    ['2026年1月底前并长期坚持', 'date', '2026-01-31'],
    ['2025年12月31日前，长期坚持', 'date', '2025-12-31'],
    ['２０２６年３月底前', 'date', '2026-03-31'],
    ['二〇二六年三月底前', 'date', '2026-03-31'],
    ['2026年十二月三十一日前', 'date', '2026-12-31'],
    ['12月底前', 'date', '2025-12-31', 2025],
    ['2026年1月至3月', 'date', '2026-03-31'],
    ['11月30日前完成清查，12月底前完成账务处理', 'phased', '2025-12-31', 2025],
    ['2025年11月30日前完成清查，2026年1月底前完成账务处理', 'phased', '2026-01-31'],
    ['每季度末', 'periodic', null],
    ['每半年一次，长期坚持', 'periodic', null],
    ['反馈后1个月内', 'relative', null],
    ['会后3个工作日内', 'relative', null],
    ['分阶段整改', 'phased', null],
    ['按要求', 'other', null],
  ];
  for (const [raw, kind, date, year] of cases) {
    it(`${raw} → ${kind} ${date ?? ''}`, () => {
      const r = classifyDeadline(raw, year);
      expect(r.kind).toBe(kind);
      expect(r.date).toBe(date);
    });
  }
  it('marks "…并长期坚持" as also long-term', () => {
    expect(classifyDeadline('2026年1月底前并长期坚持').alsoLongTerm).toBe(true);
    expect(classifyDeadline('2026年1月底前').alsoLongTerm).toBe(false);
  });
  it('leaves a month without a year unresolved when no reference year is known', () => {
    expect(classifyDeadline('12月底前')).toMatchObject({ kind: 'date', date: null });
  });
});

describe('statusFromText (domain.md §5.2, §7.3 precedence)', () => {
  const cases: Array<[string, string | null]> = [
    ['未启动', 'not_started'],
    ['正在推进', 'in_progress'],
    ['正在整改', 'in_progress'],
    ['按计划推进', 'in_progress'],
    ['持续推进', 'ongoing'],
    ['需长期坚持', 'ongoing'],
    ['基本完成', 'mostly_done'],
    ['基本完成取得阶段性成果并持续整改', 'mostly_done'],
    ['部分整改', 'mostly_done'],
    ['已完成', 'done'],
    ['已整改到位', 'done'],
    ['整改到位', 'done'],
    ['已办结', 'done'],
    ['已完成，需长期坚持', 'done'],
    ['已完成，该办法已于2025年4月经主任会议通过', 'done'],
    ['申请销号', 'close_requested'],
    ['已完成，已销号', 'closed'],
    ['同意销号', 'closed'],
    ['未完成', 'not_done'],
    ['未整改', 'not_done'],
    ['尚未整改到位', 'not_done'],
    ['申请延期整改', 'delayed'],
    ['逾期', 'delayed'],
    ['', null],
    ['见附件', null],
  ];
  for (const [raw, status] of cases) {
    it(`${raw || '(empty)'} → ${status}`, () => expect(statusFromText(raw)).toBe(status));
  }
});
