import type { DocNode } from '../../../shared/domain/document.ts';

/** What a round trip must give back of an outline: kinds, levels, text and the measures' fields. */
export function outlineShape(nodes: readonly DocNode[]): unknown[] {
  return nodes.map((n) => ({
    kind: n.kind,
    level: n.style.level,
    heading: n.heading,
    body: n.body,
    fields: n.measure ? [n.measure.leader, n.measure.department, n.measure.person, n.measure.deadline] : null,
    children: outlineShape(n.children),
  }));
}
