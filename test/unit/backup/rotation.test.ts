import { describe, expect, it } from 'vitest';
import { backupsToKeep, isoWeekKey, type RotationEntry } from '../../../electron/services/backup/rotation.ts';
import { parseSetFolderName, setFolderName } from '../../../electron/services/backup/folder-names.ts';

/** Local time, as the folder names and the user's calendar have it. */
function at(date: string, time = '09:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, mi);
}

function auto(date: string, time?: string): RotationEntry {
  return { id: `${date} ${time ?? '09:00'}`, kind: 'auto', createdAt: at(date, time) };
}

/** One automatic backup a day from `from` for `days` days. */
function daily(from: string, days: number): RotationEntry[] {
  const start = at(from);
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i, 9);
    const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return auto(iso);
  });
}

describe('自动备份的轮换：保留 7 个每日、4 个每周、6 个每月，其他种类全部保留', () => {
  const cases: { name: string; entries: RotationEntry[]; kept: string[] }[] = [
    {
      name: '同一天的多次自动备份只留最新的一个（当天的也算一天）',
      entries: [auto('2026-03-02', '08:00'), auto('2026-03-02', '17:30'), auto('2026-03-01', '08:00')],
      kept: ['2026-03-02 17:30', '2026-03-01 08:00'],
    },
    {
      name: '连续 10 天：只留最近 7 天（更早的 3 天与留下的属于同一周、同一月，不再多留）',
      entries: daily('2026-02-23', 10),
      // 02-23 … 03-04; days kept: 02-26 … 03-04; weeks (Mon 02-23 .. Sun 03-01 → 03-01, Mon 03-02 → 03-04);
      // months: 03 → 03-04, 02 → 02-28.
      kept: ['2026-03-04 09:00', '2026-03-03 09:00', '2026-03-02 09:00', '2026-03-01 09:00', '2026-02-28 09:00', '2026-02-27 09:00', '2026-02-26 09:00'],
    },
    {
      name: '一年的每日备份：7 天 + 4 周 + 6 个月，重叠的只算一个',
      entries: daily('2025-03-01', 365),
      kept: [
        // the last 7 days (2026-02-22 … 2026-02-28)
        '2026-02-28 09:00', '2026-02-27 09:00', '2026-02-26 09:00', '2026-02-25 09:00', '2026-02-24 09:00', '2026-02-23 09:00', '2026-02-22 09:00',
        // weeks: W09 ends Sun 03-01 (not reached) → 02-28 already kept; W08 → 02-22 kept; W07 → 02-15; W06 → 02-08
        '2026-02-15 09:00', '2026-02-08 09:00',
        // months: 2026-02 → 02-28 kept; 2026-01 → 01-31; 2025-12 → 12-31; 11 → 11-30; 10 → 10-31; 09 → 09-30
        '2026-01-31 09:00', '2025-12-31 09:00', '2025-11-30 09:00', '2025-10-31 09:00', '2025-09-30 09:00',
      ],
    },
    {
      name: '手动、恢复前、升级前的备份无论多旧都保留；它们不占自动备份的名额',
      entries: [
        { id: 'manual-old', kind: 'manual', createdAt: at('2020-01-01') },
        { id: 'before-restore-old', kind: 'before-restore', createdAt: at('2021-06-01') },
        { id: 'before-migration-old', kind: 'before-migration', createdAt: at('2022-06-01') },
        ...daily('2026-01-01', 3),
      ],
      kept: ['manual-old', 'before-restore-old', 'before-migration-old', '2026-01-03 09:00', '2026-01-02 09:00', '2026-01-01 09:00'],
    },
    {
      name: '隔几个月才用一次：每个有备份的日子都算，不按日历空缺补位',
      entries: [auto('2026-06-10'), auto('2026-01-05'), auto('2025-09-01'), auto('2024-12-31'), auto('2023-01-01')],
      kept: ['2026-06-10 09:00', '2026-01-05 09:00', '2025-09-01 09:00', '2024-12-31 09:00', '2023-01-01 09:00'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect([...backupsToKeep(c.entries)].sort()).toEqual([...c.kept].sort());
    });
  }

  it('周按 ISO 8601 计（周一开始；跨年的周属于它的星期四所在的年）', () => {
    expect(isoWeekKey(at('2026-01-01'))).toBe('2026-W01'); // Thursday
    expect(isoWeekKey(at('2025-12-29'))).toBe('2026-W01'); // Monday of that week
    expect(isoWeekKey(at('2027-01-03'))).toBe('2026-W53'); // Sunday
    expect(isoWeekKey(at('2026-03-01'))).toBe('2026-W09');
    expect(isoWeekKey(at('2026-03-02'))).toBe('2026-W10');
  });
});

describe('备份文件夹的名字', () => {
  it('备份_YYYYMMDD_HHMMSS[_说明]，本地时间；说明中系统不接受的字符被替换', () => {
    const when = new Date(2026, 0, 15, 8, 5, 9);
    expect(setFolderName(when)).toBe('备份_20260115_080509');
    expect(setFolderName(when, '年底 归档')).toBe('备份_20260115_080509_年底 归档');
    expect(setFolderName(when, '交接/移交:*')).toBe('备份_20260115_080509_交接_移交__');
    expect(parseSetFolderName('备份_20260115_080509_自动')).toEqual({ at: when, note: '自动' });
    expect(parseSetFolderName('备份_20261315_080509')).toBeNull();
    expect(parseSetFolderName('.备份_20260115_080509.0123456789ab.part')).toBeNull();
  });
});
