// The 人员与部门名录 learns from imported plans (issue 16 item 9): the leaders, persons and departments an
// imported plan names are counted as if typed into its measures, so the editor's autocomplete offers
// them from the first day. The recogniser in turn uses the directory's names to trust a sentence's owner.
import type { DocNode, PlanDocument } from '../../../shared/domain/document.ts';
import type { Db } from '../store/database.ts';
import { listDirectory, noteNames } from './directory.ts';

function measuresOf(nodes: readonly DocNode[]): DocNode[] {
  return nodes.flatMap((n) => [...(n.measure ? [n] : []), ...measuresOf(n.children)]);
}

/** Counts every leader, person and department of the plan's measures (each once per plan). */
export function learnNamesFromPlan(db: Db, document: PlanDocument): void {
  const people: string[] = [];
  const departments: string[] = [];
  for (const node of measuresOf(document.sections)) {
    const m = node.measure!;
    people.push(...[m.leader, m.person].filter((x): x is string => !!x));
    departments.push(...[m.department, ...m.cooperating].filter((x): x is string => !!x));
  }
  noteNames(db, 'person', people);
  noteNames(db, 'department', departments);
}

/** Every name the directory knows, for the recogniser. */
export function directoryNames(db: Db): string[] {
  return [...listDirectory(db, 'person'), ...listDirectory(db, 'department')].map((e) => e.name);
}
