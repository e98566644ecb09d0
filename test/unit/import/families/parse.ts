// The recogniser as `rectify parse --json` shows it, for the family specifications.
import { recognisePlan } from '../../../../shared/importer/recognise.ts';
import { toParseJson, type ParseNodeJson } from '../../../../shared/importer/project.ts';
import type { RecogniseOptions } from '../../../../shared/importer/types.ts';

export function parse(text: string, options: RecogniseOptions = {}) {
  const r = recognisePlan(text, options);
  return { ...r, json: toParseJson(r.document, r.warnings) };
}

/** The outline as "marker+heading" lines, indented by depth. */
export function outline(nodes: ParseNodeJson[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.marker}${n.heading}`, ...outline(n.children, depth + 1)]);
}

export function measures(nodes: ParseNodeJson[]): ParseNodeJson[] {
  return nodes.flatMap((n) => [...(n.measure && n.children.length === 0 ? [n] : []), ...measures(n.children)]);
}
