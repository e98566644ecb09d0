import { describe, expect, it } from 'vitest';
import { DEFAULT_IMMEDIATE_DAYS, measureDueDate, planAnchorDate, resolveDueDate, type DueContext } from '../../../shared/domain/due-date.ts';

// A plan dated 2026年1月5日 (a Monday), looked at on 2026年2月10日.
const ctx: DueContext = { planDate: '2026-01-05', today: '2026-02-10', immediateDays: DEFAULT_IMMEDIATE_DAYS };

/** [完成时限 as written (fixtures, domain.md §5.1 and §7), due date, assumed, kind] */
const TABLE: [string, string | null, boolean, string][] = [
  // Written dates, read as they stand
  ['2026年3月底前', '2026-03-31', false, 'date'],
  ['2026年5月底前', '2026-05-31', false, 'date'],
  ['2026年6月底前', '2026-06-30', false, 'date'],
  ['2026年6月30日前', '2026-06-30', false, 'date'],
  ['2025年12月31日', '2025-12-31', false, 'date'],
  ['2023年11月30日前', '2023-11-30', false, 'date'],
  ['2023年12月底前', '2023-12-31', false, 'date'],
  ['2026年1月31日前', '2026-01-31', false, 'date'],
  ['2025年底前', '2025-12-31', false, 'date'],
  ['2025年年底前', '2025-12-31', false, 'date'],
  ['2026年上半年', '2026-06-30', false, 'date'],
  ['2026年下半年', '2026-12-31', false, 'date'],
  ['2026年第一季度', '2026-03-31', false, 'date'],
  ['2026年第二季度末', '2026-06-30', false, 'date'],
  ['2023年第四季度', '2023-12-31', false, 'date'],
  ['2026年3月中旬', '2026-03-20', false, 'date'],
  ['2026年3月上旬', '2026-03-10', false, 'date'],
  ['２０２６年４月底前', '2026-04-30', false, 'date'],
  ['二〇二六年六月底前', '2026-06-30', false, 'date'],
  // Without a year: the plan's year
  ['第一季度', '2026-03-31', false, 'date'],
  ['3月底前', '2026-03-31', false, 'date'],
  ['年底前', '2026-12-31', false, 'date'],
  // Dated and continuing
  ['2026年1月底前并长期坚持', '2026-01-31', false, 'date'],
  ['2025年12月31日前，长期坚持', '2025-12-31', false, 'date'],
  // Ranges end at their end; milestones at the last one
  ['2026年1月至3月', '2026-03-31', false, 'date'],
  ['11月30日前完成清查，12月底前完成账务处理', '2026-12-31', false, 'phased'],
  ['2026年3月底前完成自查，6月底前全面完成', '2026-06-30', false, 'phased'],
  // 立行立改: the plan's date + 30 days, marked as assumed
  ['立行立改', '2026-02-04', true, 'immediate'],
  ['即知即改', '2026-02-04', true, 'immediate'],
  ['立即整改', '2026-02-04', true, 'immediate'],
  ['立查立改', '2026-02-04', true, 'immediate'],
  ['边巡边改', '2026-02-04', true, 'immediate'],
  ['立行立改并长期坚持', '2026-02-04', true, 'immediate'],
  ['立行立改、长期坚持', '2026-02-04', true, 'immediate'],
  // Recurring: the next boundary on or after today (2026-02-10)
  ['每季度末', '2026-03-31', false, 'periodic'],
  ['每季度', '2026-03-31', false, 'periodic'],
  ['每月底', '2026-02-28', false, 'periodic'],
  ['每月20日前', '2026-02-20', false, 'periodic'],
  ['每月5日前', '2026-03-05', false, 'periodic'],
  ['每半年一次，长期坚持', '2026-06-30', false, 'periodic'],
  ['每年年底', '2026-12-31', false, 'periodic'],
  // Relative: counted from the plan's date (assumed)
  ['会后3个工作日内', '2026-01-08', true, 'relative'],
  ['反馈后1个月内', '2026-02-05', true, 'relative'],
  ['收到通知后15日内', '2026-01-20', true, 'relative'],
  // No date at all
  ['长期坚持', null, false, 'long_term'],
  ['持续推进', null, false, 'long_term'],
  ['常态化推进', null, false, 'long_term'],
  ['长效常治', null, false, 'long_term'],
  ['按上级要求', null, false, 'other'],
  ['', null, false, 'other'],
];

describe('完成时限 → 到期日（一个纯函数，各处的“逾期”都由它计算）', () => {
  it(`覆盖至少 40 种真实写法（现有 ${TABLE.length} 种）`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  for (const [raw, date, assumed, kind] of TABLE) {
    it(`“${raw || '（空）'}” → ${date ?? '无到期日'}${assumed ? '（推定）' : ''}`, () => {
      expect(resolveDueDate(raw, ctx)).toEqual({ date, assumed, kind });
    });
  }

  it('立行立改的天数可以设置；方案没有日期时不推定', () => {
    expect(resolveDueDate('立行立改', { ...ctx, immediateDays: 15 }).date).toBe('2026-01-20');
    expect(resolveDueDate('立行立改', { ...ctx, planDate: null })).toEqual({ date: null, assumed: false, kind: 'immediate' });
    expect(resolveDueDate('会后3个工作日内', { ...ctx, planDate: null }).date).toBeNull();
  });

  it('周期性时限随“今天”前移：季度末当天仍是本季度，过了就是下一季度', () => {
    expect(resolveDueDate('每季度末', { ...ctx, today: '2026-03-31' }).date).toBe('2026-03-31');
    expect(resolveDueDate('每季度末', { ...ctx, today: '2026-04-01' }).date).toBe('2026-06-30');
    expect(resolveDueDate('每月20日前', { ...ctx, today: '2026-12-21' }).date).toBe('2027-01-20');
  });

  it('措施上保存的日期（写明的或调整时限时设定的）优先于推定', () => {
    expect(measureDueDate({ deadline: '立行立改', deadlineDate: '2026-01-10' }, ctx)).toEqual({ date: '2026-01-10', assumed: false, kind: 'immediate' });
    expect(measureDueDate({ deadline: '立行立改', deadlineDate: null }, ctx)).toEqual({ date: '2026-02-04', assumed: true, kind: 'immediate' });
    expect(measureDueDate({ deadline: null, deadlineDate: null }, ctx).date).toBeNull();
  });

  it('方案日期取成文日期（各种写法），否则取创建日', () => {
    expect(planAnchorDate('2026年1月5日', '2025-12-01T08:00:00.000Z')).toBe('2026-01-05');
    expect(planAnchorDate('二〇二六年一月五日', null)).toBe('2026-01-05');
    expect(planAnchorDate('2026-01-05', null)).toBe('2026-01-05');
    expect(planAnchorDate('2026年1月', '2025-12-01T08:00:00.000Z')).toBe('2025-12-01');
    expect(planAnchorDate(null, null)).toBeNull();
  });
});
