import { describe, expect, it } from 'vitest';
import type { StoredNode } from '../../../shared/api/plans.ts';
import {
  applyPatch,
  dropPlacement,
  dropTarget,
  indentTarget,
  isWithin,
  mergePatch,
  moveNode,
  outdentTarget,
  removeNode,
  replaceNode,
  shiftTarget,
  splitPlaceholders,
  hasPlaceholder,
  visibleRows,
} from '../../../renderer/editor/outline-ops.ts';

function node(id: string, kind: StoredNode['kind'], children: StoredNode[] = []): StoredNode {
  return { id, kind, heading: id, body: [], style: {}, measure: null, problemKeys: [], children };
}

// 一、A（（一）A1：1. m1 2. m2 3. m3；（二）A2：1. m4）二、B
const tree = (): StoredNode[] => [
  node('A', 'section', [node('A1', 'section', [node('m1', 'measure'), node('m2', 'measure'), node('m3', 'measure')]), node('A2', 'section', [node('m4', 'measure')])]),
  node('B', 'section'),
];

const labels = (rows: { marker: string; node: StoredNode }[]): string[] => rows.map((r) => r.marker + r.node.id);

describe('编辑器大纲操作（与服务端语义一致，即时重排序号）', () => {
  it('可见行带生成的序号与每节措施数，折叠的节点不显示下级', () => {
    const rows = visibleRows(tree(), new Set(), false);
    expect(labels(rows)).toEqual(['一、A', '（一）A1', '1.m1', '2.m2', '3.m3', '（二）A2', '1.m4', '二、B']);
    expect(rows.find((r) => r.node.id === 'A')!.count).toBe(4);
    expect(rows.find((r) => r.node.id === 'A1')!.count).toBe(3);
    expect(labels(visibleRows(tree(), new Set(['A1']), false))).toEqual(['一、A', '（一）A1', '（二）A2', '1.m4', '二、B']);
    // Continuous level-3 numbering runs through the document.
    expect(labels(visibleRows(tree(), new Set(), true))).toContain('4.m4');
  });

  it('Alt+↑/↓ 在同级间移动，两端不动', () => {
    expect(shiftTarget(tree(), 'm2', -1)).toEqual({ parentId: 'A1', index: 0 });
    expect(shiftTarget(tree(), 'm1', -1)).toBeNull();
    expect(shiftTarget(tree(), 'm3', 1)).toBeNull();
    const moved = moveNode(tree(), 'm3', 'A1', 0);
    expect(labels(visibleRows(moved, new Set(), false)).slice(2, 5)).toEqual(['1.m3', '2.m1', '3.m2']);
  });

  it('Tab 降级为上一同级的最后一个子节点；Shift+Tab 升级到父节点之后', () => {
    expect(indentTarget(tree(), 'm2')).toEqual({ parentId: 'm1', index: 0 });
    expect(indentTarget(tree(), 'm1')).toBeNull();
    const demoted = moveNode(tree(), 'm2', 'm1', 0);
    expect(labels(visibleRows(demoted, new Set(), false)).slice(2, 5)).toEqual(['1.m1', '（1）m2', '2.m3']);
    expect(outdentTarget(demoted, 'm2')).toEqual({ parentId: 'A1', index: 1 });
    expect(outdentTarget(tree(), 'A')).toBeNull();
    const promoted = moveNode(tree(), 'A2', null, 1);
    expect(labels(visibleRows(promoted, new Set(), false))).toEqual(['一、A', '（一）A1', '1.m1', '2.m2', '3.m3', '二、A2', '（一）m4', '三、B']);
  });

  it('拖放：向右拖到节标题上半部作第一项、下半部作最后一项；不向右时放在目标之前/之后', () => {
    const row = { rowTop: 100, rowHeight: 24 };
    const upper = { ...row, pointerY: 105 };
    const lower = { ...row, pointerY: 120 };
    expect(dropPlacement({ targetKind: 'section', fromRow: 7, toRow: 5, deltaX: 60, ...upper })).toBe('firstChild');
    expect(dropPlacement({ targetKind: 'section', fromRow: 7, toRow: 5, deltaX: 60, ...lower })).toBe('lastChild');
    expect(dropPlacement({ targetKind: 'section', fromRow: 2, toRow: 5, deltaX: 10, ...upper })).toBe('after');
    expect(dropPlacement({ targetKind: 'measure', fromRow: 5, toRow: 2, deltaX: 10, ...lower })).toBe('before');
    // A paragraph takes no children: dragged right onto it, the node goes beside it.
    expect(dropPlacement({ targetKind: 'paragraph', fromRow: 1, toRow: 3, deltaX: 80, ...upper })).toBe('after');

    // m4 as the first child of A1 (before m1), and as the last (after m3).
    const first = dropTarget(tree(), 'm4', 'A1', 'firstChild')!;
    expect(first).toEqual({ parentId: 'A1', index: 0 });
    expect(labels(visibleRows(moveNode(tree(), 'm4', first.parentId, first.index), new Set(), false)).slice(1, 6)).toEqual([
      '（一）A1',
      '1.m4',
      '2.m1',
      '3.m2',
      '4.m3',
    ]);
    expect(dropTarget(tree(), 'm4', 'A1', 'lastChild')).toEqual({ parentId: 'A1', index: 3 });
    // A child already in the section moves to its top; the last-child index does not count itself.
    expect(dropTarget(tree(), 'm3', 'A1', 'firstChild')).toEqual({ parentId: 'A1', index: 0 });
    expect(dropTarget(tree(), 'm1', 'A1', 'lastChild')).toEqual({ parentId: 'A1', index: 2 });
    // Beside a row: index among the siblings without the dragged node.
    expect(dropTarget(tree(), 'm1', 'm3', 'after')).toEqual({ parentId: 'A1', index: 2 });
    expect(dropTarget(tree(), 'm3', 'm1', 'before')).toEqual({ parentId: 'A1', index: 0 });
    // Never into itself or its own subtree.
    expect(dropTarget(tree(), 'A', 'A1', 'firstChild')).toBeNull();
    expect(dropTarget(tree(), 'A1', 'A1', 'firstChild')).toBeNull();
  });

  it('删除后其余节点重新编号；节点不能移入自身', () => {
    const { outline, removed } = removeNode(tree(), 'm1');
    expect(removed?.id).toBe('m1');
    expect(labels(visibleRows(outline, new Set(), false)).slice(2, 4)).toEqual(['1.m2', '2.m3']);
    expect(isWithin(tree(), 'A', 'm2')).toBe(true);
    expect(isWithin(tree(), 'A1', 'A2')).toBe(false);
    const same = tree();
    expect(moveNode(same, 'A', 'm2', 0)).toBe(same);
  });

  it('只复制到被改节点的路径，其余子树保持原对象（行不必重绘）', () => {
    const before = tree();
    const after = replaceNode(before, 'm2', (n) => applyPatch(n, { heading: '新标题' }));
    expect(after[0]!.children[0]!.children[1]!.heading).toBe('新标题');
    expect(after[0]!.children[1]).toBe(before[0]!.children[1]);
    expect(after[1]).toBe(before[1]);
    expect(after[0]!.children[0]!.children[0]).toBe(before[0]!.children[0]!.children[0]);
  });

  it('措施字段逐项合并', () => {
    const merged = mergePatch({ heading: 'a', measure: { department: '办公室' } }, { measure: { deadline: '立行立改' } });
    expect(merged).toEqual({ heading: 'a', measure: { department: '办公室', deadline: '立行立改' } });
    const m = applyPatch(node('x', 'measure'), merged);
    expect(m.measure).toMatchObject({ department: '办公室', deadline: '立行立改', status: 'not_started', cooperating: [] });
  });

  it('识别并切分未填写的占位符', () => {
    expect(hasPlaceholder('{单位}领导班子')).toBe(true);
    expect(hasPlaceholder('领导班子')).toBe(false);
    // Repeated calls give the same answer (no global-regex state).
    expect(hasPlaceholder('{单位}')).toBe(true);
    expect(splitPlaceholders('在{方面}方面存在{N}个问题')).toEqual([
      { text: '在', placeholder: false },
      { text: '{方面}', placeholder: true },
      { text: '方面存在', placeholder: false },
      { text: '{N}', placeholder: true },
      { text: '个问题', placeholder: false },
    ]);
  });
});
