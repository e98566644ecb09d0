import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { DndContext, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { STATUS_LABELS } from '../../shared/domain/status.ts';
import type { StoredNode } from '../../shared/api/plans.ts';
import { Highlighted } from './fields.tsx';
import { useEditor } from './active-field.ts';
import { isWithin, locate, visibleRows } from './outline-ops.ts';
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
 * drag and drop (drop on a row to place before/after it; drag right to put it inside).
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

  const onDragEnd = ({ active, over, delta }: DragEndEvent): void => {
    if (!over || active.id === over.id) return;
    const activeId = String(active.id);
    const from = ids.indexOf(activeId);
    const to = ids.indexOf(String(over.id));
    const target = rows[to];
    if (!target || from < 0) return;
    // A node cannot go inside itself.
    if (isWithin(outline, activeId, target.node.id)) return;
    if (delta.x > 48 && target.node.kind !== 'paragraph') {
      // Dragged to the right: becomes the last child of the row it was dropped on.
      onMove(activeId, target.node.id, target.node.children.filter((c) => c.id !== activeId).length);
      return;
    }
    const at = locate(outline, target.node.id);
    if (!at) return;
    const siblings = at.siblings.filter((n) => n.id !== activeId);
    const idx = siblings.findIndex((n) => n.id === target.node.id);
    onMove(activeId, target.parentId, from < to ? idx + 1 : idx);
  };

  return (
    // Draggable/droppable rows rather than a sortable list: a reorder re-renders only the rows that
    // changed, not all of a 400-measure tree.
    <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragEnd={onDragEnd}>
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
              onSelect={onSelect}
              onToggle={onToggle}
            />
          ))}
        </ul>
    </DndContext>
  );
});

const TreeRow = memo(function TreeRow(props: {
  node: StoredNode;
  depth: number;
  marker: string;
  count: number;
  selected: boolean;
  collapsed: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string, open?: boolean) => void;
}) {
  const { node, depth, marker, count, selected, collapsed } = props;
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
      className={`tree-row tree-${node.kind}${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}${drop.isOver && !isDragging ? ' drop-over' : ''}`}
      style={{ paddingLeft: 4 + depth * 18, transform: CSS.Translate.toString(transform) }}
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
    </li>
  );
});
