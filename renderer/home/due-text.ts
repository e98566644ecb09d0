import type { DueRow } from '../../shared/api/workbench.ts';
import { routeHash, type RouteTarget } from '../router.ts';

/** 逾期12天 / 今天到期 / 3天后到期 / 无明确日期: how a row's date stands against today. */
export function dueText(row: Pick<DueRow, 'daysOverdue'>): string {
  const d = row.daysOverdue;
  if (d === null) return '无明确日期';
  if (d > 0) return `逾期${d}天`;
  if (d === 0) return '今天到期';
  return `${-d}天后到期`;
}

/** 2026-03-31 → 2026年3月31日 */
export function dateText(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Where a row opens: the measure in its plan's 整改跟踪. */
export function trackingTarget(row: Pick<DueRow, 'planId' | 'measureId'>): RouteTarget {
  return { name: 'plan', id: row.planId, focus: { tab: 'tracking', nodeId: row.measureId } };
}

export function trackingHref(row: Pick<DueRow, 'planId' | 'measureId'>): string {
  return routeHash(trackingTarget(row));
}
