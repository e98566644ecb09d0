import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields } from '../../../shared/domain/document.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { walkNumbered } from '../../../shared/numbering.ts';

export async function openServices(dir = tempDir()): Promise<{ s: Services; dir: string }> {
  return { s: await createServices({ dataDir: dir }), dir };
}

export const m = (heading: string, fields: Partial<MeasureFields> = {}, body: string[] = []): DocNode => ({
  kind: 'measure',
  heading,
  body,
  style: {},
  measure: { ...emptyMeasure(), ...fields },
  problemKeys: [],
  children: [],
});
export const sec = (heading: string, children: DocNode[] = [], body: string[] = []): DocNode => ({
  kind: 'section',
  heading,
  body,
  style: {},
  measure: null,
  problemKeys: [],
  children,
});

/** 一、指导思想 / 二、整改任务 (（一）甲方面: 1.措施A 2.措施B; （二）乙方面: 1.措施C) / 三、组织保障 */
export async function samplePlan(s: Services): Promise<string> {
  const doc = emptyDocument('测试单位2025年度民主生活会查摆问题整改方案', 'minzhu-shenghuohui');
  doc.sections = [
    sec('指导思想', [], ['坚持问题导向。']),
    sec('整改任务', [
      sec('甲方面', [m('措施A', { department: '办公室', deadline: '长期坚持' }), m('措施B')]),
      sec('乙方面', [m('措施C')]),
    ]),
    sec('组织保障', [], ['加强组织领导。']),
  ];
  return (await s.call('plans.createFromDocument', { document: doc })).id;
}

/** The outline as the exported document numbers it: one "marker heading" line per node, indented by depth. */
export async function outlineLines(s: Services, planId: string): Promise<string[]> {
  const plan = await s.call('plans.get', { id: planId });
  const lines: string[] = [];
  walkNumbered(plan.outline, { level3Numbering: plan.document.level3Numbering }, (node, marker, _level, depth) => {
    lines.push(`${'  '.repeat(depth)}${marker}${node.heading}`);
  });
  return lines;
}

export function find(nodes: readonly StoredNode[], heading: string): StoredNode {
  for (const n of nodes) {
    if (n.heading === heading) return n;
    const inner = findOrNull(n.children, heading);
    if (inner) return inner;
  }
  throw new Error(`没有标题为“${heading}”的节点`);
}
function findOrNull(nodes: readonly StoredNode[], heading: string): StoredNode | null {
  try {
    return find(nodes, heading);
  } catch {
    return null;
  }
}

export async function nodeId(s: Services, planId: string, heading: string): Promise<string> {
  return find((await s.call('plans.get', { id: planId })).outline, heading).id;
}

export async function version(s: Services, planId: string): Promise<number> {
  return (await s.call('plans.get', { id: planId })).version;
}
