// Issue 16 item 6: when a source pairs a problem with its measures — a 问题清单 table, an item with
// "存在问题：…/具体表现：…" and "整改措施：…", a heading with 具体表现 above numbered measures — the
// problem goes to PlanDocument.problems (linked by problemKeys) and the measure keeps its own text. A
// problem's category is the category the source names (政治建设方面, 在“…”方面, a 问题类别 column),
// never a structural heading such as "问题清单及整改安排" and never the problem itself.
import type { DocNode } from '../domain/document.ts';
import { MEASURE_LABEL, PROBLEM_DETAIL_LABEL, isAspectHeading, isStructuralHeading } from '../domain/problem-words.ts';
import { stripFinalStop } from './paragraphs.ts';
import type { PlanBuilder } from './plan-builder.ts';

function detailOf(node: DocNode): string[] {
  return node.body.filter((p) => PROBLEM_DETAIL_LABEL.test(p) && !/^问题类别/.test(p));
}

/** The heading of an item that pairs a problem (its heading) with a labelled measure or description. */
function pairsProblem(node: DocNode): boolean {
  if (node.heading === '' || isStructuralHeading(node.heading) || isAspectHeading(node.heading)) return false;
  return detailOf(node).length > 0 || node.body.some((p) => MEASURE_LABEL.test(p));
}

export function pairProblemsWithMeasures(b: PlanBuilder): void {
  const problemByKey = new Map(b.problems.map((p) => [p.key, p]));
  /** Problems whose category the source gave in a table column: kept as they are. */
  const fromTable = new Set<string>();
  for (const [node, meta] of b.meta) if (meta.tableRow) for (const k of node.problemKeys) fromTable.add(k);

  const walk = (nodes: DocNode[], aspect: string | null): void => {
    for (const node of nodes) {
      const own = node.heading !== '' && isAspectHeading(node.heading) ? stripFinalStop(node.heading) : aspect;
      if (pairsProblem(node)) {
        const title = stripFinalStop(node.heading);
        const details = detailOf(node);
        const detailProblems = node.problemKeys.filter((k) => details.some((d) => d.includes(problemByKey.get(k)?.text ?? '\u0000')));
        if (detailProblems.length === 1) {
          // "存在问题：…" describing the titled problem: one problem, named by its title.
          problemByKey.get(detailProblems[0]!)!.text = title;
        } else if (detailProblems.length === 0 && !node.problemKeys.some((k) => problemByKey.get(k)?.text === title)) {
          const key = b.addProblem(title, own);
          problemByKey.set(key, b.problems[b.problems.length - 1]!);
          node.problemKeys.unshift(key);
          // Measures below the titled problem address it.
          const inherit = (children: DocNode[]): void => {
            for (const c of children) {
              if (c.kind === 'measure' && !c.problemKeys.includes(key)) c.problemKeys.unshift(key);
              inherit(c.children);
            }
          };
          inherit(node.children);
        }
        if (detailProblems.length > 0 || node.problemKeys.length > 0) b.notes.push({ kind: 'field', line: node.heading, reason: '标题为问题（其下有“存在问题/具体表现”或“整改措施”），措施文字归入整改措施', correctable: false });
      }
      for (const k of node.problemKeys) {
        const p = problemByKey.get(k);
        if (!p || fromTable.has(k)) continue;
        // The category the source names; a structural heading or the problem's own title is none.
        if (p.category === null || isStructuralHeading(p.category) || !isAspectHeading(p.category) || p.category === node.heading) p.category = own;
      }
      walk(node.children, own);
    }
  };
  walk(b.roots, null);
}
