import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DndContext, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors, type DragMoveEvent } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { STATUS_LABELS } from '../../shared/domain/status.ts';
import type { StoredNode } from '../../shared/api/plans.ts';
import { Highlighted } from './fields.tsx';
import { useEditor } from './active-field.ts';
import { dropPlacement, dropTarget, isWithin, visibleRows, type DropPlacement } from './outline-ops.ts';
import type { PlanStore } from './plan-store.ts';

export const HEADER_ID = '__header__';

export type TreeCommand = 'moveUp' | 'moveDown' | 'indent' | 'outdent' | 'newSibling' | 'delete';

export interface OutlineTreeProps {
  store: PlanStore;
  selectedId: string;
  collapsed: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onToggle: (id: string, open?: boolean) => void;
  onCommand: (command: TreeCommand, id: string) => void;
  onMove: (id: string, parentId: string | null, index: number) => void;
}

function nodeLabel(node: StoredNode): string {
  return node.heading.trim() || node.body[0]?.slice(0, 40) || '（未填写）';
}

/**
 * The outline: generated markers, counts per section, collapse/expand, keyboard (↑/↓ select,
 * ←/→ collapse/expand, Alt+↑/↓ move, Tab/Shift+Tab demote/promote, Enter new sibling, Delete) and
 * drag and drop (drop on a row to place before/after it; drag right to put it inside — over the row's
 * upper half as its first child, over the lower half as its last). While dragging, the row under the
 * pointer shows where the node will land (a line and a short note).
 */
export const OutlineTree = memo(function OutlineTree(props: OutlineTreeProps) {
  const { store, selectedId, collapsed, onSelect, onToggle, onCommand, onMove } = props;
  const outline = useEditor(store, (s) => s.outline);
  const title = useEditor(store, (s) => s.plan.document.title);
  const continuous = useEditor(store, (s) => s.plan.document.level3Numbering === 'continuous');
  const rows = useMemo(() => visibleRows(outline, collapsed, continuous), [outline, collapsed, continuous]);
  // The same ids (even as a new array) must not make every sortable row re-render.
  const idsKey = rows.map((r) => r.node.id).join('\n');
  const ids = useMemo(() => (idsKey ? idsKey.split('\n') : []), [idsKey]);
  const treeRef = useRef<HTMLUListElement>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  // Keep keyboard focus on the selected row while the user works in the tree (it moves on re-render).
  useEffect(() => {
    const tree = treeRef.current;
    if (!tree || !tree.contains(document.activeElement)) return;
    const row = tree.querySelector<HTMLElement>(`[data-node-id="${window.CSS.escape(selectedId)}"]`);
    if (row && row !== document.activeElement) row.focus();
  }, [selectedId, rows]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const order = [HEADER_ID, ...ids];
    const at = order.indexOf(selectedId);
    const row = rows.find((r) => r.node.id === selectedId);
    const isNode = selectedId !== HEADER_ID && row !== undefined;
    const stop = (): void => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      stop();
      if (isNode) onCommand(e.key === 'ArrowUp' ? 'moveUp' : 'moveDown', selectedId);
      return;
    }
    switch (e.key) {
      case 'ArrowUp':
        stop();
        if (at > 0) onSelect(order[at - 1]!);
        return;
      case 'ArrowDown':
        stop();
        if (at < order.length - 1) onSelect(order[at + 1]!);
        return;
      case 'Home':
        stop();
        onSelect(order[0]!);
        return;
      case 'End':
        stop();
        onSelect(order[order.length - 1]!);
        return;
      case 'ArrowLeft':
        stop();
        if (!row) return;
        if (row.node.children.length > 0 && !collapsed.has(row.node.id)) onToggle(row.node.id, false);
        else if (row.parentId) onSelect(row.parentId);
        return;
      case 'ArrowRight':
        stop();
        if (row && row.node.children.length > 0 && collapsed.has(row.node.id)) onToggle(row.node.id, true);
        return;
      case 'Tab':
        if (!isNode) return;
        stop();
        onCommand(e.shiftKey ? 'outdent' : 'indent', selectedId);
        return;
      case 'Enter':
        if (!isNode) return;
        stop();
        onCommand('newSibling', selectedId);
        return;
      case 'Delete':
        if (!isNode) return;
        stop();
        onCommand('delete', selectedId);
        return;
    }
  };

  // The drop the pointer would make now: shown on the row under it, applied on release.
  const [preview, setPreview] = useState<{ overId: string; placement: DropPlacement } | null>(null);

  const placementOf = ({ active, over, delta, activatorEvent }: DragMoveEvent): { overId: string; placement: DropPlacement } | null => {
    if (!over || active.id === over.id) return null;
    const activeId = String(active.id);
    const overId = String(over.id);
    const from = ids.indexOf(activeId);
    const to = ids.indexOf(overId);
    const target = rows[to];
    // A node cannot go inside itself.
    if (!target || from < 0 || isWithin(outline, activeId, overId)) return null;
    const startY = activatorEvent && 'clientY' in activatorEvent ? (activatorEvent as PointerEvent).clientY : over.rect.top;
    const placement = dropPlacement({
      targetKind: target.node.kind,
      fromRow: from,
      toRow: to,
      deltaX: delta.x,
      pointerY: startY + delta.y,
      rowTop: over.rect.top,
      rowHeight: over.rect.height,
    });
    return { overId, placement };
  };

  const onDragMove = (e: DragMoveEvent): void => {
    const next = placementOf(e);
    // Only a changed placement re-renders (two rows at most), not every pointer move.
    setPreview((prev) => (prev?.overId === next?.overId && prev?.placement === next?.placement ? prev : next));
  };

  const onDragEnd = (e: DragMoveEvent): void => {
    setPreview(null);
    const drop = placementOf(e);
    if (!drop) return;
    const target = dropTarget(outline, String(e.active.id), drop.overId, drop.placement);
    if (target) onMove(String(e.active.id), target.parentId, target.index);
  };

  return (
    // Draggable/droppable rows rather than a sortable list: a reorder re-renders only the rows that
    // changed, not all of a 400-measure tree.
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => setPreview(null)}
    >
        <ul className="tree" role="tree" aria-label="方案大纲" ref={treeRef} onKeyDown={onKeyDown}>
          <li
            role="treeitem"
            aria-selected={selectedId === HEADER_ID}
            aria-level={1}
            aria-label="方案信息"
            tabIndex={selectedId === HEADER_ID ? 0 : -1}
            data-node-id={HEADER_ID}
            className={`tree-row tree-header${selectedId === HEADER_ID ? ' selected' : ''}`}
            onClick={() => onSelect(HEADER_ID)}
          >
            <span className="tree-text">
              <span className="tree-kind">方案信息</span> <Highlighted text={title} />
            </span>
          </li>
          {rows.map((row) => (
            <TreeRow
              key={row.node.id}
              node={row.node}
              depth={row.depth}
              marker={row.marker}
              count={row.count}
              selected={row.node.id === selectedId}
              collapsed={collapsed.has(row.node.id)}
              drop={preview?.overId === row.node.id ? preview.placement : null}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          ))}
        </ul>
    </DndContext>
  );
});

/** The note on the row under a dragged node, saying where it will land. */
const DROP_HINTS: Record<DropPlacement, string> = {
  before: '移到此项之前',
  after: '移到此项之后',
  firstChild: '放入其下，作第一项',
  lastChild: '放入其下，作最后一项',
};

const TreeRow = memo(function TreeRow(props: {
  node: StoredNode;
  depth: number;
  marker: string;
  count: number;
  selected: boolean;
  collapsed: boolean;
  /** Where a node dragged over this row would land; null when nothing is dragged over it */
  drop: DropPlacement | null;
  onSelect: (id: string) => void;
  onToggle: (id: string, open?: boolean) => void;
}) {
  const { node, depth, marker, count, selected, collapsed, drop: dropAt } = props;
  const drag = useDraggable({ id: node.id });
  const drop = useDroppable({ id: node.id });
  const { attributes, listeners, transform, isDragging } = drag;
  const setNodeRef = (el: HTMLElement | null): void => {
    drag.setNodeRef(el);
    drop.setNodeRef(el);
  };
  const hasChildren = node.children.length > 0;
  const label = nodeLabel(node);
  const emptySection = node.kind === 'section' && node.children.length === 0 && node.body.length === 0;
  return (
    <li
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="treeitem"
      aria-roledescription={undefined}
      aria-describedby={undefined}
      aria-selected={selected}
      aria-level={depth + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-label={`${marker}${label}`}
      tabIndex={selected ? 0 : -1}
      data-node-id={node.id}
      data-kind={node.kind}
      className={`tree-row tree-${node.kind}${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}${drop.isOver && !isDragging ? ' drop-over' : ''}${dropAt ? ` drop-${dropAt}` : ''}`}
      data-drop={dropAt ?? undefined}
      style={{ paddingLeft: 4 + depth * 18, transform: CSS.Translate.toString(transform), ['--drop-indent' as string]: `${22 + (depth + 1) * 18}px` }}
      onClick={() => props.onSelect(node.id)}
    >
      <span
        className="tree-toggle"
        aria-hidden="true"
        onClick={(e) => {
          if (!hasChildren) return;
          e.stopPropagation();
          props.onToggle(node.id);
        }}
        onPointerDown={(e) => hasChildren && e.stopPropagation()}
      >
        {hasChildren ? collapsed ? <CaretRightOutlined aria-hidden /> : <CaretDownOutlined aria-hidden /> : null}
      </span>
      <span className="tree-marker">{marker}</span>
      <span className="tree-text">
        <Highlighted text={label} />
      </span>
      {/* A prose section (总体要求, 组织领导 …) has no measures by design: no "0项" beside it. */}
      {node.kind === 'section' && (emptySection || count > 0) && (
        <span className={`tree-count${emptySection ? ' empty' : ''}`} title="本节措施数">
          {emptySection ? '空' : `${count}项`}
        </span>
      )}
      {node.kind === 'measure' && node.measure && node.measure.status !== 'not_started' && (
        <span className="tree-status">{STATUS_LABELS[node.measure.status]}</span>
      )}
      {dropAt && <span className="tree-drop-hint">{DROP_HINTS[dropAt]}</span>}
    </li>
  );
});
