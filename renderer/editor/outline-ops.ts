import type { StoredNode } from '../../shared/api/plans.ts';
import type { NodePatch } from '../../shared/api/editor.ts';
import { emptyMeasure } from '../../shared/domain/document.ts';
import { computeMarkers } from '../../shared/numbering.ts';

/**
 * Pure operations on the outline the editor holds. They mirror the service's semantics (moveNode,
 * indent, outdent, deleteNode) so structure edits show at once; the service's answer then replaces
 * the moved node. Every function shares untouched subtrees, so memoised tree rows skip re-rendering.
 */

export type Outline = readonly StoredNode[];

export interface Located {
  node: StoredNode;
  /** null = top level */
  parentId: string | null;
  index: number;
  siblings: readonly StoredNode[];
  /** Ancestors from the root down (excluding the node) */
  ancestors: StoredNode[];
}

export function locate(outline: Outline, id: string): Located | null {
  const walk = (list: readonly StoredNode[], parent: StoredNode | null, ancestors: StoredNode[]): Located | null => {
    for (let i = 0; i < list.length; i++) {
      const node = list[i]!;
      if (node.id === id) return { node, parentId: parent?.id ?? null, index: i, siblings: list, ancestors };
      if (node.children.length > 0) {
        const found = walk(node.children, node, [...ancestors, node]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(outline, null, []);
}

export function findNode(outline: Outline, id: string): StoredNode | null {
  return locate(outline, id)?.node ?? null;
}

/** Replaces the node `id` with `fn(node)`, copying only the path to it. */
export function replaceNode(outline: Outline, id: string, fn: (node: StoredNode) => StoredNode): StoredNode[] {
  let done = false;
  const walk = (list: readonly StoredNode[]): StoredNode[] => {
    let changed = false;
    const next = list.map((node) => {
      if (done) return node;
      if (node.id === id) {
        done = true;
        changed = true;
        return fn(node);
      }
      if (node.children.length === 0) return node;
      const children = walk(node.children);
      if (children === node.children) return node;
      changed = true;
      return { ...node, children };
    });
    return changed ? next : (list as StoredNode[]);
  };
  return walk(outline);
}

/** Children of `parentId` (null = top level), or null when the parent does not exist. */
function childrenOf(outline: Outline, parentId: string | null): readonly StoredNode[] | null {
  if (parentId === null) return outline;
  return findNode(outline, parentId)?.children ?? null;
}

function setChildren(outline: Outline, parentId: string | null, children: StoredNode[]): StoredNode[] {
  if (parentId === null) return children;
  return replaceNode(outline, parentId, (parent) => ({ ...parent, children }));
}

export function removeNode(outline: Outline, id: string): { outline: StoredNode[]; removed: StoredNode | null } {
  const at = locate(outline, id);
  if (!at) return { outline: outline as StoredNode[], removed: null };
  const siblings = at.siblings.filter((n) => n.id !== id);
  return { outline: setChildren(outline, at.parentId, siblings), removed: at.node };
}

export function insertNode(outline: Outline, parentId: string | null, index: number, node: StoredNode): StoredNode[] {
  const siblings = childrenOf(outline, parentId);
  if (!siblings) return outline as StoredNode[];
  const next = [...siblings];
  next.splice(Math.max(0, Math.min(index, next.length)), 0, node);
  return setChildren(outline, parentId, next);
}

/** True when `candidate` is `id` itself or lies inside it (a node cannot move into its own subtree). */
export function isWithin(outline: Outline, id: string, candidate: string | null): boolean {
  if (candidate === null) return false;
  const at = locate(outline, candidate);
  if (!at) return false;
  return candidate === id || at.ancestors.some((a) => a.id === id);
}

/** outline.moveNode: `index` counts the new parent's children without the moved node. */
export function moveNode(outline: Outline, id: string, parentId: string | null, index: number): StoredNode[] {
  if (isWithin(outline, id, parentId)) return outline as StoredNode[];
  const { outline: without, removed } = removeNode(outline, id);
  if (!removed) return outline as StoredNode[];
  return insertNode(without, parentId, index, removed);
}

export interface Target {
  parentId: string | null;
  index: number;
}

/** Alt+↑ / Alt+↓: one place up or down among the siblings; null at the ends. */
export function shiftTarget(outline: Outline, id: string, delta: -1 | 1): Target | null {
  const at = locate(outline, id);
  if (!at) return null;
  const index = at.index + delta;
  if (index < 0 || index >= at.siblings.length) return null;
  return { parentId: at.parentId, index };
}

/** Tab: become the last child of the previous sibling. */
export function indentTarget(outline: Outline, id: string): Target | null {
  const at = locate(outline, id);
  if (!at || at.index === 0) return null;
  const prev = at.siblings[at.index - 1]!;
  if (prev.kind === 'paragraph') return null;
  return { parentId: prev.id, index: prev.children.length };
}

/** Shift+Tab: become the sibling right after the parent. */
export function outdentTarget(outline: Outline, id: string): Target | null {
  const at = locate(outline, id);
  if (!at || at.parentId === null) return null;
  const parent = locate(outline, at.parentId)!;
  return { parentId: parent.parentId, index: parent.index + 1 };
}

/**
 * Where a dragged row lands on the row under the pointer: beside it ('before'/'after', by the drag's
 * direction) or, dragged right by more than INDENT_DRAG px onto a row that takes children, inside it —
 * as its first child over the row's upper half, as its last child over the lower half.
 */
export type DropPlacement = 'before' | 'after' | 'firstChild' | 'lastChild';

export const INDENT_DRAG = 48;

export function dropPlacement(input: {
  targetKind: StoredNode['kind'];
  /** Visible-row positions of the dragged row and of the row under the pointer */
  fromRow: number;
  toRow: number;
  deltaX: number;
  pointerY: number;
  rowTop: number;
  rowHeight: number;
}): DropPlacement {
  if (input.deltaX > INDENT_DRAG && input.targetKind !== 'paragraph') {
    return input.pointerY < input.rowTop + input.rowHeight / 2 ? 'firstChild' : 'lastChild';
  }
  return input.fromRow < input.toRow ? 'after' : 'before';
}

/** The outline.moveNode arguments for a drop; null when the node would go inside itself. */
export function dropTarget(outline: Outline, id: string, targetId: string, placement: DropPlacement): Target | null {
  if (id === targetId || isWithin(outline, id, targetId)) return null;
  const target = locate(outline, targetId);
  if (!target) return null;
  if (placement === 'firstChild') return { parentId: targetId, index: 0 };
  if (placement === 'lastChild') return { parentId: targetId, index: target.node.children.filter((c) => c.id !== id).length };
  const idx = target.siblings.filter((n) => n.id !== id).findIndex((n) => n.id === targetId);
  return { parentId: target.parentId, index: placement === 'after' ? idx + 1 : idx };
}

/** Applies an editor patch locally, the way the service merges it. */
export function applyPatch(node: StoredNode, patch: NodePatch): StoredNode {
  const next: StoredNode = { ...node };
  if (patch.kind !== undefined) next.kind = patch.kind;
  if (patch.heading !== undefined) next.heading = patch.heading;
  if (patch.body !== undefined) next.body = patch.body;
  if (patch.style !== undefined) next.style = patch.style;
  if (patch.measure) {
    const base = next.measure ?? emptyMeasure();
    const m = { ...base };
    for (const [key, value] of Object.entries(patch.measure)) {
      if (value !== undefined) (m as Record<string, unknown>)[key] = value;
    }
    next.measure = m;
  }
  return next;
}

/** Merges a later patch into an earlier one (measure fields merge field by field). */
export function mergePatch(a: NodePatch | undefined, b: NodePatch): NodePatch {
  if (!a) return b;
  const merged: NodePatch = { ...a, ...b };
  if (a.measure || b.measure) merged.measure = { ...a.measure, ...b.measure };
  return merged;
}

export function countMeasures(node: StoredNode): number {
  let n = 0;
  for (const child of node.children) n += (child.kind === 'measure' ? 1 : 0) + countMeasures(child);
  return n;
}

export interface Row {
  node: StoredNode;
  depth: number;
  marker: string;
  parentId: string | null;
  /** Measures inside (for sections) */
  count: number;
}

/** The visible rows of the tree in document order, skipping the insides of collapsed nodes. */
export function visibleRows(outline: Outline, collapsed: ReadonlySet<string>, continuous: boolean): Row[] {
  const markers = computeMarkers(outline as StoredNode[], { level3Numbering: continuous ? 'continuous' : 'restart' });
  const rows: Row[] = [];
  const walk = (list: readonly StoredNode[], depth: number, parentId: string | null): void => {
    for (const node of list) {
      rows.push({ node, depth, marker: markers.get(node) ?? '', parentId, count: node.kind === 'section' ? countMeasures(node) : 0 });
      if (node.children.length > 0 && !collapsed.has(node.id)) walk(node.children, depth + 1, node.id);
    }
  };
  walk(outline, 0, null);
  return rows;
}

/** Every node id in document order (for keyboard navigation past collapsed parts use visibleRows). */
export function allIds(outline: Outline): string[] {
  const ids: string[] = [];
  const walk = (list: readonly StoredNode[]): void => {
    for (const node of list) {
      ids.push(node.id);
      walk(node.children);
    }
  };
  walk(outline);
  return ids;
}

/** Placeholders left to fill: {单位}, {N}, {方面} … */
export const PLACEHOLDER = /\{[^{}\n]{1,20}\}/g;

const HAS_PLACEHOLDER = /\{[^{}\n]{1,20}\}/;

export function hasPlaceholder(text: string): boolean {
  return HAS_PLACEHOLDER.test(text);
}

/** Splits text into plain and placeholder parts for highlighting. */
export function splitPlaceholders(text: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start), placeholder: false });
    parts.push({ text: m[0], placeholder: true });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), placeholder: false });
  return parts;
}
