// The preview's reason for every measure's fields: which line or clause they were read from, so a user
// who sees a wrong 责任部门 knows where it came from (issue 13, "why it was recognised").
import type { DocNode } from '../domain/document.ts';
import type { PlanBuilder } from './plan-builder.ts';

function describe(node: DocNode): string {
  const m = node.measure!;
  const parts: string[] = [];
  if (m.leader) parts.push(`责任领导“${m.leader}”`);
  if (m.department) parts.push(`责任部门“${m.department}”`);
  if (m.cooperating.length > 0) parts.push(`配合部门“${m.cooperating.join('、')}”`);
  if (m.person) parts.push(`责任人“${m.person}”`);
  if (m.deadline) parts.push(`完成时限“${m.deadline}”`);
  if (m.statusText) parts.push(`整改情况“${m.statusText}”`);
  return parts.join('，');
}

export function noteMeasureFields(b: PlanBuilder): void {
  const walk = (nodes: DocNode[]): void => {
    for (const node of nodes) {
      const what = node.kind === 'measure' && node.measure ? describe(node) : '';
      if (what !== '') {
        const meta = b.meta.get(node);
        const from = meta?.fieldsFrom ?? (meta?.tableRow ? '表格中对应的列' : meta && meta.labelled ? '措施的责任标签' : '上级标题的责任标签（下传给其下各项措施）');
        b.notes.push({ kind: 'field', line: node.heading || (node.body[0] ?? ''), reason: `${what}：读自${from}`, correctable: false });
      }
      walk(node.children);
    }
  };
  walk(b.roots);
}
