// A table of contents at the top (bare numbered headings before the title), as pasted from a web page or
// a document with a TOC. The body repeats these headings, so importing both would duplicate the outline;
// a heading only the contents name means the body is incomplete, and it is kept as an empty heading
// rather than lost.
import type { DocNode } from '../domain/document.ts';
import { isTitleCandidate } from './appendix.ts';
import { detectMarker, type LineMarker } from './markers.ts';
import { stripFinalStop } from './paragraphs.ts';
import { newNode } from './plan-builder.ts';
import type { DroppedLine, SourceLine } from './types.ts';

export interface ContentsEntry {
  marker: LineMarker;
  heading: string;
  text: string;
}

/** The leading contents and the line the title starts at; no entries when the lines do not start so. */
export function findLeadingContents(lines: readonly SourceLine[]): { entries: ContentsEntry[]; start: number } {
  let start = 0;
  const entries: ContentsEntry[] = [];
  let i = 0;
  while (i < lines.length && !lines[i]!.cells) {
    const m = detectMarker(lines[i]!.text);
    if (!m || m.rest.length > 30 || /[。；;]/.test(m.rest.replace(/[。]$/, ''))) break;
    entries.push({ marker: m, heading: stripFinalStop(m.rest), text: lines[i]!.text });
    i++;
  }
  const next = lines[i];
  if (entries.length >= 3 && next && !detectMarker(next.text) && isTitleCandidate(next.text)) start = i;
  else entries.length = 0;
  return { entries, start };
}

function normaliseHeading(s: string): string {
  return s.replace(/[\s，,。、；;：:“”"（）()]/g, '');
}

/** Merges the leading contents into the body tree; headings only in the contents become empty nodes. */
export function mergeContents(
  outline: ContentsEntry[],
  roots: DocNode[],
  warnings: string[],
  dropped: DroppedLine[],
  onCreate: (node: DocNode, marker: LineMarker) => void,
): void {
  interface ONode {
    marker: LineMarker;
    heading: string;
    text: string;
    children: ONode[];
  }
  const oroots: ONode[] = [];
  const ostack: ONode[] = [];
  for (const o of outline) {
    const node: ONode = { ...o, children: [] };
    while (ostack.length > 0 && ostack[ostack.length - 1]!.marker.level >= o.marker.level) ostack.pop();
    (ostack.length > 0 ? ostack[ostack.length - 1]!.children : oroots).push(node);
    ostack.push(node);
  }
  const missing: string[] = [];
  const walk = (onodes: ONode[], bodyNodes: DocNode[], path: string): void => {
    let cursor = 0;
    for (const o of onodes) {
      const key = normaliseHeading(o.heading);
      let found = -1;
      for (let k = cursor; k < bodyNodes.length; k++) {
        const h = normaliseHeading(bodyNodes[k]!.heading);
        if (key !== '' && (h === key || h.startsWith(key) || key.startsWith(h)) && h !== '') {
          found = k;
          break;
        }
      }
      if (found >= 0) {
        dropped.push({ text: o.text, reason: 'outline' });
        cursor = found + 1;
        walk(o.children, bodyNodes[found]!.children, `${path}${o.marker.raw}`);
      } else {
        // The missing node goes in with its contents children, at its place among the body's headings.
        const build = (x: ONode): DocNode => {
          const n = newNode('section', x.heading, x.marker.level);
          dropped.push({ text: x.text, reason: 'outline' });
          missing.push(`${x.marker.raw}${x.heading}`);
          onCreate(n, x.marker);
          n.children = x.children.map(build);
          return n;
        };
        bodyNodes.splice(cursor, 0, build(o));
        cursor++;
      }
    }
  };
  walk(oroots, roots, '');
  warnings.push(`文首的目录（${outline.length}行）已与正文标题合并，不重复导入`);
  if (missing.length > 0) {
    warnings.push(`以下标题只出现在目录中，正文缺失（原文可能不完整），已作为空标题导入：${missing.join('；')}`);
  }
}
