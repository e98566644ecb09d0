import { useSyncExternalStore } from 'react';
import type { PlanStore, EditorSnapshot } from './plan-store.ts';

/**
 * The text field the user last typed in. 常用语 are inserted at its cursor, and "存为常用语" /
 * "由选中文字新建问题" read its selection — after focus has moved to the panel's button, which is
 * why the field is remembered here rather than read from document.activeElement.
 */
export interface ActiveField {
  /** Label of the field (措施标题, 正文 …) for messages */
  label: string;
  nodeId: string | null;
  element: HTMLInputElement | HTMLTextAreaElement;
  /** Inserts text at the remembered cursor, replacing the selection */
  insert(text: string): void;
}

let active: ActiveField | null = null;

export function setActiveField(field: ActiveField | null): void {
  active = field;
}

export function getActiveField(): ActiveField | null {
  if (active && !active.element.isConnected) active = null;
  return active;
}

/** The selected text in the remembered field ('' when none). */
export function activeSelection(): string {
  const field = getActiveField();
  if (!field) return '';
  const { selectionStart, selectionEnd, value } = field.element;
  if (selectionStart === null || selectionEnd === null || selectionEnd <= selectionStart) return '';
  return value.slice(selectionStart, selectionEnd);
}

/** Text with `insert` put where the element's cursor/selection is; returns the new value and caret. */
export function insertAtCursor(element: HTMLInputElement | HTMLTextAreaElement, value: string, insert: string): { value: string; caret: number } {
  const start = element.selectionStart ?? value.length;
  const end = element.selectionEnd ?? start;
  return { value: value.slice(0, start) + insert + value.slice(end), caret: start + insert.length };
}

/** Subscribes a component to one slice of the editor store. */
export function useEditor<T>(store: PlanStore, select: (s: EditorSnapshot) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
