// Ledger tables (整改清单/台账, domain.md §4): columns mapped by their header names.

export interface ColumnMap {
  serial?: number;
  category?: number;
  problem?: number;
  measure?: number;
  leader?: number;
  department?: number;
  cooperating?: number;
  person?: number;
  deadline?: number;
  status?: number;
  /** Columns without a field (备注, 整改目标 …): kept in the measure's body as "header：value" */
  extras: Array<{ index: number; label: string }>;
}

export type ColumnKey = Exclude<keyof ColumnMap, 'extras'>;

const HEADERS: Array<[ColumnKey, RegExp]> = [
  ['serial', /^(?:序号|编号|问题编号|序)$/],
  ['category', /^(?:问题类别|类别|问题类型|方面|问题方面|所属方面|类型)$/],
  ['problem', /^(?:存在问题|问题|反馈问题|具体问题|问题描述|问题表现|具体表现|查摆问题|检视问题|主要问题|问题内容|反馈问题[（(]原文[）)])$/],
  ['measure', /^(?:整改措施|措施|整改任务|具体措施|整改举措|主要措施|任务|整改措施及目标)$/],
  ['leader', /^(?:责任领导|牵头领导|分管领导|包保领导|督办领导)$/],
  ['department', /^(?:责任部门|责任单位|牵头单位|牵头部门|责任科室|责任处室|责任主体|主责部门|牵头单位[（(]部门[）)]|责任部门[/／]责任人)$/],
  ['cooperating', /^(?:配合单位|配合部门|协办单位|配合科室)$/],
  ['person', /^(?:责任人|具体责任人|整改责任人)$/],
  ['deadline', /^(?:整改时限|完成时限|整改期限|完成时间|时限|办结时限)$/],
  ['status', /^(?:完成情况|整改进展|进展情况|整改情况|整改结果|整改进展[/／]完成情况|目前进展|整改状态)$/],
];

/** Maps a header row; null when the row is not a ledger header (fewer than two known columns incl. a content one). */
export function mapHeader(cells: string[]): ColumnMap | null {
  const map: ColumnMap = { extras: [] };
  let known = 0;
  cells.forEach((cell, index) => {
    const label = cell.replace(/[\s\u3000]/g, '');
    if (label === '') return;
    const hit = HEADERS.find(([key, re]) => re.test(label) && map[key] === undefined);
    if (hit) {
      map[hit[0]] = index;
      known++;
    } else map.extras.push({ index, label });
  });
  if (known < 2 || (map.problem === undefined && map.measure === undefined)) return null;
  return map;
}

/** The trimmed cell of a row under a column; '' when the table has no such column. */
export function cellValue(columns: ColumnMap, cells: readonly string[], key: ColumnKey): string {
  const idx = columns[key];
  return idx === undefined ? '' : (cells[idx] ?? '').trim();
}

/** The same header row again (white space aside): a table continued on the next page. */
export function sameHeader(a: string[], b: string[]): boolean {
  const key = (cells: string[]) => cells.map((c) => c.replace(/[\s\u3000]/g, '')).join('\t');
  return key(a) === key(b);
}
