// Markers (一、（一）1.（1）①) are derived, never stored: inserting or moving a node renumbers everything.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as used in official numbering). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return '十' + (n % 10 === 0 ? '' : (DIGITS[n % 10] ?? ''));
  if (n < 100) return (DIGITS[Math.floor(n / 10)] ?? '') + '十' + (n % 10 === 0 ? '' : (DIGITS[n % 10] ?? ''));
  if (n < 1000) {
    const rest = n % 100;
    const head = (DIGITS[Math.floor(n / 100)] ?? '') + '百';
    if (rest === 0) return head;
    return head + (rest < 10 ? '零' + (DIGITS[rest] ?? '') : rest < 20 ? '一' + chineseNumeral(rest) : chineseNumeral(rest));
  }
  return String(n);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

export type NumberingLevel = 0 | 1 | 2 | 3 | 4 | 5;

/** The marker text for `n` at `level` (0 = unnumbered → ''). */
export function markerFor(level: NumberingLevel, n: number): string {
  switch (level) {
    case 0:
      return '';
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
    case 5:
      return n >= 1 && n <= 20 ? (CIRCLED[n - 1] ?? `(${n})`) : `(${n})`;
  }
}

export interface NumberableNode<T> {
  kind: 'section' | 'measure' | 'paragraph';
  style: { level?: number | undefined };
  children: T[];
}

export interface NumberingOptions {
  level3Numbering: 'restart' | 'continuous';
}

/** The level a node is numbered at: its explicit style level, else its depth (root children are level 1). */
export function effectiveLevel(node: { kind: string; style: { level?: number | undefined } }, depth: number): NumberingLevel {
  if (node.kind === 'paragraph') return 0;
  const level = node.style.level ?? Math.min(depth + 1, 5);
  return Math.max(0, Math.min(5, level)) as NumberingLevel;
}

/**
 * Walks the outline in document order and calls `visit` with each node's marker and level.
 * Siblings count per level, so a section that skips （一） and goes straight to 1. still numbers 1, 2, 3;
 * with `continuous` level-3 numbering, 1. runs on through the whole document.
 */
export function walkNumbered<T extends NumberableNode<T>>(
  roots: readonly T[],
  options: NumberingOptions,
  visit: (node: T, marker: string, level: NumberingLevel, depth: number) => void,
): void {
  let continuous = 0;
  const walk = (nodes: readonly T[], depth: number): void => {
    const counters = new Map<number, number>();
    for (const node of nodes) {
      const level = effectiveLevel(node, depth);
      let marker = '';
      if (level > 0) {
        let n: number;
        if (level === 3 && options.level3Numbering === 'continuous') {
          n = ++continuous;
        } else {
          n = (counters.get(level) ?? 0) + 1;
          counters.set(level, n);
        }
        marker = markerFor(level, n);
      }
      visit(node, marker, level, depth);
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
}

/** Map from node to its marker, for callers that need random access (editor tree, exporter). */
export function computeMarkers<T extends NumberableNode<T>>(roots: readonly T[], options: NumberingOptions): Map<T, string> {
  const markers = new Map<T, string>();
  walkNumbered(roots, options, (node, marker) => markers.set(node, marker));
  return markers;
}
