import { walkNumbered, type NumberableNode, type NumberingLevel, type NumberingOptions } from '../numbering.ts';

/**
 * A measure's numbering path (三-1-2): the numbers of its numbered ancestors and itself, read from the
 * markers walkNumbered generates. Level 1 keeps its Chinese numeral (as people say "第三部分"), deeper
 * levels become Arabic numbers; unnumbered levels are skipped. It names evidence files in a package
 * (三-1-2_会议纪要_20260115.pdf) so they sort and match the 台账.
 */

const CN: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105 (the inverse of chineseNumeral). */
export function parseChineseNumeral(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in CN) current = CN[ch] ?? 0;
    else if (ch === '十') {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else return null;
  }
  return total + current;
}

/** The path segment a marker contributes: '三、' → '三', '（一）' → '1', '2.' → '2', '（3）' → '3', '②' → '2'. */
export function markerSegment(marker: string, level: NumberingLevel): string | null {
  switch (level) {
    case 0:
      return null;
    case 1: {
      const m = /^(.+)、$/.exec(marker);
      return m ? (m[1] ?? null) : null;
    }
    case 2: {
      const m = /^（(.+)）$/.exec(marker);
      const n = m ? parseChineseNumeral(m[1] ?? '') : null;
      return n === null ? null : String(n);
    }
    case 3: {
      const m = /^(\d+)\.$/.exec(marker);
      return m ? (m[1] ?? null) : null;
    }
    case 4: {
      const m = /^（(\d+)）$/.exec(marker);
      return m ? (m[1] ?? null) : null;
    }
    case 5: {
      const i = CIRCLED.indexOf(marker);
      if (i >= 0) return String(i + 1);
      const m = /^\((\d+)\)$/.exec(marker);
      return m ? (m[1] ?? null) : null;
    }
  }
}

export interface MeasurePathInfo {
  path: string;
  marker: string;
}

/** Walks the outline with each node's path: its numbered ancestors' segments and its own, joined with "-". */
function walkPaths<T extends NumberableNode<T>>(roots: readonly T[], options: NumberingOptions, visit: (node: T, path: string, marker: string) => void): void {
  const stack: (string | null)[] = [];
  walkNumbered(roots, options, (node, marker, level, depth) => {
    stack.length = depth;
    stack.push(markerSegment(marker, level));
    visit(node, stack.filter((s): s is string => s !== null).join('-'), marker);
  });
}

/**
 * Every node's path in outline order (sections too: 三, 三-1; a paragraph or an unnumbered heading
 * carries its numbered ancestors' path, '' at the top). Search results name their node by it.
 */
export function nodePaths<T extends NumberableNode<T>>(roots: readonly T[], options: NumberingOptions): Map<T, string> {
  const out = new Map<T, string>();
  walkPaths(roots, options, (node, path) => out.set(node, path));
  return out;
}

/** Every measure node's path, in outline order. Measures without any number get "#n" (n = their ordinal). */
export function measurePaths<T extends NumberableNode<T>>(roots: readonly T[], options: NumberingOptions): Map<T, MeasurePathInfo> {
  return numberingPaths(roots, options, (node) => node.kind === 'measure');
}

/**
 * The paths of the nodes `include` picks (a section's path is 二-1 as its measures' start): nodes without
 * any number get "#n", n counting the included nodes in outline order.
 */
export function numberingPaths<T extends NumberableNode<T>>(
  roots: readonly T[],
  options: NumberingOptions,
  include: (node: T) => boolean,
): Map<T, MeasurePathInfo> {
  const out = new Map<T, MeasurePathInfo>();
  let ordinal = 0;
  walkPaths(roots, options, (node, path, marker) => {
    if (!include(node)) return;
    ordinal++;
    out.set(node, { path: path !== '' ? path : `#${ordinal}`, marker });
  });
  return out;
}
