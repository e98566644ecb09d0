import type { PlanDetail } from '../../shared/api/plans.ts';
import type { JournalRecord } from './edit-journal.ts';
import { describeEdits, mergeEdits, unapplied, type EditDescription, type FieldText, type TextEdit } from './text-edits.ts';
import { findNode } from './outline-ops.ts';

/**
 * What the next open of a plan offers back from the journal. Edits the stored plan already holds (the
 * service stored them but the page never heard back) are dropped silently; the rest are offered with
 * 恢复未保存的修改 / 放弃. When the plan changed after the edits were made (another window, an import,
 * a restored version), the offer says so and shows the stored text beside each unsaved one, so that
 * nothing is applied over someone else's work without the user seeing both.
 */

export interface RecoveryItem extends EditDescription {
  /** The stored text of each field, in the same order as `fields` (only when the plan changed since) */
  stored: FieldText[] | null;
}

export interface Recovery {
  /** The journal sessions this offer comes from (forgotten once the user chooses) */
  sessions: string[];
  /** The plan was changed after these edits were made */
  stale: boolean;
  items: RecoveryItem[];
  /** What 恢复 applies: the edits not yet stored whose node still exists */
  edits: TextEdit[];
}

export function planRecovery(records: readonly JournalRecord[], plan: PlanDetail): Recovery | null {
  if (records.length === 0) return null;
  const sessions = records.map((r) => r.session);
  const pending = mergeEdits(records.flatMap((r) => r.edits.map(({ refused: _refused, ...edit }) => edit as TextEdit)))
    .map((edit) => unapplied(edit, plan))
    .filter((edit): edit is TextEdit => edit !== null);
  const stale = records.some((r) => r.baseVersion !== plan.version);
  const level3 = plan.document.level3Numbering;
  const items: RecoveryItem[] = [];
  const edits: TextEdit[] = [];
  for (const edit of pending) {
    const [description] = describeEdits([edit], plan.outline, level3);
    if (!description) continue;
    if (!description.missing) edits.push(edit);
    let stored: FieldText[] | null = null;
    if (stale && !description.missing) {
      // The same fields as the plan holds them now: what the stored version of this edit would read.
      const current: TextEdit =
        edit.kind === 'header'
          ? { kind: 'header', patch: pick(plan.document as unknown as Record<string, unknown>, Object.keys(edit.patch)) }
          : { kind: 'node', nodeId: edit.nodeId, patch: storedPatch(plan, edit) };
      stored = describeEdits([current], plan.outline, level3)[0]?.fields ?? [];
    }
    items.push({ ...description, stored });
  }
  return { sessions, stale, items, edits };
}

function pick(source: Record<string, unknown>, keys: string[]): never {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = source[key] ?? null;
  return out as never;
}

function storedPatch(plan: PlanDetail, edit: Extract<TextEdit, { kind: 'node' }>): Extract<TextEdit, { kind: 'node' }>['patch'] {
  const node = findNode(plan.outline, edit.nodeId)!;
  const patch: Record<string, unknown> = {};
  if (edit.patch.heading !== undefined) patch.heading = node.heading;
  if (edit.patch.body !== undefined) patch.body = node.body;
  if (edit.patch.measure) patch.measure = pick((node.measure ?? {}) as Record<string, unknown>, Object.keys(edit.patch.measure));
  return patch;
}
