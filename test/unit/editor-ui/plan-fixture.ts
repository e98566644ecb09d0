import type { PlanDetail, StoredNode } from '../../../shared/api/plans.ts';
import { emptyDocument } from '../../../shared/domain/document.ts';

/** A bare measure node, its heading defaulting to its id. */
export function node(id: string, heading = id): StoredNode {
  return { id, kind: 'measure', heading, body: [], style: {}, measure: null, problemKeys: [], children: [] };
}

/** Plan p1 at `version` with the given outline (two measures m1, m2 by default), as plans.get returns it. */
export function plan(version: number, outline: StoredNode[] = [node('m1'), node('m2')]): PlanDetail {
  const { sections: _sections, ...document } = emptyDocument('方案');
  return {
    id: 'p1',
    title: '方案',
    kind: 'blank',
    status: 'draft',
    measureCount: outline.length,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    version,
    archived: false,
    completionRate: 0,
    overdue: 0,
    nextDueDate: null,
    meta: { org: null, year: null, templateId: null, variables: {}, settings: {} },
    document,
    outline,
  };
}
