// Family 4 of issue 13 (domain.md §8 item 18): "3.1项办公设备采购未按规定…" is item 3 about "1项办公设备",
// not the number 3.1. Such a line is an item only when its number continues the outline — the next
// number under the open heading, or the next one of a plan that numbers its items on across sections;
// anywhere else "12.80万元…" is an amount in prose.
import type { PlanBuilder } from './plan-builder.ts';

/** Units a count or amount glued to an item number ends in. */
export const GLUED_UNITS = '项|个|条|名|家|件|次|人次|人|万元|亿元|元|%|台|套|份|户|笔|处|批次|批|轮|类|起|所|栋|辆|篇|期|场|宗|张|本|座|间|亩|吨|余项|余个|余人|余家|余条|余次|余万元|多项|多个|多人';

/** The numbers a glued item number may carry here. */
export function acceptableItemNumbers(b: PlanBuilder): number[] {
  const out = [b.expectedLevel3()];
  const last = b.level3Runs[b.level3Runs.length - 1];
  if (last) out.push(last.last + 1);
  return out;
}

export function isGluedItemNumber(b: PlanBuilder, n: number): boolean {
  return acceptableItemNumbers(b).includes(n);
}
